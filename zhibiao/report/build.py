"""The briefing written from the store: which figures a period has, the comparisons a reader expects,
and the sentences that state them, filled from the templates of zhibiao/rules/report.toml.

Every number is a Figure with its sources. A figure the store has no source for is left out; a
comparison is made only between two figures of the same measure, basis and unit, and its difference
is computed here (a `computed` figure citing both ends), not copied; where the store only implies the
other end (a `derived` fact), the change the text states is used instead and the implied value marked.
"""

from __future__ import annotations

import string
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

import pandas as pd

from zhibiao import rules
from zhibiao.catalogue import Indicator
from zhibiao.derive import quoted_change
from zhibiao.report import text as T
from zhibiao.report.model import Figure, Paragraph, Report, Section, Sentence, Source
from zhibiao.series import (
    Cell,
    agree,
    classify_period,
    is_period,
    period_sort_key,
    summarize,
)

Part = str | int
CELL = ("indicator", "measure", "basis", "unit", "period", "region", "modality")


class PeriodError(ValueError):
    """A period a briefing cannot be written for (one line, naming it)."""


def parse_period(period: str) -> tuple[str, str]:
    """The canonical period and its type; PeriodError for anything but a year, half, quarter, month
    or year-to-date span."""
    key, kind = classify_period(period)
    try:  # a year the calendar does not have (0000) has no span
        spanned = key is not None and T.span(key) is not None
    except ValueError:
        spanned = False
    if key is None or kind not in T.REPORT_TYPES or "?" in key or not spanned:
        raise PeriodError(f"cannot write a briefing for period {period!r}: expected a year (2024), half "
                          "(2025-H1), quarter (2025-Q3), month (2025-05) or span from January (2025-01/2025-05)")
    return key, kind


def _known_span(period: str) -> tuple[date, date]:
    """First and last day of a period already known to have them (checked by parse_period, or by the
    caller's filter on T.span)."""
    bounds = T.span(period)
    if bounds is None:
        raise ValueError(f"period {period!r} has no span")
    return bounds


@dataclass
class _Entry:
    """A cell of the store (one indicator, measure, basis, unit, period, region, modality) and its rows."""

    cell: Cell
    rows: list[dict]

    @property
    def best(self) -> dict:
        return self.cell.best

    @property
    def value(self) -> float:
        return float(self.best["value"])

    @property
    def derived(self) -> bool:
        return bool(self.best["derived"])


def _rows(store, indicator_ids: list[str]) -> list[dict]:
    """The facts of these indicators with a known period, with provenance, in one query."""
    from zhibiao.store import queries

    cursor = store._reader.execute(queries._SELECT_FACTS + """ WHERE (period_key IS NULL OR period_key NOT LIKE '%?%')
        AND list_contains(?::VARCHAR[], indicator) ORDER BY doc_id, seq""", [sorted(indicator_ids)])
    rows = []
    for row in queries._records(cursor):
        published = row["published"]
        if published is not None and not isinstance(published, date):
            published = pd.Timestamp(published).date()
        elif isinstance(published, datetime):
            published = published.date()
        row["published"] = published
        row["derived"] = bool(row["derived"])
        row["undated"] = False
        if row["period"] is None:
            # A stock the text gives no time for (已将2400余家中试平台纳入储备库) is true when it is
            # published: it counts at that date, and the sentence says so.
            if row["measure"] != "level" or published is None:
                continue
            row.update(period=published.isoformat(), period_type="point", undated=True)
        rows.append(row)
    return rows


def _index(rows: list[dict]) -> dict[tuple, _Entry]:
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for row in rows:
        groups[tuple(row[f] for f in CELL)].append(row)
    return {key: _Entry(summarize(group), group) for key, group in groups.items()}


