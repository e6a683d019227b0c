"""Streaming inputs: JSON Lines (plain, gzip, zstd), Parquet and WARC, record by record."""

from __future__ import annotations

import gzip
import io
import json
import tracemalloc
from datetime import date, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import zstandard

from zhibiao.ingest.read import iter_documents, read_file
from zhibiao.ingest.stream import PendingHtml, realize
from zhibiao.models import Document, ReadFailure

TEXT = "2024年上半年,全国规模以上工业增加值同比增长6.0%。"
HTML = "<html><head><title>上半年工业</title></head><body><article><p>" + TEXT + "</p></article></body></html>"


def jsonl_bytes(records: list) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in records).encode()


def write_jsonl(path: Path, records: list) -> Path:
    data = jsonl_bytes(records)
    if path.name.endswith(".gz"):
        data = gzip.compress(data)
    elif path.name.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)
    return path


RECORDS = [
    {"id": "a", "text": TEXT, "date": "2024-07-15", "url": "http://x.cn/a", "title": "甲"},
    "",
    "{not json",
    {"text": "出口增长3.1%"},
    {"id": "h", "html": HTML},
    {"id": "e", "text": "  "},
]


def summary(items) -> list[tuple[str, str]]:
    return [(item.source.rsplit(":", 1)[1], item.id if not isinstance(item, ReadFailure) else item.reason)
            for item in items]


@pytest.mark.parametrize("name", ["docs.jsonl", "docs.jsonl.gz", "docs.jsonl.zst"])
def test_jsonl_streams_give_the_same_documents_and_failures(tmp_path: Path, name: str) -> None:
    path = write_jsonl(tmp_path / name, RECORDS)
    items = list(iter_documents([path]))
    got = summary(items)
    assert got[0] == ("1", "a")
    assert got[1][0] == "3" and got[1][1].startswith("invalid JSON")
    assert got[2:] == [("4", "docs:4"), ("5", "h"), ("6", 'empty "text"')]
    first = items[0]
    assert (first.text, first.date, first.url, first.title, first.source) == (
        TEXT, date(2024, 7, 15), "http://x.cn/a", "甲", f"{path}:1")
    assert items[3].format == "html" and items[3].title == "上半年工业"


def test_jsonl_stream_in_gb18030_and_with_a_bom(tmp_path: Path) -> None:
    path = tmp_path / "gbk.jsonl"
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps({"id": "u", "text": TEXT}, ensure_ascii=False).encode() + b"\n"
                     + json.dumps({"id": "g", "text": TEXT}, ensure_ascii=False).encode("gb18030") + b"\r\n")
    assert [(d.id, d.text) for d in iter_documents([path])] == [("u", TEXT), ("g", TEXT)]


def test_jsonl_utf16_file_is_still_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "wide.jsonl"
    path.write_bytes(json.dumps({"id": "w", "text": TEXT}, ensure_ascii=False).encode("utf-16"))
    [doc] = iter_documents([path])
    assert (doc.id, doc.text) == ("w", TEXT)


def test_truncated_gzip_reports_the_record_and_keeps_what_came_before(tmp_path: Path) -> None:
    data = gzip.compress(jsonl_bytes([{"id": str(i), "text": TEXT * 20} for i in range(200)]))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = list(iter_documents([path, write_jsonl(tmp_path / "next.jsonl", [{"id": "after", "text": TEXT}])]))
    docs = [i for i in items if isinstance(i, Document)]
    [failure] = [i for i in items if isinstance(i, ReadFailure)]
    assert failure.source == f"{path}:{len(docs)}"  # the record after the last whole one
    assert failure.reason.startswith("corrupt compressed data")
    assert docs[-1].id == "after" and 0 < len(docs) - 1 < 200


def test_not_gzip_at_all(tmp_path: Path) -> None:
    path = tmp_path / "fake.jsonl.gz"
    path.write_bytes(b'{"id": "x", "text": "y"}\n')
    [failure] = iter_documents([path])
    assert failure.source == f"{path}:1" and failure.reason.startswith("corrupt compressed data")


