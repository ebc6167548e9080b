"""Web pages as people save them: the article without the furniture, the page's metadata into
the document and the graph, decoding, plain-text headlines, JSONL metadata."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from rdflib import DCTERMS, Literal, URIRef

from kg.cli import cli
from kg.graph.model import Document
from kg.io.readers import plain_text_headline, read_documents
from kg.io.webpage import read_page, strip_site_suffix

PARAGRAPHS = [
    "The river authority of Eastmere opened its new flood barrier on Tuesday, three years "
    "after storms put half of the old harbour district under water.",
    "Engineers from Corvane Works built the barrier, a row of steel gates that close within "
    "twenty minutes when the tide rises above the warning mark.",
    "Mira Holt, who chairs the authority, said the barrier would protect about four thousand "
    "homes and the market hall that anchors the district's trade.",
    "Residents gathered along the quay to watch the first test, which closed every gate in "
    "eighteen minutes while a brass band played on the old ferry landing.",
    "The authority will publish water levels from the barrier each hour, and a second phase "
    "that raises the sea wall near the fish market is planned for next spring.",
]
ARTICLE_TEXT = "\n\n".join(PARAGRAPHS)

PAGE = """<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>Flood barrier opens in Eastmere | The Harbour Courier</title>
<meta property="og:site_name" content="The Harbour Courier">
<meta property="og:title" content="Flood barrier opens in Eastmere">
<link rel="canonical" href="https://news.example.org/2024/03/flood-barrier-opens">
<script type="application/ld+json">
{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Flood barrier opens in Eastmere",
 "datePublished": "2024-03-12T09:30:00+00:00",
 "author": {"@type": "Person", "name": "Tobias Wren"},
 "publisher": {"@type": "Organization", "name": "The Harbour Courier"}}
