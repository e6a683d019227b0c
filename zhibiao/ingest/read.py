"""Reading stage: files and folders on disk -> `Document`s, or one-line `ReadFailure`s.

Supported inputs are plain text (.txt), web pages (.html, .htm), and the streams of stream.py:
JSON Lines (.jsonl, .jsonl.gz, .jsonl.zst; one document per line), Parquet (.parquet; a `text` or
`html` column) and web crawls (.warc, .warc.gz). Encodings are detected, not assumed: scraped
Chinese reports come as UTF-8, GB18030/GBK, Big5 or UTF-16. Bad input never raises out of
`iter_documents`; it becomes a `ReadFailure` so that a run over a folder goes on without the
broken file.
"""

from __future__ import annotations

import codecs
import errno
import json
import math
import os
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from zhibiao.errors import InputError
from zhibiao.ingest.dates import find_publication_date
from zhibiao.ingest.decode import decode_bytes, decode_html, normalize_newlines
from zhibiao.ingest.fields import error_reason, optional_date, optional_str
from zhibiao.ingest.html import html_text
from zhibiao.ingest.stream import (
    STREAM_SUFFIXES,
    PendingHtml,
    parse_json_object,
    read_stream,
    record_document,
    stream_kind,
)
from zhibiao.models import Document, ReadFailure

# The name the reliability tests read pages with.
_html_text = html_text

__all__ = ["iter_documents", "read_file", "decode_bytes", "MAX_FILE_MB", "SUPPORTED_SUFFIXES", "is_supported"]

SUPPORTED_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
                      **{suffix: "stream" for suffix in STREAM_SUFFIXES}}
INDEX_NAME = "index.json"
SKIPPED_NAMES = {"gold.jsonl", INDEX_NAME, "sources.json"}  # annotations beside a corpus, not documents
MAX_FILE_MB = 64
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024

_SUPPORTED_LIST = ".txt, .html, .htm, .jsonl[.gz|.zst], .parquet, .warc[.gz]"


class _Meta(NamedTuple):
    """What an index entry (or a caller) says about a file: all optional."""

    id: str | None = None
    date: date | None = None
    url: str | None = None


# ---------------------------------------------------------------------------------------------
# Public API


def iter_documents(
    paths: list[Path], *, index: Path | None = None, default_date: date | None = None, defer_html: bool = False
) -> Iterator[Document | PendingHtml | ReadFailure]:
    """Yield a Document per readable document and a ReadFailure per unreadable one; never raise.

    Paths are taken in the order given; a folder is walked recursively in sorted path order and
    a stream (JSON Lines, Parquet, WARC) record by record. `index` (an index.json) replaces the
    index.json files found in the folders. `default_date` (the command line's --date) ranks below an
    index or jsonl date and an HTML page's own date, but above a date found in the text.
    With `defer_html`, HTML records of streams come as PendingHtml, to be parsed by `realize`
    where the facts are extracted (a worker process).
    """
    if index is not None:
        explicit, failures = _load_index(index, report_missing=True)
        yield from failures
        indexes: dict[Path, dict[Path, _Meta]] | None = None
    else:
        explicit, indexes = {}, {}
    seen_files: set[Path] = set()
    seen_ids: dict[str, str] = {}
    for path in paths:
        for item in _iter_path(Path(path), explicit, indexes, seen_files, default_date, defer_html):
            yield _check_duplicate_id(item, seen_ids)


def read_file(
    path: Path, *, doc_id: str | None = None, date: date | None = None, url: str | None = None
) -> list[Document]:
    """Read one .txt/.html/.htm/.jsonl file; raise InputError naming the file on any problem.

    `doc_id`, `date` and `url` override what the file says (for jsonl only date and url apply,
    ids come from the lines). A bad jsonl line makes the whole call fail; `iter_documents`
    instead reports it and keeps the other lines.
    """
    path = Path(path)
    items = list(_read_path(path, _Meta(doc_id, date, url), None))
    for item in items:
        if isinstance(item, ReadFailure):
            raise InputError(item.source, item.reason)
    return [item for item in items if isinstance(item, Document)]


# ---------------------------------------------------------------------------------------------
# Walking paths and index files


