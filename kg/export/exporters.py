"""Exporters: a KnowledgeGraph written to a binary stream in one format.

Each exporter is registered by format name in ``setup.cfg`` (group ``kg.exporters``) and loaded
through :mod:`kg.registry`; ``kg build``, ``kg export`` and the commands that read graph files
know the formats only from there. RDF is built with :mod:`kg.graph.rdf` and serialised by rdflib;
the
bytes are identical for identical input across runs and processes (line-based formats are
sorted, the others come from a graph built in sorted order by serialisers that keep that order).
"""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, Literal, Protocol, runtime_checkable

from kg.errors import OutputError, UsageError
from kg.graph.model import Entity, KnowledgeGraph, Mention, Relation
from kg.graph.rdf import (
    DEFAULT_BASE,
    check_base,
    entity_iri,
    relation_sort_key,
    to_dataset,
    to_graph,
    to_quads,
)

if TYPE_CHECKING:
    from rdflib import Dataset, Graph


#: What an exporter is written from: ``graph``, the knowledge graph (its RDF, or for jsonl and
#: the csv facts table its relations); ``network``, the entity graph of
#: :func:`kg.analysis.netx.to_networkx`.
ExporterKind = Literal["graph", "network"]


@runtime_checkable
class Exporter(Protocol):
    """Writes a KnowledgeGraph to ``out`` in one format (``kg build -o``).

    Registered by ``name`` in the entry-point group ``kg.exporters``; ``extension`` (and an
    optional ``aliases`` tuple) tell the format from ``-o``'s file name, ``media_type`` names it
    on the web. ``kg export`` (from an RDF file, not from articles) can use it too when it has
    one of: ``network(G) -> bytes`` (kind ``network``:
    :class:`kg.export.network.NetworkExporter`),
    ``from_rdf(dataset) -> bytes`` (kind ``graph``: the RDF formats and the drawings), or
    ``tables(G, style) -> {file name: bytes}`` (a folder: csv).
    """

    name: str
    extension: str
    media_type: str
    kind: ExporterKind

    def export(self, kg: KnowledgeGraph, out: BinaryIO, base: str) -> None: ...


def _write(out: BinaryIO, data: bytes, fmt: str) -> None:
    try:
        out.write(data)
    except OSError as exc:
        raise OutputError(
            f"cannot write the {fmt} output: {exc}; check the path and free space"
        ) from exc


