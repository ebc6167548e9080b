"""Resolution of mentions to entities: unit tests on hand-made mentions, and a few through the
pipeline on invented text."""

from __future__ import annotations

import re

import pytest

from kg.graph.model import Document, Extraction, Mention, Relation, Sentence
from kg.resolve.document import merge, resolve_document


def extraction(text: str, spans: list[tuple[str, str, str]], head: str = "") -> Extraction:
    """Mentions of the given (surface, type, kind) in order of appearance in ``text``."""
    mentions, pos = [], 0
    for surface, typ, kind in spans:
        start = text.index(surface, pos)
        pos = start + len(surface)
        lemma = surface.split()[-1].lower() if kind in {"description", "pronoun"} else head
        mentions.append(Mention("d", start, pos, surface, typ, kind, head=lemma))
    sentences = tuple(
        Sentence("d", m.start(), m.end(), m.group()) for m in re.finditer(r"[^.]+\.", text)
    )
    doc = Document(id="d", text=text)
    return Extraction(document=doc, sentences=sentences, mentions=tuple(mentions))


def entity_of(ex: Extraction) -> dict[tuple[int, str], str]:
    """(start, surface) -> entity id after resolution."""
    out = resolve_document(ex).extraction
    return {(m.start, m.text): m.entity for m in out.mentions}


def ids(ex: Extraction) -> list[str]:
    return [e for _, e in sorted(entity_of(ex).items())]


def test_surname_joins_the_full_name() -> None:
    ex = extraction(
        "Walter Brennan spoke. Brennan left.",
        [("Walter Brennan", "Person", "name"), ("Brennan", "Person", "name")],
    )
    assert ids(ex) == ["walter-brennan", "walter-brennan"]


def test_two_people_sharing_a_surname_stay_apart() -> None:
    ex = extraction(
        "Walter Brennan spoke. Anna Brennan replied. Brennan left.",
        [
            ("Walter Brennan", "Person", "name"),
            ("Anna Brennan", "Person", "name"),
            ("Brennan", "Person", "name"),
        ],
    )
    assert ids(ex) == ["walter-brennan", "anna-brennan", "anna-brennan"]


def test_acronym_joins_its_expansion() -> None:
    ex = extraction(
        "The World Health Organization met. The WHO agreed.",
        [("World Health Organization", "Organization", "name"), ("WHO", "Organization", "name")],
    )
    assert ids(ex) == ["world-health-organization"] * 2


def test_acronym_never_joins_a_person() -> None:
    ex = extraction(
        "Gina Morales met GM officials.",
        [("Gina Morales", "Person", "name"), ("GM", "Organization", "name")],
    )
    assert ids(ex) == ["gina-morales", "gm"]


def test_bracketed_acronym_joins_the_name_before_it() -> None:
    ex = extraction(
        "The Northern Energy Agency (NEPA) met. NEPA agreed.",
        [
            ("Northern Energy Agency", "Organization", "name"),
            ("NEPA", "Organization", "name"),
            ("NEPA", "Organization", "name"),
        ],
    )
    assert len(set(ids(ex))) == 1


def test_bracketed_acronym_of_another_type_stays_apart() -> None:
    ex = extraction(
        "LEEDS, Yorkshire (NNA) -- Floods closed roads.",
        [
            ("LEEDS", "Place", "name"),
            ("Yorkshire", "Place", "name"),
            ("NNA", "Organization", "name"),
        ],
    )
    assert len(set(ids(ex))) == 3


def test_name_less_its_legal_suffix_joins_the_full_name() -> None:
    ex = extraction(
        "Zenith Holdings grew. Zenith hired staff.",
        [("Zenith Holdings", "Organization", "name"), ("Zenith", "Organization", "name")],
    )
    assert ids(ex) == ["zenith-holdings"] * 2


def test_demonym_joins_the_country() -> None:
    ex = extraction(
        "The French delegation left France.",
        [("French", "Group", "demonym"), ("France", "Place", "name")],
    )
    assert ids(ex) == ["france", "france"]


def test_description_takes_the_nearest_organisation() -> None:
    ex = extraction(
        "Walter Brennan joined the Crimson Front. The group grew.",
        [
            ("Walter Brennan", "Person", "name"),
            ("Crimson Front", "Organization", "name"),
            ("The group", "Organization", "description"),
        ],
    )
    assert ids(ex)[-1] == "crimson-front"


