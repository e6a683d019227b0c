"""Periods and bases as values: the one place that reads and writes their strings.

A period is written as FACTS.md says: ``2025`` (a year), ``2025-H1`` (a half), ``2025-Q3`` (a quarter),
``2025-05`` (a month), ``2025-06-30`` (a day: a stock at that date), ``2025-01/2025-05`` (a span of
months, cumulative from January when it starts there), ``2025-08-01/2025-08-10`` (a span of days),
``2021/2025`` (a span of whole years: a five-year plan, 2016年至2018年).
An unknown year is written ``????``. `Period.parse` reads these strings, ``str()`` writes them back
byte for byte, and everything the code asks of a period (its canonical spelling and type, first and
last day, the same span a year earlier, the period before, an order) is asked of the value.

A basis says what a growth figure compares with: ``yoy``, ``mom``, ``avg2y`` or ``vs:TARGET``, where
the target is a period (``vs:2023-Q1``) or another subject (``vs:全省``).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

# The canonical types of series.classify_period: year, half, quarter, month, a span from January
# (YTD), a day (point), anything else (range).
PERIOD_TYPES = ("Y", "H", "Q", "M", "YTD", "point", "range")

UNKNOWN_YEAR = "????"

_TEXT = re.compile(
    r"(?P<y>\d{4}|\?{4})"
    r"(?:/(?P<ye>\d{4})|-H(?P<h>[12])|-Q(?P<q>[1-4])"
    r"|-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?:/(?P<y2>\d{4}|\?{4})-(?P<m2>\d{2})(?:-(?P<d2>\d{2}))?)?)?")

# Spans of months that have a name of their own (2025-01/2025-06 is 2025-H1).
_NAMED = {(1, 12): "year", (1, 6): "half", (7, 12): "half", (1, 3): "quarter", (4, 6): "quarter",
          (7, 9): "quarter", (10, 12): "quarter"}
_KIND = {"year": "Y", "half": "H", "quarter": "Q", "month": "M", "date": "point", "days": "range", "years": "range"}
_SORT_LAST = (99999, 99, 99, 99, "")


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _year_text(year: int | None) -> str:
    return f"{year:04d}" if year is not None else UNKNOWN_YEAR


def _year_value(text: str) -> int | None:
    return None if text == UNKNOWN_YEAR else int(text)


@dataclass(frozen=True)
class Period:
    """One period. `form` is how it is written: year, half, quarter, month, date, months (a span
    of months), days (a span of days) or years (a span of whole years); `year` is None when written
    ????. Months `first`..`last` are the months it covers; `day` is the day of a date or the first
    day of a span of days; `end_year` and `end_day` close a span."""

    form: str
    year: int | None
    first: int = 1
    last: int = 12
    day: int = 0
    end_year: int | None = None
    end_day: int = 0

    # ---- reading and writing

    @staticmethod
    def parse(text: str | None) -> Period | None:
        """The period a FACTS.md string writes, or None when it is not one."""
        if not text:
            return None
        return _parse(text)

    def __str__(self) -> str:
        y = _year_text(self.year)
        if self.form == "year":
            return y
        if self.form == "years":
            return f"{y}/{_year_text(self.end_year)}"
        if self.form == "half":
            return f"{y}-H{1 if self.first == 1 else 2}"
        if self.form == "quarter":
            return f"{y}-Q{self.last // 3}"
        if self.form == "month":
            return f"{y}-{self.first:02d}"
        if self.form == "date":
            return f"{y}-{self.first:02d}-{self.day:02d}"
        y2 = _year_text(self.end_year)
        if self.form == "months":
            return f"{y}-{self.first:02d}/{y2}-{self.last:02d}"
        return f"{y}-{self.first:02d}-{self.day:02d}/{y2}-{self.last:02d}-{self.end_day:02d}"

    # ---- building

    @staticmethod
    def of_month(year: int | None, month: int) -> Period:
        return Period("month", year, month, month)

    @staticmethod
    def of_months(year: int | None, first: int, last: int) -> Period:
        """Months `first`..`last` of one year, by their name when they have one (1..6 is H1)."""
        if first == last:
            return Period.of_month(year, last)
        form = _NAMED.get((first, last), "months")
        return Period(form, year, first, last, end_year=year if form == "months" else None)

    @staticmethod
    def of_years(first: int, last: int) -> Period:
        """Whole years `first`..`last` (one year when they are the same)."""
        return Period("year", first) if first == last else Period("years", first, end_year=last)

    @staticmethod
    def of_day(year: int | None, month: int, day: int | None = None) -> Period:
        """A day; without `day`, the month's last (0 when the year is unknown)."""
        if not day:
            day = last_day(year, month) if year is not None else 0
        return Period("date", year, month, month, day)

    # ---- what it is

    @property
    def is_date(self) -> bool:
        return self.form == "date"

    @property
    def known(self) -> bool:
        """Whether every year it names is written (no ????)."""
        return self.year is not None and (self.form not in ("months", "days", "years") or self.end_year is not None)

    def canonical(self) -> Period:
        """The same period in its shortest spelling: 2025-01/2025-06 is 2025-H1, 2025-05/2025-05 is
        2025-05; anything else stays as written."""
        if self.form == "months" and self.year == self.end_year and self.first <= self.last:
            return Period.of_months(self.year, self.first, self.last)
        return self

    @property
    def kind(self) -> str:
        """Its type among PERIOD_TYPES, once canonical."""
        p = self.canonical()
        if p.form != "months":
            return _KIND[p.form]
        return "YTD" if p.year == p.end_year and p.first == 1 and p.first <= p.last else "range"

    # ---- where it lies in time

    def span(self) -> tuple[date, date] | None:
        """The first and last day it covers; None when a year is unknown, the date does not exist,
        or it is a span of days."""
        p = self.canonical()
        if p.year is None or not p.known or p.form == "days":
            return None
        end_year = p.end_year if p.form in ("months", "years") and p.end_year is not None else p.year
        try:
            if p.form == "date":
                day = date(p.year, p.first, p.day)
                return day, day
            start = date(p.year, p.first, 1)
            end = date(end_year, p.last, last_day(end_year, p.last))
        except ValueError:  # 2024-02-30 and the like
            return None
        return (start, end) if start <= end else None

    def end_date(self) -> Period | None:
        """The day it ends on, as a date period: 2021-01/2021-04 -> 2021-04-30, 2021 -> 2021-12-31;
        2021-03-01/2021-03-10 -> 2021-03-10; a date stays; None when a year is unknown."""
        if self.year is None or (self.form in ("months", "days", "years") and self.end_year is None):
            return None
        if self.form == "date":
            return self
        if self.form == "years":
            return Period.of_day(self.end_year, 12)
        if self.form == "days":
            return Period("date", self.end_year, self.last, self.last, self.end_day)
        return Period.of_day(self.year, self.last)

    def ends_at(self, point: Period | None) -> bool:
        """Whether `point` is the date this span ends on (2024-01/2024-08 and 2024-08-31)."""
        return point is not None and point.is_date and not self.is_date and self.end_date() == point

    def sort_key(self) -> tuple:
        """Order by year, then the month it ends, then the month it starts, then the day; unknown
        years and spans that are no named period last."""
        p = self.canonical()
        kind = p.kind
        year = p.year if p.year is not None else 9999
        if kind == "range":
            return (year if year != 9999 else 99998, 99, 99, 99, str(p))
        return (year, p.last, p.first, p.day if kind == "point" else 99, str(p))

    # ---- arithmetic

    def shift(self, years: int = -1) -> Period | None:
        """The same span `years` later (earlier when negative); None when a year is unknown."""
        if not self.known:
            return None
        assert self.year is not None
        end_year = self.end_year + years if self.end_year is not None else None
        return replace(self, year=self.year + years, end_year=end_year)

    def previous(self) -> Period | None:
        """The period just before: a month, quarter, half or year before; a span of months one
        month shorter; a month's last day the last day of the month before; else None."""
        if not self.known:
            return None
        return _PREVIOUS[self.form](self)


