"""The place a page's host stands for: tjj.hebei.gov.cn is 河北省, www.sz.gov.cn 深圳市.

Provincial and city sites often say only 全省 or 全市 and never name their place; the site's
host name does. It is the weakest evidence of an article's place (regions.place_profile takes
it only when the text and title name none), so the table (rules/hosts.toml) holds only labels
that stand for one place: full pinyin names in any label, and the short labels governments use
under .gov.cn, where only the registrant's label (the one before gov.cn) counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from urllib.parse import urlsplit

from zhibiao.errors import RulesError
from zhibiao.extract.regions import is_place, province_of
from zhibiao.rules import load

GOV_CN = ("gov", "cn")
_SECTIONS = {"names", "gov_cn", "media", "portals"}
_PLACE_SECTIONS = ("gov_cn", "names", "media")
_LABEL = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?")
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*://")


@dataclass(frozen=True)
class HostTable:
    names: dict[str, str]   # full pinyin label -> canonical place, in any label of a host
    gov_cn: dict[str, str]  # label right before .gov.cn -> canonical place (names included)
    portals: tuple[tuple[str, ...], ...] = ()  # national portals' domains, as labels
    editions: dict[str, str] | None = None     # a portal's provincial edition label -> province


def build_host_table(table: dict) -> HostTable:
    """The lookup of a parsed hosts table; RulesError for an unknown section or place, a label
    that is no lower-case host label, or a label given to two places."""
    if set(table) != _SECTIONS:
        raise RulesError("hosts", f"needs exactly the sections {sorted(_SECTIONS)}, has {sorted(table)}")
    owner: dict[str, str] = {}
    for section in _PLACE_SECTIONS:
        for place, labels in table[section].items():
            _check_place(section, place, labels, owner)
    names = {label: place for place, labels in table["names"].items() for label in labels}
    media = {label: place for place, labels in table["media"].items() for label in labels}
    short = {label: place for place, labels in table["gov_cn"].items() for label in labels}
    portals = tuple(tuple(domain.split(".")) for domain in table["portals"]["domains"])
    editions = {label: place for label, place in {**short, **names}.items() if province_of(place) == place}
    return HostTable({**names, **media}, {**names, **short}, portals, editions)


def _check_place(section: str, place: str, labels, owner: dict[str, str]) -> None:
    """RulesError unless `place` is canonical and its labels are host labels no other place has."""
    if not is_place(place):
        raise RulesError("hosts", f"[{section}] {place!r} is no canonical place of regions.toml")
    if not isinstance(labels, list):
        raise RulesError("hosts", f"[{section}] {place!r}: labels must be a list")
    for label in labels:
        if not isinstance(label, str) or not _LABEL.fullmatch(label):
            raise RulesError("hosts", f"[{section}] {place!r}: {label!r} is no lower-case host label")
        if owner.get(label, place) != place:
            raise RulesError("hosts", f"{label!r} is given to {owner[label]!r} and to {place!r}")
        owner[label] = place


HOST_CACHE = 1024  # the hosts of a corpus's documents


@cache
def _table() -> HostTable:
    return build_host_table(load("hosts"))


@lru_cache(maxsize=HOST_CACHE)
def host_labels(url: str | None) -> tuple[str, ...]:
    """The labels of a url's host, lower case, without port or trailing dot; () when there is
    none (no url, a path, garbage). A url without a scheme (tjj.hebei.gov.cn/x) has a host too."""
    if not isinstance(url, str) or not url.strip():
        return ()
    url = url.strip()
    if not _SCHEME.match(url) and not url.startswith("//"):
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:  # an unbalanced [ in the netloc
        return ()
    if not host:
        return ()
    return tuple(host.rstrip(".").split("."))


@lru_cache(maxsize=HOST_CACHE)
def host_place(url: str | None) -> str | None:
    """The canonical province or city a page's host stands for, or None (no such label, a
    national host, two places that disagree)."""
    labels = host_labels(url)
    table = _table()
    if labels[-2:] == GOV_CN:
        return table.gov_cn.get(labels[-3]) if len(labels) > 2 else None
    for portal in table.portals:
        if len(labels) > len(portal) and labels[-len(portal):] == portal:
            # ah.sina.com.cn, sc.people.com.cn: a national portal's provincial edition
            return (table.editions or {}).get(labels[-len(portal) - 1])
    return _most_specific({table.names[label] for label in labels if label in table.names})


def government_place(url: str | None) -> str | None:
    """The place of a government's own site (tj.jiangsu.gov.cn), None for any other host: a page of
    it that names no place at all, not even the nation (a bare table), is its place's."""
    return host_place(url) if host_labels(url)[-2:] == GOV_CN else None


def _most_specific(places: set[str]) -> str | None:
    """The one place, or a city with its own province (wuhan.hubei…: 武汉市); None when they
    disagree (hunan.hubei…)."""
    if len(places) == 1:
        return next(iter(places))
    cities = [p for p in places if province_of(p) != p]
    if len(cities) == 1 and places - {cities[0]} == {province_of(cities[0])}:
        return cities[0]
    return None
