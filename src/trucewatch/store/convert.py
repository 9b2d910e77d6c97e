"""Records to rows and back: the pipeline's pydantic records and the store's tables.

Only plain JSON goes into JSON columns (claims and evidence as dictionaries), so the same
rows read back the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from trucewatch import records
from trucewatch.store import models

__all__ = ["incident_record", "incident_row", "mention_record", "mention_row", "plain"]


def plain(items: Sequence[BaseModel]) -> list[dict[str, Any]]:
    """Records as JSON-ready dictionaries."""
    return [item.model_dump(mode="json") for item in items]


def _when(row: models.Mention | models.Incident) -> records.When:
    return records.When(
        date=row.event_date,
        start=row.date_start,
        end=row.date_end,
        precision=row.time_precision,
        time=row.event_time,
    )


def _where(row: models.Mention | models.Incident) -> records.Where:
    return records.Where(
        name=row.location,
        place_id=row.place_id,
        country=row.country,
        admin1=row.admin1,
        latitude=row.latitude,
        longitude=row.longitude,
        precision=row.geo_precision,
        uncertainty_km=row.uncertainty_km,
    )


def _columns(when: records.When, where: records.Where) -> dict[str, Any]:
    """The date and place columns mentions and incidents share."""
    return {
        "event_date": when.date,
        "date_start": when.start,
        "date_end": when.end,
        "time_precision": when.precision,
        "event_time": when.time,
        "location": where.name,
        "place_id": where.place_id,
        "country": where.country,
        "admin1": where.admin1,
        "latitude": where.latitude,
        "longitude": where.longitude,
        "geo_precision": where.precision,
        "uncertainty_km": where.uncertainty_km,
    }


def mention_row(mention: records.Mention, now: dt.datetime) -> models.Mention:
    """The row that stores ``mention``."""
    return models.Mention(
        id=mention.id,
        document_id=mention.document_id,
        extractor_version=mention.extractor_version,
        event_type=mention.event_type,
        sub_event_type=mention.sub_event_type,
        actor1=mention.actor1,
        actor2=mention.actor2,
        assoc_actors=list(mention.assoc_actors),
        **_columns(mention.when, mention.where),
        fatalities=mention.fatalities,
        fatalities_text=mention.fatalities_text,
        outlet=mention.outlet,
        claims=plain(mention.claims),
        flags=list(mention.flags),
        evidence=plain(mention.evidence),
        confidence=mention.confidence,
        created_at=now,
    )


def mention_record(row: models.Mention, source: str | None = None) -> records.Mention:
    """The record a stored mention holds; ``source`` is its document's near-duplicate group."""
    return records.Mention(
        id=row.id,
        document_id=row.document_id,
        source=source,
        outlet=row.outlet,
        extractor_version=row.extractor_version,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        actor1=row.actor1,
        actor2=row.actor2,
        assoc_actors=tuple(row.assoc_actors),
        when=_when(row),
        where=_where(row),
        fatalities=row.fatalities,
        fatalities_text=row.fatalities_text,
        claims=tuple(records.Claim.model_validate(c) for c in row.claims),
        evidence=tuple(records.Evidence.model_validate(e) for e in row.evidence),
        confidence=row.confidence,
        flags=tuple(row.flags),
    )


def incident_row(incident: records.Incident, now: dt.datetime) -> models.Incident:
    """The row that stores ``incident`` (its mentions go in ``incident_mentions``)."""
    reported = sorted(set(incident.fatalities_reported))
    return models.Incident(
        id=incident.id,
        event_type=incident.event_type,
        sub_event_type=incident.sub_event_type,
        actor1=incident.actor1,
        actor2=incident.actor2,
        **_columns(incident.when, incident.where),
        fatalities=incident.fatalities,
        fatalities_reported=list(incident.fatalities_reported),
        conflicts=["fatalities"] if len(reported) > 1 else [],
        sources=incident.sources,
        claims=plain(incident.claims),
        evidence=plain(incident.evidence),
        confidence=incident.confidence,
        review_status=incident.review_status,
        created_at=now,
        updated_at=now,
    )


def incident_record(row: models.Incident, mention_ids: Sequence[str]) -> records.Incident:
    """The record a stored incident holds, with the ids of its mentions."""
    return records.Incident(
        id=row.id,
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        actor1=row.actor1,
        actor2=row.actor2,
        when=_when(row),
        where=_where(row),
        fatalities=row.fatalities,
        fatalities_reported=tuple(row.fatalities_reported),
        mentions=tuple(mention_ids),
        sources=row.sources,
        claims=tuple(records.Claim.model_validate(c) for c in row.claims),
        evidence=tuple(records.Evidence.model_validate(e) for e in row.evidence),
        confidence=row.confidence,
        review_status=row.review_status,
    )