@contextmanager
def _quiet_rdflib() -> Iterator[None]:
    """Silence rdflib 7's deprecation warnings about its own Dataset API (raised by its TriG and
    N-Quads serialisers, not by kg)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        yield


#: From this many statements on, Turtle and TriG are written by pyoxigraph: rdflib's writers
#: are pure Python and slower than linear (each IRI's prefix is looked up among every namespace
#: seen so far), minutes for a corpus. Smaller graphs keep rdflib's layout. Either way the same
#: input gives the same bytes and the same graph (tested).
OXIGRAPH_MIN_TRIPLES = 5_000

#: Predicates written first in a subject's block (as rdflib does): ``a``, then ``rdfs:label``.
_FIRST_PREDICATES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": 0,
    "http://www.w3.org/2000/01/rdf-schema#label": 1,
}


class _OxTerms:
    """rdflib terms to pyoxigraph terms, each converted once, with a sort key (a string that
    differs for different terms), noting every IRI met."""

    def __init__(self) -> None:
        import pyoxigraph
        import rdflib

        self.terms: dict[Any, tuple[Any, str]] = {}
        self.iris: set[str] = set()
        self.ox = pyoxigraph  # imported once, not once per term
        self.rdflib = rdflib

    def __call__(self, node: Any) -> tuple[Any, str]:
        found = self.terms.get(node)
        if found is None:
            ox = self.ox
            BNode, Literal, URIRef = self.rdflib.BNode, self.rdflib.Literal, self.rdflib.URIRef

            text = str(node)
            if isinstance(node, URIRef):
                self.iris.add(text)
                found = (ox.NamedNode(text), "<" + text)
            elif isinstance(node, Literal):
                if node.language:
                    lit = ox.Literal(text, language=node.language)
                elif node.datatype:
                    self.iris.add(str(node.datatype))
                    lit = ox.Literal(text, datatype=ox.NamedNode(str(node.datatype)))
                else:
                    lit = ox.Literal(text)
                found = (lit, f'"{text}"\0{node.datatype or ""}\0{node.language or ""}')
            elif isinstance(node, BNode):
                found = (ox.BlankNode(text), "_:" + text)
            else:
                raise OutputError(f"cannot write the RDF term {node!r}")
            self.terms[node] = found
        return found

    def prefixes(self, namespaces: Iterable[tuple[str, Any]]) -> dict[str, str]:
        """The ``(prefix, namespace)`` pairs that some IRI met starts with, by prefix."""
        return {
            prefix: str(ns)
            for prefix, ns in sorted(namespaces)
            if prefix and any(iri.startswith(str(ns)) for iri in self.iris)
        }


def _oxigraph_bytes(
    quads: Iterable[tuple[Any, Any, Any, Any]], namespaces: Iterable[tuple[str, Any]], fmt: str
) -> bytes:
    """Statements ``(s, p, o, graph or None)`` (rdflib terms) as Turtle (their union) or TriG
    (default graph first, then named graphs by IRI), written by pyoxigraph; sorted by subject,
    predicate (``a`` and ``rdfs:label`` first, as rdflib writes them) and object, so the same
    statements give the same bytes. ``namespaces`` are the prefixes that may be declared."""
    import pyoxigraph as ox

    term = _OxTerms()
    default = ox.DefaultGraph()
    keyed: dict[tuple[str, str, int, str, str], Any] = {}
    for s, p, o, g in quads:
        (ts, ks), (tp, kp), (to, ko) = term(s), term(p), term(o)
        rank = _FIRST_PREDICATES.get(kp[1:], 2)
        if fmt == "turtle":
            keyed[("", ks, rank, kp, ko)] = ox.Triple(ts, tp, to)
        else:
            tg, kg_ = term(g) if g is not None else (default, "")
            keyed[(kg_, ks, rank, kp, ko)] = ox.Quad(ts, tp, to, tg)
    statements = [keyed[k] for k in sorted(keyed)]
    rdf_format = ox.RdfFormat.TURTLE if fmt == "turtle" else ox.RdfFormat.TRIG
    data = ox.serialize(statements, format=rdf_format, prefixes=term.prefixes(namespaces))
    return data if isinstance(data, bytes) else b""


def _source_quads(source: Graph | Dataset) -> list[tuple[Any, Any, Any, Any]]:
    """The statements of an rdflib Graph or Dataset as ``(s, p, o, graph or None)``."""
    from rdflib import Dataset
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    if not isinstance(source, Dataset):
        return [(s, p, o, None) for s, p, o in source.triples((None, None, None))]
    out = []
    for s, p, o, c in source.quads((None, None, None, None)):
        graph_id = getattr(c, "identifier", c)
        out.append((s, p, o, None if graph_id in (None, DATASET_DEFAULT_GRAPH_ID) else graph_id))
    return out


def _statement_count(source: Graph | Dataset) -> int:
    from rdflib import Dataset

    if isinstance(source, Dataset):
        return sum(len(g) for g in source.graphs())
    return len(source)


def _sorted_lines(data: bytes) -> bytes:
    """N-Triples / N-Quads with their lines sorted (one statement per line, order-free)."""
    # split at "\n" only: str.splitlines() also breaks at U+0085, U+2028... inside literals
    lines = sorted(line for line in data.decode("utf-8").split("\n") if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def rdf_exporter(name: str) -> Any:
    """The registered exporter class of the RDF format ``name`` (one with an ``rdflib_format``);
    :class:`~kg.errors.UsageError` naming the RDF formats otherwise."""
    from kg import registry

    if name in registry.names(registry.EXPORTERS):
        cls = registry.load(registry.EXPORTERS, name)
        if getattr(cls, "rdflib_format", None):
            return cls
    raise UsageError(f"unknown RDF format {name!r}; use one of {', '.join(rdf_format_names())}")


def rdf_format_names() -> list[str]:
    """The registered exporters that write RDF (they have an ``rdflib_format``), sorted."""
    from kg import registry

    return [n for n, cls in registry.loaded(registry.EXPORTERS).items() if _is_rdf(cls)]


def _is_rdf(cls: Any) -> bool:
    return bool(getattr(cls, "rdflib_format", None))


def rdf_bytes(source: Graph | Dataset, name: str) -> bytes:
    """``source`` serialised in the RDF format ``name`` (a registered RDF exporter's name).

    ``source`` is a Dataset for the formats that keep named graphs (an exporter's ``quads``),
    else a Graph. The bytes
    are deterministic when ``source`` was filled in a sorted order (see
    :func:`kg.graph.rdf.to_graph`):
    N-Triples and N-Quads lines are sorted, TriG graphs come in IRI order, JSON-LD nodes in
    ``@id`` order.
    """
    fmt = rdf_exporter(name).rdflib_format
    if name in ("ttl", "trig") and _statement_count(source) >= OXIGRAPH_MIN_TRIPLES:
        return _oxigraph_bytes(_source_quads(source), list(source.namespaces()), fmt)
    if name == "trig":
        return _trig_bytes(source)  # type: ignore[arg-type]
    if name == "jsonld":
        return _jsonld_bytes(source)
    with _quiet_rdflib():
        data = source.serialize(format=fmt, encoding="utf-8")
    return _sorted_lines(data) if name in ("nt", "nq") else data


def _trig_bytes(ds: Dataset) -> bytes:
    from rdflib.plugins.serializers.trig import TrigSerializer

    buffer = io.BytesIO()
    with _quiet_rdflib():
        serializer = TrigSerializer(ds)
        # rdflib lists the graphs in hash order, and the order of subjects inside a graph
        # depends on it (reference counts): the default graph first, then named graphs by IRI.
        default = serializer.default_context
        serializer.contexts.sort(key=lambda c: (c.identifier != default, str(c.identifier)))
        serializer.serialize(buffer, encoding="utf-8")
    return buffer.getvalue()


def _jsonld_bytes(g: Graph) -> bytes:
    from rdflib.plugins.serializers.jsonld import from_rdf

    # rdflib's JSON-LD serialiser itself (i) always writes xsd:double as JSON numbers (its
    # use_native_types option is ignored), which JSON-LD processors such as Jena turn into
    # another lexical form ("9.0E-1"), (ii) walks set(graph.subjects()), in hash order, and
    # (iii) formats differently when orjson is installed. So: rdflib's converter without
    # native types, node objects in @id order, and json.dumps.
    nodes = from_rdf(g, use_native_types=False)
    if isinstance(nodes, list):
        nodes.sort(key=lambda node: str(node.get("@id", "")))
    return (json.dumps(nodes, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


class _RdfExporter:
    """An RDF format that rdflib serialises, from the union graph or from the dataset.

    ``rdflib_format`` and ``oxigraph_format`` name the format for rdflib's and pyoxigraph's
    parsers and writers: every command that reads graph files (:mod:`kg.graph.graphio`,
    :mod:`kg.query.sparql`) reads the formats of the exporters that have them, by ``extension`` and
    ``aliases``. ``quads``: the format keeps named graphs (written from the dataset)."""

    name: ClassVar[str]
    extension: ClassVar[str]
    aliases: ClassVar[tuple[str, ...]] = ()
    media_type: ClassVar[str]
    kind: ClassVar[ExporterKind] = "graph"
    rdflib_format: ClassVar[str]
    oxigraph_format: ClassVar[str]
    quads: ClassVar[bool] = False

    def export(self, kg: KnowledgeGraph, out: BinaryIO, base: str = DEFAULT_BASE) -> None:
        if self.name in ("ttl", "trig"):
            statements = to_quads(kg, base)  # no rdflib store: large graphs skip it entirely
            if len(statements) >= OXIGRAPH_MIN_TRIPLES:
                from kg.graph.vocab import PREFIXES

                fmt = self.rdflib_format
                _write(out, _oxigraph_bytes(statements, PREFIXES, fmt), self.name)
                return
        source: Graph | Dataset = to_dataset(kg, base) if self.quads else to_graph(kg, base)
        _write(out, rdf_bytes(source, self.name), self.name)

    def from_rdf(self, ds: Dataset) -> bytes:
        """``ds`` (a graph file read back) in this format: the bytes ``kg build`` writes."""
        from kg.export.convert import rdf_export

        return rdf_export(ds, self.name)


class TurtleExporter(_RdfExporter):
    """Turtle: the union of all graphs (entities, relations, provenance)."""

    name = "ttl"
    extension = "ttl"
    aliases = ("turtle",)
    media_type = "text/turtle"
    rdflib_format = "turtle"
    oxigraph_format = "TURTLE"


class NTriplesExporter(_RdfExporter):
    """N-Triples, lines sorted."""

    name = "nt"
    extension = "nt"
    media_type = "application/n-triples"
    rdflib_format = "nt"
    oxigraph_format = "N_TRIPLES"


class NQuadsExporter(_RdfExporter):
    """N-Quads: each document's facts in its named graph; lines sorted."""

    name = "nq"
    extension = "nq"
    media_type = "application/n-quads"
    rdflib_format = "nquads"
    oxigraph_format = "N_QUADS"
    quads = True


class TriGExporter(_RdfExporter):
    """TriG: entities in the default graph, each document's facts in its named graph."""

    name = "trig"
    extension = "trig"
    media_type = "application/trig"
    rdflib_format = "trig"
    oxigraph_format = "TRIG"
    quads = True


class JsonLdExporter(_RdfExporter):
    """JSON-LD (expanded form) of the union graph."""

    name = "jsonld"
    extension = "jsonld"
    aliases = ("json",)
    media_type = "application/ld+json"
    rdflib_format = "json-ld"
    oxigraph_format = "JSON_LD"


class RdfXmlExporter(_RdfExporter):
    """RDF/XML of the union graph."""

    name = "xml"
    extension = "rdf"
    aliases = ("xml", "owl")
    media_type = "application/rdf+xml"
    rdflib_format = "xml"
    oxigraph_format = "RDF_XML"


def _endpoint(m: Mention, entities: dict[str, Entity], base: str) -> dict[str, Any]:
    from kg.resolve.link import link_fields

    e = entities.get(m.entity)
    return {
        "id": str(entity_iri(m.entity, base)),
        "label": e.label if e else m.text,
        "type": e.type if e else m.type,
        "text": m.text,
        "start": m.start,
        "end": m.end,
        **(link_fields(e.same_as) if e else {}),  # "wikidata", "geonames": IRIs, when linked
    }


def relation_record(
    r: Relation, entities: dict[str, Entity], base: str, published: str | None = None
) -> dict[str, Any]:
    """One relation as the JSONL contract's object (keys in contract order); ``published`` is
    its document's publication date, when known."""
    rec: dict[str, Any] = {
        "doc": r.sentence.doc_id,
        "predicate": r.predicate,
        "subject": _endpoint(r.subject, entities, base),
        "object": _endpoint(r.object, entities, base),
        "sentence": r.sentence.text,
        "confidence": round(r.confidence, 3),
        "extractor": r.extractor,
    }
    if r.rule:
        rec["rule"] = r.rule
    if r.negated:
        rec["negated"] = True
    if r.hedged:
        rec["hedged"] = True
    if r.date:
        rec["date"] = r.date
    if published:
        rec["published"] = published
    if r.qualifier:
        rec["category"] = r.qualifier
    if r.attributed_to is not None and r.attributed_to.entity:
        rec["attributed_to"] = _endpoint(r.attributed_to, entities, base)
    if r.open:
        rec["open"] = True
    return rec


class JsonlExporter:
    """One JSON object per relation (the JSONL contract of ARCHITECTURE.md); quotations left
    out. Written from the relations of the model, so by ``kg build`` only."""

    name = "jsonl"
    extension = "jsonl"
    media_type = "application/jsonl"
    kind: ExporterKind = "graph"

    def export(self, kg: KnowledgeGraph, out: BinaryIO, base: str = DEFAULT_BASE) -> None:
        check_base(base)
        entities = {e.id: e for e in kg.entities}
        published = {d.id: d.date for d in kg.documents}
        relations = sorted(
            (r for r in kg.relations if r.subject.entity and r.object.entity),
            key=relation_sort_key,
        )
        lines = [
            json.dumps(
                relation_record(r, entities, base, published.get(r.sentence.doc_id)),
                ensure_ascii=False,
            )
            + "\n"
            for r in relations
        ]
        _write(out, "".join(lines).encode("utf-8"), self.name)
