"""The briefing written from the store: the headline figures of the 2023 and 2025 half-year briefings,
with the right values, periods, comparisons and citations; conflicts and derived values flagged;
programmes by group; the same store gives the same text."""

from __future__ import annotations

import pytest

from zhibiao.report import PeriodError, Report, build_report, parse_period
from zhibiao.report.render import to_markdown

SEED_2023, SEED_2025 = "seed-000", "seed-004"
NEWSPAPER_2025 = "newspaper-2025-h1-layout"


def _report(store, period: str, region: str | None = None) -> Report:
    return build_report(store, period, region, charts=False)


def _sentences_with(report: Report, n: int) -> list[str]:
    return [report.sentence_text(s) for section in report.sections for p in section.paragraphs
            for s in p.sentences if n in s.parts]


def _figures(report: Report, **where) -> list:
    return [f for f in report.figures if all(getattr(f, k) == v for k, v in where.items())]


# (report period, what the figure is, its value, words around it in the sentence, documents it cites)
HEADLINES = [
    ("2023-H1", dict(indicator="industrial_value_added", measure="growth", period="2023-H1", kind="stated"), 3.8,
     "规模以上工业增加值同比增长3.8%", {SEED_2023, "miit-2023-h1-briefing"}),
    ("2023-H1", dict(indicator="industrial_value_added", measure="growth_change", basis="vs:2023-Q1", kind="computed"),
     0.8, "比一季度（3.0%）加快0.8个百分点", {SEED_2023}),
    ("2023-H1", dict(indicator="industrial_value_added", measure="growth", period="2023-06"), 4.4,
     "6月份当月增长4.4%", {SEED_2023}),
    ("2023-H1", dict(indicator="industrial_value_added", measure="growth", period="2023-Q1", kind="stated"), 3.0,
     "比一季度（3.0%）", {"nbs-2023-q1-industry"}),
    ("2025-H1", dict(indicator="industrial_value_added", measure="growth", period="2025-H1", kind="stated"), 6.4,
     "规模以上工业增加值同比增长6.4%", {SEED_2025, NEWSPAPER_2025}),
    ("2025-H1", dict(indicator="industrial_value_added", measure="growth_change", basis="vs:2024", kind="stated"), 0.6,
     "增速较2024年全年加快0.6个百分点", {NEWSPAPER_2025}),
    ("2025-H1", dict(indicator="industrial_value_added", measure="growth_change", basis="vs:2024-H1", kind="computed"),
     0.4, "比上年同期（6.0%）加快0.4个百分点", set()),
    ("2025-H1", dict(indicator="industrial_value_added", measure="growth", period="2025-06"), 6.8,
     "6月份当月增长6.8%", {NEWSPAPER_2025}),
    ("2025-H1", dict(indicator="manufacturing_value_added", measure="share", period="2025-H1"), 25.7,
     "制造业增加值占国内生产总值的比重为25.7%", {SEED_2025}),
    ("2025-H1", dict(indicator="high_tech_manufacturing_value_added", measure="contribution", period="2025-H1"), 23.3,
     "对全部规模以上工业增长的贡献率为23.3%", {SEED_2025}),
    ("2025-H1", dict(indicator="equipment_manufacturing_value_added", measure="share", period="2025-H1"), 35.5,
     "占全部规模以上工业的比重为35.5%", {NEWSPAPER_2025}),
    ("2025-H1", dict(indicator="base_stations_5g", measure="level", period="2025-06-30"), 4550000,
     "6月底，5G基站达到455万个", {SEED_2025}),
]


@pytest.mark.parametrize(("period", "where", "value", "words", "docs"), HEADLINES,
                         ids=[f"{c[0]}-{c[3]}" for c in HEADLINES])
def test_report_states_the_briefings_headline_figures(briefings, period, where, value, words, docs):
    report = _report(briefings, period)
    found = [f for f in _figures(report, **where) if f.value == pytest.approx(value)]
    assert found, f"no figure {where} = {value} in:\n{report.text()}"
    figure = found[0]
    sentences = _sentences_with(report, figure.n) or [
        report.sentence_text(s) for section in report.sections for p in section.paragraphs for s in p.sentences
        if any(figure.n in report.figure(x).inputs for x in s.parts if isinstance(x, int))]
    assert any(words in s for s in sentences), (words, sentences)
    cited = {s.doc for s in figure.sources}
    assert docs <= cited, (docs, cited)
    if figure.kind == "computed":
        a, b = (report.figure(n) for n in figure.inputs)
        assert figure.value == pytest.approx(a.value - b.value)
        assert a.sources and b.sources  # both ends are cited


