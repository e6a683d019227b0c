"""Tables in cleaned text: each value cell is a fact (FACTS.md: tables count).

Reports carry tables in three shapes once they are text: rows of cells separated by `|` (HTML
tables as the reader renders them) or by tabs; rows of a label and numbers separated by spaces
(tables copied out of PDFs); and tables flattened to one cell per line. A table's row names the
subject (or the place, or the period) and its column the measure, the unit and the period:
`本月` is the table's month, `本月止累计` the span from January, `累计比上年同期增长(%)` the
growth over that span.

This module finds the tables among a paragraph list and reads them into `TableCell`s; the
assembler turns those into facts with the article's context.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from zhibiao.extract.mentions import parse_unit
from zhibiao.extract.periods import find_times
from zhibiao.extract.regions import PLACE, find_regions
from zhibiao.ingest.segment import Paragraph
from zhibiao.period import end_month, point_period, shift_year, span_period
from zhibiao.rules import load, words

_NUMBER = re.compile(r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")
_PLACEHOLDER = frozenset({"-", "—", "--", "——", "―", "/", "…", "...", "—-", "x", "X", "×"})
_TOKEN = re.compile(r"\S+")
_CHANGE_CELL = re.compile(r"(?P<verb>增加|减少|上升|下降|提高|降低)?(?P<number>[-+−]?\d+(?:\.\d+)?)(?P<unit>个百分点|%)?")
_FALLING = ("减少", "下降", "降低")
_PAREN_UNIT = re.compile(r"[((]([^()()]{1,8})[))]\s*$")
_YEAR = re.compile(r"\d{4} ?年")
_RULE_ROW = re.compile(r"[\s|:-]*-{3,}[\s|:-]*")
_TITLE_NUMBER = re.compile(r"^\s*(附)?表\s*\d+\s*[:：.、]?\s*")
_SENTENCE_MARK = re.compile(r"[。!?;]")
_TITLE_TAIL = re.compile(r"(初步核算数据|初步核算结果|主要数据|数据|情况表|情况|统计表|一览表|主要指标|表)$")
HEADER_CELL_MAX = 24
CONTINUATION_MAX = 12
UNIT_CELL_MAX = 6
# A numbered heading (2.1 公司主要财务数据, 二、, (一)) starts a new part of the page.
_LABEL_NUMBER = re.compile(r"^(\d{1,2}[.、．](?!\d)|[((]\d{1,2}[))])\s*")
_HEADING = re.compile(r"^(\d+(\.\d+)+\s|[一二三四五六七八九十]+、|[((][一二三四五六七八九十]+[))]|第[一二三四五六七八九十]+[节章])")
LABEL_MAX = 40
MIN_VALUE_COLUMNS = 1


@dataclass(frozen=True)
class Cell:
    text: str
    start: int  # offset of the text in the cleaned document


@dataclass
class Row:
    label: Cell
    values: list[Cell]
    quote: str
    unit: str | None = None  # from a unit column


@dataclass
class Section:
    """Rows under one title and one header."""

    title: str
    unit_line: str | None
    header_rows: list[list[str]]
    rows: list[Row] = field(default_factory=list)


@dataclass
class Table:
    first: int  # index of its first paragraph
    last: int   # index of its last paragraph
    sections: list[Section] = field(default_factory=list)


@dataclass(frozen=True)
class TableCell:
    """One value cell read with its row and column: what the assembler needs for a fact."""

    subject: str
    measure: str
    value: Decimal
    unit: str
    period: str | None
    basis: str | None
    region: str | None
    quote: str
    start: int
    end: int


@cache
def _rules() -> dict:
    table = load("tables")
    return {
        "label_headers": frozenset(w.replace(" ", "") for w in table["label_headers"]["words"]),
        "unit_headers": frozenset(w.replace(" ", "") for w in table["unit_headers"]["words"]),
        "level_headers": frozenset(table["level_headers"]["words"]),
        "measures": [(m, tuple(table["measures"][m])) for m in
                     ("growth_change", "contribution", "pull", "share", "growth")],
        "label_measures": [(m, tuple(table["label_measures"][m])) for m in ("contribution", "share", "growth")],
        "periods": {k: words("tables", "periods", k) for k in table["periods"]},
        "comparison": tuple(table["comparison"]["words"]),
        "mom": tuple(table["basis"]["mom"]),
        "unit_line": re.compile("|".join(table["unit_line"]["patterns"])),
        "notes": words("tables", "notes", "words"),
        "caption": re.compile("|".join(table["captions"]["patterns"])),
        "label_marks": words("tables", "label_marks", "words"),
    }


# ---- cells --------------------------------------------------------------------------------------

def is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text))


def _is_value(text: str) -> bool:
    return is_number(text) or text in _PLACEHOLDER or bool(_CHANGE_CELL.fullmatch(text))


def _change_cell(text: str) -> tuple[str, Decimal, str] | None:
    """(measure, signed value, unit) of a cell that states a change: 增加1.30个百分点."""
    m = _CHANGE_CELL.fullmatch(text)
    if not m or not m.group("unit"):
        return None
    value = _number(m.group("number"))
    if value is None:
        return None
    if m.group("verb") in _FALLING:
        value = -value
    if m.group("unit") == "%":
        return "growth", value, "%"
    return "growth_change", value, "pp"


def _split_on(text: str, start: int, sep: str) -> list[Cell]:
    cells, pos = [], 0
    for piece in text.split(sep):
        lead = len(piece) - len(piece.lstrip())
        cells.append(Cell(piece.strip(), start + pos + lead))
        pos += len(piece) + len(sep)
    if sep == "|" and cells and not cells[0].text and text.lstrip().startswith("|"):
        cells = cells[1:]
    while cells and not cells[-1].text:
        cells.pop()
    return cells


def split_cells(para: Paragraph) -> tuple[str, list[Cell]]:
    """(shape, cells) of a line: 'pipe', 'tab', 'space' (a label then numbers) or 'line'."""
    text, start = para.text, para.start
    if "|" in text:
        return "pipe", _split_on(text, start, "|")
    if "\t" in text:
        return "tab", _split_on(text, start, "\t")
    if " " not in text:  # most lines: prose, or one cell of a flattened table
        return "line", [Cell(text.strip(), start)]
    tokens = [Cell(m.group(), start + m.start()) for m in _TOKEN.finditer(text)]
    n = 0
    while n < len(tokens) and _is_value(tokens[-1 - n].text):
        n += 1
    if len(tokens) >= 2 and n >= 1 and n < len(tokens):
        label_end = tokens[-1 - n]
        label_text = text[: label_end.start - start + len(label_end.text)].strip()
        return "space", [Cell(label_text, start), *tokens[len(tokens) - n:]]
    if len(tokens) >= 2 and all(_header_like(t.text) for t in tokens):
        return "space", tokens
    return "line", [Cell(text.strip(), start)]


def _header_like(text: str) -> bool:
    """A short cell of words, not numbers or a sentence: a column header (2024年三季报 is one)."""
    return (0 < len(text) <= HEADER_CELL_MAX and not _is_value(text) and not _SENTENCE_MARK.search(text)
            and not re.search(r"\d{3,}", _YEAR.sub("", re.sub(r"[((][^()()]*[))]", "", text))))


def _is_time(text: str) -> bool:
    """A cell that is a time and nothing else: 3月, 1-3月, 2024年三季报."""
    return _label_period(text.replace(" ", ""), None) is not None


def _is_header_word(text: str) -> bool:
    """A cell that names a column: a label-column word, or a measure or period word, or a unit."""
    r = _rules()
    bare = text.replace(" ", "")
    if bare in r["label_headers"] or bare in r["unit_headers"] or bare in r["level_headers"]:
        return True
    if _PAREN_UNIT.search(text):
        return True
    if any(w in text for _, ws in r["measures"] for w in ws):
        return True
    return any(w in text for ws in r["periods"].values() for w in ws)


# ---- finding tables -----------------------------------------------------------------------------

def find_tables(paragraphs: list[Paragraph]) -> list[Table]:
    """The tables among consecutive paragraphs (one paragraph = one line of the document)."""
    shapes = [split_cells(p) for p in paragraphs]
    tables: list[Table] = []
    i = 0
    while i < len(paragraphs):
        table = _grid_table(paragraphs, shapes, i) or _flat_table(paragraphs, shapes, i)
        if table is None:
            i += 1
            continue
        tables.append(table)
        i = table.last + 1
    return tables


def row_parts(cells: list[Cell]) -> tuple[Cell, str | None, list[Cell]] | None:
    """(label, unit, values) of a data row: text cells, then the values (at least one number).

    Before the label may stand a category (一级指标: 经济稳定) and after it a unit column (%,
    亿元); both are common in statistical tables.
    """
    n = len(cells)
    split = n
    while split > 0 and _is_value(cells[split - 1].text):
        split -= 1
    values = cells[split:]
    texts = [c for c in cells[:split] if c.text]
    if not values or not texts or not any(is_number(v.text) for v in values):
        return None
    unit = None
    if len(texts) >= 2 and len(texts[-1].text) <= UNIT_CELL_MAX and parse_unit(texts[-1].text) is not None:
        unit = texts[-1].text
        texts = texts[:-1]
    label = texts[-1]
    if len(label.text) > LABEL_MAX:
        return None
    return label, unit, values


def _is_data(cells: list[Cell]) -> bool:
    return row_parts(cells) is not None


def _is_header(cells: list[Cell]) -> bool:
    texts = [c.text for c in cells if c.text]
    return (len(texts) >= 1 + MIN_VALUE_COLUMNS - (len(cells) > len(texts))
            and all(_header_like(t) for t in texts) and any(_is_header_word(t) or _is_time(t) for t in texts))


def _grid_table(paragraphs: list[Paragraph], shapes, i: int) -> Table | None:
    """Rows of cells (|, tab or space separated) from paragraph i on, under a header row."""
    shape = shapes[i][0]
    if shape == "line":
        return None
    j = i
    while j < len(paragraphs):
        if shapes[j][0] == shape or (shape == "space" and _fragment(paragraphs[j].text) and (
                _row_follows(shapes, j, shape) or _continues_label(paragraphs[j].text))):
            j += 1
        else:
            break
    while j > i and shapes[j - 1][0] != shape and not _continues_label(paragraphs[j - 1].text):
        j -= 1
    rows = [shapes[k][1] for k in range(i, j)]
    if not any(_is_data(r) for r in rows):
        return None
    if not any(_is_header(r) or _one_column_header(rows, n) for n, r in enumerate(rows)):
        return None
    reader = _GridReader(_caption(paragraphs, i), _unit_line(paragraphs, i), shape, rows)
    for k in range(i, j):
        reader.feed(k - i, paragraphs[k].text)
    sections = [s for s in reader.sections if s.rows]
    return Table(i, j - 1, sections) if sections else None


def _wrap_width(rows: list[list[Cell]]) -> int:
    """The width at which a PDF table wrapped its label cells: the longest of the wrapped pieces
    and of the labels next to them."""
    lengths = []
    for n, row in enumerate(rows):
        if len(row) != 1 or row_parts(row) is not None or not _continues_label(row[0].text):
            continue
        lengths.append(len(row[0].text))
        for m in (n - 1, n + 1):
            if 0 <= m < len(rows) and (parts := row_parts(rows[m])) is not None:
                lengths.append(len(parts[0].text))
    return max((n for n in lengths if n <= CONTINUATION_MAX), default=0)


class _GridReader:
    """Reads a grid's lines in order: titles, header lines, data rows, and the wrapped pieces of
    labels that tables copied out of PDFs put on lines of their own.

    A PDF label cell wraps at a fixed width: a label that fills it (归属于上市公司股) goes on
    below its numbers (东的净资产); a piece after a label that does not fill it (净利润(元)) is
    the start of the next label (归属于上市公司股东的 / 净利润(元) 466,984,530.41 ...).
    """

    def __init__(self, title: str, unit_line: str | None, shape: str, rows: list[list[Cell]]):
        self.title, self.unit_line, self.shape, self.rows = title, unit_line, shape, rows
        self.sections: list[Section] = []
        self.section: Section | None = None
        self.pending: list[list[str]] = []
        self.prefix: list[str] = []
        self.last = ""  # "data", "prefix" or "header"
        self.tail = 0   # length of the last line of the last label
        self.width = _wrap_width(rows)

    def feed(self, n: int, line: str) -> None:
        row_cells = self.rows[n]
        texts = [c.text for c in row_cells if c.text]
        if not texts or _RULE_ROW.fullmatch(line):
            return
        if _is_note(texts[0]):
            if (u := _unit_of_line(texts[0])) is not None:
                self.unit_line = u
            return
        parts = row_parts(row_cells)
        if _HEADING.match(texts[0]) and parts is None:
            self.title, self.section, self.pending, self.prefix, self.last = line.strip(), None, [], [], ""
            return
        if len(row_cells) == 1 and parts is None and self.shape != "pipe":
            self._fragment(n, texts[0])
            return
        one_column_header = _one_column_header(self.rows, n)
        if len(texts) == 1 and parts is None and self.shape == "pipe" and not one_column_header:
            if (u := _unit_of_line(texts[0])) is not None:
                self.unit_line = u
            elif _TITLE_NUMBER.match(texts[0]) or _last_period(texts[0], None):
                self.title, self.section, self.pending = texts[0], None, []
            # else a group label inside the table (每股指标:, 按经营地分): the header holds
            return
        if parts is not None:
            self._data(line, *parts)
            return
        if _is_header(row_cells) or one_column_header or self.last == "header":
            self.pending.append([c.text for c in row_cells])
            self.last = "header"

    def _data(self, line: str, label: Cell, unit: str | None, values: list[Cell]) -> None:
        if self.pending:
            self.section = Section(self.title, self.unit_line, self.pending)
            self.sections.append(self.section)
            self.pending = []
        if self.prefix:
            label = Cell("".join(self.prefix) + label.text, label.start)
            line = " / ".join([*self.prefix, line])
            self.prefix = []
        if self.section is not None:
            self.section.rows.append(Row(label, values, line, unit))
        self.last = "data"
        self.tail = len(label.text)

    def _fragment(self, n: int, text: str) -> None:
        rows = self.section.rows if self.section is not None else []
        follows = n + 1 < len(self.rows) and _is_data(self.rows[n + 1])
        if self.last == "data" and rows and _continues_label(text) and (self.tail >= self.width - 1 or not follows):
            prev = rows[-1]
            rows[-1] = Row(Cell(prev.label.text + text, prev.label.start), prev.values,
                           prev.quote + " / " + text, prev.unit)
            self.tail = len(text)
        elif self.last in ("data", "prefix") and (follows or (n + 2 < len(self.rows) and _is_data(self.rows[n + 2]))):
            self.prefix.append(text)
            self.last = "prefix"
        else:
            self.pending.append([text])
            self.last = "header"


def _row_follows(shapes, j: int, shape: str) -> bool:
    """Whether a row of `shape` comes within the next two lines."""
    return any(j + d < len(shapes) and shapes[j + d][0] == shape for d in (1, 2))


def _one_column_header(rows: list[list[Cell]], n: int) -> bool:
    """A lone header cell over a one-value-column table (| 环比增长速度(%) | | above | 1季度 | 1.5 |)."""
    texts = [c.text for c in rows[n] if c.text]
    return (len(texts) == 1 and n + 1 < len(rows) and _is_data(rows[n + 1]) and len(rows[n + 1]) == 2
            and _is_header_word(texts[0]))


def _continues_label(text: str) -> bool:
    """The wrapped end of a row label: a few characters, no digits (东的净资产, 股))."""
    return len(text) <= CONTINUATION_MAX and not re.search(r"\d", text)


def _fragment(text: str) -> bool:
    """A short line of words inside a PDF table: the wrapped end of a label or of a header."""
    text = text.strip()
    return 0 < len(text) <= HEADER_CELL_MAX and not _SENTENCE_MARK.search(text) and not _is_value(text)


def headers_for(header_rows: list[list[str]], n: int) -> list[str] | None:
    """The headers of n value columns, from the header lines above them.

    Header rows of one width stack into one header per column; a header row may or may not
    name the label column. Headers a PDF wrapped into fragments (本报告期末比上年度末 / 本报告期末
    上年度末 / 增减(%)) are put back by role: period columns in order, then the comparison column.
    """
    stacked = _stack(header_rows, n)
    if stacked is not None:
        return stacked
    widths = {len(r) for r in header_rows}
    if len(widths) == 1 or len(header_rows) == 1 or max(widths) == len(header_rows[-1]):
        merged = _merge_headers(header_rows)
        aligned = _align(merged, n)
        if aligned is not None:
            return aligned
    tokens = [t for r in header_rows for t in r if t]
    change = [t for t in tokens if "比" in t or t.endswith(_CHANGE_TAILS)]
    notes = [t for t in tokens if t.startswith(("(", "(")) and t not in change]
    columns = [t for t in tokens if t not in change and t not in notes
               and t.replace(" ", "") not in _rules()["label_headers"]]
    if change and len(columns) + 1 == n:
        if notes and columns:
            columns[0] += "".join(notes)
        return [*columns, "".join(change)]
    return None


def _stack(header_rows: list[list[str]], n: int) -> list[str] | None:
    """Headers when the last header row names the n columns and each row above either has a cell
    per column (empty where a cell spans) or fewer cells that span equal groups (3月 | 1-3月 over
    绝对量 | 同比增长 | 绝对量 | 同比增长). The label column's header (指标) is set aside."""
    labels = _rules()["label_headers"]
    rows = []
    for r in header_rows:
        cells = list(r)
        while cells and not cells[-1]:
            cells.pop()
        if cells and cells[0].replace(" ", "") in labels:
            cells = cells[1:]
        rows.append(cells)
    last = rows[-1]
    if len(last) == n + 1 and not last[0]:
        last = last[1:]
    if len(last) != n or any(not c for c in last) or len(rows) == 1:
        return None
    columns = [""] * n
    for upper in rows[:-1]:
        filled = [c for c in upper if c]
        if len(upper) == n:
            carry = ""
            for i, c in enumerate(upper):
                carry = c or carry
                columns[i] += carry
        elif filled and n % len(filled) == 0:
            span = n // len(filled)
            for i in range(n):
                columns[i] += filled[i // span]
        else:
            return None
    return [u + c for u, c in zip(columns, last, strict=True)]


_CHANGE_TAILS = ("增减", "增减(%)", "减(%)", "增减%", "增减(%)", "减(%)")


def _merge_headers(rows: list[list[str]]) -> list[str]:
    """Stacked header rows become one header per column; an upper cell spreads over the empty
    cells to its right, as a spanning cell does (本月 | | 累计 | over 绝对数 | 增长% | 绝对数 | 增长%).
    A narrower row lacks the label column's cell, so it aligns to the right."""
    width = max(len(r) for r in rows)
    merged = [""] * width
    for n_row, r in enumerate(rows):
        texts = [""] * (width - len(r)) + list(r)
        carry = ""
        for n, text in enumerate(texts):
            if n_row < len(rows) - 1:
                carry = text or carry
                merged[n] += carry
            else:
                merged[n] += text
    return merged


def _single_cell(para: Paragraph) -> Cell | None:
    """The one cell of a line that holds one (粗钢, 27864 |), an empty Cell for a spacer line
    (||||), None for a line of several cells or of prose."""
    text = para.text
    if "\t" in text:
        return None
    if "|" in text:
        cells = [c for c in _split_on(text, para.start, "|") if c.text]
        if len(cells) > 1:
            return None
        return cells[0] if cells else Cell("", para.start)
    stripped = text.strip()
    if len(stripped) > LABEL_MAX or _SENTENCE_MARK.search(stripped):
        return None
    return Cell(stripped, para.start + len(text) - len(text.lstrip()))


def _flat_table(paragraphs: list[Paragraph], shapes, i: int) -> Table | None:
    """A table flattened to one cell per line: header cells, then a label and its values per row.

    The number of value columns is what most rows have; header cells beyond it are an upper
    header row whose cells span the columns below them (3月 | 1-3月 over 绝对量 | 同比增长 twice).
    """
    first = _single_cell(paragraphs[i])
    if first is None or not first.text or not _header_cell(first.text):
        return None
    headers: list[str] = []
    caption = ""
    j = i
    while j < len(paragraphs):
        cell = _single_cell(paragraphs[j])
        if cell is None or (cell.text and not _header_cell(cell.text)):
            break
        if cell.text and _next_is_value(paragraphs, j):
            break
        if cell.text and not headers and _rules()["caption"].search(cell.text):
            caption = cell.text  # 表1 …构成表: the table's title
        elif cell.text:
            headers.append(cell.text)
        j += 1
    set_aside = _rules()["label_headers"] | _rules()["unit_headers"]
    headers = _join_unit_lines([h for h in headers if h.replace(" ", "") not in set_aside])
    if not headers:
        return None
    rows: list[tuple[Cell, list[Cell]]] = []
    units: dict[int, str] = {}  # row number -> the unit its unit cell gives
    last = j - 1
    while j < len(paragraphs):
        cell = _single_cell(paragraphs[j])
        if cell is None:
            break
        if cell.text and _is_value(cell.text):
            if not rows:
                break
            rows[-1][1].append(cell)
        elif cell.text:
            if _is_note(cell.text) or _HEADING.match(cell.text):
                break
            if rows and not rows[-1][1] and len(rows) - 1 not in units and _is_unit_cell(cell.text):
                units[len(rows) - 1] = cell.text  # 社会消费品零售总额 | 亿元 | 631.38 | -7.8
            else:
                rows.append((cell, []))
        last = j
        j += 1
    counts = Counter(len(values) for _, values in rows if values)
    if not counts:
        return None
    k = counts.most_common(1)[0][0]
    columns = _spread(headers, k)
    if columns is None:
        return None
    section = Section(caption or _caption(paragraphs, i), _unit_line(paragraphs, i), [columns])
    for n, (label, values) in enumerate(rows):
        if len(values) == k:
            unit = units.get(n)
            quote = " | ".join([label.text, *([unit] if unit else []), *(v.text for v in values)])
            section.rows.append(Row(label, values, quote, unit))
    while rows and not rows[-1][1] and last > i:  # a trailing label without values is not ours
        rows.pop()
        last -= 1
    return Table(i, last, [section]) if section.rows else None


def _is_unit_cell(text: str) -> bool:
    return len(text) <= UNIT_CELL_MAX and parse_unit(text) is not None


def _header_cell(text: str) -> bool:
    return _header_like(text) and (_is_header_word(text) or _is_time(text))


def _next_is_value(paragraphs: list[Paragraph], j: int) -> bool:
    """Whether the next non-empty single cell after line j is a number (j is then a row label)."""
    for k in range(j + 1, min(j + 4, len(paragraphs))):
        cell = _single_cell(paragraphs[k])
        if cell is None:
            return False
        if cell.text:
            return _is_value(cell.text)
    return False


def _join_unit_lines(headers: list[str]) -> list[str]:
    """绝对量 / (亿元): a header cell whose unit wrapped onto a line of its own is one cell."""
    out: list[str] = []
    for h in headers:
        if out and _PAREN_UNIT.fullmatch(h.strip()):
            out[-1] += h.strip()
        else:
            out.append(h)
    return out


def _spread(headers: list[str], k: int) -> list[str] | None:
    """k column headers from a flat header list: the last k are the columns; the ones before
    them, when they divide k, span equal groups of them."""
    if len(headers) == k:
        return headers
    if len(headers) < k:
        return None
    lower, upper = headers[-k:], headers[:-k]
    if k % len(upper):
        return lower
    span = k // len(upper)
    return [upper[c // span] + lower[c] for c in range(k)]


def _caption(paragraphs: list[Paragraph], i: int) -> str:
    """The line just above a table (spacer lines skipped), which names what and when it shows."""
    for back in range(1, 4):
        if i - back < 0:
            break
        cell = _single_cell(paragraphs[i - back])
        text = cell.text if cell is not None else paragraphs[i - back].text
        if not text or _unit_of_line(text) is not None:
            continue
        return text
    return ""


def _unit_line(paragraphs: list[Paragraph], i: int) -> str | None:
    for back in (1, 2):
        if i - back >= 0 and (u := _unit_of_line(paragraphs[i - back].text)) is not None:
            return u
    return None


def _unit_of_line(text: str) -> str | None:
    m = _rules()["unit_line"].search(text)
    return m.group("unit") if m else None


def _is_note(text: str) -> bool:
    return text.startswith(_rules()["notes"]) or _unit_of_line(text) is not None


# ---- reading cells ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    measure: str
    unit: str | None
    factor: Decimal
    period: str | None
    basis: str | None


def read_table(table: Table, pub: date | None, context_period: str | None,
               default_region: str | None) -> list[TableCell]:
    out: list[TableCell] = []
    for section in table.sections:
        out.extend(_read_section(section, pub, context_period, default_region))
    return out


def _read_section(section: Section, pub: date | None, context_period: str | None,
                  default_region: str | None) -> list[TableCell]:
    base = _last_period(section.title, pub) or context_period
    title_subject = _title_subject(section.title, pub)
    out: list[TableCell] = []
    year_carry: str | None = None
    unit_carry: str | None = None  # 社会消费品零售总额(亿元) over 批发零售业, 住宿餐饮业 …: one unit for the rows under it
    for row in section.rows:
        headers = headers_for(section.header_rows, len(row.values))
        if headers is None:
            continue
        label, label_unit = _label_and_unit(row.label.text)
        row_unit = label_unit or row.unit
        unit_carry = None if row.unit else (label_unit or unit_carry)
        if not label:
            continue
        region, period_of_row, subject = default_region, None, label
        label_period = _label_period(label, pub)
        if label_period is not None:
            period_of_row, year_carry = _carry_year(label_period, label, year_carry)
            subject = title_subject
        elif (place := _place(label)) is not None:
            region, subject = place, title_subject or label
        if not subject:
            continue
        periods = column_periods(headers, period_of_row or base, pub)
        for header, period, cell in zip(headers, periods, row.values, strict=True):
            if not is_number(cell.text):
                change = _change_cell(cell.text)
                if change is not None:
                    measure, value, unit = change
                    basis = _compared_with(header, period, measure) or ("yoy" if measure == "growth" else None)
                    out.append(TableCell(subject, measure, value, unit, period, basis, region, row.quote,
                                         cell.start, cell.start + len(cell.text)))
                continue
            column = _column(header, section.title, section.unit_line, row_unit, period, label)
            if column is None and unit_carry:
                column = _column(header, section.title, section.unit_line, unit_carry, period, label)
            if column is None:
                continue
            value = _number(cell.text)
            if value is None:
                continue
            out.append(TableCell(subject, column.measure, value * column.factor, column.unit, column.period,
                                 column.basis, region, row.quote, cell.start, cell.start + len(cell.text)))
    return out


def _align(headers: list[str], n: int) -> list[str] | None:
    """The headers of the n value columns: a header row may or may not name the label column."""
    if len(headers) > n + 1 and n >= 1:
        return headers[-n:]  # category, label and unit columns stand before the values
    if len(headers) == n + 1:
        return headers[1:]
    if len(headers) == n:
        if headers and headers[0].replace(" ", "") in _rules()["label_headers"] and n > 1:
            return None
        return headers
    return None


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", "").replace("−", "-").rstrip("%"))
    except InvalidOperation:
        return None


def _label_and_unit(text: str) -> tuple[str, str | None]:
    text = _LABEL_NUMBER.sub("", _HEADING.sub("", text.strip())).strip()
    for mark in _rules()["label_marks"]:
        if text.startswith(mark):
            text = text[len(mark):].strip()
            break
    unit = None
    if (m := _PAREN_UNIT.search(text)) and parse_unit(m.group(1)) is not None:
        unit = m.group(1)
        text = text[: m.start()].strip()
    return text.replace(" ", "") if re.fullmatch(r"[\u4e00-\u9fff ]+", text) else text, unit


def _label_period(label: str, pub: date | None) -> str | None:
    """The period a row label is, when the label is nothing but a time (2011年1季度, 2季度)."""
    times = [t for t in find_times(label, pub) if t.kind == "period" and t.value]
    if len(times) == 1 and times[0].start == 0 and times[0].end == len(label):
        return times[0].value
    return None


def _carry_year(period: str, label: str, carry: str | None) -> tuple[str, str | None]:
    """Rows 2011年1季度, 2季度, 3季度: the year named once holds for the rows below it."""
    if re.search(r"\d{4}年", label):
        return period, period[:4]
    if carry and re.match(r"\d{4}|\?{4}", period):
        return carry + period[4:].replace(period[:4], carry), carry
    return period, carry


def _place(label: str) -> str | None:
    regions = find_regions(label)
    if len(regions) == 1 and regions[0].kind == PLACE and regions[0].end - regions[0].start >= len(label) - 1:
        return regions[0].name
    return None


def _last_period(text: str, pub: date | None) -> str | None:
    periods = [t.value for t in find_times(text, pub) if t.kind == "period" and t.value]
    return periods[-1] if periods else None


def _title_subject(title: str, pub: date | None) -> str:
    """What a table of places or periods measures: its title without number, times and tail."""
    text = _TITLE_NUMBER.sub("", title).strip()
    for t in sorted(find_times(text, pub), key=lambda t: -t.start):
        text = text[: t.start] + text[t.end:]
    text = re.sub(r"[((][^()()]*[))]", "", text).strip(" :：,")
    return _TITLE_TAIL.sub("", text).strip() if len(text) > 2 else text


def _column(header: str, title: str, unit_line: str | None, row_unit: str | None,
            period: str | None, label: str = "") -> Column | None:
    r = _rules()
    bare = header.replace(" ", "")  # 行业占 比(%): a header broken by the layout
    measure = next((m for m, ws in r["measures"] if any(w in bare for w in ws)), "level")
    if measure == "level" and row_unit == "%":
        # 服务业增加值占GDP比重 | % | 55.75: a percentage row names its own measure
        measure = next((m for m, ws in r["label_measures"] if any(w in label for w in ws)), "level")
    header_unit = None
    if m := _PAREN_UNIT.search(header):
        header_unit = m.group(1)
    if measure in ("growth", "share", "contribution"):
        if header_unit in ("百分点", "个百分点"):
            return Column("growth_change", "pp", Decimal(1), period, None)
        basis = None
        if measure == "growth":
            basis = _compared_with(header, period, measure) or ("mom" if any(w in header + title for w in r["mom"]) else "yoy")
        return Column(measure, "%", Decimal(1), period, basis)
    if measure in ("growth_change", "pull"):
        return Column(measure, "pp", Decimal(1), period, None)
    for text in (row_unit, header_unit, unit_line):
        if text and (parsed := parse_unit(text)) is not None:
            unit, factor = parsed
            return Column("level", unit, factor, period, None)
    return None


def _compared_with(header: str, period: str | None, measure: str) -> str | None:
    """The basis of a change column by what it compares with: 比上年度末 -> vs: the last year-end;
    比上年同期 -> yoy for a growth rate, vs: the same span a year earlier for a change in points."""
    p = _rules()["periods"]
    year = (period or "")[:4]
    if any(w in header for w in p["previous_year"]):
        if measure == "growth":
            return "yoy"
        shifted = shift_year(period)
        return f"vs:{shifted}" if shifted else None
    if any(w in header for w in p["previous_year_end"]) and year.isdigit():
        return f"vs:{int(year) - 1:04d}-12-31"
    return None


def _own_period(header: str, base: str | None, pub: date | None) -> tuple[str | None, str] | None:
    """The period a column header names, with how it names it ("time", "current", "cumulative",
    "period_end", "previous_year_end", "previous_year"); None when it names none."""
    own = [t for t in find_times(header, pub) if t.kind == "period" and t.value]
    if own:
        return own[-1].value, "time"
    p = _rules()["periods"]
    comparison = _rules()["comparison"]

    def names(kind: str) -> bool:
        for w in p[kind]:
            at = header.find(w)
            if at >= 0 and not header[:at].endswith(comparison):
                return True
        return False

    end = end_month(base) if base else None
    year = int(base[:4]) if base and base[:4].isdigit() else None
    if names("cumulative"):  # 年初至报告期末: a span from January, not the end date
        return (span_period(year, 1, end) if year and end else None), "cumulative"
    if names("period_end"):
        return (point_period(year, end) if year and end else None), "period_end"
    if names("previous_year_end"):
        return (f"{year - 1:04d}-12-31" if year else None), "previous_year_end"
    if names("previous_year"):
        return shift_year(base), "previous_year"
    if names("current"):
        return base, "current"
    return None


def column_periods(headers: list[str], base: str | None, pub: date | None) -> list[str | None]:
    """Each column's period. A column that names none takes the period of the nearest column to
    its left that is not a comparison period (本月 | 比去年同月增长(%) | 1-本月 | 比去年同期增长(%)),
    else the table's."""
    shared, spanned = _spanning_time(tuple(headers), pub)
    headers, base = list(spanned), shared or base
    out: list[str | None] = []
    left: str | None = None
    for header in headers:
        own = _own_period(header, base, pub)
        if own is None:
            out.append(left if left is not None else base)
            continue
        period, kind = own
        out.append(period)
        if kind not in ("previous_year", "previous_year_end"):
            left = period
    return out


@lru_cache(maxsize=256)
def _spanning_time(headers: tuple[str, ...], pub: date | None) -> tuple[str | None, tuple[str, ...]]:
    """A time over every column (2022年9月 above 本月 | 1-本月 | 比去年同期增长): the table's period,
    taken off each header so that the column's own words (1-本月: January to that month) decide.
    (Every row of a table asks with the same headers, hence the cache.)"""
    if len(headers) < 2:
        return None, headers
    prefix = os.path.commonprefix(headers)
    times = [t for t in find_times(prefix, pub) if t.kind == "period" and t.value]
    if not times:
        return None, headers
    end = times[-1].end
    if any(t.start <= end < t.end for h in headers for t in find_times(h, pub)):
        return None, headers  # the prefix ends inside the columns' own times (2022年1-9月, 2022年1-10月)
    return times[-1].value, tuple(h[end:] for h in headers)
