"""The sources file: which publishers to follow, where their new releases are listed, how gently.

    [watch]                     settings for every source (all optional)
    timeout = 20                seconds to connect, and between two reads of one response
    retries = 2                 extra attempts within a round (timeouts, connection errors, 5xx)
    backoff = 1.0               seconds before the first extra attempt; doubled for each next one
    max_bytes = 10_000_000      a response larger than this (decoded) is dropped
    max_redirects = 5
    max_wait = 60               a Retry-After up to this many seconds is waited out; longer ones
                                put the host off until a later round
    contact = "me@example.org"  added to the User-Agent, so a publisher can reach the operator
    every = "1h"                default for sources that do not say
    delay = 2.0                 default seconds between two requests to one host

    [[source]]
    name = "nbs-releases"                        required, unique: [A-Za-z0-9_.-]
    start = ["https://…/zxfb/", "https://…/rss.xml", "https://…/sitemap.xml"]
    articles = 'https://www\\.example\\.gov\\.cn/zxfb/\\d{6}/t\\d+_\\d+\\.html'
                                                 a regular expression an article URL must match
    selector = "ul.list li a"                    or/and: a CSS selector for the links of a listing page
    publisher = "国家统计局"   region = "全国"     optional, shown with what the source brings
    every = "30m"   delay = 5                    how often to look; seconds between requests to a host

On a listing page the links `selector` picks (or every link, without one) that `articles` matches are
articles; without either, the links to the listing's own host. The entries of a feed or a sitemap are
articles unless `articles` says otherwise. The file is checked
when loaded: a mistake is one line naming the file and the source.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from zhibiao.errors import InputError

EXAMPLE = "sources.example.toml"
_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_SECONDS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_SETTINGS = {"timeout", "retries", "backoff", "max_bytes", "max_redirects", "max_wait", "contact", "every", "delay"}
_SOURCE_KEYS = {"name", "start", "articles", "selector", "publisher", "region", "every", "delay"}


@dataclass(frozen=True)
class Settings:
    """How every request is made (the [watch] table)."""

    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    max_bytes: int = 10_000_000
    max_redirects: int = 5
    max_wait: float = 60.0
    contact: str | None = None
    every: float = 3600.0
    delay: float = 2.0


@dataclass(frozen=True)
class Source:
    """One publisher's column: where to look, which links are articles, how often and how gently."""

    name: str
    start: tuple[str, ...]
    articles: re.Pattern | None = None
    selector: str | None = None
    publisher: str | None = None
    region: str | None = None
    every: float = 3600.0
    delay: float = 2.0

    def is_article(self, url: str) -> bool:
        return self.articles is None or self.articles.search(url) is not None


@dataclass(frozen=True)
class Sources:
    settings: Settings
    sources: tuple[Source, ...]
    path: str


