"""Nothing lost: a build stopped at any moment by SIGINT (Ctrl-C), SIGTERM or SIGKILL leaves the
previous output intact, no temporary file, no stray worker; the store and the cache of a killed
build are usable and the next build gives the same output as one never interrupted.

Real processes on a generated corpus of a few hundred short articles (a few seconds to build).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
PREVIOUS = "<http://example.org/previous> <http://example.org/p> <http://example.org/o> .\n"

PEOPLE = ["Ada Lovelace", "Charles Babbage", "Mary Shelley", "Grace Hopper", "Alan Turing"]
ORGS = ["Acme Corp", "Northwind Trading", "Globex", "Initech"]
PLACES = ["London", "Paris", "Berlin", "Madrid"]
FORMS = [
    "{p} met {q} in {c} on Monday.",
    "{o} hired {p} as its new director.",
    '"We will keep working on this," {p} said.',
    "{p} founded {o} in {c}.",
    "{q} criticised {o} for the delay.",
    "The weather in {c} was mild and the markets were calm.",
]


def _corpus(path: Path, count: int) -> Path:
    rng = random.Random(3)
    with path.open("w", encoding="utf-8") as out:
        for i in range(count):
            text = " ".join(
                rng.choice(FORMS).format(
                    p=rng.choice(PEOPLE),
                    q=rng.choice(PEOPLE),
                    o=rng.choice(ORGS),
                    c=rng.choice(PLACES),
                )
                for _ in range(6)
            )
            out.write(json.dumps({"id": f"doc{i}", "text": text}) + "\n")
    return path


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _corpus(tmp_path_factory.mktemp("corpus") / "news.jsonl", 250)


def _kg(*args: str) -> list[str]:
    return [sys.executable, "-m", "kg.cli", *args]


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "KG_CACHE_DIR": "/nonexistent-kg-cache"}


def _session_processes(sid: int) -> list[int]:
    """Processes still alive in session ``sid`` (the build and any worker it started)."""
    alive = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[3]) == sid and fields[0] != "Z":
            alive.append(int(stat.parent.name))
    return alive


def _stop(
    args: list[str],
    after: float,
    sig: signal.Signals,
    group: bool = False,
    when: Callable[[], bool] | None = None,
    processes: int = 0,
) -> tuple[int, str]:
    """Run kg ``args``, send ``sig`` after ``after`` seconds (or as soon as ``when()``, or as
    soon as the build has ``processes`` processes, waiting up to ``after``); (exit code,
    stderr)."""
    proc = subprocess.Popen(
        args, stderr=subprocess.PIPE, text=True, env=_env(), start_new_session=True
    )
    deadline = time.time() + after
    while (
        time.time() < deadline
        and proc.poll() is None
        and not (when and when())
        and not (processes and len(_session_processes(proc.pid)) >= processes)
    ):
        time.sleep(0.05 if not processes else 0.01)
    if proc.poll() is None:
        if group:  # Ctrl-C in a terminal: the whole foreground process group
            os.killpg(proc.pid, sig)
        else:
            proc.send_signal(sig)
    try:
        _, err = proc.communicate(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"kg did not stop within 90 s of {sig.name}") from None
    deadline = time.time() + 10
    while _session_processes(proc.pid) and time.time() < deadline:
        time.sleep(0.2)
    assert not _session_processes(proc.pid), "a worker process outlived the build"
    return proc.returncode, err


def _only(directory: Path, *names: str) -> None:
    assert sorted(p.name for p in directory.iterdir()) == sorted(names)


def _cached(cache: Path) -> Callable[[], bool]:
    """Whether the build has cached a first document: it is part-way through the corpus."""

    def check() -> bool:
        return any(p.suffix != ".tmp" for p in cache.rglob("*") if p.is_file())

    return check


@pytest.mark.parametrize(
    ("sig", "code", "jobs", "group"),
    [
        (signal.SIGINT, 130, "1", True),
        (signal.SIGTERM, 143, "1", False),
        (signal.SIGINT, 130, "2", True),
        (signal.SIGTERM, 143, "2", False),
    ],
    ids=["ctrl-c", "sigterm", "ctrl-c-jobs2", "sigterm-jobs2"],
)
def test_interrupted_build_keeps_the_previous_output(
    corpus: Path, tmp_path: Path, sig: signal.Signals, code: int, jobs: str, group: bool
) -> None:
    out, cache = tmp_path / "news.nq", tmp_path / "cache"
    out.write_text(PREVIOUS, encoding="utf-8")
    args = _kg("build", str(corpus), "-o", str(out), "--cache", str(cache), "--jobs", jobs)
    returncode, err = _stop(args, 90.0, sig, group, when=_cached(cache))
    assert returncode == code, err
    assert err.strip().splitlines()[-1] == "kg: interrupted"
    assert "Traceback" not in err
    assert out.read_text(encoding="utf-8") == PREVIOUS
    _only(tmp_path, "news.nq", "cache")
    assert not [p for p in cache.rglob("*.tmp")]


@pytest.mark.parametrize("moment", ["starting", "mid-build", "writing"])
def test_killed_build_keeps_the_previous_output(corpus: Path, tmp_path: Path, moment: str) -> None:
    """SIGKILL while kg starts, part-way through the corpus, or as soon as it starts writing."""
    import rdflib

    out, cache = tmp_path / "news.ttl", tmp_path / "cache"
    out.write_text(PREVIOUS, encoding="utf-8")

    def writing() -> bool:
        return any(p.name.startswith(".news.ttl.") for p in tmp_path.iterdir())

    when = {"starting": None, "mid-build": _cached(cache), "writing": writing}[moment]
    args = _kg("build", str(corpus), "-o", str(out), "--cache", str(cache))
    returncode, err = _stop(args, 0.5 if moment == "starting" else 90.0, signal.SIGKILL, when=when)
    left = sorted(p.name for p in tmp_path.iterdir() if p.name != "cache")
    if moment != "writing":
        assert returncode == -signal.SIGKILL, err
        assert out.read_text(encoding="utf-8") == PREVIOUS
        assert left == ["news.ttl"]
        return
    # killed while writing (or just after): the previous file or the complete new one, never
    # a partial one; only SIGKILL's hidden temporary file may be left beside it
    assert returncode in (-signal.SIGKILL, 0), err
    data = out.read_text(encoding="utf-8")
    assert data == PREVIOUS or len(rdflib.Graph().parse(data=data, format="turtle")) > 1000
    assert "news.ttl" in left
    assert all(n == "news.ttl" or n.startswith(".news.ttl.") for n in left), left


def _store_quads(path: Path) -> set[str]:
    import pyoxigraph

    store = pyoxigraph.Store(str(path))
    try:
        return {str(q) for q in store}
    finally:
        del store


@pytest.mark.parametrize("moment", ["mid-build", "writing"])
def test_store_and_cache_survive_a_killed_build(corpus: Path, tmp_path: Path, moment: str) -> None:
    """Killed once some documents are cached (mid-build), or as soon as the output file is
    there (while the store takes the graph), the next build gives the uninterrupted result."""
    pytest.importorskip("pyoxigraph")
    small = _corpus(tmp_path / "small.jsonl", 120)
    # an uninterrupted build, from nothing
    ref = tmp_path / "ref.nq"
    done = subprocess.run(
        _kg("build", str(small), "-o", str(ref), "--no-cache", "--store", str(tmp_path / "refdb")),
        capture_output=True,
        text=True,
        env=_env(),
    )
    assert done.returncode == 0, done.stderr
    # the same build with a cache and a store, killed part-way, then run again to the end
    out, cache, store = tmp_path / "out.nq", tmp_path / "cache", tmp_path / "db"
    args = _kg("build", str(small), "-o", str(out), "--cache", str(cache), "--store", str(store))

    returncode, err = _stop(
        args, 90.0, signal.SIGKILL, when=_cached(cache) if moment == "mid-build" else out.exists
    )
    assert returncode == -signal.SIGKILL, err
    if moment == "mid-build":
        assert not out.exists()  # some documents cached, the output not written
    done = subprocess.run(args, capture_output=True, text=True, env=_env())
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == ref.read_bytes()
    assert _store_quads(store) == _store_quads(tmp_path / "refdb")
    # and once more, everything from the cache: still the same
    done = subprocess.run(args, capture_output=True, text=True, env=_env())
    assert done.returncode == 0, done.stderr
    assert out.read_bytes() == ref.read_bytes()


def test_ctrl_c_while_workers_load_the_model_is_one_line(corpus: Path, tmp_path: Path) -> None:
    """Ctrl-C reaches the workers too; one still loading its model must not print a traceback."""
    out = tmp_path / "news.nq"
    args = _kg("build", str(corpus), "-o", str(out), "--jobs", "2", "--no-cache")
    returncode, err = _stop(args, 90.0, signal.SIGINT, group=True, processes=3)
    assert returncode == 130, err
    assert err.strip().splitlines() == ["kg: interrupted"]
    assert not out.exists()
