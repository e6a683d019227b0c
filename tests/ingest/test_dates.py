"""Publication dates: parse_date and find_publication_date."""

from __future__ import annotations

from datetime import date

import pytest

from zhibiao.ingest.dates import find_publication_date, parse_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025-03-31", date(2025, 3, 31)),
        ("2025/3/1", date(2025, 3, 1)),
        ("2025.03.01", date(2025, 3, 1)),
        ("2025年3月1日", date(2025, 3, 1)),
        ("2025 年 03 月 01 日", date(2025, 3, 1)),
        ("２０２５－０３－３１", date(2025, 3, 31)),
        ("  2025-03-31 ", date(2025, 3, 31)),
        ("2025-03-31 11:30:55", date(2025, 3, 31)),
        ("2025-03-31T11:30:55+08:00", date(2025, 3, 31)),
        ("2025-13-01", None),
        ("2023-02-29", None),
        ("2025-03", None),
        ("2025年3月", None),
        ("3月1日", None),
        ("1989-06-01", None),
        ("2025-03/31", None),
        ("x2025-03-31", None),
        ("2025-03-31 然后", None),
        ("", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("发布时间:2025-03-31\n正文", date(2025, 3, 31)),
        ("IP属地 北京 编辑:朱天宇 时间:2025-03-31 11:30:55\n", date(2025, 3, 31)),
        ("5月份本市规模以上工业企业生产情况\n2010-06-11 来源:上海市统计局\n", date(2010, 6, 11)),
        ("国家统计局:7月猪肉价格同比下降43.5%\n2021-08-10 16:07來源:新华社 编辑:吕可意", date(2021, 8, 10)),
        ("2024年6月24日 发布\n上半年工业增加值增长6.0%", date(2024, 6, 24)),
        ("发布日期：２０２３年０７月２０日", date(2023, 7, 20)),
        ("标题\n  2023-07-20 10:00\n正文", date(2023, 7, 20)),
        ("2023年7月20日 星期四\n正文", date(2023, 7, 20)),
        ("2023.07.20 | 来源：新华网", date(2023, 7, 20)),
        # A date without a year is the period a figure refers to, not the publication date.
        ("国新办7月18日召开新闻发布会", None),
        ("时间:7月18日", None),
        # A date inside a sentence or caption is a date the story mentions.
        ("图1:全国逐小时气温实况图 2022年7月19日11时", None),
        ("2016年1月,我国新能源汽车生产1.61万辆", None),
        # Impossible or implausible dates are skipped, the next plausible one is taken.
        ("发布时间:2023-02-30\n更新时间:2023-03-01", date(2023, 3, 1)),
        ("发布时间:1900-01-01", None),
        ("", None),
    ],
)
def test_find_publication_date(text: str, expected: date | None) -> None:
    assert find_publication_date(text) == expected


def test_find_publication_date_only_looks_at_the_header() -> None:
    body = "上半年规模以上工业增加值同比增长6.4%。" * 40
    assert find_publication_date("发布时间:2024-07-15\n" + body) == date(2024, 7, 15)
    assert find_publication_date(body + "\n发布时间:2024-07-15") is None


def test_first_byline_date_wins() -> None:
    text = "时间:2024-07-15 09:00\n原文发布时间:2024-07-14\n"
    assert find_publication_date(text) == date(2024, 7, 15)
