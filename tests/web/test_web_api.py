"""Every route in-process: pages and their JSON twins agree, errors are clean 4xx, never a 500."""

import csv
import io
import re
from datetime import date
from html.parser import HTMLParser
from urllib.parse import quote, urlsplit

import pytest

import zhibiao
from zhibiao.web import create_app
from zhibiao.web.timeaxis import span

DEMO_H1 = {"2012-H1": 10.5, "2013-H1": 9.3, "2014-H1": 8.8, "2015-H1": 6.3, "2016-H1": 6.0, "2017-H1": 6.9,
           "2018-H1": 6.7, "2019-H1": 6.0, "2020-H1": -1.3, "2021-H1": 15.9, "2022-H1": 3.4, "2023-H1": 3.8,
           "2024-H1": 6.0, "2025-H1": 6.4}


def _json(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.text[:300])
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def _html(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.text[:300])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


# -- overview and catalogue ------------------------------------------------------------------------


def test_web_overview_shows_latest_value_trend_period_and_sources(client, demo_db):
    d = _json(client, "/overview.json")
    cards = {c["id"]: c for s in d["sections"] for c in s["cards"]}
    cards.update({c["id"]: c for g in d["programmes"] for c in g["programmes"]})
    iva = cards["industrial_value_added"]
    assert iva["region"] == "全国" and iva["latest"]["period"] == "2025-H1" and iva["latest"]["value"] == 6.4
    assert iva["latest"]["stories"] == 1 and iva["latest"]["evidence"].startswith("/evidence/")
    assert iva["trend_type"] == "H" and [t["value"] for t in iva["trend"]] == list(DEMO_H1.values())
    assert sum(segment.count(",") for segment in iva["sparkline"]) == len(DEMO_H1)
    assert cards["base_stations_5g"]["latest"]["value"] == 4251000.0
    assert cards["industrial_profits"]["latest"] is None  # in the catalogue, not in the demo corpus
    without = {i["id"] for g in d["programmes"] for i in g["without_data"]}
    assert "pilot_test_platforms" in without and "base_stations_5g" not in without
    stored = zhibiao.open(demo_db).counts()  # the store, read directly (the extractor sets the fact count)
    assert d["totals"] == {"documents": 25, "facts": stored["facts"], "stories": 23, "conflicts": 2,
                           "indicators": 28}
    html = _html(client, "/")
    assert "规模以上工业增加值" in html and "Value added of industry above designated size" in html
    assert "2025年上半年" in html and "6.4%" in html and 'href="/overview.json"' in html


@pytest.mark.parametrize("region", [None, "全国", "广东省"])
def test_web_overview_never_shows_another_region_under_a_card(client, demo_db, region):
    d = _json(client, "/overview.json" + (f"?region={region}" if region else ""))
    assert d["region"] == (region or "全国") and d["regions"][0]["region"] == "全国"
    store = zhibiao.open(demo_db)
    for card in (c for s in d["sections"] for c in s["cards"]):
        assert card["region"] == d["region"]
        if card["latest"] is None:
            continue
        latest = card["latest"]
        assert latest["region"] == d["region"] and latest["period_type"] == card["period_type"]
        assert {t["period"] for t in card["trend"]} >= {latest["period"]}
        # every point of the trend is of the headline's period type, and the headline is its newest
        types = {store.facts(indicator=card["id"], period=t["period"], region=d["region"])["period_type"].iloc[0]
                 for t in card["trend"]}
        assert types == {card["period_type"]} and card["trend"][-1]["period"] == latest["period"]
    store.close()


