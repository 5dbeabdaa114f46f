"""counter steps: who opened, paused or closed a counter, and when

Revision ID: 9d207c862488
Revises: 244fbcafbcef
Create Date: 2026-11-29 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = '9d207c862488'
down_revision: str | None = '244fbcafbcef'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('counter_steps',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('office_id', sa.String(length=64), nullable=False),
    sa.Column('counter', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('services', sa.JSON(), nullable=False),
    sa.Column('staff', sa.String(length=80), nullable=True),
    sa.Column('at', booking.store.tables.UTCDateTime(timezone=True), nullable=False),
    sa.CheckConstraint("status IN ('open', 'paused', 'closed')", name='counter_status_known'),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('counter_steps', schema=None) as batch_op:
        batch_op.create_index('ix_counter_steps_office_counter', ['office_id', 'counter'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('counter_steps', schema=None) as batch_op:
        batch_op.drop_index('ix_counter_steps_office_counter')

    op.drop_table('counter_steps')
