"""Company structure and deals, which the clause rules of :mod:`kg.extract.relations` and the
event rules of :mod:`kg.extract.events` do not reach (each a general English construction;
invented examples):

- a base or an owner written before a name through common nouns: "UK-based bank Acme Corp",
  "the Leeds-based games studio Zapp", "Acme Corp, the UK-based operator"
  (``basedchain.basedIn``), "Acme-owned carmaker Zenith" (``ownedchain.owns``);
- a head office: "Acme's London headquarters", "the party's Leeds HQ" (``hq.basedIn``);
- parts and brands with their possessor: "Acme's Zenith subsidiary", "its Zapp unit", "its
  subsidiary Zenith" (``unit.partOf``), "its Zapp marque", "Acme's Zapp brand"
  (``brand.owns``);
- stakes and owners: "Acme holds a 30% stake in Zenith", "Acme's stake in Zenith"
  (``stake.owns``), "Zenith is majority-owned by Acme" (``ownedby.owns``);
- mergers and deals between two parties: "the merger of Acme and Zenith", "the merger of Acme
  with Zenith" (``merger.agreementWith``), "Acme and Zenith are to merge"
  (``mergepair.agreementWith``), "a tie-up between Acme and Zenith" (``between.agreementWith``),
  "Acme announced a deal to buy chips from Zenith", "a deal to supply Zenith with cars"
  (``dealto.agreementWith``);
- a takeover by a named buyer of the clause's subject or the possessor: "Zenith agreed a takeover
  by Acme", "Zenith's takeover by Acme" (``takeoverby.acquired``).

Every subject and object goes through the mention index, so pronouns and descriptions ("its",
"the company") reach their resolved entities.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract.lexicon import AGREEMENT_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.relations import _Run
    from kg.graph.model import Mention, Relation

#: Nouns of a part of an organisation: "Acme's Zenith subsidiary".
PART_NOUNS = frozenset("subsidiary unit division arm affiliate offshoot".split())
#: Nouns of an organisation's head office: "its London headquarters".
HQ_NOUNS = frozenset("headquarters hq head-office".split())
#: Nouns of a brand an organisation owns: "its Zapp marque".
BRAND_NOUNS = frozenset("brand marque label imprint".split())
#: Nouns of a merger between two parties.
MERGER_NOUNS = frozenset("merger amalgamation".split())
#: Nouns of a takeover whose "by" names the buyer.
TAKEOVER_NOUNS = frozenset("takeover acquisition buyout".split())
#: Verbs whose subject accepts the takeover its object names: "Zenith agreed a takeover by Acme".
ACCEPTING_VERBS = frozenset(
    "agree accept approve recommend back welcome complete finalise finalize seal".split()
)
#: Nouns of a part-ownership: "a 30% stake in Acme".
STAKE_NOUNS = frozenset("stake holding shareholding".split())
#: Verbs whose subject holds the stake its object names: "Acme holds a 30% stake in Zenith"
#: ("owns a stake in" is the clause rule's ``svo.owns``; "bought a stake in" is acquired).
HOLDING_VERBS = frozenset("have hold retain keep control build increase raise boost".split())
#: Deal verbs whose object is the other party: "a deal to supply Zenith with cars".
SUPPLY_VERBS = frozenset("supply license licence".split())
#: Verbs of a deal to buy or sell, whose "from"/"to" names the other party.
DEAL_VERBS = frozenset("buy sell acquire purchase supply license licence transfer".split())
_ORGS = frozenset({"Organization", ""})
#: Links inside one noun phrase that keep a name in it: "gas giant Acme and oil firm Zenith".
_NP_LINKS = frozenset({"compound", "appos", "conj", "amod", "nmod"})
_PARTIES = frozenset({"Person", "Organization", "Place", ""})


def _pobjs(tok: Token, words: set[str]) -> list[Token]:
    """Objects (with their conjuncts) of ``tok``'s prepositions spelled as one of ``words``."""
    out: list[Token] = []
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in words:
            for g in p.children:
                if g.dep_ == "pobj":
                    out += [g, *g.conjuncts]
    return out


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" for c in tok.children)


