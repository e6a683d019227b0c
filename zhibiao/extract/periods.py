"""Time expressions: find them in a sentence and resolve them against the publication date.

Periods are strings as FACTS.md writes them: 2023, 2023-H1, 2023-Q1, 2023-05,
2025-01/2025-05 (cumulative), 2025-06-30 (a point). An unknown year is written ????.
The strings are written by zhibiao.period; this module finds the phrases and says which period each
means. Each kind of phrase is one record of `_RESOLVERS` (tried in that order, an earlier kind winning
the characters it matched): its pattern and gate are in rules/periods.toml, its resolve function here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any

from zhibiao.extract.lexicon import COMPARATOR_BEFORE, FULL_STOP
from zhibiao.extract.numbers import parse_number
from zhibiao.period import (
    Period,
    date_period,
    days_period,
    end_date,
    half_period,
    last_day,
    month_period,
    point_period,
    previous,
    quarter_period,
    shift_year,
    span_period,
    year_period,
    years_period,
)
from zhibiao.rules import alternation, load
from zhibiao.rules.literals import scanning

if TYPE_CHECKING:
    from zhibiao.extract.prefilter import Prefilter

__all__ = ["ANNUAL_REPORT_MONTHS", "TimeMention", "end_date", "find_times", "last_day", "month_period",
           "point_period", "previous", "shift_year", "span_period"]


@dataclass(frozen=True)
class TimeMention:
    """A time expression in a sentence.

    kind: "period" sets the time of what follows (a range such as 一至四季度 also lists its
    parts in `values`, for a 分别 list); "list" is several periods (5、6月) for a 分别 list; "date"
    is a day (not a fact, a period only when it opens a sentence);
    "reset" (目前) ends the time context; "span" is a span of whole years (2016年至2018年, “十四五”期间),
    the period of the figures after it in its own sentence only, listing its years for a 分别 list;
    "mask" is a time-like span that is neither.
    """

    start: int
    end: int
    kind: str
    value: str | None = None
    values: tuple[str, ...] = ()


MONTH_CACHE = 256  # the numerals a month is written with


@lru_cache(maxsize=MONTH_CACHE)
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


# ---- the patterns, built from rules/periods.toml

_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")
_WORD_LISTS = ("halves", "quarters", "cumulative", "relative_year", "ten_days", "reports", "five_year_plans")
_WORD_SECTIONS = ("now", "reset", "relative_year_places")


@cache
def _fragments() -> dict[str, str]:
    """What a {name} in a pattern stands for: a fragment, or a word list as an alternation."""
    table = load("periods")
    out = {name: alternation("periods", name) for name in _WORD_LISTS}
    out.update({name: alternation("periods", name, "words") for name in _WORD_SECTIONS})
    out.update(table["fragments"])
    separators = "".join(re.escape(c) for c in table["patterns"]["range_separators"])
    out["sep"] = rf"\s*[{separators}]\s*"
    return out


def _expand(template: str) -> str:
    fragments = _fragments()
    while (expanded := _PLACEHOLDER.sub(lambda m: fragments[m[1]], template)) != template:
        template = expanded
    return template


@cache
def _fragment(name: str) -> re.Pattern:
    return re.compile(_expand(_fragments()[name]))


# ---- resolvers: one per kind of phrase


@dataclass(slots=True)
class _Hit:
    """A match with what every resolver needs: where, the publication date, its year prefix."""

    m: Any  # re.Match, or _Joined (a year prefix and the match after it)
    pub: date | None
    year: int | None
    offset: int | None

    def at(self, kind: str, value: str | None = None, values: tuple[str, ...] = ()) -> TimeMention:
        return TimeMention(self.m.start(), self.m.end(), kind, value, values)

    def period(self, value: str | None, values: tuple[str, ...] = ()) -> TimeMention:
        return self.at("period", value, values)

    def year_ending(self, end_month: int) -> int | None:
        return _year_for(end_month, self.pub, self.year, self.offset or 0)


def _mask(h: _Hit) -> TimeMention:
    return h.at("mask")


_FOUR_DIGITS = re.compile(r"\d{4}")
YEARS_LISTED_MAX = 10
YEARS_SPANNED_MAX = 80


def _year_span(h: _Hit) -> TimeMention:
    """2016年至2018年 is the span of whole years 2016/2018, and it lists its years for a 分别 list
    with one figure per year (2016年至2018年,分别完成…236.3亿元、314.5亿元、365亿元); 2012年以来 and
    2012年前 are no period, and so is a span that names a plan (2023—2025年行动计划). It dates the
    figures after it in its own sentence only: a chart's caption (图1 2018-2022年地区生产总值) or a
    plan's span sets no period for the sentences after it."""
    years = [int(y) for y in _FOUR_DIGITS.findall(h.m.group(0))]
    if len(years) != 2 or not 0 < years[1] - years[0] < YEARS_SPANNED_MAX:
        return h.at("mask")
    if years[1] - years[0] >= YEARS_LISTED_MAX:  # 1979年至2012年…年均增长9.8%: a span too long to list its years
        return h.at("mask") if h.m.string.startswith(_plan_names(), h.m.end()) else h.at("span", years_period(*years))
    if h.m.string.startswith(_plan_names(), h.m.end()):
        return h.at("mask", values=tuple(year_period(y) for y in range(years[0], years[1] + 1)))
    return h.at("span", years_period(years[0], years[1]),
                values=tuple(year_period(y) for y in range(years[0], years[1] + 1)))


