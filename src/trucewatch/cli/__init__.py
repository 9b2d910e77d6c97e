"""The ``trucewatch`` command: a thin shell that parses, calls one library function, prints.

Exit codes: 0 fine, 1 some input failed, 2 usage error or invalid file.
"""

from __future__ import annotations

import sys

import typer

from trucewatch.cli import (
    agreement,
    bench,
    db,
    demo,
    evaluate,
    extract,
    incidents,
    ingest,
    patrols,
    places,
    report,
    review,
    run,
)

__all__ = ["app", "main"]

app = typer.Typer(
    name="trucewatch",
    help="Monitor ceasefire agreements from open-source reports.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
app.add_typer(agreement.app, name="agreement")
app.add_typer(db.app, name="db")
app.add_typer(evaluate.app, name="eval")
app.add_typer(bench.app, name="bench")
app.command("demo")(demo.demo)
app.command("run")(run.run)
app.command("ingest")(ingest.ingest)
app.command("documents")(ingest.documents)
app.command("places")(places.places)
app.command("extract")(extract.extract)
app.command("mentions")(extract.mentions)
app.command("patrols")(patrols.patrols)
app.command("corroborate")(incidents.corroborate)
app.command("assess")(incidents.assess)
app.command("incidents")(incidents.incidents)
app.command("review")(review.review)
app.command("report")(report.report)


def main() -> None:
    """Entry point of the ``trucewatch`` script."""
    try:
        app()
    except KeyboardInterrupt:  # before a command's own handler is reached
        sys.stderr.write("Interrupted.\n")
        raise SystemExit(130) from None
