"""Static pictures with matplotlib: the whole graph (SVG or PNG) and analysis charts (PNG).

The graph is drawn with the explorer's measures and layout
(:func:`kg.analysis.explorer.entity_view`):
colour by type, size by PageRank, the labels of the most central entities. Drawing uses
matplotlib's object API with its Agg and SVG renderers (no pyplot, no window, no global
backend switch). Output is deterministic: SVG ids come from a fixed hash salt, and neither
format carries a date.

>>> PICTURE_FORMATS
('svg', 'png')
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from kg.errors import UsageError

if TYPE_CHECKING:
    import networkx as nx
    from matplotlib.figure import Figure
    from rdflib import Graph

#: Formats of :func:`draw_graph`.
PICTURE_FORMATS = ("svg", "png")
#: Resolution of PNG output.
DPI = 150
#: All labels are drawn up to this many entities; above it, only this many (by PageRank).
MAX_LABELS = 60
#: Edges get arrows and relation names up to this many.
MAX_EDGE_DETAIL = 150
EDGE_COLOUR = "#b0bec5"
#: Communities shown in the community-size chart (the largest).
MAX_BARS = 50

_RC: Any = {  # matplotlib's stubs type rc keys as literals
    "svg.hashsalt": "kg",
    "svg.fonttype": "path",
    "font.family": "DejaVu Sans",
    "font.size": 8,
}


@contextmanager
def _style() -> Iterator[None]:
    import matplotlib

    with matplotlib.rc_context(_RC):
        yield


def _save(fig: Figure, fmt: str) -> bytes:
    metadata: dict[str, str | None] = (
        {"Creator": "kg", "Date": None} if fmt == "svg" else {"Software": "kg"}
    )
    out = io.BytesIO()
    fig.savefig(out, format=fmt, dpi=DPI, metadata=metadata)
    return out.getvalue()


def draw_graph(graph: Graph, fmt: str, title: str = "") -> bytes:
    """A picture of the entity graph of ``graph`` as SVG or PNG bytes.

    >>> from rdflib import Graph
    >>> draw_graph(Graph(), "svg")[:5]
    b'<?xml'
    """
    if fmt not in PICTURE_FORMATS:
        raise UsageError(f"unknown picture format {fmt!r}; use one of {', '.join(PICTURE_FORMATS)}")
    from matplotlib.figure import Figure

    from kg.analysis.explorer import TYPE_COLOURS, entity_view

    view = entity_view(graph)
    G = view.graph
    with _style():
        xs = [p[0] for p in view.positions.values()] or [0.0]
        ys = [p[1] for p in view.positions.values()] or [0.0]
        pad = 60.0
        width = max(xs) - min(xs) + 2 * pad
        height = max(ys) - min(ys) + 2 * pad
        inches = 11.0
        fig_w = inches if width >= height else max(4.0, inches * width / height)
        fig_h = inches if height > width else max(4.0, inches * height / width)
        fig = Figure(figsize=(fig_w, fig_h + 0.8))
        ax = fig.add_axes((0.0, 0.3 / (fig_h + 0.8), 1.0, fig_h / (fig_h + 0.8)))
        ax.set_axis_off()
        ax.set_xlim(min(xs) - pad, max(xs) + pad)
        ax.set_ylim(max(ys) + pad, min(ys) - pad)  # y grows downwards, as in the browser
        ax.set_aspect("equal")
        points_per_unit = min(fig_w * 72 / width, fig_h * 72 / height)
        _draw(ax, G, view, points_per_unit, TYPE_COLOURS)
        counts = f"{len(G)} entities, {G.number_of_edges()} facts"
        fig.suptitle(f"{title} ({counts})" if title else counts, y=0.99, fontsize=10)
        return _save(fig, fmt)


def _draw(ax: Any, G: nx.MultiDiGraph, view: Any, ppu: float, colours: dict[str, str]) -> None:
    from matplotlib.collections import LineCollection
    from matplotlib.lines import Line2D
    from matplotlib.patches import FancyArrowPatch

    from kg.analysis.explorer import MAX_SIZE, MIN_SIZE

    if len(G) == 0:
        ax.text(0, 0, "empty graph", ha="center", va="center", color="#888")
        return
    pos = view.positions
    top = max(view.pagerank.values()) or 1.0
    diameter = {
        n: (MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(view.pagerank[n] / top)) * ppu for n in G
    }
    edges = [(u, v, d) for u, v, d in G.edges(data=True) if u != v]
    if len(edges) <= MAX_EDGE_DETAIL:
        for u, v, d in edges:
            ax.add_patch(
                FancyArrowPatch(
                    pos[u],
                    pos[v],
                    arrowstyle="-|>",
                    mutation_scale=7,
                    color=EDGE_COLOUR,
                    linestyle="--" if d["open"] else "-",
                    linewidth=0.8,
                    shrinkA=diameter[u] / 2,
                    shrinkB=diameter[v] / 2 + 1,
                    zorder=1,
                )
            )
            (x1, y1), (x2, y2) = pos[u], pos[v]
            ax.text(
                (x1 + x2) / 2,
                (y1 + y2) / 2,
                d["predicate"],
                fontsize=5,
                color="#607d8b",
                ha="center",
                va="center",
                zorder=2,
            )
    else:
        ax.add_collection(
            LineCollection(
                [(pos[u], pos[v]) for u, v, _ in edges], colors=EDGE_COLOUR, linewidths=0.4
            )
        )
    nodes = list(G)
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[diameter[n] ** 2 for n in nodes],
        c=[colours[G.nodes[n]["type"]] for n in nodes],
        edgecolors="white",
        linewidths=0.5,
        zorder=3,
    )
    ranked = sorted(nodes, key=lambda n: (-view.pagerank[n], G.nodes[n]["label"], n))
    for n in ranked[:MAX_LABELS]:
        x, y = pos[n]
        ax.annotate(
            G.nodes[n]["label"],
            (x, y),
            xytext=(0, -diameter[n] / 2 - 1),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=6,
            zorder=4,
        )
    present = [t for t in colours if any(G.nodes[n]["type"] == t for n in nodes)]
    handles = [Line2D([], [], marker="o", linestyle="", color=colours[t], label=t) for t in present]
    ax.figure.legend(
        handles=handles, loc="lower center", ncol=max(1, len(handles)), fontsize=7, frameon=False
    )


def _bar_chart(
    bars: list[tuple[int, int]], title: str, xlabel: str, ylabel: str, colour: str
) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    with _style():
        fig = Figure(figsize=(6.4, 4.0))
        ax = fig.add_subplot()
        ax.bar([b[0] for b in bars], [b[1] for b in bars], color=colour, width=0.8)
        ax.set_title(title)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.spines[["top", "right"]].set_visible(False)
        fig.tight_layout()
        return _save(fig, "png")


def degree_chart(G: nx.MultiDiGraph) -> bytes:
    """PNG: how many entities take part in 0, 1, 2, ... facts (parallel facts each count)."""
    from collections import Counter

    counts = Counter(d for _, d in G.degree())
    bars = sorted(counts.items())
    return _bar_chart(
        bars,
        f"Degree distribution ({len(G)} entities)",
        "facts per entity (degree)",
        "entities",
        "#4e79a7",
    )


def community_chart(G: nx.MultiDiGraph) -> bytes:
    """PNG: the size of each Louvain community (as ``kg analyze`` numbers them), largest first."""
    from kg.analysis.measures import communities

    groups = communities(G)
    bars = [(i, len(g)) for i, g in enumerate(groups[:MAX_BARS], 1)]
    shown = f"the {MAX_BARS} largest of " if len(groups) > MAX_BARS else ""
    return _bar_chart(
        bars,
        f"Community sizes ({shown}{len(groups)} communities)",
        "community",
        "entities",
        "#f28e2b",
    )


#: The charts ``kg analyze --plot DIR`` writes, by file name.
CHARTS: dict[str, Callable[[nx.MultiDiGraph], bytes]] = {
    "degree-distribution.png": degree_chart,
    "community-sizes.png": community_chart,
}
