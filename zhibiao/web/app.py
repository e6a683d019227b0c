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
    /changes?since=                 what is new         /changes.json           /changes.atom
    /checks                         what does not add up /checks.json
    /changes?since=                 what is new         /changes.json           /changes.atom (a feed)
    /api                            the routes, from    /openapi.json

Every HTML route and its twin call the same function in zhibiao.web.views (or report_views). Errors are
JSON on the `.json`/`.csv`/`.xlsx`/`.md`/`.atom` routes and a page elsewhere: 404 for an unknown indicator,
document or fact, 400 or 422 for a bad parameter, with a one-line `error`. Anything else is a bug: it is
logged and answered with a 500 whose body says so.

While the app holds the database open read-only, DuckDB keeps every writer out, so the data behind a
page cannot change: each answer's data and its rendered body (JSON, CSV or HTML) are cached (LRU). A
cache hit is answered on the event loop without a thread or a lock on the database. A miss is built in
a worker thread on a DuckDB cursor of the read-only connection (a connection serves one thread at a
time), lent from a small pool (`readers`), so a page being built never holds up a cached one.
"""

from __future__ import annotations

import json
import logging
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Annotated, Literal
from urllib.parse import quote as url_quote

from fastapi import FastAPI, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.gzip import GZipMiddleware

import zhibiao
from zhibiao.errors import StoreError
from zhibiao.handle import Store
from zhibiao.web import answers, labels, report_views, views
from zhibiao.web import changes as watch_views
from zhibiao.web.formatting import number, value_text
from zhibiao.web.middleware import SECURITY_HEADERS, TWIN_SUFFIXES, Hardened
from zhibiao.web.safety import from_path_key, hide_paths, json_for_html, safe_href

log = logging.getLogger("zhibiao.web")

MAX_OFFSET = 1_000_000_000
MAX_SEQ = 2**31 - 1
Measure = Literal["level", "growth", "growth_change", "share", "contribution", "pull"]
PeriodType = Literal["Y", "H", "Q", "M", "YTD", "point", "range"]
MeasureQ = Annotated[Measure | None, Query(description="level, growth, growth_change, share, contribution or pull")]
PeriodTypeQ = Annotated[PeriodType | None, Query(description="Y, H, Q, M, YTD, point or range")]
RegionQ = Annotated[str | None, Query(max_length=40, description="a region as stored, e.g. 全国 or 广东省")]
LimitQ = Annotated[int, Query(ge=1, le=views.MAX_LIMIT, description="rows per page")]
OffsetQ = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Text = Annotated[str | None, Query(max_length=200)]
SearchQ = Annotated[str, Query(min_length=1, max_length=100, description="subject or quote text; 简体或繁體")]
# Documented, not enforced: anything else is answered 400 naming the parameter (watch_views.parse_since);
# blank is the default, as a form's empty field is.
SinceQ = Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC); default: "
                                     "the last watch round that stored documents (the Atom feed: 30 days)",
                                     json_schema_extra={"pattern": r"^((19|20)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|1\d|2[0-8])"
                                                                   r"(T([01]\d|2[0-3]):[0-5]\d)?)?$"})]
SearchLimitQ = Annotated[int, Query(ge=1, le=500, description="hits per page")]
KeyP = Annotated[str, PathParam(description="an indicator id, an alias or a subject (`~` and base64url for "
                                            "one holding a `/`, as the pages link it)")]
DocP = Annotated[str, PathParam(description="a document id (`~` and base64url for one holding a `/`, as the "
                                            "pages link it)")]
SeqP = Annotated[int, PathParam(ge=0, le=MAX_SEQ, description="the fact's number in its document")]
RegionP = Annotated[str, PathParam(max_length=200, description="a region as stored, e.g. 广东省 (`~` and base64url "
                                                              "for one holding a `/`, as the pages link it)")]
# The pattern is documented, not enforced: a period it does not match is answered 400 with the spellings
# a briefing takes (zhibiao.report.PeriodError).
PeriodP = Annotated[str, PathParam(max_length=30, description="a period: 2025-H1, 2024, 2025-Q3, 2025-05",
                                   json_schema_extra={"pattern": r"^[1-9]\d{3}(-(H[12]|Q[1-4]|0[1-9]|1[0-2]))?$"})]
ReportRegionQ = Annotated[str | None, Query(max_length=40, description="全国 (default) or a province, e.g. 湖北省")]
RangeQ = Annotated[Literal["1y", "5y", "10y", "all"] | None,
                   Query(description="the last 1, 5 or 10 years up to the latest point, or all")]
# A blank parameter (a form's empty field) is dropped before validation (middleware.Hardened), so the
# patterns admit "" too.
DateQ = Annotated[str | None, Query(max_length=10, pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$",
                                    description="YYYY, YYYY-MM or YYYY-MM-DD")]
ChartQ = Annotated[str | None, Query(max_length=60, description="one chart's id (see the JSON twin's charts)")]
YearQ = Annotated[str | None, Query(max_length=4, pattern=r"^(\d{4})?$", description="year of the period")]
HostQ = Annotated[str | None, Query(max_length=100, description="site of the document's URL (local: none)")]
ListQ = Annotated[str | None, Query(max_length=400, description="comma-separated")]
IndicatorsQ = Annotated[str, Query(max_length=400, description="indicator ids, aliases or subjects, comma-separated "
                                                               "(at most 8 series: indicators × regions)",
                                   json_schema_extra={"pattern": r"[^,，\s]"})]
PeriodQ = Annotated[str | None, Query(max_length=30, description="a period: 2024, 2024-H1, 2024-05 …")]
FormatQ = Annotated[str | None, Query(max_length=20, description="document format: txt, html, jsonl …")]
SortQ = Annotated[Literal["published", "-published", "facts", "-facts", "title", "-title"],
                  Query(description="order; a leading - is descending")]

_PACKAGE = resources.files("zhibiao.web")
TEMPLATES = Path(str(_PACKAGE / "templates"))
STATIC = Path(str(_PACKAGE / "static"))
CACHE_SIZE = 256
# Pages built at once, each on its own DuckDB cursor. Building is mostly Python under the GIL, so on
# CPython a second builder adds little throughput and makes a cached answer wait longer for the GIL
# (benchmarks/web.py, 4 clients on uncached pages: cached /overview.json 1.7-2.4x its solo latency with
# one builder, 3.6-4.5x with two); DuckDB still runs each query on its own threads.
READERS = 1
JSON_TYPE = "application/json"
CSV_TYPE = "text/csv; charset=utf-8"
HTML_TYPE = "text/html; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MARKDOWN_TYPE = "text/markdown; charset=utf-8"
ATOM_TYPE = "application/atom+xml; charset=utf-8"
FILE_TYPES = {"csv": CSV_TYPE, "xlsx": XLSX_TYPE, "md": MARKDOWN_TYPE, "atom": ATOM_TYPE}


def _wants_json(request: Request) -> bool:
    return request.url.path.endswith(TWIN_SUFFIXES)


def _download(body: bytes, media_type: str, filename: str) -> Response:
    """A file to save: the file name in ASCII with the UTF-8 form beside it (RFC 6266)."""
    ascii_name = filename.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return Response(body, media_type=media_type, headers={
        "Content-Disposition": f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{url_quote(filename)}"})


def _bust(path: str) -> str:
    """A static file's URL with its modification time, so a new release is not served from cache."""
    try:
        return f"/static/{path}?v={int((STATIC / path).stat().st_mtime)}"
    except OSError:
        return f"/static/{path}"


