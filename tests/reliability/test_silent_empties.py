"""Issue 12, item 8: an unknown indicator, measure or series key printed an empty table with exit 0;
.pdf, .md and .csv files in a folder and annotation files (gold.jsonl, sources.json) were passed over
without a word; an empty folder printed nothing. Each now says so."""

import pytest
from typer.testing import CliRunner

from zhibiao.cli import app

runner = CliRunner()


@pytest.mark.parametrize(("command", "said"), [
    (["series", "no_such_indicator"], "unknown series key 'no_such_indicator'"),
    (["facts", "--indicator", "no_such_indicator"], "unknown indicator 'no_such_indicator'"),
    (["conflicts", "--indicator", "no_such_indicator"], "unknown indicator 'no_such_indicator'"),
    (["export", "--format", "csv", "--series", "no_such_indicator"], "unknown series key"),
])
def test_an_unknown_key_is_an_error_not_an_empty_table(db, command, said):
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 1
    assert said in result.stderr and result.stdout == ""


@pytest.mark.parametrize("command", [["facts", "--measure", "speed"], ["series", "gdp", "--measure", "speed"]])
def test_an_unknown_measure_is_a_usage_error(db, command):
    result = runner.invoke(app, [*command, "--db", str(db)])
    assert result.exit_code == 2
    assert "unknown measure 'speed'" in result.output


def test_filters_that_match_nothing_say_so(db):
    result = runner.invoke(app, ["facts", "--region", "火星", "--db", str(db)])
    assert result.exit_code == 0
    assert "no facts match these filters" in result.stderr


def test_files_of_other_types_in_a_folder_are_mentioned(tmp_path, corpus):
    for name in ("report.pdf", "notes.md", "table.csv", "gold.jsonl", "sources.json"):
        (corpus / name).write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(corpus)])
    assert result.exit_code == 0
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert len(notes) == 2
    assert "3 file(s) of types not read (.csv, .md, .pdf)" in notes[0]
    assert "gold.jsonl" in notes[1] and "sources.json" in notes[1] and "index.json" not in notes[1]


def test_an_annotation_file_named_on_the_command_line_is_read(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"id": "g", "text": "上半年,全国规模以上工业增加值同比增长3.8%。"}\n', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(gold)])
    assert result.exit_code == 0 and '"doc": "g"' in result.stdout


@pytest.mark.parametrize("command", [["extract"], ["ingest"]])
def test_an_empty_folder_is_one_line_and_exit_1(tmp_path, command):
    empty = tmp_path / "empty"
    empty.mkdir()
    extra = ["--db", str(tmp_path / "facts.duckdb")] if command == ["ingest"] else []
    result = runner.invoke(app, [*command, str(empty), *extra])
    assert result.exit_code == 1
    assert f"{empty}: no documents in this folder" in result.stderr
