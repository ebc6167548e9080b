"""A kg graph as one self-contained, interactive HTML page (no network, no CDN).

:func:`render_html` inlines the vendored sigma.js (``kg/assets/sigma.min.js``, version
:data:`SIGMA_VERSION`, a WebGL renderer) and graphology (``kg/assets/graphology.umd.min.js``,
version :data:`GRAPHOLOGY_VERSION`, the graph model sigma draws), both from the npm
registry with their MIT licences (``kg/assets/sigma.LICENSE``, ``kg/assets/graphology.LICENSE``),
the page's own CSS and JavaScript (``kg/assets/explorer.*``) and the graph as JSON: entities with
their labels, type, aliases, same-as links, PageRank, community and a precomputed position;
facts with their relation, confidence, evidence sentences and source documents; quotations.

:func:`entity_view` (also used by :mod:`kg.analysis.plot`) computes the measures and the layout:
PageRank and Louvain communities (seeded) from :mod:`kg.analysis.measures`, so the page agrees with
``kg analyze``, and a seeded force-directed layout per connected component, components packed
in rows, largest first. Same graph, same bytes.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Graph
    from rdflib.term import Node

#: Version of the vendored ``kg/assets/sigma.min.js`` (npm package ``sigma``, its UMD build).
SIGMA_VERSION = "3.0.3"
#: Version of the vendored ``kg/assets/graphology.umd.min.js`` (npm package ``graphology``).
GRAPHOLOGY_VERSION = "0.26.0"

#: Seed of every random choice (layout, communities): the same graph gives the same page.
SEED = 42

#: Node colour by core class.
TYPE_COLOURS = {
    "Person": "#4e79a7",
    "Organization": "#f28e2b",
    "Place": "#59a14f",
    "Product": "#b07aa1",
    "Event": "#e15759",
    "Group": "#9c755f",
}

#: Colours of the largest communities, in order; smaller ones share :data:`OTHER_COLOUR`.
COMMUNITY_COLOURS = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#637939",
    "#7b4173",
)
OTHER_COLOUR = "#b8b8b8"

#: Node diameter range in pixels (scaled by the square root of PageRank).
MIN_SIZE, MAX_SIZE = 12.0, 50.0
#: Distance scale of the layout, in pixels.
SPACING = 90.0

_PLACEHOLDER = re.compile(r"\{\{kg:(\w+)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028"}


@dataclass(frozen=True)
class View:
    """The entity graph with what drawing it needs: measures and positions by node id."""

    graph: nx.MultiDiGraph
    pagerank: dict[str, float]
    community: dict[str, int]
    positions: dict[str, tuple[float, float]]


def entity_view(graph: Graph) -> View:
    """Entities and facts of ``graph`` (see :func:`kg.analysis.netx.to_networkx`), measured and
    laid out."""
    from kg.analysis.measures import community_numbers, pagerank
    from kg.analysis.netx import to_networkx

    G = to_networkx(graph)
    ranks = {str(n): score for n, score in pagerank(G).items()}
    numbers = {str(n): c for n, c in community_numbers(G, seed=SEED).items()}
    return View(G, ranks, numbers, layout(G))


def layout(G: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions in pixels: a seeded force-directed layout per connected component, components
    packed in rows, largest first.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("x", "y")])
    >>> pos = layout(G)
    >>> sorted(pos) == ["a", "b", "c", "x", "y"] and pos == layout(G)
    True
    """
    from kg.analysis.measures import components, undirected

    U = undirected(G)
    boxes: list[tuple[dict[str, tuple[float, float]], float, float]] = []
    for part in components(G):
        if len(part) == 1:  # a lone entity: a box as wide as a neighbour distance, for its label
            boxes.append(({str(part[0]): (SPACING / 2, 0.0)}, SPACING, 0.0))
            continue
        index = {n: i for i, n in enumerate(part)}
        edges = [(index[u], index[v]) for u, v in U.edges(part)]
        coords = force_layout(len(part), edges)
        local = {
            str(n): (float(x) * SPACING, float(y) * SPACING)
            for n, (x, y) in zip(part, coords, strict=True)
        }
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        x0, y0 = min(xs), min(ys)  # once: inside the comprehension it was quadratic
        shifted = {n: (x - x0, y - y0) for n, (x, y) in local.items()}
        boxes.append((shifted, max(xs) - x0, max(ys) - y0))
    return _pack(boxes)


