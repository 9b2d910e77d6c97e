"""Review: an analyst's decisions on an incident, and the incident they make effective.

Reviews are an append-only trail. The machine's incident is never changed; the effective
incident is the machine's with every review applied in order: a correction overrides its
field (the latest correction of a field wins), and the latest review sets the status
(``confirmed``, ``rejected``, or ``corrected`` after a correction).

>>> import datetime as dt
>>> from trucewatch.records import When, Where
>>> machine = Incident(id="i1", event_type="Battles", sub_event_type="Armed clash",
...                    when=When(date=dt.date(2020, 3, 5), precision=1), where=Where())
>>> at = dt.datetime(2020, 3, 7, tzinfo=dt.UTC)
>>> fix = Review(action="set_date", payload={"date": "2020-03-06"}, reviewer="ana", at=at)
>>> effective = apply_reviews(machine, [fix])
>>> effective.when.date, effective.review_status
(datetime.date(2020, 3, 6), 'corrected')
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict

from trucewatch.records import Incident, When, Where

__all__ = ["REVIEW_ACTIONS", "Review", "ReviewAction", "apply_reviews", "describe_review"]

ReviewAction = Literal["confirm", "reject", "set_place", "set_date", "attribute"]
REVIEW_ACTIONS: tuple[ReviewAction, ...] = get_args(ReviewAction)

_STATUS: dict[ReviewAction, Literal["confirmed", "rejected", "corrected"]] = {
    "confirm": "confirmed",
    "reject": "rejected",
    "set_place": "corrected",
    "set_date": "corrected",
    "attribute": "corrected",
}


class Review(BaseModel):
    """One analyst's decision on one incident, as stored in the trail.

    ``payload`` holds what a correction sets: ``set_place`` a place (name, latitude,
    longitude, precision, country); ``set_date`` a ``date`` (ISO); ``attribute`` an
    ``actor1``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    action: ReviewAction
    payload: dict[str, Any] = {}
    reviewer: str
    note: str | None = None
    at: dt.datetime


def _apply(incident: Incident, review: Review) -> Incident:
    p = review.payload
    changes: dict[str, Any] = {"review_status": _STATUS[review.action]}
    if review.action == "set_place":
        changes["where"] = Where(
            name=p.get("name"),
            country=p.get("country"),
            latitude=p["latitude"],
            longitude=p["longitude"],
            precision=p.get("precision"),
        )
    elif review.action == "set_date":
        # An analyst's date is a day, known to the day; the report's time of day no longer holds.
        changes["when"] = When(date=dt.date.fromisoformat(p["date"]), precision=1)
    elif review.action == "attribute":
        changes["actor1"] = p["actor1"]
    return incident.model_copy(update=changes)


def apply_reviews(incident: Incident, reviews: Iterable[Review]) -> Incident:
    """The effective incident: the machine's ``incident`` with ``reviews`` applied in time order."""
    for review in sorted(reviews, key=lambda r: r.at):
        incident = _apply(incident, review)
    return incident


def describe_review(review: Review) -> str:
    """What a review did, in a few words.

    >>> r = Review(action="attribute", payload={"actor1": "Military Forces of Syria"},
    ...            reviewer="ana", at=dt.datetime(2020, 3, 7, tzinfo=dt.UTC))
    >>> describe_review(r)
    'attributed to Military Forces of Syria'
    """
    p = review.payload
    if review.action == "confirm":
        return "confirmed"
    if review.action == "reject":
        return "rejected"
    if review.action == "set_date":
        return f"date set to {p['date']}"
    if review.action == "attribute":
        return f"attributed to {p['actor1']}"
    point = f"{p['latitude']:.5f}, {p['longitude']:.5f}"
    precision = f", precision {p['precision']}" if p.get("precision") else ""
    named = f"{p['name']} ({point}{precision})" if p.get("name") else f"{point}{precision}"
    return f"place set to {named}"
