"""The attributes of one figure: qualifier, place, quote."""

from __future__ import annotations

import pytest

from zhibiao.extract.attributes import QUOTE_MAX, QUOTE_REACH, qualifier_of, region_at, sentence_quote
from zhibiao.extract.context import ArticleState, ParagraphState
from zhibiao.extract.mentions import find_mentions
from zhibiao.extract.regions import find_regions


@pytest.mark.parametrize(
    ("window", "qualifier"),
    [("约", "approx"), ("约占全国的", "approx"), ("超过", "at_least"), ("不超过", "at_most"), ("达到", "exact"),
     ("经济总量跨上", "at_least"), ("电子信息产业营业收入已迈上", "at_least")],  # a mark reached (AH01, AH06)
)
def test_attributes_qualifier_of(window, qualifier):
    (m,) = find_mentions("100亿元", [])
    assert qualifier_of(window, m) == qualifier


@pytest.mark.parametrize(
    ("sentence", "province", "city", "region"),
    [
        ("广东省产量5万吨", None, None, "广东省"),
        ("全省产量5万吨", "湖北省", None, "湖北省"),
        ("全市产量5万吨", "上海市", None, "上海市"),  # a municipality is its own city
        ("全市产量5万吨", "湖北省", "武汉市", "武汉市"),
        ("产量5万吨", None, None, "全国"),  # the article's
    ],
)
def test_attributes_region_at(sentence, province, city, region):
    art = ArticleState(None, "全国", province, city, False)
    assert region_at(find_regions(sentence), sentence.index("5"), ParagraphState(), art) == region


@pytest.mark.parametrize(
    ("sentence", "figure", "region"),
    [
        # a place opening a bracket with a figure covers that figure, not the figures after the bracket
        ("江西省工业增加值增长16.5%(全国增长4.4%),高于全国12.1个百分点", "4.4", "全国"),
        ("江西省工业增加值增长16.5%(全国增长4.4%),高于全国12.1个百分点", "12.1", "江西省"),
        ("江西省工业投资增长12%(全国3.4%)", "3.4", "全国"),
        ("江西省工业投资增长12%(全国3.4%),其中技改投资增长9%", "9", "江西省"),
    ],
)
def test_attributes_region_of_a_bracketed_figure(sentence, figure, region):
    art = ArticleState(None, "全国", "江西省", None, False)
    assert region_at(find_regions(sentence), sentence.index(figure), ParagraphState(), art, sentence) == region


def test_attributes_quote_of_an_absurd_sentence_is_around_the_figure():
    assert sentence_quote(" 短句。 ", 0, 1) == "短句。"
    long = "甲" * QUOTE_MAX + ",产量5万吨," + "乙" * QUOTE_MAX
    at = long.index("5")
    quote = sentence_quote(long, at, at + 1)
    assert quote == "产量5万吨," and len(quote) < QUOTE_REACH


def test_new_fact_is_the_fact_its_init_builds() -> None:
    import pickle
    from dataclasses import asdict

    from zhibiao.extract.attributes import new_fact
    from zhibiao.models import Fact

    given = dict(doc="d", subject="工业增加值", measure="growth", value=6.4, unit="%", period="2025-01/2025-06",
                 basis="yoy", region="全国", quote="同比增长6.4%", span=(3, 7))
    made, built = new_fact(**given), Fact(**given)  # type: ignore[arg-type]
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert list(vars(made).items()) == list(vars(built).items()) and asdict(made) == asdict(built)
    assert pickle.loads(pickle.dumps(made)) == built
