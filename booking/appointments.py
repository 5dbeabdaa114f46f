"""Use cases of a citizen's appointment: see availability, book, look up, cancel, reschedule.

Each takes plain values, checks the pure rules, and leaves the atomic part to the store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from booking.applicant import Applicant
from booking.bookings import Booking, CompanionSeat, Move, NewBooking, NewVisit
from booking.calendar import is_open, local_today, public_holiday, to_local
from booking.capacity import Slot
from booking.chains import checked_chain, following_slots
from booking.channels import Channel, in_seniors_hours, may_book_in_seniors_hours, online_seats_left
from booking.codes import new_booking_code, normalise_booking_code
from booking.groups import (
    MAX_COMPANIONS,
    Block,
    PersonCommand,
    about_person,
    blocks_from,
    check_distinct,
    check_headcount,
    companion_of,
    room_for,
)
from booking.identity import Identity, IdentityHasher, IdentityType, senior_on_visit
from booking.messages import MESSAGES
from booking.offer import existing_office, offered_slot, office_and_service
from booking.offices import Office
from booking.ports import Bookings, Offices
from booking.provenance import UNKNOWN, Provenance
from booking.release import ReleasePolicy
from booking.rules import MIN_LEAD, check_eligibility
from booking.services import SERVICES, Service
from kernel.clock import Clock
from kernel.days import days_between
from kernel.errors import Conflict, DomainError, InvalidInput, NotFound

MAX_RANGE_DAYS = 62
FREE_DAY_PAGE = 14
"""Days read at a time when looking for the nearest free day: most offices have one in the first."""

NO_SUCH_BOOKING = MESSAGES.refusal(NotFound, "booking_not_found")


class AvailabilityChanged(Protocol):
    """Told that bookings of ``service`` at ``office_id`` changed on ``day`` (None: any day)."""

    def __call__(self, office_id: str, service: str, day: date | None = None, /) -> None: ...


def _nobody_listens(office_id: str, service: str, day: date | None = None, /) -> None:
    return None


def availability_range(first: date | None, last: date | None, now: datetime, tz: str) -> tuple[date, date]:
    """The days an availability answer covers: from ``first`` (the office's today) to ``last``
    (two weeks on), at most ``MAX_RANGE_DAYS``; else ``invalid_date_range``."""
    first = first or local_today(now, tz)
    last = last or first + timedelta(days=13)
    if last < first or (last - first).days >= MAX_RANGE_DAYS:
        raise MESSAGES.error(InvalidInput, "invalid_date_range.availability", max_days=MAX_RANGE_DAYS)
    return first, last


@dataclass(frozen=True, slots=True)
class DayAvailability:
    day: date
    open: bool
    holiday: str | None
    slots: list[tuple[Slot, int]]  # (slot, remaining)
    draw_until: datetime | None = None
    """While the day's opening draw is collecting entries: when it is decided."""
    later: dict[datetime, tuple[tuple[Slot, int], ...]] = field(default_factory=dict)
    """For a chain: by the first visit's start, the later visits' slots and what each has left.
    Each of ``slots`` is then the first visit's slot with the least any visit has left."""

    @property
    def free(self) -> bool:
        """A time can be booked on it now: open, a seat left, and no draw deciding it by lot."""
        return self.open and self.draw_until is None and any(left > 0 for _, left in self.slots)


@dataclass(frozen=True, slots=True)
class BookCommand:
    service: str
    office_id: str
    start: datetime
    identity: Identity
    full_name: str
    phone: str  # already normalised
    email: str | None = None
    lang: str = "ar"
    origin: Provenance = UNKNOWN  # where it came from, as digests (booking.provenance)
    also: tuple[str, ...] = ()
    """More services on the same trip (``booking.chains``): the booking is then a chain of
    ``service`` and these in ``chain_order``, and ``start`` is the first one's."""
    companions: tuple[PersonCommand, ...] = ()
    """The people booked with the applicant in one block (``booking.groups``), in order."""
    channel: Channel = Channel.ONLINE
    """Online, or a clerk booking for the citizen at a desk or on the phone (``booking.channels``)."""

    @property
    def services(self) -> tuple[str, ...]:
        """Every service asked for, in the order asked."""
        return (self.service, *self.also)

    def applicant(self, hasher: IdentityHasher) -> Applicant:
        """Who the booking is for (``booking.applicant``); refuses a bad name or e-mail."""
        return Applicant.of(
            self.identity,
            hasher,
            full_name=self.full_name,
            phone=self.phone,
            email=self.email,
            lang=self.lang,
        )


class Appointments:
    def __init__(
        self,
        offices: Offices,
        store: Bookings,
        clock: Clock,
        hasher: IdentityHasher,
        on_change: AvailabilityChanged | None = None,
        release: ReleasePolicy | None = None,
        max_companions: int = MAX_COMPANIONS,
        on_freed: Callable[[str, str], None] | None = None,
    ) -> None:
        """``on_change(office_id, service, day)`` hears of every booking, cancellation or move
        (on ``day``, the office's date of the visit), so that caches of availability can drop
        exactly what went stale; ``on_freed(office_id, service)`` only of those that may have
        freed a seat (a cancellation, a move, a change made elsewhere), for the waitlist to offer
        it: a new booking frees none, and a rush of them need not wake the waitlist's work each
        time. ``release`` says when days open
        and whether their first minutes go to a draw (``booking.release``). ``max_companions``:
        how many people one booking may carry beside the applicant (``booking.groups``)."""
        self.max_companions = max_companions
        self._on_change: AvailabilityChanged = on_change or _nobody_listens
        self._on_freed = on_freed or (lambda office_id, service: None)
        self.release = release or ReleasePolicy()
        self.offices = offices
        self.store = store
        self.clock = clock
        self.hasher = hasher

    async def office_and_service(self, office_id: str, service_code: str) -> tuple[Office, Service]:
        """The office and the service, when the office offers it (``booking.offer``)."""
        return await office_and_service(self.offices, office_id, service_code)

    async def availability(
        self,
        office_id: str,
        service_code: str,
        first: date | None,
        last: date | None,
        channel: Channel = Channel.ONLINE,
    ) -> list[DayAvailability]:
        """What each day has left for a booking through ``channel``: online, the seats a slot
        keeps for clerks are not offered (``booking.channels``); a clerk sees every free seat."""
        office, service = await self.office_and_service(office_id, service_code)
        now = self.clock.now()
        first, last = availability_range(first, last, now, office.timezone)
        closures = await self.offices.closures(office.id)
        if channel.assisted:
            loads = await self.store.loads(office.id, service.code, first, last, now, assisted=True)
        else:
            loads = await self.store.loads(office.id, service.code, first, last, now)
        earliest, release = now + MIN_LEAD, self.release
        released = release.opens(now)
        days = []
        for day in days_between(first, last):
            slots = [
                (slot, _remaining(slot, loads, channel))
                for slot in await self.offices.day_slots(office, service.code, day)
                if earliest <= slot.start and released(slot.start)
            ]
            draw_until = release.draw_closes(day) if release.in_draw(day, now) else None
            open_ = is_open(office, day, closures)
            days.append(DayAvailability(day, open_, public_holiday(day), slots, draw_until))
        return days

    async def chain_availability(
        self, office_id: str, services: tuple[str, ...], first: date | None, last: date | None
    ) -> list[DayAvailability]:
        """The starts at which the whole chain fits (``booking.chains``): each of ``slots`` the
        first visit's slot, listed when every later service has the slot that follows, with the
        least any visit's slot has left; the later slots in ``later``. One service: ``availability``."""
        chain = checked_chain(services)
        if len(chain) == 1:
            return await self.availability(office_id, chain[0], first, last)
        office = await self._office_for(office_id, chain)
        days = await self.availability(office.id, chain[0], first, last)
        if not days:
            return days
        now = self.clock.now()
        loads = [
            await self.store.loads(office.id, code, days[0].day, days[-1].day, now) for code in chain[1:]
        ]
        chained = []
        for day in days:
            grids = [
                {slot.start: slot for slot in await self.offices.day_slots(office, code, day.day)}
                for code in chain[1:]
            ]
            slots, later = [], {}
            for slot, left in day.slots:
                visits = following_slots(slot, grids)
                if visits is None:
                    continue
                rest = tuple(
                    (visit, _remaining(visit, load)) for visit, load in zip(visits[1:], loads, strict=True)
                )
                slots.append((slot, min([left, *(n for _, n in rest)])))
                later[slot.start] = rest
            chained.append(DayAvailability(day.day, day.open, day.holiday, slots, day.draw_until, later))
        return chained

    async def party_availability(
        self, office_id: str, services: tuple[str, ...], first: date | None, last: date | None, people: int
    ) -> list[DayAvailability]:
        """The starts at which a party of ``people``, each taking every service of the chain, fits
        (``booking.groups``): each of ``slots`` spans the first service's whole block, with how
        many such parties its slots still take; the later services' blocks in ``later``. One
        person: ``chain_availability``."""
        chain = checked_chain(services)
        check_headcount(people, self.max_companions)
        if people == 1:
            return await self.chain_availability(office_id, chain, first, last)
        office = await self._office_for(office_id, chain)
        days = await self.availability(office.id, chain[0], first, last)
        if not days:
            return days
        now = self.clock.now()
        loads = {
            code: await self.store.loads(office.id, code, days[0].day, days[-1].day, now) for code in chain
        }

        def left(seat: Slot) -> int:
            return _remaining(seat, loads[seat.service])

        parties = []
        for day in days:
            grids = [
                {slot.start: slot for slot in await self.offices.day_slots(office, code, day.day)}
                for code in chain
            ]
            slots, later = [], {}
            for slot, _ in day.slots:
                blocks = blocks_from(slot, grids, people, office.slot_minutes)
                if blocks is None:
                    continue
                room = room_for(blocks, left)
                spans = [_span(block) for block in blocks]
                slots.append((spans[0], room))
                later[slot.start] = tuple((span, room) for span in spans[1:])
            parties.append(DayAvailability(day.day, day.open, day.holiday, slots, day.draw_until, later))
        return parties

    async def _office_for(self, office_id: str, chain: tuple[str, ...]) -> Office:
        """The office, when it offers every service of the chain (``service_not_offered`` names
        the first it does not)."""
        office = await existing_office(self.offices, office_id)
        for code in chain:
            await office_and_service(self.offices, office.id, code)
        return office

    async def first_free_day(self, office_id: str, service_code: str) -> date | None:
        """The nearest day on which a time for the service can be booked now (``free``), up to the
        last day open for booking; None when there is none."""
        office, _ = await self.office_and_service(office_id, service_code)
        now = self.clock.now()
        first, last = local_today(now, office.timezone), self.release.last_open_day(now)
        while first <= last:
            page_last = min(first + timedelta(days=FREE_DAY_PAGE - 1), last)
            days = await self.availability(office.id, service_code, first, page_last)
            free = next((day.day for day in days if day.free), None)
            if free is not None:
                return free
            first = page_last + timedelta(days=1)
        return None

    def changed(self, office_id: str, service: str, day: date | None = None) -> None:
        """Tell the caches that bookings of ``service`` at ``office_id`` changed elsewhere, on
        ``day`` (None: on a day not known here, so on any)."""
        self._on_change(office_id, service, day)
        self._on_freed(office_id, service)

    def in_draw(self, office: Office, start: datetime) -> bool:
        """Whether an attempt to book ``start`` now goes into its day's opening draw."""
        return self.release.in_draw(to_local(start, office.timezone).date(), self.clock.now())

    async def slot(
        self, office: Office, service: str, start: datetime, *, entering_draw: bool = False
    ) -> Slot:
        """The slot of ``service`` at ``office`` starting at ``start``, if it may be booked now.
        While the day's opening draw runs, only an entry into the draw may name it."""
        return await offered_slot(
            self.offices, self.release, office, service, start, self.clock.now(), entering_draw=entering_draw
        )

    async def chain_slots(
        self, office: Office, chain: tuple[str, ...], start: datetime, *, entering_draw: bool = False
    ) -> tuple[Slot, ...]:
        """The slots of a chain (already in ``chain_order``) starting at ``start``: the first
        service's slot, if it may be booked now (``slot``), and each later service's at the slot
        that follows; ``slot_not_offered`` naming the first service that does not fit."""
        first = await self.slot(office, chain[0], start, entering_draw=entering_draw)
        day = to_local(first.start, office.timezone).date()
        slots = [first]
        for code in chain[1:]:
            grid = {slot.start: slot for slot in await self.offices.day_slots(office, code, day)}
            following = following_slots(slots[-1], [grid])
            if following is None:
                service = SERVICES[code]
                raise MESSAGES.error(
                    InvalidInput,
                    "slot_not_offered.chain",
                    service_en=service.name_en,
                    service_ar=service.name_ar,
                )
            slots.append(following[1])
        return tuple(slots)

    async def party_blocks(
        self, office: Office, chain: tuple[str, ...], start: datetime, headcount: int
    ) -> tuple[Block, ...]:
        """Each service's block for a party of ``headcount`` from ``start`` (``booking.groups``),
        the first slot bookable now; ``slot_not_offered`` when the party does not fit. One person:
        ``chain_slots``, a seat a block."""
        if headcount == 1:
            return tuple(
                Block(slot.service, (slot,)) for slot in await self.chain_slots(office, chain, start)
            )
        first = await self.slot(office, chain[0], start)
        day = to_local(first.start, office.timezone).date()
        grids = [
            {slot.start: slot for slot in await self.offices.day_slots(office, code, day)} for code in chain
        ]
        blocks = blocks_from(first, grids, headcount, office.slot_minutes)
        if blocks is None:
            raise MESSAGES.error(InvalidInput, "slot_not_offered.people", indic=True, people=headcount)
        return blocks

    def _changed_all(self, booking: Booking, *, freed: bool = True) -> None:
        for visit in booking.visits:
            self._on_change(booking.office_id, visit.service, booking.day)
            if freed:
                self._on_freed(booking.office_id, visit.service)

    async def book(self, command: BookCommand) -> Booking:
        new = await self.prepare(command)
        booking = await self.store.create(new, self.clock.now())
        self._changed_all(booking, freed=False)
        return booking

    async def prepare(self, command: BookCommand) -> NewBooking:
        """The booking ``command`` asks for, checked against every pure rule (each service known,
        offered by the office and open to the identity, the chain's slots may be booked now),
        not yet stored. A chain's services are put in ``chain_order``."""
        chain = checked_chain(command.services)
        check_headcount(1 + len(command.companions), self.max_companions)
        office = await existing_office(self.offices, command.office_id)
        for code in chain:
            _, service = await self.office_and_service(office.id, code)
            check_eligibility(service, command.identity)
            for person, companion in enumerate(command.companions, start=1):
                try:
                    check_eligibility(service, companion.identity)
                except DomainError as error:
                    raise about_person(error, person, companion.full_name.strip()[:60]) from None
        applicant = command.applicant(self.hasher)
        companions = tuple(
            companion_of(person, companion, self.hasher)
            for person, companion in enumerate(command.companions, start=1)
        )
        check_distinct(applicant.identity_hash, companions)
        first, *later = await self.party_blocks(office, chain, command.start, 1 + len(companions))
        day = to_local(first.start, office.timezone).date()
        everyone = (command.identity, *(companion.identity for companion in command.companions))
        # The party is called together: one person of 60 or over gives it elderly priority (and
        # the seniors' hours, which the senior's companions come to with them).
        senior = any(identity.senior_on(day) for identity in everyone)
        check_seniors_hours(office, first.start, command.channel, senior)
        return NewBooking(
            code=new_booking_code(),
            applicant=applicant,
            senior_on_visit=senior,
            service=first.service,
            office_id=office.id,
            starts_at=first.start,
            ends_at=first.end,
            day=day,
            slot_capacity=first.seats[0].capacity,
            origin_address=command.origin.address,
            origin_device=command.origin.device,
            later_visits=tuple(
                NewVisit(b.service, b.start, b.end, b.seats[0].capacity, b.seats[0].reserved) for b in later
            ),
            companions=companions,
            companion_seats=_companion_seats((first, *later), [c.person for c in companions]),
            slot_reserved=first.seats[0].reserved,
            channel=command.channel.value,
        )

    async def find(self, raw_code: str, identity_number: str | None) -> Booking:
        """The booking with this code, if the identity number matches; otherwise the same
        ``booking_not_found`` whether or not the code exists."""
        code = normalise_booking_code(raw_code)
        if code is None or not identity_number:
            raise NO_SUCH_BOOKING()
        booking = await self.store.by_code(code)
        if booking is None or not booking.applicant.identified_by(identity_number, self.hasher):
            raise NO_SUCH_BOOKING()
        return booking

    async def cancel(self, raw_code: str, identity_number: str | None) -> Booking:
        booking = await self.find(raw_code, identity_number)
        cancelled = await self.store.cancel(booking, self.clock.now())
        if cancelled is None:
            raise _not_changeable(booking)
        self._changed_all(booking)
        return cancelled

    async def reschedule(
        self, raw_code: str, identity_number: str | None, start: datetime, office_id: str | None = None
    ) -> Booking:
        """Move the whole booking (every visit of a chain, to the slots following ``start``'s),
        perhaps to another office that offers every one of its services."""
        booking = await self.find(raw_code, identity_number)
        if booking.status != "confirmed":
            raise _not_changeable(booking)
        office = await self._office_for(office_id or booking.office_id, booking.services)
        party = booking.party
        first, *later = await self.party_blocks(office, booking.services, start, 1 + len(party))
        if first.start == booking.starts_at and office.id == booking.office_id:
            return booking
        day = to_local(first.start, office.timezone).date()
        senior = senior_on_visit(IdentityType(booking.applicant.identity_type), identity_number or "", day)
        if party:  # only the applicant's number is at hand: a companion's 60 years stay counted
            senior = senior or booking.senior_on_visit
        check_seniors_hours(office, first.start, Channel(booking.channel), senior)
        visits = tuple(
            NewVisit(b.service, b.start, b.end, b.seats[0].capacity, b.seats[0].reserved) for b in later
        )
        move = Move(
            office.id,
            first.start,
            first.end,
            day,
            first.seats[0].capacity,
            senior,
            later_visits=visits,
            companion_seats=_companion_seats((first, *later), [c.person for c in party]),
            reserved=first.seats[0].reserved,
        )
        moved = await self.store.reschedule(booking, move, self.clock.now())
        self._changed_all(booking)
        self._changed_all(moved)
        return moved

    async def remove_person(self, raw_code: str, identity_number: str | None, position: int) -> Booking:
        """Take the person at ``position`` of the booking's ``people`` (1 the applicant, who cannot
        be removed: ``applicant_not_removable``) off it: their seats are freed, and their
        identity may book these services again. ``person_not_found`` when no such person is on it."""
        booking = await self.find(raw_code, identity_number)
        if position == 1:
            raise MESSAGES.error(Conflict, "applicant_not_removable")
        companion = next((c for c in booking.party if c.person + 1 == position), None)
        if companion is None:
            raise MESSAGES.error(NotFound, "person_not_found", indic=True, person=position)
        if booking.status != "confirmed":
            raise _not_changeable(booking)
        changed = await self.store.remove_companion(booking, companion.person, self.clock.now())
        if changed is None:
            raise MESSAGES.error(Conflict, "booking_changed")
        self._changed_all(booking)
        return changed


def _span(block: Block) -> Slot:
    """A block as one slot from its first seat's start to its last seat's end."""
    first = block.seats[0]
    return Slot(first.office_id, block.service, block.start, block.end, first.capacity)


def _companion_seats(blocks: tuple[Block, ...], persons: list[int]) -> tuple[CompanionSeat, ...]:
    """The companions' seats, in order of time: in each block, the k-th of ``persons`` takes the
    seat after the applicant's k-th."""
    return tuple(
        CompanionSeat(person, NewVisit(block.service, seat.start, seat.end, seat.capacity, seat.reserved))
        for block in blocks
        for person, seat in zip(persons, block.seats[1:], strict=True)
    )


def _remaining(slot: Slot, loads: dict[datetime, tuple[int, int]], channel: Channel = Channel.ONLINE) -> int:
    """Seats left in ``slot`` for ``channel``; a slot without a row yet keeps its reserved seats
    from online bookings as its row would (the row's ``taken`` already counts them)."""
    if slot.start in loads:
        capacity, taken = loads[slot.start]
        return max(0, capacity - taken)
    return slot.capacity if channel.assisted else online_seats_left(slot.capacity, 0, slot.reserved, 0)


def check_seniors_hours(office: Office, start: datetime, channel: Channel, senior: bool) -> None:
    """Refuse a seat in the office's seniors' hours to an online applicant under 60 on the day."""
    band = office.seniors_hours
    if band is None or not in_seniors_hours(band, to_local(start, office.timezone).time()):
        return
    if not may_book_in_seniors_hours(channel, senior):
        opens, closes = (f"{t:%H:%M}" for t in band)
        raise MESSAGES.error(Conflict, "seniors_hours", indic=True, opens=opens, closes=closes)


def _not_changeable(booking: Booking) -> Conflict:
    return MESSAGES.error(Conflict, f"booking_not_changeable.{booking.status}")
