"""Read input documents: files of every registered kind, directories, URLs and stdin.

Each input kind is a :class:`Reader` registered in the entry-point group ``kg.readers`` (the
built-ins, text, Markdown, HTML, JSONL, feeds, PDF and Word, in ``setup.cfg``, as a plug-in
registers its own): its suffixes, its media types and its ``read`` function. Nothing here
lists the kinds; :func:`suffix_kinds` and :func:`media_type_kinds` read the registry.

:func:`read_documents` turns command-line inputs into :class:`~kg.graph.model.Document` objects, one
at a time. Ids are deterministic and independent of the machine: a file named directly is known
by its stem, a file found in a directory by its path relative to that directory.

>>> read_text_bytes("café\\r\\nbar".encode(), "example.txt")
'café\\nbar'
"""

from __future__ import annotations

import io
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path, PurePosixPath
from typing import Any, BinaryIO

from kg.errors import InputError, KgError
from kg.graph.model import Document

__all__ = [
    "Reader",
    "Source",
    "html_to_text",
    "read_documents",
    "read_text_bytes",
    "readers",
    "sniff_kind",
    "stdin_formats",
    "suffix_kinds",
    "supported_suffixes",
]

logger = logging.getLogger("kg")

_SNIFF_BYTES = 8192

#: Magic numbers of common binary formats: (prefix, description, what to do).
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF file", "name it .pdf and kg reads its text"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image", "kg reads text, not images"),
    (b"GIF87a", "a GIF image", "kg reads text, not images"),
    (b"GIF89a", "a GIF image", "kg reads text, not images"),
    (b"\xff\xd8\xff", "a JPEG image", "kg reads text, not images"),
    (b"\x1f\x8b", "a gzip file", "decompress it first"),
    (b"PK\x03\x04", "a ZIP archive (or .docx/.xlsx/.epub)", "unpack it or extract its text first"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file", "extract its text first"),
    (b"\x7fELF", "an executable", "give a text file"),
)

ErrorHandler = Callable[[KgError], None]


