"""Write facts or a series as CSV, Parquet or JSON Lines, provenance columns included.

JSON Lines output keeps FACTS.md's field names (and `span` as a [start, end) pair), so an export
can be scored with ../shared/eval/score.py or fed back to other tools; CSV and Parquet keep the
DataFrame's flat columns.
"""

from __future__ import annotations

import json
import math
import sys
from datetime import date, datetime
from pathlib import Path
from typing import IO

import pandas as pd

from zhibiao.outfile import replacing, text_output

FORMATS = ("csv", "parquet", "jsonl", "xlsx")
BINARY_FORMATS = ("parquet", "xlsx")

# A spreadsheet reads a cell that starts with one of these as a formula (=HYPERLINK(...), @SUM(...),
# +cmd|...): OWASP's list for CSV injection.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(value) -> bool:
    """Whether a spreadsheet would read this cell as a formula: text that starts with = + - @ tab or CR."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def neutralise_cell(value):
    """A text cell that a spreadsheet would run as a formula, prefixed with ' so it is shown as text
    (OWASP's recommendation); numbers and other text are returned unchanged. Every CSV cell the project
    writes (zhibiao export, the dashboard's downloads) passes through here."""
    if looks_like_formula(value):
        return "'" + value
    return value


def neutralise(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with every text cell passed through neutralise_cell: what every CSV (or other spreadsheet
    file) the project writes goes through. Numeric columns (a -1.3 growth rate) stay numbers."""
    text = [c for c in df.columns if df[c].dtype == object or pd.api.types.is_string_dtype(df[c])]
    if not text:
        return df
    out = df.copy()
    for column in text:
        out[column] = out[column].map(neutralise_cell)
    return out


def _plain(value):
    """A JSON-ready Python value for one DataFrame cell."""
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return _plain(value.item())
    return value


def records(df: pd.DataFrame) -> list[dict]:
    """Rows as JSON-ready dicts; fact rows get FACTS.md's `doc`/`span` shape."""
    out = []
    for row in df.to_dict("records"):
        rec = {k: _plain(v) for k, v in row.items()}
        if "span_start" in rec:
            start, end = rec.pop("span_start"), rec.pop("span_end", None)
            rec["span"] = [int(start), int(end)] if start is not None and end is not None else None
        out.append(rec)
    return out


def write(df: pd.DataFrame, fmt: str, output: Path | None = None, stream: IO[str] | None = None, *,
          bom: bool = False) -> int:
    """Write `df` in `fmt` to `output` (or `stream`, stdout by default; Parquet and XLSX need a file).

    A file is written whole or not at all (zhibiao.outfile). `bom` starts a CSV with a UTF-8 byte-order
    mark, which Excel needs to read it as UTF-8. Returns the number of rows written.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r} (expected {', '.join(FORMATS)})")
    if fmt in BINARY_FORMATS:
        if output is None:
            raise ValueError(f"{fmt} is binary: give an output file with -o")
        with replacing(output) as temporary:
            _write_binary(df, fmt, temporary)
        return len(df)
    if output is None:
        _write_text(df, fmt, stream or sys.stdout, bom)
        return len(df)
    with text_output(output) as out:
        _write_text(df, fmt, out, bom)
    return len(df)


def _write_text(df: pd.DataFrame, fmt: str, out: IO[str], bom: bool) -> None:
    if fmt == "csv":
        if bom:
            out.write("\ufeff")
        neutralise(df).to_csv(out, index=False, lineterminator="\n")
    else:
        for rec in records(df):
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")


def _write_binary(df: pd.DataFrame, fmt: str, path: Path) -> None:
    frame = df.copy()
    for column in frame.columns:
        if isinstance(frame[column].dtype, pd.CategoricalDtype):
            frame[column] = frame[column].astype(object)
    if fmt == "parquet":
        if "published" in frame:
            frame["published"] = pd.to_datetime(frame["published"]).dt.date
        frame.to_parquet(path, index=False)
    else:
        neutralise(frame).to_excel(path, index=False, sheet_name="zhibiao", engine="openpyxl")
