"""Reading stage: encodings, formats, folders, index files, dates and bad input."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from zhibiao.errors import InputError
from zhibiao.ingest.read import decode_bytes, iter_documents, read_file
from zhibiao.models import Document, ReadFailure

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus"

SIMPLIFIED = "上半年规模以上工业增加值同比增长6.4%，比一季度加快0.3个百分点。"
TRADITIONAL = "上半年規模以上工業增加值同比增長6.4%，比一季度加快0.3個百分點。"


def write(path: Path, content: str | bytes) -> Path:
    """Write text as UTF-8 (or bytes as given), creating folders."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    return path


def failures(items: list) -> list[ReadFailure]:
    return [item for item in items if isinstance(item, ReadFailure)]


def documents(items: list) -> list[Document]:
    return [item for item in items if isinstance(item, Document)]


# ---------------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize(
    ("text", "data"),
    [
        (SIMPLIFIED, SIMPLIFIED.encode("utf-8")),
        (SIMPLIFIED, SIMPLIFIED.encode("utf-8-sig")),
        (SIMPLIFIED, SIMPLIFIED.encode("gbk")),
        (SIMPLIFIED, SIMPLIFIED.encode("gb2312")),
        ("全国居民消费价格同比上涨0.2%", "全国居民消费价格同比上涨0.2%".encode("gbk")),
        ("€和𠀀", "€和𠀀".encode("gb18030")),  # four-byte GB18030 sequences
        (TRADITIONAL, TRADITIONAL.encode("big5")),
        ("國家統計局：3月PMI為50.5%", "國家統計局：3月PMI為50.5%".encode("big5")),
        (TRADITIONAL, TRADITIONAL.encode("gbk")),  # traditional characters in GBK stay GBK
        (SIMPLIFIED, SIMPLIFIED.encode("utf-16")),  # with BOM, native order
        (SIMPLIFIED, b"\xff\xfe" + SIMPLIFIED.encode("utf-16-le")),
        (SIMPLIFIED, b"\xfe\xff" + SIMPLIFIED.encode("utf-16-be")),
        ("GDP growth 5.2%", b"GDP growth 5.2%"),
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "gbk",
        "gb2312",
        "gbk-2",
        "gb18030-4byte",
        "big5",
        "big5-2",
        "gbk-traditional",
        "utf16",
        "utf16le-bom",
        "utf16be-bom",
        "ascii",
    ],
)
def test_decode_bytes_detects_encoding(text: str, data: bytes) -> None:
    assert decode_bytes(data, "x.txt") == text


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file, not text"),
        (SIMPLIFIED.encode("utf-8") + b"\x00\x01\x02", "binary file, not text"),
        (bytes(range(1, 32)) * 20, "binary file, not text"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file, not text"),
        (SIMPLIFIED.encode("utf-16-le"), "binary file, not text"),  # UTF-16 without BOM: NUL bytes
        (b"\x81\x20" * 50, "cannot decode text"),
        (b"\xff\xfe\x00\xd8", "cannot decode text"),  # BOM followed by a lone surrogate
    ],
)
def test_decode_bytes_rejects_non_text(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as caught:
        decode_bytes(data, "bad.txt")
    assert caught.value.source == "bad.txt"
    assert caught.value.reason.startswith(reason)
    assert "\n" not in str(caught.value)


def test_decode_bytes_tolerates_a_few_corrupt_bytes() -> None:
    """A UTF-8 file cut in the middle of a character is UTF-8, not GB18030 mojibake."""
    data = (SIMPLIFIED * 20).encode("utf-8")[:-1]
    text = decode_bytes(data, "cut.txt")
    assert text.startswith(SIMPLIFIED)
    assert text.count("\ufffd") == 1


# ---------------------------------------------------------------------------------------------
# Text files


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("第一行\r\n第二行\r\n", "第一行\n第二行\n"),
        ("第一行\r第二行", "第一行\n第二行"),
        ("第一行\n\n第二行", "第一行\n\n第二行"),
    ],
)
def test_txt_newlines_are_normalised(tmp_path: Path, raw: str, expected: str) -> None:
    [doc] = read_file(write(tmp_path / "a.txt", raw))
    assert doc.text == expected
    assert (doc.id, doc.format, doc.source) == ("a", "txt", str(tmp_path / "a.txt"))


