"""The corroborate stage on the store: new mentions join the stored incidents, or start new ones.

Only the mentions in no incident yet are read, and only the incidents whose dates overlap
theirs are rebuilt as clusters (an incident can only take a mention whose date range
overlaps its own), so a new report joins existing incidents without recomputing the rest.
Rerunning with nothing new changes nothing. A mention counts as the source of its
document's near-duplicate group, so wire copies printed by several outlets count once.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import and_, delete, func, select
from sqlalchemy.orm import Session

from trucewatch.corroborate import Cluster, corroborate, summarize
from trucewatch.ingest.neardup import counted_source
from trucewatch.pipeline._rows import delete_where_in, one_writer, rows_where_in
from trucewatch.records import Mention
from trucewatch.store import models
from trucewatch.store.convert import incident_row, mention_record

__all__ = ["CorroborationSummary", "corroborate_stored", "retire_mentions"]


@dataclass(frozen=True)
class CorroborationSummary:
    """What one corroboration run did."""

    mentions: int = 0
    """New mentions read (those in no incident before the run)."""
    new_incidents: int = 0
    joined: int = 0
    """New mentions that joined an incident stored before the run."""
    updated_incidents: int = 0
    """Incidents stored before the run that took new mentions."""
    conflicting: list[str] = field(default_factory=list)
    """Ids of the incidents touched whose sources disagree on the toll."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "mentions": self.mentions,
            "new_incidents": self.new_incidents,
            "joined_existing": self.joined,
            "updated_incidents": self.updated_incidents,
            "conflicting_fatalities": self.conflicting,
        }


def _with_sources(session: Session, rows: Iterable[models.Mention]) -> list[Mention]:
    """Mention records, each with the source its document counts as (copies count once)."""
    rows = list(rows)
    query = select(models.Document.id, models.Document.near_duplicate_group, models.Document.meta)
    doc_ids = {r.document_id for r in rows}
    source = {
        doc_id: counted_source(doc_id, group, meta or {})
        for doc_id, group, meta in rows_where_in(session, query, models.Document.id, doc_ids)
    }
    return [mention_record(r, source=source.get(r.document_id)) for r in rows]


def _unassigned(session: Session) -> list[Mention]:
    query = (
        select(models.Mention)
        .outerjoin(models.IncidentMention, models.IncidentMention.mention_id == models.Mention.id)
        .where(models.IncidentMention.incident_id.is_(None))
        .order_by(models.Mention.id)
    )
    return _with_sources(session, session.scalars(query))


def _merged(spans: Iterable[tuple[dt.date, dt.date]]) -> list[tuple[dt.date, dt.date]]:
    """Overlapping date ranges merged, in order."""
    out: list[tuple[dt.date, dt.date]] = []
    for first, last in sorted(spans):
        if out and first <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], last))
        else:
            out.append((first, last))
    return out


def _overlaps(spans: Sequence[tuple[dt.date, dt.date]], first: dt.date, last: dt.date) -> bool:
    """Whether [first, last] overlaps one of the merged, ordered ``spans``."""
    i = bisect.bisect_right(spans, (last, dt.date.max)) - 1
    return i >= 0 and spans[i][1] >= first


def _candidates(session: Session, mentions: Sequence[Mention]) -> list[Cluster]:
    """The stored incidents the new mentions could join (dates overlapping), as clusters."""
    spans = _merged(
        (m.when.first, m.when.last)
        for m in mentions
        if m.when.first is not None and m.when.last is not None
    )
    if not spans:
        return []  # undated mentions match no incident
    first = func.coalesce(models.Incident.date_start, models.Incident.event_date)
    last = func.coalesce(models.Incident.date_end, models.Incident.event_date)
    query = (
        select(models.Incident.id, first, last)
        .where(and_(first <= spans[-1][1], last >= spans[0][0]))
        .order_by(models.Incident.id)
    )
    ids = [i for i, lo, hi in session.execute(query) if _overlaps(spans, lo, hi)]
    members = _members(session, ids)
    return [Cluster(i, members[i]) for i in ids if members[i]]


def _members(session: Session, incident_ids: Collection[str]) -> dict[str, list[Mention]]:
    """Each incident's stored mentions as records (with their sources), in id order."""
    pairs = select(models.IncidentMention.incident_id, models.IncidentMention.mention_id)
    held: dict[str, list[str]] = defaultdict(list)
    for incident_id, mention_id in rows_where_in(
        session, pairs, models.IncidentMention.incident_id, incident_ids
    ):
        held[incident_id].append(mention_id)
    wanted = {m for ms in held.values() for m in ms}
    found = rows_where_in(session, select(models.Mention), models.Mention.id, wanted)
    by_id = {m.id: m for m in _with_sources(session, (r for (r,) in found))}
    out: dict[str, list[Mention]] = defaultdict(list)
    for incident_id, ms in held.items():
        out[incident_id] = sorted((by_id[m] for m in ms), key=lambda m: m.id)
    return out


def _refresh(stored: models.Incident, row: models.Incident, now: dt.datetime) -> None:
    """Give a stored incident the machine's fields of ``row``, its new summary."""
    for name in _MACHINE_FIELDS:
        setattr(stored, name, getattr(row, name))
    stored.updated_at = now


