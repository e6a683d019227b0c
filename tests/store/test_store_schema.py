"""Schema versions and migrations; opening databases that are not what they should be."""

import duckdb
import pytest

import zhibiao
from zhibiao.errors import StoreError
from zhibiao.store.schema import LATEST, current_version, get_meta, migrate


def test_store_schema_migrations_apply_in_order_once(tmp_path):
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    steps = ((1, "a", ("CREATE TABLE a (x INTEGER)",)), (2, "b", ("CREATE TABLE b (y INTEGER)",)))
    assert migrate(con, steps[:1]) == [1]
    assert current_version(con) == 1
    assert migrate(con, steps) == [2]
    assert migrate(con, steps) == []
    assert get_meta(con, "schema_version") == "2"
    con.close()


def test_store_schema_a_failed_migration_leaves_the_previous_version(tmp_path):
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    steps = ((1, "a", ("CREATE TABLE a (x INTEGER)",)), (2, "bad", ("CREATE TABLE b (y INTEGER)", "NOT SQL")))
    with pytest.raises(duckdb.Error):
        migrate(con, steps)
    assert current_version(con) == 1
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "b" not in tables
    con.close()


def test_store_schema_new_database_is_at_the_latest_version(db):
    con = duckdb.connect(str(db), read_only=True)
    assert current_version(con) == LATEST
    con.close()


def test_store_refuses_a_database_from_a_newer_zhibiao(db):
    con = duckdb.connect(str(db))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(LATEST + 1)])
    con.close()
    with pytest.raises(StoreError, match="newer zhibiao"), zhibiao.open(db) as store:
        store.facts()


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such database"), (b"not a database at all" * 100, str)],
)
def test_store_reading_something_that_is_not_a_database_is_a_one_line_error(tmp_path, content, message):
    path = tmp_path / "x.duckdb"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(StoreError) as info, zhibiao.open(path) as store:
        store.series("gdp")
    text = str(info.value)
    assert text.startswith(f"database {path}") and "\n" not in text
    if isinstance(message, str):
        assert message in text


def test_store_an_empty_duckdb_file_is_not_a_zhibiao_database(tmp_path):
    path = tmp_path / "other.duckdb"
    duckdb.connect(str(path)).close()
    with pytest.raises(StoreError, match="not a zhibiao database"), zhibiao.open(path) as store:
        store.facts()


def test_store_catalogue_change_relinks_stored_facts(db):
    con = duckdb.connect(str(db))
    con.execute("UPDATE facts SET indicator = NULL")
    con.execute("UPDATE meta SET value = 'stale' WHERE key = 'catalogue'")
    con.close()
    with zhibiao.open(db) as store:
        store.ingest([])  # any write brings links up to date
        assert store.facts(indicator="gdp")["doc"].nunique() == 2
