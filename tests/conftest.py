"""Fixtures shared by the suite: the ../shared folder, a temporary store, a real PostgreSQL."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from trucewatch.store import Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "idlib-2020"
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def need_shared(*parts: str) -> Path:
    """A path under ../shared; skips the test in a user's clone, where ../shared is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"CI must have {path}")
        pytest.skip(f"{path} is not here: ../shared holds the evaluation data beside the project")
    return path


@pytest.fixture
def shared() -> Path:
    return need_shared()


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A fresh, migrated SQLite store in a temporary folder."""
    s = open_store(str(tmp_path / "tw.db"))
    yield s
    s.close()


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if found:
        return found[-1].parent
    which = shutil.which("pg_ctl")
    return Path(which).parent if which else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server on 127.0.0.1, started for the session and stopped after."""
    bindir = _pg_bin()
    if bindir is None:
        if IN_CI:
            pytest.fail("PostgreSQL is not installed; .ci/run installs it")
        pytest.skip("PostgreSQL server binaries not found (apt-get install postgresql)")
    # Outside pytest's private temporary folder: the server's account must reach it.
    data = Path(tempfile.mkdtemp(prefix="trucewatch-pg-"))
    run_as: list[str] = []
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root: use its own account
        run_as = ["runuser", "-u", "postgres", "--"]
        shutil.chown(data, "postgres")
    port = _free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    subprocess.run(
        [*run_as, str(bindir / "initdb"), "-D", str(data), "-U", "tw", "-A", "trust", "-E", "UTF8"],
        check=True,
        capture_output=True,
        env=env,
    )
    log = data / "server.log"
    subprocess.run(
        [
            *run_as,
            str(bindir / "pg_ctl"),
            "-D",
            str(data),
            "-l",
            str(log),
            "-o",
            f"-h 127.0.0.1 -p {port} -k {data}",
            "-w",
            "start",
        ],
        check=True,
        capture_output=True,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            ok = subprocess.run(
                [
                    *run_as,
                    str(bindir / "createdb"),
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(port),
                    "-U",
                    "tw",
                    "tw",
                ],
                capture_output=True,
                env=env,
            )
            if ok.returncode == 0 or time.monotonic() > deadline:
                break
            time.sleep(0.5)
        yield f"postgresql+psycopg://tw@127.0.0.1:{port}/tw"
    finally:
        subprocess.run(
            [*run_as, str(bindir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
            capture_output=True,
            env=env,
        )
        shutil.rmtree(data, ignore_errors=True)
