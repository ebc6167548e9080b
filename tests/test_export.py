"""kg.export.exporters: every format round-trips, is byte-identical across processes, and is
registered."""

from __future__ import annotations

import hashlib
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from kg import registry
from kg.export.exporters import (
    Exporter,
    JsonLdExporter,
    JsonlExporter,
    NQuadsExporter,
    NTriplesExporter,
    RdfXmlExporter,
    TriGExporter,
    TurtleExporter,
)
from kg.graph.model import Document, Entity, KnowledgeGraph, Mention, Quotation, Relation, Sentence
from kg.graph.rdf import DEFAULT_BASE, to_dataset, to_graph

TESTS = Path(__file__).resolve().parent
FORMATS = ("ttl", "nt", "nq", "trig", "jsonld", "xml", "jsonl")
RDF_FORMATS = {  # exporter name -> rdflib parser name
    "ttl": "turtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "xml": "xml",
}
QUAD_FORMATS = ("nq", "trig")


def _doc(doc_id: str, text: str, **kw: str) -> tuple[Document, dict[str, Sentence]]:
    """A document and its sentences (split on '. '), keyed by their first word."""
    sentences: dict[str, Sentence] = {}
    start = 0
    for part in text.split(". "):
        part = part if part.endswith(".") else part + "."
        begin = text.index(part, start)
        sentences[part.split()[0]] = Sentence(doc_id, begin, begin + len(part), part)
        start = begin + len(part)
    return Document(doc_id, text, **kw), sentences


def _m(s: Sentence, text: str, type_: str, entity: str) -> Mention:
    begin = s.start + s.text.index(text)
    return Mention(s.doc_id, begin, begin + len(text), text, type_, entity=entity)


def make_kg() -> KnowledgeGraph:
    """Two documents, Unicode names, typed, negated and open relations and a quotation."""
    d1, s1 = _doc(
        "a1",
        "Acme Corp banned Bob Smith. Zoë Müller criticised Acme Corp. "
        "Bob Smith did not meet Zoë Müller. Globex acquired Acme Corp.",
        title="Acme bans Bob Smith",
        url="https://example.com/a1",
        date="2024-05-06",
    )
    d2, s2 = _doc(
        "feeds/b2.txt",
        'Zoë Müller said "the ban was wrong". Globex quietly merged with Initech.',
        source="feeds/b2.txt",
    )
    org, person = "Organization", "Person"
    relations = (
        Relation(
            _m(s1["Acme"], "Acme Corp", org, "acme-corp"),
            "banned",
            _m(s1["Acme"], "Bob Smith", person, "bob-smith"),
            s1["Acme"],
            "dependency.v1",
            0.9,
        ),
        Relation(
            _m(s1["Zoë"], "Zoë Müller", person, "zoë-müller"),
            "criticized",
            _m(s1["Zoë"], "Acme Corp", org, "acme-corp"),
            s1["Zoë"],
            "dependency.v1",
            0.75,
        ),
        Relation(
            _m(s1["Bob"], "Bob Smith", person, "bob-smith"),
            "metWith",
            _m(s1["Bob"], "Zoë Müller", person, "zoë-müller"),
            s1["Bob"],
            "dependency.v1",
            0.5,
            negated=True,
        ),
        Relation(
            _m(s1["Globex"], "Globex", org, "globex"),
            "acquired",
            _m(s1["Globex"], "Acme Corp", org, "acme-corp"),
            s1["Globex"],
            "dependency.v1",
            0.8,
            date="2024",
        ),
        Relation(
            _m(s2["Globex"], "Globex", org, "globex"),
            "merge",
            _m(s2["Globex"], "Initech", org, "initech"),
            s2["Globex"],
            "dependency.v1",
            0.45,
            open=True,
            hedged=True,
        ),
    )
    said = s2["Zoë"]
    q_start = d2.text.index("the ban")
    quotation = Quotation(
        d2.id,
        q_start,
        q_start + len("the ban was wrong"),
        "the ban was wrong",
        said,
        _m(said, "Zoë Müller", person, "zoë-müller"),
    )
    entities = (
        Entity("acme-corp", "Acme Corp", org, aliases=("Acme",), documents=("a1",)),
        Entity("bob-smith", "Bob Smith", person, documents=("a1",)),
        Entity("zoë-müller", "Zoë Müller", person, documents=("a1", "feeds/b2.txt")),
        Entity("globex", "Globex", org, documents=("a1", "feeds/b2.txt")),
        Entity("initech", "Initech", org, documents=("feeds/b2.txt",)),
    )
    return KnowledgeGraph(
        documents=(d2, d1),
        entities=entities,
        relations=relations,
        quotations=(quotation,),
    )


