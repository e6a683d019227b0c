"""Tables: each value cell a fact, its row naming the subject and its column measure and period."""

from __future__ import annotations

from datetime import date

import pytest

from zhibiao.extract import extract_document
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
    ("上半年,全国规模以上工业增加值同比增长6.4%。", "line", ["上半年,全国规模以上工业增加值同比增长6.4%。"]),
])
def test_tables_split_cells(line: str, shape: str, cells: list[str]) -> None:
    got_shape, got = split_cells(paragraphs(line)[0])
    assert (got_shape, [c.text for c in got]) == (shape, cells)


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
    assert got == {("地区生产总值增长率", "growth", 6.1, "%", "2025-Q1"),
                   ("居民消费价格涨幅", "growth", 0.4, "%", "2025-Q1"),
                   ("服务业增加值占地区生产总值比重", "share", 54.2, "%", "2025-Q1")}


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


def test_tables_a_caption_is_the_title_not_a_header_and_headers_broken_by_spaces() -> None:
    text = ("表1 某县2024年地区生产总值构成表\n|\n行业名称 |\n现价 (万元) |\n增速 (%) |\n行业占 比(%) |\n|\n"
            "地区生产总值 |\n529757 |\n13.1 |\n100 |\n|\n工业 |\n111250 |\n12.7 |\n21 |\n")
    got = _summary(_cells(text, date(2025, 5, 20), "2024"))
    assert ("工业", "level", 1112500000.0, "CNY", "2024", None) in got
    assert ("工业", "growth", 12.7, "%", "2024", "yoy") in got
    assert ("工业", "share", 21.0, "%", "2024", None) in got
