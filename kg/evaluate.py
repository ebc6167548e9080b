"""Scoring an RDF graph against a gold annotation: the library behind ``kg eval``.

The figures are exactly those of the reference scorer ``shared/tools/kgscore.py``, computed from
the public RDF output contract only:

- a graph node (an IRI with an ``rdfs:label``) is matched to the gold entity one of whose label or
  aliases equals, after :func:`normalize`, one of its ``rdfs:label`` values, or failing that one of
  its ``skos:altLabel`` values (an alias shared by several gold entities belongs to the first);
- a relation is a direct triple between two labelled nodes whose predicate's local name is an
  inventory relation (typed), or whose predicate is declared ``rdfs:subPropertyOf``, directly or
  through a chain, a property named ``relatedTo`` (open; it counts as ``relatedTo``);
- a relation matches a gold fact when its kind is one of the fact's predicates and its ends map to
  the fact's subject and object, in either direction for symmetric relations; precision is over
  every relation, recall over required facts and over all facts, and
  ``f1_required = F1(precision_all, recall_required)``;
- a quotation is attributed when the speaker's node has a ``said`` edge to a node carrying a
  literal whose normalised text contains the first 30 characters of the normalised gold
  ``starts_with`` within its own first 80 characters.

Beyond the reference scorer, each gold quotation is also counted once as right (the figure
above), wrong (attributed, by such a ``said`` edge, but never to the gold speaker) or missing
(no speaker at all: the quotation is absent or nobody ``said`` it): ``quotes_right``,
``quotes_wrong`` and ``quotes_missing``. :func:`score_counts` gives, beside the report, the
counts behind it (for pooling over a corpus, :mod:`kg.evaluate_corpus`) and, per rule, the
relations that matched a gold fact and those that did not (see :class:`Counts`).

Beyond the reference scorer, when gold entities carry a ``wikidata`` item ("Q30") or a
``geonames`` id ("6252001"), linking is scored too: ``wikidata_linked`` and ``geonames_linked``
are the shares of those entities one of whose matched nodes has ``owl:sameAs`` the item's IRI.
They are extra figures, after all the others, only when the gold has such fields.

rdflib is imported only by the functions that need it.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import GoldError

if TYPE_CHECKING:
    from rdflib import Graph
    from rdflib.term import Node

__all__ = [
    "Counts",
    "EvalReport",
    "format_json",
    "format_report",
    "gold_document_path",
    "load_gold",
    "local_name",
    "normalize",
    "score",
    "score_counts",
]

RELATED_TO = "relatedTo"
SAID = "said"

_FORMAT_HINT = "see shared/gold/seed.json for the format"


def local_name(iri: object) -> str:
    """The local name of an IRI: what follows its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/kg/ontology#memberOf")
    'memberOf'
    >>> local_name("http://example.org/kg/entity/acme")
    'acme'
    """
    return re.split(r"[#/]", str(iri))[-1]


def normalize(text: object) -> str:
    """Text as compared with gold aliases and quotations.

    NFKC, lower case, curly apostrophe made straight, a final ``'s`` and a leading article dropped,
    every run of characters other than word characters and ``#`` made one space.

    >>> normalize("The Acme Corp’s")
    'acme corp'
    >>> normalize("  #SaveTheBees campaign! ")
    '#savethebees campaign'
    """
    t = unicodedata.normalize("NFKC", str(text)).lower().strip()
    t = t.replace("\u2019", "'")
    t = re.sub(r"'s$", "", t)
    t = re.sub(r"^(the|a|an) ", "", t)
    return re.sub(r"[^\w#]+", " ", t).strip()


# --------------------------------------------------------------------------------------- gold


def load_gold(path: str | Path, relation_names: Iterable[str] | None = None) -> dict[str, Any]:
    """Read and check a gold annotation file (the format of ``shared/gold/seed.json``).

    When ``relation_names`` is given, every relation predicate must be one of them.
    Raises :class:`GoldError` naming the file, what is wrong and what to do.
    """
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise GoldError(f"cannot read gold file {p}: {reason}; check the path") from exc
    try:
        gold = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GoldError(
            f"gold file {p} is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno};"
            " fix the syntax there"
        ) from exc
    names = None if relation_names is None else set(relation_names)
    _check_gold(p, gold, names)
    return gold


def _bad(path: Path, what: str, fix: str) -> GoldError:
    return GoldError(f"gold file {path}: {what}; {fix}")


def _is_str_list(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _check_gold(path: Path, gold: object, names: set[str] | None) -> None:
    if not isinstance(gold, dict):
        raise _bad(path, "the top level is not a JSON object", _FORMAT_HINT)
    for key in ("entities", "relations"):
        if not isinstance(gold.get(key), list):
            problem = "has no" if key not in gold else "has a non-list"
            raise _bad(path, f'{problem} "{key}" list', f'add "{key}": [...] ({_FORMAT_HINT})')
    if "document" in gold and not isinstance(gold["document"], str):
        raise _bad(path, '"document" is not a string', "give the article path as a string")
    ids = _check_entities(path, gold["entities"])
    _check_relations(path, gold["relations"], ids, names)
    statements = gold.get("statements", [])
    if not isinstance(statements, list):
        raise _bad(path, '"statements" is not a list', f"make it a list ({_FORMAT_HINT})")
    for i, st in enumerate(statements):
        where = f"statement #{i + 1}"
        if not isinstance(st, dict) or not all(
            isinstance(st.get(k), str) for k in ("speaker", "starts_with")
        ):
            raise _bad(path, f"{where} lacks a string speaker/starts_with", "give both as strings")
        if st["speaker"] not in ids:
            raise _bad(
                path,
                f"{where} names unknown entity id {st['speaker']!r} as speaker",
                'use an id declared under "entities" or declare it',
            )


def _check_entities(path: Path, entities: list[Any]) -> set[str]:
    ids: set[str] = set()
    for i, ent in enumerate(entities):
        where = f"entity #{i + 1}"
        if isinstance(ent, dict) and isinstance(ent.get("id"), str):
            where += f" ({ent['id']!r})"
        ok = (
            isinstance(ent, dict)
            and isinstance(ent.get("id"), str)
            and ent["id"] != ""
            and isinstance(ent.get("label"), str)
            and _is_str_list(ent.get("aliases"))
            and _is_str_list(ent.get("types"))
        )
        if not ok:
            raise _bad(
                path,
                f"{where} needs a non-empty string id, a string label and lists of strings"
                " aliases and types",
                "complete it",
            )
        if ent["id"] in ids:
            raise _bad(path, f"{where} repeats the id {ent['id']!r}", "give each entity its own id")
        ids.add(ent["id"])
        for key, form in _LINK_FORMS.items():
            if key in ent and not (isinstance(ent[key], str) and form.fullmatch(ent[key])):
                raise _bad(
                    path,
                    f"{where} has {key} {ent[key]!r}, which is not an id of that kind",
                    'write e.g. "wikidata": "Q30" or "geonames": "6252001"',
                )
    return ids


#: The forms of the optional link fields of gold entities: an id, or its IRI.
_LINK_FORMS = {
    "wikidata": re.compile(r"(?:http://www\.wikidata\.org/entity/)?Q[1-9][0-9]*"),
    "geonames": re.compile(r"[1-9][0-9]*|https://sws\.geonames\.org/[1-9][0-9]*/"),
}
#: The linking figures, in the order they follow the reference scorer's.
_LINK_FIGURES = ("wikidata_linked", "geonames_linked")
#: The quotation figures kg adds: every gold quotation is exactly one of right, wrong, missing.
QUOTE_FIGURES = ("quotes_right", "quotes_wrong", "quotes_missing")
#: Figures kg adds after the reference scorer's: junk nodes, quotations by outcome, and linking
#: when gold has links.
EXTRA_FIGURES = ("junk_entity_nodes", *QUOTE_FIGURES, *_LINK_FIGURES)


def _check_relations(
    path: Path, relations: list[Any], ids: set[str], names: set[str] | None
) -> None:
    if not relations:
        raise _bad(path, '"relations" is empty', "list at least one fact (recall needs one)")
    for i, rel in enumerate(relations):
        where = f"relation #{i + 1}"
        if not isinstance(rel, dict):
            raise _bad(path, f"{where} is not an object", _FORMAT_HINT)
        for end in ("subject", "object"):
            value = rel.get(end)
            if not isinstance(value, str):
                raise _bad(path, f"{where} has no string {end}", "give an entity id")
            if value not in ids:
                raise _bad(
                    path,
                    f"{where} names unknown entity id {value!r} as {end}",
                    'use an id declared under "entities" or declare it',
                )
        preds = rel.get("predicate")
        if not _is_str_list(preds) or not preds:
            raise _bad(
                path,
                f"{where} needs a non-empty list of relation names as predicate",
                'write e.g. "predicate": ["memberOf"]',
            )
        for pred in preds:
            if pred == "" or (names is not None and pred not in names):
                raise _bad(
                    path,
                    f"{where} has predicate {pred!r}, which is not a relation name",
                    "use a name of shared/ontology/relations.tsv",
                )
        if not isinstance(rel.get("required"), bool):
            raise _bad(path, f"{where} has no true/false required", 'add "required": true')


def gold_document_path(gold_path: str | Path, gold: Mapping[str, Any]) -> Path:
    """The article a gold file annotates: its ``document``, relative to the folder holding gold/.

    >>> gold_document_path("/data/shared/gold/seed.json", {"document": "seed/a.txt"}).as_posix()
    '/data/shared/seed/a.txt'
    """
    document = gold.get("document")
    if not isinstance(document, str) or not document:
        raise GoldError(
            f'gold file {gold_path}: no "document" field; add the article path, relative to the'
            " folder that holds gold/"
        )
    return Path(gold_path).absolute().parent.parent / document


# --------------------------------------------------------------------------------------- report


@dataclass(frozen=True)
class EvalReport:
    """The figures of one evaluation, named and ordered as kgscore names and orders them."""

    entities_found: str
    entity_type_ok: str
    entities_split: int
    unmatched_entity_nodes: int
    relations_emitted: int
    typed_relations_emitted: int
    precision_typed: float
    precision_all: float
    recall_required: float
    recall_all: float
    f1_required: float
    quotes_attributed: str
    missed: tuple[str, ...]
    wikidata_linked: str | None = None  # "k/n", only when gold entities carry a wikidata item
    geonames_linked: str | None = None  # "k/n", only when gold entities carry a geonames id
    # beyond kgscore: entity nodes that match no gold entity and take part in no relation
    junk_entity_nodes: int = 0
    # beyond kgscore: gold quotations with the gold speaker, attributed to another, unattributed
    quotes_right: int = 0
    quotes_wrong: int = 0
    quotes_missing: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The figures as kgscore's result dict (``missed`` as a list), in kgscore's key order."""
        return {
            "entities_found": self.entities_found,
            "entity_type_ok": self.entity_type_ok,
            "entities_split": self.entities_split,
            "unmatched_entity_nodes": self.unmatched_entity_nodes,
            "relations_emitted": self.relations_emitted,
            "typed_relations_emitted": self.typed_relations_emitted,
            "precision_typed": self.precision_typed,
            "precision_all": self.precision_all,
            "recall_required": self.recall_required,
            "recall_all": self.recall_all,
            "f1_required": self.f1_required,
            "quotes_attributed": self.quotes_attributed,
            "missed": list(self.missed),
            "junk_entity_nodes": self.junk_entity_nodes,
            "quotes_right": self.quotes_right,
            "quotes_wrong": self.quotes_wrong,
            "quotes_missing": self.quotes_missing,
            **{key: getattr(self, key) for key in _LINK_FIGURES if getattr(self, key) is not None},
        }


