"""The analyst's dashboard in-process: downloads of what is charted, facets, paging links, CORS, series
metadata, catalogue-aware search, /compare, the provincial ranking and one region's page."""

import csv
import io
from collections import Counter
from datetime import date
from urllib.parse import quote

import pytest

import zhibiao
from zhibiao.export import neutralise_cell
from zhibiao.web import display, downloads
from zhibiao.web.safety import json_for_html as _json_for_script


def _json(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, (path, response.text[:300])
    return response.json()


def _csv(response) -> list[dict]:
    assert response.content.startswith(b"\xef\xbb\xbf"), "no UTF-8 BOM"
    return list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))


# -- downloads -------------------------------------------------------------------------------------


@pytest.mark.parametrize("cell, expected", [
    ("=1+1", "'=1+1"), ("+86 10", "'+86 10"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\rx", "'\rx"), ("规上工业", "规上工业"), (-5.0, -5.0), (None, None), ("", ""),
])
def test_neutralise_formula_cells(cell, expected):
    assert neutralise_cell(cell) == expected


@pytest.mark.parametrize("path", [
    "/indicator/industrial_value_added.csv", "/indicator/gdp.csv?range=5y", "/facts.csv?measure=share",
    "/compare.csv?indicators=gdp,industrial_value_added",
])
def test_every_csv_has_a_bom_and_opens_as_utf8(client, path):
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = _csv(response)
    assert rows and all(k and not k.startswith("\ufeff") for k in rows[0])


def test_indicator_downloads_equal_the_charted_points(client):
    twin = _json(client, "/indicator/industrial_value_added.json?range=10y")
    chart = twin["charts"][0]
    rows = _csv(client.get(chart["csv"]))
    assert [(r["period"], float(r["value"])) for r in rows] == [(p["period"], p["value"]) for p in chart["points"]]
    assert {r["evidence_url"] for r in rows} == {p["evidence"] for p in chart["points"]}
    openpyxl = pytest.importorskip("openpyxl")
    response = client.get(chart["xlsx"])
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    table = list(sheet.iter_rows(values_only=True))
    head = list(table[0])
    assert head == list(downloads.TIDY_COLUMNS)
    got = [(r[head.index("period")], r[head.index("value")]) for r in table[1:]]
    assert got == [(p["period"], p["value"]) for p in chart["points"]]


def test_a_chart_the_page_does_not_have_is_404(client):
    assert _json(client, "/indicator/gdp.csv?chart=nothing", 404)["error"].startswith("no chart 'nothing'")


def test_level_series_are_shown_in_display_units(client):
    twin = _json(client, "/indicator/mobile_users_5g.json")
    level = next(c for c in twin["charts"] if c["measure"] == "level")
    assert level["display"] == {"unit": "万户", "scale": 1e4} and "(万户)" in level["title"]
    assert all(p["display_value"] == pytest.approx(p["value"] / 1e4) for p in level["points"])
    rows = _csv(_client_get(client, level["csv"]))
    assert {r["display_unit"] for r in rows} == {"万户"} and {r["unit"] for r in rows} == {"count"}


def _client_get(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response


@pytest.mark.parametrize("indicator, measure, unit, shown", [
    ("software_revenue", "level", "CNY", "亿元"), (None, "level", "CNY", "亿元"), (None, "level", "t", "万吨"),
    ("mobile_users_5g", "level", "count", "万户"), (None, "level", "count", "个"), (None, "growth", "%", None),
    ("gdp", "share", "%", None),
])
def test_display_unit(indicator, measure, unit, shown):
    found = display.unit(indicator, measure, unit)
    assert (found["unit"] if found else None) == shown


def test_every_province_has_a_shape_on_the_shipped_map():
    assert len(display.provinces()) == 34 and display.provinces()["广西壮族自治区"] == "广西"


def test_page_json_for_scripts_has_no_raw_markup_characters():
    text = _json_for_script({"quote": "</script><b>&\u2028"})
    assert not any(c in text for c in "<>&\u2028")


# -- tables: order, facets, paging links, CORS ------------------------------------------------------


@pytest.mark.parametrize("path", [
    "/facts.json?limit=7", "/documents.json?limit=5", "/search.json?q=" + quote("增长") + "&limit=5",
    "/indicator/industrial_value_added.json?limit=10", "/facts.json?measure=growth&derived=true&limit=3",
])
def test_paged_twins_link_next_and_prev(client, path):
    first = _json(client, path)
    assert first["prev"] is None and first["next"]
    second = _json(client, first["next"])
    assert second["offset"] == first["limit"] and second["prev"]
    assert _json(client, second["prev"])["offset"] == 0
    items = next(k for k in ("facts", "documents", "hits") if k in first)
    assert [x.get("seq", x.get("id")) for x in second[items]] != [x.get("seq", x.get("id")) for x in first[items]]


@pytest.mark.parametrize("path, cors", [
    ("/facts.json", True), ("/overview.json", True), ("/facts.csv", True), ("/openapi.json", True),
    ("/indicator/gdp.xlsx", True), ("/facts", False), ("/", False),
])
def test_json_twins_allow_any_origin(client, path, cors):
    response = client.get(path)
    assert response.status_code == 200
    assert (response.headers.get("access-control-allow-origin") == "*") is cors


@pytest.mark.parametrize("path", ["/facts.json", "/facts.json?measure=growth", "/facts.json?region=" + quote("广东省")])
def test_fact_facets_add_up_to_the_total(client, path):
    d = _json(client, path)
    for facet in d["facets"]:
        if len(facet["values"]) < 30:
            assert sum(v["count"] for v in facet["values"]) == d["total"], facet["name"]
    top = next(v for f in d["facets"] for v in f["values"] if v["url"] and not v["active"])
    assert _json(client, top["url"].replace("/facts", "/facts.json", 1))["total"] == top["count"]
    active = [v for f in d["facets"] for v in f["values"] if v["active"]]
    assert all(_json(client, v["url"].replace("/facts", "/facts.json", 1))["total"] >= d["total"] for v in active)


def test_facts_are_newest_period_first_and_filter_by_year(client):
    d = _json(client, "/facts.json?indicator=industrial_value_added&limit=500")
    ends = [f["end"] for f in d["facts"] if f["end"]]
    assert ends == sorted(ends, reverse=True)
    year = _json(client, "/facts.json?year=2024")
    assert year["total"] > 0 and all(f["period"].startswith("2024") for f in year["facts"])
    assert "/facts" in client.get("/").text  # in the navigation


def test_document_facets_add_up_and_filter(client):
    d = _json(client, "/documents.json")
    for facet in d["facets"]:
        assert sum(v["count"] for v in facet["values"]) == d["total"], facet["name"]
    year = next(f for f in d["facets"] if f["name"] == "year")["values"][0]
    filtered = _json(client, "/documents.json?year=" + year["value"])
    assert filtered["total"] == year["count"] and all(x["published"].startswith(year["value"])
                                                      for x in filtered["documents"])


# -- series metadata, catalogue -------------------------------------------------------------------------


def test_indicator_metadata_and_headline(client, demo_db):
    d = _json(client, "/indicator/industrial_value_added.json")
    meta = d["meta"]
    assert meta["frequency_type"] == "M" and meta["frequency"].startswith("月度")
    with zhibiao.open(demo_db) as store:
        facts = store.facts(indicator="industrial_value_added")
    assert meta["facts"] == len(facts) and meta["sources"] == facts["story"].nunique()
    assert meta["last_published"] == max(str(p) for p in facts["published"].dropna())[:10]
    points = [p for c in d["charts"] for p in c["points"]]
    assert meta["first_period"] == min(points, key=lambda p: p["end"])["period"]
    assert d["latest"]["period"] == max(d["charts"][0]["points"], key=lambda p: p["end"])["period"]
    assert d["indicator"]["group"] == "工业经济运行" and d["indicator"]["definition"]


def test_catalogue_tree_holds_every_indicator_once(client):
    d = _json(client, "/indicators.json")
    in_tree = Counter(i["id"] for g in d["groups"] for f in g["frequencies"] for i in f["indicators"])
    assert set(in_tree) == {i["id"] for i in d["indicators"]} and set(in_tree.values()) == {1}
    industry = next(g for g in d["groups"] if any(i["id"] == "industrial_value_added" for i in g["indicators"]))
    monthly = next(f for f in industry["frequencies"] if f["frequency"].startswith("月度"))
    assert "industrial_value_added" in [i["id"] for i in monthly["indicators"]]


# -- search ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("query, indicator", [
    ("GDP", "gdp"), ("gdp", "gdp"), ("规上工业", "industrial_value_added"), ("規上工業", "industrial_value_added"),
])
def test_search_knows_catalogue_aliases(client, query, indicator):
    d = _json(client, "/search.json?q=" + quote(query))
    assert d["indicators"][0]["id"] == indicator
    assert d["total"] > 0 and all(h["indicator"] == indicator for h in d["hits"])


