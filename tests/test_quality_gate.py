"""Quality gate: extraction on the shared dev corpora must stay above pinned floors.

Skips cleanly when ../shared is absent (the corpora are not shipped with the package).
"""

import importlib.util
from pathlib import Path

import pytest

from zhibiao.api import extract
from zhibiao.models import Extraction

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
# Floors (f1, strict_f1, exact_f1) at or a little under the scores measured when they were set
# (dev 0.992/0.992/0.923, dev2 1.000/0.997/0.952); exact_f1 also asks for the subject exactly as
# FACTS.md "Subjects" names it (issue 13 asks dev >= 0.90 and dev2 >= 0.95).
FLOORS = {"dev": (0.97, 0.95, 0.90), "dev2": (0.98, 0.95, 0.95)}


def _scorer():
    path = SHARED / "eval" / "score.py"
    spec = importlib.util.spec_from_file_location("zhibiao_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_quality_gate_dev_corpus_scores(corpus):
    folder = SHARED / "corpus" / corpus
    if not (folder / "gold.jsonl").exists() or not (SHARED / "eval" / "score.py").exists():
        pytest.skip(f"{folder} is absent")
    scorer = _scorer()
    results = list(extract([folder]))
    assert all(isinstance(r, Extraction) for r in results)
    preds = [f.to_dict() for r in results for f in r.facts]
    result = scorer.score(scorer.load(str(folder / "gold.jsonl")), preds)
    f1_floor, strict_floor, exact_floor = FLOORS[corpus]
    assert result["f1"] >= f1_floor, result["details"][:10]
    assert result["strict_f1"] >= strict_floor, result["details"][:10]
    assert result["exact_f1"] >= exact_floor, [d for d in result["details"] if d["kind"] == "subject"][:10]


def test_quality_gate_out_of_scope_stories_yield_nothing():
    folder = SHARED / "corpus" / "dev2"
    if not folder.exists():
        pytest.skip(f"{folder} is absent")
    facts = {r.document.id: r.facts for r in extract([folder / "d014.txt", folder / "d015.txt"])}
    assert facts == {"d014": [], "d015": []}
