"""The command line: help everywhere, the README's reference in step, clear usage errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
import typer
from shapely.geometry import shape
from tests.conftest import EXAMPLE, ROOT
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.store import Store

runner = CliRunner()
AGREEMENT = str(EXAMPLE / "agreement.yaml")


def _commands(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = []
    for name, cmd in group.commands.items():
        path = (*prefix, name)
        out.append(path)
        if hasattr(cmd, "commands"):
            out.extend(_commands(cmd, path))
    return out


COMMANDS = _commands(typer.main.get_group(app))


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_every_command_has_help_and_a_readme_entry(path: tuple[str, ...]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    cmd = typer.main.get_group(app)
    for part in path:
        cmd = cmd.commands[part]  # type: ignore[attr-defined]
    assert (cmd.help or "").strip(), f"{' '.join(path)} has no help text"
    readme = (ROOT / "README.md").read_text()
    assert f"trucewatch {' '.join(path)}" in readme, f"README.md does not document {path}"


def test_the_readme_command_reference_matches_help() -> None:
    """Each ```text block headed by `$ trucewatch ... --help` must equal the real output."""
    readme = (ROOT / "README.md").read_text()
    blocks = re.findall(r"```text\n\$ (trucewatch [^\n]*--help)\n(.*?)```", readme, re.S)
    assert blocks, "README.md has no command reference"
    for command, documented in blocks:
        args = command.split()[1:]
        result = runner.invoke(app, args, terminal_width=100)
        assert result.exit_code == 0
        assert result.stdout.strip() == documented.strip(), f"README is out of date for: {command}"


def test_locate_by_place_name_and_a_plain_table() -> None:
    result = runner.invoke(
        app, ["agreement", "locate", AGREEMENT, "--place", "Saraqib", "--at", "2020-03-10"]
    )
    assert result.exit_code == 0, result.output
    assert "35.86447, 36.80591 at 2020-03-10 00:00" in result.stdout
    corridor = next(line for line in result.stdout.splitlines() if "m4-corridor" in line)
    assert "no" in corridor and "3.47" in corridor


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lat", "95", "--lon", "36"], "latitude 95 is outside -90 to 90"),
        (["--lat", "35"], "give --lat and --lon (or --place)"),
        (["--place", "atlantisvillexq"], "no place 'atlantisvillexq' in moscow-2020"),
        (["--lat", "35", "--lon", "36", "--at", "5 March"], "'5 March' is not a date or time"),
    ],
)
def test_locate_usage_errors_exit_2_with_a_message(args: list[str], message: str) -> None:
    result = runner.invoke(app, ["agreement", "locate", AGREEMENT, *args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_export_geojson_reads_back_as_shapes(tmp_path: Path) -> None:
    out = tmp_path / "a.geojson"
    result = runner.invoke(
        app, ["agreement", "export", AGREEMENT, "--format", "geojson", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    by_id = {f["id"]: f for f in doc["features"]}
    corridor = shape(by_id["provision:m4-corridor"]["geometry"])
    assert corridor.geom_type == "Polygon"
    assert corridor.contains(shape({"type": "Point", "coordinates": [36.60964, 35.81374]}))
    assert by_id["provision:m4-joint-patrols"]["geometry"]["type"] == "LineString"
    assert by_id["place:trumba"]["geometry"]["coordinates"] == [36.7678, 35.8603]
    assert by_id["area:idlib-de-escalation-area"]["properties"]["approximate"] is True


def test_export_kml_is_well_formed_with_every_feature() -> None:
    result = runner.invoke(app, ["agreement", "export", AGREEMENT, "--format", "kml"])
    assert result.exit_code == 0, result.output
    ns = {"k": "http://www.opengis.net/kml/2.2"}
    root = ET.fromstring(result.stdout.encode())
    marks = {m.get("id") for m in root.iterfind(".//k:Placemark", ns)}
    assert {"provision:m4-corridor", "provision:ceasefire", "line:m4", "place:ain-al-havr"} <= marks
    assert root.find(".//k:Placemark/k:Polygon/k:outerBoundaryIs", ns) is not None


def test_show_prints_sizes_and_times_in_both_zones() -> None:
    result = runner.invoke(app, ["agreement", "show", AGREEMENT], terminal_width=160)
    assert result.exit_code == 0, result.output
    assert "2020-03-06 00:01 local" in result.stdout
    assert "2020-03-05 22:01 UTC" in result.stdout
    assert "50.3 km" in result.stdout
    assert "km²" in result.stdout


def test_db_init_creates_the_store_where_told(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = runner.invoke(app, ["db", "init", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["revision"] == Store(str(db)).head()
    assert db.exists()
    bad = runner.invoke(app, ["db", "init", "--db", str(tmp_path / "no" / "x.db")])
    assert bad.exit_code == 1
    assert "Error: cannot create the database" in bad.stderr


def test_locate_falls_back_to_the_world_gazetteer_nearest_the_agreement() -> None:
    result = runner.invoke(
        app, ["agreement", "locate", AGREEMENT, "--place", "Kafranbel", "--json"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["place"] == "Kafranbel, SY (gazetteer)"
    corridor = next(p for p in out["provisions"] if p["kind"] == "corridor")
    assert corridor["inside"] is False and corridor["distance_km"] == pytest.approx(20.17, abs=0.1)
