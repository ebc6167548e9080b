"""kg.evaluate: gold loading, scoring, report text, and agreement with shared/tools/kgscore.py."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, Literal, URIRef

from kg.errors import GoldError
from kg.evaluate import (
    EXTRA_FIGURES,
    EvalReport,
    format_json,
    format_report,
    gold_document_path,
    load_gold,
    normalize,
    score,
)

SHARED = Path(__file__).resolve().parents[2] / "shared"
KGSCORE = SHARED / "tools" / "kgscore.py"
RELATIONS_TSV = SHARED / "ontology" / "relations.tsv"

# Used only when shared/ is absent: the relations the hand-made graph relies on.
FALLBACK_NAMES = {
    "banned", "worksFor", "memberOf", "spouseOf", "rivalOf", "livesIn", "criticized",
    "developerOf", "said", "relatedTo", "praised", "allyOf",
}  # fmt: skip
FALLBACK_SYMMETRIC = {"spouseOf", "rivalOf", "allyOf"}


def inventory() -> tuple[set[str], set[str]]:
    """Relation names and symmetric names, from shared/ontology/relations.tsv when present."""
    if not RELATIONS_TSV.exists():
        return set(FALLBACK_NAMES), set(FALLBACK_SYMMETRIC)
    names: set[str] = set()
    symmetric: set[str] = set()
    for line in RELATIONS_TSV.read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "name\t")) or not line.strip():
            continue
        cols = line.split("\t")
        names.add(cols[0])
        if cols[4] == "yes":
            symmetric.add(cols[0])
    return names, symmetric


NAMES, SYMMETRIC = inventory()

# ----------------------------------------------------------------------------- hand-made case

GOLD: dict[str, Any] = {
    "document": "news/acme.txt",
    "entities": [
        {
            "id": "acme",
            "label": "Acme Corp",
            "aliases": ["Acme", "the company"],
            "types": ["Organization"],
        },
        {"id": "bob", "label": "Bob Stone", "aliases": ["Stone"], "types": ["Person"]},
        {"id": "carol", "label": "Carol King", "aliases": ["Carol"], "types": ["Person"]},
        {"id": "paris", "label": "Paris", "aliases": [], "types": ["Place"]},
        {"id": "widget", "label": "Widget", "aliases": ["the Widget app"], "types": ["Product"]},
        {"id": "globex", "label": "Globex", "aliases": [], "types": ["Organization"]},
    ],
    "relations": [
        {"subject": "acme", "predicate": ["banned"], "object": "bob", "required": True},
        {
            "subject": "bob",
            "predicate": ["memberOf", "worksFor"],
            "object": "acme",
            "required": True,
        },
        {"subject": "carol", "predicate": ["spouseOf"], "object": "bob", "required": True},
        {
            "subject": "acme",
            "predicate": ["developerOf", "relatedTo"],
            "object": "widget",
            "required": True,
        },
        {"subject": "acme", "predicate": ["rivalOf"], "object": "globex", "required": True},
        {"subject": "carol", "predicate": ["livesIn"], "object": "paris", "required": False},
    ],
    "statements": [
        {"speaker": "carol", "starts_with": "The ban was long overdue"},
        {"speaker": "bob", "starts_with": "We will appeal"},
    ],
}

# "Acme banned Bob; Bob works for Acme; Bob married Carol; Acme launched Widget", as a system
# might write it, with its mistakes.
GRAPH_TTL = """\
@prefix kgo: <https://w3id.org/kg/ontology#> .
@prefix kgx: <https://w3id.org/kg/open#> .
@prefix e: <http://example.org/kg/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

kgx:launch rdfs:subPropertyOf kgx:make .
kgx:make rdfs:subPropertyOf kgo:relatedTo .

