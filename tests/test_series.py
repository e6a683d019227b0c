"""Periods, derived facts, agreement and cells (zhibiao.series), table-driven."""

from datetime import date

import pytest

from zhibiao import derive, rules
from zhibiao.derive import quoted_change
from zhibiao.errors import RulesError
from zhibiao.models import Fact
from zhibiao.series import (
    agree,
    changed_quantity,
    classify_period,
    derive_facts,
    describe_dissent,
    period_sort_key,
    summarize,
)


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2023", ("2023", "Y")),
        ("2023-H1", ("2023-H1", "H")),
        ("2023-h2", ("2023-H2", "H")),
        ("2023-Q1", ("2023-Q1", "Q")),
        ("2023-05", ("2023-05", "M")),
        ("2025-01/2025-05", ("2025-01/2025-05", "YTD")),
        ("2025-06-30", ("2025-06-30", "point")),
        ("2025-01/2025-06", ("2025-H1", "H")),
        ("2025-07/2025-12", ("2025-H2", "H")),
        ("2025-01/2025-03", ("2025-Q1", "Q")),
        ("2025-04/2025-06", ("2025-Q2", "Q")),
        ("2025-01/2025-12", ("2025", "Y")),
        ("2025-05/2025-05", ("2025-05", "M")),
        ("2025-03/2025-05", ("2025-03/2025-05", "range")),
        ("2024-11/2025-02", ("2024-11/2025-02", "range")),
        ("????-H1", ("????-H1", "H")),
        ("????-01/????-06", ("????-H1", "H")),
        ("2023-13", ("2023-13", "range")),
        ("2021/2025", ("2021/2025", "range")),
        (None, (None, None)),
        ("", (None, None)),
    ],
)
def test_series_classify_period(period, expected):
    assert classify_period(period) == expected


def test_series_period_sort_key_orders_by_year_then_end_month():
    periods = ["2024", "2023-H1", "2023-Q1", "2023-05", "2023-01/2023-05", "2023-06-30", "2023", "????-H1",
               "2023-H2", "2023-Q2"]
    assert sorted(periods, key=period_sort_key) == [
        "2023-Q1", "2023-01/2023-05", "2023-05", "2023-H1", "2023-Q2", "2023-06-30", "2023", "2023-H2",
        "2024", "????-H1",
    ]


def _fact(subject, measure, value, period, basis=None, unit=None, span=None, quote="", **kw):
    unit = unit or {"growth": "%", "share": "%", "growth_change": "pp"}.get(measure, "CNY")
    return Fact("d", subject, measure, value, unit, period=period, basis=basis, region="全国", span=span,
                quote=quote, **kw)


def _span_of(text, number):
    start = text.index(number)
    return (start, start + len(number))


