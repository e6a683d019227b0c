"""The dashboard over the hostile corpus (tests/fixtures/hostile.jsonl), in process: every page kind and
every link answers, no scraped text becomes markup, a link other than http(s), or a formula; every
answer carries the security headers and no absolute path of this machine."""

import asyncio
import csv
import io
import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import httpx
import pytest
from hostile_corpus import hostile_documents

from zhibiao.web import create_app
from zhibiao.web.app import XLSX_TYPE
from zhibiao.web.middleware import SECURITY_HEADERS
from zhibiao.web.safety import from_path_key, json_for_html, path_key, safe_href
from zhibiao.web.views import document_url, indicator_url, region_url


def call(app, method: str, path: str, **kwargs) -> httpx.Response:
    async def go():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://zhibiao.test") as client:
            return await client.request(method, path, **kwargs)

    return asyncio.run(go())


@pytest.fixture(scope="module")
def app(hostile_db):
    application = create_app(hostile_db)
    yield application
    application.state.store.close()


class Page(HTMLParser):
    """Every link, script and inline JSON block of a page."""

    def __init__(self):
        super().__init__()
        self.links: list[str] = []
        self.scripts: list[dict] = []
        self.styled: list[str] = []
        self._in_json = False
        self.json_blocks: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if any(name.startswith("on") for name in attrs) or "style" in attrs:
            self.styled.append(f"<{tag} {attrs}>")
        if tag == "a" and "href" in attrs:
            self.links.append(attrs["href"])
        if tag == "script":
            self.scripts.append(attrs)
            self._in_json = attrs.get("type") == "application/json"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json = False

    def handle_data(self, data):
        if self._in_json:
            self.json_blocks.append(data)


def _pages() -> list[str]:
    docs = hostile_documents()
    pages = ["/", "/indicators", "/indicator/industrial_value_added", "/facts", "/documents?limit=100", "/conflicts",
             "/api", "/search?q=" + quote("规模以上工业增加值"), "/search?q=" + quote("<script>"),
             "/search?q=" + quote("[red]"), "/facts?doc=" + quote(docs[1]["id"], safe=""),
             indicator_url("钢材/铁合金产量"), indicator_url("[red]焦炭产量[/red]"),
             "/compare", "/compare?indicators=industrial_value_added," + quote("钢材/铁合金产量"),
             indicator_url("industrial_value_added", "/regions"), region_url("全国"), region_url("广东省"),
             "/changes?since=2000-01-01", "/checks", "/report/2024-H1", "/report/2024-H1?region=" + quote("全国")]
    pages += [document_url(d["id"]) for d in docs]
    return pages


def _secrets(hostile_db) -> list[str]:
    """Absolute paths whose appearance in an answer would leak this machine's layout."""
    return [str(hostile_db.parent), str(hostile_db.parent.parent), "/tmp/", "/home/", "/root/", "/work/"]


@pytest.mark.parametrize("path", _pages())
def test_web_hostile_pages_render_scraped_text_inert(app, hostile_db, path):
    response = call(app, "GET", path)
    assert response.status_code == 200, (path, response.text[:300])
    for name, value in SECURITY_HEADERS.items():
        assert response.headers[name] == value
    html = response.text
    assert not any(secret in html for secret in _secrets(hostile_db)), path
    page = Page()
    page.feed(html)
    assert page.styled == []  # no event handler or inline style, whatever a document said
    for script in page.scripts:  # only the project's scripts and JSON data blocks
        assert script.get("type") == "application/json" or script.get("src", "").startswith("/static/"), script
    for block in page.json_blocks:
        assert not re.search("[<>&\u2028\u2029]", block)
        json.loads(block)
    for link in page.links:
        assert link.startswith(("/", "?", "#")) or safe_href(link) == link, (path, link)
        assert not re.match(r"\s*(javascript|data|vbscript):", link, re.IGNORECASE)


def test_web_hostile_every_internal_link_answers(app):
    seen: set[str] = set()
    for path in _pages():
        page = Page()
        page.feed(call(app, "GET", path).text)
        for link in page.links:
            if not link.startswith("/") or link in seen:
                continue
            seen.add(link)
            response = call(app, "GET", link)
            assert response.status_code == 200, (path, link, response.text[:200])
    assert len(seen) > 60


@pytest.mark.parametrize("doc", [d["id"] for d in hostile_documents()])
def test_web_any_document_id_is_reachable(app, doc):
    body = call(app, "GET", document_url(doc, ".json")).json()
    assert body["document"]["id"] == doc and body["document"]["url_here"] == document_url(doc)
    for fact in body["facts"]:
        assert call(app, "GET", fact["evidence"] + ".json").json()["fact"]["doc"] == doc


@pytest.mark.parametrize("text", ["a/b", "..", ".", "~x", "x.json", "X.CSV", "%2F", "ctl\x07\x1b[31m", "", "普通",
                                  "https://a.example/b?c#d"])
def test_web_path_keys_round_trip(text):
    key = path_key(text)
    assert from_path_key(key) == text
    assert "/" not in key and key not in (".", "..") and not key.lower().endswith((".json", ".csv"))


@pytest.mark.parametrize(("url", "link"), [
    ("https://www.stats.gov.cn/a.html", "https://www.stats.gov.cn/a.html"),
    ("  HTTP://example.org/x ", "HTTP://example.org/x"),
    ("JaVaScRiPt:alert(1)", None), (" javascript:alert(1)", None), ("java\tscript:alert(1)", None),
    ("&#106;avascript:alert(1)", None), ("data:text/html,<script>", None), ("vbscript:msgbox(1)", None),
    ("\x01javascript:alert(1)", None), ("//evil.example/x", None), ("/relative", None), ("https://", None),
    (None, None), ("https://a.example/\x00x", None), ("https://a.example/\x00", "https://a.example/"),
])
def test_web_links_only_for_http_urls(url, link):
    assert safe_href(url) == link


