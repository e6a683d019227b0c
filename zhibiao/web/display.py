"""How series are presented: display units (亿元, 万户, 个), catalogue groups, frequencies, and the
provinces of the map. The knowledge is in zhibiao/rules/display.toml and zhibiao/rules/regions.toml;
values stay canonical in the store and are scaled only here."""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from importlib import resources

from zhibiao import rules

GEOJSON = "geo/china-provinces.json"
OTHER_GROUP = "其他 Other"


@cache
def _table() -> dict:
    return rules.load("display")


def unit(indicator_id: str | None, measure: str | None, canonical: str | None) -> dict | None:
    """The display unit and divisor of a level series ({"unit": "亿元", "scale": 1e8}), or None when the
    canonical unit is shown as it is (rates in %, changes in pp)."""
    if measure not in (None, "level"):
        return None
    table = _table()
    if indicator_id and indicator_id in table["indicators"]:
        found = table["indicators"][indicator_id]
    elif canonical in table["units"]:
        found = table["units"][canonical]
    else:
        return None
    return {"unit": found["unit"], "scale": float(found["scale"])}


def group(indicator) -> str:
    """The catalogue group of an indicator: its own `group` field when the catalogue has one."""
    own = getattr(indicator, "group", None)
    return own or _table()["groups"].get(indicator.id, OTHER_GROUP)


def definition(indicator) -> str | None:
    """The catalogue's definition of an indicator (指标解释), when it has one."""
    return getattr(indicator, "definition", None) or None


def frequency(period_types: Counter) -> tuple[str | None, str]:
    """The period type a series is mostly observed at and how that reads (月度 monthly …).

    Months, quarters, halves and years count before dates and other spans, which are what a briefing
    states now and then rather than a release schedule.
    """
    regular = Counter({t: n for t, n in period_types.items() if t in ("M", "Q", "H", "Y", "YTD")})
    counts = regular or period_types
    if not counts:
        return None, "—"
    kind = counts.most_common(1)[0][0]
    return kind, _table()["frequencies"].get(kind, kind)


def frequency_names() -> list[str]:
    """The frequencies as they read, most frequent observation first (月度 … 不定期)."""
    return list(_table()["frequencies"].values())


@cache
def provinces() -> dict[str, str]:
    """Each province-level region's canonical name (广东省) and its name on the shipped map (广东)."""
    raw = resources.files("zhibiao.web").joinpath("static", GEOJSON).read_text("utf-8")
    names = [f["properties"]["name"] for f in json.loads(raw)["features"]]
    out = {}
    for full in rules.load("regions")["provinces"]:
        short = next((n for n in names if full.startswith(n)), None)
        if short:
            out[full] = short
    return out
