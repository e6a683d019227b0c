"""zhibiao.ingest.html: a page's main text, title, date and URL, shared by the file and stream readers."""

from datetime import date

import pytest

from zhibiao.errors import InputError
from zhibiao.ingest.html import html_text

SENTENCE = "上半年,全国规模以上工业增加值同比增长3.8%,增速较一季度加快0.8个百分点。"


def test_html_text_reads_title_date_and_text():
    page = (f'<html><head><title>工业经济</title><meta name="date" content="2023-07-17"></head>'
            f"<body><article><p>{SENTENCE}</p><p>{SENTENCE}</p></article></body></html>")
    text, title, published, _url = html_text(page, "page.html")
    assert SENTENCE in text and title == "工业经济" and published == date(2023, 7, 17)


def test_html_text_keeps_tables_as_rows():
    page = (f"<html><body><p>{SENTENCE}</p><table><tr><td>产品</td><td>产量</td></tr>"
            "<tr><td>粗钢</td><td>8318</td></tr></table></body></html>")
    text = html_text(page, "page.html")[0]
    assert "粗钢 | 8318" in text and "|---" not in text


@pytest.mark.parametrize(("page", "reason"), [
    ("   ", "empty file"),
    ('<?xml version="1.0"?>', "empty file"),
    ("<html><body><script>x()</script></body></html>", "no text found in HTML"),
])
def test_html_text_refuses_pages_without_text(page, reason):
    with pytest.raises(InputError) as err:
        html_text(page, "page.html")
    assert err.value.reason == reason
