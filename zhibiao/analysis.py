"""What the stored rows mean: series (one best source per cell), conflicts and consistency checks.

The store reads rows with SQL (zhibiao.store.queries); the rules that turn them into a series — cells,
the best source, stories and copies, vintages, what a figure compares with (zhibiao.series) — and the
checks (zhibiao.checks) sit above it, here, so that the store never depends on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import duckdb
import pandas as pd

from zhibiao.catalogue import Catalogue, subject_key
from zhibiao.checks import check_rows
from zhibiao.series import (
    Cell,
    cells,
    comparison,
    describe_dissent,
    describe_history,
    history_records,
    period_sort_key,
)
from zhibiao.store import queries

SERIES_COLUMNS = (
    "period", "period_type", "measure", "basis", "region", "value", "value_max", "unit", "qualifier",
    "stories", "copies", "derived", "derivation", "conflict", "dissent", "subject", "indicator", "scope", "quote",
    "doc", "url", "published", "seq", "vintage", "comparison", "history",
)
CONFLICT_COLUMNS = (
    "indicator", "subject", "measure", "basis", "unit", "period", "region", "kind",
    "value_a", "doc_a", "published_a", "quote_a", "value_b", "doc_b", "published_b", "quote_b", "derivation",
    "seq_a", "seq_b", "qualifier_a", "qualifier_b", "derived_a", "derived_b",
)


def _cell_rows(df: pd.DataFrame | list[dict]) -> list[dict]:
    rows = df.to_dict("records") if isinstance(df, pd.DataFrame) else df
    for row in rows:
        # One indicator with different scopes (亿元以上 and 50亿元以上 projects) is different series.
        scope = row.get("scope") if isinstance(row.get("scope"), str) else None
        row["scope"] = scope
        row["key"] = ((row["indicator"] + (f"|{scope}" if scope else "")) if isinstance(row["indicator"], str)
                      else "subject:" + row["subject_key"])
        for name in ("basis", "region", "period", "value_max", "derivation", "url", "title", "vintage"):
            if row.get(name) is not None and row[name] != row[name]:  # NaN -> None
                row[name] = None
        published = row["published"]
        if published is None or pd.isna(published):  # pd.NaT passes for a date
            published = None
        elif not (isinstance(published, date) and not isinstance(published, datetime)):
            published = pd.Timestamp(published).date()
        row["published"] = published
        # A period with an unknown year cannot be compared across documents.
        row["period_key"] = row["period"] if row["period"] and "?" not in row["period"] else (
            f"{row['period']}@{row['doc']}")
    return rows


def _series_row(cell: Cell) -> dict:
    best = cell.best
    return {
        "period": best["period"], "period_type": best["period_type"], "measure": best["measure"],
        "basis": best["basis"], "region": best["region"], "value": best["value"], "value_max": best["value_max"],
        "unit": best["unit"], "qualifier": best["qualifier"], "stories": cell.stories, "copies": cell.copies,
        "derived": bool(best["derived"]), "derivation": best["derivation"], "conflict": cell.conflict,
        "dissent": describe_dissent(cell), "subject": best["subject"], "indicator": best["indicator"],
        "scope": best.get("scope"), "quote": best["quote"], "doc": best["doc"], "url": best["url"],
        "published": best["published"], "seq": int(best["seq"]), "vintage": best.get("vintage"),
        "comparison": comparison(best["measure"], best["basis"], best["period"], best.get("vintage")),
        "history": describe_history(cell), "vintages": history_records(cell),
        "copy_dissent": [{"value": float(r["value"]), "doc": r["doc"], "seq": int(r["seq"]), "quote": r["quote"]}
                         for r in cell.copy_dissent],
    }


def _in_series(row: dict) -> bool:
    """The size of a revision (比修订前提高0.2个百分点) is no point of a growth-change series."""
    return row["comparison"] != "revision"


def series(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, key: str, *, measure: str | None = None,
           region: str | None = None, period_type: str | None = None, basis: str | None = None,
           modality: str = "actual", scope: str | None = None) -> pd.DataFrame:
    """The series of an indicator (id or alias) or of a subject: one row per cell, ordered by period.

    For an indicator the measure defaults to the catalogue's; facts without a period are left out.
    Each scope of an indicator is a series of its own (its rows say which); a key with scope
    modifiers (50亿元以上签约项目) or `scope` selects one ("" the unscoped facts).
    """
    indicator, key_scope = _resolve_key(catalogue, key)
    if indicator is not None:
        df = queries.fact_rows(con, indicator=indicator.id, measure=measure or indicator.measure, region=region,
                               period_type=period_type, basis=basis, modality=modality,
                               scope=scope if scope is not None else key_scope)
    else:
        df = queries.fact_rows(con, subject=key, measure=measure, region=region, period_type=period_type,
                               basis=basis, modality=modality)
    df = df[df["period"].notna()]
    out = _series_rows(df)
    out.sort(key=lambda r: (r["scope"] or "", period_sort_key(r["period"]), r["region"] or "", r["measure"],
                            r["basis"] or "", r["unit"]))
    return pd.DataFrame(out, columns=list(SERIES_COLUMNS))


def _resolve_key(catalogue: Catalogue, key: str):
    """The indicator a series key names and the scope it selects (None: every scope)."""
    indicator = catalogue.by_id.get(key)
    if indicator is not None:
        return indicator, None
    link = catalogue.resolve(key)
    return link.indicator, link.scope


def series_records(con: duckdb.DuckDBPyConnection, catalogue: Catalogue, keys: Sequence[str], *,
                   measure: str | None = None, all_measures: bool = False, region: str | None = None,
                   period_type: str | None = None, modality: str = "actual") -> dict[str, list[dict]]:
    """The series of several indicators (ids or aliases) or subjects in one query, as plain records
    (the rows `series` returns) keyed by the key asked for, each list ordered by period.

    The measure is `measure` when given, else the indicator's default (a subject's: any), or every
    measure with `all_measures`. For a dashboard that shows many series at once, this avoids a query
    and a DataFrame per series.
    """
    queries.check_period_type(period_type)
    wanted = _wanted(catalogue, keys, measure, all_measures)
    out: dict[str, list[dict]] = {key: [] for key in keys}
    if not wanted:
        return out
    ids = sorted({v for c, v, _ in wanted.values() if c == "indicator"})
    subjects = sorted({v for c, v, _ in wanted.values() if c == "subject_key"})
    rows = queries.series_source_rows(con, ids, subjects, region=region, period_type=period_type, modality=modality)
    for key, (column, value, key_measure) in wanted.items():
        mine = [dict(r) for r in rows if r[column] == value and (key_measure is None or r["measure"] == key_measure)]
        out[key] = sorted(_series_rows(mine), key=_record_order)
    return out


def _wanted(catalogue: Catalogue, keys: Sequence[str], measure: str | None,
            all_measures: bool) -> dict[str, tuple[str, str, str | None]]:
    """For each key: the column that selects its facts, the value it must have, and the measure
    (None: any)."""
    wanted: dict[str, tuple[str, str, str | None]] = {}
    for key in keys:
        indicator = catalogue.get(key)
        if indicator is not None:
            default = None if all_measures else indicator.measure
            wanted[key] = ("indicator", indicator.id, measure or default)
        else:
            wanted[key] = ("subject_key", subject_key(key), measure)
    return wanted


def _series_rows(rows: pd.DataFrame | list[dict]) -> list[dict]:
    """One row per cell of a series' sources, the best source speaking for it (revisions left out)."""
    return [r for r in (_series_row(c) for c in cells(_cell_rows(rows)).values()) if _in_series(r)]


