"""Store: the handle `zhibiao.open` returns, the fact database with what the layers above it add.

zhibiao.store.database.Database stores prepared documents and reads rows. This class adds, without
the store depending on any of it: ingesting (read, extract, prepare, write: zhibiao.ingesting),
series, conflicts and consistency checks (zhibiao.analysis), the briefing (zhibiao.report) and the
watch's changes (zhibiao.watch.changes). Methods that need none of these are the Database's.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from zhibiao import analysis, ingesting, pipeline
from zhibiao.store.database import Database, IngestReport, ProgressFn, typed
from zhibiao.store.writer import BATCH_SIZE

__all__ = ["IngestReport", "Store"]


class Store(Database):
    """A fact database. Use `zhibiao.open(path)`; close it (or use `with`) to release the file."""

    # -- writing --------------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path], *, index: str | Path | None = None, date: date | None = None,
               force: bool = False, batch_size: int = BATCH_SIZE, progress: ProgressFn | None = None,
               jobs: int = 1, gate: bool = True) -> IngestReport:
        """Read, extract and store every document under `paths` (see zhibiao.ingesting.ingest)."""
        return ingesting.ingest(self, paths, index=index, date=date, force=force, batch_size=batch_size,
                                progress=progress, jobs=jobs, gate=gate)

    def ingest_documents(self, items: Iterable[pipeline.Item], *, force: bool = False,
                         batch_size: int = BATCH_SIZE, progress: ProgressFn | None = None,
                         jobs: int = 1, gate: bool = True) -> IngestReport:
        """Store already-read documents (or report their ReadFailures); see `ingest`."""
        return ingesting.ingest_documents(self, items, force=force, batch_size=batch_size, progress=progress,
                                          jobs=jobs, gate=gate)

    # -- series and what does not add up ----------------------------------------------------------

    def series(self, key: str, *, measure: str | None = None, region: str | None = None,
               period_type: str | None = None, basis: str | None = None, modality: str = "actual",
               scope: str | None = None) -> pd.DataFrame:
        """One row per period (and region, measure, basis, scope where several): the best source's
        value, how many stories and copies agree, the conflict marker, and the best source's quote."""
        return typed(analysis.series(self._reader, self.catalogue, key, measure=measure, region=region,
                                     period_type=period_type, basis=basis, modality=modality, scope=scope))

    def series_records(self, keys: list[str], **options) -> dict[str, list[dict]]:
        """Several series in one query, as plain records (see analysis.series_records)."""
        return analysis.series_records(self._reader, self.catalogue, keys, **options)

    def conflicts(self, *, indicator: str | None = None, measure: str | None = None,
                  region: str | None = None) -> pd.DataFrame:
        """Cells where independent stories disagree or a derived value contradicts a stated one."""
        return typed(analysis.conflicts(self._reader, indicator=self._indicator_id(indicator), measure=measure,
                                        region=region))

    def consistency(self, *, indicator: str | None = None) -> list[dict]:
        """What does not add up in the stored series, each finding with its figures and quotes
        (zhibiao.checks: half-years outside their quarters, changes that contradict levels, shares
        above 100 %, unexplained monthly jumps)."""
        return analysis.consistency(self._reader, indicator=self._indicator_id(indicator))

    # -- the briefing and the watch ---------------------------------------------------------------

    def report(self, period: str, *, region: str | None = None, charts: bool = True):
        """The briefing for `period` (2025-H1, 2024, 2025-Q3, 2025-05) and `region` (default 全国): sections
        of sentences whose figures carry their sources (zhibiao.report.Report; render it with
        zhibiao.report.render.to_markdown / to_html). Raises zhibiao.report.PeriodError for a bad period."""
        from zhibiao.report import build_report

        return build_report(self, period, region, charts=charts)

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
