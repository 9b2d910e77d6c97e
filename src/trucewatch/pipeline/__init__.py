"""The pipeline's stages on the store, one function each, each run in the caller's session.

The stages themselves are pure (:mod:`trucewatch.corroborate`, :mod:`trucewatch.assess`,
:mod:`trucewatch.review`); these functions read their input from the store and write their
output back, so a command (or ``trucewatch run``) wraps each in one transaction
(:meth:`trucewatch.store.Store.session`) and an interrupted run leaves the store as it was.

==========================  =================================================
:func:`corroborate_stored`  mentions in no incident yet → incidents
:func:`assess_stored`       effective incidents x current agreements → verdicts
:func:`add_review`          one analyst decision → the trail, then verdicts
:func:`list_incidents`      effective incidents with verdicts, filtered
:func:`report_data`         everything a report shows
:func:`run_pipeline`        all of it: reports in, the judged report out
==========================  =================================================
"""

from trucewatch.pipeline.corroboration import CorroborationSummary, corroborate_stored
from trucewatch.pipeline.effective import (
    effective_incidents,
    resolve_incident,
    review_trail,
    stored_verdicts,
)
from trucewatch.pipeline.listing import IncidentQuery, Listed, incident_json, list_incidents
from trucewatch.pipeline.report import (
    ReportFormat,
    patrol_runs,
    render_report,
    report_data,
    write_report,
)
from trucewatch.pipeline.reviews import ReviewOutcome, add_review, parse_place, review_history
from trucewatch.pipeline.run import RunResult, RunWatcher, Stage, run_pipeline
from trucewatch.pipeline.verdicts import ASSESSOR_VERSION, AssessSummary, assess_stored

__all__ = [
    "ASSESSOR_VERSION",
    "AssessSummary",
    "CorroborationSummary",
    "IncidentQuery",
    "Listed",
    "ReportFormat",
    "ReviewOutcome",
    "RunResult",
    "RunWatcher",
    "Stage",
    "add_review",
    "assess_stored",
    "corroborate_stored",
    "effective_incidents",
    "incident_json",
    "list_incidents",
    "parse_place",
    "patrol_runs",
    "render_report",
    "report_data",
    "resolve_incident",
    "review_history",
    "review_trail",
    "run_pipeline",
    "stored_verdicts",
    "write_report",
]
