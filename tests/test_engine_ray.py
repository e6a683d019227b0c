"""--engine ray: the same facts as a local run, on a local Ray instance; the Parquet it writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import duckdb
import pytest
from test_parallel import DEMO, mixed_corpus, snapshot

import zhibiao
from zhibiao import pipeline
from zhibiao.catalogue import load_catalogue
from zhibiao.engines import rows
from zhibiao.engines.ray import EngineError, ingest_with_ray, shards
from zhibiao.ingest.read import iter_documents

pytestmark = pytest.mark.slow  # a local Ray instance starts

needs_ray = pytest.mark.skipif(importlib.util.find_spec("ray") is None,
                               reason="Ray is not installed (pip install 'zhibiao[ray]')")


def test_rows_round_trip_every_outcome_exactly() -> None:
    run = pipeline.ingest_worker(load_catalogue(), pipeline.Options())
    for n, item in enumerate(iter_documents([DEMO])):
        outcome = run((item, None))
        back = rows.from_row(rows.to_table([rows.to_row(n, outcome)]).to_pylist()[0])
        a, b = outcome.prepared, back.prepared
        assert (a.document, a.clean_text, a.content_hash, a.facts, a.derived) == (
            b.document, b.clean_text, b.content_hash, b.facts, b.derived)
        assert a.signature.bands == b.signature.bands
        assert a.signature.hashvalues.tolist() == b.signature.hashvalues.tolist()


def test_shards_keep_the_local_reading_order(tmp_path: Path) -> None:
    corpus = mixed_corpus(tmp_path / "corpus")
    groups, failures = shards([corpus, DEMO, tmp_path / "missing"])
    assert groups[0] == [corpus / "shard-0.jsonl.gz"]
    assert [f.name for f in groups[1]] == sorted(f.name for f in DEMO.iterdir() if f.suffix in (".txt", ".html"))
    assert [f.reason for f in failures] == ["no such file or directory"]


def test_index_option_is_refused(tmp_path: Path) -> None:
    with zhibiao.open(tmp_path / "x.duckdb") as store, pytest.raises(EngineError, match="--index"):
        ingest_with_ray(store, [DEMO], index=DEMO / "index.json")


@needs_ray
def test_ray_engine_stores_exactly_what_a_local_run_stores(tmp_path: Path) -> None:
    corpus = mixed_corpus(tmp_path / "corpus")
    with zhibiao.open(tmp_path / "local.duckdb") as store:
        local = store.ingest([corpus, DEMO], jobs=1)
    out = tmp_path / "ray-out"
    with zhibiao.open(tmp_path / "ray.duckdb") as store:
        remote = ingest_with_ray(store, [corpus, DEMO], num_cpus=2, output=out)
    assert snapshot(tmp_path / "ray.duckdb") == snapshot(tmp_path / "local.duckdb")
    assert (remote.added, remote.gated, remote.facts, remote.derived) == (local.added, local.gated, local.facts,
                                                                          local.derived)
    assert remote.failures == local.failures

    # The Parquet the job wrote is queryable as it is.
    con = duckdb.connect()
    files = [str(f) for f in out.rglob("*.parquet")]
    n = con.execute("SELECT count(*) FROM (SELECT unnest(facts) AS f FROM read_parquet(?)) WHERE NOT f.derived",
                    [files]).fetchone()[0]
    assert n == local.facts

    # Run again: everything is unchanged, and known to the workers.
    with zhibiao.open(tmp_path / "ray.duckdb") as store:
        again = ingest_with_ray(store, [corpus, DEMO], num_cpus=2)
    assert (again.unchanged, again.added) == (local.added, 0)