EXPORTERS: dict[str, type] = {
    "ttl": TurtleExporter,
    "nt": NTriplesExporter,
    "nq": NQuadsExporter,
    "trig": TriGExporter,
    "jsonld": JsonLdExporter,
    "xml": RdfXmlExporter,
    "jsonl": JsonlExporter,
}


def export_bytes(name: str, kg: KnowledgeGraph | None = None, base: str = DEFAULT_BASE) -> bytes:
    out = io.BytesIO()
    EXPORTERS[name]().export(kg or make_kg(), out, base)
    return out.getvalue()


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's quad parsers, not kg
@pytest.mark.parametrize("name", sorted(RDF_FORMATS))
def test_serialise_parse_isomorphic(name: str) -> None:
    kg = make_kg()
    data = export_bytes(name, kg)
    expected = to_graph(kg)
    if name in QUAD_FORMATS:
        parsed = Dataset()
        parsed.parse(data=data, format=RDF_FORMATS[name])
        union = Graph()
        for s, p, o, _ in parsed.quads((None, None, None, None)):
            union.add((s, p, o))
        assert isomorphic(union, expected)
        # and graph by graph
        original = to_dataset(kg)
        for context in original.graphs():
            assert isomorphic(parsed.graph(context.identifier), context), context.identifier
    else:
        parsed_graph = Graph().parse(data=data, format=RDF_FORMATS[name])
        assert isomorphic(parsed_graph, expected)
        assert len(parsed_graph) == len(expected)


@pytest.mark.parametrize("name", ["ttl", "nt", "nq", "trig"])
def test_pyoxigraph_reads_the_same_number_of_triples(name: str) -> None:
    import pyoxigraph

    fmt = {
        "ttl": pyoxigraph.RdfFormat.TURTLE,
        "nt": pyoxigraph.RdfFormat.N_TRIPLES,
        "nq": pyoxigraph.RdfFormat.N_QUADS,
        "trig": pyoxigraph.RdfFormat.TRIG,
    }[name]
    kg = make_kg()
    quads = list(pyoxigraph.parse(export_bytes(name, kg), format=fmt))
    if name in QUAD_FORMATS:
        assert len(quads) == len(list(to_dataset(kg).quads((None, None, None, None))))
        named = {
            str(q.graph_name.value) for q in quads if isinstance(q.graph_name, pyoxigraph.NamedNode)
        }
        assert named == {DEFAULT_BASE + "doc/a1", DEFAULT_BASE + "doc/feeds-b2-txt"}
    else:
        assert len(quads) == len(to_graph(kg))


def test_line_formats_are_sorted() -> None:
    for name in ("nt", "nq"):
        lines = export_bytes(name).decode("utf-8").splitlines()
        assert lines == sorted(lines) and all(lines)


