"""How kg reads real news pages: article text, furniture, metadata and reading time.

Usage: python benchmarks/news_html.py [DATA_DIR] [--no-entities] [--show]

DATA_DIR (default ../shared/data/news-html) holds ``html/<key>.html.gz`` and
``ground-truth.json`` (``{key: {"articleBody": ..., "url": ...}}``); the script skips with a
message when it is absent. Each page is read as ``kg build page.html`` reads it (bytes ->
:func:`kg.io.readers.read_documents`), and, for comparison, as kg read every page before it had a
main-content extractor (:func:`kg.io.readers.html_to_text` on the whole page). Measures:

- article text precision / recall: 4-word shingles of the text kg reads against those of the
  true article body, as the Article Extraction Benchmark scores them (tokens are runs of word
  characters; shingles are counted as a multiset; per page, then averaged over pages); the
  document text starts with the headline, which the true text never has, so the same is also
  given without the text's first paragraph (:func:`without_headline`);
- furniture entities: entities kg's entity extractor finds whose name contains a word of page
  furniture (menus, share buttons, policies, sign-in, subscriptions) and is not in the true
  article text, summed over all pages (``--no-entities`` skips this, the slow part);
- date found: pages with a publication date in the document, among the pages that declare one
  (JSON-LD ``datePublished``/``dateCreated``, ``article:published_time`` and other meta tags,
  ``<time pubdate>``); and how many of those dates agree with the declared day;
- title without the site's suffix: the document title is not empty and no part of it, split at
  " | ", " - " and the like, names the site (its ``og:site_name``, ``application-name``, JSON-LD
  publisher or host name);
- reading time: median milliseconds per page to read it (decode, extract, metadata), measured
  on a second pass, spaCy parsing excluded; wall-clock, and the CPU time of the process (the
  same on a busy machine).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "data" / "news-html"

_TOKEN = re.compile(r"\w+")
FURNITURE = frozenset(
    """
    cookie cookies privacy policy policies subscribe subscription subscriptions subscriber
    newsletter newsletters sign login logout log register registration account share shares
    terms conditions advertise advertising advertisement ads contact menu navigation search
    copyright rights reserved sitemap rss faq help feedback careers follow like tweet email
    whatsapp pinterest linkedin comments comment skip content home homepage premium
    """.split()
)
_DECLARED_DATE = re.compile(
    r"""(?:"date(?:Published|Created)"\s*:\s*"[^"]{6,}"|"""
    r"""(?:property|name|itemprop)\s*=\s*["'](?:article:published_time|og:published_time|"""
    r"""datePublished|date|pubdate|publishdate|publish-date|dc\.date|dcterms\.created|"""
    r"""sailthru\.date|parsely-pub-date)["']|<time[^>]+pubdate)""",
    re.I,
)
_DATE_VALUE = re.compile(
    r""""date(?:Published|Created)"\s*:\s*"(\d{4}-\d{2}-\d{2})|"""
    r"""(?:article:published_time|datePublished)["'][^>]*?content\s*=\s*["'](\d{4}-\d{2}-\d{2})|"""
    r"""content\s*=\s*["'](\d{4}-\d{2}-\d{2})[^"']*["'][^>]*?"""
    r"""(?:article:published_time|datePublished)""",
    re.I,
)
_SITE_META = re.compile(
    r"""<meta[^>]+(?:property|name)\s*=\s*["'](?:og:site_name|application-name|"""
    r"""twitter:site|publisher)["'][^>]*?content\s*=\s*["']([^"']+)|"""
    r"""<meta[^>]+content\s*=\s*["']([^"']+)["'][^>]*?(?:property|name)\s*=\s*["']"""
    r"""(?:og:site_name|application-name)["']""",
    re.I,
)
_PUBLISHER = re.compile(r""""publisher"\s*:\s*\{[^}]*?"name"\s*:\s*"([^"]+)""", re.S)
_SEPARATOR = re.compile(
    r"\s+(?:[|\-\u2013\u2014:\u00b7\u2022\u00bb/]|::)\s+|\s*[|\u00b7\u2022\u00bb]\s*"
)


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)))


