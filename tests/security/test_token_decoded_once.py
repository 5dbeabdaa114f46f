"""A staff request's bearer token is decoded once, whoever needs it: the role guard, the ``user``
dependency, and the audit of a refusal (which names the token's user even when its session ended)."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from api.app import create_app
from api.auth import TokenIssuer
from api.settings import Settings
from booking.staff import StaffUser
from kernel.clock import FixedClock
from tests.conftest import WORKING_MORNING
from tests.integration.conftest import TEST_IDENTITY_KEY, TEST_SECRET
from tests.integration.helpers import ABBASSIA, PASSWORDS
from tests.live_server import free_port


class CountingIssuer:
    """How often the app's token issuer decoded a token (its ``read`` is counted)."""

    decoded = 0

    def counting(self, read: Callable[[TokenIssuer, str, datetime], StaffUser]) -> Any:
        def counted(issuer: TokenIssuer, token: str, now: datetime) -> StaffUser:
            self.decoded += 1
            return read(issuer, token, now)

        return counted


@pytest.fixture
async def served(
    sqlite_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[httpx.AsyncClient, CountingIssuer]]:
    """The app behind a real uvicorn server on a copy of the seeded database."""
    shutil.copy(sqlite_template, tmp_path / "mawid.sqlite3")
    settings = Settings(
        database_url=f"sqlite:///{tmp_path / 'mawid.sqlite3'}",
        secret_key=TEST_SECRET,
        identity_key=TEST_IDENTITY_KEY,
        data_dir=tmp_path,
    )
    app = create_app(settings, FixedClock(WORKING_MORNING))
    issuer = CountingIssuer()
    monkeypatch.setattr(TokenIssuer, "read", issuer.counting(TokenIssuer.read))
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.01)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            yield client, issuer
    finally:
        server.should_exit = True
        await serving


async def decodes(issuer: CountingIssuer, answer: Awaitable[httpx.Response], status: int) -> int:
    """How many decodes it took to get ``answer`` (which must have ``status``)."""
    response = await answer
    assert response.status_code == status, response.text
    await asyncio.sleep(0.05)  # a refusal's audit runs after the answer is sent
    counted, issuer.decoded = issuer.decoded, 0
    return counted


async def test_a_staff_request_decodes_its_token_once(
    served: tuple[httpx.AsyncClient, CountingIssuer],
) -> None:
    client, issuer = served
    manager = {"username": "manager.cairo", "password": PASSWORDS["manager.cairo"]}
    login = await client.post("/api/v1/auth/token", json=manager)
    bearer = {"Authorization": f"Bearer {login.json()['access_token']}"}
    issuer.decoded = 0
    # Guarded by role and given the user: two readers, one decode.
    statistics = f"/api/v1/manage/offices/{ABBASSIA}/statistics"
    assert await decodes(issuer, client.get(statistics, headers=bearer), 200) == 1
    other_office = client.get("/api/v1/manage/offices/giza-passports/statistics", headers=bearer)
    assert await decodes(issuer, other_office, 403) == 1
    assert await decodes(issuer, client.post("/api/v1/auth/logout", headers=bearer), 204) == 1
    # The session has ended: the guard refuses, and the refusal's audit names the token's user
    # from the same decode.
    assert await decodes(issuer, client.get("/api/v1/auth/me", headers=bearer), 401) == 1
    forged = {"Authorization": "Bearer not.a.token"}
    assert await decodes(issuer, client.get(statistics, headers=forged), 401) == 1