def _iter_path(
    path: Path,
    explicit: dict[Path, _Meta],
    indexes: dict[Path, dict[Path, _Meta]] | None,
    seen_files: set[Path],
    default_date: date | None,
    defer_html: bool = False,
) -> Iterator[Document | PendingHtml | ReadFailure]:
    """Everything one command-line path yields: a file, or a folder walked recursively."""
    if str(path) == STDIN:
        yield from _read_stdin(default_date)
        return
    if path.is_dir():
        files, failures = _walk(path, indexes)
        yield from failures
        if not files and not failures:
            yield ReadFailure(str(path), f"no documents in this folder (files read: {_SUPPORTED_LIST})")
    elif path.exists():
        if not is_supported(path.name):
            yield ReadFailure(str(path), _unsupported(path))
            return
        files = [path]
        if indexes is not None:
            yield from _sibling_index_failures(path.parent, indexes)
    else:
        yield ReadFailure(str(path), _link_problem(path) if path.is_symlink() else "no such file or directory")
        return
    for file in files:
        key = _resolve(file)
        if key is None:
            yield ReadFailure(str(file), _link_problem(file))
            continue
        if key in seen_files:
            continue
        seen_files.add(key)
        meta = _lookup_meta(key, explicit, indexes)
        yield from _read_path(file, meta, default_date, defer_html)


