"""The command line: a thin Typer layer over zhibiao.api."""

from __future__ import annotations

import json
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from zhibiao import api
from zhibiao.errors import ZhibiaoError
from zhibiao.ingest.read import is_supported
from zhibiao.models import Fact, ReadFailure
from zhibiao.series import PERIOD_TYPES
from zhibiao.store.paths import DEFAULT_DB, ENV_DB

if TYPE_CHECKING:  # pandas and the store load only for the commands that use them
    import pandas as pd

    from zhibiao.store import IngestReport

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="zhibiao: indicator facts from Chinese economic reports.")
err = Console(stderr=True)
PROGRESS_MIN_DOCS = 5


DbOption = Annotated[Path, typer.Option("--db", envvar=ENV_DB, help=f"The fact database (default {DEFAULT_DB}, or ${ENV_DB}).")]


@app.callback()
def main() -> None:
    """Extract statistical facts from Chinese economic reports and keep them in a fact database."""


def _fail(error: ZhibiaoError | ValueError) -> typer.Exit:
    err.print(f"[red]error[/red] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(code=1)


def _period_type(value: str | None) -> str | None:
    if value is None:
        return None
    for kind in PERIOD_TYPES:
        if value.lower() == kind.lower():
            return kind
    raise typer.BadParameter(f"{value!r}: expected one of {'|'.join(PERIOD_TYPES)}")


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}") from None


def _progress(label: str, total: int | None) -> Progress:
    """A progress bar on stderr for more than a handful of documents. It is redrawn by _ticker, not
    by a refresh thread: with no other thread running, --jobs N forks its workers from this process
    (zhibiao.parallel)."""
    return Progress(TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=err,
                    transient=True, auto_refresh=False,
                    disable=(total is not None and total <= PROGRESS_MIN_DOCS) or not err.is_terminal)


def _ticker(progress: Progress, total: int | None):
    """A function that moves the bar to n documents done, redrawing at most ten times a second."""
    task = progress.add_task("", total=total)
    last = 0.0

    def tick(n: int) -> None:
        nonlocal last
        now = time.monotonic()
        redraw = now - last >= 0.1 or n == total
        progress.update(task, completed=n, refresh=redraw)
        if redraw:
            last = now

    return tick


def _count_inputs(paths: list[Path]) -> int | None:
    """Documents to expect, for the progress bar; None when a stream (JSON Lines, Parquet, WARC) holds
    an unknown number."""
    n = 0
    for p in paths:
        files = [f for f in p.rglob("*") if not f.name.startswith(".")] if p.is_dir() else [p]
        for f in files:
            if f.suffix.lower() in (".txt", ".html", ".htm"):
                n += 1
            elif is_supported(f.name):
                return None
    return n


JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=0, help="Worker processes for extraction (0: one per CPU). Results are the same for any number.")]
GateOption = Annotated[bool, typer.Option("--gate/--no-gate", help="Skip documents with no number next to a unit or measure word before the full grammar (default on).")]


