"""``GET /api/v1/manage/offices/{id}/satisfaction``: the satisfied share (4–5) per service and
ISO week of the visits, the answers behind it and the latest comments — masked, with nothing of
who wrote them — for the office's managers only."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from kernel.clock import FixedClock
from tests.integration.feedback.conftest import (
    ABBASSIA,
    PASSPORT,
    Client,
    Headers,
    book,
    feedback_messages,
    login,
    problem,
    serve,
    token_of,
)
from tests.integration.helpers import GIZA

REPORT = f"/api/v1/manage/offices/{ABBASSIA}/satisfaction"


async def _answer_visits(
    client: Client,
    kiosk: Headers,
    agent: Headers,
    clock: FixedClock,
    database_url: str,
    day: str,
    answers: list[tuple[int, str | None]],
) -> list[dict[str, Any]]:
    """Book one visit per answer on ``day`` (all first, while the times are ahead), serve each,
    and answer its link."""
    bookings = [await book(client, day=day, slot=n) for n in range(len(answers))]
    for booking, (rating, comment) in zip(bookings, answers, strict=True):
        assert (await serve(client, kiosk, agent, clock, booking)).status_code == 200
        (message,) = [m for m in await feedback_messages(database_url) if m.booking_code == booking["code"]]
        body: dict[str, Any] = {"rating": rating} | ({"comment": comment} if comment else {})
        answered = await client.post(f"/api/v1/feedback/{token_of(message)}", json=body)
        assert answered.status_code == 201, answered.text
    return bookings


async def test_a_manager_reads_the_satisfied_share_per_service_and_week_and_the_latest_comments(
    client: Client, kiosk: Headers, agent: Headers, clock: FixedClock, database_url: str
) -> None:
    first_week = await _answer_visits(
        client,
        kiosk,
        agent,
        clock,
        database_url,
        "2026-12-06",
        [(5, "شكرًا، اتصلوا بي على 0101 234 5678"), (4, None), (2, "الانتظار طويل")],
    )
    clock.advance(datetime.fromisoformat("2026-12-13T08:00:00+02:00") - clock.now())
    kiosk, agent = await login(client, "kiosk.abbassia"), await login(client, "agent.abbassia")  # a new shift
    second_week = await _answer_visits(
        client, kiosk, agent, clock, database_url, "2026-12-13", [(3, "Fine, but the hall was cold")]
    )
    manager = await login(client, "manager.cairo")

    response = await client.get(REPORT, headers=manager)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["from"], report["to"]) == ("2026-10-19", "2026-12-13")  # this week and seven before
    assert [w["week"] for w in report["weeks"]] == [f"2026-W{n}" for n in range(43, 51)]
    assert report["weeks"][-1] == {"week": "2026-W50", "starts": "2026-12-07"}
    assert (report["answers"], report["satisfied"], report["share"]) == (4, 2, 0.5)
    (passports,) = report["services"]
    assert (passports["service"], passports["answers"], passports["satisfied"]) == (PASSPORT, 4, 2)
    assert passports["weeks"] == [
        {"week": "2026-W49", "answers": 3, "satisfied": 2, "share": 0.6667},
        {"week": "2026-W50", "answers": 1, "satisfied": 0, "share": 0.0},
    ]
    assert report["comments"] == [
        {"service": PASSPORT, "week": "2026-W50", "rating": 3, "comment": "Fine, but the hall was cold"},
        {"service": PASSPORT, "week": "2026-W49", "rating": 2, "comment": "الانتظار طويل"},
        {"service": PASSPORT, "week": "2026-W49", "rating": 5, "comment": "شكرًا، اتصلوا بي على •••"},
    ]
    for booking in first_week + second_week:
        assert booking["code"] not in response.text
    assert "1012345678" not in response.text and "منى" not in response.text

    only_second = await client.get(REPORT, params={"from": "2026-12-07", "to": "2026-12-13"}, headers=manager)
    assert only_second.json()["answers"] == 1
    assert [c["rating"] for c in only_second.json()["comments"]] == [3]


async def test_an_office_without_answers_has_no_share_rather_than_zero(client: Client) -> None:
    report = (await client.get(REPORT, headers=await login(client, "manager.cairo"))).json()
    assert (report["answers"], report["satisfied"], report["share"]) == (0, 0, None)
    assert report["services"] == [] and report["comments"] == [] and len(report["weeks"]) == 8


async def test_only_the_offices_managers_read_its_satisfaction(client: Client, agent: Headers) -> None:
    manager = await login(client, "manager.cairo")
    admin = await login(client, "admin")
    problem(await client.get(REPORT), 401, "not_authenticated")
    problem(await client.get(REPORT, headers=agent), 403, "forbidden")
    problem(
        await client.get(f"/api/v1/manage/offices/{GIZA}/satisfaction", headers=manager),
        403,
        "office_forbidden",
    )
    problem(
        await client.get("/api/v1/manage/offices/atlantis/satisfaction", headers=admin),
        404,
        "office_not_found",
    )
    assert (await client.get(f"/api/v1/manage/offices/{GIZA}/satisfaction", headers=admin)).status_code == 200


async def test_a_range_backwards_or_longer_than_a_year_is_refused(client: Client) -> None:
    manager = await login(client, "manager.cairo")
    backwards = {"from": "2026-12-10", "to": "2026-12-01"}
    too_long = {"from": "2025-11-30", "to": "2026-12-06"}
    problem(await client.get(REPORT, params=backwards, headers=manager), 422, "invalid_satisfaction_range")
    problem(await client.get(REPORT, params=too_long, headers=manager), 422, "invalid_satisfaction_range")
    problem(await client.get(REPORT, params={"from": "yesterday"}, headers=manager), 422, "invalid_request")
    a_year = await client.get(REPORT, params={"from": "2025-12-01", "to": "2026-12-06"}, headers=manager)
    assert a_year.status_code == 200 and len(a_year.json()["weeks"]) == 53
