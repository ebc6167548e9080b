"""Cross-document resolution: the entities of one real thing in many articles become one node.

Each document is resolved on its own (:mod:`kg.resolve.document`); its entities are the *units* of
this
stage: (document, entity id) with the names, type votes and gender marks seen there. Units join
when their names are forms of one name, and never across a conflict:

1. units with the same id join (as :func:`kg.resolve.document.merge` does), except people whose
gender
   conflicts: "Mrs Bloggs" in one article and "Mr Bloggs" in another stay two;
2. forms of one organisation name join (a general English morphology, never a list of names):
   the name with or without "Party" ("Reform" / "Reform Party"), singular and plural and
   adjective ("Progressive", "Progressives"; "Democratic" / "Democrats"), clipped words ("Prog
   Dems" for "Progressive Democrats") and an acronym spelled by a longer name's initials, when
   one organisation only fits; a plural joins its singular only when the name is a party's or
   a group's, or its last word has the ending of an adherent ("-ive", "-ist", "-an", "-at"...)
   ("Times" is no plural of "Time");
3. people with the same first and last name join (a middle name or initial aside), each gender
   apart;
4. a surname alone ("Bloggs", "Mr Bloggs") joins the one full name in the whole build that ends
   with it, is of a compatible gender and is not kept apart from it in its own article; when
   two full names fit ("Jo Bloggs" and "Sam Bloggs"), it stays a node of its own.

Gender comes from a title before a name ("Mr", "Mrs", "Lady"), a first name the shipped table
knows (``first-names.tsv``, from census data), and, failing both, at least two he/she pronouns
resolved to the person and none of the other. A unit the parser typed Person but that has no
sign of a person (no gender, no known first name, not a surname of anyone) may join an
organisation's forms ("Prog Dems" typed a person); its Person votes then do not count.

Every decision depends only on the set of units, never on the input order or ``--jobs``: the
same documents give the same nodes. The node of units with different ids says which forms were
joined (:attr:`kg.graph.model.Entity.joined`, ``kgo:joinedForm``).

>>> from kg.graph.model import Entity
>>> units = [Unit("a", "reform-party", "Reform Party", "Organization", 3),
...          Unit("b", "reform", "Reform", "Organization", 5)]
>>> sorted(assign(units).values())
['reform', 'reform']
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace

from kg.extract.gazetteer import first_name_gender
from kg.extract.lexicon import (
    FEMALE_PRONOUNS,
    FEMALE_WORDS,
    HONORIFICS,
    MALE_PRONOUNS,
    MALE_WORDS,
    NAME_CONNECTORS,
    ORG_SUFFIXES,
)
from kg.graph.model import CORE_TYPES, Entity, KnowledgeGraph, Mention, Quotation, Relation
from kg.graph.rdf import slug
from kg.resolve.document import DocumentEntities

__all__ = ["Collector", "Unit", "assign", "first_name_gender", "org_key", "resolve", "units_of"]


@dataclass(frozen=True, order=True)
class Unit:
    """One document's entity, as cross-document resolution sees it."""

    doc: str
    id: str
    label: str
    type: str
    mentions: int = 1
    aliases: tuple[str, ...] = ()
    gender: str = ""  # "M", "F" or "" (unknown or contradictory)
    titled: bool = False  # a title or a known first name says it is a person


# --------------------------------------------------------------------------------- names

_TITLE_WORDS = HONORIFICS | MALE_WORDS | FEMALE_WORDS
_WORD = re.compile(r"[A-Za-z][\w'.-]*")


def person_words(name: str) -> list[str]:
    """The words of a person's name without titles, dots and words before a known first name
    that are none ("Mrs Jo Bloggs", "If Jo Bloggs" -> ["Jo", "Bloggs"]).

    >>> person_words("Sir Jo A. Bloggs"), person_words("Since Margaret Bloggs")
    (['Jo', 'A', 'Bloggs'], ['Margaret', 'Bloggs'])
    """
    words = [w.rstrip(".") for w in name.replace("\u2019", "'").split()]
    while len(words) > 1 and words[0].lower() in _TITLE_WORDS:
        del words[0]
    words = [w for w in words if w]
    if len(words) >= 3 and not first_name_gender(words[0]):
        # "If Jo Bloggs", "Reform leader Jo Bloggs": the name starts at its first name
        start = next((k for k in range(1, len(words) - 1) if first_name_gender(words[k])), 0)
        words = words[start:]
    return words


