"""``entities.v1``: named-entity mentions from spaCy NER, cleaned and completed.

- NER spans mapped to core classes, trimmed of articles, possessive endings and stray
  punctuation ("Threads - the Taliban" -> "Threads"), hashtags kept whole ("#BanTaliban");
- proper-noun runs the NER missed ("Timothy Weeks"), typed by their coordination partners;
- a name before an organisation noun of another kind becomes one organisation name
  ("the Kennedy foundation"); a type noun after a name of the same kind is a type hint
  ("the Threads app" -> Threads, a Product);
- every later occurrence of a known name, surname or first name ("Weeks" after
  "Timothy Weeks"), even where the NER tagged it as something else.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.base import add, inside, quote_spans, sentences
from kg.extract.lexicon import NER_TYPES, TYPE_NOUNS
from kg.model import Extraction, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

_TRIM_LEFT = {"DET", "PUNCT", "SPACE", "ADP", "CCONJ", "PART"}
_KEEP_PUNCT = {"-", "&", ".", "'", "\u2019"}


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token bounds without leading articles/punctuation, trailing 's, cut at inner punctuation."""
    while start < end and doc[start].pos_ in _TRIM_LEFT and doc[start].text != "#":
        start += 1
    for i in range(start, end):
        tok = doc[i]
        if (tok.is_punct and tok.text not in _KEEP_PUNCT and tok.text != "#") or tok.is_space:
            end = i
            break
        if tok.text in {"-", "\u2013", "\u2014"} and tok.whitespace_:
            end = i
            break
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    if start > 0 and doc[start - 1].text == "#" and not doc[start - 1].whitespace_:
        start -= 1
    if end <= start or not any(c.isalpha() for c in doc[start:end].text):
        return None
    return start, end


def _strip_possessive(text: str) -> str:
    for suffix in ("'s", "\u2019s"):
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


class EntityExtractor:
    """Named-entity mentions (see module docstring)."""

    name = "entities.v1"

    def extract(self, doc: Doc, found: Extraction) -> Extraction:
        doc_id = found.document.id
        quotes = quote_spans(doc.text)
        spans: dict[tuple[int, int], str] = {}  # token bounds -> core type ("" = unknown)
        taken: set[int] = set()

        def claim(start: int, end: int, typ: str) -> bool:
            if any(i in taken for i in range(start, end)):
                return False
            spans[(start, end)] = typ
            taken.update(range(start, end))
            return True

        for ent in doc.ents:
            typ = NER_TYPES.get(ent.label_)
            if typ is None:
                continue
            bounds = _trim(doc, ent.start, ent.end)
            if bounds:
                claim(*bounds, typ)
        self._proper_runs(doc, claim)
        self._type_nouns(doc, spans, taken)
        self._propagate(doc, spans, claim)

        mentions = []
        for (start, end), typ in sorted(spans.items()):
            span: Span = doc[start:end]
            text = _strip_possessive(span.text)
            if not text.strip():
                continue
            s, e = span.start_char, span.start_char + len(text)
            mentions.append(Mention(doc_id, s, e, text, typ, "name", in_quote=inside(quotes, s, e)))
        if not found.sentences:
            found = replace(found, sentences=sentences(doc, doc_id))
        return add(found, mentions=mentions)

    @staticmethod
    def _proper_runs(doc: Doc, claim) -> None:  # type: ignore[no-untyped-def]
        """Runs of two or more capitalised proper nouns the NER missed."""
        i = 0
        while i < len(doc):
            j = i
            while j < len(doc) and (
                (doc[j].pos_ == "PROPN" and doc[j].text[:1].isupper())
                or (
                    doc[j].text == "-"
                    and j > i
                    and not doc[j - 1].whitespace_
                    and not doc[j].whitespace_
                    and j + 1 < len(doc)
                    and doc[j + 1].pos_ == "PROPN"
                )
            ):
                j += 1
            if j - i >= 2:
                claim(i, j, _partner_type(doc, i, j))
            i = max(j, i + 1)

    @staticmethod
    def _type_nouns(doc: Doc, spans: dict[tuple[int, int], str], taken: set[int]) -> None:
        """A name followed by a type noun: join it into an organisation name, or type it."""
        for (start, end), typ in sorted(spans.items()):
            if end >= len(doc):
                continue
            last, nxt = doc[end - 1], doc[end]
            noun_type = TYPE_NOUNS.get(nxt.lemma_.lower())
            if not noun_type or nxt.pos_ != "NOUN" or last.head.i != nxt.i or nxt.i in taken:
                continue
            if noun_type == "Organization" and typ in {"Person", "Place"}:
                del spans[(start, end)]
                spans[(start, end + 1)] = "Organization"
                taken.add(end)
            elif noun_type in {"Product", "Event"} and typ in {"", "Organization", "Product"}:
                spans[(start, end)] = noun_type

    @staticmethod
    def _propagate(doc: Doc, spans: dict[tuple[int, int], str], claim) -> None:  # type: ignore[no-untyped-def]
        """Find later occurrences of known names, and of persons' surnames and first names."""
        forms: dict[str, set[tuple[str, ...]]] = {}
        for (start, end), typ in spans.items():
            span = doc[start:end]
            words = tuple(t.text for t in span)
            forms.setdefault(words[0], set()).add(words)
            names = [t for t in span if t.is_alpha and t.text[:1].isupper() and len(t) > 2]
            if typ == "Person" and len(names) >= 2:
                for t in (names[0], names[-1]):
                    forms.setdefault(t.text, set()).add((t.text,))
        for tok in doc:
            if not (tok.text[:1].isupper() or tok.text.startswith("#")):
                continue
            for words in sorted(forms.get(tok.text, ()), key=len, reverse=True):
                end = tok.i + len(words)
                if tuple(t.text for t in doc[tok.i : end]) == words:
                    claim(tok.i, end, "")
                    break


def _partner_type(doc: Doc, start: int, end: int) -> str:
    """The entity type of a coordinated or appositive partner of tokens[start:end], if any."""
    root: Token = doc[start:end].root
    partners = list(root.conjuncts)
    if root.dep_ == "appos":
        partners.append(root.head)
    for tok in partners:
        if tok.ent_type_ and tok.ent_type_ in NER_TYPES:
            return NER_TYPES[tok.ent_type_]
    return ""