def test_description_prefers_a_name_ending_in_its_noun() -> None:
    ex = extraction(
        "The Nordic Group owns Zenith Motors. The group grew.",
        [
            ("Nordic Group", "Organization", "name"),
            ("Zenith Motors", "Organization", "name"),
            ("The group", "Organization", "description"),
        ],
    )
    assert ids(ex)[-1] == "nordic-group"


def test_pronoun_does_not_cross_a_quotation_mark() -> None:
    text = 'Walter Brennan spoke. "Olga Petrova is wrong and he knows it."'
    walter, olga, he = (
        Mention("d", text.index("Walter"), 14, "Walter Brennan", "Person", "name"),
        Mention("d", text.index("Olga"), text.index("Olga") + 12, "Olga Petrova", "Person", "name"),
        Mention("d", text.index(" he ") + 1, text.index(" he ") + 3, "he", "Person", "pronoun"),
    )
    olga, he = (
        Mention(**{**olga.__dict__, "in_quote": True}),
        Mention(**{**he.__dict__, "in_quote": True, "head": "he"}),
    )
    sentences = (Sentence("d", 0, 21, text[:21]), Sentence("d", 22, len(text), text[22:]))
    ex = Extraction(Document(id="d", text=text), sentences, (walter, olga, he))
    assert entity_of(ex)[(he.start, "he")] == "olga-petrova"


def test_fact_with_an_unresolved_pronoun_is_dropped() -> None:
    text = "He banned Zenith Motors."
    he = Mention("d", 0, 2, "He", "Person", "pronoun", head="he")
    zenith = Mention("d", 10, 23, "Zenith Motors", "Organization", "name")
    sent = Sentence("d", 0, len(text), text)
    rel = Relation(he, "banned", zenith, sent, "test")
    ex = Extraction(Document(id="d", text=text), (sent,), (he, zenith), (rel,))
    assert resolve_document(ex).extraction.relations == ()


def test_type_is_a_vote_over_mentions() -> None:
    ex = extraction(
        "Zenith rose. Zenith fell. Zenith grew.",
        [
            ("Zenith", "Organization", "name"),
            ("Zenith", "Person", "name"),
            ("Zenith", "Organization", "name"),
        ],
    )
    (entity,) = resolve_document(ex).entities
    assert entity.type == "Organization"


def test_same_entity_in_two_documents_is_one_node() -> None:
    def doc(doc_id: str, text: str) -> Extraction:
        a = Mention(doc_id, 0, 14, "Walter Brennan", "Person", "name")
        b = Mention(doc_id, 22, 35, "Zenith Motors", "Organization", "name")
        sent = Sentence(doc_id, 0, len(text), text)
        rel = Relation(a, "founded", b, sent, "test")
        return Extraction(Document(id=doc_id, text=text), (sent,), (a, b), (rel,))

    kg = merge(
        [
            resolve_document(doc("one", "Walter Brennan founded Zenith Motors.")),
            resolve_document(doc("two", "Walter Brennan praised Zenith Motors.")),
        ]
    )
    walter = next(e for e in kg.entities if e.id == "walter-brennan")
    assert walter.documents == ("one", "two")
    assert len(kg.relations) == 2


def test_honorific_and_surname_reach_the_full_name(build) -> None:
    kg = build("Walter Brennan founded Zenith Motors. Mr Brennan later sued Initech Corp.")
    label = {e.id: e.label for e in kg.entities}
    assert ("Walter Brennan", "sued", "Initech Corp") in {
        (label[r.subject.entity], r.predicate, label[r.object.entity]) for r in kg.relations
    }


def test_it_refers_back_through_a_description(build) -> None:
    kg = build(
        "Walter Brennan praised the Nordic Group. Zenith Motors controls 40% of the group. "
        "It was founded by Anna Brennan."
    )
    assert ("anna-brennan", "founded", "nordic-group") in {
        (r.subject.entity, r.predicate, r.object.entity) for r in kg.relations
    }


def test_first_half_of_a_name_with_and_is_its_short_form() -> None:
    ex = extraction(
        "He will contest Leeds North. Here in Leeds North and Ripon, he spoke.",
        [("Leeds North", "Place", "name"), ("Leeds North and Ripon", "Place", "name")],
    )
    assert len(set(ids(ex))) == 1


