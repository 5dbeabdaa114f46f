"""The evening reminder: every confirmed booking of the next day is reminded once, however often
the run is repeated, and a cancelled one never (on SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from booking.reminders import Reminders
from booking.store.offices import OfficeDirectory, OfficeStore
from booking.store.reminders import ReminderStore
from kernel.clock import FixedClock
from kernel.database import Database
from messaging.store.tables import OutboxRow
from tests.integration.helpers import GIZA, booking_body, national_id, slots

TOMORROW = "2026-12-07"
EVENING = datetime.fromisoformat("2026-12-06T18:00:00+02:00")


async def test_each_of_tomorrows_bookings_is_reminded_once(client, database_url):
    free = await slots(client, GIZA, day=TOMORROW)
    codes, numbers = [], []
    for slot in free[:3]:
        number = national_id()
        made = await client.post("/api/v1/bookings", json=booking_body(slot["start"], number, lang="en"))
        assert made.status_code == 201, made.text
        codes.append(made.json()["code"])
        numbers.append(number)
    gone = await client.delete(f"/api/v1/bookings/{codes[2]}", headers={"X-Identity-Number": numbers[2]})
    assert gone.status_code == 200

    database = Database(database_url)
    clock = FixedClock(EVENING)
    try:
        reminders = Reminders(
            OfficeDirectory(OfficeStore(database), clock),
            ReminderStore(database),
            clock,
            "https://mawid.example.eg",
        )
        assert await reminders.send(EVENING) == 2
        assert await reminders.send(EVENING) == 0  # a retried run reminds nobody twice
        rows = await database.read(
            lambda conn: conn.execute(
                select(OutboxRow.booking_code, OutboxRow.text)
                .where(OutboxRow.kind == "reminder")
                .order_by(OutboxRow.id)
            ).all()
        )
    finally:
        await database.dispose()
    assert sorted(row.booking_code for row in rows) == sorted(codes[:2])
    assert all("https://mawid.example.eg/" in row.text for row in rows)
