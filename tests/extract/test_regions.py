"""Regions: the places a figure covers, and the place an article is about."""

from __future__ import annotations

import copy
from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.errors import RulesError
from zhibiao.extract.regions import (
    GLOBAL,
    LOCAL_CITY,
    LOCAL_PROVINCE,
    NATIONAL,
    NOT_PLACE,
    PLACE,
    article_place,
    build_lexicon,
    find_regions,
    local_region,
    place_at_start,
    place_profile,
    province_of,
)
from zhibiao.rules import load


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
        ("我区规上工业增加值同比增长6%", [("我区", LOCAL_PROVINCE, None)]),
        ("大陆汽车销量增长7%", [("大陆", NATIONAL, "全国")]),
        # an autonomous county written short, and a place's own body a reporter heard from
        ("琼中县经济运行简况", [("琼中县", PLACE, "琼中黎族苗族自治县")]),
        ("记者从贵州省经贸委办公室获悉:", [("贵州省", PLACE, "贵州省")]),
        ("从贵州省出口的商品", []),
        ("新亚欧大陆桥货运量增长10%", []),
        ("对我国香港地区进出口113.5亿元", []),
        ("对第一大贸易伙伴东盟进出口2029.9亿元", []),  # a partner named after who it is
        ("信息软件业营收增长11.4%,领跑全国", []),  # the place led, not the figure's
        ("中国制造业采购经理指数为49.6%", [("中国", NATIONAL, "全国")]),  # 中国制造2025 alone is a name
        # places listed in brackets after a name gloss it
        ("一季度北部湾港(钦州、北海、防城港)进出口集装箱6.9万箱次", []),
        # a place opening a bracket that holds a figure covers it
        ("增长16.5%(全国增长4.4%)", [("全国", NATIONAL, "全国")]),
        # 和 after a place's bracketed value goes on with the list
        ("依次为:青海(12.5%)和山东(2.7%)", [("青海", PLACE, "青海省"), ("山东", PLACE, "山东省")]),
        # ... and after its own figure (AI05)
        ("安徽降低21.03%和广东降20.94%", [("安徽", PLACE, "安徽省"), ("广东", PLACE, "广东省")]),
        ("对美国出口增长5%和欧盟进口下降2%", []),  # partners stay partners
        # a project named after a place and given as an example is no place
        ("随着喀什市城市安全饮水工程等8个自治区新开工重点项目的全面实施", []),
        # an event named after a place is no place
        ("在2013中国•青海绿色发展投资贸易洽谈会上签约项目19个", []),
        ("将在第六届世界闽商大会上签约", []),
        ("策划举办2018中国秦岭生态旅游节等十大品牌活动", []),  # AH03: a festival
        # the home market is the nation (AI09, AI13: 国内市场手机出货量, not 市场手机出货量)
        ("国内市场手机出货量2323.8万部", [("国内市场", NATIONAL, "全国")]),
        ("中国市场手机出货量2407.1万部", [("中国市场", NATIONAL, "全国")]),
        ("以习近平新时代中国特色社会主义思想为指导", []),  # a political phrase
        ("建成一批具有全球竞争力和全国影响力的先进制造业集群", []),  # AH06: a standing, no place
        # a superlative after a place ranks within it; inside a name it does not
        ("全球单机容量最大的16兆瓦海上风电机组并网发电", []),
        ("浙江省全社会最高用电负荷超过1亿千瓦", [("浙江省", PLACE, "浙江省")]),
        # a named place with a superlative ending its clause is the member that has the most (AD04)
        ("其中江苏省最多,有97个", [("江苏省", PLACE, "江苏省")]),
        ("增速全国最高,达到9%", []),
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
        # 和 after a place covered lists the next one; after a partner it does not
        ("广东、江苏和山东分别增长", [("广东", PLACE, "广东省"), ("江苏", PLACE, "江苏省"), ("山东", PLACE, "山东省")]),
        ("与美国和日本贸易额增长", []),
        ("来自德国的投资", []),
        # destinations of sales (出口交货值 … 包括销往香港、澳门、台湾地区)
        ("(包括销往香港、澳门、台湾地区)", []),
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
        # words that run into a place's name (乡镇以上城区 is no 上城区; 新中国成立 no 中国; 省属 no 省)
        ("实现乡镇以上城区全部具备千兆光网接入能力", []),
        ("2024年是新中国成立75周年", []),
        ("南京海关13日发布最新数据", []),
        ("该学院由武汉轻工大学牵头", []),
        ("贯彻落实习近平总书记视察新疆时的重要讲话", []),
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


