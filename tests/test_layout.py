"""The package layout: imports run one way, from the flow's later stages to its earlier ones.

graph (the data model, RDF, vocabulary, reading graph files) <- io (reading documents, writing
files) <- extract (spaCy, rules, gazetteers) <- resolve (mentions to entities, across
documents, linking, curation) <- analysis (measures, networks, explorer, timeline, validation,
suspects) <- export (writing a graph in each format) <- query (SPARQL, the store, the server).
The modules at the top of ``kg`` (cli, pipeline, parallel, cache, evaluate) and ``kg.learn``
(the trained extractor and its training, which runs the pipeline) orchestrate and may import
any package; a package imports from them only ``kg.errors``, ``kg.registry`` and
``kg.__version__``. Every import counts, those inside functions too (a lazy import is still a
dependency).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parents[1] / "kg"
ORDER = ["graph", "io", "extract", "resolve", "analysis", "export", "query"]
ORCHESTRATION = {"cli", "pipeline", "parallel", "cache", "evaluate", "evaluate_corpus", "learn"}
SHARED = {"errors", "registry", "__version__"}


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ORDER else ""


def _imports(path: Path) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "kg":
                found += [(f"kg.{a.name}", node.lineno) for a in node.names]
            elif node.module.startswith("kg."):
                found.append((node.module, node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("kg.")]
    return found


def _modules() -> list[tuple[str, Path]]:
    out = []
    for path in sorted(KG.rglob("*.py")):
        parts = path.relative_to(KG.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out.append((name, path))
    return out


def test_every_module_is_in_a_package_or_orchestrates() -> None:
    flat = {p.stem for p in KG.glob("*.py") if p.stem != "__init__"}
    packages = {p.name for p in KG.iterdir() if (p / "__init__.py").exists()}
    assert set(ORDER) <= packages
    assert flat <= ORCHESTRATION | SHARED, "a new module belongs in a package"


@pytest.mark.parametrize("name,path", _modules(), ids=lambda v: str(v))
def test_imports_run_one_way(name: str, path: Path) -> None:
    here = _package(name)
    if not here:
        return  # the orchestration modules at the top may import anything
    wrong = []
    for target, line in _imports(path):
        there = _package(target)
        if there:
            if ORDER.index(there) > ORDER.index(here):
                wrong.append(f"line {line}: {target} ({there} comes after {here})")
        elif target.split(".")[1] not in SHARED:
            wrong.append(f"line {line}: {target} (an orchestration module)")
    assert not wrong, f"{name} imports against the flow: " + "; ".join(wrong)


def test_a_wrong_import_is_caught(tmp_path: Path) -> None:
    bad = tmp_path / "m.py"
    bad.write_text("def f():\n    from kg.query import sparql\n", encoding="utf-8")
    assert _imports(bad) == [("kg.query", 2)]


def test_mention_kinds_are_the_closed_set_the_model_declares() -> None:
    from typing import get_args

    from kg.graph.model import CORE_TYPES, Document, MentionKind
    from kg.pipeline import build_graph

    text = (
        "Jo Bloggs, the chief executive of Acme Corp, met French officials in Eastmere. "
        "The company said he would visit his daughter. It denied the report."
    )
    kg = build_graph([Document(id="d", text=text)])
    kinds = {m.kind for m in kg.mentions}
    assert {"name", "pronoun"} <= kinds <= set(get_args(MentionKind))
    assert {m.type for m in kg.mentions} <= set(CORE_TYPES) | {""}
