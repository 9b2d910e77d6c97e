"""The stored stages from the command line: corroborate, assess, incidents, review, report."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLE, need_shared
from tests.stored import NORTH_OF_ARIHA, NOW, document, mention, store_mentions
from tests.test_report_exports import _features
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.cli._common import console
from trucewatch.records import When, Where
from trucewatch.report.exports import ACLED_COLUMNS
from trucewatch.store import Incident, Patrol, Store
from trucewatch.store.convert import incident_row

runner = CliRunner()
STRIKE = "Jets struck <script>alert(1)</script> Ariha."
AGREEMENT = str(EXAMPLE / "agreement.yaml")
FIELDS = [
    "id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "actor2",
    "location", "latitude", "longitude", "geo_precision", "country", "fatalities",
    "fatalities_reported", "sources", "mentions", "verdicts", "review_status",
]  # fmt: skip


def _run(store: Store, *args: str) -> Any:
    result = runner.invoke(app, [*args, "--db", store.url])
    assert "Traceback" not in result.output
    return result


def _json(store: Store, *args: str) -> Any:
    result = _run(store, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def stocked(store: Store) -> Store:
    """Three incidents judged: a strike in Ariha (14 or 16 killed), one 16 km north of the M4
    on 12 March, and a protest in Nayrab on 15 March."""
    north = Where(name="Kafr Najd", latitude=NORTH_OF_ARIHA[0], longitude=NORTH_OF_ARIHA[1])
    nayrab = Where(name="Nayrab", latitude=35.8692, longitude=36.7183, precision=1)
    store_mentions(
        store,
        [
            mention(
                "a", "wire", fatalities=14, text="Jets struck <script>alert(1)</script> Ariha."
            ),
            mention("b", "agency", fatalities=16),
            mention(
                "n",
                "wire",
                where=north.model_copy(update={"precision": 1}),
                when=When(date=dt.date(2020, 3, 12), precision=1),
            ),
            mention(
                "p",
                "agency",
                event_type="Protests",
                sub_event_type="Peaceful protest",
                actor1="Protesters (Syria)",
                actor2=None,
                where=nayrab,
                when=When(date=dt.date(2020, 3, 15), precision=1),
            ),
        ],
        [document("wire"), document("agency")],
    )
    assert _json(store, "corroborate")["new_incidents"] == 3
    out = _json(store, "assess", "--agreement", AGREEMENT)
    assert out["by_code"] == {"violation": 3, "outside_area": 1, "not_covered": 2}
    assert out["by_provision"]["moscow-2020/m4-corridor"] == {
        "violation": 1,
        "outside_area": 1,
        "not_covered": 1,
    }
    return store


def _by_place(store: Store) -> dict[str, dict[str, Any]]:
    return {i["location"]: i for i in _json(store, "incidents")}


def test_incidents_json_has_exactly_the_documented_fields(stocked: Store) -> None:
    found = _json(stocked, "incidents")
    assert [i["location"] for i in found] == ["Ariha", "Kafr Najd", "Nayrab"]
    for item in found:
        assert list(item) == FIELDS
    ariha = found[0]
    assert ariha["event_date"] == "2020-03-09" and ariha["fatalities"] == 14
    assert ariha["fatalities_reported"] == [14, 16]
    assert (ariha["sources"], ariha["mentions"], ariha["review_status"]) == (2, 2, "machine")
    assert {(v["agreement"], v["provision"], v["code"]) for v in ariha["verdicts"]} == {
        ("moscow-2020", "ceasefire", "violation"),
        ("moscow-2020", "m4-corridor", "violation"),
    }
    assert all(v["reasons"] and 0 < v["confidence"] <= 1 for v in ariha["verdicts"])


@pytest.mark.parametrize(
    ("args", "places"),
    [
        (["--since", "2020-03-10"], ["Kafr Najd", "Nayrab"]),
        (["--until", "2020-03-12"], ["Ariha", "Kafr Najd"]),
        (["--since", "2020-03-12", "--until", "2020-03-12"], ["Kafr Najd"]),
        (["--verdict", "outside_area"], ["Kafr Najd"]),
        (["--verdict", "not_covered"], ["Nayrab"]),
        (["--near", "35.81,36.61,5"], ["Ariha"]),
        (["--near", "35.81,36.61,25"], ["Ariha", "Kafr Najd", "Nayrab"]),
    ],
)
def test_incidents_filters(stocked: Store, args: list[str], places: list[str]) -> None:
    assert [i["location"] for i in _json(stocked, "incidents", *args)] == places


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "9 March"], "--since: expected a day as YYYY-MM-DD, found '9 March'"),
        (["--verdict", "bad"], "--verdict: no verdict 'bad'; the verdicts: violation,"),
        (["--near", "35.8,36.6"], "--near: expected LAT,LON,KM such as 35.81,36.61,10"),
        (["--near", "95,36.6,3"], "latitude must be within -90..90"),
        (["--since", "2020-03-12", "--until", "2020-03-01"], "is before --since"),
    ],
)
def test_bad_filters_exit_2_with_a_message(store: Store, args: list[str], message: str) -> None:
    result = _run(store, "incidents", *args)
    assert result.exit_code == 2
    assert message in result.stderr


def test_incidents_table_shows_the_figures(stocked: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console, "_width", 200)
    result = runner.invoke(app, ["incidents", "--db", stocked.url])
    assert result.exit_code == 0, result.output
    assert "14 (14/16 reported)" in result.stdout
    assert "m4-corridor: outside_area" in result.stdout
    assert "3 incidents, 2 with a violation" in result.stdout


def test_set_place_moves_the_incident_into_the_corridor_and_history_shows_it(
    stocked: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "_width", 200)
    north = _by_place(stocked)["Kafr Najd"]
    assert {v["provision"]: v["code"] for v in north["verdicts"]}["m4-corridor"] == "outside_area"
    result = _run(
        stocked,
        "review",
        north["id"][:10],
        "--set-place",
        "Ariha",
        "--by",
        "Ana Analyst",
        "--note",
        "the photographs show Ariha's market",
    )
    assert result.exit_code == 0, result.output
    assert "place set to Ariha" in result.stdout and "now corrected" in result.stdout
    moved = next(i for i in _json(stocked, "incidents") if i["id"] == north["id"])
    assert moved["location"] == "Ariha" and moved["review_status"] == "corrected"
    assert {v["provision"]: v["code"] for v in moved["verdicts"]} == {
        "ceasefire": "violation",
        "m4-corridor": "violation",
    }
    history = _json(stocked, "review", north["id"][:10], "--history")
    assert history["incident"] == north["id"]
    [entry] = history["reviews"]
    assert entry["by"] == "Ana Analyst"
    assert entry["note"] == "the photographs show Ariha's market"
    assert entry["what"].startswith("place set to Ariha (35.81374, 36.60964")
    at = dt.datetime.fromisoformat(entry["at"])
    assert at.utcoffset() == dt.timedelta(0) and at > NOW
    text = runner.invoke(app, ["review", north["id"][:10], "--history", "--db", stocked.url])
    assert "Ana Analyst" in text.stdout and "Ariha's market" in text.stdout
    assert re.search(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text.stdout)


def test_set_date_before_the_start_makes_it_not_in_force(stocked: Store) -> None:
    ariha = _by_place(stocked)["Ariha"]
    args = ["review", ariha["id"][:8], "--set-date", "2020-03-05", "--by", "Ana", "--json"]
    out = json.loads(_run(stocked, *args).stdout)
    assert out["incident"]["event_date"] == "2020-03-05"
    assert {v["code"] for v in out["incident"]["verdicts"]} == {"not_in_force"}
    assert out["review"]["what"] == "date set to 2020-03-05"


def test_set_place_by_coordinates_with_a_precision(stocked: Store) -> None:
    ariha = _by_place(stocked)["Ariha"]
    args = ["review", ariha["id"], "--set-place", "35.99,36.61,3", "--by", "Ana", "--json"]
    out = json.loads(_run(stocked, *args).stdout)["incident"]
    assert (out["latitude"], out["longitude"], out["geo_precision"]) == (35.99, 36.61, 3)
    # 16 km off the M4 but known only to ±50 km: the corridor can no longer be ruled out.
    codes = {v["provision"]: v["code"] for v in out["verdicts"]}
    assert codes["m4-corridor"] == "possible_violation"


def test_rejected_incidents_lose_their_verdicts_and_leave_the_report(
    stocked: Store, tmp_path: Path
) -> None:
    ariha = _by_place(stocked)["Ariha"]
    result = _run(stocked, "review", ariha["id"][:8], "--reject", "--by", "Ana", "--note", "hoax")
    assert result.exit_code == 0, result.output
    assert _by_place(stocked)["Ariha"]["verdicts"] == []
    violations = _json(stocked, "incidents", "--verdict", "violation")
    assert [i["location"] for i in violations] == ["Kafr Najd"]
    out = tmp_path / "r.csv"
    assert _run(stocked, "report", "--format", "csv", "--out", str(out)).exit_code == 0
    assert [r["location"] for r in csv.DictReader(out.open())] == ["Kafr Najd", "Nayrab"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["ffffffffff", "--confirm", "--by", "Ana"],
            "Error: no incident id starts with ffffffffff",
        ),
        (["abcd", "--confirm", "--by", "Ana"], "Error: incident id prefix abcd is ambiguous"),
        (["xyz!", "--history"], "expected an incident id or a prefix of at least 4 hex digits"),
        (["abcd1", "--confirm"], "say who reviews with --by NAME"),
        (["abcd1", "--by", "Ana"], "give exactly one of --confirm, --reject"),
        (["abcd1", "--set-date", "5 March", "--by", "Ana"], "expected a day as YYYY-MM-DD"),
        (["abcd1", "--set-place", "Atlantisvillexq", "--by", "Ana"], "no place 'Atlantisvillexq'"),
        (["abcd1", "--set-place", "35.8,36.6,7", "--by", "Ana"], "precision must be 1"),
    ],
)
def test_review_errors_exit_2_without_a_traceback(
    store: Store, args: list[str], message: str
) -> None:
    with store.session() as s:  # two incidents whose ids share the prefix abcd
        s.add_all(_bare_incident("abcd" + digit * 60) for digit in "12")
    result = _run(store, "review", *args)
    assert result.exit_code == 2, result.output
    assert message in result.output


def _bare_incident(incident_id: str) -> Incident:
    from trucewatch.records import Incident as IncidentRecord

    record = IncidentRecord(
        id=incident_id,
        event_type="Battles",
        sub_event_type="Armed clash",
        when=When(date=dt.date(2020, 3, 9), precision=1),
        where=Where(),
    )
    return incident_row(record, NOW)


def test_assess_without_any_agreement_is_a_clear_error(store: Store) -> None:
    result = _run(store, "assess")
    assert result.exit_code == 2
    assert "no agreement is stored to judge against; give one with --agreement FILE" in (
        result.stderr
    )


def test_the_html_report_escapes_report_text_and_shows_patrols(
    stocked: Store, tmp_path: Path
) -> None:
    with stocked.session() as s:
        s.add(
            Patrol(
                id="p" * 64,
                agreement_key="moscow-2020",
                provision_id="m4-joint-patrols",
                patrol_date=dt.date(2020, 3, 15),
                from_km=0.0,
                to_km=20.0,
                completed=False,
                parties=["russia", "turkey"],
                sources=["TASS"],
                origin="report",
                note="stopped by a sit-in <b>near</b> Nayrab",
                created_at=NOW,
            )
        )
    out = tmp_path / "report.html"
    result = _run(stocked, "report", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert f"wrote {out}: 3 incidents, 6 verdicts" in result.stdout
    html = out.read_text()
    assert "<script>alert" not in html
    assert "Jets struck &lt;script&gt;alert(1)&lt;/script&gt; Ariha." in html
    assert "stopped by a sit-in &lt;b&gt;near&lt;/b&gt; Nayrab" in html
    assert "sources disagree" in html
    assert "Additional Protocol on the Idlib de-escalation area" in html


def test_report_defaults_to_html_in_the_current_folder(
    stocked: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert _run(stocked, "report").exit_code == 0
    assert (tmp_path / "trucewatch-report.html").read_text().startswith("<!doctype html>")


def test_exports_read_back_in_gdal_and_the_csv_in_acled_form(
    stocked: Store, tmp_path: Path
) -> None:
    paths = {}
    for fmt in ("csv", "geojson", "kml"):
        paths[fmt] = tmp_path / f"incidents.{fmt}"
        result = _run(stocked, "report", "--format", fmt, "--out", str(paths[fmt]))
        assert result.exit_code == 0, result.output
    geojson = _features(paths["geojson"])
    assert "Feature Count: 3" in geojson
    assert "POINT (36.60964 35.81374)" in geojson
    assert "location (String) = Ariha" in geojson
    kml = _features(paths["kml"])
    assert "Feature Count: 3" in kml and "POINT (36.60964 35.81374" in kml
    points = _features(
        paths["csv"], "-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude"
    )
    assert "Feature Count: 3" in points and "POINT (36.6096 35.8137)" in points
    text = paths["csv"].read_text()
    with need_shared("data", "acled", "acled-2020-04-27_2020-05-09-except-syria.csv").open() as f:
        acled_header = next(csv.reader(f))
    assert next(csv.reader(io.StringIO(text)))[: len(ACLED_COLUMNS)] == acled_header
    ariha = next(r for r in csv.DictReader(io.StringIO(text)) if r["location"] == "Ariha")
    assert ariha["event_date"] == "9-Mar-20" and ariha["fatalities"] == "14"
    assert ariha["fatalities_reported"] == "14;16" and ariha["sources"] == "2"


def test_pdf_without_weasyprint_is_a_clear_error(
    stocked: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint fails
    out = tmp_path / "report.pdf"
    result = _run(stocked, "report", "--format", "pdf", "--out", str(out))
    assert result.exit_code == 2
    assert "Error: PDF output needs WeasyPrint" in result.stderr
    assert "or choose --format html" in result.stderr
    assert not out.exists()


def test_corroborate_twice_reports_nothing_new(stocked: Store) -> None:
    out = _json(stocked, "corroborate")
    assert out == {
        "mentions": 0,
        "new_incidents": 0,
        "joined_existing": 0,
        "updated_incidents": 0,
        "conflicting_fatalities": [],
    }
    assert _json(stocked, "assess")["written"] == 0


def test_set_place_falls_back_to_the_world_gazetteer(stocked: Store) -> None:
    ariha = _by_place(stocked)["Ariha"]
    args = ["review", ariha["id"][:8], "--set-place", "Kafranbel", "--by", "Ana", "--json"]
    out = json.loads(_run(stocked, *args).stdout)
    assert out["review"]["payload"]["resolved"].startswith("gazetteer ")
    incident = out["incident"]
    assert (incident["location"], incident["country"], incident["geo_precision"]) == (
        "Kafranbel",
        "SY",
        1,
    )
    codes = {v["provision"]: v["code"] for v in incident["verdicts"]}
    assert codes == {"ceasefire": "violation", "m4-corridor": "outside_area"}  # 20 km south
