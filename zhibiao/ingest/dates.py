"""Publication dates: parse a date string, or find the date a report was published in its header.

Scraped Chinese reports often carry their date in a byline near the top ("发布时间:2025-03-31",
"2010-06-11 来源:上海市统计局"). The period a statistic refers to ("7月18日", "2016年1月") is not a
publication date, so only full year-month-day dates are accepted.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["find_publication_date", "parse_date", "HEADER_CHARS"]

HEADER_CHARS = 600
"""How far into the text a publication date is looked for."""

MIN_YEAR, MAX_YEAR = 1990, 2100

# Full-width digits and separators -> ASCII, one character for one (offsets are kept).
_FULLWIDTH = str.maketrans("０１２３４５６７８９－／．：", "0123456789-/.:")

_NUMERIC = r"(?<!\d)(?P<y>\d{4})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)"
_CHINESE = r"(?<!\d)(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"
# The two forms cannot share group names in one pattern, so they are compiled separately.
_NUMERIC_RE = re.compile(_NUMERIC)
_CHINESE_RE = re.compile(_CHINESE)

# Words that mark a date as the byline date rather than a date mentioned in the story.
_BEFORE_MARK = re.compile(r"(?:发布|發布|更新|时间|時間|日期)\s*[:：]?\s*$")
_AFTER_MARK = re.compile(
    r"(?:[\sT]*\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:来源|來源|发布|發布|出处|出處|作者|编辑|編輯|访问|訪問|浏览|瀏覽|星期|週[一二三四五六日]|周[一二三四五六日]|[|｜])"
)

# A whole-string date, optionally followed by a time ("2025-03-31 11:30:55", "2025-03-31T11:30").
_WHOLE_TIME_TAIL = re.compile(r"(?:[T\s]\s*\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\s*")


def _make_date(year: str, month: str, day: str) -> date | None:
    """A real calendar date within the plausible publication range, else None."""
    y, m, d = int(year), int(month), int(day)
    if not MIN_YEAR <= y <= MAX_YEAR:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def parse_date(s: str) -> date | None:
    """Parse `YYYY-MM-DD`, `YYYY/MM/DD`, `YYYY.MM.DD` or `YYYY年M月D日` (a trailing time is allowed).

    Returns None when `s` is not such a date or names an impossible day.
    """
    s = s.strip().translate(_FULLWIDTH)
    for pattern in (_NUMERIC_RE, _CHINESE_RE):
        m = pattern.match(s)
        if m and _WHOLE_TIME_TAIL.fullmatch(s, m.end()):
            return _make_date(m["y"], m["m"], m["d"])
    return None


def _candidates(head: str) -> list[tuple[int, int, date]]:
    """Every plausible full date in `head` as (start, end, date), in text order."""
    found = []
    for pattern in (_NUMERIC_RE, _CHINESE_RE):
        for m in pattern.finditer(head):
            day = _make_date(m["y"], m["m"], m["d"])
            if day is not None:
                found.append((m.start(), m.end(), day))
    return sorted(found, key=lambda c: c[0])


def find_publication_date(text: str, limit: int = HEADER_CHARS) -> date | None:
    """The publication date in the first `limit` characters of `text`, or None.

    Plausible means next to a byline word (发布时间, 时间, 来源 ...) or alone on its line; a date
    inside a sentence or caption ("实况图 2022年7月19日11时") is a date the story mentions. Dates
    without a year ("7月18日") are never taken.
    """
    head = text[:limit].translate(_FULLWIDTH)
    for start, end, day in _candidates(head):
        if _is_byline_date(head, start, end):
            return day
    return None


def _is_byline_date(head: str, start: int, end: int) -> bool:
    """True when the date at head[start:end] is marked as a byline or stands on a line of its own."""
    if _BEFORE_MARK.search(head, 0, start) or _AFTER_MARK.match(head, end):
        return True
    line_start = head.rfind("\n", 0, start) + 1
    line_end = head.find("\n", end)
    before = head[line_start:start]
    after = head[end : len(head) if line_end < 0 else line_end]
    return not before.strip() and _WHOLE_TIME_TAIL.fullmatch(after) is not None
