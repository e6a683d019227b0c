"""Reads: facts, documents, the sources of series and conflicts, and catalogue counts.

Every function takes an open connection (read-only is enough) and never writes. What the rows mean
(series cells, conflicts, checks) is worked out above the store, in zhibiao.analysis.
"""

from __future__ import annotations

from collections.abc import Sequence

import duckdb
import pandas as pd

from zhibiao.catalogue import Catalogue, subject_key
from zhibiao.period import PERIOD_TYPES, classify_period
from zhibiao.store.schema import one_row

FACT_COLUMNS = (
    "doc", "seq", "indicator", "scope", "subject", "measure", "value", "value_max", "unit", "qualifier", "period",
    "period_type", "basis", "region", "modality", "quote", "span_start", "span_end", "derived", "derivation",
    "vintage", "story", "url", "title", "published",
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


def check_period_type(period_type: str | None) -> None:
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
    return one_row(con, "SELECT count(*) FROM fact_provenance" + where, params)[0]


def _fact_filters(*, indicator: str | None = None, subject: str | None = None, measure: str | None = None,
                  basis: str | None = None, period: str | None = None, period_type: str | None = None,
                  region: str | None = None, doc: str | None = None, modality: str | None = None,
                  derived: bool | None = None, scope: str | None = None, year: str | None = None,
                  host: str | None = None) -> tuple[str, list]:
    check_period_type(period_type)
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
    row = one_row(con, f"""SELECT count(*), count(DISTINCT doc_id), count(DISTINCT story_id), max(published),
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


def series_source_rows(con: duckdb.DuckDBPyConnection, indicators: Sequence[str], subjects: Sequence[str], *,
                       region: str | None = None, period_type: str | None = None,
                       modality: str | None = "actual") -> list[dict]:
    """The facts with a period of any of `indicators` (ids) or `subjects` (normalised keys), filtered,
    as plain records in (document, position) order: the sources of several series at once."""
    check_period_type(period_type)
    where, params = _where([("region = ?", region), ("period_type = ?", period_type), ("modality = ?", modality)])
    extra = (" AND " + where[len(" WHERE "):]) if where else ""
    return _records(con.execute(_SELECT_FACTS + """ WHERE period_key IS NOT NULL
        AND (list_contains(?::VARCHAR[], indicator) OR list_contains(?::VARCHAR[], subject_key))""" + extra
                                + " ORDER BY doc_id, seq", [list(indicators), list(subjects), *params]))


def contested_rows(con: duckdb.DuckDBPyConnection, *, indicator: str | None = None, measure: str | None = None,
                   region: str | None = None) -> pd.DataFrame:
    """The facts of the cells that may hold a conflict: a known period and more than one document
    stating the cell, or a derived fact in it."""
    where, params = _where([("indicator = ?", indicator), ("measure = ?", measure), ("region = ?", region)])
    extra = (" AND " + where[len(" WHERE "):]) if where else ""
    return con.execute(f"""
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


def dated_actual_rows(con: duckdb.DuckDBPyConnection, *, indicator: str | None = None) -> pd.DataFrame:
    """The actual (not planned) facts whose period has a known year, of one indicator or all: what
    the consistency checks read."""
    where, params = _where([("indicator = ?", indicator)])
    extra = (" AND " + where[len(" WHERE "):]) if where else ""
    return con.execute(_SELECT_FACTS + " WHERE modality = 'actual' AND period_key IS NOT NULL"
                       " AND period_key NOT LIKE '%?%'" + extra + " ORDER BY doc_id, seq", params).df()


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
        ("documents with a duplicate id",
         "SELECT count(*) FROM (SELECT id FROM documents GROUP BY id HAVING count(*) > 1)"),
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
         """SELECT (SELECT count(*) FROM story_signatures s
                    WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = s.doc_id))
                 + (SELECT count(*) FROM story_bands b
                    WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = b.doc_id))"""),
    )
    problems = []
    for label, sql in checks:
        n = one_row(con, sql)[0]
        if n:
            problems.append(f"{n} {label}")
    return problems
