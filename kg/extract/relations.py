"""``dependency.v1``: relations from the dependency parse, mapped onto the inventory.

Patterns (each a general English construction, each with a confidence):

- clauses: subject-verb-object, passives with a "by" agent (also participles: "the firm, owned
  by X"; "after being hired by X"), prepositional objects, phrasal verbs, "X as CATEGORY",
  "X replaced Y as head of Z", relative clauses ("Acme, which views ..."; "X, in which Y owns a
  stake"), shared subjects of coordinated verbs and participle clauses, conjoined arguments
  distributed ("Ward and Cole were captured"), "X allows Y to ...", "X's bid to buy Y";
- objects that stand for another: stakes ("bought a 30% stake in X"), agreements ("signed a
  deal with X"), holdings ("retains possession of X"), transfers ("sold X to Y");
- copulas: "X is a member of Y", "X was part of Y", "X, who is the firm's chairman",
  "X was behind the Zapp game";
- noun phrases: appositive roles ("X, a senior Green party official"; "X, a close ally of Y";
  "X, another Y company"), premodifying titles and demonyms ("Green MP X", "French X"),
  "X from France", possessive kin, roles and ownership ("X's father", "Acme's Zapp"),
  nominalisations ("the group's takeover of Ruritania"), "the app by Acme", "Ruritania under
  the junta", places in places ("Leeds, Yorkshire", "Leeds in west Yorkshire"), bases ("a
  Leeds-based firm", "the Leeds subsidiary X", "the firm's offices in Leeds"), "Jo Bloggs of
  Acme";
- two names of one entity ("X, the Y Alliance,"; "X, renamed Y"): an internal ``ALIAS`` fact
  that resolution merges;
- qualifiers: negation, hedging, dates found in the same clause.

Verbs with no inventory mapping become open relations between two named entities (named by
the verb lemma), only when the verb is a real verb (tagged VERB, its lemma alphabetic and known
to the lemmatizer as a verb lemma), its direct object is the name itself (not "a stake in X"),
the clause is not negated, hedged, future ("will buy", "is to buy") or a headline written in
capitals, the verb is not a speech verb, and no "as" phrase or succession ("replaced X as
chief") makes the fact a role or a category.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from kg.extract.attitude import LEGAL_NOUNS, AttitudeRules, critic_by_trade
from kg.extract.base import ALIAS, add, quote_spans, sentence_of, text_of
from kg.extract.coref import PERSONAL_POSTS, hints, personal_post, possessor_pronoun
from kg.extract.corp import CorpRules
from kg.extract.dateline import datelines
from kg.extract.events import (
    CompetitionRules,
    EventRules,
    gapped_objects,
    governor,
    standing_post,
)
from kg.extract.gazetteer import is_demonym, region
from kg.extract.gazetteer import lookup as country_lookup
from kg.extract.lexicon import (
    AGREEMENT_NOUNS,
    APPOINTING_VERBS,
    AS_VERBS,
    BUILDING_NOUNS,
    CENSURE_WORDS,
    CENSURED_DEEDS,
    CHILD_NOUNS,
    COMPASS_WORDS,
    CONTEST,
    CRITIC_NOUNS,
    CRITICAL_ADJECTIVES,
    CRITICISM,
    CRITICISM_AS_VERBS,
    DEATH_CUES,
    DEATH_WORDS,
    DEFEAT_NOUNS,
    DESCRIBE_VERBS,
    EVALUATING_VERBS,
    EVENT_NAME_WORDS,
    HEDGE_ADVERBS,
    HEDGE_GOVERNORS,
    HEDGE_MODALS,
    HEDGE_NOUNS,
    HOLDING_NOUNS,
    HOME_MODIFIERS,
    HOME_NOUNS,
    HOME_PLACE_NOUNS,
    HONORIFICS,
    INJURY_VERBS,
    INVERSE_PREPS,
    JOINT_ACTIONS,
    KILLER_NOUNS,
    LIGHT_VERBS,
    LOSING_VERBS,
    NAME_CONNECTORS,
    NOUNS,
    ORG_SUFFIXES,
    PARENT_NOUNS,
    PASSIVE_PLACE,
    PERSON_NOUNS,
    PERSON_RELATION_NOUNS,
    PLACE_POSTS,
    PORTFOLIO_POSTS,
    PORTFOLIO_WORDS,
    PRAISE_WORDS,
    PRESSING_VERBS,
    RENAME_VERBS,
    RIVAL_MODIFIERS,
    ROLE_IN_WORK_NOUNS,
    ROLE_NOUNS,
    SIDE_NOUNS,
    SITE_NOUNS,
    SPEECH_VERBS,
    SPOUSE_NOUNS,
    STAKE_NOUNS,
    STARRING_VERBS,
    SUCCESSION_VERBS,
    TRANSFER_VERBS,
    TYPE_NOUNS,
    UNDER_FIRE_NOUNS,
    VERB_PREPS,
    VERBS,
    WEAPON_NOUNS,
    WEAPON_VERBS,
    WORK_CREDIT_NOUNS,
    WORK_NOUNS,
    WOUNDING_VERBS,
    Target,
    role_relation,
)
from kg.extract.mentions import MentionIndex
from kg.extract.nlp import known_words
from kg.extract.roles import RoleRules
from kg.extract.works import WorkRules
from kg.graph.model import Extraction, Mention, Relation

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


_MEASURED = Path(__file__).with_name("rule_precision.tsv")
_measuring = False


def measuring(on: bool) -> None:
    """While on, every rule is emitted with a neutral confidence, whatever the measured table
    says: ``benchmarks/rule_precision.py`` measures the rules as written."""
    global _measuring
    _measuring = on
    _table.cache_clear()


@functools.cache
def _table() -> tuple[dict[str, float], frozenset[str]]:
    """The measured confidences by rule id, and the ids switched off (under 0.5 measured)."""
    from kg.extract.rulebook import measured

    if _measuring:
        return {}, frozenset()
    table = measured(_MEASURED)
    confidences = {rule: m.confidence for rule, m in table.items()}
    return confidences, frozenset(rule for rule, m in table.items() if m.state == "off")


def confidence(rule: str) -> float | None:
    """A rule's measured confidence (``kg/extract/rule_precision.tsv``, written by
    ``benchmarks/rule_precision.py``): its own, else the mean of its construction's measured
    rules (the ids sharing its first part), else 0.5;
    None when the measurement switched it off."""
    confidences, off = _table()
    if rule in off:
        return None
    if rule in confidences:
        return confidences[rule]
    family = rule.split(".")[0]
    pooled = [c for r, c in confidences.items() if r.split(".")[0] == family]
    return round(sum(pooled) / len(pooled), 3) if pooled else 0.5


def rule_id(pattern: str, predicate: str, open_: bool = False) -> str:
    """The id of the rule that gives a fact: its construction and its relation.

    >>> rule_id("appos", "memberOf"), rule_id("svo", "wipe", True), rule_id("alias", "alias")
    ('appos.memberOf', 'svo.open', 'alias')
    """
    if pattern == "alias":
        return "alias"
    return f"{pattern}.{'open' if open_ else predicate}"


_SUBJ = {"nsubj", "csubj"}
#: Adjectives of a work someone likes rather than made: "her favourite film, X".
#: Relations to a work: an actor's or a writer's title before a name is no post in a place or
#: a people ("French actress Jo Bloggs").
_WORK_RELATIONS = frozenset({"performedIn", "creatorOf"})
_FONDNESS = frozenset("favourite favorite beloved preferred".split())
#: Verbs whose "by" agent officiates rather than takes part: "X was married by a priest".
_OFFICIATED = frozenset({"marry", "wed"})
#: Verbs that link a subject to a description as "be" does.
_LINKING_VERBS = frozenset({"become", "remain"})
#: People standing for their organisation or country: "met officials from Acme".
_DELEGATE_NOUNS = frozenset(
    "official representative delegate delegation envoy executive leader minister".split()
)
#: A score: "2-0", "17-16", "6-4".
_SCORE = re.compile(r"(?<![\d/-])\d{1,3}[-\u2013]\d{1,3}(?![\d/-])")
#: Relations to a place that hold for the larger place a ", Place" after it names.
_PLACE_RELATIONS = {"livesIn", "bornIn", "basedIn", "locatedIn", "nationality"}
#: A birthplace written with its region ("born in Leeds, Yorkshire") is one place, as written.
_HOME_RELATIONS = {"bornIn"}

_RELATIVE = {"who", "which", "that", "whom"}
#: Adverbs the parser leaves where a phrasal verb's particle would be ("put together").
_ADVERB_PARTICLES = {"together", "back"}
_NOT_PEOPLE = {"Organization", "Product", "Place", "Event"}
_DASHES = {"-", "\u2013", "\u2014"}
#: Words that charge someone with a deed: "convicted of the murder of X".
_CHARGE_WORDS = frozenset("convict accuse suspect charge try jail sentence arrest guilty".split())
#: Relations of a post held in an organisation (not "critic", "winner").
_POSTS = {"memberOf", "worksFor", "leaderOf"}
_PART_NOUNS = {"part", "faction", "division", "subsidiary", "unit", "wing", "arm", "branch"}


def _pick(target: Target | None, obj: Mention) -> str | None:
    if target is None or isinstance(target, str):
        return target
    if (
        "Event" in target
        and obj.type in {"Organization", ""}
        and obj.kind == "name"
        and _event_name(obj.text)
    ):
        return target["Event"]  # "competed in the Zenda Cup", the name typed an organisation
    return target.get(obj.type, target.get("*"))


def _hyphenated(tok: Token) -> bool:
    """Whether ``tok`` is glued by a hyphen to a word before it ("pro-reform")."""
    doc = tok.doc
    return tok.i >= 1 and doc[tok.i - 1].text == "-" and not doc[tok.i - 1].whitespace_


def _last_token(doc: Doc, m: Mention) -> int:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.end - 1 if span is not None else -1


def _pobjs(preps: list[Token], words: set[str]) -> list[Token]:
    """Objects of the prepositions among ``preps`` spelled as one of ``words``."""
    return [
        g
        for p in preps
        if p.dep_ in {"prep", "dative"} and p.lower_ in words
        for g in p.children
        if g.dep_ == "pobj"
    ]


def _such_as(tok: Token) -> list[Token]:
    """``tok`` and the examples it lists: "titles such as X and Y", "prizes including X"."""
    out = [tok]
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            if any(c.lower_ == "such" for c in tok.children) or prep.nbor(-1).lower_ == "such":
                out += _with_conjuncts([g for g in prep.children if g.dep_ == "pobj"])
        elif prep.dep_ in {"prep", "acl"} and prep.lower_ == "including":
            out += _with_conjuncts([g for g in prep.children if g.dep_ in {"pobj", "dobj"}])
    return out


#: Nouns of a quantity whose "of" names what is counted: "a number of prizes".
_QUANTITY_NOUNS = frozenset("number range series host string couple handful pair clutch".split())


def _examples(tok: Token) -> list[Token]:
    """An object and the named examples it lists: "a number of prizes including X" -> X too."""
    out = _such_as(tok)
    if tok.lemma_.lower() in _QUANTITY_NOUNS:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for g in prep.children:
                    if g.dep_ == "pobj":
                        out += _such_as(g)[1:]
    return out


def _is_stake(tok: Token) -> bool:
    """A stake or a share of something: "a 30% stake", "48% of", "a majority holding"."""
    if tok.pos_ == "PROPN":
        return False
    return tok.lemma_.lower() in STAKE_NOUNS or tok.text == "%" or tok.lower_ == "percent"


def _premodifiers(tok: Token) -> list[Token]:
    """The children of ``tok``, with the names inside its compounds: "a Yale University law
    professor" gives "law" and "University"."""
    out = list(tok.children)
    for c in tok.lefts:
        if c.dep_ == "compound" and c.pos_ == "NOUN":
            out += [g for g in c.lefts if g.dep_ in {"compound", "nmod"}]
    return out


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
        quotes = quote_spans(text_of(doc, found))
        index = MentionIndex(doc, found.document.id, found.mentions, quotes)
        run = _Run(doc, found.document.id, index, self.name)
        relations = list(run.all())
        relations += hints(index, found.document.id, self.name)  # whom "he" and "her" name
        return add(found, mentions=index.new, relations=relations)


