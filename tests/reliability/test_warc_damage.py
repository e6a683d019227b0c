"""Issue 12, item 5: a WARC record with a wrong Content-Length silently lost the records after it
(exit 0, no message), and a corrupt .warc.gz printed warcio's raw bytes. Damage is now reported with
what was lost, warcio's own warnings are kept off the terminal, and the records around it are read."""

import gzip

import pytest
from typer.testing import CliRunner

from zhibiao.cli import app
from zhibiao.ingest.read import iter_documents
from zhibiao.models import ReadFailure

runner = CliRunner()
PAGE = "<html><body><p>上半年,全国规模以上工业增加值同比增长{}%。</p></body></html>"


def _record(number: int, growth: str, length_error: int = 0) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + PAGE.format(growth).encode()
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:r{number}>\r\n"
            f"WARC-Target-URI: http://example.com/{number}\r\nWARC-Date: 2024-07-16T00:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\n"
            f"Content-Length: {len(http) + length_error}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def _crawl(error_of_second) -> bytes:
    third = _record(3, "4.0")
    error = len(third) if error_of_second == "the next record" else error_of_second
    return _record(1, "6.0") + _record(2, "5.0", error) + third + _record(4, "3.0")


CASES = [
    # (error in the second record's Content-Length, ids read, what the report says)
    ("the next record", ["r1", "r2", "r4"], "runs over the next record header"),
    (100_000, ["r1", "r2"], "past the end of the file"),
    (-10, ["r1", "r2", "r3", "r4"], "does not match the record"),
    (10, ["r1", "r2"], "the rest of the file was skipped"),
]


@pytest.mark.parametrize(("error", "ids", "reported"), CASES)
def test_a_wrong_content_length_is_reported_with_what_was_lost(tmp_path, error, ids, reported):
    crawl = tmp_path / "crawl.warc"
    crawl.write_bytes(_crawl(error))
    items = list(iter_documents([crawl]))
    assert [i.id for i in items if not isinstance(i, ReadFailure)] == ids
    failures = [i for i in items if isinstance(i, ReadFailure)]
    assert failures and any(reported in f.reason for f in failures)


def test_the_command_line_says_it_and_exits_1_without_warcio_noise(tmp_path):
    crawl = tmp_path / "crawl.warc"
    crawl.write_bytes(_crawl(-10))
    result = runner.invoke(app, ["extract", str(crawl)])
    assert result.exit_code == 1
    assert "crawl.warc:2: its Content-Length does not match" in result.stderr
    assert "Remainder" not in result.stderr and "WARNING" not in result.stderr


def test_a_corrupt_gzip_member_says_the_rest_was_skipped(tmp_path):
    crawl = tmp_path / "crawl.warc.gz"
    good = gzip.compress(_record(1, "6.0"))
    broken = bytearray(gzip.compress(_record(2, "5.0")))
    broken[20:40] = b"\xff" * 20
    crawl.write_bytes(good + bytes(broken) + gzip.compress(_record(3, "4.0")))
    result = runner.invoke(app, ["extract", str(crawl)])
    assert result.exit_code == 1
    assert result.stdout.count('"doc": "r1"') == 1
    assert "the rest of the file was skipped" in result.stderr
    assert all(line.isprintable() for line in result.stderr.splitlines())
