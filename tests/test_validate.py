"""kg validate: SHACL (pySHACL) with ontology/shapes.ttl plus the provenance check; every export
format of a graph conforms, broken graphs fail with a clear line per violation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import RDF, RDFS, Graph, Literal, URIRef
from rdflib.namespace import PROV
from test_convert import RDF as RDF_FORMATS
from test_convert import make_kg, write_exports

from kg.analysis import validate as v
from kg.cli import cli
from kg.errors import GraphError, InputError
from kg.graph.rdf import DEFAULT_BASE, to_graph
from kg.graph.vocab import KGO

FIXTURES = Path(__file__).resolve().parent / "fixtures"
E = DEFAULT_BASE + "entity/"
ZOE, ACME, PARIS = URIRef(E + "zoë-müller"), URIRef(E + "acme-rockets-corp"), URIRef(E + "paris")

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's quad parsers


def _graph() -> Graph:
    return to_graph(make_kg())


def _statement(g: Graph, s: URIRef, p: URIRef, o: URIRef) -> URIRef:
    (node,) = [
        st
        for st in g.subjects(RDF.subject, s)
        if (st, RDF.predicate, p) in g and (st, RDF.object, o) in g
    ]
    assert isinstance(node, URIRef)
    return node


def _write(tmp_path: Path, g: Graph, name: str = "g.ttl") -> Path:
    path = tmp_path / name
    g.serialize(path, format={"ttl": "turtle", "nt": "nt"}[path.suffix[1:]], encoding="utf-8")
    return path


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["validate", *args])
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------------------------
# Conforming graphs


def test_a_kg_graph_conforms() -> None:
    report = v.validate(_graph())
    assert report.conforms, v.format_report(report)
    assert report.count("Violation") == 0 and report.count("Warning") == 0
    assert report.shapes == "shapes.ttl" and report.triples == len(_graph())


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_every_export_format_conforms(tmp_path: Path, fmt: str) -> None:
    path = write_exports(tmp_path)[fmt]
    code, out, err = _run(str(path))
    assert code == 0, out + err
    assert out.splitlines()[-1].startswith("conforms: 0 violations, 0 warnings (")
    assert err == ""


@pytest.fixture(scope="module")
def article_exports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture article built by the real pipeline, in every RDF format."""
    from kg.io.readers import read_documents
    from kg.pipeline import BuildOptions, build_graph

    kg = build_graph(
        read_documents([str(FIXTURES / "taliban-twitter-threads.txt")]), BuildOptions()
    )
    assert kg.entities and kg.relations
    return write_exports(tmp_path_factory.mktemp("article"), kg)


@pytest.mark.parametrize("fmt", sorted(RDF_FORMATS))
def test_the_built_article_conforms_in_every_format(
    article_exports: dict[str, Path], fmt: str
) -> None:
    code, out, err = _run(str(article_exports[fmt]))
    assert code == 0, out + err
    assert out.splitlines()[-1].startswith("conforms: 0 violations, ")
    for line in out.splitlines()[:-1]:  # domain and range mismatches are warnings, allowed
        assert line.startswith("warning "), line


# --------------------------------------------------------------------------------------------
# Broken graphs


def test_missing_label_is_a_violation(tmp_path: Path) -> None:
    g = _graph()
    g.remove((ZOE, RDFS.label, None))
    code, out, err = _run(str(_write(tmp_path, g)))
    assert code == 1
    (line,) = [x for x in out.splitlines() if x.startswith("violation")]
    assert f"<{ZOE}>" in line and "rdfs:label" in line
    assert "exactly one rdfs:label" in line
    assert out.splitlines()[-1].startswith("does not conform: 1 violation, 0 warnings")
    assert "does not conform to the shapes: 1 violation" in err
    assert err.startswith("kg: error: ") and len(err.strip().splitlines()) == 1


def test_two_labels_and_empty_label(tmp_path: Path) -> None:
    g = _graph()
    g.add((ZOE, RDFS.label, Literal("Zoe Mueller")))
    g.set((ACME, RDFS.label, Literal("")))
    report = v.validate(g)
    assert {(f.focus, f.path) for f in report.findings if f.severity == "Violation"} == {
        (f"<{ZOE}>", "rdfs:label"),
        (f"<{ACME}>", "rdfs:label"),
    }


def test_confidence_out_of_range_is_a_violation(tmp_path: Path) -> None:
    g = _graph()
    st = _statement(g, ZOE, KGO.visited, PARIS)
    decimal = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
    g.set((st, KGO.confidence, Literal("1.5", datatype=decimal)))
    code, out, _ = _run(str(_write(tmp_path, g, "g.nt")))
    assert code == 1
    (line,) = [x for x in out.splitlines() if x.startswith("violation")]
    assert f"<{st}>" in line and "kgo:confidence" in line and "in [0, 1]" in line
    assert 'value "1.5"^^xsd:decimal' in line


def test_dropped_provenance_node_is_a_violation(tmp_path: Path) -> None:
    g = _graph()
    st = _statement(g, ZOE, KGO.leaderOf, ACME)
    g.remove((st, None, None))
    code, out, err = _run(str(_write(tmp_path, g)))
    assert code == 1
    (line,) = [x for x in out.splitlines() if x.startswith("violation")]
    assert f"<{ZOE}>" in line and "kgo:leaderOf" in line and f"value <{ACME}>" in line
    assert "without provenance" in line
    assert "1 violation" in err


