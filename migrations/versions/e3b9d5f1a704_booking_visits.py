"""booking visits: every service of a booking at its slot (one trip, several services)

One row per existing booking is written (position 0: its service, office, slot and digest;
active while the booking is), so the unique index on active visits starts out holding exactly
what the bookings' own index held.

Revision ID: e3b9d5f1a704
Revises: d2a6f8c1e947
Create Date: 2026-12-09 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = "e3b9d5f1a704"
down_revision: str | None = "d2a6f8c1e947"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "booking_visits",
        sa.Column("booking_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("position", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.Column("starts_at", booking.store.tables.UTCDateTime(timezone=True), nullable=False),
        sa.Column("ends_at", booking.store.tables.UTCDateTime(timezone=True), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("identity_hash", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("position >= 0", name="visit_position_not_negative"),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["office_id"], ["offices.id"]),
        sa.PrimaryKeyConstraint("booking_id", "position"),
    )
    op.create_index("ix_booking_visits_office_day", "booking_visits", ["office_id", "day"], unique=False)
    op.execute(
        "INSERT INTO booking_visits "
        "(booking_id, position, service, office_id, starts_at, ends_at, day, identity_hash, active) "
        "SELECT id, 0, service, office_id, starts_at, ends_at, day, identity_hash, "
        "status IN ('confirmed', 'checked_in') FROM bookings"
    )
    op.create_index(
        "uq_booking_visits_active_identity_service",
        "booking_visits",
        ["identity_hash", "service"],
        unique=True,
        sqlite_where=sa.text("active"),
        postgresql_where=sa.text("active"),
    )


def downgrade() -> None:
    op.drop_index("uq_booking_visits_active_identity_service", table_name="booking_visits")
    op.drop_index("ix_booking_visits_office_day", table_name="booking_visits")
    op.drop_table("booking_visits")