def _json_default(value):
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if hasattr(value, "isoformat"):  # dates and times (when a watch round ran)
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def json_bytes(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, allow_nan=False, default=_json_default,
                      separators=(",", ":")).encode("utf-8")


@dataclass
class _Entry:
    """One cached answer: the page data, and its bodies as they were rendered (JSON, CSV, a template)."""

    data: dict
    bodies: dict[str, bytes] = field(default_factory=dict)


class _Readers:
    """A few read-only handles on the store (Store.reader: DuckDB cursors), lent one per build."""

    def __init__(self, store: Store, size: int):
        self.store = store
        self.size = size
        self.idle: queue.SimpleQueue[Store] = queue.SimpleQueue()
        self.made: list[Store] = []
        self.lock = threading.Lock()

    @contextmanager
    def lend(self):
        try:
            reader = self.idle.get_nowait()
        except queue.Empty:
            with self.lock:
                reader = self.store.reader() if len(self.made) < self.size else None
                if reader is not None:
                    self.made.append(reader)
            if reader is None:
                reader = self.idle.get()
        try:
            yield reader
        finally:
            self.idle.put(reader)

    def close(self) -> None:
        for reader in self.made:
            reader.close()
        self.made.clear()


def _docs(model, *errors: int) -> dict:
    """The OpenAPI `responses` of a JSON route: its model, and the errors it can answer."""
    out: dict = {200: {"model": model}} if model is not None else {}
    for status in (*errors, 422, 503):
        out[status] = {"model": answers.ValidationError if status == 422 else answers.Error,
                       "description": answers.ERRORS[status]}
    return out


