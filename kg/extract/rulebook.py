"""The extractor's rules as data: ``rules.toml`` joined with their measured precision.

Every relation ``dependency.v1`` gives carries the id of the rule that gave it
(``<construction>.<relation>``: ``appos.memberOf``, ``svo.acquired``). ``rules.toml`` registers
each id with its relation, its construction in English, the methods of
:mod:`kg.extract.relations` that implement it, and invented examples and counterexamples
(``tests/test_rules.py`` runs them all). ``rule_precision.tsv``, written by
``benchmarks/rule_precision.py``, holds what each rule was measured to give: true and false
positives on the gold files and on CoNLL04, its Laplace-smoothed precision and whether it is on.

Nothing is read at import; :func:`rules` reads both files once.

>>> rule = find("svo.acquired")
>>> rule.relation, rule.functions
('acquired', ('clause',))
>>> rule.examples[0].fact
('Acme Holdings', 'acquired', 'Zenith Motors')
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import InputError

RULES_PATH = Path(__file__).with_name("rules.toml")
MEASURED_PATH = Path(__file__).with_name("rule_precision.tsv")


@dataclass(frozen=True)
class Example:
    """An invented sentence and the fact (subject label, predicate, object label) it gives."""

    text: str
    fact: tuple[str, str, str]


@dataclass(frozen=True)
class Measure:
    """What ``benchmarks/rule_precision.py`` measured for one rule id."""

    gold_tp: int
    gold_fp: int
    conll_tp: int
    conll_fp: int
    confidence: float
    state: str  # "on", or "off" (under 0.5 measured: the extractor drops its facts)

    @property
    def tp(self) -> int:
        return self.gold_tp + self.conll_tp

    @property
    def fp(self) -> int:
        return self.gold_fp + self.conll_fp


@dataclass(frozen=True)
class Rule:
    """One registered rule, with its measure when it has one."""

    id: str
    relation: str
    construction: str
    functions: tuple[str, ...]
    examples: tuple[Example, ...]
    counterexamples: tuple[str, ...]
    examples_skip: str | None
    measure: Measure | None

    @property
    def state(self) -> str:
        """``on``, ``off`` or ``unmeasured`` (never seen by the measurement)."""
        return self.measure.state if self.measure is not None else "unmeasured"


def measured(path: Path = MEASURED_PATH) -> dict[str, Measure]:
    """The measures of ``rule_precision.tsv`` by rule id (empty when the file is absent)."""
    if not path.is_file():
        return {}
    out: dict[str, Measure] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        try:
            out[cols[0]] = Measure(
                int(cols[1]), int(cols[2]), int(cols[3]), int(cols[4]), float(cols[5]), cols[6]
            )
        except (IndexError, ValueError):
            raise InputError(
                f"{path}:{n}: expected rule, 4 counts, confidence and state separated by tabs; "
                "rerun benchmarks/rule_precision.py"
            ) from None
    return out


def _strings(value: Any, where: str, key: str) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise InputError(f"{where}: {key} must be a string or a list of strings")
    return tuple(items)


def _rule(entry: Any, measures: dict[str, Measure], where: str) -> Rule:
    if not isinstance(entry, dict):
        raise InputError(f"{where}: a [[rule]] must be a table")
    for key in ("id", "relation", "construction", "function"):
        if key not in entry:
            raise InputError(f"{where}: the rule has no {key}")
    rule_id = str(entry["id"])
    where = f"{where} ({rule_id})"
    examples = []
    for ex in entry.get("examples", []):
        fact = ex.get("fact") if isinstance(ex, dict) else None
        if not isinstance(fact, list) or len(fact) != 3 or not isinstance(ex.get("text"), str):
            raise InputError(f"{where}: an example needs a text and a fact [subject, pred, object]")
        examples.append(Example(ex["text"], (str(fact[0]), str(fact[1]), str(fact[2]))))
    skip = entry.get("examples_skip")
    if not examples and not skip:
        raise InputError(f"{where}: give an example, or examples_skip saying why there is none")
    return Rule(
        id=rule_id,
        relation=str(entry["relation"]),
        construction=str(entry["construction"]),
        functions=_strings(entry["function"], where, "function"),
        examples=tuple(examples),
        counterexamples=_strings(entry.get("counterexamples", []), where, "counterexamples"),
        examples_skip=str(skip) if skip else None,
        measure=measures.get(rule_id),
    )


def load(path: Path = RULES_PATH, measures_path: Path = MEASURED_PATH) -> tuple[Rule, ...]:
    """The rules of ``path`` in id order, each joined with its measure; :class:`InputError`
    when the file is missing or malformed, or registers an id twice."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"{path}: not valid TOML ({exc})") from None
    measures = measured(measures_path)
    out: dict[str, Rule] = {}
    for i, entry in enumerate(data.get("rule", []), 1):
        rule = _rule(entry, measures, f"{path.name} rule {i}")
        if rule.id in out:
            raise InputError(f"{path.name}: rule {rule.id} is registered twice")
        out[rule.id] = rule
    return tuple(out[k] for k in sorted(out))


@functools.cache
def rules() -> tuple[Rule, ...]:
    """Every registered rule, in id order (read once)."""
    return load()


def find(rule_id: str) -> Rule | None:
    """The registered rule ``rule_id``, or None."""
    return next((r for r in rules() if r.id == rule_id), None)


def confidence(rule: Rule) -> float | None:
    """The confidence the extractor gives the rule's facts: its measured one, else its
    construction's mean, else 0.5; None when the measurement switched it off."""
    from kg.extract.relations import confidence as extractor_confidence

    return extractor_confidence(rule.id)


def table(selected: tuple[Rule, ...]) -> str:
    """The rules as a text table: id, relation, confidence, measured counts, state.

    >>> print(table((find("svo.acquired"),)).splitlines()[0])  # doctest: +NORMALIZE_WHITESPACE
    RULE  RELATION  CONF  GOLD_TP  GOLD_FP  CONLL_TP  CONLL_FP  STATE
    """
    head = ("RULE", "RELATION", "CONF", "GOLD_TP", "GOLD_FP", "CONLL_TP", "CONLL_FP", "STATE")
    rows: list[tuple[str, ...]] = [head]
    for r in selected:
        conf = confidence(r)
        m = r.measure
        counts = (m.gold_tp, m.gold_fp, m.conll_tp, m.conll_fp) if m else ("-",) * 4
        shown = "-" if conf is None else f"{conf:.3f}"
        rows.append((r.id, r.relation, shown, *map(str, counts), r.state))
    widths = [max(len(row[i]) for row in rows) for i in range(len(head))]
    lines = []
    for row in rows:
        cells = [
            c.ljust(w) if i < 2 else c.rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        cells[-1] = row[-1]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def as_json(selected: tuple[Rule, ...]) -> list[dict[str, Any]]:
    """The rules as JSON-ready objects, with their examples and measures."""
    out = []
    for r in selected:
        m = r.measure
        out.append(
            {
                "id": r.id,
                "relation": r.relation,
                "construction": r.construction,
                "function": list(r.functions),
                "confidence": confidence(r),
                "state": r.state,
                "measured": None
                if m is None
                else {
                    "gold_tp": m.gold_tp,
                    "gold_fp": m.gold_fp,
                    "conll_tp": m.conll_tp,
                    "conll_fp": m.conll_fp,
                    "confidence": m.confidence,
                },
                "examples": [{"text": e.text, "fact": list(e.fact)} for e in r.examples],
                "counterexamples": list(r.counterexamples),
                "examples_skip": r.examples_skip,
            }
        )
    return out
