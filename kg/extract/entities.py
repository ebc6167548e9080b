"""``entities.v1``: named-entity mentions from spaCy NER, cleaned and completed.

- NER spans mapped to core classes; adjacent spans of one label joined ("North" + "Town");
  trimmed of articles, possessive endings, stray punctuation ("Acme - the rival" -> "Acme"),
  lower-case words and role nouns at the edges ("pro-reform Green MP" -> "Green"), honorifics
  ("Mr Smith" -> "Smith", a person); hashtags kept whole ("#SaveTheBees");
- proper-noun runs the NER missed ("Walter Brennan"), typed by their coordination partners;
- a name before an organisation noun of another kind becomes one organisation name
  ("the Brennan foundation"); a type noun after a name of the same kind is a type hint
  ("the Zapp app" -> Zapp, a Product);
- type cues that outvote a small model's NER: an honorific before the name, an organisation
  suffix ("Ltd", "Holdings"), a person noun in apposition ("X, a confidant of Y"), a noun only
  organisations have ("X's shareholders");
- every later occurrence of a known name, surname or first name ("Brennan" after
  "Walter Brennan"), even where the NER tagged it as something else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.extract.base import add, inside, quote_spans, sentences, text_of
from kg.extract.dateline import datelines
from kg.extract.gazetteer import is_demonym, region
from kg.extract.gazetteer import lookup as country_lookup
from kg.extract.lexicon import (
    CHILD_NOUNS,
    COMPASS_WORDS,
    FACILITY_NOUNS,
    HOME_NOUNS,
    HOME_PLACE_NOUNS,
    HONORIFICS,
    KILLER_NOUNS,
    NAME_CONNECTORS,
    NER_TYPES,
    ORG_PART_NOUNS,
    ORG_SUFFIXES,
    PARENT_NOUNS,
    PERSON_NOUNS,
    PLACE_POSTS,
    POST_NOMINALS,
    ROLE_IN_WORK_NOUNS,
    ROLE_NOUNS,
    SPOUSE_NOUNS,
    TYPE_NOUNS,
    role_relation,
)
from kg.extract.nlp import known_words
from kg.graph.model import Extraction, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

#: Records a name's token bounds and type; False if its tokens are already taken.
Claim = Callable[[int, int, str], bool]

_ORDINAL = re.compile(r"^\d+(st|nd|rd|th)$")
#: A score written as one token: "3-1", "6-4".
_SCORE_PART = re.compile(r"\d{1,3}[-\u2013]\d{1,3}")
_TRIM_LEFT = {"DET", "PUNCT", "SPACE", "ADP", "CCONJ", "PART"}
_KEEP_PUNCT = {"-", "&", ".", "'", "\u2019"}
#: Events named after a body: "the Ruritanian Parliament elections", "the G9 summit", "the
#: G9 meeting".
_NAMED_EVENTS = {"election", "elections", "summit", "referendum", "meeting", "conference"}
#: Kind nouns that also end place names ("West Bank", "Gold Coast") or are too loose to type.
_NOT_KINDS = {"bank", "group", "network", "site", "service", "board", "studio", "label", "show"}


#: Last words of the names of events and awards ("the Leeds Grand Prix", "the Golden Globe
#: Awards"), beyond the event nouns of TYPE_NOUNS.
_EVENT_ENDS = frozenset("championships prix olympics olympiad award awards prize".split())
#: Last words of the names of firms of the arts: record labels and film studios.
_FIRM_ENDS = frozenset("records recordings studios pictures".split())
#: Words before "Games" in the name of a sports event ("Winter Games"; "Acme Games" is a firm).
_GAMES_KINDS = frozenset("olympic paralympic winter summer youth world".split())
#: Event nouns of TYPE_NOUNS that end the names of events only ("the Leeds Festival"; not
#: "Deal" or "Swap", which end titles and firms' names too).
_EVENT_NOUN_ENDS = frozenset(
    "war election elections summit tournament festival ceremony referendum championship cup".split()
)


#: Irregular plurals that own the rest of a name: "the Zenda Women's Institute".
_IRREGULAR_PLURALS = frozenset("men women children people".split())


def _plural_owner(doc: Doc, i: int) -> bool:
    """Whether the possessive at token ``i`` follows a capitalised plural common noun, and so
    stays inside a name ("the Zenda Boys' School", "the Miners' Welfare Association", "the
    Zenda Children's Awards"); a person's or a firm's possessive ends the name ("Acme's Leeds
    plant", "Jo Bloggs's Zenda Award")."""
    if i == 0:
        return False
    owner = doc[i - 1]
    word = owner.lower_
    if not owner.text[:1].isupper() or owner.ent_type_ == "PERSON":
        return False
    if word in _IRREGULAR_PLURALS:
        return True
    return (
        doc[i].text in {"'", "\u2019"}
        and word.endswith("s")
        and not word.endswith("ss")
        and word[:-1] in known_words("noun")
    )


def _is_honorific(tok: Token) -> bool:
    return tok.text.rstrip(".").lower() in HONORIFICS and tok.text[:1].isupper()


def _is_role(tok: Token) -> bool:
    return tok.lemma_.lower() in ROLE_NOUNS or tok.lower_ in ROLE_NOUNS


def _opens_org(tok: Token) -> bool:
    """Whether a capitalised role word opens an organisation's name the NER found, as an
    adjective does ("International Widget Fund"), rather than titling a person ("President
    Jo Bloggs")."""
    if tok.ent_type_ != "ORG" or tok.pos_ not in {"ADJ", "PROPN"}:
        return False
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return tok.ent_iob_ == "B" or (
        before is not None and before.pos_ == "DET" and before.ent_iob_ == "B"
    )


#: Occupations only people have, written before a name: "the novelist Jo Bloggs".
_OCCUPATIONS = frozenset(
    (
        "star singer actor actress author writer musician artist politician composer poet "
        "painter photographer novelist playwright filmmaker pianist historian businessman "
        "businesswoman tycoon magnate billionaire millionaire entrepreneur rapper guitarist "
        "drummer comedian presenter director"
    ).split()
)


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int, str] | None:
    """Token bounds of the name in tokens[start:end], and a type its edges imply ("" if none).

    Drops leading articles and punctuation, honorifics and titles (which make a person),
    lower-case words and role nouns at either edge, a trailing 's; cuts at inner punctuation
    and keeps the capitalised run after a lower-case word inside ("pro-reform Green MP").
    """
    cue = ""
    if end - start > 2 and doc[start].tag_ == "VBG" and doc[start + 1].lower_ == "the":
        start += 1  # '"Comparing the Acme Group to ...": a clause's verb, read into a title
    while start < end and doc[start].pos_ in _TRIM_LEFT and doc[start].text != "#":
        start += 1
    for i in range(start, end):
        tok = doc[i]
        if (tok.is_punct and tok.text not in _KEEP_PUNCT and tok.text != "#") or tok.is_space:
            end = i
            break
        if tok.tag_ == "POS" and i > start and i + 1 < end and not _plural_owner(doc, i):
            end = i  # "Acme's Leeds plant": the name ends at the possessive
            break
        if tok.text in {"-", "\u2013", "\u2014"} and tok.whitespace_:
            end = i
            break
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    # a score the NER ran into the name: "beat Leeds 3-1", "beat Jo Bloggs 6-4 6-2"
    while end - start > 1 and (
        _SCORE_PART.fullmatch(doc[end - 1].text)
        or (doc[end - 1].like_num and doc[end - 2].text in {"-", "\u2013"})
    ):
        end -= 1
        while end - start > 1 and (doc[end - 1].text in {"-", "\u2013"} or doc[end - 1].like_num):
            end -= 1
    # honorifics and titles before a name make a person; so does an occupation opening the
    # sentence ("Painter Jo Bloggs is ...")
    while end - start > 1 and (
        _is_honorific(doc[start])
        or (_is_role(doc[start]) and not _opens_org(doc[start]))
        or (
            doc[start].is_sent_start
            and doc[start].ent_type_ == "PERSON"
            and doc[start].lower_ in PERSON_NOUNS
        )
    ):
        start += 1
        cue = "Person"
    if start > 0 and _is_honorific(doc[start - 1]):
        cue = "Person"
    before = doc[start - 1] if start > 0 else None
    if (
        before is not None
        and before.is_lower
        and before.lower_ in _OCCUPATIONS
        and before.whitespace_
        and doc[end - 1].lower_.rstrip(".") not in ORG_SUFFIXES
    ):
        cue = "Person"  # "the singer Jo Bloggs", "film star Jo Bloggs"
    # a nationality before a person's name is not part of it: "Ruritanian Jo Bloggs"
    if (
        end - start > 1
        and doc[start].ent_type_ == "PERSON"
        and is_demonym(doc[start].text)
        and doc[start + 1].text[:1].isupper()
    ):
        start += 1
        cue = "Person"
    # the tail of a hyphenated title before a name: "Secretary-General Jo Bloggs"
    while end - start > 1 and start >= 2 and doc[start - 1].text == "-":
        if doc[start - 1].whitespace_ or doc[start - 2].whitespace_:
            break
        start += 1
    # role nouns, lower-case words and a site at the end ("Green MP", "Brent ward", "the
    # party's Leeds HQ")
    while end - start > 1 and (
        _is_role(doc[end - 1])
        or (doc[end - 1].is_lower and doc[end - 1].is_alpha)
        or doc[end - 1].text == "HQ"
    ):
        end -= 1
    # a lower-case word inside, or a name glued to one ("pro-Spain"): keep what follows
    for i in range(end - 1, start - 1, -1):
        tok = doc[i]
        if tok.is_alpha and tok.is_lower and tok.lower_ not in NAME_CONNECTORS:
            start = i + 1
            break
        if (
            i >= 2
            and i + 1 < end
            and doc[i - 1].text == "-"
            and not doc[i - 1].whitespace_
            and doc[i - 2].is_lower
        ):
            start = i + 1
            break
    while start < end and (
        doc[start].is_punct or doc[start].lower_ in NAME_CONNECTORS or doc[start].is_lower
    ):
        if doc[start].text == "#" or (_ORDINAL.match(doc[start].text) and end - start > 1):
            break  # "the 4th Fleet": an ordinal is part of a unit's name
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].lower_ in NAME_CONNECTORS):
        if doc[end - 1].text in {".", "&"} and end - start > 1 and doc[end - 2].is_upper:
            break
        end -= 1
    if start > 0 and doc[start - 1].text == "#" and not doc[start - 1].whitespace_:
        start -= 1
    if end <= start or not any(c.isalpha() for c in doc[start:end].text):
        return None
    if end - start == 1 and (_is_role(doc[start]) or doc[start].lower_ in POST_NOMINALS):
        return None  # "the MEP", "received an OBE": a title, not a name
    if (
        not cue
        and doc[end - 1].lower_.rstrip(".") in ORG_SUFFIXES
        and doc[end - 1].text[:1].isupper()
    ):
        cue = "Organization" if end - start > 1 else ""
    last = doc[end - 1]
    if not cue and end - start > 1 and last.text[:1].isupper() and last.lower_ not in _NOT_KINDS:
        # "the Lakeside District Council", "Cameron Parish": the last word says the kind
        kind = TYPE_NOUNS.get(last.lower_) or TYPE_NOUNS.get(last.lemma_.lower())
        if last.lower_ in FACILITY_NOUNS:
            kind = "Place"  # "Ford's Theatre", "the Lorraine Motel": a building or a site
        if last.lower_ in _FIRM_ENDS:
            kind = "Organization"  # "Blue Note Records", "Ealing Studios"
        elif last.lower_ in _EVENT_ENDS or (
            last.lower_ == "games"
            and (doc[end - 2].lower_ in _GAMES_KINDS or is_demonym(doc[end - 2].text))
        ):
            kind = "Event"  # "the Leeds Indoor Championships", "the Winter Games"
        elif kind == "Event" and last.lower_ not in _EVENT_NOUN_ENDS:
            kind = None  # "Zenda Swap", "Quick Deal": a title or a firm as much as an event
        if kind in {"Organization", "Place", "Event"} and not doc[end - 2].is_punct:
            cue = kind
    return start, end, cue


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
        full = text_of(doc, found)  # spaCy rebuilds Doc.text at every access
        quotes = quote_spans(full)
        spans: dict[tuple[int, int], str] = {}  # token bounds -> core type ("" = unknown)
        taken: set[int] = set()

        def claim(start: int, end: int, typ: str) -> bool:
            if any(i in taken for i in range(start, end)):
                return False
            spans[(start, end)] = typ
            taken.update(range(start, end))
            return True

        cues: dict[tuple[int, int], str] = {}
        for line in datelines(doc, full):  # "LEEDS, Cumbria (NNA)": places and a news source
            for place in line.places:
                if claim(*place, "Place"):
                    cues[place] = "Place"
            if claim(*line.source, "Organization"):
                cues[line.source] = "Organization"
        for title in _titles(doc):  # "the ballad Come Home Soon To Me": a work, whole
            if claim(*title, "Product"):
                cues[title] = "Product"
        # "Jo Bloggs's The Long Road", "the Zed Rising star Jo Bloggs": a work, whole
        for title in _possessive_titles(doc) + _credit_titles(doc):
            if claim(*title, "Product"):
                cues[title] = "Product"
        for start, end, label in _joined_ents(doc):
            typ = NER_TYPES.get(label)
            if typ is None:
                continue
            bounds = _trim(doc, start, end)
            if bounds and claim(bounds[0], bounds[1], bounds[2] or typ) and bounds[2]:
                cues[bounds[:2]] = bounds[2]
        for title in _the_titles(doc):  # "the role in The Long Road": a work the NER missed
            if claim(*title, "Product"):
                cues[title] = "Product"
        texts = [t.text for t in doc]  # read once: every pass below looks at the words
        for i in [i for i, text in enumerate(texts[:-1]) if text == "#"]:  # hashtags: "#" glued
            tok, nxt = doc[i], doc[i + 1]  # to a word
            if not tok.whitespace_ and nxt.is_alpha and nxt.text[:1].isupper():
                claim(i, i + 2, "")
        _town_regions(doc, spans, claim, cues)
        self._proper_runs(doc, texts, claim, cues)
        self._type_nouns(doc, spans, taken)
        _paired_districts(doc, spans, taken)
        _town_countries(doc, spans, cues)
        _firm_towns(doc, spans, cues)
        _context_types(doc, spans, cues)
        _cued_people(doc, spans, cues)
        _short_firm_names(doc, spans, cues)
        self._propagate(doc, texts, spans, claim)

        credits = credit_lines(full)
        mentions = []
        for (start, end), typ in sorted(spans.items()):
            span: Span = doc[start:end]
            if inside(credits, span.start_char, span.end_char):
                continue  # "Photo: AAP / Jo Bloggs": who took the picture is not in the story
            text = _strip_possessive(span.text)
            if text.endswith(".") and span[-1].i == span[-1].sent.end - 1:
                text = text[:-1]  # "... Acme Corp." ending a sentence: the stop is not the name's
            if not text.strip():
                continue
            s, e = span.start_char, span.start_char + len(text)
            mentions.append(
                Mention(
                    doc_id,
                    s,
                    e,
                    text,
                    typ,
                    "name",
                    head=_modified(span),
                    in_quote=inside(quotes, s, e),
                )
            )
        if not found.sentences:
            found = replace(found, sentences=sentences(doc, doc_id, full))
        return add(found, mentions=mentions)

    @staticmethod
    def _proper_runs(
        doc: Doc, texts: list[str], claim: Claim, cues: dict[tuple[int, int], str]
    ) -> None:
        """Runs of two or more capitalised proper nouns the NER missed.

        ``texts`` are the words of ``doc``; parts of speech and spacing are read as arrays.
        """
        from spacy.attrs import POS, SPACY
        from spacy.symbols import INTJ, PROPN, X

        n = len(doc)
        pos, spaced = (doc.to_array([POS, SPACY]).T.tolist()) if n else ([], [])
        maybe_described = {PROPN, INTJ, X}  # a cheap first test of _described
        i = 0
        while i < n:
            j = i
            while (
                j < n
                and (
                    (pos[j] == PROPN and texts[j][:1].isupper())
                    or (  # "the Miners' Welfare Association": a plural owner inside a name
                        j > i
                        and j + 1 < n
                        and pos[j + 1] == PROPN
                        and texts[j + 1][:1].isupper()
                        and doc[j].tag_ == "POS"
                        and _plural_owner(doc, j)
                    )
                    or (
                        texts[j] == "-"
                        and j > i
                        and not spaced[j - 1]
                        and not spaced[j]
                        and j + 1 < n
                        and pos[j + 1] == PROPN
                    )
                )
            ):
                j += 1
            if j == i and pos[i] in maybe_described and _described(doc[i]):
                j = i + 1  # a lone name the tagger missed ("Smith, a senior official")
            hyphened = (  # "Leeds-born", "Leeds-based": a place's name
                j - i == 1
                and j + 1 < n
                and texts[j] == "-"
                and not spaced[i]
                and not spaced[j]
                and texts[j + 1].lower() in _PLACE_SUFFIXES
            )
            if j - i >= 2 or (
                j - i == 1
                and (
                    (i > 0 and _is_honorific(doc[i - 1]))
                    or (pos[i] in maybe_described and _described(doc[i]))
                    or hyphened
                    or (pos[i] == PROPN and _kind_before(doc, i, doc[i]))  # "firms like Acme"
                )
            ):
                bounds = _trim(doc, i, j)
                if bounds:
                    cue = "Place" if hyphened else bounds[2]
                    if claim(bounds[0], bounds[1], cue or _partner_type(doc, i, j)) and cue:
                        cues[bounds[:2]] = cue
            i = max(j, i + 1)

    @staticmethod
    def _type_nouns(doc: Doc, spans: dict[tuple[int, int], str], taken: set[int]) -> None:
        """A name followed by a type noun: join it into one name of the noun's type, or type it."""
        for (start, end), typ in sorted(spans.items()):
            if end >= len(doc):
                continue
            last, nxt = doc[end - 1], doc[end]
            noun_type = TYPE_NOUNS.get(nxt.lemma_.lower())
            if not noun_type or nxt.pos_ != "NOUN" or last.head.i != nxt.i or nxt.i in taken:
                continue
            if (
                (noun_type == "Organization" and typ == "Person")  # "the Brennan foundation"
                or (typ in {"Organization", "Product"} and nxt.lemma_.lower() in _NAMED_EVENTS)
                or (noun_type == "Product" and typ == "Person")  # "the Jane Eyre films"
                or (noun_type == "Event" and typ == "Event")  # "the Winter Games final"
            ):
                del spans[(start, end)]
                spans[(start, end + 1)] = noun_type
                taken.add(end)
            elif noun_type in {"Product", "Event"} and typ in {"", "Organization", "Product"}:
                spans[(start, end)] = noun_type

    @staticmethod
    def _propagate(
        doc: Doc, texts: list[str], spans: dict[tuple[int, int], str], claim: Claim
    ) -> None:
        """Find later occurrences of known names, and of persons' surnames and first names."""
        forms: dict[str, set[tuple[str, ...]]] = {}
        for (start, end), typ in spans.items():
            span = doc[start:end]
            words = tuple(texts[start:end])
            forms.setdefault(words[0], set()).add(words)
            names = [t for t in span if t.is_alpha and t.text[:1].isupper() and len(t) > 2]
            if typ == "Person" and len(names) >= 2:
                for t in (names[0], names[-1]):
                    forms.setdefault(t.text, set()).add((t.text,))
        for i, text in enumerate(texts):
            known = forms.get(text)
            if not known or not (text[:1].isupper() or text.startswith("#")):
                continue
            for words in sorted(known, key=len, reverse=True):
                end = i + len(words)
                if tuple(texts[i:end]) == words:
                    claim(i, end, "")
                    break


