"""The store: SQLAlchemy models, Alembic migrations, SQLite (WAL) or PostgreSQL.

Its names load on first use (PEP 562): ``ENV_VAR`` and ``resolve_url`` need no SQLAlchemy.
"""

from typing import TYPE_CHECKING

from trucewatch._lazy import lazy_names as _lazy_names
from trucewatch.store.url import DEFAULT_DB, ENV_VAR, resolve_url

if TYPE_CHECKING:
    from trucewatch.store.engine import Store, open_store
    from trucewatch.store.models import (
        Agreement,
        Base,
        Document,
        Extraction,
        Incident,
        IncidentMention,
        Mention,
        NearDuplicateBand,
        Patrol,
        Review,
        Verdict,
    )

__all__ = [
    "DEFAULT_DB",
    "ENV_VAR",
    "Agreement",
    "Base",
    "Document",
    "Extraction",
    "Incident",
    "IncidentMention",
    "Mention",
    "NearDuplicateBand",
    "Patrol",
    "Review",
    "Store",
    "Verdict",
    "open_store",
    "resolve_url",
]

__getattr__ = _lazy_names(
    __name__,
    {
        "trucewatch.store.engine": ("Store", "open_store"),
        "trucewatch.store.models": (
            "Agreement",
            "Base",
            "Document",
            "Extraction",
            "Incident",
            "IncidentMention",
            "Mention",
            "NearDuplicateBand",
            "Patrol",
            "Review",
            "Verdict",
        ),
    },
)
