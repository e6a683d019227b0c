"""`zhibiao ingest --engine ray`: the per-document step on Ray Data, the store written once at the end.

The extractor is a pure function of a document, so the engine is an adapter:

1. the inputs become a dataset of one row per shard: a stream file (JSON Lines, gzip/zstd JSON
   Lines, Parquet, WARC) is a shard, and .txt/.html files are grouped 64 to a shard;
2. `map_batches(ShardExtractor)` runs on a pool of actors, each of which loads the rule tables and
   the catalogue once; an actor streams its shard through the same reader as a local run
   (zhibiao.ingest.read) and the same step (zhibiao.pipeline.process: gate, extract, link, derive,
   sign), yielding rows of a few dozen documents at a time (zhibiao.engines.rows);
3. the rows are written as Parquet (`--ray-output DIR` keeps them; DuckDB reads them directly,
   facts included, see rows.py);
4. the driver loads them into the store with the single writer, in input order (shard, then
   record), checking ids across shards as a local run does, so the store holds the same facts and
   stories as `--jobs 1`.

A shard is the unit of parallelism: give at least as many shards as CPUs. --index is not taken
(index.json files next to the documents are). On a cluster:

    ray job submit --address http://HEAD:8265 --runtime-env-json '{"pip": ["zhibiao[ray]"]}' -- \\
        zhibiao ingest /shared/corpus --engine ray --ray-address auto \\
        --ray-output /shared/facts --db /shared/zhibiao.duckdb
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from zhibiao import pipeline
from zhibiao.catalogue import Catalogue
from zhibiao.engines import rows
from zhibiao.errors import ZhibiaoError
from zhibiao.ingest.read import iter_documents
from zhibiao.ingest.stream import stream_kind
from zhibiao.models import ReadFailure

ROWS_PER_BATCH = 64
FILES_PER_SHARD = 64


class EngineError(ZhibiaoError):
    """The engine cannot run as asked (Ray missing, inputs it cannot shard)."""


def shards(paths: Iterable[str | Path]) -> tuple[list[list[Path]], list[ReadFailure]]:
    """The shards under `paths`, in the order a local run reads them, and the paths that are missing.

    A stream file (JSON Lines, Parquet, WARC) is a shard of its own; consecutive small files (.txt,
    .html) are grouped FILES_PER_SHARD to a shard.
    """
    from zhibiao.ingest.read import SKIPPED_NAMES, is_supported

    groups: list[list[Path]] = []
    failures: list[ReadFailure] = []
    seen: set[Path] = set()
    small: list[Path] = []

    def close_small() -> None:
        if small:
            groups.append(list(small))
            small.clear()

    for path in map(Path, paths):
        if path.is_dir():
            files = sorted((f for f in path.rglob("*") if f.is_file() and not _hidden(f, path)
                            and f.name not in SKIPPED_NAMES and is_supported(f.name)),
                           key=lambda f: f.relative_to(path).parts)
        elif path.exists():
            files = [path]
        else:
            failures.append(ReadFailure(str(path), "no such file or directory"))
            continue
        for file in files:
            if file.resolve() in seen:
                continue
            seen.add(file.resolve())
            if _is_stream(file):
                close_small()
                groups.append([file])
            else:
                small.append(file)
                if len(small) >= FILES_PER_SHARD:
                    close_small()
    close_small()
    return groups, failures


def _is_stream(path: Path) -> bool:
    return path.suffix.lower() == ".jsonl" or stream_kind(path) is not None


def _hidden(file: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in file.relative_to(root).parts)


class ShardExtractor:
    """A Ray actor: loads the extractor once, then turns shards into outcome rows."""

    def __init__(self, catalogue: Catalogue, options: pipeline.Options, known: dict[str, str],
                 default_date: date | None):
        import ray

        self.run = pipeline.ingest_worker(catalogue, options)  # rule tables, converters, gate: loaded here
        self.known = ray.get(known) if isinstance(known, ray.ObjectRef) else known
        self.default_date = default_date

    def __call__(self, batch: dict) -> Iterator:
        for shard, files in zip(batch["shard"], batch["files"], strict=True):
            out: list[dict] = []
            items = iter_documents([Path(f) for f in files], default_date=self.default_date, defer_html=True)
            for record, item in enumerate(items):
                known = None if isinstance(item, ReadFailure) else self.known.get(item.id)
                out.append(rows.to_row(rows.seq_of(int(shard), record), self.run((item, known))))
                if len(out) >= ROWS_PER_BATCH:
                    yield _columns(out)
                    out = []
            if out:
                yield _columns(out)


def _columns(batch: list[dict]):
    return rows.to_table(batch)  # Arrow with the fixed schema: every Parquet file alike


def run_ray(shard_files: list[list[Path]], output: Path, *, catalogue: Catalogue, options: pipeline.Options,
            known: dict[str, str], default_date: date | None, address: str | None = None,
            num_cpus: int | None = None) -> None:
    """Write the outcome rows of every shard as Parquet files under `output` (a Ray Data job)."""
    try:
        import ray
        import ray.data
    except ImportError:
        raise EngineError("--engine ray needs Ray: pip install 'zhibiao[ray]'") from None
    for name in ("ray", "ray.data"):
        logging.getLogger(name).setLevel(logging.WARNING)
    started = False
    if not ray.is_initialized():
        kwargs: dict[str, Any] = {"include_dashboard": False, "log_to_driver": False, "logging_level": logging.WARNING}
        if address is None:
            kwargs["num_cpus"] = num_cpus or os.cpu_count() or 1
        ray.init(address=address, **kwargs)
        started = True
    try:
        context = ray.data.DataContext.get_current()
        context.enable_progress_bars = False
        context.print_on_execution_start = False
        cpus = int(ray.cluster_resources().get("CPU", 1))
        actors = max(1, min(len(shard_files), num_cpus or cpus, cpus))
        table = [{"shard": i, "files": [str(f) for f in files]} for i, files in enumerate(shard_files)]
        items = ray.data.from_items(table, override_num_blocks=max(1, len(table)))
        ds = items.map_batches(ShardExtractor, batch_size=1, compute=ray.data.ActorPoolStrategy(size=actors),
                               num_cpus=1,
                               fn_constructor_kwargs={"catalogue": catalogue, "options": options,
                                                      "known": known, "default_date": default_date})
        ds.write_parquet(str(output))
    finally:
        if started:
            ray.shutdown()


def load_outcomes(output: Path) -> Iterator[pipeline.Outcome]:
    """The outcomes in a Ray output folder, in input order (DuckDB sorts them by seq, streaming);
    a document id already used by an earlier shard becomes a failure, as in a local run."""
    import duckdb

    files = sorted(str(f) for f in output.rglob("*.parquet"))
    if not files:
        return
    con = duckdb.connect(config={"threads": 1, "preserve_insertion_order": False})
    try:
        relation = con.sql("SELECT * FROM read_parquet($files) ORDER BY seq", params={"files": files})
        reader = (getattr(relation, "to_arrow_reader", None) or relation.fetch_arrow_reader)(256)  # DuckDB 2 / 1
        seen: dict[str, str] = {}
        for batch in reader:
            for row in batch.to_pylist():
                outcome = rows.from_row(row)
                doc_id = row["id"]
                if doc_id is not None:
                    first = seen.setdefault(doc_id, outcome.source)
                    if first != outcome.source:
                        reason = f"duplicate document id {doc_id!r} (already used by {first})"
                        outcome = pipeline.Outcome("failed", outcome.source,
                                                   failure=ReadFailure(outcome.source, reason), gate=outcome.gate)
                yield outcome
    finally:
        con.close()


def ingest_with_ray(store, paths: Iterable[str | Path], *, index: str | Path | None = None, date: date | None = None,
                    force: bool = False, batch_size: int | None = None, progress=None, gate: bool = True,
                    address: str | None = None, num_cpus: int | None = None, output: Path | None = None):
    """Store.ingest on Ray: same inputs (as shards), same report, same stored facts."""
    from zhibiao.store.writer import BATCH_SIZE

    if index is not None:
        raise EngineError("--index is not supported with --engine ray (give ids and dates in the records)")
    shard_files, failures = shards(paths)
    known = _known(store)
    options = pipeline.Options(force=force, gate=gate)
    keep = output is not None
    folder = Path(output) if output is not None else Path(tempfile.mkdtemp(prefix="zhibiao-ray-"))
    if keep and folder.exists() and any(folder.rglob("*.parquet")):
        raise EngineError(f"{folder}: already holds Parquet files; give an empty or new folder")
    try:
        if shard_files:
            run_ray(shard_files, folder, catalogue=store.catalogue, options=options, known=known,
                    default_date=date, address=address, num_cpus=num_cpus)
        outcomes = _chain((pipeline.Outcome("failed", f.source, failure=f) for f in failures), load_outcomes(folder))
        return store.ingest_outcomes(outcomes, batch_size=batch_size or BATCH_SIZE, progress=progress,
                                     force=force)
    finally:
        if not keep:
            shutil.rmtree(folder, ignore_errors=True)


def _chain(*iterables):
    for iterable in iterables:
        yield from iterable


def _known(store) -> dict[str, str]:
    """id -> content hash of the documents already stored (empty for a new database)."""
    import duckdb

    if not store.path.exists():
        return {}
    try:
        con = duckdb.connect(str(store.path), read_only=True)
    except duckdb.Error:
        return {}  # let the writer report what is wrong with the file
    try:
        return dict(con.execute("SELECT id, content_hash FROM documents").fetchall())
    except duckdb.Error:
        return {}
    finally:
        con.close()
