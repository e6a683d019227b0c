"""Numbers as a Chinese report prints them, and values made ready for JSON."""

from __future__ import annotations

import math
from datetime import date, datetime

# (threshold, divisor, suffix) for amounts: 5578800000000 CNY -> 5.58万亿元
_CNY = ((1e12, 1e12, "万亿元"), (1e8, 1e8, "亿元"), (1e4, 1e4, "万元"), (0, 1, "元"))
_USD = ((1e12, 1e12, "万亿美元"), (1e8, 1e8, "亿美元"), (1e4, 1e4, "万美元"), (0, 1, "美元"))
_COUNT = ((1e8, 1e8, "亿"), (1e4, 1e4, "万"), (0, 1, ""))
_T = ((1e8, 1e8, "亿吨"), (1e4, 1e4, "万吨"), (0, 1, "吨"))
_SCALES = {"CNY": _CNY, "USD": _USD, "count": _COUNT, "t": _T}
_SUFFIX = {"%": "%", "pp": "个百分点", "times": "倍", "year": "年", "month": "个月", "kWh": "千瓦时"}
_QUALIFIER_MARK = {"approx": "约", "at_least": "超过", "at_most": "近"}


def _trim(x: float, digits: int) -> str:
    text = f"{x:,.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def number(value: float | None, unit: str | None = None) -> str:
    """3.8 % -> 3.8%; 2937000 count -> 293.7万; 5578800000000 CNY -> 5.58万亿元; -0.5 pp -> -0.5个百分点."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if unit in _SCALES:
        for threshold, divisor, suffix in _SCALES[unit]:
            if abs(value) >= threshold:
                return _trim(value / divisor, 2 if divisor > 1 else 0) + suffix
    if unit in ("%", "pp"):  # rates are printed with one decimal at least: 6.0%, 0.85个百分点
        digits = 1 if round(value, 1) == value else 2
        return f"{value:,.{digits}f}" + _SUFFIX[unit]
    if unit in _SUFFIX:
        return _trim(value, 2) + _SUFFIX[unit]
    return _trim(value, 2) + (unit or "")


def value_text(value: float | None, unit: str | None, qualifier: str | None = None,
               value_max: float | None = None) -> str:
    """A value with its qualifier and range: 超过1000个, 30%—40%."""
    text = number(value, unit)
    if value_max is not None and not (isinstance(value_max, float) and math.isnan(value_max)):
        text += "—" + number(value_max, unit)
    mark = _QUALIFIER_MARK.get(qualifier or "")
    return f"{mark}{text}" if mark else text


def plain(value):
    """A JSON-ready value: dates as ISO strings, NaN as null, numpy scalars as Python ones."""
    if value is None:
        return None
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, float):
        return None if math.isnan(value) else value
    if isinstance(value, date):
        return _plain_date(value)
    if hasattr(value, "item") and not isinstance(value, str | bytes):  # numpy scalars
        return plain(value.item())
    return _unless_missing(value)


def _plain_date(value: date) -> str | None:
    if isinstance(value, datetime) and value != value:  # pandas NaT passes for a datetime
        return None
    return value.isoformat()


def _unless_missing(value):
    """`value`, or None for pandas NaT / NA (and for what cannot even be compared with itself)."""
    try:
        if value != value:
            return None
    except (TypeError, ValueError):
        return None
    return value
