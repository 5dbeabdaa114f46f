"""tickets carry a chain's later visits: one ticket goes from service to service under one number,
and a live queue taken up again from the archive must still know where it goes next

Revision ID: c4e9a7d2f618
Revises: e3b9d5f1a704
Create Date: 2026-12-09 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "c4e9a7d2f618"
down_revision: str | None = "e3b9d5f1a704"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Added in place on SQLite and PostgreSQL alike: the tickets archived before this revision
    # were single services (no later visits, none served before).
    op.add_column("tickets", sa.Column("next_visits", sa.JSON(), nullable=True))
    op.add_column("tickets", sa.Column("visits_served", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("tickets") as batch:
        batch.drop_column("visits_served")
        batch.drop_column("next_visits")
