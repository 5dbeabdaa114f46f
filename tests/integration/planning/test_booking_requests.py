"""Flexible requests obey the identity rules of direct bookings, and name their offices one way."""

from sqlalchemy import text

from kernel.database import Database
from tests.integration.helpers import booking_body, national_id, slots
from tests.integration.planning.conftest import ABBASSIA, GIZA, ask, request_body, status_of

URL = "/api/v1/booking-requests"


async def refused(client, body, status=422):
    response = await client.post(URL, json=body)
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail_ar"]
    return response.json()["code"]


async def test_a_request_waits_as_pending_and_is_found_with_its_identity_number(client):
    request_id, number = await ask(client)
    state = await status_of(client, request_id, number)
    assert state["status"] == "pending" and "booking" not in state
    assert state["offices"] == [{"office_id": ABBASSIA, "distance_km": 0.0}]
    assert state["identity_last4"] == number[-4:]


async def test_a_wrong_identity_number_looks_exactly_like_an_unknown_request(client):
    request_id, _ = await ask(client)
    wrong = await client.get(f"{URL}/{request_id}", headers={"X-Identity-Number": national_id()})
    unknown = await client.get(f"{URL}/{'0' * 32}", headers={"X-Identity-Number": national_id()})
    missing = await client.get(f"{URL}/{request_id}")
    assert wrong.status_code == unknown.status_code == missing.status_code == 404
    assert wrong.json() == unknown.json() == missing.json()
    assert wrong.json()["code"] == "request_not_found"


async def test_the_identity_number_is_kept_only_as_a_digest(client, database_url):
    number = national_id()
    await ask(client, number=number)
    database = Database(database_url)
    rows = await database.read(
        lambda conn: [tuple(r) for r in conn.execute(text("SELECT * FROM booking_requests"))]
    )
    await database.dispose()
    assert rows and number not in repr(rows)


async def test_an_invalid_identity_phone_or_name_is_refused_as_for_a_direct_booking(client):
    bad_id = request_body("12345678901234")
    assert await refused(client, bad_id) == "invalid_national_id"
    assert await refused(client, {**request_body(), "phone": "0123"}) == "invalid_phone"
    assert await refused(client, {**request_body(), "full_name": " x "}) == "invalid_name"


async def test_a_citizen_cannot_ask_for_a_residence_permit(client):
    body = request_body(service="residence-new", offices=["cairo-immigration"])
    assert await refused(client, body) == "identity_not_eligible"


async def test_a_foreigner_asks_with_a_passport_and_finds_the_request_with_it(client):
    body = request_body(service="residence-renewal", offices=["cairo-immigration"])
    body["identity"] = {"type": "passport", "number": "P7654321", "nationality": "SYR"}
    response = await client.post(URL, json=body)
    assert response.status_code == 202, response.text
    assert (await status_of(client, response.json()["request_id"], "p7654321"))["status"] == "pending"


async def test_a_second_pending_request_for_the_same_service_is_a_duplicate_until_the_first_is_withdrawn(
    client,
):
    request_id, number = await ask(client)
    assert await refused(client, request_body(number), 409) == "duplicate_request"
    withdrawn = await client.delete(f"{URL}/{request_id}", headers={"X-Identity-Number": number})
    assert withdrawn.status_code == 200 and withdrawn.json()["status"] == "cancelled"
    assert (await client.post(URL, json=request_body(number))).status_code == 202


async def test_someone_holding_a_booking_for_the_service_cannot_also_ask_for_it(client):
    number = national_id()
    start = (await slots(client))[0]["start"]
    assert (await client.post("/api/v1/bookings", json=booking_body(start, number))).status_code == 201
    assert await refused(client, request_body(number), 409) == "duplicate_booking"


async def test_the_days_lie_between_today_and_sixty_days_ahead_in_order(client):
    assert (
        await refused(client, request_body(first="2026-12-05", last="2026-12-07")) == "outside_booking_window"
    )
    assert (
        await refused(client, request_body(first="2027-01-20", last="2027-02-10")) == "outside_booking_window"
    )
    assert await refused(client, request_body(first="2026-12-09", last="2026-12-07")) == "invalid_date_range"


async def test_the_offices_are_named_in_exactly_one_way(client):
    both = request_body(offices=[GIZA], governorate="giza")
    assert await refused(client, both) == "invalid_offices_choice"
    neither = {k: v for k, v in request_body().items() if k != "offices"}
    assert await refused(client, neither) == "invalid_offices_choice"
    assert await refused(client, request_body(offices=[])) == "invalid_offices_choice"


async def test_a_listed_office_must_exist_and_offer_the_service(client):
    assert await refused(client, request_body(offices=["nowhere"]), 404) == "office_not_found"
    assert (
        await refused(client, request_body(offices=[ABBASSIA, "cairo-nasr-city-traffic"]))
        == "service_not_offered"
    )


async def test_listed_offices_are_measured_from_the_first(client):
    request_id, number = await ask(client, offices=[GIZA, ABBASSIA])
    offices = (await status_of(client, request_id, number))["offices"]
    assert offices[0] == {"office_id": GIZA, "distance_km": 0.0}
    assert offices[1]["office_id"] == ABBASSIA and 5 < offices[1]["distance_km"] < 20


async def test_a_governorate_accepts_its_offices_that_offer_the_service(client):
    request_id, number = await ask(client, governorate="Giza")
    state = await status_of(client, request_id, number)
    assert [o["office_id"] for o in state["offices"]] == [GIZA]
    assert await refused(client, request_body(governorate="atlantis")) == "unknown_governorate"
    assert await refused(client, request_body(governorate="matrouh")) == "no_office_in_reach"


async def test_a_radius_accepts_the_offices_within_it_nearest_first(client):
    near_abbassia = {"lat": 30.07, "lon": 31.28, "max_km": 25}
    request_id, number = await ask(client, near=near_abbassia)
    offices = (await status_of(client, request_id, number))["offices"]
    assert offices[0]["office_id"] == ABBASSIA
    assert [o["distance_km"] for o in offices] == sorted(o["distance_km"] for o in offices)
    assert all(o["distance_km"] <= 25 for o in offices)
    tiny = request_body(near={"lat": 25.0, "lon": 28.0, "max_km": 5})
    assert await refused(client, tiny) == "no_office_in_reach"
    assert await refused(client, request_body(near={"lat": 95, "lon": 31, "max_km": 5})) == "invalid_location"


async def test_the_time_of_day_is_one_of_the_three_bands(client):
    assert await refused(client, request_body(time_of_day="night")) == "invalid_time_of_day"
    request_id, number = await ask(client, time_of_day="Afternoon")
    assert (await status_of(client, request_id, number))["time_of_day"] == "afternoon"
