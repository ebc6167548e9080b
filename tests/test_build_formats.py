"""kg build -o FILE: the format comes from the extension, for every format a registered
exporter writes (graph formats directly, network and page formats through the export step)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import registry
from kg.cli import cli

ARTICLE = Path(__file__).parent / "fixtures" / "taliban-twitter-threads.txt"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example article built once as Turtle (the other formats re-use the cache)."""
    folder = tmp_path_factory.mktemp("formats")
    result = CliRunner().invoke(cli, ["build", str(ARTICLE), "-q", "-o", str(folder / "a.ttl")])
    assert result.exit_code == 0, result.output
    return folder


def test_every_registered_extension_is_known() -> None:
    found = registry.extensions()
    for ext, name in {
        ".ttl": "ttl",
        ".jsonl": "jsonl",
        ".json": "jsonld",
        ".rdf": "xml",
        ".graphml": "graphml",
        ".gv": "dot",
        ".csv": "csv",
        ".htm": "html",
        ".png": "png",
    }.items():
        assert found[ext] == name
    assert set(found.values()) == set(registry.names(registry.EXPORTERS))


@pytest.mark.parametrize(
    ("ext", "start"),
    [
        ("graphml", b"<?xml"),
        ("gexf", b"<?xml"),
        ("gv", b"// kg entity graph"),
        ("html", b"<!DOCTYPE html>"),
        ("svg", b"<?xml"),
        ("png", b"\x89PNG"),
        ("nt", b"<http"),
    ],
)
def test_build_writes_the_format_of_the_extension(built: Path, ext: str, start: bytes) -> None:
    out = built / f"b.{ext}"
    result = CliRunner().invoke(cli, ["build", str(ARTICLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes().startswith(start)
    assert f"-> {out}" in result.output


@pytest.mark.parametrize("ext", ["graphml", "gexf", "dot", "html"])
def test_build_gives_the_bytes_of_build_then_export(built: Path, ext: str) -> None:
    direct, exported = built / f"direct.{ext}", built / f"exported.{ext}"
    runner = CliRunner()
    assert runner.invoke(cli, ["build", str(ARTICLE), "-q", "-o", str(direct)]).exit_code == 0
    # the page's title is the output's name: give the exported copy the same
    result = runner.invoke(
        cli, ["export", str(built / "a.ttl"), "-q", "-o", str(exported), "--title", "direct"]
    )
    assert result.exit_code == 0, result.output
    assert direct.read_bytes() == exported.read_bytes()


def test_csv_is_one_table_of_facts(built: Path) -> None:
    out = built / "facts.csv"
    assert CliRunner().invoke(cli, ["build", str(ARTICLE), "-q", "-o", str(out)]).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    jsonl = built / "facts.jsonl"
    assert CliRunner().invoke(cli, ["build", str(ARTICLE), "-q", "-o", str(jsonl)]).exit_code == 0
    assert len(rows) == len(jsonl.read_text().splitlines()) > 0
    first = rows[0]
    assert first["subject"].startswith("http://example.org/kg/entity/")
    assert first["subject_label"] and first["object_type"] and first["sentence"]
    assert first["negated"] in ("true", "false") and float(first["confidence"]) > 0


def test_an_unknown_extension_lists_the_choices(built: Path) -> None:
    result = CliRunner().invoke(cli, ["build", str(ARTICLE), "-o", str(built / "out.txt")])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert len(lines) == 1
    assert "cannot tell the format of" in lines[0] and "use --format, or one of" in lines[0]
    for ext in (".ttl", ".jsonl", ".graphml", ".csv", ".html", ".png"):
        assert f" {ext}" in lines[0]
    assert not (built / "out.txt").exists()


def test_an_unknown_format_lists_the_registered_ones() -> None:
    result = CliRunner().invoke(cli, ["build", str(ARTICLE), "--format", "docx"])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "kg: error: unknown format 'docx': choose one of "
        + ", ".join(registry.names(registry.EXPORTERS))
    )
