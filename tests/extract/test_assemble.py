"""End to end: short reports in, facts out (FACTS.md)."""

from __future__ import annotations

from datetime import date

import pytest

from zhibiao.extract import extract_document
from zhibiao.models import Document, Fact

JUL_19 = date(2025, 7, 19)
# Two economic words so that one-line items pass the scope gate on their own.
LEAD = "工业和信息化部数据显示,今年以来我国工业经济运行稳中有进,制造业企业生产经营总体平稳。\n"


def _facts(text: str, pub: date | None = JUL_19, title: str | None = None, url: str | None = None) -> list[Fact]:
    return extract_document(Document("t-1", text, "t-1.txt", pub, title=title, url=url)).facts


def _one(facts: list[Fact], value: float, measure: str | None = None, unit: str | None = None) -> Fact:
    hits = [f for f in facts if abs(f.value - value) <= 1e-6 * max(1.0, abs(value))
            and (measure is None or f.measure == measure) and (unit is None or f.unit == unit)]
    assert len(hits) == 1, f"want one fact of {value} {measure or ''} {unit or ''}, got {hits} of {facts}"
    return hits[0]


def _check(f: Fact, subject: str, measure: str, unit: str, period: str | None, basis: str | None,
           region: str | None) -> None:
    assert subject in f.subject, f"{subject!r} not in {f.subject!r}"
    assert (f.measure, f.unit, f.period, f.basis, f.region) == (measure, unit, period, basis, region)


# ---- a national release: 分别 lists, a list of months, an inherited subject ------------------------

NATIONAL = (
    "上半年工业经济运行平稳\n"
    "工业和信息化部7月18日发布数据。上半年,全国规模以上工业增加值同比增长6.4%,增速较一季度加快0.8个百分点。"
    "5、6月当月同比增速分别为5.8%、6.8%。\n"
    "工业机器人、服务机器人的产量同比分别增长35.6%和25.5%。新能源汽车产销分别完成696.8万辆和693.7万辆。\n"
)


@pytest.mark.parametrize(
    ("value", "subject", "measure", "unit", "period", "basis"),
    [
        (6.4, "规模以上工业增加值", "growth", "%", "2025-H1", "yoy"),
        (0.8, "规模以上工业增加值", "growth_change", "pp", "2025-H1", "vs:2025-Q1"),
        (5.8, "规模以上工业增加值", "growth", "%", "2025-05", "yoy"),
        (6.8, "规模以上工业增加值", "growth", "%", "2025-06", "yoy"),
        (35.6, "工业机器人产量", "growth", "%", "2025-H1", "yoy"),
        (25.5, "服务机器人产量", "growth", "%", "2025-H1", "yoy"),
        (6968000, "新能源汽车产量", "level", "count", "2025-H1", None),
        (6937000, "新能源汽车销量", "level", "count", "2025-H1", None),
    ],
)
def test_assemble_fenbie_lists_and_inherited_subject(value, subject, measure, unit, period, basis) -> None:
    _check(_one(_facts(NATIONAL), value), subject, measure, unit, period, basis, "全国")


def test_assemble_national_release_has_no_spurious_facts() -> None:
    """The date 7月18日 and the headline add nothing: eight figures, eight facts."""
    facts = _facts(NATIONAL)
    assert sorted(f.value for f in facts) == sorted([6.4, 0.8, 5.8, 6.8, 35.6, 25.5, 6968000, 6937000])


@pytest.mark.parametrize(
    "text",
    [
        "上半年,全国规模以上工业增加值同比增长6.4%,增速较一季度加快0.8个百分点。",
        "上半年,全国规模以上工业增加值同比增长6.4%。增速较一季度加快0.8个百分点。",
        "一季度,全国规模以上工业增加值同比增长5.6%。上半年,全国规模以上工业增加值同比增长6.4%,"
        "增速较一季度加快0.8个百分点。",
    ],
    ids=["same-sentence", "next-sentence", "after-q1-sentence"],
)
def test_assemble_growth_change_inherits_subject(text: str) -> None:
    f = _one(_facts(LEAD + text), 0.8)
    _check(f, "规模以上工业增加值", "growth_change", "pp", "2025-H1", "vs:2025-Q1", "全国")


# ---- which time phrases set the period of later sentences ---------------------------------------------

CUMULATIVE = (
    "1—7月份,全国固定资产投资348892亿元,同比增长5.7%。从环比速度看,7月份固定资产投资增长0.43%。"
    "其中,民间固定资产投资210267亿元,同比增长5.4%。\n"
    "第二产业中,电力投资与去年同期持平,1—6月份为下降0.5%。\n"
    "分地区看,东部地区投资同比增长4.5%。\n"
    "9月份,制造业PMI为49.8%。新订单指数为50.5%,5月份以来首次升至扩张区间。生产指数为52.3%。\n"
)


@pytest.mark.parametrize(
    ("value", "period"),
    [
        (0.43, "2025-07"),           # the month-on-month aside keeps its own month ...
        (5.4, "2025-01/2025-07"),    # ... and the next sentence is back in the cumulative span
        (-0.5, "2025-H1"),           # an aside about an earlier span (1—6月份为) ...
        (4.5, "2025-01/2025-07"),    # ... does not carry into the next paragraph
        (52.3, "2025-09"),           # 5月份以来 (since May) is no period of its own
    ],
)
def test_assemble_period_context_set_by_opening_phrases(value: float, period: str) -> None:
    assert _one(_facts(LEAD + CUMULATIVE, date(2025, 10, 20)), value).period == period


# ---- signs of changes in rates ---------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "pub", "value", "subject", "period", "basis"),
    [
        ("1—5月,全国规模以上工业企业实现利润总额2.7万亿元,同比下降1.1%,降幅比1—4月收窄0.3个百分点。",
         date(2025, 6, 27), 0.3, "规模以上工业企业利润总额", "2025-01/2025-05", "vs:2025-01/2025-04"),
        ("6月份,全国居民消费价格同比上涨0.1%,涨幅比上月扩大0.2个百分点。",
         date(2025, 7, 9), 0.2, "居民消费价格", "2025-06", "vs:2025-05"),
        ("6月份,全国工业生产者出厂价格同比下降3.6%,降幅比上月扩大0.3个百分点。",
         date(2025, 7, 9), -0.3, "工业生产者出厂价格", "2025-06", "vs:2025-05"),
        ("6月份,全国居民消费价格同比上涨0.5%,涨幅比上月收窄0.2个百分点。",
         date(2025, 7, 9), -0.2, "居民消费价格", "2025-06", "vs:2025-05"),
        ("上半年,全国规模以上工业增加值同比增长6.4%,增速比一季度回落0.1个百分点。",
         JUL_19, -0.1, "规模以上工业增加值", "2025-H1", "vs:2025-Q1"),
    ],
)
def test_assemble_growth_change_signs(text, pub, value, subject, period, basis) -> None:
    f = _one(_facts(LEAD + text, pub), value, "growth_change")
    _check(f, subject, "growth_change", "pp", period, basis, "全国")


@pytest.mark.parametrize(
    ("text", "value", "measure", "unit"),
    [
        ("上半年,全国规模以上工业增加值同比下降1.3%。", -1.3, "growth", "%"),
        ("上半年,全国集成电路出口同比增长2.8倍。", 280, "growth", "%"),
        ("上半年,高技术制造业增加值占规模以上工业增加值的比重为16.6%。", 16.6, "share", "%"),
        ("上半年,高技术制造业对全部规上工业增长的贡献率为23.3%。", 23.3, "contribution", "%"),
        ("上半年,高技术制造业拉动全部规上工业增长1.4个百分点。", 1.4, "pull", "pp"),
        ("上半年,全国软件业务收入55788亿元。", 5578800000000, "level", "CNY"),
        ("上半年,全国粗钢产量1.2亿吨。", 120000000, "level", "t"),
        ("上半年,全国快递业务量同比增长约5成。", 50, "growth", "%"),
        ("上半年,全国贸易顺差1.44万亿元,收窄28.3%。", -28.3, "growth", "%"),
        ("上半年,全国七成以上规上工业企业实现盈利。", 70, "share", "%"),
        ("上半年,41个大类行业中有29个行业增加值同比增长,增长面为70.7%。", 70.7, "share", "%"),
    ],
)
def test_assemble_measure_value_unit(text: str, value: float, measure: str, unit: str) -> None:
    f = _one(_facts(LEAD + text), value)
    assert (f.measure, f.unit, f.period) == (measure, unit, "2025-H1")


def test_assemble_mom_basis() -> None:
    facts = _facts(LEAD + "6月份,规模以上工业增加值同比增长6.8%,环比增长0.5%。")
    assert (_one(facts, 6.8).basis, _one(facts, 0.5).basis) == ("yoy", "mom")


def test_assemble_a_rate_comparison_is_no_basis_for_later_rates() -> None:
    """比上月 compares two rates (降幅比上月扩大…个百分点); the growths after it stay 同比."""
    facts = _facts(LEAD + "6月份,食品价格同比下降3.7%。在各类食品中,猪肉价格下降43.5%,降幅比上月扩大7.0个百分点;"
                          "淡水鱼、鸡蛋和食用植物油价格则分别上涨30.9%、18.3%和9.5%。")
    assert [(f.subject, f.basis) for f in facts if f.value in (30.9, 18.3, 9.5)] == [
        ("淡水鱼价格", "yoy"), ("鸡蛋价格", "yoy"), ("食用植物油价格", "yoy")]
    assert _one(facts, -7.0).basis == "vs:2025-05"


@pytest.mark.parametrize(
    ("text", "before", "after"),
    [
        ("6月份,CPI由上月下降0.4%转为上涨0.3%。", "2025-05", "2025-06"),
        ("上半年,利润由上年同期下降1.2%转为增长0.5%。", "2024-H1", "2025-H1"),
        ("6月份,制造业PMI从上月的49.5%升至50.2%。", "2025-05", "2025-06"),
    ],
)
def test_assemble_a_figure_after_you_shang_yue_is_that_periods(text: str, before: str, after: str) -> None:
    first, second = sorted(_facts(LEAD + text), key=lambda f: f.span)
    assert (first.period, second.period) == (before, after)


def test_assemble_gap_to_another_subject() -> None:
    f = _one(_facts(LEAD + "上半年,全国高技术制造业增加值同比增长9.5%,快于全部规上工业3.1个百分点。"), 3.1)
    assert (f.measure, f.value, f.basis) == ("growth_change", 3.1, "vs:全部规上工业")


# ---- places -----------------------------------------------------------------------------------------

PROVINCE_BODY = (
    "上半年,全省规模以上工业增加值同比增长7.2%,增速较一季度加快0.5个百分点。"
    "全省规模以上工业企业实现利润总额1234.5亿元,同比增长8.1%。\n"
)


@pytest.mark.parametrize(
    ("value", "subject", "measure", "unit", "basis"),
    [
        (7.2, "规模以上工业增加值", "growth", "%", "yoy"),
        (0.5, "规模以上工业增加值", "growth_change", "pp", "vs:2025-Q1"),
        (123450000000, "规模以上工业企业利润总额", "level", "CNY", None),
        (8.1, "规模以上工业企业利润总额", "growth", "%", "yoy"),
    ],
)
def test_assemble_province_release_resolves_quan_sheng(value, subject, measure, unit, basis) -> None:
    facts = _facts("湖北省上半年工业经济运行情况\n" + PROVINCE_BODY, date(2025, 7, 20))
    _check(_one(facts, value), subject, measure, unit, "2025-H1", basis, "湖北省")


def test_assemble_province_named_only_in_document_title() -> None:
    facts = _facts(PROVINCE_BODY, date(2025, 7, 20), title="湖北省上半年工业经济运行情况")
    assert facts
    assert {f.region for f in facts} == {"湖北省"}


def test_assemble_city_release_resolves_quan_shi() -> None:
    text = "武汉经济运行简况\n上半年,全市规模以上工业增加值同比增长7.2%,全市社会消费品零售总额3800亿元。\n"
    facts = _facts(text, date(2025, 7, 20))
    assert {f.region for f in facts} == {"武汉市"}
    assert len(facts) == 2


def test_assemble_province_compared_with_nation() -> None:
    text = "湖北省上半年工业经济运行情况\n上半年,全省规模以上工业增加值同比增长7.2%,快于全国0.8个百分点。\n"
    f = _one(_facts(text, date(2025, 7, 20)), 0.8)
    assert (f.measure, f.basis, f.region) == ("growth_change", "vs:全国", "湖北省")


def test_assemble_province_ahead_of_nation_with_its_cities_listed() -> None:
    # 超出全国 is a gap to the nation, and a city named once (in the page's first 800 characters)
    # does not become the release's place: figures that name no place are the province's.
    text = ("今年前三季度,甘肃省规模以上工业总产值完成8437亿元;工业增加值同比增长12%,超出全国平均水平6.2个百分点。\n"
            "分区域来看,预计金昌市规上工业同比增长31.1%,白银市为19.1%。甘肃省58个工业主导县预计52个实现增长。\n"
            "1—9月,60家省级重点调度企业完成工业总产值6132亿元,同比增长12.4%。\n")
    facts = _facts(text, date(2024, 11, 6))
    gap = _one(facts, 6.2)
    assert (gap.measure, gap.basis, gap.region) == ("growth_change", "vs:全国", "甘肃省")
    assert (_one(facts, 19.1).measure, _one(facts, 19.1).region) == ("growth", "白银市")
    assert {_one(facts, v).region for v in (843700000000.0, 613200000000.0, 12.4)} == {"甘肃省"}


def test_assemble_a_numbered_heading_sets_its_section_s_period_and_basis() -> None:
    text = ("2023年6月份,全国工业生产者出厂价格同比下降5.4%。上半年,工业生产者出厂价格比上年同期下降3.1%。\n"
            "一、6月份工业生产者价格同比变动情况\n"
            "工业生产者出厂价格中,生产资料价格下降6.8%。\n"
            "二、6月份工业生产者价格环比变动情况\n"
            "工业生产者出厂价格中,生产资料价格下降1.1%。\n"
            "(三)收入增速略低于去年\n"
            "生活资料价格下降0.5%。\n")
    facts = _facts(text, date(2023, 7, 10))
    assert (_one(facts, -6.8).period, _one(facts, -6.8).basis) == ("2023-06", "yoy")
    assert (_one(facts, -1.1).period, _one(facts, -1.1).basis) == ("2023-06", "mom")
    # a heading that names only what is compared with sets nothing: the article's period again
    assert (_one(facts, -0.5).period, _one(facts, -0.5).basis) == ("2023-H1", "yoy")


@pytest.mark.parametrize(
    ("review", "outlook"),
    [
        ("一、2024年工作回顾", "二、2025年主要目标任务"),  # AH01
        ("回顾2024年", "展望2025年"),  # AH03: a work report's bullet lists
    ],
)
def test_assemble_a_heading_of_goals_makes_the_figures_under_it_targets(review, outlook) -> None:
    text = (f"省长作政府工作报告,要点如下:\n{review}\n全省地区生产总值增长5.8%;\n{outlook}\n"
            "全省地区生产总值增长5.5%以上;\n固定资产投资增长5%左右;\n")
    facts = _facts(text, date(2025, 1, 20))
    assert (_one(facts, 5.8).period, _one(facts, 5.8).modality) == ("2024", "actual")
    assert [(_one(facts, v).period, _one(facts, v).modality) for v in (5.5, 5.0)] == [("2025", "target")] * 2


def test_assemble_a_list_of_goals_goes_on_in_the_sentences_after_it() -> None:
    text = ("2017年,全市地区生产总值2.15万亿元,增长7%。\n"
            "市长表示,今年主要预期目标是:地区生产总值增长7.5%左右。"
            "先进制造业增加值占制造业比重达到66%左右。\n"
            "去年,全市工业投资增长8%。\n")
    facts = _facts(text, date(2018, 1, 11))
    assert [(_one(facts, v).period, _one(facts, v).modality) for v in (7.5, 66)] == [("2018", "target")] * 2
    # the next paragraph, and a period over, are outcomes again
    assert (_one(facts, 8).period, _one(facts, 8).modality) == ("2017", "actual")


def test_assemble_a_plans_document_sets_out_goals_in_its_sentence_and_the_paragraph() -> None:
    # AL10: 《…实施方案》明确, and the goals after it in the paragraph; an outcome in the next is one again
    text = ("1至5月,全省规模以上工业完成增加值1368亿元,同比增长9.6%。\n"
            "《工业经济攻坚战实施方案》明确,2017年全部工业增加值完成4200亿元以上。新培育800户以上规模以上工业企业。\n"
            "上半年,全省工业投资增长8%。\n")
    facts = _facts(text, date(2017, 7, 12))
    assert [_one(facts, v).modality for v in (1368e8, 4200e8, 800, 8)] == ["actual", "target", "target", "actual"]


def test_assemble_an_average_over_the_year_so_far_leaves_the_month_to_the_next_paragraph() -> None:
    text = ("2012年9月份,全国工业生产者出厂价格同比下降3.6%。1—9月平均,工业生产者出厂价格同比下降1.5%。\n"
            "工业生产者出厂价格中,生活资料价格同比上涨0.1%。1-9月平均,生活资料价格同比上涨1.0%。\n")
    facts = _facts(text, date(2012, 10, 15))
    assert [(f.value, f.period) for f in facts] == [(-3.6, "2012-09"), (-1.5, "2012-01/2012-09"),
                                                    (0.1, "2012-09"), (1.0, "2012-01/2012-09")]


def test_assemble_dateline_and_partner_are_not_regions() -> None:
    text = ("新华社北京7月18日电 工业和信息化部18日发布数据,上半年全国规模以上工业增加值同比增长6.4%。"
            "我国对美国出口同比下降10.9%。\n")
    facts = _facts(text, date(2025, 7, 18))
    assert {f.region for f in facts} == {"全国"}
    assert _one(facts, -10.9).measure == "growth"


# ---- a page's place from its url, when the text names none ------------------------------------------

