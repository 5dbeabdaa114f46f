"""A dependency that does not answer is an outage, told to the client as 503 with Retry-After in
both languages — never a 500 — and the process starts and stays up through it."""

from __future__ import annotations

import logging
import shutil
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.services import services_of
from api.settings import Settings
from kernel.clock import FixedClock
from tests.integration.conftest import TEST_SECRET
from tests.integration.helpers import ABBASSIA, login
from tests.live_server import free_port

Client = AsyncTestClient  # type: ignore[type-arg]


def unavailable(response: Any, retry_after: str) -> dict[str, Any]:
    assert response.status_code == 503, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.headers["retry-after"] == retry_after
    body: dict[str, Any] = response.json()
    assert body["code"] == "service_unavailable"
    assert body["detail"] and body["detail_ar"]
    return body


@pytest.fixture
async def without_redis(sqlite_database: str, tmp_path: Path, clock: FixedClock) -> AsyncIterator[Client]:
    """The app on a Redis nobody listens on (a port just closed)."""
    settings = Settings(
        database_url=sqlite_database,
        secret_key=TEST_SECRET,
        data_dir=tmp_path,
        redis_url=f"redis://127.0.0.1:{free_port()}/0",
    )
    async with AsyncTestClient(create_app(settings, clock)) as client:
        yield client


@pytest.fixture
def sqlite_database(sqlite_template: Path, tmp_path: Path) -> str:
    path = tmp_path / "mawid.sqlite3"
    shutil.copy(sqlite_template, path)
    return f"sqlite:///{path}"


async def test_kiosks_counters_and_boards_are_told_to_retry_while_redis_is_down(
    without_redis: Client,
) -> None:
    client = without_redis
    kiosk, agent = await login(client, "kiosk.abbassia"), await login(client, "agent.abbassia")
    walk_in = await client.post(
        f"/api/v1/offices/{ABBASSIA}/tickets", json={"service": "passport-new"}, headers=kiosk
    )
    body = unavailable(walk_in, "3")
    assert "queue" in body["detail"]
    counter = (await client.get(f"/api/v1/offices/{ABBASSIA}")).json()["counters"][0]["id"]
    unavailable(
        await client.post(f"/api/v1/offices/{ABBASSIA}/counters/{counter}/call-next", headers=agent), "3"
    )
    unavailable(await client.get(f"/api/v1/offices/{ABBASSIA}/queue"), "3")
    # Bookings do not need Redis: they go on.
    assert (await client.get("/api/v1/services")).status_code == 200


async def test_an_outage_is_one_line_in_the_log_not_a_traceback_per_request(
    without_redis: Client, caplog: pytest.LogCaptureFixture
) -> None:
    for _ in range(20):
        unavailable(await without_redis.get(f"/api/v1/offices/{ABBASSIA}/queue"), "3")
    outages = services_of(without_redis.app).outages
    assert outages.refusals("queue") == 20
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_readiness_answers_only_when_every_dependency_does(
    without_redis: Client, client: Client
) -> None:
    unavailable(await without_redis.get("/api/v1/ready"), "3")
    assert (await without_redis.get("/api/v1/health")).status_code == 200  # alive all the same
    ready = await client.get("/api/v1/ready")
    assert ready.status_code == 200 and ready.json() == {"status": "ready"}


async def test_a_database_that_does_not_answer_is_503_and_the_app_still_starts(
    tmp_path: Path, clock: FixedClock
) -> None:
    settings = Settings(
        database_url=f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/nowhere",
        secret_key=TEST_SECRET,
        data_dir=tmp_path,
    )
    async with AsyncTestClient(create_app(settings, clock)) as client:
        assert (await client.get("/api/v1/health")).status_code == 200
        unavailable(await client.get("/api/v1/offices"), "5")
        unavailable(
            await client.get("/api/v1/bookings/ABCD2345", headers={"X-Identity-Number": "29001010100015"}),
            "5",
        )
        unavailable(await client.get("/api/v1/ready"), "5")
