"""kg.query.sparql and ``kg query``: two engines, one answer; result formats checked against
Oxigraph's
own serialisers and parsers; syntax errors with line and column."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from sparql_data import example_kg, small_kg, write

from kg.cli import cli
from kg.errors import GraphError, InputError, UsageError
from kg.graph.model import KnowledgeGraph
from kg.query import sparql
from kg.query.sparql_results import (
    PREFIXES,
    AskResult,
    GraphResult,
    SelectResult,
    normalised,
    to_csv,
    to_json,
    to_rdf,
    to_tsv,
    to_xml,
)

ROOT = Path(__file__).resolve().parents[1]

QUERIES = [
    "SELECT ?e ?label ?type WHERE { ?e a ?type ; rdfs:label ?label } ORDER BY ?e ?type",
    "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
    "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
    "SELECT ?s ?p ?o ?c WHERE { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;"
    " kgo:confidence ?c } ORDER BY ?s ?p ?o",
    "SELECT ?who ?text WHERE { ?who kgo:said ?q . ?q kgo:text ?text } ORDER BY ?text",
    "SELECT ?e ?alias WHERE { ?e rdfs:label ?l OPTIONAL { ?e skos:altLabel ?alias } }",
    "SELECT * WHERE { ?zed ?p ?a OPTIONAL { ?a rdfs:label ?b } } ORDER BY ?zed ?p ?a",
    "ASK { ?s kgo:worksFor ?o }",
    "ASK { ?s kgo:banned ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o FILTER(isIRI(?o)) }",
    "CONSTRUCT { ?o kgx:hasWorker ?s } WHERE { ?s kgo:worksFor ?o }",
]


def two_docs() -> KnowledgeGraph:
    a, b = small_kg("d1"), small_kg("d2", with_bob=False)
    return KnowledgeGraph(
        documents=a.documents + b.documents,
        sentences=a.sentences + b.sentences,
        entities=a.entities,
        relations=a.relations + b.relations,
        quotations=a.quotations + b.quotations,
    )


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("sparql")
    kg = two_docs()
    return {ext: write(kg, d / f"g.{ext}") for ext in ("ttl", "nt", "nq", "trig", "jsonld")}


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("ext", ["ttl", "trig"])
def test_engines_agree(files: dict[str, Path], query: str, ext: str) -> None:
    ox_result = sparql.run(sparql.load_files([files[ext]]), query)
    rdflib_result = sparql.run(sparql.load_rdflib([files[ext]]), query, engine="rdflib")
    assert normalised(ox_result) == normalised(rdflib_result)
    if isinstance(ox_result, SelectResult) and "GRAPH" not in query:
        assert ox_result.rows, "every select of this list has an answer"


def test_engines_agree_on_the_example_article(tmp_path: Path) -> None:
    path = write(example_kg(), tmp_path / "ex.trig")
    for query in QUERIES:
        a = sparql.run(sparql.load_files([path]), query)
        b = sparql.run(sparql.load_rdflib([path]), query, engine="rdflib")
        assert normalised(a) == normalised(b), query


def test_every_format_answers_the_same(files: dict[str, Path]) -> None:
    query = QUERIES[0]
    expected = normalised(sparql.run(sparql.load_files([files["ttl"]]), query))
    for path in files.values():
        assert normalised(sparql.run(sparql.load_files([path]), query)) == expected, path


def test_default_graph_is_the_merge_a_set(files: dict[str, Path]) -> None:
    # d1 and d2 both state "alice worksFor acme": in two named graphs, once in the default graph
    query = "SELECT ?s WHERE { ?s kgo:worksFor ?o }"
    for engine, source in (
        ("oxigraph", sparql.load_files([files["trig"]])),
        ("rdflib", sparql.load_rdflib([files["trig"]])),
    ):
        result = sparql.run(source, query, engine=engine)
        assert isinstance(result, SelectResult)
        assert len(result.rows) == 1, engine
        per_graph = sparql.run(
            source, "SELECT ?g WHERE { GRAPH ?g { ?s kgo:worksFor ?o } }", engine=engine
        )
        assert isinstance(per_graph, SelectResult)
        assert sorted(str(r[0].value) for r in per_graph.rows if r[0]) == [
            "http://example.org/kg/doc/d1",
            "http://example.org/kg/doc/d2",
        ]


def test_two_files_are_queried_together(tmp_path: Path) -> None:
    a = write(small_kg("d1"), tmp_path / "a.ttl")
    b = write(small_kg("d9", org="Initech", with_bob=False), tmp_path / "b.nt")
    query = "SELECT DISTINCT ?d WHERE { ?e kgo:mentionedIn ?d } ORDER BY ?d"
    for engine, source in (
        ("oxigraph", sparql.load_files([a, b])),
        ("rdflib", sparql.load_rdflib([a, b])),
    ):
        result = sparql.run(source, query, engine=engine)
        assert isinstance(result, SelectResult)
        assert [r[0].value for r in result.rows if r[0]] == [
            "http://example.org/kg/doc/d1",
            "http://example.org/kg/doc/d9",
        ]


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_predeclared_prefixes_and_the_query_wins(files: dict[str, Path], engine: str) -> None:
    source = (
        sparql.load_files([files["ttl"]])
        if engine == "oxigraph"
        else sparql.load_rdflib([files["ttl"]])
    )
    used = sparql.run(source, "ASK { ?s a kgo:Person ; rdfs:label ?l }", engine=engine)
    assert used == AskResult(True)
    overridden = sparql.run(
        source, "PREFIX kgo: <http://nothing.example/> ASK { ?s a kgo:Person }", engine=engine
    )
    assert overridden == AskResult(False)
    assert set(PREFIXES) == {
        "kgo", "kgx", "nif", "prov", "dcterms", "skos", "owl", "rdfs", "rdf", "xsd", "schema",
    }  # fmt: skip


@pytest.mark.parametrize(("engine", "line", "column"), [("oxigraph", 3, None), ("rdflib", 2, 2)])
def test_syntax_errors_have_line_and_column(
    files: dict[str, Path], engine: str, line: int, column: int | None
) -> None:
    source = (
        sparql.load_files([files["ttl"]])
        if engine == "oxigraph"
        else sparql.load_rdflib([files["ttl"]])
    )
    with pytest.raises(sparql.QuerySyntaxError) as info:
        sparql.run(source, "SELECT ?x WHERE {\n ?x ?y\n}", engine=engine)
    assert info.value.line == line
    if column is not None:
        assert info.value.column == column
    assert f"line {line}, column {info.value.column}" in str(info.value)
    assert "\n" not in str(info.value)


def test_update_is_not_a_query(files: dict[str, Path]) -> None:
    store = sparql.load_files([files["ttl"]])
    with pytest.raises(sparql.QuerySyntaxError):
        sparql.run(store, "INSERT DATA { <http://a.example/> <http://b.example/> 1 }")
    assert len(store) > 0


def test_limit_truncates(files: dict[str, Path]) -> None:
    store = sparql.load_files([files["ttl"]])
    result = sparql.run(store, "SELECT * WHERE { ?s ?p ?o }", limit=3)
    assert isinstance(result, SelectResult)
    assert len(result.rows) == 3 and result.truncated
    whole = sparql.run(store, "SELECT * WHERE { ?s ?p ?o }", limit=100_000)
    assert isinstance(whole, SelectResult) and not whole.truncated


def test_bad_files_are_typed_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ttl"
    bad.write_text("<http://a.example/> <http://b.example/> .\n")
    with pytest.raises(GraphError, match="cannot parse"):
        sparql.load_files([bad])
    with pytest.raises(InputError, match="no such graph file"):
        sparql.load_files([tmp_path / "missing.ttl"])
    with pytest.raises(UsageError, match="unknown RDF file extension"):
        sparql.load_files([tmp_path / "x.docx"])


# ---- result formats, against Oxigraph's serialisers and parsers -------------------------------

TRICKY = """
PREFIX ex: <http://example.org/>
SELECT ?s ?o ?missing WHERE { ?s ex:p ?o } ORDER BY ?o
"""


@pytest.fixture(scope="module")
def tricky_store() -> ox.Store:
    store = ox.Store()
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    xsd = "http://www.w3.org/2001/XMLSchema#"
    for o in (
        ox.Literal('tab\tnew\nline "quoted", comma; é ✓'),
        ox.Literal("hello", language="en-GB"),
        ox.Literal("0.75", datatype=ox.NamedNode(xsd + "decimal")),
        ox.Literal("12", datatype=ox.NamedNode(xsd + "integer")),
        ox.Literal("true", datatype=ox.NamedNode(xsd + "boolean")),
        ox.Literal("2024-01-31", datatype=ox.NamedNode(xsd + "date")),
        ox.NamedNode("http://example.org/o?a=1&b=%3C2%3E"),
        ox.BlankNode("b1"),
    ):
        store.add(ox.Quad(s, p, o))
    return store


@pytest.mark.parametrize(
    ("writer", "fmt"),
    [
        (to_json, ox.QueryResultsFormat.JSON),
        (to_xml, ox.QueryResultsFormat.XML),
        (to_tsv, ox.QueryResultsFormat.TSV),
    ],
)
def test_results_parse_back_in_oxigraph(
    tricky_store: ox.Store, writer: object, fmt: object
) -> None:
    ours = writer(sparql.run(tricky_store, TRICKY))  # type: ignore[operator]
    theirs = tricky_store.query(TRICKY).serialize(format=fmt)  # type: ignore[arg-type]
    parsed_ours = [list(s) for s in ox.parse_query_results(ours.encode("utf-8"), format=fmt)]
    parsed_theirs = [list(s) for s in ox.parse_query_results(theirs, format=fmt)]
    assert parsed_ours == parsed_theirs and len(parsed_ours) == 8


def test_csv_is_oxigraphs_csv(tricky_store: ox.Store) -> None:
    ours = to_csv(sparql.run(tricky_store, TRICKY))
    theirs = tricky_store.query(TRICKY).serialize(format=ox.QueryResultsFormat.CSV).decode()
    assert ours == theirs
    rows = list(csv.reader(io.StringIO(ours, newline="")))
    assert rows[0] == ["s", "o", "missing"] and len(rows) == 9


def test_json_of_ask_and_tsv_of_select_are_spec_shaped(tricky_store: ox.Store) -> None:
    assert json.loads(to_json(AskResult(True))) == {"head": {}, "boolean": True}
    tsv = to_tsv(sparql.run(tricky_store, TRICKY)).splitlines()
    assert tsv[0] == "?s\t?o\t?missing"
    assert "\t0.75\t" in "\n".join(tsv)
    assert '"hello"@en-gb' in "\n".join(tsv)


def test_constructed_graph_parses_back(files: dict[str, Path]) -> None:
    result = sparql.run(sparql.load_files([files["ttl"]]), QUERIES[-2])
    assert isinstance(result, GraphResult) and result.triples
    for fmt, rdflib_fmt in (("ttl", "turtle"), ("nt", "nt")):
        g = rdflib.Graph().parse(data=to_rdf(result, fmt).decode(), format=rdflib_fmt)
        assert len(g) == len(set(result.triples))


# ---- the command ------------------------------------------------------------------------------


def test_cli_table_csv_json(files: dict[str, Path]) -> None:
    runner = CliRunner()
    query = "SELECT ?name WHERE { ?e a kgo:Person ; rdfs:label ?name } ORDER BY ?name"
    table = runner.invoke(cli, ["query", str(files["ttl"]), query])
    assert table.exit_code == 0, table.output
    assert table.output.splitlines() == [
        "name",
        "-----------",
        "Alice Smith",
        "Bob Jones",
        "(2 rows)",
    ]
    out = runner.invoke(cli, ["query", str(files["trig"]), query, "--format", "csv"])
    assert out.stdout_bytes == b"name\r\nAlice Smith\r\nBob Jones\r\n"
    out = runner.invoke(
        cli, ["query", str(files["nq"]), query, "--format", "json", "--engine", "rdflib"]
    )
    names = [b["name"]["value"] for b in json.loads(out.output)["results"]["bindings"]]
    assert names == ["Alice Smith", "Bob Jones"]


def test_cli_query_file_ask_and_construct(files: dict[str, Path], tmp_path: Path) -> None:
    runner = CliRunner()
    rq = tmp_path / "q.rq"
    rq.write_text(
        "# who works where\nCONSTRUCT { ?o kgx:hasWorker ?s } WHERE { ?s kgo:worksFor ?o }\n"
    )
    out = runner.invoke(cli, ["query", str(files["ttl"]), "-f", str(rq)])
    assert out.exit_code == 0
    g = rdflib.Graph().parse(data=out.output, format="turtle")
    assert len(g) == 1
    out = runner.invoke(cli, ["query", str(files["ttl"]), "-f", str(rq), "--format", "nt"])
    assert out.output.count(" .\n") == 1
    ask = runner.invoke(cli, ["query", str(files["ttl"]), "ASK { ?s kgo:banned ?o }"])
    assert ask.output == "false\n"


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (["SELECT ?x WHERE {\n ?x ?y\n}"], 1, "line 3, column"),
        (["--engine", "rdflib", "SELECT ?x WHERE {\n ?x ?y\n}"], 1, "line 2, column 2"),
        (["--format", "ttl", "SELECT * WHERE { ?s ?p ?o }"], 2, "use table, csv"),
        (["--format", "csv", "CONSTRUCT WHERE { ?s ?p ?o }"], 2, "use --format ttl or nt"),
        (["--store", "x", "ASK {}"], 2, "not both"),
    ],
)
def test_cli_errors_are_one_line(
    files: dict[str, Path], args: list[str], code: int, needle: str
) -> None:
    out = CliRunner().invoke(cli, ["query", str(files["ttl"]), *args])
    assert out.exit_code == code, out.output
    assert needle in out.output
    assert out.output.count("\n") == 1 and "Traceback" not in out.output


def test_cli_missing_inputs(tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(cli, ["query", str(tmp_path / "none.ttl"), "ASK {}"])
    assert out.exit_code == 1 and "no such graph file" in out.output
    out = runner.invoke(cli, ["query", "--store", str(tmp_path / "nostore"), "ASK {}"])
    assert out.exit_code == 1 and "no store at" in out.output
    assert not (tmp_path / "nostore").exists()
    out = runner.invoke(cli, ["query", "ASK {}"])
    assert out.exit_code == 2
    out = runner.invoke(cli, ["query", str(tmp_path), "ASK {}"])
    assert out.exit_code == 2 and f"give --store {tmp_path}" in out.output
    out = runner.invoke(cli, ["query", str(tmp_path / "none.ttl"), "-f", str(tmp_path / "q.rq")])
    assert out.exit_code == 1 and "no such query file" in out.output


def test_an_rdflib_evaluation_failure_is_a_typed_error(files: dict[str, Path]) -> None:
    # rdflib 7 fails on DISTINCT aggregates over unbound values (Oxigraph answers)
    query = (
        'SELECT ?e (GROUP_CONCAT(DISTINCT ?v; SEPARATOR=" ") AS ?x) WHERE { ?e rdfs:label ?l '
        "OPTIONAL { ?e owl:sameAs ?same BIND(STR(?same) AS ?v) } } GROUP BY ?e"
    )
    assert isinstance(sparql.run(sparql.load_files([files["ttl"]]), query), SelectResult)
    with pytest.raises(GraphError, match="the query failed in rdflib"):
        sparql.run(sparql.load_rdflib([files["ttl"]]), query, engine="rdflib")


DEEP = "ASK { FILTER(" + "(" * 5000 + "true" + ")" * 5000 + ") }"


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_cli_query_refuses_a_deeply_nested_query_in_one_line(
    files: dict[str, Path], engine: str
) -> None:
    # before the nesting bound, 5,000 brackets overflowed Oxigraph's parser: a segfault
    proc = subprocess.run(
        [sys.executable, "-m", "kg.cli", "query", "--engine", engine, str(files["ttl"]), DEEP],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 1, proc.stderr[-300:]
    assert proc.stderr.count("\n") == 1
    assert "nested too deeply" in proc.stderr and "line 1, column" in proc.stderr


@pytest.mark.parametrize(
    "query",
    [
        # brackets, keywords and operators inside strings, IRIs and comments do not count
        "ASK { FILTER('" + "(" * 5000 + "' != ?x) }",
        'ASK { FILTER("""a""b\n' + "{[(" * 2000 + '""" != ?x) }',
        "ASK { <http://example.org/" + "(" * 5000 + "> ?p ?o }",
        "ASK { ?s ?p ?o } # " + "UNION (" * 5000,
        # nor do long lists: VALUES rows and IN
        "SELECT * { VALUES (?a ?b) { " + "(1 2) " * 3000 + "} }",
        "ASK { FILTER(1 IN (" + ", ".join(["2"] * 5000) + ")) }",
        # 100 levels is fine
        "ASK { FILTER(" + "(" * 100 + "true" + ")" * 100 + ") }",
    ],
)
def test_complexity_bound_leaves_ordinary_queries_alone(query: str) -> None:
    sparql.check_complexity(query)
    result = sparql.run(ox.Store(), query)
    assert result is not None


@pytest.mark.parametrize(
    ("query", "needle"),
    [
        (DEEP, "nested too deeply"),
        ("ASK { " + "[ <http://example.org/p> " * 300 + "}", "nested too deeply"),
        ("ASK {" + " {" * 300 + " }" * 300 + " }", "nested too deeply"),
        # flat but long chains fold into trees as deep as they are long (crashed at ~2,500)
        ("ASK { ?s ?p ?o " + "BIND(1 AS ?v) " * 2600 + "}", "too long"),
        ("ASK { " + " UNION ".join(["{ ?s ?p ?o }"] * 7000) + " }", "too long"),
        ("ASK { FILTER(" + " || ".join(["false"] * 10000) + ") }", "too long"),
    ],
)
def test_too_complex_queries_are_refused_before_parsing(query: str, needle: str) -> None:
    with pytest.raises(sparql.QuerySyntaxError, match=needle):
        sparql.run(ox.Store(), query)


def test_service_can_be_refused() -> None:
    query = "SELECT * { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    assert sparql.uses_service(query)
    with pytest.raises(sparql.ServiceRefused, match="--allow-service"):
        sparql.run(ox.Store(), query, allow_service=False)
    assert not sparql.uses_service("SELECT ?service { ?service ex:service 'SERVICE' }")
