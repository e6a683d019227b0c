"""The command line: a thin Typer layer over zhibiao.api."""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from zhibiao import api
from zhibiao.models import Fact, ReadFailure

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="zhibiao: indicator facts from Chinese economic reports.")
err = Console(stderr=True)
PROGRESS_MIN_DOCS = 5


@app.callback()
def main() -> None:
    """Extract statistical facts from Chinese economic reports."""


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"not a date (YYYY-MM-DD): {value}") from None


def _count_inputs(paths: list[Path]) -> int:
    n = 0
    for p in paths:
        if p.is_dir():
            n += sum(1 for f in p.rglob("*") if f.suffix.lower() in (".txt", ".html", ".htm")
                     and not f.name.startswith("."))
        else:
            n += 1
    return n


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt, .html, .jsonl).")],
    date_: Annotated[str | None, typer.Option("--date", help="Publication date YYYY-MM-DD for documents without one.")] = None,
    index: Annotated[Path | None, typer.Option(help="An index.json giving ids and dates.")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file instead of stdout.")] = None,
    fmt: Annotated[str, typer.Option("--format", help="jsonl or table.")] = "jsonl",
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
    progress = Progress(TextColumn("extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True, disable=total <= PROGRESS_MIN_DOCS or not err.is_terminal)
    try:
        with progress:
            task = progress.add_task("extract", total=total)
            for item in api.extract(paths, index=index, date=pub):
                progress.advance(task)
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


if __name__ == "__main__":
    app()
