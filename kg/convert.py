"""``kg export``: a graph kg wrote, re-written in another RDF or network format.

RDF formats (ttl nt nq trig jsonld xml) are re-serialised by :func:`kg.export.rdf_bytes` from a
copy of the input filled in sorted order, so the bytes are those ``kg build`` writes for the
same graph. Named graphs survive when both the input and the output keep them (TriG, N-Quads);
otherwise the output holds the union of the input's graphs. Network formats (graphml gexf dot
csv) are written from the entity graph of :func:`kg.netx.to_networkx` by :mod:`kg.netexport`.

>>> fmt_for("graph.graphml"), fmt_for("out/g.gv"), fmt_for("tables")
('graphml', 'dot', None)
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from kg.atomic import rename_over
from kg.errors import OutputError, UsageError

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset, Graph
    from rdflib.term import Node

RDF_FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "xml")
NETWORK_FORMATS = ("graphml", "gexf", "dot")
#: Every ``kg export`` format; ``csv`` writes a folder, the others one file.
FORMATS = RDF_FORMATS + NETWORK_FORMATS + ("csv",)

#: Output formats by file extension (``-o`` without ``--format``).
EXTENSIONS = {
    ".ttl": "ttl",
    ".nt": "nt",
    ".nq": "nq",
    ".trig": "trig",
    ".jsonld": "jsonld",
    ".json": "jsonld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
    ".graphml": "graphml",
    ".gexf": "gexf",
    ".dot": "dot",
    ".gv": "dot",
}


def fmt_for(path: str | Path) -> str | None:
    """The export format that the extension of ``path`` names, or None."""
    return EXTENSIONS.get(Path(path).suffix.lower())


def _key(triple: tuple[Node, Node, Node]) -> tuple[str, str, str]:
    s, p, o = triple
    return (s.n3(), p.n3(), o.n3())


def _bind(target: Graph, source: Graph) -> None:
    """kg's prefixes on ``target``, then the other prefixes the input file declared."""
    from rdflib import Dataset

    from kg.vocab import bind_prefixes

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
    """The union of ``ds`` as a Graph that iterates in sorted order (as :func:`kg.rdf.to_graph`
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
    """``ds`` in the RDF format ``fmt`` (one of :data:`RDF_FORMATS`), deterministic bytes."""
    from kg.export import QUAD_FORMATS, rdf_bytes

    if fmt not in RDF_FORMATS:
        raise UsageError(f"unknown RDF format {fmt!r}; use one of {', '.join(RDF_FORMATS)}")
    source = sorted_dataset(ds) if fmt in QUAD_FORMATS else sorted_graph(ds)
    return rdf_bytes(source, fmt)


def entity_graph(ds: Dataset) -> nx.MultiDiGraph:
    """The entity graph of ``ds`` (:func:`kg.netx.to_networkx` of its union)."""
    from kg.graphio import union
    from kg.netx import to_networkx

    return to_networkx(union(ds))


def network_export(G: nx.MultiDiGraph, fmt: str) -> bytes:
    """``G`` in the single-file network format ``fmt`` (one of :data:`NETWORK_FORMATS`)."""
    from kg import netexport

    writers = {
        "graphml": netexport.graphml_bytes,
        "gexf": netexport.gexf_bytes,
        "dot": netexport.dot_bytes,
    }
    if fmt not in writers:
        raise UsageError(f"unknown network format {fmt!r}; use one of {', '.join(writers)}")
    return writers[fmt](G)


def write_folder(directory: Path, files: dict[str, bytes]) -> None:
    """Write ``files`` (name -> bytes) into ``directory``, atomically.

    A new folder is written under a temporary name beside it, then renamed. In an existing
    folder each file is written to a temporary file first and all are renamed at the end, so
    other files there are left alone and no file is ever partly written.
    """
    parent = directory.parent if str(directory.parent) else Path(".")
    if directory.exists() and not directory.is_dir():
        raise OutputError(
            f"cannot write {directory}: it is a file, not a folder; choose another -o"
        )
    if not parent.is_dir():
        raise OutputError(f"cannot write {directory}: folder {parent} does not exist; create it")
    try:
        if directory.is_dir():
            _replace_files(directory, files)
        else:
            _new_folder(directory, parent, files)
    except OSError as exc:
        raise OutputError(
            f"cannot write {directory}: {exc.strerror or exc}; check the path and free space"
        ) from None


def _new_folder(directory: Path, parent: Path, files: dict[str, bytes]) -> None:
    tmp = Path(tempfile.mkdtemp(prefix=f".{directory.name}.", suffix=".tmp", dir=parent))
    try:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
            os.chmod(tmp / name, 0o644)
        os.chmod(tmp, 0o755)
        os.rename(tmp, directory)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _replace_files(directory: Path, files: dict[str, bytes]) -> None:
    written: dict[str, str] = {}
    try:
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
            written[name] = tmp
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.chmod(tmp, 0o644)
        for name, tmp in written.items():
            rename_over(tmp, directory / name)
    except BaseException:
        for tmp in written.values():
            Path(tmp).unlink(missing_ok=True)
        raise
