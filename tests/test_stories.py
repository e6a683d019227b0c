"""Near-duplicate detection: reposts share a story, other reports do not."""

from datetime import date

import numpy as np
import pytest

from zhibiao.ingest.normalize import normalize
from zhibiao.stories import (
    THRESHOLD,
    Candidate,
    Signature,
    assign_stories,
    shingle_hashes,
    sign,
    similarities,
    similarity,
)

ORIGINAL = ("国家统计局15日发布数据显示,2019年上半年全国规模以上工业增加值同比增长6.0%,"
            "其中二季度增长5.6%。6月份规上工业增加值同比增长6.3%,比5月份加快1.3个百分点,"
            "高技术制造业和战略性新兴产业继续保持较快增长。")
# The same story on another site, in traditional characters, with its own header and footer.
REPOST = ("財經頻道 > 宏觀經濟\n國家統計局15日發布數據顯示,2019年上半年全國規模以上工業增加值同比增長6.0%,"
          "其中二季度增長5.6%。6月份規上工業增加值同比增長6.3%,比5月份加快1.3個百分點,"
          "高技術製造業和戰略性新興產業繼續保持較快增長。\n責任編輯:王某")
# A release of the same kind a year earlier: same phrasing, other figures.
OTHER_YEAR = ("国家统计局16日发布数据显示,2018年上半年全国规模以上工业增加值同比增长6.7%,"
              "其中二季度增长6.6%。6月份规上工业增加值同比增长6.0%,比5月份回落0.8个百分点,"
              "装备制造业和高技术制造业增速快于全部规上工业。")


def _simplified(text):
    return normalize(text).text


def test_stories_a_traditional_repost_is_similar_and_another_year_is_not():
    original, repost, other = sign(ORIGINAL), sign(_simplified(REPOST)), sign(OTHER_YEAR)
    assert similarity(original, repost) >= THRESHOLD
    assert similarity(original, other) < THRESHOLD
    assert set(original.bands) & set(repost.bands)


def test_stories_shingles_ignore_punctuation_and_spacing():
    assert np.array_equal(shingle_hashes("工业 增加值,增长"), shingle_hashes("工业增加值增长"))
    assert len(shingle_hashes("工业")) == 0


def test_stories_vectorised_similarity_equals_datasketch_jaccard():
    sigs = [sign(ORIGINAL), sign(_simplified(REPOST)), sign(OTHER_YEAR)]
    matrix = np.stack([s.hashvalues for s in sigs])
    assert similarities(sigs[0], matrix).tolist() == pytest.approx([similarity(sigs[0], s) for s in sigs])


def test_stories_signature_round_trips_through_bytes():
    sig = sign(ORIGINAL)
    back = Signature.from_bytes(sig.to_bytes())
    assert np.array_equal(back.hashvalues, sig.hashvalues) and back.bands == sig.bands
    assert similarity(back, sig) == 1.0


def test_stories_too_short_to_compare_is_its_own_story():
    assert sign("6.0%").bands == ()
    stories, _ = assign_stories([("a", None, sign("6.0%")), ("b", None, sign("6.0%"))], [[], []], 1)
    assert stories == [1, 2]


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ((date(2019, 7, 15), date(2019, 7, 16)), [1, 1]),
        ((date(2019, 7, 15), None), [1, 1]),
        ((date(2019, 7, 15), date(2020, 7, 16)), [1, 2]),  # a year apart: a reused text, not a repost
    ],
)
def test_stories_assign_within_a_batch_respects_the_date_window(dates, expected):
    new = [("orig", dates[0], sign(ORIGINAL)), ("repost", dates[1], sign(_simplified(REPOST)))]
    stories, next_story = assign_stories(new, [[], []], 1)
    assert stories == expected and next_story == max(expected) + 1


def test_stories_assign_joins_a_stored_story_and_ignores_the_document_itself():
    stored = [Candidate("orig", 42, date(2019, 7, 15), sign(ORIGINAL).hashvalues)]
    stories, next_story = assign_stories([("repost", date(2019, 7, 16), sign(_simplified(REPOST)))], [stored], 50)
    assert (stories, next_story) == ([42], 50)
    # A new version of a stored document keeps its story while it still reads the same ...
    stories, _ = assign_stories([("orig", date(2019, 7, 15), sign(ORIGINAL + "(完)"))], [stored], 50)
    assert stories == [42]
    # ... and starts a new one when it has become another text.
    stories, _ = assign_stories([("orig", date(2019, 7, 15), sign(OTHER_YEAR))], [stored], 50)
    assert stories == [50]
