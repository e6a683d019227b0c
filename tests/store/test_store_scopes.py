"""Programme scopes in the store: recorded with the link, filtered on, and each its own series."""

import json

import duckdb
import pytest
from typer.testing import CliRunner

import zhibiao
from tests.conftest import write_corpus
from zhibiao.cli import app
from zhibiao.store.schema import LATEST, MIGRATIONS

# Two provincial half-year reports written for these tests: pilot-test platforms in three scopes
# and projects started in two size classes.
CORPUS = {
    "p2024.txt": ("2024-07-20", "截至2024年6月底，全省中试平台达到300家，"
                  "重点培育中试平台40家，国家级制造业中试平台3个。"
                  "2024年上半年，全省亿元以上开工项目210个，50亿元以上开工项目9个。"),
    "p2025.txt": ("2025-07-20", "截至2025年6月底，全省中试平台达到360家，重点培育中试平台52家。"
                  "2025年上半年，全省亿元以上开工项目260个，50亿元以上开工项目11个。"),
}


@pytest.fixture
def scoped_db(tmp_path):
    path = tmp_path / "scopes.duckdb"
    with zhibiao.open(path) as store:
        report = store.ingest([write_corpus(tmp_path / "corpus", CORPUS)])
    assert report.added == 2
    return path


def _values(df) -> list[tuple]:
    return [(r.scope if isinstance(r.scope, str) else None, r.period, r.value) for r in df.itertuples()]


def test_store_series_of_one_indicator_is_split_by_scope(scoped_db):
    with zhibiao.open(scoped_db) as store:
        started = store.series("investment_projects_started")
        assert _values(started) == [("50亿元以上", "2024-H1", 9), ("50亿元以上", "2025-H1", 11),
                                    ("亿元以上", "2024-H1", 210), ("亿元以上", "2025-H1", 260)]
        assert not started["conflict"].any()  # 9 and 210 are not two sources disagreeing
        # A key with scope modifiers selects its scope; `scope=""` the unscoped facts.
        assert _values(store.series("50亿元以上开工项目")) == [
            ("50亿元以上", "2024-H1", 9), ("50亿元以上", "2025-H1", 11)]
        assert _values(store.series("pilot_test_platforms", scope="")) == [(None, "2024-06-30", 300),
                                                                           (None, "2025-06-30", 360)]
        assert sorted(store.facts(scope="重点培育")["value"]) == [40, 52]
        assert len(store.conflicts()) == 0
        counts = store.indicators().set_index("id")
        assert counts.loc["pilot_test_platforms", "scopes"] == "国家级、重点培育"
        assert counts.loc["pilot_test_platforms", "group"] == "中试"


def test_store_cli_series_and_facts_show_the_scope(scoped_db):
    runner = CliRunner()
    result = runner.invoke(app, ["series", "pilot_test_platforms", "--db", str(scoped_db), "--scope", "重点培育",
                                 "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["scope"], r["value"]) for r in rows] == [("重点培育", 40), ("重点培育", 52)]
    table = runner.invoke(app, ["facts", "--db", str(scoped_db), "--indicator", "pilot_test_platforms"])
    assert table.exit_code == 0 and "(国家级)" in table.stdout


def test_store_migration_2_adds_the_scope_and_relinks_old_facts(scoped_db):
    """A database written before scopes existed gets the column and its facts' scopes when next opened."""
    con = duckdb.connect(str(scoped_db))
    con.execute("DROP VIEW fact_provenance")
    con.execute("ALTER TABLE facts DROP COLUMN scope")
    con.execute("ALTER TABLE facts DROP COLUMN vintage")  # schema 4's column, which version 1 had not
    for statement in MIGRATIONS[0][2]:
        if statement.lstrip().startswith("CREATE VIEW"):
            con.execute(statement)
    con.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    con.close()
    with zhibiao.open(scoped_db) as store:
        store.ingest([])  # opening for writing migrates and relinks
        assert sorted(store.facts(scope="50亿元以上")["value"]) == [9, 11]
    con = duckdb.connect(str(scoped_db), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [(str(LATEST),)]
    con.close()


def test_store_migration_4_adds_the_vintage_to_a_version_2_database(scoped_db):
    con = duckdb.connect(str(scoped_db))
    con.execute("DROP VIEW fact_provenance")
    con.execute("ALTER TABLE facts DROP COLUMN vintage")
    con.execute(next(s for s in MIGRATIONS[0][2] if s.lstrip().startswith("CREATE VIEW")))
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.close()
    with zhibiao.open(scoped_db) as store:
        store.ingest([])  # opening for writing migrates
        facts = store.facts()
        assert "vintage" in facts.columns and facts["vintage"].isna().all() and len(facts) > 0
    con = duckdb.connect(str(scoped_db), read_only=True)
    assert con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchall() == [(str(LATEST),)]
    con.close()