def test_read_file_overrides(tmp_path: Path) -> None:
    path = write(tmp_path / "a.txt", "发布时间:2020-01-02\n" + SIMPLIFIED)
    [doc] = read_file(path, doc_id="doc-1", date=date(2024, 7, 15), url="http://example.cn/a")
    assert (doc.id, doc.date, doc.url) == ("doc-1", date(2024, 7, 15), "http://example.cn/a")
    [doc] = read_file(path)
    assert (doc.id, doc.date, doc.url) == ("a", date(2020, 1, 2), None)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b" \r\n\t\n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary file, not text"),
        ("garbled.txt", b"\x81\x20" * 50, "cannot decode text"),
        ("empty.jsonl", b"\n\n", "empty file"),
        (
            "script.html",
            b"<html><head><script>var a = 1;</script></head><body></body></html>",
            "no text found in HTML",
        ),
        ("blank.html", b"   \n", "empty file"),
        ("report.pdf", b"%PDF-1.7", "unsupported file type .pdf"),
        ("README", b"text", "unsupported file type (no extension)"),
    ],
)
def test_bad_files_give_one_line_reasons(tmp_path: Path, name: str, content: bytes, reason: str) -> None:
    path = write(tmp_path / name, content)
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert caught.value.reason.startswith(reason)
    assert str(caught.value) == f"{path}: {caught.value.reason}"
    [failure] = list(iter_documents([path]))
    assert isinstance(failure, ReadFailure)
    assert failure.source == str(path)
    assert failure.reason.startswith(reason)


def test_missing_path(tmp_path: Path) -> None:
    [failure] = list(iter_documents([tmp_path / "nope.txt"]))
    assert failure == ReadFailure(str(tmp_path / "nope.txt"), "no such file or directory")
    with pytest.raises(InputError, match="no such file or directory"):
        read_file(tmp_path / "nope.txt")


def test_too_large_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: costs no disk
        handle.truncate(65 * 1024 * 1024)
    [failure] = list(iter_documents([path]))
    assert failure == ReadFailure(str(path), "file too large (65 MB > 64 MB)")


@pytest.mark.slow  # 50 MB read
def test_fifty_megabyte_text_file_is_read(tmp_path: Path) -> None:
    line = SIMPLIFIED + "\n"
    count = 50 * 1024 * 1024 // len(line.encode("utf-8"))
    path = write(tmp_path / "big.txt", line * count)
    [doc] = read_file(path)
    assert len(doc.text) == len(line) * count
    assert doc.text.endswith(line)


# ---------------------------------------------------------------------------------------------
# HTML


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


def test_html_table_rows_are_lines_with_cells_separated(tmp_path: Path) -> None:
    html = page(
        f"<article><h1>上半年工业经济</h1><p>{SIMPLIFIED}</p>"
        "<table><tr><th>指标</th><th>增速(%)</th></tr>"
        "<tr><td>工业增加值</td><td>6.4</td></tr>"
        "<tr><td>出口交货值</td><td>3.1</td></tr></table>"
        "<p>制造业投资增长9.5%。</p></article>"
    )
    [doc] = read_file(write(tmp_path / "t.html", html))
    lines = doc.text.split("\n")
    assert "指标 | 增速(%)" in lines
    assert "工业增加值 | 6.4" in lines
    assert "出口交货值 | 3.1" in lines
    assert "---" not in doc.text
    assert SIMPLIFIED in lines
    assert doc.format == "html"


