"""Booking with a verified mobile (``MAWID_PHONE_VERIFICATION=on``): the seat is held and a
six-digit code texted to the mobile; typing it makes the booking.

The rules are ``booking.verification``'s; the held seat counts against the slot's capacity from
the start (``booking.ports.BookingHolds``), so a slot never takes more holds and bookings than it
has seats. Every change tells ``Appointments`` which slots changed, for the caches of availability.
"""

from __future__ import annotations

from datetime import date, datetime

from booking.appointments import Appointments, BookCommand
from booking.bookings import Booking
from booking.messages import MESSAGES
from booking.notices import verification_notice
from booking.ports import BookingHolds
from booking.verification import (
    HeldBooking,
    Hold,
    HoldStatus,
    VerificationPolicy,
    check_code_shape,
    new_code,
    resend,
    try_code,
)
from kernel.errors import Conflict, InvalidInput, NotFound

RETRIES = 3
"""Reads of a hold that changed between its read and its write (two codes typed at once)."""


class VerifiedBooking:
    def __init__(
        self,
        appointments: Appointments,
        holds: BookingHolds,
        key: bytes,
        policy: VerificationPolicy | None = None,
    ) -> None:
        """``key`` binds each code's digest to its hold (``booking.verification.code_digest``)."""
        self.appointments = appointments
        self.holds = holds
        self.policy = policy or VerificationPolicy()
        self._key = key

    def _now(self) -> datetime:
        return self.appointments.clock.now()

    def _changed(self, slots: list[tuple[str, str]], day: date | None = None) -> None:
        """The seats of these (office, service) changed, on ``day`` when it is known."""
        for office_id, service in set(slots):
            self.appointments.changed(office_id, service, day)

    async def sweep(self) -> int:
        """Expire the holds whose time is up, freeing their seats; how many seats were freed."""
        freed = await self.holds.sweep(self._now())
        self._changed(freed)
        return len(freed)

    async def start(self, command: BookCommand) -> HeldBooking:
        """Hold the seat ``command`` asks for and text the code, or raise what booking it would:
        the same refusals, at once."""
        new = await self.appointments.prepare(command)
        await self.sweep()
        now, code = self._now(), new_code()
        hold = Hold.start(self._key, code, now, self.policy)
        freed = await self.holds.start(new, hold, verification_notice(code, new.applicant.lang), now)
        self._changed(freed)
        self._changed([(new.office_id, service) for service in new.services], new.day)
        return HeldBooking(hold, new)

    async def _held(self, hold_id: str) -> HeldBooking:
        held = await self.holds.find(hold_id)
        if held is None:
            raise MESSAGES.error(NotFound, "hold_not_found")
        return held

    async def confirm(self, hold_id: str, code: str) -> Booking:
        """The booking, when ``code`` is the hold's; otherwise ``wrong_verification_code`` with
        the tries left (the hold dropped and its seat freed after the last), or
        ``hold_not_found`` once the hold no longer awaits."""
        check_code_shape(code)
        await self.sweep()
        for _ in range(RETRIES):
            held = await self._held(hold_id)
            verdict = try_code(held.hold, self._key, code, self._now(), self.policy)
            if verdict.confirmed:
                return await self._book(held)
            if await self.holds.record(held.hold, verdict.hold):
                if verdict.hold.status is HoldStatus.DROPPED:
                    booking = held.booking
                    self._changed([(booking.office_id, service) for service in booking.services], booking.day)
                error = MESSAGES.error(
                    InvalidInput, "wrong_verification_code", indic=True, tries_left=verdict.tries_left
                )
                raise error.telling(tries_left=verdict.tries_left)
        raise MESSAGES.error(NotFound, "hold_not_found")

    async def _book(self, held: HeldBooking) -> Booking:
        """The hold's booking; when a rule refuses it now (the person booked elsewhere meanwhile,
        a cap reached), the hold is dropped and its seat freed, and the refusal stands."""
        try:
            booking = await self.holds.confirm(held, self._now())
        except Conflict:
            self._changed(await self.holds.drop(held.hold.hold_id))
            raise
        self._changed([(booking.office_id, service) for service in booking.services], booking.day)
        return booking

    async def resend(self, hold_id: str) -> HeldBooking:
        """Text a fresh code (the earlier one stops working), or ``resend_too_soon``,
        ``resend_limit``, ``hold_not_found``."""
        for _ in range(RETRIES):
            held = await self._held(hold_id)
            now, code = self._now(), new_code()
            after = resend(held.hold, self._key, code, now, self.policy)
            notice = verification_notice(code, held.booking.applicant.lang)
            if await self.holds.resent(held.hold, after, notice, held.booking, now):
                return HeldBooking(after, held.booking)
        raise MESSAGES.error(NotFound, "hold_not_found")
