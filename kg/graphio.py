"""Reading graphs kg wrote (or any RDF file) back in, for the commands that take GRAPH.

>>> import tempfile, pathlib
>>> p = pathlib.Path(tempfile.mkdtemp()) / "g.nt"
>>> _ = p.write_text('<http://x/a> <http://x/p> <http://x/b> .\\n')
>>> len(union(load(p)))
1
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from kg.errors import GraphError, InputError

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

#: rdflib parser names by file extension.
FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}


def rdf_format(path: str | Path) -> str:
    """The rdflib parser name for ``path``; :class:`GraphError` for an unknown extension."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        known = " ".join(sorted(FORMATS))
        raise GraphError(f"{path}: unknown RDF file extension {suffix!r}; use one of {known}")
    return FORMATS[suffix]


def load(path: str | Path) -> Dataset:
    """Parse an RDF file into a Dataset (named graphs kept for TriG and N-Quads)."""
    from rdflib import Dataset

    p = Path(path)
    fmt = rdf_format(p)
    if not p.is_file():
        raise InputError(f"no such graph file: {p}; build one with 'kg build ... -o {p.name}'")
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
