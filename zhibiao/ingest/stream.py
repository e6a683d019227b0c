"""Streaming inputs: JSON Lines (plain, gzip, zstd), Parquet and WARC, read record by record.

A corpus of millions of pages arrives as a few large files. These readers never hold a whole file:
JSON Lines are read a line at a time (through a decompressor for `.gz`/`.zst`), Parquet a record
batch at a time, WARC a record at a time (warcio), so memory stays flat whatever the file size.
Only one record is capped (MAX_RECORD_BYTES, the size limit of a whole .txt file).

Every malformed record becomes a ReadFailure naming the file and the record number
(`corpus.jsonl.gz:17`, `crawl.warc.gz:3`) and the stream goes on; damage that ends a stream (a
truncated gzip member, a corrupt Parquet page) is reported once at the record where it happened.

A record that carries HTML can be handed on unparsed (`PendingHtml`), so that the costly main-text
extraction runs where the facts are extracted (a worker process, a Ray task) rather than in the
process that reads the files; `realize` turns it into a Document.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any, cast

from zhibiao.errors import InputError
from zhibiao.ingest.dates import find_publication_date, parse_date
from zhibiao.ingest.decode import WIDER_CODEC, decode_bytes, decode_html, normalize_newlines
from zhibiao.ingest.fields import error_reason, optional_id, optional_str
from zhibiao.ingest.html import html_text
from zhibiao.models import Document, ReadFailure

# suffixes (lower case, longest first) -> stream kind
STREAM_SUFFIXES = {
    ".jsonl.gz": "jsonl.gz",
    ".jsonl.zst": "jsonl.zst",
    ".jsonl.zstd": "jsonl.zst",
    ".warc.gz": "warc",
    ".warc": "warc",
    ".parquet": "parquet",
}
MAX_RECORD_MB = 64
MAX_RECORD_BYTES = MAX_RECORD_MB * 1024 * 1024
PARQUET_BATCH_ROWS = 256
_CHUNK = 1 << 20
_HTTP_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain",)
_OPTIONAL_COLUMNS = ("id", "date", "url", "title")


_Date = date  # PendingHtml has a field named `date`


@dataclass(frozen=True)
class PendingHtml:
    """An HTML record read but not yet parsed: `realize` makes the Document.

    `date` is what the record itself says (an index entry, a jsonl or Parquet field), which outranks
    the page; `default_date` is --date, below the page's own date; `fallback_date` (a WARC-Date, the
    crawl time) is used only when nothing else gives one.
    """

    id: str
    html: str
    source: str
    date: _Date | None = None
    title: str | None = None
    url: str | None = None
    default_date: _Date | None = None
    fallback_date: _Date | None = None


def realize(item: PendingHtml) -> Document:
    """Parse a pending page into a Document; raise InputError naming its record when it has no text."""
    body, page_title, page_date, page_url = html_text(item.html, item.source)
    body = normalize_newlines(body)
    return Document(
        id=item.id,
        text=body,
        source=item.source,
        date=item.date or page_date or item.default_date or find_publication_date(body) or item.fallback_date,
        title=item.title or page_title,
        url=item.url or page_url,
        format="html",
    )


def stream_kind(path: Path) -> str | None:
    """The stream kind of a file name (`x.jsonl.gz` -> "jsonl.gz"), or None."""
    name = path.name.lower()
    for suffix, kind in STREAM_SUFFIXES.items():
        if name.endswith(suffix) and len(name) > len(suffix):
            return kind
    return None


def stream_stem(path: Path) -> str:
    """The file name without its stream suffix: `2024.jsonl.gz` -> `2024` (default ids use it)."""
    name = path.name
    for suffix in STREAM_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def read_stream(path: Path, kind: str, *, meta_date: date | None, meta_url: str | None,
                default_date: date | None, defer_html: bool) -> Iterator[Document | PendingHtml | ReadFailure]:
    """Yield the records of one stream file; never raise."""
    source = str(path)
    try:
        handle = path.open("rb")
    except OSError as err:
        yield ReadFailure(source, error_reason(err))
        return
    with handle:
        if kind == "parquet":
            records = _parquet_records(path, handle, meta_date, meta_url, default_date, defer_html)
        elif kind == "warc":
            records = _warc_records(path, handle, default_date, defer_html)
        else:
            records = _jsonl_stream(path, handle, kind, meta_date, meta_url, default_date, defer_html)
        yield from records


# ---------------------------------------------------------------------------------------------
# Records -> Documents (shared by JSON Lines and Parquet)


def record_document(path: Path, number: int, record: dict, *, meta_date: date | None, meta_url: str | None,
                    default_date: date | None, defer_html: bool) -> Document | PendingHtml:
    """The Document a record describes: {"id"?, "text"|"html", "date"?, "url"?, "title"?}.

    Raise InputError naming "<file>:<number>" for a record that does not say what a document is.
    """
    source = f"{path}:{number}"
    try:
        doc_id = optional_id(record.get("id")) or f"{stream_stem(path)}:{number}"
        own_date = _record_date(record.get("date"))
        url = meta_url or optional_str(record.get("url"), "url")
        title = optional_str(record.get("title"), "title")
    except ValueError as err:
        raise InputError(source, str(err)) from None
    body, kind = _record_body(record, source)
    fixed_date = meta_date or own_date
    if kind == "html":
        pending = PendingHtml(doc_id, body, source, fixed_date, title, url, default_date)
        return pending if defer_html else realize(pending)
    body = normalize_newlines(body)
    return Document(
        id=doc_id,
        text=body,
        source=source,
        date=fixed_date or default_date or find_publication_date(body),
        title=title,
        url=url,
        format="txt",
    )


def _record_body(record: dict, source: str) -> tuple[str, str]:
    """The record's "text" (preferred) or "html" field, and which one it was."""
    for field in ("text", "html"):
        value = record.get(field)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(source, f'"{field}" must be a string')
        if not value.strip():
            raise InputError(source, f'empty "{field}"')
        return value, "txt" if field == "text" else "html"
    raise InputError(source, 'missing "text" or "html"')


