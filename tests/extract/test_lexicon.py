"""The grammar's words (rules/grammar.toml), built into patterns once."""

from __future__ import annotations

from pathlib import Path

import pytest

from zhibiao.extract import lexicon
from zhibiao.rules import load


def test_lexicon_every_grammar_entry_is_used():
    source = Path(lexicon.__file__).read_text(encoding="utf-8")
    for section, entries in load("grammar").items():
        for key in entries:
            assert f'"{section}", "{key}"' in source or f"'{section}', '{key}'" in source, f"{section}.{key}"


@pytest.mark.parametrize(
    ("text", "each"),
    [("均比上月回升", True), ("平均增长", False), ("人均收入", False), ("均价上涨", False)],
)
def test_lexicon_each_is_not_part_of_another_word(text, each):
    assert bool(lexicon.EACH.search(text)) is each


@pytest.mark.parametrize(
    ("before", "compared"),
    [("比", True), ("比 ", True), ("低于", True), ("增长", False)],
)
def test_lexicon_comparator_before(before, compared):
    assert bool(lexicon.COMPARATOR_BEFORE.search(before)) is compared


@pytest.mark.parametrize(("gap", "joins"), [("、", True), ("和", True), ("以及", True), ("增长", False)])
def test_lexicon_list_gap(gap, joins):
    assert bool(lexicon.LIST_GAP.fullmatch(gap)) is joins
