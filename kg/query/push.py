"""Upload a graph file to a SPARQL server through the SPARQL 1.1 Graph Store HTTP Protocol.

Standard library only (urllib). Each graph of the file is sent as Turtle, one request each:

- a named graph (TriG, N-Quads) is REPLACED on the server: ``PUT URL?graph=IRI``;
- the default graph (all of a Turtle / N-Triples file) is ADDED to: ``POST URL?default``,
  so pushes of several builds accumulate their entity descriptions;
- ``graph=IRI`` sends every triple of the file into that one graph (``PUT``);
- ``append=True`` uses ``POST`` everywhere (add, never replace).

A write is never redirected (a redirect is an error: following it would turn the upload into a
body-less GET that "succeeds"); ``timeout`` bounds the whole exchange, not each read; at most
:data:`MAX_RESPONSE` bytes of an answer are read. Credentials given in the endpoint
(``http://user:pw@host/...``) are used like ``--user``/``--password`` and never shown: messages
name the endpoint without its credentials or query, with the server's text stripped of control
characters (no terminal escapes).

Oxigraph's endpoint is ``http://HOST:7878/store``, Fuseki's ``http://HOST:3030/DATASET/data``,
Virtuoso's ``http://HOST:8890/sparql-graph-crud-auth``.

>>> graph_url("http://localhost:7878/store", "http://example.org/kg/doc/a")
'http://localhost:7878/store?graph=http%3A%2F%2Fexample.org%2Fkg%2Fdoc%2Fa'
>>> graph_url("http://localhost:7878/store", None)
'http://localhost:7878/store?default'
"""

from __future__ import annotations

import re
import socket
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from kg.errors import OutputError, UsageError
from kg.query.sparql_results import PREFIXES

#: The most of a server's answer kg reads (the rest is dropped).
MAX_RESPONSE = 64 * 1024

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]+")


def clean(text: str) -> str:
    """``text`` as one line without control characters (a server's words, shown safely).

    >>> clean("bad\\x1b[31m red\\r\\nline")
    'bad [31m red line'
    """
    return " ".join(_CONTROL.sub(" ", text).split())


def shown(url: str) -> str:
    """``url`` without credentials, query or fragment: what messages may print.

    >>> shown("https://kg:secret@example.org:8080/store?token=abc")
    'https://example.org:8080/store'
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host + (f":{port}" if port is not None else "")
    return clean(urlunsplit((parts.scheme, netloc, parts.path, "", "")))


def credentials(endpoint: str) -> tuple[str, str | None, str | None]:
    """``endpoint`` without its ``user:password@``, and the user and password it held.

    >>> credentials("http://kg:s%40cret@localhost:7878/store")
    ('http://localhost:7878/store', 'kg', 's@cret')
    """
    parts = urlsplit(endpoint)
    if parts.username is None:
        return endpoint, None, None
    netloc = parts.netloc.rsplit("@", 1)[1]
    bare = urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))
    password = unquote(parts.password) if parts.password is not None else None
    return bare, unquote(parts.username), password


class PushError(OutputError):
    """The server could not be reached or refused the upload (``status`` when it answered)."""

    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class PushReport:
    """What was sent: ``(graph IRI or None for the default graph, method, triples)``."""

    endpoint: str
    sent: list[tuple[str | None, str, int]] = field(default_factory=list)

    @property
    def triples(self) -> int:
        return sum(n for _, _, n in self.sent)


def graph_url(endpoint: str, graph: str | None) -> str:
    """The Graph Store Protocol URL of ``graph`` (``None``: the default graph)."""
    sep = "&" if "?" in endpoint else "?"
    if graph is None:
        return f"{endpoint}{sep}default"
    return f"{endpoint}{sep}graph={quote(graph, safe='')}"


def check_endpoint(endpoint: str) -> str:
    """``endpoint`` if it is an http(s) URL; :class:`UsageError` if not."""
    bad = UsageError(
        f"invalid --endpoint {shown(endpoint)!r}: give an http(s) URL without spaces or "
        "control characters, e.g. http://localhost:7878/store"
    )
    if any(ch.isspace() or not ch.isprintable() for ch in endpoint):
        raise bad
    parts = urlsplit(endpoint)
    try:
        _ = parts.port
    except ValueError:
        raise bad from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise bad
    return endpoint


def check_graph_iri(graph: str) -> str:
    """``graph`` if it is an absolute IRI; :class:`UsageError` if not."""
    parts = urlsplit(graph)
    if not parts.scheme or any(ch.isspace() or ch in '<>"{}|\\^`' for ch in graph):
        raise UsageError(f"invalid --graph {graph!r}: give an absolute IRI")
    return graph


def read_graphs(path: str | Path, graph: str | None = None) -> list[tuple[str | None, bytes, int]]:
    """The graphs of an RDF file as ``(name, Turtle bytes, triple count)``, default graph first;
    everything (the RDF merge) in the one graph ``graph`` when it is given."""
    import pyoxigraph as ox

    from kg.query.sparql import load_files

    store = load_files([path], merge=graph is not None)
    default = ox.DefaultGraph()
    if graph is not None:
        return [_encoded(graph, store, default)]
    names = sorted(store.named_graphs(), key=lambda g: g.value)
    return [_encoded(None, store, default)] + [_encoded(g.value, store, g) for g in names]


def _encoded(name: str | None, store: Any, graph: Any) -> tuple[str | None, bytes, int]:
    import pyoxigraph as ox

    triples = sorted((q.triple for q in store.quads_for_pattern(None, None, None, graph)), key=str)
    data = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
    return name, data, len(triples)


def push(
    path: str | Path,
    endpoint: str,
    *,
    graph: str | None = None,
    user: str | None = None,
    password: str | None = None,
    append: bool = False,
    timeout: float = 60.0,
) -> PushReport:
    """Upload the graph file ``path`` to the Graph Store endpoint ``endpoint``."""
    check_endpoint(endpoint)
    endpoint, url_user, url_password = credentials(endpoint)
    if user is None and url_user is not None:
        user, password = url_user, password if password is not None else url_password
    if graph is not None:
        check_graph_iri(graph)
    if password is not None and user is None:
        raise UsageError("--password needs --user")
    graphs = read_graphs(path, graph)
    if not any(n for _, _, n in graphs):
        raise UsageError(f"{path} holds no triples: nothing to push")
    opener = _opener(endpoint, user, password)
    report = PushReport(shown(endpoint))
    for name, data, count in graphs:
        if not count:
            continue
        method = "POST" if append or (name is None and graph is None) else "PUT"
        _send(opener, method, graph_url(endpoint, name), data, timeout)
        report.sent.append((name, method, count))
    return report


def _opener(endpoint: str, user: str | None, password: str | None) -> Any:
    handlers: list[Any] = []
    if user is not None:
        manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        manager.add_password(None, endpoint, user, password or "")
        handlers += [
            urllib.request.HTTPBasicAuthHandler(manager),
            urllib.request.HTTPDigestAuthHandler(manager),
        ]
    return urllib.request.build_opener(_NoRedirect(), *handlers)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect answers a write with an error (urllib would follow it with a body-less GET)."""

    def redirect_request(
        self, req: Any, fp: Any, code: int, msg: str, headers: Any, newurl: str
    ) -> None:
        raise urllib.error.HTTPError(req.full_url, code, msg, headers, fp)


