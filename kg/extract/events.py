"""Event facts written as nouns or idioms, which the clause rules of
:mod:`kg.extract.relations` do not reach (each a general English construction; invented
examples):

- results: "Leeds secured a 2-0 win over Ripon", "after a win over Ripon, Leeds ..."
  (``victory.defeated``: the governing clause's subject won); "Ripon suffered a heavy defeat
  to Leeds", "Ripon slumped to a defeat at the hands of Leeds" (``defeat.defeated``); "the
  defeat of Ripon by Leeds" (``ofby.defeated``);
- contests: "Labour's victory in the Zenda election" (``contest.won``), "their defeat in the
  Zenda election" (``contest.participatedIn``);
- deals and meetings between two parties: "the deal between Acme and Zenith"
  (``between.agreementWith``), "talks between X and Y" (``between.metWith``), "the feud
  between X and Y" (``between.rivalOf``);
- nominalisations with an agent: "the takeover of Zenith by Acme", "the criticism of X by Y"
  (``ofby.<relation>``);
- bids, which are plans (hedged): "Acme launched a bid for Zenith", "Acme's offer for Zenith"
  (``bid.acquired``);
- "Acme bought the rights to the film Zapp" (``rights.acquired``); "Jo Bloggs took Acme to
  court" (``court.sued``); "Acme sold its plant to Zenith" (``sale.agreementWith``: a deal
  between seller and buyer when what is sold is no entity);
- prizes: "the Zenda Prize went to Jo Bloggs" (``prizeto.won``: a phrasal verb with its
  particle, no visit); "Jo Bloggs won the Zenda painting prize", "the Zenda long jump title"
  (``title.won``: the named prize);
- makers: "Jo Bloggs was the driving force behind Zapp" (``behind.developerOf``, or
  ``behind.founded`` for an organisation);
- light verbs whose preposition the parser hung deep in the object: "Acme filed a claim for
  $5m against Zenith" (``light.<relation>``); a lawsuit against an organisation's product
  ("against Zenith's Zapp") is against the organisation.

Every subject and object goes through the mention index, so pronouns and descriptions ("the
company announced it had bought ...") reach their resolved entities.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.lexicon import (
    AGREEMENT_NOUNS,
    CONTEST,
    DEFEAT_NOUNS,
    EVENT_NAME_WORDS,
    LIGHT_VERBS,
    NOUNS,
    ROLE_NOUNS,
    Target,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.extract.relations import _Run
    from kg.graph.model import Mention, Relation

#: Nouns of a win: "a 2-0 win over Ripon".
VICTORY_NOUNS = frozenset("win victory triumph success".split())
#: Verbs whose subject achieves the win its object (or "to" object) names: "secured a win over
#: Ripon", "cruised to a 3-0 victory over Ripon".
VICTORY_VERBS = frozenset(
    (
        "secure record claim earn grab seal notch register clinch achieve complete celebrate "
        "enjoy chalk pull post produce deliver snatch grind ease cruise romp storm sweep "
        "stroll power march battle fight hold inspire mastermind score"
    ).split()
)
#: Verbs whose subject suffers the defeat its object (or "to" object) names.
DEFEAT_VERBS = frozenset(
    "suffer slump crash fall sink slip succumb endure concede record go".split()
)
#: Prepositions of a clause a result noun sets the scene of: "after a win over Ripon, Leeds".
SCENE_PREPS = frozenset("after following since with despite in".split())
#: Nouns between two parties: (noun lemma) -> relation.
BETWEEN_NOUNS: dict[str, str] = {
    **dict.fromkeys(AGREEMENT_NOUNS, "agreementWith"),
    **dict.fromkeys("talk talks negotiation negotiations meeting summit".split(), "metWith"),
    **dict.fromkeys("rivalry feud battle clash".split(), "rivalOf"),
}
#: The relations of "the takeover of Y by X" (other nominalisations say less with "by").
OF_BY_RELATIONS = frozenset({"acquired", "criticized", "praised", "defeated", "sued"})
#: Nouns of an offer to buy: "a bid for Zenith", "Acme's offer for Zenith".
BID_NOUNS = frozenset("bid offer approach swoop".split())
#: Verbs that make or raise a bid (not "rejected a bid for": the subject is the target).
BID_VERBS = frozenset(
    "make launch table submit lodge place put mount announce unveil finalise finalize "
    "raise increase improve sweeten revive renew".split()
)
#: Verbs that acquire rights: "bought the rights to Zapp".
RIGHTS_VERBS = frozenset("buy acquire purchase secure win obtain snap land".split())
#: Verbs that take someone to court: "took Acme to court".
COURT_VERBS = frozenset("take haul drag".split())
#: Verbs of a prize going to its winner: "the award went to X".
PRIZE_GOING_VERBS = frozenset("go pass".split())
#: Verbs of winning a prize; nouns of what is won under a name: "the Zenda long jump title".
TITLE_VERBS = frozenset("win scoop collect clinch pick take land grab lift retain claim".split())
TITLE_NOUNS = frozenset("title prize award trophy cup crown medal".split())
#: Verbs of selling: "sold its plant to Zenith" is a deal between seller and buyer.
SALE_VERBS = frozenset("sell transfer".split())
#: Nouns before "behind" that do not make the maker: "the reason behind Zapp".
NOT_MAKERS = frozenset(
    "reason motive thinking logic idea story truth problem mystery cause force-field".split()
)
#: Nouns of a deed done to someone, with the prepositions that name whom, and the verbs whose
#: subject does it: "X launched a scathing attack on Y", "X completed the purchase of Y".
DEED_NOUNS: dict[str, tuple[str, frozenset[str], frozenset[str]]] = {
    **dict.fromkeys(
        "criticism condemnation attack broadside tirade swipe salvo outburst rebuke".split(),
        (
            "criticized",
            frozenset({"of", "on", "at", "against"}),
            frozenset(
                "voice express level launch make mount renew step deliver unleash issue direct "
                "aim take repeat intensify".split()
            ),
        ),
    ),
    **dict.fromkeys(
        "praise tribute".split(),
        (
            "praised",
            frozenset({"for", "of", "to", "on"}),
            frozenset("heap lavish shower pay offer express voice".split()),
        ),
    ),
    **dict.fromkeys(
        "takeover acquisition purchase buyout".split(),
        (
            "acquired",
            frozenset({"of"}),
            frozenset("complete finalise finalize announce agree seal conclude".split()),
        ),
    ),
}
#: Adjectives that make an "attack" a verbal one: "a scathing attack on Y".
VERBAL_ATTACK = frozenset(
    "scathing fierce stinging blistering bitter furious outspoken personal verbal withering "
    "strong sharp angry savage vitriolic thinly-veiled veiled".split()
)
#: Nouns of a lawsuit: "a lawsuit against X", "X faces a suit from Y".
SUIT_NOUNS = frozenset("lawsuit suit".split())
#: Verbs of a prize given to the passive subject: "X was named best actor at the Zenda Awards".
NAMING_VERBS = frozenset("name vote crown".split())
#: Words of what someone is named at an event: "best actor", "champion", "player of the year".
PRIZE_WORDS = frozenset("best top favourite favorite champion winner".split())
#: Who may take part in a deal, a meeting or a feud, win or lose.
_PARTIES = frozenset({"Person", "Organization", "Place", "Group", ""})
_ANY = frozenset({"Person", "Organization", "Place", "Group", "Product", "Event", ""})
#: Verbs that refuse or end what their object names: "rejected a deal with X".
REFUSING_VERBS = frozenset(
    "reject refuse deny block oppose scrap cancel abandon quit end break collapse veto "
    "rule lose want seek need".split()
)


def governor(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition: "launched a bid",
    "failed in an attempt", "slumped to a defeat", "after a win, Leeds ..."."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ != "dobj":
        return None
    return head if head.pos_ in {"VERB", "AUX"} and head.i != noun.i else None


def _pobjs(tok: Token, words: set[str]) -> list[Token]:
    """Objects (with their conjuncts) of ``tok``'s prepositions spelled as one of ``words``."""
    out: list[Token] = []
    for p in tok.children:
        if p.dep_ == "prep" and p.lower_ in words:
            for g in p.children:
                if g.dep_ == "pobj":
                    out += [g, *g.conjuncts]
    return out


