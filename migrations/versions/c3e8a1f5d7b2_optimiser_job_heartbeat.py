"""optimiser jobs: a heartbeat on the database's clock, so every process agrees when a job died

Revision ID: c3e8a1f5d7b2
Revises: b7c41e0a9d25
Create Date: 2026-12-01 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = 'c3e8a1f5d7b2'
down_revision: str | None = 'b7c41e0a9d25'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'optimiser_jobs',
        sa.Column('heartbeat_at', booking.store.tables.UTCDateTime(timezone=True), nullable=True),
    )
    # Jobs live at the upgrade get one grace period from now; a process that still runs them
    # writes their heartbeat from here on, and one that stopped lets them read interrupted.
    sqlite = op.get_bind().dialect.name == 'sqlite'
    now = sa.func.strftime('%Y-%m-%d %H:%M:%f', 'now') if sqlite else sa.func.now()
    jobs = sa.table('optimiser_jobs', sa.column('status'), sa.column('heartbeat_at'))
    op.execute(jobs.update().where(jobs.c.status.in_(['queued', 'running'])).values(heartbeat_at=now))


def downgrade() -> None:
    with op.batch_alter_table('optimiser_jobs') as batch:
        batch.drop_column('heartbeat_at')
