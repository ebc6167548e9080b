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


class Tokens:
    """What the features read of each token of a parse, gathered once per document (reading
    spaCy's tokens pair by pair costs more than the rest of the classifier)."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import DEP, HEAD, IS_PUNCT, LEMMA, LIKE_NUM, LOWER, ORTH, POS

        self.doc = doc
        strings = doc.vocab.strings
        rows = doc.to_array([HEAD, DEP, POS, LEMMA, LOWER, ORTH, IS_PUNCT, LIKE_NUM]).tolist()
        names: dict[int, str] = {}

        def name(key: int) -> str:
            if key not in names:
                names[key] = strings[key] if key else ""
            return names[key]

        self.head = [i + r[0] - (1 << 64 if r[0] >= 1 << 63 else 0) for i, r in enumerate(rows)]
        self.dep = [name(r[1]) for r in rows]
        self.pos = [name(r[2]) for r in rows]
        self.lemma = [name(r[3]).lower() for r in rows]
        self.lower = [name(r[4]) for r in rows]
        self.text = [name(r[5]) for r in rows]
        self.punct = [bool(r[6]) for r in rows]
        # a token as a feature (:func:`_word`): numbers and names by their shape
        self.word = [
            "#NUM" if r[7] else "#PROPN" if pos == "PROPN" else lemma
            for r, pos, lemma in zip(rows, self.pos, self.lemma, strict=True)
        ]
        #: the index of the first token of each token's sentence
        self.sentence = [0] * len(rows)
        for sent in doc.sents:
            self.sentence[sent.start : sent.end] = [sent.start] * (sent.end - sent.start)
        self.children: list[list[int]] = [[] for _ in range(len(doc))]
        for i, h in enumerate(self.head):
            if h != i:
                self.children[h].append(i)
        self._roots: dict[tuple[int, int], int] = {}

    def root(self, span: tuple[int, int]) -> int:
        """The index of the syntactic root of the token span ``[start, end)``."""
        if span not in self._roots:
            self._roots[span] = self.doc[span[0] : span[1]].root.i
        return self._roots[span]

    def up(self, i: int) -> list[int]:
        """``i`` and its ancestors, up to the root of its sentence."""
        out = [i]
        while self.head[i] != i:
            i = self.head[i]
            out.append(i)
        return out


_LAST: list[Tokens] = []


def tokens_of(doc: Doc) -> Tokens:
    """The :class:`Tokens` of ``doc``, kept for the last document seen."""
    last = _LAST[-1] if _LAST else None
    if last is not None and last.doc is doc:
        return last
    made = Tokens(doc)
    _LAST[:] = [made]
    return made


def _path(t: Tokens, a: int, b: int) -> tuple[list[int], list[int]] | None:
    """Tokens from ``a`` up to the lowest common ancestor, and from ``b`` up to it (both
    ending with the ancestor); None when they are in different trees."""
    up_a = t.up(a)
    index = {i: n for n, i in enumerate(up_a)}
    up_b: list[int] = []
    for i in t.up(b):
        up_b.append(i)
        if i in index:
            break
    else:
        return None
    top = up_b[-1]
    return up_a[: index[top] + 1], up_b


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
    t = tokens_of(doc)
    word = t.word
    a, b = t.root(first), t.root(second)
    types = f"{first_type}|{second_type}"
    feats = [f"T:{types}", f"TA:{first_type}", f"TB:{second_type}"]
    gap = max(0, second[0] - first[1])
    feats.append(f"D:{_bucket(gap)}")
    between = range(first[1], second[0])
    words = [word[i] for i in between if not t.punct[i]]
    if not words:
        feats.append("BW:-")
    for w in sorted(set(words)):
        feats.append(f"BW:{w}")
    if words:
        feats.append(f"B1:{words[0]}")
        feats.append(f"BL:{words[-1]}")
    if len(words) <= 3:
        feats.append("BS:" + "_".join(words) + f"|{types}")
    punct = "".join(t.text[i] for i in between if t.punct[i])[:4]
    feats.append(f"BP:{punct}")
    feats.append("W-1:" + (word[first[0] - 1] if first[0] > 0 else "^"))
    feats.append("W+1:" + (word[second[1]] if second[1] < len(word) else "$"))
    feats.append(f"DA:{t.dep[a]}")
    feats.append(f"DB:{t.dep[b]}")
    if quoted:
        feats.append("QUOTE")
    readings = sorted(set(rules))
    for r in readings:
        feats.append(f"R:{r}")
        feats.append(f"R:{r}|{types}")
    feats.append("R:" + ("any" if readings else "none"))

    cue_tokens: list[int] = list(between)
    path = _path(t, a, b)
    if path is None:
        feats.append("P:none")
    else:
        up, down = path
        top = up[-1]
        steps = [f"{t.dep[i]}^" for i in up[:-1]] + [f"{t.dep[i]}v" for i in reversed(down[:-1])]
        inner = up[1:] + list(reversed(down[1:-1]))
        inner_words = (
            [word[i] for i in up[1:-1]] + [word[top]] + [word[i] for i in reversed(down[1:-1])]
        )
        if a == b:
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
        feats.append(f"LCA:{word[top]}|{t.pos[top]}")
        feats.append(f"LCAT:{word[top]}|{types}")
        for i in inner:
            feats.append(f"PW:{word[i]}")
        cue_tokens.extend(inner)
        # a possessive or compound straight on a head ("Acme's founder X", "Acme chief X")
        for h in (a, b):
            for child in t.children[h]:
                if t.dep[child] in {"appos", "compound", "poss", "amod", "prep"} and not (
                    first[0] <= child < first[1] or second[0] <= child < second[1]
                ):
                    feats.append(f"HC:{t.dep[child]}:{word[child]}")
    classes = lexicon_classes()
    hedges = _hedges()
    negated = hedged = False
    for i in cue_tokens:
        lemma = t.lemma[i]
        for name in classes.get(lemma, ()):
            feats.append(f"TR:{name}")
            feats.append(f"TR:{name}|{types}")
        for child in t.children[i]:
            low = t.lower[child]
            if t.dep[child] == "neg" or low in _NEG:
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