def _jobs(value: int) -> int:
    from zhibiao.parallel import default_jobs

    return value or default_jobs()


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .html, .jsonl[.gz|.zst], .parquet, .warc[.gz]).")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date YYYY-MM-DD for documents without one.")] = None,
    index: Annotated[Path | None, typer.Option(help="An index.json giving ids and dates.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl",
    jobs: JobsOption = 1,
    gate: GateOption = True,
) -> None:
    """Print the facts of documents as JSON Lines (FACTS.md records) or as a table.

    Example: zhibiao extract ../shared/corpus/dev --format table
    """
    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("--format must be jsonl or table")
    pub = _parse_date(date_)
    out = output.open("w", encoding="utf-8") if output else sys.stdout
    failures = 0
    facts_for_table: list[Fact] = []
    total = _count_inputs(paths)
    progress = _progress("extracting", total)
    try:
        with progress:
            tick = _ticker(progress, total)
            for n, item in enumerate(api.extract(paths, index=index, date=pub, jobs=_jobs(jobs), gate=gate), 1):
                tick(n)
                if isinstance(item, ReadFailure):
                    failures += 1
                    err.print(f"[red]error[/red] {item}", highlight=False, soft_wrap=True)
                    continue
                if fmt == "table":
                    facts_for_table.extend(item.facts)
                    continue
                for fact in item.facts:
                    out.write(json.dumps(fact.to_dict(), ensure_ascii=False) + "\n")
        if fmt == "table":
            Console(file=out, width=None if out.isatty() else 160).print(_table(facts_for_table))
    except ZhibiaoError as error:  # a worker process died
        raise _fail(error) from None
    finally:
        if output:
            out.close()
    if failures:
        err.print(f"{failures} document(s) could not be read", highlight=False)
        raise typer.Exit(code=1)


def _table(facts: list[Fact]) -> Table:
    table = Table(title=f"{len(facts)} facts", show_lines=False)
    for column in ("doc", "subject", "measure", "value", "unit", "qual.", "period", "basis", "region"):
        table.add_column(column, overflow="fold")
    for f in facts:
        value = f"{f.value:,.4g}" if abs(f.value) < 1e6 else f"{f.value:,.0f}"
        table.add_row(f.doc, f.subject, f.measure, value, f.unit, f.qualifier, f.period or "", f.basis or "",
                      f.region or "")
    return table


# ---------------------------------------------------------------------------------------------
# The fact database


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders, as for extract (.txt, .html, .jsonl[.gz|.zst], .parquet, .warc[.gz]).")],
    db: DbOption = Path(DEFAULT_DB),
    date_: Annotated[str | None, typer.Option("--date", help="Publication date YYYY-MM-DD for documents without one.")] = None,
    index: Annotated[Path | None, typer.Option(help="An index.json giving ids and dates.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract documents even when unchanged.")] = False,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Documents per transaction (a batch is also committed every 2 s).")] = 256,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Print a line per committed batch.")] = False,
    jobs: JobsOption = 1,
    gate: GateOption = True,
    engine: Annotated[str, typer.Option("--engine", help="local (this machine, --jobs workers) or ray (a Ray cluster, see --ray-address).")] = "local",
    ray_address: Annotated[str | None, typer.Option("--ray-address", help="With --engine ray: the cluster to join ('auto' inside a Ray job; default: start Ray on this machine).")] = None,
    ray_output: Annotated[Path | None, typer.Option("--ray-output", help="With --engine ray: keep the job's Parquet output in this folder (default: a temporary folder).")] = None,
) -> None:
    """Read, extract and store documents into the fact database (incremental: unchanged documents are
    skipped, changed ones replace their facts; documents with no statistical language are skipped by
    the gate).

    Example: zhibiao ingest examples/demo --db zhibiao.duckdb --jobs 2
    """
    if engine not in ("local", "ray"):
        raise typer.BadParameter("--engine must be local or ray")
    pub = _parse_date(date_)
    total = _count_inputs(paths)
    progress = _progress("ingesting", total)
    store = api.open(db)
    with progress:
        tick = _ticker(progress, total)

        def report(event: str, n: int) -> None:
            if event == "document":
                tick(n)
            elif verbose:
                err.print(f"committed {n} documents", highlight=False)

        try:
            if engine == "ray":
                from zhibiao.engines.ray import ingest_with_ray

                result = ingest_with_ray(store, paths, index=index, date=pub, force=force, batch_size=batch,
                                         progress=report, gate=gate, address=ray_address,
                                         num_cpus=jobs or None, output=ray_output)
            else:
                result = store.ingest(paths, index=index, date=pub, force=force, batch_size=batch, progress=report,
                                      jobs=_jobs(jobs), gate=gate)
        except ZhibiaoError as error:
            raise _fail(error) from None
    for failure in result.failures:
        err.print(f"[red]error[/red] {failure}", highlight=False, soft_wrap=True)
    if result.error:
        err.print(f"[red]error[/red] {result.error}", highlight=False, soft_wrap=True)
    err.print(_summary(result, db), highlight=False, soft_wrap=True)
    if result.gate.checked:
        err.print(result.gate.summary(), highlight=False, soft_wrap=True)
    if result.error:
        raise typer.Exit(code=1)
    if result.interrupted:
        raise typer.Exit(code=130)
    if result.failures:
        raise typer.Exit(code=1)


