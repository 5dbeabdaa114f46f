"""several people, one appointment: the people booked with the applicant (``booking_people``)
and whose seat each visit row is (``booking_visits.person``, 0 the applicant for every row made
before)

Revision ID: a3c8e1f5d962
Revises: b7d2e9c4a615
Create Date: 2026-12-11 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kernel.database import UTCDateTime

revision: str = "a3c8e1f5d962"
down_revision: str | None = "b7d2e9c4a615"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # In place on both databases: the server default makes every existing visit the applicant's.
    op.add_column("booking_visits", sa.Column("person", sa.Integer(), server_default="0", nullable=False))
    op.create_table(
        "booking_people",
        sa.Column("booking_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.Integer(), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("identity_hash", sa.String(length=64), nullable=False),
        sa.Column("identity_type", sa.String(length=16), nullable=False),
        sa.Column("identity_nationality", sa.String(length=3), nullable=False),
        sa.Column("identity_last4", sa.String(length=4), nullable=False),
        sa.Column("identity_key_id", sa.String(length=16), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("removed_at", UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("person >= 1", name="companion_person_positive"),
        sa.ForeignKeyConstraint(["booking_id"], ["bookings.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("booking_id", "person"),
    )
    op.create_index("ix_booking_people_identity_hash", "booking_people", ["identity_hash"])
    # A party is one ticket: the archive keeps how many people it is for (1 for every ticket before).
    op.add_column("tickets", sa.Column("headcount", sa.Integer(), server_default="1", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("headcount")
    op.drop_index("ix_booking_people_identity_hash", table_name="booking_people")
    op.drop_table("booking_people")
    with op.batch_alter_table("booking_visits") as batch:
        batch.drop_column("person")
