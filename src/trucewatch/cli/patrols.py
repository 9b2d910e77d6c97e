"""``trucewatch patrols``: patrols placed on their routes, and each route's weekly coverage."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from trucewatch.cli._common import (
    DbOption,
    JsonOption,
    StoredAgreementOption,
    console,
    err_console,
    guarded,
    print_json,
    store_at,
)

__all__ = ["patrols", "print_patrols"]


def _km(value: float) -> str:
    return f"{value:.1f}"


def print_patrols(listing: dict[str, Any]) -> None:
    """The patrols placed on their routes, then each route's coverage week by week."""
    table = Table("date", "provision", "parties", "km", "status", "sources")
    notes: list[str] = []
    for p in listing["patrols"]:
        names = sorted(
            {s.get("outlet") or s.get("title") or s["document"][:12] for s in p["sources"]}
        )
        status = p["status"]
        if p["note"]:
            notes.append(p["note"])
            status += f" [{len(notes)}]"
        table.add_row(
            p["date"],
            p["provision"],
            "+".join(p["parties"]),
            f"{_km(p['from_km'])}-{_km(p['to_km'])}",
            status,
            "; ".join(names),
        )
    console.print(table)
    console.print(f"{len(listing['patrols'])} patrols", markup=False)
    for route in listing["coverage"]:
        weeks = Table(
            "week of",
            "patrols",
            "covered km",
            "share",
            "cut short",
            title=f"{route['agreement']} / {route['provision']}: route {route['route_km']:.1f} km",
        )
        for w in route["weeks"]:
            weeks.add_row(
                w["week_start"],
                str(w["patrols"]),
                _km(w["covered_km"]),
                f"{w['share']:.0%}",
                str(w["cut_short"]),
            )
        console.print(weeks)
    for number, note in enumerate(notes, start=1):
        console.print(f"[{number}] {note}", markup=False)


def _print_placing(placing: dict[str, Any]) -> None:
    for miss in placing["unplaced"]:
        err_console.print(f"not placed ({miss['document'][:12]}): {miss['reason']}", markup=False)
    for track in placing["tracks"]:
        if track["note"]:
            err_console.print(f"track {track['source']}: {track['note']}", markup=False)


@guarded
def patrols(
    agreement: StoredAgreementOption = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Place reported and GPS-tracked patrols on their routes; list them and weekly coverage."""
    from trucewatch.store.agreements import current_agreements, save_agreement_files
    from trucewatch.store.patrols import list_patrols, place_patrols

    with store_at(db) as store, store.session() as session:
        save_agreement_files(session, agreement or [])
        agreements = current_agreements(session)
        placing = place_patrols(session, agreements).as_dict()
        listing = list_patrols(session, agreements)
    if not agreements:
        err_console.print("no agreement stored: give one with --agreement FILE", markup=False)
    if json_out:
        print_json({**listing, "placed": placing})
    else:
        print_patrols(listing)
        _print_placing(placing)
