"""Alembic environment: migrates the engine handed over by trucewatch's Store."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from trucewatch.store.models import Base

config = context.config
engine = config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("run migrations through trucewatch.store.Store.migrate()")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=engine.dialect.name == "sqlite",
        compare_type=True,
    )
    context.run_migrations()
