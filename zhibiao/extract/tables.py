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
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache

from zhibiao.extract.mentions import parse_unit
from zhibiao.extract.periods import TimeMention, find_times
from zhibiao.extract.regions import NATIONAL, PLACE, find_regions
from zhibiao.extract.subjects import WINDOW_CACHE
from zhibiao.ingest.segment import Paragraph
from zhibiao.period import end_month, point_period, shift_year, span_period
from zhibiao.rules import alternation, load, words

_NUMBER = re.compile(r"[-+−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?%?")
_TOKEN = re.compile(r"\S+")
_PAREN_UNIT = re.compile(r"[((]([^()()]{1,8})[))]\s*$")
_PAREN_NOTE = re.compile(r"[((][^()()]*[))]")
_RULE_ROW = re.compile(r"[\s|:-]*-{3,}[\s|:-]*")
_LONG_DIGITS = re.compile(r"\d{3,}")
_DIGIT = re.compile(r"\d")
_HAN_AND_SPACES = re.compile(r"[\u4e00-\u9fff ]+")
_YEAR_FIRST = re.compile(r"\d{4}|\?{4}")
_MONTH = re.compile(r"\d{4}-\d{2}")
HEADER_CELL_MAX = 24
CONTINUATION_MAX = 12
UNIT_CELL_MAX = 6
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
    month_labels: bool = False  # under a column of months, rows labelled 3, 1-2 are 3月, 1-2月
    # per value column, the account an upper header names over it (主营业务收入 over 1-2月 | 比去年同期增长(%)), or ""
    column_accounts: list[str] | None = None


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
        # growth columns are month on month when header or title says so (measures.toml), else yoy
        "mom": words("measures", "basis", "mom"),
        "unit_line": re.compile("|".join(table["unit_line"]["patterns"])),
        "notes": words("tables", "notes", "words"),
        "caption": re.compile("|".join(table["captions"]["patterns"])),
        "label_marks": words("tables", "label_marks", "words"),
        "placeholders": frozenset(table["placeholders"]["words"]),
        "change_cell": _change_cell_pattern(),
        "falling": frozenset(words("measures", "growth", "down")),
        "change_marks": tuple(table["change_headers"]["marks"]),
        "change_tails": tuple(table["change_headers"]["tails"]),
        "point_units": frozenset(table["point_units"]["words"]),
        "title_tail": re.compile(f"(?:{alternation('tables', 'titles', 'tails')})$"),
        "title_strip": table["titles"]["strip"],
        "title_leads": re.compile(table["titles"]["leads"]),
        # an amount named as a column (主营业务收入 | 同比 | …): a header, its unit in the title or text
        "amount_headers": frozenset(words("measures", "growth", "amounts")),
        "total_label_tail": table["total_rows"]["tail"],
        "part_marks": table["total_rows"]["part_marks"],
        "same_span": words("tables", "same_span", "words"),
        "time_suffixes": words("tables", "time_cells", "suffixes"),
        "measure_row": _measure_row_pattern(table),
        "cumulative_rows": tuple(table["measure_rows"]["cumulative"]),
        "month_headers": frozenset(table["month_headers"]["words"]),
        "label_measure_words": {m: re.compile(p) for m, p in table["label_measure_words"].items()},
        "month_suffix": table["month_headers"]["suffix"],
        **{name: re.compile(pattern) for name, pattern in table["patterns"].items()},
    }


def _measure_row_pattern(table: dict) -> re.Pattern:
    """A row label that is a measure alone (当月增速, 累计增速): the words of tables.toml [measure_rows]
    and [label_measures] growth."""
    prefixes = "|".join(map(re.escape, sorted(table["measure_rows"]["prefixes"], key=len, reverse=True)))
    measures = "|".join(map(re.escape, sorted(table["label_measures"]["growth"], key=len, reverse=True)))
    return re.compile(f"(?:{prefixes})?(?P<measure>{measures})")


def _change_cell_pattern() -> re.Pattern:
    """A cell that states a change (增加1.30个百分点, 下降2.1%): a growth verb of measures.toml, a
    number, a unit of tables.toml [change_cells]."""
    verbs = alternation("measures", "growth", "up") + "|" + alternation("measures", "growth", "down")
    units = alternation("tables", "change_cells", "units")
    return re.compile(rf"(?P<verb>{verbs})?(?P<number>[-+−]?\d+(?:\.\d+)?)(?P<unit>{units})?")


# ---- cells --------------------------------------------------------------------------------------

def is_number(text: str) -> bool:
    return bool(_NUMBER.fullmatch(text))


def _is_value(text: str) -> bool:
    r = _rules()
    return is_number(text) or text in r["placeholders"] or bool(r["change_cell"].fullmatch(text)) \
        or bool(r["multiple_cell"].fullmatch(text))


def _change_cell(text: str) -> tuple[str, Decimal, str] | None:
    """(measure, signed value, unit) of a cell that states a change: 增加1.30个百分点."""
    m = _rules()["change_cell"].fullmatch(text)
    if not m or not m.group("unit"):
        return None
    value = _number(m.group("number"))
    if value is None:
        return None
    if m.group("verb") in _rules()["falling"]:
        value = -value
    if m.group("unit") == "%":
        return "growth", value, "%"
    return "growth_change", value, "pp"


