"""Likely mistakes in a built graph, for the analyst to confirm: ``kg suspects``.

Two kinds of suspects, each with a score in [0, 1], a reason and a ready-to-paste line of a
curation file (:mod:`kg.resolve.curation`):

- **duplicates**, pairs of nodes that look like one entity: one name a form of the other's
  (an organisation's singular, plural, adjective or "Party" form, clipped words, an acronym
  of its initials), a surname alone and the one full name that ends with it, the label of one
  among the other's names, a capitalised name both carry, or two labels one typo apart. A pair
  whose names give two genders ("Mr" and "Mrs", a man's and a woman's first name) or two
  different full names is never suggested. Two types lower the score (and the kept node's
  type is the one suggested);
- **wrong types**: a node typed Person whose name is an organisation's ("... Party", "...
  Council", a plural adherent's word such as "Progressives") or a country's, a node typed
  Organization or Place whose name is a person's (a title, a known first name and a surname).

The rules are general (English morphology, titles, the shipped first-name and country tables),
never a list of names. The kept node of a pair is the one in more documents (then the longer
name); the line names it first, so that a merge keeps its label.

>>> from kg.analysis.suspects import Node, find
>>> nodes = [Node("e1", "Progressive Party", "Organization", documents=9),
...          Node("e2", "Progressives", "Person", documents=2)]
>>> for s in find(nodes):
...     print(s.line.split("  # ")[0], "#", s.score)
- merge: [Progressive Party, Progressives] # 0.85
- type: [Progressives, Organization] # 0.7
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from kg.extract.lexicon import FEMALE_WORDS, HONORIFICS, MALE_WORDS, ORG_SUFFIXES, TYPE_NOUNS
from kg.resolve.crossdoc import (
    _ADHERENT_ENDINGS,
    _clipped,
    _initials,
    _is_acronym,
    _is_name,
    first_name_gender,
    org_key,
    singular,
)

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = ["Node", "Suspect", "find", "format_suspects", "nodes_of", "suspects_json"]

#: Last words that make a name an organisation's ("Fictional Party", "Eastmere Council").
ORG_WORDS = frozenset(w for w, t in TYPE_NOUNS.items() if t == "Organization") | ORG_SUFFIXES
#: First words of a body's name before "of" ("House of Lords", "Ministry of Defence"), whose
#: rest is the body's short name ("Lords", "Defence").
_BODY_WORDS = frozenset(
    "house ministry department office court bank council board commission institute".split()
)
_ADHERENT_PLURALS = ("ives", "ists", "ians", "ites", "ories", "aries", "ats", "ans")


@dataclass(frozen=True)
class Node:
    """An entity as ``kg suspects`` sees it."""

    iri: str
    label: str
    type: str
    aliases: tuple[str, ...] = ()
    documents: int = 0
    facts: int = 0
    docs: tuple[str, ...] = ()  # the documents' IRIs, when known


@dataclass(frozen=True)
class Suspect:
    """A likely mistake: ``kind`` is ``merge`` (``names`` are one entity, the kept one first)
    or ``type`` (``names`` is the node's name and the type it likely has)."""

    score: float
    kind: str
    names: tuple[str, ...]
    reason: str
    nodes: tuple[Node, ...]

    @property
    def line(self) -> str:
        """The curation line, with the score and reason as a comment."""
        args = ", ".join(_yaml_scalar(n) for n in self.names)
        if self.kind == "merge":
            a, b = self.nodes
            where = f"{a.type} {_n(a.documents)}, {b.type} {b.documents}"
        else:
            where = f"typed {self.nodes[0].type}, {_n(self.nodes[0].documents)}"
        return f"- {self.kind}: [{args}]  # {self.score:.2f} {self.reason} ({where})"


def _n(count: int) -> str:
    return f"{count} document{'s' * (count != 1)}"


_PLAIN = re.compile(r"[A-Za-z0-9][\w .'&()/-]*")


def _yaml_scalar(text: str) -> str:
    """``text`` as a YAML flow scalar: plain when it can be, else double-quoted (JSON)."""
    if _PLAIN.fullmatch(text) and text == text.strip() and ": " not in text and " #" not in text:
        if text.lower() not in {"yes", "no", "true", "false", "null", "on", "off", "y", "n"}:
            return text
    return json.dumps(text, ensure_ascii=False)


# ------------------------------------------------------------------------------------ reading


def nodes_of(g: Graph) -> list[Node]:
    """The entities of the kg graph ``g`` (rdflib): label, type, names (aliases and joined
    forms), the number of documents that mention them and of facts they take part in."""
    from rdflib import RDF, RDFS, SKOS, URIRef

    from kg.analysis.netx import CORE, relation_properties
    from kg.graph.vocab import KGO

    props = relation_properties(g)
    facts: dict[Any, int] = defaultdict(int)
    for p in props:
        for s, o in g.subject_objects(p):
            facts[s] += 1
            facts[o] += 1
    out = []
    seen = set()
    for t in CORE:
        for node in g.subjects(RDF.type, KGO[t]):
            if not isinstance(node, URIRef) or node in seen:
                continue
            seen.add(node)
            label = g.value(node, RDFS.label)
            names = {str(a) for a in g.objects(node, SKOS.altLabel)}
            names |= {str(a) for a in g.objects(node, KGO.joinedForm)}
            out.append(
                Node(
                    str(node),
                    str(label) if label is not None else str(node).rsplit("/", 1)[-1],
                    t,
                    tuple(sorted(names - {str(label)})),
                    len(docs := sorted({str(d) for d in g.objects(node, KGO.mentionedIn)})),
                    facts.get(node, 0),
                    tuple(docs),
                )
            )
    return sorted(out, key=lambda n: n.iri)


# ----------------------------------------------------------------------------------- people

_TITLES = HONORIFICS | MALE_WORDS | FEMALE_WORDS


def _words(name: str) -> list[str]:
    return [w.strip(".,") for w in name.replace("\u2019", "'").split() if w.strip(".,")]


def _gender(names: Iterable[str]) -> set[str]:
    """The genders the names give: a title ("Mr", "Mrs") or a known first name before a
    surname."""
    marks: set[str] = set()
    for name in names:
        words = _words(name)
        if not words:
            continue
        first = words[0].lower()
        if first in MALE_WORDS:
            marks.add("M")
        elif first in FEMALE_WORDS:
            marks.add("F")
        elif len(words) >= 2 and (g := first_name_gender(words[0])):
            marks.add(g)
    return marks


def _untitled(name: str) -> list[str]:
    words = _words(name)
    while len(words) > 1 and words[0].lower() in _TITLES:
        del words[0]
    return words


def _full_names(node: Node) -> set[tuple[str, str]]:
    """(first name, surname) of the node's names that have both, lower case."""
    out = set()
    for name in (node.label, *node.aliases):
        words = _untitled(name)
        if (
            len(words) >= 2
            and _is_name(name)
            and words[0].lower() not in _TITLES
            and words[-1].lower() not in ORG_WORDS
            and node.type == "Person"
            and not {"and", "&"} & {w.lower() for w in words}
        ):
            out.add((words[0].lower(), words[-1].lower()))
    return out


def _surname_only(node: Node) -> str:
    """The surname when the node's label is a surname alone or a title and a surname."""
    words = _untitled(node.label)
    if len(words) == 1 and _is_name(words[0]) and not _is_acronym(words[0]):
        return words[0].lower()
    return ""


def _conflict(a: Node, b: Node) -> bool:
    """Whether two nodes cannot be one person: two genders, or two different full names."""
    if "Person" not in (a.type, b.type):
        return False
    if len(_gender((a.label, *a.aliases)) | _gender((b.label, *b.aliases))) > 1:
        return True
    fa, fb = _full_names(a), _full_names(b)
    return bool(fa and fb and not fa & fb)


def _one_gender(a: Node, b: Node) -> bool:
    """Whether the names of one node give a gender and the full names of the other none
    ("Lady Bloggs" and "Sam Bloggs"): a guess that a man's or a woman's first name would
    have settled."""
    ga, gb = _gender((a.label, *a.aliases)), _gender((b.label, *b.aliases))
    return bool(ga) != bool(gb) and bool(_full_names(b) if ga else _full_names(a))


def _person_like(node: Node) -> bool:
    return bool(_gender((node.label, *node.aliases))) or any(
        _words(n)[0].lower() in HONORIFICS for n in (node.label, *node.aliases) if _words(n)
    )


# ---------------------------------------------------------------------------------- finding


def _org_forms(nodes: Sequence[Node]) -> Iterable[tuple[Node, Node, float, str]]:
    by_key: dict[tuple[str, ...], list[Node]] = defaultdict(list)
    for n in nodes:
        if n.type in ("Place", "Event", "Product") or _person_like(n):
            continue
        if not _is_name(n.label.removeprefix("the ")):
            continue
        key, _ = org_key(n.label)
        if key and not (len(key) == 1 and key[0] in ORG_WORDS):
            by_key[key].append(n)
    for key, group in by_key.items():
        if len(key) == 1 and not key[0].endswith(_ADHERENT_ENDINGS):
            # "Budget" / "Budgets": a plural joins its singular only for an adherent's word
            if len({org_key(n.label)[1] for n in group}) > 1:
                continue
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                yield a, b, 0.9, "one is a form of the other's name"
    bare: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for key in by_key:
        words = list(key)
        while len(words) > 1 and words[-1] in ORG_SUFFIXES:
            del words[-1]
        bare[tuple(words)].append(key)
    for keys_of_one in bare.values():
        for i, ka in enumerate(keys_of_one):
            for kb in keys_of_one[i + 1 :]:
                for a in by_key[ka]:
                    for b in by_key[kb]:
                        yield a, b, 0.8, "the same name but for a company word"
    keys = sorted(by_key)
    for short in keys:
        for long in keys:
            if _clipped(short, long):
                for a in by_key[short]:
                    for b in by_key[long]:
                        yield a, b, 0.85, "one clips the words of the other"
    orgs: dict[str, list[Node]] = defaultdict(list)
    for n in nodes:
        if n.type == "Organization" and _is_name(n.label):
            orgs[n.label.casefold()].append(n)
    for n in nodes:
        if n.type != "Organization" or not _is_name(n.label):
            continue
        words = n.label.split()
        tail = ""
        if len(words) >= 3 and words[1] == "of" and words[0].lower() in _BODY_WORDS:
            tail = " ".join(w for w in words[2:] if w.lower() != "the")  # "House of Lords"
        elif len(words) >= 2 and _is_acronym(words[0]):  # "ACME Radio 4" / "Radio 4"
            tail = " ".join(words[1:])
        bodies = orgs.get(tail.casefold(), []) if tail.lower() not in ORG_WORDS else []
        if len(bodies) == 1:
            yield n, bodies[0], 0.7, "one is the other's name without its first words"
    initials: dict[str, list[Node]] = defaultdict(list)
    for n in nodes:
        if n.type == "Organization" and len(_words(n.label)) >= 2 and _is_name(n.label):
            initials[_initials(_words(n.label)).upper()].append(n)
    for n in nodes:
        if _is_acronym(n.label) and n.type in ("Organization", "Person", "Group"):
            longs = initials.get(n.label, [])
            if len(longs) == 1:
                full = longs[0]
                if set(n.docs) & set(full.docs):
                    yield n, full, 0.85, "an acronym of the other's initials, in one article"
                else:  # an acronym spells many names: without an article naming both, a guess
                    yield n, full, 0.45, "an acronym of the other's initials"


def _surnames(nodes: Sequence[Node]) -> Iterable[tuple[Node, Node, float, str]]:
    full: dict[str, list[Node]] = defaultdict(list)
    for n in nodes:
        if n.type == "Person":
            for _, surname in _full_names(n):
                full[surname].append(n)
    for n in nodes:
        surname = _surname_only(n)
        if not surname or not (n.type == "Person" or _person_like(n)):
            continue
        fits = [m for m in dict.fromkeys(full.get(surname, [])) if m is not n]
        fits = [m for m in fits if not _conflict(n, m)]
        if len(fits) == 1:
            yield n, fits[0], 0.85, "a surname alone and the one full name ending with it"
        elif len(fits) > 1:
            docs = sorted(fits, key=lambda m: (-m.documents, m.label))
            top, rest = docs[0], sum(m.documents for m in docs[1:])
            if top.documents >= 2 * max(rest, 1):
                share = top.documents / (top.documents + rest)
                yield (
                    n,
                    top,
                    round(0.5 + 0.3 * share, 2),
                    (
                        f"a surname alone; the most frequent of {len(fits)} full names "
                        "ending with it"
                    ),
                )


def _shared_names(nodes: Sequence[Node]) -> Iterable[tuple[Node, Node, float, str]]:
    by_name: dict[str, list[Node]] = defaultdict(list)
    for n in nodes:
        for name in {n.label, *n.aliases}:
            if _is_name(name) and not _is_acronym(name) and len(name) > 3:
                by_name[name.casefold()].append(n)
    for name, group in by_name.items():
        if len(group) != 2 or name in ORG_WORDS or name in TYPE_NOUNS:
            continue  # a name on more nodes is a first name or a description's
        a, b = group
        if name not in (a.label.casefold(), b.label.casefold()):
            yield a, b, 0.6, "both carry the name " + json.dumps(name)
            continue
        short, long = (a, b) if name == a.label.casefold() else (b, a)
        if _part_of(short, long):
            yield a, b, 0.75, "the label of one is a name of the other, and part of its label"
        else:  # a name the other took from a wrong resolution, as often as not
            yield a, b, 0.45, "the label of one is a name of the other"


def _part_of(short: Node, long: Node) -> bool:
    """Whether ``short``'s label is words of ``long``'s: a person's first name or surname
    ("Harry" / "Prince Harry"), an organisation's first words ("Acme" / "Acme Holdings"; not
    its last, which says what kind of thing it is: "Bill" / "Gambling Bill")."""
    sw, lw = _words(short.label.lower()), _words(long.label.lower())
    if not sw or len(sw) >= len(lw):
        return False
    if long.type == "Person":
        return sw == lw[: len(sw)] or sw == lw[-len(sw) :]
    return sw == lw[: len(sw)]


def _typos(nodes: Sequence[Node]) -> Iterable[tuple[Node, Node, float, str]]:
    by_first: dict[str, list[Node]] = defaultdict(list)
    for n in nodes:
        if len(n.label) >= 8 and _is_name(n.label):
            by_first[n.label[:1].lower()].append(n)
    for group in by_first.values():
        group.sort(key=lambda n: n.label)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if a.type != b.type or abs(len(a.label) - len(b.label)) > 2:
                    continue
                wa, wb = _words(a.label.lower()), _words(b.label.lower())
                if len(wa) == len(wb) and all(map(_same_word, wa, wb)):
                    yield a, b, 0.75, "the same words but for a plural, a connector or a typo"


_SWAPPABLE = frozenset({"of", "for", "on", "in"})


def _same_word(a: str, b: str) -> bool:
    """Whether two words of two labels are one: equal, a plural of it, two connectors ("of" /
    "for"), or a typo in a long word ("Goverment"); never two numbers or two short words."""
    if a == b or singular(a) == singular(b) or {a, b} <= _SWAPPABLE:
        return True
    if a.isdigit() or b.isdigit() or min(len(a), len(b)) < 7:
        return False
    return SequenceMatcher(None, a, b).ratio() >= 0.9


def _duplicates(nodes: Sequence[Node]) -> list[Suspect]:
    found: dict[tuple[str, str], tuple[float, list[str], Node, Node]] = {}
    for finder in (_org_forms, _surnames, _shared_names, _typos):
        for a, b, score, reason in finder(nodes):
            if a.iri == b.iri or _conflict(a, b):
                continue
            titled = reason.startswith("a surname") and (_person_like(a) or _person_like(b))
            if a.type != b.type and titled:
                score -= 0.05  # "Mr Bloggs" typed a product is still a man
            elif a.type != b.type and {a.type, b.type} & {"Place", "Product", "Event"}:
                score -= 0.4
            elif a.type != b.type and "Person" in (a.type, b.type):
                # a person and an organisation: unless the name is a form of the other's
                score -= 0.05 if reason.startswith(("a surname", "one is a form")) else 0.3
            elif a.type != b.type:
                score -= 0.05
            keep, other = sorted((a, b), key=_keep_order)
            key = (keep.iri, other.iri)
            prev = found.get(key)
            if prev is None:
                found[key] = (score, [reason], keep, other)
            elif reason not in prev[1]:
                found[key] = (max(prev[0], score), [*prev[1], reason], keep, other)
    out = []
    for score, reasons, keep, other in found.values():
        score = min(score + 0.05 * (len(reasons) - 1), 0.99)
        if _one_gender(keep, other):
            score = min(score, 0.45)
        out.append(
            Suspect(
                round(score, 2),
                "merge",
                (keep.label, other.label) if keep.label != other.label else (_id(keep), _id(other)),
                "; ".join(reasons),
                (keep, other),
            )
        )
    return out


def _id(node: Node) -> str:
    return node.iri.rsplit("/", 1)[-1]


def _keep_order(n: Node) -> tuple[object, ...]:
    return (-n.documents, -len(_words(n.label)), -len(n.label), n.label, n.iri)


def _wrong_types(nodes: Sequence[Node]) -> list[Suspect]:
    from kg.extract.gazetteer import lookup as country

    out = []
    for n in nodes:
        words = _words(n.label)
        if not words or not _is_name(n.label.removeprefix("the ")):
            continue
        last = words[-1].lower()
        guess: tuple[float, str, str] | None = None
        if n.type == "Person":
            if last in ORG_WORDS and len(words) >= 2:
                guess = (0.85, "Organization", f'a person\'s name cannot end with "{words[-1]}"')
            elif not _person_like(n) and last.endswith(_ADHERENT_PLURALS) and len(words) <= 2:
                guess = (0.7, "Organization", "a plural adherent's word, no title or first name")
            elif not _person_like(n) and country(n.label) is not None:
                guess = (0.75, "Place", "the name of a country")
        else:
            names = (n.label, *n.aliases)
            titled = any(_words(a) and _words(a)[0].lower() in HONORIFICS for a in names)
            first = len(words) >= 2 and first_name_gender(words[0]) and last not in ORG_WORDS
            if len(words) >= 2 and words[0].lower() in HONORIFICS and last not in ORG_WORDS:
                guess = (0.85, "Person", f'a title, "{words[0]}", before a name')
            elif titled and first:
                guess = (0.85, "Person", "a title and a first name among its names")
            elif first and len(words) == 2 and n.type != "Place":
                guess = (0.45, "Person", "a known first name and a surname")
        if guess is not None and guess[1] != n.type:
            out.append(Suspect(guess[0], "type", (n.label, guess[1]), guess[2], (n,)))
    return out


def find(nodes: Sequence[Node], min_score: float = 0.5) -> list[Suspect]:
    """The suspects among ``nodes`` scoring at least ``min_score``, highest first (then by
    names), each pair once."""
    found = [s for s in (*_duplicates(nodes), *_wrong_types(nodes)) if s.score >= min_score]
    return sorted(found, key=lambda s: (-s.score, s.kind, s.names, s.nodes[0].iri))


def format_suspects(found: Sequence[Suspect]) -> str:
    """The suspects as lines of a curation file, merges first, with a header comment."""
    if not found:
        return "# no suspects"
    merges = sum(1 for s in found if s.kind == "merge")
    head = (
        f"# {merges} likely duplicate{'s' * (merges != 1)}, {len(found) - merges} likely "
        "wrong type(s); check each, then paste the right lines into a curation file"
    )
    return "\n".join([head, *(s.line for s in found)])


def suspects_json(found: Sequence[Suspect]) -> list[dict[str, Any]]:
    """The suspects as JSON-ready objects."""
    return [
        {
            "score": s.score,
            "kind": s.kind,
            "names": list(s.names),
            "reason": s.reason,
            "entities": [n.iri for n in s.nodes],
            "line": s.line.split("  # ", 1)[0],
        }
        for s in found
    ]