class _Run:
    def __init__(self, doc: Doc, doc_id: str, index: MentionIndex, extractor: str) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self.index = index
        self.extractor = extractor
        self._country_places: dict[str, Mention] | None = None
        self.events = EventRules(self)  # results, deals, bids, prizes written as nouns
        self.works = WorkRules(self)  # makers and performers of works and products
        self.attitudes = AttitudeRules(self)  # criticism, praise, lawsuits said indirectly
        self.corp = CorpRules(self)  # company parts, brands, mergers written as nouns
        self.roles = RoleRules(self)  # posts and sides the noun-phrase rules miss

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
        if (
            predicate in _PLACE_RELATIONS
            and obj.type == "Place"
            and (pattern != "in" or predicate == "basedIn")
        ):
            outer = self.container(obj)
            if outer is None or (outer.start, outer.end) == (subj.start, subj.end):
                pass
            elif predicate in _HOME_RELATIONS:
                # "born in Leeds, Yorkshire": the town as written with its region, one place
                joined = self.index.joined(obj, outer)
                yield from self.rel(joined, ALIAS, obj, trigger, "alias")
                obj = joined
            else:
                # "based in Leeds, Yorkshire": in the larger place too
                yield from self.rel(subj, predicate, outer, trigger, pattern, qualifier=qualifier)
        if _portfolio(self.doc, obj) or _portfolio(self.doc, subj):
            return  # "Home Secretary X": a brief, not an organisation called "Home"
        if predicate == "leaderOf" and standing_post(self.doc, obj):
            return  # "Zenda League leaders Acme": a standing (``standing.participatedIn``)
        if predicate == "leaderOf" and _function_post(trigger):
            predicate = "worksFor"  # "the programme director at Acme" runs a part, not Acme
        if predicate == "criticized" and critic_by_trade(trigger):
            if obj.type not in {"Organization", ""}:
                return
            predicate = "worksFor"  # "the Daily Planet's film critic X" reviews for it
        rule = rule_id(pattern, predicate, open_)
        conf = 1.0 if pattern == "alias" else confidence(rule)
        if conf is None:
            return  # measured under 0.5: switched off
        yield Relation(
            subject=subj,
            predicate=predicate,
            object=obj,
            sentence=sentence_of(self.doc, trigger, self.doc_id),
            extractor=self.extractor,
            confidence=conf,
            open=open_,
            negated=_negated(trigger),
            hedged=_hedged(trigger),
            date=_date(trigger),
            qualifier=qualifier,
            rule=rule,
        )

    def m(self, tok: Token, *, events: bool = False) -> Mention | None:
        return self.index.mention_for(tok, events=events)

    def all(self) -> Iterator[Relation]:
        for tok in self.doc:
            pos, lemma = tok.pos_, tok.lemma_  # each read once: spaCy makes a string per read
            if lemma == "be" or lemma in _LINKING_VERBS:
                yield from self.copula(tok)  # "X is / became / remains the chairman of Y"
            elif pos == "VERB" or pos == "AUX":
                yield from self.clause(tok)
                yield from self.evaluations(tok, lemma.lower())
                yield from self.events.verb(tok, lemma.lower())
                yield from self.works.verb(tok, lemma.lower())
                yield from self.attitudes.verb(tok, lemma.lower())
                yield from self.roles.verb(tok, lemma.lower())
            elif pos == "NOUN" or pos == "PROPN" or (pos == "NUM" and tok.is_alpha):
                yield from self.noun(tok)  # a name in capitals may be tagged a number
                yield from self.works.noun(tok, lemma.lower())
                if pos == "NOUN":
                    yield from self.events.noun(tok, lemma.lower())
                    yield from self.attitudes.noun(tok, lemma.lower())
                    yield from self.corp.noun(tok, lemma.lower())
                    yield from self.roles.noun(tok, lemma.lower())
                if pos == "PROPN":
                    yield from self.rival(tok)
                elif lemma.lower() in CRITIC_NOUNS:
                    yield from self.fronted_critic(tok)
            elif pos == "ADJ":
                yield from self.works.adjective(tok, lemma.lower())  # "her single Zapp"
                if tok.dep_ == "appos" and tok.lower_ in HOME_NOUNS:
                    yield from self.apposition(tok.head, tok)  # "X, a Leeds native," (an adjective)
            if (lemma == "base" or lemma == "based") and tok.lower_ == "based":
                yield from self.based(tok)
            yield from self.corp.verb(tok)
        yield from self.names()
        yield from self.structure()
        yield from self.roles.document()
        yield from self.sources()
        yield from self.works.surface()
        yield from CompetitionRules(self).all()  # standings, venues, matches, score lines

    def sources(self) -> Iterator[Relation]:
        """ "Leeds NNA in English 1700 GMT": a monitored source is based where it is published.
        (A wire dateline, "LEEDS (NNA) --", says only where one story was filed.)"""
        for line in datelines(self.doc):
            if not line.published:
                continue
            source = self.index.named(self.doc[line.source[0]])
            place = self.index.named(self.doc[line.places[0][0]])
            if source is not None and place is not None and place.type == "Place":
                yield from self.rel(source, "basedIn", place, self.doc[line.source[0]], "source")

    # -- clauses --------------------------------------------------------------------------
    def subjects(self, verb: Token, depth: int = 0) -> list[Token]:
        subj = [c for c in verb.children if c.dep_ in _SUBJ]
        if verb.dep_ == "relcl":
            subj = [self.antecedent(verb.head) if s.lower_ in _RELATIVE else s for s in subj] or (
                [verb.head] if any(c.dep_ == "nsubjpass" for c in verb.children) else []
            )
        if not subj and depth < 3:
            if verb.dep_ in {"conj", "xcomp"}:
                return self.subjects(verb.head, depth + 1)
            # a participle clause shares the main clause's subject ("..., buying X")
            if (
                verb.dep_ == "advcl"
                and verb.tag_ == "VBG"
                and not any(c.dep_ == "mark" for c in verb.children)
            ):
                return self.subjects(verb.head, depth + 1)
            # an infinitive of purpose or result shares it too ("X came back to beat Y")
            if verb.dep_ == "advcl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
            ):
                return self.subjects(verb.head, depth + 1)
            # "X's bid to buy Y": the possessor of the noun the infinitive completes
            if verb.dep_ == "acl" and any(
                c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
            ):
                owners = [c for c in verb.head.children if c.dep_ == "poss"]
                if owners or verb.head.lemma_.lower() not in HEDGE_NOUNS:
                    return owners
                # "X failed in an attempt to sue Y", "X launched a bid to buy Y": who tries
                gov = governor(verb.head)
                return self.subjects(gov, depth + 1) if gov is not None else []
        return _with_conjuncts(subj)

    def people(
        self, a: Token, a_m: Mention | None, b: Token, b_m: Mention | None
    ) -> tuple[Mention | None, Mention | None]:
        """Both arguments of a killing as people: a name the NER missed ("Garnet", "Osric") is
        made a person's name, but only when the other argument is a person too."""
        a_span = None if a_m is not None else self._lone_name(a)
        b_span = None if b_m is not None else self._lone_name(b)
        if (a_m is None and a_span is None) or (b_m is None and b_span is None):
            return None, None  # make no name unless both sides are people
        if a_span is not None:
            a_m = self.index._make(*a_span, "Person", "name", "")
        if b_span is not None:
            b_m = self.index._make(*b_span, "Person", "name", "")
        if a_m is None or b_m is None or {a_m.type, b_m.type} - {"Person", ""}:
            return None, None
        return a_m, b_m

    def _lone_name(self, tok: Token) -> tuple[int, int] | None:
        """Token bounds of a capitalised name the NER missed, ending at ``tok``."""
        if (
            tok.pos_ != "PROPN"
            or not tok.is_title
            or len(tok) < 3
            or tok.ent_type_ not in {"", "PERSON"}
            or tok.lower_ in _NOT_NAMES
        ):
            return None
        start = tok.i
        while start > 0 and self.doc[start - 1].dep_ == "compound" and self.doc[start - 1].is_title:
            if self.doc[start - 1].head.i != tok.i or self.doc[start - 1].pos_ != "PROPN":
                break
            start -= 1
        return start, tok.i + 1

    def antecedent(self, noun: Token) -> Token:
        """Who a relative clause's antecedent stands for, when it is only a description:
        "X was the man who ..." and "X, the man who ..." (X); "X fired the shots that ..." (X,
        the shots being X's deed); otherwise the antecedent itself."""
        if self.index.named(noun) is not None or noun.pos_ != "NOUN":
            return noun
        head = noun.head
        if noun.dep_ == "attr" and head.lemma_ == "be":
            subj = [c for c in head.children if c.dep_ == "nsubj"]
            if subj and self.index.named(subj[0]) is not None:
                return subj[0]
        if noun.dep_ == "appos" and self.index.named(head) is not None:
            return head
        if (
            noun.dep_ == "dobj"
            and noun.lemma_.lower() in WEAPON_NOUNS
            and head.pos_ == "VERB"
            and head.lemma_.lower() in WEAPON_VERBS
        ):
            subj = self.subjects(head)
            if subj and self.index.named(subj[0]) is not None:
                return subj[0]
        return noun

    def stray_agents(self, preps: list[Token]) -> list[Token]:
        """The agent of a passive the parser hung from a noun of the verb's own phrase: "Y was
        shot to death in the courtyard of his house by X" ("by X" under "courtyard")."""
        found: list[Token] = []
        for prep in preps:
            for tok in prep.subtree:
                if tok.dep_ == "prep" and tok.lower_ == "by" and tok.head.pos_ == "NOUN":
                    if self.index.named(tok.head) is not None or tok.head.dep_ != "pobj":
                        continue
                    for g in tok.children:
                        named = self.index.named(g) if g.dep_ == "pobj" else None
                        if named is not None and named.type == "Person":
                            found.append(g)
        return found[:1]

    def governing_subjects(self, verb: Token) -> list[Token]:
        """Subjects of the clause a subjectless participle hangs from ("after being hired by")."""
        head = verb.head
        for _ in range(3):
            if head.pos_ in {"VERB", "AUX"}:
                return self.subjects(head)
            if head.head.i == head.i:
                break
            head = head.head
        return []

    def gerund_subjects(self, verb: Token) -> list[Token]:
        """Who does what a subjectless gerund says: "X was convicted of killing Y" (X), "the
        jury convicted X of killing Y" (X), "X, the man charged with killing Y" (X)."""
        if verb.tag_ == "VBG" and verb.dep_ == "conj" and verb.head.tag_ == "VBG":
            return self.gerund_subjects(verb.head)  # "X pleaded guilty to robbing and killing Y"
        if verb.tag_ != "VBG" or verb.dep_ != "pcomp" or verb.head.dep_ != "prep":
            return []
        gov = verb.head.head
        if gov.pos_ == "ADJ" and gov.dep_ == "amod" and self.index.named(gov.head) is not None:
            return [gov.head]  # "found X guilty of killing Y", "guilty" read as X's modifier
        if gov.pos_ == "ADJ" and gov.dep_ in {"acomp", "oprd"}:
            gov = gov.head  # "X pleaded guilty to killing Y", "found X guilty of killing Y"
        if gov.pos_ not in {"VERB", "AUX"}:
            return []
        passive = [c for c in gov.children if c.dep_ == "nsubjpass"]
        if passive:
            return _with_conjuncts([self.arg(p) for p in passive])
        if gov.dep_ == "relcl" and gov.tag_ == "VBN":
            return [gov.head]
        if gov.dep_ == "advcl" and gov.tag_ == "VBN" and not self.subjects(gov):
            # "..., the sentence of X, convicted of killing Y": the nearest name before it
            return self.nearest_before(gov)
        objects = [c for c in gov.children if c.dep_ == "dobj" and self.index.named(c)]
        if objects:
            return _with_conjuncts(objects)
        if gov.dep_ == "acl" and gov.tag_ == "VBN":
            # "X, the man convicted of killing Y": the name the described noun stands beside
            noun = gov.head
            if self.index.named(noun) is not None:
                return [noun]
            if noun.dep_ == "appos" and self.index.named(noun.head) is not None:
                return [noun.head]
            return []
        return self.subjects(gov)

    def nearest_before(self, participle: Token) -> list[Token]:
        """The nearest name before a participle clause in the clause it hangs from ("the
        sentence of X, convicted of ..."): whom the participle describes."""
        head = participle.head
        names = [c for c in head.subtree if c.i < participle.i and self.index.named(c) is not None]
        return names[-1:] if names else [head]

    def arg(self, tok: Token) -> Token:
        """The antecedent of a relative pronoun ("X, in which Y owns a stake"), else ``tok``."""
        if tok.lower_ not in _RELATIVE:
            return tok
        head = tok.head
        for _ in range(4):
            if head.dep_ == "relcl":
                return head.head
            if head.head.i == head.i:
                break
            head = head.head
        return tok

    def clause(self, verb: Token) -> Iterator[Relation]:
        lemma = verb.lemma_.lower()
        if lemma in SPEECH_VERBS or self.index.named(verb) is not None:
            return  # a verb inside a name ("Live and Let Die") states nothing
        children = list(verb.children)
        preps = [c for c in children if c.dep_ == "prep"]
        # "born on May 5, 1907, in Leeds": a place the parser hung from the date
        preps += [
            g
            for p in preps
            for c in p.children
            if c.dep_ == "pobj" and c.ent_type_ in {"DATE", "TIME"}
            for g in c.children
            if g.dep_ == "prep" and g.lower_ != "of"
        ]
        particle = next((c.lower_ for c in children if c.dep_ == "prt"), "") or next(
            (c.lower_ for c in children if c.dep_ == "advmod" and c.lower_ in _ADVERB_PARTICLES),
            "",
        )
        patients = _with_conjuncts(
            [
                verb.head if c.lower_ in _RELATIVE and verb.dep_ == "relcl" else c
                for c in children
                if c.dep_ == "nsubjpass"
            ]
        )
        if (
            verb.dep_ == "conj"
            and not patients
            and (
                verb.tag_ == "VBN"
                or (  # "X was born in Y and raised in Z", "raised" tagged a past tense
                    verb.tag_ == "VBD"
                    and any(c.dep_ == "auxpass" for c in verb.head.children)
                    and not any(c.dep_ in _SUBJ or c.dep_ == "dobj" for c in children)
                )
            )
        ):
            patients = _with_conjuncts([c for c in verb.head.children if c.dep_ == "nsubjpass"])
        if (
            not patients
            and verb.dep_ == "acl"
            and verb.tag_ == "VBN"
            and verb.head.pos_ in {"NOUN", "PROPN"}
        ):
            patients = [verb.head]  # "the firm, owned by X"
            before = self.index.named(self.doc[verb.i - 1]) if verb.i > 0 else None
            if (
                self.index.named(verb.head) is None
                and before is not None
                and before.type == "Organization"
                and before.end == self.doc[verb.i - 1].idx + len(self.doc[verb.i - 1])
                and any((lemma, p.lower_) in PASSIVE_PLACE for p in preps)
            ):
                # "a spokeswoman for Acme based in Leeds": the firm right before it is based
                patients = [self.doc[verb.i - 1]]
        agents = [g for c in children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
        if not patients and agents and verb.dep_ in {"pcomp", "advcl"} and verb.tag_ == "VBN":
            patients = self.governing_subjects(verb)
        if (
            not patients
            and agents
            and verb.dep_ == "xcomp"
            and any(c.dep_ == "auxpass" for c in children)
        ):
            patients = self.subjects(verb.head)  # "X agreed to be bought by Y"
        if (
            not patients
            and not agents
            and verb.dep_ == "advcl"
            and verb.tag_ == "VBN"
            and verb.i < verb.head.i
            and not any(c.dep_ in {"mark", "nsubj"} for c in children)
            and any((lemma, p.lower_) in PASSIVE_PLACE for p in preps)
        ):
            patients = self.subjects(verb.head)  # "Born in Zenda, X became ...": X
        patients = [self._name_in(p) for p in patients]  # "the pioneer X was born in Y"
        if lemma in RENAME_VERBS:  # "X, which is to be renamed Y"
            for new_name in (c for c in children if c.dep_ == "oprd"):
                for p in patients or self.subjects(verb):
                    old_name = self.m(self.arg(p))
                    yield from self.rel(old_name, ALIAS, self.index.named(new_name), verb, "alias")
        if patients or agents:
            agents = _with_conjuncts(agents)
            if not agents and verb.dep_ == "conj":
                agents = _with_conjuncts(
                    [g for c in verb.head.children if c.dep_ == "agent" for g in c.children]
                )
            target = _target(verb, lemma, particle)
            if not agents and _kills(target):
                agents = self.stray_agents(preps)
            for a in agents:
                for p in patients:
                    if _kills(target):
                        a = self._name_in(a)  # "... by the gunman X"
                    agent, obj = self.m(a), self.m(p)
                    if _kills(target) and (agent is None or obj is None):
                        agent, obj = self.people(a, agent, p, obj)
                    if obj is not None and lemma not in _OFFICIATED:
                        yield from self.rel(agent, _pick(target, obj), obj, verb, "passive")
            for p in patients:
                for prep in preps:
                    place_rel = PASSIVE_PLACE.get((lemma, prep.lower_))
                    # "based in London and Leeds": each place (one is born in one place)
                    pobjs = [g for g in prep.children if g.dep_ == "pobj"]
                    if place_rel == "basedIn":
                        pobjs = _with_conjuncts(pobjs)
                    for pobj in pobjs:
                        yield from self.rel(self.m(p), place_rel, self.m(pobj), verb, "prep")
                        if place_rel is not None and self.m(pobj) is None:
                            # "born in a log cabin in Zenda": the place the building is in
                            for place in self.building_place(pobj):
                                yield from self.rel(self.m(p), place_rel, place, verb, "within")
                yield from self.as_role(verb, [p])
            return
        subjects = self.subjects(verb) or self.gerund_subjects(verb)
        if lemma in STARRING_VERBS and any(c.dep_ == "dobj" for c in children):
            yield from self.starring(verb, subjects)  # "the film stars X"; "X starred in Y"
            return  # goes on to the verb's prepositions
        if not subjects:
            return
        objects = [
            x
            for o in _with_conjuncts(
                [c for c in children if c.dep_ in {"dobj", "dative"} and c.pos_ != "ADP"]
            )
            for x in _examples(o)
        ]
        if objects:
            objects += gapped_objects(verb, objects[-1], self.index.named)
        preps += [c for c in children if c.dep_ == "dative" and c.pos_ == "ADP"]
        target = _target(verb, lemma, particle)
        if lemma in _WIN_VERBS:
            yield from self.prize_at(verb, subjects, objects, preps)
        if not objects and target:
            # "X allows Y to post": the subject of an infinitive complement
            objects = _with_conjuncts(
                [
                    g
                    for c in children
                    if c.dep_ in {"ccomp", "xcomp"}
                    and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                    for g in c.children
                    if g.dep_ == "nsubj"
                ]
            )
        as_rel = AS_VERBS.get(lemma)
        holders = list(subjects)
        if lemma in SUCCESSION_VERBS:
            holders += objects
        yield from self.as_role(verb, holders)
        for s_tok in subjects:
            subj = self.m(s_tok)
            if subj is None:
                s_tok = self._name_in(s_tok)  # "the gunman, X, shot Y"
                subj = self.m(s_tok)
            if subj is None and not _kills(target):
                continue
            for o_tok in objects:
                o_tok = self.arg(o_tok)
                if _kills(target) and (subj is None or self.m(o_tok) is None):
                    # "Garnet shot Osric dead": names a small model missed, read as people
                    killer, victim = self.people(s_tok, subj, o_tok, self.m(o_tok))
                    if killer is not None and victim is not None:
                        yield from self.rel(killer, "killed", victim, verb, "svo")
                    continue
                if subj is None:
                    continue
                o_lemma = o_tok.lemma_.lower()
                if o_lemma in AGREEMENT_NOUNS:
                    for pobj in _pobjs([*o_tok.children, *preps], {"with"}):
                        yield from self.rel(subj, "agreementWith", self.m(pobj), verb, "svo")
                    continue
                if o_lemma in HOLDING_NOUNS and lemma not in LOSING_VERBS:
                    # "retains possession of X", "took control of X"
                    for pobj in _pobjs(list(o_tok.children), {"of"}):
                        obj = self.m(pobj)
                        if obj is not None:
                            yield from self.rel(subj, HOLDING_NOUNS[o_lemma], obj, verb, "svo")
                    continue
                if o_tok.lemma_.lower() in _DELEGATE_NOUNS and self.m(o_tok) is None:
                    # "met officials from Acme": the meeting was with Acme
                    for pobj in _with_conjuncts(_pobjs(list(o_tok.children), {"from", "of"})):
                        whom = self.m(pobj)
                        if whom is not None and _pick(target, whom) == "metWith":
                            yield from self.rel(subj, "metWith", whom, verb, "svo")
                    continue
                direct = True
                if _is_stake(o_tok):
                    direct = False
                    held = _pobjs([*o_tok.children, *preps], {"in", "of"})
                    if not held:
                        continue
                    o_tok = self.arg(held[0])
                obj = self.m(o_tok, events=True) or self.contestant(subj, o_tok, target)
                if obj is None or _possessed(obj, o_tok):
                    # "criticised the party's plan": of the party (no entity "the party's plan")
                    owned = list(self.owned(subj, target, o_tok, verb)) if direct else []
                    yield from owned
                    if obj is None or owned:
                        continue
                if lemma in TRANSFER_VERBS:
                    for pobj in _pobjs(preps, {"to"}):
                        yield from self.rel(self.m(pobj), "acquired", obj, verb, "svo")
                    continue
                as_obj = next(
                    (g for p in preps if p.lower_ == "as" for g in p.children if g.dep_ == "pobj"),
                    None,
                )
                if lemma in CRITICISM_AS_VERBS and as_obj is not None:
                    # "dismissed the party as a spent force"
                    yield from self.rel(subj, _pick(CRITICISM, obj), obj, verb, "as")
                    continue
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
                elif (
                    direct
                    and target is None  # a verb the lexicon knows says nothing of other types
                    and subj.kind == "name"
                    and obj.kind == "name"
                    and as_obj is None
                    and lemma not in SUCCESSION_VERBS
                    and _open_verb(verb)
                ):
                    verb_name = f"{lemma} {particle}".strip()
                    yield from self.rel(subj, verb_name, obj, verb, "open", open_=True)
            for prep in preps + [p for o in objects for p in o.children if p.dep_ == "prep"]:
                key = (lemma, prep.lower_)
                if particle and (f"{lemma} {particle}", prep.lower_) in VERB_PREPS:
                    key = (f"{lemma} {particle}", prep.lower_)  # "grew up in X"
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
                if prep_target is CONTEST and any(o.lemma_.lower() in LEGAL_NOUNS for o in objects):
                    continue  # "lost her case against Y" is a lawsuit (attitude.py), no match
                for pobj in _with_conjuncts([g for g in prep.children if g.dep_ == "pobj"]):
                    obj = self.m(self.arg(pobj), events=True)
                    if obj is None or _possessed(obj, self.arg(pobj)):
                        owned = []
                        if key not in INVERSE_PREPS:
                            owned = list(self.owned(subj, prep_target, self.arg(pobj), verb))
                        yield from owned
                        if obj is None or owned:
                            continue
                    if key in INVERSE_PREPS and subj is not None:  # "X lost to Y": Y won
                        picked = _pick(prep_target, subj)
                        yield from self.rel(obj, picked, subj, verb, "prep")
                    else:
                        yield from self.rel(subj, _pick(prep_target, obj), obj, verb, "prep")

    def building_place(self, noun: Token) -> list[Mention]:
        """The place a building or room noun is said to be in: "a log cabin in Zenda", "a
        manse in Zenda, Ruritania" (Zenda); none for other nouns."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in BUILDING_NOUNS:
            return []
        places = [self.index.named(g) for g in _pobjs(list(noun.children), {"in"})]
        return [p for p in places if p is not None and p.type == "Place" and p.kind == "name"]

    def contestant(self, winner: Mention, tok: Token, target: Target | None) -> Mention | None:
        """The side beaten in a scored contest whose name the NER missed ("Leeds beat Ripon
        17-16"): a capitalised name of one to three words, of the winner's type."""
        if not isinstance(target, dict) or "defeated" not in target.values():
            return None
        if winner.type not in {"Person", "Organization"} or winner.kind != "name":
            return None
        if not _SCORE.search(tok.sent.text):
            return None
        if tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_ in {"PERSON", "ORG", "GPE"}:
            return None
        start = tok.i
        while start > tok.i - 2 and self.doc[start - 1].dep_ == "compound":
            if not self.doc[start - 1].is_title or self.doc[start - 1].head.i != tok.i:
                break
            start -= 1
        if self.doc[start].is_sent_start:
            return None
        return self.index._make(start, tok.i + 1, winner.type, "name", "")

    def prize_at(
        self, verb: Token, subjects: list[Token], objects: list[Token], preps: list[Token]
    ) -> Iterator[Relation]:
        """ "X won best film at the Zenda Awards", "X picked up the prize for best actor at the
        Zenda Festival": a prize or a category won at a named event is a win of that event."""
        if _future(verb) or _negated(verb):
            return
        prizes = [o for o in objects if self.index.named(o) is None and _prize(o)]
        if not prizes:
            return
        events = [
            self.m(g, events=True)
            for p in (c for x in [*preps, *prizes] for c in x.subtree if c.dep_ == "prep")
            if p.lower_ in {"at", "in"} and _same_clause(p, verb)
            for g in _with_conjuncts([c for c in p.children if c.dep_ == "pobj"])
        ]
        for s_tok in subjects:
            subj = self.m(s_tok) or self.m(self._name_in(s_tok))
            if subj is None or subj.type not in {"Person", "Organization", "Product", ""}:
                continue
            for event in events:
                if event is not None and event.type == "Event":
                    yield from self.rel(subj, "won", event, verb, "prize")

    def starring(self, verb: Token, subjects: list[Token]) -> Iterator[Relation]:
        """ "The film stars X", "Zapp, starring X and Y": the performers of a work."""
        works = list(subjects)
        if verb.dep_ == "acl" and verb.head.pos_ in {"NOUN", "PROPN"}:
            works.append(verb.head)
        elif verb.tag_ == "VBG" and verb.i >= 2 and self.doc[verb.i - 1].text == ",":
            works.append(self.doc[verb.i - 2])  # "Zapp, starring X": the parse hung it elsewhere
        objects = _with_conjuncts([c for c in verb.children if c.dep_ == "dobj"])
        for w_tok in works:
            work = self.m(self.arg(w_tok))
            if work is None and w_tok.lemma_.lower() in WORK_NOUNS:
                work = self._work_name(w_tok)  # "the drama Zapp stars X"
            if work is None or work.type != "Product":
                continue
            for o_tok in objects:
                performer = self.m(self.arg(o_tok))
                if performer is not None and performer.type in {"Person", "Organization"}:
                    yield from self.rel(performer, "performedIn", work, verb, "starring")

    def as_role(self, verb: Token, holders: list[Token]) -> Iterator[Relation]:
        """ "X joined Y as head of Z", "X replaced Y as head of Z": X (and Y) hold the role."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
            for role in (g for g in prep.children if g.dep_ == "pobj"):
                predicate = role_relation(role.lemma_.lower())
                if predicate is None:
                    continue
                for org in self.role_orgs(role):
                    for h in holders:
                        yield from self.rel(self.m(h), predicate, org, role, "appos")

    def copula(self, be: Token) -> Iterator[Relation]:
        """ "X is a member of Y", "X was part of Y", "X, who is the firm's chairman"."""
        subjects = [c for c in be.children if c.dep_ == "nsubj"]
        if be.dep_ == "relcl":
            subjects = [be.head if s.lower_ in _RELATIVE else s for s in subjects]
        subjects = _with_conjuncts(subjects) or self.subjects(be)
        # "X is from Leeds": a person's home
        for pobj in _with_conjuncts(_pobjs(list(be.children), {"from"})):
            place = self.index.named(pobj)
            if place is None or place.type != "Place":
                continue
            for s_tok in subjects:
                subj = self.m(s_tok)
                if subj is not None and subj.type == "Person":
                    yield from self.rel(subj, _home(place), place, be, "from")
        # "X was behind the Zapp game(s)": X made the product
        for pobj in _pobjs(list(be.children), {"behind"}):
            for thing in _such_as(pobj):
                obj = self.m(thing)
                if obj is None or obj.type != "Product":
                    continue
                for s_tok in subjects:
                    yield from self.rel(self.m(s_tok), "developerOf", obj, be, "copula")
        # "X was highly critical of Y"
        for acomp in (c for c in be.children if c.dep_ == "acomp"):
            if acomp.lemma_.lower() not in CRITICAL_ADJECTIVES:
                continue
            for pobj in _with_conjuncts(_pobjs(list(acomp.children), {"of", "about"})):
                target = self.m(self.arg(pobj))
                for s_tok in subjects:
                    subj = self.m(s_tok)
                    if target is not None and subj is not None:
                        yield from self.rel(subj, "criticized", target, be, "copula")
        for attr in (c for c in be.children if c.dep_ == "attr"):
            lemma = attr.lemma_.lower()
            for s_tok in subjects:
                subj = self.m(s_tok)
                if subj is None:
                    continue
                role = role_relation(lemma) if attr.pos_ == "NOUN" else ROLE_NOUNS.get(lemma)
                homes: list[Token] = []
                if role and subj.type in {"Person", ""}:
                    for org in self._role_targets(attr, role):
                        yield from self.rel(subj, role, org, be, "copula")
                    homes += _pobjs(list(attr.children), {"of"})  # "the president of Ruritania"
                if lemma in HOME_NOUNS and subj.type == "Person" and attr.pos_ == "NOUN":
                    # "X is a Leeds native", "X is a resident of Leeds"
                    homes += [c for c in attr.children if c.dep_ == "compound" and c.i < attr.i]
                    homes += _pobjs(list(attr.children), {"of", "in"})
                for place in filter(None, map(self.place_name, homes)):
                    yield from self.rel(subj, _home(place), place, be, "copula")
                if lemma not in _PART_NOUNS:
                    continue
                for pobj in _with_conjuncts(_pobjs(list(attr.children), {"of", "in"})):
                    obj = self.m(pobj, events=True)
                    if obj is None:
                        continue
                    predicate = (
                        "participatedIn"
                        if obj.type == "Event"
                        else "memberOf"
                        if subj.type == "Person"
                        else "partOf"
                    )
                    yield from self.rel(subj, predicate, obj, be, "copula")

    # -- noun phrases ---------------------------------------------------------------------
    def noun(self, tok: Token) -> Iterator[Relation]:
        lemma = tok.lemma_.lower()
        children = list(tok.children)
        if tok.dep_ == "appos":
            yield from self.apposition(tok.head, tok)
            yield from self.org_kind_places(tok.head, tok)
        elif tok.dep_ == "conj" and tok.pos_ == "NOUN":
            # "X, a columnist for Y and a member of Z": each conjoined description
            first = tok.head
            while first.dep_ == "conj" and first.head.i != first.i:
                first = first.head
            if first.dep_ == "appos" and first.pos_ == "NOUN":
                yield from self.apposition(first.head, tok)
        elif lemma in ROLE_NOUNS or lemma in PERSON_RELATION_NOUNS:
            # "X - a former Acme official - said": an apposition the parser read as a compound
            for c in tok.lefts:
                between = self.doc[c.right_edge.i + 1 : tok.i]
                if c.dep_ == "compound" and len(between) and between[0].text in _DASHES:
                    if between[0].whitespace_ and self.index.named(c) is not None:
                        yield from self.apposition(c, tok)
        if NOUNS.get(lemma) == "killed":
            yield from self.killing(tok)
        if lemma in HOME_PLACE_NOUNS or any(
            c.lower_ in HOME_MODIFIERS and c.dep_ in {"amod", "compound"} and c.i < tok.i
            for c in children
        ):
            yield from self.home(tok, children)
        # possessives: kin, roles, nominalisations, ownership
        poss = next((c for c in children if c.dep_ == "poss"), None)
        if poss is not None:
            owner = self.m(poss)
            if owner is not None:
                yield from self.possessive(owner, tok)
        # "the Zapp app by Acme": a product noun made by someone
        for prep in (c for c in children if c.dep_ == "prep" and c.lower_ == "by"):
            product = self._compound_name(tok) or self.m(tok)
            if product is None or (
                product.type != "Product" and TYPE_NOUNS.get(lemma) != "Product"
            ):
                continue
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                agent = self.m(pobj)
                # "the film Zapp by Jo Bloggs": a creative work's maker created it
                made = lemma in WORK_NOUNS or (agent is not None and agent.type == "Person")
                predicate = "creatorOf" if made else "developerOf"
                yield from self.rel(agent, predicate, product, tok, "by")
        named = self.index.named(tok)
        if named is not None and named.type == "Place":
            # "Ruritania under the junta"
            for pobj in _pobjs(children, {"under"}):
                ruler = self.m(pobj)
                if ruler is not None and ruler.type in {"Organization", "Person", "Group"}:
                    yield from self.rel(ruler, "controls", named, tok, "under")
        if named is not None and tok.i == _last_token(self.doc, named):
            yield from self.located(named, tok)
            if named.type == "Person":
                yield from self.affiliation(named, tok)
        # "the firm's offices in Leeds", "Acme headquarters in Leeds"
        if lemma in SITE_NOUNS:
            org = self._compound_name(tok) or (self.m(poss) if poss is not None else None)
            if org is not None and org.type in {"Organization", ""}:
                places = [self.index.named(pobj) for pobj in _pobjs(children, {"in", "at"})]
                for place in places or [self.place_after(tok)]:
                    if place is not None and place.type == "Place":
                        yield from self.rel(org, "basedIn", place, tok, "site")

    def killing(self, noun: Token) -> Iterator[Relation]:
        """ "the assassination of X by Y"; "Y was convicted of (the) murder of X / X's murder"."""
        victims: list[Token] = []
        killers: list[Token] = []
        for c in noun.children:
            if c.dep_ == "poss":
                victims.append(c)
            elif c.dep_ == "prep" and c.lower_ in {"of", "by"}:
                pobjs = [g for g in c.children if g.dep_ == "pobj"]
                (victims if c.lower_ == "of" else killers).extend(_with_conjuncts(pobjs))
            elif c.dep_ == "prep" and c.lower_ == "in":
                # "the assassination in 1914 of X": "of" hangs from the date
                for g in c.children:
                    victims += _pobjs([p for p in g.children if p.dep_ == "prep"], {"of"})
        gov = noun.head.head if noun.dep_ == "pobj" else None
        if gov is not None and gov.pos_ == "ADJ" and gov.dep_ in {"acomp", "oprd"}:
            gov = gov.head  # "X pleaded guilty to the murder of Y"
        if (
            not killers
            and gov is not None
            and noun.head.lower_ in {"of", "for", "with", "in", "to"}
            and gov.lemma_.lower() in _CHARGE_WORDS | {"plead"}
        ):
            if gov.pos_ == "NOUN" and gov.dep_ in {"dobj", "pobj"}:
                # "X is serving a sentence for the murder of Y", "X was held on a charge of"
                verb = gov.head if gov.dep_ == "dobj" else gov.head.head
                gov = verb if verb.pos_ in {"VERB", "AUX"} else gov
            passive = [c for c in gov.children if c.dep_ == "nsubjpass"]
            if passive:
                killers = _with_conjuncts([self.arg(p) for p in passive])
            elif gov.dep_ in {"acl", "advcl", "relcl"} and gov.tag_ == "VBN":
                head = gov.head
                # "the capture of X, suspected of ...": the nearest name before it
                killers = self.nearest_before(gov) if gov.dep_ == "advcl" else [head]
            else:
                killers = [c for c in gov.children if c.dep_ in {"dobj", "nsubj"}]
                killers = [self.arg(k) for k in killers]  # "X, who is serving a sentence for"
        for k in killers:
            killer = self.m(self._name_in(k))
            if killer is None or killer.type not in {"Person", ""} or killer.kind == "pronoun":
                continue
            for v in victims:
                victim = self.m(self._name_in(v))
                if victim is not None and victim.type in {"Person", ""} and victim != killer:
                    yield from self.rel(killer, "killed", victim, noun, "nominal")

    def home(self, tok: Token, children: list[Token]) -> Iterator[Relation]:
        """Someone's home place: "his Leeds home", "her hometown of Leeds", "Leeds, the home
        state of his wife", "his native Yorkshire", "Leeds is Jo Bloggs's home town"; and an
        organisation's: "Zenda, home of Acme Motors" (based there)."""
        named = self.index.named(tok)
        lemma = tok.lemma_.lower()
        if named is not None and named.type != "Place":
            return
        if named is None and lemma not in HOME_PLACE_NOUNS and TYPE_NOUNS.get(lemma) != "Place":
            return  # "the native language", "the home team": not a home place
        owners = [self.m(c) for c in children if c.dep_ == "poss"]
        places: list[Mention | None] = [named] if named is not None else []
        for g in _pobjs(children, {"of"}):
            other = self.m(self._name_in(g))
            if other is not None and other.type == "Place" and other.kind == "name":
                places.append(other)
            elif other is not None:
                owners.append(other)
        if named is None:
            for c in children:
                place = self.index.named(c)
                if c.dep_ in {"compound", "nmod", "amod"} and c.i < tok.i and place is not None:
                    places.append(place)  # "his Leeds home"
            if lemma in HOME_PLACE_NOUNS:
                places += [self.index.named(g) for g in _pobjs(children, {"in"})]
            if tok.dep_ == "appos":
                places.append(self.index.named(tok.head))  # "Leeds, his home town"
            elif tok.dep_ == "attr":
                # "Leeds is his home town"
                places += [self.index.named(c) for c in tok.head.children if c.dep_ == "nsubj"]
        for place in places:
            if place is None or place.type != "Place" or place.kind != "name":
                continue
            for owner in owners:
                if owner is None:
                    continue
                if owner.type in {"Person", ""}:
                    yield from self.rel(owner, _home(place), place, tok, "home")
                elif owner.type == "Organization" and owner.kind == "name":
                    yield from self.rel(owner, "basedIn", place, tok, "home")

    def based(self, tok: Token) -> Iterator[Relation]:
        """ "a Leeds-based firm", "X is a Leeds-based firm"."""
        if tok.i >= 2 and self.doc[tok.i - 1].text == "-":
            place = self.index.named(self.doc[tok.i - 2])
            if place is not None and place.type == "Place":
                org = self.m(tok.head)
                if org is None and tok.head.dep_ == "attr":  # "X is a Leeds-based firm"
                    subj = [c for c in tok.head.head.children if c.dep_ == "nsubj"]
                    org = self.m(subj[0]) if subj else None
                if org is not None and org.type in {"Organization", ""}:
                    yield from self.rel(org, "basedIn", place, tok, "based")

    def apposition(self, head: Token, appos: Token) -> Iterator[Relation]:
        """ "X, a senior Acme official", "X, a faction of Y", "X, another Y company"."""
        lemma = appos.lemma_.lower()
        children = list(appos.children)
        if head.dep_ == "appos" and _party_tag(head):
            head = head.head  # "Sen. X, D-Ruritania, chairman of Y": X, not the party tag
        holder = self.m(head)
        if holder is None:
            return
        other = self.index.named(appos)
        if other is not None:
            # "X, the Y Alliance, ...": two names of one organisation
            if (
                holder.kind == "name"
                and holder.type in {"Organization", ""}
                and other.type in {"Organization", ""}
                and all(t.dep_ in {"det", "compound", "punct"} for t in appos.lefts)
                and appos.left_edge.i > 0
                and self.doc[appos.left_edge.i - 1].text == ","
            ):
                yield from self.rel(holder, ALIAS, other, appos, "alias")
            if holder.type == "Person" and other.type == "Group":
                # "X, a Republican from Leeds": a member of a party or people, from a place
                for g in _pobjs(children, {"from"}):
                    place = self.index.named(g)
                    if place is not None and place.type == "Place":
                        yield from self.rel(holder, _home(place), place, appos, "appos")
            return
        if holder.type == "Place" and TYPE_NOUNS.get(lemma) == "Place" and appos.pos_ == "NOUN":
            # "Zenda, the capital of Ruritania", "Zenda, Ruritania's second city"
            owners = _pobjs(children, {"of", "in"}) + [c for c in children if c.dep_ == "poss"]
            for g in owners:
                place = self.index.named(g)
                if place is not None and place.type == "Place" and place != holder:
                    yield from self.rel(holder, "locatedIn", place, appos, "in")
        if (
            holder.type == "Person"
            and (appos.pos_ == "NOUN" or (appos.pos_ == "ADJ" and lemma in HOME_NOUNS))
            and (
                lemma in ROLE_NOUNS
                or lemma in PERSON_NOUNS
                or lemma in HOME_NOUNS
                or role_relation(lemma)
            )
        ):
            # "X, the Leeds attorney", "X, a Leeds native": a person described by their town;
            # by their country too, but for an office ("the US attorney" is a title)
            for c in children:
                place = self.index.named(c)
                if (
                    c.dep_ in {"compound", "nmod"}
                    and c.i < appos.i
                    and place is not None
                    and place.type == "Place"
                    and place.kind == "name"
                    and (
                        country_lookup(place.text) is None
                        or lemma in PERSON_NOUNS | HOME_NOUNS
                        or not ROLE_NOUNS.get(lemma)
                    )
                ):
                    yield from self.rel(holder, _home(place), place, appos, "appos")
        role = role_relation(lemma) if appos.pos_ == "NOUN" else ROLE_NOUNS.get(lemma)
        if role and holder.type in {"Person", ""}:
            for org in self._role_targets(appos, role):
                yield from self.rel(holder, role, org, appos, "appos")
        elif holder.type == "Person" and appos.pos_ == "NOUN" and lemma not in PERSON_NOUNS:
            # "X, a visiting scholar at Acme": whatever the post, a person at an organisation
            for g in _pobjs(children, {"at"}):
                site = self.index.named(g)
                if site is not None and site.type in {"Organization", ""}:
                    yield from self.rel(holder, "worksFor", site, appos, "appos")
        if TYPE_NOUNS.get(lemma) == "Organization" and holder.type in {"Organization", ""}:
            # "Acme, a Leeds construction firm": based in the place
            for c in children:
                place = self.index.named(c)
                if c.dep_ in {"compound", "nmod", "amod"} and place is not None:
                    if place.type == "Place" and place.kind == "name":
                        yield from self.rel(holder, "basedIn", place, appos, "based")
        if lemma in KILLER_NOUNS and holder.type in {"Person", ""}:
            for g in _pobjs(children, {"of"}):  # "X, the assassin of Y"
                victim = self.m(self._name_in(g))
                if victim is not None and victim.type in {"Person", ""}:
                    yield from self.rel(holder, "killed", victim, appos, "appos")
        if holder.type == "Person" and appos.pos_ == "NOUN":
            # "X, a technician from Leeds", "X, a native of Leeds", "X, president of Ruritania"
            preps = {"from", "of"} if lemma in ROLE_NOUNS or lemma in HOME_NOUNS else {"from"}
            if lemma in HOME_NOUNS or role_relation(lemma) or lemma in PERSON_NOUNS:
                preps.add("in")  # "X, an opera singer in Leeds"
            for g in _pobjs(children, preps):
                place = self.index.named(g)
                if place is not None and place.type == "Place":
                    yield from self.rel(holder, _home(place), place, appos, "appos")
        if lemma in _PART_NOUNS:
            for g in _pobjs(children, {"of"}):
                yield from self.rel(holder, "partOf", self.m(self._name_in(g)), appos, "appos")
        if lemma in PERSON_RELATION_NOUNS and holder.type == "Person":
            predicate, open_ = PERSON_RELATION_NOUNS[lemma]
            for g in _pobjs(children, {"of"}):
                other = self.m(self._name_in(g))
                if other is not None and other.type == "Person":
                    yield from self.rel(holder, predicate, other, appos, "appos", open_=open_)
        if TYPE_NOUNS.get(lemma) == "Organization" and holder.type in {"Organization", ""}:
            # "X, another Y company" / "the Y's flagship company, X"
            for c in children:
                if c.dep_ == "compound" and c.i < appos.i:
                    parent = self.index.named(c)
                    if parent is not None and parent.type in {"Organization", ""}:
                        yield from self.rel(holder, "partOf", parent, appos, "appos")

    def possessive(self, owner: Mention, tok: Token) -> Iterator[Relation]:
        """ "X's father", "X's takeover of Y", "X's Zapp", "X's flagship company, Y"."""
        lemma = tok.lemma_.lower()
        children = list(tok.children)
        if lemma in DEFEAT_NOUNS:
            # "Leeds's defeat by Ripon", "their loss to Ripon", "France's defeat by Spain" (a
            # national side is written as its country): the object won
            for pobj in _pobjs(children, {"by", "to", "against"}):
                winner = self.m(pobj)
                if winner is not None:
                    yield from self.rel(winner, _pick(CONTEST, owner), owner, tok, "nominal")
            return
        if owner.type == "Place" and owner.kind == "name":
            yield from self.place_possessive(owner, tok)
            return
        titled = self.index.named(tok)
        if (
            titled is not None
            and titled.type == "Product"
            and titled.kind == "name"
            and (tok.pos_ == "PROPN" or " " in titled.text)  # not "Jo's Child", a band
        ):
            lemma = ""  # "Jo Bloggs's The Lost Boy": a title, whatever its last word means
        # "her daughter-in-law" (read on the next tokens: doc.text is rebuilt at every access)
        in_law = not tok.whitespace_ and self.doc[tok.i + 1 : tok.i + 5].text.startswith("-in-law")
        if (
            lemma in PARENT_NOUNS | CHILD_NOUNS | SPOUSE_NOUNS
            and owner.type not in {"Place", "Product"}
            and not in_law  # "her daughter-in-law": no child of hers
        ):
            kin = self._kin_name(tok) or self.index.kin(owner, tok)
            if lemma in PARENT_NOUNS:
                yield from self.rel(owner, "childOf", kin, tok, "kin")
            elif lemma in CHILD_NOUNS:
                yield from self.rel(kin, "childOf", owner, tok, "kin")
            else:
                yield from self.rel(owner, "spouseOf", kin, tok, "kin")
        elif lemma in KILLER_NOUNS and owner.type in {"Person", ""}:
            # "Osric's killer, X" / "X, Osric's assassin"
            killer = self._kin_name(tok)
            if killer is None and tok.dep_ == "appos":
                killer = self.index.named(tok.head)
            if killer is None and tok.i + 2 < len(self.doc) and self.doc[tok.i + 1].text == ",":
                killer = self.index.named(self.doc[tok.i + 2])  # the comma's name, misparsed
                if killer is not None and killer.type != "Person":
                    killer = None
            yield from self.rel(killer, "killed", owner, tok, "kin")
        elif lemma in NOUNS:
            for pobj in _pobjs(children, {"of", "on", "to", "over", "against"}):
                obj = self.m(pobj)
                if obj is not None:
                    yield from self.rel(owner, _pick(NOUNS[lemma], obj), obj, tok, "nominal")
        elif lemma in PERSONAL_POSTS and owner.type == "Person":
            # "his lawyer, Jo Bloggs" / "Jo Bloggs, her spokesman": works for the owner
            yield from personal_post(self, owner, tok)
        elif role_relation(lemma) and tok.pos_ == "NOUN" and owner.type in {"Organization", ""}:
            # "the firm's chairman, X" / "X, the firm's chairman"
            for c in children:
                if c.dep_ == "appos":
                    holder = self.index.named(c)
                    if holder is not None and holder.type in {"Person", ""}:
                        yield from self.rel(holder, role_relation(lemma), owner, tok, "appos")
        elif TYPE_NOUNS.get(lemma) == "Organization" and owner.type in {"Organization", ""}:
            for c in children:
                if c.dep_ == "appos":
                    part = self.index.named(c)
                    if part is not None and part.type in {"Organization", ""}:
                        yield from self.rel(part, "partOf", owner, tok, "appos")
        elif lemma in ROLE_IN_WORK_NOUNS and owner.type in {"Person", ""}:
            # "X's role in Zapp", "her part in the film Zapp": a performer in the work
            for pobj in _pobjs(children, {"in"}):
                work = self.m(self._name_in(pobj))
                if work is None:
                    work = self._work_name(pobj)
                if work is not None and work.type == "Product":
                    yield from self.rel(owner, "performedIn", work, tok, "possessive.role")
        elif lemma in WORK_NOUNS and owner.type in {"Person", "Organization"}:
            # "X's documentary Zapp", "X's new album, Zapp": the work's maker; a film of an
            # actor's, where the sentence speaks of acting, is one the actor performed in
            work = self._work_name(tok)
            liked = any(c.lower_ in _FONDNESS for c in tok.children if c.dep_ == "amod")
            if work is not None and (owner.kind == "name" or _personal(owner)) and not liked:
                if owner.type == "Person" and _acting(tok.sent):
                    yield from self.rel(owner, "performedIn", work, tok, "possessive")
                else:
                    yield from self.rel(owner, "creatorOf", work, tok, "possessive")
        else:
            possessed = self.index.named(tok)
            if (
                possessed is not None
                and possessed.type == "Person"
                and possessed.kind == "name"
                and owner.type == "Organization"
                and owner.kind == "name"
            ):
                # "Acme's Jo Bloggs", "Leeds United's Jo Bloggs": one of the organisation's people
                yield from self.rel(possessed, "memberOf", owner, tok, "possessive")
                return
            if (
                possessed is not None
                and owner.type in {"Organization", "Person"}
                and possessed.type in {"Organization", "Product"}
                and owner.kind == "name"
            ):
                # "Jo Bloggs's The Long Road": a person's titled work is one they made (one
                # they acted in, where the sentence speaks of acting)
                made = owner.type == "Person" and possessed.type == "Product"
                made = made and self.doc[tok.i - 1].ent_type_ != "PRODUCT"
                predicate = "creatorOf" if made else "owns"
                if made and _acting(tok.sent) and not _role_in(tok):
                    predicate = "performedIn"
                yield from self.rel(owner, predicate, possessed, tok, "possessive")

    def _work_name(self, noun: Token) -> Mention | None:
        """The title a work noun introduces: "the film Zapp", "his album, Zapp"."""
        named = self.index.named(noun)
        if named is not None:
            return named
        for c in noun.children:
            if c.dep_ in {"appos", "compound"} and c.i > noun.i:
                m = self.index.named(c)
                if m is not None and m.type in {"Product", "Event", ""}:
                    return m
        if noun.dep_ == "compound":
            m = self.index.named(noun.head)
            if m is not None and m.type in {"Product", ""}:
                return m
        title = self._title_after(noun)  # a title the parse did not hang from its noun
        return self.index.named(title) if title is not None else None

    def place_possessive(self, owner: Mention, tok: Token) -> Iterator[Relation]:
        """ "Ruritania's Zenda Square", "Ruritania's capital, Zenda": a place in the owner."""
        possessed = self.index.named(tok)
        if possessed is not None:
            if possessed.type == "Person" and any(
                c.dep_ == "compound"
                and c.i < tok.i
                and (role_relation(c.lower_) or c.lower_ in PERSON_NOUNS)
                for c in tok.children
            ):
                # "Ruritania's Premier Jo Bloggs": a post in the country's government
                yield from self._place_post(possessed, owner, tok)
            if possessed.type == "Place" and possessed.kind == "name":
                yield from self.rel(possessed, "locatedIn", owner, tok, "in")
            elif possessed.type == "Organization" and possessed.kind == "name":
                yield from self.rel(possessed, "basedIn", owner, tok, "based")  # "Leeds's Acme"
            return
        if TYPE_NOUNS.get(tok.lemma_.lower()) == "Organization" and tok.pos_ == "NOUN":
            # "Ruritania's biggest bank, Acme"
            for c in tok.children:
                org = self.index.named(c) if c.dep_ == "appos" else None
                if org is not None and org.type == "Organization":
                    yield from self.rel(org, "basedIn", owner, tok, "based")
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and (
            role_relation(lemma) or lemma in PERSON_NOUNS or lemma in HOME_NOUNS
        ):
            # "Ruritania's governor, Jo Bloggs", "Leeds's native son Jo Bloggs": their place
            for c in tok.children:
                person = self.index.named(c) if c.dep_ in {"appos", "compound"} else None
                if c.dep_ == "compound" and c.i < tok.i:
                    person = None
                if person is None and tok.dep_ == "compound" and tok.head.i > tok.i:
                    person = self.index.named(tok.head)
                if person is None and tok.dep_ == "appos":
                    person = self.index.named(tok.head)  # "X, Ruritania's finance minister"
                if person is not None and person.type == "Person":
                    yield from self._place_post(person, owner, tok)
                    break
        if TYPE_NOUNS.get(lemma) == "Place" and tok.pos_ == "NOUN":
            for c in tok.children:
                place = self.index.named(c) if c.dep_ == "appos" else None
                if place is not None and place.type == "Place":
                    yield from self.rel(place, "locatedIn", owner, tok, "in")

    def _place_post(self, person: Mention, place: Mention, tok: Token) -> Iterator[Relation]:
        """ "Ruritania's finance minister, X": a post in the place's government or team (as
        "Ruritania finance minister X"); "Leeds's native son X": the place is their home."""
        posts = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i] + [tok]
        post = next((p.lemma_.lower() for p in posts if p.lemma_.lower() in PLACE_POSTS), None)
        role = role_relation(post) if post else None
        if role in _POSTS:
            yield from self.rel(person, role, place, tok, "appos.place")
        else:
            yield from self.rel(person, _home(place), place, tok, "appos")

    def located(self, named: Mention, tok: Token) -> Iterator[Relation]:
        """ "Leeds, in Yorkshire", "Leeds in west Yorkshire", "Leeds, Yorkshire"."""
        if named.type not in {"Place", "Organization", "Event", ""}:
            return
        # "the Zenda Championships in Leeds": an event (even one the NER took for an
        # organisation) is held in a place, not based there
        event = named.type == "Event" or _event_name(named.text)
        if named.type == "" and not event:
            return
        preps = {"in"} if named.type == "Place" or event else {"in", "of"}
        pobjs = _pobjs(list(tok.children), preps)
        span = self.doc.char_span(named.start, named.end, alignment_mode="expand")
        if not pobjs and span is not None and span.root.i != tok.i:
            # "the Court of Appeal in Leeds": "in" hung from the name's head word
            pobjs = [p for p in _pobjs(list(span.root.children), preps) if p.i > tok.i]
        nxt = list(self.doc[tok.i + 1 : tok.i + 4])
        if len(nxt) == 3 and nxt[1].pos_ == "DET" and nxt[2].dep_ == "pobj":
            nxt = [nxt[0], nxt[2]]  # "... in The Hague"
        if (
            named.type == "Organization"
            and not pobjs
            and len(nxt) >= 2
            and nxt[0].lower_ == "in"
            and nxt[0].head.i != tok.i
            and nxt[1].dep_ == "pobj"
            and nxt[1].head.i == nxt[0].i
        ):
            pobjs = [nxt[1]]  # "at Acme in Leeds", where the parser attached "in" elsewhere
        for pobj in pobjs:
            place = self.index.named(pobj)
            if place is None or place.type != "Place" or place.text == named.text:
                continue
            if named.type == "Place" and _country_in_town(named, place):
                continue  # "playing France in Leeds": a match there, not a country in a town
            if named.type == "Place" or event:
                yield from self.rel(named, "locatedIn", place, tok, "in")
            else:
                yield from self.rel(named, "basedIn", place, tok, "in")
        if named.type != "Place":
            return
        # "Leeds in west Yorkshire", where the parser attached "in" elsewhere
        place = self.place_after(tok)
        if place is not None and not _country_in_town(named, place):
            yield from self.rel(named, "locatedIn", place, tok, "in")
        place = self.container(named)
        if place is not None:
            yield from self.rel(named, "locatedIn", place, tok, "in")
        else:
            yield from self.shared_region(named, tok)

    def shared_region(self, named: Mention, tok: Token) -> Iterator[Relation]:
        """ "near Zenda and Ripon, Ohio": the first of two towns joined by "and" lies in the
        region written after the second, when that is a state, province or country."""
        doc = self.doc
        if tok.i + 2 >= len(doc) or doc[tok.i + 1].lower_ not in {"and", "or"}:
            return
        for c in tok.children:
            other = self.place_name(c) if c.dep_ == "conj" else None
            if other is None or other.start != doc[tok.i + 2].idx:
                continue
            outer = self.container(other)
            if outer is not None and self._regional(outer) and not self._regional(named):
                yield from self.rel(named, "locatedIn", outer, tok, "shared")

    def place_name(self, tok: Token) -> Mention | None:
        """The place named at ``tok`` ("Leeds"; not "the city" nor "Leeds's"), or None."""
        place = self.index.named(tok)
        return (
            place if place is not None and place.type == "Place" and place.kind == "name" else None
        )

    def place_after(self, tok: Token) -> Mention | None:
        """The place in "in (the) (west) Leeds" right after ``tok``, where the parser hung the
        "in" elsewhere: the place ``tok`` is in."""
        doc = self.doc
        k = tok.i + 1
        if k >= len(doc) or doc[k].lower_ != "in" or doc[k].head.i == tok.i:
            return None
        k += 1
        while k < len(doc) and (
            doc[k].pos_ == "DET" or doc[k].lower_ in COMPASS_WORDS or doc[k].lower_ == "nearby"
        ):
            k += 1
        place = self.index.named(doc[k]) if k < len(doc) else None
        return place if place is not None and place.type == "Place" else None

    def container(self, named: Mention) -> Mention | None:
        """The larger place in "Leeds, Yorkshire": a place, a comma, a place, and no list."""
        doc = self.doc
        j = _last_token(doc, named) + 1
        if j <= 0 or j + 1 >= len(doc) or doc[j].text != ",":
            return None
        place = self.index.named(doc[j + 1])
        if place is None or place.type != "Place" or named.type != "Place":
            return None
        first = doc.char_span(named.start, named.end, alignment_mode="expand")
        end = _last_token(doc, place) + 1
        # a list ("Leeds, Hull, York") is no container, but a town with its region is, after a
        # site ("Army Depot, Fairview, Ore."); so is the town for the site
        town = self._regional(place) and not self._regional(named)
        if first is None or (
            first.start > 0
            and doc[first.start - 1].text == ","
            and self.index.named(doc[first.start - 2]) is not None
            and not town
        ):
            return None
        after = (
            self.index.named(doc[end + 1]) if end + 1 < len(doc) and doc[end].text == "," else None
        )
        if end < len(doc) and (
            doc[end].lower_ in {"and", "or"}
            or (
                after is not None
                and after != named
                and not (self._regional(after) and not self._regional(place))
            )
        ):
            return None
        if country_lookup(named.text) is not None:
            return None
        return place

    def _regional(self, place: Mention) -> bool:
        """Whether a place is a country or a first-level region ("Ore.", "Ohio")."""
        j = _last_token(self.doc, place) + 1
        stop = j < len(self.doc) and self.doc[j].text == "."
        if is_demonym(place.text):
            return False  # "American" in a list of airlines is no country after a town
        return region(place.text, stop=stop) is not None or country_lookup(place.text) is not None

    def affiliation(self, person: Mention, tok: Token) -> Iterator[Relation]:
        """ "Jo Bloggs of Acme", "Jo Bloggs at the bankers Acme": works for the organisation."""
        preps = list(tok.children)
        for c in tok.children:
            if c.dep_ == "appos" and c.like_num:
                preps += c.children  # "Jo Bloggs, 50, of Leeds", where "of" hangs from the age
        for pobj in _pobjs(preps, {"of", "at"}):
            org = self.index.named(pobj)
            if org is None and pobj.pos_ == "NOUN" and pobj.i + 1 < len(self.doc):
                org = self.index.named(self.doc[pobj.i + 1])  # "of accountants Acme"
            if org is not None and org.type == "Organization":
                yield from self.rel(person, "worksFor", org, tok, "affiliation")
            elif org is not None and org.type == "Place" and pobj.head.lower_ == "of":
                # "Jo Bloggs, 50, of Leeds": her home
                yield from self.rel(person, _home(org), org, tok, "affiliation")

    def org_kind_places(self, kind: Token, name: Token) -> Iterator[Relation]:
        """ "the Leeds firm, Acme" / "the Leeds subsidiary Acme": Acme is based in Leeds."""
        org = self.index.named(name)
        lemma = kind.lemma_.lower()
        if org is None or org.type != "Organization" or kind.pos_ != "NOUN":
            return
        if TYPE_NOUNS.get(lemma) != "Organization" and lemma not in _PART_NOUNS:
            return
        for c in kind.lefts:
            place = self.index.named(c)
            if c.dep_ in {"compound", "amod", "nmod"} and place is not None:
                if place.type == "Place":
                    yield from self.rel(org, "basedIn", place, c, "based")

    def demonym_org(self, org: Mention, first: Token) -> Iterator[Relation]:
        """ "the Ruritanian Parliament": based in Ruritania, when the text names the country."""
        words = org.text.split()
        if len(words) < 2 or not is_demonym(first.text) or not first.is_title:
            return
        last = words[-1].lower()
        if TYPE_NOUNS.get(last) != "Organization" and last.rstrip(".") not in ORG_SUFFIXES:
            return  # "the Ruritanian Idol" may be a show; "the Ruritanian Parliament" is a body
        country = country_lookup(first.text)
        if country is None:
            return
        place = self.country_places().get(country.iso2)
        if place is not None:
            yield from self.rel(org, "basedIn", place, first, "demonym")

    def country_places(self) -> dict[str, Mention]:
        """The first place mention of each country the document names (not by its demonym)."""
        if self._country_places is None:
            found: dict[str, Mention] = {}
            for place in self.index.mentions():
                if place.type != "Place" or is_demonym(place.text):
                    continue
                country = country_lookup(place.text)
                if country is not None and country.iso2 not in found:
                    found[country.iso2] = place
            self._country_places = found
        return self._country_places

    def org_premodifiers(self, org: Mention) -> Iterator[Relation]:
        """ "the Leeds subsidiary Acme", "the French carmaker Acme": based in the place."""
        doc = self.doc
        span = doc.char_span(org.start, org.end, alignment_mode="expand")
        if span is None:
            return
        yield from self.demonym_org(org, span[0])
        i, kind_seen = span.start - 1, False
        # "the Ruritania Congress": a place name directly before the organisation's name
        if i >= 0 and doc[i].dep_ == "compound" and span.start <= doc[i].head.i < span.end:
            place = self.index.named(doc[i])
            if place is not None and place.type == "Place" and place.kind == "name":
                yield from self.rel(org, "basedIn", place, doc[i], "based")
                return
        root = span.root
        # "the German carmaker Acme", parsed with the name in apposition to the kind noun
        kind = root.head.i if root.dep_ == "appos" and root.head.i == span.start - 1 else -1
        while (
            i >= 0
            and doc[i].pos_ in {"ADJ", "NOUN", "PROPN"}
            and (i < doc[i].head.i < span.end or i == kind)
        ):
            left = doc[i]
            if left.pos_ == "NOUN" and (
                TYPE_NOUNS.get(left.lemma_.lower()) == "Organization"
                or left.lemma_.lower() in _PART_NOUNS
            ):
                kind_seen = True
            place = self.index.named(left)
            if place is not None and place.type == "Place" and kind_seen:
                yield from self.rel(org, "basedIn", place, left, "based")
            elif kind_seen and is_demonym(left.text) and country_lookup(left.text):
                # "the German telecoms firm Acme": based in the demonym's country
                home = self.index._make(left.i, left.i + 1, "Place", "demonym", "")
                yield from self.rel(org, "basedIn", home, left, "based.demonym")
            i -= 1

    def born_before(self, person: Mention, start: int) -> Iterator[Relation]:
        """ "Leeds-born X", "Ohio born X": a birthplace written before the name."""
        doc = self.doc
        j = start - 1
        while j > 0 and doc[j].pos_ == "NOUN" and role_relation(doc[j].lower_):
            j -= 1  # "the Leeds-born singer X"
        if j < 1 or doc[j].lower_ != "born":
            return
        j -= 1
        if doc[j].text == "-" and not doc[j].whitespace_:
            j -= 1
        place = self.place_name(doc[j]) if j >= 0 else None
        if place is not None:
            yield from self.rel(person, "bornIn", place, doc[start - 1], "title")

    def surface_title(self, person: Mention, start: int) -> Iterator[Relation]:
        """ "Coast Guard Lt. Jo Bloggs" read from the words when the parse is broken: an
        organisation's name, a title, the person's name."""
        doc = self.doc
        j = start - 1
        if j > 0 and doc[j].text == "." and doc[j - 1].whitespace_ == "":
            j -= 1
        if j < 1:
            return
        word = doc[j].text.rstrip(".").lower()
        role = ROLE_NOUNS.get(word)
        org = self.index.named(doc[j - 1])
        if role and org is not None and org.type == "Organization" and org.kind == "name":
            yield from self.rel(person, role, org, doc[j], "title")
            return
        yield from self.surface_post(person, start)

    def post_name(self, person: Mention, role: str, i: int) -> Iterator[Relation]:
        """The organisation or place named just before a post the parser cut from its name
        ("England tight-head prop X" with "England" parsed as a verb)."""
        named = self.index.named(self.doc[i])
        if named is None or named.kind != "name" or named.type not in {"Organization", "Place"}:
            return
        span = self.doc.char_span(named.start, named.end, alignment_mode="expand")
        if span is not None and span.end == i + 1:
            yield from self.rel(person, role, named, self.doc[i], "title.surface")

    def surface_post(self, person: Mention, start: int) -> Iterator[Relation]:
        """ "Leeds tight-head prop Jo Bloggs", "Acme finance director Jo Bloggs" read from the
        words when the parser hung the name elsewhere: a name, then up to four lower-case words
        ending in a post, then the person."""
        doc = self.doc
        j = start - 1
        if j < 1 or not role_relation(doc[j].lemma_.lower()) or doc[j].pos_ != "NOUN":
            return
        role = role_relation(doc[j].lemma_.lower())
        k = j - 1
        while k >= 0 and j - k <= 4 and (doc[k].is_lower or doc[k].text in _DASHES):
            k -= 1
        if k < 0 or j - k > 4 or doc[k + 1].text in _DASHES:
            return
        named = self.index.named(doc[k])
        if named is not None and named.type != "Place" and country_lookup(named.text) is not None:
            named = replace(named, type="Place")  # a country's name whatever the NER said
        if named is None or named.kind != "name" or role not in _POSTS:
            return
        span = doc.char_span(named.start, named.end, alignment_mode="expand")
        if span is None or span.end != k + 1:
            return
        post = doc[j].lemma_.lower()
        if named.type == "Organization" or (named.type == "Place" and post in PLACE_POSTS):
            yield from self.rel(person, role, named, doc[j], "title.surface")

    def _premodifier(self, i: int, end: int) -> tuple[int, Mention | None]:
        """The premodifier ending at token ``i`` of the phrase that ends at ``end``: its first
        token and its named mention ("Board of Education" in "Board of Education spokesman
        X"), or (-1, None) if token ``i`` does not modify the phrase."""
        doc = self.doc
        named = self.index.named(doc[i])
        if named is not None:
            span = doc.char_span(named.start, named.end, alignment_mode="expand")
            if span is not None and span.end == i + 1 and i < span.root.head.i < end:
                return span.start, named
        tok = doc[i]
        if tok.pos_ in {"ADJ", "NOUN", "PROPN"} and i < tok.head.i < end:
            return i, named
        owner = tok.head
        if tok.dep_ == "case" and owner.i < i and owner.dep_ == "poss" and i < owner.head.i < end:
            # "Acme's lawyer X": the possessor of the post is one premodifier
            named = self.index.named(owner)
            span = None
            if named is not None:
                span = doc.char_span(named.start, named.end, alignment_mode="expand")
            if span is not None and span.end == i:
                return span.start, named
        if tok.tag_ == "NNS" and any(c.dep_ == "appos" and i < c.i < end for c in tok.children):
            return i, named  # "Zenda Cup winners Jo Bloggs, Ann Lee and ...": a list's title
        owner_of = possessor_pronoun(self.index, tok, i, end)
        if owner_of is not None:
            return i, owner_of  # "his lawyer Jo Bloggs", "its chairman Jo Bloggs"
        return -1, None

    def _kin_name(self, noun: Token) -> Mention | None:
        """The name a kinship noun introduces: "his daughter Ann", "her father, Jo Bloggs";
        or the name it describes in apposition: "Ann, Jo Bloggs's daughter"."""
        if noun.dep_ in {"compound", "appos"} and (noun.dep_ == "compound" or noun.head.i < noun.i):
            m = self.index.named(noun.head)
            if m is not None and m.type in {"Person", ""}:
                return m
        for c in noun.children:
            if c.dep_ == "appos":
                m = self.index.named(c)
                if m is not None and m.type in {"Person", ""}:
                    return m
        return None

    def _name_in(self, tok: Token) -> Token:
        """The name inside "his brother X" (a kin or role noun before a name), else ``tok``."""
        if self.index.named(tok) is None:
            for c in tok.children:
                if c.dep_ == "appos" and self.index.named(c) is not None:
                    return c
            person = self._appos_of_object(tok)
            if person is not None:
                return person  # "the 30th president of Ruritania, Jo Bloggs, was born in X"
            if tok.dep_ == "compound" and self.index.named(tok.head) is not None:
                return tok.head  # "of the carmaker Acme"
            title = self._title_after(tok)
            if title is not None:
                return title  # "his documentary Zapp won": the title the parse left beside it
        return tok

    def _appos_of_object(self, noun: Token) -> Token | None:
        """The person's name a parser hung from the object of a role noun's "of" rather than
        from the noun: "the president of Ruritania, Jo Bloggs, ..." (Jo Bloggs), or None."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in ROLE_NOUNS:
            return None
        for pobj in _pobjs(list(noun.children), {"of"}):
            owner = self.index.named(pobj)
            if owner is None or owner.type not in {"Place", "Organization"}:
                continue
            for c in pobj.children:
                named = self.index.named(c) if c.dep_ == "appos" else None
                if named is not None and named.type == "Person" and named.kind == "name":
                    return c
        return None

    def _title_after(self, noun: Token) -> Token | None:
        """The first word of a work's title written right after its work noun ("the film
        Zapp"), or None."""
        if noun.lemma_.lower() not in WORK_NOUNS or noun.i + 1 >= len(self.doc):
            return None
        nxt = self.doc[noun.i + 1]
        named = self.index.named(nxt)
        if named is not None and named.type == "Product" and named.start == nxt.idx:
            return nxt
        return None

    def role_orgs(self, role: Token, depth: int = 0) -> Iterator[Mention]:
        """Organisations a role noun names: premodifiers, a possessor, or of/at/for objects."""
        for c in _premodifiers(role):
            if c.dep_ in {"compound", "amod", "nmod"} and c.i < role.i:
                m = self.index.named(c)
                if (
                    m is not None
                    and m.type in {"Organization", "Group", ""}
                    and not is_demonym(m.text)  # "the Ruritanian minister": a nationality
                ):
                    yield m
            if c.dep_ == "poss":
                m = self.m(c)
                if m is not None and m.type in {"Organization", ""} and m.kind != "pronoun":
                    yield m
            if c.dep_ == "prep" and c.lower_ in {"of", "at", "for", "with", "from"}:
                for g in c.children:
                    if g.dep_ == "pobj":
                        m = self.index.named(g) or self.m(g)
                        if m is not None and m.type in {"Organization", "Group", ""}:
                            yield m
                        elif m is None and g.pos_ == "NOUN" and depth < 2:
                            # "vice president for sales at Acme": the firm after the portfolio
                            yield from self.role_orgs(g, depth + 1)

    def _compound_name(self, tok: Token) -> Mention | None:
        for c in tok.children:
            if c.dep_ == "compound":
                m = self.index.named(c)
                if m is not None:
                    return m
        return None

    def names(self) -> Iterator[Relation]:
        """Titles and demonyms before a person's name ("X from the US" after it), and the
        names listed after a titled one: "Acme directors X, Y and Z" are all directors."""
        titled: dict[int, list[Relation]] = {}
        for r in self._names_each():
            if r.rule.split(".")[0] == "title" and r.predicate in _POSTS | {"won"}:
                titled.setdefault(r.subject.start, []).append(r)
            yield r
        yield from self.title_lists(titled)

    def title_lists(self, titled: dict[int, list[Relation]]) -> Iterator[Relation]:
        """The names that follow a titled name in a list share its plural title."""
        doc = self.doc
        for start in sorted(titled):
            first = titled[start][0].subject
            span = doc.char_span(first.start, first.end, alignment_mode="expand")
            if span is None or span.start == 0 or doc[span.start - 1].tag_ not in {"NNS", "NNPS"}:
                continue  # a plural post only: "Labour MP X and Y" need not both be MPs
            j = span.end
            while j < len(doc) and doc[j].text in {",", "and"}:
                while j < len(doc) and doc[j].text in {",", "and"}:
                    j += 1
                nxt = self.index.named(doc[j]) if j < len(doc) else None
                if nxt is None or nxt.type != "Person" or doc[j].idx != nxt.start:
                    break
                if nxt.start in titled:
                    break
                for r in titled[start]:
                    yield from self.rel(nxt, r.predicate, r.object, doc[j], "title.list")
                nspan = doc.char_span(nxt.start, nxt.end, alignment_mode="expand")
                if nspan is None:
                    break
                j = nspan.end

    def _names_each(self) -> Iterator[Relation]:
        doc = self.doc
        for person in self.index.mentions():
            if person.type == "Organization":
                yield from self.org_premodifiers(person)
                continue
            if person.type not in {"Person", ""}:
                continue
            span = doc.char_span(person.start, person.end, alignment_mode="expand")
            if span is None:
                continue
            # premodifiers: walk left over adjectives, nouns and names in the same phrase
            i = span.start - 1
            role: str | None = None
            killer = False
            linked = False
            post = ""  # the post's noun nearest the name ("prop" in "Leeds tight-head prop X")
            credit: str | None = None  # "the Zapp director X": the relation to a work named
            while i >= 0:
                # a name is one premodifier ("Board of Education spokesman X"), else a word
                first, named = self._premodifier(i, span.end)
                if first < 0:
                    break
                left = doc[first]
                country = (
                    country_lookup(left.text)
                    if left.pos_ != "NOUN" and is_demonym(left.text) and not _hyphenated(left)
                    else None
                )
                if _hyphenated(left):
                    title = f"{doc[first - 2].lower_}-{left.lower_}"
                    if first < 2 or title not in ROLE_NOUNS:
                        break
                    role = ROLE_NOUNS[title]  # "Secretary-General X"
                    post = post or title
                    i = first - 3
                    continue
                if left.pos_ == "NOUN" and TYPE_NOUNS.get(left.lemma_.lower()) in _NOT_PEOPLE:
                    break  # "the Israeli club X": X is not a person
                if named is not None and credit and named.type == "Product":
                    # "the Zapp director X" made Zapp, "former Zapp actor X" performed in it
                    yield from self.rel(person, credit, named, left, "title")
                    linked = True
                elif named is not None and killer and named.type in {"Person", ""}:
                    yield from self.rel(person, "killed", named, left, "title")  # "Y assassin X"
                elif (
                    named is not None
                    and role
                    and named.type != "Place"
                    and country_lookup(named.text) is None
                    and not is_demonym(named.text)
                    and not (role == "worksFor" and named.type == "Group")
                    and (named.type == "Product" or role not in _WORK_RELATIONS)
                ):
                    yield from self.rel(person, role, named, left, "title")
                    linked = True
                elif (
                    named is not None
                    and named.type == "Place"
                    and named.kind == "name"
                    and role in _POSTS
                    and post in PLACE_POSTS
                ):
                    # "France manager X", "Leeds prop X", "UK finance minister X": the post is in
                    # the government or team the place's name stands for, not a nationality
                    yield from self.rel(person, role, named, left, "title.place")
                    linked = True
                elif named is not None and named.type == "Place" and named.kind == "name":
                    # "Leeds native X": the home's place
                    yield from self.rel(person, _home(named), named, left, "demonym")
                elif country is not None and left.text[:1].isupper():
                    place = named or self.index.mention_for(left)
                    if place is None:
                        place = self.index._make(left.i, left.i + 1, "Place", "demonym", "")
                    yield from self.rel(person, "nationality", place, left, "demonym")
                if left.pos_ == "NOUN" and role_relation(left.lemma_.lower()):
                    role = role_relation(left.lemma_.lower())
                    if critic_by_trade(left):
                        role = "worksFor"  # "the Daily Planet's film critic X"
                    post = post or left.lemma_.lower()
                elif left.lemma_.lower() in ROLE_NOUNS:
                    role = ROLE_NOUNS[left.lemma_.lower()]
                    post = post or left.lemma_.lower()
                killer = killer or left.lemma_.lower() in KILLER_NOUNS
                if left.pos_ == "NOUN" and credit is None and named is None:
                    credit = WORK_CREDIT_NOUNS.get(left.lemma_.lower())
                i = first - 1
            if role is None:
                yield from self.surface_title(person, span.start)
            elif role in _POSTS and post in PLACE_POSTS and not linked and i >= 0:
                yield from self.post_name(person, role, i)
            yield from self.born_before(person, span.start)
            if killer:
                # "Osric's assassin Jo Bloggs": the possessor of the name is the victim
                for c in span.root.children:
                    victim = self.index.named(c) if c.dep_ == "poss" else None
                    if victim is not None and victim.type in {"Person", ""}:
                        yield from self.rel(person, "killed", victim, c, "title")
            # "Jo Bloggs from France"
            j = span.end
            if j + 1 < len(doc) and doc[j].lower_ == "from":
                k = j + 1
                if doc[k].pos_ == "DET":
                    k += 1
                place = self.index.named(doc[k]) if k < len(doc) else None
                if place is not None and (place.type == "Place" or country_lookup(place.text)):
                    yield from self.rel(person, _home(place), place, doc[j], "from")

    # -- evaluations: criticism, praise, rivalry, joint action -----------------------------
    def evaluations(self, verb: Token, lemma: str) -> Iterator[Relation]:
        """Facts of a verb that judges or joins: reported censure or praise ("X said Y was
        corrupt"), descriptions ("X described Y as repressive"), joint action ("X and Y are
        joining forces")."""
        if lemma in EVALUATING_VERBS:
            yield from self.reported_verdict(verb)
        if lemma in DESCRIBE_VERBS:
            yield from self.described(verb)
        if lemma in PRESSING_VERBS:
            yield from self.pressed(verb, lemma)
        yield from self.joint(verb, lemma)
        yield from self.under_fire(verb)

    def pressed(self, verb: Token, lemma: str) -> Iterator[Relation]:
        """ "X urged Y to resign", "X called on Y to quit", "X pressed Y to act": pressing
        someone to act is finding fault with what they do now."""
        acts = [
            c
            for c in verb.children
            if c.dep_ in {"xcomp", "ccomp", "advcl"}
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ]
        if not acts:
            return
        if lemma == "call":
            whom = _with_conjuncts(_pobjs(list(verb.children), {"on", "upon"}))
        else:
            whom = _with_conjuncts([c for c in verb.children if c.dep_ == "dobj"])
            whom += [g for a in acts for g in a.children if g.dep_ == "nsubj"]
        for w_tok in whom:
            target = self.m(self.arg(w_tok))
            if target is None or target.kind == "pronoun" or target.type not in _JUDGED:
                continue
            for judge in self.judges(verb):
                yield from self.rel(judge, "criticized", target, verb, "urge")

    def under_fire(self, verb: Token) -> Iterator[Relation]:
        """ "Y came under fire from X", "Y is under attack from X over ...": X criticised Y."""
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "under"):
            for noun in (g for g in prep.children if g.dep_ == "pobj"):
                if noun.lemma_.lower() not in UNDER_FIRE_NOUNS:
                    continue
                critics = _with_conjuncts(_pobjs(list(noun.children), {"from"}))
                critics += _with_conjuncts(_pobjs(list(verb.children), {"from"}))
                for c_tok in critics:
                    critic = self.m(self.arg(c_tok))
                    if critic is None or critic.kind == "pronoun" or critic.type not in _JUDGES:
                        continue
                    for s_tok in self.subjects(verb):
                        target = self.judged(s_tok)
                        yield from self.rel(critic, "criticized", target, noun, "fire")

    def judges(self, verb: Token) -> list[Mention]:
        """Who speaks or judges: the named (or pronoun) subjects of ``verb``."""
        found: list[Mention] = []
        for s_tok in self.subjects(verb):
            m = self.m(s_tok)
            if m is not None and m.type in _JUDGES and m not in found:
                found.append(m)
        return found

    def judged(self, tok: Token) -> Mention | None:
        """Whom a judgement is about: a name or description ("the party"), or the owner of
        the thing judged ("the party's plan", "its exchange rate", "the policies of Y"); never
        a bare pronoun subject ("he said he was wrong" is the speaker on himself)."""
        m = self.m(tok)
        if m is not None and not _possessed(m, tok):
            return m if m.kind != "pronoun" and m.type in _JUDGED else None
        lemma = tok.lemma_.lower()
        if tok.pos_ != "NOUN" or _agent_noun(lemma):
            return None  # "Y's chairman", "Y's parent company": someone else than Y
        for c in tok.children:
            if c.dep_ == "poss" and c.lower_ not in _OWN_PRONOUNS:
                owner = self.m(c)
                if owner is not None and owner.type in _JUDGED:
                    return owner
        for c in tok.children:
            if c.dep_ == "compound" and c.i < tok.i:  # "the Acme plan"
                owner = self.index.named(c)
                if owner is not None and owner.type in _JUDGED and not is_demonym(owner.text):
                    return owner
        for pobj in _pobjs(list(tok.children), {"of"}):
            owner = self.index.named(pobj)
            if owner is not None and owner.type in _JUDGED:
                return owner
        return None

    def owned(
        self, subj: Mention | None, target: Target | None, tok: Token, verb: Token
    ) -> Iterator[Relation]:
        """ "X criticised the government's plan", "X lashed out at the policies of Y", "X
        backed Y's bid", "X filed a claim against Y's show": censure, praise, support or a
        lawsuit aimed at what someone has or does is aimed at them."""
        if subj is None or target is None:
            return
        own = self.m(tok)
        owner = self.judged(tok)
        if owner is None or (own is not None and not _possessed(own, tok)):
            return
        predicate = _pick(target, owner)
        if predicate in _OWNED_RELATIONS:
            yield from self.rel(subj, predicate, owner, verb, "owner")

    def reported_verdict(self, verb: Token) -> Iterator[Relation]:
        """ "X said Y was corrupt", "'Y is a shambles,' X said", "X warned that Y's deficit
        was too large": the speaker criticised (or praised) Y, or the owner of what is judged."""
        judges = self.judges(verb)
        if not judges:
            return
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            found = _verdict(clause)
            if found is None:
                continue
            predicate, subjects = found
            for s_tok in subjects:
                target = self.judged(s_tok)
                for judge in judges:
                    yield from self.rel(judge, predicate, target, verb, "speech")

    def described(self, verb: Token) -> Iterator[Relation]:
        """ "X described Y as repressive", "X called Y a disgrace", "X hailed Y as a genius":
        a describing verb whose description censures or commends."""
        judges = self.judges(verb)
        if not judges:
            return
        said = [c for c in verb.children if c.dep_ == "oprd"]
        for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "as"):
            said += [g for g in prep.children if g.dep_ in {"pobj", "amod", "acomp"}]
        predicate = _judgement(said)
        if predicate is None:
            return
        for o_tok in _with_conjuncts([c for c in verb.children if c.dep_ == "dobj"]):
            target = self.judged(self.arg(o_tok))
            for judge in judges:
                yield from self.rel(judge, predicate, target, verb, "describe")

    def joint(self, verb: Token, lemma: str) -> Iterator[Relation]:
        """ "X and Y are joining forces", "X and Y signed a deal", "X and Y are among the
        firms working together": conjoined parties acting together have an agreement."""
        children = list(verb.children)
        words = {""} | {
            (c.lemma_ if c.dep_ == "dobj" else c.lower_)
            for c in children
            if c.dep_ in {"dobj", "prt", "advmod"}
        }
        dealt = lemma in _DEAL_VERBS and any(
            c.dep_ == "dobj" and c.lemma_.lower() in AGREEMENT_NOUNS for c in children
        )
        if not dealt and not any((lemma, w.lower()) in JOINT_ACTIONS for w in words):
            return
        objects = [c for c in children if c.dep_ == "dobj"]
        preps = [p for t in [verb, *objects] for p in t.children if p.dep_ == "prep"]
        if any(p.lower_ in {"with", "between"} for p in preps):
            return  # "X and Y signed a deal with Z": the deal is with Z
        subjects = self.subjects(verb)
        head = verb.head
        if not subjects and verb.dep_ == "acl" and head.dep_ == "pobj":
            # "X and Y are among the firms working together"
            if head.head.lower_ == "among" and head.head.head.lemma_ == "be":
                subjects = _with_conjuncts(
                    [c for c in head.head.head.children if c.dep_ == "nsubj"]
                )
        parties: list[Mention] = []
        for s_tok in subjects:
            if self.m(s_tok) is None:
                # "electronics giants X and Y are joining forces"
                named = [c for c in s_tok.children if c.dep_ == "appos" and self.index.named(c)]
                subjects += [t for t in _with_conjuncts(named) if t not in subjects]
                continue
            m = self.m(s_tok)
            if m is not None and m.kind != "pronoun" and m.type in _JUDGES and m not in parties:
                parties.append(m)
        for k, a in enumerate(parties):
            for b in parties[k + 1 :]:
                yield from self.rel(a, "agreementWith", b, verb, "joint")

    def rival(self, tok: Token) -> Iterator[Relation]:
        """ "X bought it from rival Y", "X's battle with new rival Y": Y is the rival of the
        clause's subject (or of the possessor: "its rival Y")."""
        named = self.index.named(tok)
        if named is None or tok.i != _last_token(self.doc, named):
            return
        cue = next(
            (
                c
                for c in tok.children
                if c.lower_ in RIVAL_MODIFIERS and c.dep_ in {"amod", "compound"} and c.i < tok.i
            ),
            None,
        )
        if cue is None or self.index.named(cue) is not None or tok.dep_ in _SUBJ:
            return
        poss = next((c for c in tok.children if c.dep_ == "poss"), None)
        owners = [poss] if poss is not None else []
        head = tok.head
        for _ in range(8):
            if owners:
                break
            if head.pos_ in {"VERB", "AUX"}:
                if any(c.dep_ == "nsubjpass" for c in head.children):
                    return  # "Y was bought by rival Z": whose rival is unsaid
                owners = self.subjects(head)
            if head.head.i == head.i:
                break
            head = head.head
        for o_tok in owners:
            owner = self.m(self.arg(o_tok))
            if owner is None or owner.type not in _RIVALS or named.type not in _RIVALS:
                continue
            if (owner.type == "Person") == (named.type == "Person"):
                yield from self.rel(owner, "rivalOf", named, cue, "rival")

    def _role_targets(self, role: Token, relation: str) -> Iterator[Mention]:
        """What a role noun names: a critic's target of any kind ("a critic of Y" for a person
        too), else the organisations of :meth:`role_orgs`."""
        if role.lemma_.lower() in CRITIC_NOUNS and relation == "criticized":
            yield from self.critic_targets(role)
        else:
            yield from self.role_orgs(role)

    def fronted_critic(self, noun: Token) -> Iterator[Relation]:
        """ "A former critic of Y, X said ...": a critic noun before the clause's subject."""
        if noun.dep_ not in {"dep", "npadvmod", "advcl"} or noun.head.pos_ not in {"VERB", "AUX"}:
            return
        if noun.i > min((s.i for s in self.subjects(noun.head)), default=-1):
            return
        for s_tok in self.subjects(noun.head):
            holder = self.m(s_tok)
            if holder is not None and holder.type in {"Person", "Organization", ""}:
                for target in self.critic_targets(noun):
                    yield from self.rel(holder, "criticized", target, noun, "appos")

    def critic_targets(self, noun: Token) -> Iterator[Mention]:
        """Whom a critic noun names: "a critic of Y", "a Y critic", "Y's fiercest critic"."""
        for c in noun.children:
            m: Mention | None = None
            if c.dep_ in {"compound", "nmod"} and c.i < noun.i:
                m = self.index.named(c)
                if m is not None and is_demonym(m.text):
                    m = None
            elif c.dep_ == "poss":
                m = self.m(c)
            if m is not None and m.type in _JUDGED:
                yield m
        for pobj in _with_conjuncts(_pobjs(list(noun.children), {"of"})):
            m = self.m(self._name_in(pobj))
            if m is not None and m.type in _JUDGED and m.kind != "pronoun":
                yield m

    # -- structural facts of noun phrases: posts, teams, homes, parts ---------------------
    # (one block: titles whose organisation the NER missed, nationality nouns, "his club,
    # X", the surface of "German firm X" under a broken parse)
    def structure(self) -> Iterator[Relation]:
        """Memberships, posts, nationalities and bases that noun phrases say and the other
        noun-phrase rules miss (names the NER left out, broken parses)."""
        for m in self.index.mentions():
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            if m.type in {"Person", ""}:
                yield from self.bare_title(m, span)
                yield from self.nationality_noun(m, span)
            if m.type in {"Organization", ""}:
                yield from self.surface_kind(m, span)
            if m.type == "Place" and m.kind == "name":
                yield from self.comma_in(m, span)
        for tok in self.doc:
            if tok.pos_ != "NOUN" and tok.pos_ != "VERB":
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ == "NOUN" and lemma in SIDE_NOUNS:
                yield from self.own_side(tok)
            if tok.pos_ == "NOUN" and tok.dep_ == "appos" and lemma in _KIN_NOUNS:
                yield from self.kin_of(tok, lemma)
            if tok.pos_ == "NOUN" and tok.dep_ == "appos" and lemma in _PART_NOUNS:
                yield from self.owned_part(tok)
            if tok.pos_ == "VERB" and lemma in APPOINTING_VERBS:
                yield from self.named_post(tok)

    def bare_title(self, person: Mention, span: Span) -> Iterator[Relation]:
        """ "Leeds centre Jo Bloggs", "former Army sergeant Jo Bloggs", "Fictional leader Jo
        Bloggs", "Zenda Lords Leader Jo Bloggs": a capitalised name the NER missed (a place's
        name may open it), then a post, then the person: the post is in the organisation the
        name stands for (a team, a party, a force). A post written as a title gives only a
        leader."""
        doc = self.doc
        j = span.start - 1
        if j < 1 or doc[j].pos_ not in {"NOUN", "PROPN"} or self.index.named(doc[j]):
            return
        capital = doc[j].is_title  # "Acme Officer X": a post written as a title
        if not (capital or doc[j].is_lower) or (capital and doc[j].pos_ != "PROPN"):
            return
        role = role_relation(doc[j].lemma_.lower() if doc[j].is_lower else doc[j].lower_)
        if role not in {"memberOf", "leaderOf"} or (capital and role != "leaderOf"):
            return  # a capitalised post other than a leader's is too often a title ("Police
            # Colonel X", "Circuit Judge X"); an employee's post, a desk ("Zenda Times editor")
        k = j - 1  # "Leeds tight-head prop X": lower-case words of the post
        while not capital and k >= 0 and j - k <= 3 and (doc[k].is_lower or doc[k].text in _DASHES):
            if doc[k].pos_ not in {"NOUN", "ADJ", "PUNCT"}:
                return
            k -= 1
        end = k + 1
        while k >= 0 and _bare_name_word(doc[k]) and self.index.named(doc[k]) is None:
            if capital and (doc[k].lower_ in _TITLE_WORDS or doc[k].lower_ in _adjectives()):
                return  # "Prime Minister X", "Chief Officer X": a title, not a body
            k -= 1
        start = k + 1
        if start == end or end - start > 3:
            return
        place = self.index.named(doc[k]) if capital and k >= 0 else None
        if place is not None and place.type == "Place" and place.kind == "name":
            # "Zenda Highway Patrol Officer X": a place's name opens the body's name
            pspan = doc.char_span(place.start, place.end, alignment_mode="expand")
            if pspan is not None and pspan.end == start:
                start, k = pspan.start, pspan.start - 1
        first = doc[start]
        text = doc[start:end].text
        if (
            (k >= 0 and doc[k].text[:1].isupper() and (doc[k].pos_ == "PROPN" or capital))
            or (k >= 0 and doc[k].text in _DASHES and not doc[k].whitespace_)
            or (k >= 0 and (doc[k].lower_ in NAME_CONNECTORS or doc[k].tag_ == "POS"))
            or is_demonym(text)
            or country_lookup(text) is not None
            or region(text) is not None
            or (
                first.is_sent_start
                and first.lower_ in _common_words()
                and first.ent_type_ not in {"ORG", "NORP", "FAC"}
            )
            or not any(start <= t.head.i <= span.end and t.head.i != t.i for t in doc[start:end])
        ):
            return  # part of a longer name ("Passion of the Zapp director X"), or a place
        org = self.index._make(start, end, "Organization", "name", "")
        yield from self.rel(person, role, org, doc[j], "title.bare")

    def nationality_noun(self, person: Mention, span: Span) -> Iterator[Relation]:
        """ "Dutchman Jo Bloggs", "the Frenchwoman Ann Lee": a national noun before a name
        (kept in the name's span by the NER, or not) says the person's nationality."""
        doc = self.doc
        for i in (span.start, span.start - 1):
            if i < 0 or (i == span.start and len(span) < 3):
                continue  # a national noun inside the name needs a full name after it
            word = doc[i]
            if not word.text[:1].isupper() or not is_demonym(word.text):
                continue
            if i < span.start and (
                word.pos_ != "NOUN" or word.head.i not in range(span.start, span.end)
            ):
                continue  # an adjective before the name: the title walk reads it
            if country_lookup(word.text) is None:
                continue
            place = self.index._make(i, i + 1, "Place", "demonym", "")
            yield from self.rel(person, "nationality", place, word, "demonym.noun")
            return

    def kin_of(self, noun: Token, lemma: str) -> Iterator[Relation]:
        """ "Ann Lee, the daughter of Jo Bloggs", "Jo Bloggs, the husband of Ann Lee": a kinship
        noun in apposition to a name, with "of" the relative."""
        person = self.index.named(noun.head)
        if person is None or person.type not in {"Person", ""} or noun.head.i > noun.i:
            return
        for pobj in _pobjs(list(noun.children), {"of"}):
            other = self.m(self._name_in(pobj))
            if other is None or other.type not in {"Person", ""} or other.kind == "pronoun":
                continue
            if lemma in PARENT_NOUNS:
                yield from self.rel(other, "childOf", person, noun, "kin.of")
            elif lemma in CHILD_NOUNS:
                yield from self.rel(person, "childOf", other, noun, "kin.of")
            else:
                yield from self.rel(person, "spouseOf", other, noun, "kin.of")

    def owned_part(self, noun: Token) -> Iterator[Relation]:
        """ "Zenith, the company's American arm", "Zenith, Acme's Leeds subsidiary": a part
        noun in apposition, its possessor the whole."""
        part = self.index.named(noun.head)
        if part is None or part.type not in {"Organization", ""} or noun.head.i > noun.i:
            return
        for c in noun.children:
            if c.dep_ != "poss":
                continue
            whole = self.m(c)
            if whole is not None and whole.kind == "description":
                whole = self._other_org(part)  # "the company" is not the part itself
            if whole is not None and whole.type in {"Organization", ""} and whole != part:
                yield from self.rel(part, "partOf", whole, noun, "appos.owner")

    def _other_org(self, part: Mention) -> Mention | None:
        """The last organisation named before ``part`` (in its sentence or the one before)
        with another name: what "the company" in "X, the company's arm" stands for."""
        span = self.doc.char_span(part.start, part.end, alignment_mode="expand")
        if span is None:
            return None
        sent = span.sent
        first = self.doc[sent.start - 1].sent.start if sent.start > 0 else sent.start
        for m in reversed(self.index.mentions()):
            if m.start >= part.start or m.start < self.doc[first].idx:
                continue
            if m.type == "Organization" and m.kind == "name" and m.text != part.text:
                return m
        return None

    def named_post(self, verb: Token) -> Iterator[Relation]:
        """ "X was named chief executive of Acme", "Acme appointed X chairman", "X was elected
        leader of the party": the post an appointment gives, in the organisation it names."""
        if _negated(verb) or _future(verb):
            return
        children = list(verb.children)
        posts = [c for c in children if c.dep_ in {"oprd", "attr", "xcomp"} and c.pos_ == "NOUN"]
        holders = [c for c in children if c.dep_ == "nsubjpass"]
        if not holders:
            holders = [c for c in children if c.dep_ == "dobj" and c.pos_ == "PROPN"]
        for post in posts:
            role = role_relation(post.lemma_.lower())
            if role not in _POSTS:
                continue
            for h in holders:
                holder = self.m(h)
                if holder is None or holder.type not in {"Person", ""}:
                    continue
                for org in self.role_orgs(post):
                    if org.kind != "pronoun":
                        yield from self.rel(holder, role, org, post, "named")

    def own_side(self, noun: Token) -> Iterator[Relation]:
        """ "his club side, Leeds", "her party, the Fictional Party", "Jo Bloggs's club,
        Leeds": a person's own team or party, named in apposition, is one they belong to."""
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        if poss is None:
            return
        holder = self.m(poss)
        if holder is None or holder.type != "Person":
            return
        names = [c for c in noun.children if c.dep_ == "appos" and c.i > noun.i]
        doc = self.doc
        if not names and noun.i + 2 < len(doc) and doc[noun.i + 1].text == ",":
            names = [doc[noun.i + 2]]  # "his club side, Leeds, lost": an apposition misparsed
        for c in names:
            side = self.index.named(c)
            if side is None or side.kind != "name" or side.type not in {"Organization", ""}:
                continue
            if side.start != c.idx and c.dep_ != "appos":
                continue
            yield from self.rel(holder, "memberOf", side, noun, "possessive.side")

    def comma_in(self, named: Mention, span: Span) -> Iterator[Relation]:
        """ "Zenda, in Ruritania", "Zenda, in north Ruritania,": a place set off by a comma
        and "in" lies in the place named after it (not in a list: "in Zenda, in Ripon and")."""
        doc = self.doc
        k = span.end
        if k + 2 >= len(doc) or doc[k].text != "," or doc[k + 1].lower_ != "in":
            return
        k += 2
        while k < len(doc) and (doc[k].pos_ == "DET" or doc[k].lower_ in COMPASS_WORDS):
            k += 1
        place = self.place_name(doc[k]) if k < len(doc) else None
        if place is None or place.text == named.text or _country_in_town(named, place):
            return
        pspan = doc.char_span(place.start, place.end, alignment_mode="expand")
        if pspan is None or pspan.start != k:
            return
        after = doc[pspan.end] if pspan.end < len(doc) else None
        if after is not None and (after.lower_ in {"and", "or"} or after.text not in {",", "."}):
            return
        if (
            span.start > 1
            and doc[span.start - 1].text == ","
            and doc[span.start - 2].lower_ != "in"
        ):
            return  # "Leeds, York, in ...": a list
        yield from self.rel(named, "locatedIn", place, doc[span.end + 1], "in.comma")

    def surface_kind(self, org: Mention, span: Span) -> Iterator[Relation]:
        """ "Japanese manufacturer Acme", "the Leeds brewer Acme" read from the words when the
        parser cut the name from its kind noun: a demonym or a place's name, up to two
        lower-case words ending in an organisation noun, then the name."""
        doc = self.doc
        j = span.start - 1
        if j < 1 or doc[j].pos_ != "NOUN" or not doc[j].is_lower:
            return
        if TYPE_NOUNS.get(doc[j].lemma_.lower()) != "Organization":
            return
        if span.root.head.i == j or any(t.head.i == j for t in span):
            return  # parsed as one phrase: org_premodifiers reads it
        k = j - 1
        while k >= 0 and j - k <= 2 and doc[k].is_lower and doc[k].pos_ in {"NOUN", "ADJ"}:
            k -= 1
        if k < 0 or not doc[k].text[:1].isupper():
            return
        place = self.index.named(doc[k])
        if place is not None and place.type == "Place" and place.kind == "name":
            yield from self.rel(org, "basedIn", place, doc[j], "based.surface")
        elif (place is None or place.type == "Group") and is_demonym(doc[k].text):
            if country_lookup(doc[k].text) is None:
                return
            home = self.index._make(k, k + 1, "Place", "demonym", "")
            yield from self.rel(org, "basedIn", home, doc[j], "based.surface")


