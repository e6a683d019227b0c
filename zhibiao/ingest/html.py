"""The main text, title, publication date and URL of an HTML page (trafilatura, with all visible
text as the fallback). Shared by the file readers (zhibiao.ingest.read) and the stream readers
(zhibiao.ingest.stream)."""

from __future__ import annotations

import copy
import logging
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from zhibiao.errors import InputError
from zhibiao.ingest.dates import parse_date
from zhibiao.ingest.decode import normalize_newlines

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# trafilatura and htmldate log parse trouble at ERROR level; without a handler Python would print
# it on stderr. A NullHandler keeps a CLI run quiet and still lets an application log it.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "header",
    "footer",
)
_TABLE_ROW = re.compile(r"^\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


def html_text(html: str, source: str) -> tuple[str, str | None, date | None, str | None]:
    """Main text, title, publication date and canonical URL of a page.

    trafilatura finds the main text; when it finds nothing (very short or odd pages) all visible
    text is kept instead.
    """
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        raise InputError(source, "empty file")
    text, title, url = _trafilatura(html)
    root = _parse_html(html)
    page_date = _metadata_date(root)
    if not text.strip() and root is not None:
        title = title or _page_title(root)
        text = _visible_text(root)
    text = normalize_newlines(text).strip()
    if not text:
        raise InputError(source, "no text found in HTML")
    return text, title, page_date, url


def _trafilatura(html: str) -> tuple[str, str | None, str | None]:
    """Main text, title and URL by trafilatura; tables become one row per line, cells " | "."""
    import trafilatura  # slow to import; only pages need it

    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_tables=True,
            include_comments=False,
            favor_recall=True,
        )
    except Exception:  # trafilatura and its parsers fail in many ways on broken pages
        return "", None, None
    if result is None:
        return "", None, None
    page: Any = result  # a Document of trafilatura's (a dict only with as_dict=True)
    return _tidy_tables(page.text or ""), page.title or None, page.url or None


def _parse_html(html: str) -> HtmlElement | None:
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _metadata_date(root: HtmlElement | None) -> date | None:
    """The publication date the page's <head> declares (meta tags, JSON-LD), or None.

    Only the head is searched: trafilatura's own date also guesses from the body text (bylines,
    even a bare year as "YYYY-01-01"), and such guesses must rank below an explicit --date.
    """
    head = root.find("head") if root is not None else None
    if head is None:
        return None
    import lxml.html
    from htmldate import find_date

    shell = lxml.html.Element("html")
    shell.append(copy.deepcopy(head))
    try:
        found = find_date(shell, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate is heuristic; a page it cannot handle simply has no date
        return None
    return parse_date(found) if found else None


def _tidy_tables(text: str) -> str:
    """trafilatura renders tables as "| a | b | " rows plus "|---|" rules: make rows "a | b"."""
    lines = []
    for line in text.split("\n"):
        if _TABLE_RULE.match(line):
            continue
        if _TABLE_ROW.match(line):
            cells = [cell.strip() for cell in line.strip()[1:-1].split("|")]
            line = " | ".join(cells).rstrip()
        lines.append(line)
    return "\n".join(lines)


def _visible_text(root: HtmlElement) -> str:
    """All visible text of a parsed page, one block per line (modifies `root`)."""
    for element in root.xpath("//script | //style | //noscript | //template | //head"):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _page_title(root: HtmlElement) -> str | None:
    title = " ".join((root.findtext(".//title") or "").split())
    return title or None
