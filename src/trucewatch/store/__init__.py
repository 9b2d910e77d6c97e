"""The store: SQLAlchemy models, Alembic migrations, SQLite (WAL) or PostgreSQL."""

from trucewatch.store.engine import DEFAULT_DB, ENV_VAR, Store, open_store, resolve_url
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
