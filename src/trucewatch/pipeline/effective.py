"""Reading incidents back as the analyst sees them: the machine's, with the reviews applied.

The stored incident row is the machine's view; :func:`~trucewatch.review.apply_reviews`
turns it and its review trail into the effective incident that listings, verdicts and
reports use.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session

from trucewatch.errors import SelectionError
from trucewatch.pipeline._rows import rows_where_in
from trucewatch.records import Claim, Incident, Verdict
from trucewatch.review import Review, apply_reviews
from trucewatch.store import models
from trucewatch.store.convert import incident_record

__all__ = [
    "effective_incidents",
    "resolve_incident",
    "review_trail",
    "stored_verdicts",
]


def resolve_incident(session: Session, prefix: str) -> str:
    """The id of the one incident whose id starts with ``prefix`` (as git resolves commits)."""
    key = prefix.strip().lower()
    if len(key) < 4 or any(c not in "0123456789abcdef" for c in key):
        raise SelectionError(
            f"expected an incident id or a prefix of at least 4 hex digits, found {prefix!r}; "
            "trucewatch incidents lists the ids"
        )
    found = list(
        session.scalars(
            select(models.Incident.id)
            .where(models.Incident.id.startswith(key, autoescape=True))
            .order_by(models.Incident.id)
            .limit(6)
        )
    )
    if not found:
        raise SelectionError(
            f"no incident id starts with {key}; trucewatch incidents lists the ids"
        )
    if len(found) > 1:
        shown = ", ".join(f[:12] for f in found[:5]) + (", ..." if len(found) > 5 else "")
        raise SelectionError(
            f"incident id prefix {key} is ambiguous: it starts {shown}; give more digits"
        )
    return found[0]


def review_trail(session: Session, incident_ids: Collection[str] | None) -> dict[str, list[Review]]:
    """Each incident's reviews, oldest first (all incidents' when ``incident_ids`` is None)."""
    out: dict[str, list[Review]] = defaultdict(list)
    query = select(models.Review).order_by(models.Review.at, models.Review.id)
    found = rows_where_in(session, query, models.Review.incident_id, incident_ids)
    rows: list[models.Review] = sorted((r for (r,) in found), key=lambda r: (r.at, r.id))
    for row in rows:
        out[row.incident_id].append(
            Review.model_validate(
                {
                    "action": row.action,
                    "payload": row.payload,
                    "reviewer": row.reviewer,
                    "note": row.note,
                    "at": row.at,
                }
            )
        )
    return out


def _members(session: Session, incident_ids: Collection[str] | None) -> dict[str, list[str]]:
    query = select(models.IncidentMention.incident_id, models.IncidentMention.mention_id)
    out: dict[str, list[str]] = defaultdict(list)
    pairs = rows_where_in(session, query, models.IncidentMention.incident_id, incident_ids)
    for incident_id, mention_id in sorted(pairs):
        out[incident_id].append(mention_id)
    return out


def effective_incidents(
    session: Session, incident_ids: Collection[str] | None = None
) -> list[Incident]:
    """The stored incidents (all, or those named) with their reviews applied, by date then id."""
    found = rows_where_in(session, select(models.Incident), models.Incident.id, incident_ids)
    rows: list[models.Incident] = [r for (r,) in found]
    ids = None if incident_ids is None else [r.id for r in rows]
    members = _members(session, ids)
    trail = review_trail(session, ids)
    out = [apply_reviews(incident_record(r, members[r.id]), trail[r.id]) for r in rows]
    out.sort(key=lambda i: (i.when.first or dt.date.max, i.id))  # undated last
    return out


def stored_verdicts(
    session: Session, hashes: Collection[str], incident_ids: Collection[str] | None = None
) -> list[Verdict]:
    """The stored verdicts by the agreement versions ``hashes`` (of all or the named incidents)."""
    if not hashes:
        return []
    query = (
        select(models.Verdict, models.Agreement.key)
        .join(models.Agreement, models.Agreement.hash == models.Verdict.agreement_hash)
        .where(models.Verdict.agreement_hash.in_(sorted(hashes)))
    )
    pairs: list[tuple[models.Verdict, str]] = rows_where_in(
        session, query, models.Verdict.incident_id, incident_ids
    )
    pairs.sort(key=lambda p: (p[0].incident_id, p[1], p[0].provision_id))
    return [
        Verdict(
            incident_id=row.incident_id,
            agreement_id=key,
            agreement_hash=row.agreement_hash,
            provision_id=row.provision_id,
            code=row.code,
            reasons=tuple(row.reasons),
            confidence=row.confidence,
            claims=tuple(Claim.model_validate(c) for c in row.claims),
        )
        for row, key in pairs
    ]
