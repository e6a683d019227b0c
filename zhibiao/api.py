"""What the CLI (and later the web app) call: read documents, extract their facts, open a fact store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from zhibiao.extract import extract_document
from zhibiao.ingest.read import iter_documents
from zhibiao.models import Document, Extraction, Fact, ReadFailure

if TYPE_CHECKING:
    from zhibiao.store import Store


def extract(paths: Iterable[str | Path], *, index: str | Path | None = None,
            date: date | None = None) -> Iterator[Extraction | ReadFailure]:
    """Extract the facts of every document under `paths`, one Extraction per document.

    Unreadable documents come out as ReadFailure (source and one-line reason), in order,
    so a caller can report them and go on.
    """
    docs = iter_documents([Path(p) for p in paths], index=Path(index) if index else None, default_date=date)
    for item in docs:
        if isinstance(item, ReadFailure):
            yield item
            continue
        try:
            yield extract_document(item)
        except RecursionError:
            yield ReadFailure(item.source, "document too deeply nested to process")
        except Exception as error:  # a bug on one page must not end a run over a million
            yield ReadFailure(item.source, f"extraction failed ({type(error).__name__}: {error})")


def extract_text(text: str, *, doc_id: str = "text", date: date | None = None) -> list[Fact]:
    """The facts of one text given as a string (handy in notebooks and tests)."""
    return extract_document(Document(doc_id, text, "<string>", date)).facts


def open(path: str | Path | None = None) -> Store:  # noqa: A001 (zhibiao.open mirrors the built-in on purpose)
    """A handle on the fact database at `path` (default: $ZHIBIAO_DB, else zhibiao.duckdb).

    Nothing is opened until it is used: queries open the file read-only, `ingest` read-write (creating
    it) and only while it runs. ``zhibiao.open("zhibiao.duckdb").series("industrial_value_added")``
    returns a DataFrame; see Store for `.facts()`, `.documents()`, `.conflicts()`, `.ingest(paths)`.
    """
    from zhibiao.store import Store  # DuckDB and pandas load only when a store is used

    return Store(path)
