"""Places: which region a figure covers, and which place an article is about."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import cache

from zhibiao.rules import load, words

NATIONAL, GLOBAL, LOCAL_PROVINCE, LOCAL_CITY, PLACE = "national", "global", "province", "city", "place"


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    kind: str
    name: str | None     # canonical name; None for 全省/全市 until the article resolves it
    level: str = ""      # province / city / country


@cache
def _lexicon() -> tuple[re.Pattern, dict[str, tuple[str, str | None, str]]]:
    table = load("regions")
    lookup: dict[str, tuple[str, str | None, str]] = {}
    for canon, names in table["national"].items():
        for n in names:
            lookup[n] = (NATIONAL, canon, "")
    for canon, names in table["global"].items():
        for n in names:
            lookup[n] = (GLOBAL, canon, "")
    for w in table["local"]["province"]:
        lookup[w] = (LOCAL_PROVINCE, None, "province")
    for w in table["local"]["city"]:
        lookup[w] = (LOCAL_CITY, None, "city")
    for level, section in (("province", "provinces"), ("city", "cities"), ("country", "countries")):
        for canon, names in table[section].items():
            for n in (canon, *names):
                lookup.setdefault(n, (PLACE, canon, level))
    alternation = "|".join(re.escape(k) for k in sorted(lookup, key=len, reverse=True))
    return re.compile(alternation), lookup


@cache
def _not_before() -> re.Pattern:
    return re.compile(f"(?:{'|'.join(map(re.escape, words('regions', 'not_region_before', 'words')))})$")


def find_regions(text: str) -> list[RegionMention]:
    """Places named as what a figure covers; partners (与美国) and comparisons (高于全国) are left out."""
    pattern, lookup = _lexicon()
    out = []
    skipped_end = -1
    for m in pattern.finditer(text):
        before = text[max(0, m.start() - 4):m.start()]
        listed_after_partner = before.endswith("、") and skipped_end == m.start() - 1
        dateline = re.match(r"\d{1,2}月\d{1,2}日(电|讯)", text[m.end():m.end() + 8]) or before.endswith(("社", "网", "报"))
        if _not_before().search(before) or listed_after_partner or dateline:
            skipped_end = m.end()
            continue
        kind, name, level = lookup[m.group()]
        if kind == NATIONAL and m.group() == "中国" and text.startswith(("人民银行", "银行"), m.end()):
            continue
        out.append(RegionMention(m.start(), m.end(), kind, name, level))
    return out


def article_place(text: str, header: str = "") -> tuple[str | None, str | None]:
    """(province, city) the article is about: the places it names most, the header counting too."""
    provinces: Counter[str] = Counter()
    cities: Counter[str] = Counter()
    for r in find_regions(header + "\n" + text):
        if r.kind == PLACE and r.level == "province":
            provinces[r.name] += 1
        elif r.kind == PLACE and r.level == "city":
            cities[r.name] += 1
    province = provinces.most_common(1)[0][0] if provinces else None
    city = cities.most_common(1)[0][0] if cities else None
    municipalities = {"北京市", "天津市", "上海市", "重庆市"}
    if city is None and province in municipalities:
        city = province
    return province, city


def is_local(text: str) -> tuple[bool, bool]:
    """Whether the article speaks of 全省/我省 (a province) and of 全市/本市 (a city)."""
    kinds = {r.kind for r in find_regions(text)}
    return LOCAL_PROVINCE in kinds, LOCAL_CITY in kinds
