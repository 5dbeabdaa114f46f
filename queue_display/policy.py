"""The call policy: which waiting ticket a counter calls next, as one total order.

Every waiting ticket gets a *virtual arrival time*, fixed when it joins the queue::

    due(t)   = arrival                       for a walk-in
             = max(arrival, slot start)      for an appointment (early arrivals wait for the slot)
    score(t) = due(t) − A·[appointment] − P·[priority class]      (A = 30 min, P = 15 min)

A counter calls, among the waiting tickets of the services it can serve that are due
(``due(t) ≤ now``), the one with the smallest ``(score, sequence)``. So an appointment whose
slot has come goes before walk-ins who arrived up to A earlier, and an elderly, disabled or
pregnant citizen goes before others of their kind who arrived up to P earlier.

Why nobody waits forever (bounded overtaking). Credits lie in [0, C] with C = A + P, so
``due(t) − C ≤ score(t) ≤ due(t)``. When a ticket y is called while x is due and waiting for a
service of the same counter, ``key(y) < key(x)``, so ``due(y) − C ≤ score(y) ≤ score(x) ≤ due(x)``:
only tickets that become due at most C after x can ever be called before it. Once the clock
passes ``due(x) + C`` no new ticket gets a key below x's, the set of tickets ahead of x is finite
and only shrinks, and every call by a counter that serves x's service takes x or one of them.
However steady the stream of appointments, a walk-in is overtaken only by tickets that became
due within C (45 minutes) after it.

A parked ticket (its holder was not there when called) that comes back in time waits again
(``ticket.back_in_line``) with a place fixed at its return::

    due(t)   = max(returned, parked + W)                 (W: the minimum wait before a recall)
    score(t) = min(max(score₀(t), due(t) − C), due(t))   (score₀: its score before it was parked)

It keeps its old place in the order, so it is called before those who came after it, but not
before W has passed since it was set aside (the counter served others meanwhile; a citizen who
was away does not take the very next call), and never more than C ahead of someone arriving at
its return: its credit is again in [0, C], so the argument above holds for it unchanged.

A recalled ticket never re-enters the queue: it stays called at its counter (see ticket.recall),
so nothing can take its place. The Redis store keeps the same order in sorted sets scored by
``score`` with member ``member(t)``: equal scores fall back to the member's bytes, i.e. to the
zero-padded sequence, exactly like ``key`` below.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from queue_display import errors
from queue_display.ticket import Priority, Ticket, TicketKind

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MS = timedelta(milliseconds=1)


def epoch_ms(instant: datetime) -> int:
    """Whole milliseconds since 1970, floored: the one time scale both stores compare on."""
    return (instant - _EPOCH) // _MS


@dataclass(frozen=True, slots=True)
class CallPolicy:
    appointment_credit: timedelta = timedelta(minutes=30)
    priority_credit: timedelta = timedelta(minutes=15)
    park_min_wait: timedelta = timedelta(minutes=5)
    """W above: a parked ticket back in line is not called again before this long after it was
    parked (``MAWID_PARK_MIN_WAIT_MINUTES``)."""

    @property
    def max_credit(self) -> timedelta:
        """C in the argument above: the furthest a later ticket can jump ahead."""
        return self.appointment_credit + self.priority_credit

    def due_at(self, ticket: Ticket) -> datetime:
        if ticket.returned_at is not None and ticket.parked_at is not None:
            return max(ticket.returned_at, ticket.parked_at + self.park_min_wait)
        return self._first_due_at(ticket)

    def _first_due_at(self, ticket: Ticket) -> datetime:
        if ticket.kind is TicketKind.APPOINTMENT and ticket.slot_start is not None:
            return max(ticket.queued_at, ticket.slot_start)
        return ticket.queued_at

    def is_due(self, ticket: Ticket, now: datetime) -> bool:
        return epoch_ms(self.due_at(ticket)) <= epoch_ms(now)

    def score(self, ticket: Ticket) -> int:
        """The virtual arrival time in epoch milliseconds; smaller is called first."""
        first = self._first_score(ticket)
        if ticket.returned_at is None or ticket.parked_at is None:
            return first
        due = epoch_ms(self.due_at(ticket))
        return min(max(first, due - self.max_credit // _MS), due)

    def _first_score(self, ticket: Ticket) -> int:
        credit = timedelta(0)
        if ticket.kind is TicketKind.APPOINTMENT:
            credit += self.appointment_credit
        if ticket.priority is not Priority.NONE:
            credit += self.priority_credit
        return epoch_ms(self._first_due_at(ticket)) - credit // _MS

    def key(self, ticket: Ticket) -> tuple[int, str]:
        return self.score(ticket), member(ticket)

    def next_ticket(
        self, waiting: Iterable[Ticket], services: Collection[str], now: datetime
    ) -> Ticket | None:
        """The ticket a counter serving ``services`` calls at ``now``, or None."""
        callable_ = [t for t in waiting if t.is_waiting and t.service in services and self.is_due(t, now)]
        return min(callable_, key=self.key, default=None)

    def position(self, ticket: Ticket, waiting: Iterable[Ticket], now: datetime) -> int:
        """1 + the due waiting tickets of the same service that would be called before it."""
        mine = self.key(ticket)
        return 1 + sum(
            1
            for t in waiting
            if t.is_waiting
            and t.id != ticket.id
            and t.service == ticket.service
            and self.is_due(t, now)
            and self.key(t) < mine
        )


def member(ticket: Ticket) -> str:
    """Tie-breaker and sorted-set member: the issue sequence, zero-padded so bytes sort as numbers."""
    return f"{ticket.sequence:06d}:{ticket.id}"


ELDERLY_AGE = 60
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


def priority_from_national_id(national_id: str, today: date) -> Priority:
    """``ELDERLY`` when the Egyptian national ID's holder is 60 or older on ``today``.

    The ID is ``C YYMMDD ...``: century digit 2 for the 1900s, 3 for the 2000s. Other priority
    classes (disability, pregnancy) cannot be read from the ID; the kiosk asks for them.
    """
    digits = national_id.strip().translate(_ARABIC_INDIC)
    if len(digits) != 14 or not digits.isascii() or not digits.isdigit():
        raise errors.invalid_national_id()
    century = {"2": 1900, "3": 2000}.get(digits[0])
    if century is None:
        raise errors.invalid_national_id()
    try:
        born = date(century + int(digits[1:3]), int(digits[3:5]), int(digits[5:7]))
    except ValueError:
        raise errors.invalid_national_id() from None
    if born > today:
        raise errors.invalid_national_id()
    return priority_from_birth_date(born, today)


def priority_from_birth_date(born: date, today: date) -> Priority:
    """``ELDERLY`` from the age on ``today``: what a booking's stored birth date tells the kiosk."""
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    return Priority.ELDERLY if age >= ELDERLY_AGE else Priority.NONE
