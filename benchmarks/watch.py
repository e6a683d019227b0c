"""Watch benchmark: what one round costs besides the publisher's own pace, on 127.0.0.1.

Usage: .venv/bin/python benchmarks/watch.py [--articles 60] [--delay 0]. Asserts nothing.

The fake publisher of the tests (tests/watch/publisher.py) lists N short articles; a first round
fetches and ingests them all, a second finds nothing new (conditional requests, 304s). With
`--delay 0` the round runs as fast as this machine lets it, so the figures are the watch's own costs:
fetching (HTTP, robots.txt, the WARC archive), reading the HTML (trafilatura), extracting and storing.
A real round is paced by `delay` (seconds per request to one host): N articles take at least N × delay.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "watch"))

from publisher import Article, Publisher, serve, sources_toml  # noqa: E402

import zhibiao  # noqa: E402
from zhibiao.watch import run as watch_run  # noqa: E402
from zhibiao.watch.sources import load_sources  # noqa: E402


def publisher_with(n: int) -> Publisher:
    articles = {}
    for i in range(1, n + 1):
        path = f"/news/b{i}.html"
        articles[path] = Article(path, f"第{i}期工业生产简报",
                                 f"{1 + i % 12}月份,某市规模以上工业增加值{100 + i}.4亿元,同比增长{i % 9}.{i % 7}%。"
                                 f"其中,制造业增加值增长{i % 8}.5%。", "2026-11-20")
    return Publisher(feed=[], sitemap=[], articles=articles, listed=list(articles))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument("--delay", type=float, default=0.0)
    args = parser.parse_args()
    publisher = publisher_with(args.articles)
    server = serve(publisher)
    timings: dict[str, float] = {"fetch": 0.0, "read": 0.0, "ingest": 0.0}

    def timed(name, fn):
        def wrapper(*a, **k):
            start = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                timings[name] += time.perf_counter() - start
        return wrapper

    watch_run.Fetcher.get = timed("fetch", watch_run.Fetcher.get)
    watch_run._document = timed("read", watch_run._document)
    watch_run._ingest = timed("ingest", watch_run._ingest)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            (folder / "sources.toml").write_text(sources_toml(publisher, delay=args.delay, timeout=10,
                                                              max_bytes=10_000_000), encoding="utf-8")
            sources = load_sources(folder / "sources.toml")
            db = folder / "w.duckdb"
            for label in ("first round (everything new)", "second round (nothing new)"):
                for key in timings:
                    timings[key] = 0.0
                publisher.clear()
                start = time.perf_counter()
                with zhibiao.open(db) as store:
                    report = watch_run.watch(store, sources, once=True)
                seconds = time.perf_counter() - start
                warc = sum(p.stat().st_size for p in (folder / "w.warc").glob("*.warc.gz"))
                print(f"{label}: {seconds:.2f} s, {len(publisher.log)} requests, {report.stored} documents stored, "
                      f"{report.facts} facts")
                print(f"  fetching {timings['fetch']:.2f} s, reading HTML {timings['read']:.2f} s, "
                      f"extracting and storing {timings['ingest']:.2f} s"
                      + (f"; {seconds / max(report.stored, 1) * 1000:.0f} ms per article" if report.stored else ""))
                print(f"  WARC files so far: {warc / 1024:.0f} KB")
    finally:
        server.shutdown()
        server.server_close()


if __name__ == "__main__":
    main()
