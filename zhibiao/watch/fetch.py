"""Polite HTTP for the watch: one request at a time, never more often than a host allows.

Every request goes through `Fetcher.get`, which
- asks the host's robots.txt first (fetched once per host and run; RFC 9309: a 4xx robots.txt allows
  everything, an unreachable one nothing) and honours its Crawl-delay when longer than the source's;
- waits its turn: at least `delay` seconds between two requests to one host, and not before a time a
  429/503 Retry-After named;
- identifies itself (USER_AGENT, with the operator's contact when the sources file gives one), offers
  gzip and brotli, uses HTTP/2 where the server offers it (https, through ALPN);
- sends If-None-Match / If-Modified-Since when validators are given;
- follows redirects itself, at most `max_redirects`, each hop checked against robots.txt and recorded;
- reads the body in chunks and drops it past `max_bytes` (decoded), or past five timeouts in all;
- retries timeouts, connection errors and 5xx within the call, waiting backoff, 2×backoff, …;
  a 429 or 503 is retried after its Retry-After when that is at most `max_wait`, else the host is put
  off (`not_before`) and the caller is told to try in a later round.

Each raw response (redirects and errors included) is handed to `record` for the WARC archive.
"""

from __future__ import annotations

import email.utils
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import httpx

import zhibiao
from zhibiao.watch.sources import Settings

AGENT_TOKEN = "zhibiao"
USER_AGENT = f"{AGENT_TOKEN}/{zhibiao.__version__} (indicator monitor; +https://pypi.org/project/zhibiao/)"
REDIRECTS = (301, 302, 303, 307, 308)
BACK_OFF = (429, 503)
# Headers that described the bytes on the wire: the archive keeps the decoded body, so they go.
_WIRE_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


@dataclass(frozen=True)
class Raw:
    """One HTTP exchange as it is archived: the decoded body, with headers that describe it."""

    url: str
    status: int
    reason: str
    protocol: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    truncated: bool = False


@dataclass
class Result:
    """What became of one `get`: a response (maybe 304), or why there is none.

    `outcome` is "ok" (any final status, see `status`), "disallowed" (robots.txt), "deferred" (the host
    asked to wait longer than max_wait; try a later round), "too_large", or "error" (timeouts,
    connection errors, too many redirects: retry a later round).
    """

    url: str
    outcome: str
    final_url: str = ""
    status: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    error: str = ""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "")


Recorder = Callable[[Raw], None]


class _TooLarge(Exception):
    pass


def user_agent(contact: str | None = None) -> str:
    return f"{USER_AGENT[:-1]}; {contact})" if contact else USER_AGENT


def host_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.lower()}"


