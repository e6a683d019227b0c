"""The indicator catalogue: the shipped table, its validation, subject normalisation and linking."""

import json
from pathlib import Path

import pytest

from zhibiao.catalogue import (
    Group,
    Modifier,
    load_catalogue,
    parse_catalogue,
    parse_groups,
    parse_modifiers,
    subject_key,
)
from zhibiao.errors import RulesError
from zhibiao.models import Fact

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"

REQUIRED = [
    "industrial_value_added", "mining_value_added", "manufacturing_value_added", "utilities_value_added",
    "high_tech_manufacturing_value_added", "equipment_manufacturing_value_added", "industrial_profits",
    "fixed_asset_investment", "retail_sales", "exports", "cpi", "ppi", "gdp", "base_stations_5g",
    "software_revenue", "little_giant_enterprises", "advanced_manufacturing_clusters",
    "manufacturing_innovation_centres", "pilot_test_platforms", "industry_finance_platform",
    "digital_workshops_and_smart_factories", "investment_promotion_projects",
    # The ministry's programmes as its briefings report them (issue 13).
    "new_three_exports", "smart_manufacturing_maturity", "factories_5g", "industrial_internet_5g_projects",
    "industrial_internet_platforms", "specialised_smes", "smes_served", "sme_trade_orders",
    "finance_partner_institutions", "finance_products", "finance_pilot_cities", "credit_loan_share",
    "technology_contracts", "technology_contract_turnover", "technology_transfer_contract_value",
    "green_factories", "energy_saving_diagnosis", "mobile_users_5g", "cloud_big_data_revenue", "telecom_revenue",
    "openharmony_devices", "industrial_robot_output", "service_robot_output", "investment_projects_started",
    "planned_investment_of_started_projects", "signed_investment_value",
]
GROUPS = ["工业经济运行", "数字化转型", "中小企业", "产融合作", "中试", "科技成果", "绿色制造", "信息通信", "装备",
          "招商引资"]


def test_catalogue_covers_the_release_set_and_programmes():
    catalogue = load_catalogue()
    assert set(REQUIRED) <= set(catalogue.by_id)
    for indicator in catalogue:
        assert indicator.name_en and indicator.name_zh and indicator.unit and indicator.aliases
        assert indicator.aliases[0] == indicator.name_zh  # the Chinese name links too


def test_catalogue_every_indicator_has_a_known_group_and_a_definition():
    catalogue = load_catalogue()
    names = [g.name for g in catalogue.groups]
    assert set(GROUPS) <= set(names) and len(names) == len(set(names))
    for indicator in catalogue:
        assert indicator.group in names, indicator.id
        assert len(indicator.definition) > 20 and "\n" not in indicator.definition, indicator.id
    grouped = catalogue.by_group()
    assert sum(len(members) for _, members in grouped) == len(catalogue)
    assert all(members for _, members in grouped)  # no group is empty
    assert not catalogue.group("工业经济运行").programme and catalogue.group("中试").programme


@pytest.mark.parametrize(
    ("subject", "expected", "scope"),
    [
        ("招商引资亿元以上签约项目", "investment_promotion_projects", "亿元以上"),
        ("50亿元以上签约项目", "investment_promotion_projects", "50亿元以上"),
        ("签约项目", "investment_promotion_projects", None),
        ("亿元以上开工项目", "investment_projects_started", "亿元以上"),
        ("亿元以上开工项目计划投资额", "planned_investment_of_started_projects", "亿元以上"),
        ("重点培育中试平台", "pilot_test_platforms", "重点培育"),
        ("首批重点培育中试平台", "pilot_test_platforms", "首批重点培育"),
        ("国家级制造业中试平台", "pilot_test_platforms", "国家级"),
        ("中试平台", "pilot_test_platforms", None),
        ("智能制造能力成熟度2级以上", "smart_manufacturing_maturity", "2级以上"),
        ("卓越级智能工厂", "smart_factories", "卓越级"),
        ("省级专精特新中小企业", "specialised_smes", "省级"),
        # A modifier the indicator implies selects nothing: one series with the bare name.
        ("国家级专精特新“小巨人”企业", "little_giant_enterprises", None),
        ("国家级制造业创新中心", "manufacturing_innovation_centres", None),
        # An alias wins over modifiers: 规模以上 is part of these names.
        ("规模以上工业增加值", "industrial_value_added", None),
        ("规上工业企业出口交货值", "industrial_export_delivery_value", None),
        # 规模以上 where it is not part of the name scopes the programme.
        ("规模以上工业机器人产量", "industrial_robot_output", "规模以上"),
        # Modifiers alone, or around something the catalogue does not know, link nothing.
        ("亿元以上", None, None),
        ("国家级", None, None),
        ("亿元以上签", None, None),
        ("国家级孵化器", None, None),
    ],
)
def test_catalogue_resolve_takes_scope_modifiers_apart_from_the_name(subject, expected, scope):
    link = load_catalogue().resolve(subject)
    assert (link.indicator.id if link.indicator else None, link.scope) == (expected, scope)


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
        ("新能源汽车产量", "nev_output"),
        ("氢燃料电池汽车产量", None),
        ("", None),
    ],
)
def test_catalogue_match_by_alias(subject, expected):
    indicator = load_catalogue().match(subject)
    assert (indicator.id if indicator else None) == expected