#: Leaders' nouns that head a part of an organisation when a function qualifies them.
_PART_LEADERS = frozenset("director head chief manager leader".split())
#: Words that qualify a leader of the whole: "managing director", "chief executive".
_WHOLE_LEADERS = frozenset(
    "managing executive chief general company group team party acting interim".split()
)


#: Who may criticise, praise or join with someone; whom criticism or praise may be about.
_JUDGES = frozenset({"Person", "Organization", "Place", ""})
_JUDGED = frozenset({"Person", "Organization", "Place", "Product", ""})
#: Possessors that are the speaker or the hearer: "our plan was too timid" judges no one else.
_OWN_PRONOUNS = frozenset("my our your i we you".split())
#: Relations that pass from what someone has or does to its owner ("backed Y's bid").
_OWNED_RELATIONS = frozenset({"criticized", "praised", "allyOf", "sued"})
#: Verbs of making a deal: "X and Y signed a deal".
_DEAL_VERBS = frozenset("sign reach strike seal agree conclude".split())
#: What may be a rival: firms, products, people.
_RIVALS = frozenset({"Organization", "Product", "Person", ""})
#: Verbs that link a subject to what it is said to be: "Y was corrupt", "Y looks weak".
_VERDICT_COPULAS = frozenset("be become remain seem look sound prove".split())


