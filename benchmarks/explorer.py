"""The explorer on a big graph: page size and time to write it, first drawing and interaction in
headless Chromium, and the Python layout's time and memory up to 20,000 entities.

Usage: python benchmarks/explorer.py [--graph FILE ...] [--layout 1000,5000,20000]
       [--page-entities N] [--screenshots DIR] [--runs 3]

--graph FILE: a graph kg wrote (e.g. ``kg build bbc-500/ --jobs 2 --cache .kgcache -o
bbc500.trig``); its page is written with ``render_html`` (time, size; tracemalloc peak in a
second run), opened in Chromium ``--runs`` times (first drawing: from navigation to the second
frame after the page's script ran, the best and worst run), then the "at least 3 facts" filter
is applied, the view is dragged (pan) and a search is run, each timed to the next painted
frame. A screenshot of each page is saved in --screenshots.

--layout: synthetic news-like graphs (preferential attachment, 1.5 facts per entity, every
entity linked: one big component, the layout's worst case) laid out by
``kg.analysis.explorer.layout``:
wall and CPU time, and tracemalloc peak (in a second run). --page-entities N also writes the
page of a synthetic graph of N entities and opens it in Chromium.

Chromium is Debian's /usr/bin/chromium driven by Playwright (``make browser`` installs it);
without it the browser columns say so. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
NEXT_FRAME = "new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(0))))"


def synthetic_graph(entities: int, seed: int = 7) -> Any:
    """A networkx multigraph like a news archive's, every entity linked (one component)."""
    import networkx as nx

    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    G.add_nodes_from(str(i) for i in range(entities))
    targets = [0]
    for i in range(1, entities):
        for _ in range(2 if rng.random() < 0.5 else 1):
            j = rng.choice(targets) if rng.random() < 0.7 else rng.randrange(i)
            G.add_edge(str(i), str(j))
            targets += [i, j]
    return G


def measure_layout(entities: int) -> tuple[float, float, float, int]:
    """Wall and CPU seconds of :func:`kg.analysis.explorer.layout` (on a shared machine the CPU
    time is
    the steadier figure), then its tracemalloc peak (MB) in a second run (tracing slows it
    down); number of facts."""
    from kg.analysis.explorer import layout

    G = synthetic_graph(entities)
    started, cpu = time.perf_counter(), time.process_time()
    layout(G)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    tracemalloc.start()
    layout(G)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, cpu, peak, G.number_of_edges()


def write_page(graph: Any, title: str, path: Path) -> tuple[float, float, float]:
    """Write the page: wall and CPU seconds, then the tracemalloc peak (MB) of a second run."""
    from kg.analysis.explorer import render_html

    started, cpu = time.perf_counter(), time.process_time()
    path.write_text(render_html(graph, title), encoding="utf-8")
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    tracemalloc.start()
    render_html(graph, title)
    peak = tracemalloc.get_traced_memory()[1] / 1e6
    tracemalloc.stop()
    return seconds, cpu, peak


def in_browser(browser: Any, path: Path, runs: int, screenshot: Path | None) -> dict[str, Any]:
    """First drawing (best and worst of ``runs``), then filter, pan and search on the last."""
    loads, setups = [], []
    result: dict[str, Any] = {}
    for run in range(runs):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda exc, errors=errors: errors.append(str(exc)))
        requests: list[str] = []
        page.on("request", lambda r, requests=requests: requests.append(r.url))
        started = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.kgExplorer !== undefined", timeout=120_000)
        page.evaluate(NEXT_FRAME)
        loads.append(time.perf_counter() - started)
        setups.append(page.evaluate("kgExplorer.setupMilliseconds") / 1000)
        if run < runs - 1:
            page.close()
            continue
        counts = page.evaluate("kgExplorer.counts()")
        result["shown"] = f"{counts[2]:,} of {counts[0]:,} entities, {counts[3]:,} facts"
        started = time.perf_counter()
        page.fill("#kg-min-degree", "3")
        page.evaluate(NEXT_FRAME)
        result["filter"] = time.perf_counter() - started
        result["filtered"] = page.evaluate("kgExplorer.counts()")[2]
        page.fill("#kg-min-degree", "0")
        page.evaluate(NEXT_FRAME)
        before = page.evaluate("kgExplorer.renderer.getCamera().getState()")
        started = time.perf_counter()
        page.mouse.move(700, 450)
        page.mouse.down()
        page.mouse.move(900, 550, steps=10)
        page.mouse.up()
        page.evaluate(NEXT_FRAME)
        result["pan"] = (time.perf_counter() - started) / 10
        after = page.evaluate("kgExplorer.renderer.getCamera().getState()")
        result["panned"] = (after["x"], after["y"]) != (before["x"], before["y"])
        hub = page.evaluate(
            "kgExplorer.data.nodes.reduce((a, b) => b.degree > a.degree ? b : a).label"
        )
        started = time.perf_counter()
        page.fill("#kg-search", hub)
        page.press("#kg-search", "Enter")
        page.evaluate(NEXT_FRAME)
        result["search"] = time.perf_counter() - started
        page.wait_for_timeout(400)
        if screenshot is not None:
            page.evaluate("kgExplorer.reset()")
            page.wait_for_timeout(1000)  # the camera's animation, then the labels placed
            page.screenshot(path=str(screenshot))
        result["errors"] = errors
        result["network"] = [u for u in requests if not u.startswith("file:")]
        page.close()
    result["load"] = (min(loads), max(loads))
    result["setup"] = (min(setups), max(setups))
    return result


