"""The stages on the store: incremental corroboration, stored verdicts at the rules' edges,
reviews that change verdicts, and the same path on a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.engine import make_url
from tests.conftest import EXAMPLE
from tests.stored import (
    ARIHA,
    NORTH_OF_ARIHA,
    denial,
    doc_id,
    document,
    mention,
    store_mentions,
)
from tests.test_assess_rules import ON_ROAD, _north_of_road_at
from tests.test_corroborate import CASES
from tests.test_corroborate import _mention as case_mention

from trucewatch.agreements import load_agreement
from trucewatch.corroborate import Cluster, corroborate, summarize
from trucewatch.geometry import bearing_point
from trucewatch.pipeline import (
    IncidentQuery,
    add_review,
    assess_stored,
    corroborate_stored,
    effective_incidents,
    list_incidents,
    review_history,
)
from trucewatch.records import Claim, When, Where
from trucewatch.review import Review, apply_reviews
from trucewatch.store import Incident, IncidentMention, Store, Verdict, open_store
from trucewatch.store import Mention as MentionRow
from trucewatch.store import Review as ReviewRow
from trucewatch.store.agreements import save_agreement

AGREEMENT_FILE = EXAMPLE / "agreement.yaml"
AGREEMENT = load_agreement(AGREEMENT_FILE)


def _save_agreement(store: Store) -> None:
    with store.session() as s:
        save_agreement(s, AGREEMENT, AGREEMENT_FILE.read_text(encoding="utf-8"))


def _snapshot(store: Store) -> dict[str, Any]:
    """Every incident, membership, verdict and review row, as plain values."""

    def plain(row: Any) -> dict[str, Any]:
        return {c.key: getattr(row, c.key) for c in row.__table__.columns}

    with store.session() as s:
        return {
            name: sorted((plain(r) for r in s.scalars(select(model))), key=repr)
            for name, model in [
                ("incidents", Incident),
                ("members", IncidentMention),
                ("verdicts", Verdict),
                ("reviews", ReviewRow),
            ]
        }


def _corroborate(store: Store) -> Any:
    with store.session() as s:
        return corroborate_stored(s)


def _assess(store: Store) -> Any:
    with store.session() as s:
        return assess_stored(s)


def _verdicts(store: Store) -> dict[str, str]:
    """Provision id to code, for the only incident in the store."""
    with store.session() as s:
        return {v.provision_id: v.code for v in s.scalars(select(Verdict))}


def _only_incident(store: Store) -> Any:
    with store.session() as s:
        [incident] = effective_incidents(s)
    return incident


def test_a_second_batch_joins_the_stored_incident_and_a_rerun_changes_nothing(
    store: Store,
) -> None:
    store_mentions(store, [mention("a", "wire", fatalities=14)], [document("wire")])
    first = _corroborate(store)
    assert (first.mentions, first.new_incidents, first.joined) == (1, 1, 0)
    # A second outlet, and a third that printed the second's wire copy: one more source.
    store_mentions(
        store,
        [mention("b", "agency", fatalities=16), mention("c", "reprint", fatalities=16)],
        [document("agency"), document("reprint", group="agency")],
    )
    second = _corroborate(store)
    assert (second.mentions, second.new_incidents, second.joined) == (2, 0, 2)
    assert second.updated_incidents == 1
    incident = _only_incident(store)
    assert len(incident.mentions) == 3
    assert incident.sources == 2  # wire, and agency with its reprint
    # Conflicting tolls are kept side by side and flagged; the headline is the lowest.
    assert incident.fatalities == 14 and incident.fatalities_reported == (14, 16)
    assert second.conflicting == [incident.id]
    with store.session() as s:
        assert s.get(Incident, incident.id).conflicts == ["fatalities"]  # type: ignore[union-attr]
    before = _snapshot(store)
    again = _corroborate(store)
    assert again.mentions == 0
    assert _snapshot(store) == before


def test_a_rewrite_is_a_source_of_its_own_but_an_outlet_counts_once(store: Store) -> None:
    # "update" shares whole paragraphs with "wire" (one near-duplicate group) but is not a
    # copy: it adds reporting of its own. "wire-2" is the wire's outlet filing again.
    store_mentions(
        store,
        [
            mention("a", "wire", fatalities=14),
            mention("b", "update", fatalities=16),
            mention("c", "wire-2", outlet="wire", fatalities=14),
        ],
        [
            document("wire"),
            document("update", group="wire", containment=0.34),
            document("wire-2", outlet="wire"),
        ],
    )
    _corroborate(store)
    incident = _only_incident(store)
    assert len(incident.mentions) == 3
    assert incident.sources == 2
    assert incident.fatalities_reported == (14, 16)


def test_only_incidents_near_in_date_are_rebuilt_and_undated_mentions_stay_apart(
    store: Store,
) -> None:
    later = When(date=dt.date(2020, 4, 20), precision=1)
    store_mentions(
        store,
        [mention("a", "wire"), mention("z", "wire", when=later)],
        [document("wire")],
    )
    _corroborate(store)
    store_mentions(
        store,
        [mention("u", "agency", when=When()), mention("b", "agency")],
        [document("agency")],
    )
    summary = _corroborate(store)
    assert (summary.new_incidents, summary.joined) == (1, 1)  # the undated one stands alone
    with store.session() as s:
        sizes = sorted(len(i.mentions) for i in effective_incidents(s))
    assert sizes == [1, 1, 2]


def test_claims_and_denials_are_kept_with_who_made_them(store: Store) -> None:
    claim = Claim(by="Syrian Civil Defence", kind="claim", text="said the strike killed 14")
    no = denial("Military Forces of Russia", "no Russian aircraft flew over Ariha")
    store_mentions(
        store,
        [mention("a", "wire", claims=(claim,)), mention("b", "agency", claims=(no,))],
        [document("wire"), document("agency")],
    )
    _corroborate(store)
    assert set(_only_incident(store).claims) == {claim, no}


def _one_incident(store: Store, **changes: Any) -> None:
    store_mentions(store, [mention("x", "wire", **changes)], [document("wire")])
    _save_agreement(store)
    _corroborate(store)
    _assess(store)


@pytest.mark.parametrize(("metres", "code"), [(-1.0, "violation"), (1.0, "outside_area")])
def test_stored_verdict_one_metre_either_side_of_the_corridor(
    store: Store, metres: float, code: str
) -> None:
    _one_incident(store, where=_north_of_road_at(6.0 + metres / 1000))
    assert _verdicts(store)["m4-corridor"] == code


@pytest.mark.parametrize(
    ("clock", "code"), [(dt.time(0, 0), "not_in_force"), (dt.time(0, 2), "violation")]
)
def test_stored_verdict_one_minute_either_side_of_the_start(
    store: Store, clock: dt.time, code: str
) -> None:
    _one_incident(store, when=When(date=dt.date(2020, 3, 6), precision=1, time=clock))
    assert _verdicts(store) == {"ceasefire": code, "m4-corridor": code}


@pytest.mark.parametrize(
    ("precision", "code"), [(1, "violation"), (2, "possible_violation"), (3, "possible_violation")]
)
def test_stored_verdict_at_each_geo_precision(store: Store, precision: int, code: str) -> None:
    lat, lon = bearing_point(ON_ROAD, 0.0, 3.0)  # 3 km inside the corridor's edge
    _one_incident(store, where=Where(name="p", latitude=lat, longitude=lon, precision=precision))
    assert _verdicts(store)["m4-corridor"] == code


def test_assessing_twice_writes_nothing_new(store: Store) -> None:
    _one_incident(store)
    before = _snapshot(store)
    summary = _assess(store)
    assert summary.written == 0 and summary.verdicts == 2
    assert summary.by_code == {"violation": 2}
    assert summary.by_provision == {
        "moscow-2020/ceasefire": {"violation": 1},
        "moscow-2020/m4-corridor": {"violation": 1},
    }
    assert _snapshot(store) == before


def _review(store: Store, action: Any, value: str | None = None, **kw: Any) -> Any:
    with store.session() as s:
        [incident] = effective_incidents(s)
        return add_review(s, incident.id[:8], action, "Ana Analyst", value=value, **kw)


def test_moving_an_incident_into_the_corridor_makes_it_a_violation(store: Store) -> None:
    north = Where(
        name="Somewhere", latitude=NORTH_OF_ARIHA[0], longitude=NORTH_OF_ARIHA[1], precision=1
    )
    _one_incident(store, where=north)
    assert _verdicts(store) == {"ceasefire": "violation", "m4-corridor": "outside_area"}
    outcome = _review(store, "set_place", "Ariha", note="the strike hit the town itself")
    assert outcome.incident.where.latitude == pytest.approx(ARIHA[0])
    assert outcome.incident.review_status == "corrected"
    assert _verdicts(store) == {"ceasefire": "violation", "m4-corridor": "violation"}
    # The machine's record is untouched: the review only overrides it.
    with store.session() as s:
        row = s.scalars(select(Incident)).one()
        assert (row.latitude, row.location, row.review_status) == (
            NORTH_OF_ARIHA[0],
            "Somewhere",
            "corrected",
        )


def test_a_date_before_the_start_makes_it_not_in_force(store: Store) -> None:
    _one_incident(store)
    _review(store, "set_date", "2020-03-05")
    assert _verdicts(store) == {"ceasefire": "not_in_force", "m4-corridor": "not_in_force"}


def test_a_rejected_incident_has_no_verdicts_and_its_trail_stays(store: Store) -> None:
    _one_incident(store)
    _review(store, "reject", note="the report describes a drill")
    assert _verdicts(store) == {}
    summary = _assess(store)
    assert (summary.rejected, summary.verdicts) == (1, 0)
    with store.session() as s:
        assert list_incidents(s, IncidentQuery(verdict="violation")) == []
        [listed] = list_incidents(s)
        assert listed.incident.review_status == "rejected" and listed.verdicts == ()
        _, trail = review_history(s, listed.incident.id[:10])
    assert [(r.action, r.reviewer, r.note) for r in trail] == [
        ("reject", "Ana Analyst", "the report describes a drill")
    ]
    _review(store, "confirm")  # an analyst may change their mind: verdicts come back
    assert _verdicts(store) == {"ceasefire": "violation", "m4-corridor": "violation"}
    with store.session() as s:
        assert s.scalars(select(ReviewRow.action).order_by(ReviewRow.at)).all() == [
            "reject",
            "confirm",
        ]


def test_attribution_to_an_unbound_group_makes_it_not_covered(store: Store) -> None:
    _one_incident(store, actor1="Unidentified Armed Group (Syria)")
    assert _verdicts(store)["ceasefire"] == "possible_violation"
    _review(store, "attribute", "Hayat Tahrir al-Sham")
    assert _verdicts(store)["ceasefire"] == "not_covered"


def test_reviews_apply_in_time_order_and_the_latest_sets_the_status() -> None:
    incident = summarize(Cluster("i", [mention("x", "wire")]))
    t = dt.datetime(2020, 3, 10, tzinfo=dt.UTC)
    reviews = [
        Review(action="confirm", reviewer="b", at=t + dt.timedelta(hours=2)),
        Review(action="set_date", payload={"date": "2020-03-07"}, reviewer="a", at=t),
        Review(
            action="set_date",
            payload={"date": "2020-03-08"},
            reviewer="a",
            at=t + dt.timedelta(hours=1),
        ),
    ]
    effective_incident = apply_reviews(incident, reviews)
    assert effective_incident.when == When(date=dt.date(2020, 3, 8), precision=1)
    assert effective_incident.review_status == "confirmed"
    assert incident.when.date == dt.date(2020, 3, 9)  # the machine's record is unchanged


@pytest.fixture
def own_postgres(postgres_url: str) -> Iterator[str]:
    """A database of its own on the session's PostgreSQL server, dropped afterwards."""
    url = make_url(postgres_url)
    name = f"tw_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        yield url.set(database=name).render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE {name}")
    finally:
        admin.dispose()