def precision_recall(true: str, pred: str) -> tuple[float, float]:
    t, p = shingles(true), shingles(pred)
    tp = sum((t & p).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    if fp == fn == 0:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall


def without_headline(text: str, title: str | None) -> str:
    """The article text without its first paragraph, the headline (the page's own ``<h1>``
    or its title), when the document has a title."""
    head, sep, rest = text.partition("\n\n")
    return rest if title and sep else text


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def site_names(markup: str, url: str) -> set[str]:
    from urllib.parse import urlsplit

    names = {_key(a or b) for a, b in _SITE_META.findall(markup[:200000])}
    names |= {_key(m) for m in _PUBLISHER.findall(markup[:500000])}
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    if host:
        names |= {_key(host), _key(host.split(".")[0])}
    return {n.lstrip("@") for n in names if len(n) >= 3}


def title_ok(title: str | None, sites: set[str]) -> bool:
    if not title:
        return False
    parts = [p for p in _SEPARATOR.split(title) if p.strip()]
    if len(parts) < 2:
        return True
    return not any(_key(p) in sites for p in (parts[0], parts[-1]))


def furniture_entities(texts: list[tuple[str, str]]) -> list[int]:
    """Per page, the furniture entities kg extracts from ``(text, true body)``."""
    from kg.graph.model import Document
    from kg.pipeline import BuildOptions, extract

    docs = [Document(id=f"p{i}", text=text) for i, (text, _) in enumerate(texts)]
    counts = [0] * len(texts)
    options = BuildOptions(extractors=("entities.v1",))
    for i, result in enumerate(extract(docs, options)):
        truth = texts[i][1]
        labels = {m.text for m in result.extraction.mentions if m.kind == "name"}
        for label in labels:
            words = {w.lower() for w in _TOKEN.findall(label)}
            if words & FURNITURE and label not in truth:
                counts[i] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("data", nargs="?", default=str(DEFAULT_DATA))
    parser.add_argument("--no-entities", action="store_true", help="skip the entity count")
    parser.add_argument("--show", action="store_true", help="print each page's figures")
    args = parser.parse_args(argv)
    data = Path(args.data)
    truth_path = data / "ground-truth.json"
    if not truth_path.is_file():
        print(f"news_html: no data at {data} (ground-truth.json missing): skipped")
        return 0
    import logging

    from kg.io.readers import html_to_text, read_documents, read_text_bytes

    logging.getLogger("kg").setLevel(logging.ERROR)
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    rows = []
    cpu: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for key in sorted(truth):
            raw = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
            path = Path(tmp) / f"{key[:12]}.html"
            path.write_bytes(raw)
            [doc] = read_documents([str(path)])  # first pass: imports, caches
            started, cpu_started = time.perf_counter(), time.process_time()
            [doc] = read_documents([str(path)])
            elapsed = time.perf_counter() - started
            cpu.append(time.process_time() - cpu_started)
            markup = read_text_bytes(raw, path.name)
            old_text, old_title = html_to_text(markup)
            rows.append((key, raw, markup, doc, elapsed, old_text, old_title))
    body = {key: truth[key].get("articleBody", "") for key in truth}
    results: dict[str, dict[str, list[float]]] = {"before": {}, "now": {}}
    for name in results:
        res = results[name]
        for key, _raw, _markup, doc, _elapsed, old_text, _old_title in rows:
            text = doc.text if name == "now" else old_text
            p, r = precision_recall(body[key], text)
            res.setdefault("precision", []).append(p)
            res.setdefault("recall", []).append(r)
            if name == "now":  # the body alone: the true text never has the headline
                p, r = precision_recall(body[key], without_headline(text, doc.title))
                res.setdefault("body_precision", []).append(p)
                res.setdefault("body_recall", []).append(r)
    declared = found = agrees = titles = 0
    for key, _raw, markup, doc, _elapsed, _old, old_title in rows:
        url = truth[key].get("url", "")
        if _DECLARED_DATE.search(markup):
            declared += 1
            if doc.date:
                found += 1
                values = {a or b or c for a, b, c in _DATE_VALUE.findall(markup)}
                if not values or doc.date[:10] in values:
                    agrees += 1
        sites = site_names(markup, url)
        titles += title_ok(doc.title, sites)
        results["before"].setdefault("title", []).append(float(title_ok(old_title, sites)))
        if args.show:
            p, r = precision_recall(body[key], doc.text)
            print(
                f"{key[:10]} P={p:.2f} R={r:.2f} date={doc.date} "
                f"title={doc.title!r} site={doc.site!r} authors={doc.authors} "
                f"lang={doc.language}"
            )
    n = len(rows)
    furniture = {"before": "-", "now": "-"}
    if not args.no_entities:
        for name in ("before", "now"):
            pairs = [
                (doc.text if name == "now" else old, body[key])
                for key, _r, _m, doc, _e, old, _t in rows
            ]
            furniture[name] = str(sum(furniture_entities(pairs)))
    median_ms = statistics.median(row[4] for row in rows) * 1000
    cpu_ms = statistics.median(cpu) * 1000
    now, before = results["now"], results["before"]
    print(f"news_html: {n} pages from {data}")
    print("| measure | kg before (whole page) | kg now | target |")
    print("|---|---|---|---|")
    print(
        f"| article text precision / recall (4-word shingles) | "
        f"{statistics.mean(before['precision']):.3f} / {statistics.mean(before['recall']):.3f} | "
        f"{statistics.mean(now['precision']):.3f} / {statistics.mean(now['recall']):.3f} | "
        ">= 0.93 / >= 0.95 |"
    )
    print(
        f"| the same, headline left out (the true text has none) | - | "
        f"{statistics.mean(now['body_precision']):.3f} / "
        f"{statistics.mean(now['body_recall']):.3f} | |"
    )
    print(
        f"| entities named after page furniture (all pages) | {furniture['before']} | "
        f"{furniture['now']} | <= 3 |"
    )
    print(
        f"| publication date found, where the page declares one | 0/{declared} | "
        f"{found}/{declared} ({found / max(declared, 1):.0%}; {agrees} agree with it) | >= 90 % |"
    )
    print(
        f"| title without the site's suffix | {int(sum(before['title']))}/{n} | "
        f"{titles}/{n} ({titles / n:.0%}) | >= 90 % |"
    )
    print(
        f"| reading time per page (median, no parsing) | - | {median_ms:.0f} ms "
        f"(CPU {cpu_ms:.0f} ms) | <= 150 ms |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
