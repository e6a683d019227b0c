"""Issue 12, item 6: lxml_html_clean was not declared, so with the pip that ships with Python 3.11
every HTML input failed with an ImportError (make hid it by upgrading pip first). Every module the
HTML path imports from outside the standard library must come from a declared distribution."""

import tomllib
from importlib import metadata
from pathlib import Path

import pytest

PYPROJECT = Path(__file__).resolve().parents[2] / "pyproject.toml"
# module imported on the HTML path -> the distribution that provides it
HTML_PATH = [("lxml.html.clean", "lxml_html_clean"), ("trafilatura", "trafilatura"), ("lxml.html", "lxml")]


def _declared() -> set[str]:
    names = set()
    for requirement in tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]:
        name = requirement.split(";")[0]
        for mark in "<>=!~[ ":
            name = name.split(mark)[0]
        names.add(name.lower().replace("-", "_"))
    return names


@pytest.mark.parametrize(("module", "distribution"), HTML_PATH)
def test_the_html_path_imports_only_what_is_declared_or_pulled_in(module, distribution):
    __import__(module)
    declared = _declared()
    pulled_in = {r.split(";")[0].split(" ")[0].split(">")[0].split("=")[0].split("[")[0].lower().replace("-", "_")
                 for name in declared for r in (metadata.requires(name) or []) if "extra ==" not in r}
    assert distribution in declared or distribution in pulled_in


def test_lxml_html_clean_is_declared_outright():
    assert "lxml_html_clean" in _declared()


def test_an_html_page_reads():
    from zhibiao.api import extract_text
    from zhibiao.ingest.read import _html_text

    text = _html_text("<html><body><p>上半年,全国规模以上工业增加值同比增长3.8%。</p></body></html>", "page.html")[0]
    assert "3.8%" in text and extract_text(text)
