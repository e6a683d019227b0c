"""The watch's memory, in the fact database (schema migration 2), so a killed watch resumes.

An article URL is written down as `pending` as soon as a listing names it, before it is fetched;
its state moves on only after its document is committed. A watch killed in between finds it pending
and fetches it again; its document id is a function of the URL (`doc_id_for`), so the store sees the
same id and keeps one document. A start page's validators (ETag, Last-Modified) are saved in the
same transaction as the links it gave, so a 304 never hides links that were not written down.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import duckdb

from zhibiao.store.schema import first_row, one_row

DONE = ("stored", "unchanged", "gated", "unreadable", "gone", "refused", "robots", "too_large", "abandoned")
RETRY = ("pending", "failed")
MAX_ATTEMPTS = 5


@dataclass(frozen=True)
class Pending:
    url: str
    source: str
    attempts: int


def doc_id_for(url: str) -> str:
    """A stable document id for an article URL: its host and a hash (`www.stats.gov.cn-3fa9c2d1e0b7`)."""
    host = urlsplit(url).hostname or "web"
    return f"{host}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:12]}"


def add_links(con: duckdb.DuckDBPyConnection, source: str, urls: list[str], now: datetime) -> int:
    """Write down the URLs not seen before as pending; return how many were new."""
    if not urls:
        return 0
    known = {row[0] for row in con.execute(
        "SELECT url FROM watch_urls WHERE url IN (SELECT unnest(?::VARCHAR[]))", [urls]).fetchall()}
    fresh = [u for u in dict.fromkeys(urls) if u not in known]
    if fresh:
        con.executemany("INSERT INTO watch_urls VALUES (?, ?, 'pending', NULL, NULL, ?, NULL, 0, NULL)",
                        [(u, source, now) for u in fresh])
    return len(fresh)


def pending(con: duckdb.DuckDBPyConnection, source: str) -> list[Pending]:
    """The source's URLs still to fetch (new ones, and failures not yet tried too often), oldest first."""
    rows = con.execute(
        """SELECT url, source, attempts FROM watch_urls
           WHERE source = ? AND state IN ('pending', 'failed') ORDER BY first_seen, url""", [source]).fetchall()
    return [Pending(*row) for row in rows]


def settle(con: duckdb.DuckDBPyConnection, url: str, state: str, now: datetime, *, doc_id: str | None = None,
           final_url: str | None = None, error: str | None = None) -> None:
    """Record what became of one URL. A failure counts an attempt; too many make it `abandoned`."""
    if state == "failed":
        con.execute(
            """UPDATE watch_urls SET attempts = attempts + 1, fetched_at = ?, last_error = ?,
                   state = CASE WHEN attempts + 1 >= ? THEN 'abandoned' ELSE 'failed' END
               WHERE url = ?""", [now, error, MAX_ATTEMPTS, url])
        return
    con.execute("""UPDATE watch_urls SET state = ?, doc_id = ?, final_url = ?, fetched_at = ?, last_error = ?,
                       attempts = attempts + 1 WHERE url = ?""", [state, doc_id, final_url, now, error, url])


def mark_alias(con: duckdb.DuckDBPyConnection, url: str, source: str, state: str, now: datetime,
               doc_id: str | None) -> None:
    """Where a redirect led, so that a link straight to it is not fetched again."""
    if first_row(con, "SELECT 1 FROM watch_urls WHERE url = ?", [url]) is None:
        con.execute("INSERT INTO watch_urls VALUES (?, ?, ?, ?, NULL, ?, ?, 1, NULL)",
                    [url, source, state, doc_id, now, now])


def validators(con: duckdb.DuckDBPyConnection, url: str, source: str) -> tuple[str | None, str | None]:
    """The ETag and Last-Modified a source last saw on a start page (per source: two sources may read
    one feed for different articles)."""
    row = first_row(con, "SELECT etag, last_modified FROM watch_pages WHERE url = ? AND source = ?", [url, source])
    return (row[0], row[1]) if row else (None, None)


def save_validators(con: duckdb.DuckDBPyConnection, url: str, source: str, etag: str | None,
                    last_modified: str | None, status: int, now: datetime) -> None:
    con.execute("DELETE FROM watch_pages WHERE url = ? AND source = ?", [url, source])
    con.execute("INSERT INTO watch_pages VALUES (?, ?, ?, ?, ?, ?)", [url, source, etag, last_modified, status, now])


def is_due(con: duckdb.DuckDBPyConnection, source: str, every: float, now: datetime) -> bool:
    """A source is due when it was never looked at, its last look failed, or `every` has passed."""
    row = first_row(con, "SELECT last_look, last_ok FROM watch_sources WHERE name = ?", [source])
    if row is None or row[1] is None or row[0] > row[1]:
        return True
    return now - row[1] >= timedelta(seconds=every) - timedelta(seconds=1)


def looked(con: duckdb.DuckDBPyConnection, source: str, now: datetime, ok: bool) -> None:
    row = first_row(con, "SELECT last_ok FROM watch_sources WHERE name = ?", [source])
    last_ok = now if ok else (row[0] if row else None)
    con.execute("DELETE FROM watch_sources WHERE name = ?", [source])
    con.execute("INSERT INTO watch_sources VALUES (?, ?, ?)", [source, now, last_ok])


def host_pauses(con: duckdb.DuckDBPyConnection, now: datetime) -> dict[str, float]:
    """Hosts that asked (429/503 Retry-After) not to be asked again before a time: host -> epoch seconds."""
    return {host: until.replace(tzinfo=UTC).timestamp() for host, until in con.execute(
        "SELECT host, not_before FROM watch_hosts WHERE not_before > ?", [now]).fetchall()}


def save_host_pauses(con: duckdb.DuckDBPyConnection, pauses: dict[str, float], now: datetime) -> None:
    con.execute("DELETE FROM watch_hosts")
    rows = [(host, datetime.fromtimestamp(epoch, UTC).replace(tzinfo=None)) for host, epoch in pauses.items()]
    rows = [(h, t) for h, t in rows if t > now]
    if rows:
        con.executemany("INSERT INTO watch_hosts VALUES (?, ?)", rows)


def begin_run(con: duckdb.DuckDBPyConnection, now: datetime) -> int:
    run = (one_row(con, "SELECT max(id) FROM watch_runs")[0] or 0) + 1
    con.execute("INSERT INTO watch_runs VALUES (?, ?, NULL, 0, 0, 0, NULL)", [run, now])
    return run


def finish_run(con: duckdb.DuckDBPyConnection, run: int, now: datetime, documents: int, facts: int,
               failures: int, summary: list[str]) -> None:
    con.execute("""UPDATE watch_runs SET finished = ?, documents = ?, facts = ?, failures = ?, summary = ?
                   WHERE id = ?""", [now, documents, facts, failures, json.dumps(summary, ensure_ascii=False), run])


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """URLs per state (for tests and the summary)."""
    return dict(con.execute("SELECT state, count(*) FROM watch_urls GROUP BY state").fetchall())
