"""The store: migrations, WAL mode, time zones, and a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select

from trucewatch.errors import StoreError
from trucewatch.store import Base, Document, Store, open_store, resolve_url

TABLES = {
    "agreements",
    "documents",
    "extractions",
    "incident_mentions",
    "incidents",
    "mentions",
    "near_duplicate_bands",
    "patrols",
    "reviews",
    "verdicts",
}


def _doc(doc_id: str = "a" * 64) -> Document:
    return Document(
        id=doc_id,
        text="Shelling was reported near Ariha.",
        source="test",
        source_kind="text",
        published=dt.datetime(2020, 3, 6, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
        ingested_at=dt.datetime.now(dt.UTC),
    )


def test_sqlite_store_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "tw.db"
    store = open_store(str(path))
    assert store.revision() == store.head()
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    store.close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_models_match_the_migrations(store: Store) -> None:
    with store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(ctx, Base.metadata) == []


def test_times_come_back_aware_and_naive_times_are_refused(store: Store) -> None:
    with store.session() as s:
        s.add(_doc())
    with store.session() as s:
        doc = s.scalars(select(Document)).one()
        assert doc.published == dt.datetime(2020, 3, 5, 22, 30, tzinfo=dt.UTC)
    naive = _doc("b" * 64)
    naive.published = dt.datetime(2020, 3, 6)
    with pytest.raises(Exception, match="without a zone"), store.session() as s:
        s.add(naive)


def test_a_failed_transaction_leaves_nothing(store: Store) -> None:
    with pytest.raises(RuntimeError), store.session() as s:
        s.add(_doc())
        s.flush()
        raise RuntimeError("interrupted")
    with store.session() as s:
        assert s.scalars(select(Document)).all() == []


def test_url_comes_from_the_argument_then_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TRUCEWATCH_DB", raising=False)
    assert resolve_url() == f"sqlite:///{tmp_path / 'trucewatch.db'}"
    monkeypatch.setenv("TRUCEWATCH_DB", "other.db")
    assert resolve_url() == f"sqlite:///{tmp_path / 'other.db'}"
    assert resolve_url("sqlite:///x.db") == "sqlite:///x.db"


def test_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no folder"):
        open_store(str(tmp_path / "nowhere" / "tw.db"))


@pytest.mark.postgres
def test_postgresql_store_migrates_and_round_trips(postgres_url: str) -> None:
    store = open_store(postgres_url)
    try:
        assert store.revision() == store.head()
        assert set(inspect(store.engine).get_table_names()) >= TABLES
        with store.engine.connect() as conn:
            ctx = MigrationContext.configure(conn, opts={"compare_type": True})
            assert compare_metadata(ctx, Base.metadata) == []
        with store.session() as s:
            s.add(_doc())
        with store.session() as s:
            published = s.scalars(select(Document.published)).one()
        assert published == dt.datetime(2020, 3, 5, 22, 30, tzinfo=dt.UTC)
        assert Store(postgres_url).migrate() == store.head()  # migrating twice changes nothing
    finally:
        store.close()


def test_mentions_and_incidents_read_back_as_they_were_stored(store: Store) -> None:
    from trucewatch import records
    from trucewatch.store.convert import (
        incident_record,
        incident_row,
        mention_record,
        mention_row,
    )

    doc = _doc()
    evidence = records.Evidence(document_id=doc.id, text="Shelling hit Ariha.", start=0, end=19)
    mention = records.Mention(
        id="m" * 64,
        document_id=doc.id,
        outlet="Example Wire",
        extractor_version="test",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack",
        actor1="Military Forces of Syria",
        assoc_actors=("Military Forces of Russia",),
        when=records.When(date=dt.date(2020, 3, 6), precision=1, time=dt.time(0, 40)),
        where=records.Where(name="Ariha", latitude=35.81, longitude=36.61, precision=2),
        fatalities=3,
        fatalities_text="three civilians were killed",
        claims=(records.Claim(by="Civil defence", kind="claim", text="said civil defence"),),
        evidence=(evidence,),
        confidence=0.8,
        flags=("claimed",),
    )
    incident = records.Incident(
        id="i" * 64,
        event_type=mention.event_type,
        sub_event_type=mention.sub_event_type,
        when=records.When(start=dt.date(2020, 3, 5), end=dt.date(2020, 3, 6), precision=2),
        where=mention.where,
        fatalities=3,
        fatalities_reported=(3, 5),
        mentions=(mention.id,),
        sources=2,
        claims=mention.claims,
        evidence=(evidence,),
    )
    now = dt.datetime.now(dt.UTC)
    with store.session() as s:
        s.add(doc)
        s.flush()
        s.add(mention_row(mention, now))
        s.add(incident_row(incident, now))
    with store.session() as s:
        from trucewatch.store import Incident, Mention

        assert mention_record(s.get(Mention, mention.id)) == mention  # type: ignore[arg-type]
        row = s.get(Incident, incident.id)
        assert row is not None and row.conflicts == ["fatalities"]
        assert incident_record(row, [mention.id]) == incident


def test_agreements_are_stored_once_per_version_and_compile_back(store: Store) -> None:
    from tests.conftest import EXAMPLE

    from trucewatch.agreements import load_agreement
    from trucewatch.store.agreements import current_agreements, save_agreement

    path = EXAMPLE / "agreement.yaml"
    agreement = load_agreement(path)
    for _ in range(2):
        with store.session() as s:
            save_agreement(s, agreement, path.read_text(encoding="utf-8"))
    with store.session() as s:
        [back] = current_agreements(s)
    assert back.hash == agreement.hash
    assert [p.id for p in back.provisions] == [p.id for p in agreement.provisions]


def test_the_known_head_is_the_migrations_head(store: Store) -> None:
    from trucewatch.store.engine import SCHEMA_HEAD

    assert store.head() == SCHEMA_HEAD


def test_a_store_at_the_head_opens_without_loading_alembic(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "tw.db"
    open_store(str(path)).close()
    probe = (
        "import sys; from trucewatch.store import open_store; "
        f"open_store({str(path)!r}).close(); print('alembic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False"


def test_a_store_at_an_older_revision_is_migrated(tmp_path: Path) -> None:
    from alembic import command

    path = tmp_path / "old.db"
    old = open_store(str(path), migrate=False)
    command.upgrade(old._alembic(), "0002")
    assert old.revision() == "0002"
    assert "patrols" not in inspect(old.engine).get_table_names()
    old.close()
    store = open_store(str(path))
    assert store.revision() == store.head()
    assert set(inspect(store.engine).get_table_names()) >= TABLES
    store.close()


def test_a_store_at_an_unknown_revision_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "newer.db"
    open_store(str(path)).close()
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE alembic_version SET version_num = 'ffff'")
    with pytest.raises(StoreError, match=r"'ffff'.*newer trucewatch"):
        open_store(str(path))
    # The command line says so too, without a traceback.
    result = subprocess.run(
        [sys.executable, "-m", "trucewatch", "documents", "--db", str(path)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "newer trucewatch" in result.stderr + result.stdout
