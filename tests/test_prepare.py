"""zhibiao.prepare: one extraction made ready to store (linked, derived, laid out as rows, signed)."""

from dataclasses import replace
from datetime import date

import pytest

from zhibiao.catalogue import load_catalogue
from zhibiao.extract import extract_document
from zhibiao.models import Document
from zhibiao.prepare import FACT_FIELDS, FACT_NAMES, Outcome, content_hash, fact_row, prepare

TEXT = "2023年上半年,全国规模以上工业增加值同比增长3.8%,增速较一季度加快0.8个百分点。"
DOC = Document("h1", TEXT, "h1.txt", date(2023, 7, 17))


@pytest.fixture(scope="module")
def prepared():
    return prepare(extract_document(DOC), load_catalogue())


def test_prepare_links_derives_and_lays_out_rows(prepared):
    assert prepared.content_hash == content_hash(DOC)
    assert [(f.indicator, f.measure, f.value, f.period) for f in prepared.facts] == [
        ("industrial_value_added", "growth", 3.8, "2023-H1"),
        ("industrial_value_added", "growth_change", 0.8, "2023-H1"),
    ]
    assert [(d.fact.value, d.fact.period, d.derivation) for d in prepared.derived] == [
        (3.0, "2023-Q1", "2023-H1 growth 3.8% minus change +0.8 pp (vs:2023-Q1)")]
    assert prepared.fact_count == 3 and prepared.derived_count == 1
    assert [row[1] for row in prepared.rows] == [0, 1, 2]  # seq numbers facts, then derived facts
    assert prepared.signature.bands


@pytest.mark.parametrize(("column", "expected"), [
    ("doc_id", "h1"), ("seq", 0), ("subject_key", "规模以上工业增加值"), ("period_key", "2023-H1"),
    ("period_type", "H"), ("derived", False), ("derivation", None), ("span_start", TEXT.index("3.8")),
])
def test_prepare_fact_row_follows_the_fact_fields(prepared, column, expected):
    row = dict(zip(FACT_NAMES, prepared.rows[0], strict=True))
    assert row[column] == expected


def test_prepare_fact_row_has_a_value_per_field(prepared):
    fact = prepared.facts[0]
    assert len(fact_row("h1", 0, fact, None)) == len(FACT_FIELDS)
    assert fact_row("h1", 5, fact, "how")[FACT_NAMES.index("derivation")] == "how"


@pytest.mark.parametrize("change", [
    {"text": TEXT + "。"}, {"date": date(2023, 7, 18)}, {"title": "标题"}, {"url": "https://example.org/a"},
    {"format": "html"},
])
def test_prepare_content_hash_changes_with_what_shapes_extraction(change):
    assert content_hash(replace(DOC, **change)) != content_hash(DOC)


def test_prepare_content_hash_ignores_the_source():
    assert content_hash(replace(DOC, source="elsewhere.txt")) == content_hash(DOC)


def test_prepare_outcome_defaults_to_an_empty_gate_tally():
    outcome = Outcome("unchanged", "a.txt")
    assert (outcome.prepared, outcome.failure, outcome.gate.checked) == (None, None, 0)
