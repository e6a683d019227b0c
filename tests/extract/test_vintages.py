"""Revision language (zhibiao.extract.vintages) and growth bases (zhibiao.extract.bases) on facts."""

from datetime import date

import pytest

from zhibiao.api import extract_text
from zhibiao.extract.vintages import vintage_before


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("初步核算,2023年全年国内生产总值", "preliminary"),
        ("經初步核實,2022年國內生產總值", "verified"),
        ("经最终核实,2022年国内生产总值为", "final"),
        ("修订后,2023年国内生产总值按不变价格计算比上年增长", "revised"),
        ("根据第五次全国经济普查结果修订,2023年国内生产总值比上年增长", "revised"),
        ("修订后,增长5.4%,比修订前提高", "revision"),
        ("比初步核算数提高", "revision"),
        ("修订前为", "pre_revision"),
        ("经季节调整法调整后,2月份当月进出口总值同比增长", None),
        ("上半年,全国规模以上工业增加值同比增长", None),
    ],
)
def test_vintages_the_last_revision_word_before_a_figure(text, expected):
    assert vintage_before(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("初步核算,2023年全年国内生产总值1260582亿元,比上年增长5.2%。",
         [(126058200000000.0, "preliminary"), (5.2, "preliminary")]),
        ("修订后,2023年国内生产总值比上年增长5.4%,比修订前提高0.2个百分点。", [(5.4, "revised"), (0.2, "revision")]),
        ("初步核算,2023年国内生产总值比上年增长5.2%。分季度看,四季度增长5.2%。",
         [(5.2, "preliminary"), (5.2, None)]),  # a revision word holds for its own sentence only
    ],
)
def test_vintages_on_extracted_facts(text, expected):
    facts = extract_text(text, date=date(2024, 1, 17))
    assert [(f.value, f.vintage) for f in facts] == expected
    assert all(("vintage" in f.to_dict()) == (f.vintage is not None) for f in facts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("6月份,规模以上工业增加值同比增长8.3%,比2019年同期增长13.5%,两年平均增长6.5%。",
         [(8.3, "yoy"), (13.5, "vs:2019-06"), (6.5, "avg2y")]),
        ("上半年,规模以上工业增加值同比增长15.9%,比2019年同期增长14.4%。", [(15.9, "yoy"), (14.4, "vs:2019-H1")]),
        ("上半年,规模以上工业增加值比2020年同期增长15.9%。", [(15.9, "yoy")]),  # the year before: year on year
        ("上半年,规模以上工业增加值比上年同期增长15.9%。", [(15.9, "yoy")]),
    ],
)
def test_bases_growth_over_a_written_year_and_two_year_averages(text, expected):
    facts = extract_text(text, date=date(2021, 7, 15))
    assert [(f.value, f.basis) for f in facts if f.measure == "growth"] == expected
