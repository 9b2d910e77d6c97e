"""near-duplicate bands: the LSH buckets each document falls in

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 16:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "near_duplicate_bands",
        sa.Column("band", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents.id"],
            name=op.f("fk_near_duplicate_bands_document_id_documents"),
        ),
        sa.PrimaryKeyConstraint("band", "document_id", name=op.f("pk_near_duplicate_bands")),
    )


def downgrade() -> None:
    op.drop_table("near_duplicate_bands")