class CorpRules:
    """The constructions of the module docstring, over one :class:`relations._Run`."""

    def __init__(self, run: _Run) -> None:
        self.run = run
        self.doc = run.doc

    def verb(self, verb: Token) -> Iterator[Relation]:
        low = verb.lower_
        if low == "hq" and verb.pos_ == "PROPN":
            yield from self.hq(verb)  # "the party's Westminster HQ", tagged a name
        if low in {"based", "owned"} and verb.i >= 2 and self.doc[verb.i - 1].text == "-":
            yield from self.chain(verb, low)
        lemma = verb.lemma_.lower()
        if lemma == "merge" and verb.pos_ == "VERB":
            yield from self.merge_pair(verb)
        if low == "owned" and verb.dep_ == "acomp":
            yield from self.owned_by(verb)
        if verb.pos_ in {"VERB", "AUX"} and verb.lemma_.lower() in HOLDING_VERBS:
            yield from self.holds_stake(verb)

    def noun(self, noun: Token, lemma: str) -> Iterator[Relation]:
        if lemma in PART_NOUNS or lemma in BRAND_NOUNS:
            yield from self.unit(noun, lemma)
        if lemma in HQ_NOUNS or noun.lower_ in HQ_NOUNS:
            yield from self.hq(noun)
        if lemma == "parent":
            yield from self.parent(noun)
        if lemma == "venture" and any(c.lower_ == "joint" for c in noun.children):
            # "Acme formed a joint venture with Zenith", "a joint venture between X and Y"
            yield from self.run.events.with_(noun, "agreementWith")
            yield from self.run.events.between(noun, "agreementWith")
        if lemma in MERGER_NOUNS:
            yield from self.merger(noun)
        if lemma == "up" and any(
            c.dep_ == "compound" and c.lower_ in {"tie", "link"} for c in noun.children
        ):
            yield from self.run.events.between(noun, "agreementWith")  # "a tie-up between"
        if lemma in TAKEOVER_NOUNS:
            yield from self.takeover_by(noun)
        if lemma in AGREEMENT_NOUNS:
            yield from self.deal_to(noun)
        if lemma in STAKE_NOUNS:
            yield from self.own_stake(noun)

    # -- "X-based NOUN Name" ----------------------------------------------------------------
    def _chained_name(self, tok: Token) -> Mention | None:
        """The name a premodifier's head noun leads to through compounds: "based" in
        "UK-based bank Acme Corp" hangs from "bank", a compound of "Corp"; or the name the
        noun is in apposition to: "Acme Corp, the UK-based operator"."""
        head = tok.head
        if head.pos_ == "NOUN" and head.dep_ == "appos" and head.head.i < head.i:
            return self.run.index.named(head.head)  # "Acme, the UK-based operator"
        if head.pos_ == "NOUN" and head.dep_ != "compound" and tok.i < head.i:
            # "the Cambridge-based Zapp studios": the name compounded before the noun
            names = [c for c in head.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
            if names and tok.i < names[0].i:
                return self.run.index.named(names[-1])
            return None
        if head.pos_ != "NOUN" or head.dep_ != "compound":
            return None
        while head.dep_ == "compound" and head.head.i > head.i:
            head = head.head
        if head.pos_ != "PROPN":
            return None
        return self.run.index.named(head)

    def chain(self, verb: Token, low: str) -> Iterator[Relation]:
        """ "UK-based bank Acme Corp" (based in the UK); "Acme-owned firm Zenith" (Acme owns
        it). The plain "Leeds-based Acme" is the base rule's."""
        first = self.run.index.named(self.doc[verb.i - 2])
        if first is None:
            return
        named = self._chained_name(verb)
        if named is None or named == first:
            return
        span = self.doc.char_span(first.start, first.end, alignment_mode="expand")
        if span is not None and span.start >= 2 and self.doc[span.start - 1].text == ",":
            if self.run.index.named(self.doc[span.start - 2]) == named:
                return  # "the Markby, Yorkshire-based firm": a town and its county
        if low == "based" and first.type == "Place" and named.type in _ORGS | {"Product"}:
            yield from self.run.rel(named, "basedIn", first, verb, "basedchain")
        elif low == "owned" and first.type in {"Organization", "Person"}:
            if named.type in _ORGS | {"Product"}:
                yield from self.run.rel(first, "owns", named, verb, "ownedchain")

    # -- stakes and owners ---------------------------------------------------------------------
    def owned_by(self, verb: Token) -> Iterator[Relation]:
        """ "Zenith is 85% owned by Acme", "Zenith is majority-owned by Acme" (the parser reads
        "owned" as an adjective of "is")."""
        if _negated(verb) or _negated(verb.head):
            return
        owners = [
            g for a in verb.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"
        ]
        owners = [*owners, *(c for g in owners for c in g.conjuncts)]
        found = self._mentions(owners, _ORGS | {"Person"})
        for owned in self.run.events.doers(verb.head):
            if owned.type not in _ORGS | {"Product"}:
                continue
            for owner in found:
                if owner != owned:
                    yield from self.run.rel(owner, "owns", owned, verb, "ownedby")

    def _held(self, stake: Token) -> list[Mention]:
        """What a stake is in: "a 30% stake in Acme"."""
        return [
            m
            for m in self._mentions(_pobjs(stake, {"in"}), _ORGS | {"Product"})
            if m.kind == "name"
        ]

    def holds_stake(self, verb: Token) -> Iterator[Relation]:
        """ "Acme holds a 30% stake in Zenith", "Acme has a one-fifth stake in Zenith"."""
        if _negated(verb):
            return
        for o in (c for c in verb.children if c.dep_ == "dobj"):
            if o.lemma_.lower() not in STAKE_NOUNS or any(c.dep_ == "poss" for c in o.children):
                continue
            held = self._held(o)
            for holder in self.run.events.doers(verb):
                if holder.type not in _ORGS | {"Person"}:
                    continue
                for thing in held:
                    if thing != holder:
                        yield from self.run.rel(holder, "owns", thing, o, "stake")

    def own_stake(self, noun: Token) -> Iterator[Relation]:
        """ "Acme's 30% stake in Zenith", "its stake in Zenith": Acme owns (part of) Zenith."""
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is None:
            return
        holders = self._mentions([poss], _ORGS | {"Person"})
        for holder in holders:
            for thing in self._held(noun):
                if thing != holder:
                    yield from self.run.rel(holder, "owns", thing, noun, "stake")

    # -- "Acme's Zenith subsidiary", "its Zapp marque" --------------------------------------
    def _part_names(self, noun: Token) -> list[Mention]:
        """The names a part or brand noun gives: its name compound ("the Zapp unit"), the name
        it is a compound of ("its subsidiary Zenith"), its apposition ("its subsidiary,
        Zenith")."""
        index = self.run.index
        toks = [c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
        if noun.dep_ == "compound" and noun.head.pos_ == "PROPN" and noun.head.i > noun.i:
            toks.append(noun.head)
        toks += [c for c in noun.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
        found: list[Mention] = []
        for t in toks:
            m = index.named(t)
            if m is not None and m.type != "Place" and m not in found:
                found.append(m)
        return found

    def _part_places(self, noun: Token) -> list[Mention]:
        """Places that premodify a part noun: "its Leeds subsidiary", "its Leeds-based unit"."""
        index = self.run.index
        found: list[Mention] = []
        for c in noun.children:
            if c.i > noun.i:
                continue
            place: Mention | None = None
            if c.dep_ in {"compound", "nmod"} and c.pos_ == "PROPN":
                place = index.named(c)
            elif c.dep_ == "amod" and c.lower_ == "based" and c.i >= 2:
                if self.doc[c.i - 1].text == "-":
                    place = index.named(self.doc[c.i - 2])
            if place is not None and place.type == "Place" and place.kind == "name":
                found.append(place)
        return found

    def unit(self, noun: Token, lemma: str) -> Iterator[Relation]:
        """ "Acme's Zenith subsidiary", "its Leeds-based Zapp unit", "its Zapp marque"."""
        # the possessor may hang from the name: "Acme's Zenith subsidiary" read as "Acme's
        # Zenith" (a compound of "subsidiary")
        heads = [noun, *(c for c in noun.children if c.dep_ == "compound" and c.pos_ == "PROPN")]
        poss = next((c for h in heads for c in h.children if c.dep_ == "poss"), None)
        if poss is None and noun.dep_ == "appos" and lemma in PART_NOUNS:
            yield from self.named_whole(noun)
            return
        names = self._part_names(noun)
        if poss is None:
            return
        whole = self.run.m(poss)
        if whole is None or whole.type not in _ORGS or not names:
            return
        brand = lemma in BRAND_NOUNS
        for part in names:
            if part == whole or (part.text == whole.text):
                continue
            if brand:
                if part.type in _ORGS | {"Product"}:
                    yield from self.run.rel(whole, "owns", part, noun, "brand")
                continue
            if part.type not in _ORGS | {"Product"}:
                continue
            yield from self.run.rel(part, "partOf", whole, noun, "unit")

    def named_whole(self, noun: Token) -> Iterator[Relation]:
        """ "Zenith, an Acme subsidiary": the name in apposition is part of the organisation
        named in the part noun ("Zenith, the Leeds subsidiary" names a place, no whole)."""
        part = self.run.index.named(noun.head)
        if part is None or part.type not in _ORGS or noun.head.i > noun.i:
            return
        for c in noun.children:
            whole = self.run.index.named(c) if c.dep_ == "compound" and c.pos_ == "PROPN" else None
            if whole is not None and whole.type in _ORGS and whole != part:
                yield from self.run.rel(part, "partOf", whole, noun, "unit")
                return

    def parent(self, noun: Token) -> Iterator[Relation]:
        """ "Zenith's parent company Acme", "Acme, the parent company of Zenith", "Acme,
        Zenith's parent": Zenith is part of Acme."""
        head = noun.head if noun.dep_ == "compound" and noun.head.pos_ == "NOUN" else noun
        if head is not noun and head.lemma_.lower() not in {"company", "group", "firm"}:
            return
        kids = [c for c in head.children if c.dep_ == "poss"] + _pobjs(head, {"of"})
        if noun is not head:
            kids += [c for c in noun.children if c.dep_ == "poss"]
        children = self._mentions(kids, _ORGS)
        parents: list[Mention] = []
        if head.dep_ == "compound" and head.head.pos_ == "PROPN" and head.head.i > head.i:
            m = self.run.index.named(head.head)  # "Zenith's parent company Acme"
            parents = [m] if m is not None else []
        elif head.dep_ == "appos" and head.head.i < head.i:
            m = self.run.index.named(head.head)  # "Acme, the parent company of Zenith"
            parents = [m] if m is not None else []
        else:
            parents = self._mentions(
                [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"], _ORGS
            )
        for whole in parents:
            if whole.type not in _ORGS:
                continue
            for part in children:
                if part != whole:
                    yield from self.run.rel(part, "partOf", whole, noun, "parent")

    def hq(self, noun: Token) -> Iterator[Relation]:
        """ "Acme's London headquarters", "the party's Westminster HQ": the possessor is
        based in the place ("headquarters in London" is the site rule's)."""
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is None:
            return
        owner = self.run.m(poss)
        if owner is None or owner.type not in _ORGS:
            return
        for place in self._part_places(noun):
            if place != owner:
                yield from self.run.rel(owner, "basedIn", place, noun, "hq")

    # -- mergers, takeovers, deals ------------------------------------------------------------
    def _mentions(self, toks: list[Token], types: frozenset[str]) -> list[Mention]:
        found: list[Mention] = []
        for t in toks:
            m = self.run.m(t) or self.run.m(self.run._name_in(t))
            if m is not None and m.type in types and m not in found:
                found.append(m)
        return found

    def _names_under(self, toks: list[Token]) -> list[Token]:
        """``toks`` with the names their descriptions hold in apposition or conjunction: "gas
        giant Acme and oil firm Zenith" (the parser hangs both names from "giant")."""
        out: list[Token] = []
        for top in toks:
            for t in top.subtree:
                if t.pos_ != "PROPN" and t.i != top.i:
                    continue
                head, ok = t, True
                while head.i != top.i:
                    if head.dep_ not in _NP_LINKS:
                        ok = False
                        break
                    head = head.head
                if ok and t not in out:
                    out.append(t)
        return out

    def merger(self, noun: Token) -> Iterator[Relation]:
        """ "the merger of Acme and Zenith", "the merger of Acme with Zenith"."""
        sides = self._mentions(self._names_under(_pobjs(noun, {"of"})), _ORGS)
        others = self._mentions(self._names_under(_pobjs(noun, {"with"})), _ORGS)
        if others:
            pairs = [(a, b) for a in sides for b in others]
        else:
            pairs = [(a, b) for k, a in enumerate(sides) for b in sides[k + 1 :]]
        for a, b in pairs:
            if a != b:
                yield from self.run.rel(a, "agreementWith", b, noun, "merger")

    def _pair(self, verb: Token) -> list[Mention]:
        """Two or more parties that are together the subject of ``verb``: "Acme and Zenith
        signed a deal", "Acme and Zenith have agreed plans to merge"."""
        toks = self.run.subjects(verb)
        if not toks and verb.dep_ == "acl" and verb.head.dep_ == "dobj":
            toks = self.run.subjects(verb.head.head)  # "agreed plans to merge"
        return self._mentions(toks, _ORGS | {"Place", "Person"})

    def merge_pair(self, verb: Token) -> Iterator[Relation]:
        """ "Acme and Zenith are to merge", "Acme and Zenith have agreed plans to merge"."""
        if _negated(verb) or any(c.dep_ == "dobj" for c in verb.children):
            return
        if _pobjs(verb, {"with", "into"}):
            return  # "merge with Zenith" is the clause rule's
        sides = [m for m in self._pair(verb) if m.type in _ORGS]
        for k, a in enumerate(sides):
            for b in sides[k + 1 :]:
                yield from self.run.rel(a, "agreementWith", b, verb, "mergepair")

    def takeover_by(self, noun: Token) -> Iterator[Relation]:
        """ "Zenith agreed a takeover by Acme", "Zenith's takeover by Acme": Acme acquired
        Zenith ("the takeover of Zenith by Acme" is ``ofby.acquired``)."""
        if _pobjs(noun, {"of"}):
            return
        buyers = self._mentions(_pobjs(noun, {"by"}), _ORGS | {"Person"})
        if not buyers:
            return
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        targets: list[Mention] = []
        if poss is not None:
            targets = self._mentions([poss], _ORGS)
        elif noun.dep_ == "dobj" and noun.head.pos_ == "VERB":
            verb = noun.head
            if verb.lemma_.lower() not in ACCEPTING_VERBS or _negated(verb):
                return
            targets = [m for m in self.run.events.doers(verb) if m.type in _ORGS]
        for buyer in buyers:
            for target in targets:
                if buyer != target:
                    yield from self.run.rel(buyer, "acquired", target, noun, "takeoverby")

    def deal_to(self, noun: Token) -> Iterator[Relation]:
        """ "Acme announced a deal to buy chips from Zenith", "Acme's deal to sell its plant to
        Zenith": a deal between the subject (or possessor) and the other party."""
        from kg.extract.events import REFUSING_VERBS, governor

        acts = [
            c
            for c in noun.children
            if c.dep_ in {"acl", "relcl"}
            and c.lemma_.lower() in DEAL_VERBS
            and any(a.lower_ == "to" and a.dep_ == "aux" for a in c.children)
        ]
        if not acts:
            return
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is not None:
            sides = self._mentions([poss], _PARTIES)
        else:
            gov = governor(noun)
            if gov is None or gov.lemma_.lower() in REFUSING_VERBS or _negated(gov):
                return
            sides = self.run.events.doers(gov)
        for act in acts:
            others = self._mentions(_pobjs(act, {"from", "to", "with"}), _ORGS)
            if act.lemma_.lower() in SUPPLY_VERBS:  # "a deal to supply Zenith with cars"
                dobjs = [c for c in act.children if c.dep_ == "dobj"]
                others += [m for m in self._mentions(dobjs, _ORGS) if m not in others]
            for side in sides:
                for other in others:
                    if side != other:
                        yield from self.run.rel(side, "agreementWith", other, noun, "dealto")
