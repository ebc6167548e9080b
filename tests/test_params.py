"""kg query --var NAME=VALUE: values quoted into one RDF term, set through VALUES, on both
engines and on every parameterised query of queries/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from sparql_data import example_kg, write

from kg.cli import cli
from kg.errors import UsageError
from kg.query import sparql
from kg.query.params import bind, parse_var, term
from kg.query.sparql_results import SelectResult

QUERIES = Path(__file__).resolve().parents[1] / "queries"
GRAPH = """@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix kgo: <https://w3id.org/kg/ontology#> .
<http://example.org/kg/entity/jo> rdfs:label "Jo Bloggs" ;
    kgo:memberOf <http://example.org/kg/entity/acme> .
<http://example.org/kg/entity/odd> rdfs:label "say \\"hi\\" \\\\ } ?x" .
<http://example.org/kg/entity/acme> rdfs:label "Acme" .
"""


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("params") / "g.ttl"
    path.write_text(GRAPH, encoding="utf-8")
    return path


def test_values_become_one_term_each() -> None:
    prefixes = {"kgo": "https://w3id.org/kg/ontology#", "": "http://example.org/"}
    assert term("Jo Bloggs", prefixes) == '"Jo Bloggs"'
    assert term('a"b\\c\nd', prefixes) == '"a\\"b\\\\c\\nd"'
    assert term("kgo:memberOf", prefixes) == "<https://w3id.org/kg/ontology#memberOf>"
    assert term(":x", prefixes) == "<http://example.org/x>"
    assert (
        term("<http://example.org/kg/entity/jo>", prefixes) == "<http://example.org/kg/entity/jo>"
    )
    assert term("nope:thing", prefixes) == '"nope:thing"'  # no such prefix: a text
    assert term("kgo:a b", prefixes) == '"kgo:a b"'
    with pytest.raises(UsageError, match="bad IRI"):
        term("<http://x/> } <y>", prefixes)


def test_parse_var() -> None:
    assert parse_var("name=Jo Bloggs") == ("name", "Jo Bloggs")
    assert parse_var("$p=kgo:x=y") == ("p", "kgo:x=y")
    for bad in ("name", "=x", "two words=x", "1x=2"):
        with pytest.raises(UsageError, match="NAME=VALUE"):
            parse_var(bad)


def test_an_existing_values_block_is_replaced_and_strings_are_left_alone() -> None:
    query = (
        'SELECT * WHERE { BIND("VALUES ?name { 1 }" AS ?s) # VALUES ?name { 2 }\n'
        '  VALUES ?name { "Default" } ?e rdfs:label ?name . }'
    )
    out = bind(query, [("name", "Jo"), ("name", "Ann")])
    assert out == query.replace('{ "Default" }', '{ "Jo" "Ann" }')


def test_without_a_block_a_trailing_values_clause_is_added() -> None:
    out = bind("SELECT ?e WHERE { ?e rdfs:label ?name } ORDER BY ?e # end", [("name", "Jo")])
    assert out.endswith('# end\nVALUES ?name { "Jo" }')
    with pytest.raises(UsageError, match="no variable \\?other"):
        bind("SELECT ?e WHERE { ?e rdfs:label ?name }", [("other", "x")])
    with pytest.raises(UsageError, match="VALUES table"):
        bind("SELECT * WHERE { VALUES (?name ?x) { (1 2) } }", [("name", "x")])


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_value_cannot_escape_its_literal(graph: Path, engine: str) -> None:
    source = sparql.load_files([graph]) if engine == "oxigraph" else sparql.load_rdflib([graph])
    query = "SELECT ?e WHERE { ?e rdfs:label ?name }"
    for value, expected in [
        ("Jo Bloggs", ["jo"]),
        ('say "hi" \\ } ?x', ["odd"]),
        ('" } ?e ?p ?o . { "', []),  # an injection attempt is only a label nobody has
    ]:
        result = sparql.run(source, bind(query, [("name", value)]), engine=engine)
        assert isinstance(result, SelectResult)
        assert [row[0].value.rsplit("/", 1)[-1] for row in result.rows] == expected  # type: ignore[union-attr]


def test_cli_var_on_the_ready_queries(graph: Path) -> None:
    runner = CliRunner()
    facts = runner.invoke(
        cli,
        ["query", str(graph), "-f", str(QUERIES / "relations-of-type.rq"), "--format", "csv"],
    )
    assert facts.exit_code == 0, facts.output
    card = runner.invoke(
        cli,
        [
            "query", str(graph), "-f", str(QUERIES / "entity-card.rq"),
            "--var", "name=Jo Bloggs", "--format", "tsv",
        ],
    )  # fmt: skip
    assert card.exit_code == 0, card.output
    assert "kgo:memberOf" not in card.output  # entity-card lists names, types and links only
    assert '<http://www.w3.org/2000/01/rdf-schema#label>\t"Jo Bloggs"' in card.output


def test_every_parameterised_query_takes_its_parameter_with_var(tmp_path: Path) -> None:
    example = write(example_kg(), tmp_path / "example.trig")
    store = sparql.load_files([example])
    for path in sorted(QUERIES.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        found = re.search(r"VALUES \?(\w+) \{ ([^}]*) \}", text)
        if found is None:
            continue
        name, default = found.groups()
        assert f"--var {name}=" in text, f"{path.name}: its header shows --var {name}="
        default_rows = sparql.run(store, text).rows  # type: ignore[union-attr]
        value = default.strip().strip('"')
        same = sparql.run(store, bind(text, [(name, value)])).rows  # type: ignore[union-attr]
        assert same == default_rows and same, path.name
        none = sparql.run(store, bind(text, [(name, "no such thing")])).rows  # type: ignore[union-attr]
        assert none == [], path.name
