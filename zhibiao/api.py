"""What the CLI (and later the web app) call: read documents, extract their facts, open a fact store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from zhibiao import pipeline
from zhibiao.extract import extract_document
from zhibiao.gate import GateTally
from zhibiao.ingest.read import iter_documents
from zhibiao.models import Document, Extraction, Fact, ReadFailure

if TYPE_CHECKING:
    from zhibiao.handle import Store


def extract(paths: Iterable[str | Path], *, index: str | Path | None = None, date: date | None = None,
            jobs: int = 1, gate: bool = True,
            gate_tally: GateTally | None = None) -> Iterator[Extraction | ReadFailure]:
    """Extract the facts of every document under `paths`, one Extraction per document, in order.

    Unreadable documents come out as ReadFailure (source and one-line reason), in order,
    so a caller can report them and go on. Documents the relevance gate skips (zhibiao.gate: no
    number with a unit anywhere) come out as an Extraction without facts; `gate=False` extracts
    them too. `jobs` > 1 extracts in that many worker processes, with the same results. Pass a
    GateTally as `gate_tally` to have the gate's counts added to it.
    """
    options = pipeline.Options(gate=gate)
    items = iter_documents([Path(p) for p in paths], index=Path(index) if index else None, default_date=date,
                           defer_html=jobs > 1)
    if jobs > 1:
        from zhibiao.parallel import imap_ordered

        results = imap_ordered(items, pipeline.extract_worker, (options,), jobs=jobs, source=lambda item: item.source)
    else:
        results = (pipeline.extract_item(item, options) for item in items)
    for result, tally in results:
        if gate_tally is not None:
            gate_tally.add(tally)
        yield result


def extract_text(text: str, *, doc_id: str = "text", date: date | None = None) -> list[Fact]:
    """The facts of one text given as a string (handy in notebooks and tests)."""
    return extract_document(Document(doc_id, text, "<string>", date)).facts


def open(path: str | Path | None = None) -> Store:  # noqa: A001 (zhibiao.open mirrors the built-in on purpose)
    """A handle on the fact database at `path` (default: $ZHIBIAO_DB, else zhibiao.duckdb).

    Nothing is opened until it is used: queries open the file read-only, `ingest` read-write (creating
    it) and only while it runs. ``zhibiao.open("zhibiao.duckdb").series("industrial_value_added")``
    returns a DataFrame; see Store for `.facts()`, `.documents()`, `.conflicts()`, `.ingest(paths)`.
    """
    from zhibiao.handle import Store  # DuckDB and pandas load only when a store is used

    return Store(path)