def parse_duration(value, where: str) -> float:
    """Seconds from 90, "90s", "30m", "6h" or "1d"; ValueError naming `where` otherwise."""
    if isinstance(value, bool):
        raise ValueError(f"{where}: expected a duration such as 30m, 6h or 1d, not {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        match = _DURATION.match(str(value))
        if not match:
            raise ValueError(f"{where}: expected a duration such as 30m, 6h or 1d, not {value!r}")
        seconds = float(match.group(1)) * _SECONDS[match.group(2)]
    if seconds < 0:
        raise ValueError(f"{where}: a duration cannot be negative")
    return seconds


def example_path() -> Path:
    """The example sources file shipped in the package."""
    return Path(str(resources.files("zhibiao.watch") / EXAMPLE))


def load_sources(path: str | Path) -> Sources:
    """Read and check a sources file; InputError naming the file (and the source) on any mistake."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read ({err})") from None
    except tomllib.TOMLDecodeError as err:
        raise InputError(str(path), f"not valid TOML ({err})") from None
    try:
        return Sources(_settings(data.get("watch", {})), _sources(data), str(path))
    except ValueError as err:
        raise InputError(str(path), str(err)) from None


def _settings(table) -> Settings:
    if not isinstance(table, dict):
        raise ValueError("[watch] must be a table")
    unknown = set(table) - _SETTINGS
    if unknown:
        raise ValueError(f"[watch]: unknown setting(s) {', '.join(sorted(unknown))}")
    defaults = Settings()
    number = _number_reader("[watch]", table)
    contact = table.get("contact")
    if contact is not None and (not isinstance(contact, str) or not contact.isprintable()):
        raise ValueError("[watch] contact: expected one line of text")
    return Settings(
        timeout=number("timeout", defaults.timeout, minimum=0.001),
        retries=int(number("retries", defaults.retries, integer=True)),
        backoff=number("backoff", defaults.backoff),
        max_bytes=int(number("max_bytes", defaults.max_bytes, integer=True, minimum=1)),
        max_redirects=int(number("max_redirects", defaults.max_redirects, integer=True)),
        max_wait=number("max_wait", defaults.max_wait),
        contact=contact,
        every=parse_duration(table.get("every", defaults.every), "[watch] every"),
        delay=number("delay", defaults.delay),
    )


def _number_reader(where: str, table: dict):
    def number(key: str, default: float, *, integer: bool = False, minimum: float = 0) -> float:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int | float) or (integer and not isinstance(value, int)):
            kind = "a whole number" if integer else "a number"
            raise ValueError(f"{where} {key}: expected {kind}, not {value!r}")
        if value < minimum:
            raise ValueError(f"{where} {key}: must be at least {minimum:g}")
        return value

    return number


def _sources(data: dict) -> tuple[Source, ...]:
    unknown = set(data) - {"watch", "source"}
    if unknown:
        raise ValueError(f"unknown table(s) {', '.join(sorted(unknown))}; sources are [[source]] tables")
    entries = data.get("source", [])
    if not isinstance(entries, list) or not entries:
        raise ValueError("no [[source]] tables: nothing to watch")
    settings = _settings(data.get("watch", {}))
    out: list[Source] = []
    names: set[str] = set()
    for number, entry in enumerate(entries, 1):
        out.append(_source(entry, number, settings))
        if out[-1].name in names:
            raise ValueError(f"source {out[-1].name!r}: the name is used twice")
        names.add(out[-1].name)
    return tuple(out)


def _source(entry, number: int, settings: Settings) -> Source:
    if not isinstance(entry, dict):
        raise ValueError(f"source #{number}: expected a table")
    name = entry.get("name")
    if not isinstance(name, str) or not _NAME.match(name):
        raise ValueError(f"source #{number}: a name of letters, digits, '.', '_' or '-' is required")
    where = f"source {name!r}"
    unknown = set(entry) - _SOURCE_KEYS
    if unknown:
        raise ValueError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    start = _start_urls(where, entry.get("start"))
    pattern = _articles_pattern(where, entry.get("articles"))
    selector = _selector(where, entry.get("selector"))
    for key in ("publisher", "region"):
        if entry.get(key) is not None and not isinstance(entry[key], str):
            raise ValueError(f"{where}: {key} must be text")
    number_of = _number_reader(where, entry)
    return Source(
        name=name,
        start=tuple(start),
        articles=pattern,
        selector=selector,
        publisher=entry.get("publisher"),
        region=entry.get("region"),
        every=parse_duration(entry.get("every", settings.every), f"{where} every"),
        delay=number_of("delay", settings.delay),
    )


def _start_urls(where: str, start) -> list[str]:
    """The pages a source is read from: one http(s) URL or a list of them."""
    if isinstance(start, str):
        start = [start]
    if not isinstance(start, list) or not start or not all(isinstance(u, str) for u in start):
        raise ValueError(f"{where}: start must be a URL or a list of URLs")
    for url in start:
        if not re.match(r"^https?://[^/\s]+", url):
            raise ValueError(f"{where}: start URL {url!r} is not an http(s) URL")
    return start


def _articles_pattern(where: str, articles) -> re.Pattern | None:
    """The regular expression an article's URL matches, if the source gives one."""
    if articles is None:
        return None
    if not isinstance(articles, str) or not articles:
        raise ValueError(f"{where}: articles must be a regular expression")
    try:
        return re.compile(articles)
    except re.error as err:
        raise ValueError(f"{where}: articles is not a valid regular expression ({err})") from None


def _selector(where: str, selector) -> str | None:
    """The CSS selector of a listing's article links, if the source gives one (checked here, used later)."""
    if selector is None:
        return None
    if not isinstance(selector, str) or not selector.strip():
        raise ValueError(f"{where}: selector must be a CSS selector")
    from cssselect import SelectorError
    from lxml.cssselect import CSSSelector

    try:
        CSSSelector(selector)
    except SelectorError as err:
        raise ValueError(f"{where}: selector is not a valid CSS selector ({err})") from None
    return selector
