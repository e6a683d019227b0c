"""One round of the watch, and the loop around it.

A round, for each source in the file's order:
1. if it is due (its `every` has passed, or its last look failed), fetch its start pages with
   conditional GET, find the article links (zhibiao.watch.links; sitemap indexes are followed) and
   write the new ones down as pending, with the page's validators, in one transaction;
2. fetch its pending URLs (new ones, and failures of earlier rounds) one by one, politely
   (zhibiao.watch.fetch), each raw response into the run's WARC files (zhibiao.watch.archive);
3. every few articles, ingest the documents through the same pipeline as `zhibiao ingest`
   (Store.ingest_documents: gate, extract, link, stories) and only then mark their URLs done.

Each source gets one line in the summary. Only one watch may run on a database (a lock file beside
it); DuckDB itself keeps an ingest and a watch from writing at once.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

from zhibiao.errors import InputError, StoreLockedError
from zhibiao.handle import Store
from zhibiao.ingest.stream import response_document, response_kind
from zhibiao.watch import state
from zhibiao.watch.archive import Archive, warc_folder
from zhibiao.watch.fetch import Fetcher, Raw, Result, utc_now
from zhibiao.watch.links import find_links, normalize
from zhibiao.watch.sources import Source, Sources

INGEST_EVERY = 8  # articles fetched between two ingests: a kill loses at most this many fetches
LOCK_PATIENCE = 30.0  # seconds a round waits for a reader to let the database go
MAX_PAGES = 200  # start pages and sitemaps read per source and round (a sitemap index can be large)


@dataclass
class SourceReport:
    """What one round did for one source; `line()` is its line in the summary."""

    name: str
    label: str = ""  # "publisher, region", when the sources file names them
    looked: bool = False
    pages: int = 0
    unchanged_pages: int = 0
    new_links: int = 0
    stored: int = 0
    unchanged: int = 0
    gated: int = 0
    facts: int = 0
    robots: int = 0
    gone: int = 0
    other: int = 0
    waiting: int = 0
    failures: list[str] = field(default_factory=list)

    def line(self) -> str:
        parts = []
        if self.looked:
            pages = f"{self.pages + self.unchanged_pages} page(s) read"
            if self.unchanged_pages:
                pages += f" ({self.unchanged_pages} unchanged)"
            parts.append(f"{pages}, {self.new_links} new link(s)")
        else:
            parts.append("not due")
        parts.append(f"{self.stored} article(s) stored ({self.facts} facts)")
        for count, what in ((self.unchanged, "already stored"), (self.gated, "without figures"),
                            (self.robots, "disallowed by robots.txt"), (self.gone, "gone (404/410)"),
                            (self.other, "not readable"), (self.waiting, "put off to a later round")):
            if count:
                parts.append(f"{count} {what}")
        if self.failures:
            more = f" (and {len(self.failures) - 1} more)" if len(self.failures) > 1 else ""
            parts.append(f"{len(self.failures)} failed, retried next round: {self.failures[0]}{more}")
        head = f"{self.name} ({self.label})" if self.label else self.name
        return f"{head}: " + "; ".join(parts)


@dataclass
class RoundReport:
    run: int
    started: datetime
    sources: list[SourceReport] = field(default_factory=list)
    interrupted: bool = False

    @property
    def stored(self) -> int:
        return sum(s.stored for s in self.sources)

    @property
    def facts(self) -> int:
        return sum(s.facts for s in self.sources)

    @property
    def failures(self) -> int:
        return sum(len(s.failures) for s in self.sources)

    def lines(self) -> list[str]:
        return [s.line() for s in self.sources]


class _Recorder:
    """Routes each raw response to the run's archive: article responses to the articles file,
    everything else (robots.txt, listings, feeds, cut-off bodies) to the pages file."""

    def __init__(self, archive: Archive):
        self.archive = archive
        self.kind = "pages"
        self.last_date: str | None = None

    def __call__(self, raw: Raw) -> None:
        kind = "pages" if raw.truncated or urlsplit(raw.url).path == "/robots.txt" else self.kind
        _record_id, self.last_date = self.archive.write(kind, raw)


@contextmanager
def watch_lock(db_path: str | Path) -> Iterator[None]:
    """Hold `<db>.watch.lock` for the life of a watch; a second watch gets StoreLockedError."""
    import fcntl

    db_path = Path(db_path)
    lock_path = db_path.with_name(db_path.name + ".watch.lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    handle = lock_path.open("a+")
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = handle.read().strip()
        handle.close()
        raise StoreLockedError(str(db_path), int(holder) if holder.isdigit() else None) from None
    try:
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.seek(0)
        handle.truncate()
        fcntl.flock(handle, fcntl.LOCK_UN)
        handle.close()


def watch(store: Store, sources: Sources, *, once: bool = False, interval: float | None = None,
          warc_dir: Path | None = None, on_round: Callable[[RoundReport], None] | None = None,
          on_progress: Callable[[RoundReport], None] | None = None,
          on_locked: Callable[[StoreLockedError], None] | None = None,
          sleep: Callable[[float], None] = time.sleep) -> RoundReport:
    """Run rounds until interrupted (or one round with `once`); return the last round's report.

    Between rounds the database is let go, so `zhibiao changes` and other readers can use it; when
    another process holds it at the start of a round, a looping watch tells `on_locked` and tries again
    after the interval. A KeyboardInterrupt stops the watch cleanly: what was committed stays, pending
    URLs wait.
    """
    pause = interval if interval is not None else max(60.0, min(s.every for s in sources.sources))
    folder = warc_dir or warc_folder(store.path)
    with watch_lock(store.path):
        not_before: dict[str, float] = {}
        while True:
            try:
                report = run_round(store, sources, folder, not_before, on_progress)
            except StoreLockedError as error:
                if once or on_locked is None:
                    raise
                on_locked(error)  # an ingest holds the database: try again next round
                sleep(pause)
                continue
            if on_round:
                on_round(report)
            if once or report.interrupted:
                return report
            sleep(pause)


def run_round(store: Store, sources: Sources, folder: Path, not_before: dict[str, float] | None = None,
              on_progress: Callable[[RoundReport], None] | None = None) -> RoundReport:
    """One round over every source (see the module docstring). `on_progress` is called when the round
    starts and after each source, so a long first round shows its sources' lines as they finish."""
    started = utc_now()
    con = _writer(store)
    not_before = not_before if not_before is not None else {}
    not_before.update(state.host_pauses(con, started))
    run = state.begin_run(con, started)
    report = RoundReport(run, started)
    progress = on_progress or (lambda report: None)
    progress(report)
    archive = Archive(folder, started)
    recorder = _Recorder(archive)
    try:
        with Fetcher(sources.settings, recorder, not_before=not_before) as fetcher:
            for source in sources.sources:
                label = ", ".join(x for x in (source.publisher, source.region) if x)
                source_report = SourceReport(source.name, label)
                report.sources.append(source_report)
                _look(store, source, fetcher, recorder, source_report)
                _fetch_articles(store, source, fetcher, recorder, source_report)
                progress(report)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        archive.close()
        con = _writer(store)
        state.save_host_pauses(con, not_before, utc_now())
        state.finish_run(con, run, utc_now(), report.stored, report.facts, report.failures, report.lines())
        store.close()
    return report


