"""The command line: a thin Typer layer over zhibiao.api."""

from __future__ import annotations

import json
import re
import signal
import sys
import time
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TypedDict

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from zhibiao import api
from zhibiao.errors import ZhibiaoError
from zhibiao.ingest.read import survey
from zhibiao.models import Fact, ReadFailure
from zhibiao.period import PERIOD_TYPES
from zhibiao.store.paths import DEFAULT_DB, ENV_DB

if TYPE_CHECKING:  # pandas and the store load only for the commands that use them
    import pandas as pd

    from zhibiao.store.database import IngestReport

class _Command(typer.core.TyperCommand):
    """Typer's command, whose help names an argument by its metavar alone (PATH), not with its Python
    type beside it (<list[Path]>)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for param in self.params:
            if isinstance(param, typer.core.TyperArgument) and param.metavar:
                param.display_type_rich = _no_type

    def invoke(self, ctx):
        """An error that an interrupt caused is the interrupt: DuckDB turns the KeyboardInterrupt raised
        inside a query into its own error ("Query interrupted"), which must end the run as Ctrl-C does
        rather than as a traceback."""
        try:
            return super().invoke(ctx)
        except Exception as error:
            if not _INTERRUPT.requested or isinstance(error, (typer.Exit, typer.Abort, typer.TyperException)):
                raise
            err.print("interrupted", highlight=False)
            raise typer.Exit(code=130) from None


def _no_type(ctx=None) -> None:
    return None


app = typer.Typer(add_completion=False, no_args_is_help=True,
                  context_settings={"help_option_names": ["-h", "--help"]}, rich_markup_mode=None,
                  help="zhibiao: indicator facts from Chinese economic reports.")
err = Console(stderr=True)
PROGRESS_MIN_DOCS = 5


DbOption = Annotated[Path, typer.Option("--db", envvar=ENV_DB, metavar="FILE",
                                        help=f"The fact database (default {DEFAULT_DB}, or ${ENV_DB}).")]
TABLE_LIMIT = 100


def _version(value: bool) -> None:
    if value:
        from importlib import metadata

        try:
            version = metadata.version("zhibiao")
        except metadata.PackageNotFoundError:
            version = "unknown (not installed)"
        print(f"zhibiao {version}")
        raise typer.Exit()


class _Interrupt:
    """Whether Ctrl-C or SIGTERM has been received, so that an error a library raised in its place is
    known for what it is."""

    requested = False


_INTERRUPT = _Interrupt()


def _terminate(signum, frame) -> None:
    """SIGTERM (kill, a service manager, a container stopping) ends a run as Ctrl-C does: an ingest
    commits what it has and says so, workers stop with it."""
    _INTERRUPT.requested = True
    raise KeyboardInterrupt


@app.callback()
def main(
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Extract statistical facts from Chinese economic reports and keep them in a fact database."""
    signal.signal(signal.SIGTERM, _terminate)
    signal.signal(signal.SIGINT, _terminate)


