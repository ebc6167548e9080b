"""Plug-ins of the three kinds, installed as a third-party package is, used from the commands.

The README's plug-in example (its ``[options.entry_points]`` block and its ``acme_kg`` module)
is installed in a folder put on ``sys.path``: the module, and a ``.dist-info`` whose
``entry_points.txt`` registers a reader, an extractor and an exporter, as ``pip install``
would write it. Then ``kg build``, ``kg export`` and ``--help`` must find them through the
registry, as they find kg's own.
"""

from __future__ import annotations

import configparser
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import registry
from kg.cli import cli

ROOT = Path(__file__).resolve().parents[1]
MEMO = "Subject: Widget trade\n\nAcme Corp and Globex Inc are rivals in the widget trade.\n"
EDGE = "Acme Corp\trivalOf\tGlobex Inc\n"


def _readme_blocks(language: str) -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(rf"```{language}\n(.*?)```", text, flags=re.S)


def _example() -> tuple[str, str]:
    """The README's plug-in example: (its entry points as setup.cfg says them, its module)."""
    (ini,) = [b for b in _readme_blocks("ini") if "kg.readers =" in b]
    (module,) = [b for b in _readme_blocks("python") if b.startswith("# acme_kg/__init__.py")]
    return ini, module


def _entry_points_txt(setup_cfg: str) -> str:
    """``[options.entry_points]`` of setup.cfg as the ``entry_points.txt`` of a dist-info."""
    parser = configparser.ConfigParser()
    parser.read_string(setup_cfg)
    out = []
    for group, value in parser["options.entry_points"].items():
        out.append(f"[{group}]")
        out.extend(line.strip() for line in value.strip().splitlines())
        out.append("")
    return "\n".join(out)


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The example installed in ``tmp_path / "site"`` (on sys.path); the work folder."""
    ini, module = _example()
    site = tmp_path / "site"
    (site / "acme_kg").mkdir(parents=True)
    (site / "acme_kg" / "__init__.py").write_text(module, encoding="utf-8")
    info = site / "acme_kg-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: acme-kg\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(_entry_points_txt(ini), encoding="utf-8")
    monkeypatch.syspath_prepend(str(site))
    registry.refresh()
    work = tmp_path / "work"
    work.mkdir()
    (work / "memo.note").write_text(MEMO, encoding="utf-8")
    monkeypatch.chdir(work)
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    yield work
    registry.refresh()  # forget the plug-ins for the tests that follow


def _kg(*args: str, stdin: str | None = None) -> str:
    result = CliRunner().invoke(cli, list(args), input=stdin)
    assert result.exit_code == 0, result.output
    return result.output


def test_the_example_registers_one_plugin_of_each_kind(plugin: Path) -> None:
    assert "note" in registry.names(registry.READERS)
    assert "rivals.v1" in registry.names(registry.EXTRACTORS)
    assert "tsv" in registry.names(registry.EXPORTERS)
    assert registry.extensions()[".tsv"] == "tsv"


def test_build_reads_extracts_and_writes_with_the_plugins(plugin: Path) -> None:
    extract = ["--extractor", "entities.v1", "--extractor", "rivals.v1"]
    _kg("build", "memo.note", *extract, "-q", "-o", "memo.tsv")  # reader by suffix, -o by ext
    assert (plugin / "memo.tsv").read_text(encoding="utf-8") == EDGE
    out = _kg("build", "-", "--stdin-format", "note", *extract, "-q", "-f", "tsv", stdin=MEMO)
    assert out == EDGE
    (plugin / "notes").mkdir()  # a folder: the plug-in's suffix is picked up too
    (plugin / "notes" / "a.note").write_text(MEMO, encoding="utf-8")
    _kg("build", "notes", *extract, "-q", "-o", "notes.ttl")
    ttl = (plugin / "notes.ttl").read_text(encoding="utf-8")
    assert "kgo:rivalOf" in ttl and '"rivals.v1"' in ttl and "Widget trade" in ttl


def test_export_writes_a_network_plugin_from_a_graph_file(plugin: Path) -> None:
    extract = ["--extractor", "entities.v1", "--extractor", "rivals.v1"]
    _kg("build", "memo.note", *extract, "-q", "-o", "memo.ttl")
    _kg("export", "memo.ttl", "-q", "-o", "out.tsv")  # by the plug-in's extension
    assert (plugin / "out.tsv").read_text(encoding="utf-8") == EDGE
    assert _kg("export", "memo.ttl", "-q", "--format", "tsv") == EDGE


def test_help_and_errors_list_the_plugins(plugin: Path) -> None:
    build_help = " ".join(_kg("build", "--help").split())
    assert "note (.note)" in build_help and "tsv" in build_help
    (kinds,) = re.findall(r"--stdin-format \[([^\]]*)\]", _kg("build", "--help"))
    assert "note" in kinds.split("|")
    assert "tsv" in _kg("export", "--help")
    result = CliRunner().invoke(cli, ["build", "memo.note", "-o", "memo.unknown"])
    assert result.exit_code == 2 and ".tsv" in result.output


def test_a_broken_plugin_is_one_line_naming_it(
    plugin: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    info = tmp_path / "site" / "acme_kg-1.0.dist-info" / "entry_points.txt"
    info.write_text("[kg.exporters]\nbroken = acme_kg:Missing\n", encoding="utf-8")
    registry.refresh()
    result = CliRunner().invoke(cli, ["build", "memo.note", "-f", "broken"])
    assert result.exit_code == 2
    assert result.output.count("\n") == 1 and "'broken' (acme_kg:Missing)" in result.output