def singular(word: str) -> str:
    """The singular of an English plural noun (lower case); other words unchanged.

    >>> [singular(w) for w in ("Parties", "Progressives", "Dems", "Congress", "Status", "Bus")]
    ['party', 'progressive', 'dem', 'congress', 'status', 'bus']
    """
    w = word.lower()
    if len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is", "'s")):
        return w
    if w.endswith("ies") and len(w) > 4:
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zes")):
        return w[:-2]
    return w[:-1]


#: Endings of a word for an adherent of a party or creed ("Progressive", "Socialist",
#: "Republican", "Federal", "Democrat", "Loyalist"): its plural names the organisation's members.
_ADHERENT_ENDINGS = ("ive", "ist", "ian", "an", "al", "at", "ite", "ic", "ory", "ary")

#: Last words dropped from an organisation's name: "Reform Party" is "Reform".
_PARTY_WORDS = frozenset({"party", "parties"})

#: Legal suffixes dropped from an organisation's name ("Acme Ltd" is "Acme"); not the words
#: that tell two companies apart ("Acme Group", "Acme Industries").
_LEGAL_SUFFIXES = ORG_SUFFIXES & frozenset(
    "ltd limited inc incorporated corp plc llc llp lp co gmbh ag sa nv bv pty".split()
)


def org_key(name: str) -> tuple[tuple[str, ...], bool]:
    """The words that identify an organisation's name across its forms, and whether the name
    was a plural: lower case, no leading "the", no trailing "Party" or legal suffix, the last
    word singular, "-atic" read as "-at" ("Democratic" / "Democrat").

    >>> org_key("the Progressive Party"), org_key("Progressives"), org_key("Democratic Party")
    ((('progressive',), False), (('progressive',), True), (('democrat',), False))
    """
    words = [w.lower().strip(".,") for w in name.replace("\u2019", "'").split()]
    words = [w for w in words if w]
    if len(words) > 1 and words[0] == "the":
        del words[0]
    while len(words) > 1 and (words[-1] in _PARTY_WORDS or words[-1] in _LEGAL_SUFFIXES):
        del words[-1]
    if not words:
        return (), False
    last = singular(words[-1])
    plural = last != words[-1]
    if last.endswith("atic"):
        last = last[:-2]
    return (*words[:-1], last), plural


def _is_name(text: str) -> bool:
    """Whether ``text`` is written as a name, not a description ("The group", "the party"):
    each word capitalised but the connectors inside it ("Bank of Leeds").

    >>> _is_name("Bank of Leeds"), _is_name("The group"), _is_name("the Reform Party")
    (True, False, False)
    """
    words = text.split()
    return bool(words) and all(
        w[:1].isupper() or w[:1].isdigit() or (0 < k < len(words) - 1 and w in NAME_CONNECTORS)
        for k, w in enumerate(words)
    )


def _clipped(short: tuple[str, ...], long: tuple[str, ...]) -> bool:
    """Whether ``short`` clips the words of ``long`` ("prog dem" / "progressive democrat"):
    two or more words, each the start of its word (three letters at least), one shorter."""
    return (
        len(short) == len(long) >= 2
        and short != long
        and all(
            s == w or (len(s) >= 3 and w.startswith(s)) for s, w in zip(short, long, strict=True)
        )
    )


def _initials(words: Sequence[str]) -> str:
    return "".join(w[0] for w in words if w and w.lower() not in {"of", "the", "and", "for", "&"})


def _is_acronym(text: str) -> bool:
    return 2 <= len(text) <= 6 and text.isupper() and text.isalpha()


# --------------------------------------------------------------------------------- units