#: A picture or source credit: "Source: AAP, EPA / Jo Bloggs", "Photo: Getty Images".
_CREDIT = re.compile(
    r"\b(?:Sources?|Photos?|Photograph|Pictures?|Images?|Credits?|Illustration)\s*:\s*([^\n]{1,120})$",
    re.MULTILINE,
)
_CREDIT_WORDS = {"via", "and", "for", "of", "the", "by", "images", "photos"}


def credit_lines(text: str) -> list[tuple[int, int]]:
    r"""Character spans of picture and source credits that end a line: only names follow the
    label ("Source: AAP, EPA / Jo Bloggs"), no sentence.

    >>> text = "Acme grew. Source: AAP, EPA / Jo Bloggs\nSource: officials said it grew."
    >>> [text[s:e] for s, e in credit_lines(text)]
    ['AAP, EPA / Jo Bloggs']
    """
    spans = []
    for match in _CREDIT.finditer(text):
        words = re.findall(r"[^\W\d_][\w'-]*", match.group(1))
        if words and all(w[:1].isupper() or w.lower() in _CREDIT_WORDS for w in words):
            spans.append((match.start(1), match.end(1)))
    return spans


def _region_at(doc: Doc, i: int) -> int:
    """Where a region's name that starts at token ``i`` ends ("Calif.", "N.Y ."), or 0."""
    for n in (3, 2, 1):
        if i + n > len(doc) or not doc[i].text[:1].isupper():
            continue
        words = doc[i : i + n]
        if words[-1].text == "." or any(t.is_punct and t.text != "." for t in words):
            continue  # a stop the tokenizer split off is not part of the name ("Penn" ".")
        stop = i + n < len(doc) and doc[i + n].text == "."
        if region(words.text, stop=stop) is not None:
            return i + n
    return 0


