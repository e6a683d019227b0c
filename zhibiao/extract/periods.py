"""Time expressions: find them in a sentence and resolve them against the publication date.

Periods are strings as FACTS.md writes them: 2023, 2023-H1, 2023-Q1, 2023-05,
2025-01/2025-05 (cumulative), 2025-06-30 (a point). An unknown year is written ????.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from zhibiao.extract.numbers import parse_number
from zhibiao.rules import alternation, load

_CN = "[一二三四五六七八九十]"
_M = rf"(?:\d{{1,2}}|{_CN}{{1,3}})"
_SEP = r"\s*[-—–~至到]\s*"


@dataclass(frozen=True)
class TimeMention:
    """A time expression in a sentence.

    kind: "period" sets the time of what follows (a range such as 一至四季度 also lists its
    parts in `values`, for a 分别 list); "list" is several periods (5、6月) for a 分别 list; "date" is a day (not a fact, a period only when it opens a sentence);
    "reset" (目前) ends the time context; "mask" is a time-like span that is neither.
    """

    start: int
    end: int
    kind: str
    value: str | None = None
    values: tuple[str, ...] = ()


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month(text: str) -> int:
    return int(parse_number(text))


def _year_for(end_month: int, pub: date | None, explicit: int | None = None, offset: int = 0) -> int | None:
    """The year of a period that ends in `end_month`: data are never published before they exist."""
    if explicit is not None:
        return explicit
    if pub is None:
        return None
    year = pub.year + offset
    if offset == 0 and end_month > pub.month:
        year -= 1
    return year


ANNUAL_REPORT_MONTHS = 3


def _whole_year(pub: date | None, explicit: int | None, offset: int | None) -> int | None:
    """全年/年底 without a year: the year just ended while annual figures come out (January to
    March), else the current year (a mid-year 预计全年 or 今年底 is about this year)."""
    if explicit is not None:
        return explicit
    if pub is None:
        return None
    if offset:
        return pub.year + offset
    return pub.year - 1 if pub.month <= ANNUAL_REPORT_MONTHS else pub.year


def _y(year: int | None) -> str:
    return f"{year:04d}" if year is not None else "????"


def month_period(year: int | None, month: int) -> str:
    return f"{_y(year)}-{month:02d}"


def span_period(year: int | None, first: int, last: int) -> str:
    if first == last:
        return month_period(year, last)
    named = {(1, 12): "", (1, 6): "-H1", (7, 12): "-H2", (1, 3): "-Q1", (4, 6): "-Q2", (7, 9): "-Q3",
             (10, 12): "-Q4"}
    if (first, last) in named:
        return f"{_y(year)}{named[(first, last)]}"
    return f"{_y(year)}-{first:02d}/{_y(year)}-{last:02d}"


def point_period(year: int | None, month: int, day: int | None = None) -> str:
    if year is None:
        return f"????-{month:02d}-{day or 0:02d}"
    return f"{year:04d}-{month:02d}-{day or last_day(year, month):02d}"


@cache
def _patterns(prefixed: bool = True) -> list[tuple[str, re.Pattern]]:
    """The time patterns in priority order; with prefixed=False, those in _YEAR_PREFIXED come
    without their optional year prefix (find_times looks for it before each match)."""
    table = load("periods")
    halves = alternation("periods", "halves")
    quarters = alternation("periods", "quarters")
    cumulative = alternation("periods", "cumulative")
    now = alternation("periods", "now", "words")
    reset = alternation("periods", "reset", "words")
    rel = alternation("periods", "relative_year")
    ten_days = alternation("periods", "ten_days")
    reports = alternation("periods", "reports")
    places = alternation("periods", "relative_year_places", "words")
    del table
    year = r"(?P<year>\d{4}) ?年(?:度)?"
    relyear = rf"(?P<rel>{rel})"
    yprefix = rf"(?:{year}|{relyear})?" if prefixed else ""
    return [
        ("year_range", re.compile(rf"\d{{4}}{_SEP}\d{{4}}年|\d{{4}}年{_SEP}\d{{4}}年|\d{{4}}年以来|\d{{4}}年(?:前|后|之前|之后)")),
        ("now", re.compile(rf"(?:{now})")),
        ("ymd", re.compile(rf"{year}(?P<m>{_M})月(?P<d>\d{{1,2}})[日号]")),
        ("iso_date", re.compile(r"(?P<year>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})")),
        ("until_day", re.compile(r"截[至止](?P<d>\d{1,2})日")),
        ("md", re.compile(rf"(?P<m>{_M})月(?P<d>\d{{1,2}})[日号](?:\d{{1,2}}[时点](?:\d{{1,2}}分)?)?")),
        ("damaged_range", re.compile(r"(?<!\d)1(?P<m2>1[0-2]|[3-9])月份")),
        ("mrange", re.compile(rf"{yprefix}(?P<m1>{_M})(?:月份?)?{_SEP}(?P<m2>{_M})月份?(?P<tail>末|底)?")),
        ("mlist", re.compile(rf"{yprefix}(?P<ms>{_M}(?:月份?)?(?:、{_M}(?:月份?)?)+)月份?")),
        ("qlist", re.compile(rf"{yprefix}(?P<qs>[一二三四1-4](?:[、和至到—–~-][一二三四1-4])+)季度")),
        ("cumulative", re.compile(rf"{yprefix}(?P<cum>{cumulative})")),
        ("first_months", re.compile(rf"{yprefix}前(?P<n>{_M})个?月份?")),
        ("report", re.compile(rf"{year}(?P<report>{reports})")),
        ("half", re.compile(rf"{yprefix}(?P<half>{halves})")),
        ("quarter", re.compile(rf"{yprefix}(?P<q>{quarters})(?P<tail>末|底)?")),
        ("month", re.compile(rf"{yprefix}(?P<m>{_M})月份?(?P<tail>末|底|初)?(?P<xun>{ten_days})?(?!\d)")),
        ("yearend", re.compile(rf"(?:(?P<year>\d{{4}})年?|{relyear})?(?:年末|年底)|(?P<rel2>{rel})(?:末|底)")),
        ("fullyear", re.compile(rf"{yprefix}全年")),
        # a relative year alone is one before a clause mark or the release's place (今年全省…), or
        # when it opens the sentence or the clause after a source (据调查,去年莆田市区居民消费价格…),
        # and is not 去年同期/今年以来/去年底 (去年价格变动的翘尾影响 inside a sentence is no period)
        ("year", re.compile(rf"{year}|(?P<rel3>{rel})(?=[,;:]|$|{places})"
                            rf"|(?:^|(?<=调查,)|(?<=显示,)|(?<=获悉,)|(?<=统计,)|(?<=了解到,)|(?<=介绍,))"
                            rf"(?P<rel4>今年|去年|前年)(?=[\u4e00-\u9fff])(?!同|以来|底|末|年|度|第|前|上|下|首|头)")),
        ("time", re.compile(r"\d{1,2}[时:]\d{1,2}(?:分|:\d{2})?(?:\d{1,2}秒)?|\d{1,2}时(?!间)|\d{1,2}日")),
        ("reset", re.compile(rf"(?:{reset})")),
    ]


def _rel_offset(word: str | None) -> int | None:
    if not word:
        return None
    return load("periods")["relative_year"][word]


_SEPARATORS = ("-", "—", "–", "~", "至", "到")
# Each pattern matches only where the sentence holds all of these groups (one string of each):
# a cheap test that skips most patterns for most sentences.
_GATES: dict[str, tuple[tuple[str, ...], ...]] = {
    "year_range": (("年",), (*_SEPARATORS, "以来", "前", "后")),
    "ymd": (("年",), ("月",), ("日", "号")), "iso_date": (("-", "/", "."),), "until_day": (("截",), ("日",)),
    "md": (("月",), ("日", "号")), "damaged_range": (("月份",),), "mrange": (("月",), _SEPARATORS),
    "mlist": (("月",), ("、",)), "qlist": (("季",), ("、", "和", *_SEPARATORS)), "cumulative": (("前",),),
    "first_months": (("前",), ("月",)), "report": (("报",),), "half": (("半",),), "quarter": (("季",),),
    "month": (("月",),), "yearend": (("末", "底"),), "fullyear": (("全年",),), "year": (("年",),),
    "time": (("时", ":", "日"),),
}
# Patterns that may open with a year (2025年上半年, 今年1-5月): the year is looked for just
# before each match, since a pattern that opens with an optional part is tried at every
# position of the sentence (ten times slower).
_YEAR_PREFIXED = ("mrange", "mlist", "qlist", "cumulative", "first_months", "half", "quarter", "month", "fullyear")
YEAR_PREFIX_MAX = 9  # 2025 年度 / 今年
_QUARTER_RANGE = re.compile(r"[至到—–~-]")
_HINT = re.compile(r"[\d一二三四五六七八九十年月季今去上本当目前现如近未下长截至底末]")


class _Joined:
    """A year prefix and the match after it, read as one match."""

    __slots__ = ("prefix", "core")

    def __init__(self, prefix: re.Match, core: re.Match):
        self.prefix, self.core = prefix, core

    def start(self) -> int:
        return self.prefix.start()

    def end(self) -> int:
        return self.core.end()

    def __getitem__(self, name: str):
        return self.core[name]

    def groupdict(self) -> dict:
        return {**self.core.groupdict(), **self.prefix.groupdict()}


@dataclass(frozen=True)
class _Gated:
    """A time pattern with its gate, split for speed: characters that must all be in the
    sentence, groups of characters of which one must be, and groups of words of which one must be."""

    kind: str
    pattern: re.Pattern
    required: frozenset
    any_chars: tuple[frozenset, ...]
    any_words: tuple[tuple[str, ...], ...]
    prefixed: bool

    def open(self, sentence: str, present: set) -> bool:
        if not self.required <= present:
            return False
        for group in self.any_chars:
            if group.isdisjoint(present):
                return False
        return all(any(w in sentence for w in group) for group in self.any_words)


@cache
def _gated_patterns() -> list[_Gated]:
    """The patterns in priority order, each with its gate."""
    words = {"now": alternation_words("now"), "reset": alternation_words("reset")}
    cores = _patterns(prefixed=False)
    out = []
    for n, (kind, _) in enumerate(_patterns()):
        gate = _GATES.get(kind) or (words[kind],)
        single = [g for g in gate if all(len(w) == 1 for w in g)]
        out.append(_Gated(kind, cores[n][1], frozenset(g[0] for g in single if len(g) == 1),
                          tuple(frozenset(g) for g in single if len(g) > 1),
                          tuple(g for g in gate if any(len(w) > 1 for w in g)), kind in _YEAR_PREFIXED))
    return out


@cache
def _by_key() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Pattern numbers by a character each needs (the first of its required ones), and the
    numbers of those that need no single character."""
    keyed: dict[str, list[int]] = {}
    loose: list[int] = []
    for n, gated in enumerate(_gated_patterns()):
        chars = sorted(gated.required) or (sorted(gated.any_chars[0]) if gated.any_chars else [])
        if gated.required:
            keyed.setdefault(chars[0], []).append(n)
        elif gated.any_chars:
            for ch in chars:
                keyed.setdefault(ch, []).append(n)
        else:
            loose.append(n)
    return {k: tuple(v) for k, v in keyed.items()}, tuple(loose)