@dataclass(frozen=True)
class _Kit:
    """What the route groups share: how to answer, render a page or an error, and the OpenAPI `responses`
    of the file routes (made for each app)."""

    answer: Callable
    page: Callable
    error: Callable
    csv_docs: dict
    xlsx_docs: dict
    md_docs: dict
    atom_docs: dict


class _Answers:
    """One app's answers: each views function's data and its rendered bodies, cached (LRU, `cache_size`),
    built on a reader lent by `pool`."""

    def __init__(self, store: Store, templates: Jinja2Templates, cache: OrderedDict[tuple, _Entry],
                 pool: _Readers, cache_size: int):
        self.store = store
        self.templates = templates
        self.env = templates.env
        self.cache = cache
        self.cache_lock = threading.Lock()  # held for a dictionary lookup or insert, never while building
        self.pool = pool
        self.cache_size = cache_size

    def kit(self) -> _Kit:
        return _Kit(
            answer=self.answer, page=self.page, error=self.error,
            csv_docs={200: {"content": {CSV_TYPE: {"schema": {"type": "string"}}},
                            "description": "CSV (UTF-8 with a BOM) with a header row; text cells a spreadsheet "
                                           "would run as a formula start with '"}},
            xlsx_docs={200: {"content": {XLSX_TYPE: {"schema": {"type": "string", "format": "binary"}}},
                             "description": "An Excel workbook: one sheet, a header row; text is never a formula"}},
            md_docs={200: {"content": {MARKDOWN_TYPE: {"schema": {"type": "string"}}},
                           "description": "Markdown, a footnote per figure"}},
            atom_docs={200: {"content": {ATOM_TYPE: {"schema": {"type": "string"}}},
                             "description": "An Atom 1.0 feed, one entry per new document"}})

    def render(self, template: str, context: dict) -> bytes:
        return self.env.get_template(template).render({"d": context}).encode("utf-8")

    def body_of(self, entry: _Entry, kind: str) -> bytes:
        """`kind` is "json", a file ("csv", "xlsx", "md": the data's field of that name) or a template name."""
        if kind not in entry.bodies:
            if kind == "json":
                entry.bodies[kind] = json_bytes(entry.data)
            elif kind in FILE_TYPES:
                body = entry.data[kind]
                entry.bodies[kind] = body.encode("utf-8") if isinstance(body, str) else body
            else:
                entry.bodies[kind] = self.render(kind, entry.data)
        return entry.bodies[kind]

    @staticmethod
    def respond(kind: str, body: bytes, entry: _Entry) -> Response:
        if kind == "json":
            return Response(body, media_type=JSON_TYPE)
        if kind in FILE_TYPES:
            if "name" in entry.data:
                return _download(body, FILE_TYPES[kind], entry.data["name"])
            return Response(body, media_type=FILE_TYPES[kind])
        return Response(body, media_type=HTML_TYPE)

    def build(self, key: tuple, kind: str, fn: Callable, args: tuple, kwargs: dict) -> tuple[bytes, _Entry]:
        with self.cache_lock:
            entry = self.cache.get(key)
        if entry is None:
            with self.pool.lend() as reader:
                entry = _Entry(fn(reader, *args, **kwargs))
        body = self.body_of(entry, kind)
        if self.cache_size > 0:
            with self.cache_lock:
                self.cache[key] = entry
                self.cache.move_to_end(key)
                while len(self.cache) > self.cache_size:
                    self.cache.popitem(last=False)
        return body, entry

    async def answer(self, kind: str, fn: Callable, *args, **kwargs) -> Response:
        """The answer of views function `fn` as `kind`: from the cache on the event loop, or built in a
        worker thread."""
        key = (fn.__module__, fn.__qualname__, args, tuple(sorted(kwargs.items())))
        with self.cache_lock:
            entry = self.cache.get(key)
            body = entry.bodies.get(kind) if entry is not None else None
            if body is not None:
                self.cache.move_to_end(key)
        if entry is not None and body is not None:
            return self.respond(kind, body, entry)
        built, fresh = await run_in_threadpool(self.build, key, kind, fn, args, kwargs)
        return self.respond(kind, built, fresh)

    def page(self, request: Request, template: str, context: dict, status: int = 200) -> HTMLResponse:
        return self.templates.TemplateResponse(request, template, {"d": context}, status_code=status)

    def error(self, request: Request, status: int, message: str, detail=None, headers=None) -> Response:
        message = hide_paths(message, self.store.path, Path(str(self.store.path)).resolve())
        if _wants_json(request):
            body = {"error": message}
            if detail is not None:
                body["detail"] = detail
            return JSONResponse(body, status_code=status, headers=headers)
        return self.page(request, "error.html", {"status": status, "error": message}, status)