QUAN_SHENG = "一季度,全省规模以上工业增加值同比增长6.3%,全省固定资产投资同比增长4.1%。\n"
QUAN_SHI = "前三季度,全市规模以上工业增加值增长6.1%,全市社会消费品零售总额同比增长5.2%。\n"
BELOW_NATION = "1-11月,全部规模工业增加值增长10.3%,增速高于全国4.3个百分点。\n"
BARE = "一季度,规模以上工业增加值同比增长6.5%,社会消费品零售总额同比增长4.6%。\n"
NBS_REPOST = "国家统计局今天发布数据,一季度规模以上工业增加值同比增长6.5%,社会消费品零售总额同比增长4.6%。\n"


@pytest.mark.parametrize(
    ("text", "url", "title", "region"),
    [
        # the text names no place: the host tells what 全省/全市 mean
        (QUAN_SHENG, "http://www.hunan.gov.cn/hnszf/zfsj/sjfb/t1.html", None, "湖南省"),
        (QUAN_SHENG, "http://hebei.chinagdp.org/jjfz/1.html", None, "河北省"),
        (QUAN_SHENG, "http://tjj.sc.gov.cn/scstjj/c1/1.shtml", None, "四川省"),
        (QUAN_SHENG, "http://tjj.wuhan.gov.cn/tjfw/1.html", None, "湖北省"),  # a city's site: its province
        (QUAN_SHI, "http://www.sz.gov.cn/cn/xxgk/1.html", None, "深圳市"),
        (QUAN_SHI, "http://tjj.wuhan.gov.cn/tjfw/1.html", None, "武汉市"),
        (QUAN_SHI, "https://tjj.sh.gov.cn/sjxx/1.html", None, "上海市"),
        (QUAN_SHI, "http://www.hunan.gov.cn/1.html", None, None),  # a province's site names no city
        # the text or title names its own place: the host is not asked
        ("湖北省一季度经济运行情况\n" + QUAN_SHENG, "http://www.hunan.gov.cn/1.html", None, "湖北省"),
        ("石家庄市经济运行简况\n" + QUAN_SHI, "http://tjj.hebei.gov.cn/hetj/1.html", None, "石家庄市"),
        (QUAN_SHENG, "http://www.hunan.gov.cn/1.html", "江西省一季度经济运行情况", "江西省"),
        ("四川日报讯 " + QUAN_SHENG, "http://www.hunan.gov.cn/1.html", None, "四川省"),
        # national text stays national; a host alone makes no release local
        ("一季度,全国规模以上工业增加值同比增长6.5%,全国社会消费品零售总额同比增长4.6%。\n",
         "http://www.hunan.gov.cn/1.html", None, "全国"),
        (NBS_REPOST, "http://www.hunan.gov.cn/1.html", None, "全国"),
        (NBS_REPOST, "http://tjj.wuhan.gov.cn/1.html", None, "全国"),
        # a page of a government's own site that names no place at all, nor a national body, is its place's
        (BARE, "http://tj.jiangsu.gov.cn/art/1.html", None, "江苏省"),
        (BARE, "http://tjj.wuhan.gov.cn/1.html", None, "武汉市"),
        (BARE, "http://chongqing.chinagdp.org/jjfz/1.html", None, "全国"),  # not a government's site
        (BARE, None, None, "全国"),
        # figures set against the nation's are a part of it: the host's place, even with no 全省
        (BELOW_NATION, "http://chongqing.chinagdp.org/jjfz/1.html", None, "重庆市"),
        (BELOW_NATION, "http://ah.sina.com.cn/news/1.shtml", None, "安徽省"),
        (BELOW_NATION, None, None, "全国"),
        # no url, a national host, garbage: as before
        (QUAN_SHENG, None, None, None),
        (QUAN_SHENG, "https://www.stats.gov.cn/sj/zxfb/1.html", None, None),
        (QUAN_SHENG, "http://www.shanghaidaily.com/1.html", None, None),
        (QUAN_SHENG, "not a url", None, None),
    ],
)
def test_assemble_region_from_the_page_host(text, url, title, region) -> None:
    facts = _facts(text, date(2025, 10, 20), title=title, url=url)
    assert len(facts) == 2
    assert {f.region for f in facts} == {region}


def test_assemble_a_country_visited_is_no_place_of_the_figures_after_it() -> None:
    text = ("2024年我省招商引资成绩单出炉\n"
            "过去一年,我省赴西班牙、意大利、匈牙利等地开展投促活动,邀请德国、意大利的企业家来晋考察;"
            "全年对接企业1755家。2024年,全省招商引资签约项目3132个,签约金额达1.49万亿元。山西投促工作成效明显。\n")
    facts = _facts(text, date(2025, 2, 19))
    assert len(facts) == 3 and {f.region for f in facts} == {"山西省"}


def test_assemble_a_release_about_a_period_and_same_period_openers() -> None:
    text = ("工信部3月14日通报了今年1月份通信业运行状况。"
            "通报显示,当月全国电信业务总量累计完成1019.1亿元,同比增长17.1%。\n"
            "同期,全国电话用户净增993.6万户;其中,固定电话用户减少40.9万户。\n")
    facts = _facts(text, date(2012, 3, 14))
    assert {f.period for f in facts} == {"2012-01"} and len(facts) == 4


def test_assemble_a_briefing_on_a_periods_development_dates_the_rates_after_it() -> None:
    text = ("4月19日,国务院新闻办公室举行新闻发布会,介绍2022年一季度工业和信息化发展情况。\n"
            "二是中国品牌蓬勃发展。中国品牌新能源乘用车销量同比增长1.5倍。\n")
    facts = _facts(text, date(2022, 5, 3))
    assert [(f.value, f.period) for f in facts] == [(150.0, "2022-Q1")]


def test_assemble_host_resolves_a_table_of_quan_sheng() -> None:
    text = ("一季度主要经济指标\n指标 | 绝对值(亿元) | 同比增长(%)\n全省社会消费品零售总额 | 1580.8 | 5.2\n"
            "全省固定资产投资 | 2012.4 | 3.1\n")
    facts = _facts(text, date(2025, 4, 20), url="http://tjj.hebei.gov.cn/hetj/1.html")
    assert len(facts) == 4 and {f.region for f in facts} == {"河北省"}


# ---- script, headlines, scope ------------------------------------------------------------------------

TRADITIONAL = "1至5月,軟件業務收入55788億元,同比增長11.2%。軟件業利潤總額6800億元,同比增長7.5%。\n"


@pytest.mark.parametrize(
    ("value", "subject", "measure", "unit", "basis"),
    [
        (5578800000000, "软件业务收入", "level", "CNY", None),
        (11.2, "软件业务收入", "growth", "%", "yoy"),
        (680000000000, "软件业利润总额", "level", "CNY", None),
        (7.5, "软件业利润总额", "growth", "%", "yoy"),
    ],
)
def test_assemble_traditional_characters(value, subject, measure, unit, basis) -> None:
    facts = _facts(TRADITIONAL, date(2025, 6, 25))
    _check(_one(facts, value), subject, measure, unit, "2025-01/2025-05", basis, "全国")


def test_assemble_traditional_span_points_into_original() -> None:
    doc = Document("t-2", TRADITIONAL, "t-2.txt", date(2025, 6, 25))
    f = _one(extract_document(doc).facts, 5578800000000)
    assert f.span is not None
    assert doc.text[f.span[0]:f.span[1]].startswith("55788億")


@pytest.mark.parametrize(
    ("headline", "value", "measure"),
    [
        ("软件业务收入同比增长11.2%", 11.2, "growth"),
        ("前5月全国软件业务收入55788亿元", 5578800000000, "level"),
    ],
)
def test_assemble_headline_repeat_is_one_fact(headline: str, value: float, measure: str) -> None:
    text = headline + "\n工业和信息化部数据显示,1至5月,我国软件业务收入55788亿元,同比增长11.2%。\n"
    facts = _facts(text, date(2025, 6, 25))
    f = _one(facts, value, measure)
    assert "软件业务收入" in f.subject
    assert f.period == "2025-01/2025-05"
    assert len(facts) == 2


@pytest.mark.parametrize(
    "text",
    [
        "城市马拉松鸣枪开跑\n本届马拉松比赛吸引了3万名选手参赛,男子组冠军以2小时8分完成比赛。"
        "赛事共设置15个补给站,2000余名志愿者服务赛事,决赛圈运动员获得奖牌100枚。\n",
        "高速公路发生交通事故\n7月18日,一辆货车在高速公路上发生翻车事故,造成3人死亡、5人受伤。"
        "事故发生后,警方和救援人员赶到现场,车上装载的20吨货物散落路面。\n",
        "气象台发布暴雨预警\n受台风影响,未来三天全省将有强降雨,降水量可达150毫米,最高气温28摄氏度。"
        "气象台提醒注意防范暴雨。\n",
    ],
    ids=["marathon", "accident", "weather"],
)
def test_assemble_out_of_scope_story_yields_no_facts(text: str) -> None:
    result = extract_document(Document("t-3", text, "t-3.txt", JUL_19))
    assert result.clean_text.strip()
    assert result.facts == []


# ---- what is and is not a fact -----------------------------------------------------------------------

def test_assemble_names_and_dates_are_not_facts() -> None:
    text = LEAD + "7月18日,工信部发布数据。截至6月底,全国累计建成5G基站455万个,“51020”集群产值达到2000亿元。"
    facts = _facts(text)
    assert sorted(f.value for f in facts) == [4550000, 200000000000]


@pytest.mark.parametrize(
    ("text", "value", "subject", "unit", "period", "qualifier", "modality"),
    [
        ("截至6月底,全国累计建成5G基站455万个。", 4550000, "5G基站", "count", "2025-06-30", "exact", "actual"),
        ("截至目前,全国已培育专精特新“小巨人”企业1.46万家。", 14600, "小巨人", "count", "2025-07-19",
         "exact", "actual"),
        ("力争到今年底,全国建成5G基站超过480万个。", 4800000, "5G基站", "count", "2025-12-31", "at_least",
         "target"),
        ("上半年,全国共有2400余家企业上云。", 2400, "企业", "count", "2025-H1", "at_least", "actual"),
        ("上半年,全国近八成企业实现盈利。", 80, "企业", "%", "2025-H1", "at_most", "actual"),
        ("上半年,全国电子信息制造业企业平均每家营业收入约3.5亿元。", 350000000, "营业收入", "CNY", "2025-H1",
         "approx", "actual"),
        ("上半年,某公司实现营业收入120亿元,净亏损46亿元。", 4600000000, "净亏损", "CNY", "2025-H1", "exact",
         "actual"),
    ],
)
def test_assemble_levels_qualifiers_and_targets(text, value, subject, unit, period, qualifier, modality) -> None:
    f = _one(_facts(LEAD + text), value)
    assert subject in f.subject
    assert (f.measure, f.unit, f.period, f.qualifier, f.modality) == ("level" if unit != "%" else "share", unit,
                                                                      period, qualifier, modality)


def test_assemble_damaged_month_range() -> None:
    f = _one(_facts(LEAD + "110月份,全国规模以上工业增加值同比增长6.1%。", date(2025, 11, 15)), 6.1)
    assert (f.period, f.measure) == ("2025-01/2025-10", "growth")


def test_assemble_numbers_run_together_after_fenbie() -> None:
    facts = _facts(LEAD + "6月份,全国汽车、电子行业增加值分别增长4.0%3.7%。", date(2025, 7, 15))
    assert _one(facts, 4.0).period == _one(facts, 3.7).period == "2025-06"
    assert "汽车" in _one(facts, 4.0).subject and "电子" in _one(facts, 3.7).subject


def test_assemble_january_publication_reads_previous_year() -> None:
    text = LEAD + "1-11月份,全国规模以上工业企业实现利润总额6.6万亿元,同比增长0.1%。"
    facts = _facts(text, date(2026, 1, 20))
    assert {f.period for f in facts} == {"2025-01/2025-11"}
    assert len(facts) == 2


def test_assemble_range_is_one_fact() -> None:
    facts = _facts(LEAD + "上半年,全国软件业务收入同比增长30%至40%。")
    assert len(facts) == 1
    assert (facts[0].value, facts[0].value_max, facts[0].measure) == (30, 40, "growth")


# ---- grammar seen in held-out reports ------------------------------------------------------------------

@pytest.mark.parametrize(
    ("text", "value", "subject", "measure", "unit", "period"),
    [
        ("7月份,生产资料价格下降4.3%,影响工业生产者出厂价格总水平下降约3.20个百分点。",
         -3.2, "生产资料价格", "pull", "pp", "2025-07"),
        ("今年全省人口自然增长率控制在6‰以内。", 6, "人口自然增长率", "level", "‰", "2025"),
        ("6月份,规模以上工业增加值同比实际增长9.7 %。", 9.7, "规模以上工业增加值", "growth", "%", "2025-06"),
        ("上半年,全国硅片产量超过250GW。", 250, "硅片产量", "level", "GW", "2025-H1"),
        ("上半年,全国硅片产量为75吉瓦。", 75, "硅片产量", "level", "GW", "2025-H1"),  # AI02: GW in characters
        ("6月份,高技术制造业PMI为51.3%,高于制造业PMI1.5个百分点。",
         1.5, "高技术制造业PMI", "growth_change", "pp", "2025-06"),
        ("上半年,全国货物贸易进出口总值21.79万亿元(人民币,下同),同比增长2.9%。",
         2.9, "进出口总值", "growth", "%", "2025-H1"),
        ("1-4月份,第二产业用电量同比增长5.0%,用电量占全社会用电量的比重为72.3%。",
         72.3, "第二产业用电量", "share", "%", "2025-01/2025-04"),
        ("上半年,十种有色金属产量3960万吨。", 39600000, "有色金属", "level", "t", "2025-H1"),
        ("据协会旬报,7月上旬重点钢铁企业粗钢日产量为213.5万吨。",
         2135000, "粗钢日产量", "level", "t", "2025-07-01/2025-07-10"),
        ("上半年,我国贸易价格条件指数为103.2。", 103.2, "贸易价格条件指数", "level", "", "2025-H1"),
    ],
    ids=["influence-is-pull", "per-mille", "space-before-percent", "latin-unit", "gw-in-characters", "after-acronym",
         "bracket-aside", "head-noun-repeats-subject", "count-inside-a-name", "ten-days", "index-level"],
)
def test_assemble_heldout_grammar(text, value, subject, measure, unit, period) -> None:
    f = _one(_facts(LEAD + text), value)
    assert subject in f.subject, f.subject
    assert (f.measure, f.unit, f.period) == (measure, unit, period)


@pytest.mark.parametrize(
    "text",
    [
        "限额以上单位是指年主营业务收入2000万元及以上的批发业企业。",
        "高技术制造业PMI连续8个月位于51.0%以上景气扩张区间。",
    ],
    ids=["money-class", "percent-class"],
)
def test_assemble_class_boundaries_are_not_facts(text: str) -> None:
    assert _facts(LEAD + text) == []


def test_assemble_same_small_value_for_nested_subjects_is_two_facts() -> None:
    text = ("1—7月份,全国固定资产投资增长5.7%,增速比1—6月份回落0.1个百分点。\n"
            "内资企业固定资产投资同比增长5.9%,增速比1—6月份回落0.1个百分点。\n")
    facts = [f for f in _facts(LEAD + text) if f.measure == "growth_change"]
    assert sorted(f.subject for f in facts) == ["内资企业固定资产投资", "固定资产投资"]


# ---- page furniture and tables -----------------------------------------------------------------------

@pytest.mark.parametrize(
    "tail",
    [
        "(0)\n(12)\n",
        "相关阅读\n5月份软件业务收入增长12.3%\n前4月电信业务收入1.2万亿元\n",
        "免责声明:本文仅供参考,转载请注明来源,单篇稿费约100元。\n",
    ],
    ids=["counters", "related-articles", "disclaimer"],
)
def test_assemble_boilerplate_yields_no_facts(tail: str) -> None:
    facts = _facts(LEAD + "上半年,全国软件业务收入70585亿元,同比增长11.9%。\n" + tail)
    assert sorted(f.value for f in facts) == [11.9, 7058500000000]


TABLE = (
    "2025年6月规模以上工业主要产品产量\n"
    "产品名称\t本月\t本月止累计\t累计比上年同期增长(%)\n"
    "粗钢(万吨)\t8318\t51483\t-3.0\n"
    "汽车(万辆)\t280\t1562\t12.5\n"
)


def test_assemble_table_cells_are_facts() -> None:
    facts = _facts(LEAD + TABLE, date(2025, 7, 15))
    got = {(round(f.value, 6), f.unit, f.measure, f.period) for f in facts}
    assert got == {
        (83180000, "t", "level", "2025-06"),
        (514830000, "t", "level", "2025-H1"),
        (-3.0, "%", "growth", "2025-H1"),
        (2800000, "count", "level", "2025-06"),
        (15620000, "count", "level", "2025-H1"),
        (12.5, "%", "growth", "2025-H1"),
    }
    assert all(("粗钢" in f.subject) != ("汽车" in f.subject) for f in facts)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("青海省统计局\n一季度,规模以上工业增加值同比增长6.2%。青海省固定资产投资增长5.1%。\n", "青海省"),
        ("苏州市统计局发布\n前三季度,苏州规模以上工业总产值同比增长0.1%,苏州服务业增加值增长8.6%。\n", "苏州市"),
        ("青海省统计局\n一季度,全国规模以上工业增加值同比增长6.2%,青海省增长6.0%。\n", "全国"),
        ("黑龙江北大荒农业股份有限公司\n2024年,公司营业收入增长5.1%,黑龙江北大荒农业股份有限公司净利润增长3.2%。\n",
         "全国"),
    ],
    ids=["names-its-province", "names-its-city", "names-the-nation-too", "place-inside-a-company-name"],
)
def test_assemble_release_that_names_only_its_place(text: str, region: str) -> None:
    facts = _facts(LEAD.replace("我国", "") + text)
    assert facts and facts[0].region == region


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("前三季度,信息传输、软件和信息技术服务业,租赁和商务服务业,金融业增加值同比分别增长19.8%、8.0%、7.4%。",
         {("信息传输、软件和信息技术服务业增加值", 19.8), ("租赁和商务服务业增加值", 8.0), ("金融业增加值", 7.4)}),
        ("上半年,中部、东部和东北地区网络零售额同比分别增长16.1%、13%和9.1%。",
         {("网络零售额", 16.1), ("网络零售额", 13), ("网络零售额", 9.1)}),
        ("4月份,大、中型企业工业增加值分别增长2.3%和0.4%,均比上月回升1.4个百分点。",
         {("大型企业工业增加值", 2.3), ("中型企业工业增加值", 0.4), ("大型企业工业增加值", 1.4),
          ("中型企业工业增加值", 1.4)}),
        ("5月,乘用车产销分别完成167.7万辆和160.9万辆,产销量比上月分别下降4.4%和3.6%。",
         {("乘用车产量", 1677000), ("乘用车销量", 1609000), ("乘用车产量", -4.4), ("乘用车销量", -3.6)}),
    ],
    ids=["one-member-per-clause", "areas-share-a-head", "jun-after-a-list", "chan-xiao-alone"],
)
def test_assemble_lists_distribute(text: str, expected: set) -> None:
    assert {(f.subject, f.value) for f in _facts(LEAD + text)} == expected


