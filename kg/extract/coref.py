"""Pronouns and descriptions as arguments of the rules that read a name's premodifiers.

"His lawyer Jo Bloggs", "its chairman Jo Bloggs": the possessive pronoun owns the post the way
a name does in "Acme's chairman Jo Bloggs". The pronoun becomes a mention of its own, which
resolution (``kg.resolve.document``) attaches to its antecedent or drops with its facts.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from kg.extract.base import inside, sentence_of
from kg.extract.lexicon import (
    FEMALE_PRONOUNS,
    FEMALE_WORDS,
    MALE_PRONOUNS,
    MALE_WORDS,
    PERSON_PRONOUNS,
    SPEECH_VERBS,
    THING_PRONOUNS,
    role_relation,
)
from kg.graph.model import Mention, Relation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Doc, Token

    from kg.extract.mentions import MentionIndex
    from kg.extract.relations import _Run

#: Posts a person holds for another person: "his lawyer X" works for him; "his manager X" (of
#: a player) or "his chief X" does not say so.
PERSONAL_POSTS = frozenset(
    (
        "lawyer solicitor attorney barrister counsel agent assistant aide adviser advisor "
        "spokesman spokeswoman spokesperson secretary bodyguard publicist chauffeur"
    ).split()
)


def possessor_pronoun(index: MentionIndex, tok: Token, i: int, end: int) -> Mention | None:
    """The mention of a possessive pronoun that owns the post before a name ("his lawyer
    Jo Bloggs", "its chairman Jo Bloggs"), or None: ``tok`` is token ``i`` of the phrase that
    ends at token ``end``."""
    if tok.dep_ != "poss" or tok.pos_ != "PRON" or not i < tok.head.i < end:
        return None
    lower = tok.lower_
    posts = {t.lemma_.lower() for t in tok.doc[i + 1 : end] if t.pos_ == "NOUN"}
    if not any(role_relation(p) for p in posts):
        return None  # "its Executive Committee": no post before the name
    if lower in PERSON_PRONOUNS and not posts & PERSONAL_POSTS:
        return None
    if lower not in PERSON_PRONOUNS and lower not in THING_PRONOUNS:
        return None
    holder = index.named(tok.doc[end - 1])
    if holder is None or holder.type != "Person":
        return None  # "its Executive Committee": no person holds a post
    return index.mention_for(tok)


def personal_post(run: _Run, owner: Mention, noun: Token) -> Iterator[Relation]:
    """ "his lawyer, Jo Bloggs", "Jo Bloggs, her spokesman": the named holder of a personal
    post works for the person who owns it (a name or a pronoun)."""
    holders = [c for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ == "appos":
        holders.append(noun.head)
    for c in holders:
        holder = run.index.named(c)
        # a full name: a lone word the NER took for a person is as often a firm ("adviser X")
        if holder is not None and holder.type == "Person" and " " in holder.text.strip():
            yield from run.rel(holder, "worksFor", owner, noun, "appos")


#: The predicate of an internal fact "this pronoun refers to that name", chosen from the parse
#: (grammatical role and recency); resolution follows it and drops the fact.
COREF = "corefersWith"

#: How many sentences back a personal pronoun looks for its antecedent.
WINDOW = 3

_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
#: Dependencies that keep a name inside the noun phrase of its head ("Acme chief Jo Bloggs",
#: "Jo Bloggs's deal", "X, the firm's head").
_PHRASE_DEPS = frozenset({"compound", "appos", "poss", "flat", "nmod", "amod"})


def _role(tok: Token) -> int:
    """How prominent the noun phrase of ``tok`` is: 0 the subject of the main clause (or its
    possessor: "Jo Bloggs's deal"), 1 a subordinate clause's subject, 2 anything else."""
    seen = 0
    while tok.dep_ in _PHRASE_DEPS and tok.head.i != tok.i and seen < 6:
        tok = tok.head
        seen += 1
    if tok.dep_ not in _SUBJECT_DEPS:
        return 2
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "X resigned and joined Y": both verbs are the main clause's
    if verb.dep_ == "ROOT":
        # "X told reporters that Y ...": the story goes on with what was reported, Y
        reports = verb.lemma_.lower() in SPEECH_VERBS
        return 1 if reports and any(c.dep_ == "ccomp" for c in verb.children) else 0
    head = verb.head
    if verb.dep_ == "ccomp" and head.dep_ == "ROOT" and head.lemma_.lower() in SPEECH_VERBS:
        return 0
    return 1


class Salience:
    """Antecedents of personal pronouns by salience, for one parsed document."""

    def __init__(self, index: MentionIndex) -> None:
        self.index = index
        self.doc = index.doc
        self.sents = list(self.doc.sents)
        self.people = []  # (first token, root token, mention) of each named person
        self._memo: dict[int, Mention | None] = {}
        self._things: dict[int, Mention | str | None] = {}
        named = index.mentions()
        votes: dict[str, Counter[str]] = {}
        for m in named:
            votes.setdefault(_key(m), Counter())[m.type] += 1
        # a name's type is the vote of its mentions: "Acme said" tagged a person once is Acme
        self.types = {k: max(sorted(v), key=lambda t: v[t]) for k, v in votes.items()}
        full = {
            _last_word(m): m for m in named if self.type_of(m) == "Person" and " " in m.text.strip()
        }
        for m in named:
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            if self.type_of(m) == "Person":
                self.people.append((span.start, span.root, m))
            elif len(span) == 1 and full.get(span[0].lower_, m).start < m.start:
                # a person's surname alone, mistyped ("Bloggs said"): that person
                self.people.append((span.start, span.root, full[span[0].lower_]))
        for t in self.doc:  # and where the NER missed it
            person = full.get(t.lower_) if t.pos_ == "PROPN" and t.text[:1].isupper() else None
            if person is not None and index.named(t) is None and person.start < t.idx:
                self.people.append((t.i, t, person))
        self.people.sort(key=lambda p: p[0])
        from kg.extract.gazetteer import first_name_gender

        marks: dict[str, set[str]] = {}
        for first, _, m in self.people:
            words = m.text.split()
            sex = {first_name_gender(words[0])} if len(words) > 1 else set()
            prev = self.doc[first - 1] if first > 0 else None
            if (
                prev is not None
                and prev.sent.start == self.doc[first].sent.start
                and "\n" not in prev.whitespace_
                and index.named(prev) is None  # "Big Brother Jo Bloggs": no brother
            ):
                word = prev.lower_.rstrip(".")
                sex.add("M" if word in MALE_WORDS else "F" if word in FEMALE_WORDS else "")
            marks.setdefault(_last_word(m), set()).update(sex - {""})
        self._gender = {k: next(iter(v)) for k, v in marks.items() if len(v) == 1}

    def type_of(self, m: Mention) -> str:
        """The type most mentions of ``m``'s name have."""
        return self.types.get(_key(m), m.type)

    def gender(self, m: Mention) -> str:
        """ "M" or "F" when a word before a mention of the name's last word marks it ("Mr
        Bloggs", "actress Jo Bloggs"), "" when none or both."""
        return self._gender.get(_last_word(m), "")

    def antecedent(self, tok: Token) -> Mention | None:
        """The named person the personal pronoun ``tok`` refers to: a subject before it in its
        own sentence; else the subject nearest before it in the nearest earlier sentence that
        has one of a compatible gender (a pronoun subject counts as its own antecedent); else
        the nearest compatible person. On the pronoun's side of a quotation mark, at most
        :data:`WINDOW` sentences back; None when nothing fits."""
        if tok.i in self._memo:
            return self._memo[tok.i]
        self._memo[tok.i] = None  # no cycles
        out = self._antecedent(tok)
        self._memo[tok.i] = out
        return out

    def _quoted(self, tok: Token) -> bool:
        return inside(self.index.quotes, tok.idx, tok.idx + len(tok))

    def _antecedent(self, tok: Token) -> Mention | None:
        want = "M" if tok.lower_ in MALE_PRONOUNS else "F" if tok.lower_ in FEMALE_PRONOUNS else ""
        quoted = self._quoted(tok)
        here = next((k for k, s in enumerate(self.sents) if s.start <= tok.i < s.end), -1)
        nearest: Mention | None = None
        for k in range(here, max(here - WINDOW, 0) - 1, -1) if here >= 0 else ():
            sent = self.sents[k]
            end = tok.i if k == here else sent.end
            found: list[tuple[int, int, Mention]] = []  # (role, -position, mention)
            for first, root, m in self.people:
                if not sent.start <= first < end or self._quoted(root) != quoted:
                    continue
                gender = self.gender(m)
                if not want or not gender or gender == want:
                    found.append((_role(root), -first, m))
            for t in self.doc[sent.start : end]:
                if t.lower_ in _SUBJECT_PRONOUNS and t.dep_ in _SUBJECT_DEPS:
                    if (t.lower_ in MALE_PRONOUNS) == (want == "M") or not want:
                        if self._quoted(t) == quoted:
                            ante = self.antecedent(t)
                            if ante is not None:
                                found.append((_role(t), -t.i, ante))
            if not found:
                continue
            subjects = sorted(f for f in found if f[0] < 2)
            if subjects:
                return subjects[0][2]
            if nearest is None:
                nearest = min(found)[2]
        return nearest


def _key(m: Mention) -> str:
    return m.text.strip().lower().removesuffix("'s")


def _last_word(m: Mention) -> str:
    words = m.text.split()
    return words[-1].lower().removesuffix("'s") if words else ""


_SUBJECT_PRONOUNS = frozenset({"he", "she"})


def hints(index: MentionIndex, doc_id: str, extractor: str) -> list[Relation]:
    """An internal :data:`COREF` fact from each personal pronoun the rules used to the named
    person :class:`Salience` finds for it."""
    pronouns = [m for m in index.new if m.kind == "pronoun"]
    if not pronouns:
        return []
    salience = Salience(index)
    out = []
    for m in pronouns:
        span = index.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        found: Mention | str | None
        if m.head in PERSON_PRONOUNS:
            found = salience.antecedent(span[0])
        else:
            found = thing_antecedent(salience, span[0])
        # "blocked": the pronoun names none (a fact to itself, which resolution reads so)
        antecedent = m if found == BLOCKED else found
        if isinstance(antecedent, Mention):
            out.append(
                Relation(
                    subject=m,
                    predicate=COREF,
                    object=antecedent,
                    sentence=sentence_of(index.doc, span[0], doc_id),
                    extractor=extractor,
                    confidence=1.0,
                    rule="coref",
                )
            )
    return out


#: Pronouns that may refer back to an organisation ("the club ... they", British usage).
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "themselves"})
_IT = THING_PRONOUNS
_ORG_TYPES = {"Organization"}