# --------------------------------------------------------------------------- decoding


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_bytes(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode the bytes of a text file the way kg reads every input.

    A byte-order mark first, then the ``declared`` charset (an HTML page's or an HTTP
    response's), then UTF-8, then a guess (:func:`kg.io.decoding.decode_bytes`): a few invalid
    bytes in UTF-8 text become U+FFFD each, with a warning naming ``name`` on the ``kg``
    logger, as does a guessed encoding. Line ends ``\\r\\n`` and ``\\r`` become ``\\n``;
    nothing else is changed.

    >>> read_text_bytes(b"\\xef\\xbb\\xbfNo BOM\\rhere", "x.txt")
    'No BOM\\nhere'
    """
    from kg.io.decoding import decode_bytes

    return _newlines(decode_bytes(data, name, declared))


# --------------------------------------------------------------------------- checks


def _refuse_binary(head: bytes, name: str) -> None:
    for magic, kind, advice in _MAGIC:
        if head.startswith(magic):
            raise InputError(f"{name} is {kind}, not text: {advice}")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return  # UTF-16 text: NUL bytes are expected
    if b"\x00" in head[:_SNIFF_BYTES]:
        raise InputError(
            f"{name} is a binary file (it contains NUL bytes), not text: "
            f"give a file kg reads ({_suffix_list()})"
        )


def _os_error(exc: OSError, name: str) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError(f"no such file or directory: {name}; check the path")
    if isinstance(exc, PermissionError):
        return InputError(f"cannot read {name}: permission denied; check its permissions")
    return InputError(f"cannot read {name}: {exc.strerror or exc}")


def _read_bytes(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise _os_error(exc, name) from None


def _empty(name: str) -> InputError:
    return InputError(f"{name} is empty: nothing to build")


# --------------------------------------------------------------------------- formats


def _markdown_title(text: str) -> str | None:
    """The first ATX level-1 heading (``# Title``) outside fenced code blocks.

    >>> _markdown_title("intro\\n```\\n# not this\\n```\\n# The Title #\\n## Sub")
    'The Title'
    """
    fence: str | None = None
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            marker = stripped[:3]
            if fence is None:
                fence = marker
            elif fence == marker:
                fence = None
            continue
        if fence is None and line.startswith("# "):
            title = line[2:].strip().rstrip("#").strip()
            if title:
                return title
    return None


#: Elements whose content is never text.
_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "title",
        "iframe",
        "object",
        "embed",
        "canvas",
    }
)
#: Elements that end a line.
_LINE_TAGS = frozenset({"br", "li", "tr", "dt", "dd", "option", "figcaption", "caption"})
#: Elements that end a paragraph.
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "center",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "fieldset",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "tfoot",
        "thead",
        "ul",
    }
)
_CELL_TAGS = frozenset({"td", "th"})
_HTML_SPACE = re.compile(r"[ \t\n\f\r\xa0]+")
_SUBSET_END = re.compile(r"\]\s*>")


def _drop_doctype_subset(markup: str) -> str:
    """Remove a DOCTYPE's internal subset (``<!ENTITY ...>`` declarations) before parsing.

    html.parser never expands such entities, but it would leave the subset's tail in the text.

    >>> _drop_doctype_subset('<!DOCTYPE html [<!ENTITY a "b">]><p>&a;')
    '<p>&a;'
    """
    start = markup[:4096].lower().find("<!doctype")
    if start < 0:
        return markup
    bracket = markup.find("[", start)
    close = markup.find(">", start)
    if bracket < 0 or (0 <= close < bracket):
        return markup
    end = _SUBSET_END.search(markup, bracket)
    if end is None:
        return markup  # malformed: let the parser cope
    return markup[:start] + markup[end.end() :]


class _Mark:
    """A separator an element adds around its content: a space, a line or a paragraph break."""

    def __init__(self, newlines: int) -> None:
        self.newlines = newlines


_SPACE, _LINE, _PARAGRAPH = _Mark(0), _Mark(1), _Mark(2)
_PRE_TAGS = frozenset({"pre", "textarea", "listing", "plaintext", "xmp"})


class _TextBuilder:
    """Collects text runs and separators into clean text."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.newlines = 0  # newlines owed before the next text: 0, 1 or 2
        self.space = False  # a space is owed before the next text

    def mark(self, mark: _Mark) -> None:
        if mark.newlines:
            self.newlines = max(self.newlines, mark.newlines)
        else:
            self.space = True

    def text(self, run: str, pre: bool) -> None:
        trailing = False
        if not pre:
            run = _HTML_SPACE.sub(" ", run)
            if run.startswith(" "):
                self.space = True
            trailing = run.endswith(" ")
            run = run.strip(" ")
        if not run:
            return
        if self.parts:
            if self.newlines:
                self.parts.append("\n" * self.newlines)
            elif self.space:
                self.parts.append(" ")
        self.parts.append(run)
        self.newlines = 0
        self.space = trailing

    def result(self) -> str:
        lines = [line.rstrip() for line in "".join(self.parts).split("\n")]
        return "\n".join(lines).strip()


def _html_title(soup: Any) -> str | None:
    for tag in soup.find_all("title"):
        if tag.find_parent("svg") is None:
            title = _HTML_SPACE.sub(" ", tag.get_text()).strip()
            if title:
                return title
    return None


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Turn HTML into plain text and its ``<title>``, with the stdlib ``html.parser``.

    Scripts, styles, comments, declarations and ``<head>`` are dropped, block elements become
    line breaks, runs of spaces collapse. No network, no external or DTD entities.

    >>> html_to_text("<title>T</title><p>One  <b>two</b></p><script>x()</script><p>three")
    ('One two\\n\\nthree', 'T')
    """
    import warnings

    from bs4 import BeautifulSoup, NavigableString, Tag
    from bs4.exceptions import ParserRejectedMarkup

    markup = _drop_doctype_subset(markup)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # bs4's "looks like XML / a URL" hints
        try:
            soup = BeautifulSoup(markup, "html.parser")
        except ParserRejectedMarkup:  # a malformed marked section ("<![DATA[ ..."): as text
            soup = BeautifulSoup(markup.replace("<![", "&lt;!["), "html.parser")
    title = _html_title(soup)

    out = _TextBuilder()
    # Iterative walk (deeply nested pages must not hit the recursion limit). A stack item is a
    # node with its <pre> depth, or a _Mark to apply when an element closes.
    stack: list[tuple[Any, int]] = [(soup, 0)]
    while stack:
        node, pre = stack.pop()
        if isinstance(node, _Mark):
            out.mark(node)
        elif isinstance(node, Tag):
            name = (node.name or "").lower()
            if name in _DROP_TAGS:
                continue
            if name == "br":
                out.mark(_LINE)
                continue
            mark = (
                _PARAGRAPH
                if name in _BLOCK_TAGS
                else _LINE
                if name in _LINE_TAGS
                else _SPACE
                if name in _CELL_TAGS
                else None
            )
            if mark is not None:
                out.mark(mark)
                stack.append((mark, pre))
            inner = pre + 1 if name in _PRE_TAGS else pre
            stack.extend((child, inner) for child in reversed(node.contents))
        elif type(node) is NavigableString:  # not Comment, Doctype, CData, Script, ...
            out.text(str(node), pre > 0)
    return out.result(), title


# --------------------------------------------------------------------------- documents


class _Ids:
    """Hands out document ids that are unique within a build, and so are their IRIs: an id
    whose IRI segment (:func:`kg.graph.rdf.slug`) was already taken gets ``-2``, ``-3``..."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def unique(self, wanted: str) -> str:
        from kg.graph.rdf import slug

        result, n = wanted, 2
        while slug(result) in self.used:
            result, n = f"{wanted}-{n}", n + 1
        self.used.add(slug(result))
        return result


@dataclass(frozen=True)
class Source:
    """One input as a reader gets it: a file (read when the reader asks) or bytes in memory."""

    name: str  # how messages name it: a path, a URL or "stdin"
    doc_id: str  # its document id, before deduplication
    path: Path | None = None
    data: bytes | None = None
    url: str | None = None  # where it was fetched from
    charset: str | None = None  # the charset its HTTP response declared
    on_error: ErrorHandler | None = None

    def read(self) -> bytes:
        if self.data is not None:
            return self.data
        assert self.path is not None
        return _read_bytes(self.path, self.name)

    def open(self) -> BinaryIO:
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        try:
            return self.path.open("rb")
        except OSError as exc:
            raise _os_error(exc, self.name) from None


def _jsonl_documents(source: Source) -> Iterator[Document]:
    """Documents of a JSONL input, one per non-blank line, read line by line."""
    name, base_id = source.name, source.doc_id
    with source.open() as handle:
        head = handle.read(_SNIFF_BYTES)
        _refuse_binary(head, name)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InputError(f"{name} is UTF-16 text: save it as UTF-8 (JSON Lines is UTF-8)")
        handle.seek(0)
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = read_text_bytes(raw, f"{name}:{number}")
            if not line.strip():
                continue
            try:
                yield _jsonl_document(line, f"{name}:{number}", f"{base_id}-{number}", name)
            except InputError as err:
                if source.on_error is None:
                    raise
                source.on_error(err)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unicode(value: str, where: str) -> str:
    """``value`` with each lone surrogate (a JSON escape like ``\\ud800`` that is half of a
    character: no UTF-8 form, spaCy and every writer fail on it) replaced by U+FFFD."""
    if _SURROGATE.search(value) is None:
        return value
    logger.warning("%s: lone surrogate escapes (\\ud800-\\udfff) replaced by U+FFFD", where)
    return _SURROGATE.sub("\ufffd", value)


#: Optional string fields of a JSONL record: Document field <- the keys that give it, in
#: order (trafilatura's JSON output is a valid record: "sitename", "author" "A; B").
_JSONL_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "url": ("url",),
    "date": ("date",),
    "site": ("site", "sitename"),
    "language": ("language",),
}


def _jsonl_authors(obj: dict[str, Any], where: str) -> tuple[str, ...]:
    value = obj.get("authors", obj.get("author"))
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        value = value.split(";")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f'{where}: "author" must be a string or a list of strings')
    names = (_unicode(" ".join(v.split()), where) for v in value)
    return tuple(dict.fromkeys(n for n in names if n))


def _jsonl_document(line: str, where: str, default_id: str, source: str) -> Document:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"{where}: not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno}): "
            'each line must be an object like {"id": ..., "text": ...}'
        ) from None
    except (ValueError, RecursionError) as exc:  # a 5,000-digit number, nesting too deep
        raise InputError(f"{where}: not usable JSON ({str(exc)[:80]})") from None
    if not isinstance(obj, dict):
        raise InputError(
            f'{where}: not a JSON object: each line must be {{"id": ..., "text": ...}}'
        )
    text = obj.get("text")
    if not isinstance(text, str):
        raise InputError(f'{where}: no string "text" field: add the article text as "text"')
    if not text.strip():
        raise _empty(where)
    doc_id = obj.get("id")
    if doc_id is None or doc_id == "":
        doc_id = default_id
    elif isinstance(doc_id, int) and not isinstance(doc_id, bool):
        doc_id = str(doc_id)
    elif not isinstance(doc_id, str):
        raise InputError(f'{where}: "id" must be a string or an integer')
    fields: dict[str, str | None] = {}
    for field, keys in _JSONL_FIELDS.items():
        value = next((obj[k] for k in keys if obj.get(k) is not None), None)
        if value is not None and not isinstance(value, str):
            raise InputError(f'{where}: "{keys[0]}" must be a string')
        fields[field] = _unicode(value.strip(), where) or None if value else None
    return Document(
        id=_unicode(doc_id, where),
        text=_newlines(_unicode(text, where)),
        title=fields["title"],
        url=fields["url"],
        date=fields["date"],
        source=source,
        authors=_jsonl_authors(obj, where),
        site=fields["site"],
        language=fields["language"],
    )


