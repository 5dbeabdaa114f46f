"""Several people, one appointment, over HTTP on SQLite and PostgreSQL: availability with
``people=N``, ``POST /bookings`` with ``people``, each person's identity under its own rules, and
the block looked up, moved, thinned (one person removed) and cancelled whole."""

from __future__ import annotations

from typing import Any

from tests.integration.helpers import booking_body, national_id, slots

DAY = "2026-12-06"
SERVICE = "passport-new"  # 20 minutes on a 30-minute grid: two turns begin in the first slot


def person(number: str, name: str = "عمر محمود السيد") -> dict[str, Any]:
    return {"identity": {"type": "national_id", "number": number}, "full_name": name}


def party_body(start: str, numbers: list[str], **extra: Any) -> dict[str, Any]:
    body = booking_body(start, **extra)
    del body["identity"], body["full_name"]
    names = ["منى عبد الرحمن السيد", "عمر محمود السيد", "ليلى محمود السيد", "يوسف محمود السيد"]
    return {**body, "people": [person(n, names[i % len(names)]) for i, n in enumerate(numbers)]}


async def party_slots(
    client: Any, people: int, services: tuple[str, ...] = (SERVICE,)
) -> list[dict[str, Any]]:
    response = await client.get(
        "/api/v1/offices/giza-passports/availability",
        params=[("service", s) for s in services] + [("from", DAY), ("to", DAY), ("people", str(people))],
    )
    assert response.status_code == 200, response.text
    return response.json()["days"][0]["slots"]  # type: ignore[no-any-return]


def left(single: list[dict[str, Any]]) -> dict[str, int]:
    return {slot["start"]: slot["remaining"] for slot in single}


async def test_availability_for_a_party_lists_its_whole_block(client):
    single = await slots(client)
    offered = await party_slots(client, 3)
    assert offered and len(offered) < len(single)  # the last slots cannot take three in a row
    first = offered[0]
    # Three 20-minute turns: two begin in the first 30-minute slot, the third in the next.
    assert first["start"] == single[0]["start"] and first["end"] == single[1]["end"]
    assert [v["service"] for v in first["visits"]] == [SERVICE]
    too_many = await client.get(
        "/api/v1/offices/giza-passports/availability", params={"service": SERVICE, "people": "7"}
    )
    assert too_many.status_code == 422 and too_many.json()["code"] == "too_many_people"


async def test_a_party_is_booked_under_one_code_and_takes_a_seat_per_turn(client):
    before = left(await slots(client))
    start = (await party_slots(client, 3))[0]["start"]
    numbers = [national_id() for _ in range(3)]
    response = await client.post("/api/v1/bookings", json=party_body(start, numbers))
    assert response.status_code == 201, response.text
    booking = response.json()
    assert booking["headcount"] == 3
    assert [(p["position"], p["identity_last4"]) for p in booking["people"]] == [
        (n + 1, number[-4:]) for n, number in enumerate(numbers)
    ]
    assert booking["full_name"] == booking["people"][0]["full_name"]
    assert not any(number in response.text for number in numbers)  # never a number in clear
    after = left(await slots(client))
    taken = {s: before[s] - after.get(s, 0) for s in before if before[s] != after.get(s, 0)}
    starts = sorted(before)
    assert taken == {starts[0]: 2, starts[1]: 1}
    assert booking["end"] == booking["visits"][0]["end"] and booking["end"] > starts[1]
    shown = await client.get(f"/api/v1/bookings/{booking['code']}", headers={"X-Identity-Number": numbers[0]})
    assert shown.json()["people"] == booking["people"]
    # Only the applicant's number opens it.
    other = await client.get(f"/api/v1/bookings/{booking['code']}", headers={"X-Identity-Number": numbers[1]})
    assert other.status_code == 404


async def test_one_or_several_people_exactly_and_not_too_many(client):
    start = (await slots(client))[0]["start"]
    both = {
        **party_body(start, [national_id()]),
        "identity": {"type": "national_id", "number": national_id()},
    }
    neither = party_body(start, [])
    del neither["people"]
    empty = party_body(start, [])
    many = party_body(start, [national_id() for _ in range(7)])
    codes = []
    for body in (both, neither, empty, many):
        refused = await client.post("/api/v1/bookings", json=body)
        assert refused.status_code == 422 and refused.json()["detail_ar"]
        codes.append(refused.json()["code"])
    assert codes == ["identity_or_people", "identity_or_people", "identity_or_people", "too_many_people"]


async def test_a_person_refused_is_named_by_place_and_name_never_by_number(client):
    start = (await party_slots(client, 2))[0]["start"]
    taken = national_id()
    alone = await client.post("/api/v1/bookings", json=booking_body((await slots(client))[6]["start"], taken))
    assert alone.status_code == 201
    refused = await client.post("/api/v1/bookings", json=party_body(start, [national_id(), taken]))
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["code"] == "duplicate_booking" and problem["person"] == 2
    assert "Person 2 (عمر محمود السيد)" in problem["detail"] and "٢" in problem["detail_ar"]
    assert taken not in refused.text and taken[-4:] not in refused.text
    foreign = {
        "identity": {"type": "passport", "number": "X1234567", "nationality": "SYR"},
        "full_name": "Rami Haddad",
    }
    body = party_body(start, [national_id()])
    body["people"].append(foreign)
    ineligible = await client.post("/api/v1/bookings", json=body)
    assert ineligible.status_code == 422 and ineligible.json()["code"] == "identity_not_eligible"
    assert ineligible.json()["person"] == 2 and "Rami Haddad" in ineligible.json()["detail"]
    twice = national_id()
    repeated = await client.post("/api/v1/bookings", json=party_body(start, [national_id(), twice, twice]))
    assert repeated.status_code == 422 and repeated.json()["code"] == "repeated_person"
    bad = party_body(start, [national_id(), "123"])
    invalid = await client.post("/api/v1/bookings", json=bad)
    assert invalid.status_code == 422 and invalid.json()["person"] == 2


