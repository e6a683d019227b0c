"""Words and numbers of the briefing, from the rule table zhibiao/rules/report.toml: periods as a
report names them (上半年, 6月份, 6月底), numbers as it prints them (455万个, 55788亿元, 6.4%)."""

from __future__ import annotations

import calendar
from datetime import date
from decimal import Decimal
from functools import cache

from zhibiao import rules
from zhibiao.period import classify_period

TABLE = "report"
REPORT_TYPES = ("Y", "H", "Q", "M", "YTD")


@cache
def table() -> dict:
    return rules.load(TABLE)


def words(section: str) -> dict:
    return table()[section]


def span(period: str | None) -> tuple[date, date] | None:
    """First and last day of a period (a date is a span of one day); None for an unknown one."""
    key, kind = classify_period(period)
    if key is None or "?" in key:
        return None
    year = int(key[:4])
    if kind == "Y":
        return date(year, 1, 1), date(year, 12, 31)
    if kind == "H":
        first = 1 if key.endswith("H1") else 7
        return date(year, first, 1), _month_end(year, first + 5)
    if kind == "Q":
        first = 3 * int(key[-1]) - 2
        return date(year, first, 1), _month_end(year, first + 2)
    if kind == "M":
        month = int(key[5:7])
        return date(year, month, 1), _month_end(year, month)
    if kind == "point":
        day = date(year, int(key[5:7]), int(key[8:10]))
        return day, day
    if kind in ("YTD", "range"):
        try:
            (y1, m1), (y2, m2) = (map(int, part.split("-")) for part in key.split("/"))
        except ValueError:
            return None
        return date(y1, m1, 1), _month_end(y2, m2)
    return None


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _classified(period: str) -> tuple[str, str]:
    """(canonical spelling, type) of a period a briefing names; ValueError for a blank one, as for
    any other spelling that is no period."""
    key, kind = classify_period(period)
    if key is None or kind is None:
        raise ValueError(f"not a period: {period!r}")
    return key, kind


def period_phrase(period: str, reference_year: int | None = None) -> str:
    """How a briefing names a period: 上半年, 一季度, 6月份, 1—5月份, 6月底, 2024年全年. The year is
    written only when it differs from `reference_year` (the report's)."""
    p = words("periods")
    key, kind = _classified(period)
    year = int(key[:4])
    prefix = "" if year == reference_year else p["year"].format(year=year)
    if kind == "Y":
        return p["year"].format(year=year) + p["full_year"]
    if kind == "H":
        return prefix + p["halves"][0 if key.endswith("H1") else 1]
    if kind == "Q":
        return prefix + p["quarters"][int(key[-1]) - 1]
    if kind == "M":
        return prefix + p["month"].format(month=int(key[5:7]))
    if kind == "YTD":
        return prefix + p["ytd"].format(month=int(key[-2:]))
    if kind == "point":
        day = date(year, int(key[5:7]), int(key[8:10]))
        if day == _month_end(day.year, day.month):
            return prefix + p["month_end"].format(month=day.month)
        return prefix + p["day"].format(month=day.month, day=day.day)
    bounds = span(key)
    if bounds is None:
        return key
    first, last = bounds
    return p["span_of"].format(start=period_phrase(f"{first:%Y-%m}", reference_year),
                               end=period_phrase(f"{last:%Y-%m}", first.year))


def report_span_title(period: str) -> tuple[str, str]:
    """The year and the span of the title: ("2025年", "上半年"), ("2024年", "")."""
    key, kind = _classified(period)
    year = int(key[:4])
    if kind == "Y":
        return words("periods")["year"].format(year=year), ""
    return words("periods")["year"].format(year=year), period_phrase(key, year)


def _exact(value: float, divisor: int, digits: int) -> str | None:
    """value / divisor printed with at most `digits` decimals, or None when that would round it."""
    q = Decimal(repr(float(value))) / Decimal(divisor)
    text = f"{q:.{digits}f}"
    if Decimal(text) != q:
        return None
    return text.rstrip("0").rstrip(".") if "." in text else text


_SCALES: dict[str, tuple[str, ...]] = {
    "CNY": ("元", "万元", "亿元", "万亿元"), "USD": ("美元", "万美元", "亿美元", "万亿美元"),
    "count": ("", "万", "亿", "万亿"), "t": ("吨", "万吨", "亿吨", "万亿吨"),
}
_DIVISORS = (1, 10**4, 10**8, 10**12)


def amount(value: float, unit: str, classifier: str = "") -> str:
    """An amount as a report prints it: the largest of 万/亿/万亿 that states it exactly to two
    decimals (5578800000000 元 → 55788亿元, 4550000 个 → 455万个, 1.2e12 元 → 1.2万亿元), else rounded."""
    if unit in ("%", "pp"):
        return rate(value, unit)
    scales = _SCALES.get(unit)
    if scales is None:
        suffix = {"times": "倍", "year": "年", "month": "个月", "kWh": "千瓦时"}.get(unit, unit)
        return _plain(value) + suffix
    if unit == "count":
        scales = tuple(s + classifier for s in scales)
    for divisor, suffix in sorted(zip(_DIVISORS, scales, strict=True), reverse=True):
        if abs(value) < divisor:
            continue
        text = _exact(value, divisor, 2)
        if text is not None:
            return text + suffix
    for divisor, suffix in sorted(zip(_DIVISORS, scales, strict=True), reverse=True):
        if abs(value) >= divisor:
            return f"{float(value) / divisor:.2f}".rstrip("0").rstrip(".") + suffix
    return _plain(value) + scales[0]


def _plain(value: float) -> str:
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text


def rate(value: float, unit: str) -> str:
    """6.4%, 0.8个百分点: one decimal at least, two where the source gave two."""
    digits = 1 if round(value, 1) == round(value, 6) else 2
    return f"{value:.{digits}f}" + ("%" if unit == "%" else "个百分点")


def figure_text(value: float, unit: str, qualifier: str = "exact", classifier: str = "",
                value_max: float | None = None) -> str:
    """A figure with its qualifier and range: 超过360万家, 30%—40%."""
    text = amount(value, unit, classifier)
    if value_max is not None:
        text += "—" + amount(value_max, unit, classifier)
    return words("qualifiers").get(qualifier, "") + text
