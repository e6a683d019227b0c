"""/changes, /changes.json and /changes.atom: what the last watch round (or any ingest) brought."""

from datetime import UTC, datetime
from xml.etree import ElementTree as ET

import duckdb
import pytest

import zhibiao
from zhibiao.web import create_app

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def changed_db(tmp_path, corpus):
    """The test corpus without the revised GDP report; then a watch round that brings it."""
    revised = corpus / "gdp-revised.txt"
    held_back = tmp_path / "gdp-revised.txt"
    revised.rename(held_back)
    path = tmp_path / "changes.duckdb"
    with zhibiao.open(path) as store:
        store.ingest([corpus])
        con = store.writer_connection()
        con.execute("INSERT INTO watch_runs VALUES (1, ?, ?, 1, 1, 0, '[\"fake: 1 article(s) stored\"]')",
                    [datetime.now(UTC).replace(tzinfo=None)] * 2)
        store.close()
        held_back.rename(revised)
        store.ingest([corpus])
    return path


@pytest.fixture
def changes_client(changed_db, make_client):
    app = create_app(changed_db)
    yield make_client(app)
    app.state.store.close()


def test_web_changes_json_lists_the_last_rounds_facts_with_what_they_change(changes_client):
    d = changes_client.get("/changes.json").json()
    assert d["since"] and d["total"] == len(d["changes"]) > 0
    assert {c["doc"] for c in d["changes"]} == {"gdp-revised"}
    growth = [c for c in d["changes"] if c["indicator"] == "gdp" and c["measure"] == "growth"]
    assert growth[0]["change"] == "revision" and growth[0]["previous"] == 5.2 and growth[0]["value"] == 5.4
    assert d["counts"]["revision"] >= 1
    assert d["runs"][0]["summary"] == ["fake: 1 article(s) stored"]


@pytest.mark.parametrize(("since", "docs"), [("2000-01-01", 5), ("2999-01-01", 0)])
def test_web_changes_since_a_date(changes_client, since, docs):
    d = changes_client.get(f"/changes.json?since={since}").json()
    assert len({c["doc"] for c in d["changes"]}) == docs


def test_web_changes_bad_since_is_a_400(changes_client):
    response = changes_client.get("/changes.json?since=yesterday")
    assert response.status_code == 400 and "since" in response.json()["error"]


def test_web_changes_page_shows_the_revision_and_links_the_feed(changes_client):
    html = changes_client.get("/changes").text
    assert "修订 revision" in html and 'href="/changes.atom"' in html and 'type="application/atom+xml"' in html
    assert "<script>" not in html and "style=" not in html


def test_web_changes_atom_is_a_feed_of_new_documents(changes_client):
    response = changes_client.get("/changes.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.text)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 5  # the feed looks back 30 days: every document of the corpus
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == 5 and all(i.startswith("http://zhibiao.test/document/") for i in ids)
    revised = [e for e in entries if e.findtext(f"{ATOM}id").endswith("/gdp-revised")][0]
    assert "5.4" in revised.findtext(f"{ATOM}content")


def test_web_changes_escape_scraped_text(tmp_path, make_client):
    path = tmp_path / "x.duckdb"
    page = tmp_path / "page.txt"
    page.write_text("<script>alert(1)</script>\n2024年上半年,全国规模以上工业增加值同比增长5.8%。\x0b",
                    encoding="utf-8")
    with zhibiao.open(path) as store:
        store.ingest([page])
    con = duckdb.connect(str(path))
    con.execute("UPDATE documents SET title = '<b>标题</b>'")
    con.close()
    app = create_app(path)
    client = make_client(app)
    try:
        html = client.get("/changes?since=2000-01-01").text
        atom = client.get("/changes.atom?since=2000-01-01").text
    finally:
        app.state.store.close()
    assert "<b>标题</b>" not in html and "&lt;b&gt;标题&lt;/b&gt;" in html
    assert ET.fromstring(atom).find(f"{ATOM}entry/{ATOM}title").text == "<b>标题</b>"
