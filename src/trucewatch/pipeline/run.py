"""The whole job as one call: reports in, a judged report out.

:func:`run_pipeline` chains the stages a monitor would otherwise run one by one::

    ingest → extract → patrols → corroborate → assess → report

Each stage reads what the previous one stored and writes in its own transactions, and
every stage skips what is already done (documents by content hash, extraction by
extractor version, corroboration by membership, verdicts by comparison). So an
interrupted run, run again, ends with the store an unbroken run would have left, and a
second run over the same reports changes nothing.
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from trucewatch.errors import SelectionError
from trucewatch.extract.stored import ExtractSummary, extract_stored
from trucewatch.ingest import IngestResult, Options, ingest
from trucewatch.pipeline.corroboration import CorroborationSummary, corroborate_stored
from trucewatch.pipeline.report import ReportFormat, report_data, write_report
from trucewatch.pipeline.verdicts import AssessSummary, assess_stored
from trucewatch.store import Store
from trucewatch.store.agreements import current_agreements, save_agreement_files
from trucewatch.store.patrols import Placing, list_patrols, place_patrols

__all__ = ["RunResult", "RunWatcher", "Stage", "run_pipeline"]


class Stage(enum.StrEnum):
    """The stages of a run, in order."""

    ingest = "ingest"
    extract = "extract"
    patrols = "patrols"
    corroborate = "corroborate"
    assess = "assess"
    report = "report"


class RunWatcher(Protocol):
    """Told how a run goes: the command line draws one progress display with it."""

    def stage(self, stage: Stage, total: int | None) -> None:
        """A stage begins; ``total`` is its number of steps when known."""

    def advance(self, done: int, total: int | None = None) -> None:
        """The current stage has done ``done`` steps (of ``total``, when it changes)."""

    def finish(self, stage: Stage, summary: str) -> None:
        """A stage ended; ``summary`` says what it did in a few words."""


@dataclass
class RunResult:
    """What each stage of a run did, and where the report is."""

    agreements: list[str]
    ingest: IngestResult
    extract: ExtractSummary
    patrols: Placing
    corroborate: CorroborationSummary
    assess: AssessSummary
    report: Path
    report_format: ReportFormat
    incidents: int
    coverage: list[dict[str, Any]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every input was read."""
        return self.ingest.ok

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape ``trucewatch run --json`` prints."""
        return {
            "agreements": self.agreements,
            "ingest": self.ingest.as_dict(),
            "extract": self.extract.as_dict(),
            "patrols": {**self.patrols.as_dict(), "coverage": self.coverage},
            "corroborate": self.corroborate.as_dict(),
            "assess": self.assess.as_dict(),
            "incidents": self.incidents,
            "report": str(self.report),
            "report_format": self.report_format.value,
        }


class _Quiet:
    def stage(self, stage: Stage, total: int | None) -> None:
        pass

    def advance(self, done: int, total: int | None = None) -> None:
        pass

    def finish(self, stage: Stage, summary: str) -> None:
        pass


class _Files:
    """Ingest's watcher, reporting to the run's."""

    def __init__(self, watcher: RunWatcher) -> None:
        self.watcher = watcher
        self.files = 0
        self.total: int | None = None

    def start(self, files: int) -> None:
        self.total = files
        self.watcher.advance(0, files)

    def advance(self, files: int, documents: int) -> None:
        self.files += files
        self.watcher.advance(self.files, self.total)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def run_pipeline(
    targets: Sequence[str],
    store: Store,
    agreement_files: Sequence[Path],
    *,
    options: Options | None = None,
    out: Path,
    fmt: ReportFormat = ReportFormat.html,
    title: str | None = None,
    watcher: RunWatcher | None = None,
) -> RunResult:
    """Ingest ``targets``, code, corroborate and judge everything stored, write the report.

    The agreement files are compiled and stored first (a changed file is a new
    version); the run judges against every agreement stored. Raises
    :class:`~trucewatch.errors.SelectionError` when no agreement is stored at all.
    """
    from trucewatch.extract.mentions import Extractor

    watch: RunWatcher = watcher or _Quiet()
    with store.session() as session:
        save_agreement_files(session, agreement_files)
        agreements = current_agreements(session)
    if not agreements:
        raise SelectionError("no agreement to judge against: give one with --agreement FILE")

    watch.stage(Stage.ingest, None)
    ingested = ingest(targets, store, options, watcher=_Files(watch))
    watch.finish(
        Stage.ingest,
        f"{_plural(len(ingested.ingested), 'new document')}, {ingested.already_stored} "
        f"already stored, {len(ingested.failed)} failed",
    )

    watch.stage(Stage.extract, None)
    extractor = Extractor.load(agreements)
    extracted = extract_stored(store, extractor, watch.advance)
    watch.finish(
        Stage.extract,
        f"{_plural(extracted.documents, 'document')} coded into "
        f"{_plural(extracted.mentions, 'mention')}",
    )

    watch.stage(Stage.patrols, None)
    with store.session() as session:
        placing = place_patrols(session, agreements, gazetteer=extractor.gazetteer)
        coverage = list_patrols(session, agreements)["coverage"]
    watch.finish(Stage.patrols, f"{placing.added} patrols placed, {placing.updated} updated")

    watch.stage(Stage.corroborate, None)
    with store.session() as session:
        corroborated = corroborate_stored(session)
    watch.finish(
        Stage.corroborate,
        f"{_plural(corroborated.new_incidents, 'new incident')}, "
        f"{corroborated.joined} mentions joined stored ones",
    )

    watch.stage(Stage.assess, None)
    with store.session() as session:
        assessed = assess_stored(session)
    watch.finish(
        Stage.assess,
        f"{_plural(assessed.incidents, 'incident')}, {assessed.written} verdicts new or changed",
    )

    watch.stage(Stage.report, None)
    with store.session() as session:
        data = report_data(session, title)
    write_report(data, fmt, out)
    watch.finish(Stage.report, f"{fmt.value.upper()} written to {out}")
    return RunResult(
        agreements=sorted(f"{a.id} ({a.hash[:12]})" for a in agreements),
        ingest=ingested,
        extract=extracted,
        patrols=placing,
        corroborate=corroborated,
        assess=assessed,
        report=out,
        report_format=fmt,
        incidents=len(data.incidents),
        coverage=coverage,
    )
