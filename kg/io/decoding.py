"""Bytes to text for every input: a declared charset first, then UTF-8, then detection.

The order is the one browsers follow: a byte-order mark, then the charset the document (or the
HTTP response) declares, then UTF-8 when the bytes are UTF-8, then a guess (charset-normalizer).
A few invalid bytes in text that is otherwise UTF-8 are one replacement character each, never a
reason to read the whole file in another encoding.

>>> decode_bytes("café".encode(), "x.txt")
'café'
>>> decode_bytes(b"caf\\xe9", "x.html", declared="iso-8859-1")
'café'
"""

from __future__ import annotations

import codecs
import logging
import re

__all__ = ["declared_html_charset", "decode_bytes"]

logger = logging.getLogger("kg")

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
#: Never taken from a guess without a byte-order mark: on short Latin text they are noise.
_NOT_GUESSED = ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be", "utf_7")
#: Labels that mean Windows-1252 on the web (the WHATWG Encoding Standard).
_WINDOWS_1252 = frozenset({"ascii", "us-ascii", "latin1", "latin-1", "iso-8859-1", "iso8859-1"})
_META_CHARSET = re.compile(
    rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE | re.DOTALL
)
_CONTENT_TYPE_CHARSET = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)


def _codec(label: str | None) -> str | None:
    """The Python codec of a charset label, or None when Python knows no such encoding."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _WINDOWS_1252:
        return "cp1252"
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    return "utf-8" if name == "utf-8" else name


def declared_html_charset(head: bytes) -> str | None:
    """The charset an HTML page declares in its first 4 KiB (``<meta charset>`` or
    ``<meta http-equiv="Content-Type" content="...; charset=...">``), as a Python codec name.

    >>> declared_html_charset(b'<head><meta charset="windows-1252">')
    'cp1252'
    >>> declared_html_charset(b'<meta http-equiv="content-type" content="text/html; charset=UTF-8">'
    ... )
    'utf-8'
    >>> declared_html_charset(b"<p>no declaration</p>") is None
    True
    """
    match = _META_CHARSET.search(head[:4096])
    return _codec(match.group(1).decode("ascii", "replace")) if match else None


def content_type_charset(content_type: str | None) -> str | None:
    """The charset of an HTTP ``Content-Type`` header, as a Python codec name.

    >>> content_type_charset("text/html; charset=ISO-8859-1")
    'cp1252'
    """
    match = _CONTENT_TYPE_CHARSET.search(content_type or "")
    return _codec(match.group(1)) if match else None


def _mostly_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 with a few stray bytes: more valid multi-byte characters than
    invalid bytes (text in a legacy 8-bit encoding has almost no valid multi-byte sequence)."""
    text = data.decode("utf-8", "replace")
    invalid = text.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    return multibyte > invalid


def _guess(data: bytes) -> str:
    """The most likely 8-bit encoding of ``data`` (not UTF-8): charset-normalizer's guess, with
    Windows-1252 (the web's default for Western text) where it fits the bytes as well as the
    guess or the guess is unsure."""
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data, cp_exclusion=list(_NOT_GUESSED)))
    best = matches[0] if matches else None
    fits_1252 = True
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        fits_1252 = False
    if best is None:
        return "cp1252" if fits_1252 else "latin-1"
    for match in matches:
        if (
            match.encoding == "cp1252"
            and match.chaos <= best.chaos
            and (match.coherence >= best.coherence)
        ):
            return "cp1252"
    if best.chaos >= 0.1 or best.coherence <= 0:  # detection unsure (short text)
        return "cp1252" if fits_1252 else "latin-1"
    return _codec(best.encoding) or "cp1252"


_LABELS = {"cp1252": "Windows-1252", "latin-1": "Latin-1", "iso8859-1": "Latin-1"}


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode ``data`` (the bytes of input ``name``), warning on the ``kg`` logger when bytes had
    to be replaced or the encoding guessed. ``declared`` is a charset label the document or its
    HTTP response declares; unknown labels are ignored.

    >>> decode_bytes(b"caf\\xc3\\xa9 \\xff na\\xc3\\xafve", "x.txt")
    'café \\ufffd naïve'
    """
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break
    known = _codec(declared)
    if known is not None:
        codec = known
        text = data.decode(codec, "replace")
        if codec.startswith("utf") and "\ufffd" in text:
            bad = text.count("\ufffd") - data.decode(codec, "ignore").count("\ufffd")
            if bad:
                logger.warning("%s: %d invalid %s bytes replaced by U+FFFD", name, bad, codec)
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(data):
        text = data.decode("utf-8", "replace")
        bad = text.count("\ufffd") - data.decode("utf-8", "ignore").count("\ufffd")
        logger.warning("%s: %d invalid UTF-8 bytes replaced by U+FFFD", name, bad)
        return text
    codec = _guess(data)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError:
        codec, text = "latin-1", data.decode("latin-1")
    logger.warning("%s: not valid UTF-8, read as %s", name, _LABELS.get(codec, codec))
    return text
