"""Time expressions: find_times against a publication date, and period arithmetic."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from zhibiao.extract import periods
from zhibiao.extract.periods import find_times, previous, shift_year
from zhibiao.rules import load

JUL_2025 = date(2025, 7, 19)
JUL_2023 = date(2023, 7, 20)
JAN_2026 = date(2026, 1, 20)


def _times(sentence: str, pub: date | None) -> list[tuple]:
    return [(sentence[t.start:t.end], t.kind, t.value) for t in find_times(sentence, pub)]


_FIND_TIMES_CASES = [
    # Spans of days: a week's bulletin, a holiday
    ("9月22日—9月28日,全国物流保通保畅运行数据", JUL_2025, "9月22日—9月28日", "period", "2024-09-22/2024-09-28"),
    ("2025年9月29日至10月5日,全社会跨区域人员流动量", date(2025, 10, 8), "2025年9月29日至10月5日", "period",
     "2025-09-29/2025-10-05"),
    ("春节档(2月15~21日)总票房", date(2018, 2, 22), "2月15~21日", "period", "2018-02-15/2018-02-21"),
    ("本周(2019年11月29日—2019年12月5日)指数为116.30", date(2019, 12, 5), "2019年11月29日—2019年12月5日", "period",
     "2019-11-29/2019-12-05"),
    ("2018年12月29日至2019年1月4日,全国", date(2019, 1, 8), "2018年12月29日至2019年1月4日", "period",
     "2018-12-29/2019-01-04"),
    # the first three quarters of a year written out, not "before 2019" and a third quarter
    ("比2019年前三季度增长14.8%", JUL_2025, "2019年前三季度", "period", "2019-01/2019-09"),
    ("2012年前,全省", JUL_2025, "2012年前", "mask", None),
    # Hong Kong's first three quarters; 截至今年 is 截至 + 今年, not 至今
    ("公司截至今年9月底止首三季纯利1665.8亿元", date(2025, 11, 13), "首三季", "period", "2025-01/2025-09"),
    ("公司截至今年9月底止首三季纯利1665.8亿元", date(2025, 11, 13), "今年9月底", "period", "2025-09-30"),
    # Halves, quarters, years
    ("上半年,全国规上工业增加值同比增长6.4%", JUL_2025, "上半年", "period", "2025-H1"),
    ("去年上半年", JUL_2025, "去年上半年", "period", "2024-H1"),
    # a year before a half or a quarter may go without 年; digits run into it are no year
    ("2015上半年规模以上工业增加值同比增长6.3%", JUL_2025, "2015上半年", "period", "2015-H1"),
    ("2023一季度,出口", JUL_2025, "2023一季度", "period", "2023-Q1"),
    ("增长32016年1月,产量", JUL_2025, "2016年1月", "period", "2016-01"),
    ("一季度,出口增长", JUL_2025, "一季度", "period", "2025-Q1"),
    ("第二季度", JUL_2025, "第二季度", "period", "2025-Q2"),
    # Hong Kong's and Taiwan's quarters without 度, and 截至 a month at its last day
    ("截至6月底止第二季股东应占利润", JUL_2025, "第二季", "period", "2025-Q2"),
    ("单计第2季,盈利近46.9亿元", JUL_2025, "第2季", "period", "2025-Q2"),
    ("今年首季", JUL_2025, "今年首季", "period", "2025-Q1"),
    ("截至2025年10月,我国已建成", date(2025, 11, 20), "2025年10月", "period", "2025-10-31"),
    ("今年一季度末", JUL_2025, "今年一季度末", "period", "2025-03-31"),
    ("2023年,全国", JUL_2025, "2023年", "period", "2023"),
    ("2024年全年", JUL_2025, "2024年全年", "period", "2024"),
    ("全年,全国", date(2024, 1, 17), "全年", "period", "2023"),
    ("去年,全国", JUL_2025, "去年", "period", "2024"),
    ("今年全省经济社会发展的主要预期目标是", JUL_2025, "今年", "period", "2025"),
    ("去年全国粮食产量", JUL_2025, "去年", "period", "2024"),
    # ... after a speaker, as after a source (AH02: 温国辉表示,今年经济社会发展主要预期目标是)
    ("市长表示,今年地区生产总值增长7.5%左右", JUL_2025, "今年", "period", "2025"),
    ("他说,去年全国粮食产量", JUL_2025, "去年", "period", "2024"),
    # Months and month ranges
    ("5月份,规上工业", JUL_2025, "5月份", "period", "2025-05"),
    ("2016年1月", JUL_2025, "2016年1月", "period", "2016-01"),
    ("2024年12月", JUL_2025, "2024年12月", "period", "2024-12"),
    ("1至5月,软件业务收入", JUL_2025, "1至5月", "period", "2025-01/2025-05"),
    ("1—5月,软件业务收入", JUL_2025, "1—5月", "period", "2025-01/2025-05"),
    ("今年1—5月", JUL_2025, "今年1—5月", "period", "2025-01/2025-05"),
    ("1—6月,利润", JUL_2025, "1—6月", "period", "2025-H1"),
    ("1-3月,利润", JUL_2025, "1-3月", "period", "2025-Q1"),
    ("1至12月", JUL_2025, "1至12月", "period", "2024"),
    # A period that ends after the publication month is last year's
    ("1-11月份,全国", JAN_2026, "1-11月份", "period", "2025-01/2025-11"),
    # the year said again before the last month
    ("2023年1月至2023年11月,全省", JAN_2026, "2023年1月至2023年11月", "period", "2023-01/2023-11"),
    ("12月,全国", date(2025, 1, 10), "12月", "period", "2024-12"),
    ("8月份", JUL_2025, "8月份", "period", "2024-08"),
    ("前三季度", JUL_2025, "前三季度", "period", "2024-01/2024-09"),
    ("前三季度", date(2025, 10, 20), "前三季度", "period", "2025-01/2025-09"),
    ("前两个月", JUL_2025, "前两个月", "period", "2025-01/2025-02"),
    ("前2个月", date(2025, 3, 15), "前2个月", "period", "2025-01/2025-02"),
    ("去年前三个季度", JUL_2025, "去年前三个季度", "period", "2024-01/2024-09"),
    # Points in time (stocks)
    ("截至6月底,全国累计建成", JUL_2025, "6月底", "period", "2025-06-30"),
    ("截至6月末", JUL_2025, "6月末", "period", "2025-06-30"),
    # a day after 截至 is the day stocks are counted at; another day is a date
    ("介绍,截至5月31日,全省共对接", JUL_2025, "5月31日", "period", "2025-05-31"),
    ("介绍,截止2024年5月31日,全省", JUL_2025, "2024年5月31日", "period", "2024-05-31"),
    # a company's months ending on a day (Hong Kong filings), days in Chinese digits
    ("截至2016年十二月三十一日止的十二个月,本公司", JUL_2025, "2016年十二月三十一日止的十二个月", "period", "2016"),
    ("截至2016年12月31日止年度经审计的经营业绩", JUL_2025, "2016年12月31日止年度", "period", "2016"),
    ("截至2024年6月30日止六个月,收入", JUL_2025, "2024年6月30日止六个月", "period", "2024-H1"),
    ("截至2024年9月30日止九个月,收入", JUL_2025, "2024年9月30日止九个月", "period", "2024-01/2024-09"),
    ("截至2024年9月15日止九个月,收入", JUL_2025, "2024年9月15日止九个月", "period", "2024-09-15"),
    ("6月18日在福建会堂举行", JUL_2025, "6月18日", "date", "2025-06-18"),
    ("11月末,存款余额", JUL_2025, "11月末", "period", "2024-11-30"),
    ("2月末,贷款余额", date(2024, 3, 12), "2月末", "period", "2024-02-29"),
    ("力争到今年底建成", JUL_2025, "今年底", "period", "2025-12-31"),
    ("截至目前,已培育", JUL_2023, "截至目前", "period", "2023-07-20"),
    ("截止目前", JUL_2025, "截止目前", "period", "2025-07-19"),
    # Damaged month range: the dash was lost
    ("110月份,全省", date(2025, 11, 15), "110月份", "period", "2025-01/2025-10"),
    ("19月份,全省", date(2025, 10, 20), "19月份", "period", "2025-01/2025-09"),
    # Dates are not periods
    ("7月18日,工信部发布", JUL_2025, "7月18日", "date", "2025-07-18"),
    ("2025年7月18日", JUL_2025, "2025年7月18日", "date", "2025-07-18"),
    ("2月29日", date(2024, 3, 1), "2月29日", "date", "2024-02-29"),
    # Spans that look like time but set none
    ("2023—2025年行动计划", JUL_2025, "2023—2025年", "mask", None),  # a plan's name
    ("《三年行动计划(2021—2023年)》", JUL_2025, "2021—2023年", "mask", None),
    ("2018年以来", JUL_2025, "2018年以来", "mask", None),
    # Spans of whole years, and a five-year plan's time: the period of their own sentence
    ("2023-2025年,", JUL_2025, "2023-2025年", "span", "2023/2025"),
    ("从2012年到2021年,", JUL_2025, "2012年到2021年", "span", "2012/2021"),
    ("“十四五”期间,", JUL_2025, "“十四五”期间", "span", "2021/2025"),
    ("十三五时期", JUL_2025, "十三五时期", "span", "2016/2020"),
    # since the plan began: its years up to the publication's (AL11)
    ("“十四五”以来,", date(2023, 3, 1), "“十四五”以来", "span", "2021/2023"),
    ("“十四五”以来,", JUL_2025, "“十四五”以来", "span", "2021/2025"),
    ("10时30分", JUL_2025, "10时30分", "mask", None),
    # the present ends the context, and dates its own sentence at the publication day
    ("目前,全国", JUL_2025, "目前", "reset", "2025-07-19"),
    ("近年来,全省", JUL_2025, "近年来", "reset", None),
    ("去年首11个月则按年升0.1%", date(2026, 1, 28), "去年首11个月", "period", "2025-01/2025-11"),
    # the Taiwan and Hong Kong press write the year of a relative year in brackets
    ("今(2017)年全国规模以上工业增加值", date(2017, 12, 26), "今(2017)年", "period", "2017"),
    ("去(2016)年", date(2017, 12, 26), "去(2016)年", "period", "2016"),
    # a relative year right after 预计 opens its clause (AL02)
    ("预计今年工业增加值有望增长6%左右", date(2018, 1, 20), "今年", "period", "2018"),
    # 全年 after a year named in its clause is that year; alone it is the publication's
    ("2013年中国汽车市场全年总需求量约2080万辆", date(2013, 1, 11), "全年", "period", "2013"),
    ("2012年,我市加大支持力度;全年共组织实施工业项目1573个", date(2013, 1, 5), "全年", "period", "2012"),
    ("财政收入比2012年增长6.5%;全年固定资产投资2725亿元", date(2014, 1, 20), "全年", "period", "2013"),  # compared with
    # Without a publication date the year is unknown
    ("6月,全国", None, "6月", "period", "????-06"),
    ("上半年", None, "上半年", "period", "????-H1"),
]


@pytest.mark.parametrize(("sentence", "pub", "text", "kind", "value"), _FIND_TIMES_CASES)
def test_periods_find_times_kind_and_value(sentence: str, pub: date | None, text: str, kind: str,
                                           value: str | None) -> None:
    assert (text, kind, value) in _times(sentence, pub)


@pytest.mark.parametrize(
    ("sentence", "pub", "values"),
    [
        ("5、6月当月同比增速分别为3.5%、4.4%", JUL_2025, ("2025-05", "2025-06")),
        ("5、6、7月", JUL_2025, ("2025-05", "2025-06", "2025-07")),
        ("11、12月", date(2026, 1, 15), ("2025-11", "2025-12")),
        ("4、5两个月规模以上工业企业利润", JUL_2025, ("2025-04", "2025-05")),
        ("4、5、6三个月", JUL_2025, ("2025-04", "2025-05", "2025-06")),
        ("2024年3月、4月", JUL_2025, ("2024-03", "2024-04")),
        # years, and five-year plans' times, listed for a 分别 list
        ("2020年、2021年规模以上工业增加值分别增长2.8%、9.6%", JUL_2025, ("2020", "2021")),
        ("2020和2021年", JUL_2025, ("2020", "2021")),
        ("2019年、2020年及2021年", JUL_2025, ("2019", "2020", "2021")),
        ("“十二五”、“十三五”时期,能耗分别下降28%、16%", JUL_2025, ("2011/2015", "2016/2020")),
        ("“十二五”时期和“十三五”时期", JUL_2025, ("2011/2015", "2016/2020")),
    ],
)
def test_periods_find_times_month_list(sentence: str, pub: date, values: tuple[str, ...]) -> None:
    (t,) = [t for t in find_times(sentence, pub) if t.kind == "list"]
    assert t.values == values
    assert t.start == 0


@pytest.mark.parametrize(
    ("sentence", "pub"),
    [
        ("上年同期", JUL_2025),
        ("13月", JUL_2025),
        ("增长6.4%", JUL_2025),
        ("2018年以来", JUL_2025),
        ("0月", JUL_2025),
        ("拉萨市统计公报(2025年更新)", JUL_2025),  # when the document was revised
        ("剔除去年价格变动的翘尾影响", JUL_2025),  # inside a clause, no period
    ],
)
def test_periods_find_times_no_period(sentence: str, pub: date) -> None:
    assert [t for t in find_times(sentence, pub) if t.kind in ("period", "list", "date")] == []


def test_periods_find_times_sorted_without_overlap() -> None:
    sentence = "上半年,全国规上工业增加值增长6.4%,增速较一季度加快0.8个百分点,6月份增长6.8%。"
    times = find_times(sentence, JUL_2025)
    assert [sentence[t.start:t.end] for t in times] == ["上半年", "一季度", "6月份"]
    assert all(a.end <= b.start for a, b in zip(times, times[1:], strict=False))


@pytest.mark.parametrize(
    ("period", "years", "expected"),
    [
        ("2025-H1", -1, "2024-H1"),
        ("2025-Q1", -1, "2024-Q1"),
        ("2025-05", -1, "2024-05"),
        ("2025", -1, "2024"),
        ("2025-01/2025-05", -1, "2024-01/2024-05"),
        ("2025-06-30", -1, "2024-06-30"),
        ("2025-H1", 2, "2027-H1"),
        ("????-05", -1, None),
        (None, -1, None),
        ("", -1, None),
    ],
)
def test_periods_shift_year(period: str | None, years: int, expected: str | None) -> None:
    assert shift_year(period, years) == expected


def test_periods_shift_year_default_is_one_year_back() -> None:
    assert shift_year("2025-H1") == "2024-H1"


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2025-05", "2025-04"),
        ("2025-01", "2024-12"),
        ("2025-Q3", "2025-Q2"),
        ("2025-Q1", "2024-Q4"),
        ("2025-H2", "2025-H1"),
        ("2025-H1", "2024-H2"),
        ("2025", "2024"),
        ("2025-01/2025-05", "2025-01/2025-04"),
        ("2025-01/2025-04", "2025-Q1"),
        ("2025-01/2025-07", "2025-H1"),
        ("2025-01/2025-02", "2024-12"),  # January and February come out together
        ("2025-06-30", "2025-05-31"),  # a month end: the end of the month before
        ("2025-06-15", None),
        ("????-05", None),
        (None, None),
    ],
)
def test_periods_previous(period: str | None, expected: str | None) -> None:
    assert previous(period) == expected


# ---- the hyperscan prefilter and the pure-re gates give the same time mentions

_ROOT = Path(__file__).resolve().parents[2]
_SENTENCE_END = re.compile(r"(?<=[。!?;!?;\n])")


def _corpus_sentences() -> list[tuple[str, date | None]]:
    """Every sentence of the demo documents and the hostile fixture, with its publication date."""
    texts: list[tuple[str, date | None]] = []
    for path in sorted((_ROOT / "examples" / "demo").glob("*.txt")):
        texts.append((path.read_text(encoding="utf-8"), JUL_2025))
    for line in (_ROOT / "tests" / "fixtures" / "hostile.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            texts.append((doc.get("text") or "", date.fromisoformat(doc["date"]) if doc.get("date") else None))
    return [(s, pub) for text, pub in texts for s in _SENTENCE_END.split(text) if s.strip()]


def test_periods_prefilter_and_gates_find_the_same_times() -> None:
    pytest.importorskip("hyperscan")
    sentences = _corpus_sentences() + [(s, pub) for s, pub, *_ in _FIND_TIMES_CASES]
    assert periods._scanner() is not None
    compared = 0
    for sentence, pub in sentences:
        kinds = periods._prefiltered(sentence)
        assert kinds is not None
        gated = periods._resolve_all(sentence, pub, periods._gate_open(sentence))
        assert periods._resolve_all(sentence, pub, kinds) == gated, sentence
        compared += bool(gated)
    assert compared > 100


def test_periods_prefilter_skips_text_it_cannot_scan() -> None:
    pytest.importorskip("hyperscan")
    sentence = "上半年\ud800增长"
    assert periods._prefiltered(sentence) is None
    assert [t.value for t in find_times(sentence, JUL_2025)] == ["2025-H1"]


def test_periods_every_pattern_has_one_resolver_and_every_gate_a_pattern() -> None:
    table = load("periods")
    kinds = [kind for kind, _ in periods._RESOLVERS]
    assert len(kinds) == len(set(kinds))
    assert set(kinds) == set(table["patterns"]) - {"year_prefixed", "range_separators"}
    assert set(table["gates"]) <= set(kinds)
    assert set(table["patterns"]["year_prefixed"]) <= set(kinds)


@pytest.mark.parametrize(
    ("sentence", "values"),
    [
        ("2016年至2018年,分别完成", ("2016", "2017", "2018")),
        ("2019-2020年", ("2019", "2020")),
        ("2010年至2025年", ()),  # too long a span to list
        ("2018年以来", ()),
    ],
)
def test_periods_a_span_of_years_lists_its_years(sentence: str, values: tuple[str, ...]) -> None:
    (t,) = [t for t in find_times(sentence, JUL_2025) if t.start == 0]
    assert t.values == values


@pytest.mark.parametrize("sentence", ["“十五五”规划", "十五五以来", "编制十四五规划纲要"])
def test_periods_a_five_year_plan_named_without_its_time_is_no_period(sentence: str) -> None:
    assert not [t for t in find_times(sentence, JUL_2025) if t.kind == "span"]


@pytest.mark.parametrize(
    ("sentence", "span"),
    [("3年来,新增企业50家", "3年来"), ("近5年以来,", "近5年以来"), ("三年多来,", "三年多来"), ("6个月来,", "6个月来")],
)
def test_periods_a_span_up_to_now_is_masked(sentence: str, span: str) -> None:
    (t,) = [t for t in find_times(sentence, JUL_2025) if t.start == 0]
    assert (t.kind, sentence[t.start:t.end]) == ("mask", span)


def test_periods_since_a_month_stays_that_month() -> None:
    assert [t.kind for t in find_times("7月以来,", JUL_2025)] == ["period"]


@pytest.mark.parametrize("sentence", ["2020年、2021年上半年", "2020年、2021年1-6月", "2020年、2021年末",
                                      "2020年至2021年"])
def test_periods_a_year_with_its_part_or_end_is_no_year_list(sentence: str) -> None:
    assert not [t for t in find_times(sentence, JUL_2025) if t.kind == "list"]
