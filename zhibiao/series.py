"""Facts -> series: periods classified, implied facts derived, cells with sources and conflicts.

A *cell* is one indicator (or, for facts the catalogue does not know, one subject) with one
measure, basis, unit, period, region and modality. Every fact stating that cell is a source. Sources
are counted by *story* (documents that are reposts of one another share a story id,
see zhibiao.stories) and by copy (document). A cell is in *conflict* when two independent stories
give values that disagree, when a copy of a story changed a number its story states, or when a
value derived from a stated change disagrees with a value stated outright.

A figure the statistics bureau has since revised is not a conflict but an earlier *vintage*: when
a cell holds figures marked with a revision stage (初步核算, 初步核实, 最终核实, 修订后;
zhibiao.extract.vintages), the latest marked figure by publication date speaks for the cell and the
figures published before it are its *history*, as ALFRED keeps vintages.

Series are kept apart by what their figures compare with (`comparison`): growth year on year, month
on month, over a written year's period (比2019年同期), two-year averages; changes in points against
the previous period, the same period a year before, the whole previous year, another subject; and
the size of a revision (比修订前提高0.2个百分点), which is no change in growth at all.

Everything here works on plain records (dicts) so that it can be tested without a database;
zhibiao.store feeds it rows and turns the results into DataFrames.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from zhibiao.derive import DerivedFact, changed_quantity, derive_facts  # noqa: F401 (re-exported)
from zhibiao.extract.vintages import stages
from zhibiao.period import PERIOD_TYPES as PERIOD_TYPES
from zhibiao.period import Basis, Period, classify_period, is_period
from zhibiao.period import period_sort_key as period_sort_key
from zhibiao.period import period_span as period_span

# How far two stated values may be apart and still say the same thing. Percent and percentage-point
# figures are printed to one decimal, so 0.05 separates 6.0 from 6.1 but not 6 from 6.0; levels are
# compared relatively (425.1万个 and 425万个 agree). A derived value carries the rounding of two
# printed figures, hence the wider tolerance against it. `approx` (约, 左右) widens to 2%.
POINT_TOLERANCE = 0.05
DERIVED_POINT_TOLERANCE = 0.1 + 1e-9
LEVEL_TOLERANCE = 0.005
APPROX_TOLERANCE = 0.02
POINT_UNITS = ("%", "pp")

# ---------------------------------------------------------------------------------------------
# Comparisons: what a series compares with

# The comparison families a chart or a check keeps apart, with their labels (Chinese, English).
COMPARISONS = {
    "yoy": ("同比", "year on year"),
    "mom": ("环比", "on the previous period"),
    "avg2y": ("两年平均", "two-year average"),
    "base_year": ("比基年同期", "over a base year's period"),
    "vs_previous_period": ("较上期", "vs previous period"),
    "vs_earlier_period": ("较年内前期", "vs an earlier period of the year"),
    "vs_same_period_last_year": ("较上年同期", "vs same period last year"),
    "vs_previous_year": ("较上年", "vs previous year"),
    "vs_year_end": ("较上年末", "vs last year-end"),
    "vs_other": ("较其他对象", "vs another subject"),
    "revision": ("修订幅度", "size of a revision"),
}
REVISION_KINDS = ("revision",)


# A growth_change basis naming the figure before a revision: the change is the revision's size.
_REVISION_BASES = ("修订前", "调整前", "初步核算", "初步核实")


def comparison(measure: str | None, basis: str | None, period: str | None, vintage: str | None = None) -> str | None:
    """The comparison family of a fact: which series of its indicator and measure it belongs to.

    Growth: ``yoy`` (also when no basis is stated), ``mom``, ``avg2y`` (两年平均) or ``base_year:2019``
    (比2019年同期增长). A change in points: ``revision`` (against the value before a revision),
    ``vs_previous_period`` (二季度较一季度), ``vs_same_period_last_year``, ``vs_previous_year`` (the
    whole year before, or a year against the year before), ``vs_earlier_period`` (上半年较一季度),
    ``vs_year_end`` or ``vs_other`` (another subject or place: 快于全省). Other measures: None.
    """
    if measure == "growth":
        return _growth_comparison(basis)
    if measure != "growth_change":
        return None
    if vintage in REVISION_KINDS or (basis or "").endswith(_REVISION_BASES):
        return "revision"
    parsed = Basis.parse(basis)
    if parsed is None or parsed.kind != "vs" or parsed.target is None:
        return "vs_other"
    return _change_comparison(parsed.target, period)


def _growth_comparison(basis: str | None) -> str:
    """yoy, mom, avg2y, the year of a written base period (base_year:2019), or vs_other."""
    if basis in (None, "yoy"):
        return "yoy"
    assert basis is not None
    if basis in ("mom", "avg2y"):
        return basis
    parsed = Basis.parse(basis)
    target = parsed.target if parsed and parsed.kind == "vs" and parsed.target is not None else basis
    if target[:4].isdigit() and is_period(target):
        return f"base_year:{target[:4]}"
    return "vs_other"


def _change_comparison(written: str, period: str | None) -> str:
    """The family of a change in points against the period `written` after vs:."""
    target, kind = classify_period(written)
    own, own_kind = classify_period(period)
    if target is None or kind in (None, "range") or own is None:
        return "vs_other"
    if kind == "point":
        return "vs_year_end" if target.endswith("-12-31") else "vs_earlier_period"
    return _period_relation(target, kind, own, own_kind)


def _canonical(period: Period | None) -> str | None:
    return str(period.canonical()) if period else None


def _period_relation(target: str, kind: str, own: str, own_kind: str | None) -> str:
    """How the period compared with (`target`, canonical) relates to the figure's own period."""
    mine = Period.parse(own)
    if target == _canonical(mine.shift(-1) if mine else None):
        return "vs_previous_year" if own_kind == "Y" else "vs_same_period_last_year"
    if kind == "Y" and target[:4].isdigit() and own[:4].isdigit() and int(target) == int(own[:4]) - 1:
        return "vs_previous_year"
    if target == _canonical(mine.previous() if mine else None):
        return "vs_previous_period"
    if target[:4] == own[:4]:
        return "vs_earlier_period"
    return "vs_other"