def _party_tag(tok: Token) -> bool:
    """Whether ``tok`` ends a legislator's party and state tag: "D-Ohio", "R-N.Y."."""
    i = tok.left_edge.i
    words = [t.text for t in tok.doc[i : tok.i + 1]]
    return len(words) >= 3 and words[0] in {"D", "R", "I"} and words[1] == "-"


def _bare_name_word(tok: Token) -> bool:
    """Whether ``tok`` may be a word of a name the NER missed: a capitalised proper noun, no
    honorific, date or person's name."""
    return (
        (tok.pos_ == "PROPN" or tok.ent_type_ in {"ORG", "NORP"})
        and tok.is_alpha
        and tok.text[:1].isupper()
        and tok.lower_ not in HONORIFICS
        and tok.ent_type_ not in {"DATE", "TIME", "PERSON", "CARDINAL", "ORDINAL", "GPE"}
    )


_KIN_NOUNS = PARENT_NOUNS | CHILD_NOUNS | SPOUSE_NOUNS

#: Words of a title written before a capitalised post, not of a body's name: "Prime Minister X".
_TITLE_WORDS = frozenset(
    "prime vice deputy chief general foreign home executive managing senior former acting "
    "interim shadow assistant lord lady first high grand associate principal district "
    "circuit county municipal city state federal attorney crown supreme appeals".split()
)


