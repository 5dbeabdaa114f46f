"""A finished or failed optimiser job runs again over the same offices and days, under the same
rules as starting one: a manager only within their offices, and never while it still runs."""

import asyncio

from api.services import services_of
from tests.integration.planning.conftest import ABBASSIA, GIZA, ask, finished, optimise, status_of
from tests.integration.planning.held_solver import crowd_into_first_slot, hold_solver


async def rerun(client, headers, job_id):
    return await client.post(f"/api/v1/manage/jobs/{job_id}/rerun", headers=headers)


async def test_a_failed_job_runs_again_over_its_scope_and_books_what_it_could_not(client, manager):
    solver = services_of(client.app).planning.optimiser_jobs.optimiser.solver
    right_solve, solver.solve = solver.solve, crowd_into_first_slot
    asked = [await ask(client) for _ in range(8)]
    failed = await finished(client, manager, await optimise(client, manager, offices=[ABBASSIA]))
    assert failed["status"] == "failed" and failed["reason"] == "error"
    solver.solve = right_solve
    again = await rerun(client, manager, failed["job_id"])
    assert again.status_code == 202, again.text
    assert again.json()["rerun_of"] == failed["job_id"] and again.json()["job_id"] != failed["job_id"]
    job = await finished(client, manager, again.json()["job_id"])
    assert job["status"] == "done" and job["scope"] == failed["scope"] and job["result"]["assigned"] == 8
    for request_id, number in asked:
        assert (await status_of(client, request_id, number))["status"] == "assigned"


async def test_a_done_job_runs_again(client, admin):
    done = await finished(client, admin, await optimise(client, admin, **{"from": "2026-12-07"}))
    again = await rerun(client, admin, done["job_id"])
    assert again.status_code == 202 and again.json()["scope"] == done["scope"]
    assert (await finished(client, admin, again.json()["job_id"]))["status"] == "done"


async def test_an_unknown_job_cannot_run_again(client, manager):
    refused = await rerun(client, manager, "no-such-job")
    assert refused.status_code == 404
    assert refused.headers["content-type"].startswith("application/problem+json")
    assert refused.json()["code"] == "job_not_found" and refused.json()["detail_ar"]


async def test_a_manager_cannot_run_again_a_job_outside_their_offices(client, manager, admin):
    for scope in ({"offices": [GIZA]}, {}):  # another office's, and a national one
        job = await finished(client, admin, await optimise(client, admin, **scope))
        refused = await rerun(client, manager, job["job_id"])
        assert refused.status_code == 404 and refused.json()["code"] == "job_not_found"
        assert (await rerun(client, admin, job["job_id"])).status_code == 202


async def test_a_job_still_running_cannot_run_again(client, manager, tmp_path):
    go = tmp_path / "go"
    hold_solver(client.app, go)
    await ask(client)
    job_id = await optimise(client, manager)
    for _ in range(200):
        job = (await client.get(f"/api/v1/manage/jobs/{job_id}", headers=manager)).json()
        if job["status"] == "running":
            break
        await asyncio.sleep(0.05)
    refused = await rerun(client, manager, job_id)
    assert refused.status_code == 409
    assert refused.json()["code"] == "job_still_running" and refused.json()["detail_ar"]
    go.touch()
    assert (await finished(client, manager, job_id))["status"] == "done"


async def test_the_rerun_and_its_refusals_are_in_the_openapi_schema(client):
    schema = (await client.get("/schema/openapi.json")).json()
    responses = schema["paths"]["/api/v1/manage/jobs/{job_id}/rerun"]["post"]["responses"]
    assert {"202", "404", "409"} <= set(responses)
    assert "application/problem+json" in responses["409"]["content"]
