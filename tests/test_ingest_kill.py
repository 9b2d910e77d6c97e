"""Nothing lost: a real ingest killed at random moments, then rerun, ends as an unbroken run."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WORDS = [
    "patrol",
    "convoy",
    "ceasefire",
    "shelling",
    "village",
    "road",
    "bridge",
    "checkpoint",
    "observers",
    "militia",
    "drone",
    "artillery",
    "market",
    "town",
    "river",
    "ridge",
    "northern",
    "southern",
    "eastern",
    "western",
    "morning",
    "evening",
    "night",
    "reported",
    "said",
    "killed",
    "wounded",
    "damaged",
    "residents",
    "officials",
    "monitors",
    "statement",
    "ministry",
    "commander",
    "truce",
    "corridor",
    "highway",
    "withdrawal",
    "positions",
    "fire",
]


def _paragraph(rng: random.Random) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(rng.randint(25, 60))).capitalize() + "."


def _corpus(root: Path) -> None:
    """Our own generated reports: text files, JSON Lines and CSV, with rewrites among them."""
    rng = random.Random(1583366400)
    stories = [[_paragraph(rng) for _ in range(rng.randint(2, 5))] for _ in range(2600)]
    (root / "texts").mkdir(parents=True)
    for n, story in enumerate(stories[:40]):
        (root / "texts" / f"report-{n:03}.txt").write_text("\n\n".join(story), encoding="utf-8")
    with (root / "wire.jsonl").open("w", encoding="utf-8") as fh:
        for n, story in enumerate(stories[40:2000]):
            day = 1 + n % 28
            fh.write(json.dumps({"text": "\n\n".join(story), "published": f"2020-03-{day:02}"}))
            fh.write("\n")
        for _ in range(300):  # rewrites: a new lead on an earlier story's paragraphs
            story = stories[rng.randrange(2000)]
            fh.write(json.dumps({"text": "\n\n".join([_paragraph(rng), *story])}) + "\n")
    with (root / "export.csv").open("w", encoding="utf-8") as fh:
        fh.write("body\n")
        for story in [*stories[2000:], *stories[:50]]:  # the last 50 repeat earlier ones
            fh.write('"' + "\n\n".join(story) + '"\n')


def _command(root: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "trucewatch", "ingest", str(root), "--db", str(db), "--json"]


def _snapshot(db: Path) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with sqlite3.connect(db) as conn:
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        if "documents" not in tables:
            # Killed before the first migration committed: the file exists, the schema
            # does not yet, and the store is as it was before the run.
            assert not tables - {"sqlite_sequence"}, f"a half-made schema: {sorted(tables)}"
            return [], []
        docs = conn.execute(
            "SELECT id, text, title, outlet, url, language, published, source, source_kind, "
            "encoding, near_duplicate_group, meta FROM documents ORDER BY id"
        ).fetchall()
        bands = conn.execute(
            "SELECT band, document_id FROM near_duplicate_bands ORDER BY band, document_id"
        ).fetchall()
    return docs, bands


@pytest.mark.slow
def test_killed_runs_finish_with_the_same_store(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    _corpus(corpus)
    env = {**os.environ, "TRUCEWATCH_DB": ""}

    reference = tmp_path / "reference.db"
    started = time.monotonic()
    done = subprocess.run(_command(corpus, reference), capture_output=True, text=True, env=env)
    took = time.monotonic() - started
    assert done.returncode == 0, done.stderr
    expected = _snapshot(reference)
    assert len(expected[0]) == json.loads(done.stdout)["ingested"] == 2600 + 300

    seed = int.from_bytes(os.urandom(4), "big")
    rng = random.Random(seed)
    target = tmp_path / "killed.db"
    kills = [signal.SIGKILL, signal.SIGKILL, signal.SIGINT, signal.SIGINT]
    rng.shuffle(kills)
    stored_after: list[int] = []
    for sig in kills:
        proc = subprocess.Popen(
            _command(corpus, target),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        time.sleep(rng.uniform(0.2, took))
        proc.send_signal(sig)
        proc.wait(timeout=120)
        if target.exists():
            docs, bands = _snapshot(target)
            stored_after.append(len(docs))
            # Whole batches only: every stored document has all its buckets.
            assert len(bands) == 32 * len(docs), f"seed {seed}"
    final = subprocess.run(_command(corpus, target), capture_output=True, text=True, env=env)
    assert final.returncode == 0, final.stderr
    summary = json.loads(final.stdout)
    assert summary["ingested"] + (stored_after[-1] if stored_after else 0) == 2900, seed
    assert _snapshot(target) == expected, f"seed {seed}, stored after each kill: {stored_after}"
