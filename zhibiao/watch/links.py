"""Article links from what a start URL returned: a feed, a sitemap or a listing page.

The kind is read from the body, not trusted from the Content-Type (many sites send feeds as
text/html or text/plain): an XML root of `urlset`/`sitemapindex` is a sitemap, `rss`/`feed`/`RDF` a
feed (read by feedparser), anything else a listing page, whose `<a href>` links are resolved
against the page (and its `<base>`). Every URL is normalised by courlan (lower-case host, default
port and fragment dropped, query parameters sorted) so one article is one URL, and kept in order of
first appearance.
"""

from __future__ import annotations

import gzip
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urldefrag, urljoin, urlsplit

from zhibiao.watch.sources import Source

if TYPE_CHECKING:
    from lxml.html import HtmlElement

_XML_ROOT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(urlset|sitemapindex|rss|feed|RDF)\b")
MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemaps protocol's own limit for an uncompressed file


@dataclass(frozen=True)
class Found:
    """What one start page yields: article URLs, and further sitemaps to read (from an index)."""

    kind: str  # feed | sitemap | listing
    articles: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()


def normalize(url: str) -> str | None:
    """The canonical form of an http(s) URL, or None for anything else (mailto:, javascript:, …)."""
    from courlan import normalize_url

    url = urldefrag(url.strip())[0]
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    try:
        return normalize_url(url)
    except (ValueError, AttributeError):
        return None


def find_links(body: bytes, url: str, source: Source) -> Found:
    """The article links in a fetched start page (see the module docstring)."""
    if body[:2] == b"\x1f\x8b":  # a gzipped sitemap (sitemap.xml.gz)
        try:
            body = gzip.GzipFile(fileobj=io.BytesIO(body)).read(MAX_SITEMAP_BYTES)
        except (OSError, EOFError):
            return Found("sitemap")
    root = _XML_ROOT.search(body[:2048])
    if root and root.group(1) in (b"urlset", b"sitemapindex"):
        articles, sitemaps = _sitemap(body, url)
        return Found("sitemap", _articles(articles, source), tuple(_unique(sitemaps)))
    if root:
        return Found("feed", _articles(_feed(body, url), source))
    return Found("listing", _articles(_listing(body, url, source), source, same_host=_host(url)
                                      if source.articles is None and source.selector is None else None))


def _articles(urls, source: Source, same_host: str | None = None) -> tuple[str, ...]:
    out = []
    for raw in urls:
        url = normalize(raw)
        if url is None or not source.is_article(url):
            continue
        if same_host is not None and _host(url) != same_host:
            continue
        out.append(url)
    return tuple(_unique(out))


def _feed(body: bytes, url: str) -> list[str]:
    import feedparser

    parsed = feedparser.parse(body, response_headers={"content-location": url})
    links = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            for alternate in entry.get("links", []):
                if alternate.get("rel", "alternate") == "alternate" and alternate.get("href"):
                    link = alternate["href"]
                    break
        if link:
            links.append(urljoin(url, link))
    return links


def _sitemap(body: bytes, url: str) -> tuple[list[str], list[str]]:
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError:
        return [], []
    if root is None:
        return [], []
    pages: list[str] = []
    sitemaps: list[str] = []
    for loc in root.iter("{*}loc"):
        text = (loc.text or "").strip()
        if not text:
            continue
        parent = etree.QName(loc.getparent()).localname if loc.getparent() is not None else ""
        (sitemaps if parent == "sitemap" else pages).append(urljoin(url, text))
    return pages, sitemaps


def _listing(body: bytes, url: str, source: Source) -> list[str]:
    import lxml.html
    from lxml.etree import ParserError

    try:
        tree = lxml.html.document_fromstring(body)
    except (ParserError, ValueError):
        return []
    base = url
    for element in tree.iter("base"):
        if element.get("href"):
            base = urljoin(url, element.get("href"))
            break
    if source.selector:
        from lxml.cssselect import CSSSelector

        selected: list[HtmlElement] = []
        for element in CSSSelector(source.selector)(tree):
            selected.extend([element] if element.tag == "a" else element.iter("a"))
        anchors: Iterable[HtmlElement] = selected
    else:
        anchors = tree.iter("a")
    return [urljoin(base, a.get("href")) for a in anchors if a.get("href")]


def _host(url: str) -> str:
    return urlsplit(url).netloc.lower()


def _unique(items):
    seen = set()
    for item in items:
        if item not in seen:
            seen.add(item)
            yield item

