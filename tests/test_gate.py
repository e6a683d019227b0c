"""The relevance gate: cheap, and never drops a document the extractor finds facts in."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import opencc
import pytest

import zhibiao
from zhibiao.extract import extract_document
from zhibiao.gate import AUDIT_EVERY, GateTally, audited, is_statistical
from zhibiao.ingest.read import iter_documents
from zhibiao.models import Document
from zhibiao.rules import load

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "corpus"
DEMO = REPO / "examples" / "demo"
TO_TRADITIONAL = opencc.OpenCC("s2t").convert
FULL_WIDTH_DIGITS = {c: c + 0xFEE0 for c in range(0x30, 0x3A)}


@pytest.mark.parametrize(("text", "expected"), [
    ("上半年,规模以上工业增加值同比增长3.8%。", True),
    ("增速较一季度加快0.8个百分点", True),
    ("软件业务收入55788亿元", True),
    ("550多万条", True),
    ("2400余家企业", True),
    ("2021年,27家企业入围", True),              # a comma after a word does not join numbers
    ("1.85万亿元", True),
    ("增长 9.7 %", True),
    ("占比超过百分之四十", True),
    ("贸易价格条件指数为112.1", True),
    ("十二个项目", True),
    ("全省共有一千二百家", True),
    ("三万亿元", True),
    ("利润增长两成", True),
    ("发电量5.6TWh", True),
    ("增長３.８％", True),                      # traditional script, full-width digits
    ("營業收入3萬億元", True),
    ("合同期限3年", True),
    ("地区 | 本月 | 同比增长\n北京 | 12.5 | 3.1", True),  # a table: the header gives the unit
    ("今天天气晴朗,适合出游。", False),
    ("2023年7月18日上午,记者来到现场。", False),     # dates are not quantities
    ("他讲了一个故事,两个人都笑了。", False),          # 一个/两个 are not counts the extractor reads
    ("第3章 第12节", False),
    ("", False),
])
def test_is_statistical(text: str, expected: bool) -> None:
    assert is_statistical(text) is expected


def test_every_unit_of_the_rule_tables_opens_the_gate() -> None:
    units = load("units")
    vocabulary = [*units["currencies"], *units["physical"], *units["latin"], *units["classifiers"]["words"],
                  *load("gate")["units"]["words"]]
    for word in vocabulary:
        for text in (f"共计12{word}", f"共计12{TO_TRADITIONAL(word)}", f"共计12 多{word}"):
            assert is_statistical(text), text


def _fact_strings() -> list[str]:
    """Every string in the test suite and the gold files for which the extractor finds facts."""
    strings: set[str] = set()
    for path in (REPO / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and len(node.value) >= 4:
                strings.add(node.value)
    golds = [REPO / "tests" / "cases" / "demo_gold.jsonl", *SHARED.glob("*/gold.jsonl")]
    for gold in golds:
        for line in gold.read_text(encoding="utf-8").splitlines():
            if line.strip() and (quote := json.loads(line).get("quote")):
                strings.add(quote)
    found = []
    for text in sorted(strings):
        try:
            if zhibiao.extract_text(text):
                found.append(text)
        except Exception:  # strings of other tests (bad input) need not be texts
            continue
    return found


def test_no_string_with_facts_is_dropped_in_any_script() -> None:
    strings = _fact_strings()
    assert len(strings) > 150
    missed = [text for text in strings
              for variant in (text, TO_TRADITIONAL(text), text.translate(FULL_WIDTH_DIGITS))
              if not is_statistical(variant)]
    assert missed == []


@pytest.mark.parametrize("corpus", [DEMO, SHARED / "dev", SHARED / "dev2"], ids=["demo", "dev", "dev2"])
def test_no_document_with_facts_is_dropped(corpus: Path) -> None:
    if not corpus.is_dir():
        pytest.skip(f"{corpus} is absent")
    docs = [d for d in iter_documents([corpus]) if isinstance(d, Document)]
    assert docs
    dropped = [d.id for d in docs if not is_statistical(d.text) and extract_document(d).facts]
    assert dropped == []


def test_audit_sample_is_by_id_and_about_one_in_sixteen() -> None:
    ids = [f"doc-{i}" for i in range(16000)]
    share = sum(map(audited, ids)) / len(ids)
    assert abs(share - 1 / AUDIT_EVERY) < 0.01
    assert [audited(i) for i in ids[:50]] == [audited(i) for i in ids[:50]]


def test_tally_summary_and_estimate() -> None:
    tally = GateTally(checked=100, skipped=40, seconds=0.01, audited=4, audit_seconds=0.4)
    assert tally.skip_rate == 0.4
    assert tally.saved_seconds == pytest.approx(40 * 0.1 - 0.01 - 0.4)
    assert tally.summary().startswith("gate skipped 40 of 100 document(s) (40.0 %) in 0.01 s, saving ~3.6 s")
    assert GateTally(checked=3, skipped=1).saved_seconds is None


# ---------------------------------------------------------------------------------------------
# In the store


FILLER = "今天天气晴朗,公园里的花开了,孩子们在草地上放风筝,老人们在树下下棋聊天。"


def _corpus(tmp_path: Path) -> Path:
    path = tmp_path / "mixed.jsonl"
    lines = [{"id": "econ", "text": "2024年上半年,全国规模以上工业增加值同比增长6.0%。", "date": "2024-07-15"}]
    lines += [{"id": f"filler-{i}", "text": FILLER * 3} for i in range(40)]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in lines), encoding="utf-8")
    return path


def test_ingest_skips_gated_documents_and_reports_them(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    with zhibiao.open(tmp_path / "gated.duckdb") as store:
        report = store.ingest([corpus])
        assert (report.added, report.gated, report.gate.checked) == (1, 40, 41)
        assert report.gate.skipped == 40 and report.gate.audited >= 1 and report.gate.misses == 0
        assert list(store.documents()["id"]) == ["econ"]
        again = store.ingest([corpus])
        assert (again.unchanged, again.gated) == (1, 40)
    with zhibiao.open(tmp_path / "ungated.duckdb") as store:
        report = store.ingest([corpus], gate=False)
        assert (report.added, report.gated, report.gate.checked) == (41, 0, 0)
        assert report.facts == 1


def test_a_stored_document_that_changes_is_extracted_even_if_gated(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("2024年上半年,全国规模以上工业增加值同比增长6.0%。", encoding="utf-8")
    with zhibiao.open(tmp_path / "db.duckdb") as store:
        assert store.ingest([path]).facts == 1
        path.write_text(FILLER, encoding="utf-8")
        report = store.ingest([path])
        assert (report.replaced, report.gated, report.facts) == (1, 0, 0)
        assert store.facts().empty


def test_extract_gives_gated_documents_without_facts(tmp_path: Path) -> None:
    corpus = _corpus(tmp_path)
    tally = GateTally()
    results = list(zhibiao.extract([corpus], gate_tally=tally))
    assert len(results) == 41 and tally.skipped == 40
    assert [len(r.facts) for r in results] == [1] + [0] * 40
