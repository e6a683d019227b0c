"""The store handle: one DuckDB file, opened read-only to read and read-write only to ingest.

DuckDB lets one process write a file, or any number of processes read it, not both. A Store
therefore connects on demand: queries open the file read-only (or reuse the connection an ingest
holds), and `ingest` reopens it read-write for its duration and lets go afterwards. When another
process holds the file, the open fails with StoreLockedError naming that process.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import duckdb
import pandas as pd

from zhibiao import pipeline
from zhibiao.catalogue import Catalogue, load_catalogue
from zhibiao.errors import StoreError, StoreLockedError
from zhibiao.gate import GateTally
from zhibiao.ingest.read import iter_documents
from zhibiao.models import Document, ReadFailure
from zhibiao.store import queries
from zhibiao.store.paths import default_path
from zhibiao.store.schema import LATEST, current_version, first_row, migrate
from zhibiao.store.search import SearchIndex, SearchResult
from zhibiao.store.writer import BATCH_SIZE, Writer

_PID = re.compile(r"PID (\d+)")


@dataclass(frozen=True)
class IngestReport:
    """What one ingest did."""

    seen: int = 0
    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    facts: int = 0
    derived: int = 0
    failures: tuple[ReadFailure, ...] = ()
    interrupted: bool = False
    gated: int = 0
    gate: GateTally = field(default_factory=GateTally)
    error: str | None = None

    @property
    def stored(self) -> int:
        return self.added + self.replaced


@dataclass
class _Tally:
    seen: int = 0
    unchanged: int = 0
    gated: int = 0
    failures: list[ReadFailure] = field(default_factory=list)
    gate: GateTally = field(default_factory=GateTally)

    def freeze(self, writer: Writer, interrupted: bool = False, error: str | None = None) -> IngestReport:
        return IngestReport(self.seen, writer.added, writer.replaced, self.unchanged, writer.facts,
                            writer.derived, tuple(self.failures), interrupted, self.gated, self.gate, error)


ProgressFn = Callable[[str, int], None]


class Store:
    """A fact database. Use `zhibiao.open(path)`; close it (or use `with`) to release the file."""

    def __init__(self, path: str | Path | None = None, *, catalogue: Catalogue | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.catalogue = catalogue or load_catalogue()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._writable = False
        self._search: SearchIndex | None = None
        self._owns_search = True
        self._lent: list[Store] = []  # readers made from this store, closed with it

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        for reader in self._lent:
            reader.close()
        self._lent.clear()
        if self._search is not None:
            if self._owns_search:
                self._search.close()
            self._search = None
        if self._con is not None:
            self._con.close()
            self._con = None
            self._writable = False

    # -- connections ----------------------------------------------------------------------------

    def _connect(self, *, write: bool) -> duckdb.DuckDBPyConnection:
        if self._con is not None and (self._writable or not write):
            return self._con
        self.close()
        if not write and not self.path.exists():
            raise StoreError(str(self.path), "no such database; create it with `zhibiao ingest PATH --db FILE`")
        if write:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        # The writer runs beside a single-threaded, CPU-bound extractor: DuckDB's worker threads only
        # compete with it for the cores (measured: ingest 185 -> 250 docs/s on 2 cores with one thread).
        config = {"threads": 1} if write else {}
        try:
            con = duckdb.connect(str(self.path), read_only=not write, config=config)
        except duckdb.IOException as err:
            message = str(err)
            if "lock" in message.lower():
                pid = _PID.search(message)
                raise StoreLockedError(str(self.path), int(pid.group(1)) if pid else None) from None
            raise StoreError(str(self.path), _first_line(message)) from None
        except duckdb.Error as err:
            raise StoreError(str(self.path), _first_line(str(err))) from None
        try:
            version = current_version(con)
            if version > LATEST:
                raise StoreError(str(self.path), f"made by a newer zhibiao (schema {version}, this one knows {LATEST})")
            if write:
                migrate(con)
            elif version < LATEST:
                reason = ("not a zhibiao database" if version == 0 else
                          f"schema {version} is older than {LATEST}; run `zhibiao ingest` once to upgrade it")
                raise StoreError(str(self.path), reason)
        except BaseException:
            con.close()
            raise
        self._con, self._writable = con, write
        return con

    def writer_connection(self) -> duckdb.DuckDBPyConnection:
        """The read-write connection (opened, and the schema migrated, on first use; `close` lets
        the file go). For the watch's own state tables; documents go through `ingest_documents`."""
        return self._connect(write=True)

    @property
    def _reader(self) -> duckdb.DuckDBPyConnection:
        return self._connect(write=False)

    def reader(self) -> Store:
        """Another handle on this store for another thread: a cursor of its read-only connection (DuckDB
        lets each connection serve one thread at a time), the same catalogue and search index. Closing
        it closes only the cursor; closing this store closes it too."""
        other = Store(self.path, catalogue=self.catalogue)
        other._con = self._reader.cursor()
        other._search = self._search_index()
        other._owns_search = False
        self._lent.append(other)
        return other

    def _search_index(self) -> SearchIndex:
        if self._search is None:
            self._search = SearchIndex(self.path)
        return self._search

    # -- writing --------------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], *, index: str | Path | None = None, date: date | None = None,
               force: bool = False, batch_size: int = BATCH_SIZE, progress: ProgressFn | None = None,
               jobs: int = 1, gate: bool = True) -> IngestReport:
        """Read, extract and store every document under `paths` (the inputs `zhibiao extract` takes).

        Unchanged documents (same id and content hash) are skipped without extracting; changed ones
        replace their facts; `force` re-extracts everything. New documents with no statistical
        language are skipped by the gate (zhibiao.gate; `gate=False` extracts them too) and not
        stored. `jobs` > 1 extracts in that many worker processes; this process stays the only
        writer, and the result is the same as with one. Unreadable documents are reported in the
        result and the others stored.
        """
        items = iter_documents([Path(p) for p in paths], index=Path(index) if index else None, default_date=date,
                               defer_html=jobs > 1)
        return self.ingest_documents(items, force=force, batch_size=batch_size, progress=progress, jobs=jobs,
                                     gate=gate)

    def ingest_documents(self, items: Iterable[Document | ReadFailure], *, force: bool = False,
                         batch_size: int = BATCH_SIZE, progress: ProgressFn | None = None,
                         jobs: int = 1, gate: bool = True) -> IngestReport:
        """Store already-read documents (or report their ReadFailures); see `ingest`."""
        options = pipeline.Options(force=force, gate=gate)
        known: dict[str, str] = {}  # filled by the writer, read as each item is handed out
        # Worker processes start before the database opens, so that they can be forked from a
        # process that has no DuckDB threads yet (zhibiao.parallel). One process forks nothing, and
        # keeps the file it may hold (the watch's state is written on the same connection).
        if jobs > 1:
            self.close()
        outcomes = pipeline.outcomes(items, self.catalogue, known, options, jobs=jobs)
        try:
            con = self._connect(write=True)
            writer = Writer(con, self.catalogue, batch_size=batch_size, known=known,
                            on_commit=(lambda n: progress("commit", n)) if progress else None)
        except BaseException:
            outcomes.close()
            raise
        return self._store(outcomes, writer, progress)

    def ingest_outcomes(self, outcomes: Iterable[pipeline.Outcome], *, batch_size: int = BATCH_SIZE,
                        progress: ProgressFn | None = None, force: bool = False) -> IngestReport:
        """Store outcomes computed elsewhere (a Ray job, zhibiao.engines.ray), in the order given.

        Documents whose id is stored with the same content hash count as unchanged (unless `force`).
        """
        con = self._connect(write=True)
        writer = Writer(con, self.catalogue, batch_size=batch_size,
                        on_commit=(lambda n: progress("commit", n)) if progress else None)

        def unchanged_known(stream):
            for outcome in stream:
                p = outcome.prepared
                if p is not None and not force and writer.known.get(p.document.id) == p.content_hash:
                    outcome = pipeline.Outcome("unchanged", outcome.source)
                yield outcome

        return self._store(unchanged_known(outcomes), writer, progress)

    def _store(self, outcomes: Iterable[pipeline.Outcome], writer: Writer, progress: ProgressFn | None) -> IngestReport:
        """The single writer's loop: take outcomes in order, batch the documents, report."""
        from zhibiao.parallel import WorkerError

        tally = _Tally()
        try:
            for outcome in outcomes:
                tally.seen += 1
                tally.gate.add(outcome.gate)
                if outcome.kind == "stored":
                    writer.add(outcome.prepared)
                elif outcome.kind == "unchanged":
                    tally.unchanged += 1
                elif outcome.kind == "gated":
                    tally.gated += 1
                else:
                    tally.failures.append(outcome.failure)
                if progress:
                    progress("document", tally.seen)
            writer.flush()
        except KeyboardInterrupt:
            writer.discard()  # the open batch was never committed: nothing half-stored
            self.close()
            return tally.freeze(writer, interrupted=True)
        except WorkerError as err:
            try:
                writer.flush()  # what came back before the lost chunk is whole: keep it
            except duckdb.Error:
                writer.discard()
            self.close()
            return tally.freeze(writer, interrupted=True, error=str(err))
        except duckdb.Error as err:
            self.close()
            raise StoreError(str(self.path), f"write failed, last batch not stored: {_first_line(str(err))}") from None
        finally:
            if self._con is not None:
                self.close()  # let other processes in
        return tally.freeze(writer)

    # -- reading --------------------------------------------------------------------------------

    def facts(self, *, indicator: str | None = None, subject: str | None = None, measure: str | None = None,
              basis: str | None = None, period: str | None = None, period_type: str | None = None,
              region: str | None = None, doc: str | None = None, modality: str | None = None,
              derived: bool | None = None, scope: str | None = None, year: str | None = None,
              host: str | None = None, limit: int | None = None, offset: int = 0,
              newest_first: bool = False) -> pd.DataFrame:
        """Stored facts with provenance (document, url, title, publication date, story), filtered.

        `indicator` accepts an id or an alias; `period` any spelling (2025-01/2025-06 finds 2025-H1);
        `scope` one scope of an indicator ("" the unscoped facts); `year` the first four characters of
        the period; `host` the site of the document's URL; `limit` and `offset` page through them in
        (document, position) order, or latest period first.
        """
        if indicator is not None:
            found = self.catalogue.get(indicator)
            indicator = found.id if found else indicator
        return typed(queries.facts(self._reader, indicator=indicator, subject=subject, measure=measure, basis=basis,
                                   period=period, period_type=period_type, region=region, doc=doc,
                                   modality=modality, derived=derived, scope=scope, year=year, host=host,
                                   limit=limit, offset=offset, newest_first=newest_first))

    def fact_facets(self, *, indicator: str | None = None, top: int = 30, **filters) -> dict[str, list[tuple]]:
        """Counts of the filtered facts by indicator, measure, region, period type, year and host."""
        if indicator is not None:
            found = self.catalogue.get(indicator)
            indicator = found.id if found else indicator
        return queries.fact_facets(self._reader, indicator=indicator, top=top, **filters)

    def fact_summary(self, *, indicator: str | None = None, **filters) -> dict:
        """Facts, documents and independent stories behind the filtered facts; their latest dates."""
        if indicator is not None:
            found = self.catalogue.get(indicator)
            indicator = found.id if found else indicator
        return queries.fact_summary(self._reader, indicator=indicator, **filters)

    def indicator_period_types(self) -> dict[str, dict[str, int]]:
        """Facts per period type of each indicator (how often it is observed)."""
        return queries.indicator_period_types(self._reader)

    def count_facts(self, *, indicator: str | None = None, **filters) -> int:
        """How many facts `facts(...)` would return with these filters and no limit."""
        if indicator is not None:
            found = self.catalogue.get(indicator)
            indicator = found.id if found else indicator
        return queries.count_facts(self._reader, indicator=indicator, **filters)

    def document(self, doc_id: str) -> dict | None:
        """One document (texts, url, title, publication date, story and its size), or None."""
        return queries.document(self._reader, doc_id)

    def story_documents(self, story: int) -> list[dict]:
        """The copies of one story, first published first."""
        return queries.story_documents(self._reader, story)

    def document_facts(self, doc_id: str, seq: int | None = None) -> list[dict]:
        """The facts of one document (or only its fact `seq`), as plain records in order."""
        return queries.fact_records(self._reader, doc_id, seq)

    def search(self, query: str, *, limit: int = 50, offset: int = 0) -> SearchResult:
        """Facts whose subject or quote contains every term of `query` (simplified or traditional
        Chinese; see zhibiao.store.search). The index is built on first use and kept beside the file."""
        con = self._reader  # first: opening the file resets the handle, search index included
        return self._search_index().search(con, query, limit=limit, offset=offset)

    def series_records(self, keys: list[str], **options) -> dict[str, list[dict]]:
        """Several series in one query, as plain records (see queries.series_records)."""
        return queries.series_records(self._reader, self.catalogue, keys, **options)

    def documents(self, *, text: bool = False) -> pd.DataFrame:
        """Stored documents (with their story and its number of copies); texts when `text` is set."""
        return typed(queries.documents(self._reader, text=text))

    def series(self, key: str, *, measure: str | None = None, region: str | None = None,
               period_type: str | None = None, basis: str | None = None, modality: str = "actual",
               scope: str | None = None) -> pd.DataFrame:
        """One row per period (and region, measure, basis, scope where several): the best source's
        value, how many stories and copies agree, the conflict marker, and the best source's quote."""
        return typed(queries.series(self._reader, self.catalogue, key, measure=measure, region=region,
                                    period_type=period_type, basis=basis, modality=modality, scope=scope))

    def conflicts(self, *, indicator: str | None = None, measure: str | None = None,
                  region: str | None = None) -> pd.DataFrame:
        """Cells where independent stories disagree or a derived value contradicts a stated one."""
        if indicator is not None:
            found = self.catalogue.get(indicator)
            indicator = found.id if found else indicator
        return typed(queries.conflicts(self._reader, indicator=indicator, measure=measure, region=region))

    def report(self, period: str, *, region: str | None = None, charts: bool = True):
        """The briefing for `period` (2025-H1, 2024, 2025-Q3, 2025-05) and `region` (default 全国): sections
        of sentences whose figures carry their sources (zhibiao.report.Report; render it with
        zhibiao.report.render.to_markdown / to_html). Raises zhibiao.report.PeriodError for a bad period."""
        from zhibiao.report import build_report

        return build_report(self, period, region, charts=charts)

    def indicators(self) -> pd.DataFrame:
        """The catalogue with fact and document counts."""
        return queries.indicator_counts(self._reader, self.catalogue)

    def unlinked_subjects(self, limit: int = 20) -> pd.DataFrame:
        return queries.unlinked_subjects(self._reader, limit)

    def changes(self, since: datetime | date | None = None) -> tuple[datetime | date | None, pd.DataFrame]:
        """The facts of documents stored since `since` (default: the start of the last watch round that
        stored documents; everything when there was none), each classified as a revision, conflict,
        new period or new fact (zhibiao.watch.changes). Returns the time used and the table."""
        from zhibiao.watch import changes

        con = self._reader
        if since is None:
            since = changes.last_run_start(con)
        return since, changes.changes(con, since)

    def watch_runs(self, limit: int = 10) -> list[dict]:
        """The last watch rounds, newest first, with their one-line-per-source summaries."""
        from zhibiao.watch import changes

        return changes.runs(self._reader, limit)
    def prune(self, paths: Iterable[str | Path], *, dry_run: bool = False) -> list[tuple[str, str]]:
        """Remove the documents (and their facts and story signatures) whose source file lies under one
        of `paths` and no longer exists; return their (id, source). Sources are kept as they were given
        to ingest, so relative ones are taken from the working folder: only documents under the paths
        named are candidates, never the whole store. `dry_run` lists them and removes nothing."""
        roots = []
        for path in map(Path, paths):
            if not path.exists():
                raise StoreError(str(self.path), f"cannot prune under {path}: no such file or folder")
            roots.append(path.resolve())
        rows = self._reader.execute("SELECT id, source FROM documents ORDER BY id").fetchall()
        gone = [(doc_id, source) for doc_id, source in rows if _source_gone(source, roots)]
        if dry_run or not gone:
            return gone
        con = self._connect(write=True)
        try:
            con.begin()
            con.register("_gone", pd.DataFrame({"id": [doc_id for doc_id, _ in gone]}))
            for table, column in (("facts", "doc_id"), ("story_signatures", "doc_id"), ("story_bands", "doc_id"),
                                  ("documents", "id")):
                con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM _gone)")
            con.unregister("_gone")
            con.commit()
        except duckdb.Error as err:
            with contextlib.suppress(duckdb.Error):
                con.rollback()
            raise StoreError(str(self.path), f"prune failed, nothing removed: {_first_line(str(err))}") from None
        finally:
            self.close()
        return gone

    def check(self) -> list[str]:
        """Integrity problems (empty when the database is consistent)."""
        return queries.integrity_problems(self._reader)

    def consistency(self, *, indicator: str | None = None) -> list[dict]:
        """What does not add up in the stored series, each finding with its figures and quotes
        (zhibiao.checks: half-years outside their quarters, changes that contradict levels, shares
        above 100 %, unexplained monthly jumps)."""
        if indicator is not None:
            found = self.catalogue.get(indicator)
            indicator = found.id if found else indicator
        return queries.consistency(self._reader, indicator=indicator)

    def newest_publication(self):
        """The publication date of the newest stored document (what "stale" is measured against)."""
        return first_row(self._reader, "SELECT max(published) FROM documents")[0]

    def counts(self) -> dict[str, int]:
        """Rows per table, and `stories`: the number of distinct stories."""
        con = self._reader
        out = {table: first_row(con, f"SELECT count(*) FROM {table}")[0]
               for table in ("documents", "facts", "story_signatures", "story_bands")}
        out["stories"] = first_row(con, "SELECT count(DISTINCT story_id) FROM documents")[0]
        return out


