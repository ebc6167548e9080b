"""One graph for an archive: kg suspects, dates and kg timeline, what quotations mention, the
co-occurrence network, and the analysis commands on a store (invented articles only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.analysis.suspects import Node, find
from kg.analysis.timeline import date_facts, normalise, sentence_date
from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "examples" / "archive.jsonl"
ENTITY = "http://example.org/kg/entity/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """examples/archive.jsonl built once into a Turtle file and a store."""
    folder = tmp_path_factory.mktemp("archive")
    ttl, store = folder / "archive.ttl", folder / "store"
    result = CliRunner().invoke(
        cli, ["build", str(ARCHIVE), "-o", str(ttl), "--store", str(store), "-q"]
    )
    assert result.exit_code == 0, result.output
    return {"ttl": ttl, "store": store, "folder": folder}


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


# ---------------------------------------------------------------------------------- suspects


def test_suspects_pairs_forms_of_one_name_and_never_two_genders() -> None:
    nodes = [
        Node("e/1", "Robert Bloggs", "Person", ("Mr Bloggs",), 9),
        Node("e/2", "Bloggs", "Person", (), 2),
        Node("e/3", "Mrs Bloggs", "Person", (), 1),
        Node("e/4", "Institute of Invented Studies", "Organization", (), 4),
        Node("e/5", "Institute for Invented Studies", "Organization", (), 2),
        Node("e/6", "Eastmere West", "Place", (), 1),
        Node("e/7", "Eastmere East", "Place", (), 1),
        Node("e/8", "Ruritanian Workers Council", "Person", (), 1),
    ]
    found = {(s.kind, s.names) for s in find(nodes)}
    assert ("merge", ("Robert Bloggs", "Bloggs")) in found
    assert ("merge", ("Institute of Invented Studies", "Institute for Invented Studies")) in found
    assert ("type", ("Ruritanian Workers Council", "Organization")) in found
    assert not any("Mrs Bloggs" in names for _, names in found)  # a woman, not Mr Bloggs
    assert not any("Eastmere East" in names for _, names in found)  # two places


def test_two_full_names_sharing_a_surname_are_no_suspect() -> None:
    nodes = [
        Node("e/1", "Jo Bloggs", "Person", (), 3),
        Node("e/2", "Sam Bloggs", "Person", (), 3),
    ]
    assert find(nodes) == []


def test_kg_suspects_prints_lines_a_curation_file_accepts(built: dict[str, Path]) -> None:
    code, out = run("suspects", str(built["ttl"]))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("# 1 likely duplicate")
    assert lines[1].startswith("- merge: [Acme Corp, Acme Corporation]  # 0.80 ")
    curation = built["folder"] / "pasted.yaml"
    curation.write_text(out, encoding="utf-8")
    out_ttl = built["folder"] / "curated.ttl"
    code, out = run("build", str(ARCHIVE), "--curation", str(curation), "-o", str(out_ttl), "-q")
    assert code == 0, out
    code, out = run("suspects", str(out_ttl))
    assert out.strip() == "# no suspects"


def test_kg_suspects_json_and_store(built: dict[str, Path]) -> None:
    code, out = run("suspects", str(built["store"]), "--json")
    assert code == 0
    (suspect,) = json.loads(out)
    assert (
        suspect["kind"] == "merge" and suspect["line"] == "- merge: [Acme Corp, Acme Corporation]"
    )
    assert suspect["entities"] == [ENTITY + "acme-corp", ENTITY + "acme-corporation"]


# -------------------------------------------------------------------------------------- time


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("27 February", "2024-03-02", "2024-02-27"),
        ("on 27th February", "2024-03-02", "2024-02-27"),
        ("February 27", "2024-03-02", "2024-02-27"),
        ("Thursday 27 February", "2024-03-02", "2024-02-27"),
        ("28 December", "2024-01-05", "2023-12-28"),
        ("3 January", "2023-12-30", "2024-01-03"),
        ("29 February", "2023-03-01", "2024-02-29"),
        ("27 February", None, "27 February"),
        ("March 2004", None, "2004-03"),
        ("in 2004", None, "2004"),
        ("March", "2024-05-20", "2024-03"),
        ("5 May 2021", "2024-05-20", "2021-05-05"),
        ("last Thursday", "2024-05-20", "last Thursday"),
        ("2021-08", None, "2021-08"),
    ],
)
def test_normalise(text: str, published: str | None, expected: str) -> None:
    assert normalise(text, published) == expected


def test_a_sentence_gives_its_date_only_when_it_gives_one() -> None:
    assert sentence_date("Acme Corp signed the deal on May 3.", "2024-05-20") == "2024-05-03"
    assert sentence_date("Talks ran from 1 May to 3 May.", "2024-05-20") is None
    assert sentence_date("Acme Corp signed the deal.", "2024-05-20") is None


def test_date_facts_dates_events_not_states() -> None:
    from kg.graph.model import Document, KnowledgeGraph, Mention, Relation, Sentence

    text = "Jo Bloggs, the leader of Acme Corp, visited Eastmere on 27 February."
    s = Sentence("d", 0, len(text), text)
    a = Mention("d", 0, 9, "Jo Bloggs", "Person", entity="jo-bloggs")
    b = Mention("d", 25, 34, "Acme Corp", "Organization", entity="acme-corp")
    c = Mention("d", 44, 52, "Eastmere", "Place", entity="eastmere")
    kg = KnowledgeGraph(
        documents=(Document("d", text, date="2024-03-02"),),
        relations=(
            Relation(a, "leaderOf", b, s, "x"),
            Relation(a, "visited", c, s, "x"),
        ),
    )
    dated = {r.predicate: r.date for r in date_facts(kg).relations}
    assert dated == {"leaderOf": None, "visited": "2024-02-27"}


def test_kg_timeline_of_an_entity(built: dict[str, Path]) -> None:
    code, out = run("timeline", str(built["ttl"]), "Jo Bloggs")
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == "2024-02-27  Jo Bloggs visited Eastmere  [2024-03-02-harbour]"
    assert lines[1] == "2024-03     Harbour Alliance criticized Jo Bloggs  [2024-05-20-deal]"
    assert lines[-1].startswith('2024-05-20~ Jo Bloggs said "Acme kept its word')
    assert [line[:10] for line in lines] == sorted(line[:10] for line in lines)
    code, store_out = run("timeline", str(built["store"]), "jo bloggs")
    assert (code, store_out) == (0, out)


def test_kg_timeline_json_and_dates_in_the_graph(built: dict[str, Path]) -> None:
    code, out = run("timeline", str(built["ttl"]), "--json")
    events = json.loads(out)
    assert code == 0 and len(events) == 12  # 9 facts and 3 quotations
    visit = next(e for e in events if e["predicate"] == "visited")
    assert (visit["date"], visit["date_from"]) == ("2024-02-27", "fact")
    text = built["ttl"].read_text(encoding="utf-8")
    assert 'kgo:date "2024-02-27"^^xsd:date' in text
    assert 'kgo:date "2023-01"^^xsd:gYearMonth' in text


def test_kg_timeline_unknown_entity_is_one_line(built: dict[str, Path]) -> None:
    code, out = run("timeline", str(built["ttl"]), "Nobody Atall")
    assert code == 1
    assert out.startswith("kg: error: no entity named 'Nobody Atall' in the graph")


# -------------------------------------------------------------------------- what quotes mention


def test_quotations_mention_entities_but_not_their_speaker(built: dict[str, Path]) -> None:
    query = ROOT / "queries" / "said-about.rq"
    code, out = run(
        "query", str(built["ttl"]), "-f", str(query), "--var", "name=Jo Bloggs", "--format", "csv"
    )
    assert code == 0, out
    assert out.splitlines() == [
        "speaker,quote,document",
        "Sam Smith,We listened to Ms Bloggs and to the fishermen,"
        "http://example.org/kg/doc/2024-04-15-vote",
    ]


# ----------------------------------------------------------------------------- co-occurrence


def test_cooccurrence_network(built: dict[str, Path]) -> None:
    folder = built["folder"] / "co"
    code, out = run(
        "export", str(built["ttl"]), "--network", "cooccurrence", "-f", "csv", "-o", str(folder)
    )
    assert code == 0, out
    assert "7 entities, 12 pairs" in out
    edges = (folder / "edges.csv").read_text(encoding="utf-8").splitlines()
    assert edges[0] == "source,target,weight,documents"
    row = next(e for e in edges if e.startswith(f"{ENTITY}eastmere,{ENTITY}jo-bloggs,"))
    assert row.split(",")[2] == "3"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_cooccurrence_graphml_gexf_are_undirected_weighted_and_stable(
    built: dict[str, Path], fmt: str
) -> None:
    import networkx as nx

    outs = []
    for source in (built["ttl"], built["store"]):
        path = built["folder"] / f"co-{source.name}.{fmt}"
        code, out = run("export", str(source), "--network", "cooccurrence", "-o", str(path), "-q")
        assert code == 0, out
        outs.append(path.read_bytes())
    assert outs[0] == outs[1]
    G = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert not G.is_directed()
    assert G.edges[ENTITY + "eastmere", ENTITY + "jo-bloggs"]["weight"] == 3


def test_cooccurrence_refuses_dot(built: dict[str, Path]) -> None:
    code, out = run("export", str(built["ttl"]), "--network", "cooccurrence", "-f", "dot")
    assert code == 2
    assert "is written as graphml, gexf, csv, not dot" in out


# ---------------------------------------------------------------------------------- stores


def test_analysis_commands_read_a_store(built: dict[str, Path]) -> None:
    for args in (
        ("analyze", "--top", "3", "--json"),
        ("path", "Jo Bloggs", "Acme Corp"),
        ("neighbors", "Eastmere", "--depth", "2"),
    ):
        command, rest = args[0], args[1:]
        from_file = run(command, str(built["ttl"]), *rest)
        from_store = run(command, str(built["store"]), *rest)
        assert from_file[0] == 0, from_file[1]
        assert from_file == from_store


def test_a_missing_store_is_one_line(tmp_path: Path) -> None:
    code, out = run("analyze", str(tmp_path))
    assert code == 1
    assert out.startswith(f"kg: error: no store at {tmp_path}")


def test_jsonl_facts_carry_their_publication_date(built: dict[str, Path]) -> None:
    code, out = run("build", str(ARCHIVE), "-q", "--format", "jsonl")
    assert code == 0
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["published"] for r in records} == {"2024-03-02", "2024-04-15", "2024-05-20"}


def test_analysis_from_a_sparql_endpoint(built: dict[str, Path]) -> None:
    """An endpoint URL is asked for all its triples (one CONSTRUCT, N-Triples back)."""
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    from kg.graph.graphio import load

    nt = load(built["ttl"]).serialize(format="nt").encode("utf-8")
    asked: list[bytes] = []

    class Endpoint(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (http.server's name)
            asked.append(self.rfile.read(int(self.headers["Content-Length"])))
            self.send_response(200)
            self.send_header("Content-Type", "application/n-triples")
            self.end_headers()
            self.wfile.write(nt)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/sparql"
        assert run("timeline", url, "Jo Bloggs") == run("timeline", str(built["ttl"]), "Jo Bloggs")
        assert b"CONSTRUCT" in asked[0]
    finally:
        server.shutdown()
        server.server_close()
    code, out = run("suspects", "http://127.0.0.1:9/sparql")
    assert code == 1 and out.startswith("kg: error: cannot query http://127.0.0.1:9/sparql")


def test_a_store_exports_as_the_graph_it_was_built_from(built: dict[str, Path]) -> None:
    outs = []
    for source in (built["ttl"], built["store"]):
        path = built["folder"] / f"re-{source.name}.trig"
        code, out = run("export", str(source), "-o", str(path), "-q")
        assert code == 0, out
        outs.append(path.read_bytes())
    # the Turtle file has no named graphs: compare the triples of both
    from rdflib import Dataset

    a, b = Dataset(), Dataset()
    a.parse(data=outs[0].decode(), format="trig")
    b.parse(data=outs[1].decode(), format="trig")
    assert {t[:3] for t in a.quads()} == {t[:3] for t in b.quads()}
