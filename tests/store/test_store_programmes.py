"""End to end: the two ministry briefings of ../shared/corpus/dev, ingested, put every programme they
state on its indicator (and scope) with the value they state."""

from pathlib import Path

import pytest

import zhibiao

DEV = Path(__file__).resolve().parents[2] / ".." / "shared" / "corpus" / "dev"
# 亿元以上开工项目1660个,…,计划投资额5889.6亿元: the amount is named bare (计划投资额 is an indicator name of
# its own, and annotators keep it bare); linking it to the started projects needs the sentence's count.
SUBJECTS = pytest.mark.xfail(strict=False, reason="a bare 计划投资额 is not yet tied to the projects counted before it")

pytestmark = pytest.mark.skipif(not (DEV / "index.json").exists(), reason="../shared/corpus/dev is not here")


@pytest.fixture(scope="module")
def programme_facts(tmp_path_factory) -> list[dict]:
    path = tmp_path_factory.mktemp("programmes") / "dev.duckdb"
    with zhibiao.open(path) as store:
        report = store.ingest([DEV])
        assert report.added == 2 and not report.failures
        facts = store.facts()
    return facts.to_dict("records")


# (indicator, scope, measure, value, unit): the programme figures the two briefings state.
CASES = [
    pytest.param("digital_workshops_and_smart_factories", None, "level", 8000, "count",
                 id="digital-workshops-8000"),
    pytest.param("smart_manufacturing_maturity", "2级以上", "level", 2500, "count",
                 id="maturity-2500"),
    pytest.param("energy_saving_diagnosis", None, "level", 50000, "count", id="energy-diagnosis-5万"),
    pytest.param("advanced_manufacturing_clusters", None, "level", 45, "count", id="clusters-45"),
    pytest.param("cluster_output", None, "level", 2e13, "CNY", id="cluster-output-20万亿"),
    pytest.param("little_giant_enterprises", None, "level", 1241, "count", id="little-giants-1241"),
    pytest.param("smes_served", None, "level", 3.6e6, "count", id="smes-served-360万"),
    pytest.param("sme_trade_orders", None, "level", 8.2e9, "CNY", id="trade-orders-82亿"),
    pytest.param("technology_transfer_contract_value", None, "level", 8.6e9, "CNY", id="transfer-contracts-86亿"),
    pytest.param("technology_contracts", None, "level", 4.1e5, "count", id="tech-contracts-41万"),
    pytest.param("technology_contract_turnover", None, "level", 3e12, "CNY", id="tech-turnover-3万亿"),
    pytest.param("manufacturing_innovation_centres", None, "level", 33, "count", id="innovation-centres-33"),
    pytest.param("pilot_test_platforms", None, "level", 2400, "count", id="pilot-platforms-2400"),
    pytest.param("pilot_test_platforms", "重点培育", "level", 241, "count", id="pilot-platforms-241"),
    pytest.param("pilot_test_platforms", "国家级", "level", 5, "count", id="pilot-platforms-national-5"),
    pytest.param("industrial_robot_output", None, "growth", 35.6, "%", id="industrial-robots-35.6"),
    pytest.param("service_robot_output", None, "growth", 25.5, "%", id="service-robots-25.5"),
    pytest.param("base_stations_5g", None, "level", 4.55e6, "count", id="5g-base-stations-455万"),
    pytest.param("industrial_internet_5g_projects", None, "level", 18500, "count",
                 id="5g-industrial-internet-1.85万"),
    pytest.param("software_revenue", None, "level", 5.5788e12, "CNY", id="software-revenue"),
    pytest.param("cloud_big_data_revenue", None, "level", 5.855e11, "CNY", id="cloud-revenue"),
    pytest.param("openharmony_products", None, "level", 1200, "count", id="openharmony-products-1200"),
    pytest.param("openharmony_devices", None, "level", 1.19e9, "count", id="openharmony-devices"),
    pytest.param("finance_partner_institutions", None, "level", 3100, "count",
                 id="finance-institutions-3100"),
    pytest.param("finance_products", None, "level", 800, "count", id="finance-products-800"),
    pytest.param("industry_finance_platform", None, "level", 1.2e12, "CNY", id="financing-1.2万亿"),
    pytest.param("finance_strategic_partners", None, "level", 23, "count", id="strategic-partners-23"),
    pytest.param("credit_loan_share", None, "share", 42, "%", id="credit-loans-42%"),
    pytest.param("finance_pilot_cities", None, "level", 66, "count", id="pilot-cities-66"),
    pytest.param("investment_promotion_projects", "亿元以上", "level", 4918, "count",
                 id="signed-projects-4918"),
    pytest.param("investment_promotion_projects", "50亿元以上", "level", 83, "count",
                 id="signed-projects-50亿-83"),
    pytest.param("investment_projects_started", "亿元以上", "level", 1660, "count", id="projects-started-1660"),
    pytest.param("investment_projects_started", "亿元以上", "growth", 8.6, "%", id="projects-started-growth"),
    pytest.param("planned_investment_of_started_projects", "亿元以上", "level", 5.8896e11, "CNY", marks=SUBJECTS,
                 id="planned-investment-5889.6亿"),
    pytest.param("new_three_exports", None, "growth", 61.6, "%", id="new-three-exports"),
    pytest.param("equipment_manufacturing_value_added", None, "share", 35.5, "%",
                 id="equipment-share-35.5"),
    pytest.param("green_factory_output_share", None, "share", 20, "%", id="green-factories-20%"),
]


@pytest.mark.parametrize(("indicator", "scope", "measure", "value", "unit"), CASES)
def test_store_links_each_programme_of_the_dev_briefings_with_its_value(programme_facts, indicator, scope, measure,
                                                                        value, unit):
    mine = [f for f in programme_facts if f["indicator"] == indicator and f["measure"] == measure
            and not f["derived"]]
    assert any(abs(f["value"] - value) <= 1e-6 * abs(value) and f["unit"] == unit and _selects(scope, f["scope"])
               for f in mine), [(f["subject"], f["scope"], f["value"], f["unit"]) for f in mine]


def _selects(wanted: str | None, scope: str | None) -> bool:
    """An unscoped figure has no scope; a scoped one has the scope asked for, perhaps with another
    modifier beside it (首批重点培育 is 重点培育, of the first batch)."""
    scope = scope if isinstance(scope, str) else None  # a DataFrame gives NaN for NULL
    return scope is None if wanted is None else scope is not None and wanted in scope


def test_store_scopes_of_one_programme_are_separate_series(programme_facts):
    """241 platforms chosen for cultivation and 5 national ones are not one series of pilot platforms."""
    platforms = [f for f in programme_facts if f["indicator"] == "pilot_test_platforms"]
    scopes = {f["scope"] if isinstance(f["scope"], str) else None for f in platforms}
    assert any(s and "重点培育" in s for s in scopes) and "国家级" in scopes
