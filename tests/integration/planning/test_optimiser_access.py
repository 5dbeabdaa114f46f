"""Only managers and administrators run the optimiser and change capacity, each within their
offices; a manager's job decides only requests whose offices are all theirs."""

import pytest

from tests.integration.planning.conftest import ABBASSIA, GIZA, ask, finished, login, optimise, status_of

MANAGE = [
    ("POST", "/api/v1/manage/optimise", {}),
    ("POST", f"/api/v1/manage/offices/{ABBASSIA}/closures", {"date": "2026-12-07"}),
    ("POST", f"/api/v1/manage/offices/{ABBASSIA}/rebalance-plans", {"from": "2026-12-07"}),
    ("GET", f"/api/v1/manage/offices/{ABBASSIA}/load", None),
    ("GET", f"/api/v1/manage/offices/{ABBASSIA}/closures", None),
    ("GET", f"/api/v1/manage/offices/{ABBASSIA}/statistics", None),
]


@pytest.mark.parametrize(("method", "path", "body"), MANAGE)
async def test_an_agent_may_not_manage_and_nobody_may_without_logging_in(client, method, path, body):
    agent = await login(client, "agent.abbassia")
    as_agent = await client.request(method, path, json=body, headers=agent)
    assert as_agent.status_code == 403 and as_agent.json()["code"] == "forbidden"
    anonymous = await client.request(method, path, json=body)
    assert anonymous.status_code == 401


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/v1/manage/optimise", {"offices": [GIZA]}),
        ("POST", f"/api/v1/manage/offices/{GIZA}/closures", {"date": "2026-12-07"}),
        ("POST", f"/api/v1/manage/offices/{GIZA}/rebalance-plans", {"from": "2026-12-07"}),
        ("GET", f"/api/v1/manage/offices/{GIZA}/load", None),
        ("GET", f"/api/v1/manage/offices/{GIZA}/closures", None),
        ("GET", f"/api/v1/manage/offices/{GIZA}/statistics", None),
    ],
)
async def test_a_manager_may_not_act_on_another_office(client, manager, method, path, body):
    response = await client.request(method, path, json=body, headers=manager)
    assert response.status_code == 403
    assert response.json()["code"] == "office_forbidden" and response.json()["detail_ar"]


async def test_a_managers_job_leaves_requests_that_also_accept_another_managers_office(
    client, manager, admin
):
    own = await ask(client, offices=[ABBASSIA])
    shared = await ask(client, offices=[ABBASSIA, GIZA])
    job = await finished(client, manager, await optimise(client, manager))
    assert job["scope"]["offices"] == sorted(
        ["cairo-abbassia-passports", "cairo-immigration", "cairo-nasr-city-traffic"]
    )
    assert job["result"]["requests"] == 1
    assert (await status_of(client, *own))["status"] == "assigned"
    assert (await status_of(client, *shared))["status"] == "pending"
    national = await finished(client, admin, await optimise(client, admin))
    assert national["result"]["assigned"] == 1
    assert (await status_of(client, *shared))["status"] == "assigned"


async def test_a_manager_does_not_see_a_national_job_but_sees_their_own(client, manager, admin):
    national = await optimise(client, admin)
    own = await optimise(client, manager, offices=[ABBASSIA])
    hidden = await client.get(f"/api/v1/manage/jobs/{national}", headers=manager)
    assert hidden.status_code == 403 and hidden.json()["code"] == "job_forbidden"
    assert (await finished(client, manager, own))["scope"]["offices"] == [ABBASSIA]
    assert (await finished(client, admin, national))["status"] == "done"
    unknown = await client.get("/api/v1/manage/jobs/nope", headers=admin)
    assert unknown.status_code == 404 and unknown.json()["code"] == "job_not_found"


async def test_a_job_over_an_unknown_office_or_backwards_days_is_refused(client, admin):
    unknown = await client.post("/api/v1/manage/optimise", json={"offices": ["nowhere"]}, headers=admin)
    assert unknown.status_code == 404
    backwards = await client.post(
        "/api/v1/manage/optimise", json={"from": "2026-12-09", "to": "2026-12-07"}, headers=admin
    )
    assert backwards.status_code == 422 and backwards.json()["code"] == "invalid_date_range"
