"""Which database: the URL given, the ``TRUCEWATCH_DB`` variable, or ./trucewatch.db.

Kept apart from :mod:`trucewatch.store.engine` so the command line can name the
variable in its help without importing SQLAlchemy.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DEFAULT_DB", "ENV_VAR", "resolve_url"]

ENV_VAR = "TRUCEWATCH_DB"
DEFAULT_DB = "trucewatch.db"


def resolve_url(url: str | None = None) -> str:
    """The database URL: the one given, else ``$TRUCEWATCH_DB``, else ./trucewatch.db.

    A bare path is taken as an SQLite file.

    >>> resolve_url("postgresql+psycopg://localhost/tw")
    'postgresql+psycopg://localhost/tw'
    """
    chosen = url or os.environ.get(ENV_VAR) or DEFAULT_DB
    if "://" not in chosen:
        chosen = f"sqlite:///{Path(chosen).expanduser().resolve()}"
    return chosen
