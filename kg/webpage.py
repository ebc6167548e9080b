"""A web page as an article: its main text without the page's furniture, and its metadata.

The article is found by trafilatura (main-content extraction: menus, footers, teasers for other
stories, share buttons and cookie banners are left out); when it finds too little, kg's own
whole-page reader (:func:`kg.readers.html_to_text`) takes over. The page's metadata (JSON-LD,
Open Graph and other meta tags) gives the title without the site's suffix, the publication
date, authors, site name, canonical URL and language. Nothing is fetched: links, images and
scripts of the page are never followed.

>>> page = read_page(
...     "<html lang='en'><head><title>Dam opens - Valley Post</title>"
...     "<meta property='og:site_name' content='Valley Post'></head>"
...     "<body><nav>Home | Sport</nav><h1>Dam opens</h1>"
...     "<p>The new dam opened on Monday after six years of work on the river.</p></body></html>"
... )
>>> page.title, page.site, page.language
('Dam opens', 'Valley Post', 'en')
>>> page.text.splitlines()[0]
'Dam opens'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

__all__ = ["Page", "read_page", "strip_site_suffix"]

#: Fewer words than this from the main-content extractor: the whole page is read instead.
MIN_ARTICLE_WORDS = 25
#: Fewer words than this: the whole page is read when it is not much longer (a short page
#: is all article; the main-content extractor is made for pages with furniture around).
SHORT_ARTICLE_WORDS = 100

_WORD = re.compile(r"\w+")
_LANG = re.compile(
    r"""<html\b[^>]*?\blang\s*=\s*["']?\s*([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""", re.I
)
_META_LANG = re.compile(
    r"""<meta[^>]+http-equiv\s*=\s*["']?content-language["']?[^>]+content\s*=\s*["']?\s*"""
    r"""([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)""",
    re.I,
)
#: What separates a headline from the site's name in a <title>: "Headline | Site".
_SEPARATOR = re.compile(
    r"\s+(?:[|\-\u2013\u2014:\u00b7\u2022\u00bb/]|::)\s+|\s*[|\u00b7\u2022\u00bb]\s*"
)
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    """What kg reads from one web page."""

    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601
    authors: tuple[str, ...] = ()
    site: str | None = None
    url: str | None = None  # the canonical URL the page declares, else the one it came from
    language: str | None = None  # the language the page declares (BCP 47 tag)
    main_content: bool = True  # False when the whole page was read (the fallback)


def _key(text: str) -> str:
    """Letters and digits only, case-folded: how a title part is compared with a site name."""
    text = unicodedata.normalize("NFKD", text).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _site_keys(site: str | None, url: str | None) -> set[str]:
    keys: set[str] = set()
    if site:
        keys.add(_key(site))
    if url:
        from urllib.parse import urlsplit

        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
        if host:
            keys.add(_key(host))
            keys.add(_key(host.split(".")[0]))
    keys.discard("")
    return keys


def _is_site(part: str, keys: set[str]) -> bool:
    key = _key(part)
    if not key:
        return False
    return any(key == k or (len(k) >= 4 and (k.startswith(key) or key.startswith(k))) for k in keys)


def strip_site_suffix(title: str, site: str | None = None, url: str | None = None) -> str:
    """``title`` without the name of the site before or after it ("Headline | Site").

    A part is the site's name when it matches the site name or host name the page declares.

    >>> strip_site_suffix("Dam opens on Monday | Valley Post", "Valley Post")
    'Dam opens on Monday'
    >>> strip_site_suffix("VALLEYPOST.COM - Dam opens", None, "https://www.valleypost.com/a")
    'Dam opens'
    >>> strip_site_suffix("Rates rise - and savers gain", "Valley Post")
    'Rates rise - and savers gain'
    """
    title = _SPACE.sub(" ", title).strip()
    keys = _site_keys(site, url)
    if not keys:
        return title
    spans = [(m.start(), m.end()) for m in _SEPARATOR.finditer(title)]
    if not spans:
        return title
    # Drop trailing parts while they name the site, then leading ones.
    end = len(title)
    for start, stop in reversed(spans):
        if _is_site(title[stop:end], keys):
            end = start
        else:
            break
    begin = 0
    for start, stop in spans:
        if start >= end:
            break
        if _is_site(title[begin:start], keys):
            begin = stop
        else:
            break
    result = title[begin:end].strip()
    return result or title


