"""A fake publisher on 127.0.0.1 for the watch tests: no test reaches the internet.

It serves a listing page, an RSS feed and a sitemap (each with ETag and Last-Modified, answering
304 to a matching conditional request), articles in UTF-8 (gzipped), GBK (charset in the header,
or only in a meta tag) and brotli, a redirect, a 404, a 500 that turns into a 200, a 429 with
Retry-After that turns into a 200, a response slower than the watch's timeout, a page over the size
cap (sent without Content-Length, so only reading it shows its size), and a robots.txt that
disallows /private/. Every request is logged with its arrival time (time.monotonic) and headers.

The article texts were written for these tests; the figures are made up.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape

import brotli

ROBOTS = "User-agent: *\nDisallow: /private/\n"
LAST_MODIFIED = formatdate(1_790_000_000, usegmt=True)


@dataclass(frozen=True)
class Article:
    path: str
    title: str
    text: str
    day: str
    encoding: str = "utf-8"  # utf-8 | gbk-header | gbk-meta
    compress: str = ""  # "" | gzip | br


ARTICLES = {
    a.path: a for a in (
        Article("/news/a1.html", "前三季度工业生产运行情况", "2026年前三季度,全国规模以上工业增加值同比增长6.2%,"
                "增速比上半年加快0.3个百分点。其中,高技术制造业增加值增长9.5%。", "2026-10-20", compress="gzip"),
        Article("/news/a2.html", "10月份社会消费品零售总额情况", "10月份,社会消费品零售总额4.1万亿元,同比增长3.4%。"
                "其中,乡村消费品零售额增长4.6%。", "2026-11-14", encoding="gbk-header"),
        Article("/news/a3.html", "1-10月份全国固定资产投资情况", "1-10月份,全国固定资产投资(不含农户)40.2万亿元,"
                "同比下降1.1%。", "2026-11-14", encoding="gbk-meta"),
        Article("/news/a4.html", "10月份居民消费价格情况", "10月份,全国居民消费价格同比上涨0.2%,环比下降0.1%。",
                "2026-11-09"),
        Article("/news/a5.html", "前三季度规模以上工业企业利润", "前三季度,全国规模以上工业企业实现利润总额5.4万亿元,"
                "同比增长3.2%。", "2026-10-27"),
        Article("/news/a6.html", "10月份金融统计数据", "10月末,广义货币(M2)余额335.1万亿元,同比增长8.2%。",
                "2026-11-12", compress="br"),
        Article("/news/flaky.html", "10月份货物贸易进出口情况", "10月份,全国货物进出口总额3.7万亿元,同比增长0.1%。",
                "2026-11-07"),
        Article("/news/busy.html", "1-10月份能源生产情况",
                "1-10月份,全国规模以上工业发电量7.8万亿千瓦时,同比增长2.5%。", "2026-11-15"),
        Article("/news/a7.html", "工业增加值数据修订公告",
                "国家统计局修订数据显示,2026年前三季度,全国规模以上工业增加值"
                "同比增长6.4%。10月份,全国规模以上工业增加值同比增长5.1%。", "2026-11-16"),
        Article("/private/secret.html", "内部资料", "10月份,某项内部指标增长12.5%。", "2026-11-01"),
    )
}
# What the listing page links to (besides articles also reachable through the feed or the sitemap).
LISTED = ["/news/a1.html", "/news/a2.html", "/news/a3.html", "/news/old.html", "/news/missing.html",
          "/news/flaky.html", "/news/busy.html", "/news/slow.html", "/news/big.html", "/private/secret.html",
          "/about.html"]
REDIRECTS = {"/news/old.html": "/news/a4.html"}


@dataclass
class Publisher:
    """The server's state: what the feed lists, how often each path was asked for, the request log."""

    feed: list[str] = field(default_factory=lambda: ["/news/a1.html", "/news/a5.html"])
    sitemap: list[str] = field(default_factory=lambda: ["/news/a6.html", "/news/a1.html"])
    articles: dict[str, Article] = field(default_factory=lambda: dict(ARTICLES))
    listed: list[str] = field(default_factory=lambda: list(LISTED))
    slow_seconds: float = 1.0
    article_delay: float = 0.0
    log: list[tuple[float, str, dict]] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def paths(self) -> list[str]:
        with self.lock:
            return [path for _t, path, _h in self.log]

    def requests(self, path: str) -> list[dict]:
        with self.lock:
            return [headers for _t, p, headers in self.log if p == path]

    def clear(self) -> None:
        with self.lock:
            self.log.clear()


def _page(article: Article, meta_charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{meta_charset}"><title>{article.title}</title></head><body>'
            f'<div class="nav"><a href="/">首页</a> &gt; <a href="/news/">最新发布</a></div>'
            f'<div class="article"><h1>{article.title}</h1><p class="info">发布时间:{article.day} 来源:统计局</p>'
            f"<p>{article.text}</p><p>本文数据为测试而编写。</p></div></body></html>")


def _listing(publisher: Publisher) -> str:
    items = "".join(f'<li><a href="{p}">{p}</a></li>' for p in publisher.listed)
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>最新发布</title></head><body>'
            f'<div class="nav"><a href="/">首页</a><a href="/about.html">关于</a></div>'
            f'<ul class="list">{items}</ul></body></html>')


