"""kg.analysis.explorer: the self-contained HTML page (its markup, inlined data, escaping,
determinism).

The page itself is driven in a real browser by tests/test_browser.py.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from rdflib import Graph

from kg.analysis import explorer
from kg.analysis.netx import to_networkx
from kg.graph.model import Document, Entity, KnowledgeGraph, Mention, Quotation, Relation, Sentence
from kg.graph.rdf import to_graph

WIKIDATA = "http://www.wikidata.org/entity/Q95"

#: (subject, type, predicate, object, type, sentence); the subject and object are in the sentence.
FACTS = [
    ("Acme", "Organization", "banned", "Bob Smith", "Person", "Acme banned Bob Smith."),
    ("Bob Smith", "Person", "memberOf", "Globex", "Organization", "Bob Smith joined Globex."),
    ("Globex", "Organization", "basedIn", "Paris", "Place", "Globex is based in Paris."),
    ("Acme", "Organization", "rivalOf", "Globex", "Organization", "Acme is a rival of Globex."),
    ("Carol Jones", "Person", "leaderOf", "Initech", "Organization", "Carol Jones leads Initech."),
]
ALIASES = {"Bob Smith": ("Smith", "Bobby"), "Acme": ("Acme Corp",)}


def slug(label: str) -> str:
    return label.lower().replace(" ", "-").replace("<", "").replace("/", "").replace(">", "")


def facts_kg(
    facts: list[tuple[str, str, str, str, str, str]] = FACTS,
    aliases: dict[str, tuple[str, ...]] = ALIASES,
    lone: tuple[tuple[str, str], ...] = (("Umbrella", "Organization"),),
    doc_id: str = "news/acme.txt",
    title: str = "Acme news",
) -> KnowledgeGraph:
    """A KnowledgeGraph of one document whose text is the facts' sentences, one per line."""
    text = "\n".join(f[5] for f in facts) + "\n" + "\n".join(f"{name} exists." for name, _ in lone)
    sentences, relations = [], []
    entities: dict[str, Entity] = {}
    offset = 0
    for subj, stype, pred, obj, otype, sentence_text in facts:
        start = text.index(sentence_text, offset)
        sentence = Sentence(doc_id, start, start + len(sentence_text), sentence_text)
        offset = sentence.end
        sentences.append(sentence)
        mentions = []
        for name, type_ in ((subj, stype), (obj, otype)):
            at = text.index(name, sentence.start)
            mentions.append(Mention(doc_id, at, at + len(name), name, type_, entity=slug(name)))
            same_as = (WIKIDATA,) if name == "Google" else ()
            entities.setdefault(
                name,
                Entity(slug(name), name, type_, aliases.get(name, ()), (doc_id,), 1, same_as),
            )
        relations.append(Relation(mentions[0], pred, mentions[1], sentence, "test.v1", 0.8))
    for name, type_ in lone:
        entities[name] = Entity(slug(name), name, type_, (), (doc_id,), 1)
    return KnowledgeGraph(
        documents=(Document(doc_id, text, title=title, url="https://news.example/acme"),),
        sentences=tuple(sentences),
        entities=tuple(entities.values()),
        relations=tuple(relations),
    )


@pytest.fixture(scope="module")
def graph() -> Graph:
    return to_graph(facts_kg())


@pytest.fixture(scope="module")
def page(graph: Graph) -> str:
    return explorer.render_html(graph, "Acme & friends")


def page_data(page: str) -> dict:
    soup = BeautifulSoup(page, "html.parser")
    return json.loads(soup.find("script", id="kg-data").string)


def test_page_is_one_self_contained_html_document(page: str) -> None:
    soup = BeautifulSoup(page, "html.parser")
    assert page.startswith("<!DOCTYPE html>")
    assert soup.title.string == "Acme & friends"
    assert soup.find("h1").string == "Acme & friends"
    scripts = soup.find_all("script")
    assert len(scripts) == 4  # graphology, sigma.js, the data, the page's script
    assert not [s for s in scripts if s.get("src")]  # all inline: no CDN, no network
    assert not soup.find_all("link") and "http-equiv" in page
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert "default-src 'none'" in csp
    assert "graphology" in scripts[0].string and "Sigma" in scripts[1].string
    assert "kgExplorer" in scripts[3].string
    for element in ("kg-graph", "kg-search", "kg-legend", "kg-details", "kg-type-filters"):
        assert soup.find(id=element) is not None, element