def _plan_span(h: _Hit) -> TimeMention:
    """A five-year plan's time (“十四五”期间): its five years (2021/2025); since it began (“十四五”以来, in
    2023), its years up to the publication's (2021/2023), none before it began."""
    first = _five_year_plans()[h.m["plan"]]
    last = first + PLAN_YEARS - 1
    if h.m["since"]:
        if h.pub is None or h.pub.year <= first:
            return h.at("mask")
        last = min(last, h.pub.year)
    return h.at("span", years_period(first, last), values=tuple(year_period(y) for y in range(first, last + 1)))


PLAN_YEARS = 5


def _plan_list(h: _Hit) -> TimeMention:
    """“十二五”时期、“十三五”时期: each plan's five years, for a 分别 list."""
    plans = _five_year_plans()
    firsts = [plans[name] for name in re.findall("|".join(map(re.escape, plans)), h.m["ps"])]
    return h.at("list", None, tuple(years_period(y, y + PLAN_YEARS - 1) for y in firsts))


@cache
def _plan_names() -> tuple[str, ...]:
    return tuple(load("periods")["context"]["plan_names"])


@cache
def _five_year_plans() -> dict[str, int]:
    return load("periods")["five_year_plans"]


def _now(h: _Hit) -> TimeMention:
    return h.period(h.pub.isoformat() if h.pub else None)


def _today(h: _Hit) -> TimeMention:
    return h.at("date", h.pub.isoformat() if h.pub else None)


def _reset(h: _Hit) -> TimeMention:
    """目前: the context ends; the figures of its own sentence are as of the publication day."""
    present = h.pub is not None and h.m.group() in _present_words()
    return h.at("reset", h.pub.isoformat() if present and h.pub else None)


@cache
def _present_words() -> frozenset[str]:
    return frozenset(load("periods")["reset"]["present"])


def _valid_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _full_date(h: _Hit) -> TimeMention | None:
    y, mo, d = int(h.m["year"]), _month(h.m["m"]), _month(h.m["d"])
    if not _valid_day(mo, d):
        return None
    until = h.m.groupdict()  # iso_date has no months ending at the day
    months = 12 if until.get("fy") else _month(until["n"]) if until.get("n") else 0
    if months and d == last_day(y, mo) and months <= mo:
        return h.period(year_period(y) if months == 12 else span_period(y, mo - months + 1, mo))
    return h.at(_date_kind(h), date_period(y, mo, d))


def _date_kind(h: _Hit) -> str:
    """A day after 截至 (截至5月31日,全省共对接…) is when the stocks after it are counted: a period
    that holds for what follows. Any other day is a date (a period only when it opens a sentence)."""
    text = h.m.prefix.string if isinstance(h.m, _Joined) else h.m.string
    return "period" if text[:h.m.start()].rstrip().endswith(_until_words()) else "date"


@cache
def _until_pattern() -> re.Pattern:
    return re.compile("|".join(map(re.escape, _until_words())))


@cache
def _until_words() -> tuple[str, ...]:
    return tuple(load("periods")["context"]["until"])


def _until_day(h: _Hit) -> TimeMention | None:
    if h.pub is None:
        return h.period(None)
    d = int(h.m["d"])
    if not 1 <= d <= last_day(h.pub.year, h.pub.month):
        return None
    return h.period(date_period(h.pub.year, h.pub.month, d))