def _by_dates(
    mentions: Sequence[Mention], clusters: Sequence[Cluster]
) -> list[tuple[list[Mention], list[Cluster]]]:
    """New mentions and clusters in groups no match can cross: their date ranges never overlap.

    A mention joins only an incident whose date range overlaps its own, and an incident's
    range only narrows as mentions join, so corroborating each group alone gives what
    corroborating them all at once gives, without comparing every pair. Undated mentions
    match nothing and go together in a group of their own.
    """
    undated = [m for m in mentions if m.when.first is None or m.when.last is None]
    items: list[tuple[dt.date, dt.date, Mention | Cluster]] = []
    for m in mentions:
        if m.when.first is not None and m.when.last is not None:
            items.append((m.when.first, m.when.last, m))
    for c in clusters:
        when = c.incident.when
        if when.first is not None and when.last is not None:
            items.append((when.first, when.last, c))
    items.sort(key=lambda item: (item[0], item[1]))
    groups: list[tuple[list[Mention], list[Cluster]]] = []
    reach = dt.date.min
    for first, last, item in items:
        if not groups or first > reach:
            groups.append(([], []))
        reach = max(reach, last)
        if isinstance(item, Cluster):
            groups[-1][1].append(item)
        else:
            groups[-1][0].append(item)
    if undated:
        groups.append((undated, []))
    return groups


_MACHINE_FIELDS = (
    "event_type", "sub_event_type", "actor1", "actor2", "event_date", "date_start", "date_end",
    "event_time", "time_precision", "location", "place_id", "country", "admin1", "latitude",
    "longitude", "geo_precision", "uncertainty_km", "fatalities", "fatalities_reported",
    "conflicts", "sources", "claims", "evidence", "confidence",
)  # fmt: skip
"""The incident columns corroboration computes; review status and creation time are kept."""


def corroborate_stored(session: Session, now: dt.datetime | None = None) -> CorroborationSummary:
    """Corroborate the mentions in no incident yet into the stored incidents, in ``session``.

    Writes new ``incidents`` rows, updates the machine's fields of the incidents that took
    new mentions, and records every membership in ``incident_mentions``.
    """
    one_writer(session, "corroborate")
    now = now or dt.datetime.now(dt.UTC)
    fresh = _unassigned(session)
    if not fresh:
        return CorroborationSummary()
    existing = _candidates(session, fresh)
    new_ids = {m.id for m in fresh}
    new_incidents = joined = updated = 0
    conflicting = []
    formed = [c for ms, cs in _by_dates(fresh, existing) if ms for c in corroborate(ms, cs)]
    for cluster in formed:
        added = [m.id for m in cluster.mentions if m.id in new_ids]
        if not added:
            continue
        incident = cluster.incident
        row = incident_row(incident, now)
        stored = session.get(models.Incident, cluster.id)
        if stored is None:
            session.add(row)
            new_incidents += 1
        else:
            _refresh(stored, row, now)
            updated += 1
            joined += len(added)
        session.add_all(
            models.IncidentMention(incident_id=cluster.id, mention_id=mention_id)
            for mention_id in added
        )
        if row.conflicts:
            conflicting.append(cluster.id)
    session.flush()
    return CorroborationSummary(
        mentions=len(fresh),
        new_incidents=new_incidents,
        joined=joined,
        updated_incidents=updated,
        conflicting=sorted(conflicting),
    )


def retire_mentions(
    session: Session, mention_ids: Collection[str], now: dt.datetime | None = None
) -> list[str]:
    """Delete superseded mentions (a newer extractor coded their report again), in ``session``.

    An incident that held some of them is summarised again from the mentions it keeps,
    or deleted with its verdicts when it keeps none. An incident an analyst reviewed
    keeps the mentions they reviewed, so their decision stands on its evidence; the new
    version's mention of the same event joins it as any new mention would. So an upgrade
    leaves no stale figure and no duplicate incident behind. Returns the ids of the
    incidents summarised again or deleted.
    """
    if not mention_ids:
        return []
    now = now or dt.datetime.now(dt.UTC)
    pairs = select(models.IncidentMention.incident_id, models.IncidentMention.mention_id)
    held = rows_where_in(session, pairs, models.IncidentMention.mention_id, mention_ids)
    reviewed = {
        incident_id
        for (incident_id,) in rows_where_in(
            session,
            select(models.Review.incident_id),
            models.Review.incident_id,
            {incident_id for incident_id, _ in held},
        )
    }
    keep = {mention_id for incident_id, mention_id in held if incident_id in reviewed}
    affected = sorted({incident_id for incident_id, _ in held} - reviewed)
    gone = set(mention_ids) - keep
    delete_where_in(session, models.IncidentMention, models.IncidentMention.mention_id, gone)
    delete_where_in(session, models.Mention, models.Mention.id, gone)
    left = _members(session, affected)
    for incident_id in affected:
        stored = session.get(models.Incident, incident_id)
        if stored is None:
            continue
        if left[incident_id]:
            summary = summarize(Cluster(incident_id, left[incident_id]))
            _refresh(stored, incident_row(summary, now), now)
        else:
            session.execute(delete(models.Verdict).where(models.Verdict.incident_id == incident_id))
            session.delete(stored)
    session.flush()
    return affected
