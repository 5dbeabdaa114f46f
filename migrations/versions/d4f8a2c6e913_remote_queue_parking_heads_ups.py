"""remote queue: parked tickets (a status, when parked and when back at the kiosk) and the
"text me when I'm close" heads-ups

Revision ID: d4f8a2c6e913
Revises: a3c8e1f5d962
Create Date: 2026-12-01 15:40:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kernel.database

revision: str = "d4f8a2c6e913"
down_revision: str | None = "a3c8e1f5d962"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_STATUSES = "status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred')"
NEW_STATUSES = "status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'parked')"


def upgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.add_column(sa.Column("parked_at", kernel.database.UTCDateTime(timezone=True), nullable=True))
        batch.add_column(sa.Column("returned_at", kernel.database.UTCDateTime(timezone=True), nullable=True))
        batch.drop_constraint("ticket_status_known", type_="check")
        batch.create_check_constraint("ticket_status_known", NEW_STATUSES)
    # The sweep that lapses parked tickets reads only the few rows with a parking time.
    op.create_index("ix_tickets_parked_at", "tickets", ["parked_at"])
    op.create_table(
        "ticket_heads_ups",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ticket_id", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("ahead", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("asked_at", kernel.database.UTCDateTime(timezone=True), nullable=False),
        sa.Column("near_sent_at", kernel.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column("called_sent_at", kernel.database.UTCDateTime(timezone=True), nullable=True),
        sa.Column("closed_at", kernel.database.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(["office_id"], ["offices.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("ticket_id", name="heads_up_one_per_ticket"),
    )
    op.create_index("ix_ticket_heads_ups_office_day", "ticket_heads_ups", ["office_id", "day"])


def downgrade() -> None:
    op.drop_index("ix_ticket_heads_ups_office_day", table_name="ticket_heads_ups")
    op.drop_table("ticket_heads_ups")
    op.drop_index("ix_tickets_parked_at", table_name="tickets")
    op.execute("UPDATE tickets SET status = 'no_show' WHERE status = 'parked'")
    with op.batch_alter_table("tickets") as batch:
        batch.drop_constraint("ticket_status_known", type_="check")
        batch.create_check_constraint("ticket_status_known", OLD_STATUSES)
        batch.drop_column("returned_at")
        batch.drop_column("parked_at")
