"""Lists of figures: groups, 分别 and 各 (the distribution rules themselves run end to end in
test_assemble.py)."""

from __future__ import annotations

from datetime import date

import pytest

from zhibiao.api import extract_text
from zhibiao.extract.lists import LIST_RULES, distinct_tail, each_period, figure_groups, list_before
from zhibiao.extract.mentions import find_mentions


@pytest.mark.parametrize(
    ("sentence", "groups"),
    [
        ("增长30%至40%。", [(["30"], "40", {})]),  # a range: one group, its upper bound
        ("产量5.8%、6.8%和7.1%", [(["5.8", "6.8", "7.1"], None, {})]),
        ("分别下降29.8%、增长6.5%和增长4.1%", [(["29.8", "6.5", "4.1"], None, {1: 1, 2: 1})]),  # own verbs
        ("产量5.8%,收入6.8%", [(["5.8"], None, {}), (["6.8"], None, {})]),  # a comma without 分别
        ("分别增长10.3%,10.4%,10.9%", [(["10.3", "10.4", "10.9"], None, {})]),  # after 分别 it lists
    ],
)
def test_lists_figure_groups(sentence, groups):
    found = figure_groups(sentence, find_mentions(sentence, []), [(0, len(sentence))])
    assert [([str(m.value) for m in g.mentions], g.upper and str(g.upper.value), g.signs) for g in found] == groups


@pytest.mark.parametrize(
    ("window", "period", "n", "periods"),
    [
        ("非烟工业增加值累计增幅分别为", "2016-02/2016-04", 3,
         ["2016-01/2016-02", "2016-01/2016-03", "2016-01/2016-04"]),
        ("工业增加值同比分别增长", "2016-02/2016-04", 3, ["2016-02", "2016-03", "2016-04"]),
        # a cumulative span, a count that does not match, a list of things: no months
        ("工业增加值同比分别增长", "2016-01/2016-03", 3, None),
        ("工业增加值同比分别增长", "2016-02/2016-04", 2, None),
        ("出口和进口分别增长", "2016-02/2016-03", 2, None),
    ],
)
def test_lists_a_range_of_months_after_january_lists_its_months(window, period, n, periods):
    assert each_period(window, period, n) == periods


@pytest.mark.parametrize(
    ("window", "period", "n", "periods"),
    [
        ("各月同比分别上涨", "2024", 3, ["2024-01", "2024-02", "2024-03"]),
        ("各季度", "2024-H1", 2, ["2024-Q1", "2024-Q2"]),
        ("各季度", "2024", 5, None),  # a year has four
        ("各月", None, 3, None),  # no year spoken of
        ("分别", "2024", 2, None),
    ],
)
def test_lists_each_period(window, period, n, periods):
    assert each_period(window, period, n) == periods


@pytest.mark.parametrize(
    ("members", "base", "n", "subjects"),
    [
        (["汽车零配件、灯具、船舶出口拉动作用强劲"], "出口", 3, ["汽车零配件出口", "灯具出口", "船舶出口"]),
        (["三宁化工、人福药业等企业形势较好"], "产值", 2, ["三宁化工产值", "人福药业产值"]),  # before 等
        # the members before how they grew; places listed so are where, not what
        (["软件产品、数据处理和存储服务增长相对较快"], "收入", 2, ["软件产品收入", "数据处理和存储服务收入"]),
        (["信息系统集成服务、信息技术咨询服务和嵌入式系统软件增长相对平稳"], "收入", 3,
         ["信息系统集成服务收入", "信息技术咨询服务收入", "嵌入式系统软件收入"]),
        (["武汉和十堰已提前超额完成全年签约项目个数任务"], "签约项目金额", 2, None),
        ([], "出口", 2, None),
    ],
)
def test_lists_list_before(members, base, n, subjects):
    assert list_before(members, base, n) == subjects


def test_lists_distinct_tail_keeps_order():
    assert distinct_tail(["a", "b", "a", "c"], 2) == ["a", "c"]
    assert distinct_tail(["a", "a"], 2) == ["a"]


def test_lists_rules_are_tried_in_order():
    assert [r.__name__ for r in LIST_RULES] == [
        "_periods_listed", "_clauses_of_a_kind", "_subject_split", "_members_in_clause_before",
        "_members_counted_before", "_list_named_before", "_clauses_listed",
        "_members_by_separator", "_list_in_clause_before", "_subjects_named_before",
    ]


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        # a span of as many years as a 分别 list has figures: one year each, for every list after it
        ("2016年至2018年,分别完成投资236.3亿元、314.5亿元、365亿元;分别完成销售506亿元、639.4亿元、785亿元。",
         ["2016", "2017", "2018"] * 2),
        ("2019—2020年,出口分别增长5.1%和6.2%。", ["2019", "2020"]),
        # counts that differ, members listed, or no 分别: the span lists nothing, and is the period
        ("2016年至2018年,分别完成投资236.3亿元、314.5亿元。", ["2016/2018"] * 2),
        ("2019—2020年,出口和进口分别增长5.1%和6.2%。", ["2019/2020"] * 2),
        ("2016年至2018年累计完成投资236.3亿元。", ["2016/2018"]),
    ],
)
def test_lists_a_span_of_years_lists_its_years(text, periods):
    assert [f.period for f in extract_text(text, date=date(2018, 12, 20))] == periods


def test_lists_figures_of_other_units_join_a_list_named_before_fenbie():
    # AL09: four things named, one of them measured in another unit; 上游 is where they stand, not a name
    text = ("上半年,上游正极材料、负极材料、隔膜、电解液产量分别约为45万吨、35万吨、34亿平方米和13万吨。"
            "锂离子电池产量增长12%。")
    facts = extract_text(text, date=date(2021, 7, 20))
    assert [(f.subject, f.unit) for f in facts if f.measure == "level"] == [
        ("正极材料产量", "t"), ("负极材料产量", "t"), ("隔膜产量", "平方米"), ("电解液产量", "t")]


@pytest.mark.parametrize("word", ["分别", "依次"])
def test_lists_yici_distributes_as_fenbie_does(word):
    text = f"规模以上装备制造业、高技术产业增加值分别增长8.2%和7.8%,{word}高于规模以上工业2.9和2.5个百分点。"
    facts = extract_text(text, date=date(2018, 8, 21))
    assert [(f.subject, f.value, f.basis) for f in facts if f.measure == "growth_change"] == [
        ("装备制造业增加值", 2.9, "vs:规模以上工业"), ("高技术产业增加值", 2.5, "vs:规模以上工业")]


@pytest.mark.parametrize(
    ("text", "periods"),
    [
        # a span of whole quarters from January, one figure per quarter
        ("去年前三个季度规模以上工业增加值增速为11.6%、9.5%和9.1%。", ["2017-Q1", "2017-Q2", "2017-Q3"]),
        ("前两个季度规模以上工业增加值增速分别为5%和6%。", ["2018-Q1", "2018-Q2"]),
        # as many figures as quarters, but members listed: theirs
        ("前三季度,出口、进口和进出口增速分别为5%、6%和7%。", ["2018-01/2018-09"] * 3),
    ],
)
def test_lists_a_span_of_quarters_lists_its_quarters(text, periods):
    assert [f.period for f in extract_text(text, date=date(2018, 12, 20))] == periods