@functools.cache
def _adjectives() -> frozenset[str]:
    """Common English adjectives ("Chief", "Senior"): no word of a body's name before a post."""
    return known_words("adj")


@functools.cache
def _common_words() -> frozenset[str]:
    """Common English adjectives and nouns: a capitalised one opening a sentence is no name."""
    return known_words("adj") | known_words("noun")


def _possessed(m: Mention, tok: Token) -> bool:
    """Whether ``m`` is only a phrase made of an owner and a thing ("the party's plan", "the
    Acme plan"): what is said of the thing is said of the owner, never of a new entity."""
    return (
        m.kind == "phrase"
        and not _agent_noun(tok.lemma_.lower())
        and any(c.dep_ in {"poss", "compound"} and c.i < tok.i for c in tok.children)
    )


def _agent_noun(lemma: str) -> bool:
    """Whether a noun names a person or a body ("chairman", "son", "company", "unit"), which
    is judged for itself, not as a thing its possessor has."""
    return bool(
        lemma in ROLE_NOUNS
        or lemma in PERSON_NOUNS
        or lemma in PERSON_RELATION_NOUNS
        or lemma in PARENT_NOUNS | CHILD_NOUNS | SPOUSE_NOUNS
        or lemma in _PART_NOUNS
        or TYPE_NOUNS.get(lemma) in {"Organization", "Person", "Place", "Group"}
        or role_relation(lemma)
    )


