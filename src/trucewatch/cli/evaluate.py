"""``trucewatch eval``: score trucewatch against real, labelled data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli._common import JsonOption, console, guarded, print_json

app = typer.Typer(help="Score trucewatch against labelled data.", no_args_is_help=True)


@app.command("geoparse")
@guarded
def geoparse(
    file: Annotated[Path, typer.Argument(help="A GeoWebNews or LGL XML corpus.")],
    mode: Annotated[
        str, typer.Option("--mode", help="resolve: gold names given; end-to-end: find them too.")
    ] = "resolve",
    json_out: JsonOption = False,
) -> None:
    """Toponym resolution scores: accuracy within 161 km, exact GeoNames match, errors, AUC."""
    from trucewatch.errors import InputError
    from trucewatch.places.service import evaluate_file

    if mode not in ("resolve", "end-to-end"):
        raise InputError(f"--mode must be resolve or end-to-end, not {mode!r}")
    scores = evaluate_file(file, "resolve" if mode == "resolve" else "end-to-end")
    if json_out:
        print_json(scores)
        return
    for key, value in scores.items():
        console.print(f"{key:<10} {value}", markup=False)
