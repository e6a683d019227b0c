"""Article links from feeds, sitemaps and listing pages; the sources file's durations."""

import gzip
import re

import pytest

from zhibiao.watch.links import find_links, normalize
from zhibiao.watch.sources import Source, example_path, load_sources, parse_duration

BASE = "https://stats.example.gov.cn/zxfb/"
ANY = Source("any", (BASE,))
ARTICLES = Source("pattern", (BASE,), articles=re.compile(r"/zxfb/\d{6}/t\d+\.html$"))
LISTED = Source("selector", (BASE,), selector="ul.list", articles=re.compile(r"\.html"))

RSS = b"""<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>https://stats.example.gov.cn/zxfb/202611/t1.html</link></item>
<item><title>b</title><link>/zxfb/202611/t2.html#top</link></item>
<item><title>a again</title><link>https://STATS.example.gov.cn:443/zxfb/202611/t1.html</link></item>
</channel></rss>"""
ATOM = b"""<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>
<entry><title>a</title><link rel="alternate" href="https://stats.example.gov.cn/zxfb/202611/t3.html"/></entry>
</feed>"""
SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>https://stats.example.gov.cn/zxfb/202611/t4.html</loc></url>
<url><loc>https://stats.example.gov.cn/about.html</loc></url></urlset>"""
INDEX = b"""<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>https://stats.example.gov.cn/sitemap-1.xml</loc></sitemap>
<sitemap><loc>https://stats.example.gov.cn/sitemap-2.xml.gz</loc></sitemap></sitemapindex>"""
LISTING = """<html><head><base href="https://stats.example.gov.cn/zxfb/"></head><body>
<div class="nav"><a href="/index.html">首页</a><a href="https://other.example.com/x.html">外链</a></div>
<ul class="list"><li><a href="202611/t5.html">五</a></li><li><a href="javascript:void(0)">no</a></li>
<li><a href="mailto:a@b.c">mail</a></li><li><a href="202611/t6.html?b=2&amp;a=1">六</a></li></ul>
</body></html>""".encode()


@pytest.mark.parametrize(("body", "source", "kind", "articles"), [
    (RSS, ANY, "feed", ["https://stats.example.gov.cn/zxfb/202611/t1.html",
                        "https://stats.example.gov.cn/zxfb/202611/t2.html"]),
    (ATOM, ANY, "feed", ["https://stats.example.gov.cn/zxfb/202611/t3.html"]),
    (SITEMAP, ANY, "sitemap", ["https://stats.example.gov.cn/zxfb/202611/t4.html",
                               "https://stats.example.gov.cn/about.html"]),
    (SITEMAP, ARTICLES, "sitemap", ["https://stats.example.gov.cn/zxfb/202611/t4.html"]),
    (gzip.compress(SITEMAP), ARTICLES, "sitemap", ["https://stats.example.gov.cn/zxfb/202611/t4.html"]),
    (LISTING, LISTED, "listing", ["https://stats.example.gov.cn/zxfb/202611/t5.html",
                                  "https://stats.example.gov.cn/zxfb/202611/t6.html?a=1&b=2"]),
    (LISTING, ANY, "listing", ["https://stats.example.gov.cn/index.html",
                               "https://stats.example.gov.cn/zxfb/202611/t5.html",
                               "https://stats.example.gov.cn/zxfb/202611/t6.html?a=1&b=2"]),
    (b"<html><body>nothing</body></html>", ANY, "listing", []),
])
def test_watch_links_found_normalised_and_deduplicated(body, source, kind, articles):
    found = find_links(body, BASE, source)
    assert found.kind == kind
    assert list(found.articles) == articles


def test_watch_links_a_sitemap_index_names_further_sitemaps():
    found = find_links(INDEX, "https://stats.example.gov.cn/sitemap.xml", ANY)
    assert found.articles == ()
    assert found.sitemaps == ("https://stats.example.gov.cn/sitemap-1.xml",
                              "https://stats.example.gov.cn/sitemap-2.xml.gz")


@pytest.mark.parametrize(("url", "expected"), [
    ("HTTPS://Stats.Example.gov.cn:443/a.html#x", "https://stats.example.gov.cn/a.html"),
    ("http://example.org/a?b=1&a=2", "http://example.org/a?a=2&b=1"),
    ("javascript:void(0)", None),
    ("ftp://example.org/a", None),
    ("/relative.html", None),
])
def test_watch_links_normalize(url, expected):
    assert normalize(url) == expected


@pytest.mark.parametrize(("value", "seconds"), [(90, 90.0), ("90s", 90.0), ("30m", 1800.0), ("6h", 21600.0),
                                                ("1d", 86400.0), ("1.5h", 5400.0), (0, 0.0)])
def test_watch_sources_durations(value, seconds):
    assert parse_duration(value, "x") == seconds


@pytest.mark.parametrize("value", ["soon", "-5m", "5w", True])
def test_watch_sources_bad_durations(value):
    with pytest.raises(ValueError, match="x"):
        parse_duration(value, "x")


def test_watch_the_shipped_example_sources_file_loads():
    sources = load_sources(example_path())
    assert len(sources.sources) >= 5
    assert {s.region for s in sources.sources} >= {"全国", "广东省"}
    assert all(s.start and s.every > 0 for s in sources.sources)
    assert sources.settings.contact