def _judgement(words: list[Token]) -> str | None:
    """ "criticized" when the words (a predicate, an "as" phrase, with their modifiers and
    conjuncts) censure, "praised" when they commend; "too" before an adjective censures
    ("too large"), unless the adjective is itself praise or completed ("too early to say")."""
    seen: set[str] = set()
    too = False
    for w in _with_conjuncts(words):
        seen |= {w.lower_, w.lemma_.lower()}
        for c in w.children:
            if c.dep_ in {"amod", "compound"} or (c.dep_ == "conj" and c.pos_ == "ADJ"):
                seen |= {c.lower_, c.lemma_.lower()}
            if (
                c.dep_ == "advmod"
                and c.lower_ == "too"
                and w.pos_ == "ADJ"
                and not any(g.dep_ in {"xcomp", "ccomp", "prep"} for g in w.children)
            ):
                too = True
    censure, praise = bool(seen & CENSURE_WORDS), bool(seen & PRAISE_WORDS)
    if censure and not praise:
        return "criticized"
    if praise and not censure:
        return "praised"
    if too and not praise:
        return "criticized"
    return None


def _verdict(clause: Token) -> tuple[str, list[Token]] | None:
    """A reported clause that judges its subject: "(that) Y was corrupt", "Y's deficit was
    too large", "Y is a shambles", "Y had misled voters"; not a negated one ("Y was not
    corrupt")."""
    if any(c.dep_ == "neg" or c.lower_ in {"never", "hardly"} for c in clause.children):
        return None
    if clause.lemma_.lower() in CENSURED_DEEDS and clause.pos_ == "VERB":
        # "X said Y had misled voters", "X claimed Y manipulated prices"
        subjects = [c for c in clause.children if c.dep_ == "nsubj"]
        return ("criticized", _with_conjuncts(subjects)) if subjects else None
    if clause.lemma_.lower() not in _VERDICT_COPULAS:
        return None
    subjects = [c for c in clause.children if c.dep_ == "nsubj"]
    predicate = _judgement([c for c in clause.children if c.dep_ in {"acomp", "attr", "oprd"}])
    if predicate is None or not subjects:
        return None
    return predicate, _with_conjuncts(subjects)