def test_data_has_every_entity_and_fact_with_evidence(graph: Graph, page: str) -> None:
    G = to_networkx(graph)
    data = page_data(page)
    assert len(data["nodes"]) == len(G) == 7
    assert len(data["edges"]) == G.number_of_edges() == 5
    nodes = {n["id"].rsplit("/", 1)[-1]: n for n in data["nodes"]}
    bob = nodes["bob-smith"]
    assert bob["label"] == "Bob Smith" and bob["type"] == "Person"
    assert sorted(bob["aliases"]) == ["Bobby", "Smith"]
    assert nodes["umbrella"]["degree"] == 0
    assert {"pagerank", "community", "size", "x", "y"} <= set(bob)
    banned = next(e for e in data["edges"] if e["predicate"] == "banned")
    assert banned["source"].endswith("/acme") and banned["target"].endswith("/bob-smith")
    assert banned["open"] is False and banned["confidence"] == 0.8
    [evidence] = banned["evidence"]
    assert evidence["sentence"] == "Acme banned Bob Smith."
    doc = data["documents"][evidence["document"]]
    assert (doc["title"], doc["url"]) == ("Acme news", "https://news.example/acme")
    assert doc["text"].startswith("Acme banned Bob Smith.")  # for the article view
    assert "http://example.org/kg/entity/acme" in doc["entities"]
    assert {r["name"] for r in data["relations"]} == {f[2] for f in FACTS}
    assert [t["name"] for t in data["types"]][:3] == ["Person", "Organization", "Place"]


def test_measures_agree_with_kg_analyze(graph: Graph, page: str) -> None:
    from kg.analysis.measures import community_numbers, pagerank

    G = to_networkx(graph)
    data = page_data(page)
    pr = pagerank(G)
    communities = community_numbers(G, seed=explorer.SEED)
    for node in data["nodes"]:
        assert node["pagerank"] == round(pr[node["id"]], 6)
        assert node["community"] == communities[node["id"]]
    # the most central entity is drawn largest
    largest = max(data["nodes"], key=lambda n: n["size"])
    assert largest["pagerank"] == max(n["pagerank"] for n in data["nodes"])
    assert sum(data["communities"]["sizes"]) == len(data["nodes"])


def test_same_as_links_and_quotations() -> None:
    facts = [("Google", "Organization", "owns", "YouTube", "Product", "Google owns YouTube.")]
    kg = facts_kg(facts, {}, ())
    text = kg.documents[0].text + '\n"We are proud," said Google.'
    doc = Document(kg.documents[0].id, text, title="Tech")
    start = text.index('"We are proud," said Google.')
    sentence = Sentence(doc.id, start, len(text), text[start:])
    speaker_at = text.index("Google", start)
    speaker = Mention(doc.id, speaker_at, speaker_at + 6, "Google", "Organization", entity="google")
    quote = Quotation(doc.id, start + 1, start + 14, "We are proud,", sentence, speaker)
    kg = KnowledgeGraph(
        documents=(doc,),
        sentences=kg.sentences + (sentence,),
        entities=kg.entities,
        relations=kg.relations,
        quotations=(quote,),
    )
    data = explorer.graph_data(to_graph(kg), "t")
    google = next(n for n in data["nodes"] if n["label"] == "Google")
    assert google["same_as"] == [WIKIDATA]
    [q] = google["quotes"]
    assert q["text"] == "We are proud," and q["sentence"] == '"We are proud," said Google.'
    assert data["documents"][q["document"]]["title"] == "Tech"


def test_script_breaking_label_is_escaped() -> None:
    evil = "</script><script>alert(1)</script><!--"
    facts = [
        (evil, "Person", "memberOf", "Globex & Co", "Organization", f"{evil} joined Globex & Co.")
    ]
    page = explorer.render_html(to_graph(facts_kg(facts, {}, ())), f"Title {evil}")
    assert page.count("</script>") == 4  # only the page's own four script elements end
    assert "<!--" not in page and "alert(1)</script>" not in page
    soup = BeautifulSoup(page, "html.parser")
    assert soup.title.string == f"Title {evil}"
    assert len(soup.find_all("script")) == 4
    labels = {n["label"] for n in page_data(page)["nodes"]}
    assert labels == {evil, "Globex & Co"}


def test_script_json_escapes_markup() -> None:
    text = explorer.script_json({"a": "<b>&</b>\u2028"})
    assert not set("<>&\u2028") & set(text)
    assert json.loads(text) == {"a": "<b>&</b>\u2028"}


@pytest.mark.parametrize(
    ("library", "licence", "marker"),
    [
        ("sigma.min.js", "sigma.LICENSE", "Alexis Jacomy"),
        ("graphology.umd.min.js", "graphology.LICENSE", "Guillaume Plique"),
    ],
)
def test_vendored_libraries_can_be_inlined_and_are_licensed(
    library: str, licence: str, marker: str
) -> None:
    assets = Path(explorer.__file__).parents[1] / "assets"
    code = (assets / library).read_text(encoding="utf-8")
    assert "</script" not in code.lower() and "<!--" not in code
    assert "Permission is hereby granted" in (assets / licence).read_text()
    assert marker in (assets / licence).read_text()
    page = explorer.render_html(Graph(), "x")
    assert code in page
    assert f"sigma.js {explorer.SIGMA_VERSION}, graphology {explorer.GRAPHOLOGY_VERSION}" in page


