"""flexible requests may ask for several services (one trip, a chain): the services after the
first, in the order served, as a JSON list; every request made before asked for one service

Revision ID: b7d2e9c4a615
Revises: c4e9a7d2f618
Create Date: 2026-12-10 09:00:00.000000
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "b7d2e9c4a615"
down_revision: str | None = "c4e9a7d2f618"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # In place on SQLite and PostgreSQL alike: the server default fills every existing row with
    # an empty list (one service), so no backfill is needed.
    op.add_column(
        "booking_requests",
        sa.Column("later_services", sa.JSON(), server_default=sa.text("'[]'"), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("booking_requests") as batch:
        batch.drop_column("later_services")