def test_malformed_html_still_yields_text(tmp_path: Path) -> None:
    html = f"<html><body><div><p>{SIMPLIFIED}<p>出口增长3.1%<div><b>进口下降2.3%"
    [doc] = read_file(write(tmp_path / "broken.htm", html))
    for sentence in (SIMPLIFIED, "出口增长3.1%", "进口下降2.3%"):
        assert sentence in doc.text


def test_html_metadata(tmp_path: Path) -> None:
    head = (
        "<meta charset='utf-8'><title>统计公报</title>"
        "<meta property='article:published_time' content='2024-06-24T10:00:00+08:00'>"
        "<link rel='canonical' href='http://www.example.cn/a.html'>"
    )
    [doc] = read_file(write(tmp_path / "m.html", page(f"<p>{SIMPLIFIED}</p>", head)))
    assert (doc.title, doc.date, doc.url) == ("统计公报", date(2024, 6, 24), "http://www.example.cn/a.html")


def test_html_without_metadata_date_uses_the_byline(tmp_path: Path) -> None:
    html = page(f"<p>发布时间：2023年07月20日</p><p>{SIMPLIFIED}</p>")
    [doc] = read_file(write(tmp_path / "b.html", html))
    assert doc.date == date(2023, 7, 20)


@pytest.mark.parametrize(
    ("text", "encoding", "head"),
    [
        (SIMPLIFIED, "gbk", '<meta charset="gb2312">'),
        (SIMPLIFIED, "gbk", '<meta http-equiv="Content-Type" content="text/html; charset=GBK">'),
        (TRADITIONAL, "big5", '<meta http-equiv="Content-Type" content="text/html; charset=big5">'),
        (SIMPLIFIED, "utf-8", '<meta charset="gbk">'),  # the declaration lies: valid UTF-8 wins
        (SIMPLIFIED, "gbk", '<meta charset="utf-8">'),  # the declaration lies: detection decides
        (TRADITIONAL, "big5", ""),
        (SIMPLIFIED, "utf-16", ""),
    ],
)
def test_html_encodings(tmp_path: Path, text: str, encoding: str, head: str) -> None:
    data = page(f"<p>{text}</p>", head).encode(encoding)
    [doc] = read_file(write(tmp_path / "e.html", data))
    assert text in doc.text


@pytest.mark.parametrize("failure", ["none", "raise"])
def test_html_falls_back_to_visible_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    """When trafilatura finds nothing (or breaks), every visible line is kept."""
    import trafilatura

    def fake(*args: object, **kwargs: object) -> None:
        if failure == "raise":
            raise RuntimeError("boom")
        return None

    monkeypatch.setattr(trafilatura, "bare_extraction", fake)
    html = page(
        f"<div>{SIMPLIFIED}</div><script>var x = '不要';</script><p>出口增长3.1%</p>", "<title> 快讯 </title>"
    )
    [doc] = read_file(write(tmp_path / "f.html", html))
    assert doc.text == f"{SIMPLIFIED}\n出口增长3.1%"
    assert doc.title == "快讯"


def test_html_with_xml_declaration(tmp_path: Path) -> None:
    data = ('<?xml version="1.0" encoding="gb2312"?>' + page(f"<p>{SIMPLIFIED}</p>")).encode("gbk")
    [doc] = read_file(write(tmp_path / "x.html", data))
    assert SIMPLIFIED in doc.text


# ---------------------------------------------------------------------------------------------
# JSON Lines


