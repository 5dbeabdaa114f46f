"""A flexible booking request as the domain sees it: who (``booking.applicant``), which service,
the offices they accept with their distance, a date window, a time of day, and what became of it.

The optimiser turns pending requests into bookings in batches (DESIGN.md §3), which also takes
away the speed advantage of bots: nobody gets a better place for asking a millisecond earlier.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from booking.applicant import Applicant
from booking.codes import normalise_booking_code

_REQUEST_ID = re.compile(r"[0-9a-f]{32}")


class RequestStatus(StrEnum):
    PENDING = "pending"
    ASSIGNED = "assigned"
    UNASSIGNED = "unassigned"
    CANCELLED = "cancelled"


@dataclass(frozen=True, slots=True)
class AcceptedOffice:
    """An office the citizen accepts, and how far it is from where they start (km)."""

    office_id: str
    distance_km: float


@dataclass(frozen=True, slots=True)
class NewBookingRequest:
    """A validated request; the identity is already reduced to its digest (``applicant``)."""

    id: str
    code: str
    """What the citizen reads aloud and types: 8 characters of Crockford base32, as a booking's
    code (``booking.codes``); unique among requests. ``id`` stays the request's key."""
    applicant: Applicant
    senior_on_visit: bool
    """60 or over on the window's first day, hence on any day the request can be given (a
    citizen turning 60 inside the window gets the priority at the kiosk on asking). No birth
    date is kept."""
    service: str
    reach: dict[str, Any]
    first_day: date
    last_day: date
    time_of_day: str | None
    preferred_start: datetime | None = None
    """Set for an entry into a day's opening draw: the slot chosen (``booking.release``)."""
    later_services: tuple[str, ...] = ()
    """One trip, several services: the services after ``service``, in the order served (as
    ``booking.bookings.Booking.later_visits``); the optimiser places them as one unit."""

    @property
    def services(self) -> tuple[str, ...]:
        return (self.service, *self.later_services)


@dataclass(frozen=True, slots=True)
class BookingRequest:
    id: str
    code: str
    applicant: Applicant
    senior_on_visit: bool
    """60 or over on the window's first day, hence on any day the request can be given (a
    citizen turning 60 inside the window gets the priority at the kiosk on asking). No birth
    date is kept."""
    service: str
    reach: dict[str, Any]
    first_day: date
    last_day: date
    time_of_day: str | None
    status: RequestStatus
    reason: str | None
    booking_id: int | None
    job_id: str | None
    created_at: datetime
    updated_at: datetime
    preferred_start: datetime | None = None
    """Set for an entry into a day's opening draw: the slot chosen (``booking.release``)."""
    later_services: tuple[str, ...] = ()
    """A chain's services after ``service``, in the order served; empty for one service."""

    @property
    def services(self) -> tuple[str, ...]:
        """Every service asked for, in the order served."""
        return (self.service, *self.later_services)

    @property
    def is_draw_entry(self) -> bool:
        return self.preferred_start is not None

    @property
    def offices(self) -> tuple[AcceptedOffice, ...]:
        """The offices the request accepts, as resolved when it was made."""
        return tuple(AcceptedOffice(str(o), float(km)) for o, km in self.reach.get("offices", ()))


@dataclass(frozen=True, slots=True)
class RequestReference:
    """How a citizen names a request: by its code (``7KQ2M9XD``), or by the 32-hex id that the
    requests made before codes were shown by, which old links and printouts still carry."""

    id: str | None = None
    code: str | None = None

    @classmethod
    def read(cls, raw: str) -> RequestReference | None:
        """The reference ``raw`` is (spaces, dashes and case as people type them), or None when it
        can be neither an id nor a code."""
        compact = "".join(raw.split()).replace("-", "").lower()
        if _REQUEST_ID.fullmatch(compact):
            return cls(id=compact)
        code = normalise_booking_code(raw)
        return cls(code=code) if code else None
