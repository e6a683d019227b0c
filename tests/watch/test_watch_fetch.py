"""Polite fetching against small servers on 127.0.0.1: robots.txt, redirects, Retry-After, caps."""

import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from zhibiao.watch.fetch import Fetcher, retry_after_seconds, user_agent
from zhibiao.watch.sources import Settings

FAST = Settings(timeout=0.5, retries=1, backoff=0.01, max_bytes=1000, max_redirects=3, max_wait=2, delay=0)


def _server(routes: dict):
    """Serve `routes` (path -> (status, headers, body)); unknown paths are 404. Returns (server, log)."""
    log: list[tuple[float, str]] = []

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            log.append((time.monotonic(), self.path))
            status, headers, body = routes.get(self.path, (404, {}, b"no"))
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, log


@pytest.fixture
def serve():
    servers = []

    def start(routes):
        server, log = _server(routes)
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}", log

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


PAGE = (200, {"Content-Type": "text/html"}, b"<html>ok</html>")


@pytest.mark.parametrize(("robots", "outcome", "asked"), [
    ((200, {}, b"User-agent: zhibiao\nDisallow: /a\n"), "disallowed", False),
    ((200, {}, b"User-agent: other\nDisallow: /\n"), "ok", True),
    ((404, {}, b""), "ok", True),  # no robots.txt: everything allowed (RFC 9309)
    ((503, {}, b""), "disallowed", False),  # unreachable robots.txt: nothing allowed
])
def test_watch_fetch_robots_txt(serve, robots, outcome, asked):
    base, log = serve({"/robots.txt": robots, "/a": PAGE})
    with Fetcher(FAST) as fetcher:
        result = fetcher.get(base + "/a", delay=0)
    assert result.outcome == outcome
    assert ("/a" in [p for _t, p in log]) == asked


def test_watch_fetch_follows_redirects_within_the_limit(serve):
    routes = {f"/r{n}": (302, {"Location": f"/r{n + 1}"}, b"") for n in range(10)}
    routes["/r2"] = (301, {"Location": "/done"}, b"")
    routes["/done"] = PAGE
    base, _log = serve(routes)
    recorded = []
    with Fetcher(FAST, recorded.append) as fetcher:
        result = fetcher.get(base + "/r0", delay=0)
        looping = fetcher.get(base + "/r5", delay=0)
    assert result.outcome == "ok" and result.final_url == base + "/done" and result.body == b"<html>ok</html>"
    assert [r.status for r in recorded[:4]] == [404, 302, 302, 301]  # robots.txt, then every hop is archived
    assert looping.outcome == "error" and "more than 3 redirects" in looping.error


def test_watch_fetch_a_long_retry_after_puts_the_host_off(serve):
    base, log = serve({"/busy": (429, {"Retry-After": "3600"}, b"")})
    with Fetcher(FAST) as fetcher:
        first = fetcher.get(base + "/busy", delay=0)
        second = fetcher.get(base + "/other", delay=0)
    assert first.outcome == "deferred" and "retry after 3600 s" in first.error
    assert second.outcome == "deferred"
    assert [p for _t, p in log].count("/busy") == 1 and "/other" not in [p for _t, p in log]
    assert fetcher.not_before[base] > time.time() + 3000


def test_watch_fetch_a_503_is_retried_and_reported(serve):
    base, log = serve({"/down": (503, {}, b"")})
    with Fetcher(FAST) as fetcher:
        result = fetcher.get(base + "/down", delay=0)
    assert result.outcome == "error" and result.error == "HTTP 503"
    assert [p for _t, p in log].count("/down") == FAST.retries + 1


def test_watch_fetch_drops_a_body_over_the_cap(serve):
    base, _log = serve({"/big": (200, {"Content-Type": "text/html"}, b"x" * 5000)})
    recorded = []
    with Fetcher(FAST, recorded.append) as fetcher:
        result = fetcher.get(base + "/big", delay=0)
    assert result.outcome == "too_large" and result.body == b""
    assert recorded[-1].truncated and recorded[-1].body == b""


def test_watch_fetch_honours_crawl_delay(serve):
    base, log = serve({"/robots.txt": (200, {}, b"User-agent: *\nCrawl-delay: 1\n"), "/a": PAGE, "/b": PAGE})
    with Fetcher(FAST) as fetcher:
        fetcher.get(base + "/a", delay=0)
        fetcher.get(base + "/b", delay=0)
    times = {p: t for t, p in log}
    assert times["/b"] - times["/a"] >= 0.9  # Python reads whole seconds only; the server may stamp late


@pytest.mark.parametrize(("value", "expected"), [
    ("120", 120.0), (" 5 ", 5.0), ("soon", None), (None, None), ("", None),
    (formatdate(1_000_060, usegmt=True), 60.0), (formatdate(999_000, usegmt=True), 0.0),
])
def test_watch_fetch_retry_after(value, expected):
    assert retry_after_seconds(value, now=1_000_000) == expected


def test_watch_fetch_user_agent_names_the_project_and_the_contact():
    assert user_agent().startswith("zhibiao/")
    assert user_agent("ops@example.org").endswith("; ops@example.org)")


def test_watch_fetch_offers_http2_gzip_and_brotli():
    with Fetcher(FAST) as fetcher:
        assert fetcher.client._transport._pool._http2  # negotiated through ALPN where a server offers it
        assert {"gzip", "br"} <= {e.strip() for e in fetcher.client.headers["accept-encoding"].split(",")}
