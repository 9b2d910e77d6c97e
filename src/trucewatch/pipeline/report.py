"""The report stage on the store: incidents as reviewed, verdicts, agreements and patrols, rendered.

Rejected incidents are left out of every report format: an analyst has said they did not
happen as reported. Patrol runs come from the ``patrols`` table, grouped by agreement and
provision for the coverage section.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from trucewatch.assess.patrols import PatrolRun
from trucewatch.errors import InputError
from trucewatch.pipeline.effective import effective_incidents, stored_verdicts
from trucewatch.report.exports import incidents_csv, incidents_geojson, incidents_kml
from trucewatch.report.formats import ReportFormat
from trucewatch.report.html import ReportData, render_html
from trucewatch.report.pdf import render_pdf
from trucewatch.store import models
from trucewatch.store.agreements import current_agreements

__all__ = ["ReportFormat", "patrol_runs", "render_report", "report_data", "write_report"]


def _source_name(source: object) -> str:
    """How a patrol's source reads in a report: its outlet, else its title, else its id."""
    if not isinstance(source, dict):
        return str(source)
    name = source.get("outlet") or source.get("title") or str(source.get("document", ""))[:12]
    if source.get("points"):
        name = f"{name} (GPS track, {source['points']} points)"
    return str(name)


def patrol_runs(session: Session) -> dict[tuple[str, str], list[PatrolRun]]:
    """The stored patrols as runs on their routes, by (agreement id, provision id), by date."""
    out: dict[tuple[str, str], list[PatrolRun]] = defaultdict(list)
    query = select(models.Patrol).order_by(models.Patrol.patrol_date, models.Patrol.id)
    for row in session.scalars(query):
        out[(row.agreement_key, row.provision_id)].append(
            PatrolRun(
                date=row.patrol_date,
                from_km=row.from_km,
                to_km=row.to_km,
                completed=row.completed,
                parties=tuple(str(p) for p in row.parties),
                sources=tuple(_source_name(s) for s in row.sources),
                note=row.note,
            )
        )
    return dict(out)


def report_data(session: Session, title: str | None = None) -> ReportData:
    """What a report shows, read from the store (rejected incidents left out)."""
    agreements = current_agreements(session)
    incidents = [i for i in effective_incidents(session) if i.review_status != "rejected"]
    kept = {i.id for i in incidents}
    verdicts = [
        v for v in stored_verdicts(session, [a.hash for a in agreements]) if v.incident_id in kept
    ]
    if title is None:
        names = "; ".join(a.title for a in agreements)
        title = f"trucewatch report: {names}" if names else "trucewatch report"
    return ReportData(
        title=title,
        agreements=agreements,
        incidents=incidents,
        verdicts=verdicts,
        patrols=patrol_runs(session),
    )


def render_report(data: ReportData, fmt: ReportFormat) -> bytes:
    """The report in one format, as the bytes of its file."""
    if fmt is ReportFormat.html:
        return render_html(data).encode("utf-8")
    if fmt is ReportFormat.pdf:
        return render_pdf(render_html(data))
    if fmt is ReportFormat.csv:
        return incidents_csv(data.incidents, data.verdicts).encode("utf-8")
    if fmt is ReportFormat.geojson:
        collection = incidents_geojson(data.incidents, data.verdicts)
        return (json.dumps(collection, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return incidents_kml(data.incidents, data.verdicts, data.title).encode("utf-8")


def write_report(data: ReportData, fmt: ReportFormat, path: Path) -> None:
    """Render the report in ``fmt`` and write it to ``path`` (its folder made if need be)."""
    body = render_report(data, fmt)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(body)
    except OSError as exc:
        raise InputError(f"cannot write the report to {path}: {exc.strerror or exc}") from None
