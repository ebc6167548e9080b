"""From a syntactic argument (a token) to the mention it stands for.

A token inside a named mention stands for that mention. Otherwise, when a relation needs it:
a personal pronoun ("he", "it"), a name in apposition to a kin or role noun ("his niece Jo
Bloggs"), a definite description ("the group"; "the veteran MP" for a person), a noun phrase
built on a name ("Junta-linked accounts", "French authorities"; "the Acme board" is Acme),
or, where the relation takes an event, a specific event phrase ("a prisoner swap"). New
mentions are collected in ``new``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.base import inside
from kg.extract.coref import PLURAL_PRONOUNS
from kg.extract.lexicon import (
    CHILD_NOUNS,
    DESCRIPTION_NOUNS,
    ORG_BODY_NOUNS,
    PARENT_NOUNS,
    PERSON_NOUNS,
    PERSON_PRONOUNS,
    ROLE_NOUNS,
    SPOUSE_NOUNS,
    THING_PRONOUNS,
    TYPE_NOUNS,
    VAGUE_MODIFIERS,
)
from kg.graph.model import Mention, MentionKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

KIN_NOUNS = PARENT_NOUNS | CHILD_NOUNS | SPOUSE_NOUNS
_DASHES = {"-", "\u2013", "\u2014"}


class MentionIndex:
    """Mentions of one document by token, creating phrase mentions on demand."""

    def __init__(
        self, doc: Doc, doc_id: str, mentions: tuple[Mention, ...], quotes: list[tuple[int, int]]
    ) -> None:
        self.doc = doc
        self.doc_id = doc_id
        self.quotes = quotes
        self.new: list[Mention] = []
        self._by_token: dict[int, Mention] = {}
        self._made: dict[tuple[int, int], Mention] = {}
        for m in mentions:
            if m.kind != "name":
                continue
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                self._by_token[tok.i] = m

    def mentions(self) -> list[Mention]:
        """The named mentions, in text order."""
        return sorted(set(self._by_token.values()), key=lambda m: (m.start, m.end))

    def named(self, tok: Token) -> Mention | None:
        """The named mention that covers ``tok``."""
        return self._by_token.get(tok.i)

    def mention_for(self, tok: Token, *, events: bool = False) -> Mention | None:
        """The mention ``tok`` (the head of an argument) stands for, or None."""
        named = self.named(tok)
        if named is not None:
            return named
        lower = tok.lower_
        if tok.pos_ == "PRON":
            if lower in PERSON_PRONOUNS:
                return self._make(tok.i, tok.i + 1, "Person", "pronoun", lower)
            if (lower in THING_PRONOUNS or lower in PLURAL_PRONOUNS) and tok.dep_ != "expl":
                return self._make(tok.i, tok.i + 1, "Organization", "pronoun", lower)
            return None
        if tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        lemma = tok.lemma_.lower()
        if (
            lemma in KIN_NOUNS
            or lemma in ROLE_NOUNS
            or lemma in PERSON_NOUNS
            or ((lemma in DESCRIPTION_NOUNS or lemma in TYPE_NOUNS) and tok.tag_ == "NN")
        ):
            # "his niece Jo Bloggs", "the firm's founder, Jo Bloggs", "the firm Acme": the name
            # in apposition, not an antecedent of the description
            for c in tok.rights:
                if c.dep_ == "appos" and self.named(c) is not None:
                    return self.named(c)
        left = list(tok.lefts)
        dets = [t for t in left if t.dep_ == "det"]
        if any(t.lower_ in VAGUE_MODIFIERS or (t.dep_ == "nummod" and not _year(t)) for t in left):
            return None
        if any(t.dep_ == "nummod" for t in left) and not (
            events and TYPE_NOUNS.get(lemma) == "Event"
        ):
            return None  # a year names only an event: "the 2001 election"
        lemma = tok.lemma_.lower()
        poss = next((t for t in left if t.dep_ == "poss"), None)
        if poss is not None and lemma in KIN_NOUNS:
            owner = self.named(poss)
            if owner is not None and owner.type not in {"Place", "Product"}:
                return self.kin(owner, tok)
        modifiers = [t for t in left if t.dep_ not in {"det", "punct", "poss", "case"}]
        if (
            lemma in DESCRIPTION_NOUNS
            and tok.tag_ != "NNS"
            and dets
            and dets[0].lower_ in {"the", "this", "that"}
            and not modifiers
            # "this country" is where the speaker is, seldom the country last named
            and (dets[0].lower_ == "the" or DESCRIPTION_NOUNS[lemma][0] != "Place")
        ):
            span = (dets[0].i, tok.i + 1)
            return self._make(*span, DESCRIPTION_NOUNS[lemma][0], "description", lemma)
        # "the veteran MP": a person described by a role, not introduced by "of"/"at"
        if (
            (lemma in ROLE_NOUNS or lemma in PERSON_NOUNS)
            and lemma not in KIN_NOUNS
            and tok.tag_ not in {"NNS", "NNPS"}  # "the administrators" are not one person
            and dets
            and dets[0].lower_ == "the"
            and poss is None
            and all(t.dep_ in {"det", "amod", "compound", "punct"} for t in left)
            and not any(c.dep_ in {"prep", "appos"} for c in tok.rights)
        ):
            return self._make(dets[0].i, tok.i + 1, "Person", "description", lemma)
        # A noun phrase built on a name: the name is among the head's left dependents.
        start = tok.left_edge.i
        while start < tok.i and (
            self.doc[start].dep_ in {"det", "punct", "poss", "case"}
            or self.doc[start].pos_ in {"DET", "PUNCT"}
        ):
            start = (
                self.doc[start].right_edge.i + 1 if self.doc[start].dep_ == "poss" else start + 1
            )
        # "Acme - the region's largest firm": the name before a spaced dash is the entity
        lead = self._by_token.get(tok.left_edge.i)
        dash = self.doc[self.doc[tok.left_edge.i].right_edge.i + 1 :][:1]
        if lead is not None and len(dash) and dash[0].text in _DASHES and dash[0].whitespace_:
            return lead
        for i in range(start, tok.i):
            if self.doc[i].is_punct and self.doc[i].whitespace_ and self.doc[i].text != "'":
                start = i + 1
        names = [
            self._by_token[i]
            for i in range(start, tok.i)
            if i in self._by_token and _compound_of(self.doc[i], tok)
        ]
        if names and start < tok.i:
            if lemma in ORG_BODY_NOUNS and names[-1].type != "Person":
                return names[-1]
            noun_type = TYPE_NOUNS.get(lemma)
            between = self.doc.char_span(names[-1].end, tok.idx, alignment_mode="expand")
            close = between is None or all(t.is_lower and t.dep_ == "compound" for t in between)
            fits = {noun_type} if noun_type == "Event" else {noun_type, ""}
            if noun_type and names[0].type in fits and close:
                return names[-1]  # "the Zapp app": the noun only classifies the name
            key = f"{names[0].text.lower()} {lemma}"
            return self._make(start, tok.i + 1, TYPE_NOUNS.get(lemma, "Group"), "phrase", key)
        words = [t for t in left if t.dep_ in {"compound", "amod"} or _year(t)]
        if events and TYPE_NOUNS.get(lemma) == "Event" and dets and words:
            first = min([t.i for t in words] + [tok.i])
            key = " ".join(t.lemma_.lower() for t in self.doc[first : tok.i + 1])
            return self._make(first, tok.i + 1, "Event", "phrase", key)
        return None

    def _make(self, start: int, end: int, typ: str, kind: MentionKind, head: str) -> Mention:
        if (start, end) in self._made:
            return self._made[(start, end)]
        span = self.doc[start:end]
        s, e = span.start_char, span.end_char
        mention = Mention(
            self.doc_id,
            s,
            e,
            span.text,
            typ,
            kind,
            head=head,
            in_quote=inside(self.quotes, s, e),
        )
        self._made[(start, end)] = mention
        self.new.append(mention)
        return mention

    def joined(self, town: Mention, region: Mention) -> Mention:
        """One place mention for a town written with its region ("Leeds, Yorkshire")."""
        first = self.doc.char_span(town.start, town.end, alignment_mode="expand")
        last = self.doc.char_span(region.start, region.end, alignment_mode="expand")
        if first is None or last is None:
            return town
        return self._make(first.start, last.end, "Place", "name", "")

    def kin(self, possessor: Mention, noun: Token) -> Mention:
        """The person a kinship noun names: "Ada's father" (head records the relation)."""
        first = self.doc.char_span(possessor.start, possessor.end, alignment_mode="expand")
        start = first.start if first is not None else noun.i
        return self._make(start, noun.i + 1, "Person", "kin", noun.lemma_.lower())


def _compound_of(tok: Token, head: Token) -> bool:
    """Whether ``tok`` modifies ``head`` through compounds and names only (not "X-based")."""
    while tok.i != head.i:
        if tok.dep_ not in {"compound", "nmod", "poss", "case", "punct", "cc", "conj"}:
            if tok.dep_ != "amod" or tok.pos_ == "VERB":
                return False
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return True


def _year(tok: Token) -> bool:
    """Whether ``tok`` is a year written before a noun ("the 2001 election")."""
    return len(tok.text) == 4 and tok.text.isdigit() and tok.text[:2] in {"19", "20"}
