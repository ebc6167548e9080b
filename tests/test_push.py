"""kg.query.push and ``kg push``: upload to a REAL Oxigraph server (the ``oxigraph`` package from
PyPI)
through the Graph Store Protocol, then query that server and compare with ``kg query``."""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from sparql_data import example_kg, small_kg, write

from kg.cli import cli
from kg.errors import UsageError
from kg.query import sparql
from kg.query.push import PushError, push
from kg.query.sparql_results import PREFIXES, SelectResult, literal, normalised
from kg.query.sparql_results import bnode as make_bnode
from kg.query.sparql_results import iri as make_iri

COMPARED = [
    "SELECT ?e ?label ?type WHERE { ?e a ?type ; rdfs:label ?label } ORDER BY ?e ?type",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?who ?text WHERE { ?who kgo:said ?q . ?q kgo:text ?text } ORDER BY ?who ?text",
    "SELECT ?s ?p ?o ?c ?sentence WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;"
    " kgo:confidence ?c ; prov:wasDerivedFrom/nif:anchorOf ?sentence }",
]
# the server knows no predeclared prefixes: declare kg's (a PREFIX in the query comes later, wins)
PROLOGUE = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def oxigraph(tmp_path: Path) -> Iterator[str]:
    """A real Oxigraph server on 127.0.0.1; yields its base URL."""
    binary = oxigraph_binary()
    if binary is None:
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = free_port()
    proc = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path / "oxdb"), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=2):
                    break
            except (urllib.error.URLError, ConnectionError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    pytest.fail(f"oxigraph server did not start: {err[:300]}")
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def remote(base: str, query: str) -> Any:
    """Ask the server (SPARQL 1.1 Protocol, JSON results) and parse with pyoxigraph."""
    request = urllib.request.Request(
        f"{base}/query?{urlencode({'query': PROLOGUE + query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
    if query.lstrip().upper().startswith("ASK"):
        return json.loads(body)["boolean"]
    parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    names = tuple(v.value for v in parsed.variables)  # type: ignore[union-attr]
    rows = [tuple(_term(t) for t in s) for s in parsed]
    return normalised(SelectResult(names, rows))


def _term(t: Any) -> Any:
    if t is None:
        return None
    if isinstance(t, ox.NamedNode):
        return make_iri(t.value)
    if isinstance(t, ox.BlankNode):
        return make_bnode(t.value)
    return literal(t.value, t.datatype.value, t.language)


def local(path: Path, query: str) -> Any:
    return normalised(sparql.run(sparql.load_files([path]), query))


def test_push_example_then_query_the_server_like_kg_query(oxigraph: str, tmp_path: Path) -> None:
    path = write(example_kg(), tmp_path / "example.ttl")
    report = push(path, f"{oxigraph}/store")
    assert [(g, m) for g, m, _ in report.sent] == [(None, "POST")]
    for query in COMPARED:
        assert remote(oxigraph, query) == local(path, query), query
    # the example queries of queries/ too
    for rq in sorted((Path(__file__).resolve().parents[1] / "queries").glob("*.rq")):
        text = rq.read_text()
        assert remote(oxigraph, text) == local(path, text), rq.name


def test_push_named_graphs_replaces_them(oxigraph: str, tmp_path: Path) -> None:
    path = write(small_kg("d1"), tmp_path / "d1.trig")
    push(path, f"{oxigraph}/store")
    push(path, f"{oxigraph}/store")  # PUT: replaced, not doubled
    per_graph = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    assert remote(oxigraph, per_graph) == local(path, per_graph)
    default = "SELECT ?e ?l WHERE { ?e rdfs:label ?l }"
    assert remote(oxigraph, default) == local(path, default)
    # a changed document replaces its graph on the server
    smaller = write(small_kg("d1", with_bob=False), tmp_path / "d1b.trig")
    push(smaller, f"{oxigraph}/store")
    assert remote(oxigraph, per_graph) == local(smaller, per_graph)


def test_push_into_one_named_graph_and_append(oxigraph: str, tmp_path: Path) -> None:
    path = write(small_kg("d1"), tmp_path / "d1.trig")
    graph = "http://example.org/kg/graph/all"
    report = push(path, f"{oxigraph}/store", graph=graph)
    assert [(g, m) for g, m, _ in report.sent] == [(graph, "PUT")]
    count = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    merged = local(path, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert remote(oxigraph, count) == merged
    other = write(small_kg("d7", org="Initech", with_bob=False), tmp_path / "d7.ttl")
    report = push(other, f"{oxigraph}/store", graph=graph, append=True)
    assert report.sent[0][1] == "POST"
    assert remote(oxigraph, f"ASK {{ GRAPH <{graph}> {{ ?e rdfs:label 'Initech' }} }}")
    assert remote(oxigraph, f"ASK {{ GRAPH <{graph}> {{ ?e rdfs:label 'Bob Jones' }} }}")


def test_cli_push_reports_and_server_errors_are_one_line(oxigraph: str, tmp_path: Path) -> None:
    path = write(small_kg("d1"), tmp_path / "d1.trig")
    runner = CliRunner()
    out = runner.invoke(cli, ["push", str(path), "--endpoint", f"{oxigraph}/store"])
    assert out.exit_code == 0, out.output
    assert "kg: POST" in out.output and "kg: PUT" in out.output
    assert f"in 2 requests to {oxigraph}/store" in out.output
    out = runner.invoke(cli, ["push", str(path), "--endpoint", f"{oxigraph}/nowhere"])
    assert out.exit_code == 1
    assert "404" in out.output and out.output.count("\n") == 1


def test_connection_refused_is_a_typed_one_line_error(tmp_path: Path) -> None:
    path = write(small_kg("d1"), tmp_path / "d1.ttl")
    endpoint = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError, match="connection refused; is the server running"):
        push(path, endpoint)
    out = CliRunner().invoke(cli, ["push", str(path), "--endpoint", endpoint])
    assert out.exit_code == 1 and out.output.count("\n") == 1


def test_bad_arguments_are_usage_errors(tmp_path: Path) -> None:
    path = write(small_kg("d1"), tmp_path / "d1.ttl")
    with pytest.raises(UsageError, match="invalid --endpoint"):
        push(path, "ftp://example.org/store")
    with pytest.raises(UsageError, match="invalid --graph"):
        push(path, "http://127.0.0.1:9/store", graph="not an iri")
    with pytest.raises(UsageError, match="--password needs --user"):
        push(path, "http://127.0.0.1:9/store", password="x")
    out = CliRunner().invoke(cli, ["push", str(path), "--endpoint", "localhost:7878"])
    assert out.exit_code == 2


class _AuthStub(BaseHTTPRequestHandler):
    """Accepts Graph Store writes only with Basic credentials kg:secret; records requests."""

    seen: list[tuple[str, str, str | None, bytes]] = []

    def _handle(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        auth = self.headers.get("Authorization")
        expected = "Basic " + base64.b64encode(b"kg:secret").decode()
        if auth != expected:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Basic realm="kg"')
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        self.seen.append((self.command, self.path, self.headers.get("Content-Type"), body))
        self.send_response(204)
        self.end_headers()

    do_PUT = do_POST = _handle  # noqa: N815

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def auth_stub() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _AuthStub)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _AuthStub.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}/store"
    server.shutdown()
    server.server_close()


def test_user_and_password_are_sent_when_asked(auth_stub: str, tmp_path: Path) -> None:
    path = write(small_kg("d1"), tmp_path / "d1.trig")
    with pytest.raises(PushError, match="401") as info:
        push(path, auth_stub)
    assert info.value.status == 401 and "--user and --password" in str(info.value)
    with pytest.raises(PushError, match="401"):
        push(path, auth_stub, user="kg", password="wrong")
    report = push(path, auth_stub, user="kg", password="secret")
    methods = [(m, p) for m, p, _, _ in _AuthStub.seen]
    assert methods == [
        ("POST", "/store?default"),
        ("PUT", "/store?graph=http%3A%2F%2Fexample.org%2Fkg%2Fdoc%2Fd1"),
    ]
    assert all(ctype and ctype.startswith("text/turtle") for _, _, ctype, _ in _AuthStub.seen)
    assert report.triples == sum(n for _, _, n in report.sent) > 0


def test_pushing_to_a_read_only_kg_serve_is_refused(tmp_path: Path) -> None:
    from kg.query.server import create

    path = write(small_kg("d1"), tmp_path / "d1.ttl")
    srv = create(sparql.load_files([path]), "127.0.0.1", 0, quiet=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        with pytest.raises(PushError, match="405") as info:
            push(path, f"http://127.0.0.1:{srv.server_address[1]}/store")
        assert "read-only" in str(info.value)
    finally:
        srv.shutdown()
        srv.server_close()


class _Hostile(BaseHTTPRequestHandler):
    """A Graph Store that misbehaves as ``mode`` says; records what it was sent."""

    mode = "ok"
    seen: list[tuple[str, str, str | None, bytes]] = []

    def _handle(self) -> None:
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.seen.append((self.command, self.path, self.headers.get("Authorization"), body))
        if self.mode == "redirect" and self.command != "GET":
            self.send_response(302)
            self.send_header("Location", "/elsewhere")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.mode == "trickle":
            self.wfile.write(b"HTTP/1.1 200 OK\r\n")
            self.wfile.flush()
            for _ in range(40):
                time.sleep(0.25)
                self.wfile.write(b"X-Slow: y\r\n")
                self.wfile.flush()
        elif self.mode == "endless":
            self.send_response(200)
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(4096):  # 256 MiB, if anyone read it all
                    self.wfile.write(chunk)
            except OSError:
                pass
        elif self.mode == "escapes":
            body = b"no \x1b[2J\x1b]0;pwned\x07 way\r\nX-Injected: 1"
            self.send_response(400)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_response(204)
            self.end_headers()

    do_PUT = do_POST = do_GET = _handle  # noqa: N815

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def hostile() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _Hostile.seen = []
    yield f"127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_a_redirect_on_a_write_is_an_error_not_a_success(hostile: str, tmp_path: Path) -> None:
    _Hostile.mode = "redirect"
    path = write(small_kg("d1"), tmp_path / "d1.ttl")
    out = CliRunner().invoke(cli, ["push", str(path), "--endpoint", f"http://{hostile}/store"])
    assert out.exit_code == 1
    assert "302" in out.output and "redirect" in out.output and "pushed" not in out.output
    assert [m for m, _, _, _ in _Hostile.seen] == ["POST"]  # never followed with a GET


def test_timeout_bounds_the_whole_exchange(hostile: str, tmp_path: Path) -> None:
    _Hostile.mode = "trickle"  # a header line every 0.25 s, for 10 s
    path = write(small_kg("d1"), tmp_path / "d1.ttl")
    started = time.monotonic()
    with pytest.raises(PushError, match="within 1 s"):
        push(path, f"http://{hostile}/store", timeout=1)
    assert time.monotonic() - started < 4


def test_an_endless_answer_is_not_read_into_memory(hostile: str, tmp_path: Path) -> None:
    import resource

    _Hostile.mode = "endless"
    path = write(small_kg("d1"), tmp_path / "d1.ttl")
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    report = push(path, f"http://{hostile}/store", timeout=20)
    assert report.triples > 0
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert grown_mib < 64


def test_a_token_in_the_endpoint_is_not_shown_in_the_summary(hostile: str, tmp_path: Path) -> None:
    _Hostile.mode = "ok"
    path = write(small_kg("d1"), tmp_path / "d1.ttl")
    endpoint = f"http://kg:s3cr%40t@{hostile}/store?token=t0ken"
    out = CliRunner().invoke(cli, ["push", str(path), "--endpoint", endpoint])
    assert out.exit_code == 0, out.output
    assert f"to http://{hostile}/store" in out.output
    assert "s3cr" not in out.output and "t0ken" not in out.output
    assert all("token=t0ken" in p for _, p, _, _ in _Hostile.seen)  # still sent to the server


def test_credentials_in_the_endpoint_are_sent_to_a_server_that_asks(
    auth_stub: str, tmp_path: Path
) -> None:
    path = write(small_kg("d1"), tmp_path / "d1.ttl")
    endpoint = auth_stub.replace("http://", "http://kg:secret@") + "?token=t0ken"
    out = CliRunner().invoke(cli, ["push", str(path), "--endpoint", endpoint])
    assert out.exit_code == 0, out.output
    assert "secret" not in out.output and "t0ken" not in out.output
    assert "pushed" in out.output and _AuthStub.seen
    wrong = auth_stub.replace("http://", "http://kg:wrong@")
    out = CliRunner().invoke(cli, ["push", str(path), "--endpoint", wrong])
    assert out.exit_code == 1 and "401" in out.output and "wrong" not in out.output


def test_a_server_error_body_is_echoed_without_control_characters(
    hostile: str, tmp_path: Path
) -> None:
    _Hostile.mode = "escapes"
    path = write(small_kg("d1"), tmp_path / "d1.ttl")
    out = CliRunner().invoke(cli, ["push", str(path), "--endpoint", f"http://{hostile}/store"])
    assert out.exit_code == 1 and "400" in out.output
    assert "\x1b" not in out.output and "\x07" not in out.output
    assert len(out.output.strip().splitlines()) == 1


@pytest.mark.parametrize("endpoint", ["http://localhost:7878/st\r\nore", "http://a b/store"])
def test_an_endpoint_with_control_characters_is_a_usage_error(
    tmp_path: Path, endpoint: str
) -> None:
    path = write(small_kg("d1"), tmp_path / "d1.ttl")
    out = CliRunner().invoke(cli, ["push", str(path), "--endpoint", endpoint])
    assert out.exit_code == 2 and "invalid --endpoint" in out.output
    assert "internal error" not in out.output
