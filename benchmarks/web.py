"""Dashboard benchmark: response times of every page and JSON twin, and the search index, on the demo
database and on a larger one. Prints figures; asserts nothing.

Usage: .venv/bin/python benchmarks/web.py [--repeat 20] [--mb 3] [--db FILE] [--load-seconds 8] [--load-only]

For each database: the time to build the search index from scratch and its size, then per route the
time of the first request, then the median and 95th percentile over --repeat requests with the app's
page cache off, in process through httpx's ASGI transport (app time: queries, page building, rendering,
serialisation; no sockets), then the median with the cache on (what a served dashboard does on a repeat
visit) over real HTTP to uvicorn on loopback. The larger database is the corpus benchmarks/ingest.py
uses (the demo and ../shared dev corpora cycled with distinct ids until --mb megabytes), ingested into
a temporary file; --mb 0 skips it.

Then the load figure: `zhibiao serve` in its own process on a loopback port; the latency of a cached
/overview.json alone, then while 4 clients keep asking for indicator pages nobody asked for before
(each a new indicator, filter or offset, so each is built); and the ratio of the two medians (the
dashboard's promise: within 3x). --load-seconds 0 skips it.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus  # noqa: E402

import zhibiao  # noqa: E402
from zhibiao.store.search import SearchIndex, index_path  # noqa: E402
from zhibiao.web import create_app  # noqa: E402

REPO = Path(__file__).resolve().parents[1]


def routes(store: zhibiao.Store) -> list[str]:
    doc = store.facts(indicator="industrial_value_added", limit=1).iloc[0]
    evidence = f"/evidence/{quote(doc['doc'], safe='')}/{int(doc['seq'])}"
    return [
        "/", "/overview.json", "/indicators", "/indicators.json",
        "/indicator/industrial_value_added", "/indicator/industrial_value_added.json",
        "/indicator/industrial_value_added.json?measure=growth&period_type=H",
        "/indicator/industrial_value_added.csv", "/indicator/gdp",
        "/facts.json?measure=share&limit=200", evidence, evidence + ".json",
        "/search?q=" + quote("規模以上工業增加值 上半年"), "/search.json?q=" + quote("增长"),
        "/search.json?q=" + quote("亿"), "/conflicts", "/conflicts.json", "/documents.json", "/openapi.json",
        # the analyst's pages: ranges, downloads of what is charted, facets, catalogue search, compare, regions
        "/indicator/industrial_value_added?range=5y", "/indicator/industrial_value_added.xlsx",
        "/facts", "/facts.json?year=2024", "/documents", "/indicators", "/search.json?q=GDP",
        "/search.json?q=" + quote("增长") + "&region=" + quote("广东省"),
        "/compare?indicators=gdp,industrial_value_added", "/compare.json?indicators=gdp,industrial_value_added",
        "/compare.csv?indicators=gdp,industrial_value_added&regions=" + quote("全国,广东省"),
        "/indicator/gdp/regions", "/indicator/gdp/regions.json", "/region/" + quote("广东省"),
    ]


def in_process(app, paths: list[str], repeat: int) -> dict[str, tuple[float, float, float, int, int]]:
    async def go():
        out = {}
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for path in paths:
                start = time.perf_counter()
                first = await client.get(path)
                cold = (time.perf_counter() - start) * 1000
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    await client.get(path)
                    times.append((time.perf_counter() - start) * 1000)
                times.sort()
                p95 = times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))]
                out[path] = (cold, statistics.median(times), p95, len(first.content), first.status_code)
        return out

    return asyncio.run(go())


def over_http(app, paths: list[str], repeat: int) -> dict[str, float]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    out = {}
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            for path in paths:
                client.get(path)
                times = []
                for _ in range(repeat):
                    start = time.perf_counter()
                    client.get(path)
                    times.append((time.perf_counter() - start) * 1000)
                out[path] = statistics.median(times)
    finally:
        server.should_exit = True
        thread.join(10)
    return out


def index_build(db: Path) -> tuple[float, dict]:
    sidecar = index_path(db)
    sidecar.unlink(missing_ok=True)
    with zhibiao.open(db) as store:
        con = store._reader
        index = SearchIndex(db)
        start = time.perf_counter()
        index.ensure(con)
        seconds = time.perf_counter() - start
        size = index.size()
        index.close()
    size["file_mb"] = round(sidecar.stat().st_size / 1e6, 1)
    return seconds, size


def report(label: str, db: Path, repeat: int) -> None:
    with zhibiao.open(db) as store:
        counts = store.counts()
    seconds, size = index_build(db)
    print(f"\n== {label}: {counts['documents']} documents, {counts['facts']} facts ({db.name})")
    print(f"search index built in {seconds * 1000:.0f} ms: {size['search_grams']} bigram rows, "
          f"{size['file_mb']} MB file")
    uncached = create_app(db, cache_size=0)
    try:
        paths = routes(uncached.state.store)
        inproc = in_process(uncached, paths, repeat)
    finally:
        uncached.state.store.close()
    cached = create_app(db)
    try:
        http = over_http(cached, paths, repeat)
    finally:
        cached.state.store.close()
    print(f"{'route':<58} {'status':>6} {'KB':>7} {'first':>7} {'median':>7} {'p95':>7} {'cached':>7}  (ms)")
    for path in paths:
        cold, median, p95, size_bytes, status = inproc[path]
        print(f"{path[:58]:<58} {status:>6} {size_bytes / 1024:>7.1f} {cold:>7.1f} {median:>7.1f} {p95:>7.1f} "
              f"{http[path]:>7.1f}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _percentile(times: list[float], q: float) -> float:
    times = sorted(times)
    return times[min(len(times) - 1, int(round(q * (len(times) - 1))))]


def _uncached_pages(db: Path) -> itertools.cycle:
    """Indicator page URLs, each one the server has not built before (a new offset each round)."""
    with zhibiao.open(db) as store:
        catalogue = store.indicators()
    keys = [k for k, n in zip(catalogue["id"], catalogue["facts"], strict=True) if n > 0]
    queries = ["", "?measure=growth", "?period_type=H", "?period_type=M", "?measure=level"]

    def urls():
        for offset in itertools.count():
            for key in keys:
                for query in queries:
                    yield f"/indicator/{key}{query}{'&' if query else '?'}offset={offset}"

    return urls()


def load(db: Path, seconds: float, clients: int = 4) -> None:
    """Cached /overview.json alone and beside `clients` clients building uncached indicator pages."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "zhibiao.cli", "serve", "--db", str(db), "--port", str(port)],
                              stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/overview.json", timeout=30).raise_for_status()
                break
            except httpx.TransportError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)

        def probe(client: httpx.Client, until: float) -> list[float]:
            times = []
            while time.monotonic() < until:
                start = time.perf_counter()
                client.get("/overview.json").raise_for_status()
                times.append((time.perf_counter() - start) * 1000)
                time.sleep(0.01)
            return times

        with httpx.Client(base_url=base, timeout=60) as client:
            solo = probe(client, time.monotonic() + seconds / 2)
            pages = _uncached_pages(db)
            lock, stop, built = threading.Lock(), threading.Event(), []

            def worker():
                with httpx.Client(base_url=base, timeout=120) as c:
                    while not stop.is_set():
                        with lock:
                            url = next(pages)
                        start = time.perf_counter()
                        c.get(url)
                        built.append((time.perf_counter() - start) * 1000)

            threads = [threading.Thread(target=worker) for _ in range(clients)]
            for t in threads:
                t.start()
            time.sleep(0.5)
            loaded = probe(client, time.monotonic() + seconds)
            stop.set()
            for t in threads:
                t.join()
    finally:
        server.terminate()
        server.wait(10)
    ratio = statistics.median(loaded) / statistics.median(solo)
    print(f"\n== load on {db.name}: cached /overview.json, alone and beside {clients} clients "
          "on uncached indicator pages")
    print(f"alone:  {len(solo)} requests, median {statistics.median(solo):.1f} ms, "
          f"p95 {_percentile(solo, 0.95):.1f} ms")
    print(f"loaded: {len(loaded)} requests, median {statistics.median(loaded):.1f} ms, "
          f"p95 {_percentile(loaded, 0.95):.1f} ms"
          f"  ({len(built)} uncached pages built meanwhile, median {statistics.median(built):.0f} ms each)")
    print(f"ratio of medians: {ratio:.2f}x (promise: within 3x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--mb", type=float, default=3.0, help="size of the larger corpus (0: skip it)")
    parser.add_argument("--db", help="also (or only, with --mb 0) measure this database")
    parser.add_argument("--load-seconds", type=float, default=8.0,
                        help="seconds of the loopback load test per database (0: skip it)")
    parser.add_argument("--load-only", action="store_true", help="only the load test")
    parser.add_argument("--corpus", help=argparse.SUPPRESS)
    parser.add_argument("--keep", help="copy the larger database to this file (for screenshots, by hand)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp) / "demo.duckdb"
        with zhibiao.open(demo) as store:
            store.ingest([REPO / "examples" / "demo"])
        if not args.load_only:
            report("demo corpus", demo, args.repeat)
        if args.load_seconds > 0:
            load(demo, args.load_seconds)
        if args.mb > 0:
            big = Path(tmp) / "large.duckdb"
            corpus = build_corpus(args)
            start = time.perf_counter()
            with zhibiao.open(big) as store:
                store.ingest_documents(corpus)
            print(f"\n(ingested {len(corpus)} documents for the larger database in "
                  f"{time.perf_counter() - start:.0f} s)")
            if not args.load_only:
                report(f"{args.mb:g} MB corpus", big, args.repeat)
            if args.load_seconds > 0:
                load(big, args.load_seconds)
            if args.keep:
                shutil.copyfile(big, args.keep)
    if args.db:
        report("given database", Path(args.db), args.repeat)


if __name__ == "__main__":
    main()