def _town_regions(
    doc: Doc, spans: dict[tuple[int, int], str], claim: Claim, cues: dict[tuple[int, int], str]
) -> None:
    """ "Fairview, Ore.", "Dover, Del.": a town written with its state or province is a place, and
    so is the region, whatever the NER made of them (a small model often misses both)."""
    ends = {end: (start, end) for start, end in spans}
    for comma in doc[1:-1]:
        k = comma.i
        if comma.text != "," or not doc[k - 1].text[:1].isupper():
            continue
        end = _region_at(doc, k + 1)
        if not end:
            continue
        town = ends.get(k)
        if town is None:
            start = k
            while start > 0 and doc[start - 1].pos_ == "PROPN" and doc[start - 1].is_title:
                start -= 1
            bounds = _trim(doc, start, k) if start < k else None
            if bounds is None or bounds[1] != k:
                continue
            if claim(bounds[0], k, "Place"):
                cues[(bounds[0], k)] = "Place"
        elif cues.get(town, "Place") == "Place" and (
            spans[town] in {"", "Person", "Place"}
            or (
                spans[town] == "Organization"
                and (_dateline_town(doc, *town) or _placed_town(doc, *town, end))
            )
        ):
            spans[town] = cues[town] = "Place"
        else:
            continue
        if claim(k + 1, end, "Place"):
            cues[(k + 1, end)] = "Place"
        elif (k + 1, end) in spans and spans[(k + 1, end)] in {"", "Person", "Organization"}:
            spans[(k + 1, end)] = cues[(k + 1, end)] = "Place"


#: Words before a place's name: "of Leeds, England", "in Leeds, England".
_PLACE_PREPOSITIONS = {"of", "in", "from", "at", "near", "to"}


