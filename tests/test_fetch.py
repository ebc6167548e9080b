"""kg build https://...: fetched from a local HTTP server on 127.0.0.1, with limits and
one-line errors; nothing in a page makes kg fetch anything else."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.io.fetch import fetch
from kg.io.readers import read_documents

PARAGRAPHS = [
    "The orchestra of Kellsworth played its last concert in the old hall on Saturday night, "
    "after ninety years in the building by the canal.",
    "Its conductor, Anouk Vessel, said the musicians would move to a new hall across the "
    "river next month, where rehearsals have already begun.",
    "The old hall will become a library, the city of Kellsworth said, and its organ will be "
    "restored by a workshop from the hill town of Brenmoor over the winter.",
    "Tickets for the first season in the new hall go on sale on Monday, and the orchestra "
    "will open it with a programme of music written by composers from the canal district.",
    "Regular listeners said they would miss the old hall, its creaking floor and the view of "
    "the barges from the balcony, but welcomed the larger stage of the new building.",
]
PAGE = (
    "<html lang='en'><head><meta charset='utf-8'><title>Last concert in the old hall | "
    "Canal Gazette</title><meta property='og:site_name' content='Canal Gazette'>"
    "<img src='/tracker.gif'><link rel='stylesheet' href='/style.css'></head><body>"
    "<nav><a href='/'>Home</a> <a href='/subscribe'>Subscribe</a></nav><article>"
    "<h1>Last concert in the old hall</h1>"
    + "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    + "<p><a href='/elsewhere'>Read more</a></p></article>"
    "<script src='/app.js'></script></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def _send(
        self, status: int, body: bytes, ctype: str, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:  # noqa: N802
        Handler.requests.append(self.path)
        if self.path == "/news/last-concert.html":
            self._send(200, PAGE.encode(), "text/html; charset=utf-8")
        elif self.path == "/plain":
            self._send(
                200, "Caf\u00e9 owners met.".encode("cp1252"), "text/plain; charset=windows-1252"
            )
        elif self.path == "/moved":
            self._send(301, b"", "text/plain", {"Location": "/news/last-concert.html"})
        elif self.path.startswith("/loop"):
            n = int(self.path.removeprefix("/loop") or 0)
            self._send(302, b"", "text/plain", {"Location": f"/loop{n + 1}"})
        elif self.path == "/big":
            self._send(200, b"x" * 5000, "text/plain")
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_a_page_is_fetched_and_read_as_a_web_page(server: str) -> None:
    Handler.requests.clear()
    [doc] = read_documents([f"{server}/news/last-concert.html"])
    assert doc.id == "127.0.0.1/news/last-concert"
    assert doc.title == "Last concert in the old hall" and doc.site == "Canal Gazette"
    assert doc.url == f"{server}/news/last-concert.html"
    assert doc.source is None
    assert all(p in doc.text for p in PARAGRAPHS)
    assert "Subscribe" not in doc.text
    assert Handler.requests == ["/news/last-concert.html"]  # nothing the page links to


def test_http_charset_is_used(server: str) -> None:
    [doc] = read_documents([f"{server}/plain"])
    assert doc.text == "Caf\u00e9 owners met."


def test_redirects_are_followed_up_to_a_limit(server: str) -> None:
    [doc] = read_documents([f"{server}/moved"])
    assert doc.url == f"{server}/news/last-concert.html"
    with pytest.raises(InputError, match="more than 5 redirects"):
        fetch(f"{server}/loop0")


def test_http_error_status(server: str) -> None:
    with pytest.raises(InputError, match=r"cannot fetch .*/missing: HTTP 404"):
        fetch(f"{server}/missing")


def test_size_limit(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_FETCH_MAX_BYTES", "1000")
    with pytest.raises(InputError, match="larger than 1000 bytes"):
        fetch(f"{server}/big")


def test_offline_is_one_clear_line() -> None:
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = CliRunner().invoke(cli, ["build", f"http://127.0.0.1:{port}/a", "--no-cache"])
    assert result.exit_code == 1
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"kg: error: cannot fetch http://127.0.0.1:{port}/a: cannot connect")
    assert "online" in line


def test_build_from_a_url(server: str) -> None:
    url = f"{server}/news/last-concert.html"
    result = CliRunner().invoke(cli, ["build", url, "-q", "--no-cache", "-f", "nt"])
    assert result.exit_code == 0, result.output
    assert f"<{url}>" in result.stdout  # dcterms:source
    assert '"Anouk Vessel"' in result.stdout


def test_skip_errors_goes_on_past_a_bad_url(server: str) -> None:
    args = ["build", f"{server}/missing", f"{server}/plain", "--skip-errors", "--no-cache"]
    result = CliRunner().invoke(cli, [*args, "-f", "nt"])
    assert result.exit_code == 0, result.output
    assert "skipped: cannot fetch" in result.stderr
