"""The reminder the evening before a visit (``MAWID_REMINDER_TIME``, 18:00 Cairo by default): every
holder of a confirmed booking for the next day gets the office, the time, the code and the link to
the documents to bring, in their language (``booking.notices``). Run once per evening by the
scheduled work; a run that stopped half-way is taken up again and reminds only those not reminded
yet (``booking.store.reminders``)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Protocol

from booking.bookings import Booking
from booking.calendar import local_today
from booking.notices import BookingNotices, Notice
from booking.ports import Offices
from kernel.clock import Clock
from kernel.days import TIMEZONE

BATCH = 500
"""Bookings reminded per transaction: short transactions, and a crash loses no more than this."""


class ReminderLedger(Protocol):
    async def remind(
        self, office_id: str, day: date, now: datetime, notice: Callable[[Booking], Notice], limit: int
    ) -> int: ...


class Reminders:
    def __init__(self, offices: Offices, ledger: ReminderLedger, clock: Clock, site_url: str) -> None:
        self._offices = offices
        self._ledger = ledger
        self._clock = clock
        self._site_url = site_url

    async def send(self, due: datetime) -> int:
        """Remind the holders of tomorrow's confirmed bookings (tomorrow as seen in Cairo at
        ``due``); how many were reminded by this call."""
        day = local_today(due, TIMEZONE) + timedelta(days=1)
        offices = await self._offices.offices()
        notices = BookingNotices({office.id: office for office in offices}, self._site_url)
        total = 0
        for office in offices:
            while True:
                sent = await self._ledger.remind(office.id, day, self._clock.now(), notices.reminder, BATCH)
                total += sent
                if sent < BATCH:
                    break
        return total
