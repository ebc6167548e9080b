"""Scoring a corpus of gold files: the library behind ``kg eval FOLDER`` and ``kg eval --by-rule``.

Each gold file is scored on its own, exactly as ``kg eval GOLD.json`` scores it
(:func:`kg.evaluate.score_counts`); the corpus figures pool the counts behind them:

- *micro* (pooled): precision is correct relations over relations emitted in all files, recall
  required facts found over required facts, F1 of the two; type accuracy over all entities
  found; splits, junk nodes and quotations summed;
- *macro* (mean): the mean over the files of each file's figure. A file with nothing to measure
  for type accuracy (no entity found) or quotations (no gold quotation) is left out of that
  mean; precision, recall and F1 follow the reference scorer (0 when undefined), so every file
  counts.

A file's category is the part of its name before the first ``-`` ("sport-12.json": sport).
The rule table sums, per rule id, the true and false positives of :class:`kg.evaluate.Counts`.

>>> category(Path("gold/sport-12.json")), category(Path("seed.json"))
('sport', 'seed')
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, UsageError
from kg.evaluate import Counts, EvalReport, gold_document_path, load_gold, score_counts

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "FileScore",
    "build_graphs",
    "category",
    "corpus_json",
    "format_corpus",
    "format_rules",
    "gold_files",
    "macro",
    "micro",
    "rule_table",
    "rules_json",
    "score_corpus",
]


def category(path: Path) -> str:
    """The category of a gold file: its name up to the first ``-``."""
    return path.stem.split("-", 1)[0]


def gold_files(paths: Sequence[str]) -> list[Path]:
    """The gold files named by ``paths``: files as given, folders by their ``*.json`` (sorted)."""
    files: list[Path] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            found = sorted(path.glob("*.json"))
            if not found:
                raise UsageError(f"no gold .json files in {path}: give a folder of gold files")
            files += found
        elif path.suffix.lower() == ".json":
            files.append(path)
        else:
            raise UsageError(
                f"{arg} is neither a gold .json file nor a folder; with several gold files,"
                " give only gold files or folders (one gold file takes an INPUT)"
            )
    return files


def build_graphs(
    golds: Sequence[tuple[Path, Mapping[str, Any]]], model: str | None = None, jobs: int = 1
) -> Iterator[Graph]:
    """The graph kg builds from each gold's own document, in order (``jobs`` worker processes).

    Each document is built on its own, as ``kg eval GOLD.json`` builds it: the same graph.
    """
    from kg.graph.rdf import to_graph
    from kg.io.readers import read_documents
    from kg.parallel import Execution, run
    from kg.pipeline import BuildOptions
    from kg.resolve.document import merge
    from kg.resolve.link import link

    options = BuildOptions(model=model)
    owners: list[int] = []
    documents = []
    for i, (gold_path, gold) in enumerate(golds):
        path = gold_document_path(gold_path, gold)
        if not path.exists():
            raise InputError(f"no such file: {path} (the document of gold file {gold_path})")
        for document in read_documents([str(path)]):
            owners.append(i)
            documents.append(document)
    results = run(documents, options, Execution(jobs=jobs))
    by_owner = itertools.groupby(zip(owners, results, strict=True), key=lambda pair: pair[0])
    built = {i: [result for _, result in group] for i, group in by_owner}
    for i in range(len(golds)):
        yield to_graph(link(merge(built.get(i, [])), options.linking))


@dataclass(frozen=True)
class FileScore:
    """One gold file's name, category, report and the counts behind it."""

    name: str
    category: str
    report: EvalReport
    counts: Counts


def score_corpus(
    files: Sequence[Path],
    relation_names: Iterable[str],
    symmetric: Iterable[str],
    model: str | None = None,
    jobs: int = 1,
) -> list[FileScore]:
    """Every gold file read (all of them first: a bad one fails before any build), its
    document built and the graph scored; in the order of ``files``."""
    names, symmetric_names = set(relation_names), set(symmetric)
    golds = [(path, load_gold(path, names)) for path in files]
    return [
        FileScore(path.stem, category(path), *score_counts(gold, graph, names, symmetric_names))
        for (path, gold), graph in zip(golds, build_graphs(golds, model, jobs), strict=True)
    ]


