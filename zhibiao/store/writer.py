"""The single writer: every change to a database goes through a Writer.

A document is stored whole or not at all. The writer buffers prepared documents and commits them
in one transaction per batch: delete the old rows of any document being replaced, insert the
documents, their facts, signatures and band keys, commit. A batch holds whole documents only, so
a process killed at any moment leaves every document either fully stored (with all its facts) or
absent, and a re-run stores what is missing. Batching amortises DuckDB's per-statement and
per-commit cost (about a millisecond each, more than a document's facts take to insert): a batch
closes at BATCH_SIZE documents or BATCH_SECONDS after its first, whichever comes first, so a crash
costs at most a couple of seconds of work. With `batch_size=1` every document gets its own
transaction (benchmarks/ingest.py measures both).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

import duckdb
import pyarrow as pa

from zhibiao.catalogue import Catalogue
from zhibiao.models import Fact
from zhibiao.prepare import FACT_FIELDS, Prepared
from zhibiao.store.schema import get_meta, one_row, set_meta
from zhibiao.stories import SPEC, WINDOW_DAYS, Candidate, Signature, assign_stories, sign

try:
    EXTRACTOR = "zhibiao " + metadata.version("zhibiao")
except metadata.PackageNotFoundError:  # running from a source tree that is not installed
    EXTRACTOR = "zhibiao (source)"

BATCH_SIZE = 256
BATCH_SECONDS = 2.0

DOCUMENT_SCHEMA = pa.schema([
    ("id", pa.string()), ("source", pa.string()), ("format", pa.string()), ("url", pa.string()),
    ("title", pa.string()), ("published", pa.date32()), ("content_hash", pa.string()),
    ("original_text", pa.string()), ("clean_text", pa.string()), ("story_id", pa.int64()),
    ("fact_count", pa.int32()), ("extractor", pa.string()), ("ingested_at", pa.timestamp("us")),
])
FACT_SCHEMA = pa.schema([(name, getattr(pa, kind)()) for name, kind in FACT_FIELDS])
SIGNATURE_SCHEMA = pa.schema([("doc_id", pa.string()), ("minhash", pa.binary())])
BAND_SCHEMA = pa.schema([("doc_id", pa.string()), ("band_key", pa.int64())])


@dataclass
class Writer:
    """Buffers prepared documents and commits them in batches (see the module docstring)."""

    con: duckdb.DuckDBPyConnection
    catalogue: Catalogue
    batch_size: int = BATCH_SIZE
    batch_seconds: float = BATCH_SECONDS
    on_commit: Callable[[int], None] | None = None
    known: dict[str, str] = field(default_factory=dict)
    committed: int = 0
    added: int = 0
    replaced: int = 0
    facts: int = 0
    derived: int = 0
    _pending: list[Prepared] = field(default_factory=list)
    _pending_since: float = 0.0
    _next_story: int = 1

    def __post_init__(self) -> None:
        self.batch_size = max(1, int(self.batch_size))
        self.known.update(self.con.execute("SELECT id, content_hash FROM documents").fetchall())
        self._next_story = (one_row(self.con, "SELECT max(story_id) FROM documents")[0] or 0) + 1
        self._sync_catalogue()
        self._sync_signatures()

    # -- buffering ---------------------------------------------------------------------------

    def add(self, prepared: Prepared) -> None:
        if not self._pending:
            self._pending_since = time.monotonic()
        self._pending.append(prepared)
        if len(self._pending) >= self.batch_size or time.monotonic() - self._pending_since >= self.batch_seconds:
            self.flush()

    @property
    def pending(self) -> int:
        return len(self._pending)

    def flush(self) -> None:
        """Commit the buffered documents in one transaction."""
        if not self._pending:
            return
        batch = self._pending
        stories, next_story = self._assign(batch)
        replaced = [p.document.id for p in batch if p.document.id in self.known]
        tables = _tables(batch, stories)
        self.con.begin()
        try:
            if replaced:
                self.con.register("_replaced", pa.table({"id": replaced}))
                for table, column in (("facts", "doc_id"), ("story_signatures", "doc_id"),
                                      ("story_bands", "doc_id"), ("documents", "id")):
                    self.con.execute(f"DELETE FROM {table} WHERE {column} IN (SELECT id FROM _replaced)")
                self.con.unregister("_replaced")
            for name, table in tables.items():
                self.con.register("_batch", table)
                self.con.execute(f"INSERT INTO {name} SELECT * FROM _batch")
                self.con.unregister("_batch")
            self.con.commit()
        except BaseException:
            _rollback(self.con)
            raise
        self._next_story = next_story
        for p in batch:
            if p.document.id in self.known:
                self.replaced += 1
            else:
                self.added += 1
            self.known[p.document.id] = p.content_hash
            self.facts += p.fact_count - p.derived_count
            self.derived += p.derived_count
        self.committed += len(batch)
        self._pending = []
        if self.on_commit:
            self.on_commit(self.committed)

    def discard(self) -> int:
        """Drop the buffered documents (after an interruption); return how many there were."""
        n, self._pending = len(self._pending), []
        return n

    # -- stories ------------------------------------------------------------------------------

    def _assign(self, batch: list[Prepared]) -> tuple[list[int], int]:
        rows = [(i, key, p.document.date) for i, p in enumerate(batch) for key in p.signature.bands]
        stored: list[list[Candidate]] = [[] for _ in batch]
        if rows:
            probe = pa.table({"idx": [r[0] for r in rows], "band_key": [r[1] for r in rows],
                              "published": [r[2] for r in rows]},
                             schema=pa.schema([("idx", pa.int32()), ("band_key", pa.int64()),
                                               ("published", pa.date32())]))
            self.con.register("_probe", probe)
            # Only candidates close in time can share a story (stories.close_in_time): filtering them here
            # keeps a template published every month from returning every earlier month as a candidate.
            found = self.con.execute(
                f"""SELECT DISTINCT p.idx, b.doc_id, d.story_id, d.published, s.minhash
                   FROM _probe p JOIN story_bands b ON b.band_key = p.band_key
                   JOIN documents d ON d.id = b.doc_id JOIN story_signatures s ON s.doc_id = b.doc_id
                   WHERE p.published IS NULL OR d.published IS NULL
                      OR abs(date_diff('day', d.published, p.published)) <= {WINDOW_DAYS}"""
            ).fetchall()
            self.con.unregister("_probe")
            for idx, doc_id, story, published, minhash in found:
                stored[idx].append(Candidate(doc_id, story, published, Signature.values_from_bytes(minhash)))
        new = [(p.document.id, p.document.date, p.signature) for p in batch]
        return assign_stories(new, stored, self._next_story)

    # -- keeping derived columns current --------------------------------------------------------

    def _sync_catalogue(self) -> None:
        """Re-link every stored fact when the shipped catalogue differs from the one that linked them."""
        if get_meta(self.con, "catalogue") == self.catalogue.fingerprint:
            return
        rows = self.con.execute(
            "SELECT doc_id, seq, subject, measure, unit, quote FROM facts ORDER BY doc_id, seq").fetchall()
        docs: list[str] = []
        seqs: list[int] = []
        links: list[str | None] = []
        scopes: list[str | None] = []
        start = 0
        while start < len(rows):
            end = start
            while end < len(rows) and rows[end][0] == rows[start][0]:
                end += 1
            group = rows[start:end]
            facts = [Fact(r[0], r[2], r[3], 0.0, r[4], quote=r[5]) for r in group]
            docs += [r[0] for r in group]
            seqs += [r[1] for r in group]
            for link in self.catalogue.links(facts):
                links.append(link.indicator.id if link.indicator else None)
                scopes.append(link.scope)
            start = end
        self.con.begin()
        try:
            if rows:
                relink = pa.table({"doc_id": docs, "seq": seqs, "indicator": links, "scope": scopes},
                                  schema=pa.schema([("doc_id", pa.string()), ("seq", pa.int32()),
                                                    ("indicator", pa.string()), ("scope", pa.string())]))
                self.con.register("_relink", relink)
                self.con.execute("""UPDATE facts SET indicator = _relink.indicator, scope = _relink.scope FROM _relink
                                    WHERE facts.doc_id = _relink.doc_id AND facts.seq = _relink.seq""")
                self.con.unregister("_relink")
            set_meta(self.con, "catalogue", self.catalogue.fingerprint)
            self.con.commit()
        except BaseException:
            _rollback(self.con)
            raise

    def _sync_signatures(self) -> None:
        """Re-sign every stored document when the signature scheme changed (stories are kept)."""
        if get_meta(self.con, "minhash") == SPEC:
            return
        rows = self.con.execute("SELECT id, clean_text FROM documents").fetchall()
        signatures = [(doc_id, sign(text)) for doc_id, text in rows]
        self.con.begin()
        try:
            self.con.execute("DELETE FROM story_signatures")
            self.con.execute("DELETE FROM story_bands")
            if signatures:
                for name, table in (("story_signatures", _signature_table(signatures)),
                                    ("story_bands", _band_table(signatures))):
                    self.con.register("_batch", table)
                    self.con.execute(f"INSERT INTO {name} SELECT * FROM _batch")
                    self.con.unregister("_batch")
            set_meta(self.con, "minhash", SPEC)
            self.con.commit()
        except BaseException:
            _rollback(self.con)
            raise


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    """Undo the open transaction. DuckDB may already have aborted it (a full disk): its "cannot
    rollback - no transaction is active" must not replace the error that says why."""
    with contextlib.suppress(duckdb.Error):
        con.rollback()


