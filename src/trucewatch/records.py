"""The records that flow through the pipeline, as frozen pydantic models.

documents ──extract──▶ :class:`Mention` ──corroborate──▶ :class:`Incident`
──assess──▶ :class:`Verdict`

Dates are calendar days in the place's local time with ACLED's time precision; places are
points with ACLED's geo precision and the radius that precision stands for.

>>> when = When(date=dt.date(2020, 3, 5), precision=1)
>>> when.first, when.last
(datetime.date(2020, 3, 5), datetime.date(2020, 3, 5))
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from trucewatch.taxonomy import VERDICT_CODES, VerdictCode

__all__ = [
    "GEO_RADIUS_KM",
    "VERDICT_CODES",
    "Claim",
    "Evidence",
    "Incident",
    "Mention",
    "Verdict",
    "VerdictCode",
    "When",
    "Where",
]

GEO_RADIUS_KM = {1: 2.0, 2: 15.0, 3: 50.0}
"""How far from its point an event may be, by ACLED geo precision: within the named town;
near a town or in part of a region; somewhere in a region."""


class _Record(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Evidence(_Record):
    """A sentence of a document that reports the event, with its character offsets."""

    document_id: str
    text: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)
    outlet: str | None = None


class When(_Record):
    """When an event happened: a local calendar day or range, and how precisely.

    ``time`` is a local time of day when the report gives one ("22:40").
    """

    date: dt.date | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    precision: int | None = Field(default=None, ge=1, le=3)
    time: dt.time | None = None

    @model_validator(mode="after")
    def _consistent(self) -> When:
        if self.start and self.end and self.end < self.start:
            raise ValueError("a date range must not end before it starts")
        return self

    @property
    def first(self) -> dt.date | None:
        """The earliest day the event may have happened."""
        return self.start or self.date

    @property
    def last(self) -> dt.date | None:
        """The latest day the event may have happened."""
        return self.end or self.date


class Where(_Record):
    """Where an event happened: a named place, its point, and how precisely.

    ``uncertainty_km`` states the radius outright (0 for a surveyed point) and then
    overrides the one ACLED's precision stands for.
    """

    name: str | None = None
    place_id: str | None = None
    country: str | None = None
    admin1: str | None = None
    latitude: float | None = Field(default=None, ge=-90, le=90)
    longitude: float | None = Field(default=None, ge=-180, le=180)
    precision: int | None = Field(default=None, ge=1, le=3)
    uncertainty_km: float | None = Field(default=None, ge=0)

    @property
    def radius_km(self) -> float | None:
        """How far the event may be from the point: as stated, else by its precision."""
        if self.uncertainty_km is not None:
            return self.uncertainty_km
        return GEO_RADIUS_KM.get(self.precision or 0)


class Claim(_Record):
    """Who claims or denies an event, in their words."""

    by: str
    kind: Literal["claim", "denial", "exemption"]
    text: str
    actor: str | None = None
    """Who ``by`` is, as an ACLED-style actor ("the Russian defence ministry" is
    "Military Forces of Russia"), when the extractor could tell: a party's claims are
    known by it."""


class Mention(_Record):
    """One report's account of one event, with the sentences that say so."""

    id: str
    document_id: str
    source: str | None = None
    """The source it counts as: its near-duplicate group, so wire copies count once."""
    outlet: str | None = None
    extractor_version: str = "manual"
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    assoc_actors: tuple[str, ...] = ()
    when: When
    where: Where
    fatalities: int | None = None
    fatalities_text: str | None = None
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: float = Field(default=1.0, ge=0, le=1)
    flags: tuple[str, ...] = ()
    """What a reader should know: ``undated`` when the document gave no date to resolve
    against, ``claimed`` when the only source is a party to the fighting."""

    @property
    def source_key(self) -> str:
        """The key that makes two mentions one source."""
        return self.source or self.document_id


class Incident(_Record):
    """One event, with every mention and source that reports it."""

    id: str
    event_type: str
    sub_event_type: str
    actor1: str | None = None
    actor2: str | None = None
    when: When
    where: Where
    fatalities: int | None = None
    fatalities_reported: tuple[int, ...] = ()
    mentions: tuple[str, ...] = ()
    sources: int = 0
    claims: tuple[Claim, ...] = ()
    evidence: tuple[Evidence, ...] = ()
    confidence: float = Field(default=1.0, ge=0, le=1)
    review_status: Literal["machine", "confirmed", "rejected", "corrected"] = "machine"


class Verdict(_Record):
    """One incident judged against one provision, with the reasons in plain words."""

    incident_id: str
    agreement_id: str
    agreement_hash: str
    provision_id: str
    code: VerdictCode
    reasons: tuple[str, ...]
    confidence: float = Field(ge=0, le=1)
    claims: tuple[Claim, ...] = ()
