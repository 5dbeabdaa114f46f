"""What booking's use cases need from the outside world, as ``Protocol``s.

``Appointments``, ``FlexibleBooking`` and ``DrawEntries`` are typed against these, so they can run
on the SQL adapters (``booking.store``: ``BookingStore``, ``OfficeDirectory``, ``RequestStore``) or
on the in-memory fakes of the unit tests (``tests/fakes/booking.py``). Each port lists only the
methods a use case calls.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from booking.applicant import Applicant
from booking.booking_requests import BookingRequest, NewBookingRequest
from booking.bookings import Booking, Move, NewBooking
from booking.calendar import Closure
from booking.capacity import Slot
from booking.offices import Office
from booking.reconfirmation import Reconfirmation, ReconfirmPolicy
from booking.verification import HeldBooking, Hold
from booking.waitlist import Entry, NewEntry, Offer

if TYPE_CHECKING:  # booking.notices reads the offices through this module's ``Offices``
    from booking.notices import Notice


class Bookings(Protocol):
    """The bookings, each change atomic, with the rules the database keeps: a slot holds at most
    its capacity, an identity holds one active booking per service and at most
    ``booking.rules.MAX_ACTIVE_BOOKINGS`` in all."""

    async def create(self, new: NewBooking, now: datetime) -> Booking:
        """Book, or raise ``duplicate_booking``, ``booking_limit`` or ``slot_full``."""
        ...

    async def by_code(self, code: str) -> Booking | None: ...

    async def by_id(self, booking_id: int) -> Booking | None: ...

    async def cancel(self, booking: Booking, now: datetime) -> Booking | None:
        """The booking cancelled; None when it was not confirmed."""
        ...

    async def reschedule(self, booking: Booking, move: Move, now: datetime) -> Booking:
        """The booking moved, or ``slot_full`` (the old slot untouched)."""
        ...

    async def remove_companion(self, booking: Booking, person: int, now: datetime) -> Booking | None:
        """The booking without companion ``person`` (their seats and hold freed); None when the
        booking is no longer confirmed or they were already removed."""
        ...

    async def check_standing(self, applicant: Applicant, now: datetime) -> None:
        """Raise when the applicant's identity may not book now (churn caps, no-show ban)."""
        ...

    async def loads(
        self,
        office_id: str,
        service: str,
        first_day: date,
        last_day: date,
        now: datetime,
        *,
        assisted: bool = False,
    ) -> dict[datetime, tuple[int, int]]:
        """(capacity, taken) of the slots in the range that have had a booking; for an online
        booking (not ``assisted``) the seats a slot still keeps for clerks count as taken."""
        ...


class Offices(Protocol):
    """The offices as they stand now: their closures and slot grids."""

    async def offices(self) -> list[Office]: ...

    async def office(self, office_id: str) -> Office | None: ...

    async def closures(self, office_id: str) -> tuple[Closure, ...]: ...

    async def day_slots(self, office: Office, service: str, day: date) -> list[Slot]: ...


class Requests(Protocol):
    """Flexible requests and draw entries: at most one pending per identity and service (each
    service of a chain counts)."""

    async def create(self, new: NewBookingRequest, now: datetime) -> BookingRequest:
        """Keep a pending request, or raise ``duplicate_request`` (a pending request of the person
        asks for one of its services) / ``duplicate_booking`` (they hold an active booking of one
        of them), even when two are made at once; its ``later_services`` are kept. When
        ``new``'s code is another request's, it is kept under a fresh code."""
        ...

    async def by_id(self, request_id: str) -> BookingRequest | None: ...

    async def by_code(self, code: str) -> BookingRequest | None:
        """The request whose code is ``code`` (already normalised)."""
        ...

    async def cancel(self, request_id: str, now: datetime) -> BookingRequest | None:
        """The request cancelled; None when it is no longer pending."""
        ...


