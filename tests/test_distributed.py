"""Dask: a local cluster of two worker processes writes the same bytes as one process.

Skipped when Dask is not installed (``pip install 'kg-builder[distributed]'``; the dev extra
installs it, so CI runs it).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli

ARTICLES = {
    "one.txt": "Acme Corp banned Bob Smith on Tuesday.\n\nSmith said the decision was unfair.",
    "two.txt": "Mary Jones founded Blue River Books in Leeds. She leads the company today.",
    "three.txt": 'The council fined Acme Corp. "We will appeal," a spokesman for Acme said.',
    "four.txt": "Pat Lee, a senior official at the Port Authority, met Mary Jones in York.",
}


def build(folder: Path, out: Path, *extra: str) -> bytes:
    result = CliRunner().invoke(
        cli, ["build", str(folder), "-q", "--no-cache", "-o", str(out), *extra]
    )
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def test_local_cluster_of_two_writes_the_same_bytes(tmp_path: Path) -> None:
    pytest.importorskip("dask.distributed", reason="Dask is not installed")
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    single = build(folder, tmp_path / "single.trig")
    dask = build(folder, tmp_path / "dask.trig", "--scheduler", "local:2")
    assert b"kgo:" in single and dask == single


@pytest.mark.parametrize("address", ["local:0", "local:x"])
def test_bad_local_scheduler_is_a_usage_error(tmp_path: Path, address: str) -> None:
    pytest.importorskip("dask.distributed", reason="Dask is not installed")
    (tmp_path / "a.txt").write_text("Acme Corp banned Bob Smith.", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(tmp_path), "--no-cache", "--scheduler", address])
    assert result.exit_code == 2
    assert "local:N" in result.output
