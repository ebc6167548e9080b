"""The extractor contract and helpers shared by the built-in extractors."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from kg.graph.model import Extraction, Sentence

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


#: The predicate of an internal fact "these two names are one entity" ("X, the Y Alliance"):
#: resolution merges its two arguments and drops the fact.
ALIAS = "sameAs"


def add(found: Extraction, **parts: Iterable[Any]) -> Extraction:
    """``found`` with ``parts`` appended to its tuples (mentions, relations, quotations)."""
    return replace(found, **{k: getattr(found, k) + tuple(v) for k, v in parts.items()})


# Straight and typographic double quotes; single quotes are too often apostrophes.
_OPEN_CLOSE = {"\u201c": "\u201d", '"': '"', "\u00ab": "\u00bb"}
_QUOTE_CHARS = set(_OPEN_CLOSE) | set(_OPEN_CLOSE.values())
# Only the quote marks of a paragraph matter: jump from one to the next.
_QUOTE_MARK = re.compile("[" + re.escape("".join(sorted(_QUOTE_CHARS))) + "]")
_PARAGRAPH = re.compile(r"[^\n]+")


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of quoted passages (inside the marks), paragraph by paragraph.

    A quote left open at the end of a paragraph runs to the paragraph's end (news style for
    quotes that continue in the next paragraph).

    >>> t = 'He said "we will win" and left.'
    >>> [t[s:e] for s, e in quote_spans(t)]
    ['we will win']

    A straight mark with a space before and a word after opens a new quote even inside one
    (the writer left the previous quote open):

    >>> t = 'He said: "We won. "And we will win again."'
    >>> [t[s:e] for s, e in quote_spans(t)]
    ['We won.', 'And we will win again.']

    A straight mark shaped as a closer (after a word, before a space) with no quote open closes
    one the writer opened with a single mark; with no such opener it opens nothing:

    >>> t = "It said: 'We won," + '" he added. A 12" record.'
    >>> [t[s:e] for s, e in quote_spans(t)]
    ['We won,']
    """
    return list(_quote_spans(text))


# The three extractors each ask for the quotes of the same text: remember the last few.
@lru_cache(maxsize=4)
def _quote_spans(text: str) -> tuple[tuple[int, int], ...]:
    spans: list[tuple[int, int]] = []
    if _QUOTE_MARK.search(text) is None:
        return ()
    last = 0  # where the last quote ended
    for para in _PARAGRAPH.finditer(text):
        opener: str | None = None
        start = 0
        for mark in _QUOTE_MARK.finditer(text, para.start(), para.end()):
            i = mark.start()
            ch = text[i]
            if opener is None:
                if ch == '"' and _closes(text, i, para.end()):
                    single = _single_opener(text, max(last, para.start()), i)
                    if single is not None:
                        spans.append((single + 1, i))
                        last = i + 1
                elif ch in _OPEN_CLOSE:
                    opener, start = ch, i + 1
            elif ch == _OPEN_CLOSE[opener]:
                if ch == '"' and _opens(text, i, para.end()):
                    # a straight mark that opens: the writer left the last quote open
                    end = i
                    while end > start and text[end - 1].isspace():
                        end -= 1
                    if end > start:
                        spans.append((start, end))
                    start = i + 1
                    continue
                if i > start:
                    spans.append((start, i))
                opener, last = None, i + 1
        if opener is not None and para.end() > start:
            spans.append((start, para.end()))
    return tuple(spans)


def _opens(text: str, i: int, limit: int) -> bool:
    """Whether the straight quote at ``i`` opens a quote: space before it, a word after it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < limit else " "
    return before.isspace() and after.isalnum()


def _closes(text: str, i: int, limit: int) -> bool:
    """Whether the straight quote at ``i`` is shaped as a closer: after a word or a
    punctuation mark, before a space or the paragraph's end."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < limit else " "
    return not before.isspace() and (after.isspace() or after in ".,;:!?)")


def _single_opener(text: str, lo: int, hi: int) -> int | None:
    """The offset of the last single quote in ``text[lo:hi]`` that opens a quotation: at the
    start or after a space, before a letter or digit (not an apostrophe inside or after a word).
    """
    for j in range(hi - 2, lo - 1, -1):
        if text[j] in "'\u2018" and (j == lo or text[j - 1].isspace()) and text[j + 1].isalnum():
            return j
    return None


def text_of(doc: Doc, found: Extraction) -> str:
    """``doc.text``, taken from the document that was parsed when it is that text.

    spaCy rebuilds ``Doc.text`` from the tokens at every access; its tokenizer loses no
    character, so the parsed document's text is the same string when the lengths agree.
    """
    text = found.document.text
    if len(doc) and len(text) == doc[-1].idx + len(doc[-1].text_with_ws):
        return text
    return doc.text


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


def sentences(doc: Doc, doc_id: str, text: str | None = None) -> tuple[Sentence, ...]:
    """Every sentence of ``doc`` as a :class:`Sentence`.

    A span's text is the document's text between its first and last character: the text is
    built once (``text``, when the caller has ``doc.text``), not once per sentence.
    """
    full = doc.text if text is None else text
    out = []
    for s in doc.sents:
        text = full[s.start_char : s.end_char].rstrip()
        out.append(Sentence(doc_id, s.start_char, s.start_char + len(text), text))
    return tuple(out)