class BookingHolds(Protocol):
    """Seats held while a citizen types the code texted to their mobile (``booking.verification``):
    a held seat counts against its slot's capacity until its hold is confirmed, dropped or
    expired, and is released exactly once."""

    async def start(
        self, new: NewBooking, hold: Hold, notice: Notice, now: datetime
    ) -> list[tuple[str, str]]:
        """Hold a seat and post the code, or raise the refusal the booking would meet; drops an
        earlier awaiting hold of the same identity and service. The (office, service) freed."""
        ...

    async def find(self, hold_id: str) -> HeldBooking | None: ...

    async def confirm(self, held: HeldBooking, now: datetime) -> Booking:
        """The booking, or ``hold_not_found`` when the hold no longer awaits."""
        ...

    async def record(self, before: Hold, after: Hold) -> bool:
        """A wrong code counted (the hold dropped after the last); False if it changed meanwhile."""
        ...

    async def resent(self, before: Hold, after: Hold, notice: Notice, new: NewBooking, now: datetime) -> bool:
        """A new code kept and posted; False if the hold changed meanwhile."""
        ...

    async def drop(self, hold_id: str) -> list[tuple[str, str]]:
        """Drop an awaiting hold, its seat freed: the (office, service) freed."""
        ...

    async def sweep(self, now: datetime) -> list[tuple[str, str]]:
        """Expire holds whose time is up: the (office, service) of each seat freed."""
        ...


class WaitlistEntries(Protocol):
    """The waitlist and its offers (``booking.waitlist``): one live entry per identity and
    service; an offer holds its seat against the slot's capacity until it is answered or runs
    out, and leaves ``offered`` once, its seat booked or passed on with it."""

    async def join(self, new: NewEntry, hold: Hold | None, notice: Notice, now: datetime) -> Entry:
        """Keep the entry and post ``notice``, or raise ``duplicate_waitlist`` / ``duplicate_booking``."""
        ...

    async def find(self, entry_id: str) -> Entry | None: ...

    async def verified(self, before: Hold, after: Hold, notice: Notice | None, now: datetime) -> bool:
        """A typed code's verdict kept (confirmed: waiting, and ``notice`` posted); False if it changed."""
        ...

    async def leave(self, entry_id: str, now: datetime) -> bool: ...

    async def offer(self, offer_id: str) -> tuple[Offer, Entry] | None: ...

    async def offers_of(self, entry_id: str) -> list[Offer]: ...

    async def accept(self, offer_id: str, new: NewBooking, now: datetime) -> Booking:
        """The booking of a live offer, or ``offer_not_found`` / a booking rule's refusal."""
        ...

    async def decline(self, offer_id: str, now: datetime) -> Offer | None: ...

    async def sweep(self, now: datetime, today: date, lapsed: Callable[[Offer, str], Notice]) -> list[Offer]:
        """Expire offers whose time is up (their seats passed on): the offers expired."""
        ...

    async def notify(self, now: datetime, offered: Callable[[Offer, str], Notice], limit: int = 200) -> int:
        """Post the SMS of each offer not told yet, once: how many were told."""
        ...


class Reconfirmations(Protocol):
    """Bookings asked to reconfirm (``booking.reconfirmation``): each asked once, reconfirmed or
    released once."""

    async def ask(
        self, policy: ReconfirmPolicy, now: datetime, notice: Callable[[Booking, datetime], Notice]
    ) -> int:
        """Ask a batch of the bookings due, each with its SMS: how many were asked."""
        ...

    async def release(
        self, now: datetime, why: tuple[str, str], notice: Callable[[Booking], Notice]
    ) -> list[Booking]:
        """Cancel the bookings not reconfirmed by their deadline, their seats to the waitlist."""
        ...

    async def reconfirm(self, booking_id: int, now: datetime) -> Reconfirmation | None: ...

    async def state(self, booking_id: int) -> Reconfirmation | None: ...

    async def no_shows(
        self, services: Sequence[str], office_ids: Sequence[str], today: date
    ) -> list[tuple[str, bool, int, int, int]]: ...
