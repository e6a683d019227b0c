"""A watch killed mid-round resumes without duplicates; a second watch on one database is refused."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest
from publisher import Article, Publisher, serve, sources_toml
from typer.testing import CliRunner

from zhibiao.cli import app
from zhibiao.watch.run import watch_lock

pytestmark = pytest.mark.slow  # watch processes started, killed and resumed

MONTHLY = 12  # articles on the listing; the watch ingests them 8 at a time


def _publisher() -> Publisher:
    """A publisher whose listing names MONTHLY short articles, each answered after a small delay."""
    articles = {}
    for n in range(1, MONTHLY + 1):
        path = f"/news/m{n}.html"
        articles[path] = Article(path, f"第{n}期能源生产简报",
                                 f"{n}月上旬,某省原煤产量{300 + n}.5万吨,同比增长{n}.2%。", "2026-11-20")
    return Publisher(feed=[], sitemap=[], articles=articles, listed=list(articles), article_delay=0.05)


def _table(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_watch_killed_mid_round_resumes_without_duplicates(tmp_path):
    publisher = _publisher()
    server = serve(publisher)
    try:
        sources = tmp_path / "sources.toml"
        sources.write_text(sources_toml(publisher, delay=0.02), encoding="utf-8")
        killed, whole = tmp_path / "killed.duckdb", tmp_path / "whole.duckdb"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        process = subprocess.Popen([sys.executable, "-m", "zhibiao.cli", "watch", str(sources), "--once",
                                    "--db", str(killed)], env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and sum(
                1 for p in publisher.paths() if p.startswith("/news/m")) < 11:  # the first 8 are ingested
            time.sleep(0.02)
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        partial = _table(killed, "SELECT count(*) FROM documents")[0][0]
        assert 0 < partial < MONTHLY  # killed mid-round, with something stored
        pending = _table(killed, "SELECT count(*) FROM watch_urls WHERE state = 'pending'")[0][0]
        assert pending == MONTHLY - partial

        for db in (killed, whole):
            result = CliRunner().invoke(app, ["watch", str(sources), "--once", "--db", str(db)])
            assert result.exit_code == 0, result.output
    finally:
        server.shutdown()
        server.server_close()
    documents = "SELECT url, content_hash, fact_count FROM documents ORDER BY url"
    assert _table(killed, documents) == _table(whole, documents)
    assert len(_table(killed, documents)) == MONTHLY
    facts = "SELECT d.url, f.seq, f.subject, f.value FROM facts f JOIN documents d ON d.id = f.doc_id ORDER BY ALL"
    assert _table(killed, facts) == _table(whole, facts)
    assert _table(killed, "SELECT url FROM watch_urls GROUP BY url HAVING count(*) > 1") == []
    assert _table(killed, "SELECT state, count(*) FROM watch_urls GROUP BY state") == [("stored", MONTHLY)]


def test_a_second_watch_on_one_database_is_refused(tmp_path):
    db = tmp_path / "w.duckdb"
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(Publisher(port=9)), encoding="utf-8")  # never reached: refused first
    with watch_lock(db):
        result = CliRunner().invoke(app, ["watch", str(sources), "--once", "--db", str(db)])
    assert result.exit_code == 1
    assert f"database {db} is in use by another process (pid {os.getpid()})" in " ".join(result.output.split())


@pytest.mark.parametrize(("text", "message"), [
    ("[[source]]\nname = 'x'\n", "start must be a URL"),
    ("[[source]]\nname = 'x'\nstart = 'ftp://example.org/'\n", "is not an http(s) URL"),
    ("[[source]]\nname = 'x y'\nstart = 'https://example.org/'\n", "a name of letters"),
    ("[[source]]\nname = 'x'\nstart = 'https://example.org/'\narticles = '('\n", "not a valid regular expression"),
    ("[[source]]\nname = 'x'\nstart = 'https://example.org/'\nselector = 'ul >> >'\n", "not a valid CSS selector"),
    ("[[source]]\nname = 'x'\nstart = 'https://example.org/'\nevery = 'soon'\n", "expected a duration"),
    ("[[source]]\nname = 'x'\nstart = 'https://example.org/'\ncolour = 'red'\n", "unknown key(s) colour"),
    ("[[source]]\nname = 'x'\nstart = 'https://example.org/'\n[[source]]\nname = 'x'\nstart = 'https://example.org/'\n",
     "the name is used twice"),
    ("[watch]\ntimeout = 'long'\n[[source]]\nname = 'x'\nstart = 'https://example.org/'\n", "expected a number"),
    ("[watch]\n", "no [[source]] tables"),
    ("[[source]\n", "not valid TOML"),
])
def test_a_bad_sources_file_is_one_line_naming_it(tmp_path, text, message):
    sources = tmp_path / "sources.toml"
    sources.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["watch", str(sources), "--once", "--db", str(tmp_path / "w.duckdb")])
    assert result.exit_code == 1
    output = " ".join(result.output.split())
    assert f"{sources}:" in output and message in output
    assert "Traceback" not in result.output
    assert not (tmp_path / "w.duckdb").exists()


def test_watch_without_once_loops_at_the_interval_until_interrupted(tmp_path):
    import zhibiao
    from zhibiao.watch.run import watch
    from zhibiao.watch.sources import load_sources

    publisher = Publisher(feed=["/news/a5.html"], sitemap=[], listed=[])
    server = serve(publisher)
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(publisher, delay=0.01), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    rounds, pauses = [], []

    def sleep(seconds):
        pauses.append(seconds)
        if len(pauses) == 2:
            raise KeyboardInterrupt

    try:
        with zhibiao.open(db) as store, pytest.raises(KeyboardInterrupt):
            watch(store, load_sources(sources), interval=7, on_round=rounds.append, sleep=sleep)
    finally:
        server.shutdown()
        server.server_close()
    assert [r.stored for r in rounds] == [1, 0] and pauses == [7, 7]
    assert publisher.paths().count("/news/a5.html") == 1
    with watch_lock(db):  # let go when the watch stopped
        pass
    runs = _table(db, "SELECT id, documents, finished IS NOT NULL FROM watch_runs ORDER BY id")
    assert runs == [(1, 1, True), (2, 0, True)]


def test_watch_loop_stops_cleanly_on_sigterm_between_rounds(tmp_path):
    publisher = Publisher(feed=["/news/a5.html"], sitemap=[], listed=[])
    server = serve(publisher)
    sources = tmp_path / "sources.toml"
    sources.write_text(sources_toml(publisher, delay=0.01), encoding="utf-8")
    db = tmp_path / "w.duckdb"
    try:
        process = subprocess.Popen([sys.executable, "-m", "zhibiao.cli", "watch", str(sources), "--interval", "1h",
                                    "--db", str(db)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 60
        finished = []
        while time.monotonic() < deadline and not finished:
            time.sleep(0.2)
            try:  # between rounds the watch lets the database go
                finished = _table(db, "SELECT id FROM watch_runs WHERE finished IS NOT NULL")
            except duckdb.Error:
                continue
        process.send_signal(signal.SIGTERM)
        _out, err = process.communicate(timeout=30)
    finally:
        server.shutdown()
        server.server_close()
    assert finished == [(1,)]
    assert process.returncode == 130 and "stopped between rounds" in err and "Traceback" not in err
    assert "fake-stats (测试统计局, 全国): 3 page(s) read" in err
    with watch_lock(db):
        pass
