"""Event typing from cue lexicons (cases in cases/events.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from trucewatch.extract._prefilter import Gate, lower_pattern, words_and_text
from trucewatch.extract.events import _COMPILED, classify, scores
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


def ungated_scores(sentence: str) -> dict[str, tuple[float, tuple[int, int]]]:
    """What scores() gives when every cue runs on every sentence."""
    out = {}
    low = sentence.lower()
    for kind, cues in _COMPILED.items():
        found = [(weight, m.span()) for rx, weight, _ in cues if (m := rx.search(low))]
        if found:
            first = min(found, key=lambda f: f[1][0])  # the earliest; the first cue on a tie
            out[kind] = (sum(w for w, _ in found), first[1])
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["text"][:40] for c in CASES])
def test_gates_never_change_the_scores(case: dict[str, Any]) -> None:
    got = {kind: (score, m.span()) for kind, (score, m) in scores(case["text"]).items()}
    assert got == ungated_scores(case["text"])


def test_a_gate_waits_for_the_rarest_words_a_pattern_needs() -> None:
    gate = Gate.of([r"\bthe (?:deal|truce) (?:was signed|collapsed)\b"])
    assert set(gate.needs) == {"was signed", "collapsed"}
    assert not gate.open(words_and_text("the deal was agreed"))
    assert gate.open(words_and_text("then the truce collapsed"))


def test_letters_matched_in_any_case_are_never_needed() -> None:
    assert Gate.of([r"(?i)\bshell"]).needs == ()
    assert Gate.of([r"\bshell(?i:ed)"]).needs == ("shell",)
    assert Gate.of([r"\bshells?|\bmortar(?:ed)?"]).needs == ("mortar", "shell")


def test_a_pattern_without_a_known_start_is_gated_by_what_it_needs_alone() -> None:
    gate = Gate.of([r"\bshell", r"\w+ fired"])
    assert gate.word_starts is None
    assert gate.needs == (" fired", "shell")
    assert not gate.open(words_and_text("nothing like it"))
    assert gate.open(words_and_text("guards fired at the crowd"))
    assert gate.open(words_and_text("a shell landed"))


def test_a_pattern_with_neither_a_known_start_nor_a_needed_word_is_never_gated() -> None:
    gate = Gate.of([r"\bshell", r"\w+"])
    assert (gate.word_starts, gate.needs) == (None, ())
    assert gate.open(words_and_text("nothing like it"))


def test_a_named_group_survives_lower_casing_so_its_pattern_is_gated() -> None:
    pattern = lower_pattern(r"(?P<who>[A-Z][a-z]+)\s+(?:Gang|Cartel)\b")
    assert pattern == r"(?P<who>[a-z][a-z]+)\s+(?:gang|cartel)\b"
    gate = Gate.of([pattern])
    assert gate.needs == ("cartel", "gang")
    assert not gate.open(words_and_text("the harbour gates were shut"))
    assert gate.open(words_and_text("members of the river gang were held"))


WORDS = [
    "protesters",
    "police",
    "fired",
    "tear",
    "gas",
    "killed",
    "soldiers",
    "rebels",
    "clashed",
    "shelled",
    "artillery",
    "airstrikes",
    "drone",
    "captured",
    "town",
    "army",
    "seized",
    "weapons",
    "arrested",
    "claimed",
    "responsibility",
    "in",
    "response",
    "to",
    "the",
    "scene",
    "of",
    "[size=no",
    "report]",
    "mob",
    "beat",
    "burned",
    "tyres",
    "ceasefire",
    "agreed",
    "explosion",
    "factory",
    "leaked",
    "chlorine",
    "grenade",
    "landmine",
    "surrendered",
    "bandits",
    "villagers",
    "and",
    "a",
]


@given(st.lists(st.sampled_from(WORDS), max_size=30))
def test_any_mix_of_cue_words_gets_a_known_type_or_none(words: list[str]) -> None:
    text = " ".join(words)
    typed = classify(text)
    if typed is not None:
        assert typed.sub_event_type in SUB_EVENT_TYPES
        assert text[typed.offset : typed.offset + len(typed.cue)] == typed.cue
