"""Periods and bases as values: parse, format, kind, span, shift, previous, order."""

from datetime import date
from pathlib import Path

import pytest

from zhibiao.period import (
    Basis,
    Period,
    classify_period,
    end_date,
    end_month,
    ends_at,
    is_date,
    is_period,
    month_period,
    period_sort_key,
    period_span,
    point_period,
    previous,
    shift_year,
    span_period,
    year_of,
)

FIXTURES = Path(__file__).parent / "fixtures"


def _lines(name: str) -> list[str]:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line and not line.startswith("#")]


PERIODS = _lines("period_strings.txt")
BASES = _lines("basis_strings.txt")


def test_period_fixture_holds_every_form():
    forms = {Period.parse(p).form for p in PERIODS}
    assert forms == {"year", "half", "quarter", "month", "date", "months", "days", "years"}


@pytest.mark.parametrize("text", PERIODS)
def test_period_round_trips_every_period_the_baseline_holds(text):
    period = Period.parse(text)
    assert period is not None
    assert str(period) == text


@pytest.mark.parametrize("text", BASES)
def test_basis_round_trips_every_basis_the_baseline_holds(text):
    assert str(Basis.parse(text)) == text


@pytest.mark.parametrize(("text", "form", "year", "first", "last"), [
    ("2025", "year", 2025, 1, 12),
    ("2025-H1", "half", 2025, 1, 6),
    ("2025-H2", "half", 2025, 7, 12),
    ("2025-Q3", "quarter", 2025, 7, 9),
    ("2025-05", "month", 2025, 5, 5),
    ("2025-06-30", "date", 2025, 6, 6),
    ("2025-01/2025-05", "months", 2025, 1, 5),
    ("2025-08-01/2025-08-10", "days", 2025, 8, 8),
    ("2021/2025", "years", 2021, 1, 12),
    ("????-Q2", "quarter", None, 4, 6),
    ("????-00-00", None, None, 0, 0),
    ("????-05-00", "date", None, 5, 5),
])
def test_period_parse_reads_form_year_and_months(text, form, year, first, last):
    period = Period.parse(text)
    if form is None:
        assert period is None
        return
    assert (period.form, period.year, period.first, period.last) == (form, year, first, last)


@pytest.mark.parametrize("text", [None, "", "soon", "2025-13", "2025-Q5", "2025-H3", "2025-1", "25-05",
                                  "2025-01/2025-05-31", "2025-05-32", "2025-00/2025-05", " 2025",
                                  "2025/2021", "2025/2025", "2021/25"])
def test_period_parse_refuses_what_is_no_period(text):
    assert Period.parse(text) is None


@pytest.mark.parametrize(("text", "key", "kind"), [
    ("2025", "2025", "Y"), ("2025-H1", "2025-H1", "H"), ("2025-Q1", "2025-Q1", "Q"), ("2025-05", "2025-05", "M"),
    ("2025-01/2025-06", "2025-H1", "H"), ("2025-07/2025-12", "2025-H2", "H"), ("2025-01/2025-03", "2025-Q1", "Q"),
    ("2025-10/2025-12", "2025-Q4", "Q"), ("2025-01/2025-12", "2025", "Y"), ("2025-05/2025-05", "2025-05", "M"),
    ("2025-01/2025-05", "2025-01/2025-05", "YTD"), ("2025-03/2025-05", "2025-03/2025-05", "range"),
    ("2025-05/2025-03", "2025-05/2025-03", "range"), ("2024-01/2025-03", "2024-01/2025-03", "range"),
    ("2025-06-30", "2025-06-30", "point"), ("2025-08-01/2025-08-10", "2025-08-01/2025-08-10", "range"),
    ("????-01/????-06", "????-H1", "H"), (" 2025-h1 ", "2025-H1", "H"), ("2025-01—2025-05", "2025-01/2025-05", "YTD"),
    ("2021/2025", "2021/2025", "range"), ("soon", "SOON", "range"), ("2025-13", "2025-13", "range"),
    (None, None, None), ("  ", None, None),
])
def test_classify_period_canonical_spelling_and_kind(text, key, kind):
    assert classify_period(text) == (key, kind)
    if key is not None and Period.parse(key) is not None:
        assert Period.parse(key).kind == kind


