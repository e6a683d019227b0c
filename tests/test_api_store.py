"""The Python API over the store: zhibiao.open(...).series/.facts/.documents/.conflicts."""

import pandas as pd

import zhibiao


def test_api_open_series_is_a_dataframe_ordered_by_period(db):
    df = zhibiao.open(db).series("industrial_value_added", measure="growth")
    assert isinstance(df, pd.DataFrame)
    assert list(df["period"]) == ["2023-Q1", "2023-03", "2023-H1", "2023-Q2"]
    h1 = df.set_index("period").loc["2023-H1"]
    assert (h1["value"], h1["unit"], h1["stories"], h1["copies"], h1["conflict"]) == (3.8, "%", 1, 2, False)
    assert h1["doc"] == "h1" and "3.8%" in h1["quote"]


def test_api_facts_filters_and_period_spellings(db):
    store = zhibiao.open(db)
    by_alias = store.facts(indicator="规上工业增加值", period="2023-01/2023-06")
    assert set(by_alias["period"]) == {"2023-H1"} and set(by_alias["doc"]) == {"h1", "h1-repost"}
    assert len(store.facts(subject="5G基站")) == 2
    assert store.facts(period_type="point")["value"].tolist() == [2937000.0, 2937000.0]
    store.close()


def test_api_documents_and_conflicts(db):
    with zhibiao.open(db) as store:
        docs = store.documents()
        assert {"id", "url", "title", "published", "story", "copies", "content_hash"} <= set(docs.columns)
        assert "original_text" not in docs.columns and "clean_text" in store.documents(text=True).columns
        assert store.conflicts().empty  # gdp-revised revises gdp-prelim: a vintage, not a conflict
        gdp = store.series("gdp").set_index("period")
        assert (gdp.loc["2023", "value"], gdp.loc["2023", "vintage"], bool(gdp.loc["2023", "conflict"])) == (
            5.4, "revised", False)
        assert gdp.loc["2023", "history"] == "5.2 preliminary (gdp-prelim, 2024-01-17)"


def test_api_store_ingest_returns_a_report(tmp_path, corpus):
    store = zhibiao.open(tmp_path / "api.duckdb")
    report = store.ingest([corpus])
    assert isinstance(report, zhibiao.IngestReport)
    assert (report.seen, report.added, report.stored) == (5, 5, 5) and report.facts > 0 and report.derived == 2
    other = zhibiao.open(tmp_path / "api.duckdb")  # a second handle can read: the writer let go
    assert len(other.documents()) == 5
    other.close()


def test_api_default_path_is_env_or_working_directory(monkeypatch, tmp_path):
    monkeypatch.delenv("ZHIBIAO_DB", raising=False)
    assert str(zhibiao.open().path) == "zhibiao.duckdb"
    monkeypatch.setenv("ZHIBIAO_DB", str(tmp_path / "e.duckdb"))
    assert zhibiao.open().path == tmp_path / "e.duckdb"