def _possessor(tok: Token) -> Token | None:
    return next((c for c in tok.children if c.dep_ == "poss"), None)


class EventRules:
    """The constructions of the module docstring, over one :class:`relations._Run`."""

    def __init__(self, run: _Run) -> None:
        self.run = run
        self.doc = run.doc

    # -- helpers --------------------------------------------------------------------------
    def m(self, tok: Token, *, events: bool = False) -> Mention | None:
        run = self.run
        return run.m(tok, events=events) or run.m(run._name_in(tok), events=events)

    def mentions(
        self, toks: list[Token], types: frozenset[str], *, events: bool = False
    ) -> list[Mention]:
        """The mentions of ``toks`` of one of ``types``."""
        found: list[Mention] = []
        for t in toks:
            m = self.m(t, events=events)
            if m is not None and m.type in types and m not in found:
                found.append(m)
        return found

    def doers(self, verb: Token) -> list[Mention]:
        """The (resolved) subjects of ``verb``: names, descriptions and pronouns."""
        run = self.run
        found: list[Mention] = []
        for s in run.subjects(verb) or run.gerund_subjects(verb):
            m = self.m(run.arg(s))
            if m is not None and m.type in _PARTIES and m not in found:
                found.append(m)
        return found

    def actors(self, noun: Token, verbs: frozenset[str]) -> list[Mention]:
        """Who a result or bid noun is of: its possessor ("Leeds's win"), else the subject of
        the clause whose object (or scene) it is ("Leeds secured a win", "after a win, Leeds")."""
        poss = _possessor(noun)
        if poss is not None:
            m = self.run.m(poss)
            return [m] if m is not None and m.type in _PARTIES else []
        gov = governor(noun)
        if gov is None:
            return []
        scene = noun.dep_ == "pobj" and noun.head.lower_ in SCENE_PREPS
        if gov.lemma_.lower() not in verbs and not scene:
            return []
        if scene and noun.head.lower_ == "in" and gov.lemma_.lower() not in verbs:
            return []
        return self.doers(gov)

    def hedged(self, found: Iterator[Relation]) -> Iterator[Relation]:
        for r in found:
            yield replace(r, hedged=True)

    # -- verbs ----------------------------------------------------------------------------
    def verb(self, verb: Token, lemma: str) -> Iterator[Relation]:
        if lemma in RIGHTS_VERBS:
            yield from self.rights(verb)
        if lemma in COURT_VERBS:
            yield from self.court(verb)
        if lemma in PRIZE_GOING_VERBS:
            yield from self.prize_to(verb)
        if lemma in TITLE_VERBS:
            yield from self.title(verb)
        if lemma in SALE_VERBS:
            yield from self.sale(verb)
            yield from self.sold_to(verb)
        if lemma in NAMING_VERBS:
            yield from self.named_at(verb)
        yield from self.deep_light(verb, lemma)

    def rights(self, verb: Token) -> Iterator[Relation]:
        """ "Acme bought the rights to the film Zapp": Acme acquired Zapp."""
        for o in (c for c in verb.children if c.dep_ == "dobj" and c.lemma_.lower() == "right"):
            works = _pobjs(o, {"to", "of", "for"}) + _pobjs(verb, {"to"})
            for w in works:
                work = self.m(w, events=True)
                if work is None or work.type not in {"Product", "Event", ""}:
                    continue
                for buyer in self.doers(verb):
                    yield from self.run.rel(buyer, "acquired", work, verb, "rights")

    def court(self, verb: Token) -> Iterator[Relation]:
        """ "Jo Bloggs took Acme to court": Jo Bloggs sued Acme."""
        if not any(g.lemma_.lower() == "court" for g in _pobjs(verb, {"to"})):
            return
        for o in (c for c in verb.children if c.dep_ == "dobj"):
            for o_tok in (o, *o.conjuncts):
                sued = self.m(self.run.arg(o_tok))
                if sued is None or sued.type not in _PARTIES:
                    continue
                for plaintiff in self.doers(verb):
                    yield from self.run.rel(plaintiff, "sued", sued, verb, "court")

    def prize_to(self, verb: Token) -> Iterator[Relation]:
        """ "The Zenda Prize went to Jo Bloggs": she won it (not a visit)."""
        prizes = [
            m
            for s in self.run.subjects(verb)
            for m in [self.run.index.named(s)]
            if m is not None and m.type in {"Event", "Product"}
        ]
        for w in _pobjs(verb, {"to"}):
            winner = self.m(w)
            if winner is None or winner.type not in {"Person", "Organization", "Product"}:
                continue
            for prize in prizes:
                yield from self.run.rel(winner, "won", prize, verb, "prizeto")

    def title(self, verb: Token) -> Iterator[Relation]:
        """ "Jo Bloggs won the Zenda painting prize", "won the Zenda long jump title": the
        prize named by its first words (the name of an event when that is what they name)."""
        if any(c.dep_ == "neg" for c in verb.children):
            return
        for o in (c for c in verb.children if c.dep_ == "dobj"):
            if o.lemma_.lower() not in TITLE_NOUNS or self.run.index.named(o) is not None:
                continue
            names = [
                (t, m)
                for t in self.doc[o.left_edge.i : o.i]
                for m in [self.run.index.named(t)]
                if m is not None and t.pos_ == "PROPN" and self._within(t, o)
            ]
            if not names:
                continue
            first, named = names[0]
            if named.type == "Event" or _event_name(named.text):
                prize: Mention | None = named  # "won the Zenda Open title": the event
            elif named.type in {"Organization", ""} and all(
                t.dep_ in {"compound", "nmod", "amod"} for t in self.doc[first.i : o.i]
            ):
                start = self.doc.char_span(named.start, named.end, alignment_mode="expand")
                begin = start.start if start is not None else first.i
                prize = self.run.index._make(begin, o.i + 1, "Event", "name", o.lemma_.lower())
            else:
                prize = None
            if prize is None:
                continue
            for winner in self.doers(verb):
                if winner.type in {"Person", "Organization", "Product", ""}:
                    yield from self.run.rel(winner, "won", prize, verb, "prizename")

    def sale(self, verb: Token) -> Iterator[Relation]:
        """ "Acme sold its plant to Zenith": a deal between seller and buyer, when what is sold
        is no entity (a named one is acquired by the buyer: ``svo.acquired``)."""
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if not objects or any(self.run.m(o) is not None for o in objects):
            return
        if any(o.lemma_.lower() in {"stake", "share", "holding", "%"} for o in objects):
            return  # "sold its stake in X to Y": Y acquired X (``svo.acquired``)
        for w in _pobjs(verb, {"to"}):
            buyer = self.run.index.named(w)
            if buyer is None or buyer.type != "Organization":
                continue
            for seller in self.doers(verb):
                if seller.type == "Organization":
                    yield from self.run.rel(seller, "agreementWith", buyer, verb, "sale")

    def sold_to(self, verb: Token) -> Iterator[Relation]:
        """ "Zenith was sold to Acme in 1999": Acme acquired Zenith."""
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        if not patients or any(c.dep_ == "neg" for c in verb.children):
            return
        buyers = self.mentions(_pobjs(verb, {"to"}), frozenset({"Person", "Organization", ""}))
        for sold in self.mentions([self.run.arg(p) for p in patients], _ANY):
            for buyer in buyers:
                if buyer != sold and sold.type in {"Organization", "Product", ""}:
                    yield from self.run.rel(buyer, "acquired", sold, verb, "soldto")

    def named_at(self, verb: Token) -> Iterator[Relation]:
        """ "X was named best actor at the Zenda Awards", "X was crowned champion at the Zenda
        Games": X won the event."""
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        said = [c for c in verb.children if c.dep_ in {"oprd", "attr", "xcomp", "dobj"}]
        if not patients or not any(
            w.lower_ in PRIZE_WORDS or w.lemma_.lower() in PRIZE_WORDS
            for s in said
            for w in s.subtree
        ):
            return
        events = [
            e
            for e in self.mentions(
                _pobjs(verb, {"at", "in"}) + [g for s in said for g in _pobjs(s, {"at", "in"})],
                _ANY,
                events=True,
            )
            if e.type == "Event" or (e.kind == "name" and _event_name(e.text))
        ]
        for winner in self.mentions([self.run.arg(p) for p in patients], _ANY):
            if winner.type not in {"Person", "Organization", "Product", ""}:
                continue
            for event in events:
                yield from self.run.rel(winner, "won", event, verb, "namedat")

    def deep_light(self, verb: Token, lemma: str) -> Iterator[Relation]:
        """A light verb whose preposition the parser hung deep inside the object: "filed a
        claim for $5m against Zenith" ("against" under "$5m")."""
        for o in (c for c in verb.children if c.dep_ == "dobj"):
            o_lemma = o.lemma_.lower()
            for p in o.subtree:
                if p.dep_ != "prep" or p.head.i in {o.i, verb.i}:
                    continue
                target = LIGHT_VERBS.get((lemma, o_lemma, p.lower_))
                if target is None or not self._within(p, o):
                    continue
                for w in (g for g in p.children if g.dep_ == "pobj"):
                    obj = self.m(self.run.arg(w))
                    if obj is None:
                        continue
                    if target == "sued" and (obj.type == "Product" or obj.kind == "phrase"):
                        owner = _possessor(w)
                        obj = self.run.m(owner) if owner is not None else obj
                    for subj in self.doers(verb):
                        yield from self.run.rel(subj, target, obj, verb, "light")

    @staticmethod
    def _within(tok: Token, top: Token) -> bool:
        """Whether ``tok`` hangs from ``top`` through nouns, numbers and prepositions only."""
        head = tok.head
        while head.i != top.i:
            if head.pos_ in {"VERB", "AUX"} or head.head.i == head.i:
                return False
            head = head.head
        return True

    # -- nouns ----------------------------------------------------------------------------
    def noun(self, tok: Token, lemma: str) -> Iterator[Relation]:
        if lemma in VICTORY_NOUNS:
            yield from self.victory(tok)
            yield from self.contest(tok, "won", VICTORY_VERBS)
        elif lemma in DEFEAT_NOUNS:
            yield from self.defeat(tok)
            yield from self.contest(tok, "participatedIn", DEFEAT_VERBS)
        if lemma in BETWEEN_NOUNS:
            yield from self.between(tok, BETWEEN_NOUNS[lemma])
            yield from self.with_(tok, BETWEEN_NOUNS[lemma])
        if lemma in NOUNS or lemma in DEFEAT_NOUNS:
            yield from self.of_by(tok, lemma)
        if lemma in BID_NOUNS:
            yield from self.bid(tok)
        if lemma in DEED_NOUNS:
            yield from self.deed(tok, lemma)
        if lemma in SUIT_NOUNS:
            yield from self.suit(tok)
        if lemma == "praise":
            yield from self.praise_from(tok)
        if lemma not in NOT_MAKERS:
            yield from self.behind(tok)

    def victory(self, noun: Token) -> Iterator[Relation]:
        """ "Leeds secured a 2-0 win over Ripon": Leeds defeated Ripon."""
        if _possessor(noun) is not None:
            return  # "Leeds's win over Ripon": ``nominal.defeated``
        losers = self.mentions(_pobjs(noun, {"over", "against"}), _PARTIES)
        if not losers:
            return
        for winner in self.actors(noun, VICTORY_VERBS):
            for loser in losers:
                yield from self.run.rel(winner, _pick(CONTEST, loser), loser, noun, "victory")
        gov = governor(noun)
        if (
            gov is None
            or gov.lemma_.lower() not in GUIDE_VERBS
            or noun.dep_ != "pobj"
            or noun.head.lower_ != "to"
        ):
            return
        # "X guided Leeds to a win over Ripon": the side led to the win won it
        led = [t for c in gov.children if c.dep_ == "dobj" for t in (c, *c.conjuncts)]
        for winner in self.mentions([self.run.arg(t) for t in led], _PARTIES):
            for loser in losers:
                if winner != loser:
                    yield from self.run.rel(winner, _pick(CONTEST, loser), loser, noun, "guided")

    def defeat(self, noun: Token) -> Iterator[Relation]:
        """ "Ripon suffered a defeat to Leeds", "a defeat at the hands of Leeds"."""
        poss = _possessor(noun)
        if poss is not None:
            # "Ripon's defeat by Leeds" is ``nominal.defeated``; "Leeds's 3-0 defeat of
            # Ripon" is the possessor's win
            winner = self.run.m(poss)
            if winner is None or winner.type not in _PARTIES or _pobjs(noun, {"by", "to"}):
                return
            for loser in self.mentions(_pobjs(noun, {"of"}), _PARTIES):
                if loser != winner:
                    yield from self.run.rel(winner, _pick(CONTEST, loser), loser, noun, "defeat")
            return
        winners = _pobjs(noun, {"to", "by", "against"})
        gov = governor(noun)
        if gov is not None and noun.dep_ == "dobj":
            winners += _pobjs(gov, {"to", "by", "against"})  # "suffered a defeat to Leeds"
        for p in (c for c in noun.children if c.dep_ == "prep" and c.lower_ == "at"):
            for hands in (g for g in p.children if g.dep_ == "pobj" and g.lower_ == "hands"):
                winners += _pobjs(hands, {"of"})
        for winner in self.mentions(winners, _PARTIES):
            for loser in self.actors(noun, DEFEAT_VERBS):
                yield from self.run.rel(winner, _pick(CONTEST, loser), loser, noun, "defeat")

    def contest(self, noun: Token, predicate: str, verbs: frozenset[str]) -> Iterator[Relation]:
        """ "Labour's victory in the Zenda election" (won it), "their defeat in the Zenda
        election" (took part in it)."""
        events = [
            e
            for e in self.mentions(_pobjs(noun, {"in", "at"}), _ANY, events=True)
            if e.type == "Event" or (e.kind == "name" and _event_name(e.text))
        ]
        if not events:
            return
        for side in self.actors(noun, verbs):
            for event in events:
                yield from self.run.rel(side, predicate, event, noun, "contest")

    def between(self, noun: Token, predicate: str) -> Iterator[Relation]:
        """ "the deal between Acme and Zenith", "talks between X and Y"."""
        parties: list[Mention] = []
        for t in _pobjs(noun, {"between"}):
            m = self.m(t)
            if m is not None and m.type in _PARTIES - {"Group"} and m not in parties:
                parties.append(m)
        for k, a in enumerate(parties):
            for b in parties[k + 1 :]:
                yield from self.run.rel(a, predicate, b, noun, "between")

    def with_(self, noun: Token, predicate: str) -> Iterator[Relation]:
        """ "Acme is in talks with Zenith", "Acme announced a merger with Zenith", "its feud
        with Zenith": the possessor, or the subject of the clause the noun is in."""
        others = self.mentions(_pobjs(noun, {"with"}), _PARTIES - {"Group"})
        if not others:
            return
        poss = _possessor(noun)
        if poss is not None:
            sides = self.mentions([poss], _PARTIES - {"Group"})
        else:
            gov = governor(noun)
            if gov is None or gov.lemma_.lower() in REFUSING_VERBS:
                return
            if any(c.dep_ == "neg" for c in gov.children):
                return
            sides = self.doers(gov)
        for side in sides:
            for other in others:
                if side != other:
                    yield from self.run.rel(side, predicate, other, noun, "with")

    def deed(self, noun: Token, lemma: str) -> Iterator[Relation]:
        """ "X launched a scathing attack on Y", "X voiced criticism of Y", "X heaped praise on
        Y", "X completed the purchase of Y": a deed the clause's subject does (the possessor's:
        "X's praise for Y"; the possessive rule reads "X's criticism of Y")."""
        relation, preps, verbs = DEED_NOUNS[lemma]
        poss = _possessor(noun)
        if poss is not None and lemma not in {"praise", "tribute"}:
            return
        if lemma == "attack" and not any(c.lower_ in VERBAL_ATTACK for c in noun.children):
            return  # "an attack on the town" may be armed
        gov = governor(noun)
        if poss is None and (gov is None or noun.dep_ != "dobj"):
            return
        if poss is None and gov is not None and gov.lemma_.lower() not in verbs:
            return
        targets = self.mentions(_pobjs(noun, set(preps)), _ANY)
        if gov is not None and noun.dep_ == "dobj":
            # "paid tribute to Y", "heaped praise on Y": the preposition hangs from the verb
            targets += [t for t in self.mentions(_pobjs(gov, set(preps)), _ANY) if t not in targets]
        doers = self.actors(noun, verbs)
        for target in targets:
            if relation != "acquired" and target.type not in {
                "Person",
                "Organization",
                "Place",
                "Product",
                "",
            }:
                continue
            for doer in doers:
                if doer != target:
                    yield from self.run.rel(doer, relation, target, noun, "deed")

    def praise_from(self, noun: Token) -> Iterator[Relation]:
        """ "X won praise from Y": Y praised X."""
        gov = governor(noun)
        if gov is None or gov.lemma_.lower() not in {"win", "earn", "draw", "receive", "get"}:
            return
        for judge in self.mentions(_pobjs(noun, {"from"}) + _pobjs(gov, {"from"}), _PARTIES):
            for praised in self.doers(gov):
                if praised != judge:
                    yield from self.run.rel(judge, "praised", praised, noun, "praisefrom")

    def suit(self, noun: Token) -> Iterator[Relation]:
        """ "X faces a lawsuit from Y", "a lawsuit brought by Y against X": Y sued X."""
        plaintiffs = self.mentions(_pobjs(noun, {"from", "by"}), _PARTIES)
        defendants = self.mentions(_pobjs(noun, {"against"}), _PARTIES)
        for c in noun.children:  # "a lawsuit brought by Y against X"
            if c.dep_ == "acl" and c.tag_ == "VBN":
                for a in (g for g in c.children if g.dep_ == "agent"):
                    plaintiffs += self.mentions(
                        [g for g in a.children if g.dep_ == "pobj"], _PARTIES
                    )
                defendants += self.mentions(_pobjs(c, {"against"}), _PARTIES)
        gov = governor(noun)
        if not defendants and gov is not None and gov.lemma_.lower() in {"face", "fight", "defend"}:
            defendants = self.doers(gov)
        for plaintiff in plaintiffs:
            for defendant in defendants:
                if plaintiff != defendant:
                    yield from self.run.rel(plaintiff, "sued", defendant, noun, "suit")

    def of_by(self, noun: Token, lemma: str) -> Iterator[Relation]:
        """ "the takeover of Zenith by Acme", "the defeat of Ripon by Leeds"."""
        if _possessor(noun) is not None or lemma in {"killing", "murder", "assassination"}:
            return  # the possessive and killing rules read those
        targets = _pobjs(noun, {"of"})
        agents = _pobjs(noun, {"by"})
        if not targets or not agents:
            return
        relation: Target = CONTEST if lemma in DEFEAT_NOUNS else NOUNS[lemma]
        for a in agents:
            agent = self.m(a)
            if agent is None or agent.type not in _PARTIES:
                continue
            for t in targets:
                obj = self.m(t)
                predicate = _pick(relation, obj) if obj is not None else None
                if predicate in OF_BY_RELATIONS:
                    yield from self.run.rel(agent, predicate, obj, noun, "ofby")

    def bid(self, noun: Token) -> Iterator[Relation]:
        """ "Acme launched a bid for Zenith", "Acme's offer for Zenith": a plan to buy."""
        targets = self.mentions(_pobjs(noun, {"for"}), frozenset({"Organization", "Product"}))
        if not targets or any(c.dep_ == "neg" for c in noun.head.children):
            return
        for bidder in self.actors(noun, BID_VERBS):
            for target in targets:
                yield from self.hedged(self.run.rel(bidder, "acquired", target, noun, "bid"))

    def behind(self, noun: Token) -> Iterator[Relation]:
        """ "Jo Bloggs was the driving force behind Zapp", "Acme, the company behind Zapp"."""
        made = self.mentions(_pobjs(noun, {"behind"}), frozenset({"Product", "Organization"}))
        if not made or noun.pos_ != "NOUN":
            return
        makers: list[Mention | None] = []
        if noun.dep_ == "attr" and noun.head.lemma_ in {"be", "become", "remain"}:
            makers = [self.run.m(s) for s in self.run.subjects(noun.head)]
        elif noun.dep_ == "appos":
            makers = [self.run.index.named(noun.head)]
        for maker in makers:
            if maker is None or maker.type not in {"Person", "Organization", ""}:
                continue
            for thing in made:
                predicate = "developerOf" if thing.type == "Product" else "founded"
                yield from self.run.rel(maker, predicate, thing, noun, "behind")