def format_report(report: EvalReport) -> str:
    """Human text: one ``key: value`` line per figure, then a summary line (no final newline).

    The linking figures, when there are any, come after the summary line, so that the text
    before them is the reference scorer's.
    """
    figures = report.as_dict()
    lines = [f"{key}: {value}" for key, value in figures.items() if key not in EXTRA_FIGURES]
    lines.append(
        f"f1_required={report.f1_required} recall_required={report.recall_required}"
        f" precision_all={report.precision_all}"
    )
    lines += [f"{key}: {figures[key]}" for key in EXTRA_FIGURES if key in figures]
    return "\n".join(lines)


def format_json(report: EvalReport) -> str:
    """The figures as one JSON object: ``kgscore.py --json``'s, then :data:`EXTRA_FIGURES`."""
    return json.dumps(report.as_dict())


# --------------------------------------------------------------------------------------- scoring


def _open_properties(graph: Graph) -> set[Node]:
    """Properties declared, transitively, ``rdfs:subPropertyOf`` something named relatedTo."""
    from rdflib import RDF, RDFS

    candidates = (
        set(graph.predicates())
        | set(graph.objects(None, RDFS.subPropertyOf))
        | set(graph.subjects(RDF.type, None))
    )
    frontier = {p for p in candidates if local_name(p) == RELATED_TO}
    seen = set(frontier)
    while frontier:
        following: set[Node] = set()
        for sup in frontier:
            for sub in graph.subjects(RDFS.subPropertyOf, sup):
                if sub not in seen:
                    seen.add(sub)
                    following.add(sub)
        frontier = following
    return {p for p in seen if local_name(p) != RELATED_TO}


