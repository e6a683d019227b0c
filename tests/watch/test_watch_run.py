"""`zhibiao watch` against a fake publisher on 127.0.0.1 (tests/watch/publisher.py): three rounds —
the first reads everything, the second finds nothing new, the third finds an article added to the feed.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from publisher import Publisher, serve, sources_toml
from typer.testing import CliRunner

import zhibiao
from zhibiao.cli import app

DELAY = 0.15  # seconds between two requests to the host, as the sources file asks
JITTER = 0.1  # how late the server may stamp one request
EXPECTED = {  # path -> (a subject, its value): the articles the watch must store, each once
    "/news/a1.html": ("规模以上工业增加值", 6.2),
    "/news/a2.html": ("社会消费品零售总额", 3.4),  # GBK, charset in the Content-Type
    "/news/a3.html": ("固定资产投资", -1.1),  # GBK, charset only in a meta tag
    "/news/a4.html": ("居民消费价格", 0.2),  # reached through the redirect of /news/old.html
    "/news/a5.html": ("规模以上工业企业利润总额", 3.2),  # only in the feed
    "/news/a6.html": ("广义货币(M2)余额", 8.2),  # only in the sitemap, brotli
    "/news/flaky.html": ("货物进出口总额", 0.1),  # 500, then 200
    "/news/busy.html": ("发电量", 2.5),  # 429 with Retry-After, then 200
}


@dataclass
class Rounds:
    publisher: Publisher
    db: Path
    warc: Path
    logs: list  # per round: [(monotonic time, path, headers)]
    outputs: list[str]
    codes: list[int]


def _run(db: Path, sources: Path, *extra: str):
    return CliRunner().invoke(app, ["watch", str(sources), "--once", "--db", str(db), *extra])


@pytest.fixture(scope="module")
def rounds(tmp_path_factory) -> Rounds:
    folder = tmp_path_factory.mktemp("watch")
    publisher = Publisher()
    server = serve(publisher)
    sources = folder / "sources.toml"
    # A second source reads the same feed for one kind of article: it keeps validators of its own.
    second = f"""
