"""The bigram search index: built beside the database, kept current, exact in any script."""

from datetime import date

import duckdb
import pytest

import zhibiao
from zhibiao.store.search import QueryError, SearchIndex, bigrams, index_path, query_terms


def test_store_search_query_terms_are_normalised_and_split():
    assert query_terms("規模以上工業增加值 上半年") == ["规模以上工业增加值", "上半年"]
    assert query_terms(" ＧＤＰ，增长3.8% ") == ["gdp", "增长3.8%"]
    assert query_terms("增长 增长") == ["增长"]
    assert set(bigrams("工业增加")) == {"工业", "业增", "增加"} and bigrams("增") == []


@pytest.mark.parametrize("bad", ["", "   ", "，、。", "增" * 101, " ".join("abcdefghij")])
def test_store_search_rejects_queries_with_nothing_to_search(bad):
    with pytest.raises(QueryError):
        query_terms(bad)


def test_store_search_finds_simplified_traditional_and_single_characters(db):
    with zhibiao.open(db) as store:
        simplified = store.search("规模以上工业增加值")
        traditional = store.search("規模以上工業增加值")
        assert simplified.total == traditional.total > 0
        assert [(h["doc"], h["seq"]) for h in simplified.hits] == [(h["doc"], h["seq"]) for h in traditional.hits]
        # Bigrams can match out of order; the terms themselves must be there.
        assert all("规模以上工业增加值" in h["subject"] + h["quote"] for h in simplified.hits)
        one = store.search("亿")
        assert one.total > 0 and all("亿" in h["quote"] or "亿" in h["subject"] for h in one.hits)
        both = store.search("5G 基站")
        assert {h["subject"] for h in both.hits} == {"5G基站"}
        assert store.search("基站5G").total == 0  # not a substring anywhere
        assert store.search("不存在的词").total == 0


def test_store_search_ranks_subject_matches_first_and_pages(db):
    with zhibiao.open(db) as store:
        everything = store.search("增长", limit=500)
        first = store.search("增长", limit=2)
        second = store.search("增长", limit=2, offset=2)
        assert first.total == second.total == everything.total
        ids = [(h["doc"], h["seq"]) for h in everything.hits]
        assert [(h["doc"], h["seq"]) for h in first.hits + second.hits] == ids[:4]
        assert store.search("增长", offset=10_000).hits == []
        assert store.search("增长", offset=10_000).total == everything.total
        gdp = store.search("国内生产总值")
        subjects = [h["subject"] for h in gdp.hits]
        assert subjects == sorted(subjects, key=lambda s: "国内生产总值" not in s)


def test_store_search_index_lives_beside_the_database_and_follows_ingests(tmp_path, db):
    sidecar = index_path(db)
    assert sidecar.name == "facts.search.duckdb"
    with zhibiao.open(db) as store:
        assert store.search("粮食").total == 0
        assert sidecar.exists()
    corpus = tmp_path / "more"
    corpus.mkdir()
    (corpus / "grain.txt").write_text("2024年,全国粮食总产量70650万吨,比上年增长1.6%。", encoding="utf-8")
    with zhibiao.open(db) as store:
        store.ingest([corpus], date=date(2024, 12, 13))
        hits = store.search("粮食总产量")
        assert hits.total == 2 and {h["doc"] for h in hits.hits} == {"grain"}


def test_store_search_index_is_reused_while_the_store_is_unchanged(db):
    store_con = duckdb.connect(str(db), read_only=True)
    index = SearchIndex(db)
    assert index.ensure(store_con) is True
    assert index.ensure(store_con) is False
    index.close()
    again = SearchIndex(db)
    assert again.ensure(store_con) is False  # the fingerprint was kept in the file
    assert again.size()["search_facts"] == store_con.execute("SELECT count(*) FROM facts").fetchall()[0][0]
    again.close()
    store_con.close()


def test_store_search_builds_in_memory_when_the_index_file_cannot_be_opened(db):
    index_path(db).mkdir()  # a folder where the file should be: duckdb cannot open it
    with zhibiao.open(db) as store:
        assert store.search("5G基站").total > 0
        assert store._search.path is None
