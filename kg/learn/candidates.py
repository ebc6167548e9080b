"""Which pairs of mentions the classifier scores: two named mentions of one sentence.

Both must have a core type, must not overlap, must not be written the same way (two mentions
of one name are one entity), and must be at most :data:`kg.learn.features.MAX_DISTANCE` tokens
apart. Pairs come in text order, sentence by sentence, so the same parse gives the same list.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.base import inside
from kg.graph.model import CORE_TYPES, Mention, Relation
from kg.learn.features import MAX_DISTANCE, pair_features, tokens_of
from kg.learn.labels import label

if TYPE_CHECKING:
    from spacy.tokens import Doc

#: Mention kinds that take part in candidate pairs.
KINDS = frozenset({"name", "demonym"})


@dataclass(frozen=True)
class Candidate:
    """Two mentions of one sentence in text order, with their token spans."""

    first: Mention
    second: Mention
    first_span: tuple[int, int]
    second_span: tuple[int, int]
    sentence: int  # token index of the sentence's start


def token_spans(doc: Doc, mentions: Iterable[Mention]) -> list[tuple[Mention, tuple[int, int]]]:
    """Each usable mention with its token span, in text order."""
    out = []
    for m in sorted(set(mentions), key=lambda m: (m.start, m.end, m.text, m.type)):
        if m.kind not in KINDS or m.type not in CORE_TYPES:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        out.append((m, (span.start, span.end)))
    return out


def candidates(doc: Doc, mentions: Iterable[Mention]) -> Iterator[Candidate]:
    """Every candidate pair of ``mentions`` in ``doc``."""
    located = token_spans(doc, mentions)
    sentence_of = tokens_of(doc).sentence
    by_sentence: dict[int, list[tuple[Mention, tuple[int, int]]]] = {}
    for m, span in located:
        by_sentence.setdefault(sentence_of[span[0]], []).append((m, span))
    for sent in sorted(by_sentence):
        items = by_sentence[sent]
        for i, (m1, s1) in enumerate(items):
            for m2, s2 in items[i + 1 :]:
                if s2[0] < s1[1]:
                    continue  # overlapping
                if s2[0] - s1[1] > MAX_DISTANCE:
                    break
                if m1.text.lower() == m2.text.lower():
                    continue
                if sentence_of[s2[0]] != sent:
                    continue
                yield Candidate(m1, m2, s1, s2, sent)


Spans = tuple[tuple[int, int], tuple[int, int]]


def rule_readings(relations: Iterable[Relation], extractor: str) -> dict[Spans, list[str]]:
    """What the rules (facts of ``extractor``) say of each pair of character spans in text
    order: labels as in :mod:`kg.learn.labels`, or ``"open"`` for an open relation."""
    out: dict[Spans, list[str]] = {}
    for r in relations:
        if r.extractor != extractor:
            continue
        s, o = (r.subject.start, r.subject.end), (r.object.start, r.object.end)
        forward = s <= o
        key = (s, o) if forward else (o, s)
        reading = "open" if r.open else label(r.predicate, forward)
        if r.negated:
            reading += "~neg"
        out.setdefault(key, []).append(reading)
    return out


#: Relations whose place is a home: "born in Leeds, Yorkshire" names one place, the town as
#: written with its region, as the rules read it.
HOME_RELATIONS = frozenset({"bornIn", "livesIn"})


def _regional(doc: Doc, place: Mention, end: int) -> bool:
    """Whether a place mention ending at token ``end`` is a first-level region or a country
    ("Ohio", "Mass.", "France"), not a demonym."""
    from kg.extract.gazetteer import is_demonym, region
    from kg.extract.gazetteer import lookup as country_lookup

    if is_demonym(place.text):
        return False
    stop = end < len(doc) and doc[end].text == "."
    return region(place.text, stop=stop) is not None or country_lookup(place.text) is not None


def town_region(
    doc: Doc, located: list[tuple[Mention, tuple[int, int]]]
) -> dict[tuple[int, int], tuple[int, int, str, Mention]]:
    """Places written as a town with its region ("Leeds , Yorkshire"): for the town's and the
    region's character spans, the character span and text of the whole, and the town.

    A town is a place that is not itself a region or country, followed by a comma and a
    region or country, and not part of a list ("Leeds, Hull and York": no "and"/"or" or a
    further place after the region, no place and comma before the town).
    """
    places = [(m, s) for m, s in located if m.type == "Place"]
    at: dict[int, tuple[Mention, tuple[int, int]]] = {}
    for m, s in sorted(places, key=lambda p: (p[1][1] - p[1][0], p[1])):
        at.setdefault(s[0], (m, s))  # the shortest place at a token, not a joined one
    ends = {s[1] for _, s in places}
    out: dict[tuple[int, int], tuple[int, int, str, Mention]] = {}
    for town, (a, b) in sorted(at.values(), key=lambda p: p[1]):
        if b + 1 >= len(doc) or doc[b].text != "," or b + 1 not in at:
            continue
        region_m, (c, d) = at[b + 1]
        if _regional(doc, town, b) or not _regional(doc, region_m, d):
            continue
        if a >= 2 and doc[a - 1].text == "," and (a - 1) in ends:
            continue  # "Hull, Leeds, Yorkshire": a list
        nxt = d + 1 if d < len(doc) and doc[d].text == "." else d
        if nxt < len(doc) and doc[nxt].lower_ in {"and", "or"}:
            continue
        if nxt + 1 < len(doc) and doc[nxt].text == "," and nxt + 1 in at:
            continue
        whole = (town.start, region_m.end, doc.text[town.start : region_m.end], town)
        out[(town.start, town.end)] = whole
        out[(region_m.start, region_m.end)] = whole
    return out


def spans(c: Candidate) -> Spans:
    """The character spans of a candidate pair, in text order."""
    return (c.first.start, c.first.end), (c.second.start, c.second.end)


def candidate_features(
    doc: Doc,
    c: Candidate,
    quotes: list[tuple[int, int]],
    readings: dict[Spans, list[str]],
) -> list[str]:
    """The features of one candidate pair, the same in training and at run time: its parse,
    whether either mention is quoted, and what the rules read of it."""
    quoted = inside(quotes, c.first.start, c.first.end) or inside(
        quotes, c.second.start, c.second.end
    )
    return pair_features(
        doc,
        c.first_span,
        c.second_span,
        c.first.type,
        c.second.type,
        quoted,
        readings.get(spans(c), []),
    )
