"""A bounded fuzz run (hypothesis) over the input readers and the extractors: whatever the bytes
or the text, kg returns a result or raises a typed :class:`kg.errors.KgError`, never anything
else. Inputs are seeds from ``tests/fuzz_corpus/`` (odd HTML, quotes, Unicode, encodings,
JSONL) mutated at random, or generated from scratch. Bounded: a fixed number of examples each,
no deadline; the whole file runs in well under a minute.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KgError
from kg.graph.model import Document, KnowledgeGraph
from kg.io.readers import html_to_text, read_documents, read_text_bytes

CORPUS = Path(__file__).parent / "fuzz_corpus"
SEEDS = sorted(p for p in CORPUS.iterdir() if p.is_file())

FUZZ = settings(
    max_examples=300,
    database=None,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def test_seed_corpus_is_there() -> None:
    suffixes = {p.suffix for p in SEEDS}
    assert {".html", ".txt", ".jsonl", ".md"} <= suffixes
    assert all(p.stat().st_size < 64_000 for p in SEEDS)


@st.composite
def mutated(draw: st.DrawFn, seeds: list[Path] = SEEDS) -> tuple[str, bytes]:
    """A seed file's suffix and its bytes, with a few random insertions, deletions,
    duplications and truncations."""
    seed = draw(st.sampled_from(seeds))
    data = bytearray(seed.read_bytes())
    for _ in range(draw(st.integers(0, 4))):
        op = draw(st.sampled_from(["insert", "delete", "duplicate", "truncate", "flip"]))
        at = draw(st.integers(0, len(data)))
        if op == "insert":
            data[at:at] = draw(
                st.one_of(
                    st.binary(max_size=16),
                    st.sampled_from(
                        [
                            b"<",
                            b">",
                            b"&",
                            b"&#",
                            b"<!--",
                            b"-->",
                            b"<![CDATA[",
                            b"\xef\xbb\xbf",
                            b"\x00",
                            b"\r",
                            b'"',
                            b"\xe2\x80\x9c",
                            b"\xff\xfe",
                            b"\n\n",
                            b"{",
                            b"}",
                        ]
                    ),
                )
            )
        elif op == "delete":
            del data[at : at + draw(st.integers(1, 32))]
        elif op == "duplicate":
            data[at:at] = data[at : at + draw(st.integers(1, 64))]
        elif op == "truncate":
            del data[at:]
        elif data and at < len(data):
            data[at] ^= 1 << draw(st.integers(0, 7))
    return seed.suffix, bytes(data)


@FUZZ
@given(st.one_of(mutated(), st.tuples(st.just(".txt"), st.binary(max_size=512))))
def test_read_text_bytes_never_fails(case: tuple[str, bytes]) -> None:
    _, data = case
    text = read_text_bytes(data, "fuzz.txt")
    assert isinstance(text, str) and "\r" not in text


HTML_TOKENS = [
    "<p>",
    "</p>",
    "<div>",
    "</div>",
    "<br>",
    "<script>",
    "</script>",
    "<style>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<!DOCTYPE html [",
    '<!ENTITY a "&b;&b;">',
    "]>",
    "&a;",
    "&amp;",
    "&#0;",
    "&#x110000;",
    "<pre>",
    "</pre>",
    "<title>",
    "</title>",
    "<svg>",
    "<table><tr><td>",
    "Acme Corp banned Bob Smith.",
    "\u201cquoted\u201d",
    " ",
    "\n",
    "<",
    ">",
    "&",
    '"',
    "'",
]


@FUZZ
@given(
    st.one_of(
        mutated([p for p in SEEDS if p.suffix == ".html"]).map(
            lambda c: c[1].decode("utf-8", "replace")
        ),
        st.lists(st.one_of(st.sampled_from(HTML_TOKENS), st.text(max_size=6)), max_size=60).map(
            "".join
        ),
    )
)
def test_html_to_text_never_fails(markup: str) -> None:
    text, title = html_to_text(markup)
    assert isinstance(text, str) and (title is None or isinstance(title, str))
    assert "\r" not in text or "\r" in markup


def _read(suffix: str, data: bytes) -> list[Document]:
    """Every document of a file with ``data``; typed errors are the only failures allowed."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"fuzz{suffix}"
        path.write_bytes(data)
        skipped: list[KgError] = []
        docs = list(read_documents([path], on_error=skipped.append))
        assert all(isinstance(e, KgError) and str(e) for e in skipped)
        try:
            strict = list(read_documents([path]))
        except KgError as exc:
            assert str(exc) and "\n" not in str(exc)
        else:
            assert [d.id for d in strict] == [d.id for d in docs]
    for doc in docs:
        assert doc.text.strip() and isinstance(doc.id, str)
        doc.text.encode("utf-8")  # no lone surrogate reaches the pipeline
    return docs


