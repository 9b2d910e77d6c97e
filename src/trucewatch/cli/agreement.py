"""``trucewatch agreement``: validate, show, locate and export agreement files."""

from __future__ import annotations

import datetime as dt
import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table

from trucewatch.cli._common import JsonOption, console, guarded, print_json

if TYPE_CHECKING:
    from trucewatch.agreements import Agreement, Location

app = typer.Typer(help="Validate, show, locate and export agreement files.", no_args_is_help=True)

FileArg = Annotated[
    Path, typer.Argument(help="The agreement's YAML file.", show_default=False, metavar="FILE")
]


class Format(enum.StrEnum):
    geojson = "geojson"
    kml = "kml"


def _instant(text: str | None, agreement: Agreement, option: str) -> dt.datetime | None:
    if text is None:
        return None
    from trucewatch.agreements import parse_instant

    try:
        return parse_instant(text, agreement.timezone)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint=option) from None


@app.command()
@guarded
def validate(file: FileArg, json_out: JsonOption = False) -> None:
    """Check an agreement file; print a one-line summary, or every mistake as FILE:LINE:COL."""
    from trucewatch.agreements import load_agreement

    agreement = load_agreement(file)
    kinds = ", ".join(f"{p.id} ({p.kind})" for p in agreement.provisions)
    if json_out:
        print_json(
            {
                "valid": True,
                "id": agreement.id,
                "hash": agreement.hash,
                "provisions": [p.id for p in agreement.provisions],
            }
        )
        return
    console.print(
        f"{file}: valid: {agreement.id}, {len(agreement.parties)} parties, "
        f"{len(agreement.places)} places, {len(agreement.provisions)} provisions: {kinds}",
        markup=False,
    )


def _fmt_when(when: dict[str, str] | None) -> str:
    if when is None:
        return "-"
    local = dt.datetime.fromisoformat(when["local"])
    utc = dt.datetime.fromisoformat(when["utc"])
    return f"{local:%Y-%m-%d %H:%M} local\n{utc:%Y-%m-%d %H:%M} UTC"


def _size(terms: dict[str, Any]) -> str:
    parts = []
    if "line_km" in terms:
        parts.append(f"line {terms['line']}: {terms['line_km']:.1f} km")
        parts.append(f"{terms['half_width_km']:g} km each side, {terms['ends']} ends")
    if "route_km" in terms:
        parts.append(f"route {terms['route']}: {terms['route_km']:.1f} km")
    if terms.get("area_km2") is not None:
        parts.append(f"{terms['area_km2']:,.0f} km²")
    if terms.get("approximate"):
        parts.append("approximate")
    return "\n".join(parts) or "everywhere"


@app.command()
@guarded
def show(file: FileArg, json_out: JsonOption = False) -> None:
    """Parties, provisions, sizes (km, km²), start times in local time and UTC, amendments."""
    from trucewatch.agreements import load_agreement
    from trucewatch.agreements.describe import describe

    info = describe(load_agreement(file))
    if json_out:
        print_json(info)
        return
    console.print(f"[bold]{info['title']}[/bold]")
    console.print(
        f"id {info['id']} · signed {info['signed']}"
        + (f" in {info['signed_at']}" if info["signed_at"] else "")
        + f" · time zone {info['timezone'] or 'none (times carry offsets)'}"
        + f" · hash {info['hash'][:12]}"
    )
    parties = Table(title="Parties", title_justify="left")
    for col in ("id", "name", "role", "actors"):
        parties.add_column(col)
    for p in info["parties"]:
        parties.add_row(p["id"], p["name"], p["role"], "; ".join(p["actors"]))
    console.print(parties)
    provs = Table(title="Provisions", title_justify="left")
    for col in ("id", "kind", "extent", "start", "end", "parties"):
        provs.add_column(col, no_wrap=col in {"id", "start", "end"})
    for p in info["provisions"]:
        t = p["terms"]
        who = t.get("bound_parties") or t.get("parties") or []
        provs.add_row(
            p["id"], p["kind"], _size(t), _fmt_when(t["start"]), _fmt_when(t["end"]), ", ".join(who)
        )
    console.print(provs)
    amended = [(p["id"], a) for p in info["provisions"] for a in p["amendments"]]
    if amended:
        table = Table(title="Amendments", title_justify="left")
        for col in ("provision", "effective", "changes", "note"):
            table.add_column(col)
        for pid, a in amended:
            changes = ", ".join(f"{k}: {v}" for k, v in a["changes"].items())
            table.add_row(pid, _fmt_when(a["effective"]), changes, a["note"] or "")
        console.print(table)
    else:
        console.print("Amendments: none")
    console.print(
        f"{info['places']} named places; lines: "
        + ", ".join(f"{k} {v:.1f} km" for k, v in info["lines"].items())
        + "; areas: "
        + ", ".join(f"{k} {v:,.0f} km²" for k, v in info["areas"].items()),
        markup=False,
    )


def _yes_no(value: bool | None) -> str:
    return "-" if value is None else ("yes" if value else "no")


