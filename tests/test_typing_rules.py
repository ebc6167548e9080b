"""Every registered typing rule (``kg/extract/typing.toml``) does what its examples say.

An example's name must be found with the type it gives; a counterexample's name must not get
the type it gives, or, marked ``absent``, must not be found at all.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kg.errors import ModelError
from kg.extract import entities
from kg.extract.entities import EntityExtractor
from kg.graph.model import CORE_TYPES, Document, Extraction

PATH = Path(entities.__file__).with_name("typing.toml")
RULES = tomllib.loads(PATH.read_text(encoding="utf-8"))["typing"]
EXAMPLES = [(r, e) for r in RULES for e in r.get("examples", [])]
COUNTER = [(r, e) for r in RULES for e in r.get("counterexamples", [])]


@pytest.fixture(scope="module")
def names():
    from kg.extract import nlp

    try:
        model = nlp.load()
    except ModelError:
        pytest.skip("no spaCy English model installed")

    def run(text: str) -> dict[str, str]:
        found = EntityExtractor().extract(model(text), Extraction(Document(id="t", text=text)))
        return {m.text: m.type for m in found.mentions if m.kind == "name"}

    return run


def test_rules_are_well_formed() -> None:
    ids = [r["id"] for r in RULES]
    assert len(ids) == len(set(ids))
    for r in RULES:
        assert r["id"].startswith(("type.", "name.")), r["id"]
        assert r["type"] in {"", *CORE_TYPES}, r["id"]
        assert r["construction"] and r.get("examples"), r["id"]
        functions = [r["function"]] if isinstance(r["function"], str) else r["function"]
        assert all(callable(getattr(entities, f, None)) for f in functions), r["id"]


@pytest.mark.parametrize(
    ("rule", "example"), EXAMPLES, ids=[f"{r['id']}-{i}" for i, (r, _) in enumerate(EXAMPLES)]
)
def test_example_gives_its_type(names, rule, example) -> None:
    got = names(example["text"])
    assert example["name"] in got, f"{example['text']!r} gave {got}"
    assert got[example["name"]] == example["type"], f"{example['text']!r} gave {got}"


@pytest.mark.parametrize(
    ("rule", "example"), COUNTER, ids=[f"{r['id']}-{i}" for i, (r, _) in enumerate(COUNTER)]
)
def test_counterexample_does_not(names, rule, example) -> None:
    got = names(example["text"])
    if example.get("absent"):
        assert example["name"] not in got, f"{example['text']!r} gave {got}"
    else:
        assert got.get(example["name"]) != example["type"], f"{example['text']!r} gave {got}"
