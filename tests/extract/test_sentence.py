"""The sentence grammar's passes: their order and what each resolves."""

from __future__ import annotations

from datetime import date

import pytest

from zhibiao.extract.context import ArticleState, ParagraphState
from zhibiao.extract.sentence import GROUP_PASSES, SUBJECT_RESOLVERS, read_sentence, sentence_facts
from zhibiao.ingest.segment import Sentence
from zhibiao.models import Document

PUB = date(2024, 9, 1)


def test_sentence_passes_run_topics_first_and_attributes_last():
    names = [p.__name__ for p in GROUP_PASSES]
    assert names[0] == "read_topics" and names[-1] == "emit_facts"
    assert names.index("choose_subject") < names.index("distribute") < names.index("emit_facts")


def test_sentence_subject_resolvers_in_the_order_they_apply():
    assert [name for name, _, _ in SUBJECT_RESOLVERS] == [
        "ranked_by", "object_after", "driven_by", "count_after", "set_noun"]


def _facts(text: str, ps: ParagraphState | None = None):
    from zhibiao.extract.periods import find_times

    art = ArticleState(PUB, "全国", None, None, True, {0: find_times(text, PUB)})
    ps = ps or ParagraphState()
    return sentence_facts(Document("d", text, "d.txt", PUB), Sentence(0, len(text), text), ps, art,
                          _Identity()), ps


class _Identity:
    def to_original(self, i: int) -> int:
        return i


def test_sentence_read_once():
    text = "上半年,全国规模以上工业增加值同比增长6.4%(见图1)。"
    st = read_sentence(Document("d", text, "d.txt", PUB), Sentence(0, len(text), text), ParagraphState(),
                       ArticleState(PUB, "全国", None, None, True, {}), _Identity())
    assert [str(m.value) for m in st.mentions] == ["6.4"]  # the bracketed 1 names a figure, no fact


@pytest.mark.parametrize(
    ("text", "facts"),
    [
        ("上半年,全国规模以上工业增加值同比增长6.4%。", [("规模以上工业增加值", "growth", 6.4, "2024-H1", "yoy")]),
        # 分别: one subject per figure
        ("工业机器人、服务机器人的产量同比分别增长35.6%和25.5%。",
         [("工业机器人产量", "growth", 35.6, None, "yoy"), ("服务机器人产量", "growth", 25.5, None, "yoy")]),
    ],
)
def test_sentence_facts(text, facts):
    found, _ = _facts(text)
    assert [(f.subject, f.measure, f.value, f.period, f.basis) for f in found] == facts


def test_sentence_leaves_its_period_and_subjects_to_the_next():
    _, ps = _facts("上半年,全国规模以上工业增加值同比增长6.4%。")
    assert ps.period == "2024-H1" and ps.subjects == ["规模以上工业增加值"] and ps.basis == "yoy"