def units_of(result: DocumentEntities) -> list[Unit]:
    """The units of one resolved document."""
    ex = result.extraction
    text = ex.document.text
    people = {e.id for e in result.entities if e.type == "Person"}
    strong: dict[str, set[str]] = defaultdict(set)
    pronouns: dict[str, Counter[str]] = defaultdict(Counter)
    titled_ids: set[str] = set()  # named after a title ("Dr", "Mrs")
    for m in ex.mentions:
        if m.entity not in people:
            continue
        if m.kind == "pronoun":
            g = "M" if m.head in MALE_PRONOUNS else "F" if m.head in FEMALE_PRONOUNS else ""
            if g:
                pronouns[m.entity][g] += 1
        elif m.kind == "name":
            words = re.findall(r"[A-Za-z]+", text[max(m.start - 24, 0) : m.start])
            for word in (words[-1].lower() if words else "", m.text.split()[0].lower()):
                if word in HONORIFICS:
                    titled_ids.add(m.entity)
                if word in MALE_WORDS:
                    strong[m.entity].add("M")
                elif word in FEMALE_WORDS:
                    strong[m.entity].add("F")
    units = []
    for e in result.entities:
        gender, titled = "", False
        if e.type == "Person":
            marks = set(strong.get(e.id, ()))
            for form in (e.label, *e.aliases):
                words = person_words(form)
                if len(words) >= 2 and (g := first_name_gender(words[0])):
                    marks.add(g)
            p = pronouns.get(e.id, Counter())
            titled = bool(marks) or e.id in titled_ids
            if len(marks) == 1:
                gender = marks.pop()
            elif not marks and len(p) == 1 and sum(p.values()) >= 2:
                gender = next(iter(p))
        units.append(
            Unit(ex.document.id, e.id, e.label, e.type, e.mentions, e.aliases, gender, titled)
        )
    return units


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _top_type(units: Iterable[Unit]) -> str:
    votes: Counter[str] = Counter()
    for u in units:
        votes[u.type] += u.mentions
    return max(votes, key=lambda t: (votes[t], -CORE_TYPES.index(t))) if votes else "Organization"


def _gender_split(members: list[int], units: Sequence[Unit]) -> list[list[int]]:
    """``members`` (units of one name) in groups of one gender each: the units of unknown
    gender go with the one gender seen, or on their own when both are."""
    by: dict[str, list[int]] = defaultdict(list)
    for i in members:
        by[units[i].gender].append(i)
    if len({g for g in by if g}) <= 1:
        return [members]
    return [by[g] for g in sorted(by) if by[g]]


def assign(units: Sequence[Unit]) -> dict[tuple[str, str], str]:
    """(document, entity id) -> the id of its node across documents. See the module rules."""
    clusters = _clusters(units)
    return _ids(units, clusters)


