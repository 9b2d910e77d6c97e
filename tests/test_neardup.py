"""Near-duplicate buckets and bounds, the made documents, and `trucewatch bench neardup`."""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.conftest import EXAMPLE
from typer.testing import CliRunner

from trucewatch.cli import app
from trucewatch.ingest.bench import synthetic_documents
from trucewatch.ingest.neardup import (
    BANDS,
    bands,
    bands_of,
    could_be_near_duplicate,
    hashes,
    is_near_duplicate,
    overlap,
    shared_bounds,
    shingles,
)

REPORTS = sorted((EXAMPLE / "reports").glob("*.txt"))
WORDS = st.lists(
    st.sampled_from(["shelling", "near", "the", "road", "north", "of", "town", "at", "dawn"])
)


def _texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in REPORTS]


def _datasketch_bands(found: frozenset[str]) -> list[int]:
    """The bucket keys as datasketch computes them, one MinHash object per document."""
    from datasketch import MinHash

    if not found:
        return []
    minhash = MinHash(num_perm=BANDS, seed=20200305, scheme="affine32", hashfunc=zlib.crc32)
    minhash.update_batch([s.encode("utf-8") for s in sorted(found)])
    return [(band << 32) | int(value) for band, value in enumerate(minhash.hashvalues)]


def test_bucket_keys_are_datasketchs_for_every_kind_of_document() -> None:
    docs, _ = synthetic_documents(_texts(), 300)
    sets = [shingles(d) for d in docs]
    sets += [frozenset(), frozenset(["one"]), shingles("A short note: two shells fell.")]
    assert bands_of([hashes(s) for s in sets]) == [_datasketch_bands(s) for s in sets]
    assert bands(sets[0]) == _datasketch_bands(sets[0])


@given(WORDS, WORDS)
def test_the_bound_on_shared_shingles_never_undercounts(a: list[str], b: list[str]) -> None:
    mine, theirs = shingles(" ".join(a)), shingles(" ".join(b))
    [bound] = shared_bounds(hashes(mine), [hashes(theirs)])
    assert bound >= len(mine & theirs)
    if not could_be_near_duplicate(bound, len(mine), len(theirs)):
        assert not is_near_duplicate(overlap(mine, theirs))


def test_the_made_documents_are_the_same_every_run_and_copies_follow_originals() -> None:
    first = synthetic_documents(_texts(), 400)
    assert first == synthetic_documents(_texts(), 400)
    docs, planted = first
    kinds = {p.kind for p in planted}
    assert kinds == {"copy", "rewrite"}
    assert all(p.original < p.copy for p in planted)
    copy = next(p for p in planted if p.kind == "copy")
    measured = overlap(shingles(docs[copy.original]), shingles(docs[copy.copy]))
    assert is_near_duplicate(measured) and measured.containment >= 0.8


def test_bench_neardup_groups_the_planted_copies_and_reports_its_figures() -> None:
    result = CliRunner().invoke(
        app,
        ["bench", "neardup", "--docs", "700", "--json", *(f"--text={p}" for p in REPORTS)],
    )
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["documents"] == 700
    assert figures["copies_planted"] > 50 and figures["rewrites_planted"] > 10
    assert figures["copies_grouped"] == figures["copies_planted"]
    assert figures["groups"] > 0 and figures["grouped_documents"] > figures["groups"]
    assert figures["goal_seconds_per_100k"] == 60.0
    for key in ("documents_per_s", "seconds", "seconds_per_100k", "peak_rss_mb"):
        assert figures[key] > 0


def test_bench_neardup_refuses_a_store_that_holds_documents(tmp_path: Path) -> None:
    db = str(tmp_path / "tw.db")
    runner = CliRunner()
    args = ["bench", "neardup", "--docs", "50", "--db", db, *(f"--text={p}" for p in REPORTS)]
    assert runner.invoke(app, args).exit_code == 0
    again = runner.invoke(app, args)
    assert again.exit_code == 1
    assert "holds documents; give an empty store" in again.output


@pytest.mark.parametrize("command", ["neardup", "geoparse"])
def test_a_bench_given_a_text_it_cannot_read_names_it(tmp_path: Path, command: str) -> None:
    latin1 = tmp_path / "report.txt"
    latin1.write_bytes("Shelling near Sara\xe7eb.".encode("latin-1"))
    missing = tmp_path / "gone.txt"
    for path, reason in ((latin1, "not UTF-8 text"), (missing, "cannot be read")):
        result = CliRunner().invoke(app, ["bench", command, f"--text={path}"])
        assert result.exit_code == 1, result.output
        assert f"{path}: {reason}" in result.output
        assert "Traceback" not in result.output
