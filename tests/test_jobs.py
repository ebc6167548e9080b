"""Parallel builds: ``--jobs N`` gives the same bytes as one process, results in input order."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import UsageError
from kg.graph.model import Document
from kg.parallel import Execution, run
from kg.pipeline import BuildOptions

ARTICLES = {
    "one.txt": "Acme Corp banned Bob Smith on Tuesday.\n\nSmith said the decision was unfair.",
    "two.txt": "Mary Jones founded Blue River Books in Leeds. She leads the company today.",
    "three.txt": 'The council fined Acme Corp. "We will appeal," a spokesman for Acme said.',
    "four.txt": "Pat Lee, a senior official at the Port Authority, met Mary Jones in York.",
    "five.txt": "Bob Smith joined the Green Party in 2001 and left it in 2005.",
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build(corpus: Path, out: Path, *extra: str) -> bytes:
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "-q", "--no-cache", "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_two_jobs_write_the_same_bytes_as_one(corpus: Path, tmp_path: Path) -> None:
    one = build(corpus, tmp_path / "one.ttl", "--jobs", "1")
    two = build(corpus, tmp_path / "two.ttl", "--jobs", "2")
    assert b"kgo:" in one and one == two


def test_results_come_back_in_input_order_from_a_pool() -> None:
    docs = [Document(id=f"d{i}", text=t) for i, t in enumerate(ARTICLES.values())]
    execution = Execution(jobs=2, chunk_size=1)  # five chunks, finished in any order
    got = [r.extraction.document.id for r in run(docs, BuildOptions(), execution)]
    assert got == [d.id for d in docs]


def test_progress_is_called_once_per_document_in_order() -> None:
    docs = [Document(id=f"d{i}", text=t) for i, t in enumerate(ARTICLES.values())]
    seen: list[str] = []
    list(run(docs, BuildOptions(), Execution(chunk_size=2), lambda d: seen.append(d.id)))
    assert seen == [d.id for d in docs]


def test_jobs_below_one_are_refused(corpus: Path, tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="--jobs"):
        Execution(jobs=0)
    result = CliRunner().invoke(cli, ["build", str(corpus), "--jobs", "0"])
    assert result.exit_code == 2
    assert "--jobs" in result.output


def test_cache_and_no_cache_together_are_refused(corpus: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["build", str(corpus), "--no-cache", "--cache", str(tmp_path / "c")]
    )
    assert result.exit_code == 2
    assert "--no-cache" in result.output


def test_cache_option_and_environment(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = build_cached(corpus, tmp_path / "a.ttl", "--cache", str(tmp_path / "opt"))
    assert list((tmp_path / "opt").rglob("*.json"))
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "env"))
    assert build_cached(corpus, tmp_path / "b.ttl") == first
    assert len(list((tmp_path / "env").rglob("*.json"))) == len(ARTICLES)


def build_cached(corpus: Path, out: Path, *extra: str) -> bytes:
    result = CliRunner().invoke(cli, ["build", str(corpus), "-q", "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


SPACY_AFTER = """
import sys
from kg.cli import cli
try:
    cli(sys.argv[1:], prog_name="kg")
except SystemExit as exit:
    assert not exit.code, exit.code
print(sorted(m for m in sys.modules if m.split(".")[0] in ("spacy", "thinc")))
"""


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_rebuild_from_the_cache_never_loads_spacy(
    corpus: Path, tmp_path: Path, jobs: str
) -> None:
    import subprocess
    import sys

    cache = str(tmp_path / "cache")
    first = build_cached(corpus, tmp_path / "a.ttl", "--cache", cache)
    args = ["build", str(corpus), "-q", "-o", str(tmp_path / "b.ttl"), "--cache", cache]
    done = subprocess.run(
        [sys.executable, "-c", SPACY_AFTER, *args, "--jobs", jobs],
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip() == "[]"
    assert (tmp_path / "b.ttl").read_bytes() == first