def test_report_comparison_cites_the_stated_change_it_agrees_with(briefings):
    report = _report(briefings, "2023-H1")
    (change,) = _figures(report, measure="growth_change", basis="vs:2023-Q1", kind="computed")
    quotes = [s.quote for s in change.sources]
    assert any("加快0.8个百分点" in q for q in quotes), quotes


def test_report_footnotes_give_title_date_and_quote(briefings):
    report = _report(briefings, "2025-H1")
    markdown = to_markdown(report)
    (figure,) = _figures(report, indicator="base_stations_5g", measure="level", period="2025-06-30")
    line = next(x for x in markdown.splitlines() if x.startswith(f"[^{figure.n}]: "))
    assert "《工信部:上半年工业经济向稳向新向优》" in line and "2025-07-19" in line
    assert "5G基站总数达到455万个" in line and "无网址" in line
    assert f"455万个[^{figure.n}]" in markdown


def test_report_flags_a_conflict_with_the_other_source(briefings):
    # The demo repost of the 2024 half-year release changed one number: a copy that disagrees. (The 2023
    # GDP pair, 5.2 then 5.4 after revision, is a revision, no conflict.)
    report = _report(briefings, "2024-H1")
    (high_tech,) = [f for f in _figures(report, indicator="high_tech_manufacturing_value_added", measure="growth",
                                        period="2024-H1") if f.dissent]
    assert high_tech.value == pytest.approx(8.7) and high_tech.sources[0].doc == "nbs-2024-h1-industry"
    (other,) = (report.figure(n) for n in high_tech.dissent)
    assert other.value == pytest.approx(8.4) and other.sources[0].doc == "repost-2024-h1-industry-changed"
    assert "同比增长8.7%（另一来源为8.4%）" in report.text()
    notes = next(s for s in report.sections if s.key == "notes")
    assert any("来源不一致" in report.sentence_text(x) for p in notes.paragraphs for x in p.sentences)
    gdp = _figures(report := _report(briefings, "2023"), indicator="gdp", measure="growth", period="2023")
    assert gdp and not any(f.dissent for f in gdp)


def test_report_marks_a_derived_value_as_derived(briefings):
    report = _report(briefings, "2025-H1")
    (derived,) = _figures(report, indicator="industrial_value_added", period="2024", kind="derived")
    assert derived.value == pytest.approx(5.8)
    assert "0.6 pp" in derived.derivation
    assert "据此推算2024年全年为5.8%（推算值）" in report.text()
    markdown = to_markdown(report)
    assert f"[^{derived.n}]: 推算值：" in markdown


def test_report_leaves_out_what_the_store_has_no_source_for(briefings):
    report = _report(briefings, "2025-H1")
    assert not _figures(report, indicator="industrial_profits")
    assert "规模以上工业企业利润" in report.text().split("未写入的指标：")[1]


def test_report_region_compares_with_the_nation(briefings):
    report = _report(briefings, "2024-Q1", region="广东省")
    assert report.title == "2024年一季度广东省工业经济运行简报"
    text = report.text()
    assert "一季度，广东省规模以上工业增加值为9100亿元，同比增长6.1%" in text
    assert "与全国（6.1%）持平" in text
    national = _report(briefings, "2024-Q1")
    regions = next(s for s in national.sections if s.key == "regions")
    assert "广东省" in "".join(national.sentence_text(x) for p in regions.paragraphs for x in p.sentences)


# Programmes by the catalogue's groups.
PROGRAMMES = [
    pytest.param("2025-H1", "信息通信", "5G基站达到455万个", id="2025-5g"),
    pytest.param("2025-H1", "科技成果", "国家制造业创新中心达到33家", id="2025-innovation-centres"),
    pytest.param("2025-H1", "信息通信", "软件业务收入为55788亿元", id="2025-software"),
    pytest.param("2025-H1", "中试", "中试平台超过2400个", id="2025-pilot-platforms"),
    pytest.param("2025-H1", "产融合作", "1.2万亿元", id="2025-industry-finance"),
    pytest.param("2025-H1", "中小企业", "1241家", id="2025-little-giants"),
    pytest.param("2023-H1", "数字化转型", "截至7月20日，数字化车间和智能工厂近8000个", id="2023-digital-workshops"),
]