def _declared_language(markup: str) -> str | None:
    head = markup[:20000]
    match = _LANG.search(head) or _META_LANG.search(head)
    return match.group(1).replace("_", "-") if match else None


def _authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    seen: dict[str, None] = {}
    for part in value.split(";"):
        name = _SPACE.sub(" ", part).strip()
        if name:
            seen.setdefault(name, None)
    return tuple(seen)


def _with_headline(title: str | None, body: str) -> str:
    """The article text: the headline, a blank line, the body (unless it starts with it)."""
    if not title:
        return body
    if _key(body[: len(title) + 40]).startswith(_key(title)):
        return body
    return f"{title}\n\n{body}"


#: trafilatura's XML of the article: elements that are paragraphs, and lines.
_XML_BLOCKS = frozenset({"p", "head", "list", "quote", "table", "code", "div", "body"})
_XML_LINES = frozenset({"item", "row", "lb"})


def _render(body: Any) -> str:
    """The text of trafilatura's XML of the article: a blank line between paragraphs and
    headings, a line per list item or table row, spaces in running text collapsed (a line
    break in the HTML source of a paragraph is a space, not a new sentence)."""
    from lxml import etree

    out: list[str] = []
    for event, element in etree.iterwalk(body, events=("start", "end")):
        tag = element.tag if isinstance(element.tag, str) else ""
        brk = (
            "\n\n"
            if tag in _XML_BLOCKS
            else "\n"
            if tag in _XML_LINES
            else " "
            if tag == "cell"
            else ""
        )
        if event == "start":
            out.append(brk)
            if element.text and tag:
                out.append(_SPACE.sub(" ", element.text))
        else:
            if tag != "lb":
                out.append(brk)
            if element.tail:
                out.append(_SPACE.sub(" ", element.tail))
    text = re.sub(r" *\n *", "\n", "".join(out))
    text = re.sub(r"[ \t]{2,}", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _extract(markup: str, url: str | None) -> Any:
    import logging

    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    return trafilatura.bare_extraction(
        markup,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        include_links=False,
        deduplicate=False,
    )


def html_fragment_text(markup: str) -> str:
    """The text of an HTML fragment that is all content (a feed entry's), or plain text as is.

    >>> html_fragment_text("<p>The dam <b>opened</b>.</p><p>Fish returned.</p>")
    'The dam opened.\\n\\nFish returned.'
    """
    from kg.readers import html_to_text

    if "<" not in markup and "&" not in markup:
        return markup.strip()
    return html_to_text(markup)[0]


def read_page(markup: str, url: str | None = None) -> Page:
    """The article and metadata of the HTML page ``markup`` (``url``: where it came from)."""
    from kg.readers import html_to_text

    try:
        result = _extract(markup, url)
    except Exception:  # noqa: BLE001 - a page trafilatura cannot take is read whole
        result = None
    meta: dict[str, Any] = {}
    body = ""
    if result is not None:
        meta = {k: v for k, v in result.as_dict().items() if isinstance(v, str)}
        if getattr(result, "body", None) is not None:
            body = _render(result.body)
    main = True
    fallback_title: str | None = None
    words = len(_WORD.findall(body))
    if words < SHORT_ARTICLE_WORDS:
        # Too little, or a short page: whole-page reading, unless it is much longer
        # (then the rest is furniture around a short article).
        whole, fallback_title = html_to_text(markup)
        if words < MIN_ARTICLE_WORDS or len(_WORD.findall(whole)) <= 1.5 * words:
            body, main = whole, False
    site = (meta.get("sitename") or "").strip() or None
    canonical = (meta.get("url") or "").strip() or None
    raw_title = (meta.get("title") or "").strip() or fallback_title
    title = strip_site_suffix(raw_title, site, canonical or url) if raw_title else None
    date = (meta.get("date") or "").strip() or None
    return Page(
        text=_with_headline(title, body) if body else "",
        title=title,
        date=date,
        authors=_authors(meta.get("author")),
        site=site,
        url=canonical or url,
        language=_declared_language(markup),
        main_content=main,
    )
