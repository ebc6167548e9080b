"""A read-only SPARQL 1.1 Protocol endpoint over a pyoxigraph Store (standard library HTTP).

- ``GET /sparql?query=...``, ``POST /sparql`` with ``application/sparql-query`` or a form with
  ``query=``; ``default-graph-uri`` / ``named-graph-uri`` honoured; ``/query`` is an alias.
- Results negotiated from ``Accept``: SPARQL JSON (default), XML, CSV, TSV for SELECT and ASK;
  Turtle (default) or N-Triples for CONSTRUCT and DESCRIBE. Nothing acceptable: 406.
- Each query runs in a child process (:mod:`kg.query.sandbox`) that ends at ``timeout`` seconds or
  when it needs more than ``memory_mb`` of memory: the answer is then 503 and the slot is free
  again (at most ``workers`` queries run at once). ``SERVICE`` (federated queries, which make
  the server fetch URLs) is refused (403) unless ``allow_service``.
- Requests must name this server in ``Host`` (the bound address, ``localhost``, ``127.0.0.1``,
  ``[::1]`` or an ``allowed_hosts`` name) and come from no other site (``Origin``,
  ``Sec-Fetch-Site``): a web page cannot query the endpoint through DNS rebinding or a form.
- A request must arrive whole within ``request_timeout`` seconds; at most ``max_connections``
  connections are open at once.
- At most ``limit`` rows or triples: beyond, the answer is cut and ``X-KG-Truncated: true`` says so
  (``X-KG-Result-Limit`` is always sent).
- Read-only: SPARQL UPDATE is refused (403), Graph Store writes and other methods 405.
- Every error is a short ``text/plain`` message with a 4xx/5xx status, never a stack trace.
- For people: ``/`` is a query page (YASGUI, vendored in ``kg/assets`` with its licence) on this
  endpoint, and ``/explorer`` the explorer page (:func:`kg.analysis.explorer.render_html`) of the
  graph
  served, drawn on first request from a CONSTRUCT of the default graph. Both load nothing but
  this server's own files: their ``Content-Security-Policy`` forbids any other source.
"""

from __future__ import annotations

import functools
import io
import logging
import socket
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from kg.errors import KgError
from kg.query.sandbox import Answer, QueryHost

log = logging.getLogger("kg.query.server")

QUERY_PATHS = ("/sparql", "/query")
MAX_BODY = 1 << 20  # bytes of a POSTed query

SOLUTION_TYPES: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES: dict[str, str] = {
    "text/turtle": "ttl",
    "application/x-turtle": "ttl",
    "application/n-triples": "nt",
    "text/plain": "nt",
}
MEDIA_TYPES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv; charset=utf-8",
    "tsv": "text/tab-separated-values; charset=utf-8",
    "ttl": "text/turtle; charset=utf-8",
    "nt": "application/n-triples",
}
WRITE_TIMEOUT = 30.0  # seconds a client may take to receive one answer


#: The files under ``/assets/`` (from ``kg/assets``), by name, with their media types.
ASSETS = {
    "yasgui.min.js": "text/javascript; charset=utf-8",
    "yasgui.min.css": "text/css; charset=utf-8",
    "query.js": "text/javascript; charset=utf-8",
    "query.css": "text/css; charset=utf-8",
}
#: Headers of every page and asset: nothing but this server may be loaded or framed, and no
#: other site learns where the user came from.
PAGE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
#: The query page: scripts and styles from this server only, queries to this server only.
QUERY_PAGE_CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
#: The explorer page is one self-contained file (its scripts inline) that fetches nothing.
EXPLORER_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; connect-src 'none'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
#: Most triples the explorer page is drawn from (the whole default graph, up to this).
EXPLORER_MAX_TRIPLES = 5_000_000