def _town_countries(
    doc: Doc, spans: dict[tuple[int, int], str], cues: dict[tuple[int, int], str]
) -> None:
    """ "of Zenda, Moldova", "in Zenda, Moldova": a name after a place preposition and before
    a comma and a country's name is a town, whatever the NER made of it (a person is not
    retyped: "Jo Bloggs, France" lists a player and their country)."""
    for (start, end), typ in list(spans.items()):
        if typ not in {"", "Organization"} or cues.get((start, end), "") == "Organization":
            continue
        before = doc[start - 1].lower_ if start > 0 else ""
        if before not in _PLACE_PREPOSITIONS and not doc[start].is_sent_start:
            continue
        if end + 1 >= len(doc) or doc[end].text != ",":
            continue
        after = next(
            (
                j
                for j in (end + 4, end + 3, end + 2)
                if j <= len(doc)
                and not _gap(doc[j - 1])
                and country_lookup(doc[end + 1 : j].text) is not None
                and not is_demonym(doc[end + 1 : j].text)
            ),
            0,
        )
        if not after or (after < len(doc) and (not _gap(doc[after]) or doc[after].text == "-")):
            continue  # no country, or "Zenda, Moldova's capital", or a list going on
        if country_lookup(doc[start:end].text) is None:
            spans[(start, end)] = cues[(start, end)] = "Place"


def _firm_towns(
    doc: Doc, spans: dict[tuple[int, int], str], cues: dict[tuple[int, int], str]
) -> None:
    """ "Acme Co. of Zenda", "Acme Inc. of Zenda, Ohio": a one-word name after a company's
    legal suffix and "of" is the town the company is in, whatever the NER made of it."""
    for (start, end), typ in list(spans.items()):
        if typ not in {"", "Organization"} or end - start != 1 or start < 2:
            continue
        if cues.get((start, end), "") == "Organization" or doc[start - 1].lower_ != "of":
            continue
        suffix = doc[start - 2].lower_.rstrip(".")
        if suffix in ORG_SUFFIXES and doc[start - 2].text[:1].isupper():
            nxt = doc[end] if end < len(doc) else None
            if nxt is None or nxt.is_punct or nxt.pos_ in {"AUX", "VERB", "CCONJ"}:
                spans[(start, end)] = cues[(start, end)] = "Place"


def _gap(tok: Token) -> bool:
    """Punctuation or white space: where a name ends."""
    return tok.is_punct or tok.is_space


def _placed_town(doc: Doc, start: int, end: int, region_end: int) -> bool:
    """A name after a place preposition and before ", Region" ("born in Zenda, Ohio"): a
    town, even where the NER read an organisation, unless its last word says it is one
    ("in Acme Inc., Ohio") or the region goes on ("in Acme, Ohio's largest bank")."""
    before = doc[start - 1].lower_ if start > 0 else ""
    if before not in _PLACE_PREPOSITIONS or doc[end - 1].lower_.rstrip(".") in ORG_SUFFIXES:
        return False
    nxt = doc[region_end] if region_end < len(doc) else None
    return nxt is None or (nxt.is_punct and nxt.text not in {"-", "'s"}) or nxt.lower_ == "and"


def _dateline_town(doc: Doc, start: int, end: int) -> bool:
    """A name in capitals or opening its sentence before ", Region": a town, as in a dateline
    ("FAIRVIEW, Ore."), even where the NER read an organisation."""
    words = doc[start:end]
    return words.text.isupper() or bool(words[0].is_sent_start)


#: Nouns of electoral and local districts, named after two places: "Leeds and Otley ward".
_DISTRICT_NOUNS = {"ward", "constituency", "division", "district", "borough", "parish"}


def _paired_districts(doc: Doc, spans: dict[tuple[int, int], str], taken: set[int]) -> None:
    """ "St Anne's and Stepney ward": two names joined by "and" before a singular district noun
    are one place, the district (a small model tags the halves apart)."""
    by_end = {end: (start, end) for start, end in spans}
    by_start = {start: (start, end) for start, end in spans}
    for and_ in doc:
        if and_.lower_ not in {"and", "&"} or and_.i < 1:
            continue
        k = and_.i - 1
        if doc[k].tag_ == "POS":
            k -= 1
        first, second = by_end.get(k + 1), by_start.get(and_.i + 1)
        if first is None or second is None or second[1] >= len(doc):
            continue
        noun = doc[second[1]]
        if noun.lower_ not in _DISTRICT_NOUNS or noun.tag_ != "NN":
            continue
        del spans[first], spans[second]
        spans[(first[0], second[1] + 1)] = "Place"
        taken.update(range(first[0], second[1] + 1))


#: Nouns whose possessor or "of" object is a person killed: "X's assassin", "the murder of X".
_VICTIM_NOUNS = KILLER_NOUNS | {"assassination", "murder"}


def _placed(partners: list[Token]) -> bool:
    """Whether an appositive place noun places its name, so that no person is meant: "X, the
    capital of Y", "X, a town in Y", "X, Y's second city"."""
    return any(
        p.pos_ == "NOUN"
        and TYPE_NOUNS.get(p.lemma_.lower()) == "Place"
        and any(
            (c.dep_ == "prep" and c.lower_ in {"of", "in"}) or c.dep_ == "poss" for c in p.children
        )
        for p in partners
    )


def _victim(root: Token) -> bool:
    """Whether a name is the victim of a killing noun: "the assassin of X", "X's murderer"."""
    if root.dep_ == "poss":
        noun = root.head
    elif root.dep_ == "pobj" and root.head.lower_ == "of":
        noun = root.head.head
    else:
        return False
    return noun.pos_ == "NOUN" and noun.lemma_.lower() in _VICTIM_NOUNS


#: Words a place's name takes after a hyphen: "a Leeds-based firm", "the Leeds-born singer".
_PLACE_SUFFIXES = {"based", "born"}


def _home_place(root: Token) -> bool:
    """Whether a name is someone's home place by its syntax: "his Leeds home", "her hometown
    of Leeds", "a native of Leeds", "his native Yorkshire". ("The Bloggs home" is a family's
    house, so a home noun needs its owner.)"""
    head = root.head
    lemma = head.lemma_.lower()
    if root.dep_ == "compound" and lemma in HOME_PLACE_NOUNS and head.pos_ == "NOUN":
        return any(c.dep_ == "poss" for c in head.children)
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.pos_ == "NOUN":
        return head.head.lemma_.lower() in HOME_NOUNS | {"hometown", "birthplace"}
    return any(c.lower_ == "native" and c.dep_ == "amod" for c in root.children) and any(
        c.dep_ == "poss" for c in root.children
    )


def _described(tok: Token) -> bool:
    """A lone name described as a person in apposition: "Smith, a senior official, said"."""
    if not (tok.is_alpha and tok.text[:1].isupper() and tok.pos_ in {"PROPN", "INTJ", "X"}):
        return False
    return any(
        c.dep_ == "appos"
        and c.pos_ == "NOUN"
        and (c.lemma_.lower() in PERSON_NOUNS or c.lemma_.lower() in ROLE_NOUNS)
        and any(d.dep_ == "det" for d in c.children)
        for c in tok.children
    )


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


def _is_age(tok: Token) -> bool:
    """A bare number between commas after a name: a person's age ("X, 50, of Leeds")."""
    doc = tok.doc
    return (
        tok.like_num
        and tok.text.isdigit()
        and 0 < int(tok.text) < 120
        and not list(tok.children)
        and tok.i + 1 < len(doc)
        and doc[tok.i - 1].text == ","
        and doc[tok.i + 1].text == ","
    )


