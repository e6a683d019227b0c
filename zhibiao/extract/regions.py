"""Places: which region a figure covers, and which place an article is about.

The lexicon (rules/regions.toml and rules/counties.toml) holds some 4,000 words: the provinces,
every prefecture-level division, the county-level cities the news reports on, the counties and
districts (by their full names, each with its prefecture), macro-regions, countries, the words for
"here" (全省, 全市) and words that name no place (复合肥). A word is matched leftmost-longest, as a
regex alternation of all of them would be, by the lexer (extract/lexer.py: one Aho-Corasick pass,
cached per text); what a place word means there, and
whether it is the place a figure covers, is decided here. The words around places that decide
it (partners, datelines, organizations, the municipalities) are in regions.toml too.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from zhibiao.errors import RulesError
from zhibiao.extract.lexer import TOKEN_CACHE, Refusal, WordLexer
from zhibiao.rules import load, words
from zhibiao.rules.literals import match_gate

NATIONAL, GLOBAL, LOCAL_PROVINCE, LOCAL_CITY, PLACE = "national", "global", "province", "city", "place"
NOT_PLACE = "not_place"  # a word such as 复合肥: matched, so that 合肥 is not, and then dropped
PROVINCE, CITY, COUNTY, AREA, COUNTRY = "province", "city", "county", "area", "country"
MUNICIPALITIES: tuple[str, ...] = tuple(load("regions")["municipalities"]["words"])
_CITY_FIELDS = {"province", "level", "names"}
_COUNTY_FIELDS = _CITY_FIELDS | {"city"}  # counties and districts may name their prefecture


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
    provinces: dict[str, str]       # canonical province, city or county -> its province
    lexer: WordLexer                       # leftmost-longest matching of the words
    prefectures: dict[str, str] | None = None  # county or district -> the prefecture it belongs to

    def word_at(self, text: str, i: int) -> tuple[int, _Word] | None:
        """(end, word) of the longest word at text[i], or None."""
        w = self.lexer.word_at(text, i)
        return None if w is None else (i + len(w), self.words[w])

    def scan(self, text: str) -> Iterator[tuple[int, int, _Word]]:
        """(start, end, word) of each place word, leftmost-longest, not overlapping."""
        words = self.words
        for token in self.lexer.tokens(text):
            word = words[token.word]
            if word.kind != NOT_PLACE:
                yield token.start, token.end, word


class _Meanings:
    """The words of a regions table being gathered, each with one meaning and its section."""

    def __init__(self) -> None:
        self.meanings: dict[str, _Word] = {}
        self.where: dict[str, str] = {}

    def add(self, word: str, meaning: _Word, section: str) -> None:
        if len(word) < 2:
            raise RulesError("regions", f"{word!r} in [{section}] is shorter than two characters")
        if word in self.meanings and self.meanings[word] != meaning:
            raise RulesError("regions", f"{word!r} is listed in [{self.where[word]}] and again in [{section}]")
        self.meanings[word] = meaning
        self.where[word] = section


def build_lexicon(table: dict) -> Lexicon:
    """The lexicon of a parsed regions table; RulesError when a city names an unknown province,
    a field is missing or unknown, or one word is given two meanings."""
    m = _Meanings()
    _add_aggregates(m, table)
    provinces = _add_named_places(m, table)
    places = [("cities", canon, entry) for canon, entry in table["cities"].items()]
    places += [(section, canon, entry) for section in _COUNTY_SECTIONS
               for canon, entry in table.get(section, {}).items()]
    prefectures: dict[str, str] = {}
    for section, canon, entry in places:
        _check_city(section, canon, entry, provinces)
        for n in (canon, *entry["names"], *_autonomous_short_name(canon, table)):
            m.add(n, _Word(PLACE, canon, entry["level"]), section)
        provinces[canon] = entry["province"]
        if "city" in entry:
            prefectures[canon] = entry["city"]
    for n in table["not_places"]["words"]:
        m.add(n, _Word(NOT_PLACE, None, ""), "not_places")
    return Lexicon(m.meanings, provinces, WordLexer(m.meanings, _refusal(table)), prefectures)


_COUNTY_SECTIONS = ("counties", "districts", "short_counties")


def _autonomous_short_name(canon: str, table: dict) -> tuple[str, ...]:
    """琼中黎族苗族自治县 is written 琼中县: the name before its peoples, with the division's last character.
    None for a name that is its people's alone (东乡族自治县) or when the table has no [autonomous]."""
    rule = table.get("autonomous") or load("regions").get("autonomous")
    if not rule or not canon.endswith(tuple(rule["suffixes"])):
        return ()
    peoples = "|".join(sorted(map(re.escape, rule["peoples"]), key=len, reverse=True))
    m = re.match(rf"(.{{2,}}?)(?:(?:{peoples}){rule['people']}?)+{rule['marker']}(.)$", canon)
    return (m.group(1) + m.group(2),) if m else ()


