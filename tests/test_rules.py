"""Every registered rule (``kg/extract/rules.toml``) does what its examples say, and only it.

Each example is an invented sentence built through the whole pipeline (entities, relations,
resolution); the fact it states must be in the graph and come from the rule's own id. A
counterexample must give no fact with that id. A rule the measurement switched off (under 0.5
precision, ``rule_precision.tsv``) is run as the measurement runs it, with every rule on, so its
construction stays tested while its facts are not emitted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from kg.errors import InputError, ModelError
from kg.extract import attitude, events, relations, works
from kg.extract.rulebook import MEASURED_PATH, Example, Rule, load, measured, rules
from kg.graph.model import Document, KnowledgeGraph

RULES = rules()
EXAMPLES = [(r, e) for r in RULES for e in r.examples]
COUNTEREXAMPLES = [(r, t) for r in RULES for t in r.counterexamples]

Fact = tuple[str, str, str, str]  # subject label, predicate, object label, rule id


@pytest.fixture(scope="module")
def facts() -> Callable[[str, bool], set[Fact]]:
    """The facts of a sentence with their rule ids, each sentence built once."""
    from kg.extract import nlp
    from kg.pipeline import build_graph

    try:
        nlp.load()
    except ModelError:
        pytest.skip("no spaCy English model installed")
    built: dict[tuple[str, bool], set[Fact]] = {}

    def run(text: str, every_rule: bool = False) -> set[Fact]:
        key = (text, every_rule)
        if key not in built:
            relations.measuring(every_rule)
            try:
                kg = build_graph([Document(id="t", text=text)])
            finally:
                relations.measuring(False)
            built[key] = _facts(kg)
        return built[key]

    return run


def _facts(kg: KnowledgeGraph) -> set[Fact]:
    label = {e.id: e.label for e in kg.entities}
    return {
        (label[r.subject.entity], r.predicate, label[r.object.entity], r.rule or "")
        for r in kg.relations
    }


def _off(rule: Rule) -> bool:
    return rule.state == "off"


@pytest.mark.parametrize(
    ("rule", "example"), EXAMPLES, ids=[f"{r.id}-{r.examples.index(e)}" for r, e in EXAMPLES]
)
def test_example_gives_its_fact_from_its_rule(facts, rule: Rule, example: Example) -> None:
    got = facts(example.text, _off(rule))
    assert (*example.fact, rule.id) in got, f"{example.text!r} gave {sorted(got)}"


@pytest.mark.parametrize(
    ("rule", "text"),
    COUNTEREXAMPLES,
    ids=[f"{r.id}-{r.counterexamples.index(t)}" for r, t in COUNTEREXAMPLES],
)
def test_counterexample_gives_nothing_from_the_rule(facts, rule: Rule, text: str) -> None:
    assert not [f for f in facts(text, _off(rule)) if f[3] == rule.id]


def test_every_rule_id_is_registered(facts) -> None:
    registered = {r.id for r in RULES}
    assert set(measured()) <= registered, "rule_precision.tsv measures an unregistered rule"
    produced = {f[3] for r, e in EXAMPLES for f in facts(e.text, _off(r))}
    produced |= {f[3] for r, t in COUNTEREXAMPLES for f in facts(t, _off(r))}
    assert produced - {""} <= registered


def _constructions(source: str) -> Iterator[str]:
    """The construction names written in ``self.rel(...)`` calls (the last string argument)."""
    lines = source.splitlines()
    for i, line in enumerate(lines):
        if "self.rel(" not in line:
            continue
        call = line[line.index("self.rel(") :]
        j = i
        while call.count("(") > call.count(")") and j + 1 < len(lines):
            j += 1
            call += lines[j]
        names = re.findall(r'"([a-z][a-z.]*)"', call)
        if names:
            yield names[-1]


def test_every_construction_of_the_extractor_is_registered() -> None:
    source = Path(relations.__file__).read_text(encoding="utf-8")
    # the event constructions call the run's rel() from their own module
    for module in (events, works, attitude):
        source += (
            Path(module.__file__).read_text(encoding="utf-8").replace("self.run.rel(", "self.rel(")
        )
    found = set(_constructions(source)) - {"alias"}  # an internal fact resolution merges
    registered = {r.id.rsplit(".", 1)[0] for r in RULES}
    assert found and found <= registered


def test_rules_name_real_functions_and_relations() -> None:
    from kg.graph.ontology import inventory

    known = set(inventory())
    for rule in RULES:
        assert rule.id.rsplit(".", 1)[1] == rule.relation, rule.id
        assert rule.relation in known or rule.relation == "open", rule.id
        assert all(
            callable(
                getattr(relations._Run, f, None)
                or getattr(events.EventRules, f, None)
                or getattr(works.WorkRules, f, None)
                or getattr(events.CompetitionRules, f, None)
                or getattr(attitude.AttitudeRules, f, None)
            )
            for f in rule.functions
        ), rule.id
        assert rule.examples or rule.examples_skip, rule.id


def test_few_rules_go_without_an_example() -> None:
    assert len([r for r in RULES if not r.examples]) <= 3


def test_measures_are_joined() -> None:
    off = {rule for rule, m in measured(MEASURED_PATH).items() if m.state == "off"}
    for rule in (r for r in RULES if r.id in off):
        assert rule.measure is not None and rule.state == "off"
    assert next(r for r in RULES if r.measure is None).state == "unmeasured"
    assert len([r for r in RULES if r.measure is not None]) == len(measured(MEASURED_PATH))


def test_a_malformed_rule_file_is_one_error(tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_text('[[rule]]\nid = "svo.sued"\nrelation = "sued"\n', encoding="utf-8")
    with pytest.raises(InputError, match="no construction"):
        load(bad)
    bad.write_text("[[rule]\n", encoding="utf-8")
    with pytest.raises(InputError, match="not valid TOML"):
        load(bad)
    twice = '[[rule]]\nid = "a.b"\nrelation = "b"\nconstruction = "c"\nfunction = "f"\n'
    twice += 'examples_skip = "none"\n'
    bad.write_text(twice * 2, encoding="utf-8")
    with pytest.raises(InputError, match="registered twice"):
        load(bad)


def test_kg_rules_lists_every_rule_with_its_measure() -> None:
    import json

    from click.testing import CliRunner

    from kg.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["rules"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == [
        "RULE",
        "RELATION",
        "CONF",
        "GOLD_TP",
        "GOLD_FP",
        "CONLL_TP",
        "CONLL_FP",
        "STATE",
    ]
    assert len(lines) == len(RULES) + 1
    for line in (line.split() for line in lines[1:]):
        if line[-1] == "off":
            assert line[2] == "-"  # switched off: no confidence
    m = measured()["svo.acquired"]
    acquired = next(line.split() for line in lines if line.startswith("svo.acquired "))
    counts = (m.gold_tp, m.gold_fp, m.conll_tp, m.conll_fp)
    assert acquired[2:] == [f"{m.confidence:.3f}", *map(str, counts), m.state]
    result = runner.invoke(cli, ["rules", "title.place", "--json"])
    data = json.loads(result.output)
    assert {d["id"] for d in data} == {r.id for r in RULES if r.id.startswith("title.place")}
    assert all(d["examples"] for d in data)
    result = runner.invoke(cli, ["rules", "nosuch"])
    assert result.exit_code == 2 and "nosuch" in result.output and "Traceback" not in result.output
