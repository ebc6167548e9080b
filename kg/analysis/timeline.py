"""Time: dates of facts normalised at build time, and ``kg timeline``.

At build time (:func:`date_facts`) the date a rule read in a fact's clause ("on 27 January",
"in March 2004") becomes ISO 8601: ``2004-03-27``, ``2004-03``, ``2004``. Where the text omits
the year, it is the year that puts the date nearest to the document's publication date (a
paper of 2 March 2024 that says "on 27 February" means 2024, one of 5 January 2024 that says
"on 28 December" means 2023). An event (a visit, a meeting, a
criticism, an open relation; not a state such as membership) with no date of its own takes
the one explicit date its sentence gives ("on 3 May", "on May 3", "3 May 2024"), if the
sentence gives only one.
Relative dates ("last Thursday", "yesterday", "last month") are counted from the
publication date (:mod:`kg.extract.reldate`): a day, an ISO week (``2024-W10``), a month or a year;
without a publication date they are left as written.

``kg timeline`` lists facts (and quotations) in date order: a fact's own date, else its
document's publication date (``dcterms:created``).

>>> normalise("27 February", "2024-03-02"), normalise("28 December", "2024-01-05")
('2024-02-27', '2023-12-28')
>>> normalise("March 2004"), normalise("on May 3, 2021"), normalise("last Thursday", "2024-03-02")
('2004-03', '2021-05-03', 'last Thursday')
>>> normalise("March", "2024-05-20"), normalise("March")
('2024-03', 'March')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Any

from kg.extract.reldate import normalise_relative, speaks_of_future
from kg.graph.model import KnowledgeGraph, Relation

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["Event", "date_facts", "events", "format_timeline", "normalise", "sentence_date"]

_MONTHS = {
    name: k
    for k, names in enumerate(
        (
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ),
        start=1,
    )
    for name in names.split()
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+(?:the\s+)?)?"
#: Explicit dates: "27 January (2005)", "January 27(, 2005)", "March 2004", "2004".
_PATTERNS = [
    re.compile(rf"\b{_WEEKDAY}{_DAY}\s+(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?", re.I),
    re.compile(rf"\b{_MONTH}(?:\s+of)?,?\s+{_YEAR}\b", re.I),
]
_ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_ONLY_YEAR = re.compile(rf"(?:in\s+)?{_YEAR}", re.I)
_ONLY_MONTH = re.compile(rf"(?:in\s+|(?:early|late|mid)[\s-]+)?{_MONTH}", re.I)


def _parts(text: str) -> tuple[int | None, int, int | None] | None:
    """(year, month, day) of the first explicit date in ``text``, year or day None if absent."""
    for pattern in _PATTERNS:
        m = pattern.search(text)
        if m is None:
            continue
        groups = m.groupdict()
        month = _MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"]) if groups.get("day") else None
        year = int(groups["year"]) if groups.get("year") else None
        if day is not None and not 1 <= day <= 31:
            continue
        return year, month, day
    return None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def normalise(text: str, published: str | None = None) -> str:
    """``text`` (a date as a sentence gives it) as ISO 8601 when it is an explicit date, the
    year taken from ``published`` (an ISO date) when the text omits it; else ``text``."""
    raw = text.strip()
    if _ISO.fullmatch(raw):
        return raw
    year_only = _ONLY_YEAR.fullmatch(raw)
    if year_only:
        return year_only.group("year")
    parts = _parts(raw)
    month_only = _ONLY_MONTH.fullmatch(raw)
    if parts is None and month_only:
        parts = (None, _MONTHS[month_only.group("month").lower().rstrip(".")], None)
    if parts is None:
        return text
    year, month, day = parts
    if year is None:
        pub = _published(published)
        if pub is None:
            return text
        mid = day or 15
        candidates = [y for y in (pub.year - 1, pub.year, pub.year + 1) if _valid(y, month, mid)]
        if not candidates:
            return text
        year = min(candidates, key=lambda y: (abs((date(y, month, mid) - pub).days), y))
    if day is None:
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-{month:02d}-{day:02d}" if _valid(year, month, day) else text


def _published(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def sentence_date(sentence: str, published: str | None = None) -> str | None:
    """The one explicit date with a day ("on 3 May", "3 May 2024") that ``sentence`` gives,
    normalised; None when it gives none or several (then which one the fact has is unknown).

    >>> sentence_date("Acme signed on 3 May.", "2024-05-20"), sentence_date("From 1 May to 3 May.")
    ('2024-05-03', None)
    """
    found = set()
    for pattern in _PATTERNS[:2]:
        for m in pattern.finditer(sentence):
            found.add((m.start(), m.group(0)))
    if len(found) != 1:
        return None
    value = normalise(next(iter(found))[1], published)
    return value if _ISO.fullmatch(value) else None


#: Relations that happen at a time (a sentence's one date is theirs); the others are states.
EVENT_PREDICATES = frozenset(
    (
        "founded acquired killed detained released banned allows criticized praised "
        "designated participatedIn visited appointed sued metWith agreementWith reported "
        "said defeated won"
    ).split()
)


def date_facts(kg: KnowledgeGraph) -> KnowledgeGraph:
    """``kg`` with its facts' dates normalised (see the module docstring)."""
    published = {d.id: d.date for d in kg.documents}
    relations: list[Relation] = []
    changed = False
    for r in kg.relations:
        pub = published.get(r.sentence.doc_id)
        if r.date:
            new: str | None = normalise(r.date, pub)
            if pub and new == r.date and not _ISO.fullmatch(r.date):
                # "last Thursday", "yesterday": counted from the publication date
                new = (
                    normalise_relative(r.date, pub, future=speaks_of_future(r.sentence.text)) or new
                )
        elif r.open or r.predicate in EVENT_PREDICATES:
            new = sentence_date(r.sentence.text, pub)
        else:  # a state ("X, the party's leader, visited Y on 3 May"): not dated by the event
            new = None
        if new != r.date:
            r = replace(r, date=new)
            changed = True
        relations.append(r)
    return replace(kg, relations=tuple(relations)) if changed else kg