def test_jsonl_bad_lines_are_reported_and_the_rest_read(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {"id": "a", "text": SIMPLIFIED, "date": "2024-07-15", "url": "http://x.cn/a", "title": "甲"}
        ),
        "",
        "{not json",
        json.dumps({"id": "c"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"text": "出口增长3.1%"}),
        json.dumps({"id": "g", "text": "进口下降2.3%", "date": "2024-13-01"}),
        json.dumps({"id": "h", "html": page("<p>固定资产投资增长3.9%</p>")}),
        json.dumps({"id": "i", "text": 42}),
        json.dumps({"id": "j", "text": "第一段\u2028仍是第一行\r\n第二行"}),
    ]
    path = write(tmp_path / "docs.jsonl", "\n".join(lines) + "\n")
    items = list(iter_documents([path]))
    summary = [
        (item.source.rsplit(":", 1)[1], item.id if isinstance(item, Document) else item.reason)
        for item in items
    ]
    assert summary == [
        ("1", "a"),
        ("3", summary[1][1]),
        ("4", 'missing "text" or "html"'),
        ("5", "expected a JSON object"),
        ("6", "docs:6"),
        ("7", "bad date '2024-13-01' (expected YYYY-MM-DD)"),
        ("8", "h"),
        ("9", '"text" must be a string'),
        ("10", "j"),
    ]
    assert summary[1][1].startswith("invalid JSON")
    assert str(items[1]).startswith(f"{path}:3: invalid JSON")
    first, html_doc, last = documents(items)[0], documents(items)[2], documents(items)[-1]
    assert (first.text, first.date, first.url, first.title, first.format) == (
        SIMPLIFIED,
        date(2024, 7, 15),
        "http://x.cn/a",
        "甲",
        "txt",
    )
    assert (html_doc.text, html_doc.format) == ("固定资产投资增长3.9%", "html")
    assert last.text == "第一段\u2028仍是第一行\n第二行"


def test_read_file_jsonl_raises_on_a_bad_line(tmp_path: Path) -> None:
    path = write(tmp_path / "d.jsonl", json.dumps({"id": "a", "text": SIMPLIFIED}) + "\n{oops\n")
    with pytest.raises(InputError) as caught:
        read_file(path)
    assert caught.value.source == f"{path}:2"
    [doc] = read_file(write(tmp_path / "ok.jsonl", json.dumps({"id": "a", "text": SIMPLIFIED})))
    assert doc.id == "a"


# ---------------------------------------------------------------------------------------------
# Folders, index files, ids


def test_directory_walk_order_and_skips(tmp_path: Path) -> None:
    for name in ["b.txt", "a.txt", "sub/c.htm", "sub/deeper/d.txt", "z.html", "y.JSONL"]:
        content = page(f"<p>{SIMPLIFIED}</p>") if name.endswith(("htm", "html")) else SIMPLIFIED
        if name.endswith("JSONL"):
            content = (
                json.dumps({"id": "y1", "text": SIMPLIFIED})
                + "\n"
                + json.dumps({"id": "y2", "text": SIMPLIFIED})
            )
        write(tmp_path / name, content)
    for skipped in [".hidden.txt", ".git/e.txt", "gold.jsonl", "sources.json", "notes.md", "data.csv"]:
        write(tmp_path / skipped, SIMPLIFIED)
    items = list(iter_documents([tmp_path]))
    assert [item.id for item in items] == ["a", "b", "c", "d", "y1", "y2", "z"]
    assert not failures(items)
    assert list(iter_documents([tmp_path])) == items  # deterministic


def test_paths_keep_argument_order_and_are_read_once(tmp_path: Path) -> None:
    a, b = write(tmp_path / "a.txt", SIMPLIFIED), write(tmp_path / "b.txt", SIMPLIFIED)
    items = list(iter_documents([b, a, tmp_path, b]))
    assert [item.id for item in items] == ["b", "a"]