def test_web_overview_marks_stale_figures_and_spaces_the_sparkline_in_time(client):
    d = _json(client, "/overview.json")
    cards = {c["id"]: c for s in d["sections"] for c in s["cards"]}
    assert d["as_of"] == "2025-07-16"
    assert not cards["industrial_value_added"]["stale"] and cards["industrial_value_added"]["age_days"] == 16
    retail = cards["retail_sales"]  # a 2023 annual figure, 563 days before the newest document
    assert retail["stale"] and retail["period_type"] == "Y" and retail["age_days"] > retail["stale_after_days"]
    gdp = cards["gdp"]  # quarters 2023-Q1…Q4, 2024-Q1, 2025-Q1, Q2: the line breaks at the missing quarters
    assert gdp["period_type"] == "Q" and len(gdp["sparkline"]) == 2
    xs = [float(p.split(",")[0]) for segment in gdp["sparkline"] for p in segment.split()]
    ends = [date.fromisoformat(t["end"]) for t in gdp["trend"]]
    span = (ends[-1] - ends[0]).days
    for x, end in zip(xs, ends, strict=True):  # x is proportional to the period's end date
        assert abs(x - (2 + (end - ends[0]).days / span * 116)) < 0.1
    html = _html(client, "/")
    assert "过时 stale" in html and 'name="region"' in html
    assert f'href="{cards["gdp"]["latest"]["evidence"]}"' in html  # the number links to its sentence


def test_web_indicators_lists_the_catalogue_with_counts(client):
    d = _json(client, "/indicators.json")
    by_id = {i["id"]: i for i in d["indicators"]}
    assert by_id["industrial_value_added"]["facts"] == 77 and by_id["cpi"]["facts"] == 0
    assert d["indicators"][0]["id"] == "industrial_value_added"  # most facts first
    assert any(u["subject"] == "新能源汽车销量" for u in d["unlinked"])
    assert "专精特新" in _html(client, "/indicators")


def test_web_indicators_are_a_tree_by_group(client):
    d = _json(client, "/indicators.json")
    groups = {g["group"]: g for g in d["groups"]}
    assert list(groups)[:2] == ["工业经济运行", "宏观经济"] and groups["中试"]["programme"]
    assert sum(len(g["indicators"]) for g in d["groups"]) == len(d["indicators"])
    members = {i["id"]: g["group"] for g in d["groups"] for i in g["indicators"]}
    assert members["pilot_test_platforms"] == "中试" and members["base_stations_5g"] == "信息通信"
    assert all(i["definition"] for i in d["indicators"])
    html = _html(client, "/indicators")
    assert html.count('<details class="group"') == len(d["groups"])
    assert html.index("工业经济运行") < html.index("industrial_value_added") < html.index("招商引资")


# -- indicator page --------------------------------------------------------------------------------


def test_web_indicator_charts_split_by_measure_and_basis_on_a_time_axis(client, demo_app):
    d = _json(client, "/indicator/industrial_value_added.json")
    assert d["indicator"]["name_en"].startswith("Value added") and d["chart_region"] == "全国"
    charts = {c["id"]: c for c in d["charts"]}
    assert list(charts)[0] == "growth-yoy-pct"  # the indicator's own measure first
    growth = charts["growth-yoy-pct"]
    expected = demo_app.state.store.series("industrial_value_added", measure="growth", region="全国", basis="yoy")
    assert len(growth["points"]) == len(expected)
    h1 = {p["period"]: p for p in growth["points"] if p["period_type"] == "H"}
    assert {k: p["value"] for k, p in h1.items()} == DEMO_H1
    assert (h1["2025-H1"]["start"], h1["2025-H1"]["end"]) == ("2025-01-01", "2025-06-30")
    for p in growth["points"]:
        start, end = span(p["period"])
        assert (p["start"], p["end"]) == (start.isoformat(), end.isoformat())
        assert re.fullmatch(r"/evidence/[^/]+/\d+", p["evidence"])
    ends = [p["end"] for p in growth["points"]]
    assert ends == sorted(ends)
    assert any(p["derived"] for p in growth["points"])  # 2024-Q1 implied by 2024-H1 and its change
    assert "growth-mom-pct" in charts
    # changes in points are split by what they compare with, one chart each
    changes = {c: charts[c] for c in charts if c.startswith("growth_change-")}
    assert {"growth_change-vs_previous_period-pp", "growth_change-vs_earlier_period-pp",
            "growth_change-vs_same_period_last_year-pp"} <= set(changes)
    for chart in changes.values():
        assert len({p["comparison"] for p in chart["points"]}) == 1 and chart["comparison"] in chart["id"]
    assert d["total"] == 77 and len(d["facts"]) == 77


