"""The lexer: the C-backed automaton and the pure-Python scan give the same tokens."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zhibiao.extract.lexer import WordLexer, WordToken, ahocorasick_rs
from zhibiao.extract.regions import _lexicon, _refusal
from zhibiao.rules import load

PLACES = _lexicon().lexer.words
REFUSE = _refusal(load("regions"))
NATIVE = WordLexer(PLACES, REFUSE)
PLAIN = WordLexer(PLACES, REFUSE, native=False)

requires_wheel = pytest.mark.skipif(ahocorasick_rs is None, reason="ahocorasick_rs is not installed")


@requires_wheel
def test_lexer_uses_the_automaton_when_the_wheel_is_installed() -> None:
    assert NATIVE.native and not PLAIN.native


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("江苏省苏州市增长", [(0, 3, "江苏省"), (3, 6, "苏州市")]),
        ("吉林市场销售", [(0, 2, "吉林")]),            # a word refused before 场: the shorter one
        ("复合肥产量", [(0, 3, "复合肥")]),            # longest at the leftmost position
        ("在吉林市场和吉林市", [(1, 3, "吉林"), (6, 9, "吉林市")]),
        ("增长6.4%", []),
        ("", []),
    ],
)
@pytest.mark.parametrize("lexer", [NATIVE, PLAIN], ids=["native", "plain"])
def test_lexer_tokens(lexer: WordLexer, text: str, tokens: list[tuple[int, int, str]]) -> None:
    assert lexer.tokens(text) == tuple(WordToken(*t) for t in tokens)


_FRAGMENTS = sorted(PLACES)[::7] + list("市场省州区的年增长,。国中东西南北部地吉林")


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=14).map("".join))
def test_lexer_native_and_plain_agree(text: str) -> None:
    assert NATIVE.tokens(text) == PLAIN.tokens(text)


@pytest.mark.parametrize("lexer_words", [("增长", "增长率", "增速"), ()])
def test_lexer_of_any_word_list(lexer_words: tuple[str, ...]) -> None:
    text = "增长率为5%,增速加快,增长"
    expected = tuple(WordLexer(lexer_words, native=False).tokens(text))
    assert WordLexer(lexer_words).tokens(text) == expected
    assert [t.word for t in expected] == (["增长率", "增速", "增长"] if lexer_words else [])