def _send(opener: Any, method: str, url: str, data: bytes, timeout: float) -> None:
    """Send one request; the whole exchange ends within ``timeout`` seconds."""
    outcome: list[BaseException | None] = []

    def exchange() -> None:
        try:
            _exchange(opener, method, url, data, timeout)
            outcome.append(None)
        except BaseException as exc:  # handed to the caller's thread
            outcome.append(exc)

    worker = threading.Thread(target=exchange, daemon=True)
    worker.start()
    worker.join(timeout)
    if not outcome:  # a server that trickles its answer: left behind (a daemon thread)
        raise PushError(f"no complete answer from {shown(url)} within {timeout:g} s")
    if outcome[0] is not None:
        raise outcome[0]


def _exchange(opener: Any, method: str, url: str, data: bytes, timeout: float) -> None:
    request = urllib.request.Request(
        url,
        data=data,
        method=method,
        headers={"Content-Type": "text/turtle; charset=utf-8", "Accept": "*/*"},
    )
    where = shown(url)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            left = MAX_RESPONSE  # the answer is not used: read a little, never all of it
            while left > 0 and time.monotonic() < deadline:
                chunk = response.read(min(left, 8192))
                if not chunk:
                    break
                left -= len(chunk)
    except urllib.error.HTTPError as exc:
        if 300 <= exc.code < 400:
            target = exc.headers.get("Location", "") if exc.headers else ""
            raise PushError(
                f"{method} {where} answered {exc.code} {clean(str(exc.reason))}, a redirect"
                + (f" to {shown(target)}" if target else "")
                + ": kg does not follow redirects on writes; give the final URL as --endpoint",
                exc.code,
            ) from None
        raise PushError(_http_message(exc, method, where), exc.code) from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, ConnectionRefusedError):
            raise PushError(
                f"cannot connect to {where}: connection refused; is the server running?"
            ) from None
        if isinstance(reason, socket.gaierror):
            raise PushError(f"cannot connect to {where}: unknown host; check --endpoint") from None
        if isinstance(reason, TimeoutError):
            raise PushError(f"no answer from {where} within {timeout:g} s") from None
        raise PushError(f"cannot connect to {where}: {clean(str(reason))}") from None
    except TimeoutError:
        raise PushError(f"no answer from {where} within {timeout:g} s") from None
    except (ConnectionError, OSError) as exc:
        raise PushError(f"connection to {where} failed: {clean(str(exc))}") from None
    except ValueError as exc:  # http.client refuses what cannot be sent
        raise PushError(f"cannot send to {where}: {clean(str(exc))}") from None


def _http_message(exc: urllib.error.HTTPError, method: str, where: str) -> str:
    try:
        detail = exc.read(2000).decode("utf-8", "replace").strip()
    except OSError:
        detail = ""
    detail = clean(detail)[:200]
    hint = {
        401: "give --user and --password (or check them)",
        403: "the account may not write to this endpoint",
        404: "check --endpoint (Oxigraph: http://HOST:7878/store)",
        405: "the endpoint does not accept writes; is it a read-only or query URL?",
        413: "the graph is too big for the server; raise its upload limit",
        415: "the server does not accept Turtle uploads",
    }.get(exc.code, "")
    text = f"{method} {where} failed: {exc.code} {clean(str(exc.reason))}"
    if detail:
        text += f" ({detail})"
    return text + (f"; {hint}" if hint else "")