@pytest.mark.parametrize(
    ("text", "value", "expected"),
    [
        ("1-5月份,服务业实际使用外资80.1亿美元,同比下降3.5%,降幅高于全国平均水平2.95个百分点。", 2.95, -2.95),
        ("1-5月份,石化行业利润下降19.9%,降幅比1-4月缩小11.6个百分点。", 11.6, 11.6),
        ("1-5月份,装备制造业利润同比下降2.0%,利润占规模以上工业的比重较年初提高5.0个百分点。", 5.0, 5.0),
    ],
    ids=["fall-higher-than", "fall-smaller", "share-after-a-fall"],
)
def test_assemble_change_of_a_fall_is_signed_by_the_fall(text: str, value: float, expected: float) -> None:
    assert abs(expected) == value
    assert _one(_facts(LEAD + text), expected, "growth_change").value == expected


def test_assemble_balances_are_stocks_and_expectation_indexes_are_actual() -> None:
    text = ("1-4月,全市金融机构人民币贷款余额42195亿元,同比增长14.0%。\n"
            "9月份,服务业业务活动预期指数为59.3%。\n")
    facts = _facts(LEAD + text, date(2025, 10, 20))
    assert _one(facts, 4219500000000).period == "2025-04-30"
    assert _one(facts, 14.0).period == "2025-04-30"
    assert _one(facts, 59.3).modality == "actual"


def test_assemble_structure_ratio_gives_one_share_per_part() -> None:
    facts = _facts(LEAD + "2024年,全国国内生产总值增长5.0%。三次产业结构为6.8:36.5:56.7。\n", date(2025, 3, 1))
    shares = sorted((f.subject, f.value, f.period) for f in facts if f.measure == "share")
    assert shares == [("第一产业增加值", 6.8, "2024"), ("第三产业增加值", 56.7, "2024"),
                      ("第二产业增加值", 36.5, "2024")]


@pytest.mark.parametrize(
    ("text", "pub", "period"),
    [
        # a 2018 repost of a 2011 release: 前4个月 is 2011's
        ("海关总署于5月10日发布2011年1至4月外贸进出口情况。前4个月,进出口总值11003.2亿美元,增长28.5%。",
         date(2018, 12, 11), "2011-01/2011-04"),
        # a current release that opens with its own period keeps the publication year
        ("2025年1至4月外贸进出口情况。前4个月,进出口总值11003.2亿美元,增长28.5%。", date(2025, 5, 10),
         "2025-01/2025-04"),
        # an old year said in passing later on changes nothing
        ("今年前4个月,进出口总值11003.2亿美元,增长28.5%,由2011年的3.2%提高。", date(2025, 5, 10),
         "2025-01/2025-04"),
    ],
)
def test_assemble_an_old_report_reposted_years_later_reads_periods_against_its_own_year(text, pub, period) -> None:
    assert _one(_facts(text, pub=pub), 28.5).period == period


BULLETIN = ("某省2022年国民经济和社会发展统计公报\n"
            "全年全省地区生产总值20164.58亿元,比上年增长1.2%。年末全省常住人口3856万人。\n"
            "今年全省地区生产总值预期增长5%左右。\n")


@pytest.mark.parametrize(("value", "period"), [(1.2, "2022"), (38560000, "2022-12-31"), (5, "2023")])
def test_assemble_a_bulletin_published_months_later_is_about_the_year_it_writes_out(value, period) -> None:
    assert _one(_facts(BULLETIN, pub=date(2023, 5, 17)), value).period == period


@pytest.mark.parametrize(
    ("text", "pub", "modality"),
    [
        ("据初步预计,上半年全市实现地区生产总值2290亿元左右。", date(2010, 7, 22), "actual"),
        ("预计全年全市地区生产总值增长8%左右。", date(2010, 7, 22), "target"),
        ("上半年,全市力争实现地区生产总值2290亿元。", date(2010, 5, 10), "target"),
    ],
)
def test_assemble_an_estimate_of_a_period_already_over_is_an_outcome(text, pub, modality) -> None:
    (fact,) = _facts(text, pub=pub)
    assert fact.modality == modality


def test_assemble_a_list_of_places_gives_each_figure_its_place() -> None:
    facts = _facts(LEAD + "上半年,北京、广东、江苏软件业务收入居全国前3,同比分别增长12.7%、8.5%和12.3%。")
    assert [(f.subject, f.region, f.value) for f in facts] == [
        ("软件业务收入", "北京市", 12.7), ("软件业务收入", "广东省", 8.5), ("软件业务收入", "江苏省", 12.3)]


def test_assemble_a_comparison_with_the_nation_leaves_a_provincial_release_provincial() -> None:
    facts = _facts("前5个月,我省固定资产投资增长13.2%,增幅居全国第5位,高出全国平均水平4.3个百分点。"
                   "全省社会消费品零售总额增长11.4%。\n", pub=date(2016, 6, 20), title="湖南省前5个月经济运行情况")
    assert {f.region for f in facts} == {"湖南省"}


def test_assemble_a_change_compared_with_a_list_keeps_its_subject() -> None:
    facts = _facts("一季度,全市规模以上工业增加值增长9.2%,居全省第1位,分别比全国、全省平均水平高3.4和3.9个百分点;"
                   "第一产业增加值27.5亿元,全省第8位,上拉地区生产总值增速0.5个百分点,贡献率9.1%。\n",
                   pub=date(2025, 4, 20), title="某市一季度经济运行情况")
    changes = [(f.subject, f.value, f.basis) for f in facts if f.measure == "growth_change"]
    assert changes == [("规模以上工业增加值", 3.4, "vs:全国"), ("规模以上工业增加值", 3.9, "vs:全省")]
    assert [(f.subject, f.measure) for f in facts if f.value in (0.5, 9.1)] == [
        ("第一产业", "pull"), ("第一产业", "contribution")]


def test_assemble_a_company_report_named_mid_sentence_sets_the_period() -> None:
    facts = _facts("3月30日晚间,某公司公布了2019年度业绩报告。公司实现营业总收入8508.8亿元,同比增长14.92%。\n",
                   pub=date(2020, 3, 31))
    assert {f.period for f in facts} == {"2019"}


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # the headline's 6.3 % is GDP's; the body's 6.3 % is tea's: two facts
        ("实现地区生产总值744.94亿元,同比增长6.3%\n前三季度,全市茶叶产量增长6.3%。\n", 2),
        # the headline restates the body: one fact
        ("5G基站达293.7万个\n截至6月底,全国累计建成开通5G基站293.7万个,电信业务收入同比增长6.2%。\n", 1),
    ],
)
def test_assemble_a_headline_repeat_needs_the_same_thing_not_only_the_same_number(text, kept) -> None:
    facts = _facts(text, pub=date(2024, 10, 26))
    assert len([f for f in facts if f.value in (6.3, 2937000)]) == kept


def test_assemble_a_level_takes_the_period_of_its_growth_rate() -> None:
    text = ("上半年全市经济稳中向好\n上半年,全市生产总值735.4亿元,同比增长12.8%,比一季度回落4.8个百分点。\n"
            "全市夏粮产量36.0万吨,同比增长1.2%。\n")
    facts = _facts(text, pub=date(2021, 7, 23))
    assert {(f.measure, f.period) for f in facts if f.subject == "夏粮产量"} == {
        ("level", "2021-H1"), ("growth", "2021-H1")}


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("北京商报讯(记者王蔓蕾)12月16日,国家统计局发布数据显示,11月,规模以上工业发电量7495亿千瓦时,同比增长0.9%。\n",
         "全国"),
        ("四川日报 2020年06月17日\n前5月,全省规模以上工业增加值同比增长2%,全社会固定资产投资同比增长4%。\n", "四川省"),
    ],
)
def test_assemble_a_newspapers_place_is_no_region_but_tells_which_province_is_meant(text, region) -> None:
    assert {f.region for f in _facts(text, pub=date(2020, 6, 17))} == {region}


def test_assemble_a_list_of_areas_gives_each_figure_its_area() -> None:
    facts = _facts(LEAD + "截至6月底,东、中、西部和东北地区5G基站分别达到71.9万、32.4万、36.6万、9.7万个。")
    assert [(f.subject, f.region) for f in facts] == [
        ("5G基站", "东部地区"), ("5G基站", "中部地区"), ("5G基站", "西部地区"), ("5G基站", "东北地区")]


def test_assemble_an_index_in_points_and_its_changes() -> None:
    facts = _facts("据钢铁协会监测,6月份,钢材价格指数平均值为92.79点,环比上升2.69点,升幅为2.98%;同比下降7.67点。\n")
    assert [(f.measure, f.value, f.unit, f.basis) for f in facts] == [
        ("level", 92.79, "点", None), ("growth_change", 2.69, "点", "vs:2025-05"), ("growth", 2.98, "%", "mom"),
        ("growth_change", -7.67, "点", "vs:2024-06")]


@pytest.mark.parametrize("text", ["上午8点,全市规模以上工业增加值增长5%。",
                                  "会议提出3点意见,全市规模以上工业增加值增长5%。"])
def test_assemble_a_small_whole_number_before_dian_is_no_index(text: str) -> None:
    assert [f.unit for f in _facts(LEAD + text)] == ["%"]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        # 3家 counts the holders of the revenue after it: no fact of its own
        ("1-2月,3家基础电信企业完成互联网宽带业务收入387亿元,同比增长8.5%。", [38700000000, 8.5]),
        # 13个 is the fact, 100% the threshold it is counted against
        ("1月份,制造业21个大类中,13个大类商务快件指数高于100%。", [13]),
        # a count with its own growth stays a fact
        ("上半年,生猪出栏3049.9万头、下降5.8%。", [30499000, -5.8]),
    ],
)
def test_assemble_a_count_of_holders_is_no_fact_but_a_count_against_a_threshold_is(text, values) -> None:
    facts = _facts(LEAD + text)
    assert [f.value for f in facts if f.value in values] == values
    assert all(not f.subject[:1].isdigit() for f in facts)


def test_assemble_values_after_fenbie_listed_with_commas_are_one_list() -> None:
    facts = _facts(LEAD + "上半年,专业店、专卖店零售额分别增长5.5%,9.5%。")
    assert [(f.measure, f.value) for f in facts] == [("growth", 5.5), ("growth", 9.5)]


def test_assemble_the_three_industries_spread_over_a_fenbie_list() -> None:
    facts = _facts(LEAD + "上半年,三次产业对经济增长的贡献率分别为19.4%、36.0%和44.6%。")
    assert [(f.subject, f.measure) for f in facts] == [
        ("第一产业", "contribution"), ("第二产业", "contribution"), ("第三产业", "contribution")]


def test_assemble_a_comparison_clause_sets_the_basis_of_the_changes_after_it() -> None:
    facts = _facts("截至6月末,长材指数为97.54点,环比上升6.27点;与上年同期相比,长材、板材指数分别下降0.81点和1.07点。"
                   "长材指数比上年末下降1.6点。\n")
    assert [(f.value, f.basis) for f in facts if f.measure == "growth_change"] == [
        (6.27, "vs:2025-05-31"), (-0.81, "vs:2024-06-30"), (-1.07, "vs:2024-06-30"), (-1.6, "vs:2024-12-31")]


@pytest.mark.parametrize(("text", "expected"), [
    # a mark after a level (突破…关口) is no subject for the rate after it
    ("上半年,全省地区生产总值突破1万亿元关口,同比增长9.0%。",
     [("地区生产总值", "level", 1e12), ("地区生产总值", "growth", 9.0)]),
    ("前三季度,全市工业总产值首次跨上3000亿元台阶,增长8.1%。",
     [("工业总产值", "level", 3e11), ("工业总产值", "growth", 8.1)]),
    # an absolute change named by its verb keeps the subject for the rate after it
    ("上半年,全省夏粮总产量352.4亿斤,增产0.5亿斤,增长0.15%。",
     [("夏粮总产量", "level", 3.524e10), ("夏粮总产量增产", "level", 5e7), ("夏粮总产量", "growth", 0.15)]),
])
def test_assemble_marks_and_change_amounts_leave_the_subject_named_before(text, expected) -> None:
    facts = _facts(LEAD + text)
    assert [(f.subject, f.measure, f.value) for f in facts] == expected


def test_assemble_the_field_of_a_ranking_is_no_topic_for_the_figures_after_it() -> None:
    facts = _facts("9月份,全市规模以上工业增加值增长9.2%,在全省18个省辖市中排名第1位,"
                   "分别比全国、全省平均水平高3.4和3.9个百分点。\n", pub=date(2018, 10, 20), title="某市9月经济运行")
    assert [(f.subject, f.value) for f in facts] == [
        ("规模以上工业增加值", 9.2), ("省辖市", 18.0), ("规模以上工业增加值", 3.4), ("规模以上工业增加值", 3.9)]


@pytest.mark.parametrize(("text", "subjects"), [
    # 平均 holds 均 but is no "each": one subject, compared with the national average
    ("1至5月,全省社会消费品零售总额增长11.4%,比全国平均水平快1.2个百分点。",
     ["社会消费品零售总额", "社会消费品零售总额"]),
    # 均 as "each" still spreads the change over the pair named before
    ("6月,大、中型企业PMI分别为50.2%和49.4%,均比上月回升1.4个百分点。",
     ["大型企业PMI", "中型企业PMI", "大型企业PMI", "中型企业PMI"]),
])
def test_assemble_jun_as_each_is_not_the_jun_of_pingjun(text, subjects) -> None:
    assert [f.subject for f in _facts(LEAD + text)] == subjects


@pytest.mark.parametrize(("text", "expected"), [
    # a rate in per mille, negative, and its change in per mille points
    ("全年全县人口自然增长率为-3.19‰,比上年下降3.18个千分点。",
     [("人口自然增长率", "level", -3.19, "‰"), ("人口自然增长率", "growth_change", -3.18, "千分点")]),
    # 对…增长的拉动 names what is pulled, not the subject; 三次产业 spreads over the list
    ("全年三次产业对经济增长的拉动贡献分别为0.15、-5.64、1.34个百分点。",
     [("第一产业", "pull", 0.15, "pp"), ("第二产业", "pull", -5.64, "pp"), ("第三产业", "pull", 1.34, "pp")]),
    # 占比较大的 picks members out of a list; they are not named by it
    ("1-10月,占比较大的公共设施管理业、道路运输业投资同比分别增长32.2%、20.4%。",
     [("公共设施管理业投资", "growth", 32.2, "%"), ("道路运输业投资", "growth", 20.4, "%")]),
    # a multiple and a percentage in one 分别 list
    ("上半年,新能源汽车、工业机器人产量分别增长69.5%和5.3倍。",
     [("新能源汽车产量", "growth", 69.5, "%"), ("工业机器人产量", "growth", 530.0, "%")]),
])
def test_assemble_signed_rates_pulls_and_mixed_lists(text, expected) -> None:
    facts = _facts(LEAD + text)
    assert [(f.subject, f.measure, round(f.value, 6), f.unit) for f in facts] == expected


def test_assemble_a_figure_in_a_surveys_name_is_no_fact() -> None:
    facts = _facts(LEAD + "据2024年全省5‰人口变动抽样调查推算,年末全县常住人口12.74万人,城镇化率为74.02%。")
    assert sorted(f.value for f in facts) == [74.02, 127400.0]


def test_assemble_a_rate_after_a_month_end_takes_the_span_that_month_ends() -> None:
    facts = _facts("1至8月,全省新入库企业1943家。8月末在库企业5.92万家、增长12.6%。产业园区工业增加值增长8.1%。"
                   "8月末存款余额8.12万亿元。\n", pub=date(2024, 9, 20), title="湖南省1至8月经济运行")
    assert [(f.value, f.period) for f in facts if f.measure == "growth"] == [
        (12.6, "2024-08-31"), (8.1, "2024-01/2024-08")]
    assert _one(facts, 8.12e12).period == "2024-08-31"


def test_assemble_a_look_back_at_the_year_before_leaves_the_bulletins_year() -> None:
    facts = _facts("2022年某县国民经济和社会发展统计公报\n初步核算,2022年,全县实现生产总值951435万元,比上年下降4.1%。"
                   "经最终核实,2021年全县生产总值为972846万元。\n全年城镇新增就业1254人。\n", pub=date(2023, 3, 31))
    assert _one(facts, 1254).period == "2022"


@pytest.mark.parametrize(("text", "subject"), [
    ("上半年,广东、江苏和山东分别以8552亿元、6120亿元和3610亿元的软件业务收入位列前三。", "软件业务收入"),
    ("上半年,昆山市、江阴市和张家港市分别以4250亿元、4114亿元、2710亿元位列全国县域GDP排名前三。", "县域GDP"),
])
def test_assemble_figures_ranked_by_yi_name_their_thing_after_them(text, subject) -> None:
    facts = _facts(LEAD + text)
    assert len(facts) == 3 and {f.subject for f in facts} == {subject}
    assert len({f.region for f in facts}) == 3


