"""Locating a fact's sentence and number in the cleaned text, and cutting the text into segments."""

from zhibiao.web.evidence import locate_facts, locate_quote, segments


def _fact(seq, quote, original, number, *, nth=0, derived=False):
    at = -1
    for _ in range(nth + 1):
        at = original.find(number, at + 1)
    return {"seq": seq, "quote": quote, "span_start": at, "span_end": at + len(number), "derived": derived}


def test_evidence_each_number_of_a_distributed_list_is_marked_once():
    original = "分季度看，一、二季度分別增長6.1%和5.9%。"  # traditional and full-width, as read
    clean = "分季度看,一、二季度分别增长6.1%和5.9%。"
    quote = clean
    facts = [_fact(0, quote, original, "6.1%"), _fact(1, quote, original, "5.9%")]
    places = locate_facts(clean, original, facts)
    assert clean[slice(*places[0]["number"])] == "6.1%"
    assert clean[slice(*places[1]["number"])] == "5.9%"
    segs = segments(clean, places, chosen=1)
    assert "".join(s.text for s in segs) == clean
    assert "".join(s.text for s in segs if s.highlight) == quote
    assert [s.text for s in segs if s.chosen] == ["5.9%"]
    assert [(s.text, s.fact) for s in segs if s.fact is not None] == [("6.1%", 0), ("5.9%", 1)]


def test_evidence_repeated_numbers_in_one_sentence_go_to_their_own_facts():
    original = clean = "出口增长6.0%,进口增长6.0%。"
    facts = [_fact(0, clean, original, "6.0%", nth=0), _fact(1, clean, original, "6.0%", nth=1)]
    places = locate_facts(clean, original, facts)
    assert places[0]["number"] == (4, 8) and places[1]["number"] == (13, 17)


def test_evidence_a_repeated_sentence_is_found_near_the_fact():
    clean = "增长6.0%。\n正文:\n增长6.0%。"
    assert locate_quote(clean, "增长6.0%。", hint=0.0) == (0, 7)
    assert locate_quote(clean, "增长6.0%。", hint=0.9) == (12, 19)
    assert locate_quote(clean, "不在文中", hint=0.5) is None


def test_evidence_derived_facts_highlight_their_sentence_without_a_number():
    clean = original = "上半年增长3.8%,增速较一季度加快0.8个百分点。其他。"
    quote = "上半年增长3.8%,增速较一季度加快0.8个百分点。"
    facts = [_fact(0, quote, original, "3.8%"), _fact(1, quote, original, "0.8个百分点"),
             {"seq": 2, "quote": quote, "span_start": None, "span_end": None, "derived": True}]
    places = locate_facts(clean, original, facts)
    assert places[2] == {"quote": (0, len(quote)), "number": None}
    segs = segments(clean, places, chosen=2)
    assert "".join(s.text for s in segs if s.highlight) == quote
    assert not any(s.chosen for s in segs)
    assert segs[-1].text == "其他。" and not segs[-1].highlight
