"""The indicator catalogue: canonical indicators, their Chinese aliases, and linking facts to them.

The data is `zhibiao/rules/indicators.toml` (the indicators) and `zhibiao/rules/catalogue.toml` (their
groups and the modifiers that scope a programme); this module loads them once, validates them (every
indicator has an id, an English name, a known default measure and a unit, a known group, a definition
and at least one alias; no alias is empty or claimed by two indicators after normalisation) and links
facts by subject: by alias, or by alias once known scope modifiers (国家级, 重点培育, 亿元以上 …) are taken
out, which then become the link's scope.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import combinations

from zhibiao import rules
from zhibiao.errors import RulesError
from zhibiao.models import MEASURES, Fact

TABLE = "indicators"
META_TABLE = "catalogue"
FIELDS = ("name_en", "name_zh", "group", "definition", "measure", "unit", "aliases", "level_units", "implied_scopes")
REQUIRED_FIELDS = ("name_zh", "name_en", "group", "definition", "measure", "unit", "aliases")
_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_DROP = re.compile(r"[\s“”\"'‘’「」『』〝〞]+")
# Scope words a subject may start with that do not change what is measured (the region is its own
# field), and rate words it may end with (the measure is its own field).
_PREFIXES = ("全国", "全省", "全市", "全区", "全县", "全部", "我国", "我省", "我市", "本省", "本市")
_SUFFIXES = ("同比增速", "累计增速", "增速", "增幅")


@lru_cache(maxsize=65536)  # subjects repeat across facts and documents
def subject_key(subject: str) -> str:
    """The form subjects and aliases are compared in: NFKC, no quotes or spaces, without a leading
    scope word (全国, 全省, 我国, 全部 …) or a trailing rate word (增速, 增幅)."""
    key = _DROP.sub("", unicodedata.normalize("NFKC", subject or ""))
    changed = True
    while changed:
        changed = False
        for prefix in _PREFIXES:
            if key.startswith(prefix) and len(key) > len(prefix) + 1:
                key, changed = key[len(prefix):], True
    for suffix in _SUFFIXES:
        if key.endswith(suffix) and len(key) > len(suffix) + 1:
            key = key[: -len(suffix)]
            break
    return key


@dataclass(frozen=True)
class Indicator:
    id: str
    name_en: str
    name_zh: str
    measure: str
    unit: str
    aliases: tuple[str, ...]
    level_units: tuple[str, ...] | None = None
    group: str = ""
    definition: str = ""
    implied_scopes: tuple[str, ...] = ()

    def accepts_level_unit(self, unit: str) -> bool:
        return self.level_units is None or unit in self.level_units


@dataclass(frozen=True)
class Group:
    name: str
    name_en: str
    programme: bool


@dataclass(frozen=True)
class Modifier:
    """A word that scopes a programme (亿元以上, 国家级): `pattern` finds it, `scope` names it (None: as written)."""

    pattern: str
    scope: str | None = None


@dataclass(frozen=True)
class Link:
    """What a subject links to: an indicator and the scope its modifiers select (None: unscoped)."""

    indicator: Indicator | None
    scope: str | None = None


_NO_LINK = Link(None)
_MAX_MODIFIERS = 4  # a subject with more scope words than this is not a programme name


class Catalogue:
    """Indicators by id and by normalised alias, their groups, and the scope modifiers."""

    def __init__(self, indicators: Iterable[Indicator], groups: Iterable[Group] = (),
                 modifiers: Iterable[Modifier] = ()):
        self.indicators: tuple[Indicator, ...] = tuple(indicators)
        self.groups: tuple[Group, ...] = tuple(groups)
        self.modifiers: tuple[Modifier, ...] = tuple(modifiers)
        self.by_id = {i.id: i for i in self.indicators}
        self.by_alias: dict[str, Indicator] = {}
        for indicator in self.indicators:
            for alias in indicator.aliases:
                self.by_alias[subject_key(alias)] = indicator
        self._modifier_re = (re.compile("|".join(f"(?P<m{n}>{m.pattern})" for n, m in enumerate(self.modifiers)))
                             if self.modifiers else None)
        self._resolved: dict[str, Link] = {}

    def __iter__(self):
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def get(self, id_or_alias: str) -> Indicator | None:
        """The indicator with this id, or the one this alias (any spelling subject_key accepts) names."""
        return self.by_id.get(id_or_alias) or self.by_alias.get(subject_key(id_or_alias))

    def match(self, subject: str) -> Indicator | None:
        """The indicator a subject names, by alias or by alias plus scope modifiers."""
        return self.resolve(subject).indicator

    def resolve(self, subject: str) -> Link:
        """The indicator a subject names and the scope its modifiers select.

        An alias wins outright (scope None). Otherwise the scope modifiers found in the subject are
        taken out, fewest first, until what is left is an alias: 招商引资亿元以上签约项目 is
        招商引资签约项目 scoped 亿元以上, 首批重点培育中试平台 is 中试平台 scoped 首批重点培育. Modifiers an
        indicator implies (国家级 of 专精特新“小巨人”企业) select nothing and are dropped from the scope.
        """
        key = subject_key(subject)
        if not key:
            return _NO_LINK
        found = self._resolved.get(key)
        if found is None:
            found = self._resolve(key)
            if len(self._resolved) < 65536:
                self._resolved[key] = found
        return found

    def _resolve(self, key: str) -> Link:
        indicator = self.by_alias.get(key)
        if indicator is not None:
            return Link(indicator)
        if self._modifier_re is None:
            return _NO_LINK
        hits = list(self._modifier_re.finditer(key))
        if not hits or len(hits) > _MAX_MODIFIERS:
            return _NO_LINK
        for size in range(1, len(hits) + 1):
            for chosen in combinations(hits, size):
                rest, at = [], 0
                for m in chosen:
                    rest.append(key[at:m.start()])
                    at = m.end()
                rest.append(key[at:])
                indicator = self.by_alias.get(subject_key("".join(rest)))
                if indicator is None:
                    continue
                scopes = [self._scope_name(m) for m in chosen]
                scope = "".join(s for s in scopes if s not in indicator.implied_scopes)
                return Link(indicator, scope or None)
        return _NO_LINK

    def _scope_name(self, m: re.Match[str]) -> str:
        if m.lastgroup is None:  # every alternative of _modifier_re is a named group, m0, m1 …
            raise ValueError(f"not a modifier's match: {m.group()!r}")
        modifier = self.modifiers[int(m.lastgroup[1:])]
        return modifier.scope or m.group()

    def group(self, name: str) -> Group | None:
        return next((g for g in self.groups if g.name == name), None)

    def by_group(self) -> list[tuple[Group, list[Indicator]]]:
        """The groups in their order, each with its indicators in catalogue order."""
        return [(g, [i for i in self.indicators if i.group == g.name]) for g in self.groups]

    def link(self, facts: list[Fact]) -> list[str | None]:
        """The indicator id for each fact of one document (None where no indicator matches)."""
        return [link.indicator.id if link.indicator else None for link in self.links(facts)]

    def links(self, facts: list[Fact]) -> list[Link]:
        """The indicator and scope of each fact of one document (Link(None) where no indicator matches).

        A subject matches by its normalised alias, or by an alias plus scope modifiers. A level in a
        unit the indicator cannot have (出口60.5万辆 against exports in CNY/USD) unlinks that fact and
        every fact stated with the same subject in the same sentence, so the growth of vehicle exports
        is not taken for export growth.
        """
        vetoed: set[tuple[str, str]] = set()
        matches: list[Link] = []
        for fact in facts:
            link = self.resolve(fact.subject)
            matches.append(link)
            if (link.indicator is not None and fact.measure == "level"
                    and not link.indicator.accepts_level_unit(fact.unit)):
                vetoed.add((fact.subject, fact.quote))
        return [_NO_LINK if link.indicator is None or (fact.subject, fact.quote) in vetoed else link
                for fact, link in zip(facts, matches, strict=True)]

    @property
    def fingerprint(self) -> str:
        """A short hash of the catalogue, stored with the database to notice a changed catalogue."""
        h = hashlib.sha256()
        for i in self.indicators:
            h.update(repr((i.id, i.aliases, i.level_units, i.implied_scopes)).encode("utf-8"))
        h.update(repr(self.modifiers).encode("utf-8"))
        return h.hexdigest()[:16]


@cache
def load_catalogue() -> Catalogue:
    """The shipped catalogue, validated."""
    meta = rules.load(META_TABLE)
    return parse_catalogue(rules.load(TABLE), groups=parse_groups(meta), modifiers=parse_modifiers(meta))


def parse_groups(meta: dict) -> tuple[Group, ...]:
    """The [[group]] entries of catalogue.toml; raise RulesError naming the first problem."""
    groups: list[Group] = []
    for entry in meta.get("group", []):
        if not isinstance(entry, dict) or not entry.get("name") or not entry.get("name_en"):
            raise RulesError(META_TABLE, f"a group needs a name and a name_en: {entry!r}")
        if any(g.name == entry["name"] for g in groups):
            raise RulesError(META_TABLE, f"group {entry['name']!r} is listed twice")
        groups.append(Group(entry["name"], entry["name_en"], bool(entry.get("programme", False))))
    return tuple(groups)


def parse_modifiers(meta: dict) -> tuple[Modifier, ...]:
    """The [[modifier]] entries of catalogue.toml, each a valid regular expression that matches something."""
    modifiers = []
    for entry in meta.get("modifier", []):
        pattern = entry.get("pattern") if isinstance(entry, dict) else None
        if not isinstance(pattern, str) or not pattern:
            raise RulesError(META_TABLE, f"a modifier needs a pattern: {entry!r}")
        try:
            compiled = re.compile(pattern)
        except re.error as e:
            raise RulesError(META_TABLE, f"modifier pattern {pattern!r} is not a regular expression: {e}") from e
        if compiled.groups or compiled.match(""):
            raise RulesError(META_TABLE, f"modifier pattern {pattern!r} must not match nothing or capture a group")
        modifiers.append(Modifier(pattern, entry.get("scope") or None))
    return tuple(modifiers)


def _check_entry(ident: str, entry) -> None:
    """An indicator's id and table: lower_snake_case, every required field given, no unknown one."""
    if not _ID.match(ident):
        raise RulesError(TABLE, f"indicator id {ident!r} is not lower_snake_case ASCII")
    if not isinstance(entry, dict):
        raise RulesError(TABLE, f"{ident}: expected a table")
    for field in REQUIRED_FIELDS:
        value = entry.get(field)
        if not value or (isinstance(value, str) and not value.strip()):
            raise RulesError(TABLE, f"{ident}: missing {field}")
    unknown = set(entry) - set(FIELDS)
    if unknown:
        raise RulesError(TABLE, f"{ident}: unknown field(s) {', '.join(sorted(unknown))}")
    if entry["measure"] not in MEASURES:
        raise RulesError(TABLE, f"{ident}: unknown measure {entry['measure']!r}")


