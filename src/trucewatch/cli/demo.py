"""``trucewatch demo``: the whole job on the bundled Idlib example, then what it found."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli._common import console, err_console, guarded
from trucewatch.cli.incidents import print_incidents
from trucewatch.cli.patrols import print_patrols
from trucewatch.cli.run import print_run, progress_watcher

DirOption = Annotated[
    Path, typer.Option("--out", help="Folder for the demo's output.", metavar="DIR")
]


@guarded
def demo(
    out: DirOption = Path("demo-output"),
    example: Annotated[
        Path | None,
        typer.Option(
            help="The example folder (holds agreement.yaml and reports/).",
            metavar="DIR",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Run the whole job on the Idlib 2020 example: reports to a judged report.

    Ingests the example's reports into a fresh store in the output folder, extracts,
    corroborates and judges the incidents against the example agreement, places the
    joint patrols on their route, and writes the report as HTML, PDF, CSV, GeoJSON and
    KML. The first run builds the world gazetteer once (about half a minute).
    """
    from trucewatch.demo import EXAMPLE_DIR, provision_lines, run_demo
    from trucewatch.records import VERDICT_CODES

    with progress_watcher() as watcher:
        result = run_demo(example or EXAMPLE_DIR, out, watcher)
    agreement = result.agreement
    console.print(f"[bold]{agreement.title}[/bold]")
    for line in provision_lines(agreement):
        console.print(f"  {line}", markup=False)
    console.print()
    print_incidents(result.incidents)
    console.print()
    print_patrols(result.patrols)
    console.print()
    print_run(result.run, console)
    seen = {v.code for item in result.incidents for v in item.verdicts}
    absent = [code for code in VERDICT_CODES if code not in seen]
    console.print(
        "Every verdict code appears."
        if not absent
        else f"Verdict codes that no example incident received: {', '.join(absent)}",
        markup=False,
    )
    if result.missing is not None:
        err_console.print(f"No {result.missing[0]} report: {result.missing[1]}", markup=False)
    console.print()
    console.print(f"Output in {result.out_dir.resolve()}:", markup=False)
    for path in result.files:
        console.print(f"  {path}", markup=False)