e:acme a kgo:Organization ; rdfs:label "The Acme Corp's" .
e:bob a kgo:Person ; rdfs:label "Robert" ; skos:altLabel "Stone" .
e:bob-2 a kgo:Organization ; rdfs:label "Bob Stone" .
e:carol a kgo:Place ; rdfs:label "Carol King" .
e:widget a kgo:Product ; rdfs:label "the Widget app" .
e:paris a kgo:Place ; rdfs:label "PARIS" .
e:zed a kgo:Person ; rdfs:label "Zed Unknown" .
_:anon rdfs:label "Globex" .

e:acme kgo:banned e:bob .
e:bob-2 kgo:worksFor e:acme .
e:bob kgo:spouseOf e:carol .
e:acme kgx:launch e:widget .
e:acme kgo:criticized e:zed .
e:paris kgo:livesIn e:carol .
e:acme kgx:hire e:bob .
e:acme kgo:relatedTo e:paris .
e:acme kgo:banned "Bob" .
e:acme kgo:banned e:nobody .

e:carol kgo:said e:q1 .
e:q1 a kgo:Statement ; kgo:text "\u201cThe ban was long overdue,\u201d she said." .
e:bob kgo:said e:q2 .
e:q2 a kgo:Statement ; kgo:text "We shall see." .
e:zed kgo:said e:q3 .
e:q3 a kgo:Statement ; kgo:text "We will appeal." .
"""

# Worked by hand:
# nodes with a label (IRIs only): acme bob bob-2 carol widget paris zed -> 7; zed unmatched;
#   bob found through its altLabel, bob-2 through its label: bob is split over 2 nodes.
# found acme bob carol widget paris = 5/6; types ok: all but carol (Place, gold Person) = 4/5.
# relations: banned TP, worksFor (split node) TP, spouseOf reversed but symmetric TP,
#   launch (open, via make -> relatedTo) TP, criticized zed FP, livesIn reversed FP;
#   hire (not declared), relatedTo itself, literal and unlabelled objects are not relations.
#   emitted 6, typed 5: precision_typed 3/5, precision_all 4/6; required hits 4/5, all hits 4/6;
#   F1(2/3, 4/5) = 0.727.  Quotes: carol's found, bob's text differs, zed is not bob -> 1/2;
#   bob's words are attributed, to zed: one right, one wrong, none missing.
EXPECTED = {
    "entities_found": "5/6",
    "entity_type_ok": "4/5",
    "entities_split": 1,
    "unmatched_entity_nodes": 1,
    "relations_emitted": 6,
    "typed_relations_emitted": 5,
    "precision_typed": 0.6,
    "precision_all": 0.667,
    "recall_required": 0.8,
    "recall_all": 0.667,
    "f1_required": 0.727,
    "quotes_attributed": "1/2",
    "missed": ["acme rivalOf globex"],
    "junk_entity_nodes": 0,  # zed matches no gold entity, but takes part in a relation
    "quotes_right": 1,  # carol's
    "quotes_wrong": 1,  # bob's words, said by zed
    "quotes_missing": 0,
}


def parse(ttl: str) -> Graph:
    return Graph().parse(data=ttl, format="turtle")


def test_hand_made_graph_figures() -> None:
    report = score(GOLD, parse(GRAPH_TTL), NAMES, SYMMETRIC)
    assert report.as_dict() == EXPECTED
    assert list(report.as_dict()) == list(EXPECTED)
    assert report.missed == ("acme rivalOf globex",)


def test_report_is_frozen_and_typed() -> None:
    report = score(GOLD, parse(GRAPH_TTL), NAMES, SYMMETRIC)
    assert isinstance(report, EvalReport)
    with pytest.raises(AttributeError):
        report.relations_emitted = 0  # type: ignore[misc]
    assert isinstance(report.precision_all, float) and isinstance(report.entities_split, int)


def test_symmetric_only_when_declared() -> None:
    """The reversed spouseOf counts only because spouseOf is symmetric."""
    report = score(GOLD, parse(GRAPH_TTL), NAMES, SYMMETRIC - {"spouseOf"})
    assert report.typed_relations_emitted == 5
    assert report.precision_typed == 0.4
    assert report.missed == ("carol spouseOf bob", "acme rivalOf globex")


def test_open_relation_needs_its_declaration() -> None:
    """Without the subPropertyOf chain kgx:launch is not a relation at all."""
    ttl = GRAPH_TTL.replace("kgx:make rdfs:subPropertyOf kgo:relatedTo .", "")
    report = score(GOLD, parse(ttl), NAMES, SYMMETRIC)
    assert report.relations_emitted == 5
    assert report.typed_relations_emitted == 5
    assert report.missed == ("acme developerOf widget", "acme rivalOf globex")


def test_open_relation_does_not_match_typed_only_fact() -> None:
    gold = json.loads(json.dumps(GOLD))
    gold["relations"][3]["predicate"] = ["developerOf"]
    report = score(gold, parse(GRAPH_TTL), NAMES, SYMMETRIC)
    assert report.precision_all == 0.5  # 3 of 6
    assert report.precision_typed == 0.6
    assert report.recall_required == 0.6


def test_first_entity_keeps_a_shared_alias() -> None:
    gold = json.loads(json.dumps(GOLD))
    gold["entities"][2]["aliases"].append("Stone")  # carol also claims "Stone"; bob came first
    assert score(gold, parse(GRAPH_TTL), NAMES, SYMMETRIC).as_dict() == EXPECTED


def test_label_wins_over_alt_label() -> None:
    ttl = GRAPH_TTL.replace('rdfs:label "Robert"', 'rdfs:label "Carol"')
    report = score(GOLD, parse(ttl), NAMES, SYMMETRIC)
    # e:bob is now Carol (label beats the altLabel "Stone"): carol split, bob single, and the
    # banned / spouseOf edges from e:bob no longer hit their facts.
    assert report.entities_split == 1
    assert report.entity_type_ok == "4/5"  # bob is left with e:bob-2, an Organization
    assert report.missed == ("acme banned bob", "carol spouseOf bob", "acme rivalOf globex")


def test_empty_graph() -> None:
    report = score(GOLD, Graph(), NAMES, SYMMETRIC)
    assert report.as_dict() == {
        "entities_found": "0/6",
        "entity_type_ok": "0/0",
        "entities_split": 0,
        "unmatched_entity_nodes": 0,
        "relations_emitted": 0,
        "typed_relations_emitted": 0,
        "precision_typed": 0.0,
        "precision_all": 0.0,
        "recall_required": 0.0,
        "recall_all": 0.0,
        "f1_required": 0.0,
        "quotes_attributed": "0/2",
        "missed": [
            "acme banned bob",
            "bob memberOf acme",
            "carol spouseOf bob",
            "acme developerOf widget",
            "acme rivalOf globex",
        ],
        "junk_entity_nodes": 0,
        "quotes_right": 0,
        "quotes_wrong": 0,
        "quotes_missing": 2,
    }


def test_quote_beyond_first_80_characters_is_not_attributed() -> None:
    ttl = GRAPH_TTL.replace("\u201cThe ban", "x" * 80 + " The ban")
    assert score(GOLD, parse(ttl), NAMES, SYMMETRIC).quotes_attributed == "0/2"


def test_normalize_articles_and_possessive() -> None:
    assert normalize("The Acme Corp\u2019s") == normalize("acme corp") == "acme corp"
    assert normalize("An Apple") == "apple"
    assert normalize("Theatre") == "theatre"


def test_format_report_and_json() -> None:
    report = score(GOLD, parse(GRAPH_TTL), NAMES, SYMMETRIC)
    text = format_report(report)
    lines = text.splitlines()
    assert lines[0] == "entities_found: 5/6"
    assert lines[-6] == "missed: ['acme rivalOf globex']"
    assert lines[-5] == "f1_required=0.727 recall_required=0.8 precision_all=0.667"
    assert lines[-4:] == [
        "junk_entity_nodes: 0",
        "quotes_right: 1",
        "quotes_wrong: 1",
        "quotes_missing: 0",
    ]
    assert len(lines) == 18 and not text.endswith("\n")
    assert json.loads(format_json(report)) == EXPECTED
    assert format_json(report) == json.dumps(EXPECTED)


# ----------------------------------------------------------------------------- agreement

needs_shared = pytest.mark.skipif(not KGSCORE.exists(), reason="shared/tools/kgscore.py absent")


def kgscore(gold_path: Path, *graph_paths: Path, as_json: bool = True) -> str:
    args = [sys.executable, str(KGSCORE), str(gold_path), *map(str, graph_paths)]
    done = subprocess.run(
        [*args, "--json"] if as_json else args,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    return done.stdout


def reference(figures: dict) -> dict:
    """The figures the reference scorer prints: kg's without its extras."""
    return {k: v for k, v in figures.items() if k not in EXTRA_FIGURES}