def _candidates(present: set) -> list[_Gated]:
    """The patterns whose key character the sentence holds, in priority order."""
    keyed, loose = _by_key()
    numbers = set(loose)
    for ch in present.intersection(keyed):
        numbers.update(keyed[ch])
    patterns = _gated_patterns()
    return [patterns[n] for n in sorted(numbers)]


def alternation_words(section: str) -> tuple[str, ...]:
    return tuple(load("periods")[section]["words"])


@cache
def _year_before() -> re.Pattern:
    rel = alternation("periods", "relative_year")
    return re.compile(rf"(?:(?P<year>\d{{4}}) ?年(?:度)?|(?P<rel>{rel}))$")


def _matches(pattern: re.Pattern, sentence: str):
    """The pattern's matches, each joined to a year written just before it."""
    year_before = _year_before()
    for m in pattern.finditer(sentence):
        start = m.start()
        p = year_before.search(sentence, max(0, start - YEAR_PREFIX_MAX), start) if start else None
        yield _Joined(p, m) if p else m


def find_times(sentence: str, pub: date | None) -> list[TimeMention]:
    """All time expressions of a sentence, earliest first, longest match winning overlaps."""
    if not _HINT.search(sentence):
        return []
    found: list[TimeMention] = []
    taken = [False] * (len(sentence) + 1)
    present = set(sentence)
    for gated in _candidates(present):
        if not gated.open(sentence, present):
            continue
        kind = gated.kind
        for m in _matches(gated.pattern, sentence) if gated.prefixed else gated.pattern.finditer(sentence):
            if m.end() == m.start() or any(taken[m.start():m.end()]):
                continue
            mention = _resolve(kind, m, pub)
            if mention is None:
                continue
            for i in range(m.start(), m.end()):
                taken[i] = True
            found.append(mention)
    found.sort(key=lambda t: t.start)
    return found


