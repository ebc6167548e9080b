"""Pronouns and descriptions as arguments of the rules that read a name's premodifiers.

"His lawyer Jo Bloggs", "its chairman Jo Bloggs": the possessive pronoun owns the post the way
a name does in "Acme's chairman Jo Bloggs". The pronoun becomes a mention of its own, which
resolution (``kg.resolve``) attaches to its antecedent or drops with its facts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.lexicon import PERSON_PRONOUNS, THING_PRONOUNS

if TYPE_CHECKING:
    from collections.abc import Iterator

    from spacy.tokens import Token

    from kg.extract.mentions import MentionIndex
    from kg.extract.relations import _Run
    from kg.model import Mention, Relation

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
    if lower in PERSON_PRONOUNS and not posts & PERSONAL_POSTS:
        return None
    if lower not in PERSON_PRONOUNS and lower not in THING_PRONOUNS:
        return None
    return index.mention_for(tok)


def personal_post(run: _Run, owner: Mention, noun: Token) -> Iterator[Relation]:
    """ "his lawyer, Jo Bloggs", "Jo Bloggs, her spokesman": the named holder of a personal
    post works for the person who owns it (a name or a pronoun)."""
    holders = [c for c in noun.children if c.dep_ == "appos"]
    if noun.dep_ == "appos":
        holders.append(noun.head)
    for c in holders:
        holder = run.index.named(c)
        if holder is not None and holder.type in {"Person", ""}:
            yield from run.rel(holder, "worksFor", owner, noun, "appos")
