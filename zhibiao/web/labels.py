"""What the dashboard calls things: Chinese labels with the English beside them, and which indicators
the overview shows. Presentation only; the catalogue itself is zhibiao/rules/indicators.toml."""

from __future__ import annotations

MEASURES = {
    "level": ("水平", "level"),
    "growth": ("增速", "growth"),
    "growth_change": ("增速变化", "change of growth"),
    "share": ("比重", "share"),
    "contribution": ("贡献率", "contribution"),
    "pull": ("拉动", "pull"),
}
PERIOD_TYPES = {
    "Y": ("年度", "year"),
    "H": ("半年", "half-year"),
    "Q": ("季度", "quarter"),
    "M": ("月度", "month"),
    "YTD": ("年初至今累计", "year to date"),
    "point": ("时点", "date"),
    "range": ("其他区间", "other span"),
}
QUALIFIERS = {
    "exact": ("精确", "exact"),
    "approx": ("约", "approximately"),
    "at_least": ("超过", "at least"),
    "at_most": ("近/不到", "at most"),
}
BASES = {"yoy": ("同比", "year on year"), "mom": ("环比", "month on month")}
VINTAGES = {
    "preliminary": ("初步核算", "preliminary"),
    "verified": ("初步核实", "verified"),
    "final": ("最终核实", "final"),
    "revised": ("修订后", "revised"),
    "pre_revision": ("修订前", "before revision"),
    "revision": ("修订幅度", "size of a revision"),
}

# The overview: sections of key indicators, in order. An indicator without facts is shown greyed out,
# so an analyst sees what the corpus does not cover yet.
OVERVIEW = (
    ("工业", "Industry", (
        "industrial_value_added", "high_tech_manufacturing_value_added", "equipment_manufacturing_value_added",
        "manufacturing_value_added", "industrial_profits", "industrial_export_delivery_value",
    )),
    ("宏观", "Economy", ("gdp", "retail_sales", "fixed_asset_investment", "foreign_trade", "cpi", "ppi")),
)
# The ministry's programmes have a section of their own (views.programmes), by catalogue group.
# The region a series is shown for when none is asked for and the data has it.
DEFAULT_REGION = "全国"


def measure(name: str | None) -> str:
    zh, en = MEASURES.get(name or "", (name or "", ""))
    return f"{zh} {en}".strip()


def period_type(name: str | None) -> str:
    zh, en = PERIOD_TYPES.get(name or "", (name or "", ""))
    return f"{zh} {en}".strip()


def qualifier(name: str | None) -> str:
    zh, en = QUALIFIERS.get(name or "", (name or "", ""))
    return f"{zh} {en}".strip()


def vintage(name: str | None) -> str:
    if not name:
        return ""
    zh, en = VINTAGES.get(name, (name, ""))
    return f"{zh} {en}".strip()


def basis(name: str | None) -> str:
    if not name:
        return ""
    if name.startswith("vs:"):
        return f"较 {name[3:]}"
    zh, en = BASES.get(name, (name, ""))
    return f"{zh} {en}".strip()
