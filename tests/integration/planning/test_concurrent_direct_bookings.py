"""Direct bookings keep arriving while the optimiser solves: its answer is written with the same
conditional statements, so no slot is ever overbooked, and a request whose slot was taken is
placed again rather than squeezed in."""

import asyncio

from tests.integration.helpers import booking_body, slots
from tests.integration.planning.conftest import (
    ABBASSIA,
    ask,
    finished,
    optimise,
    overbooked_slots,
    status_of,
)
from tests.integration.planning.held_solver import hold_solver

MONDAY = "2026-12-07"


async def wait_for_phase(client, headers, job_id, phase):
    for _ in range(400):
        job = (await client.get(f"/api/v1/manage/jobs/{job_id}", headers=headers)).json()
        if job["progress"]["phase"] == phase:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the job never reached {phase!r}: {job}")


async def fill(client, start, places):
    for _ in range(places):
        response = await client.post("/api/v1/bookings", json=booking_body(start, office_id=ABBASSIA))
        assert response.status_code == 201, response.text


async def test_slots_booked_directly_during_the_solve_are_not_overbooked_and_their_requests_placed_again(
    client, manager, tmp_path, database_url
):
    go = tmp_path / "go"
    hold_solver(client.app, go)
    asked = [await ask(client, first=MONDAY, last=MONDAY) for _ in range(10)]
    job_id = await optimise(client, manager)
    await wait_for_phase(client, manager, job_id, "held by the test")
    day = await slots(client, ABBASSIA, day=MONDAY)
    for slot in day[:-2]:  # everything but the last two slots goes to direct bookings meanwhile
        await fill(client, slot["start"], slot["remaining"])
    go.touch()
    job = await finished(client, manager, job_id)
    assert job["status"] == "done", job
    assert job["result"]["slot_taken_meanwhile"] > 0, "the race was not exercised"
    assert job["result"]["assigned"] == 10
    assert await overbooked_slots(database_url) == []
    late = {s["start"] for s in day[-2:]}
    for request_id, number in asked:
        state = await status_of(client, request_id, number)
        assert state["status"] == "assigned" and state["booking"]["start"] in late


async def test_a_free_running_race_of_direct_bookings_and_a_job_never_overbooks(
    client, manager, database_url
):
    asked = [await ask(client, first=MONDAY, last=MONDAY, time_of_day="morning") for _ in range(30)]
    morning = [s for s in await slots(client, ABBASSIA, day=MONDAY) if s["start"] < f"{MONDAY}T11"]

    async def direct(start):
        return (
            await client.post("/api/v1/bookings", json=booking_body(start, office_id=ABBASSIA))
        ).status_code

    job_id = await optimise(client, manager)
    codes = await asyncio.gather(*(direct(s["start"]) for s in morning for _ in range(s["remaining"] + 2)))
    job = await finished(client, manager, job_id)
    assert job["status"] == "done", job
    assert set(codes) <= {201, 409}
    assert await overbooked_slots(database_url) == []
    for request_id, number in asked:
        state = await status_of(client, request_id, number)
        assert (state["status"] == "assigned") == ("booking" in state)
