"""Text from bytes whose encoding is unknown: byte-order marks, UTF-8, GB18030 or Big5, a page's
declared charset. Shared by the file readers (zhibiao.ingest.read) and the stream readers
(zhibiao.ingest.stream)."""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterable

from zhibiao.errors import InputError

# CJK encodings tried when the bytes are not UTF-8. GB18030 is a superset of GB2312 and GBK,
# CP950 of Big5.
CJK_ENCODINGS = ("gb18030", "cp950")
WIDER_CODEC = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "cp950"}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_BINARY_MAGIC = (
    b"%PDF",
    b"PK\x03\x04",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"\x1f\x8b",
    b"\xd0\xcf\x11\xe0",
)
_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_SNIFF_BYTES = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_bytes(data: bytes, source: str) -> str:
    """Decode text whose encoding is unknown: BOM, then UTF-8, then GB18030 or Big5 (CP950).

    Raises InputError for binary data or bytes no supported encoding can read.
    """
    text = _decode_bom(data, source)
    if text is not None:
        return text
    if _looks_binary(data):
        raise InputError(source, "binary file, not text")
    # A UTF-8 file with a damaged byte is still UTF-8: try that before GB18030 reads it as mojibake.
    for text in (_decode_utf8(data), _decode_lenient(data, ("utf-8",)), _decode_cjk_strict(data)):
        if text is not None:
            return text
    text = _decode_lenient(data, CJK_ENCODINGS)
    if text is not None:
        return text
    raise InputError(source, "cannot decode text (not UTF-8, UTF-16, GB18030 or Big5)")


def normalize_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode_html(data: bytes, source: str) -> str:
    """Decode a page: BOM, then UTF-8, then the <meta charset> it declares, then detection."""
    if _decode_bom(data, source) is None and not _looks_binary(data) and _decode_utf8(data) is None:
        declared = _declared_charset(data)
        if declared:
            try:
                return data.decode(declared)
            except UnicodeDecodeError:
                pass  # the declaration lies; detect instead
    return decode_bytes(data, source)


def _declared_charset(data: bytes) -> str | None:
    """The Python codec for the page's <meta charset>, widened (GBK -> GB18030), or None."""
    match = _META_CHARSET.search(data[:_SNIFF_BYTES])
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return WIDER_CODEC.get(name, name)


def _decode_bom(data: bytes, source: str) -> str | None:
    """Decode by byte-order mark, or None when there is none."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise InputError(
                    source, f"cannot decode text (invalid {encoding.upper()} after its BOM)"
                ) from None
    return None


def _looks_binary(data: bytes) -> bool:
    """NUL bytes, a known binary signature, or many control bytes near the start mean binary."""
    sample = data[:_SNIFF_BYTES]
    if b"\x00" in sample or sample.startswith(_BINARY_MAGIC):
        return True
    controls = sum(1 for byte in sample if (byte < 0x20 and byte not in _TEXT_CONTROLS) or byte == 0x7F)
    return controls > len(sample) * 0.05


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_cjk_strict(data: bytes) -> str | None:
    """Decode with the CJK encoding that fits; charset-normalizer decides when several do.

    Big5 byte pairs are nearly all valid GBK pairs too (decoding to nonsense), so "decodes
    without error" alone cannot tell them apart.
    """
    fitting = {}
    for encoding in CJK_ENCODINGS:
        try:
            fitting[encoding] = data.decode(encoding)
        except UnicodeDecodeError:
            continue
    if len(fitting) > 1:
        best = _best_guess(data, list(fitting))
        return fitting[best or CJK_ENCODINGS[0]]
    return next(iter(fitting.values()), None)


def _best_guess(data: bytes, encodings: Iterable[str]) -> str | None:
    """charset-normalizer's choice among `encodings`, or None when it has none."""
    from charset_normalizer import from_bytes

    encodings = list(encodings)
    best = from_bytes(data, cp_isolation=encodings).best()
    return best.encoding if best is not None and best.encoding in encodings else None


def _decode_lenient(data: bytes, encodings: Iterable[str]) -> str | None:
    """Text with a few corrupt bytes (say, a file cut mid-character), which are replaced.

    Accepted only when at most 5% of the non-ASCII characters are replacements; more means the
    encoding is wrong rather than the bytes damaged (GBK read as UTF-8 fails on most characters).
    """
    best_text, best_bad = None, None
    for encoding in encodings:
        text = data.decode(encoding, errors="replace")
        bad = text.count("\ufffd")
        non_ascii = sum(1 for char in text if ord(char) > 0x7F)
        if non_ascii and bad * 20 <= non_ascii and (best_bad is None or bad < best_bad):
            best_text, best_bad = text, bad
    return best_text
