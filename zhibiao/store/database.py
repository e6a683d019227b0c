"""The database: one DuckDB file, opened read-only to read and read-write only to write.

DuckDB lets one process write a file, or any number of processes read it, not both. A Database
therefore connects on demand: queries open the file read-only (or reuse the connection a write
holds), and a write reopens it read-write for its duration and lets go afterwards. When another
process holds the file, the open fails with StoreLockedError naming that process.

The store only stores and reads: what is written comes in as prepared Outcomes (zhibiao.prepare),
and reading, extracting and preparing documents is orchestrated above it (zhibiao.ingesting), as
series, conflicts and checks are (zhibiao.analysis). zhibiao.handle.Store, what `zhibiao.open`
returns, puts them together.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd

from zhibiao.catalogue import Catalogue, load_catalogue
from zhibiao.errors import StoreError, StoreLockedError
from zhibiao.gate import GateTally
from zhibiao.models import ReadFailure
from zhibiao.parallel import WorkerError
from zhibiao.prepare import Outcome
from zhibiao.store import queries
from zhibiao.store.paths import default_path
from zhibiao.store.schema import LATEST, current_version, migrate, one_row
from zhibiao.store.search import SearchIndex, SearchResult
from zhibiao.store.writer import BATCH_SIZE, Writer

if TYPE_CHECKING:
    from typing import Self

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

    def count(self, outcome: Outcome, writer: Writer) -> None:
        """Count one outcome; a stored one goes to the writer."""
        self.seen += 1
        self.gate.add(outcome.gate)
        if outcome.kind == "stored":
            assert outcome.prepared is not None
            writer.add(outcome.prepared)
        elif outcome.kind == "unchanged":
            self.unchanged += 1
        elif outcome.kind == "gated":
            self.gated += 1
        else:
            assert outcome.failure is not None
            self.failures.append(outcome.failure)

    def freeze(self, writer: Writer, interrupted: bool = False, error: str | None = None) -> IngestReport:
        return IngestReport(self.seen, writer.added, writer.replaced, self.unchanged, writer.facts,
                            writer.derived, tuple(self.failures), interrupted, self.gated, self.gate, error)


ProgressFn = Callable[[str, int], None]


class Database:
    """A fact database: connections, the single writer's loop and the reads that are plain SQL.
    Close it (or use `with`) to release the file."""

    def __init__(self, path: str | Path | None = None, *, catalogue: Catalogue | None = None):
        self.path = Path(path) if path is not None else default_path()
        self.catalogue = catalogue or load_catalogue()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._writable = False
        self._search: SearchIndex | None = None
        self._owns_search = True
        self._lent: list[Database] = []  # readers made from this store, closed with it

    def __repr__(self) -> str:
        return f"Store({str(self.path)!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
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
        con = self._open(write)
        try:
            self._check_schema(con, write)
        except BaseException:
            con.close()
            raise
        self._con, self._writable = con, write
        return con

    def _open(self, write: bool) -> duckdb.DuckDBPyConnection:
        """A new connection, DuckDB's errors told as StoreError (StoreLockedError naming the holder)."""
        # The writer runs beside a single-threaded, CPU-bound extractor: DuckDB's worker threads only
        # compete with it for the cores (measured: ingest 185 -> 250 docs/s on 2 cores with one thread).
        config: dict[str, Any] = {"threads": 1} if write else {}
        try:
            return duckdb.connect(str(self.path), read_only=not write, config=config)
        except duckdb.IOException as err:
            message = str(err)
            if "lock" in message.lower():
                pid = _PID.search(message)
                raise StoreLockedError(str(self.path), int(pid.group(1)) if pid else None) from None
            raise StoreError(str(self.path), _first_line(message)) from None
        except duckdb.Error as err:
            raise StoreError(str(self.path), _first_line(str(err))) from None

    def _check_schema(self, con: duckdb.DuckDBPyConnection, write: bool) -> None:
        """Migrate a database opened to write; refuse one this version cannot read."""
        version = current_version(con)
        if version > LATEST:
            raise StoreError(str(self.path), f"made by a newer zhibiao (schema {version}, this one knows {LATEST})")
        if write:
            migrate(con)
        elif version < LATEST:
            reason = ("not a zhibiao database" if version == 0 else
                      f"schema {version} is older than {LATEST}; run `zhibiao ingest` once to upgrade it")
            raise StoreError(str(self.path), reason)

    def writer_connection(self) -> duckdb.DuckDBPyConnection:
        """The read-write connection (opened, and the schema migrated, on first use; `close` lets
        the file go). For the watch's own state tables; documents go through `write`."""
        return self._connect(write=True)

    @property
    def _reader(self) -> duckdb.DuckDBPyConnection:
        return self._connect(write=False)

    def reader(self) -> Self:
        """Another handle on this store for another thread: a cursor of its read-only connection (DuckDB
        lets each connection serve one thread at a time), the same catalogue and search index. Closing
        it closes only the cursor; closing this store closes it too."""
        other = type(self)(self.path, catalogue=self.catalogue)
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

    def open_writer(self, *, batch_size: int = BATCH_SIZE, progress: ProgressFn | None = None,
                    known: dict[str, str] | None = None) -> Writer:
        """The single writer on the read-write connection. `known` (id -> stored content hash) is
        filled from the database, for a caller that looks documents up as they are read."""
        con = self._connect(write=True)
        return Writer(con, self.catalogue, batch_size=batch_size, known={} if known is None else known,
                      on_commit=(lambda n: progress("commit", n)) if progress else None)

    def ingest_outcomes(self, outcomes: Iterable[Outcome], *, batch_size: int = BATCH_SIZE,
                        progress: ProgressFn | None = None, force: bool = False) -> IngestReport:
        """Store outcomes computed elsewhere (a Ray job, zhibiao.engines.ray), in the order given.

        Documents whose id is stored with the same content hash count as unchanged (unless `force`).
        """
        writer = self.open_writer(batch_size=batch_size, progress=progress)

        def unchanged_known(stream: Iterable[Outcome]) -> Iterator[Outcome]:
            for outcome in stream:
                p = outcome.prepared
                if p is not None and not force and writer.known.get(p.document.id) == p.content_hash:
                    outcome = Outcome("unchanged", outcome.source)
                yield outcome

        return self.write(unchanged_known(outcomes), writer, progress)

    def write(self, outcomes: Iterable[Outcome], writer: Writer, progress: ProgressFn | None) -> IngestReport:
        """The single writer's loop: take outcomes in order, batch the documents, report. The file is
        let go at the end, so that other processes can open it."""
        tally = _Tally()
        try:
            for outcome in outcomes:
                tally.count(outcome, writer)
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

    def _indicator_id(self, indicator: str | None) -> str | None:
        """The id of the indicator `indicator` names (an id or an alias); anything else unchanged."""
        if indicator is None:
            return None
        found = self.catalogue.get(indicator)
        return found.id if found else indicator

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
        indicator = self._indicator_id(indicator)
        return typed(queries.facts(self._reader, indicator=indicator, subject=subject, measure=measure, basis=basis,
                                   period=period, period_type=period_type, region=region, doc=doc,
                                   modality=modality, derived=derived, scope=scope, year=year, host=host,
                                   limit=limit, offset=offset, newest_first=newest_first))

    def fact_facets(self, *, indicator: str | None = None, top: int = 30, **filters) -> dict[str, list[tuple]]:
        """Counts of the filtered facts by indicator, measure, region, period type, year and host."""
        indicator = self._indicator_id(indicator)
        return queries.fact_facets(self._reader, indicator=indicator, top=top, **filters)

    def fact_summary(self, *, indicator: str | None = None, **filters) -> dict:
        """Facts, documents and independent stories behind the filtered facts; their latest dates."""
        indicator = self._indicator_id(indicator)
        return queries.fact_summary(self._reader, indicator=indicator, **filters)

    def indicator_period_types(self) -> dict[str, dict[str, int]]:
        """Facts per period type of each indicator (how often it is observed)."""
        return queries.indicator_period_types(self._reader)

    def count_facts(self, *, indicator: str | None = None, **filters) -> int:
        """How many facts `facts(...)` would return with these filters and no limit."""
        indicator = self._indicator_id(indicator)
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

    def documents(self, *, text: bool = False) -> pd.DataFrame:
        """Stored documents (with their story and its number of copies); texts when `text` is set."""
        return typed(queries.documents(self._reader, text=text))

    def indicators(self) -> pd.DataFrame:
        """The catalogue with fact and document counts."""
        return queries.indicator_counts(self._reader, self.catalogue)

    def unlinked_subjects(self, limit: int = 20) -> pd.DataFrame:
        return queries.unlinked_subjects(self._reader, limit)

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

    def newest_publication(self):
        """The publication date of the newest stored document (what "stale" is measured against)."""
        return one_row(self._reader, "SELECT max(published) FROM documents")[0]

    def counts(self) -> dict[str, int]:
        """Rows per table, and `stories`: the number of distinct stories."""
        con = self._reader
        out = {table: one_row(con, f"SELECT count(*) FROM {table}")[0]
               for table in ("documents", "facts", "story_signatures", "story_bands")}
        out["stories"] = one_row(con, "SELECT count(DISTINCT story_id) FROM documents")[0]
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