def _look(store: Store, source: Source, fetcher: Fetcher, recorder: _Recorder, report: SourceReport) -> None:
    """Read the source's start pages (when due) and write down the article links they give."""
    con = _writer(store)
    if not state.is_due(con, source.name, source.every, utc_now()):
        return
    report.looked = True
    recorder.kind = "pages"
    queue = [normalize(s) or s for s in source.start]
    read: set[str] = set()
    ok = True
    while queue and len(read) < MAX_PAGES:
        url = queue.pop(0)
        if url in read:
            continue
        read.add(url)
        etag, last_modified = state.validators(con, url, source.name)
        result = fetcher.get(url, delay=source.delay, etag=etag, last_modified=last_modified)
        if result.outcome == "ok" and result.status == 304:
            report.unchanged_pages += 1
            continue
        if result.outcome != "ok" or not 200 <= result.status < 300:
            ok = False
            report.failures.append(f"{url}: {_why(result)}")
            continue
        report.pages += 1
        found = find_links(result.body, result.final_url, source)
        queue.extend(found.sitemaps)
        con.begin()
        try:
            report.new_links += state.add_links(con, source.name, list(found.articles), utc_now())
            state.save_validators(con, url, source.name, result.headers.get("etag"),
                                  result.headers.get("last-modified"), result.status, utc_now())
            con.commit()
        except BaseException:
            con.rollback()
            raise
    state.looked(con, source.name, utc_now(), ok)


