"""kg.query.store and ``kg build --store``: documents accumulate, re-builds replace, nothing
stale."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from sparql_data import BASE, small_kg, write

from kg.cli import cli
from kg.errors import InputError, OutputError
from kg.query import sparql
from kg.query.sparql_results import PREFIXES, SelectResult
from kg.query.store import add_graph, is_store, open_store, summary

ROOT = Path(__file__).resolve().parents[1]
ACME = ox.NamedNode(BASE + "entity/acme")
BOB = ox.NamedNode(BASE + "entity/bob-jones")
D1 = ox.NamedNode(BASE + "doc/d1")
RDF_TYPE = ox.NamedNode(PREFIXES["rdf"] + "type")
LABEL = ox.NamedNode(PREFIXES["rdfs"] + "label")


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Any]:
    s = open_store(tmp_path / "db", create=True)
    yield s
    del s
    gc.collect()


def quads(store: Any) -> set[str]:
    return {str(q) for q in store}


def objects(store: Any, s: Any, p: Any, graph: Any = None) -> list[str]:
    g = ox.DefaultGraph() if graph is None else graph
    return sorted(str(q.object) for q in store.quads_for_pattern(s, p, None, g))


def select(store: Any, query: str) -> list[tuple[str, ...]]:
    result = sparql.run(store, query)
    assert isinstance(result, SelectResult)
    return [tuple(t.value if t else "" for t in row) for row in result.rows]


def test_a_build_lands_in_its_named_graph_and_the_merge(store: Any, tmp_path: Path) -> None:
    kg = small_kg("d1")
    held = add_graph(store, kg, BASE)
    assert held.documents == 1 and held.quads == len(store)
    # exactly what the same graph loaded from a TriG file looks like to kg query
    expected = sparql.load_files([write(kg, tmp_path / "d1.trig")])
    assert quads(store) == quads(expected)


def test_rebuilding_replaces_nothing_duplicated(store: Any) -> None:
    add_graph(store, small_kg("d1"), BASE)
    once = quads(store)
    add_graph(store, small_kg("d1"), BASE)
    add_graph(store, small_kg("d1"), BASE)
    assert quads(store) == once


def test_documents_accumulate_in_any_order(tmp_path: Path) -> None:
    a, b = small_kg("d1"), small_kg("d2", with_bob=False, verb="envy")
    s1 = open_store(tmp_path / "one", create=True)
    add_graph(s1, a, BASE)
    add_graph(s1, b, BASE)
    s2 = open_store(tmp_path / "two", create=True)
    add_graph(s2, b, BASE)
    add_graph(s2, a, BASE)
    assert quads(s1) == quads(s2)
    files = sparql.load_files([write(a, tmp_path / "a.trig"), write(b, tmp_path / "b.trig")])
    assert quads(s1) == quads(files)
    assert summary(s1).documents == 2
    assert objects(s1, ACME, ox.NamedNode(PREFIXES["kgo"] + "mentionedIn")) == [
        f"<{BASE}doc/d1>",
        f"<{BASE}doc/d2>",
    ]


def test_latest_build_sets_label_and_type(store: Any) -> None:
    add_graph(store, small_kg("d1", org="Acme"), BASE)
    add_graph(store, small_kg("d2", org="Acme Corp", org_type="Group", with_bob=False), BASE)
    assert objects(store, ACME, LABEL) == ['"Acme Corp"']
    assert objects(store, ACME, RDF_TYPE) == [f"<{PREFIXES['kgo']}Group>"]
    add_graph(store, small_kg("d1", org="ACME"), BASE)
    assert objects(store, ACME, LABEL) == ['"ACME"']
    assert objects(store, ACME, RDF_TYPE) == [f"<{PREFIXES['kgo']}Organization>"]
    rows = select(store, "SELECT ?l WHERE { ?e rdfs:label ?l ; a kgo:Organization }")
    assert ("ACME",) in rows and ("Acme Corp",) not in rows


def test_what_a_rebuilt_document_no_longer_says_is_gone(store: Any) -> None:
    add_graph(store, small_kg("d1"), BASE)  # Bob leads Acme; Alice admires Acme
    add_graph(store, small_kg("d2", with_bob=False, verb="envy"), BASE)
    add_graph(store, small_kg("d1", with_bob=False, verb="adore"), BASE)
    # Bob: mentioned by no document any more: no description, no fact left anywhere
    assert not list(store.quads_for_pattern(BOB, None, None, None))
    assert not list(store.quads_for_pattern(None, None, BOB, None))
    # kgx:admire is used by no document any more; kgx:envy (d2) and kgx:adore (d1) are
    props = select(
        store, "SELECT ?p WHERE { ?p rdfs:subPropertyOf kgo:relatedTo ; rdfs:label ?l } ORDER BY ?p"
    )
    assert props == [(PREFIXES["kgx"] + "adore",), (PREFIXES["kgx"] + "envy",)]
    # "Alice works for Acme" is stated by d1 and d2: once in the merge, in both graphs
    rows = select(store, "SELECT ?s WHERE { ?s kgo:worksFor ?o }")
    assert rows == [(BASE + "entity/alice-smith",)]
    graphs = select(store, "SELECT ?g WHERE { GRAPH ?g { ?s kgo:worksFor ?o } } ORDER BY ?g")
    assert graphs == [(BASE + "doc/d1",), (BASE + "doc/d2",)]


def test_removing_a_shared_fact_from_one_document_keeps_it_for_the_other(store: Any) -> None:
    add_graph(store, small_kg("d1", verb="envy"), BASE)
    add_graph(store, small_kg("d2", verb="envy", with_bob=False), BASE)
    add_graph(store, small_kg("d1", verb="adore"), BASE)
    rows = select(store, "SELECT ?s WHERE { ?s kgx:envy ?o }")
    assert rows == [(BASE + "entity/alice-smith",)]
    add_graph(store, small_kg("d2", verb="adore", with_bob=False), BASE)
    assert select(store, "SELECT ?s WHERE { ?s kgx:envy ?o }") == []


def test_the_store_persists_and_the_rdflib_engine_agrees(tmp_path: Path) -> None:
    s = open_store(tmp_path / "db", create=True)
    add_graph(s, small_kg("d1"), BASE)
    before = quads(s)
    del s
    gc.collect()
    again = open_store(tmp_path / "db")
    assert quads(again) == before
    query = "SELECT ?e ?l WHERE { ?e rdfs:label ?l } ORDER BY ?e"
    a = sparql.run(again, query)
    b = sparql.run(sparql.store_to_rdflib(again), query, engine="rdflib")
    assert a == b


def test_open_store_refuses_what_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no store at"):
        open_store(tmp_path / "missing")
    assert not (tmp_path / "missing").exists()
    (tmp_path / "notes").mkdir()
    (tmp_path / "notes" / "a.txt").write_text("x")
    with pytest.raises(OutputError, match="not a kg store"):
        open_store(tmp_path / "notes", create=True)
    (tmp_path / "file").write_text("x")
    with pytest.raises(OutputError, match="not a directory"):
        open_store(tmp_path / "file", create=True)
    assert not is_store(tmp_path / "notes")


def test_a_locked_store_is_a_one_line_error(store: Any, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for args in (
        ["query", "--store", str(tmp_path / "db"), "ASK { ?s ?p ?o }"],
        ["build", str(tmp_path / "none.txt"), "--store", str(tmp_path / "db")],
    ):
        proc = subprocess.run(
            [sys.executable, "-m", "kg.cli", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
        )
        assert proc.returncode == 1, proc.stderr
        assert "is locked by another process" in proc.stderr
        assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr


def test_cli_build_store_twice_and_query(tmp_path: Path) -> None:
    text = tmp_path / "acme.txt"
    text.write_text("Alice Smith works for Acme Corporation in Boston. Bob Jones founded Acme.\n")
    db = tmp_path / "db"
    runner = CliRunner()
    first = runner.invoke(cli, ["build", str(text), "--store", str(db)])
    assert first.exit_code == 0, first.output
    assert "-> store" in first.output and "1 document," in first.output
    s = open_store(db)
    once = quads(s)
    del s
    gc.collect()
    out = tmp_path / "acme.ttl"
    second = runner.invoke(cli, ["build", str(text), "--store", str(db), "-o", str(out), "-q"])
    assert second.exit_code == 0 and out.is_file()
    s = open_store(db)
    assert quads(s) == once
    del s
    gc.collect()
    answer = runner.invoke(
        cli, ["query", "--store", str(db), "--format", "csv", "SELECT (COUNT(*) AS ?n) {?s ?p ?o}"]
    )
    assert answer.exit_code == 0
    assert int(answer.stdout_bytes.decode().split()[1]) > 0
    local = runner.invoke(
        cli, ["query", str(out), "--format", "csv", "SELECT (COUNT(*) AS ?n) {?s ?p ?o}"]
    )
    assert local.stdout_bytes == answer.stdout_bytes  # one document: the store is that file