def test_web_indicator_approximate_and_conflicting_points_are_flagged(client):
    gdp = _json(client, "/indicator/gdp.json")
    year = {p["period"]: p for c in gdp["charts"] if c["id"] == "growth-yoy-pct" for p in c["points"]}
    # 2023 was revised (5.2 preliminary, 5.4 after the census): one point, the history kept, no conflict
    assert not year["2023"]["conflict"] and year["2023"]["value"] == 5.4 and year["2023"]["vintage"] == "revised"
    assert [(h["value"], h["vintage"]) for h in year["2023"]["vintages"]] == [(5.2, "preliminary")]
    high_tech = _json(client, "/indicator/high_tech_manufacturing_value_added.json")
    half = {p["period"]: p for c in high_tech["charts"] if c["id"] == "growth-yoy-pct" for p in c["points"]}
    assert half["2024-H1"]["conflict"] and "8.4 copy (repost-2024-h1-industry-changed)" in half["2024-H1"]["dissent"]
    users = _json(client, "/indicator/mobile_users_5g.json")
    approx = [p for c in users["charts"] for p in c["points"] if p["approx"]]
    assert approx and all(p["qualifier"] != "exact" for p in approx)


def test_web_indicator_filters_apply_to_charts_and_table(client):
    d = _json(client, "/indicator/industrial_value_added.json?measure=growth&period_type=H&region=全国")
    assert [c["id"] for c in d["charts"]] == ["growth-yoy-pct"]
    assert {p["period"]: p["value"] for p in d["charts"][0]["points"]} == DEMO_H1
    assert d["facts"] and all(f["period_type"] == "H" and f["measure"] == "growth" for f in d["facts"])
    assert d["total"] == 17
    other = _json(client, "/indicator/gdp.json?region=广东省")
    assert other["chart_region"] == "广东省"
    assert {p["region"] for c in other["charts"] for p in c["points"]} == {"广东省"}
    paged = _json(client, "/indicator/industrial_value_added.json?limit=5&offset=5")
    assert len(paged["facts"]) == 5 and paged["total"] == 77
    assert paged["facts"][0]["seq"] == _json(client, "/indicator/industrial_value_added.json")["facts"][5]["seq"]
    none = _json(client, "/indicator/industrial_value_added.json?region=火星")
    assert none["charts"] == [] and none["facts"] == [] and none["total"] == 0


def test_web_indicator_page_embeds_its_chart_data(client):
    html = _html(client, "/indicator/industrial_value_added")
    twin = _json(client, "/indicator/industrial_value_added.json")
    n = len(twin["charts"][0]["points"])
    assert f'id="chart-growth-yoy-pct" data-chart="growth-yoy-pct" data-points="{n}"' in html
    assert "/static/echarts/echarts.min.js" in html and 'id="charts-data"' in html
    assert "规模以上工业增加值" in html and "下载 CSV" in html


def test_web_indicator_by_alias_and_by_subject(client):
    alias = _json(client, "/indicator/" + quote("规上工业增加值") + ".json")
    assert alias["indicator"]["id"] == "industrial_value_added"
    subject = _json(client, "/indicator/" + quote("新能源汽车销量") + ".json")
    assert subject["indicator"]["kind"] == "subject" and subject["total"] == 2
    assert subject["charts"] and subject["charts"][0]["measure"] == "level"
    assert "新能源汽车销量" in _html(client, "/indicator/" + quote("新能源汽车销量"))


