"""``dependency.v1``: relations from the dependency parse, mapped onto the inventory.

Patterns (each a general English construction, each with a confidence):

- clauses: subject-verb-object, passives with a "by" agent, prepositional objects, phrasal
  verbs, "X as CATEGORY", relative clauses ("Meta, which views ..."), shared subjects of
  coordinated verbs, conjoined arguments distributed ("Weeks and King were captured");
- copulas: "X is a member of Y", "X was part of Y";
- noun phrases: appositive roles ("X, a senior Taliban official"), premodifying titles and
  demonyms ("Labour MP X", "Australian X"), "X from the US", possessive kin and roles
  ("X's father"), nominalisations ("the group's takeover of Afghanistan"), "the app by Meta",
  "Afghanistan under the Taliban";
- qualifiers: negation, hedging, dates found in the same clause.

Verbs with no inventory mapping become open relations only between two named entities.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract.base import add, quote_spans, sentence_of
from kg.extract.lexicon import (
    AS_VERBS,
    CHILD_NOUNS,
    HEDGE_ADVERBS,
    HEDGE_GOVERNORS,
    HEDGE_MODALS,
    LIGHT_VERBS,
    NOUNS,
    PARENT_NOUNS,
    PASSIVE_PLACE,
    ROLE_NOUNS,
    SPEECH_VERBS,
    SPOUSE_NOUNS,
    TYPE_NOUNS,
    VERB_PREPS,
    VERBS,
    Target,
)
from kg.extract.mentions import MentionIndex
from kg.gazetteer import lookup as country_lookup
from kg.model import Extraction, Mention, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Confidence of each pattern (to be calibrated on development data).
CONFIDENCE = {
    "svo": 0.7,
    "passive": 0.75,
    "prep": 0.65,
    "as": 0.7,
    "copula": 0.7,
    "appos": 0.8,
    "title": 0.75,
    "demonym": 0.8,
    "from": 0.6,
    "kin": 0.85,
    "possessive": 0.6,
    "nominal": 0.65,
    "by": 0.7,
    "under": 0.6,
    "open": 0.4,
}

_SUBJ = {"nsubj", "csubj"}
_RELATIVE = {"who", "which", "that", "whom"}
_PART_NOUNS = {"part", "faction", "division", "subsidiary", "unit", "wing", "arm", "branch"}


def _pick(target: Target | None, obj: Mention) -> str | None:
    if target is None or isinstance(target, str):
        return target
    return target.get(obj.type, target.get("*"))


def _with_conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for tok in tokens:
        for t in (tok, *tok.conjuncts):
            if t not in out:
                out.append(t)
    return out


class DependencyExtractor:
    """Relations from the dependency parse (see module docstring)."""

    name = "dependency.v1"

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        quotes = quote_spans(doc.text)
        index = MentionIndex(doc, found.document.id, found.mentions, quotes)
        run = _Run(doc, found.document.id, index, self.name)
        relations = list(run.all())
        return add(found, mentions=index.new, relations=relations)


class _Run:
    def __init__(self, doc: Doc, doc_id: str, index: MentionIndex, extractor: str) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self.index = index
        self.extractor = extractor

    # -- output ---------------------------------------------------------------------------
    def rel(
        self,
        subj: Mention | None,
        predicate: str | None,
        obj: Mention | None,
        trigger: Token,
        pattern: str,
        *,
        open_: bool = False,
        qualifier: str | None = None,
    ) -> Iterator[Relation]:
        if subj is None or obj is None or predicate is None:
            return
        if (subj.start, subj.end) == (obj.start, obj.end):
            return
        yield Relation(
            subject=subj,
            predicate=predicate,
            object=obj,
            sentence=sentence_of(self.doc, trigger, self.doc_id),
            extractor=self.extractor,
            confidence=CONFIDENCE[pattern],
            open=open_,
            negated=_negated(trigger),
            hedged=_hedged(trigger),
            date=_date(trigger),
            qualifier=qualifier,
        )

    def m(self, tok: Token, *, events: bool = False) -> Mention | None:
        return self.index.mention_for(tok, events=events)

    def all(self) -> Iterator[Relation]:
        for tok in self.doc:
            if tok.pos_ in {"VERB", "AUX"} and tok.lemma_ != "be":
                yield from self.clause(tok)
            elif tok.lemma_ == "be":
                yield from self.copula(tok)
            if tok.pos_ in {"NOUN", "PROPN"}:
                yield from self.noun(tok)
        yield from self.names()

    # -- clauses --------------------------------------------------------------------------
    def subjects(self, verb: Token, depth: int = 0) -> list[Token]:
        subj = [c for c in verb.children if c.dep_ in _SUBJ]
        if verb.dep_ == "relcl":
            subj = [verb.head if s.lower_ in _RELATIVE else s for s in subj] or (
                [verb.head] if any(c.dep_ == "nsubjpass" for c in verb.children) else []
            )
        if not subj and depth < 3 and verb.dep_ in {"conj", "xcomp"}:
            return self.subjects(verb.head, depth + 1)
        return _with_conjuncts(subj)

    def clause(self, verb: Token) -> Iterator[Relation]:
        lemma = verb.lemma_.lower()
        if lemma in SPEECH_VERBS:
            return
        children = list(verb.children)
        particle = next((c.lower_ for c in children if c.dep_ == "prt"), "")
        patients = _with_conjuncts([c for c in children if c.dep_ == "nsubjpass"])
        if verb.dep_ == "conj" and not patients and verb.tag_ == "VBN":
            patients = _with_conjuncts([c for c in verb.head.children if c.dep_ == "nsubjpass"])
        agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if patients or agents:
            agents = _with_conjuncts(agents)
            if not agents and verb.dep_ == "conj":
                agents = _with_conjuncts(
                    [g for c in verb.head.children if c.dep_ == "agent" for g in c.children]
                )
            target = VERBS.get((lemma, particle)) or VERBS.get((lemma, ""))
            for a in agents:
                for p in patients:
                    obj = self.m(p)
                    if obj is not None:
                        yield from self.rel(self.m(a), _pick(target, obj), obj, verb, "passive")
            for p in patients:
                for prep in (c for c in children if c.dep_ == "prep"):
                    place_rel = PASSIVE_PLACE.get((lemma, prep.lower_))
                    for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                        yield from self.rel(self.m(p), place_rel, self.m(pobj), verb, "prep")
            return
        subjects = self.subjects(verb)
        if not subjects:
            return
        objects = _with_conjuncts([c for c in children if c.dep_ in {"dobj", "dative"}])
        preps = [c for c in children if c.dep_ == "prep"]
        target = VERBS.get((lemma, particle)) or (VERBS.get((lemma, "")) if not particle else None)
        as_rel = AS_VERBS.get(lemma)
        for s_tok in subjects:
            subj = self.m(s_tok)
            if subj is None:
                continue
            for o_tok in objects:
                obj = self.m(o_tok, events=True)
                if obj is None:
                    continue
                as_obj = next(
                    (g for p in preps if p.lower_ == "as" for g in p.children if g.dep_ == "pobj"),
                    None,
                )
                if as_rel and as_obj is not None:
                    category = _phrase(as_obj)
                    yield from self.rel(subj, as_rel, obj, verb, "as", qualifier=category)
                    continue
                light = next(
                    (
                        LIGHT_VERBS[(lemma, o_tok.lemma_.lower(), p.lower_)]
                        for p in (*o_tok.children, *preps)
                        if p.dep_ == "prep"
                        and (lemma, o_tok.lemma_.lower(), p.lower_) in LIGHT_VERBS
                    ),
                    None,
                )
                if light:
                    continue  # handled with the preposition's object below
                predicate = _pick(target, obj)
                if predicate:
                    yield from self.rel(subj, predicate, obj, verb, "svo")
                elif subj.kind == "name" and obj.kind == "name" and lemma.isalpha():
                    verb_name = f"{lemma} {particle}".strip()
                    yield from self.rel(subj, verb_name, obj, verb, "open", open_=True)
            for prep in preps + [p for o in objects for p in o.children if p.dep_ == "prep"]:
                key = (lemma, prep.lower_)
                light_key = next(
                    (
                        (lemma, o.lemma_.lower(), prep.lower_)
                        for o in objects
                        if (lemma, o.lemma_.lower(), prep.lower_) in LIGHT_VERBS
                    ),
                    None,
                )
                prep_target = LIGHT_VERBS[light_key] if light_key else VERB_PREPS.get(key)
                if prep_target is None:
                    continue
                for pobj in _with_conjuncts([g for g in prep.children if g.dep_ == "pobj"]):
                    obj = self.m(pobj, events=True)
                    if obj is not None:
                        yield from self.rel(subj, _pick(prep_target, obj), obj, verb, "prep")

    def copula(self, be: Token) -> Iterator[Relation]:
        subjects = _with_conjuncts([c for c in be.children if c.dep_ == "nsubj"])
        for attr in (c for c in be.children if c.dep_ == "attr"):
            lemma = attr.lemma_.lower()
            pobjs = [
                g
                for p in attr.children
                if p.dep_ == "prep" and p.lower_ in {"of", "at", "for", "in"}
                for g in p.children
                if g.dep_ == "pobj"
            ]
            for s_tok in subjects:
                subj = self.m(s_tok)
                if subj is None:
                    continue
                for pobj in _with_conjuncts(pobjs):
                    obj = self.m(pobj, events=True)
                    if obj is None:
                        continue
                    if lemma in _PART_NOUNS:
                        predicate = (
                            "participatedIn"
                            if obj.type == "Event"
                            else "memberOf"
                            if subj.type == "Person"
                            else "partOf"
                        )
                    else:
                        predicate = ROLE_NOUNS.get(lemma)
                    yield from self.rel(subj, predicate, obj, be, "copula")

    # -- noun phrases ---------------------------------------------------------------------
    def noun(self, tok: Token) -> Iterator[Relation]:
        lemma = tok.lemma_.lower()
        children = list(tok.children)
        # appositive role or part: "X, a senior Taliban official", "Y, a faction of Z"
        if tok.dep_ == "appos":
            holder = self.m(tok.head)
            if holder is not None:
                if lemma in ROLE_NOUNS:
                    for org in self.role_orgs(tok):
                        yield from self.rel(holder, ROLE_NOUNS[lemma], org, tok, "appos")
                if lemma in _PART_NOUNS:
                    for g in (g for p in children if p.lower_ == "of" for g in p.children):
                        yield from self.rel(holder, "partOf", self.m(g), tok, "appos")
        # possessives: kin, roles, nominalisations, ownership
        poss = next((c for c in children if c.dep_ == "poss"), None)
        if poss is not None:
            owner = self.m(poss)
            if owner is not None:
                if lemma in PARENT_NOUNS | CHILD_NOUNS | SPOUSE_NOUNS and owner.type not in {
                    "Place",
                    "Product",
                }:
                    kin = self.index.kin(owner, tok)
                    if lemma in PARENT_NOUNS:
                        yield from self.rel(owner, "childOf", kin, tok, "kin")
                    elif lemma in CHILD_NOUNS:
                        yield from self.rel(kin, "childOf", owner, tok, "kin")
                    else:
                        yield from self.rel(owner, "spouseOf", kin, tok, "kin")
                elif lemma in NOUNS:
                    for prep in (c for c in children if c.dep_ == "prep"):
                        if prep.lower_ not in {"of", "on", "to", "over", "against"}:
                            continue
                        for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                            obj = self.m(pobj)
                            if obj is not None:
                                yield from self.rel(
                                    owner, _pick(NOUNS[lemma], obj), obj, tok, "nominal"
                                )
                else:
                    possessed = self.index.named(tok)
                    if (
                        possessed is not None
                        and owner.type == "Organization"
                        and possessed.type == "Product"
                    ):
                        yield from self.rel(owner, "owns", possessed, tok, "possessive")
        # "the Threads app by Meta": a product noun made by someone
        for prep in (c for c in children if c.dep_ == "prep" and c.lower_ == "by"):
            product = self._compound_name(tok) or self.m(tok)
            if product is None or (
                product.type != "Product" and TYPE_NOUNS.get(lemma) != "Product"
            ):
                continue
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                yield from self.rel(self.m(pobj), "developerOf", product, tok, "by")
        # "Afghanistan under the Taliban"
        place = self.index.named(tok)
        if place is not None and place.type == "Place":
            for prep in (c for c in children if c.dep_ == "prep" and c.lower_ == "under"):
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    ruler = self.m(pobj)
                    if ruler is not None and ruler.type in {"Organization", "Person", "Group"}:
                        yield from self.rel(ruler, "controls", place, tok, "under")

    def role_orgs(self, role: Token) -> Iterator[Mention]:
        """Organisations a role noun names: premodifiers or of/at/for objects."""
        for c in role.children:
            if c.dep_ in {"compound", "amod", "nmod"} and c.i < role.i:
                m = self.index.named(c)
                if m is not None and m.type in {"Organization", "Group", "Place", ""}:
                    yield m
            if c.dep_ == "prep" and c.lower_ in {"of", "at", "for", "with", "from"}:
                for g in c.children:
                    if g.dep_ == "pobj":
                        m = self.index.named(g)
                        if m is not None and m.type in {"Organization", "Group", ""}:
                            yield m

    def _compound_name(self, tok: Token) -> Mention | None:
        for c in tok.children:
            if c.dep_ == "compound":
                m = self.index.named(c)
                if m is not None:
                    return m
        return None

    def names(self) -> Iterator[Relation]:
        """Titles and demonyms before a person's name; "X from the US" after it."""
        doc = self.doc
        seen: set[tuple[int, int]] = set()
        for tok in doc:
            person = self.index.named(tok)
            if person is None or person.type not in {"Person", ""}:
                continue
            key = (person.start, person.end)
            if key in seen:
                continue
            seen.add(key)
            span = doc.char_span(person.start, person.end, alignment_mode="expand")
            if span is None:
                continue
            # premodifiers: walk left over adjectives, nouns and names in the same phrase
            i = span.start - 1
            role: str | None = None
            while (
                i >= 0 and doc[i].pos_ in {"ADJ", "NOUN", "PROPN"} and doc[i].head.i >= span.start
            ):
                left = doc[i]
                named = self.index.named(left)
                country = country_lookup(left.text) if left.pos_ != "NOUN" else None
                if named is not None and country is None and role:
                    yield from self.rel(person, role, named, left, "title")
                elif country is not None and left.text[:1].isupper():
                    place = named or self.index.mention_for(left)
                    if place is None:
                        place = self.index._make(left.i, left.i + 1, "Place", "demonym", "")
                    yield from self.rel(person, "nationality", place, left, "demonym")
                if left.lemma_.lower() in ROLE_NOUNS:
                    role = ROLE_NOUNS[left.lemma_.lower()]
                i -= 1
            # "Kevin King from the US"
            j = span.end
            if j + 1 < len(doc) and doc[j].lower_ == "from":
                k = j + 1
                if doc[k].pos_ == "DET":
                    k += 1
                place = self.index.named(doc[k]) if k < len(doc) else None
                if place is not None and (place.type == "Place" or country_lookup(place.text)):
                    yield from self.rel(person, "nationality", place, doc[j], "from")


