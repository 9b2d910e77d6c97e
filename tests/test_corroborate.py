"""Corroboration by ACLED's rule (cases in cases/corroborate.yaml), and its increments."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from trucewatch.corroborate import Cluster, corroborate, summarize
from trucewatch.records import Mention, When, Where
from trucewatch.taxonomy import event_type_of

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "corroborate.yaml").read_text())


def _mention(row: dict[str, Any]) -> Mention:
    if "range" in row:
        first, last = row["range"]
        when = When(date=first + (last - first) // 2, start=first, end=last, precision=2)
    else:
        when = When(date=row["day"], precision=1)
    lat, lon, precision, *admin = row["place"]
    return Mention(
        id=row["id"],
        document_id=row["doc"],
        source=row.get("source"),
        event_type=event_type_of(row["type"]),
        sub_event_type=row["type"],
        actor1=row.get("actor1"),
        actor2=row.get("actor2"),
        when=when,
        where=Where(
            name=f"p-{row['id']}",
            latitude=lat,
            longitude=lon,
            precision=precision,
            admin1=admin[0] if admin else None,
        ),
        fatalities=row.get("fatalities"),
    )


def _groups(clusters: list[Cluster]) -> list[list[str]]:
    return sorted(sorted(m.id for m in c.mentions) for c in clusters)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_mentions_become_incidents(case: dict[str, Any]) -> None:
    mentions = [_mention(r) for r in case["mentions"]]
    clusters = corroborate(mentions)
    expect = case["expect"]
    assert _groups(clusters) == sorted(sorted(g) for g in expect["groups"])
    ordered = sorted(clusters, key=lambda c: sorted(m.id for m in c.mentions))
    incidents = [summarize(c) for c in ordered]
    if "fatalities" in expect:
        assert [i.fatalities for i in incidents] == expect["fatalities"]
    if "reported" in expect:
        assert [list(i.fatalities_reported) for i in incidents] == expect["reported"]
    if "sources" in expect:
        assert [i.sources for i in incidents] == expect["sources"]
    if "dates" in expect:
        assert [i.when.date for i in incidents] == expect["dates"]
    if "names" in expect:
        assert sorted(i.where.name or "" for i in incidents) == expect["names"]


def test_the_order_of_mentions_does_not_change_the_incidents() -> None:
    mentions = [
        _mention(r)
        for case in CASES
        for r in case["mentions"]
        if case["name"].startswith("conflicting")
    ]
    forward = corroborate(mentions)
    backward = corroborate(list(reversed(mentions)))
    assert _groups(forward) == _groups(backward)
    assert {c.id for c in forward} == {c.id for c in backward}


def test_corroboration_is_incremental_and_idempotent() -> None:
    case = next(c for c in CASES if c["name"].startswith("two outlets"))
    first, second = (_mention(r) for r in case["mentions"])
    clusters = corroborate([first])
    (incident_id,) = [c.id for c in clusters]
    clusters = corroborate([second], clusters)  # a new report joins the existing incident
    assert [c.id for c in clusters] == [incident_id]
    assert summarize(clusters[0]).sources == 2
    again = corroborate([first, second], clusters)  # rerunning adds nothing
    assert _groups(again) == _groups(clusters)


def test_the_confidence_grows_with_independent_sources() -> None:
    a = _mention(
        {
            "id": "a",
            "doc": "d1",
            "type": "Armed clash",
            "day": dt.date(2020, 3, 5),
            "place": [35.86, 36.8, 1],
        }
    )
    a = a.model_copy(update={"confidence": 0.6})
    b = a.model_copy(update={"id": "b", "document_id": "d2"})
    (one,) = corroborate([a])
    (two,) = corroborate([a, b])
    assert summarize(one).confidence == pytest.approx(0.6)
    assert summarize(two).confidence == pytest.approx(0.84)
