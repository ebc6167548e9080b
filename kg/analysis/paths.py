"""Connections between entities: the shortest path from one to another, and neighbourhoods.

Both work on the undirected view of an entity graph (:func:`kg.analysis.netx.to_networkx`), so a
fact
connects its two entities whichever way it reads; each step keeps the facts behind it, with
their direction and evidence sentences. Entities are named by label or alias, regardless of
case (or by IRI). Results are deterministic.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("e/ann", label="Ann Lee", aliases="Lee")
>>> G.add_nodes_from([("e/acme", {"label": "Acme"}), ("e/bo", {"label": "Bo"})])
>>> _ = G.add_edge("e/ann", "e/acme", predicate="worksFor", sentences="Ann Lee works for Acme.")
>>> _ = G.add_edge("e/bo", "e/acme", predicate="founded", sentences="Bo founded Acme.")
>>> a, b = find_entity(G, "lee"), find_entity(G, "BO")
>>> print(format_path(G, a, b, shortest_path(G, a, b)))
Ann Lee -> Bo: 2 hops
  Ann Lee --worksFor--> Acme
      "Ann Lee works for Acme."
  Acme <--founded-- Bo
      "Bo founded Acme."
"""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Hashable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.analysis.measures import label, node_key, text_table
from kg.errors import GraphError, InputError, UsageError

if TYPE_CHECKING:
    import networkx as nx

#: At most this many shortest paths are compared to choose the best supported one.
MAX_PATHS = 1000


class NoPathError(GraphError):
    """Two entities of the graph are not connected."""


@dataclass(frozen=True)
class Link:
    """One fact between two consecutive entities of a path.

    ``forward`` is true when the fact reads from the step's source to its target.
    """

    predicate: str
    forward: bool
    confidence: float
    sentences: tuple[str, ...]


@dataclass(frozen=True)
class Hop:
    """A step of a path: from ``source`` to ``target`` (node ids) through ``links``, best
    supported first."""

    source: Hashable
    target: Hashable
    links: tuple[Link, ...]


@dataclass(frozen=True)
class Neighbor:
    """An entity ``distance`` steps away, reached from ``via`` (one step closer) by ``links``."""

    node: Hashable
    distance: int
    via: Hashable
    links: tuple[Link, ...]


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _names(G: nx.Graph, node: Hashable) -> tuple[str, list[str]]:
    data = G.nodes[node]
    aliases = [a for a in str(data.get("aliases", "") or "").split("|") if a.strip()]
    return label(G, node), aliases


def find_entity(G: nx.Graph, name: str) -> Hashable:
    """The entity named ``name``: its IRI, id (last IRI segment), label or, failing that, an
    alias, regardless of case and spacing. :class:`InputError` when nothing or several entities
    match, suggesting close names.

    >>> import networkx as nx
    >>> G = nx.Graph()
    >>> G.add_node("e/ann", label="Ann Lee", aliases="Lee")
    >>> G.add_node("e/bo", label="Bo")
    >>> find_entity(G, " ann  LEE "), find_entity(G, "lee"), find_entity(G, "bo")
    ('e/ann', 'e/ann', 'e/bo')
    >>> find_entity(G, "Ann Le")
    Traceback (most recent call last):
    kg.errors.InputError: no entity named 'Ann Le' in the graph; did you mean 'Ann Lee'?
    """
    wanted = _norm(name)
    if not wanted:
        raise InputError("empty entity name; give a label or alias from the graph")
    nodes = sorted(G, key=lambda n: node_key(G, n))
    by_id = [n for n in nodes if _norm(str(n)) == wanted or _norm(_local(n)) == wanted]
    by_label = [n for n in nodes if _norm(_names(G, n)[0]) == wanted]
    by_alias = [n for n in nodes if wanted in {_norm(a) for a in _names(G, n)[1]}]
    for found in (by_id, by_label, by_alias):
        if len(found) == 1:
            return found[0]
        if found:
            labels = [label(G, n) for n in found]
            shown = labels if len(set(labels)) == len(labels) else [str(n) for n in found]
            raise InputError(
                f"{name!r} names {len(found)} entities: {', '.join(shown)}; "
                "use a full label or the IRI"
            )
    raise InputError(f"no entity named {name!r} in the graph; {_suggest(G, nodes, wanted)}")