def _parse_span(m: re.Match, year: int | None) -> Period | None:
    first, last = int(m["m"]), int(m["m2"])
    if not (1 <= first <= 12 and 1 <= last <= 12) or (m["d"] is None) != (m["d2"] is None):
        return None
    end_year = _year_value(m["y2"])
    if m["d"] is None:
        return Period("months", year, first, last, end_year=end_year)
    day, end_day = int(m["d"]), int(m["d2"])
    if not (0 <= day <= 31 and 0 <= end_day <= 31):
        return None
    return Period("days", year, first, last, day, end_year, end_day)


@lru_cache(maxsize=16384)
def _parse(text: str) -> Period | None:
    m = _TEXT.fullmatch(text)
    if m is None:
        return None
    year = _year_value(m["y"])
    if m["ye"]:
        end_year = int(m["ye"])
        return Period("years", year, end_year=end_year) if year is not None and year < end_year else None
    if m["h"]:
        return Period("half", year, 1, 6) if m["h"] == "1" else Period("half", year, 7, 12)
    if m["q"]:
        q = int(m["q"])
        return Period("quarter", year, 3 * q - 2, 3 * q)
    if m["m"] is None:
        return Period("year", year)
    if m["m2"] is not None:
        return _parse_span(m, year)
    month = int(m["m"])
    if not 1 <= month <= 12:
        return None
    if m["d"] is None:
        return Period.of_month(year, month)
    day = int(m["d"])
    return Period("date", year, month, month, day) if 0 <= day <= 31 else None


