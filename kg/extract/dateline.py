"""News datelines and source lines: where a story was filed, and by which news organisation.

Two conventions of news copy, found by their shape at the start of a line (never inside a
sentence):

- a wire dateline: place names in capitals or title case, an optional second place after a
  comma ("LEEDS, Cumbria"), an optional date, and the agency in brackets, then the line's end or
  a dash ("LEEDS, Jan. 3 (NNA) --"); an all-capital agency after a date may go without
  brackets ("Leeds April 25 NNA --");
- a monitoring service's source line: an optional serial code (two letters and digits), a
  known place (a country or a city of the gazetteer), then the source's name, then "in
  LANGUAGE", a number or the line's end ("Leeds NNA in English 1700 GMT").

The places and the source become mentions (a Place and an Organization); see
:func:`datelines`. A source line names where its source is published ("Leeds NNA in English":
NNA is based in Leeds); a wire dateline only says where one story was filed, so it states no
base.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_DASHES = {"-", "--", "\u2013", "\u2014"}
#: Words that make a name a broadcaster or a publication: "Leeds Radio Network".
_MEDIA_WORDS = frozenset(
    "radio television tv network daily news times post herald gazette journal tribune "
    "broadcasting".split()
)
_CODE = re.compile(r"^(?:[A-Z]{2}\d{8,10}|\d{2}[A-Z]{2}\d{4}[A-Z])$")
# Where a token can be a serial code the text holds one: most texts hold none.
_CODE_INSIDE = re.compile(r"[A-Z]{2}\d{8}|\d{2}[A-Z]{2}\d{4}[A-Z]")


@dataclass(frozen=True)
class Dateline:
    """Token bounds of a dateline's places (the first the most specific) and of its source;
    ``published`` when the line names the source's place of publication (a source line)."""

    places: tuple[tuple[int, int], ...]
    source: tuple[int, int]
    published: bool = False


def _month(tok: Token) -> bool:
    return tok.lower_.rstrip(".") in _MONTHS


def _name_word(tok: Token) -> bool:
    """A word of a place or agency name: capitalised letters, possibly with dots ("N.Y.")."""
    text = tok.text
    return text[:1].isupper() and any(c.isalpha() for c in text) and not _month(tok)


def _run(doc: Doc, i: int, end: int) -> int:
    """End of the run of name words from ``i`` (hyphens inside a name allowed: "Stoke-Newton")."""
    j = i
    while j < end:
        tok = doc[j]
        if _name_word(tok):
            j += 1
        elif (
            tok.text == "-"
            and j > i
            and not doc[j - 1].whitespace_
            and not tok.whitespace_
            and j + 1 < end
            and _name_word(doc[j + 1])
        ):
            j += 1
        else:
            break
    return j


def _lines(doc: Doc) -> list[tuple[int, int]]:
    """Token bounds of the lines of ``doc`` (a white-space token ends a line; spaCy keeps line
    breaks in such tokens, a token's own trailing white space is at most one space)."""
    from spacy.attrs import IS_SPACE

    lines: list[tuple[int, int]] = []
    start = 0
    for i in doc.to_array(IS_SPACE).nonzero()[0].tolist():
        if i > start:
            lines.append((start, i))
        start = i + 1
    if start < len(doc):
        lines.append((start, len(doc)))
    return lines


def _skip_date(doc: Doc, i: int, end: int) -> tuple[int, bool]:
    """Past a date ("Feb 2", "2 Feb", "February 15") at ``i``, and whether there was one."""
    if i < end and doc[i].text == ",":
        i += 1
    if i + 1 < end and _month(doc[i]) and doc[i + 1].like_num:
        return i + 2, True
    if i + 1 < end and doc[i].like_num and _month(doc[i + 1]):
        return i + 2, True
    return i, False


