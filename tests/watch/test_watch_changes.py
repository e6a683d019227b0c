"""`zhibiao changes`: each new fact classified against what was stored before it."""

import json
from datetime import UTC, datetime

import pytest
from typer.testing import CliRunner

import zhibiao
from zhibiao.cli import app


def _ingest_in_turns(tmp_path, corpus, first: list[str]):
    """Ingest the corpus files named in `first`, mark a watch round, then ingest the rest."""
    held = tmp_path / "held"
    held.mkdir()
    for path in corpus.glob("*.txt"):
        if path.name not in first:
            path.rename(held / path.name)
    db = tmp_path / "c.duckdb"
    with zhibiao.open(db) as store:
        store.ingest([corpus])
        con = store.writer_connection()
        now = datetime.now(UTC).replace(tzinfo=None)
        con.execute("INSERT INTO watch_runs VALUES (1, ?, ?, 1, 1, 0, NULL)", [now, now])
        store.close()
        for path in held.iterdir():
            path.rename(corpus / path.name)
        store.ingest([corpus])
    return db


@pytest.mark.parametrize(("first", "doc", "value", "change", "previous"), [
    (["gdp-prelim.txt"], "gdp-revised", 5.4, "revision", 5.2),  # a later publication states another value
    (["gdp-revised.txt"], "gdp-prelim", 5.2, "conflict", 5.4),  # an older one, read late, disagrees
    (["h1.txt"], "q1", 3.9, "new_period", None),  # March: a month the catalogue indicator did not have
    (["h1.txt"], "q1", 3.0, "new", 3.0),  # Q1 as h1 implied it: a new source for a known value
])
def test_changes_classify_each_new_fact(tmp_path, corpus, first, doc, value, change, previous):
    db = _ingest_in_turns(tmp_path, corpus, first)
    result = CliRunner().invoke(app, ["changes", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.startswith("{")]
    assert {r["doc"] for r in rows} == {p.stem for p in corpus.glob("*.txt")} - {f[:-4] for f in first}
    match = [r for r in rows if r["doc"] == doc and r["value"] == value and not r["derived"]]
    assert match and match[0]["change"] == change and match[0]["previous"] == previous


def test_changes_without_a_watch_round_lists_everything_and_says_so(db):
    result = CliRunner().invoke(app, ["changes", "--db", str(db)])
    assert result.exit_code == 0
    assert "changes since the beginning" in result.output
    with zhibiao.open(db) as store:
        since, df = store.changes()
        assert since is None and len(df) == store.count_facts()


def test_changes_table_shows_scraped_markup_as_text(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("[bold red]注意[/bold red]2024年上半年,全国规模以上工业增加值同比增长5.8%。", encoding="utf-8")
    db = tmp_path / "m.duckdb"
    with zhibiao.open(db) as store:
        store.ingest([page])
    result = CliRunner().invoke(app, ["changes", "--db", str(db), "--since", "2000-01-01"])
    assert result.exit_code == 0 and "[bold red]" in result.output


@pytest.mark.parametrize("since", ["yesterday", "2026-13-01"])
def test_changes_bad_since_is_a_usage_error(db, since):
    result = CliRunner().invoke(app, ["changes", "--db", str(db), "--since", since])
    assert result.exit_code == 2 and "not a date" in result.output