#: From this many nodes in a component on, the layout's repulsion is computed on a grid (each
#: node pushed by the nodes of its own and the 8 neighbouring cells only): memory and time grow
#: with the nodes, not with their square. Below, every pair (the exact force, as before).
GRID_MIN_NODES = 1_000


def force_layout(n: int, edges: list[tuple[int, int]], iterations: int = 60) -> Any:
    """Fruchterman-Reingold positions of nodes ``0..n-1`` (a numpy array ``n x 2``, centred on 0,
    in units of the ideal distance between neighbours).

    Vectorised with numpy in float32 (about a second for 2,000 nodes; networkx's own spring
    layout needs SciPy above 500 nodes and is slower); seeded with :data:`SEED`, so the same
    input gives the same positions. From :data:`GRID_MIN_NODES` nodes on, the grid variant of
    Fruchterman and Reingold's paper (:func:`_grid_repulsion`): linear memory.

    >>> force_layout(2, [(0, 1)]).shape
    (2, 2)
    """
    import numpy as np

    rng = np.random.default_rng(SEED)
    pos = rng.random((n, 2), dtype=np.float32)
    if n < 2:
        return np.zeros((n, 2), dtype=np.float32)
    if n >= GRID_MIN_NODES:
        return _grid_layout(pos, edges, iterations)
    src = np.array([e[0] for e in edges], dtype=np.intp)
    dst = np.array([e[1] for e in edges], dtype=np.intp)
    k2 = np.float32(1.0 / n)
    k = np.float32(math.sqrt(1.0 / n))
    step = np.float32(0.1)
    cool = np.float32(0.1 / (iterations + 1))
    dx = np.empty((n, n), dtype=np.float32)
    dy = np.empty((n, n), dtype=np.float32)
    d2 = np.empty((n, n), dtype=np.float32)
    for _ in range(iterations):
        np.subtract(pos[:, 0, None], pos[None, :, 0], out=dx)
        np.subtract(pos[:, 1, None], pos[None, :, 1], out=dy)
        np.multiply(dx, dx, out=d2)
        d2 += dy * dy
        np.maximum(d2, np.float32(1e-9), out=d2)
        np.divide(k2, d2, out=d2)  # repulsion k^2 / d, along the unit vector
        disp = np.stack([(dx * d2).sum(axis=1), (dy * d2).sum(axis=1)], axis=1)
        if len(src):
            delta = pos[src] - pos[dst]
            pull = delta * (np.sqrt((delta * delta).sum(axis=1)) / k)[:, None]  # d^2 / k
            np.add.at(disp, src, -pull)
            np.add.at(disp, dst, pull)
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), np.float32(1e-9))
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step = step - cool
    pos -= pos.mean(axis=0)
    return pos / k


#: The grid variant's repulsion, in units of the exact one's: without the far nodes' push, the
#: nodes would crowd (and each would meet more neighbours in its cells); four times the push
#: keeps about the exact layout's spacing.
REPULSION = 4.0


#: At most this many nodes of a crowded cell push a node (a sample, its push scaled up): the cost
#: of an iteration stays linear even where a hub's neighbours crowd into a few cells.
CELL_SAMPLE = 16


