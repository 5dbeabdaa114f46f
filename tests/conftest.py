"""Fixtures shared by every test: a clock on a working day and the databases."""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from sqlalchemy.engine import make_url

import booking.staff
from api.rate_limits import room_env
from booking.store.migrate import migrate
from booking.store.seed import seed_demo_accounts, seed_demo_offices
from kernel.clock import FixedClock
from kernel.database import Database
from tests.postgres_databases import PostgresTemplate, template_digest
from tests.services import POSTGRES_ADMIN_URL, port_open, require

# Sunday 6 December 2026, 08:00 in Cairo: a working day with no holiday.
WORKING_MORNING = datetime.fromisoformat("2026-12-06T08:00:00+02:00")
TEST_LIMIT_ROOM = "100000/hour"
# Tests not about rate limits make many bookings, look-ups and check-ins from one address; the
# servers they start inherit this room. tests/security/test_rate_limits.py sets the limits it tests.
for _name, _value in room_env(TEST_LIMIT_ROOM).items():
    os.environ.setdefault(_name, _value)
# Likewise many bookings share the test mobile number and expect a cancelled seat back at once;
# tests/security/test_identity_rules.py sets the per-mobile cap and the cool-off it tests.
os.environ.setdefault("MAWID_ACTIVE_BOOKINGS_PER_MOBILE", "10000")
os.environ.setdefault("MAWID_RELEASE_COOL_OFF_MINUTES", "0")
# No puzzles for servers that book in bulk; tests/security/test_proof_of_work.py and the page's
# browser test set MAWID_POW themselves.
os.environ.setdefault("MAWID_POW", "off")
# The one-step booking (201) for servers and apps that book to test something else; verified
# mobiles have their own tests (tests/integration/reach/test_verified_mobile.py), which turn it on.
os.environ.setdefault("MAWID_PHONE_VERIFICATION", "off")
# Outside demo mode a server needs an identity key of its own (tests that check the refusal
# build their settings from an explicit environment).
os.environ.setdefault("MAWID_IDENTITY_KEY", "test-identity-key-that-is-long-enough-0123456789")
# Servers and commands that seed the demo (``mawid seed-demo``, MAWID_DEMO=1) write no simulated
# past unless a test asks for it: seconds each, and counts that tests expect empty.
os.environ.setdefault("MAWID_DEMO_HISTORY_WEEKS", "0")
# Passwords the tests set (the demo accounts in the template databases, accounts made in this
# process) are hashed with Argon2id at its lowest cost. A hash carries its own parameters and
# verifying follows them, so each staff login costs microseconds instead of ~0.3 s of CPU, in this
# process and in every server process reading those databases; what a login checks is unchanged.
# The servers' own hashing keeps the production cost: accounts they create and the dummy hash an
# unknown name is verified against (the login-flood test hashes against that one).
booking.staff._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)


async def _prepare(url: str) -> None:
    database = Database(url)
    try:
        await migrate(database)
        await seed_demo_offices(database)
        await seed_demo_accounts(database, WORKING_MORNING)
    finally:
        await database.dispose()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated, seeded SQLite file; each test gets a copy (seconds saved on hashing)."""
    path = tmp_path_factory.mktemp("template") / "mawid.sqlite3"
    asyncio.run(_prepare(f"sqlite:///{path}"))
    return path


@pytest.fixture(scope="session")
def postgres_template() -> Iterator[PostgresTemplate]:
    """The session's migrated, seeded template database on the PostgreSQL server (see
    tests/postgres_databases.py), dropped at the end of the session."""
    admin = make_url(POSTGRES_ADMIN_URL)
    require(port_open(admin.host or "127.0.0.1", admin.port or 5432), "PostgreSQL")
    template = PostgresTemplate(POSTGRES_ADMIN_URL, template_digest(WORKING_MORNING.isoformat()))
    try:
        template.build(_prepare)
        yield template
    finally:
        template.close()


@contextmanager
def fresh_database(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh database with the demo offices and accounts on ``backend`` (``sqlite``
    or ``postgres``): a copy of the session's template file, or a PostgreSQL database cloned
    from the session's template and dropped afterwards."""
    if backend == "sqlite":
        path = tmp_path / "mawid.sqlite3"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
        return
    template: PostgresTemplate = request.getfixturevalue("postgres_template")
    url = template.clone()
    try:
        yield url
    finally:
        template.drop(url)


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh database (``fresh_database``) on each backend in turn."""
    with fresh_database(request, request.param, tmp_path) as url:
        yield url


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(WORKING_MORNING)