def _resolve(path: Path) -> Path | None:
    """The absolute path with links followed, or None for a link that loops."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: Python 3.11's "Symlink loop from ..."
        return None


def _link_problem(path: Path) -> str:
    """Why a path cannot be resolved or opened, in a few words."""
    try:
        path.stat()
    except OSError as err:
        if err.errno == errno.ELOOP:
            return "symbolic link loop"
        return error_reason(err)
    return "cannot resolve the path"


def _walk(
    folder: Path, indexes: dict[Path, dict[Path, _Meta]] | None
) -> tuple[list[Path], list[ReadFailure]]:
    """Supported, non-hidden files under `folder` in sorted order, and the folder's index problems.

    Each index.json found is loaded into `indexes` (unless an explicit index is in use).
    """
    files: list[Path] = []
    failures: list[ReadFailure] = []

    def unreadable(err: OSError) -> None:
        failures.append(ReadFailure(str(err.filename or folder), error_reason(err)))

    for root, dirnames, filenames in os.walk(folder, onerror=unreadable):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        here = Path(root)
        if indexes is not None and INDEX_NAME in filenames:
            failures.extend(_register_index(here, indexes, report_missing=True))
        for name in filenames:
            if _is_document_name(name):
                files.append(here / name)
    files.sort(key=lambda p: p.relative_to(folder).parts)
    return files, failures


class Survey(NamedTuple):
    """What a run over some paths will read and pass over, found before reading (for the progress
    bar and the notes about skipped files)."""

    documents: int | None  # None when a stream (JSON Lines, Parquet, WARC) holds an unknown number
    unsupported: list[Path]  # files of other types inside folders (.pdf, .md ...)
    annotations: list[Path]  # gold.jsonl, sources.json: annotations beside a corpus, not read


def survey(paths: Iterable[Path]) -> Survey:
    """Walk the paths as iter_documents will (hidden entries passed over; never raises)."""
    documents: int | None = 0
    unsupported: list[Path] = []
    annotations: list[Path] = []
    for path in map(Path, paths):
        names = _visible_files(path) if path.is_dir() else [path]
        for file in names:
            if file.name == INDEX_NAME:
                continue  # read for the ids and dates of its folder
            if file.name in SKIPPED_NAMES and file != path:
                annotations.append(file)
            elif not is_supported(file.name):
                if file != path:
                    unsupported.append(file)
            elif file.suffix.lower() in (".txt", ".html", ".htm"):
                documents = None if documents is None else documents + 1
            else:
                documents = None
    return Survey(documents, sorted(unsupported), sorted(annotations))


def _visible_files(folder: Path) -> list[Path]:
    """Every non-hidden file under a folder (links to folders are not followed, as in _walk)."""
    files: list[Path] = []
    for root, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        files.extend(Path(root) / name for name in filenames if not name.startswith("."))
    return files


def _is_document_name(name: str) -> bool:
    """True for a file a folder walk should read."""
    if name.startswith(".") or name in SKIPPED_NAMES:
        return False
    return is_supported(name)


def is_supported(name: str) -> bool:
    """Whether a file name is one the reader takes (by suffix: .txt, .jsonl.gz, .warc ...)."""
    return Path(name).suffix.lower() in (".txt", ".html", ".htm", ".jsonl") or stream_kind(Path(name)) is not None


def _sibling_index_failures(folder: Path, indexes: dict[Path, dict[Path, _Meta]]) -> list[ReadFailure]:
    """Load the index.json next to a file given on its own (missing entries are not its business)."""
    if (folder / INDEX_NAME).is_file():
        return _register_index(folder, indexes, report_missing=False)
    return []


def _register_index(
    folder: Path, indexes: dict[Path, dict[Path, _Meta]], *, report_missing: bool
) -> list[ReadFailure]:
    """Load folder/index.json once into `indexes`; return its problems the first time."""
    key = folder.resolve()
    if key in indexes:
        return []
    entries, failures = _load_index(folder / INDEX_NAME, report_missing=report_missing)
    indexes[key] = entries
    return failures


def _lookup_meta(
    file: Path, explicit: dict[Path, _Meta], indexes: dict[Path, dict[Path, _Meta]] | None
) -> _Meta:
    """The index entry for a (resolved) file: the explicit index, else the nearest index.json."""
    if indexes is None:
        return explicit.get(file, _Meta())
    for folder in file.parents:
        entry = indexes.get(folder, {}).get(file)
        if entry is not None:
            return entry
    return _Meta()


def _load_index(path: Path, *, report_missing: bool) -> tuple[dict[Path, _Meta], list[ReadFailure]]:
    """Parse an index.json (a list of {"id", "file", "date"?, "url"?}) keyed by resolved file path.

    A malformed index is reported and ignored as a whole; entries naming missing files are
    reported when `report_missing` is set.
    """
    try:
        raw = json.loads(path.read_text(encoding="utf-8-sig"))
        entries = _parse_index(raw, path.parent)
    except (OSError, UnicodeDecodeError, ValueError) as err:
        return {}, [ReadFailure(str(path), f"malformed index, ignored: {error_reason(err)}")]
    failures = []
    if report_missing:
        for file in entries:
            if not file.is_file():
                failures.append(
                    ReadFailure(str(_display_path(file, path.parent)), f"listed in {path.name} but missing")
                )
    return entries, failures


def _parse_index(raw: Any, folder: Path) -> dict[Path, _Meta]:
    """Validate index entries; raise ValueError naming the first bad entry."""
    if not isinstance(raw, list):
        raise ValueError("expected a JSON list of entries")
    entries: dict[Path, _Meta] = {}
    for number, entry in enumerate(raw, 1):
        if not isinstance(entry, dict):
            raise ValueError(f"entry {number} is not an object")
        file, doc_id = entry.get("file"), entry.get("id")
        if not isinstance(file, str) or not file.strip():
            raise ValueError(f'entry {number} has no "file"')
        if doc_id is not None and not (isinstance(doc_id, str) and doc_id.strip()):
            raise ValueError(f'entry {number} has a bad "id"')
        try:
            meta = _Meta(doc_id, optional_date(entry.get("date")), optional_str(entry.get("url"), "url"))
        except ValueError as err:
            raise ValueError(f"entry {number}: {err}") from None
        entries[(folder / file).resolve()] = meta
    return entries


def _display_path(file: Path, folder: Path) -> Path:
    """`file` relative to where the user pointed, when possible, for readable messages."""
    try:
        return folder / file.relative_to(folder.resolve())
    except ValueError:
        return file


def _check_duplicate_id(item: Document | PendingHtml | ReadFailure,
                        seen_ids: dict[str, str]) -> Document | PendingHtml | ReadFailure:
    """Turn a second document with an id already used into a failure: outputs are keyed by id."""
    if isinstance(item, ReadFailure):
        return item
    first = seen_ids.setdefault(item.id, item.source)
    if first != item.source:
        return ReadFailure(item.source, f"duplicate document id {item.id!r} (already used by {first})")
    return item


# ---------------------------------------------------------------------------------------------
# Reading one file


def _read_path(path: Path, meta: _Meta, default_date: date | None,
               defer_html: bool = False) -> Iterator[Document | PendingHtml | ReadFailure]:
    """Read one file; problems become ReadFailures (one per bad record of a stream)."""
    source = str(path)
    kind = stream_kind(path) or SUPPORTED_SUFFIXES.get(path.suffix.lower())
    if kind is None or kind == "stream":
        yield ReadFailure(source, _unsupported(path))
        return
    if kind == "jsonl" and not _has_wide_bom(path):
        kind = "jsonl.plain"  # UTF-8 (or GB18030) JSON Lines are streamed; UTF-16/32 ones read whole
    if kind not in ("txt", "html", "jsonl"):
        yield from read_stream(path, kind, meta_date=meta.date, meta_url=meta.url, default_date=default_date,
                               defer_html=defer_html)
        return
    try:
        data = _read_bytes(path)
        if kind == "jsonl":
            yield from _jsonl_documents(path, decode_bytes(data, source), meta, default_date)
        elif kind == "html":
            yield _html_document(path, decode_html(data, source), meta, default_date)
        else:
            yield _text_document(path, decode_bytes(data, source), meta, default_date)
    except InputError as err:
        yield ReadFailure(err.source, err.reason)


STDIN = "-"


def _read_stdin(default_date: date | None) -> Iterator[Document | ReadFailure]:
    """Standard input (the path -): JSON Lines when it opens with {, a web page when it opens with <,
    else one plain-text document with the id "stdin"."""
    import sys

    path, meta = Path("<stdin>"), _Meta(id="stdin")
    try:
        data = sys.stdin.buffer.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as err:
        yield ReadFailure("<stdin>", error_reason(err))
        return
    try:
        if len(data) > MAX_FILE_BYTES:
            raise InputError("<stdin>", f"input too large (over {MAX_FILE_MB} MB); save it to a file")
        if not data.strip():
            raise InputError("<stdin>", "empty input")
        text = decode_bytes(data, "<stdin>")
        head = text.lstrip("\ufeff \t\r\n")[:1]
        if head == "{":
            yield from _jsonl_documents(path, text, _Meta(), default_date)
        elif head == "<":
            yield _html_document(path, text, meta, default_date)
        else:
            yield _text_document(path, text, meta, default_date)
    except InputError as err:
        yield ReadFailure(err.source, err.reason)


def _has_wide_bom(path: Path) -> bool:
    """A UTF-16 or UTF-32 byte-order mark: such a file cannot be split into lines as bytes."""
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError:
        return False  # let the stream reader report it
    return head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))


def _unsupported(path: Path) -> str:
    return f"unsupported file type {path.suffix}" if path.suffix else "unsupported file type (no extension)"


def _read_bytes(path: Path) -> bytes:
    """The file's bytes, refusing empty and oversized files with a clear reason."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(
                source, f"file too large ({math.ceil(size / 1024 / 1024)} MB > {MAX_FILE_MB} MB)"
            )
        data = path.read_bytes()
    except OSError as err:
        raise InputError(source, error_reason(err)) from None
    if not data:
        raise InputError(source, "empty file")
    return data


