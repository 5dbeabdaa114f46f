"""The database every context's store shares: the one way into it (``Database``) and the
declarative ``Base`` (with the ``UTCDateTime`` column type) that every context's tables join.

The kernel's one module that knows SQLAlchemy; the domain cores never import it (import-linter,
``pyproject.toml``). Each context keeps its own tables and statements (``booking/store/``,
``planning/store/``, ``queue_display/archive/``), all on this one ``Base``, so Alembic
(``migrations/env.py``, which imports each table module) sees one schema.

``Database`` runs a plain function on a connection, inside a transaction, off the event loop.

Store code is ordinary synchronous SQLAlchemy over a ``Connection``; this module decides how it
runs:

- SQLite (embedded default): the stdlib driver in threads. All writes of a process go through one
  writer thread, so they queue in Python rather than in SQLite's sleeping busy handler, and a
  write transaction costs one hop off the event loop instead of one per statement. Writes begin
  ``IMMEDIATE`` (the lock is held from the first read), reads ``DEFERRED``; WAL lets reads run
  beside the writer; a busy timeout makes writers of other processes wait their turn.
- PostgreSQL: asyncpg, the function running through ``AsyncConnection.run_sync``.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from sqlalchemy import (
    JSON,
    ColumnElement,
    DateTime,
    Dialect,
    Engine,
    TypeDecorator,
    create_engine,
    event,
    func,
    literal,
    or_,
    update,
)
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import Interval

T = TypeVar("T")
BUSY_TIMEOUT_MS = 15_000
READER_THREADS = 4


class Base(DeclarativeBase):
    """Every context's tables: one metadata, one schema."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {dict[str, Any]: JSON, list[str]: JSON}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no offset of its own)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


PREPARED_STATEMENTS = 500
"""Statements asyncpg keeps prepared per connection (SQLAlchemy's default is 100): the app runs a
few hundred distinct ones, and one evicted is prepared again, a round trip more, on its next use."""


class Database:
    def __init__(self, url: str, pool: tuple[int, int] = (10, 20), **options: Any) -> None:
        """``pool``: PostgreSQL connections kept open and opened beyond them for a burst."""
        # Names and phone numbers must not reach a log through an exception's SQL parameters.
        options.setdefault("hide_parameters", True)
        self.url = url
        parsed = make_url(url)
        self.dialect = parsed.get_backend_name()
        self._async: AsyncEngine | None = None
        self._sync: Engine | None = None
        if self.dialect == "sqlite":
            database = parsed.database or ""
            if database and database != ":memory:":
                _private_sqlite_file(Path(database))
            self._sync = create_engine(
                parsed.set(drivername="sqlite+pysqlite"),
                connect_args={"check_same_thread": False},
                pool_size=READER_THREADS + 1,
                **options,
            )
            _tune_sqlite(self._sync)
            self._writer = ThreadPoolExecutor(1, thread_name_prefix="mawid-db-writer")
            self._readers = ThreadPoolExecutor(READER_THREADS, thread_name_prefix="mawid-db-reader")
        else:
            options.setdefault("pool_size", pool[0])
            options.setdefault("max_overflow", pool[1])
            options.setdefault("pool_pre_ping", True)
            target = parsed
            if parsed.get_driver_name() == "asyncpg" and "prepared_statement_cache_size" not in parsed.query:
                target = parsed.update_query_dict({"prepared_statement_cache_size": str(PREPARED_STATEMENTS)})
            self._async = create_async_engine(target, **options)

    async def write(self, work: Callable[[Connection], T]) -> T:
        """Run ``work`` in a transaction that may write; committed when it returns."""
        return await self._run(work, write=True)

    async def read(self, work: Callable[[Connection], T]) -> T:
        return await self._run(work, write=False)

    async def read_one(self, work: Callable[[Connection], T]) -> T:
        """Run ``work``, which reads with ONE statement, outside a transaction on PostgreSQL: a
        statement is consistent by itself, and the BEGIN and COMMIT around it were two of its four
        round trips (availability reads its seat counts this way every second). On SQLite, as
        ``read``."""
        return await self._run(work, write=False, transaction=False)

    async def _run(self, work: Callable[[Connection], T], write: bool, transaction: bool = True) -> T:
        if self._sync is not None:
            engine = self._sync
            pool = self._writer if write else self._readers

            def in_thread() -> T:  # (in SQLite's own thread a transaction costs less than leaving it)
                with engine.connect() as connection:
                    connection = connection.execution_options(write=write)
                    with connection.begin():
                        return work(connection)

            return await asyncio.get_running_loop().run_in_executor(pool, in_thread)
        assert self._async is not None
        async with self._async.connect() as connection:
            if not transaction:
                alone = await connection.execution_options(isolation_level="AUTOCOMMIT")
                return await alone.run_sync(work)
            async with connection.begin():
                return await connection.run_sync(work)

    async def dispose(self) -> None:
        if self._sync is not None:
            self._writer.shutdown(wait=True)
            self._readers.shutdown(wait=True)
            self._sync.dispose()
        if self._async is not None:
            await self._async.dispose()


def _private_sqlite_file(path: Path) -> None:
    """Create the database file owner-only (0600) before SQLite opens it, so names and mobiles
    are never world-readable; SQLite gives its -wal and -shm files the main file's mode. A file
    left readable by an older version is made private again, its -wal and -shm too."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    with contextlib.suppress(FileExistsError):
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(FileNotFoundError):
            if file.stat().st_mode & 0o077:
                file.chmod(0o600)


def _tune_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let us issue BEGIN ourselves; the driver's implicit BEGIN is always DEFERRED.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = "IMMEDIATE" if connection.get_execution_options().get("write") else "DEFERRED"
        connection.exec_driver_sql(f"BEGIN {mode}")


_SQLITE_TIME = "%Y-%m-%d %H:%M:%f"  # UTC, the text shape SQLAlchemy stores SQLite datetimes in


def database_now(dialect: str, ago: timedelta = timedelta(0)) -> ColumnElement[Any]:
    """The database's clock (minus ``ago``), in the shape ``heartbeat_at`` is stored in, so that
    comparisons stay inside the database. SQLite's ``CURRENT_TIMESTAMP`` drops the fraction of a
    second; ``strftime('%f')`` keeps milliseconds, and its text compares in time order with what
    SQLAlchemy writes (``YYYY-MM-DD HH:MM:SS.ffffff``)."""
    if dialect == "sqlite":
        return func.strftime(_SQLITE_TIME, "now", f"-{ago.total_seconds():.3f} seconds")
    return func.now() - literal(ago, Interval())


def silent_job(row: Any, live: Iterable[str], dialect: str, stale_after: timedelta) -> ColumnElement[bool]:
    """A job of table ``row`` (columns ``status`` and ``heartbeat_at``) that is live and whose
    process has not been heard from for ``stale_after`` by the database's clock: the optimiser's
    jobs and the simulations share this rule."""
    heartbeat = row.heartbeat_at
    threshold = database_now(dialect, stale_after)
    return row.status.in_(live) & or_(heartbeat.is_(None), heartbeat < threshold)


def update_live_job(conn: Connection, row: Any, job_id: str, live: Iterable[str], **values: Any) -> bool:
    """Update the job ``job_id`` of table ``row`` if it is still live, and beat its heart on the
    database's clock; False when it is no longer live (finished, or presumed dead by another
    process), which then stays as it is."""
    done = conn.execute(
        update(row)
        .where(row.id == job_id, row.status.in_(live))
        .values(heartbeat_at=database_now(conn.dialect.name), **values)
    )
    return bool(done.rowcount == 1)
