"""Consistency checks (zhibiao.checks) on series rows, and `zhibiao check` on a built store."""

import json

import pytest
from typer.testing import CliRunner

import zhibiao
from zhibiao.checks import check_rows, half_outside_quarters, share_above_100, unexplained_jump
from zhibiao.cli import app

runner = CliRunner()


def _row(period, value, *, measure="growth", period_type=None, quote="", comparison="yoy", unit="%", seq=0):
    kind = period_type or ("H" if "-H" in period else "Q" if "-Q" in period else "M")
    return {"indicator": "x", "subject": "X", "measure": measure, "comparison": comparison, "unit": unit,
            "region": "全国", "period": period, "period_type": kind, "value": value, "doc": f"d-{period}",
            "seq": seq, "quote": quote, "derived": False}


@pytest.mark.parametrize(
    ("half", "quarters", "expected"),
    [
        (5.0, (3.0, 3.5), 1),   # above both quarters
        (2.0, (3.0, 3.5), 1),   # below both
        (3.2, (3.0, 3.5), 0),   # between
        (3.6, (3.0, 3.5), 0),   # within rounding of the faster quarter
        (5.0, (3.0, None), 0),  # a quarter missing: nothing to check
    ],
)
def test_checks_half_year_growth_lies_between_its_quarters(half, quarters, expected):
    rows = [_row("2023-H1", half)] + [_row(f"2023-Q{n}", v) for n, v in enumerate(quarters, 1) if v is not None]
    found = half_outside_quarters(rows)
    assert len(found) == expected
    if found:
        assert [r["period"] for r in found[0].rows] == ["2023-H1", "2023-Q1", "2023-Q2"]


@pytest.mark.parametrize(("value", "expected"), [(120.0, 1), (100.0, 0), (33.3, 0)])
def test_checks_a_share_above_100_percent(value, expected):
    assert len(share_above_100([_row("2023", value, measure="share", period_type="Y", comparison=None)])) == expected


@pytest.mark.parametrize(
    ("values", "quote", "expected"),
    [
        ((3.0, 3.2, 3.1, 12.5, 3.3), "", ["2023-04"]),                        # a jump in, and one out
        ((3.0, 3.2, 3.1, 12.5, 3.3), "主要是上年同期基数较低", []),          # the text gives the reason
        ((3.0, 3.2, 3.1, 3.4, 3.3), "", []),                                # an ordinary series
    ],
)
def test_checks_a_monthly_jump_without_a_reason(values, quote, expected):
    rows = [_row(f"2023-{n:02d}", v, quote=quote) for n, v in enumerate(values, 1)]
    found = unexplained_jump(rows)
    assert sorted({f.rows[0]["period"] for f in found} & set(expected)) == expected
    assert bool(found) == bool(expected)


def test_checks_keep_series_of_other_comparisons_apart():
    # 比2019年同期 growth beside 同比 growth: no jump, no half-year problem between the two series
    rows = [_row("2021-05", 8.8), _row("2021-06", 8.3), _row("2021-06", 13.5, comparison="base_year:2019")]
    assert check_rows(rows) == []


CORPUS = {
    "h1.txt": ("2023-07-17", "2023年上半年,全国规模以上工业增加值同比增长3.8%,增速较一季度加快0.8个百分点。"
               "其中,二季度增长4.5%。"),
    "q1.txt": ("2023-04-18", "一季度,全国规模以上工业增加值同比增长2.5%。"),
    "cars.txt": ("2023-07-12", "上半年,全国新能源汽车销量占汽车总销量的比重达到128.5%。"),
}


def test_checks_on_a_built_store_and_the_cli(tmp_path):
    from tests.conftest import write_corpus

    db = tmp_path / "checks.duckdb"
    with zhibiao.open(db) as store:
        store.ingest([write_corpus(tmp_path / "corpus", CORPUS)])
        found = store.consistency()
    kinds = {(f["check"], f["period"]) for f in found}
    # Q1 is stated as 2.5 but H1's change implies 3.0; H1's 3.8 lies between Q1 2.5 and Q2 4.5
    assert ("change_contradicts_levels", "2023-Q1") in kinds and ("share_above_100", "2023-H1") in kinds
    assert not any(k == "half_outside_quarters" for k, _ in kinds)
    contradiction = next(f for f in found if f["check"] == "change_contradicts_levels")
    assert {x["value"] for x in contradiction["figures"]} == {2.5, 3.0}
    assert all(x["quote"] for f in found for x in f["figures"])
    result = runner.invoke(app, ["check", "--db", str(db), "--format", "jsonl"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["check"] for r in rows} == {"change_contradicts_levels", "share_above_100"}
    table = runner.invoke(app, ["check", "--db", str(db)])
    assert "share_above_100" in table.stdout and "128.5" in table.stdout



def test_checks_name_a_subject_when_no_indicator_matches(tmp_path):
    from tests.conftest import write_corpus

    db = tmp_path / "checks.duckdb"
    with zhibiao.open(db) as store:
        store.ingest([write_corpus(tmp_path / "corpus", {"cars.txt": CORPUS["cars.txt"]})])
        (found,) = store.consistency()
    assert found["indicator"] is None and found["subject"] and found["check"] == "share_above_100"
