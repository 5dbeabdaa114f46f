"""The optimiser's preview → apply over HTTP, on SQLite and PostgreSQL: a preview job writes
nothing and says what a run would do (per office and day, each office's busiest hour before and
after); applying it books exactly what it said, once, even for two clicks at the same moment; a
run started as before still books at once (outside clients keep their contract)."""

from __future__ import annotations

import asyncio

from tests.integration.planning.conftest import ABBASSIA, ask, finished, optimise, status_of


async def preview(client, headers, **body):
    return await optimise(client, headers, preview=True, **body)


async def test_a_preview_writes_nothing_and_says_what_a_run_would_do(client, manager):
    asked = [await ask(client) for _ in range(3)]
    job_id = await preview(client, manager, offices=[ABBASSIA])
    job = await finished(client, manager, job_id)
    assert job["status"] == "done", job
    assert (job["mode"], job["applies"], job["applied_by"]) == ("preview", None, None)
    result = job["result"]
    assert result["requests"] == 3 and result["assigned"] == 3
    assert sum(entry["placed"] for entry in result["by_office_day"]) == 3
    assert {entry["office_id"] for entry in result["by_office_day"]} == {ABBASSIA}
    (busiest,) = result["busiest"]
    assert busiest["office_id"] == ABBASSIA
    assert busiest["after"]["booked"] >= busiest["before"]["booked"]
    assert set(busiest["after"]) == {"date", "hour", "booked", "capacity", "utilisation"}
    assert "plan" not in job and "plan" not in result  # the decisions stay on the server
    for request_id, number in asked:
        assert (await status_of(client, request_id, number))["status"] == "pending"


async def test_applying_a_preview_books_what_it_showed_and_only_once(client, manager):
    asked = [await ask(client) for _ in range(3)]
    shown = await finished(client, manager, await preview(client, manager))
    placed = {(e["office_id"], e["date"]): e["placed"] for e in shown["result"]["by_office_day"]}

    clicks = await asyncio.gather(
        *(client.post(f"/api/v1/manage/jobs/{shown['job_id']}/apply", headers=manager) for _ in range(2))
    )
    assert sorted(c.status_code for c in clicks) == [202, 409]
    started = next(c for c in clicks if c.status_code == 202).json()
    refused = next(c for c in clicks if c.status_code == 409).json()
    assert refused["code"] == "preview_already_applied" and refused["detail_ar"]
    assert (started["mode"], started["applies"]) == ("apply", shown["job_id"])

    applied = await finished(client, manager, started["job_id"])
    assert applied["status"] == "done" and applied["result"]["assigned"] == 3
    booked: dict[tuple[str, str], int] = {}
    for request_id, number in asked:
        state = await status_of(client, request_id, number)
        assert state["status"] == "assigned"
        where = (state["booking"]["office_id"], state["booking"]["date"])
        booked[where] = booked.get(where, 0) + 1
    assert booked == placed

    again = await client.post(f"/api/v1/manage/jobs/{shown['job_id']}/apply", headers=manager)
    assert again.status_code == 409 and again.json()["code"] == "preview_already_applied"
    shown_again = (await client.get(f"/api/v1/manage/jobs/{shown['job_id']}", headers=manager)).json()
    assert shown_again["applied_by"] == started["job_id"]


async def test_only_a_preview_is_applied_and_a_run_books_at_once_as_before(client, manager):
    request_id, number = await ask(client)
    run = await finished(client, manager, await optimise(client, manager))
    assert run["mode"] == "run" and run["result"]["assigned"] == 1
    assert (await status_of(client, request_id, number))["status"] == "assigned"
    refused = await client.post(f"/api/v1/manage/jobs/{run['job_id']}/apply", headers=manager)
    assert refused.status_code == 409 and refused.json()["code"] == "not_a_preview"
    missing = await client.post("/api/v1/manage/jobs/nope/apply", headers=manager)
    assert missing.status_code == 404


async def test_a_preview_reruns_as_a_preview(client, manager):
    await ask(client)
    first = await finished(client, manager, await preview(client, manager))
    rerun = await client.post(f"/api/v1/manage/jobs/{first['job_id']}/rerun", headers=manager)
    assert rerun.status_code == 202 and rerun.json()["mode"] == "preview"
    again = await finished(client, manager, rerun.json()["job_id"])
    assert again["mode"] == "preview" and again["result"]["assigned"] == 1


async def test_another_managers_preview_is_not_applied(client, manager):
    from tests.integration.helpers import login

    await ask(client, offices=["giza-passports"], service="passport-new")
    admin = await login(client, "admin")
    theirs = await finished(client, admin, await preview(client, admin, offices=["giza-passports"]))
    refused = await client.post(f"/api/v1/manage/jobs/{theirs['job_id']}/apply", headers=manager)
    assert refused.status_code == 404 and refused.json()["code"] == "job_not_found"
