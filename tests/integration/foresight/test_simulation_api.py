"""Managers simulate a day of their own offices: refused clearly when the request cannot be
simulated, run off the event loop to a result whose figures answer the what-if, and readable
only within their offices."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from foresight.simulation_jobs import FAILED, INTERRUPTED
from foresight.store.simulation_jobs import SimulationJobSql
from kernel.database import Database
from tests.integration.helpers import ABBASSIA, GIZA, Headers, login

TRAFFIC = "cairo-nasr-city-traffic"  # 7 counters, 08:00–15:00 Sunday to Thursday
MONDAY, FRIDAY = "2026-12-07", "2026-12-11"


@pytest.fixture
async def manager(client: Any) -> Headers:
    return await login(client, "manager.cairo")


def simulations(office_id: str = TRAFFIC) -> str:
    return f"/api/v1/manage/offices/{office_id}/simulations"


async def finished(client: Any, headers: Headers, location: str, timeout: float = 60.0) -> dict[str, Any]:
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        response = await client.get(location, headers=headers)
        assert response.status_code == 200, response.text
        job = response.json()
        if job["status"] in ("done", "failed"):
            return job  # type: ignore[no-any-return]
        assert asyncio.get_running_loop().time() < deadline, job
        await asyncio.sleep(0.2)


async def test_a_counter_more_answers_with_a_shorter_or_equal_mean_wait(client, manager):
    body = {
        "day": MONDAY,
        "replications": 12,
        "seed": 7,
        "changes": [
            {"kind": "add_counter", "from": "09:00", "to": "13:00", "services": ["vehicle-licence-renewal"]}
        ],
    }
    started = await client.post(simulations(), json=body, headers=manager)
    assert started.status_code == 202, started.text
    job = started.json()
    assert job["status"] in ("queued", "running") and started.headers["location"].endswith(job["id"])
    assert job["changes"] == body["changes"] and job["replications"] == 12
    done = await finished(client, manager, started.headers["location"])
    assert done["status"] == "done", done
    result = done["result"]
    assert set(result["scenarios"]) == {"planned", "walk_in_fcfs", "walk_in_same_times", "what_if"}
    # The staffing advice as planned and with the counter added: as many planned as before in
    # every hour, one more from 09:00 to 13:00 in the group that serves licence renewals.
    before, after = result["staffing"]["hours"], result["what_if_staffing"]["hours"]
    assert [(h["group"], h["starts"]) for h in before] == [(h["group"], h["starts"]) for h in after]
    assert result["staffing"]["target"] == 0.8 and result["staffing"]["within_minutes"] == 15
    for plan, changed in zip(before, after, strict=True):
        more = changed["planned"] - plan["planned"]
        renewals = "vehicle-licence-renewal" in plan["group"]
        assert more == (1 if renewals and "09:00" <= plan["starts"] < "13:00" else 0), (plan, changed)
        assert plan["status"] in ("short", "ok", "idle") and plan["needed"] >= 0
    assert result["inputs"]["description"] == "no history: catalogue priors"
    assert result["inputs"]["walk_ins"]["source"] == "capacity"
    assert (result["opens"], result["closes"]) == ("08:00", "15:00")
    planned, what_if = result["scenarios"]["planned"], result["scenarios"]["what_if"]
    assert what_if["mean_wait_minutes"] <= planned["mean_wait_minutes"]
    assert what_if["counters"]["extra-1"] > 0 and what_if["counters"].keys() > planned["counters"].keys()
    assert planned["queue_length"][0]["minute"] == 0 and planned["queue_length"][-1]["minute"] == 420
    assert "vehicle-licence-renewal" in planned["by_service"]
    assert result["what_if_mean_wait_change"] is None or result["what_if_mean_wait_change"] <= 0
    audit = await client.get("/api/v1/manage/audit", params={"office": TRAFFIC}, headers=manager)
    assert any(
        e["action"] == "simulation.started" and e["target"] == job["id"] for e in audit.json()["events"]
    )


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ({"day": FRIDAY}, "office_closed"),
        ({"day": MONDAY, "changes": {}}, "invalid_request"),  # not a 500: `changes` is no dependency
        ({"day": "2028-01-02"}, "outside_simulation_window"),
        ({"day": MONDAY, "replications": 5000}, "invalid_replications"),
        ({"day": MONDAY, "replications": 0}, "invalid_replications"),
        ({"day": MONDAY, "changes": [{"kind": "close_counter", "counter": "99"}]}, "unknown_counter"),
        ({"day": MONDAY, "changes": [{"kind": "close_counter"}]}, "unknown_counter"),
        (
            {"day": MONDAY, "changes": [{"kind": "add_counter", "from": "07:00", "to": "09:00"}]},
            "hours_outside_opening",
        ),
        (
            {"day": MONDAY, "changes": [{"kind": "add_counter", "from": "12:00", "to": "10:00"}]},
            "hours_outside_opening",
        ),
        (
            {"day": MONDAY, "changes": [{"kind": "add_counter", "from": "nine", "to": "10:00"}]},
            "hours_outside_opening",
        ),
        ({"day": MONDAY, "changes": [{"kind": "remove_counter"}]}, "invalid_change"),
        (
            {
                "day": MONDAY,
                "changes": [
                    {"kind": "add_counter", "from": "09:00", "to": "10:00", "services": ["passport-new"]}
                ],
            },
            "invalid_counter_services",
        ),
        ({"day": MONDAY, "changes": [{"kind": "close_counter", "counter": "1"}] * 11}, "too_many_changes"),
    ],
)
async def test_what_cannot_be_simulated_is_refused_in_both_languages(client, manager, body, code):
    response = await client.post(simulations(), json=body, headers=manager)
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["code"] == code and problem["detail"] and problem["detail_ar"]
    assert response.headers["content-type"].startswith("application/problem+json")


async def counter_id(client: Any, label: str, office_id: str = TRAFFIC) -> str:
    """A counter is named by its id, as in the other manage routes (its label is what a hall shows)."""
    office = (await client.get(f"/api/v1/offices/{office_id}")).json()
    return str(next(c["id"] for c in office["counters"] if c["label"] == label))


async def test_hours_outside_opening_name_the_change_and_the_days_hours(client, manager):
    changes = [
        {"kind": "close_counter", "counter": await counter_id(client, "1")},
        {"kind": "add_counter", "from": "14:00", "to": "16:00"},
    ]
    response = await client.post(simulations(), json={"day": MONDAY, "changes": changes}, headers=manager)
    problem = response.json()
    assert "Change 2" in problem["detail"] and "08:00 to 15:00" in problem["detail"]
    assert "٢" in problem["detail_ar"] and "٠٨:٠٠" in problem["detail_ar"]


async def test_a_manager_simulates_only_their_own_offices_and_reads_only_their_simulations(client, manager):
    other = await client.post(simulations(GIZA), json={"day": MONDAY}, headers=manager)
    assert other.status_code == 403 and other.json()["code"] == "office_forbidden"
    admin = await login(client, "admin")
    giza = await client.post(simulations(GIZA), json={"day": MONDAY, "replications": 1}, headers=admin)
    assert giza.status_code == 202, giza.text
    hidden = await client.get(giza.headers["location"], headers=manager)
    assert hidden.status_code == 404 and hidden.json()["code"] == "simulation_not_found"
    unknown = await client.get("/api/v1/manage/simulations/nope", headers=manager)
    assert unknown.status_code == 404 and unknown.json()["detail_ar"]
    agent = await login(client, "agent.abbassia")
    refused = await client.post(simulations(ABBASSIA), json={"day": MONDAY}, headers=agent)
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert (await client.post(simulations(), json={"day": MONDAY})).status_code == 401
    assert (await finished(client, admin, giza.headers["location"]))["status"] == "done"


async def test_a_job_whose_process_went_silent_reads_failed_interrupted(database_url):
    database = Database(database_url)
    try:
        store = SimulationJobSql(database, stale_after=timedelta(0))
        now = datetime(2026, 12, 6, 6, tzinfo=UTC)
        job = await store.create(TRAFFIC, date(2026, 12, 7), "manager.cairo", {"changes": []}, now)
        await asyncio.sleep(0.01)
        seen = await store.get(job.id, now)
        assert seen is not None and (seen.status, seen.error) == (FAILED, INTERRUPTED)
        assert not await store.finish(job.id, {}, now)  # a late answer of the presumed dead is ignored
        assert await store.live_count("manager.cairo") == 0
    finally:
        await database.dispose()
