"""``kg suspects`` and the curation file on a folder of articles: how many flagged pairs are
truly one entity, and what pasting the right lines does to the graph.

Usage: python benchmarks/suspects.py [CORPUS] [--entities FILE] [--judged FILE]
       [--curation FILE] [--min-score X] [--cache DIR]

CORPUS defaults to ../shared/corpus/bbc/politics; absent, the benchmark says so and exits 0.
The graph is the one ``kg build CORPUS`` writes (cross-document resolution and offline linking
on), from kg's per-document cache (``--cache``).

It prints the suspects (the lines ``kg suspects`` prints). ``--judged FILE`` holds the analyst's
verdict on them, one a line: ``yes`` or ``no``, a tab, then the curation line as printed
(before its ``#`` comment); the precision is the share of ``yes`` among the judged flagged
lines (merges: the two nodes are one real entity; types: the suggested type is right). The
accepted lines (``yes``; without ``--judged``, every flagged line) are then applied as a
curation file (with the analyst's own lines of ``--curation FILE``, what no rule can suggest:
a nickname), and the graph is measured before and after: nodes per real entity and wrong
merges for the entities of ``--entities FILE`` (the format of benchmarks/crossdoc.py: a name, a
tab, the ``|``-separated labels a node of it may carry), and the largest connected component
of the entities that take part in a fact. Both files are judgements about one corpus and stay
outside the repository.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "politics"


def _crossdoc_bench() -> object:
    """benchmarks/crossdoc.py, for its counting of nodes per entity and components."""
    spec = importlib.util.spec_from_file_location(
        "crossdoc_bench", ROOT / "benchmarks" / "crossdoc.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read_judged(path: Path) -> dict[str, bool]:
    out: dict[str, bool] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        verdict, _, text = line.partition("\t")
        out[text.split("  # ")[0].strip()] = verdict.strip().lower() in {"yes", "y", "1", "true"}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--entities", help="the real entities to count (benchmarks/crossdoc.py)")
    parser.add_argument("--judged", help="the analyst's verdict on each flagged line")
    parser.add_argument("--min-score", type=float, default=0.5, help="as kg suspects")
    parser.add_argument(
        "--curation", help="the analyst's own lines too (what no suspect can find: nicknames)"
    )
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "kg-bench-cache"))
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"benchmark skipped: no corpus at {corpus}")
        return 0

    from kg.analysis.suspects import find, nodes_of
    from kg.graph.rdf import to_graph
    from kg.io.readers import read_documents
    from kg.parallel import Execution
    from kg.pipeline import BuildOptions, build_graph
    from kg.resolve.curation import apply, parse

    os.environ["KG_CACHE_DIR"] = args.cache
    kg = build_graph(
        read_documents([str(corpus)]), BuildOptions(), execution=Execution(cache_dir=args.cache)
    )
    found = find(nodes_of(to_graph(kg)), args.min_score)
    lines = [s.line for s in found]
    keys = [line.split("  # ")[0] for line in lines]
    merges = sum(1 for s in found if s.kind == "merge")
    print(f"corpus: {corpus} ({len(kg.documents)} documents, {len(kg.entities)} entities)")
    print(f"flagged (score >= {args.min_score}): {merges} pairs, {len(found) - merges} types")
    for line in lines:
        print(f"  {line}")

    accepted = keys
    if args.judged:
        judged = _read_judged(Path(args.judged))
        seen = [k for k in keys if k in judged]
        right = [k for k in seen if judged[k]]
        pairs = [k for k in seen if k.startswith("- merge:")]
        right_pairs = [k for k in pairs if judged[k]]
        print(
            f"\njudged {len(seen)} of {len(keys)} flagged lines: {len(right)} right "
            f"({len(right) / max(len(seen), 1):.0%}); pairs {len(right_pairs)}/{len(pairs)} "
            f"truly one entity ({len(right_pairs) / max(len(pairs), 1):.0%})"
        )
        for k in keys:
            if k not in judged:
                print(f"  not judged: {k}")
        for k in seen:
            if not judged[k]:
                print(f"  wrong: {k}")
        accepted = right
    own = Path(args.curation).read_text(encoding="utf-8") if args.curation else ""
    curated = apply(kg, parse("\n".join(accepted) + "\n" + own, "accepted.yaml"))
    own_lines = sum(1 for line in own.splitlines() if line.startswith("- "))

    bench = _crossdoc_bench()
    graphs = {"built": kg, "curated": curated}
    print(f"\n| measure | {' | '.join(graphs)} |")
    print(f"|---|{'---|' * len(graphs)}")
    print(f"| curation lines applied | 0 | {len(accepted)} suspects + {own_lines} own |")
    if args.entities:
        wanted = bench._read_entities(Path(args.entities))  # type: ignore[attr-defined]
        counted = {name: bench._count(g, wanted) for name, g in graphs.items()}  # type: ignore[attr-defined]
        per = [
            sum(len(nodes.get(n, [])) for n in wanted) / max(len(wanted), 1)
            for nodes, _ in counted.values()
        ]
        print(
            f"| nodes per real entity ({len(wanted)} listed) | "
            + " | ".join(f"{p:.2f}" for p in per)
            + " |"
        )
        print(f"| wrong merges | {' | '.join(str(len(w)) for _, w in counted.values())} |")
    print(f"| entities | {' | '.join(str(len(g.entities)) for g in graphs.values())} |")
    comps = [bench._largest_component(g) for g in graphs.values()]  # type: ignore[attr-defined]
    print(f"| entities with a fact | {' | '.join(str(c[0]) for c in comps)} |")
    print(f"| connected components | {' | '.join(str(c[1]) for c in comps)} |")
    print(
        "| largest component (entities, share of those with a fact) | "
        + " | ".join(f"{c[2]} ({c[2] / max(c[0], 1):.0%})" for c in comps)
        + " |"
    )
    if args.entities:
        print("\nnodes of each listed entity (built -> curated):")
        for name in wanted:
            before = counted["built"][0].get(name, [])
            after = counted["curated"][0].get(name, [])
            print(f"  {name}: {len(before)} -> {len(after)} {after}")
        for name, (_, w) in counted.items():
            for line in w:
                print(f"wrong merge ({name}): {line}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
