"""Fetch a web page, feed or document named by an ``http(s)://`` URL on the command line.

Only URLs the user gives are fetched; nothing a document contains (links, images, scripts,
feed entries) makes kg fetch anything. urllib3, with timeouts, a size limit, a bounded number
of redirects and no proxy or cookie magic; every failure is one :class:`~kg.errors.InputError`
line that says what to do.

>>> is_url("https://example.org/a"), is_url("HTTP://x.test"), is_url("news/a.html")
(True, True, False)
>>> url_id("https://news.example.org/2024/03/barrier-opens.html?ref=rss")
'news.example.org/2024/03/barrier-opens'
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urljoin, urlsplit

from kg.errors import InputError

__all__ = ["Response", "fetch", "is_url", "url_id"]

#: Limits of one download (``KG_FETCH_MAX_BYTES`` overrides the size).
MAX_BYTES = 20 * 1024 * 1024
MAX_REDIRECTS = 5
CONNECT_TIMEOUT = 10.0
READ_TIMEOUT = 30.0
TOTAL_TIMEOUT = 120.0


@dataclass(frozen=True)
class Response:
    """A successful download."""

    url: str  # after redirects
    data: bytes
    media_type: str | None  # "text/html", without parameters
    charset: str | None  # as the Content-Type header declares it


def is_url(item: str) -> bool:
    """Whether a command-line input is an http(s) URL (and so fetched)."""
    return item[:8].lower().startswith(("http://", "https://"))


def url_id(url: str) -> str:
    """The document id of a URL: host and path, without a file suffix, query or fragment."""
    parts = urlsplit(url)
    path = PurePosixPath(parts.path.strip("/")) if parts.path.strip("/") else None
    host = (parts.hostname or "web").lower()
    if path is None:
        return host
    return f"{host}/{path.with_suffix('').as_posix() if path.suffix else path.as_posix()}"


def _max_bytes() -> int:
    try:
        return int(os.environ.get("KG_FETCH_MAX_BYTES", MAX_BYTES))
    except ValueError:
        return MAX_BYTES


def _user_agent() -> str:
    from kg import __version__

    return f"kg/{__version__} (knowledge graph builder)"


def fetch(url: str) -> Response:
    """Download ``url``; raise :class:`InputError` with a one-line reason on any failure."""
    import urllib3
    from urllib3.exceptions import (
        HTTPError,
        MaxRetryError,
        NameResolutionError,
        NewConnectionError,
        ProtocolError,
        SSLError,
        TimeoutError,
    )

    limit = _max_bytes()
    http = urllib3.PoolManager(
        retries=urllib3.Retry(
            total=None,
            connect=0,
            read=0,
            status=0,
            other=0,
            redirect=MAX_REDIRECTS,
            raise_on_redirect=True,
        ),
        timeout=urllib3.Timeout(connect=CONNECT_TIMEOUT, read=READ_TIMEOUT),
    )
    where = f"cannot fetch {url}"
    started = time.monotonic()
    try:
        response = http.request(
            "GET",
            url,
            headers={"User-Agent": _user_agent(), "Accept": "*/*"},
            preload_content=False,
        )
        try:
            if response.status >= 400:
                raise InputError(
                    f"{where}: HTTP {response.status} {response.reason or ''}".rstrip()
                )
            declared = response.headers.get("Content-Length", "")
            if declared.isdigit() and int(declared) > limit:
                raise InputError(f"{where}: larger than {limit} bytes (KG_FETCH_MAX_BYTES)")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.stream(65536):
                size += len(chunk)
                if size > limit:
                    raise InputError(f"{where}: larger than {limit} bytes (KG_FETCH_MAX_BYTES)")
                if time.monotonic() - started > TOTAL_TIMEOUT:
                    raise InputError(f"{where}: still downloading after {TOTAL_TIMEOUT:.0f} s")
                chunks.append(chunk)
            final = url
            for step in response.retries.history if response.retries else ():
                if step.redirect_location:
                    final = urljoin(final, step.redirect_location)
            content_type = response.headers.get("Content-Type")
        finally:
            response.release_conn()
    except MaxRetryError as exc:
        reason = exc.reason
        if reason is not None and "redirect" in str(reason).lower():
            raise InputError(f"{where}: more than {MAX_REDIRECTS} redirects") from None
        raise _connection_error(where, reason) from None
    except (NameResolutionError, NewConnectionError, SSLError, TimeoutError) as exc:
        raise _connection_error(where, exc) from None
    except (ProtocolError, HTTPError) as exc:
        raise InputError(f"{where}: the connection broke ({_short(exc)})") from None
    except ValueError as exc:  # a malformed URL
        raise InputError(f"{where}: not a valid URL ({exc})") from None
    from kg.io.decoding import content_type_charset

    media = (content_type or "").split(";", 1)[0].strip().lower() or None
    return Response(
        url=final if is_url(final) else url,
        data=b"".join(chunks),
        media_type=media,
        charset=content_type_charset(content_type),
    )


def _short(exc: object) -> str:
    text = str(exc).split(": ", 1)[-1] if exc is not None else "unknown reason"
    return text.splitlines()[0][:160] if text else type(exc).__name__


def _connection_error(where: str, reason: object) -> InputError:
    from urllib3.exceptions import (
        NameResolutionError,
        NewConnectionError,
        SSLError,
        TimeoutError,
    )

    # NewConnectionError is a TimeoutError in urllib3 2 (a legacy): asked first.
    if isinstance(reason, NewConnectionError) and not isinstance(reason, NameResolutionError):
        return InputError(
            f"{where}: cannot connect ({_short(reason)}); check the address and that you are online"
        )
    if isinstance(reason, NameResolutionError):
        return InputError(
            f"{where}: the host name does not resolve; check it, and that you are online"
        )
    if isinstance(reason, TimeoutError):
        return InputError(f"{where}: no answer within {READ_TIMEOUT:.0f} s; try again later")
    if isinstance(reason, SSLError):
        return InputError(f"{where}: TLS failed ({_short(reason)})")
    return InputError(
        f"{where}: cannot connect ({_short(reason)}); check the address and that you are online"
    )