# ---------------------------------------------------------------------------------- figures


def _ratio(num: int, den: int) -> float:
    return num / den if den else 0.0


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def micro(counts: Sequence[Counts]) -> dict[str, Any]:
    """The pooled figures of ``counts`` (rounded to 3 places), with the sums behind them."""
    total = {
        key: sum(getattr(c, key) for c in counts)
        for key in (
            "relations_emitted",
            "relations_correct",
            "required_facts",
            "required_found",
            "entities_gold",
            "entities_found",
            "entity_type_ok",
            "entities_split",
            "junk_entity_nodes",
            "quotes",
            "quotes_right",
            "quotes_wrong",
            "quotes_missing",
        )
    }
    precision = _ratio(total["relations_correct"], total["relations_emitted"])
    recall = _ratio(total["required_found"], total["required_facts"])
    quotes = total["quotes"]
    return {
        "files": len(counts),
        "f1_required": round(_f1(precision, recall), 3),
        "precision_all": round(precision, 3),
        "recall_required": round(recall, 3),
        "entity_type_accuracy": round(_ratio(total["entity_type_ok"], total["entities_found"]), 3),
        "entities_split": total["entities_split"],
        "junk_entity_nodes": total["junk_entity_nodes"],
        "junk_per_file": round(_ratio(total["junk_entity_nodes"], len(counts)), 3),
        "quotes_right_share": round(_ratio(total["quotes_right"], quotes), 3),
        "quotes_wrong_share": round(_ratio(total["quotes_wrong"], quotes), 3),
        "quotes_missing_share": round(_ratio(total["quotes_missing"], quotes), 3),
        **total,
    }


def _mean(values: Iterable[float]) -> float:
    kept = list(values)
    return round(sum(kept) / len(kept), 3) if kept else 0.0


def macro(counts: Sequence[Counts]) -> dict[str, Any]:
    """The means over files of each file's figures (rounded to 3 places)."""
    precisions = [_ratio(c.relations_correct, c.relations_emitted) for c in counts]
    recalls = [_ratio(c.required_found, c.required_facts) for c in counts]
    with_entities = [c for c in counts if c.entities_found]
    with_quotes = [c for c in counts if c.quotes]
    return {
        "files": len(counts),
        "f1_required": _mean(_f1(p, r) for p, r in zip(precisions, recalls, strict=True)),
        "precision_all": _mean(precisions),
        "recall_required": _mean(recalls),
        "entity_type_accuracy": _mean(c.entity_type_ok / c.entities_found for c in with_entities),
        "entities_split": _mean(c.entities_split for c in counts),
        "junk_entity_nodes": _mean(c.junk_entity_nodes for c in counts),
        "quotes_right_share": _mean(c.quotes_right / c.quotes for c in with_quotes),
        "quotes_wrong_share": _mean(c.quotes_wrong / c.quotes for c in with_quotes),
        "quotes_missing_share": _mean(c.quotes_missing / c.quotes for c in with_quotes),
    }


def _categories(scores: Sequence[FileScore]) -> dict[str, list[Counts]]:
    groups: dict[str, list[Counts]] = {}
    for s in sorted(scores, key=lambda s: s.category):
        groups.setdefault(s.category, []).append(s.counts)
    return groups


def corpus_json(scores: Sequence[FileScore]) -> str:
    """One JSON object: per file its report, then micro, macro and per-category micro figures."""
    counts = [s.counts for s in scores]
    data = {
        "files": [{"file": s.name, "category": s.category, **s.report.as_dict()} for s in scores],
        "micro": micro(counts),
        "macro": macro(counts),
        "categories": {name: micro(group) for name, group in _categories(scores).items()},
    }
    return json.dumps(data)


