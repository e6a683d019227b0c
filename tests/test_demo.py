"""The shipped demo corpus against its hand-written expected facts (a regression gate)."""

import importlib.util
import json
from pathlib import Path

import pytest

from zhibiao.api import extract
from zhibiao.models import Extraction

ROOT = Path(__file__).resolve().parents[1]
SCORER = ROOT.parent / "shared" / "eval" / "score.py"


@pytest.fixture(scope="module")
def scorer():
    if not SCORER.exists():
        pytest.skip("../shared/eval/score.py is absent")
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_demo_corpus_reads_every_document():
    results = list(extract([ROOT / "examples" / "demo"]))
    assert all(isinstance(r, Extraction) for r in results)
    assert len(results) == len(json.loads((ROOT / "examples" / "demo" / "index.json").read_text("utf-8")))
    assert all(r.facts for r in results)


@pytest.mark.slow  # the demo corpus extracted and scored
def test_demo_corpus_scores_above_floor(scorer):
    preds = [f.to_dict() for r in extract([ROOT / "examples" / "demo"]) for f in r.facts]
    gold = scorer.load(str(ROOT / "tests" / "cases" / "demo_gold.jsonl"))
    result = scorer.score(gold, preds)
    assert result["f1"] >= 0.97, result["details"][:10]  # measured 0.990 / 0.979 / 0.964
    assert result["strict_f1"] >= 0.95, result["details"][:10]
    assert result["exact_f1"] >= 0.94, [d for d in result["details"] if d["kind"] == "subject"][:10]


# Half-year growth of industrial value added (规模以上工业增加值, 同比) the demo corpus restates.
DEMO_H1 = {"2012-H1": 10.5, "2013-H1": 9.3, "2014-H1": 8.8, "2015-H1": 6.3, "2016-H1": 6.0, "2017-H1": 6.9,
           "2018-H1": 6.7, "2019-H1": 6.0, "2020-H1": -1.3, "2021-H1": 15.9, "2022-H1": 3.4, "2023-H1": 3.8,
           "2024-H1": 6.0, "2025-H1": 6.4}


@pytest.mark.slow  # the demo corpus ingested
def test_demo_main_job_series_and_conflicts(tmp_path):
    import zhibiao

    with zhibiao.open(tmp_path / "demo.duckdb") as store:
        report = store.ingest([ROOT / "examples" / "demo"])
        assert not report.failures and report.added >= 15
        series = store.series("industrial_value_added", measure="growth", period_type="H")
        assert dict(zip(series["period"], series["value"], strict=True)) == DEMO_H1
        assert not series["conflict"].any() and series["doc"].notna().all()
        row = series.set_index("period").loc["2019-H1"]
        assert (row["stories"], row["copies"]) == (1, 2)  # the original and its traditional-character repost
        # The only conflicts: a repost that changed a number (and the first quarter implied from it).
        conflicts = store.conflicts()
        assert conflicts[["indicator", "period", "kind", "value_a", "value_b"]].values.tolist() == [
            ["high_tech_manufacturing_value_added", "2024-Q1", "copies disagree", 7.5, 7.2],
            ["high_tech_manufacturing_value_added", "2024-H1", "copies disagree", 8.7, 8.4]]
        # Revisions are vintages: one point, the latest figure, the earlier one kept as history.
        gdp = store.series("gdp", measure="growth", period_type="Y", region="全国").set_index("period")
        assert (gdp.loc["2023", "value"], gdp.loc["2023", "vintage"], bool(gdp.loc["2023", "conflict"])) == (
            5.4, "revised", False)
        assert gdp.loc["2023", "history"].startswith("5.2 preliminary (nbs-2023-annual-trad")
        level = store.series("gdp", measure="level", period_type="Y", region="全国").set_index("period")
        assert (level.loc["2022", "value"], level.loc["2022", "vintage"]) == (1204724e8, "final")
        assert "1.21021e+14 preliminary (nbs-2022-gdp-preliminary" in level.loc["2022", "history"]
        # Implied first-quarter growth agrees with the quarter's own report.
        q1 = store.facts(indicator="industrial_value_added", period="2023-Q1", region="全国")
        assert sorted(zip(q1["derived"], q1["value"], strict=True)) == [(False, 3.0), (True, 3.0)]