def test_index_supplies_ids_and_dates_and_reports_missing_files(tmp_path: Path) -> None:
    write(tmp_path / "d001.txt", SIMPLIFIED)
    write(tmp_path / "extra.txt", SIMPLIFIED)
    index = [
        {"id": "doc-1", "file": "d001.txt", "date": "2025-03-31", "url": "http://x.cn/1"},
        {"id": "doc-2", "file": "missing.txt", "date": "2025-04-01"},
    ]
    write(tmp_path / "index.json", json.dumps(index))
    items = list(iter_documents([tmp_path]))
    assert failures(items) == [ReadFailure(str(tmp_path / "missing.txt"), "listed in index.json but missing")]
    got = [(doc.id, doc.date, doc.url) for doc in documents(items)]
    assert got == [("doc-1", date(2025, 3, 31), "http://x.cn/1"), ("extra", None, None)]


def test_index_next_to_a_single_file_is_used(tmp_path: Path) -> None:
    path = write(tmp_path / "d001.txt", SIMPLIFIED)
    write(
        tmp_path / "index.json",
        json.dumps(
            [{"id": "doc-1", "file": "d001.txt", "date": "2025-03-31"}, {"id": "doc-2", "file": "gone.txt"}]
        ),
    )
    [doc] = list(iter_documents([path]))  # the other entries are not this run's business
    assert (doc.id, doc.date) == ("doc-1", date(2025, 3, 31))


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("[{oops", "malformed index, ignored: invalid JSON"),
        ('{"id": "a"}', "malformed index, ignored: expected a JSON list of entries"),
        ('[{"id": "a"}]', 'malformed index, ignored: entry 1 has no "file"'),
        (
            '[{"id": "a", "file": "a.txt", "date": "31/03/2025"}]',
            "malformed index, ignored: entry 1: bad date",
        ),
        ('["a.txt"]', "malformed index, ignored: entry 1 is not an object"),
    ],
)
def test_malformed_index_is_reported_and_ignored(tmp_path: Path, content: str, reason: str) -> None:
    write(tmp_path / "a.txt", SIMPLIFIED)
    write(tmp_path / "index.json", content)
    items = list(iter_documents([tmp_path]))
    [failure] = failures(items)
    assert failure.source == str(tmp_path / "index.json")
    assert failure.reason.startswith(reason)
    assert [doc.id for doc in documents(items)] == ["a"]


