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


@app.command("acled")
@guarded
def acled(
    file: Annotated[Path, typer.Argument(help="An ACLED export (CSV with notes and labels).")],
    limit: Annotated[
        int | None, typer.Option(help="Score the first N rows only.", min=1, metavar="N")
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Mentions from each row's notes scored against its labels (percentages of rows).

    Keys: n, found, event_type, sub_event_type, date_exact, place_10km and place_25km
    (also by geo precision), fatalities_exact (rows whose toll was set by a coding rule
    left out), actor1 (names compared without year suffixes).
    """
    from trucewatch.extract.evaluate import evaluate_acled
    from trucewatch.extract.mentions import Extractor

    scores = evaluate_acled(file, Extractor.load(), limit=limit)
    if json_out:
        print_json(scores)
        return
    print_figures(scores, 34)


@app.command("gold")
@guarded
def gold(
    file: Annotated[Path, typer.Argument(help="Gold incidents, JSON Lines.")],
    docs: Annotated[
        Path, typer.Option("--docs", help="The folder of the documents the gold names.")
    ],
    not_incidents: Annotated[
        Path | None,
        typer.Option(
            "--not-incidents",
            help="Statements that must not become mentions, JSON Lines "
            "[default: seeds-not-incidents.jsonl beside FILE].",
        ),
    ] = None,
    published: Annotated[
        list[str] | None,
        typer.Option(
            "--published",
            help="A document's publication date, as PREFIX=YYYY-MM-DD (repeatable).",
            metavar="PREFIX=DATE",
        ),
    ] = None,
    agreement: Annotated[
        Path | None,
        typer.Option(help="An agreement whose places the geoparser knows.", metavar="FILE"),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """The seed gold: each core incident found in each of its documents; no not-incident."""
    import datetime as dt

    from trucewatch.agreements import load_agreement
    from trucewatch.errors import InputError
    from trucewatch.extract.gold import evaluate_gold
    from trucewatch.extract.mentions import Extractor

    dates = {}
    for pair in published or []:
        prefix, _, day = pair.partition("=")
        try:
            dates[prefix.strip()] = dt.date.fromisoformat(day.strip())
        except ValueError:
            raise InputError(f"--published {pair!r}: expected PREFIX=YYYY-MM-DD") from None
    extractor = Extractor.load([load_agreement(agreement)] if agreement else [])
    beside = file.with_name("seeds-not-incidents.jsonl")
    scores = evaluate_gold(
        file, docs, extractor, not_incidents or (beside if beside.is_file() else None), dates
    )
    if json_out:
        print_json(scores)
        return
    console.print(
        f"core found {scores['core_found']}/{scores['core_total']}, "
        f"not-incidents violated {scores['not_incidents_violated']}",
        markup=False,
    )
    table = Table(title="Gold incidents by document", title_justify="left")
    for name in ("gold", "core", "document", "found", "why not"):
        table.add_column(name)
    for row in scores["rows"]:
        table.add_row(
            row["id"], "yes" if row["core"] else "", row["document"],
            "yes" if row["found"] else "no", row["why"] or "",
        )  # fmt: skip
    console.print(table)