def _explicit_year(m: re.Match, pub: date | None) -> tuple[int | None, int | None]:
    """(explicit year, relative offset) of a match's year prefix."""
    gd = m.groupdict()
    if gd.get("year"):
        return int(gd["year"]), None
    for key in ("rel", "rel2", "rel3", "rel4"):
        if gd.get(key):
            off = _rel_offset(gd[key])
            return (pub.year + off if pub else None), off
    return None, None


def _resolve(kind: str, m: re.Match, pub: date | None) -> TimeMention | None:
    s, e = m.start(), m.end()
    year, offset = _explicit_year(m, pub)
    table = load("periods")
    try:
        if kind in ("year_range", "time"):
            return TimeMention(s, e, "mask")
        if kind == "now":
            return TimeMention(s, e, "period", pub.isoformat() if pub else None)
        if kind == "reset":
            return TimeMention(s, e, "reset")
        if kind in ("ymd", "iso_date"):
            y, mo, d = int(m["year"]), _month(m["m"]), int(m["d"])
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                return None
            return TimeMention(s, e, "date", f"{y:04d}-{mo:02d}-{d:02d}")
        if kind == "until_day":
            if pub is None:
                return TimeMention(s, e, "period", None)
            d = int(m["d"])
            if not 1 <= d <= last_day(pub.year, pub.month):
                return None
            return TimeMention(s, e, "period", f"{pub.year:04d}-{pub.month:02d}-{d:02d}")
        if kind == "md":
            mo, d = _month(m["m"]), int(m["d"])
            if not (1 <= mo <= 12 and 1 <= d <= 31):
                return None
            y = _year_for(mo, pub)
            return TimeMention(s, e, "date", f"{_y(y)}-{mo:02d}-{d:02d}")
        if kind == "damaged_range":
            last = int(m["m2"])
            return TimeMention(s, e, "period", span_period(_year_for(last, pub), 1, last))
        if kind == "mrange":
            first, last = _month(m["m1"]), _month(m["m2"])
            if not (1 <= first < last <= 12):
                return None
            y = _year_for(last, pub, year, offset or 0)
            if m["tail"]:
                return TimeMention(s, e, "period", point_period(y, last))
            return TimeMention(s, e, "period", span_period(y, first, last))
        if kind == "mlist":
            months = [_month(x) for x in re.findall(_M, m["ms"])]
            if not all(1 <= x <= 12 for x in months):
                return None
            y = _year_for(max(months), pub, year, offset or 0)
            return TimeMention(s, e, "list", None, tuple(month_period(y, x) for x in months))
        if kind == "qlist":
            quarters = [int(parse_number(x)) for x in re.findall(r"[一二三四1-4]", m["qs"])]
            y = _year_for(3 * max(quarters), pub, year, offset or 0)
            if _QUARTER_RANGE.search(m["qs"]) and len(quarters) == 2 and quarters[0] < quarters[1]:
                # 1-3季度, 一至三季度: one span from the first quarter's first month, which a 分别
                # list spreads over its quarters (一至四季度……分别增长4.5%、6.3%、4.9%和5.2%).
                every = tuple(f"{_y(y)}-Q{q}" for q in range(quarters[0], quarters[1] + 1))
                return TimeMention(s, e, "period", span_period(y, 3 * quarters[0] - 2, 3 * quarters[1]), every)
            return TimeMention(s, e, "list", None, tuple(f"{_y(y)}-Q{q}" for q in quarters))
        if kind == "cumulative":
            last = table["cumulative"][m["cum"]]
            y = _year_for(last, pub, year, offset or 0)
            return TimeMention(s, e, "period", span_period(y, 1, last))
        if kind == "report":
            return TimeMention(s, e, "period", span_period(year, 1, table["reports"][m["report"]]))
        if kind == "first_months":
            last = _month(m["n"])
            if not 2 <= last <= 12:
                return None
            y = _year_for(last, pub, year, offset or 0)
            return TimeMention(s, e, "period", span_period(y, 1, last))
        if kind == "half":
            half = table["halves"][m["half"]]
            y = _year_for(6 if half == "H1" else 12, pub, year, offset or 0)
            return TimeMention(s, e, "period", f"{_y(y)}-{half}")
        if kind == "quarter":
            q = table["quarters"][m["q"]]
            y = _year_for(3 * q, pub, year, offset or 0)
            if m["tail"]:
                return TimeMention(s, e, "period", point_period(y, 3 * q))
            return TimeMention(s, e, "period", f"{_y(y)}-Q{q}")
        if kind == "month":
            mo = _month(m["m"])
            if not 1 <= mo <= 12:
                return None
            y = _year_for(mo, pub, year, offset or 0)
            if m["tail"] in ("末", "底"):
                return TimeMention(s, e, "period", point_period(y, mo))
            if m["xun"] and y is not None:
                # 8月上旬: the first ten days, as a span of days.
                first, last = table["ten_days"][m["xun"]]
                last = min(last, last_day(y, mo))
                return TimeMention(s, e, "period", f"{y:04d}-{mo:02d}-{first:02d}/{y:04d}-{mo:02d}-{last:02d}")
            return TimeMention(s, e, "period", month_period(y, mo))
        if kind == "yearend":
            y = _whole_year(pub, year, offset)
            return TimeMention(s, e, "period", point_period(y, 12, 31) if y else "????-12-31")
        if kind == "fullyear":
            y = _whole_year(pub, year, offset)
            return TimeMention(s, e, "period", _y(y))
        if kind == "year":
            if year is None and offset is None:
                return None
            if year is not None and not 1949 <= year <= 2100:
                return None
            return TimeMention(s, e, "period", _y(year))
    except ValueError:
        return None
    return None