@pytest.mark.parametrize(("period", "group", "words"), PROGRAMMES)
def test_report_programmes_are_grouped_with_their_latest_levels(briefings, period, group, words):
    report = _report(briefings, period)
    section = next(s for s in report.sections if s.key == "programmes")
    paragraph = next((p for p in section.paragraphs if p.heading == group), None)
    assert paragraph is not None, [p.heading for p in section.paragraphs]
    assert words in "".join(report.sentence_text(s) for s in paragraph.sentences)


def test_report_undated_stock_counts_at_its_publication_date(briefings):
    report = _report(briefings, "2025-H1")
    (figure,) = _figures(report, indicator="pilot_test_platforms", measure="level", period="2025-07-19")
    assert figure.sources[0].doc == SEED_2025
    assert "截至7月19日（文中未注明时间，按发布日），中试平台超过2400个" in report.text()


def test_report_target_says_whether_its_date_has_passed(briefings):
    assert "超过14万亿元（期限未到）" in _report(briefings, "2025-H1").text()
    later = _report(briefings, "2026")
    assert "超过14万亿元（期限已过" in later.text()


def test_report_is_deterministic(briefings, briefings_db):
    import zhibiao

    first = to_markdown(_report(briefings, "2025-H1"))
    with zhibiao.open(briefings_db) as again:
        second = to_markdown(_report(again, "2025-H1"))
    assert first == second
    assert first.encode("utf-8") == to_markdown(_report(briefings, "2025-H1")).encode("utf-8")


def test_report_json_has_every_figure_with_its_evidence(briefings):
    data = _report(briefings, "2025-H1").to_dict()
    cited = {part["figure"] for s in data["sections"] for p in s["paragraphs"] for x in p["sentences"]
             for part in x["parts"] if "figure" in part}
    assert cited and cited <= {f["n"] for f in data["figures"]}
    for figure in data["figures"]:
        if figure["kind"] != "computed":
            assert figure["sources"] and figure["link"].startswith("/evidence/")
            assert all(s["evidence"].startswith("/evidence/") for s in figure["sources"])


@pytest.mark.parametrize(("period", "canonical"), [
    ("2025-H1", "2025-H1"), ("2024", "2024"), ("2025-Q3", "2025-Q3"), ("2025-05", "2025-05"),
    ("2025-01/2025-06", "2025-H1"), ("2025-01/2025-05", "2025-01/2025-05"),
])
def test_report_period_accepts(period, canonical):
    assert parse_period(period)[0] == canonical


@pytest.mark.parametrize("period", ["2025-H3", "last year", "2025-06-30", "2025-03/2025-05", "????-H1", ""])
def test_report_period_rejects(period):
    with pytest.raises(PeriodError, match="cannot write a briefing"):
        parse_period(period)


def test_report_reads_the_catalogues_groups_when_it_has_them(briefings_db):
    """A catalogue whose entries carry a `group` puts each programme there (the rule table's fallback
    groups are for catalogues without one); groups the rule table does not order come last."""
    from dataclasses import replace

    import zhibiao
    from zhibiao.catalogue import Catalogue, load_catalogue

    regroup = {"base_stations_5g": "数字化转型", "manufacturing_innovation_centres": "创新平台"}
    catalogue = Catalogue(replace(i, group=regroup.get(i.id, i.group)) for i in load_catalogue())
    with zhibiao.Store(briefings_db, catalogue=catalogue) as store:
        report = build_report(store, "2025-H1", charts=False)
    section = next(s for s in report.sections if s.key == "programmes")
    headings = [p.heading for p in section.paragraphs]
    digital = section.paragraphs[headings.index("数字化转型")]
    assert "5G基站达到455万个" in "".join(report.sentence_text(s) for s in digital.sentences)
    assert headings[-1] == "创新平台" and "信息通信" in headings
