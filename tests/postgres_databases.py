"""A database of its own for every PostgreSQL test, cloned from a template built once a session.

The session migrates and seeds one template database (``mawid_template_<digest>_<session>``, the
digest over the migrations and the seed), marks it a template that nobody may connect to, and each
test gets ``CREATE DATABASE mawid_test_<session>_<n> TEMPLATE ...`` — a copy of a few megabytes
made in a fraction of a second — dropped when the test ends.

A session holds an advisory lock named after itself on its admin connection for as long as it
runs, so a later session can tell the leftovers of a killed one (lock free) from the databases of
one still running (lock held), and drops only the former. The admin connection lives on an event
loop of its own in a thread, apart from the loops pytest-asyncio gives the tests.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
import secrets
import threading
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Future
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
from sqlalchemy.engine import URL, make_url

ROOT = Path(__file__).resolve().parents[1]
# What the template's contents follow from: the schema and the demo data.
TEMPLATE_SOURCES = (
    *sorted((ROOT / "migrations" / "versions").glob("*.py")),
    ROOT / "booking" / "demo.py",
    ROOT / "booking" / "store" / "seed.py",
)
SESSION_LOCK_CLASS = 0x6D77  # "mw": the first key of every test session's advisory lock
OURS = re.compile(r"^mawid_(?:template_[0-9a-f]{12}|test)_(?P<session>[0-9a-f]{8})(?:_\d+)?$")

T = TypeVar("T")


def template_digest(extra: str = "") -> str:
    """Twelve hex digits over the migrations, the seed and ``extra`` (the seed's clock)."""
    digest = hashlib.sha256(extra.encode())
    for path in TEMPLATE_SOURCES:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


class _Connection:
    """An asyncpg connection that runs one statement at a time for its several callers."""

    def __init__(self, connection: asyncpg.Connection) -> None:
        self._connection = connection
        self._turn = asyncio.Lock()

    @classmethod
    async def open(cls, url: URL) -> _Connection:
        return cls(
            await asyncpg.connect(
                host=url.host, port=url.port, user=url.username, password=url.password,
                database=url.database,
            )
        )

    async def sql(self, sql: str, *args: Any) -> Any:
        async with self._turn:
            return await self._connection.fetch(sql, *args)

    async def close(self) -> None:
        await self._connection.close()


async def _drop(on: _Connection, name: str) -> None:
    if name.startswith("mawid_template_"):
        await on.sql(f"ALTER DATABASE {_quoted(name)} IS_TEMPLATE false ALLOW_CONNECTIONS true")
    await on.sql(f"DROP DATABASE IF EXISTS {_quoted(name)} WITH (FORCE)")


class PostgresTemplate:
    """One test session's template on the server at ``admin_url`` and the clones made from it.

    Off the tests' path: the next clone is made while the current test runs, and a finished
    test's clone is dropped (a checkpoint on the server) on a second connection meanwhile."""

    def __init__(self, admin_url: str, digest: str) -> None:
        self._admin_url = make_url(admin_url)
        self._session = secrets.randbits(31)
        self.template = f"mawid_template_{digest}_{self._session:08x}"
        self._clones = 0
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="postgres-admin", daemon=True)
        self._thread.start()
        self._admin: _Connection | None = None  # holds the session's lock; makes the clones
        self._dropper: _Connection | None = None
        self._spare: Future[str] | None = None
        self._dropping: list[Future[None]] = []

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of ``database`` on the same server, as the app and servers take it."""
        return self._admin_url.set(database=database).render_as_string(hide_password=False)

    def _submit(self, work: Coroutine[Any, Any, T]) -> Future[T]:
        return asyncio.run_coroutine_threadsafe(work, self._loop)

    def build(self, prepare: Callable[[str], Awaitable[None]]) -> None:
        """Take the session's lock, drop what killed sessions left, create the template and fill
        it with ``prepare(url)`` (which must close its connections), then mark it a template."""

        async def build() -> None:
            self._admin = admin = await _Connection.open(self._admin_url)
            self._dropper = await _Connection.open(self._admin_url)
            await admin.sql("SELECT pg_advisory_lock($1, $2)", SESSION_LOCK_CLASS, self._session)
            await self._drop_leftovers(admin)
            await admin.sql(f"CREATE DATABASE {_quoted(self.template)}")
            await prepare(self.url(self.template))
            # No connections allowed: a clone fails while anyone is connected to its template.
            mark = "IS_TEMPLATE true ALLOW_CONNECTIONS false"
            await admin.sql(f"ALTER DATABASE {_quoted(self.template)} {mark}")

        self._submit(build()).result()

    @staticmethod
    async def _drop_leftovers(admin: _Connection) -> None:
        rows = await admin.sql("SELECT datname FROM pg_database WHERE datname LIKE 'mawid\\_%'")
        by_session: dict[int, list[str]] = {}
        for (name,) in rows:
            if found := OURS.match(name):
                by_session.setdefault(int(found["session"], 16), []).append(name)
        for session, names in by_session.items():
            (free,) = (await admin.sql("SELECT pg_try_advisory_lock($1, $2)", SESSION_LOCK_CLASS, session))[0]
            if not free:
                continue  # a session still running
            for name in names:
                await _drop(admin, name)
            await admin.sql("SELECT pg_advisory_unlock($1, $2)", SESSION_LOCK_CLASS, session)

    async def _create_clone(self) -> str:
        assert self._admin is not None
        self._clones += 1
        name = f"mawid_test_{self._session:08x}_{self._clones}"
        await self._admin.sql(f"CREATE DATABASE {_quoted(name)} TEMPLATE {_quoted(self.template)}")
        return self.url(name)

    def clone(self) -> str:
        """A fresh database copied from the template; returns its URL."""
        self._raise_failed_drops()
        ready = self._spare or self._submit(self._create_clone())
        self._spare = self._submit(self._create_clone())
        return ready.result()

    def drop(self, url: str) -> None:
        """Drop a clone, closing whatever connections a test or its servers left open."""
        name = make_url(url).database
        assert self._dropper is not None and name is not None and name.startswith("mawid_test_"), name
        self._dropping.append(self._submit(_drop(self._dropper, name)))

    def _raise_failed_drops(self) -> None:
        done = [future for future in self._dropping if future.done()]
        self._dropping = [future for future in self._dropping if not future.done()]
        for future in done:
            future.result()

    def close(self) -> None:
        """Drop the clones and the template, and release the session's lock."""

        async def close() -> None:
            if self._admin is None:
                return
            try:
                for future in self._dropping:
                    await asyncio.wrap_future(future)
                if self._spare is not None:
                    spare: str = await asyncio.wrap_future(self._spare)
                    await _drop(self._admin, make_url(spare).database or "")
            finally:
                await _drop(self._admin, self.template)
                await self._admin.close()
                if self._dropper is not None:
                    await self._dropper.close()

        try:
            self._submit(close()).result()
        finally:
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join()
            self._loop.close()
