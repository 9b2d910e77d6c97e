"""Opening the store: choosing the database, SQLite's WAL mode, and migrating to head."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from trucewatch.errors import StoreError
from trucewatch.store.url import DEFAULT_DB, ENV_VAR, resolve_url

if TYPE_CHECKING:
    from alembic.config import Config

__all__ = ["DEFAULT_DB", "ENV_VAR", "Store", "open_store", "resolve_url"]

_MIGRATIONS = Path(__file__).with_name("migrations")
SCHEMA_HEAD = "0003"
"""The newest migration's revision (a test holds it equal to the migrations' head): a
store already there is opened without loading Alembic, which takes half a second."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Transactions are begun by _sqlite_begin, not implicitly by the sqlite3 module.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.execute("PRAGMA synchronous=NORMAL")
    # A batch of ingest writes bucket rows all over their index: a 64 MB page cache (used
    # only as it fills) and a checkpoint every 128 MB of log, not every 4 MB, write each
    # touched page once for several batches (half the time of ingesting 30,000 reports).
    cur.execute("PRAGMA cache_size=-65536")
    cur.execute("PRAGMA wal_autocheckpoint=32768")
    cur.close()


def _sqlite_begin(conn: Any) -> None:
    # Take the write lock at the start, so two writers never both read then both insert
    # the same id: the second waits (busy_timeout) instead of failing at commit.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


class Store:
    """A database holding trucewatch's records, migrated to the current schema."""

    def __init__(self, url: str | None = None) -> None:
        self.url = resolve_url(url)
        try:
            parsed = make_url(self.url)
        except ArgumentError as exc:
            raise StoreError(
                f"cannot read the database URL {self.url!r}: write a path such as "
                "trucewatch.db, or a URL such as postgresql+psycopg://user@host/dbname"
            ) from exc
        self.is_sqlite = parsed.get_backend_name() == "sqlite"
        if self.is_sqlite and parsed.database and parsed.database != ":memory:":
            folder = Path(parsed.database).parent
            if not folder.is_dir():
                raise StoreError(
                    f"cannot create the database {parsed.database}: no folder {folder}"
                )
        try:
            self.engine: Engine = create_engine(self.url, future=True)
        except (ArgumentError, ImportError) as exc:
            raise StoreError(f"cannot open {self.display_url}: {exc}") from exc
        if self.is_sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
            event.listen(self.engine, "begin", _sqlite_begin)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

    def files(self) -> list[Path]:
        """The files an SQLite store keeps (database, WAL, shared memory, journal); none
        for PostgreSQL or an in-memory database."""
        database = make_url(self.url).database if self.is_sqlite else None
        if not database or database == ":memory:":
            return []
        return [Path(database + suffix) for suffix in ("", "-wal", "-shm", "-journal")]

    @property
    def display_url(self) -> str:
        """The URL with any password hidden."""
        return make_url(self.url).render_as_string(hide_password=True)

    def _alembic(self) -> Config:
        # Alembic takes a third of a second to import: only the code that migrates pays it.
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(_MIGRATIONS))
        cfg.attributes["engine"] = self.engine
        return cfg

    def migrate(self) -> str:
        """Bring the schema to the newest revision; return that revision."""
        if self._at_head():
            return SCHEMA_HEAD
        from alembic import command
        from alembic.util.exc import CommandError

        try:
            command.upgrade(self._alembic(), "head")
        except CommandError as exc:
            # A revision this version does not know: a newer trucewatch wrote the store.
            raise StoreError(
                f"cannot open {self.display_url}: its schema is not one this version of "
                f"trucewatch knows ({exc}); was it written by a newer trucewatch?"
            ) from exc
        except OperationalError as exc:
            raise StoreError(f"cannot migrate {self.display_url}: {exc.orig}") from exc
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot migrate {self.display_url}: {exc}") from exc
        return self.head()

    def _at_head(self) -> bool:
        """Whether the store records exactly the newest revision; any doubt (no table, an
        older or unknown revision, several) leaves the answer to Alembic."""
        try:
            with self.engine.connect() as conn:
                found = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
        except SQLAlchemyError:
            return False
        return [tuple(row) for row in found] == [(SCHEMA_HEAD,)]

    def head(self) -> str:
        """The newest schema revision this version of trucewatch knows."""
        from alembic.script import ScriptDirectory

        head = ScriptDirectory.from_config(self._alembic()).get_current_head()
        assert head is not None
        return head

    def revision(self) -> str | None:
        """The schema revision the database is at, or None if it is empty."""
        from alembic.runtime.migration import MigrationContext

        with self.engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session whose work is committed as one transaction, or rolled back whole."""
        with self._sessions() as session, session.begin():
            yield session

    def close(self) -> None:
        self.engine.dispose()


def open_store(url: str | None = None, *, migrate: bool = True) -> Store:
    """Open (and by default migrate) the store at ``url``; see :func:`resolve_url`."""
    store = Store(url)
    if migrate:
        try:
            store.migrate()
        except StoreError:
            store.close()
            raise
    return store
