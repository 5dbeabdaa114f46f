"""simulation jobs: a manager's simulated office day, readable by every server process

Revision ID: d2f6a8c4e1b3
Revises: b8d4f1a7c3e9
Create Date: 2026-12-08 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = "d2f6a8c4e1b3"
down_revision: str | None = "b8d4f1a7c3e9"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "simulation_jobs",
        sa.Column("id", sa.String(length=32), nullable=False),
        sa.Column("office_id", sa.String(length=64), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("requested_by", sa.String(length=80), nullable=False),
        sa.Column("request", sa.JSON(), nullable=False),
        sa.Column("progress", sa.Float(), nullable=False),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("created_at", booking.store.tables.UTCDateTime(timezone=True), nullable=False),
        sa.Column("started_at", booking.store.tables.UTCDateTime(timezone=True), nullable=True),
        sa.Column("finished_at", booking.store.tables.UTCDateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", booking.store.tables.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'running', 'done', 'failed')", name="simulation_status_known"
        ),
        sa.ForeignKeyConstraint(["office_id"], ["offices.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_simulation_jobs_requested_by_status", "simulation_jobs", ["requested_by", "status"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_simulation_jobs_requested_by_status", table_name="simulation_jobs")
    op.drop_table("simulation_jobs")
