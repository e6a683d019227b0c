"""The database schema, as numbered migrations.

`meta` holds `schema_version`; opening a database for writing applies every migration above it,
each in its own transaction, in order. A database whose version is newer than this code knows is
refused rather than guessed at. To change the schema, append a migration: never edit a released one.

Tables (version 1):

    documents            one row per stored document
      id                 document id (file stem, index id or jsonl id)
      source             where it was read from (path, or path:line for jsonl)
      format             txt | html
      url, title         from the index, the jsonl line or the page, when known
      published          publication date, when known
      content_hash       sha256 of the text and the metadata that shapes extraction
      original_text      the decoded text as read (spans point into it)
      clean_text         the cleaned, simplified text (quotes come from it)
      story_id           near-duplicate cluster (zhibiao.stories): reposts share it
      fact_count         facts stored for it, derived ones included
      extractor          zhibiao version that extracted it
      ingested_at        when it was stored (UTC)

    facts                one row per fact (FACTS.md fields) or derived fact
      doc_id, seq        the document and the fact's position in it
      subject            as the text names it; subject_key its normalised form
      indicator          catalogue id, when the subject matches (zhibiao.catalogue)
      measure, value, value_max, unit, qualifier, basis, region, modality, quote
      period             as extracted; period_key its canonical form (2025-01/2025-06 -> 2025-H1)
      period_type        Y | H | Q | M | YTD | point | range
      span_start/end     offsets of the number in original_text
      derived            true for a fact implied by a stated change; derivation says how

    story_signatures     MinHash signature per document (to match future documents)
    story_bands          LSH band keys per document (candidate lookup)
    fact_provenance      view: facts joined to their document's url, title, date and story

Version 2:

    facts.scope          the programme scope the subject's modifiers select when it links to an
                         indicator (亿元以上, 50亿元以上, 重点培育; zhibiao.catalogue), else NULL. Facts of
                         one indicator with different scopes are different series.

Tables (version 3, zhibiao watch: what it has seen, so a killed watch resumes):

    watch_urls           one row per article URL found (normalised)
      url, source        the URL and the source that listed it first
      state              pending | stored | unchanged | gated | unreadable | gone | refused | robots |
                         too_large | failed (retried next round) | abandoned (failed too often)
      doc_id             the document stored for it; final_url where a redirect led
      first_seen, fetched_at, attempts, last_error
    watch_pages          start pages, feeds and sitemaps, per source: ETag and Last-Modified for
                         conditional GET
    watch_sources        per source: the last look and the last look without a failure
    watch_hosts          per host: not before (a 429/503 Retry-After that outlasts a round)
    watch_runs           per round: start, end, documents and facts stored, failures, the summary

Version 4:

    facts.vintage        the revision stage the sentence states (zhibiao.extract.vintages):
                         preliminary (初步核算), verified (初步核实), final (最终核实), revised (修订后,
                         调整后), pre_revision (修订前为…), revision (a change against the value before
                         a revision, 比修订前提高0.2个百分点); NULL when the text says none
"""

from __future__ import annotations

from typing import Any

import duckdb

Migration = tuple[int, str, tuple[str, ...]]

