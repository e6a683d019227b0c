"""Values of the compared in brackets (比全省(7.4%)和全国(6.3%)分别高1.7、2.8个百分点)."""

from __future__ import annotations

from datetime import date

import pytest

from zhibiao.extract import extract_document
from zhibiao.extract.compared import find_brackets, moved_times, without_brackets
from zhibiao.extract.periods import find_times
from zhibiao.extract.record import ArticleState
from zhibiao.ingest.segment import Sentence
from zhibiao.models import Document

PUB = date(2025, 3, 20)
ART = ArticleState(PUB, "朔州市", "山西省", "朔州市", True, {})
LEAD = "朔州市统计局发布数据,全市工业经济运行平稳,规模以上工业企业生产经营总体向好。\n"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("同比增长9.1%,比全省(7.4%)和全国(6.3%)分别高1.7、2.8个百分点", [("7.4", "山西省"), ("6.3", "全国")]),
        ("分别高出全国(5.9%)、全省(6.4%)平均水平2.2个和1.7个百分点", [("5.9", "全国"), ("6.4", "山西省")]),
        ("比全国平均水平(7.0%)高1.4个百分点", [("7.0", "全国")]),
        # the place's average of the same figure, its name said again after the place
        ("增速比全市平均增速(8.1%)低8.4个百分点", [("8.1", "朔州市")]),
        ("比全省制造业增加值平均增速(9.7%)高16.4个百分点", [("9.7", "山西省")]),
        ("较去年同期(-1.1%)提高9.2个百分点", [("-1.1", None)]),
        # a bracket with no comparator before it, or no place or time named: not a compared value
        ("全省(7.4%)", []),
        ("增长9.1%(见图1)", []),
        # after a word that opens a list of the figures themselves, the brackets are the places' own
        ("增速超过全国平均水平,依次为:宁夏(16.4%)、云南(16.3%)", []),
        ("比上月提高(0.5%)", []),
    ],
)
def test_compared_find_brackets_of_places(text: str, found: list[tuple[str, str | None]]) -> None:
    brackets = find_brackets(text, ART)
    assert [(text[b.value_start:b.value_end], b.region) for b in brackets] == found


@pytest.mark.parametrize(
    ("text", "members"),
    [
        ("重工业增加值增速(8.7%)快于轻工业(4.7%)", ["轻工业"]),
        # a tier shares what follows it in the next member
        ("小微企业增加值增速(11.0%)快于大型(3.6%)和中型企业(4.7%)", ["大型企业", "中型企业"]),
        # a verb of change or a time is no member
        ("增速比上月提高(0.5%)", []),
        ("增速(8.7%)快于上年同期水平,高出(1.2%)", []),
    ],
)
def test_compared_find_brackets_of_other_members(text: str, members: list[str]) -> None:
    assert [b.member for b in find_brackets(text, ART)] == members


def test_compared_members_take_the_compared_figure_and_its_head() -> None:
    text = LEAD + ("1-4月,重工业增加值增速(8.7%)快于轻工业(4.7%),"
                   "小微企业增加值增速(11.0%)快于大型(3.6%)和中型企业(4.7%)。\n")
    facts = extract_document(Document("t", text, "t.txt", PUB)).facts
    got = [(f.subject, f.value, f.measure) for f in facts if "增加值" in f.subject]
    assert sorted(got) == sorted([("重工业增加值", 8.7, "growth"), ("轻工业增加值", 4.7, "growth"),
                                  ("小微企业增加值", 11.0, "growth"), ("大型企业增加值", 3.6, "growth"),
                                  ("中型企业增加值", 4.7, "growth")])


def test_compared_the_sentence_without_brackets_maps_back() -> None:
    text = "增长9.1%,比全省(7.4%)和全国(6.3%)分别高1.7、2.8个百分点"
    sent = Sentence(10, 10 + len(text), text)
    bare, where = without_brackets(sent, find_brackets(text, ART))
    assert bare.text == "增长9.1%,比全省和全国分别高1.7、2.8个百分点"
    assert all(bare.text[i] == text[where[i]] for i in range(len(bare.text)))