def _previous_month(p: Period) -> Period:
    assert p.year is not None
    return Period.of_month(p.year - 1, 12) if p.first == 1 else Period.of_month(p.year, p.first - 1)


def _previous_quarter(p: Period) -> Period:
    assert p.year is not None
    if p.first == 1:
        return Period("quarter", p.year - 1, 10, 12)
    return Period("quarter", p.year, p.first - 3, p.last - 3)


def _previous_half(p: Period) -> Period:
    assert p.year is not None
    return Period("half", p.year - 1, 7, 12) if p.first == 1 else Period("half", p.year, 1, 6)


def _previous_year(p: Period) -> Period:
    assert p.year is not None
    return Period("year", p.year - 1)


def _previous_span(p: Period) -> Period | None:
    """A span of months one month shorter, in the span's last year (2025-01/2025-05 -> 2025-01/2025-04);
    January and February, released together, come after the December before (2025-01/2025-02 -> 2024-12)."""
    if p.first == 1 and p.last == 2 and p.end_year is not None:
        return Period.of_month(p.end_year - 1, 12)
    return Period.of_months(p.end_year, p.first, p.last - 1) if p.last - 1 >= p.first else None


def _previous_years(p: Period) -> Period:
    """As many whole years just before (2021/2023 -> 2018/2020)."""
    assert p.year is not None and p.end_year is not None
    length = p.end_year - p.year + 1
    return Period("years", p.year - length, end_year=p.end_year - length)


def _previous_month_end(p: Period) -> Period | None:
    """A month's end (截至7月末) -> the end of the month before; another day has no period before."""
    assert p.year is not None
    if p.day != last_day(p.year, p.first):
        return None
    return Period.of_day(p.year - 1, 12) if p.first == 1 else Period.of_day(p.year, p.first - 1)


_PREVIOUS = {"month": _previous_month, "quarter": _previous_quarter, "half": _previous_half,
             "year": _previous_year, "months": _previous_span, "date": _previous_month_end,
             "days": lambda p: None, "years": _previous_years}


# ---- the string forms the rest of the code uses


def normalize(text: str) -> str:
    """A period as a user or an old row may write it: spaces, lower case, a dash for the slash."""
    return str(text).strip().upper().replace("—", "/")


@lru_cache(maxsize=8192)
def classify_period(text: str | None) -> tuple[str | None, str | None]:
    """(canonical spelling, type among PERIOD_TYPES) of a period string; an unknown spelling is
    itself, of type range; (None, None) when there is none."""
    if text is None or not str(text).strip():
        return None, None
    p = normalize(text)
    period = _parse(p)
    if period is None:
        return p, "range"
    return str(period.canonical()), period.kind


def period_span(text: str | None) -> tuple[date, date] | None:
    key, _ = classify_period(text)
    period = _parse(key) if key else None
    return period.span() if period else None


def period_sort_key(text: str | None) -> tuple:
    key, _ = classify_period(text)
    if key is None:
        return _SORT_LAST
    period = _parse(key)
    if period is None:
        return (99998 if not key[:4].isdigit() else int(key[:4]), 99, 99, 99, key)
    return period.sort_key()


def is_period(text: str | None) -> bool:
    """Whether `text` (say the part of a basis after ``vs:``) names a period."""
    _, kind = classify_period(text)
    return kind is not None and kind != "range"


