"""The web dashboard: FastAPI routes over a Store, Jinja2 pages, each with a JSON twin.

    /                               overview            /overview.json
    /indicators                     catalogue           /indicators.json
    /indicator/{key}                charts and facts    /indicator/{key}.json   .csv  .xlsx (what is charted)
    /indicator/{key}/regions        provinces ranked    /indicator/{key}/regions.json
    /region/{name}                  one region          /region/{name}.json
    /compare?indicators=&regions=   series side by side /compare.json           /compare.csv  /compare.xlsx
    /facts                          facts, filtered     /facts.json             /facts.csv
    /evidence/{doc}/{seq}           a fact in its text  /evidence/{doc}/{seq}.json
    /document/{doc}                 a document          /document/{doc}.json
    /documents                      documents           /documents.json
    /search?q=                      full-text search    /search.json?q=
    /conflicts                      disagreements       /conflicts.json
    /report/{period}                the briefing        /report/{period}.json   /report/{period}.md
    /changes?since=                 what is new         /changes.json           /changes.atom (a feed)
    /api                            the routes, from    /openapi.json

Every HTML route and its twin call the same function in zhibiao.web.views. Errors are JSON on the
`.json`/`.csv` routes and a page elsewhere: 404 for an unknown indicator, document or fact, 400 or
422 for a bad parameter, with a one-line `error`. Anything else is a bug: it is logged and answered
with a 500 whose body says so.

DuckDB lets one connection be used by one thread at a time; the app holds one read-only Store and a
lock around it (DuckDB parallelises each query). While it is open no other process can write the file,
so the data behind a page cannot change and page data is cached per request (LRU).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections import OrderedDict
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

import zhibiao
from zhibiao.errors import StoreError
from zhibiao.store import Store
from zhibiao.web import changes as watch_views
from zhibiao.web import downloads, labels, report_views, views
from zhibiao.web.formatting import number, value_text

log = logging.getLogger("zhibiao.web")

Measure = Literal["level", "growth", "growth_change", "share", "contribution", "pull"]
PeriodType = Literal["Y", "H", "Q", "M", "YTD", "point", "range"]
MeasureQ = Annotated[Measure | None, Query(description="level, growth, growth_change, share, contribution or pull")]
PeriodTypeQ = Annotated[PeriodType | None, Query(description="Y, H, Q, M, YTD, point or range")]
RegionQ = Annotated[str | None, Query(max_length=40, description="a region as stored, e.g. 全国 or 广东省")]
LimitQ = Annotated[int, Query(ge=1, le=views.MAX_LIMIT, description="rows per page")]
OffsetQ = Annotated[int, Query(ge=0, description="rows to skip")]
Text = Annotated[str | None, Query(max_length=200)]
SearchQ = Annotated[str, Query(min_length=1, max_length=100, description="subject or quote text; 简体或繁體")]
ReportRegionQ = Annotated[str | None, Query(max_length=40, description="全国 (default) or a province, e.g. 湖北省")]
SinceQ = Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC); default: "
                                     "the last watch round that stored documents (the Atom feed: 30 days)")]
SearchLimitQ = Annotated[int, Query(ge=1, le=500, description="hits per page")]
RangeQ = Annotated[Literal["1y", "5y", "10y", "all"] | None,
                   Query(description="the last 1, 5 or 10 years up to the latest point, or all")]
DateQ = Annotated[str | None, Query(max_length=10, pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
                                    description="YYYY, YYYY-MM or YYYY-MM-DD")]
ChartQ = Annotated[str | None, Query(max_length=60, description="one chart's id (see the JSON twin's charts)")]
YearQ = Annotated[str | None, Query(max_length=4, pattern=r"^\d{4}$", description="year of the period")]
HostQ = Annotated[str | None, Query(max_length=100, description="site of the document's URL (local: none)")]
ListQ = Annotated[str | None, Query(max_length=400, description="comma-separated")]
PeriodQ = Annotated[str | None, Query(max_length=30, description="a period: 2024, 2024-H1, 2024-05 …")]
FormatQ = Annotated[str | None, Query(max_length=20, description="document format: txt, html, jsonl …")]
SortQ = Annotated[Literal["published", "-published", "facts", "-facts", "title", "-title"],
                  Query(description="order; a leading - is descending")]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_PACKAGE = resources.files("zhibiao.web")
TEMPLATES = Path(str(_PACKAGE / "templates"))
STATIC = Path(str(_PACKAGE / "static"))


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith((".json", ".csv", ".xlsx", ".md"))


def _download(body, media_type: str, filename: str) -> Response:
    """A file to save: CSV as UTF-8 (its text begins with a BOM), XLSX as bytes; the file name in
    ASCII with the UTF-8 form beside it (RFC 6266)."""
    from urllib.parse import quote as url_quote

    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return Response(body, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{url_quote(filename)}"})


def _bust(path: str) -> str:
    """A static file's URL with its modification time, so a new release is not served from cache."""
    try:
        return f"/static/{path}?v={int((STATIC / path).stat().st_mtime)}"
    except OSError:
        return f"/static/{path}"


