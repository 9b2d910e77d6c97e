"""Patrols in the store: reports and GPX tracks placed on routes, listed with coverage.

:func:`place_patrols` reads the stored documents, finds the patrols their words report
(:mod:`trucewatch.extract.patrols`) and puts each stored GPX track on the patrol routes it
follows (:func:`trucewatch.assess.patrols.place_track`), one ``patrols`` row per document
and provision. A row's id is a hash of the agreement, provision, origin, document and the
offset of its first evidence sentence, so placing again adds nothing; a row whose place
changed (an amended route) is updated in place. :func:`list_patrols` merges the rows of
one patrol reported by several documents (same provision and day, overlapping stretches)
and measures each route's weekly coverage.

Example::

    with store.session() as session:
        placed = place_patrols(session, current_agreements(session))
        listing = list_patrols(session, current_agreements(session))
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from trucewatch.agreements import Agreement, PatrolTerms
from trucewatch.assess.patrols import PatrolRun, coverage, place_track
from trucewatch.extract.patrols import (
    Lexicon,
    PatrolReport,
    Unplaced,
    find_patrols,
    patrol_provisions,
)
from trucewatch.places.gazetteer import Gazetteer
from trucewatch.store.models import Document, Patrol

__all__ = ["Placing", "TrackPlacement", "list_patrols", "place_patrols", "place_tracks"]

TRACK_OFF_KM = 2.0
"""GPS fixes farther than this from a route are not on it (a detour, a base, a stray fix)."""
_TRACK_NOTE = (
    "GPS track: parties taken from the provision; a track cannot show a patrol was cut short"
)


@dataclass(frozen=True, slots=True)
class TrackPlacement:
    """Where one GPX track lies: each patrol route it runs along, or why none."""

    source: str
    document: str
    placed: tuple[dict[str, Any], ...] = ()
    note: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "document": self.document,
            "placed": list(self.placed),
            "note": self.note,
        }


@dataclass(slots=True)
class Placing:
    """What one call of :func:`place_patrols` did."""

    added: int = 0
    updated: int = 0
    unplaced: list[dict[str, Any]] = field(default_factory=list)
    tracks: list[TrackPlacement] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unplaced": self.unplaced,
            "tracks": [t.as_dict() for t in self.tracks],
        }


def _id(*parts: object) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


def _source(doc: Document, **extra: Any) -> dict[str, Any]:
    return {
        "document": doc.id,
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
        "published": doc.published.isoformat() if doc.published else None,
        **extra,
    }


def _upsert(session: Session, row: Patrol, out: Placing) -> None:
    old = session.get(Patrol, row.id)
    if old is None:
        session.add(row)
        out.added += 1
        return
    fields = (
        "patrol_date",
        "from_km",
        "to_km",
        "completed",
        "parties",
        "sources",
        "evidence",
        "note",
    )
    if any(getattr(old, f) != getattr(row, f) for f in fields):
        for f in fields:
            setattr(old, f, getattr(row, f))
        out.updated += 1


def _report_row(doc: Document, run: PatrolReport, now: dt.datetime) -> Patrol:
    return Patrol(
        id=_id(run.agreement, run.provision, "report", doc.id, run.evidence[0].start),
        agreement_key=run.agreement,
        provision_id=run.provision,
        patrol_date=run.date,
        from_km=run.from_km,
        to_km=run.to_km,
        completed=run.completed,
        parties=list(run.parties),
        sources=[_source(doc, start_place=run.start_place, end_place=run.end_place)],
        evidence=[
            {"document": doc.id, "text": e.text, "start": e.start, "end": e.end}
            for e in run.evidence
        ],
        origin="report",
        document_id=doc.id,
        note=run.note,
        created_at=now,
    )


def _track_day(
    points: Sequence[Sequence[Any]], terms: PatrolTerms, agreement: Agreement, doc: Document
) -> dt.date | None:
    """The local day of the first timed fix on the route, else of the document's date."""
    for lat, lon, when in points:
        if when and terms.route.locate(lat, lon).distance_km <= TRACK_OFF_KM:
            return agreement.local(
                dt.datetime.fromisoformat(str(when).replace("Z", "+00:00"))
            ).date()
    return agreement.local(doc.published).date() if doc.published else None


