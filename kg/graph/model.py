"""The data model: plain frozen dataclasses with character offsets.

It knows nothing of spaCy, rdflib or networkx. Offsets are Python string indices into
``Document.text`` (``text[start:end]`` is the surface form).

>>> doc = Document(id="d1", text="Ada Lovelace met Charles Babbage.")
>>> m = Mention(doc_id="d1", start=0, end=12, text="Ada Lovelace", type="Person")
>>> doc.text[m.start:m.end] == m.text
True
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, get_args

#: An entity's type: a core class of the ontology (its local name in ``kgo:``).
EntityType = Literal["Person", "Organization", "Place", "Product", "Event", "Group"]
#: How a mention was found (see :class:`Mention`).
MentionKind = Literal["name", "phrase", "description", "pronoun", "demonym", "kin"]
#: The core classes of the ontology, in order.
CORE_TYPES: tuple[EntityType, ...] = get_args(EntityType)


@dataclass(frozen=True)
class Document:
    """One input article."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    date: str | None = None  # ISO 8601 date (or date and time) of publication when known
    source: str | None = None  # path the text was read from, if any
    authors: tuple[str, ...] = ()  # who wrote it, as the page or record says
    site: str | None = None  # the publication or web site it appeared on
    language: str | None = None  # the language it declares (a BCP 47 tag such as "en-GB")


@dataclass(frozen=True, order=True)
class Sentence:
    """A sentence of a document, by character offsets."""

    doc_id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, order=True)
class Mention:
    """A span of text that refers to an entity.

    ``kind`` says how it was found (:data:`MentionKind`): ``name`` (named entity), ``phrase`` (a
    noun phrase that takes part in a relation), ``description`` ("the group"), ``pronoun``
    ("he"), ``demonym`` ("French"), ``kin`` ("his daughter"). ``entity`` is the resolved
    entity id, empty until resolution.
    """

    doc_id: str
    start: int
    end: int
    text: str
    type: str  # a core type; "" while unknown
    kind: MentionKind = "name"
    entity: str = ""
    head: str = ""  # lemma of the syntactic head, for phrases and descriptions
    in_quote: bool = False


@dataclass(frozen=True, order=True)
class Relation:
    """A fact: subject --predicate--> object, with its evidence sentence.

    ``predicate`` is an inventory name (``banned``) or, for an open relation, the verb lemma
    (``wipe``) with ``open=True``.
    """

    subject: Mention
    predicate: str
    object: Mention
    sentence: Sentence
    extractor: str
    confidence: float = 0.5
    open: bool = False
    negated: bool = False
    hedged: bool = False
    date: str | None = None
    qualifier: str | None = None  # e.g. the category of ``designated`` ("terrorist organisation")
    attributed_to: Mention | None = None  # the speaker when the fact is inside a quotation
    rule: str = ""  # the id of the rule or model that found it ("appos.memberOf", "learned.v1")


def relation_key(r: Relation) -> tuple[object, ...]:
    """A total order of relations (``None`` qualifiers first), for deterministic output."""
    return (
        r.subject,
        r.predicate,
        r.object,
        r.sentence,
        r.extractor,
        r.confidence,
        r.open,
        r.negated,
        r.hedged,
        r.date or "",
        r.qualifier or "",
        () if r.attributed_to is None else (r.attributed_to,),
        r.rule,
    )


@dataclass(frozen=True, order=True)
class Quotation:
    """Reported speech: ``speaker`` said ``text`` (``start``/``end`` delimit the quoted text)."""

    doc_id: str
    start: int
    end: int
    text: str
    sentence: Sentence
    speaker: Mention | None
    extractor: str = "quotes.v1"
    direct: bool = True


@dataclass(frozen=True)
class Extraction:
    """What the extractors found in one document, before or after resolution."""

    document: Document
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    quotations: tuple[Quotation, ...] = ()


@dataclass(frozen=True)
class Entity:
    """A real-world entity: one node of the graph, one IRI."""

    id: str  # the IRI's last segment, deterministic (``anas-haqqani``)
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    mentions: int = 0
    same_as: tuple[str, ...] = ()  # IRIs of the same entity elsewhere (Wikidata, GeoNames)
    #: names of other entities that cross-document resolution joined into this one
    joined: tuple[str, ...] = ()


@dataclass(frozen=True)
class CurationRecord:
    """A curation file applied to the graph (:mod:`kg.resolve.curation`): its name, its SHA-256, its
    number of actions and the ids of the entities it changed."""

    name: str
    sha256: str
    actions: int
    entities: tuple[str, ...] = ()


@dataclass(frozen=True)
class KnowledgeGraph:
    """The resolved graph of one or more documents."""

    documents: tuple[Document, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    entities: tuple[Entity, ...] = ()
    relations: tuple[Relation, ...] = ()
    quotations: tuple[Quotation, ...] = ()
    meta: dict[str, str] = field(default_factory=dict, compare=False)
    #: the curation files applied, in order (:mod:`kg.resolve.curation`)
    curation: tuple[CurationRecord, ...] = ()
    #: every resolved mention (names, descriptions, pronouns): what quotations mention
    #: (``kgo:mentions``) and which entities share a sentence (the co-occurrence network)
    mentions: tuple[Mention, ...] = ()
