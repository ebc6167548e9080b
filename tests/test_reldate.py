"""Relative dates resolved against the publication date (kg/extract/reldate.py), with invented
sentences and dates."""

from __future__ import annotations

from datetime import date

import pytest

from kg.extract.reldate import (
    normalise_relative,
    publication_day,
    resolve_fact_dates,
    resolve_relative,
    speaks_of_future,
)
from kg.graph.model import Document, Extraction, Mention, Relation, Sentence

WEDNESDAY = "2024-03-13"  # published on Wednesday 13 March 2024


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("today", "2024-03-13"),
        ("tonight", "2024-03-13"),
        ("this morning", "2024-03-13"),
        ("yesterday", "2024-03-12"),
        ("Yesterday afternoon", "2024-03-12"),
        ("last night", "2024-03-12"),
        ("tomorrow", "2024-03-14"),
        ("the day before yesterday", "2024-03-11"),
        ("the day after tomorrow", "2024-03-15"),
        ("on Monday", "2024-03-11"),
        ("Monday", "2024-03-11"),
        ("Monday night", "2024-03-11"),
        ("on Wednesday", "2024-03-13"),  # the day of publication
        ("on Thursday", "2024-03-07"),  # a past Thursday: news reports what happened
        ("last Thursday", "2024-03-07"),
        ("last Wednesday", "2024-03-06"),  # not the day of publication
        ("this past Sunday", "2024-03-10"),
        ("next Monday", "2024-03-18"),
        ("next Wednesday", "2024-03-20"),
        ("this coming Friday", "2024-03-15"),
        ("Tuesday's", "2024-03-12"),
        ("Tuesday\u2019s", "2024-03-12"),
        ("three days ago", "2024-03-10"),
        ("10 days ago", "2024-03-03"),
        ("in two days", "2024-03-15"),
        ("two days from now", "2024-03-15"),
        ("last week", "2024-W10"),
        ("earlier this week", "2024-W11"),
        ("this week", "2024-W11"),
        ("next week", "2024-W12"),
        ("in the coming week", "2024-W12"),
        ("two weeks ago", "2024-W09"),
        ("in three weeks' time", "2024-W14"),
        ("at the weekend", "2024-W10"),
        ("over the weekend", "2024-W10"),
        ("last weekend", "2024-W10"),
        ("next weekend", "2024-W11"),
        ("earlier this month", "2024-03"),
        ("later this month", "2024-03"),
        ("last month", "2024-02"),
        ("next month", "2024-04"),
        ("at the end of last month", "2024-02"),
        ("four months ago", "2023-11"),
        ("last January", "2024-01"),
        ("last March", "2023-03"),  # the March of the publication is not "last March"
        ("next February", "2025-02"),
        ("next April", "2024-04"),
        ("this year", "2024"),
        ("earlier this year", "2024"),
        ("late last year", "2023"),
        ("next year", "2025"),
        ("two years ago", "2022"),
    ],
)
def test_relative_dates(text: str, expected: str) -> None:
    assert normalise_relative(text, WEDNESDAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "on 27 January",  # explicit: read as an explicit date, not here
        "March 2024",
        "2023",
        "the day before",  # relative to another event of the story
        "the following week",
        "two days earlier",
        "the previous year",
        "recently",
        "for two days",  # a duration
        "two days",
        "Mondays",
        "",
    ],
)
def test_not_relative_to_the_publication(text: str) -> None:
    assert normalise_relative(text, WEDNESDAY) is None


def test_without_a_publication_date_nothing_is_resolved() -> None:
    assert normalise_relative("yesterday", None) is None
    assert resolve_relative("yesterday", "") is None
    assert resolve_relative("yesterday", "sometime in 2024") is None


def test_a_day_is_a_date_a_week_is_not() -> None:
    assert resolve_relative("last Thursday", WEDNESDAY) == date(2024, 3, 7)
    assert resolve_relative("last week", WEDNESDAY) is None
    assert resolve_relative("last month", WEDNESDAY) is None


def test_across_month_and_year_ends() -> None:
    assert resolve_relative("yesterday", "2024-03-01") == date(2024, 2, 29)
    assert resolve_relative("tomorrow", "2023-12-31") == date(2024, 1, 1)
    assert normalise_relative("last month", "2024-01-15") == "2023-12"
    assert normalise_relative("next month", "2023-12-15") == "2024-01"
    assert normalise_relative("last week", "2024-01-03") == "2023-W52"
    assert normalise_relative("on Friday", "2024-01-02") == "2023-12-29"


