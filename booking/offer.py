"""What is on offer: an office that offers a service, and a slot of it that may be booked now.

Every way of asking for a visit checks these the same way — a booking (``booking.appointments``),
an entry into a day's opening draw (``booking.draw_entries``), a flexible request naming offices
(``booking.flexible_booking``) — so the checks live here, on the ``Offices`` port.
"""

from __future__ import annotations

from datetime import datetime

from booking.calendar import to_local
from booking.capacity import Slot
from booking.messages import MESSAGES
from booking.offices import Office
from booking.ports import Offices
from booking.release import ReleasePolicy
from booking.rules import check_booking_window
from booking.services import SERVICES, Service
from kernel.errors import InvalidInput, NotFound


def unknown_service(code: str) -> InvalidInput:
    return MESSAGES.error(InvalidInput, "unknown_service", code=code)


def office_not_found(office_id: str) -> NotFound:
    return MESSAGES.error(NotFound, "office_not_found", office_id=office_id)


async def existing_office(offices: Offices, office_id: str) -> Office:
    """The office, or ``office_not_found``."""
    office = await offices.office(office_id)
    if office is None:
        raise office_not_found(office_id)
    return office


async def office_and_service(offices: Offices, office_id: str, service_code: str) -> tuple[Office, Service]:
    """The office and the service, when the service exists and the office offers it."""
    service = SERVICES.get(service_code)
    if service is None:
        raise unknown_service(service_code)
    office = await existing_office(offices, office_id)
    if not office.offers(service.code):
        raise MESSAGES.error(
            InvalidInput,
            "service_not_offered",
            office_en=office.name_en,
            office_ar=office.name_ar,
            service_en=service.name_en,
            service_ar=service.name_ar,
        )
    return office, service


async def offered_slot(
    offices: Offices,
    release: ReleasePolicy,
    office: Office,
    service: str,
    start: datetime,
    now: datetime,
    *,
    entering_draw: bool = False,
) -> Slot:
    """The slot of ``service`` at ``office`` starting at ``start``, if it may be booked ``now``.
    While the day's opening draw runs, only an entry into the draw may name it."""
    check_booking_window(start, now)
    release.check(start, now)
    day = to_local(start, office.timezone).date()
    if release.in_draw(day, now) and not entering_draw:
        raise release.draw_running(day)
    for slot in await offices.day_slots(office, service, day):
        if slot.start == start:
            return slot
    raise MESSAGES.error(InvalidInput, "slot_not_offered")
