"""Agreement files: every broken file gives exit 2 and FILE:LINE:COL; valid ones compile."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from tests.conftest import EXAMPLE
from typer.testing import CliRunner

from trucewatch.agreements import CorridorTerms, load_agreement, parse_agreement
from trucewatch.cli import app
from trucewatch.errors import AgreementError

CASES = Path(__file__).parent / "cases" / "agreements"
BROKEN = sorted((CASES / "broken").glob("*.yaml"))
VALID = CASES / "valid" / "minimal.yaml"
runner = CliRunner()


def _expected(path: Path) -> str:
    for line in path.read_text().splitlines():
        if line.startswith("# expect: "):
            return line.removeprefix("# expect: ")
    raise AssertionError(f"{path} has no '# expect:' line")


def test_there_are_at_least_ten_kinds_of_broken_file() -> None:
    assert len(BROKEN) >= 10


@pytest.mark.parametrize("path", BROKEN, ids=[p.stem for p in BROKEN])
def test_a_broken_file_is_reported_at_its_line_and_column(path: Path) -> None:
    result = runner.invoke(app, ["agreement", "validate", str(path)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert lines, "no message"
    assert lines[0] == f"{path}:{_expected(path)}"
    for line in lines:
        assert line.startswith(f"{path}:"), line
    assert "Traceback" not in result.output
    assert "internal error" not in result.output


def test_a_broken_file_exits_2_from_the_real_command() -> None:
    path = CASES / "broken" / "swapped-coordinates.yaml"
    proc = subprocess.run(
        [sys.executable, "-m", "trucewatch", "agreement", "validate", str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.startswith(f"{path}:{_expected(path)}")
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("no-such-file.yaml", "1:1: no such file"),
        (".", "1:1: this is a folder; give the agreement's YAML file"),
    ],
)
def test_files_that_cannot_be_read(path: str, message: str, tmp_path: Path) -> None:
    target = str(tmp_path / path)
    result = runner.invoke(app, ["agreement", "validate", target])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{target}:{message}"


def test_binary_and_empty_files(tmp_path: Path) -> None:
    binary = tmp_path / "x.yaml"
    binary.write_bytes(b"id: x\n\xff\xfe\x00")
    with pytest.raises(AgreementError, match=r"x\.yaml:2:1: not UTF-8 text"):
        load_agreement(binary)
    with pytest.raises(AgreementError, match="the file is empty"):
        parse_agreement("# only a comment\n", "c.yaml")


def test_every_mistake_is_reported_at_once() -> None:
    text = VALID.read_text().replace("bound_parties: [north, south]", "bound_parties: [east]")
    text = text.replace("frequency: weekly", "frequency: often")
    with pytest.raises(AgreementError) as caught:
        parse_agreement(text, "two.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "two.yaml:25:21: no party with id 'east'; known parties: north, south",
        "two.yaml:44:16: frequency 'often' is not understood; write daily, weekly, "
        "fortnightly, every 3 days or every 2 weeks",
    ]
    text = VALID.read_text().replace("rules: [no_flights]", "rules: [no_fly]")
    text = text.replace("radius_km: 10", "radius_km: ten")
    with pytest.raises(AgreementError) as caught:
        parse_agreement(text, "schema.yaml")
    assert [str(p) for p in caught.value.problems] == [
        "schema.yaml:19:40: radius_km must be a number, found 'ten'",
        "schema.yaml:48:13: rules must be 'no_hostilities', 'no_heavy_weapons', 'no_forces' "
        "or 'no_flights', found 'no_fly'",
    ]


def test_the_valid_case_compiles_with_every_kind_of_provision() -> None:
    agreement = load_agreement(VALID)
    assert [p.kind for p in agreement.provisions] == ["ceasefire", "corridor", "patrol", "zone"]
    assert agreement.place("alpha").names == ("Alpha", "Alfa")
    patrol = agreement.provision("joint-patrols").terms_at()
    assert patrol.route.along_km(65.0, 26.0) == pytest.approx(0.0, abs=0.01)  # type: ignore[attr-defined]
    assert patrol.frequency == dt.timedelta(days=7)  # type: ignore[attr-defined]


HELSINKI = ZoneInfo("Europe/Helsinki")


@pytest.mark.parametrize(
    ("when", "half_width", "in_force"),
    [
        (dt.datetime(2021, 6, 2, 11, 59, tzinfo=HELSINKI), 5, False),
        (dt.datetime(2021, 6, 2, 12, 0, tzinfo=HELSINKI), 5, True),
        (dt.datetime(2021, 6, 30, 23, 59, tzinfo=HELSINKI), 5, True),
        (dt.datetime(2021, 7, 1, 0, 0, tzinfo=HELSINKI), 3, True),
        (dt.datetime(2021, 8, 31, 23, 59, tzinfo=HELSINKI), 3, True),
        (dt.datetime(2021, 9, 1, 0, 0, tzinfo=HELSINKI), 3, False),
    ],
)
def test_each_check_uses_the_terms_in_force_at_its_instant(
    when: dt.datetime, half_width: float, in_force: bool
) -> None:
    corridor = load_agreement(VALID).provision("road-corridor")
    terms = corridor.terms_at(when)
    assert isinstance(terms, CorridorTerms)
    assert terms.half_width_km == half_width
    assert corridor.in_force(when) is in_force
    # 4 km from the road: inside the first terms, outside the narrowed ones.
    assert corridor.locate(65.036, 25.5, when).inside is (half_width == 5)


def test_amendments_are_validated_as_whole_terms() -> None:
    text = VALID.read_text().replace(
        "      - effective: 2021-08-01T00:00\n        end: 2021-09-01T00:00\n",
        "      - effective: 2021-08-01T00:00\n        end: 2021-05-01T00:00\n",
    )
    with pytest.raises(AgreementError, match=r"36:14: the end \(2021-05-01T00:00\) is not after"):
        parse_agreement(text, "amended.yaml")


def test_show_lists_amendments(tmp_path: Path) -> None:
    result = runner.invoke(app, ["agreement", "show", str(VALID), "--json"])
    assert result.exit_code == 0, result.output
    import json

    info = json.loads(result.stdout)
    corridor = next(p for p in info["provisions"] if p["id"] == "road-corridor")
    assert [a["changes"] for a in corridor["amendments"]] == [
        {"half_width_km": 3},
        {"end": "2021-09-01T00:00"},
    ]
    assert corridor["amendments"][0]["effective"]["utc"] == "2021-06-30T21:00:00+00:00"
    text = runner.invoke(app, ["agreement", "show", str(VALID)]).stdout
    assert "Amendments" in text and "Narrowed" in text


def test_the_example_agreement_matches_the_facts_it_encodes() -> None:
    agreement = load_agreement(EXAMPLE / "agreement.yaml")
    damascus = ZoneInfo("Asia/Damascus")
    ceasefire = agreement.provision("ceasefire")
    assert ceasefire.base.start == dt.datetime(2020, 3, 6, 0, 1, tzinfo=damascus)
    assert ceasefire.base.approximate  # the hand-drawn area is labelled approximate
    corridor = agreement.provision("m4-corridor").terms_at()
    assert isinstance(corridor, CorridorTerms)
    assert (corridor.half_width_km, corridor.ends) == (6, "flat")
    patrols = agreement.provision("m4-joint-patrols")
    assert patrols.base.start == dt.datetime(2020, 3, 15, tzinfo=damascus)
    route = patrols.terms_at().route  # type: ignore[attr-defined]
    trumba, havr = agreement.place("trumba"), agreement.place("ain-al-havr")
    assert route.along_km(trumba.lat, trumba.lon) == pytest.approx(0.0, abs=0.01)
    assert route.along_km(havr.lat, havr.lon) == pytest.approx(route.length_km, abs=0.01)
    assert {p.id for p in agreement.parties} >= {"russia", "turkey"}


def _with_geojson(tmp_path: Path, line: dict[str, object], area: dict[str, object]) -> Path:
    (tmp_path / "road.geojson").write_text(json.dumps(line))
    (tmp_path / "region.geojson").write_text(json.dumps(area))
    text = VALID.read_text().replace("    points: [alpha, bravo]\n", "    geojson: road.geojson\n")
    text = text.replace(
        "    polygon: [{lat: 64.5, lon: 24.0}, {lat: 65.5, lon: 24.0}, {lat: 65.5, lon: 27.0}, "
        "{lat: 64.5, lon: 27.0}]\n",
        "    geojson: region.geojson\n",
    )
    path = tmp_path / "agreement.yaml"
    path.write_text(text)
    return path


ROAD = {
    "type": "Feature",
    "properties": {},
    "geometry": {"type": "LineString", "coordinates": [[25.0, 65.0], [26.0, 65.0]]},
}
REGION = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "properties": {},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[24, 64.5], [27, 64.5], [27, 65.5], [24, 65.5], [24, 64.5]]],
            },
        }
    ],
}


def test_lines_and_areas_can_come_from_geojson_beside_the_file(tmp_path: Path) -> None:
    path = _with_geojson(tmp_path, ROAD, REGION)
    agreement = load_agreement(path)
    assert agreement.lines["road"].points == ((65.0, 25.0), (65.0, 26.0))  # lon,lat read right
    assert agreement.areas["region"].locate(65.0, 25.5).inside
    first = agreement.hash
    moved = {
        **ROAD,
        "geometry": {"type": "LineString", "coordinates": [[25.0, 65.0], [26.5, 65.0]]},
    }
    assert load_agreement(_with_geojson(tmp_path, moved, REGION)).hash != first  # versioned


def test_a_geojson_file_with_the_wrong_geometry_is_reported(tmp_path: Path) -> None:
    path = _with_geojson(tmp_path, REGION, REGION)
    with pytest.raises(AgreementError) as caught:
        load_agreement(path)
    assert [p.message for p in caught.value.problems] == [
        "'road.geojson' must hold exactly one LineString, found 0"
    ]
    (tmp_path / "road.geojson").write_text("{not json")
    with pytest.raises(AgreementError, match=r"cannot read GeoJSON file 'road\.geojson'"):
        load_agreement(path)


def test_a_swapped_point_written_inline_in_a_line_is_caught() -> None:
    text = VALID.read_text().replace(
        "points: [alpha, bravo]", "points: [alpha, {lat: 25.5, lon: 65.2}, bravo]"
    )
    with pytest.raises(AgreementError, match="latitude and longitude look swapped"):
        parse_agreement(text, "inline.yaml")
