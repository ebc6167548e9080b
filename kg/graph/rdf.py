"""The KnowledgeGraph as RDF (rdflib), following the RDF output contract of ARCHITECTURE.md.

Entity descriptions and open-relation declarations go in the default graph; each document's
facts (its description, evidence sentences, relations with their provenance statements,
quotations) go in a named graph named by the document IRI. Everything is added in a sorted,
deterministic order so that serialisers that follow insertion order write identical bytes.

>>> slug("Ada Lovelace")
'ada-lovelace'
>>> entity_iri("ada-lovelace")
rdflib.term.URIRef('http://example.org/kg/entity/ada-lovelace')
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import quote, urlsplit

from kg.errors import GraphError, InputError, UsageError
from kg.graph.model import (
    CORE_TYPES,
    Document,
    KnowledgeGraph,
    Mention,
    Quotation,
    Relation,
    Sentence,
)

if TYPE_CHECKING:
    from rdflib import Dataset, Graph, Literal, URIRef
    from rdflib.term import Node

DEFAULT_BASE = "http://example.org/kg/"

_NON_WORD = re.compile(r"[\W_]+")
# What XML 1.0 cannot carry (C0 controls but tab, LF, CR; U+FFFE, U+FFFF) and lone surrogates
# (no UTF-8 form at all): replaced by U+FFFD in literals (see text_literal).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")


def slug(text: str) -> str:
    """A readable IRI segment for ``text``: lowercase, Unicode letters and digits kept, every run
    of other characters one ``-``, no ``-`` at either end; ``x-`` and a hash when nothing is left.

    >>> slug("Acme Corp.")
    'acme-corp'
    >>> slug("  Zoë  Müller-Lüdenscheidt ")
    'zoë-müller-lüdenscheidt'
    >>> slug("AT&T_2024")
    'at-t-2024'
    >>> slug("!!!")
    'x-e84c538e7f'
    >>> slug("")
    'x-e3b0c44298'
    """
    text = unicodedata.normalize("NFC", text)
    out = _NON_WORD.sub("-", text.lower()).strip("-")
    if out:
        return out
    return "x-" + hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:10]


def xml_safe(text: str) -> str:
    """``text`` with each character XML 1.0 cannot carry (C0 controls but tab, line feed and
    carriage return; U+FFFE, U+FFFF) and each lone surrogate replaced by U+FFFD, so that every
    serialisation (RDF/XML included) can write it and every offset into it stays the same.

    >>> xml_safe("bell\\x07, tab\\t") == "bell\\ufffd, tab\\t"
    True
    """
    return _NOT_XML.sub("\ufffd", text)


#: The longest text (UTF-8 bytes) kg writes as one literal. RDF readers bound a term's size
#: (oxigraph, behind kg query, serve, push and --store: 16 MiB, escapes included, and an escape
#: at most doubles a character here), so build refuses a longer document rather than write
#: a graph that the other commands cannot read.
MAX_TEXT_BYTES = 8_000_000


def within_limits(
    documents: Iterable[Document], on_error: Callable[[InputError], None] | None = None
) -> Iterator[Document]:
    """``documents`` whose text and title fit in a literal (:data:`MAX_TEXT_BYTES`); a longer
    one is an :class:`InputError`, raised or given to ``on_error`` (and the document skipped).
    """
    for doc in documents:
        for name, value in (("text", doc.text), ("title", doc.title or "")):
            if len(value) * 4 <= MAX_TEXT_BYTES:
                continue
            size = len(value.encode("utf-8", "surrogatepass"))
            if size > MAX_TEXT_BYTES:
                err = InputError(
                    f"{doc.source or doc.id}: its {name} is {size / 1e6:.1f} MB; kg writes "
                    f"at most {MAX_TEXT_BYTES / 1e6:.0f} MB as one literal: split the document"
                )
                if on_error is None:
                    raise err
                on_error(err)
                break
        else:
            yield doc


def text_literal(text: str) -> Literal:
    """A plain string literal of :func:`xml_safe` ``(text)``: how kg writes every text."""
    from rdflib import Literal

    return Literal(xml_safe(text))


_ASCII_NAME = re.compile(r"[a-z_][a-z0-9_.-]*")


def open_name(predicate: str) -> str:
    """The local name of an open relation's property (``kgx:<name>``): :func:`slug` of the verb
    in ASCII (accents dropped), an XML name that every RDF/XML reader accepts (RDF/XML writes
    properties as ``prefix:name``, and expat knows only the letters of Unicode 2.0); ``x-`` and
    a hash when nothing usable is left. The property's ``rdfs:label`` keeps the verb as written.

    >>> open_name("Wipe out"), open_name("réélire"), open_name("3D-print"), open_name("説明")
    ('wipe-out', 'reelire', 'x-3d-print', 'x-9683551a843c71d8')
    """
    name = slug(predicate)
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    ascii_name = re.sub(r"-{2,}", "-", ascii_name).strip("-")
    if ascii_name and len(ascii_name) >= len(name) / 2:
        for candidate in (ascii_name, "x-" + ascii_name):
            if _ASCII_NAME.fullmatch(candidate):
                return candidate
    return "x-" + _hash16(predicate)


def iri_segment(text: str) -> str:
    """``text`` as one IRI path segment: unreserved ASCII and Unicode letters/digits are kept,
    everything else is percent-encoded (UTF-8).

    >>> iri_segment("anas-haqqani")
    'anas-haqqani'
    >>> iri_segment("a/b c%")
    'a%2Fb%20c%25'
    >>> iri_segment("zoë")
    'zoë'
    """
    return "".join(
        ch if ch in _UNRESERVED or (ord(ch) > 127 and ch.isalnum()) else quote(ch, safe="")
        for ch in xml_safe(text)
    )


def check_base(base: str) -> str:
    """``base`` if it is an absolute IRI ending in ``/`` or ``#``; :class:`UsageError` if not.

    >>> check_base("https://example.com/kg/")
    'https://example.com/kg/'
    """
    parts = urlsplit(base)
    bad = any(ch.isspace() or ch in '<>"{}|\\^`' for ch in base)
    if not parts.scheme or bad or not base.endswith(("/", "#")):
        raise UsageError(
            f"invalid base IRI {base!r}: give an absolute IRI ending in '/' or '#', "
            f"e.g. {DEFAULT_BASE}"
        )
    return base


def _hash16(*parts: object) -> str:
    data = "\x1f".join(str(p) for p in parts).encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:16]


# The IRIs of entities and documents and the confidence literals come back for every fact:
# each is made once (rdflib validates every IRI it makes).
@lru_cache(maxsize=1 << 16)
def entity_iri(entity_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of an entity: ``base + "entity/" + id`` (percent-encoded where needed)."""
    from rdflib import URIRef

    return URIRef(base + "entity/" + iri_segment(entity_id))


