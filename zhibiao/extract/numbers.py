"""Numbers as Chinese reports write them: 55788, 1,234.5, 1.85万, 一千二百, 两, 百分之十二点五.

Values are computed with Decimal so that 55788亿 is exactly 5578800000000.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from zhibiao.rules import load

_NUMERALS = load("units")["numerals"]
CHINESE_DIGITS: dict[str, int] = _NUMERALS["digits"]
SMALL_UNITS: dict[str, int] = _NUMERALS["small"]
LARGE_UNITS: dict[str, int] = _NUMERALS["large"]
POINT: str = _NUMERALS["point"]
PERCENT_WORD: str = _NUMERALS["percent_word"]
# The large units, smallest first (万, 亿): a 万 closes a section below the next one.
_TEN_THOUSAND, _HUNDRED_MILLION = sorted(LARGE_UNITS, key=LARGE_UNITS.__getitem__)
# Characters of a Chinese numeral, and the digits that may follow its decimal point.
NUMERAL_CHARS = "".join([*CHINESE_DIGITS, *SMALL_UNITS, *LARGE_UNITS])
FRACTION_DIGITS = "".join(d for d in CHINESE_DIGITS if d not in _NUMERALS["quantity_only"])
# What a Chinese numeral of a quantity opens with: a digit or the smallest unit (十二, not 百二).
NUMERAL_OPENERS = "".join(CHINESE_DIGITS) + min(SMALL_UNITS, key=SMALL_UNITS.__getitem__)

ARABIC = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?"
CHINESE = rf"[{NUMERAL_CHARS}]+(?:{POINT}[{FRACTION_DIGITS}]+)?"
NUMBER = re.compile(rf"(?:{ARABIC})|(?:{CHINESE})")
_MIXED = re.compile(rf"(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)([{''.join([*LARGE_UNITS, *SMALL_UNITS])}]*)")


NUMBER_CACHE = 1 << 14  # the numerals of a corpus: figures, months, counts recur


@lru_cache(maxsize=NUMBER_CACHE)
def parse_number(text: str) -> Decimal:
    """The value of an Arabic, Chinese or mixed numeral; ValueError when it is none."""
    text = text.strip()
    if not text:
        raise ValueError("empty numeral")
    if text.startswith(PERCENT_WORD):
        text = text[len(PERCENT_WORD):]
        if not text or text.startswith(PERCENT_WORD):
            raise ValueError("not a percentage numeral")
    if text.isascii() and text.replace(".", "", 1).isdigit() and text[0] != "." and text[-1] != ".":
        return Decimal(text)  # the common case, 18435 or 19.3
    if text[0].isdigit():
        return _parse_mixed(text)
    return _parse_chinese(text)


def _parse_mixed(text: str) -> Decimal:
    """Arabic digits, optionally followed by 万/亿 multipliers (1.85万, 3万亿)."""
    m = _MIXED.fullmatch(text)
    if not m:
        raise ValueError(f"not a number: {text!r}")
    try:
        value = Decimal(m.group(1).replace(",", ""))
    except InvalidOperation as e:
        raise ValueError(f"not a number: {text!r}") from e
    for ch in m.group(2):
        value *= LARGE_UNITS.get(ch) or SMALL_UNITS[ch]
    return value


def _parse_chinese(text: str) -> Decimal:
    """Chinese numerals: 一千二百 = 1200, 十二 = 12, 三万亿 = 3e12, 十二点五 = 12.5, 二〇二五 = 2025."""
    integer, _, fraction = text.partition(POINT)
    if not integer or any(ch not in CHINESE_DIGITS and ch not in SMALL_UNITS and ch not in LARGE_UNITS
                          for ch in integer):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if fraction and any(ch not in CHINESE_DIGITS for ch in fraction):
        raise ValueError(f"not a Chinese numeral: {text!r}")
    if all(ch in CHINESE_DIGITS for ch in integer) and len(integer) > 1:
        value = Decimal("".join(str(CHINESE_DIGITS[ch]) for ch in integer))  # 二〇二五
    else:
        value = Decimal(_chinese_integer(integer))
    if fraction:
        value += Decimal("0." + "".join(str(CHINESE_DIGITS[ch]) for ch in fraction))
    return value


def _chinese_integer(text: str) -> int:
    total = 0          # completed 亿 sections
    section = 0        # completed 万 sections below 亿
    current = 0        # below 万
    digit = None
    for ch in text:
        if ch in CHINESE_DIGITS:
            digit = CHINESE_DIGITS[ch]
        elif ch in SMALL_UNITS:
            current += (1 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        elif ch == _TEN_THOUSAND:
            section += (current + (digit or 0)) or 1
            section *= LARGE_UNITS[_TEN_THOUSAND]
            current, digit = 0, None
        elif ch == _HUNDRED_MILLION:
            total += (section + current + (digit or 0)) or 1
            total *= LARGE_UNITS[_HUNDRED_MILLION]
            section, current, digit = 0, 0, None
    return total + section + current + (digit or 0)


def range_separators() -> tuple[str, ...]:
    """What joins the two ends of a range (1-5月, 30%至40%), from units.toml [ranges]."""
    return _RANGE_SEPARATORS


_RANGE_SEPARATORS: tuple[str, ...] = tuple(load("units")["ranges"]["separators"])


def to_float(value: Decimal) -> float:
    """JSON-friendly value; integers stay integral."""
    return float(value)
