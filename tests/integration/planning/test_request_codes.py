"""A flexible request is named by a short code, as a booking is, and still by the 32-hex id that
old links carry; a pending one says when the next batch decides it."""

from __future__ import annotations

import dataclasses
import re

import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.settings import Settings
from booking.codes import normalise_booking_code
from kernel.clock import FixedClock
from kernel.schedule import parse_times
from tests.integration.helpers import national_id
from tests.integration.planning.conftest import ask, request_body

URL = "/api/v1/booking-requests"
HEX_ID = re.compile(r"[0-9a-f]{32}")


async def _made(client) -> tuple[dict, str]:
    number = national_id()
    response = await client.post(URL, json=request_body(number))
    assert response.status_code == 202, response.text
    return response.json(), number


async def test_a_request_answers_with_its_code_beside_its_id(client):
    made, _ = await _made(client)
    assert HEX_ID.fullmatch(made["request_id"])
    assert normalise_booking_code(made["code"]) == made["code"]
    assert list(made)[:3] == ["request_id", "code", "status"]


async def test_a_request_is_found_by_its_code_however_typed_and_by_its_old_id(client):
    made, number = await _made(client)
    code = made["code"]
    typed = f"{code[:4].lower()}-{code[4:].lower()}"
    answers = []
    for reference in (code, typed, made["request_id"], made["request_id"].upper()):
        response = await client.get(f"{URL}/{reference}", headers={"X-Identity-Number": number})
        assert response.status_code == 200, (reference, response.text)
        answers.append(response.json())
    assert all(answer == answers[0] for answer in answers)
    assert (answers[0]["request_id"], answers[0]["code"]) == (made["request_id"], code)


async def test_a_wrong_identity_with_a_code_is_the_same_404_as_an_unknown_code(client):
    made, _ = await _made(client)
    headers = {"X-Identity-Number": national_id()}
    wrong = await client.get(f"{URL}/{made['code']}", headers=headers)
    unknown = await client.get(f"{URL}/{'Z' * 8}", headers=headers)
    not_a_code = await client.get(f"{URL}/{'!' * 8}", headers=headers)
    assert wrong.status_code == unknown.status_code == not_a_code.status_code == 404
    assert wrong.json() == unknown.json() == not_a_code.json()
    assert wrong.json()["code"] == "request_not_found"


async def test_a_request_is_withdrawn_by_its_code(client):
    made, number = await _made(client)
    response = await client.delete(f"{URL}/{made['code']}", headers={"X-Identity-Number": number})
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "cancelled" and "next_batch" not in response.json()
    again = await client.delete(f"{URL}/{made['request_id']}", headers={"X-Identity-Number": number})
    assert again.status_code == 409 and again.json()["code"] == "request_not_changeable"


async def test_a_pending_request_says_when_the_next_batch_decides_it(client):
    made, number = await _made(client)
    # The clock stands at 08:00 on 6 December (Cairo); the batch runs at 02:00 every day.
    expected = {"at": "2026-12-07T02:00:00+02:00", "daily_at": ["02:00"]}
    assert made["next_batch"] == expected
    shown = await client.get(f"{URL}/{made['code']}", headers={"X-Identity-Number": number})
    assert shown.json()["next_batch"] == expected


@pytest.mark.parametrize(
    ("times", "expected"),
    [
        ((), None),
        ("06:30,14:00", {"at": "2026-12-06T14:00:00+02:00", "daily_at": ["06:30", "14:00"]}),
    ],
)
async def test_the_next_batch_follows_the_batch_times_set(
    settings: Settings, clock: FixedClock, times, expected
):
    configured = dataclasses.replace(settings, batch_times=parse_times(times) if times else ())
    async with AsyncTestClient(create_app(configured, clock)) as client:
        request_id, number = await ask(client)
        shown = (await client.get(f"{URL}/{request_id}", headers={"X-Identity-Number": number})).json()
    assert shown.get("next_batch") == expected