def _joined_ents(doc: Doc) -> list[tuple[int, int, str]]:
    """NER spans as (start, end, label), adjacent spans of one label joined ("North" "Town")."""
    out: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if (
            out
            and out[-1][1] == ent.start
            and out[-1][2] == ent.label_
            and doc[ent.start - 1].whitespace_ == " "
            and not doc[ent.start - 1].is_punct
            and doc[ent.start - 1].tag_ != "POS"  # "Jo Bloggs's" "Leeds home": two names
        ):
            out[-1] = (out[-1][0], ent.end, ent.label_)
        elif (
            out
            and out[-1][2] == "LOC"
            and ent.label_ in {"GPE", "LOC"}
            and ent.start == out[-1][1] + 1
            and doc[out[-1][1]].lower_ == "of"
            and "the" in {doc[out[-1][0]].lower_, doc[max(out[-1][0] - 1, 0)].lower_}
        ):
            out[-1] = (out[-1][0], ent.end, "LOC")  # "the East End of Leeds": one place
        else:
            out.append((ent.start, ent.end, ent.label_))
    # capitalised words the NER left out at the start of a name ("[Just] Add Monsters")
    for n, (start, end, label) in enumerate(out):
        while (
            start > 0
            and doc[start - 1].text[:1].isupper()
            and doc[start - 1].is_alpha
            and (not doc[start - 1].is_sent_start or _first_name_left_out(doc[start - 1], end))
            and not doc[start - 1].ent_type_
            and doc[start - 1].pos_ not in {"DET", "PRON", "ADP", "CCONJ"}
            and doc[start].lower_ not in {"the", "a", "an"}  # '"Comparing the Acme Group'
            and not _is_honorific(doc[start - 1])
            and not _is_role(doc[start - 1])
            and doc[start - 1].whitespace_
        ):
            start -= 1
        out[n] = (start, end, label)
    return out


def _first_name_left_out(tok: Token, end: int) -> bool:
    """Whether a capitalised word opening a sentence is a name's first word the NER left out
    ("[Orla] Mae Brandt said"): a proper noun in the name's phrase and no English word."""
    lower = tok.lower_
    return (
        tok.pos_ == "PROPN"
        and tok.dep_ == "compound"
        and tok.i < tok.head.i < end
        and not any(lower in known_words(pos) for pos in ("noun", "verb", "adj", "adv"))
    )


def _cued_people(
    doc: Doc, spans: dict[tuple[int, int], str], cues: dict[tuple[int, int], str]
) -> None:
    """A name the text marks as a person once ("the singer Jo Bloggs", "Ms Bloggs") is a
    person wherever it recurs, and so is the surname of a marked full name: the NER's guess
    for the bare name ("Bloggs's new album" read as a firm) yields to the text's own cue."""
    people: set[str] = set()
    for (start, end), typ in spans.items():
        if typ == "Person" and cues.get((start, end)) == "Person":
            people.add(doc[start:end].text)
            last = doc[end - 1]
            if end - start >= 2 and last.is_alpha and last.text[:1].isupper():
                people.add(last.text)
    for (start, end), typ in list(spans.items()):
        if typ != "Person" and (start, end) not in cues and doc[start:end].text in people:
            spans[(start, end)] = "Person"


def _named_a_work(root: Token) -> bool:
    """Whether a name is the subject of a clause that calls it a work ("Zapp is a sitcom",
    "Zapp was named best new drama", "Zapp became the top-selling album")."""
    if root.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    return any(
        c.dep_ in {"attr", "oprd"} and c.pos_ == "NOUN" and c.lemma_.lower() in WORK_NOUNS
        for c in root.head.children
    )


#: Words after an award's name: "Zappie-winning", "Zappie-nominated", "a Zappie nomination".
_AWARD_SUFFIXES = frozenset({"winning", "nominated"})
_AWARD_NOUNS = frozenset({"nomination", "nominations"})


def _award_word(doc: Doc, start: int, end: int) -> bool:
    """Whether a one-word name is an award by the word after it: a hyphen and "winning" or
    "nominated" ("the Zappie-winning actor"), or "nomination" ("a Zappie nomination"); not a
    party's name ("a Labour nomination")."""
    if end - start != 1 or doc[start].lower_ in PARTY_WORDS or end >= len(doc):
        return False
    after = doc[end]
    if after.text == "-" and not doc[start].whitespace_ and end + 1 < len(doc):
        return not after.whitespace_ and doc[end + 1].lower_ in _AWARD_SUFFIXES
    return after.lower_ in _AWARD_NOUNS and after.pos_ == "NOUN"


#: Kinship nouns: "their father, X" is a person.
KIN_NOUNS = PARENT_NOUNS | CHILD_NOUNS | SPOUSE_NOUNS


def _first_named(doc: Doc, start: int, end: int) -> bool:
    """Whether a name of two or three capitalised words opens with a first name that one
    gender usually bears (census lists) and ends in no word of an organisation, a place or an
    event ("Walter Brennan"; not "Victoria Station", "Hope Trust")."""
    from kg.extract.gazetteer import first_name_gender

    words = doc[start:end]
    if not 2 <= len(words) <= 3 or not all(t.is_alpha and t.text[:1].isupper() for t in words):
        return False
    last = words[-1].lower_
    if last in TYPE_NOUNS or last in ORG_SUFFIXES or last in FACILITY_NOUNS:
        return False
    if any(t.lower_ in NAME_CONNECTORS for t in words) or last in _EVENT_ENDS | _FIRM_ENDS:
        return False
    return bool(first_name_gender(words[0].text))


#: Posts of PLACE_POSTS held in a government, not a team: "the Zenda minister X".
_GOVERNMENT_POSTS = frozenset(
    "minister secretary president premier chancellor ambassador envoy diplomat "
    "prime-minister".split()
)


def _team_post(doc: Doc, start: int, end: int) -> bool:
    """Whether a name is written before a post in a team ("the Leeds prop", "Zenda tight-head
    Jo Bloggs", "the Acme manager"): the name is the team's (or the firm's), not a person's.
    Read on the words, since a small model often parses a hyphenated post apart."""
    from kg.extract.gazetteer import first_name_gender

    if end >= len(doc) or not doc[end].is_lower or is_demonym(doc[start:end].text):
        return False
    if end - start > 1 and first_name_gender(doc[start].text):
        return False  # "Jo Bloggs captain of ...": a person's name, a post in a loose apposition
    post = doc[end].lower_
    if end + 2 < len(doc) and doc[end + 1].text == "-" and not doc[end].whitespace_:
        post = f"{post}-{doc[end + 2].lower_}"  # "tight-head", "fly-half"
    return post in PLACE_POSTS and post not in _GOVERNMENT_POSTS


#: Participles after a work's name that name its performers: "Zapp, starring Jo Bloggs".
_STARRING = frozenset({"starring", "featuring"})


