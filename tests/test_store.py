"""The store: migrations, WAL mode, time zones, and a real PostgreSQL."""

from __future__ import annotations

import datetime as dt
import sqlite3
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
    "incident_mentions",
    "incidents",
    "mentions",
    "near_duplicate_bands",
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
