"""``kg export``: a graph kg wrote, re-written in another RDF or network format.

The formats are the registered exporters (:mod:`kg.registry`). RDF formats are re-serialised
by :func:`kg.export.exporters.rdf_bytes` from a copy of the input filled in sorted order, so the
bytes
are
those ``kg build`` writes for the same graph. Named graphs survive when both the input and the
output keep them (TriG, N-Quads); otherwise the output holds the union of the input's graphs.
Network formats (exporters of kind ``network``, and the csv folder) are written from the entity
graph of :func:`kg.analysis.netx.to_networkx`.

>>> fmt_for("graph.graphml"), fmt_for("out/g.gv"), fmt_for("tables")
('graphml', 'dot', None)
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset, Graph
    from rdflib.term import Node


def graph_exporters() -> dict[str, Any]:
    """The registered exporters ``kg export`` can write from a graph file, by name: those of
    kind ``network`` and those with ``from_rdf`` (RDF formats, drawings) or ``tables`` (a
    folder: csv). ``jsonl`` and plug-ins with only ``export`` need the articles (``kg build``)."""
    from kg import registry

    return {
        name: cls
        for name, cls in registry.loaded(registry.EXPORTERS).items()
        if getattr(cls, "kind", "") == "network"
        or hasattr(cls, "from_rdf")
        or hasattr(cls, "tables")
    }


def extensions() -> dict[str, str]:
    """Output formats of ``kg export`` by file extension (``-o`` without ``--format``): the
    single-file ones (a folder format is chosen with ``--format``)."""
    from kg import registry

    single = {n for n, cls in graph_exporters().items() if not hasattr(cls, "tables")}
    return {ext: name for ext, name in registry.extensions().items() if name in single}


def fmt_for(path: str | Path) -> str | None:
    """The export format that the extension of ``path`` names, or None."""
    return extensions().get(Path(path).suffix.lower())


def _key(triple: tuple[Node, Node, Node]) -> tuple[str, str, str]:
    s, p, o = triple
    return (s.n3(), p.n3(), o.n3())


def _bind(target: Graph, source: Graph) -> None:
    """kg's prefixes on ``target``, then the other prefixes the input file declared."""
    from rdflib import Dataset

    from kg.graph.vocab import bind_prefixes

    bind_prefixes(target)
    builtin = set(Dataset().namespaces())  # rdflib's own default bindings, not the file's
    taken = {str(ns) for _, ns in target.namespaces()}
    prefixes = {p for p, _ in target.namespaces()}
    for prefix, ns in sorted(set(source.namespaces()) - builtin):
        if prefix and prefix not in prefixes and str(ns) not in taken:
            target.bind(prefix, ns, override=False)
            prefixes.add(prefix)
            taken.add(str(ns))


def sorted_graph(ds: Dataset) -> Graph:
    """The union of ``ds`` as a Graph that iterates in sorted order (as
    :func:`kg.graph.rdf.to_graph`
    builds it), so that serialisers that follow insertion order write the same bytes."""
    from rdflib import Graph

    g = Graph(store="SimpleMemory", bind_namespaces="none")
    _bind(g, ds)
    triples = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    for triple in sorted(triples, key=_key):
        g.add(triple)
    return g


def sorted_dataset(ds: Dataset) -> Dataset:
    """A copy of ``ds`` filled in sorted order: the default graph, then named graphs by IRI."""
    from rdflib import Dataset
    from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

    out = Dataset()
    _bind(out, ds)
    graphs: dict[Node, set[tuple[Node, Node, Node]]] = {}
    for s, p, o, c in ds.quads((None, None, None, None)):
        name = getattr(c, "identifier", c) or DATASET_DEFAULT_GRAPH_ID
        graphs.setdefault(name, set()).add((s, p, o))
    names = sorted(graphs, key=lambda n: (n != DATASET_DEFAULT_GRAPH_ID, str(n)))
    for name in names:
        target = out.default_graph if name == DATASET_DEFAULT_GRAPH_ID else out.graph(name)  # type: ignore[arg-type]
        for triple in sorted(graphs[name], key=_key):
            target.add(triple)
    return out


def rdf_export(ds: Dataset, fmt: str) -> bytes:
    """``ds`` in the RDF format ``fmt`` (a registered RDF exporter), deterministic bytes."""
    from kg.export.exporters import rdf_bytes, rdf_exporter

    source = sorted_dataset(ds) if rdf_exporter(fmt).quads else sorted_graph(ds)
    return rdf_bytes(source, fmt)


def entity_graph(ds: Dataset) -> nx.MultiDiGraph:
    """The entity graph of ``ds`` (:func:`kg.analysis.netx.to_networkx` of its union)."""
    from kg.analysis.netx import to_networkx
    from kg.graph.graphio import union

    return to_networkx(union(ds))


def network_formats() -> list[str]:
    """The registered exporters of kind ``network``, sorted."""
    from kg import registry

    found = registry.loaded(registry.EXPORTERS).items()
    return [name for name, cls in found if getattr(cls, "kind", "") == "network"]


def network_export(G: nx.MultiDiGraph, fmt: str) -> bytes:
    """``G`` in the single-file network format ``fmt`` (an exporter of kind ``network``)."""
    from kg import registry

    if fmt not in network_formats():
        raise UsageError(
            f"unknown network format {fmt!r}; use one of {', '.join(network_formats())}"
        )
    data: bytes = registry.load(registry.EXPORTERS, fmt)().network(G)
    return data


def annotated_rdf(ds: Any, G: Any, fmt: str, seed: int | None = None) -> bytes:
    """``ds`` with :func:`kg.analysis.measures.annotate` applied (``seed``: its default), in
    the RDF export format ``fmt`` (``ttl``, ``nt``, ``nq``, ``trig``, ``jsonld``, ``xml``), with
    the same deterministic bytes as ``kg export``: named graphs are kept in TriG and N-Quads, the
    other formats get the union of all graphs.
    """
    from kg.analysis.measures import SEED, annotate

    annotate(ds, G, SEED if seed is None else seed)
    return rdf_export(ds, fmt)