def _context_types(
    doc: Doc, spans: dict[tuple[int, int], str], cues: dict[tuple[int, int], str]
) -> None:
    """Retype names by their context where it is clearer than a small model's NER.

    An honorific or organisation suffix (found when trimming) wins; otherwise a person noun in
    apposition ("X, a confidant of Y"; "her aide, X") makes a person, and a noun only
    organisations have, possessed ("X's shareholders"), makes a non-place an organisation.
    """
    for (start, end), typ in list(spans.items()):
        if (start, end) in cues:
            spans[(start, end)] = cues[(start, end)]
            continue
        text = doc[start:end].text
        root = doc[start:end].root
        if (
            typ == "Group"
            and end - start == 1
            and root.dep_ in {"amod", "compound"}
            and root.head.pos_ == "NOUN"
            and country_lookup(text) is None
        ):
            del spans[(start, end)]  # "a European title", "Alpine villages": a kind, no entity
            if root.lower_ in PARTY_WORDS and role_relation(root.head.lemma_.lower()):
                # "Socialist candidate X", "Radical Democrat leader X": the party, named
                first = start
                while (
                    first > 0
                    and doc[first - 1].lower_ in PARTY_WORDS
                    and doc[first - 1].text[:1].isupper()
                    and (first - 1, first) not in spans
                ):
                    first -= 1
                spans[(first, end)] = "Organization"
            continue
        retyped = _name_kind(doc, start, end, typ)
        if retyped is not None:
            spans[(start, end)] = retyped
            continue
        if typ in {"Person", "Organization", ""} and _seat_before_member(doc, start, end):
            spans[(start, end)] = "Place"  # "the Leeds Kirkgate MP": a constituency
            continue
        if typ in {"Person", "Organization", "Group"} and _placed_city(doc, start, end):
            spans[(start, end)] = "Place"  # "races in Zenda", "in nearby Ripon", "Leeds North"
            continue
        if typ not in {"Person", "Place"} and country_lookup(text) and not is_demonym(text):
            spans[(start, end)] = "Place"  # a country's name, whatever the NER made of it
            continue
        if typ in {"Person", "Group", ""} and _team_post(doc, start, end):
            spans[(start, end)] = "Organization"  # "the Leeds prop X", "Zenda striker X": a team
            continue
        if typ == "Person" and start > 0 and doc[start - 1].lower_ == "the" and end - start == 1:
            typ = spans[(start, end)] = ""  # "the Herald": a person's name takes no article
        elif (
            typ == "Person"
            and start > 0
            and doc[start - 1].lower_ == "the"
            and doc[end - 1].tag_ == "NNPS"
            and doc[end - 1].lower_.endswith("s")
        ):
            typ = spans[(start, end)] = ""  # "the Radical Dems": no person's name is plural
        if _award_word(doc, start, end):
            spans[(start, end)] = "Event"  # "Zappie-winning", "a Zappie nomination": an award
            continue
        if end + 1 < len(doc) and doc[end].text == "-" and doc[end + 1].lower_ in _PLACE_SUFFIXES:
            spans[(start, end)] = "Place"  # "a Leeds-based firm", "Leeds-born X"
            continue
        root = doc[start:end].root
        if (
            typ == ""
            and root.dep_ == "pobj"
            and root.head.lower_ in {"in", "near", "outside"}
            and not is_demonym(doc[start:end].text)  # "in Ukrainian": a language
        ):
            spans[(start, end)] = "Place"  # "a cafe in X"
            continue
        if root.dep_ == "compound" and root.head.lemma_.lower() in HOME_NOUNS:
            spans[(start, end)] = "Place"  # "a Leeds native", "Leeds residents"
            continue
        if typ in {"", "Organization"} and root.dep_ == "nsubjpass" and root.head.lower_ == "born":
            spans[(start, end)] = "Person"  # "X was born in Leeds"
            continue
        if typ in {"", "Organization"} and _victim(root):
            spans[(start, end)] = "Person"  # "the assassin of X", "X's assassination"
            continue
        if _home_place(root):
            spans[(start, end)] = "Place"  # "his Leeds home", "a native of Leeds"
            continue
        if any(c.dep_ == "acl" and c.lower_ in _STARRING for c in root.children) or (
            end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ in _STARRING
        ):
            spans[(start, end)] = "Product"  # "Zapp, starring Jo Bloggs": a work
            continue
        if _named_a_work(root):
            spans[(start, end)] = "Product"  # "Zapp was named best new drama": a work
            continue
        partners = [c for c in root.children if c.dep_ == "appos"]
        if any(_is_age(p) for p in partners):
            spans[(start, end)] = "Person"  # "X, 50, of Leeds": an age makes a person
            continue
        if root.dep_ == "appos":
            partners.append(root.head)
        if any(
            p.lemma_.lower() in PERSON_NOUNS | ROLE_NOUNS.keys() | KILLER_NOUNS | KIN_NOUNS
            and p.pos_ == "NOUN"
            for p in partners
        ):
            spans[(start, end)] = "Person"  # "X, a confidant of Y", "their father, X"
            continue
        if typ == "" and _first_named(doc, start, end):
            spans[(start, end)] = "Person"  # "Walter Brennan", a name the NER left untyped
            continue
        # "X, a village in Y", "X, a software company"
        kinds = {TYPE_NOUNS.get(p.lemma_.lower(), "") for p in partners if p.pos_ == "NOUN"}
        kinds &= {"Place", "Organization", "Product", "Event"}
        if len(kinds) == 1 and (typ != "Person" or _placed(partners)):
            spans[(start, end)] = kinds.pop()
            continue
        if (
            typ in {"Person", ""}
            and root.dep_ == "poss"
            and root.head.lemma_.lower() in ORG_PART_NOUNS
            and root.head.pos_ == "NOUN"
        ):
            spans[(start, end)] = "Organization"


#: Nouns of works that a title follows: "the film Zed Rising", "her ballad Come Home".
WORK_NOUNS = frozenset(
    (
        "film movie album song single ballad anthem hit novel book memoir biography poem play "
        "show series sitcom drama documentary musical opera soap programme program comedy "
        "thriller cartoon videogame painting track autobiography release remake sequel "
        "spin-off franchise blockbuster"
    ).split()
)
#: Words of a title in lower case between capitalised ones ("Gone with the Wind").
_TITLE_WORDS = frozenset("a an the of to in on for with at by from".split())  # not "and": a list
#: Makers of a work named before them: "the Moonfall director Ann Lee".
_CREDIT_NOUNS = frozenset(
    "director actor actress screenwriter scriptwriter creator co-star showrunner".split()
)
#: Entities a title does not run on into: "the show Zed Rising in June".
_NOT_IN_TITLES = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT"})
_QUOTES = {'"', "\u201c", "\u201d", "'", "\u2018", "\u2019"}


def _title_goes_on(doc: Doc, i: int) -> bool:
    """Whether small words from token ``i`` lead to another capitalised word of a title
    ("Mutiny on the Bounty"), not to a date ("in June")."""
    if doc[i].text == "by":
        return False  # "the film Zed Rising by Jo Bloggs": the maker, not the title
    j = i
    while j < len(doc) and j - i < 3 and doc[j].lower_ in _TITLE_WORDS:
        j += 1
    return (
        i < j < len(doc)
        and doc[j].text[:1].isupper()
        and doc[j].is_alpha
        and doc[j].ent_type_ not in _NOT_IN_TITLES
    )


def _titles(doc: Doc) -> list[tuple[int, int]]:
    """Titles of works after a work noun, as token bounds: the capitalised words that follow
    the noun, with the small words between them ("the film Zed Rising", "the show The Last
    Round", 'the novel "Winter Harbour"'); not a name that is the subject of a clause ("the
    album Jo Bloggs recorded": a verb follows the name)."""
    out = []
    n = len(doc)
    for tok in doc:
        lemma = tok.lemma_.lower()
        if not tok.is_lower or tok.pos_ not in {"NOUN", "ADJ"}:
            continue
        if lemma in ROLE_IN_WORK_NOUNS:
            title = _owned_title(doc, tok.i)
            if title is not None:
                out.append(title)
            continue
        if lemma not in WORK_NOUNS and not (
            lemma == "game" and tok.i > 0 and doc[tok.i - 1].lower_ in {"video", "computer"}
        ):
            continue
        start = tok.i + 1
        if _comma_title(doc, tok):
            start += 1  # "his new novel, Zed Rising, ...": the title in apposition
        while True:
            title = _title_at(doc, start)
            if title is None:
                break
            out.append(title)
            # "the shows Zed Rising and Harbour Lane": a plural noun names several
            start = title[1] + (doc[title[1]].text in _QUOTES if title[1] < n else 0)
            if tok.tag_ != "NNS" or start + 1 >= n or doc[start].lower_ not in {",", "and"}:
                break
            start += 1
    return out


def _comma_title(doc: Doc, noun: Token) -> bool:
    """Whether a comma after a singular work noun opens its title ("her new album, Zed Rising,
    is out"): the noun has a possessive or a modifier, and the title is closed by a comma or a
    full stop (not "the film, Jo Bloggs said")."""
    i = noun.i + 1
    if noun.tag_ == "NNS" or i + 1 >= len(doc) or doc[i].text != ",":
        return False
    if not any(c.dep_ in {"poss", "amod", "compound"} for c in noun.children):
        return False
    title = _title_at(doc, i + 1)
    return title is not None and title[1] < len(doc) and doc[title[1]].text in {",", "."}


