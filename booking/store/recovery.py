"""Lost codes in the database: the active bookings of an identity registered to one mobile, each
one's code posted to that mobile in the same transaction that found it (``booking.recovery``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from functools import partial

from sqlalchemy import select
from sqlalchemy.engine import Connection

from booking.bookings import Booking
from booking.notices import Notice
from booking.rules import ACTIVE_STATUSES, MAX_ACTIVE_BOOKINGS
from booking.store.bookings import booking_from_row
from booking.store.notices import post_notice
from booking.store.tables import BookingRow
from kernel.database import Database

_ACTIVE = [status.value for status in ACTIVE_STATUSES]


def _send_codes(
    conn: Connection, digests: Sequence[str], phone: str, now: datetime, notice: Callable[[Booking], Notice]
) -> int:
    rows = conn.execute(
        select(*BookingRow.__table__.c)
        .where(
            BookingRow.identity_hash.in_(list(digests)),
            BookingRow.phone == phone,
            BookingRow.status.in_(_ACTIVE),
        )
        .order_by(BookingRow.starts_at)
        .limit(MAX_ACTIVE_BOOKINGS * 2)
    ).all()
    for row in rows:
        booking = booking_from_row(row)
        post_notice(conn, notice(booking), booking, now)
    return len(rows)


class RecoveryStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def send_codes(
        self, digests: Sequence[str], phone: str, now: datetime, notice: Callable[[Booking], Notice]
    ) -> int:
        return await self._db.write(
            partial(_send_codes, digests=digests, phone=phone, now=now, notice=notice)
        )
