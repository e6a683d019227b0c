"""--jobs N: worker processes give the same results as one process; failures end cleanly."""

from __future__ import annotations

import gzip
import json
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest
from parallel_helpers import crash_setup, square_setup

import zhibiao
from zhibiao.parallel import WorkerError, imap_ordered

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo"
FILLER = "今天天气晴朗,公园里的花开了,孩子们在草地上放风筝,老人们在树下下棋聊天。"


def mixed_corpus(folder: Path) -> Path:
    """A JSON Lines shard mixing reports, filler, an HTML record, a bad line and a duplicate id."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for i, doc in enumerate(d for d in zhibiao.ingest.read.iter_documents([DEMO]) if hasattr(d, "text")):
        lines.append({"id": f"demo-{i}", "text": doc.text, "date": doc.date.isoformat() if doc.date else None})
        lines.append({"id": f"filler-{i}", "text": FILLER * (i % 4 + 1)})
    lines.append({"id": "page", "html": "<html><body><article><p>2024年上半年,全国规模以上工业增加值同比增长6.0%。"
                                        "</p></article></body></html>", "date": "2024-07-15"})
    lines.append("{broken")
    lines.append({"id": "demo-0", "text": "重复的编号"})
    data = "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in lines)
    (folder / "shard-0.jsonl.gz").write_bytes(gzip.compress(data.encode("utf-8")))
    return folder


def snapshot(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "documents": con.execute("SELECT * EXCLUDE (ingested_at) FROM documents ORDER BY id").fetchall(),
            "facts": con.execute("SELECT * FROM facts ORDER BY ALL").fetchall(),
            "signatures": con.execute("SELECT * FROM story_signatures ORDER BY ALL").fetchall(),
            "bands": con.execute("SELECT * FROM story_bands ORDER BY ALL").fetchall(),
        }
    finally:
        con.close()


def ingest(tmp_path: Path, name: str, paths: list[Path], **options) -> tuple[zhibiao.IngestReport, dict]:
    db = tmp_path / f"{name}.duckdb"
    with zhibiao.open(db) as store:
        report = store.ingest(paths, **options)
    return report, snapshot(db)


def test_jobs_2_stores_exactly_what_jobs_1_stores(tmp_path: Path) -> None:
    corpus = mixed_corpus(tmp_path / "corpus")
    one, stored_one = ingest(tmp_path, "one", [corpus, DEMO], jobs=1)
    two, stored_two = ingest(tmp_path, "two", [corpus, DEMO], jobs=2)
    assert stored_one["facts"] and stored_one == stored_two
    assert (one.added, one.gated, one.facts, one.derived) == (two.added, two.gated, two.facts, two.derived)
    assert one.failures == two.failures
    reasons = [f.reason.split(" (")[0] for f in one.failures]
    assert reasons == ["invalid JSON: Expecting property name enclosed in double quotes",
                       "duplicate document id 'demo-0'"]
    assert one.gated == 25 and one.gate.checked == two.gate.checked


def test_extract_with_jobs_gives_the_same_facts_in_the_same_order(tmp_path: Path) -> None:
    corpus = mixed_corpus(tmp_path / "corpus")

    def facts(jobs: int) -> list:
        out = []
        for item in zhibiao.extract([corpus, DEMO], jobs=jobs):
            out.append(str(item) if isinstance(item, zhibiao.ReadFailure) else [f.to_dict() for f in item.facts])
        return out

    assert facts(1) == facts(2)


def test_imap_ordered_keeps_order_across_chunks() -> None:
    squares = imap_ordered(range(200), square_setup, (1,), jobs=2, chunk=7, window=2)
    assert list(squares) == [n * n + 1 for n in range(200)]


def test_a_worker_that_dies_ends_the_run_with_one_line() -> None:
    got = []
    with pytest.raises(WorkerError) as caught:
        for value in imap_ordered(range(400), crash_setup, (250,), jobs=2, chunk=10, source=lambda n: f"task {n}"):
            got.append(value)
    assert got == list(range(len(got))) and len(got) <= 250
    message = str(caught.value)
    assert "\n" not in message and message.startswith("a worker process died") and f"task {len(got)}" in message


def test_cli_ingest_jobs_and_summary(tmp_path: Path) -> None:
    corpus = mixed_corpus(tmp_path / "corpus")
    db = tmp_path / "cli.duckdb"
    run = subprocess.run([sys.executable, "-m", "zhibiao.cli", "ingest", str(corpus), "--db", str(db), "--jobs", "2"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 1  # the bad line and the duplicate id
    lines = run.stderr.strip().splitlines()
    assert lines[-2].startswith("26 document(s) stored (26 new, 0 replaced), 0 unchanged, "
                                "25 skipped by the gate, 2 failed")
    assert lines[-1].startswith("gate skipped 25 of 51 document(s) (49.0 %)")
    assert "Traceback" not in run.stderr


def test_ctrl_c_during_a_parallel_ingest_ends_cleanly(tmp_path: Path) -> None:
    shard = tmp_path / "big.jsonl"
    text = "2024年上半年,全国规模以上工业增加值同比增长6.0%,其中制造业增长6.2%。" * 20
    shard.write_text("".join(json.dumps({"id": f"d{i}", "text": text}, ensure_ascii=False) + "\n"
                             for i in range(20000)), encoding="utf-8")
    db = tmp_path / "ctrl-c.duckdb"
    proc = subprocess.Popen([sys.executable, "-m", "zhibiao.cli", "ingest", str(shard), "--db", str(db), "--jobs", "2",
                             "-v"], stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        assert proc.stderr is not None
        assert proc.stderr.readline().startswith("committed")  # workers are running, batches landing
        os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C: the whole process group
        _, rest = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the workers too: none is left behind a failed run
            proc.wait()
    assert proc.returncode == 130
    assert "Traceback" not in rest
    summary = [line for line in rest.splitlines() if line.startswith("interrupted:")]
    assert len(summary) == 1 and summary[0].endswith("run again to finish")
    with zhibiao.open(db) as store:
        assert store.check() == []
        stored = store.counts()["documents"]
    assert 0 < stored < 20000
    time.sleep(0.1)


def test_workers_fork_from_a_single_threaded_process_else_a_forkserver() -> None:
    from zhibiao import parallel

    if threading.active_count() == 1:  # another test may have left a thread behind
        assert parallel._context().get_start_method() == "fork"
    release = threading.Event()
    other = threading.Thread(target=release.wait)
    other.start()
    try:
        assert parallel._context().get_start_method() == "forkserver"
        # and the results do not depend on how the workers started
        assert list(imap_ordered(range(50), square_setup, (2,), jobs=2, chunk=3)) == [n * n + 2 for n in range(50)]
    finally:
        release.set()
        other.join()


def test_closing_the_results_early_stops_the_workers() -> None:
    results = imap_ordered(range(10_000), square_setup, (0,), jobs=2, chunk=5)
    assert multiprocessing.active_children()  # started before the first result is asked for
    assert next(results) == 0
    results.close()
    assert multiprocessing.active_children() == []