def _owned_title(doc: Doc, i: int) -> tuple[int, int] | None:
    """The title of a work after a role noun at token ``i``, "in" and a person's possessive
    ("her role in Jo Bloggs's Zed Rising"): a person's possessive before a capitalised name
    in a role names a work, not a firm; or None."""
    k = i + 1
    if k >= len(doc) or doc[k].lower_ != "in":
        return None
    k += 1
    owner = k
    while (
        k < len(doc)
        and k - owner < 4
        and doc[k].pos_ == "PROPN"
        and doc[k].ent_type_ not in {"GPE", "LOC", "NORP", "ORG"}  # a person, or misread
        and doc[k].tag_ != "POS"
    ):
        k += 1
    if k == owner or k + 1 >= len(doc) or doc[k].tag_ != "POS":
        return None
    return _title_at(doc, k + 1)


def _title_at(doc: Doc, start: int) -> tuple[int, int] | None:
    """The bounds of a title that starts at token ``start`` (after its opening quote), or
    None."""
    n = len(doc)
    quoted = start < n and doc[start].text in _QUOTES
    if quoted:
        start += 1
    end = start
    while end < n and (
        (doc[end].text[:1].isupper() and doc[end].is_alpha)
        or (doc[end].like_num and end > start)
        or (end > start and _title_goes_on(doc, end))
    ):
        end += 1
    if end == start or not doc[start].text[:1].isupper():
        return None
    if quoted and not (end < n and doc[end].text in _QUOTES):
        return None
    after = doc[end] if end < n else None
    if (
        not quoted
        and after is not None
        and after.pos_ == "VERB"
        and after.tag_ in {"VBD", "VBN", "VBZ", "VBP"}
        and all(t.ent_type_ == "PERSON" for t in doc[start:end])
    ):
        return None  # "the album Jo Bloggs recorded": a person, the subject of a clause
    return start, end


def _the_titles(doc: Doc) -> list[tuple[int, int]]:
    """Titles the NER missed that open with a capitalised "The" inside a sentence, after a
    possessive or a preposition ("X's The Long Road", "her role in The Long Road"), as token
    bounds: none of their words is in a named entity, and their last word is no kind of
    organisation, place or event ("the Zenda Hotel")."""
    out = []
    for tok in doc:
        if tok.text != "The" or tok.is_sent_start or tok.i == 0 or tok.ent_type_:
            continue
        before = doc[tok.i - 1]
        if before.tag_ != "POS" and before.pos_ != "ADP":
            continue
        title = _title_at(doc, tok.i)
        if title is None or title[1] - title[0] < 2:
            continue
        words = doc[title[0] : title[1]]
        last = words[-1]
        if any(t.ent_type_ for t in words) or TYPE_NOUNS.get(last.lemma_.lower()):
            continue
        out.append(title)
    return out


#: NER labels of names that are no title of a work ("Leeds star Jo Bloggs": a club's player).
_NO_TITLE_ENTS = frozenset({"ORG", "GPE", "NORP", "LOC", "FAC", "EVENT"}) | _NOT_IN_TITLES
#: Nouns of the people credited on a work, written between its title and their name.
_CREDIT_TITLE_NOUNS = _CREDIT_NOUNS | {
    "star",
    "writer",
    "author",
    "producer",
    "composer",
    "presenter",
    "host",
    "narrator",
}
#: Parts of speech of the words of a phrase, which a name seldom has ("You Can Do It").
_PHRASE_POS = frozenset({"PRON", "VERB", "AUX", "ADP", "DET", "PART", "ADV", "SCONJ"})


def _capital(tok: Token) -> bool:
    return tok.text[:1].isupper() and (tok.is_alpha or (tok.like_num and tok.i > 0))


def _possessive_titles(doc: Doc) -> list[tuple[int, int]]:
    """Titles of works after a person's possessive, as token bounds: "Jo Bloggs's The Long
    Road" (a title opening with "The"), "Jo Bloggs's Down by the Water" (a person's possessive
    before a capitalised phrase with the words of a clause or a phrase, which a name seldom
    has); not a name the NER gives an organisation or a place ("Jo Bloggs's Acme Party")."""
    out = []
    for tok in doc:
        if tok.tag_ != "POS" or tok.i < 1 or tok.i + 1 >= len(doc):
            continue
        owner = doc[tok.i - 1]
        if owner.pos_ != "PROPN":
            continue
        title = _title_at(doc, tok.i + 1)
        if title is None or doc[title[0] - 1].text in _QUOTES:
            continue
        words = doc[title[0] : title[1]]
        last = words[-1]
        if TYPE_NOUNS.get(last.lemma_.lower()):
            continue
        after = doc[title[1]] if title[1] < len(doc) else None
        if after is not None and after.is_lower and after.pos_ == "NOUN":
            continue  # "Jo Bloggs's Zapp TV show": the name modifies a noun
        if words[0].text == "The" and len(words) >= 2:
            out.append(title)  # the NER often reads "The ..." as an organisation
        elif words[0].ent_type_ in _NO_TITLE_ENTS:
            continue
        elif words[0].text == "The" and len(words) >= 2:
            out.append(title)
        elif words[-1].ent_type_ == "PERSON" or any(
            role_relation(t.lower_) in {"leaderOf", "worksFor", "memberOf"} for t in words
        ):
            continue  # "Acme's Managing Director Jo Bloggs"
        elif owner.ent_type_ in {"PERSON", "ORG"} and (
            any(t.pos_ in _PHRASE_POS for t in words)
            or all(t.ent_type_ in {"WORK_OF_ART", "PRODUCT"} for t in words)
        ):
            out.append(title)
    return out


def _credit_titles(doc: Doc) -> list[tuple[int, int]]:
    """Titles of works written before a credit noun and a name, as token bounds: "the Zed
    Rising director Jo Bloggs", "Lord of the Hills star Jo Bloggs"; not a club's or a
    country's name ("Leeds star Jo Bloggs", "British star Jo Bloggs") nor an adjective opening
    the sentence ("Former Zapp actor Jo Bloggs": Zapp)."""
    out = []
    n = len(doc)
    for tok in doc:
        if not tok.is_lower or tok.lower_ not in _CREDIT_TITLE_NOUNS or tok.pos_ != "NOUN":
            continue
        if tok.i + 1 >= n or doc[tok.i + 1].pos_ != "PROPN" or tok.i == 0:
            continue
        start = tok.i
        while start > 0:
            if _capital(doc[start - 1]):
                start -= 1
                continue
            j = start - 1  # small words of the title between capitalised ones
            while j > 0 and start - j <= 3 and doc[j].text in _TITLE_WORDS:
                j -= 1
            if j < start - 1 and _capital(doc[j]):
                start = j
                continue
            break
        while start < tok.i and (
            doc[start].is_sent_start and doc[start].pos_ in {"ADJ", "DET", "ADV"}
        ):
            start += 1
        if start == tok.i:
            continue
        words = doc[start : tok.i]
        if len(words) == 1 and words[0].is_sent_start and words[0].lower_ in known_words("adj"):
            continue  # "Veteran star Jo Bloggs": an adjective opening the sentence
        small = any(t.text in _TITLE_WORDS for t in words)  # "Lord of the Hills": a title
        labels = _NO_TITLE_ENTS - {"ORG"} if small else _NO_TITLE_ENTS
        if any(t.ent_type_ in labels for t in words) or any(t.tag_ == "POS" for t in words):
            continue
        if country_lookup(words.text) is not None or is_demonym(words[0].text):
            continue
        if region(words.text) is not None:
            continue
        out.append((start, tok.i))
    return out


#: Words of the names of political parties, general English words for political families
#: ("the Socialists", "the Radical Democrats"; not "Green", a surname too). No nickname of any
#: one party is listed.
PARTY_WORDS = frozenset(
    (
        "labour conservative conservatives liberal liberals democrat democrats democratic "
        "republican republicans socialist socialists greens unionist unionists "
        "nationalist nationalists communist communists"
    ).split()
)

