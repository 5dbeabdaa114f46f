"""Use cases of a flexible booking request: make one, look it up, cancel it.

The same identity rules apply as to a direct booking (validation, eligibility, only a digest of
the number is kept); what differs is that the citizen names a service, the offices they accept
and a window of days, and the optimiser later chooses the slot (``planning``).

A request may ask for one trip, several services (``booking.chains``), as a booking may: each
service is checked as a request for it alone would be (known, open to the identity, none pending
or booked already), the offices accepted are those offering all of them, and the services are
kept in ``chain_order`` for the optimiser to place back to back at one office on one day.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from booking.applicant import Applicant
from booking.booking_requests import AcceptedOffice, BookingRequest, NewBookingRequest, RequestReference
from booking.bookings import Booking
from booking.calendar import local_today
from booking.chains import checked_chain
from booking.codes import new_booking_code
from booking.identity import Identity, IdentityHasher
from booking.messages import MESSAGES
from booking.offer import office_and_service
from booking.ports import Bookings, Offices, Requests
from booking.release import ReleasePolicy
from booking.request_offices import Reach, accepted_from_list, accepted_in_governorate, accepted_near
from booking.rules import check_eligibility, check_request_window
from booking.services import SERVICES, Service
from kernel.clock import Clock
from kernel.days import TIMEZONE
from kernel.errors import Conflict, InvalidInput, NotFound
from kernel.time_of_day import TIME_BANDS

NO_SUCH_REQUEST = MESSAGES.refusal(NotFound, "request_not_found")


@dataclass(frozen=True, slots=True)
class RequestCommand:
    service: str
    identity: Identity
    full_name: str
    phone: str  # already normalised
    reach: Reach
    first_day: date
    last_day: date
    time_of_day: str | None = None
    email: str | None = None
    lang: str = "ar"
    also: tuple[str, ...] = ()
    """More services on the same trip (``booking.chains``), as ``BookCommand.also``."""

    @property
    def services(self) -> tuple[str, ...]:
        """Every service asked for, in the order asked."""
        return (self.service, *self.also)

    def applicant(self, hasher: IdentityHasher) -> Applicant:
        """Who the request is for (``booking.applicant``); refuses a bad name or e-mail."""
        return Applicant.of(
            self.identity,
            hasher,
            full_name=self.full_name,
            phone=self.phone,
            email=self.email,
            lang=self.lang,
        )


def _time_of_day(value: str | None) -> str | None:
    cleaned = (value or "").strip().lower()
    if not cleaned:
        return None
    if cleaned not in TIME_BANDS:
        raise MESSAGES.error(InvalidInput, "invalid_time_of_day")
    return cleaned


async def accepted_offices(
    offices: Offices, reach: Reach, chain: tuple[Service, ...]
) -> tuple[AcceptedOffice, ...]:
    """The offices ``reach`` names that offer every service of ``chain`` (a flexible request's,
    or a waitlist entry's with its one service)."""
    every = await offices.offices()
    first, *also = chain
    if reach.kind == "governorate":
        return accepted_in_governorate(reach.governorate, first, every, also)
    if reach.kind == "near":
        return accepted_near(reach.lat, reach.lon, reach.max_km, first, every, also)
    listed = []
    for office_id in reach.office_ids:
        for service in chain:  # service_not_offered names the first one it does not
            office, _ = await office_and_service(offices, office_id, service.code)
        listed.append(office)
    return accepted_from_list(listed)


class FlexibleBooking:
    def __init__(
        self,
        offices: Offices,
        bookings: Bookings,
        requests: Requests,
        clock: Clock,
        hasher: IdentityHasher,
        release: ReleasePolicy,
    ) -> None:
        """``release`` says how far ahead days are open, hence the latest day a window may name."""
        self.offices = offices
        self.bookings = bookings
        self.requests = requests
        self.clock = clock
        self.hasher = hasher
        self.release = release

    async def submit(self, command: RequestCommand) -> BookingRequest:
        """Check the request as a direct booking would be checked, then keep it pending."""
        chain = tuple(SERVICES[code] for code in checked_chain(command.services))
        for service in chain:
            check_eligibility(service, command.identity)
        applicant = command.applicant(self.hasher)
        now = self.clock.now()
        latest = self.release.last_open_day(now)
        check_request_window(command.first_day, command.last_day, local_today(now, TIMEZONE), latest)
        time_of_day = _time_of_day(command.time_of_day)
        accepted = await accepted_offices(self.offices, command.reach, chain)
        # Refused now on the grounds a booking would be: no point waiting for the optimiser.
        await self.bookings.check_standing(applicant, now)
        new = NewBookingRequest(
            id=uuid.uuid4().hex,
            code=new_booking_code(),
            applicant=applicant,
            senior_on_visit=command.identity.senior_on(command.first_day),
            service=chain[0].code,
            reach=command.reach.to_json(accepted),
            first_day=command.first_day,
            last_day=command.last_day,
            time_of_day=time_of_day,
            later_services=tuple(service.code for service in chain[1:]),
        )
        return await self.requests.create(new, now)

    async def _by_reference(self, reference: str) -> BookingRequest | None:
        named = RequestReference.read(reference)
        if named is None:
            return None
        if named.id is not None:
            return await self.requests.by_id(named.id)
        return await self.requests.by_code(named.code or "")

    async def find(
        self, reference: str, identity_number: str | None
    ) -> tuple[BookingRequest, Booking | None]:
        """The request named by its code or its id (``RequestReference``) and, once assigned, its
        booking; the same ``request_not_found`` for an unknown reference and for a wrong identity
        number, so neither can be probed."""
        request = await self._by_reference(reference) if identity_number else None
        if request is None or not request.applicant.identified_by(identity_number or "", self.hasher):
            raise NO_SUCH_REQUEST()
        booking = None
        if request.booking_id is not None:
            booking = await self.bookings.by_id(request.booking_id)
        return request, booking

    async def cancel(self, reference: str, identity_number: str | None) -> BookingRequest:
        """Withdraw a pending request; an assigned one is a booking, cancelled as a booking."""
        request, _ = await self.find(reference, identity_number)
        cancelled = await self.requests.cancel(request.id, self.clock.now())
        if cancelled is None:
            key = "request_not_changeable.booked" if request.booking_id else "request_not_changeable"
            raise MESSAGES.error(Conflict, key, status=request.status.value)
        return cancelled
