"""Reading rows whose key is in a set of ids, a few hundred ids per query; one writer at a time."""

from __future__ import annotations

import zlib
from collections.abc import Collection
from typing import Any

from sqlalchemy import Select, delete, text
from sqlalchemy.orm import InstrumentedAttribute, Session

__all__ = ["delete_where_in", "one_writer", "rows_where_in"]

_CHUNK = 500  # ids per IN (...) clause: well under SQLite's and PostgreSQL's limits


def rows_where_in(
    session: Session,
    query: Select[*tuple[Any, ...]],
    column: InstrumentedAttribute[str],
    ids: Collection[str] | None,
) -> list[Any]:
    """The result rows of ``query``: all when ``ids`` is None, else those with ``column`` in it."""
    if ids is None:
        return list(session.execute(query))
    keys = sorted(ids)
    out: list[Any] = []
    for i in range(0, len(keys), _CHUNK):
        chunk = keys[i : i + _CHUNK]
        out.extend(session.execute(query.where(column.in_(chunk))))
    return out


def delete_where_in(
    session: Session, model: type[Any], column: InstrumentedAttribute[str], ids: Collection[str]
) -> None:
    """Delete the rows of ``model`` whose ``column`` is in ``ids``, a few hundred at a time."""
    keys = sorted(ids)
    for i in range(0, len(keys), _CHUNK):
        session.execute(delete(model).where(column.in_(keys[i : i + _CHUNK])))


def one_writer(session: Session, stage: str) -> None:
    """Wait until no other transaction runs ``stage`` on this store, then hold it.

    Two corroborations at once would each read the same unassigned mentions and write the
    same incident. SQLite already serialises writers (transactions begin IMMEDIATE); on
    PostgreSQL a transaction-scoped advisory lock does, released at commit or rollback.
    """
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"trucewatch:{stage}".encode())
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
