"""``trucewatch bench``: measure speed and memory against the goals in DESIGN.md."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli._common import JsonOption, console, guarded, print_json

app = typer.Typer(
    help="Measure speed and memory against the project's goals.", no_args_is_help=True
)


@app.command("geoparse")
@guarded
def geoparse(
    text: Annotated[
        list[Path] | None,
        typer.Option("--text", help="Report files to geoparse [default: ../shared/seeds/*.txt]."),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Gazetteer build and load time, memory after load, and ms per report geoparsed."""
    from trucewatch.places.bench import bench_geoparse

    texts = text or sorted(Path("../shared/seeds").glob("[0-9]*.txt"))
    result = bench_geoparse(texts)
    if json_out:
        print_json(result)
        return
    for key, value in result.items():
        console.print(f"{key:<20} {value}", markup=False)
