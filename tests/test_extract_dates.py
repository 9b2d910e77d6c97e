"""Dates in report text, resolved against the publication date (cases in cases/dates.yaml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from trucewatch.extract import dates
from trucewatch.extract.dates import DateSpan, find_dates

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "dates.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_date_expressions_resolve(case: dict[str, Any]) -> None:
    found = find_dates(case["text"], case["published"])
    assert [[d.start, d.end, d.precision, d.text] for d in found] == case["expect"]
    for d in found:
        assert case["text"][d.offset : d.offset + len(d.text)] == d.text


def test_the_representative_day_is_the_middle_of_a_range() -> None:
    week = DateSpan(dt.date(2020, 2, 24), dt.date(2020, 3, 1), 2, "last week", 0)
    assert week.date == dt.date(2020, 2, 27)
    assert week.days == 7


@pytest.mark.parametrize(
    "text",
    [
        "Clashes broke out LAST NIGHT near the border.",
        "On 3 Feb. a convoy was hit.",
        "Über Nacht, on Wednesday, a drone struck.",
        "A 2020-03-05 report said nothing new.",
        "Nothing happened in the town.",
    ],
)
def test_the_literal_test_never_hides_a_date(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    day = dt.date(2020, 3, 6)
    gated = [(d.text, d.offset) for d in find_dates(text, day)]
    monkeypatch.setattr(dates, "_NEEDS", ())
    assert gated == [(d.text, d.offset) for d in find_dates(text, day)]


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_only_the_forms_a_text_may_hold_are_tried_and_they_find_the_same(
    case: dict[str, Any],
) -> None:
    every = [(m.lastgroup, m.span()) for m in dates._RX.finditer(case["text"])]
    forms = tuple(n for n, needs in dates._FORM_NEEDS if dates.may_hold(needs, case["text"]))
    tried = [(m.lastgroup, m.span()) for m in dates._forms_rx(forms).finditer(case["text"])]
    assert tried == every


def test_a_text_holding_no_form_of_a_date_is_let_go_before_any_pattern() -> None:
    assert find_dates("Monsoon rains closed the mountain pass.", dt.date(2020, 3, 5)) == []
    forms = tuple(n for n, needs in dates._FORM_NEEDS if dates.may_hold(needs, "a calm day"))
    assert forms == ()