def month_period(year: int | None, month: int) -> str:
    return str(Period.of_month(year, month))


def span_period(year: int | None, first: int, last: int) -> str:
    return str(Period.of_months(year, first, last))


def point_period(year: int | None, month: int, day: int | None = None) -> str:
    return str(Period.of_day(year, month, day))


def year_period(year: int | None) -> str:
    return str(Period("year", year))


def years_period(first: int, last: int) -> str:
    """Whole years `first`..`last`: 2021/2025."""
    return str(Period.of_years(first, last))


def half_period(year: int | None, half: str) -> str:
    """H1 or H2 of a year."""
    return str(Period("half", year, 1, 6) if half == "H1" else Period("half", year, 7, 12))


def quarter_period(year: int | None, quarter: int) -> str:
    return str(Period("quarter", year, 3 * quarter - 2, 3 * quarter))


def date_period(year: int | None, month: int, day: int) -> str:
    """One day, as written (no check that it exists: 2025-02-30 stays)."""
    return str(Period("date", year, month, month, day))


def days_period(year: int | None, month: int, first: int, last: int) -> str:
    """Days `first`..`last` of one month (8月上旬: 2025-08-01/2025-08-10)."""
    return str(Period("days", year, month, month, first, year, last))


@lru_cache(maxsize=8192)
def shift_year(period: str | None, years: int = -1) -> str | None:
    """The same span `years` earlier: 2025-H1 -> 2024-H1, 2025-01/2025-05 -> 2024-01/2024-05."""
    p = Period.parse(period)
    shifted = p.shift(years) if p else None
    return str(shifted) if shifted else None


@lru_cache(maxsize=8192)
def previous(period: str | None) -> str | None:
    """The period just before: 2025-03 -> 2025-02, 2025-Q2 -> 2025-Q1, 2025-H2 -> 2025-H1."""
    p = Period.parse(period)
    before = p.previous() if p else None
    return str(before) if before else None


@lru_cache(maxsize=8192)
def end_date(period: str) -> str | None:
    """The last day of a span: 2021-01/2021-04 -> 2021-04-30, 2021-Q1 -> 2021-03-31, 2021 ->
    2021-12-31; a date stays; None when the year is unknown."""
    p = Period.parse(period)
    end = p.end_date() if p else None
    return str(end) if end else None


@lru_cache(maxsize=8192)
def end_month(period: str) -> int | None:
    """The last month a period covers: 2025-06 -> 6, 2025-H1 -> 6, 2025-01/2025-05 -> 5."""
    p = Period.parse(period)
    end = p.end_date() if p else None
    return end.first if end else None


def year_of(period: str | None) -> int | None:
    """The (first) year a period names, None when unknown."""
    p = Period.parse(period)
    return p.year if p else None


def is_date(period: str | None) -> bool:
    """Whether a period string is one day of a known year (2025-06-30, not ????-06-30)."""
    p = Period.parse(period)
    return bool(p and p.is_date and p.year is not None)


def ends_at(span: str | None, point: str | None) -> bool:
    """Whether `point` is the date `span` ends on (2024-01/2024-08 and 2024-08-31)."""
    p = Period.parse(span)
    return bool(p and p.ends_at(Period.parse(point)))


# ---- bases

YOY, MOM, TWO_YEAR_AVERAGE = "yoy", "mom", "avg2y"
_VS = "vs:"


@dataclass(frozen=True)
class Basis:
    """What a growth figure compares with: `kind` yoy, mom, avg2y or vs; for vs, the `target`
    (a period string or another subject, as written after ``vs:``)."""

    kind: str
    target: str | None = None

    @staticmethod
    def parse(text: str | None) -> Basis | None:
        if not text:
            return None
        if text.startswith(_VS):
            return Basis("vs", text[len(_VS):])
        return Basis(text)

    @staticmethod
    def versus(target: str) -> Basis:
        return Basis("vs", target)

    def __str__(self) -> str:
        return f"{_VS}{self.target}" if self.kind == "vs" else self.kind

    @property
    def period(self) -> Period | None:
        """The period a vs basis compares with, when its target names one."""
        if self.kind != "vs" or not is_period(self.target):
            return None
        return Period.parse(classify_period(self.target)[0])