def _phrase(tok: Token) -> str:
    words = [t for t in tok.subtree if t.dep_ != "det" and not t.is_punct]
    return " ".join(t.text for t in words)


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in tok.head.children)


def _hedged(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in HEDGE_MODALS:
            return True
        if c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS:
            return True
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in HEDGE_GOVERNORS


_WHEN = frozenset("yesterday today tomorrow last next ago week month year".split())
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = {
    m: i
    for i, m in enumerate(
        "january february march april may june july august september october november december".split(),
        start=1,
    )
}


def _date(tok: Token) -> str | None:
    """A DATE entity in the clause of ``tok``, normalised to ISO when it names a year/month."""
    head = tok if tok.pos_ in {"VERB", "AUX"} else tok.head
    for ent in tok.sent.ents:
        if ent.label_ != "DATE" or not any(
            t.pos_ in {"NUM", "PROPN"} or t.lower_ in _WHEN for t in ent
        ):
            continue
        if ent.root.head.i == head.i or ent.root.head.head.i == head.i or ent.root.head == tok:
            return normalise_date(ent.text)
    return None


def normalise_date(text: str) -> str:
    """ISO form of a year or month-year expression, else the text as written.

    >>> normalise_date("August 2021"), normalise_date("2019"), normalise_date("last Thursday")
    ('2021-08', '2019', 'last Thursday')
    """
    year = _YEAR.search(text)
    if not year:
        return text
    words = text.lower().split()
    month = next((_MONTHS[w] for w in words if w in _MONTHS), None)
    if month and len(words) <= 3:
        return f"{year.group(1)}-{month:02d}"
    if text.strip() == year.group(1):
        return year.group(1)
    return text