def test_assemble_amounts_since_the_year_end_and_changes_in_amounts() -> None:
    facts = _facts("截至10月末,3家基础电信企业的移动电话用户总数达16.41亿户,比上年末净增4694万户。"
                   "每百元营业收入中的成本为84.27元,降低0.25元。\n年末全省常住人口3856万人,比上年末增加4万人。\n",
                   pub=date(2021, 11, 20))
    assert [(f.value, f.period) for f in facts if f.unit == "count"] == [
        (1.641e9, "2021-10-31"), (4.694e7, "2021-01/2021-10"), (3.856e7, "2021-12-31"), (4e4, "2021-12-31")]
    # a change in an amount is named by its verb, as 净亏损 is (FACTS.md), and never a stock at a date
    assert [(f.subject, f.value) for f in facts if f.unit == "CNY"] == [
        ("每百元营业收入中的成本", 84.27), ("每百元营业收入中的成本降低", 0.25)]
    assert [f.subject for f in facts if f.value == 4e4] == ["常住人口增加"]


@pytest.mark.parametrize(("text", "expected"), [
    # a bare 销售 after 乘用车生产 goes on with the holder
    ("在汽车主要品种中,乘用车生产126.15万辆,同比增长31.26%;销售121.31万辆,同比增长26.52%。",
     [("乘用车生产", 1261500.0), ("乘用车生产", 31.26), ("乘用车销量", 1213100.0), ("乘用车销量", 26.52)]),
    # 增长了7倍 is growth, as 增长7倍 is; 微落 is a fall
    ("1-8月,我国与东盟贸易额增长了7倍,制造业PMI比上月微落0.1个百分点。",
     [("与东盟贸易额", 700.0), ("制造业PMI", -0.1)]),
    # 折合 restates the figure before in another currency
    ("1-3月,全国实际使用外资3024.7亿元人民币,同比增长39.9%;折合448.6亿美元,同比增长43.8%。",
     [("实际使用外资", 302470000000.0), ("实际使用外资", 39.9), ("实际使用外资", 44860000000.0),
      ("实际使用外资", 43.8)]),
])
def test_assemble_holders_verbs_multiples_and_conversions(text, expected) -> None:
    assert [(f.subject, round(f.value, 6)) for f in _facts(LEAD + text)] == expected


def test_assemble_a_comma_list_before_fenbie_is_its_last_clauses() -> None:
    facts = _facts(LEAD + "一季度,排名前10的行业中,有7个行业实现增长,其中,非金属矿物制品业,有色金属冶炼和压延加工业,"
                          "电气机械和器材制造业增加值分别增长21.3%、10.2%、9.1%。")
    assert [(f.subject, f.value) for f in facts if f.unit == "%"] == [
        ("非金属矿物制品业增加值", 21.3), ("有色金属冶炼和压延加工业增加值", 10.2), ("电气机械和器材制造业增加值", 9.1)]


def test_assemble_clear_caches_forgets_every_window_cache() -> None:
    from zhibiao.extract import _WINDOW_CACHED, clear_caches

    _facts(LEAD + "上半年,规模以上工业增加值同比增长6.4%。")
    clear_caches()
    assert all(fn.cache_info().currsize == 0 for fn in _WINDOW_CACHED)


def test_assemble_an_outcome_measured_against_its_goal_is_actual() -> None:
    facts = _facts(LEAD + "一季度,规模以上工业增加值同比增长6.8%,这个速度与去年同期持平,"
                          "并快于年初确定的预期目标0.8个百分点。全年力争增长7%。\n"
                          "2月份,制造业PMI为51.3%,比上月微落0.1个百分点。")
    assert [(f.subject, f.value, f.basis, f.modality) for f in facts if f.measure != "level"] == [
        ("规模以上工业增加值", 6.8, "yoy", "actual"), ("规模以上工业增加值", 0.8, "vs:年初确定的预期目标", "actual"),
        ("规模以上工业增加值", 7.0, "yoy", "target"), ("制造业PMI", -0.1, "vs:2025-01", "actual")]


def test_assemble_a_comparison_clause_names_no_topic() -> None:
    facts = _facts(LEAD + "2017年,天然气产量1480.3亿立方米,增速较上年加快6.5个百分点;"
                          "与2012年相比,产量增加374.3亿立方米。")
    assert [f.subject for f in facts] == ["天然气产量"] * 2 + ["天然气产量增加"]


def test_assemble_a_list_names_this_sentences_things_before_an_earlier_sentences_list() -> None:
    facts = _facts(LEAD + "一季度,蔬菜播种面积和产量分别增长1.2%和2.3%。"
                          "生猪存栏617.1万头,累计出栏217.4万头,分别增长12.2%和14.0%。")
    assert [(f.subject, f.value) for f in facts if f.value in (12.2, 14.0)] == [("生猪存栏", 12.2), ("出栏", 14.0)]


def test_assemble_counts_of_points_in_a_list_that_ends_in_points() -> None:
    facts = _facts(LEAD + "1-5月,工业投资增长40.3%,制造业投资增长35.8%,基础设施投资增长27.9%,"
                          "分别比1-4月加快9.1个、11.0个和8.0个百分点。")
    assert [(f.subject, f.value, f.unit) for f in facts if f.measure == "growth_change"] == [
        ("工业投资", 9.1, "pp"), ("制造业投资", 11.0, "pp"), ("基础设施投资", 8.0, "pp")]


def test_assemble_rankings_take_the_topic_viewed_from() -> None:
    facts = _facts(LEAD + "从地方公共财政收入总额来看,10省份中,江苏以约7233亿元居首。紧随其后的是上海(约4586亿元)。")
    assert [(f.subject, f.region) for f in facts] == [
        ("地方公共财政收入总额", "江苏省"), ("地方公共财政收入总额", "上海市")]


@pytest.mark.parametrize(("text", "expected"), [
    # a 分别 list whose figures carry their own verbs
    ("5月份,采矿业,制造业,电力、热力、燃气及水生产和供应业分别下降29.8%、增长6.5%和增长4.1%。",
     [("采矿业", -29.8), ("制造业", 6.5), ("电力、热力、燃气及水生产和供应业", 4.1)]),
    # the thing after an amount that is a verb's object
    ("2024年,公司发行了3亿元短期融资券,并新增了2亿元流动资金贷款,产生1628.94万元的利息支出。",
     [("短期融资券", 3e8), ("流动资金贷款", 2e8), ("利息支出", 16289400.0)]),
    # the list named by the clause before a 分别 list
    ("1-7月,汽车零配件、灯具、船舶出口拉动作用强劲,分别出口113.7亿元、97.8亿元、87.2亿元。",
     [("汽车零配件出口", 11370000000.0), ("灯具出口", 9780000000.0), ("船舶出口", 8720000000.0)]),
])
def test_assemble_lists_with_own_verbs_objects_after_amounts_and_lists_named_before(text, expected) -> None:
    assert [(f.subject, round(f.value, 6)) for f in _facts(LEAD + text)] == expected


def test_assemble_a_bare_account_after_a_holders_first_is_the_holders() -> None:
    facts = _facts(LEAD + "1-10月,四大传统支柱产业合计主营业务收入10905.4亿元,同比增长37.1%;"
                          "利润总额890.3亿元,同比增长43.6%。全省利润总额1000亿元。")
    expected = ["四大传统支柱产业主营业务收入"] * 2 + ["四大传统支柱产业利润总额"] * 2 + ["利润总额"]
    assert [f.subject for f in facts] == expected



@pytest.mark.parametrize(("text", "expected"), [
    # 比2019年1—2月份: a growth against that period, not the year before
    ("1-2月份,全国房地产开发投资同比增长38.3%;比2019年1—2月份增长15.7%。",
     [("房地产开发投资", 38.3, "yoy"), ("房地产开发投资", 15.7, "vs:2019-01/2019-02")]),
    # 带动X增长: X grew; 这一增速 points back
    ("前8月,全省规模以上工业增加值同比增长7.9%,这一增速比全国平均水平高1.9个百分点,有力带动固定资产投资增长12.1%。",
     [("规模以上工业增加值", 7.9, "yoy"), ("规模以上工业增加值", 1.9, "vs:全国"), ("固定资产投资", 12.1, "yoy")]),
    # a share moved from one figure to another: the share of the subject named before, each in its period
    ("1-10月,移动通信收入增长14.0%,在电信主营业务收入中所占的比重从上年同期的69.76%上升到72.33%。",
     [("移动通信收入", 14.0, "yoy"), ("移动通信收入", 69.76, None), ("移动通信收入", 72.33, None)]),
])
def test_assemble_bases_drivers_and_shares_moved(text, expected) -> None:
    assert [(f.subject, f.value, f.basis) for f in _facts(LEAD + text)] == expected


def test_assemble_small_form_semicolons_end_clauses() -> None:
    facts = _facts(LEAD + "1-7月,其中:采矿业3949亿元,增长10.8%﹔制造业65210亿元,增长20.6%。")
    assert [f.subject for f in facts] == ["采矿业", "采矿业", "制造业", "制造业"]


def test_assemble_a_list_of_areas_is_not_the_paragraphs_region_and_enumerators_are_no_subject() -> None:
    facts = _facts(LEAD + "1-10月,全国电信主营业务收入增长9.9%,"
                          "其中,东、中、西部地区电信主营业务收入分别增长8.4%、10.2%、12.8%。"
                          "移动通信收入增长14.0%。具体情况:1.固定电话用户:全国固定电话用户减少665.1万户,达到28769.0万户。"
                          "移动电话用户累计净增10498.9万户,达到96399.1万户。")
    assert [(f.subject, f.region) for f in facts if f.value == 14.0] == [("移动通信收入", "全国")]
    assert [(f.subject, f.period) for f in facts if f.unit == "count"] == [
        ("固定电话用户减少", "2024-01/2024-10"), ("固定电话用户", "2024-10-31"),
        ("移动电话用户净增", "2024-01/2024-10"), ("移动电话用户", "2024-10-31")]


@pytest.mark.parametrize(("text", "expected"), [
    # prices and yields per physical unit keep their units; per share stays money
    ("8月,原煤价格349.6元/吨,当月电价0.24元/度,基本每股收益0.95元/股。",
     [("原煤价格", 349.6, "元/吨"), ("电价", 0.24, "元/度"), ("基本每股收益", 0.95, "CNY")]),
    # ... and so does a productivity per person (AM10, AH05)
    ("建筑企业全员劳动生产率为36.8万元/人。", [("建筑企业全员劳动生产率", 368000.0, "元/人")]),
    ("全国粮食作物平均单产每公顷5482.9公斤,粮食播种面积113340.5千公顷。",
     [("粮食作物平均单产", 5482.9, "公斤/公顷"), ("粮食播种面积", 113340500.0, "公顷")]),
    # a cause clause names no topic; a heading glued by a space is not the subject
    ("人均转移净收入2656元,受翘尾因素影响,同比下降6.1%。"
     "营业收入保持较快增长 全年规模以上服务业企业营业收入同比增长11.4%。",
     [("人均转移净收入", 2656.0, "CNY"), ("人均转移净收入", -6.1, "%"), ("规模以上服务业企业营业收入", 11.4, "%")]),
    # flat glass is counted in weight cases; sudden rises and falls are growths, not names
    ("平板玻璃产量5.1亿重量箱。金属加工机床进口6.5亿元,激增21倍;原油进口锐减30%。",
     [("平板玻璃产量", 5.1e8, "重量箱"), ("金属加工机床进口", 6.5e8, "CNY"), ("金属加工机床进口", 2100.0, "%"),
      ("原油进口", -30.0, "%")]),
    # ships are counted in deadweight and compensated gross tonnes
    ("造船完工量3034万载重吨,同比增长6.2%;海船完工量859.6万修正总吨。",
     [("造船完工量", 3.034e7, "载重吨"), ("造船完工量", 6.2, "%"), ("海船完工量", 8.596e6, "修正总吨")]),
])
def test_assemble_units_per_unit_causes_and_glued_headings(text, expected) -> None:
    assert [(f.subject, f.value, f.unit) for f in _facts(LEAD + text)] == expected


def test_assemble_a_relative_year_that_opens_the_sentence_or_follows_its_source_is_a_period() -> None:
    facts = _facts("据莆田调查队调查,去年莆田市区居民消费价格总水平比上年上涨2.4%。\n", pub=date(2020, 1, 20))
    assert (_one(facts, 2.4).subject, _one(facts, 2.4).period) == ("居民消费价格总水平", "2019")
    facts = _facts("7月份,全国居民消费价格同比上涨1.0%。1.0%的同比涨幅中,去年价格变动的翘尾影响约为0.5个百分点。\n",
                   pub=date(2021, 8, 10))
    assert _one(facts, 0.5).period == "2021-07"


def test_assemble_each_month_signs_after_rates_and_electricity_in_du() -> None:
    facts = _facts(LEAD + "去年,全市居民消费价格各月同比分别上涨0.9%、0.5%、0.7%。1-8月,规上工业增加值增速-0.6%,"
                          "发电量47.19亿度,墙地砖产量304万㎡。气温30度。", pub=date(2020, 1, 20))
    assert [(f.subject, f.value, f.period) for f in facts if f.value in (0.9, 0.5, 0.7)] == [
        ("居民消费价格", 0.9, "2019-01"), ("居民消费价格", 0.5, "2019-02"), ("居民消费价格", 0.7, "2019-03")]
    assert _one(facts, -0.6).measure == "growth"
    assert (_one(facts, 4.719e9).unit, _one(facts, 3.04e6).unit) == ("kWh", "平方米")
    assert not [f for f in facts if f.value == 30.0]


def test_assemble_a_lottery_story_yields_nothing() -> None:
    assert _facts("福彩双色球开奖,当期全国范围内中出5注652万多元的头奖,彩民如愿以偿。"
                  "本期销售总额2.14亿元,奖池滚存5亿元。\n") == []


def test_assemble_spaced_comparators_lists_before_deng_and_ranked_totals() -> None:
    facts = _facts(LEAD + "2017年1-5月份,全国固定资产投资同比增长8.6%,增速比 1-4月份回落0.3个百分点。\n"
                          "分产业看,第一产业投资 5938 亿元,同比增长 16.9% 。\n"
                          "1月至5月,工业增值税46亿元,总额居全省第二,同比增长8.1%。"
                          "其中,三宁化工、人福药业、安琪酵母等企业形势较好,产值分别增长28.7%、35.9%、25.2%。",
                   pub=date(2017, 6, 14))
    assert _one(facts, 16.9).period == "2017-01/2017-05"
    assert _one(facts, 8.1).subject == "工业增值税"
    assert [f.subject for f in facts if f.value in (28.7, 35.9, 25.2)] == [
        "三宁化工产值", "人福药业产值", "安琪酵母产值"]


def test_assemble_a_share_of_a_goal_reached_is_the_subjects_share() -> None:
    facts = _facts("全州上半年完成招商引资到位资金11.26亿元,完成目标任务20亿元的56.3%。\n",
                   pub=date(2021, 7, 30), title="某州招商引资工作情况")
    share = _one(facts, 56.3)
    assert (share.subject, share.measure) == ("招商引资到位资金", "share")


@pytest.mark.parametrize(
    ("text", "value", "subject", "period"),
    [
        # a count of the members that changed is read over the span of the change
        ("上半年,全省规上工业增加值同比增长6.4%。31个省份规上工业增加值保持增长。\n", 31, "省份", "2025-H1"),
        ("上半年,规模以上工业增加值增长1.3%,29个省市增加值实现正增长。\n", 29, "省市", "2025-H1"),
        ("1-10月份,41个工业大类行业中,有23个行业利润总额同比增加。\n", 23, "利润总额同比增加的行业",
         "2025-01/2025-10"),
    ],
)
def test_assemble_a_counted_set_is_named_and_dated_by_its_change(text, value, subject, period) -> None:
    fact = _one(_facts(text, pub=date(2025, 11, 27)), value)
    assert (fact.subject, fact.period) == (subject, period)


@pytest.mark.parametrize(
    ("text", "region"),
    [
        # a phrase about the world sets no place for the national figures after it
        ("工业和信息化部表示,推动绿色发展是应对全球气候变化的共识。目前累计培育绿色工厂5095家,"
         "规模以上工业增加值同比增长5.0%。\n", "全国"),
        ("2020年,全球粗钢产量为18.64亿吨。钢铁产量同比下降0.9%。\n", "全球"),
    ],
)
def test_assemble_the_world_is_the_paragraphs_place_only_after_a_figure_about_it(text, region) -> None:
    facts = _facts(text, pub=date(2024, 3, 26))
    assert facts and facts[-1].region == region


def test_assemble_a_size_class_is_no_quantity() -> None:
    facts = _facts("上半年,国产10万吨级大型渔业养殖工船成功交付,规上工业增加值同比增长6.4%。\n", pub=date(2025, 7, 18))
    assert [f.value for f in facts] == [6.4]


def test_assemble_a_time_listed_after_a_compared_time_is_compared_too() -> None:
    facts = _facts("今年上半年,全省招商引资亿元以上签约项目2910个,同比2020年增长48%、2019年增长14%。"
                   "外向型产业项目完成全年目标的133%。\n", pub=date(2021, 7, 30), title="湖北省招商引资工作")
    assert {f.period for f in facts} == {"2021-H1"}
    assert _one(facts, 14).subject == "招商引资亿元以上签约项目"


def test_assemble_a_goal_stated_for_itself_keeps_its_year() -> None:
    facts = _facts("今年全省规模以上工业增加值全年目标增长6%。\n", pub=date(2021, 7, 3), title="湖北省工业经济")
    assert [(f.period, f.modality) for f in facts] == [("2021", "target")]


def test_assemble_an_amount_of_counted_things_is_named_with_them() -> None:
    facts = _facts("上半年,全国共登记技术合同近41万件,成交额超过3万亿元,同比增长14.2%。\n", pub=date(2025, 7, 18))
    assert {f.subject for f in facts if f.unit != "count"} == {"技术合同成交额"}
    assert _one(facts, 410000).subject == "技术合同"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今年以来,累计建成3.5万余家基础级、8200余家先进级、500余家卓越级智能工厂。\n",
         [("基础级智能工厂", 35000, "at_least"), ("先进级智能工厂", 8200, "at_least"),
          ("卓越级智能工厂", 500, "at_least")]),
        # a multiplier alone after a word of approximation is the number
        ("截至目前,已建设近万家数字化车间和智能工厂。\n", [("数字化车间和智能工厂", 10000, "at_most")]),
    ],
)
def test_assemble_tiers_and_bare_multipliers(text, expected) -> None:
    facts = _facts("工业和信息化部介绍,规模以上工业增加值同比增长5.9%。" + text, pub=date(2026, 1, 21))
    assert [(f.subject, f.value, f.qualifier) for f in facts if f.unit == "count"] == expected