@pytest.mark.parametrize(
    ("text", "province"),
    [
        # AN12: two provinces in makers' names, three times and twice: the page is neither's
        ("浙江绿源销量增长。江苏新日销量增长。浙江绿源、江苏新日进入前十。浙江绿源产量增长。", None),
        # O04: one named far more often than the other is the page's
        ("福建全省工业增长。福建出口增长。上海对福建投资增长。福建利润增长。上海消费增长。福建投资增长。", "福建省"),
    ],
)
def test_regions_place_profile_two_provinces_named_alike_make_no_page_place(text: str, province) -> None:
    assert place_profile(text).province == province


@pytest.mark.parametrize(
    ("text", "header", "host", "expected"),
    [
        ("全省规上工业增加值增长6%。", "", "湖南省", ("湖南省", None)),
        ("全市规上工业增长。", "", "武汉市", ("湖北省", "武汉市")),
        ("全市规上工业增长。", "", "上海市", ("上海市", "上海市")),
        ("全国规模以上工业增加值增长。", "", "湖南省", ("湖南省", None)),  # the profile only; see assemble
        # the text, the header or a newspaper names a place: the host is not asked
        ("全省规上工业增加值增长6%。", "湖北省上半年经济运行情况", "湖南省", ("湖北省", None)),
        ("全市规上工业增长。长沙市增长5%。", "", "武汉市", ("湖南省", "长沙市")),
        ("四川日报讯 全省规上工业增加值增长6%。", "", "湖南省", ("四川省", None)),
        # a local paper's own dateline tells which province 全省 is (AM04); a national paper files from 北京
        ("本报济南8月20日讯 全省规上工业增加值增长5.3%。", "", None, ("山东省", "济南市")),
        ("本报北京7月15日电 全省规上工业增加值增长5.3%。", "", None, (None, None)),
        ("全省规上工业增加值增长6%。", "", None, (None, None)),
        # the text names only the province the host's city lies in: the host's city (CC01)
        ("根据广东省地区生产总值统一核算结果,我市地区生产总值增长4.2%。", "", "河源市", ("广东省", "河源市")),
        ("根据广东省地区生产总值统一核算结果,我市地区生产总值增长4.2%。", "", "长沙市", ("广东省", None)),
    ],
)
def test_regions_place_profile_takes_the_host_last(text: str, header: str, host, expected: tuple) -> None:
    profile = place_profile(text, header, host)
    assert (profile.province, profile.city) == expected


@pytest.mark.parametrize(
    ("text", "compared"),
    [
        ("规模工业增加值增长10.3%,高于全国4.3个百分点。", True),
        ("固定资产投资增长8.1%,比全国高1.8个百分点。", True),
        ("全国规模以上工业增加值增长6.4%。", False),
        ("与全国同步推进。", False),  # a partner, no comparison of figures
        ("全球粗钢产量高于上年。", False),
    ],
)
def test_regions_place_profile_sees_figures_set_against_the_nation(text: str, compared: bool) -> None:
    assert place_profile(text, "", None).below_nation is compared


def test_regions_places_compared_with_brackets_between_are_not_covered() -> None:
    text = "同比增长7.3%,分别高于全省(4.9%)、金华(5.5%)2.4个百分点和1.8个百分点。"
    assert find_regions(text) == []


@pytest.mark.parametrize(
    ("text", "province"),
    [
        # a city that says 全市 and compares itself with a city of a province is in that province
        ("全市地区生产总值增长7.3%,分别高于全省(4.9%)、金华(5.5%)2.4和1.8个百分点。", "浙江省"),
        ("全市规上工业增加值增长9%,高于苏州1个百分点。", "江苏省"),
        # two provinces compared: none; a city named as its own place wins
        ("全市规上工业增加值增长9%,高于苏州、杭州1个百分点。", None),
        ("全省规上工业增加值增长9%。", None),
        # a province or a municipality compared with is a peer
        ("本市规上工业增加值增长9%,高于天津1个百分点。", None),
        ("全省规上工业增加值增长9%,高于广东1个百分点。", None),
    ],
)
def test_regions_a_place_compared_with_tells_the_province(text: str, province: str | None) -> None:
    assert place_profile(text, "", None).province == province


def test_regions_a_host_place_is_not_named() -> None:
    # named counts what the text says, so a host never makes a release "about" its place
    assert place_profile("规上工业增长。规上工业增长。", "", "湖南省").named == 0