_HEADLINE_END = (".", ",", ";", ":")


def plain_text_headline(text: str) -> str | None:
    """The headline of a plain-text article: a first line followed by a blank line, short and
    not ending like a sentence's clause. The text keeps it: it is the document's title and,
    ending a line, a sentence of its own.

    >>> plain_text_headline("Dam opens on time\\n\\nThe new dam opened on Monday.")
    'Dam opens on time'
    >>> plain_text_headline("The dam opened.\\n\\nIt was on time.") is None
    True
    """
    lines = text.lstrip("\n").split("\n", 2)
    if len(lines) < 3 or lines[1].strip() or not lines[2].strip():
        return None
    headline = " ".join(lines[0].split())
    if not headline or len(headline) > 150 or headline.endswith(_HEADLINE_END):
        return None
    return headline


def _text_document(source: Source, title: Callable[[str], str | None]) -> Document:
    data = source.read()
    _refuse_binary(data[:_SNIFF_BYTES], source.name)
    text = read_text_bytes(data, source.name, source.charset)
    if not text.strip():
        raise _empty(source.name)
    return Document(
        id=source.doc_id, text=text, title=title(text), url=source.url, source=_where(source)
    )


def _where(source: Source) -> str | None:
    """What ``dcterms:source`` names when there is no URL: the path read, not stdin."""
    return None if source.path is None or source.url else source.name


