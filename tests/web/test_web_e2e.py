"""End to end in a real browser: Debian's chromium, driven by Playwright, against the app served by uvicorn
on a free port, over a database built from the demo corpus.

It loads the overview and the industrial value added page, checks that every chart's canvas rendered
with as many points as the page's JSON twin lists, hovers and clicks a point and lands on the evidence
view with the sentence highlighted. Screenshots go to artifacts/ (ignored by git).

Skipped, with the reason, where chromium or playwright is missing; .ci/run installs chromium first.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow  # a browser over a served app
HTTP_TIMEOUT = 120.0  # seconds: a loaded 2-core machine answers slowly; a hung server still fails

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
POINT_SERIES_COUNT = """el => {
    const o = echarts.getInstanceByDom(el).getOption();
    return o.series.filter(s => s.id.startsWith('pts-')).reduce((n, s) => n + s.data.length, 0);
}"""
# The point least crowded by others (so a click cannot land on a neighbour), in page coordinates.
LONELY_POINT = """el => {
    const chart = echarts.getInstanceByDom(el), o = chart.getOption(), box = el.getBoundingClientRect();
    const all = [];
    o.series.filter(s => s.id.startsWith('pts-')).forEach(s => s.data.forEach(d => {
        const xy = chart.convertToPixel({seriesId: s.id}, d.value);
        all.push({p: d.p, x: xy[0], y: xy[1]});
    }));
    let best = null, room = -1;
    all.forEach(a => {
        const near = Math.min(...all.filter(b => b !== a).map(b => Math.hypot(a.x - b.x, a.y - b.y)));
        if (near > room && a.x > 30 && a.x < box.width - 30) { room = near; best = a; }
    });
    return {p: best.p, x: box.left + best.x, y: box.top + best.y, room: room};
}"""


def _unavailable(reason: str):
    """Skip where the browser is missing; in CI (.ci/run installs it) that is a failure instead."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}, and CI must run the browser test")
    pytest.skip(reason)


def _chromium() -> str:
    path = os.environ.get("ZHIBIAO_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        _unavailable("chromium is not installed (apt-get install chromium; .ci/run does)")
    return path


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    try:
        from playwright import sync_api
    except ImportError:
        _unavailable("playwright is not installed (pip install playwright)")
    with sync_api.sync_playwright() as playwright:
        try:
            chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        except Exception as err:  # a chromium that cannot start here is an environment problem, said plainly
            _unavailable(f"chromium at {executable} did not start: {str(err).splitlines()[0]}")
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def server(demo_db, loopback):
    with loopback(demo_db) as url:
        yield url


@pytest.fixture
def page(browser):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=1)
    pg = context.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.errors = errors
    yield pg
    context.close()


@pytest.mark.parametrize("region", ["全国", "广东省"])
def test_web_e2e_overview_cards_match_their_twin_in_region_and_period_type(server, page, region):
    twin = httpx.get(f"{server}/overview.json", params={"region": region}, timeout=HTTP_TIMEOUT).json()
    cards = [c for s in twin["sections"] for c in s["cards"]]
    page.goto(f"{server}/")
    if region != "全国":  # the region picker, as a reader uses it
        page.select_option("select#region", region)
        with page.expect_navigation():
            page.click(".region-picker button")
    assert page.locator("div.card").count() == len(cards)
    shown = page.locator("div.card").evaluate_all("""els => els.map(e => ({id: e.dataset.indicator,
        region: e.dataset.region, type: e.dataset.periodType, stale: !!e.querySelector('.stale-mark'),
        value: (e.querySelector('.card-value') || {}).textContent || null,
        href: (e.querySelector('a.card-value') || {href: null}).href,
        region_text: (e.querySelector('.card-region') || {}).textContent || null}))""")
    for card, seen in zip(cards, shown, strict=True):
        assert seen["id"] == card["id"] and seen["region"] == region == card["region"]
        assert seen["type"] == (card["period_type"] or "") and seen["stale"] == card["stale"]
        if card["latest"]:
            assert seen["region_text"] == region and seen["value"].strip().startswith(card["latest"]["value_text"])
            assert seen["href"] == f"{server}{card['latest']['evidence']}"
    assert page.locator("div.card svg.spark").count() == sum(1 for c in cards if c["sparkline"])
    if region == "全国":
        assert any(c["stale"] for c in cards) and page.locator(".stale-mark").count() == sum(c["stale"] for c in cards)
        latest = page.locator('div.card[data-indicator="industrial_value_added"] .card-value').inner_text()
        assert latest.startswith("6.4%")
        page.screenshot(path=str(ARTIFACTS / "overview.png"), full_page=True)
        page.set_viewport_size({"width": 390, "height": 844})
        page.screenshot(path=str(ARTIFACTS / "overview-phone.png"), full_page=True)
    assert page.errors == []