def test_assemble_a_zone_reporting_its_own_figures_is_their_place() -> None:
    text = ("在宏观经济下行的大背景下,白城经济开发区发展依然劲头十足。年初以来,经开区全力组织经济运行。"
            "今年一季度,全区地区生产总值完成9.09亿元,增长15%;开发区固定资产投资完成0.45亿元,增长7%。\n")
    facts = _facts(text, pub=date(2015, 6, 1))
    assert {(f.subject, f.region) for f in facts} == {("地区生产总值", "白城经济开发区"),
                                                      ("固定资产投资", "白城经济开发区")}


def test_assemble_a_zone_named_in_the_sentence_before_its_figures_and_a_meeting_s_year() -> None:
    # AH11: the meeting plans for 2019; the figures of 全年 are 2018's, the year the paragraph opens with
    text = ("本报讯2月25日,张家界高新区召开2019年经济工作会议。\n"
            "2018年,张家界高新区全面落实新发展理念,取得一系列新成绩。全年技工贸总收入同比增长37.94%。\n")
    f = _one(_facts(text, pub=date(2019, 2, 26)), 37.94)
    assert (f.period, f.region) == ("2018", "张家界高新区")


@pytest.mark.parametrize(
    ("flow", "value", "period"),
    [
        ("一般公共预算收入26.13亿元", 2.613e9, "2023"),  # AH08: a flow, the year's
        ("全年一般公共预算支出46.23亿元", 4.623e9, "2023"),
        ("金融机构本外币存款余额800亿元", 8e10, "2023-12-31"),  # a stock stays at the day
    ],
)
def test_assemble_a_flow_after_a_year_end_stock_in_one_paragraph_is_the_year_s(flow, value, period) -> None:
    text = f"章贡区统计局发布公报。\n2023年末全区常住人口712642人,比上年末增加4384人。{flow}。\n"
    assert _one(_facts(text, pub=date(2024, 4, 15)), value).period == period


def test_assemble_a_topic_repeating_the_head_noun_of_the_name_before_is_that_name() -> None:
    # AI05: the one exception after its clause (仅有福建省) is the provinces' cement output
    text = "4月份,全国水泥产量1.95亿吨。从分省数据来看,多数省份产量均有不同程度的下降,仅有福建省小幅增长0.86%。\n"
    f = _one(_facts(text, pub=date(2022, 5, 20)), 0.86)
    assert (f.subject, f.region, f.period) == ("水泥产量", "福建省", "2022-04")


def test_assemble_a_month_then_cumulative_is_the_span_from_january() -> None:
    # AK11: 2014年4月,…累计实现…: January to April for every figure after 累计; 当月 keeps the month
    text = ("2014年4月,全市重点企业累计实现工业增加值31.87亿元,同比增长6.4%;实现利润总额1.66亿元,同比增长14.5%。"
            "4月当月实现工业增加值8.2亿元。\n")
    facts = _facts(text, pub=date(2014, 5, 20))
    assert {_one(facts, v).period for v in (3.187e9, 6.4, 1.66e8, 14.5)} == {"2014-01/2014-04"}
    assert _one(facts, 8.2e8).period == "2014-04"


def test_assemble_places_counted_never_grow_their_figures_are_the_thing_before() -> None:
    # AJ10: 3个省份由下降转为增长 … 转为增长26%和2.8%: the investment's growth, not the provinces'
    text = ("前三季度,西部地区房地产开发投资16802亿元,同比增长6.3%。"
            "3个省份由下降转为增长,宁夏、内蒙古分别由下降11.8%和17.3%转为增长26%和2.8%。\n")
    facts = _facts(text, pub=date(2016, 10, 20))
    assert {_one(facts, v).subject for v in (-11.8, -17.3, 26, 2.8)} == {"房地产开发投资"}
    assert (_one(facts, 3).subject, _one(facts, 3).measure) == ("省份", "level")


def test_assemble_what_will_be_done_in_a_year_not_over_is_a_target() -> None:
    # AH10: 2021年全省工信系统将…,净增1000家规上工业企业 in February 2021; 2020's outcome stays actual
    text = ("2020年,全省规上工业增加值同比增长5.7%。"
            "2021年全省工信系统将全力打造一流创新生态,净增1000家规上工业企业,实施500家重点企业技术改造。\n")
    facts = _facts(text, pub=date(2021, 2, 10))
    assert (_one(facts, 5.7).modality, _one(facts, 1000).modality, _one(facts, 500).modality) == (
        "actual", "target", "target")


def test_assemble_a_figure_of_a_later_year_is_a_target() -> None:
    # AH06: 到2025年,…营业收入达到2万亿元 in a 2021 item is a goal, whatever verb it has
    text = "四川省发布制造业规划。到2025年,四川电子信息产业营业收入达到2万亿元。\n"
    assert _one(_facts(text, pub=date(2021, 11, 22)), 2e12).modality == "target"


def test_assemble_a_daily_average_named_as_a_topic_is_the_total_s() -> None:
    # AJ05: 从日均产量来看,8月日均产量为305万吨: the coal's daily output, not 日均日均产量
    text = ("1-8月,全区原煤产量7.73亿吨。其中,8月份原煤产量9454.5万吨,同比增长11.9%;"
            "从日均产量来看,8月日均产量为305万吨。\n")
    assert _one(_facts(text, pub=date(2022, 9, 20)), 3.05e6).subject == "原煤日均产量"


# ---- one field of one figure: the rules found on blind sets AO-AQ -----------------------------------

FASTEST = "前三季度,全省增长最快的3个行业是汽车制造业、医药制造业和专用设备制造业,增速分别为12.1%、10.2%和9.8%。\n"
MULTIPLE = "2021年全国施工项目建设规模达148.9万亿元,是2012年的3.5倍;新开工项目建设规模37万亿元,是2012年的2.3倍。\n"