def _record_date(value: Any) -> date | None:
    """A YYYY-MM-DD string, or a date/timestamp column value; ValueError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise ValueError(f"bad date {value!r} (expected YYYY-MM-DD)")
    return parsed


# ---------------------------------------------------------------------------------------------
# JSON Lines


def _jsonl_stream(path: Path, handle: IO[bytes], kind: str, meta_date: date | None, meta_url: str | None,
                  default_date: date | None, defer_html: bool) -> Iterator[Document | PendingHtml | ReadFailure]:
    """One Document per non-blank line, read through the file's decompressor."""
    source = str(path)
    try:
        stream = _decompressed(handle, kind)
    except InputError as err:
        yield ReadFailure(err.source, err.reason)
        return
    number = 0
    any_record = False
    lines = _lines(stream, source)
    while True:
        try:
            raw = next(lines)
        except StopIteration:
            break
        except InputError as err:  # the stream itself is damaged: nothing after this point can be read
            yield ReadFailure(f"{source}:{number + 1}", err.reason)
            return
        for piece in _split_cr(raw):  # a lone CR ends a line, as for a file read whole
            number += 1
            if piece is None:
                yield ReadFailure(f"{source}:{number}", f"line too long (over {MAX_RECORD_MB} MB)")
                any_record = True
                continue
            if not piece.strip():
                continue
            any_record = True
            try:
                yield _jsonl_record(path, number, piece, meta_date, meta_url, default_date, defer_html)
            except InputError as err:
                yield ReadFailure(err.source, err.reason)
    if not any_record:
        yield ReadFailure(source, "empty file")


def _decompressed(handle: IO[bytes], kind: str) -> IO[bytes]:
    if kind == "jsonl.gz":
        return cast(IO[bytes], gzip.GzipFile(fileobj=handle, mode="rb"))
    if kind == "jsonl.zst":
        import zstandard

        reader = zstandard.ZstdDecompressor().stream_reader(handle, read_across_frames=True)
        return io.BufferedReader(reader, buffer_size=_CHUNK)
    return handle


def _lines(stream: IO[bytes], source: str) -> Iterator[bytes | None]:
    """Raw lines (without the newline); None for a line over MAX_RECORD_BYTES, which is skipped
    without being held. Decompression errors become InputError."""
    first = True
    while True:
        try:
            line = stream.readline(MAX_RECORD_BYTES + 1)
            if len(line) > MAX_RECORD_BYTES and not line.endswith(b"\n"):
                while line and not line.endswith(b"\n"):  # drain the rest of the long line
                    line = stream.readline(_CHUNK)
                yield None
                first = False
                continue
        except (OSError, EOFError, zlib.error) as err:
            raise InputError(source, f"corrupt compressed data ({_one_line(err)})") from None
        except Exception as err:  # zstandard.ZstdError and friends
            if type(err).__module__.startswith("zstandard"):
                raise InputError(source, f"corrupt compressed data ({_one_line(err)})") from None
            raise
        if not line:
            return
        if first:
            first = False
            if line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]
        yield line.rstrip(b"\n")


def _split_cr(raw: bytes | None) -> list[bytes | None]:
    if raw is None:
        return [None]
    if raw.endswith(b"\r"):
        raw = raw[:-1]
    parts: list[bytes | None] = list(raw.split(b"\r")) if b"\r" in raw else [raw]
    return parts


