"""Hypothesis runs a hall against a real store, on memory and on Redis, and holds it to a model
built from the pure modules: the call order of the policy, the steps of the state machine,
gap-free seqs and true waiting counts."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from queue_display import ticket
from queue_display.counter import CounterStatus
from queue_display.errors import DomainError
from queue_display.store import MemoryQueueStore, QueueStore, RedisQueueStore
from queue_display.ticket import AT_COUNTER, Priority, Ticket, TicketStatus
from tests.integration.queue_store.conftest import delete_prefix, fresh_prefix, reachable_redis
from tests.unit.queue_display.factories import at

GIZA = "giza-passports"
COUNTERS = {"1": ("passport-new",), "2": ("passport-new", "visa-extension"), "3": ("visa-extension",)}
LEGAL = {
    "recall": {"called"},
    "start": {"called"},
    "complete": {"serving"},
    "no_show": {"called"},
    "transfer": {"waiting", "called", "serving"},
}
services = st.sampled_from(["passport-new", "visa-extension"])
priorities = st.sampled_from(list(Priority))


async def _memory() -> tuple[QueueStore, Callable[[], Awaitable[None]]]:
    async def nothing() -> None:
        return None

    return MemoryQueueStore(), nothing


async def _redis() -> tuple[QueueStore, Callable[[], Awaitable[None]]]:
    client, prefix = await reachable_redis(), fresh_prefix()

    async def cleanup() -> None:
        await delete_prefix(client, prefix)
        await client.aclose()

    return RedisQueueStore(client, key_prefix=prefix), cleanup


class StoreHall(RuleBasedStateMachine):
    open_store: Callable[[], Awaitable[tuple[QueueStore, Callable[[], Awaitable[None]]]]]

    def __init__(self) -> None:
        super().__init__()
        self.runner = asyncio.Runner()
        self.store, self.cleanup = self.runner.run(self.open_store())
        self.minute, self.seq, self.codes = 0, 0, 0
        self.tickets: dict[str, Ticket] = {}
        self.called: set[str] = set()
        for counter, skills in COUNTERS.items():
            self._run(self.store.set_counter(GIZA, counter, CounterStatus.OPEN, skills))

    def teardown(self) -> None:
        self.runner.run(self.cleanup())
        self.runner.close()

    def _run(self, operation: Awaitable[Any]) -> Any:
        """Run one store operation; its events must carry the next seqs, without a gap."""
        change = self.runner.run(operation)  # type: ignore[arg-type]
        for event in getattr(change, "events", ()):
            self.seq += 1
            assert event.seq == self.seq, "the display log skipped or repeated a seq"
        return change

    def _refused(self, code: str, operation: Awaitable[Any]) -> None:
        with pytest.raises(DomainError) as refused:
            self.runner.run(operation)  # type: ignore[arg-type]
        assert refused.value.code == code

    @rule(minutes=st.integers(0, 15))
    def time_passes(self, minutes: int) -> None:
        self.minute += minutes

    @rule(service=services, priority=priorities)
    def walk_in_arrives(self, service: str, priority: Priority) -> None:
        issued = self._run(self.store.issue_walk_in(GIZA, service, "P", at(self.minute), priority))
        self.tickets[issued.ticket.id] = issued.ticket

    @rule(service=services, priority=priorities, slot=st.integers(-40, 60))
    def booked_citizen_checks_in(self, service: str, priority: Priority, slot: int) -> None:
        self.codes += 1
        issued = self._run(
            self.store.check_in(
                GIZA,
                f"CODE{self.codes:04d}",
                service,
                "P",
                at(self.minute + slot),
                at(self.minute),
                priority,
            )
        )
        self.tickets[issued.ticket.id] = issued.ticket

    @rule(first=services, priority=priorities, slot=st.integers(-40, 60), gap=st.integers(5, 30))
    def booked_citizen_with_two_services_checks_in(
        self, first: str, priority: Priority, slot: int, gap: int
    ) -> None:
        self.codes += 1
        second = "visa-extension" if first == "passport-new" else "passport-new"
        later = (ticket.NextVisit(second, at(self.minute + slot + gap)),)
        code, slot_start, now = f"CODE{self.codes:04d}", at(self.minute + slot), at(self.minute)
        issued = self._run(self.store.check_in(GIZA, code, first, "P", slot_start, now, priority, later))
        assert issued.ticket.next_visits == later
        self.tickets[issued.ticket.id] = issued.ticket

    @precondition(lambda self: self.codes > 0)
    @rule(data=st.data())
    def booked_citizen_checks_in_again(self, data: st.DataObject) -> None:
        code = f"CODE{data.draw(st.integers(1, self.codes)):04d}"
        again = self.store.check_in(GIZA, code, "passport-new", "P", at(self.minute), at(self.minute))
        self._refused("already_checked_in", again)

    @rule(counter=st.sampled_from(sorted(COUNTERS)))
    def counter_calls(self, counter: str) -> None:
        now, skills = at(self.minute), COUNTERS[counter]
        calling = self.store.call_next(GIZA, counter, skills, now)
        if any(t.counter == counter and t.status in AT_COUNTER for t in self.tickets.values()):
            self._refused("counter_busy", calling)
            return
        expected = self.store.policy.next_ticket(self.tickets.values(), skills, now)
        change = self._run(calling)
        if expected is None:
            assert change is None
            return
        assert change is not None and change.ticket.id == expected.id, "not the policy's pick"
        assert change.ticket.id not in self.called, "a ticket was called twice"
        assert change.ticket == ticket.call(expected, counter, now)
        self.called.add(change.ticket.id)
        self.tickets[change.ticket.id] = change.ticket

    @precondition(lambda self: self.tickets)
    @rule(data=st.data(), action=st.sampled_from(sorted(LEGAL)))
    def clerk_acts(self, data: st.DataObject, action: str) -> None:
        old = self.tickets[data.draw(st.sampled_from(list(self.tickets)))]  # issue order
        now = at(self.minute)
        other = "visa-extension" if old.service == "passport-new" else "passport-new"
        operation = (
            self.store.transfer(GIZA, old.id, other, now)
            if action == "transfer"
            else getattr(self.store, action)(GIZA, old.id, now)
        )
        if old.status.value not in LEGAL[action]:
            self._refused("illegal_transition", operation)
            return
        change = self._run(operation)
        if action == "transfer":
            before, after = ticket.transfer(old, other, change.ticket.id, now)
            assert (change.transferred, change.ticket) == (before, after)
            self.tickets[before.id] = before
        elif action == "complete":
            successor_id = change.moved_on.id if change.moved_on is not None else "none"
            done, successor = ticket.complete_step(old, successor_id, now)
            assert (change.ticket, change.moved_on) == (done, successor), "not the chain's next step"
            if successor is not None:
                self.tickets[successor.id] = successor
        else:
            assert change.ticket == getattr(ticket, action)(old, now)
        self.tickets[change.ticket.id] = change.ticket

    @precondition(lambda self: any(t.status in AT_COUNTER for t in self.tickets.values()))
    @rule(data=st.data())
    def counter_takes_its_ticket_on(self, data: st.DataObject) -> None:
        """Start a called ticket or complete a serving one: the path a chain needs to move on,
        which random steps on random tickets seldom take."""
        at_counter = [t for t in self.tickets.values() if t.status in AT_COUNTER]
        old = data.draw(st.sampled_from(at_counter))  # issue order: ids are random, so never by id
        now = at(self.minute)
        if old.status is TicketStatus.CALLED:
            change = self._run(self.store.start(GIZA, old.id, now))
            assert change.ticket == ticket.start(old, now)
            self.tickets[old.id] = change.ticket
            return
        change = self._run(self.store.complete(GIZA, old.id, now))
        successor_id = change.moved_on.id if change.moved_on is not None else "none"
        done, successor = ticket.complete_step(old, successor_id, now)
        assert (change.ticket, change.moved_on) == (done, successor), "not the chain's next step"
        self.tickets[old.id] = done
        if successor is not None:
            assert (successor.number, successor.service) == (old.number, old.next_visits[0].service)
            self.tickets[successor.id] = successor

    @invariant()
    def a_booking_stands_in_one_line_at_most_under_one_number(self) -> None:
        live: dict[str, list[Ticket]] = {}
        numbers: dict[str, set[str]] = {}
        for t in self.tickets.values():
            if t.booking_code is not None:
                numbers.setdefault(t.booking_code, set()).add(t.number)
                if t.status not in ticket.FINAL:
                    live.setdefault(t.booking_code, []).append(t)
        assert all(len(tickets) == 1 for tickets in live.values()), "a booking in two lines at once"
        assert all(len(n) == 1 for n in numbers.values()), "a booking's number changed"

    @invariant()
    def board_agrees_with_the_model(self) -> None:
        board = self.runner.run(self.store.board(GIZA, at(self.minute)))
        assert board.seq == self.seq
        model = {s: 0 for s in {t.service for t in self.tickets.values()}}
        for t in self.tickets.values():
            model[t.service] += t.status is TicketStatus.WAITING
        assert board.waiting == model
        serving = {(t.number, t.counter) for t in self.tickets.values() if t.status in AT_COUNTER}
        assert {(row.number, row.counter) for row in board.serving} == serving


class MemoryHall(StoreHall):
    open_store = staticmethod(_memory)


class RedisHall(StoreHall):
    open_store = staticmethod(_redis)


HALL = settings(max_examples=60, stateful_step_count=30, deadline=None)


def test_hall_on_the_memory_store_keeps_every_promise() -> None:
    run_state_machine_as_test(MemoryHall, settings=HALL)


@pytest.mark.redis
def test_hall_on_the_redis_store_keeps_every_promise() -> None:
    asyncio.run(_close(reachable_redis()))  # skip (or fail under CI=true) before hypothesis runs
    run_state_machine_as_test(RedisHall, settings=settings(HALL, max_examples=40))


async def _close(client: Awaitable[Any]) -> None:
    await (await client).aclose()