def test_regions_article_place_ignores_partners() -> None:
    text = "全省对美国出口增长。全省对日本出口增长。全省对韩国出口增长。"
    assert article_place(text, "四川省外贸") == ("四川省", None)


def _places(text: str) -> list[tuple[str, str | None, str]]:
    return [(text[r.start:r.end], r.name, r.level) for r in find_regions(text)]


@pytest.mark.parametrize(
    ("text", "surface", "canonical", "level", "province"),
    [
        ("苏州规上工业增加值增长", "苏州", "苏州市", "city", "江苏省"),
        ("襄阳市地区生产总值", "襄阳市", "襄阳市", "city", "湖北省"),
        ("鄂尔多斯煤炭产量", "鄂尔多斯", "鄂尔多斯市", "city", "内蒙古自治区"),
        ("遵义白酒产量", "遵义", "遵义市", "city", "贵州省"),
        ("榆林能源化工", "榆林", "榆林市", "city", "陕西省"),
        ("三沙渔业", "三沙", "三沙市", "city", "海南省"),
        ("大同市经济运行", "大同市", "大同市", "city", "山西省"),
        ("中山市工业", "中山市", "中山市", "city", "广东省"),
        ("吉林市工业", "吉林市", "吉林市", "city", "吉林省"),
        ("延边州旅游收入", "延边州", "延边朝鲜族自治州", "city", "吉林省"),
        ("恩施外贸", "恩施", "恩施土家族苗族自治州", "city", "湖北省"),
        ("海南州光伏装机", "海南州", "海南藏族自治州", "city", "青海省"),
        ("阿克苏地区棉花", "阿克苏地区", "阿克苏地区", "city", "新疆维吾尔自治区"),
        ("喀什进出口", "喀什", "喀什地区", "city", "新疆维吾尔自治区"),
        ("锡林郭勒盟畜牧业", "锡林郭勒盟", "锡林郭勒盟", "city", "内蒙古自治区"),
        ("张家港进出口", "张家港", "张家港市", "county", "江苏省"),
        ("昆山市地区生产总值", "昆山市", "昆山市", "county", "江苏省"),
        ("江阴上市公司", "江阴", "江阴市", "county", "江苏省"),
        ("义乌小商品出口", "义乌", "义乌市", "county", "浙江省"),
        ("慈溪家电", "慈溪", "慈溪市", "county", "浙江省"),
        ("晋江鞋服产业", "晋江", "晋江市", "county", "福建省"),
        ("福清工业", "福清", "福清市", "county", "福建省"),
        ("济源钢铁", "济源", "济源市", "county", "河南省"),
        ("仙桃无纺布", "仙桃", "仙桃市", "county", "湖北省"),
        ("神木煤炭", "神木", "神木市", "county", "陕西省"),
        ("喀什市", "喀什市", "喀什市", "county", "新疆维吾尔自治区"),
        ("石河子工业", "石河子", "石河子市", "county", "新疆维吾尔自治区"),
        # two-character counties, where they stand apart from the words around them
        ("凤县举行重点项目集中开工仪式", "凤县", "凤县", "county", "陕西省"),
        ("十堰市房县招商引资", "房县", "房县", "county", "湖北省"),
        ("河南滑县粮食产量", "滑县", "滑县", "county", "河南省"),
    ],
)
def test_regions_cities_resolve_to_canonical_name_and_province(text, surface, canonical, level, province) -> None:
    assert [p for p in _places(text) if p[2] == level] == [(surface, canonical, level)]
    assert province_of(surface) == province_of(canonical) == province


@pytest.mark.parametrize("text", ["全省创建示范县12个", "振兴县域经济", "城市和县城建设", "贡献县级财政收入",
                                  "现代县域经济"])
def test_regions_a_two_character_county_inside_a_word_is_no_place(text: str) -> None:
    assert [p for p in _places(text) if p[2] == "county"] == []


@pytest.mark.parametrize(
    ("name", "province"),
    [
        ("江苏", "江苏省"),
        ("江苏省", "江苏省"),
        ("北京", "北京市"),
        ("内蒙古", "内蒙古自治区"),
        ("苏州", "江苏省"),
        ("苏州市", "江苏省"),
        ("昆山", "江苏省"),
        ("长三角", None),
        ("美国", None),
        ("全国", None),
        ("全省", None),
        ("大同", None),
        ("火星", None),
    ],
)
def test_regions_province_of(name: str, province: str | None) -> None:
    assert province_of(name) == province