def _add_aggregates(m: _Meanings, table: dict) -> None:
    """全国, 全球 and the words for "here" (全省, 全市)."""
    for section, kind in (("national", NATIONAL), ("global", GLOBAL)):
        for canon, names in table[section].items():
            for n in names:
                m.add(n, _Word(kind, canon, ""), section)
    for kind in (LOCAL_PROVINCE, LOCAL_CITY):
        for n in table["local"][kind]:
            m.add(n, _Word(kind, None, kind), "local")


def _add_named_places(m: _Meanings, table: dict) -> dict[str, str]:
    """Provinces, areas and countries; returns province -> itself."""
    provinces: dict[str, str] = {}
    for section, level in (("provinces", PROVINCE), ("areas", AREA), ("countries", COUNTRY)):
        for canon, names in table[section].items():
            for n in (canon, *names):
                m.add(n, _Word(PLACE, canon, level), section)
            if level == PROVINCE:
                provinces[canon] = canon
    return provinces


def _check_city(section: str, canon: str, entry, provinces: dict[str, str]) -> None:
    fields = _COUNTY_FIELDS if section in _COUNTY_SECTIONS else _CITY_FIELDS
    if not isinstance(entry, dict) or not _CITY_FIELDS <= set(entry) <= fields:
        raise RulesError("regions", f"[{section}] {canon!r} needs exactly the fields {sorted(_CITY_FIELDS)}"
                         + (" (and may have 'city')" if fields != _CITY_FIELDS else ""))
    if "city" in entry and entry["city"] not in provinces:
        raise RulesError("regions", f"[{section}] {canon!r} belongs to {entry['city']!r}, which is no city listed")
    if entry["province"] not in provinces:
        raise RulesError("regions", f"[{section}] {canon!r} is in {entry['province']!r}, which is not in [provinces]")
    if not isinstance(entry["names"], list):
        raise RulesError("regions", f"[{section}] {canon!r}: names must be a list")
    if entry["level"] not in (CITY, COUNTY):
        raise RulesError("regions", f"[{section}] {canon!r} has level {entry['level']!r}, not 'city' or 'county'")


def _refusal(table: dict) -> Refusal:
    """The guard of the lexer: a word ending in 市 is refused before 场 (吉林市场 is 吉林 + 市场), one
    ending in 区 before 域 (海南区域 is 海南 + 区域).
    A table without [boundaries] (a test's) takes the shipped one's."""
    bounds = table.get("boundaries") or load("regions")["boundaries"]
    not_before = {bounds["city_suffix"]: tuple(bounds["city_suffix_not_before"]),
                  bounds["district_suffix"]: tuple(bounds["district_suffix_not_before"])}

    area = bounds["area_suffix"]
    short = _short_county_owners(table)
    short_after, short_not_before = tuple(bounds["short_county_after"]), tuple(bounds["short_county_not_before"])

    def refuse(text: str, end: int, word: str) -> bool:
        if word in short:
            start = end - len(word)
            before = text[start - 1] if start else ""
            apart = not _HAN.match(before) or before in short_after or text.endswith(short[word], 0, start)
            return not apart or text.startswith(short_not_before, end)
        after = not_before.get(word[-1])
        return after is not None and text.startswith(after, end) and not word.endswith(area)

    return refuse


_HAN = re.compile(r"[\u4e00-\u9fff]")


def _short_county_owners(table: dict) -> dict[str, tuple[str, ...]]:
    """Each two-character county with the names of its province and prefecture (陕西凤县, 宝鸡市凤县), after
    which it stands apart."""
    names = {canon: (canon, *entry) for canon, entry in table.get("provinces", {}).items()}
    names.update({canon: (canon, *entry["names"]) for canon, entry in table.get("cities", {}).items()})
    return {canon: (*names.get(entry["province"], ()), *names.get(entry.get("city", ""), ()))
            for canon, entry in table.get("short_counties", {}).items()}