def reference_text(text: str) -> str:
    """The reference scorer's text: kg's up to its summary line."""
    lines = text.splitlines()
    end = next(i for i, line in enumerate(lines) if line.startswith("f1_required="))
    return "\n".join(lines[: end + 1]) + "\n"


def test_junk_nodes_match_nothing_and_take_part_in_nothing() -> None:
    ttl = GRAPH_TTL + (
        'e:lone a kgo:Organization ; rdfs:label "Lone Ltd" .\n'
        'kgx:make rdfs:label "make" .\n'
        "<http://example.org/p> a <http://www.w3.org/2002/07/owl#ObjectProperty> ; "
        'rdfs:label "p" .\n'
    )
    report = score(GOLD, parse(ttl), NAMES, SYMMETRIC)
    assert report.junk_entity_nodes == 1  # Lone Ltd; zed is in a fact, properties are terms
    assert report.unmatched_entity_nodes == 4  # the reference counts every labelled IRI


def ours(gold_path: Path, *graph_paths: Path) -> EvalReport:
    graph = Graph()
    for path in graph_paths:
        graph.parse(path)
    return score(load_gold(gold_path, NAMES), graph, NAMES, SYMMETRIC)


@needs_shared
def test_agrees_with_kgscore_on_hand_made_graph(tmp_path: Path) -> None:
    gold_path = tmp_path / "gold" / "acme.json"
    gold_path.parent.mkdir()
    gold_path.write_text(json.dumps(GOLD), encoding="utf-8")
    graph_path = tmp_path / "graph.ttl"
    graph_path.write_text(GRAPH_TTL, encoding="utf-8")
    report = ours(gold_path, graph_path)
    assert json.loads(kgscore(gold_path, graph_path)) == reference(report.as_dict())
    assert report.as_dict() == EXPECTED
    assert kgscore(gold_path, graph_path, as_json=False) == reference_text(format_report(report))
    assert json.loads(kgscore(gold_path, graph_path)) == reference(json.loads(format_json(report)))


