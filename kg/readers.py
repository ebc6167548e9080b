"""Read input documents: text, Markdown, HTML and JSONL files, directories and stdin.

:func:`read_documents` turns command-line inputs into :class:`~kg.model.Document` objects, one
at a time. Ids are deterministic and independent of the machine: a file named directly is known
by its stem, a file found in a directory by its path relative to that directory.

>>> read_text_bytes("café\\r\\nbar".encode(), "example.txt")
'café\\nbar'
"""

from __future__ import annotations

import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

from kg.errors import InputError, KgError
from kg.model import Document

__all__ = ["SUPPORTED_SUFFIXES", "html_to_text", "read_documents", "read_text_bytes"]

logger = logging.getLogger("kg")

#: File suffixes picked up when a directory is given (lower case; matched case-insensitively).
SUPPORTED_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".markdown", ".html", ".htm", ".jsonl")

_MARKDOWN = frozenset({".md", ".markdown"})
_HTML = frozenset({".html", ".htm"})
_SNIFF_BYTES = 8192

#: Magic numbers of common binary formats: (prefix, description, what to do).
_MAGIC: tuple[tuple[bytes, str, str], ...] = (
    (b"%PDF", "a PDF file", "extract its text first"),
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


def _decode(data: bytes) -> tuple[str, str | None]:
    """Decode ``data``; return the text and the fallback encoding used, if any."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text_bytes(data: bytes, name: str) -> str:
    """Decode the bytes of a text file the way kg reads every input.

    UTF-8 (a leading BOM is dropped; UTF-16 with a BOM is accepted too); when the bytes are not
    valid UTF-8 they are read as Windows-1252 (or Latin-1 for the few bytes Windows-1252 leaves
    undefined) and a warning naming ``name`` goes to the ``kg`` logger. Line ends ``\\r\\n``
    and ``\\r`` become ``\\n``; nothing else is changed.

    >>> read_text_bytes(b"\\xef\\xbb\\xbfNo BOM\\rhere", "x.txt")
    'No BOM\\nhere'
    """
    text, fallback = _decode(data)
    if fallback is not None:
        logger.warning("%s: not valid UTF-8, read as %s", name, fallback)
    return _newlines(text)


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
            "give a .txt, .md, .html or .jsonl file"
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
    """Hands out unique document ids: a repeated id gets ``-2``, ``-3``..."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self.next: dict[str, int] = {}

    def unique(self, wanted: str) -> str:
        if wanted not in self.used:
            self.used.add(wanted)
            return wanted
        n = self.next.get(wanted, 2)
        while f"{wanted}-{n}" in self.used:
            n += 1
        self.next[wanted] = n + 1
        result = f"{wanted}-{n}"
        self.used.add(result)
        return result


def _jsonl_documents(
    path: Path, name: str, base_id: str, on_error: ErrorHandler | None
) -> Iterator[Document]:
    """Documents of a JSONL file, one per non-blank line, read line by line."""
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise _os_error(exc, name) from None
    with handle:
        head = handle.read(_SNIFF_BYTES)
        _refuse_binary(head, name)
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise InputError(f"{name} is UTF-16 text: save it as UTF-8 (JSON Lines is UTF-8)")
        handle.seek(0)
        warned = False
        for number, raw in enumerate(handle, start=1):
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            line, fallback = _decode(raw)
            if fallback and not warned:
                logger.warning("%s: not valid UTF-8, read as %s", name, fallback)
                warned = True
            if not line.strip():
                continue
            try:
                yield _jsonl_document(line, f"{name}:{number}", f"{base_id}-{number}", name)
            except InputError as err:
                if on_error is None:
                    raise
                on_error(err)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _unicode(value: str, where: str) -> str:
    """``value`` with each lone surrogate (a JSON escape like ``\\ud800`` that is half of a
    character: no UTF-8 form, spaCy and every writer fail on it) replaced by U+FFFD."""
    if _SURROGATE.search(value) is None:
        return value
    logger.warning("%s: lone surrogate escapes (\\ud800-\\udfff) replaced by U+FFFD", where)
    return _SURROGATE.sub("\ufffd", value)


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
    for key in ("title", "url", "date"):
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f'{where}: "{key}" must be a string')
        fields[key] = value or None
    fields = {k: v if v is None else _unicode(v, where) for k, v in fields.items()}
    return Document(
        id=_unicode(doc_id, where),
        text=_newlines(_unicode(text, where)),
        title=fields["title"],
        url=fields["url"],
        date=fields["date"],
        source=source,
    )