def create_app(db_path: str | Path | None = None, *, store: Store | None = None,
               cache_size: int = CACHE_SIZE, readers: int = READERS) -> FastAPI:
    """The dashboard over the fact database at `db_path` (or an open `store`).

    Answers are cached (the last `cache_size` distinct requests): while the app holds the database
    open read-only, DuckDB keeps every writer out, so what a page shows cannot change under it.
    `readers` pages are built at once, each on its own cursor.
    """
    store = store or zhibiao.open(db_path)
    cache: OrderedDict[tuple, _Entry] = OrderedDict()
    pool = _Readers(store, max(1, readers))
    app = FastAPI(title="zhibiao 指标", version=zhibiao.__version__, docs_url=None, redoc_url=None,
                  description="Indicator facts from Chinese economic reports. Every dashboard page has a "
                              "JSON twin; these are they.")
    app.state.store = store
    app.state.cache = cache
    app.state.readers = pool
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.add_middleware(GZipMiddleware, minimum_size=1024, compresslevel=6)
    app.add_middleware(Hardened)
    templates = Jinja2Templates(directory=str(TEMPLATES))
    env = templates.env
    env.filters["num"] = number
    env.filters["value_text"] = value_text
    env.filters["q"] = views.q
    env.filters["safe_href"] = safe_href
    env.filters["json_script"] = lambda v: Markup(json_for_html(v))
    env.filters["tojson_script"] = json_for_html  # the older name, used as `|tojson_script|safe`
    env.globals.update(labels=labels, static=_bust, evidence_url=views.evidence_url,
                       document_url=views.document_url, indicator_url=views.indicator_url,
                       region_url=views.region_url,
                       version=zhibiao.__version__, db_name=Path(str(store.path)).name)

    kit = _Answers(store, templates, cache, pool, cache_size).kit()
    for register in (
        _error_routes,
        _overview_routes,
        _indicator_routes,
        _region_routes,
        _compare_routes,
        _facts_routes,
        _evidence_routes,
        _search_routes,
        _briefing_routes,
        _changes_routes,
        _api_routes,
    ):
        register(app, kit)  # in this order: FastAPI matches routes in the order they were added
    return app


def _error_routes(app: FastAPI, kit: _Kit) -> None:
    """The error answers: a page, or JSON on a twin route (see the module's docstring)."""
    error = kit.error

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
        detail = [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg")), "type": str(e.get("type"))}
                  for e in exc.errors()]
        return error(request, 422, "; ".join(problems) or "invalid request", detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        message = f"no such page: {request.url.path}" if exc.status_code == 404 else str(exc.detail)
        headers = dict(exc.headers or {})
        if exc.status_code == 405:
            headers["Allow"] = "GET, HEAD"  # every route is a GET, and HEAD is answered for each
            message = f"method {request.method} not allowed on {request.url.path} (GET or HEAD)"
        return error(request, exc.status_code, message, headers=headers or None)

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError):
        log.error("%s", exc)
        return error(request, 503, str(exc))

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception):
        log.exception("unhandled error on %s", request.url.path)
        return JSONResponse({"error": f"internal error ({type(exc).__name__}); this is a bug in zhibiao"},
                            status_code=500, headers=SECURITY_HEADERS)