def test_search_by_english_name_suggests_the_indicator(client):
    d = _json(client, "/search.json?q=" + quote("5G base stations"))
    assert "base_stations_5g" in [i["id"] for i in d["indicators"]]


def test_search_filters_by_region_period_and_indicator(client):
    d = _json(client, "/search.json?q=" + quote("增长") + "&region=" + quote("广东省"))
    assert d["total"] > 0 and all(h["region"] == "广东省" for h in d["hits"])
    p = _json(client, "/search.json?q=" + quote("增长") + "&period=2024")
    assert p["total"] > 0 and all(h["period"].startswith("2024") for h in p["hits"])
    i = _json(client, "/search.json?q=" + quote("增长") + "&indicator=gdp")
    assert i["total"] > 0 and all(h["indicator"] == "gdp" for h in i["hits"])


@pytest.mark.parametrize("key", ["規上工業增加值", "規模以上工業增加值", "國內生產總值"])
def test_traditional_indicator_urls_resolve(client, key):
    d = _json(client, "/indicator/" + quote(key) + ".json")
    assert d["indicator"]["kind"] == "indicator" and d["charts"]


# -- ranges ------------------------------------------------------------------------------------------


def test_range_presets_and_custom_ranges(client):
    full = _json(client, "/indicator/industrial_value_added.json")
    latest = max(p["end"] for c in full["charts"] for p in c["points"])
    five = _json(client, "/indicator/industrial_value_added.json?range=5y")
    kept = [p["end"] for c in five["charts"] for p in c["points"]]
    assert kept and min(kept) > str(date.fromisoformat(latest).year - 5)
    assert len(kept) < sum(len(c["points"]) for c in full["charts"])
    custom = _json(client, "/indicator/industrial_value_added.json?start=2015&end=2016-06")
    ends = [p["end"] for c in custom["charts"] for p in c["points"]]
    assert ends and all("2015-01-01" <= e <= "2016-06-30" for e in ends)
    assert five["ranges"][1]["active"] and "range=5y" in five["ranges"][1]["url"]


