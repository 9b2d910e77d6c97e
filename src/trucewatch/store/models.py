"""The stored records: documents, mentions, incidents, agreements, verdicts and reviews.

Ids are content hashes (a document's normalised text, a mention's defining fields), so
storing the same thing twice changes nothing. Reviews are append-only: nothing the
machine extracted is overwritten or deleted.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.types import TypeDecorator

__all__ = [
    "Agreement",
    "Base",
    "Document",
    "Extraction",
    "Incident",
    "IncidentMention",
    "Mention",
    "NearDuplicateBand",
    "Patrol",
    "Review",
    "UTCDateTime",
    "Verdict",
]

HASH = 64  # hex characters of a SHA-256 id

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[dt.datetime]):
    """An instant, stored in UTC and always read back time-zone aware."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"refusing to store a time without a zone: {value.isoformat()}")
        return value.astimezone(dt.UTC)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dt.datetime: UTCDateTime(),
        dict[str, Any]: JSON,
        list[Any]: JSON,
    }


class Document(Base):
    """One report as read: its normalised text, provenance and near-duplicate group."""

    __tablename__ = "documents"

    id: Mapped[str] = mapped_column(String(HASH), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    url: Mapped[str | None] = mapped_column(Text)
    language: Mapped[str | None] = mapped_column(String(16))
    published: Mapped[dt.datetime | None]
    source: Mapped[str] = mapped_column(Text)
    source_kind: Mapped[str] = mapped_column(String(16))
    encoding: Mapped[str | None] = mapped_column(String(40))
    near_duplicate_group: Mapped[str | None] = mapped_column(String(HASH), index=True)
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    ingested_at: Mapped[dt.datetime]


class NearDuplicateBand(Base):
    """One LSH bucket a document falls in: new documents look up only their own buckets."""

    __tablename__ = "near_duplicate_bands"

    # The band number in the high bits, the band's MinHash value in the low 32.
    band: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)


class Mention(Base):
    """One report's view of one event, with the sentence that says so."""

    __tablename__ = "mentions"

    id: Mapped[str] = mapped_column(String(HASH), primary_key=True)
    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), index=True)
    extractor_version: Mapped[str] = mapped_column(String(40))
    event_type: Mapped[str] = mapped_column(String(60))
    sub_event_type: Mapped[str] = mapped_column(String(60))
    actor1: Mapped[str | None] = mapped_column(String(200))
    actor2: Mapped[str | None] = mapped_column(String(200))
    assoc_actors: Mapped[list[Any]] = mapped_column(default=list)
    event_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(200))
    place_id: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(100))
    admin1: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_text: Mapped[str | None] = mapped_column(Text)
    outlet: Mapped[str | None] = mapped_column(String(200))
    event_time: Mapped[dt.time | None] = mapped_column(Time)
    uncertainty_km: Mapped[float | None] = mapped_column(Float)
    claims: Mapped[list[Any]] = mapped_column(default=list)
    """Who claims, denies or pleads an exemption for the event: ``Claim`` records."""
    flags: Mapped[list[Any]] = mapped_column(default=list)
    """What a reader should know, e.g. ``undated`` when the document had no date."""
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    confidence: Mapped[float] = mapped_column(Float)
    created_at: Mapped[dt.datetime]

    __table_args__ = (Index(None, "extractor_version", "document_id"),)


