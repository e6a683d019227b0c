"""Briefing benchmark: how long `zhibiao report` takes to build and render, on the demo corpus plus the
../shared dev briefings (when present). Prints figures; asserts nothing.

Usage: .venv/bin/python benchmarks/report.py [--repeat 5] [--db FILE]

Without --db the corpus is ingested into a temporary file first. Per period: the median time to build
the structured report (queries, cells, comparisons, sentences), to render Markdown, and to render HTML
with its SVG charts; the first chart of a process also starts vl-convert's JavaScript runtime, timed
on its own.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import zhibiao
from zhibiao.report import build_report
from zhibiao.report.render import to_html, to_markdown

REPO = Path(__file__).resolve().parents[1]
CORPORA = [REPO / "examples" / "demo", REPO.parent / "shared" / "corpus" / "dev"]
PERIODS = ("2023-H1", "2025-H1", "2024", "2024-Q1")


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def run(db: Path, repeat: int) -> None:
    with zhibiao.open(db) as store:
        print(f"database {db}: {store.counts()['facts']} facts")
        started = time.perf_counter()
        to_html(build_report(store, "2025-H1"))
        print(f"first HTML report of the process (starts vl-convert's runtime): {time.perf_counter() - started:.2f} s")
        for period in PERIODS:
            build, report = timed(lambda p=period: build_report(store, p, charts=False), repeat)
            md, _ = timed(lambda r=report: to_markdown(r), repeat)
            html, _ = timed(lambda p=period: to_html(build_report(store, p)), repeat)
            print(f"{period:>8}: {len(report.figures):3d} figures, build {build * 1000:6.1f} ms, Markdown "
                  f"{md * 1000:5.1f} ms, HTML with charts {html * 1000:7.1f} ms (median of {repeat})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--db", type=Path)
    args = parser.parse_args()
    if args.db:
        run(args.db, args.repeat)
        return
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "report.duckdb"
        with zhibiao.open(db) as store:
            for folder in CORPORA:
                if folder.is_dir():
                    store.ingest([folder])
        run(db, args.repeat)


if __name__ == "__main__":
    main()
