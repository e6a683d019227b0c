"""The fact store: a DuckDB file of documents, facts, stories and derived facts.

    schema.py    tables and numbered migrations
    writer.py    the single writer (whole documents per transaction)
    queries.py   reads, as DataFrames
    database.py  Store: connections, locking, ingest
"""

from zhibiao.store.database import DEFAULT_DB, ENV_DB, IngestReport, Store, default_path

__all__ = ["DEFAULT_DB", "ENV_DB", "IngestReport", "Store", "default_path"]