def _grid_repulsion(pos: Any, k: Any, rng: Any = None) -> Any:
    """The repulsion on each node from the nodes within ``2 k`` of it (FR's grid variant).

    Nodes are put in square cells of side ``2 k``; the pairs of nodes in the same or adjacent
    cells are enumerated in one vectorised pass (no loop over cells): sorted by cell, each node
    meets the run of nodes of each of the 9 cells around it. In a cell of more than
    :data:`CELL_SAMPLE` nodes, a node meets an evenly spaced sample of them (a seeded random
    phase, ``rng``) and each push is scaled by the cell's count over the sample's: the expected
    push is the exact one, and memory is a few dozen pairs per node, whatever the crowding.
    """
    import numpy as np

    n = len(pos)
    side = 2 * k
    cells = np.floor(pos / side).astype(np.int64)
    width = np.int64(1 << 21)  # cell coordinates stay far below this
    key = (cells[:, 0] + width) * (2 * width) + (cells[:, 1] + width)
    order = np.argsort(key, kind="stable")
    sorted_keys = key[order]
    unique, first = np.unique(sorted_keys, return_index=True)
    last = np.append(first[1:], n)
    disp = np.zeros((n, 2), dtype=np.float32)
    k2 = np.float32(REPULSION * k * k)
    if rng is None:
        rng = np.random.default_rng(SEED)
    # each pair once: the node's own cell (the other node of higher index) and 4 of the 8
    # neighbouring cells (the other 4 meet this node from their side); both nodes pushed
    for ox, oy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
        wanted = key + ox * (2 * width) + oy
        where = np.minimum(np.searchsorted(unique, wanted), len(unique) - 1)
        i = np.nonzero(unique[where] == wanted)[0]
        if not len(i):
            continue
        start, stop = first[where[i]], last[where[i]]
        full = stop - start
        counts = np.minimum(full, CELL_SAMPLE)
        src = np.repeat(i, counts)
        run = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        sampled = full > CELL_SAMPLE
        # a crowded cell: evenly spaced entries from a random phase, each worth full/counts
        stride = np.repeat(full / counts, counts)
        phase = np.repeat(np.where(sampled, rng.random(len(i)), 0.0), counts)
        offset = np.minimum((run + phase) * stride, np.repeat(full, counts) - 1).astype(np.int64)
        dst = order[np.repeat(start, counts) + offset]
        weight = stride.astype(np.float32)
        if ox == oy == 0:
            # exact cells: each pair from its lower end; sampled cells: from both ends, halved
            crowded = np.repeat(sampled, counts)
            keep = np.where(crowded, src != dst, src < dst)
            weight = np.where(crowded, weight / 2, weight).astype(np.float32)
            src, dst, weight = src[keep], dst[keep], weight[keep]
        delta = pos[src] - pos[dst]
        d2 = np.maximum((delta * delta).sum(axis=1), np.float32(1e-9))
        near = d2 < side * side
        push = delta[near] * (k2 * weight[near] / d2[near])[:, None]
        _accumulate(disp, src[near], push)
        _accumulate(disp, dst[near], -push)
    return disp


def _accumulate(disp: Any, index: Any, values: Any) -> None:
    """``disp[index] += values`` with repeated indices summed (``np.add.at``, but by
    ``bincount``: many times faster)."""
    import numpy as np

    n = len(disp)
    disp[:, 0] += np.bincount(index, weights=values[:, 0], minlength=n).astype(np.float32)
    disp[:, 1] += np.bincount(index, weights=values[:, 1], minlength=n).astype(np.float32)


def _grid_layout(pos: Any, edges: list[tuple[int, int]], iterations: int) -> Any:
    """:func:`force_layout` with the grid repulsion, in a square of side ``sqrt(n)`` ideal
    distances (the exact layout's unit square, scaled so that a cell holds a few nodes)."""
    import numpy as np

    n = len(pos)
    k = np.float32(1.0)
    pos = pos * np.float32(math.sqrt(n))
    src = np.array([e[0] for e in edges], dtype=np.intp)
    dst = np.array([e[1] for e in edges], dtype=np.intp)
    step = np.float32(0.1 * math.sqrt(n))
    cool = np.float32(step / (iterations + 1))
    rng = np.random.default_rng(SEED)
    for _ in range(iterations):
        disp = _grid_repulsion(pos, k, rng)
        if len(src):
            delta = pos[src] - pos[dst]
            pull = delta * (np.sqrt((delta * delta).sum(axis=1)) / k)[:, None]
            _accumulate(disp, src, -pull)
            _accumulate(disp, dst, pull)
        length = np.maximum(np.sqrt((disp * disp).sum(axis=1)), np.float32(1e-9))
        pos += disp * (np.minimum(length, step) / length)[:, None]
        step = step - cool
    pos -= pos.mean(axis=0)
    return pos


def _pack(
    boxes: list[tuple[dict[str, tuple[float, float]], float, float]],
) -> dict[str, tuple[float, float]]:
    """Shelf packing: boxes left to right in rows, the rows about as wide as the whole is tall."""
    gap = SPACING
    area = sum((w + gap) * (h + gap) for _, w, h in boxes)
    row_width = max([math.sqrt(area) * 1.3] + [w for _, w, _ in boxes])
    positions: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for local, w, h in boxes:
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for n, (px, py) in local.items():
            positions[n] = (round(x + px, 1), round(y + py, 1))
        x += w + gap
        row_height = max(row_height, h)
    return positions