async def test_each_person_counts_toward_their_own_identity(client):
    start = (await party_slots(client, 2))[0]["start"]
    child = national_id()
    assert (
        await client.post("/api/v1/bookings", json=party_body(start, [national_id(), child]))
    ).status_code == 201
    later = (await slots(client))[8]["start"]
    again = await client.post("/api/v1/bookings", json=booking_body(later, child))
    assert again.status_code == 409 and again.json()["code"] == "duplicate_booking"
    for service in ("passport-renewal", "civil-certificate"):
        other = (await slots(client, service=service))[8]["start"]
        made = await client.post("/api/v1/bookings", json=booking_body(other, child, service=service))
        assert made.status_code == 201, made.text
    busy = national_id()
    for service in ("passport-renewal", "civil-certificate", "criminal-record-certificate"):
        other = (await slots(client, service=service))[9]["start"]
        assert (
            await client.post("/api/v1/bookings", json=booking_body(other, busy, service=service))
        ).status_code == 201
    start = (await party_slots(client, 2))[1]["start"]
    limit = await client.post("/api/v1/bookings", json=party_body(start, [national_id(), busy]))
    assert (
        limit.status_code == 409 and limit.json()["code"] == "booking_limit" and limit.json()["person"] == 2
    )


async def test_a_person_removed_frees_their_seat_and_their_identity(client):
    start = (await party_slots(client, 3))[0]["start"]
    numbers = [national_id() for _ in range(3)]
    code = (await client.post("/api/v1/bookings", json=party_body(start, numbers))).json()["code"]
    before = left(await slots(client))
    owner = {"X-Identity-Number": numbers[0]}
    removed = await client.delete(f"/api/v1/bookings/{code}/people/3", headers=owner)
    assert removed.status_code == 200, removed.text
    assert removed.json()["headcount"] == 2 and [p["position"] for p in removed.json()["people"]] == [1, 2]
    after = left(await slots(client))
    freed = {s: after[s] - before.get(s, 0) for s in after if after[s] != before.get(s, 0)}
    assert list(freed.values()) == [1]
    alone = await client.post(
        "/api/v1/bookings", json=booking_body((await slots(client))[7]["start"], numbers[2])
    )
    assert alone.status_code == 201, alone.text
    applicant = await client.delete(f"/api/v1/bookings/{code}/people/1", headers=owner)
    assert applicant.status_code == 409 and applicant.json()["code"] == "applicant_not_removable"
    gone = await client.delete(f"/api/v1/bookings/{code}/people/3", headers=owner)
    assert gone.status_code == 404 and gone.json()["code"] == "person_not_found"
    stranger = await client.delete(
        f"/api/v1/bookings/{code}/people/2", headers={"X-Identity-Number": numbers[1]}
    )
    assert stranger.status_code == 404 and stranger.json()["code"] == "booking_not_found"


async def test_the_block_moves_and_cancels_whole(client):
    offered = await party_slots(client, 3)
    numbers = [national_id() for _ in range(3)]
    code = (await client.post("/api/v1/bookings", json=party_body(offered[0]["start"], numbers))).json()[
        "code"
    ]
    owner = {"X-Identity-Number": numbers[0]}
    await client.delete(f"/api/v1/bookings/{code}/people/2", headers=owner)
    empty = left(await slots(client))
    target = offered[4]["start"]
    moved = await client.post(f"/api/v1/bookings/{code}/reschedule", json={"start": target}, headers=owner)
    assert moved.status_code == 200, moved.text
    assert moved.json()["start"] == target and moved.json()["headcount"] == 2
    after = left(await slots(client))
    assert sum(after.values()) == sum(empty.values())  # two seats moved, none lost or made
    assert after[target] == empty[target] - 2  # two 20-minute turns begin in the same slot
    cancelled = await client.delete(f"/api/v1/bookings/{code}", headers=owner)
    assert cancelled.status_code == 200
    assert sum(left(await slots(client)).values()) == sum(empty.values()) + 2
    for number in numbers:  # everyone may book again
        start = (await slots(client))[10]["start"]
        assert (await client.post("/api/v1/bookings", json=booking_body(start, number))).status_code == 201


async def test_a_party_may_take_a_chain_of_services_together(client):
    services = ("criminal-record-certificate", "passport-new")
    offered = await party_slots(client, 2, services)
    assert offered
    slot = offered[0]
    first, second = slot["visits"]
    assert first["end"] == second["start"] and slot["end"] == second["end"]
    body = party_body(slot["start"], [national_id(), national_id()])
    del body["service"]
    made = await client.post("/api/v1/bookings", json={**body, "services": list(services)})
    assert made.status_code == 201, made.text
    assert [(v["service"], v["start"], v["end"]) for v in made.json()["visits"]] == [
        (v["service"], v["start"], v["end"]) for v in slot["visits"]
    ]
    assert made.json()["headcount"] == 2
