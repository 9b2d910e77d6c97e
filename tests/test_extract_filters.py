"""Totals, plans and background are not incidents (cases in cases/not-incidents.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from trucewatch.extract.filters import _COMPILED, flags, not_an_incident

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "not-incidents.yaml").read_text())
KEYWORD = {"total": "a total", "war": "whole war", "population": "population", "plan": "a plan"}


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_statements_that_are_not_incidents(case: dict[str, Any]) -> None:
    reason = not_an_incident(case["text"])
    if case["reason"] is None:
        assert reason is None
    else:
        assert reason is not None and KEYWORD[case["reason"]] in reason


def test_only_the_clause_with_the_total_is_flagged() -> None:
    text = (
        "The leaders agreed a truce on Thursday, ending a war which has displaced a million people."
    )
    (flag,) = {(f.start, f.end) for f in flags(text)}
    assert text[flag[0] : flag[1]] == "has displaced a million people."
    assert "agreed a truce" not in text[flag[0] : flag[1]]


@pytest.mark.parametrize(
    "text",
    [
        "SOME 40 FIGHTERS HAVE DIED SINCE JANUARY.",
        "Patrols Will Begin next week along the road.",
        "The camp hosts about 20,000 people who fled the fighting.",
        "Le camp, près de la frontière, hosts 3,000 people.",
        "Shells hit the market on Tuesday.",
    ],
)
def test_the_literal_test_never_hides_a_flag(text: str) -> None:
    ungated = [(reason, m.group(0)) for reason, rx, _ in _COMPILED for m in rx.finditer(text)]
    assert sorted((f.reason, f.cue) for f in flags(text)) == sorted(ungated)