def test_compared_times_move_with_the_text() -> None:
    text = "比全省(7.4%)高1.7个百分点,1-2月份增长8.1%"
    brackets = find_brackets(text, ART)
    bare, _ = without_brackets(Sentence(0, len(text), text), brackets)
    (moved,) = [t for t in moved_times(find_times(text, PUB), brackets) if t.kind == "period"]
    assert bare.text[moved.start:moved.end] == text[find_times(text, PUB)[0].start:find_times(text, PUB)[0].end]


@pytest.mark.parametrize(
    ("text", "at_time"),
    [
        ("同比增长8.7%,较一季度(6.8%)回升1.9个百分点", [True]),
        ("增长6.4%,比1-5月(6.1%)提高0.3个百分点", [True]),
        ("增长6.4%,比上月(6.1%)提高0.3个百分点", [True]),  # a period named relative to the figure's
        ("比全国(5.9%)高2.2个百分点", [False]),
    ],
)
def test_compared_find_brackets_of_other_periods(text: str, at_time: list[bool]) -> None:
    assert [b.at_time for b in find_brackets(text, ART)] == at_time


@pytest.mark.parametrize(
    ("sentence", "compared"),
    [
        ("上半年,全市规模以上工业增加值同比增长8.7%,较一季度(6.8%)回升1.9个百分点。",
         {(6.8, "growth", "2025-Q1", "yoy"), (1.9, "growth_change", "2025-H1", "vs:2025-Q1")}),
        ("6月份,全市规模以上工业增加值增长6.4%,比上月(6.1%)提高0.3个百分点。",
         {(6.1, "growth", "2025-05", "yoy"), (0.3, "growth_change", "2025-06", "vs:2025-05")}),
    ],
)
def test_compared_a_bracket_after_another_period_is_that_periods_value(sentence: str, compared: set) -> None:
    facts = extract_document(Document("t", LEAD + sentence + "\n", "t.txt", date(2025, 7, 20))).facts
    got = {(f.value, f.measure, f.period, f.basis) for f in facts if f.subject == "规模以上工业增加值"}
    assert compared <= got and all(f.measure != "level" for f in facts)


def test_compared_values_are_facts_of_the_places_compared() -> None:
    text = LEAD + ("1—2月份,全市规上工业增加值同比增长8.1%,较去年同期(-1.1%)提高9.2个百分点,"
                   "分别高出全国(5.9%)、全省(6.4%)平均水平2.2个和1.7个百分点。\n")
    doc = Document("t", text, "t.txt", PUB, url="http://sztj.shuozhou.gov.cn/tjsj/1.html")
    facts = extract_document(doc).facts
    got = {(f.value, f.measure, f.region, f.period, f.basis) for f in facts if f.subject == "规上工业增加值"}
    assert got == {
        (8.1, "growth", "朔州市", "2025-01/2025-02", "yoy"),
        (9.2, "growth_change", "朔州市", "2025-01/2025-02", "vs:2024-01/2024-02"),
        (2.2, "growth_change", "朔州市", "2025-01/2025-02", "vs:全国"),
        (1.7, "growth_change", "朔州市", "2025-01/2025-02", "vs:全省"),
        (-1.1, "growth", "朔州市", "2024-01/2024-02", "yoy"),
        (5.9, "growth", "全国", "2025-01/2025-02", "yoy"),
        (6.4, "growth", "山西省", "2025-01/2025-02", "yoy"),
    }
    for f in facts:  # quotes are the sentence as written, spans point at each figure
        assert "(5.9%)" in f.quote or f.value not in (5.9, 6.4, 2.2)
        assert text[f.span[0]:f.span[1]].lstrip("-").startswith(str(abs(f.value)).rstrip("0").rstrip("."))
