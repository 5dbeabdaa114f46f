"""The erasure of personal data past its keeping time, and the server's daily run of it.

Booking's rows (``booking.store.retention``) and messaging's outbox (``messaging.store.outbox``)
each know their own keeping rule; ``PersonalDataRetention`` erases both in one transaction.
It runs once a day at ``MAWID_PURGE_TIME``, as scheduled work (``api.scheduled_jobs``), and on
demand as ``mawid purge``; erasure is idempotent.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.engine import Connection

from booking.store.retention import (
    Retention,
    erase_bookings,
    erase_readiness,
    erase_requests,
    erase_waitlist,
    live_rows_by_key,
)
from kernel.database import Database
from messaging.store.outbox import erase_messages


@dataclass(frozen=True, slots=True)
class Purged:
    bookings: int
    requests: int
    messages: int


class PersonalDataRetention:
    def __init__(self, database: Database, retention: Retention) -> None:
        self._db = database
        self.retention = retention

    async def purge(self, now: datetime) -> Purged:
        """Erase every name, mobile and e-mail past its keeping time, in one transaction."""

        def erase(conn: Connection) -> Purged:
            erase_readiness(conn, self.retention, now)  # documents told ready long ago, mobiles and all
            return Purged(
                erase_bookings(conn, self.retention, now),
                # Waitlist entries over are deleted whole; counted with the requests.
                erase_requests(conn, self.retention, now) + erase_waitlist(conn, self.retention, now),
                erase_messages(conn, self.retention, now),
            )

        return await self._db.write(erase)

    async def live_rows_by_key(self) -> dict[str, int]:
        """Active bookings and pending requests per identity key id (key rotation)."""
        return await self._db.read(live_rows_by_key)
