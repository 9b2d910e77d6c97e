"""The assess stage on the store: every effective incident against every current agreement.

Each incident, as reviewed, is judged by :func:`~trucewatch.assess.rules.assess` against
every provision of the latest version of each stored agreement. Its verdicts for that
version are replaced: a verdict that comes out the same is left as it is (so rerunning
changes nothing), one that differs is rewritten, and one no longer given is removed.
Verdicts by older agreement versions are kept, each naming the version it was judged by.

A rejected incident gets no verdicts: an analyst has said it did not happen as reported,
so none of its verdict rows survive a recompute and no listing, count or report can
present it as a violation. Its review trail and the machine's record stay.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from trucewatch.assess import assess
from trucewatch.pipeline._rows import one_writer, rows_where_in
from trucewatch.pipeline.effective import effective_incidents
from trucewatch.records import VERDICT_CODES, Verdict
from trucewatch.store import models
from trucewatch.store.agreements import current_agreements
from trucewatch.store.convert import plain

__all__ = ["ASSESSOR_VERSION", "AssessSummary", "assess_stored"]

try:
    ASSESSOR_VERSION = f"trucewatch {version('trucewatch')}"
except PackageNotFoundError:  # a source tree that was never installed
    ASSESSOR_VERSION = "trucewatch 0.0.0"
"""What judged a stored verdict: the rules of this release of trucewatch."""


@dataclass(frozen=True)
class AssessSummary:
    """What one assessment run found and wrote."""

    agreements: list[str] = field(default_factory=list)
    incidents: int = 0
    rejected: int = 0
    verdicts: int = 0
    written: int = 0
    """Verdicts new or changed by this run."""
    removed: int = 0
    by_code: dict[str, int] = field(default_factory=dict)
    by_provision: dict[str, dict[str, int]] = field(default_factory=dict)
    """Counts by code for each ``agreement/provision``."""

    def as_dict(self) -> dict[str, Any]:
        return {
            "agreements": self.agreements,
            "incidents": self.incidents,
            "rejected": self.rejected,
            "verdicts": self.verdicts,
            "written": self.written,
            "removed": self.removed,
            "by_code": self.by_code,
            "by_provision": self.by_provision,
        }


def _same(row: models.Verdict, v: Verdict) -> bool:
    return (
        row.code == v.code
        and list(row.reasons) == list(v.reasons)
        and row.confidence == v.confidence
        and list(row.claims) == plain(v.claims)
        and row.assessor_version == ASSESSOR_VERSION
    )


def _existing(
    session: Session, hashes: list[str], incident_ids: Collection[str] | None
) -> dict[tuple[str, str, str], models.Verdict]:
    query = select(models.Verdict).where(models.Verdict.agreement_hash.in_(hashes))
    found = rows_where_in(session, query, models.Verdict.incident_id, incident_ids)
    return {(r.incident_id, r.agreement_hash, r.provision_id): r for (r,) in found}


def assess_stored(
    session: Session, incident_ids: Collection[str] | None = None, now: dt.datetime | None = None
) -> AssessSummary:
    """Judge the stored incidents (all, or those named) and store their verdicts, in ``session``."""
    one_writer(session, "assess")
    now = now or dt.datetime.now(dt.UTC)
    agreements = current_agreements(session)
    incidents = effective_incidents(session, incident_ids)
    hashes = sorted(a.hash for a in agreements)
    if not hashes:
        return AssessSummary(incidents=len(incidents))
    judged = [i for i in incidents if i.review_status != "rejected"]
    verdicts = assess(judged, agreements)
    existing = _existing(session, hashes, incident_ids)
    written = 0
    for v in verdicts:
        row = existing.pop((v.incident_id, v.agreement_hash, v.provision_id), None)
        if row is not None and _same(row, v):
            continue
        if row is None:
            row = models.Verdict(
                incident_id=v.incident_id,
                agreement_hash=v.agreement_hash,
                provision_id=v.provision_id,
            )
            session.add(row)
        row.code = v.code
        row.reasons = list(v.reasons)
        row.confidence = v.confidence
        row.claims = plain(v.claims)
        row.assessor_version = ASSESSOR_VERSION
        row.computed_at = now
        written += 1
    for stale in existing.values():  # verdicts of rejected incidents
        session.delete(stale)
    session.flush()
    by_code = Counter(v.code for v in verdicts)
    by_provision: dict[str, Counter[str]] = {}
    for v in verdicts:
        by_provision.setdefault(f"{v.agreement_id}/{v.provision_id}", Counter())[v.code] += 1
    return AssessSummary(
        agreements=sorted(f"{a.id} ({a.hash[:12]})" for a in agreements),
        incidents=len(incidents),
        rejected=len(incidents) - len(judged),
        verdicts=len(verdicts),
        written=written,
        removed=len(existing),
        by_code={c: by_code[c] for c in VERDICT_CODES if by_code[c]},
        by_provision={
            key: {c: counts[c] for c in VERDICT_CODES if counts[c]}
            for key, counts in sorted(by_provision.items())
        },
    )