def browser_rows(pages: list[tuple[str, Path]], runs: int, shots: Path | None) -> list[str]:
    if not CHROMIUM.exists():
        missing = f"{CHROMIUM} is missing: no browser figures"
        return [f"| {name} | {missing} | | | | | |" for name, _ in pages]
    from playwright.sync_api import sync_playwright

    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for name, path in pages:
            shot = shots / f"{path.stem}.png" if shots else None
            r = in_browser(browser, path, runs, shot)
            rows.append(
                f"| {name} | {r['load'][0]:.1f}-{r['load'][1]:.1f} s "
                f"(script {r['setup'][0]:.2f}-{r['setup'][1]:.2f} s) | {r['shown']} | "
                f"{r['filter']:.2f} s ({r['filtered']:,} left) | "
                f"{r['pan'] * 1000:.0f} ms/step{'' if r['panned'] else ' (did not move)'} | "
                f"{r['search']:.2f} s | {len(r['errors'])} errors, "
                f"{len(r['network'])} network requests |"
            )
        browser.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--graph", action="append", default=[], help="a graph kg wrote")
    parser.add_argument("--layout", default="1000,5000,20000", help="synthetic sizes to lay out")
    parser.add_argument("--page-entities", type=int, default=0, help="synthetic page of N")
    parser.add_argument("--screenshots", type=Path, help="folder for the pages' screenshots")
    parser.add_argument("--runs", type=int, default=3, help="page loads per page")
    args = parser.parse_args(argv)

    print("| layout of a synthetic graph | facts | wall time | CPU time | tracemalloc peak |")
    print("|---|---|---|---|---|")
    for size in [int(s) for s in args.layout.split(",") if s]:
        seconds, cpu, peak, facts = measure_layout(size)
        print(f"| {size:,} entities | {facts:,} | {seconds:.1f} s | {cpu:.1f} s | {peak:.0f} MB |")
    print()

    from kg.graph.graphio import load, union

    tmp = Path(tempfile.mkdtemp(prefix="kg-explorer-bench-"))
    pages: list[tuple[str, Path]] = []
    print("| page | write (render_html), wall | CPU | tracemalloc peak | size |")
    print("|---|---|---|---|---|")
    for name in args.graph:
        graph = union(load(name))
        path = tmp / (Path(name).stem + ".html")
        seconds, cpu, peak = write_page(graph, Path(name).stem, path)
        pages.append((Path(name).name, path))
        print(
            f"| {Path(name).name} | {seconds:.1f} s | {cpu:.1f} s | {peak:.0f} MB | "
            f"{path.stat().st_size / 1e6:.1f} MB |"
        )
    if args.page_entities:
        from kg.graph.rdf import to_graph

        sys.path.insert(0, str(ROOT / "tests"))
        from test_browser import synthetic_kg

        n = args.page_entities
        graph = to_graph(synthetic_kg(entities=n, facts=n * 3 // 2))
        path = tmp / f"synthetic-{n}.html"
        seconds, cpu, peak = write_page(graph, f"synthetic {n}", path)
        pages.append((f"synthetic {n:,}", path))
        print(
            f"| synthetic {n:,} | {seconds:.1f} s | {cpu:.1f} s | {peak:.0f} MB | "
            f"{path.stat().st_size / 1e6:.1f} MB |"
        )
    print()
    if pages:
        if args.screenshots:
            args.screenshots.mkdir(parents=True, exist_ok=True)
        print(
            "| page in Chromium | first drawing (best-worst) | shown | filter >= 3 facts | "
            "pan | search | errors |"
        )
        print("|---|---|---|---|---|---|---|")
        for row in browser_rows(pages, args.runs, args.screenshots):
            print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main())
