"""Sparse features of a pair of mentions in one parsed sentence, and their stable hashes.

A pair is two token spans of one sentence in text order. Its features are strings: the
entity types, order and token distance, the words between (lemmas), the dependency path
between the two heads (labels and lemmas), the trigger words on it with their classes in the
rule lexicon (:mod:`kg.extract.lexicon`), and negation and hedge cues. Names themselves are
never features (a model should not learn who is who). Each string is hashed with CRC-32,
which is the same on every machine and run (Python's ``hash`` is salted per process).

>>> hashed(["T:Person|Place"]) == hashed(["T:Person|Place"])
True
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Pairs further apart than this many tokens are not scored.
MAX_DISTANCE = 30
#: Paths longer than this many steps are summarised by their length.
MAX_PATH = 6

_NEG = frozenset({"not", "n't", "never", "no"})


@cache
def lexicon_classes() -> dict[str, tuple[str, ...]]:
    """Lemma -> the relations the rule lexicon ties it to ("join" -> memberOf, "born" ...)."""
    from kg.extract import lexicon as lx

    out: dict[str, set[str]] = {}

    def put(word: str, target: object) -> None:
        names = [target] if isinstance(target, str) else list(dict(target).values())  # type: ignore[call-overload]
        for name in names:
            out.setdefault(word, set()).add(str(name))

    for (verb, _), target in [*lx.VERBS.items(), *lx.VERB_PREPS.items()]:
        put(verb, target)
    for (verb, _), name in lx.PASSIVE_PLACE.items():
        put(verb, name)
    for word, name in lx.AS_VERBS.items():
        put(word, name)
    for word, target in lx.NOUNS.items():
        put(word, target)
    for word, name in lx.ROLE_NOUNS.items():
        put(word, name)
    for word in lx.SPEECH_VERBS:
        put(word, "said")
    for word in lx.KILLER_NOUNS | lx.DEATH_WORDS:
        put(word, "killed")
    for word in lx.PARENT_NOUNS | lx.CHILD_NOUNS:
        put(word, "childOf")
    for word in lx.SPOUSE_NOUNS:
        put(word, "spouseOf")
    for word in lx.HOME_NOUNS | lx.HOME_PLACE_NOUNS:
        put(word, "livesIn")
    return {k: tuple(sorted(v)) for k, v in out.items()}


@cache
def _hedges() -> frozenset[str]:
    from kg.extract import lexicon as lx

    return lx.HEDGE_ADVERBS | lx.HEDGE_MODALS | lx.HEDGE_GOVERNORS


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "more"


def _word(tok: Token) -> str:
    """A token as a feature: its lemma in lower case; numbers and names by their shape."""
    if tok.like_num:
        return "#NUM"
    if tok.pos_ == "PROPN":
        return "#PROPN"
    return tok.lemma_.lower()


def _path(a: Token, b: Token) -> tuple[list[Token], list[Token]] | None:
    """Tokens from ``a`` up to the lowest common ancestor, and from ``b`` up to it (both
    ending with the ancestor); None when they are in different trees."""
    up_a = [a, *a.ancestors]
    index = {t.i: n for n, t in enumerate(up_a)}
    up_b: list[Token] = []
    for t in [b, *b.ancestors]:
        up_b.append(t)
        if t.i in index:
            break
    else:
        return None
    top = up_b[-1]
    return up_a[: index[top.i] + 1], up_b


def pair_features(
    doc: Doc,
    first: tuple[int, int],
    second: tuple[int, int],
    first_type: str,
    second_type: str,
    quoted: bool = False,
    rules: Iterable[str] = (),
) -> list[str]:
    """The features of two mentions given as token spans ``[start, end)`` in text order.

    ``rules`` are the readings the rule extractor gave the pair (labels as in
    :mod:`kg.learn.labels`, ``"open"`` for a verb outside the inventory): the classifier
    learns when to trust them.
    """
    a_span = doc[first[0] : first[1]]
    b_span = doc[second[0] : second[1]]
    a, b = a_span.root, b_span.root
    types = f"{first_type}|{second_type}"
    feats = [f"T:{types}", f"TA:{first_type}", f"TB:{second_type}"]
    gap = max(0, second[0] - first[1])
    feats.append(f"D:{_bucket(gap)}")
    between = doc[first[1] : second[0]]
    words = [_word(t) for t in between if not t.is_punct]
    if not words:
        feats.append("BW:-")
    for w in sorted(set(words)):
        feats.append(f"BW:{w}")
    if words:
        feats.append(f"B1:{words[0]}")
        feats.append(f"BL:{words[-1]}")
    if len(words) <= 3:
        feats.append("BS:" + "_".join(words) + f"|{types}")
    punct = "".join(t.text for t in between if t.is_punct)[:4]
    feats.append(f"BP:{punct}")
    before = doc[first[0] - 1] if first[0] > 0 else None
    after = doc[second[1]] if second[1] < len(doc) else None
    feats.append("W-1:" + (_word(before) if before is not None else "^"))
    feats.append("W+1:" + (_word(after) if after is not None else "$"))
    feats.append(f"DA:{a.dep_}")
    feats.append(f"DB:{b.dep_}")
    if quoted:
        feats.append("QUOTE")
    readings = sorted(set(rules))
    for r in readings:
        feats.append(f"R:{r}")
        feats.append(f"R:{r}|{types}")
    feats.append("R:" + ("any" if readings else "none"))

    cue_tokens: list[Token] = list(between)
    path = _path(a, b)
    if path is None:
        feats.append("P:none")
    else:
        up, down = path
        top = up[-1]
        steps = [f"{t.dep_}^" for t in up[:-1]] + [f"{t.dep_}v" for t in reversed(down[:-1])]
        inner = up[1:] + list(reversed(down[1:-1]))
        inner_words = (
            [_word(t) for t in up[1:-1]] + [_word(top)] + [_word(t) for t in reversed(down[1:-1])]
        )
        if a.i == b.i:
            feats.append("P:same")
        elif len(steps) <= MAX_PATH:
            feats.append("PL:" + " ".join(steps))
            feats.append("PL:" + " ".join(steps) + f"|{types}")
            mixed = []
            for n, step in enumerate(steps[:-1]):
                mixed.append(step)
                if n < len(inner_words):
                    mixed.append(inner_words[n])
            mixed.append(steps[-1])
            feats.append("PF:" + " ".join(mixed))
        else:
            feats.append(f"PN:{_bucket(len(steps))}")
        feats.append(f"LCA:{_word(top)}|{top.pos_}")
        feats.append(f"LCAT:{_word(top)}|{types}")
        for t in inner:
            feats.append(f"PW:{_word(t)}")
        cue_tokens.extend(inner)
        # a possessive or compound straight on a head ("Acme's founder X", "Acme chief X")
        for t in (a, b):
            for child in t.children:
                if child.dep_ in {"appos", "compound", "poss", "amod", "prep"} and not (
                    child.i in range(first[0], first[1]) or child.i in range(second[0], second[1])
                ):
                    feats.append(f"HC:{child.dep_}:{_word(child)}")
    classes = lexicon_classes()
    hedges = _hedges()
    negated = hedged = False
    for t in cue_tokens:
        lemma = t.lemma_.lower()
        for name in classes.get(lemma, ()):
            feats.append(f"TR:{name}")
            feats.append(f"TR:{name}|{types}")
        for child in t.children:
            low = child.lower_
            if child.dep_ == "neg" or low in _NEG:
                negated = True
            if low in hedges:
                hedged = True
        if lemma in hedges:
            hedged = True
    if negated:
        feats.append("NEG")
    if hedged:
        feats.append("HEDGE")
    feats.append("BIAS")
    return feats


def hashed(features: Iterable[str]) -> list[int]:
    """The CRC-32 of each feature string, sorted and without repeats."""
    return sorted({zlib.crc32(f.encode("utf-8")) for f in features})
