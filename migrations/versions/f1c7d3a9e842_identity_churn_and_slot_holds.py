"""identities that cost something: churn counters, mobile lock stripes, slot holds (cool-off)

Revision ID: f1c7d3a9e842
Revises: f1c7d2e8a903
Create Date: 2026-12-02 12:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = 'f1c7d3a9e842'
down_revision: str | None = 'f1c7d2e8a903'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ACTIVE = "status IN ('confirmed', 'checked_in')"


def upgrade() -> None:
    op.create_table('slot_holds',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('office_id', sa.String(length=64), nullable=False),
    sa.Column('service', sa.String(length=40), nullable=False),
    sa.Column('starts_at', booking.store.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('until', booking.store.tables.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_slot_holds_slot', 'slot_holds', ['office_id', 'service', 'starts_at'], unique=False)
    op.create_index(op.f('ix_slot_holds_until'), 'slot_holds', ['until'], unique=False)
    op.create_table('churn_counts',
    sa.Column('subject', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=24), nullable=False),
    sa.Column('period', sa.String(length=10), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=False),
    sa.CheckConstraint('count >= 0', name='churn_count_not_negative'),
    sa.PrimaryKeyConstraint('subject', 'kind', 'period')
    )
    op.create_index(op.f('ix_churn_counts_expires_on'), 'churn_counts', ['expires_on'], unique=False)
    op.create_table('mobile_locks',
    sa.Column('stripe', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('taken', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('stripe')
    )
    op.create_index(
        'ix_bookings_active_phone', 'bookings', ['phone'], unique=False,
        sqlite_where=sa.text(_ACTIVE), postgresql_where=sa.text(_ACTIVE),
    )


def downgrade() -> None:
    op.drop_index('ix_bookings_active_phone', table_name='bookings')
    op.drop_table('mobile_locks')
    op.drop_index(op.f('ix_churn_counts_expires_on'), table_name='churn_counts')
    op.drop_table('churn_counts')
    op.drop_index(op.f('ix_slot_holds_until'), table_name='slot_holds')
    op.drop_index('ix_slot_holds_slot', table_name='slot_holds')
    op.drop_table('slot_holds')