def _overview_routes(app: FastAPI, kit: _Kit) -> None:
    """Overview and catalogue."""
    answer = kit.answer

    @app.get("/overview.json", summary="Latest value, trend, period, age and sources of the key indicators, "
                                        "for one region (全国 unless asked)",
             response_class=JSONResponse, responses=_docs(answers.Overview))
    async def overview_json(region: RegionQ = None):
        return await answer("json", views.overview, region=region)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def overview_page(region: RegionQ = None):
        return await answer("overview.html", views.overview, region=region)

    @app.get("/indicators.json", summary="The indicator catalogue with fact and document counts",
             response_class=JSONResponse, responses=_docs(answers.Indicators))
    async def indicators_json():
        return await answer("json", views.indicators)

    @app.get("/indicators", response_class=HTMLResponse, include_in_schema=False)
    async def indicators_page():
        return await answer("indicators.html", views.indicators)


def _indicator_routes(app: FastAPI, kit: _Kit) -> None:
    """One indicator: its page, its charted series as files, its provinces ranked."""
    answer, csv_docs, xlsx_docs = kit.answer, kit.csv_docs, kit.xlsx_docs

    def view_args(measure, region, period_type, range_, start, end) -> dict:
        return {"measure": measure, "region": region, "period_type": period_type, "range": range_, "start": start,
                "end": end}

    @app.get("/indicator/{key}.json", summary="One indicator (id, alias or subject): chart series, metadata, facts",
             response_class=JSONResponse, responses=_docs(answers.IndicatorPage, 404))
    async def indicator_json(key: KeyP, measure: MeasureQ = None, region: RegionQ = None,
                             period_type: PeriodTypeQ = None, limit: LimitQ = views.DEFAULT_LIMIT,
                             offset: OffsetQ = 0, range: RangeQ = None, start: DateQ = None,  # noqa: A002
                             end: DateQ = None):
        return await answer("json", views.indicator, from_path_key(key), limit=limit, offset=offset,
                            **view_args(measure, region, period_type, range, start, end))

    @app.get("/indicator/{key}.csv", summary="What the indicator page charts, as a tidy CSV (UTF-8 with BOM)",
             response_class=Response, responses={**csv_docs, **_docs(None, 404)})
    async def indicator_csv(key: KeyP, measure: MeasureQ = None, region: RegionQ = None,
                            period_type: PeriodTypeQ = None, range: RangeQ = None,  # noqa: A002
                            start: DateQ = None, end: DateQ = None, chart: ChartQ = None):
        return await answer("csv", views.indicator_file, from_path_key(key), "csv", chart=chart,
                            **view_args(measure, region, period_type, range, start, end))

    @app.get("/indicator/{key}.xlsx", summary="What the indicator page charts, as an Excel workbook",
             response_class=Response, responses={**xlsx_docs, **_docs(None, 404)})
    async def indicator_xlsx(key: KeyP, measure: MeasureQ = None, region: RegionQ = None,
                             period_type: PeriodTypeQ = None, range: RangeQ = None,  # noqa: A002
                             start: DateQ = None, end: DateQ = None, chart: ChartQ = None):
        return await answer("xlsx", views.indicator_file, from_path_key(key), "xlsx", chart=chart,
                            **view_args(measure, region, period_type, range, start, end))

    @app.get("/indicator/{key}/regions.json",
             summary="The provinces ranked by one indicator in one period, with map data",
             response_class=JSONResponse, responses=_docs(answers.Regions, 404))
    async def regions_json(key: KeyP, measure: MeasureQ = None, period: PeriodQ = None):
        return await answer("json", views.regions, from_path_key(key), measure=measure, period=period)

    @app.get("/indicator/{key}/regions", response_class=HTMLResponse, include_in_schema=False)
    async def regions_page(key: str, measure: MeasureQ = None, period: PeriodQ = None):
        return await answer("regions.html", views.regions, from_path_key(key), measure=measure, period=period)

    @app.get("/indicator/{key}", response_class=HTMLResponse, include_in_schema=False)
    async def indicator_page(key: str, measure: MeasureQ = None, region: RegionQ = None,
                             period_type: PeriodTypeQ = None, limit: LimitQ = views.DEFAULT_LIMIT,
                             offset: OffsetQ = 0, range: RangeQ = None, start: DateQ = None,  # noqa: A002
                             end: DateQ = None):
        return await answer("indicator.html", views.indicator, from_path_key(key), limit=limit, offset=offset,
                            **view_args(measure, region, period_type, range, start, end))


