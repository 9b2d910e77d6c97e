"""``trucewatch eval``: score trucewatch against real, labelled data."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from trucewatch.cli._common import JsonOption, console, guarded, print_figures, print_json

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
    print_figures(scores, 10)


@app.command("case")
@guarded
def case(
    file: Annotated[
        Path, typer.Argument(help="A CASE 2021 task 2 file (TSV: id, EventSnippet, SubType).")
    ],
    json_out: JsonOption = False,
) -> None:
    """Event typing on CASE 2021 snippets: accuracy, macro and weighted F1, confusion table."""
    from trucewatch.extract.evaluate import evaluate_case

    scores = evaluate_case(file)
    if json_out:
        print_json(scores)
        return
    for key in ("n", "accuracy", "accuracy_conflict", "macro_f1", "weighted_f1"):
        console.print(f"{key:<18} {scores[key]}", markup=False)
    confusion: dict[str, dict[str, int]] = scores["confusion"]
    table = Table(
        title="Confusion (gold label: labels given, most frequent first)", title_justify="left"
    )
    table.add_column("gold")
    table.add_column("n", justify="right")
    table.add_column("right", justify="right")
    table.add_column("given instead")
    for gold, given in sorted(confusion.items()):
        total = sum(given.values())
        wrong = sorted(((k, v) for k, v in given.items() if k != gold), key=lambda kv: -kv[1])
        table.add_row(
            gold, str(total), str(given.get(gold, 0)), ", ".join(f"{k} {v}" for k, v in wrong[:4])
        )
    console.print(table)
