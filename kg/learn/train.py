"""Rebuild the weights of ``learned.v1``: ``python -m kg.learn.train``.

Reads CoNLL04 train, Re-DocRED (less :data:`kg.learn.data.REDOCRED_HELD` documents kept for
evaluation) and the TUNE gold files from ``../shared``, parses them with kg's pipeline, and
fits scikit-learn's multinomial logistic regression (lbfgs, fixed seed, one thread) over the
hashed features. Features seen fewer than ``--min-count`` times are dropped; weights are
rounded to 4 decimals, so the same data gives the same file, byte for byte. scikit-learn is
needed only here (``pip install -e '.[train]'``); prediction uses numpy alone.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from kg.learn import data
from kg.learn.labels import NONE
from kg.learn.model import WEIGHTS, Model, save

SOURCES = ("conll04", "redocred", "gold")
#: How much one example of each source counts (the news gold is closest to kg's input).
SOURCE_WEIGHT = {"conll04": 1.0, "redocred": 1.0, "gold": 2.0}


def load_sources(
    sources: Sequence[str], shared: Path = data.SHARED, exclude_gold: Sequence[str] = ()
) -> list[data.Annotated]:
    """The annotated training texts of ``sources`` (never CoNLL04 dev, never held-out gold)."""
    docs: list[data.Annotated] = []
    if "conll04" in sources:
        docs.extend(data.conll04(shared / "data" / "conll04" / "conll04_train.spert.json"))
    if "redocred" in sources:
        folder = shared / "data" / "redocred"
        mapping = data.redocred_mapping(folder / "mapping.tsv")
        docs.extend(data.redocred(folder / "dev_revised.json", mapping, "redocred-dev"))
        test = list(data.redocred(folder / "test_revised.json", mapping, "redocred-test"))
        docs.extend(test[data.REDOCRED_HELD :])
    if "gold" in sources:
        excluded = set(exclude_gold)
        docs.extend(d for d in data.gold_files(shared / "gold") if d.id not in excluded)
    return docs


def fit(
    examples: Sequence[data.Example],
    c: float = 0.5,
    min_count: int = 2,
    seed: int = 0,
    max_iter: int = 300,
) -> Model:
    """A multinomial logistic regression fitted on ``examples``."""
    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression
    from threadpoolctl import threadpool_limits

    counts: Counter[int] = Counter(h for ex in examples for h in ex.features)
    keys = np.array(sorted(h for h, n in counts.items() if n >= min_count), dtype=np.uint32)
    index = {int(h): i for i, h in enumerate(keys)}
    labels = tuple(sorted({ex.label for ex in examples} | {NONE}))
    label_index = {lab: i for i, lab in enumerate(labels)}
    indptr, indices = [0], []
    for ex in examples:
        indices.extend(sorted(index[h] for h in ex.features if h in index))
        indptr.append(len(indices))
    x = csr_matrix(
        (np.ones(len(indices), dtype=np.float64), np.array(indices, dtype=np.int64), indptr),
        shape=(len(examples), len(keys)),
    )
    y = np.array([label_index[ex.label] for ex in examples])
    weight = np.array([SOURCE_WEIGHT.get(ex.source, 1.0) for ex in examples])
    clf = LogisticRegression(C=c, max_iter=max_iter, tol=1e-4, random_state=seed)
    with threadpool_limits(limits=1):
        clf.fit(x, y, sample_weight=weight)
    coef = np.zeros((len(labels), len(keys)))
    bias = np.zeros(len(labels))
    present = list(clf.classes_)
    if len(present) == 2:  # binary: one weight vector for the second class
        coef[present[1]] = clf.coef_[0]
        bias[present[1]] = clf.intercept_[0]
    else:
        for row, cls in enumerate(present):
            coef[cls] = clf.coef_[row]
            bias[cls] = clf.intercept_[row]
    weights = np.round(coef.T, 4).astype(np.float32)
    keep = np.abs(weights).max(axis=1) > 0
    return Model(
        keys=keys[keep],
        weights=weights[keep],
        bias=np.round(bias, 4).astype(np.float32),
        labels=labels,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kg.learn.train", description=__doc__)
    parser.add_argument("-o", "--out", type=Path, default=WEIGHTS, help="weights file (.npz)")
    parser.add_argument("--shared", type=Path, default=data.SHARED, help="the shared folder")
    parser.add_argument(
        "--sources", default=",".join(SOURCES), help="comma-separated: conll04,redocred,gold"
    )
    parser.add_argument("--exclude-gold", default="", help="comma-separated gold files to skip")
    parser.add_argument("-C", type=float, default=0.5, help="inverse regularisation strength")
    parser.add_argument("--min-count", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    sources = [s for s in args.sources.split(",") if s]
    unknown = sorted(set(sources) - set(SOURCES))
    if unknown:
        print(f"kg.learn.train: unknown source {unknown[0]!r}: choose from {', '.join(SOURCES)}")
        return 2
    try:
        import sklearn  # noqa: F401
    except ImportError:
        print("kg.learn.train: scikit-learn is not installed: pip install -e '.[train]'")
        return 1
    if not args.shared.is_dir():
        print(f"kg.learn.train: no shared data at {args.shared}; pass --shared DIR")
        return 1
    started = time.perf_counter()
    excluded = [s for s in args.exclude_gold.split(",") if s]
    try:
        docs = load_sources(sources, args.shared, excluded)
    except (OSError, ValueError, KeyError) as exc:
        print(f"kg.learn.train: cannot read the training data: {exc}")
        return 1
    examples = list(data.examples(docs))
    model = fit(examples, c=args.C, min_count=args.min_count, seed=args.seed)
    save(model, args.out)
    by_label = Counter(ex.label for ex in examples)
    positives = sum(n for lab, n in by_label.items() if lab != NONE)
    print(
        f"kg.learn.train: {len(docs)} texts, {len(examples)} pairs ({positives} related), "
        f"{len(model.keys)} features, {len(model.labels)} labels -> {args.out} "
        f"({args.out.stat().st_size / 1e6:.1f} MB) in {time.perf_counter() - started:.0f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