@pytest.mark.parametrize(
    ("text", "pub", "value", "field", "expected"),
    [
        # an average over years before its verb is the basis, not the name's tail (AO12)
        ("1-8月份,全国民间投资两年平均增长3.9%,高技术制造业两年平均增长13.1%。\n", date(2021, 9, 15), 3.9,
         "subject", "民间投资"),
        ("1-8月份,全国民间投资两年平均增长3.9%,高技术制造业两年平均增长13.1%。\n", date(2021, 9, 15), 13.1,
         "basis", "avg2y"),
        # a sector's part is named alone; a word that goes on with 中 is no part (中试平台)
        ("1-8月份,全国服务业中信息传输、软件和信息技术服务业两年平均增长14.9%。规模以上工业增加值增长8.1%。\n",
         date(2021, 9, 15), 14.9, "subject", "信息传输、软件和信息技术服务业"),
        # a footnote's mark and a long note ending 下同 leave the name (AP04, AP05)
        ("2023年全省生产总值[2]82553亿元,比上年增长6.0%。全年规模以上工业增加值增长6.8%。\n", date(2024, 3, 1),
         6.0, "subject", "地区生产总值"),
        ("1至9月,全省规模以上服务业(错月统计,不含批零住餐和金融业,下同)营业收入2.12万亿元,增长5.2%。"
         "规模以上工业增加值增长6.1%。\n", date(2023, 11, 15), 5.2, "subject", "规模以上服务业营业收入"),
        # 当月 in a sentence of a span of months: the span's last month (AP09)
        ("1-5月,全市规模以上工业企业实现产值4568.3亿元,同比增长6.2%,其中当月实现产值1001.1亿元,增长6.5%。\n",
         date(2015, 6, 20), 6.5, "period", "2015-05"),
        ("1-5月,全市规模以上工业企业实现产值4568.3亿元,同比增长6.2%,其中当月实现产值1001.1亿元,增长6.5%。\n",
         date(2015, 6, 20), 6.2, "period", "2015-01/2015-05"),
        # a ranking's third place, the occasion, a sector's count with 共有, how a part fared (AQ14, AQ13, AQ09,
        # AP02)
        ("2023年,新装备制造业规模最大,增加值为48808亿元;其次是信息通信技术服务业,增加值为39322亿元;"
         "再次是信息通信技术制造业,增加值为32101亿元。\n", date(2024, 12, 1), 3.2101e12, "subject",
         "信息通信技术制造业增加值"),
        ("2023年,新装备制造业规模最大,增加值为48808亿元;其次是信息通信技术服务业,增加值为39322亿元。\n",
         date(2024, 12, 1), 4.8808e12, "subject", "新装备制造业增加值"),
        ("全省重大项目集中开工。本次集中开工项目平均投资规模13.3亿元,较上次增加1.3亿元。\n", date(2019, 11, 15),
         1.33e9, "subject", "集中开工项目平均投资规模"),
        ("2022年,机械工业共有规模以上企业11.1万家,比上年增加1.2万家,营业收入增长9.6%。\n", date(2023, 2, 20),
         111000, "subject", "机械工业规模以上企业"),
        ("一季度,全省计算机、通信和其他电子设备制造业也迎来高速增长,增加值同比增长42.4%。工业投资增长9.1%。\n",
         date(2025, 4, 23), 42.4, "subject", "计算机、通信和其他电子设备制造业增加值"),
        # a round mark passed in words ends the name (AP10); a comma list opened by 其中 (AP10)
        ("1至8月,全市工业百强企业产值破万亿,实现产值10099亿元,同比增长10.2%。\n", date(2024, 9, 20), 1.0099e12,
         "subject", "工业百强企业产值"),
        ("1至8月,全市工业产值破1000亿元,增长8%。\n", date(2024, 9, 20), 1e11, "qualifier", "at_least"),
        ("1至8月,全市服务业营收增长8%,其中交通运输、仓储和邮政业,信息传输、软件和信息技术服务业,租赁和商务服务业"
         "营业收入分别同比增长7.0%、9.9%和11.4%。\n", date(2024, 9, 20), 7.0, "subject",
         "交通运输、仓储和邮政业营业收入"),
        # members counted and named after a copula in the clause before a 分别 list (AP13)
        (FASTEST,
         date(2024, 10, 20), 10.2, "subject", "医药制造业"),
        (FASTEST,
         date(2024, 10, 20), 3, "subject", "增长最快的行业"),
        # how a thing relates, said before it with 的, is not its name (AO09)
        ("10月份,全国装备制造业增长9.2%,其中产业链较长的汽车和电子行业同比分别增长18.7%和9.4%。\n",
         date(2022, 11, 15), 18.7, "subject", "汽车行业"),
        ("10月份,全国与汽车行业联系比较密切的电气机械行业增加值同比增长16.3%。规模以上工业增长5%。\n",
         date(2022, 11, 15), 16.3, "subject", "电气机械行业增加值"),
        # the base of a multiple is no period (AO04); an average per year after a span of years is over it
        (MULTIPLE,
         date(2022, 9, 23), 3.5, "period", "2021"),
        (MULTIPLE,
         date(2022, 9, 23), 3.7e13, "period", "2021"),
        ("2013年至2021年,全国科学研究和技术服务业投资年均增速达12.1%。高技术产业投资年均增长16.3%。"
         "2021年全国固定资产投资增长4.9%。\n", date(2022, 9, 23), 16.3, "period", "2013/2021"),
        ("2013年至2021年,全国科学研究和技术服务业投资年均增速达12.1%。高技术产业投资年均增长16.3%。"
         "2021年全国固定资产投资增长4.9%。\n", date(2022, 9, 23), 4.9, "period", "2021"),
        # a stage alone counted in projects' measure words names the projects at it (AQ12)
        ("全省签约项目1800项,其中已开工1282项,占签约项目的70%以上。全省工业投资增长8%。\n", date(2019, 6, 18), 1282,
         "subject", "开工项目"),
        # 完成额 is a noun, no link verb (AP07); members before how strongly they supported (AP10)
        ("1-7月,全县固定资产投资完成额同比增长12.0%,民间投资完成额下降16.9%。\n", date(2024, 8, 30), 12.0,
         "subject", "固定资产投资完成额"),
        ("1至8月,全市电子、汽车行业支撑较强,产值分别同比增长10.7%、9.3%,增长贡献达71.6%。\n", date(2024, 9, 20),
         9.3, "subject", "汽车行业产值"),
        ("1至8月,全市电子、汽车行业支撑较强,产值分别同比增长10.7%、9.3%,增长贡献达71.6%。\n", date(2024, 9, 20),
         71.6, "measure", "contribution"),
        # 包含 opens the members counted (AQ11)
        ("5月22日,两地企业签约项目14项,包含建设投资类项目10项、战略合作类项目4项。\n", date(2020, 5, 23), 10,
         "subject", "建设投资类项目"),
        # a bare figure after a clause naming a share is that share (AO04)
        ("2013年至2021年,我国民间投资年均增长8.9%,占全部投资的比重均稳定过半,其中2021年为56.5%。\n",
         date(2022, 9, 23), 56.5, "measure", "share"),
        # what counted members are compared with is no part of the set's name (AP12)
        ("上半年,全省38个大类行业中有34个行业增加值与2019年同期相比增长,增长面达89.5%。\n", date(2021, 7, 20), 34,
         "subject", "增加值增长的行业"),
        # Taiwan's press: 年增率 and 市占 point back; members listed after a copula in the clause before (AT01)
        (LEAD + "SNE数据指出,去年全球动力电池装车总量达1,187GWh,年增率达31.7%。\n", date(2026, 2, 10), 31.7,
         "subject", "动力电池装车总量"),
        (LEAD + "全球动力电池装车量增长31.7%。在前十名的陆企为宁德时代、比亚迪、中创新航,2025年全球市占分别为"
         "39.2%、16.4%、5.3%。\n", date(2026, 2, 10), 16.4, "subject", "比亚迪"),
        (LEAD + "全球动力电池装车量增长31.7%。在前十名的陆企为宁德时代、比亚迪、中创新航,2025年全球市占分别为"
         "39.2%、16.4%、5.3%。\n", date(2026, 2, 10), 5.3, "measure", "share"),
        # Hong Kong's press: 按季 is quarter on quarter (mom), 第二季 the second quarter, 期内 no part of a name (AT04)
        (LEAD + "第二季,中芯期内收入22.09亿美元,按年升16.2%,按季跌1.7%。\n", date(2025, 8, 8), -1.7, "basis", "mom"),
        (LEAD + "第二季,中芯期内收入22.09亿美元,按年升16.2%,按季跌1.7%。\n", date(2025, 8, 8), 16.2, "period",
         "2025-Q2"),
        (LEAD + "第二季,中芯期内收入22.09亿美元,按年升16.2%,按季跌1.7%。\n", date(2025, 8, 8), 2.209e9, "subject",
         "中芯收入"),
        # a balance sheet's items are stocks at the period's last day (AT10)
        (LEAD + "上半年,公司实现营业收入328亿元。期末总资产1496.04亿元,资产负债率60.72%。\n", date(2025, 8, 30),
         60.72, "period", "2025-06-30"),
        (LEAD + "上半年,公司实现营业收入328亿元。期末总资产1496.04亿元,资产负债率60.72%。\n", date(2025, 8, 30),
         60.72, "subject", "资产负债率"),
        # an activity verb ending a name measures its volume; GWh in the wrong case is still GWh (AT03, AR08)
        (LEAD + "5月,宁德时代装机11.4Gwh,同比增长107%。\n", date(2022, 6, 20), 1.14e7, "subject", "宁德时代装机量"),
        (LEAD + "5月,宁德时代装机11.4Gwh,同比增长107%。\n", date(2022, 6, 20), 1.14e7, "unit", "kWh"),
        (LEAD + "4月份,发电6584亿千瓦时,同比增长6.1%。\n", date(2023, 5, 16), 6.1, "subject", "发电量"),
        # what a firm did it with ends its name (AT02)
        (LEAD + "2022年,宁德时代凭借48.2%的份额位居第一。\n", date(2023, 1, 20), 48.2, "subject", "宁德时代"),
        # 城乡 distributes over 城镇 and 农村; 地区 written twice before 生产总值 once (AS10, AS12)
        (LEAD + "2020年,全市城乡居民人均可支配收入分别达到31096元和9756元。\n", date(2021, 2, 1), 9756, "subject",
         "农村居民人均可支配收入"),
        (LEAD + "前三季度,全市县域地区实现地区生产总值443.9亿元,同比增长7.6%。\n", date(2023, 10, 30), 7.6, "subject",
         "县域地区生产总值"),
        # a year said to be a year of some kind is the year a report looks back on (AS02)
        ("2021年县政府工作报告\n一、2020年工作回顾2020年是极不平凡的一年。全县地区生产总值完成151.5亿元,"
         "同比增长7.9%;规上工业增加值完成59.9亿元。\n", date(2021, 4, 13), 1.515e10, "period", "2020"),
        # what is planned or still to be done is a target (AS09)
        (LEAD + "下一步,全市拟于4月底实现新建项目开工率达到40%。\n", date(2018, 4, 20), 40, "modality", "target"),
        (LEAD + "此外,全市还将帮助458户规模以上工业企业稳定生产。\n", date(2018, 4, 20), 458, "modality", "target"),
        # 争取 of a period over is what was secured (AS01)
        (LEAD + "2024年,全市争取增发国债项目69个,获得国债资金97.4亿元。\n", date(2025, 1, 20), 69, "modality",
         "actual"),
        (LEAD + "2025年,全市争取新增国债项目80个。\n", date(2025, 1, 20), 80, "modality", "target"),
        # a whole year barely begun has no outcome yet: its figures are goals (AS04)
        (LEAD + "综合考虑各方面因素,今年全市固定资产投资增长7%以上,规模以上工业增加值增长6.5%。\n", date(2023, 1, 22),
         6.5, "modality", "target"),
        # 截至 a month: its last day, where stocks are counted (AU13); an average said before its verb (AU13)
        (LEAD + "截至2025年10月,我国已建成4万余家基础级智能工厂。\n", date(2025, 11, 20), 40000, "period",
         "2025-10-31"),
        (LEAD + "2025年,卓越级智能工厂不良品率平均下降50.2%,碳排放平均减少20.4%。\n", date(2025, 11, 20), -20.4,
         "subject", "碳排放"),
        # Taiwan's trillion (兆元) and 年比; 兆 before a unit of physics is still mega (AV05)
        (LEAD + "一季度货物贸易进出口10.17兆元,年比成长5%。\n", date(2024, 4, 15), 1.017e13, "unit", "CNY"),
        (LEAD + "一季度货物贸易进出口10.17兆元,年比成长5%。\n", date(2024, 4, 15), 5, "subject", "货物贸易进出口"),
        (LEAD + "一季度全国新增光伏装机300兆瓦。\n", date(2024, 4, 15), 300000, "unit", "千瓦"),
        # a section numbered in Chinese in brackets, and the number of members before their account (AW06, AW13)
        ("一季度全县经济运行情况\n(一)全县规模以上工业增加值同比增长7.5%。\n(二)全县固定资产投资同比增长6.4%。\n",
         date(2025, 4, 25), 7.5, "subject", "规模以上工业增加值"),
        (LEAD + "一季度,全县金属制品业、农副食品加工业、酒饮料和精制茶制造业三个行业增加值分别下降25.8%、4.2%、"
         "10.5%。\n", date(2022, 4, 25), -4.2, "subject", "农副食品加工业增加值"),
        # a page template's date label and 公布 open no name (AR03)
        ("date 2025-11-10 中国国家统计局公布10月CPI较去年同期上升0.2%,PPI则下跌2.1%,工业生产平稳增长。\n",
         date(2025, 11, 10), 0.2, "subject", "CPI"),
        # a holder named with 的 before the first account holds the bare ones after it (AV14); 头只 (AS06)
        (LEAD + "2024年,新能源汽车的产量与销量分别达到了1288.8万辆与1286.6万辆。\n", date(2025, 1, 15), 1.2866e7,
         "subject", "新能源汽车销量"),
        (LEAD + "2021年,全旗牲畜总头数达到63万头只。\n", date(2022, 1, 10), 630000, "unit", "count"),
        # 有息 is no 有 of having; 其 and 该公司 point back; 报告 and 发现 are verbs of saying (AT09–AT12)
        (LEAD + "上半年末,公司有息负债率21.45%。\n", date(2025, 8, 30), 21.45, "subject", "有息负债率"),
        (LEAD + "该公司报告第四季度的交付量较2024年同期下降了约16%。\n", date(2026, 1, 3), -16, "subject", "交付量"),
        (LEAD + "第三季度,则发现营收533.24亿元,同比增长5.52%。\n", date(2025, 10, 30), 5.52, "subject", "营收"),
        # a cycle shortened is a fall (AU13)
        (LEAD + "2025年,卓越级智能工厂产品研发周期平均缩短28.4%。\n", date(2025, 11, 20), -28.4, "subject",
         "卓越级智能工厂产品研发周期"),
        # another account of the branch just measured by a rate (AV01)
        (LEAD + "三季度汽车制造业产能利用率达到75.7%,增加值同比由二季度下降7.6%转为增长25.4%。\n", date(2022, 10, 20),
         25.4, "subject", "汽车制造业增加值"),
        # visits counted per person are a count (AP07, AS07: both annotators)
        (LEAD + "1-7月,全县接待游客83.24万人次,同比增长8.79%。\n", date(2024, 8, 30), 832400, "unit", "count"),
        # a gap to another subject is signed by its own clause, not a 降幅 before it (AP07)
        ("1-7月,全县规模以上工业增加值同比下降3.3%,降幅较上半年收窄4.5个百分点,低于全省12.8个百分点。"
         "全县固定资产投资增长5%。\n", date(2024, 8, 20), -12.8, "measure", "growth_change"),
        # the thing traded or produced named after its amount (AV09)
        (LEAD + "2023年,我国出口了23.51万亿元的制造业产品。\n", date(2024, 1, 15), 2.351e13, "subject",
         "制造业产品出口"),
        (LEAD + "2023年,我国进口了5.6亿吨原油。\n", date(2024, 1, 15), 5.6e8, "subject", "原油进口"),
        # Hong Kong's 转赚 and 蚀, and the loss of the same span a year before (AT14)
        (LEAD + "美团上半年业绩扭亏为盈,转赚约80.5亿元人民币,去年同期蚀68.2亿元。\n", date(2023, 8, 25), 6.82e9,
         "subject", "亏损"),
        (LEAD + "美团上半年业绩扭亏为盈,转赚约80.5亿元人民币,去年同期蚀68.2亿元。\n", date(2023, 8, 25), 6.82e9,
         "period", "2022-H1"),
        # a share of the set just viewed, picked out by what its members do (AU01); a dimension viewed is no set
        (LEAD + "从专精特新“小巨人”企业看,超六成属于工业基础领域。\n", date(2021, 7, 23), 60, "subject",
         "属于工业基础领域的专精特新“小巨人”企业"),
        (LEAD + "从所处行业看,超七成深耕行业多年。\n", date(2021, 7, 23), 70, "subject", "深耕行业多年"),
        # the goal a share is of is a count of the same thing, for the whole year (AU07)
        (LEAD + "1-6月份,新开工工业项目78个,完成年度目标任务132个的59.09%,同比增长16.42%。\n", date(2023, 7, 20),
         132, "modality", "target"),
        (LEAD + "1-6月份,新开工工业项目78个,完成年度目标任务132个的59.09%,同比增长16.42%。\n", date(2023, 7, 20),
         132, "period", "2023"),
        (LEAD + "1-6月份,新开工工业项目78个,完成年度目标任务132个的59.09%,同比增长16.42%。\n", date(2023, 7, 20),
         16.42, "subject", "新开工工业项目"),
        # 生产 opening an attribute of production is no output (AU13)
        (LEAD + "卓越级智能工厂生产效率平均提升22.3%。\n", date(2025, 11, 20), 22.3, "subject",
         "卓越级智能工厂生产效率"),
        # macro-regions listed alone are the regions of the set they are picked from (AU02)
        (LEAD + "第三批小巨人企业中,东、中、西部分别有1773家、746家、411家。\n", date(2021, 7, 19), 746, "region",
         "中部地区"),
        (LEAD + "第三批小巨人企业中,东、中、西部分别有1773家、746家、411家,占比分别为61%、25%、14%。\n",
         date(2021, 7, 19), 25, "subject", "小巨人企业"),
        (LEAD + "上半年,规上工业增加值增长6%,东、中、西部地区分别增长5%、6%、7%。\n", date(2025, 7, 15), 7, "subject",
         "规上工业增加值"),
        # firms counted by the provinces they are spread over (AT11)
        (LEAD + "三季度半导体行业共有120家A股上市企业披露三季报,分布在17个省级行政地区,其中上海30家、广东26家。\n",
         date(2022, 11, 8), 30, "subject", "A股上市企业"),
        # 全年 is in the year written out last, not the latest year written (AZ07)
        ("随着2023年开春,各地相继发布年度政府工作报告。\n2022年,北京市数字经济赋能新发展。全年数字经济实现增加值"
         "17330.2亿元,比上年增长4.4%。\n", date(2023, 3, 31), 4.4, "period", "2022"),
        # a league table of the nation's best is no national figure: the city's site is the city's (AZ03)
        ("青岛连续两年跻身全国先进制造业百强市第7位。\n全年规上工业增加值增长3.8%,高于全国(3.6%)。\n",
         date(2023, 2, 16), 3.8, "region", "青岛市"),
        # members that did something, counted, named by what they did (AZ04, AZ08)
        (LEAD + "2021年,27家企业入围中国制造业企业500强。\n", date(2022, 1, 20), 27, "subject",
         "入围中国制造业企业500强的企业"),
        (LEAD + "2021年,16个指标达到进度要求。\n", date(2022, 1, 20), 16, "subject", "达到进度要求的指标"),
        # macro-regions after 其中, members of the things counted before the places (AZ09)
        (LEAD + "45个国家级集群涉及19个省(自治区、直辖市)、3个计划单列市,其中东部地区30个、中部地区8个。\n",
         date(2022, 12, 15), 30, "region", "东部地区"),
        (LEAD + "45个国家级集群涉及19个省(自治区、直辖市)、3个计划单列市,其中东部地区30个、中部地区8个。\n",
         date(2022, 12, 15), 8, "subject", "国家级集群"),
        # 在…中 is no frame where 中 goes on with 心 (AZ11)
        (LEAD + "全省在用数据中心144个,在建数据中心23个。\n", date(2023, 3, 24), 144, "subject", "在用数据中心"),
        # 达到了: the particle after the verb names nothing (AX07)
        (LEAD + "3月份制造业采购经理指数回升,达到了50.8%。\n", date(2024, 4, 20), 50.8, "subject",
         "制造业采购经理指数"),
        # a holder named with 的 holds every account listed after it (AX09)
        (LEAD + "规模以上工业中小企业的增加值、营业收入、利润总额的年均增速分别为6.4%、7.4%、5.4%。\n",
         date(2025, 9, 9), 5.4, "subject", "规模以上工业中小企业利润总额"),
        (LEAD + "去年,全国规模以上中小企业的用工人数达到1.28亿人。\n", date(2025, 9, 9), 1.28e8, "subject",
         "规模以上中小企业用工人数"),
        # a place that names a port is part of the name (BB07, BB09)
        (LEAD + "今年上半年,宁波舟山港累计完成货物吞吐量55796万吨,同比增长5.5%。\n", date(2019, 7, 20), 5.5, "subject",
         "宁波舟山港货物吞吐量"),
        (LEAD + "武汉港前10个月集装箱吞吐量完成209万标箱。\n", date(2021, 11, 25), 2.09e6, "subject",
         "武汉港集装箱吞吐量"),
        # the same span of the year before, with its year written, is year on year (BB09)
        ("在全国各大港口增幅环比处于逐月下降的态势下,武汉港逆流而上。武汉港前10个月集装箱吞吐量完成209万标箱,"
         "较2020年同期增长52.1%。\n", date(2021, 11, 25), 52.1, "basis", "yoy"),
        # a customs district named after its seat reports its province (BB01)
        ("江苏前5月外贸平稳增长\n南京海关13日发布最新数据,今年1月至5月,我省外贸进出口总值2.13万亿元。其中,出口1.32万亿元,"
         "增长9%。\n", date(2022, 6, 14), 1.32e12, "region", "江苏省"),
        # 2019年前三季度 is the first three quarters of 2019, not "before 2019" and a third quarter (BA12)
        ("前三季度,全国居民人均可支配收入26265元,比2019年前三季度增长14.8%。\n", date(2021, 10, 18), 14.8, "basis",
         "vs:2019-01/2019-09"),
        # the base a growth is reckoned from sets no period and names nothing (BF09)
        ("前三季度,全省完成建筑业总产值3703.1亿元,同比增长12.4%,以2019年前三季度数为基数,两年平均增长10.5%。\n",
         date(2021, 10, 25), 10.5, "period", "2021-01/2021-09"),
        ("前三季度,全省完成建筑业总产值3703.1亿元,同比增长12.4%,以2019年前三季度数为基数,两年平均增长10.5%。\n",
         date(2021, 10, 25), 10.5, "subject", "建筑业总产值"),
        # 月末 after a month's end names no thing (BA07)
        ("12月末,本外币存款余额264.45万亿元,同比增长10.8%。月末人民币存款余额258.5万亿元,同比增长11.3%。\n",
         date(2023, 1, 10), 2.585e14, "subject", "人民币存款余额"),
        # tiers of cities are names, not numbers, and share the head the last one names (BF05)
        (LEAD + "7月份,一线、二线、三线城市二手住宅销售价格分别上涨0.2%、1.0%和1.1%。\n", date(2018, 8, 15), 1.0,
         "subject", "二线城市二手住宅销售价格"),
        # a bare number after a count noun and 已超过 is a count (AX05)
        (LEAD + "目前累计终端连接数已超过1.6亿。\n", date(2020, 10, 22), 1.6e8, "unit", "count"),
        # a university named after a city is no place the figures cover (BF10)
        ("2023年,天津市建筑业企业签订合同额17504.99亿元,增长5.8%。\n全市建筑业总产值5072.26亿元。\n"
         "该学院由武汉轻工大学牵头,联合20余家业内企业共建。\n", date(2024, 3, 20), 5.07226e11, "region", "天津市"),
        # a holiday's figures are an outcome though the year they are dated by has barely begun (BE10)
        ("据国家电影局统计,2018年春节档(2月15~21日)全国电影票房56.5亿元,同比增长67%,创下档期票房新纪录。\n",
         date(2018, 2, 22), 5.65e9, "modality", "actual"),
        # new capacity of a kind of power is labelled as the energy statistics label it; money is spent on the
        # activity, not on its volume (BC02)
        (LEAD + "1—11月份,水电新增装机2060万千瓦,风电新增装机2252万千瓦。\n", date(2022, 12, 20), 2.252e7, "subject",
         "风电新增装机"),
        (LEAD + "1—11月份,电源工程完成投资5525亿元。其中,太阳能发电2000亿元,同比增长290.1%。\n", date(2022, 12, 20),
         290.1, "subject", "太阳能发电"),
        (LEAD + "5月,宁德时代装机11.4GWh。\n", date(2022, 6, 20), 1.14e7, "subject", "宁德时代装机量"),
        # a place opening a firm's name stays in the name (BC04)
        (LEAD + "1-5月,山西焦煤集团原煤产量7364万吨,同比增长2.5%。\n", date(2022, 6, 20), 7.364e7, "subject",
         "山西焦煤集团原煤产量"),
        # figures of other units after 分别, with a month written in the clause that lists their things (BE12)
        (LEAD + "8月份完成公路货运量和货物周转量分别为24.7亿吨和4525亿吨公里,同比增长15.3%和20.5%。\n",
         date(2011, 9, 20), 20.5, "subject", "货物周转量"),
        (LEAD + "8月份,完成公路客运量和旅客周转量分别为27.4亿人和1410亿人公里。\n", date(2011, 9, 20), 1.41e11, "unit",
         "人公里"),
        # what is done already, said after a goal's clause in the same sentence, is an outcome (AZ06)
        ("累计培育专精特新“小巨人”企业将达到213家,在新一批名单公示前,南京市已累计培育国家制造业单项冠军企业21家、"
         "国家级专精特新“小巨人”企业106家。\n", date(2022, 7, 31), 106, "modality", "actual"),
        # a listed firm named with its stock code before its quarter: the quarter is the paragraph's; 按季 with
        # 升/跌 compares a rate with the quarter before (AT04)
        ("另外,华虹半导体(1347)截至6月底止第二季股东应占利润795.2万美元,按年升19.2%。毛利率10.9%,按年增0.4个百分点,"
         "按季跌1.7个百分点。\n", date(2025, 8, 8), 10.9, "period", "2025-Q2"),
        ("另外,华虹半导体(1347)截至6月底止第二季股东应占利润795.2万美元,按年升19.2%。毛利率10.9%,按年增0.4个百分点,"
         "按季跌1.7个百分点。\n", date(2025, 8, 8), -1.7, "basis", "vs:2025-Q1"),
        # the 比 of 占比 compares nothing (AS13)
        ("一季度,全市地区生产总值增长5.1%。与上年同期相比,第一、二产业占比均下降1.5个百分点,第三产业占比上升3.0个百分点。\n",
         date(2025, 4, 28), 3.0, "basis", "vs:2024-Q1"),
        # the year so far, told in August, is an outcome (BG04); told in January, a plan
        (LEAD + "截至7月底,江苏开通46828个5G基站;今年全省新建5G基站3.5万个。\n", date(2020, 8, 23), 35000,
         "modality", "actual"),
        ("今年全市固定资产投资增长7%以上。\n", date(2020, 1, 23), 7, "modality", "target"),
        # a year barely begun makes a plan only of the figures whose own sentence names it (BG05)
        (LEAD + "今年我省启动“智赋万企”行动。\n本次发布的30个平台中包含综合型平台3个、特色型平台8个。\n",
         date(2023, 4, 4), 8, "modality", "actual"),
        # counts of the members of a list named before them, by batch; a look back over the years to 今年 is no
        # old report reposted (BG01)
        (LEAD + "2019年,工信部公布的第一批专精特新“小巨人”企业名单中,我省有9家企业;2020年第二批名单中,我省有43家企业;"
         "今年第三批名单中,我省有60家企业。\n", date(2021, 8, 29), 43, "subject", "第二批专精特新“小巨人”企业"),
        (LEAD + "2019年,工信部公布的第一批专精特新“小巨人”企业名单中,我省有9家企业;2020年第二批名单中,我省有43家企业;"
         "今年第三批名单中,我省有60家企业。\n", date(2021, 8, 29), 60, "period", "2021"),
        (LEAD + "近日工信部公布认定了第三批专精特新“小巨人”企业名单,我省60家企业荣列其中。\n", date(2021, 8, 29), 60,
         "subject", "第三批专精特新“小巨人”企业"),
        # a clause that ranks the figure before names no topic (BG03)
        (LEAD + "截至目前,我区共培育9家制造业单项冠军,数量居全市第一,占比36%。\n", date(2021, 11, 12), 36, "subject",
         "制造业单项冠军"),
        # a weekly price bulletin: the week glossed in brackets dates the figures, 比前一周 is week on week, a price
        # per kilogram said before the figure keeps its unit (BH06)
        ("据商务部监测,上周(8月26日至9月1日)全国食用农产品市场价格比前一周上涨2.4%。\n"
         "食用农产品市场:30种蔬菜平均批发价格为每公斤4.14元,比前一周下降2.8%。\n", date(2019, 9, 3), -2.8, "period",
         "2019-08-26/2019-09-01"),
        ("据商务部监测,上周(8月26日至9月1日)全国食用农产品市场价格比前一周上涨2.4%。\n", date(2019, 9, 3), 2.4, "basis",
         "mom"),
        ("据商务部监测,上周(8月26日至9月1日)全国食用农产品市场价格比前一周上涨2.4%。\n", date(2019, 9, 3), 2.4,
         "subject", "食用农产品市场价格"),
        (LEAD + "猪肉集贸市场价格为每公斤50.56元。\n", date(2020, 10, 21), 50.56, "unit", "元/公斤"),
        # the day of an event told after a news item's source and byline dates what was signed (BG13)
        ("荆楚网消息(见习记者章巧慧 通讯员雷鹏程)12月27日,宜昌市专业招商重点项目集中签约仪式在城区举行,"
         "协议总投资93.57亿元的27个项目集中签约。\n", date(2018, 12, 27), 9.357e9, "period", "2018-12-27"),
        # members by place after 其中 count the things counted before; a zone left of a place names nothing (BG13)
        (LEAD + "当日签约的27个项目均分布在宜昌高新区及各县市区。其中,宜昌高新区10个,宜都市3个,枝江市3个。\n",
         date(2018, 12, 27), 10, "subject", "项目"),
        # firms a province owns (江西省属国有企业) keep 省属; the regulator of firms counted names nothing; taxes paid
        # as the accounts label them (BI03, BI07)
        (LEAD + "今年上半年,江西省属国有企业实现营业收入2279.8亿元,同比增长12.1%。\n", date(2018, 7, 20), 12.1,
         "subject", "省属国有企业营业收入"),
        (LEAD + "一季度,国务院国资委监管的138家中央企业实现营业收入23574.6亿元,已交税金2185.4亿元。\n",
         date(2009, 4, 20), 2.35746e12, "subject", "中央企业营业收入"),
        (LEAD + "一季度,国务院国资委监管的138家中央企业实现营业收入23574.6亿元,已交税金2185.4亿元。\n",
         date(2009, 4, 20), 2.1854e11, "subject", "已交税金"),
        # firms counted by the growth they passed: the count is the fact, the rate a line drawn (BI01)
        (LEAD + "前三季度,中央企业营业收入增长10.4%,有19家企业收入增幅超过20%,45家企业收入增幅超过10%。\n",
         date(2018, 10, 20), 19, "subject", "收入增幅超过20%的企业"),
        # Taiwan's words name the mainland's series as the mainland names them (BL01)
        (LEAD + "1至10月,我省網際網路用戶總數為4581.19萬戶,同比增長4.5%。\n", date(2020, 10, 31), 4.5, "subject",
         "互联网用户"),
        # the Taiwan and Hong Kong press: basis and verb said together, openers, 扬 (BJ02, BJ04)
        (LEAD + "9月对美国出口年减33%。\n", date(2025, 10, 15), -33, "subject", "对美国出口"),
        (LEAD + "9月,当中食品价格按年跌5.2%,非食品价格则扬2%。\n", date(2021, 10, 15), 2, "subject", "非食品价格"),
        (LEAD + "9月,当中食品价格按年跌5.2%,非食品价格则扬2%。\n", date(2021, 10, 15), 2, "measure", "growth"),
        (LEAD + "9月,当中食品价格按年跌5.2%,非食品价格则扬2%。\n", date(2021, 10, 15), -5.2, "subject", "食品价格"),
        # a company's period frame with its date masked leaves the name; 应占利润 is no share (AT04, BJ11)
        (LEAD + "华虹半导体(1347)截至6月底止第二季股东应占利润795.2万美元,按年升19.2%。\n", date(2025, 8, 8), 19.2,
         "subject", "华虹半导体股东应占利润"),
        (LEAD + "另外,公司截至今年9月底止首三季纯利1665.8亿元,按年升17%。\n", date(2025, 11, 13), 17, "subject",
         "纯利"),
        # a release about a month, named at length, dates what it reports (BF05)
        ("国家统计局15日发布7月份70个大中城市商品住宅销售价格变动情况统计数据。据初步测算,从环比看,4个一线城市新建商品住宅"
         "销售价格上涨0.2%。\n", date(2018, 8, 17), 0.2, "period", "2018-07"),
        # a county bureau named in the first line, and the nation only as an era (新中国成立75周年): the county's (BK12)
        ("江口县统计局\n2024年是新中国成立75周年。\n2024年实现地区生产总值94.96亿元,按可比价计算,同比增长5.1%。\n",
         date(2024, 12, 31), 5.1, "region", "江口县"),
        # a zone's article, though it names a medium's place first and 全市 once of the city it ranks in (AW09)
        ("天水网讯【记者 赵蔓】今年前三季度,天水市经济技术开发区多项指标继续保持两位数增长,指标增速位列全市第一。\n"
         "前三季度,天水市经济技术开发区完成工业增加值6.1亿元,同比增长27.1%。开发区固定资产投资增长30%。"
         "开发区财政收入增长20%。\n", date(2014, 10, 20), 27.1, "region", "天水经济技术开发区"),
        # members listed in the clause before as many figures that say only how they changed, 分别 or not (BB06)
        (LEAD + "上半年,纺织业、食品制造业、家具制造业,同比下降65%、48.5%、47.9%。\n", date(2020, 7, 20), -48.5,
         "subject", "食品制造业"),
        # 在 before a quoted programme's area opens no name (BB05)
        (LEAD + "其中,在“一带一路”沿线国家承包工程完成营业额334.9亿元。\n", date(2022, 11, 20), 3.349e10, "subject",
         "“一带一路”沿线国家承包工程营业额"),
        # how much more or less than a year before, after an amount (同比多减, 同比多) (BA07, BA09)
        (LEAD + "全年外币贷款减少1779亿美元,同比多减2236亿美元。\n", date(2023, 1, 10), 2.236e11, "subject",
         "外币贷款同比多减"),
        # a plan's years around its quoted name, and a span of years too long to list (BU)
        (LEAD + "“十三五”时期,全省地区生产总值年均增长6.0%。\n", date(2021, 3, 20), 6.0, "period", "2016/2020"),
        (LEAD + "1979年至2012年,国内生产总值年均增长9.8%。\n", date(2013, 11, 6), 9.8, "period", "1979/2012"),
        # a share's own words and a completion particle leave the name; the count of listed members too (BT)
        (LEAD + "基础研究经费所占比重为6.57%。\n", date(2023, 9, 18), 6.57, "subject", "基础研究经费"),
        (LEAD + "全省有120个行业增加值实现了增长。\n", date(2019, 11, 20), 120, "subject", "增加值实现增长的行业"),
        (LEAD + "其中,汽车、电子和化工三大行业分别增长7.1%、4.0%和5.4%。\n", date(2019, 11, 20), 5.4, "subject",
         "化工行业"),
        # two and a half tenths; this year before a verb of hope opening a clause (BP)
        (LEAD + "上半年电讯业务总量按年增长超过两成半。\n", date(2019, 7, 22), 25, "value", 25),
        (LEAD + "目前我国已建成5G基站142.5万个,今年有望突破200万个。\n", date(2022, 3, 8), 2e6, "period", "2022"),
        (LEAD + "目前我国已建成5G基站142.5万个,今年有望突破200万个。\n", date(2022, 3, 8), 2e6, "subject", "5G基站"),
        # a new view of the whole leaves the provinces of the sentence before (BP)
        (LEAD + "从地区看,广东、浙江回升势头较好,一季度两省均实现正增长。从重点产品看,粗钢产量同比增长6.1%。\n",
         date(2023, 4, 21), 6.1, "region", "全国"),
        # a county named short before the whole of it (BR)
        (LEAD + "今年第三季度,云霄全县共签约招商项目17个,计划总投资44.8亿元。\n", date(2020, 10, 10), 17, "region",
         "云霄县"),
        # a purchasing managers' index named in full, its acronym in brackets, then 录得 (BO)
        (LEAD + "4月财新中国制造业采购经理人指数(PMI),录得51.1,较3月回升0.1个百分点。\n", date(2023, 5, 3), 51.1,
         "unit", "%"),
        # a heading marked by a square names the year and the goals of the bullets under it (CA)
        ("报告摘要\n\n■ 2025年经济社会发展的主要预期目标\n\n●经济增长6%左右\n\n●城镇新增就业70万人以上\n",
         date(2025, 1, 17), 7e5, "period", "2025"),
        ("报告摘要\n\n■ 2025年经济社会发展的主要预期目标\n\n●经济增长6%左右\n\n●城镇新增就业70万人以上\n",
         date(2025, 1, 17), 7e5, "modality", "target"),
        (LEAD + "省长指,今年经济社会发展的主要预期目标是:地区生产总值增长5%。\n", date(2024, 1, 23), 5, "period",
         "2024"),
        # a year's plan is that year's target, in a half-year's sentence too (BZ, BR)
        (LEAD + "2023年县级重点项目共530项,年度计划投资561.86亿元,1-6月累计完成投资362.32亿元。\n", date(2023, 7, 20),
         5.6186e10, "period", "2023"),
        (LEAD + "2023年县级重点项目共530项,年度计划投资561.86亿元,1-6月累计完成投资362.32亿元。\n", date(2023, 7, 20),
         5.6186e10, "modality", "target"),
        # a class of projects sized by a range, and the total investment of the projects just counted (BR)
        (LEAD + "其中,50亿元至100亿元项目3个,总投资205.7亿元。\n", date(2020, 4, 11), 3, "subject",
         "50亿元至100亿元项目"),
        (LEAD + "其中,50亿元至100亿元项目3个,总投资205.7亿元。\n", date(2020, 4, 11), 2.057e10, "subject",
         "50亿元至100亿元项目总投资"),
        # list members that name their own amounts take no head from the last (BR)
        (LEAD + "全市批发业销售额、零售业销售额、餐饮业营业额分别增长12.4%、6.2%和8.8%。\n", date(2020, 7, 20), 6.2,
         "subject", "零售业销售额"),
        # a gloss, a bare comparative after a basis, a record's span, a zero written as a circle (BC, BA, BJ)
        (LEAD + "一季度第二产业,也就是工业用电量是8025亿千瓦时。\n", date(2024, 4, 11), 8.025e11, "subject",
         "工业用电量"),
        (LEAD + "人民币贷款占同期社会融资规模的81.4%,同比高19.6个百分点。\n", date(2019, 1, 20), 19.6, "subject",
         "人民币贷款"),
        (LEAD + "外汇存底增长一六五点○四亿美元。\n", date(2010, 2, 10), 1.6504e10, "unit", "USD"),
        # the city's own zone listed among its counties (BZ)
        ("六安市招商引资情况\n1-9月份全市固投亿元以上新签约项目344个,分别为:裕安区44个、市开发区39个、叶集区19个。\n",
         date(2022, 10, 20), 39, "region", "六安市开发区"),
        # 负 written before a figure in a list is its sign (BW)
        (LEAD + "第二产业、第三产业和其他服务业分别增长6.7%、0.8%和负6.8%。\n", date(2004, 1, 20), -6.8, "subject",
         "其他服务业"),
        # an amount signed right after its name; a holder's 利税 among its accounts (BS)
        (LEAD + "1-3月份,黑色金属冶炼和压延加工业利润总额-213.6亿,电力行业利润总额增长8%。\n", date(2024, 4, 27),
         -2.136e10, "unit", "CNY"),
        (LEAD + "电子行业实现主营业务收入467.49亿元、利税50.11亿元、利润35.20亿元。\n", date(2013, 12, 20), 5.011e9,
         "subject", "电子行业利税"),
        # a year looked back on dates the counts the review states with no time of their own (AS)
        ("2022年是极不平凡的一年。全年地区生产总值完成407.3亿元,比上年增长3.6%。\n全盟城镇完成新增就业2770人。\n",
         date(2023, 4, 10), 2770, "period", "2022"),
        # what the figure made it ends the name (CA)
        (LEAD + "工业经济总量成为全区第四个突破2000亿元的盟市。\n", date(2025, 1, 10), 2e11, "subject", "工业经济总量"),
        # a year said inside a name leaves it (BU)
        (LEAD + "新能源汽车去年产量达到1300万辆。\n", date(2025, 3, 10), 1.3e7, "subject", "新能源汽车产量"),
        # the whole a part contributes to or is a share of, said before the figure: the part is the subject (BX)
        (LEAD + "全省装备制造业增加值同比增长15.2%,为全省规上工业增长贡献67.1%,占规上工业比重达40.3%。\n",
         date(2024, 7, 23), 40.3, "subject", "装备制造业增加值"),
        (LEAD + "全省装备制造业增加值同比增长15.2%,为全省规上工业增长贡献67.1%,占规上工业比重达40.3%。\n",
         date(2024, 7, 23), 67.1, "measure", "contribution"),
        # what was received is named after its figure (BX)
        (LEAD + "14个设备更新项目获15.3亿元贷款额度。\n", date(2025, 11, 6), 1.53e9, "subject", "贷款额度"),
        # the market's forecast set beside the reading, as the Hong Kong press writes it (BJ)
        (LEAD + "9月以美元计价出口年增8.3%,多过市场预期的6.6%。\n", date(2023, 10, 13), 6.6, "subject",
         "以美元计价出口"),
        (LEAD + "中国首季GDP按年大增18.3%,接近市场预期的18.5%。\n", date(2021, 4, 16), 18.5, "modality", "target"),
        # trillions run into an amount with its currency, as Taiwan's press writes it (BJ)
        (LEAD + "今年前两个月,中国累计进出口总值1兆995.4亿美元,年增21%。\n", date(2021, 3, 8), 1.09954e12, "unit",
         "USD"),
        # the places counted, then each place's figure: what the count says they measure (BX)
        (LEAD + "9个市州工业固定资产投资增速回落,其中:金昌市回落1.8个百分点,平凉市回落1.9个百分点。\n",
         date(2025, 10, 31), -1.9, "subject", "工业固定资产投资"),
        # a rate grown to its new level (增长为96.4%) (BQ)
        (LEAD + "截至今年5月底,民营经济主体占比从2019年的95.5%增长为96.4%。\n", date(2024, 6, 13), 96.4, "measure",
         "share"),
        # a registry's status and a total said of the registered leave the name (BQ)
        (LEAD + "截至今年5月底,中国实有民营经济主体总量18045万户。\n", date(2024, 6, 13), 1.8045e8, "subject",
         "民营经济主体"),
        # the members of a year's list, announced before the year is out, are counted, not planned (CB)
        (LEAD + "省工信厅日前公布2025年第一批省级专精特新中小企业认定名单,我市42家企业入选。\n", date(2025, 5, 28), 42,
         "modality", "actual"),
        (LEAD + "省工信厅日前公布2025年第一批省级专精特新中小企业认定名单,我市42家企业入选。\n", date(2025, 5, 28), 42,
         "subject", "省级专精特新中小企业"),
        # a rate said before the article names any period is of the first period it names (BJ, BO)
        ("初步核算,全县地区生产总值同比增长5.2%。一季度,全县规上工业增加值增长6.1%。\n", date(2025, 4, 22), 5.2,
         "period", "2025-Q1"),
        # a figure bracketed alone after a place is the place's value of what was measured before (CC)
        (LEAD + "从前三季度GDP增速看,6个经济大省中,除广东(3.4%)外,其余省份增速都快于全国水平,"
                "依次为江苏(5.7%)、山东(5.6%)。\n",
         date(2024, 10, 25), 5.6, "subject", "GDP"),
        (LEAD + "从前三季度GDP增速看,6个经济大省中,除广东(3.4%)外,其余省份增速都快于全国水平,"
                "依次为江苏(5.7%)、山东(5.6%)。\n",
         date(2024, 10, 25), 3.4, "measure", "growth"),
        (LEAD + "前三季度,广东GDP总量达99939.18亿元,与紧随其后的江苏(97744.3亿元)同处“9万亿”档。\n", date(2024, 10, 25),
         9.77443e12, "subject", "GDP"),
        (LEAD + "前三季度GDP增速依次为江苏(5.7%)、山东(5.6%)。\n", date(2024, 10, 25), 5.6, "region", "山东省"),
        # coal equivalent and capacities per day keep their units (CE)
        (LEAD + "今年1-10月,全州规模工业综合能源消费量为33.08万吨标准煤,比去年同期增长13.4%。\n",
         date(2025, 11, 20), 330800, "unit", "吨标准煤"),
        (LEAD + "截至2022年底,全国城市污水日处理能力2.15亿立方米/日,较2012年增长83.2%。\n",
         date(2023, 6, 5), 2.15e8, "unit", "立方米/日"),
        (LEAD + "全省规上工业单位增加值能耗下降3.5%,为0.8吨标准煤/万元。\n", date(2025, 2, 1), 0.8,
         "unit", "吨标准煤/万元"),
        # a time counted back (10年前) and a span of years (8年间) are no names; a compound rate points back (CE, AZ)
        (LEAD + "2022年,全国生态环保产业营业收入约2.22万亿元,比10年前增长约372.3%,年均复合增长率达15.1%。\n",
         date(2023, 6, 5), 372.3, "subject", "生态环保产业营业收入"),
        (LEAD + "2022年,全国生态环保产业营业收入约2.22万亿元,比10年前增长约372.3%,年均复合增长率达15.1%。\n",
         date(2023, 6, 5), 15.1, "subject", "生态环保产业营业收入"),
        (LEAD + "2013-2021年,数字经济发展指数8年间增长了4.61倍,年复合增长率24.06%。\n", date(2022, 9, 1), 24.06,
         "subject", "数字经济发展指数"),
        (LEAD + "2019年前五个月新发放普惠型小微企业贷款平均利率6.89%。\n", date(2019, 6, 20), 6.89, "period",
         "2019-01/2019-05"),
        # how the places moved, counted (六增二降), is no part of the name (CE)
        (LEAD + "1-10月八县市规模工业综合能源消费量六增二降,其中花垣县、保靖县呈上升趋势,分别增长84.1%、38.7%。\n",
         date(2025, 11, 20), 38.7, "subject", "规模工业综合能源消费量"),
        # the members listed after a colon, the measure in the clause with the figures (CE)
        (LEAD + "五大高耗能行业综合能源消费量呈四升一降态势,其中上升的行业有:黑色金属冶炼和压延加工业、"
                "非金属矿物制品业,综合能源消费量分别上升332.8%、12.6%。\n", date(2025, 11, 20), 12.6, "subject",
         "非金属矿物制品业综合能源消费量"),
        # 于 before a time says when, not against what; a paper's dateline is no name (CD)
        (LEAD + "我国研发经费总量于2012年突破1万亿元,2019年突破2万亿元。\n", date(2024, 10, 2), 1e12, "period", "2012"),
        (LEAD + "科技日报深圳电 2022年,36个城市技术合同成交额均值为721.78亿元。\n", date(2023, 3, 2), 7.2178e10,
         "subject", "技术合同成交额均值"),
        (LEAD + "2024年技术合同成交额更达6.8万亿元。\n", date(2025, 1, 20), 6.8e12, "subject", "技术合同成交额"),
        # 今日 opening a daily report dates its figures; a market's trades are accounts of the kind traded (CE)
        (LEAD + "今日挂牌协议交易成交量157,536吨,成交额15,764,291.20元。\n", date(2024, 9, 30), 15764291.2,
         "subject", "挂牌协议交易成交额"),
        (LEAD + "今日挂牌协议交易成交量157,536吨,成交额15,764,291.20元。\n", date(2024, 9, 30), 157536,
         "period", "2024-09-30"),
        # a rate said per year (年增速) points back to what was named (CE)
        (LEAD + "中国节能环保产业产值超8万亿元,年增速10%以上。\n", date(2023, 2, 20), 10, "subject",
         "节能环保产业产值"),
        # the things counted end before they enter a list (进入《…名录》) (CB)
        (LEAD + "经专家评审,拟核定400个5G工厂项目进入《2024年5G工厂名录》。\n", date(2024, 11, 15), 400, "subject",
         "5G工厂项目"),
        # a bound said once before a 分别 list bounds every member; the base a goal builds on is no name (CD)
        (LEAD + "到2027年,全区高新技术企业和科技型企业在2022年的基础上实现“双倍增”,分别超过90家和870家。\n",
         date(2024, 5, 1), 870, "qualifier", "at_least"),
        (LEAD + "到2027年,全区高新技术企业和科技型企业在2022年的基础上实现“双倍增”,分别超过90家和870家。\n",
         date(2024, 5, 1), 870, "subject", "科技型企业"),
        (LEAD + "全区规上工业企业和高新技术企业分别为90家以上和870家。\n", date(2024, 5, 1), 870, "qualifier", "exact"),
        # a daily output named bare after the total is the product's, in the total's unit (CF)
        (LEAD + "2024年6月,全国生产粗钢9161万吨、同比增长0.2%,日产305.37万吨/日、环比增长1.9%。\n", date(2024, 7, 20),
         3053700, "subject", "粗钢日产"),
        (LEAD + "2024年6月,全国生产粗钢9161万吨、同比增长0.2%,日产305.37万吨/日、环比增长1.9%。\n", date(2024, 7, 20),
         3053700, "unit", "t"),
        # places that have the most of a thing (浙江和山东的企业数量最多) are each their figure's (CB, BN)
        (LEAD + "浙江和山东的企业数量最多,分别达到212家和200家。\n", date(2025, 6, 1), 200, "region", "山东省"),
        (LEAD + "浙江和山东的企业数量最多,分别达到212家和200家。\n", date(2025, 6, 1), 200, "subject", "企业数量"),
        (LEAD + "六省入榜数量相差不大,分别为28个、23个。\n", date(2025, 6, 1), 23, "subject", "入榜数量"),
        (LEAD + "在1.19亿户个体工商户中,其中江苏省和广东省最多,均占全国8%以上。\n", date(2023, 7, 20), 8, "subject",
         "个体工商户"),
        # a heading's catchword before a dash, 现有, and 双双 (both of two) (CG)
        (LEAD + "动能向新——工业投资增长6.7%,占固投比重35.5%。\n", date(2025, 2, 1), 6.7, "subject", "工业投资"),
        (LEAD + "全年全市石化—纺织鞋服产业链群规上工业增加值增长2.4%。\n", date(2024, 2, 1), 2.4, "subject",
         "石化—纺织鞋服产业链群规上工业增加值"),
        (LEAD + "河南省现有工业企业27.2万户、其中规上工业企业2.58万户。\n", date(2024, 10, 12), 272000, "subject",
         "工业企业"),
        # 推进 carries out what it names; 建成 is a project's stage (CG)
        (LEAD + "大力推进投资500万元以上重点技术改造项目1000个。\n", date(2024, 7, 20), 1000, "subject",
         "投资500万元以上重点技术改造项目"),
        (LEAD + "全年1166个重点项目建成投产。\n", date(2024, 12, 30), 1166, "subject", "重点项目"),
        # a meeting sums up one year's work and plans the next: its figures are of the year summed up (CG)
        ("各地工业和信息化主管部门撰稿,总结2024年重点工作,畅谈2025年工作思路。\n规模以上工业增加值增长5.5%。"
         "强化企业在技术创新中的主体地位,创建123家市级企业技术中心。\n", date(2025, 1, 10), 123, "period", "2024"),
        # the year a meeting plans for is not the year its review speaks of (CG)
        ("2023年全省工业和信息化工作会议召开\n会议总结2022年全省工信工作、部署2023年重点任务。\n"
         "2022年以来,全年规上工业增加值增长5.7%。产业结构不断优化,全年高技术产业增加值增长17.1%。\n",
         date(2023, 2, 1), 17.1, "period", "2022"),
        # 全年 after a goal's verb is the year in progress, even in January (CG)
        (LEAD + "力争全年推进3000个投资亿元以上工业重大项目,带动完成工业投资5000亿元左右。\n", date(2026, 1, 20), 3000,
         "period", "2026"),
        # 今年 before a place's main goals (,今年惠州经济社会发展的主要预期目标是) dates them (CA)
        (LEAD + "报告提到,今年惠州经济社会发展的主要预期目标是,地区生产总值增长6%左右。\n", date(2025, 2, 20), 6,
         "period", "2025"),
        # lengths in 米 (with 百万 before them), transformers in 千伏安, 千米 a unit of its own (BX, AW)
        (LEAD + "电力电缆产量145.2百万米,增长21.7%。\n", date(2024, 10, 20), 1.452e8, "unit", "米"),
        (LEAD + "变压器产量381.2万千伏安,增长35.4%。\n", date(2024, 10, 20), 3812000, "unit", "千伏安"),
        (LEAD + "电力电缆42748千米,增长17.5%。\n", date(2024, 10, 20), 42748, "unit", "公里"),
        # members counted with a list named with its year are that year's (CB, BM)
        (LEAD + "经评审,拟核定400个5G工厂项目进入《2024年5G工厂名录》。\n", date(2024, 11, 15), 400, "period", "2024"),
        # GDP's total at current prices is GDP (BW)
        (LEAD + "经最终核实,2020年GDP现价总量为1015986亿元,比初步核算数减少170亿元。\n", date(2021, 12, 20),
         1.015986e14, "subject", "GDP"),
        # the day of a groundbreaking dates what was started, in the sentence after it too (BR, AQ, BG)
        (LEAD + "3月6日上午,全市一季度重大项目集中开工活动举行。总投资212.5亿元的46个项目同时开工。\n",
         date(2024, 3, 7), 2.125e10, "period", "2024-03-06"),
        (LEAD + "3月企业中长期贷款新增1.1万亿元,同比多增6048亿元。\n", date(2023, 4, 11), 6.048e11, "subject",
         "企业中长期贷款同比多增"),
        (LEAD + "全国登记在册个体工商户已达1.09亿户。\n", date(2022, 10, 13), 1.09e8, "subject", "个体工商户"),
        (LEAD + "截至2019年底,全国共建成5G基站13万个。\n", date(2020, 1, 20), 1.3e5, "subject", "5G基站"),
        (LEAD + "首席分析师姜超预计3月CPI食品价格环比下降1.5%。\n", date(2014, 4, 9), -1.5, "subject", "CPI食品价格"),
        (LEAD + "2018年,企业债券净融资2.48万亿元,同比多2.03万亿元。\n", date(2019, 1, 20), 2.03e12, "subject",
         "企业债券净融资多"),
        (LEAD + "2018年,对实体经济发放的外币贷款折合人民币减少4201亿元。\n", date(2019, 1, 20), 4.201e11, "subject",
         "对实体经济发放的外币贷款减少"),
        # power and energy of the same stock written as a pair (7376万千瓦/1.68亿千瓦时): one subject (BC11)
        (LEAD + "截至2024年底,全国已建成投运新型储能项目累计装机规模达7376万千瓦/1.68亿千瓦时。\n", date(2025, 1, 23),
         1.68e8, "subject", "投运新型储能项目装机规模"),
        # a purchasing managers' index written without its % is in percent (BO01)
        (LEAD + "中国2月官方制造业PMI为49,预期49.1,前值49.3。\n", date(2026, 3, 4), 49, "unit", "%"),
        # 数 after the things counted is no part of their name (BM02)
        (LEAD + "全省省级专精特新中小企业数达4157家。\n", date(2023, 1, 10), 4157, "subject", "省级专精特新中小企业"),
        # places counted as those the things are spread over: their figures after count those things (BN04)
        (LEAD + "2022中国工业百强县分布在全国18个省份,其中山东省有11个,与上一年相比增加了5个。\n",
         date(2022, 12, 20), 11, "subject", "工业百强县"),
        (LEAD + "2022中国工业百强县分布在全国18个省份,其中山东省有11个,与上一年相比增加了5个。\n",
         date(2022, 12, 20), 11, "region", "山东省"),
        # 生产制造 is a kind of activity, no output of 制造 (BM09)
        (LEAD + "2025年,生产制造类应用场景覆盖率超过70%。\n", date(2025, 12, 20), 70, "subject",
         "生产制造类应用场景覆盖率"),
        # a purchasing managers' index's previous reading and the market's forecast, bare after it (BO01)
        (LEAD + "中国2月官方制造业PMI为49,预期49.1,前值49.3。\n", date(2026, 3, 4), 49.3, "period", "2026-01"),
        (LEAD + "中国2月官方制造业PMI为49,预期49.1,前值49.3。\n", date(2026, 3, 4), 49.1, "modality", "target"),
        # members that end alike (…类), one of them a list of its own (服装、鞋帽、针纺织品类) (BE01)
        (LEAD + "上半年,粮油食品类、日用品类和服装、鞋帽、针纺织品类分别实现零售额31.4亿元、15.7亿元、34.9亿元。\n",
         date(2015, 7, 20), 3.49e9, "subject", "服装、鞋帽、针纺织品类零售额"),
        # a kind of goods said with how it fared, then 实现 and its figure: the kind's (BE01)
        (LEAD + "上半年,通讯器材类增势良好,实现零售额4.6亿元,增长18.8%。\n", date(2015, 7, 20), 18.8, "subject",
         "通讯器材类零售额"),
        (LEAD + "上半年,石油及制品类商品有所回落,实现零售额46.0亿元,下降1.7%。\n", date(2015, 7, 20), -1.7, "subject",
         "石油及制品类商品零售额"),
        # a firm's 期内, compared quarter on quarter, is the quarter that ended before the page (AT04)
        (LEAD + "中芯期内收入22.09亿美元,按年升16.2%,按季跌1.7%。\n", date(2025, 8, 8), 2.209e9, "period", "2025-Q2"),
        # the three industries named by their structure, then lists of their contributions and pulls (AS08)
        (LEAD + "2023年,三次产业结构为8.4:40.9:50.7,对经济增长贡献率分别为4.8%、28.4%和66.8%,分别拉动经济增长0.3、2.0"
         "和4.6个百分点。\n", date(2024, 3, 20), 28.4, "subject", "第二产业"),
    ],
)
def test_assemble_one_field(text, pub, value, field, expected) -> None:
    assert getattr(_one(_facts(text, pub=pub), value), field) == expected