SEED_TTL = """\
@prefix kgo: <https://w3id.org/kg/ontology#> .
@prefix kgx: <https://w3id.org/kg/open#> .
@prefix e: <http://example.org/kg/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .

e:twitter a kgo:Organization ; rdfs:label "Twitter" ; skos:altLabel "the platform" .
e:threads a kgo:Product ; rdfs:label "Threads" .
e:taliban a kgo:Organization ; rdfs:label "The Taliban" .
e:anas a kgo:Person ; rdfs:label "Anas Haqqani" ; skos:altLabel "Haqqani" .
e:haqqani a kgo:Person ; rdfs:label "Haqqani" .
e:meta a kgo:Organization ; rdfs:label "Meta Platforms" .
e:official a kgo:Person ; rdfs:label "a senior official" .

e:twitter kgo:rivalOf e:threads .
e:anas kgo:memberOf e:taliban .
e:taliban kgo:praised e:twitter .
e:meta kgo:owns e:twitter .
e:anas kgx:tweet e:official .
e:anas kgo:said e:q1 .
e:q1 a kgo:Statement ;
    kgo:text "Twitter has two important advantages over other platforms, he wrote." .
"""

ONTOLOGY_TTL = """\
@prefix kgo: <https://w3id.org/kg/ontology#> .
@prefix kgx: <https://w3id.org/kg/open#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
kgo:relatedTo a owl:ObjectProperty .
kgx:tweet rdfs:subPropertyOf kgo:relatedTo .
"""


