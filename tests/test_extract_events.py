"""Event typing from cue lexicons (cases in cases/events.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from trucewatch.extract.events import classify
from trucewatch.taxonomy import SUB_EVENT_TYPES

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "events.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_sentences_get_their_sub_event_type(case: dict[str, Any]) -> None:
    typed = classify(case["text"])
    assert (typed.sub_event_type if typed else None) == case["expect"]
    if typed is not None:
        assert typed.sub_event_type in SUB_EVENT_TYPES
        assert case["text"][typed.offset : typed.offset + len(typed.cue)] == typed.cue
        assert 0 < typed.confidence < 1
