"""Named-entity mentions (``entities.v1``) on invented sentences parsed with the real model."""

from __future__ import annotations

import pytest

from kg.errors import ModelError
from kg.extract.entities import EntityExtractor
from kg.graph.model import Document, Extraction, Mention


@pytest.fixture(scope="module")
def mentions():
    from kg.extract import nlp

    try:
        model = nlp.load()
    except ModelError:
        pytest.skip("no spaCy English model installed")

    def run(text: str) -> list[Mention]:
        found = EntityExtractor().extract(model(text), Extraction(Document(id="t", text=text)))
        for m in found.mentions:
            assert text[m.start : m.end] == m.text  # offsets are exact
        return list(found.mentions)

    return run


def typed(ms: list[Mention]) -> set[tuple[str, str]]:
    return {(m.text, m.type) for m in ms}


def test_hashtag_is_one_name(mentions) -> None:
    assert "#SaveTheBees" in {m.text for m in mentions("Fans of #SaveTheBees marched on.")}


def test_honorific_is_stripped_and_makes_a_person(mentions) -> None:
    assert ("Brennan", "Person") in typed(mentions("Mr Brennan said the talks had failed."))


def test_surname_after_full_name_is_found(mentions) -> None:
    ms = mentions("Walter Brennan met Olga Petrova in Vienna. Later, Brennan flew home.")
    assert [m.text for m in ms].count("Brennan") == 1
    assert {"Walter Brennan", "Olga Petrova", "Vienna"} <= {m.text for m in ms}


def test_ner_span_is_cut_at_a_spaced_dash(mentions) -> None:
    texts = {m.text for m in mentions("Walter Brennan - the rival of Olga Petrova - spoke.")}
    assert {"Walter Brennan", "Olga Petrova"} <= texts
    assert not any("-" in t or "spoke" in t for t in texts)


def test_adjective_and_role_noun_are_trimmed(mentions) -> None:
    ms = mentions("Walter Brennan criticised the pro-Spain Reform Party MP Clara Diaz.")
    assert ("Reform Party", "Organization") in typed(ms)
    assert not any("MP" in m.text or "pro" in m.text for m in ms)


def test_org_suffix_makes_an_organisation(mentions) -> None:
    ms = mentions("Shares in Zenith Ltd rose after Zenith Ltd reported a profit.")
    assert typed(ms) == {("Zenith Ltd", "Organization")}


def test_person_noun_in_apposition_makes_a_person(mentions) -> None:
    ms = mentions("Yesterday Rahul Verma, a confidant of the minister, declined to comment.")
    assert ("Rahul Verma", "Person") in typed(ms)


def test_organisation_only_noun_retypes_a_possessor(mentions) -> None:
    ms = mentions("Jonas Ekberg's shareholders rejected the offer.")
    assert ("Jonas Ekberg", "Organization") in typed(ms)


def test_type_noun_in_apposition_types_the_name(mentions) -> None:
    ms = mentions("Visitors came to Kentish Hill, a village in Yorkshire.")
    assert ("Kentish Hill", "Place") in typed(ms)


def test_dates_and_numbers_are_not_entities(mentions) -> None:
    ms = mentions("On 3 May 2021 about 400 people signed the letter.")
    assert ms == []


def test_proper_noun_run_missed_by_ner_is_found(mentions) -> None:
    ms = mentions("The deal was signed by Zoltan Quimby Harrowgate and two others.")
    assert any(m.text.endswith("Quimby Harrowgate") for m in ms)


def test_lone_name_described_as_a_person_is_found(mentions) -> None:
    found = typed(
        mentions("Brennan, a senior Finance Ministry official, has not spoken in public.")
    )
    assert ("Brennan", "Person") in found


def test_dateline_places_and_source_are_typed(mentions) -> None:
    found = typed(mentions("LEEDS, Cumbria (NNA) -- A fire broke out on Monday."))
    assert {("LEEDS", "Place"), ("Cumbria", "Place"), ("NNA", "Organization")} <= found


def test_sentence_with_brackets_is_not_a_dateline(mentions) -> None:
    from kg.extract import nlp
    from kg.extract.dateline import datelines

    doc = nlp.load()("Acme Corp (ACME) said on Monday that profits rose.")
    assert datelines(doc) == []


def test_town_with_its_state_abbreviation_is_two_places(mentions) -> None:
    found = typed(mentions("Walter Brennan, 41, of Dunmore, Penn., was injured."))
    assert {("Dunmore", "Place"), ("Penn", "Place")} <= found


