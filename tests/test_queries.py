"""queries/: every ready SPARQL example runs on the example article with both engines, answers
something, and the two answers are the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from sparql_data import example_kg, write

from kg.query import sparql
from kg.query.sparql_results import AskResult, GraphResult, SelectResult, normalised

QUERIES = sorted((Path(__file__).resolve().parents[1] / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def example(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(example_kg(), tmp_path_factory.mktemp("queries") / "example.trig")


@pytest.fixture(scope="module")
def engines(example: Path) -> dict[str, object]:
    return {"oxigraph": sparql.load_files([example]), "rdflib": sparql.load_rdflib([example])}


def test_the_examples_asked_for_are_there() -> None:
    names = {p.stem for p in QUERIES}
    assert {"entity-facts", "who-said-what", "relations-of-type", "two-hops"} <= names


@pytest.mark.parametrize("path", QUERIES, ids=[p.stem for p in QUERIES])
def test_query_runs_on_both_engines_non_empty_and_equal(
    path: Path, engines: dict[str, object]
) -> None:
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert len(header) >= 2 and any("kg query" in line for line in header), "comment header"
    results = {name: sparql.run(source, text, engine=name) for name, source in engines.items()}
    ox_result = results["oxigraph"]
    if isinstance(ox_result, SelectResult):
        assert ox_result.rows, f"{path.name} answers nothing on the example article"
    elif isinstance(ox_result, GraphResult):
        assert ox_result.triples
    else:
        assert isinstance(ox_result, AskResult)
    assert normalised(ox_result) == normalised(results["rdflib"])
    if isinstance(ox_result, SelectResult) and "ORDER BY" in text:
        # ordered queries give the rows in the same order with both engines
        assert ox_result.rows == results["rdflib"].rows  # type: ignore[union-attr]