@pytest.mark.parametrize(
    ("text", "facts", "expected"),
    [
        # A faster growth rate: growth(Q1) = growth(H1) - change.
        ("上半年增长3.8%,增速较一季度加快0.8个百分点。",
         [("IVA", "growth", 3.8, "2023-H1", "yoy", "3.8%"),
          ("IVA", "growth_change", 0.8, "2023-H1", "vs:2023-Q1", "0.8个")],
         [("IVA", "growth", 3.0, "2023-Q1", "yoy")]),
        # A narrowing fall is a positive change: -1.3 - 7.1 = -8.4.
        ("上半年同比下降1.3%,降幅比一季度收窄7.1个百分点。",
         [("IVA", "growth", -1.3, "2020-H1", "yoy", "1.3%"),
          ("IVA", "growth_change", 7.1, "2020-H1", "vs:2020-Q1", "7.1个")],
         [("IVA", "growth", -8.4, "2020-Q1", "yoy")]),
        # A share that rose implies the earlier share, and no growth.
        ("同比增长7.8%,占全部规上工业增加值的比重为33.3%,比一季度提高1.5个百分点。",
         [("装备", "growth", 7.8, "2024-H1", "yoy", "7.8%"), ("装备", "share", 33.3, "2024-H1", None, "33.3%"),
          ("装备", "growth_change", 1.5, "2024-H1", "vs:2024-Q1", "1.5个")],
         [("装备", "share", 31.8, "2024-Q1", None)]),
        # Against another subject, not a period: nothing is implied.
        ("制造业增加值增长6.5%,快于全部规上工业0.5个百分点。",
         [("制造业", "growth", 6.5, "2024-H1", "yoy", "6.5%"),
          ("制造业", "growth_change", 0.5, "2024-H1", "vs:全部规上工业", "0.5个")],
         []),
        # No stated growth to start from: nothing is implied.
        ("增速较一季度加快0.8个百分点。",
         [("IVA", "growth_change", 0.8, "2023-H1", "vs:2023-Q1", "0.8个")],
         []),
        # Against the same period of last year.
        ("一季度同比增长6.1%,增速比上年同期提高4.7个百分点。",
         [("IVA", "growth", 6.1, "2024-Q1", "yoy", "6.1%"),
          ("IVA", "growth_change", 4.7, "2024-Q1", "vs:2023-Q1", "4.7个")],
         [("IVA", "growth", 1.4, "2023-Q1", "yoy")]),
    ],
)
def test_series_derive_facts(text, facts, expected):
    stated = [_fact(s, m, v, p, b, span=_span_of(text, n), quote=text) for s, m, v, p, b, n in facts]
    derived = derive_facts(stated, text)
    got = [(d.fact.subject, d.fact.measure, d.fact.value, d.fact.period, d.fact.basis) for d in derived]
    assert got == expected
    for d in derived:
        assert d.derivation and d.fact.span is None and "minus change" in d.derivation


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("增速较一季度加快0.8个百分点", "0.8", "growth"),
        ("降幅比一季度收窄7.1个百分点", "7.1", "growth"),
        ("同比增长6.1%,比上年同期提高4.7个百分点", "4.7", "growth"),
        ("占比较上年末提高4.5个百分点", "4.5", "share"),
        ("比重为33.3%,比一季度提高1.5个百分点", "1.5", "share"),
        ("佔比較上年末提高4.5個百分點", "4.5", "share"),
        ("较一季度提高0.8个百分点", "0.8", None),
        # The clause boundary stops the look-back: the 增速 of the previous sentence does not count.
        ("增速回落。比一季度提高0.8个百分点", "0.8", None),
    ],
)
def test_series_changed_quantity(text, number, expected):
    change = _fact("x", "growth_change", float(number), "2023-H1", "vs:2023-Q1", span=_span_of(text, number))
    assert changed_quantity(change, text) == expected


@pytest.mark.parametrize(
    ("text", "number", "expected"),
    [
        ("增速较一季度加快0.8个百分点", "0.8", "growth"),
        ("比重为33.3%,比一季度提高1.5个百分点", "1.5", "share"),
        ("增速回落。比一季度提高0.8个百分点", "0.8", None),
        # Without the number in the quote the whole quote is read.
        ("占比较上年末提高", "4.5", "share"),
    ],
)
def test_series_changed_quantity_from_the_quote_as_the_briefing_asks(text, number, expected):
    change = _fact("x", "growth_change", float(number), "2023-H1", "vs:2023-Q1", quote=text)
    assert changed_quantity(change, "") == quoted_change(text, float(number)) == expected


def test_series_changed_words_come_from_the_rule_table_and_a_word_is_a_rate_or_a_share(monkeypatch):
    table = rules.load(derive.TABLE)
    assert "增速" in table["changed"]["rate"] and "比重" in table["changed"]["share"]
    bad = {"clause_end": table["clause_end"], "changed": {"rate": ["增速", "比重"], "share": ["比重"]}}
    monkeypatch.setattr(derive, "load", lambda name: bad)
    derive._change_target.cache_clear()
    try:
        with pytest.raises(RulesError, match="both a rate and a share"):
            quoted_change("比重提高1.5个百分点", 1.5)
    finally:
        derive._change_target.cache_clear()


def _row(value, story=1, doc="a", unit="%", qualifier="exact", derived=False, published=None, value_max=None, seq=0):
    return {"value": value, "story": story, "doc": doc, "unit": unit, "qualifier": qualifier, "derived": derived,
            "published": published, "value_max": value_max, "seq": seq, "derivation": "how" if derived else None}


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (_row(6.0), _row(6), True),
        (_row(6.0), _row(6.1), False),
        (_row(6.0), _row(6.04), True),
        (_row(3.0, derived=True), _row(3.1), True),   # rounding of two printed figures
        (_row(3.0, derived=True), _row(3.2), False),
        (_row(4251000, unit="count"), _row(4250000, unit="count"), True),
        (_row(45, unit="count"), _row(46, unit="count"), False),
        (_row(1e9, unit="count", qualifier="at_least"), _row(1.01e9, unit="count"), True),
        (_row(1e9, unit="count", qualifier="at_least"), _row(0.9e9, unit="count"), False),
        (_row(8000, unit="count", qualifier="at_most"), _row(7900, unit="count"), True),
        (_row(30, value_max=40), _row(35), True),
        (_row(30, value_max=40), _row(45), False),
        (_row(100, unit="count", qualifier="approx"), _row(101.5, unit="count"), True),
    ],
)
def test_series_agree(a, b, expected):
    assert agree(a, b) is expected
    assert agree(b, a) is expected


