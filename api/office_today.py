"""An office's day for a citizen choosing where to book: how many wait for the service in its hall
now and about how long a newcomer would wait, and the nearest day with a time free.

Anyone may ask, without an account, so it tells only what the hall's own screen shows to anyone in
the room (a count and an estimate per service: never a ticket, a number or a name) and what the
availability already shows. Each answer is kept for ``TTL_SECONDS``: a booking page listing twenty
offices to a thousand citizens reads the queue and the database once per office and service in
that time, not a thousand times. A live queue that cannot be read leaves its figures out (null)
rather than failing the nearest free day with it.
"""

from __future__ import annotations

from datetime import datetime

import msgspec
import structlog

from api.availability_cache import AvailabilityCache
from api.metrics import OFFICE_TODAY_CACHE
from api.outages import dependency_down
from api.views import instant
from booking.appointments import Appointments
from booking.calendar import is_open, local_today
from booking.offices import Office
from queue_display.store.base import QueueStore

log = structlog.get_logger("mawid.office_today")

TTL_SECONDS = 30.0
"""Long enough to spare the queue and the database a rush, short enough that a citizen who
looks again a minute later sees the hall as it is."""


class OfficeTodayOut(msgspec.Struct):
    """An office's day for one service, as the office chooser shows it."""

    office_id: str
    service: str
    date: str
    """Today at the office."""
    open_today: bool
    """Whether the office receives visitors today (opening hours, public holidays, closures)."""
    waiting: int | None
    """Tickets waiting for the service in the hall now; null when the office is closed today or
    its live queue cannot be read."""
    wait_minutes: int | None
    """About how long someone joining the service's queue now would wait, as the hall's screen
    says; null when nobody waits, when no open counter serves the service, or with ``waiting``."""
    next_free_day: str | None
    """The nearest day with a time free for the service that can be booked now; null when none
    is, up to the last day open for booking."""
    as_of: str
    """When the figures were read (they are kept for up to 30 seconds)."""


class OfficeToday:
    def __init__(
        self, appointments: Appointments, queue: QueueStore, ttl_seconds: float = TTL_SECONDS
    ) -> None:
        self._appointments = appointments
        self._queue = queue
        self._cache = AvailabilityCache(OFFICE_TODAY_CACHE, ttl_seconds)

    async def answer(self, office_id: str, service: str) -> bytes:
        """The encoded ``OfficeTodayOut``; refuses an unknown office (``office_not_found``) or a
        service it does not offer, as the availability does, before anything is kept."""
        office, _ = await self._appointments.office_and_service(office_id, service)
        return await self._cache.get_or_compute(
            office.id, service, "today", lambda: self._encoded(office, service)
        )

    async def _encoded(self, office: Office, service: str) -> bytes:
        now = self._appointments.clock.now()
        today = local_today(now, office.timezone)
        open_today = is_open(office, today, await self._appointments.offices.closures(office.id))
        waiting, wait = await self._queue_now(office, service, now) if open_today else (None, None)
        free = await self._appointments.first_free_day(office.id, service)
        view = OfficeTodayOut(
            office_id=office.id,
            service=service,
            date=today.isoformat(),
            open_today=open_today,
            waiting=waiting,
            wait_minutes=wait,
            next_free_day=free.isoformat() if free else None,
            as_of=instant(now, office.timezone),
        )
        return msgspec.json.encode(view)

    async def _queue_now(self, office: Office, service: str, now: datetime) -> tuple[int | None, int | None]:
        try:
            board = await self._queue.board(office.id, now)
        except Exception as error:
            if dependency_down(error) is None:
                raise
            log.info("office_today_without_queue", office_id=office.id, error=type(error).__name__)
            return None, None
        waiting = board.waiting.get(service, 0)
        return waiting, board.estimates.get(service) if waiting else None