def test_a_country_is_not_the_short_form_of_a_longer_name() -> None:
    ex = extraction(
        "He flew to Bosnia. The flag of Bosnia and Zenda flew.",
        [("Bosnia", "Place", "name"), ("Bosnia and Zenda", "Place", "name")],
    )
    assert len(set(ids(ex))) == 2


def test_new_party_is_the_party() -> None:
    ex = extraction(
        "She joined the Reform Party. He called her a New Reform Party stooge.",
        [("Reform Party", "Organization", "name"), ("New Reform Party", "Place", "name")],
    )
    assert ids(ex) == ["reform-party", "reform-party"]


def test_state_abbreviation_and_name_are_one_place() -> None:
    ex = extraction(
        "He lives in Dunmore, Pa. Pennsylvania voted.",
        [("Pa", "Place", "name"), ("Pennsylvania", "Place", "name")],
    )
    assert ids(ex) == ["pennsylvania", "pennsylvania"]


def test_she_skips_a_man_for_the_nearest_woman() -> None:
    ex = extraction(
        "Mrs Petrova met Mr Brennan. She spoke.",
        [
            ("Petrova", "Person", "name"),
            ("Brennan", "Person", "name"),
            ("She", "Person", "pronoun"),
        ],
    )
    assert entity_of(ex)[(ex.document.text.index("She"), "She")] == "petrova"


def test_he_takes_the_nearest_person_whose_gender_is_unknown() -> None:
    ex = extraction(
        "Mrs Petrova met Walter Brennan. He spoke.",
        [
            ("Petrova", "Person", "name"),
            ("Walter Brennan", "Person", "name"),
            ("He", "Person", "pronoun"),
        ],
    )
    assert entity_of(ex)[(ex.document.text.index("He"), "He")] == "walter-brennan"


def test_bare_name_joins_the_group_among_its_longer_forms() -> None:
    text = "Acme feud. Acme Group owns Acme Energy. Acme Industries met."
    ex = extraction(
        text,
        [
            ("Acme", "Organization", "name"),
            ("Acme Group", "Organization", "name"),
            ("Acme Energy", "Organization", "name"),
            ("Acme Industries", "Organization", "name"),
        ],
    )
    found = entity_of(ex)
    assert found[(0, "Acme")] == found[(11, "Acme Group")]
    assert len(set(found.values())) == 3


def test_common_word_name_that_only_modifies_a_noun_is_no_entity(build) -> None:
    kg = build("Tempers flared during the Budget debate in Leeds on Monday.")
    assert "Budget" not in {e.label for e in kg.entities}


def test_other_modifier_names_stay_entities(build) -> None:
    kg = build("The Zorblax family feud heats up as Labour MP Walter Brennan quits.")
    labels = {e.label for e in kg.entities}
    assert "Zorblax" in labels  # no common word
    assert "Labour" in labels  # Walter Brennan is a member: a fact uses it


def test_acronyms_that_modify_a_noun_stay_entities(build) -> None:
    kg = build("Jo Bloggs grew up in Leeds and became an EU commissioner in 1995.")
    labels = {e.label for e in kg.entities}
    assert any(label in {"EU", "European Union"} for label in labels)  # WordNet lists "eu"


def description_entity(text: str, spans: list[tuple[str, str, str]]) -> str | None:
    """The entity the last mention (a description) resolves to, or None."""
    out = entity_of(extraction(text, spans))
    last = spans[-1][0]
    return out.get((text.rindex(last), last))


def test_role_description_takes_the_person_given_that_role() -> None:
    text = "Actor Jo Bloggs met Ann Lee. Jo Bloggs smiled. The actor left."
    spans = [
        ("Jo Bloggs", "Person", "name"),
        ("Ann Lee", "Person", "name"),
        ("Jo Bloggs", "Person", "name"),
        ("The actor", "Person", "description"),
    ]
    assert description_entity(text, spans) == "jo-bloggs"


def test_role_description_needs_the_role_in_the_text() -> None:
    text = "Jo Bloggs met Ann Lee. The actor left."
    spans = [
        ("Jo Bloggs", "Person", "name"),
        ("Ann Lee", "Person", "name"),
        ("The actor", "Person", "description"),
    ]
    assert description_entity(text, spans) is None