def _clusters(units: Sequence[Unit]) -> list[list[int]]:
    order = sorted(range(len(units)), key=lambda i: units[i])
    units = [units[i] for i in order]  # canonical order: the result does not depend on input
    n = len(units)
    uf = _UnionFind(n)
    by_id: dict[str, list[int]] = defaultdict(list)
    for i, u in enumerate(units):
        by_id[u.id].append(i)

    # which side each id is on: a person (one of its units has a sign of a person), a place,
    # or the forms of an organisation's name
    full_surnames = {
        person_words(u.label)[-1].lower()
        for u in units
        if u.type == "Person" and len(person_words(u.label)) >= 2
    }

    def person_like(u: Unit) -> bool:
        if u.type != "Person":
            return False
        words = person_words(u.label)
        return u.titled or (len(words) == 1 and words[0].lower() in full_surnames)

    side: dict[str, str] = {}
    for eid, members in by_id.items():
        group = [units[i] for i in members]
        if any(person_like(u) for u in group):
            side[eid] = "person"
        elif _top_type(group) == "Place":
            side[eid] = "place"
        else:
            side[eid] = "org"

    # organisations: forms of one name; a name typed Person only (no sign of a person either)
    # stays a person's unless it is the form of an organisation's name
    org_ids = sorted(eid for eid in by_id if side[eid] == "org")
    for names in _join_org_forms(org_ids, by_id, units):
        if all(units[i].type == "Person" for eid in names for i in by_id[eid]):
            for eid in names:
                side[eid] = "person"
            continue
        first = by_id[names[0]][0]
        for eid in names:
            for i in by_id[eid]:
                uf.union(first, i)
    for eid in sorted(by_id):
        if side[eid] == "place":
            for i in by_id[eid][1:]:
                uf.union(by_id[eid][0], i)

    # people
    person_ids = sorted(eid for eid in by_id if side[eid] == "person")
    full: list[int] = []
    single: list[int] = []
    other: list[int] = []  # "mother of Jo Bloggs": joins by its id only
    for eid in person_ids:
        for i in by_id[eid]:
            label = units[i].label
            if not _is_name(label):
                other.append(i)
            else:
                (full if len(person_words(label)) >= 2 else single).append(i)
    # full names: one id, or one first and last name ("Jo Bloggs", "Jo A. Bloggs")
    by_name = _UnionFind(len(full))
    first_of: dict[object, int] = {}
    for k, i in enumerate(full):
        words = person_words(units[i].label)
        for key in (units[i].id, (words[0].lower(), words[-1].lower())):
            if key in first_of:
                by_name.union(first_of[key], k)
            else:
                first_of[key] = k
    same_name: dict[int, list[int]] = defaultdict(list)
    for k, i in enumerate(full):
        same_name[by_name.find(k)].append(i)
    full_clusters: list[list[int]] = []
    for _, members in sorted(same_name.items()):
        for same in _gender_split(members, units):
            for i in same[1:]:
                uf.union(same[0], i)
            full_clusters.append(same)
    by_surname: dict[str, list[int]] = defaultdict(list)
    for c, same in enumerate(full_clusters):
        by_surname[person_words(units[same[0]].label)[-1].lower()].append(c)
    left: dict[str, list[int]] = defaultdict(list)
    joins: dict[int, list[int]] = defaultdict(list)
    for i in single:
        u = units[i]
        word = person_words(u.label)[0].lower()
        fits = [
            c
            for c in by_surname.get(word, ())
            if _compatible(u, [units[j] for j in full_clusters[c]])
        ]
        if len(fits) > 1:
            # a surname alone in an article that never gives a full name is the one the
            # archive names most by far (the reader is expected to know them)
            docs = {c: len({units[j].doc for j in full_clusters[c]}) for c in fits}
            best = max(fits, key=lambda c: (docs[c], -c))
            if docs[best] >= DOMINANCE * sum(docs[c] for c in fits if c != best):
                fits = [best]
        if len(fits) == 1:
            joins[fits[0]].append(i)
        else:
            left[u.id].append(i)
    for c, joining in sorted(joins.items()):
        target = full_clusters[c]
        genders = {units[j].gender for j in target + joining} - {""}
        if len(genders) > 1:  # "Mr" and "Mrs" both to one full name of unknown gender: neither
            for i in joining:
                left[units[i].id].append(i)
            continue
        for i in joining:
            uf.union(target[0], i)
    for i in other:
        left[units[i].id].append(i)
    for eid in sorted(left):
        for same in _gender_split(sorted(left[eid]), units):
            for i in same[1:]:
                uf.union(same[0], i)

    out: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        out[uf.find(i)].append(order[i])
    return [sorted(cluster) for _, cluster in sorted(out.items())]


#: How many times more articles the most named full name must have than the other full names
#: of a surname for that surname alone to join it.
DOMINANCE = 4


def _compatible(u: Unit, group: list[Unit]) -> bool:
    """Whether the person unit ``u`` may join ``group``: no gender against it, and not a
    person its own document keeps apart from the group's name (a person there, not a name
    the parser typed otherwise: "Jo Bloggs's Reform" is no other Bloggs)."""
    genders = {x.gender for x in group} - {""}
    if u.gender and genders and u.gender not in genders:
        return False
    return all(x.doc != u.doc for x in group if x.type == "Person")


def _type_class(units: Iterable[Unit]) -> str:
    """Which types may share forms: organisations, groups (a party's adjective) and units the
    parser typed Person without any sign of one join each other; products and events only
    their own kind."""
    t = _top_type([u for u in units if u.type != "Person"] or list(units))
    return t if t in {"Product", "Event"} else "Organization"


