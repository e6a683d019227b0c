"""Downloads of what a chart shows: tidy CSV (UTF-8 with a BOM, so Excel reads the Chinese) and XLSX.

Every text cell of a CSV goes through zhibiao.export.neutralise_cell, as every CSV the project writes
does: a spreadsheet runs a cell that opens with = + - @ (or a tab or carriage return) as a formula, so
such a cell gets a leading apostrophe. Numbers stay numbers. An XLSX cell is written as a string cell,
which a spreadsheet never evaluates; one that looks like a formula (looks_like_formula, the same test)
is also marked with Excel's quote prefix, so editing the cell keeps it text.
"""

from __future__ import annotations

import csv
from io import BytesIO, StringIO

from zhibiao.export import looks_like_formula, neutralise_cell

BOM = "\ufeff"

# The columns of a charted series, in order: the period and its kind, the value as stored (canonical
# unit) and as displayed (亿元, 万户), the qualifier, where, how many independent sources, the evidence,
# and the revision stage of the value with the earlier vintages it replaced (`history`).
TIDY_COLUMNS = (
    "series", "indicator", "subject", "measure", "basis", "period", "period_label", "period_type", "start", "end",
    "value", "value_max", "unit", "display_value", "display_unit", "qualifier", "derived", "conflict", "region",
    "sources", "copies", "doc", "published", "url", "evidence_url", "vintage", "history",
)


def tidy_rows(series: list[dict], base_url: str = "") -> list[dict]:
    """One row per charted point of each series (`{"name", "points", "display"}`), in TIDY_COLUMNS."""
    rows = []
    for s in series:
        display = s.get("display") or {}
        scale = display.get("scale") or 1
        for p in s["points"]:
            rows.append({
                "series": s["name"], "indicator": p.get("indicator"), "subject": p.get("subject"),
                "measure": p.get("measure"), "basis": p.get("basis"), "period": p.get("period"),
                "period_label": p.get("period_label"), "period_type": p.get("period_type"),
                "start": p.get("start"), "end": p.get("end"), "value": p.get("value"),
                "value_max": p.get("value_max"), "unit": p.get("unit"),
                "display_value": None if p.get("value") is None else round(p["value"] / scale, 6),
                "display_unit": display.get("unit") or p.get("unit"), "qualifier": p.get("qualifier"),
                "derived": bool(p.get("derived")), "conflict": bool(p.get("conflict")), "region": p.get("region"),
                "sources": p.get("stories"), "copies": p.get("copies"), "doc": p.get("doc"),
                "published": p.get("published"), "url": p.get("url"),
                "evidence_url": base_url + p["evidence"] if p.get("evidence") else None,
                "vintage": p.get("vintage"), "history": _history(p.get("vintages") or ()),
            })
    return rows


def _history(vintages) -> str | None:
    """Earlier vintages of a point, oldest first: `5.2 preliminary (nbs-2023-annual-trad, 2024-01-17)`."""
    return "; ".join(f"{v['value']:g} {v.get('vintage') or 'unmarked'} ({v['doc']}, {v.get('published') or '?'})"
                     for v in vintages) or None


def csv_text(rows: list[dict], columns: tuple[str, ...] | list[str]) -> str:
    """Rows as CSV text that opens in Excel: a UTF-8 BOM first, formulas neutralised."""
    out = StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row.get(c) is None else neutralise_cell(row.get(c)) for c in columns])
    return out.getvalue()


def csv_frame(df) -> str:
    """A DataFrame as CSV with a BOM, formulas neutralised (the facts and series tables)."""
    columns = list(df.columns)
    return csv_text(df.astype(object).where(df.notna(), None).to_dict("records"), columns)


def xlsx_bytes(rows: list[dict], columns: tuple[str, ...] | list[str], sheet: str = "series") -> bytes:
    """Rows as an XLSX workbook (one sheet, a header row frozen); text is written as text, never a formula."""
    import xlsxwriter

    buffer = BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False,
                                        "strings_to_urls": False, "strings_to_numbers": False})
    page = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    as_text = book.add_format({"quote_prefix": True})
    page.write_row(0, 0, list(columns), bold)
    for r, row in enumerate(rows, start=1):
        for c, column in enumerate(columns):
            value = row.get(column)
            if value is None:
                continue
            if isinstance(value, bool):
                page.write_boolean(r, c, value)
            elif isinstance(value, int | float):
                page.write_number(r, c, value)
            else:
                text = str(value)
                page.write_string(r, c, text, as_text if looks_like_formula(text) else None)
    page.freeze_panes(1, 0)
    book.close()
    return buffer.getvalue()


def file(rows: list[dict], columns: tuple[str, ...] | list[str], fmt: str, name: str) -> dict:
    """Rows as a download: {fmt: the CSV text or XLSX bytes, "name": the file name to offer}."""
    body = csv_text(rows, columns) if fmt == "csv" else xlsx_bytes(rows, columns)
    return {fmt: body, "name": f"{name}.{fmt}"}
