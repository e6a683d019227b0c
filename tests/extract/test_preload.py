"""preload: every rule table and pattern loaded before the first document, none halfway through."""

import re

from zhibiao.extract import extract_document
from zhibiao.extract.preload import _builders, preload
from zhibiao.models import Document


def test_preload_fills_every_builder_cache():
    preload()
    builders = list(_builders())
    assert len(builders) > 50
    assert all(fn.cache_info().currsize == 1 for fn in builders)


def test_preload_leaves_no_pattern_to_compile_during_extraction(monkeypatch):
    preload()
    compiled = []
    original = re.compile

    def spy(pattern, flags=0):
        compiled.append(pattern)
        return original(pattern, flags)

    monkeypatch.setattr(re, "compile", spy)
    text = "2025年1-6月，全省规模以上工业增加值同比增长6.4%，增速较一季度加快0.8个百分点。"
    assert extract_document(Document("d", text, "<t>", None)).facts
    assert compiled == []
