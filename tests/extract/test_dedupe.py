"""One fact stated twice is kept once."""

from __future__ import annotations

import pytest

from zhibiao.extract.dedupe import dedupe, drop_headline_repeats
from zhibiao.models import Fact


def _fact(subject: str, value: float, quote: str = "正文,工业增加值增长。", unit: str = "%") -> Fact:
    return Fact(doc="d", subject=subject, measure="growth", value=value, unit=unit, period="2024", region="全国",
                quote=quote)


@pytest.mark.parametrize(
    ("facts", "kept"),
    [
        # a distinctive value with nested subjects: one fact, the fuller subject
        ([_fact("工业增加值", 11.25), _fact("规模以上工业增加值", 11.25)], ["规模以上工业增加值"]),
        # a common value: two facts unless the subject is the same
        ([_fact("工业增加值", 5.4), _fact("规模以上工业增加值", 5.4)], ["工业增加值", "规模以上工业增加值"]),
        ([_fact("出口", 5.4), _fact("出口", 5.4)], ["出口"]),
        ([_fact("出口", 5.4), _fact("进口", 5.4)], ["出口", "进口"]),
        # two names of one indicator of the catalogue (a lead's GDP, the body's 地区生产总值): one fact
        ([_fact("GDP", 5.3), _fact("地区生产总值", 5.3)], ["地区生产总值"]),
    ],
)
def test_dedupe_text_facts(facts, kept):
    assert [f.subject for f in dedupe(facts)] == kept


def test_dedupe_a_table_restating_the_text_merges_whatever_its_value():
    text = [_fact("城镇消费品零售额", 8.4)]
    assert [f.subject for f in dedupe(text, [_fact("城镇", 8.4)])] == ["城镇消费品零售额"]


@pytest.mark.parametrize(
    ("headline_subject", "dropped"),
    [("规上工业增加值", True), ("茶叶产量", False)],
)
def test_dedupe_drop_headline_repeats(headline_subject, dropped):
    body = _fact("规模以上工业增加值", 6.3, quote="上半年,规模以上工业增加值同比增长6.3%,比一季度加快。")
    headline = _fact(headline_subject, 6.3, quote=f"{headline_subject}增长6.3%")
    kept = drop_headline_repeats([headline, body])
    assert (headline not in kept) is dropped and body in kept


def test_dedupe_a_sentence_printed_twice_keeps_the_dated_copy():
    from dataclasses import replace

    dated = _fact("中试平台", 2400, quote="谢少锋透露,工信部已将2400余家中试平台纳入储备库。", unit="count")
    undated = replace(dated, period=None, quote="工信部已将2400余家中试平台纳入储备库。")
    elsewhere = replace(undated, quote="另一处提到2400余家中试平台。")
    assert [f.period for f in dedupe([undated, dated])] == ["2024"]
    assert [f.period for f in dedupe([undated, elsewhere])] == [None]
