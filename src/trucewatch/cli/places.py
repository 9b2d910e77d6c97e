"""``trucewatch places``: geoparse a text and list the places it names."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from trucewatch.cli._common import JsonOption, console, guarded, print_json

PlacesFileOption = Annotated[
    Path | None,
    typer.Option("--places", help="Extra places: a CSV (name, lat, lon) or GeoJSON file."),
]


AgreementOption = Annotated[
    Path | None,
    typer.Option("--agreement", help="An agreement file whose named places are known too."),
]


@guarded
def places(
    source: Annotated[str, typer.Argument(help="A text file, or the text itself.")],
    places_file: PlacesFileOption = None,
    agreement: AgreementOption = None,
    json_out: JsonOption = False,
) -> None:
    """Geoparse a text: every place it names, with coordinates and ACLED precision."""
    from trucewatch.places.service import geoparse_source

    found = geoparse_source(source, places_file, agreement)
    if json_out:
        print_json(found)
        return
    if not found:
        console.print("no places found", markup=False)
        return
    for row in found:
        console.print(
            f"{row['text']:<24} {row['name']:<24} {row['country'] or '--':<3} {row['kind']:<9} "
            f"{row['lat']:>9.4f} {row['lon']:>10.4f}  precision {row['precision']}"
            f"  {'demonym' if row['demonym'] else row['relation']}",
            markup=False,
        )
