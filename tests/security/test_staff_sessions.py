"""Staff sign-in and sessions under attack: a login flood, password guessing, stolen tokens.

Over HTTP on SQLite and PostgreSQL: the app in-process where a hand-moved clock decides a lock's
end, real server processes where the event loop or a second process is what is tested.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.settings import Settings
from booking.staff import Role
from booking.store.staff import StaffStore
from kernel.clock import FixedClock
from kernel.database import Database
from tests.live_server import LiveServer, live_server

SECRET = "staff-sessions-test-secret-0123456789-abcdef"
PASSWORD = "a long enough password 2026"
ABBASSIA = "cairo-abbassia-passports"
GIZA = "giza-passports"
LOCKOUT = {"login_lockout_failures": 3, "login_lockout_seconds": 60.0, "login_lockout_max_seconds": 600.0}


async def new_agent(database_url: str, office: str = ABBASSIA) -> str:
    """An agent account of this test's own (the PostgreSQL database's accounts outlive each test)."""
    username = f"agent.{uuid.uuid4().hex[:8]}"
    database = Database(database_url)
    try:
        await StaffStore(database).create(username, PASSWORD, Role.AGENT, [office], datetime.now(UTC))
    finally:
        await database.dispose()
    return username


@pytest.fixture
async def client(database_url: str, tmp_path: Path, clock: FixedClock) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    settings = Settings(database_url=database_url, secret_key=SECRET, data_dir=tmp_path, **LOCKOUT)  # type: ignore[arg-type]
    async with AsyncTestClient(create_app(settings, clock)) as client:
        yield client


async def log_in(client: AsyncTestClient, username: str, password: str = PASSWORD) -> httpx.Response:  # type: ignore[type-arg]
    return await client.post("/api/v1/auth/token", json={"username": username, "password": password})


async def bearer(client: AsyncTestClient, username: str, password: str = PASSWORD) -> dict[str, str]:  # type: ignore[type-arg]
    response = await log_in(client, username, password)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


async def test_after_three_wrong_passwords_even_the_right_one_waits_for_a_doubling_back_off(
    client, database_url, clock
):
    agent = await new_agent(database_url)
    for _ in range(3):
        assert (await log_in(client, agent, "guess")).status_code == 401
    locked = await log_in(client, agent)
    assert locked.status_code == 429
    assert locked.headers["content-type"].startswith("application/problem+json")
    assert locked.json()["code"] == "rate_limited" and locked.json()["detail_ar"]
    assert locked.headers["retry-after"] == "60"

    clock.advance(timedelta(seconds=61))
    assert (await log_in(client, agent, "guess")).status_code == 401  # the fourth: the lock doubles
    again = await log_in(client, agent)
    assert again.status_code == 429 and again.headers["retry-after"] == "120"

    clock.advance(timedelta(seconds=121))
    assert (await log_in(client, agent)).status_code == 200
    # A success resets the count: two wrong ones later, the right one still works.
    for _ in range(2):
        assert (await log_in(client, agent, "guess")).status_code == 401
    assert (await log_in(client, agent)).status_code == 200


async def test_a_logged_out_token_and_every_other_token_of_the_account_are_refused(client, database_url):
    agent = await new_agent(database_url)
    desk, phone = await bearer(client, agent), await bearer(client, agent)
    assert (await client.get("/api/v1/auth/me", headers=phone)).status_code == 200
    assert (await client.post("/api/v1/auth/logout", headers=desk)).status_code == 204
    for headers in (desk, phone):
        refused = await client.get("/api/v1/auth/me", headers=headers)
        assert refused.status_code == 401 and refused.json()["code"] == "not_authenticated"
    assert (await client.get("/api/v1/auth/me", headers=await bearer(client, agent))).status_code == 200


async def test_an_agent_moved_to_another_office_loses_the_old_office_at_once(client, database_url):
    agent = await new_agent(database_url)
    old = await bearer(client, agent)
    assert (await client.get(f"/api/v1/offices/{ABBASSIA}/counters", headers=old)).status_code == 200
    admin = await bearer(client, "admin", "demo-admin-2026")
    moved = await client.patch(f"/api/v1/manage/staff/{agent}", json={"offices": [GIZA]}, headers=admin)
    assert moved.status_code == 200 and moved.json()["offices"] == [GIZA]
    assert (await client.get(f"/api/v1/offices/{ABBASSIA}/counters", headers=old)).status_code == 401
    new = await bearer(client, agent)
    refused = await client.get(f"/api/v1/offices/{ABBASSIA}/counters", headers=new)
    assert refused.status_code == 403 and refused.json()["code"] == "office_forbidden"
    assert (await client.get(f"/api/v1/offices/{GIZA}/counters", headers=new)).status_code == 200


async def test_administrators_list_deactivate_and_activate_staff(client, database_url):
    agent = await new_agent(database_url)
    admin = await bearer(client, "admin", "demo-admin-2026")
    token = await bearer(client, agent)
    listed = {
        row["username"]: row for row in (await client.get("/api/v1/manage/staff", headers=admin)).json()
    }
    assert listed[agent]["role"] == "agent" and listed[agent]["active"] is True
    assert listed[agent]["last_login_at"] is not None and "password_hash" not in listed[agent]

    assert (await client.post(f"/api/v1/manage/staff/{agent}/deactivate", headers=admin)).json()[
        "active"
    ] is False
    assert (await client.get("/api/v1/auth/me", headers=token)).status_code == 401
    assert (await log_in(client, agent)).status_code == 401
    assert (await client.post(f"/api/v1/manage/staff/{agent}/activate", headers=admin)).json()[
        "active"
    ] is True
    assert (await log_in(client, agent)).status_code == 200

    myself = await client.post("/api/v1/manage/staff/admin/deactivate", headers=admin)
    assert myself.status_code == 409 and myself.json()["code"] == "own_account"
    nobody = await client.post("/api/v1/manage/staff/nobody/deactivate", headers=admin)
    assert nobody.status_code == 404 and nobody.json()["code"] == "staff_not_found"
    unknown = await client.patch(
        f"/api/v1/manage/staff/{agent}", json={"offices": ["atlantis"]}, headers=admin
    )
    assert unknown.status_code == 422 and unknown.json()["code"] == "office_not_found"


async def test_managers_agents_and_strangers_cannot_administer_staff(client, database_url):
    agent = await new_agent(database_url)
    for who, password in (("manager.cairo", "demo-manager-2026"), (agent, PASSWORD)):
        headers = await bearer(client, who, password)
        assert (await client.get("/api/v1/manage/staff", headers=headers)).status_code == 403
        refused = await client.post("/api/v1/manage/staff/agent.abbassia/deactivate", headers=headers)
        assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
        promoted = await client.patch(
            f"/api/v1/manage/staff/{agent}", json={"role": "admin"}, headers=headers
        )
        assert promoted.status_code == 403
    assert (await client.get("/api/v1/manage/staff")).status_code == 401


def mawid_cli(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MAWID_DATABASE_URL": database_url, "MAWID_SECRET_KEY": SECRET, "MAWID_DEMO": "0"}
    return subprocess.run(
        [sys.executable, "-m", "api.cli", *args], env=env, capture_output=True, text=True, timeout=60
    )


async def test_the_command_line_deactivates_and_activates_an_account(client, database_url):
    agent = await new_agent(database_url)
    token = await bearer(client, agent)
    off = await asyncio.to_thread(mawid_cli, database_url, "user", "deactivate", agent)
    assert off.returncode == 0, off.stderr
    assert (await log_in(client, agent)).status_code == 401
    await asyncio.sleep(2.1)  # this process's cache of token versions (the CLI is another process)
    assert (await client.get("/api/v1/auth/me", headers=token)).status_code == 401
    on = await asyncio.to_thread(mawid_cli, database_url, "user", "activate", agent)
    assert on.returncode == 0, on.stderr
    assert (await log_in(client, agent)).status_code == 200
    missing = await asyncio.to_thread(mawid_cli, database_url, "user", "deactivate", "nobody.at.all")
    assert missing.returncode == 2 and "nobody.at.all" in missing.stderr


@pytest.fixture
def two_servers(database_url: str, tmp_path: Path) -> Iterator[tuple[LiveServer, LiveServer]]:
    env = {"MAWID_DATABASE_URL": database_url, "MAWID_SECRET_KEY": SECRET, "MAWID_DATA_DIR": str(tmp_path)}
    with live_server(env) as first, live_server(env) as second:
        yield first, second


@pytest.mark.slow
def test_a_deactivated_agents_old_token_is_refused_at_once_and_within_seconds_in_a_second_process(
    database_url, two_servers
):
    first, second = two_servers
    agent = asyncio.run(new_agent(database_url))
    with httpx.Client(timeout=10) as http:

        def token_on(server: LiveServer, username: str, password: str) -> dict[str, str]:
            response = http.post(
                f"{server.url}/api/v1/auth/token", json={"username": username, "password": password}
            )
            assert response.status_code == 200, response.text
            return {"Authorization": f"Bearer {response.json()['access_token']}"}

        stolen = token_on(first, agent, PASSWORD)
        for server in (first, second):
            assert (
                http.get(f"{server.url}/api/v1/offices/{ABBASSIA}/counters", headers=stolen).status_code
                == 200
            )
        admin = token_on(first, "admin", "demo-admin-2026")
        assert (
            http.post(f"{first.url}/api/v1/manage/staff/{agent}/deactivate", headers=admin).status_code == 200
        )
        deactivated = time.monotonic()
        assert http.get(f"{first.url}/api/v1/auth/me", headers=stolen).status_code == 401
        while http.get(f"{second.url}/api/v1/auth/me", headers=stolen).status_code != 401:
            assert time.monotonic() - deactivated < 5, "the second process still accepts the token"
            time.sleep(0.1)
        print(f"second process refused the token {time.monotonic() - deactivated:.2f} s after deactivation")


@pytest.mark.slow
def test_a_login_flood_does_not_stall_the_server(database_url, tmp_path):
    env = {"MAWID_DATABASE_URL": database_url, "MAWID_SECRET_KEY": SECRET, "MAWID_DATA_DIR": str(tmp_path)}
    with live_server(env) as server:
        stop = threading.Event()
        answers: list[int] = []

        def guess() -> None:  # unknown names: every guess is hashed (against the dummy) and none locks
            with httpx.Client(timeout=30) as http:
                while not stop.is_set():
                    body = {"username": f"x{uuid.uuid4().hex[:6]}", "password": "guess"}
                    answers.append(http.post(f"{server.url}/api/v1/auth/token", json=body).status_code)

        floods = [threading.Thread(target=guess) for _ in range(4)]
        for flood in floods:
            flood.start()
        latencies = []
        try:
            with httpx.Client(timeout=10) as http:
                time.sleep(0.5)
                for _ in range(25):
                    started = time.perf_counter()
                    assert http.get(f"{server.url}/api/v1/health").status_code == 200
                    latencies.append(time.perf_counter() - started)
                    time.sleep(0.05)
        finally:
            stop.set()
            for flood in floods:
                flood.join()
    p50 = statistics.median(latencies)
    print(
        f"health during a 4-loop login flood: p50 {p50 * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms, "
        f"{answers.count(401)} wrong passwords hashed"
    )
    assert answers.count(401) >= 4, f"the flood was not hashed: {answers[:20]}"
    assert p50 < 0.1, f"health p50 {p50 * 1000:.0f} ms during the flood: hashing stalls the event loop"


async def test_logins_logouts_and_staff_administration_leave_audit_events(client, database_url):
    agent = await new_agent(database_url)
    assert (await log_in(client, agent, "guess")).status_code == 401
    token = await bearer(client, agent)
    assert (await client.post("/api/v1/auth/logout", headers=token)).status_code == 204
    admin = await bearer(client, "admin", "demo-admin-2026")
    assert (
        await client.patch(f"/api/v1/manage/staff/{agent}", json={"offices": [GIZA]}, headers=admin)
    ).status_code == 200
    assert (await client.post(f"/api/v1/manage/staff/{agent}/deactivate", headers=admin)).status_code == 200
    log = (await client.get("/api/v1/manage/audit", params={"limit": 200}, headers=admin)).json()["events"]
    mine = {event["action"]: event for event in log if event["target"] == agent}
    assert set(mine) == {
        "staff.login_failed",
        "staff.login",
        "staff.logout",
        "staff.updated",
        "staff.deactivated",
    }
    assert mine["staff.login_failed"]["actor"] == "anonymous" and mine["staff.login_failed"]["address"]
    assert mine["staff.login"]["actor"] == f"staff:{agent}"
    assert mine["staff.updated"]["actor"] == "staff:admin"
    assert mine["staff.updated"]["detail"]["before"]["offices"] == [ABBASSIA]
    assert mine["staff.updated"]["detail"]["after"]["offices"] == [GIZA]
    assert mine["staff.deactivated"]["detail"]["after"]["active"] is False
