"""A folder of hostile inputs: every good file is read, every bad one listed with a reason."""

from __future__ import annotations

import gzip
import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

GOOD = {
    "good.txt": "Observers reported a quiet night along the front line, the first in a week.",
    "line\nbreak.txt": "A file whose name holds a line break is still a report like any other.",
    "scripts.html": (
        "<html><head><title>Quiet night</title>"
        "<script>while (true) { document.title = 'PWNED'; }</script></head><body>"
        "<p>Monitors said the checkpoints on the eastern road stayed open all night and "
        "that no shots were heard near the river crossing.</p>"
        "<script src='https://evil.example/x.js'></script>"
        "<img src=x onerror=\"alert('PWNED')\"></body></html>"
    ),
}
LATIN1 = "Les observateurs ont signalé une nuit calme près du pont, à l'aube."


def _hostile_folder(root: Path) -> dict[str, str]:
    """Write the folder; return each bad file's name and a fragment of the reason expected."""
    root.mkdir()
    for name, text in GOOD.items():
        (root / name).write_text(text, encoding="utf-8")
    (root / "latin1.txt").write_bytes(LATIN1.encode("cp1252"))
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.dat").write_bytes(bytes(range(256)) * 64)
    words = random.Random(7).choices(
        ["shell", "road", "quiet", "north", "patrol", "bridge"], k=4000
    )
    packed = gzip.compress(" ".join(words).encode())
    (root / "truncated.txt.gz").write_bytes(packed[: len(packed) // 2])
    (root / "invalid-utf8.txt").write_bytes("Réunion à l'aube: ".encode() + b"\xff\xfe\xfd tail")
    with (root / "huge.txt").open("w", encoding="utf-8") as fh:
        line = "A long report that goes on and on about nothing in particular at all.\n"
        for _ in range(50_000_000 // len(line) + 1):
            fh.write(line)
    (root / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 30_000_000))
    (root / "broken.rss").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
        "<item><title>One</title><description>The first entry is fine.</description></item>"
        "<item><title>Two</title><description>The second is cut off",
        encoding="utf-8",
    )
    (root / "entities.rss").write_text(
        '<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY leak SYSTEM "file:///etc/hostname">]>'
        "<rss version='2.0'><channel><title>T</title><item><title>X</title>"
        "<description>Leaked: &leak;</description></item></channel></rss>",
        encoding="utf-8",
    )
    (root / "loop").symlink_to(".")
    (root / "self").symlink_to("self")
    return {
        "empty.txt": "the file is empty",
        "binary.dat": "binary data",
        "truncated.txt.gz": "gzip data is damaged or cut short",
        "invalid-utf8.txt": "invalid UTF-8 at byte",
        "huge.txt": "over the 20 MB limit; raise it with --max-bytes",
        "bomb.txt.gz": "unpacked, the file is over the 20 MB limit",
        "broken.rss": "the feed is not well-formed XML (line 1",
        "loop": "symbolic link loop",
        "self": "symbolic link loop",
    }


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TRUCEWATCH_DB": str(cwd / "tw.db")}
    return subprocess.run(
        [sys.executable, "-m", "trucewatch", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile")
    return root, _hostile_folder(root / "inbox")


def test_good_files_are_read_and_bad_ones_listed_with_reasons(
    hostile: tuple[Path, dict[str, str]],
) -> None:
    root, bad = hostile
    done = _run("ingest", "inbox", "--json", cwd=root)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1, done.stderr
    result = json.loads(done.stdout)
    assert result["ingested"] == len(GOOD) + 2  # with latin1.txt and the entity feed's entry
    assert result["already_stored"] == 0
    undated = [*GOOD, "latin1.txt", "entities.rss#1"]
    assert sorted(result["undated"]) == sorted(f"inbox/{name}" for name in undated)
    failed = {Path(f["source"]).name: f["error"] for f in result["failed"]}
    assert set(failed) == set(bad)
    for name, reason in bad.items():
        assert reason in failed[name], (name, failed[name])

    listed = json.loads(_run("documents", "--json", cwd=root).stdout)["documents"]
    by_source = {Path(d["source"]).name: d for d in listed}
    assert "line\\nbreak.txt" in by_source  # control characters escaped when listed
    assert by_source["latin1.txt"]["encoding"] == "cp1252"
    assert by_source["scripts.html"]["source_kind"] == "html"


def test_human_output_names_each_bad_file_on_one_line(
    hostile: tuple[Path, dict[str, str]],
) -> None:
    root, bad = hostile
    done = _run("ingest", "inbox", cwd=root)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    assert f"0 new documents, {len(GOOD) + 2} already stored" in done.stdout
    errors = [line for line in done.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == len(bad)
    assert done.stderr.splitlines()[-1] == f"{len(bad)} inputs could not be read"
    assert all(line.count("Error: ") == 1 for line in errors)


def test_scripts_are_never_run_or_kept(hostile: tuple[Path, dict[str, str]]) -> None:
    root, _ = hostile
    from trucewatch.store import Document, open_store

    store = open_store(str(root / "tw.db"))
    try:
        with store.session() as s:
            texts = [d.text for d in s.query(Document)]
    finally:
        store.close()
    assert any("checkpoints on the eastern road" in t for t in texts)
    assert "Leaked:" in texts  # the external entity was never read
    assert not any("PWNED" in t or "evil.example" in t for t in texts)


def test_a_larger_limit_reads_the_big_file(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text("A long day of reports. " * 60_000, encoding="utf-8")
    refused = _run("ingest", "big.txt", "--json", "--max-bytes", "1MB", cwd=tmp_path)
    assert refused.returncode == 1
    assert "over the 1 MB limit" in json.loads(refused.stdout)["failed"][0]["error"]
    read = _run("ingest", "big.txt", "--json", "--max-bytes", "2MB", cwd=tmp_path)
    assert read.returncode == 0, read.stderr
    assert json.loads(read.stdout)["ingested"] == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["ingest"], "Missing argument"),
        (["ingest", "x.txt", "--published", "next week"], "expected a date such as"),
        (["ingest", "x.txt", "--max-bytes", "lots"], "expected a size such as 20MB"),
        (["ingest", "x.txt", "--field", "colour=c"], "expected FIELD=COLUMN"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    done = _run(*args, cwd=tmp_path)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_a_missing_path_is_a_failed_input(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("A calm day on the line.", encoding="utf-8")
    done = _run("ingest", "ok.txt", "missing.txt", "--json", cwd=tmp_path)
    assert done.returncode == 1
    result = json.loads(done.stdout)
    assert result["ingested"] == 1
    assert result["failed"] == [
        {"source": "missing.txt", "error": "cannot read: no such file or folder"}
    ]
