"""Constructions of news sentences in the CoNLL04 style, on invented sentences parsed with the
real model: births written several ways, organisations in places, killings told through
gerunds, and the CoNLL04 scorer's conventions for one "Town, Region" birthplace and for posts
held in places.

Each case states one fact that must be found (subject label, predicate, object label) through
the whole pipeline, or one the scorer must (not) compare; the names are made up.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from test_relations import facts

from kg.graph.model import KnowledgeGraph


def types(kg: KnowledgeGraph) -> dict[str, str]:
    return {e.label: e.type for e in kg.entities}


FOUND = [
    # a fronted participle of birth shares the main clause's subject
    (
        "Born poor in Dayton , Ohio , 46 years ago , Walter Brennan has built a fortune .",
        ("Walter Brennan", "bornIn", "Dayton"),
    ),
    # the parser hangs the person from the place in "the president of X, Y"
    (
        "In 1872 , the 30th president of the United States , Walter Brennan , was born in "
        "Fairview , Ohio .",
        ("Walter Brennan", "bornIn", "Fairview"),
    ),
    # a building the birth happened in, in a town
    (
        "Olga Petrova was born on May 2 , 1921 , in a log cabin in Harrogate .",
        ("Olga Petrova", "bornIn", "Harrogate"),
    ),
    # an organisation with "in" hung from the verb
    (
        "The dispute was taken to the International Court of Widgets in The Hague last July .",
        ("International Court of Widgets", "basedIn", "Hague"),
    ),
    # "based" right after the firm, hung from the role noun before it
    (
        "Jo Bloggs , a spokeswoman for Quimby Ltd. based in Harrogate , said it would appeal .",
        ("Quimby Ltd.", "basedIn", "Harrogate"),
    ),
    # killings through gerunds
    (
        "Ann Vale was sentenced in 1969 after she pleaded guilty to shooting and killing "
        "Tom Pell .",
        ("Ann Vale", "killed", "Tom Pell"),
    ),
    (
        "A jury found Ann Smith guilty of murdering Jo Bloggs , the accused spy .",
        ("Ann Smith", "killed", "Jo Bloggs"),
    ),
    # a party tag is not the holder of the post after it
    (
        "Sen. Tom Pell , D-Ohio , chairman of the Senate Widget Committee , said on Monday .",
        ("Tom Pell", "leaderOf", "Senate Widget Committee"),
    ),
    # homes: "native" as an adjective, a phrasal verb, a passive conjoined with a birth
    (
        "Mr. Bloggs , a Fargo native , sent a sweater .",
        ("Bloggs", "livesIn", "Fargo"),
    ),
    (
        "Jo Bloggs , who grew up in Leeds , spoke .",
        ("Jo Bloggs", "livesIn", "Leeds"),
    ),
    (
        "Jo Bloggs was born in Leeds and raised in Hull .",
        ("Jo Bloggs", "livesIn", "Hull"),
    ),
    # two towns before one region
    (
        "Flooding closed the road between Zenda and Ripon , Ohio .",
        ("Zenda", "locatedIn", "Ohio"),
    ),
]


@pytest.mark.parametrize(("text", "fact"), FOUND)
def test_found(build, text: str, fact: tuple[str, str, str]) -> None:
    assert fact in facts(build(text))


def test_role_word_opening_an_organisation(build) -> None:
    """ "International" is a sports post ("England international X") but opens an
    organisation's name the NER found: the name stays whole, an organisation."""
    kg = build("Staff at the International Widget Fund spoke on Monday .")
    assert types(kg).get("International Widget Fund") == "Organization"


def test_town_after_legal_suffix(build) -> None:
    kg = build("Waste Widget Co. of Randolph is preparing to offer a service .")
    assert ("Waste Widget Co.", "basedIn", "Randolph") in facts(kg)


def test_not_found(build) -> None:
    # a building in a town, not near it
    assert not any(
        p == "bornIn" for _, p, _ in facts(build("Tom Pell was born in a log cabin near Ripon ."))
    )


def bench() -> Any:
    path = Path(__file__).resolve().parents[1] / "benchmarks" / "conll04.py"
    spec = importlib.util.spec_from_file_location("conll04_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_scorer_town_region_is_one_place(build) -> None:
    """ "born in Fairview, Ohio": one place, as in CoNLL04; kg's fact that the town lies in
    the region is kept in the graph but not compared."""
    conll = bench()
    record = {"tokens": "Tom Pell was born in Fairview , Ohio .".split()}
    (found,) = conll.predicted_triples([record])
    assert ("Live_In", "Tom Pell", "Fairview , Ohio") in found
    assert not any(kind == "Located_In" for kind, _, _ in found)
    assert ("Fairview", "locatedIn", "Ohio") in facts(build(" ".join(record["tokens"])))


def test_scorer_post_in_a_place_is_live_in() -> None:
    conll = bench()
    record = {"tokens": "Ohio Governor Tom Pell said so .".split()}
    (found,) = conll.predicted_triples([record])
    assert not any(kind == "Work_For" and tail == "Ohio" for kind, _, tail in found)