def _evidence(g: Graph) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
    """Evidence of each fact (subject, predicate local name, object), in reading order."""
    from rdflib import DCTERMS, RDF
    from rdflib.namespace import PROV

    from kg.analysis.netx import local_name
    from kg.graph.vocab import KGO, NIF

    found: dict[tuple[str, str, str], dict[tuple[str, str], tuple[int, int, float]]] = {}
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = (g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object))
        if s is None or p is None or o is None:
            continue
        conf = g.value(st, KGO.confidence)
        confidence = float(str(conf)) if conf is not None else 0.0
        items = found.setdefault((str(s), local_name(p), str(o)), {})
        for sent in g.objects(st, PROV.wasDerivedFrom):
            text = g.value(sent, NIF.anchorOf)
            if text is None:
                continue
            doc = g.value(sent, NIF.referenceContext) or g.value(st, DCTERMS.source)
            begin = g.value(sent, NIF.beginIndex)
            finish = g.value(sent, NIF.endIndex)
            key = (str(doc) if doc is not None else "", str(text))
            start = int(str(begin)) if begin is not None else 0
            end = int(str(finish)) if finish is not None else start
            best = items.get(key, (start, end, 0.0))[2]
            items[key] = (start, end, max(best, confidence))
    return {
        fact: [
            {
                "sentence": text,
                "document": doc,
                "confidence": round(conf, 3),
                "start": start,
                "end": end,
            }
            for (doc, text), (start, end, conf) in sorted(
                items.items(), key=lambda kv: (kv[0][0], kv[1][0])
            )
        ]
        for fact, items in found.items()
    }


def _quotations(g: Graph, entities: set[str]) -> dict[str, list[dict[str, str]]]:
    """Quotations attributed to each entity (``kgo:said``), with sentence and document."""
    from rdflib import DCTERMS
    from rdflib.namespace import PROV

    from kg.graph.vocab import KGO, NIF

    quotes: dict[str, list[tuple[str, int, dict[str, str]]]] = {}
    for speaker, quote in g.subject_objects(KGO.said):
        if str(speaker) not in entities:
            continue
        text = g.value(quote, KGO.text)
        if text is None:
            continue
        sent = g.value(quote, PROV.wasDerivedFrom)
        sentence = g.value(sent, NIF.anchorOf) if sent is not None else None
        doc = g.value(quote, DCTERMS.source)
        begin = g.value(quote, NIF.beginIndex)
        item = {
            "text": str(text),
            "sentence": str(sentence) if sentence is not None else "",
            "document": str(doc) if doc is not None else "",
        }
        start = int(str(begin)) if begin is not None else 0
        quotes.setdefault(str(speaker), []).append((item["document"], start, item))
    return {k: [item for *_, item in sorted(v, key=lambda t: t[:2])] for k, v in quotes.items()}


def _documents(g: Graph, iris: set[str], entities: set[str]) -> dict[str, dict[str, Any]]:
    """Title, source URL, text and entities (``kgo:mentionedIn``) of each document IRI: what
    the page shows as a source, and in its article view."""
    from rdflib import DCTERMS, URIRef

    from kg.graph.vocab import KGO, NIF

    mentioned: dict[str, list[str]] = {}
    for entity, doc in g.subject_objects(KGO.mentionedIn):
        if str(entity) in entities:
            mentioned.setdefault(str(doc), []).append(str(entity))
    docs: dict[str, dict[str, Any]] = {}
    for iri in sorted(iris):
        node: Node = URIRef(iri)
        title = g.value(node, DCTERMS.title) or g.value(node, DCTERMS.identifier)
        source = g.value(node, DCTERMS.source)
        text = g.value(node, NIF.isString)
        url = str(source) if isinstance(source, URIRef) else ""
        if not url.lower().startswith(("http://", "https://")):  # no javascript: or data: link
            url = ""
        docs[iri] = {
            "title": str(title) if title is not None else "",
            "url": url,
            "text": str(text) if text is not None else "",
            "entities": sorted(mentioned.get(iri, [])),
        }
    return docs