def test_series_two_stories_that_disagree_are_a_conflict_and_the_newer_one_is_best():
    rows = [_row(5.2, story=1, doc="prelim", published=date(2024, 1, 17)),
            _row(5.4, story=2, doc="revised", published=date(2024, 12, 27))]
    cell = summarize(rows)
    assert cell.conflict and cell.best["doc"] == "revised"
    assert (cell.stories, cell.copies, cell.all_stories) == (1, 1, 2)
    assert describe_dissent(cell) == "≠ 5.2 (prelim)"


def test_series_copies_of_one_story_count_once_and_the_original_speaks():
    rows = [_row(6.0, story=7, doc="repost", published=date(2019, 7, 16)),
            _row(6.0, story=7, doc="original", published=date(2019, 7, 15)),
            _row(6.0, story=8, doc="other", published=date(2019, 7, 15))]
    cell = summarize(rows)
    assert not cell.conflict
    assert (cell.stories, cell.copies) == (2, 3)
    assert cell.best["doc"] in ("original", "other") and cell.best["doc"] != "repost"


def test_series_a_copy_that_changed_a_number_is_a_conflict_between_copies_not_a_second_story():
    rows = [_row(6.0, story=7, doc="a", published=date(2019, 7, 15)),
            _row(6.3, story=7, doc="b", published=date(2019, 7, 16))]
    cell = summarize(rows)
    assert cell.conflict and not cell.dissent
    assert [r["doc"] for r in cell.copy_dissent] == ["b"] and cell.best["doc"] == "a"
    assert cell.all_stories == 1 and "6.3 copy (b)" in describe_dissent(cell)


def test_series_a_derived_value_is_checked_against_a_stated_one_even_in_the_same_story():
    rows = [_row(3.0, story=1, doc="q1"), _row(2.6, story=1, doc="q1", derived=True, seq=5)]
    cell = summarize(rows)
    assert cell.conflict and not cell.best["derived"]
    assert "derived" in describe_dissent(cell)
    consistent = [_row(3.0, story=1, doc="q1"), _row(3.0, story=2, doc="h1", derived=True)]
    assert not summarize(consistent).conflict


def _vintage(value, vintage, doc, published, story):
    return dict(_row(value, story=story, doc=doc, published=published), vintage=vintage)


@pytest.mark.parametrize(
    ("rows", "best", "history", "conflict"),
    [
        # 初步核算 then 最终核实: the final figure, the preliminary one kept as history
        ([_vintage(121.0207, "preliminary", "pre", date(2023, 1, 17), 1),
          _vintage(120.4724, "final", "fin", date(2023, 12, 29), 2)], "fin", ["pre"], False),
        # 初步核算 then a revision (修订后): no conflict
        ([_vintage(5.2, "preliminary", "pre", date(2024, 1, 17), 1),
          _vintage(5.4, "revised", "rev", date(2024, 12, 27), 2)], "rev", ["pre"], False),
        # an unmarked report published before the revision is an earlier figure, not a dissent
        ([_vintage(5.2, None, "news", date(2024, 2, 1), 3), _vintage(5.4, "revised", "rev", date(2024, 12, 27), 2)],
         "rev", ["news"], False),
        # ... but one published after the revision and stating another value disagrees
        ([_vintage(5.4, "revised", "rev", date(2024, 12, 27), 2), _vintage(5.0, None, "late", date(2025, 2, 1), 3)],
         "rev", [], True),
        # no revision words: two stories that disagree are a conflict, as before
        ([_vintage(5.2, None, "a", date(2024, 1, 17), 1), _vintage(5.4, None, "b", date(2024, 12, 27), 2)],
         "b", [], True),
    ],
)
def test_series_revisions_are_vintages_not_conflicts(rows, best, history, conflict):
    cell = summarize(rows)
    assert cell.best["doc"] == best
    assert [r["doc"] for r in cell.history] == history
    assert cell.conflict == conflict