def test_assemble_a_sentence_in_another_language_yields_nothing() -> None:
    # AO02: a repost's English version restates the Chinese figures under words the grammar cannot read
    text = ("1-7月,全国规模以上工业企业实现利润总额39038.1亿元,同比增长17.1%。\n"
            "From January to July, the total profits of industrial enterprises reached 3903.81 billion yuan, "
            "a year-on-year increase of 17.1%.\n")
    facts = _facts(text, pub=date(2018, 8, 27))
    assert [f.subject for f in facts if f.value == 17.1] == ["规模以上工业企业利润总额"]


@pytest.mark.parametrize(
    "text",
    [
        "他对统计工作提出要求:一是聚焦发展大势;二是深入基层一线,带着问题去调研。全省规模以上工业增加值增长8%。\n",
        "主要工业产品工业硅、铁合金、十种有色金属、发电量等的产量均有增长。全省规模以上工业增加值增长8%。\n",
        "全省深入实施三个“一号工程”和“十项重大工程”,经济运行持续向好。全省规模以上工业增加值增长8%。\n",
    ],
)
def test_assemble_numerals_in_idioms_and_quoted_names_are_no_facts(text) -> None:
    # AP14 (一线), AP01 (十种有色金属), AP04/AP05 (“十项重大工程”): only the growth is a fact
    assert [f.value for f in _facts(text, pub=date(2023, 11, 15))] == [8.0]


