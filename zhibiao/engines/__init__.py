"""Adapters that run the per-document step (zhibiao.pipeline.process) on a distributed engine.

    rows.py   outcomes <-> flat rows (the Parquet an engine writes, queryable with DuckDB)
    ray.py    Ray Data: shards -> map_batches(extractor loaded once per worker) -> Parquet -> store
"""