</script>
</head>
<body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/subscribe">Subscribe Today</a></li></ul></nav>
</header>
<div id="cookie-banner">We use Cookie Settings to improve your experience. Accept All Cookies.</div>
<main><article>
<h1>Flood barrier opens in Eastmere</h1>
<p class="byline">By Tobias Wren</p>
PARAGRAPHS
</article>
<aside class="related"><h3>More stories</h3><ul>
<li><a href="/a">Lighthouse keeper retires after forty years</a></li>
<li><a href="/b">Ferry fares to rise in autumn</a></li></ul></aside>
</main>
<footer><p>Privacy Policy | Terms of Use | Contact Us</p>
<p>Copyright 2024 The Harbour Courier. All rights reserved.</p></footer>
</body></html>
""".replace("PARAGRAPHS", "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS))


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def read(*paths: Path) -> list[Document]:
    return list(read_documents([str(p) for p in paths]))


# --------------------------------------------------------------------------- main content


def test_page_furniture_is_left_out(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "barrier.html", PAGE))
    for paragraph in PARAGRAPHS:
        assert paragraph in doc.text
    for furniture in ("Subscribe", "Cookie", "Privacy Policy", "More stories", "Ferry fares"):
        assert furniture not in doc.text


def test_headline_is_the_title_and_a_sentence_of_its_own(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "barrier.html", PAGE))
    assert doc.title == "Flood barrier opens in Eastmere"
    assert doc.text.startswith("Flood barrier opens in Eastmere\n\n")
    assert doc.text.count("Flood barrier opens in Eastmere") == 1


def test_page_metadata_is_read(tmp_path: Path) -> None:
    [doc] = read(write(tmp_path / "barrier.html", PAGE))
    assert doc.date == "2024-03-12"
    assert doc.authors == ("Tobias Wren",)
    assert doc.site == "The Harbour Courier"
    assert doc.url == "https://news.example.org/2024/03/flood-barrier-opens"
    assert doc.language == "en-GB"
    assert doc.source == (tmp_path / "barrier.html").as_posix()


def test_a_short_page_is_read_whole() -> None:
    page = read_page(
        "<title>Notice</title><p>The pool is closed on\n Sunday for <b>repairs</b>.</p>"
    )
    assert not page.main_content
    assert page.text == "Notice\n\nThe pool is closed on Sunday for repairs."


def test_a_page_without_text_is_empty(tmp_path: Path) -> None:
    from kg.errors import InputError

    with pytest.raises(InputError, match="is empty"):
        read(write(tmp_path / "blank.html", "<html><head></head><body> </body></html>"))


@pytest.mark.parametrize(
    ("title", "site", "url", "expected"),
    [
        ("Dam opens | Valley Post", "Valley Post", None, "Dam opens"),
        ("Valley Post - Dam opens", "Valley Post", None, "Dam opens"),
        ("Dam opens \u2013 VALLEYPOST.COM", None, "https://valleypost.com/x", "Dam opens"),
        ("Dam opens | News | Valley Post", "Valley Post", None, "Dam opens | News"),
        ("Rates rise - and savers gain", "Valley Post", None, "Rates rise - and savers gain"),
        ("Valley Post", "Valley Post", None, "Valley Post"),
        ("Dam opens", None, None, "Dam opens"),
    ],
)
def test_site_suffix(title: str, site: str | None, url: str | None, expected: str) -> None:
    assert strip_site_suffix(title, site, url) == expected


# --------------------------------------------------------------------------- the graph


def test_metadata_goes_into_the_graph(tmp_path: Path) -> None:
    page = write(tmp_path / "barrier.html", PAGE)
    out = tmp_path / "out.ttl"
    result = CliRunner().invoke(cli, ["build", str(page), "-q", "--no-cache", "-o", str(out)])
    assert result.exit_code == 0, result.output
    g = rdflib.Graph().parse(out)
    doc = URIRef("http://example.org/kg/doc/barrier")
    assert g.value(doc, DCTERMS.title) == Literal("Flood barrier opens in Eastmere")
    assert g.value(doc, DCTERMS.created) == Literal("2024-03-12", datatype=rdflib.XSD.date)
    assert g.value(doc, DCTERMS.creator) == Literal("Tobias Wren")
    assert g.value(doc, DCTERMS.publisher) == Literal("The Harbour Courier")
    assert g.value(doc, DCTERMS.language) == Literal("en-GB")
    assert g.value(doc, DCTERMS.source) == URIRef(
        "https://news.example.org/2024/03/flood-barrier-opens"
    )
    labels = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
    assert not {label for label in labels if "Cookie" in label or "Subscribe" in label}


def test_jsonl_date_time_is_an_xsd_datetime(tmp_path: Path) -> None:
    line = {"id": "n1", "text": "The ferry left at noon.", "date": "2024-03-12T09:30:00Z"}
    path = write(tmp_path / "n.jsonl", json.dumps(line) + "\n")
    result = CliRunner().invoke(cli, ["build", str(path), "-q", "--no-cache", "-f", "ttl"])
    assert result.exit_code == 0, result.output
    g = rdflib.Graph().parse(data=result.stdout, format="turtle")
    created = g.value(URIRef("http://example.org/kg/doc/n1"), DCTERMS.created)
    assert created == Literal("2024-03-12T09:30:00Z", datatype=rdflib.XSD.dateTime)


# --------------------------------------------------------------------------- JSONL metadata


def test_jsonl_keeps_author_site_date_and_url(tmp_path: Path) -> None:
    records = [
        {
            "id": "a",
            "text": "The bakery reopened.",
            "author": "Ines Varga; Pavel Oduya",
            "sitename": "Northbank Daily",
            "date": "2024-02-01",
            "url": "https://northbank.example/a",
            "language": "en",
        },
        {"id": "b", "text": "The mill closed.", "authors": ["Ada Quill"], "site": "Mill News"},
    ]
    path = write(tmp_path / "f.jsonl", "\n".join(json.dumps(r) for r in records))
    first, second = read(path)
    assert first.authors == ("Ines Varga", "Pavel Oduya")
    assert first.site == "Northbank Daily" and first.language == "en"
    assert first.date == "2024-02-01" and first.url == "https://northbank.example/a"
    assert second.authors == ("Ada Quill",) and second.site == "Mill News"


def test_jsonl_author_of_the_wrong_type_is_an_error(tmp_path: Path) -> None:
    from kg.errors import InputError

    path = write(tmp_path / "f.jsonl", json.dumps({"text": "Hi.", "author": 7}) + "\n")
    with pytest.raises(InputError, match=r'f\.jsonl:1: "author" must be'):
        read(path)


# --------------------------------------------------------------------------- decoding


def test_declared_charset_comes_first(tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS).replace("Mira", "Mir\u00e9")
    page = '<html><head><meta charset="windows-1252"><title>Caf\u00e9 news</title></head>'
    page += f"<body><article>{body}</article></body></html>"
    [doc] = read(write(tmp_path / "legacy.html", page.encode("cp1252")))
    assert "Mir\u00e9 Holt" in doc.text and doc.title == "Caf\u00e9 news"


def test_one_bad_byte_is_one_replacement_not_mojibake(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    text = "Z\u00fcrich caf\u00e9 na\u00efve \u2014 " * 5 + "end"
    data = text.encode("utf-8").replace(b"end", b"e\xffnd")
    with caplog.at_level(logging.WARNING, logger="kg"):
        [doc] = read(write(tmp_path / "accents.txt", data))
    assert doc.text == text.replace("end", "e\ufffdnd")
    assert any("1 invalid UTF-8 bytes" in r.getMessage() for r in caplog.records)


def test_undeclared_legacy_cyrillic_is_detected(tmp_path: Path) -> None:
    text = "\u041f\u0440\u0438\u0432\u0435\u0442 \u043c\u0438\u0440, \u044d\u0442\u043e "
    text = (text + "\u043d\u043e\u0432\u043e\u0441\u0442\u0438 \u0434\u043d\u044f. ") * 6
    [doc] = read(write(tmp_path / "ru.txt", text.encode("cp1251")))
    assert doc.text == text


# --------------------------------------------------------------------------- plain text


def test_plain_text_headline_is_the_title_and_the_text_is_unchanged(tmp_path: Path) -> None:
    content = "Barrier opens in Eastmere\n\n" + ARTICLE_TEXT + "\n"
    [doc] = read(write(tmp_path / "story.txt", content))
    assert doc.title == "Barrier opens in Eastmere"
    assert doc.text == content  # offsets are the file's


@pytest.mark.parametrize(
    "content",
    [
        "The barrier opened on Tuesday.\n\nIt works.",  # a sentence, not a headline
        "Barrier opens\nin Eastmere\n\nBody.",  # no blank line after the first line
        "Barrier opens\n\n",  # nothing after it
        "A" * 200 + "\n\nBody.",  # too long for a headline
    ],
)
def test_plain_text_without_headline(content: str) -> None:
    assert plain_text_headline(content) is None


def test_plain_text_headline_is_kept_out_of_the_first_sentence(tmp_path: Path) -> None:
    from kg.pipeline import BuildOptions, extract

    content = "Barrier opens in Eastmere\n\n" + PARAGRAPHS[0]
    docs = read(write(tmp_path / "story.txt", content))
    [result] = extract(docs, BuildOptions(extractors=("entities.v1",)))
    first = result.extraction.sentences[0]
    assert first.text == "Barrier opens in Eastmere"


# ------------------------------------------------- furniture inside the article's own markup

INLINE_FURNITURE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Eastmere opens barrier - The Harbour Courier</title>
<meta property="og:site_name" content="The Harbour Courier">
<meta property="og:title" content="Eastmere opens barrier"></head>
<body><main><article>
<h1>Flood barrier opens in Eastmere after three years</h1>
<p>P0</p>
<p>Related: <a href="/news/ferry-fares">Ferry fares to rise in autumn</a></p>
<p>P1</p>
<p>P2</p>
<p>Read more: <a href="/news/lighthouse">Lighthouse keeper retires after forty years</a></p>
<p>P3</p>
<p>Photo \u00a9 Jo Bloggs / Harbour Pictures</p>
<p>P4</p>
<p>https://news.example.org/2024/03/flood-barrier-opens</p>
<h3>More on this story</h3>
<ul><li><a href="/a">Harbour wall repairs begin in spring</a></li>
<li><a href="/b">Market hall to close for a week</a></li></ul>
</article></main></body></html>
"""


