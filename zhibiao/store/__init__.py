"""The fact store: a DuckDB file of documents, facts, stories and derived facts.

    schema.py    tables and numbered migrations
    writer.py    the single writer (whole documents per transaction)
    queries.py   reads, as DataFrames
    database.py  Store: connections, locking, ingest
"""

from zhibiao.store.paths import DEFAULT_DB, ENV_DB, default_path

__all__ = ["DEFAULT_DB", "ENV_DB", "IngestReport", "Store", "default_path"]


def __getattr__(name: str):
    # DuckDB, pandas and datasketch load with the first Store, not with the package.
    if name in ("Store", "IngestReport"):
        from zhibiao.store import database

        return getattr(database, name)
    raise AttributeError(f"module 'zhibiao.store' has no attribute {name!r}")
