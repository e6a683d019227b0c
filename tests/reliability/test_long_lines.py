"""Issue 12, item 2: quotes had no length limit and the grammar looked back over a whole sentence
from each figure, so a line without punctuation became the quote of every fact on it (a 5 MB line
wrote more than 60 GB). Sentences over SENTENCE_MAX characters are cut into pieces, and the quote
of an absurd sentence is a window around its figure; the span still points into the original text."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from zhibiao.api import extract_text
from zhibiao.extract.assemble import QUOTE_MAX, QUOTE_REACH
from zhibiao.ingest.segment import SENTENCE_MAX, sentences

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"
ZHIBIAO = Path(sys.executable).with_name("zhibiao")
LINE_BYTES = 5 * 1024 * 1024


def _unpunctuated(chars: int) -> str:
    """The demo reports run together with every mark of punctuation and every line break taken out."""
    text = "".join(p.read_text(encoding="utf-8") for p in sorted(DEMO.glob("*.txt")))
    flat = re.sub(r"[\s,.;:!?，。；：、！？“”‘’()（）《》【】\-—…·|/]", "", text)
    return (flat * (chars // len(flat) + 1))[:chars]


@pytest.mark.parametrize("length", [SENTENCE_MAX + 1, 3 * SENTENCE_MAX, 10 * SENTENCE_MAX + 7])
def test_a_long_sentence_is_cut_into_pieces_that_cover_it(length):
    text = _unpunctuated(length)
    pieces = sentences(text)
    assert all(len(p.text) <= SENTENCE_MAX for p in pieces)
    assert "".join(p.text for p in pieces) == text
    assert [p.start for p in pieces[1:]] == [p.end for p in pieces[:-1]]


@pytest.mark.parametrize("chars", [2_000, 20_000])
def test_quotes_of_an_unpunctuated_line_are_bounded_and_spans_point_into_it(chars):
    text = "上半年规模以上工业增加值同比增长38%" + _unpunctuated(chars)
    facts = extract_text(text)
    assert facts
    for fact in facts:
        assert len(fact.quote) <= max(QUOTE_MAX, 2 * QUOTE_REACH + 40)
        start, end = fact.span
        assert 0 <= start < end <= len(text)
        digits = "".join(ch for ch in text[start:end] if ch.isdigit())
        assert digits and digits in fact.quote  # the quote is the cleaned (simplified) text


def test_a_5_mb_unpunctuated_line_writes_under_10_mb_in_under_500_mb_of_memory(tmp_path):
    source = tmp_path / "line.txt"
    line = _unpunctuated(LINE_BYTES // 2).encode("utf-8")[:LINE_BYTES]
    source.write_bytes(line.decode("utf-8", errors="ignore").encode("utf-8") + b"\n")
    assert source.stat().st_size >= LINE_BYTES - 3
    output = tmp_path / "facts.jsonl"
    process = subprocess.Popen([str(ZHIBIAO), "extract", str(source), "-o", str(output)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    assert process.returncode == 0, process.stderr.read()
    assert 0 < output.stat().st_size < 10 * 1024 * 1024
    assert usage.ru_maxrss < 500 * 1024  # kilobytes on Linux
