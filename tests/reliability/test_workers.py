"""Issue 12, item 4: `kill -9` or SIGTERM of an `ingest --jobs 2` left its workers alive, holding
stdout, so `zhibiao ingest … | cat` never ended; SIGTERM exited 143 without a word. Workers now die
with their parent (PR_SET_PDEATHSIG), and SIGTERM is an interrupt like Ctrl-C."""

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"
ZHIBIAO = Path(sys.executable).with_name("zhibiao")
COPIES = 60
GRACE_S = 5.0

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def _corpus(folder: Path) -> Path:
    """The demo reports many times over, under distinct names: an ingest that runs for a while."""
    folder.mkdir()
    texts = sorted(DEMO.glob("*.txt"))
    for n in range(COPIES):
        for text in texts:
            shutil.copy(text, folder / f"{n:03d}-{text.name}")
    return folder


def _session(sid: int) -> list[int]:
    """The processes of a session (the run, started as its own session)."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[3]) == sid and fields[0] != "Z":  # fields: state ppid pgrp session
            found.append(int(entry))
    return found


def _start(tmp_path: Path) -> subprocess.Popen:
    process = subprocess.Popen([str(ZHIBIAO), "ingest", str(_corpus(tmp_path / "corpus")), "--jobs", "2",
                                "--db", str(tmp_path / "facts.duckdb")],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 60
    while len(_session(process.pid)) < 3:  # the main process and two workers
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the workers never started"
        time.sleep(0.05)
    time.sleep(0.5)  # into the run
    return process


def _gone_after_grace(sid: int) -> list[int]:
    deadline = time.monotonic() + GRACE_S
    while time.monotonic() < deadline:
        left = _session(sid)
        if not left:
            return []
        time.sleep(0.1)
    return _session(sid)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_no_process_of_the_run_outlives_it(tmp_path, sig):
    process = _start(tmp_path)
    try:
        os.kill(process.pid, sig)
        left = _gone_after_grace(process.pid)
        assert left == [], f"still running after {GRACE_S} s: {left}"
        # nobody holds the pipes any more: a reader sees their end (`zhibiao ingest … | cat` ends)
        process.communicate(timeout=GRACE_S)
    finally:
        for pid in _session(process.pid):
            os.kill(pid, signal.SIGKILL)


def test_sigterm_is_an_interrupt_that_says_what_was_stored(tmp_path):
    process = _start(tmp_path)
    os.kill(process.pid, signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 130
    message = err.decode()
    assert message.startswith("interrupted") and "facts.duckdb" in message  # what was stored, and where
    assert "Traceback" not in message and len(message.strip().splitlines()) <= 3


def _square(n: int) -> int:
    return n * n


def test_stopping_workers_that_were_cut_off_mid_message_lets_the_pool_shut_down():
    """A worker terminated while writing its results leaves half a message in the result pipe; the
    pool's manager thread then waited for the rest forever and an interrupted ingest never ended.
    Half a message is put there by hand (a header promising 1,000 bytes, then three); stopping the
    workers must still let `shutdown` return."""
    import multiprocessing
    import struct
    import threading
    from concurrent.futures import ProcessPoolExecutor

    from zhibiao.parallel import _stop_workers

    pool = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    assert pool.submit(_square, 7).result(timeout=60) == 49
    os.write(pool._result_queue._writer.fileno(), struct.pack("!i", 1000) + b"abc")
    _stop_workers(pool)
    closing = threading.Thread(target=pool.shutdown, kwargs={"wait": True}, daemon=True)
    closing.start()
    closing.join(60)  # a hang guard: shutting down takes milliseconds once the pipe is closed
    assert not closing.is_alive(), "shutdown still waits for the rest of the half-written message"
