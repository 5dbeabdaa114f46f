"""``GET /api/v1/offices/{office_id}/today?service=``: the office chooser's figures, from the live
queue and the availability, for anyone and only in aggregate."""

from __future__ import annotations

from tests.integration.hall.conftest import (
    ABBASSIA,
    PASSPORT,
    Client,
    Headers,
    login,
    open_counter,
    problem,
    walk_in,
)

FIELDS = {"office_id", "service", "date", "open_today", "waiting", "wait_minutes", "next_free_day", "as_of"}


def _today(office_id: str = ABBASSIA, service: str = PASSPORT) -> str:
    return f"/api/v1/offices/{office_id}/today?service={service}"


async def _first_free_day(client: Client, office_id: str, service: str) -> str:
    """The nearest day with a free time, as the availability (14 days at a time) shows it."""
    frm = "2026-12-06"
    for _ in range(5):
        days = (
            await client.get(
                f"/api/v1/offices/{office_id}/availability", params={"service": service, "from": frm}
            )
        ).json()["days"]
        for day in days:
            if day["open"] and not day.get("draw_until") and any(s["remaining"] > 0 for s in day["slots"]):
                return str(day["date"])
        frm = days[-1]["date"]
    raise AssertionError("no free day")


async def test_it_counts_who_waits_for_the_service_with_the_wait_and_the_nearest_free_day(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    for _ in range(3):
        await walk_in(client, kiosk)
    await walk_in(client, kiosk, service="passport-renewal")
    await open_counter(client, agent)
    response = await client.get(_today())
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "public, max-age=30"
    today = response.json()
    assert set(today) == FIELDS  # counts only: no ticket, number or name
    assert (today["office_id"], today["service"], today["date"]) == (ABBASSIA, PASSPORT, "2026-12-06")
    assert today["open_today"] is True and today["waiting"] == 3
    board = (await client.get(f"/api/v1/offices/{ABBASSIA}/queue")).json()
    assert today["wait_minutes"] == board["estimates"][PASSPORT] and today["wait_minutes"] > 0
    assert today["next_free_day"] == await _first_free_day(client, ABBASSIA, PASSPORT)
    assert today["as_of"] == "2026-12-06T08:00:00+02:00"


async def test_the_answer_is_kept_for_a_while_so_a_rush_reads_the_hall_once(
    client: Client, kiosk: Headers
) -> None:
    await walk_in(client, kiosk)
    first = (await client.get(_today())).json()
    await walk_in(client, kiosk)
    assert (await client.get(_today())).json() == first


async def test_an_office_closed_today_says_so_and_offers_a_later_day(client: Client) -> None:
    manager = await login(client, "manager.cairo")
    closed = await client.post(
        f"/api/v1/manage/offices/{ABBASSIA}/closures",
        json={"date": "2026-12-06", "reason_en": "maintenance", "reason_ar": "صيانة"},
        headers=manager,
    )
    assert closed.status_code == 201, closed.text
    today = (await client.get(_today())).json()
    assert today["open_today"] is False and today["waiting"] is None and today["wait_minutes"] is None
    assert today["next_free_day"] > "2026-12-06"
    assert today["next_free_day"] == await _first_free_day(client, ABBASSIA, PASSPORT)


async def test_an_unknown_office_or_service_is_refused_as_the_availability_refuses_it(client: Client) -> None:
    problem(await client.get(_today("atlantis")), 404, "office_not_found")
    problem(await client.get(_today(service="space-travel")), 422, "unknown_service")
    problem(await client.get(_today(service="vehicle-licence-renewal")), 422, "service_not_offered")
    missing = await client.get(f"/api/v1/offices/{ABBASSIA}/today")
    assert missing.status_code == 422 and missing.headers["content-type"] == "application/problem+json"
