"""Real server processes for the display feed: one on the in-memory backend, and two sharing
Redis (and one SQLite file), each with a fast ping. Every test takes an office of its own, so
the servers are shared by a module without the tests seeing each other."""

from __future__ import annotations

import itertools
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from booking.demo import DEMO_OFFICES
from tests.conftest import WORKING_MORNING
from tests.integration.conftest import TEST_SECRET
from tests.live_server import LiveServer, live_server
from tests.services import REDIS_URL, redis_key_space

PING_SECONDS = 0.3


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.slow)


def server_env(data_dir: Path, sqlite_template: Path, **extra: str) -> dict[str, str]:
    database = data_dir / "mawid.sqlite3"
    if not database.exists():
        shutil.copy(sqlite_template, database)
    return {
        "MAWID_DATABASE_URL": f"sqlite:///{database}",
        "MAWID_SECRET_KEY": TEST_SECRET,
        "MAWID_CLOCK": WORKING_MORNING.isoformat(),
        "MAWID_DEMO": "0",
        "MAWID_DATA_DIR": str(data_dir),
        "MAWID_REDIS_URL": "",
        "MAWID_DISPLAY_PING_SECONDS": str(PING_SECONDS),
        **extra,
    }


@pytest.fixture(scope="module")
def offices() -> Iterator[str]:
    """A different demo office for every test of the module."""
    return itertools.cycle(office.id for office in DEMO_OFFICES)


@pytest.fixture
def office_id(offices: Iterator[str]) -> str:
    return next(offices)


@pytest.fixture(scope="module")
def memory_site(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    with live_server(server_env(tmp_path_factory.mktemp("display-memory"), sqlite_template)) as server:
        yield server


@pytest.fixture(scope="module")
def redis_prefix() -> Iterator[str]:
    """A Redis key prefix of the module's own; its keys are deleted afterwards."""
    with redis_key_space() as prefix:
        yield prefix


@contextmanager
def server_pair(env: dict[str, str]) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Two server processes with the same settings (one database, one Redis): two doors."""
    with live_server(env) as first, live_server(env) as second:
        yield first, second


@pytest.fixture(scope="module")
def redis_pair(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory, redis_prefix: str
) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Two server processes on one database and one Redis: one system, two doors."""
    data_dir = tmp_path_factory.mktemp("display-redis")
    env = server_env(data_dir, sqlite_template, MAWID_REDIS_URL=REDIS_URL, MAWID_REDIS_PREFIX=redis_prefix)
    with server_pair(env) as pair:
        yield pair