def _read_text(source: Source) -> Iterator[Document]:
    yield _text_document(source, plain_text_headline)


def _read_markdown(source: Source) -> Iterator[Document]:
    yield _text_document(source, _markdown_title)


def _read_html(source: Source) -> Iterator[Document]:
    from kg.io.decoding import declared_html_charset
    from kg.io.webpage import read_page

    data = source.read()
    _refuse_binary(data[:_SNIFF_BYTES], source.name)
    declared = source.charset or declared_html_charset(data)
    page = read_page(read_text_bytes(data, source.name, declared), source.url)
    if not page.text.strip():
        raise _empty(source.name)
    yield Document(
        id=source.doc_id,
        text=page.text,
        title=page.title,
        url=page.url,
        date=page.date,
        source=_where(source),
        authors=page.authors,
        site=page.site,
        language=page.language,
    )


def _feed_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return f"{value.tm_year:04d}-{value.tm_mon:02d}-{value.tm_mday:02d}"
    return None


def _feed_documents(source: Source) -> Iterator[Document]:
    """One document per entry of an RSS or Atom feed: its title, a blank line, its content (or
    summary) as text, with the entry's date, author and link. Linked pages are not fetched."""
    import feedparser

    from kg.io.webpage import html_fragment_text

    data = source.read()
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    if not parsed.entries:
        raise InputError(f"{source.name} has no feed entries: give an RSS or Atom feed")
    feed = parsed.feed
    site = " ".join(str(feed.get("title", "")).split()) or None
    language = feed.get("language") or None
    for number, entry in enumerate(parsed.entries, start=1):
        where = f"{source.name}: entry {number}"
        try:
            contents = entry.get("content") or []
            markup = contents[0].get("value", "") if contents else entry.get("summary", "")
            body = html_fragment_text(markup or "")
            title = " ".join(str(entry.get("title", "")).split()) or None
            if not body.strip() and not title:
                raise _empty(where)
            text = f"{title}\n\n{body}" if title and body.strip() else body or str(title)
            author = entry.get("author")
            yield Document(
                id=f"{source.doc_id}-{number}",
                text=text,
                title=title,
                url=entry.get("link") or None,
                date=_feed_date(entry),
                source=_where(source),
                authors=(author.strip(),) if isinstance(author, str) and author.strip() else (),
                site=site,
                language=language,
            )
        except InputError as err:
            if source.on_error is None:
                raise
            source.on_error(err)