class HttpError(Exception):
    """An answer other than 200: a status and a one-line message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def negotiate(accept: str | None, offers: dict[str, str], default: str) -> str:
    """The format to answer with, from an ``Accept`` header (q-values, wildcards, order).

    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", SOLUTION_TYPES, "json")
    'xml'
    >>> negotiate("*/*", SOLUTION_TYPES, "json")
    'json'
    >>> negotiate("image/png", SOLUTION_TYPES, "json") is None
    True
    """
    if not accept or not accept.strip():
        return default
    best: tuple[float, int, str] | None = None
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        if q <= 0:
            continue
        if media == "*/*":
            fmt = default
        elif media.endswith("/*"):
            kind = media[:-1]
            matches = [f for t, f in offers.items() if t.startswith(kind)]
            fmt = default if default in matches else (matches[0] if matches else "")
        else:
            fmt = offers.get(media, "")
        if fmt and (best is None or (q, -index) > (best[0], best[1])):
            best = (q, -index, fmt)
    return best[2] if best else None  # type: ignore[return-value]


class SparqlServer(ThreadingHTTPServer):
    """The HTTP server: a store, a timeout, a result limit and bounded concurrency.

    Queries run in child processes of a :class:`kg.query.sandbox.QueryHost` (killed at the timeout,
    with at most ``memory_mb`` of memory each); requests must name an allowed host.
    """

    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the listen backlog: a burst of clients waits, none is dropped

    def __init__(
        self,
        store: Any,
        host: str = "127.0.0.1",
        port: int = 7878,
        *,
        timeout: float = 10.0,
        limit: int = 10_000,
        workers: int = 4,
        max_connections: int = 64,
        quiet: bool = False,
        allow_service: bool = False,
        allowed_hosts: tuple[str, ...] = (),
        memory_mb: int = 1024,
        max_answer: int = 256 << 20,
        request_timeout: float = 10.0,
    ) -> None:
        self.query_timeout = timeout
        self.limit = limit
        self.quiet = quiet
        self.request_timeout = request_timeout
        self.slots = threading.BoundedSemaphore(workers)
        self.connections = threading.BoundedSemaphore(max_connections)
        super().__init__((host, port), SparqlHandler)
        self.allowed_hosts = allowed_host_names(host, allowed_hosts)
        self._explorer: bytes | None = None
        self._explorer_lock = threading.Lock()
        self.any_ip_host = _is_wildcard(host)
        try:
            self.queries = QueryHost(
                store,
                timeout=timeout,
                memory_mb=memory_mb,
                max_answer=max_answer,
                allow_service=allow_service,
            )
        except BaseException:
            super().server_close()
            raise

    def server_close(self) -> None:
        super().server_close()
        queries: QueryHost | None = self.__dict__.pop("queries", None)
        if queries is not None:
            queries.close()

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.connections.acquire(blocking=False):
            body = b"too many connections: retry later\n"
            head = (
                "HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
            )
            try:
                request.settimeout(5)
                request.sendall(head.encode("ascii") + body)
            except OSError:
                pass
            finally:
                self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    def answer(
        self,
        query: str,
        default_graphs: list[str],
        named_graphs: list[str],
        solution_fmt: str | None,
        graph_fmt: str | None,
    ) -> Answer:
        """Run ``query`` in a child process: its answer, or :class:`HttpError` when it has none."""
        if not self.slots.acquire(timeout=self.query_timeout):
            raise HttpError(503, "the server is busy with other queries; retry later")
        try:
            got = self.queries.run(
                query,
                limit=self.limit,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                solution_fmt=solution_fmt,
                graph_fmt=graph_fmt,
            )
        finally:
            self.slots.release()
        if got.status != 200:
            raise HttpError(got.status, got.message)
        return got

    def explorer_page(self) -> bytes:
        """The explorer page of the default graph, drawn once (the graph served never changes:
        a store is locked while it is served, files were read at the start)."""
        with self._explorer_lock:
            if self._explorer is None:
                got = self.queries.run(
                    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
                    limit=EXPLORER_MAX_TRIPLES,
                    default_graphs=[],
                    named_graphs=[],
                    solution_fmt=None,
                    graph_fmt="nt",
                )
                if got.status != 200:
                    raise HttpError(got.status, f"cannot read the graph to draw it: {got.message}")
                from rdflib import Graph

                from kg.analysis.explorer import render_html

                graph = Graph()
                graph.parse(data=got.body.decode("utf-8"), format="nt")
                self._explorer = render_html(graph, "kg serve").encode("utf-8")
            return self._explorer

    def host_allowed(self, name: str) -> bool:
        """Whether a ``Host`` or ``Origin`` host name is this server's (DNS rebinding guard)."""
        name = name.lower().rstrip(".")
        if name in self.allowed_hosts:
            return True
        return self.any_ip_host and _is_ip(name)