@pytest.mark.postgres
def test_corroborate_then_assess_then_review_on_postgresql(own_postgres: str) -> None:
    store = open_store(own_postgres)
    try:
        store_mentions(
            store,
            [mention("pa", "pg-wire", fatalities=3), mention("pb", "pg-agency", fatalities=5)],
            [document("pg-wire"), document("pg-agency")],
        )
        _save_agreement(store)
        summary = _corroborate(store)
        assert (summary.mentions, summary.new_incidents) == (2, 1)
        verdicts = _assess(store)
        assert verdicts.by_code == {"violation": 2}
        with store.session() as s:
            [listed] = list_incidents(s)
        assert listed.incident.fatalities_reported == (3, 5)
        assert {v.code for v in listed.verdicts} == {"violation"}
        _review(store, "set_date", "2020-03-05")
        assert _verdicts(store) == {"ceasefire": "not_in_force", "m4-corridor": "not_in_force"}
        before = _snapshot(store)
        assert _corroborate(store).mentions == 0 and _assess(store).written == 0
        assert _snapshot(store) == before
    finally:
        store.close()


@pytest.mark.postgres
def test_two_corroborations_at_once_on_postgresql_take_turns(own_postgres: str) -> None:
    store = open_store(own_postgres)
    try:
        store_mentions(store, [mention("ta", "turn-wire")], [document("turn-wire")])
        results: list[Any] = []
        with store.session() as first:
            assert corroborate_stored(first).new_incidents == 1  # holds the stage, uncommitted
            second = threading.Thread(target=lambda: results.append(_corroborate(store)))
            second.start()
            second.join(timeout=2)
            assert second.is_alive(), "the second run went ahead while the first held the stage"
        second.join(timeout=60)
        assert not second.is_alive()
        [after] = results
        assert after.mentions == 0  # it saw the first run's incident, not the same mentions
        with store.session() as s:
            assert len(effective_incidents(s)) == 1
    finally:
        store.close()


