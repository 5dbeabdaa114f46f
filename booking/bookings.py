"""A booking as the domain sees it: who (``booking.applicant``), what, where, when, and its status."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from booking.applicant import Applicant
from booking.rules import BookingStatus


@dataclass(frozen=True, slots=True)
class Visit:
    """One service of a booking at its slot. A booking is a chain of one to three visits at one
    office on one day, back to back (one trip, several services); a single-service booking is a
    chain of one."""

    service: str
    starts_at: datetime
    ends_at: datetime


@dataclass(frozen=True, slots=True)
class NewVisit:
    """A later visit of a chain being booked or moved: its slot, with the capacity the slot has
    now (what the slot's row is made with when this is its first booking)."""

    service: str
    starts_at: datetime
    ends_at: datetime
    slot_capacity: int
    slot_reserved: int = 0
    """Seats of the slot kept for assisted bookings (``booking.channels``), as its grid says now."""

    @property
    def visit(self) -> Visit:
        return Visit(self.service, self.starts_at, self.ends_at)


@dataclass(frozen=True, slots=True)
class Companion:
    """Someone booked in the applicant's block (``booking.groups``), person 1 onwards: their name
    and identity as the system keeps one (digest and last four digits, ``booking.applicant``).
    How to reach them is the applicant's mobile."""

    person: int
    full_name: str
    identity_hash: str
    identity_type: str
    identity_nationality: str
    identity_last4: str
    identity_key_id: str
    active: bool = True
    """False once removed from the booking: their seats and their identity's limit are free."""
    retired_hashes: tuple[str, ...] = ()
    """As ``Applicant.retired_hashes``: known only while the number is at hand."""


@dataclass(frozen=True, slots=True)
class CompanionSeat:
    """The seat a companion's turn takes for one service of the booking."""

    person: int
    seat: NewVisit


@dataclass(frozen=True, slots=True)
class NewBooking:
    """A validated request for one slot; the identity is already reduced to its digest (``applicant``)."""

    code: str
    applicant: Applicant
    senior_on_visit: bool
    """60 or over on the visit day: all the kiosk needs for elderly priority. No birth date is
    kept: beside the last four digits it would all but give the national ID away."""
    service: str
    office_id: str
    starts_at: datetime
    ends_at: datetime
    day: date
    slot_capacity: int
    origin_address: str | None = None  # keyed digests of where it was made (booking.provenance)
    origin_device: str | None = None
    later_visits: tuple[NewVisit, ...] = ()
    """The chain's services after the first, each at the slot following the previous one's. For a
    party, each visit is the applicant's seat and ``ends_at`` the end of the whole block."""
    companions: tuple[Companion, ...] = ()
    """The people booked with the applicant (``booking.groups``); empty for one person."""
    companion_seats: tuple[CompanionSeat, ...] = ()
    """Their seats, every service's, in order of time."""
    slot_reserved: int = 0
    """Seats of the first slot kept for assisted bookings (``booking.channels``)."""
    channel: str = "online"
    """How it is being made (``booking.channels.Channel``): online, or by a clerk (desk, phone)."""

    @property
    def seats(self) -> tuple[NewVisit, ...]:
        """Every visit's slot, the first included: the applicant's seats, all or none with the
        companions' (``companion_seats``)."""
        first = NewVisit(self.service, self.starts_at, self.ends_at, self.slot_capacity, self.slot_reserved)
        return (first, *self.later_visits)

    @property
    def services(self) -> tuple[str, ...]:
        return tuple(seat.service for seat in self.seats)


@dataclass(frozen=True, slots=True)
class Booking:
    id: int
    code: str
    applicant: Applicant
    senior_on_visit: bool
    """60 or over on the visit day: all the kiosk needs for elderly priority. No birth date is
    kept: beside the last four digits it would all but give the national ID away."""
    service: str
    office_id: str
    starts_at: datetime
    ends_at: datetime
    day: date
    status: BookingStatus
    created_at: datetime
    updated_at: datetime
    origin_address: str | None = None
    origin_device: str | None = None
    moved_at: datetime | None = None
    moved_address: str | None = None  # digest of who last moved it; None when the office did
    office_changed_at: datetime | None = None
    """When the office last moved or cancelled the booking (a rebalance), with why:"""
    office_change_en: str | None = None
    office_change_ar: str | None = None
    later_visits: tuple[Visit, ...] = ()
    """The chain's services after the first (``service`` at ``starts_at``–``ends_at``), in the
    order they are served; empty for a single-service booking."""
    companions: tuple[Companion, ...] = ()
    """The people booked with the applicant, removed ones included (``active`` false)."""
    channel: str = "online"
    """How it was made (``booking.channels.Channel``): online, or by a clerk at a desk or on the phone."""

    @property
    def party(self) -> tuple[Companion, ...]:
        """The companions still on the booking, in the order they were named."""
        return tuple(companion for companion in self.companions if companion.active)

    @property
    def headcount(self) -> int:
        """How many people the booking is for: the applicant and every companion still on it."""
        return 1 + len(self.party)

    @property
    def visits(self) -> tuple[Visit, ...]:
        """Every service of the booking in the order served, the first being ``service``."""
        return (Visit(self.service, self.starts_at, self.ends_at), *self.later_visits)

    @property
    def services(self) -> tuple[str, ...]:
        return tuple(visit.service for visit in self.visits)

    @property
    def active(self) -> bool:
        return self.status in (BookingStatus.CONFIRMED, BookingStatus.CHECKED_IN)


@dataclass(frozen=True, slots=True)
class Move:
    """Where a booking goes: a slot of the same service, perhaps at another office."""

    office_id: str
    starts_at: datetime
    ends_at: datetime
    day: date
    capacity: int
    senior_on_visit: bool | None = None
    """Elderly priority on the new day, when the citizen's identity number came with the move
    (booking.identity.senior_on_visit); None keeps the booking's flag (an office's move)."""
    office_change: tuple[str, str] | None = None
    """Why the office moves it, (English, Arabic), completing "… because …"; None when the
    citizen moves it."""
    later_visits: tuple[NewVisit, ...] = ()
    """For a chain: where its later services go (the slots following the first's, in order). A
    chain moves whole: a move of a chain that names fewer visits than the chain has is refused."""
    companion_seats: tuple[CompanionSeat, ...] = ()
    """For a party: where each companion still on it goes; the block moves whole."""
    reserved: int = 0
    """Seats of the new first slot kept for assisted bookings (``booking.channels``)."""