def _region_routes(app: FastAPI, kit: _Kit) -> None:
    """One region."""
    answer = kit.answer

    @app.get("/region/{name}.json", summary="What is known about one region: each series' latest value",
             response_class=JSONResponse, responses=_docs(answers.Region, 404))
    async def region_json(name: RegionP):
        return await answer("json", views.region, from_path_key(name))

    @app.get("/region/{name}", response_class=HTMLResponse, include_in_schema=False)
    async def region_page(name: RegionP):
        return await answer("region.html", views.region, from_path_key(name))


def _compare_routes(app: FastAPI, kit: _Kit) -> None:
    """Several indicators and regions side by side."""
    answer, csv_docs, xlsx_docs = kit.answer, kit.csv_docs, kit.xlsx_docs

    def compare_args(regions, measure, period_type, range_, start, end) -> dict:
        return {"regions": regions, "measure": measure, "period_type": period_type, "range": range_,
                "start": start, "end": end}

    @app.get("/compare.json", summary="Several indicators and regions on one time axis",
             response_class=JSONResponse, responses=_docs(answers.Compare, 400, 404))
    async def compare_json(indicators: IndicatorsQ, regions: ListQ = None, measure: MeasureQ = None,
                           period_type: PeriodTypeQ = None, range: RangeQ = None,  # noqa: A002
                           start: DateQ = None, end: DateQ = None):
        return await answer("json", views.compare, indicators,
                            **compare_args(regions, measure, period_type, range, start, end))

    @app.get("/compare.csv", summary="The compared series as a tidy CSV (UTF-8 with BOM)", response_class=Response,
             responses={**csv_docs, **_docs(None, 400, 404)})
    async def compare_csv(indicators: IndicatorsQ, regions: ListQ = None, measure: MeasureQ = None,
                          period_type: PeriodTypeQ = None, range: RangeQ = None,  # noqa: A002
                          start: DateQ = None, end: DateQ = None):
        return await answer("csv", views.compare_file, indicators, "csv",
                            **compare_args(regions, measure, period_type, range, start, end))

    @app.get("/compare.xlsx", summary="The compared series as an Excel workbook", response_class=Response,
             responses={**xlsx_docs, **_docs(None, 400, 404)})
    async def compare_xlsx(indicators: IndicatorsQ, regions: ListQ = None, measure: MeasureQ = None,
                           period_type: PeriodTypeQ = None, range: RangeQ = None,  # noqa: A002
                           start: DateQ = None, end: DateQ = None):
        return await answer("xlsx", views.compare_file, indicators, "xlsx",
                            **compare_args(regions, measure, period_type, range, start, end))

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    async def compare_page(indicators: ListQ = None, regions: ListQ = None, measure: MeasureQ = None,
                           period_type: PeriodTypeQ = None, range: RangeQ = None,  # noqa: A002
                           start: DateQ = None, end: DateQ = None):
        if not indicators:
            return await answer("compare.html", views.compare_form)
        return await answer("compare.html", views.compare, indicators,
                            **compare_args(regions, measure, period_type, range, start, end))


