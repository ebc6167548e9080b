"""Network measures (kg.analysis.measures) on hand-made graphs, and ``kg analyze`` on a built
graph."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner

from kg.analysis import measures as analysis
from kg.cli import cli

TEXT = (
    "Acme Corp banned Bob Smith in March. Bob Smith is a member of the Green Party. "
    "Jane Doe founded the Green Party in 1990. Jane Doe visited Paris last week. "
    "Globex acquired Initech in 2020. Mary Jones criticized Acme Corp.\n"
)
KGO = rdflib.Namespace("https://w3id.org/kg/ontology#")
E = "http://example.org/kg/entity/"


@pytest.fixture(scope="module")
def graph_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.export.exporters import TurtleExporter
    from kg.graph.model import Document
    from kg.pipeline import build_graph

    kg = build_graph([Document(id="news", text=TEXT)])
    out = tmp_path_factory.mktemp("analysis") / "news.ttl"
    with out.open("wb") as stream:
        TurtleExporter().export(kg, stream, "http://example.org/kg/")
    return out


def labelled(edges: list[tuple[str, str, str]]) -> nx.MultiDiGraph:
    """A kg-like graph: nodes labelled by their upper-cased name, typed, edges with predicates."""
    G = nx.MultiDiGraph()
    for u, p, v in edges:
        for n in (u, v):
            G.add_node(n, label=n.upper(), type="Person" if n < "m" else "Place")
        G.add_edge(u, v, key=p, predicate=p)
    return G


# --- measures on hand-made graphs -------------------------------------------------------------


def test_size_counts_parallel_facts() -> None:
    G = labelled([("a", "metWith", "b"), ("a", "criticized", "b"), ("b", "visited", "c")])
    assert analysis.size(G) == (3, 3)
    assert analysis.size(nx.MultiDiGraph()) == (0, 0)


def test_density_counts_pairs_once_and_ignores_self_loops() -> None:
    G = labelled([("a", "metWith", "b"), ("a", "criticized", "b"), ("c", "relatedTo", "c")])
    assert analysis.density(G) == pytest.approx(1 / 6)
    assert analysis.density(nx.complete_graph(4, create_using=nx.DiGraph)) == 1.0
    assert analysis.density(nx.MultiDiGraph()) == 0.0


def test_components_are_weak_and_ordered_by_size_then_smallest_member() -> None:
    G = labelled([("d", "p", "e"), ("c", "p", "b"), ("b", "p", "a"), ("f", "p", "g")])
    G.add_node("h")
    assert analysis.components(G) == [["a", "b", "c"], ["d", "e"], ["f", "g"], ["h"]]


def test_degree_ranking_breaks_ties_by_label_not_by_id() -> None:
    G = nx.MultiDiGraph()
    G.add_node("n1", label="Zoe")
    G.add_node("n2", label="adam")
    G.add_node("n3", label="Bea")
    G.add_edges_from([("n1", "n3"), ("n2", "n3")])
    assert analysis.degree_ranking(G) == [("n3", 2), ("n2", 1), ("n1", 1)]
    assert analysis.degree_ranking(G, top=1) == [("n3", 2)]


def test_pagerank_matches_networkx_reference_implementation() -> None:
    reference = pytest.importorskip("networkx.algorithms.link_analysis.pagerank_alg")
    graphs = [
        nx.gnp_random_graph(40, 0.08, seed=7, directed=True),
        nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "c"), ("c", "a"), ("d", "d")]),
        nx.path_graph(5),
    ]
    for G in graphs:
        expected = reference._pagerank_python(G, tol=1e-12, max_iter=1000)
        got = analysis.pagerank(G)
        assert got.keys() == expected.keys()
        assert all(got[n] == pytest.approx(expected[n], abs=1e-9) for n in G)
        assert sum(got.values()) == pytest.approx(1.0)


def test_pagerank_ranking_puts_the_most_cited_first() -> None:
    G = labelled([("a", "p", "z"), ("b", "p", "z"), ("c", "p", "z"), ("z", "p", "y")])
    ranked = analysis.pagerank_ranking(G)
    assert [n for n, _ in ranked[:2]] == ["y", "z"]  # z passes all its rank on to y
    assert [n for n, _ in ranked[2:]] == ["a", "b", "c"]  # equal scores: by label
    assert analysis.pagerank(nx.DiGraph()) == {}


def test_betweenness_ignores_direction_and_parallel_facts() -> None:
    G = labelled([("a", "p", "b"), ("a", "q", "b"), ("c", "p", "b"), ("c", "p", "d")])
    scores = analysis.betweenness(G)
    assert scores["b"] == pytest.approx(2 / 3) and scores["c"] == pytest.approx(2 / 3)
    assert scores["a"] == 0.0 and scores["d"] == 0.0
    assert [n for n, _ in analysis.betweenness_ranking(G, top=2)] == ["b", "c"]


def test_communities_are_deterministic_numbered_by_size() -> None:
    # Two triangles joined by one edge, and a separate pair.
    edges = [("a", "b"), ("b", "c"), ("a", "c"), ("c", "x"), ("x", "y"), ("y", "z"), ("x", "z")]
    edges += [("x", "w"), ("p", "q")]
    G = nx.MultiDiGraph(edges)
    expected = [["w", "x", "y", "z"], ["a", "b", "c"], ["p", "q"]]
    assert analysis.communities(G) == expected
    # The same graph built in another order gives the same communities.
    H = nx.MultiDiGraph(list(reversed(edges)))
    assert analysis.communities(H) == expected
    numbers = analysis.community_numbers(G)
    assert numbers["w"] == 1 and numbers["a"] == 2 and numbers["q"] == 3


def test_brokers_are_articulation_points() -> None:
    G = labelled([("a", "p", "b"), ("b", "p", "c"), ("c", "p", "a"), ("c", "p", "d")])
    assert analysis.brokers(G) == ["c"]
    assert analysis.brokers(labelled([("a", "p", "b")])) == []


def test_counts_per_type_and_relation() -> None:
    G = labelled([("a", "memberOf", "b"), ("c", "memberOf", "b"), ("a", "visited", "x")])
    assert analysis.type_counts(G) == {"Person": 3, "Place": 1}
    assert analysis.relation_counts(G) == {"memberOf": 2, "visited": 1}
    assert list(analysis.relation_counts(G)) == ["memberOf", "visited"]


def test_summary_is_json_ready_and_cut_to_top() -> None:
    G = labelled([("a", "memberOf", "b"), ("c", "memberOf", "b"), ("d", "visited", "x")])
    s = analysis.summary(G, top=2)
    assert json.loads(json.dumps(s)) == s
    assert (s["entities"], s["facts"]) == (5, 3)
    assert s["components"] == {"count": 2, "sizes": [3, 2]}
    assert len(s["degree"]) == 2 and s["degree"][0] == {
        "id": "b",
        "label": "B",
        "type": "Person",
        "score": 2,
    }
    assert [b["id"] for b in s["brokers"]] == ["b"]
    assert s["communities"]["count"] == 2 and len(s["communities"]["top"]) == 2


def test_summary_estimates_betweenness_on_large_graphs(monkeypatch: pytest.MonkeyPatch) -> None:
    G = nx.MultiDiGraph(nx.path_graph(12))
    assert analysis.summary(G)["betweenness_sources"] is None
    monkeypatch.setattr(analysis, "BETWEENNESS_EXACT_MAX", 5)
    monkeypatch.setattr(analysis, "BETWEENNESS_SOURCES", 4)
    first, second = analysis.summary(G), analysis.summary(G)
    assert first == second and first["betweenness_sources"] == 4
    exact = analysis.betweenness(G)
    estimated = analysis.betweenness(G, sources=4)
    assert estimated != exact and estimated.keys() == exact.keys()
    assert "estimated from 4 sources" in analysis.format_summary(first)


def test_format_summary_aligns_columns() -> None:
    G = labelled([("a", "memberOf", "b"), ("c", "memberOf", "b")])
    text = analysis.format_summary(analysis.summary(G))
    lines = text.splitlines()
    start = lines.index("Top 3 by PageRank")
    table = lines[start + 1 : start + 5]
    assert table[0].split() == ["#", "entity", "type", "pagerank"]
    assert len({len(line) for line in table}) == 1, "right-aligned score column"
    assert table[1].split()[1] == "B"


def test_annotate_replaces_earlier_values() -> None:
    G = nx.DiGraph([(E + "a", E + "b")])
    g = rdflib.Graph()
    g.add((rdflib.URIRef(E + "a"), KGO.pagerank, rdflib.Literal(9.0)))
    assert analysis.annotate(g, G) == 2
    values = sorted(float(o) for o in g.objects(rdflib.URIRef(E + "a"), KGO.pagerank))
    assert values == [pytest.approx(0.350877)]


# --- kg analyze --------------------------------------------------------------------------------


def test_analyze_prints_tables(graph_ttl: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(graph_ttl)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    for title in ("Entity types", "Relations", "by PageRank", "by Betweenness", "Communities"):
        assert title in out
    assert "Bob Smith" in out and "banned" in out


def test_analyze_json_is_deterministic_and_matches_the_graph(graph_ttl: Path) -> None:
    runs = [
        CliRunner().invoke(cli, ["analyze", str(graph_ttl), "--json", "--top", "3"]) for _ in "ab"
    ]
    assert all(r.exit_code == 0 for r in runs)
    assert runs[0].stdout == runs[1].stdout
    data = json.loads(runs[0].stdout)
    g = rdflib.Graph().parse(graph_ttl)
    from kg.analysis.netx import to_networkx

    G = to_networkx(g)
    assert (data["entities"], data["facts"]) == analysis.size(G)
    assert data["components"]["count"] >= 2  # Globex and Initech stand apart
    assert len(data["pagerank"]) == 3
    assert data["relations"]["banned"] >= 1
    assert list(json.loads(runs[0].stdout)) == sorted(data)


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".nq", ".trig", ".jsonld"])
def test_analyze_annotate_round_trip_through_sparql(
    graph_ttl: Path, tmp_path: Path, suffix: str
) -> None:
    out = tmp_path / f"annotated{suffix}"
    args = ["analyze", str(graph_ttl), "--json", "--annotate", "-o", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    ds = rdflib.Dataset()
    ds.parse(out, format=rdflib.util.guess_format(str(out)))
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    original = rdflib.Graph().parse(graph_ttl)
    assert len(g) == len(original) + 2 * summary["entities"]
    rows = g.query(
        """
        PREFIX kgo: <https://w3id.org/kg/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label ?rank ?community WHERE {
            ?e kgo:pagerank ?rank ; kgo:community ?community ; rdfs:label ?label .
        } ORDER BY DESC(?rank) ?label
        """
    )
    found = [(str(label), rank, community) for label, rank, community in rows]
    assert len(found) == summary["entities"]
    assert all(r.datatype == rdflib.XSD.double for _, r, _ in found)
    assert all(c.datatype == rdflib.XSD.integer for _, _, c in found)
    top = summary["pagerank"][0]
    assert found[0][0] == top["label"] and float(found[0][1]) == top["score"]
    biggest = {m["label"] for m in summary["communities"]["top"][0]["members"]}
    assert {label for label, _, c in found if int(c) == 1} == biggest


def test_analyze_annotate_is_byte_identical_and_idempotent(graph_ttl: Path, tmp_path: Path) -> None:
    first, second, again = tmp_path / "1.ttl", tmp_path / "2.ttl", tmp_path / "3.ttl"
    for source, out in ((graph_ttl, first), (graph_ttl, second), (first, again)):
        result = CliRunner().invoke(cli, ["analyze", str(source), "--annotate", "-o", str(out)])
        assert result.exit_code == 0, result.output
        assert "annotated" in result.stderr
    assert first.read_bytes() == second.read_bytes() == again.read_bytes()


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["--annotate"], 2, "--annotate needs -o"),
        (["-o", "x.ttl"], 2, "add --annotate"),
        (["--annotate", "-o", "x.csv"], 2, "unknown RDF file extension"),
        (["--top", "-1"], 2, ""),
    ],
)
def test_analyze_usage_errors(graph_ttl: Path, args: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(graph_ttl), *args])
    assert result.exit_code == code
    assert message in result.stderr


def test_analyze_missing_or_broken_graph(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "none.ttl")])
    assert result.exit_code == 1 and "no such graph file" in result.stderr
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(broken)])
    assert result.exit_code == 1 and "cannot parse" in result.stderr
    assert "Traceback" not in result.output
    foreign = tmp_path / "foreign.nt"
    foreign.write_text("<http://x/a> <http://x/p> <http://x/b> .\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["analyze", str(foreign)])
    assert result.exit_code == 1 and "no entities" in result.stderr