def _summary(r: IngestReport, db: Path) -> str:
    head = "interrupted: " if r.interrupted else ""
    gated = f", {r.gated} skipped by the gate" if r.gated else ""
    return (f"{head}{r.stored} document(s) stored ({r.added} new, {r.replaced} replaced), {r.unchanged} unchanged{gated}, "
            f"{len(r.failures)} failed; {r.facts} facts and {r.derived} derived facts -> {db}"
            + ("; run again to finish" if r.interrupted else ""))


FormatOption = Annotated[str, typer.Option("--format", help="table, csv or jsonl.")]


def _emit(df: pd.DataFrame, fmt: str, table: Table) -> None:
    if fmt not in ("table", "csv", "jsonl"):
        raise typer.BadParameter("--format must be table, csv or jsonl")
    try:
        if fmt == "table":
            Console(width=None if sys.stdout.isatty() else 200).print(table)
        else:
            from zhibiao import export

            export.write(df, fmt)
    except BrokenPipeError:  # `zhibiao facts --format jsonl | head`: the reader has what it wanted
        sys.stderr.close()
        raise typer.Exit(code=0) from None


def _num(value: float, unit: str | None = None) -> str:
    if unit in ("%", "pp"):
        text = f"{value:.2f}".rstrip("0")
        return text + "0" if text.endswith(".") else text
    return f"{value:,.4g}" if abs(value) < 1e6 else f"{value:,.0f}"


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


@app.command()
def indicators(
    db: DbOption = Path(DEFAULT_DB),
    used: Annotated[bool, typer.Option("--used", help="Only indicators with facts.")] = False,
    unlinked: Annotated[int, typer.Option("--unlinked", help="Also list the N most frequent subjects no indicator matches.")] = 0,
    fmt: FormatOption = "table",
) -> None:
    """List the indicator catalogue with the number of facts and documents linked to each.

    Example: zhibiao indicators --used
    """
    store = api.open(db)
    try:
        df = store.indicators()
        extra = store.unlinked_subjects(unlinked) if unlinked else None
    except ZhibiaoError as error:
        raise _fail(error) from None
    finally:
        store.close()
    if used:
        df = df[df["facts"] > 0]
    table = Table(title=f"{len(df)} indicators")
    for column in ("group", "id", "name_zh", "name_en", "measure", "unit", "facts", "docs", "scopes"):
        table.add_column(column, overflow="fold")
    for r in df.itertuples():
        table.add_row(r.group, r.id, r.name_zh, r.name_en, r.measure, r.unit, str(r.facts), str(r.documents),
                      r.scopes)
    _emit(df, fmt, table)
    if extra is not None and fmt == "table":
        t = Table(title=f"{len(extra)} most frequent unlinked subjects")
        for column in ("subject", "facts", "docs"):
            t.add_column(column)
        for r in extra.itertuples():
            t.add_row(r.subject, str(r.facts), str(r.documents))
        Console(width=None if sys.stdout.isatty() else 200).print(t)


@app.command()
def series(
    key: Annotated[str, typer.Argument(help="An indicator id (see `zhibiao indicators`), an alias, or a subject.")],
    db: DbOption = Path(DEFAULT_DB),
    measure: Annotated[str | None, typer.Option(help="level, growth, growth_change, share, contribution, pull (default: the indicator's).")] = None,
    region: Annotated[str | None, typer.Option(help="Only this region, e.g. 全国.")] = None,
    period_type: Annotated[str | None, typer.Option("--period-type", help="H, Q, M, Y, YTD, point or range.")] = None,
    basis: Annotated[str | None, typer.Option(help="Only this basis, e.g. yoy.")] = None,
    scope: Annotated[str | None, typer.Option(help="Only this scope of the indicator, e.g. 亿元以上 ('' for the unscoped facts).")] = None,
    fmt: FormatOption = "table",
) -> None:
    """Print a series ordered by period: the best source's value (the latest vintage where figures
    were revised, earlier ones listed), how many independent stories and copies state it, a
    conflict marker where sources disagree, and the best source's quote. Each scope of a programme
    (亿元以上, 50亿元以上 …) is a series of its own.

    Example: zhibiao series investment_promotion_projects --scope 亿元以上
    """
    store = api.open(db)
    try:
        df = store.series(key, measure=measure, region=region, period_type=_period_type(period_type), basis=basis,
                          scope=scope)
    except ZhibiaoError as error:
        raise _fail(error) from None
    finally:
        store.close()
    table = Table(title=f"{key}: {len(df)} periods", show_lines=True)
    for column in ("scope", "period", "measure", "region", "value", "unit", "qual.", "stories", "copies", "conflict", "source",
                   "quote"):
        table.add_column(column, overflow="fold", max_width=60 if column == "quote" else None)
    for r in df.itertuples():
        value = _num(r.value, r.unit) + (" (derived)" if r.derived else "")
        value += f"\n{r.vintage}" if _text(r.vintage) else ""
        value += f"\nearlier: {r.history}" if _text(r.history) else ""
        source = r.doc + (f"\n{r.published}" if r.published else "")
        table.add_row(_text(r.scope), r.period, r.measure + (f" {r.basis}" if _text(r.basis) else ""),
                      _text(r.region), value,
                      r.unit, r.qualifier, str(r.stories), str(r.copies), r.dissent, source,
                      r.derivation if r.derived else r.quote)
    _emit(df, fmt, table)


