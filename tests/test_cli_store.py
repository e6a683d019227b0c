"""The store commands through the CLI runner, against a temporary database."""

import json

import duckdb
import pandas as pd
import pytest
from typer.testing import CliRunner

from zhibiao.cli import app

runner = CliRunner()


def test_cli_ingest_then_reingest(tmp_path, corpus):
    db = tmp_path / "cli.duckdb"
    first = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "5 document(s) stored (5 new, 0 replaced), 0 unchanged, 0 failed" in first.stderr
    second = runner.invoke(app, ["ingest", str(corpus), "--db", str(db)])
    assert second.exit_code == 0 and "0 document(s) stored" in second.stderr and "5 unchanged" in second.stderr
    con = duckdb.connect(str(db), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchall() == [(5,)]
    con.close()


def test_cli_ingest_uses_zhibiao_db_from_the_environment(tmp_path, corpus, monkeypatch):
    monkeypatch.setenv("ZHIBIAO_DB", str(tmp_path / "env.duckdb"))
    result = runner.invoke(app, ["ingest", str(corpus)])
    assert result.exit_code == 0 and (tmp_path / "env.duckdb").exists()


def test_cli_ingest_reports_bad_files_and_exits_1(tmp_path, corpus):
    (corpus / "bad.txt").write_bytes(b"\x00" * 100)
    result = runner.invoke(app, ["ingest", str(corpus), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "bad.txt: binary file" in result.stderr and "Traceback" not in result.stderr
    assert "5 document(s) stored" in result.stderr


def test_cli_series_table_and_jsonl(db):
    table = runner.invoke(app, ["series", "industrial_value_added", "--db", str(db), "--period-type", "H"])
    assert table.exit_code == 0, table.output
    assert "2023-H1" in table.stdout and "3.8" in table.stdout and "2023-Q1" not in table.stdout
    rows = [json.loads(line) for line in runner.invoke(
        app, ["series", "规上工业增加值", "--db", str(db), "--format", "jsonl"]).stdout.splitlines()]
    by_period = {r["period"]: r for r in rows}
    assert by_period["2023-H1"]["copies"] == 2 and by_period["2023-H1"]["stories"] == 1
    assert by_period["2023-Q1"]["value"] == 3.0 and not by_period["2023-Q1"]["derived"]
    assert [r["period"] for r in rows] == ["2023-Q1", "2023-03", "2023-H1", "2023-Q2"]


def test_cli_series_of_a_subject_and_a_bad_period_type(db):
    result = runner.invoke(app, ["series", "5G基站总数", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0 and "2023-06-30" in result.stdout and "2937000" in result.stdout
    bad = runner.invoke(app, ["series", "gdp", "--db", str(db), "--period-type", "week"])
    assert bad.exit_code == 2


# Two independent reports that disagree on one figure (neither revises the other).
DISAGREEING = {
    "cpi-a.txt": ("2024-01-12", "国家统计局发布,2023年全年,全国居民消费价格比上年上涨0.2%。"),
    "cpi-b.txt": ("2024-01-20", "据报道,去年我国居民消费价格比上年上涨0.3%,物价总体平稳,市场供应充足。"),
}


def test_cli_conflicts_lists_both_quotes(tmp_path):
    from tests.conftest import write_corpus

    db = tmp_path / "cpi.duckdb"
    corpus = write_corpus(tmp_path / "cpi", DISAGREEING)
    assert runner.invoke(app, ["ingest", str(corpus), "--db", str(db)]).exit_code == 0
    result = runner.invoke(app, ["conflicts", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 1
    row = rows[0]
    assert (row["indicator"], row["period"], row["value_a"], row["value_b"]) == ("cpi", "2023", 0.3, 0.2)
    assert "0.3%" in row["quote_a"] and "0.2%" in row["quote_b"]
    table = runner.invoke(app, ["conflicts", "--db", str(db)])
    assert "cpi" in table.stdout and "stories disagree" in table.stdout


def test_cli_a_revision_is_no_conflict_and_the_series_keeps_its_history(db):
    assert runner.invoke(app, ["conflicts", "--db", str(db), "--format", "jsonl"]).stdout.strip() == ""
    result = runner.invoke(app, ["series", "gdp", "--db", str(db), "--format", "jsonl"])
    row = json.loads(result.stdout.splitlines()[0])
    assert (row["value"], row["vintage"], row["conflict"]) == (5.4, "revised", False)
    assert row["history"] == "5.2 preliminary (gdp-prelim, 2024-01-17)"


def test_cli_indicators_lists_counts(db):
    result = runner.invoke(app, ["indicators", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0
    from io import StringIO

    df = pd.read_csv(StringIO(result.stdout)).set_index("id")
    assert df.loc["industrial_value_added", "facts"] == 10
    assert df.loc["base_stations_5g", "documents"] == 2
    assert df.loc["cpi", "facts"] == 0
    used = runner.invoke(app, ["indicators", "--db", str(db), "--used"])
    assert "industrial_value_added" in used.stdout and "cpi " not in used.stdout


def test_cli_facts_filters(db):
    result = runner.invoke(app, ["facts", "--db", str(db), "--indicator", "gdp", "--measure", "growth",
                                 "--format", "jsonl"])
    values = sorted(json.loads(line)["value"] for line in result.stdout.splitlines())
    assert values == [5.2, 5.4]
    derived = runner.invoke(app, ["facts", "--db", str(db), "--derived", "--format", "jsonl"])
    rows = [json.loads(line) for line in derived.stdout.splitlines()]
    assert {r["period"] for r in rows} == {"2023-Q1"} and all("minus change" in r["derivation"] for r in rows)


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_cli_export_writes_provenance(tmp_path, db, fmt):
    out = tmp_path / f"facts.{fmt}"
    result = runner.invoke(app, ["export", "--format", fmt, "--db", str(db), "--indicator", "industrial_value_added",
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "csv":
        df = pd.read_csv(out)
    elif fmt == "parquet":
        df = pd.read_parquet(out)
    else:
        df = pd.DataFrame([json.loads(line) for line in out.read_text("utf-8").splitlines()])
    assert len(df) == 10 and set(df["indicator"]) == {"industrial_value_added"}
    assert {"doc", "url", "quote", "published", "story"} <= set(df.columns)
    assert str(df.loc[df["doc"] == "h1", "published"].iloc[0])[:10] == "2023-07-17"


def test_cli_export_jsonl_is_fact_records_and_a_series_can_be_exported(tmp_path, db):
    result = runner.invoke(app, ["export", "--format", "jsonl", "--db", str(db)])
    first = json.loads(result.stdout.splitlines()[0])
    assert {"doc", "subject", "measure", "value", "unit", "period", "quote", "span"} <= set(first)
    out = tmp_path / "series.csv"
    runner.invoke(app, ["export", "--format", "csv", "--series", "gdp", "--db", str(db), "-o", str(out)])
    df = pd.read_csv(out)
    assert df["period"].astype(str).tolist() == ["2023"] and not bool(df["conflict"].iloc[0])
    assert df["history"].iloc[0] == "5.2 preliminary (gdp-prelim, 2024-01-17)"


def test_cli_export_parquet_needs_a_file_and_formats_are_checked(db):
    assert runner.invoke(app, ["export", "--format", "parquet", "--db", str(db)]).exit_code == 2
    assert runner.invoke(app, ["export", "--format", "xlsx", "--db", str(db)]).exit_code == 2


def test_cli_reading_a_missing_database_is_one_line(tmp_path):
    for args in (["series", "gdp"], ["conflicts"], ["facts"], ["indicators"], ["export", "--format", "csv"]):
        result = runner.invoke(app, [*args, "--db", str(tmp_path / "none.duckdb")])
        assert result.exit_code == 1, args
        assert result.stderr.count("\n") == 1 and "no such database" in result.stderr
    assert not (tmp_path / "none.duckdb").exists()