def _local(node: Hashable) -> str:
    return str(node).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _suggest(G: nx.Graph, nodes: list[Hashable], wanted: str) -> str:
    owners: dict[str, str] = {}
    for n in nodes:
        text, aliases = _names(G, n)
        for name in (text, *aliases):
            owners.setdefault(_norm(name), text)
    close = difflib.get_close_matches(wanted, list(owners), n=5, cutoff=0.6)
    labels = list(dict.fromkeys(owners[c] for c in close))[:3]
    if not labels:
        return "check the spelling (whole labels and aliases are matched, not parts of them)"
    return "did you mean " + " or ".join(repr(t) for t in labels) + "?"


def links(G: nx.Graph, source: Hashable, target: Hashable) -> tuple[Link, ...]:
    """The facts between two adjacent entities, either way: highest confidence first, then by
    predicate, forward before backward.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", predicate="metWith", confidence=0.7)
    >>> _ = G.add_edge("b", "a", predicate="criticized", confidence=0.9, sentences="B hit A.")
    >>> [(k.predicate, k.forward, k.sentences) for k in links(G, "a", "b")]
    [('criticized', False, ('B hit A.',)), ('metWith', True, ())]
    """
    found = []
    directions = ((source, target, True), (target, source, False))
    for u, v, forward in directions if G.is_directed() else directions[:1]:
        data = G.get_edge_data(u, v)
        if not data:
            continue
        edges = data.items() if G.is_multigraph() else [(None, data)]
        for key, attrs in edges:
            sentences = str(attrs.get("sentences", "") or "")
            found.append(
                Link(
                    predicate=str(attrs.get("predicate", key if key is not None else "related")),
                    forward=forward,
                    confidence=float(attrs.get("confidence", 0.0) or 0.0),
                    sentences=tuple(s for s in sentences.split("\n") if s.strip()),
                )
            )
    return tuple(sorted(set(found), key=lambda k: (-k.confidence, k.predicate, not k.forward)))


def shortest_path(G: nx.Graph, source: Hashable, target: Hashable) -> list[Hop]:
    """The shortest connection from ``source`` to ``target`` on the undirected view, as hops
    (none when they are the same entity). Among several shortest paths, the one whose steps have
    the highest total confidence, then the first by labels. :class:`NoPathError` when they are
    not connected.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "x"), ("x", "b"), ("a", "y"), ("y", "b")])
    >>> [(h.source, h.target) for h in shortest_path(G, "a", "b")]
    [('a', 'x'), ('x', 'b')]
    >>> G.add_node("z")
    >>> shortest_path(G, "a", "z")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.analysis.paths.NoPathError: no connection between 'a' and 'z' in the graph: ...
    """
    import networkx as nx

    U = G.to_undirected(as_view=True)
    if not nx.has_path(U, source, target):
        raise NoPathError(
            f"no connection between {label(G, source)!r} and {label(G, target)!r} in the graph: "
            "they are in different components"
        )
    candidates = itertools.islice(nx.all_shortest_paths(U, source, target), MAX_PATHS)
    best: list[Hop] = []
    best_key: tuple[Any, ...] | None = None
    for nodes in candidates:
        hops = [Hop(u, v, links(G, u, v)) for u, v in itertools.pairwise(nodes)]
        support = sum(h.links[0].confidence for h in hops if h.links)
        key = (-round(support, 9), [node_key(G, n) for n in nodes])
        if best_key is None or key < best_key:
            best, best_key = hops, key
    return best


def neighbors(G: nx.Graph, source: Hashable, depth: int = 1) -> list[Neighbor]:
    """Entities at most ``depth`` steps from ``source`` on the undirected view, nearest first,
    then by label, each with the entity one step closer it is reached from (the first by label)
    and the facts between them.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph([("a", "b"), ("c", "b"), ("c", "d")])
    >>> [(n.node, n.distance, n.via) for n in neighbors(G, "b", depth=2)]
    [('a', 1, 'b'), ('c', 1, 'b'), ('d', 2, 'c')]
    """
    if depth < 1:
        raise UsageError(f"depth must be at least 1, not {depth}")
    U = G.to_undirected(as_view=True)
    seen = {source}
    frontier = [source]
    found: list[Neighbor] = []
    for distance in range(1, depth + 1):
        reached: dict[Hashable, Hashable] = {}
        for u in frontier:
            for v in sorted(U.neighbors(u), key=lambda n: node_key(G, n)):
                if v not in seen and v not in reached:
                    reached[v] = u
        if not reached:
            break
        frontier = sorted(reached, key=lambda n: node_key(G, n))
        seen.update(frontier)
        found += [Neighbor(v, distance, reached[v], links(G, reached[v], v)) for v in frontier]
    return found


