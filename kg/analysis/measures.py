"""Network measures of an entity graph, one measure per function, the graph first.

The graph is a networkx graph as :func:`kg.analysis.netx.to_networkx` builds it (a MultiDiGraph of
entities with node attributes ``label`` and ``type`` and edge attribute ``predicate``), but any
networkx graph works: a node without a ``label`` is named by itself. Everything is
deterministic: rankings are sorted by score, highest first, then by label; Louvain runs with a
fixed seed; communities are numbered from 1 by size, largest first, then by their smallest
member.

>>> import networkx as nx
>>> G = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
>>> size(G)
(4, 4)
>>> [label(G, n) for n, _ in degree_ranking(G, top=2)]
['c', 'a']
>>> brokers(G)
['c']
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx
    from rdflib import Dataset, Graph

#: Seed of the Louvain community detection (any fixed value makes it deterministic).
SEED = 42
#: Damping factor of PageRank (networkx's default).
ALPHA = 0.85
#: Decimal places of the scores in summaries and in ``kgo:pagerank``.
PLACES = 6
#: Above this many entities, :func:`summary` estimates betweenness from a seeded sample of
#: :data:`BETWEENNESS_SOURCES` source entities instead of computing it exactly.
BETWEENNESS_EXACT_MAX = 1000
BETWEENNESS_SOURCES = 300


def label(G: nx.Graph, node: Hashable) -> str:
    """The ``label`` attribute of ``node``, else the node itself as text.

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("e1", label="Acme Corp")
    >>> G.add_node("e2")
    >>> label(G, "e1"), label(G, "e2")
    ('Acme Corp', 'e2')
    """
    return str(G.nodes[node].get("label", node))


def node_key(G: nx.Graph, node: Hashable) -> tuple[str, str, str]:
    """The sort key of a node: its label regardless of case, its label, then the node itself as
    text (labels may repeat).

    >>> import networkx as nx
    >>> G = nx.Graph([("b", "a"), ("B", "c")])
    >>> sorted(G, key=lambda n: node_key(G, n))
    ['a', 'B', 'b', 'c']
    """
    text = label(G, node)
    return (text.casefold(), text, str(node))


def undirected(G: nx.Graph) -> nx.Graph:
    """The simple undirected projection of ``G``: one edge per connected pair, whatever the
    direction or number of facts, with ``weight`` the number of facts; no self-loops. Nodes are
    inserted in :func:`node_key` order, so algorithms that follow insertion order are stable.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("b", "a"), ("a", "b"), ("b", "b")])
    >>> sorted(undirected(G).edges(data="weight"))
    [('a', 'b', 3)]
    """
    import networkx as nx

    U = nx.Graph()
    U.add_nodes_from(sorted(G, key=lambda n: node_key(G, n)))
    weights: Counter[tuple[Hashable, Hashable]] = Counter()
    for u, v in G.edges():
        if u != v:
            pair = (u, v) if node_key(G, u) <= node_key(G, v) else (v, u)
            weights[pair] += 1
    for (u, v), w in sorted(
        weights.items(), key=lambda i: (node_key(G, i[0][0]), node_key(G, i[0][1]))
    ):
        U.add_edge(u, v, weight=w)
    return U


def size(G: nx.Graph) -> tuple[int, int]:
    """Number of entities and of facts (parallel edges each count).

    >>> import networkx as nx
    >>> size(nx.MultiDiGraph([("a", "b"), ("a", "b")]))
    (2, 2)
    """
    return G.number_of_nodes(), G.number_of_edges()


def density(G: nx.Graph) -> float:
    """Connected ordered pairs of distinct entities over all possible ones (0 to 1): parallel
    facts count once and self-loops not at all; pairs are unordered for an undirected graph.

    >>> import networkx as nx
    >>> density(nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "c")]))
    0.3333333333333333
    >>> density(nx.Graph([("a", "b"), ("b", "c")]))
    0.6666666666666666
    """
    n = G.number_of_nodes()
    if n < 2:
        return 0.0
    pairs = {(u, v) for u, v in G.edges() if u != v}
    if G.is_directed():
        return len(pairs) / (n * (n - 1))
    return len({frozenset(p) for p in pairs}) / (n * (n - 1) / 2)


def components(G: nx.Graph) -> list[list[Hashable]]:
    """Weakly connected components (direction ignored), largest first, then by smallest member;
    members sorted by label.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("b", "a"), ("c", "d"), ("d", "e")])
    >>> G.add_node("f")
    >>> components(G)
    [['c', 'd', 'e'], ['a', 'b'], ['f']]
    """
    import networkx as nx

    groups = [
        sorted(c, key=lambda n: node_key(G, n)) for c in nx.connected_components(undirected(G))
    ]
    return _sort_groups(G, groups)


def _sort_groups(G: nx.Graph, groups: list[list[Hashable]]) -> list[list[Hashable]]:
    return sorted(groups, key=lambda c: (-len(c), node_key(G, c[0])))


def ranking(
    G: nx.Graph, scores: Mapping[Hashable, float], top: int | None = None
) -> list[tuple[Hashable, float]]:
    """``(node, score)`` pairs by score, highest first, then by label; the first ``top`` only.

    Scores are compared at 9 decimal places, so floating-point noise does not decide the order.

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from([("x", {"label": "Zed"}), ("y", {"label": "Amy"}), ("z", {})])
    >>> ranking(G, {"x": 1.0, "y": 1.0, "z": 2.0})
    [('z', 2.0), ('y', 1.0), ('x', 1.0)]
    """
    ordered = sorted(scores.items(), key=lambda i: (-round(i[1], 9), node_key(G, i[0])))
    return ordered if top is None else ordered[:top]


def degree_ranking(G: nx.Graph, top: int | None = None) -> list[tuple[Hashable, int]]:
    """Entities by number of facts they take part in (in and out, parallel facts each count).

    >>> import networkx as nx
    >>> degree_ranking(nx.MultiDiGraph([("a", "b"), ("a", "b"), ("c", "a")]))
    [('a', 3), ('b', 2), ('c', 1)]
    """
    return [(n, int(s)) for n, s in ranking(G, dict(G.degree()), top)]


def pagerank(
    G: nx.Graph, alpha: float = ALPHA, tol: float = 1e-12, max_iter: int = 1000
) -> dict[Hashable, float]:
    """PageRank of every entity, following the direction of facts (parallel facts add weight).

    Power iteration in pure Python, the algorithm of networkx's reference implementation
    (networkx's ``pagerank`` itself needs SciPy, which kg does not depend on): uniform
    teleportation, dangling entities spread their rank uniformly. Scores sum to 1. An
    undirected graph counts each edge in both directions.

    >>> import networkx as nx
    >>> pr = pagerank(nx.DiGraph([("a", "c"), ("b", "c")]))
    >>> {n: round(s, 4) for n, s in pr.items()}
    {'a': 0.2128, 'c': 0.5745, 'b': 0.2128}
    """
    nodes = list(G)
    n = len(nodes)
    if n == 0:
        return {}
    out: dict[Hashable, Counter[Hashable]] = {u: Counter() for u in nodes}
    for u, v in G.edges():
        out[u][v] += 1
        if not G.is_directed() and u != v:
            out[v][u] += 1
    totals = {u: sum(c.values()) for u, c in out.items()}
    dangling = [u for u in nodes if totals[u] == 0]
    x = dict.fromkeys(nodes, 1.0 / n)
    for _ in range(max_iter):
        last = x
        base = (alpha * sum(last[u] for u in dangling) + 1.0 - alpha) / n
        x = dict.fromkeys(nodes, base)
        for u in nodes:
            if totals[u]:
                share = alpha * last[u] / totals[u]
                for v, count in out[u].items():
                    x[v] += share * count
        if sum(abs(x[u] - last[u]) for u in nodes) < n * tol:
            break
    return x


def pagerank_ranking(G: nx.Graph, top: int | None = None) -> list[tuple[Hashable, float]]:
    """Entities by :func:`pagerank`, highest first, then by label.

    >>> import networkx as nx
    >>> [(n, round(s, 3)) for n, s in pagerank_ranking(nx.DiGraph([("a", "c"), ("b", "c")]))]
    [('c', 0.574), ('a', 0.213), ('b', 0.213)]
    """
    return ranking(G, pagerank(G), top)


def betweenness(G: nx.Graph, sources: int | None = None, seed: int = SEED) -> dict[Hashable, float]:
    """Normalised betweenness centrality of every entity on :func:`undirected`: the share of
    shortest connections between other entities that pass through it. Exact by default (time
    grows with entities x facts); with ``sources``, estimated from that many source entities
    drawn with ``seed`` (deterministic).

    >>> import networkx as nx
    >>> betweenness(nx.MultiDiGraph([("a", "b"), ("c", "b")]))
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    import networkx as nx

    U = undirected(G)
    k = sources if sources is not None and sources < len(U) else None
    return dict(nx.betweenness_centrality(U, k=k, normalized=True, seed=seed))


def betweenness_ranking(
    G: nx.Graph, top: int | None = None, sources: int | None = None
) -> list[tuple[Hashable, float]]:
    """Entities by :func:`betweenness` (``sources`` as there), highest first, then by label.

    >>> import networkx as nx
    >>> betweenness_ranking(nx.Graph([("a", "b"), ("b", "c"), ("c", "d")]), top=2)
    [('b', 0.6666666666666666), ('c', 0.6666666666666666)]
    """
    return ranking(G, betweenness(G, sources), top)


def communities(G: nx.Graph, seed: int = SEED) -> list[list[Hashable]]:
    """Louvain communities of :func:`undirected` (edges weighted by number of facts), with a
    fixed seed. Community ``i + 1`` is the ``i``-th of the list: largest first, then by smallest
    member; members sorted by label. An isolated entity is a community of its own.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z")])
    >>> G.add_edge("c", "x")
    >>> communities(G)
    [['a', 'b', 'c'], ['x', 'y', 'z']]
    """
    import networkx as nx

    found = nx.community.louvain_communities(undirected(G), weight="weight", seed=seed)
    return _sort_groups(G, [sorted(c, key=lambda n: node_key(G, n)) for c in found])


def community_numbers(G: nx.Graph, seed: int = SEED) -> dict[Hashable, int]:
    """The number of each entity's community in :func:`communities` (from 1).

    >>> import networkx as nx
    >>> community_numbers(nx.Graph([("a", "b"), ("c", "d"), ("d", "e")]))
    {'c': 1, 'd': 1, 'e': 1, 'a': 2, 'b': 2}
    """
    return {n: i for i, group in enumerate(communities(G, seed), 1) for n in group}


def brokers(G: nx.Graph) -> list[Hashable]:
    """Articulation points of :func:`undirected`: entities whose removal splits a component,
    sorted by label.

    >>> import networkx as nx
    >>> brokers(nx.MultiDiGraph([("a", "b"), ("b", "c"), ("c", "d")]))
    ['b', 'c']
    """
    import networkx as nx

    return sorted(nx.articulation_points(undirected(G)), key=lambda n: node_key(G, n))


def _counted(counter: Counter[str]) -> dict[str, int]:
    return dict(sorted(counter.items(), key=lambda i: (-i[1], i[0])))


def type_counts(G: nx.Graph) -> dict[str, int]:
    """Entities per ``type`` attribute (``unknown`` without one), most frequent first, then by
    name.

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_nodes_from([(1, {"type": "Place"}), (2, {"type": "Person"}), (3, {"type": "Place"})])
    >>> type_counts(G)
    {'Place': 2, 'Person': 1}
    """
    return _counted(Counter(str(d.get("type", "unknown")) for _, d in G.nodes(data=True)))


def relation_counts(G: nx.Graph) -> dict[str, int]:
    """Facts per ``predicate`` attribute (``unknown`` without one), most frequent first, then by
    name.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", predicate="memberOf")
    >>> _ = G.add_edge("c", "b", predicate="memberOf")
    >>> _ = G.add_edge("a", "c", predicate="metWith")
    >>> relation_counts(G)
    {'memberOf': 2, 'metWith': 1}
    """
    return _counted(Counter(str(d.get("predicate", "unknown")) for _, _, d in G.edges(data=True)))


def _entity(G: nx.Graph, node: Hashable) -> dict[str, Any]:
    return {"id": str(node), "label": label(G, node), "type": G.nodes[node].get("type")}


def summary(G: nx.Graph, top: int = 10, seed: int = SEED) -> dict[str, Any]:
    """All the measures, as plain JSON-ready data; rankings and communities cut to ``top``.

    Betweenness is exact up to :data:`BETWEENNESS_EXACT_MAX` entities, else estimated
    (``betweenness_sources`` says from how many source entities; ``null`` when exact).

    >>> import networkx as nx
    >>> s = summary(nx.MultiDiGraph([("a", "b"), ("b", "c")]), top=1)
    >>> s["entities"], s["facts"], s["components"], [b["id"] for b in s["brokers"]]
    (3, 2, {'count': 1, 'sizes': [3]}, ['b'])
    >>> s["degree"]
    [{'id': 'b', 'label': 'b', 'type': None, 'score': 2}]
    """
    nodes, edges = size(G)
    sampled = nodes > max(BETWEENNESS_EXACT_MAX, BETWEENNESS_SOURCES)
    sources = BETWEENNESS_SOURCES if sampled else None
    comps = components(G)
    groups = communities(G, seed)

    def ranked(pairs: list[tuple[Hashable, Any]]) -> list[dict[str, Any]]:
        return [
            {**_entity(G, n), "score": s if isinstance(s, int) else round(s, PLACES)}
            for n, s in pairs
        ]

    return {
        "entities": nodes,
        "facts": edges,
        "density": round(density(G), PLACES),
        "components": {"count": len(comps), "sizes": [len(c) for c in comps]},
        "degree": ranked(degree_ranking(G, top)),
        "pagerank": ranked(pagerank_ranking(G, top)),
        "betweenness": ranked(betweenness_ranking(G, top, sources)),
        "betweenness_sources": sources,
        "communities": {
            "count": len(groups),
            "seed": seed,
            "top": [
                {"number": i, "size": len(g), "members": [_entity(G, n) for n in g]}
                for i, g in enumerate(groups[:top], 1)
            ],
        },
        "brokers": [_entity(G, n) for n in brokers(G)],
        "types": type_counts(G),
        "relations": relation_counts(G),
    }


def text_table(rows: list[list[str]], right: frozenset[int] = frozenset()) -> list[str]:
    """Rows of cells as lines of aligned columns, indented two spaces; columns in ``right``
    right-aligned.

    >>> print("\\n".join(text_table([["#", "name"], ["10", "Bo"]], right=frozenset({0}))))
       #  name
      10  Bo
    """
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))] if rows else []
    lines = []
    for row in rows:
        cells = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        lines.append(("  " + "  ".join(cells)).rstrip())
    return lines