def test_the_stored_stage_forms_the_incidents_the_pure_stage_forms(store: Store) -> None:
    """Every case of cases/corroborate.yaml at once: grouping by date changes nothing."""
    mentions, documents = [], {}
    for k, case in enumerate(CASES):
        for row in case["mentions"]:
            doc, group = f"{k}-{row['doc']}", row.get("source") and f"{k}-{row['source']}"
            documents[doc] = document(doc, group=group)
            record = case_mention(row)
            mentions.append(
                record.model_copy(
                    update={
                        "id": f"{k}-{record.id}",
                        "document_id": doc_id(doc),
                        "source": documents[doc].near_duplicate_group,
                        "evidence": (),
                    }
                )
            )
    store_mentions(store, mentions, documents.values())
    summary = _corroborate(store)
    expected = sorted(sorted(m.id for m in c.mentions) for c in corroborate(mentions))
    with store.session() as s:
        stored = sorted(sorted(i.mentions) for i in effective_incidents(s))
    assert stored == expected
    assert summary.new_incidents == len(expected)


@pytest.mark.parametrize(
    "query",
    [
        IncidentQuery(since=dt.date(2020, 3, 9)),
        IncidentQuery(until=dt.date(2020, 3, 8)),
        IncidentQuery(since=dt.date(2020, 3, 1), until=dt.date(2020, 3, 6)),
        IncidentQuery(near=(ARIHA[0], ARIHA[1], 1.0)),
        IncidentQuery(near=(ARIHA[0], ARIHA[1], 25.0)),
        IncidentQuery(near=(35.99, 36.61, 3.0)),
        IncidentQuery(near=(0.0, 0.0, 20000.0)),
        IncidentQuery(verdict="violation"),
        IncidentQuery(verdict="not_in_force", since=dt.date(2020, 3, 1)),
    ],
)
def test_filters_read_from_the_store_agree_with_filters_on_every_incident(
    store: Store, query: IncidentQuery
) -> None:
    """The store narrows the candidates; the answer is that of the filter on all of them,
    reviewed incidents included (one is moved to Ariha, one dated before the start)."""
    days = [dt.date(2020, 3, d) for d in (5, 7, 9, 12)]
    places = [ARIHA, NORTH_OF_ARIHA, (35.8692, 36.7183), (36.2, 36.9)]
    mentions = [
        mention(
            f"f{i}",
            "wire",
            when=When(date=day, precision=1),
            where=Where(name=f"p{i}", latitude=lat, longitude=lon, precision=1),
        )
        for i, (day, (lat, lon)) in enumerate(zip(days, places, strict=True))
    ]
    store_mentions(store, mentions, [document("wire")])
    _save_agreement(store)
    _corroborate(store)
    _assess(store)
    with store.session() as s:
        by_name = {i.where.name: i.id for i in effective_incidents(s)}
        add_review(s, by_name["p1"], "set_place", "Ana", value="Ariha")
        add_review(s, by_name["p3"], "set_date", "Ana", value="2020-03-05")
        everything = list_incidents(s)
        found = list_incidents(s, query)
    expected = [item for item in everything if query.matches(item.incident, item.verdicts)]
    assert found == expected