def _event_name(name: str) -> bool:
    """Whether a name ends in a word for an event ("the Zenda Games", "Leeds Open 2004")."""
    words = [w for w in name.lower().split() if not w.isdigit()]
    return bool(words) and words[-1] in EVENT_NAME_WORDS


def _pick(target: Target, obj: Mention) -> str | None:
    if isinstance(target, str):
        return target
    return target.get(obj.type, target.get("*"))


# -- competitions: standings, venues, matches, score lines (h-events2) ----------------------
#: Last words of the names of competitions a side stands in ("the Zenda League", "the Six
#: Nations", "the Zenda Cup"): a standing written before a name is in one of these.
COMPETITION_WORDS = frozenset(
    (
        "league nations premiership championship championships division cup series tour "
        "open games olympics trophy tournament grand-prix prix classic masters"
    ).split()
)
#: Words of a side's standing written between a competition and a name: "Zenda League
#: leaders Acme", "Zenda Cup semi-finalists Acme", "Zenda Games silver medallist Jo Bloggs".
STANDING_NOUNS: dict[str, str] = {
    **dict.fromkeys(
        (
            "leader leaders finalist finalists semi-finalist semi-finalists quarter-finalist "
            "quarter-finalists medallist medallists medalist medalists runner-up runners-up "
            "contender contenders qualifier qualifiers debutant debutants"
        ).split(),
        "participatedIn",
    ),
    **dict.fromkeys("champion champions winner winners holder holders titleholder".split(), "won"),
}
#: Words between a competition and a standing: "the Zenda Games silver medallist".
STANDING_FILLERS = frozenset("gold silver bronze double triple reigning defending joint".split())
#: Verbs that stage an event somewhere: "the Zenda Games will be held in Ruritania", "the
#: summit, hosted in Zenda", "the meeting taking place in Zenda".
VENUE_VERBS = frozenset("hold stage host take schedule play relocate move".split())
#: Verbs of a match between two sides, whose "in"/"at" phrase names the competition: "Acme
#: face Zenith in the Zenda Cup", "Acme beat Zenith in the Zenda Cup final".
MATCH_VERBS = frozenset(
    (
        "face meet play beat defeat lose draw host entertain knock thrash edge overcome "
        "trounce win oust eliminate hammer crush rout outplay stun upset"
    ).split()
)
#: Of those, the verbs whose object is the other side (not "lost the final").
SIDE_OBJECT_VERBS = MATCH_VERBS - {"lose", "win", "draw"}
#: Nouns of a stage of a competition: "the Zenda Cup final", "the final of the Zenda Cup".
STAGE_NOUNS = frozenset(
    (
        "final finals semi-final semi-finals quarter-final quarter-finals round stage "
        "qualifier qualifiers match game tie leg opener fixture heat heats decider"
    ).split()
)
#: Nouns of a side's outing in a competition written with its possessor: "Acme's Zenda Cup
#: match", "Ruritania's Nine Nations campaign", "her Zenda Games debut".
OUTING_NOUNS = STAGE_NOUNS | frozenset("campaign debut clash appearance run outing bid".split())
#: Nouns of a court, which sits in a place: "a Zenda appeals court", "the court in Zenda".
COURT_NOUNS = frozenset("court tribunal".split())
#: First words of what a winner is said to be at an event: "X was best actor at the Zenda
#: Awards" (not "top scorer").
AWARD_WORDS = frozenset("best favourite favorite".split())
#: Verbs whose object is led to a win: "X guided Acme to a win over Zenith" (Acme won).
GUIDE_VERBS = frozenset(
    "guide lead steer inspire propel fire drive power carry take captain coach".split()
)


