"""Tables: each value cell a fact, its row naming the subject and its column measure and period."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from zhibiao.extract import extract_document, tables
from zhibiao.extract.tables import find_tables, headers_for, read_table, split_cells
from zhibiao.ingest.normalize import normalize
from zhibiao.ingest.segment import paragraphs
from zhibiao.models import Document

LEAD = "工业和信息化部数据显示,今年以来我国工业经济运行稳中有进,制造业企业生产经营总体平稳。\n"
PUB = date(2025, 7, 15)


def _cells(text: str, pub: date = PUB, period: str | None = None, region: str | None = "全国"):
    paras = paragraphs(normalize(text).text)
    return [c for t in find_tables(paras) for c in read_table(t, pub, period, region)]


def _summary(cells) -> set[tuple]:
    return {(c.subject, c.measure, float(c.value), c.unit, c.period, c.basis) for c in cells}


PIPE = (
    "表1:2025年上半年主要产品产量\n"
    "| 产品名称 | 产量(万吨) | 比上年同期增长(%) |\n"
    "| 粗钢 | 51483 | -3.0 |\n"
    "| 水泥 | 81500 | -4.3 |\n"
)
MONTH_AND_CUMULATIVE = (
    "2025年6月规模以上工业主要产品产量\n"
    "产品名称\t本月\t本月止累计\t累计比上年同期增长(%)\n"
    "粗钢(万吨)\t8318\t51483\t-3.0\n"
    "汽车(万辆)\t280\t1562\t12.5\n"
)
FLATTENED = (
    "2025年6月规模以上工业主要产品产量\n"
    "产品名称\n本月\n本月止累计\n累计比上年同期增长(%)\n"
    "粗钢(万吨)\n8318\n51483\n-3.0\n"
    "汽车(万辆)\n280\n1562\n12.5\n"
)
EXPECTED_MONTHLY = {
    ("粗钢", "level", 83180000.0, "t", "2025-06", None),
    ("粗钢", "level", 514830000.0, "t", "2025-H1", None),
    ("粗钢", "growth", -3.0, "%", "2025-H1", "yoy"),
    ("汽车", "level", 2800000.0, "count", "2025-06", None),
    ("汽车", "level", 15620000.0, "count", "2025-H1", None),
    ("汽车", "growth", 12.5, "%", "2025-H1", "yoy"),
}


@pytest.mark.parametrize(("text", "expected"), [
    (PIPE, {("粗钢", "level", 514830000.0, "t", "2025-H1", None),
            ("粗钢", "growth", -3.0, "%", "2025-H1", "yoy"),
            ("水泥", "level", 815000000.0, "t", "2025-H1", None),
            ("水泥", "growth", -4.3, "%", "2025-H1", "yoy")}),
    (MONTH_AND_CUMULATIVE, EXPECTED_MONTHLY),
    (FLATTENED, EXPECTED_MONTHLY),
], ids=["pipe", "tab-month-and-cumulative", "one-cell-per-line"])
def test_tables_cells_are_read_by_row_and_column(text: str, expected: set) -> None:
    assert _summary(_cells(text)) == expected


def test_tables_rows_of_periods_take_the_title_as_subject() -> None:
    text = ("| 表2:GDP环比增长速度 | |\n| 环比增长速度(%) | |\n"
            "| 2024年1季度 | 1.5 |\n| 2季度 | 0.9 |\n| 2025年1季度 | 1.2 |\n")
    got = sorted((c.period, float(c.value), c.basis) for c in _cells(text))
    assert got == [("2024-Q1", 1.5, "mom"), ("2024-Q2", 0.9, "mom"), ("2025-Q1", 1.2, "mom")]
    assert all("GDP" in c.subject for c in _cells(text))


def test_tables_rows_named_by_their_measure_take_the_title_and_a_cumulative_row_counts_from_january() -> None:
    text = ("表1 2025年上半年规模以上工业增加值增速\n"
            "指标 | 2月 | 3月 | 4月\n当月增速(%) | 4.8 | 7.6 | 6.2\n累计增速(%) | 6.4 | 6.9 | 6.7\n")
    got = _summary(_cells(text))
    assert got == {("规模以上工业增加值", "growth", 4.8, "%", "2025-02", "yoy"),
                   ("规模以上工业增加值", "growth", 7.6, "%", "2025-03", "yoy"),
                   ("规模以上工业增加值", "growth", 6.2, "%", "2025-04", "yoy"),
                   ("规模以上工业增加值", "growth", 6.4, "%", "2025-01/2025-02", "yoy"),
                   ("规模以上工业增加值", "growth", 6.9, "%", "2025-01/2025-03", "yoy"),
                   ("规模以上工业增加值", "growth", 6.7, "%", "2025-01/2025-04", "yoy")}


def test_tables_an_amount_named_as_a_column_is_each_branch_s_and_a_year_s_同期_its_span() -> None:
    text = ("2025年1-6月医药工业主营业务收入完成情况\n行业\n主营业务收入\n同比\n2024年同期增速(%)\n"
            "化学药品原料药制造\n2176.03\n8.71\n11.88\n中成药制造\n2796.02\n5.20\n14.09\n")
    got = {(c.subject, float(c.value), c.period) for c in _cells(text) if c.unit == "%"}
    raw, tcm = "化学药品原料药制造主营业务收入", "中成药制造主营业务收入"
    assert got == {(raw, 8.71, "2025-H1"), (raw, 11.88, "2024-H1"), (tcm, 5.2, "2025-H1"), (tcm, 14.09, "2024-H1")}


def test_tables_the_title_s_account_wins_over_a_header_copied_from_another_table() -> None:
    text = ("2025年1-6月医药工业利润总额完成情况\n行业\n主营业务收入\n同比\n2024年同期增速(%)\n"
            "化学药品原料药制造\n159.75\n12.22\n21.23\n")
    assert {c.subject for c in _cells(text)} == {"化学药品原料药制造利润总额"}


def test_tables_rows_of_places_set_the_region() -> None:
    text = ("2025年上半年各省地区生产总值\n"
            "地区 | 地区生产总值(亿元) | 增速(%)\n广东省 | 68725 | 4.2\n江苏省 | 66967 | 5.7\n")
    got = {(c.region, c.measure, float(c.value)) for c in _cells(text)}
    assert got == {("广东省", "level", 6872500000000.0), ("广东省", "growth", 4.2),
                   ("江苏省", "level", 6696700000000.0), ("江苏省", "growth", 5.7)}


def test_tables_pdf_layout_with_wrapped_labels_and_headers() -> None:
    """A results summary copied out of a PDF: labels and headers wrapped onto lines of their own."""
    text = (
        "单位:元 币种:人民币\n"
        "本报告期 本报告期比上年同期增\n"
        "上年同期\n"
        "(1-6月) 减(%)\n"
        "营业收入 1,200,000.00 1,000,000.00 20.00\n"
        "归属于上市公司股 300,000.00 250,000.00 20.00\n"
        "东的净利润\n"
        "加权平均净资产收 6.90 5.60 增加1.30个百分点\n"
        "益率(%)\n"
    )
    got = _summary(_cells(text, date(2025, 8, 20), "2025-H1", None))
    assert got == {
        ("营业收入", "level", 1200000.0, "CNY", "2025-H1", None),
        ("营业收入", "level", 1000000.0, "CNY", "2024-H1", None),
        ("营业收入", "growth", 20.0, "%", "2025-H1", "yoy"),
        ("归属于上市公司股东的净利润", "level", 300000.0, "CNY", "2025-H1", None),
        ("归属于上市公司股东的净利润", "level", 250000.0, "CNY", "2024-H1", None),
        ("归属于上市公司股东的净利润", "growth", 20.0, "%", "2025-H1", "yoy"),
        ("加权平均净资产收益率", "level", 6.9, "%", "2025-H1", None),
        ("加权平均净资产收益率", "level", 5.6, "%", "2024-H1", None),
        ("加权平均净资产收益率", "growth_change", 1.3, "pp", "2025-H1", "vs:2024-H1"),
    }


@pytest.mark.parametrize(("rows", "n", "expected"), [
    ([["产品名称", "本月", "累计"]], 2, ["本月", "累计"]),
    ([["本月", "累计"]], 2, ["本月", "累计"]),
    ([["本月", "", "累计", ""], ["绝对数", "增长(%)", "绝对数", "增长(%)"]], 4,
     ["本月绝对数", "本月增长(%)", "累计绝对数", "累计增长(%)"]),
    ([["本报告期末比上年度末"], ["本报告期末", "上年度末"], ["增减(%)"]], 3,
     ["本报告期末", "上年度末", "本报告期末比上年度末增减(%)"]),
    ([["本月", "累计"]], 3, None),
], ids=["label-header", "values-only", "spanning", "pdf-fragments", "misaligned"])
def test_tables_headers_for_value_columns(rows, n, expected) -> None:
    assert headers_for(rows, n) == expected


@pytest.mark.parametrize(("line", "shape", "cells"), [
    ("| 粗钢 | 8318 | -3.0 |", "pipe", ["粗钢", "8318", "-3.0"]),
    ("粗钢\t8318\t-3.0", "tab", ["粗钢", "8318", "-3.0"]),
    ("营业收入 6,367,254,273.60 -25.32", "space", ["营业收入", "6,367,254,273.60", "-25.32"]),
    # a unit column between the label and the values
    ("利润总额 亿元 3227.5  10.5", "space", ["利润总额", "亿元", "3227.5", "10.5"]),
    ("上半年,全国规模以上工业增加值同比增长6.4%。", "line", ["上半年,全国规模以上工业增加值同比增长6.4%。"]),
])
def test_tables_split_cells(line: str, shape: str, cells: list[str]) -> None:
    got_shape, got = split_cells(paragraphs(line)[0])
    assert (got_shape, [c.text for c in got]) == (shape, cells)


def test_tables_a_unit_column_and_numbered_parts_in_a_space_laid_table() -> None:
    text = ("表一 2019年1-5月软件和信息技术服务业主要指标\n指标名称 单位 完成额 同比增减%\n"
            "软件业务收入合计 亿元 26298.3  14.7\n其中:1、软件产品收入 亿元 7441.9  13.6\n")
    got = {(c.subject, c.measure, float(c.value), c.unit) for c in _cells(text, date(2019, 6, 26))}
    assert got == {("软件业务收入合计", "level", 2629830000000.0, "CNY"), ("软件业务收入合计", "growth", 14.7, "%"),
                   ("软件产品收入", "level", 744190000000.0, "CNY"), ("软件产品收入", "growth", 13.6, "%")}


def test_tables_a_compared_column_with_its_time_written_out_leaves_the_change_the_reports() -> None:
    text = ("项 目 | 本报告期 (2012年1-6月) | 上年同期 (2011年1-6月) | 增减变动幅度(%) |\n"
            "营业总收入(万元) | 4,393.49 | 4,421.19 | -0.63 |\n"
            "本报告期末 2012年6月30日 | 本报告期初 2011年12月31日 | 增减变动幅度(%) | |\n"
            "总资产(万元) | 139,073.03 | 134,112.01 | 3.70 |\n")
    got = {(c.subject, float(c.value), c.period) for c in _cells(text, date(2012, 7, 20))}
    assert got == {("营业总收入", 43934900.0, "2012-H1"), ("营业总收入", 44211900.0, "2011-H1"),
                   ("营业总收入", -0.63, "2012-H1"), ("总资产", 1390730300.0, "2012-06-30"),
                   ("总资产", 1341120100.0, "2011-12-31"), ("总资产", 3.7, "2012-06-30")}


def test_tables_prose_is_not_a_table() -> None:
    text = LEAD + "上半年,全国规模以上工业增加值同比增长6.4%。\n6月份,规模以上工业增加值同比增长6.8%。\n"
    assert find_tables(paragraphs(text)) == []


def test_tables_in_a_document_give_facts_with_spans_into_the_original() -> None:
    text = LEAD + MONTH_AND_CUMULATIVE
    facts = extract_document(Document("t", text, "t.txt", PUB)).facts
    cell = next(f for f in facts if f.value == 83180000.0)
    assert text[cell.span[0]:cell.span[1]] == "8318"
    assert cell.quote.startswith("粗钢")
    assert len([f for f in facts if "粗钢" in f.subject]) == 3


def test_tables_category_and_unit_columns() -> None:
    text = ("一级指标 | 二级指标 | 计量单位 | 1-3月 |\n"
            "经济增长 | 1.地区生产总值增长率 | % | 6.1 |\n"
            "2.居民消费价格涨幅 | % | 0.4 | |\n"
            "结构优化 | 3.服务业增加值占地区生产总值比重 | % | 54.2 |\n")
    got = {(c.subject, c.measure, float(c.value), c.unit, c.period) for c in _cells(text, date(2025, 4, 25))}
    # the thing measured, its measure read from the label (as dev2's, AH's and AJ's annotators name them)
    assert got == {("地区生产总值", "growth", 6.1, "%", "2025-Q1"),
                   ("居民消费价格", "growth", 0.4, "%", "2025-Q1"),
                   ("服务业增加值", "share", 54.2, "%", "2025-Q1")}


def test_tables_a_level_named_as_a_rate_keeps_its_name() -> None:
    text = "指标 | 计量单位 | 2024年 |\n人口自然增长率 | ‰ | 3.55 |\n城镇化率 | % | 61.2 |\n"
    got = {(c.subject, c.measure) for c in _cells(text, date(2025, 3, 1))}
    assert got == {("人口自然增长率", "level"), ("城镇化率", "level")}


def test_tables_flattened_with_spanning_header_and_group_rows() -> None:
    text = ("2025年3月份社会消费品零售总额主要数据 |\n||||\n指 标 |\n3月 |\n1-3月 |\n||\n"
            "绝对量(亿元) |\n同比增长(%) |\n绝对量(亿元) |\n同比增长(%) |\n|\n"
            "社会消费品零售总额 |\n40940 |\n5.9 |\n124671 |\n4.6 |\n"
            "按经营地分 |\n|\n|\n|\n|\n"
            "城镇 |\n35332 |\n5.6 |\n107806 |\n4.5 |\n")
    got = _summary(_cells(text, date(2025, 4, 16)))
    assert got == {
        ("社会消费品零售总额", "level", 4094000000000.0, "CNY", "2025-03", None),
        ("社会消费品零售总额", "growth", 5.9, "%", "2025-03", "yoy"),
        ("社会消费品零售总额", "level", 12467100000000.0, "CNY", "2025-Q1", None),
        ("社会消费品零售总额", "growth", 4.6, "%", "2025-Q1", "yoy"),
        ("城镇", "level", 3533200000000.0, "CNY", "2025-03", None),
        ("城镇", "growth", 5.6, "%", "2025-03", "yoy"),
        ("城镇", "level", 10780600000000.0, "CNY", "2025-Q1", None),
        ("城镇", "growth", 4.5, "%", "2025-Q1", "yoy"),
    }


def test_tables_columns_of_report_periods() -> None:
    text = ("2025年中报 | 2025年一季报 | 2024年年报 |\n---|---|---|\n每股指标: | | |\n"
            "每股收益(元) | 0.31 | 0.12 | 0.58 |\n")
    got = sorted((c.period, float(c.value)) for c in _cells(text, date(2025, 8, 30)))
    assert got == [("2024", 0.58), ("2025-H1", 0.31), ("2025-Q1", 0.12)]


def test_tables_pdf_labels_wrapped_before_their_numbers() -> None:
    text = ("本报告期 本报告期比上年同期增 年初至报告期末 年初至报告期末比上年\n"
            "(2025 年 7-9 月) 减 (2025 年 1-9 月) 同期增减\n"
            "营业收入(元) 3,000,000.00 -5.00% 9,000,000.00 2.00%\n"
            "归属于上市公司股东的\n"
            "净利润(元) 500,000.00 4.00% 1,500,000.00 6.00%\n")
    got = _summary(_cells(text, date(2025, 10, 24), "2025-Q3", None))
    assert ("归属于上市公司股东的净利润", "level", 500000.0, "CNY", "2025-Q3", None) in got
    assert ("归属于上市公司股东的净利润", "growth", 6.0, "%", "2025-01/2025-09", "yoy") in got
    assert ("营业收入", "level", 9000000.0, "CNY", "2025-01/2025-09", None) in got
    assert len(got) == 8


def test_tables_a_time_over_every_column_and_a_unit_for_the_rows_under_the_first() -> None:
    # 2025年3月 spans 本月 | 1-本月; the first row's (亿元) holds for the rows under it
    text = ("2025年3月社会消费品零售总额\n\n2025年3月\n\n指标\n\n本月\n\n比去年同月增长(%)\n\n1-本月\n\n"
            "比去年同期增长(%)\n\n社会消费品零售总额(亿元)\n\n1500.50\n\n2.1\n\n4300.25\n\n3.4\n\n"
            "# 批发零售业\n\n1300.10\n\n2.5\n\n3900.75\n\n3.0\n")
    got = _summary(_cells(text, date(2025, 4, 20)))
    assert got == {
        ("社会消费品零售总额", "level", 150050000000.0, "CNY", "2025-03", None),
        ("社会消费品零售总额", "growth", 2.1, "%", "2025-03", "yoy"),
        ("社会消费品零售总额", "level", 430025000000.0, "CNY", "2025-Q1", None),
        ("社会消费品零售总额", "growth", 3.4, "%", "2025-Q1", "yoy"),
        ("批发零售业", "level", 130010000000.0, "CNY", "2025-03", None),
        ("批发零售业", "growth", 2.5, "%", "2025-03", "yoy"),
        ("批发零售业", "level", 390075000000.0, "CNY", "2025-Q1", None),
        ("批发零售业", "growth", 3.0, "%", "2025-Q1", "yoy"),
    }


def test_tables_a_row_with_a_unit_column_of_its_own_passes_no_unit_on() -> None:
    text = ("指标 | 计量单位 | 1-3月 |\n---|---|---|\n服务业增加值占GDP比重 | % | 55.75 |\n"
            "城乡居民人均收入比 | 2.92 |\n")
    got = _summary(_cells(text, date(2025, 4, 20), "2025-Q1"))
    assert not any(s.startswith("城乡居民人均收入比") and u == "%" for s, _, _, u, _, _ in got)


def test_tables_a_header_cell_whose_unit_wrapped_onto_its_own_line() -> None:
    # 绝对量 / (亿元) is one header; (亿元) alone on a line is no byline ending an article
    text = (LEAD + "2025年3月份社会消费品零售总额主要数据\n\n指 标\n\n3月\n\n1-3月\n\n绝对量\n\n(亿元)\n\n"
            "同比增长(%)\n\n绝对量\n\n(亿元)\n\n同比增长(%)\n\n社会消费品零售总额\n\n40940\n\n5.9\n\n124671\n\n4.6\n\n"
            " 其中:限额以上单位餐饮收入\n\n848\n\n5.0\n\n7540\n\n6.8\n")
    facts = extract_document(Document("t", text, "t.txt", date(2025, 4, 16))).facts
    got = {(f.subject, f.measure, f.value, f.period) for f in facts}
    assert ("限额以上单位餐饮收入", "level", 84800000000.0, "2025-03") in got
    assert ("限额以上单位餐饮收入", "growth", 6.8, "2025-Q1") in got
    assert ("社会消费品零售总额", "level", 12467100000000.0, "2025-Q1") in got


def test_tables_a_cell_that_restates_the_text_is_one_fact() -> None:
    text = (LEAD + "3月份,城镇消费品零售额30601亿元,同比增长8.4%。\n\n"
            "2025年3月份社会消费品零售总额主要数据\n\n指 标\n\n3月\n\n绝对量(亿元)\n\n同比增长(%)\n\n"
            "城镇\n\n30601\n\n8.4\n")
    facts = extract_document(Document("t", text, "t.txt", date(2025, 4, 16))).facts
    assert sorted((f.subject, f.value) for f in facts) == [("城镇消费品零售额", 8.4), ("城镇消费品零售额", 30601e8)]


@pytest.mark.parametrize("labels", [("1-2", "3"), ("1-2月", "3月")])
def test_tables_a_column_of_months_under_a_caption(labels) -> None:
    # AI14: rows labelled by bare month numbers under 月份, the caption naming the thing
    first, second = labels
    text = (LEAD + "8月份,全国水泥产量2.00亿吨,同比增长5.0%。\n2018年1-8月水泥产量详见下表:\n|\n月份 |\n产量(万吨) |\n"
            f"同比% |\n|\n{first} |\n22256.3 |\n4.1 |\n|\n{second} |\n15442.7 |\n-15.6 |\n")
    facts = extract_document(Document("t", text, "t.txt", date(2018, 9, 20))).facts
    rows = [(f.subject, f.value, f.period) for f in facts if f.quote.startswith(first)]
    assert rows == [("水泥产量", 222563000.0, "2018-01/2018-02"), ("水泥产量", 4.1, "2018-01/2018-02")]
    assert ("水泥产量", -15.6, "2018-03") in [(f.subject, f.value, f.period) for f in facts]


def test_tables_provinces_under_a_title_cell_with_a_rate_set_against_the_year_before() -> None:
    # AJ09: the title stands above the label column's header (省市); 增速与去年 | 同期比较 wraps its header
    text = (LEAD + "1-4月,全国规模以上工业增加值同比增长6.2%。\n规模以上工业增加值 (亿元、%、%)\n省市 |\n增速 |\n"
            "增速与去年 |\n同期比较 |\n||\n西藏 |\n14.7 |\n14.3 |\n内蒙 |\n8 |\n-0.8 |\n全国 |\n6.2 |\n-2.5 |\n")
    facts = extract_document(Document("t", text, "t.txt", date(2015, 6, 29))).facts
    rows = sorted((f.region, f.measure, f.value, f.period, f.basis) for f in facts if "|" in f.quote)
    assert rows == [("全国", "growth_change", -2.5, "2015-01/2015-04", "vs:2014-01/2014-04"),
                    ("内蒙古自治区", "growth", 8.0, "2015-01/2015-04", "yoy"),
                    ("内蒙古自治区", "growth_change", -0.8, "2015-01/2015-04", "vs:2014-01/2014-04"),
                    ("西藏自治区", "growth", 14.7, "2015-01/2015-04", "yoy"),
                    ("西藏自治区", "growth_change", 14.3, "2015-01/2015-04", "vs:2014-01/2014-04")]
    assert {f.subject for f in facts if "|" in f.quote} == {"规模以上工业增加值"}


def test_tables_a_row_name_without_its_notes_and_its_own_measure_words() -> None:
    # AJ08: (按可比价格计算), (GDP), [1] and the label's measure words are no part of the name
    text = (LEAD + "一季度全省经济运行情况如下。\n指标 | 单位 | 数值 |\n"
            "1.地区生产总值(GDP)增长率(按可比价格计算) | % | 7.2 |\n"
            "2.高技术产业(制造业)[1]增加值占规模以上工业增加值比重 | % | 4.5 |\n3.居民消费价格涨幅(CPI) | % | 2.7 |\n")
    facts = extract_document(Document("t", text, "t.txt", date(2018, 4, 20))).facts
    rows = sorted((f.subject, f.measure, f.value) for f in facts if "|" in f.quote)
    assert rows == [("地区生产总值", "growth", 7.2), ("居民消费价格", "growth", 2.7),
                    ("高技术产业(制造业)增加值", "share", 4.5)]


def test_tables_a_caption_is_the_title_not_a_header_and_headers_broken_by_spaces() -> None:
    text = ("表1 某县2024年地区生产总值构成表\n|\n行业名称 |\n现价 (万元) |\n增速 (%) |\n行业占 比(%) |\n|\n"
            "地区生产总值 |\n529757 |\n13.1 |\n100 |\n|\n工业 |\n111250 |\n12.7 |\n21 |\n")
    got = _summary(_cells(text, date(2025, 5, 20), "2024"))
    assert ("工业", "level", 1112500000.0, "CNY", "2024", None) in got
    assert ("工业", "growth", 12.7, "%", "2024", "yoy") in got
    assert ("工业", "share", 21.0, "%", "2024", None) in got


# ---- the named steps the readers are made of ------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("增加1.30个百分点", ("growth_change", Decimal("1.30"), "pp")),
    ("减少0.5个百分点", ("growth_change", Decimal("-0.5"), "pp")),
    ("下降2.1%", ("growth", Decimal("-2.1"), "%")),
    ("提高3%", ("growth", Decimal("3"), "%")),
    # every growth verb of measures.toml reads, the falling ones signed
    ("回落0.4个百分点", ("growth_change", Decimal("-0.4"), "pp")),
    ("增长5.2%", ("growth", Decimal("5.2"), "%")),
    ("1.3", None),             # no unit: not a change
    ("增加1.3百分点", None),    # the change-cell units are 个百分点 and %
])
def test_tables_change_cell(text: str, expected) -> None:
    assert tables._change_cell(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("—", True), ("--", True), ("×", True), ("12.5", True), ("-3.0%", True), ("下降2.1%", True),
    ("粗钢", False), ("2025年", False),
])
def test_tables_is_value(text: str, expected: bool) -> None:
    assert tables._is_value(text) is expected


@pytest.mark.parametrize(("upper", "columns", "expected", "fits"), [
    (["本月", "", "累计", ""], ["", "", "", ""], ["本月", "本月", "累计", "累计"], True),  # a cell per column
    (["3月", "1-3月"], ["", "", "", ""], ["3月", "3月", "1-3月", "1-3月"], True),          # spanning equal groups
    (["甲", "乙", "丙"], ["", "", "", ""], ["", "", "", ""], False),                       # neither
])
def test_tables_stack_upper(upper: list[str], columns: list[str], expected: list[str], fits: bool) -> None:
    assert tables._stack_upper(columns, upper) is fits
    assert columns == expected


@pytest.mark.parametrize(("tokens", "expected"), [
    (["本报告期末", "上年度末", "本报告期末比上年度末", "增减(%)"],
     (["本报告期末比上年度末", "增减(%)"], [], ["本报告期末", "上年度末"])),
    (["项目", "本期", "(元)", "上年同期"], ([], ["(元)"], ["本期", "上年同期"])),
])
def test_tables_header_roles(tokens: list[str], expected: tuple) -> None:
    assert tables._header_roles(tokens) == expected


@pytest.mark.parametrize(("row", "expected"), [
    (["指标", "本月", "", ""], ["本月"]),
    (["", "本月", "累计"], ["", "本月", "累计"]),
    (["项目", "本期"], ["本期"]),
])
def test_tables_without_label_header(row: list[str], expected: list[str]) -> None:
    assert tables._without_label_header(row) == expected


def _cell(text: str) -> tables.Cell:
    return tables.Cell(text, 0)


@pytest.mark.parametrize(("cells", "labels", "units", "ended_at"), [
    (["粗钢", "8318", "水泥", "81500"], [("粗钢", ["8318"]), ("水泥", ["81500"])], {}, None),
    (["社会消费品零售总额", "亿元", "631.38", "-7.8"], [("社会消费品零售总额", ["631.38", "-7.8"])], {0: "亿元"}, None),
    (["8318"], [], {}, 0),                      # a value before any row ends the table
    (["粗钢", "8318", "注:数据为初步统计"], [("粗钢", ["8318"])], {}, 2),  # so does a note
])
def test_tables_take_flat_cell(cells: list[str], labels: list, units: dict, ended_at: int | None) -> None:
    rows: list = []
    found: dict = {}
    stopped = None
    for n, text in enumerate(cells):
        if not tables._take_flat_cell(rows, found, _cell(text)):
            stopped = n
            break
    assert [(label.text, [v.text for v in values]) for label, values in rows] == labels
    assert found == units and stopped == ended_at


def test_tables_rows_of_width_keep_rows_with_k_values_quoted() -> None:
    rows = [(_cell("粗钢"), [_cell("1"), _cell("2")]), (_cell("水泥"), [_cell("3")])]
    out = tables._rows_of_width(rows, {0: "万吨"}, 2)
    assert [(r.label.text, r.quote, r.unit) for r in out] == [("粗钢", "粗钢 | 万吨 | 1 | 2", "万吨")]


@pytest.mark.parametrize(("header", "base", "expected"), [
    ("本月", "2025-06", ("2025-06", "current_month")),
    ("本月增长率%", "2020-Q1", ("2020-03", "current_month")),  # AJ12: the month of a 1-3月 table
    ("本期", "2020-Q1", ("2020-Q1", "current")),
    ("本月止累计", "2025-05", ("2025-01/2025-05", "cumulative")),
    ("本月止累计", "2025-06", ("2025-H1", "cumulative")),
    ("本报告期末", "2025-06", ("2025-06-30", "period_end")),
    ("上年度末", "2025-06", ("2024-12-31", "previous_year_end")),
    ("上年同期", "2025-06", ("2024-06", "previous_year")),
    ("比上年同期增长(%)", "2025-06", None),    # a comparison names no period of the column
    ("2024年", "2025-06", ("2024", "time")),
    ("产量", "2025-06", None),
    ("本月止累计", None, (None, "cumulative")),  # no table period: the kind, but no period
])
def test_tables_own_period(header: str, base: str | None, expected) -> None:
    assert tables._own_period(header, base, PUB) == expected


@pytest.mark.parametrize(("header", "row_unit", "label", "expected"), [
    ("比上年同期增长(%)", None, "", "growth"),
    ("占比(%)", None, "", "share"),
    ("拉动(百分点)", None, "", "growth_change"),  # 百分点 comes first in tables.toml [measures]
    ("2025年", "%", "服务业增加值占GDP比重", "share"),
    ("2025年", "亿元", "服务业增加值占GDP比重", "level"),
    ("产量(万吨)", None, "粗钢", "level"),
])
def test_tables_column_measure(header: str, row_unit: str | None, label: str, expected: str) -> None:
    assert tables._column_measure(header, row_unit, label) == expected


@pytest.mark.parametrize(("measure", "header", "title", "header_unit", "expected"), [
    ("growth", "比上月增长(%)", "", "%", ("growth", "%", "mom")),
    ("growth", "增长(%)", "", "%", ("growth", "%", "yoy")),
    ("growth", "增速", "环比增速", None, ("growth", "%", "mom")),
    ("share", "比重", "", "百分点", ("growth_change", "pp", None)),
    ("share", "比重(%)", "", "%", ("share", "%", None)),
])
def test_tables_rate_column(measure: str, header: str, title: str, header_unit: str | None, expected) -> None:
    column = tables._rate_column(measure, header, title, header_unit, "2025-06")
    assert (column.measure, column.unit, column.basis) == expected


def test_tables_flattened_with_accounts_over_column_pairs_and_a_bare_span_of_months() -> None:
    text = ("2024年9月规模以上工业企业效益(按行业分)\n单位:亿元\n行业名称\n营业收入\n利润总额\n"
            "1-9\n比上年同期增长(%)\n1-9\n比上年同期增长(%)\n"
            "规模以上工业合计\n5200.5\n3.1\n410.2\n-2.4\n"
            "造纸和纸制品业\n40.6\n1.5\n2.8\n1.2倍\n"
            "家具制造业\n18.3\n--\n0.9\n6.0\n")
    got = _summary(_cells(text, date(2024, 10, 28)))
    assert got == {
        ("规模以上工业营业收入", "level", 520050000000.0, "CNY", "2024-01/2024-09", None),
        ("规模以上工业营业收入", "growth", 3.1, "%", "2024-01/2024-09", "yoy"),
        ("规模以上工业利润总额", "level", 41020000000.0, "CNY", "2024-01/2024-09", None),
        ("规模以上工业利润总额", "growth", -2.4, "%", "2024-01/2024-09", "yoy"),
        ("造纸和纸制品业营业收入", "level", 4060000000.0, "CNY", "2024-01/2024-09", None),
        ("造纸和纸制品业营业收入", "growth", 1.5, "%", "2024-01/2024-09", "yoy"),
        ("造纸和纸制品业利润总额", "level", 280000000.0, "CNY", "2024-01/2024-09", None),
        ("造纸和纸制品业利润总额", "growth", 120.0, "%", "2024-01/2024-09", "yoy"),
        ("家具制造业营业收入", "level", 1830000000.0, "CNY", "2024-01/2024-09", None),
        ("家具制造业利润总额", "level", 90000000.0, "CNY", "2024-01/2024-09", None),
        ("家具制造业利润总额", "growth", 6.0, "%", "2024-01/2024-09", "yoy"),
    }


def test_tables_flattened_places_under_indicators_each_over_a_unit_and_a_rate() -> None:
    text = ("表5 部分城市主要经济指标(2023年)\n城 市\n|\n地区生产总值\n|\n#第一产业\n|\n"
            "(亿元)\n|\n增长%\n|\n(亿元)\n|\n增长%\n|\n"
            "南京\n|\n17421.40\n|\n4.6\n|\n335.20\n|\n3.1\n|\n杭州\n|\n20059.00\n|\n5.6\n|\n360.10\n|\n2.0\n|\n")
    got = {(c.subject, c.measure, float(c.value), c.unit, c.region) for c in _cells(text, date(2024, 6, 30))}
    assert got == {
        ("地区生产总值", "level", 1742140000000.0, "CNY", "南京市"),
        ("地区生产总值", "growth", 4.6, "%", "南京市"),
        ("第一产业", "level", 33520000000.0, "CNY", "南京市"),
        ("第一产业", "growth", 3.1, "%", "南京市"),
        ("地区生产总值", "level", 2005900000000.0, "CNY", "杭州市"),
        ("地区生产总值", "growth", 5.6, "%", "杭州市"),
        ("第一产业", "level", 36010000000.0, "CNY", "杭州市"),
        ("第一产业", "growth", 2.0, "%", "杭州市"),
    }


def test_tables_a_portal_export_titled_with_its_indicator_and_measure() -> None:
    text = ("指标:出口交货值_同比增长(%) | ||||\n地区 | 2024年5月 | 2024年4月 | 2024年3月 |\n"
            "江苏省 | 4.2 | -1.5 | 3 |\n浙江省 | 6.8 | 5.1 | 7.7 |\n")
    got = {(c.subject, c.measure, float(c.value), c.unit, c.period, c.basis, c.region)
           for c in _cells(text, date(2024, 6, 20))}
    assert ("出口交货值", "growth", 4.2, "%", "2024-05", "yoy", "江苏省") in got
    assert ("出口交货值", "growth", 7.7, "%", "2024-03", "yoy", "浙江省") in got
    assert len(got) == 6


def test_tables_rows_of_months_under_headers_that_name_indicators_with_their_rates() -> None:
    text = ("主要指标月度环比表 |\n工业增加值环比增速(%) |\n固定资产投资 (不含农户)环比增速(%) |\n"
            "2024年3月份 |\n0.52 |\n1.10 |\n4月份 |\n0.61 |\n1.24 |\n")
    got = {(c.subject, c.measure, float(c.value), c.period, c.basis) for c in _cells(text, date(2024, 5, 20))}
    assert got == {
        ("工业增加值", "growth", 0.52, "2024-03", "mom"), ("固定资产投资", "growth", 1.10, "2024-03", "mom"),
        ("工业增加值", "growth", 0.61, "2024-04", "mom"), ("固定资产投资", "growth", 1.24, "2024-04", "mom"),
    }


def test_tables_a_league_table_of_places_names_its_indicator_without_the_places_and_the_ranking() -> None:
    text = ("表1:2025年10月份全国各省市集成电路产量排行榜\n"
            "| 排名 | 省市 | 10月产量(亿块) |\n|---|\n| 1 | 江苏省 | 31.2 |\n| 2 | 上海市 | 17.9 |\n")
    assert {(c.subject, c.region) for c in _cells(text)} == {("集成电路产量", "江苏省"), ("集成电路产量", "上海市")}
