"""Measure every rule's precision and write the table kg's extractor reads its confidences from.

Usage: python benchmarks/rule_precision.py [GOLD ...] [--conll SPLIT.json] [--exclude NAME ...]
       [-o kg/extract/rule_precision.tsv]

For each rule id (``svo.acquired``, ``title.place.memberOf``, ...) it counts the true and false
positives the rule gave on the gold files (``kg eval --by-rule``: a relation the reference scorer
matches to a gold fact is true) and on a CoNLL04 split (``benchmarks/conll04.py --by-rule``: only
the relations CoNLL04 annotates are counted there). The confidence of a rule is its
Laplace-smoothed precision, (tp + 1) / (tp + fp + 2), so a rule seen rarely stays modest; a rule
never measured has no row and gets the smoothed precision of its construction (the ids sharing
its first part), else 0.5. A rule whose smoothed precision is under 0.5 after at least
``MIN_SEEN`` facts, on both sources together and on the news gold alone (CoNLL04's strict
matching also counts a right fact with other name boundaries as false), is marked ``off``: the
extractor does not emit it.

Measure on the files you tune on, never on those you report as held out: ``--exclude`` drops
gold files by name (``--exclude sport-354 --exclude tech-229``). Default data: every gold file in
``../shared/gold`` and CoNLL04 train; the script exits with a message when they are absent.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEFAULT_GOLD = SHARED / "gold"
DEFAULT_CONLL = SHARED / "data" / "conll04" / "conll04_train.spert.json"
DEFAULT_OUT = ROOT / "kg" / "extract" / "rule_precision.tsv"
#: A rule is switched off only after this many facts measured.
MIN_SEEN = 3


def smoothed(tp: int, fp: int) -> float:
    """Laplace-smoothed precision.

    >>> smoothed(0, 0), smoothed(3, 1), smoothed(0, 4)
    (0.5, 0.667, 0.167)
    """
    return round((tp + 1) / (tp + fp + 2), 3)


def table(counts: dict[str, tuple[int, int, int, int]]) -> str:
    """The TSV text: rule, tp and fp on gold, tp and fp on CoNLL04, confidence, on/off.

    >>> text = table({"svo.sued": (2, 0, 0, 1), "in.basedIn": (0, 3, 0, 1),
    ...               "title.memberOf": (4, 0, 3, 9)})
    >>> print(text.replace(chr(9), " "), end="")
    # rule gold_tp gold_fp conll_tp conll_fp confidence state
    in.basedIn 0 3 0 1 0.167 off
    svo.sued 2 0 0 1 0.6 on
    title.memberOf 4 0 3 9 0.444 on
    """
    lines = ["# rule\tgold_tp\tgold_fp\tconll_tp\tconll_fp\tconfidence\tstate"]
    for rule, (gtp, gfp, ctp, cfp) in sorted(counts.items()):
        tp, fp = gtp + ctp, gfp + cfp
        conf = smoothed(tp, fp)
        news = smoothed(gtp, gfp)  # the news gold alone: CoNLL04 also counts span mismatches
        state = "off" if conf < 0.5 and news < 0.5 and tp + fp >= MIN_SEEN else "on"
        lines.append(f"{rule}\t{gtp}\t{gfp}\t{ctp}\t{cfp}\t{conf}\t{state}")
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("gold", nargs="*", default=[str(DEFAULT_GOLD)])
    parser.add_argument("--conll", default=str(DEFAULT_CONLL))
    parser.add_argument("--exclude", action="append", default=[])
    parser.add_argument("-o", "--output", default=str(DEFAULT_OUT))
    args = parser.parse_args(argv)
    if not Path(args.conll).is_file() or not all(Path(g).exists() for g in args.gold):
        print(f"rule_precision: data not found ({args.conll}, {args.gold})", file=sys.stderr)
        return 2
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import conll04

    from kg.evaluate_corpus import gold_files, rule_table, score_corpus

    # a clean measurement: the rules as written, none switched off by an earlier table
    from kg.extract import relations
    from kg.graph import ontology

    relations.measuring(True)
    files = [f for f in gold_files(args.gold) if f.stem not in set(args.exclude)]
    inventory = ontology.inventory()
    symmetric = [name for name, spec in inventory.items() if spec.symmetric]
    scores = score_corpus(files, list(inventory), symmetric)
    counts: dict[str, list[int]] = {}
    for row in rule_table(s.counts for s in scores):
        counts.setdefault(row["rule"], [0, 0, 0, 0])[0:2] = [row["tp"], row["fp"]]
    records = json.loads(Path(args.conll).read_text(encoding="utf-8"))
    for rule, (tp, fp) in conll04.rule_counts(records, conll04.predicted_rules(records)).items():
        counts.setdefault(rule, [0, 0, 0, 0])[2:4] = [tp, fp]
    measured = {r: (c[0], c[1], c[2], c[3]) for r, c in counts.items() if "." in r or r == "alias"}
    Path(args.output).write_text(table(measured), encoding="utf-8")
    print(f"rule_precision: {len(measured)} rules on {len(files)} gold files and {args.conll}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
