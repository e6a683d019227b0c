"""The indicator catalogue: the shipped table, its validation, subject normalisation and linking."""

import pytest

from zhibiao.catalogue import load_catalogue, parse_catalogue, subject_key
from zhibiao.errors import RulesError
from zhibiao.models import Fact

REQUIRED = [
    "industrial_value_added", "mining_value_added", "manufacturing_value_added", "utilities_value_added",
    "high_tech_manufacturing_value_added", "equipment_manufacturing_value_added", "industrial_profits",
    "fixed_asset_investment", "retail_sales", "exports", "cpi", "ppi", "gdp", "base_stations_5g",
    "software_revenue", "little_giant_enterprises", "advanced_manufacturing_clusters",
    "manufacturing_innovation_centres", "pilot_test_platforms", "industry_finance_platform",
    "digital_workshops_and_smart_factories", "investment_promotion_projects",
]


def test_catalogue_covers_the_release_set_and_programmes():
    catalogue = load_catalogue()
    assert set(REQUIRED) <= set(catalogue.by_id)
    for indicator in catalogue:
        assert indicator.name_en and indicator.unit and indicator.aliases


@pytest.mark.parametrize(
    ("subject", "expected"),
    [
        ("规模以上工业增加值", "industrial_value_added"),
        ("规上工业增加值", "industrial_value_added"),
        ("全国规模以上工业增加值增速", "industrial_value_added"),
        ("全部规上工业增加值", "industrial_value_added"),
        ("专精特新\u201c小巨人\u201d企业", "little_giant_enterprises"),
        ("专精特新小巨人企业", "little_giant_enterprises"),
        ("5G基站总数", "base_stations_5g"),
        ("国内生产总值", "gdp"),
        ("居民消费价格", "cpi"),
        ("规模以上工业企业利润", "industrial_profits"),
        ("规模以上工业企业营业收入", None),
        ("新能源汽车产量", None),
        ("", None),
    ],
)
def test_catalogue_match_by_alias(subject, expected):
    indicator = load_catalogue().match(subject)
    assert (indicator.id if indicator else None) == expected


@pytest.mark.parametrize(
    ("subject", "key"),
    [("全国规模以上工业增加值", "规模以上工业增加值"), ("我省 GDP 增速", "GDP"), ("“小巨人”企业", "小巨人企业"),
     ("全国", "全国"), ("增速", "增速"), ("全省增速", "增速"), ("全国甲", "全国甲"), ("社会消费品零售总额（不含汽车）", "社会消费品零售总额(不含汽车)")],
)
def test_catalogue_subject_key(subject, key):
    assert subject_key(subject) == key


def test_catalogue_get_accepts_ids_and_aliases():
    catalogue = load_catalogue()
    assert catalogue.get("gdp").id == "gdp"
    assert catalogue.get("规上工业增加值").id == "industrial_value_added"
    assert catalogue.get("no such thing") is None


GOOD = {"name_en": "x", "measure": "growth", "unit": "%", "aliases": ["甲乙"]}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"Bad-Id": GOOD}, "lower_snake_case"),
        ({"a": {**GOOD, "name_en": ""}}, "missing name_en"),
        ({"a": {k: v for k, v in GOOD.items() if k != "unit"}}, "missing unit"),
        ({"a": {**GOOD, "measure": "speed"}}, "unknown measure"),
        ({"a": {**GOOD, "colour": "red"}}, "unknown field"),
        ({"a": {**GOOD, "aliases": ["甲乙", " "]}}, "non-empty"),
        ({"a": GOOD, "b": {**GOOD, "aliases": ["全国甲乙"]}}, "belongs to both a and b"),
        ({"a": {**GOOD, "aliases": ["“”"]}}, "empty once normalised"),
    ],
)
def test_catalogue_validation_rejects_bad_tables(table, message):
    with pytest.raises(RulesError, match=message):
        parse_catalogue(table)


def _f(subject, measure, value, unit, quote):
    return Fact("d", subject, measure, value, unit, quote=quote)


def test_catalogue_link_refuses_a_level_in_a_unit_the_indicator_cannot_have():
    vehicles = "出口60.5万辆,同比增长13.2%"
    goods = "出口13万亿元,增长7.2%"
    facts = [_f("出口", "level", 605000, "count", vehicles), _f("出口", "growth", 13.2, "%", vehicles),
             _f("出口", "level", 1.3e13, "CNY", goods), _f("出口", "growth", 7.2, "%", goods),
             _f("出口", "growth", 5.0, "%", "出口增长5%")]
    assert load_catalogue().link(facts) == [None, None, "exports", "exports", "exports"]


def test_catalogue_fingerprint_changes_with_the_aliases():
    a = parse_catalogue({"a": GOOD})
    b = parse_catalogue({"a": {**GOOD, "aliases": ["甲乙", "丙丁"]}})
    assert a.fingerprint != b.fingerprint and a.fingerprint == parse_catalogue({"a": GOOD}).fingerprint