def _text_document(path: Path, text: str, meta: _Meta, default_date: date | None) -> Document:
    text = normalize_newlines(text)
    if not text.strip():
        raise InputError(str(path), "empty file")
    return Document(
        id=meta.id or path.stem,
        text=text,
        source=str(path),
        date=meta.date or default_date or find_publication_date(text),
        url=meta.url,
        format="txt",
    )


def _html_document(path: Path, html: str, meta: _Meta, default_date: date | None) -> Document:
    text, title, page_date, page_url = html_text(html, str(path))
    return Document(
        id=meta.id or path.stem,
        text=text,
        source=str(path),
        date=meta.date or page_date or default_date or find_publication_date(text),
        title=title,
        url=meta.url or page_url,
        format="html",
    )


def _jsonl_documents(
    path: Path, text: str, meta: _Meta, default_date: date | None
) -> Iterator[Document | ReadFailure]:
    """One Document per non-blank line; a bad line becomes a ReadFailure "<file>:<line>"."""
    lines = normalize_newlines(text).split("\n")  # not splitlines(): JSON strings may hold U+2028
    if not any(line.strip() for line in lines):
        raise InputError(str(path), "empty file")
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        source = f"{path}:{number}"
        try:
            yield _jsonl_document(path, number, line, meta, default_date)
        except InputError as err:
            yield ReadFailure(source, err.reason)


def _jsonl_document(path: Path, number: int, line: str, meta: _Meta, default_date: date | None) -> Document:
    """Build the Document a jsonl line describes: {"id", "text"|"html", "date"?, "url"?, "title"?}."""
    record = parse_json_object(f"{path}:{number}", line)
    doc = record_document(path, number, record, meta_date=meta.date, meta_url=meta.url,
                          default_date=default_date, defer_html=False)
    assert isinstance(doc, Document)  # defer_html=False parses a page at once
    return doc


