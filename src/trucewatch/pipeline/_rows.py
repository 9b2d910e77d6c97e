"""Reading rows whose key is in a set of ids, a few hundred ids per query."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import InstrumentedAttribute, Session

__all__ = ["rows_where_in"]

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