def test_state_abbreviation_needs_its_stop_and_a_town(mentions) -> None:
    assert ("Miss", "Place") not in typed(mentions("Walter Brennan met Miss Petrova today."))


def test_picture_credit_names_no_entity(mentions) -> None:
    text = "Zenith Motors launched the app on Monday. Source: AAP, EPA / Olga Petrova"
    texts = {m.text for m in mentions(text)}
    assert "Zenith Motors" in texts
    assert not texts & {"AAP", "EPA", "Olga Petrova"}


def test_region_of_a_city_written_with_of_is_one_place(mentions) -> None:
    found = typed(mentions("They will turn the East End of Leeds into a fortress."))
    assert ("East End of Leeds", "Place") in found


def test_election_named_after_a_body_is_one_event(mentions) -> None:
    found = typed(mentions("Respect won a seat in June's European Parliament elections."))
    assert ("European Parliament elections", "Event") in found


def test_building_name_is_a_place(mentions) -> None:
    found = typed(mentions("Walter Brennan was shot at the Lorraine Motel in Memphis."))
    assert ("Lorraine Motel", "Place") in found


def test_district_named_after_two_places_is_one_place(mentions) -> None:
    found = typed(mentions("She won a seat in St Anne's and Mill Green ward, Tower Hamlets."))
    assert ("St Anne's and Mill Green ward", "Place") in found


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # a country's name is a place whatever the NER said
        ("Floods hit Zenda, Moldova's second-largest city, on Monday.", "Moldova", "Place"),
        # someone's home place
        ("Reporters gathered outside Walter Brennan's Harrogate home.", "Harrogate", "Place"),
        ("The tour stopped in Olga Petrova's hometown of Ripon.", "Ripon", "Place"),
        ("Olga Petrova campaigned in her native Yorkshire.", "Yorkshire", "Place"),
        # whoever is born or assassinated is a person
        (
            "Sterling Marlow Hale was born on March 9, 1921, in Ripon.",
            "Sterling Marlow Hale",
            "Person",
        ),
        ("Police found Walter Brennan, the assassin of Osric, in a barn.", "Osric", "Person"),
        # a place noun that places its name
        ("Talks opened in Strelsau, the capital of Moldova.", "Strelsau", "Place"),
    ],
)
def test_context_types_the_name(mentions, text: str, name: str, kind: str) -> None:
    assert (name, kind) in typed(mentions(text))


def test_hyphenated_title_is_not_part_of_the_name(mentions) -> None:
    found = typed(mentions("The report was welcomed by U.N. Secretary-General Walter Brennan."))
    assert ("Walter Brennan", "Person") in found


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        # the words of a party's name make an organisation, whatever the NER said
        (
            "The Socialists and the Greens attacked the Liberals over the budget.",
            "Socialists",
            "Organization",
        ),
        (
            "Conservatives and Liberal Democrats voted against it.",
            "Liberal Democrats",
            "Organization",
        ),
        # an acronym read as a place that names no country is an organisation
        ("Shares in ZTB rose after the deal, and KPN fell.", "KPN", "Organization"),
        # a name with "a"/"an" that is won or nominated for is an award
        ("The singer won a Grammy last year.", "Grammy", "Event"),
        ("She was nominated for a Grammy in 1999.", "Grammy", "Event"),
        # the last word of an event's name
        (
            "Jo Bloggs ran in the Leeds Indoor Championships last winter.",
            "Leeds Indoor Championships",
            "Event",
        ),
        ("Jo Bloggs won the Zenda Grand Prix in March.", "Zenda Grand Prix", "Event"),
        ("She won gold at the Asian Games in Doha.", "Asian Games", "Event"),
        # the last word of a label's or a studio's name
        ("She signed with Zenith Records in 1994.", "Zenith Records", "Organization"),
    ],
)
def test_name_form_types_the_name(mentions, text: str, name: str, kind: str) -> None:
    assert (name, kind) in typed(mentions(text))


def test_acronym_of_a_country_stays_a_place(mentions) -> None:
    assert ("UK", "Place") in typed(mentions("Prices rose in the UK last year."))


def test_games_after_a_plain_name_is_no_event(mentions) -> None:
    assert ("Rockstar Games", "Event") not in typed(mentions("Rockstar Games released a sequel."))


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("She sang the ballad Come Home Soon To Me at the awards.", "Come Home Soon To Me"),
        ("Fox launched its boxing show The Last Round Champ in June.", "The Last Round Champ"),
        ("He starred in the film Zed Rising last year.", "Zed Rising"),
        ('The novel "Winter Harbour" sold well.', "Winter Harbour"),
        ("His previous film Zed on the Moon flopped.", "Zed on the Moon"),
        ('Her albums "Red Sky", "Blue Moon" and "Iron Gate" sold well.', "Iron Gate"),
        # a work named before its maker
        ("Moonfall director Ann Lee thanked the crowd.", "Moonfall"),
    ],
)
def test_title_of_a_work_is_one_product(mentions, text: str, title: str) -> None:
    assert (title, "Product") in typed(mentions(text))