def allowed_host_names(host: str, extra: tuple[str, ...] = ()) -> frozenset[str]:
    """The host names requests may give: the bound address, loopback names and ``extra``.

    >>> sorted(allowed_host_names("127.0.0.1"))
    ['127.0.0.1', '::1', 'localhost']
    """
    names = {"localhost", "127.0.0.1", "::1", host.lower().strip("[]"), *map(str.lower, extra)}
    return frozenset(n.rstrip(".") for n in names if n and not _is_wildcard(n))


def _is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("", "0.0.0.0", "::")


def _is_ip(name: str) -> bool:
    import ipaddress

    try:
        ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return False
    return True


def host_name(value: str) -> str:
    """The host name of a ``Host`` header value or an ``Origin`` (no scheme, port, brackets).

    >>> host_name("[::1]:7878"), host_name("http://Example.org:80"), host_name("localhost")
    ('::1', 'example.org', 'localhost')
    """
    value = value.strip()
    if "://" in value:
        value = urlsplit(value).netloc
    value = value.rpartition("@")[2]
    if value.startswith("["):
        return value[1:].partition("]")[0].lower()
    return value.partition(":")[0].lower()


class _DeadlineReader(io.RawIOBase):
    """A socket's reading side that gives up at a deadline, however slowly bytes arrive."""

    def __init__(self, sock: socket.socket, deadline: Callable[[], float]) -> None:
        super().__init__()
        self._sock = sock
        self._deadline = deadline

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        left = self._deadline() - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request took too long to arrive")
        self._sock.settimeout(left)
        try:
            return self._sock.recv_into(buffer)
        finally:
            self._sock.settimeout(WRITE_TIMEOUT)


