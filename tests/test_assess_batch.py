"""The vectorised verdict codes agree with the reference rules, incident by incident."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import EXAMPLE

from trucewatch.agreements import load_agreement
from trucewatch.assess import judge
from trucewatch.assess.batch import verdict_codes
from trucewatch.records import VERDICT_CODES, Claim, Incident, When, Where
from trucewatch.taxonomy import SUB_EVENT_TYPES

AGREEMENT = load_agreement(EXAMPLE / "agreement.yaml")
ACTORS = [
    None,
    "Military Forces of Syria (2000-)",
    "Military Forces of Russia",
    "Opposition Rebels (Syria)",
    "Hayat Tahrir al-Sham",
    "Unidentified Armed Group (Syria)",
]
SUBS = sorted(SUB_EVENT_TYPES)
VIOLENT = sorted(s for s, e in SUB_EVENT_TYPES.items() if e != "Protests" and e != "Riots")


@st.composite
def incidents(draw: st.DrawFn) -> Incident:
    day = dt.date(2020, 3, 6) + dt.timedelta(days=draw(st.integers(-3, 3)))
    span = draw(st.sampled_from([0, 0, 6, 30]))
    clock = draw(st.one_of(st.none(), st.times()))
    when = (
        When(date=day, precision=1, time=clock)
        if span == 0
        else When(
            date=day, start=day, end=day + dt.timedelta(days=span), precision=2 if span < 7 else 3
        )
    )
    if draw(st.booleans()):  # near the M4, known to the town
        where = Where(
            latitude=draw(st.floats(35.75, 35.85)),
            longitude=draw(st.floats(36.3, 36.7)),
            precision=1,
        )
    elif draw(st.booleans()):
        where = Where(
            latitude=draw(st.floats(35.4, 36.3)),
            longitude=draw(st.floats(35.9, 37.2)),
            precision=draw(st.sampled_from([1, 2, 3, None])),
        )
    else:
        where = Where()
    sub = draw(st.sampled_from(SUBS) | st.sampled_from(VIOLENT) | st.sampled_from(VIOLENT))
    claims = ()
    if draw(st.integers(0, 9)) == 0:
        claims = (Claim(by="Military Forces of Russia", kind="claim", text="struck terrorists"),)
    return Incident(
        id=str(draw(st.integers(0, 10**9))),
        event_type=SUB_EVENT_TYPES[sub],
        sub_event_type=sub,
        actor1=draw(st.sampled_from(ACTORS)),
        actor2=draw(st.sampled_from(ACTORS)),
        when=when if draw(st.integers(0, 9)) else When(),
        where=where,
        claims=claims,
    )


@settings(max_examples=40, deadline=None)
@given(batch=st.lists(incidents(), min_size=1, max_size=25))
def test_batch_codes_equal_the_reference_rules(batch: list[Incident]) -> None:
    codes = verdict_codes(batch, AGREEMENT)
    for provision_id, column in codes.items():
        provision = AGREEMENT.provision(provision_id)
        for incident, code in zip(batch, column, strict=True):
            verdict = judge(incident, AGREEMENT, provision)
            assert verdict is not None
            assert VERDICT_CODES[code] == verdict.code, (provision_id, incident, verdict.reasons)
