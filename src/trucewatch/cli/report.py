"""``trucewatch report``: the store's incidents, verdicts and patrols as a report or an export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli._common import DbOption, console, guarded, store_at
from trucewatch.errors import InputError
from trucewatch.pipeline import ReportFormat, render_report, report_data

__all__ = ["report"]


@guarded
def report(
    fmt: Annotated[
        ReportFormat,
        typer.Option(
            "--format",
            metavar="FORMAT",
            help="html or pdf (the report: map, timeline, verdicts, patrols), or csv (ACLED's "
            "columns), geojson or kml (the incidents).",
        ),
    ] = ReportFormat.html,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            metavar="PATH",
            help="Where to write it [default: trucewatch-report.FORMAT in the current folder].",
            show_default=False,
        ),
    ] = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", metavar="TEXT", help="The report's title [default: the agreements' titles]."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the report (HTML, PDF) or an export (CSV, GeoJSON, KML) of the incidents."""
    path = out or Path(f"trucewatch-report.{fmt.value}")
    with store_at(db) as store, store.session() as session:
        data = report_data(session, title)
    body = render_report(data, fmt)
    try:
        path.write_bytes(body)
    except OSError as exc:
        raise InputError(f"cannot write the report to {path}: {exc.strerror or exc}") from None
    console.print(
        f"wrote {path}: {len(data.incidents)} incidents, {len(data.verdicts)} verdicts",
        markup=False,
    )
