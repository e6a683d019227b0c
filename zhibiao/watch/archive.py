"""Every raw response of a watch, in WARC files beside the database, so a corpus can be re-read.

The folder is `<database>.warc/` (zhibiao.duckdb -> zhibiao.warc/). Each run writes two gzipped
WARC files, named by its start time and process id:

    articles-20261207T013000Z-4242.warc.gz   the responses to article requests (redirect hops and
                                             errors included): `zhibiao ingest` on these files
                                             re-extracts exactly the documents the watch ingested
    pages-20261207T013000Z-4242.warc.gz      robots.txt, listing pages, feeds, sitemaps, and
                                             responses dropped for their size (headers only,
                                             marked WARC-Truncated), kept apart so that an ingest
                                             of the articles does not read them as documents

Bodies are stored decoded (gzip/brotli undone), with Content-Encoding and Transfer-Encoding
removed and Content-Length set to the stored length, so any WARC reader reads them as sent.
Each record is flushed when written: a killed watch leaves whole records behind.
"""

from __future__ import annotations

import io
import os
from datetime import UTC, datetime
from pathlib import Path

import zhibiao
from zhibiao.watch.fetch import Raw


def warc_folder(db_path: str | Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.stem + ".warc")


class Archive:
    """The two WARC files of one run, opened on first use."""

    def __init__(self, folder: Path, started: datetime | None = None):
        self.folder = folder
        stamp = (started or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
        self._names = {kind: f"{kind}-{stamp}-{os.getpid()}.warc.gz" for kind in ("articles", "pages")}
        self._files: dict[str, tuple] = {}

    def path(self, kind: str) -> Path:
        return self.folder / self._names[kind]

    def write(self, kind: str, raw: Raw) -> tuple[str, str]:
        """Append one response record; return its WARC-Record-ID and WARC-Date."""
        from warcio.statusandheaders import StatusAndHeaders

        handle, writer = self._open(kind)
        protocol = raw.protocol if raw.protocol.startswith("HTTP/") else "HTTP/1.1"
        http_headers = StatusAndHeaders(f"{raw.status} {raw.reason}".strip(), list(raw.headers), protocol=protocol)
        extra = {"WARC-Truncated": "length"} if raw.truncated else {}
        record = writer.create_warc_record(raw.url, "response", payload=io.BytesIO(raw.body),
                                           length=len(raw.body), http_headers=http_headers,
                                           warc_headers_dict=extra)
        writer.write_record(record)
        handle.flush()
        return record.rec_headers.get_header("WARC-Record-ID"), record.rec_headers.get_header("WARC-Date")

    def _open(self, kind: str):
        if kind not in self._files:
            from warcio.warcwriter import WARCWriter

            self.folder.mkdir(parents=True, exist_ok=True)
            handle = self.path(kind).open("ab")
            writer = WARCWriter(handle, gzip=True)
            info = writer.create_warcinfo_record(self._names[kind], {
                "software": f"zhibiao/{zhibiao.__version__} (zhibiao watch)",
                "format": "WARC File Format 1.1",
                "description": f"zhibiao watch: {kind}",
            })
            writer.write_record(info)
            handle.flush()
            self._files[kind] = (handle, writer)
        return self._files[kind]

    def close(self) -> None:
        for handle, _writer in self._files.values():
            handle.close()
        self._files.clear()
