"""The demonstration run on the bundled example, as one library call.

Until the extraction pipeline lands, the demo shows the example agreement, locates its
named places against every provision before and after the terms take effect, ingests the
example reports into a store and places what each report names against the provisions.
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


def _cells(agreement: Agreement, lat: float, lon: float) -> list[str]:
    """Where a point lies against each provision, in a few words."""
    cells = []
    for loc in agreement.locate(lat, lon):
        if loc.kind == "patrol":
            cells.append(f"km {loc.along_km:.1f}, {loc.distance_km:.1f} off")
        else:
            side = "inside" if loc.inside else "outside"
            line = f", {loc.distance_km:.1f} km from line" if loc.kind == "corridor" else ""
            cells.append(side + line)
    return cells


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
        table.add_row(place.names[0], *_cells(agreement, place.lat, place.lon))
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
    store_file = _reports(example / "reports", out_dir, agreement, console)
    if store_file is not None:
        files.append(store_file)
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


def _reports(folder: Path, out_dir: Path, agreement: Agreement, console: Console) -> Path | None:
    """Ingest the example reports and show the places each names against the provisions."""
    if not folder.is_dir():
        return None
    from sqlalchemy import select

    from trucewatch.ingest import ingest
    from trucewatch.places import ExtraPlace, PlaceFinder, geoparse, load_gazetteer, load_model
    from trucewatch.store import Document, open_store

    db = out_dir / "trucewatch.db"
    store = open_store(str(db))
    try:
        result = ingest([str(folder)], store)
        with store.session() as session:
            docs = list(session.scalars(select(Document).order_by(Document.published)))
    finally:
        store.close()
    console.print(
        f"Ingested {len(result.ingested)} example reports ({result.already_stored} already "
        f"stored, {len(result.failed)} failed) into {db}",
        markup=False,
    )
    console.print("Loading the world gazetteer (built once, about 35 s, on a first run)...")
    gaz = load_gazetteer([ExtraPlace.of(p) for p in agreement.places])
    finder = PlaceFinder(gaz, load_model())
    table = Table(title="Places the example reports name", title_justify="left")
    for col in ("published", "report", "place (precision)", *(p.id for p in agreement.provisions)):
        table.add_column(col)
    for doc in docs:
        seen: set[str] = set()
        for found in geoparse(doc.text, gaz, finder):
            if found.demonym or found.lat is None or found.lon is None or found.place is None:
                continue
            if found.place.name in seen:
                continue
            seen.add(found.place.name)
            cells = _cells(agreement, found.lat, found.lon)
            day = f"{doc.published:%d %b}" if doc.published else "undated"
            table.add_row(
                day,
                (doc.title or doc.id[:12])[:34],
                f"{found.place.name} ({found.precision})",
                *cells,
            )
    console.print(table)
    return db