def _day_range(h: _Hit) -> TimeMention | None:
    """9月22日—9月28日, 2月15~21日: the days from the first to the last, in the year the last ends in."""
    first, day = _month(h.m["m"]), int(h.m["d"])
    last = _month(h.m["m2"]) if h.m["m2"] else first
    end_day = int(h.m["d2"])
    if not (_valid_day(first, day) and _valid_day(last, end_day)):
        return None
    year = h.year_ending(last)
    end_year = int(h.m["y2"]) if h.m["y2"] else year
    years_apart = 0 if year is None or end_year is None else end_year - year
    if years_apart not in (0, 1) or (years_apart == 0 and (first, day) >= (last, end_day)):
        return None
    return h.period(str(Period("days", year, first, last, day, end_year, end_day)))


def _month_day(h: _Hit) -> TimeMention | None:
    mo, d = _month(h.m["m"]), _month(h.m["d"])
    if not _valid_day(mo, d):
        return None
    return h.at(_date_kind(h), date_period(_year_for(mo, h.pub), mo, d))


def _damaged_range(h: _Hit) -> TimeMention:
    last = int(h.m["m2"])
    return h.period(span_period(_year_for(last, h.pub), 1, last))


def _month_range(h: _Hit) -> TimeMention | None:
    first, last = _month(h.m["m1"]), _month(h.m["m2"])
    if not (1 <= first < last <= 12):
        return None
    y = h.year_ending(last)
    if h.m["y2"] and (h.year is not None and int(h.m["y2"]) != y):
        return None  # 2022年1月至2023年11月: months of two years, no span of one
    y = int(h.m["y2"]) if h.m["y2"] else y
    return h.period(point_period(y, last) if h.m["tail"] else span_period(y, first, last))


def _month_list(h: _Hit) -> TimeMention | None:
    months = [_month(x) for x in _fragment("month").findall(h.m["ms"])]
    if not all(1 <= x <= 12 for x in months):
        return None
    y = h.year_ending(max(months))
    return h.at("list", None, tuple(month_period(y, x) for x in months))


def _year_list(h: _Hit) -> TimeMention:
    years = [int(y) for y in re.findall(r"\d{4}", h.m["ys"])]
    return h.at("list", None, tuple(year_period(y) for y in years))


def _quarter_list(h: _Hit) -> TimeMention:
    quarters = [int(parse_number(x)) for x in _fragment("quarter_digit").findall(h.m["qs"])]
    y = h.year_ending(3 * max(quarters))
    if _fragment("quarter_range").search(h.m["qs"]) and len(quarters) == 2 and quarters[0] < quarters[1]:
        # 1-3季度, 一至三季度: one span from the first quarter's first month, which a 分别
        # list spreads over its quarters (一至四季度……分别增长4.5%、6.3%、4.9%和5.2%).
        every = tuple(quarter_period(y, q) for q in range(quarters[0], quarters[1] + 1))
        return h.period(span_period(y, 3 * quarters[0] - 2, 3 * quarters[1]), every)
    return h.at("list", None, tuple(quarter_period(y, q) for q in quarters))


def _cumulative(h: _Hit) -> TimeMention:
    last = load("periods")["cumulative"][h.m["cum"]]
    return h.period(span_period(h.year_ending(last), 1, last))


def _report(h: _Hit) -> TimeMention:
    return h.period(span_period(h.year, 1, load("periods")["reports"][h.m["report"]]))


def _first_months(h: _Hit) -> TimeMention | None:
    last = _month(h.m["n"])
    if not 2 <= last <= 12:
        return None
    return h.period(span_period(h.year_ending(last), 1, last))


def _half(h: _Hit) -> TimeMention:
    half = load("periods")["halves"][h.m["half"]]
    return h.period(half_period(h.year_ending(6 if half == "H1" else 12), half))


def _quarter(h: _Hit) -> TimeMention:
    q = load("periods")["quarters"][h.m["q"]]
    y = h.year_ending(3 * q)
    return h.period(point_period(y, 3 * q) if h.m["tail"] else quarter_period(y, q))


def _month_of(h: _Hit) -> TimeMention | None:
    mo = _month(h.m["m"])
    if not 1 <= mo <= 12:
        return None
    y = h.year_ending(mo)
    if h.m["tail"]:
        return h.period(point_period(y, mo))
    if h.m["xun"] and y is not None:
        # 8月上旬: the first ten days, as a span of days.
        first, last = load("periods")["ten_days"][h.m["xun"]]
        last = min(last, last_day(y, mo))
        return h.period(days_period(y, mo, first, last))
    return h.period(month_period(y, mo))


def _year_end(h: _Hit) -> TimeMention:
    y = _whole_year(h.pub, h.year, h.offset)
    return h.period(point_period(y, 12, 31))


def _full_year(h: _Hit) -> TimeMention:
    return h.period(year_period(_whole_year(h.pub, h.year, h.offset)))


