"""booking reminders (one row per booking reminded) and the office's last change to a booking
(when, and why in both languages)

Revision ID: d7b3e9a1c520
Revises: c9a4e7f2b318
Create Date: 2026-12-01 05:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = 'd7b3e9a1c520'
down_revision: str | None = 'c9a4e7f2b318'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('booking_reminders',
    sa.Column('booking_id', sa.Integer(), nullable=False),
    sa.Column('sent_at', booking.store.tables.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['booking_id'], ['bookings.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('booking_id')
    )
    op.add_column('bookings', sa.Column('office_changed_at', booking.store.tables.UTCDateTime(timezone=True), nullable=True))
    op.add_column('bookings', sa.Column('office_change_en', sa.String(length=300), nullable=True))
    op.add_column('bookings', sa.Column('office_change_ar', sa.String(length=300), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('bookings') as batch:
        batch.drop_column('office_change_ar')
        batch.drop_column('office_change_en')
        batch.drop_column('office_changed_at')
    op.drop_table('booking_reminders')
