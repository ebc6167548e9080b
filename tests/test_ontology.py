"""The ontology files: they parse, they match the shared inventory, and KGO knows their terms."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from rdflib import OWL, RDF, RDFS, SH, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection

from kg.graph import ontology, vocab

SHARED = Path(__file__).resolve().parents[2] / "shared"
RELATIONS_TSV = SHARED / "ontology" / "relations.tsv"
KGO = vocab.KGO_IRI


def _ttl() -> Graph:
    return Graph().parse(ontology.ontology_path(), format="turtle")


def _classes(g: Graph, node: object) -> set[str]:
    if node is None:
        return set()
    if isinstance(node, BNode):
        union = g.value(node, OWL.unionOf)
        assert union is not None
        return {str(m)[len(KGO) :] for m in Collection(g, union)}
    return {str(node)[len(KGO) :]}


def _shared_rows() -> list[dict[str, str]]:
    if not RELATIONS_TSV.is_file():
        pytest.skip(f"{RELATIONS_TSV} is absent")
    with RELATIONS_TSV.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_ontology_and_shapes_parse() -> None:
    g = _ttl()
    assert (URIRef("https://w3id.org/kg/ontology"), RDF.type, OWL.Ontology) in g
    shapes = Graph().parse(ontology.shapes_path(), format="turtle")
    assert set(shapes.subjects(RDF.type, SH.NodeShape))


def test_every_shared_row_is_a_property_with_the_same_definition() -> None:
    rows = _shared_rows()
    g = _ttl()
    by_name = {row["name"]: row for row in rows}
    for name, row in by_name.items():
        prop = URIRef(KGO + name)
        assert (prop, RDF.type, OWL.ObjectProperty) in g, name
        assert str(g.value(prop, RDFS.label)) == row["label"], name
        any_ = set() if row["domain"] == "any" else set(row["domain"].split("|"))
        assert _classes(g, g.value(prop, RDFS.domain)) == any_, name
        any_ = set() if row["range"] == "any" else set(row["range"].split("|"))
        assert _classes(g, g.value(prop, RDFS.range)) == any_, name
        symmetric = (prop, RDF.type, OWL.SymmetricProperty) in g
        assert symmetric == (row["symmetric"] == "yes"), name
    # and vice versa: the ontology's inventory is exactly the shared one
    assert set(ontology.inventory()) == set(by_name)
    for name, spec in ontology.inventory().items():
        row = by_name[name]
        assert spec.label == row["label"]
        assert spec.symmetric == (row["symmetric"] == "yes")
        assert "|".join(spec.domain) == ("" if row["domain"] == "any" else row["domain"])
        assert "|".join(spec.range) == ("" if row["range"] == "any" else row["range"])


def test_inventory_without_shared_copy() -> None:
    inv = ontology.inventory()
    assert len(inv) == 40
    assert {"relatedTo", "banned", "said", "designated", "memberOf"} <= set(inv)
    assert ontology.relation_names() == frozenset(inv)
    assert "attributedTo" not in inv and "mentionedIn" not in inv
    symmetric = {name for name, spec in inv.items() if spec.symmetric}
    assert symmetric == {"rivalOf", "allyOf", "spouseOf", "metWith", "agreementWith"}
    g = _ttl()
    for name in symmetric:
        assert (URIRef(KGO + name), RDF.type, OWL.SymmetricProperty) in g
    assert inv["relatedTo"].domain == () and inv["relatedTo"].range == ()
    assert inv["said"].range == ("Statement",)
    assert all(spec.comment for spec in inv.values())


def test_every_relation_but_related_to_is_a_sub_property_of_it() -> None:
    g = _ttl()
    top = URIRef(KGO + "relatedTo")
    for name in ontology.relation_names() - {"relatedTo"}:
        assert (URIRef(KGO + name), RDFS.subPropertyOf, top) in g, name


def test_closed_namespace_has_exactly_the_defined_terms() -> None:
    g = _ttl()
    defined = {
        str(s)[len(KGO) :]
        for s in g.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(KGO)
    }
    assert set(vocab.KGO_TERMS) == defined
    assert len(vocab.KGO_TERMS) == len(defined)
    assert str(vocab.KGO.banned) == KGO + "banned"
    with pytest.raises(AttributeError):
        _ = vocab.KGO.bannned


def test_every_term_has_label_and_comment() -> None:
    g = _ttl()
    for term in vocab.KGO_TERMS:
        iri = URIRef(KGO + term)
        assert g.value(iri, RDFS.label) is not None, term
        assert g.value(iri, RDFS.comment) is not None, term


def test_shapes_cover_the_contract() -> None:
    from kg.graph.model import CORE_TYPES

    shapes = Graph().parse(ontology.shapes_path(), format="turtle")
    targets = set(shapes.objects(None, SH.targetClass))
    assert {URIRef(KGO + t) for t in CORE_TYPES} <= targets
    assert RDF.Statement in targets and URIRef(KGO + "Statement") in targets
    confidence = next(shapes.subjects(SH.path, URIRef(KGO + "confidence")))
    assert str(shapes.value(confidence, SH.minInclusive)) == "0.0"
    assert str(shapes.value(confidence, SH.maxInclusive)) == "1.0"
    label = list(shapes.subjects(SH.path, RDFS.label))
    one = Literal(1)
    assert any(  # entities: exactly one label
        shapes.value(p, SH.minCount) == one and shapes.value(p, SH.maxCount) == one for p in label
    )
    constrained = {str(o)[len(KGO) :] for o in shapes.objects(None, SH.targetSubjectsOf)}
    with_domain = {n for n, spec in ontology.inventory().items() if spec.domain}
    assert constrained == with_domain


def test_the_generated_kgo_module_is_what_kg_ttl_gives() -> None:
    """kg/graph/kgo.py is generated from ontology/kg.ttl: after changing kg.ttl, run
    ``python -m kg.graph.make_kgo``."""
    from rdflib.namespace import DefinedNamespace

    from kg.graph import make_kgo

    assert make_kgo.TARGET.read_text(encoding="utf-8") == make_kgo.render(), (
        "kg/graph/kgo.py is stale: run python -m kg.graph.make_kgo"
    )
    assert issubclass(vocab.KGO, DefinedNamespace)
    assert make_kgo.main(["--check"]) == 0
