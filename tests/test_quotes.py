"""Quotations (``quotes.v1``) and their speakers, through the whole pipeline, on invented text."""

from __future__ import annotations

import pytest

from kg.errors import ModelError
from kg.graph.model import Document, Quotation


@pytest.fixture(scope="module")
def quotes():
    from kg.extract import nlp
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


# --- a continued quote keeps its speaker ------------------------------------------------------


def test_quote_after_the_attribution_sentence_continues_it(quotes) -> None:
    text = (
        '"We will appeal against the ruling," said Ilse Vandermeer, the union\'s leader. '
        '"The court has made a serious mistake today."'
    )
    assert [s for _, s in speakers(quotes(text))] == ["ilse-vandermeer", "ilse-vandermeer"]


def test_quote_split_by_its_attribution_is_one_speaker(quotes) -> None:
    text = (
        'Peter Stroud spoke after the vote. "We expected a closer result," he said, '
        '"but the voters have spoken clearly."'
    )
    assert [s for _, s in speakers(quotes(text))] == ["peter-stroud", "peter-stroud"]


def test_quote_after_another_sentence_does_not_continue(quotes) -> None:
    text = (
        '"We will appeal against the ruling," said Ilse Vandermeer. '
        "The court adjourned the hearing until Friday. "
        '"Nobody expected the verdict to come so soon."'
    )
    assert [s for _, s in speakers(quotes(text))] == ["ilse-vandermeer", None]


def test_quote_closed_then_reopened_continues(quotes) -> None:
    text = 'Ilse Vandermeer said: "We will appeal against the ruling." "The court was wrong."'
    assert [s for _, s in speakers(quotes(text))] == ["ilse-vandermeer", "ilse-vandermeer"]


# --- "he said" goes to the person the passage is about ----------------------------------------


def test_he_is_the_subject_of_the_passage_not_the_last_name_seen(quotes) -> None:
    text = (
        "Mr Peter Stroud, the finance minister, arrived in the capital on Thursday. "
        "At a dinner hosted by Lord Hugo Zellner on Friday, he said that taxes would fall. "
        '"Lower taxes will help every family in the country," he told the guests.'
    )
    assert [s for _, s in speakers(quotes(text))] == ["peter-stroud"]


def test_she_skips_a_man_named_in_between(quotes) -> None:
    text = (
        "Ms Sarah Calloway criticised the plan on Monday. "
        "Mr Radu Ilescu defended it in parliament. "
        '"This plan will close half of our schools," she said.'
    )
    assert [s for _, s in speakers(quotes(text))] == ["sarah-calloway"]


def test_he_with_two_people_alike_gets_no_speaker(quotes) -> None:
    text = (
        "Radu Ilescu and Erik Oskarsson met in the capital on Monday. "
        '"We have agreed on almost everything today," he said.'
    )
    assert [s for _, s in speakers(quotes(text))] == [None]


def test_he_after_an_unnamed_person_gets_no_speaker(quotes) -> None:
    text = (
        "Radu Ilescu was charged with fraud last year. "
        "The judge adjourned the case on Monday. "
        '"The evidence has to be heard in full first," he said.'
    )
    assert [s for _, s in speakers(quotes(text))] == [None]


def test_he_inside_a_sentence_naming_several_people_gets_no_speaker(quotes) -> None:
    text = (
        "Erik Oskarsson said that Radu Ilescu was angry when he asked: "
        '"Where has all the money gone now?"'
    )
    assert [s for _, s in speakers(quotes(text))] == [None]


def test_subject_of_the_clause_the_speech_verb_hangs_from(quotes) -> None:
    text = 'Sarah Calloway left the stage, saying: "I will never sing that song again."'
    assert [s for _, s in speakers(quotes(text))] == ["sarah-calloway"]


def test_relative_who_is_the_noun_it_qualifies(quotes) -> None:
    text = 'The prize went to Sarah Calloway, who said: "I did not expect to win at all."'
    assert [s for _, s in speakers(quotes(text))] == ["sarah-calloway"]


# --- organisations -----------------------------------------------------------------------------


def test_a_spokesman_for_an_organisation_is_the_organisation(quotes) -> None:
    text = (
        "A spokesman for Northwind Airways said the flights would resume. "
        '"Passengers will be offered a full refund or a new ticket," he said.'
    )
    assert [s for _, s in speakers(quotes(text))] == ["northwind-airways"]


def test_an_organisation_spokeswoman_is_the_organisation(quotes) -> None:
    text = 'A Northwind Airways spokeswoman said: "All flights will resume on Monday morning."'
    assert [s for _, s in speakers(quotes(text))] == ["northwind-airways"]


def test_it_said_is_the_organisation_of_the_passage(quotes) -> None:
    text = (
        "Northwind Foods cut 300 jobs at its bakeries on Monday. "
        '"We regret that these cuts could not be avoided," it said in a statement.'
    )
    assert [s for _, s in speakers(quotes(text))] == ["northwind-foods"]


def test_quote_opened_with_a_single_mark_and_closed_with_a_double(quotes) -> None:
    text = (
        "Northwind Foods was blunt about the strike. "
        "'We will not accept these demands from the union,\" it said."
    )
    assert speakers(quotes(text)) == [
        ("We will not accept these demands from the union", "northwind-foods")
    ]


# --- a wrong speaker is worse than none ------------------------------------------------------


def test_attribution_introducing_the_next_quote_is_not_the_previous_ones(quotes) -> None:
    text = (
        '"Is this really the best the council can do?" '
        'Responding to the criticism, Mr Radu Ilescu said: "The budget is fixed by law."'
    )
    assert [s for _, s in speakers(quotes(text))] == [None, "radu-ilescu"]


def test_verb_reporting_its_own_words_is_not_an_attribution(quotes) -> None:
    text = (
        '"The figures speak for themselves and nobody can deny them." '
        "Radu Ilescu told reporters that the budget was fixed by law."
    )
    assert [s for _, s in speakers(quotes(text))] == [None]


def test_described_person_is_the_one_person_named_before(quotes) -> None:
    text = 'Sarah Calloway arrived in the city on Monday. The actress said: "I love this place."'
    assert [s for _, s in speakers(quotes(text))] == ["sarah-calloway"]


def test_described_person_among_several_gets_no_speaker(quotes) -> None:
    text = (
        "Sarah Calloway and Emma Fenwick arrived in the city on Monday. "
        'The actress said: "I have always loved this place."'
    )
    assert [s for _, s in speakers(quotes(text))] == [None]


def test_a_spaced_closing_mark_at_the_end_is_no_crash(quotes) -> None:
    # a quotation whose closing mark stands alone after a spaced stop, as in tokenised text
    found = quotes('Walter Brennan said that " there is nothing to add . " ')
    assert all(q.text.strip() for q in found)