class Incident(Base):
    """One event, with all the mentions and sources that report it."""

    __tablename__ = "incidents"

    id: Mapped[str] = mapped_column(String(HASH), primary_key=True)
    event_type: Mapped[str] = mapped_column(String(60))
    sub_event_type: Mapped[str] = mapped_column(String(60))
    actor1: Mapped[str | None] = mapped_column(String(200))
    actor2: Mapped[str | None] = mapped_column(String(200))
    event_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    date_start: Mapped[dt.date | None] = mapped_column(Date)
    date_end: Mapped[dt.date | None] = mapped_column(Date)
    event_time: Mapped[dt.time | None] = mapped_column(Time)
    time_precision: Mapped[int | None] = mapped_column(Integer)
    location: Mapped[str | None] = mapped_column(String(200))
    place_id: Mapped[str | None] = mapped_column(String(64))
    country: Mapped[str | None] = mapped_column(String(100))
    admin1: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    geo_precision: Mapped[int | None] = mapped_column(Integer)
    uncertainty_km: Mapped[float | None] = mapped_column(Float)
    fatalities: Mapped[int | None] = mapped_column(Integer)
    fatalities_reported: Mapped[list[Any]] = mapped_column(default=list)
    conflicts: Mapped[list[Any]] = mapped_column(default=list)
    sources: Mapped[int] = mapped_column(Integer, default=0)
    claims: Mapped[list[Any]] = mapped_column(default=list)
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)
    review_status: Mapped[str] = mapped_column(String(16), default="machine", index=True)
    """``machine`` until an analyst reviews it; then the latest review's outcome."""
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    __table_args__ = (Index(None, "latitude", "longitude"),)


class IncidentMention(Base):
    """Which mentions make up an incident."""

    __tablename__ = "incident_mentions"

    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), primary_key=True)
    mention_id: Mapped[str] = mapped_column(ForeignKey("mentions.id"), primary_key=True, index=True)


class Agreement(Base):
    """An agreement file as loaded, identified by the hash of its text."""

    __tablename__ = "agreements"

    hash: Mapped[str] = mapped_column(String(HASH), primary_key=True)
    key: Mapped[str] = mapped_column(String(100), index=True)
    title: Mapped[str] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str] = mapped_column(Text)
    loaded_at: Mapped[dt.datetime]


class Verdict(Base):
    """An incident judged against one provision of one agreement version."""

    __tablename__ = "verdicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    agreement_hash: Mapped[str] = mapped_column(ForeignKey("agreements.hash"))
    provision_id: Mapped[str] = mapped_column(String(100))
    code: Mapped[str] = mapped_column(String(32), index=True)
    reasons: Mapped[list[Any]] = mapped_column(default=list)
    confidence: Mapped[float] = mapped_column(Float)
    assessor_version: Mapped[str] = mapped_column(String(40))
    claims: Mapped[list[Any]] = mapped_column(default=list)
    computed_at: Mapped[dt.datetime]

    __table_args__ = (UniqueConstraint("incident_id", "agreement_hash", "provision_id"),)


class Review(Base):
    """One analyst's decision on an incident; the trail is append-only."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    incident_id: Mapped[str] = mapped_column(ForeignKey("incidents.id"), index=True)
    action: Mapped[str] = mapped_column(String(32))
    payload: Mapped[dict[str, Any]] = mapped_column(default=dict)
    reviewer: Mapped[str] = mapped_column(String(200))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[dt.datetime]


class Extraction(Base):
    """That a document was coded by one extractor version, even when it held no event."""

    __tablename__ = "extractions"

    document_id: Mapped[str] = mapped_column(ForeignKey("documents.id"), primary_key=True)
    extractor_version: Mapped[str] = mapped_column(String(40), primary_key=True)
    mentions: Mapped[int] = mapped_column(Integer)
    coded_at: Mapped[dt.datetime]


class Patrol(Base):
    """One patrol placed on a patrol provision's route, from a report or a GPS track."""

    __tablename__ = "patrols"

    id: Mapped[str] = mapped_column(String(HASH), primary_key=True)
    agreement_key: Mapped[str] = mapped_column(String(100))
    provision_id: Mapped[str] = mapped_column(String(100))
    patrol_date: Mapped[dt.date] = mapped_column(Date, index=True)
    from_km: Mapped[float] = mapped_column(Float)
    to_km: Mapped[float] = mapped_column(Float)
    completed: Mapped[bool] = mapped_column(Boolean)
    parties: Mapped[list[Any]] = mapped_column(default=list)
    sources: Mapped[list[Any]] = mapped_column(default=list)
    evidence: Mapped[list[Any]] = mapped_column(default=list)
    origin: Mapped[str] = mapped_column(String(16))
    """``report`` (placed from a report's words) or ``track`` (a GPX file)."""
    document_id: Mapped[str | None] = mapped_column(ForeignKey("documents.id"), index=True)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime]

    __table_args__ = (Index(None, "agreement_key", "provision_id"),)