@app.command()
def facts(
    db: DbOption = Path(DEFAULT_DB),
    indicator: Annotated[str | None, typer.Option(help="An indicator id or alias.")] = None,
    subject: Annotated[str | None, typer.Option(help="A subject as the text names it.")] = None,
    measure: Annotated[str | None, typer.Option()] = None,
    period: Annotated[str | None, typer.Option(help="A period, e.g. 2024-H1 or 2024-01/2024-06.")] = None,
    period_type: Annotated[str | None, typer.Option("--period-type")] = None,
    region: Annotated[str | None, typer.Option()] = None,
    doc: Annotated[str | None, typer.Option(help="A document id.")] = None,
    derived: Annotated[bool | None, typer.Option("--derived/--stated", help="Only derived, or only stated facts.")] = None,
    scope: Annotated[str | None, typer.Option(help="Only facts of this scope, e.g. 重点培育 ('' for unscoped ones).")] = None,
    fmt: FormatOption = "table",
) -> None:
    """Print stored facts, filtered, with their document and quote.

    Example: zhibiao facts --indicator base_stations_5g --format jsonl
    """
    store = api.open(db)
    try:
        df = store.facts(indicator=indicator, subject=subject, measure=measure, period=period,
                         period_type=_period_type(period_type), region=region, doc=doc, derived=derived,
                         scope=scope)
    except ZhibiaoError as error:
        raise _fail(error) from None
    finally:
        store.close()
    table = Table(title=f"{len(df)} facts")
    for column in ("doc", "indicator", "subject", "measure", "value", "unit", "period", "region", "quote"):
        table.add_column(column, overflow="fold", max_width=50 if column == "quote" else None)
    for r in df.itertuples():
        linked = _text(r.indicator) + (f" ({_text(r.scope)})" if _text(r.scope) else "")
        table.add_row(r.doc, linked, r.subject, r.measure + (" (derived)" if r.derived else ""),
                      _num(r.value, r.unit), r.unit, _text(r.period), _text(r.region), r.quote)
    _emit(df, fmt, table)


