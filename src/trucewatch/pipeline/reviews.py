"""The review stage on the store: append an analyst's decision, recompute that incident's verdicts.

The ``reviews`` table is the audit trail: a review is only ever added, never changed or
deleted. The incident row keeps the machine's fields; its ``review_status`` column follows
the latest review, so listings can filter on it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from trucewatch.agreements import Agreement
from trucewatch.errors import SelectionError
from trucewatch.pipeline.effective import effective_incidents, resolve_incident, review_trail
from trucewatch.pipeline.verdicts import assess_stored
from trucewatch.records import Incident
from trucewatch.review import Review, ReviewAction
from trucewatch.store import models
from trucewatch.store.agreements import current_agreements

__all__ = ["ReviewOutcome", "add_review", "parse_place", "review_history"]

_POINT = re.compile(r"\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*(?:,\s*(\d+)\s*)?")


@dataclass(frozen=True)
class ReviewOutcome:
    """The review as stored, and the incident as it now stands."""

    review: Review
    incident: Incident
    verdicts_written: int


def parse_place(
    text: str, agreements: list[Agreement], near: tuple[float, float] | None
) -> dict[str, Any]:
    """A ``set_place`` payload from ``LAT,LON[,PRECISION]`` or a place name.

    A name is looked up among the agreements' own places first, then in the world
    gazetteer, taking the namesake nearest ``near`` (else nearest the agreements' places).
    """
    found = _POINT.fullmatch(text)
    if found:
        lat, lon = float(found[1]), float(found[2])
        precision = int(found[3]) if found[3] else 1
        if not -90 <= lat <= 90 or not -180 <= lon <= 180:
            raise SelectionError(
                f"--set-place {text!r}: latitude must be within -90..90 and longitude within "
                "-180..180"
            )
        if precision not in (1, 2, 3):
            raise SelectionError(
                f"--set-place {text!r}: precision must be 1 (the town), 2 (near a town or part "
                "of a region) or 3 (a region)"
            )
        return {"name": None, "latitude": lat, "longitude": lon, "precision": precision}
    name = text.strip()
    if not name:
        raise SelectionError("--set-place needs a place name or LAT,LON[,PRECISION]")
    key = name.casefold()
    for agreement in agreements:
        for p in agreement.places:
            if p.id == key or any(n.casefold() == key for n in p.names):
                return {
                    "name": p.names[0],
                    "latitude": p.lat,
                    "longitude": p.lon,
                    "precision": 1,
                    "resolved": f"agreement {agreement.id}, place {p.id}",
                }
    from trucewatch.places.service import nearest_named

    anchors = [near] if near else [(p.lat, p.lon) for a in agreements for p in a.places]
    place = nearest_named(name, anchors)
    if place is None:
        known = ", ".join(p.id for a in agreements for p in a.places) or "none"
        raise SelectionError(
            f"--set-place: no place {name!r} in the agreements or in the world gazetteer; give "
            f"LAT,LON[,PRECISION] instead (the agreements' places: {known})"
        )
    return {
        "name": place.name,
        "country": place.country,
        "latitude": round(place.lat, 5),
        "longitude": round(place.lon, 5),
        "precision": 1,
        "resolved": f"gazetteer {place.id}",
    }


def _payload(
    session: Session, incident: Incident, action: ReviewAction, value: str | None
) -> dict[str, Any]:
    if action == "set_place":
        assert value is not None
        near = None
        if incident.where.latitude is not None and incident.where.longitude is not None:
            near = (incident.where.latitude, incident.where.longitude)
        return parse_place(value, current_agreements(session), near)
    if action == "set_date":
        assert value is not None
        try:
            day = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise SelectionError(
                f"--set-date: expected a day as YYYY-MM-DD, found {value!r}"
            ) from None
        return {"date": day.isoformat()}
    if action == "attribute":
        actor = (value or "").strip()
        if not actor:
            raise SelectionError("--attribute needs an actor name, e.g. 'Military Forces of Syria'")
        return {"actor1": actor}
    return {}


def add_review(
    session: Session,
    incident: str,
    action: ReviewAction,
    reviewer: str,
    *,
    value: str | None = None,
    note: str | None = None,
    now: dt.datetime | None = None,
) -> ReviewOutcome:
    """Append a review of ``incident`` (an id or unique prefix) and recompute its verdicts."""
    if not reviewer.strip():
        raise SelectionError("--by needs the reviewer's name")
    incident_id = resolve_incident(session, incident)
    [current] = effective_incidents(session, [incident_id])
    at = now or dt.datetime.now(dt.UTC)
    # Two reviews in one clock tick must still sort in the order they were made.
    trail = review_trail(session, [incident_id])[incident_id]
    if trail and trail[-1].at >= at:
        at = trail[-1].at + dt.timedelta(microseconds=1)
    review = Review(
        action=action,
        payload=_payload(session, current, action, value),
        reviewer=reviewer.strip(),
        note=note.strip() if note and note.strip() else None,
        at=at,
    )
    session.add(
        models.Review(
            incident_id=incident_id,
            action=review.action,
            payload=review.payload,
            reviewer=review.reviewer,
            note=review.note,
            at=review.at,
        )
    )
    session.flush()
    [effective] = effective_incidents(session, [incident_id])
    row = session.get(models.Incident, incident_id)
    assert row is not None
    row.review_status = effective.review_status
    row.updated_at = at
    summary = assess_stored(session, [incident_id], now=at)
    return ReviewOutcome(review=review, incident=effective, verdicts_written=summary.written)


def review_history(session: Session, incident: str) -> tuple[str, list[Review]]:
    """The full id of ``incident`` (an id or unique prefix) and its reviews, oldest first."""
    incident_id = resolve_incident(session, incident)
    return incident_id, review_trail(session, [incident_id])[incident_id]