@pytest.mark.parametrize("name", ["empty.jsonl.gz", "empty.jsonl.zst"])
def test_empty_stream(tmp_path: Path, name: str) -> None:
    path = write_jsonl(tmp_path / name, ["", " "])
    assert list(iter_documents([path])) == [ReadFailure(str(path), "empty file")]


def test_folder_walk_takes_stream_files(tmp_path: Path) -> None:
    write_jsonl(tmp_path / "a.jsonl.gz", [{"id": "a1", "text": TEXT}])
    write_jsonl(tmp_path / "b.jsonl.zst", [{"id": "b1", "text": TEXT}])
    pq.write_table(pa.table({"id": ["c1"], "text": [TEXT]}), tmp_path / "c.parquet")
    (tmp_path / "d.gz").write_bytes(gzip.compress(b"x"))  # not a known stream: not walked
    assert [d.id for d in iter_documents([tmp_path])] == ["a1", "b1", "c1"]
    [failure] = iter_documents([tmp_path / "d.gz"])
    assert failure.reason == "unsupported file type .gz"


def test_default_ids_drop_the_stream_suffix(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "2024-07.jsonl.gz", [{"text": TEXT}])
    [doc] = iter_documents([path])
    assert doc.id == "2024-07:1"


# ---------------------------------------------------------------------------------------------
# Parquet


def test_parquet_rows_with_optional_columns(tmp_path: Path) -> None:
    path = tmp_path / "corpus.parquet"
    table = pa.table({
        "id": ["p1", None, "p3", "p4"],
        "text": [TEXT, TEXT, " ", None],
        "html": [None, None, None, HTML],
        "date": pa.array([date(2024, 7, 15), None, None, None], pa.date32()),
        "url": ["http://x.cn/1", None, None, None],
        "title": ["甲", None, None, None],
    })
    pq.write_table(table, path, row_group_size=2)
    items = list(iter_documents([path]))
    assert summary(items) == [("1", "p1"), ("2", "corpus:2"), ("3", 'empty "text"'), ("4", "p4")]
    assert (items[0].date, items[0].url, items[0].title) == (date(2024, 7, 15), "http://x.cn/1", "甲")
    assert items[3].format == "html" and items[3].text == TEXT


def test_parquet_dates_as_strings_or_timestamps_and_integer_ids(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"id": [7, 8], "text": [TEXT, TEXT],
                             "date": [datetime(2024, 7, 15, 10, 30), datetime(2024, 1, 2)]}), path)
    assert [(d.id, d.date) for d in iter_documents([path])] == [("7", date(2024, 7, 15)), ("8", date(2024, 1, 2))]
    pq.write_table(pa.table({"text": [TEXT], "date": ["2024-13-01"]}), path)
    [failure] = iter_documents([path])
    assert (failure.source, failure.reason) == (f"{path}:1", "bad date '2024-13-01' (expected YYYY-MM-DD)")


def test_parquet_without_a_text_column_or_not_parquet(tmp_path: Path) -> None:
    path = tmp_path / "n.parquet"
    pq.write_table(pa.table({"body": [TEXT]}), path)
    assert list(iter_documents([path])) == [ReadFailure(str(path), 'no "text" or "html" column')]
    path.write_bytes(b"PAR1 not really")
    [failure] = iter_documents([path])
    assert failure.source == str(path) and failure.reason.startswith("not a readable Parquet file")


# ---------------------------------------------------------------------------------------------
# WARC


