"""kg.graph.rdf: the KnowledgeGraph -> RDF mapping (the RDF output contract of ARCHITECTURE.md)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, Dataset, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic

from kg.errors import GraphError, UsageError
from kg.graph.model import Document, Entity, KnowledgeGraph, Mention, Quotation, Relation, Sentence
from kg.graph.rdf import (
    DEFAULT_BASE,
    document_iri,
    entity_iri,
    iri_segment,
    sentence_iri,
    slug,
    to_dataset,
    to_graph,
)
from kg.graph.vocab import KGO, KGX, NIF

DOC_ID = "news/acme-01.txt"
TEXT = (
    "Acme Corp banned Bob Smith. "
    "Bob Smith did not sue Acme Corp. "
    '"We will appeal," said Bob Smith. '
    "Globex reportedly wiped the servers of Acme Corp. "
    "Acme Corp views Globex as a rival firm."
)


class _Text:
    """Offsets in ``TEXT`` by surface form, for hand-built mentions and sentences."""

    def sentence(self, text: str) -> Sentence:
        start = TEXT.index(text)
        return Sentence(DOC_ID, start, start + len(text), text)

    def mention(
        self, text: str, type_: str, entity: str, within: Sentence, kind: str = "name"
    ) -> Mention:
        start = TEXT.index(text, within.start, within.end)
        return Mention(DOC_ID, start, start + len(text), text, type_, kind=kind, entity=entity)


def make_kg() -> KnowledgeGraph:
    """A small graph: a typed relation, a negated one, an open hedged one, a designation with a
    category reported by a speaker, a quotation, and a relation left unresolved."""
    t = _Text()
    s1 = t.sentence("Acme Corp banned Bob Smith.")
    s2 = t.sentence("Bob Smith did not sue Acme Corp.")
    s3 = t.sentence('"We will appeal," said Bob Smith.')
    s4 = t.sentence("Globex reportedly wiped the servers of Acme Corp.")
    s5 = t.sentence("Acme Corp views Globex as a rival firm.")
    org, person = "Organization", "Person"
    relations = (
        Relation(
            t.mention("Acme Corp", org, "acme-corp", s1),
            "banned",
            t.mention("Bob Smith", person, "bob-smith", s1),
            s1,
            "dependency.v1",
            confidence=0.87654,
        ),
        Relation(
            t.mention("Bob Smith", person, "bob-smith", s2),
            "sued",
            t.mention("Acme Corp", org, "acme-corp", s2),
            s2,
            "dependency.v1",
            confidence=0.6,
            negated=True,
        ),
        Relation(
            t.mention("Globex", org, "globex", s4),
            "wipe",
            t.mention("Acme Corp", org, "acme-corp", s4),
            s4,
            "dependency.v1",
            confidence=0.4,
            open=True,
            hedged=True,
            date="2024-03-01",
        ),
        Relation(
            t.mention("Acme Corp", org, "acme-corp", s5),
            "designated",
            t.mention("Globex", org, "globex", s5),
            s5,
            "dependency.v1",
            confidence=0.7,
            qualifier="rival firm",
            attributed_to=t.mention("Acme Corp", org, "acme-corp", s5),
        ),
        Relation(  # unresolved object: no triple, no statement
            t.mention("Acme Corp", org, "acme-corp", s5),
            "criticized",
            t.mention("rival firm", org, "", s5, kind="phrase"),
            s5,
            "dependency.v1",
        ),
    )
    quote_text = '"We will appeal,"'
    quote_start = TEXT.index(quote_text) + 1
    quotation = Quotation(
        DOC_ID,
        quote_start,
        quote_start + len("We will appeal,"),
        "We will appeal,",
        s3,
        t.mention("Bob Smith", person, "bob-smith", s3),
    )
    entities = (
        Entity(
            "acme-corp",
            "Acme Corp",
            org,
            aliases=("Acme Corp", "Acme", "the company"),
            documents=(DOC_ID,),
            mentions=5,
            same_as=("http://www.wikidata.org/entity/Q123",),
        ),
        Entity("bob-smith", "Bob Smith", person, aliases=("Smith",), documents=(DOC_ID,)),
        Entity("globex", "Globex", org, documents=(DOC_ID,)),
    )
    doc = Document(
        DOC_ID,
        TEXT,
        title="Acme bans Bob Smith",
        url="https://example.com/news/acme-01",
        date="2024-03-02",
    )
    return KnowledgeGraph(
        documents=(doc,),
        sentences=(s1, s2, s3, s4, s5),
        entities=entities,
        relations=relations,
        quotations=(quotation,),
    )


E = {name: entity_iri(name) for name in ("acme-corp", "bob-smith", "globex")}
DOC = document_iri(DOC_ID)


@pytest.fixture(scope="module")
def ds() -> Dataset:
    return to_dataset(make_kg())


@pytest.fixture(scope="module")
def g() -> Graph:
    return to_graph(make_kg())


def _statement(g: Graph, s: URIRef, p: URIRef, o: URIRef) -> URIRef:
    nodes = [
        n
        for n in g.subjects(RDF.subject, s)
        if (n, RDF.predicate, p) in g and (n, RDF.object, o) in g
    ]
    assert len(nodes) == 1, nodes
    assert isinstance(nodes[0], URIRef)
    return nodes[0]


def test_iris_follow_the_contract() -> None:
    assert str(E["acme-corp"]) == "http://example.org/kg/entity/acme-corp"
    assert str(DOC) == "http://example.org/kg/doc/news-acme-01-txt"
    assert str(sentence_iri(DOC_ID, 0, 27)) == str(DOC) + "#char=0,27"
    assert str(entity_iri("x", "https://kg.example/")) == "https://kg.example/entity/x"


def test_slug() -> None:
    assert slug("Acme Corp") == "acme-corp"
    assert slug("--Bob   O'Brien--") == "bob-o-brien"
    assert slug("Ümraniye 2") == "ümraniye-2"
    assert slug("日本") == "日本"
    assert slug("***").startswith("x-") and len(slug("***")) == 12
    assert slug("***") != slug("+++")


def test_odd_ids_are_percent_encoded_into_valid_iris() -> None:
    import pyoxigraph

    assert iri_segment("a b/c?d#e") == "a%20b%2Fc%3Fd%23e"
    iri = entity_iri("a b<c>")
    assert str(iri) == DEFAULT_BASE + "entity/a%20b%3Cc%3E"
    pyoxigraph.NamedNode(str(iri))  # raises on an invalid IRI


def test_entities_in_default_graph(ds: Dataset) -> None:
    default = ds.default_graph
    acme = E["acme-corp"]
    assert (acme, RDF.type, KGO.Organization) in default
    assert (E["bob-smith"], RDF.type, KGO.Person) in default
    assert list(default.objects(acme, RDFS.label)) == [Literal("Acme Corp")]
    assert set(default.objects(acme, SKOS.altLabel)) == {Literal("Acme"), Literal("the company")}
    assert (acme, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q123")) in default
    assert (acme, KGO.mentionedIn, DOC) in default
    named = ds.graph(DOC)
    assert (acme, RDFS.label, None) not in named


def test_direct_triple_and_provenance(ds: Dataset, g: Graph) -> None:
    named = ds.graph(DOC)
    acme, bob = E["acme-corp"], E["bob-smith"]
    assert (acme, KGO.banned, bob) in named
    node = _statement(g, acme, KGO.banned, bob)
    assert str(node).startswith(DEFAULT_BASE + "statement/")
    assert len(str(node)) == len(DEFAULT_BASE + "statement/") + 16
    assert (node, RDF.type, RDF.Statement) in named
    sentence = URIRef(f"{DOC}#char=0,27")
    assert (node, PROV.wasDerivedFrom, sentence) in named
    assert (node, DCTERMS.source, DOC) in named
    assert (node, KGO.confidence, Literal(Decimal("0.877"), datatype=ns.XSD.decimal)) in named
    assert (node, KGO.extractor, Literal("dependency.v1")) in named
    assert (node, KGO.negated, None) not in g
    assert (node, KGO.hedged, None) not in g
    assert (sentence, RDF.type, NIF.Sentence) in named
    assert (sentence, NIF.beginIndex, Literal(0)) in named
    assert (sentence, NIF.endIndex, Literal(27)) in named
    assert (sentence, NIF.anchorOf, Literal("Acme Corp banned Bob Smith.")) in named
    assert (sentence, NIF.referenceContext, DOC) in named


def test_negated_relation_has_no_direct_triple(g: Graph) -> None:
    acme, bob = E["acme-corp"], E["bob-smith"]
    assert (bob, KGO.sued, acme) not in g
    node = _statement(g, bob, KGO.sued, acme)
    assert (node, KGO.negated, Literal(True)) in g


def test_open_relation_is_declared_under_related_to(ds: Dataset, g: Graph) -> None:
    wipe = KGX.wipe
    default = ds.default_graph
    assert (wipe, RDF.type, OWL.ObjectProperty) in default
    assert (wipe, RDFS.subPropertyOf, KGO.relatedTo) in default
    assert (wipe, RDFS.label, Literal("wipe")) in default
    assert (E["globex"], wipe, E["acme-corp"]) in ds.graph(DOC)
    node = _statement(g, E["globex"], wipe, E["acme-corp"])
    assert (node, KGO.hedged, Literal(True)) in g
    assert (node, KGO.date, Literal("2024-03-01", datatype=ns.XSD.date)) in g


def test_category_and_speaker_on_the_statement(g: Graph) -> None:
    node = _statement(g, E["acme-corp"], KGO.designated, E["globex"])
    assert (node, KGO.category, Literal("rival firm")) in g
    assert (node, KGO.attributedTo, E["acme-corp"]) in g


def test_unresolved_relation_is_skipped(g: Graph) -> None:
    assert (E["acme-corp"], KGO.criticized, None) not in g
    assert (None, RDF.predicate, KGO.criticized) not in g


def test_quotation(ds: Dataset, g: Graph) -> None:
    bob = E["bob-smith"]
    quotes = list(g.objects(bob, KGO.said))
    assert len(quotes) == 1
    quote = quotes[0]
    assert str(quote).startswith(DEFAULT_BASE + "quote/")
    named = ds.graph(DOC)
    assert (quote, RDF.type, KGO.Statement) in named
    assert (quote, KGO.text, Literal("We will appeal,")) in named
    assert (quote, PROV.wasAttributedTo, bob) in named
    assert (quote, DCTERMS.source, DOC) in named
    sentence = g.value(quote, PROV.wasDerivedFrom)
    assert (sentence, RDF.type, NIF.Sentence) in g
    begin = g.value(quote, NIF.beginIndex)
    end = g.value(quote, NIF.endIndex)
    assert isinstance(begin, Literal) and isinstance(end, Literal)
    assert TEXT[begin.toPython() : end.toPython()] == "We will appeal,"


def test_document_description_in_its_named_graph(ds: Dataset) -> None:
    named = ds.graph(DOC)
    assert (DOC, RDF.type, KGO.Document) in named
    assert (DOC, RDF.type, NIF.Context) in named
    assert (DOC, NIF.isString, Literal(TEXT)) in named
    assert (DOC, DCTERMS.title, Literal("Acme bans Bob Smith")) in named
    assert (DOC, DCTERMS.source, URIRef("https://example.com/news/acme-01")) in named
    assert (DOC, DCTERMS.identifier, Literal(DOC_ID)) in named
    assert (DOC, DCTERMS.created, Literal("2024-03-02", datatype=ns.XSD.date)) in named
    assert (DOC, None, None) not in ds.default_graph


def test_only_entities_and_open_properties_have_labels(g: Graph) -> None:
    labelled = set(g.subjects(RDFS.label, None))
    assert labelled == set(E.values()) | {KGX.wipe}


def test_every_sentence_is_evidence(g: Graph) -> None:
    sentences = set(g.subjects(RDF.type, NIF.Sentence))
    used = set(g.objects(None, PROV.wasDerivedFrom))
    assert sentences == used
    assert len(sentences) == 5  # the unresolved relation's sentence is also the designation's


def test_graph_is_the_union_of_the_dataset(ds: Dataset, g: Graph) -> None:
    union = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        union.add((s, p, o))
    assert isomorphic(union, g)
    assert len(g) == len(union)
    names = {c.identifier for c in ds.graphs()} - {ds.default_graph.identifier}
    assert names == {DOC}


def test_plain_literal_for_a_date_that_is_not_iso() -> None:
    kg = make_kg()
    doc = kg.documents[0]
    other = Document("d2", "Text.", date="March 2024", source="in/d2.txt")
    g = to_graph(KnowledgeGraph(documents=(doc, other)))
    d2 = document_iri("d2")
    assert (d2, DCTERMS.created, Literal("March 2024")) in g
    assert (d2, DCTERMS.source, Literal("in/d2.txt")) in g
    assert (d2, DCTERMS.title, None) not in g


def test_base_is_configurable_and_checked() -> None:
    g = to_graph(make_kg(), base="https://kg.example/data/")
    assert (URIRef("https://kg.example/data/entity/acme-corp"), RDF.type, KGO.Organization) in g
    for bad in ("no-scheme/", "http://example.org/kg", "http://exa mple.org/"):
        with pytest.raises(UsageError):
            to_dataset(make_kg(), base=bad)


def test_bad_model_values_raise_graph_errors() -> None:
    kg = make_kg()
    with pytest.raises(GraphError, match="type"):
        to_dataset(KnowledgeGraph(entities=(Entity("x", "X", "Thing"),)))
    r = kg.relations[0]
    wrong = Relation(r.subject, "bannedd", r.object, r.sentence, r.extractor)
    with pytest.raises(GraphError, match="inventory"):
        to_dataset(KnowledgeGraph(relations=(wrong,)))


def test_same_fact_twice_in_a_sentence_gives_one_statement() -> None:
    kg = make_kg()
    r = kg.relations[0]
    again = Relation(r.subject, r.predicate, r.object, r.sentence, "other.v1", confidence=0.3)
    g = to_graph(KnowledgeGraph(entities=kg.entities, relations=(again, r)))
    node = _statement(g, E["acme-corp"], KGO.banned, E["bob-smith"])
    assert list(g.objects(node, KGO.extractor)) == [Literal("dependency.v1")]