def _fetch_articles(store: Store, source: Source, fetcher: Fetcher, recorder: _Recorder,
                    report: SourceReport) -> None:
    """Fetch the source's pending URLs and ingest their documents a few at a time."""
    recorder.kind = "articles"
    todo = state.pending(_writer(store), source.name)
    batch: list[tuple[str, object, str]] = []
    for item in todo:
        result = fetcher.get(item.url, delay=source.delay)
        con = _writer(store)
        now = utc_now()
        if result.outcome == "disallowed":
            report.robots += 1
            state.settle(con, item.url, "robots", now, error=result.error)
        elif result.outcome == "deferred":
            report.waiting += 1
        elif result.outcome == "too_large":
            report.other += 1
            state.settle(con, item.url, "too_large", now, error=result.error)
        elif result.outcome == "error" or result.status >= 500:
            report.failures.append(f"{item.url}: {_why(result)}")
            state.settle(con, item.url, "failed", now, error=_why(result))
        elif result.status in (404, 410):
            report.gone += 1
            state.settle(con, item.url, "gone", now, error=f"HTTP {result.status}")
        elif not 200 <= result.status < 300:
            report.other += 1
            state.settle(con, item.url, "refused", now, error=f"HTTP {result.status}")
        else:
            document = _document(item.url, result, recorder.last_date)
            if isinstance(document, str):
                report.other += 1
                state.settle(con, item.url, "unreadable", now, final_url=result.final_url, error=document)
            else:
                batch.append((item.url, document, result.final_url))
        if len(batch) >= INGEST_EVERY:
            _ingest(store, source, batch, report)
            batch = []
    if batch:
        _ingest(store, source, batch, report)


def _document(url: str, result: Result, warc_date: str | None):
    """The Document of a fetched article (as the WARC reader would make it), or why there is none."""
    from zhibiao.ingest.dates import parse_date

    content_type = result.content_type
    if response_kind(content_type) is None:
        return f"not a page ({content_type.split(';')[0].strip()})"
    crawled = parse_date((warc_date or "")[:10])
    try:
        return response_document(result.body, content_type, doc_id=state.doc_id_for(url), source=url,
                                 url=result.final_url, crawled=crawled)
    except InputError as err:
        return err.reason
    except Exception as err:  # a parser failing on one page must not end the round
        return f"cannot read HTML ({type(err).__name__})"


def _ingest(store: Store, source: Source, batch: list, report: SourceReport) -> None:
    """Store a batch of documents, then mark their URLs; an interrupted ingest ends the round."""
    documents = [document for _url, document, _final in batch]
    result = _patiently(lambda: store.ingest_documents(documents, batch_size=len(documents)))
    if result.interrupted:
        raise KeyboardInterrupt
    report.stored += result.stored
    report.unchanged += result.unchanged
    report.gated += result.gated
    report.facts += result.facts
    failed = {f.source: f.reason for f in result.failures}
    con = _writer(store)
    ids = [d.id for d in documents]
    stored = {row[0] for row in con.execute(
        "SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]).fetchall()}
    now = utc_now()
    con.begin()
    try:
        for url, document, final in batch:
            if url in failed:
                report.other += 1
                state.settle(con, url, "unreadable", now, final_url=final, error=failed[url])
                continue
            kind = "stored" if document.id in stored else "gated"
            state.settle(con, url, kind, now, doc_id=document.id if kind == "stored" else None, final_url=final)
            final_url = normalize(final)
            if final_url and final_url != url:
                state.mark_alias(con, final_url, source.name, kind, now, document.id if kind == "stored" else None)
        con.commit()
    except BaseException:
        con.rollback()
        raise


def _writer(store: Store):
    """The store's read-write connection, waiting out a reader that holds the file for a moment."""
    return _patiently(store.writer_connection)


def _patiently(open_and_do, patience: float = LOCK_PATIENCE):
    """Call `open_and_do` again while another process holds the database (a `zhibiao changes`, a
    dashboard starting), for up to `patience` seconds; it fails before writing anything."""
    deadline = time.monotonic() + patience
    while True:
        try:
            return open_and_do()
        except StoreLockedError:
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.25)


def _why(result: Result) -> str:
    if result.error:
        return result.error
    return f"HTTP {result.status}"