def _wire(doc: Doc, start: int, end: int) -> Dateline | None:
    """ "LEEDS , Cumbria ( NNA )", "( Text ) Leeds , February 15 ( NNA ) -- ..."."""
    i = start
    # an editor's bracketed note before the dateline: "(Text)"
    if i + 2 < end and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].is_alpha:
        i += 3
    first_end = _run(doc, i, end)
    if first_end == i or first_end - i > 4:
        return None
    places = [(i, first_end)]
    i = first_end
    if i + 1 < end and doc[i].text == ",":
        second_end = _run(doc, i + 1, end)
        if second_end > i + 1 and second_end - i - 1 <= 3:
            places.append((i + 1, second_end))
            i = second_end
    i, dated = _skip_date(doc, i, end)
    first = doc[places[0][0] : places[0][1]]
    if not (dated or all(t.is_upper or not t.is_alpha for t in first)):
        if _known_place(doc, places[0][0], places[0][1]) != places[0][1]:
            return None  # "Acme Corp (ACME) --": a place in capitals, a date or a known place
    if i < end and doc[i].text == "(":
        close = _run(doc, i + 1, end)
        if close == i + 1 or close - i - 1 > 3 or close >= end or doc[close].text != ")":
            return None
        source = (i + 1, close)
        after = close + 1
    elif dated and _run(doc, i, end) > i and doc[i].is_upper:
        source = (i, _run(doc, i, end))
        after = source[1]
        if after >= end or doc[after].text not in _DASHES:
            return None
    else:
        return None
    if after < end and doc[after].text not in _DASHES:
        return None
    return Dateline(tuple(places), source)


@lru_cache(maxsize=1 << 14)
def _is_place_name(text: str) -> bool:
    """Whether the gazetteers know ``text`` as a country or a place."""
    from kg.extract.gazetteer import best_place, lookup

    return lookup(text) is not None or best_place([text]) is not None


def _known_place(doc: Doc, i: int, end: int) -> int:
    """End of the longest known place name (1-3 words) at ``i``, or ``i`` if none."""
    for n in (3, 2, 1):
        if i + n > end or not all(_name_word(t) for t in doc[i : i + n]):
            continue
        if _is_place_name(doc[i : i + n].text):
            return i + n
    return i


def _source_line(doc: Doc, start: int, end: int, codes: list[int]) -> Dateline | None:
    """ "LD0303083794 Leeds NORD RADIO in English 1601 GMT", "Leeds NORD RADIO".

    ``codes`` are the indexes of the tokens of ``doc`` that are serial codes, in order.
    """
    coded = False
    for k in codes:
        if start <= k < end:
            start, coded = k + 1, True
            break
    place_end = _known_place(doc, start, end)
    if place_end == start:
        return None
    source_end = _run(doc, place_end, end)
    if source_end == place_end or source_end - place_end > 5:
        return None
    words = doc[place_end:source_end]
    if (
        not coded
        and not all(t.is_upper or not t.is_alpha for t in words)
        and not any(t.lower_ in _MEDIA_WORDS for t in words)
    ):
        return None  # without a code, a source is in capitals ("Leeds NNA") or says it is
        # a broadcaster or paper ("Leeds Radio Network")
    if source_end < end:
        nxt = doc[source_end]
        in_language = nxt.lower_ == "in" and source_end + 1 < end
        if not (in_language or nxt.like_num or nxt.text == "("):
            return None
    return Dateline(((start, place_end),), (place_end, source_end), published=True)


def datelines(doc: Doc, text: str | None = None) -> list[Dateline]:
    """The datelines and source lines of ``doc`` (see the module docstring).

    ``text`` is ``doc.text`` when the caller has it (spaCy builds it anew at every access).

    >>> from kg.extract import nlp
    >>> doc = nlp.load()("LEEDS, Cumbria (NNA) -- A fire broke out.")
    >>> [([doc[s:e].text for s, e in d.places], doc[slice(*d.source)].text) for d in datelines(doc)]
    [(['LEEDS', 'Cumbria'], 'NNA')]
    """
    cached = doc.user_data.get("kg.datelines")
    if cached is not None:
        return list(cached)  # found once per document, read by two extractors
    found = []
    # serial codes: looked for token by token only where the text holds one (rarely)
    full = doc.text if text is None else text
    codes = [t.i for t in doc if _CODE.match(t.text)] if _CODE_INSIDE.search(full) else []
    for start, end in _lines(doc):
        line = _wire(doc, start, end) or _source_line(doc, start, end, codes)
        if line is not None:
            found.append(line)
    doc.user_data["kg.datelines"] = tuple(found)
    return found