@pytest.mark.parametrize(("text", "span"), [
    ("2024", (date(2024, 1, 1), date(2024, 12, 31))),
    ("2024-H2", (date(2024, 7, 1), date(2024, 12, 31))),
    ("2024-Q1", (date(2024, 1, 1), date(2024, 3, 31))),
    ("2024-02", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2024-01/2024-05", (date(2024, 1, 1), date(2024, 5, 31))),
    ("2024-11/2025-02", (date(2024, 11, 1), date(2025, 2, 28))),
    ("2024-06-30", (date(2024, 6, 30), date(2024, 6, 30))),
    ("2021/2025", (date(2021, 1, 1), date(2025, 12, 31))),
    ("2024-08-01/2024-08-10", None),  # a span of days is not placed on the axis
    ("2024-02-30", None), ("2024-06-00", None), ("2025-06/2025-03", None), ("????-H1", None), ("soon", None),
    (None, None),
])
def test_period_span_first_and_last_day(text, span):
    assert period_span(text) == span


@pytest.mark.parametrize(("text", "end"), [
    ("2021", "2021-12-31"), ("2021-H1", "2021-06-30"), ("2021-Q1", "2021-03-31"), ("2024-02", "2024-02-29"),
    ("2021-01/2021-04", "2021-04-30"), ("2021-06-30", "2021-06-30"), ("2021-02-30", "2021-02-30"),
    ("2021-08-01/2021-08-10", "2021-08-10"), ("2016/2020", "2020-12-31"), ("????-05", None),
    ("2021-01/????-04", None), ("soon", None),
])
def test_end_date_is_the_last_day(text, end):
    assert end_date(text) == end
    assert end_month(text) == (int(end[5:7]) if end else None)


@pytest.mark.parametrize(("text", "years", "shifted"), [
    ("2025-H1", -1, "2024-H1"), ("2025-01/2025-05", -1, "2024-01/2024-05"), ("2025", -2, "2023"),
    ("2025-06-30", 1, "2026-06-30"), ("2021/2025", -5, "2016/2020"),
    ("2025-08-01/2025-08-10", -1, "2024-08-01/2024-08-10"),
    ("????-Q1", -1, None), ("2025-01/????-05", -1, None), (None, -1, None), ("", -1, None),
])
def test_shift_year_moves_every_year(text, years, shifted):
    assert shift_year(text, years) == shifted


@pytest.mark.parametrize(("text", "before"), [
    ("2025-03", "2025-02"), ("2025-01", "2024-12"), ("2025-Q2", "2025-Q1"), ("2025-Q1", "2024-Q4"),
    ("2025-H2", "2025-H1"), ("2025-H1", "2024-H2"), ("2025", "2024"),
    # January and February come out together: the reading before theirs is December's
    ("2025-01/2025-05", "2025-01/2025-04"), ("2025-01/2025-02", "2024-12"), ("2025-01/2025-07", "2025-H1"),
    ("2021/2023", "2018/2020"), ("2025-07-31", "2025-06-30"), ("2025-01-31", "2024-12-31"),
    ("2024-03-31", "2024-02-29"),
    ("2025-07-15", None), ("2025-08-01/2025-08-10", None), ("????-05", None), (None, None),
])
def test_previous_is_the_period_just_before(text, before):
    assert previous(text) == before


def test_period_sort_key_orders_by_year_then_end_then_start():
    ordered = ["2024", "2025-01", "2025-Q1", "2025-03-31", "2025-01/2025-05", "2025-H1", "2025-Q2", "2025",
               "2025-03/2025-05", "????-05", "????-03/????-05"]
    shuffled = ordered[::-1]
    assert sorted(shuffled, key=period_sort_key) == ordered
    assert period_sort_key(None) > period_sort_key("????-03/????-05")
    assert period_sort_key("2025-01/2025-06") == period_sort_key("2025-H1")


@pytest.mark.parametrize(("built", "text"), [
    (span_period(2025, 1, 12), "2025"), (span_period(2025, 1, 6), "2025-H1"),
    (span_period(2025, 7, 12), "2025-H2"), (span_period(2025, 4, 6), "2025-Q2"),
    (span_period(2025, 5, 5), "2025-05"), (span_period(None, 1, 5), "????-01/????-05"),
    (span_period(2025, 3, 5), "2025-03/2025-05"), (month_period(None, 7), "????-07"),
    (point_period(2024, 2), "2024-02-29"), (point_period(2024, 2, 0), "2024-02-29"),
    (point_period(None, 6), "????-06-00"), (point_period(None, 6, 30), "????-06-30"),
    (point_period(2025, 12, 31), "2025-12-31"),
])
def test_builders_write_the_period_strings(built, text):
    assert built == text


@pytest.mark.parametrize(("span", "point", "expected"), [
    ("2024-01/2024-08", "2024-08-31", True), ("2024-Q3", "2024-09-30", True), ("2024", "2024-12-31", True),
    ("2024-01/2024-08", "2024-08-30", False), ("2024-08-31", "2024-08-31", False), ("2024-08", "2024-08", False),
    ("????-08", "????-08-31", False), ("????-08-31", "????-08-31", False), (None, "2024-08-31", False),
    ("2024-08", None, False),
])
def test_ends_at_a_date(span, point, expected):
    assert ends_at(span, point) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-08-31", True), ("????-08-31", False), ("????-08-00", False), ("2024-08", False),
    ("2024-08-01/2024-08-10", False), (None, False),
])
def test_is_date(text, expected):
    assert is_date(text) is expected


@pytest.mark.parametrize(("text", "year"), [("2025-H1", 2025), ("????-05", None), ("soon", None), (None, None)])
def test_year_of(text, year):
    assert year_of(text) == year


@pytest.mark.parametrize(("text", "expected"), [
    ("2025-Q1", True), ("2025-01/2025-06", True), ("2025-06-30", True), ("2025-03/2025-05", False),
    ("全省", False), ("", False), (None, False),
])
def test_is_period(text, expected):
    assert is_period(text) is expected


@pytest.mark.parametrize(("text", "kind", "target", "period"), [
    ("yoy", "yoy", None, None), ("mom", "mom", None, None), ("avg2y", "avg2y", None, None),
    ("vs:2023-Q1", "vs", "2023-Q1", "2023-Q1"), ("vs:2025-01/2025-06", "vs", "2025-01/2025-06", "2025-H1"),
    ("vs:全省", "vs", "全省", None), ("vs:2025-03/2025-05", "vs", "2025-03/2025-05", None),
])
def test_basis_parse(text, kind, target, period):
    basis = Basis.parse(text)
    assert (basis.kind, basis.target) == (kind, target)
    assert (str(basis.period) if basis.period else None) == period
    assert str(basis) == text


def test_basis_none_and_versus():
    assert Basis.parse(None) is None and Basis.parse("") is None
    assert str(Basis.versus("2024-H1")) == "vs:2024-H1"
