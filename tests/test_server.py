"""kg.query.server and ``kg serve``: a read-only SPARQL 1.1 Protocol endpoint, tested with real HTTP
clients (urllib, raw sockets, SPARQLWrapper) against servers on ephemeral loopback ports."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
import rdflib
from sparql_data import small_kg, write

from kg.query import sparql
from kg.query.server import SparqlServer, create
from kg.query.sparql_results import SelectResult, normalised, to_json

ROOT = Path(__file__).resolve().parents[1]
NAMES = "SELECT ?name WHERE { ?e a kgo:Person ; rdfs:label ?name } ORDER BY ?name"


def start(store: Any, **options: Any) -> SparqlServer:
    server = create(store, "127.0.0.1", 0, quiet=True, **options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def stop(server: SparqlServer) -> None:
    server.shutdown()
    server.server_close()


def url(server: SparqlServer, path: str = "/sparql", **params: str) -> str:
    host, port = server.server_address[:2]
    query = f"?{urlencode(params)}" if params else ""
    return f"http://{host!s}:{port}{path}{query}"


def call(
    target: str,
    *,
    data: bytes | None = None,
    method: str | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(target, data=data, method=method, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(small_kg("d1"), tmp_path_factory.mktemp("serve") / "g.trig")


@pytest.fixture(scope="module")
def server(graph_file: Path) -> Iterator[SparqlServer]:
    srv = start(sparql.load_files([graph_file]), timeout=10, limit=50)
    yield srv
    stop(srv)


def names(body: bytes) -> list[str]:
    return [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_get_and_both_posts_answer_like_kg_query(server: SparqlServer, graph_file: Path) -> None:
    local = to_json(sparql.run(sparql.load_files([graph_file]), NAMES))  # type: ignore[arg-type]
    status, headers, body = call(url(server, query=NAMES))
    assert status == 200
    assert headers["Content-Type"] == "application/sparql-results+json"
    assert body.decode() == local
    assert names(body) == ["Alice Smith", "Bob Jones"]
    status, _, body = call(
        url(server),
        data=NAMES.encode(),
        headers={"Content-Type": "application/sparql-query"},
    )
    assert status == 200 and body.decode() == local
    status, _, body = call(
        url(server, path="/query"),
        data=urlencode({"query": NAMES}).encode(),
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 200 and body.decode() == local


@pytest.mark.parametrize(
    ("accept", "ctype", "check"),
    [
        ("text/csv", "text/csv", lambda b: b == b"name\r\nAlice Smith\r\nBob Jones\r\n"),
        ("text/tab-separated-values", "text/tab-separated-values", lambda b: b"?name\n" in b),
        (
            "application/sparql-results+xml",
            "application/sparql-results+xml",
            lambda b: b"<literal>Alice Smith</literal>" in b,
        ),
        (
            "text/csv;q=0.2, application/sparql-results+xml;q=0.9",
            "application/sparql-results+xml",
            None,
        ),
        ("*/*", "application/sparql-results+json", None),
        ("application/json", "application/sparql-results+json", None),
    ],
)
def test_content_negotiation_for_solutions(
    server: SparqlServer, accept: str, ctype: str, check: Any
) -> None:
    status, headers, body = call(url(server, query=NAMES), headers={"Accept": accept})
    assert status == 200
    assert headers["Content-Type"].split(";")[0] == ctype
    if check:
        assert check(body)
    if ctype.endswith("xml"):
        parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.XML)
        assert [s["name"].value for s in parsed] == ["Alice Smith", "Bob Jones"]  # type: ignore[index]


def test_ask_and_construct(server: SparqlServer) -> None:
    status, _, body = call(url(server, query="ASK { ?s kgo:leaderOf ?o }"))
    assert status == 200 and json.loads(body) == {"head": {}, "boolean": True}
    construct = "CONSTRUCT { ?o kgx:hasWorker ?s } WHERE { ?s kgo:worksFor ?o }"
    status, headers, body = call(url(server, query=construct))
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(rdflib.Graph().parse(data=body.decode(), format="turtle")) == 1
    status, headers, body = call(
        url(server, query=construct), headers={"Accept": "application/n-triples"}
    )
    assert headers["Content-Type"] == "application/n-triples" and body.count(b" .\n") == 1
    status, _, _ = call(url(server, query=construct), headers={"Accept": "text/csv"})
    assert status == 406


@pytest.mark.parametrize(
    ("method", "path", "data", "headers", "status"),
    [
        ("POST", "/sparql", b"INSERT DATA { <http://a.example/> <http://b.example/> 1 }",
         {"Content-Type": "application/sparql-update"}, 403),
        ("POST", "/sparql", b"update=DROP+ALL",
         {"Content-Type": "application/x-www-form-urlencoded"}, 403),
        ("GET", "/sparql?update=DROP%20ALL", None, {}, 403),
        ("PUT", "/store?default", b"<http://a.example/> <http://b.example/> 1 .",
         {"Content-Type": "text/turtle"}, 405),
        ("POST", "/store?graph=http%3A%2F%2Fx.example%2F",
         b"<http://a.example/> <http://b.example/> 1 .", {"Content-Type": "text/turtle"}, 405),
        ("DELETE", "/sparql?graph=http%3A%2F%2Fx.example%2F", None, {}, 405),
        ("GET", "/sparql", None, {}, 400),
        ("GET", "/sparql?query=", None, {}, 400),
        ("GET", "/sparql?query=SELECT%20%3Fx%20WHERE%20%7B%0A%20%3Fx", None, {}, 400),
        ("GET", "/sparql?query=%FF%FE", None, {}, 400),
        ("GET", "/elsewhere?query=ASK%7B%7D", None, {}, 404),
        ("POST", "/sparql", b"ASK {}", {"Content-Type": "text/plain"}, 415),
        ("POST", "/sparql", b"\xff\xfe", {"Content-Type": "application/sparql-query"}, 400),
    ],
)  # fmt: skip
def test_writes_and_malformed_requests_are_refused_in_plain_words(
    server: SparqlServer,
    method: str,
    path: str,
    data: bytes | None,
    headers: dict[str, str],
    status: int,
) -> None:
    got, answer_headers, body = call(url(server, path), data=data, method=method, headers=headers)
    assert got == status
    assert answer_headers["Content-Type"].startswith("text/plain")
    text = body.decode()
    assert text.count("\n") == 1 and "Traceback" not in text and len(text) < 300
    # and the data is untouched
    assert names(call(url(server, query=NAMES))[2]) == ["Alice Smith", "Bob Jones"]


def test_syntax_error_names_line_and_column(server: SparqlServer) -> None:
    status, _, body = call(url(server, query="SELECT ?x WHERE {\n ?x ?y\n}"))
    assert status == 400 and b"line 3, column" in body


def raw(server: SparqlServer, payload: bytes) -> bytes:
    host, port = server.server_address[:2]
    with socket.create_connection((str(host), port), timeout=10) as sock:
        sock.sendall(payload)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        (b"GARBAGE\r\n\r\n", b"400"),
        (b"GET /sparql?query=ASK%7B%7D HTTP/9.9\r\n\r\n", b"505"),
        (b"BREW /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", b"501"),
        (
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/sparql-query\r\n"
            b"Content-Length: 99999999\r\n\r\nASK {}",
            b"413",
        ),
        (
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/sparql-query\r\n"
            b"Connection: close\r\n\r\n",
            b"411",
        ),
    ],
)
def test_raw_malformed_requests(server: SparqlServer, payload: bytes, status: bytes) -> None:
    answer = raw(server, payload)
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ")[1] == status
    assert b"text/plain" in head and b"<html" not in body.lower() and b"Traceback" not in body


def test_result_limit_truncates_and_says_so(server: SparqlServer) -> None:
    status, headers, body = call(url(server, query="SELECT * WHERE { ?s ?p ?o }"))
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == 50
    assert headers["X-KG-Truncated"] == "true" and headers["X-KG-Result-Limit"] == "50"
    _, headers, _ = call(url(server, query=NAMES))
    assert "X-KG-Truncated" not in headers


def test_query_timeout_is_503_and_the_server_keeps_answering() -> None:
    store = ox.Store()
    p = ox.NamedNode("http://example.org/p")
    for i in range(160):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(str(i))))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # 160^3 rows
    srv = start(store, timeout=0.2, workers=2)
    try:
        started = time.perf_counter()
        status, _, body = call(url(srv, query=slow))
        assert status == 503 and b"timed out after 0.2 s" in body
        assert time.perf_counter() - started < 2
        status, _, body = call(url(srv, query="ASK { ?s ?p '7' }"))
        assert status == 200 and json.loads(body)["boolean"] is True
    finally:
        stop(srv)


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def test_burst_of_concurrent_clients_all_correct(graph_file: Path) -> None:
    store = sparql.load_files([graph_file])
    queries = {
        NAMES: None,
        "SELECT ?s ?o WHERE { ?s kgo:worksFor ?o }": None,
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }": None,
        "SELECT ?t WHERE { ?q kgo:text ?t }": None,
    }
    for q in queries:
        result = sparql.run(store, q)
        assert isinstance(result, SelectResult) and result.rows
        queries[q] = normalised(result)
    srv = start(store, timeout=20, workers=4)
    errors: list[str] = []
    before = rss_kb()

    def client(n: int) -> None:
        for i in range(20):
            q = list(queries)[(n + i) % len(queries)]
            status, _, body = call(url(srv, query=q))
            if status != 200:
                errors.append(f"{status} {body[:80]!r}")
                continue
            parsed = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
            rows = sorted(tuple(str(t) for t in s) for s in parsed)
            expected = sorted(
                tuple(str(sparql_term(t)) for t in row)
                for row in queries[q][1]  # type: ignore[index]
            )
            if rows != expected:
                errors.append(f"wrong answer to {q}")

    threads = [threading.Thread(target=client, args=(n,)) for n in range(8)]
    started = time.perf_counter()
    try:
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    finally:
        stop(srv)
    assert not errors, errors[:3]
    assert time.perf_counter() - started < 60
    assert rss_kb() - before < 100_000  # kB: 160 answers do not grow the process by 100 MB


def sparql_term(term: Any) -> Any:
    from kg.query.sparql_results import to_oxigraph

    return to_oxigraph(term)


def test_sparqlwrapper_client(server: SparqlServer) -> None:
    sw = pytest.importorskip("SPARQLWrapper")
    client = sw.SPARQLWrapper(url(server))
    client.setQuery(NAMES)
    client.setReturnFormat(sw.JSON)
    data = client.query().convert()
    assert [b["name"]["value"] for b in data["results"]["bindings"]] == ["Alice Smith", "Bob Jones"]
    client.setMethod(sw.POST)
    client.setQuery("ASK { ?s kgo:worksFor ?o }")
    assert client.query().convert()["boolean"] is True


def test_cli_serve_runs_and_stops_on_ctrl_c(graph_file: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "kg.cli", "serve", str(graph_file), "--port", "0", "-q"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        assert proc.stderr is not None
        line = proc.stderr.readline()
        assert "SPARQL endpoint http://127.0.0.1:" in line, line
        endpoint = line.split()[3].rstrip(",")
        status, _, body = call(endpoint + "?" + urlencode({"query": NAMES}))
        assert status == 200 and names(body) == ["Alice Smith", "Bob Jones"]
        page = line.split()[6].rstrip(",")  # the query page
        assert page == endpoint.removesuffix("sparql")
        status, headers, body = call(page)
        assert status == 200 and headers["Content-Type"].startswith("text/html")
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 130
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_cli_serve_warns_off_loopback_and_fails_cleanly_on_a_bad_address(graph_file: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "serve", str(graph_file), "--host", "192.0.2.1"],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
    )
    assert proc.returncode == 1
    lines = proc.stderr.splitlines()
    assert lines[0].startswith("kg: warning: listening on 192.0.2.1")
    assert lines[1].startswith("kg: error: cannot listen on 192.0.2.1:7878")
    assert len(lines) == 2


# -- attacks (issue 16): each stays held -----------------------------------------------------


def raw_head(server: SparqlServer, request: bytes) -> bytes:
    """The status code of the answer to one raw request."""
    return raw(server, request).split(b"\r\n", 1)[0].split(b" ")[1]


def test_service_is_refused_by_default_and_nothing_is_fetched(server: SparqlServer) -> None:
    with socket.socket() as listener:  # a "service" on loopback: any connection is a fetch
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        listener.settimeout(1.0)
        port = listener.getsockname()[1]
        query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}"
        status, _, body = call(url(server, query=query))
        assert status == 403 and b"--allow-service" in body
        status, _, _ = call(url(server, query=query.replace("SERVICE", "service silent")))
        assert status == 403
        with pytest.raises(TimeoutError):
            listener.accept()


def test_service_when_allowed_is_fetched(graph_file: Path) -> None:
    srv = start(sparql.load_files([graph_file]), timeout=5, allow_service=True)
    try:
        with socket.socket() as listener:
            listener.bind(("127.0.0.1", 0))
            listener.listen(4)
            listener.settimeout(10)
            port = listener.getsockname()[1]
            query = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/x> {{ ?s ?p ?o }} }}"
            answer: list[int] = []
            client = threading.Thread(target=lambda: answer.append(call(url(srv, query=query))[0]))
            client.start()
            conn, _ = listener.accept()  # the endpoint did fetch
            conn.close()
            client.join(20)
        assert answer and answer[0] in (400, 500, 503)
    finally:
        stop(srv)


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        (b"Host: evil.example:7878\r\n", b"403"),  # DNS rebinding: a name pointing at 127.0.0.1
        (b"Host: localhost\r\n", b"200"),
        (b"Host: [::1]:7878\r\n", b"200"),
        (b"Host: 127.0.0.1\r\nOrigin: http://evil.example\r\n", b"403"),
        (b"Host: 127.0.0.1\r\nOrigin: null\r\n", b"403"),
        (b"Host: 127.0.0.1\r\nOrigin: http://localhost:3000\r\n", b"200"),
        (b"Host: 127.0.0.1\r\nSec-Fetch-Site: cross-site\r\n", b"403"),
        (b"Host: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n", b"200"),
    ],
)
def test_host_and_origin_are_checked(server: SparqlServer, headers: bytes, status: bytes) -> None:
    body = b"query=ASK%7B%7D"
    for request in (
        b"GET /sparql?" + body + b" HTTP/1.1\r\n" + headers + b"Connection: close\r\n\r\n",
        b"POST /sparql HTTP/1.1\r\n" + headers + b"Connection: close\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n"
        b"Content-Length: " + str(len(body)).encode() + b"\r\n\r\n" + body,
    ):
        assert raw_head(server, request) == status


def test_allowed_host_names(graph_file: Path) -> None:
    srv = start(sparql.load_files([graph_file]), allowed_hosts=("kg.example",))
    try:
        ok = (
            b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: KG.example:80\r\n"
            b"Connection: close\r\n\r\n"
        )
        assert raw_head(srv, ok) == b"200"
        assert raw_head(srv, ok.replace(b"KG.example", b"other.example")) == b"403"
    finally:
        stop(srv)


def test_deeply_nested_query_is_400_and_the_server_lives_on(server: SparqlServer) -> None:
    deep = "ASK { FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }"
    status, _, body = call(
        url(server), data=deep.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert status == 400 and b"nested too deeply" in body
    assert names(call(url(server, query=NAMES))[2]) == ["Alice Smith", "Bob Jones"]


def test_a_query_that_crashes_the_engine_only_ends_its_own_process(server: SparqlServer) -> None:
    # 50,000 chained '+' pass the complexity bound but overflow Oxigraph's stack
    query = "ASK { FILTER(" + "+".join(["1"] * 50000) + " > 0) }"
    status, _, body = call(
        url(server), data=query.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    assert status == 503 and b"stopped before answering" in body
    assert names(call(url(server, query=NAMES))[2]) == ["Alice Smith", "Bob Jones"]


def test_a_query_past_its_timeout_really_stops_and_frees_its_slot() -> None:
    store = ox.Store()
    p = ox.NamedNode("http://example.org/p")
    for i in range(200):
        store.add(ox.Quad(ox.NamedNode(f"http://example.org/s{i}"), p, ox.Literal(str(i))))
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    srv = start(store, timeout=0.5, workers=1)  # one slot: a query still running holds it
    try:
        for _ in range(3):
            status, _, body = call(url(srv, query=slow))
            assert status == 503 and b"timed out after 0.5 s" in body
        started = time.perf_counter()
        status, _, body = call(url(srv, query="ASK { ?s ?p '7' }"))
        assert status == 200 and json.loads(body)["boolean"] is True
        assert time.perf_counter() - started < 0.5
    finally:
        stop(srv)


def test_a_query_whose_rows_explode_stops_at_the_memory_limit() -> None:
    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode("http://example.org/s"),
            ox.NamedNode("http://example.org/p"),
            ox.Literal("x" * 1000),
        )
    )
    binds = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(20))
    query = f"SELECT (STRLEN(?v20) AS ?n) WHERE {{ ?s ?p ?v0 {binds} }}"  # 1 GB per row
    srv = start(store, timeout=30, memory_mb=64)
    before = rss_kb()
    try:
        started = time.perf_counter()
        status, _, body = call(url(srv, query=query))
        assert status == 503 and b"more than 64 MB" in body
        assert time.perf_counter() - started < 20
        assert rss_kb() - before < 50_000  # kB: the server itself did not grow
        status, _, _ = call(url(srv, query="ASK { ?s ?p ?o }"))
        assert status == 200
    finally:
        stop(srv)


def test_answers_over_the_size_bound_are_refused(graph_file: Path) -> None:
    srv = start(sparql.load_files([graph_file]), max_answer=100)
    try:
        status, _, body = call(url(srv, query="SELECT * WHERE { ?s ?p ?o }"))
        assert status == 503 and b"the answer is over" in body
        status, _, _ = call(url(srv, query="ASK { ?s ?p ?o }"))
        assert status == 200
    finally:
        stop(srv)


def test_a_slow_client_is_cut_at_the_request_deadline(graph_file: Path) -> None:
    srv = start(sparql.load_files([graph_file]), request_timeout=1.0)
    try:
        host, port = srv.server_address[:2]
        with socket.create_connection((str(host), port), timeout=5) as sock:
            started = time.perf_counter()
            request = b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            closed = False
            for byte in request:  # one byte every 0.2 s: each read is quick, the whole is not
                try:
                    sock.sendall(bytes([byte]))
                except OSError:
                    closed = True
                    break
                time.sleep(0.2)
            if not closed:
                sock.settimeout(5)
                try:
                    closed = sock.recv(65536) == b""
                except ConnectionResetError:
                    closed = True
            assert closed and time.perf_counter() - started < 6
        # a slow POST body gets a 408
        with socket.create_connection((str(host), port), timeout=5) as sock:
            sock.sendall(
                b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                b"Content-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK"
            )
            sock.settimeout(5)
            assert sock.recv(65536).startswith(b"HTTP/1.1 408")
        status, _, _ = call(url(srv, query="ASK { ?s ?p ?o }"))
        assert status == 200
    finally:
        stop(srv)


def test_a_burst_of_connections_waits_in_the_backlog(graph_file: Path) -> None:
    srv = create(sparql.load_files([graph_file]), "127.0.0.1", 0, quiet=True)  # not serving yet
    socks: list[socket.socket] = []
    try:
        host, port = srv.server_address[:2]
        for _ in range(40):  # with a backlog of 5, connections past the 6th or so hang
            socks.append(socket.create_connection((str(host), port), timeout=2))
    finally:
        for sock in socks:
            sock.close()
        srv.server_close()
    assert len(socks) == 40


def test_an_invalid_graph_iri_is_a_400(server: SparqlServer) -> None:
    status, _, body = call(url(server, query="ASK {}", **{"default-graph-uri": "not an iri"}))
    assert status == 400 and b"invalid graph IRI" in body


@pytest.mark.parametrize("bad", ["not an iri", "http://a b/", "<http://x/>", "no-scheme"])
@pytest.mark.parametrize("name", ["default-graph-uri", "named-graph-uri"])
def test_an_invalid_graph_uri_is_400_not_500(server: SparqlServer, name: str, bad: str) -> None:
    status, _, body = call(url(server, query="ASK {}", **{name: bad}))
    assert status == 400 and name.encode() in body


def test_head_answers_like_get_without_a_body(server: SparqlServer) -> None:
    status, headers, body = call(url(server, query="ASK {}"), method="HEAD")
    assert status == 200 and body == b""
    assert headers["Content-Type"].startswith("application/sparql-results+json")
    assert int(headers["Content-Length"]) > 0
    status, headers, _ = call(url(server), method="HEAD")  # no query: 400, as for GET
    assert status == 400


def test_a_full_disk_during_export_is_a_one_line_error(tmp_path: Path) -> None:
    import errno

    from click.testing import CliRunner

    from kg.cli import cli

    graph = write(small_kg("d1"), tmp_path / "g.ttl")
    # /dev/full answers every write with ENOSPC, as a full disk does
    assert errno.ENOSPC and os.path.exists("/dev/full")
    for fmt in ("graphml", "html", "ttl"):
        out = CliRunner().invoke(cli, ["export", str(graph), "--format", fmt, "-o", "/dev/full"])
        assert out.exit_code == 1 and out.output.startswith("kg: error: cannot write /dev/full")
        assert "internal error" not in out.output


def test_pages_and_assets_keep_the_host_checks_and_load_nothing_else(
    server: SparqlServer,
) -> None:
    status, headers, body = call(url(server, "/"))
    assert status == 200 and b"/assets/yasgui.min.js" in body
    csp = headers["Content-Security-Policy"]
    assert "default-src 'none'" in csp and "connect-src 'self'" in csp
    assert "script-src 'self'" in csp and "http" not in csp
    assert headers["X-Frame-Options"] == "DENY"
    status, headers, body = call(url(server, "/assets/yasgui.min.js"))
    assert status == 200 and headers["Content-Type"].startswith("text/javascript")
    assert len(body) > 500_000
    for path in ("/assets/explorer.js", "/assets/../setup.cfg", "/assets/", "/nowhere"):
        assert call(url(server, path))[0] == 404, path
    status, headers, body = call(url(server, "/explorer"))
    assert status == 200 and body.startswith(b"<!DOCTYPE html>") and b"Alice Smith" in body
    assert "connect-src 'none'" in headers["Content-Security-Policy"]
    for path in ("/", "/explorer", "/assets/query.js"):
        evil = call(url(server, path), headers={"Host": "attacker.example"})
        assert evil[0] == 403, path
        other_site = call(url(server, path), headers={"Sec-Fetch-Site": "cross-site"})
        assert other_site[0] == 403, path
    # still read-only: a page's form cannot write either
    assert call(url(server, "/"), data=b"x", method="POST")[0] == 405


def test_vendored_yasgui_is_the_npm_release_its_licence_file_names() -> None:
    import hashlib

    assets = ROOT / "kg" / "assets"
    licence = (assets / "yasgui.LICENSE").read_text(encoding="utf-8")
    assert "Permission is hereby granted" in licence and "@zazuko/yasgui 4.6.2" in licence
    for name in ("yasgui.min.js", "yasgui.min.css"):
        assert hashlib.sha256((assets / name).read_bytes()).hexdigest() in licence, name