def format_summary(s: Mapping[str, Any]) -> str:
    """A :func:`summary` as aligned plain-text tables, for the terminal.

    >>> import networkx as nx
    >>> print(format_summary(summary(nx.MultiDiGraph([("a", "b")]), top=1)).splitlines()[0])
    Graph
    """
    sizes = s["components"]["sizes"]
    shown = ", ".join(str(n) for n in sizes[:10]) + (", ..." if len(sizes) > 10 else "")
    lines = ["Graph"]
    lines += text_table(
        [
            ["entities", str(s["entities"])],
            ["facts", str(s["facts"])],
            ["density", f"{s['density']:.{PLACES}f}"],
            ["components", f"{s['components']['count']}" + (f" (sizes {shown})" if sizes else "")],
            ["communities", str(s["communities"]["count"])],
        ]
    )
    for title, counts in (("Entity types", s["types"]), ("Relations", s["relations"])):
        lines += ["", title]
        lines += text_table([[k, str(v)] for k, v in counts.items()], right=frozenset({1})) or [
            "  (none)"
        ]
    for key, title, fmt in (
        ("degree", "Degree (facts per entity)", "{}"),
        ("pagerank", "PageRank", f"{{:.{PLACES}f}}"),
        ("betweenness", "Betweenness", f"{{:.{PLACES}f}}"),
    ):
        if key == "betweenness" and s.get("betweenness_sources"):
            title += f" (estimated from {s['betweenness_sources']} sources)"
        rows = [["#", "entity", "type", key]] + [
            [str(i), r["label"], str(r["type"] or ""), fmt.format(r["score"])]
            for i, r in enumerate(s[key], 1)
        ]
        lines += ["", f"Top {len(s[key])} by {title}"]
        lines += text_table(rows, right=frozenset({0, 3})) if len(rows) > 1 else ["  (none)"]
    lines += ["", f"Communities (Louvain, seed {s['communities']['seed']}), largest first"]
    rows = [["#", "size", "members"]] + [
        [str(c["number"]), str(c["size"]), _members(c["members"])] for c in s["communities"]["top"]
    ]
    lines += text_table(rows, right=frozenset({0, 1})) if len(rows) > 1 else ["  (none)"]
    lines += ["", "Brokers (entities whose removal splits a component)"]
    lines += [f"  {_members(s['brokers'], limit=50)}" if s["brokers"] else "  (none)"]
    return "\n".join(lines)