@cache
def _lexicon() -> Lexicon:
    """The places of regions.toml with the counties of counties.toml."""
    return build_lexicon({**load("regions"), **load("counties")})


def place_at_start(text: str) -> int:
    """The length of the place word (全国, 全省, 湖北, 苏州市, 东部地区...) that text begins with; 0 if
    none. An area is a place like a province (FACTS.md: places have their own field), but the 地区
    that ends its name opens 地区生产总值 when that follows (长江三角洲地区生产总值: 长江三角洲 + 地区生产总值)."""
    found = _lexicon().word_at(text, 0)
    if not found and (m := _short_before_whole().match(text, 2)) and _lexicon().words.get(m["short"] + m["suffix"]):
        return m.end()  # 云霄全县共签约…: the county and its whole
    if not found or found[1].kind == NOT_PLACE:
        return 0
    end, word = found
    if _port_after().match(text, end) or _port_of_two(text, end):
        return 0  # 武汉港集装箱吞吐量, 宁波舟山港: the port's name
    if word.kind == PLACE and _organization_after().match(text, end):
        return 0  # 山西焦煤集团原煤产量: the firm's name
    b = _boundaries()
    if text.startswith(b["owned_after"], end) and text[end - 1] in b["owned_levels"]:
        return end - 1  # 江西省属国有企业: 省属国有企业, the firms the province owns
    if word.level == AREA and text.startswith(_area_suffix(), end - len(_area_suffix())) \
            and text.startswith(_area_nouns(), end):
        return end - len(_area_suffix())
    return end


def _port_of_two(text: str, end: int) -> bool:
    """Whether a second place right after the first names a port with it (宁波舟山港)."""
    second = _lexicon().word_at(text, end) if end < len(text) else None
    return second is not None and second[1].kind == PLACE and _port_after().match(text, second[0]) is not None


@cache
def _port_after() -> re.Pattern:
    return re.compile(load("regions")["boundaries"]["port_after"])


@cache
def _area_suffix() -> str:
    return load("regions")["boundaries"]["area_suffix"]


@cache
def _area_nouns() -> tuple[str, ...]:
    return tuple(load("regions")["boundaries"]["area_suffix_opens"])


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


def place_words(text: str) -> list[RegionMention]:
    """Every place word of a text, compared or partner ones included (比全省, 与美国): what a figure
    is set against is a place too."""
    return [RegionMention(start, end, w.kind, w.name, w.level) for start, end, w in _lexicon().scan(text)]


def region_at_start(text: str) -> int:
    """The length of the place or area word (湖北, 东部地区, 长三角) that text begins with; 0 if none."""
    found = _lexicon().word_at(text, 0)
    return found[0] if found and found[1].kind == PLACE else 0


def province_of(name: str) -> str | None:
    """The province of a province, city or county (any of its names), or None (an area, a
    country, an unknown word)."""
    word = _lexicon().words.get(name)
    if word is None or word.kind != PLACE or word.name is None:
        return None
    return _lexicon().provinces.get(word.name)


def local_region(word: str, kind: str, province: str | None, city: str | None) -> str | None:
    """What a word for "here" means in an article about `city` (a city, county or district) of
    `province`: 全省 the province; 全市 (全州, 全盟) the city, or the prefecture of a county or district
    (全市平均增速 in a district's release); 全县 the county; 全区 the district in a district's release (outside the
    autonomous regions, whose own word it is), else the province."""
    prefecture = (_lexicon().prefectures or {}).get(city) if city else None
    zone = _zone_end(word) if kind != LOCAL_PROVINCE else ""
    if zone:
        return _zone_of(prefecture or city, zone)  # 市开发区 in 六安's release: 六安市开发区
    return _home_region(word, kind, province, city, prefecture)


def _home_region(word: str, kind: str, province: str | None, city: str | None, prefecture: str | None) -> str | None:
    bounds = _boundaries()
    if kind == LOCAL_PROVINCE:
        district = bounds["district_suffix"]
        if prefecture and city and city.endswith(district) and word.endswith(district) and not _autonomous(province):
            return city
        return province
    if prefecture and word and not word.endswith(bounds["county_suffix"]):
        return prefecture
    return city or (province if province in MUNICIPALITIES else None)


