"""Issue 12, item 1: a symlink loop inside an input folder ended the whole run with a traceback and
stored nothing. The folder walk never raises: loops and dangling links are one line each, and the
good documents around them are read and stored."""

import os

import pytest
from typer.testing import CliRunner

import zhibiao
from zhibiao.cli import app
from zhibiao.ingest.read import iter_documents
from zhibiao.models import Document, ReadFailure

runner = CliRunner()
GOOD = {"a-good.txt": "2023年上半年,全国规模以上工业增加值同比增长3.8%。",
        "z-good.txt": "一季度,全国社会消费品零售总额同比增长5.8%。"}


def _folder(tmp_path, link: str):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in GOOD.items():
        (folder / name).write_text(text, encoding="utf-8")
    if link == "self loop":
        os.symlink("m-loop.txt", folder / "m-loop.txt")
    elif link == "two-link loop":
        os.symlink("m-two.txt", folder / "m-one.txt")
        os.symlink("m-one.txt", folder / "m-two.txt")
    elif link == "dangling":
        os.symlink("missing.txt", folder / "m-dangling.txt")
    elif link == "folder loop":
        (folder / "sub").mkdir()
        os.symlink("..", folder / "sub" / "up")
    return folder


LINKS = [("self loop", "symbolic link loop"), ("two-link loop", "symbolic link loop"),
         ("dangling", "no such file or directory"), ("folder loop", None)]


@pytest.mark.parametrize(("link", "reason"), LINKS)
def test_the_walk_reports_a_bad_link_in_one_line_and_reads_the_rest(tmp_path, link, reason):
    items = list(iter_documents([_folder(tmp_path, link)]))
    assert sorted(d.id for d in items if isinstance(d, Document)) == ["a-good", "z-good"]
    failures = [f for f in items if isinstance(f, ReadFailure)]
    if reason is None:  # a link to a folder is not followed: nothing to report, nothing read twice
        assert failures == []
    else:
        assert [f.reason for f in failures] == [reason] * len(failures) and failures


@pytest.mark.parametrize(("link", "reason"), LINKS[:3])
def test_ingest_stores_the_good_documents_beside_a_bad_link(tmp_path, link, reason):
    with zhibiao.open(tmp_path / "facts.duckdb") as store:
        report = store.ingest([_folder(tmp_path, link)])
    assert report.added == 2 and report.facts == 2
    assert len(report.failures) >= 1 and all(f.reason == reason for f in report.failures)


def test_the_command_line_names_the_loop_without_a_traceback(tmp_path):
    result = runner.invoke(app, ["extract", str(_folder(tmp_path, "self loop"))])
    assert result.exit_code == 1
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert "m-loop.txt: symbolic link loop" in result.stderr
    assert result.stdout.count('"doc"') == 2


def test_a_loop_given_as_a_path_is_one_line(tmp_path):
    os.symlink("loop.txt", tmp_path / "loop.txt")
    items = list(iter_documents([tmp_path / "loop.txt"]))
    assert [(type(i), i.reason) for i in items] == [(ReadFailure, "symbolic link loop")]
