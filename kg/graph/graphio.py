"""Reading graphs kg wrote (or any RDF file) back in, for the commands that take GRAPH.

A graph file may come from anyone, so before any parser sees it (:func:`check_input`):

- RDF/XML that declares entities (a DTD) is refused: expanding them is how a few hundred bytes
  become gigabytes ("billion laughs"); kg never writes one;
- JSON-LD nested deeper than :data:`MAX_JSON_DEPTH` is refused (the parsers recurse), and so
  is a ``@context`` or ``@import`` that names a document: kg fetches no context over the
  network or from a file;
- N-Triples and N-Quads are parsed by oxigraph (linear time; rdflib's own parser is quadratic
  in the length of a line, and kg writes a document's text on one line).

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.nt"
>>> _ = p.write_text('<http://x/a> <http://x/p> <http://x/b> .\\n')
>>> len(union(load(p)))
1
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from itertools import accumulate
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import GraphError, InputError, KgError

if TYPE_CHECKING:
    from rdflib import Dataset, Graph


def graph_suffixes() -> dict[str, Any]:
    """File extensions of RDF graph files (``".ttl"``) to the registered exporter class of
    their format: every exporter with an ``rdflib_format`` (and ``oxigraph_format``), by its
    ``extension`` and ``aliases``. The one table of RDF formats: this module, :mod:`kg.query.sparql`
    and ``kg eval``, ``kg analyze`` read it."""
    from kg import registry

    found = registry.extensions(registry.EXPORTERS).items()
    classes = {name: registry.load(registry.EXPORTERS, name) for _, name in found}
    return {
        ext: classes[name] for ext, name in found if getattr(classes[name], "rdflib_format", "")
    }


def is_graph_file(path: str | Path) -> bool:
    """Whether ``path``'s extension is that of an RDF graph file."""
    return Path(path).suffix.lower() in graph_suffixes()


def graph_format(path: str | Path, error: type[KgError] = GraphError) -> Any:
    """The exporter class of the RDF format of ``path``, by its extension; ``error`` (a
    :class:`GraphError` unless told) naming the known extensions for another one."""
    suffix = Path(path).suffix.lower()
    table = graph_suffixes()
    if suffix not in table:
        known = " ".join(sorted(table))
        raise error(f"{path}: unknown RDF file extension {suffix!r}; use one of {known}")
    return table[suffix]


def rdf_format(path: str | Path) -> str:
    """The rdflib parser name for ``path``; :class:`GraphError` for an unknown extension."""
    fmt: str = graph_format(path).rdflib_format
    return fmt


#: The deepest nesting of arrays and objects a JSON-LD file may have (kg writes 5 levels).
MAX_JSON_DEPTH = 200
#: The longest term (a literal, an IRI) oxigraph's parsers read: 16 MiB.
MAX_TERM_BYTES = 16 * 1024 * 1024

# a string, or an unclosed one to the end (so that no quote is tried twice: linear time)
_JSON_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*(?:"|\Z)', re.S)
_NOT_BRACKETS = bytes(c for c in range(256) if c not in b"[]{}")
_STEP = {ord("["): 1, ord("{"): 1, ord("]"): -1, ord("}"): -1}


class _RootReached(Exception):
    pass


def _check_xml(path: Path) -> None:
    """Refuse an XML file whose prolog declares entities; stops reading at the root element."""
    import xml.parsers.expat

    parser = xml.parsers.expat.ParserCreate()

    def entity(name: str, *_: object) -> None:
        raise GraphError(
            f"{path} declares XML entities ({name!r}, in a DTD): kg does not expand them; "
            "write the values out in the file"
        )

    def root(*_: object) -> None:
        raise _RootReached

    parser.EntityDeclHandler = entity
    parser.StartElementHandler = root
    try:
        with open(path, "rb") as f:
            while chunk := f.read(1 << 16):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
    except _RootReached:
        return
    except xml.parsers.expat.ExpatError as exc:
        raise GraphError(f"cannot parse {path} as xml: {exc}") from None
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None


def json_depth(data: bytes) -> int:
    """How deeply the arrays and objects of the JSON text ``data`` nest (strings skipped).

    >>> json_depth(b'{"a": [1, {"b": "[[["}]}')
    3
    """
    brackets = _JSON_STRING.sub(b"", data).translate(None, _NOT_BRACKETS)
    return max(accumulate(_STEP[c] for c in brackets), default=0)


def _named_contexts(value: Any) -> Iterator[str]:
    """The documents a JSON-LD value names as a ``@context`` or ``@import`` (to fetch)."""
    todo = [value]
    while todo:
        item = todo.pop()
        if isinstance(item, list):
            todo.extend(item)
        elif isinstance(item, dict):
            for key, inner in item.items():
                if key in ("@context", "@import"):
                    for ctx in inner if isinstance(inner, list) else [inner]:
                        if isinstance(ctx, str):
                            yield ctx
                todo.append(inner)


def _check_jsonld(path: Path) -> None:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror or exc}") from None
    depth = json_depth(data)
    if depth > MAX_JSON_DEPTH:
        raise GraphError(
            f"{path} nests JSON {depth} levels deep: kg reads JSON-LD up to {MAX_JSON_DEPTH} levels"
        )
    try:
        value = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise GraphError(f"cannot parse {path} as json-ld: {exc}") from None
    for named in _named_contexts(value):
        raise GraphError(
            f"{path} names a JSON-LD context to fetch ({named[:100]!r}): kg fetches none, "
            "from the network or from files; put the context in the file itself"
        )


