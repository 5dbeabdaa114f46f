"""A manager closes an office for a day, previews where its bookings would go, and applies it."""

from tests.integration.helpers import booking_body, national_id, slots
from tests.integration.planning.conftest import ABBASSIA, GIZA, outbox

MONDAY = "2026-12-07"


async def book_at(client, start, number=None, office_id=ABBASSIA, lang="ar"):
    number = number or national_id()
    response = await client.post(
        "/api/v1/bookings", json=booking_body(start, number, office_id=office_id, lang=lang)
    )
    assert response.status_code == 201, response.text
    return response.json()["code"], number


async def test_closing_an_office_day_moves_its_bookings_to_another_day_and_tells_each_citizen(
    client, manager, database_url
):
    nine = (await slots(client, ABBASSIA, day=MONDAY))[2]["start"]
    booked = [await book_at(client, nine, lang=lang) for lang in ("ar", "en", "ar")]
    closed = await client.post(
        f"/api/v1/manage/offices/{ABBASSIA}/closures",
        json={"date": MONDAY, "reason_en": "maintenance work", "reason_ar": "أعمال صيانة"},
        headers=manager,
    )
    assert closed.status_code == 201, closed.text
    assert closed.json()["overbooked"] == 3
    preview = await client.post(
        f"/api/v1/manage/offices/{ABBASSIA}/rebalance-plans", json={"from": MONDAY}, headers=manager
    )
    assert preview.status_code == 201, preview.text
    plan = preview.json()
    assert plan["stats"]["displaced"] == 3 and len(plan["moves"]) == 3 and plan["unplaced"] == []
    assert {m["to"]["office_id"] for m in plan["moves"]} == {ABBASSIA}
    applied = await client.post(f"/api/v1/manage/rebalance-plans/{plan['plan_id']}/apply", headers=manager)
    assert applied.status_code == 200, applied.text
    assert applied.json()["moved"] == 3 and applied.json()["notifications"] == 3
    for code, number in booked:
        moved = (await client.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})).json()
        assert moved["status"] == "confirmed" and moved["date"] != MONDAY
    messages = await outbox(database_url)
    assert sorted(m.booking_code for m in messages) == sorted(code for code, _ in booked)
    english = next(m for m in messages if m.lang == "en")
    assert "has moved" in english.text
    arabic = next(m for m in messages if m.lang == "ar")
    assert "تم تغيير موعد حجزك" in arabic.text


async def passport_counters(client):
    office = (await client.get(f"/api/v1/offices/{ABBASSIA}")).json()
    return [c["id"] for c in office["counters"] if c["services"] == ["passport-new"]]


async def close(client, headers, **body):
    """A closure; one that moves bookings needs a reason, so the unsaid one is a power cut."""
    body = {"reason_en": "the power is off", "reason_ar": "انقطاع الكهرباء", **body}
    response = await client.post(f"/api/v1/manage/offices/{ABBASSIA}/closures", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def preview(client, headers, first=MONDAY, last=None):
    body = {"from": first, **({"to": last} if last else {})}
    response = await client.post(
        f"/api/v1/manage/offices/{ABBASSIA}/rebalance-plans", json=body, headers=headers
    )
    assert response.status_code == 201, response.text
    return response.json()


async def apply(client, headers, plan):
    return await client.post(f"/api/v1/manage/rebalance-plans/{plan['plan_id']}/apply", headers=headers)


async def test_a_counter_closed_for_an_hour_moves_only_the_bookings_that_no_longer_fit_later_that_day(
    client, manager
):
    nine = (await slots(client, ABBASSIA, day=MONDAY))[2]
    full = nine["remaining"]
    assert full >= 6
    booked = [await book_at(client, nine["start"]) for _ in range(full)]
    closed = await close(
        client,
        manager,
        date=MONDAY,
        counter_id=(await passport_counters(client))[0],
        **{"from": "09:00", "to": "10:00"},
    )
    over = closed["overbooked"]
    assert 1 <= over < full  # five of the six passport counters still serve that hour
    plan = await preview(client, manager)
    stats = plan["stats"]
    assert (stats["displaced"], stats["stayed"], stats["moved_same_office_same_day"]) == (
        full,
        full - over,
        over,
    )
    assert len(plan["moves"]) == over
    assert all(
        m["to"]["office_id"] == ABBASSIA and m["to"]["start"].startswith(MONDAY) for m in plan["moves"]
    )
    assert (await apply(client, manager, plan)).json()["moved"] == over
    starts = []
    for code, number in booked:
        starts.append(
            (await client.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})).json()[
                "start"
            ]
        )
    assert starts.count(nine["start"]) == full - over