@needs_shared
def test_agrees_with_kgscore_on_seed_gold(tmp_path: Path) -> None:
    gold_path = SHARED / "gold" / "seed.json"
    graph_path = tmp_path / "seed.ttl"
    graph_path.write_text(SEED_TTL, encoding="utf-8")
    onto_path = tmp_path / "onto.ttl"
    onto_path.write_text(ONTOLOGY_TTL, encoding="utf-8")
    report = ours(gold_path, graph_path, onto_path)
    assert json.loads(kgscore(gold_path, graph_path, onto_path)) == reference(report.as_dict())
    # anas_haqqani on two nodes; e:official matches nothing; the reversed rivalOf is symmetric.
    assert report.entities_found == "5/25"
    assert report.entities_split == 1
    assert report.unmatched_entity_nodes == 1
    assert report.relations_emitted == 5
    assert report.typed_relations_emitted == 4
    assert report.quotes_attributed == "1/6"


CLASSES = ["Person", "Organization", "Place", "Product", "Event", "Group", "Statement", "Thing"]


def random_graph(gold: dict[str, Any], seed: int) -> str:
    """A varied, partly wrong graph for ``gold``: every path through the scorer gets exercised."""
    rnd = random.Random(seed)
    kgo, kgx, sch = (
        "https://w3id.org/kg/ontology#",
        "https://w3id.org/kg/open#",
        "https://schema.org/",
    )
    rdfs_label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    alt_label = "<http://www.w3.org/2004/02/skos/core#altLabel>"
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    sub_prop = "<http://www.w3.org/2000/01/rdf-schema#subPropertyOf>"
    lines: list[str] = []

    def lit(text: str) -> str:
        return Literal(text).n3()

    def iri(text: str) -> str:
        return URIRef(text).n3()

    def variant(form: str) -> str:
        return rnd.choice(
            [form, form.upper(), f"The {form}", f"{form}'s", f"{form}\u2019s", f" {form}!"]
        )

    nodes: dict[str, list[str]] = {}
    node_list: list[str] = []
    for ent in gold["entities"]:
        for k in range(rnd.choice([0, 1, 1, 1, 2, 3])):
            node = iri(f"http://example.org/kg/entity/{ent['id']}-{k}")
            forms = [ent["label"], *ent["aliases"]]
            if rnd.random() < 0.3:  # label misses, altLabel hits
                lines.append(f"{node} {rdfs_label} {lit('Mx ' + ent['id'])} .")
                lines.append(f"{node} {alt_label} {lit(variant(rnd.choice(forms)))} .")
            else:
                lines.append(f"{node} {rdfs_label} {lit(variant(rnd.choice(forms)))} .")
            if rnd.random() < 0.15:  # a second label naming another entity
                other = rnd.choice(gold["entities"])
                lines.append(f"{node} {rdfs_label} {lit(other['label'])} .")
            classes = rnd.sample(CLASSES, rnd.choice([0, 1, 1, 2]))
            if rnd.random() < 0.5:
                classes.append(rnd.choice(ent["types"]))
            for cls in classes:
                lines.append(f"{node} {rdf_type} {iri(kgo + cls)} .")
            nodes.setdefault(ent["id"], []).append(node)
            node_list.append(node)
    for k in range(3):  # unmatched nodes, a blank node, an unlabelled node
        node = iri(f"http://example.org/kg/entity/stray-{k}")
        lines.append(f"{node} {rdfs_label} {lit(f'Stray Thing {k}')} .")
        node_list.append(node)
    lines.append(f"_:b0 {rdfs_label} {lit(gold['entities'][0]['label'])} .")
    node_list.append("<http://example.org/kg/entity/unlabelled>")

    # open properties: chains that reach relatedTo and one that does not
    opens = [iri(f"{kgx}verb{k}") for k in range(4)]
    lines.append(f"{opens[0]} {sub_prop} {iri(kgo + 'relatedTo')} .")
    lines.append(f"{opens[1]} {sub_prop} {opens[0]} .")
    lines.append(f"{opens[2]} {sub_prop} {iri('http://other.example/relatedTo')} .")
    lines.append(f"{iri(kgo + 'banned')} {sub_prop} {iri(kgo + 'relatedTo')} .")
    names = sorted(NAMES)

    def predicate(fact: dict[str, Any]) -> str:
        choice = rnd.random()
        if choice < 0.5:
            return iri(kgo + rnd.choice(fact["predicate"]))
        if choice < 0.6:
            return iri(sch + fact["predicate"][0])
        if choice < 0.8:
            return rnd.choice(opens)
        if choice < 0.9:
            return iri(kgo + "relatedTo")
        return iri(kgo + rnd.choice(names))

    for fact in gold["relations"]:
        if rnd.random() < 0.3 or fact["subject"] not in nodes or fact["object"] not in nodes:
            continue
        s, o = rnd.choice(nodes[fact["subject"]]), rnd.choice(nodes[fact["object"]])
        if rnd.random() < 0.3:
            s, o = o, s
        lines.append(f"{s} {predicate(fact)} {o} .")
        if rnd.random() < 0.2:  # two open verbs (or one name in two namespaces) for one pair
            lines.append(f"{s} {opens[0]} {o} .\n{s} {opens[1]} {o} .")
            lines.append(f"{s} {iri(sch + 'banned')} {o} .\n{s} {iri(kgo + 'banned')} {o} .")
    for _ in range(8):  # noise between random nodes, and literal objects
        s, o = rnd.choice(node_list), rnd.choice(node_list)
        lines.append(f"{s} {iri(kgo + rnd.choice(names))} {o} .")
    lines.append(f"{node_list[0]} {iri(kgo + 'memberOf')} {lit('a literal')} .")

    said = iri(kgo + "said")
    for k, st in enumerate(gold.get("statements", [])):
        if st["speaker"] not in nodes:
            continue
        quote = iri(f"http://example.org/kg/quote/{k}")
        text = rnd.choice(
            [
                st["starts_with"] + " and more words follow here.",
                "\u201c" + st["starts_with"].upper() + "\u201d",
                "He said at length, at very great length indeed, and then some more: "
                + st["starts_with"],
                st["starts_with"][:12],
                st["starts_with"][:25],
                st["starts_with"][:33] + " but then other words",
            ]
        )
        lines.append(f"{rnd.choice(nodes[st['speaker']])} {said} {quote} .")
        lines.append(f"{quote} {iri(kgo + 'text')} {lit(text)} .")
    rnd.shuffle(lines)
    return "\n".join(lines) + "\n"