def _multiple_cell(text: str, header: str) -> tuple[str, Decimal, str] | None:
    """(growth, value in %, %) of a cell like 1.6倍 under a header of growth rates, else None."""
    m = _rules()["multiple_cell"].fullmatch(text)
    if m is None or not any(w in header for w in dict(_rules()["measures"])["growth"]):
        return None
    value = _number(m.group("number"))
    return None if value is None else ("growth", value * 100, "%")


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
        unit = []
        if n + 1 < len(tokens) and _is_unit_cell(label_end.text):
            # 利润总额 亿元 3227.5 10.5: a unit column between the label and the values
            unit, label_end = [label_end], tokens[-2 - n]
        label_text = text[: label_end.start - start + len(label_end.text)].strip()
        return "space", [Cell(label_text, start), *unit, *tokens[len(tokens) - n:]]
    if len(tokens) >= 2 and all(_header_like(t.text) for t in tokens):
        return "space", tokens
    return "line", [Cell(text.strip(), start)]


def _header_like(text: str) -> bool:
    """A short cell of words, not numbers or a sentence: a column header (2024年三季报 is one)."""
    r = _rules()
    return (0 < len(text) <= HEADER_CELL_MAX and not _is_value(text) and not r["sentence_mark"].search(text)
            and not _LONG_DIGITS.search(r["year"].sub("", _PAREN_NOTE.sub("", text))))


def _is_time(text: str) -> bool:
    """A cell that is a time and nothing else: 3月, 1-3月, 2024年三季报."""
    bare = text.replace(" ", "")
    for suffix in _rules()["time_suffixes"]:
        bare = bare.removesuffix(suffix) or bare
    return _label_period(bare, None) is not None


def _is_header_word(text: str) -> bool:
    """A cell that names a column: a label-column word, or a measure or period word, or a unit."""
    r = _rules()
    bare = text.replace(" ", "")
    if bare in r["label_headers"] or bare in r["unit_headers"] or bare in r["level_headers"]:
        return True
    if _PAREN_UNIT.search(text) or bare in r["amount_headers"]:
        return True
    return _names_measure_or_period(text)


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
    j = _grid_end(paragraphs, shapes, i, shape)
    rows = [shapes[k][1] for k in range(i, j)]
    if not _has_data_and_header(rows):
        return None
    reader = _GridReader(_caption(paragraphs, i), _unit_line(paragraphs, i), shape, rows)
    for k in range(i, j):
        reader.feed(k - i, paragraphs[k].text)
    sections = [s for s in reader.sections if s.rows]
    return Table(i, j - 1, sections) if sections else None


def _grid_end(paragraphs: list[Paragraph], shapes, i: int, shape: str) -> int:
    """The index after the last line of a grid of `shape` from line i: its rows and the wrapped
    pieces of PDF labels between them, without trailing lines of another shape."""
    j = i
    while j < len(paragraphs) and _grid_goes_on(paragraphs, shapes, j, shape):
        j += 1
    while j > i and shapes[j - 1][0] != shape and not _continues_label(paragraphs[j - 1].text):
        j -= 1
    return j


def _grid_goes_on(paragraphs: list[Paragraph], shapes, j: int, shape: str) -> bool:
    """Whether line j belongs to a grid of `shape`: a row of it, or (in a PDF table) a short
    fragment before more rows or one that continues a label."""
    if shapes[j][0] == shape:
        return True
    text = paragraphs[j].text
    return shape == "space" and _fragment(text) and (_row_follows(shapes, j, shape) or _continues_label(text))


def _has_data_and_header(rows: list[list[Cell]]) -> bool:
    """A grid is a table when one of its rows is data and one is a header."""
    if not any(_is_data(r) for r in rows):
        return False
    return any(_is_header(r) or _one_column_header(rows, n) for n, r in enumerate(rows))


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
        if not texts or _RULE_ROW.fullmatch(line) or self._took_note(texts[0]):
            return
        parts = row_parts(row_cells)
        if parts is not None:
            self._data(line, *parts)
        else:
            self._words(n, line, texts)

    def _took_note(self, text: str) -> bool:
        """A note line (注:, 单位:亿元) is no row; a unit line gives the unit of the rows below."""
        if not _is_note(text):
            return False
        if (u := _unit_of_line(text)) is not None:
            self.unit_line = u
        return True

    def _words(self, n: int, line: str, texts: list[str]) -> None:
        """A line without data: a heading, a wrapped fragment, a title or unit line, a header."""
        row_cells = self.rows[n]
        if _rules()["heading"].match(texts[0]):
            self.title, self.section, self.pending, self.prefix, self.last = line.strip(), None, [], [], ""
            return
        if len(row_cells) == 1 and self.shape != "pipe":
            self._fragment(n, texts[0])
            return
        one_column_header = _one_column_header(self.rows, n)
        if len(texts) == 1 and self.shape == "pipe" and not one_column_header:
            self._pipe_line(texts[0])
            return
        if _is_header(row_cells) or one_column_header or self.last == "header":
            self.pending.append([c.text for c in row_cells])
            self.last = "header"

    def _pipe_line(self, text: str) -> None:
        """A lone cell in a pipe table: a unit line, a new title, or (else) a group label inside
        the table (每股指标:, 按经营地分), under which the header holds."""
        if (u := _unit_of_line(text)) is not None:
            self.unit_line = u
        elif _rules()["title_number"].match(text) or _last_period(text, None) or not (self.sections or self.pending):
            self.title, self.section, self.pending = text, None, []  # (a lone cell above all headers: the title)

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
    return len(text) <= CONTINUATION_MAX and not _DIGIT.search(text)


