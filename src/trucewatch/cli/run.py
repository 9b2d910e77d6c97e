"""``trucewatch run``: the whole job, reports in and a judged report out, in one command."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

from trucewatch.cli._common import (
    DbOption,
    JsonOption,
    console,
    err_console,
    guarded,
    print_json,
    store_at,
)
from trucewatch.cli.ingest import (
    AllowPrivateOption,
    CaFileOption,
    FieldOption,
    OutletOption,
    PublishedOption,
    TargetsArgument,
    TextColumnOption,
    read_options,
)
from trucewatch.cli.report import ReportFormatOption, ReportOutOption, report_path
from trucewatch.report.formats import ReportFormat

if TYPE_CHECKING:
    from trucewatch.pipeline.run import RunResult, RunWatcher, Stage

__all__ = ["print_run", "progress_watcher", "run"]


_SHOWN = 5  # undated reports named; --json lists them all


class _Display:
    """One progress display for the whole run: a line per stage, its bar, then its result."""

    def __init__(self, progress: Progress) -> None:
        self.progress = progress
        self.task: TaskID | None = None

    def stage(self, stage: Stage, total: int | None) -> None:
        self.task = self.progress.add_task(f"{stage.value:<12}", total=total, note="")

    def advance(self, done: int, total: int | None = None) -> None:
        if self.task is not None:
            self.progress.update(self.task, completed=done, total=total)

    def finish(self, stage: Stage, summary: str) -> None:
        if self.task is not None:
            task = self.progress.tasks[self.task]
            end = task.total if task.total is not None else max(task.completed, 1)
            self.progress.update(self.task, total=end, completed=end, note=summary)


class _Lines:
    """The same news as plain lines, for logs and pipes."""

    def __init__(self, out: Console) -> None:
        self.out = out

    def stage(self, stage: Stage, total: int | None) -> None:
        pass

    def advance(self, done: int, total: int | None = None) -> None:
        pass

    def finish(self, stage: Stage, summary: str) -> None:
        self.out.print(f"{stage.value}: {summary}", markup=False)


@contextmanager
def progress_watcher(*, quiet: bool = False) -> Iterator[RunWatcher | None]:
    """The run's progress display on a terminal, plain lines elsewhere, none when quiet."""
    if quiet:
        yield None
    elif err_console.is_terminal:
        columns = (
            TextColumn("{task.description}"),
            BarColumn(bar_width=24),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TextColumn("{task.fields[note]}"),
        )
        with Progress(*columns, console=err_console) as progress:
            yield _Display(progress)
    else:
        yield _Lines(err_console)


def print_run(result: RunResult, out: Console) -> None:
    """What a run found: failures, undated reports, incidents by verdict, the report."""
    from trucewatch.ingest.sources import describe
    from trucewatch.records import VERDICT_CODES

    for failure in result.ingest.failed:
        err_console.print(
            f"Error: {describe(failure.source)}: {describe(failure.error)}", markup=False
        )
    undated = result.ingest.undated
    if undated:
        more = f" and {len(undated) - _SHOWN} more" if len(undated) > _SHOWN else ""
        out.print(
            f"{len(undated)} report(s) read in this run have no date (give --published DATE "
            "or map a date column with --field published=COLUMN): "
            + ", ".join(describe(s) for s in undated[:_SHOWN])
            + more,
            markup=False,
        )
    keys = list(result.assess.by_provision)
    single = len({key.partition("/")[0] for key in keys}) == 1
    table = Table(
        "verdict",
        *(key.partition("/")[2] if single else key for key in keys),
        title=f"{result.incidents} incidents by verdict and provision"
        + (f" of {keys[0].partition('/')[0]}" if single and keys else ""),
        title_justify="left",
    )
    for code in VERDICT_CODES:
        table.add_row(code, *(str(result.assess.by_provision[k].get(code, "")) for k in keys))
    out.print(table)
    if result.assess.rejected:
        out.print(f"{result.assess.rejected} incidents rejected in review: not judged")
    out.print(f"Report: {result.report.resolve()}", markup=False)


@guarded
def run(
    targets: TargetsArgument,
    agreement: Annotated[
        list[Path],
        typer.Option(
            "--agreement",
            metavar="FILE",
            help="The agreement to judge against (repeatable); stored for later runs.",
            show_default=False,
        ),
    ],
    published: PublishedOption = None,
    outlet: OutletOption = None,
    text_column: TextColumnOption = None,
    field: FieldOption = None,
    allow_private: AllowPrivateOption = False,
    ca_file: CaFileOption = None,
    fmt: ReportFormatOption = ReportFormat.html,
    out: ReportOutOption = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Ingest reports, extract incidents, corroborate, judge them, and write the report.

    Each stage keeps what earlier runs did: run it again with more reports and only
    they are read, coded and joined to the incidents already stored. An interrupted
    run, run again, ends where an unbroken one would.
    """
    from trucewatch.pipeline.run import run_pipeline

    options = read_options(published, outlet, text_column, field, allow_private, ca_file=ca_file)
    path = report_path(out, fmt)
    with store_at(db) as store, progress_watcher(quiet=json_out) as watcher:
        try:
            result = run_pipeline(
                targets, store, agreement, options=options, out=path, fmt=fmt, watcher=watcher
            )
        except KeyboardInterrupt:
            err_console.print(
                "interrupted: every finished step is stored; run the same command again to finish",
                markup=False,
            )
            raise typer.Exit(130) from None
    if json_out:
        print_json(result.as_dict())
    else:
        print_run(result, console)
    if not result.ok:
        raise typer.Exit(1)
