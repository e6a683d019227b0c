"""What is new: the facts of documents stored since a time, each saying what it changes.

Every fact of a document ingested at or after `since` is one row, classified against the facts
stored before it in the same cell (indicator and its scope, or subject; measure, basis, unit, period,
region, modality), the cells `zhibiao conflicts` compares:

    revision     an earlier source stated another value for the cell, and this document was
                 published later (a figure revised, or a preliminary one made final)
    conflict     another source (earlier, or new in the same window) states another value, and this
                 one is not the later publication
    new_period   the first figure for a period of a catalogue indicator
    new          anything else: a figure on a subject outside the catalogue, or a new source for a
                 value already known

`since` defaults to the start of the last watch round that stored documents.
"""

from __future__ import annotations

from datetime import date, datetime

import duckdb
import pandas as pd

from zhibiao.series import agree, period_sort_key
from zhibiao.store.schema import first_row

KINDS = ("revision", "conflict", "new_period", "new")
COLUMNS = ("change", "indicator", "scope", "subject", "measure", "basis", "period", "period_type", "region", "value",
           "value_max", "unit", "qualifier", "derived", "previous", "previous_doc", "previous_published", "doc",
           "seq", "title", "url", "published", "ingested_at", "quote")
_CELL = ("cell", "measure", "basis", "unit", "period_key", "region", "modality")


def last_run_start(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """When the last watch round that stored documents began (None if none did)."""
    row = first_row(con, "SELECT max(started) FROM watch_runs WHERE documents > 0")
    return row[0] if row else None


def runs(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[dict]:
    """The last watch rounds, newest first, with their one-line-per-source summaries."""
    import json

    rows = con.execute("""SELECT id, started, finished, documents, facts, failures, summary FROM watch_runs
                          ORDER BY id DESC LIMIT ?""", [limit]).fetchall()
    return [{"run": r[0], "started": r[1], "finished": r[2], "documents": r[3], "facts": r[4], "failures": r[5],
             "summary": json.loads(r[6]) if r[6] else []} for r in rows]


def changes(con: duckdb.DuckDBPyConnection, since: datetime | date | None) -> pd.DataFrame:
    """The classified facts of documents ingested at or after `since` (all documents when None)."""
    if isinstance(since, date) and not isinstance(since, datetime):
        since = datetime(since.year, since.month, since.day)
    since = since or datetime(1970, 1, 1)
    select = """SELECT f.doc_id AS doc, f.seq, f.indicator, f.scope, f.subject, f.measure, f.basis,
                       f.period_key AS period, f.period_type, f.region, f.modality, f.value, f.value_max, f.unit,
                       f.qualifier, f.derived, f.quote,
                       coalesce(f.indicator || coalesce('|' || f.scope, ''), 'subject:' || f.subject_key) AS cell,
                       f.period_key, d.title, d.url, d.published, d.ingested_at, d.story_id AS story
                FROM facts f JOIN documents d ON d.id = f.doc_id"""
    new = con.execute(f"{select} WHERE d.ingested_at >= ? ORDER BY d.ingested_at, f.doc_id, f.seq",
                      [since]).df()
    if new.empty:
        return pd.DataFrame(columns=list(COLUMNS))
    new_rows = _records(new)
    con.register("_new_cells", new[list(_CELL)].drop_duplicates())
    try:
        old = con.execute(f"""{select} JOIN _new_cells c
            ON coalesce(f.indicator || coalesce('|' || f.scope, ''), 'subject:' || f.subject_key) = c.cell
            AND f.measure = c.measure AND f.unit = c.unit AND f.period_key = c.period_key AND f.modality = c.modality
            AND f.basis IS NOT DISTINCT FROM c.basis AND f.region IS NOT DISTINCT FROM c.region
            WHERE d.ingested_at < ? AND f.period_key NOT LIKE '%?%'""", [since]).df()
    finally:
        con.unregister("_new_cells")
    by_cell: dict[tuple, list[dict]] = {}
    for row in _records(old):
        by_cell.setdefault(_cell(row), []).append(row)
    new_by_cell: dict[tuple, list[dict]] = {}
    for row in new_rows:
        new_by_cell.setdefault(_cell(row), []).append(row)
    out = [_classify(row, by_cell.get(_cell(row), []), new_by_cell[_cell(row)]) for row in new_rows]
    out.sort(key=lambda r: (KINDS.index(r["change"]), r["indicator"] or "~", r["subject"],
                            period_sort_key(r["period"]), r["region"] or "", r["doc"], r["seq"]))
    return pd.DataFrame(out, columns=list(COLUMNS))


def _classify(row: dict, before: list[dict], alongside: list[dict]) -> dict:
    comparable = row["period"] is not None and "?" not in row["period"]
    earlier = [o for o in before if o["story"] != row["story"]] if comparable else []
    peers = [o for o in alongside if o["story"] != row["story"]] if comparable else []
    change, previous = _change(row, before, earlier, peers, comparable)
    out = {name: row.get(name) for name in COLUMNS}
    out["change"] = change
    out["derived"] = bool(row["derived"])
    out["previous"] = previous["value"] if previous else None
    out["previous_doc"] = previous["doc"] if previous else None
    out["previous_published"] = previous["published"] if previous else None
    return out


def _latest(rows: list[dict]) -> dict:
    return max(rows, key=lambda o: (_day(o["published"]), o["doc"]))


def _change(row: dict, before: list[dict], earlier: list[dict], peers: list[dict],
            comparable: bool) -> tuple[str, dict | None]:
    """What a new fact is, and the figure it is set against: a revision of an earlier story's figure
    (published later), a conflict with one, the first figure of a period, or simply new."""
    disagree = [o for o in earlier + peers if not agree(row, o)]
    if disagree:
        previous = _latest(disagree)
        later = _day(row["published"]) > _day(previous["published"])
        return ("revision" if later and previous in earlier else "conflict"), previous
    if row["indicator"] is not None and comparable and not before and not row["derived"]:
        return "new_period", None
    return "new", (_latest(earlier) if earlier else None)


def _records(df: pd.DataFrame) -> list[dict]:
    rows = df.astype(object).where(df.notna(), None).to_dict("records")
    for row in rows:
        published = row["published"]
        if published is not None and not isinstance(published, date):
            row["published"] = pd.Timestamp(published).date()
        elif isinstance(published, datetime):
            row["published"] = published.date()
        if isinstance(row["ingested_at"], pd.Timestamp):
            row["ingested_at"] = row["ingested_at"].to_pydatetime()
    return rows


def _cell(row: dict) -> tuple:
    return tuple(row[name] for name in _CELL)


def _day(value) -> int:
    return value.toordinal() if isinstance(value, date) else 0
