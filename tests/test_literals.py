"""Words a pattern cannot match without (zhibiao.rules.literals)."""

from __future__ import annotations

import re

import pytest

from zhibiao.rules.literals import required_words, words_gate


@pytest.mark.parametrize(("pattern", "expected"), [
    ("扣除[^,;。]{1,8}因素(后)?", ("扣除",)),  # the longest of the words it must hold
    ("[^,;。]{2,40}?(?:发布|公布)的", ("公布", "发布")),  # one of the branches
    ("对[^,;。]{1,16}?(?=的贡献|的拉动)", ("拉动", "贡献")),  # a lookahead reads the text too
    ("(与|同)[^,;。]{1,9}", ("与", "同")),
    ("(与|同)比", ("比",)),  # as long, and fewer
    ("名义(?!增长)", ("名义",)),  # what must not follow is no word it holds
    ("[^,;。]{0,8}", None),  # no word at all
    ("(?:增长)?率", ("率",)),  # an optional word is not needed
    ("(?i)gdp", None),  # letters in either case: a test of the words as written cannot tell
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



def test_required_words_with_the_flags_the_pattern_is_compiled_with() -> None:
    assert required_words("gdp", re.IGNORECASE) == ("gdp",)  # tested with IGNORECASE too
    assert required_words("(?i)gdp", re.IGNORECASE) == ("gdp",)
    assert required_words("增 长 率", re.VERBOSE) == ("增长率",)


def test_words_gate() -> None:
    gate = words_gate(["扣除[^,;。]{1,8}因素", "[^,;。]{2,40}?(?:发布|公布)的"])
    assert gate is not None
    assert gate.search("扣除价格因素") and gate.search("统计局发布的") and not gate.search("同比增长5%")
    assert words_gate(["因素", "[^,;。]{0,8}"]) is None  # the second may match anywhere
    folded = words_gate(["GDP"], re.IGNORECASE)
    assert folded is not None and folded.search("gdp增长")
