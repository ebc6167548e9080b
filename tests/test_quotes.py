"""Quotations (``quotes.v1``) and their speakers, through the whole pipeline, on invented text."""

from __future__ import annotations

import pytest

from kg.errors import ModelError
from kg.model import Document, Quotation


@pytest.fixture(scope="module")
def quotes():
    from kg import nlp
    from kg.pipeline import build_graph

    try:
        nlp.load()
    except ModelError:
        pytest.skip("no spaCy English model installed")

    def run(text: str) -> list[Quotation]:
        return list(build_graph([Document(id="t", text=text)]).quotations)

    return run


def speakers(qs: list[Quotation]) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.entity if q.speaker else None) for q in qs]


def test_attribution_after_the_quote(quotes) -> None:
    qs = quotes('"We will appeal against the ruling," Olga Petrova said.')
    assert speakers(qs) == [("We will appeal against the ruling", "olga-petrova")]


def test_attribution_before_the_quote(quotes) -> None:
    qs = quotes('Olga Petrova said: "We will appeal against the ruling."')
    assert speakers(qs) == [("We will appeal against the ruling.", "olga-petrova")]


def test_pronoun_speaker_and_next_paragraph_continue_the_quote(quotes) -> None:
    text = (
        "Walter Brennan spoke to reporters on Monday.\n"
        '"We have done nothing wrong and we will prove it," he said.\n'
        '"The court will see the truth in time."'
    )
    qs = quotes(text)
    assert [s for _, s in speakers(qs)] == ["walter-brennan", "walter-brennan"]
    assert qs[1].text.startswith("The court will see")


def test_partial_quote_inside_a_sentence(quotes) -> None:
    qs = quotes('Olga Petrova said the decision was "a disgrace to the whole country" and left.')
    assert speakers(qs) == [("a disgrace to the whole country", "olga-petrova")]


def test_no_speaker_is_invented(quotes) -> None:
    qs = quotes('"Nobody expected the vote to go this way at all."')
    assert speakers(qs) == [("Nobody expected the vote to go this way at all.", None)]


def test_scare_quotes_are_not_quotations(quotes) -> None:
    assert quotes('Sales were "tanking", the report said.') == []


def test_quote_offsets_point_at_the_text(quotes) -> None:
    text = 'Olga Petrova said: "We will appeal against the ruling."'
    (q,) = quotes(text)
    assert text[q.start : q.end] == q.text


def test_quote_left_open_is_continued_by_the_next_mark(quotes) -> None:
    text = (
        'Olga Petrova said: "We have won this round fairly. '
        '"Nobody can take the result away from the voters now."'
    )
    qs = quotes(text)
    assert speakers(qs) == [
        ("We have won this round fairly.", "olga-petrova"),
        ("Nobody can take the result away from the voters now.", "olga-petrova"),
    ]


def test_continuation_across_a_blank_line(quotes) -> None:
    text = (
        'Walter Brennan said: "We will appeal against the ruling.\n\n'
        '"The court has made a serious mistake today."'
    )
    assert [s for _, s in speakers(quotes(text))] == ["walter-brennan", "walter-brennan"]
