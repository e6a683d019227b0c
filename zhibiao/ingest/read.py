"""Reading stage: files and folders on disk -> `Document`s, or one-line `ReadFailure`s.

Supported inputs are plain text (.txt), web pages (.html, .htm), and the streams of stream.py:
JSON Lines (.jsonl, .jsonl.gz, .jsonl.zst; one document per line), Parquet (.parquet; a `text` or
`html` column) and web crawls (.warc, .warc.gz). Encodings are detected, not assumed: scraped Chinese reports come as UTF-8,
GB18030/GBK, Big5 or UTF-16. Bad input never raises out of `iter_documents`; it becomes a
`ReadFailure` so that a run over a folder goes on without the broken file.
"""

from __future__ import annotations

import codecs
import copy
import errno
import json
import logging
import math
import os
import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from zhibiao.errors import InputError
from zhibiao.ingest.dates import find_publication_date, parse_date
from zhibiao.ingest.stream import (
    STREAM_SUFFIXES,
    PendingHtml,
    parse_json_object,
    read_stream,
    record_document,
    stream_kind,
)
from zhibiao.models import Document, ReadFailure

if TYPE_CHECKING:
    from lxml.html import HtmlElement

# trafilatura and htmldate log parse trouble at ERROR level; without a handler Python would print
# it on stderr. A NullHandler keeps a CLI run quiet and still lets an application log it.
for _name in ("trafilatura", "htmldate"):
    logging.getLogger(_name).addHandler(logging.NullHandler())

__all__ = ["iter_documents", "read_file", "decode_bytes", "MAX_FILE_MB", "SUPPORTED_SUFFIXES", "is_supported"]

SUPPORTED_SUFFIXES = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl",
                      **{suffix: "stream" for suffix in STREAM_SUFFIXES}}
INDEX_NAME = "index.json"
SKIPPED_NAMES = {"gold.jsonl", INDEX_NAME, "sources.json"}  # annotations beside a corpus, not documents
MAX_FILE_MB = 64
MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024