def _inline_page() -> str:
    page = INLINE_FURNITURE
    for i, paragraph in enumerate(PARAGRAPHS):
        page = page.replace(f"<p>P{i}</p>", f"<p>{paragraph}</p>")
    return page


def test_links_to_other_stories_inside_the_article_are_left_out() -> None:
    page = read_page(_inline_page())
    assert page.main_content
    for paragraph in PARAGRAPHS:
        assert paragraph in page.text
    for furniture in ("Ferry fares", "Lighthouse keeper", "More on this story", "Market hall to"):
        assert furniture not in page.text


def test_credit_lines_and_bare_urls_are_left_out() -> None:
    text = read_page(_inline_page()).text
    assert "Jo Bloggs" not in text
    assert "https://" not in text


def test_a_link_to_a_picture_is_not_a_link_to_elsewhere() -> None:
    from lxml import etree

    from kg.io.webpage import _prune

    body = etree.fromstring(
        '<body><p><ref target="/img/gates.JPG?w=900">Engineers tested every gate twice.</ref>'
        '</p><p><ref target="/news/gates">Engineers tested every gate twice.</ref></p></body>'
    )
    _prune(body)
    assert [ref.get("target") for ref in body.iter("ref")] == ["/img/gates.JPG?w=900"]


def test_the_pages_own_headline_is_not_doubled_by_its_title() -> None:
    page = read_page(_inline_page())
    assert page.title == "Eastmere opens barrier"
    assert page.text.startswith("Flood barrier opens in Eastmere after three years\n\n")
    assert "Eastmere opens barrier" not in page.text


