"""``quotes.v1``: direct and partial quotations attributed to their speaker.

A quoted passage is attributed through a speech verb ("said", "told", "tweeted") outside the
quotation marks, in the sentence that closes the quote (``"...," Okafor said.``) or that opens it
(``Okafor said officials were "asking ..."``); its subject is the speaker, a name or a pronoun
that resolution links to a person. A quote with no attribution of its own that directly follows
an attributed one (the next paragraph, or a new mark after a quote left open) continues it.
Otherwise no speaker is invented.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extract.base import add, inside, quote_spans, sentence_span, text_of
from kg.extract.lexicon import SPEECH_VERBS
from kg.extract.mentions import MentionIndex
from kg.model import Extraction, Mention, Quotation, Sentence

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Quotes shorter than this many words are scare quotes ("tanking"), not reported speech.
MIN_WORDS = 3


class QuoteExtractor:
    """Quotations with speakers (see module docstring)."""

    name = "quotes.v1"

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        full = text_of(doc, found)  # spaCy rebuilds Doc.text at every access
        spans = [s for s in quote_spans(full) if len(full[s[0] : s[1]].split()) >= MIN_WORDS]
        index = MentionIndex(doc, found.document.id, found.mentions, spans)
        quotations: list[Quotation] = []
        previous: Quotation | None = None
        for start, end in spans:
            raw = full[start:end]
            text = raw.strip().strip(",")
            begin = start + raw.index(text)  # offsets of the stripped text, not of the span
            sentence = self._sentence(doc, start, found.document.id)
            speaker = self._speaker(doc, full, start, end, spans, index)
            if (
                speaker is None
                and previous is not None
                and previous.speaker is not None
                and _adjacent(full, previous.end, start)
            ):
                speaker = previous.speaker
            q = Quotation(found.document.id, begin, begin + len(text), text, sentence, speaker)
            quotations.append(q)
            previous = q
        return add(found, mentions=index.new, quotations=quotations)

    @staticmethod
    def _sentence(doc: Doc, char: int, doc_id: str) -> Sentence:
        span = doc.char_span(char, char + 1, alignment_mode="expand")
        sent = span.sent if span is not None else next(iter(doc.sents))
        return sentence_span(sent, doc_id)

    def _speaker(
        self,
        doc: Doc,
        full: str,
        start: int,
        end: int,
        spans: list[tuple[int, int]],
        index: MentionIndex,
    ) -> Mention | None:
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
        windows: list[tuple[int, int]] = []
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
            windows.append((end, after))
        if start_span is not None:
            windows.append((start_span.sent.start_char, start))
        for lo, hi in windows:
            for verb in speech_verbs(lo, hi):
                for subj in (c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}):
                    mention = index.mention_for(subj)
                    if mention is not None:
                        return mention
        return None


def _adjacent(text: str, prev_end: int, start: int) -> bool:
    """Whether a quote starting at ``start`` goes straight on from one ending at ``prev_end``.

    The quote opens the next paragraph (blank lines between are fine), or only a new mark
    follows a quote the writer left open.
    """
    between = text[prev_end:start]
    if len(between.strip()) <= 1:
        return True  # only the opening mark
    lines = between.split("\n")  # the next paragraph, after the rest of the attributed one
    return len(lines) > 1 and len(lines[-1].strip()) <= 1 and not "".join(lines[1:-1]).strip()
