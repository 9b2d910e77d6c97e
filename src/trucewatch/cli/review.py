"""``trucewatch review``: confirm, reject or correct an incident; show its audit trail."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.table import Table
from rich.text import Text

from trucewatch.cli._common import DbOption, JsonOption, console, guarded, print_json, store_at

if TYPE_CHECKING:
    from trucewatch.review import Review, ReviewAction

__all__ = ["review"]


def _review_json(review: Review) -> dict[str, Any]:
    from trucewatch.review import describe_review

    return {
        "at": review.at.isoformat(),
        "by": review.reviewer,
        "action": review.action,
        "what": describe_review(review),
        "payload": review.payload,
        "note": review.note,
    }


def _action(
    confirm: bool,
    reject: bool,
    set_place: str | None,
    set_date: str | None,
    attribute: str | None,
) -> tuple[ReviewAction, str | None]:
    chosen: list[tuple[ReviewAction, str | None]] = []
    if confirm:
        chosen.append(("confirm", None))
    if reject:
        chosen.append(("reject", None))
    if set_place is not None:
        chosen.append(("set_place", set_place))
    if set_date is not None:
        chosen.append(("set_date", set_date))
    if attribute is not None:
        chosen.append(("attribute", attribute))
    if len(chosen) != 1:
        raise typer.BadParameter(
            "give exactly one of --confirm, --reject, --set-place, --set-date, --attribute "
            "(or --history to show the trail)",
            param_hint="review",
        )
    return chosen[0]


def _history(incident: str, db: str | None, json_out: bool) -> None:
    from trucewatch.pipeline import review_history
    from trucewatch.review import describe_review

    with store_at(db) as store, store.session() as session:
        incident_id, trail = review_history(session, incident)
    if json_out:
        print_json({"incident": incident_id, "reviews": [_review_json(r) for r in trail]})
        return
    console.print(f"incident {incident_id}", markup=False)
    if not trail:
        console.print("no reviews: machine-assessed", markup=False)
        return
    table = Table("when (UTC)", "who", "what", "why")
    for r in trail:
        at = r.at.strftime("%Y-%m-%d %H:%M:%S")
        table.add_row(*(Text(c) for c in (at, r.reviewer, describe_review(r), r.note or "")))
    console.print(table)


@guarded
def review(
    incident: Annotated[
        str,
        typer.Argument(
            metavar="INCIDENT", help="An incident id, or a unique prefix of one (4+ digits)."
        ),
    ],
    confirm: Annotated[
        bool, typer.Option("--confirm", help="The incident happened as the machine coded it.")
    ] = False,
    reject: Annotated[
        bool,
        typer.Option(
            "--reject", help="It did not happen as reported: no verdicts, left out of reports."
        ),
    ] = False,
    set_place: Annotated[
        str | None,
        typer.Option(
            "--set-place",
            metavar="PLACE",
            help="Correct the place: a name (the agreements' places, then the world "
            "gazetteer) or LAT,LON[,PRECISION] with ACLED precision 1-3 [default: 1].",
        ),
    ] = None,
    set_date: Annotated[
        str | None,
        typer.Option("--set-date", metavar="YYYY-MM-DD", help="Correct the date (to the day)."),
    ] = None,
    attribute: Annotated[
        str | None,
        typer.Option(
            "--attribute", metavar="ACTOR", help="Attribute the act to this actor (actor1)."
        ),
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", metavar="NAME", help="Who reviews (required to review)."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="Why, in the reviewer's words.")
    ] = None,
    history: Annotated[
        bool,
        typer.Option("--history", help="Show the incident's review trail: who, when, what, why."),
    ] = False,
    db: DbOption = None,
    json_out: JsonOption = False,
) -> None:
    """Confirm, reject or correct an incident (verdicts follow at once); show its trail."""
    if history:
        if any((confirm, reject, set_place, set_date, attribute)):
            raise typer.BadParameter(
                "--history shows the trail; review in a separate call", param_hint="--history"
            )
        _history(incident, db, json_out)
        return
    from trucewatch.pipeline import Listed, add_review, incident_json, stored_verdicts
    from trucewatch.review import describe_review
    from trucewatch.store.agreements import current_agreements

    action, value = _action(confirm, reject, set_place, set_date, attribute)
    if by is None:
        raise typer.BadParameter("say who reviews with --by NAME", param_hint="--by")
    with store_at(db) as store, store.session() as session:
        outcome = add_review(session, incident, action, by, value=value, note=note)
        hashes = [a.hash for a in current_agreements(session)]
        verdicts = stored_verdicts(session, hashes, [outcome.incident.id])
    listed = Listed(outcome.incident, tuple(verdicts))
    if json_out:
        print_json({"review": _review_json(outcome.review), "incident": incident_json(listed)})
        return
    i = outcome.incident
    console.print(
        f"incident {i.id[:12]}: {describe_review(outcome.review)} by {outcome.review.reviewer}; "
        f"now {i.review_status}",
        markup=False,
    )
    for v in verdicts:
        console.print(f"  {v.agreement_id}/{v.provision_id}: {v.code}", markup=False)
    if not verdicts:
        console.print("  no verdicts (rejected, or no agreement stored)", markup=False)
