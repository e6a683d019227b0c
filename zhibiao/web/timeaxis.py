"""Periods on a time axis: every FACTS.md period is a span of days, drawn as such.

    2024          Y      2024-01-01 .. 2024-12-31
    2024-H1       H      2024-01-01 .. 2024-06-30
    2024-Q3       Q      2024-07-01 .. 2024-09-30
    2024-05       M      2024-05-01 .. 2024-05-31
    2024-01/2024-05  YTD 2024-01-01 .. 2024-05-31   (cumulative from January)
    2024-03/2024-05  range  2024-03-01 .. 2024-05-31
    2024-06-30    point  2024-06-30 .. 2024-06-30   (a stock at a date)

A chart puts a figure at the end of its span (the day it was known to be true) and draws the span
as a bar behind it, so a half-year figure and the months inside it line up. A period whose year is
unknown (``????-H1``) has no place on the axis: `span` returns None for it.
"""

from __future__ import annotations

from datetime import date

from zhibiao.period import Period, classify_period
from zhibiao.period import period_span as span

_QUARTERS = {1: "一", 2: "二", 3: "三", 4: "四"}

__all__ = ["end", "label", "length_days", "span"]


def end(period: str | None) -> date:
    """The last day of a period on the axis, where its point is drawn. For periods already kept only
    when `span` has them; ValueError for one that has no place on the axis."""
    bounds = span(period)
    if bounds is None:
        raise ValueError(f"period {period!r} has no place on the time axis")
    return bounds[1]


def label(period: str | None) -> str:
    """The period as a Chinese reader writes it: 2024年上半年, 2024年一季度, 2024年1—5月, 2024年6月30日."""
    key, _ = classify_period(period)
    if key is None:
        return "无时期"
    p = Period.parse(key)
    if p is None or p.form == "days":
        return key
    year = f"{p.year:04d}" if p.year is not None else "某"
    if p.form == "months":
        if p.year == p.end_year:
            return f"{year}年{p.first}—{p.last}月"
        return f"{_digits(p.year)}年{p.first}月—{_digits(p.end_year)}年{p.last}月"
    return year + _LABELS[p.form](p)


def _digits(year: int | None) -> str:
    """A year in a span across years; an unknown one is written 0000."""
    return f"{year or 0:04d}"


_LABELS = {
    "year": lambda p: "年",
    "years": lambda p: f"—{_digits(p.end_year)}年",
    "half": lambda p: f"年{'上' if p.first == 1 else '下'}半年",
    "quarter": lambda p: f"年{_QUARTERS[p.last // 3]}季度",
    "month": lambda p: f"年{p.first}月",
    "date": lambda p: f"年{p.first}月{p.day}日",
}


def length_days(period: str | None) -> int:
    """How many days a period covers (0 when it cannot be placed)."""
    s = span(period)
    return (s[1] - s[0]).days + 1 if s else 0
