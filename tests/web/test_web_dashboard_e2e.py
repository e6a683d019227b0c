# ruff: noqa: F811  (pytest fixtures imported from test_web_e2e are parameters here)
"""The analyst's dashboard in a real browser (Debian's chromium, driven by Playwright): approximate points
drawn visibly, /compare, the provincial ranking and map, range presets and the zoom kept in the URL,
downloads of what is charted (CSV, XLSX, PNG), sortable tables, facets, catalogue search, traditional
indicator URLs. Screenshots go to artifacts/ at a laptop and a phone width.

Uses the browser, server and page fixtures of test_web_e2e (skipped the same way where chromium is missing).
"""

from __future__ import annotations

import io
from urllib.parse import quote

import httpx
import pandas as pd
import pytest
from test_web_e2e import ARTIFACTS, browser, page, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.slow  # a browser over a served app
HTTP_TIMEOUT = 120.0  # seconds: a loaded 2-core machine answers slowly; a hung server still fails

# Each approximate point of a chart: its style as set, and the darkest pixel on a ring around its centre
# (an outline in the series colour is dark; white on white, or the faint period bar behind, is not).
APPROX_POINTS = """el => {
    const chart = echarts.getInstanceByDom(el), o = chart.getOption();
    const canvas = el.querySelector('canvas'), ctx = canvas.getContext('2d');
    const ratio = canvas.width / el.clientWidth, out = [];
    o.series.filter(s => s.id.startsWith('pts-') || s.id.startsWith('cmp-')).forEach(s => s.data.forEach(d => {
        const st = d.itemStyle || {};
        if (st.borderType !== 'dashed') return;
        const xy = chart.convertToPixel({seriesId: s.id}, d.value);
        let darkest = 255;
        for (let a = 0; a < 360; a += 10) {
            for (const r of [4, 5, 6]) {
                const px = ctx.getImageData(Math.round((xy[0] + r * Math.cos(a * Math.PI / 180)) * ratio),
                                            Math.round((xy[1] + r * Math.sin(a * Math.PI / 180)) * ratio), 1, 1).data;
                darkest = Math.min(darkest, Math.min(px[0], px[1], px[2]));
            }
        }
        out.push({p: d.p, symbol: d.symbol, border: st.borderColor, width: st.borderWidth, darkest: darkest});
    }));
    return {points: out, legend: o.legend[0].data};
}"""
SERIES_POINTS = """(el, prefix) => echarts.getInstanceByDom(el).getOption().series
    .filter(s => s.id.startsWith(prefix))
    .flatMap(s => s.data.map(d => [d.s === undefined ? 0 : d.s, d.p, d.value[1]]))"""


def _rendered(page, selector: str = '.chart[data-rendered="true"]'):
    page.wait_for_selector(selector)


@pytest.mark.parametrize("key", ["little_giant_enterprises", "mobile_users_5g"])
def test_approximate_points_have_a_visible_outline(server, page, key):
    twin = httpx.get(f"{server}/indicator/{key}.json", timeout=HTTP_TIMEOUT).json()
    page.goto(f"{server}/indicator/{key}")
    _rendered(page)
    chart = next(c for c in twin["charts"] if any(p["approx"] for p in c["points"]))
    found = page.locator(f"#chart-{chart['id']}").evaluate(APPROX_POINTS)
    approx = [p for p in chart["points"] if p["approx"] and not p["derived"]]
    assert len(found["points"]) == len(approx) >= 1
    for point in found["points"]:
        assert point["border"].lower() not in ("#fff", "#ffffff", "white") and point["width"] >= 2
        assert point["symbol"] == "circle" and point["darkest"] < 160, point
    assert "约/超过/近 approximate" in found["legend"]
    page.screenshot(path=str(ARTIFACTS / f"approx-{key}.png"), full_page=True)
    assert page.errors == []


