"""An independent check of every answer before anything is written.

Deliberately naive: it re-reads the plain `Problem` (or the rebalance input) and counts, sharing
no data structures, grouping or flow bookkeeping with the solvers. A chain (several services,
one trip) is checked visit by visit: each in a slot of its own service, in the request's order,
all at one office on one day, each starting where the one before ends, each taking a seat. A bug
in the optimiser's network or in turning flows back into people shows up here instead of as an
overbooked slot.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from itertools import pairwise

from scheduler.displaced import DisplacedBooking, RebalancePlan
from scheduler.problem import Problem, SlotCapacity
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT, NOT_ELIGIBLE, Solution

REASONS = frozenset({NOT_ELIGIBLE, NO_ELIGIBLE_SLOT, NO_CAPACITY})


@dataclass(frozen=True, slots=True)
class Violation:
    """One broken rule, with a stable code (e.g. `over_capacity`) and a readable detail."""

    code: str
    detail: str
    subject: str = ""  # the request, booking or slot concerned


class VerificationError(ValueError):
    """Raised by `check` when a solution breaks a rule; carries every violation found."""

    def __init__(self, violations: Sequence[Violation]) -> None:
        self.violations = list(violations)
        shown = "; ".join(f"{v.code}: {v.detail}" for v in self.violations[:5])
        more = f" (+{len(self.violations) - 5} more)" if len(self.violations) > 5 else ""
        super().__init__(f"{len(self.violations)} violation(s): {shown}{more}")


def capacity_violations(slots: Mapping[str, SlotCapacity], arrivals: Counter[str]) -> list[Violation]:
    """Slots that receive anyone while booked + arrivals exceeds capacity, or takes a seat the
    slot keeps for assisted bookings (booked + reserved + arrivals exceeds it)."""
    found = []
    for key, count in arrivals.items():
        slot = slots.get(key)
        if slot is None or count <= 0:
            continue
        if slot.booked + count > slot.capacity:
            found.append(
                Violation(
                    "over_capacity",
                    f"slot {key}: {slot.booked} booked + {count} placed > {slot.capacity}",
                    key,
                )
            )
        elif slot.booked + slot.reserved + count > slot.capacity:
            found.append(
                Violation(
                    "kept_for_assisted",
                    f"slot {key}: {slot.booked} booked + {count} placed leave fewer than the "
                    f"{slot.reserved} seats kept for assisted bookings of {slot.capacity}",
                    key,
                )
            )
    return found


def placement_violations(
    subject: str,
    slot: SlotCapacity,
    service: str,
    offices: Iterable[str],
    first_day: date,
    last_day: date,
) -> list[Violation]:
    """Rules every single placement obeys: service, acceptable office, date window."""
    found = []
    if slot.service != service:
        found.append(
            Violation(
                "wrong_service", f"{subject} wants {service}, slot {slot.key} is {slot.service}", subject
            )
        )
    if slot.office_id not in set(offices):
        found.append(Violation("wrong_office", f"{subject} did not accept office {slot.office_id}", subject))
    if not first_day <= slot.day <= last_day:
        found.append(
            Violation(
                "outside_window",
                f"{subject} wants {first_day}..{last_day}, slot {slot.key} is on {slot.day}",
                subject,
            )
        )
    return found


def chain_violations(subject: str, visits: Sequence[SlotCapacity]) -> list[Violation]:
    """A chain's visits are one trip: one office, one day, each visit in the slot that starts
    where the one before it ends (services in the request's order are checked per visit)."""
    found = []
    for before, after in pairwise(visits):
        if (after.office_id, after.day) != (before.office_id, before.day):
            found.append(
                Violation(
                    "chain_apart",
                    f"{subject}: {before.key} and {after.key} are not at one office on one day",
                    subject,
                )
            )
        elif after.start_minute != before.next_start:
            found.append(
                Violation(
                    "chain_not_consecutive",
                    f"{subject}: {after.key} does not start where {before.key} ends",
                    subject,
                )
            )
    return found


def verify(problem: Problem, solution: Solution) -> list[Violation]:
    """Every rule `solution` breaks for `problem`; an empty list means it may be written."""
    requests = {r.id: r for r in problem.requests}
    slots = {s.key: s for s in problem.slots}
    found: list[Violation] = []
    seen: Counter[str] = Counter(a.request_id for a in solution.assignments)
    for request_id, times in seen.items():
        if times > 1:
            found.append(Violation("assigned_twice", f"{request_id} placed {times} times", request_id))
    arrivals: Counter[str] = Counter()
    for a in solution.assignments:
        request = requests.get(a.request_id)
        if request is None:
            found.append(Violation("unknown_request", f"no request {a.request_id}", a.request_id))
            continue
        missing = [k for k in a.slot_keys if k not in slots]
        if missing:
            found.append(Violation("unknown_slot", f"no slot {', '.join(missing)}", a.request_id))
            continue
        visits = [slots[k] for k in a.slot_keys]
        arrivals.update(a.slot_keys)
        if not request.eligible:
            found.append(Violation("not_eligible", f"{request.id} is not eligible", request.id))
        if len(visits) != len(request.services):
            found.append(
                Violation(
                    "chain_split",
                    f"{request.id} asks for {len(request.services)} services, placed {len(visits)}",
                    request.id,
                )
            )
        for service, slot in zip(request.services, visits, strict=False):
            found += placement_violations(
                request.id,
                slot,
                service,
                (c.office_id for c in request.offices),
                request.first_day,
                request.last_day,
            )
        found += chain_violations(request.id, visits)
    found += capacity_violations(slots, arrivals)
    found += _accounting_violations(requests.keys(), seen.keys(), solution.unassigned)
    return found


def _accounting_violations(
    request_ids: Iterable[str], assigned: Iterable[str], unassigned: Mapping[str, str]
) -> list[Violation]:
    """Each request is either assigned or unassigned with a known reason: never both, never
    neither (a request must not disappear silently)."""
    found = []
    assigned_set = set(assigned)
    for request_id in request_ids:
        if request_id in assigned_set and request_id in unassigned:
            found.append(Violation("assigned_and_unassigned", f"{request_id} is in both lists", request_id))
        elif request_id not in assigned_set and request_id not in unassigned:
            found.append(Violation("missing", f"{request_id} is neither placed nor explained", request_id))
    for request_id, reason in unassigned.items():
        if reason not in REASONS:
            found.append(Violation("unknown_reason", f"{request_id}: {reason!r}", request_id))
    return found


def check(problem: Problem, solution: Solution) -> None:
    """Raise `VerificationError` unless `solution` keeps every rule of `problem`."""
    violations = verify(problem, solution)
    if violations:
        raise VerificationError(violations)


def verify_rebalance(
    displaced: Sequence[DisplacedBooking], slots: Sequence[SlotCapacity], plan: RebalancePlan
) -> list[Violation]:
    """Every rule a rebalance plan breaks: capacity after the change, the booking's service,
    allowed offices and window, a chain moved whole (every service, one office and day, back to
    back), and each displaced booking placed once or listed as unplaced."""
    bookings = {b.id: b for b in displaced}
    slot_by_key = {s.key: s for s in slots}
    found: list[Violation] = []
    arrivals: Counter[str] = Counter()
    for p in plan.placements:
        booking = bookings.get(p.booking_id)
        if booking is None:
            found.append(Violation("unknown_booking", f"no booking {p.booking_id}", p.booking_id))
            continue
        missing = [k for k in p.to_slot_keys if k not in slot_by_key]
        if missing:
            found.append(Violation("unknown_slot", f"no slot {', '.join(missing)}", p.booking_id))
            continue
        if p.from_slot_key != booking.slot_key:
            found.append(Violation("wrong_origin", f"{booking.id} was in {booking.slot_key}", booking.id))
        visits = [slot_by_key[k] for k in p.to_slot_keys]
        arrivals.update(p.to_slot_keys)
        if len(visits) != len(booking.services):
            found.append(
                Violation(
                    "chain_split",
                    f"{booking.id} holds {len(booking.services)} services, placed {len(visits)}",
                    booking.id,
                )
            )
        elif not p.moved and p.to_slot_keys != booking.slot_keys:
            found.append(Violation("chain_split", f"{booking.id} kept its first slot only", booking.id))
        for service, slot in zip(booking.services, visits, strict=False):
            found += placement_violations(
                booking.id,
                slot,
                service,
                [booking.office_id, *(c.office_id for c in booking.nearby)],
                booking.first_day,
                booking.last_day,
            )
        found += chain_violations(booking.id, visits)
    found += capacity_violations(slot_by_key, arrivals)
    placed = Counter(p.booking_id for p in plan.placements)
    for booking_id, times in placed.items():
        if times > 1:
            found.append(Violation("assigned_twice", f"{booking_id} placed {times} times", booking_id))
    found += _accounting_violations(bookings.keys(), placed.keys(), plan.unplaced)
    return found
