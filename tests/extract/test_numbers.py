"""parse_number: Arabic, Chinese and mixed numerals as reports write them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from zhibiao.extract.numbers import parse_number, range_separators, to_float
from zhibiao.rules import load


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Arabic digits, thousands separators, decimals
        ("0", "0"),
        ("7", "7"),
        ("55788", "55788"),
        ("3.8", "3.8"),
        ("0.05", "0.05"),
        ("1,234", "1234"),
        ("1,234.5", "1234.5"),
        ("12,345,678", "12345678"),
        ("12,345,678.09", "12345678.09"),
        ("  12  ", "12"),
        # 万/亿 multipliers after digits
        ("1.85万", "18500"),
        ("550万", "5500000"),
        ("55788亿", "5578800000000"),
        ("2.5亿", "250000000"),
        ("3万亿", "3000000000000"),
        ("1.2万亿", "1200000000000"),
        ("1,000万", "10000000"),
        ("5千", "5000"),
        # Chinese numerals
        ("零", "0"),
        ("〇", "0"),
        ("一", "1"),
        ("两", "2"),
        ("十", "10"),
        ("十二", "12"),
        ("一十二", "12"),
        ("二十", "20"),
        ("九十九", "99"),
        ("一百零五", "105"),
        ("一千零一", "1001"),
        ("一千二百", "1200"),
        ("两千", "2000"),
        ("两万", "20000"),
        ("十万", "100000"),
        ("一万零五", "10005"),
        ("二十万零三百", "200300"),
        ("三万亿", "3000000000000"),
        ("一亿零一万", "100010000"),
        ("九千九百九十九亿九千九百九十九万九千九百九十九", "999999999999"),
        # Digit-by-digit years
        ("二〇二五", "2025"),
        ("二零二四", "2024"),
        ("一九四九", "1949"),
        # Decimals written in characters, and percentages
        ("十二点五", "12.5"),
        ("三点一四", "3.14"),
        ("零点八", "0.8"),
        ("百分之十二点五", "12.5"),
        ("百分之五", "5"),
        ("百分之百", "100"),
        ("百分之1.5", "1.5"),
    ],
)
def test_numbers_parse_number_values(text: str, expected: str) -> None:
    assert parse_number(text) == Decimal(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("55788亿", "5578800000000"),
        ("1.85万", "18500"),
        ("0.1亿", "10000000"),
    ],
)
def test_numbers_parse_number_multiplier_is_exact(text: str, expected: str) -> None:
    """Decimal arithmetic: no binary float error in 55788亿 or 0.1亿."""
    value = parse_number(text)
    assert isinstance(value, Decimal)
    assert value == Decimal(expected)
    assert to_float(value) == float(expected)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "abc",
        "12.",
        ".5",
        "1,23",
        "1,2345",
        "12a",
        "12%",
        "十二个",
        "点五",
        "百分之",
        "第一",
        "-5",
        "5G",
        "三点五六七x",
        "²",
    ],
)
def test_numbers_parse_number_rejects_non_numerals(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


def test_numbers_range_separators_come_from_the_rule_table() -> None:
    assert range_separators() == tuple(load("units")["ranges"]["separators"])
    assert {"-", "至", "到", "~"} <= set(range_separators())
