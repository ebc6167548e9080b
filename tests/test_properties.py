"""Property-based tests (hypothesis): any Unicode text gives valid IRIs and literals, and every
serialisation of a graph holding such text round-trips through rdflib and pyoxigraph.

Texts mix arbitrary code points with the characters that break serialisers: C0 controls
(XML 1.0 cannot carry them: kg writes U+FFFD instead, see ``kg.graph.rdf.xml_safe``), lone
surrogates (no UTF-8 form: U+FFFD too), quotes, backslashes, markup, RTL marks and emoji.
"""

from __future__ import annotations

import io

import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from kg import registry  # noqa: E402
from kg.graph.model import (  # noqa: E402
    Document,
    Entity,
    KnowledgeGraph,
    Mention,
    Quotation,
    Relation,
    Sentence,
)
from kg.graph.rdf import (  # noqa: E402
    DEFAULT_BASE,
    document_iri,
    entity_iri,
    iri_segment,
    sentence_iri,
    slug,
    text_literal,
    to_dataset,
    xml_safe,
)

SPECIAL = [
    "\x00",
    "\x01",
    "\x07",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\t",
    "\n",
    "\r",
    "\r\n",
    '"',
    "'",
    '"""',
    "'''",
    "\\",
    "\\u0041",
    "\\n",
    "<",
    ">",
    "&",
    "&amp;",
    "]]>",
    "<!--",
    "%",
    "%zz",
    "#",
    "?",
    "/",
    " ",
    "\u00a0",
    "\u200b",
    "\u200f",
    "\u202e",
    "\u2028",
    "\ufeff",
    "\ufffd",
    "\ufffe",
    "\uffff",
    "\ud800",
    "\udfff",
    "\U0001f600",
    "\U0001f1eb\U0001f1f7",
    "\u05e9\u05dc\u05d5\u05dd",
    "\u0645\u0631\u062d\u0628\u0627",
    "e\u0301",
    "\u0130",
    "\u00df",
    "_",
    "-",
    ".",
    "@en",
    "^^",
]

_pieces = st.one_of(
    st.sampled_from(SPECIAL),
    st.text(max_size=8),
    st.characters(codec=None, categories=None).map(str),
)
#: Arbitrary text, now and then very long.
texts = st.one_of(
    st.lists(_pieces, max_size=12).map("".join),
    st.lists(_pieces, min_size=1, max_size=4).map(lambda parts: "".join(parts) * 120),
)
labels = texts.filter(lambda t: t != "")

PROPS = settings(
    max_examples=60, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


def _valid_iri(iri: str) -> None:
    """Oxigraph's IRI parser (strict RFC 3987) accepts ``iri``."""
    import pyoxigraph

    pyoxigraph.NamedNode(iri)
    assert not any(ch.isspace() for ch in iri)


@PROPS
@given(texts)
def test_slug_is_a_readable_non_empty_segment(text: str) -> None:
    s = slug(text)
    assert s and s == s.strip("-")
    assert all(ch.isalnum() or ch == "-" for ch in s)
    assert slug(text) == s  # deterministic
    _valid_iri(str(entity_iri(s)))


@PROPS
@given(texts)
def test_iris_from_any_text_are_valid(text: str) -> None:
    _valid_iri(str(entity_iri(text)))
    _valid_iri(str(document_iri(text)))
    _valid_iri(str(sentence_iri(text, 0, len(text))))
    _valid_iri(DEFAULT_BASE + "x/" + iri_segment(text))


@PROPS
@given(texts)
def test_literals_keep_length_and_are_xml_safe(text: str) -> None:
    safe = xml_safe(text)
    assert len(safe) == len(text)  # offsets into a document text stay true
    assert str(text_literal(text)) == safe
    safe.encode("utf-8")  # no lone surrogate left
    assert all(ch in "\t\n\r" or ord(ch) >= 0x20 for ch in safe)
    assert xml_safe(safe) == safe
    if text.isprintable() and not any(0xD800 <= ord(c) <= 0xDFFF for c in text):
        assert safe == text.replace("\ufffe", "\ufffd").replace("\uffff", "\ufffd")


def _graph(label: str, alias: str, text: str, doc_id: str, other: str) -> KnowledgeGraph:
    """A hand-built graph whose every text field holds the generated strings."""
    body = f"{text} {label} met {alias}. \u201c{other}\u201d"
    doc = Document(id=doc_id, text=body, title=other, url=other, date=other, source=label)
    sentence = Sentence(doc_id, 0, len(body), body)
    a = Entity(slug(label), label, "Person", aliases=(alias, other), documents=(doc_id,))
    b = Entity(slug(alias) + "-2", alias, "Organization", documents=(doc_id,))
    ma = Mention(doc_id, 0, 1, label, "Person", entity=a.id)
    mb = Mention(doc_id, 1, 2, alias, "Organization", entity=b.id)
    relations = (
        Relation(ma, "banned", mb, sentence, "dependency.v1", 0.8, qualifier=other),
        Relation(mb, other or "x", ma, sentence, "dependency.v1", 0.5, open=True, date=text),
    )
    quote = Quotation(doc_id, 2, 3, other, sentence, ma)
    return KnowledgeGraph(
        documents=(doc,),
        sentences=(sentence,),
        entities=(a, b),
        relations=relations,
        quotations=(quote,),
    )


FORMATS = {
    "ttl": "turtle",
    "nt": "nt",
    "nq": "nquads",
    "trig": "trig",
    "jsonld": "json-ld",
    "xml": "xml",
}
OX_FORMATS = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "xml": "application/rdf+xml",
}
XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _rdflib_key(term: object) -> tuple[str, ...]:
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ("iri", str(term))
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype else None
        return ("lit", str(term), datatype or (LANG_STRING if term.language else XSD_STRING))
    assert not isinstance(term, BNode), "kg writes no blank nodes"
    raise AssertionError(term)


