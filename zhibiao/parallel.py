"""Local parallelism: documents are processed in N worker processes, outcomes come back in input order.

The main process reads the inputs and is the store's single writer; workers run the per-document
step (zhibiao.pipeline.process: gate, extract, link, derive, sign). Items go out in chunks (one
round trip per CHUNK documents) with at most WINDOW chunks per worker in flight, so memory stays
bounded however long the input, and results are taken in submission order, so the writer sees the
same sequence as with one process and stores the same facts and stories.

A concurrent.futures process pool notices a worker that dies (killed, out of memory, a
crash in a C extension) and the run ends with WorkerError. Workers are started as soon as
imap_ordered is called. When this process runs no Python thread besides the main one, they are
forked from it: that costs nothing and shares the code already imported. (Another Python thread
could hold a lock, of logging or of a stream, that the child would then wait on forever; the idle
thread pools of C libraries, such as OpenBLAS's or jemalloc's, prepare for fork themselves, and the
store opens its DuckDB connection only after the workers started.) Otherwise workers start from a
"forkserver" (or "spawn" where there is none): a fresh process that imports zhibiao once, about a
second and a half of a core. Workers ignore Ctrl-C, so an interrupt reaches only the main process,
which stops submitting and ends the workers (the chunks in flight are not wanted: an interrupted
ingest keeps only committed batches). Workers die with the process that started them
(PR_SET_PDEATHSIG on Linux): a main process killed with SIGKILL leaves none behind.
"""

from __future__ import annotations

import contextlib
import ctypes
import multiprocessing
import os
import signal
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import Any, TypeVar

from zhibiao.errors import ZhibiaoError

CHUNK = 16
WINDOW = 8
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


def _init_worker(setup: Callable[..., Any], args: tuple, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the main process's business
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the CLI turns SIGTERM into Ctrl-C in the main process only
    _die_with_parent(parent)
    _state["fn"] = setup(*args)


PR_SET_PDEATHSIG = 1


def _die_with_parent(parent: int) -> None:
    """Make the kernel kill this worker when the process that started it dies, however it dies
    (kill -9 included), so that no worker outlives a run and keeps its stdout open (Linux; elsewhere
    the pool's own shutdown and the parent check below are all there is)."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if parent and os.getppid() != parent:
        os._exit(1)  # the parent died before prctl took effect (a forkserver's child passes 0)


def _run_chunk(chunk: list) -> list:
    fn = _state["fn"]
    return [fn(task) for task in chunk]


def imap_ordered(tasks: Iterable[T], setup: Callable[..., Callable[[T], R]], args: tuple, *, jobs: int,
                 chunk: int = CHUNK, window: int = WINDOW, source: Callable[[T], str] = str) -> Iterator[R]:
    """Yield setup(*args)(task) for every task, in order, computed in `jobs` worker processes.

    `setup` runs once in each worker (load rule tables, the catalogue...) and returns the function
    applied to each task; both must be importable module-level callables. `source` names a task in
    the WorkerError raised when a worker dies. The workers start now, before the first result is
    asked for; closing the returned iterator (or dropping it) stops them.
    """
    context = _context()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_init_worker,
                               initargs=(setup, args, os.getpid() if context.get_start_method() == "fork" else 0))
    try:
        pool.submit(_started)  # the pool launches its workers on the first submission
    except BaseException:
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    results = _ordered(pool, iter(tasks), jobs, chunk, window, source)
    next(results)  # into the generator's try block, so that closing it shuts the pool down
    return results


def _started() -> None:
    """Nothing: submitted once so that the workers start."""


def _ordered(pool: ProcessPoolExecutor, iterator: Iterator[T], jobs: int, chunk: int, window: int,
             source: Callable[[T], str]) -> Iterator:
    pending: deque[tuple[Future, list]] = deque()
    try:
        yield None
        while True:
            block = list(islice(iterator, chunk))
            if block:
                try:
                    pending.append((pool.submit(_run_chunk, block), block))
                except BrokenProcessPool:
                    first_lost = pending[0][1][0] if pending else block[0]
                    raise WorkerError(source(first_lost), _exit_codes(pool)) from None
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
    except BaseException:  # Ctrl-C, SIGTERM, the consumer gone: the chunks in flight are not wanted
        _stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


STOP_GRACE_S = 5.0  # how long a terminated worker may take to die before it is killed


def _stop_workers(pool: ProcessPoolExecutor) -> None:
    """End the workers now rather than after the chunks they hold (an interrupt must not wait for them).

    A worker ended while it writes its results leaves half a message in the result pipe, and the
    pool's manager thread then waits for the rest forever, so `shutdown` never returned (an
    interrupted `ingest --jobs 2` hung). Once the workers are dead, this process closes its own copy
    of the pipe's writing end: the last writer gone, the manager thread reads end-of-file, marks the
    pool broken and stops."""
    processes = list((getattr(pool, "_processes", None) or {}).values())
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            process.join(STOP_GRACE_S)
            if process.is_alive():
                process.kill()
                process.join(STOP_GRACE_S)
    queue = getattr(pool, "_result_queue", None)
    if queue is not None:
        with contextlib.suppress(OSError, AttributeError):
            queue._writer.close()


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and _single_threaded():
        return multiprocessing.get_context("fork")
    if "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def _single_threaded() -> bool:
    """Whether the main thread is this process's only Python thread (see the module docstring)."""
    return threading.active_count() == 1 and threading.current_thread() is threading.main_thread()


def _exit_codes(pool: ProcessPoolExecutor) -> str:
    """How the pool's workers ended, for the message ("killed by signal 9")."""
    codes = sorted({p.exitcode for p in (getattr(pool, "_processes", None) or {}).values()
                    if p.exitcode not in (None, 0)})
    if not codes:
        return "it exited unexpectedly"
    parts = [f"killed by signal {-c}" if c < 0 else f"exit status {c}" for c in codes]
    return ", ".join(parts)
