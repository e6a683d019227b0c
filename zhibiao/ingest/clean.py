"""Remove page furniture and mend lines a page layout broke.

Works line by line on normalized text; every removal is a deletion in the MappedText so
offsets still lead back to the original document.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from zhibiao.ingest.textmap import MappedText
from zhibiao.rules import load
from zhibiao.rules.literals import words_gate

_PERCENT_SIGNS = "%‰"
_TERMINAL = "。!?;:…”」』)"
_CJK = re.compile(r"[\u4e00-\u9fff]")
# A broken line is a long one that stops in mid-word; headings are short.
MIN_BROKEN_LINE = 24
# Prose has commas that are not thousands separators; a table row ends in numbers set apart.
_TABLE_RULE = re.compile(r"[\s|:-]*-{3,}[\s|:-]*")  # |---|---| under a table's header
_NUMERIC_ITEM = re.compile(r"[-+]?[\d,]+(\.\d+)?%?")
_PROSE_MARK = re.compile(r"[。、]|(?<!\d),|,(?!\d{3})")
_TABLE_ROW_END = re.compile(r"(\s+[-+]?[\d,]+(\.\d+)?%?){2,}\s*$")
# A title on its own line (2024年软件和信息技术服务业主要指标): no punctuation, no figure but its year; the
# line above it (a spam header, a byline) does not go on into it.
_TITLE_LINE = re.compile(r"(?:\d{4}年)?[^\d\s。!?;,:、%]{8,40}")
_BOUNDARY_LINE = re.compile(r"^\s*(【[^】]{1,20}】|\((上接|下转|接上|转第|紧接)[^()]{0,12}\))")


@cache
def _patterns() -> tuple[re.Pattern, _LinePatterns]:
    table = load("boilerplate")
    cut = re.compile("|".join(f"(?:{p})" for p in table["cut_after"]["patterns"]))
    return cut, _LinePatterns(table["drop_line"]["patterns"])


class _LinePatterns:
    """The drop-line patterns: those anchored at the line start in one alternation tried there
    only, the others each on its own (several literal-led patterns scan faster than their union)."""

    def __init__(self, patterns: list[str]):
        anchored = [p[1:] for p in patterns if p.startswith("^")]
        self.start = re.compile("|".join(f"(?:{p})" for p in anchored), re.IGNORECASE)
        self.anywhere = tuple(re.compile(p, re.IGNORECASE) for p in patterns if not p.startswith("^"))
        # A line holding none of the words the others need (most lines) is not scanned by each.
        self.gate = words_gate((p.pattern for p in self.anywhere), re.IGNORECASE)

    def search(self, line: str) -> bool:
        return bool(self.start.match(line)) or (
            (self.gate is None or self.gate.search(line) is not None) and any(p.search(line) for p in self.anywhere))


def is_nav_line(line: str) -> bool:
    """A line of many short items joined by separators: a menu, breadcrumbs or an SEO spam title."""
    table = load("boilerplate")["nav_line"]
    seps = table["separators"]
    best = max(line.count(s) for s in seps)
    if best + 1 < table["min_items"]:
        return False
    sep = max(seps, key=line.count)
    items = [i.strip() for i in line.split(sep) if i.strip()]
    if sum(bool(_NUMERIC_ITEM.fullmatch(i)) for i in items) * 3 >= len(items):
        return False  # a row of a table, not of a menu
    return (len(items) >= table["min_items"]
            and sum(len(i) <= table["max_item_chars"] for i in items) >= 0.8 * len(items)
            and "。" not in line)


def _heads_a_table(line: str, following: list[str]) -> bool:
    """A row of short cells over rows of numbers with as many cells: a table's header."""
    width = line.count("|")
    return width > 0 and any(abs(row.count("|") - width) <= 1 and not is_nav_line(row)
                             and bool(_NUMERIC_ITEM.search(row)) for row in following)


def is_boilerplate(line: str) -> bool:
    _, drop = _patterns()
    return bool(drop.search(line)) or is_nav_line(line)


def clean(mapped: MappedText) -> MappedText:
    """Drop boilerplate lines, cut the page tail, and re-join lines broken mid-sentence."""
    cut, _ = _patterns()
    text = mapped.text
    deletions: list[tuple[int, int]] = []
    lines = _line_spans(text)
    kept: list[tuple[int, int]] = []
    previous = ""
    for n, (start, end) in enumerate(lines):
        line = text[start:end].strip()
        if not line:
            continue
        if cut.search(line):
            deletions.append((start, len(text)))
            break
        if is_boilerplate(line):
            following = _next_lines(text, lines, n)
            if not (_heads_a_table(line, following) or _table_cell(line, previous, following)
                    or _ruled_below(text, lines, n, line)):
                deletions.append((start, min(end + 1, len(text))))
                continue
        kept.append((start, end))
        previous = line
    deletions.extend(_broken_line_joins(text, kept))
    deletions.sort()
    cleaned = mapped.delete(_merge(deletions))
    return _infographic_joined(cleaned)


# An infographic flattened to one short phrase per line (今年1至9月 / 全国造船完工量3034万载重吨 / 同比增长6.2%):
# a run of at least INFOGRAPHIC_MIN_LINES lines of at most INFOGRAPHIC_MAX_CHARS, none ending a sentence, with
# figures inside phrases in several and few lines that are a bare number (which a table flattened one cell
# per line has many of). Its line breaks are commas.
INFOGRAPHIC_MIN_LINES = 8
INFOGRAPHIC_MAX_CHARS = 24
INFOGRAPHIC_MIN_PHRASE_FIGURES = 3
_FIGURE_IN_PHRASE = re.compile(r"[\u4e00-\u9fff][\d.]+[\u4e00-\u9fff%]|[\d.]+[\u4e00-\u9fff%]")
_INFOGRAPHIC_COMMA = ","
_CELL_MARK = "|"


