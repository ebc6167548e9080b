"""SPARQL queries in child processes that stop at a deadline and within a memory limit.

``kg serve`` must not let one query hold a slot past its timeout, exhaust the memory, or crash
the server (a parser overflowing its stack). A thread cannot be stopped; a process can. So:

- a *query host* process is started once (a fresh interpreter: no threads, nothing inherited
  but a socket), loads the dataset (N-Quads from the server's store) into memory, and waits;
- for each query the server hands it one end of a new socket pair; the host forks a child
  that sees the dataset copy-on-write (no reload, a few milliseconds);
- the child arms a real-time timer whose signal's default action ends the process (so even a
  query stuck inside Oxigraph, or waiting on the network, ends at the deadline), caps its
  address space (``RLIMIT_AS``) at its size plus ``memory_mb``, runs the query, writes the
  answer (status, then the formatted body) and exits;
- the server reads the answer with the same deadline and at most ``max_answer`` bytes. A
  child that ends without an answer timed out, ran out of memory or crashed: a 503, and the
  server goes on.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import struct
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KgError

_HEAD = struct.Struct("!I")  # length of the JSON header (or request) that follows


@dataclass(frozen=True)
class Answer:
    """What a child answered: an HTTP status, a message or the body and how it was written."""

    status: int
    message: str = ""
    body: bytes = b""
    fmt: str = ""
    truncated: bool = False
    kind: str = ""  # "graph", "solutions" or "boolean"


class QueryHost:
    """The process that forks one child per query (see the module docstring)."""

    def __init__(
        self,
        store: Any,
        *,
        timeout: float,
        memory_mb: int,
        max_answer: int,
        allow_service: bool = False,
    ) -> None:
        import pyoxigraph as ox

        self.timeout = timeout
        self.memory_mb = memory_mb
        self.max_answer = max_answer
        self.allow_service = allow_service
        self._lock = threading.Lock()
        data = store.dump(format=ox.RdfFormat.N_QUADS) or b""
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        env = dict(os.environ)
        root = str(Path(__file__).resolve().parents[2])
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
        self._control = ours
        try:
            self._proc = subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    "from kg.query.sandbox import host_main; host_main()",
                    str(theirs.fileno()),
                    repr(timeout),
                    str(memory_mb),
                ],
                stdin=subprocess.PIPE,
                pass_fds=(theirs.fileno(),),
                env=env,
                start_new_session=True,  # Ctrl-C goes to the server, which stops the host
            )
        finally:
            theirs.close()
        assert self._proc.stdin is not None
        try:
            self._proc.stdin.write(data)
            self._proc.stdin.close()
            ready = ours.recv(1)
        except OSError:
            ready = b""
        if ready != b"R":
            self.close()
            raise KgError("the query process did not start (see the message above)")

    def run(
        self,
        query: str,
        *,
        limit: int,
        default_graphs: list[str],
        named_graphs: list[str],
        solution_fmt: str | None,
        graph_fmt: str | None,
    ) -> Answer:
        """Run ``query`` in a new child; the answer, or a 503 past the deadline or the memory."""
        request = json.dumps(
            {
                "query": query,
                "limit": limit,
                "default_graphs": default_graphs,
                "named_graphs": named_graphs,
                "solution_fmt": solution_fmt,
                "graph_fmt": graph_fmt,
                "allow_service": self.allow_service,
            }
        ).encode("utf-8")
        started = time.monotonic()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_STREAM)
        with ours:
            try:
                with self._lock:
                    socket.send_fds(self._control, [b"Q"], [theirs.fileno()])
            except OSError:
                return Answer(503, "the query process is gone: restart kg serve")
            finally:
                theirs.close()
            try:
                ours.settimeout(self.timeout + 1.0)
                ours.sendall(_HEAD.pack(len(request)) + request)
                ours.shutdown(socket.SHUT_WR)
                head = _read_exactly(ours, _HEAD.size)
                meta = json.loads(_read_exactly(ours, _HEAD.unpack(head)[0]))
                size = int(meta.get("size", 0))
                if size > self.max_answer:
                    return Answer(
                        503,
                        f"the answer is over {self.max_answer // (1 << 20)} MB: "
                        "ask for fewer or smaller results (LIMIT, fewer variables)",
                    )
                body = _read_exactly(ours, size)
            except (OSError, EOFError, ValueError):
                return self._stopped(time.monotonic() - started)
        return Answer(
            int(meta["status"]),
            str(meta.get("message", "")),
            body,
            str(meta.get("fmt", "")),
            bool(meta.get("truncated")),
            str(meta.get("kind", "")),
        )

    def _stopped(self, elapsed: float) -> Answer:
        if elapsed >= self.timeout * 0.9:
            return Answer(503, f"query timed out after {self.timeout:g} s")
        return Answer(
            503,
            f"the query stopped before answering: it needed more than {self.memory_mb} MB "
            "of memory, or was too complex",
        )

    def close(self) -> None:
        """Stop the host (its children stop at their deadlines)."""
        try:
            self._control.close()
        finally:
            try:
                self._proc.wait(5)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()


def _read_exactly(sock: socket.socket, size: int) -> bytes:
    chunks: list[bytes] = []
    left = size
    while left:
        chunk = sock.recv(min(left, 1 << 20))
        if not chunk:
            raise EOFError("the query process ended before answering")
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


# -- the host process -------------------------------------------------------------------------


def host_main() -> None:
    """Entry point of the query host: ``CONTROL_FD TIMEOUT MEMORY_MB``, the data on stdin."""
    import pyoxigraph as ox

    import kg.query.sparql  # noqa: F401 (imported once here, shared by every child)
    import kg.query.sparql_results  # noqa: F401

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    control = socket.socket(fileno=int(sys.argv[1]))
    timeout, memory_mb = float(sys.argv[2]), int(sys.argv[3])
    store = ox.Store()
    data = sys.stdin.buffer.read()
    if data:
        store.load(data, format=ox.RdfFormat.N_QUADS)
    del data
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel
    control.sendall(b"R")
    while True:
        try:
            msg, fds, _flags, _addr = socket.recv_fds(control, 16, 1)
        except (OSError, InterruptedError):
            break
        if not msg:
            break  # the server closed the control socket
        if not fds:
            continue
        pid = os.fork()
        if pid == 0:  # the child: never returns
            code = 0
            try:
                control.close()
                _child(store, socket.socket(fileno=fds[0]), timeout, memory_mb)
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(fds[0])
    os._exit(0)


def _vm_size() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def _child(store: Any, conn: socket.socket, timeout: float, memory_mb: int) -> None:
    import resource

    signal.signal(signal.SIGALRM, signal.SIG_DFL)  # the default action ends the process
    signal.setitimer(signal.ITIMER_REAL, timeout)
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)  # an out-of-memory abort says nothing in the server's log
    limit = _vm_size() + memory_mb * (1 << 20)
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or limit < hard:
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
    request = json.loads(_read_exactly(conn, _HEAD.unpack(_read_exactly(conn, _HEAD.size))[0]))
    meta, body = answer(store, request)
    head = json.dumps({**meta, "size": len(body)}).encode("utf-8")
    conn.sendall(_HEAD.pack(len(head)) + head + body)


def answer(store: Any, request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Run one request on ``store``: the answer's metadata and its formatted body."""
    from kg.query.sparql import QuerySyntaxError, ServiceRefused, run
    from kg.query.sparql_results import (
        AskResult,
        GraphResult,
        to_csv,
        to_json,
        to_rdf,
        to_tsv,
        to_xml,
    )

    try:
        result = run(
            store,
            request["query"],
            limit=request["limit"],
            default_graphs=request["default_graphs"] or None,
            named_graphs=request["named_graphs"] or None,
            allow_service=request["allow_service"],
        )
    except ServiceRefused as exc:
        return {"status": 403, "message": str(exc)}, b""
    except (QuerySyntaxError, KgError) as exc:
        return {"status": 400, "message": str(exc)}, b""
    except MemoryError:
        return {"status": 503, "message": "the query needed more memory than it may use"}, b""
    except Exception as exc:  # a bug: a short answer (the detail is the child's alone)
        return {"status": 500, "message": f"the query failed inside the server ({exc!r:.200})"}, b""
    if isinstance(result, GraphResult):
        fmt = request["graph_fmt"]
        if fmt is None:
            return {"status": 406, "message": "graph results are text/turtle or "
                    "application/n-triples"}, b""  # fmt: skip
        body = to_rdf(result, fmt)
        kind = "graph"
    else:
        fmt = request["solution_fmt"]
        if fmt is None:
            return {"status": 406, "message": "results are SPARQL JSON, XML, CSV or TSV: "
                    "ask for one in Accept"}, b""  # fmt: skip
        writers = {"json": to_json, "xml": to_xml, "csv": to_csv, "tsv": to_tsv}
        body = writers[fmt](result).encode("utf-8")
        kind = "boolean" if isinstance(result, AskResult) else "solutions"
    truncated = not isinstance(result, AskResult) and result.truncated
    return {"status": 200, "fmt": fmt, "truncated": truncated, "kind": kind}, body