def _facts_routes(app: FastAPI, kit: _Kit) -> None:
    """Facts, filtered."""
    answer, csv_docs = kit.answer, kit.csv_docs

    def facts_args(indicator, subject, measure, region, period_type, doc, derived, year, host) -> dict:
        return {"indicator": indicator, "subject": subject, "measure": measure, "region": region,
                "period_type": period_type, "doc": doc, "derived": derived, "year": year, "host": host}

    @app.get("/facts.json", summary="Stored facts, filtered and paged, with provenance and facets",
             response_class=JSONResponse, responses=_docs(answers.Facts, 400, 404))
    async def facts_json(indicator: Text = None, subject: Text = None, measure: MeasureQ = None,
                         region: RegionQ = None, period_type: PeriodTypeQ = None, doc: Text = None,
                         derived: bool | None = None, year: YearQ = None, host: HostQ = None,
                         limit: LimitQ = views.DEFAULT_LIMIT, offset: OffsetQ = 0):
        return await answer("json", views.facts,
                            **facts_args(indicator, subject, measure, region, period_type, doc, derived, year, host),
                            limit=limit, offset=offset)

    @app.get("/facts.csv", summary="Stored facts, filtered, as CSV (UTF-8 with BOM)", response_class=Response,
             responses={**csv_docs, **_docs(None, 400)})
    async def facts_csv(indicator: Text = None, subject: Text = None, measure: MeasureQ = None,
                        region: RegionQ = None, period_type: PeriodTypeQ = None, doc: Text = None,
                        derived: bool | None = None, year: YearQ = None, host: HostQ = None):
        return await answer("csv", views.facts_csv_file,
                            **facts_args(indicator, subject, measure, region, period_type, doc, derived, year, host))

    @app.get("/facts", response_class=HTMLResponse, include_in_schema=False)
    async def facts_page(indicator: Text = None, subject: Text = None, measure: MeasureQ = None,
                         region: RegionQ = None, period_type: PeriodTypeQ = None, doc: Text = None,
                         derived: bool | None = None, year: YearQ = None, host: HostQ = None,
                         limit: LimitQ = views.DEFAULT_LIMIT, offset: OffsetQ = 0):
        return await answer("facts.html", views.facts,
                            **facts_args(indicator, subject, measure, region, period_type, doc, derived, year, host),
                            limit=limit, offset=offset)


def _evidence_routes(app: FastAPI, kit: _Kit) -> None:
    """Evidence and documents."""
    answer = kit.answer

    @app.get("/evidence/{doc}/{seq}.json", summary="A fact in its document: highlighted sentence, copies",
             response_class=JSONResponse, responses=_docs(answers.Evidence, 404))
    async def evidence_json(doc: DocP, seq: SeqP):
        return await answer("json", views.evidence, from_path_key(doc), seq)

    @app.get("/evidence/{doc}/{seq}", response_class=HTMLResponse, include_in_schema=False)
    async def evidence_page(doc: str, seq: SeqP):
        return await answer("evidence.html", views.evidence, from_path_key(doc), seq)

    @app.get("/document/{doc}.json", summary="A document's cleaned text with its facts marked",
             response_class=JSONResponse, responses=_docs(answers.Evidence, 404))
    async def document_json(doc: DocP):
        return await answer("json", views.evidence, from_path_key(doc))

    @app.get("/document/{doc}", response_class=HTMLResponse, include_in_schema=False)
    async def document_page(doc: str):
        return await answer("evidence.html", views.evidence, from_path_key(doc))

    @app.get("/documents.json", summary="Stored documents with their story and number of copies, with facets",
             response_class=JSONResponse, responses=_docs(answers.Documents, 400))
    async def documents_json(limit: LimitQ = views.DEFAULT_LIMIT, offset: OffsetQ = 0, year: YearQ = None,
                             host: HostQ = None, format: FormatQ = None,  # noqa: A002
                             sort: SortQ = "-published"):
        return await answer("json", views.documents, limit=limit, offset=offset, year=year, host=host,
                            format=format, sort=sort)

    @app.get("/documents", response_class=HTMLResponse, include_in_schema=False)
    async def documents_page(limit: LimitQ = views.DEFAULT_LIMIT, offset: OffsetQ = 0, year: YearQ = None,
                             host: HostQ = None, format: FormatQ = None,  # noqa: A002
                             sort: SortQ = "-published"):
        return await answer("documents.html", views.documents, limit=limit, offset=offset, year=year, host=host,
                            format=format, sort=sort)


