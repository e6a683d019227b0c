"""The reads the dashboard needs: many series in one query, one document, its facts, its story."""

import zhibiao


def test_store_series_records_match_series(db):
    with zhibiao.open(db) as store:
        many = store.series_records(["industrial_value_added", "base_stations_5g", "5G基站总数", "nothing"])
        one = store.series("industrial_value_added")
        assert [r["period"] for r in many["industrial_value_added"]] == list(one["period"])
        assert [r["seq"] for r in many["industrial_value_added"]] == list(one["seq"])
        assert many["5G基站总数"] == many["base_stations_5g"] and many["nothing"] == []
        every = store.series_records(["industrial_value_added"], all_measures=True)["industrial_value_added"]
        assert {r["measure"] for r in every} == {"growth", "growth_change"}
        assert store.series_records(["industrial_value_added"], region="湖北省")["industrial_value_added"] == []


def test_store_series_and_conflicts_name_the_fact_behind_each_value(db):
    with zhibiao.open(db) as store:
        row = store.series("industrial_value_added").set_index("period").loc["2023-H1"]
        fact = store.document_facts(row["doc"], int(row["seq"]))[0]
        assert fact["value"] == row["value"] and fact["period"] == "2023-H1"
        # a revised figure and the earlier vintage it keeps name their facts too
        (gdp,) = store.series_records(["gdp"])["gdp"]
        assert store.document_facts(gdp["doc"], gdp["seq"])[0]["value"] == gdp["value"] == 5.4
        (earlier,) = gdp["vintages"]
        fact = store.document_facts(earlier["doc"], earlier["seq"])[0]
        assert (fact["value"], fact["vintage"], earlier["vintage"]) == (5.2, "preliminary", "preliminary")


def test_store_document_story_and_counts(db):
    with zhibiao.open(db) as store:
        doc = store.document("h1-repost")
        assert doc["copies"] == 2 and "國家統計局" in doc["original_text"] and "国家统计局" in doc["clean_text"]
        assert [d["id"] for d in store.story_documents(doc["story"])] == ["h1", "h1-repost"]
        assert store.document("nope") is None and store.document_facts("nope") == []
        assert store.counts()["stories"] == 4
        assert store.count_facts(indicator="规上工业增加值") == len(store.facts(indicator="industrial_value_added"))
        page = store.facts(limit=2, offset=1)
        assert list(page["seq"]) == list(store.facts()["seq"][1:3])


def test_store_readers_answer_from_several_threads_at_once(db):
    from concurrent.futures import ThreadPoolExecutor

    import zhibiao

    with zhibiao.open(db) as store:
        expected = store.facts()
        readers = [store.reader() for _ in range(4)]
        with ThreadPoolExecutor(4) as pool:
            results = list(pool.map(lambda r: [r.facts() for _ in range(5)], readers))
        assert all(run.equals(expected) for rounds in results for run in rounds)
        assert all(r.search("工业增加值").total == store.search("工业增加值").total > 0 for r in readers)
    assert all(r._con is None for r in readers)  # closed with the store they came from
