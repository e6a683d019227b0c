"""Facts a document implies rather than states, derived before it is stored.

``上半年增长3.8%,增速较一季度加快0.8个百分点`` implies 一季度 3.0%. The derivation needs only one
document's facts and text, so it belongs to the per-document preparation (zhibiao.prepare), ahead of
the store; zhibiao.series re-exports it for the readers of series.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache

from zhibiao.errors import RulesError
from zhibiao.models import Fact
from zhibiao.period import classify_period, is_period
from zhibiao.rules import load

TABLE = "derive"  # zhibiao/rules/derive.toml: the words that say what a change in points changed
_LOOKBACK = 40  # characters before a change's number searched for those words


@dataclass(frozen=True)
class DerivedFact:
    """A fact the text implies rather than states, and how it was computed."""

    fact: Fact
    derivation: str


@cache
def _change_target() -> re.Pattern[str]:
    """Any word that says what a change in points changed, a rate's (增速) or a share's (比重)."""
    changed = load(TABLE)["changed"]
    both = set(changed["rate"]) & set(changed["share"])
    if both:
        raise RulesError(TABLE, f"words listed as both a rate and a share: {sorted(both)}")
    return re.compile("|".join(map(re.escape, [*changed["rate"], *changed["share"]])))


@cache
def _share_words() -> frozenset[str]:
    """The words that say a share changed; the table's other words say a rate did."""
    return frozenset(load(TABLE)["changed"]["share"])


@cache
def _clause_end() -> re.Pattern[str]:
    """A mark that ends a clause: words before it say nothing of a later change."""
    return re.compile(load(TABLE)["clause_end"])


def changed_quantity(change: Fact, text: str) -> str | None:
    """``"growth"`` or ``"share"``: what a growth_change fact says changed, read from the words just
    before its number (in `text`, the document the span points into; else in its quote)."""
    if change.span is not None and 0 <= change.span[0] <= len(text):
        return _quantity_before(text[max(0, change.span[0] - _LOOKBACK):change.span[0]])
    return quoted_change(change.quote, change.value)


def quoted_change(quote: str, value: float) -> str | None:
    """What a change of `value` points changes, read from its quote alone (the words before the number)."""
    number = f"{abs(value):g}"
    at = quote.find(number)
    return _quantity_before(quote[:at] if at >= 0 else quote)


def _quantity_before(window: str) -> str | None:
    window = _clause_end().split(window)[-1]
    hits = _change_target().findall(window)
    if not hits:
        return None
    return "share" if hits[-1] in _share_words() else "growth"


def derive_facts(facts: list[Fact], text: str) -> list[DerivedFact]:
    """Facts implied by stated changes within one document.

    ``上半年增长3.8%,增速较一季度加快0.8个百分点`` states growth 3.8 for 2023-H1 and growth_change 0.8
    with basis ``vs:2023-Q1``; together they imply growth 3.0 for 2023-Q1. The same holds for shares
    (``比重为33.3%,比一季度提高1.5个百分点`` implies a share of 31.8 in Q1). A change is paired with the
    nearest fact of the same subject, region, period and modality that states the quantity it changes.
    Changes measured against another subject (快于全部规上工业0.5个百分点) imply nothing here.
    """
    derived: list[DerivedFact] = []
    seen: set[tuple] = set()
    for i, change in enumerate(facts):
        if change.measure != "growth_change" or change.unit != "pp" or not change.basis:
            continue
        if not change.basis.startswith("vs:") or change.period is None:
            continue
        target_period = change.basis[3:]
        if not is_period(target_period) or classify_period(target_period)[0] == classify_period(change.period)[0]:
            continue
        quantity = changed_quantity(change, text)
        if quantity is None:
            continue
        base = _nearest_base(facts, i, quantity)
        if base is None:
            continue
        key = (base.subject, quantity, target_period, base.region, base.modality)
        if key in seen:
            continue
        seen.add(key)
        value = float(Decimal(repr(base.value)) - Decimal(repr(change.value)))
        qualifier = "exact" if base.qualifier == change.qualifier == "exact" else "approx"
        fact = replace(base, value=value, value_max=None, qualifier=qualifier, period=target_period,
                       span=None, quote=change.quote if change.quote else base.quote)
        how = (f"{base.period} {quantity} {base.value:g}% minus change {change.value:+g} pp "
               f"({change.basis})")
        derived.append(DerivedFact(fact, how))
    return derived


def _nearest_base(facts: list[Fact], i: int, quantity: str) -> Fact | None:
    change = facts[i]
    best, distance = None, None
    for j, fact in enumerate(facts):
        if (fact.measure != quantity or fact.unit != "%" or fact.subject != change.subject
                or fact.period != change.period or fact.region != change.region
                or fact.modality != change.modality):
            continue
        if quantity == "growth" and fact.basis not in ("yoy", None):
            continue
        d = (i - j) if j < i else (j - i) + 0.5  # the fact stated before the change wins a tie
        if distance is None or d < distance:
            best, distance = fact, d
    return best
