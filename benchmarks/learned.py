"""The trained relation classifier (``learned.v1``) measured against the rules, honestly.

Usage: python benchmarks/learned.py [gold|kfold|conll04cv|redocred|reliability|pairs|all]
       [--folds 5]

- ``gold``: the 10 held-out gold files (never trained on), scored with kg's scorer, for three
  settings: rules only (dependency.v1), learned only (learned.v1), combined (both), and for the
  add and veto thresholds of the combination;
- ``kfold``: the 26 TUNE gold files by 5-fold cross-validation by article: each fold scored
  with a model trained on CoNLL04 train, Re-DocRED and the other folds' gold files;
- ``conll04cv``: CoNLL04 *train* by 5-fold cross-validation by sentence, end to end as
  ``benchmarks/conll04.py`` scores (strict): each fold scored with a model trained on the other
  folds only, for the add and veto thresholds given; this is how the thresholds of the CoNLL04
  figure are chosen (never on CoNLL04 dev);
- ``redocred``: Re-DocRED documents held out from training (the first
  :data:`kg.learn.data.REDOCRED_HELD` of ``test_revised.json``), mapped relations, pair level;
- ``reliability``: the confidence of learned facts in bins against their measured precision on
  held-out pairs (held-out gold, held-out Re-DocRED, CoNLL04 dev).

Needs ../shared (skips with a message when absent) and scikit-learn for ``kfold``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
RULES = ("entities.v1", "dependency.v1", "quotes.v1")
LEARNED = ("entities.v1", "learned.v1", "quotes.v1")
COMBINED = ("entities.v1", "dependency.v1", "learned.v1", "quotes.v1")
SETTINGS = {"rules only": RULES, "learned only": LEARNED, "combined": COMBINED}


def _use_weights(path: Path | None) -> None:
    """Make ``learned.v1`` read ``path`` (None: the shipped weights)."""
    from kg.learn import model

    model.shipped.cache_clear()
    if path is not None:
        model.WEIGHTS = path


class Gold:
    """Gold files with their parsed articles, built for any list of extractors."""

    def __init__(self, names: Sequence[str]) -> None:
        from kg.evaluate import gold_document_path, load_gold
        from kg.extract import nlp as nlp_mod
        from kg.graph.ontology import inventory
        from kg.io.readers import read_documents
        from kg.pipeline import _break_at_blank_lines

        self.spec = inventory()
        self.names = list(names)
        self.gold = {n: load_gold(SHARED / "gold" / f"{n}.json", self.spec) for n in names}
        self.docs = {
            n: next(
                iter(read_documents([str(gold_document_path(SHARED / "gold" / f"{n}.json", g))]))
            )
            for n, g in self.gold.items()
        }
        nlp = nlp_mod.load(None)
        _break_at_blank_lines(nlp)
        self.parsed = dict(zip(names, nlp.pipe([self.docs[n].text for n in names]), strict=True))

    def score(self, names: Iterable[str], extractors: Sequence[Any]) -> dict[str, Any]:
        """Pooled micro figures of ``names`` built with the extractor instances given."""
        from kg.evaluate import score
        from kg.graph.model import Extraction
        from kg.graph.rdf import to_graph
        from kg.resolve.document import merge, resolve_document
        from kg.resolve.link import link

        tp = emitted = req = hit = 0
        for n in names:
            found = Extraction(document=self.docs[n])
            for ex in extractors:
                found = ex.extract(self.parsed[n], found)
            graph = to_graph(link(merge([resolve_document(found)])))
            rep = score(
                self.gold[n],
                graph,
                relation_names=self.spec,
                symmetric=[k for k, s in self.spec.items() if s.symmetric],
            )
            k = sum(1 for r in self.gold[n]["relations"] if r.get("required", True))
            emitted += rep.relations_emitted
            tp += round(rep.precision_all * rep.relations_emitted)
            req += k
            hit += round(rep.recall_required * k)
        p = tp / emitted if emitted else 0.0
        r = hit / req if req else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"P": p, "R": r, "F1": f, "tp": tp, "emitted": emitted, "hit": hit, "req": req}


def instances(names: Sequence[str], **learned: float) -> list[Any]:
    from kg import registry
    from kg.learn.extractor import LearnedExtractor

    out = []
    for n in names:
        if n == "learned.v1":
            out.append(LearnedExtractor(**learned))
        else:
            out.append(registry.load(registry.EXTRACTORS, n)())
    return out


def row(name: str, s: dict[str, Any]) -> str:
    return (
        f"{name:<34} P={s['P']:.3f} ({s['tp']}/{s['emitted']}) "
        f"Rreq={s['R']:.3f} ({s['hit']}/{s['req']}) F1={s['F1']:.3f}"
    )


def held_out_gold(adds: Sequence[float], vetoes: Sequence[float]) -> None:
    from kg.learn.data import HELD_OUT

    gold = Gold(sorted(HELD_OUT))
    print("HELD-OUT gold (10 files), shipped weights")
    for name, ex in SETTINGS.items():
        print(row(name, gold.score(gold.names, instances(ex))))
    for add in adds:
        for veto in vetoes:
            s = gold.score(gold.names, instances(COMBINED, add_threshold=add, veto_threshold=veto))
            print(row(f"combined add>={add} veto>={veto}", s))


def kfold(folds: int, adds: Sequence[float], vetoes: Sequence[float]) -> None:
    from kg.learn import data, train

    tune = sorted(p.stem for p in (SHARED / "gold").glob("*.json") if p.stem not in data.HELD_OUT)
    gold = Gold(tune)
    base = train.load_sources(["conll04", "redocred"])
    print(f"k-fold: {len(base)} CoNLL04/Re-DocRED texts, {len(tune)} TUNE gold files", flush=True)
    base_ex = list(data.examples(base))
    gold_ex = list(data.examples([d for d in data.gold_files(SHARED / "gold")]))
    totals: dict[str, dict[str, int]] = {}
    tmp = Path(tempfile.mkdtemp(prefix="kg-kfold-"))
    for k in range(folds):
        held = [n for i, n in enumerate(tune) if i % folds == k]
        exs = base_ex + [e for e in gold_ex if e.doc not in held]
        path = tmp / f"fold{k}.npz"
        from kg.learn.model import save

        save(train.fit(exs), path)
        _use_weights(path)
        configs = {name: instances(ex) for name, ex in SETTINGS.items()}
        for add in adds:
            for veto in vetoes:
                configs[f"combined add>={add} veto>={veto}"] = instances(
                    COMBINED, add_threshold=add, veto_threshold=veto
                )
        for name, ex in configs.items():
            s = gold.score(held, ex)
            t = totals.setdefault(name, {"tp": 0, "emitted": 0, "hit": 0, "req": 0})
            for key in t:
                t[key] += s[key]
        print(f"fold {k + 1}/{folds} done", flush=True)
    print(f"TUNE gold ({len(tune)} files), {folds}-fold cross-validated by article")
    for name, t in totals.items():
        p = t["tp"] / t["emitted"] if t["emitted"] else 0.0
        r = t["hit"] / t["req"] if t["req"] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(row(name, {**t, "P": p, "R": r, "F1": f}))


def conll04_cv(folds: int, adds: Sequence[float], vetoes: Sequence[float]) -> None:
    import json

    sys.path.insert(0, str(ROOT / "benchmarks"))
    import conll04 as bench

    from kg.learn import data, extractor, train
    from kg.learn.model import save

    path = SHARED / "data" / "conll04" / "conll04_train.spert.json"
    records = json.loads(path.read_text(encoding="utf-8"))
    examples = list(data.examples(list(data.conll04(path))))
    configs: list[tuple[str, tuple[str, ...], float, float]] = [
        (f"learned only add>={a}", LEARNED, a, 1.0) for a in adds
    ] + [(f"combined add>={a} veto>={v}", COMBINED, a, v) for a in adds for v in vetoes]
    configs.insert(0, ("rules only", RULES, 1.0, 1.0))
    totals = {name: [0, 0, 0] for name, *_ in configs}
    tmp = Path(tempfile.mkdtemp(prefix="kg-conll04cv-"))
    for k in range(folds):
        held = [i for i in range(len(records)) if i % folds == k]
        held_ids = {f"conll04-{i}" for i in held}
        weights = tmp / f"fold{k}.npz"
        save(train.fit([e for e in examples if e.doc not in held_ids]), weights)
        _use_weights(weights)
        part = [records[i] for i in held]
        for name, extractors, add, veto in configs:
            extractor.ADD_THRESHOLD, extractor.VETO_THRESHOLD = add, veto
            predicted = bench.predicted_triples(part, extractors=extractors)
            for record, pred in zip(part, predicted, strict=True):
                gold = bench.gold_triples(record)
                totals[name][0] += len(pred & gold)
                totals[name][1] += len(pred - gold)
                totals[name][2] += len(gold - pred)
        print(f"fold {k + 1}/{folds} done", flush=True)
    print(f"CoNLL04 train ({len(records)} sentences), {folds}-fold cross-validated, strict")
    for name, (tp, fp, fn) in totals.items():
        p, r, f = bench.prf(tp, fp, fn)
        print(f"{name:<34} P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})")


def _held_pairs() -> list[Any]:
    """Labelled pairs never trained on: held-out gold, held-out Re-DocRED, CoNLL04 dev."""
    from kg.learn import data

    folder = SHARED / "data" / "redocred"
    mapping = data.redocred_mapping(folder / "mapping.tsv")
    test = list(data.redocred(folder / "test_revised.json", mapping, "redocred-test"))
    docs = (
        data.gold_files(SHARED / "gold", sorted(data.HELD_OUT))
        + test[: data.REDOCRED_HELD]
        + list(data.conll04(SHARED / "data" / "conll04" / "conll04_dev.spert.json"))
    )
    return list(data.examples(docs))


def pair_scores(examples: Sequence[Any]) -> tuple[list[str], list[float], list[str]]:
    """The best label that is not NONE, its probability and the gold label of each pair."""

    from kg.learn.labels import NONE
    from kg.learn.model import shipped

    model = shipped()
    probs = model.scores([list(e.features) for e in examples])
    none = model.labels.index(NONE)
    probs[:, none] = -1
    best = probs.argmax(axis=1)
    return (
        [model.labels[i] for i in best],
        [float(probs[n, i]) for n, i in enumerate(best)],
        [e.label for e in examples],
    )


def redocred_and_reliability(which: str) -> None:
    from kg.learn.labels import NONE

    examples = _held_pairs()
    pred, prob, gold = pair_scores(examples)
    if which in {"redocred", "pairs", "all"}:
        for source in ("redocred", "conll04", "gold"):
            idx = [i for i, e in enumerate(examples) if e.source == source]
            for threshold in (0.3, 0.5, 0.7):
                tp = sum(1 for i in idx if prob[i] >= threshold and pred[i] == gold[i])
                fp = sum(1 for i in idx if prob[i] >= threshold and pred[i] != gold[i])
                fn = sum(1 for i in idx if gold[i] != NONE) - tp
                p = tp / (tp + fp) if tp + fp else 0.0
                r = tp / (tp + fn) if tp + fn else 0.0
                f = 2 * p * r / (p + r) if p + r else 0.0
                print(
                    f"held-out {source:<9} pairs={len(idx):5d} p>={threshold}: "
                    f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={tp} fp={fp} fn={fn})"
                )
    if which in {"reliability", "pairs", "all"}:
        print("reliability (held-out pairs; predicted = best label other than NONE)")
        print(f"{'confidence':<12} {'pairs':>6} {'mean conf':>10} {'precision':>10}")
        edges = [0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]
        for lo, hi in zip(edges, edges[1:], strict=False):
            idx = [i for i in range(len(prob)) if lo <= prob[i] < hi]
            if not idx:
                continue
            mean = sum(prob[i] for i in idx) / len(idx)
            prec = sum(1 for i in idx if pred[i] == gold[i]) / len(idx)
            print(f"{lo:.1f}-{min(hi, 1.0):.1f}     {len(idx):>6} {mean:>10.3f} {prec:>10.3f}")


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", nargs="?", default="all")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--add", default="0.5", help="comma-separated add thresholds to try")
    parser.add_argument("--veto", default="1.0", help="comma-separated veto thresholds to try")
    parser.add_argument("--weights", type=Path, default=None, help="weights other than shipped")
    args = parser.parse_args(argv)
    if not (SHARED / "gold").is_dir():
        print(f"skipped: {SHARED} not found")
        return 0
    adds = [float(x) for x in args.add.split(",") if x]
    vetoes = [float(x) for x in args.veto.split(",") if x]
    _use_weights(args.weights)
    if args.what in {"gold", "all"}:
        held_out_gold(adds, vetoes)
    if args.what in {"kfold", "all"}:
        kfold(args.folds, adds, vetoes)
    if args.what in {"conll04cv"}:
        conll04_cv(args.folds, adds, vetoes)
    if args.what in {"redocred", "reliability", "pairs", "all"}:
        redocred_and_reliability(args.what)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