def test_layout_places_every_entity_apart(graph: Graph, page: str) -> None:
    data = page_data(page)
    points = {(n["x"], n["y"]) for n in data["nodes"]}
    assert len(points) == len(data["nodes"])
    nodes = {n["id"].rsplit("/", 1)[-1]: n for n in data["nodes"]}

    def distance(a: str, b: str) -> float:
        return float(
            ((nodes[a]["x"] - nodes[b]["x"]) ** 2 + (nodes[a]["y"] - nodes[b]["y"]) ** 2) ** 0.5
        )

    # neighbours are drawn near each other, and well apart from a separate component
    assert distance("acme", "bob-smith") < distance("acme", "carol-jones")
    assert distance("carol-jones", "initech") < distance("carol-jones", "paris")
    assert min(distance(a, b) for a in nodes for b in nodes if a < b) > 20


def test_empty_graph_renders() -> None:
    data = page_data(explorer.render_html(Graph(), "empty"))
    assert data["nodes"] == [] and data["edges"] == []


def test_same_graph_same_bytes_across_processes(tmp_path: Path, page: str) -> None:
    path = tmp_path / "g.ttl"
    to_graph(facts_kg()).serialize(path, format="turtle")
    code = (
        "import sys; from kg.graph.graphio import load_graph; "
        "from kg.analysis.explorer import render_html; "
        "sys.stdout.write(render_html(load_graph(sys.argv[1]), 'Acme & friends'))"
    )
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-c", code, str(path)], capture_output=True, env=env, check=True
        )
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    assert outputs[0].decode("utf-8") == page


def test_kg_export_html_writes_the_page(tmp_path: Path, graph: Graph, page: str) -> None:
    from click.testing import CliRunner

    from kg.cli import cli

    source = tmp_path / "acme.ttl"
    graph.serialize(source, format="turtle")
    out = tmp_path / "acme.html"
    runner = CliRunner()
    result = runner.invoke(
        cli, ["export", str(source), "-o", str(out), "--title", "Acme & friends"]
    )
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == page
    assert f"-> {out}" in result.output
    result = runner.invoke(cli, ["export", str(source), "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2 and ".html" in result.output
    result = runner.invoke(cli, ["export", str(tmp_path / "missing.ttl"), "-o", str(out)])
    assert result.exit_code == 1 and "no such graph file" in result.output
    help_text = runner.invoke(cli, ["export", "--help"]).output
    assert "Example" in help_text and "kg export article.ttl -o article.html" in help_text


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x"])
def test_only_http_links_become_a_documents_source_link(url: str) -> None:
    facts = [
        (
            "Acme Corp",
            "Organization",
            "banned",
            "Bob Smith",
            "Person",
            "Acme Corp banned Bob Smith.",
        )
    ]
    kg = facts_kg(facts, {}, ())
    doc = Document(kg.documents[0].id, kg.documents[0].text, title="T", url=url)
    kg = KnowledgeGraph((doc,), kg.sentences, kg.entities, kg.relations, kg.quotations)
    data = explorer.graph_data(to_graph(kg), "t")
    assert [d["url"] for d in data["documents"].values()] == [""]
    assert "alert(1)" not in explorer.render_html(to_graph(kg), "t")
    safe = Document(doc.id, doc.text, title="T", url="https://example.org/a")
    kg = KnowledgeGraph((safe,), kg.sentences, kg.entities, kg.relations, kg.quotations)
    data = explorer.graph_data(to_graph(kg), "t")
    assert [d["url"] for d in data["documents"].values()] == ["https://example.org/a"]


def test_large_layout_memory_grows_with_the_nodes_not_their_square() -> None:
    """From GRID_MIN_NODES on, repulsion comes from nearby cells only: 5,000 linked entities
    take a few MB (the all-pairs layout needed 300 MB of n x n arrays), same positions twice."""
    import random
    import tracemalloc

    import numpy as np

    from kg.analysis.explorer import GRID_MIN_NODES, force_layout

    n = 5_000
    assert n >= GRID_MIN_NODES
    rng = random.Random(3)
    edges = [(i, rng.randrange(i)) for i in range(1, n)]
    tracemalloc.start()
    try:
        pos = force_layout(n, edges)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 40e6, f"{peak / 1e6:.0f} MB"
    assert pos.shape == (n, 2) and np.isfinite(pos).all()
    assert np.array_equal(pos, force_layout(n, edges))
    # spread out, not collapsed: neighbours about one ideal distance apart, nodes not stacked
    a, b = np.array(edges).T
    lengths = np.sqrt(((pos[a] - pos[b]) ** 2).sum(axis=1))
    assert 0.3 < float(np.median(lengths)) < 10
    cells = {(int(x), int(y)) for x, y in np.floor(pos / 0.5)}
    assert len(cells) > n * 0.7