def check_input(path: str | Path, fmt: str) -> None:
    """Refuse what no parser should be given (see the module docstring); ``fmt`` is
    :func:`rdf_format`'s name (or oxigraph's: ``RDF/XML``, ``JSON-LD``)."""
    name = fmt.lower().replace("_", "-").replace("/", "-")
    if name in ("xml", "rdf-xml"):
        _check_xml(Path(path))
    elif name == "json-ld":
        _check_jsonld(Path(path))


def _load_lines(path: Path, fmt: str) -> Dataset:
    """An N-Triples or N-Quads file read by oxigraph into an rdflib Dataset."""
    import pyoxigraph as ox

    try:
        quads = ox.parse(path=str(path), format=getattr(ox.RdfFormat, fmt))
        return oxigraph_to_rdflib(quads)
    except SyntaxError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "syntax error"
        raise GraphError(f"cannot parse {path} as {fmt.lower()}: {first}") from None
    except MemoryError:
        raise GraphError(too_long(path)) from None


def too_long(path: str | Path) -> str:
    """The message for a graph with a term over :data:`MAX_TERM_BYTES` (oxigraph's limit)."""
    return (
        f"cannot read {path}: it holds a literal or IRI over {MAX_TERM_BYTES >> 20} MiB, "
        "more than kg's RDF reader takes"
    )


def load(path: str | Path) -> Dataset:
    """Parse an RDF file into a Dataset (named graphs kept for TriG and N-Quads)."""
    from rdflib import Dataset

    p = Path(path)
    fmt = rdf_format(p)
    if not p.is_file():
        raise InputError(f"no such graph file: {p}; build one with 'kg build ... -o {p.name}'")
    check_input(p, fmt)
    if fmt in ("nt", "nquads"):
        return _load_lines(p, "N_TRIPLES" if fmt == "nt" else "N_QUADS")
    ds = Dataset()
    try:
        ds.parse(p, format=fmt)
    except Exception as exc:  # rdflib raises many kinds; all mean "not valid RDF"
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise GraphError(f"cannot parse {p} as {fmt}: {first}") from None
    return ds


def union(ds: Dataset) -> Graph:
    """All triples of a dataset, whatever their graph, in one Graph."""
    from rdflib import Graph

    g = Graph()
    for prefix, ns in ds.namespaces():
        g.bind(prefix, ns, override=False)
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def load_graph(path: str | Path) -> Graph:
    """The union graph of an RDF file."""
    return union(load(path))


def oxigraph_to_rdflib(quads: Iterable[Any]) -> Any:
    """An rdflib Dataset of pyoxigraph quads, term by term (no text to parse again: rdflib's
    N-Triples parser takes time quadratic in a line's length)."""
    import pyoxigraph as ox
    from rdflib import BNode, Dataset, Literal, URIRef
    from rdflib.namespace import XSD

    terms: dict[Any, Any] = {}
    ds = Dataset()
    graphs: dict[Any, Any] = {}

    def term(t: Any) -> Any:
        found = terms.get(t)
        if found is None:
            if isinstance(t, ox.NamedNode):
                found = URIRef(t.value)
            elif isinstance(t, ox.BlankNode):
                found = BNode(t.value)
            elif not isinstance(t, ox.Literal):
                raise GraphError(f"kg does not read RDF 1.2 triple terms: {str(t)[:100]}")
            elif t.language:
                found = Literal(t.value, lang=t.language)
            elif t.datatype.value == str(XSD.string):
                found = Literal(t.value)
            else:
                found = Literal(t.value, datatype=URIRef(t.datatype.value))
            terms[t] = found
        return found

    for q in quads:
        g = q.graph_name
        graph = graphs.get(g)
        if graph is None:
            graph = graphs[g] = (
                ds.default_graph if isinstance(g, ox.DefaultGraph) else ds.graph(term(g))
            )
        graph.add((term(q.subject), term(q.predicate), term(q.object)))
    return ds
