"""The ingest commands: public names, help that matches the README, PostgreSQL too."""

from __future__ import annotations

import doctest
import importlib
import io
import re
from pathlib import Path

import pytest
import typer
from rich.console import Console
from sqlalchemy import delete
from typer.testing import CliRunner

import trucewatch.ingest
from conftest import ROOT, need_shared
from trucewatch.cli import app
from trucewatch.cli import ingest as cli_ingest
from trucewatch.ingest import Options, ingest, parse_published
from trucewatch.store import Document, NearDuplicateBand, open_store

runner = CliRunner()


def test_exported_members_are_listed_once_and_are_trucewatch_s() -> None:
    exported = trucewatch.ingest.__all__
    assert len(set(exported)) == len(exported) == len(trucewatch.ingest.__all__)
    assert exported == sorted(exported, key=lambda n: (not n.isupper(), not n[0].isupper(), n))
    for name in exported:
        value = getattr(trucewatch.ingest, name)
        assert getattr(value, "__module__", "trucewatch").startswith("trucewatch"), name


def _options(command: str) -> set[str]:
    click_command = typer.main.get_command(app).commands[command]  # type: ignore[attr-defined]
    return {opt for p in click_command.params for opt in p.opts if opt.startswith("--")}


@pytest.mark.parametrize("command", ["ingest", "documents"])
def test_every_option_has_help_and_is_in_the_readme(command: str) -> None:
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## Ingesting reports")[1]
    section = section.split("\n## ")[0]
    done = runner.invoke(app, [command, "--help"])
    assert done.exit_code == 0
    for option in _options(command):
        assert option in done.output
        assert re.search(rf"{re.escape(option)}\b", section), f"README lacks {option}"


def test_documents_lists_what_is_stored(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text("Quiet night at the river crossing, monitors said.", encoding="utf-8")
    db = str(tmp_path / "tw.db")
    assert runner.invoke(app, ["ingest", str(report), "--db", db, "--json"]).exit_code == 0
    done = runner.invoke(app, ["documents", "--db", db])
    assert done.exit_code == 0
    assert "undated" in done.output
    assert "1 documents" in done.output


def test_a_terminal_gets_a_progress_bar(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    terminal = Console(file=screen, force_terminal=True, width=100, highlight=False)
    monkeypatch.setattr(cli_ingest, "console", terminal)
    monkeypatch.setattr(cli_ingest, "err_console", terminal)
    for n in range(3):
        (tmp_path / f"r{n}.txt").write_text(
            f"Report {n} from the river crossing.", encoding="utf-8"
        )
    done = runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "tw.db")])
    assert done.exit_code == 0, done.output
    drawn = screen.getvalue()
    assert "3/3" in drawn
    assert "3 documents" in drawn
    assert "ingested 3 new documents, 0 already stored" in drawn


def test_a_long_undated_list_is_cut_on_a_terminal(tmp_path: Path) -> None:
    rows = "\n".join(f'{{"text": "Report number {n} of a quiet day."}}' for n in range(25))
    (tmp_path / "many.jsonl").write_text(rows, encoding="utf-8")
    done = runner.invoke(
        app, ["ingest", str(tmp_path / "many.jsonl"), "--db", str(tmp_path / "tw.db")]
    )
    assert done.exit_code == 0
    assert "25 undated" in done.output
    assert "... and 5 more (--json lists them all)" in done.output


@pytest.mark.postgres
def test_seed_reports_group_on_postgresql(postgres_url: str) -> None:
    first = need_shared("seeds", "000_e9e6a70242ec97dd.txt")
    second = need_shared("seeds", "002_c8cd672123aaeaaa.txt")
    sources = [str(first), str(second)]
    store = open_store(postgres_url)
    try:
        for _ in range(2):
            for path, day in ((first, "2020-03-05"), (second, "2020-03-06")):
                when, precision = parse_published(day)
                ingest([str(path)], store, Options(published=when, published_precision=precision))
        with store.session() as s:
            docs = s.query(Document).filter(Document.source.in_(sources)).all()
        assert len(docs) == 2
        assert docs[0].near_duplicate_group == docs[1].near_duplicate_group
    finally:
        # The server is shared by the session's tests: leave it as found.
        with store.session() as s:
            ids = [d.id for d in s.query(Document).filter(Document.source.in_(sources))]
            s.execute(delete(NearDuplicateBand).where(NearDuplicateBand.document_id.in_(ids)))
            s.execute(delete(Document).where(Document.id.in_(ids)))
        store.close()


@pytest.mark.parametrize(
    "module",
    ["decode", "fetch", "neardup", "normalise", "readers", "sources"],
)
def test_docstring_examples_run(module: str) -> None:
    found = doctest.testmod(importlib.import_module(f"trucewatch.ingest.{module}"))
    assert found.attempted > 0
    assert found.failed == 0
