"""Guards that keep the grammar readable (issue 14): language data lives in the rule tables, and no
function grows past what a reader can hold in mind."""

import ast
import re
from pathlib import Path

import pytest
from radon.complexity import cc_visit

PACKAGE = Path(__file__).resolve().parents[1] / "zhibiao"
EXTRACT = sorted((PACKAGE / "extract").glob("*.py"))
# Modules whose words live in the rule tables: the grammar, and the derivation of implied facts.
WORDS_IN_TABLES = [*EXTRACT, PACKAGE / "derive.py"]
MAX_COMPLEXITY = 15
# CJK ideographs and the punctuation of Chinese text: what the rule tables are for.
CHINESE = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef“”‘’—…]")


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def chinese_literals(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string literal in code holding Chinese; docstrings may quote examples."""
    tree = ast.parse(source)
    docs = _docstrings(tree)
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs
            and CHINESE.search(node.value)]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('PATTERN = re.compile(r"同比(增长|下降)")', [(1, "同比(增长|下降)")]),
        ('def f():\n    """分别: one value each."""\n    return 1', []),
        ('WORD = "%"', []),
        ('x = f"{a}、{b}"', [(1, "、")]),
    ],
)
def test_chinese_literals_are_found_in_code_not_in_docstrings(source, expected):
    assert chinese_literals(source) == expected


@pytest.mark.parametrize("path", WORDS_IN_TABLES, ids=lambda p: p.name)
def test_the_grammar_keeps_its_words_in_the_rule_tables(path):
    found = chinese_literals(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: move these to zhibiao/rules/*.toml: {found[:5]}"


def _functions() -> list[tuple[str, str, int]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for block in cc_visit(path.read_text(encoding="utf-8")):
            for item in [block, *getattr(block, "methods", [])]:
                found.append((str(path.relative_to(PACKAGE)), item.name, item.complexity))
    return found


def test_no_function_is_more_complex_than_a_reader_can_follow():
    over = [f"{where}:{name} ({n})" for where, name, n in _functions() if n > MAX_COMPLEXITY]
    assert not over, f"cyclomatic complexity above {MAX_COMPLEXITY}: {over}"


def test_the_complexity_count_sees_the_whole_package():
    assert len(_functions()) > 500