# CJK encodings tried when the bytes are not UTF-8. GB18030 is a superset of GB2312 and GBK,
# CP950 of Big5.
CJK_ENCODINGS = ("gb18030", "cp950")
_WIDER_CODEC = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "cp950"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"\xd0\xcf\x11\xe0",
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_SNIFF_BYTES = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BLOCK_TAGS = (
    "p",
    "div",
    "br",
    "li",
    "tr",
    "table",
    "section",
    "article",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "dd",
    "dt",
    "header",
    "footer",
)
_SUPPORTED_LIST = ".txt, .html, .htm, .jsonl[.gz|.zst], .parquet, .warc[.gz]"
_TABLE_ROW = re.compile(r"^\|.*\|\s*$")
_TABLE_RULE = re.compile(r"^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


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


def decode_bytes(data: bytes, source: str) -> str:
    """Decode text whose encoding is unknown: BOM, then UTF-8, then GB18030 or Big5 (CP950).

    Raises InputError for binary data or bytes no supported encoding can read.
    """
    text = _decode_bom(data, source)
    if text is not None:
        return text
    if _looks_binary(data):
        raise InputError(source, "binary file, not text")
    # A UTF-8 file with a damaged byte is still UTF-8: try that before GB18030 reads it as mojibake.
    for text in (_decode_utf8(data), _decode_lenient(data, ("utf-8",)), _decode_cjk_strict(data)):
        if text is not None:
            return text
    text = _decode_lenient(data, CJK_ENCODINGS)
    if text is not None:
        return text
    raise InputError(source, "cannot decode text (not UTF-8, UTF-16, GB18030 or Big5)")


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
        return _reason(err)
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
        failures.append(ReadFailure(str(err.filename or folder), _reason(err)))

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
    files = []
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
        return {}, [ReadFailure(str(path), f"malformed index, ignored: {_reason(err)}")]
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
            meta = _Meta(doc_id, _optional_date(entry.get("date")), _optional_str(entry.get("url"), "url"))
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
            yield _html_document(path, _decode_html(data, source), meta, default_date)
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
        yield ReadFailure("<stdin>", _reason(err))
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
        raise InputError(source, _reason(err)) from None
    if not data:
        raise InputError(source, "empty file")
    return data


def _text_document(path: Path, text: str, meta: _Meta, default_date: date | None) -> Document:
    text = _normalize_newlines(text)
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
    text, title, page_date, page_url = _html_text(html, str(path))
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
    lines = _normalize_newlines(text).split("\n")  # not splitlines(): JSON strings may hold U+2028
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
    return record_document(path, number, record, meta_date=meta.date, meta_url=meta.url,
                           default_date=default_date, defer_html=False)


def _optional_id(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise ValueError('"id" must be a string')
    return str(value).strip() or None


def _optional_str(value: Any, name: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f'"{name}" must be a string')
    return value.strip() or None


def _optional_date(value: Any) -> date | None:
    """An optional YYYY-MM-DD (or YYYY年M月D日) value; raise ValueError for anything else."""
    if value is None or value == "":
        return None
    parsed = parse_date(value) if isinstance(value, str) else None
    if parsed is None:
        raise ValueError(f"bad date {value!r} (expected YYYY-MM-DD)")
    return parsed


def _normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _reason(err: Exception) -> str:
    """A one-line reason for an OS or parse error."""
    if isinstance(err, FileNotFoundError):
        return "no such file or directory"
    if isinstance(err, OSError) and err.strerror:
        return err.strerror[0].lower() + err.strerror[1:]
    if isinstance(err, json.JSONDecodeError):
        return f"invalid JSON: {err.msg} (line {err.lineno}, column {err.colno})"
    return " ".join(str(err).split()) or type(err).__name__


# ---------------------------------------------------------------------------------------------
# HTML


def _decode_html(data: bytes, source: str) -> str:
    """Decode a page: BOM, then UTF-8, then the <meta charset> it declares, then detection."""
    if _decode_bom(data, source) is None and not _looks_binary(data) and _decode_utf8(data) is None:
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass  # the declaration lies; detect instead
    return decode_bytes(data, source)


def _declared_charset(data: bytes) -> str | None:
    """The Python codec for the page's <meta charset>, widened (GBK -> GB18030), or None."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return _WIDER_CODEC.get(name, name)


def _html_text(html: str, source: str) -> tuple[str, str | None, date | None, str | None]:
    """Main text, title, publication date and canonical URL of a page.

    trafilatura finds the main text; when it finds nothing (very short or odd pages) all visible
    text is kept instead.
    """
    html = _XML_DECLARATION.sub("", html, count=1)
    if not html.strip():
        raise InputError(source, "empty file")
    text, title, url = _trafilatura(html)
    root = _parse_html(html)
    page_date = _metadata_date(root)
    if not text.strip() and root is not None:
        title = title or _page_title(root)
        text = _visible_text(root)
    text = _normalize_newlines(text).strip()
    if not text:
        raise InputError(source, "no text found in HTML")
    return text, title, page_date, url


def _trafilatura(html: str) -> tuple[str, str | None, str | None]:
    """Main text, title and URL by trafilatura; tables become one row per line, cells " | "."""
    import trafilatura  # slow to import; only pages need it

    try:
        result = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_tables=True,
            include_comments=False,
            favor_recall=True,
        )
    except Exception:  # trafilatura and its parsers fail in many ways on broken pages
        return "", None, None
    if result is None:
        return "", None, None
    return _tidy_tables(result.text or ""), result.title or None, result.url or None


def _parse_html(html: str) -> HtmlElement | None:
    import lxml.html
    from lxml import etree

    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None


def _metadata_date(root: HtmlElement | None) -> date | None:
    """The publication date the page's <head> declares (meta tags, JSON-LD), or None.

    Only the head is searched: trafilatura's own date also guesses from the body text (bylines,
    even a bare year as "YYYY-01-01"), and such guesses must rank below an explicit --date.
    """
    head = root.find("head") if root is not None else None
    if head is None:
        return None
    import lxml.html
    from htmldate import find_date

    shell = lxml.html.Element("html")
    shell.append(copy.deepcopy(head))
    try:
        found = find_date(shell, extensive_search=False, original_date=True, outputformat="%Y-%m-%d")
    except Exception:  # htmldate is heuristic; a page it cannot handle simply has no date
        return None
    return parse_date(found) if found else None


def _tidy_tables(text: str) -> str:
    """trafilatura renders tables as "| a | b | " rows plus "|---|" rules: make rows "a | b"."""
    lines = []
    for line in text.split("\n"):
        if _TABLE_RULE.match(line):
            continue
        if _TABLE_ROW.match(line):
            cells = [cell.strip() for cell in line.strip()[1:-1].split("|")]
            line = " | ".join(cells).rstrip()
        lines.append(line)
    return "\n".join(lines)


def _visible_text(root: HtmlElement) -> str:
    """All visible text of a parsed page, one block per line (modifies `root`)."""
    for element in root.xpath("//script | //style | //noscript | //template | //head"):
        element.drop_tree()
    for element in root.iter(*_BLOCK_TAGS):
        element.tail = "\n" + (element.tail or "")
    lines = (" ".join(line.split()) for line in root.text_content().split("\n"))
    return "\n".join(line for line in lines if line)


def _page_title(root: HtmlElement) -> str | None:
    title = " ".join((root.findtext(".//title") or "").split())
    return title or None


# ---------------------------------------------------------------------------------------------
# Encodings


def _decode_bom(data: bytes, source: str) -> str | None:
    """Decode by byte-order mark, or None when there is none."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    source, f"cannot decode text (invalid {encoding.upper()} after its BOM)"
                ) from None
    return None


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, a known binary signature, or many control bytes near the start mean binary."""
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample or sample.startswith(_BINARY_MAGIC):
        return True
    controls = sum(1 for byte in sample if (byte < 0x20 and byte not in _TEXT_CONTROLS) or byte == 0x7F)
    return controls > len(sample) * 0.05


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_cjk_strict(data: bytes) -> str | None:
    """Decode with the CJK encoding that fits; charset-normalizer decides when several do.

    Big5 byte pairs are nearly all valid GBK pairs too (decoding to nonsense), so "decodes
    without error" alone cannot tell them apart.
    """
    fitting = {}
    for encoding in CJK_ENCODINGS:
        try:
            fitting[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if len(fitting) > 1:
        best = _best_guess(data, list(fitting))
        return fitting[best or CJK_ENCODINGS[0]]
    return next(iter(fitting.values()), None)


def _best_guess(data: bytes, encodings: Iterable[str]) -> str | None:
    """charset-normalizer's choice among `encodings`, or None when it has none."""
    from charset_normalizer import from_bytes

    encodings = list(encodings)
    best = from_bytes(data, cp_isolation=encodings).best()
    return best.encoding if best is not None and best.encoding in encodings else None


def _decode_lenient(data: bytes, encodings: Iterable[str]) -> str | None:
    """Text with a few corrupt bytes (say, a file cut mid-character), which are replaced.

    Accepted only when at most 5% of the non-ASCII characters are replacements; more means the
    encoding is wrong rather than the bytes damaged (GBK read as UTF-8 fails on most characters).
    """
    best_text, best_bad = None, None
    for encoding in encodings:
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        non_ascii = sum(1 for char in text if ord(char) > 0x7F)
        if non_ascii and bad * 20 <= non_ascii and (best_bad is None or bad < best_bad):
            best_text, best_bad = text, bad
    return best_text