@needs_shared
@pytest.mark.parametrize(
    ("gold_name", "seed"),
    [("seed.json", 1), ("politics-302.json", 2), ("tech-119.json", 3), ("business-189.json", 4)],
)
def test_agrees_with_kgscore_on_varied_graphs(tmp_path: Path, gold_name: str, seed: int) -> None:
    gold_path = SHARED / "gold" / gold_name
    gold = load_gold(gold_path, NAMES)
    graph_path = tmp_path / "graph.nt"
    graph_path.write_text(random_graph(gold, seed), encoding="utf-8")
    report = ours(gold_path, graph_path)
    assert json.loads(kgscore(gold_path, graph_path)) == reference(report.as_dict())
    assert report.relations_emitted > 0  # the case is not vacuous


# ----------------------------------------------------------------------------- gold files


def write(tmp_path: Path, content: str | dict[str, Any], name: str = "g.json") -> Path:
    path = tmp_path / name
    path.write_text(content if isinstance(content, str) else json.dumps(content), "utf-8")
    return path


def test_load_gold_round_trip(tmp_path: Path) -> None:
    assert load_gold(write(tmp_path, GOLD), NAMES) == GOLD


@needs_shared
def test_shared_gold_files_load() -> None:
    for path in sorted((SHARED / "gold").glob("*.json")):
        gold = load_gold(path, NAMES)
        assert gold_document_path(path, gold).is_file()