class SparqlHandler(BaseHTTPRequestHandler):
    """One request. Errors become plain-text answers."""

    server: SparqlServer
    server_version = "kg-sparql"
    protocol_version = "HTTP/1.1"
    timeout = WRITE_TIMEOUT  # the socket's timeout; reading a request has its own deadline
    _deadline = 0.0

    def setup(self) -> None:
        super().setup()
        raw = _DeadlineReader(self.connection, lambda: self._deadline)
        self.rfile = io.BufferedReader(raw)

    def handle_one_request(self) -> None:
        # each request (its line, headers and body) must arrive within request_timeout seconds
        # of the previous answer: slow clients cannot hold a connection for long
        self._deadline = time.monotonic() + self.server.request_timeout
        super().handle_one_request()

    # -- methods --------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self._guard(self._get)

    def do_POST(self) -> None:  # noqa: N802
        self._guard(self._post)

    def do_HEAD(self) -> None:  # noqa: N802
        self._guard(self._get)  # what GET answers, without the body (see _send)

    def do_PUT(self) -> None:  # noqa: N802
        self._guard(self._refuse)

    def do_DELETE(self) -> None:  # noqa: N802
        self._guard(self._refuse)

    def do_PATCH(self) -> None:  # noqa: N802
        self._guard(self._refuse)

    def _refuse(self) -> None:
        raise HttpError(
            405,
            f"{self.command} is not allowed: this endpoint is read-only (GET or POST a query)",
            {"Allow": "GET, HEAD, POST"},
        )

    def _get(self) -> None:
        path, params = self._split()
        if path in ("/", "/index.html") and not params:
            headers = {**PAGE_HEADERS, "Content-Security-Policy": QUERY_PAGE_CSP}
            self._send(200, "text/html; charset=utf-8", _asset("query.html"), headers)
            return
        if path.startswith("/assets/") and not params:
            name = path[len("/assets/") :]
            if name not in ASSETS:
                raise HttpError(404, f"no such file {path!r}")
            headers = {**PAGE_HEADERS, "Cache-Control": "max-age=3600"}
            self._send(200, ASSETS[name], _asset(name), headers)
            return
        if path == "/explorer" and not params:
            headers = {**PAGE_HEADERS, "Content-Security-Policy": EXPLORER_CSP}
            self._send(200, "text/html; charset=utf-8", self.server.explorer_page(), headers)
            return
        self._check_path(path, params)
        self._query(params)

    def _post(self) -> None:
        path, params = self._split()
        if path not in QUERY_PATHS or "graph" in params or "default" in params:
            self._drain()
            raise HttpError(405, "Graph Store writes are not allowed: this endpoint is read-only")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        body = self._body()
        if ctype == "application/sparql-query":
            params["query"] = [body]
        elif ctype == "application/x-www-form-urlencoded":
            for name, values in parse_qs(body, keep_blank_values=True).items():
                params.setdefault(name, []).extend(values)
        elif ctype == "application/sparql-update":
            raise HttpError(403, "SPARQL UPDATE is not allowed: this endpoint is read-only")
        else:
            raise HttpError(
                415,
                "unsupported Content-Type: send application/sparql-query or "
                "application/x-www-form-urlencoded",
            )
        self._query(params)

    # -- the query ------------------------------------------------------------------------------

    def _query(self, params: dict[str, list[str]]) -> None:
        if "update" in params:
            raise HttpError(403, "SPARQL UPDATE is not allowed: this endpoint is read-only")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            raise HttpError(400, "give exactly one non-empty 'query' parameter")
        for name in ("default-graph-uri", "named-graph-uri"):
            for iri in params.get(name, []):
                if not _is_graph_iri(iri):
                    raise HttpError(
                        400, f"invalid graph IRI {iri[:100]!r} in {name}: give an absolute IRI"
                    )
        accept = self.headers.get("Accept")
        result = self.server.answer(
            queries[0],
            params.get("default-graph-uri", []),
            params.get("named-graph-uri", []),
            negotiate(accept, SOLUTION_TYPES, "json"),
            negotiate(accept, GRAPH_TYPES, "ttl"),
        )
        headers = {"X-KG-Result-Limit": str(self.server.limit)}
        if result.truncated:
            headers["X-KG-Truncated"] = "true"
        self._send(200, MEDIA_TYPES[result.fmt], result.body, headers)

    # -- plumbing -------------------------------------------------------------------------------

    def _split(self) -> tuple[str, dict[str, list[str]]]:
        parts = urlsplit(self.path)
        try:
            params = parse_qs(parts.query, keep_blank_values=True, errors="strict")
        except (UnicodeDecodeError, ValueError):
            raise HttpError(400, "the query string is not valid UTF-8 URL encoding") from None
        return parts.path, params

    def _check_path(self, path: str, params: dict[str, list[str]]) -> None:
        if path not in QUERY_PATHS:
            raise HttpError(
                404,
                f"no such path {path!r}: the SPARQL endpoint is /sparql (the query page /, "
                "the explorer /explorer)",
            )

    def _body(self) -> str:
        length = self.headers.get("Content-Length")
        if length is None:
            raise HttpError(411, "a POST needs a Content-Length")
        try:
            size = int(length)
        except ValueError:
            raise HttpError(400, "invalid Content-Length") from None
        if size < 0:
            raise HttpError(400, "invalid Content-Length")
        if size > MAX_BODY:
            raise HttpError(
                413, f"the request body is over {MAX_BODY} bytes", {"Connection": "close"}
            )
        try:
            data = self.rfile.read(size)
        except TimeoutError:
            raise HttpError(
                408, "the request took too long to arrive", {"Connection": "close"}
            ) from None
        if len(data) < size:
            raise HttpError(400, "the request body is shorter than its Content-Length")
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            raise HttpError(400, "the request body is not valid UTF-8") from None

    def _drain(self) -> None:
        """Read (and drop) a small body so the connection can be reused; close on a big one."""
        try:
            size = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            size = -1
        if 0 < size <= MAX_BODY:
            self.rfile.read(size)
        elif size != 0:
            self.close_connection = True

    def _check_origin(self) -> None:
        """Refuse requests for another host name (DNS rebinding) or from another site's page."""
        host = self.headers.get("Host")
        if host is not None and not self.server.host_allowed(host_name(host)):
            raise HttpError(
                403,
                f"host {host_name(host)!r} is not this server's name: use 127.0.0.1 or "
                "localhost (or start kg serve with --allow-host NAME)",
                {"Connection": "close"},
            )
        origin = self.headers.get("Origin")
        if origin is not None and not self.server.host_allowed(host_name(origin)):
            raise HttpError(403, "cross-origin requests are not allowed", {"Connection": "close"})
        if (self.headers.get("Sec-Fetch-Site") or "").lower() == "cross-site":
            raise HttpError(403, "cross-site requests are not allowed", {"Connection": "close"})

    def _guard(self, action: Callable[[], None]) -> None:
        try:
            self._check_origin()
            action()
        except HttpError as exc:
            if self.command in ("PUT", "DELETE", "PATCH"):
                self._drain()
            self._send(
                exc.status,
                "text/plain; charset=utf-8",
                (str(exc) + "\n").encode("utf-8"),
                exc.headers,
            )
        except Exception as exc:  # a bug: a short answer, the detail in the log
            log.error("internal error: %s: %s", type(exc).__name__, exc)
            self._send(500, "text/plain; charset=utf-8", b"internal server error\n")

    def _send(
        self, status: int, ctype: str, body: bytes, headers: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
            if name == "Connection" and value == "close":
                self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """Malformed requests the base class rejects: a plain-text answer too."""
        self.close_connection = True
        if self.request_version == "HTTP/0.9":  # an unparsable request line: answer in HTTP/1.0
            self.request_version = "HTTP/1.0"
        text = f"{code} {message or self.responses.get(code, ('',))[0]}\n".encode(
            "utf-8", "replace"
        )
        try:
            self.send_response(code, message)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(text)))
            self.send_header("Connection", "close")
            self.end_headers()
            if self.command != "HEAD" and code >= 200 and code not in (204, 304):
                self.wfile.write(text)
        except OSError:
            pass

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (base signature)
        if not self.server.quiet:
            log.info("%s %s", self.address_string(), format % args)


