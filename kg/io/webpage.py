"""A web page as an article: its main text without the page's furniture, and its metadata.

The article is found by trafilatura (main-content extraction: menus, footers, teasers for other
stories, share buttons and cookie banners are left out); when it finds too little, kg's own
whole-page reader (:func:`kg.io.readers.html_to_text`) takes over. The page's metadata (JSON-LD,
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
#: The precise reading (trafilatura's ``favor_precision``) is kept when it has at least this
#: share of the words of the ordinary one: below, it lost the article rather than furniture.
MIN_PRECISE_SHARE = 0.5
#: When the furniture :func:`_prune` finds is more than half of the article, it is article.
MIN_PRUNED_SHARE = 0.5

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


def _starts_with_headline(body: Any) -> bool:
    """Whether the article starts with the page's own headline (its ``<h1>``): then it is the
    headline of the text, and the ``<title>`` is not put before it again."""
    first = next(
        (e for e in body.iter() if e is not body and _WORD.search(" ".join(e.itertext()))), None
    )
    return first is not None and first.tag == "head" and first.get("rend") == "h1"


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


#: Blocks of trafilatura's XML that :func:`_prune` may drop whole (not table rows: a table of
#: results names its teams or candidates by links, and is article).
_XML_PRUNABLE = frozenset({"p", "item", "head", "quote"})
#: A block whose words are at least this share link text is a link to elsewhere ("Related:
#: <a>Another story</a>", a list of other stories, share and follow buttons), not article.
MAX_LINK_SHARE = 0.6
#: A block of at most this many words with a copyright sign or "all rights reserved" is a
#: credit or copyright line.
MAX_NOTICE_WORDS = 25
_NOTICE = re.compile(r"\u00a9|\(c\)\s*\d{4}|\ball rights reserved\b|\bcopyright\s+\d{4}", re.I)
_IMAGE_TARGET = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|svg|tiff?)(?:[?#].*)?$", re.I)
_BARE_URL = re.compile(r"\s*(?:https?://|www\.)\S+\s*", re.I)


def _remove(element: Any) -> None:
    """Take ``element`` out of its tree, keeping the text that follows it."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail
    previous = element.getprevious()
    if tail and tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _link_words(element: Any) -> int:
    """The words of ``element`` in links to other pages (a link to an image, the picture in
    full size, is not one)."""
    return sum(
        len(_WORD.findall(" ".join(ref.itertext())))
        for ref in element.iter("ref")
        if not _IMAGE_TARGET.search(ref.get("target") or "")
    )


def _is_furniture(element: Any) -> bool:
    """A block that is not article: mostly links, a bare URL, a credit or copyright line."""
    text = " ".join(element.itertext())
    words = len(_WORD.findall(text))
    if not words:
        return False
    if element.getparent() is not None and element.getparent().tag in _XML_PRUNABLE:
        return False  # judged with the block around it
    if _link_words(element) >= MAX_LINK_SHARE * words:
        return True
    if _BARE_URL.fullmatch(text):
        return True
    return words <= MAX_NOTICE_WORDS and bool(_NOTICE.search(text))


def _prune(body: Any) -> None:
    """Drop the furniture trafilatura left in the article (:func:`_is_furniture`), then the
    headings left with nothing under them (the heading of a list of other stories).

    >>> from lxml import etree
    >>> body = etree.fromstring(
    ...     "<body><p>The dam opened on Monday after six years of work.</p>"
    ...     "<p>Related: <ref>Valley flood defences</ref></p><head>More stories</head>"
    ...     "<list><item><ref>Bridge closes for repairs</ref></item></list>"
    ...     "<p>Photo \u00a9 Jo Bloggs</p><p>https://example.org/a/1</p></body>"
    ... )
    >>> _prune(body)
    >>> etree.tostring(body, encoding="unicode")
    '<body><p>The dam opened on Monday after six years of work.</p><list/></body>'
    """
    for element in [e for e in body.iter() if e.tag in _XML_PRUNABLE]:
        if _is_furniture(element):
            _remove(element)
    blocks = [e for e in body.iter() if isinstance(e.tag, str) and e is not body]
    for i, element in enumerate(blocks):
        if element.tag != "head":
            continue
        later = blocks[i + 1 :]
        following = next((e for e in later if _WORD.search(" ".join(e.itertext()))), None)
        if following is None or following.tag == "head":
            _remove(element)


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