MIGRATIONS: tuple[Migration, ...] = (
    (1, "documents, facts, stories", (
        """CREATE TABLE documents (
            id VARCHAR NOT NULL,
            source VARCHAR,
            format VARCHAR,
            url VARCHAR,
            title VARCHAR,
            published DATE,
            content_hash VARCHAR NOT NULL,
            original_text VARCHAR NOT NULL,
            clean_text VARCHAR NOT NULL,
            story_id BIGINT NOT NULL,
            fact_count INTEGER NOT NULL,
            extractor VARCHAR,
            ingested_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE facts (
            doc_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            subject VARCHAR NOT NULL,
            subject_key VARCHAR NOT NULL,
            indicator VARCHAR,
            measure VARCHAR NOT NULL,
            value DOUBLE NOT NULL,
            value_max DOUBLE,
            unit VARCHAR NOT NULL,
            qualifier VARCHAR NOT NULL,
            period VARCHAR,
            period_key VARCHAR,
            period_type VARCHAR,
            basis VARCHAR,
            region VARCHAR,
            modality VARCHAR NOT NULL,
            quote VARCHAR NOT NULL,
            span_start INTEGER,
            span_end INTEGER,
            derived BOOLEAN NOT NULL,
            derivation VARCHAR
        )""",
        """CREATE TABLE story_signatures (
            doc_id VARCHAR NOT NULL,
            minhash BLOB NOT NULL
        )""",
        """CREATE TABLE story_bands (
            doc_id VARCHAR NOT NULL,
            band_key BIGINT NOT NULL
        )""",
        """CREATE VIEW fact_provenance AS
            SELECT f.*, d.url, d.title, d.published, d.story_id, d.source
            FROM facts f JOIN documents d ON d.id = f.doc_id""",
    )),
    (2, "the scope of a linked fact", (
        "ALTER TABLE facts ADD COLUMN scope VARCHAR",
        # A view's star is expanded when it is created: create it again so it has the new column.
        """CREATE OR REPLACE VIEW fact_provenance AS
            SELECT f.*, d.url, d.title, d.published, d.story_id, d.source
            FROM facts f JOIN documents d ON d.id = f.doc_id""",
        # Facts stored before scopes existed are linked again (with their scope) on the next write.
        "DELETE FROM meta WHERE key = 'catalogue'",
    )),
    # IF NOT EXISTS: a database rolled back by hand to an older version keeps the watch's memory.
    (3, "watch state", (
        """CREATE TABLE IF NOT EXISTS watch_urls (
            url VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            state VARCHAR NOT NULL,
            doc_id VARCHAR,
            final_url VARCHAR,
            first_seen TIMESTAMP NOT NULL,
            fetched_at TIMESTAMP,
            attempts INTEGER NOT NULL,
            last_error VARCHAR
        )""",
        """CREATE TABLE IF NOT EXISTS watch_pages (
            url VARCHAR NOT NULL,
            source VARCHAR NOT NULL,
            etag VARCHAR,
            last_modified VARCHAR,
            status INTEGER,
            fetched_at TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS watch_sources (
            name VARCHAR NOT NULL,
            last_look TIMESTAMP,
            last_ok TIMESTAMP
        )""",
        """CREATE TABLE IF NOT EXISTS watch_hosts (
            host VARCHAR NOT NULL,
            not_before TIMESTAMP NOT NULL
        )""",
        """CREATE TABLE IF NOT EXISTS watch_runs (
            id INTEGER NOT NULL,
            started TIMESTAMP NOT NULL,
            finished TIMESTAMP,
            documents INTEGER NOT NULL,
            facts INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            summary VARCHAR
        )""",
    )),
    (4, "the vintage of a fact", (
        "ALTER TABLE facts ADD COLUMN IF NOT EXISTS vintage VARCHAR",
        # A view's star is expanded when it is created: create it again so it has the new column.
        """CREATE OR REPLACE VIEW fact_provenance AS
            SELECT f.*, d.url, d.title, d.published, d.story_id, d.source
            FROM facts f JOIN documents d ON d.id = f.doc_id""",
    )),
)

LATEST = MIGRATIONS[-1][0]


def first_row(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple | None:
    """The first row of a query, with the result consumed.

    DuckDB 2 refuses to register a relation while an earlier result is only partly fetched (as
    `fetchone()` leaves it), so every lookup here reads its result to the end.
    """
    rows = con.execute(sql, params or []).fetchall()
    return rows[0] if rows else None


def one_row(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> tuple[Any, ...]:
    """The row of a query that always returns one (an aggregate: count, max), its result consumed."""
    return con.execute(sql, params or []).fetchall()[0]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of an open database (0 for an empty one)."""
    exists = one_row(
        con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta' AND table_schema = 'main'"
    )[0]
    if not exists:
        return 0
    row = first_row(con, "SELECT value FROM meta WHERE key = 'schema_version'")
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection, migrations: tuple[Migration, ...] = MIGRATIONS) -> list[int]:
    """Apply the migrations the database lacks, each in one transaction; return the versions applied."""
    applied: list[int] = []
    version = current_version(con)
    for number, _title, statements in migrations:
        if number <= version:
            continue
        con.begin()
        try:
            if version == 0 and not applied:
                con.execute("CREATE TABLE IF NOT EXISTS meta (key VARCHAR NOT NULL, value VARCHAR)")
            for statement in statements:
                con.execute(statement)
            set_meta(con, "schema_version", str(number))
            con.commit()
        except BaseException:
            con.rollback()
            raise
        applied.append(number)
    return applied


def get_meta(con: duckdb.DuckDBPyConnection, key: str) -> str | None:
    row = first_row(con, "SELECT value FROM meta WHERE key = ?", [key])
    return row[0] if row else None


def set_meta(con: duckdb.DuckDBPyConnection, key: str, value: str) -> None:
    con.execute("DELETE FROM meta WHERE key = ?", [key])
    con.execute("INSERT INTO meta VALUES (?, ?)", [key, value])