CACHE_SIZE = 256
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _json_for_script(value) -> str:
    """JSON to put inside <script type="application/json">: no <, >, & or line separators raw, so no
    scraped text can close the element or start markup."""
    text = json.dumps(value, ensure_ascii=False)
    for raw, escaped in _SCRIPT_ESCAPES.items():
        text = text.replace(raw, escaped)
    return text


def create_app(db_path: str | Path | None = None, *, store: Store | None = None,
               cache_size: int = CACHE_SIZE) -> FastAPI:
    """The dashboard over the fact database at `db_path` (or an open `store`).

    Page data is cached (the last `cache_size` distinct requests): while the app holds the database
    open read-only, DuckDB keeps every writer out, so what a page shows cannot change under it.
    """
    store = store or zhibiao.open(db_path)
    lock = threading.Lock()
    cache: OrderedDict[tuple, dict] = OrderedDict()
    app = FastAPI(title="zhibiao 指标", version=zhibiao.__version__, docs_url=None, redoc_url=None,
                  description="Indicator facts from Chinese economic reports. Every dashboard page has a "
                              "JSON twin; these are they.")
    app.state.store = store
    app.state.cache = cache
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters["num"] = number
    env.filters["value_text"] = value_text
    env.filters["q"] = views.q
    env.filters["tojson_script"] = _json_for_script
    env.globals.update(labels=labels, static=_bust, evidence_url=views.evidence_url,
                       document_url=views.document_url, indicator_url=views.indicator_url,
                       version=zhibiao.__version__, db_name=Path(str(store.path)).name)

    def data(build, *args, **kwargs) -> dict:
        key = (build.__module__, build.__qualname__, args, tuple(sorted(kwargs.items())))
        with lock:
            if key in cache:
                cache.move_to_end(key)
                return cache[key]
            result = build(store, *args, **kwargs)
            if cache_size > 0 and build.__module__ in (views.__name__, report_views.__name__):
                cache[key] = result
                while len(cache) > cache_size:
                    cache.popitem(last=False)
            return result

    def page(request: Request, template: str, context: dict, status: int = 200) -> HTMLResponse:
        return templates.TemplateResponse(request, template, {"d": context}, status_code=status)

    # -- errors ---------------------------------------------------------------------------------

    def error(request: Request, status: int, message: str, detail=None) -> Response:
        if _wants_json(request):
            body = {"error": message}
            if detail is not None:
                body["detail"] = detail
            return JSONResponse(body, status_code=status)
        return page(request, "error.html", {"status": status, "error": message}, status)

    @app.exception_handler(views.NotFound)
    async def not_found(request: Request, exc: views.NotFound):
        return error(request, 404, str(exc))

    @app.exception_handler(views.BadRequest)
    async def bad_request(request: Request, exc: views.BadRequest):
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        problems = []
        for e in exc.errors():
            where = ".".join(str(x) for x in e.get("loc", ())[1:]) or "request"
            problems.append(f"{e.get('loc', ('query',))[0]} parameter {where!r}: {e.get('msg')}")
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg"), "type": e.get("type")} for e in exc.errors()]
        return error(request, 422, "; ".join(problems) or "invalid request", detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = f"no such page: {request.url.path}" if exc.status_code == 404 else str(exc.detail)
        return error(request, exc.status_code, message)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        log.error("%s", exc)
        return error(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse({"error": f"internal error ({type(exc).__name__}); this is a bug in zhibiao"},
                            status_code=500)

    @app.middleware("http")
    async def timing(request: Request, call_next):
        started = time.perf_counter()
        raw = request.scope.get("query_string", b"")
        if b"=&" in raw + b"&":  # a filter form sends the fields left blank as empty parameters: they filter nothing
            request.scope["query_string"] = b"&".join(p for p in raw.split(b"&") if p and not p.endswith(b"="))
        response = await call_next(request)
        response.headers["Server-Timing"] = f"app;dur={(time.perf_counter() - started) * 1000:.1f}"
        if _wants_json(request) or request.url.path == "/openapi.json":
            response.headers["Access-Control-Allow-Origin"] = "*"  # a read-only API: any page may read it
        return response

    # -- overview, catalogue --------------------------------------------------------------------

    @app.get("/overview.json", summary="Latest value, trend, period, age and sources of the key indicators, "
                                        "for one region (全国 unless asked)")
    def overview_json(region: RegionQ = None):
        return data(views.overview, region=region)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(request: Request, region: RegionQ = None):
        return page(request, "overview.html", data(views.overview, region=region))

    @app.get("/indicators.json", summary="The indicator catalogue with fact and document counts")
    def indicators_json():
        return data(views.indicators)

    @app.get("/indicators", response_class=HTMLResponse, include_in_schema=False)
    def indicators_page(request: Request):
        return page(request, "indicators.html", data(views.indicators))

    # -- indicator ------------------------------------------------------------------------------

    def indicator_data(key, measure, region, period_type, limit, offset, range_, start, end) -> dict:
        return data(views.indicator, key, measure=measure, region=region, period_type=period_type, limit=limit,
                    offset=offset, range=range_, start=start, end=end)

    @app.get("/indicator/{key}.json", summary="One indicator (id, alias or subject): chart series, metadata, facts")
    def indicator_json(key: str, measure: MeasureQ = None, region: RegionQ = None, period_type: PeriodTypeQ = None,
                       limit: LimitQ = views.DEFAULT_LIMIT, offset: OffsetQ = 0, range: RangeQ = None,  # noqa: A002
                       start: DateQ = None, end: DateQ = None):
        return indicator_data(key, measure, region, period_type, limit, offset, range, start, end)

    @app.get("/indicator/{key}.csv", summary="What the indicator page charts, as a tidy CSV (UTF-8 with BOM)",
             response_class=Response)
    def indicator_csv(key: str, measure: MeasureQ = None, region: RegionQ = None, period_type: PeriodTypeQ = None,
                      range: RangeQ = None, start: DateQ = None, end: DateQ = None,  # noqa: A002
                      chart: ChartQ = None):
        d = indicator_data(key, measure, region, period_type, 1, 0, range, start, end)
        rows = downloads.tidy_rows(views.charted_series(d, chart))
        name = f"{d['indicator']['id'] if d['indicator']['kind'] == 'indicator' else 'subject'}{'-' + chart if chart else ''}"
        return _download(downloads.csv_text(rows, downloads.TIDY_COLUMNS), "text/csv; charset=utf-8", name + ".csv")

    @app.get("/indicator/{key}.xlsx", summary="What the indicator page charts, as an Excel workbook",
             response_class=Response)
    def indicator_xlsx(key: str, measure: MeasureQ = None, region: RegionQ = None, period_type: PeriodTypeQ = None,
                       range: RangeQ = None, start: DateQ = None, end: DateQ = None,  # noqa: A002
                       chart: ChartQ = None):
        d = indicator_data(key, measure, region, period_type, 1, 0, range, start, end)
        rows = downloads.tidy_rows(views.charted_series(d, chart))
        name = f"{d['indicator']['id'] if d['indicator']['kind'] == 'indicator' else 'subject'}{'-' + chart if chart else ''}"
        return _download(downloads.xlsx_bytes(rows, downloads.TIDY_COLUMNS), XLSX, name + ".xlsx")

    @app.get("/indicator/{key}/regions.json", summary="The provinces ranked by one indicator in one period, with map data")
    def regions_json(key: str, measure: MeasureQ = None, period: PeriodQ = None):
        return data(views.regions, key, measure=measure, period=period)

    @app.get("/indicator/{key}/regions", response_class=HTMLResponse, include_in_schema=False)
    def regions_page(request: Request, key: str, measure: MeasureQ = None, period: PeriodQ = None):
        return page(request, "regions.html", data(views.regions, key, measure=measure, period=period))

    @app.get("/indicator/{key}", response_class=HTMLResponse, include_in_schema=False)
    def indicator_page(request: Request, key: str, measure: MeasureQ = None, region: RegionQ = None,
                       period_type: PeriodTypeQ = None, limit: LimitQ = views.DEFAULT_LIMIT, offset: OffsetQ = 0,
                       range: RangeQ = None, start: DateQ = None, end: DateQ = None):  # noqa: A002
        d = indicator_data(key, measure, region, period_type, limit, offset, range, start, end)
        return page(request, "indicator.html", d)

    @app.get("/region/{name}.json", summary="What is known about one region: each series' latest value")
    def region_json(name: str):
        return data(views.region, name)

    @app.get("/region/{name}", response_class=HTMLResponse, include_in_schema=False)
    def region_page(request: Request, name: str):
        return page(request, "region.html", data(views.region, name))

    # -- compare --------------------------------------------------------------------------------

    def compare_data(indicators, regions, measure, period_type, range_, start, end) -> dict:
        return data(views.compare, indicators or "", regions=regions, measure=measure, period_type=period_type,
                    range=range_, start=start, end=end)

    @app.get("/compare.json", summary="Several indicators and regions on one time axis")
    def compare_json(indicators: ListQ = None, regions: ListQ = None, measure: MeasureQ = None,
                     period_type: PeriodTypeQ = None, range: RangeQ = None,  # noqa: A002
                     start: DateQ = None, end: DateQ = None):
        return compare_data(indicators, regions, measure, period_type, range, start, end)

    @app.get("/compare.csv", summary="The compared series as a tidy CSV (UTF-8 with BOM)", response_class=Response)
    def compare_csv(indicators: ListQ = None, regions: ListQ = None, measure: MeasureQ = None,
                    period_type: PeriodTypeQ = None, range: RangeQ = None,  # noqa: A002
                    start: DateQ = None, end: DateQ = None):
        d = compare_data(indicators, regions, measure, period_type, range, start, end)
        rows = downloads.tidy_rows(d["series"])
        return _download(downloads.csv_text(rows, downloads.TIDY_COLUMNS), "text/csv; charset=utf-8",
                         d["download_name"] + ".csv")

    @app.get("/compare.xlsx", summary="The compared series as an Excel workbook", response_class=Response)
    def compare_xlsx(indicators: ListQ = None, regions: ListQ = None, measure: MeasureQ = None,
                     period_type: PeriodTypeQ = None, range: RangeQ = None,  # noqa: A002
                     start: DateQ = None, end: DateQ = None):
        d = compare_data(indicators, regions, measure, period_type, range, start, end)
        rows = downloads.tidy_rows(d["series"])
        return _download(downloads.xlsx_bytes(rows, downloads.TIDY_COLUMNS), XLSX, d["download_name"] + ".xlsx")

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    def compare_page(request: Request, indicators: ListQ = None, regions: ListQ = None, measure: MeasureQ = None,
                     period_type: PeriodTypeQ = None, range: RangeQ = None,  # noqa: A002
                     start: DateQ = None, end: DateQ = None):
        if not indicators:
            return page(request, "compare.html", {"series": [], "axes": [], "view": {}, "ranges": [],
                                                  "catalogue": [{"id": i.id, "name_zh": i.name_zh}
                                                                for i in store.catalogue],
                                                  "provinces": list(views.display.provinces())})
        return page(request, "compare.html", compare_data(indicators, regions, measure, period_type, range,
                                                          start, end))

    # -- facts ----------------------------------------------------------------------------------

    def facts_args(indicator, subject, measure, region, period_type, doc, derived, year=None, host=None) -> dict:
        return {"indicator": indicator, "subject": subject, "measure": measure, "region": region,
                "period_type": period_type, "doc": doc, "derived": derived, "year": year, "host": host}

    @app.get("/facts.json", summary="Stored facts, filtered and paged, with provenance")
    def facts_json(indicator: Text = None, subject: Text = None, measure: MeasureQ = None, region: RegionQ = None,
                   period_type: PeriodTypeQ = None, doc: Text = None, derived: bool | None = None,
                   year: YearQ = None, host: HostQ = None, limit: LimitQ = views.DEFAULT_LIMIT, offset: OffsetQ = 0):
        return data(views.facts, **facts_args(indicator, subject, measure, region, period_type, doc, derived, year,
                                              host), limit=limit, offset=offset)

    @app.get("/facts.csv", summary="Stored facts, filtered, as CSV", response_class=Response)
    def facts_csv(indicator: Text = None, subject: Text = None, measure: MeasureQ = None, region: RegionQ = None,
                  period_type: PeriodTypeQ = None, doc: Text = None, derived: bool | None = None,
                  year: YearQ = None, host: HostQ = None):
        text = data(views.facts_csv, **facts_args(indicator, subject, measure, region, period_type, doc, derived,
                                                  year, host))
        return _download(text, "text/csv; charset=utf-8", "facts.csv")

    @app.get("/facts", response_class=HTMLResponse, include_in_schema=False)
    def facts_page(request: Request, indicator: Text = None, subject: Text = None, measure: MeasureQ = None,
                   region: RegionQ = None, period_type: PeriodTypeQ = None, doc: Text = None,
                   derived: bool | None = None, year: YearQ = None, host: HostQ = None,
                   limit: LimitQ = views.DEFAULT_LIMIT, offset: OffsetQ = 0):
        d = data(views.facts, **facts_args(indicator, subject, measure, region, period_type, doc, derived, year, host),
                 limit=limit, offset=offset)
        return page(request, "facts.html", d)

    # -- evidence, documents --------------------------------------------------------------------

    @app.get("/evidence/{doc}/{seq}.json", summary="A fact in its document: highlighted sentence, copies")
    def evidence_json(doc: str, seq: int):
        return data(views.evidence, doc, seq)

    @app.get("/evidence/{doc}/{seq}", response_class=HTMLResponse, include_in_schema=False)
    def evidence_page(request: Request, doc: str, seq: int):
        return page(request, "evidence.html", data(views.evidence, doc, seq))

    @app.get("/document/{doc}.json", summary="A document's cleaned text with its facts marked")
    def document_json(doc: str):
        return data(views.evidence, doc)

    @app.get("/document/{doc}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(request: Request, doc: str):
        return page(request, "evidence.html", data(views.evidence, doc))

    @app.get("/documents.json", summary="Stored documents with their story and number of copies")
    def documents_json(limit: LimitQ = views.DEFAULT_LIMIT, offset: OffsetQ = 0, year: YearQ = None,
                       host: HostQ = None, format: FormatQ = None, sort: SortQ = "-published"):  # noqa: A002
        return data(views.documents, limit=limit, offset=offset, year=year, host=host, format=format, sort=sort)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    def documents_page(request: Request, limit: LimitQ = views.DEFAULT_LIMIT, offset: OffsetQ = 0, year: YearQ = None,
                       host: HostQ = None, format: FormatQ = None, sort: SortQ = "-published"):  # noqa: A002
        return page(request, "documents.html", data(views.documents, limit=limit, offset=offset, year=year, host=host,
                                                    format=format, sort=sort))

    # -- search, conflicts ----------------------------------------------------------------------

    @app.get("/search.json", summary="Facts whose subject or quote contains every term of q")
    def search_json(q: SearchQ, limit: SearchLimitQ = 50, offset: OffsetQ = 0, indicator: Text = None,
                    region: RegionQ = None, period: PeriodQ = None):
        return data(views.search, q, limit=limit, offset=offset, indicator=indicator, region=region, period=period)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(request: Request, q: Annotated[str | None, Query(max_length=100)] = None,
                    limit: SearchLimitQ = 50, offset: OffsetQ = 0, indicator: Text = None, region: RegionQ = None,
                    period: PeriodQ = None):
        if q is None or not q.strip():
            return page(request, "search.html", {"query": q or "", "hits": None, "total": 0, "terms": [],
                                                 "filters": {}, "indicators": []})
        return page(request, "search.html", data(views.search, q, limit=limit, offset=offset, indicator=indicator,
                                                  region=region, period=period))

    @app.get("/conflicts.json", summary="Disagreeing cells, both quotes")
    def conflicts_json(indicator: Text = None):
        return data(views.conflicts, indicator=indicator)

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts_page(request: Request, indicator: Text = None):
        return page(request, "conflicts.html", data(views.conflicts, indicator=indicator))

    # -- the briefing ---------------------------------------------------------------------------

    @app.get("/report/{period}.json", summary="The briefing for a period: sections, sentences, figures and their sources")
    def report_json(period: str, region: ReportRegionQ = None):
        return data(report_views.report_json, period, region)

    @app.get("/report/{period}.md", summary="The briefing as Markdown, a footnote per figure", response_class=Response)
    def report_md(period: str, region: ReportRegionQ = None):
        return Response(data(report_views.report_markdown, period, region), media_type="text/markdown; charset=utf-8")

    @app.get("/report/{period}", response_class=HTMLResponse, include_in_schema=False)
    def report_page(request: Request, period: str, region: ReportRegionQ = None):
        return page(request, "report.html", data(report_views.report_page, period, region))

    env.globals["briefing_links"] = lambda: data(report_views.briefing_links)

    # -- what is new (zhibiao watch) -----------------------------------------------------------

    @app.get("/changes.json", summary="New facts since a time: revisions, conflicts, new periods, new figures")
    def changes_json(since: SinceQ = None):
        return data(watch_views.changes, since=since)

    @app.get("/changes.atom", summary="An Atom feed of newly stored documents and their facts",
             response_class=Response)
    def changes_atom(request: Request, since: SinceQ = None):
        text = watch_views.atom(data(watch_views.changes, since=since, atom=True), str(request.base_url))
        return Response(text, media_type="application/atom+xml; charset=utf-8")

    @app.get("/changes", response_class=HTMLResponse, include_in_schema=False)
    def changes_page(request: Request, since: SinceQ = None):
        return page(request, "changes.html", data(watch_views.changes, since=since))
    @app.get("/checks.json", summary="What does not add up in the series, per indicator, with quotes")
    def checks_json(indicator: Text = None):
        return data(views.checks, indicator=indicator)

    @app.get("/checks", response_class=HTMLResponse, include_in_schema=False)
    def checks_page(request: Request, indicator: Text = None):
        return page(request, "checks.html", data(views.checks, indicator=indicator))

    # -- the API itself -------------------------------------------------------------------------

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def api_page(request: Request):
        schema = app.openapi()
        routes = []
        for path, methods in schema.get("paths", {}).items():
            for method, op in methods.items():
                params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                           "description": p.get("description") or p.get("schema", {}).get("description", ""),
                           "type": _type_of(p.get("schema", {}))} for p in op.get("parameters", [])]
                routes.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                               "params": params})
        return page(request, "api.html", {"routes": routes, "title": schema["info"]["title"]})

    return app


def _type_of(schema: dict) -> str:
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return _type_of(option)
    return schema.get("type", "")