async def test_a_closed_counter_takes_its_room_away_from_new_bookings_at_once(client, manager):
    half_past = (await slots(client, ABBASSIA, day=MONDAY))[3]
    for _ in range(5):
        await book_at(client, half_past["start"])
    await close(
        client,
        manager,
        date=MONDAY,
        counter_id=(await passport_counters(client))[0],
        **{"from": "09:00", "to": "10:00"},
    )
    sixth = await client.post("/api/v1/bookings", json=booking_body(half_past["start"], office_id=ABBASSIA))
    assert sixth.status_code == 409 and sixth.json()["code"] == "slot_full"


async def close_monday_to_thursday(client, headers):
    for day in ("2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10"):
        await close(client, headers, date=day)


async def test_a_booking_nothing_can_take_is_listed_then_cancelled_with_a_message_when_applied(
    client, manager, database_url
):
    code, number = await book_at(client, (await slots(client, ABBASSIA, day=MONDAY))[0]["start"], lang="en")
    await close_monday_to_thursday(client, manager)
    plan = await preview(client, manager)
    assert plan["moves"] == []
    (unplaced,) = plan["unplaced"]
    assert unplaced["booking_code"] == code and unplaced["reason"] == "no_capacity"
    assert unplaced["reason_detail"] and unplaced["reason_detail_ar"]
    result = (await apply(client, manager, plan)).json()
    assert (result["moved"], result["cancelled"]) == (0, 1)
    gone = (await client.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})).json()
    assert gone["status"] == "cancelled"
    (message,) = await outbox(database_url)
    assert message.kind == "booking_cancelled" and "is cancelled because" in message.text


async def test_an_administrators_plan_moves_bookings_to_a_nearby_office_when_their_own_is_shut(client, admin):
    code, _ = await book_at(client, (await slots(client, ABBASSIA, day=MONDAY))[0]["start"])
    await close_monday_to_thursday(client, admin)
    plan = await preview(client, admin)
    (move,) = plan["moves"]
    assert move["booking_code"] == code and move["to"]["office_id"] == GIZA
    assert 0 < move["distance_km"] <= 60 and plan["stats"]["moved_other_office"] == 1


async def test_a_plan_is_applied_once_and_skips_what_changed_since_the_preview(client, manager):
    nine = (await slots(client, ABBASSIA, day=MONDAY))[2]["start"]
    kept, withdrawn = await book_at(client, nine), await book_at(client, nine)
    await close(client, manager, date=MONDAY)
    plan = await preview(client, manager)
    await client.delete(f"/api/v1/bookings/{withdrawn[0]}", headers={"X-Identity-Number": withdrawn[1]})
    result = (await apply(client, manager, plan)).json()
    assert result["moved"] == 1
    assert result["skipped"] == [{"booking_code": withdrawn[0], "reason": "booking_changed"}]
    again = await apply(client, manager, plan)
    assert again.status_code == 409 and again.json()["code"] == "plan_already_applied"
    shown = (await client.get(f"/api/v1/manage/rebalance-plans/{plan['plan_id']}", headers=manager)).json()
    assert shown["status"] == "applied" and shown["result"]["moved"] == 1
    moved = (await client.get(f"/api/v1/bookings/{kept[0]}", headers={"X-Identity-Number": kept[1]})).json()
    assert moved["date"] != MONDAY