_CATEGORIES = ("measure", "unit", "qualifier", "period_type", "basis", "modality", "kind")
_DATES = ("published", "published_a", "published_b")
_NUMBERS = ("value", "value_max", "value_a", "value_b")


def typed(df: pd.DataFrame) -> pd.DataFrame:
    """The same dtypes in every DataFrame the API returns, whatever rows it holds: dates as
    datetime64 (NaT when unknown), values as float64 (NaN for a missing value_max), the small
    vocabularies as categoricals, and the first and last day of each period (period_start,
    period_end; NaT when its year is unknown) so that a series can be indexed by time."""
    from zhibiao.period import period_span

    df = df.copy()
    for column in _DATES:
        if column in df:
            df[column] = pd.to_datetime(df[column], errors="coerce").astype("datetime64[ns]")
    for column in _NUMBERS:
        if column in df:
            df[column] = pd.to_numeric(df[column], errors="coerce").astype("float64")
    for column in _CATEGORIES:
        if column in df:
            df[column] = df[column].astype("category")
    if "period" in df:
        spans = [period_span(p) if isinstance(p, str) else None for p in df["period"]]
        at = df.columns.get_loc("period") + 1
        df.insert(at, "period_start", pd.to_datetime([s[0] if s else None for s in spans]).astype("datetime64[ns]"))
        df.insert(at + 1, "period_end", pd.to_datetime([s[1] if s else None for s in spans]).astype("datetime64[ns]"))
    return df


def _source_gone(source: str, roots: list[Path]) -> bool:
    """Whether a stored source (a file, or a record of a stream: crawl.warc.gz:3) lies under one of
    `roots` and its file is missing."""
    if source.startswith("<"):  # <stdin>
        return False
    file = Path(source)
    if not file.exists() and ":" in source:
        head = source.rsplit(":", 1)
        file = Path(head[0]) if head[1].isdigit() else file
    try:
        resolved = file.resolve()
    except (OSError, RuntimeError):
        return False
    inside = any(resolved == root or root in resolved.parents for root in roots)
    return inside and not file.exists()


def _first_line(message: str) -> str:
    return " ".join(message.strip().splitlines()[0].split()) if message.strip() else "unknown error"