def _fragment(text: str) -> bool:
    """A short line of words inside a PDF table: the wrapped end of a label or of a header."""
    text = text.strip()
    return 0 < len(text) <= HEADER_CELL_MAX and not _rules()["sentence_mark"].search(text) and not _is_value(text)


def headers_for(header_rows: list[list[str]], n: int) -> list[str] | None:
    """The headers of n value columns, from the header lines above them.

    Header rows of one width stack into one header per column; a header row may or may not
    name the label column. Headers a PDF wrapped into fragments (本报告期末比上年度末 / 本报告期末
    上年度末 / 增减(%)) are put back by role: period columns in order, then the comparison column.
    """
    stacked = _stack(header_rows, n)
    if stacked is not None:
        return stacked
    merged = _merged_and_aligned(header_rows, n)
    if merged is not None:
        return merged
    return _headers_by_role(header_rows, n)


def _merged_and_aligned(header_rows: list[list[str]], n: int) -> list[str] | None:
    """Header rows merged into one per column (when they line up) and aligned to the n values."""
    widths = {len(r) for r in header_rows}
    if len(widths) == 1 or len(header_rows) == 1 or max(widths) == len(header_rows[-1]):
        return _align(_merge_headers(header_rows), n)
    return None


def _headers_by_role(header_rows: list[list[str]], n: int) -> list[str] | None:
    """Wrapped header fragments put back: the period columns in order, then one comparison column
    made of every fragment that compares or ends in an increase-or-decrease word."""
    change, notes, columns = _header_roles([t for row in header_rows for t in row if t])
    if change and len(columns) + 1 == n:
        if notes and columns:
            columns[0] += "".join(notes)
        return [*columns, "".join(change)]
    return None


def _header_roles(tokens: list[str]) -> tuple[list[str], list[str], list[str]]:
    """(comparison fragments, bracketed notes, period columns) among header fragments; the label
    column's header is none of them."""
    change = [t for t in tokens if _is_change_header(t)]
    notes = [t for t in tokens if t.startswith(("(", "(")) and t not in change]
    labels = _rules()["label_headers"]
    columns = [t for t in tokens if t not in change and t not in notes and t.replace(" ", "") not in labels]
    return change, notes, columns


def _is_change_header(text: str) -> bool:
    """A header fragment of a comparison column: 比上年度末, 增减(%)."""
    r = _rules()
    return any(m in text for m in r["change_marks"]) or text.endswith(r["change_tails"])


def _stack(header_rows: list[list[str]], n: int) -> list[str] | None:
    """Headers when the last header row names the n columns and each row above either has a cell
    per column (empty where a cell spans) or fewer cells that span equal groups (3月 | 1-3月 over
    绝对量 | 同比增长 | 绝对量 | 同比增长). The label column's header (指标) is set aside."""
    rows = [_without_label_header(r) for r in header_rows]
    last = rows[-1]
    if len(last) == n + 1 and not last[0]:
        last = last[1:]
    if len(last) != n or any(not c for c in last) or len(rows) == 1:
        return None
    columns = [""] * n
    for upper in rows[:-1]:
        if not _stack_upper(columns, upper):
            return None
    return [u + c for u, c in zip(columns, last, strict=True)]


def _without_label_header(row: list[str]) -> list[str]:
    """A header row without its trailing empty cells and without the label column's header."""
    cells = list(row)
    while cells and not cells[-1]:
        cells.pop()
    if cells and cells[0].replace(" ", "") in _rules()["label_headers"]:
        cells = cells[1:]
    return cells


