"""A booking of several services in a busy hall, on the memory store: whatever the walk-ins and
the service times, its one ticket stands in one line at a time, visits its services in the order
booked, and keeps its number from the kiosk to the last counter."""

from __future__ import annotations

import asyncio
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from queue_display import ticket
from queue_display.counter import CounterStatus
from queue_display.store import MemoryQueueStore
from queue_display.ticket import NextVisit, Ticket, TicketStatus
from tests.unit.queue_display.factories import at

OFFICE = "giza-passports"
SERVICES = ("passport-new", "visa-extension", "criminal-record-certificate")
CODE = "CHAIN001"

chains = st.permutations(SERVICES).flatmap(lambda order: st.integers(1, 3).map(lambda n: tuple(order[:n])))
walk_ins = st.lists(st.tuples(st.integers(0, 120), st.sampled_from(SERVICES)), max_size=25)


class Hall:
    """One counter per service, each service taking ``minutes``; what the booking went through."""

    def __init__(self, minutes: int) -> None:
        self.store = MemoryQueueStore()
        self.minutes = minutes
        self.called_to: list[str] = []
        self.numbers: list[str] = []
        self.mine: dict[str, Ticket] = {}
        self.started: dict[str, int] = {}

    def keep(self, *tickets: Ticket) -> None:
        self.mine.update((t.id, t) for t in tickets if t.booking_code == CODE)

    @property
    def live(self) -> int:
        return sum(1 for t in self.mine.values() if t.status not in ticket.FINAL)

    async def counter_acts(self, service: str, minute: int) -> None:
        """Call when idle, start what was called, complete after ``minutes``."""
        now = at(minute)
        held = await self.store.counter_ticket(OFFICE, service, now)
        if held is None:
            change = await self.store.call_next(OFFICE, service, (service,), now)
            if change is not None and change.ticket.booking_code == CODE:
                self.called_to.append(change.ticket.service)
                self.numbers.append(change.ticket.number)
                self.keep(change.ticket)
        elif held.status is TicketStatus.CALLED:
            await self.store.start(OFFICE, held.id, now)
            self.started[held.id] = minute
        elif minute - self.started[held.id] >= self.minutes:
            self.keep(*(await self.store.complete(OFFICE, held.id, now)).tickets)


async def _hall_day(
    chain: tuple[str, ...], arrived: int, first_slot: int, walk_ins: list[tuple[int, str]], minutes: int
) -> tuple[Hall, list[int]]:
    """Run the hall minute by minute; the hall, and how many of the booking's tickets were live
    (not final) at each minute."""
    hall = Hall(minutes)
    for service in SERVICES:
        await hall.store.set_counter(OFFICE, service, CounterStatus.OPEN, (service,))
    arrivals = sorted(walk_ins)
    later = tuple(NextVisit(s, at(first_slot + 20 * (i + 1))) for i, s in enumerate(chain[1:]))
    live: list[int] = []
    for minute in range(0, 400):
        if minute == arrived:
            issued = await hall.store.check_in(
                OFFICE, CODE, chain[0], "P", at(first_slot), at(minute), next_visits=later
            )
            hall.keep(issued.ticket)
        while arrivals and arrivals[0][0] == minute:
            await hall.store.issue_walk_in(OFFICE, arrivals.pop(0)[1], "W", at(minute))
        for service in SERVICES:
            await hall.counter_acts(service, minute)
        live.append(hall.live)
        if minute > arrived and hall.live == 0 and not arrivals:
            break
    return hall, live


@settings(max_examples=60, deadline=None)
@given(
    chain=chains,
    arrived=st.integers(0, 60),
    first_slot=st.integers(0, 60),
    walk_ins=walk_ins,
    minutes=st.integers(1, 30),
)
def test_a_chained_ticket_goes_through_its_services_in_order_under_one_number(
    chain: tuple[str, ...], arrived: int, first_slot: int, walk_ins: list[tuple[int, str]], minutes: int
) -> None:
    hall, live = asyncio.run(_hall_day(chain, arrived, first_slot, walk_ins, minutes))
    called_to, numbers = hall.called_to, hall.numbers
    assert tuple(called_to) == chain, "the services out of order, or one missed or visited twice"
    assert numbers == [numbers[0]] * len(chain) and numbers[0].startswith("P-"), "the number changed"
    assert max(live) <= 1, "the ticket stood in two lines at once"
    assert live[-1] == 0, "the chain never finished"


def test_every_step_of_a_chain_names_where_it_goes_next() -> None:
    first = ticket.new_ticket(
        ticket_id="t1",
        office_id=OFFICE,
        day=date(2026, 12, 6),
        sequence=4,
        prefix="P",
        service=SERVICES[0],
        kind=ticket.TicketKind.APPOINTMENT,
        priority=ticket.Priority.NONE,
        now=at(0),
        booking_code=CODE,
        slot_start=at(10),
        next_visits=(NextVisit(SERVICES[1], at(30)),),
    )
    serving = ticket.start(ticket.call(first, "1", at(10)), at(11))
    done, successor = ticket.complete_step(serving, "t2", at(25))
    assert successor is not None and done.moved_on
    assert ticket.booking_status(done) == "checked_in"  # the successor carries the booking on
    assert (successor.number, successor.service, successor.slot_start) == ("P-004", SERVICES[1], at(30))
    called = ticket.call(successor, "2", at(30))
    assert ticket.booking_status(ticket.no_show(called, at(40))) == "served"  # came for the first
    last, _ = ticket.complete_step(ticket.start(called, at(31)), "t3", at(35))
    assert ticket.booking_status(last) == "served"
    assert ticket.booking_status(ticket.no_show(ticket.call(first, "1", at(10)), at(20))) == "no_show"
