"""``trucewatch demo``: the main job on the bundled Idlib example."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli._common import console, guarded
from trucewatch.demo import EXAMPLE_DIR, run_demo

DirOption = Annotated[
    Path, typer.Option("--out", help="Folder for the demo's output.", metavar="DIR")
]


@guarded
def demo(
    out: DirOption = Path("demo-output"),
    example: Annotated[
        Path,
        typer.Option(
            help="The example folder (holds agreement.yaml).", metavar="DIR", show_default=False
        ),
    ] = EXAMPLE_DIR,
) -> None:
    """Run the main job on the Idlib 2020 example and say where its output is."""
    result = run_demo(example, out, console)
    console.print()
    console.print(f"Output in {result.out_dir.resolve()}:", markup=False)
    for path in result.files:
        console.print(f"  {path}", markup=False)