def test_web_indicator_csv_is_what_is_charted_with_a_bom(client):
    response = client.get("/indicator/industrial_value_added.csv?period_type=H")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    twin = _json(client, "/indicator/industrial_value_added.json?period_type=H")
    charted = [(p["period"], p["value"]) for c in twin["charts"] for p in c["points"]]
    assert [(r["period"], float(r["value"])) for r in rows] == charted and len(charted) >= 14
    assert {"period", "period_type", "value", "unit", "qualifier", "region", "sources", "evidence_url"} <= set(rows[0])
    assert {r["period_type"] for r in rows} == {"H"}
    sub = client.get("/indicator/" + quote("新能源汽车产量") + ".csv")
    sub_twin = _json(client, "/indicator/" + quote("新能源汽车产量") + ".json")
    assert sub.status_code == 200 and len(list(csv.DictReader(io.StringIO(sub.text)))) == sum(
        len(c["points"]) for c in sub_twin["charts"]) >= 2


# -- facts -----------------------------------------------------------------------------------------


def test_web_facts_filters_pages_and_csv(client, demo_db):
    d = _json(client, "/facts.json?measure=share&limit=3")
    store = zhibiao.open(demo_db)
    assert d["total"] == store.count_facts(measure="share") and len(d["facts"]) == 3
    assert all(f["measure"] == "share" for f in d["facts"])
    derived = _json(client, "/facts.json?derived=true&limit=100")
    assert derived["total"] == store.count_facts(derived=True) >= 10
    assert all(f["derived"] and f["derivation"] for f in derived["facts"])
    doc = _json(client, "/facts.json?doc=nbs-2024-h1-industry")
    assert doc["total"] == 26 and [f["seq"] for f in doc["facts"]] == list(range(26))
    rows = list(csv.DictReader(io.StringIO(client.get("/facts.csv?measure=share").text)))
    shares = store.count_facts(measure="share")
    assert len(rows) == shares >= 10
    html = _html(client, "/facts?measure=share")
    assert "比重" in html and html.count("<tr>") == shares + 1


# -- evidence --------------------------------------------------------------------------------------


def test_web_evidence_highlights_the_sentence_and_marks_every_fact(client):
    d = _json(client, "/evidence/nbs-2024-h1-industry/3.json")
    fact = d["fact"]
    assert (fact["value"], fact["period"], fact["subject"]) == (5.9, "2024-Q2", "规模以上工业增加值")
    segs = d["segments"]
    text = "".join(s["text"] for s in segs)
    assert text.startswith("国家统计局") and "分季度看" in text
    assert "".join(s["text"] for s in segs if s["highlight"]) == fact["quote"]
    assert [s["text"] for s in segs if s["chosen"]] == ["5.9%"]
    marked = {s["fact"] for s in segs if s["fact"] is not None}
    stated = {f["seq"] for f in d["facts"] if not f["derived"]}
    assert marked == stated  # every stated fact's number is underlined
    assert all(f["located"] for f in d["facts"])
    assert d["document"]["published"] == "2024-07-15"
    assert [c["id"] for c in d["copies"]] == ["repost-2024-h1-industry-changed"]
    html = _html(client, "/evidence/nbs-2024-h1-industry/3")
    assert '<mark class="hl" id="hl">' in html and 'class="fact chosen"' in html and ">5.9%</a>" in html
    assert 'href="/evidence/nbs-2024-h1-industry/0"' in html


def test_web_evidence_lists_the_other_copies_of_the_story(client):
    d = _json(client, "/evidence/nbs-2019-h1-industry/0.json")
    assert [c["id"] for c in d["copies"]] == ["repost-2019-h1-industry-trad"]
    assert d["document"]["copies"] == 2
    repost = _json(client, "/document/repost-2019-h1-industry-trad.json")
    assert [c["id"] for c in repost["copies"]] == ["nbs-2019-h1-industry"] and repost["fact"] is None
    assert not any(s["highlight"] for s in repost["segments"])
    assert "repost-2019-h1-industry-trad" in _html(client, "/evidence/nbs-2019-h1-industry/0")


