"""CoNLL04 end-to-end relation extraction: kg's extractors scored on the public benchmark.

Usage: python benchmarks/conll04.py [SPLIT.json] [--limit N] [--show-errors N] [--by-rule]
       [--extractor NAME ...] [--weights FILE.npz]

``--extractor`` chooses the extractors (repeatable; default kg's defaults), as ``kg build``
does; ``--weights`` makes ``learned.v1`` read other weights than the shipped ones (for the
figure of a model trained on CoNLL04 train only: ``python -m kg.learn.train --sources
conll04 -o FILE``).

Default split: ../shared/data/conll04/conll04_dev.spert.json (skips with a message when absent).
Each record's tokens are joined with single spaces into one document; kg builds it with its
default extractors. Inventory relations map to CoNLL04 types as the data's README says:
worksFor/memberOf/leaderOf -> Work_For, livesIn/nationality/bornIn -> Live_In,
locatedIn -> Located_In, basedIn -> OrgBased_In, killed -> Kill. A predicted relation is right
when its type, head text and tail text equal a gold relation's (strict, end to end).
Prints precision, recall and F1 per type and micro-averaged over all types; with ``--by-rule``,
then per rule id (a relation's ``rule``, else its extractor's name) the true and false positives
among the typed triples it gave (a triple two rules gave counts for both).

Mention boundaries. kg compares the *surface text* of each argument in its sentence (the
``text`` of the relation's mention, the JSONL ``text`` field), with two conventions, applied
the same way to every prediction and never looking at the gold:

- a title that is part of the name phrase stays in the surface text: a capitalised honorific
  (kg's ``HONORIFICS`` lexicon: "Mr", "Mrs", "Dr", ...) or "President" written directly before
  a person's name ("President Osric", "Mrs. Vale"), but not "President" after a name that
  says whose president ("Acme President X", "US President X": an office, not the name).
  kg's entity *label* drops it (the entity
  is "Osric"), as the extractor's mentions do; offices used as descriptions ("Sen.", "Gov.",
  "Judge") are not part of the name, as in the CoNLL04 annotation. ``--bare-names`` turns this
  off and scores the extractor's mentions as they are;
- a final full stop is not part of the comparison on either side: the data glues a sentence's
  stop to its last word ("Texas.") and splits "N.Y ." elsewhere.

A post held in a place ("Ruritania's prime minister X", kg's leaderOf, worksFor or memberOf
with a place as object) is compared as Live_In: CoNLL04's Work_For joins a person to an
organisation only, and its annotators mark a person's post in a country or city as Live_In.

A place named only by its demonym ("Spanish conqueror X" -> nationality Spain) is not compared:
CoNLL04 types such adjectives ``Other``, outside every relation it annotates.

A pronoun or a description ("he", "the man") is compared by the entity kg resolved it to: the
text of that entity's nearest name mention in the sentence, before it if there is one. That is
the node the fact lands on in kg's graph; with no name for the entity, the words as written.

A relation between two parts of one longer name mention kg made is not compared: a
birthplace written with its region ("born in Leeds, Yorkshire") is one place mention, as it is
one entity in CoNLL04, whose annotation cannot relate its halves (kg still states that the town
lies in the region).

A leading article is not part of the comparison on either side ("the State Department" and
"The Associated Press" against "State Department" and "Associated Press"). Nothing else is
normalised: type, head text and tail text must match.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.graph.model import Mention

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT.parent / "shared" / "data" / "conll04" / "conll04_dev.spert.json"

TYPES = {
    "worksFor": "Work_For",
    "memberOf": "Work_For",
    "leaderOf": "Work_For",
    "livesIn": "Live_In",
    "nationality": "Live_In",
    "bornIn": "Live_In",
    "locatedIn": "Located_In",
    "basedIn": "OrgBased_In",
    "killed": "Kill",
}
ORDER = ("Work_For", "Live_In", "Located_In", "OrgBased_In", "Kill")

Triple = tuple[str, str, str]


def gold_triples(record: dict) -> set[Triple]:
    """(type, head text, tail text) of a record's gold relations."""
    tokens = record["tokens"]
    spans = [_strip(" ".join(tokens[e["start"] : e["end"]])) for e in record["entities"]]
    return {
        (r["type"], _stop(spans[r["head"]]), _stop(spans[r["tail"]])) for r in record["relations"]
    }


def _stop(text: str) -> str:
    """``text`` without a final full stop and the space before it.

    >>> _stop("Texas."), _stop("N.Y ."), _stop("Acme")
    ('Texas', 'N.Y', 'Acme')
    """
    return text.rstrip(". ") if text.endswith(".") else text


#: Titles that are part of a name phrase ("President Osric"), besides honorifics.
NAME_TITLES = frozenset({"president"})


