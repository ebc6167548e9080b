"""Long documents in bounded memory: parse and extract them piece by piece.

spaCy's memory grows with the length of the text it parses (and it refuses texts longer than
``nlp.max_length``). A document longer than :data:`MAX_CHARS` is cut into pieces at paragraph
breaks, else at sentence ends, else at spaces (a hard cut only for a run without any); each
piece is parsed and extracted on its own; every offset the extractors found (mentions,
sentences, relations, quotations) is shifted by the piece's start, so offsets stay relative to
the whole document; the pieces' findings are concatenated and the document is resolved once.

kg makes every line break a sentence break, so cutting at a line break changes no sentence.

>>> text = "One two.\\n\\nThree four. Five six."
>>> [text[s:e] for s, e in chunk_spans(text, 12)]
['One two.\\n\\n', 'Three four. ', 'Five six.']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from kg.graph.model import Document, Extraction, Mention, Quotation, Relation, Sentence

#: The longest text parsed in one go (well under spaCy's default ``max_length`` of 1,000,000).
MAX_CHARS = 100_000
#: The most characters parsed together in one spaCy batch (parse memory grows with it).
BATCH_CHARS = 200_000

# Where a piece may end, best first: after a blank line, a line break, a sentence end (stop,
# question or exclamation mark, maybe a closing quote or bracket, then space), any space.
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_LINE = re.compile(r"\n\s*")
_SENTENCE = re.compile(r"[.!?]['\"\u2019\u201d)\]]*\s+")
_SPACE = re.compile(r"\s+")


def chunk_spans(text: str, max_chars: int = MAX_CHARS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive pieces of ``text``, each at most ``max_chars`` long.

    The pieces cover the text exactly, in order. A piece ends after the last paragraph break
    in its window that leaves it at least half full, else the last line break, sentence end or
    space (the separator stays with the piece before it).

    >>> list(chunk_spans("short", 100))
    [(0, 5)]
    >>> [("a " * 10)[s:e] for s, e in chunk_spans("a " * 10, 5)]
    ['a a ', 'a a ', 'a a ', 'a a ', 'a a ']
    >>> list(chunk_spans("x" * 10, 4))
    [(0, 4), (4, 8), (8, 10)]
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, not {max_chars}")
    start, n = 0, len(text)
    while n - start > max_chars:
        limit = start + max_chars
        end = _cut(text, start + max_chars // 2, limit) or _cut_anywhere(text, start, limit)
        yield start, end
        start = end
    if start < n or n == 0:
        yield start, n


def _cut(text: str, low: int, limit: int) -> int | None:
    """The best cut in ``text[low:limit]``: the end of the last separator that ends by ``limit``."""
    for pattern in (_PARAGRAPH, _LINE, _SENTENCE, _SPACE):
        best = None
        for match in pattern.finditer(text, low, limit):
            best = match.end()
        if best is not None:
            return best
    return None


def _cut_anywhere(text: str, start: int, limit: int) -> int:
    """A cut in ``text[start:limit]`` when its second half has no separator: the last space
    anywhere in the window, else ``limit`` (a hard cut in a run of non-space characters)."""
    best = None
    for match in _SPACE.finditer(text, start + 1, limit):
        best = match.end()
    return best if best is not None and best > start else limit


@dataclass(frozen=True)
class Piece:
    """A piece of a document to parse: its text, where it starts, whether it is the last."""

    document: Document
    start: int
    text: str
    last: bool

    @property
    def whole(self) -> bool:
        """Whether the piece is the whole document (a short document: nothing to shift)."""
        return self.start == 0 and self.last

    def part(self) -> Document:
        """The document the extractors see: the original, or a copy holding the piece's text."""
        return self.document if self.whole else replace(self.document, text=self.text)


def pieces(documents: Iterable[Document], max_chars: int | None = None) -> Iterator[Piece]:
    """The pieces of each document in turn (one piece for a document of ``max_chars`` or less;
    default :data:`MAX_CHARS`).

    >>> docs = [Document("a", "Hi."), Document("b", "One. Two.")]
    >>> [(p.document.id, p.start, p.text, p.last) for p in pieces(docs, 5)]
    [('a', 0, 'Hi.', True), ('b', 0, 'One. ', False), ('b', 5, 'Two.', True)]
    """
    for document in documents:
        spans = chunk_spans(document.text, max_chars or MAX_CHARS)
        current = next(spans)
        for following in spans:
            yield Piece(document, current[0], document.text[current[0] : current[1]], False)
            current = following
        yield Piece(document, current[0], document.text[current[0] : current[1]], True)


def batches(
    items: Iterable[Piece], size: int, max_chars: int | None = None
) -> Iterator[list[Piece]]:
    """``items`` in batches of at most ``size`` pieces and (unless one piece is longer)
    ``max_chars`` characters, in order: what spaCy parses together.

    >>> docs = [Document(str(i), "x" * 40) for i in range(5)]
    >>> [len(b) for b in batches(pieces(docs), size=4, max_chars=100)]
    [2, 2, 1]
    """
    budget = max_chars or BATCH_CHARS
    batch: list[Piece] = []
    chars = 0
    for piece in items:
        if batch and (len(batch) >= size or chars + len(piece.text) > budget):
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece.text)
    if batch:
        yield batch


def _mention(m: Mention, offset: int) -> Mention:
    return replace(m, start=m.start + offset, end=m.end + offset)


def _sentence(s: Sentence, offset: int) -> Sentence:
    return replace(s, start=s.start + offset, end=s.end + offset)


def _relation(r: Relation, offset: int) -> Relation:
    speaker = r.attributed_to
    return replace(
        r,
        subject=_mention(r.subject, offset),
        object=_mention(r.object, offset),
        sentence=_sentence(r.sentence, offset),
        attributed_to=None if speaker is None else _mention(speaker, offset),
    )


def _quotation(q: Quotation, offset: int) -> Quotation:
    speaker = q.speaker
    return replace(
        q,
        start=q.start + offset,
        end=q.end + offset,
        sentence=_sentence(q.sentence, offset),
        speaker=None if speaker is None else _mention(speaker, offset),
    )


def shift(found: Extraction, offset: int, document: Document) -> Extraction:
    """``found`` (the findings in a piece starting at ``offset``) relative to ``document``.

    >>> doc = Document("d", "Hello. Ada Lovelace wrote.")
    >>> piece = Extraction(Document("d", "Ada Lovelace wrote."),
    ...                    mentions=(Mention("d", 0, 12, "Ada Lovelace", "Person"),))
    >>> m = shift(piece, 7, doc).mentions[0]
    >>> doc.text[m.start:m.end]
    'Ada Lovelace'
    """
    if offset == 0 and found.document is document:
        return found
    return Extraction(
        document=document,
        sentences=tuple(_sentence(s, offset) for s in found.sentences),
        mentions=tuple(_mention(m, offset) for m in found.mentions),
        relations=tuple(_relation(r, offset) for r in found.relations),
        quotations=tuple(_quotation(q, offset) for q in found.quotations),
    )


def join(document: Document, parts: Iterable[Extraction]) -> Extraction:
    """The findings of a document's pieces (already shifted) as one extraction, in order."""
    parts = list(parts)
    if len(parts) == 1 and parts[0].document is document:
        return parts[0]
    return Extraction(
        document=document,
        sentences=tuple(s for p in parts for s in p.sentences),
        mentions=tuple(m for p in parts for m in p.mentions),
        relations=tuple(r for p in parts for r in p.relations),
        quotations=tuple(q for p in parts for q in p.quotations),
    )
