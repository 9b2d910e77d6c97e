"""Patrols placed on their route, and the route's weekly coverage."""

from __future__ import annotations

import datetime as dt

import pytest
from tests.conftest import EXAMPLE

from trucewatch.agreements import PatrolTerms, load_agreement
from trucewatch.assess.patrols import PatrolRun, coverage, place_on_route, place_track

AGREEMENT = load_agreement(EXAMPLE / "agreement.yaml")
TERMS = AGREEMENT.provision("m4-joint-patrols").terms_at()
assert isinstance(TERMS, PatrolTerms)
ROUTE = TERMS.route


def _at(place_id: str) -> tuple[float, float]:
    place = AGREEMENT.place(place_id)
    return place.lat, place.lon


def test_a_patrol_from_trumba_to_ariha_is_placed_from_km_0() -> None:
    start, end = place_on_route(ROUTE, _at("trumba"), _at("ariha"))
    assert start == pytest.approx(0.0, abs=0.01)
    assert end == pytest.approx(16.1, abs=0.2)  # Ariha's foot on the M4


def test_weekly_coverage_merges_overlapping_stretches_and_counts_cut_short_runs() -> None:
    length = ROUTE.length_km
    runs = [
        PatrolRun(dt.date(2020, 3, 15), 0.0, 16.1),  # Sunday: Trumba to Ariha
        PatrolRun(dt.date(2020, 3, 17), 10.0, 4.0, completed=False),  # inside the first
        PatrolRun(dt.date(2020, 3, 19), 0.0, 25.0),  # next week, further
        PatrolRun(dt.date(2020, 3, 20), 40.0, 60.0),  # past the end: clipped
    ]
    weeks = coverage(length, runs)
    assert [w.week_start for w in weeks] == [dt.date(2020, 3, 9), dt.date(2020, 3, 16)]
    first, second = weeks
    assert first.stretches == ((0.0, 16.1),)
    assert first.share == pytest.approx(16.1 / length, abs=1e-4)
    assert second.patrols == 3 and second.cut_short == 1
    assert second.stretches == ((0.0, 25.0), (40.0, round(length, 3)))
    assert second.covered_km == pytest.approx(25.0 + length - 40.0, abs=0.01)


def test_a_recorded_track_is_placed_by_its_points_on_the_route() -> None:
    track = [_at("trumba"), _at("nayrab"), (36.5, 37.5), _at("ariha-m4")]  # one stray fix
    stretch = place_track(ROUTE, track)
    assert stretch is not None
    assert stretch[0] == pytest.approx(0.0, abs=0.01)
    assert stretch[1] == pytest.approx(ROUTE.along_km(*_at("ariha-m4")), abs=0.01)
    assert place_track(ROUTE, [(36.5, 37.5)]) is None
