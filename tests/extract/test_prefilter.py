"""The hyperscan prefilter: a superset of the patterns that match, or None when it cannot tell."""

from __future__ import annotations

import re

import pytest

from zhibiao.extract import prefilter
from zhibiao.extract.prefilter import PYTHON_SPACE, Prefilter, required_words, to_hyperscan

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


@pytest.mark.parametrize(("pattern", "expected"), [
    ("扣除[^,;。]{1,8}因素(后)?", ("扣除",)),  # the longest of the words it must hold
    ("[^,;。]{2,40}?(?:发布|公布)的", ("公布", "发布")),  # one of the branches
    ("对[^,;。]{1,16}?(?=的贡献|的拉动)", ("拉动", "贡献")),  # a lookahead reads the text too
    ("(与|同)[^,;。]{1,9}", ("与", "同")),
    ("(与|同)比", ("比",)),  # as long, and fewer
    ("名义(?!增长)", ("名义",)),  # what must not follow is no word it holds
    ("[^,;。]{0,8}", None),  # no word at all
    ("(?:增长)?率", ("率",)),  # an optional word is not needed
    ("(?i)gdp", None),  # letters in either case: an `in` test cannot tell
])
def test_required_words(pattern: str, expected: tuple[str, ...] | None) -> None:
    assert required_words(pattern) == expected


@pytest.mark.parametrize("pattern", [
    "扣除[^,;。]{1,8}因素", "(与|同)[^,;。]{1,20}?相比较?", "[^,;。]{2,40}?(?:发布|公布)的"])
@pytest.mark.parametrize("text", ["扣除价格因素后", "与上年相比", "国家统计局发布的", "同比增长", "发布会上"])
def test_required_words_hold_every_match(pattern: str, text: str) -> None:
    found = required_words(pattern)
    assert found is not None
    if re.search(pattern, text):
        assert any(w in text for w in found)
