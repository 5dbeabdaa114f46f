"""Reconfirmation, where many booked visitors do not come (Italy's Prenot@mi: reconfirm between the
10th and the 3rd day before, or lose the slot).

For the services named in ``MAWID_RECONFIRM_SERVICES``, a booking made before its window opens is
asked by SMS, on the ``ask_days``-th day before the visit, to reconfirm by a link; one not
reconfirmed by the end of the ``until_days``-th day before (Cairo time) is cancelled with a message
and its seat offered to the waitlist (``booking.waitlist``). A booking made inside the window is
not asked: booking is a confirmation in itself.

Pure rules; the store asks, records and releases each booking once (``booking.store.reconfirmations``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from booking.calendar import local_today, to_instant
from kernel.days import TIMEZONE


@dataclass(frozen=True, slots=True)
class ReconfirmPolicy:
    services: frozenset[str] = frozenset()
    ask_days: int = 10
    until_days: int = 3

    def in_scope(self, service: str) -> bool:
        return service in self.services

    def opens(self, day: date) -> datetime:
        """When the window of a visit on ``day`` opens: Cairo midnight of the ``ask_days``-th day before."""
        return _midnight(day - timedelta(days=self.ask_days))

    def deadline(self, day: date) -> datetime:
        """When the window of a visit on ``day`` closes: the end of the ``until_days``-th day before."""
        return _midnight(day - timedelta(days=self.until_days - 1))

    def days_to_ask(self, now: datetime) -> tuple[date, date]:
        """The visit days whose window is open at ``now`` (first, last)."""
        today = local_today(now, TIMEZONE)
        return today + timedelta(days=self.until_days), today + timedelta(days=self.ask_days)

    def needs_asking(self, service: str, day: date, created_at: datetime, now: datetime) -> bool:
        """Whether a confirmed booking of ``service`` on ``day`` made at ``created_at`` is to be
        asked now: in scope, its window open, and made before the window opened."""
        opens = self.opens(day)
        return self.in_scope(service) and opens <= now < self.deadline(day) and created_at < opens


@dataclass(frozen=True, slots=True)
class Reconfirmation:
    """Where a booking stands: asked at, reconfirm by, reconfirmed or released when."""

    booking_id: int
    asked_at: datetime
    deadline: datetime
    confirmed_at: datetime | None = None
    released_at: datetime | None = None


def _midnight(day: date) -> datetime:
    return to_instant(day, time(0), TIMEZONE)
