"""A flexible request goes through an optimiser job and comes out as a booking."""

from datetime import timedelta

from tests.integration.helpers import booking_body, slots
from tests.integration.planning.conftest import ABBASSIA, ask, finished, login, optimise, outbox, status_of


async def test_pending_requests_become_bookings_the_citizen_can_look_up(client, manager):
    asked = [await ask(client) for _ in range(5)]
    assert [(await status_of(client, r, n))["status"] for r, n in asked] == ["pending"] * 5
    job = await finished(client, manager, await optimise(client, manager))
    assert job["status"] == "done", job
    assert job["result"]["assigned"] == 5
    for request_id, number in asked:
        state = await status_of(client, request_id, number)
        assert state["status"] == "assigned"
        booking = state["booking"]
        assert booking["office_id"] == ABBASSIA
        found = await client.get(f"/api/v1/bookings/{booking['code']}", headers={"X-Identity-Number": number})
        assert found.status_code == 200 and found.json()["status"] == "confirmed"


async def test_the_job_reports_progress_and_its_figures_beside_the_greedy_baseline(client, manager):
    for _ in range(20):
        await ask(client, first="2026-12-07", last="2026-12-08")
    job = await finished(client, manager, await optimise(client, manager))
    assert job["progress"] == {"fraction": 1.0, "phase": "done"}
    result = job["result"]
    ours, greedy = result["optimiser"], result["greedy"]
    assert result["verified"] is True and result["assigned"] == 20
    assert ours["placed"] == greedy["placed"] == 20
    assert ours["peak_utilisation"] < greedy["peak_utilisation"]
    assert ours["crowding_cost"] <= greedy["crowding_cost"]
    assert result["lower_bound"] <= ours["objective"] + 1e-6 and result["gap"] >= 0
    # Beside the fair baseline too, and measured against the exact optimum without the peak
    # cap (no chains here), which is then the lower bound itself.
    fair = result["cheapest_first"]
    assert fair["placed"] == 20 and ours["peak_utilisation"] <= fair["peak_utilisation"]
    assert result["uncapped_exact"] is True and result["cap_price"] >= 0
    assert abs(result["lower_bound"] - result["uncapped_objective"]) <= 0.01
    assert result["uncapped_objective"] <= ours["objective"] + 0.01


async def test_a_request_no_open_day_can_take_is_unassigned_with_the_reason_in_both_languages(
    client, manager
):
    closed = await client.post(
        f"/api/v1/manage/offices/{ABBASSIA}/closures", json={"date": "2026-12-07"}, headers=manager
    )
    assert closed.status_code == 201
    request_id, number = await ask(client, first="2026-12-07", last="2026-12-07")
    job = await finished(client, manager, await optimise(client, manager))
    assert job["result"]["unassigned"] == {"no_eligible_slot": 1}
    state = await status_of(client, request_id, number)
    assert state["status"] == "unassigned" and state["reason"] == "no_eligible_slot"
    assert state["reason_detail"] and state["reason_detail_ar"]


async def test_a_citizen_who_booked_directly_meanwhile_gets_no_second_booking(client, manager):
    request_id, number = await ask(client)
    start = (await slots(client, ABBASSIA, day="2026-12-08"))[0]["start"]
    direct = await client.post("/api/v1/bookings", json=booking_body(start, number, office_id=ABBASSIA))
    assert direct.status_code == 201
    job = await finished(client, manager, await optimise(client, manager))
    assert job["result"]["unassigned"] == {"duplicate_booking": 1}
    assert (await status_of(client, request_id, number))["reason"] == "duplicate_booking"


async def test_an_assignment_tells_the_citizen_in_their_language(client, manager, database_url):
    request_id, number = await ask(client, lang="en")
    await finished(client, manager, await optimise(client, manager))
    code = (await status_of(client, request_id, number))["booking"]["code"]
    (message,) = await outbox(database_url)
    assert message.kind == "request_assigned" and message.lang == "en" and message.request_id == request_id
    assert code in message.text and "is booked" in message.text
    assert number not in message.text


async def test_a_job_over_some_days_leaves_pending_what_may_still_fit_later(client, manager):
    await client.post(
        f"/api/v1/manage/offices/{ABBASSIA}/closures", json={"date": "2026-12-07"}, headers=manager
    )
    request_id, number = await ask(client, first="2026-12-07", last="2026-12-09")
    monday = await finished(
        client, manager, await optimise(client, manager, **{"from": "2026-12-07", "to": "2026-12-07"})
    )
    assert monday["result"]["left_pending"] == 1 and monday["result"]["assigned"] == 0
    assert (await status_of(client, request_id, number))["status"] == "pending"
    await finished(client, manager, await optimise(client, manager))
    assert (await status_of(client, request_id, number))["booking"]["date"] == "2026-12-08"


async def test_a_request_whose_days_have_passed_is_unassigned(client, clock):
    request_id, number = await ask(client, first="2026-12-07", last="2026-12-07")
    clock.advance(timedelta(days=2))
    manager = await login(client, "manager.cairo")
    job = await finished(client, manager, await optimise(client, manager))
    assert job["result"]["unassigned"] == {"window_passed": 1}
    assert (await status_of(client, request_id, number))["reason"] == "window_passed"


async def test_a_withdrawn_request_is_not_booked(client, manager):
    request_id, number = await ask(client)
    await client.delete(f"/api/v1/booking-requests/{request_id}", headers={"X-Identity-Number": number})
    job = await finished(client, manager, await optimise(client, manager))
    assert job["result"]["requests"] == 0
    state = await status_of(client, request_id, number)
    assert state["status"] == "cancelled" and "booking" not in state
    again = await client.delete(
        f"/api/v1/booking-requests/{request_id}", headers={"X-Identity-Number": number}
    )
    assert again.status_code == 409 and again.json()["code"] == "request_not_changeable"


async def test_the_optimiser_books_under_the_same_churn_caps_as_a_direct_booking(client, manager):
    request_id, number = await ask(client)
    # After the request, the citizen books and cancels three times: the month's cancellations
    # are used up, so no booking may be made for them this month, by the optimiser either.
    for n in range(3):
        start = (await slots(client, ABBASSIA, service="passport-renewal", day="2026-12-08"))[n]["start"]
        body = booking_body(start, number, service="passport-renewal", office_id=ABBASSIA)
        booked = await client.post("/api/v1/bookings", json=body)
        assert booked.status_code == 201, booked.text
        code = booked.json()["code"]
        cancelled = await client.delete(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
        assert cancelled.status_code == 200
    job = await finished(client, manager, await optimise(client, manager))
    assert job["result"]["unassigned"] == {"cancellation_limit": 1}, job["result"]
    state = await status_of(client, request_id, number)
    assert state["status"] == "unassigned" and state["reason"] == "cancellation_limit"
    assert "cancelled" in state["reason_detail"] and state["reason_detail_ar"]