def _record_order(row: dict) -> tuple:
    return (period_sort_key(row["period"]), row["region"] or "", row["measure"], row["basis"] or "", row["unit"])


def conflicts(con: duckdb.DuckDBPyConnection, *, indicator: str | None = None, measure: str | None = None,
              region: str | None = None) -> pd.DataFrame:
    """Cells where independent stories disagree, or a derived value contradicts a stated one.

    Only cells with a known period, more than one story or a derived fact are read; each row
    pairs the best source with one that disagrees, with both quotes.
    """
    df = queries.contested_rows(con, indicator=indicator, measure=measure, region=region)
    out = []
    for cell in cells(_cell_rows(df)).values():
        pairs: list[tuple[dict, dict, str | None]] = [(cell.best, other, None) for other in cell.dissent]
        pairs += [(_story_voice(cell, copy), copy, "copies disagree") for copy in cell.copy_dissent]
        out += [_conflict_row(first, other, kind) for first, other, kind in pairs]
    out.sort(key=lambda r: (r["indicator"] or "~", r["subject"], period_sort_key(r["period"]), r["region"] or ""))
    return pd.DataFrame(out, columns=list(CONFLICT_COLUMNS))


def _conflict_row(first: dict, other: dict, kind: str | None) -> dict:
    """One disagreement: the voice of a cell (`first`) against a source that says otherwise."""
    derived = first if first["derived"] else other if other["derived"] else None
    return {
        "indicator": first["indicator"], "subject": first["subject"], "measure": first["measure"],
        "basis": first["basis"], "unit": first["unit"], "period": first["period"], "region": first["region"],
        "kind": kind or ("derived vs stated" if derived is not None else "stories disagree"),
        "value_a": first["value"], "doc_a": first["doc"], "published_a": first["published"],
        "quote_a": first["quote"], "value_b": other["value"], "doc_b": other["doc"],
        "published_b": other["published"], "quote_b": other["quote"],
        "derivation": derived["derivation"] if derived is not None else None,
        "seq_a": int(first["seq"]), "seq_b": int(other["seq"]), "qualifier_a": first["qualifier"],
        "qualifier_b": other["qualifier"], "derived_a": bool(first["derived"]),
        "derived_b": bool(other["derived"]),
    }


def consistency(con: duckdb.DuckDBPyConnection, *, indicator: str | None = None) -> list[dict]:
    """What does not add up in the stored series (zhibiao.checks), as records with their figures."""
    rows = _series_rows(queries.dated_actual_rows(con, indicator=indicator))
    contradictions = conflicts(con, indicator=indicator)
    contradictions = contradictions[contradictions["kind"] == "derived vs stated"].to_dict("records")
    return [f.to_record() for f in check_rows(rows, contradictions)]


def _story_voice(cell: Cell, copy: dict) -> dict:
    """The copy that speaks for `copy`'s story (its first published copy) in a cell."""
    for row in (cell.best, *cell.dissent, *cell.history):
        if row["story"] == copy["story"] and bool(row.get("derived")) == bool(copy.get("derived")):
            return row
    return cell.best
