"""kg build against bare spaCy on a corpus: time, throughput, memory, cache, jobs and scaling.

Usage: python benchmarks/bench.py [CORPUS] [--limit N] [--jobs 1,2] [--no-scaling]
       [--extractor NAME ...]

CORPUS is a folder of articles (default ../shared/corpus/bbc); absent, the benchmark says so
and exits 0. Every measured run is a separate process (its wall time from start to exit,
model loading included); peak RSS is the largest sum over the process and its children seen
by sampling /proc every 0.1 s (every worker counts), CPU the user+system seconds of the tree.
One article is held out of the corpus and added for the "add one article" row. Scaling rows
use every 4th, every 2nd and every article.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "bbc"
SUFFIXES = (".txt", ".md", ".html", ".htm", ".jsonl")
BATCH_SIZE = 16  # kg's default spaCy batch (BuildOptions.batch_size)

BARE = """
import sys
from kg.extract.nlp import load
from kg.io.readers import read_documents
texts = [d.text for d in read_documents([sys.argv[1]], on_error=lambda e: None)]
nlp = load(None)
docs = nlp.pipe(texts, batch_size=int(sys.argv[2]), n_process=int(sys.argv[3]))
n = sum(len(doc) for doc in docs)
print(n)
"""


@dataclass
class Run:
    seconds: float
    cpu: float
    rss_mib: float


@dataclass
class Row:
    name: str
    docs: int
    words: int
    run: Run
    note: str = ""


def _tree_rss_kib(pid: int) -> int:
    """Resident memory of ``pid`` and all its descendants, in KiB (Linux /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo.extend(children.get(current, []))
        try:
            with open(f"/proc/{current}/status", encoding="utf-8") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def measure(cmd: list[str], env: dict[str, str]) -> Run:
    """Run ``cmd``; its wall seconds, CPU seconds of the process tree and peak tree RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.1):
            if Path("/proc").is_dir():
                peak[0] = max(peak[0], _tree_rss_kib(proc.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.exit(f"bench: {' '.join(cmd)} failed ({proc.returncode}):\n{err.decode()[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    rss = max(peak[0], after.ru_maxrss if after.ru_maxrss > before.ru_maxrss else 0)
    return Run(seconds, cpu, rss / 1024)


def select(corpus: Path, limit: int | None) -> list[Path]:
    files = sorted(
        p
        for p in corpus.rglob("*")
        if p.is_file() and p.suffix.lower() in SUFFIXES and not p.name.startswith(".")
    )
    if limit and limit < len(files):
        step = len(files) / limit
        files = [files[int(i * step)] for i in range(limit)]
    return files


def link_tree(corpus: Path, files: list[Path], folder: Path) -> Path:
    """A folder of symlinks to ``files`` under their paths relative to ``corpus`` (same ids)."""
    for f in files:
        target = folder / f.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(f.resolve(), target)
    return folder


def words(files: list[Path]) -> int:
    return sum(len(f.read_bytes().split()) for f in files)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--limit", type=int, help="use N articles spread over the corpus")
    parser.add_argument("--jobs", default="1,2", help="process counts to compare (default 1,2)")
    parser.add_argument("--no-scaling", action="store_true", help="skip the 25/50 %% rows")
    parser.add_argument(
        "--extractor",
        action="append",
        default=[],
        help="extractors kg build runs (repeatable; default kg's defaults)",
    )
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not corpus.is_dir():
        print(f"bench: no corpus at {corpus}: skipped (pass CORPUS=path/to/articles)")
        return
    jobs_list = [int(j) for j in args.jobs.split(",") if j.strip()]
    all_files = select(corpus, args.limit)
    held_out, files = all_files[-1], all_files[:-1]
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    env.pop("KG_CACHE_DIR", None)
    kg = [sys.executable, "-m", "kg.cli", "build", "-q", "--skip-errors"]
    for name in args.extractor:
        kg += ["--extractor", name]
    rows: list[Row] = []
    outputs: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp_name:
        tmp = Path(tmp_name)
        main_dir = link_tree(corpus, files, tmp / "corpus")
        n_words = words(files)
        print(
            f"bench: {len(files)} articles, {n_words} words from {corpus}; "
            f"{os.cpu_count()} CPUs, Python {platform.python_version()}",
            file=sys.stderr,
        )

        def bare(jobs: int) -> Run:
            cmd = [sys.executable, "-c", BARE, str(main_dir), str(BATCH_SIZE), str(jobs)]
            return measure(cmd, env)

        def build(folder: Path, out: Path, cache: Path, jobs: int) -> Run:
            cmd = [*kg, str(folder), "-o", str(out), "--cache", str(cache), "--jobs", str(jobs)]
            return measure(cmd, env)

        bare_runs: dict[int, Run] = {}
        for jobs in jobs_list:
            print(f"bench: bare spaCy, {jobs} process(es)...", file=sys.stderr)
            bare_runs[jobs] = bare(jobs)
            rows.append(
                Row(f"bare spaCy nlp.pipe, {jobs} proc", len(files), n_words, bare_runs[jobs])
            )
            print(f"bench: kg build --jobs {jobs}...", file=sys.stderr)
            out = tmp / f"jobs{jobs}.ttl"
            cache = tmp / f"cache{jobs}"
            run = build(main_dir, out, cache, jobs)
            outputs[f"jobs {jobs}"] = out.read_bytes()
            ratio = (n_words / run.seconds) / (n_words / bare_runs[jobs].seconds)
            rows.append(
                Row(
                    f"kg build -> ttl, --jobs {jobs}",
                    len(files),
                    n_words,
                    run,
                    f"{ratio:.2f} x bare",
                )
            )
            if jobs == jobs_list[0]:
                print("bench: rebuild, unchanged corpus...", file=sys.stderr)
                again = build(main_dir, tmp / "again.ttl", cache, jobs)
                same = (tmp / "again.ttl").read_bytes() == out.read_bytes()
                rows.append(
                    Row(
                        f"kg rebuild unchanged, --jobs {jobs}",
                        len(files),
                        n_words,
                        again,
                        f"{100 * again.seconds / run.seconds:.1f} % of first build"
                        + ("" if same else ", OUTPUT DIFFERS"),
                    )
                )
                print("bench: add one article...", file=sys.stderr)
                link_tree(corpus, [held_out], main_dir)
                before = len(list(cache.rglob("*.json")))
                added = build(main_dir, tmp / "added.ttl", cache, jobs)
                parsed = len(list(cache.rglob("*.json"))) - before
                (main_dir / held_out.relative_to(corpus)).unlink()
                rows.append(
                    Row(
                        f"kg add one article, --jobs {jobs}",
                        len(files) + 1,
                        n_words + words([held_out]),
                        added,
                        f"{parsed} document(s) parsed",
                    )
                )
        if not args.no_scaling:
            jobs = jobs_list[-1]
            first = files[:1]
            folder = link_tree(corpus, first, tmp / "one")
            # with the scaling rows' --jobs: worker start-up is part of the fixed cost
            print(f"bench: startup (one article, no cache, --jobs {jobs})...", file=sys.stderr)
            cmd = [*kg, str(folder), "-o", str(tmp / "one.ttl"), "--no-cache", "--jobs", str(jobs)]
            run = measure(cmd, env)
            rows.append(Row(f"kg startup (one article), --jobs {jobs}", 1, words(first), run))
            for share, step in ((25, 4), (50, 2)):
                part = files[::step]
                folder = link_tree(corpus, part, tmp / f"part{share}")
                print(f"bench: {share} % of the corpus, --jobs {jobs}...", file=sys.stderr)
                run = build(folder, tmp / f"part{share}.ttl", tmp / f"cache-part{share}", jobs)
                rows.append(
                    Row(f"kg build {share} % of corpus, --jobs {jobs}", len(part), words(part), run)
                )
            full = next(r for r in rows if r.name == f"kg build -> ttl, --jobs {jobs}")
            rows.append(
                Row(f"kg build 100 % of corpus, --jobs {jobs}", full.docs, full.words, full.run)
            )
    print_table(rows, outputs)


def print_table(rows: list[Row], outputs: dict[str, bytes]) -> None:
    header = ("run", "docs", "words", "seconds", "words/s", "CPU s", "peak RSS MiB", "note")
    lines = [
        (
            r.name,
            str(r.docs),
            str(r.words),
            f"{r.run.seconds:.1f}",
            f"{r.words / r.run.seconds:.0f}",
            f"{r.run.cpu:.1f}",
            f"{r.run.rss_mib:.0f}",
            r.note,
        )
        for r in rows
    ]
    widths = [max(len(x[i]) for x in [header, *lines]) for i in range(len(header))]
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)) + " |")
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for line in lines:
        print("| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |")
    scaling = [r for r in rows if "% of corpus" in r.name]
    startup = next((r.run.seconds for r in rows if r.name.startswith("kg startup")), 0.0)
    if len(scaling) == 3:
        for label, fixed in (("wall time", 0.0), ("wall time less startup", startup)):
            per_word = [(r.run.seconds - fixed) / r.words for r in scaling]
            spread = max(per_word) / min(per_word) - 1
            print(
                f"\nseconds per word at 25/50/100 %, {label}: largest/smallest - 1 = "
                f"{100 * spread:.0f} %",
                end="",
            )
        print()
    if len(outputs) > 1:
        same = len(set(outputs.values())) == 1
        names = ", ".join(outputs)
        print(f"output of {names}: {'byte-identical' if same else 'DIFFERENT'}")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()}")


if __name__ == "__main__":
    main()