def comparison_label(family: str | None) -> str:
    """``同比 year on year``, ``比2019年同期 over 2019's same period`` …"""
    if not family:
        return ""
    if family.startswith("base_year:"):
        year = family.split(":", 1)[1]
        return f"比{year}年同期 over {year}'s same period"
    zh, en = COMPARISONS.get(family, (family, ""))
    return f"{zh} {en}".strip()


# ---------------------------------------------------------------------------------------------
# Cells: sources, best source, vintages, conflicts

CELL_FIELDS = ("key", "measure", "basis", "unit", "period_key", "region", "modality")


def agree(a: dict, b: dict) -> bool:
    """Whether two fact rows state the same value, allowing for rounding, qualifiers and ranges."""
    derived = bool(a.get("derived")) or bool(b.get("derived"))
    va, vb = float(a["value"]), float(b["value"])
    if a.get("unit") in POINT_UNITS:
        tol = DERIVED_POINT_TOLERANCE if derived else POINT_TOLERANCE
    else:
        tol = LEVEL_TOLERANCE * max(abs(va), abs(vb))
    if "approx" in (a.get("qualifier"), b.get("qualifier")):
        tol = max(tol, APPROX_TOLERANCE * max(abs(va), abs(vb)))
    if abs(va - vb) <= tol:
        return True
    for x, y in ((a, b), (b, a)):
        lo, hi = float(x["value"]), _maybe_float(x.get("value_max"))
        vy = float(y["value"])
        if hi is not None and lo - tol <= vy <= hi + tol:
            return True
        if x.get("qualifier") == "at_least" and vy >= lo - tol and y.get("qualifier") != "at_most":
            return True
        if x.get("qualifier") == "at_most" and vy <= lo + tol and y.get("qualifier") != "at_least":
            return True
    return False


def _maybe_float(v) -> float | None:
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        return None
    return None if f != f else f  # NaN from a DataFrame means "none"


def _published_ordinal(row: dict) -> int:
    d = row.get("published")
    if isinstance(d, date):
        return d.toordinal()
    if d is None or d != d:  # None or NaT
        return 0
    try:
        return d.date().toordinal()  # pandas Timestamp
    except AttributeError:
        return 0


def _copy_rank(row: dict) -> tuple:
    """Within a story the original (first published) copy speaks for it."""
    published = _published_ordinal(row) or 10**9
    return (published, str(row["doc"]), int(row.get("seq") or 0))


def _voice_rank(row: dict) -> tuple:
    """Across stories: stated before derived, exact before approximate, newest first (a revision
    supersedes a preliminary figure), then by document id for a stable order."""
    return (bool(row.get("derived")), row.get("qualifier") != "exact", -_published_ordinal(row),
            str(row["doc"]), int(row.get("seq") or 0))


@lru_cache(maxsize=1)
def _stage_order() -> dict[str, int]:
    return {name: n for n, name in enumerate(stages())}


def _vintage_rank(row: dict) -> tuple:
    """The latest vintage: published last, then the later stage (修订后 after 最终核实)."""
    return (_published_ordinal(row), _stage_order().get(row.get("vintage") or "", -1))


def is_vintage(row: dict) -> bool:
    """Whether a fact row states a figure as one stage of its publication (初步核算 … 修订后)."""
    return (row.get("vintage") or "") in _stage_order() or row.get("vintage") == "pre_revision"