async def test_the_office_load_shows_booked_against_capacity_per_hour(client, manager):
    nine = (await slots(client, ABBASSIA, day=MONDAY))[2]["start"]
    for _ in range(2):
        await book_at(client, nine)
    url = f"/api/v1/manage/offices/{ABBASSIA}/load?from={MONDAY}&to={MONDAY}"
    (day,) = (await client.get(url, headers=manager)).json()["days"]
    hour = next(h for h in day["hours"] if h["hour"] == "09:00")
    assert day["open"] and hour["booked"] == 2 and hour["capacity"] > 2 and not hour["over_capacity"]
    await close(client, manager, date=MONDAY)
    (day,) = (await client.get(url, headers=manager)).json()["days"]
    hour = next(h for h in day["hours"] if h["hour"] == "09:00")
    assert not day["open"] and hour == {**hour, "capacity": 0, "booked": 2, "over_capacity": True}


async def test_a_counter_closed_for_good_lowers_every_slot_and_reopening_a_day_restores_it(client, manager):
    counter = (await passport_counters(client))[0]
    edited = await client.patch(
        f"/api/v1/manage/offices/{ABBASSIA}/counters/{counter}", json={"active": False}, headers=manager
    )
    assert edited.status_code == 200, edited.text
    assert next(c for c in edited.json()["office"]["counters"] if c["id"] == counter)["active"] is False
    assert (await slots(client, ABBASSIA, day="2026-12-08"))[0]["remaining"] == 5
    await close(client, manager, date=MONDAY)
    assert await slots(client, ABBASSIA, day=MONDAY) == []
    reopened = await client.delete(f"/api/v1/manage/offices/{ABBASSIA}/closures/{MONDAY}", headers=manager)
    assert reopened.json()["removed"] == 1
    assert (await slots(client, ABBASSIA, day=MONDAY))[0]["remaining"] == 5


async def test_the_closures_from_today_on_are_listed_until_the_day_is_reopened(client, manager):
    counter = (await passport_counters(client))[0]
    await close(client, manager, date="2026-12-08", counter_id=counter, **{"from": "09:00", "to": "11:00"})
    await close(client, manager, date=MONDAY, reason_en="a power cut", reason_ar="انقطاع الكهرباء")
    url = f"/api/v1/manage/offices/{ABBASSIA}/closures"
    listed = (await client.get(url, headers=manager)).json()["closures"]
    assert [(c["date"], c["counter_id"], c["from"], c["to"]) for c in listed] == [
        (MONDAY, None, None, None),
        ("2026-12-08", counter, "09:00", "11:00"),
    ]
    assert listed[0]["reason_ar"] == "انقطاع الكهرباء"
    assert (await client.get(url, params={"from": "2026-12-08"}, headers=manager)).json()["closures"] == [
        listed[1]
    ]
    await client.delete(f"{url}/{MONDAY}", headers=manager)
    assert [c["date"] for c in (await client.get(url, headers=manager)).json()["closures"]] == ["2026-12-08"]


async def test_a_closure_must_name_a_counter_of_the_office_and_sensible_hours_within_the_window(
    client, manager
):
    url = f"/api/v1/manage/offices/{ABBASSIA}/closures"
    wrong_counter = await client.post(url, json={"date": MONDAY, "counter_id": 99999}, headers=manager)
    assert wrong_counter.status_code == 404 and wrong_counter.json()["code"] == "counter_not_found"
    backwards = await client.post(url, json={"date": MONDAY, "from": "11:00", "to": "09:00"}, headers=manager)
    assert backwards.status_code == 422 and backwards.json()["code"] == "invalid_hours"
    past = await client.post(url, json={"date": "2026-12-01"}, headers=manager)
    assert past.status_code == 422 and past.json()["code"] == "outside_booking_window"
    services = await client.patch(
        f"/api/v1/manage/offices/{ABBASSIA}/counters/{(await passport_counters(client))[0]}",
        json={"services": ["vehicle-licence-renewal"]},
        headers=manager,
    )
    assert services.status_code == 422 and services.json()["code"] == "invalid_counter_services"
