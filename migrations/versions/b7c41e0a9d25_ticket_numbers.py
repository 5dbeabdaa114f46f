"""ticket numbers: the last ticket sequence per office and day, decided by the database

Revision ID: b7c41e0a9d25
Revises: 9d207c862488
Create Date: 2026-11-30 17:00:00.000000
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = 'b7c41e0a9d25'
down_revision: str | None = '9d207c862488'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('ticket_numbers',
    sa.Column('office_id', sa.String(length=64), nullable=False),
    sa.Column('day', sa.Date(), nullable=False),
    sa.Column('last', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['office_id'], ['offices.id'], ),
    sa.PrimaryKeyConstraint('office_id', 'day')
    )
    # Days already under way continue from their highest archived ticket.
    op.execute(
        "INSERT INTO ticket_numbers (office_id, day, last) "
        "SELECT office_id, day, MAX(sequence) FROM tickets GROUP BY office_id, day"
    )


def downgrade() -> None:
    op.drop_table('ticket_numbers')