def _alias_index(entities: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Normalised label or alias -> gold entity id; the first entity to claim a form keeps it."""
    index: dict[str, str] = {}
    for ent in entities:
        for form in [ent["label"], *ent["aliases"]]:
            index.setdefault(normalize(form), ent["id"])
    return index


def _node_gold(graph: Graph, node: Node, aliases: Mapping[str, str]) -> str | None:
    """The gold entity of a node: by its rdfs:label values first, then its skos:altLabel values."""
    from rdflib import RDFS
    from rdflib.namespace import SKOS

    for prop in (RDFS.label, SKOS.altLabel):
        for label in graph.objects(node, prop):
            gid = aliases.get(normalize(label))
            if gid:
                return gid
    return None


def _f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


@dataclass(frozen=True)
class Counts:
    """The counts behind one file's figures, unrounded, so that a corpus can pool them.

    ``rules`` maps a rule id to ``(tp, fp)``: of the distinct relations the scorer counts, those
    a provenance statement (an ``rdf:Statement`` with ``rdf:subject``, ``rdf:predicate`` and
    ``rdf:object``, not ``kgo:negated``) attributes to that rule that match a gold fact, and
    those that match none. The rule id is the statement's ``kgo:rule``, else its
    ``kgo:extractor`` (else :data:`NO_RULE`); a relation several rules found counts for each of
    them, once; a relation no statement describes counts under :data:`NO_STATEMENT`.
    """

    relations_emitted: int
    relations_correct: int
    required_facts: int
    required_found: int
    entities_gold: int
    entities_found: int
    entity_type_ok: int
    entities_split: int
    junk_entity_nodes: int
    quotes: int
    quotes_right: int
    quotes_wrong: int
    quotes_missing: int
    rules: Mapping[str, tuple[int, int]]


#: The rule id of relations that no provenance statement describes.
NO_STATEMENT = "(no statement)"
#: The rule id of a statement with neither ``kgo:rule`` nor ``kgo:extractor``.
NO_RULE = "(no rule)"


def score(
    gold: Mapping[str, Any],
    graph: Graph,
    relation_names: Iterable[str],
    symmetric: Iterable[str],
) -> EvalReport:
    """Score ``graph`` (output graph plus any ontology declaring open relations) against ``gold``.

    ``relation_names`` is the relation inventory, ``symmetric`` its symmetric relations.

    >>> from rdflib import Graph
    >>> gold = {
    ...     "entities": [
    ...         {"id": "acme", "label": "Acme", "aliases": [], "types": ["Organization"]},
    ...         {"id": "bob", "label": "Bob Stone", "aliases": ["Stone"], "types": ["Person"]},
    ...     ],
    ...     "relations": [
    ...         {"subject": "acme", "predicate": ["banned"], "object": "bob", "required": True}
    ...     ],
    ... }
    >>> ttl = '''@prefix k: <https://w3id.org/kg/ontology#> .
    ... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
    ... <http://x/acme> a k:Organization ; rdfs:label "the Acme" ; k:banned <http://x/bob> .
    ... <http://x/bob> a k:Place ; rdfs:label "Stone" .'''
    >>> report = score(gold, Graph().parse(data=ttl, format="turtle"), {"banned"}, set())
    >>> report.entities_found, report.entity_type_ok, report.f1_required
    ('2/2', '1/2', 1.0)
    """
    return score_counts(gold, graph, relation_names, symmetric)[0]


def score_counts(
    gold: Mapping[str, Any],
    graph: Graph,
    relation_names: Iterable[str],
    symmetric: Iterable[str],
) -> tuple[EvalReport, Counts]:
    """:func:`score`'s report, and the :class:`Counts` behind it."""
    from rdflib import OWL, RDF, RDFS, Literal, URIRef

    names = set(relation_names)
    symmetric_names = set(symmetric)
    entities: list[Mapping[str, Any]] = list(gold["entities"])
    gold_rel: list[Mapping[str, Any]] = list(gold["relations"])
    statements: list[Mapping[str, Any]] = list(gold.get("statements", []))

    open_props = _open_properties(graph)
    aliases = _alias_index(entities)
    labelled = {s for s in graph.subjects(RDFS.label, None) if isinstance(s, URIRef)}
    node_map: dict[Node, str | None] = {n: _node_gold(graph, n, aliases) for n in labelled}

    # entities: found, typed with one acceptable class, split over several nodes
    gold_types = {e["id"]: set(e["types"]) for e in entities}
    found: dict[str, list[Node]] = {}
    for node, gid in node_map.items():
        if gid:
            found.setdefault(gid, []).append(node)
    split = sum(1 for nodes in found.values() if len(nodes) > 1)
    typed_ok = 0
    for gid, nodes in found.items():
        types = {local_name(t) for n in nodes for t in graph.objects(n, RDF.type)}
        if types & gold_types[gid]:
            typed_ok += 1

    # relations between labelled nodes: (subject, kind, object, predicate local name)
    system: set[tuple[Node, str, Node, str]] = set()
    for s, p, o in graph:
        if not (isinstance(s, URIRef) and isinstance(o, URIRef)):
            continue
        kind = _relation_kind(p, names, open_props)
        if kind and s in labelled and o in labelled:
            system.add((s, kind, o, local_name(p)))

    def matches(rel: tuple[Node, str, Node, str], fact: Mapping[str, Any]) -> bool:
        s, kind, o, _ = rel
        if kind not in fact["predicate"]:
            return False
        gs, go = node_map.get(s), node_map.get(o)
        if gs == fact["subject"] and go == fact["object"]:
            return True
        return kind in symmetric_names and gs == fact["object"] and go == fact["subject"]

    hit = [any(matches(r, fact) for r in system) for fact in gold_rel]
    correct = {r for r in system if any(matches(r, fact) for fact in gold_rel)}
    typed_sys = [r for r in system if r[1] != RELATED_TO]
    typed_tp = sum(1 for r in typed_sys if r in correct)
    all_tp = len(correct)
    required = [h for h, fact in zip(hit, gold_rel, strict=True) if fact["required"]]

    # quotations: a `said` edge from the speaker's node to a node holding the quoted text;
    # right with the gold speaker, wrong when only others said it, missing when nobody did
    said = [(node_map.get(s), o) for s, p, o in graph if local_name(p) == SAID]
    quotes_ok = quotes_wrong = 0
    for st in statements:
        want = normalize(st["starts_with"])[:30]
        speakers = {
            speaker
            for speaker, quote in said
            if any(
                isinstance(lit, Literal) and want in normalize(lit)[:80]
                for lit in graph.objects(quote, None)
            )
        }
        if st["speaker"] in speakers:
            quotes_ok += 1
        elif speakers:
            quotes_wrong += 1

    p_typed = typed_tp / len(typed_sys) if typed_sys else 0.0
    p_all = all_tp / len(system) if system else 0.0
    r_req = sum(required) / len(required) if required else 0.0
    r_all = sum(hit) / len(gold_rel) if gold_rel else 0.0
    in_facts = {n for s, _, o, _ in system for n in (s, o)}
    in_facts |= {s for s, p, _ in graph if local_name(p) == SAID}
    ontology_classes = {OWL.ObjectProperty, OWL.DatatypeProperty, OWL.Class, RDF.Property}
    terms = open_props | {n for n in labelled if set(graph.objects(n, RDF.type)) & ontology_classes}
    junk = sum(1 for node, gid in node_map.items() if not gid and node not in in_facts | terms)
    quotes_missing = len(statements) - quotes_ok - quotes_wrong
    rules: dict[str, list[int]] = {}
    for rel, rule_ids in _relation_rules(graph, system, names, open_props).items():
        for rule in rule_ids:
            rules.setdefault(rule, [0, 0])[rel not in correct] += 1
    counts = Counts(
        relations_emitted=len(system),
        relations_correct=all_tp,
        required_facts=len(required),
        required_found=sum(required),
        entities_gold=len(entities),
        entities_found=len(found),
        entity_type_ok=typed_ok,
        entities_split=split,
        junk_entity_nodes=junk,
        quotes=len(statements),
        quotes_right=quotes_ok,
        quotes_wrong=quotes_wrong,
        quotes_missing=quotes_missing,
        rules={rule: (tp, fp) for rule, (tp, fp) in sorted(rules.items())},
    )
    report = EvalReport(
        junk_entity_nodes=junk,
        quotes_right=quotes_ok,
        quotes_wrong=quotes_wrong,
        quotes_missing=quotes_missing,
        entities_found=f"{len(found)}/{len(entities)}",
        entity_type_ok=f"{typed_ok}/{len(found)}",
        entities_split=split,
        unmatched_entity_nodes=sum(1 for gid in node_map.values() if not gid),
        relations_emitted=len(system),
        typed_relations_emitted=len(typed_sys),
        precision_typed=round(p_typed, 3),
        precision_all=round(p_all, 3),
        recall_required=round(r_req, 3),
        recall_all=round(r_all, 3),
        f1_required=round(_f1(p_all, r_req), 3),
        quotes_attributed=f"{quotes_ok}/{len(statements)}",
        missed=tuple(
            f"{fact['subject']} {fact['predicate'][0]} {fact['object']}"
            for h, fact in zip(hit, gold_rel, strict=True)
            if not h and fact["required"]
        ),
        wikidata_linked=_linked(graph, entities, found, "wikidata"),
        geonames_linked=_linked(graph, entities, found, "geonames"),
    )
    return report, counts


def _relation_kind(predicate: Node, names: set[str], open_props: set[Node]) -> str | None:
    """The kind the scorer gives a predicate: its inventory name, relatedTo if open, else None."""
    name = local_name(predicate)
    if name in names and name != RELATED_TO:
        return name
    return RELATED_TO if predicate in open_props else None


_Rel = tuple["Node", str, "Node", str]


def _relation_rules(
    graph: Graph, system: set[_Rel], names: set[str], open_props: set[Node]
) -> dict[_Rel, set[str]]:
    """Every scored relation and the ids of the rules whose statements describe it."""
    from rdflib import RDF, Literal

    from kg.graph.vocab import KGO

    found: dict[_Rel, set[str]] = {rel: set() for rel in system}
    for st in graph.subjects(RDF.type, RDF.Statement):
        if any(v == Literal(True) for v in graph.objects(st, KGO.negated)):
            continue
        rule = min(map(str, graph.objects(st, KGO.rule)), default="") or min(
            map(str, graph.objects(st, KGO.extractor)), default=NO_RULE
        )
        for s in graph.objects(st, RDF.subject):
            for p in graph.objects(st, RDF.predicate):
                kind = _relation_kind(p, names, open_props)
                for o in graph.objects(st, RDF.object):
                    rel = (s, kind or "", o, local_name(p))
                    if kind and rel in found:
                        found[rel].add(rule)
    return {rel: rule_ids or {NO_STATEMENT} for rel, rule_ids in found.items()}


def _linked(
    graph: Graph, entities: list[Mapping[str, Any]], found: Mapping[str, list[Node]], key: str
) -> str | None:
    """``k/n``: of the n gold entities with a ``key`` link, k have a node with that sameAs."""
    from rdflib import OWL, URIRef

    from kg.resolve.link import geonames_iri, wikidata_iri

    gold = [(e["id"], str(e[key])) for e in entities if key in e]
    if not gold:
        return None
    linked = 0
    for gid, value in gold:
        if ":" in value:
            iri = value
        else:
            iri = wikidata_iri(value) if key == "wikidata" else geonames_iri(value)
        linked += any((node, OWL.sameAs, URIRef(iri)) in graph for node in found.get(gid, []))
    return f"{linked}/{len(gold)}"
