"""The store: SQLAlchemy models, Alembic migrations, SQLite (WAL) or PostgreSQL."""

from trucewatch.store.engine import DEFAULT_DB, ENV_VAR, Store, open_store, resolve_url
from trucewatch.store.models import (
    Agreement,
    Base,
    Document,
    Incident,
    IncidentMention,
    Mention,
    NearDuplicateBand,
    Review,
    Verdict,
)

__all__ = [
    "DEFAULT_DB",
    "ENV_VAR",
    "Agreement",
    "Base",
    "Document",
    "Incident",
    "IncidentMention",
    "Mention",
    "NearDuplicateBand",
    "Review",
    "Store",
    "Verdict",
    "open_store",
    "resolve_url",
]
