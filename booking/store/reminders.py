"""The evening reminders in the database: the confirmed bookings of an office's day not yet
reminded are marked and their notices posted, a batch per transaction (``booking_reminders``'s
primary key keeps any booking from being reminded twice)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from functools import partial

from sqlalchemy import exists, insert, select
from sqlalchemy.engine import Connection

from booking.bookings import Booking
from booking.notices import Notice
from booking.rules import BookingStatus
from booking.store.bookings import booking_from_row
from booking.store.notices import post_notice
from booking.store.tables import BookingReminderRow, BookingRow
from kernel.database import Database


def _remind(
    conn: Connection,
    office_id: str,
    day: date,
    now: datetime,
    notice: Callable[[Booking], Notice],
    limit: int,
) -> int:
    reminded = exists().where(BookingReminderRow.booking_id == BookingRow.id)
    rows = conn.execute(
        select(*BookingRow.__table__.c)
        .where(
            BookingRow.office_id == office_id,
            BookingRow.day == day,
            BookingRow.status == BookingStatus.CONFIRMED.value,
            ~reminded,
        )
        .order_by(BookingRow.id)
        .limit(limit)
    ).all()
    bookings = [booking_from_row(row) for row in rows]
    if not bookings:
        return 0
    conn.execute(insert(BookingReminderRow), [{"booking_id": b.id, "sent_at": now} for b in bookings])
    for booking in bookings:
        post_notice(conn, notice(booking), booking, now)
    return len(bookings)


class ReminderStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def remind(
        self, office_id: str, day: date, now: datetime, notice: Callable[[Booking], Notice], limit: int
    ) -> int:
        """Remind up to ``limit`` holders of confirmed bookings of ``office_id`` on ``day`` not
        reminded yet, in one transaction; how many were."""
        return await self._db.write(
            partial(_remind, office_id=office_id, day=day, now=now, notice=notice, limit=limit)
        )