# ------------------------------------------------------------------------------ kg timeline


@dataclass(frozen=True, order=True)
class Event:
    """A row of the timeline: when, then what (a fact or a quotation) and where it was read."""

    when: str  # ISO date ("" when unknown)
    source: str  # "fact" (its own date), "published" (its document's date) or ""
    subject: str
    predicate: str
    object: str
    document: str
    sentence: str
    date_text: str = ""  # the fact's date as written when it is no ISO date


def _iso(value: str) -> bool:
    return bool(_ISO.fullmatch(value))


def events(g: Graph, entity: Any = None) -> list[Event]:
    """The facts and quotations of the kg graph ``g`` (rdflib), those of ``entity`` (an IRI)
    only when given, in date order; undated ones last."""
    from rdflib import DCTERMS, PROV, RDF, RDFS

    from kg.analysis.netx import local_name
    from kg.graph.vocab import KGO, NIF

    def label(node: Any) -> str:
        value = g.value(node, RDFS.label)
        return str(value) if value is not None else local_name(node)

    def doc_of(node: Any) -> tuple[str, str]:
        doc = g.value(node, DCTERMS.source)
        if doc is None:
            return "", ""
        ident = g.value(doc, DCTERMS.identifier)
        created = g.value(doc, DCTERMS.created)
        return (str(ident) if ident is not None else local_name(doc)), (
            str(created)[:10] if created is not None else ""
        )

    def sentence(node: Any) -> str:
        evidence = g.value(node, PROV.wasDerivedFrom)
        text = g.value(evidence, NIF.anchorOf) if evidence is not None else None
        return str(text) if text is not None else ""

    out: list[Event] = []
    for st in g.subjects(RDF.type, RDF.Statement):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if s is None or p is None or o is None:
            continue
        if entity is not None and entity not in (s, o):
            continue
        doc, created = doc_of(st)
        own = g.value(st, KGO.date)
        predicate = local_name(p)
        if str(g.value(st, KGO.negated)) == "true":
            predicate = "not " + predicate
        when, source, text = "", "", ""
        if own is not None and _iso(str(own)):
            when, source = str(own), "fact"
        else:
            text = str(own) if own is not None else ""
            if created:
                when, source = created, "published"
        out.append(Event(when, source, label(s), predicate, label(o), doc, sentence(st), text))
    for q in g.subjects(RDF.type, KGO.Statement):
        speaker = g.value(q, PROV.wasAttributedTo)
        if speaker is None or (entity is not None and speaker != entity):
            continue
        doc, created = doc_of(q)
        quote = g.value(q, KGO.text)
        out.append(
            Event(
                created,
                "published" if created else "",
                label(speaker),
                "said",
                f'"{quote}"',
                doc,
                sentence(q),
            )
        )
    return sorted(out, key=lambda e: (e.when == "", e.when, e.document, e.sentence, e))


def format_timeline(found: Iterable[Event]) -> str:
    """One line per event: date (``~`` when it is the document's date), the fact, the document."""
    lines = []
    for e in found:
        when = (e.when + ("~" if e.source == "published" else " ")) if e.when else "undated    "
        note = f" ({e.date_text})" if e.date_text else ""
        lines.append(f"{when:<11} {e.subject} {e.predicate} {e.object}{note}  [{e.document}]")
    return "\n".join(lines) if lines else "no facts"


def events_json(found: Iterable[Event]) -> list[dict[str, str]]:
    return [
        {
            "date": e.when,
            "date_from": e.source,
            "subject": e.subject,
            "predicate": e.predicate,
            "object": e.object,
            "document": e.document,
            "sentence": e.sentence,
            **({"date_text": e.date_text} if e.date_text else {}),
        }
        for e in found
    ]
