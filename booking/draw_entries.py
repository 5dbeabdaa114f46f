"""Entering a day's opening draw: a booking attempt made while the draw collects entries.

It is checked exactly as a booking would be (office, service, eligibility, name, e-mail, a slot
that is offered, the identity's standing) and kept as a pending request for that one office and
day with the chosen slot, which the draw decides when it closes (``planning.release_draw``). The
citizen follows it like any flexible request, by its code and identity number.
"""

from __future__ import annotations

import uuid

from booking.appointments import BookCommand
from booking.booking_requests import BookingRequest, NewBookingRequest
from booking.calendar import to_local
from booking.codes import new_booking_code
from booking.identity import IdentityHasher
from booking.offer import offered_slot, office_and_service
from booking.ports import Bookings, Offices, Requests
from booking.release import ReleasePolicy
from booking.rules import check_eligibility
from kernel.clock import Clock


class DrawEntries:
    def __init__(
        self,
        offices: Offices,
        bookings: Bookings,
        requests: Requests,
        clock: Clock,
        hasher: IdentityHasher,
        release: ReleasePolicy,
    ) -> None:
        """``release`` says which days' draws are collecting entries, and when each is decided."""
        self.offices = offices
        self.bookings = bookings
        self.requests = requests
        self.clock = clock
        self.hasher = hasher
        self.release = release

    async def enter(self, command: BookCommand) -> BookingRequest:
        """Keep ``command`` as an entry into its day's draw; raises what a booking would."""
        office, service = await office_and_service(self.offices, command.office_id, command.service)
        check_eligibility(service, command.identity)
        applicant = command.applicant(self.hasher)
        now = self.clock.now()
        slot = await offered_slot(
            self.offices, self.release, office, service.code, command.start, now, entering_draw=True
        )
        day = to_local(slot.start, office.timezone).date()
        await self.bookings.check_standing(applicant, now)
        new = NewBookingRequest(
            id=uuid.uuid4().hex,
            code=new_booking_code(),
            applicant=applicant,
            senior_on_visit=command.identity.senior_on(day),
            service=service.code,
            reach={"kind": "offices", "office_ids": [office.id], "offices": [[office.id, 0.0]]},
            first_day=day,
            last_day=day,
            time_of_day=None,
            preferred_start=slot.start,
        )
        return await self.requests.create(new, now)