def _portfolio(doc: Doc, m: Mention) -> bool:
    """Whether a name is a minister's brief written before the post ("Home" in "the Home
    Secretary")."""
    if m.kind != "name" or m.text.lower() not in PORTFOLIO_WORDS:
        return False
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and span.end < len(doc) and doc[span.end].lower_ in PORTFOLIO_POSTS


def _function_post(tok: Token) -> bool:
    """Whether a leader's noun heads a function, not the organisation: "programme director",
    "head of strategy" (but "managing director", "head of Acme")."""
    if tok.lemma_.lower() not in _PART_LEADERS:
        return False
    for c in tok.children:
        if (
            c.dep_ == "compound"
            and c.i < tok.i
            and c.is_lower
            and c.pos_ == "NOUN"
            and c.lemma_.lower() not in _WHOLE_LEADERS
        ):
            return True
        if c.dep_ == "prep" and c.lower_ == "of":
            if any(g.dep_ == "pobj" and g.is_lower and g.pos_ == "NOUN" for g in c.children):
                return True
    return False


def _country_in_town(named: Mention, place: Mention) -> bool:
    """Whether a country's name stands before "in" and a place that is no country or region.

    >>> from kg.graph.model import Mention
    >>> def m(text): return Mention("d", 0, len(text), text, "Place", "name")
    >>> _country_in_town(m("France"), m("Leeds")), _country_in_town(m("Leeds"), m("France"))
    (True, False)
    """
    return (
        country_lookup(named.text) is not None
        and country_lookup(place.text) is None
        and not region(place.text)
    )