@dataclass(frozen=True)
class Cell:
    """One series cell: its best source (the latest vintage when figures were revised), how many
    stories and copies agree, the dissent, earlier vintages, and copies that changed a number."""

    best: dict
    stories: int
    copies: int
    dissent: tuple[dict, ...]
    all_stories: int
    history: tuple[dict, ...] = ()
    copy_dissent: tuple[dict, ...] = ()

    @property
    def conflict(self) -> bool:
        return bool(self.dissent) or bool(self.copy_dissent)


def summarize(rows: list[dict]) -> Cell:
    """Reduce the fact rows of one cell (each with at least doc, seq, story, value, unit,
    qualifier, derived, published; optionally vintage) to a Cell."""
    voices: dict[tuple, dict] = {}
    for row in sorted(rows, key=_copy_rank):
        voices.setdefault((row["story"], bool(row.get("derived"))), row)
    ranked = sorted(voices.values(), key=_voice_rank)
    stated_vintages = [v for v in ranked if is_vintage(v) and not v.get("derived")]
    best = max(stated_vintages, key=_vintage_rank) if stated_vintages else ranked[0]
    agreeing = [r for r in rows if agree(r, best) and bool(r.get("derived")) == bool(best.get("derived"))]
    dissent, history = _dissent_and_history(ranked, best, bool(stated_vintages))
    copy_dissent = [row for voice in voices.values() for row in rows if _changed_copy(row, voice, history)]
    history.sort(key=_vintage_rank)
    all_stories = len({r["story"] for r in rows})
    return Cell(best, len({r["story"] for r in agreeing}), len({r["doc"] for r in agreeing}),
                tuple(dissent), all_stories, tuple(history), tuple(_unique(copy_dissent)))


def _dissent_and_history(ranked: list[dict], best: dict, revised: bool) -> tuple[list[dict], list[dict]]:
    """The voices that disagree with `best`, and (when the cell holds marked vintages, `revised`)
    the earlier vintages: figures marked with a stage, or published before the revision."""
    dissent, history = [], []
    for voice in ranked:
        if voice is best:
            continue
        if revised and not voice.get("derived") and (
                is_vintage(voice) or _published_ordinal(voice) < _published_ordinal(best)):
            history.append(voice)
        elif not agree(voice, best) and _dissents(voice, best):
            dissent.append(voice)
    return dissent, history


def _dissents(voice: dict, best: dict) -> bool:
    """A disagreeing voice is dissent when it is another story, or checks a derivation (a stated
    value against a derived one)."""
    independent = voice["story"] != best["story"]
    checks_derivation = bool(voice.get("derived")) != bool(best.get("derived"))
    return independent or checks_derivation


def _changed_copy(row: dict, voice: dict, history: list[dict]) -> bool:
    """Whether `row` is a copy of `voice`'s story that changed its number (an earlier vintage is none)."""
    return (row["story"] == voice["story"] and row["doc"] != voice["doc"]
            and bool(row.get("derived")) == bool(voice.get("derived")) and not agree(row, voice)
            and not any(row is h for h in history))


def _unique(rows: list[dict]) -> list[dict]:
    seen, out = set(), []
    for row in rows:
        key = (row["doc"], row.get("seq"))
        if key not in seen:
            seen.add(key)
            out.append(row)
    return out


def cells(rows: Iterable[dict]) -> dict[tuple, Cell]:
    """Group fact rows into cells (keyed by CELL_FIELDS) and summarize each."""
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[tuple(row.get(f) for f in CELL_FIELDS)].append(row)
    return {key: summarize(group) for key, group in groups.items()}


def describe_dissent(cell: Cell) -> str:
    """The conflict marker: the other values and where they come from."""
    parts = []
    for voice in cell.dissent:
        tag = " derived" if voice.get("derived") else ""
        parts.append(f"{float(voice['value']):g}{tag} ({voice['doc']})")
    for copy in cell.copy_dissent:
        parts.append(f"{float(copy['value']):g} copy ({copy['doc']})")
    return "≠ " + ", ".join(parts) if parts else ""


def describe_history(cell: Cell) -> str:
    """Earlier vintages, oldest first: ``5.2 preliminary (nbs-2023-annual, 2024-01-17)``."""
    parts = []
    for row in cell.history:
        published = row.get("published")
        when = f", {published}" if published else ""
        parts.append(f"{float(row['value']):g} {row.get('vintage') or 'earlier'} ({row['doc']}{when})")
    return "; ".join(parts)


def history_records(cell: Cell) -> list[dict]:
    """Earlier vintages as plain records (value, vintage, document, fact number, date, quote)."""
    return [{"value": float(r["value"]), "unit": r.get("unit"), "qualifier": r.get("qualifier"),
             "vintage": r.get("vintage"), "doc": r["doc"], "seq": int(r.get("seq") or 0),
             "published": r.get("published"), "quote": r.get("quote")} for r in cell.history]
