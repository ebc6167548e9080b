"""Relative dates ("last Thursday", "yesterday", "earlier this month") resolved against the
publication date of the document they are read in.

A news article says "on Monday" and means the Monday before it was published. With the
document's publication date (``Document.date``, from the page's metadata, a feed entry or a
JSONL record), such an expression names a calendar date, or a week, month or year. Without a
publication date nothing is resolved: the expression stays as the text wrote it.

Values are ISO 8601 at the precision of the expression:

- a day, ``2024-03-07`` (an ``xsd:date`` in the graph): "yesterday", "last Thursday",
  "on Monday", "three days ago", "tomorrow";
- a week, ``2024-W10``: "last week", "this week", "next week", "two weeks ago", "at the
  weekend" (the week of its Saturday);
- a month, ``2024-02``: "last month", "earlier this month", "last January";
- a year, ``2023``: "last year", "earlier this year", "two years ago".

>>> normalise_relative("last Thursday", "2024-03-12")
'2024-03-07'
>>> normalise_relative("earlier this month", "2024-03-12T09:30:00+00:00")
'2024-03'
>>> normalise_relative("on 27 January", "2024-03-12") is None  # an explicit date: not ours
True

Expressions relative to another event of the story ("the day before", "the following week")
are not relative to the publication and are left alone, as are vague ones ("recently").

A bare weekday ("on Friday") is the last such day up to the publication date, as news reports
what happened; with ``future=True`` (the sentence speaks of the future: "will", "is due to")
it is the next such day from it. :func:`resolve_fact_dates` decides that from the sentence of
each fact.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.graph.model import Extraction

__all__ = [
    "normalise_relative",
    "publication_day",
    "resolve_fact_dates",
    "resolve_relative",
    "speaks_of_future",
]

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january february march april may june july august september october november december"
).split()
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "a couple of": 2,
}
_NUMBER = (
    r"(\d{1,3}|a couple of|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
)
_PART = r"(?:\s+(?:morning|afternoon|evening|night|lunchtime))?"
_DAY = "|".join(_WEEKDAYS)
#: Words before an expression that do not change the date it names ("on Monday", "until May").
_LEADING = re.compile(
    r"^(?:on|at|by|from|since|until|till|before|after|as of|over|during)\s+", re.I
)
_SPACES = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'"})

_FIXED_DAYS = {
    "today": 0,
    "tonight": 0,
    "this morning": 0,
    "this afternoon": 0,
    "this evening": 0,
    "earlier today": 0,
    "later today": 0,
    "yesterday": -1,
    "last night": -1,
    "yesterday morning": -1,
    "yesterday afternoon": -1,
    "yesterday evening": -1,
    "tomorrow": 1,
    "tomorrow morning": 1,
    "tomorrow afternoon": 1,
    "tomorrow evening": 1,
    "tomorrow night": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}
_WEEKDAY = re.compile(
    rf"^(?:(last|next|this|this coming|this past|coming|past)\s+)?({_DAY}){_PART}$"
)
_WEEKEND = re.compile(r"^(?:(last|next|this|this coming|this past|the|coming|past)\s+)?weekend$")
_AGO = re.compile(rf"^{_NUMBER}\s+(day|week|month|year)s?\s+(?:ago|before now)$")
_AHEAD = re.compile(rf"^(?:in\s+)?{_NUMBER}\s+(day|week|month|year)s?(?:'\s*time|\s+from now)$")
_IN_AHEAD = re.compile(rf"^in\s+{_NUMBER}\s+(day|week|month|year)s?$")
_PERIOD = re.compile(
    r"^(?:in\s+)?(?:(earlier|later|late|early)\s+)?"
    r"(?:(?:(?:in|at)\s+)?the\s+(?:start|end|beginning|middle)\s+of\s+)?"
    r"(this|last|next|the coming)\s+(week|month|year)$"
)
_NAMED_MONTH = re.compile(rf"^(last|next|this|this coming|this past)\s+({'|'.join(_MONTHS)})$")
_FUTURE = re.compile(
    r"\b(?:will|shall|won't|'ll|(?:is|are|was|were)\s+(?:due|set|expected|scheduled|"
    r"planned|going)\s+to|plans?\s+to|intends?\s+to|to\s+be\s+held)\b",
    re.I,
)


def publication_day(value: str | date | None) -> date | None:
    """The calendar day of a publication date: an ISO date, or date and time (the day as
    written, in the time zone the source gives), or a :class:`datetime.date`.

    >>> publication_day("2024-03-12T23:30:00-05:00"), publication_day("2024-03")
    (datetime.date(2024, 3, 12), None)
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    match = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})(?![\d])", value)
    if not match:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _clean(text: str) -> str:
    text = _SPACES.sub(" ", text.translate(_QUOTES)).strip().strip(",.;:").lower()
    text = re.sub(r"'s$", "", text)
    previous = None
    while previous != text:
        previous, text = text, _LEADING.sub("", text)
    return text