def test_an_article_that_is_mostly_links_is_kept_whole() -> None:
    items = "".join(
        f'<li><a href="/r{i}">Reading list entry number {i} on river engineering and flood '
        f"defences in small coastal towns</a></li>"
        for i in range(12)
    )
    page = read_page(
        "<html><head><title>Reading list</title></head><body><article><h1>Reading list</h1>"
        f"<p>{PARAGRAPHS[0]}</p><ul>{items}</ul></article></body></html>"
    )
    assert "Reading list entry number 11" in page.text


def test_the_precise_reading_is_dropped_when_it_loses_the_article(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from lxml import etree

    import kg.io.webpage as webpage

    class Result:
        def __init__(self, xml: str) -> None:
            self.body = etree.fromstring(xml)

        def as_dict(self) -> dict[str, str]:
            return {"title": "Flood barrier opens"}

    notice = "<body><p>This copy is for your personal use only, say the publishers.</p></body>"
    article = "<body>" + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</body>"
    monkeypatch.setattr(
        webpage,
        "_extract",
        lambda tree, url, precise, metadata: Result(notice if precise else article),
    )
    text = webpage.read_page("<html><body><p>Placeholder.</p></body></html>").text
    assert PARAGRAPHS[-1] in text
    assert "personal use" not in text


def test_a_table_row_of_links_is_article() -> None:
    from lxml import etree

    from kg.io.webpage import _prune

    body = etree.fromstring(
        "<body><table><row><cell><ref>Eastmere Rovers</ref></cell><cell>2</cell>"
        "<cell><ref>Westmere Town</ref></cell><cell>1</cell></row></table></body>"
    )
    _prune(body)
    assert "Westmere Town" in " ".join(body.itertext())
