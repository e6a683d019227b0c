"""Ingesting: read documents, extract and prepare them (zhibiao.pipeline), and hand the outcomes to
the store's single writer, in input order.

This is the orchestration above the store: the store only writes prepared outcomes
(zhibiao.store.database.Database.write), so that nothing in zhibiao.store depends on reading or
extracting. `zhibiao.open(path).ingest(paths)` calls `ingest` here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from zhibiao import pipeline
from zhibiao.ingest.read import iter_documents
from zhibiao.store.database import Database, IngestReport, ProgressFn
from zhibiao.store.writer import BATCH_SIZE


def ingest(store: Database, paths: Iterable[str | Path], *, index: str | Path | None = None,
           date: date | None = None, force: bool = False, batch_size: int = BATCH_SIZE,
           progress: ProgressFn | None = None, jobs: int = 1, gate: bool = True) -> IngestReport:
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
    return ingest_documents(store, items, force=force, batch_size=batch_size, progress=progress, jobs=jobs,
                            gate=gate)


def ingest_documents(store: Database, items: Iterable[pipeline.Item], *, force: bool = False,
                     batch_size: int = BATCH_SIZE, progress: ProgressFn | None = None,
                     jobs: int = 1, gate: bool = True) -> IngestReport:
    """Store already-read documents (or report their ReadFailures); see `ingest`."""
    options = pipeline.Options(force=force, gate=gate)
    known: dict[str, str] = {}  # filled by the writer, read as each item is handed out
    # Worker processes start before the database opens, so that they can be forked from a
    # process that has no DuckDB threads yet (zhibiao.parallel). One process forks nothing, and
    # keeps the file it may hold (the watch's state is written on the same connection).
    if jobs > 1:
        store.close()
    outcomes = pipeline.outcomes(items, store.catalogue, known, options, jobs=jobs)
    try:
        writer = store.open_writer(batch_size=batch_size, progress=progress, known=known)
    except BaseException:
        outcomes.close()
        raise
    return store.write(outcomes, writer, progress)