@lru_cache(maxsize=1 << 12)
def document_iri(doc_id: str, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a document: ``base + "doc/" + slug(id)``.

    >>> str(document_iri("News/2024 01.txt"))
    'http://example.org/kg/doc/news-2024-01-txt'
    """
    from rdflib import URIRef

    return URIRef(base + "doc/" + iri_segment(slug(doc_id)))


def sentence_iri(doc_id: str, start: int, end: int, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a span of a document, NIF 2.0 / RFC 5147 style (``doc#char=START,END``).

    >>> str(sentence_iri("d1", 0, 27))
    'http://example.org/kg/doc/d1#char=0,27'
    """
    from rdflib import URIRef

    return URIRef(f"{document_iri(doc_id, base)}#char={int(start)},{int(end)}")


def statement_iri(relation: Relation, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of the provenance node of a relation (a hash of its document, ends and sentence)."""
    from rdflib import URIRef

    r = relation
    key = _hash16(
        r.sentence.doc_id,
        r.subject.entity,
        r.predicate,
        r.object.entity,
        r.sentence.start,
        r.sentence.end,
    )
    return URIRef(base + "statement/" + key)


def quote_iri(quotation: Quotation, base: str = DEFAULT_BASE) -> URIRef:
    """The IRI of a quotation node (a hash of its document and offsets)."""
    from rdflib import URIRef

    q = quotation
    return URIRef(base + "quote/" + _hash16(q.doc_id, q.start, q.end))


def predicate_iri(relation: Relation) -> URIRef:
    """``kgo:<predicate>`` for an inventory relation, ``kgx:<slug>`` for an open one."""
    from kg.graph.vocab import KGO, KGX

    if relation.open:
        return KGX[open_name(relation.predicate)]
    try:
        return KGO[relation.predicate]
    except (KeyError, AttributeError):  # a DefinedNamespace raises AttributeError
        raise GraphError(
            f"relation predicate {relation.predicate!r} is not in the inventory: "
            "mark it open=True or use an inventory name"
        ) from None


@lru_cache(maxsize=1 << 10)
def confidence_literal(value: float) -> Literal:
    """A confidence as an ``xsd:decimal`` with at most three places.

    Decimals keep their lexical form in every store tried (Oxigraph, Virtuoso, Jena); doubles
    are re-lexicalised ("7e-01" -> "0.7").

    >>> str(confidence_literal(0.7)), str(confidence_literal(0.87654))
    ('0.7', '0.877')
    """
    from rdflib import XSD, Literal

    return Literal(Decimal(str(round(value, 3))), datatype=XSD.decimal)


_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?")


def date_literal(value: str) -> Literal:
    """An ``xsd:date`` literal when ``value`` is an ISO date, an ``xsd:dateTime`` when it is an
    ISO date and time (seconds added when missing), ``xsd:gYearMonth`` or ``xsd:gYear`` for a
    month or a year, else a plain literal.

    >>> str(date_literal("2024-01-31").datatype).rsplit("#")[-1]
    'date'
    >>> lit = date_literal("2024-01-31T09:30+01:00")
    >>> str(lit), str(lit.datatype).rsplit("#")[-1]
    ('2024-01-31T09:30:00+01:00', 'dateTime')
    >>> [str(date_literal(v).datatype).rsplit("#")[-1] for v in ("2004-03", "2004")]
    ['gYearMonth', 'gYear']
    >>> date_literal("last week").datatype is None
    True
    """
    from rdflib import XSD, Literal

    text = value.strip()
    if re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):  # a month ("in March 2004")
        return Literal(text, datatype=XSD.gYearMonth, normalize=False)
    if re.fullmatch(r"(1[5-9]|20)\d\d", text):  # a year ("in 2004")
        return Literal(text, datatype=XSD.gYear, normalize=False)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            date.fromisoformat(text)
        except ValueError:
            return text_literal(value)
        return Literal(text, datatype=XSD.date)
    match = _DATE_TIME.fullmatch(text)
    if match:
        if match.group(1) is None:  # no seconds: xsd:dateTime needs them
            text = text[:16] + ":00" + text[16:]
        try:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            return text_literal(value)
        return Literal(text, datatype=XSD.dateTime, normalize=False)
    return text_literal(value)


def relation_sort_key(r: Relation) -> tuple[object, ...]:
    """A total, deterministic order of relations (doc, sentence, subject, object, predicate)."""
    speaker = r.attributed_to
    return (
        r.sentence.doc_id,
        r.sentence.start,
        r.subject.start,
        r.object.start,
        r.predicate,
        r.sentence.end,
        r.subject.end,
        r.object.end,
        r.open,
        r.subject.entity,
        r.object.entity,
        -r.confidence,
        r.extractor,
        r.negated,
        r.hedged,
        r.date or "",
        r.qualifier or "",
        (speaker.start, speaker.end, speaker.entity) if speaker else (),
        r.rule,
    )


def _quotation_key(q: Quotation) -> tuple[object, ...]:
    speaker = q.speaker
    return (
        q.doc_id,
        q.start,
        q.end,
        q.sentence.start,
        q.extractor,
        (speaker.start, speaker.end, speaker.entity) if speaker else (),
    )


def _is_iri(text: str) -> bool:
    """Whether ``text`` is an absolute IRI with a host that strict parsers (Oxigraph) accept.

    >>> _is_iri("https://example.com/a?b=1"), _is_iri("http://[::1"), _is_iri("www.x.org")
    (True, False, False)
    """
    try:
        parts = urlsplit(text)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return False
    if not (parts.scheme and parts.netloc) or _NOT_XML.search(text):
        return False
    if any(ch.isspace() or ch in '<>"{}|\\^`' for ch in text):
        return False
    import pyoxigraph

    try:
        pyoxigraph.NamedNode(text)
    except ValueError:
        return False
    return True


class _Builder:
    """Adds the triples of one KnowledgeGraph to a Dataset, in a deterministic order."""

    def __init__(self, kg: KnowledgeGraph, base: str) -> None:
        from rdflib import Dataset

        from kg.graph.vocab import bind_prefixes

        self.kg = kg
        self.base = check_base(base)
        self.ds = Dataset()
        bind_prefixes(self.ds)
        self.default: Graph = self.ds.default_graph
        self.graphs: dict[str, Graph] = {}
        self.sentences_done: set[tuple[str, int, int]] = set()

    def named(self, doc_id: str) -> Graph:
        if doc_id not in self.graphs:
            self.graphs[doc_id] = self.ds.graph(document_iri(doc_id, self.base))
        return self.graphs[doc_id]

    def build(self) -> Dataset:
        relations = sorted(
            (r for r in self.kg.relations if r.subject.entity and r.object.entity),
            key=relation_sort_key,
        )
        quotations = sorted(self.kg.quotations, key=_quotation_key)
        self.entities()
        self.curation()
        self.open_properties(relations)
        for doc in sorted(self.kg.documents, key=lambda d: d.id):
            self.document(doc)
        seen: set[str] = set()
        for r in relations:
            self.relation(r, seen)
        for q in quotations:
            self.quotation(q)
        self.co_mentions()
        return self.ds

    def _mentions(self) -> dict[str, list[Mention]]:
        """The resolved mentions of entities in the graph, by document, in text order."""
        if not hasattr(self, "_by_doc"):
            known = {e.id for e in self.kg.entities}
            by_doc: dict[str, list[Mention]] = {}
            for m in sorted(self.kg.mentions):
                if m.entity in known:
                    by_doc.setdefault(m.doc_id, []).append(m)
            self._by_doc = by_doc
        return self._by_doc

    def _entities_in(self, doc_id: str, start: int, end: int) -> list[str]:
        import bisect

        found = self._mentions().get(doc_id, [])
        k = bisect.bisect_left(found, start, key=lambda m: m.start)
        ids: dict[str, None] = {}
        while k < len(found) and found[k].start < end:
            if found[k].end <= end:
                ids[found[k].entity] = None
            k += 1
        return sorted(ids)

    def co_mentions(self) -> None:
        """``kgo:mentions`` from each sentence that mentions two entities or more to them."""
        from kg.graph.vocab import KGO

        for s in sorted(self.kg.sentences):
            ids = self._entities_in(s.doc_id, s.start, s.end)
            if len(ids) < 2:
                continue
            node = self.sentence(s)
            g = self.named(s.doc_id)
            for eid in ids:
                g.add((node, KGO.mentions, entity_iri(eid, self.base)))

    def entities(self) -> None:
        from rdflib import OWL, RDF, RDFS, SKOS, URIRef

        from kg.graph.vocab import KGO

        for e in sorted(self.kg.entities, key=lambda e: e.id):
            if e.type not in CORE_TYPES:
                raise GraphError(
                    f"entity {e.id!r} has type {e.type!r}: use one of {', '.join(CORE_TYPES)}"
                )
            node = entity_iri(e.id, self.base)
            g = self.default
            g.add((node, RDF.type, KGO[e.type]))
            g.add((node, RDFS.label, text_literal(e.label)))
            for alias in sorted(set(e.aliases) - {e.label}):
                g.add((node, SKOS.altLabel, text_literal(alias)))
            for other in sorted(set(e.same_as)):
                if not _is_iri(other):
                    raise GraphError(f"entity {e.id!r} has same_as {other!r}, not an IRI")
                g.add((node, OWL.sameAs, URIRef(other)))
            for doc_id in sorted(set(e.documents)):
                g.add((node, KGO.mentionedIn, document_iri(doc_id, self.base)))
            for form in sorted(set(e.joined)):
                g.add((node, KGO.joinedForm, text_literal(form)))

    def curation(self) -> None:
        """The curation files applied (:mod:`kg.resolve.curation`): a ``prov:Activity`` each, with
        the
        file's name and SHA-256, and ``prov:wasInfluencedBy`` from each entity it changed."""
        from rdflib import DCTERMS, PROV, RDF, RDFS, URIRef

        for record in self.kg.curation:
            node = URIRef(f"{self.base}curation/{record.sha256[:16]}")
            g = self.default
            g.add((node, RDF.type, PROV.Activity))
            g.add((node, RDFS.label, text_literal(f"curation {record.name}")))
            g.add((node, DCTERMS.title, text_literal(record.name)))
            g.add((node, DCTERMS.identifier, text_literal(f"sha256:{record.sha256}")))
            g.add((node, RDFS.comment, text_literal(f"{record.actions} actions")))
            for eid in record.entities:
                g.add((entity_iri(eid, self.base), PROV.wasInfluencedBy, node))

    def open_properties(self, relations: Iterable[Relation]) -> None:
        from rdflib import OWL, RDF, RDFS

        from kg.graph.vocab import KGO

        labels: dict[str, str] = {}
        for r in relations:
            if r.open:
                labels.setdefault(open_name(r.predicate), r.predicate)
        for name in sorted(labels):
            prop = predicate_iri_open(name)
            self.default.add((prop, RDF.type, OWL.ObjectProperty))
            self.default.add((prop, RDFS.subPropertyOf, KGO.relatedTo))
            self.default.add((prop, RDFS.label, text_literal(labels[name])))

    def document(self, doc: Document) -> None:
        from rdflib import DCTERMS, RDF, URIRef

        from kg.graph.vocab import KGO, NIF

        node = document_iri(doc.id, self.base)
        g = self.named(doc.id)
        g.add((node, RDF.type, KGO.Document))
        g.add((node, RDF.type, NIF.Context))
        g.add((node, NIF.isString, text_literal(doc.text)))
        g.add((node, DCTERMS.identifier, text_literal(doc.id)))
        if doc.title:
            g.add((node, DCTERMS.title, text_literal(doc.title)))
        if doc.url:
            source = URIRef(doc.url) if _is_iri(doc.url) else text_literal(doc.url)
            g.add((node, DCTERMS.source, source))
        elif doc.source:
            g.add((node, DCTERMS.source, text_literal(doc.source)))
        if doc.date:
            g.add((node, DCTERMS.created, date_literal(doc.date)))
        for author in doc.authors:
            g.add((node, DCTERMS.creator, text_literal(author)))
        if doc.site:
            g.add((node, DCTERMS.publisher, text_literal(doc.site)))
        if doc.language:
            g.add((node, DCTERMS.language, text_literal(doc.language)))

    def sentence(self, s: Sentence) -> URIRef:
        from rdflib import RDF, Literal

        from kg.graph.vocab import NIF

        node = sentence_iri(s.doc_id, s.start, s.end, self.base)
        key = (s.doc_id, s.start, s.end)
        if key not in self.sentences_done:
            self.sentences_done.add(key)
            g = self.named(s.doc_id)
            g.add((node, RDF.type, NIF.Sentence))
            g.add((node, NIF.beginIndex, Literal(s.start)))
            g.add((node, NIF.endIndex, Literal(s.end)))
            g.add((node, NIF.anchorOf, text_literal(s.text)))
            g.add((node, NIF.referenceContext, document_iri(s.doc_id, self.base)))
        return node

    def relation(self, r: Relation, seen: set[str]) -> None:
        from rdflib import DCTERMS, PROV, RDF, Literal

        from kg.graph.vocab import KGO

        node = statement_iri(r, self.base)
        if str(node) in seen:  # the same fact twice in one sentence: keep the first (surest)
            return
        seen.add(str(node))
        doc_id = r.sentence.doc_id
        g = self.named(doc_id)
        subject = entity_iri(r.subject.entity, self.base)
        obj = entity_iri(r.object.entity, self.base)
        prop = predicate_iri(r)
        evidence = self.sentence(r.sentence)
        if not r.negated:
            g.add((subject, prop, obj))
        g.add((node, RDF.type, RDF.Statement))
        g.add((node, RDF.subject, subject))
        g.add((node, RDF.predicate, prop))
        g.add((node, RDF.object, obj))
        g.add((node, PROV.wasDerivedFrom, evidence))
        g.add((node, DCTERMS.source, document_iri(doc_id, self.base)))
        g.add((node, KGO.confidence, confidence_literal(r.confidence)))
        g.add((node, KGO.extractor, text_literal(r.extractor)))
        if r.rule:
            g.add((node, KGO.rule, text_literal(r.rule)))
        if r.negated:
            g.add((node, KGO.negated, Literal(True)))
        if r.hedged:
            g.add((node, KGO.hedged, Literal(True)))
        if r.date:
            g.add((node, KGO.date, date_literal(r.date)))
        if r.qualifier:
            g.add((node, KGO.category, text_literal(r.qualifier)))
        if r.attributed_to is not None and r.attributed_to.entity:
            g.add((node, KGO.attributedTo, entity_iri(r.attributed_to.entity, self.base)))

    def quotation(self, q: Quotation) -> None:
        from rdflib import DCTERMS, PROV, RDF, Literal

        from kg.graph.vocab import KGO, NIF

        node = quote_iri(q, self.base)
        g = self.named(q.doc_id)
        evidence = self.sentence(q.sentence)
        g.add((node, RDF.type, KGO.Statement))
        g.add((node, KGO.text, text_literal(q.text)))
        g.add((node, PROV.wasDerivedFrom, evidence))
        g.add((node, DCTERMS.source, document_iri(q.doc_id, self.base)))
        g.add((node, NIF.beginIndex, Literal(q.start)))
        g.add((node, NIF.endIndex, Literal(q.end)))
        if q.speaker is not None and q.speaker.entity:
            speaker = entity_iri(q.speaker.entity, self.base)
            g.add((speaker, KGO.said, node))
            g.add((node, PROV.wasAttributedTo, speaker))
        for eid in self._entities_in(q.doc_id, q.start, q.end):
            if q.speaker is None or eid != q.speaker.entity:
                g.add((node, KGO.mentions, entity_iri(eid, self.base)))


def predicate_iri_open(name: str) -> URIRef:
    """The IRI of an open relation from its slug (``kgx:<name>``)."""
    from kg.graph.vocab import KGX

    return KGX[name]


def to_dataset(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> Dataset:
    """The graph as an rdflib Dataset: entities in the default graph, each document's facts in
    the named graph of the document IRI."""
    return _Builder(kg, base).build()


def to_graph(kg: KnowledgeGraph, base: str = DEFAULT_BASE) -> Graph:
    """The union of :func:`to_dataset` as one rdflib Graph (same triples), iterating in sorted
    order."""
    from rdflib import Graph

    from kg.graph.vocab import bind_prefixes

    ds = to_dataset(kg, base)
    # SimpleMemory iterates in insertion order (the default Memory store iterates sets in hash
    # order), so serialisers that walk the graph (RDF/XML, JSON-LD) write the same bytes each run.
    g = Graph(store="SimpleMemory", bind_namespaces="none")
    bind_prefixes(g)
    triples = {(s, p, o) for s, p, o, _ in ds.quads((None, None, None, None))}
    for triple in sorted(triples, key=_n3_key):  # insertion order is what serialisers follow
        g.add(triple)
    return g


def _n3_key(triple: tuple[Node, Node, Node]) -> tuple[str, str, str]:
    s, p, o = triple
    return (s.n3(), p.n3(), o.n3())


class _Sink:
    """Stands in for a Graph of :class:`_Builder`: keeps what is added as quads, in order."""

    def __init__(self, quads: list[tuple[Node, Node, Node, URIRef | None]], graph: URIRef | None):
        self.quads = quads
        self.graph = graph

    def add(self, triple: tuple[Node, Node, Node]) -> None:
        self.quads.append((triple[0], triple[1], triple[2], self.graph))


class _QuadBuilder(_Builder):
    """:class:`_Builder` without a store: rdflib's in-memory indexes cost more than the terms."""

    def __init__(self, kg: KnowledgeGraph, base: str) -> None:
        self.kg = kg
        self.base = check_base(base)
        self.quads: list[tuple[Node, Node, Node, URIRef | None]] = []
        self.ds = None  # type: ignore[assignment]
        self.default = _Sink(self.quads, None)  # type: ignore[assignment]
        self.graphs = {}
        self.sentences_done = set()

    def named(self, doc_id: str) -> Graph:
        if doc_id not in self.graphs:
            iri = document_iri(doc_id, self.base)
            self.graphs[doc_id] = _Sink(self.quads, iri)  # type: ignore[assignment]
        return self.graphs[doc_id]


def to_quads(
    kg: KnowledgeGraph, base: str = DEFAULT_BASE
) -> list[tuple[Node, Node, Node, URIRef | None]]:
    """The statements of :func:`to_dataset` as ``(subject, predicate, object, graph)``, graph
    None for the default graph, each once, without building an rdflib store (for large graphs).

    >>> from kg.graph.model import Document
    >>> len(to_quads(KnowledgeGraph(documents=(Document(id="d", text="Hi."),))))
    4
    """
    builder = _QuadBuilder(kg, base)
    builder.build()
    return list(dict.fromkeys(builder.quads))