def surface(text: str, start: int, name: str, kind: str, typ: str) -> str:
    """A person's name with the titles written directly before it (at ``start`` in ``text``).

    >>> surface("He met President Osric .", 17, "Osric", "name", "Person")
    'President Osric'
    >>> surface("He met Sen. Osric .", 12, "Osric", "name", "Person")
    'Osric'
    >>> surface("He met US President Osric .", 20, "Osric", "name", "Person")
    'Osric'
    """
    from kg.extract.lexicon import HONORIFICS

    if kind != "name" or typ != "Person":
        return name
    while True:
        head = text[:start].rstrip()
        before = head.rsplit(" ", 1)[-1]
        word = before.rstrip(".").lower()
        if not before[:1].isupper() or (word not in HONORIFICS and word not in NAME_TITLES):
            return name
        ahead = head[: len(head) - len(before)].rstrip().rsplit(" ", 1)[-1]
        if word in NAME_TITLES and ahead[:1].isupper() and ahead.isalpha():
            return name  # "Acme President X": an office held in Acme, not part of the name
        start = len(head) - len(before)
        name = f"{before} {name}"


def _adjectival(text: str) -> bool:
    """Whether a place is mentioned by its demonym ("Spanish conqueror X").

    CoNLL04 annotates such words as ``Other``, never as a ``Loc`` that a Live_In can reach,
    so kg's nationality facts stated through them are not compared.

    >>> _adjectival("Spanish"), _adjectival("Spain"), _adjectival("U.S.")
    (True, False, False)
    """
    from kg.extract.gazetteer import is_demonym

    return is_demonym(text)


def _strip(text: str) -> str:
    for article in ("the ", "The "):
        if text.startswith(article):
            text = text[len(article) :]
    return text


def _named(mention: Mention, names: list[Mention]) -> Mention:
    """The name mention that stands for a pronoun or description: the entity's nearest name
    before it, else its first name after it; ``mention`` itself when it is a name or has none.
    """
    if mention.kind not in {"pronoun", "description"} or not mention.entity:
        return mention
    same = [m for m in names if m.entity == mention.entity]
    before = [m for m in same if m.start < mention.start]
    return before[-1] if before else (same[0] if same else mention)


def _within_one(a: Mention, b: Mention, names: list[Mention]) -> bool:
    """Whether two mentions are parts of one longer name mention kg made: "Leeds" and
    "Yorkshire" in a birthplace read as one place, "Leeds, Yorkshire".

    CoNLL04 marks such a phrase as one entity, so no relation between its parts can be
    annotated; kg's fact between them (the town lies in the region) is not compared.
    """
    start, end = min(a.start, b.start), max(a.end, b.end)
    return any(
        m.start <= start
        and end <= m.end
        and (m.start, m.end) not in {(a.start, a.end), (b.start, b.end)}
        for m in names
    )


def predicted_triples(
    records: list[dict], titles: bool = True, extractors: tuple[str, ...] = ()
) -> list[set[Triple]]:
    """kg's relations for each record, mapped to CoNLL04 types."""
    return [set(found) for found in predicted_rules(records, titles, extractors)]