def test_web_inline_json_has_no_markup_characters():
    value = {"id": "<!--<script>", "q": "</script>&amp;", "sep": "a\u2028b\u2029c"}
    text = json_for_html(value)
    assert not re.search("[<>&\u2028\u2029]", text) and json.loads(text) == value


def test_web_hostile_json_answers_show_no_absolute_path(app, hostile_db):
    docs = call(app, "GET", "/documents.json?limit=100").json()["documents"]
    assert {d["source"] for d in docs} >= {f"hostile.jsonl:{n}" for n in range(1, len(hostile_documents()) + 1)}
    for path in ["/documents.json?limit=100", "/overview.json", "/facts.json?limit=500", "/indicators.json",
                 "/openapi.json", "/conflicts.json", *[document_url(d["id"], ".json") for d in hostile_documents()]]:
        text = call(app, "GET", path).text
        assert not any(secret in text for secret in _secrets(hostile_db)), path


def test_web_a_missing_database_names_only_its_file(tmp_path):
    app = create_app(tmp_path / "absent.duckdb")
    body = call(app, "GET", "/overview.json")
    assert body.status_code == 503 and "absent.duckdb" in body.json()["error"]
    assert str(tmp_path) not in body.text


@pytest.mark.parametrize("path", ["/facts.csv", "/facts.csv?indicator=industrial_value_added",
                                  "/indicator/industrial_value_added.csv",
                                  indicator_url("[red]焦炭产量[/red]", ".csv")])
def test_web_csv_cells_never_start_a_formula(app, path):
    response = call(app, "GET", path)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    numeric = {"value", "value_max", "display_value", "seq", "span_start", "span_end", "story"}
    assert rows and not any(v.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for k, v in r.items()
                            if k not in numeric)
    if "?" in path or path == "/facts.csv":
        assert any(r["quote"].startswith("'=HYPERLINK") or r["title"].startswith("'") for r in rows)


@pytest.mark.parametrize("path", ["/facts.json", "/facts", "/indicator/gdp.json", "/indicator/gdp", "/documents.json",
                                  "/documents", "/search.json?q=x&", "/search?q=x&"])
@pytest.mark.parametrize("offset", ["9223372036854775808", "1000000001", "-1", "1e3"])
def test_web_huge_offsets_are_422_not_500(app, path, offset):
    sep = "" if path.endswith("&") else "?"
    response = call(app, "GET", f"{path}{sep}offset={offset}")
    assert response.status_code == 422, response.text[:200]


def test_web_huge_fact_number_is_422(app):
    assert call(app, "GET", "/evidence/x/9223372036854775808.json").status_code == 422


@pytest.mark.parametrize("path", ["/", "/overview.json", "/indicator/industrial_value_added", "/facts.csv",
                                  "/static/app.css", "/nowhere"])
def test_web_head_answers_like_get_without_a_body(app, path):
    get, head = call(app, "GET", path), call(app, "HEAD", path)
    assert head.status_code == get.status_code and head.content == b""
    assert head.headers["content-type"] == get.headers["content-type"]
    assert head.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH", "TRACE"])
def test_web_other_methods_are_405_with_allow(app, method):
    response = call(app, method, "/overview.json")
    assert response.status_code == 405 and response.headers["allow"] == "GET, HEAD"
    assert "not allowed" in response.json()["error"]


def test_web_large_answers_are_compressed(app):
    response = call(app, "GET", "/indicator/industrial_value_added", headers={"Accept-Encoding": "gzip"})
    assert response.headers["content-encoding"] == "gzip" and len(response.content) > 20_000
    small = call(app, "GET", "/search.json?q=" + quote("没有"), headers={"Accept-Encoding": "gzip"})
    assert "content-encoding" not in small.headers


def test_web_openapi_declares_answers_and_errors(app):
    schema = call(app, "GET", "/openapi.json").json()
    for path, methods in schema["paths"].items():
        responses = methods["get"]["responses"]
        assert "200" in responses and "422" in responses and "503" in responses, path
        content = responses["200"]["content"]
        if path.endswith(".csv"):
            assert "text/csv; charset=utf-8" in content
        elif path.endswith(".xlsx"):
            assert XLSX_TYPE in content
        elif path.endswith(".md"):
            assert "text/markdown; charset=utf-8" in content
        elif path.endswith(".atom"):
            assert "application/atom+xml; charset=utf-8" in content
        else:
            assert content["application/json"]["schema"] != {}, path
        if "{" in path or path == "/conflicts.json":
            assert "404" in responses, path


@pytest.mark.parametrize(("path", "public"), [
    ("/facts.json", True), ("/facts.csv", True), ("/indicator/gdp.xlsx", True), ("/openapi.json", True),
    ("/report/2024-H1.md", True), ("/nowhere.json", True), ("/facts", False), ("/", False), ("/report/2024-H1", False),
])
def test_web_data_answers_are_readable_by_any_origin_and_pages_are_not(app, path, public):
    response = call(app, "GET", path)
    assert response.headers["content-security-policy"] == SECURITY_HEADERS["Content-Security-Policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert (response.headers.get("access-control-allow-origin") == "*") is public
    assert response.headers["cross-origin-resource-policy"] == ("cross-origin" if public else "same-origin")


@pytest.mark.parametrize("path", ["/facts?region=&measure=growth", "/documents.json?year=&host=", "/facts.csv?year="])
def test_web_a_form_s_blank_fields_filter_nothing(app, path):
    assert call(app, "GET", path).status_code == 200
