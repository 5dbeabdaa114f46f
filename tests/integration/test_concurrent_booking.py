"""Hundreds of citizens rushing the same few slots through two server processes, from two
client processes: the database alone keeps the count right."""

from __future__ import annotations

import asyncio
import json
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context

import httpx
import pytest

from tests.conftest import WORKING_MORNING, fresh_database
from tests.integration.conftest import TEST_SECRET
from tests.integration.helpers import booking_body, national_id
from tests.live_server import live_server

pytestmark = pytest.mark.slow


def _rush(base: str, bodies: list[dict], start_at: float) -> list[tuple[int, str]]:
    """One client process: wait for the common start, then send every booking at once."""

    async def run() -> list[tuple[int, str]]:
        limits = httpx.Limits(max_connections=len(bodies))
        async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as client:
            await asyncio.sleep(max(0.0, start_at - time.time()))
            responses = await asyncio.gather(*(client.post("/api/v1/bookings", json=b) for b in bodies))
        return [(r.status_code, r.json().get("code", "")) for r in responses]

    return asyncio.run(run())


def _slots(base: str, day: str) -> list[dict]:
    response = httpx.get(f"{base}/api/v1/offices/giza-passports/availability",
                         params={"service": "passport-new", "from": day, "to": day})
    return response.json()["days"][0]["slots"]


def _attack(bases: list[str], bodies: list[dict]) -> list[tuple[int, str]]:
    halves = [bodies[0::2], bodies[1::2]]
    start_at = time.time() + 2.0
    with ProcessPoolExecutor(max_workers=2, mp_context=get_context("spawn")) as pool:
        futures = [pool.submit(_rush, bases[i], halves[i], start_at) for i in range(2)]
        even, odd = (future.result() for future in futures)
    aligned = [None] * len(bodies)  # results in the order of ``bodies``
    aligned[0::2], aligned[1::2] = even, odd
    return aligned  # type: ignore[return-value]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def servers(request, tmp_path_factory):
    """Two server processes on one fresh database per backend, shared by the module's tests: each
    rushes a day of its own (starting four more processes per test cost more than the rush)."""
    with fresh_database(request, request.param, tmp_path_factory.mktemp("rush")) as database_url:
        env = {"MAWID_DATABASE_URL": database_url, "MAWID_SECRET_KEY": TEST_SECRET,
               "MAWID_CLOCK": WORKING_MORNING.isoformat(), "MAWID_DEMO": "0"}
        with live_server(env) as first, live_server(env) as second:
            yield [first.url, second.url]


def test_two_hundred_and_forty_rushing_four_small_slots_fill_exactly_their_capacity(servers):
    targets = _slots(servers[0], "2026-12-07")[:4]
    capacity = sum(slot["remaining"] for slot in targets)
    bodies = [booking_body(targets[i % 4]["start"]) for i in range(240)]
    for body in bodies:
        body["start"] = body["start"].replace("2026-12-06", "2026-12-07")

    results = _attack(servers, bodies)

    statuses = [status for status, _ in results]
    assert not [s for s in statuses if s >= 500], "no 5xx under load"
    assert statuses.count(201) == capacity
    losers = [(s, code) for s, code in results if s != 201]
    assert losers and all(loser == (409, "slot_full") for loser in losers)
    assert all(slot["remaining"] == 0 for slot in _slots(servers[1], "2026-12-07")[:4])
    print(json.dumps({"attempts": len(results), "capacity": capacity, "booked": statuses.count(201),
                      "slot_full": len(losers)}))


def test_one_identity_rushing_many_slots_ends_with_one_active_booking(servers):
    free = _slots(servers[0], "2026-12-08")  # 10 slots × 3 places: room for all 20
    identities = [national_id() for _ in range(20)]
    bodies = [booking_body(free[j]["start"], number=number)
              for number in identities for j in range(10)]

    results = _attack(servers, bodies)

    assert not [s for s, _ in results if s >= 500]
    assert {code for s, code in results if s != 201} <= {"duplicate_booking", "slot_full"}
    for i in range(len(identities)):
        mine = results[i * 10:(i + 1) * 10]
        assert [s for s, _ in mine].count(201) == 1, "exactly one booking per identity"
    booked = sum(slot["remaining"] for slot in free[:10])
    assert sum(slot["remaining"] for slot in _slots(servers[1], "2026-12-08")[:10]) == booked - 20