@pytest.mark.parametrize(
    "text",
    [
        "两种方案大同小异",
        "中山大学发布报告",
        "长治久安的社会环境",
        "四平八稳",
        "培育朝阳产业",
        "年日照时数超过2000小时",
        "白银价格上涨",
        "宁德时代营业收入增长",
        "阿里巴巴营收",
        "北海道旅游",
        "开封后即食",
        "黄山风景区",
        "高密度聚乙烯产量",
        "弘扬中华优秀传统文化",
        "普洱茶产量",
        "复合肥产量增长",
        "出海口建设",
        "全市场成交额",
        "东部沿海",
        "西部大开发",
        "东中西部地区",
        "一批国内外知名企业",
        "打破世界纪录、填补全球空白",
        "打造世界级产业集群",
        "C919大型客机实现全球首架交付",
        "增速全国排名第三",
        "位列金华各县(市、区)第一",  # AM11: ranked among the parts of a place
    ],
)
def test_regions_ordinary_words_name_no_place(text: str) -> None:
    assert find_regions(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("吉林市场监管", [("吉林", "吉林省", "province")]),
        ("美丽江苏建设", [("江苏", "江苏省", "province")]),
        ("振兴义乌", [("义乌", "义乌市", "county")]),
        ("沿海口岸", []),
        ("长三角地区生产总值", [("长三角地区", "长三角地区", "area")]),
        ("长江三角洲", [("长江三角洲", "长三角地区", "area")]),
        ("珠三角制造业", [("珠三角", "珠三角地区", "area")]),
        ("京津冀协同发展", [("京津冀", "京津冀地区", "area")]),
        ("粤港澳大湾区", [("粤港澳大湾区", "粤港澳大湾区", "area")]),
        ("大湾区", [("大湾区", "粤港澳大湾区", "area")]),
        ("东部地区投资增长", [("东部地区", "东部地区", "area")]),
        ("中部地区", [("中部地区", "中部地区", "area")]),
        ("西部地区", [("西部地区", "西部地区", "area")]),
        ("东北地区", [("东北地区", "东北地区", "area")]),
        ("中西部地区", [("中西部地区", "中西部地区", "area")]),
        ("湖北省", [("湖北省", "湖北省", "province")]),
        ("美国", [("美国", "美国", "country")]),
        ("全省", [("全省", None, "province")]),
        ("全国", [("全国", "全国", "")]),
    ],
)
def test_regions_levels_and_words_that_name_no_place(text: str, expected: list[tuple]) -> None:
    assert _places(text) == expected


@pytest.mark.parametrize(
    ("text", "header", "expected"),
    [
        ("全市规上工业增长。", "苏州市经济运行情况", ("江苏省", "苏州市")),
        ("全市地区生产总值增长。", "2024年昆山经济运行", ("江苏省", "昆山市")),
        ("全州旅游收入增长。", "恩施州上半年经济", ("湖北省", "恩施土家族苗族自治州")),
        ("全市出口增长。", "浙江省宁波市外贸", ("浙江省", "宁波市")),
        ("长三角地区生产总值增长。", "", (None, None)),
    ],
)
def test_regions_article_place_city_brings_its_province(text: str, header: str, expected: tuple) -> None:
    assert article_place(text, header) == expected


def _table() -> dict:
    return copy.deepcopy(load("regions"))


def _unknown_province(t: dict) -> None:
    t["cities"]["苏州市"]["province"] = "江南省"


def _short_name_of_a_province(t: dict) -> None:
    t["cities"]["苏州市"]["names"].append("江苏")


def _city_twice(t: dict) -> None:
    t["areas"]["长三角地区"].append("苏州")


def _bad_level(t: dict) -> None:
    t["cities"]["苏州市"]["level"] = "prefecture"


def _missing_field(t: dict) -> None:
    del t["cities"]["苏州市"]["level"]


def _one_character(t: dict) -> None:
    t["cities"]["苏州市"]["names"].append("苏")


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (_unknown_province, r"'江南省', which is not in \[provinces\]"),
        (_short_name_of_a_province, r"'江苏' is listed in \[provinces\] and again in \[cities\]"),
        (_city_twice, r"'苏州' is listed in \[areas\] and again in \[cities\]"),
        (_bad_level, "has level 'prefecture'"),
        (_missing_field, "needs exactly the fields"),
        (_one_character, "shorter than two characters"),
    ],
)
def test_regions_loader_rejects_bad_entries(mutate, message: str) -> None:
    table = _table()
    mutate(table)
    with pytest.raises(RulesError, match=message):
        build_lexicon(table)