def competition_name(text: str) -> bool:
    """Whether a name is one of a competition ("the Zenda League", "Zenda Cup 2004").

    >>> competition_name("Zenda Premier League"), competition_name("Acme Party")
    (True, False)
    """
    words = [w for w in text.lower().replace("'s", "").split() if not w.isdigit()]
    return bool(words) and (words[-1] in COMPETITION_WORDS or _event_name(text))


def standing_post(doc: Doc, obj: Mention) -> bool:
    """Whether "leaders" follows a competition's name: "Zenda League leaders Acme" is a
    standing in the league, not a post (the title rules would read a leader of it)."""
    span = doc.char_span(obj.start, obj.end, alignment_mode="expand")
    if span is None or span.end >= len(doc) or not competition_name(obj.text):
        return False
    return doc[span.end].lower_ in {"leader", "leaders"}


def gapped_objects(
    verb: Token, last: Token, named: Callable[[Token], Mention | None]
) -> list[Token]:
    """Names the parser hung from a verb (or from a year after its object) as conjuncts, when
    a second object has its own phrase ("won the Zenda Open in 1999 and the Ruritania Open in
    2001")."""
    out: list[Token] = []
    dated = [
        c
        for p in verb.children
        if p.dep_ == "prep" and p.i > last.i
        for g in p.children
        if g.dep_ == "pobj" and (g.like_num or g.ent_type_ == "DATE")
        for c in g.children
        if c.dep_ == "conj"
    ]  # "in 1989 and the Ruritania Open in 1991": hung from the year
    for c in [*verb.children, *dated]:
        if (
            c.dep_ != "conj"
            or c.pos_ != "PROPN"
            or c.i <= last.i
            or named(c) is None
            or any(g.dep_ in {"nsubj", "nsubjpass", "aux", "dobj"} for g in c.children)
        ):
            continue
        # the same preposition after each object: "X in 1999 and Y in 2001"
        before = {p.lower_ for p in verb.children if p.dep_ == "prep" and last.i < p.i < c.i}
        after = {p.lower_ for p in verb.children if p.dep_ == "prep" and p.i > c.i}
        if before & after:
            out.append(c)
    return out


