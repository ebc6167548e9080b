r"""The entity graph (:func:`kg.netx.to_networkx`) in network tools' formats: GraphML, GEXF,
Graphviz DOT and CSV tables (nodes.csv, edges.csv).

Nodes carry ``label``, ``type``, ``aliases`` and ``same_as``; edges ``predicate``, ``open``,
``confidence``, ``sentences`` and ``documents``. Several values in one attribute are joined
with ``|`` (aliases, same_as, documents) or a newline (sentences). Every writer gives the same
bytes for the same graph: nodes and edges in the graph's (sorted) order, no dates.

>>> print(dot_id('He said "hi"\nand left'))
"He said \"hi\"\nand left"
"""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

NODE_FIELDS = ("id", "label", "type", "aliases", "same_as")
EDGE_FIELDS = ("source", "target", "predicate", "open", "confidence", "sentences", "documents")

#: Column headers of ``--csv-style neo4j`` (neo4j-admin database import): the columns of
#: NODE_FIELDS and EDGE_FIELDS, in their order, typed; the node type becomes its label, the
#: predicate the relationship type; multi-valued columns are ``string[]`` split on ``|``.
NEO4J_NODE_HEADER = ("id:ID", "label", ":LABEL", "aliases:string[]", "same_as:string[]")
NEO4J_EDGE_HEADER = (
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "open:boolean",
    "confidence:float",
    "sentences",
    "documents:string[]",
)
CSV_STYLES = ("plain", "neo4j")

#: Fill colours of the DOT nodes, by core class.
DOT_COLOURS = {
    "Person": "#cfe2ff",
    "Organization": "#d1e7dd",
    "Place": "#fff3cd",
    "Product": "#f8d7da",
    "Event": "#e2d9f3",
    "Group": "#e9ecef",
}


def graphml_bytes(G: nx.MultiDiGraph) -> bytes:
    """GraphML (networkx's writer): keys named after the attributes, one unique id per edge
    (``e0``, ``e1``, ...; the predicate is the ``predicate`` attribute)."""
    import networkx as nx

    H = nx.MultiDiGraph()
    H.add_nodes_from(G.nodes(data=True))
    for i, (u, v, data) in enumerate(G.edges(data=True)):
        H.add_edge(u, v, key=f"e{i}", **data)
    out = io.BytesIO()
    nx.write_graphml_xml(H, out, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return out.getvalue()


def gexf_bytes(G: nx.MultiDiGraph) -> bytes:
    """GEXF 1.2 (networkx's writer) without the date networkx puts in ``<meta>``."""
    from networkx.readwrite.gexf import GEXFWriter

    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    for meta in writer.xml.iter("meta"):
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(G)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def dot_id(text: str) -> str:
    r"""``text`` as a DOT double-quoted string.

    In a DOT quoted string only ``\"`` is an escape; Graphviz then reads labels as escString,
    where ``\\`` is a backslash and ``\n`` a line break. So backslashes are doubled (which also
    keeps a trailing backslash from escaping the closing quote), quotes escaped and line breaks
    written as ``\n``.

    >>> print(dot_id("C:\\path\\"))
    "C:\\path\\"
    >>> dot_id("")
    '""'
    """
    escaped = text.replace("\\", "\\\\").replace('"', '\\"')
    escaped = escaped.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")
    return f'"{escaped}"'


def _dot_value(value: object) -> str:
    if isinstance(value, bool):
        return dot_id("true" if value else "false")
    return dot_id(str(value))


def _dot_attrs(attrs: dict[str, Any]) -> str:
    return ", ".join(f"{name}={_dot_value(value)}" for name, value in attrs.items())


def dot_bytes(G: nx.MultiDiGraph) -> bytes:
    """Graphviz DOT: a ``digraph`` with every attribute kept, nodes filled by type and open
    relations dashed; render with ``dot -Tsvg``."""
    lines = [
        f"// kg entity graph: {G.number_of_nodes()} entities, {G.number_of_edges()} relations",
        'digraph "kg" {',
        '  graph [charset="UTF-8", rankdir="LR"];',
        '  node [shape="box", style="rounded,filled", fontname="Helvetica"];',
        '  edge [fontname="Helvetica", fontsize="10"];',
    ]
    for node, data in G.nodes(data=True):
        attrs = dict(data)
        attrs["fillcolor"] = DOT_COLOURS.get(str(data.get("type")), "#ffffff")
        lines.append(f"  {dot_id(str(node))} [{_dot_attrs(attrs)}];")
    for u, v, key, data in G.edges(keys=True, data=True):
        attrs = {"key": key, "label": data.get("predicate", key), **data}
        if data.get("open"):
            attrs["style"] = "dashed"
        lines.append(f"  {dot_id(str(u))} -> {dot_id(str(v))} [{_dot_attrs(attrs)}];")
    lines.append("}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def _csv_bytes(header: tuple[str, ...], rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _csv_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def csv_tables(G: nx.MultiDiGraph, style: str = "plain") -> dict[str, bytes]:
    """``nodes.csv`` and ``edges.csv`` (UTF-8, RFC 4180 quoting, ``\\n`` line ends).

    ``plain`` headers are :data:`NODE_FIELDS` and :data:`EDGE_FIELDS` (for LOAD CSV, pandas,
    Gephi's spreadsheet import); ``neo4j`` headers are :data:`NEO4J_NODE_HEADER` and
    :data:`NEO4J_EDGE_HEADER`, for ``neo4j-admin database import full --array-delimiter="|"
    --multiline-fields=true``.
    """
    from kg.errors import UsageError

    if style not in CSV_STYLES:
        raise UsageError(f"unknown CSV style {style!r}; use one of {', '.join(CSV_STYLES)}")
    nodes = [
        [_csv_value(node)] + [_csv_value(data.get(f)) for f in NODE_FIELDS[1:]]
        for node, data in G.nodes(data=True)
    ]
    edges = [
        [_csv_value(u), _csv_value(v)] + [_csv_value(data.get(f)) for f in EDGE_FIELDS[2:]]
        for u, v, data in G.edges(data=True)
    ]
    # The neo4j headers name the same columns, in the same order (type is the :LABEL).
    neo4j = style == "neo4j"
    node_header = NEO4J_NODE_HEADER if neo4j else NODE_FIELDS
    edge_header = NEO4J_EDGE_HEADER if neo4j else EDGE_FIELDS
    return {
        "nodes.csv": _csv_bytes(node_header, nodes),
        "edges.csv": _csv_bytes(edge_header, edges),
    }
