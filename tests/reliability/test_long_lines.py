"""Issue 12, item 2: quotes had no length limit and the grammar looked back over a whole sentence
from each figure, so a line without punctuation became the quote of every fact on it (a 5 MB line
wrote more than 60 GB). Sentences over SENTENCE_MAX characters are cut into pieces, and the quote
of an absurd sentence is a window around its figure; the span still points into the original text."""

import re
import subprocess
import sys
from pathlib import Path

import pytest

from zhibiao.api import extract_text
from zhibiao.extract.assemble import QUOTE_MAX, QUOTE_REACH
from zhibiao.ingest.segment import SENTENCE_MAX, sentences

DEMO = Path(__file__).resolve().parents[2] / "examples" / "demo"
LINE_BYTES = 5 * 1024 * 1024
# Runs `zhibiao ARGS` in this interpreter and writes its peak resident memory (VmHWM) to stderr at exit.
PEAK_OF_CLI = """
import atexit, sys
atexit.register(lambda: sys.stderr.write(next(l for l in open("/proc/self/status") if l.startswith("VmHWM"))))
sys.argv = ["zhibiao", *sys.argv[1:]]
from zhibiao.cli import app
app()
"""


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
    # The child reports its own peak (VmHWM): the ru_maxrss that wait4 gives keeps the high-water mark of
    # the process it was forked from, this test runner, which a long suite makes larger than the child.
    run = subprocess.run([sys.executable, "-c", PEAK_OF_CLI, "extract", str(source), "-o", str(output)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    assert run.returncode == 0, run.stderr
    assert 0 < output.stat().st_size < 10 * 1024 * 1024
    peak_kb = int(re.search(r"VmHWM:\s*(\d+) kB", run.stderr).group(1))
    assert peak_kb < 500 * 1024
