"""A wheel of kg carries every module and data file it needs (not only the folders with an
``__init__.py``): built from a copy of the sources, its file list is checked."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _sources() -> set[str]:
    """What a wheel must hold: every file under kg/ but caches and compiled files."""
    found = set()
    for path in (ROOT / "kg").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            found.add(path.relative_to(ROOT).as_posix())
    return found


@pytest.mark.slow
def test_the_wheel_carries_every_module_and_data_file(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for name in ("setup.cfg", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    shutil.copytree(
        ROOT / "kg", src / "kg", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
    )  # the ontology/ link is followed: the wheel holds the files
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp_path), str(src)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    (wheel,) = tmp_path.glob("kg_builder-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        groups = zf.read(entry_points).decode("utf-8")
    missing = _sources() - names
    assert not missing, f"not in the wheel: {sorted(missing)}"
    for must in (
        "kg/extract/relations.py",
        "kg/extract/rules.toml",
        "kg/data/countries.tsv",
        "kg/ontology/kg.ttl",
        "kg/assets/explorer.html",
        "kg/graph/kgo.py",
    ):
        assert must in names
    assert not [n for n in names if "__pycache__" in n]
    for group in ("[kg.readers]", "[kg.extractors]", "[kg.exporters]", "[console_scripts]"):
        assert group in groups