def retry_after_seconds(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a Retry-After header (a number of seconds or an HTTP date), or None."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, when.timestamp() - (now if now is not None else time.time()))


class Fetcher:
    """One HTTP client with per-host clocks and robots rules; use as a context manager."""

    def __init__(self, settings: Settings, record: Recorder | None = None, *,
                 not_before: dict[str, float] | None = None, sleep: Callable[[float], None] = time.sleep):
        self.settings = settings
        self.record = record or (lambda raw: None)
        self.sleep = sleep
        # host -> wall-clock time before which it must not be asked again (429/503), kept by the caller
        self.not_before: dict[str, float] = not_before if not_before is not None else {}
        self._last: dict[str, float] = {}  # host -> monotonic time of the last request
        self._robots: dict[str, urllib.robotparser.RobotFileParser | bool] = {}
        self.agent = user_agent(settings.contact)
        self.client = httpx.Client(
            http2=_has_h2(), follow_redirects=False, timeout=httpx.Timeout(settings.timeout),
            headers={"User-Agent": self.agent, "Accept-Encoding": "gzip, deflate, br",
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    # -- the public call ------------------------------------------------------------------------

    def get(self, url: str, *, delay: float, etag: str | None = None, last_modified: str | None = None) -> Result:
        """Fetch `url` politely (see the module docstring); never raises for network trouble."""
        current = url
        conditional = {}
        if etag:
            conditional["If-None-Match"] = etag
        if last_modified:
            conditional["If-Modified-Since"] = last_modified
        for _hop in range(self.settings.max_redirects + 1):
            host = host_of(current)
            wait = self.not_before.get(host, 0) - time.time()
            if wait > self.settings.max_wait:
                return Result(url, "deferred", current, error=f"{host} asked to wait {wait:.0f} s more")
            robots = self._robots_for(host, delay)
            if robots is False or (robots is not True and not robots.can_fetch(self.agent, current)):
                return Result(url, "disallowed", current, error="disallowed by robots.txt")
            result = self._attempts(url, current, self._delay(host, delay), conditional)
            if result.outcome != "ok" or result.status not in REDIRECTS or "location" not in result.headers:
                return result
            current = urljoin(current, result.headers["location"].strip())
            conditional = {}
        return Result(url, "error", current, error=f"more than {self.settings.max_redirects} redirects")

    # -- one URL, several attempts --------------------------------------------------------------

    def _attempts(self, url: str, current: str, delay: float, conditional: dict[str, str]) -> Result:
        host = host_of(current)
        attempts = self.settings.retries + 1
        for attempt in range(attempts):
            last = attempt == attempts - 1
            self._wait_turn(host, delay)
            try:
                raw = self._request(current, conditional)
            except _TooLarge:
                return Result(url, "too_large", current, error=f"larger than {self.settings.max_bytes} bytes")
            except httpx.TimeoutException:
                error = f"timed out after {self.settings.timeout:g} s"
            except httpx.HTTPError as err:
                error = _one_line(err) or type(err).__name__
            else:
                result = Result(url, "ok", current, raw.status, {k.lower(): v for k, v in raw.headers}, raw.body)
                if raw.status in BACK_OFF:
                    pause = retry_after_seconds(result.headers.get("retry-after"))
                    pause = self.settings.backoff * 2 ** attempt if pause is None else pause
                    self.not_before[host] = max(self.not_before.get(host, 0), time.time() + pause)
                    if pause > self.settings.max_wait:
                        return Result(url, "deferred", current, raw.status, result.headers,
                                      error=f"HTTP {raw.status}, retry after {pause:.0f} s")
                    if last:
                        return Result(url, "error", current, raw.status, result.headers, error=f"HTTP {raw.status}")
                    continue  # _wait_turn sleeps until not_before
                if raw.status >= 500 and not last:
                    self.sleep(self.settings.backoff * 2 ** attempt)
                    continue
                return result
            if last:
                return Result(url, "error", current, error=error)
            self.sleep(self.settings.backoff * 2 ** attempt)
        raise AssertionError("unreachable")

    def _wait_turn(self, host: str, delay: float) -> None:
        """Sleep until `delay` seconds after the host's last request and past its not_before time."""
        now = time.monotonic()
        ready = self._last.get(host, now - delay) + delay
        pause = max(ready - now, self.not_before.get(host, 0) - time.time(), 0)
        if pause > 0:
            self.sleep(pause)
        self._last[host] = time.monotonic()

    def _request(self, url: str, extra: dict[str, str]) -> Raw:
        deadline = time.monotonic() + 5 * self.settings.timeout
        cap = self.settings.max_bytes
        with self.client.stream("GET", url, headers=extra) as response:
            declared = response.headers.get("content-length", "")
            too_large = declared.isdigit() and int(declared) > cap
            chunks: list[bytes] = []
            size = 0
            if not too_large:
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > cap:
                        too_large = True
                        break
                    if time.monotonic() > deadline:
                        raise httpx.ReadTimeout("response took too long")
                    chunks.append(chunk)
            raw = Raw(str(url), response.status_code, response.reason_phrase or "", response.http_version,
                      _archived_headers(response.headers.multi_items(), None if too_large else size),
                      b"" if too_large else b"".join(chunks), truncated=too_large)
        self.record(raw)
        if too_large:
            raise _TooLarge()
        return raw

    # -- robots.txt -----------------------------------------------------------------------------

    def _robots_for(self, host: str, delay: float) -> urllib.robotparser.RobotFileParser | bool:
        """The host's rules, True (no rules: everything allowed) or False (nothing allowed)."""
        if host not in self._robots:
            self._robots[host] = self._read_robots(host, delay)
        return self._robots[host]

    def _read_robots(self, host: str, delay: float) -> urllib.robotparser.RobotFileParser | bool:
        self._wait_turn(host, delay)
        try:
            raw = self._request(host + "/robots.txt", {})
        except (httpx.HTTPError, _TooLarge):
            return False
        if 400 <= raw.status < 500:
            return True
        if raw.status != 200:
            return False  # a server error or a redirect we do not chase: assume nothing is allowed
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(raw.body.decode("utf-8", errors="replace").splitlines())
        return parser

    def _delay(self, host: str, delay: float) -> float:
        robots = self._robots.get(host)
        if isinstance(robots, urllib.robotparser.RobotFileParser):
            asked = robots.crawl_delay(self.agent)
            if asked:
                return max(delay, float(asked))
        return delay


def _archived_headers(items: list[tuple[str, str]], size: int | None) -> tuple[tuple[str, str], ...]:
    kept = [(k, v) for k, v in items if k.lower() not in _WIRE_HEADERS]
    if size is not None:
        kept.append(("Content-Length", str(size)))
    return tuple(kept)


def _has_h2() -> bool:
    try:
        import h2  # noqa: F401
    except ImportError:
        return False
    return True


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:200]


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