def warc_file(path: Path, records: list[tuple[str, str, bytes, str | None]], *, gz: bool) -> Path:
    """records: (kind, content type, body, status) with kind response/request/warcinfo."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for n, (kind, content_type, body, status) in enumerate(records):
            url = f"http://news.example.cn/{n}.html"
            if kind == "warcinfo":
                writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
                continue
            headers = StatusAndHeaders(status or "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            if kind == "request":
                headers = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.cn")], is_http_request=True)
            record = writer.create_warc_record(url, kind, payload=io.BytesIO(body), http_headers=headers,
                                               warc_headers_dict={"WARC-Date": "2024-07-20T08:00:00Z"})
            writer.write_record(record)
    return path


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_warc_response_records_become_documents(tmp_path: Path, name: str) -> None:
    page_gbk = ("<html><head><title>工业</title></head><body><article><p>" + TEXT.replace("2024年上半年", "上半年")
                + "</p></article></body></html>")
    path = warc_file(tmp_path / name, [
        ("warcinfo", "", b"", None),
        ("request", "", b"", None),
        ("response", "text/html; charset=gbk", page_gbk.encode("gbk"), None),
        ("response", "image/png", b"\x89PNG....", None),
        ("response", "text/html", b"<html><body>gone</body></html>", "404 Not Found"),
        ("response", "text/html", b"<html><head><script>x()</script></head><body></body></html>", None),
        ("response", "text/html", HTML.encode("utf-8"), None),
        ("response", "text/plain; charset=utf-8", TEXT.encode("utf-8"), None),
    ], gz=name.endswith(".gz"))
    items = list(iter_documents([path]))
    assert [i.source.rsplit(":", 1)[1] for i in items] == ["3", "6", "7", "8"]
    gbk, failure, utf8, plain = items
    assert isinstance(failure, ReadFailure) and failure.reason == "no text found in HTML"
    assert gbk.text.startswith("上半年,全国规模以上工业增加值") and gbk.url == "http://news.example.cn/2.html"
    assert gbk.date == date(2024, 7, 20)  # no date in the page or text: the crawl date, as a last resort
    assert utf8.date == date(2024, 7, 20)
    assert plain.format == "txt" and plain.text == TEXT
    assert len({gbk.id, utf8.id, plain.id}) == 3  # WARC-Record-IDs


def test_warc_date_ranks_below_the_command_line_date(tmp_path: Path) -> None:
    body = b"<p>" + "上半年工业增长6%".encode() + b"</p>"
    path = warc_file(tmp_path / "c.warc", [("response", "text/html", body, None)], gz=False)
    [doc] = iter_documents([path], default_date=date(2024, 7, 16))
    assert doc.date == date(2024, 7, 16)


def test_broken_warc_is_reported_once(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(b"this is not a warc file\r\n\r\n")
    [failure] = iter_documents([path])
    assert failure.source.startswith(str(path)) and "WARC" in failure.reason


# ---------------------------------------------------------------------------------------------
# Deferred HTML, constant memory


def test_deferred_html_realizes_to_the_same_document(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "h.jsonl.gz",
                       [{"id": "h", "html": HTML, "date": "2024-07-15"}, {"id": "t", "text": TEXT}])
    eager = list(iter_documents([path]))
    lazy = list(iter_documents([path], defer_html=True))
    assert isinstance(lazy[0], PendingHtml) and isinstance(lazy[1], Document)
    assert realize(lazy[0]) == eager[0]
    assert read_file(path) == eager


def _peak_while_iterating(path: Path) -> tuple[int, int]:
    tracemalloc.start()
    try:
        count = sum(1 for _ in iter_documents([path]))
        return count, tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.slow  # 21 MB streamed
def test_iterating_a_large_stream_holds_one_record_at_a_time(tmp_path: Path) -> None:
    body = TEXT * 100  # ~ 7 kB of UTF-8 per record
    records = [{"id": f"r{i}", "text": body} for i in range(3000)]  # ~ 21 MB of text
    path = write_jsonl(tmp_path / "big.jsonl.gz", records)
    count, peak = _peak_while_iterating(path)
    assert count == 3000
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while streaming ~21 MB"


@pytest.mark.slow  # 21 MB streamed
def test_iterating_a_large_parquet_file_holds_one_batch_at_a_time(tmp_path: Path) -> None:
    body = TEXT * 100
    path = tmp_path / "big.parquet"
    with pq.ParquetWriter(path, pa.schema([("id", pa.string()), ("text", pa.string())])) as writer:
        for start in range(0, 3000, 500):
            writer.write_table(pa.table({"id": [f"r{i}" for i in range(start, start + 500)], "text": [body] * 500}))
    count, peak = _peak_while_iterating(path)
    assert count == 3000
    assert peak < 12 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB while streaming ~21 MB"