def _pdf_documents(source: Source) -> Iterator[Document]:
    """The text of a PDF (pypdf), page after page; a PDF without text (a scan) is an error."""
    import logging as _logging

    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    _logging.getLogger("pypdf").setLevel(_logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(source.read()))
        if reader.is_encrypted:
            raise InputError(f"{source.name} is an encrypted PDF: save a copy without a password")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
    except PyPdfError as exc:
        raise InputError(f"{source.name} is not a readable PDF ({exc})") from None
    text = "\n\n".join(_newlines(p).strip() for p in pages if p.strip())
    if not text.strip():
        raise InputError(f"{source.name} has no text layer (a scanned PDF?): run OCR on it first")
    title = " ".join(str(info.title).split()) if info is not None and info.title else None
    author = " ".join(str(info.author).split()) if info is not None and info.author else None
    yield Document(
        id=source.doc_id,
        text=text,
        title=title,
        url=source.url,
        source=_where(source),
        authors=(author,) if author else (),
    )


def _docx_documents(source: Source) -> Iterator[Document]:
    """The paragraphs of a Word .docx file (python-docx), a blank line between them."""
    import zipfile

    import docx

    try:
        document = docx.Document(io.BytesIO(source.read()))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise InputError(f"{source.name} is not a readable .docx file ({exc})") from None
    paragraphs = [" ".join(p.text.split()) for p in document.paragraphs]
    text = "\n\n".join(p for p in paragraphs if p)
    if not text:
        raise _empty(source.name)
    props = document.core_properties
    title = " ".join((props.title or "").split()) or None
    author = " ".join((props.author or "").split()) or None
    yield Document(
        id=source.doc_id,
        text=text,
        title=title,
        url=source.url,
        source=_where(source),
        authors=(author,) if author else (),
        language=props.language or None,
    )


ReadFunction = Callable[[Source], Iterator[Document]]


@dataclass(frozen=True)
class Reader:
    """An input kind, registered by name in the entry-point group ``kg.readers`` (the
    built-ins below in ``setup.cfg``, a plug-in's in its own package).

    A file is read by the reader that claims its suffix, a download by the one that claims its
    media type (else its URL's suffix), standard input by ``--stdin-format NAME``. ``read``
    yields the documents of one :class:`Source` (one, or one per record) and raises
    :class:`~kg.errors.InputError` for an unusable input.
    """

    name: str
    read: ReadFunction
    #: File suffixes, lower case with the dot (``".txt"``): files named so are read by it, and
    #: picked up when a directory is given.
    suffixes: tuple[str, ...] = ()
    #: HTTP media types (``"text/plain"``) of downloads it reads.
    media_types: tuple[str, ...] = ()
    #: One line for ``kg build --help``.
    description: str = ""


