"""Context: period inheritance, the periods a time sets, the article's reference date."""

from __future__ import annotations

from datetime import date

import pytest

from zhibiao.extract.comparators import is_comparator
from zhibiao.extract.context import (
    ArticleState,
    ParagraphState,
    article_state,
    ends,
    is_date,
    period_for,
    sets_context,
    sub_period,
    subordinate_time,
)
from zhibiao.extract.periods import find_times
from zhibiao.ingest.segment import articles

SEP_1 = date(2024, 9, 1)


def _article(pub=SEP_1, last_period=None, single=False) -> ArticleState:
    return ArticleState(pub, "全国", None, None, single, last_period=last_period)


@pytest.mark.parametrize(
    ("sentence", "part"),
    [("其中二季度增长5%", True), ("6月份当月增长5%", True), ("二季度增长5%", False)],
)
def test_context_sub_period(sentence, part):
    (t,) = find_times(sentence, SEP_1)
    assert sub_period(sentence, t) is part


@pytest.mark.parametrize(
    ("sentence", "subordinate"),
    [("在一季度良好开局的基础上,经济稳中向好", True), ("在一季度增长5%的基础上,再增长", False),
     ("一季度经济稳中向好", False)],
)
def test_context_subordinate_time(sentence, subordinate):
    (t,) = find_times(sentence, SEP_1)
    assert subordinate_time(sentence, t, [(0, len(sentence))]) is subordinate


@pytest.mark.parametrize(
    ("sentence", "sets"),
    [("上半年,全国经济增长5%", True), ("全国经济上半年增长5%", False), ("单5月,广东进出口增长0.8%", True),
     # a place said first (AK12), but not a year that names a work report (AH04)
     ("王晓告诉记者,该省一季度规模以上工业增加值同比增长9.0%", True), ("山东省一季度工业增加值增长9.0%", True),
     ("盘山县2023年政府工作报告各位代表", False)],
)
def test_context_sets_context(sentence, sets):
    t = find_times(sentence, SEP_1)[0]
    assert sets_context(sentence, t) is sets


@pytest.mark.parametrize(
    ("span", "point", "ends_there"),
    [("2024-01/2024-08", "2024-08-31", True), ("2024-01/2024-08", "2024-07-31", False),
     ("2024-08-31", "2024-08-31", False), (None, "2024-08-31", False)],
)
def test_context_ends(span, point, ends_there):
    assert ends(span, point) is ends_there


def test_context_is_date():
    assert is_date("2024-08-31") and not is_date("2024-08") and not is_date(None)


@pytest.mark.parametrize(
    ("sentence", "ps", "art", "measure", "period"),
    [
        ("上半年增长5%", ParagraphState(), _article(), "growth", "2024-H1"),  # named before the figure
        ("增长5%", ParagraphState(period="2024-07"), _article(), "level", "2024-07"),  # the paragraph's
        ("增长5%", ParagraphState(), _article(last_period="2024-H1"), "growth", "2024-H1"),  # a rate: article's
        ("产量5万吨", ParagraphState(), _article(last_period="2024-H1"), "level", None),  # a level: none
        ("产量5万吨", ParagraphState(), _article(last_period="2024-H1", single=True), "level", "2024-H1"),
        # 1至8月…;8月末…;增长8.1%: a rate of a flow is over the span, not at its end
        ("增长8.1%", ParagraphState(period="2024-08-31", span="2024-01/2024-08"), _article(), "growth",
         "2024-01/2024-08"),
        ("比上年同期增长5%", ParagraphState(period="2024-07"), _article(), "growth", "2024-07"),  # compared with
        ("由上月下降0.4%", ParagraphState(period="2024-07"), _article(), "growth", "2024-06"),
        # the present dates its own sentence at the publication day; 近年来 dates nothing
        ("目前,已培育企业4762家", ParagraphState(period="2024-07"), _article(), "level", SEP_1.isoformat()),
        ("近年来,已培育企业4762家", ParagraphState(period="2024-07"), _article(), "level", None),
    ],
)
def test_context_period_for(sentence, ps, art, measure, period):
    times = find_times(sentence, SEP_1)
    pos = next(i for i, ch in enumerate(sentence) if ch.isdigit())
    compared = frozenset(t.start for t in times if is_comparator(sentence, t))
    assert period_for(sentence, times, pos, measure, ps, art, compared)[0] == period


@pytest.mark.parametrize(
    ("text", "pub", "reference"),
    [
        ("2024年1至8月,全国工业增加值同比增长5.8%。", SEP_1, SEP_1),
        # a repost years later of a report on 2011: periods without a year are read in 2011
        ("发布2011年1至4月外贸情况。前4个月,进出口增长25%。", date(2018, 3, 1), date(2011, 5, 1)),
    ],
)
def test_context_reference_date(text, pub, reference):
    (art,) = articles(text)
    assert article_state(art, text, "", pub).pub == reference


@pytest.mark.parametrize(
    ("text", "pub", "value", "period"),
    [
        # a quarterly release: a month inside the quarter is an aside, the next paragraph is the quarter's
        ("一季度,规模以上电子信息制造业增加值同比增长12.7%。3月份,规模以上电子信息制造业增加值同比增长12.5%。\n"
         "分产品看,手机产量3.6亿台,同比下降0.8%。\n", date(2022, 4, 28), -0.8, "2022-Q1"),
        # a monthly release: the span from January after the month does not replace it
        ("10月份,全国居民消费价格同比上涨3.8%。1—10月平均,全国居民消费价格比去年同期上涨2.6%。\n"
         "10月份,全国居民消费价格环比上涨0.9%。\n其他七大类价格同比六涨一降。其中,衣着价格上涨1.2%。\n",
         date(2019, 11, 9), 1.2, "2019-10"),
        # a year review that ends on the year ahead (为2026年…奠定基础): no second period it reports on
        ("2025年,全市招商引资签约项目542个。\n全市开展招商活动760余次,对接企业1600余家。\n"
         "在谈项目已建立台账,为2026年招商引资工作奠定坚实基础。\n", date(2026, 2, 9), 760, "2025"),
    ],
)
def test_context_a_next_paragraph_without_a_period_takes_the_article_s(text, pub, value, period):
    from zhibiao.api import extract_text

    assert [f.period for f in extract_text(text, date=pub) if f.value == value] == [period]


def test_context_a_period_compared_with_its_preposition_lost_sets_no_period():
    from zhibiao.api import extract_text

    text = "1-5月,全区固定资产投资57.8亿元,同比增长22.6%,1-4月提高5.0个百分点。其中,项目投资40.4亿元,增长47.7%。\n"
    facts = extract_text(text, date=date(2023, 6, 20))
    assert {f.value: (f.period, f.basis) for f in facts if f.value in (5.0, 47.7)} == {
        5.0: ("2023-01/2023-05", "vs:2023-01/2023-04"), 47.7: ("2023-01/2023-05", "yoy")}


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # places listed as examples of a class (…等工业大省) are not the place of the figures after them (R11, AL03)
        ("一季度,江苏、广东、山东、河南等工业大省工业增速均快于全国工业平均增速。高技术产业增加值增长9.2%。", "全国"),
        ("一季度,深圳、苏州、东莞等工业大市实现两位数增长。高技术制造业增加值增长7.5%。", "全国"),
        # a place named alone is
        ("一季度,河南省工业增速快于全国。高技术产业增加值增长9.2%。", "河南省"),
    ],
)
def test_context_places_named_as_examples_are_not_carried(text: str, region: str) -> None:
    from zhibiao.api import extract_text

    facts = extract_text(text, date=date(2016, 4, 20))
    assert facts[-1].region == region