@FUZZ
@given(mutated())
def test_reading_any_file_gives_documents_or_a_typed_error(case: tuple[str, bytes]) -> None:
    _read(*case)


JSON_PIECES = [
    '{"id": "a", "text": "Acme Corp banned Bob Smith."}',
    '{"text": "x"}',
    "{",
    "}",
    "[]",
    '"text"',
    ":",
    ",",
    "null",
    "true",
    "1e999",
    '"\\ud800"',
    '"\\u0000"',
    '{"id": {}}',
    '{"id": 1, "text": "t", "title": 3}',
    "\n",
    "\r\n",
    " ",
    "\ufeff",
    "\xff",
]


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(JSON_PIECES), st.text(max_size=5)), max_size=25))
def test_jsonl_parsing_gives_documents_or_a_typed_error(pieces: list[str]) -> None:
    _read(".jsonl", "".join(pieces).encode("utf-8", "surrogatepass"))


WORDS = [
    "Acme",
    "Corp",
    "banned",
    "Bob",
    "Smith",
    "Ada",
    "Lovelace",
    "founded",
    "Initech",
    "in",
    "London",
    "said",
    "he",
    "she",
    "the",
    "group",
    "its",
    "leader",
    "met",
    "of",
    "and",
    "not",
    "will",
    "\u201c",
    "\u201d",
    '"',
    "'s",
    ",",
    ".",
    "?",
    "!",
    ":",
    ";",
    "-",
    "\u2014",
    "(",
    ")",
    "\n",
    "\n\n",
    "U.S.",
    "Mr.",
    "#Tag",
    "@user",
    "2024",
    "\U0001f600",
    "\u202e",
    "\u00e9",
]


def _check(kg: KnowledgeGraph) -> None:
    texts = {d.id: d.text for d in kg.documents}
    for r in kg.relations:
        for m in (r.subject, r.object):
            assert texts[m.doc_id][m.start : m.end] == m.text
        assert r.subject.entity and r.object.entity
    for q in kg.quotations:
        assert texts[q.doc_id][q.start : q.end] == q.text


@pytest.fixture(scope="module")
def nlp() -> object:
    """The spaCy model, loaded once for the module (kg.extract.nlp.load caches it)."""
    from kg.extract import nlp as nlp_mod

    return nlp_mod.load(None)


@settings(
    max_examples=200, database=None, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(
    st.one_of(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map(" ".join),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=40).map("".join),
        st.text(min_size=1, max_size=80),
        mutated([p for p in SEEDS if p.suffix in (".txt", ".md")]).map(
            lambda c: c[1].decode("utf-8", "replace")
        ),
    )
)
def test_extractors_never_fail_on_short_texts(nlp: object, text: str) -> None:
    from kg.graph.rdf import to_dataset
    from kg.pipeline import build_graph

    text = text.replace("\r", "\n").encode("utf-8", "replace").decode("utf-8")
    try:
        kg = build_graph([Document(id="fuzz", text=text)])
    except KgError:
        return
    _check(kg)
    to_dataset(kg)  # and it can be written as RDF
