"""The erasure of personal data past its keeping time, and the server's daily run of it.

Booking's rows (``booking.store.retention``) and messaging's outbox (``messaging.store.outbox``)
each know their own keeping rule; ``PersonalDataRetention`` erases both in one transaction.
Crash-only like the hall's healing (api/live.py): it runs in the background, never delays or
fails start-up, and a failed run (the database down) is logged and tried again later. Every
worker runs it; erasure is idempotent, so they may overlap.
"""

from __future__ import annotations

import asyncio
import random
from dataclasses import dataclass
from datetime import datetime

import structlog
from sqlalchemy.engine import Connection

from booking.store.database import Database
from booking.store.retention import Retention, erase_bookings, erase_requests, live_rows_by_key
from kernel.clock import Clock
from messaging.store.outbox import erase_messages

log = structlog.get_logger()

DAY_SECONDS = 24 * 3600.0
RETRY_SECONDS = 600.0
FIRST_RUN_SECONDS = (60.0, 600.0)
"""The first run waits a random while after start, so workers started together spread out."""


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
            return Purged(
                erase_bookings(conn, self.retention, now),
                erase_requests(conn, self.retention, now),
                erase_messages(conn, self.retention, now),
            )

        return await self._db.write(erase)

    async def live_rows_by_key(self) -> dict[str, int]:
        """Active bookings and pending requests per identity key id (key rotation)."""
        return await self._db.read(live_rows_by_key)


async def purge_daily(
    retention: PersonalDataRetention, clock: Clock, first_delay: float | None = None
) -> None:
    """Erase what is past its keeping time now and then once a day, until cancelled."""
    pause = random.uniform(*FIRST_RUN_SECONDS) if first_delay is None else first_delay
    while True:
        await asyncio.sleep(pause)
        try:
            async with asyncio.timeout(300):
                purged = await retention.purge(clock.now())
        except Exception as error:  # a dependency down: try again sooner than a day
            log.warning("personal_data_purge_deferred", error=type(error).__name__)
            pause = RETRY_SECONDS
            continue
        log.info(
            "personal_data_purged",
            bookings=purged.bookings,
            requests=purged.requests,
            messages=purged.messages,
        )
        pause = DAY_SECONDS


def start_daily_purge(retention: PersonalDataRetention, clock: Clock) -> asyncio.Task[None]:
    return asyncio.create_task(purge_daily(retention, clock))
