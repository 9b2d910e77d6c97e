"""mentions carry claims and flags; incidents carry their range, claims and review status;
patrols and extractions

Existing rows get empty claims, evidence and flags, confidence 1 and review status
"machine" through server defaults.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 17:55:50.179117
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "extractions",
        sa.Column("document_id", sa.String(length=64), nullable=False),
        sa.Column("extractor_version", sa.String(length=40), nullable=False),
        sa.Column("mentions", sa.Integer(), nullable=False),
        sa.Column("coded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_extractions_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("document_id", "extractor_version", name=op.f("pk_extractions")),
    )
    op.create_table(
        "patrols",
        sa.Column("id", sa.String(length=64), nullable=False),
        sa.Column("agreement_key", sa.String(length=100), nullable=False),
        sa.Column("provision_id", sa.String(length=100), nullable=False),
        sa.Column("patrol_date", sa.Date(), nullable=False),
        sa.Column("from_km", sa.Float(), nullable=False),
        sa.Column("to_km", sa.Float(), nullable=False),
        sa.Column("completed", sa.Boolean(), nullable=False),
        sa.Column("parties", sa.JSON(), nullable=False),
        sa.Column("sources", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("document_id", sa.String(length=64), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["documents.id"], name=op.f("fk_patrols_document_id_documents")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_patrols")),
    )
    with op.batch_alter_table("patrols", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_patrols_agreement_key_provision_id"),
            ["agreement_key", "provision_id"],
            unique=False,
        )
        batch_op.create_index(batch_op.f("ix_patrols_document_id"), ["document_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_patrols_patrol_date"), ["patrol_date"], unique=False)

    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("date_start", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("date_end", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("event_time", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("place_id", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("uncertainty_km", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column("claims", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(
            sa.Column("evidence", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(
            sa.Column("confidence", sa.Float(), nullable=False, server_default=sa.text("1.0"))
        )
        batch_op.add_column(
            sa.Column(
                "review_status",
                sa.String(length=16),
                nullable=False,
                server_default=sa.text("'machine'"),
            )
        )
        batch_op.create_index(
            batch_op.f("ix_incidents_review_status"), ["review_status"], unique=False
        )

    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outlet", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("event_time", sa.Time(), nullable=True))
        batch_op.add_column(sa.Column("uncertainty_km", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column("claims", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.add_column(
            sa.Column("flags", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )
        batch_op.drop_column("denied")
        batch_op.drop_column("denied_by")
        batch_op.drop_column("claimed_by")

    with op.batch_alter_table("verdicts", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("claims", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
        )


def downgrade() -> None:
    with op.batch_alter_table("verdicts", schema=None) as batch_op:
        batch_op.drop_column("claims")

    with op.batch_alter_table("mentions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("claimed_by", sa.TEXT(), nullable=True))
        batch_op.add_column(sa.Column("denied_by", sa.TEXT(), nullable=True))
        batch_op.add_column(
            sa.Column("denied", sa.BOOLEAN(), nullable=False, server_default=sa.false())
        )
        batch_op.drop_column("flags")
        batch_op.drop_column("claims")
        batch_op.drop_column("uncertainty_km")
        batch_op.drop_column("event_time")
        batch_op.drop_column("outlet")

    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_review_status"))
        batch_op.drop_column("review_status")
        batch_op.drop_column("confidence")
        batch_op.drop_column("evidence")
        batch_op.drop_column("claims")
        batch_op.drop_column("uncertainty_km")
        batch_op.drop_column("place_id")
        batch_op.drop_column("event_time")
        batch_op.drop_column("date_end")
        batch_op.drop_column("date_start")

    with op.batch_alter_table("patrols", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_patrols_patrol_date"))
        batch_op.drop_index(batch_op.f("ix_patrols_document_id"))
        batch_op.drop_index(batch_op.f("ix_patrols_agreement_key_provision_id"))

    op.drop_table("patrols")
    op.drop_table("extractions")