def predicted_rules(
    records: list[dict], titles: bool = True, extractors: tuple[str, ...] = ()
) -> list[dict[Triple, set[str]]]:
    """kg's relations for each record, mapped to CoNLL04 types, with the ids of the rules that
    gave each (a relation's ``rule``, else its extractor's name)."""
    from kg.graph.model import Document
    from kg.pipeline import BuildOptions, extract

    docs = [Document(id=f"s{i}", text=" ".join(r["tokens"])) for i, r in enumerate(records)]
    out: list[dict[Triple, set[str]]] = []
    options = BuildOptions(extractors=extractors) if extractors else BuildOptions()
    for result in extract(docs, options):
        found: dict[Triple, set[str]] = {}
        names = [m for m in result.extraction.mentions if m.kind == "name" and m.entity]
        for rel in result.extraction.relations:
            kind = TYPES.get(rel.predicate)
            if kind == "Work_For" and rel.object.type == "Place":
                kind = "Live_In"  # "Ruritania's prime minister X": CoNLL04's Work_For is to an Org
            if _within_one(rel.subject, rel.object, names):
                continue
            if kind and not rel.negated and not _adjectival(rel.object.text):
                text = result.extraction.document.text
                head, tail = (
                    _stop(
                        _strip(surface(text, m.start, m.text, m.kind, m.type) if titles else m.text)
                    )
                    for m in (_named(rel.subject, names), _named(rel.object, names))
                )
                rule = getattr(rel, "rule", "") or rel.extractor
                found.setdefault((kind, head, tail), set()).add(rule)
        out.append(found)
    return out


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (0 where undefined).

    >>> prf(3, 1, 2)
    (0.75, 0.6, 0.667)
    """
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return round(p, 3), round(r, 3), round(f, 3)


def rule_counts(
    records: list[dict], predicted: list[dict[Triple, set[str]]]
) -> dict[str, tuple[int, int]]:
    """Per rule id (sorted), the predicted triples it gave that are gold (tp) and not (fp);
    a triple several rules gave counts for each of them, once per sentence.

    >>> record = {"tokens": ["Ann", "lives", "in", "Oslo"],
    ...           "entities": [{"start": 0, "end": 1}, {"start": 3, "end": 4}],
    ...           "relations": [{"type": "Live_In", "head": 0, "tail": 1}]}
    >>> rule_counts([record], [{("Live_In", "Ann", "Oslo"): {"a", "b"},
    ...                         ("Work_For", "Ann", "Oslo"): {"b"}}])
    {'a': (1, 0), 'b': (1, 1)}
    """
    counts: dict[str, list[int]] = {}
    for record, found in zip(records, predicted, strict=True):
        gold = gold_triples(record)
        for triple, rules in found.items():
            for rule in rules:
                counts.setdefault(rule, [0, 0])[triple not in gold] += 1
    return {rule: (tp, fp) for rule, (tp, fp) in sorted(counts.items())}


def print_rules(counts: dict[str, tuple[int, int]]) -> None:
    """The rule table: rule, tp, fp, precision (``kg eval --by-rule``'s columns)."""
    width = max([len("rule"), *map(len, counts)])
    print(f"{'rule':<{width}} {'tp':>5} {'fp':>5} {'precision':>9}")
    for rule, (tp, fp) in counts.items():
        precision = tp / (tp + fp) if tp + fp else 0.0
        print(f"{rule:<{width}} {tp:>5} {fp:>5} {precision:>9.3f}")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("split", nargs="?", default=str(DEFAULT))
    parser.add_argument("--limit", type=int, default=0)
    parser.add_argument("--show-errors", type=int, default=0)
    parser.add_argument("--bare-names", action="store_true", help="no titles in surface text")
    parser.add_argument(
        "--by-rule", action="store_true", help="also print true and false positives per rule id"
    )
    parser.add_argument("--extractor", action="append", default=[], help="extractor to run")
    parser.add_argument("--weights", type=Path, help="weights file for learned.v1")
    parser.add_argument("--add", type=float, help="learned.v1's add threshold (default: its own)")
    parser.add_argument("--veto", type=float, help="learned.v1's veto threshold (default: its own)")
    args = parser.parse_args(argv)
    if args.weights is not None:
        from kg.learn import model

        model.WEIGHTS = args.weights.resolve()
    if args.add is not None or args.veto is not None:
        from kg.learn import extractor

        if args.add is not None:
            extractor.ADD_THRESHOLD = args.add
        if args.veto is not None:
            extractor.VETO_THRESHOLD = args.veto
    path = Path(args.split)
    if not path.exists():
        print(f"skipped: {path} not found (CoNLL04 lives in ../shared/data/conll04)")
        return 0
    records = json.loads(path.read_text(encoding="utf-8"))
    if args.limit:
        records = records[: args.limit]
    started = time.perf_counter()
    with_rules = predicted_rules(
        records, titles=not args.bare_names, extractors=tuple(args.extractor)
    )
    predicted = [set(found) for found in with_rules]
    seconds = time.perf_counter() - started
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    errors: list[str] = []
    for record, pred in zip(records, predicted, strict=True):
        gold = gold_triples(record)
        for t in pred:
            (tp if t in gold else fp)[t[0]] += 1
            if t not in gold:
                errors.append(f"FP {t} | {' '.join(record['tokens'])}")
        for t in gold - pred:
            fn[t[0]] += 1
            errors.append(f"FN {t} | {' '.join(record['tokens'])}")
    print(f"CoNLL04 {path.name}: {len(records)} sentences in {seconds:.1f} s")
    print(f"{'type':<12} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for kind in ORDER:
        p, r, f = prf(tp[kind], fp[kind], fn[kind])
        print(f"{kind:<12} {p:>6} {r:>6} {f:>6} {tp[kind]:>5} {fp[kind]:>5} {fn[kind]:>5}")
    p, r, f = prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    totals = (sum(tp.values()), sum(fp.values()), sum(fn.values()))
    print(f"{'micro':<12} {p:>6} {r:>6} {f:>6} {totals[0]:>5} {totals[1]:>5} {totals[2]:>5}")
    if args.by_rule:
        print()
        print_rules(rule_counts(records, with_rules))
    for line in errors[: args.show_errors]:
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
