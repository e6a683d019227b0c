"""What a user of sqlite-utils, datasette or pandas expects of the command line (issue 12)."""

import io
import json
import re

import pandas as pd
import pytest
from typer.testing import CliRunner

from zhibiao.cli import _num, app

runner = CliRunner()
SENTENCE = "2023年上半年,全国规模以上工业增加值同比增长3.8%。"


@pytest.mark.parametrize("flag", ["--version"])
def test_version(flag):
    result = runner.invoke(app, [flag])
    assert result.exit_code == 0 and re.fullmatch(r"zhibiao \S+\n", result.stdout)


@pytest.mark.parametrize("command", [[], ["extract"], ["ingest"], ["series"], ["facts"], ["conflicts"], ["export"],
                                     ["prune"], ["indicators"], ["serve"]])
def test_dash_h_is_help_with_readable_metavars(command):
    result = runner.invoke(app, [*command, "-h"])
    assert result.exit_code == 0 and "Usage:" in result.stdout
    assert "<list[" not in result.stdout and "<bool>" not in result.stdout and "<str>" not in result.stdout
    assert "<int" not in result.stdout


@pytest.mark.parametrize("name", ["extract", "ingest", "series", "facts", "conflicts", "export", "prune",
                                  "indicators", "serve"])
def test_every_option_and_argument_is_explained(name):
    import typer.main

    command = typer.main.get_command(app).commands[name]
    for param in command.params:
        assert param.help, f"{name} {param.name}: no help"
        if not getattr(param, "is_flag", False):
            assert param.metavar, f"{name} {param.name}: no metavar"


@pytest.mark.parametrize(("given", "doc"), [
    (SENTENCE, "stdin"),
    ("<html><body><p>" + SENTENCE + "</p></body></html>", "stdin"),
    (json.dumps({"id": "from-jsonl", "text": SENTENCE}, ensure_ascii=False) + "\n", "from-jsonl"),
])
def test_dash_reads_standard_input(given, doc):
    result = runner.invoke(app, ["extract", "-"], input=given.encode("utf-8"))
    assert result.exit_code == 0
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(f["doc"], f["value"]) for f in facts] == [(doc, 3.8)]


@pytest.mark.parametrize(("value", "unit", "text"), [
    (16100.0, "亿元", "16,100"), (7952.0, "个", "7,952"), (3.8, "%", "3.8"), (-0.25, "元", "-0.25"),
    (1260582.0, "亿元", "1,260,582"), (0.1234567, "", "0.1235"), (5.0, "%", "5.0"), (2.5e9, "元", "2,500,000,000"),
])
def test_numbers_are_written_one_way(value, unit, text):
    assert _num(value, unit) == text


@pytest.mark.parametrize(("limit", "rows"), [(["--limit", "2"], 2), (["--limit", "0"], None), ([], None)])
def test_limit_on_listing_commands(db, limit, rows):
    everything = runner.invoke(app, ["facts", "--format", "jsonl", "--db", str(db)]).stdout.splitlines()
    result = runner.invoke(app, ["facts", "--format", "jsonl", *limit, "--db", str(db)])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == (rows or len(everything))
    if rows:
        assert f"showing {rows} of {len(everything)} rows" in result.stderr


def test_a_table_shows_the_first_hundred_rows_by_default(db):
    from zhibiao.cli import TABLE_LIMIT

    assert TABLE_LIMIT == 100
    result = runner.invoke(app, ["facts", "--db", str(db)])
    assert result.exit_code == 0 and "showing" not in result.stderr  # the test store has fewer


def test_series_defaults_to_one_region_and_says_so(tmp_path):
    import zhibiao

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("2023年上半年,全国规模以上工业增加值同比增长3.8%。", encoding="utf-8")
    (folder / "b.txt").write_text("2023年上半年,广东省规模以上工业增加值同比增长3.5%。", encoding="utf-8")
    with zhibiao.open(tmp_path / "f.duckdb") as store:
        store.ingest([folder])
    result = runner.invoke(app, ["series", "industrial_value_added", "--format", "jsonl",
                                 "--db", str(tmp_path / "f.duckdb")])
    assert [json.loads(line)["region"] for line in result.stdout.splitlines()] == ["全国"]
    assert "showing region 全国 (--region all for every region)" in result.stderr
    result = runner.invoke(app, ["series", "industrial_value_added", "--region", "all", "--format", "jsonl",
                                 "--db", str(tmp_path / "f.duckdb")])
    assert sorted(json.loads(line)["region"] for line in result.stdout.splitlines()) == ["全国", "广东省"]


@pytest.mark.parametrize(("flags", "starts_with_bom"), [([], True), (["--no-bom"], False), (["--bom"], True)])
def test_csv_export_has_a_bom_for_excel_unless_asked_not_to(tmp_path, db, flags, starts_with_bom):
    target = tmp_path / "facts.csv"
    result = runner.invoke(app, ["export", "--format", "csv", *flags, "-o", str(target), "--db", str(db)])
    assert result.exit_code == 0
    assert target.read_bytes().startswith(b"\xef\xbb\xbf") == starts_with_bom
    assert pd.read_csv(target, encoding="utf-8-sig").columns[0] == "doc"


def test_xlsx_export_round_trips(tmp_path, db):
    target = tmp_path / "facts.xlsx"
    result = runner.invoke(app, ["export", "--format", "xlsx", "-o", str(target), "--db", str(db)])
    assert result.exit_code == 0
    book = pd.read_excel(target)
    out = runner.invoke(app, ["export", "--format", "csv", "--no-bom", "--db", str(db)]).stdout
    csv = pd.read_csv(io.StringIO(out))
    assert len(book) == len(csv) > 0 and list(book["value"]) == list(csv["value"])


def test_prune_removes_the_documents_whose_file_is_gone(tmp_path, db, corpus):
    (corpus / "q1.txt").unlink()
    dry = runner.invoke(app, ["prune", str(corpus), "--dry-run", "--db", str(db)])
    assert dry.exit_code == 0 and "would remove q1" in dry.stderr
    before = runner.invoke(app, ["facts", "--doc", "q1", "--format", "jsonl", "--db", str(db)]).stdout
    assert before
    result = runner.invoke(app, ["prune", str(corpus), "--db", str(db)])
    assert result.exit_code == 0 and "1 document(s) removed" in result.stderr
    assert runner.invoke(app, ["facts", "--doc", "q1", "--format", "jsonl", "--db", str(db)]).stdout == ""
    assert runner.invoke(app, ["facts", "--doc", "h1", "--format", "jsonl", "--db", str(db)]).stdout


def test_ingest_prune_removes_what_is_gone_after_storing(tmp_path, db, corpus):
    (corpus / "gdp-prelim.txt").unlink()
    result = runner.invoke(app, ["ingest", str(corpus), "--prune", "--db", str(db)])
    assert "removed gdp-prelim" in result.stderr


def test_prune_under_a_missing_folder_refuses(tmp_path, db):
    result = runner.invoke(app, ["prune", str(tmp_path / "nowhere"), "--db", str(db)])
    assert result.exit_code == 1 and "no such file or folder" in result.stderr


def test_tables_write_publication_dates_as_days(db):
    result = runner.invoke(app, ["series", "industrial_value_added", "--db", str(db)])
    assert result.exit_code == 0
    assert "2023-07-17" in result.stdout and "00:00:00" not in result.stdout and "NaT" not in result.stdout