def test_compare_draws_the_json_twins_points(server, page):
    query = "indicators=gdp,industrial_value_added&period_type=Q"
    twin = httpx.get(f"{server}/compare.json?{query}", timeout=HTTP_TIMEOUT).json()
    page.goto(f"{server}/compare?{query}")
    _rendered(page)
    drawn = page.locator("#chart-compare").evaluate(SERIES_POINTS, "cmp-")
    expected = [[k, i, p["value"]] for k, s in enumerate(twin["series"]) for i, p in enumerate(s["points"])]
    assert sorted(drawn) == sorted(expected) and len(twin["series"]) == 2
    names = page.locator("#chart-compare").evaluate("el => echarts.getInstanceByDom(el).getOption().legend[0].data")
    assert [s["name"] for s in twin["series"]] == names[:2]
    page.screenshot(path=str(ARTIFACTS / "compare.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "compare-phone.png"), full_page=True)
    assert page.errors == []


def test_compare_with_two_units_has_two_axes(server, page):
    page.goto(f"{server}/compare?indicators=industrial_value_added,base_stations_5g")
    _rendered(page)
    axes = page.locator("#chart-compare").evaluate("el => echarts.getInstanceByDom(el).getOption().yAxis.length")
    assert axes == 2


def test_ranking_table_and_map_agree_with_the_json(server, page):
    twin = httpx.get(f"{server}/indicator/gdp/regions.json", timeout=HTTP_TIMEOUT).json()
    page.goto(f"{server}/indicator/gdp/regions")
    _rendered(page, '#chart-map[data-rendered="true"]')
    rows = page.locator("table.ranking tbody tr")
    assert rows.count() == len(twin["ranking"])
    table = [(rows.nth(n).get_attribute("data-region"), float(rows.nth(n).locator("td").nth(2)
                                                                .get_attribute("data-sort-value")))
             for n in range(rows.count())]
    assert table == [(r["region"], r["value"]) for r in twin["ranking"]]
    drawn = page.locator("#chart-map").evaluate("""el => echarts.getInstanceByDom(el).getOption()
        .series[0].data.filter(d => d.value !== null && d.value !== undefined).map(d => [d.name, d.value])""")
    assert drawn == [[m["name"], m["value"]] for m in twin["map"]["data"]]
    page.screenshot(path=str(ARTIFACTS / "regions.png"), full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "regions-phone.png"), full_page=True)
    assert page.errors == []


def test_range_preset_and_zoom_survive_a_reload(server, page):
    page.goto(f"{server}/indicator/industrial_value_added")
    _rendered(page)
    with page.expect_navigation():
        page.locator('a.range[data-range="5y"]').click()
    assert "range=5y" in page.url
    twin = httpx.get(f"{server}/indicator/industrial_value_added.json?range=5y", timeout=HTTP_TIMEOUT).json()
    _rendered(page)
    count = "el => +el.getAttribute('data-points')"
    assert page.locator("#chart-growth-yoy-pct").evaluate(count) == len(twin["charts"][0]["points"])
    page.locator("#chart-growth-yoy-pct").evaluate("""el => echarts.getInstanceByDom(el).dispatchAction(
        {type: 'dataZoom', startValue: Date.parse('2022-01-01'), endValue: Date.parse('2024-12-31')})""")
    page.wait_for_function("() => location.search.includes('zoom=')")
    assert "zoom=2022-01-01%2C2024-12-31" in page.url and "range=5y" in page.url
    page.reload()
    _rendered(page)
    window = page.locator("#chart-growth-yoy-pct").evaluate("""el => {
        const dz = echarts.getInstanceByDom(el).getOption().dataZoom[0];
        return [new Date(dz.startValue).toISOString().slice(0, 10), new Date(dz.endValue).toISOString().slice(0, 10)];
    }""")
    assert window == ["2022-01-01", "2024-12-31"] and "range=5y" in page.url
    assert page.errors == []


def test_downloads_are_what_is_charted(server, page):
    page.goto(f"{server}/indicator/industrial_value_added?range=10y")
    _rendered(page)
    twin = httpx.get(f"{server}/indicator/industrial_value_added.json?range=10y", timeout=HTTP_TIMEOUT).json()
    charted = [(p["period"], p["value"]) for c in twin["charts"] for p in c["points"]]
    with page.expect_download() as got:
        page.locator('a[data-download="csv"]').click()
    frame = pd.read_csv(got.value.path(), encoding="utf-8-sig")
    assert list(zip(frame["period"], frame["value"], strict=True)) == charted
    assert {"period", "period_type", "value", "unit", "qualifier", "region", "sources", "evidence_url"} <= set(frame)
    openpyxl = pytest.importorskip("openpyxl")
    with page.expect_download() as got:
        page.locator('a[data-download="xlsx"]').click()
    with open(got.value.path(), "rb") as f:
        sheet = openpyxl.load_workbook(io.BytesIO(f.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    head = list(rows[0])
    assert [(r[head.index("period")], r[head.index("value")]) for r in rows[1:]] == charted
    with page.expect_download() as got:
        page.locator('button[data-png="growth-yoy-pct"]').click()
    assert got.value.suggested_filename.endswith(".png")
    with open(got.value.path(), "rb") as f:
        assert f.read(8) == b"\x89PNG\r\n\x1a\n"
    feature = page.locator("#chart-growth-yoy-pct").evaluate(
        "el => Object.keys(echarts.getInstanceByDom(el).getOption().toolbox[0].feature)")
    assert "saveAsImage" in feature
    assert page.errors == []


def test_a_sort_click_reorders_rows(server, page):
    page.goto(f"{server}/documents")
    cells = page.locator("table.documents tbody tr td:nth-child(3)")
    before = [int(x) for x in cells.all_inner_texts()]
    page.locator("table.documents th", has_text="事实").click()
    after = [int(x) for x in cells.all_inner_texts()]
    assert after == sorted(before, reverse=True) and after != before
    page.locator("table.documents th", has_text="事实").click()
    assert [int(x) for x in cells.all_inner_texts()] == sorted(before)
    published = page.locator("table.documents tbody tr td:nth-child(2)").all_inner_texts()
    page.goto(f"{server}/documents")
    published = [x for x in page.locator("table.documents tbody tr td:nth-child(2)").all_inner_texts() if x != "—"]
    assert published == sorted(published, reverse=True)  # newest first by default
    assert page.errors == []


@pytest.mark.parametrize("path", ["/facts", "/facts?measure=growth", "/documents"])
def test_facet_counts_add_up(server, page, path):
    page.goto(f"{server}{path}")
    twin_path = path.replace('/facts', '/facts.json').replace('/documents', '/documents.json')
    twin = httpx.get(f"{server}{twin_path}", timeout=HTTP_TIMEOUT).json()
    facet = "period_type" if path.startswith("/facts") else "year"
    counts = page.locator(f'details[data-facet="{facet}"] .count').evaluate_all(
        "els => els.map(e => +e.getAttribute('data-count'))")
    assert sum(counts) == twin["total"] > 0
    if path == "/facts":
        page.screenshot(path=str(ARTIFACTS / "facts.png"), full_page=False)
    assert page.errors == []


def test_facts_filter_form_and_navigation(server, page):
    page.goto(f"{server}/")
    with page.expect_navigation():
        page.locator("header nav a", has_text="事实").click()
    page.locator('form.filters select[name="measure"]').select_option("share")
    with page.expect_navigation():
        page.locator("form.filters button[type=submit]").click()
    assert "measure=share" in page.url
    twin = httpx.get(f"{server}/facts.json?measure=share", timeout=HTTP_TIMEOUT).json()
    assert page.locator("table.facts tbody tr").count() == len(twin["facts"])


def test_gdp_search_finds_gdp_facts(server, page):
    page.goto(f"{server}/")
    page.locator("form.search input").fill("GDP")
    with page.expect_navigation():
        page.locator("form.search input").press("Enter")
    hits = page.locator("ol.hits > li")
    twin = httpx.get(f"{server}/search.json?q=GDP", timeout=HTTP_TIMEOUT).json()
    assert hits.count() == len(twin["hits"]) > 0 and all(h["indicator"] == "gdp" for h in twin["hits"])
    assert page.locator('a.chip[data-indicator="gdp"]').count() == 1
    assert page.errors == []


def test_a_traditional_indicator_url_resolves(server, page):
    response = page.goto(f"{server}/indicator/{quote('規上工業增加值')}")
    assert response.status == 200
    _rendered(page)
    assert page.locator("h1").inner_text().startswith("规模以上工业增加值")
    page.screenshot(path=str(ARTIFACTS / "indicator-top.png"))
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "indicator-phone.png"))
    assert page.errors == []


def test_indicator_page_csv_opens_in_pandas_like_the_twin(server):
    csv = httpx.get(f"{server}/indicator/gdp.csv", timeout=HTTP_TIMEOUT).content
    frame = pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")
    twin = httpx.get(f"{server}/indicator/gdp.json", timeout=HTTP_TIMEOUT).json()
    assert len(frame) == sum(len(c["points"]) for c in twin["charts"])
