"""The briefing on the dashboard: /report/{period} and its .json and .md twins, linked from the overview."""

import re

import pytest

import zhibiao
from zhibiao.report.render import to_markdown


def test_web_report_json_is_the_api_report(client, demo_db):
    r = client.get("/report/2025-H1.json")
    assert r.status_code == 200
    data = r.json()
    with zhibiao.open(demo_db) as store:
        expected = store.report("2025-H1", charts=False)
    assert data["title"] == expected.title == "2025年上半年工业经济运行简报"
    assert [f["text"] for f in data["figures"]] == [f.text for f in expected.figures]
    first = data["figures"][0]
    assert first["sources"][0]["quote"] and first["link"].startswith("/evidence/")


def test_web_report_markdown_twin(client, demo_db):
    r = client.get("/report/2025-H1.md")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/markdown")
    with zhibiao.open(demo_db) as store:
        assert r.text == to_markdown(store.report("2025-H1", charts=False))


def test_web_report_page_links_every_stated_number_to_its_evidence(client):
    page = client.get("/report/2025-H1").text
    links = re.findall(r'<a class="fig fig-(\w+)" href="([^"]+)"', page)
    assert links and all(href.startswith("/evidence/") for kind, href in links if kind != "computed")
    for _, href in links[:3]:
        if href.startswith("/evidence/"):
            assert client.get(href).status_code == 200
    assert "<svg" in page and 'href="/report/2025-H1.json"' in page


def test_web_overview_links_the_latest_briefing(client):
    page = client.get("/").text
    assert 'href="/report/2025-H1"' in page


@pytest.mark.parametrize(("path", "status"), [("/report/2025-H9.json", 400), ("/report/2025-H9", 400),
                                              ("/report/2025-H9.md", 400)])
def test_web_report_bad_period(client, path, status):
    r = client.get(path)
    assert r.status_code == status
    if path.endswith((".json", ".md")):
        assert "cannot write a briefing" in r.json()["error"]


def test_web_report_region(client):
    data = client.get("/report/2024-Q1.json", params={"region": "广东省"}).json()
    assert data["region"] == "广东省" and "广东省" in data["title"]