def _place_track(
    session: Session, doc: Document, agreements: Sequence[Agreement], out: Placing, now: dt.datetime
) -> TrackPlacement:
    points = (doc.meta.get("track") or {}).get("points") or []
    latlon = [(float(p[0]), float(p[1])) for p in points]
    placed: list[dict[str, Any]] = []
    undated = False
    for agreement in agreements:
        for provision_id, terms in patrol_provisions(agreement):
            stretch = place_track(terms.route, latlon, max_off_km=TRACK_OFF_KM)
            if stretch is None:
                continue
            day = _track_day(points, terms, agreement, doc)
            if day is None:
                undated = True
                continue
            from_km, to_km = (round(v, 3) for v in stretch)
            _upsert(
                session,
                Patrol(
                    id=_id(agreement.id, provision_id, "track", doc.id, 0),
                    agreement_key=agreement.id,
                    provision_id=provision_id,
                    patrol_date=day,
                    from_km=from_km,
                    to_km=to_km,
                    completed=True,
                    parties=list(terms.parties),
                    sources=[_source(doc, points=len(points))],
                    evidence=[],
                    origin="track",
                    document_id=doc.id,
                    note=_TRACK_NOTE,
                    created_at=now,
                ),
                out,
            )
            placed.append(
                {
                    "agreement": agreement.id,
                    "provision": provision_id,
                    "date": day.isoformat(),
                    "from_km": from_km,
                    "to_km": to_km,
                }
            )
    note = None
    if not placed:
        if undated:
            note = (
                "the track has no times and its document no date; ingest it with --published DATE"
            )
        elif not any(patrol_provisions(a) for a in agreements):
            note = "no patrol provision stored yet: run trucewatch patrols --agreement FILE"
        else:
            note = f"not on any patrol route (no fix within {TRACK_OFF_KM:g} km of one)"
    return TrackPlacement(doc.source, doc.id, tuple(placed), note)


def place_tracks(
    session: Session, agreements: Sequence[Agreement], documents: Sequence[tuple[str, str]]
) -> list[TrackPlacement]:
    """Put the GPX track documents ``(source, id)`` on the agreements' patrol routes."""
    out = Placing()
    now = dt.datetime.now(dt.UTC)
    found = []
    for source, doc_id in documents:
        doc = session.get(Document, doc_id)
        if doc is not None:
            placed = _place_track(session, doc, agreements, out, now)
            found.append(TrackPlacement(source, doc_id, placed.placed, placed.note))
    return found


def place_patrols(
    session: Session,
    agreements: Sequence[Agreement],
    *,
    gazetteer: Gazetteer | None = None,
) -> Placing:
    """Place every patrol the stored documents report, and every stored GPX track.

    Idempotent: a second call adds nothing. ``gazetteer`` is the world gazetteer to look
    place names up in (loaded on first need when not given).
    """
    out = Placing()
    now = dt.datetime.now(dt.UTC)
    with_patrols = [a for a in agreements if patrol_provisions(a)]
    if not with_patrols:
        return out
    lexicons = {a.id: Lexicon(a, gazetteer) for a in with_patrols}
    # Most reports never name a patrol: the database leaves them out, so a large store is
    # not read into memory on every run (lower() folds ASCII in every backend: enough for
    # the English word the patrol lexicon looks for).
    query = (
        select(Document)
        .where(or_(Document.source_kind == "gpx", func.lower(Document.text).contains("patrol")))
        .order_by(Document.published, Document.id)
    )
    for doc in session.scalars(query):
        if doc.source_kind == "gpx":
            out.tracks.append(_place_track(session, doc, with_patrols, out, now))
            continue
        for agreement in with_patrols:
            for found in find_patrols(doc.text, doc.published, agreement, lexicons[agreement.id]):
                if isinstance(found, Unplaced):
                    out.unplaced.append(
                        {
                            "agreement": agreement.id,
                            "document": doc.id,
                            "date": found.date.isoformat() if found.date else None,
                            "reason": found.reason,
                            "evidence": [e.text for e in found.evidence],
                        }
                    )
                else:
                    _upsert(session, _report_row(doc, found, now), out)
    session.flush()
    return out


