"""``quotes.v1``: direct and partial quotations attributed to their speaker.

A quoted passage is attributed through a speech verb ("said", "told", "tweeted") outside the
quotation marks: right after the quote (``"...," Okafor said.``; only the verb, its subject and
adverbs may stand between the mark and the verb, and a verb that introduces the next quote with
a colon is that quote's) or before it in its sentence (``Okafor said officials were
"asking ..."``). The verb's subject is the speaker; a verb without one ("..., saying: ...") takes
the subject of the clause it hangs from, a relative "who" the noun it qualifies.

The subject stands for the speaker as follows:

- a name is the speaker;
- "a spokesman for Acme", "an Acme spokeswoman", "Acme's spokesperson": the organisation;
- "he" / "she": the person the passage is about (:class:`_Passage`): walking back sentence by
  sentence, the person who is the subject of the nearest sentence that has one, of the matching
  gender (from titles and words such as "Mr", "Mrs", "actress" before a name); a sentence whose
  subject is the same pronoun carries the same person, so the walk goes on past it; a person
  named only in another role (an object, a prepositional phrase) is not the one meant; when the
  nearest subject is an unnamed person ("the lawyer"), or two people are subjects alike, no
  speaker;
- a description ("the company") or "it": what resolution makes of it.

A quote with no attribution of its own continues the quote before it when only that quote's
attribution stands between them (``"...," said Okafor. "..."``), or only white space and marks
(the next paragraph, a new mark after a quote left open). Otherwise no speaker is invented: a
wrong speaker is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kg.extract.base import add, inside, quote_spans, sentence_span, text_of
from kg.extract.lexicon import (
    FEMALE_WORDS,
    MALE_WORDS,
    PERSON_NOUNS,
    ROLE_NOUNS,
    SPEECH_VERBS,
    SPOKESPERSON_NOUNS,
)
from kg.extract.mentions import MentionIndex
from kg.graph.model import Extraction, Mention, Quotation, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Quotes shorter than this many words are scare quotes ("tanking"), not reported speech.
MIN_WORDS = 3

#: How many sentences back "he"/"she" looks for the person the passage is about.
PASSAGE_SENTENCES = 4

_SUBJECTS = {"nsubj", "nsubjpass"}
#: Clauses that share the subject of the clause they hang from ("..., saying: ...").
_SHARED_SUBJECT = {"conj", "advcl", "xcomp"}
#: What may stand between a closing mark and the verb of its attribution, besides the subject.
_BETWEEN_DEPS = {"advmod", "aux", "auxpass", "neg", "npadvmod", "punct"}
#: What "he", "she" and "it" refer to: a man, a woman, an organisation.
_GENDER = {"he": "M", "she": "F", "it": "N"}
#: Conjunctions that open a clause of time or reason, not reported words.
_TIME_MARKS = frozenset("when while after before as because since until once".split())
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class _Attribution:
    """A speech verb that attributes a quote, its speaker (None when unknown) and the
    character spans of the attribution's own words (the verb's clause, outside quotes)."""

    speaker: Mention | None
    words: tuple[tuple[int, int], ...]


class QuoteExtractor:
    """Quotations with speakers (see module docstring)."""

    name = "quotes.v1"

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        full = text_of(doc, found)  # spaCy rebuilds Doc.text at every access
        spans = [s for s in quote_spans(full) if len(full[s[0] : s[1]].split()) >= MIN_WORDS]
        index = MentionIndex(doc, found.document.id, found.mentions, spans)
        passage = _Passage(doc, full, index, spans)
        quotations: list[Quotation] = []
        previous: Quotation | None = None
        words: tuple[tuple[int, int], ...] = ()  # the previous quote's attribution
        for k, (start, end) in enumerate(spans):
            raw = full[start:end]
            text = raw.strip().strip(",")
            begin = start + raw.index(text)  # offsets of the stripped text, not of the span
            sentence = self._sentence(doc, start, found.document.id)
            following = spans[k + 1][0] if k + 1 < len(spans) else len(full)
            last = previous.speaker if previous is not None else None
            attribution = self._attribution(
                doc, full, (start, end), following, spans, passage, last
            )
            speaker = attribution.speaker if attribution is not None else None
            if (
                attribution is None
                and previous is not None
                and previous.speaker is not None
                and _continues(full, spans[k - 1][1], start, words)
            ):
                speaker = previous.speaker
            q = Quotation(found.document.id, begin, begin + len(text), text, sentence, speaker)
            quotations.append(q)
            previous = q
            words = attribution.words if attribution is not None else ()
        return add(found, mentions=index.new, quotations=quotations)

    @staticmethod
    def _sentence(doc: Doc, char: int, doc_id: str) -> Sentence:
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        sent = span.sent if span is not None else next(iter(doc.sents))
        return sentence_span(sent, doc_id)

    def _attribution(
        self,
        doc: Doc,
        full: str,
        quote: tuple[int, int],
        following: int,
        spans: list[tuple[int, int]],
        passage: _Passage,
        last: Mention | None,
    ) -> _Attribution | None:
        start, end = quote

        def speech_verbs(lo: int, hi: int) -> list[Token]:
            window = doc.char_span(lo, hi, alignment_mode="expand")
            if window is None:
                return []
            return [
                t
                for t in window
                if t.lemma_.lower() in SPEECH_VERBS
                and t.pos_ in {"VERB", "AUX"}
                and not inside(spans, t.idx, t.idx + len(t))
            ]

        end_span = doc.char_span(max(end - 1, start), end, alignment_mode="expand")
        start_span = doc.char_span(start, start + 1, alignment_mode="expand")
        windows: list[tuple[int, int, bool]] = []
        if end_span is not None:
            after = end_span.sent.end_char
            # the attribution may sit in the next sentence when the parser split at the mark
            nxt = doc.char_span(min(end + 2, len(full) - 1), len(full), "expand")
            if (
                nxt is not None
                and len(nxt)
                and nxt[0].sent.start_char - end < 4
                and "\n" not in full[end : nxt[0].sent.start_char]
            ):
                after = max(after, nxt[0].sent.end_char)
            windows.append((end, after, True))
        if start_span is not None:
            windows.append((start_span.sent.start_char, start, False))
        for lo, hi, is_after in windows:
            verbs = speech_verbs(lo, hi)
            if not is_after:
                # before the quote: the verb the quote hangs from, else the nearest one
                verbs = sorted(verbs, key=lambda v: (not _governs(v, start_span), -v.i))
            for verb in verbs:
                subject = _subject(verb)
                if subject is None:
                    continue
                if is_after and not (
                    _right_after(doc, end, verb, subject)
                    and not _introduces(full, verb, following, spans)
                    and not _reports_other(verb, spans)
                ):
                    continue
                speaker = passage.speaker(subject, last)
                return _Attribution(speaker, _clause_words(verb, spans))
        return None


def _governs(verb: Token, quote: Span | None) -> bool:
    """Whether the clause quoted from ``quote`` on hangs from ``verb`` (``Jo said: "..."``)."""
    if quote is None or not len(quote):
        return False  # a quotation with no token of its own ("''")
    return any(a.i == verb.i for a in quote[0].ancestors)


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the clause it hangs from ("he left, saying ..."); a
    relative "who" stands for the noun it qualifies."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ in _SUBJECTS), None)
        if subject is not None:
            if subject.tag_ == "WP" and verb.dep_ == "relcl":
                return verb.head
            return subject
        if verb.dep_ not in _SHARED_SUBJECT or verb.head.i == verb.i:
            return None
        verb = verb.head
    return None


def _right_after(doc: Doc, end: int, verb: Token, subject: Token) -> bool:
    """Whether only the verb, its subject and adverbs stand between a closing mark at ``end``
    and ``verb`` (``"...," Jo Bloggs, the group's leader, said``), not another clause
    (``"...?" Responding to this, Jo said: ...``)."""
    between = doc.char_span(end, verb.idx, alignment_mode="expand")
    if between is None:
        return True
    words = {t.i for t in subject.subtree} if subject.head.i == verb.i else set()
    return all(
        t.i in words
        or t.is_punct
        or t.is_space
        or (t.head.i == verb.i and t.dep_ in _BETWEEN_DEPS)
        or t.i == verb.i
        for t in between
        if t.idx >= end
    )


def _introduces(full: str, verb: Token, following: int, spans: list[tuple[int, int]]) -> bool:
    """Whether ``verb`` introduces the next quote with a colon (``Jo said: "..."``)."""
    if following >= len(full) or following < verb.idx:
        return False
    sent = verb.sent
    if following > sent.end_char + 1:
        return False
    gap = full[verb.idx + len(verb) : following]
    return gap.rstrip().rstrip("\"'\u201c\u2018").rstrip().endswith(":")


def _reports_other(verb: Token, spans: list[tuple[int, int]]) -> bool:
    """Whether ``verb`` reports words of its own outside quotes ("Jo told reporters that ..."):
    then it is not the attribution of a quote before it."""
    return any(
        c.dep_ == "ccomp"
        and c.i > verb.i
        and c.pos_ in {"VERB", "AUX"}
        and c.is_alpha
        and not inside(spans, c.idx, c.idx + len(c))
        # "he said when it was announced": a time clause the parser took for a complement
        and not any(g.i < c.i and (g.tag_ == "WRB" or g.lower_ in _TIME_MARKS) for g in c.children)
        for c in verb.children
    )


def _clause_words(verb: Token, spans: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    """Character spans of the words of ``verb``'s clause outside quotes."""
    return tuple(
        (t.idx, t.idx + len(t)) for t in verb.subtree if not inside(spans, t.idx, t.idx + len(t))
    )


def _continues(
    text: str, prev_end: int, start: int, attribution: tuple[tuple[int, int], ...]
) -> bool:
    """Whether a quote starting at ``start`` goes straight on from one ending at ``prev_end``:
    between them stand only marks, white space (a new paragraph) and the words of the first
    quote's attribution."""
    covered = [
        (max(s, prev_end), min(e, start)) for s, e in attribution if s < start and e > prev_end
    ]
    chars = list(text[prev_end:start])
    for s, e in covered:
        for i in range(s - prev_end, e - prev_end):
            chars[i] = " "
    return not any(ch.isalnum() for ch in chars)


class _Passage:
    """Who a subject stands for, and the person a passage is about (see module docstring)."""

    def __init__(self, doc: Doc, full: str, index: MentionIndex, spans: list[tuple[int, int]]):
        self.doc = doc
        self.index = index
        self.spans = spans
        self.sents = list(doc.sents)
        self._gender: dict[str, set[str]] = {}
        for m in index.mentions():
            if m.type != "Person":
                continue
            before = _WORD.findall(full[max(m.start - 24, 0) : m.start])
            word = before[-1].lower() if before else ""
            g = "M" if word in MALE_WORDS else "F" if word in FEMALE_WORDS else ""
            marks = self._gender.setdefault(_surname(m), set())
            if g:
                marks.add(g)

    def is_person(self, m: Mention) -> bool:
        """Whether ``m`` names a person: typed so, or the surname of a person named so."""
        return m.type == "Person" or (len(m.text.split()) == 1 and _surname(m) in self._gender)

    def gender(self, person: Mention) -> str:
        """The gender the text gives the person: "M", "F", or "" (none, or both)."""
        marks = self._gender.get(_surname(person), set())
        return next(iter(marks)) if len(marks) == 1 else ""

    def speaker(self, subject: Token, last: Mention | None) -> Mention | None:
        """The speaker that ``subject`` (of a speech verb) stands for; ``last`` is the speaker
        of the quote before, which the passage is about when two people are alike."""
        named = self.index.named(subject)
        if named is not None:
            return named
        lower = subject.lower_
        if lower in _GENDER and subject.pos_ == "PRON":
            return self.about(subject, _GENDER[lower], last)
        lemma = subject.lemma_.lower()
        if lemma in SPOKESPERSON_NOUNS:
            return self._represented(subject)
        described = self.index.mention_for(subject)
        if described is not None and described.kind == "description" and described.type == "Person":
            # "the actor said": only when one person of that gender is named close before
            gender = "M" if lemma in MALE_WORDS else "F" if lemma in FEMALE_WORDS else ""
            return self._only_person(subject, gender)
        return described

    def _only_person(self, tok: Token, gender: str) -> Mention | None:
        """The one person (of ``gender``, if given) named outside quotes in the sentences up to
        ``tok``, or None when there are none or several."""
        at = next(i for i, s in enumerate(self.sents) if s.start == tok.sent.start)
        seen: dict[str, Mention] = {}
        for sent in self.sents[max(at - PASSAGE_SENTENCES + 1, 0) : at + 1]:
            for t in sent:
                m = self.index.named(t)
                if t.i >= tok.i or m is None or inside(self.spans, t.idx, t.idx + len(t)):
                    continue
                if self.is_person(m) and (not gender or self.gender(m) in {"", gender}):
                    seen[_surname(m)] = m
        return next(iter(seen.values())) if len(seen) == 1 else None

    def _represented(self, noun: Token) -> Mention | None:
        """The organisation a spokesperson speaks for: "for/of/at/from X", "X's", "the X"."""
        for c in noun.children:
            target = None
            if c.dep_ == "prep" and c.lower_ in {"for", "of", "at", "from"}:
                target = next((g for g in c.children if g.dep_ == "pobj"), None)
            elif c.dep_ in {"poss", "compound"}:
                target = c
            if target is None:
                continue
            named = self.index.named(target)
            if named is not None:
                return named if named.type != "Person" else None
            described = self.index.mention_for(target)
            if described is not None and described.type != "Person":
                return described
        return None

    def about(self, pronoun: Token, gender: str, last: Mention | None) -> Mention | None:
        """The person of ``gender`` the passage before ``pronoun`` is about, or None.

        Sentences that say nothing of a person use up the look-back; one whose subject is the
        same pronoun carries the passage on and starts it afresh."""
        at = next(i for i, s in enumerate(self.sents) if s.start == pronoun.sent.start)
        budget = PASSAGE_SENTENCES
        for k in range(at, max(at - 3 * PASSAGE_SENTENCES, -1), -1):
            found = self._subject_of(self.sents[k], pronoun, gender, last)
            if found == "chain":
                budget = PASSAGE_SENTENCES
                continue
            if found == "stop":
                return None
            if isinstance(found, Mention):
                return found
            budget -= 1
            if budget == 0:
                break
        return None

    def _subject_of(
        self, sent: Span, pronoun: Token, gender: str, last: Mention | None
    ) -> Mention | str | None:
        """Who the sentence is about: a person (Mention), ``"chain"`` (a subject pronoun of
        ``gender``: the same person as an earlier sentence), ``"stop"`` (an unnamed person, or
        two people alike) or None (no person of that gender is a subject)."""
        found: list[tuple[int, Mention | str]] = []
        for tok in sent:
            if tok.i >= pronoun.i and pronoun.sent.start == sent.start:
                break
            if tok.dep_ not in _SUBJECTS or inside(self.spans, tok.idx, tok.idx + len(tok)):
                continue
            # "Jo and Bob said": both are subjects (the conjunct may hang from any word of a name)
            named = self.index.named(tok)
            words = _tokens_of(self.doc, named) if named is not None else [tok]
            for each in [tok, *(c for w in words for c in w.conjuncts)]:
                who = self._person(each, gender)
                if who is not None:
                    found.append((_depth(tok.head), who))
        if not found:
            return None
        if sent.start == pronoun.sent.start and gender != "N":
            # in the pronoun's own sentence a subject is the one meant only if no one else
            # is named before it ("Jo told us that Bob's aide saw him when he ...": unsure)
            others = {
                _surname(m) if m is not None and self.is_person(m) else "?"
                for t in sent
                if t.i < pronoun.i and not inside(self.spans, t.idx, t.idx + len(t))
                for m in [self.index.named(t)]
                if (m is not None and self.is_person(m) and self.gender(m) in {"", gender})
                or (m is None and t.lemma_.lower() in PERSON_NOUNS | ROLE_NOUNS.keys())
            }
            if len(others) > 1:
                return "stop"
        top = min(d for d, _ in found)
        first = [w for d, w in found if d == top]
        people = {_surname(w) if isinstance(w, Mention) else w for w in first}
        if len(people) == 1:
            return first[0]
        # two people alike: the one who spoke last, if he or she is one of them
        if last is not None and not any(w == "stop" for w in first):
            for w in first:
                if isinstance(w, Mention) and _surname(w) == _surname(last):
                    return w
        return "stop"

    def _person(self, tok: Token, gender: str) -> Mention | str | None:
        """What a subject token says of the passage's person of ``gender``."""
        if self.index.named(tok) is None and tok.pos_ in {"NOUN", "PROPN"}:
            # "the firm's founder, Jo Bloggs, said": the name in apposition is the subject
            names = [
                t
                for t in tok.subtree
                if t.dep_ == "appos" and (m := self.index.named(t)) is not None
                if m.type == "Person" and t.i == _root_of(self.doc, m).i
            ]
            if len(names) == 1:
                tok = names[0]
        named = self.index.named(tok)
        if gender == "N":  # "it": an organisation
            if named is not None:
                right = named.type == "Organization" and tok.i == _root_of(self.doc, named).i
                return named if right else None
            if tok.pos_ == "PRON":
                return "chain" if tok.lower_ == "it" else None
            described = self.index.mention_for(tok)
            if described is not None and described.type == "Organization":
                return described  # "the company": resolution finds which
            return None
        if named is not None:
            if not self.is_person(named):
                return None
            if tok.i != _root_of(self.doc, named).i:
                return None
            return named if self.gender(named) in {"", gender} else None
        lower = tok.lower_
        if tok.pos_ == "PRON":
            return "chain" if _GENDER.get(lower) == gender else None
        lemma = tok.lemma_.lower()
        if lemma in SPOKESPERSON_NOUNS:
            org = self._represented(tok)
            return org if org is not None else "stop"
        if lemma in PERSON_NOUNS or lemma in ROLE_NOUNS:
            return "stop"
        return None


def _tokens_of(doc: Doc, m: Mention) -> list[Token]:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return list(span) if span is not None else []


def _root_of(doc: Doc, m: Mention) -> Token:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None else doc[0]


def _depth(tok: Token) -> int:
    """How many clauses down from its sentence's root ``tok`` is (a coordinated clause is at
    the level of the one it joins)."""
    depth = 0
    for _ in range(50):
        if tok.head.i == tok.i:
            break
        depth += tok.dep_ != "conj"
        tok = tok.head
    return depth


def _surname(m: Mention) -> str:
    words = _WORD.findall(m.text)
    return words[-1].lower() if words else m.text.lower()