def _event_name(name: str) -> bool:
    """Whether a name ends in a word for an event ("the Zenda Games", "Leeds Open 2004").

    >>> _event_name("Zenda Indoor Championships"), _event_name("Acme Group")
    (True, False)
    """
    words = [w for w in name.lower().split() if not w.isdigit()]
    return bool(words) and (words[-1] in EVENT_NAME_WORDS or TYPE_NOUNS.get(words[-1]) == "Event")


def _verb_lemmas() -> frozenset[str]:
    """Verb lemmas the default pipeline's lemmatizer knows (its index and exceptions)."""
    return known_words("verb", exceptions=True)


def _open_verb(verb: Token) -> bool:
    """Whether ``verb`` may name an open relation (see the module docstring)."""
    lemma = verb.lemma_.lower()
    if verb.pos_ != "VERB" or not lemma.isalpha() or len(lemma) < 3:
        return False
    known = _verb_lemmas()
    if known and lemma not in known:
        return False  # a tagging error ("offspring" read as a verb)
    if _negated(verb) or _hedged(verb) or _future(verb) or lemma in SPEECH_VERBS:
        return False
    return not _headline(verb)


def _future(verb: Token) -> bool:
    """A plan rather than a fact: "X will buy Y", "X is to buy Y"."""
    if any(c.dep_ == "aux" and c.lower_ in {"will", "shall", "'ll"} for c in verb.children):
        return True
    return verb.dep_ == "xcomp" and verb.head.lemma_ == "be"


def _headline(tok: Token) -> bool:
    """Whether ``tok`` is in a title: every content word capitalised ("Acme Buys Zenith"), or
    a first line with no final stop ("Acme buys Zenith" above the article)."""
    sent = tok.sent
    words = [t for t in sent if t.is_alpha and not t.is_stop]
    if len(words) >= 2 and all(t.text[:1].isupper() for t in words):
        return True
    doc = tok.doc
    end = sent.end
    while end > sent.start + 1 and doc[end - 1].is_space:
        end -= 1
    last = doc[end - 1]
    ends_line = end >= len(doc) or "\n" in last.whitespace_ or doc[end].is_space
    return sent.start == 0 and ends_line and last.text not in {".", "!", "?", '"', "\u201d"}


def _home(place: Mention) -> str:
    """A person's relation to a home place: nationality for a country, else lives in."""
    return "nationality" if country_lookup(place.text) is not None else "livesIn"


def _target(verb: Token, lemma: str, particle: str) -> Target | None:
    """The inventory target of a verb; "shot" kills only with a death cue ("shot dead")."""
    if lemma in WOUNDING_VERBS and not particle:
        words = {t.lower_ for t in verb.subtree if t.head.i == verb.i or t.head.head.i == verb.i}
        if words & DEATH_CUES:
            return "killed"  # "shot dead", "fatally stabbed"
        # "X shot Y ... in the assassination": the sentence says the shooting killed
        if lemma in INJURY_VERBS:
            return None
        if _says_death(verb.sent):
            return {"Person": "killed"}
        contest = VERBS.get((lemma, ""))
        if isinstance(contest, dict) and "defeated" in contest.values():
            # "Leeds beat Ripon", "Jo Bloggs beat Ann Other 6-4 6-2": a contest; a person
            # is beaten in a contest only when a score says so
            if not _SCORE.search(verb.sent.text):  # "6-4" may be one token or three
                return {k: v for k, v in contest.items() if k != "Person"}
            return contest
        return None
    found = VERBS.get((lemma, particle))
    return found if found is not None or particle else VERBS.get((lemma, ""))


def _kills(target: Target | None) -> bool:
    """Whether a verb's target is a killing (of a person)."""
    return target == "killed" or (isinstance(target, dict) and target.get("Person") == "killed")


#: Capitalised words that are no one's name: days, months, titles on their own.
_NOT_NAMES = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april "
    "may june july august september october november december police army god".split()
)


#: Verbs of winning a prize: "won", "picked up", "scooped", "took home".
_WIN_VERBS = frozenset("win scoop collect clinch pick take land grab".split())
#: Nouns of a prize or of what is won in its name: "the award for best film", "top prize".
_PRIZE_NOUNS = frozenset("award prize trophy title crown honour honor gong medal category".split())
#: Adjectives of a prize category: "best film", "top new drama", "favourite actress".
_CATEGORY_WORDS = frozenset("best top favourite favorite outstanding".split())


def _same_clause(tok: Token, verb: Token) -> bool:
    """Whether ``tok`` hangs from ``verb`` through no other verb ("won X at Y", not "won X,
    despite being snubbed at Y")."""
    head = tok.head
    while head.i != verb.i:
        if head.pos_ in {"VERB", "AUX"} or head.head.i == head.i:
            return False
        head = head.head
    return True


def _prize(tok: Token) -> bool:
    """Whether a noun names a prize or a category won: "the award", "best film", "top comedy"."""
    if tok.lemma_.lower() in _PRIZE_NOUNS:
        return True
    return any(c.dep_ == "amod" and c.lower_ in _CATEGORY_WORDS for c in tok.children)


#: Words that speak of acting in a work: "the role in", "co-stars", "cast".
_ACTING_WORDS = frozenset("role co-star costar cast actor actress starring screen".split())


def _acting(sent: Span) -> bool:
    """Whether a sentence speaks of acting ("the role", "his co-stars", "a screen test")."""
    return any(t.lemma_.lower() in _ACTING_WORDS or t.lower_ in _ACTING_WORDS for t in sent)


def _personal(m: Mention) -> bool:
    """Whether a mention is a personal possessive pronoun ("her album Zapp")."""
    return m.kind == "pronoun" and m.text.lower() in {"his", "her"}


def _role_in(tok: Token) -> bool:
    """Whether a possessed work is the object of "role in" ("his role in Jo Bloggs's Zapp"):
    the role is the performer's, the possessor made the work."""
    head = tok.head
    return (
        tok.dep_ == "pobj"
        and head.lower_ == "in"
        and head.head.lemma_.lower() in ROLE_IN_WORK_NOUNS
    )


def _says_death(sent: Span) -> bool:
    """Whether a sentence speaks of a death ("assassination", "was killed", "died")."""
    return any(t.lemma_.lower() in DEATH_WORDS or t.lower_ in DEATH_WORDS for t in sent)


def _phrase(tok: Token) -> str:
    words = [t for t in tok.subtree if t.dep_ != "det" and not t.is_punct]
    return " ".join(t.text for t in words)


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in _FAILING:
        return True  # "they failed to beat X", "X refused to sign"
    return tok.dep_ == "xcomp" and any(c.dep_ == "neg" for c in tok.head.children)


#: Verbs whose infinitive did not happen: "failed to beat X".
_FAILING = frozenset({"fail", "refuse", "decline"})


def _hedged(tok: Token) -> bool:
    for c in tok.children:
        if c.dep_ == "aux" and c.lower_ in HEDGE_MODALS:
            return True
        if c.dep_ == "advmod" and c.lower_ in HEDGE_ADVERBS:
            return True
    if tok.dep_ == "acl" and tok.head.lemma_.lower() in HEDGE_NOUNS:
        return True  # "X's bid to buy Y"
    if tok.pos_ == "VERB" and _future(tok):
        return True  # a plan: "X will buy Y", "X is to buy Y"
    return tok.dep_ == "xcomp" and tok.head.lemma_.lower() in HEDGE_GOVERNORS


_WHEN = frozenset("yesterday today tomorrow last next ago week month year".split())
_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "january february march april may june july august september october november december"
        ).split(),
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