@app.command()
def conflicts(
    db: DbOption = Path(DEFAULT_DB),
    indicator: Annotated[str | None, typer.Option(help="Only this indicator.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List cells (indicator or subject, measure, period, region) where independent stories state
    different values, or where a value implied by a stated change contradicts a stated one.

    Example: zhibiao conflicts --indicator gdp
    """
    store = api.open(db)
    try:
        df = store.conflicts(indicator=indicator)
    except ZhibiaoError as error:
        raise _fail(error) from None
    finally:
        store.close()
    table = Table(title=f"{len(df)} conflicts", show_lines=True)
    for column in ("what", "period", "region", "value", "source", "quote"):
        table.add_column(column, overflow="fold", max_width=60 if column == "quote" else None)
    for r in df.itertuples():
        what = f"{_text(r.indicator) or r.subject}\n{r.measure}" + (f" {r.basis}" if _text(r.basis) else "")
        table.add_row(what + f"\n({r.kind})", r.period, _text(r.region), f"{_num(r.value_a, r.unit)} {r.unit}\n{_num(r.value_b, r.unit)} {r.unit}",
                      f"{r.doc_a}\n{r.doc_b}", f"{r.quote_a}\n---\n{_text(r.derivation) or r.quote_b}")
    _emit(df, fmt, table)


@app.command()
def check(
    db: DbOption = Path(DEFAULT_DB),
    indicator: Annotated[str | None, typer.Option(help="Only this indicator.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List, per indicator, what does not add up: a half-year's growth outside the range of its
    quarters, a stated change that contradicts the figures it links, a share above 100 %, a monthly
    series that jumps while its text gives no reason; each with the quotes that state it.

    Example: zhibiao check --indicator industrial_value_added
    """
    import pandas as pd
    from rich.markup import escape

    store = api.open(db)
    try:
        findings = store.consistency(indicator=indicator)
    except ZhibiaoError as error:
        raise _fail(error) from None
    finally:
        store.close()
    records = []
    for f in findings:
        first, *others = f["figures"]
        records.append({"check": f["check"], "indicator": f["indicator"], "subject": f["subject"],
                        "measure": f["measure"], "region": f["region"], "period": f["period"],
                        "message": f["message"], "doc": first["doc"], "seq": first["seq"], "quote": first["quote"],
                        "other_figures": "; ".join(f"{o['period']} {o['value']:g} ({o['doc']}): {o['quote']}"
                                                   for o in others)})
    df = pd.DataFrame(records, columns=["check", "indicator", "subject", "measure", "region", "period", "message",
                                        "doc", "seq", "quote", "other_figures"])
    table = Table(title=f"{len(df)} findings", show_lines=True)
    for column in ("what", "check", "finding", "quotes"):
        table.add_column(column, overflow="fold", max_width=70 if column == "quotes" else None)
    for f in findings:
        quotes = "\n---\n".join(escape(f"{x['doc']}: {x['quote']}") for x in f["figures"])
        table.add_row(escape(f"{f['indicator'] or f['subject']}\n{f['region'] or ''}"), f["check"],
                      escape(f["message"]), quotes)
    _emit(df, fmt, table)


@app.command("export")
def export_(
    fmt: Annotated[str, typer.Option("--format", help="csv, parquet or jsonl.")],
    db: DbOption = Path(DEFAULT_DB),
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (needed for parquet; else stdout).")] = None,
    indicator: Annotated[str | None, typer.Option(help="Only facts of this indicator (id or alias).")] = None,
    series_key: Annotated[str | None, typer.Option("--series", help="Write this indicator's or subject's series instead of facts.")] = None,
    measure: Annotated[str | None, typer.Option()] = None,
    region: Annotated[str | None, typer.Option()] = None,
    period_type: Annotated[str | None, typer.Option("--period-type")] = None,
) -> None:
    """Write facts (or one series) with provenance columns: document id, url, title, publication
    date, story and quote.

    Example: zhibiao export --format parquet --indicator industrial_value_added -o iva.parquet
    """
    from zhibiao import export

    if fmt not in export.FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(export.FORMATS)}")
    if fmt == "parquet" and output is None:
        raise typer.BadParameter("parquet is binary: give an output file with -o")
    store = api.open(db)
    try:
        kind = _period_type(period_type)
        if series_key:
            df = store.series(series_key, measure=measure, region=region, period_type=kind)
        else:
            df = store.facts(indicator=indicator, measure=measure, region=region, period_type=kind)
        n = export.write(df, fmt, output)
    except BrokenPipeError:
        raise typer.Exit(code=0) from None
    except (ZhibiaoError, OSError) as error:
        raise _fail(error) from None
    finally:
        store.close()
    if output:
        err.print(f"{n} rows -> {output}", highlight=False)


@app.command()
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Start the web dashboard over the fact database: overview, indicator charts, evidence, search,
    conflicts; every page has a JSON twin (add .json), and /openapi.json describes them.

    Example: zhibiao serve --db zhibiao.duckdb --port 8000
    """
    if not db.is_file():
        raise _fail(ZhibiaoError(f"database {db} does not exist; create it with `zhibiao ingest PATH --db {db}`"))
    import uvicorn

    from zhibiao.web import create_app

    store = api.open(db)
    try:
        store.counts()  # open it now: a locked or foreign file is a one-line error, not a traceback per request
    except ZhibiaoError as error:
        raise _fail(error) from None
    err.print(f"serving {db} on http://{host}:{port}/ (Ctrl-C to stop)", highlight=False)
    uvicorn.run(create_app(store=store), host=host, port=port, log_level="warning")


if __name__ == "__main__":
    app()
