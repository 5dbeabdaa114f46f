"""fair releases: a flexible request may be an entry into a day's opening draw (the slot chosen),
and each drawn day keeps its claim, seed and figures

Revision ID: b3d7e1f4a920
Revises: a8e4c2f9b615
Create Date: 2026-12-04 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = 'b3d7e1f4a920'
down_revision: str | None = 'a8e4c2f9b615'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'booking_requests',
        sa.Column('preferred_start', booking.store.tables.UTCDateTime(timezone=True), nullable=True),
    )
    op.create_table(
        'release_draws',
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('claimed_at', booking.store.tables.UTCDateTime(timezone=True), nullable=False),
        sa.Column('finished_at', booking.store.tables.UTCDateTime(timezone=True), nullable=True),
        sa.Column('seed', sa.String(length=64), nullable=False),
        sa.Column('entries', sa.Integer(), nullable=False),
        sa.Column('placed', sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint('day'),
    )


def downgrade() -> None:
    op.drop_table('release_draws')
    with op.batch_alter_table('booking_requests') as batch:
        batch.drop_column('preferred_start')