[[source]]
name = "feed-again"
start = "{publisher.base}/feed.xml"
articles = 'a5'
"""
    sources.write_text(sources_toml(publisher, delay=DELAY) + second, encoding="utf-8")
    db = folder / "w.duckdb"
    logs, outputs, codes = [], [], []
    try:
        for number in range(3):
            if number == 2:
                publisher.feed.append("/news/a7.html")
            publisher.clear()
            result = _run(db, sources)
            logs.append(list(publisher.log))
            outputs.append(result.output)
            codes.append(result.exit_code)
    finally:
        server.shutdown()
        server.server_close()
    return Rounds(publisher, db, folder / "w.warc", logs, outputs, codes)


def _paths(log) -> list[str]:
    return [path for _t, path, _h in log]


def _query(db: Path, sql: str, params=None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(("path", "fact"), EXPECTED.items())
def test_watch_stores_each_article_once_with_its_facts(rounds, path, fact):
    requested = [p for log in rounds.logs for p in _paths(log)]
    fetches = 2 if path in ("/news/flaky.html", "/news/busy.html") else 1  # the retry within the round
    assert requested.count(path) == fetches
    url = rounds.publisher.base + path
    docs = _query(rounds.db, "SELECT id FROM documents WHERE url = ?", [url])
    assert len(docs) == 1
    subject, value = fact
    values = {r[0] for r in _query(rounds.db, "SELECT value FROM facts WHERE doc_id = ? AND subject LIKE ?",
                                   [docs[0][0], f"%{subject}%"])}
    assert value in values


def test_watch_first_round_stores_exactly_the_articles(rounds):
    base = rounds.publisher.base
    stored = {r[0] for r in _query(rounds.db, "SELECT url FROM documents")}
    assert stored == {base + p for p in [*EXPECTED, "/news/a7.html"]}
    line = [x for x in rounds.outputs[0].splitlines() if x.strip().startswith("fake-stats (测试统计局, 全国):")]
    assert len(line) == 1 and f"{len(EXPECTED)} article(s) stored" in line[0]


@pytest.mark.parametrize(("path", "state"), [
    ("/private/secret.html", "robots"),
    ("/news/missing.html", "gone"),
    ("/news/big.html", "too_large"),
    ("/news/slow.html", "failed"),
    ("/news/old.html", "stored"),
    ("/news/a4.html", "stored"),
])
def test_watch_records_what_became_of_each_url(rounds, path, state):
    rows = _query(rounds.db, "SELECT state FROM watch_urls WHERE url = ?", [rounds.publisher.base + path])
    assert rows == [(state,)]


def test_watch_never_requests_a_path_robots_txt_disallows(rounds):
    assert not [p for log in rounds.logs for p in _paths(log) if p.startswith("/private/")]
    assert "1 disallowed by robots.txt" in rounds.outputs[0]


def test_watch_second_round_is_conditional_and_fetches_nothing_new(rounds):
    second = rounds.logs[1]
    by_path = {path: headers for _t, path, headers in second}
    assert by_path["/feed.xml"].get("if-none-match", "").startswith('"')
    assert by_path["/sitemap.xml"].get("if-none-match", "").startswith('"')
    assert by_path["/news/"].get("if-modified-since")
    articles = {p for p in _paths(second) if p.startswith("/news/") and p != "/news/"}
    assert articles == {"/news/slow.html"}  # only the failure of the first round, retried
    assert "0 article(s) stored" in rounds.outputs[1] and "3 unchanged" in rounds.outputs[1]


def test_watch_retries_a_failure_next_round_and_reports_it_in_one_line(rounds):
    for output in rounds.outputs:
        lines = [x for x in output.splitlines() if x.strip().startswith("fake-stats (测试统计局, 全国):")]
        assert len(lines) == 1
        assert "1 failed, retried next round" in lines[0] and "slow.html: timed out after 0.5 s" in lines[0]
    assert rounds.codes == [1, 1, 1]  # a failure makes --once exit 1, so cron reports it
    assert _query(rounds.db, "SELECT attempts FROM watch_urls WHERE url LIKE '%slow.html'") == [(3,)]


def test_watch_picks_up_a_new_feed_item_and_lists_its_facts_as_changes(rounds):
    third = _paths(rounds.logs[2])
    assert third.count("/news/a7.html") == 1
    assert "1 article(s) stored" in rounds.outputs[2]
    result = CliRunner().invoke(app, ["changes", "--db", str(rounds.db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert rows and {r["url"] for r in rows} == {rounds.publisher.base + "/news/a7.html"}
    by_value = {r["value"]: r for r in rows}
    assert by_value[6.4]["change"] == "revision" and by_value[6.4]["previous"] == 6.2
    assert by_value[5.1]["change"] == "new_period" and by_value[5.1]["indicator"] == "industrial_value_added"


def test_changes_since_a_date_lists_every_new_fact(rounds):
    with zhibiao.open(rounds.db) as store:
        _since, everything = store.changes(since=__import__("datetime").date(2000, 1, 1))
        total = store.count_facts()
    assert len(everything) == total


def test_watch_holds_the_per_host_rate_limit(rounds):
    # The server stamps a request when it has read it; on a loaded machine that can lag by a few tens of
    # milliseconds, once, without accumulating: n requests later, at least n delays have passed.
    for log in rounds.logs:
        times = [t for t, _p, _h in log]
        assert len(times) > 3
        for i, early in enumerate(times):
            for n, late in enumerate(times[i + 1:], 1):
                assert late - early >= n * DELAY - JITTER, (i, n)
    first = rounds.logs[0]
    busy = [t for t, p, _h in first if p == "/news/busy.html"]
    assert busy[1] - busy[0] >= 1.0  # Retry-After: 1


def test_watch_identifies_itself(rounds):
    agents = {h.get("user-agent") for log in rounds.logs for _t, _p, h in log}
    assert len(agents) == 1
    agent = agents.pop()
    assert agent.startswith("zhibiao/") and "tests@example.org" in agent


def test_warc_files_re_extract_to_the_same_facts(rounds, tmp_path):
    warcs = sorted(rounds.warc.glob("articles-*.warc.gz"))
    assert warcs and sorted(rounds.warc.glob("pages-*.warc.gz"))
    fresh = tmp_path / "again.duckdb"
    with zhibiao.open(fresh) as store:
        report = store.ingest(warcs)
    assert not report.failures
    columns = "d.url, f.seq, f.subject, f.measure, f.value, f.unit, f.period_key, f.region, f.quote, f.derived"
    sql = f"SELECT {columns} FROM facts f JOIN documents d ON d.id = f.doc_id ORDER BY ALL"
    again = _query(fresh, sql)
    assert again and again == _query(rounds.db, sql)


def test_watch_two_sources_reading_one_feed_keep_their_own_validators(rounds):
    first, second = ([h.get("if-none-match") for _t, p, h in log if p == "/feed.xml"] for log in rounds.logs[:2])
    assert first == [None, None]  # each source's first look is unconditional
    assert len(second) == 2 and all(second)
    lines = [x.strip() for x in rounds.outputs[0].splitlines() if x.strip().startswith("feed-again")]
    assert lines == ["feed-again: 1 page(s) read, 0 new link(s); 0 article(s) stored (0 facts)"]