def _file_documents(
    path: Path, name: str, base_id: str, on_error: ErrorHandler | None
) -> Iterator[Document]:
    """Documents of one file (one, or one per line for JSONL); ``base_id`` before dedup."""
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        yield from _jsonl_documents(path, name, base_id, on_error)
        return
    data = _read_bytes(path, name)
    _refuse_binary(data[:_SNIFF_BYTES], name)
    text = read_text_bytes(data, name)
    title: str | None = None
    if suffix in _HTML:
        text, title = html_to_text(text)
    elif suffix in _MARKDOWN:
        title = _markdown_title(text)
    if not text.strip():
        raise _empty(name)
    yield Document(id=base_id, text=text, title=title, source=name)


def _is_supported(name: str) -> bool:
    return name.lower().endswith(SUPPORTED_SUFFIXES)


def _directory_files(root: Path, name: str) -> list[tuple[Path, PurePosixPath]]:
    """Supported, non-hidden files under ``root``, sorted by their relative path."""
    found: list[tuple[Path, PurePosixPath]] = []
    errors: list[OSError] = []
    for current, dirs, files in os.walk(root, onerror=errors.append):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for file in files:
            if file.startswith(".") or not _is_supported(file):
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
            f"no .txt/.md/.html/.jsonl files in {name}: "
            "put articles there or name the files directly"
        )
    found.sort(key=lambda item: item[1].parts)
    return found


def _stdin_document() -> Document:
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is not None:
        data = buffer.read()
        _refuse_binary(data[:_SNIFF_BYTES], "stdin")
        text = read_text_bytes(data, "stdin")
    else:
        text = _newlines(sys.stdin.read())
    if not text.strip():
        raise _empty("stdin")
    return Document(id="stdin", text=text, source=None)


def _input_documents(item: str, on_error: ErrorHandler | None) -> Iterator[Document]:
    """Documents of one command-line input (before id deduplication)."""
    if item == "-":
        yield _stdin_document()
        return
    path = Path(item)
    name = path.as_posix()
    if path.is_dir():
        for full, rel in _directory_files(path, name):
            try:
                yield from _file_documents(
                    full, full.as_posix(), rel.with_suffix("").as_posix(), on_error
                )
            except InputError as err:
                if on_error is None:
                    raise
                on_error(err)
        return
    if not path.exists():
        raise InputError(f"no such file or directory: {name}; check the path")
    if not path.is_file():
        raise InputError(f"{name} is not a regular file (a pipe or device?): give a file")
    yield from _file_documents(path, name, path.stem, on_error)


def read_documents(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    on_error: Callable[[KgError], None] | None = None,
) -> Iterator[Document]:
    """Yield the documents of ``inputs`` (paths, directories, or ``"-"`` for stdin), lazily.

    With ``on_error=None`` the first unusable input raises :class:`~kg.errors.InputError`;
    otherwise ``on_error(err)`` is called and reading goes on with the next document (for a
    JSONL file, the next line). Ids that repeat get ``-2``, ``-3``... in input order.
    """
    ids = _Ids()
    for raw in inputs:
        item = os.fspath(raw)
        try:
            for doc in _input_documents(item, on_error):
                unique = ids.unique(doc.id)
                yield doc if unique == doc.id else replace(doc, id=unique)
        except InputError as err:
            if on_error is None:
                raise
            on_error(err)