# Characters a terminal acts on rather than shows: C0 and C1 controls (ANSI escape sequences start with
# ESC), DEL, and the bidirectional overrides that reorder what a line seems to say. Newline and tab stay.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _visible(text) -> str:
    """`text` with every control character spelt out (\\x1b), so documents cannot drive the terminal."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100
                        else f"\\u{ord(m.group()):04x}", str(text))


def _safe(text) -> str:
    """`text` for a rich markup string: controls spelt out, [brackets] shown as they are."""
    return escape(_visible(text))


def _cell(value) -> Text:
    """A table cell shown as written: rich markup ([red]) is text, not style; controls are spelt out."""
    return Text(_visible("" if value is None else value))


def _add(table: Table, *cells) -> None:
    table.add_row(*(_cell(c) for c in cells))


def _fail(error: ZhibiaoError | ValueError) -> typer.Exit:
    err.print(f"[red]error[/red] {_safe(error)}", highlight=False, soft_wrap=True)
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
    """Documents to expect, for the progress bar (None when a stream holds an unknown number); says
    which files inside the folders are passed over, so that nothing is skipped without a word."""
    found = survey(paths)
    if found.unsupported:
        kinds = sorted({f.suffix.lower() or "(no extension)" for f in found.unsupported})
        names = ", ".join(_visible(str(f)) for f in found.unsupported[:3]) + (
            ", ..." if len(found.unsupported) > 3 else "")
        err.print(f"note: {len(found.unsupported)} file(s) of types not read ({', '.join(kinds)}) passed over: {names}",
                  highlight=False, soft_wrap=True, markup=False)
    if found.annotations:
        names = ", ".join(_visible(str(f)) for f in found.annotations[:3]) + (
            ", ..." if len(found.annotations) > 3 else "")
        err.print(f"note: annotation files are not read as documents: {names} (name a file to read it)",
                  highlight=False, soft_wrap=True, markup=False)
    return found.documents


JobsOption = Annotated[int, typer.Option("--jobs", "-j", min=0, metavar="N",
                                         help="Worker processes for extraction (0: one per CPU). Results are the same "
                                              "for any number.")]
GateOption = Annotated[bool, typer.Option("--gate/--no-gate",
                                          help="Skip documents with no number next to a unit or measure word before "
                                               "the full grammar (default on).")]


def _jobs(value: int) -> int:
    from zhibiao.parallel import default_jobs

    return value or default_jobs()


@app.command(cls=_Command)
def extract(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH",
                                                help="Files or folders (.txt, .html, .jsonl[.gz|.zst], .parquet, "
                                                     ".warc[.gz]); - reads standard input.")],
    date_: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD",
                                              help="Publication date for documents without one.")] = None,
    index: Annotated[Path | None, typer.Option(metavar="FILE", help="An index.json giving ids and dates.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="FILE",
                                                help="Write to this file instead of stdout (written whole or not at "
                                                     "all).")] = None,
    fmt: Annotated[str, typer.Option("--format", metavar="jsonl|table",
                                     help="JSON Lines (FACTS.md records) or a table.")] = "jsonl",
    jobs: JobsOption = 1,
    gate: GateOption = True,
) -> None:
    """Print the facts of documents as JSON Lines (FACTS.md records) or as a table.

    Example: zhibiao extract ../shared/corpus/dev --format table
    """
    if fmt not in ("jsonl", "table"):
        raise typer.BadParameter("--format must be jsonl or table")
    pub = _parse_date(date_)
    total = _count_inputs(paths)
    try:
        if output is None:
            failures = _extract_to(sys.stdout, paths, index, pub, fmt, jobs, gate, total)
        else:
            from zhibiao.outfile import text_output

            with text_output(output) as out:
                failures = _extract_to(out, paths, index, pub, fmt, jobs, gate, total)
    except ZhibiaoError as error:  # a worker process died, an output file that cannot be written
        raise _fail(error) from None
    except BrokenPipeError:  # `zhibiao extract corpus | head`
        sys.stderr.close()
        raise typer.Exit(code=0) from None
    except KeyboardInterrupt:
        err.print("interrupted" + (f"; {output} not written" if output else ""), highlight=False)
        raise typer.Exit(code=130) from None
    if failures:
        err.print(f"{failures} document(s) could not be read", highlight=False)
        raise typer.Exit(code=1)


def _extract_to(out, paths: list[Path], index: Path | None, pub: date | None, fmt: str, jobs: int, gate: bool,
                total: int | None) -> int:
    """Write the facts of the documents to `out`; return how many documents could not be read."""
    failures = 0
    facts_for_table: list[Fact] = []
    with _progress("extracting", total) as progress:
        tick = _ticker(progress, total)
        for n, item in enumerate(api.extract(paths, index=index, date=pub, jobs=_jobs(jobs), gate=gate), 1):
            tick(n)
            if isinstance(item, ReadFailure):
                failures += 1
                err.print(f"error: {_visible(str(item))}", highlight=False, soft_wrap=True, markup=False)
                continue
            if fmt == "table":
                facts_for_table.extend(item.facts)
                continue
            for fact in item.facts:
                out.write(json.dumps(fact.to_dict(), ensure_ascii=False) + "\n")
    if fmt == "table":
        Console(file=out, width=None if out.isatty() else 160).print(_table(facts_for_table))
    return failures


def _table(facts: list[Fact]) -> Table:
    table = Table(title=f"{len(facts)} facts", show_lines=False)
    for column in ("doc", "subject", "measure", "value", "unit", "qual.", "period", "basis", "region"):
        table.add_column(column, overflow="fold")
    for f in facts:
        value = _num(f.value, f.unit)
        _add(table, f.doc, f.subject, f.measure, value, f.unit, f.qualifier, f.period or "", f.basis or "",
                      f.region or "")
    return table


# ---------------------------------------------------------------------------------------------
# The fact database


def _stop_on(error: Exception, db: Path) -> None:
    """An error during an ingest: an interrupt that surfaced inside a query (exit 130), or a one-line
    failure; anything else is left to raise."""
    if _INTERRUPT.requested:  # inside a query: DuckDB rolled the open batch back, what was committed stays
        err.print(f"interrupted; batches committed before it are kept -> {db}", highlight=False,
                  soft_wrap=True)
        raise typer.Exit(code=130) from None
    if isinstance(error, ZhibiaoError):
        raise _fail(error) from None


def _print_outcome(result, db: Path) -> None:
    """What an ingest did: each unreadable file, the error that stopped it, the summary, the gate's count."""
    for failure in result.failures:
        err.print(f"error: {_visible(str(failure))}", highlight=False, soft_wrap=True, markup=False)
    if result.error:
        err.print(f"[red]error[/red] {_safe(result.error)}", highlight=False, soft_wrap=True)
    err.print(_safe(_summary(result, db)), highlight=False, soft_wrap=True)
    if result.gate.checked:
        err.print(result.gate.summary(), highlight=False, soft_wrap=True)