# The built-in readers (registered in setup.cfg, group kg.io.readers).
TEXT = Reader(
    "txt", _read_text, (".txt",), ("text/plain",), "plain text (a first short line is the title)"
)
MARKDOWN = Reader(
    "md", _read_markdown, (".md", ".markdown"), ("text/markdown",), "Markdown (# Title)"
)
HTML = Reader(
    "html",
    _read_html,
    (".html", ".htm"),
    ("text/html", "application/xhtml+xml"),
    "a web page (the article without menus; its metadata)",
)
JSONL = Reader(
    "jsonl",
    _jsonl_documents,
    (".jsonl",),
    ("application/jsonl", "application/x-ndjson"),
    'one document per line: {"id", "text", "title"?, "url"?, "date"?, ...}',
)
FEED = Reader(
    "feed",
    _feed_documents,
    (".rss", ".atom"),
    (
        "application/rss+xml",
        "application/atom+xml",
        "application/rdf+xml",
        "application/xml",
        "text/xml",
    ),
    "an RSS or Atom feed, one document per entry",
)
PDF = Reader("pdf", _pdf_documents, (".pdf",), ("application/pdf",), "a PDF with a text layer")
DOCX = Reader(
    "docx",
    _docx_documents,
    (".docx",),
    ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",),
    "a Word .docx file",
)


def readers() -> dict[str, Reader]:
    """Every registered reader by name (built-ins and plug-ins), in name order."""
    from kg import registry

    return registry.loaded(registry.READERS)


def suffix_kinds() -> dict[str, str]:
    """File suffixes (``".md"``) to the reader that claims them (the first name, sorted, when
    two do)."""
    from kg import registry

    return dict(registry.claims(registry.READERS, "suffixes", prefix="."))


def media_type_kinds() -> dict[str, str]:
    """HTTP media types to the reader that claims them."""
    from kg import registry

    return dict(registry.claims(registry.READERS, "media_types"))


def supported_suffixes() -> tuple[str, ...]:
    """File suffixes picked up when a directory is given (lower case; matched
    case-insensitively), sorted."""
    return tuple(sorted(suffix_kinds()))


def stdin_formats() -> tuple[str, ...]:
    """What ``--stdin-format`` accepts: ``auto`` (sniffed from the bytes), then every reader."""
    from kg import registry

    return ("auto", *registry.names(registry.READERS))


def _suffix_list() -> str:
    return " ".join(supported_suffixes())


def __getattr__(name: str) -> Any:
    """The tables earlier versions kept as constants, now read from the registry."""
    tables: dict[str, Callable[[], Any]] = {
        "READERS": lambda: {n: r.read for n, r in readers().items()},
        "SUFFIX_KINDS": suffix_kinds,
        "MEDIA_TYPE_KINDS": media_type_kinds,
        "SUPPORTED_SUFFIXES": supported_suffixes,
        "STDIN_FORMATS": stdin_formats,
    }
    if name in tables:
        return tables[name]()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_FEED_START = re.compile(rb"\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*<(rss|feed|rdf:RDF)\b", re.S)
_HTML_START = re.compile(rb"\s*(<!doctype html|<html|<head|<body|<!--|<meta|<p[\s>]|<div)", re.I)


def sniff_kind(data: bytes) -> str:
    """The kind of input ``data`` looks like, for standard input and unnamed downloads.

    >>> sniff_kind(b'{"id": "a", "text": "Hi."}\\n'), sniff_kind(b"<!DOCTYPE html><p>Hi")
    ('jsonl', 'html')
    >>> sniff_kind(b"# Title\\n\\nBody"), sniff_kind(b"Plain words.")
    ('md', 'txt')
    """
    head = data[:_SNIFF_BYTES].lstrip(b"\xef\xbb\xbf")
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04") and b"word/" in data[:200000]:
        return "docx"
    if _FEED_START.match(head):
        return "feed"
    if _HTML_START.match(head):
        return "html"
    first = head.lstrip().split(b"\n", 1)[0].strip()
    if first.startswith(b"{") and first.endswith(b"}"):
        try:
            if isinstance(json.loads(first), dict):
                return "jsonl"
        except ValueError:
            pass
    if first.startswith(b"# "):
        return "md"
    return "txt"


