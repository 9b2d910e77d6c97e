"""``trucewatch bench``: measure speed and memory against the goals in DESIGN.md."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli._common import JsonOption, guarded, print_figures, print_json

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
    print_figures(result)


@app.command("assess")
@guarded
def assess(
    agreement: Annotated[
        Path,
        typer.Option(help="The agreement to judge against.", metavar="FILE"),
    ] = Path("examples/idlib-2020/agreement.yaml"),
    incidents: Annotated[int, typer.Option(help="How many synthetic incidents.", min=1)] = 200_000,
    json_out: JsonOption = False,
) -> None:
    """Incident x provision checks per second, vectorised (goal: 1,000,000/s)."""
    from trucewatch.agreements import load_agreement
    from trucewatch.assess.bench import bench_assess

    result = bench_assess(load_agreement(agreement), incidents)
    if json_out:
        print_json(result)
        return
    print_figures(result)


@app.command("extract")
@guarded
def extract(
    acled: Annotated[
        Path, typer.Option(help="ACLED export whose notes are the short reports.", metavar="FILE")
    ] = Path("../shared/data/acled/acled-2020-04-27_2020-05-09-except-syria.csv"),
    text: Annotated[
        list[Path] | None,
        typer.Option(
            "--text",
            help="Texts the 600-word long reports are cut from [default: ../shared/seeds/*.txt].",
        ),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Reports coded per second on one core: short ones (ACLED notes), long ones (600 words,
    cut from the texts) and the texts whole; and peak memory (goals: 50 long reports/s,
    1 GiB)."""
    from trucewatch.extract.bench import bench_extract

    texts = text or sorted(Path("../shared/seeds").glob("[0-9]*.txt"))
    result = bench_extract(acled, texts)
    if json_out:
        print_json(result)
        return
    print_figures(result, 24)


@app.command("neardup")
@guarded
def neardup(
    docs: Annotated[
        int, typer.Option("--docs", help="How many documents to group.", min=1)
    ] = 100_000,
    text: Annotated[
        list[Path] | None,
        typer.Option(
            "--text",
            help="Texts the documents are made from [default: examples/idlib-2020/reports/*.txt].",
        ),
    ] = None,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            help="An empty store to group into [default: SQLite in a temporary folder].",
            show_default=False,
            metavar="URL",
        ),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """Documents grouped into near-duplicates per second, as ingest groups them, and peak
    memory; checks the planted copies were grouped (goal: 100,000 documents in 60 s)."""
    from trucewatch._texts import read_texts
    from trucewatch.errors import InputError
    from trucewatch.ingest.bench import bench_neardup

    texts = read_texts(text or sorted(Path("examples/idlib-2020/reports").glob("*.txt")))
    result = bench_neardup(texts, docs, db)
    if json_out:
        print_json(result)
    else:
        print_figures(result, 22)
    if result["copies_grouped"] < result["copies_planted"]:
        raise InputError(
            f"only {result['copies_grouped']} of {result['copies_planted']} planted copies "
            "were grouped with their original; near-duplicate grouping is broken"
        )
