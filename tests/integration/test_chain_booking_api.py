"""One trip, several services over HTTP, on SQLite and PostgreSQL: availability with ``service``
repeated, ``POST /bookings`` with ``services``, and the chain looked up, moved and cancelled whole."""

from __future__ import annotations

from typing import Any

from tests.integration.helpers import booking_body, national_id, slots

DAY = "2026-12-06"
ASKED = ["passport-new", "criminal-record-certificate"]  # as a citizen might name them
SERVED = ["criminal-record-certificate", "passport-new"]  # the certificate first


async def chain_days(client: Any, services: list[str] = ASKED, office_id: str = "giza-passports") -> Any:
    return await client.get(
        f"/api/v1/offices/{office_id}/availability",
        params=[("service", s) for s in services] + [("from", DAY), ("to", DAY)],
    )


async def chain_slots(client: Any) -> list[dict[str, Any]]:
    response = await chain_days(client)
    assert response.status_code == 200, response.text
    return response.json()["days"][0]["slots"]  # type: ignore[no-any-return]


async def book_chain(client: Any, start: str, number: str, services: list[str] = ASKED) -> Any:
    body = booking_body(start, number=number)
    del body["service"]
    return await client.post("/api/v1/bookings", json={**body, "services": services})


async def test_availability_for_several_services_lists_starts_where_the_whole_chain_fits(client):
    answer = (await chain_days(client)).json()
    assert answer["service"] == SERVED[0] and answer["services"] == SERVED
    offered = answer["days"][0]["slots"]
    assert offered
    for slot in offered:
        first, second = slot["visits"]
        assert [first["service"], second["service"]] == SERVED
        assert (slot["start"], slot["end"]) == (first["start"], second["end"])
        assert first["end"] == second["start"]
    single = await slots(client, service=SERVED[0])
    assert set(single[0]) == {"start", "end", "remaining"}  # the one-service answer is unchanged
    assert single[-1]["start"] not in {slot["start"] for slot in offered}  # no slot follows the last


async def test_a_chain_is_booked_under_one_code_with_its_visits_and_one_list_of_papers(client):
    slot = (await chain_slots(client))[0]
    second_start = slot["visits"][1]["start"]
    before = {s["start"]: s["remaining"] for s in await slots(client, service=SERVED[1])}
    response = await book_chain(client, slot["start"], national_id())
    assert response.status_code == 201, response.text
    booking = response.json()
    assert booking["service"] == SERVED[0] and booking["start"] == slot["start"]
    assert [(v["service"], v["start"], v["end"]) for v in booking["visits"]] == [
        (v["service"], v["start"], v["end"]) for v in slot["visits"]
    ]
    assert len(booking["documents_en"]) == len(set(booking["documents_en"]))
    assert "Original national ID card" in booking["documents_en"]
    # Every answer the chain touched is fresh at once: the chain's, and each service's alone.
    assert (await chain_slots(client))[0]["remaining"] == slot["remaining"] - 1
    after = {s["start"]: s["remaining"] for s in await slots(client, service=SERVED[1])}
    assert after[second_start] == before[second_start] - 1


async def test_a_single_booking_still_lists_its_one_visit(client):
    start = (await slots(client))[0]["start"]
    booking = (await client.post("/api/v1/bookings", json=booking_body(start))).json()
    assert booking["visits"] == [
        {"service": "passport-new", "start": booking["start"], "end": booking["end"]}
    ]


async def test_service_and_services_together_or_neither_or_a_bad_list_are_refused_in_both_languages(client):
    start = (await chain_slots(client))[0]["start"]
    body = booking_body(start)
    both = await client.post("/api/v1/bookings", json={**body, "services": ASKED})
    del body["service"]
    neither = await client.post("/api/v1/bookings", json=body)
    too_many = await book_chain(
        client, start, national_id(), [*SERVED, "passport-renewal", "civil-certificate"]
    )
    twice = await book_chain(client, start, national_id(), ["passport-new", "passport-new"])
    empty = await book_chain(client, start, national_id(), [])
    codes = [r.json()["code"] for r in (both, neither, too_many, twice, empty)]
    assert codes == [
        "service_or_services",
        "service_or_services",
        "too_many_services",
        "repeated_service",
        "no_service",
    ]
    for refused in (both, neither, too_many, twice, empty):
        assert refused.status_code == 422 and refused.headers["content-type"].startswith(
            "application/problem+json"
        )
        assert refused.json()["detail_ar"]
    repeated = await chain_days(client, ["passport-new", "passport-new"])
    assert repeated.status_code == 422 and repeated.json()["code"] == "repeated_service"


async def test_a_service_held_in_a_chain_is_a_duplicate_and_the_limit_counts_services(client):
    number = national_id()
    offered = await chain_slots(client)
    assert (await book_chain(client, offered[0]["start"], number)).status_code == 201
    start = (await slots(client))[5]["start"]
    again = await client.post("/api/v1/bookings", json=booking_body(start, number=number))
    assert again.status_code == 409 and again.json()["code"] == "duplicate_booking"
    renewal = (await slots(client, service="passport-renewal"))[5]["start"]
    third = booking_body(renewal, number=number, service="passport-renewal")
    assert (await client.post("/api/v1/bookings", json=third)).status_code == 201
    civil = (await slots(client, service="civil-certificate"))[5]["start"]
    fourth = booking_body(civil, number=number, service="civil-certificate")
    refused = await client.post("/api/v1/bookings", json=fourth)
    assert refused.status_code == 409 and refused.json()["code"] == "booking_limit"


async def test_my_booking_finds_moves_and_cancels_the_whole_chain(client):
    number = national_id()
    offered = await chain_slots(client)
    code = (await book_chain(client, offered[0]["start"], number)).json()["code"]
    headers = {"X-Identity-Number": number}
    found = (await client.get(f"/api/v1/bookings/{code}", headers=headers)).json()
    assert [v["service"] for v in found["visits"]] == SERVED
    target = offered[3]
    moved = await client.post(
        f"/api/v1/bookings/{code}/reschedule", json={"start": target["start"]}, headers=headers
    )
    assert moved.status_code == 200, moved.text
    assert [v["start"] for v in moved.json()["visits"]] == [v["start"] for v in target["visits"]]
    traffic = await client.post(
        f"/api/v1/bookings/{code}/reschedule",
        json={"start": target["start"], "office_id": "giza-october-traffic"},
        headers=headers,
    )
    assert traffic.status_code == 422 and traffic.json()["code"] == "service_not_offered"
    singles = await slots(client, service=SERVED[0])
    last = singles[-1]["start"]
    no_fit = await client.post(f"/api/v1/bookings/{code}/reschedule", json={"start": last}, headers=headers)
    assert no_fit.status_code == 422 and no_fit.json()["code"] == "slot_not_offered"
    before = {s["start"]: s["remaining"] for s in await chain_slots(client)}
    cancelled = await client.delete(f"/api/v1/bookings/{code}", headers=headers)
    assert cancelled.status_code == 200 and len(cancelled.json()["visits"]) == 2
    after = {s["start"]: s["remaining"] for s in await chain_slots(client)}
    assert after[target["start"]] >= before[target["start"]]
    assert sum(after.values()) > sum(before.values())
    calendar = await client.get(f"/api/v1/bookings/{code}/calendar.ics", headers=headers)
    assert calendar.status_code == 200
