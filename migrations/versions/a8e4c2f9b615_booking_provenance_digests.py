"""bookings remember where they came from: keyed digests of the address and device that made them,
and of the address that last moved them, for the report of brokered bookings

Revision ID: a8e4c2f9b615
Revises: f1c7d3a9e842
Create Date: 2026-12-03 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = 'a8e4c2f9b615'
down_revision: str | None = 'f1c7d3a9e842'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Nullable columns without defaults: added in place on SQLite and PostgreSQL alike, and the
    # bookings made before this revision simply have no provenance.
    op.add_column('bookings', sa.Column('origin_address', sa.String(length=64), nullable=True))
    op.add_column('bookings', sa.Column('origin_device', sa.String(length=64), nullable=True))
    op.add_column(
        'bookings', sa.Column('moved_at', booking.store.tables.UTCDateTime(timezone=True), nullable=True)
    )
    op.add_column('bookings', sa.Column('moved_address', sa.String(length=64), nullable=True))
    op.create_index('ix_bookings_created_at', 'bookings', ['created_at'])
    op.create_index('ix_bookings_moved_at', 'bookings', ['moved_at'])


def downgrade() -> None:
    op.drop_index('ix_bookings_moved_at', table_name='bookings')
    op.drop_index('ix_bookings_created_at', table_name='bookings')
    with op.batch_alter_table('bookings') as batch:
        batch.drop_column('moved_address')
        batch.drop_column('moved_at')
        batch.drop_column('origin_device')
        batch.drop_column('origin_address')
