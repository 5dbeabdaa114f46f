"""scheduled runs: one row per (job, due instant), claimed by the process that does it

Revision ID: c5e2a8d41f07
Revises: b3d7e1f4a920
Create Date: 2026-12-01 01:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = 'c5e2a8d41f07'
down_revision: str | None = 'b3d7e1f4a920'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('scheduled_runs',
    sa.Column('job', sa.String(length=40), nullable=False),
    sa.Column('due_at', booking.store.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('claimed_at', booking.store.tables.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_at', booking.store.tables.UTCDateTime(timezone=True), nullable=True),
    sa.Column('outcome', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('job', 'due_at')
    )


def downgrade() -> None:
    op.drop_table('scheduled_runs')