#: Verbs whose object, a name with "a"/"an", is an award: "won an Oscar", "nominated for a
#: Grammy".
_AWARD_VERBS = frozenset("win award nominate receive collect scoop earn accept refuse".split())

#: An acronym: capitals and digits, a capital first ("BBC", "G8", "O2").
_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,5}")


#: Organisation nouns too loose to type the name after them ("police Jo Bloggs" is rare but
#: "the force" or "the authorities" name no kind of a name).
_LOOSE_KINDS = frozenset("police force forces authority authorities government military".split())


def _kind_before(doc: Doc, start: int, root: Token) -> str:
    """An organisation or product kind a common noun gives the name right after it ("gaming
    company Zenith Arts"), or to the names of its examples ("networks like Zapster, Kloop
    and Grokit", "firms such as Acme"); "" if none."""

    def kind_of(noun: Token) -> str:
        kind = TYPE_NOUNS.get(noun.lemma_.lower(), "")
        opens = noun.is_sent_start or all(t.is_punct for t in doc[noun.sent.start : noun.i])
        lower = noun.is_lower or (opens and noun.text[1:].islower())  # "'Networks like X"
        if noun.pos_ != "NOUN" or not lower or noun.lemma_.lower() in _LOOSE_KINDS:
            return ""
        return kind if kind in {"Organization", "Product"} else ""

    if start > 0 and kind_of(doc[start - 1]) == "Organization":
        return "Organization"
    first = root
    while first.dep_ == "conj":
        first = first.head
    if first.dep_ == "pobj" and first.head.lower_ in {"like", "as"}:
        noun = first.head.head
        such = [*noun.children, *first.head.children]
        if first.head.lower_ == "as" and not any(c.lower_ == "such" for c in such):
            return ""
        if noun.tag_ == "NNS":
            return kind_of(noun)
    return ""


def _name_kind(doc: Doc, start: int, end: int, typ: str) -> str | None:
    """The type a name's own form or its determiner gives, where it beats the NER ("" for
    unknown), or None.

    - a party's name ("the Socialists", "Radical Democrats") is an organisation;
    - an acronym the NER read as a person or a place, that names no country or region
      ("BBC", "O2"), is an organisation;
    - a kind noun before a name, or before a list of examples, types it ("gaming company
      Zenith Arts", "networks like Zapster and Kloop");
    - a name with "a"/"an" won or nominated for is an award ("won a Grammy"), whatever the
      NER said; otherwise it is no person, and of unknown type.
    """
    words = [t.lower_ for t in doc[start:end]]
    text = doc[start:end].text
    if typ in {"Person", "Group", "Place", ""} and all(w in PARTY_WORDS for w in words):
        return "Organization"
    if (
        typ in {"Person", "Place"}
        and end - start == 1
        and _ACRONYM.fullmatch(text)
        and country_lookup(text) is None
        and region(text) is None
    ):
        return "Organization"
    if (
        typ != "Person"
        and end + 1 < len(doc)
        and doc[end].lower_ in _CREDIT_NOUNS
        and doc[end + 1].pos_ == "PROPN"
        and not is_demonym(text)  # "French actress Jo Bloggs": a nationality
        and country_lookup(text) is None
    ):
        return "Product"  # "the Moonfall director Ann Lee": a film
    root = doc[start:end].root
    kind = _kind_before(doc, start, root)
    if kind and typ in {"Person", "Place", "Group", ""}:
        return kind  # "gaming company Zenith Arts", "networks like Zapster and Kloop"
    if any(c.dep_ == "det" and c.lower_ in {"a", "an"} for c in root.children):
        verb = root.head.head if root.dep_ == "pobj" else root.head
        if verb.lemma_.lower() in _AWARD_VERBS and root.dep_ in {"dobj", "pobj"}:
            return "Event"
        return "" if typ == "Person" else None
    return None


#: Members elected for a seat, written after its name: "the Leeds Kirkgate MP".
_SEAT_MEMBERS = frozenset({"MP", "MPs", "MSP", "MSPs", "MLA", "MLAs"})


def _seat_before_member(doc: Doc, start: int, end: int) -> bool:
    """Whether a name of two or more words before "MP" opens with a town of the gazetteer and
    names no party ("the Leeds Kirkgate MP"; not "the Ulster Unionist MP"): an electoral seat,
    which the NER often reads as an organisation or a person."""
    from kg.extract.gazetteer import best_place

    if end >= len(doc) or doc[end].text not in _SEAT_MEMBERS or end - start < 2:
        return False
    words = doc[start:end]
    if any(t.lower_ in PARTY_WORDS or not t.text[:1].isupper() for t in words):
        return False
    return best_place([words[0].text]) is not None


#: Verbs of going whose "to" names a place: "she moved to Zenda".
_MOVE_VERBS = frozenset("move relocate emigrate return travel fly".split())


def _placed_city(doc: Doc, start: int, end: int) -> bool:
    """Whether a name the NER read as a person or an organisation is a place by where it
    stands: after "nearby", or "the town of", "his seat of"; a person's name after a verb of
    going with "to" ("moved to Zenda"); a town of the gazetteer of places after "in", "near",
    "outside" or that verb; or such a town with a compass word, an electoral seat ("Leeds
    North")."""
    from kg.extract.gazetteer import best_place

    span = doc[start:end]
    root = span.root
    words = span.text.split()
    if len(words) == 2 and words[1].lower() in COMPASS_WORDS:
        return best_place([words[0]]) is not None
    if any(c.lower_ == "nearby" and c.dep_ == "amod" for c in root.children):
        return True  # "in nearby Zenda": only a place is nearby
    if root.dep_ != "pobj":
        return False
    prep = root.head
    owner = prep.head
    if (
        prep.lower_ == "of"
        and owner.pos_ == "NOUN"
        and owner.is_lower
        and (TYPE_NOUNS.get(owner.lemma_.lower()) == "Place" or owner.lemma_.lower() == "seat")
    ):
        return True  # "the town of Zenda", "his home seat of Zenda"
    going = prep.lower_ == "to" and owner.lemma_.lower() in _MOVE_VERBS
    if going and root.ent_type_ == "PERSON":
        return True  # "she moved to Zenda": no one moves to a person
    if prep.lower_ not in {"in", "near", "outside"} and not going:
        return False
    return best_place([span.text]) is not None


def _short_firm_names(
    doc: Doc, spans: dict[tuple[int, int], str], cues: dict[tuple[int, int], str]
) -> None:
    """A one-word name read as a person that is an organisation's name less its legal suffix
    ("Acme" beside "Acme Holdings") is that organisation."""
    firms = set()
    for (start, end), typ in spans.items():
        words = [t.lower_.rstrip(".") for t in doc[start:end]]
        if typ == "Organization" and len(words) > 1 and all(w in ORG_SUFFIXES for w in words[1:]):
            firms.add(words[0])
    for (start, end), typ in list(spans.items()):
        if typ == "Person" and end - start == 1 and (start, end) not in cues:
            if doc[start].lower_ in firms:
                spans[(start, end)] = "Organization"


def _modified(span: Span) -> str:
    """The common noun a one-word name only modifies, when the name is itself a common word
    written with a capital ("the Budget debate": "debate"); else "".

    Resolution keeps such a name as an entity only if a fact or quotation uses it. An acronym
    ("the EU summit", "NATO troops") is no common word, though the lemmatizer's word list holds
    many.
    """
    root = span.root
    if (
        len(span) == 1
        and root.dep_ == "compound"
        and root.head.pos_ == "NOUN"
        and root.head.i > root.i
        and root.lower_ in known_words("noun")
        and not _ACRONYM.fullmatch(root.text)
    ):
        return root.head.lemma_.lower()
    return ""
