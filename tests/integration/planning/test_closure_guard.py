"""Closing an office is asked before it is done and cannot be done twice: what a closure would do
is answered without writing anything (how many bookings it pushes out); a closure that pushes
bookings out needs a reason, in either language; the same closure twice is refused (409), by the
API and, for two requests at the same moment or any writer at all, by the database's partial
unique index; the migration that brought the index ends the duplicates made before it. On SQLite
and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time
from typing import Any

import pytest
from alembic import command
from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from booking.store.migrate import alembic_config, migrate
from booking.store.tables import ClosureRow
from kernel.database import Database
from tests.integration.helpers import booking_body, national_id, slots
from tests.integration.planning.conftest import ABBASSIA

MONDAY = "2026-12-07"
URL = f"/api/v1/manage/offices/{ABBASSIA}/closures"
BEFORE_INDEX = "e8c4a2f6b913"


async def book_three(client: Any) -> list[str]:
    nine = (await slots(client, ABBASSIA, day=MONDAY))[2]["start"]
    codes = []
    for _ in range(3):
        made = await client.post(
            "/api/v1/bookings", json=booking_body(nine, national_id(), office_id=ABBASSIA)
        )
        assert made.status_code == 201, made.text
        codes.append(made.json()["code"])
    return codes


async def test_the_impact_of_a_closure_is_told_before_and_nothing_is_written(client, manager):
    await book_three(client)
    free_before = await slots(client, ABBASSIA, day=MONDAY)
    impact = await client.post(f"{URL}/impact", json={"date": MONDAY}, headers=manager)
    assert impact.status_code == 200, impact.text
    assert impact.json() | {"office_id": ABBASSIA} == {
        "office_id": ABBASSIA,
        "date": MONDAY,
        "counter_id": None,
        "from": None,
        "to": None,
        "reason_en": "",
        "reason_ar": "",
        "booked": 3,
        "overbooked": 3,
        "displaced": 3,
        "reason_required": True,
    }
    assert (await client.get(URL, headers=manager)).json()["closures"] == []
    assert await slots(client, ABBASSIA, day=MONDAY) == free_before

    quiet = await client.post(f"{URL}/impact", json={"date": "2026-12-08"}, headers=manager)
    assert (quiet.json()["displaced"], quiet.json()["reason_required"]) == (0, False)


async def test_a_closure_that_moves_bookings_needs_a_reason_in_either_language(client, manager):
    await book_three(client)
    refused = await client.post(URL, json={"date": MONDAY}, headers=manager)
    assert refused.status_code == 422, refused.text
    problem = refused.json()
    assert problem["code"] == "reason_required"
    assert "3 of that day's bookings" in problem["detail"] and "٣" in problem["detail_ar"]
    assert (await client.get(URL, headers=manager)).json()["closures"] == []
    blank = await client.post(URL, json={"date": MONDAY, "reason_ar": "   "}, headers=manager)
    assert blank.status_code == 422 and blank.json()["code"] == "reason_required"

    arabic_only = await client.post(URL, json={"date": MONDAY, "reason_ar": "أعمال صيانة"}, headers=manager)
    assert arabic_only.status_code == 201, arabic_only.text
    assert arabic_only.json()["overbooked"] == 3

    # A day with nothing booked closes without one, as before.
    assert (await client.post(URL, json={"date": "2026-12-08"}, headers=manager)).status_code == 201


async def test_the_same_closure_twice_is_refused_until_the_day_is_reopened(client, manager):
    hours = {"date": MONDAY, "from": "09:00", "to": "11:00"}
    assert (await client.post(URL, json=hours, headers=manager)).status_code == 201
    assert (await client.post(URL, json={"date": MONDAY}, headers=manager)).status_code == 201
    for body in (hours, {"date": MONDAY}):
        again = await client.post(URL, json={**body, "reason_en": "a second click"}, headers=manager)
        assert again.status_code == 409, again.text
        assert again.json()["code"] == "closure_exists"
        assert again.json()["detail"] and again.json()["detail_ar"].startswith("هذا مُغلق بالفعل")
        asked = await client.post(f"{URL}/impact", json=body, headers=manager)
        assert asked.status_code == 409 and asked.json()["code"] == "closure_exists"
    other_hours = await client.post(URL, json={**hours, "to": "10:00"}, headers=manager)
    assert other_hours.status_code == 201  # a different closure of the same day
    listed = (await client.get(URL, headers=manager)).json()["closures"]
    assert len(listed) == 3

    assert (await client.delete(f"{URL}/{MONDAY}", headers=manager)).json()["removed"] == 3
    assert (await client.post(URL, json={"date": MONDAY}, headers=manager)).status_code == 201


async def test_two_clicks_at_the_same_moment_make_one_closure(client, manager):
    answers = await asyncio.gather(
        *(
            client.post(URL, json={"date": MONDAY, "reason_en": "two clicks"}, headers=manager)
            for _ in range(4)
        )
    )
    assert sorted(a.status_code for a in answers) == [201, 409, 409, 409]
    assert len((await client.get(URL, headers=manager)).json()["closures"]) == 1


def closure(
    day: date, counter_id: int | None = None, hours: tuple[time, time] | None = None, **extra: Any
) -> dict[str, Any]:
    starts, ends = hours or (None, None)
    return {
        "office_id": ABBASSIA,
        "day": day,
        "counter_id": counter_id,
        "starts": starts,
        "ends": ends,
        "reason_en": "",
        "reason_ar": "",
        "created_at": datetime(2026, 12, 6, 8, tzinfo=UTC),
        **extra,
    }


def insert_closure(conn: Connection, **values: Any) -> None:
    conn.execute(insert(ClosureRow).values(**values))


@pytest.mark.parametrize(
    "twice",
    [
        pytest.param(closure(date(2026, 12, 7)), id="office-day"),
        pytest.param(closure(date(2026, 12, 7), hours=(time(9), time(11))), id="office-hours"),
    ],
)
async def test_the_database_itself_refuses_a_second_closure_in_force(
    database_url: str, twice: dict[str, Any]
):
    """Past the API and its check: any writer, any backend."""
    database = Database(database_url)
    try:
        await database.write(lambda conn: insert_closure(conn, **twice))
        with pytest.raises(IntegrityError, match=r"uq_closures_in_force|UNIQUE"):
            await database.write(lambda conn: insert_closure(conn, **twice))
        # Ended, it no longer stands in the way; and a different counter or hours never did.
        await database.write(
            lambda conn: conn.execute(update(ClosureRow).values(reopened_at=datetime.now(UTC)))
        )
        await database.write(lambda conn: insert_closure(conn, **twice))
        await database.write(
            lambda conn: insert_closure(conn, **{**twice, "starts": time(12), "ends": time(13)})
        )
    finally:
        await database.dispose()


async def test_the_migration_ends_the_duplicates_made_before_it_keeping_the_one_with_a_reason(
    database_url: str,
):
    database = Database(database_url)

    def to_revision(revision: str, up: bool) -> Any:
        def run(connection: Connection) -> None:
            config = alembic_config()
            config.attributes["connection"] = connection
            (command.upgrade if up else command.downgrade)(config, revision)

        return run

    monday, tuesday = date(2026, 12, 7), date(2026, 12, 8)
    try:
        await database.write(to_revision(BEFORE_INDEX, up=False))

        def duplicates(conn: Connection) -> None:
            insert_closure(conn, **closure(monday))  # the first click, with no reason
            insert_closure(conn, **closure(monday, reason_en="maintenance", reason_ar="صيانة"))
            insert_closure(conn, **closure(monday))
            insert_closure(conn, **closure(tuesday))  # alone: stays

        await database.write(duplicates)
        await migrate(database)

        def in_force(conn: Connection) -> list[tuple[date, str, str | None]]:
            rows = conn.execute(
                select(ClosureRow.day, ClosureRow.reason_en, ClosureRow.reopened_by).order_by(ClosureRow.id)
            )
            return [tuple(row) for row in rows]

        assert await database.read(in_force) == [
            (monday, "", "migration:duplicate"),
            (monday, "maintenance", None),
            (monday, "", "migration:duplicate"),
            (tuesday, "", None),
        ]
        with pytest.raises(IntegrityError):
            await database.write(lambda conn: insert_closure(conn, **closure(tuesday)))
    finally:
        await database.dispose()
