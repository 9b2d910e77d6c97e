"""The demonstration: the whole job on the bundled Idlib 2020 example, as one library call.

The example's reports (illustrative paraphrases written for trucewatch) go through
:func:`~trucewatch.pipeline.run_pipeline` into a fresh store in the output folder; the
report is written in every format, next to the agreement's shapes for a GIS.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from trucewatch.agreements import Agreement, load_agreement
from trucewatch.agreements.export import export
from trucewatch.errors import InputError
from trucewatch.pipeline import (
    Listed,
    ReportFormat,
    RunResult,
    RunWatcher,
    list_incidents,
    report_data,
    run_pipeline,
    write_report,
)
from trucewatch.report.pdf import PdfUnavailableError
from trucewatch.store import Store, open_store
from trucewatch.store.agreements import current_agreements
from trucewatch.store.patrols import list_patrols

__all__ = ["EXAMPLE_DIR", "DemoResult", "provision_lines", "run_demo"]

EXAMPLE_DIR = Path(__file__).resolve().parents[2] / "examples" / "idlib-2020"


@dataclass(frozen=True)
class DemoResult:
    """What the demo made: the run's figures, its incidents and patrols, and its files."""

    out_dir: Path
    agreement: Agreement
    run: RunResult
    incidents: list[Listed]
    patrols: dict[str, object]
    files: tuple[Path, ...]
    missing: tuple[str, str] | None
    """(format, why) when one report format could not be written (e.g. no PDF engine)."""


def provision_lines(agreement: Agreement) -> list[str]:
    """One line per provision: its id, kind and local start."""
    return [
        f"{p.id} ({p.kind}) from {agreement.local(p.base.start):%d %B %Y %H:%M %Z}"
        for p in agreement.provisions
    ]


def run_demo(example: Path, out_dir: Path, watcher: RunWatcher | None = None) -> DemoResult:
    """Run the whole job on ``example``'s reports; write the report in every format."""
    path = example / "agreement.yaml"
    reports = example / "reports"
    if not path.is_file() or not reports.is_dir():
        raise InputError(
            f"no example agreement and reports in {example}; run the demo from a trucewatch "
            "clone or give --example DIR"
        )
    agreement = load_agreement(path)
    out_dir.mkdir(parents=True, exist_ok=True)
    db = out_dir / "trucewatch.db"
    stale = Store(str(db))  # every demo starts from the same empty store
    for old in stale.files():
        old.unlink(missing_ok=True)
    stale.close()
    store = open_store(str(db))
    try:
        run = run_pipeline(
            [str(reports)], store, [path], out=out_dir / "report.html", watcher=watcher
        )
        with store.session() as session:
            incidents = list_incidents(session)
            patrols = list_patrols(session, current_agreements(session))
            data = report_data(session)
    finally:
        store.close()
    files = [db, run.report]
    missing = None
    for fmt in (ReportFormat.pdf, ReportFormat.csv, ReportFormat.geojson, ReportFormat.kml):
        target = out_dir / f"report.{fmt.value}"
        try:
            write_report(data, fmt, target)
        except PdfUnavailableError as exc:  # WeasyPrint's system libraries may be missing
            missing = (fmt.value, str(exc))
            continue
        files.append(target)
    for fmt_name in ("geojson", "kml"):
        target = out_dir / f"{agreement.id}.{fmt_name}"
        target.write_text(export(agreement, fmt_name), encoding="utf-8")
        files.append(target)
    return DemoResult(out_dir, agreement, run, incidents, patrols, tuple(files), missing)
