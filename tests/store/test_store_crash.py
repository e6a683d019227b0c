"""Crash safety and locking, with real processes.

An ingest is killed (SIGKILL, no chance to clean up) after its first batches are committed. The
database must reopen consistent, hold only whole documents, finish on a re-run, and then equal a
database built by one uninterrupted run. While the ingest runs, a second opener gets a clear
"in use" error naming the process.
"""

import json
import os
import signal
import subprocess
import sys
import time

import pytest
from typer.testing import CliRunner

import zhibiao
from zhibiao.cli import app
from zhibiao.errors import StoreLockedError

PROVINCES = ["河北", "山西", "辽宁", "吉林", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北",
             "湖南", "广东", "四川", "贵州", "云南", "陕西", "甘肃", "青海"]
TOTAL = 240
COMPARED = ["doc", "seq", "indicator", "subject", "measure", "value", "unit", "period", "basis", "region", "quote",
            "derived", "derivation", "story"]


def _write_corpus(folder):
    """TOTAL distinct short provincial reports (written for this test), with an index of dates."""
    folder.mkdir()
    index = []
    for n in range(TOTAL):
        province = PROVINCES[n % len(PROVINCES)]
        year, month = 2015 + n // 24, 1 + (n // 2) % 12
        growth, change = 4 + (n * 7 % 50) / 10, (n * 3 % 12) / 10
        text = (f"{province}省统计局发布,{year}年{month}月份,全省规模以上工业增加值同比增长{growth:.1f}%,"
                f"增速比上月加快{change:.1f}个百分点。"
                f"全省社会消费品零售总额{1000 + n}亿元,同比增长{(n % 9) + 1}.{n % 10}%。"
                f"第{n}号通报。")
        name = f"r{n:03d}.txt"
        (folder / name).write_text(text, encoding="utf-8")
        index.append({"id": f"r{n:03d}", "file": name, "date": f"{year}-{month:02d}-15"})
    (folder / "index.json").write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
    return folder


def _state(path):
    with zhibiao.open(path) as store:
        facts = store.facts()[COMPARED]
        docs = store.documents()[["id", "story", "fact_count", "content_hash"]]
        return (facts.astype(object).where(facts.notna(), None).to_dict("records"),
                docs.sort_values("id").to_dict("records"))


def _ingest_process(corpus, db):
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    cmd = [sys.executable, "-m", "zhibiao.cli", "ingest", str(corpus), "--db", str(db), "--batch", "4", "-v"]
    return subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, env=env)


def _wait_for_commits(proc, at_least, timeout=60):
    deadline = time.monotonic() + timeout
    for line in proc.stderr:
        if line.startswith("committed ") and int(line.split()[1]) >= at_least:
            return int(line.split()[1])
        if time.monotonic() > deadline:
            break
    proc.kill()
    pytest.fail("the ingest process never reported its first commits")


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")
def test_store_killed_ingest_leaves_a_consistent_database_that_a_rerun_completes(tmp_path):
    corpus = _write_corpus(tmp_path / "corpus")
    db = tmp_path / "crashed.duckdb"
    proc = _ingest_process(corpus, db)
    try:
        _wait_for_commits(proc, at_least=8)
        # A second process meets the lock: a clear error naming the ingest, no crash.
        with pytest.raises(StoreLockedError) as info, zhibiao.open(db) as other:
            other.facts()
        assert info.value.pid == proc.pid and "in use by another process" in str(info.value)
        result = CliRunner().invoke(app, ["series", "industrial_value_added", "--db", str(db)])
        assert result.exit_code == 1 and f"pid {proc.pid}" in result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.wait()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    with zhibiao.open(db) as store:
        assert store.check() == []
        stored = store.counts()["documents"]
        assert 8 <= stored < TOTAL, "the kill should land mid-run"

    with zhibiao.open(db) as store:
        report = store.ingest([corpus])
    assert (report.added, report.unchanged, report.failures) == (TOTAL - stored, stored, ())

    clean = tmp_path / "clean.duckdb"
    with zhibiao.open(clean) as store:
        store.ingest([corpus])
    assert _state(db) == _state(clean)
    with zhibiao.open(db) as store:
        assert store.check() == [] and store.counts()["documents"] == TOTAL


def test_store_a_held_database_gives_a_one_line_error_naming_the_holder(tmp_path, db):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
                               "time.sleep(60)", str(db)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        for args in (["series", "gdp"], ["conflicts"], ["indicators"], ["ingest", str(tmp_path / "corpus")]):
            result = CliRunner().invoke(app, [*args, "--db", str(db)])
            assert result.exit_code == 1, args
            lines = result.stderr.strip().splitlines()
            assert len(lines) == 1 and f"database {db} is in use by another process (pid {holder.pid})" in lines[0]
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    with zhibiao.open(db) as store:  # nothing was lost
        assert store.counts()["documents"] == 5 and store.check() == []
