"""The M4 corridor against the gold points, through ``agreement locate --json``."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from tests.conftest import EXAMPLE, need_shared
from typer.testing import CliRunner

from trucewatch.agreements import load_agreement
from trucewatch.cli import app

runner = CliRunner()
AGREEMENT = EXAMPLE / "agreement.yaml"


def _gold_rows() -> list[dict[str, str]]:
    with need_shared("gold", "corridor-points.csv").open(newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module", params=["flat", "round"])
def variant(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, Path]:
    """The example agreement with the corridor's end style set to flat or round."""
    ends = request.param
    text = AGREEMENT.read_text()
    assert "    ends: flat\n" in text
    path = tmp_path_factory.mktemp(ends) / "agreement.yaml"
    path.write_text(text.replace("    ends: flat\n", f"    ends: {ends}\n"))
    return ends, path


def test_the_example_corridor_follows_the_shared_m4_line() -> None:
    with need_shared("geo", "m4-waypoints.csv").open(newline="") as f:
        waypoints = [(float(r["latitude"]), float(r["longitude"])) for r in csv.DictReader(f)]
    assert load_agreement(AGREEMENT).lines["m4"].points == tuple(waypoints)


def test_every_clear_gold_point_gets_the_stated_answer(variant: tuple[str, Path]) -> None:
    ends, path = variant
    checked = 0
    for row in _gold_rows():
        margin = float(row[f"margin_{ends}_km"])
        if margin < 0.5:
            continue  # any sound projection agrees only away from the edge
        result = runner.invoke(
            app,
            [
                "agreement",
                "locate",
                str(path),
                "--lat",
                row["latitude"],
                "--lon",
                row["longitude"],
                "--json",
            ],
        )
        assert result.exit_code == 0, result.output
        corridor = next(
            p for p in json.loads(result.stdout)["provisions"] if p["kind"] == "corridor"
        )
        expected = row[f"inside_{ends}_ends"] == "True"
        assert corridor["inside"] is expected, (row["name"], ends, corridor)
        assert corridor["distance_km"] == pytest.approx(
            float(row["distance_to_centerline_km"]), abs=0.05
        )
        assert corridor["edge_km"] == pytest.approx(margin, abs=0.05)
        checked += 1
    assert checked >= 14


@pytest.mark.parametrize(
    ("at", "in_force"),
    [("2020-03-06T00:30+02:00", True), ("2020-03-05T23:30+02:00", False)],
)
def test_the_ceasefire_at_ariha_is_in_force_only_after_its_start(at: str, in_force: bool) -> None:
    result = runner.invoke(
        app,
        [
            "agreement",
            "locate",
            str(AGREEMENT),
            "--lat",
            "35.81374",
            "--lon",
            "36.60964",
            "--at",
            at,
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    provisions = {p["id"]: p for p in json.loads(result.stdout)["provisions"]}
    assert provisions["ceasefire"]["inside"] is True
    assert provisions["ceasefire"]["in_force"] is in_force
    assert provisions["m4-joint-patrols"]["in_force"] is False  # patrols begin on 15 March
