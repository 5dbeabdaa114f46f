"""The solve runs in a child process: the API keeps answering while it runs, and the job's row
tells any reader it is running and in which phase."""

import asyncio

from litestar.testing import AsyncTestClient

from api.app import create_app
from api.services import services_of
from tests.integration.planning.conftest import ask, finished, optimise
from tests.integration.planning.held_solver import crowd_into_first_slot, hold_solver


async def test_the_api_answers_while_a_solve_is_running(client, manager, tmp_path):
    go = tmp_path / "go"
    hold_solver(client.app, go)
    await ask(client)
    job_id = await optimise(client, manager)
    for _ in range(200):
        job = (await client.get(f"/api/v1/manage/jobs/{job_id}", headers=manager)).json()
        if job["progress"]["phase"] == "held by the test":
            break
        await asyncio.sleep(0.05)
    assert job["status"] == "running", job
    answer = await asyncio.wait_for(client.get("/api/v1/services"), timeout=2)
    assert answer.status_code == 200
    go.touch()
    assert (await finished(client, manager, job_id))["status"] == "done"


async def test_an_answer_that_fails_verification_is_never_written(client, manager):
    services_of(client.app).planning.optimiser_jobs.optimiser.solver.solve = crowd_into_first_slot
    asked = [await ask(client) for _ in range(8)]  # more than the first slot holds
    job = await finished(client, manager, await optimise(client, manager))
    assert job["status"] == "failed"
    assert "over_capacity" in job["error"]
    for request_id, number in asked:
        state = await client.get(
            f"/api/v1/booking-requests/{request_id}", headers={"X-Identity-Number": number}
        )
        assert state.json()["status"] == "pending" and "booking" not in state.json()


async def test_a_second_job_waits_its_turn_as_queued(client, manager, tmp_path):
    go = tmp_path / "go"
    hold_solver(client.app, go)
    await ask(client)
    first = await optimise(client, manager)
    second = await optimise(client, manager)
    queued = (await client.get(f"/api/v1/manage/jobs/{second}", headers=manager)).json()
    assert queued["status"] == "queued" and queued["started_at"] is None
    go.touch()
    assert (await finished(client, manager, first))["result"]["assigned"] == 1
    assert (await finished(client, manager, second))["result"]["requests"] == 0


async def test_another_process_reads_a_jobs_status_from_the_database(client, manager, settings, clock):
    await ask(client)
    job_id = await optimise(client, manager)
    await finished(client, manager, job_id)
    async with AsyncTestClient(create_app(settings, clock)) as other:
        seen = await other.get(f"/api/v1/manage/jobs/{job_id}", headers=manager)
    assert seen.status_code == 200
    assert seen.json()["status"] == "done" and seen.json()["result"]["assigned"] == 1
