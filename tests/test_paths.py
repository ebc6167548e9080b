"""Paths and neighbourhoods (kg.analysis.paths) on hand-made graphs, and ``kg path`` / ``kg
neighbors``."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.analysis import paths
from kg.cli import cli
from kg.errors import InputError

TEXT = (
    "Acme Corp banned Bob Smith in March. Bob Smith is a member of the Green Party. "
    "Jane Doe founded the Green Party in 1990. Jane Doe visited Paris last week. "
    "Globex acquired Initech in 2020. Mary Jones criticized Acme Corp.\n"
)


@pytest.fixture(scope="module")
def graph_ttl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from kg.export.exporters import TurtleExporter
    from kg.graph.model import Document
    from kg.pipeline import build_graph

    kg = build_graph([Document(id="news", text=TEXT)])
    out = tmp_path_factory.mktemp("paths") / "news.ttl"
    with out.open("wb") as stream:
        TurtleExporter().export(kg, stream, "http://example.org/kg/")
    return out


def fact(G: nx.MultiDiGraph, u: str, p: str, v: str, conf: float = 0.7, text: str = "") -> None:
    G.add_edge(u, v, key=p, predicate=p, confidence=conf, sentences=text or f"{u} {p} {v}.")


@pytest.fixture
def people() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    G.add_node("e/ann", label="Ann Lee", type="Person", aliases="Lee|Annie")
    G.add_node("e/acme", label="Acme", type="Organization", aliases="")
    G.add_node("e/bo", label="Bo Lee", type="Person", aliases="Lee")
    G.add_node("e/cy", label="Cy", type="Person")
    G.add_node("e/rome", label="Rome", type="Place")
    G.add_node("e/nowhere", label="Nowhere", type="Place")
    fact(G, "e/ann", "worksFor", "e/acme", 0.9, "Ann Lee works for Acme.")
    fact(G, "e/bo", "founded", "e/acme", 0.8, "Bo Lee founded Acme.")
    fact(G, "e/acme", "sued", "e/bo", 0.6, "Acme sued Bo Lee.")
    fact(G, "e/ann", "metWith", "e/cy", 0.5)
    fact(G, "e/cy", "visited", "e/rome", 0.7)
    fact(G, "e/bo", "visited", "e/rome", 0.7)
    return G


# --- finding entities -----------------------------------------------------------------------------


def test_find_entity_by_label_alias_id_or_iri(people: nx.MultiDiGraph) -> None:
    assert paths.find_entity(people, "ann lee") == "e/ann"
    assert paths.find_entity(people, "  ANNIE ") == "e/ann"
    assert paths.find_entity(people, "cy") == "e/cy"
    assert paths.find_entity(people, "e/rome") == "e/rome"
    assert paths.find_entity(people, "acme") == "e/acme"


def test_find_entity_unknown_suggests_close_labels(people: nx.MultiDiGraph) -> None:
    with pytest.raises(InputError) as err:
        paths.find_entity(people, "Ann Le")
    message = str(err.value)
    assert "no entity named 'Ann Le'" in message and "'Ann Lee'" in message
    assert "\n" not in message
    with pytest.raises(InputError, match="check the spelling"):
        paths.find_entity(people, "Zzyzx")


def test_find_entity_ambiguous_alias_lists_candidates(people: nx.MultiDiGraph) -> None:
    with pytest.raises(InputError, match="'Lee' names 2 entities: Ann Lee, Bo Lee"):
        paths.find_entity(people, "Lee")


# --- paths ----------------------------------------------------------------------------------------


def test_shortest_path_follows_facts_either_way(people: nx.MultiDiGraph) -> None:
    hops = paths.shortest_path(people, "e/ann", "e/bo")
    assert [(h.source, h.target) for h in hops] == [("e/ann", "e/acme"), ("e/acme", "e/bo")]
    assert [(k.predicate, k.forward) for k in hops[0].links] == [("worksFor", True)]
    # Both facts between Acme and Bo Lee, the best supported first, with their direction.
    assert [(k.predicate, k.forward) for k in hops[1].links] == [
        ("founded", False),
        ("sued", True),
    ]
    assert hops[1].links[0].sentences == ("Bo Lee founded Acme.",)


def test_shortest_path_prefers_the_best_supported_then_labels() -> None:
    G = nx.MultiDiGraph()
    fact(G, "s", "p", "a", 0.5)
    fact(G, "a", "p", "t", 0.5)
    fact(G, "s", "p", "b", 0.9)
    fact(G, "t", "p", "b", 0.9)
    fact(G, "s", "p", "c", 0.9)
    fact(G, "c", "p", "t", 0.9)
    fact(G, "s", "p", "x", 0.9)
    fact(G, "x", "p", "y", 0.9)
    fact(G, "y", "p", "t", 0.9)
    # Through a: weakest; through b or c: equally strong, b first by label; through x, y: longer.
    assert [h.target for h in paths.shortest_path(G, "s", "t")] == ["b", "t"]
    assert [h.target for h in paths.shortest_path(G, "t", "s")] == ["b", "s"]
    G.remove_node("b")
    assert [h.target for h in paths.shortest_path(G, "s", "t")] == ["c", "t"]


def test_same_entity_and_no_path(people: nx.MultiDiGraph) -> None:
    assert paths.shortest_path(people, "e/ann", "e/ann") == []
    with pytest.raises(paths.NoPathError, match="no connection between 'Ann Lee' and 'Nowhere'"):
        paths.shortest_path(people, "e/ann", "e/nowhere")


def test_format_path_shows_direction_and_evidence(people: nx.MultiDiGraph) -> None:
    hops = paths.shortest_path(people, "e/ann", "e/bo")
    text = paths.format_path(people, "e/ann", "e/bo", hops)
    assert text.splitlines() == [
        "Ann Lee -> Bo Lee: 2 hops",
        "  Ann Lee --worksFor--> Acme",
        '      "Ann Lee works for Acme."',
        "  Acme <--founded-- Bo Lee",
        '      "Bo Lee founded Acme."',
        "  Acme --sued--> Bo Lee",
        '      "Acme sued Bo Lee."',
    ]


# --- neighbours -----------------------------------------------------------------------------------


def test_neighbors_by_distance_then_label(people: nx.MultiDiGraph) -> None:
    one = paths.neighbors(people, "e/ann")
    assert [(n.node, n.distance) for n in one] == [("e/acme", 1), ("e/cy", 1)]
    two = paths.neighbors(people, "e/ann", depth=2)
    assert [(n.node, n.distance, n.via) for n in two] == [
        ("e/acme", 1, "e/ann"),
        ("e/cy", 1, "e/ann"),
        ("e/bo", 2, "e/acme"),
        ("e/rome", 2, "e/cy"),
    ]
    assert [k.predicate for k in two[2].links] == ["founded", "sued"]
    assert paths.neighbors(people, "e/nowhere", depth=3) == []
    with pytest.raises(Exception, match="depth must be at least 1"):
        paths.neighbors(people, "e/ann", depth=0)


def test_neighbors_data_is_json_ready(people: nx.MultiDiGraph) -> None:
    data = paths.neighbors_data(people, "e/cy", paths.neighbors(people, "e/cy"), 1)
    assert json.loads(json.dumps(data)) == data
    assert [n["entity"]["label"] for n in data["neighbors"]] == ["Ann Lee", "Rome"]
    assert data["neighbors"][0]["relations"][0]["direction"] == "backward"


# --- kg path / kg neighbors -------------------------------------------------------------------


def test_cli_path_prints_hops_with_evidence(graph_ttl: Path) -> None:
    result = CliRunner().invoke(cli, ["path", str(graph_ttl), "mary jones", "PARIS"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Mary Jones -> Paris: ")
    assert "Acme Corp <--banned--" not in result.stdout  # Acme banned Bob: read forwards
    assert "Acme Corp --banned--> Bob Smith" in result.stdout
    assert "Green Party <--founded-- Jane Doe" in result.stdout
    evidence = [line.strip().strip('"') for line in lines if line.startswith("      ")]
    assert evidence and all(sentence in TEXT for sentence in evidence)


def test_cli_path_json(graph_ttl: Path) -> None:
    args = ["path", str(graph_ttl), "Bob Smith", "Jane Doe", "--json"]
    runs = [CliRunner().invoke(cli, args) for _ in "ab"]
    assert runs[0].exit_code == 0, runs[0].output
    assert runs[0].stdout == runs[1].stdout
    data = json.loads(runs[0].stdout)
    assert data["from"]["label"] == "Bob Smith" and data["to"]["label"] == "Jane Doe"
    assert data["length"] == len(data["hops"]) == 2
    first, second = data["hops"]
    assert first["relations"][0]["predicate"] == "memberOf"
    assert first["relations"][0]["direction"] == "forward"
    assert second["relations"][0] == {
        "predicate": "founded",
        "direction": "backward",
        "confidence": second["relations"][0]["confidence"],
        "sentences": ["Jane Doe founded the Green Party in 1990."],
    }


def test_cli_path_to_itself(graph_ttl: Path) -> None:
    result = CliRunner().invoke(cli, ["path", str(graph_ttl), "Bob Smith", "BOB  SMITH"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "Bob Smith -> Bob Smith: 0 hops (the same entity)\n"


def test_cli_path_errors(graph_ttl: Path) -> None:
    result = CliRunner().invoke(cli, ["path", str(graph_ttl), "Bob Smyth", "Paris"])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "did you mean 'Bob Smith'" in result.stderr
    result = CliRunner().invoke(cli, ["path", str(graph_ttl), "Globex", "Paris"])
    assert result.exit_code == 1
    assert "no connection between 'Globex' and 'Paris'" in result.stderr


def test_cli_neighbors_table_and_depth(graph_ttl: Path) -> None:
    result = CliRunner().invoke(cli, ["neighbors", str(graph_ttl), "Green Party"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0] == "Green Party: 2 entities within 1 hop"
    assert "Green Party <--memberOf-- Bob Smith" in result.stdout
    deeper = CliRunner().invoke(cli, ["neighbors", str(graph_ttl), "Green Party", "--depth", "2"])
    assert deeper.exit_code == 0
    assert "Bob Smith <--banned-- Acme Corp" in deeper.stdout
    assert "Jane Doe --visited--> Paris" in deeper.stdout


def test_cli_neighbors_json_and_errors(graph_ttl: Path) -> None:
    args = ["neighbors", str(graph_ttl), "Jane Doe", "--depth", "2", "--json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    found = {(n["entity"]["label"], n["distance"]) for n in data["neighbors"]}
    assert {("Green Party", 1), ("Paris", 1), ("Bob Smith", 2)} <= found
    bad = CliRunner().invoke(cli, ["neighbors", str(graph_ttl), "Jane Doe", "--depth", "0"])
    assert bad.exit_code == 2
    missing = CliRunner().invoke(cli, ["neighbors", str(graph_ttl), "Nobody Atall"])
    assert missing.exit_code == 1 and "no entity named 'Nobody Atall'" in missing.stderr


def test_commands_have_help_with_examples() -> None:
    for command in ("analyze", "path", "neighbors"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output and f"kg {command}" in result.output
