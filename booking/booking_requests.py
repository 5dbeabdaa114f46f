"""A flexible booking request as the domain sees it: who (``booking.applicant``), which service,
the offices they accept with their distance, a date window, a time of day, and what became of it.

The optimiser turns pending requests into bookings in batches (DESIGN.md §3), which also takes
away the speed advantage of bots: nobody gets a better place for asking a millisecond earlier.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from booking.applicant import Applicant


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


@dataclass(frozen=True, slots=True)
class BookingRequest:
    id: str
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

    @property
    def is_draw_entry(self) -> bool:
        return self.preferred_start is not None

    @property
    def offices(self) -> tuple[AcceptedOffice, ...]:
        """The offices the request accepts, as resolved when it was made."""
        return tuple(AcceptedOffice(str(o), float(km)) for o, km in self.reach.get("offices", ()))
