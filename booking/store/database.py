"""Engine set-up for SQLite (embedded default) and PostgreSQL.

SQLite gets WAL (readers never block the writer), a busy timeout (writers queue instead of
failing), and ``BEGIN IMMEDIATE`` for write transactions, so that a transaction takes the write
lock before it reads what it is about to change. Read transactions stay ``DEFERRED``.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

BUSY_TIMEOUT_MS = 15_000


def create_engine(url: str, **options: Any) -> AsyncEngine:
    """An async engine for ``url``; SQLite files get their directory created."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        options.setdefault("pool_size", 10)
        options.setdefault("max_overflow", 20)
        options.setdefault("pool_pre_ping", True)
        return create_async_engine(url, **options)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, **options)
    _tune_sqlite(engine)
    return engine


def _tune_sqlite(engine: AsyncEngine) -> None:
    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves; the driver's implicit BEGIN is always DEFERRED.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = "IMMEDIATE" if connection.get_execution_options().get("write") else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")


_WRITERS: dict[int, asyncio.Lock] = {}


def _writer_lock(engine: AsyncEngine) -> asyncio.Lock | None:
    """SQLite has one writer at a time. Queueing this process's writers on an asyncio lock, rather
    than in SQLite's busy handler (which sleeps in growing steps), keeps the lock busy and the
    latency low; other processes still wait in the busy handler."""
    if engine.dialect.name != "sqlite":
        return None
    return _WRITERS.setdefault(id(engine.sync_engine), asyncio.Lock())


@asynccontextmanager
async def write_transaction(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    """A transaction that will write: on SQLite it holds the write lock from its first read."""
    lock = _writer_lock(engine)
    async with lock or contextlib.nullcontext(), engine.connect() as connection:
        connection = await connection.execution_options(write=True)
        async with connection.begin():
            yield connection


@asynccontextmanager
async def read_transaction(engine: AsyncEngine) -> AsyncIterator[AsyncConnection]:
    async with engine.connect() as connection, connection.begin():
        yield connection