@app.command(cls=_Command)
def ingest(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH",
                                                help="Files or folders, as for extract (.txt, .html, "
                                                     ".jsonl[.gz|.zst], .parquet, .warc[.gz]); - reads standard "
                                                     "input.")],
    db: DbOption = Path(DEFAULT_DB),
    date_: Annotated[str | None, typer.Option("--date", metavar="YYYY-MM-DD",
                                              help="Publication date for documents without one.")] = None,
    index: Annotated[Path | None, typer.Option(metavar="FILE", help="An index.json giving ids and dates.")] = None,
    force: Annotated[bool, typer.Option("--force", help="Re-extract documents even when unchanged.")] = False,
    prune: Annotated[bool, typer.Option("--prune",
                                        help="Then remove stored documents whose source file under these paths is "
                                             "gone (see `zhibiao prune`).")] = False,
    batch: Annotated[int, typer.Option("--batch", min=1, metavar="N",
                                       help="Documents per transaction (a batch is also committed every 2 s).")] = 256,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Print a line per committed batch.")] = False,
    jobs: JobsOption = 1,
    gate: GateOption = True,
    engine: Annotated[str, typer.Option("--engine", metavar="local|ray",
                                        help="local (this machine, --jobs workers) or ray (a Ray cluster, see "
                                             "--ray-address).")] = "local",
    ray_address: Annotated[str | None, typer.Option("--ray-address", metavar="ADDRESS",
                                                    help="With --engine ray: the cluster to join ('auto' inside a Ray "
                                                         "job; default: start Ray on this machine).")] = None,
    ray_output: Annotated[Path | None, typer.Option("--ray-output", metavar="FOLDER",
                                                    help="With --engine ray: keep the job's Parquet output in this "
                                                         "folder (default: a temporary folder).")] = None,
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
        except KeyboardInterrupt:  # before the store's loop began: nothing was stored
            err.print(f"interrupted before the first document was stored -> {db}", highlight=False, soft_wrap=True)
            raise typer.Exit(code=130) from None
        except Exception as error:
            _stop_on(error, db)
            raise
    _print_outcome(result, db)
    if prune and not result.interrupted and not result.error:
        _prune(store, paths, dry_run=False)
    if result.error:
        raise typer.Exit(code=1)
    if result.interrupted:
        raise typer.Exit(code=130)
    if result.failures:
        raise typer.Exit(code=1)


def _summary(r: IngestReport, db: Path) -> str:
    head = "interrupted: " if r.interrupted else ""
    gated = f", {r.gated} skipped by the gate" if r.gated else ""
    return (f"{head}{r.stored} document(s) stored ({r.added} new, {r.replaced} replaced), "
            f"{r.unchanged} unchanged{gated}, {len(r.failures)} failed; "
            f"{r.facts} facts and {r.derived} derived facts -> {db}"
            + ("; run again to finish" if r.interrupted else ""))


FormatOption = Annotated[str, typer.Option("--format", metavar="table|csv|jsonl",
                                           help="A table for reading, CSV or JSON Lines for other tools.")]
LimitOption = Annotated[int | None, typer.Option("--limit", min=0, metavar="N",
                                                 help=f"At most N rows (0: all; default {TABLE_LIMIT} in a table, all "
                                                      "in csv and jsonl).")]
MeasureOption = Annotated[str | None, typer.Option(metavar="MEASURE",
                                                   help="level, growth, growth_change, share, contribution or pull.")]
RegionOption = Annotated[str | None, typer.Option(metavar="REGION", help="Only this region, e.g. 全国 or 广东省.")]
PeriodTypeOption = Annotated[str | None, typer.Option("--period-type", metavar="TYPE",
                                                      help="Only this period type: H, Q, M, Y, YTD, point or range.")]


def _limit(limit: int | None, fmt: str) -> int | None:
    """Rows to show: --limit, else TABLE_LIMIT in a table and all in csv/jsonl (None: all)."""
    if limit is None:
        return TABLE_LIMIT if fmt == "table" else None
    return limit or None


def _shown(df: pd.DataFrame, limit: int | None, total: int | None = None) -> tuple[pd.DataFrame, str]:
    """The first `limit` rows and a note on what was left out ("" when nothing was)."""
    total = len(df) if total is None else total
    if limit is None or total <= limit:
        return df, ""
    return df.head(limit), f"showing {limit:,} of {total:,} rows; --limit N for more, --limit 0 for all"


def _check_measure(measure: str | None) -> None:
    from zhibiao.models import MEASURES

    if measure is not None and measure not in MEASURES:
        raise typer.BadParameter(f"unknown measure {measure!r}: expected one of {', '.join(MEASURES)}",
                                 param_hint="--measure")


def _check_key(store, key: str, what: str) -> None:
    """An indicator id, alias or stored subject; anything else is a one-line error, not an empty table."""
    if store.catalogue.get(key) is None and store.count_facts(subject=key) == 0:
        raise _fail(ZhibiaoError(f"unknown {what} {key!r}: neither an indicator id or alias nor a stored subject; "
                                 "see `zhibiao indicators` (--unlinked N lists subjects)"))


