"""``trucewatch report``: the store's incidents, verdicts and patrols as a report or an export."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli._common import DbOption, console, guarded, store_at
from trucewatch.report.formats import ReportFormat

__all__ = ["ReportFormatOption", "ReportOutOption", "report", "report_path"]


ReportFormatOption = Annotated[
    ReportFormat,
    typer.Option(
        "--format",
        metavar="FORMAT",
        help="html or pdf (the report: map, timeline, verdicts, patrols), or csv (ACLED's "
        "columns), geojson or kml (the incidents).",
    ),
]
ReportOutOption = Annotated[
    Path | None,
    typer.Option(
        "--out",
        metavar="PATH",
        help="Where to write it [default: trucewatch-report.FORMAT in the current folder].",
        show_default=False,
    ),
]


def report_path(out: Path | None, fmt: ReportFormat) -> Path:
    """Where the report goes: ``--out``, else trucewatch-report.FORMAT here."""
    return out or Path(f"trucewatch-report.{fmt.value}")


@guarded
def report(
    fmt: ReportFormatOption = ReportFormat.html,
    out: ReportOutOption = None,
    title: Annotated[
        str | None,
        typer.Option(
            "--title", metavar="TEXT", help="The report's title [default: the agreements' titles]."
        ),
    ] = None,
    db: DbOption = None,
) -> None:
    """Write the report (HTML, PDF) or an export (CSV, GeoJSON, KML) of the incidents."""
    from trucewatch.pipeline import report_data, write_report

    path = report_path(out, fmt)
    with store_at(db) as store, store.session() as session:
        data = report_data(session, title)
    write_report(data, fmt, path)
    console.print(
        f"wrote {path}: {len(data.incidents)} incidents, {len(data.verdicts)} verdicts",
        markup=False,
    )
