"""Exporters: a KnowledgeGraph written to a binary stream in one format.

Each exporter is registered by format name in ``setup.cfg`` (group ``kg.exporters``) and loaded
through :mod:`kg.registry`. RDF is built with :mod:`kg.rdf` and serialised by rdflib; the
bytes are identical for identical input across runs and processes (line-based formats are
sorted, the others come from a graph built in sorted order by serialisers that keep that order).
"""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, BinaryIO, ClassVar, Protocol, runtime_checkable

from kg.errors import OutputError
from kg.model import Entity, KnowledgeGraph, Mention, Relation
from kg.rdf import DEFAULT_BASE, check_base, entity_iri, relation_sort_key, to_dataset, to_graph

if TYPE_CHECKING:
    from rdflib import Dataset, Graph


@runtime_checkable
class Exporter(Protocol):
    """Writes a KnowledgeGraph to ``out`` in one format."""

    name: str
    extension: str
    media_type: str

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
OXIGRAPH_MIN_TRIPLES = 20_000

#: Predicates written first in a subject's block (as rdflib does): ``a``, then ``rdfs:label``.
_FIRST_PREDICATES = {
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type": 0,
    "http://www.w3.org/2000/01/rdf-schema#label": 1,
}


class _OxTerms:
    """rdflib terms to pyoxigraph terms (each converted once), noting every IRI met."""

    def __init__(self) -> None:
        self.terms: dict[Any, Any] = {}
        self.iris: set[str] = set()

    def __call__(self, node: Any) -> Any:
        found = self.terms.get(node)
        if found is None:
            import pyoxigraph as ox
            from rdflib import BNode, Literal, URIRef

            if isinstance(node, URIRef):
                self.iris.add(str(node))
                found = ox.NamedNode(str(node))
            elif isinstance(node, Literal):
                if node.language:
                    found = ox.Literal(str(node), language=node.language)
                elif node.datatype:
                    self.iris.add(str(node.datatype))
                    found = ox.Literal(str(node), datatype=ox.NamedNode(str(node.datatype)))
                else:
                    found = ox.Literal(str(node))
            elif isinstance(node, BNode):
                found = ox.BlankNode(str(node))
            else:
                raise OutputError(f"cannot write the RDF term {node!r}")
            self.terms[node] = found
        return found

    def prefixes(self, source: Graph | Dataset) -> dict[str, str]:
        """The prefixes bound in ``source`` that some IRI met starts with, by name."""
        return {
            prefix: str(ns)
            for prefix, ns in sorted(source.namespaces())
            if prefix and any(iri.startswith(str(ns)) for iri in self.iris)
        }


def _triple_key(s: Any, p: Any, o: Any) -> tuple[str, int, str, str]:
    return (str(s), _FIRST_PREDICATES.get(p.value, 2), p.value, str(o))


def _oxigraph_bytes(source: Graph | Dataset, fmt: str) -> bytes:
    """``source`` as Turtle (a Graph, or the union of a Dataset's graphs) or TriG (a Dataset:
    default graph first, then named graphs by IRI), by pyoxigraph; statements sorted by
    subject, predicate (``a`` and ``rdfs:label`` first, as rdflib writes them), object."""
    import pyoxigraph as ox
    from rdflib import Dataset
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    term = _OxTerms()
    if fmt == "turtle":
        union = (
            {(s, p, o) for s, p, o, _ in source.quads((None, None, None, None))}
            if isinstance(source, Dataset)
            else set(source.triples((None, None, None)))
        )
        triples = [ox.Triple(term(s), term(p), term(o)) for s, p, o in union]
        triples.sort(key=lambda t: _triple_key(t.subject, t.predicate, t.object))
        data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=term.prefixes(source))
    elif not isinstance(source, Dataset):
        raise OutputError("TriG needs the dataset of named graphs, not one graph")
    else:
        keyed = []
        for s, p, o, c in source.quads((None, None, None, None)):
            graph_id = getattr(c, "identifier", c)
            named = graph_id is not None and graph_id != DATASET_DEFAULT_GRAPH_ID
            ts, tp, to = term(s), term(p), term(o)
            quad = ox.Quad(ts, tp, to, term(graph_id) if named else ox.DefaultGraph())
            keyed.append(((str(graph_id) if named else "", *_triple_key(ts, tp, to)), quad))
        keyed.sort(key=lambda item: item[0])
        quads = [quad for _, quad in keyed]
        data = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=term.prefixes(source))
    return data if isinstance(data, bytes) else b""


def _statement_count(source: Graph | Dataset) -> int:
    from rdflib import Dataset

    if isinstance(source, Dataset):
        return sum(len(g) for g in source.graphs())
    return len(source)