def _merged(rows: Sequence[Patrol]) -> list[list[Patrol]]:
    """Rows of one provision and day whose stretches overlap: one patrol, several sources."""
    groups: list[list[Patrol]] = []
    for row in sorted(rows, key=lambda r: (min(r.from_km, r.to_km), r.id)):
        lo = min(row.from_km, row.to_km)
        last = groups[-1] if groups else None
        if last and lo <= max(max(r.from_km, r.to_km) for r in last):
            last.append(row)
        else:
            groups.append([row])
    return groups


def _patrol(agreement: str, provision: str, group: Sequence[Patrol]) -> dict[str, Any]:
    first = min(group, key=lambda r: (r.origin != "report", r.id))
    lo = min(min(r.from_km, r.to_km) for r in group)
    hi = max(max(r.from_km, r.to_km) for r in group)
    from_km, to_km = (hi, lo) if first.from_km > first.to_km else (lo, hi)
    completed = all(r.completed for r in group)
    notes = list(dict.fromkeys(r.note for r in group if r.note))
    if len({r.completed for r in group}) > 1:
        notes.append("sources disagree: some say the patrol was cut short")
    return {
        "id": _id(*sorted(r.id for r in group)),
        "agreement": agreement,
        "provision": provision,
        "date": first.patrol_date.isoformat(),
        "parties": list(dict.fromkeys(p for r in group for p in r.parties)),
        "from_km": round(from_km, 3),
        "to_km": round(to_km, 3),
        "completed": completed,
        "status": "completed" if completed else "cut short",
        "origin": sorted({r.origin for r in group}),
        "sources": [s for r in group for s in r.sources],
        "evidence": [e for r in group for e in r.evidence],
        "note": "; ".join(notes) or None,
    }


def list_patrols(session: Session, agreements: Sequence[Agreement]) -> dict[str, Any]:
    """Each stored patrol of the agreements' patrol provisions, and each route's coverage.

    Coverage counts the patrols by all of the provision's parties (a joint patrol); a
    patrol by one of them alone is listed, with a note, but not counted.
    """
    patrols: list[dict[str, Any]] = []
    cover: list[dict[str, Any]] = []
    for agreement in agreements:
        for provision_id, terms in patrol_provisions(agreement):
            rows = session.scalars(
                select(Patrol).where(
                    Patrol.agreement_key == agreement.id, Patrol.provision_id == provision_id
                )
            ).all()
            by_day: dict[dt.date, list[Patrol]] = {}
            for row in rows:
                by_day.setdefault(row.patrol_date, []).append(row)
            runs = []
            for day in sorted(by_day):
                for group in _merged(by_day[day]):
                    patrol = _patrol(agreement.id, provision_id, group)
                    joint = set(terms.parties) <= set(patrol["parties"])
                    if not joint:
                        extra = "not by all the provision's parties: not counted in coverage"
                        patrol["note"] = "; ".join(filter(None, [patrol["note"], extra]))
                    patrols.append(patrol)
                    if joint:
                        runs.append(
                            PatrolRun(day, patrol["from_km"], patrol["to_km"], patrol["completed"])
                        )
            route_km = terms.route.length_km
            cover.append(
                {
                    "agreement": agreement.id,
                    "provision": provision_id,
                    "route_km": round(route_km, 3),
                    "weeks": [
                        {
                            "week_start": w.week_start.isoformat(),
                            "patrols": w.patrols,
                            "covered_km": w.covered_km,
                            "share": w.share,
                            "cut_short": w.cut_short,
                            "stretches": [list(s) for s in w.stretches],
                        }
                        for w in coverage(route_km, runs)
                    ],
                }
            )
    return {"patrols": patrols, "coverage": cover}
