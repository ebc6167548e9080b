"""kg serve in a real headless Chromium: the query page (YASGUI) runs a query against the
endpoint and shows the rows; the explorer page is drawn from the served graph; neither page
asks anything of any host but the server (every other request is recorded and refused)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sparql_data import example_kg, write

from kg.query import sparql
from kg.query.server import SparqlServer, create

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is missing: install Debian's chromium (make browser) to run the browser tests",
        allow_module_level=True,
    )
sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright is not installed (pip install -e '.[dev]')"
)


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(example_kg(), tmp_path_factory.mktemp("serve-browser") / "example.trig")


@pytest.fixture(scope="module")
def server(graph: Path) -> Iterator[SparqlServer]:
    srv = create(sparql.load_files([graph]), "127.0.0.1", 0, quiet=True)
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


class Visit:
    """A page of the server, with its console errors and every request for another host."""

    def __init__(self, browser: Any, base: str, path: str) -> None:
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        self.page = browser.new_page(viewport={"width": 1300, "height": 900})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

        def route(r: Any) -> None:
            if r.request.url.startswith(base):
                r.continue_()
            else:
                self.elsewhere.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)
        self.page.goto(base + path)


def base_url(server: SparqlServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host!s}:{port}"


def test_query_page_runs_a_query_on_the_endpoint(
    browser: Any, server: SparqlServer, graph: Path, tmp_path: Path
) -> None:
    visit = Visit(browser, base_url(server), "/")
    page = visit.page
    try:
        page.wait_for_function("window.kgQueryPage !== undefined", timeout=60_000)
        endpoint = page.evaluate("kgQueryPage.getTab().getEndpoint()")
        assert endpoint == base_url(server) + "/sparql"
        start = page.evaluate("kgQueryPage.getTab().getYasqe().getValue()")
        assert start.startswith("PREFIX kgo: <https://w3id.org/kg/ontology#>")
        assert page.get_attribute("header nav a", "href") == "/explorer"
        query = "SELECT ?name WHERE { ?e a kgo:Person ; rdfs:label ?name } ORDER BY ?name"
        page.evaluate("q => { const y = kgQueryPage.getTab().getYasqe(); y.setValue(q); }", query)
        with page.expect_response(lambda r: r.url.endswith("/sparql")) as answer:
            page.evaluate("kgQueryPage.getTab().getYasqe().query()")
        assert answer.value.status == 200
        page.wait_for_selector(".yasr table.dataTable tbody tr", timeout=30_000)
        cells = page.inner_text(".yasr table.dataTable tbody")
        rows = sparql.run(sparql.load_files([graph]), query).rows  # type: ignore[union-attr]
        expected = [row[0].value for row in rows]
        assert expected and all(name in cells for name in expected)
        page.screenshot(path=str(tmp_path / "query-page.png"))
        assert visit.elsewhere == []
        assert visit.errors == []
    finally:
        page.close()


def test_explorer_page_is_drawn_from_the_served_graph(browser: Any, server: SparqlServer) -> None:
    visit = Visit(browser, base_url(server), "/explorer")
    page = visit.page
    try:
        page.wait_for_function("window.kgExplorer !== undefined", timeout=120_000)
        nodes = page.evaluate("kgExplorer.graph.order")
        from kg.analysis.netx import to_networkx
        from kg.graph.rdf import to_graph

        assert nodes == len(to_networkx(to_graph(example_kg())))
        assert visit.elsewhere == []
        assert visit.errors == []
    finally:
        page.close()