def test_person_after_a_work_noun_who_does_something_stays_a_person(mentions) -> None:
    found = typed(mentions("Their album Jo Bloggs recorded in 1990 sold well."))
    assert ("Jo Bloggs", "Person") in found


def test_maker_after_a_title_stays_a_person(mentions) -> None:
    assert ("Ann Lee", "Person") in typed(mentions("Moonfall director Ann Lee thanked the crowd."))


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("She ran fast at races in Erfurt and Stuttgart.", "Erfurt"),
        ("She moved to Ripon nearly 20 years ago.", "Ripon"),
        ("He attended a school in nearby Harrogate.", "Harrogate"),
        ("The first question came from Leeds North's Jo Bloggs.", "Leeds North"),
        # where only a place stands, gazetteer or not
        (
            "He went to Hale School in nearby Pengford, known as the best in the valleys.",
            "Pengford",
        ),
        ("He became an MP at 28 for his home seat of Bedwick.", "Bedwick"),
    ],
)
def test_town_of_the_gazetteer_where_a_place_stands_is_a_place(
    mentions, text: str, name: str
) -> None:
    assert (name, "Place") in typed(mentions(text))


def test_group_adjective_of_no_country_is_no_entity(mentions) -> None:
    found = {m.text for m in mentions("He won a European title in Leeds.")}
    assert "European" not in found


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Jo Bloggs granted gaming company Zenith Arts the rights to his voice.", "Zenith Arts"),
        ("Firms such as Zapster and Kloop were sued.", "Zapster"),
        (
            "Among the accused were Zenox Group and Acme Holdings. Shares closed higher, with"
            " Zenox rising 5%.",
            "Zenox",
        ),
    ],
)
def test_firm_read_as_a_person_is_an_organisation(mentions, text: str, name: str) -> None:
    assert (name, "Organization") in typed(mentions(text))


def test_examples_of_people_stay_people(mentions) -> None:
    found = typed(mentions("Singers like Jo Bloggs and Ann Lee performed."))
    assert ("Jo Bloggs", "Person") in found


@pytest.fixture(scope="module")
def description():
    """The kind and head of the mention a word of a sentence stands for, or None."""
    from kg.extract import nlp
    from kg.extract.mentions import MentionIndex

    try:
        model = nlp.load()
    except ModelError:
        pytest.skip("no spaCy English model installed")

    def run(text: str, word: str) -> tuple[str, str] | None:
        doc = model(text)
        tok = next(t for t in doc if t.text == word)
        m = MentionIndex(doc, "t", (), []).mention_for(tok)
        return None if m is None else (m.kind, m.head)

    return run


@pytest.mark.parametrize(
    ("text", "word", "expected"),
    [
        ("Zenda is poor, and the country needs help.", "country", ("description", "country")),
        # "this country" is where the speaker is
        ("Jo Bloggs said this country needs help.", "country", None),
        ("The actor thanked the crowd.", "actor", ("description", "actor")),
        # several people are not one person
        ("The administrators sold the firm.", "administrators", None),
    ],
)
def test_descriptions_that_may_name_an_entity(description, text, word, expected) -> None:
    assert description(text, word) == expected


def test_nationality_is_not_part_of_a_persons_name(mentions) -> None:
    names = typed(mentions("Russian Ivan Petrovsky finished second in the final."))
    assert ("Ivan Petrovsky", "Person") in names
    assert not any("Russian Ivan" in text for text, _ in names)


def test_an_occupation_before_a_name_makes_it_a_person_wherever_it_recurs(mentions) -> None:
    text = "The novelist Orla Brandt was there. Brandt's publisher sued. Brandt's books sold."
    assert {t for n, t in typed(mentions(text)) if "Brandt" in n} == {"Person"}


def test_a_party_word_before_a_political_post_names_the_party(mentions) -> None:
    names = typed(mentions("Socialist candidate Clara Diaz lost her deposit."))
    assert ("Socialist", "Organization") in names
    assert ("Clara Diaz", "Person") in names