def _infographic_joined(mapped: MappedText) -> MappedText:
    text = mapped.text
    breaks: list[int] = []
    for run in _phrase_runs(text):
        if not _is_infographic([text[a:b].strip() for a, b in run]):
            continue
        for (_, end), (nxt, _) in zip(run, run[1:], strict=False):
            gap = text[end:nxt]
            if gap.count("\n") == 1 and not gap.strip():
                breaks.append(end + gap.index("\n"))
    if not breaks:
        return mapped
    pieces, at = [], 0
    for pos in breaks:
        pieces += [text[at:pos], _INFOGRAPHIC_COMMA]
        at = pos + 1
    return mapped.replace_same_length("".join([*pieces, text[at:]]))


def _phrase_runs(text: str) -> Iterator[list[tuple[int, int]]]:
    """Runs of consecutive short lines that end no sentence (blank lines skipped)."""
    run: list[tuple[int, int]] = []
    for a, b in _line_spans(text):
        line = text[a:b].strip()
        if not line:
            continue
        if (len(line) <= INFOGRAPHIC_MAX_CHARS and line[-1] not in _TERMINAL and not is_nav_line(line)
                and _CELL_MARK not in line):  # (a cell of a pipe table: 0.89 |)
            run.append((a, b))
            continue
        if len(run) >= INFOGRAPHIC_MIN_LINES:
            yield run
        run = []
    if len(run) >= INFOGRAPHIC_MIN_LINES:
        yield run


def _is_infographic(lines: list[str]) -> bool:
    if len(lines) < INFOGRAPHIC_MIN_LINES:
        return False
    bare = sum(bool(_NUMERIC_ITEM.fullmatch(line)) for line in lines)
    in_phrase = sum(bool(_FIGURE_IN_PHRASE.search(line)) and not _NUMERIC_ITEM.fullmatch(line) for line in lines)
    return in_phrase >= INFOGRAPHIC_MIN_PHRASE_FIGURES and bare * 5 <= len(lines)


_BARE_INTEGER = re.compile(r"\d{1,6}")


def _table_cell(line: str, previous: str, following: list[str]) -> bool:
    """A bare integer among numbers (a table laid out one cell per line: GDP / 296299 / 5.3) is a
    cell, not a counter left by the page (a lone 1 or 12 between two paragraphs)."""
    return bool(_BARE_INTEGER.fullmatch(line)) and any(
        _NUMERIC_ITEM.fullmatch(other) for other in (previous, *following[:2]))


def _ruled_below(text: str, lines: list[tuple[int, int]], n: int, line: str) -> bool:
    """A row of cells right above a rule (主要会计数据 | 2018年 | 2017年 |, then ---|---|): a table's
    header, whatever the rows below it look like."""
    if "|" not in line or _TABLE_RULE.fullmatch(line):
        return False
    for i in range(n + 1, len(lines)):
        a, b = lines[i]
        if below := text[a:b].strip():
            return bool(_TABLE_RULE.fullmatch(below))
    return False


def _next_lines(text: str, lines: list[tuple[int, int]], n: int, count: int = 3) -> list[str]:
    """The next `count` non-empty lines after line n, rules (|---|) skipped."""
    out = []
    for i in range(n + 1, len(lines)):  # not islice: it would step over the first n lines each time
        a, b = lines[i]
        if (line := text[a:b].strip()) and not _TABLE_RULE.fullmatch(line):
            out.append(line)
            if len(out) == count:
                break
    return out


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _broken_line_joins(text: str, kept: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The gaps to delete between a line that stops mid-sentence and the line that goes on."""
    joins = []
    for (a_start, a_end), (b_start, _b_end) in zip(kept, kept[1:], strict=False):
        line = text[a_start:a_end].rstrip()
        nxt = text[b_start:_b_end].lstrip()
        if not (_broken_figure(line, nxt) or _broken_prose(line, nxt)):
            continue
        gap_start = a_start + len(line)
        gap_end = b_start + (len(text[b_start:_b_end]) - len(nxt))
        joins.append((gap_start, gap_end))
    return joins


def _broken_figure(line: str, nxt: str) -> bool:
    """A figure broken before its percent sign (产品销售率为96.8 / %,比上年同期下降…), however short the line:
    it holds a sentence's words before the figure, and no table row ends in a lone percent sign."""
    return (bool(line) and line[-1].isdigit() and nxt[:1] in tuple(_PERCENT_SIGNS)
            and bool(_CJK.search(line)) and not _TABLE_ROW_END.search(line))


def _broken_prose(line: str, nxt: str) -> bool:
    """A long line of prose that stops in mid-word and a line that goes on with a word or a number."""
    if len(line.strip()) < MIN_BROKEN_LINE or not line or line[-1] in _TERMINAL:
        return False
    if not (_CJK.match(line[-1]) or line[-1].isdigit() or line[-1] in "、“("):
        return False
    if not _PROSE_MARK.search(line) or _TABLE_ROW_END.search(line):
        return False
    return bool(nxt) and not _BOUNDARY_LINE.match(nxt) and not _TITLE_LINE.fullmatch(nxt) and (
        bool(_CJK.match(nxt[0])) or nxt[0].isdigit())


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
