"""Patrol reports read into runs on the route: places, days, parties, cut short or not."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import EXAMPLE
from trucewatch.agreements import load_agreement
from trucewatch.extract.patrols import Lexicon, PatrolReport, Unplaced, find_patrols

AGREEMENT = load_agreement(EXAMPLE / "agreement.yaml")
LEXICON = Lexicon(AGREEMENT)
# A Thursday evening in Damascus (UTC+2): "on Tuesday" is 7 April, "yesterday" 8 April.
PUBLISHED = dt.datetime(2020, 4, 9, 16, 0, tzinfo=dt.UTC)


def _km(place_id: str) -> float:
    from trucewatch.assess.patrols import place_on_route
    from trucewatch.extract.patrols import patrol_provisions

    [(_, terms)] = patrol_provisions(AGREEMENT)
    place = AGREEMENT.place(place_id)
    return place_on_route(terms.route, (place.lat, place.lon), (place.lat, place.lon))[0]


def _runs(text: str) -> list[PatrolReport | Unplaced]:
    return find_patrols(text, PUBLISHED, AGREEMENT, LEXICON)


def _one(text: str) -> PatrolReport:
    [run] = _runs(text)
    assert isinstance(run, PatrolReport), run
    return run


def test_a_completed_patrol_from_one_place_to_another() -> None:
    run = _one(
        "Russian and Turkish troops drove a joint patrol from Trumba as far as Urum al-Jawz "
        "on Tuesday, a monitoring group said."
    )
    assert run.date == dt.date(2020, 4, 7)
    assert run.completed and run.parties == ("russia", "turkey")
    assert run.from_km == pytest.approx(0.0, abs=0.01)
    assert run.to_km == pytest.approx(_km("urum-al-jawz"), abs=0.01)
    assert (run.start_place, run.end_place) == ("Trumba", "Urum al-Jawz")
    assert run.notes == ()


def test_a_patrol_halted_near_a_village_is_cut_short_there() -> None:
    run = _one(
        "Yesterday a joint patrol heading towards Jisr al-Shughur was halted near Muhambal "
        "by a roadside bomb, having set off from Trumba."
    )
    assert run.date == dt.date(2020, 4, 8)
    assert not run.completed
    assert run.to_km == pytest.approx(_km("muhambal"), abs=0.01)
    assert run.end_place == "Muhambal"


def test_the_start_and_the_stop_may_come_in_two_sentences() -> None:
    text = (
        "A joint patrol on the M4 turned back at Nayrab on Tuesday after a crowd blocked "
        "the road. The patrol had set off from Trumba at dawn, officials said."
    )
    run = _one(text)
    assert not run.completed
    assert (run.start_place, run.end_place) == ("Trumba", "Nayrab")
    assert [e.text for e in run.evidence] == [
        text[e.start : e.end] for e in run.evidence
    ]  # offsets point at the sentences
    assert len(run.evidence) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Joint patrols will begin on the M4 from Trumba to Ariha next week.",
        "The two armies are expected to patrol from Trumba to Ariha on Friday.",
        "Tuesday's joint patrol from Trumba to Ariha was cancelled because of bad weather.",
        "No joint patrol ran from Trumba to Ariha on Tuesday.",
        "The ministers discussed the patrols and the corridor.",
    ],
)
def test_plans_cancellations_and_talk_give_no_run(text: str) -> None:
    assert _runs(text) == []


def test_a_missing_start_is_the_route_start_with_the_assumption_stated() -> None:
    run = _one("A Turkish-Russian patrol reached Ariha on Tuesday.")
    assert run.from_km == 0.0
    assert run.note == "start not reported: assumed to be the start of the route (km 0)"
    said = _one("A joint patrol ran from the start of the route to Ariha on Tuesday.")
    assert said.from_km == 0.0 and said.note is None


def test_unnamed_parties_are_the_provision_s_and_quoted_ministries_are_not_parties() -> None:
    run = _one("A patrol ran from Trumba to Ariha on Tuesday, the Turkish defence ministry said.")
    assert run.parties == ("russia", "turkey")
    assert run.note == "parties not named: the provision's"
    alone = _one("A Russian patrol ran from Trumba to Nayrab on Tuesday.")
    assert alone.parties == ("russia",)


def test_no_day_means_the_publication_day_with_a_note() -> None:
    run = _one("A joint patrol ran from Trumba to Ariha, state media said.")
    assert run.date == dt.date(2020, 4, 9)
    assert "no day given: the publication day" in run.notes


def test_a_run_with_no_end_or_far_from_every_route_is_unplaced_with_the_reason() -> None:
    [no_end] = _runs("A joint patrol ran on the M4 on Tuesday.")
    assert isinstance(no_end, Unplaced)
    assert no_end.reason == "the report names no place where the patrol ended"
    [far] = _runs("A joint patrol ran from Trumba to Damascus on Tuesday.")
    assert isinstance(far, Unplaced)
    assert far.reason == "Trumba, Damascus: not within 10 km of any patrol route of moscow-2020"
