"""The data of the briefing pages (/report/{period}, .json, .md): the same Report all three render."""

from __future__ import annotations

from urllib.parse import quote

from zhibiao.handle import Store
from zhibiao.report import PeriodError, build_report
from zhibiao.report.render import html_view, to_markdown
from zhibiao.web.formatting import plain
from zhibiao.web.views import BadRequest


def _build(store: Store, period: str, region: str | None, charts: bool):
    try:
        return build_report(store, period, region, charts=charts)
    except PeriodError as error:
        raise BadRequest(str(error)) from None


def report_page(store: Store, period: str, region: str | None = None) -> dict:
    report = _build(store, period, region, charts=True)
    return {"period": report.period, "region_query": region, "view": html_view(report, evidence_base="")}


def report_json(store: Store, period: str, region: str | None = None) -> dict:
    return plain(_build(store, period, region, charts=False).to_dict())


def report_markdown(store: Store, period: str, region: str | None = None) -> dict:
    """The briefing as Markdown, under "md" (what the app serves as the .md twin)."""
    return {"md": to_markdown(_build(store, period, region, charts=False))}


def briefing_links(store: Store) -> list[dict]:
    """The briefings the overview links to: the latest half-year and year of the lead indicator."""
    from zhibiao.report import text as T

    lead = T.table()["headline"]["lead"]
    out = []
    for kind in ("H", "Y"):
        rows = store.series_records([lead], period_type=kind, region=T.table()["national"]).get(lead, [])
        if rows:
            period = rows[-1]["period"]
            year, span = T.report_span_title(period)
            out.append({"period": period, "label": f"{year}{span}", "url": f"/report/{quote(period, safe='')}"})
    return out