@app.command()
@guarded
def locate(
    file: FileArg,
    lat: Annotated[
        float | None, typer.Option(help="Latitude in degrees (WGS 84).", metavar="DEG")
    ] = None,
    lon: Annotated[
        float | None, typer.Option(help="Longitude in degrees (WGS 84).", metavar="DEG")
    ] = None,
    place: Annotated[
        str | None,
        typer.Option(
            help="Instead of --lat/--lon, a place of the agreement (id or name), else any "
            "place the world gazetteer knows.",
            metavar="NAME",
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            help="An instant (ISO 8601, e.g. 2020-03-06T00:30+02:00); without an offset it is "
            "read in the agreement's time zone. Adds whether each provision is in force.",
            metavar="TIME",
        ),
    ] = None,
    json_out: JsonOption = False,
) -> None:
    """For each provision: is the point inside, how far from its line or area, in force?"""
    from trucewatch.agreements import load_agreement

    agreement = load_agreement(file)
    if place is not None:
        if lat is not None or lon is not None:
            raise typer.BadParameter("give either --place or --lat and --lon", param_hint="--place")
        lat, lon, place = _find_place(agreement, place, file)
    if lat is None or lon is None:
        raise typer.BadParameter("give --lat and --lon (or --place)", param_hint="--lat/--lon")
    if not -90 <= lat <= 90:
        raise typer.BadParameter(f"latitude {lat:g} is outside -90 to 90", param_hint="--lat")
    if not -180 <= lon <= 180:
        raise typer.BadParameter(f"longitude {lon:g} is outside -180 to 180", param_hint="--lon")
    when = _instant(at, agreement, "--at")
    results = agreement.locate(lat, lon, when)
    if json_out:
        print_json(
            {
                "agreement": agreement.id,
                "point": {"lat": lat, "lon": lon},
                "place": place,
                "at": when.isoformat() if when else None,
                "provisions": [r.as_dict() for r in results],
            }
        )
        return
    if place is not None:
        console.print(place, markup=False)
    _print_locations(agreement, lat, lon, when, results)


def _find_place(agreement: Agreement, name: str, file: Path) -> tuple[float, float, str]:
    """A place's point and label: the agreement's own places first, then the gazetteer."""
    key = name.strip().casefold()
    for p in agreement.places:
        if p.id == key or any(n.casefold() == key for n in p.names):
            return p.lat, p.lon, f"{p.names[0]} (agreement place {p.id})"
    from trucewatch.places.service import nearest_named

    found = nearest_named(name, [(p.lat, p.lon) for p in agreement.places])
    if found is not None:
        where = f", {found.country}" if found.country else ""
        return found.lat, found.lon, f"{found.name}{where} (gazetteer)"
    known = ", ".join(p.id for p in agreement.places)
    raise typer.BadParameter(
        f"no place '{name}' in {agreement.id} or in the world gazetteer; the agreement's "
        f"places: {known}",
        param_hint="--place",
    )


def _print_locations(
    agreement: Agreement, lat: float, lon: float, when: dt.datetime | None, results: list[Location]
) -> None:
    title = f"{lat:.5f}, {lon:.5f}"
    if when is not None:
        title += f" at {agreement.local(when):%Y-%m-%d %H:%M %Z}"
    table = Table(title=title, title_justify="left")
    for col in ("provision", "kind", "inside", "km off", "km to edge", "km along", "in force"):
        table.add_column(
            col, justify="right" if "km" in col else "left", no_wrap=col == "provision"
        )
    for r in results:
        table.add_row(
            r.id + (" ~" if r.approximate else ""),
            r.kind,
            _yes_no(r.inside),
            f"{r.distance_km:.2f}",
            "-" if r.edge_km is None else f"{r.edge_km:.2f}",
            "-" if r.along_km is None else f"{r.along_km:.2f}",
            _yes_no(r.in_force),
        )
    console.print(table)
    if any(r.approximate for r in results):
        console.print(
            "~ approximate geometry: figures near an edge are indicative only", markup=False
        )


@app.command("export")
@guarded
def export_cmd(
    file: FileArg,
    fmt: Annotated[Format, typer.Option("--format", help="geojson or kml.")] = Format.geojson,
    out: Annotated[
        Path | None,
        typer.Option(
            "--out", help="Write to this file instead of standard output.", metavar="PATH"
        ),
    ] = None,
    at: Annotated[
        str | None,
        typer.Option(
            help="Export the terms in force at this instant [default: latest].", metavar="TIME"
        ),
    ] = None,
) -> None:
    """The agreement's areas, lines, corridors, routes and places as GeoJSON or KML."""
    from trucewatch.agreements import load_agreement
    from trucewatch.agreements.export import export as export_shapes

    agreement = load_agreement(file)
    text = export_shapes(agreement, fmt.value, _instant(at, agreement, "--at"))
    if out is None:
        typer.echo(text, nl=False)
    else:
        out.write_text(text, encoding="utf-8")
        console.print(f"wrote {out}", markup=False)
