"""waitlist entries, their offices and offers (a freed seat held for one person at a time), the
offer a resting seat is held for, and bookings asked to reconfirm

Revision ID: c9f4a2e7d318
Revises: d4f8a2c6e913
Create Date: 2026-12-12 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kernel.database

revision: str = "c9f4a2e7d318"
down_revision: str | None = "d4f8a2c6e913"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LIVE_ENTRY = "status IN ('awaiting_verification', 'waiting', 'offered')"
UTC = kernel.database.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "waitlist_entries",
        sa.Column("entry_id", sa.String(length=32), nullable=False),
        sa.Column("identity_hash", sa.String(length=64), nullable=False),
        sa.Column("identity_type", sa.String(length=16), nullable=False),
        sa.Column("identity_nationality", sa.String(length=3), nullable=False),
        sa.Column("identity_last4", sa.String(length=4), nullable=False),
        sa.Column("identity_key_id", sa.String(length=16), nullable=False),
        sa.Column("senior_on_visit", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("first_day", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.Column("code_digest", sa.String(length=64), nullable=True),
        sa.Column("code_expires_at", UTC, nullable=True),
        sa.Column("code_sent_at", UTC, nullable=True),
        sa.Column("code_sends", sa.Integer(), nullable=False),
        sa.Column("code_wrong", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status IN ('awaiting_verification', 'waiting', 'offered', 'booked', 'left', 'lapsed', 'ended')",
            name="waitlist_status_known",
        ),
        sa.PrimaryKeyConstraint("entry_id"),
    )
    op.create_index("ix_waitlist_entries_identity_hash", "waitlist_entries", ["identity_hash"])
    op.create_index("ix_waitlist_entries_line", "waitlist_entries", ["service", "status", "created_at"])
    op.create_index(
        "uq_waitlist_live_identity_service",
        "waitlist_entries",
        ["identity_hash", "service"],
        unique=True,
        sqlite_where=sa.text(LIVE_ENTRY),
        postgresql_where=sa.text(LIVE_ENTRY),
    )
    op.create_table(
        "waitlist_offices",
        sa.Column("entry_id", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(["entry_id"], ["waitlist_entries.entry_id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("entry_id", "office_id"),
    )
    op.create_index("ix_waitlist_offices_office_id", "waitlist_offices", ["office_id"])
    op.create_table(
        "waitlist_offers",
        sa.Column("offer_id", sa.String(length=32), nullable=False),
        sa.Column("entry_id", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("starts_at", UTC, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("expires_at", UTC, nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("notified_at", UTC, nullable=True),
        sa.Column("answered_at", UTC, nullable=True),
        sa.CheckConstraint(
            "status IN ('offered', 'accepted', 'declined', 'expired')", name="waitlist_offer_status_known"
        ),
        sa.ForeignKeyConstraint(["entry_id"], ["waitlist_entries.entry_id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["office_id"], ["offices.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("offer_id"),
    )
    op.create_index("ix_waitlist_offers_entry_id", "waitlist_offers", ["entry_id"])
    op.create_index("ix_waitlist_offers_status_expiry", "waitlist_offers", ["status", "expires_at"])
    op.create_index("ix_waitlist_offers_slot", "waitlist_offers", ["office_id", "service", "starts_at"])
    op.add_column("slot_holds", sa.Column("offer_id", sa.String(length=32), nullable=True))
    op.create_index("ix_slot_holds_offer_id", "slot_holds", ["offer_id"])
    op.create_table(
        "booking_reconfirmations",
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("service", sa.String(length=40), nullable=False),
        sa.Column("asked_at", UTC, nullable=False),
        sa.Column("deadline", UTC, nullable=False),
        sa.Column("confirmed_at", UTC, nullable=True),
        sa.Column("released_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("booking_id"),
    )
    op.create_index("ix_booking_reconfirmations_deadline", "booking_reconfirmations", ["deadline"])


def downgrade() -> None:
    op.drop_index("ix_booking_reconfirmations_deadline", table_name="booking_reconfirmations")
    op.drop_table("booking_reconfirmations")
    op.drop_index("ix_slot_holds_offer_id", table_name="slot_holds")
    with op.batch_alter_table("slot_holds") as batch:
        batch.drop_column("offer_id")
    op.drop_index("ix_waitlist_offers_slot", table_name="waitlist_offers")
    op.drop_index("ix_waitlist_offers_status_expiry", table_name="waitlist_offers")
    op.drop_index("ix_waitlist_offers_entry_id", table_name="waitlist_offers")
    op.drop_table("waitlist_offers")
    op.drop_index("ix_waitlist_offices_office_id", table_name="waitlist_offices")
    op.drop_table("waitlist_offices")
    op.drop_index("uq_waitlist_live_identity_service", table_name="waitlist_entries")
    op.drop_index("ix_waitlist_entries_line", table_name="waitlist_entries")
    op.drop_index("ix_waitlist_entries_identity_hash", table_name="waitlist_entries")
    op.drop_table("waitlist_entries")
