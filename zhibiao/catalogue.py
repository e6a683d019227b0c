"""The indicator catalogue: canonical indicators, their Chinese aliases, and linking facts to them.

The data is `zhibiao/rules/indicators.toml`; this module loads it once, validates it (every
indicator has an id, an English name, a known default measure and a unit, and at least one alias;
no alias is empty or claimed by two indicators after normalisation) and links facts by subject.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache

from zhibiao import rules
from zhibiao.errors import RulesError
from zhibiao.models import MEASURES, Fact

TABLE = "indicators"
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

    def accepts_level_unit(self, unit: str) -> bool:
        return self.level_units is None or unit in self.level_units


class Catalogue:
    """Indicators by id and by normalised alias."""

    def __init__(self, indicators: Iterable[Indicator]):
        self.indicators: tuple[Indicator, ...] = tuple(indicators)
        self.by_id = {i.id: i for i in self.indicators}
        self.by_alias: dict[str, Indicator] = {}
        for indicator in self.indicators:
            for alias in indicator.aliases:
                self.by_alias[subject_key(alias)] = indicator

    def __iter__(self):
        return iter(self.indicators)

    def __len__(self) -> int:
        return len(self.indicators)

    def get(self, id_or_alias: str) -> Indicator | None:
        """The indicator with this id, or the one this alias (any spelling subject_key accepts) names."""
        return self.by_id.get(id_or_alias) or self.by_alias.get(subject_key(id_or_alias))

    def match(self, subject: str) -> Indicator | None:
        return self.by_alias.get(subject_key(subject))

    def link(self, facts: list[Fact]) -> list[str | None]:
        """The indicator id for each fact of one document (None where no indicator matches).

        A subject matches by its normalised alias. A level in a unit the indicator cannot have
        (出口60.5万辆 against exports in CNY/USD) unlinks that fact and every fact stated with the same
        subject in the same sentence, so the growth of vehicle exports is not taken for export growth.
        """
        ids: list[str | None] = [None] * len(facts)
        vetoed: set[tuple[str, str]] = set()
        matches: list[Indicator | None] = []
        for fact in facts:
            indicator = self.match(fact.subject)
            matches.append(indicator)
            if indicator is not None and fact.measure == "level" and not indicator.accepts_level_unit(fact.unit):
                vetoed.add((fact.subject, fact.quote))
        for n, (fact, indicator) in enumerate(zip(facts, matches, strict=True)):
            if indicator is not None and (fact.subject, fact.quote) not in vetoed:
                ids[n] = indicator.id
        return ids

    @property
    def fingerprint(self) -> str:
        """A short hash of the catalogue, stored with the database to notice a changed catalogue."""
        h = hashlib.sha256()
        for i in self.indicators:
            h.update(repr((i.id, i.aliases, i.level_units)).encode("utf-8"))
        return h.hexdigest()[:16]


@cache
def load_catalogue() -> Catalogue:
    """The shipped catalogue, validated."""
    return parse_catalogue(rules.load(TABLE))


def parse_catalogue(table: dict) -> Catalogue:
    """Build a Catalogue from a parsed TOML table; raise RulesError naming the first problem."""
    indicators = []
    owner: dict[str, str] = {}
    for ident, entry in table.items():
        if not _ID.match(ident):
            raise RulesError(TABLE, f"indicator id {ident!r} is not lower_snake_case ASCII")
        if not isinstance(entry, dict):
            raise RulesError(TABLE, f"{ident}: expected a table")
        for field in ("name_en", "measure", "unit", "aliases"):
            if not entry.get(field):
                raise RulesError(TABLE, f"{ident}: missing {field}")
        unknown = set(entry) - {"name_en", "measure", "unit", "aliases", "level_units"}
        if unknown:
            raise RulesError(TABLE, f"{ident}: unknown field(s) {', '.join(sorted(unknown))}")
        if entry["measure"] not in MEASURES:
            raise RulesError(TABLE, f"{ident}: unknown measure {entry['measure']!r}")
        aliases = entry["aliases"]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise RulesError(TABLE, f"{ident}: aliases must be non-empty strings")
        for alias in aliases:
            key = subject_key(alias)
            if not key:
                raise RulesError(TABLE, f"{ident}: alias {alias!r} is empty once normalised")
            other = owner.setdefault(key, ident)
            if other != ident:
                raise RulesError(TABLE, f"alias {alias!r} belongs to both {other} and {ident}")
        level_units = entry.get("level_units")
        indicators.append(Indicator(ident, entry["name_en"], aliases[0], entry["measure"], entry["unit"],
                                    tuple(aliases), tuple(level_units) if level_units else None))
    return Catalogue(indicators)
