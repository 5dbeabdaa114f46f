"""Use cases of the reconfirmation (``booking.reconfirmation``): ask the bookings whose window
opened, release those not reconfirmed by its end (their seats to the waitlist), and reconfirm a
booking by its code and identity number."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from booking.appointments import Appointments
from booking.bookings import Booking
from booking.calendar import local_today
from booking.messages import MESSAGES
from booking.ports import Reconfirmations
from booking.reconfirmation import Reconfirmation, ReconfirmPolicy
from booking.waitlist_notices import WaitlistNotices
from kernel.days import TIMEZONE
from kernel.errors import Conflict


@dataclass(frozen=True, slots=True)
class NoShowRate:
    """Missed visits of one service, among bookings asked to reconfirm or not asked."""

    service: str
    asked: bool
    visits: int
    missed: int
    released: int

    @property
    def rate(self) -> float | None:
        return self.missed / self.visits if self.visits else None


class Reconfirming:
    def __init__(
        self,
        appointments: Appointments,
        store: Reconfirmations,
        policy: ReconfirmPolicy,
        site_url: str,
    ) -> None:
        self.appointments = appointments
        self.store = store
        self.policy = policy
        self._site_url = site_url

    async def _notices(self) -> WaitlistNotices:
        offices = await self.appointments.offices.offices()
        return WaitlistNotices({office.id: office for office in offices}, self._site_url)

    async def tick(self) -> tuple[int, int]:
        """Ask the bookings whose window opened and release those whose window closed
        unconfirmed: (asked, released)."""
        if not self.policy.services:
            return 0, 0
        now = self.appointments.clock.now()
        notices = await self._notices()
        asked = 0
        while True:
            batch = await self.store.ask(
                self.policy,
                now,
                lambda b, deadline: notices.reconfirm(
                    b.code, b.office_id, b.day, b.starts_at, deadline, b.applicant.lang
                ),
            )
            asked += batch
            if batch == 0:
                break
        released = await self.store.release(
            now,
            MESSAGES.texts("reconfirmation_lapsed"),
            lambda b: notices.released(b.code, b.office_id, b.day, b.applicant.lang),
        )
        for booking in released:
            self.appointments.changed(booking.office_id, booking.service)
        return asked, len(released)

    async def reconfirm(self, raw_code: str, identity_number: str | None) -> tuple[Booking, Reconfirmation]:
        """Reconfirm the booking (found as ``Appointments.find`` finds it): ``reconfirm_not_needed``
        when it was never asked, was released, or its window has closed."""
        booking = await self.appointments.find(raw_code, identity_number)
        state = None
        if booking.status.value == "confirmed":
            state = await self.store.reconfirm(booking.id, self.appointments.clock.now())
        if state is None:
            raise MESSAGES.error(Conflict, "reconfirm_not_needed")
        return booking, state

    async def state(self, booking: Booking) -> Reconfirmation | None:
        return await self.store.state(booking.id)

    async def no_show_rates(self, office_ids: Sequence[str]) -> list[NoShowRate]:
        """Missed visits per reconfirmed service at these offices, asked and not asked apart."""
        if not self.policy.services:
            return []
        today = local_today(self.appointments.clock.now(), TIMEZONE)
        rows = await self.store.no_shows(sorted(self.policy.services), office_ids, today)
        return [NoShowRate(*row) for row in sorted(rows)]