class CompetitionRules:
    """Standings, venues, matches and score lines over one :class:`relations._Run`."""

    def __init__(self, run: _Run) -> None:
        self.run = run
        self.doc = run.doc
        self.events = run.events

    def all(self) -> Iterator[Relation]:
        for tok in self.doc:
            pos = tok.pos_
            if pos in {"VERB", "AUX"}:
                lemma = tok.lemma_.lower()
                if lemma in VENUE_VERBS:
                    yield from self.venue(tok, lemma)
                if lemma in MATCH_VERBS:
                    yield from self.match(tok, lemma)
                if lemma == "be":
                    yield from self.prize_at(tok)
                if lemma == "lose":
                    yield from self.lost_to(tok)
            elif pos == "NOUN":
                lemma = tok.lemma_.lower()
                if lemma in VICTORY_NOUNS or lemma in DEFEAT_NOUNS:
                    yield from self.result_in(tok, lemma in VICTORY_NOUNS)
                elif lemma in OUTING_NOUNS and _possessor(tok) is not None:
                    yield from self.result_in(tok, False)  # "Acme's Zenda Cup match"
                if lemma in COURT_NOUNS:
                    yield from self.court_seat(tok)
                if tok.lower_ in STANDING_NOUNS and tok.dep_ in {"appos", "attr"}:
                    yield from self.standing_of(tok)
        yield from self.standings()
        yield from self.scorelines()

    def court_seat(self, noun: Token) -> Iterator[Relation]:
        """ "A Zenda appeals court", "the court in Zenda": where a court sits."""
        court = self.run.m(noun)
        if court is None or court.type != "Organization":
            return
        places: list[Mention] = []
        for t in self.doc[noun.left_edge.i : noun.i]:
            named = self.run.index.named(t)
            if (
                named is not None
                and named.type == "Place"
                and named.kind == "name"
                and t.dep_ in {"compound", "nmod"}
                and t.head.i <= noun.i
                and named not in places
            ):
                places.append(named)
        places += [
            p
            for p in self.events.mentions(_pobjs(noun, {"in"}), frozenset({"Place"}))
            if p not in places
        ]
        for place in places:
            if place.start < court.start or place.end > court.end or court.kind != "name":
                yield from self.run.rel(court, "locatedIn", place, noun, "court")
            elif court.kind == "phrase":
                yield from self.run.rel(court, "locatedIn", place, noun, "court")

    def lost_to(self, verb: Token) -> Iterator[Relation]:
        """ "Jo Bloggs lost the 1992 election to Ann Smith": Ann Smith won it."""
        if any(c.dep_ == "neg" for c in verb.children):
            return
        events = [
            e
            for o in verb.children
            if o.dep_ == "dobj"
            for e in [self.run.m(o, events=True)]
            if e is not None and (e.type == "Event" or competition_name(e.text))
        ]
        winners = self.events.mentions(_pobjs(verb, {"to"}), _PARTIES)
        for winner in winners:
            for event in events:
                if winner.type != "Group":
                    yield from self.run.rel(winner, "won", event, verb, "lostto")

    def prize_at(self, verb: Token) -> Iterator[Relation]:
        """ "Jo Bloggs was best actor at the Zenda Awards", "Acme were champions at the Zenda
        Games": the subject won the event."""
        said = [c for c in verb.children if c.dep_ in {"attr", "acomp"}]
        if not said or any(c.dep_ == "neg" for c in verb.children):
            return
        first = self.doc[said[0].left_edge.i]  # "best actor", not "the best player"
        if first.lower_ not in AWARD_WORDS and said[0].lemma_.lower() not in {"champion", "winner"}:
            return
        events: list[Mention] = []
        # "X was best actor and Y was best actress at the Zenda Awards": the last clause's
        for v in (verb, *(c for c in verb.conjuncts if c.lemma_ == "be" and c.i > verb.i)):
            attrs = [c for c in v.children if c.dep_ in {"attr", "acomp"}]
            for g in _pobjs(v, {"at"}) + [g for a in attrs for g in _pobjs(a, {"at"})]:
                e = self._event(g)
                if e is not None and e not in events:
                    events.append(e)
            if events:
                break
        for winner in self.events.mentions(self.run.subjects(verb), _ANY):
            if winner.type not in {"Person", "Organization", "Product", ""}:
                continue
            for event in events:
                yield from self.run.rel(winner, "won", event, verb, "prizeat")

    # -- "the Zenda Games were held in Ruritania" ----------------------------------------
    def _event(self, tok: Token) -> Mention | None:
        """The event ``tok`` names: itself, a competition's name inside its phrase ("the Zenda
        Cup third round"), or the competition of a stage ("the final of the Zenda Cup")."""
        m = self.run.m(tok, events=True)
        if m is not None and (m.type == "Event" or competition_name(m.text)):
            return m
        if tok.lemma_.lower() in STAGE_NOUNS or tok.lower_ in STAGE_NOUNS:
            for t in self.doc[tok.left_edge.i : tok.i]:
                named = self.run.index.named(t)
                if named is not None and competition_name(named.text) and t.pos_ == "PROPN":
                    return named
            for g in _pobjs(tok, {"of"}):
                named = self.run.index.named(g)
                if named is not None and (named.type == "Event" or competition_name(named.text)):
                    return named
        return None

    def venue(self, verb: Token, lemma: str) -> Iterator[Relation]:
        if any(c.dep_ == "neg" for c in verb.children):
            return
        children = list(verb.children)
        if lemma == "take":
            # "the Zenda Games take place in Ruritania"
            if not any(c.dep_ == "dobj" and c.lower_ == "place" for c in children):
                return
            held = [c for c in children if c.dep_ == "nsubj"]
        else:
            held = [c for c in children if c.dep_ == "nsubjpass"]
        if verb.dep_ == "acl" and (verb.tag_ == "VBN" or lemma == "take"):
            held.append(verb.head)  # "the Zenda Games, held in Ruritania"
        events = [e for e in (self._event(self.run.arg(h)) for h in held) if e is not None]
        if not events:
            return
        places = self.events.mentions(_pobjs(verb, {"in", "at"}), frozenset({"Place"}))
        for event in events:
            for place in places:
                yield from self.run.rel(event, "locatedIn", place, verb, "venue")

    # -- "Acme face Zenith in the Zenda Cup" ----------------------------------------------
    def match(self, verb: Token, lemma: str) -> Iterator[Relation]:
        if any(c.dep_ == "neg" for c in verb.children):
            return
        scenes = _pobjs(verb, {"in", "at"})
        objs = [c for c in verb.children if c.dep_ == "dobj"]
        for o in objs:
            scenes += _pobjs(o, {"in", "at"})
            for n in (c for c in o.children if c.dep_ in {"npadvmod", "nummod"}):
                scenes += _pobjs(n, {"in", "at"})  # "beat Zenith 2-0 in the Zenda Cup"
        if lemma == "win":
            # "won the Zenda Open in 1999 and the Ruritania Open in 2001": what is won is no
            # scene (a conjunct the parser hung from the year)
            scenes = [s for s in scenes if s.dep_ == "pobj"]
        events: list[Mention] = []
        for s in scenes:
            e = self._event(s)
            if e is not None and e not in events:
                events.append(e)
        if not events:
            return
        sides = self.events.doers(verb)
        if lemma in SIDE_OBJECT_VERBS:
            sides += [
                m
                for m in self.events.mentions(
                    [self.run.arg(t) for o in objs for t in (o, *o.conjuncts)], _PARTIES
                )
                if m not in sides
            ]
        for side in sides:
            if side.type == "Group" and side.kind != "name":
                continue  # "the fans"
            for event in events:
                yield from self.run.rel(side, "participatedIn", event, verb, "match")

    # -- "Leeds's Zenda Cup win" ----------------------------------------------------------
    def result_in(self, noun: Token, victory: bool) -> Iterator[Relation]:
        """A result in a competition named before its noun: "Leeds's Zenda Cup win" (Leeds won
        the cup), "X captained Leeds to Zenda Cup success" (won it), "a third Zenda League win
        over Ripon", "a Zenda Cup defeat" (took part)."""
        k = noun.i - 1
        if k < 0 or not self.doc[k].text[:1].isupper():
            return
        event = self._competition_before(k)
        if event is None:
            return
        poss = _possessor(noun)
        gov = governor(noun)
        guided = (
            gov is not None
            and gov.lemma_.lower() in GUIDE_VERBS
            and noun.dep_ == "pobj"
            and noun.head.lower_ == "to"
        )
        sides: list[Mention] = []
        if poss is not None:
            sides = self.events.mentions([poss], _PARTIES)
        elif guided and gov is not None:
            led = [t for c in gov.children if c.dep_ == "dobj" for t in (c, *c.conjuncts)]
            sides = self.events.mentions([self.run.arg(t) for t in led], _PARTIES)
        elif gov is not None and noun.dep_ == "pobj" and noun.head.lower_ in {"for", "to"}:
            sides = self.events.doers(gov)  # "Leeds clung on for a Zenda League win"
        else:
            sides = self.events.actors(noun, VICTORY_VERBS | DEFEAT_VERBS)
        one_match = any(
            c.dep_ in {"nummod", "amod"}
            and (c.like_num or c.lower_.endswith(("st", "nd", "rd", "th")))
            or (c.dep_ == "det" and c.lower_ in {"a", "an", "another"})
            for c in noun.children
        ) or bool(_pobjs(noun, {"over", "against", "to", "by"}))
        predicate = (
            "won"
            if victory and (poss is not None or guided) and not one_match
            else ("participatedIn")
        )
        for side in sides:
            if side.type in {"Person", "Organization", "Place", ""} and side != event:
                yield from self.run.rel(side, predicate, event, noun, "result")

    def standing_of(self, noun: Token) -> Iterator[Relation]:
        """ "X, twice a Zenda Cup winner,", "Acme are Zenda League leaders": a standing said of
        a name in apposition or after a copula."""
        k = noun.i - 1
        while k >= 0 and noun.i - k <= 3 and self.doc[k].lower_ in STANDING_FILLERS:
            k -= 1
        if k < 0 or not self.doc[k].text[:1].isupper():
            return
        event = self._competition_before(k)
        if event is None:
            return
        if noun.dep_ == "appos":
            sides = self.events.mentions([noun.head], _PARTIES)
        else:
            sides = self.events.mentions(self.run.subjects(noun.head), _PARTIES)
        for side in sides:
            if side.type in {"Person", "Organization", "Place", ""} and side != event:
                yield from self.run.rel(side, STANDING_NOUNS[noun.lower_], event, noun, "standing")

    # -- "Zenda League leaders Acme" -----------------------------------------------------
    def standings(self) -> Iterator[Relation]:
        doc = self.doc
        index = self.run.index
        for side in index.mentions():
            if side.type not in {"Person", "Organization", "Place", ""}:
                continue
            span = doc.char_span(side.start, side.end, alignment_mode="expand")
            if span is None or span.start < 2:
                continue
            j = span.start - 1
            word = doc[j].lower_
            k = j - 1
            if word in {"finalist", "finalists"} and k >= 1 and doc[k].text == "-":
                word = f"{doc[k - 1].lower_}-{word}"  # "semi - finalists" as tokenised
                k -= 2
            predicate = STANDING_NOUNS.get(word)
            if predicate is None or not doc[j].is_lower or index.named(doc[j]) is not None:
                continue
            if predicate == "won" and side.type == "Person" and doc[j].lemma_ in ROLE_NOUNS:
                continue  # "Zenda Cup winner Jo Bloggs": the title rules read a person's post
            while k >= 0 and j - k <= 3 and doc[k].lower_ in STANDING_FILLERS:
                k -= 1
            if k < 0:
                continue
            event = self._competition_before(k)
            if event is None or event.start == side.start:
                continue
            yield from self.run.rel(side, predicate, event, doc[j], "standing")

    def _competition_before(self, k: int) -> Mention | None:
        """The competition whose name ends at token ``k``: a run of capitalised words ending in
        a competition's word ("Nine Nations"), a named mention, or one with the capitalised
        words the NER left before it ("Nine" of "Nine Nations")."""
        doc = self.doc
        named = self.run.index.named(doc[k])
        last = k
        if named is not None:
            span = doc.char_span(named.start, named.end, alignment_mode="expand")
            if span is None or span.end != k + 1:
                return None
            if named.type != "Event" and not competition_name(named.text):
                return None
            last = span.start
        first = last
        while (
            first - 1 >= 0
            and k - first < 4
            and (doc[first - 1].text[:1].isupper() or doc[first - 1].text.isdigit())
            and doc[first - 1].pos_ in {"PROPN", "NUM", "ADJ"}
            and not doc[first - 1].is_sent_start
            and self.run.index.named(doc[first - 1]) is None
            and (named is None or doc[first - 1].pos_ == "NUM")  # "Nine" of "Nine Nations"
        ):
            first -= 1
        if named is not None and first == last:
            return named
        if named is None and first > 0 and self.run.index.named(doc[first - 1]) is not None:
            return None  # a name before the words: "Acme Zenda Cup" is no one competition
        words = doc[first : k + 1]
        if not doc[k].text[:1].isupper() or not competition_name(words.text):
            return None
        return self.run.index._make(first, k + 1, "Event", "name", "")

    # -- "Ripon 17-28 Leeds" --------------------------------------------------------------
    def scorelines(self) -> Iterator[Relation]:
        """A line that is a result, a headline of match reports: "Ripon 17-28 Leeds" (Leeds
        defeated Ripon; a draw says nothing)."""
        doc = self.doc
        for tok in doc:
            found = _score(tok)
            if found is None:
                continue
            (a, b), end = found
            left, right = self._line_side(tok.i - 1, -1), self._line_side(end, 1)
            if left is None or right is None or a == b:
                continue
            winner, loser = (left, right) if a > b else (right, left)
            yield from self.run.rel(winner, _pick(CONTEST, loser), loser, tok, "scoreline")

    def _line_side(self, i: int, step: int) -> Mention | None:
        """The one name that fills its line from token ``i`` away from a score."""
        doc = self.doc
        if not 0 <= i < len(doc):
            return None
        named = self.run.index.named(doc[i])
        if named is None or named.type not in {"Person", "Organization", "Place", ""}:
            return None
        span = doc.char_span(named.start, named.end, alignment_mode="expand")
        if span is None:
            return None
        if step < 0:
            if span.end != i + 1:
                return None
            before = doc[: span.start].text
            return named if not before.strip() or before.endswith("\n") else None
        if span.start != i:
            return None
        after = doc.text[span.end_char :]
        return named if not after.strip() or after.startswith("\n") else None


def _score(tok: Token) -> tuple[tuple[int, int], int] | None:
    """The two numbers of a score starting at ``tok`` ("17-28", one token or three) and the
    index of the token after it, or None."""
    doc = tok.doc
    parts = tok.text.replace("\u2013", "-").split("-")
    if len(parts) == 2 and all(p.isdigit() and len(p) <= 3 for p in parts):
        return (int(parts[0]), int(parts[1])), tok.i + 1
    i = tok.i
    if (
        tok.text.isdigit()
        and len(tok.text) <= 3
        and i + 2 < len(doc)
        and doc[i + 1].text in {"-", "\u2013"}
        and doc[i + 2].text.isdigit()
        and len(doc[i + 2].text) <= 3
        and not tok.whitespace_
        and not doc[i + 1].whitespace_
        and (i == 0 or not doc[i - 1].text.isdigit())
    ):
        return (int(tok.text), int(doc[i + 2].text)), i + 3
    return None