def _arrow(G: nx.Graph, source: Hashable, target: Hashable, link: Link) -> str:
    a, b = label(G, source), label(G, target)
    if link.forward:
        return f"{a} --{link.predicate}--> {b}"
    return f"{a} <--{link.predicate}-- {b}"


def format_path(G: nx.Graph, source: Hashable, target: Hashable, hops: list[Hop]) -> str:
    """A path as text: one line per fact of each step, its evidence sentences quoted below.

    >>> import networkx as nx
    >>> G = nx.Graph([("a", "b")])
    >>> print(format_path(G, "a", "a", shortest_path(G, "a", "a")))
    a -> a: 0 hops (the same entity)
    """
    first, last = label(G, source), label(G, target)
    if not hops:
        return f"{first} -> {last}: 0 hops (the same entity)"
    lines = [f"{first} -> {last}: {len(hops)} hop{'s' if len(hops) != 1 else ''}"]
    for hop in hops:
        for link in hop.links:
            lines.append("  " + _arrow(G, hop.source, hop.target, link))
            lines += [f'      "{s}"' for s in link.sentences]
    return "\n".join(lines)


def format_neighbors(G: nx.Graph, source: Hashable, found: list[Neighbor], depth: int) -> str:
    """Neighbours as an aligned table: distance, entity, type, and the connecting facts.

    >>> import networkx as nx
    >>> G = nx.MultiDiGraph()
    >>> _ = G.add_edge("a", "b", predicate="metWith")
    >>> print(format_neighbors(G, "a", neighbors(G, "a"), 1))
    a: 1 entity within 1 hop
      hops  entity  type  relation
         1  b             a --metWith--> b
    """
    count = f"{len(found)} entit{'y' if len(found) == 1 else 'ies'}"
    head = f"{label(G, source)}: {count} within {depth} hop{'s' if depth != 1 else ''}"
    rows = [["hops", "entity", "type", "relation"]] + [
        [
            str(n.distance),
            label(G, n.node),
            str(G.nodes[n.node].get("type", "") or ""),
            "; ".join(_arrow(G, n.via, n.node, k) for k in n.links),
        ]
        for n in found
    ]
    if len(rows) == 1:
        return head
    return "\n".join([head, *text_table(rows, right=frozenset({0}))])


def _entity(G: nx.Graph, node: Hashable) -> dict[str, Any]:
    return {"id": str(node), "label": label(G, node), "type": G.nodes[node].get("type")}


def _link(link: Link) -> dict[str, Any]:
    return {
        "predicate": link.predicate,
        "direction": "forward" if link.forward else "backward",
        "confidence": link.confidence,
        "sentences": list(link.sentences),
    }


def path_data(G: nx.Graph, source: Hashable, target: Hashable, hops: list[Hop]) -> dict[str, Any]:
    """A path as JSON-ready data (``direction`` is ``forward`` when a fact reads along it)."""
    return {
        "from": _entity(G, source),
        "to": _entity(G, target),
        "length": len(hops),
        "hops": [
            {
                "from": _entity(G, h.source),
                "to": _entity(G, h.target),
                "relations": [_link(k) for k in h.links],
            }
            for h in hops
        ],
    }


def neighbors_data(
    G: nx.Graph, source: Hashable, found: list[Neighbor], depth: int
) -> dict[str, Any]:
    """Neighbours as JSON-ready data."""
    return {
        "entity": _entity(G, source),
        "depth": depth,
        "neighbors": [
            {
                "entity": _entity(G, n.node),
                "distance": n.distance,
                "via": _entity(G, n.via),
                "relations": [_link(k) for k in n.links],
            }
            for n in found
        ],
    }