def _zone_end(word: str) -> str:
    """The zone a word for "here" ends in (市开发区 -> 开发区), or ""."""
    return next((z for z in _zone_ends() if word.endswith(z) and len(word) > len(z)), "") if word else ""


def _zone_of(home: str | None, zone: str) -> str | None:
    return home + zone if home else None


@cache
def _zone_ends() -> tuple[str, ...]:
    return tuple(load("regions")["local"]["zone_ends"])


def has_prefecture(place: str | None) -> bool:
    """Whether a place is a county or district, which belongs to a prefecture-level city."""
    return place is not None and place in (_lexicon().prefectures or {})


def _autonomous(province: str | None) -> bool:
    suffix = _boundaries()["district_suffix"]
    return province is not None and province not in MUNICIPALITIES and province.endswith(suffix)


@dataclass(frozen=True)
class _Zones:
    suffix: re.Pattern
    opening: int
    short: tuple[str, ...]
    other_local: tuple[str, ...]
    own_figures: re.Pattern
    city_suffix: str


@cache
def _zones() -> _Zones:
    table = load("regions")["zones"]
    return _Zones(re.compile(table["suffix"]), table["opening"], tuple(table["short"]), tuple(table["other_local"]),
                  re.compile(table["own_figures"]), table["city_suffix"])


ZONE_DOMINANCE = 3  # the zone's short name this many times as often as 全市 or 全省: the zone's article


def article_zone(text: str) -> str | None:
    """The development zone an article reports on (regions.toml [zones]), as written after its
    place (白城经济开发区); None when the article is about no zone."""
    z = _zones()
    own = z.own_figures.search(text) is not None
    others = sum(text.count(word) for word in z.other_local)
    # (全市 said once or twice of the city that ranks or gains from the zone, whose short name fills the article)
    if others and not own and sum(text.count(word) for word in z.short) < ZONE_DOMINANCE * others:
        return None
    for r in find_regions(text[:z.opening]):
        if own and r.kind in (LOCAL_CITY, LOCAL_PROVINCE):
            continue  # 在全市“三大平台”考核中,茂名高新区…: the city that rates the zone
        if r.kind != PLACE:
            return None  # the first place named is no zone's
        m = z.suffix.match(text, r.end)
        if m is None and _organization_after("newspapers").match(text, r.end):
            continue  # (天水网讯…天水市经济技术开发区: a place in the medium's name before the zone)
        if m is None:
            return None
        rest = text[m.end():]
        return _zone_name(text[r.start:r.end], m.group("zone")) if any(word in rest for word in z.short) else None
    return None


def names_zone(text: str, r: RegionMention, zone: str) -> bool:
    """Whether the place mention `r` in `text` is the article's zone (白城 of 白城经济开发区), or a word
    for "here" the zone's article uses (全区)."""
    if r.kind == LOCAL_PROVINCE:
        return True
    m = _zones().suffix.match(text, r.end) if r.kind == PLACE else None
    return m is not None and _zone_name(text[r.start:r.end], m.group("zone")) == zone


def _zone_name(place: str, zone: str) -> str:
    """天水市 + 经济技术开发区 -> 天水经济技术开发区: a zone is named after its city without 市."""
    suffix = _zones().city_suffix
    return (place[:-len(suffix)] if place.endswith(suffix) and len(place) > len(suffix) + 1 else place) + zone


def bracketed_before(text: str, r: RegionMention, pos: int) -> bool:
    """Whether the place stands in a bracket that closes before `pos` (16.5%(全国增长4.4%),高于全国…):
    it covers what the bracket holds, not the figures after it."""
    return ")" in text[r.end:pos] and text.rfind("(", 0, r.start) > text.rfind(")", 0, r.start)


def is_place(name: str) -> bool:
    """Whether `name` is the canonical name of a province, city or county (湖北省, not 湖北)."""
    return name in _lexicon().provinces


@cache
def _boundaries() -> dict:
    """The [boundaries] of regions.toml, with its dateline pattern compiled."""
    table = dict(load("regions")["boundaries"])
    table["dateline_after"] = re.compile(table["dateline_after"])
    table["bracketed_value"] = re.compile(table["bracketed_value"])
    table["gloss_list"] = re.compile(table["gloss_list"])
    table["bracketed_figure"] = re.compile(table["bracketed_figure"])
    table["member_superlative"] = re.compile(table["member_superlative"])
    table["listed_value"] = re.compile(table["listed_value"])
    table["heard_from"] = re.compile(table["heard_from"])
    for key in ("list_joiners", "media_before", "national_not_before"):
        table[key] = tuple(table[key])
    return table


