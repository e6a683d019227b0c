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

import re

from zhibiao.series import classify_period
from zhibiao.series import period_span as span

_MONTH_SPAN = re.compile(r"^(\d{4})-(\d{2})/(\d{4})-(\d{2})$")
_QUARTERS = {1: "一", 2: "二", 3: "三", 4: "四"}

__all__ = ["label", "length_days", "span"]


def label(period: str | None) -> str:
    """The period as a Chinese reader writes it: 2024年上半年, 2024年一季度, 2024年1—5月, 2024年6月30日."""
    key, kind = classify_period(period)
    if key is None:
        return "无时期"
    year = key[:4] if key[:4].isdigit() else "某"
    if kind == "Y":
        return f"{year}年"
    if kind == "H":
        return f"{year}年{'上' if key.endswith('H1') else '下'}半年"
    if kind == "Q":
        return f"{year}年{_QUARTERS[int(key[-1])]}季度"
    if kind == "M":
        return f"{year}年{int(key[5:7])}月"
    if kind == "point":
        return f"{year}年{int(key[5:7])}月{int(key[8:10])}日"
    m = _MONTH_SPAN.match(key.replace("?", "0")) if kind in ("YTD", "range") else None
    if m:
        if m.group(1) == m.group(3):
            return f"{year}年{int(m.group(2))}—{int(m.group(4))}月"
        return f"{m.group(1)}年{int(m.group(2))}月—{m.group(3)}年{int(m.group(4))}月"
    return key


def length_days(period: str | None) -> int:
    """How many days a period covers (0 when it cannot be placed)."""
    s = span(period)
    return (s[1] - s[0]).days + 1 if s else 0