def _search_routes(app: FastAPI, kit: _Kit) -> None:
    """Search and conflicts."""
    answer, page = kit.answer, kit.page

    @app.get("/search.json", summary="Facts whose subject or quote contains every term of q, or of the "
                                     "indicator q names", response_class=JSONResponse,
             responses=_docs(answers.Search, 404))
    async def search_json(q: SearchQ, limit: SearchLimitQ = 50, offset: OffsetQ = 0, indicator: Text = None,
                          region: RegionQ = None, period: PeriodQ = None):
        return await answer("json", views.search, q, limit=limit, offset=offset, indicator=indicator,
                            region=region, period=period)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    async def search_page(request: Request, q: Annotated[str | None, Query(max_length=100)] = None,
                          limit: SearchLimitQ = 50, offset: OffsetQ = 0, indicator: Text = None,
                          region: RegionQ = None, period: PeriodQ = None):
        if q is None or not q.strip():
            return page(request, "search.html", {"query": q or "", "hits": None, "total": 0, "terms": [],
                                                 "filters": {}, "indicators": []})
        return await answer("search.html", views.search, q, limit=limit, offset=offset, indicator=indicator,
                            region=region, period=period)

    @app.get("/conflicts.json", summary="Disagreeing cells, both quotes", response_class=JSONResponse,
             responses=_docs(answers.Conflicts, 404))
    async def conflicts_json(indicator: Text = None):
        return await answer("json", views.conflicts, indicator=indicator)

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    async def conflicts_page(indicator: Text = None):
        return await answer("conflicts.html", views.conflicts, indicator=indicator)


def _briefing_routes(app: FastAPI, kit: _Kit) -> None:
    """The briefing."""
    answer, md_docs = kit.answer, kit.md_docs

    @app.get("/report/{period}.json",
             summary="The briefing for a period: sections, sentences, figures and their sources",
             response_class=JSONResponse, responses=_docs(answers.Report, 400, 404))
    async def report_json(period: PeriodP, region: ReportRegionQ = None):
        return await answer("json", report_views.report_json, period, region)

    @app.get("/report/{period}.md", summary="The briefing as Markdown, a footnote per figure",
             response_class=Response, responses={**md_docs, **_docs(None, 400, 404)})
    async def report_md(period: PeriodP, region: ReportRegionQ = None):
        return await answer("md", report_views.report_markdown, period, region)

    @app.get("/report/{period}", response_class=HTMLResponse, include_in_schema=False)
    async def report_page(period: PeriodP, region: ReportRegionQ = None):
        return await answer("report.html", report_views.report_page, period, region)


def _changes_routes(app: FastAPI, kit: _Kit) -> None:
    """What is new (zhibiao watch), what does not add up."""
    answer, atom_docs = kit.answer, kit.atom_docs

    @app.get("/changes.json", summary="New facts since a time: revisions, conflicts, new periods, new figures",
             response_class=JSONResponse, responses=_docs(answers.Changes, 400))
    async def changes_json(since: SinceQ = None):
        return await answer("json", watch_views.changes, since=since)

    @app.get("/changes.atom", summary="An Atom feed of newly stored documents and their facts",
             response_class=Response, responses={**atom_docs, **_docs(None, 400)})
    async def changes_atom(request: Request, since: SinceQ = None):
        return await answer("atom", watch_views.feed, str(request.base_url), since=since)

    @app.get("/changes", response_class=HTMLResponse, include_in_schema=False)
    async def changes_page(since: SinceQ = None):
        return await answer("changes.html", watch_views.changes, since=since)

    @app.get("/checks.json", summary="What does not add up in the series, per indicator, with quotes",
             response_class=JSONResponse, responses=_docs(answers.Checks, 404))
    async def checks_json(indicator: Text = None):
        return await answer("json", views.checks, indicator=indicator)

    @app.get("/checks", response_class=HTMLResponse, include_in_schema=False)
    async def checks_page(indicator: Text = None):
        return await answer("checks.html", views.checks, indicator=indicator)


def _api_routes(app: FastAPI, kit: _Kit) -> None:
    """The API itself: the routes, from the OpenAPI schema."""
    page = kit.page

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


def _type_of(schema: dict) -> str:
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    for option in schema.get("anyOf", []):
        if option.get("type") != "null":
            return _type_of(option)
    return schema.get("type", "")