def find_regions(text: str, *, newspapers: bool = False) -> list[RegionMention]:
    """Places named as what a figure covers; partners (与美国), comparisons (高于全国) and the places
    in organizations' names are left out, and those in newspapers' names unless `newspapers`."""
    return list(_find_regions(text, newspapers))


@lru_cache(maxsize=TOKEN_CACHE)
def _find_regions(text: str, newspapers: bool) -> tuple[RegionMention, ...]:
    out: list[RegionMention] = []
    skipped_end = -1
    for start, end, word in _lexicon().scan(text):
        if _not_covered(text, start, end, skipped_end, out, word.kind, newspapers):
            skipped_end = end
            continue
        if not _in_a_name(text, start, end, word, newspapers):
            out.append(RegionMention(start, end, word.kind, word.name, word.level))
    if _whole_mark() in text:
        out.extend(_short_names_before_whole(text, out))
    return tuple(sorted(out, key=lambda r: r.start))


@cache
def _whole_mark() -> str:
    return load("regions")["boundaries"]["whole_mark"]


def _short_names_before_whole(text: str, found: list[RegionMention]) -> list[RegionMention]:
    """A county or city named short right before 全县/全市 (云霄全县共签约…): the place in full (云霄县),
    which the lexicon holds only in full where the short name is a common word."""
    out = []
    for m in _short_before_whole().finditer(text):
        word = _lexicon().words.get(m["short"] + m["suffix"])
        if word is not None and word.kind == PLACE and not any(r.start <= m.start("short") < r.end for r in found):
            out.append(RegionMention(m.start("short"), m.end("short"), word.kind, word.name, word.level))
    return out


@cache
def _short_before_whole() -> re.Pattern:
    return re.compile(load("regions")["boundaries"]["short_before_whole"])


GLOSS_REACH = 60  # how far back the bracket of a list of places glossing a name may open


def _not_covered(text: str, start: int, end: int, skipped_end: int, out: list[RegionMention], kind: str,
                 newspapers: bool = False) -> bool:
    """Whether the place at text[start:end] is a partner, a comparison, a ranking, a dateline or
    the end of a medium's name (与美国, 高于全国, 位居全国前列, 北京3月15日电, 新华社北京); with
    `newspapers`, a local paper's own dateline (本报济南8月20日讯) names its place."""
    if skipped_end == start:
        return True  # 对我国香港地区: a place right after a skipped one is part of its name
    b = _boundaries()
    if b["gloss_list"].search(text, max(0, start - GLOSS_REACH), start) and not b["bracketed_figure"].match(text, end):
        return True  # 北部湾港(钦州、北海、防城港): places glossing a name
    before = text[max(0, start - 4):start]
    if before.endswith(b["list_separator"]) and (
            skipped_end == start - 1
            or (skipped_end >= 0 and b["bracketed_value"].fullmatch(text, skipped_end, start - 1) is not None)):
        return True  # listed after a partner
    # 广东、江苏和山东: 和 after a place covered goes on with its list, not to a partner
    if (_not_before().search(before) and not (before.endswith(b["list_joiners"]) and _listed_after(text, start, out, b))
            and not b["heard_from"].match(text, end)):
        return True
    return bool(_filed_from(text, start, end, before, b, newspapers)
                or (_ranked_at(text, end) and not (kind == PLACE and b["member_superlative"].match(text, end))))


def _listed_after(text: str, start: int, out: list[RegionMention], b: dict) -> bool:
    """Whether the place after 和 goes on with a list of places covered: right after the last one, or
    after its bracketed value (宁夏(16.4%)、…和山东(2.7%)) or its own figure (安徽降低21.03%和广东降20.94%)."""
    if not out or out[-1].kind != PLACE:
        return False
    return (out[-1].end == start - 1 or b["bracketed_value"].fullmatch(text, out[-1].end, start - 1) is not None
            or b["listed_value"].fullmatch(text, out[-1].end, start - 1) is not None)


def _filed_from(text: str, start: int, end: int, before: str, b: dict, newspapers: bool) -> bool:
    """Whether the place ends a medium's name or opens a dateline (新华社北京, 北京3月15日电); with
    `newspapers`, a local paper's own dateline (本报济南8月20日讯, outside the capital the national
    papers file from) is its place."""
    if newspapers and before.endswith(b["own_paper"]) and text[start:end] not in b["own_paper_not"]:
        return False
    return bool(before.endswith(b["media_before"]) or b["dateline_after"].match(text, end, end + 8))


