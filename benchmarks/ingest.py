"""Ingest benchmark: documents per second into the store, next to extract-only, single process.

Usage: .venv/bin/python benchmarks/ingest.py [--mb 3] [--corpus DIR] [--batch 256]. Asserts nothing.

The corpus is the one benchmarks/throughput.py builds (the demo corpus and ../shared/corpus/dev*,
cycled with distinct ids until it reaches --mb). Both passes take the same in-memory Documents, so
reading files is left out of both. "Storing" is everything ingest adds to extraction: catalogue
links, derived facts, MinHash signatures and story assignment, and the DuckDB writes and commits.
Two ways to get the share of storing, since a shared 2-core machine drifts between passes: the
two-pass figure compares the best of two extract-only passes with the best of two ingest passes;
the in-run figure times the extraction calls inside one ingest and counts the rest as storing.
A smaller run with one transaction per document shows what batching saves.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import cycled_corpus  # noqa: E402  (the sibling benchmark builds the corpus)

import zhibiao.pipeline as pipeline  # noqa: E402
from zhibiao.extract import extract_document  # noqa: E402
from zhibiao.handle import Store  # noqa: E402
from zhibiao.store.writer import BATCH_SIZE  # noqa: E402

PER_DOCUMENT_SAMPLE = 300


def extract_only(corpus) -> tuple[float, int]:
    start = time.perf_counter()
    facts = sum(len(extract_document(doc).facts) for doc in corpus)
    return time.perf_counter() - start, facts


class TimedExtract:
    """Stands in for the store's extract_document and adds up the time spent in it."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, doc):
        start = time.perf_counter()
        try:
            return extract_document(doc)
        finally:
            self.seconds += time.perf_counter() - start


def ingest(corpus, batch: int) -> tuple[float, dict]:
    timer = TimedExtract()
    pipeline.extract_document = timer
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        start = time.perf_counter()
        report = store.ingest_documents(corpus, batch_size=batch)
        seconds = time.perf_counter() - start
        counts = store.counts()
        stories = len(set(store.documents()["story"]))
        store.close()
        size = sum(f.stat().st_size for f in Path(tmp).iterdir())
    pipeline.extract_document = extract_document
    assert report.added == len(corpus) and not report.failures
    return seconds, {**counts, "stories": stories, "bytes": size, "extract_seconds": timer.seconds}


def line(label: str, value: float, fmt: str = ",.1f") -> None:
    print(f"{label + ':':<34}{value:{fmt}}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=3, help="corpus size in MB of UTF-8 text")
    parser.add_argument("--corpus", help="folder of .txt/.html documents (default: demo + shared dev)")
    parser.add_argument("--batch", type=int, default=BATCH_SIZE, help="documents per transaction")
    args = parser.parse_args()

    corpus = cycled_corpus(args)
    mb = sum(len(d.text.encode("utf-8")) for d in corpus) / 1e6
    extract_document(corpus[0])  # warm up rule tables and converters
    ingest(corpus[:20], args.batch)  # warm up DuckDB, datasketch and the writer

    runs = []
    for _ in range(2):  # alternate the passes so that drift hits both alike; keep the best of each
        runs.append((extract_only(corpus), ingest(corpus, args.batch)))
    (t_extract, facts) = min((r[0] for r in runs), key=lambda x: x[0])
    (t_ingest, stored) = min((r[1] for r in runs), key=lambda x: x[0])
    n = len(corpus)
    line("documents", n, ",.0f")
    line("MB (UTF-8)", mb, ".2f")
    line("facts extracted", facts, ",.0f")
    line("facts stored (with derived)", stored["facts"], ",.0f")
    line("stories", stored["stories"], ",.0f")
    line("database MB", stored["bytes"] / 1e6, ".2f")
    line("extract-only s", t_extract, ".3f")
    line(f"ingest s (batch {args.batch})", t_ingest, ".3f")
    line("extract-only docs/s", n / t_extract)
    line(f"ingest docs/s (batch {args.batch})", n / t_ingest)
    line("storing share, two-pass %", 100 * (t_ingest - t_extract) / t_ingest, ".1f")
    inside = stored["extract_seconds"]
    line("in-run: extraction ms/doc", 1000 * inside / n, ".3f")
    line("in-run: storing ms/doc", 1000 * (t_ingest - inside) / n, ".3f")
    line("in-run: storing share %", 100 * (t_ingest - inside) / t_ingest, ".1f")

    sample = corpus[:PER_DOCUMENT_SAMPLE]
    t_one, one = ingest(sample, 1)
    print(f"-- one transaction per document, first {len(sample)} documents")
    line("ingest docs/s (batch 1)", len(sample) / t_one)
    line("in-run: storing ms/doc (batch 1)", 1000 * (t_one - one["extract_seconds"]) / len(sample), ".3f")
    line("in-run: storing share (batch 1) %", 100 * (t_one - one["extract_seconds"]) / t_one, ".1f")


if __name__ == "__main__":
    main()
