"""Regions: the places a figure covers, and the place an article is about."""

from __future__ import annotations

import pytest

from zhibiao.extract.regions import (
    GLOBAL,
    LOCAL_CITY,
    LOCAL_PROVINCE,
    NATIONAL,
    PLACE,
    article_place,
    find_regions,
)


def _regions(text: str) -> list[tuple[str, str, str | None]]:
    return [(text[r.start:r.end], r.kind, r.name) for r in find_regions(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全国规模以上工业增加值同比增长6.4%", [("全国", NATIONAL, "全国")]),
        ("我国软件业务收入", [("我国", NATIONAL, "全国")]),
        ("全球半导体销售额", [("全球", GLOBAL, "全球")]),
        ("湖北省规上工业增加值增长", [("湖北省", PLACE, "湖北省")]),
        ("湖北规上工业增加值增长", [("湖北", PLACE, "湖北省")]),
        ("上海市工业总产值", [("上海市", PLACE, "上海市")]),
        ("深圳规上工业", [("深圳", PLACE, "深圳市")]),
        ("全省工业投资增长", [("全省", LOCAL_PROVINCE, None)]),
        ("我省工业投资增长", [("我省", LOCAL_PROVINCE, None)]),
        ("全市规上工业增长", [("全市", LOCAL_CITY, None)]),
        ("湖北武汉规上工业", [("湖北", PLACE, "湖北省"), ("武汉", PLACE, "武汉市")]),
        ("广东、江苏两省", [("广东", PLACE, "广东省"), ("江苏", PLACE, "江苏省")]),
    ],
)
def test_regions_find_regions(text: str, expected: list[tuple]) -> None:
    assert _regions(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Trade partners after 与/对 are not the region of the figure
        ("我国对美国出口下降", [("我国", NATIONAL, "全国")]),
        ("与美国贸易额增长", []),
        ("与美国、东盟贸易额增长", []),
        ("与美国、日本贸易额增长", []),
        ("对日本、韩国出口增长", []),
        ("与美国、日本贸易额增长2%,湖北省出口增长", [("湖北省", PLACE, "湖北省")]),
        ("来自德国的投资", []),
        # Comparisons
        ("快于全国0.5个百分点", []),
        ("高于全省平均水平", []),
        ("占全省的比重", []),
        # Datelines name where the reporter was, not what the figure covers
        ("新华社北京7月18日电 全国规模以上工业增加值", [("全国", NATIONAL, "全国")]),
        ("中新社上海7月18日电 记者获悉", []),
        ("本报武汉7月18日讯 全市规上工业", [("全市", LOCAL_CITY, None)]),
        # Names that contain a place
        ("中国人民银行发布数据", []),
    ],
)
def test_regions_find_regions_excludes_partners_comparisons_datelines(text: str, expected: list[tuple]) -> None:
    assert _regions(text) == expected


@pytest.mark.parametrize(
    ("text", "header", "expected"),
    [
        ("全省规上工业增加值增长6%。武汉市增长5%。", "湖北省上半年经济运行情况", ("湖北省", "武汉市")),
        ("全省规上工业增加值增长6%。", "湖北省上半年经济运行情况", ("湖北省", None)),
        ("全市规上工业增长。", "深圳市经济运行", ("广东省", "深圳市")),
        ("全市规上工业增长。", "上海市经济运行", ("上海市", "上海市")),
        ("全国规模以上工业增加值增长。", "", (None, None)),
        ("江苏规上工业增长。江苏出口增长。浙江出口增长。", "", ("江苏省", None)),
        ("浙江出口增长。", "江苏省江苏省经济", ("江苏省", None)),
    ],
)
def test_regions_article_place(text: str, header: str, expected: tuple) -> None:
    assert article_place(text, header) == expected


def test_regions_article_place_ignores_partners() -> None:
    text = "全省对美国出口增长。全省对日本出口增长。全省对韩国出口增长。"
    assert article_place(text, "四川省外贸") == ("四川省", None)
