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
    NO_RULE,
    NO_STATEMENT,
    Counts,
    EvalReport,
    format_json,
    format_report,
    gold_document_path,
    load_gold,
    normalize,
    score,
    score_counts,
)
from kg.evaluate_corpus import (
    FileScore,
    corpus_json,
    format_corpus,
    format_rules,
    macro,
    micro,
    rule_table,
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


# ----------------------------------------------------------------------------- quotations


def test_quotations_right_wrong_missing() -> None:
    """Every gold quotation is exactly one of right, wrong (someone else said it) or missing."""
    gold = json.loads(json.dumps(GOLD))
    gold["statements"] += [
        {"speaker": "acme", "starts_with": "Nobody wrote this down"},  # absent: missing
        {"speaker": "acme", "starts_with": "Quoted but unattributed"},  # no `said`: missing
        {"speaker": "bob", "starts_with": "Said by two speakers"},  # bob among them: right
    ]
    ttl = GRAPH_TTL + (
        'e:q4 a kgo:Statement ; kgo:text "Quoted but unattributed here." .\n'
        "e:bob kgo:said e:q5 .\ne:zed kgo:said e:q5 .\n"
        'e:q5 a kgo:Statement ; kgo:text "Said by two speakers, both." .\n'
    )
    report = score(gold, parse(ttl), NAMES, SYMMETRIC)
    assert report.quotes_attributed == "2/5"
    assert (report.quotes_right, report.quotes_wrong, report.quotes_missing) == (2, 1, 2)


def test_counts_behind_the_report() -> None:
    report, counts = score_counts(GOLD, parse(GRAPH_TTL), NAMES, SYMMETRIC)
    assert report == score(GOLD, parse(GRAPH_TTL), NAMES, SYMMETRIC)
    assert counts.relations_emitted == 6 and counts.relations_correct == 4
    assert (counts.required_facts, counts.required_found) == (5, 4)
    assert (counts.entities_gold, counts.entities_found, counts.entity_type_ok) == (6, 5, 4)
    assert (counts.entities_split, counts.junk_entity_nodes) == (1, 0)
    assert (counts.quotes, counts.quotes_right, counts.quotes_wrong) == (2, 1, 1)
    assert counts.rules == {NO_STATEMENT: (4, 2)}  # the graph has no provenance statements


# ----------------------------------------------------------------------------- by rule

# Provenance statements for GRAPH_TTL's relations, as kg writes them (rdf:Statement reified).
STATEMENTS_TTL = """
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix st: <http://example.org/kg/statement/> .

st:1 a rdf:Statement ; rdf:subject e:acme ; rdf:predicate kgo:banned ; rdf:object e:bob ;
    kgo:rule "verb.ban" ; kgo:extractor "dependency.v1" .
st:2 a rdf:Statement ; rdf:subject e:acme ; rdf:predicate kgo:banned ; rdf:object e:bob ;
    kgo:rule "appos.ban" ; kgo:extractor "dependency.v1" .
st:3 a rdf:Statement ; rdf:subject e:bob-2 ; rdf:predicate kgo:worksFor ; rdf:object e:acme ;
    kgo:extractor "dependency.v1" .
st:4 a rdf:Statement ; rdf:subject e:acme ; rdf:predicate kgo:criticized ; rdf:object e:zed ;
    kgo:rule "verb.criticize" .
st:4b a rdf:Statement ; rdf:subject e:acme ; rdf:predicate kgo:criticized ; rdf:object e:zed ;
    kgo:rule "verb.criticize" .
st:5 a rdf:Statement ; rdf:subject e:acme ; rdf:predicate kgo:criticized ; rdf:object e:zed ;
    kgo:rule "negated.rule" ; kgo:negated true .
st:6 a rdf:Statement ; rdf:subject e:acme ; rdf:predicate kgo:banned ; rdf:object "Bob" ;
    kgo:rule "literal.rule" .
st:7 a rdf:Statement ; rdf:subject e:acme ; rdf:predicate kgx:launch ; rdf:object e:widget ;
    kgo:rule "open.verb" .
st:8 a rdf:Statement ; rdf:subject e:paris ; rdf:predicate kgo:livesIn ; rdf:object e:carol .
st:9 a rdf:Statement ; rdf:subject e:acme ; rdf:predicate kgo:rivalOf ; rdf:object e:globex ;
    kgo:rule "negated.rule" ; kgo:negated true .
"""

# banned (TP) by two rules; worksFor (TP) by its extractor's name; criticized (FP) twice by one
# rule, once negated (not counted); a literal object is no relation; the open launch (TP);
# livesIn (FP) by a statement with no rule or extractor; spouseOf (TP) by no statement.
BY_RULE = {
    NO_RULE: (0, 1),
    NO_STATEMENT: (1, 0),
    "appos.ban": (1, 0),
    "dependency.v1": (1, 0),
    "open.verb": (1, 0),
    "verb.ban": (1, 0),
    "verb.criticize": (0, 1),
}


def test_rules_true_and_false_positives() -> None:
    _, counts = score_counts(GOLD, parse(GRAPH_TTL + STATEMENTS_TTL), NAMES, SYMMETRIC)
    assert counts.rules == BY_RULE
    assert list(counts.rules) == sorted(BY_RULE)
    assert rule_table([counts, counts])[-1] == {
        "rule": "verb.criticize",
        "tp": 0,
        "fp": 2,
        "precision": 0.0,
    }


def test_statements_do_not_change_the_figures() -> None:
    with_statements = score(GOLD, parse(GRAPH_TTL + STATEMENTS_TTL), NAMES, SYMMETRIC)
    assert with_statements.as_dict() == EXPECTED


def test_format_rules() -> None:
    _, counts = score_counts(GOLD, parse(GRAPH_TTL + STATEMENTS_TTL), NAMES, SYMMETRIC)
    assert format_rules(rule_table([counts])).splitlines() == [
        "rule              tp    fp precision",
        "(no rule)          0     1     0.000",
        "(no statement)     1     0     1.000",
        "appos.ban          1     0     1.000",
        "dependency.v1      1     0     1.000",
        "open.verb          1     0     1.000",
        "verb.ban           1     0     1.000",
        "verb.criticize     0     1     0.000",
    ]


# ----------------------------------------------------------------------------- corpus figures


def counts(**given: Any) -> Counts:
    fields = dict.fromkeys(Counts.__dataclass_fields__, 0)
    fields["rules"] = {}
    fields.update(given)
    return Counts(**fields)


# A: 3 of 4 relations right, 2 of 4 required facts, 3 of 4 entities typed, quotes 1/1/0 of 2;
# B: nothing emitted or found, 2 required facts, no quotations.
FILE_A = counts(
    relations_emitted=4, relations_correct=3, required_facts=4, required_found=2,
    entities_gold=5, entities_found=4, entity_type_ok=3, entities_split=1,
    junk_entity_nodes=2, quotes=2, quotes_right=1, quotes_wrong=1,
    rules={"r1": (3, 0), "r2": (0, 1)},
)  # fmt: skip
FILE_B = counts(
    required_facts=2, entities_gold=3, junk_entity_nodes=1, rules={"r2": (0, 2)}
)  # fmt: skip


def test_micro_pools_the_counts() -> None:
    pooled = micro([FILE_A, FILE_B])
    # P 3/4, R 2/6, F1 = 2 * 0.75 * 1/3 / (0.75 + 1/3) = 0.4615...
    assert pooled["f1_required"] == 0.462
    assert (pooled["precision_all"], pooled["recall_required"]) == (0.75, 0.333)
    assert pooled["entity_type_accuracy"] == 0.75
    assert (pooled["entities_split"], pooled["junk_entity_nodes"]) == (1, 3)
    assert pooled["junk_per_file"] == 1.5
    assert (pooled["quotes_right"], pooled["quotes_wrong"], pooled["quotes_missing"]) == (1, 1, 0)
    assert pooled["quotes_right_share"] == 0.5 and pooled["quotes"] == 2
    assert pooled["files"] == 2 and pooled["relations_emitted"] == 4


def test_macro_means_the_files() -> None:
    mean = macro([FILE_A, FILE_B])
    assert mean["f1_required"] == 0.3  # (F1(0.75, 0.5) = 0.6 + 0) / 2
    assert (mean["precision_all"], mean["recall_required"]) == (0.375, 0.25)
    assert mean["entity_type_accuracy"] == 0.75  # B found no entity: left out
    assert (mean["entities_split"], mean["junk_entity_nodes"]) == (0.5, 1.5)
    assert mean["quotes_right_share"] == 0.5  # B has no quotation: left out
    assert mean["quotes_missing_share"] == 0.0


def test_rule_table_sums_the_files() -> None:
    assert rule_table([FILE_A, FILE_B]) == [
        {"rule": "r1", "tp": 3, "fp": 0, "precision": 1.0},
        {"rule": "r2", "tp": 0, "fp": 3, "precision": 0.0},
    ]
    assert rule_table([]) == []
    assert format_rules([]) == "rule    tp    fp precision"


def test_format_corpus_rows_and_categories() -> None:
    report, hand_made = score_counts(GOLD, parse(GRAPH_TTL), NAMES, SYMMETRIC)
    empty = score(GOLD, Graph(), NAMES, SYMMETRIC)
    scores = [
        FileScore("tech-1", "tech", report, hand_made),
        FileScore("arts-1", "arts", empty, FILE_B),
        FileScore("tech-2", "tech", report, hand_made),
    ]
    lines = format_corpus(scores).splitlines()
    header = "file f1_req prec rec_req type split junk quotes right/wrong/missing"
    assert lines[0].split() == header.split()
    assert lines[1].split() == "tech-1 0.727 0.667 0.800 0.800 1 0 1/1/0 of 2".split()
    assert lines[2].split()[:5] == ["arts-1", "0.000", "0.000", "0.000", "0.000"]
    assert lines[3].startswith("tech-2 ")
    assert lines[4] == ""
    # pooled: 8 of 12 relations right, 8 of 12 required facts, 8 of 10 entities typed
    assert lines[5].split() == "micro (3 files) 0.667 0.667 0.667 0.800 2 1 2/2/0 of 4".split()
    assert lines[6].startswith("macro (3 files) ")
    assert lines[8] == "per category (micro):"
    assert [line.split()[0] for line in lines[9:]] == ["arts", "tech"]
    data = json.loads(corpus_json(scores))
    assert [f["file"] for f in data["files"]] == ["tech-1", "arts-1", "tech-2"]
    assert {k: v for k, v in data["files"][0].items() if k not in ("file", "category")} == EXPECTED
    assert data["micro"] == micro([hand_made, FILE_B, hand_made])
    assert data["macro"] == macro([hand_made, FILE_B, hand_made])
    assert list(data["categories"]) == ["arts", "tech"]
    assert data["categories"]["tech"] == micro([hand_made, hand_made])


# ----------------------------------------------------------------------------- kg eval (CLI)


def entity(gid: str, label: str, types: str, *aliases: str) -> dict[str, Any]:
    return {"id": gid, "label": label, "aliases": list(aliases), "types": [types]}


def fact(subject: str, predicate: str, obj: str, required: bool = True) -> dict[str, Any]:
    return {"subject": subject, "predicate": [predicate], "object": obj, "required": required}


ARTICLES = {
    "business-1": (
        "Zorblax Corp banned Ann Vale on Monday. Ann Vale works for Quimby Ltd.\n"
        '"We will appeal the ban," Vale said.\n',
        {
            "entities": [
                entity("zorblax", "Zorblax Corp", "Organization"),
                entity("ann", "Ann Vale", "Person", "Vale"),
                entity("quimby", "Quimby Ltd", "Organization"),
            ],
            "relations": [
                fact("zorblax", "banned", "ann"),
                fact("ann", "worksFor", "quimby"),
                fact("quimby", "rivalOf", "zorblax"),
            ],
            "statements": [{"speaker": "ann", "starts_with": "We will appeal the ban"}],
        },
    ),
    "sport-1": (
        "Dorn Rovers signed Tom Pell from Keswick Town. Tom Pell lives in Oslo.\n",
        {
            "entities": [
                entity("rovers", "Dorn Rovers", "Organization"),
                entity("pell", "Tom Pell", "Person", "Pell"),
                entity("oslo", "Oslo", "Place"),
            ],
            "relations": [
                fact("pell", "memberOf", "rovers"),
                fact("pell", "livesIn", "oslo", False),
            ],
        },
    ),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Two invented articles under news/ and their gold files under gold/."""
    root = tmp_path_factory.mktemp("corpus")
    (root / "gold").mkdir()
    (root / "news").mkdir()
    for name, (text, gold) in ARTICLES.items():
        (root / "news" / f"{name}.txt").write_text(text, encoding="utf-8")
        data = {"document": f"news/{name}.txt", **gold}
        (root / "gold" / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    return root


def run_kg(*args: str) -> Any:
    from click.testing import CliRunner

    from kg.cli import cli

    return CliRunner().invoke(cli, list(args))


def test_corpus_rows_agree_with_single_files(corpus: Path) -> None:
    """A folder is a corpus: its rows are, figure for figure, what each file scores alone."""
    result = run_kg("eval", str(corpus / "gold"), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [(f["file"], f["category"]) for f in data["files"]] == [
        ("business-1", "business"),
        ("sport-1", "sport"),
    ]
    for row in data["files"]:
        alone = run_kg("eval", str(corpus / "gold" / f"{row['file']}.json"), "--json")
        assert alone.exit_code == 0, alone.output
        figures = {k: v for k, v in row.items() if k not in ("file", "category")}
        assert figures == json.loads(alone.stdout)
    assert list(data) == ["files", "micro", "macro", "categories"]
    assert list(data["categories"]) == ["business", "sport"]
    pooled = data["micro"]
    assert pooled["files"] == 2
    assert pooled["required_facts"] == 4  # 3 + 1 required facts
    emitted = sum(f["relations_emitted"] for f in data["files"])
    assert pooled["relations_emitted"] == emitted > 0
    assert pooled["quotes"] == 1
    assert pooled["quotes_right"] + pooled["quotes_wrong"] + pooled["quotes_missing"] == 1
    assert data["categories"]["sport"]["files"] == 1


def test_corpus_text_and_several_files(corpus: Path) -> None:
    gold = corpus / "gold"
    folder = run_kg("eval", str(gold))
    files = run_kg("eval", str(gold / "business-1.json"), str(gold / "sport-1.json"))
    assert folder.exit_code == 0 and files.exit_code == 0, folder.output + files.output
    assert folder.stdout == files.stdout  # two gold files are a corpus too
    lines = folder.stdout.splitlines()
    assert lines[0].startswith("file ")
    assert [line.split()[0] for line in lines[1:3]] == ["business-1", "sport-1"]
    assert lines[4].startswith("micro (2 files) ") and lines[5].startswith("macro (2 files) ")
    assert lines[7] == "per category (micro):"
    assert [line.split()[0] for line in lines[8:]] == ["business", "sport"]
    parallel = run_kg("eval", str(gold), "--jobs", "2")
    assert parallel.exit_code == 0 and parallel.stdout == folder.stdout


def test_corpus_by_rule(corpus: Path) -> None:
    result = run_kg("eval", str(corpus / "gold"), "--by-rule", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["files"] == 2
    pooled = json.loads(run_kg("eval", str(corpus / "gold"), "--json").stdout)["micro"]
    rows = data["rules"]
    assert rows and [r["rule"] for r in rows] == sorted(r["rule"] for r in rows)
    # each relation is found by at least one rule, so the rules' counts cover every relation
    assert sum(r["tp"] for r in rows) >= pooled["relations_correct"]
    assert sum(r["tp"] + r["fp"] for r in rows) >= pooled["relations_emitted"]
    text = run_kg("eval", str(corpus / "gold"), "--by-rule").stdout.splitlines()
    assert text[0].split() == ["rule", "tp", "fp", "precision"]
    assert [line.split()[0] for line in text[1:]] == [r["rule"] for r in rows]


def test_single_file_by_rule_on_a_graph(tmp_path: Path) -> None:
    gold_path = write(tmp_path, GOLD, "acme.json")
    graph = tmp_path / "graph.ttl"
    graph.write_text(GRAPH_TTL + STATEMENTS_TTL, encoding="utf-8")
    result = run_kg("eval", str(gold_path), str(graph), "--by-rule", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {
        "files": 1,
        "rules": [
            {"rule": rule, "tp": tp, "fp": fp, "precision": round(tp / (tp + fp), 3)}
            for rule, (tp, fp) in BY_RULE.items()
        ],
    }
    text = run_kg("eval", str(gold_path), str(graph), "--by-rule")
    assert text.stdout.splitlines()[1] == "(no rule)          0     1     0.000"
    plain = run_kg("eval", str(gold_path), str(graph), "--json")  # the single-file form
    assert json.loads(plain.stdout) == EXPECTED


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["a.json", "b.txt", "c.json"], "b.txt is neither a gold .json file nor a folder"),
        (["EMPTY"], "no gold .json files in"),
    ],
)
def test_corpus_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    (tmp_path / "EMPTY").mkdir()
    result = run_kg("eval", *(str(tmp_path / a) for a in args))
    assert result.exit_code == 2
    assert message in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_corpus_bad_gold_fails_before_building(tmp_path: Path, corpus: Path) -> None:
    bad = write(tmp_path, '{"entities": [}', "bad.json")
    result = run_kg("eval", str(corpus / "gold" / "sport-1.json"), str(bad))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"kg: error: gold file {bad} is not valid JSON")


def test_corpus_missing_document(tmp_path: Path) -> None:
    gold = dict(GOLD, document="news/absent.txt")
    (tmp_path / "gold").mkdir()
    for name in ("a.json", "b.json"):
        write(tmp_path / "gold", gold, name)
    result = run_kg("eval", str(tmp_path / "gold"))
    assert result.exit_code == 1
    assert "no such file" in result.stderr and "absent.txt" in result.stderr


@needs_shared
def test_shared_corpus_rows_agree_with_kgscore(tmp_path: Path) -> None:
    """On real gold, each corpus row's reference figures are kgscore's on the built graph."""
    names = ["seed.json", "tech-119.json"]
    result = run_kg("eval", *(str(SHARED / "gold" / n) for n in names), "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["files"]
    for name, row in zip(names, rows, strict=True):
        gold_path = SHARED / "gold" / name
        graph = tmp_path / f"{name}.ttl"
        document = gold_document_path(gold_path, load_gold(gold_path))
        built = run_kg("build", str(document), "-q", "--no-cache", "-o", str(graph))
        assert built.exit_code == 0, built.output
        figures = {k: v for k, v in row.items() if k not in ("file", "category")}
        assert json.loads(kgscore(gold_path, graph)) == reference(figures)
        assert figures["quotes_attributed"] == (
            f"{figures['quotes_right']}/"
            f"{figures['quotes_right'] + figures['quotes_wrong'] + figures['quotes_missing']}"
        )


# ----------------------------------------------------------------------------- CoNLL04 by rule


def conll04() -> Any:
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "conll04.py"
    spec = importlib.util.spec_from_file_location("conll04_benchmark", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


RECORDS = [
    {
        "tokens": "Ann Vale works for Quimby Ltd .".split(),
        "entities": [{"start": 0, "end": 2}, {"start": 4, "end": 6}],
        "relations": [{"type": "Work_For", "head": 0, "tail": 1}],
    },
    {
        "tokens": "Tom Pell lives in Oslo .".split(),
        "entities": [{"start": 0, "end": 2}, {"start": 4, "end": 5}],
        "relations": [],
    },
]


def test_conll04_rule_counts() -> None:
    bench = conll04()
    predicted = [
        {("Work_For", "Ann Vale", "Quimby Ltd"): {"verb.work", "prep.for"}},
        {("Live_In", "Tom Pell", "Oslo"): {"verb.work"}, ("Kill", "Tom Pell", "Oslo"): {"x"}},
    ]
    assert bench.rule_counts(RECORDS, predicted) == {
        "prep.for": (1, 0),
        "verb.work": (1, 1),
        "x": (0, 1),
    }


def test_conll04_by_rule_table(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bench = conll04()
    split = tmp_path / "split.json"
    split.write_text(json.dumps(RECORDS), encoding="utf-8")
    assert bench.main([str(split), "--by-rule"]) == 0
    out = capsys.readouterr().out.splitlines()
    micro_row = next(line for line in out if line.startswith("micro"))
    tp, fp = (int(v) for v in micro_row.split()[4:6])
    table = out[out.index("") + 1 :]
    assert table[0].split() == ["rule", "tp", "fp", "precision"]
    rows = [line.split() for line in table[1:]]
    assert rows and all(len(r) == 4 for r in rows)
    # every predicted triple comes from at least one rule
    assert sum(int(r[1]) for r in rows) >= tp and sum(int(r[2]) for r in rows) >= fp
    assert sum(int(r[1]) + int(r[2]) for r in rows) >= tp + fp > 0
