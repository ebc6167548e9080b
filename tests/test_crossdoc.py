"""Cross-document resolution: forms of one name join across articles, never across a conflict.

Unit tests on hand-made units (invented names), one on units read from a resolved document, and
one through the pipeline on two invented articles.
"""

from __future__ import annotations

import random

import pytest

from kg.graph.model import Document, Entity, KnowledgeGraph, Mention, Relation, Sentence
from kg.resolve.crossdoc import Unit, assign, org_key, resolve, singular, units_of
from kg.resolve.document import merge
from kg.resolve.document import resolve_document as resolve_one


def unit(doc: str, label: str, type_: str = "Organization", gender: str = "", **kw: object) -> Unit:
    from kg.graph.rdf import slug

    titled = bool(kw.pop("titled", bool(gender)))
    mentions = int(kw.pop("mentions", 1))  # type: ignore[call-overload]
    return Unit(doc, slug(label), label, type_, mentions, (), gender, titled)


def nodes(units: list[Unit]) -> dict[tuple[str, str], str]:
    return assign(units)


def test_singular_plural_adjective_and_party_forms_join() -> None:
    units = [
        unit("a", "Progressive Party"),
        unit("b", "Progressives"),
        unit("c", "Progressive", "Group"),
        unit("d", "the Progressive Party"),
    ]
    assert len(set(nodes(units).values())) == 1


def test_clipped_form_typed_person_joins_the_organisation() -> None:
    units = [
        unit("a", "Progressive Democrats", mentions=5),
        unit("b", "Prog Dems", "Person"),
        unit("c", "Prog Dem", "Person"),
    ]
    kg = resolve(KnowledgeGraph(), units)
    assert [(e.label, e.type) for e in kg.entities] == [("Progressive Democrats", "Organization")]
    assert kg.entities[0].joined == ("Prog Dem", "Prog Dems")


def test_a_plural_that_is_no_adherent_stays_apart() -> None:
    assert len(set(nodes([unit("a", "Times"), unit("b", "Time")]).values())) == 2


def test_acronym_spelled_by_one_longer_name() -> None:
    units = [unit("a", "National Potato Agency"), unit("b", "NPA")]
    assert len(set(nodes(units).values())) == 1


def test_surname_joins_the_one_full_name_of_its_gender() -> None:
    units = [
        unit("a", "Robert Quimby", "Person", "M"),
        unit("b", "Quimby", "Person", "M"),
        unit("c", "Quimby", "Person", "F"),  # "Mrs Quimby": not Robert
    ]
    got = nodes(units)
    assert got[("b", "quimby")] == "robert-quimby"
    assert got[("c", "quimby")] == "quimby"


def test_homonyms_stay_apart_and_their_surname_alone_joins_neither() -> None:
    units = [
        unit("a", "Robert Quimby", "Person", "M"),
        unit("b", "Robert Quimby", "Person", "M"),
        unit("c", "James Quimby", "Person", "M"),
        unit("d", "James Quimby", "Person", "M"),
        unit("e", "Quimby", "Person", "M"),
    ]
    got = nodes(units)
    assert got[("a", "robert-quimby")] == got[("b", "robert-quimby")] == "robert-quimby"
    assert got[("c", "james-quimby")] == "james-quimby"
    assert got[("e", "quimby")] == "quimby"


def test_a_surname_alone_joins_a_full_name_the_archive_names_far_more_often() -> None:
    units = [unit(str(k), "Robert Quimby", "Person", "M") for k in range(8)]
    units += [unit("x", "James Quimby", "Person", "M"), unit("y", "Quimby", "Person", "M")]
    assert nodes(units)[("y", "quimby")] == "robert-quimby"


def test_same_name_of_two_genders_is_two_nodes() -> None:
    units = [
        unit("a", "Quimby", "Person", "M"),
        unit("b", "Quimby", "Person", "F"),
        unit("c", "Quimby", "Person", "F"),
    ]
    got = nodes(units)
    assert got[("b", "quimby")] == got[("c", "quimby")]
    assert {got[("a", "quimby")], got[("b", "quimby")]} == {"quimby", "quimby-2"}


