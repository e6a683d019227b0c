"""What a change is compared with: comparator words resolved to bases (vs:..., yoy, mom)."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from zhibiao.extract import measures as M
from zhibiao.extract.lexicon import (
    BASE_OF,
    CLAUSE_MARKS,
    COMPARATOR_BEFORE,
    COMPARATOR_ITEMS,
    FROM_WORDS,
    MULTIPLE_OF,
    WRITTEN_YEAR,
)
from zhibiao.extract.periods import TimeMention, find_times, previous, shift_year
from zhibiao.extract.regions import region_at_start
from zhibiao.period import MOM, YOY, Period
from zhibiao.rules import load, words

if TYPE_CHECKING:  # context imports this module
    from zhibiao.extract.record import ArticleState, ParagraphState


def is_comparator(sentence: str, t: TimeMention) -> bool:
    """比上月, 较一季度; or a period right before a change in points, its 比 lost (1-4月提高5.0个百分点)."""
    return bool(COMPARATOR_BEFORE.search(sentence[max(0, t.start - 3):t.start])
                or M.compared_without_preposition(sentence, t.end) or MULTIPLE_OF.match(sentence, t.end)
                or BASE_OF.match(sentence, t.end))


def basis_for(measure: str, window: str, cues: M.SentenceCues, pos: int, period: str | None,
              ps: ParagraphState, art: ArticleState) -> str | None:
    if measure == "growth":
        if named := _growth_against_named(M.change_comparator(window), period, art):
            return named
        explicit = M.growth_basis(window)
        if explicit == "avg":
            return None
        if explicit:
            return explicit
        carried = cues.basis_before(pos)
        if carried and carried != "avg":
            return carried
        return ps.basis or "yoy"
    if measure == "growth_change":
        comparator = M.change_comparator(window)
        if comparator:
            art.change_comparator = comparator
        else:
            comparator = art.change_comparator
        return resolve_comparator(comparator, period, art.pub)
    return None




def _vs_year_start(compared: str, period: str) -> str | None:
    """A growth since 年初 (库存…比年初增长53.89%): against the last day of the year before the figure's
    (a change of a rate since 年初 is against the year's first reading, left to resolve_comparator)."""
    year = period[:4]
    return f"vs:{int(year) - 1:04d}-12-31" if compared in comparator_rules()["year_start"] and year.isdigit() else None


def _growth_against_named(compared: str | None, period: str | None, art: ArticleState) -> str | None:
    """The basis of a growth whose comparator names its period: mom for the month or quarter just
    before (6月份…较5月份增长3.25%); that period for one with its year written (比2019年1—2月份增长15.7%,
    which need not be the year before) or last year's end (比去年年底下降了30%); else None."""
    if not compared or not period:
        return None
    if _the_period_before(compared, period, art.pub):
        return MOM
    if _names_its_period(compared) or _month_of_the_year(compared, period, art.pub):
        resolved = _vs_year_start(compared, period) or resolve_comparator(compared, period, art.pub)
        if resolved == f"vs:{shift_year(period)}":
            return YOY  # 较2020年同期增长52.1% of 2021's first ten months: the same span a year before
        return resolved
    return None


def _the_period_before(compared: str, period: str, pub: date | None) -> bool:
    """Whether a comparator names, without its year, the month or quarter just before the figure's
    (较5月份 of June; the year before a year's figure is its same span, yoy)."""
    own = Period.parse(period)
    if own is None or own.canonical().form not in ("month", "quarter"):
        return False
    if WRITTEN_YEAR.search(compared) or not any(t.kind == "period" for t in find_times(compared, pub)):
        return False
    before = previous(period)
    return before is not None and resolve_comparator(compared, period, pub) == f"vs:{before}"


def _month_of_the_year(compared: str, period: str, pub: date | None) -> bool:
    """Whether a month's figure is compared with an earlier month of its year, named alone (6月份…比3月份
    增长3.25%): that month, not the same month a year before."""
    own = Period.parse(period)
    if own is None or own.canonical().form != "month" or WRITTEN_YEAR.search(compared):
        return False
    times = [t for t in find_times(compared, pub) if t.kind == "period" and t.value]
    other = Period.parse(times[-1].value) if len(times) == 1 else None
    return other is not None and other.canonical().form == "month" and other.first < own.first


def _names_its_period(compared: str) -> bool:
    """Whether a comparator of a growth names a period other than the same span a year before: one with its
    year written out (比2019年1—2月份), or last year's end (比去年年底)."""
    return (bool(WRITTEN_YEAR.search(compared)) or compared in comparator_rules()["year_start"]
            or (_has_any(compared, "year_end") and _has_any(compared, "last_year")))


def multiple_basis(window: str, subject: str) -> str | None:
    """What a multiple compares its subject with (是全球平均水平的2.75倍: vs:全球平均水平; 相当于美国全年
    用电量的两倍多, of 全社会用电量: vs:美国); None when the window names no other."""
    m = _multiple_of().search(window.rstrip())
    if m is None:
        return None
    other = m.group("x")
    shared = next((len(subject) - i for i in range(len(subject) - 1) if other.endswith(subject[i:])), 0)
    if 0 < shared < len(other):
        other = other[:len(other) - shared]
        other = next((other.removesuffix(w) for w in words("measures", "multiple", "other_period_ends")
                      if other.endswith(w) and len(other) > len(w)), other)
    return f"vs:{other}"


@cache
def _multiple_of() -> re.Pattern:
    return re.compile(load("measures")["multiple"]["of_other"])


@lru_cache(maxsize=M.WINDOW_CACHE)
def resolve_comparator(comparator: str | None, period: str | None, pub: date | None) -> str | None:
    """The basis a comparator names (vs:<period> or vs:<name>): the first resolver in
    COMPARATOR_RESOLVERS that reads it answers; else the thing named (比全国平均水平: vs:全国)."""
    if not comparator:
        return None
    for resolve in COMPARATOR_RESOLVERS:
        answered, basis = resolve(comparator, period, pub)
        if answered:
            return basis
    return _vs_named_thing(comparator)


def _has_any(text: str, rule: str) -> bool:
    return any(w in text for w in comparator_rules()[rule])


def _vs_previous_month(comparator: str, period: str | None, pub: date | None) -> tuple[bool, str | None]:
    """比上月: the month before; 比上季度: the quarter before a quarter's figure."""
    if _has_any(comparator, "previous_quarter"):
        prev = previous(period) if period and "-Q" in period else None
        return True, (f"vs:{prev}" if prev else None)
    if not _has_any(comparator, "previous_month"):
        return False, None
    prev = previous(period)
    return True, (f"vs:{prev}" if prev else None)


def _vs_last_full_year(comparator: str, period: str | None, pub: date | None) -> tuple[bool, str | None]:
    """比去年全年: the whole year before, whatever span the figure covers."""
    if not _has_any(comparator, "last_full_year"):
        return False, None
    year = (period or "")[:4]
    return True, (f"vs:{int(year) - 1:04d}" if year.isdigit() else None)


def _vs_part_of_last_year(comparator: str, period: str | None, pub: date | None) -> tuple[bool, str | None]:
    """比去年四季度: that quarter of the year before the figure's (not the figure's same span)."""
    if not _has_any(comparator, "last_year") or _has_any(comparator, "same_span"):
        return False, None
    year = _YEAR.match(period or "")
    parts = [t.value for t in find_times(comparator, pub) if t.kind == "period" and t.value and len(t.value) == 7]
    if not (year and parts) or _has_any(comparator, "year_end"):
        return False, None
    return True, f"vs:{int(year.group()) - 1:04d}{parts[-1][4:]}"


def _vs_same_period(comparator: str, period: str | None, pub: date | None) -> tuple[bool, str | None]:
    """比上年同期: the same span a year before; 比上年末: the last day of the year before."""
    if not _has_any(comparator, "same_period_last_year") or _has_any(comparator, "not_a_period"):
        return False, None
    if any(comparator.startswith(w) and len(comparator) - len(w) >= 2 for w in comparator_rules()["same_time_of"]):
        return False, None  # 比同期工业增加值增速: another subject in the same period
    if _has_any(comparator, "year_end"):
        year = (period or "")[:4]
        return True, (f"vs:{int(year) - 1:04d}-12-31" if year.isdigit() else None)
    shifted = shift_year(period)
    return True, (f"vs:{shifted}" if shifted else None)


def _vs_named_period(comparator: str, period: str | None, pub: date | None) -> tuple[bool, str | None]:
    """比2019年1—2月份: that period; one written without its year is in the figure's year."""
    times = [t for t in find_times(comparator, pub) if t.kind in ("period", "span") and t.value]
    if not times:
        return False, None
    value = times[-1].value
    year = _YEAR.match(period or "")
    if year and value and value.startswith(("????",)):
        value = year.group() + value[4:]
    elif year and value and _YEAR.match(value) and not WRITTEN_YEAR.search(comparator):
        value = _with_year(value, year.group())
    return True, f"vs:{value}"


def _with_year(value: str, year: str) -> str:
    if "/" in value:
        return value.replace(value[:4], year)
    return year + value[4:] if len(value) > 4 else value


COMPARATOR_RESOLVERS: tuple[Callable[[str, str | None, date | None], tuple[bool, str | None]], ...] = (
    _vs_previous_month,
    _vs_last_full_year,
    _vs_part_of_last_year,
    _vs_same_period,
    _vs_named_period,
)


def _vs_named_thing(comparator: str) -> str:
    """比全国平均水平 -> vs:全国: the name without its opener and closer words."""
    rules = comparator_rules()
    name = comparator
    for opener in rules["name_openers"]:
        if name.startswith(opener):
            name = name[len(opener):]
            break
    name = name.strip()
    for closer in rules["name_closers"]:
        if name.endswith(closer):
            name = name[: -len(closer)]
            break
    return f"vs:{name or comparator}"


_YEAR = re.compile(r"\d{4}")


@cache
def comparator_rules() -> dict[str, tuple[str, ...]]:
    return {k: words("measures", "comparators", k) for k in load("measures")["comparators"]}


def since_year_end(window: str) -> bool:
    """Whether a window compares with the last year-end (比上年末净增, 较年初增加)."""
    return bool(window) and any(w in window for w in comparator_rules()["since_year_end"])


_FROM_GAP_MAX = 8


def from_comparator(s: str, pos: int, period: str | None) -> str | None:
    """The period of a figure that follows 由上月 or 从上年同期 (由上月下降0.4%转为上涨0.3%): the
    month before, or the same span a year before, `period` (the figure after 转为 keeps `period`)."""
    if period is None:
        return None
    start = max(s.rfind(mark, max(0, pos - _FROM_GAP_MAX - 1), pos) for mark in FROM_WORDS)
    if start < 0:
        return period
    between = s[start + 1:pos]
    if any(ch.isdigit() or ch in CLAUSE_MARKS for ch in between):
        return period
    rules = comparator_rules()
    if any(between.startswith(w) for w in rules["previous_month"]):
        return previous(period) or period
    if (any(between.startswith(w) for w in rules["same_period_last_year"])
            and not any(w in between for w in rules["year_end"])):
        return shift_year(period) or period
    return period




def each_place(basis: str | None) -> list[str | None]:
    """vs:武汉、宁波 (高于武汉、宁波0.6个百分点): one basis per place listed, each behind by the same gap;
    the basis itself when it names anything but places."""
    if not basis or not basis.startswith("vs:"):
        return [basis]
    items = COMPARATOR_ITEMS.split(basis[3:])
    if len(items) < 2 or not all(item and region_at_start(item) == len(item) for item in items):
        return [basis]
    return [f"vs:{item}" for item in items]


def comparator_list(window: str, n: int) -> list[str] | None:
    """The n things a change in points is compared with, one per figure (分别比全国、全省平均水平高
    3.4和3.9个百分点 -> 全国 and 全省, each with the words after the last: 全国平均水平)."""
    if n < 2:
        return None
    raw = M.change_comparator(window)
    items = COMPARATOR_ITEMS.split(raw) if raw else []
    if len(items) != n or not all(items):
        return None
    *heads, last = items
    tails = sorted(comparator_rules()["shared_tails"], key=len, reverse=True)
    tail = next((t for t in tails if last.endswith(t) and len(last) - len(t) >= 2), "")
    return [h if h.endswith(tail) else h + tail for h in heads] + [last]
