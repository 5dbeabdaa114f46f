"""channels and the pick-up lane: a booking's channel (online, desk, phone), the seats a slot
keeps for assisted bookings and how many a clerk took, an office's assisted share and seniors'
hours, the `clerk` role, and finished documents waiting for collection

Revision ID: e3a8c1f5d920
Revises: c9f4a2e7d318
Create Date: 2026-12-01 15:30:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kernel.database

revision: str = "e3a8c1f5d920"
down_revision: str | None = "c9f4a2e7d318"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ROLES = "role IN ('admin', 'manager', 'agent', 'kiosk', 'clerk')"
OLD_ROLES = "role IN ('admin', 'manager', 'agent', 'kiosk')"


def upgrade() -> None:
    # Server defaults fill every existing row: bookings made so far were made online, slots keep
    # nothing for clerks, offices keep neither a share nor seniors' hours until a manager sets them.
    op.add_column(
        "bookings", sa.Column("channel", sa.String(length=8), server_default="online", nullable=False)
    )
    op.add_column("slot_loads", sa.Column("reserved", sa.Integer(), server_default="0", nullable=False))
    op.add_column(
        "slot_loads", sa.Column("assisted_booked", sa.Integer(), server_default="0", nullable=False)
    )
    op.add_column("offices", sa.Column("assisted_share", sa.Float(), server_default="0", nullable=False))
    op.add_column("offices", sa.Column("seniors_hours", sa.String(length=11), nullable=True))
    # SQLite cannot alter a CHECK in place: batch mode copies the table with the new one.
    with op.batch_alter_table("staff_users", recreate="always") as batch:
        batch.drop_constraint("staff_role_known", type_="check")
        batch.create_check_constraint("staff_role_known", sa.text(ROLES))
    op.create_table(
        "document_readiness",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.Column("document", sa.String(length=24), nullable=False),
        sa.Column("identity_hash", sa.String(length=64), nullable=False),
        sa.Column("identity_last4", sa.String(length=4), nullable=False),
        sa.Column("identity_key_id", sa.String(length=16), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("marked_at", kernel.database.UTCDateTime(), nullable=False),
        sa.Column("marked_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["office_id"], ["offices.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("office_id", "identity_hash", "document", name="uq_document_readiness_once"),
    )
    op.create_index("ix_document_readiness_identity", "document_readiness", ["identity_hash"])


def downgrade() -> None:
    op.drop_index("ix_document_readiness_identity", table_name="document_readiness")
    op.drop_table("document_readiness")
    op.execute("DELETE FROM staff_users WHERE role = 'clerk'")
    with op.batch_alter_table("staff_users", recreate="always") as batch:
        batch.drop_constraint("staff_role_known", type_="check")
        batch.create_check_constraint("staff_role_known", sa.text(OLD_ROLES))
    with op.batch_alter_table("offices") as batch:
        batch.drop_column("seniors_hours")
        batch.drop_column("assisted_share")
    with op.batch_alter_table("slot_loads") as batch:
        batch.drop_column("assisted_booked")
        batch.drop_column("reserved")
    with op.batch_alter_table("bookings") as batch:
        batch.drop_column("channel")
