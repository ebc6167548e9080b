"""Resolution: mentions to entities, within a document and across documents.

Within a document:

1. names are grouped by their normalised form; countries, their aliases and demonyms by the
   gazetteer ("France", "the French Republic", "French" -> France);
2. a single-word name joins the one person whose full name starts or ends with it ("Bloggs"
   -> "Jo Bloggs"), the nearest preceding one when several share it, so two people who share
   a surname stay apart;
3. an acronym joins the non-person name whose initials it spells ("WHO" -> "World Health
   Organization") or that it follows in brackets ("Northern Energy Agency (NEPA)"); an
   organisation name joins the one longer name that only adds a legal suffix ("Acme" ->
   "Acme Holdings") or a first word ("Herald" -> "Daily Herald"); names an extractor found to
   be one (an ``ALIAS`` fact: "X, the Y Alliance", "X, renamed Y") join;
4. noun phrases built on a name are grouped by that name and their head ("Junta accounts",
   "Junta-linked accounts"); kin phrases by kin term and person ("Ada's father");
5. definite descriptions ("the group", "the veteran MP") and pronouns take the nearest
   preceding antecedent of a compatible type (a description prefers a name ending in its
   noun: "the group" -> "Nordic Group"); "he"/"she" look a few sentences back, "it" one
   sentence, and only to an organisation that is the nearest organisation or place; pronouns
   stay on their side of a quotation mark. A resolved description is itself an antecedent.

Each entity's type is a vote over its mentions; its label is the country's name, a person's
longest name, or the most frequent form. Across documents, entities with the same id are one.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from operator import attrgetter

from kg.extract.base import ALIAS
from kg.extract.coref import COREF, PLURAL_PRONOUNS
from kg.extract.entities import PARTY_WORDS
from kg.extract.gazetteer import is_demonym, region
from kg.extract.gazetteer import lookup as country_lookup
from kg.extract.lexicon import (
    DESCRIPTION_NOUNS,
    FEMALE_PRONOUNS,
    FEMALE_WORDS,
    MALE_PRONOUNS,
    MALE_WORDS,
    ORG_SUFFIXES,
    PERSON_PRONOUNS,
    THING_PRONOUNS,
)
from kg.graph.model import (
    CORE_TYPES,
    Document,
    Entity,
    Extraction,
    KnowledgeGraph,
    Mention,
    Quotation,
    Relation,
    Sentence,
    relation_key,
)
from kg.graph.rdf import slug

_THINGS = ("Organization", "Place")

#: How many sentences back a pronoun may look for its antecedent.
PRONOUN_WINDOW = 3


@lru_cache(maxsize=1 << 16)  # names recur in and across documents
def _norm(text: str) -> str:
    t = text.strip().replace("\u2019", "'")
    t = re.sub(r"'s$", "", t)
    t = re.sub(r"^(the|a|an)\s+", "", t, flags=re.IGNORECASE)
    return t.strip()


@dataclass
class _Cluster:
    mentions: list[Mention] = field(default_factory=list)
    label: str = ""
    type: str = ""
    id: str = ""

    def vote(self) -> str:
        votes = Counter(m.type for m in self.mentions if m.type and m.kind != "description")
        if not votes:
            return "Organization"
        return max(votes, key=lambda t: (votes[t], -CORE_TYPES.index(t)))


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _initials(text: str) -> str:
    words = [
        w for w in re.split(r"[\s-]+", text) if w and w.lower() not in {"of", "the", "and", "for"}
    ]
    return "".join(w[0] for w in words if w[0].isupper())


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isupper() and text.isalpha()


def _join_short_org_names(names: list[Mention], key_of: dict[Mention, str], uf: _UnionFind) -> None:
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in names:
        groups[uf.find(key_of[m])].append(m)
    orgs = {
        root: {tuple(_norm(m.text).split()) for m in ms if m.kind == "name"}
        for root, ms in groups.items()
        if root.startswith("name:") and _Cluster(ms).vote() in {"Organization", "Group"}
    }
    for root, ms in sorted(groups.items()):
        if not root.startswith("name:") or _Cluster(ms).vote() == "Person":
            continue
        words = {tuple(_norm(m.text).split()) for m in ms if m.kind == "name"}
        fits = set()
        for other, other_words in orgs.items():
            if other == root:
                continue
            for w in words:
                for o in other_words:
                    if len(o) <= len(w) or not w:
                        continue
                    rest = o[len(w) :]
                    if o[: len(w)] == w and all(
                        x.lower().rstrip(".") in ORG_SUFFIXES for x in rest
                    ):
                        fits.add(other)
                    elif len(w) == 1 and len(o) == 2 and o[-1] == w[0] and w[0][:1].isupper():
                        fits.add(other)
        if len(fits) > 1:
            # "Acme" beside "Acme Group" and "Acme Industries": the group, whose short name
            # the subsidiaries share
            fits = {f for f in fits if any(o[-1].lower() in _UMBRELLA_WORDS for o in orgs[f])}
        if len(fits) == 1:
            uf.union(root, fits.pop())
    _join_first_conjuncts(groups, uf)
    _join_eras(groups, orgs, uf)


#: Last words of a parent organisation's name: "Acme Group" is what "Acme" alone means.
_UMBRELLA_WORDS = {"group", "holdings"}

#: Words that name an era of an organisation: "New Reform" is the Reform party.
_ERA_WORDS = {"new", "old"}


def _join_first_conjuncts(groups: dict[str, list[Mention]], uf: _UnionFind) -> None:
    """A name that is the first half of one longer name with "and" ("Leeds North" for "Leeds
    North and Ripon", a constituency) is its short form; not for a country ("Bosnia")."""
    words = {
        root: {tuple(_norm(m.text).split()) for m in ms if m.kind == "name"}
        for root, ms in groups.items()
        if root.startswith("name:") and _Cluster(ms).vote() in {"Place", "Organization"}
    }
    for root, ws in sorted(words.items()):
        fits = {
            other
            for other, others in words.items()
            if other != root
            for w in ws
            for o in others
            if len(o) > len(w) + 1 and o[: len(w)] == w and o[len(w)].lower() in {"and", "&"}
        }
        if len(fits) == 1:
            uf.union(root, fits.pop())


def _join_eras(
    groups: dict[str, list[Mention]], orgs: dict[str, set[tuple[str, ...]]], uf: _UnionFind
) -> None:
    """ "New Reform" (an era's name) joins the organisation "Reform" the text also names."""
    org_roots = {o: root for root, forms in orgs.items() for o in forms}
    for root, ms in sorted(groups.items()):
        if not root.startswith("name:") or _Cluster(ms).vote() == "Person":
            continue
        for m in ms:
            w = tuple(_norm(m.text).split())
            if len(w) >= 2 and w[0].lower() in _ERA_WORDS and w[1:] in org_roots:
                if region(m.text) is None and country_lookup(m.text) is None:
                    uf.union(root, org_roots[w[1:]])
                    break


def _one_per_fact(relations: Iterable[Relation]) -> tuple[Relation, ...]:
    """Each fact once per sentence: two patterns that found it keep the reading with the most
    qualifiers (a date one of them saw), then the higher confidence."""
    best: dict[tuple[object, ...], Relation] = {}
    for r in sorted(set(relations), key=relation_key):
        key = (r.subject, r.predicate, r.object, r.sentence, r.open, r.negated)
        kept = best.get(key)
        if kept is None or _richness(r) > _richness(kept):
            best[key] = r
    return tuple(sorted(best.values(), key=relation_key))


def _richness(r: Relation) -> tuple[int, float]:
    return (sum(x is not None for x in (r.date, r.qualifier, r.attributed_to)), r.confidence)


def _genders(text: str, antecedents: list[tuple[Mention, str]]) -> dict[str, str]:
    """Gender of each person the text marks ("Mr X", "actress X", "his wife, X"), and of the
    personal pronouns: "M" or "F". A person marked both ways, or not at all, has none."""
    seen: dict[str, set[str]] = defaultdict(set)
    for m, root in antecedents:
        if m.kind != "name" or m.type != "Person":
            continue
        gap = text[max(m.start - 24, 0) : m.start]
        before = re.findall(r"[A-Za-z]+", gap.rsplit("\n", 1)[-1])  # not a headline's last word
        word = before[-1].lower() if before else ""
        if word in MALE_WORDS:
            seen[root].add("M")
        elif word in FEMALE_WORDS:
            seen[root].add("F")
    out = {root: next(iter(g)) for root, g in seen.items() if len(g) == 1}
    out.update(dict.fromkeys(MALE_PRONOUNS, "M"))
    out.update(dict.fromkeys(FEMALE_PRONOUNS, "F"))
    return out


#: Descriptions of a specific kind of organisation: "the party" is only an antecedent named or
#: described with that noun ("the Reform party", "Reform, the party", "Green Party").
_KIND_DESCRIPTIONS = frozenset("party club team bank union brewer retailer movement band".split())

#: Last words of the names of organisations that are no company: "the firm" is not
#: "Leeds City Council" nor the "Rambling Association".
_NOT_COMPANIES = frozenset(
    (
        "party council committee association federation union university college school court "
        "parliament ministry department government authority police army commission assembly "
        "society league trust charity foundation institute church"
    ).split()
)

#: Descriptions of a company ("the firm") that take any organisation, except one not a company.
_COMPANY_DESCRIPTIONS = frozenset(
    (
        "company firm business giant brewer retailer carmaker automaker chipmaker drugmaker "
        "steelmaker manufacturer insurer lender airline broadcaster publisher conglomerate "
        "supermarket operator"
    ).split()
)


def _described_with(text: str, m: Mention, noun: str) -> bool:
    """Whether ``noun`` describes the named mention ``m`` where it stands: a title or a type
    noun just before it ("actor Jo Bloggs", "Prime Minister Jo Bloggs"), a type noun just after it
    ("the Reform party"), or an apposition after it ("Jo Bloggs, the actor,",
    "Jo Bloggs, a veteran actor")."""
    before = re.search(r"([\w-]+)\s+$", text[max(m.start - 30, 0) : m.start])
    if before and before.group(1).lower() == noun:
        return True
    after = text[m.end : m.end + 60]
    word = re.escape(noun) + r"s?\b"
    return bool(
        re.match(r"(?:'s)?\s+" + word, after, re.IGNORECASE)
        or re.match(r",\s+(?:(?:the|a|an|its|his|her)\s+)?(?:[\w-]+\s+){0,3}" + word, after, re.I)
    )


def _surnames_of_a_person(mentions: list[Mention]) -> bool:
    """Whether the names of a cluster are a person's full name and its single words only: the
    full name says the type, however often a small model mistyped the surname."""
    full = [m for m in mentions if m.kind == "name" and m.type == "Person" and " " in _norm(m.text)]
    if not full:
        return False
    words = {w for m in full for w in _norm(m.text).split()}
    return all(
        m in full or (m.kind == "name" and _norm(m.text) in words)
        for m in mentions
        if m.kind == "name"
    )


def _rival(head: str, cluster: _Cluster) -> bool:
    """Whether a description's kind might name ``cluster`` though no text says so: "the
    party" might be "the Socialists" or "the Liberals" (the words of a party's name)."""
    words = _norm(cluster.label).lower().split()
    return head == "party" and bool(words) and all(w in PARTY_WORDS for w in words)


def _fits(
    text: str, m: Mention, cand: Mention, cluster: _Cluster, gender: str, salient: bool
) -> bool:
    """Whether a definite description ``m`` ("the actor", "the party", "the firm") may take the
    antecedent ``cand`` of ``cluster``, beyond its type: precision before recall.

    - a person's description takes only someone described with that noun (a title, an
      apposition, an earlier same description), of a compatible gender ("the actress" is not
      Mr Bloggs), and named at least as often as anyone before it (``salient``): "the actor"
      is the story's actor, not one it compares him with;
    - a kind of organisation ("the party", "the club") takes only one named or described with
      that noun (a party also by the words of its name: "the Socialists", "the Liberals");
    - a company's description ("the firm") takes no organisation whose name says it is no
      company ("Leeds City Council").
    """
    if cand.kind == "description":
        return cand.head == m.head
    head = m.head
    if cluster.type == "Person":
        if (head in MALE_WORDS and gender == "F") or (head in FEMALE_WORDS and gender == "M"):
            return False
        if not salient:
            return False
        return any(_described_with(text, x, head) for x in cluster.mentions if x.kind == "name")
    words = cluster.label.lower().split()
    if head in _KIND_DESCRIPTIONS:
        if words and words[-1] in {head, head + "s"}:
            return True
        return any(_described_with(text, x, head) for x in cluster.mentions if x.kind == "name")
    if head in _COMPANY_DESCRIPTIONS:
        kind = words[: words.index("of")] if "of" in words else words
        return not (kind and (kind[-1] in _NOT_COMPANIES or kind[-1][:-1] in _NOT_COMPANIES))
    return True


#: Sorting by this key is sorting mentions (their dataclass order compares these fields in
#: turn), with each key built once instead of two tuples per comparison.
_mention_key = attrgetter(*(f.name for f in fields(Mention) if f.compare))


def _with_entity(m: Mention, entity: str) -> Mention:
    """``replace(m, entity=entity)``, faster: Mention has no ``__post_init__``."""
    out = object.__new__(Mention)
    out.__dict__.update(m.__dict__)
    object.__setattr__(out, "entity", entity)
    return out


@dataclass(frozen=True)
class DocumentEntities:
    """The result of resolving one document."""

    extraction: Extraction
    entities: tuple[Entity, ...]
    votes: dict[str, Counter[str]]


def resolve_document(ex: Extraction) -> DocumentEntities:
    """Assign every resolvable mention an entity id; drop facts whose arguments do not resolve."""
    names = sorted({m for m in ex.mentions if m.kind in {"name", "demonym"}})
    uf = _UnionFind()
    key_of: dict[Mention, str] = {}
    gazetteer_names: dict[str, str] = {}
    for m in names:
        country = country_lookup(m.text)
        state = region(m.text, stop=True) if m.type == "Place" else None
        if country is not None:
            key = f"country:{country.iso2}"
            gazetteer_names[key] = country.name
        elif state is not None:
            key = f"region:{state}"  # "Pa.", "Penn." and "Pennsylvania" are one place
            gazetteer_names[key] = state
        else:
            key = "name:" + _norm(m.text).lower()
        key_of[m] = key
        uf.find(key)

    # 2. single words to full person names
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in names:
        groups[uf.find(key_of[m])].append(m)
    full_names = {
        root: ms
        for root, ms in groups.items()
        if not root.startswith("name:#")
        and any(len(_norm(m.text).split()) >= 2 for m in ms)
        and _Cluster(ms).vote() in {"Person"}
    }
    # first and last words of each full name -> (where that person is first named, its root)
    by_word: dict[str, set[tuple[int, str]]] = defaultdict(set)
    for froot, fms in full_names.items():
        first_seen = min(x.start for x in fms)
        for f in fms:
            parts = _norm(f.text).split()
            if len(parts) >= 2:
                by_word[parts[0]].add((first_seen, froot))
                by_word[parts[-1]].add((first_seen, froot))
    for root, ms in sorted(groups.items()):
        words = {_norm(m.text) for m in ms}
        if any(len(w.split()) != 1 for w in words) or root.startswith(("country:", "region:")):
            continue
        word = next(iter(words))
        candidates = sorted(c for c in by_word.get(word, ()) if c[1] != root)
        if not candidates:
            continue
        first = min(m.start for m in ms)
        before = [c for c in candidates if c[0] <= first]
        uf.union(root, max(before)[1] if before else min(candidates)[1])

    # 3. acronyms: spelled by a name's initials, or written in brackets after it
    current: dict[str, list[Mention]] = defaultdict(list)
    for m in names:
        current[uf.find(key_of[m])].append(m)
    spelled_by: dict[str, set[str]] = defaultdict(set)  # initials -> names (not persons)
    for root, ms in current.items():
        if _Cluster(ms).vote() != "Person":
            for o in ms:
                spelled_by[_initials(_norm(o.text))].add(root)
    for root in sorted(current):
        for m in current[root]:
            text = _norm(m.text)
            if _is_acronym(text):
                for other in sorted(spelled_by.get(text, ())):
                    if other != root:
                        uf.union(root, other)
    by_start = {m.start: m for m in names}
    for m in names:
        after = ex.document.text[m.end : m.end + 2]
        acronym = by_start.get(m.end + 2)
        if after == " (" and acronym is not None and _is_acronym(_norm(acronym.text)):
            if m.type and acronym.type and m.type != acronym.type:
                continue  # "LEEDS, England (AP)": a news agency after a place is not its name
            if ex.document.text[acronym.end : acronym.end + 1] == ")":
                uf.union(uf.find(key_of[m]), uf.find(key_of[acronym]))

    # 3b. a shorter organisation name: the longer one less its legal suffix ("Acme" for
    # "Acme Holdings"), or its last word ("Herald" for "Daily Herald"), when only one fits
    _join_short_org_names(names, key_of, uf)

    # 3c. names the extractors found to be one ("X, the Y Alliance,", "X, renamed Y")
    by_span = {(m.start, m.end): m for m in names}
    for r in ex.relations:
        if r.predicate == ALIAS:
            a, b = (
                by_span.get((r.subject.start, r.subject.end)),
                by_span.get((r.object.start, r.object.end)),
            )
            between = ex.document.text[
                min(r.subject.end, r.object.end) : max(r.subject.start, r.object.start)
            ]
            if between.strip() == ",":
                continue  # "Acme, Zenith, Tricorp": a list, no second name
            if a is not None and b is not None:
                uf.union(uf.find(key_of[a]), uf.find(key_of[b]))

    clusters: dict[str, _Cluster] = defaultdict(_Cluster)
    for m in names:
        clusters[uf.find(key_of[m])].mentions.append(m)
    for c in clusters.values():
        c.type = c.vote()
        if c.type != "Person" and _surnames_of_a_person(c.mentions):
            c.type = "Person"  # "Jo Bloggs" then "Bloggs" tagged an organisation five times
        countries = [gazetteer_names[key_of[m]] for m in c.mentions if key_of[m] in gazetteer_names]
        if countries:
            c.label, c.type = Counter(countries).most_common(1)[0][0], "Place"
        else:
            texts = Counter(_norm(m.text) for m in c.mentions if m.kind == "name")
            for form in list(texts):  # "Reform", not "New Reform" (an era of it)
                era, _, rest = form.partition(" ")
                if era.lower() in _ERA_WORDS and rest in texts:
                    del texts[form]
            if c.type == "Person":
                c.label = max(texts, key=lambda t: (len(t.split()), texts[t], t))
            else:
                # "Leeds" before "Leeds, Yorkshire" (a town written with its region)
                c.label = max(texts, key=lambda t: (texts[t], "," not in t, len(t), t))

    entity_of: dict[tuple[int, int], str] = {}  # mention span -> cluster root
    for m in names:
        entity_of[(m.start, m.end)] = uf.find(key_of[m])

    # 4. phrases and kin
    for m in sorted(x for x in ex.mentions if x.kind in {"phrase", "kin"}):
        if m.kind == "kin":
            owner = next(
                (r for (s, e), r in entity_of.items() if s == m.start and e <= m.end), None
            )
            if owner is None:
                continue
            root = f"kin:{m.head}:{owner}"
            c = clusters[root]
            c.label = f"{m.head} of {clusters[owner].label}"
        else:
            root = f"phrase:{m.head}"
            c = clusters[root]
            text = _norm(m.text)
            if not c.label or len(text) < len(c.label):
                c.label = text
        c.mentions.append(m)
        c.type = c.type or m.type
        entity_of[(m.start, m.end)] = root

    # 5. descriptions and pronouns
    sent_index = {s.start: i for i, s in enumerate(ex.sentences)}
    sent_starts = sorted(sent_index)

    def sentence_no(offset: int) -> int:
        return max(bisect.bisect_right(sent_starts, offset) - 1, 0)

    # antecedents in text order: names, then each description as it resolves
    antecedents: list[tuple[Mention, str]] = [(m, uf.find(key_of[m])) for m in names]
    gender = _genders(ex.document.text, antecedents)
    starts = [a[0].start for a in antecedents]
    person_names = sorted(
        (m.start, uf.find(key_of[m]))
        for m in names
        if clusters[uf.find(key_of[m])].type == "Person"
    )

    def named_before(root: str, offset: int) -> int:
        return sum(1 for start, r in person_names if r == root and start < offset)

    def top_person(offset: int) -> int:
        seen = Counter(r for start, r in person_names if start < offset)
        return max(seen.values(), default=0)

    # the antecedents an extractor chose from the parse ("he" -> the subject before it)
    hinted = {
        (r.subject.start, r.subject.end): entity_of.get((r.object.start, r.object.end))
        for r in ex.relations
        if r.predicate == COREF
    }
    for m in sorted(x for x in ex.mentions if x.kind in {"description", "pronoun"}):
        chosen = hinted.get((m.start, m.end))
        if m.kind == "pronoun" and m.head in PERSON_PRONOUNS:
            if (
                chosen is not None
                and clusters[chosen].type == "Person"
                and gender.get(chosen, "?") in {"?", gender.get(m.head)}
            ):
                entity_of[(m.start, m.end)] = chosen
                continue
        elif m.kind == "pronoun":
            salient = chosen if chosen and clusters[chosen].type == "Organization" else None
            if m.head in PLURAL_PRONOUNS:
                if salient is not None:
                    entity_of[(m.start, m.end)] = salient
                continue  # "they" only as the parse says: a group of people as often
            if (m.start, m.end) in hinted and chosen is None:
                continue  # "the deal ... it": the parse found another subject first
            # "it" takes the nearest organisation (below), else the salient one
        if m.kind == "description":
            allowed = DESCRIPTION_NOUNS.get(m.head, ("Person",))
        else:
            # "it" takes the nearest thing, and resolves only if that is an organisation
            allowed = _THINGS if m.head in THING_PRONOUNS else ("Person",)
        window = 1 if m.head in THING_PRONOUNS else PRONOUN_WINDOW
        here = sentence_no(m.start)
        best: str | None = None  # the nearest compatible antecedent before m
        named_after: str | None = None  # "the group" prefers a name ending "Group"
        fitting: set[str] = set()
        strict = m.kind == "description" and (
            m.head in _KIND_DESCRIPTIONS or m.head not in DESCRIPTION_NOUNS
        )
        for k in range(bisect.bisect_left(starts, m.start) - 1, -1, -1):  # nearest first
            cand, root = antecedents[k]
            if cand.end > m.start:
                continue
            if m.kind == "pronoun" and here - sentence_no(cand.start) > window:
                break  # every earlier one is further away
            if clusters[root].type not in allowed:
                continue
            if m.head in THING_PRONOUNS and is_demonym(cand.text):
                continue  # "Indian rupees" names no antecedent for "it"
            if m.kind == "pronoun" and cand.in_quote != m.in_quote:
                continue
            if m.kind == "pronoun" and gender.get(root, "?") not in {"?", gender.get(m.head)}:
                continue  # "she" is not Mr Bloggs
            if m.kind == "description" and not _fits(
                ex.document.text,
                m,
                cand,
                clusters[root],
                gender.get(root, "?"),
                salient=named_before(root, m.start) >= top_person(m.start),
            ):
                if strict and _rival(m.head, clusters[root]):
                    fitting.add(root)  # "Labour" before "the party": it might be meant
                continue
            best = best or root
            fitting.add(root)
            if m.kind == "pronoun":
                break
            if strict:
                continue  # a kind or a role: every fitting antecedent counts
            if clusters[root].label.lower().endswith(" " + m.head):
                named_after = root
                break
        best = named_after or best
        if strict and len(fitting) > 1:
            best = None  # "the party" after two parties: either, so neither
        if best is not None and m.head in THING_PRONOUNS and clusters[best].type != "Organization":
            best = None
        if best is None and m.kind == "pronoun" and m.head in THING_PRONOUNS:
            chosen = hinted.get((m.start, m.end))
            if chosen and clusters[chosen].type == "Organization":
                best = chosen  # none near, but the subject the parse found
        if best is not None:
            entity_of[(m.start, m.end)] = best
            if m.kind == "description":
                clusters[best].mentions.append(m)
                at = bisect.bisect_right(starts, m.start)
                starts.insert(at, m.start)
                antecedents.insert(at, (m, best))

    # ids
    for c in clusters.values():
        if c.mentions and c.label:
            c.id = slug(c.label)

    done: dict[int, tuple[Mention, Mention | None]] = {}  # id(m) -> (m, resolved m)

    def resolved(m: Mention | None) -> Mention | None:
        if m is None:
            return None
        known = done.get(id(m))  # the same mention object comes back in many facts
        if known is not None and known[0] is m:
            return known[1]
        root = entity_of.get((m.start, m.end))
        out = None if root is None or not clusters[root].id else _with_entity(m, clusters[root].id)
        done[id(m)] = (m, out)
        return out

    quotations: list[Quotation] = []
    for q in ex.quotations:
        quotations.append(replace(q, speaker=resolved(q.speaker)))
    relations: list[Relation] = []
    for r in ex.relations:
        if r.predicate == ALIAS or r.predicate == COREF:
            continue
        subj, obj = resolved(r.subject), resolved(r.object)
        if subj is None or obj is None or subj.entity == obj.entity:
            continue
        speaker = next(
            (q.speaker for q in quotations if q.start <= r.subject.start < q.end and q.speaker),
            None,
        )
        relations.append(replace(r, subject=subj, object=obj, attributed_to=speaker))
    mentions = tuple(
        sorted((m2 for m in ex.mentions if (m2 := resolved(m)) is not None), key=_mention_key)
    )

    used = {r.subject.entity for r in relations} | {r.object.entity for r in relations}
    used |= {q.speaker.entity for q in quotations if q.speaker is not None}
    entities: dict[str, Entity] = {}
    votes: dict[str, Counter[str]] = {}
    for root in sorted(clusters):
        c = clusters[root]
        if not c.id:
            continue
        if c.id not in used and all(
            m.kind in {"phrase", "kin"} or (m.kind == "name" and m.head) for m in c.mentions
        ):
            # a noun phrase is an entity only when it takes part in a fact; so is a name that
            # is a common word and only modifies a noun ("the Budget debate")
            continue
        aliases = {
            _norm(m.text) if m.kind != "description" else m.text
            for m in c.mentions
            if m.kind != "pronoun"
        }
        prev = entities.get(c.id)
        v = Counter(m.type for m in c.mentions if m.type and m.kind != "description")
        if not v:
            v[c.type] += 1
        if prev is not None:
            aliases |= set(prev.aliases)
            v += votes[c.id]
        votes[c.id] = v
        entities[c.id] = Entity(
            id=c.id,
            label=prev.label if prev else c.label,
            type=prev.type if prev else c.type,
            aliases=tuple(sorted(aliases - {prev.label if prev else c.label})),
            documents=(ex.document.id,),
            mentions=(prev.mentions if prev else 0) + len(c.mentions),
        )
    out = replace(
        ex, mentions=mentions, relations=_one_per_fact(relations), quotations=tuple(quotations)
    )
    return DocumentEntities(out, tuple(entities[k] for k in sorted(entities)), votes)


def merge(results: Iterable[DocumentEntities]) -> KnowledgeGraph:
    """One graph from resolved documents, in input order: entities with the same id merge."""
    documents: list[Document] = []
    sentences: set[Sentence] = set()
    relations: list[Relation] = []
    quotations: list[Quotation] = []
    entities: dict[str, Entity] = {}
    votes: dict[str, Counter[str]] = {}
    mentions: list[Mention] = []
    for res in results:
        ex = res.extraction
        documents.append(ex.document)
        relations.extend(ex.relations)
        quotations.extend(ex.quotations)
        sentences.update(r.sentence for r in ex.relations)
        sentences.update(q.sentence for q in ex.quotations)
        resolved = sorted(m for m in ex.mentions if m.entity)
        mentions.extend(resolved)
        sentences.update(_shared_sentences(ex.sentences, resolved))
        for e in res.entities:
            prev = entities.get(e.id)
            votes[e.id] = votes.get(e.id, Counter()) + res.votes[e.id]
            if prev is None:
                entities[e.id] = e
                continue
            entities[e.id] = replace(
                prev,
                aliases=tuple(
                    sorted((set(prev.aliases) | set(e.aliases) | {e.label}) - {prev.label})
                ),
                documents=tuple(sorted(set(prev.documents) | set(e.documents))),
                mentions=prev.mentions + e.mentions,
            )
    for eid, e in entities.items():
        v = votes[eid]
        if e.type != "Place" and v:
            entities[eid] = replace(e, type=max(v, key=lambda t: (v[t], -CORE_TYPES.index(t))))
    return KnowledgeGraph(
        documents=tuple(documents),
        sentences=tuple(sorted(sentences)),
        entities=tuple(entities[k] for k in sorted(entities)),
        relations=tuple(relations),
        quotations=tuple(quotations),
        mentions=tuple(mentions),
    )


def _shared_sentences(sentences: Iterable[Sentence], mentions: list[Mention]) -> set[Sentence]:
    """The sentences in which two different entities are mentioned (``mentions`` sorted)."""
    starts = [m.start for m in mentions]
    out = set()
    for s in sentences:
        k = bisect.bisect_left(starts, s.start)
        ids = set()
        while k < len(mentions) and mentions[k].start < s.end:
            ids.add(mentions[k].entity)
            k += 1
        if len(ids) > 1:
            out.add(s)
    return out