def _ox_key(term: object) -> tuple[str, ...]:
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return ("iri", term.value)
    if isinstance(term, ox.Literal):
        return ("lit", term.value, term.datatype.value)
    raise AssertionError(f"unexpected term {term!r}")


def _expected(kg: KnowledgeGraph) -> set[tuple[tuple[str, ...], ...]]:
    ds = to_dataset(kg)
    return {
        (_rdflib_key(s), _rdflib_key(p), _rdflib_key(o))
        for s, p, o, _ in ds.quads((None, None, None, None))
    }


def _export(kg: KnowledgeGraph, fmt: str) -> bytes:
    out = io.BytesIO()
    registry.load(registry.EXPORTERS, fmt)().export(kg, out, DEFAULT_BASE)
    return out.getvalue()


def _via_rdflib(data: bytes, fmt: str) -> set[tuple[tuple[str, ...], ...]]:
    from rdflib import Dataset

    ds = Dataset()
    ds.parse(data=data, format=FORMATS[fmt])
    return {
        (_rdflib_key(s), _rdflib_key(p), _rdflib_key(o))
        for s, p, o, _ in ds.quads((None, None, None, None))
    }


def _via_oxigraph(data: bytes, fmt: str) -> set[tuple[tuple[str, ...], ...]]:
    import pyoxigraph as ox

    if fmt == "jsonld":  # pyoxigraph reads JSON-LD from 0.5 on; compare through rdflib's reading
        parsed = ox.parse(data, format=ox.RdfFormat.JSON_LD)
    else:
        parsed = ox.parse(data, format=ox.RdfFormat.from_media_type(OX_FORMATS[fmt]))
    return {(_ox_key(q.subject), _ox_key(q.predicate), _ox_key(q.object)) for q in parsed}


@settings(
    max_examples=25, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(labels, labels, texts, labels, texts)
def test_every_serialisation_round_trips(
    label: str, alias: str, text: str, doc_id: str, other: str
) -> None:
    kg = _graph(label, alias, text, doc_id, other)
    expected = _expected(kg)
    for fmt in FORMATS:
        data = _export(kg, fmt)
        assert _via_rdflib(data, fmt) == expected, f"rdflib reading {fmt}"
        assert _via_oxigraph(data, fmt) == expected, f"pyoxigraph reading {fmt}"


def test_control_characters_become_replacement_characters_in_rdf_xml() -> None:
    kg = _graph("Ann\x07Lee", "Acme\x00Corp", "bell \x1b here", "d\x01", "\ud800lone")
    data = _export(kg, "xml")
    assert b"\x07" not in data and b"\x00" not in data and b"\x1b" not in data
    graph = _via_rdflib(data, "xml")
    assert ("lit", "Ann\ufffdLee", XSD_STRING) in {o for _, _, o in graph}
    # the document text keeps its length, so sentence offsets still point at the same text
    texts = [o[1] for _, p, o in graph if p[1].endswith("nif-core#isString")]
    assert len(texts) == 1 and len(texts[0]) == len(kg.documents[0].text)
