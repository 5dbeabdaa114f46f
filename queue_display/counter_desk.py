"""What a clerk does at a counter: open, pause or close it, call the next ticket, and take the
called ticket through its life (recall, start, complete, no-show, transfer).

A counter is named in requests by its database id (as ``GET /offices/{id}`` lists it) and on the
floor by its label, which is what the screens show and speak; the live store knows it by label.
Which services a counter serves always comes from the database, never from the request.
"""

from __future__ import annotations

from dataclasses import dataclass

from booking.offices import Counter, Office
from queue_display import errors
from queue_display.archive.rows import counter_row
from queue_display.counter import CounterState, CounterStatus
from queue_display.onsite import OnSite
from queue_display.store.base import Change
from queue_display.ticket import Ticket


@dataclass(frozen=True, slots=True)
class CounterView:
    """A counter as the database describes it and as the floor has it now."""

    counter: Counter
    state: CounterState


def counter_services(office: Office, counter: Counter) -> frozenset[str]:
    """The counter's skills, limited to what the office offers."""
    return counter.services & frozenset(office.services)


def find_counter(office: Office, counter_id: str) -> Counter:
    for counter in office.counters:
        if str(counter.id) == counter_id:
            return counter
    raise errors.counter_not_found(counter_id)


def floor_state(office: Office, counter: Counter, states: dict[str, CounterState]) -> CounterState:
    """The counter's state on the floor; one the store never heard of is closed."""
    return states.get(
        counter.label, CounterState(counter.label, CounterStatus.CLOSED, counter_services(office, counter))
    )


MOVE_ON = "move_on"
"""The archived step of a chain's ticket joining its next service's line."""


class CounterDesk:
    def __init__(self, onsite: OnSite) -> None:
        self.onsite = onsite

    async def _counter(self, office_id: str, counter_id: str) -> tuple[Office, Counter]:
        office = await self.onsite.office(office_id)
        counter = find_counter(office, counter_id)
        if not counter.active:
            raise errors.counter_inactive(counter.label)
        return office, counter

    async def set_status(
        self, office_id: str, counter_id: str, status: CounterStatus, staff: str | None = None
    ) -> CounterView:
        """Open, pause (keeps its ticket, calls none) or close a counter; the screens hear of it,
        and the database keeps who did it and when, which is also the state a restart restores."""
        office, counter = await self._counter(office_id, counter_id)
        change = await self.onsite.queue.set_counter(
            office.id, counter.label, status, counter_services(office, counter)
        )
        now = self.onsite.clock.now()
        await self.onsite.counter_log.record(counter_row(office.id, change.counter, staff, now))
        await self.onsite.announce(office.id, change.events)  # archived first, as in ``OnSite.record``
        return CounterView(counter, change.counter)

    async def counters(self, office_id: str) -> list[CounterView]:
        """Every counter of the office with its state on the floor (closed if never opened)."""
        office = await self.onsite.office(office_id)
        states = await self._floor_states(office)
        return [CounterView(counter, floor_state(office, counter, states)) for counter in office.counters]

    async def counter(self, office_id: str, counter_id: str) -> tuple[CounterView, Ticket | None]:
        """One counter with the ticket called to or served at it now: what a clerk's console
        needs to carry on after a reload, or on another device."""
        office = await self.onsite.office(office_id)
        counter = find_counter(office, counter_id)
        state = floor_state(office, counter, await self._floor_states(office))
        ticket = await self.onsite.queue.counter_ticket(office.id, counter.label, self.onsite.clock.now())
        return CounterView(counter, state), ticket

    async def _floor_states(self, office: Office) -> dict[str, CounterState]:
        return {state.counter_id: state for state in await self.onsite.queue.counters(office.id)}

    async def call_next(self, office_id: str, counter_id: str, staff: str | None = None) -> Change | None:
        """The next ticket by the call policy, or None when nobody this counter serves is due."""
        office, counter = await self._counter(office_id, counter_id)
        change = await self.onsite.queue.call_next(
            office.id, counter.label, counter_services(office, counter), self.onsite.clock.now()
        )
        if change is not None:
            await self.onsite.record(office.id, [change.ticket], change.events, "call", staff)
        return change

    async def step(self, office_id: str, ticket_id: str, action: str, staff: str | None = None) -> Change:
        """Take a ticket one step: ``recall``, ``start``, ``complete`` or ``no_show``; a no-show
        (and the fourth recall, which makes one) only as the office's ``no_show_rule`` allows."""
        office = await self.onsite.office(office_id)
        queue, now, rule = self.onsite.queue, self.onsite.clock.now(), self.onsite.no_show_rule
        if action == "recall":
            change = await queue.recall(office.id, ticket_id, now, rule)
        elif action == "no_show":
            change = await queue.no_show(office.id, ticket_id, now, rule)
        else:
            step = {"start": queue.start, "complete": queue.complete}[action]
            change = await step(office.id, ticket_id, now)
        await self._record(office, change, action, staff)
        return change

    async def transfer(
        self, office_id: str, ticket_id: str, service: str, staff: str | None = None
    ) -> Change:
        """Send the citizen on to another service the office offers, keeping their place."""
        office, _ = await self.onsite.appointments.office_and_service(office_id, service)
        change = await self.onsite.queue.transfer(office.id, ticket_id, service, self.onsite.clock.now())
        await self._record(office, change, "transfer", staff)
        return change

    async def _record(self, office: Office, change: Change, action: str, staff: str | None) -> None:
        """Archive the step; a chain's successor is archived as ``move_on``, so the ticket's
        history says it went on to the next service and who sent it there."""
        tickets = change.tickets
        actions = [action] * len(tickets)
        if change.moved_on is not None:
            actions[-1] = MOVE_ON
        await self.onsite.record(office.id, tickets, change.events, action, staff, actions)