# ---- arithmetic on period strings, for bases such as 较上年同期 and 比上月 ----

_YEARFIRST = re.compile(r"(\d{4}|\?{4})")


def shift_year(period: str | None, years: int = -1) -> str | None:
    """The same span `years` earlier: 2025-H1 -> 2024-H1, 2025-01/2025-05 -> 2024-01/2024-05."""
    if not period or "?" in period:
        return None
    return _YEARFIRST.sub(lambda m: f"{int(m.group(1)) + years:04d}", period)


def previous(period: str | None) -> str | None:
    """The period just before: 2025-03 -> 2025-02, 2025-Q2 -> 2025-Q1, 2025-H2 -> 2025-H1."""
    if not period or "?" in period:
        return None
    if m := re.fullmatch(r"(\d{4})-(\d{2})", period):
        y, mo = int(m[1]), int(m[2])
        return f"{y - 1:04d}-12" if mo == 1 else f"{y:04d}-{mo - 1:02d}"
    if m := re.fullmatch(r"(\d{4})-Q(\d)", period):
        y, q = int(m[1]), int(m[2])
        return f"{y - 1:04d}-Q4" if q == 1 else f"{y:04d}-Q{q - 1}"
    if m := re.fullmatch(r"(\d{4})-H(\d)", period):
        y, h = int(m[1]), int(m[2])
        return f"{y - 1:04d}-H2" if h == 1 else f"{y:04d}-H1"
    if m := re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", period):
        y, first, last = int(m[3]), int(m[2]), int(m[4])
        return span_period(y, first, last - 1) if last - 1 >= first else None
    if re.fullmatch(r"\d{4}", period):
        return f"{int(period) - 1:04d}"
    if (m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", period)) and int(m[3]) == last_day(int(m[1]), int(m[2])):
        # a month's end (截至7月末) -> the end of the month before
        y, mo = (int(m[1]) - 1, 12) if m[2] == "01" else (int(m[1]), int(m[2]) - 1)
        return point_period(y, mo)
    return None


def end_date(period: str) -> str | None:
    """The last day of a span: 2021-01/2021-04 -> 2021-04-30, 2021-Q1 -> 2021-03-31, 2021 ->
    2021-12-31; a date stays; None when the year is unknown."""
    if "?" in period:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period):
        return period
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})|-Q(\d)|-H(\d)|-\d{2}/\d{4}-(\d{2}))?", period)
    if not m:
        return None
    year = int(m.group(1))
    month = (int(m.group(2)) if m.group(2) else 3 * int(m.group(3)) if m.group(3)
             else 6 * int(m.group(4)) if m.group(4) else int(m.group(5)) if m.group(5) else 12)
    return point_period(year, month)


def year_of(period: str | None) -> int | None:
    if period and (m := re.match(r"\d{4}", period)):
        return int(m.group())
    return None