def _members(entities: list[Mapping[str, Any]], limit: int = 6) -> str:
    names = [str(e["label"]) for e in entities[:limit]]
    more = len(entities) - limit
    return ", ".join(names) + (f", ... (+{more})" if more > 0 else "")


def annotate(graph: Graph | Dataset, G: nx.Graph, seed: int = SEED) -> int:
    """Add ``kgo:pagerank`` (xsd:double, rounded to 6 places) and ``kgo:community``
    (xsd:integer) to every entity node of ``G`` in ``graph``, replacing earlier values (in a
    Dataset, in every graph; the new ones go to the default graph). Returns the number of
    entities annotated.

    >>> import networkx as nx
    >>> from rdflib import Graph
    >>> g = Graph()
    >>> annotate(g, nx.DiGraph([("http://x/a", "http://x/b")]))
    2
    >>> sorted(str(o) for o in g.objects(None, None))
    ['0.350877', '0.649123', '1', '1']
    """
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from kg.graph.vocab import KGO

    ranks = pagerank(G)
    numbers = community_numbers(G, seed)
    for prop in (KGO.pagerank, KGO.community):
        for s, o in list(graph.subject_objects(prop)):
            graph.remove((s, prop, o))
    for node in sorted(G, key=str):
        subject = URIRef(str(node))
        graph.add((subject, KGO.pagerank, Literal(round(ranks[node], PLACES), datatype=XSD.double)))
        graph.add((subject, KGO.community, Literal(numbers[node], datatype=XSD.integer)))
    return len(G)