def _in_a_name(text: str, start: int, end: int, word: _Word, newspapers: bool) -> bool:
    """Whether the place opens a bank's, an organization's or (unless `newspapers`) a newspaper's name."""
    b = _boundaries()
    if (word.kind == NATIONAL and text[start:end] == b["national_word"]
            and text.startswith(b["national_not_before"], end)):
        return True
    if word.kind != PLACE:
        return False
    gate, reach = _organization_gate()
    if gate is not None and gate.search(text, end, end + reach) is None:
        return False  # no suffix of a name within reach: most places
    return bool(_organization_after().match(text, end)
                or (not newspapers and _organization_after("newspapers").match(text, end)))


@cache
def _organization_gate() -> tuple[re.Pattern | None, int]:
    """A scan for the suffixes of both kinds of names, and how far after a place a name may end."""
    return match_gate(_organization_after(), _organization_after("newspapers"))


@cache
def _ranked_gate() -> tuple[re.Pattern | None, int]:
    return match_gate(_ranked_after())


def _ranked_at(text: str, end: int) -> bool:
    """Whether a ranking follows the place ending at `end` (位居全国前列): scanned for its words first."""
    gate, reach = _ranked_gate()
    if gate is not None and gate.search(text, end, end + reach) is None:
        return False
    return _ranked_after().match(text, end) is not None


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
    below_nation: bool = False    # it compares its figures with the nation's (高于全国4.3个百分点)
    local_word: str = ""          # its last word for "here" of the province's kind (全省, or 全区)
    local_city_word: str = ""     # its last word for "here" of the city's kind (全市, 全县, 我州)
    provinces: int = 0            # how many provinces it names, itself or by a city of theirs


def place_profile(text: str, header: str = "", host: str | None = None) -> PlaceProfile:
    """`host` is the province or city of the page's url (hosts.host_place), the weakest evidence:
    the article's place only when neither the text nor the header names one, not even in a
    newspaper's name."""
    provinces: Counter[str] = Counter()
    cities: Counter[str] = Counter()
    kinds: set[str] = set()
    offset = len(header) + 1
    full = header + "\n" + text
    local_word = local_city_word = ""
    for r in find_regions(full):
        if not _count_place(r, provinces, cities) and r.start >= offset:
            kinds.add(r.kind)
            if r.kind == LOCAL_PROVINCE:
                local_word = full[r.start:r.end]
            elif r.kind == LOCAL_CITY:
                local_city_word = full[r.start:r.end]
    _count_title_places(full, offset, provinces, cities)
    named = max(_most_named(provinces)[1], _most_named(cities)[1])
    if not provinces and not cities and (LOCAL_PROVINCE in kinds or LOCAL_CITY in kinds):
        # Only a newspaper names a place (四川日报 … 全省): it tells which province 全省 is, but
        # the article is not "about" it for naming it (named stays 0). It outweighs the host.
        for r in find_regions(full, newspapers=True):
            _count_place(r, provinces, cities)
    province, city = _article_places(*_province_and_city(provinces, cities, kinds), host)
    city = _prefecture_of_here(local_city_word, cities, city)
    if province is None and city is None and (LOCAL_PROVINCE in kinds or LOCAL_CITY in kinds):
        province = _compared_province(text)
    return PlaceProfile(province, city, LOCAL_PROVINCE in kinds, LOCAL_CITY in kinds, NATIONAL in kinds, named,
                        _compares_with_nation(full, offset), local_word, local_city_word,
                        _provinces_named(provinces, cities))


TITLE_LINE_MAX = 40  # a first line this short is the page's title or its issuer (江口县统计局)


def _count_title_places(full: str, offset: int, provinces: Counter[str], cities: Counter[str]) -> None:
    """A place in the text's first line, when that line is a title or an issuer (江口县统计局), counts twice."""
    end = full.find("\n", offset)
    if end < 0 or end - offset > TITLE_LINE_MAX:
        return
    for r in find_regions(full[offset:end]):
        _count_place(r, provinces, cities)


def _provinces_named(provinces: Counter[str], cities: Counter[str]) -> int:
    """How many provinces the places named lie in."""
    return len(set(provinces) | {province_of(c) for c in cities})


