"""The per-document step every engine runs: read item -> gate -> extract -> prepare (zhibiao.prepare).

`process` is a pure function of the item (plus the content hash the store already holds for its
id, if any): the same item gives the same Outcome in the main process, in a worker process
(zhibiao.parallel) or in a Ray task (zhibiao.engines.ray). The store's single writer then takes
the outcomes in input order, so every engine stores the same facts and the same stories.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from zhibiao.catalogue import Catalogue
from zhibiao.errors import InputError
from zhibiao.extract import extract_document
from zhibiao.gate import GateTally, audited, is_statistical
from zhibiao.ingest.stream import PendingHtml, realize
from zhibiao.models import Document, Extraction, ReadFailure
from zhibiao.prepare import Outcome, content_hash, prepare

__all__ = ["Item", "Options", "Outcome", "extract_item", "extract_worker", "ingest_worker", "outcomes", "process"]

Item = Document | PendingHtml | ReadFailure


@dataclass(frozen=True)
class Options:
    """How documents are processed: `force` re-extracts unchanged documents; `gate` skips documents
    with no statistical language (zhibiao.gate)."""

    force: bool = False
    gate: bool = True


def process(item: Item, catalogue: Catalogue, known_hash: str | None, options: Options) -> Outcome:
    """Gate, extract and prepare one item; every problem becomes a failed Outcome, never an exception.

    `known_hash` is the content hash stored for the item's id (None for a new id): a document with
    the same hash is unchanged and not extracted (unless `options.force`); a stored document that
    changed is always extracted, so that its old facts are replaced even if it no longer passes
    the gate.
    """
    if isinstance(item, ReadFailure):
        return Outcome("failed", item.source, failure=item)
    doc = _document(item)
    if isinstance(doc, ReadFailure):
        return Outcome("failed", doc.source, failure=doc)
    digest = content_hash(doc)
    if known_hash == digest and not options.force:
        return Outcome("unchanged", doc.source)
    tally = GateTally()
    extraction = None
    if options.gate and known_hash is None:
        extraction, tally = _gate(doc)
        if tally.skipped and extraction is None:
            return Outcome("gated", doc.source, gate=tally)
    try:
        prepared = prepare(extraction or extract_document(doc), catalogue, digest)
    except RecursionError:
        return _failed(doc, "document too deeply nested to process", tally)
    except Exception as err:  # an extractor bug on one page must not end a run over a million
        return _failed(doc, f"extraction failed ({type(err).__name__}: {err})", tally)
    return Outcome("stored", doc.source, prepared=prepared, gate=tally)


def extract_item(item: Item, options: Options) -> tuple[Extraction | ReadFailure, GateTally]:
    """The Extraction of one item (no store involved), for `zhibiao extract`; gated documents give
    an Extraction without facts."""
    if isinstance(item, ReadFailure):
        return item, GateTally()
    doc = _document(item)
    if isinstance(doc, ReadFailure):
        return doc, GateTally()
    tally = GateTally()
    extraction = None
    if options.gate:
        extraction, tally = _gate(doc)
        if tally.skipped and extraction is None:
            return Extraction(doc), tally
    try:
        return extraction or extract_document(doc), tally
    except RecursionError:
        return ReadFailure(doc.source, "document too deeply nested to process"), tally
    except Exception as err:
        return ReadFailure(doc.source, f"extraction failed ({type(err).__name__}: {err})"), tally


def _document(item: Document | PendingHtml) -> Document | ReadFailure:
    if isinstance(item, PendingHtml):
        try:
            return realize(item)
        except InputError as err:
            return ReadFailure(err.source, err.reason)
        except Exception as err:  # a parser failing on one page
            return ReadFailure(item.source, f"cannot read HTML ({type(err).__name__}: {err})")
    return item


def _gate(doc: Document) -> tuple[Extraction | None, GateTally]:
    """Run the gate. A skipped document that is audited is extracted anyway: if it has facts after
    all (a gate miss) its Extraction is returned to be stored, else None."""
    tally = GateTally(checked=1)
    start = time.perf_counter()
    passes = is_statistical(doc.text)
    tally.seconds = time.perf_counter() - start
    if passes:
        return None, tally
    tally.skipped = 1
    if not audited(doc.id):
        return None, tally
    start = time.perf_counter()
    try:
        extraction = extract_document(doc)
    except Exception:  # the full run would report it; the audit only measures
        extraction = None
    tally.audited, tally.audit_seconds = 1, time.perf_counter() - start
    if extraction is not None and extraction.facts:
        tally.skipped, tally.misses = 0, 1
        return extraction, tally
    return None, tally


def _failed(doc: Document, reason: str, tally: GateTally) -> Outcome:
    return Outcome("failed", doc.source, failure=ReadFailure(doc.source, reason), gate=tally)


def outcomes(items, catalogue: Catalogue, known: dict[str, str], options: Options, *, jobs: int = 1):
    """Outcome of every item in input order, in this process (jobs=1) or in `jobs` workers.

    `known` (id -> stored content hash) is looked up as each item is handed out.
    """
    tasks = ((item, None if isinstance(item, ReadFailure) else known.get(item.id)) for item in items)
    if jobs <= 1:
        run = ingest_worker(catalogue, options)
        return (run(task) for task in tasks)
    from zhibiao.parallel import imap_ordered

    return imap_ordered(tasks, ingest_worker, (catalogue, options), jobs=jobs, source=lambda task: task[0].source)


def ingest_worker(catalogue: Catalogue, options: Options):
    """The function a worker applies to each (item, known hash) task (see zhibiao.parallel)."""
    _warm_up()

    def run(task: tuple[Item, str | None]) -> Outcome:
        item, known_hash = task
        return process(item, catalogue, known_hash, options)

    return run


def extract_worker(options: Options):
    """The function a worker applies to each item for `zhibiao extract --jobs N`."""
    _warm_up()

    def run(item: Item) -> tuple[Extraction | ReadFailure, GateTally]:
        return extract_item(item, options)

    return run


def _warm_up() -> None:
    """Load the rule tables, converters and gate patterns before the first document is timed."""
    is_statistical("")
    extract_document(Document("warm-up", "2024年上半年,工业增加值同比增长5.8%。", "<warm-up>"))
