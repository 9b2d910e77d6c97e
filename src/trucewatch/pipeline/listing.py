"""Listing the stored incidents as reviewed, with verdicts, filtered by date, verdict and place.

Filters apply to the effective incident (after reviews): an incident an analyst moved is
found where the analyst put it.

>>> IncidentQuery.parse_near("35.81,36.61,10")
(35.81, 36.61, 10.0)
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import Session

from trucewatch.errors import SelectionError
from trucewatch.geometry import geodesic_km
from trucewatch.pipeline.effective import effective_incidents, stored_verdicts
from trucewatch.records import VERDICT_CODES, Incident, Verdict
from trucewatch.report.exports import incident_fields
from trucewatch.store import models
from trucewatch.store.agreements import current_agreements

__all__ = ["IncidentQuery", "Listed", "incident_json", "list_incidents"]


@dataclass(frozen=True)
class IncidentQuery:
    """Which incidents to list: each filter narrows; an undated incident has no date to match."""

    since: dt.date | None = None
    until: dt.date | None = None
    verdict: str | None = None
    near: tuple[float, float, float] | None = None
    """A circle: latitude, longitude, radius in km."""

    def __post_init__(self) -> None:
        if self.verdict is not None and self.verdict not in VERDICT_CODES:
            raise SelectionError(
                f"--verdict: no verdict {self.verdict!r}; the verdicts: {', '.join(VERDICT_CODES)}"
            )
        if self.since and self.until and self.until < self.since:
            raise SelectionError(
                f"--until {self.until} is before --since {self.since}: nothing can match"
            )

    @staticmethod
    def parse_date(text: str, option: str) -> dt.date:
        """A day written YYYY-MM-DD."""
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            raise SelectionError(
                f"{option}: expected a day as YYYY-MM-DD, found {text!r}"
            ) from None

    @staticmethod
    def parse_near(text: str) -> tuple[float, float, float]:
        """A circle written LAT,LON,KM."""
        parts = text.split(",")
        try:
            lat, lon, km = (float(p) for p in parts)
        except ValueError:
            raise SelectionError(
                f"--near: expected LAT,LON,KM such as 35.81,36.61,10, found {text!r}"
            ) from None
        if not -90 <= lat <= 90 or not -180 <= lon <= 180 or not km >= 0:
            raise SelectionError(
                f"--near {text!r}: latitude must be within -90..90, longitude within -180..180 "
                "and the radius 0 km or more"
            )
        return lat, lon, km

    def matches(self, incident: Incident, verdicts: Sequence[Verdict]) -> bool:
        """Whether ``incident`` (with its ``verdicts``) passes every filter."""
        first, last = incident.when.first, incident.when.last
        if self.since is not None and (last is None or last < self.since):
            return False
        if self.until is not None and (first is None or first > self.until):
            return False
        if self.verdict is not None and all(v.code != self.verdict for v in verdicts):
            return False
        if self.near is not None:
            lat, lon, km = self.near
            w = incident.where
            if w.latitude is None or w.longitude is None:
                return False
            if geodesic_km((lat, lon), (w.latitude, w.longitude)) > km:
                return False
        return True


@dataclass(frozen=True)
class Listed:
    """An effective incident and its verdicts by the current agreements."""

    incident: Incident
    verdicts: tuple[Verdict, ...]


def _candidates(session: Session, query: IncidentQuery, hashes: list[str]) -> list[str] | None:
    """The ids that may pass ``query`` by the stored columns (None: every incident may).

    Reviews may move an incident in time or space, so every reviewed incident stays a
    candidate for the date and place filters; verdicts are stored for the incident as
    reviewed, so they filter every incident.
    """
    if query.since is None and query.until is None and query.near is None and not query.verdict:
        return None
    row = models.Incident
    machine: list[ColumnElement[bool]] = []
    if query.since is not None:
        machine.append(func.coalesce(row.date_end, row.event_date) >= query.since)
    if query.until is not None:
        machine.append(func.coalesce(row.date_start, row.event_date) <= query.until)
    if query.near is not None:
        lat, lon, km = query.near
        dlat = km / 110.0 + 0.01  # a degree of latitude is at least 110.5 km long
        machine.append(row.latitude.between(lat - dlat, lat + dlat))
        if abs(lat) + dlat < 89:  # a degree of longitude is shortest at the box's poleward edge
            dlon = km / (111.3 * math.cos(math.radians(abs(lat) + dlat))) + 0.01
            if lon - dlon > -180 and lon + dlon < 180:  # the box does not cross the antimeridian
                machine.append(row.longitude.between(lon - dlon, lon + dlon))
    ids = select(row.id)
    if machine:
        ids = ids.where(or_(and_(*machine), row.review_status != "machine"))
    if query.verdict:
        judged = select(models.Verdict.incident_id).where(
            models.Verdict.code == query.verdict, models.Verdict.agreement_hash.in_(hashes)
        )
        ids = ids.where(row.id.in_(judged))
    return list(session.scalars(ids))


def list_incidents(session: Session, query: IncidentQuery | None = None) -> list[Listed]:
    """The stored incidents, as reviewed, that pass ``query``: by date (undated last), then id."""
    query = query or IncidentQuery()
    hashes = [a.hash for a in current_agreements(session)]
    ids = _candidates(session, query, hashes)
    by_incident: dict[str, list[Verdict]] = defaultdict(list)
    for v in stored_verdicts(session, hashes, ids):
        by_incident[v.incident_id].append(v)
    out = []
    for incident in effective_incidents(session, ids):
        verdicts = by_incident[incident.id]
        if query.matches(incident, verdicts):
            out.append(Listed(incident, tuple(verdicts)))
    return out


def incident_json(listed: Listed) -> dict[str, Any]:
    """One incident as the JSON of ``trucewatch incidents --json``."""
    return incident_fields(listed.incident, listed.verdicts)
