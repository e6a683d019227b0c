"""Measures: what a number measures, the sign of a change, and what it is compared with."""

from __future__ import annotations

import pytest

from zhibiao.extract.measures import (
    amount_change_verb,
    change_comparator,
    growth_basis,
    is_target,
    read_measure,
)
from zhibiao.extract.mentions import COUNT, MONEY, PERCENT, POINTS, TENTHS, TIMES
from zhibiao.rules import load, words


@pytest.mark.parametrize(
    ("window", "kind", "measure", "sign"),
    [
        # Growth, up and down
        ("规模以上工业增加值同比增长", PERCENT, "growth", 1),
        ("出口同比上涨", PERCENT, "growth", 1),
        ("增速为", PERCENT, "growth", 1),
        ("同比下降", PERCENT, "growth", -1),
        ("利润总额同比减少", PERCENT, "growth", -1),
        ("进口回落", PERCENT, "growth", -1),
        ("降幅为", PERCENT, "growth", -1),
        # a percentage right after its basis, as analysts write it, signed by its own minus
        ("CPI同比", PERCENT, "growth", 1),
        ("商品房销售同比-", PERCENT, "growth", 1),  # the minus is the figure's own (has_minus)
        ("环比 ", PERCENT, "growth", 1),
        ("农副食品PPI环比为", PERCENT, "growth", 1),
        ("PPI环比分别为", PERCENT, "growth", 1),
        ("CPI", PERCENT, "level", 1),
        # Shares and contributions
        ("占全部规上工业的比重为", PERCENT, "share", 1),
        ("占比", PERCENT, "share", 1),
        ("回升面", PERCENT, "share", 1),  # the share of members whose growth picked up
        ("增加值占GDP比重", PERCENT, "share", 1),
        ("", TENTHS, "share", 1),
        ("对经济增长的贡献率为", PERCENT, "contribution", 1),
        # a percentage of a whole named right before it, even a whole that is a change
        ("移动电话用户净增1006.4万户,仅为上年同期增量的", PERCENT, "share", 1),
        ("相当于全国平均水平的", PERCENT, "share", 1),
        # Levels
        ("营业收入", MONEY, "level", 1),
        ("企业数量", COUNT, "level", 1),
        ("产能利用率为", PERCENT, "level", 1),
        ("移动宽带用户渗透率达", PERCENT, "level", 1),  # a rate, not a part of a whole
        # Times
        ("出口增长", TIMES, "growth", 1),
        ("是上年的", TIMES, "level", 1),
        # how exact the multiple is, said before it (增长近2倍, 增长超过2倍): still a growth
        ("同比增长近", TIMES, "growth", 1),
        ("产量增长超过", TIMES, "growth", 1),
        ("是上年的近", TIMES, "level", 1),
        # Pull
        ("拉动全市规模以上工业增长", POINTS, "pull", 1),
        ("下拉全区增速", POINTS, "pull", -1),
        ("带动全省工业增长", POINTS, "pull", 1),
        ("对全省工业增长贡献", POINTS, "pull", 1),
    ],
)
def test_measures_read_measure(window: str, kind: str, measure: str, sign: int) -> None:
    reading = read_measure(window, kind)
    assert (reading.measure, reading.sign) == (measure, sign)


@pytest.mark.parametrize(
    ("window", "measure", "sign", "points"),
    [
        # a rate's change printed with %: points
        ("同比增长9.7%,增速较前三季度回落", "growth_change", -1, True),
        ("增幅比上月提高", "growth_change", 1, True),
        # a growth compared with another period, with no rate noun: still a growth
        ("软件收入增长9%,比上年同期提高", "growth", 1, False),
        ("同比增长", "growth", 1, False),
        # 较快的 is a degree, not a comparison (AJ10: 增速较快的宁夏、广西分别增长26%和18.7%)
        ("增速较快的宁夏、广西分别增长", "growth", 1, False),
    ],
)
def test_measures_a_percentage_after_a_rate_changing_is_in_points(window, measure, sign, points) -> None:
    reading = read_measure(window, PERCENT)
    assert (reading.measure, reading.sign, reading.percent_points) == (measure, sign, points)


def test_measures_read_measure_times_growth_flag() -> None:
    assert read_measure("出口增长", TIMES).times_growth is True
    assert read_measure("是上年的", TIMES).times_growth is False
    assert read_measure("同比增长", PERCENT).times_growth is False


