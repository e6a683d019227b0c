"""Comparator resolution: what a change is compared with (FACTS.md: basis)."""

from __future__ import annotations

from datetime import date

import pytest

from zhibiao.extract.comparators import (
    COMPARATOR_RESOLVERS,
    comparator_list,
    each_place,
    from_comparator,
    resolve_comparator,
)

SEP_15 = date(2024, 9, 15)


@pytest.mark.parametrize(
    ("comparator", "period", "basis"),
    [
        ("上月", "2024-08", "vs:2024-07"),
        ("上年同期", "2024-01/2024-08", "vs:2023-01/2023-08"),
        ("去年同期", "2024-Q2", "vs:2023-Q2"),
        ("上年末", "2024-08-31", "vs:2023-12-31"),
        ("去年全年", "2018-Q1", "vs:2017"),  # the whole year before, not its first quarter
        ("去年四季度", "2019-Q1", "vs:2018-Q4"),  # a part of the year before, named
        ("上年12月", "2019-Q1", "vs:2018-12"),
        ("去年同月", "2019-03", "vs:2018-03"),
        ("上一年", "2017", "vs:2016"),  # AL06
        ("2019年1—2月份", "2021-01/2021-02", "vs:2019-01/2019-02"),  # its own year
        ("1-2月份", "2021-01/2021-03", "vs:2021-01/2021-02"),  # the figure's year
        ("全国平均水平", "2024-08", "vs:全国"),  # a thing, without its closer words
        ("同期工业增加值", "2024-H1", "vs:工业增加值"),  # another subject in the same period
        ("同期", "2024-H1", "vs:2023-H1"),
        ("去年同期水平", "2024-01/2024-02", "vs:2023-01/2023-02"),  # last year's level: the period
        ("上季度", "2024-Q2", "vs:2024-Q1"),
        (None, "2024", None),
        ("", "2024", None),
    ],
)
def test_comparators_resolve_comparator(comparator, period, basis):
    assert resolve_comparator(comparator, period, SEP_15) == basis


def test_comparators_resolvers_are_tried_in_order():
    assert [r.__name__ for r in COMPARATOR_RESOLVERS] == [
        "_vs_previous_month", "_vs_last_full_year", "_vs_part_of_last_year", "_vs_same_period", "_vs_named_period"]


@pytest.mark.parametrize(
    ("window", "n", "compared"),
    [
        ("分别比全国、全省平均水平高", 2, ["全国平均水平", "全省平均水平"]),
        ("比同期工业、高技术制造业投资增速分别高", 2, ["同期工业投资", "高技术制造业投资"]),
        ("分别比同期工业、高技术制造业高", 2, ["同期工业", "高技术制造业"]),  # no shared tail
        ("分别比全国、全省平均水平高", 3, None),  # one thing per figure, or none
        ("分别比上年", 2, None),
        ("分别比全国、全省平均水平高", 1, None),
    ],
)
def test_comparators_comparator_list(window, n, compared):
    assert comparator_list(window, n) == compared


@pytest.mark.parametrize(
    ("basis", "bases"),
    [
        ("vs:武汉、宁波", ["vs:武汉", "vs:宁波"]),  # one gap against each place
        ("vs:北京和上海", ["vs:北京", "vs:上海"]),
        ("vs:全国、全省平均水平", ["vs:全国、全省平均水平"]),  # not places alone: as it is
        ("vs:杭州", ["vs:杭州"]),
        ("vs:2024-Q1", ["vs:2024-Q1"]),
        (None, [None]),
    ],
)
def test_comparators_each_place(basis, bases):
    assert each_place(basis) == bases


@pytest.mark.parametrize(
    ("sentence", "pos", "period"),
    [
        ("由上月下降0.4%", 5, "2024-07"),  # the month before the figure's
        ("从上年同期的", 6, "2023-08"),
        ("同比下降0.4%", 4, "2024-08"),  # no 由/从: the figure's own period
        ("由上月的1.2%下降0.4%", 11, "2024-08"),  # a figure between: 由上月 was the first figure's
    ],
)
def test_comparators_from_comparator(sentence, pos, period):
    assert from_comparator(sentence, pos, "2024-08") == period


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        # the month or quarter just before, named without its year: month on month (AN09, AJ06)
        ("6月份生铁日均产量为205.6万吨,较5月份增长3.25%。", "mom"),
        ("二季度出口较一季度增长5%。", "mom"),
        # a year's figure against the year before is year on year
        ("全年地区生产总值比上年增长6.7%。", "yoy"),
        # an earlier month of the year, named alone, is that month
        ("6月份生铁产量比3月份增长3.25%。", "vs:2017-03"),
    ],
)
def test_comparators_growth_against_the_period_just_before_is_mom(text, basis):
    from zhibiao.api import extract_text

    facts = [f for f in extract_text(text, date=date(2017, 7, 20)) if f.measure == "growth"]
    assert [f.basis for f in facts] == [basis]