@pytest.mark.parametrize("query, status", [
    ("range=2y", 422), ("start=2020-13", 400), ("start=2020&end=2019", 400), ("start=20", 422),
])
def test_bad_ranges_are_clean_errors(client, query, status):
    assert "error" in _json(client, "/indicator/gdp.json?" + query, status)


# -- compare, regions, region -------------------------------------------------------------------------


def test_compare_two_indicators_matches_their_pages(client):
    d = _json(client, "/compare.json?indicators=gdp,industrial_value_added&period_type=Q")
    assert [s["indicator"] for s in d["series"]] == ["gdp", "industrial_value_added"]
    assert len(d["axes"]) == 1 and all(s["axis"] == 0 for s in d["series"])
    page = _json(client, "/indicator/gdp.json?measure=growth&period_type=Q")
    yoy = next(c for c in page["charts"] if c["id"] == "growth-yoy-pct")
    assert [(p["period"], p["value"]) for p in d["series"][0]["points"]] == [
        (p["period"], p["value"]) for p in yoy["points"]]
    rows = _csv(client.get(d["csv"]))
    assert len(rows) == sum(len(s["points"]) for s in d["series"])


def test_compare_puts_a_second_unit_on_a_second_axis(client):
    d = _json(client, "/compare.json?indicators=industrial_value_added,base_stations_5g")
    assert [a["unit"] for a in d["axes"]] == ["%", "count"] and [s["axis"] for s in d["series"]] == [0, 1]
    assert d["axes"][1]["label"] == "万个"


@pytest.mark.parametrize("query, status", [
    ("indicators=", 422), ("indicators=,", 400), ("indicators=gdp,nothing_like_it", 404),
    ("indicators=gdp,base_stations_5g,software_revenue", 400),
    ("indicators=gdp,cpi,ppi,retail_sales,exports&regions=a,b", 400),
])
def test_compare_errors(client, query, status):
    assert "error" in _json(client, "/compare.json?" + query, status)


def test_regions_rank_the_provinces_and_the_map_agrees(client):
    d = _json(client, "/indicator/gdp/regions.json")
    ranking = d["ranking"]
    assert ranking and [r["rank"] for r in ranking] == list(range(1, len(ranking) + 1))
    assert [r["value"] for r in ranking] == sorted((r["value"] for r in ranking), reverse=True)
    assert all(r["region"] in display.provinces() for r in ranking)
    assert [(m["region"], m["value"]) for m in d["map"]["data"]] == [(r["region"], r["value"]) for r in ranking]
    other = d["periods"][-1]
    assert _json(client, other["url"].replace("/regions", "/regions.json"))["period"] == other["period"]
    assert "no provincial figures" in _json(client, "/indicator/gdp/regions.json?period=1999", 404)["error"]
    assert client.get(d["map"]["geojson"]).status_code == 200


def test_one_region_lists_its_series(client):
    d = _json(client, "/region/" + quote("广东省") + ".json")
    assert d["is_province"] and d["facts"] == sum(s["facts"] for s in d["series"]) > 0
    assert any(s["key"] == "gdp" and s["ranking"] for s in d["series"])
    assert _json(client, "/region/" + quote("廣東省") + ".json")["facts"] == d["facts"]
    assert "no facts for region" in _json(client, "/region/" + quote("火星") + ".json", 404)["error"]


@pytest.mark.parametrize("blank, full", [
    ("/facts.json?indicator=&measure=share&derived=&year=", "/facts.json?measure=share"),
    ("/indicator/gdp.json?start=&end=&measure=&region=", "/indicator/gdp.json"),
    ("/search.json?q=GDP&region=&period=", "/search.json?q=GDP"),
])
def test_blank_form_fields_filter_nothing(client, blank, full):
    assert _json(client, blank)["total"] == _json(client, full)["total"]