def _count(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBERS[word]


def _week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month(year: int, month: int, shift: int = 0) -> str:
    index = year * 12 + (month - 1) + shift
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def _weekday(day: date, weekday: int, how: str | None, future: bool) -> date:
    """The day of the week ``weekday`` (0 = Monday) near ``day``, as ``how`` says."""
    back = (day.weekday() - weekday) % 7  # days back to the last such day, 0 if today
    ahead = (weekday - day.weekday()) % 7
    if how in {"last", "this past", "past"}:
        return day - timedelta(days=back or 7)
    if how in {"next", "this coming", "coming"}:
        return day + timedelta(days=ahead or 7)
    return day + timedelta(days=ahead) if future else day - timedelta(days=back)


def _resolve(text: str, day: date, future: bool) -> tuple[str, date | None] | None:
    """The ISO value of ``text`` (already cleaned) and, for a day, the date itself."""
    if text in _FIXED_DAYS:
        found = day + timedelta(days=_FIXED_DAYS[text])
        return found.isoformat(), found
    match = _WEEKDAY.match(text)
    if match:
        found = _weekday(day, _WEEKDAYS.index(match.group(2)), match.group(1), future)
        return found.isoformat(), found
    match = _WEEKEND.match(text)
    if match:
        saturday = _weekday(day, 5, match.group(1), future)
        return _week(saturday), None
    for pattern, sign in ((_AGO, -1), (_AHEAD, 1), (_IN_AHEAD, 1)):
        match = pattern.match(text)
        if match:
            n, unit = sign * _count(match.group(1)), match.group(2)
            if unit == "day":
                found = day + timedelta(days=n)
                return found.isoformat(), found
            if unit == "week":
                return _week(day + timedelta(weeks=n)), None
            if unit == "month":
                return _month(day.year, day.month, n), None
            return f"{day.year + n:04d}", None
    match = _PERIOD.match(text)
    if match:
        which, unit = match.group(2), match.group(3)
        shift = {"this": 0, "next": 1, "the coming": 1}.get(which, -1)
        if unit == "week":
            return _week(day + timedelta(weeks=shift)), None
        if unit == "month":
            return _month(day.year, day.month, shift), None
        return f"{day.year + shift:04d}", None
    match = _NAMED_MONTH.match(text)
    if match:
        how, month = match.group(1), _MONTHS.index(match.group(2)) + 1
        if how in {"last", "this past"}:
            year = day.year if month < day.month else day.year - 1
        elif how in {"next", "this coming"}:
            year = day.year if month > day.month else day.year + 1
        else:
            year = day.year
        return f"{year:04d}-{month:02d}", None
    return None


def normalise_relative(
    text: str, publication_date: str | date | None, *, future: bool = False
) -> str | None:
    """The ISO value (day, week, month or year) of the relative date ``text``, counted from
    ``publication_date``; None when ``text`` is not a relative date kg knows, or there is no
    publication date.

    >>> pub = "2024-03-13"  # a Wednesday
    >>> [normalise_relative(t, pub) for t in ("yesterday", "on Monday", "next Monday")]
    ['2024-03-12', '2024-03-11', '2024-03-18']
    >>> [normalise_relative(t, pub) for t in ("last week", "two weeks ago", "at the weekend")]
    ['2024-W10', '2024-W09', '2024-W10']
    >>> [normalise_relative(t, pub) for t in ("last month", "last March", "earlier this year")]
    ['2024-02', '2023-03', '2024']
    >>> normalise_relative("on Friday", pub), normalise_relative("on Friday", pub, future=True)
    ('2024-03-08', '2024-03-15')
    >>> normalise_relative("yesterday", None) is None
    True
    """
    day = publication_day(publication_date)
    if day is None or not text:
        return None
    found = _resolve(_clean(text), day, future)
    return found[0] if found else None


def resolve_relative(
    text: str, publication_date: str | date | None, *, future: bool = False
) -> date | None:
    """The calendar day the relative date ``text`` names, counted from ``publication_date``;
    None when it names no single day (a week, a month), is not relative, or there is no
    publication date.

    >>> resolve_relative("last Thursday", "2024-03-12")  # a Tuesday
    datetime.date(2024, 3, 7)
    >>> resolve_relative("Monday's", "2024-03-12"), resolve_relative("tomorrow night", "2024-03-12")
    (datetime.date(2024, 3, 11), datetime.date(2024, 3, 13))
    >>> resolve_relative("three days ago", date(2024, 3, 1))
    datetime.date(2024, 2, 27)
    >>> resolve_relative("last week", "2024-03-12") is None  # a week, not a day
    True
    >>> resolve_relative("the day before", "2024-03-12") is None  # relative to the story
    True
    """
    day = publication_day(publication_date)
    if day is None or not text:
        return None
    found = _resolve(_clean(text), day, future)
    return found[1] if found else None


def speaks_of_future(sentence: str) -> bool:
    """Whether ``sentence`` speaks of what is to come (then "on Friday" is the next Friday).

    >>> speaks_of_future("Acme Corp will open the plant on Friday.")
    True
    >>> speaks_of_future("Acme Corp opened the plant on Friday.")
    False
    """
    return bool(_FUTURE.search(sentence.translate(_QUOTES)))


def resolve_fact_dates(extraction: Extraction) -> Extraction:
    """``extraction`` with the relative date of each fact (``Relation.date``, ``kgo:date`` in
    the graph) replaced by its ISO value, counted from the document's publication date; facts
    whose date is not relative, and documents without a publication date, are unchanged."""
    pub = publication_day(extraction.document.date)
    if pub is None or not any(r.date for r in extraction.relations):
        return extraction
    relations = []
    changed = False
    for r in extraction.relations:
        value = None
        if r.date:
            value = normalise_relative(r.date, pub, future=speaks_of_future(r.sentence.text))
        if value and value != r.date:
            relations.append(replace(r, date=value))
            changed = True
        else:
            relations.append(r)
    return replace(extraction, relations=tuple(relations)) if changed else extraction
