"""Hypothesis drives tickets through random steps; the spec below is written independently of
ticket.ACTIONS, so a wrong table in the code shows up as a disagreement."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from queue_display import ticket
from queue_display.errors import Conflict
from queue_display.ticket import MAX_RECALLS, Ticket, TicketStatus
from tests.unit.queue_display.factories import at, walk_in

SPEC = {
    "call": ({"waiting"}, "called"),
    "recall": ({"called"}, "called"),
    "start": ({"called"}, "serving"),
    "complete": ({"serving"}, "done"),
    "no_show": ({"called", "parked"}, "no_show"),
    "transfer": ({"waiting", "called", "serving"}, "transferred"),
    "park": ({"called"}, "parked"),
    "back_in_line": ({"parked"}, "waiting"),
}


class TicketLives(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.tickets: dict[str, Ticket] = {}
        self.calls: dict[str, int] = {}
        self.minute = 0

    @rule()
    def issue(self) -> None:
        new = walk_in(len(self.tickets) + 1, arrived=self.minute)
        self.tickets[new.id] = new

    @precondition(lambda self: self.tickets)
    @rule(data=st.data(), action=st.sampled_from(sorted(SPEC)))
    def step(self, data: st.DataObject, action: str) -> None:
        old = self.tickets[data.draw(st.sampled_from(sorted(self.tickets)))]
        allowed, target = SPEC[action]
        now = at(self.minute + 1)
        self.minute += 1
        try:
            new = self._apply(action, old, now)
        except Conflict as refused:
            if refused.code == "park_again":  # parked once already: a second miss is a no-show
                assert action == "park" and old.returned_at is not None
                return
            assert old.status.value not in allowed, f"{action} refused from {old.status}"
            assert refused.code == "illegal_transition"
            assert self.tickets[old.id] == old
            return
        assert old.status.value in allowed, f"{action} allowed from {old.status}"
        if action == "recall" and old.recalls == MAX_RECALLS:
            target = "no_show"
        assert new.status.value == target
        if action == "call":
            self.calls[old.id] = self.calls.get(old.id, 0) + 1
        self.tickets[new.id] = new

    def _apply(self, action: str, old: Ticket, now: datetime) -> Ticket:
        if action == "call":
            return ticket.call(old, "1", now)
        if action == "transfer":
            other = "visa-extension" if old.service == "passport-new" else "passport-new"
            before, after = ticket.transfer(old, other, f"{old.id}>", now)
            self.tickets[after.id] = after
            return before
        moved: Ticket = getattr(ticket, action)(old, now)
        return moved

    @invariant()
    def no_ticket_is_called_twice_but_a_parked_one_back_in_line(self) -> None:
        for ticket_id, count in self.calls.items():
            assert count <= 1 + (self.tickets[ticket_id].returned_at is not None)

    @invariant()
    def recalls_never_pass_the_limit(self) -> None:
        assert all(t.recalls <= MAX_RECALLS for t in self.tickets.values())

    @invariant()
    def times_follow_the_status(self) -> None:
        for t in self.tickets.values():
            assert (t.called_at is None) == (
                t.status is TicketStatus.WAITING
                or (t.status is TicketStatus.TRANSFERRED and t.counter is None)
            )
            assert (t.started_at is not None) <= (t.called_at is not None)
            if t.called_at is not None:
                assert t.called_at - t.queued_at >= timedelta(0)


TestTicketLives = TicketLives.TestCase
