"""The ``History`` port on the database: archived tickets and past bookings, read-only.

Only the columns the estimates need are selected: no identity digest, name, mobile or code
leaves the database through here.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from sqlalchemy import select
from sqlalchemy.engine import Connection

from booking.store.tables import BookingRow
from foresight.history import PastBooking, PastTicket
from kernel.database import Database
from queue_display.archive.tables import TicketRow

_TICKET_COLUMNS = [
    TicketRow.__table__.c[name]
    for name in (
        "office_id", "day", "service", "kind", "priority", "status", "queued_at", "slot_start",
        "called_at", "wait_seconds", "service_seconds",
    )
]  # fmt: skip
_BOOKING_COLUMNS = [
    BookingRow.__table__.c[name] for name in ("office_id", "day", "service", "starts_at", "status")
]


def _tickets(conn: Connection, office_id: str, first: date, last: date) -> list[PastTicket]:
    rows = conn.execute(
        select(*_TICKET_COLUMNS)
        .where(TicketRow.office_id == office_id, TicketRow.day.between(first, last))
        .order_by(TicketRow.day, TicketRow.queued_at)
    )
    return [PastTicket(*row) for row in rows]


def _bookings(conn: Connection, office_id: str, first: date, last: date) -> list[PastBooking]:
    rows = conn.execute(
        select(*_BOOKING_COLUMNS)
        .where(BookingRow.office_id == office_id, BookingRow.day.between(first, last))
        .order_by(BookingRow.day, BookingRow.starts_at)
    )
    return [PastBooking(*row) for row in rows]


class SqlHistory:
    """``foresight.history.History`` over the ticket archive and the bookings table."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def tickets(self, office_id: str, first: date, last: date) -> list[PastTicket]:
        return await self._db.read(partial(_tickets, office_id=office_id, first=first, last=last))

    async def bookings(self, office_id: str, first: date, last: date) -> list[PastBooking]:
        return await self._db.read(partial(_bookings, office_id=office_id, first=first, last=last))