def _extract(tree: Any, url: str | None, precise: bool, metadata: bool) -> Any:
    """trafilatura's reading of the parsed page ``tree`` (which it changes): its own extractor
    only (``fast``: the fallback extractors it compares with take the longest text, often a
    list of other stories), with links marked (:func:`_prune` measures how much of a paragraph
    is links); ``precise`` drops the blocks it doubts (teasers, standfirsts, boxes of notices).
    None when it cannot read the page."""
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            fast=True,
            favor_precision=precise,
            with_metadata=metadata,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=True,
            deduplicate=False,
        )
    except Exception:  # noqa: BLE001 - a page trafilatura cannot take is read whole
        return None


def _words(result: Any) -> int:
    body = getattr(result, "body", None)
    return len(_WORD.findall(" ".join(body.itertext()))) if body is not None else 0


def _metadata(result: Any) -> dict[str, str]:
    if result is None:
        return {}
    return {k: v for k, v in result.as_dict().items() if isinstance(v, str)}


def _article(markup: str, url: str | None) -> tuple[Any, dict[str, str]]:
    """The XML body of the article (or None) and the page's metadata.

    The body is trafilatura's precise reading of the page, unless it kept less than
    :data:`MIN_PRECISE_SHARE` of the words of its ordinary reading (then it took a box for
    the article, and the ordinary reading is used). The page is parsed once; the metadata is
    read once, with the precise reading."""
    import copy
    import logging

    from trafilatura.utils import load_html

    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    try:
        tree = load_html(markup)
    except Exception:  # noqa: BLE001 - a page lxml cannot take is read whole
        tree = None
    if tree is None:
        return None, {}
    precise = _extract(copy.deepcopy(tree), url, True, metadata=True)
    plain = _extract(tree, url, False, metadata=precise is None)
    meta = _metadata(precise if precise is not None else plain)
    if _words(precise) and _words(precise) >= MIN_PRECISE_SHARE * _words(plain):
        return precise.body, meta
    if _words(plain):
        return plain.body, meta
    return getattr(precise, "body", None), meta


def html_fragment_text(markup: str) -> str:
    """The text of an HTML fragment that is all content (a feed entry's), or plain text as is.

    >>> html_fragment_text("<p>The dam <b>opened</b>.</p><p>Fish returned.</p>")
    'The dam opened.\\n\\nFish returned.'
    """
    from kg.io.readers import html_to_text

    if "<" not in markup and "&" not in markup:
        return markup.strip()
    return html_to_text(markup)[0]


def read_page(markup: str, url: str | None = None) -> Page:
    """The article and metadata of the HTML page ``markup`` (``url``: where it came from)."""
    from kg.io.readers import html_to_text

    tree, meta = _article(markup, url)
    body = ""
    own_headline = False
    if tree is not None:
        whole_body = _render(tree)
        _prune(tree)
        body = _render(tree)
        if len(_WORD.findall(body)) < MIN_PRUNED_SHARE * len(_WORD.findall(whole_body)):
            body = whole_body  # an article that is mostly links: kept whole
        own_headline = _starts_with_headline(tree)
    main = True
    fallback_title: str | None = None
    words = len(_WORD.findall(body))
    if words < SHORT_ARTICLE_WORDS:
        # Too little, or a short page: whole-page reading, unless it is much longer
        # (then the rest is furniture around a short article).
        whole, fallback_title = html_to_text(markup)
        if words < MIN_ARTICLE_WORDS or len(_WORD.findall(whole)) <= 1.5 * words:
            body, main, own_headline = whole, False, False
    site = (meta.get("sitename") or "").strip() or None
    canonical = (meta.get("url") or "").strip() or None
    raw_title = (meta.get("title") or "").strip() or fallback_title
    title = strip_site_suffix(raw_title, site, canonical or url) if raw_title else None
    date = (meta.get("date") or "").strip() or None
    return Page(
        text=body if own_headline else _with_headline(title, body) if body else "",
        title=title,
        date=date,
        authors=_authors(meta.get("author")),
        site=site,
        url=canonical or url,
        language=_declared_language(markup),
        main_content=main,
    )
