"""find_mentions: numbers that carry a unit, their value, unit and qualifiers."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhibiao.extract.mentions import (
    COUNT,
    INDEX,
    MONEY,
    PERCENT,
    PHYSICAL,
    POINTS,
    TENTHS,
    TIMES,
    find_mentions,
)


def _summary(sentence: str, masked: list[tuple[int, int]] | None = None) -> list[tuple]:
    return [(m.value, m.kind, m.unit) for m in find_mentions(sentence, masked or [])]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("1至5月,软件业务收入55788亿元。", [("5578800000000", MONEY, "CNY")]),
        ("全年出口额达38.6亿美元。", [("3860000000", MONEY, "USD")]),
        ("累计实现营业收入三万亿元。", [("3000000000000", MONEY, "CNY")]),
        ("合同金额为1,234.5万元。", [("12345000", MONEY, "CNY")]),
        ("目前已建成1.85万个5G基站。", [("18500", COUNT, "count")]),
        ("新增数据标注550多万条。", [("5500000", COUNT, "count")]),
        ("共有2400余家企业参与。", [("2400", COUNT, "count")]),
        ("全省共有一千二百家企业上榜。", [("1200", COUNT, "count")]),
        ("新开工十个项目。", [("10", COUNT, "count")]),
        ("销量突破100万辆。", [("1000000", COUNT, "count")]),
        # a page that spaces its figures out
        ("软件业务收入 14461 亿元,同比增长 11%。", [("1446100000000", MONEY, "CNY"), ("11", PERCENT, "%")]),
        ("共有 12 家企业参与。", [("12", COUNT, "count")]),
        ("1.1 本公司董事会保证本报告内容真实。", []),
        ("CSPI平均值为92.79点,上午8点发布。", [("92.79", PHYSICAL, "点")]),
        ("同比增长11.2%。", [("11.2", PERCENT, "%")]),
        ("出生率为8.5‰。", [("8.5", PERCENT, "‰")]),
        ("占比百分之十二点五。", [("12.5", PERCENT, "%")]),
        ("增速加快0.8个百分点。", [("0.8", POINTS, "pp")]),
        ("出口增长3倍。", [("3", TIMES, "times")]),
        ("近八成企业实现盈利。", [("80", TENTHS, "%")]),
        ("发电装机容量10190万千瓦。", [("101900000", PHYSICAL, "千瓦")]),
        ("粗钢产量1.2亿吨。", [("120000000", PHYSICAL, "t")]),
        ("收购生猪4000公斤。", [("4", PHYSICAL, "t")]),
        # a yield per unit, in the units written
        ("单位面积产量5506公斤/公顷。", [("5506", PHYSICAL, "公斤/公顷")]),
        # a bare number after a noun that is a count
        ("规上企业从业人数约2700万。", [("27000000", COUNT, "count")]),
        ("本月用户数为38671。", [("38671", COUNT, "count")]),
        # a purchasing managers' index written without its % is in percent, as its releases print it (BO03);
        # another index level has no unit
        ("采购经理指数(PMI)录得48.1,较8月下降1.4个百分点。", [("48.1", PERCENT, "%"), ("1.4", POINTS, "pp")]),
        ("贸易价格条件指数为112.1。", [("112.1", INDEX, "")]),
        ("全社会用电量1234.5亿千瓦时。", [("123450000000", PHYSICAL, "kWh")]),
        # 亿 or more with no unit, after an amount of money: yuan; after anything else no quantity
        ("全省工业增加值达1.38万亿、居全国第11位。", [("1380000000000", MONEY, "CNY")]),
        ("全年营收超万亿。", [("1000000000000", MONEY, "CNY")]),
        ("全省常住人口达1.2亿。", []),
        # 百 opens 百分点, no multiplier there
        ("分别高7个和2百分点。", [("7", POINTS, "pp"), ("2", POINTS, "pp")]),
        ("提高0.5百分点,达到2百家。", [("0.5", POINTS, "pp"), ("200", COUNT, "count")]),
        # telecom equipment capacity: lines, channels
        ("程控交换机388.7万线,移动通信基站1280.9万信道。",
         [("3887000", PHYSICAL, "线"), ("12809000", PHYSICAL, "信道")]),
        ("营业收入55788亿元,同比增长11.2%。",
         [("5578800000000", MONEY, "CNY"), ("11.2", PERCENT, "%")]),
        ("5、6月当月同比增速分别为3.5%、4.4%。", [("3.5", PERCENT, "%"), ("4.4", PERCENT, "%")]),
        # a minus sign after a copula, a list mark or a verb; a dash between figures is a range
        ("人口自然增长率为-3.19‰。", [("-3.19", PERCENT, "‰")]),
        ("增速分别为0.15、-5.64、1.34个百分点。",
         [("0.15", POINTS, "pp"), ("-5.64", POINTS, "pp"), ("1.34", POINTS, "pp")]),
        ("工业增长-2.5%。", [("-2.5", PERCENT, "%")]),
        ("占比在30%-40%之间。", [("30", PERCENT, "%"), ("40", PERCENT, "%")]),
        ("自然增长率比上年下降3.18个千分点。", [("3.18", POINTS, "千分点")]),
        # a yield named by the unit it is per keeps its units as written
        ("亩产436.2公斤,增长0.2%。", [("436.2", PHYSICAL, "公斤/亩"), ("0.2", PERCENT, "%")]),
        ("夏粮总产量1486.5万吨。", [("14865000", PHYSICAL, "t")]),
        # hours only where the sentence speaks of a plant's hours of use
        ("发电设备平均利用小时数为1038小时,同比减少36小时。",
         [("1038", PHYSICAL, "小时"), ("36", PHYSICAL, "小时")]),
    ],
)
def test_mentions_value_kind_unit(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert _summary(sentence) == [(Decimal(v), k, u) for v, k, u in expected]


@pytest.mark.parametrize(
    ("sentence", "infix", "suffix"),
    [
        ("新增数据标注550多万条。", "多", None),
        ("共有2400余家企业参与。", "余", None),
        ("人均收入约3.5万元左右。", None, "approx"),
        ("利润总额达到2.8万亿元以上。", None, "at_least"),
        ("单笔金额在50万元以下。", None, "at_most"),
        ("单笔金额在50万元以内。", None, "at_most"),
        ("软件业务收入55788亿元。", None, None),
    ],
)
def test_mentions_infix_and_suffix_qualifiers(sentence: str, infix: str | None, suffix: str | None) -> None:
    (m,) = find_mentions(sentence, [])
    assert (m.infix, m.suffix) == (infix, suffix)


@pytest.mark.parametrize(
    ("sentence", "values", "unit"),
    [
        ("增速分别提高0.7和3.3个百分点。", ["0.7", "3.3"], "pp"),
        ("分别下降1.3个、0.9个、1.8个百分点。", ["1.3", "0.9", "1.8"], "pp"),
        ("分别为3.5、4.4和5.0个百分点。", ["3.5", "4.4", "5.0"], "pp"),
        ("分别增长12、15和18%。", ["12", "15", "18"], "%"),
        ("分别达到1.2万、1.5万个。", ["12000", "15000"], "count"),
        ("分别达到120、135亿元。", ["12000000000", "13500000000"], "CNY"),
    ],
)
def test_mentions_bare_number_takes_list_unit(sentence: str, values: list[str], unit: str) -> None:
    mentions = find_mentions(sentence, [])
    assert [m.value for m in mentions] == [Decimal(v) for v in values]
    assert {m.unit for m in mentions} == {unit}
    assert [m.bare for m in mentions] == [True] * (len(values) - 1) + [False]


@pytest.mark.parametrize(
    "sentence",
    [
        "加快5G网络建设。",
        "位列全球前10名。",
        "实现两位数增长。",
        "规模位居全国第一。",
        "连续3年保持增长。",
        "价格创4个月最大跌幅。",  # a record's span
        "结束连8个月的收缩。",  # a streak
        "3年来持续推进。",  # a span of time up to now
        "3年,累计完成投资。",  # a span standing alone as its clause frames what follows
        "据消息,3年,新增企业。",
        "近5年以来稳步推进。",
        "10年间不断提升。",
        "同比增长了12。",
        "今年有一家企业上市。",
        "出台一系列政策措施。",
        "是全国唯一一家。",
        "推动“十四五”规划落地。",
        "十分重要。",
        "5G、AI等技术。",
        "24小时滚动播报最新的财经资讯。",
        "成绩分别为2小时22分07秒。",
    ],
)
def test_mentions_non_mentions(sentence: str) -> None:
    assert find_mentions(sentence, []) == []


def test_mentions_masked_span_holds_no_mention() -> None:
    sentence = "“51020”集群产值达到2000亿元。"
    start = sentence.index("51020")
    mentions = find_mentions(sentence, [(start, start + 5)])
    assert [m.value for m in mentions] == [Decimal("200000000000")]


def test_mentions_masked_date_span() -> None:
    sentence = "7月18日,新增项目15个。"
    mentions = find_mentions(sentence, [(0, 5)])
    assert [(m.value, m.kind) for m in mentions] == [(Decimal(15), COUNT)]


@pytest.mark.parametrize(
    ("sentence", "start_text", "end_text"),
    [
        ("收入55788亿元,同比增长", "55788", "55788亿元"),
        ("约3.5万元左右。", "3.5", "3.5万元左右"),
        ("占比百分之十二点五。", "百分之", "百分之十二点五"),
    ],
)
def test_mentions_span_covers_number_unit_and_suffix(sentence: str, start_text: str, end_text: str) -> None:
    (m,) = find_mentions(sentence, [])
    assert m.start == sentence.index(start_text)
    assert sentence[m.start:m.end] == end_text


@pytest.mark.parametrize(
    ("sentence", "values"),
    [("已建设近万家车间", [10000]), ("建成万余家工厂", [10000]), ("销量超千万台", [10000000]),
     ("万家灯火", []), ("千万不要", []), ("破万亿", [])],
)
def test_mentions_a_bare_multiplier_after_approximation(sentence: str, values: list[int]) -> None:
    assert [m.value for m in find_mentions(sentence, [])] == values


def test_mention_matches_are_those_of_finditer():
    """The search for an opener, then a match there, gives what the pattern's finditer gives."""
    from zhibiao.extract.mentions import _mention_matches, _tables

    texts = ["近万家企业,建成万余家", "百分之十二点五和3.3个百分点", "第3季度增长5%,十个", "١٢٣亿元 and 5G",
             "一二三四五", "千万元、亿元,万亿元以上", "", "增长2.8倍,八成企业", "1,234.5万吨;14461 亿元"]
    for text in texts:
        expected = [(m.span(), m.groupdict()) for m in _tables()["mention"].finditer(text)]
        assert [(m.span(), m.groupdict()) for m in _mention_matches(text)] == expected