def parse_json_object(source: str, line: str) -> dict:
    """One JSON Lines record, or an InputError naming the line."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(source, f"invalid JSON: {err.msg} (column {err.colno})") from None
    if not isinstance(record, dict):
        raise InputError(source, "expected a JSON object")
    return record


def _jsonl_record(path: Path, number: int, raw: bytes, meta_date: date | None, meta_url: str | None,
                  default_date: date | None, defer_html: bool) -> Document | PendingHtml:
    source = f"{path}:{number}"
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError:
        line = decode_bytes(raw, source)  # a GB18030 or Big5 file, line by line
    record = parse_json_object(source, line)
    return record_document(path, number, record, meta_date=meta_date, meta_url=meta_url,
                           default_date=default_date, defer_html=defer_html)


# ---------------------------------------------------------------------------------------------
# Parquet


def _parquet_records(path: Path, handle: IO[bytes], meta_date: date | None, meta_url: str | None,
                     default_date: date | None, defer_html: bool) -> Iterator[Document | PendingHtml | ReadFailure]:
    """One Document per row, a record batch at a time; column `text` or `html`, optional id/date/url/title."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    source = str(path)
    try:
        parquet = pq.ParquetFile(handle)
    except (pa.ArrowException, OSError, ValueError) as err:
        yield ReadFailure(source, f"not a readable Parquet file ({_one_line(err)})")
        return
    names = set(parquet.schema_arrow.names)
    body = [c for c in ("text", "html") if c in names]
    if not body:
        yield ReadFailure(source, 'no "text" or "html" column')
        return
    if parquet.metadata.num_rows == 0:
        yield ReadFailure(source, "empty file")
        return
    columns = body + [c for c in _OPTIONAL_COLUMNS if c in names]
    number = 0
    batches = parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns, use_threads=False)
    while True:
        try:
            batch = next(batches)
        except StopIteration:
            return
        except (pa.ArrowException, OSError, ValueError) as err:
            yield ReadFailure(f"{source}:{number + 1}", f"corrupt Parquet data ({_one_line(err)})")
            return
        for record in batch.to_pylist():
            number += 1
            try:
                yield record_document(path, number, record, meta_date=meta_date, meta_url=meta_url,
                                      default_date=default_date, defer_html=defer_html)
            except InputError as err:
                yield ReadFailure(err.source, err.reason)


# ---------------------------------------------------------------------------------------------
# WARC