def _stack_upper(columns: list[str], upper: list[str]) -> bool:
    """Prefix each column with the cell of an upper header row that stands over it: a cell per
    column (an empty one continuing the cell to its left), or cells spanning equal groups. False
    when the row fits neither way."""
    n = len(columns)
    filled = [c for c in upper if c]
    if len(upper) == n:
        carry = ""
        for i, c in enumerate(upper):
            carry = c or carry
            columns[i] += carry
        return True
    if filled and n % len(filled) == 0:
        span = n // len(filled)
        for i in range(n):
            columns[i] += filled[i // span]
        return True
    return False


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
    if len(stripped) > LABEL_MAX or _rules()["sentence_mark"].search(stripped):
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
    headers, caption, j = _flat_headers(paragraphs, i)
    if not headers:
        return None
    months = _labelled_by_month(paragraphs, i, j)
    rows, units, last = _flat_rows(paragraphs, j, len(headers) if months else 0)
    k = _common_width(rows)
    if k is None:
        return None
    if not _units_under_uppers(headers, k):
        headers = _join_unit_lines(headers)
    columns = _spread(headers, k)
    if columns is None:
        return None
    section = Section(caption or _caption(paragraphs, i), _unit_line(paragraphs, i), [columns], month_labels=months,
                      column_accounts=_column_accounts(headers, k))
    section.rows = _rows_of_width(rows, units, k)
    while rows and not rows[-1][1] and last > i:  # a trailing label without values is not ours
        rows.pop()
        last -= 1
    return Table(i, last, [section]) if section.rows else None


def _common_width(rows: list[tuple[Cell, list[Cell]]]) -> int | None:
    """The number of values most rows have; None where most lines have none (an infographic laid out one
    phrase per line: prose, not rows)."""
    counts = Counter(len(values) for _, values in rows if values)
    if not counts or sum(counts.values()) * 2 < len(rows):
        return None
    return counts.most_common(1)[0][0]


def _flat_headers(paragraphs: list[Paragraph], i: int) -> tuple[list[str], str, int]:
    """(header cells, caption, index of the first row's line) of a flattened table from line i.
    The label and unit columns' headers are set aside (a unit on a line of its own is joined to the
    header above it by _flat_table, unless the units are columns of their own)."""
    caption_pattern = _rules()["caption"]
    headers: list[str] = []
    caption = ""
    j = i
    while j < len(paragraphs):
        cell = _flat_header_cell(paragraphs[j], headers)
        if cell is None:
            break
        if cell.text and _next_is_value(paragraphs, j):
            break
        if cell.text and not headers and caption_pattern.search(cell.text):
            caption = cell.text  # 表1 …构成表: the table's title
        elif cell.text:
            caption, headers = _title_above_labels(caption, headers, cell.text)
        j += 1
    set_aside = _rules()["label_headers"] | _rules()["unit_headers"]
    return [h for h in headers if h.replace(" ", "") not in set_aside], caption, j


def _flat_header_cell(para: Paragraph, headers: list[str]) -> Cell | None:
    """The header cell (or spacer) a line of a flattened table's header holds, None where the header ends."""
    cell = _single_cell(para)
    if cell is not None and headers and (span := _month_span_label(cell.text)):
        cell = Cell(span, cell.start)  # 主营业务收入 | 1-9 | 比去年同期增长(%): the months 1-9月
    if cell is None or (cell.text and not _header_cell(cell.text) and not _after_label_header(headers, cell.text)):
        return None
    return cell


def _month_span_label(text: str) -> str | None:
    """A bare span of months among header cells (1-9) as the months it spans (1-9月), else None."""
    return _month_label(text) if "-" in text else None


def _after_label_header(headers: list[str], text: str) -> bool:
    """A short cell of words in the run of account headers right after the label column's header (行业名称 |
    主营业务收入 | 税金总额 | 1-2月 …): a column's header whatever account it names. Once a time, a measure or
    a unit header has come, a cell of words is the first row's label (指标名称 | 单位 | 本期累计 | 软件业务收入)."""
    labels = _rules()["label_headers"]
    bare = [h.replace(" ", "") for h in headers]
    at = max((n for n, h in enumerate(bare) if h in labels), default=-1)
    if at < 0 or not _header_like(text):
        return False
    return not any(_is_time(h) or _names_measure_or_period(h) for h in bare[at + 1:])


def _names_measure_or_period(text: str) -> bool:
    """A header naming how or when a column measures (同比增长, 本期累计, 单位), not what it measures."""
    r = _rules()
    if text.replace(" ", "") in r["unit_headers"] or any(w in text for _, ws in r["measures"] for w in ws):
        return True
    return any(w in text for ws in r["periods"].values() for w in ws)


def _title_above_labels(caption: str, headers: list[str], text: str) -> tuple[str, list[str]]:
    """The caption and header cells after one more header cell: the cells above the label column's
    header are the table's title (规模以上工业增加值 (亿元、%、%) above 省市 | 增速 | …)."""
    if headers and not caption and text.replace(" ", "") in _rules()["label_headers"]:
        return " ".join(headers), [text]
    return caption, [*headers, text]


def _labelled_by_month(paragraphs: list[Paragraph], i: int, j: int) -> bool:
    """Whether the header lines i..j-1 of a flattened table name a column of months (月份)."""
    words = _rules()["month_headers"]
    return any((c := _single_cell(paragraphs[k])) is not None and c.text.replace(" ", "") in words for k in range(i, j))


def _flat_rows(paragraphs: list[Paragraph], j: int,
               month_width: int = 0) -> tuple[list[tuple[Cell, list[Cell]]], dict[int, str], int]:
    """(rows of a label and its values, row number -> the unit its unit cell gives, index of the
    last line read) of a flattened table whose rows start at line j. Under a column of months
    (month_width: the number of value columns), a bare month number after a full row labels the next
    (月份 | 产量 | 同比: 1-2, 22256.3, 4.1, 3, 15442.7 …)."""
    rows: list[tuple[Cell, list[Cell]]] = []
    units: dict[int, str] = {}
    last = j - 1
    while j < len(paragraphs):
        cell = _single_cell(paragraphs[j])
        if cell is not None and month_width and _bare_month(cell, rows, month_width):
            rows.append((cell, []))  # a row label, not a value of the row above
        elif cell is not None and (label := _numbered_label(paragraphs, j, cell)) is not None:
            rows.append((label, []))  # 一、工业生产者出厂价格 then its values: a row, not a heading
        elif cell is None or not _take_flat_cell(rows, units, cell):
            break
        last = j
        j += 1
    return rows, units, last


def _numbered_label(paragraphs: list[Paragraph], j: int, cell: Cell) -> Cell | None:
    """A row label numbered as a heading (一、工业生产者出厂价格) with values after it: the label without
    its number; None for anything else (a heading after the table ends it)."""
    m = _rules()["heading"].match(cell.text)
    if m is None or m.end() >= len(cell.text) or not _next_is_value(paragraphs, j):
        return None
    return Cell(cell.text[m.end():], cell.start + m.end())


def _bare_month(cell: Cell, rows: list[tuple[Cell, list[Cell]]], width: int) -> bool:
    """Whether a cell is a bare month number or span (3, 1-2) where a row label is due."""
    if rows and len(rows[-1][1]) < width:
        return False
    return _month_label(cell.text) is not None


def _month_label(text: str) -> str | None:
    """A bare month number or span as a month label (3 -> 3月, 1-2 -> 1-2月), else None."""
    m = _rules()["bare_month"].fullmatch(text)
    if m is None or not all(1 <= int(n) <= 12 for n in m.groups() if n):
        return None
    return text + _rules()["month_suffix"]


def _take_flat_cell(rows: list[tuple[Cell, list[Cell]]], units: dict[int, str], cell: Cell) -> bool:
    """Add one cell of a flattened table: a value to the row above, a unit cell to the row above
    that has no values yet (社会消费品零售总额 | 亿元 | 631.38 | -7.8), else a new row's label.
    False where the table ends (a value before any row, a note, a heading)."""
    if not cell.text:
        return True
    if _is_value(cell.text):
        if not rows:
            return False
        rows[-1][1].append(cell)
        return True
    if _is_note(cell.text) or _rules()["heading"].match(cell.text):
        return False
    if rows and not rows[-1][1] and len(rows) - 1 not in units and _is_unit_cell(cell.text):
        units[len(rows) - 1] = cell.text
    else:
        rows.append((cell, []))
    return True


def _rows_of_width(rows: list[tuple[Cell, list[Cell]]], units: dict[int, str], k: int) -> list[Row]:
    """The rows of a flattened table that have k values, each quoted as its cells joined."""
    out = []
    for n, (label, values) in enumerate(rows):
        if len(values) == k:
            unit = units.get(n)
            quote = " | ".join([label.text, *([unit] if unit else []), *(v.text for v in values)])
            out.append(Row(label, values, quote, unit))
    return out


def _is_unit_cell(text: str) -> bool:
    return len(text) <= UNIT_CELL_MAX and parse_unit(text) is not None


@lru_cache(maxsize=WINDOW_CACHE)
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


def _units_under_uppers(headers: list[str], k: int) -> bool:
    """Whether the last k header cells repeat one group under each upper cell, a unit among them (地区生产总值 |
    第一产业 over (亿元) | 增长% twice): the units are columns of their own, not the wrapped end of the cell above."""
    uppers = len(headers) - k
    if uppers <= 0 or k % uppers or k // uppers < 2:
        return False
    span = k // uppers
    lower = [h.replace(" ", "") for h in headers[-k:]]
    return all(h == lower[c % span] for c, h in enumerate(lower)) and any(_PAREN_UNIT.fullmatch(h) for h in lower)


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
    groups = _groups_by_repeat(lower)
    if len(groups) == len(upper):
        # 3月 | 1—3月平均 over 环比 | 同比 | 同比: a group begins where a lower header repeats
        return [top + h for top, group in zip(upper, groups, strict=True) for h in group]
    if k % len(upper):
        return lower
    span = k // len(upper)
    return [upper[c // span] + lower[c] for c in range(k)]


def _column_accounts(headers: list[str], k: int) -> list[str] | None:
    """The upper header over each of k columns when the upper headers name accounts (主营业务收入 | 利润总额
    over 1-2月 | 比去年同期增长(%) twice), not times or measures (3月 | 1-3月 over 环比 | 同比); None otherwise."""
    if len(headers) <= k or (len(headers) - k) * 2 > k or k % (len(headers) - k):
        return None
    upper = [h.replace(" ", "") for h in headers[:-k]]
    if any(_is_time(h) or _is_header_word(h) and h not in _rules()["amount_headers"] for h in upper):
        return None
    span = k // len(upper)
    return [upper[c // span] for c in range(k)]


def _groups_by_repeat(headers: list[str]) -> list[list[str]]:
    """Header cells cut into groups, a new one at each cell its group already holds."""
    groups: list[list[str]] = [[]]
    for h in headers:
        if h in groups[-1]:
            groups.append([])
        groups[-1].append(h)
    return groups


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
    unit: str
    factor: Decimal
    period: str | None
    basis: str | None


def read_table(table: Table, pub: date | None, context_period: str | None,
               default_region: str | None) -> list[TableCell]:
    out: list[TableCell] = []
    for section in table.sections:
        out.extend(_read_section(section, pub, context_period, default_region))
    return out


@dataclass(frozen=True)
class _RowReading:
    """What a row's cells share: the subject, place and quote, and the units for its columns."""

    subject: str
    region: str | None
    quote: str
    label: str
    row_unit: str | None
    unit_carry: str | None


def _read_section(section: Section, pub: date | None, context_period: str | None,
                  default_region: str | None) -> list[TableCell]:
    base = _last_period(section.title, pub) or context_period
    title_subject = _title_subject(section.title, pub)
    out: list[TableCell] = []
    year_carry: str | None = None
    # 社会消费品零售总额(亿元) over 批发零售业, 住宿餐饮业 …: one unit for the rows under it
    unit_carry: str | None = None
    for row in section.rows:
        headers = headers_for(section.header_rows, len(row.values))
        if headers is None:
            continue
        label, label_unit = _row_label(row, section)
        row_unit = label_unit or row.unit
        unit_carry = None if row.unit else (label_unit or unit_carry)
        if not label:
            continue
        region, period_of_row, subject, year_carry = _row_names(label, pub, year_carry, default_region,
                                                                title_subject)
        if not subject:
            continue
        subject = _with_account(subject, label, headers, section.title)
        reading = _RowReading(subject, region, row.quote, label, row_unit, unit_carry)
        periods = column_periods(headers, period_of_row or base, pub)
        if subject != label and label.startswith(_rules()["cumulative_rows"]):
            periods = [_from_january(p) for p in periods]  # 累计增速: January to each column's month
        accounts = _accounts_of(section, headers, label, period_of_row is not None)
        for header, period, cell, account in zip(headers, periods, row.values, accounts, strict=True):
            fact = _read_cell(cell, header, period, section, _with_column_account(reading, subject, label, account))
            if fact is not None:
                out.append(fact)
    return out


def _row_label(row: Row, section: Section) -> tuple[str, str | None]:
    """The row's label and the unit it gives; under a column of months, 3 is 3月."""
    label, unit = _label_and_unit(row.label.text)
    return (_month_label(label) or label) if section.month_labels else label, unit


def _row_names(label: str, pub: date | None, year_carry: str | None, default_region: str | None,
               title_subject: str) -> tuple[str | None, str | None, str, str | None]:
    """(region, period, subject, year carried on) of a row: a label that is a time gives the row's
    period and a place its region, the title then naming the subject; else the label is the
    subject."""
    label_period = _label_period(label, pub)
    if label_period is not None:
        period, year_carry = _carry_year(label_period, label, year_carry)
        return default_region, period, title_subject, year_carry
    if (place := _place(label)) is not None:
        return place, None, title_subject or label, year_carry
    if title_subject and (m := _rules()["measure_row"].fullmatch(label)):
        # 当月增速(%) under 规模以上工业增加值增速: the title's indicator
        return default_region, None, title_subject.removesuffix(m.group("measure")), year_carry
    return default_region, None, label, year_carry


def _with_account(subject: str, label: str, headers: list[str], title: str) -> str:
    """行业 | 主营业务收入 | 同比 over 化学药品原料药制造: a row of a branch under a column that names the
    account measured is that branch's account (化学药品原料药制造主营业务收入), its rates too; where the
    title names another account (…利润总额完成情况 over a header copied from the table before), the title's."""
    amounts = _rules()["amount_headers"]
    account = next((h.replace(" ", "") for h in headers if h.replace(" ", "") in amounts), "")
    if account and (named := next((a for a in _amounts_longest_first() if a in title), "")):
        account = named
    return label + account if account and subject == label and not label.endswith(account) else subject


def _accounts_of(section: Section, headers: list[str], label: str, period_row: bool) -> list[str]:
    """The account an upper header names over each column ("" where none does); in a row of a place
    (北京 under 地区生产总值 | 第一产业), the column's indicator itself, marked by a leading *; in a row of a
    period under headers that name indicators with their rates (2012年9月份 under 规模以上工业增加值环比增速(%)),
    each header's indicator, marked so."""
    n, accounts = len(headers), section.column_accounts
    if period_row and not accounts:
        named = [_header_indicator(h) for h in headers]
        return [_OWN_SUBJECT_MARK + name if name else "" for name in named]
    if not accounts or len(accounts) != n:
        return [""] * n
    if _place(label) is not None:
        return [_OWN_SUBJECT_MARK + a for a in accounts]
    return accounts


_OWN_SUBJECT_MARK = "*"


def _header_indicator(header: str) -> str:
    """The indicator a column header names before its rate words (规模以上工业 增加值环比增速(%) -> 规模以上工业
    增加值), or "" when it names none (同比增长(%), 3月)."""
    bare = _PAREN_NOTE.sub("", header).replace(" ", "")
    cut = min((at for _, ws in _rules()["measures"] for w in ws if (at := bare.find(w)) >= 0), default=len(bare))
    name = bare[:cut]
    if len(name) < 2 or cut == len(bare) or _is_time(name) or name in _rules()["level_headers"]:
        return ""
    return name


def _with_column_account(reading: _RowReading, subject: str, label: str, account: str) -> _RowReading:
    """主营业务收入 | 利润总额 each over 1-2月 | 比去年同期增长(%), above 规模以上工业合计: each column pair is
    the row's own account (规模以上工业主营业务收入), where no one account was found for the whole row."""
    if account.startswith(_OWN_SUBJECT_MARK):
        return replace(reading, subject=account[len(_OWN_SUBJECT_MARK):].lstrip(_rules()["part_marks"]))
    if not account or subject != label:
        return reading
    holder = label.removesuffix(_rules()["total_label_tail"])
    return replace(reading, subject=holder + account if not holder.endswith(account) else holder)


@cache
def _amounts_longest_first() -> tuple[str, ...]:
    return tuple(sorted(_rules()["amount_headers"], key=len, reverse=True))


def _from_january(period: str | None) -> str | None:
    """A month's period as the span from January to it (2016-03 -> 2016-01/2016-03)."""
    if period is None or not _MONTH.fullmatch(period) or period.endswith("-01"):
        return period
    return f"{period[:4]}-01/{period}"


def _read_cell(cell: Cell, header: str, period: str | None, section: Section,
               reading: _RowReading) -> TableCell | None:
    """The fact of one value cell, from its column's header and its row; None for a cell that
    holds none (a placeholder, a column with no unit)."""
    if not is_number(cell.text):
        return _change_fact(cell, header, period, reading)
    column = _column(header, section.title, section.unit_line, reading.row_unit, period, reading.label)
    if column is None and reading.unit_carry:
        column = _column(header, section.title, section.unit_line, reading.unit_carry, period, reading.label)
    value = _number(cell.text)
    if column is None or value is None:
        return None
    return TableCell(_without_measure_words(reading.subject, column.measure), column.measure, value * column.factor,
                     column.unit, column.period, column.basis, reading.region, reading.quote, cell.start,
                     cell.start + len(cell.text))


def _without_measure_words(subject: str, measure: str) -> str:
    """地区生产总值增长率 read as a growth, 装备制造业增加值占…比重 as a share: the thing measured (a level
    such as 人口自然增长率 keeps its name)."""
    pattern = _rules()["label_measure_words"].get(measure)
    return (pattern.sub("", subject) or subject) if pattern else subject


def _change_fact(cell: Cell, header: str, period: str | None, reading: _RowReading) -> TableCell | None:
    """The fact of a cell that states a change (增加1.30个百分点), or a growth said as a multiple in a column
    of rates (1.6倍 under 比去年同期增长(%): 160 %), or None."""
    change = _change_cell(cell.text) or _multiple_cell(cell.text, header)
    if change is None:
        return None
    measure, value, unit = change
    basis = _compared_with(header, period, measure) or ("yoy" if measure == "growth" else None)
    return TableCell(reading.subject, measure, value, unit, period, basis, reading.region, reading.quote,
                     cell.start, cell.start + len(cell.text))


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
    r = _rules()
    text = r["label_number"].sub("", r["heading"].sub("", text.strip())).strip()
    for mark in r["label_marks"]:
        if text.startswith(mark):
            text = r["label_number"].sub("", text[len(mark):].strip()).strip()  # 其中:1、软件产品收入
            break
    unit = None
    if (m := _PAREN_UNIT.search(text)) and parse_unit(m.group(1)) is not None:
        unit = m.group(1)
        text = text[: m.start()].strip()
    text = r["label_note"].sub("", text)
    return text.replace(" ", "") if _HAN_AND_SPACES.fullmatch(text) else text, unit


def _label_period(label: str, pub: date | None) -> str | None:
    """The period a row label is, when the label is nothing but a time (2011年1季度, 2季度)."""
    times = [t for t in find_times(label, pub) if t.kind == "period" and t.value]
    if len(times) == 1 and times[0].start == 0 and times[0].end == len(label):
        return times[0].value
    return None


def _carry_year(period: str, label: str, carry: str | None) -> tuple[str, str | None]:
    """Rows 2011年1季度, 2季度, 3季度: the year named once holds for the rows below it."""
    if _rules()["written_year"].search(label):
        return period, period[:4]
    if carry and _YEAR_FIRST.match(period):
        return carry + period[4:].replace(period[:4], carry), carry
    return period, carry


def _place(label: str) -> str | None:
    regions = find_regions(label)
    if (len(regions) == 1 and regions[0].kind in (PLACE, NATIONAL)
            and regions[0].end - regions[0].start >= len(label) - 1):
        return regions[0].name
    return None


def _last_period(text: str, pub: date | None) -> str | None:
    periods = [t.value for t in find_times(text, pub) if t.kind == "period" and t.value]
    return periods[-1] if periods else None


def _title_subject(title: str, pub: date | None) -> str:
    """What a table of places or periods measures: its title without number, times and tail."""
    r = _rules()
    if m := r["portal_title"].match(title):
        return m.group("name").strip()  # 指标:工业增加值_同比增长(%): a data portal's export
    text = r["title_number"].sub("", title).strip()
    for t in sorted(find_times(text, pub), key=lambda t: -t.start):
        text = text[: t.start] + text[t.end:]
    text = r["title_leads"].sub("", _PAREN_NOTE.sub("", text).strip(r["title_strip"]))
    return r["title_tail"].sub("", text).strip() if len(text) > 2 else text


def _column(header: str, title: str, unit_line: str | None, row_unit: str | None,
            period: str | None, label: str = "") -> Column | None:
    measure = _column_measure(header, row_unit, label)
    m = _PAREN_UNIT.search(header)
    header_unit = m.group(1) if m else None
    if measure in ("growth", "share", "contribution"):
        return _rate_column(measure, header, title, header_unit, period)
    if measure in ("growth_change", "pull"):
        return Column(measure, "pp", Decimal(1), period, _compared_with(header, period, measure))
    for text in (row_unit, header_unit, unit_line):
        if text and (parsed := parse_unit(text)) is not None:
            unit, factor = parsed
            return Column("level", unit, factor, period, None)
    if _is_time(header) and (titled := _column_measure(title, row_unit, label)) in ("growth", "share"):
        return _rate_column(titled, header, title, None, period)  # 指标:工业增加值_同比增长(%) over months
    return None


def _column_measure(header: str, row_unit: str | None, label: str) -> str:
    """The measure a column's header names (its first word in tables.toml [measures] order), else
    level; a percentage row with a level header names its own (服务业增加值占GDP比重 | % | 55.75)."""
    r = _rules()
    bare = header.replace(" ", "")  # 行业占 比(%): a header broken by the layout
    measure = next((m for m, ws in r["measures"] if any(w in bare for w in ws)), "level")
    if measure == "level" and row_unit == "%":
        measure = next((m for m, ws in r["label_measures"] if any(w in label for w in ws)), "level")
    return measure


def _rate_column(measure: str, header: str, title: str, header_unit: str | None, period: str | None) -> Column:
    """A column of rates (growth, share, contribution) in %, or of changes in points when its
    header's unit says so; a growth rate is month on month when header or title says so."""
    r = _rules()
    if header_unit in r["point_units"]:
        return Column("growth_change", "pp", Decimal(1), period, None)
    basis = None
    if measure == "growth":
        basis = (_compared_with(header, period, measure)
                 or ("mom" if any(w in header + title for w in r["mom"]) else "yoy"))
    return Column(measure, "%", Decimal(1), period, basis)


def _compared_with(header: str, period: str | None, measure: str) -> str | None:
    """The basis of a change column by what it compares with: 比上年度末 -> vs: the last year-end;
    比上年同期 -> yoy for a growth rate, vs: the same span a year earlier for a change in points."""
    p = _rules()["periods"]
    year = (period or "")[:4]
    if any(w in header for w in p["previous_year"] + p["rate_against_year_before"]):
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
    own = [t for t in find_times(header, pub) if t.kind in ("period", "date") and t.value]
    if own:
        # 上年同期 (2011年1-6月), 本报告期初 2011年12月31日: a time written out in a column compared with
        compared = next((k for k in ("previous_year", "previous_year_end") if _names_period(header, k)), None)
        value = _same_span_of_year(header, own[-1], base)
        return (value if compared else _in_year_of(value, header[own[-1].start:own[-1].end], base)), compared or "time"
    kind = next((k for k, _ in _RELATIVE_PERIODS if _names_period(header, k)), None)
    if kind is None:
        return None
    end = end_month(base) if base else None
    year = int(base[:4]) if base and base[:4].isdigit() else None
    return dict(_RELATIVE_PERIODS)[kind](base, year, end), kind


def _in_year_of(value: str | None, written: str, base: str | None) -> str | None:
    """占年末常住人口比重 under a title of 2022年年末 in a 2023 bulletin: a time written without its year is
    in the table's year, not the publication's."""
    if not (value and base and value[:4].isdigit() and base[:4].isdigit()) or _YEAR_WRITTEN.search(written):
        return value
    return shift_year(value, int(base[:4]) - int(value[:4])) or value


_YEAR_WRITTEN = re.compile(r"\d{4}")


def _same_span_of_year(header: str, t: TimeMention, base: str | None) -> str | None:
    """2014年同期 over an H1 table: 2014-H1, the table's span in the year named."""
    value = t.value
    if (value and base and _YEAR_FIRST.fullmatch(value) and base[:4].isdigit() and value.isdigit()
            and header[t.end:].startswith(tuple(_rules()["same_span"]))):
        return shift_year(base, int(value) - int(base[:4])) or value
    return value


def _names_period(header: str, kind: str) -> bool:
    """Whether a header holds a period word of `kind` that is not the object of a comparison
    (上年同期 in 比上年同期增长 is the basis of a growth rate, not the column's period)."""
    comparison = _rules()["comparison"]
    for w in _rules()["periods"][kind]:
        at = header.find(w)
        if at >= 0 and not header[:at].endswith(comparison):
            return True
    return False


def _cumulative(base: str | None, year: int | None, end: int | None) -> str | None:
    """年初至报告期末: a span from January, not the end date."""
    return span_period(year, 1, end) if year and end else None


def _period_end(base: str | None, year: int | None, end: int | None) -> str | None:
    return point_period(year, end) if year and end else None


def _previous_year_end(base: str | None, year: int | None, end: int | None) -> str | None:
    return f"{year - 1:04d}-12-31" if year else None


def _previous_year(base: str | None, year: int | None, end: int | None) -> str | None:
    return shift_year(base)


def _current(base: str | None, year: int | None, end: int | None) -> str | None:
    return base


def _current_month(base: str | None, year: int | None, end: int | None) -> str | None:
    return f"{year:04d}-{end:02d}" if year is not None and end is not None else base


# Relative period words (tables.toml [periods]) by kind, in the order they are tried, with the
# period each names given the table's period (base), its year and its last month.
_RELATIVE_PERIODS = (
    ("cumulative", _cumulative),
    ("period_end", _period_end),
    ("previous_year_end", _previous_year_end),
    ("previous_year", _previous_year),
    ("current", _current),
    ("current_month", _current_month),
)


def column_periods(headers: list[str], base: str | None, pub: date | None) -> list[str | None]:
    """Each column's period. A column that names none takes the period of the nearest column to
    its left that is not a comparison period (本月 | 比去年同月增长(%) | 1-本月 | 比去年同期增长(%)),
    else the table's."""
    shared, spanned = _spanning_time(tuple(headers), pub)
    headers, base = list(spanned), shared or base
    out: list[str | None] = []
    left: str | None = None
    against = _rules()["periods"]["rate_against_year_before"]
    for header in headers:
        own = _own_period(header, base, pub)
        if own is None or any(w in header for w in against):
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