def _join_org_forms(
    ids: list[str], by_id: dict[str, list[int]], units: Sequence[Unit]
) -> list[list[str]]:
    """The ``ids`` (of organisations, groups, products, events) in groups of one name each."""
    index = {eid: k for k, eid in enumerate(ids)}
    uf = _UnionFind(len(ids))
    keys: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
    plurals: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
    forms_of: dict[str, set[str]] = {}
    party: set[str] = set()
    for eid in ids:
        group = [units[i] for i in by_id[eid]]
        cls = _type_class(group)
        # its labels, and its aliases of two words or more ("Reform Party" beside "Reform")
        forms = {u.label for u in group}
        forms |= {a for u in group for a in u.aliases if len(a.split()) > 1 and _is_name(a)}
        forms_of[eid] = forms
        if any(u.type == "Group" for u in group):
            party.add(eid)
        for form in forms:
            words = form.lower().split()
            if words and words[-1] in _PARTY_WORDS:
                party.add(eid)
            key, plural = org_key(form)
            if key and not (len(key) == 1 and (key[0] in ORG_SUFFIXES or key[0] in _PARTY_WORDS)):
                (plurals if plural else keys)[(cls, key)].add(eid)

    def join(a: str, b: str) -> None:
        uf.union(index[a], index[b])

    # 1. the same name with or without "Party", adjective or noun
    for members in keys.values():
        first, *rest = sorted(members)
        for other in rest:
            join(first, other)
    # 2. a plural and its singular, when the name is an adherent's, a party's or a group's
    for k, members in sorted(plurals.items()):
        adherent = k[1][-1].endswith(_ADHERENT_ENDINGS)
        for p in sorted(members):
            for s in sorted(keys.get(k, set()) | members):
                if s != p and (adherent or p in party or s in party):
                    join(p, s)
    # 3. clipped words, when one organisation only fits (compared within the names of the
    # same initials: a clipped word keeps its first letter)
    named: dict[tuple[str, tuple[str, ...]], set[str]] = defaultdict(set)
    for table in (keys, plurals):
        for k, members in table.items():
            named[k] |= members
    buckets: dict[tuple[str, str], list[tuple[str, ...]]] = defaultdict(list)
    for cls, key in sorted(named):
        buckets[(cls, _initials(key))].append(key)
    for (cls, _), bucket in sorted(buckets.items()):
        for short in bucket:
            fits = {eid for long in bucket if _clipped(short, long) for eid in named[(cls, long)]}
            if len({uf.find(index[e]) for e in fits}) == 1:
                target = min(fits)
                for eid in sorted(named[(cls, short)]):
                    join(eid, target)
    # 4. an acronym spelled by the initials of one organisation's longer name
    spelled: dict[str, set[int]] = defaultdict(set)
    for eid in ids:
        for form in forms_of[eid]:
            words = form.split()
            if len(words) >= 2 and all(w[:1].isupper() or w in {"of", "and", "for"} for w in words):
                spelled[_initials(words)].add(uf.find(index[eid]))
    for eid in ids:
        for acronym in sorted(f for f in forms_of[eid] if _is_acronym(f)):
            roots = spelled.get(acronym, set())
            if len(roots) == 1:
                uf.union(index[eid], next(iter(roots)))
    out: dict[int, list[str]] = defaultdict(list)
    for eid in ids:
        out[uf.find(index[eid])].append(eid)
    return [members for _, members in sorted(out.items())]


# --------------------------------------------------------------------------------- nodes


def _label(group: list[Unit], person: bool) -> str:
    counts: Counter[str] = Counter()
    for u in group:
        counts[u.label] += u.mentions
    if person:
        return max(counts, key=lambda t: (len(person_words(t)), counts[t], t))
    return max(counts, key=lambda t: (counts[t], t))


def _type(group: list[Unit]) -> str:
    """The type of a node: the units' types, each weighted by its mentions; Person votes do not
    count beside another type when no unit of the node shows a sign of a person."""
    if len({u.type for u in group}) == 1:
        return group[0].type
    people = [u for u in group if u.type == "Person" and u.titled]
    weighted = group if people else [u for u in group if u.type != "Person"] or group
    return _top_type(weighted)


