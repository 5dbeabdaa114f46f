"""One trip, several services, asked for as a flexible request, on SQLite and PostgreSQL: the API
takes ``services``, checks each service as a request for it alone, and the optimiser's job books the
chain back to back at one office on one day, or refuses it whole."""

from __future__ import annotations

from typing import Any

from tests.integration.helpers import booking_body, national_id, slots
from tests.integration.planning.conftest import (
    ABBASSIA,
    GIZA,
    finished,
    optimise,
    outbox,
    request_body,
    status_of,
)

MONDAY = "2026-12-07"
ASKED = ["passport-new", "criminal-record-certificate"]  # as a citizen might name them
SERVED = ["criminal-record-certificate", "passport-new"]  # the certificate is served first
# Abbassia's desks (booking.demo, twice over): 1–6 passport-new, 13–16 the certificates.
NEW_PASSPORT_COUNTERS = range(1, 7)
CERTIFICATE_COUNTERS = range(13, 17)


def chain_body(number: str | None = None, services: list[str] = ASKED, **kwargs: Any) -> dict[str, Any]:
    body = request_body(number, **kwargs)
    del body["service"]
    return {**body, "services": services}


async def ask_chain(client: Any, **kwargs: Any) -> tuple[str, str]:
    number = national_id()
    response = await client.post("/api/v1/booking-requests", json=chain_body(number, **kwargs))
    assert response.status_code == 202, response.text
    return response.json()["request_id"], number


async def remaining(client: Any, service: str) -> dict[str, int]:
    return {s["start"]: s["remaining"] for s in await slots(client, ABBASSIA, service=service, day=MONDAY)}


async def test_a_chain_request_is_booked_back_to_back_at_one_office_and_day(client, manager, database_url):
    request_id, number = await ask_chain(client, first=MONDAY, last=MONDAY, lang="en")
    pending = await status_of(client, request_id, number)
    assert (pending["status"], pending["service"], pending["services"]) == ("pending", SERVED[0], SERVED)
    before = {service: await remaining(client, service) for service in SERVED}

    job = await finished(client, manager, await optimise(client, manager))
    assert job["status"] == "done" and job["result"]["assigned"] == 1, job
    assert job["result"]["verified"] is True

    state = await status_of(client, request_id, number)
    assert state["status"] == "assigned" and state["services"] == SERVED
    code = state["booking"]["code"]
    found = await client.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
    assert found.status_code == 200, found.text
    booking = found.json()
    assert booking["office_id"] == ABBASSIA and booking["date"] == MONDAY and booking["status"] == "confirmed"
    visits = booking["visits"]
    assert [v["service"] for v in visits] == SERVED
    assert visits[0]["start"] == booking["start"] and visits[0]["end"] == visits[1]["start"]
    assert state["booking"]["visits"] == visits
    for visit in visits:  # each visit took its slot's seat
        after = await remaining(client, visit["service"])
        assert after[visit["start"]] == before[visit["service"]][visit["start"]] - 1
    (message,) = await outbox(database_url)
    assert message.kind == "request_assigned" and code in message.text
    assert "Criminal record certificate" in message.text and "New passport" in message.text, message.text


async def test_a_chain_never_served_back_to_back_at_its_offices_is_refused_whole(client, manager):
    # The certificates' counters open only from noon, the new-passport counters only until noon:
    # each service alone has times that day, but never the passport right after the certificate.
    url = f"/api/v1/manage/offices/{ABBASSIA}/closures"
    for counter, starts, ends in [
        *((c, "08:00", "12:00") for c in CERTIFICATE_COUNTERS),
        *((c, "12:00", "15:00") for c in NEW_PASSPORT_COUNTERS),
    ]:
        closed = await client.post(
            url, json={"date": MONDAY, "counter_id": counter, "from": starts, "to": ends}, headers=manager
        )
        assert closed.status_code == 201, closed.text
    assert await remaining(client, SERVED[0]) and await remaining(client, SERVED[1])
    request_id, number = await ask_chain(client, first=MONDAY, last=MONDAY)

    job = await finished(client, manager, await optimise(client, manager))
    assert job["result"]["unassigned"] == {"no_eligible_slot": 1}, job["result"]
    state = await status_of(client, request_id, number)
    assert (state["status"], state["reason"]) == ("unassigned", "no_eligible_slot")
    assert state["reason_detail"] and state["reason_detail_ar"] and "booking" not in state


