"""booking holds: a seat held while the citizen types the code texted to their mobile

Revision ID: a3c8e1f5b702
Revises: d7b3e9a1c520
Create Date: 2026-12-01 05:30:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kernel.database

revision: str = 'a3c8e1f5b702'
down_revision: str | None = 'd7b3e9a1c520'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('booking_holds',
    sa.Column('hold_id', sa.String(length=32), nullable=False),
    sa.Column('identity_hash', sa.String(length=64), nullable=False),
    sa.Column('office_id', sa.String(length=64), nullable=False),
    sa.Column('service', sa.String(length=40), nullable=False),
    sa.Column('starts_at', kernel.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('booking', sa.Text(), nullable=False),
    sa.Column('code_digest', sa.String(length=64), nullable=False),
    sa.Column('created_at', kernel.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', kernel.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_sent_at', kernel.database.UTCDateTime(timezone=True), nullable=False),
    sa.Column('sends', sa.Integer(), nullable=False),
    sa.Column('wrong', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=24), nullable=False),
    sa.CheckConstraint("status IN ('awaiting_verification', 'confirmed', 'dropped', 'expired')", name='hold_status_known'),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('hold_id')
    )
    op.create_index('ix_booking_holds_status_expiry', 'booking_holds', ['status', 'expires_at'], unique=False)
    op.create_index('ix_booking_holds_identity', 'booking_holds', ['identity_hash', 'service', 'status'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_booking_holds_identity', table_name='booking_holds')
    op.drop_index('ix_booking_holds_status_expiry', table_name='booking_holds')
    op.drop_table('booking_holds')