def test_the_day_of_a_date_and_time_is_the_day_as_written() -> None:
    assert publication_day("2024-03-13T23:45:00-05:00") == date(2024, 3, 13)
    assert publication_day("2024-03-13T01:00:00Z") == date(2024, 3, 13)
    assert publication_day(date(2024, 3, 13)) == date(2024, 3, 13)
    assert publication_day("2024-02-30") is None


def test_a_bare_weekday_in_a_sentence_about_the_future_is_the_next_one() -> None:
    assert speaks_of_future("The Fictional Party will choose its leader on Friday.")
    assert speaks_of_future("The vote is due to take place on Friday.")
    assert not speaks_of_future("The Fictional Party chose its leader on Friday.")
    assert normalise_relative("on Friday", WEDNESDAY) == "2024-03-08"
    assert normalise_relative("on Friday", WEDNESDAY, future=True) == "2024-03-15"
    assert normalise_relative("on Wednesday", WEDNESDAY, future=True) == "2024-03-13"
    # "last" and "next" say which one, whatever the tense
    assert normalise_relative("last Friday", WEDNESDAY, future=True) == "2024-03-08"


def _extraction(text: str, date_text: str | None, published: str | None) -> Extraction:
    doc = Document(id="d1", text=text, date=published)
    sentence = Sentence("d1", 0, len(text), text)
    acme = Mention("d1", 0, 9, "Acme Corp", "Organization")
    widget = Mention("d1", 17, 27, "Widget Ltd", "Organization")
    fact = Relation(acme, "acquired", widget, sentence, "test", date=date_text)
    return Extraction(
        document=doc, sentences=(sentence,), mentions=(acme, widget), relations=(fact,)
    )


def test_fact_dates_are_resolved_against_the_publication_date() -> None:
    found = resolve_fact_dates(
        _extraction("Acme Corp bought Widget Ltd last Thursday.", "last Thursday", WEDNESDAY)
    )
    assert [r.date for r in found.relations] == ["2024-03-07"]


def test_fact_dates_follow_the_tense_of_their_sentence() -> None:
    found = resolve_fact_dates(
        _extraction("Acme Corp will buy Widget Ltd on Friday.", "Friday", WEDNESDAY)
    )
    assert [r.date for r in found.relations] == ["2024-03-15"]


@pytest.mark.parametrize(
    ("date_text", "published"),
    [
        ("last Thursday", None),  # no publication date: as the text wrote it
        ("2019", WEDNESDAY),  # already a date
        ("August 2021", WEDNESDAY),
        (None, WEDNESDAY),
    ],
)
def test_other_fact_dates_are_unchanged(date_text: str | None, published: str | None) -> None:
    extraction = _extraction("Acme Corp bought Widget Ltd.", date_text, published)
    assert resolve_fact_dates(extraction) is extraction


def test_the_graph_gets_an_xsd_date() -> None:
    from rdflib import XSD

    from kg.graph.rdf import date_literal

    [fact] = resolve_fact_dates(
        _extraction("Acme Corp bought Widget Ltd yesterday.", "yesterday", WEDNESDAY)
    ).relations
    assert fact.date is not None
    assert date_literal(fact.date).datatype == XSD.date


def test_dates_the_extractor_gives_are_resolved() -> None:
    from kg.pipeline import BuildOptions, extract

    doc = Document(id="d1", text="Acme Corp bought Widget Ltd last Thursday.", date=WEDNESDAY)
    [result] = extract([doc], BuildOptions())
    dated = [r for r in resolve_fact_dates(result.extraction).relations if r.date]
    assert dated
    assert {r.date for r in dated} == {"2024-03-07"}


def test_a_build_counts_relative_dates_from_the_publication_date() -> None:
    """kg build itself (kg.analysis.timeline.date_facts) gives the ISO value, future tense
    included."""
    from kg.pipeline import build_graph

    docs = [
        Document(id="d1", text="Acme Corp bought Widget Ltd last Thursday.", date=WEDNESDAY),
        Document(id="d2", text="Acme Corp will buy Widget Ltd on Friday.", date=WEDNESDAY),
        Document(id="d3", text="Acme Corp bought Widget Ltd last Thursday."),
    ]
    dates = {r.sentence.doc_id: r.date for r in build_graph(docs).relations}
    assert dates == {"d1": "2024-03-07", "d2": "2024-03-15", "d3": "last Thursday"}