def test_web_evidence_of_a_derived_fact_shows_its_derivation(client):
    derived = _json(client, "/facts.json?derived=true&doc=nbs-2024-h1-industry")["facts"][0]
    d = _json(client, derived["evidence"] + ".json")
    assert d["fact"]["derived"] and "minus change" in d["fact"]["derivation"]
    assert "".join(s["text"] for s in d["segments"] if s["highlight"]) == d["fact"]["quote"]
    assert "推算 derived" in _html(client, derived["evidence"])


def test_web_evidence_shows_the_url_when_the_document_has_one(tmp_path, make_client):
    import json

    import zhibiao

    folder = tmp_path / "c"
    folder.mkdir()
    (folder / "a.txt").write_text("2024年上半年,全国规模以上工业增加值同比增长6.0%。", encoding="utf-8")
    (folder / "index.json").write_text(json.dumps([{"id": "a", "file": "a.txt", "date": "2024-07-15",
                                                    "url": "https://www.stats.gov.cn/sj/zxfb/a.html"}]), "utf-8")
    with zhibiao.open(tmp_path / "u.duckdb") as store:
        store.ingest([folder])
    app = create_app(tmp_path / "u.duckdb")
    c = make_client(app)
    d = _json(c, "/evidence/a/0.json")
    assert d["document"]["url"] == "https://www.stats.gov.cn/sj/zxfb/a.html"
    assert 'href="https://www.stats.gov.cn/sj/zxfb/a.html"' in _html(c, "/evidence/a/0")
    app.state.store.close()


# -- documents, search, conflicts ------------------------------------------------------------------


def test_web_documents_list_and_page(client):
    d = _json(client, "/documents.json?limit=5")
    assert d["total"] == 25 and len(d["documents"]) == 5 and d["documents"][0]["published"] == "2025-07-16"
    dates = [x["published"] for x in _json(client, "/documents.json")["documents"] if x["published"]]
    assert dates == sorted(dates, reverse=True)  # newest first
    assert _json(client, "/documents.json?sort=published&limit=1")["documents"][0]["published"] == "2012-07-13"
    assert _json(client, "/documents.json?limit=5&offset=20")["documents"][-1]["id"]
    assert "nbs-2012-h1-industry" in _html(client, "/documents")


def test_web_search_in_simplified_and_traditional(client):
    simplified = _json(client, "/search.json?q=" + quote("规模以上工业增加值 上半年"))
    traditional = _json(client, "/search.json?q=" + quote("規模以上工業增加值 上半年"))
    assert simplified["total"] == traditional["total"] > 10
    assert traditional["terms"] == ["规模以上工业增加值", "上半年"]
    assert [h["evidence"] for h in simplified["hits"]] == [h["evidence"] for h in traditional["hits"]]
    hit = traditional["hits"][0]
    assert any(p["match"] and p["text"] == "规模以上工业增加值" for p in hit["subject_parts"] + hit["quote_parts"])
    single = _json(client, "/search.json?q=" + quote("吨"))
    assert single["total"] >= 1 and all("吨" in h["quote"] for h in single["hits"])
    assert _json(client, "/search.json?q=" + quote("没有这个词"))["total"] == 0
    html = _html(client, "/search?q=" + quote("高技術製造業"))
    assert "<mark>高技术制造业</mark>" in html
    assert "搜索" in _html(client, "/search")  # the empty form


def test_web_conflicts_show_both_quotes(client):
    d = _json(client, "/conflicts.json")
    assert d["total"] == 2  # the repost that changed a number, and the quarter implied from it
    c = next(c for c in d["conflicts"] if c["period"] == "2024-H1")
    assert (c["indicator"], c["kind"], c["value_a"], c["value_b"]) == (
        "high_tech_manufacturing_value_added", "copies disagree", 8.7, 8.4)
    assert "8.7%" in c["quote_a"] and "8.4%" in c["quote_b"] and c["name_zh"] == "高技术制造业增加值"
    for link in (c["evidence_a"], c["evidence_b"]):
        assert _json(client, link + ".json")["fact"]["period"] == "2024-H1"
    assert _json(client, "/conflicts.json?indicator=gdp")["total"] == 0  # the 2023 revision is no conflict
    html = _html(client, "/conflicts")
    assert c["quote_a"] in html and c["quote_b"] in html