def test_role_description_is_the_story_s_person_not_one_compared_with() -> None:
    text = "Jo Bloggs smiled. Jo Bloggs met Ann Lee, an actor. The actor left."
    spans = [
        ("Jo Bloggs", "Person", "name"),
        ("Jo Bloggs", "Person", "name"),
        ("Ann Lee", "Person", "name"),
        ("The actor", "Person", "description"),
    ]
    assert description_entity(text, spans) is None


def test_role_description_fitting_two_people_takes_neither() -> None:
    text = "Actor Jo Bloggs met actor Tom Hale. The actor left."
    spans = [
        ("Jo Bloggs", "Person", "name"),
        ("Tom Hale", "Person", "name"),
        ("The actor", "Person", "description"),
    ]
    assert description_entity(text, spans) is None


def test_role_description_keeps_gender() -> None:
    text = "Actress Ann Lee spoke. The actor left."
    spans = [("Ann Lee", "Person", "name"), ("The actor", "Person", "description")]
    assert description_entity(text, spans) is None


def test_party_description_takes_the_party_named_so() -> None:
    text = "The Reform party met in Leeds. The party won."
    spans = [
        ("Reform", "Organization", "name"),
        ("Leeds", "Place", "name"),
        ("The party", "Organization", "description"),
    ]
    assert description_entity(text, spans) == "reform"


def test_party_description_after_two_parties_takes_neither() -> None:
    text = "Labour and the Reform party clashed. The party won."
    spans = [
        ("Labour", "Organization", "name"),
        ("Reform", "Organization", "name"),
        ("The party", "Organization", "description"),
    ]
    assert description_entity(text, spans) is None


def test_party_description_takes_no_other_organisation() -> None:
    text = "The Rambling Association backed Reform. The party won."
    spans = [
        ("Rambling Association", "Organization", "name"),
        ("Reform", "Organization", "name"),
        ("The party", "Organization", "description"),
    ]
    assert description_entity(text, spans) is None


def test_company_description_skips_a_council() -> None:
    text = "Acme Holdings sued Leeds City Council. The firm lost."
    spans = [
        ("Acme Holdings", "Organization", "name"),
        ("Leeds City Council", "Organization", "name"),
        ("The firm", "Organization", "description"),
    ]
    assert description_entity(text, spans) == "acme-holdings"


@pytest.mark.parametrize(
    ("text", "joined"),
    [("Acme, the Zenith Alliance, grew.", True), ("Acme, Zenith, and Tricorp grew.", False)],
)
def test_alias_fact_joins_names_but_not_a_list(text: str, joined: bool) -> None:
    from dataclasses import replace

    from kg.extract.base import ALIAS

    ex = extraction(text, [("Acme", "Organization", "name"), ("Zenith", "Organization", "name")])
    acme, zenith = ex.mentions
    fact = Relation(acme, ALIAS, zenith, ex.sentences[0], "test")
    out = entity_of(replace(ex, relations=(fact,)))
    assert (out[(acme.start, "Acme")] == out[(zenith.start, "Zenith")]) is joined


def test_full_name_types_its_mistyped_surname() -> None:
    text = "Jo Bloggs spoke. Bloggs left. Bloggs won. Bloggs lost."
    ex = extraction(
        text,
        [("Jo Bloggs", "Person", "name")] + [("Bloggs", "Organization", "name")] * 3,
    )
    (entity,) = resolve_document(ex).entities
    assert (entity.id, entity.type) == ("jo-bloggs", "Person")


def test_a_description_with_its_name_in_apposition_is_that_name(build) -> None:
    kg = build(
        "Walter Brennan runs Kloop. The firm Acme Holdings bought the carmaker Zenith Motors."
    )
    kloop = next(e for e in kg.entities if e.label == "Kloop")
    assert "The firm" not in kloop.aliases  # the firm is Acme Holdings, named right after it
    assert any(r.predicate == "acquired" for r in kg.relations)


def test_trade_descriptions_resolve_to_the_company(build) -> None:
    kg = build("Zenith Motors sold its Leeds plant. The carmaker bought Kloop Ltd last year.")
    assert any(r.predicate == "acquired" for r in kg.relations)
    kg = build("Leeds City Council met Jo Bloggs. The broadcaster bought Kloop Ltd last year.")
    assert not any(r.predicate == "acquired" for r in kg.relations)  # a council is no firm
