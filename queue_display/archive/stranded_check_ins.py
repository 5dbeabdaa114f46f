"""Bookings left checked in without a ticket, and giving them back their check-in.

The kiosk marks a booking ``checked_in`` in the database first (that conditional update is what
makes "once" hold across processes and restarts), then asks the live queue for a ticket, and
puts the booking back to ``confirmed`` if the queue refuses. A crash between those steps strands
the booking: checked in, with no ticket row in the archive. Both the finding and the release are
single statements that look at the archive themselves, so a ticket archived meanwhile by another
process keeps its booking checked in.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import ColumnElement, exists, select, update
from sqlalchemy.engine import Connection

from booking.rules import BookingStatus
from booking.store.tables import BookingRow
from kernel.database import Database
from queue_display.archive.tables import TicketRow
from queue_display.ports import StrandedCheckIn


def _no_ticket(code: Any, day: Any) -> ColumnElement[bool]:
    """No archived ticket of this booking code on this day (a column or a value each)."""
    return ~exists().where(TicketRow.booking_code == code, TicketRow.day == day)


def _find(conn: Connection, office_id: str, day: date) -> list[StrandedCheckIn]:
    rows = conn.execute(
        select(BookingRow.id, BookingRow.code, BookingRow.day)
        .where(
            BookingRow.office_id == office_id,
            BookingRow.day == day,
            BookingRow.status == BookingStatus.CHECKED_IN.value,
            _no_ticket(BookingRow.code, BookingRow.day),
        )
        .order_by(BookingRow.id)
    )
    return [StrandedCheckIn(row.id, row.code, row.day) for row in rows]


def _release(conn: Connection, stranded: StrandedCheckIn, now: datetime) -> bool:
    row = conn.execute(
        update(BookingRow)
        .where(
            BookingRow.id == stranded.booking_id,
            BookingRow.status == BookingStatus.CHECKED_IN.value,
            _no_ticket(stranded.code, stranded.day),
        )
        .values(status=BookingStatus.CONFIRMED.value, updated_at=now)
        .returning(BookingRow.id)
    ).one_or_none()
    return row is not None


class StrandedCheckIns:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def find(self, office_id: str, day: date) -> list[StrandedCheckIn]:
        """The office's bookings of ``day`` that are checked in but have no archived ticket."""
        return await self._db.read(partial(_find, office_id=office_id, day=day))

    async def release(self, stranded: StrandedCheckIn, now: datetime) -> bool:
        """Back to ``confirmed`` so the kiosk can check it in again; False when it is no longer
        stranded (a ticket was archived, or its status moved on)."""
        return await self._db.write(partial(_release, stranded=stranded, now=now))