def test_regions_loader_accepts_the_shipped_table() -> None:
    lexicon = build_lexicon(_table())
    assert lexicon.provinces["苏州市"] == "江苏省"


# Prefecture-level divisions (地级市, 自治州, 地区, 盟) per province: 333 in all.
PREFECTURES = {
    "河北省": 11, "山西省": 11, "内蒙古自治区": 12, "辽宁省": 14, "吉林省": 9, "黑龙江省": 13,
    "江苏省": 13, "浙江省": 11, "安徽省": 16, "福建省": 9, "江西省": 11, "山东省": 16,
    "河南省": 17, "湖北省": 13, "湖南省": 14, "广东省": 21, "广西壮族自治区": 14, "海南省": 4,
    "四川省": 21, "贵州省": 9, "云南省": 16, "西藏自治区": 7, "陕西省": 10, "甘肃省": 14,
    "青海省": 8, "宁夏回族自治区": 5, "新疆维吾尔自治区": 14,
}


def test_regions_every_prefecture_is_listed() -> None:
    counts = Counter(e["province"] for e in load("regions")["cities"].values() if e["level"] == "city")
    assert dict(counts) == PREFECTURES
    assert sum(PREFECTURES.values()) == 333


LEXICON = build_lexicon(load("regions"))


def _reference_scan(text: str) -> list[tuple[int, int]]:
    """Leftmost-longest over all words, tried one by one at every position: slow and plain."""
    by_length = sorted(LEXICON.words, key=len, reverse=True)
    out, i = [], 0
    while i < len(text):
        for w in by_length:
            if text.startswith(w, i) and not (w.endswith("市") and text.startswith("场", i + len(w))):
                if LEXICON.words[w].kind != NOT_PLACE:
                    out.append((i, i + len(w)))
                i += len(w)
                break
        else:
            i += 1
    return out


_FRAGMENTS = sorted(LEXICON.words) + list("市场省州区的年增长,。国中东西南北部地")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=12).map("".join))
def test_regions_prefilter_finds_what_a_plain_scan_finds(text: str) -> None:
    assert [(a, b) for a, b, _ in LEXICON.scan(text)] == _reference_scan(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("苏州市工业", 3),
        ("长江三角洲地区生产总值", 5),  # an area is a place; 地区 opens 地区生产总值
        ("东部地区软件业务收入", 4),
        ("全国各地", 4),
        ("全省工业", 2),
        ("复合肥产量", 0),
        ("吉林市场", 2),
        ("规模以上工业", 0),
        ("", 0),
    ],
)
def test_regions_place_at_start(text: str, expected: int) -> None:
    assert place_at_start(text) == expected


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("辰溪县2021年国民经济和社会发展统计公报", ["辰溪县"]),
        ("长沙县规模以上工业增加值增长8%", ["长沙县"]),
        ("丰宁满族自治县", ["丰宁满族自治县"]),
        # two-character county names are left out: they occur inside words
        ("推进城市和县城建设,振兴县域经济", []),
        # districts by their full names; not a name several cities give a district, not before 域
        ("华龙区前三季度全区规上工业运行情况", ["华龙区"]),
        ("雄安新区完成固定资产投资增长37.5%", ["雄安新区"]),  # a national new area
        ("鼓楼区规上工业增加值增长5%", []),
        ("江南区域经济一体化", []),
    ],
)
def test_regions_counties_by_their_full_names(text: str, names: list[str]) -> None:
    assert [r.name for r in find_regions(text) if r.kind == "place"] == names


def test_regions_a_county_brings_its_province() -> None:
    assert province_of("辰溪县") == "湖南省"


@pytest.mark.parametrize(
    ("word", "kind", "province", "city", "region"),
    [
        ("全省", "province", "河南省", "郑州市", "河南省"),
        ("全市", "city", "河南省", "郑州市", "郑州市"),
        # in a district's or a county's release: 全区 the district, 全市 its prefecture, 全县 the county
        ("全区", "province", "河南省", "华龙区", "华龙区"),
        ("全市", "city", "河南省", "华龙区", "濮阳市"),
        ("全县", "city", "山西省", "柳林县", "柳林县"),
        ("全市", "city", "山西省", "柳林县", "吕梁市"),
        ("我州", "city", "青海省", "刚察县", "海北藏族自治州"),  # a county's site reposts its prefecture's news
        # 全区 of an autonomous region is the region, whatever district it names most
        ("全区", "province", "广西壮族自治区", "青秀区", "广西壮族自治区"),
        ("全市", "city", "北京市", None, "北京市"),
    ],
)
def test_regions_local_region(word: str, kind: str, province: str, city: str | None, region: str) -> None:
    assert local_region(word, kind, province, city) == region