@pytest.mark.parametrize(
    ("window", "context", "sign"),
    [
        ("增速较一季度加快", "", 1),
        ("增速比上月提高", "", 1),
        ("增速比上月回升", "", 1),
        ("增速比上月回落", "", -1),
        ("增速较一季度放缓", "", -1),
        ("高于全国", "", 1),
        ("超出全国平均水平", "", 1),
        ("快于全市", "", 1),
        ("低于全省平均水平", "", -1),
        # 收窄/扩大 depend on whether the rate is a rise or a fall
        ("降幅比1—5月收窄", "", 1),
        ("降幅扩大", "", -1),
        ("涨幅比上月收窄", "", -1),
        ("涨幅扩大", "", 1),
        ("收窄", "工业生产者出厂价格同比下降2.8%,降幅", 1),
        ("收窄", "居民消费价格同比上涨0.5%,涨幅", -1),
        ("扩大", "工业生产者出厂价格同比下降2.8%,降幅", -1),
    ],
)
def test_measures_growth_change_sign(window: str, context: str, sign: int) -> None:
    reading = read_measure(window, POINTS, context)
    assert (reading.measure, reading.sign) == ("growth_change", sign)


@pytest.mark.parametrize(
    ("window", "expected"),
    [
        ("增速较一季度加快", "一季度"),
        ("增速比上月回落", "上月"),
        ("降幅比1—5月收窄", "1—5月"),
        ("较上年同期提高", "上年同期"),
        ("高于全省", "全省"),
        ("快于全市平均水平", "全市"),
        ("同比提高", "上年同期"),
        ("环比下降", "上月"),
        ("比2012年增长近", "2012年"),  # an approximation between the verb and the figure
        ("较一季度环比下降", "一季度"),  # a period named before 环比
        ("但比高技术制造业增加值增速低", "高技术制造业增加值"),  # 高 opening a name, not a degree
        # a period opening a clause before a change in points, its 比 lost
        ("同比增长22.6%,1-4月提高", "1-4月"),
        ("增长", None),
        ("", None),
    ],
)
def test_measures_change_comparator(window: str, expected: str | None) -> None:
    assert change_comparator(window) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("同比增长", "yoy"),
        ("比上年同期增长", "yoy"),
        ("比去年同期下降", "yoy"),
        ("按年上升", "yoy"),
        ("环比下降", "mom"),
        ("比上月增长", "mom"),
        ("较上月", "mom"),
        # The last one named wins
        ("同比增长3%,环比增长", "mom"),
        ("环比增长1%,同比增长", "yoy"),
        # Average annual rates
        ("年均增长", "avg"),
        ("平均每年增长", "avg"),
        ("增长", None),
        ("", None),
    ],
)
def test_measures_growth_basis(text: str, expected: str | None) -> None:
    assert growth_basis(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("力争到今年底,建成5G基站", True),
        ("预计全年增长", True),
        ("目标是到2027年", True),
        ("上半年,规模以上工业增加值同比增长", False),
        ("计划投资额", False),
        ("油气产业将增加投资", True),  # the future said of an amount
        ("30个重大产业项目将在大会上签约,计划总投资", False),  # an event to come, the projects' own figure
        ("将近", False),
        ("今年努力新培育", True),
        ("在全市上下共同努力下,工业增加值增长", False),
        ("增长6%,处于全年增速预期目标区间;其中制造业增加值增长", False),  # measured against the goal
    ],
)
def test_measures_is_target(text: str, expected: bool) -> None:
    assert is_target(text) is expected


@pytest.mark.parametrize(("window", "expected"), [
    ("每百元主营业务收入中的成本为84.27元,降低", "降低"),
    ("比上年减少", "减少"),
    ("同比减少了", "减少"),
    ("比上年末净增", "净增"),
    ("比上年增加", "增加"),
    ("降至", ""),
    ("利润总额", ""),
])
def test_measures_amount_change_verb(window: str, expected: str) -> None:
    assert amount_change_verb(window) == expected


@pytest.mark.parametrize(("window", "context", "measure", "sign"), [
    ("2013年降至", "财政收入增速从2007年顶峰开始回调,", "growth", 1),
    ("全国城镇调查失业率降至", "", "level", 1),
    ("工业品价格降幅收窄至", "", "growth", -1),
    ("高技术产业占全部规模工业比重提高至", "", "share", 1),
    ("同比下降", "", "growth", -1),
])
def test_measures_a_rate_moved_to_a_figure_is_its_new_level(window, context, measure, sign) -> None:
    reading = read_measure(window, PERCENT, context)
    assert (reading.measure, reading.sign) == (measure, sign)


def test_measures_verbs_after_a_basis_are_verbs_of_change() -> None:
    """[change] after_basis names which verbs of change follow 同比/环比: it adds none of its own."""
    change = {w for k in ("up", "down", "widen", "narrow") for w in words("measures", "change", k)}
    assert set(load("measures")["change"]["after_basis"]) <= change


@pytest.mark.parametrize(("window", "expected"), [
    ("同比提高", "上年同期"),
    ("同比分别收窄", "上年同期"),
    ("环比回落", "上月"),
    ("环比收窄", None),            # widen and narrow follow 环比 only with a rate noun (not this rule)
    ("比上月加快", "上月"),
    ("较一季度回落", "一季度"),
    ("高于全省平均水平的", "全省"),
    ("超出全国平均水平", "全国"),
    ("利润总额", None),
])
def test_measures_change_comparator_fallbacks(window: str, expected: str | None) -> None:
    assert change_comparator(window) == expected