def test_malformed_json(tmp_path: Path) -> None:
    path = write(tmp_path, '{"entities": [],\n  "relations": [,]}')
    with pytest.raises(GoldError, match=r"not valid JSON: .* line 2, column 17") as info:
        load_gold(path)
    assert str(path) in str(info.value) and "\n" not in str(info.value)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="cannot read gold file .*missing.json"):
        load_gold(tmp_path / "missing.json")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (lambda g: g.pop("entities"), 'has no "entities" list; add "entities"'),
        (lambda g: g.pop("relations"), 'has no "relations" list'),
        (lambda g: g.update(relations={}), 'non-list "relations"'),
        (lambda g: g.update(relations=[]), '"relations" is empty'),
        (lambda g: g["entities"][1].pop("aliases"), r"entity #2 \('bob'\) needs .* aliases"),
        (lambda g: g["entities"][0].pop("id"), "entity #1 needs a non-empty string id"),
        (lambda g: g["entities"].append(g["entities"][0]), "entity #7 .* repeats the id 'acme'"),
        (
            lambda g: g["relations"][2].update(object="dave"),
            "relation #3 names unknown entity id 'dave' as object; use an id declared",
        ),
        (lambda g: g["relations"][0].update(predicate="banned"), "relation #1 needs a non-empty"),
        (lambda g: g["relations"][0].pop("required"), "relation #1 has no true/false required"),
        (lambda g: g["statements"][1].update(speaker="dave"), "statement #2 names unknown"),
        (lambda g: g["statements"][0].pop("starts_with"), "statement #1 lacks"),
    ],
)
def test_invalid_gold(tmp_path: Path, mutate: Any, message: str) -> None:
    gold = json.loads(json.dumps(GOLD))
    mutate(gold)
    path = write(tmp_path, gold)
    with pytest.raises(GoldError, match=message) as info:
        load_gold(path, NAMES)
    assert str(info.value).startswith(f"gold file {path}: ")
    assert "\n" not in str(info.value)


def test_predicate_checked_against_inventory(tmp_path: Path) -> None:
    gold = json.loads(json.dumps(GOLD))
    gold["relations"][4]["predicate"] = ["rivalOf", "competesWith"]
    path = write(tmp_path, gold)
    with pytest.raises(
        GoldError, match="relation #5 has predicate 'competesWith', which is not a relation name"
    ):
        load_gold(path, NAMES)
    assert load_gold(path) == gold  # without an inventory only the shape is checked


def test_top_level_not_object(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="top level is not a JSON object"):
        load_gold(write(tmp_path, "[1, 2]"))


def test_gold_document_path(tmp_path: Path) -> None:
    gold_path = tmp_path / "gold" / "acme.json"
    assert gold_document_path(gold_path, GOLD) == tmp_path / "news" / "acme.txt"
    with pytest.raises(GoldError, match='no "document" field; add the article path'):
        gold_document_path(gold_path, {"entities": [], "relations": []})