@pytest.mark.parametrize("text", ["北京商报讯(记者王蔓蕾)12月16日,国家统计局发布数据", "据湖北日报报道"])
def test_regions_a_newspapers_place_is_no_region(text: str) -> None:
    assert [r for r in find_regions(text) if r.kind == "place"] == []


def test_regions_qizhong_guoyou_is_no_china() -> None:
    assert find_regions("全县各类企业达2372户,其中国有及集体控股公司264户。")[-1].kind != "national"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("制造业规模连续16年保持全球第一", []),
        ("主要指标位居全国前列", []),
        ("全球粗钢产量为18.64亿吨", ["全球"]),
    ],
)
def test_regions_a_ranking_within_a_place_is_no_region(text: str, expected: list[str]) -> None:
    assert [r.name for r in find_regions(text)] == expected


@pytest.mark.parametrize(
    "text", ["湖南省前5个月经济运行情况", "全省第一产业增加值", "全国第一季度", "湖北省第三批项目"])
def test_regions_periods_and_names_after_a_place_keep_it(text: str) -> None:
    assert find_regions(text)


def test_regions_a_districts_release_is_about_the_district() -> None:
    from zhibiao.api import extract_text

    text = ("华龙区前三季度全区规上工业运行情况\n"
            "前三季度,全区规模以上工业增加值同比下降0.3%,增速比全市平均增速(8.1%)低8.4个百分点,"
            "比全省平均增速(8.4%)低8.7个百分点。\n")
    regions = {f.value: f.region for f in extract_text(text, date=date(2025, 10, 8))}
    assert regions == {-0.3: "华龙区", -8.4: "华龙区", -8.7: "华龙区", 8.1: "濮阳市", 8.4: "河南省"}


def test_regions_a_city_named_once_in_a_province_s_article_is_not_its_place():
    text = "新疆重点新开工项目达到51项。新疆工业增加值增长10%,喀什市城市安全饮水工程顺利推进。新疆投资增长5%。"
    assert (place_profile(text, "", None).province, place_profile(text, "", None).city) == ("新疆维吾尔自治区", None)


def test_regions_an_article_that_says_quanzhou_is_its_prefecture_s() -> None:
    # AJ12: 全州 is the autonomous prefecture named (博州), not its city named more often
    from zhibiao.extract.regions import place_profile

    text = "3月份,全州规模以上工业增长51.4%。博乐市规上企业40家。博乐市增长11.4%。\n博州 |\n34951 |\n"
    assert place_profile(text).city == "博尔塔拉蒙古自治州"
    assert place_profile(text.replace("全州", "全市")).city == "博乐市"


@pytest.mark.parametrize(
    ("text", "zone"),
    [
        # a zone named first, then called by its short name or 全区: the article is the zone's
        ("压力之下,白城经济开发区发展依然劲头十足。年初以来,经开区全力组织经济运行,全区经济平稳开局。",
         "白城经济开发区"),
        ("2015年,西宁(国家级)经济技术开发区完成投资440亿元。去年以来,开发区全力推进项目建设。", "西宁经济技术开发区"),
        # a city's article that names a zone of it first is still the city's
        ("今年以来,苏州工业园区实现地区生产总值1200亿元,全市规上工业增加值增长5%。", None),
        # a zone never called by its short name again: named in passing
        ("白城经济开发区举行签约仪式,签约项目12个。", None),
        # the first place named is no zone's
        ("吉林省工信厅发布,白城经济开发区一季度经开区产值增长10%。", None),
        # the city that rates the zone, and a zone that gives its figures as 全区's (AH12)
        ("在全市“三大平台”考核中,茂名高新区荣获第一名。2015年,全区实现规模以上工业增加值43.08亿元,高新区发展加快。",
         "茂名高新区"),
    ],
)
def test_regions_article_zone(text: str, zone: str | None) -> None:
    from zhibiao.extract.regions import article_zone

    assert article_zone(text) == zone
