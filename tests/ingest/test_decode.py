"""zhibiao.ingest.decode: text from bytes of unknown encoding, shared by the file and stream readers."""

import codecs

import pytest

from zhibiao.errors import InputError
from zhibiao.ingest.decode import WIDER_CODEC, decode_bytes, decode_html, normalize_newlines

TEXT = "上半年工业增加值增长3.8%"


@pytest.mark.parametrize("data", [
    TEXT.encode("utf-8"),
    codecs.BOM_UTF8 + TEXT.encode("utf-8"),
    TEXT.encode("utf-16"),
    TEXT.encode("gb18030"),
    "上半年工業增加值增長3.8%,規模以上工業企業".encode("big5"),
])
def test_decode_bytes_reads_each_supported_encoding(data):
    assert "3.8%" in decode_bytes(data, "a.txt") and "\ufffd" not in decode_bytes(data, "a.txt")


@pytest.mark.parametrize(("data", "reason"), [
    (b"%PDF-1.7 \x00\x01", "binary file, not text"),
    (codecs.BOM_UTF8 + b"\xff\xfe\xfd", "cannot decode text (invalid UTF-8-SIG after its BOM)"),
])
def test_decode_bytes_refuses_what_is_not_text(data, reason):
    with pytest.raises(InputError) as err:
        decode_bytes(data, "a.txt")
    assert (err.value.source, err.value.reason) == ("a.txt", reason)


def test_decode_html_believes_a_declared_charset_only_when_it_decodes():
    page = f'<html><head><meta charset="gbk"></head><body>{TEXT}</body></html>'
    assert TEXT in decode_html(page.encode("gb18030"), "a.html")
    lying = f'<html><head><meta charset="ascii"></head><body>{TEXT}</body></html>'
    assert TEXT in decode_html(lying.encode("gb18030"), "a.html")


@pytest.mark.parametrize(("text", "expected"), [("a\r\nb", "a\nb"), ("a\rb", "a\nb"), ("a\nb", "a\nb")])
def test_decode_normalize_newlines(text, expected):
    assert normalize_newlines(text) == expected


def test_decode_wider_codecs_are_supersets():
    assert WIDER_CODEC == {"gb2312": "gb18030", "gbk": "gb18030", "big5": "cp950"}
