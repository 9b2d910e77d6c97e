"""An agreement's named places are known to the geoparser, through the command line."""

from __future__ import annotations

import json

from tests.conftest import EXAMPLE, need_shared
from typer.testing import CliRunner

from trucewatch.agreements import load_agreement
from trucewatch.cli import app

runner = CliRunner()
AGREEMENT = load_agreement(EXAMPLE / "agreement.yaml")


def _rows(source: str) -> list[dict[str, object]]:
    result = runner.invoke(
        app, ["places", source, "--agreement", str(EXAMPLE / "agreement.yaml"), "--json"]
    )
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def test_the_patrol_ends_resolve_through_the_example_agreement_in_a_seed_report() -> None:
    seed = need_shared("seeds", "002_c8cd672123aaeaaa.txt")
    rows = _rows(str(seed))
    for place_id in ("trumba", "ain-al-havr"):
        place = AGREEMENT.place(place_id)
        hits = [r for r in rows if r["name"] == place.names[0]]
        assert hits, f"{place_id} not found"
        assert hits[0]["lat"] == place.lat and hits[0]["lon"] == place.lon


def test_other_spellings_of_the_agreement_places_are_known() -> None:
    rows = _rows("The patrol ran from Tarnaba to Ayn al-Hawr.")
    assert [r["name"] for r in rows] == ["Trumba", "Ain al-Havr"]
