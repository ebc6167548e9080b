"""The explorer page in a real headless Chromium (Debian's ``chromium``, driven by Playwright).

Playwright uses the system browser (``executable_path``): no browser is downloaded. Without
/usr/bin/chromium (``make browser`` installs it) or without the ``playwright`` package, these
tests skip and say why. The example test also saves a screenshot to
``exports/taliban-twitter-threads.png``.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kg.analysis.explorer import render_html
from kg.analysis.netx import to_networkx
from kg.graph.model import Document, Entity, KnowledgeGraph, Mention, Relation, Sentence
from kg.graph.rdf import to_graph

CHROMIUM = Path("/usr/bin/chromium")
ROOT = Path(__file__).resolve().parents[1]
ARTICLE = Path(__file__).parent / "fixtures" / "taliban-twitter-threads.txt"
SCREENSHOT = ROOT / "exports" / "taliban-twitter-threads.png"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's chromium (make browser) to run the browser tests",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Page:
    """A loaded explorer page and every console error or uncaught exception it raised."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        started = time.perf_counter()
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgExplorer !== undefined", timeout=120_000)
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        self.load_seconds = time.perf_counter() - started

    def evaluate(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def counts(self) -> tuple[int, int, int, int]:
        """Nodes and edges in the graph, then those sigma draws (its reduced display data,
        after the next frame is painted)."""
        return tuple(  # type: ignore[return-value]
            self.evaluate(
                "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() =>"
                " r(kgExplorer.counts()))))"
            )
        )

    def settle(self) -> None:
        """Wait for the camera's animation (250 ms) and the next frames."""
        self.page.wait_for_timeout(400)
        self.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")

    def click_element(self, key: str) -> None:
        """A real mouse click on the drawn node (its centre) or edge (its midpoint)."""
        self.settle()
        x, y = self.evaluate("key => kgExplorer.screenPosition(key)", key)
        self.page.mouse.click(x, y)

    def details(self) -> str:
        return str(self.page.inner_text("#kg-details"))

    def search(self, text: str) -> str:
        self.page.fill("#kg-search", text)
        self.page.press("#kg-search", "Enter")
        return str(self.evaluate("kgExplorer.selected()"))

    def close(self) -> None:
        self.page.close()


def open_page(browser: Any, graph: Any, tmp_path: Path, title: str = "graph") -> Page:
    path = tmp_path / "graph.html"
    path.write_text(render_html(graph, title), encoding="utf-8")
    return Page(browser, path)


@pytest.fixture(scope="module")
def example_graph() -> Any:
    from kg.io.readers import read_documents
    from kg.pipeline import BuildOptions, build_graph

    return to_graph(build_graph(read_documents([str(ARTICLE)]), BuildOptions()))


def test_example_page_draws_the_whole_graph_and_shows_evidence(
    browser: Any, example_graph: Any, tmp_path: Path
) -> None:
    G = to_networkx(example_graph)
    page = open_page(browser, example_graph, tmp_path, "taliban-twitter-threads")
    try:
        nodes, edges, visible_nodes, visible_edges = page.counts()
        assert (nodes, edges) == (len(G), G.number_of_edges())
        assert (visible_nodes, visible_edges) == (nodes, edges)
        assert G.number_of_edges() > 5

        # an alias that names one entity only focuses that entity
        names: dict[str, set[str]] = {}
        for n, attrs in G.nodes(data=True):
            for name in [attrs["label"], *attrs["aliases"].split("|")]:
                names.setdefault(name.lower(), set()).add(n)
        hub = max(G, key=lambda n: (G.degree(n), n))
        alias, target = next(
            (a, n)
            for n in sorted(G, key=lambda n: (-G.degree(n), n))
            for a in G.nodes[n]["aliases"].split("|")
            if a and names[a.lower()] == {n}
        )
        assert page.search(alias) == target

        # a click on the best-connected entity lists its facts with their sentences
        page.page.click("#kg-reset")  # the whole graph again, nothing selected
        page.click_element(hub)
        text = page.details()
        assert G.nodes[hub]["label"] in text
        sentences = {s for _, _, d in G.edges(hub, data=True) for s in d["sentences"].split("\n")}
        sentences |= {
            s for _, _, d in G.in_edges(hub, data=True) for s in d["sentences"].split("\n")
        }
        assert sentences and all(s in text for s in sentences)
        assert f"Facts ({G.degree(hub)})" in text

        if SCREENSHOT.parent.is_dir():
            page.page.screenshot(path=str(SCREENSHOT))
        assert page.errors == []
    finally:
        page.close()


# --- a hand-made graph: aliases, filters, edges -------------------------------------------------

TEXT = (
    "Acme banned Bob Smith.\n"
    "Bob Smith joined Globex.\n"
    "Globex is based in Paris.\n"
    "Dana Scully works for Acme.\n"
)


def small_kg() -> KnowledgeGraph:
    doc = "news/acme.txt"
    entities = {
        "Acme": Entity("acme", "Acme", "Organization", ("Acme Corporation",)),
        "Bob Smith": Entity("bob-smith", "Bob Smith", "Person", ("Smith", "Bobby")),
        "Globex": Entity("globex", "Globex", "Organization"),
        "Paris": Entity("paris", "Paris", "Place", ("City of Light",)),
        "Dana Scully": Entity("dana-scully", "Dana Scully", "Person", ("Scully",)),
    }
    facts = [
        ("Acme", "banned", "Bob Smith", "Acme banned Bob Smith."),
        ("Bob Smith", "memberOf", "Globex", "Bob Smith joined Globex."),
        ("Globex", "basedIn", "Paris", "Globex is based in Paris."),
        ("Dana Scully", "worksFor", "Acme", "Dana Scully works for Acme."),
    ]
    sentences, relations = [], []
    for subj, pred, obj, text in facts:
        start = TEXT.index(text)
        sentence = Sentence(doc, start, start + len(text), text)
        sentences.append(sentence)
        mentions = []
        for name in (subj, obj):
            at = TEXT.index(name, start)
            e = entities[name]
            mentions.append(Mention(doc, at, at + len(name), name, e.type, entity=e.id))
        relations.append(Relation(mentions[0], pred, mentions[1], sentence, "test.v1", 0.9))
    return KnowledgeGraph(
        documents=(Document(doc, TEXT, title="Acme news"),),
        sentences=tuple(sentences),
        entities=tuple(entities.values()),
        relations=tuple(relations),
    )


@pytest.fixture
def small_page(browser: Any, tmp_path: Path) -> Iterator[Page]:
    page = open_page(browser, to_graph(small_kg()), tmp_path, "Acme")
    yield page
    assert page.errors == []
    page.close()


def test_search_by_alias_focuses_the_entity(small_page: Page) -> None:
    base = "http://example.org/kg/entity/"
    assert small_page.search("city of light") == base + "paris"
    assert "Globex is based in Paris." in small_page.details()
    assert small_page.search("Bobby") == base + "bob-smith"
    assert small_page.search("scul") == base + "dana-scully"  # a prefix of an alias
    results = small_page.page.inner_text("#kg-results")
    assert "Dana Scully" in results and "Paris" not in results
    small_page.settle()
    zoom = small_page.evaluate("kgExplorer.zoom()")
    assert zoom >= 1.29  # focused: zoomed in on it


def test_click_on_edge_shows_its_sentence(small_page: Page) -> None:
    edge = small_page.evaluate(
        "'e' + kgExplorer.data.edges.findIndex(e => e.predicate === 'basedIn')"
    )
    small_page.click_element(edge)
    text = small_page.details()
    assert text.startswith("basedIn") and "Globex is based in Paris." in text
    assert "Acme news" in text  # its source document


def test_filters_hide_types_and_relations(small_page: Page) -> None:
    assert small_page.counts()[2:] == (5, 4)
    small_page.page.get_by_label("Person").first.uncheck()
    assert small_page.counts()[2:] == (3, 1)  # Bob and Dana hidden, with their three facts
    assert "showing 3 and 1" in small_page.page.inner_text("#kg-counts")
    small_page.page.get_by_label("Person").first.check()
    small_page.page.click("#kg-relations-none")
    assert small_page.counts()[2:] == (5, 0)
    small_page.page.click("#kg-relations-all")
    assert small_page.counts()[2:] == (5, 4)


def test_filters_by_facts_confidence_and_isolation(small_page: Page) -> None:
    page = small_page.page
    assert not page.is_checked("#kg-hide-isolated")  # a small graph shows every entity
    page.fill("#kg-min-degree", "2")  # Acme, Bob Smith and Globex take part in two facts
    assert small_page.counts()[2:] == (3, 2)
    page.fill("#kg-min-degree", "0")
    page.fill("#kg-min-confidence", "0.95")  # every fact has 0.9: none is left
    assert small_page.counts()[2:] == (5, 0)
    assert page.inner_text("#kg-min-confidence-value") == "0.95"
    page.check("#kg-hide-isolated")  # ... and no entity either
    assert small_page.counts()[2:] == (0, 0)
    page.fill("#kg-min-confidence", "0")
    assert small_page.counts()[2:] == (5, 4)


def test_ego_view_shows_the_neighbourhood_up_to_three_steps(small_page: Page) -> None:
    paris = "http://example.org/kg/entity/paris"
    for depth, shown in ((1, (2, 1)), (2, (3, 2)), (3, (4, 3))):
        assert small_page.evaluate(f"kgExplorer.showEgo('{paris}', {depth})") == shown[0]
        assert small_page.counts()[2:] == shown
    small_page.page.click("#kg-reset")
    assert small_page.counts()[2:] == (5, 4)
    # from the page: select an entity, choose the depth, show only that
    assert small_page.search("Globex") == "http://example.org/kg/entity/globex"
    small_page.page.select_option("#kg-ego-depth", "1")
    small_page.page.click("#kg-ego")
    assert small_page.counts()[2:] == (3, 2)  # Globex, Bob Smith, Paris


def test_search_prefers_the_connected_entity_and_the_header_counts_every_document(
    browser: Any, tmp_path: Path
) -> None:
    from dataclasses import replace

    kg = small_kg()
    stray = Entity("smith", "Smith", "Person")  # a lone mention, no fact
    quiet = Document("news/other.txt", "Nothing happened today.", title="A quiet day")
    kg = replace(kg, entities=(*kg.entities, stray), documents=(*kg.documents, quiet))
    page = open_page(browser, to_graph(kg), tmp_path, "Acme")
    try:
        # "Smith" is the stray entity's whole label and Bob Smith's alias: Bob has the facts
        assert page.search("Smith") == "http://example.org/kg/entity/bob-smith"
        assert "2 source documents" in page.page.inner_text("#kg-counts")
        assert page.errors == []
    finally:
        page.close()


def test_article_view_marks_entities_and_puts_facts_after_their_sentence(
    small_page: Page,
) -> None:
    edge = small_page.evaluate(
        "'e' + kgExplorer.data.edges.findIndex(e => e.predicate === 'basedIn')"
    )
    small_page.click_element(edge)
    small_page.page.click("#kg-details .kg-read")
    text = small_page.details()
    assert text.startswith("Acme news")
    assert "8 mentions of 5 entities \u00b7 4 sentences with facts" in text
    assert TEXT.strip().splitlines()[0] in text
    marks = small_page.evaluate(
        "[...document.querySelectorAll('#kg-details mark.kg-mention')]"
        ".map(m => m.textContent + '=' + m.dataset.entity.split('/').pop())"
    )
    assert marks == [
        "Acme=acme",
        "Bob Smith=bob-smith",
        "Bob Smith=bob-smith",
        "Globex=globex",
        "Globex=globex",
        "Paris=paris",
        "Dana Scully=dana-scully",
        "Acme=acme",
    ]
    sentences = small_page.evaluate(
        "[...document.querySelectorAll('#kg-details .kg-fact-sentence')].map(s => s.textContent)"
    )
    assert sentences == [line for line in TEXT.splitlines() if line]
    facts = small_page.evaluate(
        "[...document.querySelectorAll('#kg-details .kg-article-facts')].map(f => f.textContent)"
    )
    assert facts[2].startswith("Globex basedIn Paris")
    small_page.page.click("#kg-details mark[data-entity$='/paris']")  # a mark focuses its entity
    assert small_page.details().startswith("Paris")


def test_colour_by_community_changes_legend(small_page: Page) -> None:
    assert "Person" in small_page.page.inner_text("#kg-legend")
    small_page.page.check("input[value=community]")
    legend = small_page.page.inner_text("#kg-legend")
    assert "community 1" in legend and "Person" not in legend


#: True when two of the labels drawn overlap (their boxes on screen, as the page measures them).
OVERLAPS = """(() => {
  const k = kgExplorer, ctx = document.createElement('canvas').getContext('2d');
  ctx.font = "600 13px system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif";
  const view = document.getElementById('kg-graph').getBoundingClientRect();
  const boxes = k.labelsShown().map(id => {
    const n = k.data.nodes.find(m => m.id === id), [x, y] = k.screenPosition(id);
    const left = x + k.renderer.scaleSize(k.renderer.getNodeDisplayData(id).size) + 3;
    return [left, y - 6, left + ctx.measureText(n.label).width, y + 6];
  }).filter(b => b[2] > view.left && b[0] < view.right && b[3] > view.top && b[1] < view.bottom);
  return boxes.some((a, i) => boxes.some((b, j) => j > i && a[0] < b[2] && b[0] < a[2]
    && a[1] < b[3] && b[1] < a[3]));
})()"""

# --- 2,000 entities --------------------------------------------------------------------------


def synthetic_kg(entities: int = 2000, facts: int = 3000, seed: int = 7) -> KnowledgeGraph:
    """A random news-like graph: preferential attachment, a few isolated entities."""
    rng = random.Random(seed)
    types = ["Person", "Organization", "Place", "Product", "Event", "Group"]
    predicates = ["memberOf", "worksFor", "basedIn", "allyOf", "met", "praised", "visited"]
    ents = [Entity(f"e{i}", f"Entity {i}", types[i % len(types)]) for i in range(entities)]
    pairs: set[tuple[int, int]] = set()
    targets = [0]
    while len(pairs) < facts:
        a = rng.randrange(1, entities - 20)
        b = rng.choice(targets) if rng.random() < 0.7 else rng.randrange(entities - 20)
        if a != b and (a, b) not in pairs:
            pairs.add((a, b))
            targets += [a, b]
    lines, relations, sentences = [], [], []
    offset = 0
    doc = "synthetic"
    for a, b in sorted(pairs):
        pred = predicates[(a * 31 + b) % len(predicates)]
        text = f"Entity {a} {pred} Entity {b}."
        sentence = Sentence(doc, offset, offset + len(text), text)
        subj = Mention(doc, offset, offset + len(f"Entity {a}"), f"Entity {a}", "", entity=f"e{a}")
        at = offset + text.index(f"Entity {b}", len(f"Entity {a}"))
        obj = Mention(doc, at, at + len(f"Entity {b}"), f"Entity {b}", "", entity=f"e{b}")
        relations.append(Relation(subj, pred, obj, sentence, "test.v1", 0.7, open=pred == "met"))
        sentences.append(sentence)
        lines.append(text)
        offset += len(text) + 1
    return KnowledgeGraph(
        documents=(Document(doc, "\n".join(lines)),),
        sentences=tuple(sentences),
        entities=tuple(ents),
        relations=tuple(relations),
    )


def test_two_thousand_entities_render_and_load(browser: Any, tmp_path: Path) -> None:
    graph = to_graph(synthetic_kg())
    G = to_networkx(graph)
    started = time.perf_counter()
    path = tmp_path / "big.html"
    path.write_text(render_html(graph, "synthetic"), encoding="utf-8")
    render_seconds = time.perf_counter() - started
    page = Page(browser, path)
    try:
        assert page.counts()[:2] == (len(G), G.number_of_edges()) == (2000, 3000)
        # an archive's entities without facts are hidden from the start
        linked = sum(1 for n in G if G.degree(n))
        assert linked < len(G) and page.counts()[2] == linked
        assert page.page.is_checked("#kg-hide-isolated")
        # labels by importance at every zoom: the best-connected entity keeps its label however
        # far one zooms out, labels appear as one zooms in, and no two labels overlap
        hub = max(G, key=lambda n: (G.degree(n), n))
        assert page.evaluate("kgExplorer.major().length") == 30
        for factor, least in ((1, 20), (8, 1), (1 / 64, 5), (8, 20)):  # 8 times out, then in
            page.evaluate(
                "f => kgExplorer.renderer.getCamera().setState({ ratio: "
                "kgExplorer.renderer.getCamera().ratio * f })",
                factor,
            )
            page.settle()
            labels = page.evaluate("kgExplorer.labelsShown()")
            assert len(labels) >= least and (factor < 1 or hub in labels)
            assert not page.evaluate(OVERLAPS), factor
        # interactive: a drag pans the view, a filter redraws at once
        before = page.evaluate("kgExplorer.renderer.getCamera().getState()")
        page.page.mouse.move(700, 450)
        page.page.mouse.down()
        page.page.mouse.move(800, 500, steps=5)
        page.page.mouse.up()
        page.settle()
        after = page.evaluate("kgExplorer.renderer.getCamera().getState()")
        assert (after["x"], after["y"]) != (before["x"], before["y"])
        started = time.perf_counter()
        page.page.fill("#kg-min-degree", "3")
        filtered = page.counts()
        filter_seconds = time.perf_counter() - started
        assert filtered[2] == sum(1 for n in G if G.degree(n) >= 3)
        page.page.fill("#kg-min-degree", "0")
        assert page.search("Entity 1234") == "http://example.org/kg/entity/e1234"
        page.page.click("#kg-reset")  # an animated zoom out from the entity: labels placed again
        page.page.wait_for_timeout(600)
        page.settle()
        assert hub in page.evaluate("kgExplorer.labelsShown()")
        assert not page.evaluate(OVERLAPS)
        assert page.errors == []
    finally:
        page.close()
    print(  # shown with pytest -s: the figures the README quotes
        f"\n2,000 entities, 3,000 facts: render_html {render_seconds:.1f} s, "
        f"{path.stat().st_size / 1e6:.1f} MB, page load {page.load_seconds:.1f} s, "
        f"filter {filter_seconds:.2f} s"
    )
    assert page.load_seconds < 60  # generous: about 1-2 s on a 2-core machine
