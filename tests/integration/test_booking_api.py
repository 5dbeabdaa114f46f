from tests.integration.helpers import booking_body, national_id, slots

PROBLEM = "application/problem+json"


async def book(client, **kwargs):
    start = kwargs.pop("start", None) or (await slots(client))[0]["start"]
    return await client.post("/api/v1/bookings", json=booking_body(start, **kwargs))


async def test_booking_a_free_slot_confirms_it_with_a_code(client):
    response = await book(client)
    assert response.status_code == 201, response.text
    booking = response.json()
    assert booking["status"] == "confirmed"
    assert len(booking["code"]) == 8
    assert booking["start"] == "2026-12-06T09:00:00+02:00"
    assert booking["end"] == "2026-12-06T09:30:00+02:00"
    assert booking["office_id"] == "giza-passports"


async def test_the_identity_number_is_not_in_the_response_only_its_last_four(client):
    number = national_id()
    booking = (await book(client, number=number)).json()
    assert number not in str(booking)
    assert booking["identity_last4"] == number[-4:]


async def test_a_booking_is_found_with_its_code_and_identity_number(client):
    number = national_id()
    code = (await book(client, number=number)).json()["code"]
    found = await client.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
    assert found.status_code == 200
    assert found.json()["code"] == code
    # Codes typed in lower case with look-alike letters still work.
    lower = await client.get(f"/api/v1/bookings/{code.lower()}", headers={"X-Identity-Number": number})
    assert lower.status_code == 200


async def test_a_wrong_identity_number_looks_exactly_like_an_unknown_code(client):
    code = (await book(client)).json()["code"]
    wrong = await client.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": national_id()})
    unknown = await client.get("/api/v1/bookings/ZZZZZZZZ", headers={"X-Identity-Number": national_id()})
    missing = await client.get(f"/api/v1/bookings/{code}")
    assert wrong.status_code == unknown.status_code == missing.status_code == 404
    assert wrong.json() == unknown.json() == missing.json()


async def test_a_second_active_booking_for_the_same_service_is_a_duplicate(client):
    number = national_id()
    first, second = (await slots(client))[:2]
    assert (await book(client, number=number, start=first["start"])).status_code == 201
    again = await book(client, number=number, start=second["start"])
    assert again.status_code == 409
    assert again.headers["content-type"].startswith(PROBLEM)
    assert again.json()["code"] == "duplicate_booking"
    assert again.json()["detail_ar"]


async def test_an_identity_may_hold_at_most_three_active_bookings(client):
    number = national_id()
    for service in ("passport-new", "passport-renewal", "passport-replacement"):
        start = (await slots(client, service=service))[0]["start"]
        assert (await book(client, number=number, service=service, start=start)).status_code == 201
    start = (await slots(client, service="civil-certificate"))[0]["start"]
    fourth = await book(client, number=number, service="civil-certificate", start=start)
    assert fourth.status_code == 409
    assert fourth.json()["code"] == "booking_limit"


async def test_a_full_slot_refuses_the_next_booking(client):
    slot = (await slots(client))[0]
    for _ in range(slot["remaining"]):
        assert (await book(client, start=slot["start"])).status_code == 201
    full = await book(client, start=slot["start"])
    assert full.status_code == 409
    assert full.json()["code"] == "slot_full"
    assert (await slots(client))[0]["remaining"] == 0


async def test_cancelling_frees_the_slot_at_once(client):
    slot = (await slots(client))[0]
    numbers = [national_id() for _ in range(slot["remaining"])]
    codes = [(await book(client, number=n, start=slot["start"])).json()["code"] for n in numbers]
    assert (await book(client, start=slot["start"])).json()["code"] == "slot_full"
    cancelled = await client.delete(f"/api/v1/bookings/{codes[0]}", headers={"X-Identity-Number": numbers[0]})
    assert cancelled.status_code == 200
    assert cancelled.json()["status"] == "cancelled"
    assert (await slots(client))[0]["remaining"] == 1
    assert (await book(client, start=slot["start"])).status_code == 201