def _feed(publisher: Publisher) -> str:
    items = "".join(
        f"<item><title>{escape(publisher.articles[p].title)}</title><link>{publisher.base}{p}</link>"
        f"<guid>{publisher.base}{p}</guid></item>" for p in publisher.feed)
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>最新发布</title>'
            f"<link>{publisher.base}/news/</link><description>测试</description>{items}</channel></rss>")


def _sitemap(publisher: Publisher) -> str:
    urls = "".join(f"<url><loc>{publisher.base}{p}</loc></url>" for p in publisher.sitemap)
    return f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'


class _Handler(BaseHTTPRequestHandler):
    """The fake publisher's pages; `make_handler` binds it to one Publisher."""

    publisher: Publisher

    def log_message(self, *args) -> None:  # quiet
        pass

    def do_GET(self) -> None:  # noqa: N802 (the http.server API)
        path = self.path.split("?")[0]
        with self.publisher.lock:
            self.publisher.log.append((time.monotonic(), path, {k.lower(): v for k, v in self.headers.items()}))
            self.publisher.hits[path] = hits = self.publisher.hits.get(path, 0) + 1
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self._answer(path, hits)

    def _send(self, status: int, body: bytes, content_type: str, headers: dict | None = None,
              length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _validated(self, body: bytes, content_type: str) -> None:
        """Answer with ETag and Last-Modified, or 304 when the request's validators match."""
        etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
        if self.headers.get("If-None-Match") == etag:
            self.send_response(304)
            self.send_header("ETag", etag)
            self.end_headers()
            return
        self._send(200, body, content_type, {"ETag": etag, "Last-Modified": LAST_MODIFIED})

    def _answer(self, path: str, hits: int) -> None:
        if path == "/robots.txt":
            return self._send(200, ROBOTS.encode(), "text/plain")
        if path == "/news/":
            return self._listing_page()
        if path == "/feed.xml":
            return self._validated(_feed(self.publisher).encode(), "application/rss+xml")
        if path == "/sitemap.xml":
            return self._validated(_sitemap(self.publisher).encode(), "application/xml")
        if path in REDIRECTS:
            return self._send(301, b"", "text/html", {"Location": REDIRECTS[path]})
        if path == "/news/slow.html":
            time.sleep(self.publisher.slow_seconds)
            return self._send(200, b"<html><body>late</body></html>", "text/html")
        if path == "/news/big.html":
            return self._send(200, b"<html><body>" + "数据".encode() * 200_000 + b"</body></html>",
                              "text/html; charset=utf-8", length=False)
        if path == "/news/flaky.html" and hits == 1:
            return self._send(500, b"busy", "text/plain")
        if path == "/news/busy.html" and hits == 1:
            return self._send(429, b"slow down", "text/plain", {"Retry-After": "1"})
        article = self.publisher.articles.get(path)
        if article is None:
            return self._send(404, b"not found", "text/html")
        if self.publisher.article_delay:
            time.sleep(self.publisher.article_delay)
        self._article(article)

    def _listing_page(self) -> None:
        """The listing answers If-Modified-Since (no ETag), as many older servers do."""
        if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
            self.send_response(304)
            self.end_headers()
            return
        self._send(200, _listing(self.publisher).encode(), "text/html; charset=utf-8", {"Last-Modified": LAST_MODIFIED})

    def _article(self, article: Article) -> None:
        if article.encoding == "gbk-header":
            body, content_type = _page(article, "gbk").encode("gbk"), "text/html; charset=GBK"
        elif article.encoding == "gbk-meta":
            body, content_type = _page(article, "gbk").encode("gbk"), "text/html"
        else:
            body, content_type = _page(article).encode("utf-8"), "text/html; charset=utf-8"
        headers = {}
        accepted = self.headers.get("Accept-Encoding", "")
        if article.compress == "gzip" and "gzip" in accepted:
            body, headers["Content-Encoding"] = gzip.compress(body), "gzip"
        elif article.compress == "br" and "br" in accepted:
            body, headers["Content-Encoding"] = brotli.compress(body), "br"
        self._send(200, body, content_type, headers)



def make_handler(publisher: Publisher) -> type[BaseHTTPRequestHandler]:
    return type("Handler", (_Handler,), {"publisher": publisher})


def serve(publisher: Publisher) -> ThreadingHTTPServer:
    """Start the publisher on a free port of 127.0.0.1 in a daemon thread; `shutdown()` stops it."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(publisher))
    server.daemon_threads = True
    publisher.port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def sources_toml(publisher: Publisher, *, delay: float = 0.05, timeout: float = 0.5, max_bytes: int = 200_000,
                 extra: str = "") -> str:
    """A sources file for the publisher: the listing (links picked by a selector and a pattern), the
    feed and the sitemap, looked at on every round."""
    base = publisher.base
    return f"""
[watch]
timeout = {timeout}
retries = 1
backoff = 0.05
max_bytes = {max_bytes}
max_wait = 5
contact = "tests@example.org"
every = 0
delay = {delay}

[[source]]
name = "fake-stats"
publisher = "测试统计局"
region = "全国"
start = ["{base}/news/", "{base}/feed.xml", "{base}/sitemap.xml"]
selector = "ul.list"
articles = '/(news|private)/[a-z0-9]+\\.html$'
{extra}
"""