def _ids(units: Sequence[Unit], clusters: list[list[int]]) -> dict[tuple[str, str], str]:
    wanted: dict[str, list[tuple[tuple[int, list[str]], int]]] = defaultdict(list)
    plans = []
    for c, members in enumerate(clusters):
        group = [units[i] for i in members]
        ids = {u.id for u in group}
        if len(ids) == 1:
            eid = group[0].id
        else:
            eid = slug(_label(group, _type(group) == "Person"))
        rank = (-sum(u.mentions for u in group), sorted(f"{u.id}\x1f{u.doc}" for u in group))
        wanted[eid].append((rank, c))
        plans.append(eid)
    final: dict[int, str] = {}
    taken = set(wanted)
    for eid, claims in sorted(wanted.items()):
        claims.sort()
        final[claims[0][1]] = eid
        k = 2
        for _, c in claims[1:]:
            while f"{eid}-{k}" in taken:
                k += 1
            final[c] = f"{eid}-{k}"
            taken.add(final[c])
    out: dict[tuple[str, str], str] = {}
    for c, members in enumerate(clusters):
        for i in members:
            out[(units[i].doc, units[i].id)] = final[c]
    return out


def resolve(kg: KnowledgeGraph, units: Sequence[Unit]) -> KnowledgeGraph:
    """``kg`` (merged by :func:`kg.resolve.document.merge`) with the entities of ``units`` joined
    across
    documents as :func:`assign` says: entities rebuilt, facts and quotations moved to the node
    ids, facts that became reflexive dropped."""
    target = assign(units)
    groups: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        groups[target[(u.doc, u.id)]].append(u)
    entities = []
    for eid in sorted(groups):
        group = sorted(groups[eid])
        etype = _type(group)
        if len({u.id for u in group}) == 1:
            label = _same_id_label(group)
        else:
            label = _label(group, etype == "Person")
        aliases = {a for u in group for a in (u.label, *u.aliases)} - {label}
        entities.append(
            Entity(
                id=eid,
                label=label,
                type=etype,
                aliases=tuple(sorted(aliases)),
                documents=tuple(sorted({u.doc for u in group})),
                mentions=sum(u.mentions for u in group),
                joined=tuple(sorted({u.label for u in group if u.id != eid} - {label})),
            )
        )
    if all(target[key] == key[1] for key in target):
        return replace(kg, entities=tuple(entities))

    def moved(m: Mention) -> Mention:
        new = target.get((m.doc_id, m.entity), m.entity)
        return m if new == m.entity else replace(m, entity=new)

    relations: list[Relation] = []
    seen: set[Relation] = set()
    for r in kg.relations:
        s, o = moved(r.subject), moved(r.object)
        if s.entity and s.entity == o.entity:
            continue
        speaker = r.attributed_to and moved(r.attributed_to)
        r2 = r if (s is r.subject and o is r.object and speaker is r.attributed_to) else None
        r2 = r2 or replace(r, subject=s, object=o, attributed_to=speaker)
        if r2 not in seen:
            seen.add(r2)
            relations.append(r2)
    quotations: list[Quotation] = [
        replace(q, speaker=q.speaker and moved(q.speaker)) for q in kg.quotations
    ]
    return replace(
        kg,
        entities=tuple(entities),
        relations=tuple(relations),
        quotations=tuple(quotations),
        mentions=tuple(moved(m) for m in kg.mentions),
    )


def _same_id_label(group: list[Unit]) -> str:
    """The label of units with one id: the one the first document gave (all give the same
    slug); the most mentioned, then the smallest, so that no input order decides it."""
    counts: Counter[str] = Counter()
    for u in group:
        counts[u.label] += u.mentions
    return max(counts, key=lambda t: (counts[t], t))


class Collector:
    """Passes resolved documents through (to :func:`kg.resolve.document.merge`) and keeps their
    units.

    >>> c = Collector()
    >>> list(c.watch([])), c.units
    ([], [])
    """

    def __init__(self) -> None:
        self.units: list[Unit] = []

    def watch(self, results: Iterable[DocumentEntities]) -> Iterator[DocumentEntities]:
        for result in results:
            self.units.extend(units_of(result))
            yield result

    def resolve(self, kg: KnowledgeGraph) -> KnowledgeGraph:
        return resolve(kg, self.units)
