"""Places: which region a figure covers, and which place an article is about.

The lexicon (rules/regions.toml and rules/counties.toml) holds some 2,900 words: the provinces,
every prefecture-level division, the county-level cities the news reports on, the counties (by
their full names), macro-regions, countries, the words for "here" (全省, 全市) and words that
name no place (复合肥). A word
is matched leftmost-longest, as a regex alternation of all of them would be, but an
alternation that large costs a scan over every branch at each position. Instead one small
pattern finds the positions where the first two characters can begin a word (two
character classes, run in C), and a dict keyed by those two characters gives the few words
to try there, longest first.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from zhibiao.errors import RulesError
from zhibiao.rules import load, words

NATIONAL, GLOBAL, LOCAL_PROVINCE, LOCAL_CITY, PLACE = "national", "global", "province", "city", "place"
NOT_PLACE = "not_place"  # a word such as 复合肥: matched, so that 合肥 is not, and then dropped
PROVINCE, CITY, COUNTY, AREA, COUNTRY = "province", "city", "county", "area", "country"
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_CITY_FIELDS = {"province", "level", "names"}
_DATELINE_AFTER = re.compile(r"\d{1,2}月\d{1,2}日(电|讯)")


@dataclass(frozen=True)
class RegionMention:
    start: int
    end: int
    kind: str
    name: str | None     # canonical name; None for 全省/全市 until the article resolves it
    level: str = ""      # province / city / county / area / country; "" for 全国, 全球


@dataclass(frozen=True)
class _Word:
    kind: str
    name: str | None
    level: str


@dataclass(frozen=True)
class Lexicon:
    words: dict[str, _Word]                # every word -> what it names
    provinces: dict[str, str]              # canonical province, city or county -> its province
    by_prefix: dict[str, tuple[str, ...]]  # first two characters -> words, longest first
    starts: re.Pattern                     # where a word may begin

    def word_at(self, text: str, i: int) -> tuple[int, _Word] | None:
        """(end, word) of the longest word at text[i], or None."""
        for w in self.by_prefix.get(text[i:i + 2], ()):
            # 吉林市场 is 吉林 and 市场, not 吉林市
            if text.startswith(w, i) and not (w[-1] == "市" and text.startswith("场", i + len(w))):
                return i + len(w), self.words[w]
        return None

    def scan(self, text: str) -> Iterator[tuple[int, int, _Word]]:
        """(start, end, word) of each place word, leftmost-longest, not overlapping."""
        pos = 0
        for m in self.starts.finditer(text):
            i = m.start()
            if i < pos:
                continue
            found = self.word_at(text, i)
            if found:
                pos, word = found
                if word.kind != NOT_PLACE:
                    yield i, pos, word


def build_lexicon(table: dict) -> Lexicon:
    """The lexicon of a parsed regions table; RulesError when a city names an unknown province,
    a field is missing or unknown, or one word is given two meanings."""
    meanings: dict[str, _Word] = {}
    where: dict[str, str] = {}

    def add(word: str, meaning: _Word, section: str) -> None:
        if len(word) < 2:
            raise RulesError("regions", f"{word!r} in [{section}] is shorter than two characters")
        if word in meanings and meanings[word] != meaning:
            raise RulesError("regions", f"{word!r} is listed in [{where[word]}] and again in [{section}]")
        meanings[word] = meaning
        where[word] = section

    for section, kind in (("national", NATIONAL), ("global", GLOBAL)):
        for canon, names in table[section].items():
            for n in names:
                add(n, _Word(kind, canon, ""), section)
    for kind in (LOCAL_PROVINCE, LOCAL_CITY):
        for n in table["local"][kind]:
            add(n, _Word(kind, None, kind), "local")
    provinces = {}
    for section, level in (("provinces", PROVINCE), ("areas", AREA), ("countries", COUNTRY)):
        for canon, names in table[section].items():
            for n in (canon, *names):
                add(n, _Word(PLACE, canon, level), section)
            if level == PROVINCE:
                provinces[canon] = canon
    places = [("cities", canon, entry) for canon, entry in table["cities"].items()]
    places += [("counties", canon, entry) for canon, entry in table.get("counties", {}).items()]
    for section, canon, entry in places:
        if not isinstance(entry, dict) or set(entry) != _CITY_FIELDS:
            raise RulesError("regions", f"[{section}] {canon!r} needs exactly the fields {sorted(_CITY_FIELDS)}")
        if entry["province"] not in provinces:
            raise RulesError("regions", f"[{section}] {canon!r} is in {entry['province']!r}, which is not in [provinces]")
        if not isinstance(entry["names"], list):
            raise RulesError("regions", f"[{section}] {canon!r}: names must be a list")
        if entry["level"] not in (CITY, COUNTY):
            raise RulesError("regions", f"[{section}] {canon!r} has level {entry['level']!r}, not 'city' or 'county'")
        for n in (canon, *entry["names"]):
            add(n, _Word(PLACE, canon, entry["level"]), section)
        provinces[canon] = entry["province"]
    for n in table["not_places"]["words"]:
        add(n, _Word(NOT_PLACE, None, ""), "not_places")

    by_prefix: dict[str, list[str]] = {}
    for w in sorted(meanings, key=len, reverse=True):
        by_prefix.setdefault(w[:2], []).append(w)
    firsts = "".join(sorted({re.escape(w[0]) for w in meanings}))
    seconds = "".join(sorted({re.escape(w[1]) for w in meanings}))
    starts = re.compile(f"[{firsts}](?=[{seconds}])")
    return Lexicon(meanings, provinces, {k: tuple(v) for k, v in by_prefix.items()}, starts)


@cache
def _lexicon() -> Lexicon:
    """The places of regions.toml with the counties of counties.toml."""
    return build_lexicon({**load("regions"), "counties": load("counties")["counties"]})


def place_at_start(text: str) -> int:
    """The length of the place word (全国, 全省, 湖北, 苏州市...) that text begins with; 0 if none.

    An area (东部地区, 长三角) is none: 东部地区投资 names a regional aggregate as its subject."""
    found = _lexicon().word_at(text, 0)
    return found[0] if found and found[1].kind != NOT_PLACE and found[1].level != AREA else 0


@cache
def _organization_after(section: str = "suffixes") -> re.Pattern:
    """The rest of an organization's (or, with section="newspapers", a newspaper's) name after the
    place that opens it."""
    table = load("regions")["organization_names"]
    suffixes = "|".join(map(re.escape, sorted(table[section], key=len, reverse=True)))
    return re.compile(rf"[\u4e00-\u9fff]{{0,{table['max_between']}}}?(?:{suffixes})")


@cache
def _ranked_after() -> re.Pattern:
    return re.compile("|".join(load("regions")["not_region_after"]["patterns"]))


@cache
def _not_before() -> re.Pattern:
    return re.compile(f"(?:{'|'.join(map(re.escape, words('regions', 'not_region_before', 'words')))})$")


def province_of(name: str) -> str | None:
    """The province of a province, city or county (any of its names), or None (an area, a
    country, an unknown word)."""
    word = _lexicon().words.get(name)
    if word is None or word.kind != PLACE:
        return None
    return _lexicon().provinces.get(word.name)


def is_place(name: str) -> bool:
    """Whether `name` is the canonical name of a province, city or county (湖北省, not 湖北)."""
    return name in _lexicon().provinces


_LIST_JOINERS = ("和", "及", "与")


def find_regions(text: str, *, newspapers: bool = False) -> list[RegionMention]:
    """Places named as what a figure covers; partners (与美国), comparisons (高于全国) and the places
    in organizations' names are left out, and those in newspapers' names unless `newspapers`."""
    out: list[RegionMention] = []
    skipped_end = -1
    not_before = _not_before().search
    for start, end, word in _lexicon().scan(text):
        before = text[max(0, start - 4):start]
        listed_after_partner = before.endswith("、") and skipped_end == start - 1
        # 广东、江苏和山东: 和 after a place covered goes on with its list, not to a partner
        listed_after_place = (before.endswith(_LIST_JOINERS) and out and out[-1].kind == PLACE
                              and out[-1].end == start - 1)
        if (listed_after_partner or (not_before(before) and not listed_after_place)
                or before.endswith(("社", "网", "报")) or _DATELINE_AFTER.match(text, end, end + 8)
                or _ranked_after().match(text, end)):
            skipped_end = end
            continue
        if word.kind == NATIONAL and text[start:end] == "中国" and text.startswith(("人民银行", "银行"), end):
            continue
        if word.kind == PLACE and (_organization_after().match(text, end)
                                   or (not newspapers and _organization_after("newspapers").match(text, end))):
            continue
        out.append(RegionMention(start, end, word.kind, word.name, word.level))
    return out


def article_place(text: str, header: str = "") -> tuple[str | None, str | None]:
    """(province, city) the article is about: the places it names most, the header counting too.
    A city or county-level city without a named province brings its own province."""
    profile = place_profile(text, header)
    return profile.province, profile.city


@dataclass(frozen=True)
class PlaceProfile:
    """What an article says about places, from one pass over its header and text."""

    province: str | None          # the province it names most (or its city's province)
    city: str | None              # the city it names most
    local_province: bool          # it says 全省/我省
    local_city: bool              # it says 全市/本市
    national: bool                # it names 全国/我国
    named: int                    # how often it names its province or city


def place_profile(text: str, header: str = "", host: str | None = None) -> PlaceProfile:
    """`host` is the province or city of the page's url (hosts.host_place), the weakest evidence:
    the article's place only when neither the text nor the header names one, not even in a
    newspaper's name."""
    provinces: Counter[str] = Counter()
    cities: Counter[str] = Counter()
    kinds: set[str] = set()
    offset = len(header) + 1
    full = header + "\n" + text
    for r in find_regions(full):
        if r.kind == PLACE and r.level == PROVINCE:
            provinces[r.name] += 1
        elif r.kind == PLACE and r.level in (CITY, COUNTY):
            cities[r.name] += 1
        elif r.start >= offset:
            kinds.add(r.kind)
    named = max(provinces.most_common(1)[0][1] if provinces else 0, cities.most_common(1)[0][1] if cities else 0)
    if not provinces and not cities and (LOCAL_PROVINCE in kinds or LOCAL_CITY in kinds):
        # Only a newspaper names a place (四川日报 … 全省): it tells which province 全省 is, but
        # the article is not "about" it for naming it (named stays 0). It outweighs the host.
        for r in find_regions(full, newspapers=True):
            if r.kind == PLACE and r.level == PROVINCE:
                provinces[r.name] += 1
            elif r.kind == PLACE and r.level in (CITY, COUNTY):
                cities[r.name] += 1
    province = provinces.most_common(1)[0][0] if provinces else None
    city = cities.most_common(1)[0][0] if cities else None
    if province is None and city is None and host is not None:
        province = province_of(host)
        city = host if host != province else None
    if province is None and city is not None:
        province = province_of(city)
    if city is None and province in MUNICIPALITIES:
        city = province
    return PlaceProfile(province, city, LOCAL_PROVINCE in kinds, LOCAL_CITY in kinds, NATIONAL in kinds, named)