def test_web_openapi_schema_lists_every_json_twin(client):
    schema = _json(client, "/openapi.json")
    paths = set(schema["paths"])
    assert {"/overview.json", "/indicators.json", "/indicator/{key}.json", "/indicator/{key}.csv",
            "/indicator/{key}.xlsx", "/facts.json", "/facts.csv", "/evidence/{doc}/{seq}.json",
            "/document/{doc}.json", "/documents.json", "/search.json", "/conflicts.json"} <= paths
    params = {p["name"]: p for p in schema["paths"]["/indicator/{key}.json"]["get"]["parameters"]}
    assert {"measure", "region", "period_type", "limit", "offset"} <= set(params)
    html = _html(client, "/api")
    assert "/indicator/{key}.json" in html and "/openapi.json" in html


# -- errors ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("path", "status", "words"), [
    ("/indicator/no_such_thing.json", 404, "no indicator or subject 'no_such_thing'"),
    ("/indicator/no_such_thing.csv", 404, "no indicator or subject"),
    ("/evidence/no-such-doc/0.json", 404, "no document 'no-such-doc'"),
    ("/evidence/nbs-2024-h1-industry/999.json", 404, "has no fact 999"),
    ("/document/no-such-doc.json", 404, "no document"),
    ("/conflicts.json?indicator=nope", 404, "no indicator 'nope'"),
    ("/nowhere.json", 404, "no such page: /nowhere.json"),
    ("/evidence/nbs-2024-h1-industry/x.json", 422, "path parameter 'seq'"),
    ("/indicator/gdp.json?measure=speed", 422, "query parameter 'measure'"),
    ("/indicator/gdp.json?period_type=week", 422, "query parameter 'period_type'"),
    ("/indicator/gdp.json?limit=0", 422, "query parameter 'limit'"),
    ("/indicator/gdp.json?limit=100000", 422, "query parameter 'limit'"),
    ("/indicator/gdp.json?offset=-1", 422, "query parameter 'offset'"),
    ("/indicator/gdp.json?region=" + "很" * 41, 422, "query parameter 'region'"),
    ("/facts.json?derived=maybe", 422, "query parameter 'derived'"),
    ("/facts.csv?period_type=decade", 422, "query parameter 'period_type'"),
    ("/documents.json?limit=abc", 422, "query parameter 'limit'"),
    ("/search.json", 422, "query parameter 'q': Field required"),
    ("/search.json?q=" + "增" * 101, 422, "query parameter 'q'"),
])
def test_web_errors_are_clean_json(client, path, status, words):
    body = _json(client, path, status)
    assert words in body["error"] and "Traceback" not in body["error"]


@pytest.mark.parametrize(("q", "note"), [
    ("%20%20", "the query is empty"), (quote("，。"), "no characters to search for"), ("(", "no characters"),
])
def test_web_a_query_with_nothing_to_search_finds_nothing(client, q, note):
    body = _json(client, "/search.json?q=" + q)
    assert body["total"] == 0 and body["hits"] == [] and note in body["note"]
    assert note in _html(client, "/search?q=" + q) or q == "%20%20"


@pytest.mark.parametrize(("path", "status"), [
    ("/indicator/no_such_thing", 404), ("/evidence/no-such-doc/0", 404), ("/evidence/nbs-2024-h1-industry/x", 422),
    ("/indicator/gdp?measure=speed", 422), ("/nowhere", 404),
    ("/document/nope", 404),
])
def test_web_errors_on_pages_are_pages(client, path, status):
    html = _html(client, path, status)
    assert f"<small>{status}</small>" in html and 'class="message"' in html


