"""zhibiao.ingesting: reading and extracting orchestrated above the store, whose Database only writes
prepared outcomes; zhibiao.handle.Store puts them together for `zhibiao.open`."""

import pytest

import zhibiao
from zhibiao import ingesting
from zhibiao.handle import Store
from zhibiao.models import Document, ReadFailure
from zhibiao.prepare import Outcome
from zhibiao.store import Database

DOC = Document("a", "2023年上半年,全国规模以上工业增加值同比增长3.8%。", "a.txt")


def test_ingesting_stores_through_a_plain_database(tmp_path, corpus):
    with Database(tmp_path / "plain.duckdb") as db:
        report = ingesting.ingest(db, [corpus])
        assert report.added == db.counts()["documents"] > 0 and not report.failures
        again = ingesting.ingest(db, [corpus])
    assert (again.added, again.unchanged) == (0, report.added)


@pytest.mark.parametrize(("items", "expected"), [
    ([DOC], (1, 0, 0)),
    ([DOC, ReadFailure("b.txt", "empty file")], (1, 0, 1)),
    ([ReadFailure("b.txt", "empty file")], (0, 0, 1)),
])
def test_ingesting_documents_counts_each_outcome(tmp_path, items, expected):
    with Database(tmp_path / "items.duckdb") as db:
        report = ingesting.ingest_documents(db, items, gate=False)
    assert (report.added, report.unchanged, len(report.failures)) == expected


def test_ingesting_the_database_writes_outcomes_in_order(tmp_path):
    with Database(tmp_path / "outcomes.duckdb") as db:
        report = db.ingest_outcomes([Outcome("gated", "x.txt"), Outcome("failed", "y.txt",
                                                                        failure=ReadFailure("y.txt", "bad"))])
    assert (report.seen, report.gated, [f.source for f in report.failures]) == (2, 1, ["y.txt"])


@pytest.mark.parametrize("method", ["ingest", "ingest_documents", "series", "conflicts", "consistency", "report",
                                    "changes"])
def test_ingesting_is_the_handles_not_the_stores(method):
    assert hasattr(Store, method) and not hasattr(Database, method)


def test_ingesting_open_returns_the_handle_and_its_readers_too(db):
    with zhibiao.open(db) as store:
        assert isinstance(store, Store) and isinstance(store.reader(), Store)
        assert not store.reader().series("industrial_value_added").empty