def _sorted_lines(data: bytes) -> bytes:
    """N-Triples / N-Quads with their lines sorted (one statement per line, order-free)."""
    lines = sorted(line for line in data.decode("utf-8").splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


#: rdflib serialiser names of the RDF formats, by kg format name.
RDF_SERIALISERS = {
    "ttl": "turtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "xml": "xml",
}
#: The RDF formats that keep named graphs (serialised from a Dataset).
QUAD_FORMATS = frozenset({"nq", "trig"})


def rdf_bytes(source: Graph | Dataset, name: str) -> bytes:
    """``source`` serialised in the RDF format ``name`` (a key of :data:`RDF_SERIALISERS`).

    ``source`` is a Dataset for the formats of :data:`QUAD_FORMATS`, else a Graph. The bytes
    are deterministic when ``source`` was filled in a sorted order (see :func:`kg.rdf.to_graph`):
    N-Triples and N-Quads lines are sorted, TriG graphs come in IRI order, JSON-LD nodes in
    ``@id`` order.
    """
    if name in ("ttl", "trig") and _statement_count(source) >= OXIGRAPH_MIN_TRIPLES:
        return _oxigraph_bytes(source, RDF_SERIALISERS[name])
    if name == "trig":
        return _trig_bytes(source)  # type: ignore[arg-type]
    if name == "jsonld":
        return _jsonld_bytes(source)
    with _quiet_rdflib():
        data = source.serialize(format=RDF_SERIALISERS[name], encoding="utf-8")
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
    """An RDF format that rdflib serialises, from the union graph or from the dataset."""

    name: ClassVar[str]
    extension: ClassVar[str]
    media_type: ClassVar[str]

    def export(self, kg: KnowledgeGraph, out: BinaryIO, base: str = DEFAULT_BASE) -> None:
        quads = self.name in QUAD_FORMATS
        source: Graph | Dataset = to_dataset(kg, base) if quads else to_graph(kg, base)
        _write(out, rdf_bytes(source, self.name), self.name)


class TurtleExporter(_RdfExporter):
    """Turtle: the union of all graphs (entities, relations, provenance)."""

    name = "ttl"
    extension = "ttl"
    media_type = "text/turtle"


class NTriplesExporter(_RdfExporter):
    """N-Triples, lines sorted."""

    name = "nt"
    extension = "nt"
    media_type = "application/n-triples"


class NQuadsExporter(_RdfExporter):
    """N-Quads: each document's facts in its named graph; lines sorted."""

    name = "nq"
    extension = "nq"
    media_type = "application/n-quads"


class TriGExporter(_RdfExporter):
    """TriG: entities in the default graph, each document's facts in its named graph."""

    name = "trig"
    extension = "trig"
    media_type = "application/trig"


class JsonLdExporter(_RdfExporter):
    """JSON-LD (expanded form) of the union graph."""

    name = "jsonld"
    extension = "jsonld"
    media_type = "application/ld+json"


class RdfXmlExporter(_RdfExporter):
    """RDF/XML of the union graph."""

    name = "xml"
    extension = "rdf"
    media_type = "application/rdf+xml"


def _endpoint(m: Mention, entities: dict[str, Entity], base: str) -> dict[str, Any]:
    from kg.link import link_fields

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


def relation_record(r: Relation, entities: dict[str, Entity], base: str) -> dict[str, Any]:
    """One relation as the JSONL contract's object (keys in contract order)."""
    rec: dict[str, Any] = {
        "doc": r.sentence.doc_id,
        "predicate": r.predicate,
        "subject": _endpoint(r.subject, entities, base),
        "object": _endpoint(r.object, entities, base),
        "sentence": r.sentence.text,
        "confidence": round(r.confidence, 3),
        "extractor": r.extractor,
    }
    if r.negated:
        rec["negated"] = True
    if r.hedged:
        rec["hedged"] = True
    if r.date:
        rec["date"] = r.date
    if r.qualifier:
        rec["category"] = r.qualifier
    if r.attributed_to is not None and r.attributed_to.entity:
        rec["attributed_to"] = _endpoint(r.attributed_to, entities, base)
    if r.open:
        rec["open"] = True
    return rec


class JsonlExporter:
    """One JSON object per relation (the JSONL contract of DESIGN.md); quotations left out."""

    name = "jsonl"
    extension = "jsonl"
    media_type = "application/jsonl"

    def export(self, kg: KnowledgeGraph, out: BinaryIO, base: str = DEFAULT_BASE) -> None:
        check_base(base)
        entities = {e.id: e for e in kg.entities}
        relations = sorted(
            (r for r in kg.relations if r.subject.entity and r.object.entity),
            key=relation_sort_key,
        )
        lines = [
            json.dumps(relation_record(r, entities, base), ensure_ascii=False) + "\n"
            for r in relations
        ]
        _write(out, "".join(lines).encode("utf-8"), self.name)
