"""`trucewatch bench assess` measures the same work each run and reports it (no timing asserted)."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLE
from typer.testing import CliRunner

from trucewatch.agreements import load_agreement
from trucewatch.assess.bench import synthetic_incidents
from trucewatch.cli import app


def test_the_synthetic_incidents_are_the_same_every_run() -> None:
    agreement = load_agreement(EXAMPLE / "agreement.yaml")
    first = synthetic_incidents(agreement, 50)
    assert first == synthetic_incidents(agreement, 50)
    assert len({i.sub_event_type for i in first}) > 5


def test_bench_assess_reports_its_figures() -> None:
    result = CliRunner().invoke(
        app,
        [
            "bench",
            "assess",
            "--agreement",
            str(EXAMPLE / "agreement.yaml"),
            "--incidents",
            "500",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["checks"] == 500 * figures["provisions"] == 1000
    assert figures["checks_per_s"] > 0