@functools.cache
def _asset(name: str) -> bytes:
    from importlib import resources

    return resources.files("kg").joinpath("assets", name).read_bytes()


def serve(server: SparqlServer) -> None:
    """Serve until interrupted (Ctrl-C), then close the socket."""
    try:
        server.serve_forever()
    finally:
        server.server_close()


def create(store: Any, host: str = "127.0.0.1", port: int = 7878, **options: Any) -> SparqlServer:
    """A :class:`SparqlServer` listening on ``host:port`` (port 0: any free port).

    A port in use or a host that cannot be bound is a :class:`KgError` saying so.
    """
    try:
        return SparqlServer(store, host, port, **options)
    except OSError as exc:
        raise KgError(
            f"cannot listen on {host}:{port}: {exc.strerror or exc}; choose another --port/--host"
        ) from None


def _is_graph_iri(iri: str) -> bool:
    """Whether ``iri`` can name a graph: an absolute IRI, no space or character IRIs exclude.

    >>> _is_graph_iri("http://example.org/kg/doc/a"), _is_graph_iri("not an iri")
    (True, False)
    """
    scheme, colon, _ = iri.partition(":")
    return bool(
        colon
        and scheme[:1].isalpha()
        and all(c.isalnum() or c in "+-." for c in scheme)
        and not any(c.isspace() or ord(c) < 0x20 or c in '<>"{}|\\^`' for c in iri)
    )