def _warc_records(path: Path, handle: IO[bytes], default_date: date | None,
                  defer_html: bool) -> Iterator[Document | PendingHtml | ReadFailure]:
    """One Document per HTTP response record with an HTML (or plain text) body.

    Request, metadata and warcinfo records, non-2xx responses and other media types are passed over
    silently: a crawl is full of them and they are not documents. The record number counts every
    WARC record in the file. The id is the WARC-Record-ID, the url the WARC-Target-URI; the
    WARC-Date (the crawl time) is a date of last resort.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = str(path)
    number = 0
    any_record = False
    try:
        records = iter(ArchiveIterator(handle, check_digests=False))
    except (ArchiveLoadFailed, OSError, ValueError, EOFError, zlib.error) as err:
        yield ReadFailure(source, f"not a readable WARC file ({_one_line(err)})")
        return
    while True:
        warnings = io.StringIO()
        try:
            with contextlib.redirect_stderr(warnings):  # warcio prints its doubts, with raw bytes, on stderr
                record = next(records)
        except StopIteration:
            break
        except (ArchiveLoadFailed, OSError, ValueError, EOFError, zlib.error) as err:
            yield ReadFailure(f"{source}:{number + 1}", f"malformed WARC record ({_one_line(err)}); "
                              "the rest of the file was skipped")
            return
        if "Content-Length is invalid" in warnings.getvalue() and number:
            yield ReadFailure(f"{source}:{number}", "its Content-Length does not match the record; reading went on "
                              f"at the next record header found (record {number + 1})")
        number += 1
        any_record = True
        if getattr(record, "format", "warc") != "warc":  # warcio reads anything else as an old ARC file
            yield ReadFailure(f"{source}:{number}", "malformed WARC record (no WARC/1.x header); "
                              "the rest of the file was skipped")
            return
        watch = record.raw_stream = _RecordWatch(record.raw_stream)
        try:
            item = _warc_document(path, number, record, default_date, defer_html)
            watch.drain()
        except InputError as err:
            yield ReadFailure(err.source, err.reason)
            watch.drain()
            item = None
        except (ArchiveLoadFailed, OSError, ValueError, EOFError, zlib.error) as err:
            yield ReadFailure(f"{source}:{number}", f"malformed WARC record ({_one_line(err)}); "
                              "the rest of the file was skipped")
            return
        if watch.swallowed:
            yield ReadFailure(f"{source}:{number}", "its Content-Length runs over the next record header: "
                              "the record(s) inside it were lost")
        if watch.short:
            yield ReadFailure(f"{source}:{number}", f"its Content-Length runs {watch.short:,} bytes past the end of "
                              "the file (a truncated crawl?): the rest of the record was lost")
        if item is not None:
            yield item
    if not any_record:
        yield ReadFailure(source, "empty file")


_WARC_HEADER = re.compile(rb"(?:^|\n)WARC/1\.[01]\r?\nWARC-")


class _RecordWatch:
    """A WARC record's payload stream that notices damage as it is read: a WARC header inside the
    payload (the Content-Length was too long and took in the next records) and a payload that ends
    before its Content-Length (the file was cut short)."""

    def __init__(self, stream):
        self._stream = stream
        self._tail = b""
        self.swallowed = False
        self.short = 0

    def _seen(self, data: bytes) -> bytes:
        if data and not self.swallowed:
            self.swallowed = bool(_WARC_HEADER.search(self._tail + data))
            self._tail = data[-24:]
        return data

    def read(self, length=None):
        return self._seen(self._stream.read(length) if length is not None else self._stream.read())

    def readline(self, length=None):
        return self._seen(self._stream.readline(length) if length is not None else self._stream.readline())

    def drain(self) -> None:
        while self.read(1 << 16):
            pass
        self.short = max(0, getattr(self._stream, "limit", 0))

    def __getattr__(self, name):
        return getattr(self._stream, name)


def _warc_document(path: Path, number: int, record, default_date: date | None,
                   defer_html: bool) -> Document | PendingHtml | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.rec_headers.get_header("WARC-Truncated"):
        return None  # a body cut short (zhibiao watch keeps the headers of pages over its size cap)
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return None
    content_type = record.http_headers.get_header("Content-Type") or ""
    if response_kind(content_type) is None:
        return None
    source = f"{path}:{number}"
    data = record.content_stream().read(MAX_RECORD_BYTES + 1)
    if len(data) > MAX_RECORD_BYTES:
        raise InputError(source, f"record too large (over {MAX_RECORD_MB} MB)")
    headers = record.rec_headers
    record_id = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    record_id = record_id.removeprefix("urn:uuid:") or f"{stream_stem(path)}:{number}"
    url = headers.get_header("WARC-Target-URI") or None
    crawled = parse_date((headers.get_header("WARC-Date") or "")[:10])
    return response_document(data, content_type, doc_id=record_id, source=source, url=url, crawled=crawled,
                             default_date=default_date, defer_html=defer_html)


def response_kind(content_type: str) -> str | None:
    """"html" or "txt" for a response with this Content-Type, None for other media."""
    media = content_type.lower().split(";")[0].strip()
    if media in _HTML_TYPES or not media:
        return "html"
    return "txt" if media in _TEXT_TYPES else None


def response_document(data: bytes, content_type: str, *, doc_id: str, source: str, url: str | None,
                      crawled: date | None, default_date: date | None = None,
                      defer_html: bool = False) -> Document | PendingHtml:
    """The Document of an HTTP response body: decoded with the charset its headers declare, else as
    a page is (meta charset, detection). `crawled` (the fetch date) is a date of last resort.

    Shared by the WARC reader and `zhibiao watch`, so that a watched page and the same page read back
    from the watch's WARC files are the same document. Raise InputError naming `source` when empty.
    """
    if not data.strip():
        raise InputError(source, "empty response body")
    text = _decode_declared(data, content_type.lower())
    if response_kind(content_type) == "html":
        html = text if text is not None else decode_html(data, source)
        pending = PendingHtml(doc_id, html, source, None, None, url, default_date, crawled)
        return pending if defer_html else realize(pending)
    body = normalize_newlines(text if text is not None else decode_bytes(data, source))
    if not body.strip():
        raise InputError(source, "empty response body")
    return Document(doc_id, body, source, default_date or find_publication_date(body) or crawled,
                    url=url, format="txt")


def _decode_declared(data: bytes, content_type: str) -> str | None:
    """The body decoded with the charset the HTTP headers declare (GBK widened to GB18030), or None."""
    import codecs

    match = _HTTP_CHARSET.search(content_type)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1)).name
    except LookupError:
        return None
    try:
        return data.decode(WIDER_CODEC.get(name, name))
    except UnicodeDecodeError:
        return None  # the header lies; detect instead


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:200] or type(err).__name__
