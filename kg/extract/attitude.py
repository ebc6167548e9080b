"""Attitudes the clause rules of :mod:`kg.extract.relations` do not reach: criticism, praise and
lawsuits said through reported speech, nominalisations and legal nouns (each a general English
construction; invented examples):

- reported fault (``reported.criticized``): a speech or belief verb whose complement clause finds
  fault with its subject, by a wider lexicon than ``speech.criticized``: a failure ("X said Y
  had failed to act"), a commendation denied ("X said Y was not fit to govern", "not best
  placed to run it") or a charged deed ("X claimed Y was playing politics", "Y had ignored the
  warnings"); also a verdict said by a speaker reached through "went so far as to suggest";
- legal action (``legal.sued``): a lawsuit noun against someone, brought, filed, pursued, won
  or lost by its subject or possessor ("X lost her discrimination case against Y", "X's libel
  action against Y");
- a listed object (``list.<relation>``): the names an object noun lists in apposition ("X is
  suing four firms - Y, Z and W");
- rebuttal (``rebut.criticized``): answering or rejecting someone's criticism or claims
  ("Responding to X's criticisms, Y said ...", "Y dismissed X's allegations"): Y criticized X;
- welcome (``welcome.praised``): welcoming what someone did ("X welcomed Y's decision").

Subjects and objects go through the mention index, so descriptions and pronouns reach their
resolved entities; a bare pronoun is never the one judged.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract.lexicon import EVALUATING_VERBS, PRAISE_WORDS, VERBS

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.relations import _Run
    from kg.graph.model import Mention, Relation

#: Commendations that censure when denied: "Y was not fit to govern", "not best placed".
COMMENDATIONS = frozenset(
    (
        "fit able capable competent credible honest straightforward trustworthy truthful "
        "serious qualified equipped suited placed sincere candid open genuine"
    ).split()
)
#: Deeds a speaker charges someone with, beyond ``CENSURED_DEEDS``: "Y had ignored the
#: warnings", "Y was wrecking the economy".
FAULT_DEEDS = frozenset(
    (
        "ignore betray abandon waste undermine damage hijack exploit distort smear ruin wreck "
        "sabotage dither squander mislead deceive manipulate cheat mismanage mishandle "
        "bungle neglect snub flout violate breach renege bully intimidate censor suppress "
        "scaremonger fudge duck dodge stonewall bottle rig abuse"
    ).split()
)
#: Verb + object idioms of a charged deed: "Y is playing politics", "Y missed the point".
FAULT_IDIOMS = frozenset(
    {
        ("play", "politics"),
        ("play", "game"),
        ("play", "games"),
        ("play", "card"),
        ("miss", "point"),
        ("break", "promise"),
        ("break", "promises"),
        ("break", "law"),
        ("break", "rules"),
        ("let", "down"),
        ("cover", "up"),
        ("ram", "through"),
        ("bury", "head"),
    }
)
#: More verbs of belief and speech whose clause may judge (with ``EVALUATING_VERBS``).
JUDGING_VERBS = EVALUATING_VERBS | frozenset(
    "accuse feel fear reckon assert allege point note concede acknowledge".split()
)
#: Nouns of legal action: "a libel case against Y", "a lawsuit against Y".
LEGAL_NOUNS = frozenset("case claim lawsuit suit action proceedings".split())
#: Modifiers that make an "action" or a "claim" a lawsuit: "legal action", "a damages claim".
LEGAL_MODIFIERS = frozenset(
    (
        "legal court libel slander defamation damages civil class compensation discrimination "
        "sexism racism breach negligence copyright patent antitrust anti-trust unfair "
        "dismissal injury"
    ).split()
)
#: Verbs whose subject brings a legal action: "filed a claim against Y", "lost her case".
LEGAL_VERBS = frozenset(
    (
        "file bring launch lodge lose win pursue drop mount press begin start issue take "
        "initiate institute withdraw abandon seek"
    ).split()
)
#: Verbs whose subject answers a lawsuit another brought: "Y settled a lawsuit brought by X".
DEFENDANT_VERBS = frozenset("settle face fight contest defend".split())
#: Nouns of criticism one faces from someone: "Y faced criticism from X".
FACED_NOUNS = frozenset(
    "criticism condemnation censure attack attacks rebuke scorn flak ridicule".split()
)
#: Verbs whose subject faces what comes from someone: "Y drew criticism from X".
FACING_VERBS = frozenset("face draw attract receive provoke spark suffer endure meet".split())
#: Nouns of criticism or charges one answers or rejects: "Responding to X's criticisms".
CHARGE_NOUNS = frozenset(
    (
        "criticism criticisms attack attacks accusation accusations allegation allegations "
        "claim claims charge charges jibe jibes swipe swipes complaint complaints "
        "condemnation attack broadside"
    ).split()
)
#: Participles that answer a charge: "Responding to X's criticisms, Y said".
ANSWER_VERBS = frozenset("respond react reply retort answer".split())
#: Verbs that reject a charge: "Y dismissed X's allegations".
REJECT_VERBS = frozenset("reject dismiss rebut rubbish ridicule counter".split())
#: Verbs of welcoming what someone did: "X welcomed Y's decision".
WELCOME_VERBS = frozenset("welcome".split())
#: What a welcomed thing may be: "Y's decision", "Y's move".
WELCOMED_NOUNS = frozenset(
    (
        "decision move announcement ruling plan plans proposal proposals initiative "
        "offer approach commitment pledge action intervention stance policy report verdict"
    ).split()
)
#: Relations an appositive list after an object takes: "suing four firms - Y, Z and W".
_LISTED = frozenset({"criticized", "praised", "sued"})
_SUBJ = {"nsubj", "nsubjpass"}


#: What a critic by trade reviews: "the paper's film critic X" writes reviews, not attacks.
CRITIC_BEATS = frozenset(
    (
        "music film movie theatre theater art arts book books literary restaurant food wine "
        "dance drama television tv radio rock pop jazz classical opera fashion architecture "
        "media games game design comedy cinema culture cultural"
    ).split()
)


def critic_by_trade(noun: Token) -> bool:
    """Whether ``noun`` is "critic" as a trade: "film critic", "the paper's music critic".

    >>> from kg.extract.nlp import load
    >>> doc = load()("Jo Bloggs, the Daily Planet's film critic, was there.")
    >>> critic_by_trade(doc[8]), critic_by_trade(doc[7])
    (True, False)
    """
    return noun.lemma_.lower() == "critic" and any(
        c.dep_ in {"compound", "amod", "nmod"} and c.lemma_.lower() in CRITIC_BEATS
        for c in noun.children
    )


def _to_infinitive(tok: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _negated(tok: Token) -> bool:
    return any(c.dep_ == "neg" or c.lower_ in {"never", "hardly"} for c in tok.children)


def faulted(clause: Token) -> list[Token] | None:
    """The subjects a reported clause finds fault with by the wider lexicon of the module
    docstring, else None."""
    lemma = clause.lemma_.lower()
    subjects = _conjuncts([c for c in clause.children if c.dep_ in _SUBJ])
    if not subjects:
        return None
    negated = _negated(clause)
    words = [c for c in clause.children if c.dep_ in {"acomp", "attr", "oprd"}]
    if negated:
        # "Y was not fit to govern", "Y was not best placed to run it"
        if lemma == "place" and any(c.lemma_.lower() == "well" for c in clause.children):
            return subjects
        if lemma in {"be", "seem", "look", "prove"} and any(
            w.lemma_.lower() in COMMENDATIONS or w.lower_ in PRAISE_WORDS for w in words
        ):
            return subjects
        return None
    if any(w.lower_ == "soft" and any(p.lower_ == "on" for p in w.children) for w in words):
        return subjects  # "Y is soft on crime"
    if lemma == "fail" and any(c.dep_ == "xcomp" and _to_infinitive(c) for c in clause.children):
        return subjects  # "Y had failed to act"
    if clause.pos_ == "VERB" and lemma in FAULT_DEEDS:
        return subjects
    objects = {
        w
        for c in clause.children
        if c.dep_ in {"dobj", "prt", "advmod", "prep"}
        for w in (c.lemma_.lower(), c.lower_)
    }
    if any((lemma, o) in FAULT_IDIOMS for o in objects):
        return subjects  # "Y is playing politics", "Y had let them down"
    return None


class AttitudeRules:
    """The constructions of the module docstring, over one :class:`relations._Run`."""

    def __init__(self, run: _Run) -> None:
        self.run = run
        self.doc = run.doc

    def verb(self, verb: Token, lemma: str) -> Iterator[Relation]:
        if lemma in JUDGING_VERBS:
            yield from self.reported_fault(verb)
        if lemma in ANSWER_VERBS or lemma in REJECT_VERBS:
            yield from self.rebuttal(verb, lemma)
        if lemma in WELCOME_VERBS:
            yield from self.welcomed(verb)
        if lemma in FACING_VERBS:
            yield from self.faced(verb)
        target = VERBS.get((lemma, ""))
        if target is not None:
            yield from self.listed(verb, target)

    def noun(self, noun: Token, lemma: str) -> Iterator[Relation]:
        if lemma in LEGAL_NOUNS:
            yield from self.legal_action(noun, lemma)

    # -- helpers --------------------------------------------------------------------------
    def speakers(self, verb: Token) -> list[Mention]:
        """Who speaks: the subjects of ``verb``, else of the verb an adverbial phrase hangs
        from ("X went so far as to suggest ...")."""
        found = self.run.judges(verb)
        if found or verb.dep_ != "advcl" or not _to_infinitive(verb) or verb.head.pos_ != "ADV":
            return found
        head = verb.head
        for _ in range(2):
            if head.pos_ in {"VERB", "AUX"}:
                return self.run.judges(head)
            if head.head.i == head.i:
                break
            head = head.head
        return []

    # -- reported fault -------------------------------------------------------------------
    def reported_fault(self, verb: Token) -> Iterator[Relation]:
        """ "X said Y had failed to act", "X said Y was not fit to govern", "X claimed Y was
        playing politics", "X said Y was wrong": X criticized Y (or the owner of what fails)."""
        from kg.extract.relations import _verdict

        speakers = self.speakers(verb)
        if not speakers:
            return
        clauses = [c for c in verb.children if c.dep_ == "ccomp"]
        clauses += [
            c
            for cl in clauses
            for c in cl.children
            if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}
        ]
        for clause in clauses:
            predicate, subjects = "criticized", faulted(clause)
            verdict = _verdict(clause)
            if verdict is not None:
                if self.run.judges(verb):
                    continue  # ``speech.<relation>`` says it
                predicate, subjects = verdict  # a speaker "who went so far as to suggest"
            if subjects is None:
                continue
            for s_tok in subjects:
                target = self.run.judged(s_tok)
                if target is None:
                    continue
                for speaker in speakers:
                    yield from self.run.rel(speaker, predicate, target, verb, "reported")

    # -- lawsuits -------------------------------------------------------------------------
    def legal_action(self, noun: Token, lemma: str) -> Iterator[Relation]:
        """ "X lost her case against Y", "X's libel action against Y", "X has launched court
        proceedings against Y": X sued Y."""
        mods = {c.lemma_.lower() for c in noun.children if c.dep_ in {"amod", "compound"}}
        if lemma in {"action", "claim"} and not mods & LEGAL_MODIFIERS:
            return  # "took action against Y" may be anything, "a legal action" is a lawsuit
        gov = _governor(noun)
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ == "against"]
        if gov is not None and noun.dep_ == "dobj":
            preps += [c for c in gov.children if c.dep_ == "prep" and c.lower_ == "against"]
        defendants: list[Mention] = []
        for prep in preps:
            for pobj in _conjuncts([g for g in prep.children if g.dep_ == "pobj"]):
                m = self.run.judged(self.run.arg(pobj))
                if m is not None and m.type in _LITIGANTS and m not in defendants:
                    defendants.append(m)
        plaintiffs: list[Mention] = []
        for c in noun.children:
            if c.dep_ == "poss":
                m = self.run.m(c)
                if m is not None and m.type in _LITIGANTS:
                    plaintiffs.append(m)
        # "a lawsuit brought by X", "the case filed by X"
        for acl in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            if acl.lemma_.lower() not in LEGAL_VERBS:
                continue
            for agent in (g for c in acl.children if c.dep_ == "agent" for g in c.children):
                for a_tok in _conjuncts([agent]):
                    m = self.run.m(self.run._name_in(a_tok))
                    if m is not None and m.type in _LITIGANTS and m.kind != "pronoun":
                        plaintiffs.append(m)
            if not defendants and gov is not None and gov.lemma_.lower() in DEFENDANT_VERBS:
                # "Y agreed to settle a lawsuit brought by X", "Y is fighting a case ..."
                defendants = [m for m in self.run.judges(gov) if m.type in _LITIGANTS]
        if not plaintiffs and gov is not None and gov.lemma_.lower() in LEGAL_VERBS:
            plaintiffs = [m for m in self.run.judges(gov) if m.type in _LITIGANTS]
        for defendant in defendants:
            for plaintiff in plaintiffs:
                yield from self.run.rel(plaintiff, "sued", defendant, noun, "legal")

    # -- lists ----------------------------------------------------------------------------
    def listed(self, verb: Token, target: object) -> Iterator[Relation]:
        """ "X is suing four firms - Y, Z and W", "X criticised three papers, Y and Z": the
        names listed in apposition to a plain object noun."""
        from kg.extract.relations import _pick

        if not isinstance(target, (str, dict)):
            return
        for obj in (c for c in verb.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
            if self.run.m(obj) is not None:
                continue
            named = _conjuncts([c for c in obj.children if c.dep_ == "appos"])
            if not named:
                continue
            for subj in self.run.judges(verb):
                for n_tok in named:
                    m = self.run.index.named(n_tok)
                    if m is None:
                        continue
                    predicate = _pick(target, m)
                    if predicate in _LISTED:
                        yield from self.run.rel(subj, predicate, m, verb, "list")

    # -- criticism one faces --------------------------------------------------------------
    def faced(self, verb: Token) -> Iterator[Relation]:
        """ "Y has faced stinging criticism from X", "Y attracted criticism from X": X
        criticized Y."""
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            if obj.lemma_.lower() not in FACED_NOUNS:
                continue
            sources = [
                g
                for p in [*obj.children, *verb.children]
                if p.dep_ == "prep" and p.lower_ == "from"
                for g in p.children
                if g.dep_ == "pobj"
            ]
            # "from X and from Y": the second "from" hangs from the first's object
            sources += [
                g
                for src in list(sources)
                for c in src.children
                if c.dep_ == "conj" and c.lower_ == "from"
                for g in c.children
                if g.dep_ == "pobj"
            ]
            for s_tok in _conjuncts(sources):
                critic = self.run.m(self.run._name_in(s_tok))
                if critic is None or critic.kind == "pronoun" or critic.type not in _PARTIES:
                    continue
                for s in self.run.subjects(verb):
                    target = self.run.judged(self.run.arg(s))
                    if target is None:
                        m = self.run.m(self.run.arg(s))
                        target = m if m is not None and m.kind == "pronoun" else None
                    yield from self.run.rel(critic, "criticized", target, obj, "faced")

    # -- rebuttal -------------------------------------------------------------------------
    def rebuttal(self, verb: Token, lemma: str) -> Iterator[Relation]:
        """ "Responding to X's criticisms, Y said ...", "Y dismissed X's allegations": Y
        criticized X."""
        if lemma in ANSWER_VERBS:
            if verb.dep_ != "advcl" or verb.tag_ != "VBG":
                return
            charges = [
                g
                for p in verb.children
                if p.dep_ == "prep" and p.lower_ == "to"
                for g in p.children
                if g.dep_ == "pobj"
            ]
            answerers = self.run.judges(verb.head)
        else:
            charges = [c for c in verb.children if c.dep_ == "dobj"]
            answerers = self.run.judges(verb)
        for charge in _conjuncts(charges):
            if charge.lower_ not in CHARGE_NOUNS and charge.lemma_.lower() not in CHARGE_NOUNS:
                continue
            critic = self.run.judged(charge)  # "X's criticisms", "the latest X attack"
            if critic is None or critic.type not in _PARTIES:
                continue
            for answerer in answerers:
                yield from self.run.rel(answerer, "criticized", critic, verb, "rebut")

    # -- welcome --------------------------------------------------------------------------
    def welcomed(self, verb: Token) -> Iterator[Relation]:
        """ "X welcomed Y's decision": X praised Y."""
        if _negated(verb):
            return
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            if obj.lemma_.lower() not in WELCOMED_NOUNS:
                continue
            owner = self.run.judged(obj)
            if owner is None or owner.type not in _PARTIES:
                continue
            for subj in self.run.judges(verb):
                yield from self.run.rel(subj, "praised", owner, verb, "welcome")


_PARTIES = frozenset({"Person", "Organization", "Place", ""})
_LITIGANTS = frozenset({"Person", "Organization", ""})


def _conjuncts(tokens: list[Token]) -> list[Token]:
    out: list[Token] = []
    for t in tokens:
        out.append(t)
        out += [c for c in t.conjuncts if c.i > t.i]
    return out


def _governor(noun: Token) -> Token | None:
    """The verb a noun is the object of, directly or through a preposition."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ not in {"dobj", "nsubjpass"}:
        return None
    return head if head.pos_ in {"VERB", "AUX"} and head.i != noun.i else None
