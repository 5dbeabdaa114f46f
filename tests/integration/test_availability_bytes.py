"""Availability served from day blocks, on SQLite and PostgreSQL: the bytes are those of the answer
computed anew, a phone that polls gets 304 until something changes, and a booking, a
cancellation or a closure shows at once."""

from __future__ import annotations

import asyncio
from datetime import date
from typing import Any

import msgspec
import pytest

from api.services import services_of
from api.views import availability_view
from booking.chains import checked_chain
from tests.integration.helpers import ABBASSIA, GIZA, booking_body, login, national_id

URL = f"/api/v1/offices/{GIZA}/availability"
SUNDAY, MONDAY = "2026-12-06", "2026-12-07"


async def uncached(
    client: Any, office_id: str, services: list[str], first: str | None, last: str | None, people: int
) -> bytes:
    """The answer as the use case computes it, past every cache (on the app's own event loop: its
    PostgreSQL connections belong to it)."""
    app = services_of(client.app)
    chain = checked_chain(services)
    start = date.fromisoformat(first) if first else None
    end = date.fromisoformat(last) if last else None

    async def compute() -> bytes:
        days = await app.appointments.party_availability(office_id, chain, start, end, people)
        office = await app.directory.office(office_id)
        assert office is not None
        view = availability_view(office, chain[0], days, app.release, app.clock.now(), chain)
        return msgspec.json.encode(view)

    return await asyncio.to_thread(client.blocking_portal.call, compute)


ASKED = [
    (GIZA, ["passport-new"], SUNDAY, "2026-12-19", 1),
    (GIZA, ["passport-new"], None, None, 1),  # the office's today and two weeks on
    (ABBASSIA, ["passport-renewal"], "2026-12-04", MONDAY, 3),  # a Friday, closed; a party of three
    (GIZA, ["passport-new", "criminal-record-certificate"], SUNDAY, "2026-12-10", 1),  # a chain, reordered
    (GIZA, ["passport-new", "criminal-record-certificate"], MONDAY, MONDAY, 2),  # a party, a chain
]


@pytest.mark.parametrize(("office_id", "services", "first", "last", "people"), ASKED)
async def test_the_answer_is_byte_for_byte_the_one_computed_anew_cold_and_warm(
    client, office_id, services, first, last, people
):
    params: dict[str, Any] = {"service": services, "people": people}
    params |= {"from": first} if first else {}
    params |= {"to": last} if last else {}
    url = f"/api/v1/offices/{office_id}/availability"
    cold = await client.get(url, params=params)
    assert cold.status_code == 200, cold.text
    assert cold.content == await uncached(client, office_id, services, first, last, people)
    warm = await client.get(url, params=params)
    assert warm.content == cold.content and warm.headers["etag"] == cold.headers["etag"]


async def test_a_poll_with_the_etag_gets_304_until_a_booking_changes_the_day(client):
    params = {"service": "passport-new", "from": SUNDAY, "to": MONDAY}
    first = await client.get(URL, params=params)
    etag = first.headers["etag"]
    assert first.headers["cache-control"] == "no-cache"  # nothing personal: kept, but asked again
    assert etag.startswith('W/"') and first.headers["content-type"].startswith("application/json")
    for sent in (etag, etag.removeprefix("W/"), f'"other", {etag}', "*"):
        again = await client.get(URL, params=params, headers={"If-None-Match": sent})
        assert (again.status_code, again.content, again.headers["etag"]) == (304, b"", etag), sent
    other = await client.get(URL, params=params, headers={"If-None-Match": '"something-else"'})
    assert other.status_code == 200 and other.content == first.content

    start = first.json()["days"][1]["slots"][0]
    made = await client.post("/api/v1/bookings", json=booking_body(start["start"], national_id()))
    assert made.status_code == 201, made.text
    after = await client.get(URL, params=params, headers={"If-None-Match": etag})
    assert after.status_code == 200 and after.headers["etag"] != etag
    slot = after.json()["days"][1]["slots"][0]
    assert slot["remaining"] == start["remaining"] - 1
    assert after.json()["days"][0] == first.json()["days"][0]  # the other day, untouched
    assert after.content == await uncached(client, GIZA, ["passport-new"], SUNDAY, MONDAY, 1)


async def test_a_cancellation_gives_the_seat_back_at_once(client):
    params = {"service": "passport-new", "from": MONDAY, "to": MONDAY}
    before = (await client.get(URL, params=params)).json()["days"][0]["slots"][0]
    number = national_id()
    made = await client.post("/api/v1/bookings", json=booking_body(before["start"], number))
    code = made.json()["code"]
    during = (await client.get(URL, params=params)).json()["days"][0]["slots"][0]
    assert during["remaining"] == before["remaining"] - 1
    cancelled = await client.delete(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
    assert cancelled.status_code in (200, 204), cancelled.text
    after = (await client.get(URL, params=params)).json()["days"][0]["slots"][0]
    assert after["remaining"] == before["remaining"]


async def test_a_chain_shows_at_once_that_its_later_visits_slot_is_full(client):
    url = URL
    params = {"service": ["passport-new", "criminal-record-certificate"], "from": MONDAY, "to": MONDAY}
    chained = (await client.get(url, params=params)).json()["days"][0]["slots"][0]
    assert chained["remaining"] > 0
    later = chained["visits"][1]
    alone = {"service": later["service"], "from": MONDAY, "to": MONDAY}
    seats = next(
        s["remaining"]
        for s in (await client.get(url, params=alone)).json()["days"][0]["slots"]
        if s["start"] == later["start"]
    )
    for _ in range(seats):  # the later visit's slot filled by single bookings of its service
        body = booking_body(later["start"], national_id(), service=later["service"])
        assert (await client.post("/api/v1/bookings", json=body)).status_code == 201
    after = (await client.get(url, params=params)).json()["days"][0]["slots"]
    assert next(s for s in after if s["start"] == chained["start"])["remaining"] == 0


async def test_a_closure_shows_at_once(client):
    manager = await login(client, "manager.cairo")
    url = f"/api/v1/offices/{ABBASSIA}/availability"
    params = {"service": "passport-renewal", "from": MONDAY, "to": "2026-12-08"}
    before = (await client.get(url, params=params)).json()["days"]
    assert before[1]["open"] and before[1]["slots"]
    closed = await client.post(
        f"/api/v1/manage/offices/{ABBASSIA}/closures",
        json={"date": "2026-12-08", "reason_en": "Maintenance", "reason_ar": "صيانة"},
        headers=manager,
    )
    assert closed.status_code == 201, closed.text
    after = (await client.get(url, params=params)).json()["days"]
    assert after[0] == before[0]
    assert not after[1]["open"] and after[1]["slots"] == []
