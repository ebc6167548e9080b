"""Hostile graph files (issue 16, items 8 to 11): entity bombs, deep JSON-LD, remote contexts,
long N-Triples lines and literals too long for the RDF readers. Each is refused with a one-line
error, or read in linear time; nothing is fetched."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from kg.cli import cli
from kg.graph.graphio import MAX_JSON_DEPTH, json_depth, load, union

TRIPLE = "<http://example.org/a> <http://example.org/p> "


def kg(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args))


def one_line_error(result: Result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error:"), result.output
    assert "Traceback" not in result.output
    for word in words:
        assert word in lines[0], lines[0]


# --- item 9: a billion-laughs RDF/XML file, JSON-LD nested deep ---------------------------------

BOMB = """<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [
  <!ENTITY a "laugh">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:p>&c;</ex:p></rdf:Description>
</rdf:RDF>
"""


@pytest.mark.parametrize("command", ["analyze", "query", "query-rdflib", "path", "export"])
def test_xml_entities_are_refused_by_every_reader(tmp_path: Path, command: str) -> None:
    bomb = tmp_path / "bomb.rdf"
    bomb.write_text(BOMB)  # small here (100 laughs); ten more entities make it days of work
    args = {
        "analyze": ["analyze", str(bomb)],
        "query": ["query", str(bomb), "ASK {}"],
        "query-rdflib": ["query", "--engine", "rdflib", str(bomb), "ASK {}"],
        "path": ["path", str(bomb), "a", "b"],
        "export": ["export", str(bomb), "-o", str(tmp_path / "out.graphml")],
    }[command]
    one_line_error(kg(*args), "entities")


def test_plain_rdf_xml_is_still_read(tmp_path: Path) -> None:
    good = tmp_path / "good.rdf"
    good.write_text(BOMB.split("]>\n")[1].replace("&c;", "laugh"))
    assert len(union(load(good))) == 1
    assert kg("query", str(good), "ASK { ?s ?p 'laugh' }").output.strip() == "true"


def deep_jsonld(depth: int) -> str:
    inner = '{"@id": "http://example.org/a", "http://example.org/p": "x"}'
    return '{"@graph": ' + "[" * depth + inner + "]" * depth + "}"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_deeply_nested_json_ld_is_refused(tmp_path: Path, engine: str) -> None:
    deep = tmp_path / "deep.jsonld"
    deep.write_text(deep_jsonld(5_000))
    one_line_error(kg("query", "--engine", engine, str(deep), "ASK {}"), "levels deep")
    one_line_error(kg("analyze", str(deep)), "levels deep")


def test_json_depth_skips_strings_and_is_linear() -> None:
    assert json_depth(deep_jsonld(MAX_JSON_DEPTH).encode()) == MAX_JSON_DEPTH + 2
    assert json_depth(b'["[[[[", "\\"{{{{"]') == 1
    started = time.perf_counter()
    assert json_depth(b'"' + b'\\"' * 2_000_000) == 0  # an unclosed string of escaped quotes
    assert time.perf_counter() - started < 5


# --- item 10: remote and file JSON-LD contexts are never fetched ---------------------------------


@pytest.fixture
def listener() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP server serving a JSON-LD context; the paths asked for are recorded."""
    asked: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            asked.append(self.path)
            body = json.dumps({"@context": {"p": "http://example.org/p"}}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/context.jsonld", asked
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize(
    "args",
    [
        ["analyze"],
        ["export", "-o", "{tmp}/out.graphml"],
        ["validate"],
        ["path", "{graph}", "a", "b"],
        ["neighbors", "{graph}", "a"],
        ["query", "--engine", "rdflib", "{graph}", "ASK {}"],
        ["query", "{graph}", "ASK {}"],
    ],
    ids=lambda a: "-".join(x for x in a if not x.startswith(("{", "-", "ASK"))),
)
@pytest.mark.parametrize("where", ["remote", "file", "import"])
def test_json_ld_contexts_are_not_fetched(
    tmp_path: Path, listener: tuple[str, list[str]], args: list[str], where: str
) -> None:
    url, asked = listener
    secret = tmp_path / "context.jsonld"
    secret.write_text(json.dumps({"@context": {"p": "http://example.org/p"}}))
    context: object = {"remote": url, "file": secret.as_uri(), "import": {"@import": url}}[where]
    graph = tmp_path / "g.jsonld"
    graph.write_text(json.dumps({"@context": context, "@id": "http://example.org/a", "p": "x"}))
    if "{graph}" not in args:
        args = [args[0], "{graph}", *args[1:]]
    full = [a.replace("{graph}", str(graph)).replace("{tmp}", str(tmp_path)) for a in args]
    one_line_error(kg(*full), "context")
    assert asked == []


def test_an_inline_context_is_still_read(tmp_path: Path) -> None:
    graph = tmp_path / "g.jsonld"
    context = {"p": "http://example.org/p"}
    graph.write_text(json.dumps({"@context": context, "@id": "http://example.org/a", "p": "x"}))
    assert len(union(load(graph))) == 1
    assert kg("query", str(graph), "ASK { ?s ?p 'x' }").output.strip() == "true"


# --- item 11: N-Triples with a long line in linear time ------------------------------------------


def test_a_long_n_triples_line_is_read_in_linear_time(tmp_path: Path) -> None:
    graph = tmp_path / "long.nt"
    graph.write_text(TRIPLE + '"' + "word " * 400_000 + '" .\n')  # 2 MB: 85 s with rdflib's
    started = time.perf_counter()
    result = kg("query", "--engine", "rdflib", str(graph), "ASK { ?s ?p ?o }")
    assert result.output.strip() == "true"
    assert time.perf_counter() - started < 10


def test_n_triples_and_n_quads_read_the_same_as_turtle(tmp_path: Path) -> None:
    from rdflib.compare import isomorphic

    from kg.graph.model import Document
    from kg.graph.rdf import to_dataset
    from kg.pipeline import build_graph

    ds = to_dataset(build_graph([Document(id="d", text="Acme Corp banned Bob Smith.")]))
    for fmt, suffix in (("nt", ".nt"), ("nquads", ".nq"), ("trig", ".trig")):
        ds.serialize(tmp_path / f"g{suffix}", format=fmt, encoding="utf-8")
    trig = load(tmp_path / "g.trig")
    for suffix in (".nt", ".nq"):
        assert isomorphic(union(load(tmp_path / f"g{suffix}")), union(trig))
    quads = load(tmp_path / "g.nq")
    assert {str(g.identifier) for g in quads.graphs()} == {str(g.identifier) for g in trig.graphs()}


# --- item 8: a literal over 16 MiB ----------------------------------------------------------------


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    graph = tmp_path_factory.mktemp("huge") / "huge.nt"
    graph.write_text(TRIPLE + '"' + "x" * (17 << 20) + '" .\n')
    return graph


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_literal_over_16_mib_is_a_one_line_error(huge: Path, engine: str) -> None:
    one_line_error(kg("query", "--engine", engine, str(huge), "ASK {}"), "16 MiB")


def test_push_of_a_literal_over_16_mib_is_a_one_line_error(huge: Path) -> None:
    one_line_error(kg("push", str(huge), "--endpoint", "http://127.0.0.1:9/update"), "16 MiB")


def test_build_refuses_a_document_too_long_for_one_literal(tmp_path: Path) -> None:
    article = tmp_path / "long.txt"
    article.write_text("Word after word. " * 500_000)  # 8.5 MB: its nif:isString too long
    out = tmp_path / "out.ttl"
    # no such model: the document must be refused before anything is parsed
    result = kg("build", str(article), "--no-cache", "--model", "/no/such/model", "-o", str(out))
    one_line_error(result, "long.txt", "split the document")
    assert not out.exists()
    short = tmp_path / "short.txt"
    short.write_text("Acme Corp banned Bob Smith.")
    result = kg("build", str(tmp_path), "--skip-errors", "--no-cache", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert "skipped" in result.output and "long.txt" in result.output