def _year(h: _Hit) -> TimeMention | None:
    if h.year is None and h.offset is None:
        return None
    if h.year is not None and not 1949 <= h.year <= 2100:
        return None
    return h.period(year_period(h.year))


_Resolve = Callable[[_Hit], "TimeMention | None"]

# The kinds of time phrase in the order they are tried; the pattern of each is
# rules/periods.toml [patterns].KIND, its gate [gates].KIND.
_RESOLVERS: tuple[tuple[str, _Resolve], ...] = (
    ("year_range", _year_span), ("plan_list", _plan_list), ("plan_span", _plan_span), ("span", _mask),
    ("years_ago", _mask), ("revision", _mask), ("now", _now), ("today", _today),
    ("drange", _day_range), ("ymd", _full_date),
    ("iso_date", _full_date),
    ("until_day", _until_day), ("md", _month_day), ("damaged_range", _damaged_range),
    ("mrange", _month_range), ("mlist", _month_list), ("qlist", _quarter_list), ("ylist", _year_list),
    ("cumulative", _cumulative),
    ("first_months", _first_months), ("year_side", _mask), ("report", _report), ("half", _half), ("quarter", _quarter),
    ("month", _month_of), ("yearend", _year_end), ("fullyear", _full_year), ("bracketed_year", _year), ("year", _year),
    ("time", _mask), ("reset", _reset),
)

YEAR_PREFIX_MAX = 9  # 2025 年度 / 今年


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
    """A time pattern with its gate and resolver, the gate split for speed: characters that must all
    be in the sentence, groups of characters of which one must be, and groups of words of which one
    must be."""

    kind: str
    pattern: re.Pattern
    resolve: _Resolve
    required: frozenset
    any_chars: tuple[frozenset, ...]
    any_words: tuple[tuple[str, ...], ...]
    prefixed: bool
    scan: re.Pattern  # the pattern as iterated over a sentence (literals.scanning: the same matches)

    def open(self, sentence: str, present: set) -> bool:
        if not self.required <= present:
            return False
        for group in self.any_chars:
            if group.isdisjoint(present):
                return False
        return all(any(w in sentence for w in group) for group in self.any_words)


def _gate(kind: str) -> list[tuple[str, ...]]:
    gates = load("periods")["gates"]
    if kind in gates:
        return [tuple(group) for group in gates[kind]]
    return [tuple(load("periods")[kind]["words"])]


def _gated(kind: str, resolve: _Resolve, prefixed: bool) -> _Gated:
    gate = _gate(kind)
    single = [g for g in gate if all(len(w) == 1 for w in g)]
    pattern = re.compile(_expand(load("periods")["patterns"][kind]))
    return _Gated(kind, pattern, resolve,
                  frozenset(g[0] for g in single if len(g) == 1),
                  tuple(frozenset(g) for g in single if len(g) > 1),
                  tuple(g for g in gate if any(len(w) > 1 for w in g)), prefixed, scanning(pattern))


@cache
def _gated_patterns() -> list[_Gated]:
    """The patterns in priority order, each with its gate and resolver."""
    prefixed = set(load("periods")["patterns"]["year_prefixed"])
    return [_gated(kind, resolve, kind in prefixed) for kind, resolve in _RESOLVERS]


@cache
def _by_key() -> tuple[dict[str, tuple[int, ...]], tuple[int, ...]]:
    """Pattern numbers by a character each needs (the first of its required ones), and the
    numbers of those that need no single character."""
    keyed: dict[str, list[int]] = {}
    loose: list[int] = []
    for n, gated in enumerate(_gated_patterns()):
        if gated.required:
            keyed.setdefault(sorted(gated.required)[0], []).append(n)
        elif gated.any_chars:
            for ch in sorted(gated.any_chars[0]):
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


def _matches(pattern: re.Pattern, sentence: str) -> Iterator[Any]:
    """The pattern's matches, each joined to a year written just before it."""
    year_before = _fragment("year_before")
    for m in pattern.finditer(sentence):
        start = m.start()
        p = year_before.search(sentence, max(0, start - YEAR_PREFIX_MAX), start) if start else None
        yield _Joined(p, m) if p else m


def find_times(sentence: str, pub: date | None) -> list[TimeMention]:
    """All time expressions of a sentence, earliest first, longest match winning overlaps."""
    return list(_find_times(sentence, pub))