def test_web_a_genuine_bug_is_logged_and_answered_with_500_json(demo_db, monkeypatch, caplog, make_client):
    from zhibiao.web import views

    app = create_app(demo_db)

    def broken(store, **_):
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "overview", broken)
    response = make_client(app, raise_app_exceptions=False).get("/overview.json")
    assert response.status_code == 500 and "internal error (RuntimeError)" in response.json()["error"]
    assert "unhandled error on /overview.json" in caplog.text
    app.state.store.close()


def test_web_page_data_is_cached_and_bounded(demo_db, make_client):
    app = create_app(demo_db, cache_size=2)
    c = make_client(app)
    first = _json(c, "/indicator/gdp.json")
    assert _json(c, "/indicator/gdp.json") == first and len(app.state.cache) == 1
    _html(c, "/indicator/gdp")  # the page and its twin share one entry
    assert len(app.state.cache) == 1
    _json(c, "/conflicts.json")
    _json(c, "/overview.json")
    assert len(app.state.cache) == 2
    app.state.store.close()
    off = create_app(demo_db, cache_size=0)
    _json(make_client(off), "/overview.json")
    assert len(off.state.cache) == 0
    off.state.store.close()


def test_web_a_missing_database_is_a_503_not_a_traceback(tmp_path, make_client):
    app = create_app(tmp_path / "absent.duckdb")
    body = _json(make_client(app), "/overview.json", 503)
    assert "absent.duckdb" in body["error"] and "no such database" in body["error"]


# -- every link on every page leads somewhere --------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            if attrs.get(name) and attrs[name].startswith("/"):
                self.links.append(attrs[name])


def test_web_every_internal_link_answers_200(client):
    seen: set[str] = set()
    pages = ["/", "/indicators", "/indicator/industrial_value_added", "/indicator/gdp", "/conflicts", "/documents",
             "/evidence/nbs-2024-h1-industry/3", "/search?q=" + quote("上半年"), "/facts?measure=share", "/api",
             "/changes"]
    for page in pages:
        parser = _Links()
        parser.feed(_html(client, page))
        for link in parser.links:
            if link in seen:
                continue
            seen.add(link)
            response = client.get(link)
            assert response.status_code == 200, (page, link, response.text[:200])
            if urlsplit(link).path.endswith(".json"):
                assert response.json() is not None
    assert len(seen) > 100


def test_web_a_slow_build_holds_up_neither_cached_nor_other_answers(demo_db, monkeypatch):
    import asyncio
    import threading

    import httpx

    from zhibiao.web import views

    app = create_app(demo_db, readers=2)
    release = threading.Event()
    real = views.conflicts

    def slow(store, **kwargs):
        release.wait(20)
        return real(store, **kwargs)

    monkeypatch.setattr(views, "conflicts", slow)

    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://zhibiao.test") as c:
            await c.get("/overview.json")  # now cached
            stuck = asyncio.create_task(c.get("/conflicts.json"))
            await asyncio.sleep(0.3)
            cached = await asyncio.wait_for(c.get("/overview.json"), 10)
            built = await asyncio.wait_for(c.get("/indicators.json"), 10)  # built on another cursor meanwhile
            waiting = not stuck.done()
            release.set()
            return cached.status_code, built.status_code, waiting, (await stuck).status_code

    assert asyncio.run(go()) == (200, 200, True, 200)
    app.state.store.close()


def test_web_gdp_csv_keeps_every_vintage(client):
    # The charted point is the latest vintage; the earlier ones it replaced are its history.
    rows = list(csv.DictReader(io.StringIO(
        client.get("/indicator/gdp.csv?measure=growth&period_type=Y").content.decode("utf-8-sig"))))
    by_year = {row["period"]: row for row in rows}
    assert (by_year["2023"]["vintage"], float(by_year["2023"]["value"])) == ("revised", 5.4)
    assert by_year["2023"]["history"] == "5.2 preliminary (nbs-2023-annual-trad, 2024-01-17)"
    assert (by_year["2022"]["vintage"], by_year["2022"]["history"]) == (
        "final", "3 preliminary (nbs-2022-gdp-preliminary, 2023-01-17)")


