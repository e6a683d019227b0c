"""Words a pattern cannot match without (zhibiao.rules.literals)."""

from __future__ import annotations

import re

import pytest

from zhibiao.rules.literals import (
    AnyOf,
    Opened,
    first_chars,
    match_gate,
    matches,
    reach_from_end,
    required_words,
    scanning,
    words_gate,
)


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


@pytest.mark.parametrize(("pattern", "expected"), [
    ("^(对|为)[^,;]{1,24}?的|^(?:拉动|带动)", "为对带拉"),
    ("^(?!有色)(?:有|共)", "共有"),  # a lookahead reads no character of the match
    ("(?:第|前)?[一二]", "一二前第"),  # an optional opening adds its characters to what follows
    ("[\u4e00-\u9fff]{1,4}社", None),  # a range: too many to list
    ("[^,;]+", None),  # negated: too many to list
    ("\\d+", None),  # a category
    ("[A-C]x", "ABC"),  # a narrow range, listed
    ("(?:增长)?", None),  # may match the empty string
    ("(?i)gdp", None),
])
def test_first_chars(pattern: str, expected: str | None) -> None:
    found = first_chars(pattern)
    assert (None if found is None else set(found)) == (None if expected is None else set(expected))


def test_opened_matches_as_its_pattern() -> None:
    pattern = re.compile("^(对|为)[^,;]{1,24}?(的贡献率|拉动)|^(?:拉动|带动)")
    opened = Opened(pattern)

    def span(m: re.Match | None) -> tuple[int, int] | None:
        return m.span() if m else None

    for text in ["对全省增长的贡献率", "拉动全省工业增长", "工业增加值", "", "为"]:
        assert span(opened.match(text)) == span(pattern.match(text))
    assert Opened(re.compile("[\u4e00-\u9fff]{2}")).first is None  # then every text is tried


@pytest.mark.parametrize(("pattern", "text"), [
    ("同比|比上年", "同比增长,比上年提高"), ("同比", "环比增长"), ("(?<=增)长", "增长,长期,增长"), ("a*", "baa"),
    ("^b", "bab")])
def test_matches_are_the_iteration(pattern: str, text: str) -> None:
    compiled = re.compile(pattern)
    assert [m.span() for m in matches(compiled, text)] == [m.span() for m in compiled.finditer(text)]


@pytest.mark.parametrize("text", [
    "项目建设", "企业总数", "总数量\n", "目标值", "数量目标", "x" * 30 + "总数", "", "预计"])
def test_reach_from_end_finds_what_the_whole_search_finds(text: str) -> None:
    tail = re.compile("(?:总数|数量|(?<=项目)建设|的?目标值?|预计)$")
    reach = reach_from_end(tail)
    assert reach == 5  # 的目标值, and the newline $ may stand before

    def span(m: re.Match | None) -> tuple[int, int] | None:
        return m.span() if m else None

    assert span(tail.search(text, max(0, len(text) - reach))) == span(tail.search(text))


@pytest.mark.parametrize("text", ["全国第一", "位居全国前列", "最大的", "最高", "湖北省委", "增长5%", "前3", ""])
def test_match_gate_tells_where_no_pattern_matches(text: str) -> None:
    patterns = (re.compile("[\u4e00-\u9fff]{0,6}?最(?:大|高)(?:(?=的)|(?![\u4e00-\u9fff]))"),
                re.compile("第[一二三]|前列"))
    gate, reach = match_gate(*patterns)
    assert gate is not None and reach == 8
    assert "的" not in gate.pattern  # the words of a lookahead are not the match's
    for pos in range(len(text) + 1):
        if gate.search(text, pos, pos + reach) is None:
            assert all(p.match(text, pos) is None for p in patterns)


@pytest.mark.parametrize(("pattern", "gated"), [
    ("(?P<y>\\d{4})年|(?P<r>今年|去年)(?=[,;])|(?:^|(?<=显示,))(?P<r2>今年)(?=[\u4e00-\u9fff])", True),
    ("(?<!\\d)1(?P<m>1[0-2]|[3-9])月份", True),
    ("(?:近|最近)?(?:\\d{1,2}|[一二三])(?:年|个月)", True),
    ("同比|比上年", False),  # alternatives opening with literals: the engine skips ahead itself
    ("[^,;]{2,4}?发布的", False),  # a negated class: no lookahead can be written
    ("(?:增长)?", False),  # may match the empty string
])
def test_scanning_finds_what_the_pattern_finds(pattern: str, gated: bool) -> None:
    compiled = re.compile(pattern)
    scan = scanning(compiled)
    assert (scan is not compiled) == gated
    for text in ["据显示,今年上半年2023年增长,去年;11月份1-2月", "数据显示,今年工业", "今年增长",
                 "同比增长,比上年发布的", "近3年来,最近两个月", ""]:
        assert [(m.span(), m.groups()) for m in scan.finditer(text)] == [
            (m.span(), m.groups()) for m in compiled.finditer(text)]


def test_any_of_tells_what_a_search_of_the_union_tells() -> None:
    patterns = [re.compile(p) for p in (
        "扣除[^,;。]{1,8}因素", "按(可比|不变)?价格?计算", "[^,;。]{2,8}?(?:发布|公布)的", "(?<=生产总值)现价总量",
        r"\([^()]{0,10}下同\)")]
    union = re.compile("|".join(f"(?:{p.pattern})" for p in patterns))
    any_of = AnyOf(patterns)
    assert any_of.union is not None and len(any_of.rest) == 1  # the negated class is searched on its own
    for text in ["扣除价格因素后", "按可比价格计算", "国家统计局发布的", "生产总值现价总量", "现价总量", "(下同)",
                 "工业增加值", ""]:
        assert any_of.search(text) == (union.search(text) is not None)
