"""The co-occurrence network: entities linked when one sentence mentions both, weighted by the
number of such sentences (``kg export --network cooccurrence``).

It is read from the graph: a sentence (``nif:Sentence``) that mentions two entities or more
lists them with ``kgo:mentions`` (names, descriptions and pronouns, as resolution read them).
Unlike the fact network, it needs no extracted relation: two people named in one sentence
are linked even when no rule read what links them. Edges are undirected, with ``weight`` (the
sentences) and ``documents`` (their documents, ``|``-joined); nodes are the entities that
co-occur with another, with ``label``, ``type``, ``aliases`` and ``same_as`` as in the fact
network. The writers give the same bytes for the same graph (sorted nodes and edges).
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from itertools import combinations
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph

__all__ = ["FORMATS", "cooccurrence_graph", "csv_tables", "network_bytes"]

#: What ``kg export --network cooccurrence`` writes.
FORMATS = ("graphml", "gexf", "csv")

NODE_FIELDS = ("id", "label", "type", "aliases", "same_as")
EDGE_FIELDS = ("source", "target", "weight", "documents")


def cooccurrence_graph(g: Graph) -> nx.Graph:
    """The co-occurrence network of the kg graph ``g`` (rdflib; see the module docstring)."""
    import networkx as nx

    from kg.analysis.netx import to_networkx
    from kg.graph.vocab import KGO, NIF

    entities = to_networkx(g)
    pairs: dict[tuple[str, str], set[str]] = defaultdict(set)
    docs: dict[tuple[str, str], set[str]] = defaultdict(set)
    members: dict[Any, set[str]] = defaultdict(set)
    for sentence, entity in g.subject_objects(KGO.mentions):
        if str(entity) in entities and (sentence, NIF.anchorOf, None) in g:
            members[sentence].add(str(entity))
    for sentence, found in members.items():
        context = g.value(sentence, NIF.referenceContext)
        for a, b in combinations(sorted(found), 2):
            pairs[(a, b)].add(str(sentence))
            if context is not None:
                docs[(a, b)].add(str(context))
    G = nx.Graph()
    nodes = sorted({n for pair in pairs for n in pair})
    for n in nodes:
        G.add_node(n, **entities.nodes[n])
    for a, b in sorted(pairs):
        G.add_edge(a, b, weight=len(pairs[(a, b)]), documents="|".join(sorted(docs[(a, b)])))
    return G


def network_bytes(G: nx.Graph, fmt: str) -> bytes:
    """``G`` as GraphML or GEXF (undirected, with the ``weight`` Gephi reads)."""
    import networkx as nx

    out = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml_xml(G, out, encoding="utf-8", prettyprint=True, named_key_ids=True)
        return out.getvalue()
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(G)
    writer.write(out)
    return out.getvalue()


def csv_tables(G: nx.Graph) -> dict[str, bytes]:
    """``nodes.csv`` and ``edges.csv`` (Gephi's spreadsheet import: Source, Target, Weight)."""

    def table(header: tuple[str, ...], rows: list[list[str]]) -> bytes:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)
        return buf.getvalue().encode("utf-8")

    nodes = [[n, *(str(d.get(f, "")) for f in NODE_FIELDS[1:])] for n, d in G.nodes(data=True)]
    edges = [[u, v, str(d["weight"]), d["documents"]] for u, v, d in G.edges(data=True)]
    return {"nodes.csv": table(NODE_FIELDS, nodes), "edges.csv": table(EDGE_FIELDS, edges)}
