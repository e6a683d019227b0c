"""Reads: facts, documents, series, conflicts and catalogue counts, as pandas DataFrames.

Every function takes an open connection (read-only is enough) and never writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import duckdb
import pandas as pd

from zhibiao.catalogue import Catalogue, subject_key
from zhibiao.period import PERIOD_TYPES, classify_period, period_sort_key
from zhibiao.series import (
    Cell,
    cells,
    comparison,
    describe_dissent,
    describe_history,
    history_records,
)
from zhibiao.store.schema import first_row

FACT_COLUMNS = (
    "doc", "seq", "indicator", "scope", "subject", "measure", "value", "value_max", "unit", "qualifier", "period",
    "period_type", "basis", "region", "modality", "quote", "span_start", "span_end", "derived", "derivation",
    "vintage", "story", "url", "title", "published",
)
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

_SELECT_FACTS = """
    SELECT doc_id AS doc, seq, indicator, scope, subject, subject_key, measure, value, value_max, unit, qualifier,
           period_key AS period, period_type, basis, region, modality, quote, span_start, span_end,
           derived, derivation, vintage, story_id AS story, url, title, published
    FROM fact_provenance
"""


def _where(filters: list[tuple[str, object]]) -> tuple[str, list]:
    clauses, params = [], []
    for clause, value in filters:
        if value is None:
            continue
        clauses.append(clause)
        params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _check_period_type(period_type: str | None) -> None:
    if period_type is not None and period_type not in PERIOD_TYPES:
        raise ValueError(f"unknown period type {period_type!r} (expected one of {', '.join(PERIOD_TYPES)})")


def fact_rows(con: duckdb.DuckDBPyConnection, *, indicator: str | None = None, subject: str | None = None,
              measure: str | None = None, basis: str | None = None, period: str | None = None,
              period_type: str | None = None, region: str | None = None, doc: str | None = None,
              modality: str | None = None, derived: bool | None = None, scope: str | None = None,
              year: str | None = None, host: str | None = None, limit: int | None = None, offset: int = 0,
              newest_first: bool = False) -> pd.DataFrame:
    """Facts with their provenance, filtered; subject matches its normalised form.

    `scope` selects one scope of an indicator ("" for the unscoped facts). `limit` and `offset`
    page through them in (document, position) order, or with `newest_first` latest period first
    (then latest publication).
    """
    where, params = _fact_filters(indicator=indicator, subject=subject, measure=measure, basis=basis,
                                  period=period, period_type=period_type, region=region, doc=doc,
                                  modality=modality, derived=derived, scope=scope, year=year, host=host)
    page = ""
    if limit is not None:
        page = " LIMIT ? OFFSET ?"
        params = [*params, int(limit), int(offset)]
    order = (f" ORDER BY {_PERIOD_END} DESC NULLS LAST, published DESC NULLS LAST, doc_id, seq"
             if newest_first else " ORDER BY doc_id, seq")
    return con.execute(_SELECT_FACTS + where + order + page, params).df()


def count_facts(con: duckdb.DuckDBPyConnection, **filters) -> int:
    """How many facts `fact_rows` would return with these filters and no limit."""
    where, params = _fact_filters(**filters)
    return first_row(con, "SELECT count(*) FROM fact_provenance" + where, params)[0]


def _fact_filters(*, indicator: str | None = None, subject: str | None = None, measure: str | None = None,
                  basis: str | None = None, period: str | None = None, period_type: str | None = None,
                  region: str | None = None, doc: str | None = None, modality: str | None = None,
                  derived: bool | None = None, scope: str | None = None, year: str | None = None,
                  host: str | None = None) -> tuple[str, list]:
    _check_period_type(period_type)
    return _where([
        ("coalesce(scope, '') = ?", scope),
        ("left(period_key, 4) = ?", year),
        (_HOST + " = ?", host),
        ("indicator = ?", indicator),
        ("subject_key = ?", subject_key(subject) if subject else None),
        ("measure = ?", measure),
        ("basis = ?", basis),
        ("period_key = ?", classify_period(period)[0] if period else None),
        ("period_type = ?", period_type),
        ("region = ?", region),
        ("doc_id = ?", doc),
        ("modality = ?", modality),
        ("derived = ?", derived),
    ])


# The last month of a period as sortable text (2024-H1 -> 2024-06-99, 2024-05-31 stays), so facts sort
# by when their period ends; a period of unknown year sorts last.
_PERIOD_END = """(CASE
    WHEN period_key IS NULL OR NOT regexp_matches(period_key, '^[0-9]{4}') THEN NULL
    WHEN length(period_key) = 4 THEN period_key || '-12-99'
    WHEN regexp_matches(period_key, '^[0-9]{4}-H[12]$')
        THEN left(period_key, 5) || lpad(CAST(6 * CAST(right(period_key, 1) AS INTEGER) AS VARCHAR), 2, '0') || '-99'
    WHEN regexp_matches(period_key, '^[0-9]{4}-Q[1-4]$')
        THEN left(period_key, 5) || lpad(CAST(3 * CAST(right(period_key, 1) AS INTEGER) AS VARCHAR), 2, '0') || '-99'
    WHEN contains(period_key, '/') THEN right(period_key, 7) || '-99'
    WHEN length(period_key) = 7 THEN period_key || '-99'
    ELSE period_key END)"""

# The site a document came from: the host of its URL, else its source (a file name or stream).
_HOST = "coalesce(nullif(regexp_extract(url, '^[a-z]+://([^/:]+)', 1), ''), 'local')"
FACET_COLUMNS = {
    "indicator": "indicator", "measure": "measure", "region": "region", "period_type": "period_type",
    "year": "CASE WHEN left(period_key, 4) SIMILAR TO '[0-9]{4}' THEN left(period_key, 4) END", "host": _HOST,
}


def fact_facets(con: duckdb.DuckDBPyConnection, *, top: int = 30, **filters) -> dict[str, list[tuple]]:
    """For each facet column, the values the filtered facts have and how many facts have each
    (most first, `top` at most; facts without a value are counted under None)."""
    where, params = _fact_filters(**filters)
    out = {}
    for name, expr in FACET_COLUMNS.items():
        rows = con.execute(f"SELECT {expr} AS v, count(*) AS n FROM fact_provenance{where} GROUP BY v "
                           "ORDER BY n DESC, v NULLS LAST LIMIT ?", [*params, top]).fetchall()
        out[name] = rows
    return out


def fact_summary(con: duckdb.DuckDBPyConnection, **filters) -> dict:
    """How many facts, documents and independent stories the filtered facts have, and the latest
    publication and ingest of their documents."""
    where, params = _fact_filters(**filters)
    row = first_row(con, f"""SELECT count(*), count(DISTINCT doc_id), count(DISTINCT story_id), max(published),
               (SELECT max(ingested_at) FROM documents WHERE id IN (SELECT doc_id FROM fact_provenance{where}))
        FROM fact_provenance{where}""", [*params, *params])
    return {"facts": row[0], "documents": row[1], "stories": row[2], "last_published": row[3], "last_ingested": row[4]}


def indicator_period_types(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, int]]:
    """For each indicator, how many facts of its default measure each period type has."""
    out: dict[str, dict[str, int]] = {}
    for ind, kind, n in con.execute("""SELECT indicator, period_type, count(*) FROM facts
            WHERE indicator IS NOT NULL AND period_type IS NOT NULL GROUP BY ALL""").fetchall():
        out.setdefault(ind, {})[kind] = n
    return out


def facts(con: duckdb.DuckDBPyConnection, **filters) -> pd.DataFrame:
    df = fact_rows(con, **filters)
    return df[list(FACT_COLUMNS)]


def documents(con: duckdb.DuckDBPyConnection, *, text: bool = False) -> pd.DataFrame:
    """One row per document; `copies` is the size of its story. Texts only when asked."""
    texts = ", d.original_text, d.clean_text" if text else ""
    return con.execute(f"""
        SELECT d.id, d.title, d.url, d.published, d.source, d.format, d.story_id AS story,
               count(*) OVER (PARTITION BY d.story_id) AS copies, d.fact_count, d.content_hash,
               d.extractor, d.ingested_at{texts}
        FROM documents d ORDER BY d.published NULLS LAST, d.id""").df()


def _records(cursor: duckdb.DuckDBPyConnection) -> list[dict]:
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict | None:
    """One document with both texts and the size of its story, or None."""
    rows = _records(con.execute("""
        SELECT d.id, d.title, d.url, d.published, d.source, d.format, d.story_id AS story,
               (SELECT count(*) FROM documents s WHERE s.story_id = d.story_id) AS copies, d.fact_count,
               d.content_hash, d.extractor, d.ingested_at, d.original_text, d.clean_text
        FROM documents d WHERE d.id = ?""", [doc_id]))
    return rows[0] if rows else None


def story_documents(con: duckdb.DuckDBPyConnection, story: int) -> list[dict]:
    """The documents of one story (the copies of a report), first published first."""
    return _records(con.execute("""
        SELECT id, title, url, published, source, fact_count FROM documents WHERE story_id = ?
        ORDER BY published NULLS LAST, id""", [story]))


def fact_records(con: duckdb.DuckDBPyConnection, doc_id: str, seq: int | None = None) -> list[dict]:
    """The facts of one document (or its fact number `seq`) as plain records, in order."""
    sql = _SELECT_FACTS + " WHERE doc_id = ?" + (" AND seq = ?" if seq is not None else "") + " ORDER BY seq"
    return _records(con.execute(sql, [doc_id] if seq is None else [doc_id, seq]))


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
        df = fact_rows(con, indicator=indicator.id, measure=measure or indicator.measure, region=region,
                       period_type=period_type, basis=basis, modality=modality,
                       scope=scope if scope is not None else key_scope)
    else:
        df = fact_rows(con, subject=key, measure=measure, region=region, period_type=period_type,
                       basis=basis, modality=modality)
    df = df[df["period"].notna()]
    out = [r for r in (_series_row(c) for c in cells(_cell_rows(df)).values()) if _in_series(r)]
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
    _check_period_type(period_type)
    wanted: dict[str, tuple[str, str, str | None]] = {}  # key -> (column, value, measure)
    for key in keys:
        indicator = catalogue.get(key)
        if indicator is not None:
            default = None if all_measures else indicator.measure
            wanted[key] = ("indicator", indicator.id, measure or default)
        else:
            wanted[key] = ("subject_key", subject_key(key), measure)
    out: dict[str, list[dict]] = {key: [] for key in keys}
    if not wanted:
        return out
    ids = sorted({v for c, v, _ in wanted.values() if c == "indicator"})
    subjects = sorted({v for c, v, _ in wanted.values() if c == "subject_key"})
    where, params = _where([("region = ?", region), ("period_type = ?", period_type), ("modality = ?", modality)])
    extra = (" AND " + where[len(" WHERE "):]) if where else ""
    cursor = con.execute(_SELECT_FACTS + """ WHERE period_key IS NOT NULL
        AND (list_contains(?::VARCHAR[], indicator) OR list_contains(?::VARCHAR[], subject_key))""" + extra
                         + " ORDER BY doc_id, seq", [ids, subjects, *params])
    columns = [d[0] for d in cursor.description]
    rows = [dict(zip(columns, r, strict=True)) for r in cursor.fetchall()]
    for key, (column, value, key_measure) in wanted.items():
        mine = [dict(r) for r in rows if r[column] == value and (key_measure is None or r["measure"] == key_measure)]
        found = [r for r in (_series_row(c) for c in cells(_cell_rows(mine)).values()) if _in_series(r)]
        found.sort(key=lambda r: (period_sort_key(r["period"]), r["region"] or "", r["measure"], r["basis"] or "",
                                  r["unit"]))
        out[key] = found
    return out


def conflicts(con: duckdb.DuckDBPyConnection, *, indicator: str | None = None, measure: str | None = None,
              region: str | None = None) -> pd.DataFrame:
    """Cells where independent stories disagree, or a derived value contradicts a stated one.

    Only cells with a known period, more than one story or a derived fact are read; each row
    pairs the best source with one that disagrees, with both quotes.
    """
    where, params = _where([("indicator = ?", indicator), ("measure = ?", measure), ("region = ?", region)])
    extra = (" AND " + where[len(" WHERE "):]) if where else ""
    df = con.execute(f"""
        WITH f AS (
            SELECT *, coalesce(indicator || coalesce('|' || scope, ''), 'subject:' || subject_key) AS cell_key
            FROM fact_provenance
            WHERE modality = 'actual' AND period_key IS NOT NULL AND period_key NOT LIKE '%?%'{extra}
        ), c AS (
            SELECT cell_key, measure, basis, unit, period_key, region FROM f
            GROUP BY ALL HAVING count(DISTINCT doc_id) > 1 OR bool_or(derived)
        )
        SELECT f.doc_id AS doc, f.seq, f.indicator, f.scope, f.subject, f.subject_key, f.measure, f.value, f.value_max,
               f.unit, f.qualifier, f.period_key AS period, f.period_type, f.basis, f.region, f.modality,
               f.quote, f.span_start, f.span_end, f.derived, f.derivation, f.vintage, f.story_id AS story, f.url,
               f.title, f.published
        FROM f JOIN c ON f.cell_key = c.cell_key AND f.measure = c.measure AND f.unit = c.unit
            AND f.period_key = c.period_key AND f.basis IS NOT DISTINCT FROM c.basis
            AND f.region IS NOT DISTINCT FROM c.region
        ORDER BY f.doc_id, f.seq""", params).df()
    out = []
    for cell in cells(_cell_rows(df)).values():
        pairs = [(cell.best, other, None) for other in cell.dissent]
        pairs += [(_story_voice(cell, copy), copy, "copies disagree") for copy in cell.copy_dissent]
        for first, other, kind in pairs:
            derived = first if first["derived"] else other if other["derived"] else None
            out.append({
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
            })
    out.sort(key=lambda r: (r["indicator"] or "~", r["subject"], period_sort_key(r["period"]), r["region"] or ""))
    return pd.DataFrame(out, columns=list(CONFLICT_COLUMNS))


def consistency(con: duckdb.DuckDBPyConnection, *, indicator: str | None = None) -> list[dict]:
    """What does not add up in the stored series (zhibiao.checks), as records with their figures."""
    from zhibiao.checks import check_rows

    where, params = _where([("indicator = ?", indicator)])
    extra = (" AND " + where[len(" WHERE "):]) if where else ""
    df = con.execute(_SELECT_FACTS + " WHERE modality = 'actual' AND period_key IS NOT NULL"
                     " AND period_key NOT LIKE '%?%'" + extra + " ORDER BY doc_id, seq", params).df()
    rows = [r for r in (_series_row(c) for c in cells(_cell_rows(df)).values()) if _in_series(r)]
    contradictions = conflicts(con, indicator=indicator)
    contradictions = contradictions[contradictions["kind"] == "derived vs stated"].to_dict("records")
    return [f.to_record() for f in check_rows(rows, contradictions)]


def _story_voice(cell: Cell, copy: dict) -> dict:
    """The copy that speaks for `copy`'s story (its first published copy) in a cell."""
    for row in (cell.best, *cell.dissent, *cell.history):
        if row["story"] == copy["story"] and bool(row.get("derived")) == bool(copy.get("derived")):
            return row
    return cell.best


