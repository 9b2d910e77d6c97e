"""Incident exports read back by real clients: GDAL's ogrinfo for GeoJSON, KML and CSV,
and ACLED's own column names and formats for the CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from tests.conftest import EXAMPLE, IN_CI, need_shared

from trucewatch.agreements import load_agreement
from trucewatch.assess import assess
from trucewatch.records import Evidence, Incident, When, Where
from trucewatch.report.exports import ACLED_COLUMNS, incidents_csv, incidents_geojson, incidents_kml

AGREEMENT = load_agreement(EXAMPLE / "agreement.yaml")
INCIDENTS = [
    Incident(
        id="a1",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        actor1="Military Forces of Russia",
        when=When(date=dt.date(2020, 3, 9), precision=1),
        where=Where(
            name="Ariha", latitude=35.81374, longitude=36.60964, precision=1, country="Syria"
        ),
        fatalities=14,
        fatalities_reported=(14, 16),
        sources=2,
        evidence=(
            Evidence(
                document_id="d1",
                text='Strike, "quoted", with; separators',
                start=0,
                end=5,
                outlet="Wire",
            ),
        ),
    ),
    Incident(
        id="a2",
        event_type="Protests",
        sub_event_type="Peaceful protest",
        when=When(date=dt.date(2020, 3, 15), precision=1),
        where=Where(name="Nayrab", latitude=35.8692, longitude=36.7183, precision=1),
    ),
    Incident(
        id="a3", event_type="Battles", sub_event_type="Armed clash", when=When(), where=Where()
    ),
]
VERDICTS = assess(INCIDENTS, [AGREEMENT])


def _ogrinfo() -> str:
    found = shutil.which("ogrinfo")
    if found is None:
        if IN_CI:
            pytest.fail("ogrinfo is not installed; .ci/run installs gdal-bin")
        pytest.skip("GDAL's ogrinfo is not installed (apt-get install gdal-bin)")
    return found


def _features(path: Path, *options: str) -> str:
    out = subprocess.run(
        [_ogrinfo(), "-ro", "-al", *options, str(path)], capture_output=True, text=True, check=True
    )
    return out.stdout


def test_the_csv_has_acled_columns_and_formats() -> None:
    text = incidents_csv(INCIDENTS, VERDICTS)
    rows = list(csv.DictReader(io.StringIO(text)))
    header = next(csv.reader(io.StringIO(text)))
    with need_shared("data", "acled", "acled-2020-04-27_2020-05-09-except-syria.csv").open() as f:
        acled_header = next(csv.reader(f))
    assert header[: len(ACLED_COLUMNS)] == acled_header
    assert rows[0]["event_date"] == "9-Mar-20"
    assert re.fullmatch(r"\d{1,2}-[A-Z][a-z]{2}-\d{2}", rows[1]["event_date"])
    assert rows[0]["fatalities"] == "14" and rows[0]["fatalities_reported"] == "14;16"
    assert rows[0]["notes"] == 'Strike, "quoted", with; separators'
    assert "moscow-2020/ceasefire=" in rows[0]["verdicts"]
    assert rows[2]["event_date"] == "" and rows[2]["latitude"] == ""


def test_geojson_reads_back_in_gdal(tmp_path: Path) -> None:
    path = tmp_path / "incidents.geojson"
    path.write_text(json.dumps(incidents_geojson(INCIDENTS, VERDICTS)))
    out = _features(path)
    assert "Feature Count: 2" in out  # the undated, unplaced incident has no point
    assert "POINT (36.60964 35.81374)" in out
    assert "sub_event_type (String) = Air/drone strike" in out


def test_kml_reads_back_in_gdal(tmp_path: Path) -> None:
    path = tmp_path / "incidents.kml"
    path.write_text(incidents_kml(INCIDENTS, VERDICTS))
    out = _features(path)
    assert "Feature Count: 2" in out
    assert "POINT (36.60964 35.81374" in out


def test_csv_reads_back_in_gdal_as_points(tmp_path: Path) -> None:
    path = tmp_path / "incidents.csv"
    path.write_text(incidents_csv(INCIDENTS, VERDICTS))
    out = _features(path, "-oo", "X_POSSIBLE_NAMES=longitude", "-oo", "Y_POSSIBLE_NAMES=latitude")
    assert "Feature Count: 3" in out
    assert "POINT (36.6096 35.8137)" in out
