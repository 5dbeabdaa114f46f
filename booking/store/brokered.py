"""What the report of brokered bookings reads from the database, and the one thing it writes:
who last moved a booking (``booking.brokered`` judges; this only fetches)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial

from sqlalchemy import and_, or_, select, update
from sqlalchemy.engine import Connection

from booking.bookings import Booking
from booking.rules import ACTIVE_STATUSES, BookingStatus
from booking.store.bookings import booking_from_row
from booking.store.tables import BookingRow
from kernel.database import Database

_ACTIVE = [status.value for status in ACTIVE_STATUSES]
MAX_ROWS = 200_000
"""A report reads at most this many bookings (a month of a busy country); beyond it, a shorter
range is the answer, not a slower server."""


def _between(conn: Connection, since: datetime, until: datetime) -> list[Booking]:
    made = and_(BookingRow.created_at >= since, BookingRow.created_at < until)
    moved = and_(BookingRow.moved_at >= since, BookingRow.moved_at < until)
    rows = conn.execute(
        select(*BookingRow.__table__.c)
        .where(
            or_(
                and_(BookingRow.status.in_(_ACTIVE), or_(made, moved)),
                and_(BookingRow.status == BookingStatus.CANCELLED.value, made),
            )
        )
        .order_by(BookingRow.id)
        .limit(MAX_ROWS)
    )
    return [booking_from_row(row) for row in rows]


def _moved(conn: Connection, booking_id: int, address: str | None, now: datetime) -> None:
    conn.execute(
        update(BookingRow).where(BookingRow.id == booking_id).values(moved_at=now, moved_address=address)
    )


class BrokeredStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def between(self, since: datetime, until: datetime) -> list[Booking]:
        """Every office's active bookings made or moved in ``[since, until)``, and the bookings
        made then and cancelled since (a broker rotating identities through one origin)."""
        return await self._db.read(partial(_between, since=since, until=until))

    async def by_codes(self, codes: Iterable[str]) -> list[Booking]:
        wanted = sorted(set(codes))

        def work(conn: Connection) -> list[Booking]:
            rows = conn.execute(select(*BookingRow.__table__.c).where(BookingRow.code.in_(wanted)))
            return [booking_from_row(row) for row in rows]

        return await self._db.read(work) if wanted else []

    async def note_move(self, booking_id: int, address: str | None, now: datetime) -> None:
        """The citizen (from this address digest) has just moved the booking. Written after the
        move itself: a lost note costs one hint in a report, never a booking."""
        await self._db.write(partial(_moved, booking_id=booking_id, address=address, now=now))
