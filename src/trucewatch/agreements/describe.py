"""Plain-data summaries of an agreement, for ``agreement show`` and its JSON."""

from __future__ import annotations

import datetime as dt
from typing import Any

from trucewatch.agreements.agreement import (
    Agreement,
    CeasefireTerms,
    CorridorTerms,
    PatrolTerms,
    Provision,
    Terms,
    ZoneTerms,
)

__all__ = ["describe", "describe_terms"]


def _when(agreement: Agreement, at: dt.datetime | None) -> dict[str, str] | None:
    if at is None:
        return None
    return {"local": agreement.local(at).isoformat(), "utc": at.astimezone(dt.UTC).isoformat()}


def describe_terms(agreement: Agreement, terms: Terms) -> dict[str, Any]:
    """The figures of one set of terms: times, sizes in km and km², parties."""
    out: dict[str, Any] = {
        "start": _when(agreement, terms.start),
        "end": _when(agreement, terms.end),
        "approximate": terms.approximate,
    }
    if isinstance(terms, CeasefireTerms):
        out["area"] = terms.area_id
        out["area_km2"] = round(terms.area.area_km2, 1) if terms.area else None
        out["prohibited"] = sorted(terms.prohibited)
        out["bound_parties"] = list(terms.bound_parties)
        out["exemptions"] = [
            {"id": e.id, "claimable_by": list(e.claimable_by), "against": list(e.against)}
            for e in terms.exemptions
        ]
    elif isinstance(terms, CorridorTerms):
        out["line"] = terms.line_id
        out["line_km"] = round(terms.band.route.length_km, 2)
        out["half_width_km"] = terms.half_width_km
        out["ends"] = terms.ends
        out["area_km2"] = round(terms.band.area_km2, 1)
        out["bound_parties"] = list(terms.bound_parties)
    elif isinstance(terms, PatrolTerms):
        out["route"] = terms.route_id
        out["route_km"] = round(terms.route.length_km, 2)
        out["parties"] = list(terms.parties)
        out["frequency_days"] = terms.frequency.days if terms.frequency else None
    elif isinstance(terms, ZoneTerms):
        out["area"] = terms.area_id
        out["area_km2"] = round(terms.area.area_km2, 1)
        out["rules"] = list(terms.rules)
        out["bound_parties"] = list(terms.bound_parties)
    return out


def _provision(agreement: Agreement, p: Provision) -> dict[str, Any]:
    return {
        "id": p.id,
        "kind": p.kind,
        "title": p.title,
        "terms": describe_terms(agreement, p.base),
        "amendments": [
            {
                "effective": _when(agreement, a.effective),
                "changes": a.changes,
                "note": a.note,
                "terms": describe_terms(agreement, t),
            }
            for a, t in zip(p.amendments, p.amended, strict=True)
        ],
    }


def describe(agreement: Agreement) -> dict[str, Any]:
    """Everything ``agreement show`` prints, as plain data."""
    return {
        "id": agreement.id,
        "title": agreement.title,
        "signed": agreement.signed.isoformat(),
        "signed_at": agreement.signed_at,
        "timezone": str(agreement.timezone) if agreement.timezone else None,
        "hash": agreement.hash,
        "parties": [
            {"id": p.id, "name": p.name, "role": p.role, "actors": list(p.actors)}
            for p in agreement.parties
        ],
        "places": len(agreement.places),
        "lines": {k: round(v.length_km, 2) for k, v in agreement.lines.items()},
        "areas": {k: round(v.area_km2, 1) for k, v in agreement.areas.items()},
        "provisions": [_provision(agreement, p) for p in agreement.provisions],
    }
