"""Numbers and periods as a briefing prints them."""

import pytest

from zhibiao.report.text import amount, figure_text, period_phrase, rate, span


@pytest.mark.parametrize(("value", "unit", "classifier", "expected"), [
    (4550000, "count", "个", "455万个"),
    (2937000, "count", "个", "293.7万个"),
    (1241, "count", "家", "1241家"),
    (5578800000000, "CNY", "", "55788亿元"),
    (1.2e12, "CNY", "", "1.2万亿元"),
    (3151066000000, "CNY", "", "31510.66亿元"),
    (8.2e9, "CNY", "", "82亿元"),
    (5.695e10, "USD", "", "569.5亿美元"),
    (1.0e9, "count", "户", "10亿户"),
    (123.456, "count", "", "123.46"),
])
def test_text_amount(value, unit, classifier, expected):
    assert amount(value, unit, classifier) == expected


@pytest.mark.parametrize(("value", "unit", "expected"), [
    (6.4, "%", "6.4%"), (6.0, "%", "6.0%"), (-2.7, "%", "-2.7%"), (0.8, "pp", "0.8个百分点"),
    (0.85, "pp", "0.85个百分点"),
])
def test_text_rate(value, unit, expected):
    assert rate(value, unit) == expected


@pytest.mark.parametrize(("qualifier", "expected"), [("at_least", "超过360万家"), ("at_most", "近360万家"),
                                                     ("approx", "约360万家"), ("exact", "360万家")])
def test_text_figure_qualifier(qualifier, expected):
    assert figure_text(3600000, "count", qualifier, "家") == expected


@pytest.mark.parametrize(("period", "year", "expected"), [
    ("2025-H1", 2025, "上半年"), ("2024-H1", 2025, "2024年上半年"), ("2025-H2", 2025, "下半年"),
    ("2023-Q1", 2023, "一季度"), ("2024", 2025, "2024年全年"), ("2025-06", 2025, "6月份"),
    ("2025-01/2025-05", 2025, "1—5月份"), ("2025-06-30", 2025, "6月底"), ("2023-07-20", 2025, "2023年7月20日"),
])
def test_text_period_phrase(period, year, expected):
    assert period_phrase(period, year) == expected


@pytest.mark.parametrize(("period", "expected"), [
    ("2025-03/2025-05", "3月份至5月份"), ("2024-07/2025-06", "2024年7月份至2025年6月份"), ("2025年春", "2025年春"),
])
def test_text_period_phrase_of_a_span_names_its_ends_or_keeps_the_spelling(period, expected):
    assert period_phrase(period, 2025) == expected


@pytest.mark.parametrize("period", ["", "  ", "foo"])
def test_text_period_phrase_of_no_period_is_a_value_error(period):
    with pytest.raises(ValueError):
        period_phrase(period, 2025)


@pytest.mark.parametrize(("period", "first", "last"), [
    ("2025-H1", "2025-01-01", "2025-06-30"), ("2024-Q1", "2024-01-01", "2024-03-31"),
    ("2024-02", "2024-02-01", "2024-02-29"), ("2024", "2024-01-01", "2024-12-31"),
    ("2025-01/2025-05", "2025-01-01", "2025-05-31"), ("2025-06-30", "2025-06-30", "2025-06-30"),
])
def test_text_span(period, first, last):
    a, b = span(period)
    assert (a.isoformat(), b.isoformat()) == (first, last)


def test_text_report_table_names_only_known_indicators_and_slots():
    """The rule table is data the code trusts: every indicator it names is in the catalogue, and every
    template uses only the slots the builder fills."""
    import string

    from zhibiao.catalogue import load_catalogue
    from zhibiao.report.text import table

    catalogue = load_catalogue()
    words = table()
    named = [*words["headline"]["order"], words["headline"]["lead"], *words["headline"]["whole"],
             *words["programmes"]["exclude"], *words["programmes"]["fallback_groups"], *words["classifiers"]]
    assert [i for i in named if catalogue.get(i) is None] == []
    slots = {"period", "region", "name", "verb", "value", "base", "diff", "whole", "month", "rank", "count", "top",
             "other", "when", "latest", "list", "measure"}
    for key, template in words["templates"].items():
        used = {name for _, name, _, _ in string.Formatter().parse(template) if name}
        assert used <= slots, (key, used - slots)
