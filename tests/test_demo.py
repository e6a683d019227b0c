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


def test_demo_corpus_scores_above_floor(scorer):
    preds = [f.to_dict() for r in extract([ROOT / "examples" / "demo"]) for f in r.facts]
    gold = scorer.load(str(ROOT / "tests" / "cases" / "demo_gold.jsonl"))
    result = scorer.score(gold, preds)
    assert result["f1"] >= 0.95, result["details"][:10]
    assert result["strict_f1"] >= 0.85, result["details"][:10]
