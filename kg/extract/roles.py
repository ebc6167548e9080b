"""Posts, memberships and sides that the noun-phrase rules of :mod:`kg.extract.relations` do
not reach (each a general English construction; invented examples):

- a post with its organisation, then the holder's name in apposition: "the head of Acme, Jo
  Bloggs, said", "the chairman of the Zenda Bar Council, Jo Bloggs QC," (``post.appos``);
- in a sports report, a player's deed "for" a side: "Jo Bloggs endured a nightmare for Leeds",
  "Bloggs kicked three penalties for Ripon" (``for.side``): a side is a club's name or a
  country's (a national side);
- a post written in capitals after the name of the body the NER missed: "Fictional MP Jo
  Bloggs", "Former Fictional MEP Lord Bloggs", "ex-Fictional MP Jo Bloggs" (``title.caps``);
- a capitalised word the tagger read as a common noun (often opening a sentence), then a
  post and a name, when the document writes
  the word capitalised inside a sentence too (so a name, not the common noun the tagger took
  it for): "Zenda prop Jo Bloggs" with "against Zenda" elsewhere (``title.opening``);
- a government named by its leader or its country: "Jo Bloggs's administration", "President
  Jo Bloggs's government" (``possessive.government``); "Ruritania's previous government, led by
  Jo Bloggs" (``led.government``): the leader leads it;
- in a report on one company, a firm's post written bare before a name: "chief executive Jo
  Bloggs said" is the chief executive of the company the report is about (``title.context``):
  the organisation named most often in the document, more often than any other;

Every subject and object goes through the run's mention index, so names the NER split or
missed fall back to the same rules as the rest of the extractor.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extract.gazetteer import is_demonym, region
from kg.extract.gazetteer import lookup as country_lookup
from kg.extract.lexicon import HONORIFICS, PLACE_POSTS, ROLE_NOUNS, VERB_PREPS, role_relation

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extract.relations import _Run
    from kg.graph.model import Mention, Relation

_POSTS = frozenset({"memberOf", "worksFor", "leaderOf"})

#: Words of a report on a team sport: a document with several is a sports report, where a
#: place's name may stand for its side ("for Leeds" is for the Leeds club).
SPORT_WORDS = frozenset(
    (
        "match fixture game season league cup championship tournament squad team club side "
        "coach manager striker midfielder defender goalkeeper keeper winger prop fly-half "
        "scrum-half lock flanker hooker captain skipper goal try penalty kick score scorer "
        "referee pitch stadium final semi-final quarter-final debut cap international "
        "transfer loan draw defeat win victory"
    ).split()
)
#: Distinct sport words that make a document a sports report.
_SPORT_CUES = 4

#: Verbs whose "for" is a goal, a destination or a cause, not a side: "headed for Zenda",
#: "voted for Ripon", "called for Leeds to be fined".
NOT_FOR_SIDE = frozenset(
    (
        "head leave depart set sail fly travel bound go come return run bid vote pay wait call "
        "ask hope look apply opt fight push campaign press argue plead pray root cheer blame "
        "punish fine ban thank praise criticise criticize slam credit reward buy sell search"
    ).split()
)

#: Bodies that govern, named by their leader or country: "X's administration".
GOVERNMENT_NOUNS = frozenset("government administration cabinet".split())
#: Verbs of leading a government: "the government, led by X".
LEADING_VERBS = frozenset("lead head run chair".split())

#: Posts of a firm's officers that, written bare before a name ("chief executive Jo Bloggs"),
#: are posts in the firm a report is about.
FIRM_POSTS = frozenset(
    "chairman chairwoman executive ceo boss spokesman spokeswoman spokesperson officer "
    "director founder".split()
)  # "director" only after a word of its post ("finance director X", "club director X")
#: Words of a post's phrase that make it a post elsewhere or a kind of person, not an officer
#: of the firm ("a former executive", "an independent director", "a non-executive director").
_NOT_OWN = frozenset("independent non-executive outside external".split())
#: Mentions of the topic organisation a document needs.
_TOPIC_MENTIONS = 3


class RoleRules:
    """The role constructions of one document, run from :class:`relations._Run`."""

    def __init__(self, run: _Run) -> None:
        self.run = run
        self._sport: bool | None = None
        self._governments: set[str] = set()  # leaders (last names) whose government is named

    def sport(self) -> bool:
        """Whether the document reads as a report on a team sport (several sport words)."""
        if self._sport is None:
            seen = {t.lemma_.lower() for t in self.run.doc if t.pos_ == "NOUN"}
            self._sport = len(seen & SPORT_WORDS) >= _SPORT_CUES
        return self._sport

    def topic(self) -> Mention | None:
        """The organisation a report is about: the one named most often (its first mention),
        at least three times and more often than any other."""
        counts: dict[str, list[Mention]] = {}
        for m in self.run.index.mentions():
            if m.type == "Organization" and m.kind == "name":
                counts.setdefault(m.text, []).append(m)
        ranked = sorted(counts.values(), key=len, reverse=True)
        if not ranked or len(ranked[0]) < _TOPIC_MENTIONS:
            return None
        if len(ranked) > 1 and len(ranked[1]) == len(ranked[0]):
            return None
        return ranked[0][0]

    def document(self) -> Iterator[Relation]:
        """Facts read over the whole document (posts in capitals, posts of the topic
        organisation)."""
        topic = self.topic()
        for person in self.run.index.mentions():
            if person.type == "Person":
                yield from self.caps_post(person)
                yield from self.opening_post(person)
                if topic is not None:
                    yield from self.context_post(person, topic)

    def caps_post(self, person: Mention) -> Iterator[Relation]:
        """ "Fictional MP Jo Bloggs", "Former Fictional MP Lord Bloggs": a post written in
        capitals (an abbreviation: MP, MEP, CEO) after one to three capitalised words the NER
        left out (even a common noun opening the sentence, "Labour"), then the person: the post
        is in the body those words name. Not a place's name ("Leeds MP X" sits for Leeds)."""
        run = self.run
        doc = run.doc
        span = doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None:
            return
        j = span.start - 1
        while j > 0 and doc[j].lower_ in HONORIFICS and run.index.named(doc[j]) is None:
            j -= 1  # "MP Lord Bloggs"
        if j < 1 or not doc[j].is_upper or len(doc[j]) < 2 or run.index.named(doc[j]):
            return
        role = ROLE_NOUNS.get(doc[j].lower_)
        if role not in _POSTS:
            return
        k = j - 1
        while k >= 0 and j - k <= 3 and _body_word(doc[k]) and run.index.named(doc[k]) is None:
            k -= 1
        start, end = k + 1, j
        if start == end:
            return
        if k >= 0 and not (
            doc[k].is_lower
            or doc[k].lower_ in {"former", "ex"}
            or (doc[k].text == "-" and k > 0 and doc[k - 1].lower_ == "ex")
            or doc[k].is_punct
        ):
            return  # "Acme Zenith MP": part of a longer name, or a named place
        text = doc[start:end].text
        if is_demonym(text) or country_lookup(text) is not None or region(text) is not None:
            return
        org = run.index._make(start, end, "Organization", "name", "")
        yield from run.rel(person, role, org, doc[j], "title.caps")

    def opening_post(self, person: Mention) -> Iterator[Relation]:
        """ "Zenda prop Jo Bloggs said": a capitalised word (often opening the sentence) that
        the tagger read as a common noun ("Bath", "Reading") and the NER left out, then a
        lower-case post and the person. The word is a name when the document also writes it
        capitalised inside a sentence, outside any person's name; the post is then in the body
        (a club, a party) it names. Posts a place's name may carry ("prop", "boss", "MP") only."""
        run = self.run
        doc = run.doc
        span = doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None or span.start < 2:
            return
        post, word = doc[span.start - 1], doc[span.start - 2]
        lemma = post.lemma_.lower()
        if not post.is_lower or post.pos_ != "NOUN" or lemma not in PLACE_POSTS:
            return
        role = role_relation(lemma)
        if role not in _POSTS or not word.is_title:
            return
        if not word.is_sent_start and (
            doc[word.i - 1].text[:1].isupper()
            or doc[word.i - 1].is_punct
            and doc[word.i - 1].text not in {",", ";", ":"}
        ):
            return  # part of a longer name, or a headline's run of capitals
        if word.pos_ != "NOUN" or not word.is_alpha or run.index.named(word) is not None:
            return  # an adjective ("Veteran prop X") or a name already read
        if country_lookup(word.text) or is_demonym(word.text) or region(word.text):
            return
        if not any(
            t.text == word.text
            and not t.is_sent_start
            and (_named_as_body(run, t) or (t.pos_ == "PROPN" and run.index.named(t) is None))
            for t in doc
            if t.i != word.i
        ):
            return
        org = run.index._make(word.i, word.i + 1, "Organization", "name", "")
        yield from run.rel(person, role, org, post, "title.opening")

    def context_post(self, person: Mention, topic: Mention) -> Iterator[Relation]:
        """ "chief executive Jo Bloggs said": a firm's post, bare before the name (no
        organisation, possessor or article in its phrase, none after the name), is a post in
        the organisation the report is about."""
        doc = self.run.doc
        span = doc.char_span(person.start, person.end, alignment_mode="expand")
        if span is None or span.start == 0:
            return
        post = doc[span.start - 1]
        lemma = post.lemma_.lower()
        if not post.is_lower or post.pos_ != "NOUN" or lemma not in FIRM_POSTS:
            return
        role = role_relation(lemma)
        if role not in _POSTS:
            return
        before = doc[span.start - 2] if span.start > 1 else None
        if lemma == "director" and (before is None or not before.is_lower or _joined(before)):
            return  # "director X", "writer-director X": a film's, seldom a firm's
        k = span.start - 2
        while k >= 0 and doc[k].is_lower and doc[k].pos_ in {"NOUN", "ADJ", "PROPN"}:
            k -= 1  # "chief financial officer X"
        if (
            k >= 0
            and (doc[k].text[:1].isupper() or doc[k].tag_ == "POS")
            and not doc[k].is_sent_start
        ):
            return  # a name or a possessor opens the phrase: the title rules read it
        if k >= 0 and doc[k].is_sent_start and doc[k].text[:1].isupper() and doc[k].pos_ == "PROPN":
            return
        if k >= 0 and doc[k].pos_ == "DET" and doc[k].lower_ in {"a", "an"}:
            return  # "an executive Jo Bloggs": a kind, seldom a post in the firm
        if any(t.lower_ in _NOT_OWN for t in doc[k + 1 : span.start]):
            return
        after = doc[span.end : span.end + 2]
        if len(after) and after[0].lower_ in {"of", "at", "from", "for", "with", "in"}:
            return  # "chief executive X of Zenith"
        if len(after) > 1 and after[0].text == "," and after[1].lower_ in {"the", "a", "an"}:
            return  # "chief executive X, the Zenith founder,": an apposition says whose
        yield from self.run.rel(person, role, topic, post, "title.context")

    def noun(self, tok: Token, lemma: str) -> Iterator[Relation]:
        """Facts of a noun (a post)."""
        role = role_relation(lemma)
        if role in _POSTS:
            yield from self.post_appos(tok, role)
        if lemma in GOVERNMENT_NOUNS and tok.tag_ == "NN":
            yield from self.government(tok)

    def verb(self, verb: Token, lemma: str) -> Iterator[Relation]:
        """Facts of a verb (a deed for a side)."""
        if self.sport() and (lemma, "for") not in VERB_PREPS and lemma not in NOT_FOR_SIDE:
            yield from self.for_side(verb)

    def post_appos(self, post: Token, role: str | None) -> Iterator[Relation]:
        """ "The head of Acme, Jo Bloggs, said": the name in apposition holds the post, in the
        organisation the post names (of/at/for objects, premodifiers; not a possessor, which
        the possessive rules read)."""
        run = self.run
        holders = [c for c in post.children if c.dep_ == "appos" and c.i > post.i]
        for prep in (c for c in post.children if c.dep_ == "prep"):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                # "the head of Acme, Jo Bloggs,": the parser hangs the name on the organisation
                holders += [c for c in pobj.children if c.dep_ == "appos" and c.i > pobj.i]
        if not holders or role is None:
            return
        for h in holders:
            holder = run.index.named(h)
            if holder is None or holder.type != "Person":
                continue
            span = run.doc.char_span(holder.start, holder.end, alignment_mode="expand")
            if span is None or span.start < 1 or run.doc[span.start - 1].text != ",":
                continue  # "the Acme chief X": a title the title rules read, no apposition
            for org in run.role_orgs(post):
                if org.kind == "name" and org.type in {"Organization", ""}:
                    yield from run.rel(holder, role, org, post, "post.appos")

    def government(self, noun: Token) -> Iterator[Relation]:
        """ "Jo Bloggs's administration", "President Jo Bloggs's government": the possessor
        leads the government (one entity, named by the whole phrase); "Ruritania's previous
        government, led by Jo Bloggs": the agent of "led" leads the government the phrase
        names (a bare "the government" is a description resolution reads)."""
        run = self.run
        doc = run.doc
        poss = next((c for c in noun.children if c.dep_ == "poss"), None)
        leader = run.index.named(poss) if poss is not None else None
        if leader is not None and leader.type == "Person" and leader.kind == "name":
            span = doc.char_span(leader.start, leader.end, alignment_mode="expand")
            last = doc[span.end - 1].text if span is not None else ""
            if span is not None and span.end < noun.i and last not in self._governments:
                self._governments.add(last)  # "X's government" again names the same one
                whole = run.index._make(span.start, noun.i + 1, "Organization", "name", "")
                yield from run.rel(leader, "leaderOf", whole, noun, "possessive.government")
                return
        agents = [
            g
            for verb in noun.children
            if verb.dep_ == "acl" and verb.lemma_.lower() in LEADING_VERBS and verb.tag_ == "VBN"
            for a in verb.children
            if a.dep_ == "agent"
            for g in a.children
            if g.dep_ == "pobj"
        ]
        for g in agents:
            person = run.index.named(g)
            if person is None or person.type != "Person":
                continue
            body: Mention | None = run.m(noun)
            if poss is not None and run.index.named(poss) is not None:
                first = noun.left_edge.i
                body = run.index._make(first, noun.i + 1, "Organization", "name", "")
            if body is not None and body.type in {"Organization", ""}:
                yield from run.rel(person, "leaderOf", body, noun, "led.government")

    def for_side(self, verb: Token) -> Iterator[Relation]:
        """ "X endured a nightmare for Leeds", "X kicked three penalties for Ripon": in a
        sports report, what a player does "for" a side (the verb's or its object's "for")
        he does as a member of it."""
        run = self.run
        players = [
            m
            for s in run.subjects(verb)
            for m in [run.m(s)]
            if m is not None and m.type == "Person"
        ]
        if not players:
            return
        preps = [c for c in verb.children if c.dep_ == "prep" and c.lower_ == "for"]
        for obj in (c for c in verb.children if c.dep_ == "dobj"):
            preps += [c for c in obj.children if c.dep_ == "prep" and c.lower_ == "for"]
        for prep in preps:
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                side = run.index.named(pobj)
                if (
                    side is None
                    or side.kind != "name"
                    or side.type not in {"Organization", "Place"}
                ):
                    continue
                for player in players:
                    yield from run.rel(player, "memberOf", side, prep, "for.side")


def _body_word(tok: Token) -> bool:
    """A capitalised word that may name a body the NER missed: a proper noun, or a common noun
    written capitalised ("Labour" opening a sentence); no honorific, date or person."""
    return (
        tok.is_alpha
        and tok.text[:1].isupper()
        and not tok.is_upper
        and tok.pos_ in {"PROPN", "NOUN", "ADJ"}
        and tok.lower_ not in HONORIFICS
        and tok.lower_ not in {"former", "ex"}
        and tok.ent_type_ not in {"DATE", "TIME", "PERSON", "CARDINAL", "ORDINAL", "GPE"}
    )


def _joined(tok: Token) -> bool:
    """Whether ``tok`` is joined to the next word by a hyphen ("writer-" of "writer-director")."""
    return tok.text == "-" or (tok.nbor(1).text == "-" if tok.i + 1 < len(tok.doc) else False)


def _named_as_body(run: _Run, tok: Token) -> bool:
    """Whether ``tok`` lies in a named organisation or place (not a person's name)."""
    named = run.index.named(tok)
    return named is not None and named.type != "Person"
