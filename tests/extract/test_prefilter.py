"""The hyperscan prefilter: a superset of the patterns that match, or None when it cannot tell."""

from __future__ import annotations

import re

import pytest

from zhibiao.extract import prefilter
from zhibiao.extract.prefilter import PYTHON_SPACE, Prefilter, to_hyperscan

pytest.importorskip("hyperscan")

PATTERNS = [r"(?P<m>\d{1,2})月", r"\d{4}\s*[-至]\s*\d{4}年", r"(?<=调查,)今年(?=[\u4e00-\u9fff])", "上半年"]


def test_prefilter_space_class_is_what_python_calls_space() -> None:
    python = [chr(c) for c in range(0x3001) if re.fullmatch(r"\s", chr(c))]
    listed = re.findall(r"\\x\{([0-9a-f]+)\}(?:-\\x\{([0-9a-f]+)\})?", PYTHON_SPACE)
    ours = [chr(c) for a, b in listed for c in range(int(a, 16), int(b or a, 16) + 1)]
    assert ours == python


@pytest.mark.parametrize(("text", "expected"), [
    ("5月份,规上工业增长", {0}),
    ("2023 至 2025年", {1}),
    ("2023\u3000-\u30002025年", {1}),
    ("据调查,今年全省", {2}),
    ("上半年,全国5月", {0, 3}),
    ("增长6.4%", set()),
])
def test_prefilter_hits_every_pattern_that_matches(text: str, expected: set[int]) -> None:
    found = Prefilter.build(PATTERNS).hits(text)
    assert found is not None
    assert expected <= found
    assert {n for n, p in enumerate(PATTERNS) if re.search(p, text)} <= found


@pytest.mark.parametrize("text", ["２０２３年5月", "上半年\ud800"])
def test_prefilter_cannot_tell_for_other_digits_or_a_lone_surrogate(text: str) -> None:
    assert Prefilter.build(PATTERNS).hits(text) is None


def test_prefilter_refuses_a_class_it_cannot_rewrite() -> None:
    with pytest.raises(ValueError):
        to_hyperscan(r"[\d一二]月")
    assert Prefilter.build([r"[\s,]"]) is None


def test_prefilter_without_hyperscan_is_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(prefilter, "hyperscan", None)
    assert Prefilter.build(PATTERNS) is None