class _Builder:
    """Holds what one briefing is being built from: the store's cells and the figures cited so far."""

    def __init__(self, store, period: str, kind: str, region: str):
        self.store, self.period, self.kind, self.region = store, period, kind, region
        self.year = int(period[:4])
        self.start, self.end = _known_span(period)
        self.words = T.table()
        self.templates = self.words["templates"]
        self.verbs = self.words["verbs"]
        self.catalogue = store.catalogue
        self.provinces = tuple(rules.load("regions")["provinces"])
        self.headlines = self._headline_ids()
        self.groups = self._programme_groups()
        ids = list(dict.fromkeys([*self.headlines, *(i.id for _, ins in self.groups for i in ins)]))
        self.cells = _index(_rows(store, [i for i in ids if self.catalogue.get(i) is not None]))
        self.lookup: dict[tuple, list] = defaultdict(list)  # (indicator, measure, period, region) -> cells
        self.by_indicator: dict[str, list] = defaultdict(list)
        for key, entry in self.cells.items():
            self.lookup[(key[0], key[1], key[4], key[5])].append((key, entry))
            self.by_indicator[key[0]].append((key, entry))
        self.figures: list[Figure] = []
        self.by_key: dict[tuple, int] = {}
        self.titles: dict[str, str] = {}
        self.missing: list[str] = []

    # -- cells ----------------------------------------------------------------------------------

    def find(self, indicator: str, measure: str, period: str, region: str, *, basis: str | None | tuple = ("yoy", None),
             modality: str = "actual", unit: str | None = None) -> _Entry | None:
        bases = basis if isinstance(basis, tuple) else (basis,)
        near = self.lookup.get((indicator, measure, period, region), ())
        for b in bases:
            matches = [e for k, e in near if k[2] == b and k[6] == modality and (unit is None or k[3] == unit)]
            if matches:
                matches.sort(key=lambda e: (e.best["unit"] != "%", e.best["unit"]))
                return matches[0]
        return None

    def entries(self, indicator: str, region: str | None, **where) -> list[_Entry]:
        out = []
        for key, entry in self.by_indicator.get(indicator, ()):
            if region is not None and key[5] != region:
                continue
            if all(entry.best[f] == v for f, v in where.items()):
                out.append(entry)
        return out

    # -- figures --------------------------------------------------------------------------------

    def _title(self, doc: str, row: dict) -> str:
        if doc not in self.titles:
            title = row.get("title")
            if not title:
                record = self.store.document(doc) or {}
                lines = (record.get("clean_text") or "").splitlines()
                first = next((line.strip() for line in lines if line.strip()), "")
                title = first[:60] or doc
            self.titles[doc] = title
        return self.titles[doc]

    def _source(self, row: dict) -> Source:
        published = row["published"].isoformat() if row["published"] else None
        return Source(doc=row["doc"], seq=int(row["seq"]), title=self._title(row["doc"], row), published=published,
                      url=row.get("url"), quote=row["quote"] or "", story=int(row["story"]),
                      derived=bool(row["derived"]), derivation=row.get("derivation"))

    def _add(self, key: tuple, make) -> int:
        if key not in self.by_key:
            figure = make(len(self.figures) + 1)
            self.figures.append(figure)
            self.by_key[key] = figure.n
        return self.by_key[key]

    def classifier(self, indicator: str | None) -> str:
        return self.words["classifiers"].get(indicator or "", "")

    def cite(self, entry: _Entry, *, absolute: bool = False) -> int:
        """The figure of a store cell: its best source first, then the copies and stories that agree."""
        best = entry.best
        key = ("cell", *(best[f] for f in CELL), absolute)

        def make(n: int) -> Figure:
            agreeing = [r for r in entry.rows if r["derived"] == best["derived"] and agree(r, best)]
            agreeing.sort(key=lambda r: (r is not best, r["published"] or date.max, r["doc"], r["seq"]))
            seen, sources = set(), []
            for row in [best, *agreeing]:
                if row["doc"] not in seen:
                    seen.add(row["doc"])
                    sources.append(self._source(row))
            value = float(best["value"])
            shown = abs(value) if absolute else value
            value_max = best.get("value_max")
            text = T.figure_text(shown, best["unit"], best["qualifier"], self.classifier(best["indicator"]), value_max)
            return Figure(n=n, text=text, value=value, unit=best["unit"], qualifier=best["qualifier"],
                          kind="derived" if best["derived"] else "stated", indicator=best["indicator"],
                          measure=best["measure"], period=best["period"], basis=best["basis"], region=best["region"],
                          sources=sources, stories=entry.cell.stories, copies=entry.cell.copies,
                          derivation=best.get("derivation"))

        n = self._add(key, make)
        figure = self.figures[n - 1]
        # Independent stories that disagree, and copies of a story that changed the number.
        others = (*entry.cell.dissent, *entry.cell.copy_dissent)
        if others and not figure.dissent:
            figure.dissent = [self._voice(row, absolute) for row in others]
        return n

    def _voice(self, row: dict, absolute: bool) -> int:
        """A figure for one dissenting source."""
        def make(n: int) -> Figure:
            value = float(row["value"])
            return Figure(n=n, text=T.figure_text(abs(value) if absolute else value, row["unit"], row["qualifier"],
                                                  self.classifier(row["indicator"])),
                          value=value, unit=row["unit"], qualifier=row["qualifier"],
                          kind="derived" if row["derived"] else "stated", indicator=row["indicator"],
                          measure=row["measure"], period=row["period"], basis=row["basis"], region=row["region"],
                          sources=[self._source(row)], stories=1, copies=1, derivation=row.get("derivation"))

        return self._add(("voice", row["doc"], int(row["seq"]), absolute), make)

    def difference(self, a: int, va: float, b: int, vb: float, extra: list[_Entry]) -> tuple[int, Decimal]:
        """A computed figure: value `va` (figure a) minus `vb` (figure b), in percentage points, citing
        both ends (and any stated change that says the same)."""
        fa, fb = self.figures[a - 1], self.figures[b - 1]
        diff = Decimal(repr(float(va))) - Decimal(repr(float(vb)))

        def make(n: int) -> Figure:
            sources = [self._source(e.best) for e in extra if abs(float(e.best["value"]) - float(diff)) <= 0.051]
            other = fb.period if fb.period != fa.period else fb.region
            return Figure(n=n, text=T.rate(abs(float(diff)), "pp"), value=float(diff), unit="pp", qualifier="exact",
                          kind="computed", indicator=fa.indicator,
                          measure="growth_change" if fa.measure == "growth" else f"{fa.measure}_change",
                          period=fa.period, basis=f"vs:{other}", region=fa.region, sources=sources,
                          derivation=f"{T.amount(va, fa.unit)} − {T.amount(vb, fb.unit)}", inputs=[a, b])

        return self._add(("diff", a, b), make), diff

    # -- templates ------------------------------------------------------------------------------

    def fill(self, template: str, *, marked: bool = True, **slots: str | int | list) -> list[Part]:
        """The template's text with its slots filled: a str slot is text, an int a figure (followed by
        the marks it needs: another source's value, derived), a list ready parts."""
        parts: list[Part] = []
        for literal, name, _, _ in string.Formatter().parse(template):
            if literal:
                parts.append(literal)
            if name is None:
                continue
            value = slots[name]
            if isinstance(value, int):
                parts.append(value)
                if marked:
                    parts.extend(self.marks(value))
            elif isinstance(value, list):
                parts.extend(value)
            else:
                parts.append(value)
        return parts

    def marks(self, n: int) -> list[Part]:
        figure = self.figures[n - 1]
        out: list[Part] = []
        if figure.kind == "derived":
            out.append(self.templates["derived_mark"])
        for other in figure.dissent:
            out.extend(self.fill(self.templates["conflict"], value=other))
        return out

    def phrase(self, period: str) -> str:
        return T.period_phrase(period, self.year)

    def target_phrase(self, period: str) -> str:
        """A target's date always with its year: 2025年, 2025年12月底."""
        key, kind = classify_period(period)
        if kind == "Y":
            return self.words["periods"]["year"].format(year=key)
        return T.period_phrase(key or period, None)

    # -- comparisons ----------------------------------------------------------------------------

    def comparators(self, period: str, kind: str) -> list[str]:
        """The periods a figure of `period` is compared with: a year before, then the one before it."""
        year = int(period[:4])
        out = []
        if kind == "Y":
            return [str(year - 1)]
        out.append(f"{year - 1}{period[4:]}")
        if kind == "H":
            out += [f"{year}-Q1", str(year - 1)] if period.endswith("H1") else [f"{year}-H1"]
        elif kind == "Q":
            q = int(period[-1])
            out.append(f"{year}-Q{q - 1}" if q > 1 else f"{year - 1}-Q4")
        elif kind == "M":
            m = int(period[5:7])
            out.append(f"{year}-{m - 1:02d}" if m > 1 else f"{year - 1}-12")
        elif kind == "YTD":
            m = int(period[-2:])
            if m > 2:
                out.append(f"{year}-01/{year}-{m - 1:02d}")
        return [key for p in out if (key := classify_period(p)[0]) is not None]

    def compare(self, indicator: str, measure: str, entry: _Entry, figure: int, period: str, kind: str,
                region: str) -> list[list[Part]]:
        # `figure` shows `entry` (maybe unsigned); differences use the entry's signed value.
        """Clauses comparing a growth rate or a share with other periods."""
        clauses = []
        done: set[str] = set()
        up_down = ("faster", "slower") if measure == "growth" else ("share_up", "share_down")
        changes = {e.best["basis"]: e for e in self.entries(indicator, region, measure="growth_change",
                                                             period=period, modality="actual")
                   if self._changes(e) == measure}
        for other in self.comparators(period, kind):
            clause = self._compare_period(indicator, measure, entry, figure, period, region, other,
                                          changes.get(f"vs:{other}"), up_down)
            if clause is not None:
                clauses.append(clause)
                done.add(f"vs:{other}")
        for basis, stated in sorted(changes.items(), key=lambda kv: kv[0] or ""):
            if basis in done or not basis:
                continue
            clause = self._compare_stated(indicator, measure, entry, region, basis[3:], stated, up_down)
            if clause is not None:
                clauses.append(clause)
        return clauses

    def _compare_period(self, indicator: str, measure: str, entry: _Entry, figure: int, period: str, region: str,
                        other: str, stated: _Entry | None, up_down: tuple[str, str]) -> list[Part] | None:
        """The figure against another period's: the difference worked out from both figures (or the
        stated change when the other figure is only derived), or the stated change alone."""
        up, down = up_down
        label = self.words["periods"]["same_last_year"] if other == f"{int(period[:4]) - 1}{period[4:]}" else \
            self.phrase(other)
        base = self.find(indicator, measure, other, region, basis=entry.best["basis"], unit=entry.best["unit"])
        if base is not None and (not base.derived or stated is None):
            b = self.cite(base)
            n, diff = self.difference(figure, entry.value, b, base.value, [stated] if stated else [])
            if diff == 0:
                return self.fill(self.templates["compare_same"], other=label, base=b)
            return self.fill(self.templates["compare"], other=label, base=b, diff=n,
                             verb=self.verbs[up if diff > 0 else down])
        if stated is not None:
            return self._stated(stated, label, up, down, base)
        return None

    def _compare_stated(self, indicator: str, measure: str, entry: _Entry, region: str, target: str,
                        stated: _Entry, up_down: tuple[str, str]) -> list[Part] | None:
        """A stated change against something no comparator covered: another period, or (for growth)
        the gap to another indicator or province."""
        up, down = up_down
        key = classify_period(target)[0] if is_period(target) else None
        if key is not None:
            base = self.find(indicator, measure, key, region, basis=entry.best["basis"])
            return self._stated(stated, self.phrase(key), up, down, base)
        if measure == "growth" and (self.catalogue.get(target) is not None or target in self.provinces):
            value = stated.value
            return self.fill(self.templates["gap"], other=target, diff=self.cite(stated, absolute=True),
                             verb=self.verbs["gap_faster" if value >= 0 else "gap_slower"])
        return None

    def _stated(self, stated: _Entry, label: str, up: str, down: str, base: _Entry | None) -> list[Part]:
        template = self.templates["stated_change"]
        if up == "share_up":
            template = template.replace("增速", "比重")
        parts = self.fill(template, other=label, diff=self.cite(stated, absolute=True),
                          verb=self.verbs[up if stated.value >= 0 else down])
        if base is not None:
            parts += ["，", *self.fill(self.templates["implied"], other=label, base=self.cite(base))]
        return parts

    def _changes(self, entry: _Entry) -> str | None:
        """What a stated change in points changes: `growth` or `share` (read from its sentence)."""
        row = entry.best
        return quoted_change(row["quote"] or "", float(row["value"]))

    def months(self, indicator: str, region: str) -> list[list[Part]]:
        """The latest month of the period, and its change from the month before."""
        if self.kind not in ("H", "Q", "Y", "YTD"):
            return []
        for month in (self.end.month,):
            key = f"{self.year}-{month:02d}"
            entry = self.find(indicator, "growth", key, region, basis="yoy")
            if entry is None:
                continue
            n = self.cite(entry, absolute=True)
            clause = self.fill(self.templates["month"], month=self.phrase(key), value=n,
                               verb=self.verbs["growth_up" if entry.value >= 0 else "growth_down"])
            before = f"{self.year}-{month - 1:02d}" if month > 1 else f"{self.year - 1}-12"
            prior = self.find(indicator, "growth", before, region, basis="yoy")
            if prior is not None:
                b = self.cite(prior)
                d, diff = self.difference(n, entry.value, b, prior.value, [])
                if diff != 0:
                    clause += ["，", *self.fill(self.templates["month_compare"], other=self.phrase(before), diff=d,
                                                base=b, verb=self.verbs["faster" if diff > 0 else "slower"])]
            return [clause]
        return []

    def ranking(self, indicator: str, entry: _Entry, figure: int, region: str) -> list[list[Part]]:
        """Where the region stands among the provinces with the same figure (or, for the nation, who leads)."""
        peers = []
        for province in self.provinces:
            e = self.find(indicator, "growth", self.period, province, basis=entry.best["basis"],
                          unit=entry.best["unit"])
            if e is not None:
                peers.append((province, e))
        peers.sort(key=lambda pe: (-pe[1].value, pe[0]))
        if region == self.words["national"]:
            if len(peers) < 2:
                return []
            top, e = peers[0]
            return [self.fill(self.templates["rank_national"], count=str(len(peers)), top=top, value=self.cite(e))]
        clauses = []
        rank = next((i for i, (p, _) in enumerate(peers, 1) if p == region), None)
        if rank is not None and len(peers) >= 2:
            clauses.append(self.fill(self.templates["rank_region"], count=str(len(peers)), rank=str(rank)))
        nation = self.find(indicator, "growth", self.period, self.words["national"], basis=entry.best["basis"],
                           unit=entry.best["unit"])
        if nation is not None:
            there = self.cite(nation)
            d, diff = self.difference(figure, entry.value, there, nation.value, [])
            if diff == 0:
                clauses.append(self.fill(self.templates["national_same"], base=there))
            else:
                clauses.append(self.fill(self.templates["national_gap"], diff=d, base=there,
                                         verb=self.verbs["higher" if diff > 0 else "lower"]))
        return clauses

    # -- sections -------------------------------------------------------------------------------

    def headline(self, ident: str) -> Sentence | None:
        indicator = self.catalogue.get(ident)
        if indicator is None:
            return None
        region, period = self.region, self.period
        whole = self.words["headline"]["whole"].get(ident, "")
        clauses: list[list[Part]] = []
        for e in self.levels(ident, period, region):
            clauses.append(self.fill(self.templates["level"], verb=self._verb("level", e), value=self.cite(e)))
        growth = self.find(ident, "growth", period, region)
        if growth is not None:
            shown = self.cite(growth, absolute=True)
            clauses.append(self.fill(self.templates["growth"], value=shown,
                                     verb=self.verbs["growth_up" if growth.value >= 0 else "growth_down"]))
            clauses += self.compare(ident, "growth", growth, shown, period, self.kind, region)
            if ident == self.words["headline"]["lead"]:
                clauses += self.months(ident, region)
            clauses += self.ranking(ident, growth, shown, region)
        share = self.find(ident, "share", period, region, basis=None)
        if share is not None:
            if region != self.words["national"]:
                whole = self.words["headline"]["whole_region"].get(ident, whole)
            shown = self.cite(share)
            clauses.append(self.fill(self.templates["share"], whole=whole, value=shown))
            clauses += self.compare(ident, "share", share, shown, period, self.kind, region)
        for measure in ("contribution", "pull"):
            part = self.find(ident, measure, period, region, basis=None)
            if part is not None:
                clauses.append(self.fill(self.templates[measure], whole=whole, value=self.cite(part)))
        if not clauses:
            self.missing.append(indicator.name_zh)
            return None
        opening = self.fill(self.templates["opening"], period=self.phrase(period),
                            region="" if region == self.words["national"] else region, name=indicator.name_zh)
        parts = list(opening)
        for i, clause in enumerate(clauses):
            if i:
                parts.append("，")
            parts.extend(clause)
        parts.append("。")
        return Sentence(parts)

    def _verb(self, name: str, entry: _Entry) -> str:
        """为/达到 before an exact level; none before 超过, 近, 约, which say it themselves."""
        return self.verbs[name] if entry.best["qualifier"] == "exact" else ""

    def levels(self, ident: str, period: str, region: str) -> list[_Entry]:
        indicator = self.catalogue.get(ident)
        units = indicator.level_units or (indicator.unit,)
        out = [e for u in units if (e := self.find(ident, "level", period, region, basis=None, unit=u)) is not None]
        return out

    def _headline_ids(self) -> list[str]:
        """The headline order of the rule table, then any other indicator the catalogue puts in the
        headline group (工业经济运行)."""
        config = self.words["headline"]
        extra = [i.id for i in self.catalogue if getattr(i, "group", None) == config["group"]]
        return list(dict.fromkeys([*config["order"], *extra]))

    def _programme_groups(self) -> list[tuple[str, list[Indicator]]]:
        config = self.words["programmes"]
        exclude = {*config["exclude"], *self.headlines}
        grouped: dict[str, list[Indicator]] = defaultdict(list)
        for indicator in self.catalogue:
            if indicator.id in exclude:
                continue
            group = (getattr(indicator, "group", None) or config["fallback_groups"].get(indicator.id)
                     or config["other_group"])
            grouped[group].append(indicator)
        order = {g: i for i, g in enumerate(config["groups"])}
        return sorted(grouped.items(), key=lambda kv: (order.get(kv[0], len(order)), kv[0]))

    def programme(self, indicator: Indicator) -> Sentence | None:
        """The latest level of a programme by the end of the period, its growth, and its targets."""
        # A briefing on a period is held a few weeks after it and states stocks "as of now" (截至目前):
        # those count for the period.
        known_by = self.end + timedelta(days=int(self.words["programmes"]["grace_days"]))
        candidates = self._programme_levels(indicator, known_by)
        latest = candidates[-1] if candidates else None
        parts = (self._programme_latest(indicator, latest) if latest is not None
                 else self._programme_growth(indicator))
        for target in self._programme_targets(indicator, known_by):
            if parts:
                parts.append("；")
            parts += self._target_clause(indicator, target, latest)
        if not parts:
            return None
        parts.append("。")
        return Sentence(parts)

    def _programme_levels(self, indicator: Indicator, known_by: date) -> list[_Entry]:
        """A programme's levels for the period, the latest last. A stock (a level at a date) counts when
        known by `known_by`; an amount over a span (汽车产量, 收入) only when the span lies in the period:
        last year's output is not this period's."""
        candidates = [e for e in self.entries(indicator.id, self.region, measure="level", modality="actual")
                      if (s := T.span(e.best["period"])) and self._counts_for_period(e, s, known_by)]
        candidates.sort(key=lambda e: (_known_span(e.best["period"])[1], e.best["unit"] == indicator.unit,
                                       _known_span(e.best["period"])[0]))
        return candidates

    def _counts_for_period(self, entry: _Entry, span: tuple[date, date], known_by: date) -> bool:
        if entry.best["period_type"] == "point":
            return span[1] <= known_by
        return self.start <= span[0] and span[1] <= self.end

    def _programme_latest(self, indicator: Indicator, latest: _Entry) -> list[Part]:
        """The latest level (为/达到 …, when it is undated said so) and its growth over the same period."""
        when = self.phrase(latest.best["period"])
        stock = latest.best["period_type"] == "point"
        if latest.best["undated"]:
            when += self.templates["undated"]
        verb = self._verb("stock" if stock else "level", latest)
        parts = self.fill(self.templates["programme_stock" if stock else "programme_level"], when=when,
                          name=indicator.name_zh, verb=verb, value=self.cite(latest))
        growth = self.find(indicator.id, "growth", latest.best["period"], self.region)
        if growth is not None:
            parts += ["，", *self._growth_clause(growth)]
        return parts

    def _growth_clause(self, growth: _Entry) -> list[Part]:
        return self.fill(self.templates["programme_growth"], value=self.cite(growth, absolute=True),
                         verb=self.verbs["growth_up" if growth.value >= 0 else "growth_down"])

    def _programme_growth(self, indicator: Indicator) -> list[Part]:
        """Without a level, the programme's growth over the period, if stated."""
        growth = self.find(indicator.id, "growth", self.period, self.region)
        if growth is None:
            return []
        parts = self.fill(self.templates["opening"], period=self.phrase(self.period), region="",
                          name=indicator.name_zh)
        return parts + self._growth_clause(growth)

    def _programme_targets(self, indicator: Indicator, known_by: date) -> list[_Entry]:
        """Targets due from a year before the period to five years after it (whether one has passed is
        news), set by `known_by`: a goal announced later is no part of this period's briefing."""
        targets = [e for e in self.entries(indicator.id, self.region, measure="level", modality="target")
                   if (s := T.span(e.best["period"])) and self.start - timedelta(days=366) <= s[1]
                   and s[0] <= date(self.year + 5, 12, 31)
                   and (e.best["published"] is None or e.best["published"] <= known_by)]
        targets.sort(key=lambda e: period_sort_key(e.best["period"]))
        return targets

    def _target_clause(self, indicator: Indicator, target: _Entry, latest: _Entry | None) -> list[Part]:
        """A target, and whether the latest level reached it (open while it is not due)."""
        due = _known_span(target.best["period"])[1]
        parts = self.fill(self.templates["programme_target"], when=self.target_phrase(target.best["period"]),
                          name="" if latest is not None else indicator.name_zh, value=self.cite(target))
        if due > self.end:
            parts.append(self.templates["target_open"])
        elif latest is None or _known_span(latest.best["period"])[1] < due:
            parts.append(self.templates["target_unknown"])
        else:
            reached = latest.value >= float(target.best["value"])
            parts += self.fill(self.templates["target_reached" if reached else "target_missed"],
                               latest=self.cite(latest))
        return parts

    def regions(self) -> list[Paragraph]:
        """Provinces with figures for the period, ranked per headline indicator and measure."""
        by_cell: dict[tuple, list[tuple[str, _Entry]]] = defaultdict(list)
        found: set[str] = set()
        for key, entry in self.cells.items():
            ident, measure, basis, unit, period, region, modality = key
            if region in self.provinces and period == self.period and modality == "actual":
                found.add(region)
                if measure in ("growth", "share", "level") and basis in ("yoy", None):
                    by_cell[(ident, measure, unit)].append((region, entry))
        if not found:
            return [Paragraph([Sentence([self.templates["region_none"]])])]
        order = {ident: i for i, ident in enumerate(self.headlines)}
        sentences = [Sentence(self.fill(self.templates["region_count"], count=str(len(found)),
                                        list="、".join(sorted(found, key=self.provinces.index))))]
        for (ident, measure, _unit), peers in sorted(by_cell.items(), key=lambda kv: (order.get(kv[0][0], 99), kv[0])):
            indicator = self.catalogue.get(ident)
            peers.sort(key=lambda pe: (-pe[1].value, pe[0]))
            items: list[Part] = []
            for i, (province, entry) in enumerate(peers):
                if i:
                    items.append("、")
                n = self.cite(entry)
                items += [province, n, *self.marks(n)]
            sentences.append(Sentence([*self.fill(self.templates["region_rank"], name=indicator.name_zh,
                                                  measure=self.words["measures"][measure], list=items), "。"]))
        return [Paragraph(sentences)]

    def _flags(self, f) -> list[Sentence]:
        """The notes a cited figure needs: each source that disagrees with it, and how it was derived."""
        n = self.words["notes"]
        name = self.catalogue.get(f.indicator).name_zh
        period = self.phrase(f.period) if f.period else ""
        flagged = []
        for other in f.dissent:
            o = self.figures[other - 1]
            flagged.append(Sentence(self.fill(n["conflict"], marked=False, name=name, period=period, value=f.n,
                                              doc=f.sources[0].title, other_doc=o.sources[0].title, other=o.n)))
        if f.kind == "derived" and f.derivation:
            flagged.append(Sentence(self.fill(n["derived"], marked=False, name=name, period=period, value=f.n,
                                              derivation=f.derivation)))
        return flagged

    def notes(self) -> list[Paragraph]:
        n = self.words["notes"]
        cited = [f for f in self.figures if f.kind != "computed"]
        docs = {s.doc for f in cited for s in f.sources}
        stories = {s.story for f in cited for s in f.sources}
        paragraphs = [Paragraph([Sentence([n["summary"].format(figures=len(self.figures), documents=len(docs),
                                                                stories=len(stories))]),
                                 Sentence([n["method"]])])]
        flagged = [sentence for f in list(self.figures) if f.kind != "computed" and f.indicator
                   for sentence in self._flags(f)]
        if flagged:
            paragraphs.append(Paragraph(flagged))
        if self.missing:
            paragraphs.append(Paragraph([Sentence([n["missing"].format(list="、".join(self.missing))])]))
        return paragraphs


