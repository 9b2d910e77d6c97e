"""``trucewatch corroborate``, ``assess`` and ``incidents``: the stored stages and their listing."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer
from rich.table import Table
from rich.text import Text

from trucewatch.cli._common import (
    DbOption,
    JsonOption,
    StoredAgreementOption,
    console,
    guarded,
    print_figures,
    print_json,
    store_at,
)
from trucewatch.errors import SelectionError
from trucewatch.taxonomy import VERDICT_CODES

if TYPE_CHECKING:
    from trucewatch.pipeline import Listed

__all__ = ["assess", "corroborate", "incidents", "print_incidents"]


@guarded
def corroborate(db: DbOption = None, json_out: JsonOption = False) -> None:
    """Merge new mentions into incidents: join the stored ones or start new ones."""
    from trucewatch.pipeline import corroborate_stored

    with store_at(db) as store, store.session() as session:
        summary = corroborate_stored(session)
    if json_out:
        print_json(summary.as_dict())
        return
    print_figures(
        {
            "new mentions": summary.mentions,
            "new incidents": summary.new_incidents,
            "joined existing": summary.joined,
            "incidents updated": summary.updated_incidents,
        }
    )
    if summary.conflicting:
        console.print(
            f"{len(summary.conflicting)} incidents whose sources disagree on the toll (every "
            "figure kept; the lowest is the headline): "
            + ", ".join(i[:12] for i in summary.conflicting),
            markup=False,
        )


@guarded
def assess(
    agreement: StoredAgreementOption = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Judge every incident, as reviewed, against the stored agreements' provisions."""
    from trucewatch.pipeline import assess_stored
    from trucewatch.store.agreements import save_agreement_files

    with store_at(db) as store, store.session() as session:
        save_agreement_files(session, agreement or [])
        summary = assess_stored(session)
        if not summary.agreements:
            raise SelectionError(
                "no agreement is stored to judge against; give one with --agreement FILE"
            )
    if json_out:
        print_json(summary.as_dict())
        return
    print_figures(
        {
            "agreements": ", ".join(summary.agreements),
            "incidents": summary.incidents,
            "rejected (no verdicts)": summary.rejected,
            "verdicts": summary.verdicts,
            "written": summary.written,
            "removed": summary.removed,
        },
        width=24,
    )
    if summary.by_provision:
        table = Table("provision", *VERDICT_CODES)
        for key, counts in summary.by_provision.items():
            table.add_row(key, *(str(counts.get(c, "")) for c in VERDICT_CODES))
        console.print(table)


def _cells(listed: Listed) -> list[str]:
    i = listed.incident
    killed = "" if i.fatalities is None else str(i.fatalities)
    if len(i.fatalities_reported) > 1:
        killed += f" ({'/'.join(str(f) for f in i.fatalities_reported)} reported)"
    place = i.where.name or ""
    if not place and i.where.latitude is not None and i.where.longitude is not None:
        place = f"{i.where.latitude:.4f}, {i.where.longitude:.4f}"
    status = "" if i.review_status == "machine" else f"\n{i.review_status}"
    return [
        i.id[:8] + status,
        str(i.when.date or "undated"),
        i.sub_event_type,
        " vs ".join(a or "unidentified" for a in (i.actor1, i.actor2) if a or i.actor2)
        or "unattributed",
        place,
        killed,
        str(i.sources),
        "\n".join(f"{v.provision_id}: {v.code}" for v in listed.verdicts),
    ]


@guarded
def incidents(
    since: Annotated[
        str | None,
        typer.Option(
            "--since", metavar="DATE", help="Only incidents on or after this day (YYYY-MM-DD)."
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until", metavar="DATE", help="Only incidents on or before this day (YYYY-MM-DD)."
        ),
    ] = None,
    verdict: Annotated[
        str | None,
        typer.Option(
            "--verdict",
            metavar="CODE",
            help=f"Only incidents with this verdict on some provision: {', '.join(VERDICT_CODES)}.",
        ),
    ] = None,
    near: Annotated[
        str | None,
        typer.Option(
            "--near",
            metavar="LAT,LON,KM",
            help="Only incidents within KM kilometres of the point LAT,LON.",
        ),
    ] = None,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """List the incidents as reviewed, with verdicts; filter by date, verdict, place."""
    from trucewatch.pipeline import IncidentQuery, incident_json, list_incidents

    query = IncidentQuery(
        since=IncidentQuery.parse_date(since, "--since") if since is not None else None,
        until=IncidentQuery.parse_date(until, "--until") if until is not None else None,
        verdict=verdict,
        near=IncidentQuery.parse_near(near) if near is not None else None,
    )
    with store_at(db) as store, store.session() as session:
        found = list_incidents(session, query)
    if json_out:
        print_json([incident_json(item) for item in found])
        return
    print_incidents(found)


def print_incidents(found: list[Listed]) -> None:
    """The incidents as a table, and how many have a violation."""
    from trucewatch.report.html import strongest

    table = Table()
    for name in ("id", "date", "event", "actors", "place", "killed", "sources", "verdicts"):
        table.add_column(name, no_wrap=name in {"id", "date"})
    for item in found:
        table.add_row(*(Text(cell) for cell in _cells(item)))  # Text: no Rich markup in data
    console.print(table)
    flagged = sum(1 for item in found if strongest(item.verdicts) == "violation")
    noun = "incident" if len(found) == 1 else "incidents"
    console.print(f"{len(found)} {noun}, {flagged} with a violation", markup=False)
