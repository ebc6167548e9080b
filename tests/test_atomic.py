"""Output files (issue 16, item 5): ``-o`` onto a device, a pipe, a link or standard output is
written there, never replaced by a regular file; caches and folders never rename over anything
that is not a regular file.

Special files are made in temporary folders (a FIFO, a socket, links): no test touches a real
device. A link to /dev/null stands for a character device: had the rename come back, it would
replace the link, not the device.
"""

from __future__ import annotations

import os
import socket
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from sparql_data import small_kg, write

from kg.cache import ResultCache
from kg.cli import cli
from kg.errors import OutputError
from kg.io import atomic
from kg.io.atomic import rename_over, write_output

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(small_kg("d1"), tmp_path_factory.mktemp("atomic") / "g.ttl")


def read_fifo(path: Path, into: list[bytes]) -> threading.Thread:
    def reader() -> None:
        with open(path, "rb") as fifo:
            into.append(fifo.read())

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    return thread


def test_export_to_a_fifo_writes_into_it_and_keeps_it(graph: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "out.nt"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = read_fifo(fifo, got)
    out = CliRunner().invoke(cli, ["export", str(graph), "-f", "nt", "-o", str(fifo), "-q"])
    reader.join(30)
    assert out.exit_code == 0, out.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still a pipe
    assert got and got[0].count(b" .\n") > 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.nt"]  # no temporary file left


def test_a_link_to_a_device_is_written_through(graph: Path, tmp_path: Path) -> None:
    link = tmp_path / "null.ttl"
    link.symlink_to(os.devnull)
    device = os.stat(os.devnull)
    out = CliRunner().invoke(cli, ["export", str(graph), "-f", "ttl", "-o", str(link), "-q"])
    assert out.exit_code == 0, out.output
    assert link.is_symlink() and os.readlink(link) == os.devnull
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == device.st_rdev


def test_a_link_to_a_regular_file_keeps_the_link(graph: Path, tmp_path: Path) -> None:
    target = tmp_path / "real.ttl"
    target.write_text("old\n")
    link = tmp_path / "link.ttl"
    link.symlink_to(target)
    out = CliRunner().invoke(cli, ["export", str(graph), "-o", str(link), "-q"])
    assert out.exit_code == 0, out.output
    assert link.is_symlink()
    assert "kgo:" in target.read_text()


def test_a_socket_is_refused_in_one_line(graph: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.ttl"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        out = CliRunner().invoke(cli, ["export", str(graph), "-o", str(path), "-q"])
        assert out.exit_code == 1
        assert out.output.count("\n") == 1 and "not a regular file" in out.output
        assert stat.S_ISSOCK(os.lstat(path).st_mode)


def test_dev_stdout_is_standard_output(graph: Path, tmp_path: Path) -> None:
    # standard output is a file here: a rename would leave it empty, writing fills it
    target = tmp_path / "captured.nt"
    with open(target, "wb") as stdout:
        proc = subprocess.run(
            [sys.executable, "-m", "kg.cli", "export", str(graph), "-f", "nt", "-q"]
            + ["-o", "/dev/stdout"],
            stdout=stdout,
            stderr=subprocess.PIPE,
            text=True,
            timeout=120,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
    assert proc.returncode == 0, proc.stderr
    assert target.read_bytes().count(b" .\n") > 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["captured.nt"]


def test_write_output_errors_are_output_errors(tmp_path: Path) -> None:
    link = tmp_path / "full"
    link.symlink_to(os.devnull)

    def fail(out: object) -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputError, match="No space left on device"):
        write_output(link, fail)
    with pytest.raises(OutputError, match="No space left on device"):
        write_output(tmp_path / "file.ttl", fail)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["full"]
    with pytest.raises(OutputError, match="is a directory"):
        write_output(tmp_path, lambda out: None)


def test_rename_over_refuses_special_files(tmp_path: Path) -> None:
    tmp = tmp_path / "tmp"
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    tmp.write_bytes(b"x")
    with pytest.raises(OSError, match="not a regular file"):
        rename_over(tmp, fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    rename_over(tmp, tmp_path / "new")
    assert (tmp_path / "new").read_bytes() == b"x"


def test_a_cache_entry_never_replaces_a_planted_pipe(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    key = "ab" * 32
    path = cache._path(key)
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    from kg.graph.model import Document
    from kg.pipeline import extract

    cache.put(key, next(extract([Document(id="d", text="Acme Corp banned Bob Smith.")])))
    assert stat.S_ISFIFO(os.lstat(path).st_mode)
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_a_csv_folder_never_replaces_a_planted_pipe(tmp_path: Path) -> None:
    folder = tmp_path / "tables"
    folder.mkdir()
    os.mkfifo(folder / "nodes.csv")
    with pytest.raises(OutputError):
        atomic.write_folder(folder, {"nodes.csv": b"a\n", "edges.csv": b"b\n"})
    assert stat.S_ISFIFO(os.lstat(folder / "nodes.csv").st_mode)
    assert [p.name for p in folder.iterdir()] == ["nodes.csv"]


def test_build_to_a_fifo(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Mara Quill works for Plinth Labs in Oslo.\n")
    fifo = tmp_path / "out.ttl"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = read_fifo(fifo, got)
    out = CliRunner().invoke(cli, ["build", str(article), "-o", str(fifo), "-q", "--no-cache"])
    reader.join(60)
    assert out.exit_code == 0, out.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got and b"Mara Quill" in got[0]


def test_a_replaced_file_keeps_its_mode_and_a_new_one_follows_the_umask(tmp_path: Path) -> None:
    from kg.io.atomic import write_output

    kept = tmp_path / "kept.ttl"
    kept.write_text("old")
    os.chmod(kept, 0o600)
    write_output(kept, lambda out: out.write(b"new"))
    assert stat.S_IMODE(os.stat(kept).st_mode) == 0o600 and kept.read_text() == "new"
    old = os.umask(0o027)
    try:
        write_output(tmp_path / "fresh.ttl", lambda out: out.write(b"x"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(os.stat(tmp_path / "fresh.ttl").st_mode) == 0o640


def test_build_refuses_to_overwrite_its_input(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    article = tmp_path / "self.txt"
    article.write_text("Acme Corp banned Bob Smith.")
    for output in (article, tmp_path / "." / "self.txt"):
        result = CliRunner().invoke(
            cli, ["build", str(article), "-o", str(output), "--format", "ttl"]
        )
        assert result.exit_code == 1 and "would replace the input" in result.output
    assert article.read_text() == "Acme Corp banned Bob Smith."
