"""Patrols end to end: example reports and a GPX track ingested, placed, listed, rerun."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from conftest import EXAMPLE
from trucewatch.agreements import load_agreement
from trucewatch.cli import app
from trucewatch.errors import InputError
from trucewatch.ingest import ingest
from trucewatch.ingest.readers.gpx import parse_gpx
from trucewatch.store import Patrol, Store

runner = CliRunner()
AGREEMENT = load_agreement(EXAMPLE / "agreement.yaml")


def _fix(place_id: str, minute: int) -> str:
    place = AGREEMENT.place(place_id)
    return (
        f'<trkpt lat="{place.lat}" lon="{place.lon}">'
        f"<time>2020-03-26T07:{minute:02d}:00Z</time></trkpt>"
    )


# Out along the M4 from Trumba past Nayrab to Ariha, and back to Nayrab.
TRACK = (
    '<?xml version="1.0"?><gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
    "<trk><name>Thursday run</name><trkseg>"
    + "".join(
        _fix(p, m) for p, m in [("trumba", 0), ("nayrab", 10), ("ariha-m4", 30), ("nayrab", 50)]
    )
    + "</trkseg></trk></gpx>"
)
AWAY = (
    '<gpx><trk><trkseg><trkpt lat="36.2" lon="37.1"><time>2020-03-26T07:00:00Z</time>'
    "</trkpt></trkseg></trk></gpx>"
)


def _patrols(db: str, *extra: str) -> dict[str, object]:
    done = runner.invoke(app, ["patrols", "--db", db, "--json", *extra])
    assert done.exit_code == 0, done.output
    found: dict[str, object] = json.loads(done.stdout)
    return found


def _count(store: Store) -> int:
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(Patrol)) or 0)


def test_reports_and_a_track_placed_listed_with_coverage_and_rerun_adds_nothing(
    tmp_path: Path, store: Store
) -> None:
    (tmp_path / "thursday.gpx").write_text(TRACK, encoding="utf-8")
    (tmp_path / "broken.gpx").write_text("<gpx><trk><trkseg>", encoding="utf-8")
    result = ingest([str(EXAMPLE / "reports"), str(tmp_path)], store)
    assert [f.source for f in result.failed] == [str(tmp_path / "broken.gpx")]
    assert "not well-formed XML" in result.failed[0].error
    assert len(result.tracks) == 1 and len(result.ingested) == 10

    listing = _patrols(store.url, "--agreement", str(EXAMPLE / "agreement.yaml"))
    patrols = listing["patrols"]
    assert isinstance(patrols, list)
    by_date = {p["date"]: p for p in patrols}
    assert sorted(by_date) == ["2020-03-15", "2020-03-23", "2020-03-26"]
    nayrab, ariha, tracked = by_date["2020-03-15"], by_date["2020-03-23"], by_date["2020-03-26"]
    assert nayrab["status"] == "cut short" and nayrab["from_km"] == 0.0
    assert nayrab["to_km"] == pytest.approx(4.6, abs=0.1)  # Nayrab's foot on the M4
    assert ariha["status"] == "completed" and ariha["from_km"] == 0.0
    assert ariha["to_km"] == pytest.approx(16.1, abs=0.2)
    assert ariha["parties"] == ["russia", "turkey"]
    assert ariha["sources"][0]["outlet"] == "Example Wire (illustrative)"
    assert tracked["origin"] == ["track"]
    assert tracked["from_km"] == pytest.approx(0.0, abs=0.01)
    assert tracked["to_km"] == pytest.approx(15.7, abs=0.1)  # the M4 at Ariha, not Nayrab
    [route] = listing["coverage"]  # type: ignore[misc]
    assert route["provision"] == "m4-joint-patrols"
    weeks = {w["week_start"]: w for w in route["weeks"]}
    assert weeks["2020-03-09"]["cut_short"] == 1
    assert weeks["2020-03-23"]["patrols"] == 2
    assert weeks["2020-03-23"]["covered_km"] == pytest.approx(ariha["to_km"], abs=0.01)
    assert listing["placed"]["added"] == 3  # type: ignore[index]

    before = _count(store)
    again = _patrols(store.url)
    assert again["placed"]["added"] == 0 and again["placed"]["updated"] == 0  # type: ignore[index]
    assert _count(store) == before == 3
    assert again["patrols"] == listing["patrols"]


def test_ingest_reports_where_each_track_lies(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.db")
    assert (
        runner.invoke(
            app, ["patrols", "--db", db, "--agreement", str(EXAMPLE / "agreement.yaml")]
        ).exit_code
        == 0
    )
    (tmp_path / "on.gpx").write_text(TRACK, encoding="utf-8")
    (tmp_path / "off.gpx").write_text(AWAY, encoding="utf-8")
    done = runner.invoke(
        app, ["ingest", str(tmp_path / "on.gpx"), str(tmp_path / "off.gpx"), "--db", db, "--json"]
    )
    assert done.exit_code == 0, done.output
    summary = json.loads(done.stdout)
    assert {"ingested", "already_stored", "near_duplicate_groups", "undated", "failed"} <= set(
        summary
    )
    on, off = summary["patrol_tracks"]
    assert [p["provision"] for p in on["placed"]] == ["m4-joint-patrols"]
    assert off["placed"] == []
    assert off["note"] == "not on any patrol route (no fix within 2 km of one)"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            b'<?xml version="1.0"?><!DOCTYPE gpx [<!ENTITY a "aaaa">]><gpx>&a;</gpx>',
            "refused: the GPX file declares a document type or entities",
        ),
        (b"<gpx><trk>", "not well-formed XML (line 1, column 11: no element found)"),
        (b"<kml/>", "expected a GPX file (a <gpx> root element), found <kml>"),
        (
            b'<gpx><wpt lat="north" lon="36"/></gpx>',
            "bad points: <wpt> 1: lat and lon must be numbers, found lat='north' lon='36'",
        ),
        (
            b'<gpx><trk><trkseg><trkpt lat="95" lon="36"/></trkseg></trk></gpx>',
            "bad points: <trkpt> 1: lat 95.0 or lon 36.0 is out of range",
        ),
    ],
)
def test_bad_gpx_is_refused_with_the_reason(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as caught:
        parse_gpx(data)
    assert str(caught.value).startswith(message)


def test_tracks_routes_and_timed_waypoints_each_make_a_line() -> None:
    name, lines = parse_gpx(
        b"<gpx><metadata><name>Week 12</name></metadata>"
        b'<wpt lat="1" lon="2"><time>2020-03-26T09:00:00+02:00</time></wpt>'
        b'<wpt lat="3" lon="4"/>'
        b'<rte><name>Plan</name><rtept lat="5" lon="6"/></rte>'
        b'<trk><trkseg><trkpt lat="7" lon="8"/></trkseg><trkseg><trkpt lat="9" lon="10"/>'
        b"</trkseg></trk></gpx>"
    )
    assert name == "Week 12"
    assert lines == [
        ("route", "Plan", [(5.0, 6.0, None)]),
        ("track", None, [(7.0, 8.0, None), (9.0, 10.0, None)]),
        ("waypoints", None, [(1.0, 2.0, "2020-03-26T07:00:00Z")]),
    ]
