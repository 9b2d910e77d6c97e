"""The whole job in one command: ``trucewatch run`` and ``trucewatch demo``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import EXAMPLE, need_shared
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.records import VERDICT_CODES

runner = CliRunner()
AGREEMENT = str(EXAMPLE / "agreement.yaml")


def _run(db: Path, out: Path, *args: str) -> dict[str, Any]:
    result = runner.invoke(
        app, ["run", *args, "--agreement", AGREEMENT, "--db", str(db), "--out", str(out), "--json"]
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    return dict(json.loads(result.stdout))


def _incidents(db: Path) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["incidents", "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def test_the_two_seed_reports_give_one_strike_with_two_sources_and_no_violation(
    tmp_path: Path,
) -> None:
    seeds = need_shared("seeds")
    db, out = tmp_path / "seeds.db", tmp_path / "report.html"
    _run(db, out, str(seeds / "000_e9e6a70242ec97dd.txt"), "--published", "2020-03-05")
    second = _run(db, out, str(seeds / "002_c8cd672123aaeaaa.txt"), "--published", "2020-03-06")
    assert second["ingest"]["ingested"] == 1
    assert second["ingest"]["near_duplicate_groups"] == 1  # the two seeds share wire copy
    found = _incidents(db)
    strikes = [
        i
        for i in found
        if i["sub_event_type"] == "Air/drone strike" and i["location"] == "Maarat Misrin"
    ]
    assert len(strikes) == 1
    [strike] = strikes
    assert strike["sources"] == 2 and strike["fatalities"] == 16
    assert len([i for i in found if i["sub_event_type"] == "Agreement"]) == 1
    codes = {v["code"] for i in found for v in i["verdicts"]}
    assert "violation" not in codes and "possible_violation" not in codes
    assert out.read_text(encoding="utf-8").lower().startswith("<!doctype html>")


def test_the_examples_give_every_verdict_and_a_rerun_changes_nothing(tmp_path: Path) -> None:
    db, out = tmp_path / "example.db", tmp_path / "report.html"
    first = _run(db, out, str(EXAMPLE / "reports"))
    assert first["ingest"]["ingested"] == 9 and not first["ingest"]["failed"]
    counted: dict[str, int] = {}
    for counts in first["assess"]["by_provision"].values():
        for code, n in counts.items():
            counted[code] = counted.get(code, 0) + n
    assert set(counted) == set(VERDICT_CODES)
    found = _incidents(db)
    # Two outlets tell one shelling with different tolls: one incident, both figures kept.
    [shelling] = [i for i in found if i["location"] == "Kansafra"]
    assert shelling["sources"] == 2
    assert shelling["fatalities"] == 2 and shelling["fatalities_reported"] == [2, 3]
    codes = {v["provision"]: v["code"] for v in shelling["verdicts"]}
    assert codes == {"ceasefire": "violation", "m4-corridor": "outside_area"}
    # A strike Russia calls counter-terrorism: the claim is shown, not judged.
    [claimed] = [i for i in found if i["location"] == "Sarmin"]
    assert {v["code"] for v in claimed["verdicts"]} == {"exemption_claimed"}
    assert any("terrorists" in r for v in claimed["verdicts"] for r in v["reasons"])
    [route] = first["patrols"]["coverage"]
    assert route["route_km"] == pytest.approx(50.3, abs=0.1)
    assert [w["cut_short"] for w in route["weeks"]] == [1, 0]

    again = _run(db, out, str(EXAMPLE / "reports"))
    assert again["ingest"]["ingested"] == 0 and again["ingest"]["already_stored"] == 9
    assert again["extract"]["documents"] == 0
    assert again["corroborate"]["new_incidents"] == 0
    assert again["assess"]["written"] == 0
    assert _incidents(db) == found


def test_run_needs_an_agreement_and_reports_bad_files_without_stopping(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["run", str(EXAMPLE / "reports"), "--db", str(tmp_path / "a")])
    assert missing.exit_code == 2 and "--agreement" in missing.output
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(
        (EXAMPLE / "reports" / "07-attack-turkish-soldiers.txt").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    (folder / "bad.bin").write_bytes(b"\x00\x01\x02" * 100)
    result = runner.invoke(
        app,
        [
            "run", str(folder), "--agreement", AGREEMENT, "--db", str(tmp_path / "b.db"),
            "--out", str(tmp_path / "r.html"),
        ],
    )  # fmt: skip
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "bad.bin" in result.output and "incidents by verdict and provision" in result.output
    assert (tmp_path / "r.html").exists()


def test_the_demo_runs_the_whole_job_and_writes_every_format(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "trucewatch", "demo", "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert f"Output in {tmp_path / 'out'}" in proc.stdout
    assert "Every verdict code appears." in proc.stdout
    assert "route 50.3 km" in proc.stdout  # the patrol coverage table
    for name in ("report.html", "report.csv", "report.geojson", "report.kml", "moscow-2020.kml"):
        assert (tmp_path / "out" / name).stat().st_size > 0
    pdf = tmp_path / "out" / "report.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")