_HEADER = (
    f"{'file':<24} {'f1_req':>6} {'prec':>6} {'rec_req':>7} {'type':>6} {'split':>5} {'junk':>5}"
    "  quotes right/wrong/missing"
)


def _row(label: str, f1: float, p: float, r: float, typ: float, rest: str) -> str:
    return f"{label:<24} {f1:>6.3f} {p:>6.3f} {r:>7.3f} {typ:>6.3f} {rest}"


def _files(count: int) -> str:
    return f"{count} file" if count == 1 else f"{count} files"


def _micro_row(label: str, counts: Sequence[Counts]) -> str:
    m = micro(counts)
    return _row(
        label,
        m["f1_required"],
        m["precision_all"],
        m["recall_required"],
        m["entity_type_accuracy"],
        f"{m['entities_split']:>5} {m['junk_entity_nodes']:>5}  "
        f"{m['quotes_right']}/{m['quotes_wrong']}/{m['quotes_missing']} of {m['quotes']}",
    )


def format_corpus(scores: Sequence[FileScore]) -> str:
    """Human text: a row per file, then the micro and macro rows, then a micro row per category.

    Per file and in micro rows, split, junk and quotations are counts; in the macro row, means
    per file (split, junk) and mean shares (quotations). No final newline.
    """
    lines = [_HEADER]
    for s in scores:
        c = s.counts
        lines.append(
            _row(
                s.name,
                s.report.f1_required,
                s.report.precision_all,
                s.report.recall_required,
                _ratio(c.entity_type_ok, c.entities_found),
                f"{c.entities_split:>5} {c.junk_entity_nodes:>5}  "
                f"{c.quotes_right}/{c.quotes_wrong}/{c.quotes_missing} of {c.quotes}",
            )
        )
    counts = [s.counts for s in scores]
    mean = macro(counts)
    lines += [
        "",
        _micro_row(f"micro ({_files(len(counts))})", counts),
        _row(
            f"macro ({_files(len(counts))})",
            mean["f1_required"],
            mean["precision_all"],
            mean["recall_required"],
            mean["entity_type_accuracy"],
            f"{mean['entities_split']:>5.2f} {mean['junk_entity_nodes']:>5.2f}  "
            f"{mean['quotes_right_share']:.2f}/{mean['quotes_wrong_share']:.2f}/"
            f"{mean['quotes_missing_share']:.2f} (mean shares)",
        ),
        "",
        "per category (micro):",
    ]
    for name, group in _categories(scores).items():
        lines.append(_micro_row(f"{name} ({_files(len(group))})", group))
    return "\n".join(lines)


# ---------------------------------------------------------------------------------- rules


def rule_table(counts: Iterable[Counts]) -> list[dict[str, Any]]:
    """Per rule id (sorted): true and false positives summed over ``counts``, and precision."""
    totals: dict[str, list[int]] = {}
    for c in counts:
        for rule, (tp, fp) in c.rules.items():
            total = totals.setdefault(rule, [0, 0])
            total[0] += tp
            total[1] += fp
    return [
        {"rule": rule, "tp": tp, "fp": fp, "precision": round(_ratio(tp, tp + fp), 3)}
        for rule, (tp, fp) in sorted(totals.items())
    ]


def format_rules(rows: Sequence[Mapping[str, Any]]) -> str:
    """The rule table as text: rule, tp, fp, precision (no final newline)."""
    width = max([len("rule"), *(len(r["rule"]) for r in rows)])
    lines = [f"{'rule':<{width}} {'tp':>5} {'fp':>5} {'precision':>9}"]
    lines += [
        f"{r['rule']:<{width}} {r['tp']:>5} {r['fp']:>5} {r['precision']:>9.3f}" for r in rows
    ]
    return "\n".join(lines)


def rules_json(rows: Sequence[Mapping[str, Any]], files: int) -> str:
    """The rule table as one JSON object: the number of gold files scored, and the rows."""
    return json.dumps({"files": files, "rules": list(rows)})
