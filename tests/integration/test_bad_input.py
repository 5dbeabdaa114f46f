"""Bad input is answered with a clear 4xx problem, never a 500."""

import pytest

from tests.integration.helpers import booking_body, slots

PROBLEM = "application/problem+json"


def assert_problem(response, status, code=None):
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM)
    body = response.json()
    assert body["status"] == status and body["detail"] and body["detail_ar"] and body["code"]
    if code:
        assert body["code"] == code


@pytest.mark.parametrize("identity, code", [
    ({"type": "national_id", "number": "29002300112345"}, "invalid_national_id"),
    ({"type": "national_id", "number": "29001019912345"}, "invalid_national_id"),
    ({"type": "national_id", "number": "123"}, "invalid_national_id"),
    ({"type": "passport", "number": "A1234567", "nationality": "QQQ"}, "invalid_nationality"),
    ({"type": "passport", "number": "!!", "nationality": "SDN"}, "invalid_passport"),
    ({"type": "fingerprint", "number": "x"}, "invalid_identity"),
])
async def test_a_bad_identity_is_refused_with_its_own_code(client, identity, code):
    body = booking_body((await slots(client))[0]["start"])
    body["identity"] = identity
    assert_problem(await client.post("/api/v1/bookings", json=body), 422, code)


async def test_a_bad_phone_is_invalid_phone(client):
    body = booking_body((await slots(client))[0]["start"], phone="12345")
    assert_problem(await client.post("/api/v1/bookings", json=body), 422, "invalid_phone")


@pytest.mark.parametrize("change, status, code", [
    ({"office_id": "atlantis"}, 404, "office_not_found"),
    ({"service": "teleportation"}, 422, "unknown_service"),
    ({"service": "vehicle-licence-renewal"}, 422, "service_not_offered"),
    ({"start": "2026-12-06T09:07:00+02:00"}, 422, "slot_not_offered"),
    ({"start": "2026-12-11T09:00:00+02:00"}, 422, "slot_not_offered"),  # a Friday
    ({"start": "2026-12-06T08:30:00+02:00"}, 422, "outside_booking_window"),  # 30 min ahead
    ({"start": "2026-11-30T09:00:00+02:00"}, 422, "outside_booking_window"),  # past
    ({"start": "2027-03-01T09:00:00+02:00"}, 422, "outside_booking_window"),  # > 60 days
    ({"start": "2026-12-06T09:00:00"}, 422, "invalid_start"),  # no offset
    ({"start": "tomorrow"}, 422, "invalid_request"),
    ({"start": [2026, 12, 6]}, 422, "invalid_request"),
    ({"full_name": ""}, 422, "invalid_name"),
    ({"full_name": 42}, 422, "invalid_request"),
    ({"email": "not-an-email"}, 422, "invalid_email"),
    ({"identity": "29001010112345"}, 422, "invalid_request"),
])
async def test_wrong_values_and_types_are_4xx_problems(client, change, status, code):
    body = {**booking_body("2026-12-06T09:00:00+02:00"), **change}
    assert_problem(await client.post("/api/v1/bookings", json=body), status, code)


@pytest.mark.parametrize("missing", ["service", "office_id", "start", "identity", "full_name", "phone"])
async def test_a_missing_field_is_named_in_the_problem(client, missing):
    body = booking_body("2026-12-06T09:00:00+02:00")
    del body[missing]
    response = await client.post("/api/v1/bookings", json=body)
    # A service may come as ``service`` or, one trip for several, ``services``: missing both is
    # its own problem, which names them; so is a person, as ``identity`` and ``full_name`` or,
    # several people in one appointment, ``people``.
    either = {
        "service": "service_or_services",
        "identity": "identity_or_people",
        "full_name": "identity_or_people",
    }
    assert_problem(response, 422, either.get(missing, "invalid_request"))
    assert missing in response.json()["detail"]


async def test_a_body_that_is_not_json_is_a_problem(client):
    response = await client.post("/api/v1/bookings", content=b"{not json",
                                 headers={"content-type": "application/json"})
    assert response.status_code in (400, 422)
    assert response.headers["content-type"].startswith(PROBLEM)


async def test_a_one_megabyte_body_is_refused_as_too_large(client):
    response = await client.post("/api/v1/bookings", content=b"[" + b"1," * 500_000 + b"1]",
                                 headers={"content-type": "application/json"})
    assert_problem(response, 413, "body_too_large")


async def test_a_huge_string_inside_a_small_enough_body_is_still_not_a_500(client):
    body = booking_body("2026-12-06T09:00:00+02:00", full_name="أ" * 20_000)
    assert_problem(await client.post("/api/v1/bookings", json=body), 422, "invalid_name")


async def test_an_unknown_path_and_wrong_method_are_problems(client):
    assert_problem(await client.get("/api/v1/nothing-here"), 404)
    assert_problem(await client.put("/api/v1/services"), 405)


async def test_rescheduling_with_garbage_is_not_a_500(client):
    response = await client.post("/api/v1/bookings/ABCDEFGH/reschedule", json={"start": []},
                                 headers={"X-Identity-Number": "1"})
    assert response.status_code == 422
    response = await client.post("/api/v1/bookings/%00%01/reschedule",
                                 json={"start": "2026-12-06T09:00:00+02:00"})
    assert_problem(response, 404, "not_found")  # a NUL in the path is refused before any route
