"""Entering a day's opening draw: a booking attempt made while the draw collects entries.

It is checked exactly as a booking would be (office, service, eligibility, name, e-mail, a slot
that is offered, the identity's standing) and kept as a pending request for that one office and
day with the chosen slot, which the draw decides when it closes (``planning.release_draw``). The
citizen follows it like any flexible request, by its id and identity number.
"""

from __future__ import annotations

import uuid

from booking.appointments import Appointments, BookCommand
from booking.booking_requests import BookingRequest, NewBookingRequest
from booking.calendar import to_local
from booking.ports import Requests
from booking.rules import check_eligibility, clean_email, clean_full_name


class DrawEntries:
    def __init__(self, appointments: Appointments, store: Requests) -> None:
        self.appointments = appointments
        self.store = store

    async def enter(self, command: BookCommand) -> BookingRequest:
        """Keep ``command`` as an entry into its day's draw; raises what a booking would."""
        appointments = self.appointments
        office, service = await appointments.office_and_service(command.office_id, command.service)
        check_eligibility(service, command.identity)
        name, email = clean_full_name(command.full_name), clean_email(command.email)
        slot = await appointments.slot(office, service.code, command.start, entering_draw=True)
        day = to_local(slot.start, office.timezone).date()
        now = appointments.clock.now()
        digest = appointments.hasher.digest(command.identity)
        await appointments.store.check_standing(digest, now)
        new = NewBookingRequest(
            id=uuid.uuid4().hex,
            identity_hash=digest,
            identity_type=command.identity.type.value,
            identity_nationality=command.identity.nationality,
            identity_last4=command.identity.last4,
            identity_key_id=appointments.hasher.key_id,
            senior_on_visit=command.identity.senior_on(day),
            full_name=name,
            phone=command.phone,
            email=email,
            lang=command.lang if command.lang in ("ar", "en") else "ar",
            service=service.code,
            reach={"kind": "offices", "office_ids": [office.id], "offices": [[office.id, 0.0]]},
            first_day=day,
            last_day=day,
            time_of_day=None,
            preferred_start=slot.start,
        )
        return await self.store.create(new, now)