@pytest.mark.parametrize(
    ("measure", "basis", "period", "vintage", "expected"),
    [
        ("growth", "yoy", "2021-06", None, "yoy"),
        ("growth", None, "2021-06", None, "yoy"),
        ("growth", "mom", "2021-06", None, "mom"),
        ("growth", "avg2y", "2021-06", None, "avg2y"),
        ("growth", "vs:2019-06", "2021-06", None, "base_year:2019"),
        ("growth_change", "vs:2023-Q1", "2023-Q2", None, "vs_previous_period"),
        ("growth_change", "vs:2023-05", "2023-06", None, "vs_previous_period"),
        ("growth_change", "vs:2023-Q1", "2023-H1", None, "vs_earlier_period"),
        ("growth_change", "vs:2022-Q2", "2023-Q2", None, "vs_same_period_last_year"),
        ("growth_change", "vs:2022-H1", "2023-H1", None, "vs_same_period_last_year"),
        ("growth_change", "vs:2022", "2023-H1", None, "vs_previous_year"),
        ("growth_change", "vs:2022", "2023", None, "vs_previous_year"),
        ("growth_change", "vs:2022-12-31", "2023-06-30", None, "vs_year_end"),
        ("growth_change", "vs:全省", "2023-H1", None, "vs_other"),
        ("growth_change", "vs:修订前", "2023", "revision", "revision"),
        ("growth_change", "vs:初步核算", "2023", None, "revision"),
        ("level", None, "2023", None, None),
        ("growth", "vs:全省", "2023-H1", None, "vs_other"),
        ("growth", "", "2023", None, "vs_other"),
        ("growth", "vs:2019-03/2019-05", "2021-05", None, "vs_other"),
        ("growth_change", None, "2023", None, "vs_other"),
        ("growth_change", "yoy", "2023", None, "vs_other"),
        ("growth_change", "vs:2023-01/2023-03", "2023-H1", None, "vs_earlier_period"),
        ("growth_change", "vs:2023-03-31", "2023-06-30", None, "vs_earlier_period"),
        ("growth_change", "vs:2023-03/2023-05", "2023-06", None, "vs_other"),
        ("growth_change", "vs:2021-Q2", "2023-Q2", None, "vs_other"),
        ("growth_change", "vs:2022-Q4", "2023-Q1", None, "vs_previous_period"),
        ("growth_change", "vs:2022-01/2022-05", "2023-01/2023-05", None, "vs_same_period_last_year"),
        ("growth_change", "vs:2023-Q1", None, None, "vs_other"),
        ("growth_change", "vs:????-Q1", "2023-Q2", None, "vs_other"),
    ],
)
def test_series_comparison_keeps_bases_and_comparators_apart(measure, basis, period, vintage, expected):
    from zhibiao.series import comparison

    assert comparison(measure, basis, period, vintage) == expected


BASES_CORPUS = {
    "jun.txt": ("2021-07-15", "6月份,全国规模以上工业增加值同比增长8.3%,比2019年同期增长13.5%,两年平均增长6.5%。"
                "二季度,全国规模以上工业增加值同比增长8.9%,增速较一季度回落15.6个百分点,比上年同期加快4.5个百分点。"),
    "may.txt": ("2021-06-16", "5月份,全国规模以上工业增加值同比增长8.8%,比2019年同期增长13.6%。"),
}


def test_series_on_a_built_store_keep_bases_and_comparators_apart(tmp_path):
    import zhibiao
    from tests.conftest import write_corpus

    with zhibiao.open(tmp_path / "bases.duckdb") as store:
        store.ingest([write_corpus(tmp_path / "corpus", BASES_CORPUS)])
        yoy = store.series("industrial_value_added", measure="growth", period_type="M", basis="yoy")
        assert dict(zip(yoy["period"], yoy["value"], strict=True)) == {"2021-05": 8.8, "2021-06": 8.3}
        growth = store.series("industrial_value_added", measure="growth", period_type="M")
        over_2019 = growth[growth["comparison"] == "base_year:2019"]
        assert dict(zip(over_2019["period"], over_2019["value"], strict=True)) == {"2021-05": 13.6, "2021-06": 13.5}
        assert set(growth[growth["comparison"] == "yoy"]["value"]) == {8.8, 8.3}  # never 13.5 or 13.6
        changes = store.series("industrial_value_added", measure="growth_change")
        assert sorted(zip(changes["comparison"], changes["value"], strict=True)) == [
            ("vs_previous_period", -15.6), ("vs_same_period_last_year", 4.5)]
        assert not store.conflicts()["period"].isin(["2021-05", "2021-06"]).any()
