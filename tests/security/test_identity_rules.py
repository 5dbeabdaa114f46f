"""Identities that cost something, tried over HTTP as a broker or a bot would, on SQLite and
PostgreSQL: a made-up "Egyptian passport" for a citizen-only service, churn (moves and cancels)
beyond the caps, including racing requests, booking again after missed appointments, many
identities behind one mobile, and a freed seat handed over at an agreed second."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from litestar.testing import AsyncTestClient

from api.app import create_app
from api.rate_limits import room
from api.settings import Settings, SettingsError
from kernel.clock import FixedClock
from tests.conftest import TEST_LIMIT_ROOM
from tests.integration.conftest import TEST_IDENTITY_KEY, TEST_SECRET
from tests.integration.helpers import booking_body, national_id, slots

PASSPORT_SERVICES = ("passport-new", "passport-renewal", "passport-replacement")
Client = AsyncTestClient  # type: ignore[type-arg]


def rules(**overrides: Any) -> dict[str, Any]:
    """The production defaults, except no cool-off and room on the test mobile number unless a
    test asks for them."""
    return {"release_cool_off_minutes": (0.0, 0.0), "active_bookings_per_mobile": 1000, **overrides}


@pytest.fixture
def make_client(database_url: str, tmp_path: Path, clock: FixedClock) -> Any:
    """An app whose identity rules are the defaults but for ``overrides``; the rate limits, which
    have their own tests, get room as in every integration test."""

    @asynccontextmanager
    async def make(**overrides: Any) -> AsyncIterator[Client]:
        settings = Settings(
            database_url=database_url,
            secret_key=TEST_SECRET,
            identity_key=TEST_IDENTITY_KEY,
            data_dir=tmp_path,
            rate_limits=room(TEST_LIMIT_ROOM),
        )
        settings = replace(settings, **overrides)
        async with AsyncTestClient(create_app(settings, clock)) as client:
            yield client

    return make


async def book(
    client: Client,
    number: str,
    service: str = "passport-new",
    slot: int = 0,
    start: str | None = None,
    **extra: Any,
) -> Any:
    """Book the ``slot``-th slot offered on the test day, or the slot starting at ``start``."""
    start = start or (await slots(client, service=service))[slot]["start"]
    return await client.post("/api/v1/bookings", json=booking_body(start, number, service=service, **extra))


def refusal(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["code"] == code, body
    assert body["detail"] and body["detail_ar"]
    return body


async def reschedule(client: Client, code: str, number: str, start: str) -> Any:
    return await client.post(
        f"/api/v1/bookings/{code}/reschedule", json={"start": start}, headers={"X-Identity-Number": number}
    )


async def cancel(client: Client, code: str, number: str) -> Any:
    return await client.delete(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})


# --- Citizen-only services need a national ID ------------------------------------------------------


async def test_an_egyptian_passport_cannot_book_a_citizen_only_service(make_client: Any) -> None:
    async with make_client(**rules()) as client:
        start = (await slots(client))[0]["start"]
        body = booking_body(start)
        body["identity"] = {"type": "passport", "number": "AAAAAA", "nationality": "EGY"}
        answer = refusal(await client.post("/api/v1/bookings", json=body), 422, "national_id_required")
        assert "national ID" in answer["detail"] and "الرقم القومي" in answer["detail_ar"]
        # The same for a flexible request, which the optimiser would otherwise book later.
        request = {
            "service": "passport-new",
            "identity": {"type": "passport", "number": "AAAAAA", "nationality": "EGY"},
            "full_name": "كريم محمود عبد الله",
            "phone": "01012345678",
            "from": "2026-12-07",
            "to": "2026-12-09",
            "offices": ["cairo-abbassia-passports"],
        }
        refusal(await client.post("/api/v1/booking-requests", json=request), 422, "national_id_required")
        # A national ID still books it.
        assert (await book(client, national_id())).status_code == 201


async def test_a_foreign_passport_still_books_foreigner_and_open_services(make_client: Any) -> None:
    async with make_client(**rules()) as client:
        passport = {"type": "passport", "number": "P7654321", "nationality": "SYR"}
        for service, office in (
            ("residence-new", "cairo-immigration"),
            ("driving-licence-renewal", "cairo-nasr-city-traffic"),
        ):
            start = (await slots(client, office_id=office, service=service))[0]["start"]
            body = booking_body(start, service=service, office_id=office, identity=passport)
            response = await client.post("/api/v1/bookings", json=body)
            assert response.status_code == 201, (service, response.text)


# --- Churn caps -----------------------------------------------------------------------------------


async def test_a_booking_is_moved_at_most_the_allowed_times(make_client: Any) -> None:
    async with make_client(**rules(reschedules_per_booking=2, reschedules_per_year=10)) as client:
        number = national_id()
        code = (await book(client, number)).json()["code"]
        free = [slot["start"] for slot in await slots(client)][1:4]
        assert (await reschedule(client, code, number, free[0])).status_code == 200
        assert (await reschedule(client, code, number, free[1])).status_code == 200
        third = await reschedule(client, code, number, free[2])
        refusal(third, 409, "reschedule_limit_booking")
        # The refused move changed nothing: the booking is where the second move put it.
        found = await client.get(f"/api/v1/bookings/{code}", headers={"X-Identity-Number": number})
        assert found.json()["start"] == free[1]


async def test_racing_moves_of_one_identity_cannot_pass_the_yearly_cap(make_client: Any) -> None:
    async with make_client(**rules(reschedules_per_booking=5, reschedules_per_year=2)) as client:
        number = national_id()
        codes = []
        for service in PASSPORT_SERVICES:
            response = await book(client, number, service=service)
            assert response.status_code == 201, response.text
            codes.append(response.json()["code"])
        targets = [(await slots(client, service=service))[2]["start"] for service in PASSPORT_SERVICES]
        answers = await asyncio.gather(
            *(reschedule(client, code, number, start) for code, start in zip(codes, targets, strict=True))
        )
        outcomes = Counter(a.status_code if a.status_code == 200 else a.json()["code"] for a in answers)
        assert outcomes == {200: 2, "reschedule_limit": 1}, outcomes


async def test_after_the_months_cancellations_the_identity_cannot_book_again(make_client: Any) -> None:
    async with make_client(**rules(cancellations_per_month=2)) as client:
        number = national_id()
        codes = [
            (await book(client, number, service=service)).json()["code"] for service in PASSPORT_SERVICES
        ]
        # Cancels racing each other all go through (a freed seat helps others) and all count.
        answers = await asyncio.gather(*(cancel(client, code, number) for code in codes))
        assert [a.status_code for a in answers] == [200, 200, 200]
        again = refusal(await book(client, number), 409, "cancellation_limit")
        assert "2027-01-01" in again["detail"]
        # Another identity is not affected.
        assert (await book(client, national_id())).status_code == 201


async def test_racing_cancel_and_rebook_cycles_stop_at_the_cap(make_client: Any, clock: FixedClock) -> None:
    """Three services cycled at once, each loop booking then cancelling: once the month's two
    cancellations are counted no booking succeeds, however the requests interleave."""
    async with make_client(**rules(cancellations_per_month=2)) as client:
        number = national_id()
        booked: list[str] = []

        async def cycle(client: Client, number: str, service: str, booked: list[str]) -> None:
            for _ in range(4):
                response = await book(client, number, service=service)
                if response.status_code != 201:
                    refusal(response, 409, "cancellation_limit")
                    return
                booked.append(service)
                assert (await cancel(client, response.json()["code"], number)).status_code == 200

        await asyncio.gather(*(cycle(client, number, service, booked) for service in PASSPORT_SERVICES))
        # Each booking was let in while fewer than two cancels were counted, so at most two
        # cancels preceded any of them: the third round never started anywhere.
        assert 2 <= len(booked) <= 2 + len(PASSPORT_SERVICES) - 1, booked
        refusal(await book(client, number), 409, "cancellation_limit")


# --- Missed appointments --------------------------------------------------------------------------


async def test_two_missed_appointments_ban_the_identity_for_a_while(
    make_client: Any, clock: FixedClock
) -> None:
    async with make_client(**rules(no_show_limit=2, no_show_window_days=90, no_show_ban_days=30)) as client:
        number = national_id()
        for service in PASSPORT_SERVICES[:2]:
            assert (await book(client, number, service=service)).status_code == 201
        clock.advance(timedelta(days=1))  # the day passed and nobody came to either
        day = "2026-12-21"
        start = (await slots(client, service="passport-replacement", day=day))[0]["start"]
        body = booking_body(start, number, service="passport-replacement")
        banned = refusal(await client.post("/api/v1/bookings", json=body), 409, "no_show_ban")
        assert "2027-01-05" in banned["detail"]
        clock.advance(timedelta(days=30))
        start = (await slots(client, service="passport-replacement", day="2027-01-10"))[0]["start"]
        body = booking_body(start, number, service="passport-replacement")
        assert (await client.post("/api/v1/bookings", json=body)).status_code == 201


# --- One mobile, many identities ------------------------------------------------------------------


async def test_racing_bookings_for_one_mobile_stop_at_its_cap(make_client: Any) -> None:
    async with make_client(**rules(active_bookings_per_mobile=3)) as client:
        starts = [slot["start"] for slot in await slots(client)]
        bodies = [booking_body(starts[i % len(starts)], phone="01098765432") for i in range(8)]
        answers = await asyncio.gather(*(client.post("/api/v1/bookings", json=body) for body in bodies))
        outcomes = Counter(a.status_code if a.status_code == 201 else a.json()["code"] for a in answers)
        assert outcomes[201] == 3, outcomes
        assert set(outcomes) <= {201, "mobile_booking_limit", "slot_full"}, outcomes
        refusal(await book(client, national_id(), phone="01098765432"), 409, "mobile_booking_limit")
        assert (await book(client, national_id(), phone="01111111111")).status_code == 201


# --- A freed seat rests before it is sold again ---------------------------------------------------


async def test_a_cancelled_seat_is_sold_again_only_after_the_cool_off(
    make_client: Any, clock: FixedClock
) -> None:
    async with make_client(**rules(release_cool_off_minutes=(5.0, 6.0))) as client:
        slot = (await slots(client))[4]
        numbers = [national_id() for _ in range(slot["remaining"])]
        codes = [(await book(client, n, slot=4)).json()["code"] for n in numbers]
        assert (await cancel(client, codes[0], numbers[0])).status_code == 200
        # The seat shows as taken and cannot be booked at the agreed second.
        assert (await slots(client))[4]["remaining"] == 0
        refusal(await book(client, national_id(), slot=4), 409, "slot_full")
        clock.advance(timedelta(minutes=4, seconds=59))
        refusal(await book(client, national_id(), slot=4), 409, "slot_full")
        clock.advance(timedelta(minutes=1, seconds=2))  # past the latest release
        await asyncio.sleep(1.1)  # the availability answer is cached for a second
        later = await slots(client)
        assert [s["remaining"] for s in later if s["start"] == slot["start"]] == [1]
        assert (await book(client, national_id(), start=slot["start"])).status_code == 201


async def test_a_moved_booking_rests_its_old_seat_too(make_client: Any, clock: FixedClock) -> None:
    async with make_client(**rules(release_cool_off_minutes=(2.0, 3.0))) as client:
        slot = (await slots(client))[4]
        numbers = [national_id() for _ in range(slot["remaining"])]
        codes = [(await book(client, n, slot=4)).json()["code"] for n in numbers]
        target = (await slots(client))[6]["start"]
        assert (await reschedule(client, codes[0], numbers[0], target)).status_code == 200
        refusal(await book(client, national_id(), slot=4), 409, "slot_full")
        clock.advance(timedelta(minutes=3, seconds=1))
        assert (await book(client, national_id(), start=slot["start"])).status_code == 201


def test_the_rules_are_settings_with_clear_errors() -> None:
    settings = Settings.from_env(
        {"MAWID_RELEASE_COOL_OFF_MINUTES": "3-12", "MAWID_RESCHEDULES_PER_YEAR": "0"}
    )
    assert settings.release_cool_off_minutes == (3.0, 12.0) and settings.reschedules_per_year == 0
    defaults = Settings.from_env({})
    assert (defaults.reschedules_per_booking, defaults.cancellations_per_month) == (2, 3)
    for env in ({"MAWID_RELEASE_COOL_OFF_MINUTES": "10-2"}, {"MAWID_NO_SHOW_LIMIT": "two"}):
        with pytest.raises(SettingsError):
            Settings.from_env(env)
