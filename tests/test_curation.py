"""The curation file: merge names, drop a name that is no entity, force a type, add an alias,
drop a fact; recorded in the graph; a malformed file is one line with its line number."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import cli
from kg.errors import InputError
from kg.graph.model import Entity, KnowledgeGraph, Mention, Quotation, Relation, Sentence
from kg.resolve.curation import apply, parse

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "examples" / "archive.jsonl"


def _m(entity: str, start: int = 0) -> Mention:
    return Mention("d", start, start + 1, entity, "Organization", entity=entity)


def _graph() -> KnowledgeGraph:
    s = Sentence("d", 0, 10, "x")
    return KnowledgeGraph(
        entities=(
            Entity("acme", "Acme", "Person", documents=("d",), mentions=3),
            Entity("acme-corp", "Acme Corp", "Organization", documents=("e",), mentions=2),
            Entity("jo-bloggs", "Jo Bloggs", "Person"),
            Entity("the-board", "the board", "Group"),
        ),
        relations=(
            Relation(_m("acme"), "appointed", _m("jo-bloggs"), s, "x"),
            Relation(_m("acme"), "partOf", _m("acme-corp"), s, "x"),
            Relation(_m("the-board"), "criticized", _m("jo-bloggs"), s, "x"),
            Relation(_m("jo-bloggs"), "worksFor", _m("acme-corp"), s, "x"),
        ),
        quotations=(Quotation("d", 0, 3, "Hi", s, _m("the-board")),),
    )


def test_merge_keeps_the_first_names_entity_and_moves_the_facts() -> None:
    kg = apply(_graph(), parse("- merge: [acme corp, Acme]", "c.yaml"))
    acme = next(e for e in kg.entities if e.id == "acme-corp")
    assert (acme.label, acme.type, acme.aliases, acme.documents, acme.mentions) == (
        "Acme Corp",
        "Organization",
        ("Acme",),
        ("d", "e"),
        5,
    )
    assert "acme" not in {e.id for e in kg.entities}
    facts = {(r.subject.entity, r.predicate, r.object.entity) for r in kg.relations}
    assert ("acme-corp", "appointed", "jo-bloggs") in facts
    assert not any(s == o for s, _, o in facts)  # "Acme partOf Acme Corp" became reflexive
    assert kg.curation[0].entities == ("acme-corp",)


def test_not_entity_removes_the_node_its_facts_and_its_quotes_speaker() -> None:
    kg = apply(_graph(), parse("- not-entity: The Board", "c.yaml"))
    assert "the-board" not in {e.id for e in kg.entities}
    assert all("the-board" not in (r.subject.entity, r.object.entity) for r in kg.relations)
    assert kg.quotations[0].speaker is None


def test_type_alias_and_drop() -> None:
    text = (
        "- type: [Acme, Organization]\n"
        "- alias: [Jo Bloggs, J. Bloggs, Ms Bloggs]\n"
        "- drop: [Jo Bloggs, kgo:worksFor, Acme Corp]\n"
    )
    kg = apply(_graph(), parse(text, "c.yaml"))
    by_id = {e.id: e for e in kg.entities}
    assert by_id["acme"].type == "Organization"
    assert by_id["jo-bloggs"].aliases == ("J. Bloggs", "Ms Bloggs")
    assert ("jo-bloggs", "worksFor", "acme-corp") not in {
        (r.subject.entity, r.predicate, r.object.entity) for r in kg.relations
    }


def test_actions_apply_in_a_fixed_order_and_a_type_follows_a_merge() -> None:
    text = "- type: [Acme, Group]\n- merge: [Acme Corp, Acme]\n"
    kg = apply(_graph(), parse(text, "c.yaml"))
    assert next(e for e in kg.entities if e.id == "acme-corp").type == "Group"


def test_a_name_that_matches_nothing_is_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    import kg.resolve.curation

    said: list[str] = []
    monkeypatch.setattr(kg.resolve.curation.log, "warning", lambda fmt, *a: said.append(fmt % a))
    graph = apply(_graph(), parse("# notes\n- not-entity: Nobody\n", "c.yaml"))
    assert len(graph.entities) == 4
    assert said == ["c.yaml:2: not-entity: no entity is named 'Nobody' in this build"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- merge: [A]", "c.yaml:1: merge: give two names or more, got 1 item"),
        ("\n- oops: [A, B]", "c.yaml:2: unknown action 'oops'"),
        ("- type: [A, Company]", "c.yaml:1: type: Company is no core class"),
        ("merge: [A, B]", "c.yaml:1: a curation file is a list of actions"),
        ("- merge: [A, B]\n- drop: [A, B", "c.yaml:2: not valid YAML"),
        ("- drop: [A, B]", "c.yaml:1: drop: give a subject, a predicate and an object"),
        ("- alias: {A: B}", "c.yaml:1: alias: give a name or a list of names"),
        ("- merge: [A, B]\n  type: [A, Place]", "c.yaml:1: each item is one action"),
    ],
)
def test_errors_give_the_line(text: str, message: str) -> None:
    with pytest.raises(InputError) as err:
        parse(text, "c.yaml")
    assert str(err.value).startswith(message)


def test_kg_build_curation_is_applied_and_recorded(tmp_path: Path) -> None:
    curation = tmp_path / "fix.yaml"
    curation.write_text(
        "- merge: [Acme Corp, Acme Corporation]\n- type: [Eastmere, Place]\n", encoding="utf-8"
    )
    out = tmp_path / "g.ttl"
    result = CliRunner().invoke(
        cli,
        ["build", str(ARCHIVE), "--curation", str(curation), "-o", str(out), "-q"],
    )
    assert result.exit_code == 0, result.output
    from rdflib import PROV, RDF, RDFS, Graph, URIRef

    g = Graph().parse(out)
    acme = URIRef("http://example.org/kg/entity/acme-corp")
    eastmere = URIRef("http://example.org/kg/entity/eastmere")
    kgo = "https://w3id.org/kg/ontology#"
    assert (eastmere, RDF.type, URIRef(kgo + "Place")) in g
    assert (URIRef("http://example.org/kg/entity/acme-corporation"), None, None) not in g
    (activity,) = g.subjects(RDF.type, PROV.Activity)
    assert (acme, PROV.wasInfluencedBy, activity) in g
    assert str(g.value(activity, RDFS.label)) == "curation fix.yaml"


def test_kg_build_refuses_a_bad_curation_file_before_building(tmp_path: Path) -> None:
    curation = tmp_path / "fix.yaml"
    curation.write_text("- merge: [A, B]\n- type: [A, Firm]\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["build", str(ARCHIVE), "--curation", str(curation)])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        f"kg: error: {curation}:2: type: Firm is no core class; use one of "
        "Person, Organization, Place, Product, Event, Group"
    ]