def test_assemble_a_lone_surrogate_in_traditional_text_is_read_around() -> None:
    # a JSON source can carry "\udcc7": opencc cannot encode it, so it once raised UnicodeEncodeError
    text = "第一季度全省規模以上工業增加值同比增長19.1%" + chr(0xDCC7) + ",工業投資增長8.2%。\n"
    assert [f.value for f in _facts(text, pub=date(2007, 5, 12))] == [19.1, 8.2]


def test_assemble_a_table_header_without_a_year_is_in_the_table_s_year() -> None:
    # AP03: a 2022 bulletin published in 2023; 占年末…比重 under a title of 2022年年末 is 2022's year end
    text = ("全省2022年国民经济和社会发展统计公报\n2022年全省地区生产总值增长1.2%。\n"
            "表1 2022年年末常住人口数及其构成\n指标名称 | 绝对数(万人) | 占年末常住人口比重(%) |\n"
            "年末常住人口 | 3856 | 100 |\n城镇 | 2114 | 54.81 |\n乡村 | 1742 | 45.19 |\n")
    assert _one(_facts(text, pub=date(2023, 5, 17)), 45.19).period == "2022-12-31"


def test_assemble_a_table_flattened_with_separator_lines_and_uneven_upper_headers() -> None:
    # AR04: one cell per line with | lines between; 3月 spans 环比 and 同比, 1—3月平均 the second 同比;
    # a row label numbered as a heading (一、) is a row
    cells = ["3月", "1—3月平均", "环比涨跌幅(%)", "同比涨跌幅", "(%)", "同比涨跌幅", "(%)",
             "一、工业生产者出厂价格", "0.3", "-0.3", "0.1", "生产资料", "0.2", "-0.8", "-0.4"]
    text = "国家统计局发布工业生产者价格数据。\n" + "\n|\n".join(cells) + "\n"
    facts = _facts(text, pub=date(2012, 4, 9))
    got = {(f.subject, f.value): (f.period, f.basis) for f in facts}
    assert got[("工业生产者出厂价格", 0.3)] == ("2012-03", "mom")
    assert got[("工业生产者出厂价格", -0.3)] == ("2012-03", "yoy")
    assert got[("生产资料", -0.4)] == ("2012-Q1", "yoy")


def test_assemble_a_city_bulletin_dated_in_brackets_the_year_after() -> None:
    # AS07: (2023年4月) is when the 2022 bulletin was issued; 全年 and 年末 are 2022's. The city named once
    # in its bureau's name is the bulletin's though the province is named more (its survey team), for the
    # text speaks of 全市 only.
    text = ("乌鲁木齐市统计局\n(2023年4月)\n2022年,全市上下实现经济平稳健康发展。地区生产总值增长1.1%。\n"
            "年末全市常住人口408.24万人。全年新增城镇就业10.5万人。\n"
            "据国家统计局新疆调查总队资料显示,工业生产者出厂价格比上年上涨12.3%。\n"
            "据国家统计局新疆调查总队资料显示,全市居民消费价格上涨1.6%。\n")
    facts = _facts(text, pub=date(2023, 4, 30))
    assert (_one(facts, 4082400).period, _one(facts, 105000).period) == ("2022-12-31", "2022")
    assert {_one(facts, v).region for v in (1.1, 4082400, 105000, 1.6)} == {"乌鲁木齐市"}


def test_assemble_a_county_named_twice_keeps_its_figures_though_the_prefecture_s_word_occurs() -> None:
    # AS06: a banner's work report mentions a 全盟 meeting; its own figures stay the banner's
    text = ("2022年正蓝旗人民政府工作报告\n现在,我代表正蓝旗人民政府向大会报告工作。正蓝旗积极推进转型发展。\n"
            "2021年,地区生产总值达到58.8亿元,完成全社会固定资产投资76.8亿元。承办了全盟推进现代化肉牛产业发展现场会。\n")
    facts = _facts(text, pub=date(2022, 1, 10))
    assert _one(facts, 5.88e9).region == "正蓝旗"


def test_assemble_a_local_bureau_s_release_naming_no_place_is_not_the_nation_s() -> None:
    # AW11: 记者从区统计局获悉 … and no place named: some district's figures, place unknown, never 全国
    text = "记者从区统计局获悉,今年1—10月经济运行稳中有进。其中,规模以上工业实现总产值490.5亿元,同比增长6.5%。\n"
    assert _one(_facts(text, pub=date(2021, 11, 26)), 6.5).region is None


def test_assemble_figures_with_masked_digits_are_no_values() -> None:
    # AS04: a page that blanks its figures (2112.*亿元, 增长*.2%); the figures written whole stay
    text = LEAD + "2022年,全市GDP达到2112.*亿元,增长*.2%;规上工业增加值增长9.7%。\n"
    assert [f.value for f in _facts(text, pub=date(2023, 1, 22))] == [9.7]


def test_assemble_both_of_two_things_named_each_take_the_figure() -> None:
    facts = _facts(LEAD + "新能源汽车产量和销量双双突破1000万辆。\n", pub=date(2024, 1, 12))
    assert sorted(f.subject for f in facts if f.value == 1e7) == ["新能源汽车产量", "新能源汽车销量"]
