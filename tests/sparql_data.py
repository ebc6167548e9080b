"""Graphs for the SPARQL, store, server and push tests: small hand-made KnowledgeGraphs, and the
example article built once per test session."""

from __future__ import annotations

import functools
from pathlib import Path

from kg.graph.model import Document, Entity, KnowledgeGraph, Mention, Quotation, Relation, Sentence

FIXTURE = Path(__file__).parent / "fixtures" / "taliban-twitter-threads.txt"
BASE = "http://example.org/kg/"


def small_kg(
    doc_id: str = "d1",
    org: str = "Acme",
    org_type: str = "Organization",
    with_bob: bool = True,
    verb: str = "admire",
) -> KnowledgeGraph:
    """One document: Alice works for ORG; Bob (optional) leads ORG; Alice VERBs ORG (an open
    relation); Alice is quoted. Entity ids do not depend on ORG's label (``org``)."""
    parts = [f"Alice Smith works for {org}.", f"Alice Smith will {verb} {org}."]
    if with_bob:
        parts.append(f"Bob Jones leads {org}.")
    parts.append('"We grow," said Alice Smith.')
    text = " ".join(parts)

    def sentence(s: str) -> Sentence:
        start = text.index(s)
        return Sentence(doc_id, start, start + len(s), s)

    def mention(surface: str, type_: str, entity: str, within: Sentence) -> Mention:
        start = text.index(surface, within.start, within.end)
        return Mention(doc_id, start, start + len(surface), surface, type_, entity=entity)

    s1, s2, s4 = sentence(parts[0]), sentence(parts[1]), sentence(parts[-1])
    relations = [
        Relation(
            mention("Alice Smith", "Person", "alice-smith", s1),
            "worksFor",
            mention(org, org_type, "acme", s1),
            s1,
            "test.v1",
            0.9,
        ),
        Relation(
            mention("Alice Smith", "Person", "alice-smith", s2),
            verb,
            mention(org, org_type, "acme", s2),
            s2,
            "test.v1",
            0.5,
            open=True,
        ),
    ]
    entities = [
        Entity("acme", org, org_type, documents=(doc_id,)),
        Entity("alice-smith", "Alice Smith", "Person", aliases=("Smith",), documents=(doc_id,)),
    ]
    sentences = [s1, s2, s4]
    if with_bob:
        s3 = sentence(parts[2])
        sentences.append(s3)
        relations.append(
            Relation(
                mention("Bob Jones", "Person", "bob-jones", s3),
                "leaderOf",
                mention(org, org_type, "acme", s3),
                s3,
                "test.v1",
                0.8,
            )
        )
        entities.append(Entity("bob-jones", "Bob Jones", "Person", documents=(doc_id,)))
    start = text.index('"We grow,"') + 1
    quote = Quotation(
        doc_id,
        start,
        start + len("We grow,"),
        "We grow,",
        s4,
        mention("Alice Smith", "Person", "alice-smith", s4),
    )
    return KnowledgeGraph(
        documents=(Document(doc_id, text, title=f"About {org}"),),
        sentences=tuple(sentences),
        entities=tuple(sorted(entities, key=lambda e: e.id)),
        relations=tuple(relations),
        quotations=(quote,),
    )


@functools.cache
def example_kg() -> KnowledgeGraph:
    """The fixture article, built once per test session."""
    from kg.io.readers import read_documents
    from kg.pipeline import build_graph

    return build_graph(read_documents([str(FIXTURE)]))


def write(kg: KnowledgeGraph, path: Path) -> Path:
    """``kg`` written to ``path`` in the format of its extension (ttl, nt, nq, trig, jsonld)."""
    from kg import registry

    exporter = registry.load(registry.EXPORTERS, path.suffix.lstrip("."))()
    with path.open("wb") as out:
        exporter.export(kg, out, BASE)
    return path
