"""Periods as spans on the time axis, and their Chinese labels."""

from datetime import date

import pytest

from zhibiao.web.timeaxis import end, label, length_days, span


@pytest.mark.parametrize(("period", "start", "last"), [
    ("2024", date(2024, 1, 1), date(2024, 12, 31)),
    ("2024-H1", date(2024, 1, 1), date(2024, 6, 30)),
    ("2024-H2", date(2024, 7, 1), date(2024, 12, 31)),
    ("2024-Q1", date(2024, 1, 1), date(2024, 3, 31)),
    ("2024-Q4", date(2024, 10, 1), date(2024, 12, 31)),
    ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
    ("2023-02", date(2023, 2, 1), date(2023, 2, 28)),
    ("2025-01/2025-05", date(2025, 1, 1), date(2025, 5, 31)),  # year to date
    ("2025-01/2025-06", date(2025, 1, 1), date(2025, 6, 30)),  # the same as 2025-H1
    ("2025-03/2025-05", date(2025, 3, 1), date(2025, 5, 31)),  # another span of months
    ("2024-11/2025-02", date(2024, 11, 1), date(2025, 2, 28)),  # across a year end
    ("2025-06-30", date(2025, 6, 30), date(2025, 6, 30)),  # a stock at a date
])
def test_timeaxis_span(period, start, last):
    assert span(period) == (start, last)
    assert end(period) == last


@pytest.mark.parametrize("period", [None, "", "????-H1", "????", "2025-02-30", "2025-06/2025-03", "soon"])
def test_timeaxis_unplaceable_periods_have_no_span(period):
    assert span(period) is None
    assert length_days(period) == 0
    with pytest.raises(ValueError, match="no place on the time axis"):
        end(period)


@pytest.mark.parametrize(("period", "text"), [
    ("2024", "2024年"), ("2024-H1", "2024年上半年"), ("2024-H2", "2024年下半年"), ("2024-Q3", "2024年三季度"),
    ("2024-05", "2024年5月"), ("2024-01/2024-05", "2024年1—5月"), ("2024-06-30", "2024年6月30日"),
    ("2024-11/2025-02", "2024年11月—2025年2月"), ("2021/2025", "2021—2025年"),
    ("????-H1", "某年上半年"), (None, "无时期"),
])
def test_timeaxis_label(period, text):
    assert label(period) == text


def test_timeaxis_length_orders_spans_that_end_together():
    assert length_days("2024-06") < length_days("2024-Q2") < length_days("2024-H1") < length_days("2024")
