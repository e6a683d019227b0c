"""Issue 12, item 3: `extract_text("1" * 100_000)` took 57 s: the boilerplate pattern \\d+人阅读\\s*$
tried every start inside the run of digits. Every regular expression of the rule tables is fed runs
of 100k characters, and the whole pipeline is fed the same runs; each must finish within a budget
of CPU time (process time, so that a busy machine does not fail it) far above what a linear scan
needs and far below what a quadratic one takes."""

import re
import time
import tomllib
from pathlib import Path

import pytest

import zhibiao
from zhibiao.api import extract_text

RUN = 100_000
ADVERSARIAL = {
    "digits": "1" * RUN,
    "one Chinese character": "年" * RUN,
    "spaces": " " * RUN,
    "digits and spaces": "1 " * (RUN // 2),
    "digit groups and spaces": "123 " * (RUN // 4),
    "a label and spaces": "阅读:" + " " * RUN,
    "dashes": "-" * RUN + "x",
    "digits and dots": "1." * (RUN // 2),
    "digits and commas": "1," * (RUN // 2),
    "a verb and a digit": "增长1" * (RUN // 3),
    "digits on lines": "1\n" * (RUN // 2),
    "table rows": "| 1 | 2 |\n" * (RUN // 10),
    "open brackets": "(" * RUN,
}
PATTERN_BUDGET_S = 0.5
PIPELINE_BUDGET_S = 5.0  # 50 ms of CPU per KB; measured 0.05-2.6 s
DIGIT_RUN_BUDGET_S = 1.0  # the figure for extract_text("1" * 100_000)


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _rule_patterns() -> list[tuple[str, str]]:
    """Every string of the rule tables that is a regular expression (not a plain word)."""
    found = []
    for table in sorted((Path(zhibiao.__file__).parent / "rules").glob("*.toml")):
        for text in _strings(tomllib.loads(table.read_text(encoding="utf-8"))):
            if re.search(r"[\\\[\]()*+?{}|^$]", text):
                try:
                    re.compile(text)
                except re.error:
                    continue
                found.append((table.name, text))
    return sorted(set(found))


def _cpu_seconds(call) -> float:
    start = time.process_time()
    call()
    return time.process_time() - start


def test_the_rule_tables_hold_patterns_to_check():
    assert len(_rule_patterns()) > 30


@pytest.mark.parametrize(("table", "pattern"), _rule_patterns())
def test_no_rule_pattern_backtracks_over_a_long_run(table, pattern):
    compiled = re.compile(pattern)
    for name, text in ADVERSARIAL.items():
        seconds = _cpu_seconds(lambda text=text: compiled.search(text))
        assert seconds < PATTERN_BUDGET_S, f"{table}: {pattern!r} took {seconds:.2f} s on {name}"


def test_a_run_of_100k_digits_is_extracted_in_under_a_second():
    extract_text("x")  # rule tables loaded before the clock starts
    assert _cpu_seconds(lambda: extract_text("1" * RUN)) < DIGIT_RUN_BUDGET_S


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_the_pipeline_is_linear_on_long_runs(name):
    extract_text("x")
    assert _cpu_seconds(lambda: extract_text(ADVERSARIAL[name])) < PIPELINE_BUDGET_S