def test_a_first_name_the_ner_leaves_out_at_a_sentence_start_is_kept(mentions) -> None:
    from kg.extract import nlp
    from kg.extract.entities import _first_name_left_out

    doc = nlp.load()("Orlaith Mae Brandt is worried. Yesterday Jo Bloggs said no.")
    assert _first_name_left_out(doc[0], 3)
    assert not _first_name_left_out(doc[6], 9)  # "Yesterday" is an English word


def test_a_plural_owner_stays_inside_a_name_and_a_persons_possessive_ends_it(mentions) -> None:
    texts = {m.text for m in mentions("She taught for the Miners' Welfare Association.")}
    assert "Miners' Welfare Association" in texts
    texts = {m.text for m in mentions("The actor won Jo Bloggs's Academy Award in 1973.")}
    assert "Jo Bloggs's Academy Award" not in texts


def test_a_clause_verb_and_a_trailing_hq_are_no_part_of_a_name(mentions) -> None:
    text = '"Comparing the Ruritanian Assembly Government to a dictatorship is crass," she said.'
    assert "Ruritanian Assembly Government" in {m.text for m in mentions(text)}
    text = "He fired up his campaign from the Reform party's Zenda HQ yesterday."
    assert "Zenda HQ" not in {m.text for m in mentions(text)}


def test_a_name_before_a_team_post_is_no_person(mentions) -> None:
    ms = mentions("The prop was recalled after Kloopton tight-head Al Roe was hurt.")
    assert ("Kloopton", "Person") not in typed(ms)
    assert ("Jo Bloggs", "Person") in typed(mentions("Jo Bloggs, captain of the side, said no."))


def test_kin_in_apposition_and_a_first_name_make_a_person(mentions) -> None:
    ms = mentions("It was founded by their father, Zubin Tarak Kapoor, who died in 2002.")
    assert ("Zubin Tarak Kapoor", "Person") in typed(ms)


def test_a_name_called_a_work_is_a_product(mentions) -> None:
    ms = mentions("In television categories, Zapp Street was named top new drama.")
    assert ("Zapp Street", "Product") in typed(ms)


def test_examples_after_a_kind_noun_opening_a_quoted_sentence(mentions) -> None:
    ms = mentions("The report was out. 'Networks like Zapster, Kloop and Grokit thrive.")
    assert {("Zapster", "Organization"), ("Grokit", "Organization")} <= typed(ms)


def test_a_title_after_a_role_and_a_persons_possessive(mentions) -> None:
    ms = mentions("He was praised for his role in Walter Brennan's Long Summer in Zenda.")
    assert ("Long Summer in Zenda", "Product") in typed(ms)


def test_a_plural_name_after_the_is_no_person(mentions) -> None:
    ms = mentions("He expected the Lib Dems to increase their share.")
    assert all(m.type != "Person" for m in ms if "Dems" in m.text)


def test_a_town_led_name_before_mp_is_a_seat_and_a_party_is_not(mentions) -> None:
    ms = mentions("The Leeds Kirkgate MP spoke. The Ulster Unionist MP agreed.")
    assert ("Leeds Kirkgate", "Place") in typed(ms)
    assert ("Ulster Unionist", "Place") not in typed(ms)


def test_a_name_before_winning_is_an_award(mentions) -> None:
    ms = mentions("The Zappie-winning actor Jo Bloggs earned praise for the role.")
    assert ("Zappie", "Event") in typed(ms)


def test_a_title_after_a_persons_possessive_is_a_work(mentions) -> None:
    ms = typed(mentions("The shortlist includes Walter Brennan's The Long Goodbye."))
    assert ("Long Goodbye", "Product") in ms or ("The Long Goodbye", "Product") in ms
    ms = typed(mentions("Olga Petrova's Lights of the Harbour came second."))
    assert ("Lights of the Harbour", "Product") in ms


def test_a_title_before_a_credit_noun_and_a_name_is_a_work(mentions) -> None:
    ms = typed(mentions("The favourite is Misty Blue Morning star Olga Petrova."))
    assert ("Misty Blue Morning", "Product") in ms
    assert ("Olga Petrova", "Person") in ms


def test_no_title_before_a_credit_noun_from_a_nationality_or_an_adjective(mentions) -> None:
    ms = mentions("French actress Olga Petrova spoke. Veteran star Walter Brennan died.")
    assert not [m for m in ms if m.type == "Product"]


def test_a_title_after_a_work_noun_and_a_comma(mentions) -> None:
    ms = typed(mentions("Walter Brennan's new novel, Misty Blue Morning, is out."))
    assert ("Misty Blue Morning", "Product") in ms