@pytest.mark.parametrize(
    ("subject", "key"),
    [("全国规模以上工业增加值", "规模以上工业增加值"), ("我省 GDP 增速", "GDP"), ("“小巨人”企业", "小巨人企业"),
     ("全国", "全国"), ("增速", "增速"), ("全省增速", "增速"), ("全国甲", "全国甲"),
     ("社会消费品零售总额（不含汽车）", "社会消费品零售总额(不含汽车)")],
)
def test_catalogue_subject_key(subject, key):
    assert subject_key(subject) == key


def test_catalogue_get_accepts_ids_and_aliases():
    catalogue = load_catalogue()
    assert catalogue.get("gdp").id == "gdp"
    assert catalogue.get("规上工业增加值").id == "industrial_value_added"
    assert catalogue.get("no such thing") is None


GOOD = {"name_zh": "甲乙", "name_en": "x", "group": "工业经济运行", "definition": "what x measures",
        "measure": "growth", "unit": "%", "aliases": ["甲乙"]}


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
        ({"a": {**GOOD, "group": "no such group"}}, "unknown group 'no such group'"),
        ({"a": {k: v for k, v in GOOD.items() if k != "group"}}, "missing group"),
        ({"a": {**GOOD, "definition": "  "}}, "missing definition"),
        ({"a": {k: v for k, v in GOOD.items() if k != "name_zh"}}, "missing name_zh"),
        ({"a": {**GOOD, "implied_scopes": [""]}}, "implied_scopes"),
        ({"a": GOOD, "b": {**GOOD, "name_zh": "甲乙", "aliases": ["丙丁"]}}, "belongs to both a and b"),
    ],
)
def test_catalogue_validation_rejects_bad_tables(table, message):
    with pytest.raises(RulesError, match=message):
        parse_catalogue(table)


@pytest.mark.parametrize(
    ("meta", "message"),
    [
        ({"modifier": [{"pattern": "("}]}, "not a regular expression"),
        ({"modifier": [{"pattern": "a?"}]}, "must not match nothing"),
        ({"modifier": [{"pattern": "(a)"}]}, "capture a group"),
        ({"modifier": [{"scope": "x"}]}, "needs a pattern"),
        ({"group": [{"name": "甲"}]}, "needs a name and a name_en"),
        ({"group": [{"name": "甲", "name_en": "a"}, {"name": "甲", "name_en": "b"}]}, "listed twice"),
    ],
)
def test_catalogue_validation_rejects_bad_groups_and_modifiers(meta, message):
    with pytest.raises(RulesError, match=message):
        parse_groups(meta)
        parse_modifiers(meta)


def test_catalogue_modifier_scope_names_a_spelling_and_implied_scopes_drop():
    table = {"a": {**GOOD, "measure": "level", "unit": "count", "aliases": ["项目"], "implied_scopes": ["国家级"]}}
    groups = (Group("工业经济运行", "Industry", False),)
    modifiers = (Modifier("规模以上|规上", "规模以上"), Modifier("国家级"), Modifier("首批"))
    catalogue = parse_catalogue(table, groups=groups, modifiers=modifiers)
    assert catalogue.resolve("规上项目").scope == "规模以上"
    assert catalogue.resolve("首批国家级项目").scope == "首批"
    assert catalogue.resolve("国家级项目").indicator.id == "a" and catalogue.resolve("国家级项目").scope is None
    assert parse_catalogue(table, groups=groups).resolve("规上项目").indicator is None


def _f(subject, measure, value, unit, quote):
    return Fact("d", subject, measure, value, unit, quote=quote)


def test_catalogue_link_refuses_a_level_in_a_unit_the_indicator_cannot_have():
    vehicles = "出口60.5万辆,同比增长13.2%"
    goods = "出口13万亿元,增长7.2%"
    facts = [_f("出口", "level", 605000, "count", vehicles), _f("出口", "growth", 13.2, "%", vehicles),
             _f("出口", "level", 1.3e13, "CNY", goods), _f("出口", "growth", 7.2, "%", goods),
             _f("出口", "growth", 5.0, "%", "出口增长5%")]
    assert load_catalogue().link(facts) == [None, None, "exports", "exports", "exports"]


def test_catalogue_links_carry_the_scope_and_keep_the_unit_check():
    signed = "招商引资亿元以上签约项目4918个"
    big = "50亿元以上签约项目83个"
    facts = [_f("招商引资亿元以上签约项目", "level", 4918, "count", signed),
             _f("50亿元以上签约项目", "level", 83, "count", big),
             _f("50亿元以上签约项目", "level", 5e9, "CNY", "50亿元以上签约项目50亿元")]
    links = load_catalogue().links(facts)
    assert [(k.indicator.id if k.indicator else None, k.scope) for k in links] == [
        ("investment_promotion_projects", "亿元以上"), ("investment_promotion_projects", "50亿元以上"), (None, None)]