def build_report(store, period: str, region: str | None = None, *, charts: bool = True) -> Report:
    """The briefing for `period` (2025-H1, 2024, 2025-Q3, 2025-05, 2025-01/2025-05) and `region`
    (全国 unless given), built from the store's facts. The same store gives the same report."""
    key, kind = parse_period(period)
    b = _Builder(store, key, kind, region or T.table()["national"])
    region = b.region
    year, span_title = T.report_span_title(key)
    national = region == T.table()["national"]
    title = (T.table()["title"] if national else T.table()["title_region"]).format(year=year, span=span_title,
                                                                                   region=region)
    sections_words = T.words("sections")

    industry = [s for ident in b.headlines if (s := b.headline(ident)) is not None]
    if not industry:
        industry = [Sentence([b.words["notes"]["none_stated"].format(region=region, period=b.phrase(key))])]
    programme_paragraphs = []
    for group, indicators in b.groups:
        sentences = [s for indicator in indicators if (s := b.programme(indicator)) is not None]
        if sentences:
            programme_paragraphs.append(Paragraph(sentences, heading=group))
    sections = [Section("industry", sections_words["industry"], [Paragraph(industry)])]
    if programme_paragraphs:
        sections.append(Section("programmes", sections_words["programmes"], programme_paragraphs))
    sections.append(Section("regions", sections_words["regions"], b.regions()))
    sections.append(Section("notes", sections_words["notes"], b.notes()))
    report = Report(period=key, region=region, title=title, sections=sections, figures=b.figures)
    if charts:
        from zhibiao.report.charts import report_charts

        report.charts = report_charts(b)
    return report


__all__ = ["PeriodError", "build_report", "parse_period"]
