"""What becomes of a flexible request or a draw entry, as values: the decision a use case takes
(``Placement`` in a slot, or ``Refusal`` with a reason code), and the ``Outcome`` of writing it
(``planning.ports.Assignments``; the SQL adapter is ``planning.store.assignments``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from booking.booking_requests import BookingRequest
from booking.bookings import Booking, NewBooking, NewVisit, Visit
from booking.codes import new_booking_code
from messaging.outbox import OutboxMessage


class Outcome(StrEnum):
    ASSIGNED = "assigned"
    SLOT_TAKEN = "slot_taken"
    DUPLICATE = "duplicate_booking"
    LIMIT = "booking_limit"
    CANCELLATION_LIMIT = "cancellation_limit"
    NO_SHOW_BAN = "no_show_ban"
    MOBILE_LIMIT = "mobile_booking_limit"
    GONE = "no_longer_pending"
    UNASSIGNED = "unassigned"


#: Refusals that settle the request: it becomes unassigned with the outcome as its reason.
FINAL_REFUSALS = (
    Outcome.DUPLICATE,
    Outcome.LIMIT,
    Outcome.CANCELLATION_LIMIT,
    Outcome.NO_SHOW_BAN,
    Outcome.MOBILE_LIMIT,
)


@dataclass(frozen=True, slots=True)
class LaterVisit:
    """A chain's visit after its first: the service in its slot, and the slot's capacity (what
    the database holds the seat to, as for the first visit)."""

    visit: Visit
    slot_capacity: int
    slot_reserved: int = 0


@dataclass(frozen=True, slots=True)
class Placement:
    """Where one request goes: a slot of its service at one of its offices; a chain's later
    services in the slots right after it (``later_visits``, in the order served)."""

    request: BookingRequest
    office_id: str
    starts_at: datetime
    ends_at: datetime
    day: date
    slot_capacity: int
    later_visits: tuple[LaterVisit, ...] = ()
    slot_reserved: int = 0
    """The seats the slot keeps for assisted bookings, as its grid says (its row's first booking
    is made with them): the booking itself is online and leaves them free."""

    @property
    def visits(self) -> tuple[Visit, ...]:
        """Every visit, first first: what the booking's ``visits`` will be."""
        first = Visit(self.request.service, self.starts_at, self.ends_at)
        return (first, *(v.visit for v in self.later_visits))

    def new_booking(self) -> NewBooking:
        """The booking this placement writes: the request's holder in the chosen slot (a chain's
        first visit, its later ones each with their slot's capacity), under a fresh code."""
        r = self.request
        return NewBooking(
            code=new_booking_code(),
            applicant=r.applicant,
            senior_on_visit=r.senior_on_visit,
            service=r.service,
            office_id=self.office_id,
            starts_at=self.starts_at,
            ends_at=self.ends_at,
            day=self.day,
            slot_capacity=self.slot_capacity,
            later_visits=tuple(
                NewVisit(
                    v.visit.service, v.visit.starts_at, v.visit.ends_at, v.slot_capacity, v.slot_reserved
                )
                for v in self.later_visits
            ),
            slot_reserved=self.slot_reserved,
        )


@dataclass(frozen=True, slots=True)
class Refusal:
    """A request the optimiser could not place, with the reason code it is unassigned with."""

    request: BookingRequest
    reason: str


Decision = Placement | Refusal


class RequestNotices(Protocol):
    """Writes the citizen's message for each way a request can end."""

    def assigned(self, request: BookingRequest, booking: Booking) -> OutboxMessage: ...

    def unassigned(self, request: BookingRequest, reason: str) -> OutboxMessage: ...