def test_catalogue_fingerprint_changes_with_the_aliases_and_modifiers():
    a = parse_catalogue({"a": GOOD})
    b = parse_catalogue({"a": {**GOOD, "aliases": ["甲乙", "丙丁"]}})
    c = parse_catalogue({"a": GOOD}, modifiers=(Modifier("国家级"),))
    assert a.fingerprint != b.fingerprint and a.fingerprint == parse_catalogue({"a": GOOD}).fingerprint
    assert c.fingerprint != a.fingerprint


# --- The canonical subjects of the dev sets' gold (what the extractor is to produce) ------------

# Every programme subject of ../shared/corpus/dev and dev2 gold, with the indicator and scope it names.
PROGRAMME_SUBJECTS = {
    "数字化车间和智能工厂": ("digital_workshops_and_smart_factories", None),
    "智能制造能力成熟度2级以上": ("smart_manufacturing_maturity", "2级以上"),
    "智能制造能力成熟度": ("smart_manufacturing_maturity", None),
    "节能监察和诊断服务": ("energy_saving_diagnosis", None),
    "国家先进制造业集群": ("advanced_manufacturing_clusters", None),
    "主导产业总产值": ("cluster_output", None),
    "绿色工厂产值": ("green_factory_output_share", None),
    "专精特新“小巨人”企业": ("little_giant_enterprises", None),
    "服务中小企业": ("smes_served", None),
    "交易订单金额": ("sme_trade_orders", None),
    "技术成果转化合同金额": ("technology_transfer_contract_value", None),
    "工业机器人产量": ("industrial_robot_output", None),
    "服务机器人产量": ("service_robot_output", None),
    "技术合同": ("technology_contracts", None),
    "技术合同成交额": ("technology_contract_turnover", None),
    "国家级制造业创新中心": ("manufacturing_innovation_centres", None),
    "中试平台": ("pilot_test_platforms", None),
    "重点培育中试平台": ("pilot_test_platforms", "重点培育"),
    "国家级制造业中试平台": ("pilot_test_platforms", "国家级"),
    "5G基站": ("base_stations_5g", None),
    "5G融合应用": ("applications_5g", None),
    "“5G+工业互联网”项目": ("industrial_internet_5g_projects", None),
    "软件业务收入": ("software_revenue", None),
    "云计算、大数据服务收入": ("cloud_big_data_revenue", None),
    "数字产业业务收入": ("digital_industry_revenue", None),
    "搭载开源鸿蒙操作系统的品种类": ("openharmony_products", None),
    "搭载开源鸿蒙操作系统的总量": ("openharmony_devices", None),
    "金融和投资机构": ("finance_partner_institutions", None),
    "金融产品": ("finance_products", None),
    "助企融资规模": ("industry_finance_platform", None),
    "战略合作金融机构": ("finance_strategic_partners", None),
    "企业信用贷款": ("credit_loan_share", None),
    "国家产融合作试点城市": ("finance_pilot_cities", None),
    "签约项目": ("investment_promotion_projects", None),
    "招商引资亿元以上签约项目": ("investment_promotion_projects", "亿元以上"),
    "50亿元以上签约项目": ("investment_promotion_projects", "50亿元以上"),
    "亿元以上开工项目": ("investment_projects_started", "亿元以上"),
    "亿元以上开工项目计划投资额": ("planned_investment_of_started_projects", "亿元以上"),
    "“新三样”出口": ("new_three_exports", None),
    "装备制造业利润": ("equipment_manufacturing_profits", None),
}


def _gold_subjects() -> list[str]:
    subjects = set()
    for name in ("dev", "dev2"):
        path = SHARED / name / "gold.jsonl"
        if path.exists():
            for line in path.read_text("utf-8").splitlines():
                record = json.loads(line) if line.strip() else {}
                if record.get("subject"):
                    subjects.add(record["subject"])
    return sorted(subjects)


GOLD_SUBJECTS = _gold_subjects()
needs_gold = pytest.mark.skipif(not GOLD_SUBJECTS, reason="../shared/corpus is not here")


@needs_gold
@pytest.mark.parametrize("subject", sorted(PROGRAMME_SUBJECTS))
def test_catalogue_links_each_gold_programme_subject_to_its_indicator(subject):
    assert subject in GOLD_SUBJECTS  # the table restates the gold, it does not invent subjects
    link = load_catalogue().resolve(subject)
    assert (link.indicator.id if link.indicator else None, link.scope) == PROGRAMME_SUBJECTS[subject]


@needs_gold
def test_catalogue_programme_indicators_claim_no_other_gold_subject():
    catalogue = load_catalogue()
    programmes = {ident for ident, _ in PROGRAMME_SUBJECTS.values()}
    claimed = {}
    for subject in GOLD_SUBJECTS:
        link = catalogue.resolve(subject)
        if subject not in PROGRAMME_SUBJECTS and link.indicator is not None and link.indicator.id in programmes:
            claimed[subject] = link.indicator.id
    assert claimed == {}
