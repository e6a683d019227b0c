"""Local parallelism: documents are processed in N worker processes, outcomes come back in input order.

The main process reads the inputs and is the store's single writer; workers run the per-document
step (zhibiao.pipeline.process: gate, extract, link, derive, sign). Items go out in chunks (one
round trip per CHUNK documents) with at most WINDOW chunks per worker in flight, so memory stays
bounded however long the input, and results are taken in submission order, so the writer sees the
same sequence as with one process and stores the same facts and stories.

A concurrent.futures process pool notices a worker that dies (killed, out of memory, a
crash in a C extension) and the run ends with WorkerError. Workers start from a "forkserver"
(or "spawn" where there is none): a fresh process that imports zhibiao once, so nothing is inherited
from a parent holding a DuckDB connection and its threads, and no worker pays the imports again; workers ignore Ctrl-C, so an interrupt
reaches only the main process, which stops submitting and lets the chunks in flight finish.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

from zhibiao.errors import ZhibiaoError

CHUNK = 16
WINDOW = 4
PRELOAD = ["zhibiao._preload"]

T = TypeVar("T")
R = TypeVar("R")


class WorkerError(ZhibiaoError):
    """A worker process died; the outcomes before the lost chunk were delivered."""

    def __init__(self, first_lost: str, detail: str):
        self.first_lost = first_lost
        super().__init__(f"a worker process died ({detail}) while processing documents from {first_lost} on; "
                         "the documents before it were processed")


def default_jobs() -> int:
    """Worker processes to use for --jobs 0: the CPUs this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


_state: dict[str, Any] = {}


def _init_worker(setup: Callable[..., Any], args: tuple) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's business
    _state["fn"] = setup(*args)


def _run_chunk(chunk: list) -> list:
    fn = _state["fn"]
    return [fn(task) for task in chunk]


def imap_ordered(tasks: Iterable[T], setup: Callable[..., Callable[[T], R]], args: tuple, *, jobs: int,
                 chunk: int = CHUNK, window: int = WINDOW, source: Callable[[T], str] = str) -> Iterator[R]:
    """Yield setup(*args)(task) for every task, in order, computed in `jobs` worker processes.

    `setup` runs once in each worker (load rule tables, the catalogue...) and returns the function
    applied to each task; both must be importable module-level callables. `source` names a task in
    the WorkerError raised when a worker dies.
    """
    context = _context()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                               initargs=(setup, args))
    pending: deque[tuple[Future, list]] = deque()
    iterator = iter(tasks)
    try:
        while True:
            block = list(islice(iterator, chunk))
            if block:
                try:
                    pending.append((pool.submit(_run_chunk, block), block))
                except BrokenProcessPool:
                    first = pending[0][1][0] if pending else block[0]
                    raise WorkerError(source(first), _exit_codes(pool)) from None
            if not pending:
                break
            if block and len(pending) < jobs * window:
                continue
            future, sent = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                raise WorkerError(source(sent[0]), _exit_codes(pool)) from None
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def _exit_codes(pool: ProcessPoolExecutor) -> str:
    """How the pool's workers ended, for the message ("killed by signal 9")."""
    codes = sorted({p.exitcode for p in (getattr(pool, "_processes", None) or {}).values()
                    if p.exitcode not in (None, 0)})
    if not codes:
        return "it exited unexpectedly"
    parts = [f"killed by signal {-c}" if c < 0 else f"exit status {c}" for c in codes]
    return ", ".join(parts)
