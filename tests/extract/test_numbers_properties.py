"""Property tests for parse_number: Chinese renderings, Decimal round trips, robustness."""

from __future__ import annotations

import contextlib
from decimal import Decimal

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from zhibiao.extract.numbers import parse_number

DIGITS = "零一二三四五六七八九"
PLACES = ("", "十", "百", "千")
SECTIONS = ("", "万", "亿")


def _render_section(n: int, *, leading: bool, liang: bool) -> str:
    """0 < n < 10000 in characters: 1205 -> 一千二百零五; a leading 10..19 drops the 一 (十二)."""
    digits = [int(c) for c in f"{n:04d}"]
    out, pending_zero, started = "", False, False
    for i, d in enumerate(digits):
        place = PLACES[3 - i]
        if d == 0:
            pending_zero = started
            continue
        if pending_zero:
            out += "零"
            pending_zero = False
        if d == 1 and place == "十" and not started and leading:
            out += "十"
        elif d == 2 and liang and place in ("百", "千") and not started:
            out += "两" + place
        else:
            out += DIGITS[d] + place
        started = True
    return out


def render_chinese(n: int, *, liang: bool = False) -> str:
    """The standard Chinese numeral of 0 <= n < 10**12: 100010000 -> 一亿零一万, 10 -> 十."""
    if n == 0:
        return "零"
    sections = []
    while n:
        sections.append(n % 10000)
        n //= 10000
    out = ""
    need_zero = False
    for idx in range(len(sections) - 1, -1, -1):
        sec = sections[idx]
        if sec == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or sec < 1000):
            out += "零"
        out += _render_section(sec, leading=not out, liang=liang) + SECTIONS[idx]
        need_zero = False
    return out


@pytest.mark.parametrize(
    ("n", "text"),
    [
        (0, "零"),
        (10, "十"),
        (12, "十二"),
        (105, "一百零五"),
        (1200, "一千二百"),
        (10005, "一万零五"),
        (100000, "十万"),
        (110000, "十一万"),
        (100010, "十万零一十"),
        (100010000, "一亿零一万"),
        (100000005, "一亿零五"),
        (1_0000_0100, "一亿零一百"),
        (10_0001_0000, "十亿零一万"),
        (1010, "一千零一十"),
        (9999_9999_9999, "九千九百九十九亿九千九百九十九万九千九百九十九"),
    ],
)
def test_numbers_renderer_is_standard(n: int, text: str) -> None:
    """The test's own renderer writes numerals the way reports do."""
    assert render_chinese(n) == text


@given(st.integers(min_value=0, max_value=10**12 - 1), st.booleans())
@example(0, False)
@example(10, False)
@example(100010000, False)
@example(2_2000_2200, True)
@example(10**12 - 1, False)
@settings(max_examples=400)
def test_numbers_chinese_rendering_round_trips(n: int, liang: bool) -> None:
    assert parse_number(render_chinese(n, liang=liang)) == n


@given(st.integers(min_value=0, max_value=6).flatmap(
    lambda places: st.decimals(min_value=0, max_value=10**15, places=places,
                               allow_nan=False, allow_infinity=False)))
@example(Decimal("0"))
@example(Decimal("0.000001"))
@example(Decimal("55788"))
@example(Decimal("1234567.89"))
@settings(max_examples=300)
def test_numbers_decimal_str_round_trips(d: Decimal) -> None:
    text = str(d)
    assert "E" not in text
    assert parse_number(text) == d


@given(st.decimals(min_value=1000, max_value=10**15, places=2, allow_nan=False, allow_infinity=False))
def test_numbers_grouped_decimal_round_trips(d: Decimal) -> None:
    """1,234,567.89 as reports print it."""
    assert parse_number(f"{d:,}") == d


NUMERAL_CHARS = "0123456789.,零〇一二两三四五六七八九十百千万亿点百分之 %个xG"


def _parse_or_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        parse_number(text)


@given(st.text())
@settings(max_examples=300)
def test_numbers_parse_number_only_raises_value_error_on_any_text(text: str) -> None:
    _parse_or_value_error(text)


@given(st.text(alphabet=NUMERAL_CHARS, max_size=40))
@example("百分之")
@example("点")
@example("万亿万")
@example("1,,2")
@example("٣")
@settings(max_examples=500)
def test_numbers_parse_number_only_raises_value_error_on_numeral_like_text(text: str) -> None:
    _parse_or_value_error(text)


def test_numbers_parse_number_long_percent_prefix_run() -> None:
    _parse_or_value_error("百分之" * 2000 + "1")