def _reader(kind: str) -> ReadFunction:
    from kg import registry

    reader: Reader = registry.load(registry.READERS, kind)
    return reader.read


def _file_documents(source: Source, kind: str) -> Iterator[Document]:
    """Documents of one input of ``kind`` (one, or one per record); ids before dedup."""
    for doc in _reader(kind)(source):
        _warn_if_not_english(doc)
        yield doc


#: Common English words: their share of a text's words tells English from other languages.
_ENGLISH = frozenset(
    "the of and to a in is that for it was on with as he she at by be this are from or his "
    "her an they were has have had not but which said their its who will would been more "
    "after about than when we you".split()
)
#: Common function words of other languages written in Latin letters (German, French,
#: Spanish, Portuguese, Italian, Dutch), none of them an English word.
_OTHER = frozenset(
    "der die das und ist nicht ein eine einen dem den des mit von auf für sich auch im am zu "
    "les et est une des du au aux dans pour sur avec qui pas sont "
    "el los las y es una del que por con para se su al lo "
    "os da do não uma em com são "
    "il di che della dei gli una per sono non "
    "het een van en ook niet zijn met voor".split()
)
_LETTERS = re.compile(r"[^\W\d_]+")


def looks_english(doc: Document) -> bool:
    """Whether kg should read ``doc`` (its model reads English): no other declared language,
    and, for a text of a dozen words or more, enough common English words.

    >>> looks_english(Document(id="a", text="Jo Bloggs met the mayor of Eastmere on Monday."))
    True
    >>> looks_english(Document(id="b", text="Der Kanzler traf gestern den Minister in Bonn "
    ...     "und sprach lange über neue Pläne für die Wirtschaft."))
    False
    """
    declared = (doc.language or "").lower()
    if declared:
        return declared.startswith("en")
    words = _LETTERS.findall(doc.text[:20000].lower())
    if len(words) < 12:
        return True
    if sum(1 for w in words if w in _ENGLISH) / len(words) >= 0.08:
        return True
    # few English function words: a long text is another language; a short one (a headline,
    # a wire line, a list of names) only when other languages' function words fill it
    return len(words) < 30 and sum(1 for w in words if w in _OTHER) / len(words) < 0.15


def _warn_if_not_english(doc: Document) -> None:
    """One warning naming the document when it does not look English (kg's model reads
    English): its declared language is another, or few of its words are common English ones.
    Such a document is kept (its metadata) but nothing is extracted from it."""
    if looks_english(doc):
        return
    if doc.language:
        logger.warning(
            "%s: declared language %r, not English: kg reads English; nothing extracted",
            doc.id,
            doc.language,
        )
    else:
        logger.warning(
            "%s: does not look like English text: kg reads English; nothing extracted", doc.id
        )


def _kind_of_path(path: Path) -> str:
    kind = suffix_kinds().get(path.suffix.lower())
    if kind is None and path.suffix.lower() == ".xml":  # a feed saved as .xml
        with path.open("rb") as handle:
            kind = "feed" if sniff_kind(handle.read(_SNIFF_BYTES)) == "feed" else "txt"
    return kind or "txt"


def _is_supported(name: str, suffixes: tuple[str, ...]) -> bool:
    return name.lower().endswith(suffixes)


