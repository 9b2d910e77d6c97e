"""Nothing lost: `trucewatch run` killed at random moments, then rerun, ends as unbroken."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from tests.conftest import EXAMPLE

# Columns that record when a row was written, not what it holds.
_WHEN_WRITTEN = {"ingested_at", "coded_at", "created_at", "updated_at", "computed_at", "at"}
_TABLES = ("documents", "mentions", "extractions", "incidents", "incident_mentions", "verdicts")
_TOWNS = ["Kansafra", "Sarmin", "Ariha", "Nayrab", "Saraqeb", "Jisr al-Shughur"]
_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def _corpus(root: Path) -> None:
    """Our own short reports: the examples, and 120 variations of a shelling report."""
    root.mkdir()
    for path in (EXAMPLE / "reports").glob("*.txt"):
        (root / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    for n in range(120):
        town, day = _TOWNS[n % len(_TOWNS)], _DAYS[n % len(_DAYS)]
        (root / f"variant-{n:03}.txt").write_text(
            "---\n"
            f"outlet: Outlet {n % 7} (illustrative)\n"
            f"published: 2020-03-{10 + n % 18:02}T12:00:00+02:00\n"
            "---\n"
            f"Government artillery shelled {town} on {day}, killing {n % 5} people and "
            f"wounding {n % 3 + 1}, residents said. Report {n}.\n",
            encoding="utf-8",
        )


def _command(corpus: Path, db: Path, out: Path) -> list[str]:
    agreement = str(EXAMPLE / "agreement.yaml")
    return [
        sys.executable, "-m", "trucewatch", "run", str(corpus), "--agreement", agreement,
        "--db", str(db), "--out", str(out), "--json",
    ]  # fmt: skip


def _snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        out = {}
        for table in _TABLES:
            columns = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
            kept = [c for c in columns if c not in _WHEN_WRITTEN]
            if not kept:
                out[table] = []
                continue
            rows = conn.execute(f"SELECT {', '.join(kept)} FROM {table}").fetchall()
            out[table] = sorted(rows, key=repr)
    return out


@pytest.mark.slow
def test_a_killed_run_finishes_with_the_same_store(tmp_path: Path) -> None:
    corpus = tmp_path / "reports"
    _corpus(corpus)
    env = {**os.environ, "TRUCEWATCH_DB": ""}
    reference = tmp_path / "reference.db"
    started = time.monotonic()
    done = subprocess.run(
        _command(corpus, reference, tmp_path / "a.html"), capture_output=True, env=env
    )
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    expected = _snapshot(reference)
    assert len(expected["incidents"]) > 10 and expected["verdicts"]

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    target = tmp_path / "killed.db"
    for sig in (signal.SIGKILL, signal.SIGINT, signal.SIGKILL):
        proc = subprocess.Popen(
            _command(corpus, target, tmp_path / "b.html"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        time.sleep(rng.uniform(0.5, took))
        proc.send_signal(sig)
        proc.wait(timeout=120)
    final = subprocess.run(
        _command(corpus, target, tmp_path / "b.html"), capture_output=True, env=env
    )
    assert final.returncode == 0, final.stderr
    assert _snapshot(target) == expected, f"seed {seed}"
    assert (tmp_path / "b.html").read_text(encoding="utf-8").lower().startswith("<!doctype")