def test_explicit_index_overrides_folder_index(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    write(folder / "a.txt", SIMPLIFIED)
    write(folder / "index.json", json.dumps([{"id": "from-folder", "file": "a.txt", "date": "2020-01-01"}]))
    other = write(
        tmp_path / "meta" / "my-index.json",
        json.dumps(
            [
                {"id": "from-explicit", "file": "../docs/a.txt", "date": "2021-02-03"},
                {"id": "ghost", "file": "../docs/ghost.txt"},
            ]
        ),
    )
    items = list(iter_documents([folder], index=other))
    assert [(doc.id, doc.date) for doc in documents(items)] == [("from-explicit", date(2021, 2, 3))]
    [failure] = failures(items)
    assert failure.reason == "listed in my-index.json but missing"
    assert failure.source.endswith("ghost.txt")


def test_duplicate_ids_are_reported(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", SIMPLIFIED)
    write(tmp_path / "a.html", page(f"<p>{SIMPLIFIED}</p>"))
    items = list(iter_documents([tmp_path]))
    assert [type(item) for item in items] == [Document, ReadFailure]
    assert items[1].reason.startswith("duplicate document id 'a'")


def test_iter_documents_never_raises(tmp_path: Path) -> None:
    write(tmp_path / "bin.txt", b"\x00\x01\x02\x03")
    write(tmp_path / "empty.htm", b"")
    write(tmp_path / "ok.txt", SIMPLIFIED)
    unreadable = write(tmp_path / "locked.txt", SIMPLIFIED)
    os.chmod(unreadable, 0)
    try:
        items = list(
            iter_documents([tmp_path, tmp_path / "x.xyz", tmp_path / "none"], index=tmp_path / "no.json")
        )
    finally:
        os.chmod(unreadable, 0o644)
    assert [doc.id for doc in documents(items)] == (["locked", "ok"] if os.geteuid() == 0 else ["ok"])
    reasons = {Path(f.source).name: f.reason for f in failures(items)}
    assert reasons["no.json"].startswith("malformed index, ignored: no such file")
    assert reasons["bin.txt"] == "binary file, not text"
    assert reasons["empty.htm"] == "empty file"
    assert reasons["none"] == "no such file or directory"
    assert "x.xyz" in reasons


# ---------------------------------------------------------------------------------------------
# Date precedence: index > jsonl field > HTML metadata > --date > date in the text


INDEX_DATE, LINE_DATE, PAGE_DATE, CLI_DATE, TEXT_DATE = (date(2020, 1, d) for d in range(1, 6))
HEAD = "<title>t</title><meta name='date' content='2020-01-03'>"
BODY = f"<p>发布时间:2020-01-05</p><p>{SIMPLIFIED}</p>"


@pytest.mark.parametrize(
    ("with_index", "line_date", "page_head", "cli_date", "expected"),
    [
        (True, "2020-01-02", HEAD, CLI_DATE, INDEX_DATE),
        (False, "2020-01-02", HEAD, CLI_DATE, LINE_DATE),
        (False, None, HEAD, CLI_DATE, PAGE_DATE),
        (False, None, "", CLI_DATE, CLI_DATE),
        (False, None, "", None, TEXT_DATE),
    ],
)
def test_date_precedence_jsonl(
    tmp_path: Path,
    with_index: bool,
    line_date: str | None,
    page_head: str,
    cli_date: date | None,
    expected: date,
) -> None:
    record = {"id": "a", "html": page(BODY, page_head), "date": line_date}
    write(tmp_path / "a.jsonl", json.dumps(record))
    if with_index:
        write(
            tmp_path / "index.json", json.dumps([{"id": "ignored", "file": "a.jsonl", "date": "2020-01-01"}])
        )
    [doc] = list(iter_documents([tmp_path], default_date=cli_date))
    assert (doc.id, doc.date) == ("a", expected)


@pytest.mark.parametrize(
    ("name", "head", "with_index", "cli_date", "expected"),
    [
        ("a.html", HEAD, True, CLI_DATE, INDEX_DATE),
        ("a.html", HEAD, False, CLI_DATE, PAGE_DATE),
        ("a.html", "", False, CLI_DATE, CLI_DATE),  # a byline in the body is only an in-text date
        ("a.html", "", False, None, TEXT_DATE),
        ("a.txt", "", True, CLI_DATE, INDEX_DATE),
        ("a.txt", "", False, CLI_DATE, CLI_DATE),
        ("a.txt", "", False, None, TEXT_DATE),
    ],
)
def test_date_precedence_files(
    tmp_path: Path, name: str, head: str, with_index: bool, cli_date: date | None, expected: date
) -> None:
    content = page(BODY, head) if name.endswith(".html") else f"发布时间:2020-01-05\n{SIMPLIFIED}"
    write(tmp_path / name, content)
    if with_index:
        write(tmp_path / "index.json", json.dumps([{"id": "x", "file": name, "date": "2020-01-01"}]))
    [doc] = list(iter_documents([tmp_path], default_date=cli_date))
    assert doc.date == expected


# ---------------------------------------------------------------------------------------------
# The shared corpus


@pytest.mark.parametrize(("folder", "count"), [("dev2", 17), ("dev", 2)])
def test_real_corpus(folder: str, count: int) -> None:
    root = CORPUS / folder
    if not (root / "index.json").is_file():
        pytest.skip(f"corpus not available at {root}")
    index = {
        entry["id"]: date.fromisoformat(entry["date"])
        for entry in json.loads((root / "index.json").read_text())
    }
    items = list(iter_documents([root]))
    assert not failures(items)
    assert len(items) == count
    assert {doc.id: doc.date for doc in documents(items)} == index
    assert all(doc.text.strip() and "\r" not in doc.text for doc in documents(items))
