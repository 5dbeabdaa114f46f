"""Hypothesis runs a hall: citizens arrive (walk-ins, early, on-time and late appointments, with
and without priority), time passes, counters with different skills call. Each call is checked
against the promises of the policy, stated without its scores."""

from __future__ import annotations

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from queue_display.policy import CallPolicy, epoch_ms
from queue_display.ticket import Priority, Ticket, TicketKind
from tests.unit.queue_display.factories import appointment, at, walk_in

POLICY = CallPolicy()
C_MS = epoch_ms(at(0) + POLICY.max_credit) - epoch_ms(at(0))
COUNTERS = {"1": {"passport-new"}, "2": {"passport-new", "visa-extension"}, "3": {"visa-extension"}}
services = st.sampled_from(["passport-new", "visa-extension"])
priorities = st.sampled_from(list(Priority))


class Hall(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.minute = 0.0
        self.waiting: list[Ticket] = []
        self.called: set[str] = set()
        self.issued = 0

    @rule(minutes=st.floats(min_value=0, max_value=20, allow_nan=False))
    def time_passes(self, minutes: float) -> None:
        self.minute += minutes

    @rule(service=services, priority=priorities)
    def walk_in_arrives(self, service: str, priority: Priority) -> None:
        self.issued += 1
        self.waiting.append(walk_in(self.issued, self.minute, service, priority))

    @rule(service=services, priority=priorities, slot_offset=st.integers(-40, 60))
    def booked_citizen_checks_in(self, service: str, priority: Priority, slot_offset: int) -> None:
        self.issued += 1
        self.waiting.append(
            appointment(self.issued, self.minute, self.minute + slot_offset, service, priority)
        )

    @rule(counter=st.sampled_from(sorted(COUNTERS)))
    def counter_calls(self, counter: str) -> None:
        now, skills = at(self.minute), COUNTERS[counter]
        chosen = POLICY.next_ticket(self.waiting, skills, now)
        due = [t for t in self.waiting if t.service in skills and POLICY.is_due(t, now)]
        if chosen is None:
            assert due == [], "a counter stayed idle while someone it serves was due"
            return
        assert chosen.id not in self.called, "a ticket was called twice"
        assert chosen.service in skills, "a counter called a service it cannot serve"
        assert POLICY.is_due(chosen, now), "an early arrival was called before its slot"
        mine = _due_ms(chosen)
        for other in due:
            assert mine <= _due_ms(other) + C_MS, "overtaking beyond the bounded credit"
            if other.kind is chosen.kind and _favoured(other) and not _favoured(chosen):
                assert _due_ms(other) > mine, "a priority citizen was passed over in their kind"
            if other.kind is TicketKind.APPOINTMENT and chosen.kind is TicketKind.WALK_IN:
                assert _due_ms(other) > mine, "a due appointment waited behind a later walk-in"
        self.waiting.remove(chosen)
        self.called.add(chosen.id)

    @invariant()
    def nobody_is_both_waiting_and_called(self) -> None:
        assert not self.called & {t.id for t in self.waiting}


def _due_ms(t: Ticket) -> int:
    return epoch_ms(POLICY.due_at(t))


def _favoured(t: Ticket) -> bool:
    return t.priority is not Priority.NONE


Hall.TestCase.settings = settings(max_examples=150, stateful_step_count=40, deadline=None)
TestHall = Hall.TestCase