#: What :func:`thing_antecedent` returns when another subject comes first: no antecedent.
BLOCKED = "blocked"


def thing_antecedent(salience: Salience, tok: Token) -> Mention | str | None:
    """The named organisation "it"/"its" or "they"/"their" ``tok`` refers to: the nearest
    subject before it, in its sentence or the one before, when that subject is an organisation's
    name (or a pronoun that refers to one). A plural noun subject ("analysts said they"), two
    people ("X and Y ... they") or another thing ("the deal ... it") come first: then
    :data:`BLOCKED`; None when no subject decides."""
    memo = salience._things
    if tok.i in memo:
        return memo[tok.i]
    memo[tok.i] = None
    out = _thing_antecedent(salience, tok)
    memo[tok.i] = out
    return out


def _thing_antecedent(salience: Salience, tok: Token) -> Mention | str | None:
    index, doc = salience.index, salience.doc
    plural = tok.lower_ in PLURAL_PRONOUNS
    quoted = salience._quoted(tok)
    start = tok.sent.start
    if start > 0:
        start = doc[start - 1].sent.start
    for i in range(tok.i - 1, start - 1, -1):
        t = doc[i]
        if t.dep_ not in _SUBJECT_DEPS or salience._quoted(t) != quoted:
            continue
        named = index.named(t)
        kind = salience.type_of(named) if named is not None else ""
        if named is not None:
            if kind in _ORG_TYPES:
                return BLOCKED if plural and _plural_between(doc, t.i, tok.i) else named
            if kind == "Person" and plural and any(c.dep_ == "conj" for c in t.children):
                return BLOCKED  # "Jo Bloggs and Ann Smith ... they"
            if kind in {"Place", "Product"}:
                return BLOCKED  # "Ruritania ... it": a country, not an organisation
            continue  # a person: "it" is not about them
        if t.pos_ == "PRON":
            if (t.lower_ in PLURAL_PRONOUNS) == plural and t.lower_ in PLURAL_PRONOUNS | _IT:
                return thing_antecedent(salience, t)
            continue
        if t.pos_ in {"NOUN", "PROPN"} and t.head.dep_ not in {"relcl", "advcl", "acl"}:
            if plural == (t.tag_ in {"NNS", "NNPS"}) or not plural:
                return BLOCKED  # "the deal ... it", "analysts said they"
    return None


def _plural_between(doc: Doc, start: int, end: int) -> bool:
    """Whether a plural common noun stands between tokens ``start`` and ``end``: "they" may be
    its ("Acme measured the sites ... they")."""
    return any(t.tag_ == "NNS" for t in doc[start + 1 : end])
