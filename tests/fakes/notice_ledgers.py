"""Fakes of the reminders' and lost codes' ledgers (``booking.reminders.ReminderLedger``,
``booking.recovery.RecoveryLedger``), in memory."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from booking.bookings import Booking
from booking.notices import Notice
from booking.recovery import RecoveryLedger
from booking.reminders import ReminderLedger
from booking.rules import MAX_ACTIVE_BOOKINGS, BookingStatus
from tests.fakes.booking import FakeBookings


@dataclass
class FakeNoticeLedger:
    """The reminders' and lost codes' ledgers (``booking.reminders.ReminderLedger``,
    ``booking.recovery.RecoveryLedger``) over ``bookings``, as ``booking.store.reminders`` and
    ``booking.store.recovery`` are: what they post lands in ``posted`` (the outbox), and a
    booking is reminded at most once (``reminded``, as ``booking_reminders``'s primary key)."""

    bookings: FakeBookings
    posted: list[tuple[Notice, Booking]] = field(default_factory=list)
    reminded: dict[int, datetime] = field(default_factory=dict)

    async def remind(
        self, office_id: str, day: date, now: datetime, notice: Callable[[Booking], Notice], limit: int
    ) -> int:
        due = sorted(
            (
                row
                for row in self.bookings.rows.values()
                if (row.office_id, row.day, row.status) == (office_id, day, BookingStatus.CONFIRMED)
                and row.id not in self.reminded
            ),
            key=lambda row: row.id,
        )[:limit]
        for row in due:
            self.reminded[row.id] = now
            self.posted.append((notice(row), row))
        return len(due)

    async def send_codes(
        self, digests: Sequence[str], phone: str, now: datetime, notice: Callable[[Booking], Notice]
    ) -> int:
        found = sorted(
            (
                row
                for row in self.bookings.rows.values()
                if row.active and row.applicant.identity_hash in digests and row.applicant.phone == phone
            ),
            key=lambda row: row.starts_at,
        )[: MAX_ACTIVE_BOOKINGS * 2]
        self.posted.extend((notice(row), row) for row in found)
        return len(found)


def _conforms(ledger: FakeNoticeLedger) -> None:
    """Type-checked (``mypy tests/fakes``) only: the fake is both ledgers."""
    _: tuple[ReminderLedger, RecoveryLedger] = (ledger, ledger)