def _document_iris(g: Graph) -> set[str]:
    """The IRIs of the documents the graph was built from (``nif:Context`` nodes)."""
    from rdflib import RDF

    from kg.graph.vocab import NIF

    return {str(doc) for doc in g.subjects(RDF.type, NIF.Context)}


def _split(value: str, sep: str) -> list[str]:
    return [v for v in value.split(sep) if v] if value else []


def graph_data(graph: Graph, title: str) -> dict[str, Any]:
    """The page's data: everything :func:`render_html` inlines, as plain JSON-ready values."""
    view = entity_view(graph)
    G = view.graph
    evidence = _evidence(graph)
    quotes = _quotations(graph, set(G.nodes))
    top = max(view.pagerank.values(), default=0.0) or 1.0
    sizes = {
        n: MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(pr / top) for n, pr in view.pagerank.items()
    }
    nodes = []
    for n, attrs in G.nodes(data=True):
        x, y = view.positions.get(n, (0.0, 0.0))
        nodes.append(
            {
                "id": n,
                "label": attrs["label"],
                "type": attrs["type"],
                "aliases": _split(attrs["aliases"], "|"),
                "same_as": _split(attrs["same_as"], "|"),
                "pagerank": round(view.pagerank.get(n, 0.0), 6),
                "community": view.community.get(n, 1),
                "degree": G.degree(n),
                "size": round(sizes.get(n, MIN_SIZE), 1),
                "x": x,
                "y": y,
                "quotes": quotes.get(n, []),
            }
        )
    edges = []
    relations: dict[str, dict[str, Any]] = {}
    for u, v, attrs in G.edges(data=True):
        pred = attrs["predicate"]
        items = evidence.get((u, pred, v), [])
        edges.append(
            {
                "source": u,
                "target": v,
                "predicate": pred,
                "open": bool(attrs["open"]),
                "confidence": attrs["confidence"],
                "evidence": items,
            }
        )
        rel = relations.setdefault(pred, {"name": pred, "open": bool(attrs["open"]), "count": 0})
        rel["count"] += 1
    doc_iris = {e["document"] for edge in edges for e in edge["evidence"] if e["document"]}
    doc_iris |= {q["document"] for qs in quotes.values() for q in qs if q["document"]}
    doc_iris |= _document_iris(graph)  # every source document, those without facts too
    sizes_by_community: dict[int, int] = {}
    for c in view.community.values():
        sizes_by_community[c] = sizes_by_community.get(c, 0) + 1
    return {
        "title": title,
        "types": [{"name": t, "colour": c} for t, c in TYPE_COLOURS.items()],
        "communities": {
            "colours": list(COMMUNITY_COLOURS),
            "other": OTHER_COLOUR,
            "sizes": [sizes_by_community[c] for c in sorted(sizes_by_community)],  # from 1
        },
        "relations": sorted(relations.values(), key=lambda r: (-r["count"], r["name"])),
        "documents": _documents(graph, doc_iris, set(G.nodes)),
        "nodes": nodes,
        "edges": edges,
    }


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML ``<script>`` element: no ``<``, ``>`` or ``&`` left.

    >>> script_json({"label": "</script><b>"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e"}'
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _asset(name: str) -> str:
    return resources.files("kg").joinpath("assets", name).read_text(encoding="utf-8")


def render_html(graph: Graph, title: str) -> str:
    """One self-contained HTML page that explores ``graph`` (see the module docstring).

    >>> from rdflib import Graph
    >>> page = render_html(Graph(), "Empty <graph>")
    >>> page.startswith("<!DOCTYPE html>") and "<title>Empty &lt;graph&gt;</title>" in page
    True
    """
    parts = {
        "title": html.escape(title),
        "css": _asset("explorer.css"),
        "graphology": _asset("graphology.umd.min.js"),  # a test checks they hold no "</script"
        "sigma": _asset("sigma.min.js"),
        "data": script_json(graph_data(graph, title)),
        "script": _asset("explorer.js"),
        "sigma_version": SIGMA_VERSION,
        "graphology_version": GRAPHOLOGY_VERSION,
    }
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], _asset("explorer.html"))
