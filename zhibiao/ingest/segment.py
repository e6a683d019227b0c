"""Split cleaned text into articles, paragraphs, sentences and clauses.

A newspaper page holds several articles; each keeps its own context (place, time), so
`全省` in a Hubei item is Hubei even when the page's lead story is national.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from zhibiao.rules import load, words

_ARTICLE_START = re.compile(r"^\s*(【[^】]{1,20}】\s*$|\((上接|接上|紧接)[^()]{0,12}\))")
_ARTICLE_END = re.compile(r"^\s*\((来源[:：][^()]{1,20}|完|[\u4e00-\u9fff]{2,4})\)\s*$"
                          r"|\((来源[:：][^()]{1,20}|完)\)\s*$")
_DATELINE = re.compile(r"^\s*(新华社|中新社|中新网|人民网|本报|央视网|新华网)[^,。]{0,16}(电|讯)")
# A sentence ends after 。!? and after a closing quote or bracket right behind one. The marks are
# searched for (a pattern that opens with a lookbehind is tried at every position of the text).
_SENTENCE_MARK = re.compile(r"[。!?]")
_SENTENCE_CLOSERS = "”’」』)"
# A comma not after a digit (the lookbehind after the comma, so that the scan looks for ,;: only)
_CLAUSE_SPLIT = re.compile(r",(?<!\d,)|,(?!\d{3}(?!\d))|;|:")  # literals: the engine scans for ,;: at once
HEADLINE_MAX = 60
_NOT_HEADLINE = re.compile(r"[。!?;]|[,:].*[,:]")
SENTENCE_MAX = 1000  # characters; the longest sentence of the dev and demo sets has 277
_PIECE_BREAK = re.compile(r"[,;:\s](?=[^,;:\s]*$)")


@dataclass
class Sentence:
    start: int
    end: int
    text: str


@dataclass
class Paragraph:
    start: int
    end: int
    text: str
    headline: bool = False
    sentences: list[Sentence] = field(default_factory=list)


@dataclass
class Article:
    start: int
    end: int
    paragraphs: list[Paragraph] = field(default_factory=list)


def is_headline(line: str) -> bool:
    """A short line with no sentence punctuation: a title or a section heading."""
    stripped = line.strip().removesuffix("!")  # a headline may exclaim (382个项目,总投资额5066.7亿元!)
    return len(stripped) <= HEADLINE_MAX and not _NOT_HEADLINE.search(stripped)


def paragraphs(text: str) -> list[Paragraph]:
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            body = line.strip()
            para = Paragraph(pos + lead, pos + lead + len(body), body, is_headline(body))
            para.sentences = sentences(body, para.start)
            out.append(para)
        pos += len(line) + 1
    return out


def sentences(text: str, offset: int = 0) -> list[Sentence]:
    out, start = [], 0
    for end in _sentence_ends(text):
        if end > start and text[start:end].strip():
            out.extend(_pieces(text, start, end, offset))
        start = max(start, end)
    if text[start:].strip():
        out.extend(_pieces(text, start, len(text), offset))
    return out


def _sentence_ends(text: str) -> Iterator[int]:
    """The positions a sentence ends at, in order: after each mark, and after a closer right behind it."""
    for m in _SENTENCE_MARK.finditer(text):
        end = m.end()
        yield end
        if end < len(text) and text[end] in _SENTENCE_CLOSERS:
            yield end + 1


def _pieces(text: str, start: int, end: int, offset: int) -> list[Sentence]:
    """A sentence, or an absurdly long one (a dump, a table flattened into one line, with no full stop
    for thousands of characters) cut into pieces of at most SENTENCE_MAX characters, at the last clause
    mark or space before the limit, else between two characters that are not digits: the grammar looks
    back over a sentence from each of its figures, so its cost would grow with the square of the length."""
    out = []
    while end - start > SENTENCE_MAX:
        limit = start + SENTENCE_MAX
        mark = _PIECE_BREAK.search(text, start + SENTENCE_MAX // 2, limit)
        cut = mark.end() if mark else _between_words(text, limit, start + SENTENCE_MAX // 2)
        out.append(Sentence(offset + start, offset + cut, text[start:cut]))
        start = cut
    out.append(Sentence(offset + start, offset + end, text[start:end]))
    return out


def _between_words(text: str, limit: int, floor: int) -> int:
    """The last position at or before `limit` (not below `floor`) with no digit on either side."""
    cut = limit
    while cut > floor and (_numeric(text[cut - 1]) or _numeric(text[cut])):
        cut -= 1
    return cut


def _numeric(ch: str) -> bool:
    return ch.isdigit() or ch == "."


def clauses(sentence: str) -> list[tuple[int, int]]:
    """[start, end) of each clause, split at commas, semicolons and colons (not 1,234, and not
    inside brackets: 24.59万亿元(人民币,下同))."""
    spans, start = [], 0
    brackets = _bracket_spans(sentence) if "(" in sentence else ()
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.group() == "," and _is_thousands(sentence, m.start()):
            continue
        if brackets and any(a < m.start() < b for a, b in brackets):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return [(a, b) for a, b in spans if b > a]


def _bracket_spans(s: str) -> list[tuple[int, int]]:
    spans, opened = [], []
    for i, ch in enumerate(s):
        if ch == "(":
            opened.append(i)
        elif ch == ")" and opened:
            spans.append((opened.pop(), i))
    return spans


def _is_thousands(s: str, i: int) -> bool:
    return (i > 0 and s[i - 1].isdigit() and s[i + 1:i + 4].isdigit() and len(s[i + 1:i + 4]) == 3
            and not s[i + 4:i + 5].isdigit())


def articles(text: str) -> list[Article]:
    """Group paragraphs into articles at section markers, continuations, sign-offs and datelines."""
    paras = paragraphs(text)
    groups: list[list[Paragraph]] = [[]]
    for i, para in enumerate(paras):
        starts_new = bool(_ARTICLE_START.match(para.text))
        if (not starts_new and para.headline and i + 1 < len(paras)
                and _DATELINE.match(paras[i + 1].text) and groups[-1]):
            starts_new = True
        if starts_new and groups[-1]:
            groups.append([])
        groups[-1].append(para)
        if _ARTICLE_END.match(para.text) and i + 1 < len(paras) and not _is_unit_line(para.text):
            groups.append([])
    return [Article(g[0].start, g[-1].end, g) for g in groups if g]


def _is_unit_line(text: str) -> bool:
    """(亿元) under a table's column header: a unit, not a byline signing an article off."""
    return text.strip().strip("()") in _unit_words()


@cache
def _unit_words() -> frozenset[str]:
    units = load("units")
    plain = [*units["currencies"], *units["physical"], *words("units", "classifiers", "words")]
    return frozenset(plain + [m + u for m in units["multipliers"] for u in plain])
