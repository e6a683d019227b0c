"""Consistency checks: what does not add up within an indicator's series (``zhibiao check``).

An analyst reading a series by hand asks: is a half-year's growth within the range of its two
quarters? Does a stated change agree with the two levels it links? Is a share above 100 %? Does a
monthly series jump without the text saying why? Each check works on series rows (one per cell,
zhibiao.store.queries) and reports what it found with the quotes that state it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from zhibiao.rules import load
from zhibiao.series import POINT_TOLERANCE, period_sort_key

CHECKS = {
    "half_outside_quarters": "half-year growth outside the range of its quarters",
    "change_contradicts_levels": "a stated change contradicts the stated figures it links",
    "share_above_100": "a share above 100 %",
    "unexplained_jump": "a monthly series jumps and the text does not say why",
}
# A jump: consecutive months whose growth differs by more than this many points and by more than
# JUMP_FACTOR times the series' usual month-to-month change (its lower quartile).
JUMP_POINTS = 5.0
JUMP_FACTOR = 4.0
_HALVES = {"H1": ("Q1", "Q2"), "H2": ("Q3", "Q4")}


@dataclass(frozen=True)
class Finding:
    """One thing that does not add up, with the figures (series rows) that show it."""

    check: str
    message: str
    rows: tuple[dict, ...]

    def to_record(self) -> dict:
        first = {k: _none(v) for k, v in self.rows[0].items()}
        return {"check": self.check, "description": CHECKS[self.check], "message": self.message,
                "indicator": first.get("indicator"), "subject": first.get("subject"),
                "measure": first.get("measure"), "region": first.get("region"), "period": first.get("period"),
                "figures": [{"period": r.get("period"), "value": float(r["value"]), "unit": r.get("unit"),
                             "doc": r["doc"], "seq": int(r["seq"]), "quote": r.get("quote")} for r in self.rows]}


def _none(value):
    """None for a missing value read through a DataFrame (NaN)."""
    return None if isinstance(value, float) and value != value else value


@cache
def _explanations() -> tuple[str, ...]:
    return tuple(load("checks")["jump"]["explained_by"])


def _series(rows: list[dict]) -> dict[tuple, list[dict]]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        key = (row.get("indicator") or row.get("subject"), row["measure"], row.get("comparison"), row.get("unit"),
               row.get("region"))
        groups[key].append(row)
    return groups


def half_outside_quarters(rows: list[dict]) -> list[Finding]:
    """A half-year's year-on-year growth must lie between its two quarters' (a weighted mean of them)."""
    found = []
    for (_, measure, comparison, unit, _), series in _series(rows).items():
        if measure != "growth" or comparison != "yoy" or unit != "%":
            continue
        by_period = {r["period"]: r for r in series if not r.get("derived")}
        for period, half in by_period.items():
            quarters = _quarters_of(period, by_period)
            if quarters is None:
                continue
            values = [float(q["value"]) for q in quarters]
            value = float(half["value"])
            if not min(values) - 2 * POINT_TOLERANCE <= value <= max(values) + 2 * POINT_TOLERANCE:
                found.append(Finding("half_outside_quarters",
                                     f"{period} {value:g}% is outside its quarters' {values[0]:g}% and {values[1]:g}%",
                                     (half, *quarters)))
    return found


def _quarters_of(period: str, by_period: dict[str, dict]) -> tuple[dict, dict] | None:
    """The rows of a half-year's two quarters, when `period` is a half-year and both are there."""
    if len(period) != 7 or period[4:5] != "-" or period[5:] not in _HALVES:
        return None
    first, second = (by_period.get(f"{period[:4]}-{q}") for q in _HALVES[period[5:]])
    if first is None or second is None:
        return None
    return first, second


def share_above_100(rows: list[dict]) -> list[Finding]:
    return [Finding("share_above_100", f"{r['period']} share {float(r['value']):g}% is above 100 %", (r,))
            for r in rows if r["measure"] == "share" and r.get("unit") == "%" and float(r["value"]) > 100]


def unexplained_jump(rows: list[dict]) -> list[Finding]:
    """Consecutive months of a growth series far apart, the later quote giving no reason."""
    found = []
    for (_, measure, _, unit, _), series in _series(rows).items():
        if measure == "growth" and unit == "%":
            found += _jumps(_month_pairs(series))
    return found


def _month_pairs(series: list[dict]) -> list[tuple[dict, dict]]:
    """The series' monthly figures, each with the next month's when there is one."""
    months = sorted((r for r in series if r.get("period_type") == "M"), key=lambda r: period_sort_key(r["period"]))
    return [(a, b) for a, b in zip(months, months[1:], strict=False) if _next_month(a["period"]) == b["period"]]


def _jumps(pairs: list[tuple[dict, dict]]) -> list[Finding]:
    """The changes from one month to the next far above the series' usual change, with no reason quoted."""
    if not pairs:
        return []
    changes = sorted(abs(float(b["value"]) - float(a["value"])) for a, b in pairs)
    usual = changes[(len(changes) - 1) // 4]  # the lower quartile: a jump in and out is half the changes
    found = []
    for a, b in pairs:
        change = float(b["value"]) - float(a["value"])
        if abs(change) <= max(JUMP_POINTS, JUMP_FACTOR * usual) or len(pairs) < 2 and abs(change) <= 2 * JUMP_POINTS:
            continue
        if any(word in (b.get("quote") or "") for word in _explanations()):
            continue
        found.append(Finding("unexplained_jump",
                             f"{a['period']} {float(a['value']):g}% -> {b['period']} {float(b['value']):g}% "
                             f"({change:+.1f} points), no reason given", (b, a)))
    return found


def _next_month(period: str) -> str | None:
    try:
        year, month = int(period[:4]), int(period[5:7])
    except ValueError:
        return None
    return f"{year + 1:04d}-01" if month == 12 else f"{year:04d}-{month + 1:02d}"


def check_rows(rows: list[dict], contradictions: Sequence[dict] = ()) -> list[Finding]:
    """Every finding over series rows; `contradictions` are the store's derived-vs-stated conflicts
    (a stated change that, applied to one stated figure, does not give the other)."""
    found = half_outside_quarters(rows) + share_above_100(rows) + unexplained_jump(rows)
    for c in contradictions:
        c = {k: None if isinstance(v, float) and v != v else v for k, v in c.items()}  # NaN from a DataFrame
        stated = {"indicator": c["indicator"], "subject": c["subject"], "measure": c["measure"], "unit": c["unit"],
                  "region": c["region"], "period": c["period"], "value": c["value_a"], "doc": c["doc_a"],
                  "seq": c["seq_a"], "quote": c["quote_a"]}
        implied = dict(stated, value=c["value_b"], doc=c["doc_b"], seq=c["seq_b"], quote=c["quote_b"])
        found.append(Finding("change_contradicts_levels",
                             f"{c['period']}: stated {float(c['value_a']):g}, but {c['derivation']} gives "
                             f"{float(c['value_b']):g}", (stated, implied)))
    found.sort(key=lambda f: (str(f.rows[0].get("indicator") or "~"), str(f.rows[0].get("subject") or ""), f.check,
                              period_sort_key(f.rows[0].get("period"))))
    return found
