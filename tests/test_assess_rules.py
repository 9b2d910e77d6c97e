"""Verdict rules at their edges: 1 m either side of the corridor, one minute either side of
the start and the end, an amendment's first minute, each precision level and the edge of
its radius, attribution, exemptions and denials."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLE

from trucewatch.agreements import load_agreement
from trucewatch.assess import assess, judge, party_of
from trucewatch.geometry import bearing_point
from trucewatch.records import Claim, Incident, When, Where

AGREEMENT = load_agreement(EXAMPLE / "agreement.yaml")
CEASEFIRE = AGREEMENT.provision("ceasefire")
CORRIDOR = AGREEMENT.provision("m4-corridor")
# Between Muhambal and Urum al-Jawz the M4 runs nearly straight for 6.6 km.
ON_ROAD = (35.7912, 36.5086)


def _incident(**changes: Any) -> Incident:
    base: dict[str, Any] = {
        "id": "x",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack",
        "actor1": "Military Forces of Syria",
        "actor2": "Opposition Rebels (Syria)",
        "when": When(date=dt.date(2020, 3, 8), precision=1),
        "where": Where(name="test point", latitude=ON_ROAD[0], longitude=ON_ROAD[1], precision=1),
    }
    return Incident(**(base | changes))


def test_the_test_point_is_on_the_centreline() -> None:
    assert CORRIDOR.locate(*ON_ROAD).distance_km < 0.05


def _north_of_road_at(distance_km: float) -> Where:
    """The point due north of ON_ROAD whose distance to the centreline is ``distance_km``."""
    lo, hi = 0.0, 12.0
    for _ in range(60):  # bisection: distance grows with the offset across the road
        mid = (lo + hi) / 2
        if CORRIDOR.locate(*bearing_point(ON_ROAD, 0.0, mid)).distance_km < distance_km:
            lo = mid
        else:
            hi = mid
    lat, lon = bearing_point(ON_ROAD, 0.0, lo)
    return Where(name="surveyed point", latitude=lat, longitude=lon, uncertainty_km=0)


@pytest.mark.parametrize(("metres", "code"), [(-1.0, "violation"), (1.0, "outside_area")])
def test_one_metre_either_side_of_the_corridor_edge(metres: float, code: str) -> None:
    where = _north_of_road_at(6.0 + metres / 1000)
    assert CORRIDOR.locate(where.latitude, where.longitude).inside is (metres < 0)  # type: ignore[arg-type]
    v = judge(_incident(where=where), AGREEMENT, CORRIDOR)
    assert v is not None and v.code == code, v
    side = "inside" if metres < 0 else "outside"
    road = "the M4 highway, Ain al-Havr to Trumba"
    expected = f"6.0 km from the centreline of {road}, {side} the 6 km corridor"
    assert any(expected in r for r in v.reasons)


@pytest.mark.parametrize(
    ("clock", "code"),
    [(dt.time(0, 0), "not_in_force"), (dt.time(0, 2), "violation"), (None, "possible_violation")],
)
def test_one_minute_either_side_of_the_start(clock: dt.time | None, code: str) -> None:
    incident = _incident(when=When(date=dt.date(2020, 3, 6), precision=1, time=clock))
    v = judge(incident, AGREEMENT, CEASEFIRE)
    assert v is not None and v.code == code, v.reasons
    if clock is None:  # a whole day that includes the start: almost surely after it
        assert "spans the start" in " ".join(v.reasons)
        assert v.confidence > 0.99
    if code == "not_in_force":
        assert v.reasons == (
            "6 March 2020 00:00 local, before Cessation of all military actions along the line "
            "of contact took effect at 00:01 on 6 March 2020",
        )


@pytest.mark.parametrize(
    ("precision", "km_inside", "code"),
    [
        (1, 3.0, "violation"),  # ±2 km: the 3 km margin is enough
        (2, 3.0, "possible_violation"),  # ±15 km: it is not
        (3, 3.0, "possible_violation"),
        (2, -20.0, "outside_area"),  # 20 km outside, known to ±15 km
        (2, -10.0, "possible_violation"),  # 10 km outside, known to ±15 km
        (3, -40.0, "possible_violation"),  # ±50 km
    ],
)
def test_each_geo_precision_level(precision: int, km_inside: float, code: str) -> None:
    lat, lon = bearing_point(ON_ROAD, 0.0, 6.0 - km_inside)
    where = Where(name="p", latitude=lat, longitude=lon, precision=precision)
    v = judge(_incident(where=where), AGREEMENT, CORRIDOR)
    assert v is not None and v.code == code, v.reasons


@pytest.mark.parametrize(
    ("first", "last", "precision", "code"),
    [
        (dt.date(2020, 3, 2), dt.date(2020, 3, 8), 2, "possible_violation"),  # a week across
        (dt.date(2020, 2, 24), dt.date(2020, 3, 1), 2, "not_in_force"),  # the week before
        (dt.date(2020, 3, 9), dt.date(2020, 3, 15), 2, "violation"),  # the week after
        (dt.date(2020, 3, 1), dt.date(2020, 3, 31), 3, "possible_violation"),  # the month
    ],
)
def test_each_time_precision_level(
    first: dt.date, last: dt.date, precision: int, code: str
) -> None:
    when = When(date=first, start=first, end=last, precision=precision)
    v = judge(_incident(when=when), AGREEMENT, CEASEFIRE)
    assert v is not None and v.code == code, v.reasons


def test_an_act_the_provision_does_not_prohibit_is_not_covered() -> None:
    incident = _incident(event_type="Protests", sub_event_type="Peaceful protest")
    v = judge(incident, AGREEMENT, CEASEFIRE)
    assert v is not None and v.code == "not_covered"
    assert v.reasons[0].startswith("Peaceful protest is not among the acts")


def test_a_group_the_agreement_does_not_bind_is_not_covered() -> None:
    v = judge(_incident(actor1="Hayat Tahrir al-Sham"), AGREEMENT, CEASEFIRE)
    assert v is not None and v.code == "not_covered"
    assert "Hayat Tahrir al-Sham is not among the parties" in v.reasons[0]


def test_an_unattributed_act_is_only_a_possible_violation() -> None:
    v = judge(_incident(actor1="Unidentified Armed Group (Syria)"), AGREEMENT, CEASEFIRE)
    assert v is not None and v.code == "possible_violation"
    assert "the act could not be attributed to a party" in v.reasons


def test_a_denial_makes_it_possible_and_is_shown() -> None:
    claims = (Claim(by="Russian Federation", kind="denial", text="no flights took place"),)
    incident = _incident(actor1="Military Forces of Russia (2000-)", claims=claims)
    v = judge(incident, AGREEMENT, CEASEFIRE)
    assert v is not None and v.code == "possible_violation"
    assert "Russian Federation denies it: no flights took place" in v.reasons


def test_a_claimed_exemption_is_shown_not_judged() -> None:
    claim = Claim(by="Military Forces of Russia", kind="claim", text="it struck terrorists")
    incident = _incident(actor1="Military Forces of Russia", claims=(claim,))
    v = judge(incident, AGREEMENT, CEASEFIRE)
    assert v is not None and v.code == "exemption_claimed"
    assert v.claims == (claim,)
    assert "Military Forces of Russia claims an exemption: it struck terrorists" in v.reasons
    # The same words from a party that may not claim the exemption change nothing.
    other = Claim(by="Opposition Rebels (Syria)", kind="claim", text="we struck terrorists")
    v2 = judge(_incident(actor1="Opposition Rebels (Syria)", claims=(other,)), AGREEMENT, CEASEFIRE)
    assert v2 is not None and v2.code == "violation"


def test_a_claimant_in_its_own_words_is_known_by_its_coded_actor() -> None:
    said = Claim(
        by="The Russian defence ministry",
        kind="claim",
        text="The Russian defence ministry said its jets hit terrorists.",
        actor="Military Forces of Russia",
    )
    v = judge(_incident(actor1=None, claims=(said,)), AGREEMENT, CEASEFIRE)
    assert v is not None and v.code == "exemption_claimed"
    uncoded = said.model_copy(update={"actor": None})
    v2 = judge(_incident(actor1=None, claims=(uncoded,)), AGREEMENT, CEASEFIRE)
    assert v2 is not None and v2.code == "possible_violation"


def test_outside_the_approximate_area_is_outside() -> None:
    latakia = Where(name="Latakia", latitude=35.53125, longitude=35.79088, precision=1)
    v = judge(_incident(where=latakia), AGREEMENT, CEASEFIRE)
    assert v is not None and v.code == "outside_area"
    assert "drawn approximately" in v.reasons[-1]


def test_patrol_provisions_are_not_judged_per_incident() -> None:
    assert judge(_incident(), AGREEMENT, AGREEMENT.provision("m4-joint-patrols")) is None
    verdicts = assess([_incident()], [AGREEMENT])
    assert [v.provision_id for v in verdicts] == ["ceasefire", "m4-corridor"]
    assert {v.agreement_hash for v in verdicts} == {AGREEMENT.hash}


def test_actor_names_map_to_parties_without_year_suffixes() -> None:
    party = party_of("Military Forces of Turkey (2016-)", AGREEMENT)
    assert party is not None and party.id == "turkey"
    assert party_of("Hayat Tahrir al-Sham", AGREEMENT) is None
    assert party_of(None, AGREEMENT) is None


def test_a_battle_with_a_bound_party_on_either_side_is_at_least_possible() -> None:
    clash = _incident(
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Hayat Tahrir al-Sham",
        actor2="Military Forces of Syria",
    )
    v = judge(clash, AGREEMENT, CEASEFIRE)
    assert v is not None and v.code == "possible_violation"
    assert "who opened fire is not established" in " ".join(v.reasons)
    strike = _incident(actor1="Hayat Tahrir al-Sham", actor2="Military Forces of Syria")
    v2 = judge(strike, AGREEMENT, CEASEFIRE)  # remote violence: actor1 is the one who fired
    assert v2 is not None and v2.code == "not_covered"


@pytest.mark.parametrize(
    ("day", "clock", "code"),
    [
        (dt.date(2020, 3, 6), dt.time(0, 1), "violation"),  # the very minute it starts
        (dt.date(2020, 3, 5), dt.time(23, 59), "not_in_force"),
        (dt.date(2020, 3, 5), None, "not_in_force"),  # the whole day before ends at 00:00
    ],
)
def test_the_start_minute_and_the_day_before(
    day: dt.date, clock: dt.time | None, code: str
) -> None:
    v = judge(_incident(when=When(date=day, precision=1, time=clock)), AGREEMENT, CEASEFIRE)
    assert v is not None and v.code == code, v.reasons


@pytest.mark.parametrize(
    ("km_from_line", "code"),
    [
        (6.0 - 2.05, "violation"),  # inside by more than the ±2 km of precision 1
        (6.0 - 1.95, "possible_violation"),  # inside, by less than its precision
        (6.0 + 1.95, "possible_violation"),  # outside, by less than its precision
        (6.0 + 2.05, "outside_area"),  # outside by more than its precision
    ],
)
def test_the_edge_of_a_town_level_place_s_precision(km_from_line: float, code: str) -> None:
    surveyed = _north_of_road_at(km_from_line)
    where = surveyed.model_copy(update={"uncertainty_km": None, "precision": 1})
    v = judge(_incident(where=where), AGREEMENT, CORRIDOR)
    assert v is not None and v.code == code, v.reasons


MINIMAL = load_agreement(Path(__file__).parent / "cases" / "agreements" / "valid" / "minimal.yaml")
ROAD_CORRIDOR = MINIMAL.provision("road-corridor")


def _on_the_road(when: When, km_off: float) -> Incident:
    lat, lon = bearing_point((65.0, 25.5), 0.0, km_off)
    return _incident(
        actor1="Military Forces of North",
        actor2=None,
        when=when,
        where=Where(name="road", latitude=lat, longitude=lon, uncertainty_km=0),
    )


@pytest.mark.parametrize(
    ("day", "clock", "code"),
    [
        (dt.date(2021, 8, 31), dt.time(23, 59), "violation"),  # the last minute in force
        (dt.date(2021, 9, 1), dt.time(0, 0), "not_in_force"),  # the minute it ends
        (dt.date(2021, 9, 1), None, "not_in_force"),
    ],
)
def test_one_minute_either_side_of_the_end(day: dt.date, clock: dt.time | None, code: str) -> None:
    v = judge(_on_the_road(When(date=day, precision=1, time=clock), 1.0), MINIMAL, ROAD_CORRIDOR)
    assert v is not None and v.code == code, v.reasons
    if code == "not_in_force" and clock is not None:
        assert "after" in v.reasons[0] and "ended at 00:00 on 1 September 2021" in v.reasons[0]


@pytest.mark.parametrize(
    ("clock", "day", "code"),
    [
        (dt.time(23, 59), dt.date(2021, 6, 30), "violation"),  # 5 km each side until then
        (dt.time(0, 0), dt.date(2021, 7, 1), "outside_area"),  # narrowed to 3 km
    ],
)
def test_an_amendment_applies_from_its_minute(clock: dt.time, day: dt.date, code: str) -> None:
    incident = _on_the_road(When(date=day, precision=1, time=clock), 4.0)
    v = judge(incident, MINIMAL, ROAD_CORRIDOR)
    assert v is not None and v.code == code, v.reasons