def _aliases(ident: str, entry: dict) -> list[str]:
    """The indicator's aliases, its Chinese name first (an alias too)."""
    aliases = entry["aliases"]
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
        raise RulesError(TABLE, f"{ident}: aliases must be non-empty strings")
    return [entry["name_zh"], *(a for a in aliases if subject_key(a) != subject_key(entry["name_zh"]))]


def _claim(ident: str, aliases: list[str], owner: dict[str, str]) -> None:
    """Record `ident` as the owner of its aliases (normalised); an alias has one owner."""
    for alias in aliases:
        key = subject_key(alias)
        if not key:
            raise RulesError(TABLE, f"{ident}: alias {alias!r} is empty once normalised")
        other = owner.setdefault(key, ident)
        if other != ident:
            raise RulesError(TABLE, f"alias {alias!r} belongs to both {other} and {ident}")


def _implied_scopes(ident: str, entry: dict) -> list[str]:
    implied = entry.get("implied_scopes") or []
    if not isinstance(implied, list) or not all(isinstance(s, str) and s for s in implied):
        raise RulesError(TABLE, f"{ident}: implied_scopes must be non-empty strings")
    return implied


def parse_catalogue(table: dict, *, groups: Iterable[Group] | None = None,
                    modifiers: Iterable[Modifier] = ()) -> Catalogue:
    """Build a Catalogue from a parsed TOML table; raise RulesError naming the first problem.

    `groups` are the known groups (default: the shipped ones); every indicator must name one.
    """
    groups = tuple(load_groups() if groups is None else groups)
    known_groups = {g.name for g in groups}
    indicators = []
    owner: dict[str, str] = {}
    for ident, entry in table.items():
        _check_entry(ident, entry)
        aliases = _aliases(ident, entry)
        _claim(ident, aliases, owner)
        if entry["group"] not in known_groups:
            raise RulesError(TABLE, f"{ident}: unknown group {entry['group']!r} "
                                    f"(known: {', '.join(g.name for g in groups)})")
        level_units = entry.get("level_units")
        implied = _implied_scopes(ident, entry)
        indicators.append(Indicator(ident, entry["name_en"], entry["name_zh"], entry["measure"],
                                    entry["unit"], tuple(aliases), tuple(level_units) if level_units else None,
                                    entry["group"], " ".join(entry["definition"].split()), tuple(implied)))
    return Catalogue(indicators, groups, modifiers)


@cache
def load_groups() -> tuple[Group, ...]:
    return parse_groups(rules.load(META_TABLE))