def test_web_e2e_a_card_number_opens_its_sentence(server, page):
    twin = httpx.get(f"{server}/overview.json", timeout=HTTP_TIMEOUT).json()
    card = next(c for s in twin["sections"] for c in s["cards"] if c["id"] == "gdp")
    page.goto(f"{server}/")
    with page.expect_navigation():
        page.click('div.card[data-indicator="gdp"] a.card-value')
    assert page.url == f"{server}{card['latest']['evidence']}"
    assert "".join(page.locator("mark.hl").all_inner_texts()) == card["latest"]["quote"]
    assert page.errors == []


def test_web_e2e_indicator_chart_points_and_click_to_evidence(server, page):
    twin = httpx.get(f"{server}/indicator/industrial_value_added.json", timeout=HTTP_TIMEOUT).json()
    page.goto(f"{server}/indicator/industrial_value_added")
    page.wait_for_selector('.chart[data-rendered="true"]')
    for chart in twin["charts"]:
        el = page.locator(f"#chart-{chart['id']}")
        assert el.locator("canvas").count() >= 1, chart["id"]
        assert el.evaluate(POINT_SERIES_COUNT) == len(chart["points"]), chart["id"]
    growth = twin["charts"][0]
    assert growth["id"] == "growth-yoy-pct" and len(growth["points"]) > 30
    el = page.locator("#chart-growth-yoy-pct")
    symbols = el.evaluate("""el => echarts.getInstanceByDom(el).getOption().series
        .filter(s => s.id.startsWith('pts-')).flatMap(s => s.data.map(d => d.symbol))""")
    assert symbols.count("diamond") == sum(1 for p in growth["points"] if p["derived"])
    page.screenshot(path=str(ARTIFACTS / "indicator.png"), full_page=True)

    el.scroll_into_view_if_needed()
    target = el.evaluate(LONELY_POINT)
    assert target["room"] > 8, target  # pixels to the nearest other point
    point = growth["points"][target["p"]]
    page.mouse.move(target["x"], target["y"])
    tooltip = page.locator("text=点击查看原文")
    tooltip.wait_for()
    page.screenshot(path=str(ARTIFACTS / "indicator-tooltip.png"))
    with page.expect_navigation():
        page.mouse.click(target["x"], target["y"])
    assert page.url == f"{server}{point['evidence']}"
    highlighted = page.locator("mark.hl").all_inner_texts()
    assert "".join(highlighted) == point["quote"]
    assert page.locator("#fact .big").inner_text().strip() == point["value_text"]
    page.screenshot(path=str(ARTIFACTS / "evidence.png"), full_page=True)
    assert page.errors == []


def test_web_e2e_conflict_is_ringed_and_revisions_are_not(server, page):
    for key, expected in (("high_tech_manufacturing_value_added", 2), ("gdp", 0)):  # 2024-H1 and the Q1 it implies
        twin = httpx.get(f"{server}/indicator/{key}.json", timeout=HTTP_TIMEOUT).json()
        page.goto(f"{server}/indicator/{key}")
        page.wait_for_selector('.chart[data-rendered="true"]')
        rings = page.locator("#chart-growth-yoy-pct").evaluate("""el => echarts.getInstanceByDom(el).getOption()
            .series.filter(s => s.id === 'conflicts').reduce((n, s) => n + s.data.length, 0)""")
        charted = sum(1 for c in twin["charts"] if c["id"] == "growth-yoy-pct" for p in c["points"] if p["conflict"])
        assert rings == charted == expected, key
    page.set_viewport_size({"width": 390, "height": 844})
    page.screenshot(path=str(ARTIFACTS / "indicator-gdp-phone.png"), full_page=True)
    assert page.errors == []


def test_web_e2e_report_number_shows_its_quote_and_leads_to_the_evidence(server, page):
    twin = httpx.get(f"{server}/report/2025-H1.json", timeout=HTTP_TIMEOUT).json()
    figure = next(f for f in twin["figures"] if f["kind"] == "stated" and f["indicator"] == "industrial_value_added")
    page.goto(f"{server}/report/2025-H1")
    number = page.locator(f'a.fig[data-figure="{figure["n"]}"]').first
    tip = number.locator(".tip")
    assert not tip.is_visible()
    number.hover()
    tip.wait_for(state="visible")
    assert figure["sources"][0]["quote"] in tip.inner_text()
    assert page.locator(".report-chart svg").count() >= 1
    page.screenshot(path=str(ARTIFACTS / "report-hover.png"))
    with page.expect_navigation():
        number.click()
    assert page.url == f"{server}{figure['link']}"
    assert "".join(page.locator("mark.hl").all_inner_texts()) == figure["sources"][0]["quote"]
    assert page.errors == []
