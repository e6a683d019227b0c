"""The fact store: a DuckDB file of documents, facts, stories and derived facts.

    schema.py    tables and numbered migrations
    writer.py    the single writer (whole documents per transaction)
    queries.py   reads, as DataFrames
    search.py    the character-bigram index behind search
    database.py  Database: connections, locking, the writer's loop, reads

The store takes documents already prepared (zhibiao.prepare) and imports nothing that reads,
extracts or builds series: zhibiao.handle.Store (what `zhibiao.open` returns) adds those.
"""

from zhibiao.store.paths import DEFAULT_DB, ENV_DB, default_path

__all__ = ["DEFAULT_DB", "ENV_DB", "Database", "IngestReport", "default_path"]


def __getattr__(name: str):
    # DuckDB, pandas and datasketch load with the first Store, not with the package.
    if name in ("Database", "IngestReport"):
        from zhibiao.store import database

        return getattr(database, name)
    raise AttributeError(f"module 'zhibiao.store' has no attribute {name!r}")