def test_jsonl_contract() -> None:
    lines = export_bytes("jsonl").decode("utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert len(records) == 5
    head = ["doc", "predicate", "subject", "object", "sentence", "confidence", "extractor"]
    optional = ["negated", "hedged", "date", "published", "category", "attributed_to", "open"]
    for rec in records:
        keys = list(rec)
        assert keys[:7] == head
        tail = keys[7:]
        assert tail == [k for k in optional if k in tail]
        for end in ("subject", "object"):
            assert list(rec[end]) == ["id", "label", "type", "text", "start", "end"]
    order = [
        (r["doc"], r["subject"]["start"], r["object"]["start"], r["predicate"]) for r in records
    ]
    assert order == sorted(order)
    first = records[0]
    assert first["doc"] == "a1" and first["predicate"] == "banned"
    assert first["subject"] == {
        "id": DEFAULT_BASE + "entity/acme-corp",
        "label": "Acme Corp",
        "type": "Organization",
        "text": "Acme Corp",
        "start": 0,
        "end": 9,
    }
    assert first["sentence"] == "Acme Corp banned Bob Smith."
    assert first["confidence"] == 0.9 and first["extractor"] == "dependency.v1"
    negated = next(r for r in records if r["predicate"] == "metWith")
    assert negated["negated"] is True
    opened = next(r for r in records if r["predicate"] == "merge")
    assert opened["open"] is True and opened["hedged"] is True
    assert "Zoë Müller" in "\n".join(lines)  # not \u-escaped
    assert all(r["predicate"] != "said" for r in records)  # quotations are not relations


def test_jsonl_offsets_point_into_the_document() -> None:
    kg = make_kg()
    texts = {d.id: d.text for d in kg.documents}
    for line in export_bytes("jsonl", kg).decode("utf-8").splitlines():
        rec = json.loads(line)
        for end in ("subject", "object"):
            span = rec[end]
            assert texts[rec["doc"]][span["start"] : span["end"]] == span["text"]


def test_base_reaches_every_format() -> None:
    base = "https://kg.example/x/"
    for name in FORMATS:
        data = export_bytes(name, base=base).decode("utf-8")
        assert "https://kg.example/x/entity/" in data, name
        assert "http://example.org/kg/" not in data, name


def test_same_bytes_twice_in_one_process() -> None:
    for name in FORMATS:
        assert export_bytes(name) == export_bytes(name), name


_DIGESTS = """
import hashlib, io, json, sys
sys.path.insert(0, sys.argv[1])
import test_export as t
print(json.dumps({n: hashlib.sha256(t.export_bytes(n)).hexdigest() for n in t.FORMATS}))
"""


def _digests(seed: str) -> dict[str, str]:
    root = str(TESTS.parent)
    env = dict(os.environ, PYTHONHASHSEED=seed)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    done = subprocess.run(
        [sys.executable, "-c", _DIGESTS, str(TESTS)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return dict(json.loads(done.stdout))


def test_byte_identical_across_hash_seeds() -> None:
    one, two = _digests("1"), _digests("2")
    assert set(one) == set(FORMATS)
    assert one == two
    here = {n: hashlib.sha256(export_bytes(n)).hexdigest() for n in FORMATS}
    assert here == one


def test_every_exporter_is_registered() -> None:
    assert set(FORMATS) <= set(registry.names(registry.EXPORTERS))
    for name in FORMATS:
        cls = registry.load(registry.EXPORTERS, name)
        assert cls is EXPORTERS[name]
        exporter = cls()
        assert isinstance(exporter, Exporter)
        assert exporter.name == name
        assert exporter.extension and "/" in exporter.media_type


def test_write_failure_is_an_output_error() -> None:
    from kg.errors import OutputError

    class Full(io.BytesIO):
        def write(self, data: object) -> int:
            raise OSError("No space left on device")

    for name in FORMATS:
        with pytest.raises(OutputError, match="free space"):
            EXPORTERS[name]().export(make_kg(), Full(), DEFAULT_BASE)


def test_jsonld_keeps_lexical_forms_of_numbers() -> None:
    """Doubles as strings with their datatype: a JSON number would be re-read by JSON-LD
    processors (e.g. Jena) as "9.0E-1", another lexical form than the other formats give."""
    nodes = json.loads(export_bytes("jsonld"))
    values = [v for node in nodes for vs in node.values() if isinstance(vs, list) for v in vs]
    literals = [v for v in values if isinstance(v, dict) and "@value" in v]
    assert literals and all(isinstance(v["@value"], str) for v in literals)
    ids = [node["@id"] for node in nodes]
    assert ids == sorted(ids)
