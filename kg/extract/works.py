"""Makers and performers of works and products, which the clause rules of
:mod:`kg.extract.relations` do not reach (each a general English construction; invented
examples):

- a possessive the parser hung elsewhere: "Jo Bloggs's The Long Road" made by Jo Bloggs,
  "Acme's Zapp" owned by Acme (``possessive.creatorOf`` / ``possessive.owns``, the rules of
  the parsed possessive, read off the words);
- a name before a work noun and its title: "the Jo Bloggs track Zed Rising", "the Acme game
  Zapp" (``maker.creatorOf``, ``maker.developerOf`` for software and games);
- an organisation's name before a product kind: "machines running the Acme operating system"
  (``maker.developerOf``: the phrase names the product);
- an organisation's own named project, service or brand: "its Zapp project", "Acme's Zapp
  service" (``own.developerOf``);
- the credited: "Jo Bloggs, star of the film Zapp", "the director of Zapp, Jo Bloggs"
  (``credit.performedIn``, ``credit.creatorOf``);
- cast lists: "her co-stars from Zapp, Jo Bloggs and Ann Lee" (``cast.performedIn``, each
  name).

Every subject and object goes through the mention index, so pronouns ("its") reach their
resolved entities.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract.lexicon import WORK_CREDIT_NOUNS, WORK_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.relations import _Run
    from kg.graph.model import Mention, Relation

#: Nouns of products a firm develops (software, games, devices): "the Acme game Zapp", "its
#: Zapp console".
PRODUCT_KIND_NOUNS = frozenset(
    (
        "game videogame software browser console handset phone smartphone chip processor "
        "app application platform engine player device gadget system program"
    ).split()
)
#: Two-word product kinds whose firm's name before them names one product: "the Acme
#: operating system", "the Acme search engine".
PRODUCT_PHRASES = frozenset({("operating", "system"), ("search", "engine")})
#: Nouns of an organisation's own undertakings, named before them: "its Zapp project".
OWN_NOUNS = frozenset(
    "project service brand scheme initiative venture network website site label".split()
)
#: Verbs whose subject made the work its object names: "Acme released a new album, Zapp".
MAKING_VERBS = frozenset(
    (
        "release record write direct produce make pen compose publish create develop design "
        "co-write film shoot launch"
    ).split()
)
#: Verbs whose subject performs in the work an "in" phrase names, whatever the object ("X
#: plays the detective in Zapp", "X starred as the lead in the film Zapp").
ACTING_VERBS = frozenset("play portray star appear feature perform co-star costar".split())
#: Verbs whose subject presents the work (a show) its object names: "X presented Zapp".
PRESENTING_VERBS = frozenset("present host front narrate".split())
#: Parts of speech of the words between an owner's possessive and a work noun ("boxing",
#: "new", "long-awaited").
_MODIFIER_POS = frozenset({"ADJ", "NOUN", "ADV", "VERB", "PUNCT", "NUM"})
#: Nouns of a cast: "her co-stars from Zapp, Jo Bloggs and Ann Lee".
CAST_NOUNS = frozenset("co-star costar co-stars costars cast castmate".split())


class WorkRules:
    """Work and product rules over one run of the dependency extractor."""

    def __init__(self, run: _Run) -> None:
        self.run = run
        self.doc = run.doc
        self.index = run.index

    # -- verbs ----------------------------------------------------------------------------
    def verb(self, verb: Token, lemma: str) -> Iterator[Relation]:
        if lemma in MAKING_VERBS:
            yield from self.making(verb, lemma)
        if lemma in ACTING_VERBS:
            yield from self.acting(verb)
        if lemma in PRESENTING_VERBS:
            yield from self.presenting(verb)

    def making(self, verb: Token, lemma: str) -> Iterator[Relation]:
        """ "Jo Bloggs released a new album, Zapp", "Acme made the game Zapp": the object a work
        noun with its title (a named object is the clause rules' own)."""
        if _unreal(verb):
            return
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            kind = obj.lemma_.lower()
            if not obj.is_lower or (kind not in WORK_NOUNS and kind not in PRODUCT_KIND_NOUNS):
                continue
            if self.index.named(obj) is not None:
                continue
            work = self._work_title(obj)
            if work is None:
                continue
            for subj in self.run.subjects(verb):
                maker = self.run.m(subj)
                if maker is None or maker.type not in {"Person", "Organization"}:
                    continue
                product = kind in PRODUCT_KIND_NOUNS and maker.type == "Organization"
                predicate = "developerOf" if product else "creatorOf"
                yield from self.run.rel(maker, predicate, work, verb, "making")

    def acting(self, verb: Token) -> Iterator[Relation]:
        """ "Jo Bloggs plays the detective in Zapp", "she starred as the lead in the film
        Zapp": the work of an "in" phrase of the verb or of its object or "as" phrase."""
        if _unreal(verb):
            return
        heads = [verb]
        for c in verb.children:
            if c.dep_ in {"dobj", "attr"}:
                heads.append(c)
            elif c.dep_ == "prep" and c.lower_ == "as":
                heads += [g for g in c.children if g.dep_ == "pobj"]
        works: list[Mention] = []
        for head in heads:
            for prep in head.children:
                if prep.dep_ != "prep" or prep.lower_ not in {"in", "on"}:
                    continue
                for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                    work = self._work(pobj)
                    if work is not None and work not in works:
                        works.append(work)
        if len(works) != 1:
            return
        for subj in self.run.subjects(verb):
            performer = self.run.m(subj)
            if performer is not None and performer.type == "Person":
                yield from self.run.rel(performer, "performedIn", works[0], verb, "acting")

    def presenting(self, verb: Token) -> Iterator[Relation]:
        """ "Jo Bloggs presented the show Zapp", "she hosts Zapp": the presenter appears in the
        work its object names."""
        if _unreal(verb):
            return
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            work = self._work(obj)
            if work is None:
                continue
            for subj in self.run.subjects(verb):
                host = self.run.m(subj)
                if host is not None and host.type == "Person":
                    yield from self.run.rel(host, "performedIn", work, verb, "presenting")

    def _work_title(self, noun: Token) -> Mention | None:
        """The title a work noun introduces ("a new album, Zapp"; "the film Zapp")."""
        work = self.run._work_name(noun)
        if work is None or work.type != "Product" or work.kind != "name":
            return None
        return work

    # -- nouns ----------------------------------------------------------------------------
    def noun(self, tok: Token, lemma: str) -> Iterator[Relation]:
        if lemma in WORK_NOUNS or lemma in PRODUCT_KIND_NOUNS:
            yield from self.maker(tok, lemma)
        if lemma in OWN_NOUNS or lemma in PRODUCT_KIND_NOUNS:
            yield from self.own(tok)
        if lemma in WORK_CREDIT_NOUNS and tok.dep_ == "appos" and tok.pos_ == "NOUN":
            yield from self.credit(tok, lemma)
        if tok.lower_ in CAST_NOUNS or tok.lower_ in {"stars", "star"}:
            yield from self.cast(tok)

    def by(self, work: Mention, start: int, end: int) -> Iterator[Relation]:
        """ "the novel Zed Rising by Jo Bloggs", "Zed Rising by Jo Bloggs": the title right
        before "by" and a name (no verb between: not a passive's agent)."""
        doc = self.doc
        if end + 1 >= len(doc) or doc[end].text != "by" or start == 0:
            return
        maker = self.index.named(doc[end + 1])
        if maker is None or maker.kind != "name" or maker.type not in {"Person", "Organization"}:
            return
        kind = doc[start - 1]
        creative = kind.is_lower and kind.lemma_.lower() in WORK_NOUNS
        if maker.type == "Organization" and not creative:
            return  # "the Zapp app by Acme": the noun rules read a product's developer
        yield from self.run.rel(maker, "creatorOf", work, doc[end], "by")

    def owned_kind(self, work: Mention, start: int) -> Iterator[Relation]:
        """ "Acme's boxing show The Last Round", "her new single Zapp": an owner's possessive,
        up to three lower-case words ending in a work or product noun, then the title (read
        off the words)."""
        doc = self.doc
        k = start - 1
        if k < 2 or not doc[k].is_lower:
            return
        lemma = doc[k].lemma_.lower()
        if lemma not in WORK_NOUNS and lemma not in PRODUCT_KIND_NOUNS:
            return
        j = k - 1
        while j > 0 and k - j <= 3 and doc[j].is_lower and doc[j].pos_ in _MODIFIER_POS:
            j -= 1
        if doc[j].tag_ == "POS" and j > 0:
            if doc[j - 1].dep_ == "poss" and doc[j - 1].head.i == k:
                return  # the parsed possessive: the relation rules read it
            owner = self.index.named(doc[j - 1])
        elif doc[j].lower_ in {"his", "her"}:
            owner = self.run.m(doc[j])
        else:
            return
        if owner is None or owner.type not in {"Person", "Organization"}:
            return
        if owner.kind not in {"name", "pronoun"}:
            return
        from kg.extract.relations import _acting  # the relation rules import this module

        product = lemma in PRODUCT_KIND_NOUNS and owner.type == "Organization"
        predicate = "developerOf" if product else "creatorOf"
        if owner.type == "Person" and _acting(doc[k].sent):
            predicate = "performedIn"  # "her previous film Zapp", where the sentence speaks
            # of acting: a film she was in
        yield from self.run.rel(owner, predicate, work, doc[k], "possessive")

    def adjective(self, tok: Token, lemma: str) -> Iterator[Relation]:
        """ "her single Zapp" with "single" tagged an adjective: a work noun all the same."""
        if lemma not in WORK_NOUNS or tok.dep_ in {"amod", "acomp"}:
            return
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        owner = self.run.m(poss) if poss is not None else None
        if owner is None or owner.type != "Person":
            return
        if owner.kind != "name" and poss is not None and poss.lower_ not in {"his", "her"}:
            return
        work = self.run._work_name(tok)
        if work is not None and work.type == "Product":
            yield from self.run.rel(owner, "creatorOf", work, tok, "possessive")

    def maker(self, noun: Token, lemma: str) -> Iterator[Relation]:
        """ "the Jo Bloggs track Zed Rising", "the Acme game Zapp", "the Acme operating
        system": read off the words (the parser often hangs the name on the title)."""
        doc = self.doc
        if not noun.is_lower or noun.i == 0:
            return
        first = noun.i  # the kind's first word ("operating" of "operating system")
        if noun.i > 1 and (doc[noun.i - 1].lower_, noun.lower_) in PRODUCT_PHRASES:
            first = noun.i - 1
        if first == 0:
            return
        maker = self.index.named(doc[first - 1])
        if maker is None or maker.type not in {"Person", "Organization"}:
            return
        if maker.kind != "name":
            return
        work = self._title(noun)
        product = lemma in PRODUCT_KIND_NOUNS
        if work is None:
            if first == noun.i or maker.type != "Organization" or noun.tag_ == "NNS":
                return
            span = doc.char_span(maker.start, maker.end, alignment_mode="expand")
            if span is None:
                return
            start = span.start
            if start > 0 and doc[start - 1].lower_ == "the":
                start -= 1
            elif start > 0 and doc[start - 1].pos_ == "DET":
                return  # "an Acme operating system": one of several
            key = f"{maker.text.lower()} {doc[first : noun.i + 1].text.lower()}"
            work = self.index._make(start, noun.i + 1, "Product", "phrase", key)
        if work.type not in {"Product", ""} or work == maker:
            return
        predicate = "developerOf" if product and maker.type == "Organization" else "creatorOf"
        yield from self.run.rel(maker, predicate, work, noun, "maker")

    def _title(self, noun: Token) -> Mention | None:
        """The title right after a work noun ("the track Zed Rising")."""
        nxt = noun.i + 1
        if nxt < len(self.doc):
            m = self.index.named(self.doc[nxt])
            if m is not None and m.type == "Product" and m.kind == "name":
                return m
        return None

    def own(self, noun: Token) -> Iterator[Relation]:
        """ "its Zapp project", "Acme's Zapp service": the organisation's own undertaking."""
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is None:
            return
        owner = self.run.m(poss)
        if owner is None or owner.type not in {"Organization"}:
            return
        if owner.kind not in {"name", "pronoun"} or (
            owner.kind == "pronoun" and poss.lower_ not in {"its", "their"}
        ):
            return
        if not noun.is_lower:
            return
        start = noun.i  # the capitalised words between the possessive and the noun
        while start - 1 > poss.i and self.doc[start - 1].text[:1].isupper():
            start -= 1
        if start == noun.i or start != poss.i + 1 + (self.doc[poss.i + 1].tag_ == "POS"):
            return
        named = self.index.named(self.doc[start])
        if named is None:
            named = self.index._make(start, noun.i, "Product", "name", "")
        elif named.kind != "name" or named.type in {"Person", "Place"} or named == owner:
            return
        yield from self.run.rel(owner, "developerOf", named, noun, "own")

    def credit(self, noun: Token, lemma: str) -> Iterator[Relation]:
        """ "Jo Bloggs, star of the film Zapp", "Jo Bloggs, the director of Zapp"."""
        holder = self.run.m(noun.head)
        if holder is None or holder.type not in {"Person", ""}:
            return
        for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in {"of", "in"}):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                work = self._work(pobj)
                if work is not None:
                    yield from self.run.rel(holder, WORK_CREDIT_NOUNS[lemma], work, noun, "credit")

    def _work(self, tok: Token) -> Mention | None:
        """The titled work a noun phrase names: "Zapp", "the film Zapp", "hit film Zapp"."""
        m = self.index.named(tok)
        if m is None and tok.lemma_.lower() in WORK_NOUNS:
            m = self._title(tok) or self.run._work_name(tok)
        if m is None or m.type != "Product" or m.kind != "name":
            return None
        return m

    def cast(self, noun: Token) -> Iterator[Relation]:
        """ "her co-stars from Zapp, Jo Bloggs and Ann Lee": each named co-star was in Zapp,
        and so was the one whose co-stars they are (read off the words)."""
        doc = self.doc
        n = len(doc)
        first = noun.i
        if noun.lower_ in {"stars", "star"} and noun.i >= 2 and doc[noun.i - 1].text == "-":
            if doc[noun.i - 2].lower_ != "co":
                return
            first = noun.i - 2
        elif noun.lower_ not in CAST_NOUNS:
            return
        i = noun.i + 1
        if i + 1 >= n or doc[i].lower_ not in {"from", "in", "on", "of"}:
            return
        j = i + 2 if doc[i + 1].lower_ == "the" and i + 2 < n else i + 1
        work = self.index.named(doc[j])  # "from The Long Road": the name leaves out "The"
        if work is None or work.type != "Product" or work.kind != "name":
            return
        span = doc.char_span(work.start, work.end, alignment_mode="expand")
        if span is None:
            return
        people: list[Mention] = []
        i = span.end
        while i + 1 < n and doc[i].lower_ in {",", "and"}:
            person = self.index.named(doc[i + 1])
            if person is None or person.type != "Person" or person.kind != "name":
                break
            people.append(person)
            name = doc.char_span(person.start, person.end, alignment_mode="expand")
            if name is None:
                break
            i = name.end
        if first > 1 and doc[first - 1].tag_ == "POS" and people:
            owner = self.index.named(doc[first - 2])
            if owner is not None and owner.type == "Person":
                people.append(owner)
        for person in people:
            yield from self.run.rel(person, "performedIn", work, noun, "cast")

    # -- the words -------------------------------------------------------------------------
    def surface(self) -> Iterator[Relation]:
        """ "Jo Bloggs's The Long Road" where the parser hung the possessive elsewhere; "the
        novel Zed Rising by Jo Bloggs"."""
        doc = self.doc
        for work in self.index.mentions():
            if work.type != "Product":
                continue
            span = doc.char_span(work.start, work.end, alignment_mode="expand")
            if span is not None:
                yield from self.by(work, span.start, span.end)
                yield from self.owned_kind(work, span.start)
            if span is None or span.start < 2 or doc[span.start - 1].tag_ != "POS":
                continue
            owner_tok = doc[span.start - 2]
            owner = self.index.named(owner_tok)
            if (
                owner is None
                or owner.kind != "name"
                or owner.type
                not in {
                    "Person",
                    "Organization",
                }
            ):
                continue
            if owner_tok.dep_ == "poss" and owner_tok.head.i in range(span.start, span.end):
                continue  # the parsed possessive: the relation rules read it
            if span.end < len(doc) and doc[span.end].is_lower and doc[span.end].pos_ == "NOUN":
                continue  # "Jo Bloggs's Zapp TV show": the name modifies a noun
            predicate = "creatorOf" if owner.type == "Person" else "owns"
            yield from self.run.rel(owner, predicate, work, doc[span.start - 1], "possessive")


def _unreal(verb: Token) -> bool:
    """Whether a verb is negated or a plan ("will play", "is to star", "wants to make")."""
    if any(c.dep_ == "neg" for c in verb.children):
        return True
    if any(c.lower_ in {"will", "would", "could", "might", "may", "shall"} for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_.lower() not in {"begin", "start", "continue"}
