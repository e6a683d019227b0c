"""The briefing as Markdown and HTML, through the CLI: footnotes and evidence links, scraped text escaped,
charts drawn as SVG, bad input one line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import zhibiao
from zhibiao.cli import app
from zhibiao.report import build_report
from zhibiao.report.render import to_html, to_markdown

runner = CliRunner()
HOSTILE = ('2025年上半年，全国规模以上工业增加值同比增长6.4%，A&B "q" 1<2 x>y <img src=x onerror=alert(1)> '
           '*注意*[链接](javascript:x)。')


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "h.txt").write_text(HOSTILE, encoding="utf-8")
    (folder / "index.json").write_text(json.dumps([{"id": "h<1>", "file": "h.txt", "date": "2025-07-15",
                                                    "url": "javascript:alert(1)"}]), encoding="utf-8")
    path = folder / "h.duckdb"
    with zhibiao.open(path) as store:
        assert store.ingest([folder]).stored == 1
    return path


def test_render_markdown_escapes_scraped_text(hostile_db):
    with zhibiao.open(hostile_db) as store:
        report = build_report(store, "2025-H1", charts=False)
    quote = report.figures[0].sources[0].quote
    assert "*注意*[链接](javascript:x)" in quote  # the document said it; the footnote must not render it
    markdown = to_markdown(report)
    assert r"\*注意\*\[链接\](javascript:x)" in markdown
    assert "1\\<2 x\\>y" in markdown
    assert "javascript:alert" not in markdown  # not an http(s) address: no link


def test_render_html_escapes_scraped_text(hostile_db):
    with zhibiao.open(hostile_db) as store:
        html = to_html(build_report(store, "2025-H1", charts=False))
    assert "1&lt;2 x&gt;y" in html and "A&amp;B &#34;q&#34;" in html
    assert "<img" not in html and 'href="javascript' not in html
    assert "/evidence/h%3C1%3E/0" in html


def test_render_html_numbers_link_to_evidence_with_quote(briefings):
    report = build_report(briefings, "2025-H1")
    html = to_html(report, evidence_base="http://127.0.0.1:9999/")
    figure = next(f for f in report.figures if f.indicator == "base_stations_5g")
    link = f'href="http://127.0.0.1:9999{figure.link}" data-figure="{figure.n}"'
    assert link in html
    anchor = html[html.index(link):]
    assert "5G基站总数达到455万个" in anchor[:anchor.index("</a>")]  # the quote, shown on hover
    assert html.count("<svg") >= 1 and "规模以上工业增加值同比增速" in html
    assert "<script" not in html and " style=" not in html.split("</style>")[1]


@pytest.mark.parametrize(("fmt", "marker"), [("md", "# 2025年上半年工业经济运行简报"), ("html", "<!doctype html>")])
def test_cli_report_writes_the_file(briefings_db, tmp_path, fmt, marker):
    out = tmp_path / f"report.{fmt}"
    result = runner.invoke(app, ["report", "2025-H1", "--db", str(briefings_db), "--format", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text("utf-8")
    assert text.startswith(marker) and "455万个" in text
    if fmt == "md":
        with zhibiao.open(briefings_db) as store:
            assert text == to_markdown(store.report("2025-H1", charts=False))


def test_cli_report_to_stdout_is_markdown(briefings_db):
    result = runner.invoke(app, ["report", "2023-H1", "--db", str(briefings_db)])
    assert result.exit_code == 0
    assert "同比增长3.8%[^1]" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["report", "2025-H7"], "cannot write a briefing for period '2025-H7'"),
    (["report", "2025-H1", "--format", "docx"], "--format 'docx': expected md, html or pdf"),
    (["report", "2025-H1", "--format", "pdf"], "write --format html and print it"),
    (["report", "2025-H1", "-o", "/nonexistent-dir/r.md"], "/nonexistent-dir/r.md: cannot write"),
])
def test_cli_report_errors_are_one_line(briefings_db, args, message):
    result = runner.invoke(app, [*args, "--db", str(briefings_db)])
    assert result.exit_code == 1
    assert message in " ".join(result.output.split())
    assert "Traceback" not in result.output


def test_cli_report_missing_database(tmp_path):
    result = runner.invoke(app, ["report", "2025-H1", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "no such database" in result.output