def indicator_counts(con: duckdb.DuckDBPyConnection, catalogue: Catalogue) -> pd.DataFrame:
    """The catalogue with the number of facts and documents linked to each indicator."""
    counts = {row[0]: row[1:] for row in con.execute(
        """SELECT indicator, count(*), count(DISTINCT doc_id), min(period_key), max(period_key),
                  list_sort(list(DISTINCT scope) FILTER (WHERE scope IS NOT NULL))
           FROM facts WHERE indicator IS NOT NULL GROUP BY indicator""").fetchall()}
    rows = []
    for i in catalogue:
        n, docs, _first, _last, scopes = counts.get(i.id, (0, 0, None, None, []))
        group = catalogue.group(i.group)
        rows.append({"id": i.id, "name_zh": i.name_zh, "name_en": i.name_en, "group": i.group,
                     "group_en": group.name_en if group else "", "definition": i.definition,
                     "measure": i.measure, "unit": i.unit, "facts": n, "documents": docs,
                     "scopes": "、".join(scopes or ()), "aliases": "、".join(i.aliases)})
    return pd.DataFrame(rows)


def unlinked_subjects(con: duckdb.DuckDBPyConnection, limit: int = 20) -> pd.DataFrame:
    """The most frequent subjects no indicator matches (candidates for the catalogue)."""
    return con.execute("""SELECT subject_key AS subject, count(*) AS facts, count(DISTINCT doc_id) AS documents
                          FROM facts WHERE indicator IS NULL GROUP BY subject_key
                          ORDER BY facts DESC, subject LIMIT ?""", [limit]).df()


