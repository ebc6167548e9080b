"""From a syntactic argument (a token) to the mention it stands for.

A token inside a named mention stands for that mention. Otherwise, when a relation needs it:
a personal pronoun ("he"), a definite description ("the group"), a noun phrase built on a
name ("Taliban-associated accounts", "Afghan authorities"), or, where the relation takes an
event, a specific event phrase ("a prisoner swap"). New mentions are collected in ``new``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.base import inside
from kg.extract.lexicon import (
    CHILD_NOUNS,
    DESCRIPTION_NOUNS,
    PARENT_NOUNS,
    PERSON_PRONOUNS,
    SPOUSE_NOUNS,
    TYPE_NOUNS,
    VAGUE_MODIFIERS,
)
from kg.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

KIN_NOUNS = PARENT_NOUNS | CHILD_NOUNS | SPOUSE_NOUNS


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
            return None
        if tok.pos_ not in {"NOUN", "PROPN"}:
            return None
        left = list(tok.lefts)
        dets = [t for t in left if t.dep_ == "det"]
        if any(t.lower_ in VAGUE_MODIFIERS or t.dep_ == "nummod" for t in left):
            return None
        lemma = tok.lemma_.lower()
        poss = next((t for t in left if t.dep_ == "poss"), None)
        if poss is not None and lemma in KIN_NOUNS:
            owner = self.named(poss)
            if owner is not None and owner.type not in {"Place", "Product"}:
                return self.kin(owner, tok)
        modifiers = [t for t in left if t.dep_ not in {"det", "punct", "poss", "case"}]
        if (
            lemma in DESCRIPTION_NOUNS
            and dets
            and dets[0].lower_ in {"the", "this", "that"}
            and not modifiers
        ):
            span = (dets[0].i, tok.i + 1)
            return self._make(*span, DESCRIPTION_NOUNS[lemma][0], "description", lemma)
        # A noun phrase built on a name: the name is among the head's left dependents.
        start = tok.left_edge.i
        while start < tok.i and (
            self.doc[start].dep_ in {"det", "punct", "poss", "case"}
            or self.doc[start].pos_ in {"DET", "PUNCT"}
        ):
            start = (
                self.doc[start].right_edge.i + 1 if self.doc[start].dep_ == "poss" else start + 1
            )
        names = [self._by_token[i] for i in range(start, tok.i) if i in self._by_token]
        if names and start < tok.i:
            noun_type = TYPE_NOUNS.get(lemma)
            if noun_type and names[0].type in {noun_type, ""} and names[-1].end >= tok.idx - 1:
                return names[-1]  # "the Threads app": the noun only classifies the name
            key = f"{names[0].text.lower()} {lemma}"
            return self._make(start, tok.i + 1, TYPE_NOUNS.get(lemma, "Group"), "phrase", key)
        if events and TYPE_NOUNS.get(lemma) == "Event" and dets:
            words = [t for t in left if t.dep_ in {"compound", "amod"}]
            first = min([t.i for t in words] + [tok.i])
            key = " ".join(t.lemma_.lower() for t in self.doc[first : tok.i + 1])
            return self._make(first, tok.i + 1, "Event", "phrase", key)
        return None

    def _make(self, start: int, end: int, typ: str, kind: str, head: str) -> Mention:
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

    def kin(self, possessor: Mention, noun: Token) -> Mention:
        """The person a kinship noun names: "Anas's father" (head records the relation)."""
        first = self.doc.char_span(possessor.start, possessor.end, alignment_mode="expand")
        start = first.start if first is not None else noun.i
        return self._make(start, noun.i + 1, "Person", "kin", noun.lemma_.lower())