async def test_a_cancelled_booking_cannot_be_cancelled_again(client):
    number = national_id()
    code = (await book(client, number=number)).json()["code"]
    headers = {"X-Identity-Number": number}
    assert (await client.delete(f"/api/v1/bookings/{code}", headers=headers)).status_code == 200
    again = await client.delete(f"/api/v1/bookings/{code}", headers=headers)
    assert again.status_code == 409
    assert again.json()["code"] == "booking_not_changeable"


async def test_cancelling_gives_back_the_identity_its_place_for_another_booking(client):
    number = national_id()
    code = (await book(client, number=number)).json()["code"]
    await client.delete(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
    assert (await book(client, number=number)).status_code == 201


async def test_rescheduling_moves_the_booking_and_frees_the_old_slot(client):
    number = national_id()
    first, later = (await slots(client))[0], (await slots(client))[3]
    code = (await book(client, number=number, start=first["start"])).json()["code"]
    moved = await client.post(f"/api/v1/bookings/{code}/reschedule", json={"start": later["start"]},
                              headers={"X-Identity-Number": number})
    assert moved.status_code == 200, moved.text
    assert moved.json()["start"] == later["start"]
    after = await slots(client)
    assert after[0]["remaining"] == first["remaining"]
    assert after[3]["remaining"] == later["remaining"] - 1


async def test_rescheduling_to_a_full_slot_keeps_the_old_booking(client):
    number = national_id()
    first, target = (await slots(client))[0], (await slots(client))[1]
    code = (await book(client, number=number, start=first["start"])).json()["code"]
    for _ in range(target["remaining"]):
        assert (await book(client, start=target["start"])).status_code == 201
    refused = await client.post(f"/api/v1/bookings/{code}/reschedule", json={"start": target["start"]},
                                headers={"X-Identity-Number": number})
    assert refused.status_code == 409
    assert refused.json()["code"] == "slot_full"
    kept = (await client.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})).json()
    assert kept["start"] == first["start"] and kept["status"] == "confirmed"
    assert (await slots(client))[0]["remaining"] == first["remaining"] - 1


async def test_rescheduling_to_another_office_offering_the_service(client):
    number = national_id()
    code = (await book(client, number=number)).json()["code"]
    start = (await slots(client, office_id="cairo-abbassia-passports"))[0]["start"]
    moved = await client.post(
        f"/api/v1/bookings/{code}/reschedule",
        json={"start": start, "office_id": "cairo-abbassia-passports"},
        headers={"X-Identity-Number": number},
    )
    assert moved.status_code == 200
    assert moved.json()["office_id"] == "cairo-abbassia-passports"


async def test_the_calendar_file_is_an_icalendar_event_in_the_bookings_language(client):
    number = national_id()
    code = (await book(client, number=number)).json()["code"]
    ics = await client.get(f"/api/v1/bookings/{code}/calendar.ics", headers={"X-Identity-Number": number})
    assert ics.status_code == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    text = ics.text.replace("\r\n ", "")
    assert "BEGIN:VEVENT" in text and f"UID:{code}@mawid" in text
    assert "DTSTART:20261206T070000Z" in text
    assert "إدارة جوازات الجيزة" in text
    assert number not in text


async def test_a_foreigner_books_a_residence_renewal_with_a_passport(client):
    start = (await slots(client, office_id="cairo-immigration", service="residence-renewal"))[0]["start"]
    body = booking_body(start, service="residence-renewal", office_id="cairo-immigration")
    body["identity"] = {"type": "passport", "number": "P9876543", "nationality": "SDN"}
    response = await client.post("/api/v1/bookings", json=body)
    assert response.status_code == 201, response.text
    found = await client.get(f"/api/v1/bookings/{response.json()['code']}",
                             headers={"X-Identity-Number": "p9876543"})
    assert found.status_code == 200


async def test_a_citizen_cannot_book_a_residence_permit(client):
    start = (await slots(client, office_id="cairo-immigration", service="residence-new"))[0]["start"]
    response = await book(client, service="residence-new", office_id="cairo-immigration", start=start)
    assert response.status_code == 422
    assert response.json()["code"] == "identity_not_eligible"
