"""Counts and the killed a sentence reports (cases in cases/fatalities.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from trucewatch.extract.numbers import _DEATH_WORD, _tells_deaths, find_fatalities, parse_count

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "fatalities.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_fatalities_in_a_sentence(case: dict[str, Any]) -> None:
    found = find_fatalities(case["text"])
    assert [[f.count, f.group] for f in found] == case["expect"]
    for f in found:
        assert case["text"][f.offset : f.offset + len(f.text)] == f.text


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("16", 16),
        ("at least 16", 16),
        ("more than 1,000", 1000),
        ("sixteen", 16),
        ("twenty-one", 21),
        ("two hundred and fifty", 250),
        ("three thousand", 3000),
        ("a dozen", 12),
        ("dozens", 12),
        ("tens", 10),
        ("hundreds", 100),
        ("several", 10),
        ("a", 1),
        ("some", None),
        ("many more", None),
        ("", None),
    ],
)
def test_parse_count(text: str, count: int | None) -> None:
    assert parse_count(text) == count


@pytest.mark.parametrize(
    "text",
    [
        "Two gunmen were KILLED at the checkpoint.",
        "The Bodies of three men lay by the road.",
        "Officials said the ceasefire held overnight.",
        "A \u017flain herder was found near the well.",  # a long s matches s in any case
        "Der Tod von drei Männern wurde gemeldet.",
    ],
)
def test_the_cheap_death_test_agrees_with_the_pattern(text: str) -> None:
    assert _tells_deaths(text) == bool(_DEATH_WORD.search(text))
