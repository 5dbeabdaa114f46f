"""The solve runs in a child process: the API keeps answering while it runs, and the job's row
tells any reader it is running and in which phase."""

import asyncio

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
    client.app.state.optimiser_jobs.optimiser.solver.solve = crowd_into_first_slot
    asked = [await ask(client) for _ in range(8)]  # more than the first slot holds
    job = await finished(client, manager, await optimise(client, manager))
    assert job["status"] == "failed"
    assert "over_capacity" in job["error"]
    for request_id, number in asked:
        state = await client.get(
            f"/api/v1/booking-requests/{request_id}", headers={"X-Identity-Number": number}
        )
        assert state.json()["status"] == "pending" and "booking" not in state.json()