def _directory_files(root: Path, name: str) -> list[tuple[Path, PurePosixPath]]:
    """Supported, non-hidden files under ``root``, sorted by their relative path."""
    found: list[tuple[Path, PurePosixPath]] = []
    errors: list[OSError] = []
    suffixes = supported_suffixes()
    for current, dirs, files in os.walk(root, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file in files:
            if file.startswith(".") or not _is_supported(file, suffixes):
                continue
            full = Path(current, file)
            if not full.is_file():  # a FIFO would block, a link to /dev/zero never end
                logger.warning("%s: not a regular file, skipped", full.as_posix())
                continue
            found.append((full, PurePosixPath(full.relative_to(root).as_posix())))
    if errors and not found:
        raise InputError(f"cannot read directory {name}: {errors[0].strerror or errors[0]}")
    if not found:
        raise InputError(
            f"no files kg reads ({_suffix_list()}) in {name}: put articles there or name the "
            "files directly"
        )
    found.sort(key=lambda item: item[1].parts)
    return found


def _stdin_documents(stdin_format: str, on_error: ErrorHandler | None) -> Iterator[Document]:
    buffer = getattr(sys.stdin, "buffer", None)
    data = buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
    if not data.strip():
        raise _empty("stdin")
    kind = sniff_kind(data) if stdin_format == "auto" else stdin_format
    if kind not in stdin_formats():
        raise InputError(
            f"unknown --stdin-format {kind!r}: use one of {', '.join(stdin_formats())}"
        )
    yield from _file_documents(Source("stdin", "stdin", data=data, on_error=on_error), kind)


def _url_kind(response: Any) -> str:
    """The kind of a download: by its media type, else its URL's suffix, else its bytes."""
    from urllib.parse import urlsplit

    kind = media_type_kinds().get(response.media_type or "")
    if kind is None:
        suffix = PurePosixPath(urlsplit(response.url).path).suffix.lower()
        kind = suffix_kinds().get(suffix) or sniff_kind(response.data)
    return kind


def _url_documents(url: str, on_error: ErrorHandler | None) -> Iterator[Document]:
    from kg.io.fetch import fetch, url_id

    response = fetch(url)
    source = Source(
        url,
        url_id(url),
        data=response.data,
        url=response.url,
        charset=response.charset,
        on_error=on_error,
    )
    yield from _file_documents(source, _url_kind(response))


def _input_documents(
    item: str, on_error: ErrorHandler | None, stdin_format: str
) -> Iterator[Document]:
    """Documents of one command-line input (before id deduplication)."""
    if item == "-":
        yield from _stdin_documents(stdin_format, on_error)
        return
    if item[:8].lower().startswith(("http://", "https://")):
        yield from _url_documents(item, on_error)
        return
    path = Path(item)
    name = path.as_posix()
    if path.is_dir():
        for full, rel in _directory_files(path, name):
            source = Source(
                full.as_posix(), rel.with_suffix("").as_posix(), full, on_error=on_error
            )
            try:
                yield from _file_documents(source, _kind_of_path(full))
            except InputError as err:
                if on_error is None:
                    raise
                on_error(err)
        return
    if not path.exists():
        raise InputError(f"no such file or directory: {name}; check the path")
    if not path.is_file():
        raise InputError(f"{name} is not a regular file (a pipe or device?): give a file")
    source = Source(name, path.stem, path, on_error=on_error)
    yield from _file_documents(source, _kind_of_path(path))


def read_documents(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    on_error: Callable[[KgError], None] | None = None,
    stdin_format: str = "auto",
) -> Iterator[Document]:
    """Yield the documents of ``inputs`` (paths, directories, or ``"-"`` for stdin), lazily.

    With ``on_error=None`` the first unusable input raises :class:`~kg.errors.InputError`;
    otherwise ``on_error(err)`` is called and reading goes on with the next document (for a
    JSONL file, the next line). Ids whose IRIs would repeat get ``-2``, ``-3``... in input
    order. ``stdin_format`` is the kind of ``"-"`` (a registered reader's name, or ``auto``).
    """
    ids = _Ids()
    for raw in inputs:
        item = os.fspath(raw)
        try:
            for doc in _input_documents(item, on_error, stdin_format):
                unique = ids.unique(doc.id)
                yield doc if unique == doc.id else replace(doc, id=unique)
        except InputError as err:
            if on_error is None:
                raise
            on_error(err)
