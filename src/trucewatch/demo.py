"""The demonstration run on the bundled example, as one library call.

Until the extraction pipeline lands, the demo shows the example agreement and locates its
named places against every provision, before and after the terms take effect.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

from trucewatch.agreements import Agreement, load_agreement
from trucewatch.agreements.describe import describe
from trucewatch.agreements.export import export
from trucewatch.errors import InputError

__all__ = ["EXAMPLE_DIR", "DemoResult", "run_demo"]

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "examples" / "idlib-2020"


@dataclass(frozen=True)
class DemoResult:
    out_dir: Path
    files: tuple[Path, ...]


def _moments(agreement: Agreement) -> list[tuple[str, dt.datetime]]:
    """One minute before and after each distinct provision start."""
    starts = sorted({p.base.start for p in agreement.provisions})
    out = []
    for start in starts:
        out.append(("1 min before", start - dt.timedelta(minutes=1)))
        out.append(("1 min after", start + dt.timedelta(minutes=1)))
    return out


def run_demo(example: Path, out_dir: Path, console: Console) -> DemoResult:
    """Show the example agreement, locate its places, and write its shapes and a summary."""
    path = example / "agreement.yaml"
    if not path.is_file():
        raise InputError(f"no example agreement at {path}; run the demo from a trucewatch clone")
    agreement = load_agreement(path)
    info = describe(agreement)
    console.print(f"[bold]{agreement.title}[/bold]")
    for p in info["provisions"]:
        start = agreement.local(dt.datetime.fromisoformat(p["terms"]["start"]["utc"]))
        console.print(f"  {p['id']} ({p['kind']}) from {start:%d %B %Y %H:%M %Z}", markup=False)

    table = Table(title="Named places against each provision", title_justify="left")
    table.add_column("place")
    for p in agreement.provisions:
        table.add_column(p.id)
    rows = []
    for place in agreement.places:
        cells = []
        for loc in agreement.locate(place.lat, place.lon):
            if loc.kind == "patrol":
                cells.append(f"km {loc.along_km:.1f}, {loc.distance_km:.1f} off")
            else:
                cells.append(
                    f"{'inside' if loc.inside else 'outside'}"
                    + (f", {loc.distance_km:.1f} km from line" if loc.kind == "corridor" else "")
                )
        table.add_row(place.names[0], *cells)
        rows.append(
            {
                "place": place.id,
                "lat": place.lat,
                "lon": place.lon,
                "provisions": [loc.as_dict() for loc in agreement.locate(place.lat, place.lon)],
            }
        )
    console.print(table)

    timeline = Table(title="Which terms are in force", title_justify="left")
    timeline.add_column("moment (local)")
    for p in agreement.provisions:
        timeline.add_column(p.id)
    for label, moment in _moments(agreement):
        timeline.add_row(
            f"{agreement.local(moment):%d %b %Y %H:%M} ({label})",
            *("in force" if p.in_force(moment) else "-" for p in agreement.provisions),
        )
    console.print(timeline)

    out_dir.mkdir(parents=True, exist_ok=True)
    files = []
    for fmt in ("geojson", "kml"):
        target = out_dir / f"{agreement.id}.{fmt}"
        target.write_text(export(agreement, fmt), encoding="utf-8")
        files.append(target)
    summary = out_dir / f"{agreement.id}-places.json"
    summary.write_text(
        json.dumps({"agreement": info, "places": rows}, indent=1, default=str) + "\n"
    )
    files.append(summary)
    return DemoResult(out_dir, tuple(files))