def integrity_problems(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Everything that would make the database inconsistent; empty when it is sound."""
    checks = (
        ("documents with a duplicate id", "SELECT count(*) FROM (SELECT id FROM documents GROUP BY id HAVING count(*) > 1)"),
        ("facts whose document is missing",
         "SELECT count(*) FROM facts f WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = f.doc_id)"),
        ("documents whose fact count does not match their facts",
         """SELECT count(*) FROM documents d
            WHERE d.fact_count <> (SELECT count(*) FROM facts f WHERE f.doc_id = d.id)"""),
        ("facts with a duplicate (doc_id, seq)",
         "SELECT count(*) FROM (SELECT doc_id, seq FROM facts GROUP BY ALL HAVING count(*) > 1)"),
        ("documents without a signature",
         """SELECT count(*) FROM documents d
            WHERE (SELECT count(*) FROM story_signatures s WHERE s.doc_id = d.id) <> 1"""),
        ("signatures or bands of missing documents",
         """SELECT (SELECT count(*) FROM story_signatures s WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.doc_id))
                 + (SELECT count(*) FROM story_bands b WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = b.doc_id))"""),
    )
    problems = []
    for label, sql in checks:
        n = first_row(con, sql)[0]
        if n:
            problems.append(f"{n} {label}")
    return problems
