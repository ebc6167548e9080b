"""kg build's progress (a bar on a terminal, plain lines elsewhere, nothing with -q) and the
checks of -o made before any parsing."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.io.progress import Progress, count_documents, format_line

FIXTURES = Path(__file__).parent / "fixtures"
ARTICLE = FIXTURES / "taliban-twitter-threads.txt"
KG = [sys.executable, "-m", "kg.cli"]


def test_count_documents_counts_files_and_jsonl_lines(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text("Jo Bloggs met Ann Example.")
    (tmp_path / "news" / "b.md").write_text("# Title\n\nText.")
    (tmp_path / "news" / ".hidden.txt").write_text("skipped")
    (tmp_path / "news" / "notes.csv").write_text("a,b")  # not an input kind
    lines = [json.dumps({"id": str(i), "text": "Some text."}) for i in range(3)]
    (tmp_path / "more.jsonl").write_text("\n".join(lines) + "\n\n")
    inputs = [str(tmp_path / "news"), str(tmp_path / "more.jsonl"), "-"]
    assert count_documents(inputs) == 2 + 3 + 1
    assert count_documents([str(tmp_path / "missing")]) == 1  # the build reports it
    (tmp_path / "empty").mkdir()
    assert count_documents([str(tmp_path / "empty")]) is None


def test_plain_lines_have_count_total_rate_and_time_left() -> None:
    assert format_line(120, 500, 12.25) == (
        "kg: 120/500 documents (24 %), 9.8 documents/s, about 39 s left"
    )
    assert format_line(10, 1000, 10.0) == (
        "kg: 10/1000 documents (1 %), 1.0 documents/s, about 16 min 30 s left"
    )
    assert format_line(5, 5, 2.0) == "kg: 5/5 documents (100 %), 2.5 documents/s"
    assert format_line(1, None, 0.5) == "kg: 1 document, 2.0 documents/s"


def test_not_a_terminal_prints_a_line_every_interval_even_while_nothing_finishes() -> None:
    out = io.StringIO()
    with Progress(4, stream=out, terminal=False, interval=0.05) as progress:
        time.sleep(0.18)  # no document finished yet (the model loading, a long first batch)
        progress.advance()
        time.sleep(0.12)
    lines = out.getvalue().splitlines()
    assert len(lines) >= 3
    assert lines[0] == "kg: 0/4 documents (0 %), starting"
    assert lines[-1].startswith("kg: 1/4 documents (25 %), ")
    assert "documents/s, about" in lines[-1]


def test_terminal_bar_shows_total_rate_and_eta_then_goes_away() -> None:
    out = io.StringIO()
    with Progress(3, stream=out, terminal=True) as progress:
        for _ in range(3):
            progress.advance()
            time.sleep(0.25)
    text = out.getvalue()
    assert "/3 [" in text and "doc/s]" in text  # tqdm: n/total [elapsed<time left, rate]
    assert "2/3 [00:00<00:00" in text
    assert text.endswith(" \r")  # the bar is wiped at the end: the summary line takes its place


def test_disabled_progress_writes_nothing() -> None:
    out = io.StringIO()
    with Progress(3, stream=out, terminal=False, interval=0.01, enabled=False) as progress:
        progress.advance()
        time.sleep(0.05)
    assert out.getvalue() == ""


def test_an_estimate_that_falls_short_never_goes_past_100_percent() -> None:
    out = io.StringIO()
    progress = Progress(1, stream=out, terminal=False, interval=10)
    progress.advance()
    progress.advance()
    progress.close()
    assert progress.total == 2


def test_build_without_a_terminal_prints_progress_lines(tmp_path: Path) -> None:
    env = {**os.environ, "KG_PROGRESS_INTERVAL": "0.2"}
    out = tmp_path / "a.ttl"
    done = subprocess.run(
        [*KG, "build", str(ARTICLE), "--no-cache", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert any(line.startswith("kg: 0/1 document (0 %)") for line in lines), lines
    assert lines[-1].startswith("kg: 1 document, ")  # the summary comes last
    quiet = subprocess.run(
        [*KG, "build", str(ARTICLE), "-q", "-o", str(out)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert quiet.returncode == 0 and quiet.stderr == ""


@pytest.mark.parametrize(
    ("output", "message"),
    [
        ("nodir/out.ttl", "cannot write {tmp}/nodir/out.ttl: directory {tmp}/nodir does not exist"),
        (".", "is a directory"),
        ("out.txt", "cannot tell the format of {tmp}/out.txt: use --format, or one of "),
    ],
)
def test_a_bad_output_fails_before_any_parsing(tmp_path: Path, output: str, message: str) -> None:
    # an unknown model would fail when parsing starts: the -o error must come first
    result = CliRunner().invoke(
        cli,
        ["build", str(ARTICLE), "--model", "no_such_model", "-o", str(tmp_path / output)],
    )
    assert result.exit_code in (1, 2)
    assert message.format(tmp=tmp_path) in result.output
    assert "no_such_model" not in result.output
    assert list(tmp_path.iterdir()) == []  # the probe file is gone


def test_an_unwritable_directory_fails_before_any_parsing(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write into any directory")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    result = CliRunner().invoke(
        cli, ["build", str(ARTICLE), "--model", "no_such_model", "-o", str(locked / "a.ttl")]
    )
    assert result.exit_code == 1
    assert "Permission denied; choose another -o" in result.output


def test_the_ticker_thread_never_takes_ctrl_c_or_sigterm() -> None:
    """A process-directed signal goes to any thread that does not block it: were it the ticker,
    it would reach the main thread's handler through the build's holds (kg.io.signals.held), and
    Ctrl-C while a worker starts would cut the worker's start-up (a traceback)."""
    import signal

    progress = Progress(3, stream=io.StringIO(), terminal=False, interval=0.05)
    try:
        time.sleep(0.1)
        thread = progress._thread
        assert thread is not None and thread.native_id is not None
        status = Path(f"/proc/self/task/{thread.native_id}/status")
        if not status.exists():
            pytest.skip("no /proc here")
        blocked = int(
            next(
                line for line in status.read_text().splitlines() if line.startswith("SigBlk:")
            ).split()[1],
            16,
        )
        for sig in (signal.SIGINT, signal.SIGTERM):
            assert blocked & (1 << (sig - 1)), sig.name
    finally:
        progress.close()