def _tables(batch: list[Prepared], stories: list[int]) -> dict[str, pa.Table]:
    now = datetime.now(UTC).replace(tzinfo=None)
    doc_rows = []
    fact_rows: list[tuple] = []
    for p, story in zip(batch, stories, strict=True):
        d = p.document
        doc_rows.append((d.id, d.source, d.format, d.url, d.title, d.date, p.content_hash, d.text, p.clean_text,
                         story, p.fact_count, EXTRACTOR, now))
        fact_rows += p.rows
    signatures = [(p.document.id, p.signature) for p in batch]
    return {
        "documents": _columns(doc_rows, DOCUMENT_SCHEMA),
        "facts": _columns(fact_rows, FACT_SCHEMA),
        "story_signatures": _signature_table(signatures),
        "story_bands": _band_table(signatures),
    }


def _columns(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    columns: list[Sequence[Any]] = list(zip(*rows, strict=True)) if rows else [[] for _ in schema.names]
    return pa.table({name: list(col) for name, col in zip(schema.names, columns, strict=True)}, schema=schema)


def _signature_table(signatures: list[tuple[str, Signature]]) -> pa.Table:
    return pa.table({"doc_id": [d for d, _ in signatures], "minhash": [s.to_bytes() for _, s in signatures]},
                    schema=SIGNATURE_SCHEMA)


def _band_table(signatures: list[tuple[str, Signature]]) -> pa.Table:
    return pa.table({"doc_id": [d for d, s in signatures for _ in s.bands],
                     "band_key": [k for _, s in signatures for k in s.bands]}, schema=BAND_SCHEMA)