async def test_service_and_services_together_or_a_bad_list_are_refused(client):
    both = {**chain_body(), "service": "passport-new"}
    neither = chain_body()
    del neither["services"]
    refused = [
        await client.post("/api/v1/booking-requests", json=body)
        for body in (
            both,
            neither,
            chain_body(services=["passport-new", "passport-new"]),
            chain_body(services=[*SERVED, "passport-renewal", "civil-certificate"]),
            chain_body(services=["passport-new", "no-such-service"]),
        )
    ]
    assert [(r.status_code, r.json()["code"]) for r in refused] == [
        (422, "service_or_services"),
        (422, "service_or_services"),
        (422, "repeated_service"),
        (422, "too_many_services"),
        (422, "unknown_service"),
    ]
    assert all(r.json()["detail_ar"] for r in refused)


async def test_each_service_of_a_chain_is_checked_as_a_request_for_it_alone(client):
    number = national_id()
    kept = await client.post("/api/v1/booking-requests", json=chain_body(number))
    assert kept.status_code == 202, kept.text
    # its later service (the passport), asked alone or in another chain, is already pending
    alone = await client.post("/api/v1/booking-requests", json=request_body(number, service="passport-new"))
    other = await client.post(
        "/api/v1/booking-requests", json=chain_body(number, services=["civil-certificate", "passport-new"])
    )
    assert [(r.status_code, r.json()["code"]) for r in (alone, other)] == [
        (409, "duplicate_request"),
        (409, "duplicate_request"),
    ]
    # a service already booked directly, second in the chain
    booker = national_id()
    start = (await slots(client, ABBASSIA, service="passport-renewal", day=MONDAY))[0]["start"]
    direct = booking_body(start, booker, service="passport-renewal", office_id=ABBASSIA)
    assert (await client.post("/api/v1/bookings", json=direct)).status_code == 201
    held = chain_body(booker, services=["civil-certificate", "passport-renewal"])
    refused = await client.post("/api/v1/booking-requests", json=held)
    assert (refused.status_code, refused.json()["code"]) == (409, "duplicate_booking")


async def test_a_chain_asks_for_offices_offering_every_service_and_an_eligible_identity(client):
    # an office that does not offer the second service, named in the list
    listed = await client.post(
        "/api/v1/booking-requests",
        json=chain_body(services=["passport-new", "driving-licence-renewal"], offices=[ABBASSIA]),
    )
    assert (listed.status_code, listed.json()["code"]) == (422, "service_not_offered")
    # no office in the governorate offers both
    apart = ["passport-new", "driving-licence-renewal"]  # passport and traffic offices
    nowhere = await client.post(
        "/api/v1/booking-requests", json=chain_body(services=apart, offices=None, governorate="cairo")
    )
    assert (nowhere.status_code, nowhere.json()["code"]) == (422, "no_office_in_reach")
    assert "New passport" in nowhere.json()["detail"] and nowhere.json()["detail_ar"]
    # a governorate keeps only the offices offering all of them
    both = await client.post(
        "/api/v1/booking-requests", json=chain_body(services=ASKED, offices=None, governorate="giza")
    )
    assert both.status_code == 202, both.text
    assert [o["office_id"] for o in both.json()["offices"]] == [GIZA]
    # a foreigner may not ask for a new passport, even second in a chain
    foreigner = {"type": "passport", "number": "A1234567", "nationality": "SDN"}
    body = {**chain_body(services=["criminal-record-certificate", "passport-new"]), "identity": foreigner}
    refused = await client.post("/api/v1/booking-requests", json=body)
    assert (refused.status_code, refused.json()["code"]) == (422, "identity_not_eligible")
