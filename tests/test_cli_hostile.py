"""The CLI over the hostile corpus: rich markup and terminal escapes in ids, subjects and quotes are shown
as text, never interpreted; CSV exports neutralise formula cells."""

import csv
import io

import pytest
from typer.testing import CliRunner

from zhibiao.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", [
    ["facts", "--indicator", "industrial_value_added"],
    ["facts", "--doc", "ids/with space & ?query#frag"],
    ["series", "industrial_value_added", "--measure", "growth", "--period-type", "H"],
    ["series", "[red]焦炭产量[/red]"],
    ["indicators", "--unlinked", "30"],
])
def test_cli_tables_show_hostile_text_as_written(hostile_db, command):
    result = runner.invoke(app, [*command, "--db", str(hostile_db)], env={"COLUMNS": "400"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "\x1b" not in out and "\x07" not in out  # no escape sequence reaches the terminal
    if "--doc" in command or "[red]" in command[1]:
        assert "[red]焦炭产量[/red]" in out  # markup shown, not applied
    if command[0] == "facts" and "--indicator" in command:
        assert "ctl\\x07\\x1b[31mred" in out  # the control characters spelt out
        assert "[bold red]2018" in out


def test_cli_errors_name_hostile_input_as_text(hostile_db):
    result = runner.invoke(app, ["series", "[red]没有[/red]\x1b[2J", "--db", str(hostile_db)])
    assert "\x1b" not in result.stderr + result.stdout


@pytest.mark.parametrize("args", [["--indicator", "industrial_value_added"], ["--series", "industrial_value_added"]])
def test_cli_csv_export_neutralises_formula_cells(hostile_db, args):
    result = runner.invoke(app, ["export", "--format", "csv", *args, "--db", str(hostile_db)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    cells = [v for r in rows for k, v in r.items() if k not in ("value", "value_max", "seq", "stories", "copies",
                                                                 "span_start", "span_end", "story")]
    assert not any(c.startswith(("=", "+", "-", "@", "\t", "\r")) for c in cells)
    quotes = {r["quote"] for r in rows}
    assert any(q.startswith("'=HYPERLINK") for q in quotes) and any(q.startswith("'@SUM") for q in quotes)
    assert any(float(r["value"]) < 0 for r in rows)  # numbers stay numbers (-1.4 in 2020)
