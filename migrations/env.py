"""Alembic environment: reuses a connection handed in by ``booking.store.migrate`` when there is
one, otherwise connects to ``MAWID_DATABASE_URL`` (for `alembic revision --autogenerate`)."""

import asyncio
import os

from alembic import context
from sqlalchemy.engine import Connection

from booking.store.database import create_engine
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
    url = os.environ.get("MAWID_DATABASE_URL") or config.get_main_option("sqlalchemy.url")
    engine = create_engine(url)
    async with engine.connect() as connection:
        await connection.run_sync(_run)
        await connection.commit()
    await engine.dispose()


connection = config.attributes.get("connection")
if connection is not None:
    _run(connection)
else:
    asyncio.run(_run_online())
