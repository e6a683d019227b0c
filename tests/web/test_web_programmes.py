"""The overview's programme section and the indicator page of a scoped programme."""

import json
import re
from urllib.parse import quote

import pytest

import zhibiao
from tests.conftest import write_corpus
from tests.store.test_store_scopes import CORPUS
from zhibiao.web import create_app


@pytest.fixture(scope="module")
def scoped_client(tmp_path_factory, make_client):
    folder = tmp_path_factory.mktemp("programmes")
    path = folder / "scopes.duckdb"
    with zhibiao.open(path) as store:
        store.ingest([write_corpus(folder / "corpus", CORPUS)])
    app = create_app(path)
    yield make_client(app)
    app.state.store.close()


def test_web_overview_lists_each_programme_and_scope_with_latest_value_period_sources_trend(scoped_client):
    d = scoped_client.get("/overview.json").json()
    groups = {g["group"]: g for g in d["programmes"]}
    assert "工业经济运行" not in groups and list(groups)[0] == "数字化转型"
    rows = {(p["id"], p["scope"]): p for p in groups["招商引资"]["programmes"]}
    assert set(rows) == {("investment_projects_started", "亿元以上"), ("investment_projects_started", "50亿元以上")}
    big = rows[("investment_projects_started", "50亿元以上")]
    assert big["latest"]["value"] == 11 and big["latest"]["period"] == "2025-H1" and big["latest"]["stories"] == 1
    assert [t["value"] for t in big["trend"]] == [9, 11] and big["sparkline"]
    assert big["latest"]["evidence"].startswith("/evidence/p2025/")
    pilot = {p["scope"]: p["latest"]["value"] for p in groups["中试"]["programmes"]}
    assert pilot == {None: 360, "国家级": 3, "重点培育": 52}
    assert "investment_promotion_projects" in {i["id"] for i in groups["招商引资"]["without_data"]}


def test_web_overview_page_includes_the_programme_partial(scoped_client):
    html = scoped_client.get("/").text
    section = html[html.index('id="programmes"'):]
    assert section.count('<tr data-indicator="investment_projects_started"') == 2
    assert '<span class="tag scope">50亿元以上</span>' in section and "11" in section
    assert 'href="/evidence/p2025/' in section and "<script" not in section and "style=" not in section


def test_web_indicator_page_charts_each_scope_apart(scoped_client):
    d = scoped_client.get("/indicator/pilot_test_platforms.json").json()
    assert d["indicator"]["group"] == "中试" and d["indicator"]["definition"]
    assert d["indicator"]["scopes"] == ["国家级", "重点培育"]
    charts = {c["scope"]: [p["value"] for p in c["points"]] for c in d["charts"]}
    assert charts == {None: [300, 360], "国家级": [3], "重点培育": [40, 52]}
    assert len({c["id"] for c in d["charts"]}) == len(d["charts"])
    assert all(re.fullmatch(r"[a-z0-9-]+", c["id"]) for c in d["charts"])
    page = scoped_client.get("/indicator/" + quote("重点培育中试平台")).text
    assert "中试平台" in page and json.dumps("重点培育 · ", ensure_ascii=False)[1:-1] in page