def test_a_document_that_keeps_a_surname_apart_is_obeyed() -> None:
    units = [unit("a", "Robert Quimby", "Person", "M"), unit("a", "Quimby", "Person", "")]
    got = nodes(units)
    assert got[("a", "quimby")] == "quimby"


def test_words_before_a_known_first_name_are_not_part_of_the_name() -> None:
    units = [unit("a", "Robert Quimby", "Person", "M"), unit("b", "If Robert Quimby", "Person")]
    assert nodes(units)[("b", "if-robert-quimby")] == "robert-quimby"


def test_assignment_does_not_depend_on_input_order() -> None:
    units = [
        unit("a", "Progressive Party"),
        unit("b", "Progressives", mentions=3),
        unit("c", "Robert Quimby", "Person", "M"),
        unit("d", "Quimby", "Person", "M"),
        unit("e", "Quimby", "Person", "F"),
        unit("f", "Quimby", "Person", "F"),
        unit("g", "Prog Dems", "Person"),
        unit("h", "Progressive Democrats"),
    ]
    expected = nodes(units)
    for seed in range(5):
        shuffled = units[:]
        random.Random(seed).shuffle(shuffled)
        assert nodes(shuffled) == expected


@pytest.mark.parametrize(
    ("word", "expected"),
    [("Parties", "party"), ("Greens", "green"), ("Dems", "dem"), ("Congress", "congress")],
)
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


def test_org_key_drops_party_and_reads_democratic_as_democrat() -> None:
    assert org_key("The Social Democratic Party") == (("social", "democrat"), False)


def test_units_read_gender_from_titles_and_first_names() -> None:
    text = "Mrs Quimby met Robert Vance. Quimby smiled."
    ms = []
    for surface, start in (("Quimby", 4), ("Robert Vance", 15), ("Quimby", 29)):
        ms.append(Mention("d", start, start + len(surface), surface, "Person"))
    from kg.graph.model import Extraction

    ex = Extraction(Document("d", text), mentions=tuple(ms))
    got = {u.id: (u.gender, u.titled) for u in units_of(resolve_one(ex))}
    assert got == {"quimby": ("F", True), "robert-vance": ("M", True)}


def test_facts_move_to_the_joined_node() -> None:
    s1 = Sentence("a", 0, 30, "Progressives praised Jo Quimby.")
    s2 = Sentence("b", 0, 30, "Progressive Party banned Dale.")

    def m(doc: str, text: str, entity: str, t: str = "Organization") -> Mention:
        return Mention(doc, 0, len(text), text, t, entity=entity)

    r1 = Relation(
        m("a", "Progressives", "progressives"),
        "praised",
        m("a", "Jo Quimby", "jo-quimby", "Person"),
        s1,
        "x",
    )
    r2 = Relation(
        m("b", "Progressive Party", "progressive-party"),
        "banned",
        m("b", "Dale", "dale", "Person"),
        s2,
        "x",
    )
    kg = KnowledgeGraph(
        entities=(Entity("progressives", "Progressives", "Organization"),),
        relations=(r1, r2),
    )
    units = [
        unit("a", "Progressives", mentions=2),
        unit("a", "Jo Quimby", "Person"),
        unit("b", "Progressive Party"),
        unit("b", "Dale", "Person"),
    ]
    out = resolve(kg, units)
    assert {r.subject.entity for r in out.relations} == {"progressives"}
    node = next(e for e in out.entities if e.id == "progressives")
    assert node.joined == ("Progressive Party",) and node.documents == ("a", "b")


def test_single_document_graph_is_unchanged() -> None:
    text = "Mrs Quimby met Robert Vance in Leeds."
    ms = (
        Mention("d", 4, 10, "Quimby", "Person"),
        Mention("d", 15, 27, "Robert Vance", "Person"),
    )
    from kg.graph.model import Extraction
    from kg.resolve.crossdoc import Collector

    results = [resolve_one(Extraction(Document("d", text), mentions=ms))]
    c = Collector()
    merged = merge(c.watch(results))
    assert c.resolve(merged) == merged