def _emit(df: pd.DataFrame, fmt: str, table: Table, note: str = "") -> None:
    if fmt not in ("table", "csv", "jsonl"):
        raise typer.BadParameter("--format must be table, csv or jsonl")
    if note:
        err.print(note, highlight=False, soft_wrap=True, markup=False)
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
    """One way to write a number in every table: thousands separated, no exponent, at most the
    decimals it has (up to four; two for rates), 16,100 beside 7,952 and 3.8."""
    if value != value:
        return ""
    decimals = 2 if unit in ("%", "pp") else 4
    text = f"{value:,.{decimals}f}"
    if "." in text:
        text = text.rstrip("0")
        if text.endswith("."):  # a whole number: 5.0 for a rate, 16,100 for an amount
            text = text + "0" if unit in ("%", "pp") else text[:-1]
    return "0" if text in ("-0", "-0.0") else text


def _day(value) -> str:
    """A publication date as YYYY-MM-DD ("" when unknown: None or NaT, which is not equal to itself)."""
    return value.strftime("%Y-%m-%d") if value is not None and value == value else ""


def _text(value) -> str:
    return "" if value is None or (isinstance(value, float) and value != value) else str(value)


@app.command(cls=_Command)
def indicators(
    db: DbOption = Path(DEFAULT_DB),
    used: Annotated[bool, typer.Option("--used", help="Only indicators with facts.")] = False,
    unlinked: Annotated[int, typer.Option("--unlinked", metavar="N",
                                          help="Also list the N most frequent subjects no indicator matches.")] = 0,
    fmt: FormatOption = "table",
    limit: LimitOption = None,
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
    df, note = _shown(df, _limit(limit, fmt))
    table = Table(title=f"{len(df)} indicators")
    for column in ("group", "id", "name_zh", "name_en", "measure", "unit", "facts", "docs", "scopes"):
        table.add_column(column, overflow="fold")
    for r in df.itertuples():
        _add(table, r.group, r.id, r.name_zh, r.name_en, r.measure, r.unit, _num(r.facts), _num(r.documents),
                      r.scopes)
    _emit(df, fmt, table, note)
    if extra is not None and fmt == "table":
        t = Table(title=f"{len(extra)} most frequent unlinked subjects")
        for column in ("subject", "facts", "docs"):
            t.add_column(column)
        for r in extra.itertuples():
            _add(t, r.subject, _num(r.facts), _num(r.documents))
        Console(width=None if sys.stdout.isatty() else 200).print(t)


@app.command(cls=_Command)
def series(
    key: Annotated[str, typer.Argument(metavar="KEY",
                                       help="An indicator id (see `zhibiao indicators`), an alias, or a subject.")],
    db: DbOption = Path(DEFAULT_DB),
    measure: Annotated[str | None, typer.Option(metavar="MEASURE",
                                                help="level, growth, growth_change, share, contribution or pull "
                                                     "(default: the indicator's).")] = None,
    region: Annotated[str | None, typer.Option(metavar="REGION",
                                               help="Only this region (default: 全国 when the series has it, else the "
                                                    "region with most periods; 'all' for every region).")] = None,
    period_type: PeriodTypeOption = None,
    basis: Annotated[str | None, typer.Option(metavar="BASIS",
                                              help="Only this basis of growth (default: yoy when the series has it, "
                                                   "else the commonest; 'all' for every basis).")] = None,
    scope: Annotated[str | None, typer.Option(metavar="SCOPE",
                                              help="Only this scope of the indicator, e.g. 亿元以上 "
                                                   "('' for the unscoped facts).")] = None,
    fmt: FormatOption = "table",
    limit: LimitOption = None,
) -> None:
    """Print a series ordered by period: the best source's value (the latest vintage where figures
    were revised, earlier ones listed), how many independent stories and copies state it, a
    conflict marker where sources disagree, and the best source's quote. Each scope of a programme
    (亿元以上, 50亿元以上 …) is a series of its own. One region and one basis unless asked otherwise;
    the choice is said on stderr.

    Example: zhibiao series investment_promotion_projects --scope 亿元以上
    """
    _check_measure(measure)
    store = api.open(db)
    try:
        _check_key(store, key, "series key")
        df = store.series(key, measure=measure, region=None if region in (None, "all") else region,
                          period_type=_period_type(period_type), basis=None if basis in (None, "all") else basis,
                          scope=scope)
    except ZhibiaoError as error:
        raise _fail(error) from None
    finally:
        store.close()
    df, chosen = _default_cut(df, region, basis)
    if chosen:
        err.print(chosen, highlight=False, soft_wrap=True, markup=False)
    if df.empty:
        err.print(f"no periods of {_visible(key)} match these filters", highlight=False, soft_wrap=True, markup=False)
    df, note = _shown(df, _limit(limit, fmt))
    table = Table(title=f"{_safe(key)}: {len(df)} periods", show_lines=True)
    for column in ("scope", "period", "measure", "region", "value", "unit", "qual.", "stories", "copies", "conflict",
                   "source", "quote"):
        table.add_column(column, overflow="fold", max_width=60 if column == "quote" else None)
    for r in df.itertuples():
        value = _num(r.value, r.unit) + (" (derived)" if r.derived else "")
        value += f"\n{r.vintage}" if _text(r.vintage) else ""
        value += f"\nearlier: {r.history}" if _text(r.history) else ""
        source = r.doc + (f"\n{_day(r.published)}" if _day(r.published) else "")
        _add(table, _text(r.scope), r.period, r.measure + (f" {r.basis}" if _text(r.basis) else ""),
                      _text(r.region), value,
                      r.unit, r.qualifier, str(r.stories), str(r.copies), r.dissent, source,
                      r.derivation if r.derived else r.quote)
    _emit(df, fmt, table, note)


NATIONAL = "全国"


def _default_cut(df: pd.DataFrame, region: str | None, basis: str | None) -> tuple[pd.DataFrame, str]:
    """One region and one basis when the user named neither: 全国 (else the region with most periods)
    and yoy (else the commonest), so that a series reads as one line; and the sentence saying so."""
    said = []
    if region is None and df["region"].nunique(dropna=False) > 1:
        regions = df["region"].fillna("").astype(str)
        pick = NATIONAL if (regions == NATIONAL).any() else regions.value_counts().index[0]
        df = df[regions == pick]
        said.append(f"region {pick or '(none)'} (--region all for every region)")
    if basis is None and "basis" in df and df["basis"].nunique(dropna=True) > 1:
        bases = df["basis"].astype(object)
        named = bases.dropna()
        pick = "yoy" if (named == "yoy").any() else named.value_counts().index[0]
        df = df[bases.isna() | (bases == pick)]
        said.append(f"basis {pick} (--basis all for every basis)")
    return df, ("showing " + " and ".join(said)) if said else ""


class _FactFilters(TypedDict):
    """The filters `zhibiao facts` passes to Store.facts and Store.count_facts."""

    indicator: str | None
    subject: str | None
    measure: str | None
    period: str | None
    period_type: str | None
    region: str | None
    doc: str | None
    derived: bool | None
    scope: str | None


@app.command(cls=_Command)
def facts(
    db: DbOption = Path(DEFAULT_DB),
    indicator: Annotated[str | None, typer.Option(metavar="ID", help="An indicator id or alias.")] = None,
    subject: Annotated[str | None, typer.Option(metavar="TEXT", help="A subject as the text names it.")] = None,
    measure: MeasureOption = None,
    period: Annotated[str | None, typer.Option(metavar="PERIOD",
                                               help="A period, e.g. 2024-H1 or 2024-01/2024-06.")] = None,
    period_type: PeriodTypeOption = None,
    region: RegionOption = None,
    doc: Annotated[str | None, typer.Option(metavar="ID", help="A document id.")] = None,
    derived: Annotated[bool | None, typer.Option("--derived/--stated",
                                                 help="Only derived, or only stated facts.")] = None,
    scope: Annotated[str | None, typer.Option(metavar="SCOPE",
                                              help="Only facts of this scope, e.g. 重点培育 ('' for unscoped "
                                                   "ones).")] = None,
    fmt: FormatOption = "table",
    limit: LimitOption = None,
) -> None:
    """Print stored facts, filtered, with their document and quote.

    Example: zhibiao facts --indicator base_stations_5g --format jsonl
    """
    _check_measure(measure)
    shown = _limit(limit, fmt)
    store = api.open(db)
    try:
        if indicator is not None and store.catalogue.get(indicator) is None:
            raise ZhibiaoError(f"unknown indicator {indicator!r}; see `zhibiao indicators`")
        filters = _FactFilters(indicator=indicator, subject=subject, measure=measure, period=period,
                               period_type=_period_type(period_type), region=region, doc=doc, derived=derived,
                               scope=scope)
        df = store.facts(**filters, limit=shown)
        total = store.count_facts(**filters) if shown is not None and len(df) == shown else len(df)
    except ZhibiaoError as error:
        raise _fail(error) from None
    finally:
        store.close()
    if total == 0:
        err.print("no facts match these filters", highlight=False)
    df, note = _shown(df, shown, total)
    table = Table(title=f"{len(df)} facts")
    for column in ("doc", "indicator", "subject", "measure", "value", "unit", "period", "region", "quote"):
        table.add_column(column, overflow="fold", max_width=50 if column == "quote" else None)
    for r in df.itertuples():
        linked = _text(r.indicator) + (f" ({_text(r.scope)})" if _text(r.scope) else "")
        _add(table, r.doc, linked, r.subject, r.measure + (" (derived)" if r.derived else ""),
                      _num(r.value, r.unit), r.unit, _text(r.period), _text(r.region), r.quote)
    _emit(df, fmt, table, note)


@app.command(cls=_Command)
def conflicts(
    db: DbOption = Path(DEFAULT_DB),
    indicator: Annotated[str | None, typer.Option(metavar="ID", help="Only this indicator (id or alias).")] = None,
    fmt: FormatOption = "table",
    limit: LimitOption = None,
) -> None:
    """List cells (indicator or subject, measure, period, region) where independent stories state
    different values, or where a value implied by a stated change contradicts a stated one.

    Example: zhibiao conflicts --indicator gdp
    """
    store = api.open(db)
    try:
        if indicator is not None and store.catalogue.get(indicator) is None:
            raise ZhibiaoError(f"unknown indicator {indicator!r}; see `zhibiao indicators`")
        df = store.conflicts(indicator=indicator)
    except ZhibiaoError as error:
        raise _fail(error) from None
    finally:
        store.close()
    df, note = _shown(df, _limit(limit, fmt))
    table = Table(title=f"{len(df)} conflicts", show_lines=True)
    for column in ("what", "period", "region", "value", "source", "quote"):
        table.add_column(column, overflow="fold", max_width=60 if column == "quote" else None)
    for r in df.itertuples():
        what = f"{_text(r.indicator) or r.subject}\n{r.measure}" + (f" {r.basis}" if _text(r.basis) else "")
        _add(table, what + f"\n({r.kind})", r.period, _text(r.region),
             f"{_num(r.value_a, r.unit)} {r.unit}\n{_num(r.value_b, r.unit)} {r.unit}", f"{r.doc_a}\n{r.doc_b}",
             f"{r.quote_a}\n---\n{_text(r.derivation) or r.quote_b}")
    _emit(df, fmt, table, note)


@app.command(cls=_Command)
def check(
    db: DbOption = Path(DEFAULT_DB),
    indicator: Annotated[str | None, typer.Option(metavar="ID", help="Only this indicator.")] = None,
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


@app.command("export", cls=_Command)
def export_(
    fmt: Annotated[str, typer.Option("--format", metavar="csv|xlsx|parquet|jsonl",
                                     help="CSV (UTF-8 with a byte-order mark, for Excel), an Excel workbook, Parquet "
                                          "or JSON Lines.")],
    db: DbOption = Path(DEFAULT_DB),
    output: Annotated[Path | None, typer.Option("-o", "--output", metavar="FILE",
                                                help="Output file, written whole or not at all (needed for xlsx and "
                                                     "parquet; else stdout).")] = None,
    indicator: Annotated[str | None, typer.Option(metavar="ID",
                                                  help="Only facts of this indicator (id or alias).")] = None,
    series_key: Annotated[str | None, typer.Option("--series", metavar="KEY",
                                                   help="Write this indicator's or subject's series instead of "
                                                        "facts.")] = None,
    measure: MeasureOption = None,
    region: RegionOption = None,
    period_type: PeriodTypeOption = None,
    bom: Annotated[bool, typer.Option("--bom/--no-bom",
                                      help="Start a CSV with a UTF-8 byte-order mark, so that Excel reads its Chinese "
                                           "(default on).")] = True,
) -> None:
    """Write facts (or one series) with provenance columns: document id, url, title, publication
    date, story and quote.

    Example: zhibiao export --format parquet --indicator industrial_value_added -o iva.parquet
    """
    from zhibiao import export

    if fmt not in export.FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(export.FORMATS)}")
    if fmt in export.BINARY_FORMATS and output is None:
        raise typer.BadParameter(f"{fmt} is binary: give an output file with -o")
    _check_measure(measure)
    store = api.open(db)
    try:
        kind = _period_type(period_type)
        if series_key:
            _check_key(store, series_key, "series key")
            df = store.series(series_key, measure=measure, region=region, period_type=kind)
        else:
            if indicator is not None and store.catalogue.get(indicator) is None:
                raise ZhibiaoError(f"unknown indicator {indicator!r}; see `zhibiao indicators`")
            df = store.facts(indicator=indicator, measure=measure, region=region, period_type=kind)
        n = export.write(df, fmt, output, bom=bom)
    except BrokenPipeError:
        raise typer.Exit(code=0) from None
    except ZhibiaoError as error:
        raise _fail(error) from None
    except OSError as error:  # stdout on a full disk
        raise _fail(ZhibiaoError(f"cannot write the export: {error.strerror or error}")) from None
    finally:
        store.close()
    if output:
        err.print(_safe(f"{n:,} rows -> {output}"), highlight=False)


@app.command(cls=_Command)
def prune(
    paths: Annotated[list[Path], typer.Argument(metavar="PATH",
                                                help="Folders (or files) the documents were ingested from.")],
    db: DbOption = Path(DEFAULT_DB),
    dry_run: Annotated[bool, typer.Option("--dry-run", "-n",
                                          help="List what would be removed; remove nothing.")] = False,
) -> None:
    """Remove stored documents whose source file under PATH no longer exists, with their facts.

    Example: zhibiao prune corpus/ --dry-run
    """
    store = api.open(db)
    _prune(store, paths, dry_run=dry_run)


def _prune(store, paths: list[Path], *, dry_run: bool) -> None:
    try:
        gone = store.prune(paths, dry_run=dry_run)
    except ZhibiaoError as error:
        raise _fail(error) from None
    finally:
        store.close()
    for doc_id, source in gone:
        err.print(f"{'would remove' if dry_run else 'removed'} {_visible(doc_id)} ({_visible(source)}: gone)",
                  highlight=False, soft_wrap=True, markup=False)
    err.print(f"{len(gone)} document(s) {'would be ' if dry_run else ''}removed from {store.path}",
              highlight=False, soft_wrap=True, markup=False)


@app.command(cls=_Command)
def serve(
    db: DbOption = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option(metavar="ADDRESS",
                                      help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, metavar="PORT", help="Port to listen on.")] = 8000,
    readers: Annotated[int, typer.Option(min=1, max=64, metavar="N",
                                         help="Pages built at once, each on its own DuckDB cursor (cached answers "
                                              "never wait for them).")] = 1,
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
    err.print(_safe(f"serving {db} on http://{host}:{port}/ (Ctrl-C to stop)"), highlight=False)
    uvicorn.run(create_app(store=store, readers=readers), host=host, port=port, log_level="warning")


# ---------------------------------------------------------------------------------------------
# Following the publishers


@app.command(cls=_Command)
def watch(
    sources: Annotated[Path | None, typer.Argument(help="The sources file (TOML; see `zhibiao watch --example`).",
                                                   show_default=False)] = None,
    db: DbOption = Path(DEFAULT_DB),
    once: Annotated[bool, typer.Option("--once", help="One round, then exit (for cron or a systemd timer).")] = False,
    interval: Annotated[str | None, typer.Option("--interval",
                                                 help="Time between rounds without --once: 90s, 30m, 6h (default: the "
                                                      "shortest `every` of the sources, at least 1m).")] = None,
    warc_dir: Annotated[Path | None, typer.Option("--warc-dir",
                                                  help="Where the WARC files go (default: DB's name with .warc, "
                                                       "beside it).")] = None,
    example: Annotated[bool, typer.Option("--example",
                                          help="Print the example sources file shipped with zhibiao and "
                                               "exit.")] = False,
) -> None:
    """Follow publishers' listing pages, feeds and sitemaps; fetch new articles politely (robots.txt,
    per-host rate limit, conditional GET), keep every response in WARC files beside the database and
    ingest the new documents. Prints one line per source for each round; stops cleanly on Ctrl-C.

    Example: zhibiao watch sources.toml --once --db zhibiao.duckdb
    """
    from zhibiao.watch.run import watch as run_watch
    from zhibiao.watch.sources import example_path, load_sources, parse_duration

    if example:
        sys.stdout.write(example_path().read_text(encoding="utf-8"))
        return
    if sources is None:
        raise typer.BadParameter("give a sources file (zhibiao watch --example prints one to start from)")
    try:
        pause = parse_duration(interval, "--interval") if interval is not None else None
    except ValueError as error:
        raise typer.BadParameter(str(error)) from None
    try:
        config = load_sources(sources)
    except ZhibiaoError as error:
        raise _fail(error) from None

    shown: list[int] = []  # source lines of the current round already printed

    def progress(result) -> None:
        """The round's head when it starts, then each source's line as it finishes."""
        if not result.sources:
            shown.clear()
            err.print(f"round {result.run} at {result.started:%Y-%m-%d %H:%M:%S} UTC", highlight=False)
        for source in result.sources[len(shown):]:
            shown.append(1)
            err.print("  " + _visible(source.line()), highlight=False, soft_wrap=True, markup=False)

    def report(result) -> None:
        progress(result)
        head = "interrupted: " if result.interrupted else ""
        err.print(f"  {head}{result.stored} document(s) stored, {result.facts} facts, "
                  f"{result.failures} failure(s) -> {db}" + ("; run again to finish" if result.interrupted else ""),
                  highlight=False, soft_wrap=True)

    import signal

    previous = signal.signal(signal.SIGTERM, _interrupt)  # systemd stops a service with SIGTERM
    store = api.open(db)
    try:
        def locked(error) -> None:
            err.print(f"round skipped: {error}", highlight=False, soft_wrap=True, markup=False)

        last = run_watch(store, config, once=once, interval=pause, warc_dir=warc_dir, on_round=report,
                         on_progress=progress, on_locked=locked)
    except KeyboardInterrupt:
        err.print("stopped between rounds; what was stored is kept", highlight=False)
        raise typer.Exit(code=130) from None
    except ZhibiaoError as error:
        raise _fail(error) from None
    finally:
        store.close()
        signal.signal(signal.SIGTERM, previous)
    if last.interrupted:
        raise typer.Exit(code=130)
    if once and last.failures:
        raise typer.Exit(code=1)


def _interrupt(signum, frame) -> None:
    raise KeyboardInterrupt


@app.command(cls=_Command)
def changes(
    db: DbOption = Path(DEFAULT_DB),
    since: Annotated[str | None, typer.Option("--since",
                                              help="YYYY-MM-DD or YYYY-MM-DDTHH:MM (UTC); default: the start of the "
                                                   "last watch round that stored documents.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """List what is new since a time: the facts of newly stored documents, each marked as a revision
    (a later publication states another value), a conflict, a new period of a catalogue indicator, or
    new.

    Example: zhibiao changes --since 2026-12-01
    """
    when = _since(since)
    store = api.open(db)
    try:
        used, df = store.changes(when)
    except ZhibiaoError as error:
        raise _fail(error) from None
    finally:
        store.close()
    counts = df["change"].value_counts().to_dict() if len(df) else {}
    what = ", ".join(f"{counts.get(k, 0)} {k.replace('_', ' ')}" for k in ("revision", "conflict", "new_period", "new"))
    origin = "the beginning" if used is None else f"{used:%Y-%m-%d %H:%M:%S}" + (" UTC" if since is None else "")
    table = Table(title=f"changes since {origin}: {what}", show_lines=False)
    for column in ("change", "what", "period", "region", "value", "before", "doc", "quote"):
        table.add_column(column, overflow="fold", max_width=50 if column == "quote" else None)
    for r in df.itertuples():
        table.add_row(*(Text(_visible(cell)) for cell in _change_cells(r)))  # scraped text: never read as markup
    _emit(df, fmt, table)


def _since(since: str | None):
    """`--since` as a naive UTC datetime (None when not given)."""
    from datetime import datetime

    if since is None:
        return None
    try:
        when = datetime.fromisoformat(since)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM): {since}") from None
    if when.tzinfo is not None:
        from datetime import UTC

        when = when.astimezone(UTC).replace(tzinfo=None)
    return when


def _change_cells(r) -> tuple:
    """One row of the changes table: what changed, the figure, the one before, where it was read."""
    what_ = (_text(r.indicator) or r.subject) + f"\n{r.measure}" + (f" {r.basis}" if _text(r.basis) else "")
    before = "" if r.previous is None or r.previous != r.previous else f"{_num(r.previous, r.unit)} ({r.previous_doc})"
    return (r.change, what_, _text(r.period), _text(r.region), f"{_num(r.value, r.unit)} {r.unit}", before,
            r.doc + (f"\n{r.published}" if _text(r.published) else ""), r.quote)


@app.command(cls=_Command)
def report(
    period: Annotated[str, typer.Argument(help="2025-H1, 2024, 2025-Q3, 2025-05 or 2025-01/2025-05.")],
    db: DbOption = Path(DEFAULT_DB),
    region: Annotated[str | None, typer.Option(help="全国 (default), or a province such as 湖北省.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="md, html or pdf.")] = "md",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout.")] = None,
    link_base: Annotated[str, typer.Option("--link-base",
                                           help="Where `zhibiao serve` runs: HTML numbers link to its evidence "
                                                "pages.")] = "http://127.0.0.1:8000",
) -> None:
    """Write the briefing for a period from the fact database, in Chinese, every figure with a footnote
    (document title, date, URL, quote); in HTML each number links to its evidence and shows the quote on
    hover, with SVG charts.

    Example: zhibiao report 2025-H1 --format html -o report-2025-H1.html
    """
    from zhibiao.report import PeriodError
    from zhibiao.report.render import to_html, to_markdown

    if fmt not in ("md", "html", "pdf"):
        raise _fail(ValueError(f"--format {fmt!r}: expected md, html or pdf"))
    if fmt == "pdf":
        raise _fail(ValueError("--format pdf: no PDF library here renders Chinese with a font zhibiao can ship; "
                               "write --format html and print it to PDF from a browser (the page has print CSS)"))
    store = api.open(db)
    try:
        briefing = store.report(period, region=region, charts=fmt == "html")
        text = to_markdown(briefing) if fmt == "md" else to_html(briefing, evidence_base=link_base)
    except (ZhibiaoError, PeriodError) as error:
        raise _fail(error) from None
    finally:
        store.close()
    if output is None:
        sys.stdout.write(text)
        return
    _write_atomically(output, text)
    err.print(f"wrote {output}", highlight=False)


def _write_atomically(path: Path, text: str) -> None:
    """Write a whole file or none: a temporary file beside it, renamed over it."""
    import os
    import tempfile

    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.", suffix=".tmp")
    except OSError as error:
        raise _fail(ZhibiaoError(f"{path}: cannot write ({error.strerror})")) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes it private; the report is an ordinary file
        os.replace(tmp, path)
    except OSError as error:
        Path(tmp).unlink(missing_ok=True)
        raise _fail(ZhibiaoError(f"{path}: cannot write ({error.strerror})")) from None


if __name__ == "__main__":
    app()
