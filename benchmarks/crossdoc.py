"""Cross-document resolution on a folder of articles: nodes per real entity, wrong merges,
connectivity and build time, with and without it (``kg build --no-cross-doc``).

Usage: python benchmarks/crossdoc.py [CORPUS] [--entities FILE] [--cold]
       [--cache DIR]

CORPUS defaults to ../shared/corpus/bbc/politics; absent, the benchmark says so and exits 0.

``--entities FILE`` names the real entities to count, one a line: a name, a tab, then the
labels (``|``-separated, any case) that a node of that entity may carry. The file is the
analyst's judgement about one corpus and stays outside the repository; without it the script
prints the most frequent people and organisations as candidates to judge. A node counts for an
entity when its label is one of the entity's labels; "nodes per entity" is their number (1.0 is
one node each). A wrong merge is a node that carries (as label or joined form) labels of two
listed entities, a person node whose forms give two different full names ("Jo Bloggs" and
"Sam Bloggs"), or a node that joined a man's and a woman's units (a "Mr" and a "Mrs").

The per-document results come from kg's cache (``--cache``, default a folder in the system's
temporary directory), so the figures of both graphs come from the same parses. Build times are
whole ``kg build`` runs with the cache warm (kg's own work: what cross-document resolution
adds to) and, with ``--cold``, without a cache (parsing included).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc" / "politics"
KG = [sys.executable, "-m", "kg.cli"]


def _kg_command() -> list[str]:
    exe = Path(sys.executable).with_name("kg")
    return [str(exe)] if exe.exists() else KG


def _build_seconds(corpus: Path, args: list[str], out: Path) -> float:
    started = time.perf_counter()
    subprocess.run(
        [*_kg_command(), "build", str(corpus), "-q", "-o", str(out), *args],
        check=True,
        cwd=ROOT,
    )
    return time.perf_counter() - started


def _largest_component(kg: object) -> tuple[int, int, int]:
    """(entities with a fact, components among them, entities in the largest)."""
    import networkx as nx

    g = nx.Graph()
    for r in kg.relations:  # type: ignore[attr-defined]
        if r.subject.entity and r.object.entity:
            g.add_edge(r.subject.entity, r.object.entity)
    if not g:
        return 0, 0, 0
    parts = list(nx.connected_components(g))
    return g.number_of_nodes(), len(parts), max(len(p) for p in parts)


def _read_entities(path: Path) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, forms = line.partition("\t")
        out[name.strip()] = {f.strip().casefold() for f in forms.split("|") if f.strip()}
    return out


def _count(kg: object, wanted: dict[str, set[str]]) -> tuple[dict[str, list[str]], list[str]]:
    """Nodes of each listed entity, and the nodes that join two listed entities."""
    from kg.resolve.crossdoc import person_words

    nodes: dict[str, list[str]] = defaultdict(list)
    wrong: list[str] = []
    for e in kg.entities:  # type: ignore[attr-defined]
        label = e.label.casefold()
        for name, forms in wanted.items():
            if label in forms:
                nodes[name].append(e.id)
        carried = {label, *(j.casefold() for j in e.joined)}
        owners = {name for name, forms in wanted.items() if carried & forms}
        if len(owners) > 1:
            wrong.append(f"{e.id}: {' + '.join(sorted(owners))}")
        if e.type == "Person":
            fulls = {
                (w[0].casefold(), w[-1].casefold())
                for w in (person_words(f) for f in (e.label, *e.joined))
                if len(w) >= 2
            }
            if len(fulls) > 1:
                wrong.append(f"{e.id}: full names {sorted(fulls)}")
    return nodes, wrong


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--entities", help="the real entities to count (see the module doc)")
    parser.add_argument("--cold", action="store_true", help="also time builds without a cache")
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "kg-bench-cache"))
    args = parser.parse_args(argv)
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"benchmark skipped: no corpus at {corpus}")
        return 0

    from kg.io.readers import read_documents
    from kg.parallel import Execution, run
    from kg.pipeline import BuildOptions
    from kg.resolve.crossdoc import Collector, assign
    from kg.resolve.document import merge

    os.environ["KG_CACHE_DIR"] = args.cache
    docs = read_documents([str(corpus)])
    results = list(run(docs, BuildOptions(), Execution(cache_dir=args.cache)))
    started = time.perf_counter()
    without = merge(results)
    merge_s = time.perf_counter() - started
    collector = Collector()
    started = time.perf_counter()
    with_ = collector.resolve(merge(collector.watch(results)))
    cross_s = time.perf_counter() - started
    graphs = {"without": without, "with": with_}

    # a man's and a woman's units in one node
    target = assign(collector.units)
    genders: dict[str, set[str]] = defaultdict(set)
    for u in collector.units:
        if u.gender:
            genders[target[(u.doc, u.id)]].add(u.gender)
    mixed = sorted(node for node, g in genders.items() if len(g) > 1)

    print(f"corpus: {corpus} ({len(results)} documents)")
    print(f"resolution stage: merge {merge_s:.2f} s, merge + cross-document {cross_s:.2f} s")
    if not args.entities:
        print("\nno --entities file: the 40 people and organisations in most documents")
        print("(without cross-document resolution), to judge and list:")
        top = sorted(
            (e for e in without.entities if e.type in {"Person", "Organization", "Group"}),
            key=lambda e: (-len(e.documents), e.id),
        )[:40]
        for e in top:
            print(f"  {len(e.documents):4d}  {e.label}\t{e.type}")
        return 0

    wanted = _read_entities(Path(args.entities))
    print(f"\n| measure | {' | '.join(graphs)} |")
    print(f"|---|{'---|' * len(graphs)}")
    counted = {name: _count(kg, wanted) for name, kg in graphs.items()}
    per = [
        sum(len(nodes.get(n, [])) for n in wanted) / max(len(wanted), 1)
        for nodes, _ in counted.values()
    ]
    figures = " | ".join(f"{p:.2f}" for p in per)
    print(f"| nodes per real entity ({len(wanted)} listed) | {figures} |")
    wrong = [len(w) for _, w in counted.values()]
    wrong[1:] = [w + len(mixed) for w in wrong[1:]]
    print(f"| wrong merges | {' | '.join(str(w) for w in wrong)} |")
    print(f"| entities | {' | '.join(str(len(kg.entities)) for kg in graphs.values())} |")
    comps = [_largest_component(kg) for kg in graphs.values()]
    print(f"| entities with a fact | {' | '.join(str(c[0]) for c in comps)} |")
    print(f"| connected components | {' | '.join(str(c[1]) for c in comps)} |")
    print(
        "| largest component (entities, share of those with a fact) | "
        + " | ".join(f"{c[2]} ({c[2] / max(c[0], 1):.0%})" for c in comps)
        + " |"
    )

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "g.ttl"
        _build_seconds(corpus, ["--cache", args.cache], out)  # warm (and the same cache)
        warm = {
            "without": _build_seconds(corpus, ["--cache", args.cache, "--no-cross-doc"], out),
            "with": _build_seconds(corpus, ["--cache", args.cache], out),
        }
        print(f"| build s, warm cache | {warm['without']:.1f} | {warm['with']:.1f} |")
        if args.cold:
            cold = {
                "without": _build_seconds(corpus, ["--no-cache", "--no-cross-doc"], out),
                "with": _build_seconds(corpus, ["--no-cache"], out),
            }
            print(f"| build s, no cache | {cold['without']:.1f} | {cold['with']:.1f} |")

    print("\nnodes of each listed entity (with cross-document resolution):")
    nodes_with = counted["with"][0]
    for name in wanted:
        before = len(counted["without"][0].get(name, []))
        print(f"  {name}: {before} -> {len(nodes_with.get(name, []))} {nodes_with.get(name, [])}")
    for name, (_, w) in counted.items():
        for line in w:
            print(f"wrong merge ({name}): {line}")
    for node in mixed:
        print(f"wrong merge (with): {node}: a man's and a woman's units")
    return 0


if __name__ == "__main__":
    sys.exit(main())