def test_statement_without_its_sentence_is_a_violation() -> None:
    g = _graph()
    st = _statement(g, ZOE, KGO.leaderOf, ACME)
    g.remove((st, PROV.wasDerivedFrom, None))
    report = v.validate(g)
    found = {(f.focus, f.path, f.shape) for f in report.findings if f.severity == "Violation"}
    assert (f"<{st}>", "prov:wasDerivedFrom", "kgsh:RelationStatementShape") in found
    assert (f"<{ZOE}>", "kgo:leaderOf", v.PROVENANCE_CHECK) in found  # no longer provenance


def test_provenance_of_another_subject_does_not_count() -> None:
    """A statement about (X, p, o) is no provenance for (Y, p, o)."""
    g = _graph()
    st = _statement(g, ZOE, KGO.leaderOf, ACME)
    g.set((st, RDF.subject, URIRef(E + "bob-o-neil")))
    found = v.provenance_findings(g)
    assert [(f.focus, f.path, f.value) for f in found] == [
        (f"<{ZOE}>", "kgo:leaderOf", f"<{ACME}>")
    ]


def test_two_core_classes_and_no_core_class(tmp_path: Path) -> None:
    g = _graph()
    g.add((ZOE, RDF.type, KGO.Organization))
    loose = URIRef(E + "loose")
    g.add((loose, RDF.type, KGO.Entity))
    g.add((loose, RDFS.label, Literal("Loose")))
    report = v.validate(g)
    messages = {f.focus: f.message for f in report.findings if f.path == "rdf:type"}
    assert set(messages) == {f"<{ZOE}>", f"<{loose}>"}
    assert all("exactly one core class" in m for m in messages.values())


def test_quotation_without_text_is_a_violation() -> None:
    g = _graph()
    (quote,) = g.subjects(RDF.type, KGO.Statement)
    g.remove((quote, KGO.text, None))
    report = v.validate(g)
    assert not report.conforms
    (finding,) = report.findings
    assert (finding.focus, finding.path) == (f"<{quote}>", "kgo:text")
    assert "quotation has one kgo:text" in finding.message


def test_domain_mismatch_is_a_warning_and_conforms(tmp_path: Path) -> None:
    g = _graph()
    g.remove((PARIS, RDF.type, None))
    g.add((PARIS, RDF.type, KGO.Person))  # the object of visited should be a Place
    code, out, err = _run(str(_write(tmp_path, g)))
    assert code == 0, out + err
    (line,) = out.splitlines()[:-1]
    assert line.startswith("warning ") and f"<{PARIS}>" in line
    assert "the object of kgo:visited should be one of: Place, Organization" in line
    assert out.splitlines()[-1].startswith("conforms: 0 violations, 1 warning (")


def test_json_report(tmp_path: Path) -> None:
    g = _graph()
    g.remove((ZOE, RDFS.label, None))
    code, out, _ = _run(str(_write(tmp_path, g)), "--json")
    assert code == 1
    data = json.loads(out)
    assert data["conforms"] is False and data["violations"] == 1 and data["warnings"] == 0
    assert data["triples"] == len(g) and data["shapes"] == "shapes.ttl"
    (result,) = data["results"]
    assert set(result) == {"severity", "focus", "path", "value", "message", "shape"}
    assert result["severity"] == "Violation" and result["path"] == "rdfs:label"


def test_report_is_sorted_and_deterministic() -> None:
    g = _graph()
    for entity in (ZOE, ACME, PARIS):
        g.remove((entity, RDFS.label, None))
    g.remove((PARIS, RDF.type, None))
    g.add((PARIS, RDF.type, KGO.Product))
    one, two = v.validate(g), v.validate(g)
    assert one == two
    severities = [f.severity for f in one.findings]
    assert severities == sorted(severities, key=v.SEVERITIES.index)
    violations = [f.focus for f in one.findings if f.severity == "Violation"]
    assert violations == sorted(violations)


# --------------------------------------------------------------------------------------------
# Shapes files


def test_custom_shapes(tmp_path: Path) -> None:
    shapes = tmp_path / "mine.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix kgo: <https://w3id.org/kg/ontology#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<urn:x:PersonAlias> a sh:NodeShape ; sh:targetClass kgo:Person ;\n"
        '  sh:property [ sh:path skos:altLabel ; sh:minCount 1 ; sh:message "no alias" ] .\n',
        encoding="utf-8",
    )
    code, out, _ = _run(str(_write(tmp_path, _graph())), "--shapes", str(shapes))
    assert code == 1
    lines = out.splitlines()
    assert (
        lines[0].startswith("violation") and "skos:altLabel" in lines[0] and "no alias" in lines[0]
    )
    assert lines[-1].endswith(", mine.ttl)")


def test_missing_or_broken_shapes_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such shapes file"):
        v.load_shapes(tmp_path / "nope.ttl")
    bad = tmp_path / "bad.ttl"
    bad.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(GraphError, match="cannot parse the shapes file"):
        v.load_shapes(bad)
    code, _, err = _run(str(_write(tmp_path, _graph())), "--shapes", str(bad))
    assert code == 1 and "cannot parse the shapes file" in err


def test_missing_graph_file(tmp_path: Path) -> None:
    code, _, err = _run(str(tmp_path / "nope.ttl"))
    assert code == 1 and "no such graph file" in err


def test_component_names_without_messages() -> None:
    from rdflib.namespace import SH

    assert v._component_name(SH.MinCountConstraintComponent) == "fails sh:minCount"
    assert v._component_name(None) == "does not conform"
