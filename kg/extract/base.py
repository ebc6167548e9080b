"""The extractor contract and helpers shared by the built-in extractors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from kg.model import Extraction, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


@runtime_checkable
class Extractor(Protocol):
    """Adds what it finds in one parsed document to what earlier extractors found.

    ``name`` is the versioned registry name (``dependency.v1``) written on every fact as
    ``kgo:extractor``. Extractors are pure: the same parse gives the same additions.
    """

    name: str

    def extract(self, doc: Doc, found: Extraction) -> Extraction: ...


def add(found: Extraction, **parts: Iterable[Any]) -> Extraction:
    """``found`` with ``parts`` appended to its tuples (mentions, relations, quotations)."""
    return replace(found, **{k: getattr(found, k) + tuple(v) for k, v in parts.items()})


# Straight and typographic double quotes; single quotes are too often apostrophes.
_OPEN_CLOSE = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb"}
_QUOTE_CHARS = set(_OPEN_CLOSE) | set(_OPEN_CLOSE.values())


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted passages (inside the marks), paragraph by paragraph.

    A quote left open at the end of a paragraph runs to the paragraph's end (news style for
    quotes that continue in the next paragraph).

    >>> t = 'He said "we will win" and left.'
    >>> [t[s:e] for s, e in quote_spans(t)]
    ['we will win']
    """
    spans: list[tuple[int, int]] = []
    for para in re.finditer(r"[^\n]+", text):
        opener: str | None = None
        start = 0
        for i in range(para.start(), para.end()):
            ch = text[i]
            if ch not in _QUOTE_CHARS:
                continue
            if opener is None:
                if ch in _OPEN_CLOSE:
                    opener, start = ch, i + 1
            elif ch == _OPEN_CLOSE[opener]:
                if i > start:
                    spans.append((start, i))
                opener = None
        if opener is not None and para.end() > start:
            spans.append((start, para.end()))
    return spans


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether [start, end) lies within one of ``spans``."""
    return any(s <= start and end <= e for s, e in spans)


def sentence_of(doc: Doc, token: Token, doc_id: str) -> Sentence:
    """The :class:`Sentence` that holds ``token``."""
    return sentence_span(token.sent, doc_id)


def sentence_span(sent: Span, doc_id: str) -> Sentence:
    """A sentence without its trailing white space (spaCy keeps it in the span)."""
    text = sent.text.rstrip()
    return Sentence(doc_id, sent.start_char, sent.start_char + len(text), text)


def sentences(doc: Doc, doc_id: str) -> tuple[Sentence, ...]:
    """Every sentence of ``doc`` as a :class:`Sentence`."""
    return tuple(sentence_span(s, doc_id) for s in doc.sents)