@lru_cache(maxsize=4096)
def _find_times(sentence: str, pub: date | None) -> tuple[TimeMention, ...]:
    """find_times, once per sentence and date (table headers and labels are read many times)."""
    if not _fragment("hint").search(sentence):
        return ()
    kinds = _prefiltered(sentence)
    found = _resolve_all(sentence, pub, _gate_open(sentence) if kinds is None else kinds)
    if found and _until_pattern().search(sentence):
        found = _month_until(sentence, found)
    return _full_year_of_year_named(sentence, found) if _full_year_word() in sentence else found


def _month_until(sentence: str, found: tuple[TimeMention, ...]) -> tuple[TimeMention, ...]:
    """截至2025年10月: the month's last day, the day stocks are counted at (a flow up to it spans the months
    to it, as after 截至10月底)."""
    out = []
    for t in found:
        month = Period.parse(t.value) if t.kind == "period" and t.value else None
        if month is not None and month.form == "month" and sentence[:t.start].rstrip().endswith(_until_words()):
            t = replace(t, value=end_date(t.value) or t.value)
        out.append(t)
    return tuple(out)




@cache
def _full_year_word() -> str:
    return load("periods")["patterns"]["fullyear"]


_WHOLE_YEAR = re.compile(r"\d{4}")


def _full_year_of_year_named(sentence: str, found: tuple[TimeMention, ...]) -> tuple[TimeMention, ...]:
    """全年 after a year named before it in the sentence (2013年中国汽车市场全年总需求量; 2012年,…;全年共组织
    实施工业项目1573个) is that year, not the publication's."""
    word = _full_year_word()
    out = list(found)
    for i in range(1, len(out)):
        t, before = out[i], out[i - 1]
        if (sentence[t.start:t.end] == word and before.kind == "period" and before.value
                and _WHOLE_YEAR.fullmatch(before.value) and FULL_STOP not in sentence[before.end:t.start]
                and not COMPARATOR_BEFORE.search(sentence[max(0, before.start - 3):before.start])):
            out[i] = replace(t, value=before.value)  # (比2012年增长…;全年…: a year compared with names none)
    return tuple(out)


def _gate_open(sentence: str) -> list[_Gated]:
    """The patterns whose gate the sentence passes, in priority order (the pure-re way to skip
    patterns that cannot match)."""
    present = set(sentence)
    return [gated for gated in _candidates(present) if gated.open(sentence, present)]


def _prefiltered(sentence: str) -> list[_Gated] | None:
    """The patterns that may match the sentence, in priority order, from one hyperscan scan of all
    of them; None when hyperscan is not installed or cannot read the text."""
    scanner = _scanner()
    if scanner is None:
        return None
    hits = scanner.hits(sentence)
    if hits is None:
        return None
    patterns = _gated_patterns()
    return [patterns[n] for n in sorted(hits)]


def _resolve_all(sentence: str, pub: date | None, candidates: list[_Gated]) -> tuple[TimeMention, ...]:
    """The matches of each pattern in priority order, an earlier pattern keeping the characters it
    took; a match that overlaps taken characters, or resolves to no time, is passed over."""
    found: list[TimeMention] = []
    taken = bytearray(len(sentence) + 1)
    for gated in candidates:
        for m in _matches(gated.scan, sentence) if gated.prefixed else gated.scan.finditer(sentence):
            start, end = m.start(), m.end()
            if end == start or taken.find(1, start, end) >= 0:
                continue
            mention = _resolve(gated.resolve, m, pub)
            if mention is None:
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(mention)
    found.sort(key=lambda t: t.start)
    return tuple(found)


@cache
def _scanner() -> Prefilter | None:
    from zhibiao.extract.prefilter import Prefilter

    return Prefilter.build([gated.pattern.pattern for gated in _gated_patterns()])


def _rel_offset(word: str) -> int:
    return load("periods")["relative_year"][word]


_RELATIVE_GROUPS = ("rel", "rel2", "rel3", "rel4", "rel5")


def _explicit_year(m: Any, pub: date | None) -> tuple[int | None, int | None]:
    """(explicit year, relative offset) of a match's year prefix."""
    gd = m.groupdict()
    if year := gd.get("year") or gd.get("bare_year"):
        return int(year), None
    for key in _RELATIVE_GROUPS:
        if gd.get(key):
            off = _rel_offset(gd[key])
            return (pub.year + off if pub else None), off
    return None, None


def _resolve(resolve: _Resolve, m: Any, pub: date | None) -> TimeMention | None:
    """The time a match means, by its kind's resolver; None when the match is no time after all
    (a 13th month, a 32nd day)."""
    year, offset = _explicit_year(m, pub)
    try:
        return resolve(_Hit(m, pub, year, offset))
    except ValueError:
        return None