def _prefecture_of_here(word: str, cities: Counter[str], city: str | None) -> str | None:
    """The autonomous prefecture an article that says 全州 names, if it names one (博尔塔拉蒙古自治州 of 博州),
    else `city`."""
    table = load("regions")["local"]
    if word not in table["prefecture_words"]:
        return city
    return next((c for c, _ in cities.most_common() if c.endswith(table["prefecture_suffix"])), city)


def _compares_with_nation(full: str, offset: int) -> bool:
    """Whether the text (full[offset:]) sets a figure against the nation's (高于全国, 比全国高): what it
    reports is a part of the nation, not the nation. The words of the whole are those found for the
    profile (no word spans the line break before the text, so those after it are the text's own)."""
    before = _compared_before()
    for start, _end, word in _lexicon().scan(full):
        if start >= offset and word.kind == NATIONAL and full[max(offset, start - 2):start].endswith(before):
            return True
    return False


def _compared_province(text: str) -> str | None:
    """The one province of the cities a text compares itself with (分别高于全省(4.9%)、金华(5.5%)): a
    place that says 全市 and sets its figures against a prefecture is in that prefecture's province.
    A province or a municipality compared with (高于天津) is a peer, not a home."""
    before = _compared_before()
    found = {province_of(w.name) for start, _end, w in _lexicon().scan(text)
             if w.kind == PLACE and w.name and w.level == CITY and w.name not in MUNICIPALITIES
             and _compared_at(text, start, before)}
    found.discard(None)
    return found.pop() if len(found) == 1 else None


def _compared_at(text: str, start: int, before: tuple[str, ...]) -> bool:
    """Whether the place at `start` follows a comparator, directly or after a compared list's separator."""
    head = text[max(0, start - 12):start]
    return head.endswith(before) or (head.endswith(_boundaries()["list_separator"])
                                     and any(word in head for word in before))


@cache
def _compared_before() -> tuple[str, ...]:
    return tuple(words("regions", "compared_before", "words"))


def _count_place(r: RegionMention, provinces: Counter[str], cities: Counter[str]) -> bool:
    """Count a named province, city or county; False for any other place word."""
    if r.kind != PLACE or r.name is None:
        return False
    if r.level == PROVINCE:
        provinces[r.name] += 1
    elif r.level in (CITY, COUNTY):
        cities[r.name] += 1
    else:
        return False
    return True


def _province_and_city(provinces: Counter[str], cities: Counter[str],
                       kinds: set[str] | frozenset[str] = frozenset()) -> tuple[str | None, str | None]:
    """The province and city named most; not a city named once in an article that names its province more
    (新疆…新疆…喀什市城市安全饮水工程…: the province's article), unless the article speaks of 全市 and
    never of 全省 (乌鲁木齐市统计局 … 国家统计局新疆调查总队 … 全市: the city's bulletin)."""
    (province, province_count), (city, city_count) = _most_named_province(provinces), _most_named(cities)
    if (city and province and province_of(city) == province and province_count > city_count == 1
            and not (LOCAL_CITY in kinds and LOCAL_PROVINCE not in kinds)):
        city = None
    return province, city


def _most_named(counts: Counter[str]) -> tuple[str | None, int]:
    return counts.most_common(1)[0] if counts else (None, 0)


def _most_named_province(counts: Counter[str]) -> tuple[str | None, int]:
    """The province named most, and how often; none when another is named more than once and at
    least half as often (浙江绿源 three times, 江苏新日 twice, in a page on motorcycle makers: no
    province is the page's)."""
    top = counts.most_common(2)
    if len(top) == 2 and top[1][1] >= TIE_MENTIONS and top[0][1] < 2 * top[1][1]:
        return None, top[0][1]
    return _most_named(counts)


TIE_MENTIONS = 2


def _article_places(province: str | None, city: str | None, host: str | None) -> tuple[str | None, str | None]:
    """The article's (province, city) from the ones it names most, else from the host; a city
    brings its province, a municipality is its own city."""
    if province is None and city is None and host is not None:
        province = province_of(host)
        city = host if host != province else None
    elif city is None and host is not None and host != province and province_of(host) == province:
        city = host  # 根据广东省…核算结果,我市… on heyuan.gov.cn: the province named, the host's city within it
    if province is None and city is not None:
        province = province_of(city)
    if city is None and province in MUNICIPALITIES:
        city = province
    return province, city
