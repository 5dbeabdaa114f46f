"""Alembic environment: reuses a connection handed in by ``booking.store.migrate`` when there is
one, otherwise connects to ``MAWID_DATABASE_URL`` (for `alembic revision --autogenerate`)."""

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

from booking.store import audit_events, tables
from feedback.store import tables as feedback_tables
from foresight.store import tables as foresight_tables
from guidance.store import tables as guidance_tables
from kernel.database import Base, Database
from messaging.store import tables as messaging_tables
from planning.store import tables as planning_tables
from queue_display.archive import tables as archive_tables

TABLE_MODULES = (
    tables,
    audit_events,
    archive_tables,
    planning_tables,
    messaging_tables,
    feedback_tables,
    foresight_tables,
    guidance_tables,
)
"""Every module that defines tables: importing them is what puts their tables into the kernel's
``Base.metadata`` (``kernel.database``), so Alembic compares the migrations with one whole schema
(tests/integration/test_one_schema.py fails when one is missing here)."""

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