def _code_examples(store: Store, extractor: Any, names: list[str]) -> None:
    from trucewatch.extract.stored import extract_stored
    from trucewatch.ingest import ingest

    ingest([str(EXAMPLE / "reports" / name) for name in names], store)
    extract_stored(store, extractor)
    _corroborate(store)


def test_a_new_extractor_version_replaces_its_mentions_in_the_incidents(store: Store) -> None:
    from trucewatch.extract.mentions import Extractor

    old = Extractor.load([AGREEMENT])
    names = [
        "03-shelling-kansafra-a.txt",
        "04-shelling-kansafra-b.txt",
        "07-attack-turkish-soldiers.txt",
    ]
    _code_examples(store, old, names)
    with store.session() as s:
        before = {i.where.name: i for i in effective_incidents(s)}
    assert before["Kansafra"].sources == 2 and len(before["Kansafra"].mentions) == 2
    # An analyst confirms the attack on the soldiers; nobody reviews the shelling.
    with store.session() as s:
        add_review(s, before["Idlib"].id[:8], "confirm", "Ana Analyst")
    new = Extractor(old.gazetteer, old.finder, old.timezone, version="rules-next")
    _code_examples(store, new, names)
    with store.session() as s:
        after = effective_incidents(s)
        versions = {r.id: r.extractor_version for r in s.scalars(select(MentionRow))}
    # The old version's mentions are gone, but for the one the analyst's decision rests on.
    assert sorted(versions.values()).count(old.version) == 1
    shelling = [i for i in after if i.where.name == "Kansafra"]
    assert len(shelling) == 1 and len(shelling[0].mentions) == 2  # no duplicate incident
    assert shelling[0].fatalities_reported == (2, 3)
    # The reviewed incident stays, and the new mention joins it.
    [soldiers] = [i for i in after if i.where.name == "Idlib"]
    assert soldiers.id == before["Idlib"].id and soldiers.review_status == "confirmed"
    assert {versions[m] for m in soldiers.mentions} == {old.version, new.version}
    assert soldiers.sources == 1  # one report, coded twice
