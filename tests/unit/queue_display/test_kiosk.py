"""The kiosk on fakes and the in-memory queue: a booking checks in only at its office, on its
day, once; an early arrival waits at least until its slot; a ticket the queue could not make
gives the booking back; walk-ins only where the service is offered and the office is open."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from booking.appointments import Appointments, BookCommand
from booking.bookings import Booking
from booking.calendar import Closure
from booking.demo import DEMO_OFFICES
from booking.identity import Identity, IdentityHasher, identity_from_national_id
from booking.offices import Office
from booking.rules import BookingStatus
from kernel.clock import FixedClock
from kernel.days import TIMEZONE
from kernel.errors import Conflict, DomainError, InvalidInput, NotFound
from queue_display.counter import CounterStatus
from queue_display.estimate import TicketWait, WaitBasis
from queue_display.kiosk import Kiosk
from queue_display.store import MemoryQueueStore
from queue_display.store.base import Issued
from queue_display.ticket import Priority, TicketKind
from tests.fakes.booking import FakeBookings, FakeOffices
from tests.fakes.queue_display import FakeHall

OFFICES = {office.id: office for office in DEMO_OFFICES}
ABBASSIA, GIZA = OFFICES["cairo-abbassia-passports"], OFFICES["giza-passports"]
SERVICE = "passport-renewal"
CAIRO = ZoneInfo(TIMEZONE)
TODAY = date(2026, 12, 6)  # a Sunday
MORNING = datetime(2026, 12, 6, 8, 0, tzinfo=CAIRO)


def citizen(n: int, born: str = "900101") -> Identity:
    """A citizen born on ``born`` (YYMMDD, last century), as a national ID tells it."""
    return identity_from_national_id(f"2{born}0112{n:03d}", TODAY)


class BrokenQueue(MemoryQueueStore):
    """A live queue that cannot issue a ticket (Redis gone at the wrong moment)."""

    async def check_in(self, *args: object, **kwargs: object) -> Issued:
        raise ConnectionError("the queue store is unreachable")


@dataclass
class Hall:
    clock: FixedClock
    bookings: FakeBookings
    offices: FakeOffices
    queue: MemoryQueueStore
    hall: FakeHall
    appointments: Appointments
    kiosk: Kiosk

    async def book(
        self, n: int, day: date = TODAY, hour: int = 10, born: str = "900101", office: Office = ABBASSIA
    ) -> Booking:
        start = datetime.combine(day, time(hour), tzinfo=CAIRO)
        identity = citizen(n, born)
        command = BookCommand(SERVICE, office.id, start, identity, "Mona Ahmed Hassan", "01012345678")
        return await self.appointments.book(command)

    async def check_in(self, booking: Booking, priority: Priority = Priority.NONE) -> Issued:
        return await self.kiosk.check_in(ABBASSIA.id, booking.code, priority, staff="kiosk.abbassia")


def make_hall(queue: MemoryQueueStore | None = None) -> Hall:
    clock = FixedClock(MORNING)
    bookings, offices, hall = FakeBookings(), FakeOffices.of(*DEMO_OFFICES), FakeHall()
    queue = queue or MemoryQueueStore()
    hasher = IdentityHasher.from_secret("unit-test-identity-key")
    appointments = Appointments(offices, bookings, clock, hasher)
    kiosk = Kiosk(offices, bookings, queue, hall, clock)
    return Hall(clock, bookings, offices, queue, hall, appointments, kiosk)


@pytest.fixture
def hall() -> Hall:
    return make_hall()


async def test_todays_booking_checks_in_as_an_appointment_ticket_and_the_change_is_recorded(hall: Hall):
    booking = await hall.book(0)
    issued = await hall.check_in(booking)
    ticket = issued.ticket
    assert (ticket.kind, ticket.number, ticket.booking_code, ticket.slot_start) == (
        TicketKind.APPOINTMENT,
        "R-001",
        booking.code,
        booking.starts_at,
    )
    assert hall.bookings.rows[booking.id].status is BookingStatus.CHECKED_IN
    [change] = hall.hall.changes
    assert (change.office_id, change.tickets, change.action, change.staff) == (
        ABBASSIA.id,
        (ticket,),
        "check_in",
        "kiosk.abbassia",
    )


async def test_a_booking_checks_in_once(hall: Hall):
    booking = await hall.book(0)
    await hall.check_in(booking)
    with pytest.raises(Conflict) as refused:
        await hall.kiosk.check_in(ABBASSIA.id, booking.code.lower())
    assert refused.value.code == "already_checked_in"
    assert len(hall.hall.changes) == 1


@pytest.mark.parametrize(
    ("where", "code"),
    [({"day": TODAY + timedelta(days=1)}, "wrong_day"), ({"office": GIZA}, "wrong_office")],
)
async def test_a_booking_checks_in_only_on_its_day_and_at_its_office(
    hall: Hall, where: dict[str, object], code: str
):
    booking = await hall.book(0, **where)  # type: ignore[arg-type]
    with pytest.raises(Conflict) as refused:
        await hall.check_in(booking)
    assert refused.value.code == code
    assert GIZA.name_en not in str(refused.value.detail_en)  # a stranger's code tells no office
    assert hall.bookings.rows[booking.id].status is BookingStatus.CONFIRMED and hall.hall.changes == []


async def test_a_cancelled_booking_an_unknown_code_and_a_malformed_one_are_refused(hall: Hall):
    booking = await hall.book(0)
    await hall.bookings.cancel(booking, hall.clock.now())
    refusals: list[str] = []
    for code in (booking.code, "ZZZZZZZZ", "not a code at all"):
        with pytest.raises(DomainError) as refused:
            await hall.kiosk.check_in(ABBASSIA.id, code)
        refusals.append(refused.value.code)
    assert refusals == ["booking_cancelled", "booking_not_found", "booking_not_found"]
    assert hall.hall.changes == []


async def test_elderly_priority_comes_from_the_booking_unless_the_kiosk_chose_another(hall: Hall):
    senior, other_senior = await hall.book(0, born="600101"), await hall.book(1, born="600101", hour=11)
    assert senior.senior_on_visit
    assert (await hall.check_in(senior)).ticket.priority is Priority.ELDERLY
    assert (await hall.check_in(other_senior, Priority.DISABILITY)).ticket.priority is Priority.DISABILITY
    young = await hall.book(2, hour=12)
    assert (await hall.check_in(young)).ticket.priority is Priority.NONE


async def test_an_early_arrival_is_told_its_slot_not_a_count_of_the_people_waiting_now(hall: Hall):
    await hall.kiosk.walk_in(ABBASSIA.id, SERVICE)
    await hall.queue.set_counter(ABBASSIA.id, "1", CounterStatus.OPEN, {SERVICE})
    booking = await hall.book(0, hour=10)  # two hours after the kiosk's morning
    issued = await hall.check_in(booking)
    assert issued.wait == TicketWait(WaitBasis.APPOINTMENT, 120, ahead=None, turn_at=booking.starts_at)
    assert issued.estimated_wait_minutes == 120


async def test_a_walk_in_is_told_the_queues_figure_or_why_there_is_none(hall: Hall):
    hall.clock.instant = MORNING - timedelta(minutes=30)
    before = await hall.kiosk.walk_in(ABBASSIA.id, SERVICE)
    assert before.wait == TicketWait(WaitBasis.BEFORE_OPENING, None, ahead=0, opens_at=MORNING)
    hall.clock.instant = MORNING + timedelta(minutes=5)
    unserved = await hall.kiosk.walk_in(ABBASSIA.id, SERVICE)
    assert unserved.wait == TicketWait(WaitBasis.NO_COUNTER, None, ahead=1)
    await hall.queue.set_counter(ABBASSIA.id, "1", CounterStatus.OPEN, {SERVICE})
    served = await hall.kiosk.walk_in(ABBASSIA.id, SERVICE)
    assert served.wait is not None and served.wait.basis is WaitBasis.QUEUE and served.wait.ahead == 2
    assert served.estimated_wait_minutes == served.wait.minutes and served.wait.minutes > 0


async def test_when_the_queue_cannot_issue_the_ticket_the_booking_may_check_in_again():
    hall = make_hall(BrokenQueue())
    booking = await hall.book(0)
    with pytest.raises(ConnectionError):
        await hall.check_in(booking)
    assert hall.bookings.rows[booking.id].status is BookingStatus.CONFIRMED
    assert hall.hall.changes == []


async def test_a_walk_in_gets_a_ticket_for_a_service_the_office_offers_while_it_is_open(hall: Hall):
    issued = await hall.kiosk.walk_in(ABBASSIA.id, SERVICE, Priority.PREGNANCY, staff="kiosk.abbassia")
    assert (issued.ticket.kind, issued.ticket.priority) == (TicketKind.WALK_IN, Priority.PREGNANCY)
    assert [c.action for c in hall.hall.changes] == ["walk_in"]
    with pytest.raises(InvalidInput) as refused:
        await hall.kiosk.walk_in(ABBASSIA.id, "driving-licence-renewal")
    assert refused.value.code == "service_not_offered"
    with pytest.raises(NotFound) as missing:
        await hall.kiosk.walk_in("nowhere", SERVICE)
    assert missing.value.code == "office_not_found"
    hall.offices.closed[ABBASSIA.id] = (Closure(ABBASSIA.id, TODAY),)
    with pytest.raises(Conflict) as closed:
        await hall.kiosk.walk_in(ABBASSIA.id, SERVICE)
    assert closed.value.code == "office_closed"
    assert len(hall.hall.changes) == 1
