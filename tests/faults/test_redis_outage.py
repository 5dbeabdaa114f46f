"""Redis SIGKILLed and started again empty under kiosk and counter traffic on two server
processes: kiosks and counters get 503 with Retry-After while it is down, never a 500; afterwards
the queue is taken up from the archive, no ticket number is given to two tickets, no ticket is
called twice, every ticket issued is called in the end, the counters are open again, and both
screens hear calls within seconds."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import WebSocketException

from tests.faults.redis_server import ThrowawayRedis, can_run, throwaway_redis
from tests.integration.display.conftest import server_env
from tests.integration.display.hall_client import Staff
from tests.integration.hall.conftest import ABBASSIA, PASSPORT
from tests.live_server import LiveServer, live_server
from tests.services import require

pytestmark = [pytest.mark.slow, pytest.mark.redis]

BEFORE, OUTAGE, AFTER = 2.0, 2.5, 3.0
"""Seconds of traffic before the kill, with Redis down, and after it is back."""
RECOVERY_LIMIT = 5.0
"""Seconds within which a call made once Redis is back must reach every screen."""


@pytest.fixture
def redis_server() -> Iterator[ThrowawayRedis]:
    usable, missing = can_run()
    require(usable, missing)
    with throwaway_redis() as server:
        yield server


@pytest.fixture
def two_processes(
    redis_server: ThrowawayRedis, sqlite_template: Path, tmp_path: Path
) -> Iterator[tuple[LiveServer, LiveServer, Path]]:
    env = server_env(
        tmp_path,
        sqlite_template,
        MAWID_REDIS_URL=redis_server.url,
        MAWID_REDIS_PREFIX="mawid-faults",
        MAWID_DISPLAY_PING_SECONDS="0.5",
    )
    with live_server(env) as first, live_server(env) as second:
        yield first, second, tmp_path / "mawid.sqlite3"


@dataclass
class Ledger:
    """Everything the hall was told, with when."""

    issued: list[dict[str, Any]] = field(default_factory=list)
    called: list[tuple[float, dict[str, Any]]] = field(default_factory=list)
    refusals: Counter[str] = field(default_factory=Counter)
    unexpected: list[str] = field(default_factory=list)

    def note(self, response: httpx.Response) -> bool:
        """True for a success; a 503 must say when to come back, anything else is a failure."""
        if response.status_code < 300:
            return True
        if response.status_code == 503 and response.headers.get("retry-after"):
            self.refusals[response.json()["code"]] += 1
        else:
            self.unexpected.append(f"{response.status_code} {response.text[:200]}")
        return False


@dataclass
class Screen:
    """A hall screen that reconnects by itself, as the page does, and keeps what it heard."""

    url: str
    heard: list[tuple[float, dict[str, Any]]] = field(default_factory=list)

    async def run(self) -> None:
        while True:
            try:
                async with connect(self.url, open_timeout=3) as socket:
                    async for raw in socket:
                        self.heard.append((time.monotonic(), json.loads(raw)))
            except (OSError, WebSocketException, TimeoutError):
                pass
            await asyncio.sleep(0.5)

    def heard_number_at(self, number: str, since: float) -> float | None:
        """When the screen first showed ``number`` as called after ``since``."""
        for at, message in self.heard:
            if at < since:
                continue
            if message["type"] == "called" and message["number"] == number:
                return at
            shown = [s["number"] for s in message.get("serving", []) + message.get("recent", [])]
            if message["type"] == "snapshot" and number in shown:  # called and done before it
                return at
        return None


async def kiosk(doors: list[Staff], ledger: Ledger, stop: asyncio.Event) -> None:
    n = 0
    while not stop.is_set():
        door = doors[n % 2]
        n += 1
        response = await door.http.post(
            f"/api/v1/offices/{ABBASSIA}/tickets", json={"service": PASSPORT}, headers=door.headers
        )
        if ledger.note(response):
            ledger.issued.append(response.json())
        await asyncio.sleep(0.15)


async def clerk(doors: list[Staff], counter: str, ledger: Ledger, stop: asyncio.Event) -> None:
    """Call, start and complete until told to stop and nobody is left; retries what was refused."""
    n = 0
    while True:
        door = doors[n % 2]
        n += 1
        response = await door.http.post(
            f"/api/v1/offices/{ABBASSIA}/counters/{counter}/call-next", headers=door.headers
        )
        if response.status_code == 204:
            if stop.is_set():
                return
            await asyncio.sleep(0.1)
            continue
        if response.status_code == 409 and response.json()["code"] == "counter_busy":
            held = await door.http.get(f"/api/v1/offices/{ABBASSIA}/counters/{counter}", headers=door.headers)
            ticket = held.json().get("ticket")
            if ticket:  # called by an attempt whose answer was lost: the console carries on with it
                ledger.called.append((time.monotonic(), ticket))
                await finish(doors, ticket["ticket_id"], ledger)
            continue
        if not ledger.note(response):
            await asyncio.sleep(0.2)
            continue
        ticket = response.json()["ticket"]
        ledger.called.append((time.monotonic(), ticket))
        await finish(doors, ticket["ticket_id"], ledger)


async def finish(doors: list[Staff], ticket_id: str, ledger: Ledger) -> None:
    for action in ("start", "complete"):
        for attempt in range(100):
            door = doors[attempt % 2]
            response = await door.http.post(
                f"/api/v1/offices/{ABBASSIA}/tickets/{ticket_id}/{action}", headers=door.headers
            )
            if response.status_code == 409:  # done already, by an attempt answered too late
                break
            if ledger.note(response):
                break
            await asyncio.sleep(0.2)


@pytest.fixture
async def doors(two_processes: tuple[LiveServer, LiveServer, Path]) -> AsyncIterator[list[Staff]]:
    first = await Staff.at(two_processes[0].url, ABBASSIA)
    second = first.on(two_processes[1].url)
    yield [first, second]
    await asyncio.gather(first.close(), second.close())


async def test_redis_restarted_empty_loses_no_ticket_and_gives_no_number_twice(
    redis_server: ThrowawayRedis, two_processes: tuple[LiveServer, LiveServer, Path], doors: list[Staff]
) -> None:
    office = (await doors[0].http.get(f"/api/v1/offices/{ABBASSIA}")).json()
    counters = [str(c["id"]) for c in office["counters"] if PASSPORT in c["services"]][:2]
    for counter in counters:
        await doors[0].open(counter)
    screens = [
        Screen(server.url.replace("http://", "ws://") + f"/ws/offices/{ABBASSIA}/display")
        for server in two_processes[:2]
    ]
    watching = [asyncio.create_task(screen.run()) for screen in screens]
    ledger, stop_kiosk, stop_clerks = Ledger(), asyncio.Event(), asyncio.Event()
    traffic = [asyncio.create_task(kiosk(doors, ledger, stop_kiosk))]
    traffic += [asyncio.create_task(clerk(doors, c, ledger, stop_clerks)) for c in counters]

    await asyncio.sleep(BEFORE)
    issued_before = len(ledger.issued)
    redis_server.kill()
    killed = time.monotonic()
    await asyncio.sleep(OUTAGE)
    refused_during = sum(ledger.refusals.values())
    redis_server.start()
    back = time.monotonic()
    await asyncio.sleep(AFTER)
    stop_kiosk.set()
    await traffic[0]
    stop_clerks.set()
    await asyncio.wait_for(asyncio.gather(*traffic[1:]), timeout=60)
    await asyncio.sleep(1.0)  # the screens' last messages
    for task in watching:
        task.cancel()

    assert ledger.unexpected == [], "only 503 with Retry-After while Redis is down"
    assert refused_during > 0, "the outage was real: kiosks or counters were refused"
    numbers = Counter(ticket["number"] for ticket in ledger.issued)
    assert [n for n, times in numbers.items() if times > 1] == [], "no number given twice"
    called = Counter(ticket["ticket_id"] for _, ticket in ledger.called)
    assert [t for t, times in called.items() if times > 1] == [], "no ticket called twice"
    assert set(called) == {ticket["ticket_id"] for ticket in ledger.issued}, "every ticket called"
    assert issued_before > 0 and len(ledger.issued) > issued_before

    archived = _archived(two_processes[2])
    assert {t["ticket_id"] for t in ledger.issued} <= {row[0] for row in archived if row[2] == "done"}
    door = doors[1]
    states = (await door.http.get(f"/api/v1/offices/{ABBASSIA}/counters", headers=door.headers)).json()
    assert {c["counter_id"]: c["status"] for c in states if c["counter_id"] in counters} == {
        c: "open" for c in counters
    }

    # Calls made once Redis was back reach both screens, through either process, within seconds.
    after = [(at, ticket) for at, ticket in ledger.called if at > back]
    assert after, "calls were made after the outage"
    delays = []
    for at, ticket in after:
        for screen in screens:
            heard = screen.heard_number_at(ticket["number"], at - 1.0)
            assert heard is not None, f"{ticket['number']} never reached {screen.url}"
            delays.append(max(0.0, heard - at))
    first_call = after[0][0] - back
    print(
        f"\n[redis outage] down {back - killed:.1f} s; {dict(ledger.refusals)} refusals, 0 errors; "
        f"{len(ledger.issued)} tickets issued ({issued_before} before), {len(called)} called once each, "
        f"0 numbers twice; first call {first_call:.1f} s after Redis was back; "
        f"screens heard calls after it in max {max(delays):.2f} s"
    )
    assert first_call < RECOVERY_LIMIT
    assert max(delays) < RECOVERY_LIMIT


def _archived(database: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(database) as connection:
        return list(
            connection.execute(
                "SELECT id, number, status FROM tickets WHERE office_id = ?", (ABBASSIA,)
            ).fetchall()
        )
