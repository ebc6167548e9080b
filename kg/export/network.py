r"""The entity graph (:func:`kg.analysis.netx.to_networkx`) in network tools' formats: GraphML,
GEXF,
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

    from kg.export.exporters import ExporterKind

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


# --- Exporters (registered in setup.cfg, group kg.exporters): what `kg build -o` writes ---
# They take a KnowledgeGraph, as the RDF exporters of kg.export.exporters do, through the same
# steps as
# ``kg export``: its union graph (kg.graph.rdf.to_graph), then the entity graph or the page. So
# ``kg build -o x.graphml`` gives the bytes of ``kg build -o x.ttl`` then ``kg export x.ttl
# -o x.graphml``.


class _GraphExporter:
    """An exporter of the union graph's drawing or network (``aliases``: other extensions)."""

    name: str
    extension: str
    media_type: str
    aliases: tuple[str, ...] = ()
    kind: ExporterKind = "graph"
    #: Title of a page or picture; ``kg build`` sets it to the output file's name, ``kg export``
    #: to ``--title`` or the graph file's name.
    title: str = ""

    def data(self, graph: Any) -> bytes:
        raise NotImplementedError

    def export(self, kg: Any, out: Any, base: str) -> None:
        from kg.export.exporters import _write
        from kg.graph.rdf import check_base, to_graph

        data = self.data(to_graph(kg, check_base(base)))
        _write(out, data, self.name)

    def from_rdf(self, ds: Any) -> bytes:
        """The drawing of a graph file read back (its union graph)."""
        from kg.graph.graphio import union

        return self.data(union(ds))


class NetworkExporter(_GraphExporter):
    """The base of an exporter of the entity graph (kind ``network``): a subclass gives
    ``name``, ``extension``, ``media_type`` and ``network(G) -> bytes``, and both ``kg build``
    and ``kg export`` can write it."""

    kind: ExporterKind = "network"

    def data(self, graph: Any) -> bytes:
        from kg.analysis.netx import to_networkx

        return self.network(to_networkx(graph))

    def network(self, G: nx.MultiDiGraph) -> bytes:
        raise NotImplementedError


class GraphMLExporter(NetworkExporter):
    """GraphML of the entity graph (Gephi, Cytoscape, yEd, networkx)."""

    name = "graphml"
    extension = "graphml"
    media_type = "application/graphml+xml"

    def network(self, G: nx.MultiDiGraph) -> bytes:
        return graphml_bytes(G)


class GexfExporter(NetworkExporter):
    """GEXF 1.2 of the entity graph (Gephi)."""

    name = "gexf"
    extension = "gexf"
    media_type = "application/gexf+xml"

    def network(self, G: nx.MultiDiGraph) -> bytes:
        return gexf_bytes(G)


class DotExporter(NetworkExporter):
    """Graphviz DOT of the entity graph."""

    name = "dot"
    extension = "dot"
    aliases = ("gv",)
    media_type = "text/vnd.graphviz"

    def network(self, G: nx.MultiDiGraph) -> bytes:
        return dot_bytes(G)


#: Columns of the one-file CSV of ``kg build -o facts.csv``: a relation per row, the JSONL
#: record's fields flattened (the subject's and object's IRI, label and type).
FACT_FIELDS = (
    "doc",
    "subject",
    "subject_label",
    "subject_type",
    "predicate",
    "object",
    "object_label",
    "object_type",
    "confidence",
    "negated",
    "hedged",
    "open",
    "rule",
    "extractor",
    "sentence",
)


class CsvExporter:
    """One CSV table of facts, a relation per row (:data:`FACT_FIELDS`), for spreadsheets.

    ``kg export --format csv`` writes the entity graph as two tables in a folder instead
    (nodes.csv, edges.csv, for graph databases): :meth:`tables`."""

    name = "csv"
    extension = "csv"
    media_type = "text/csv"
    kind: ExporterKind = "graph"

    @staticmethod
    def tables(G: nx.MultiDiGraph, style: str = "plain") -> dict[str, bytes]:
        """The folder ``kg export --format csv`` writes (:func:`csv_tables`)."""
        return csv_tables(G, style)

    def export(self, kg: Any, out: Any, base: str) -> None:
        from kg.export.exporters import _write, relation_record
        from kg.graph.rdf import check_base, relation_sort_key

        check_base(base)
        entities = {e.id: e for e in kg.entities}
        rows = []
        for r in sorted(
            (r for r in kg.relations if r.subject.entity and r.object.entity),
            key=relation_sort_key,
        ):
            rec = relation_record(r, entities, base)
            flat = {
                **{k: v for k, v in rec.items() if k not in ("subject", "object")},
                **{f"subject{k}": rec["subject"][f] for k, f in _ENDS},
                **{f"object{k}": rec["object"][f] for k, f in _ENDS},
            }
            row = [flat.get(f, False if f in _FLAGS else "") for f in FACT_FIELDS]
            rows.append([_csv_value(v) for v in row])
        _write(out, _csv_bytes(FACT_FIELDS, rows), self.name)


_ENDS = (("", "id"), ("_label", "label"), ("_type", "type"))
_FLAGS = frozenset({"negated", "hedged", "open"})


class HtmlExporter(_GraphExporter):
    """The interactive page (:func:`kg.analysis.explorer.render_html`), self-contained."""

    name = "html"
    extension = "html"
    aliases = ("htm",)
    media_type = "text/html"

    def data(self, graph: Any) -> bytes:
        from kg.analysis.explorer import render_html

        return render_html(graph, self.title).encode("utf-8")


class SvgExporter(_GraphExporter):
    """A static picture of the entity graph (:func:`kg.analysis.plot.draw_graph`)."""

    name = "svg"
    extension = "svg"
    media_type = "image/svg+xml"

    def data(self, graph: Any) -> bytes:
        from kg.analysis.plot import draw_graph

        return draw_graph(graph, self.name, self.title)


class PngExporter(SvgExporter):
    """A static picture of the entity graph, as PNG."""

    name = "png"
    extension = "png"
    media_type = "image/png"
