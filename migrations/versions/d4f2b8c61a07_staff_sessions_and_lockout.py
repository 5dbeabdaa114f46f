"""staff accounts: a token version that revokes sessions, and a lock-out after wrong passwords

Revision ID: d4f2b8c61a07
Revises: c3e8a1f5d7b2
Create Date: 2026-12-02 10:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import booking.store.tables

revision: str = 'd4f2b8c61a07'
down_revision: str | None = 'c3e8a1f5d7b2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('staff_users') as batch:
        batch.add_column(sa.Column('token_version', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(sa.Column('failed_logins', sa.Integer(), nullable=False, server_default='0'))
        batch.add_column(
            sa.Column('locked_until', booking.store.tables.UTCDateTime(timezone=True), nullable=True)
        )
        batch.add_column(
            sa.Column('last_login_at', booking.store.tables.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table('staff_users') as batch:
        batch.drop_column('last_login_at')
        batch.drop_column('locked_until')
        batch.drop_column('failed_logins')
        batch.drop_column('token_version')
