"""Alembic environment: reuses a connection handed in by ``booking.store.migrate`` when there is
one, otherwise connects to ``MAWID_DATABASE_URL`` (for `alembic revision --autogenerate`)."""

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

# Every module that defines tables, so that they all join Base.metadata: one schema.
import booking.store.audit_events
import booking.store.planning_tables  # noqa: F401
import queue_display.archive.tables  # noqa: F401
from booking.store.database import Database
from booking.store.tables import Base

config = context.config
target_metadata = Base.metadata


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


async def _run_online() -> None:
    url = os.environ.get("MAWID_DATABASE_URL") or config.get_main_option("sqlalchemy.url") or ""
    database = Database(url)
    try:
        await database.write(_run)
    finally:
        await database.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_online())
