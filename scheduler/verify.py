"""An independent check of every answer before anything is written.

Deliberately naive: it re-reads the plain `Problem` (or the rebalance input) and counts, sharing
no data structures, grouping or flow bookkeeping with the solvers. A chain (several services,
one trip) is checked visit by visit: each in a slot of its own service, in the request's order,
all at one office on one day, each starting where the one before ends, each taking a seat. A bug
in the optimiser's network or in turning flows back into people shows up here instead of as an
overbooked slot.

Reasons are checked too, not just known: a request left out as `no_capacity` must find every
option full once the answer is in, `no_eligible_slot` must have no option at all, `not_eligible`
must be one the identity rules rejected. And the optimiser's promise to place the most requests
is checked with a maximum flow of its own (scipy's, over request kinds and (office, service, day)
pools), so a request dropped with a true-looking reason is caught as well.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import pairwise

import numpy as np

from scheduler.displaced import DisplacedBooking, RebalancePlan
from scheduler.problem import Problem, Request, SlotCapacity
from scheduler.rebalance_chains import as_request
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


def verify(problem: Problem, solution: Solution, maximum: bool = True) -> list[Violation]:
    """Every rule `solution` breaks for `problem`; an empty list means it may be written.

    Besides capacity, windows and eligibility, every reason a request is left out must hold
    (`reason_violations`), and with `maximum` (the optimiser's promise; a first-come baseline
    does not make it) no placement of the single requests places more (`maximum_violations`)."""
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
    chain_seats = Counter(
        key
        for a in solution.assignments
        if a.request_id in requests and requests[a.request_id].is_chain
        for key in a.slot_keys
        if key in slots
    )
    slots_left = _SlotsLeft(problem.slots, arrivals, chain_seats)
    found += reason_violations(problem.requests, solution.unassigned, slots_left)
    if maximum:
        placed_singles = sum(
            1 for request_id in seen if request_id in requests and not requests[request_id].is_chain
        )
        found += maximum_violations(problem.requests, slots_left, placed_singles)
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


class _SlotsLeft:
    """The slots as the solution leaves them: room left in each (free places, those kept for
    assisted bookings excluded, minus what the solution put there), by pool and by start."""

    def __init__(
        self, slots: Sequence[SlotCapacity], arrivals: Counter[str], chain_seats: Counter[str]
    ) -> None:
        self.chain_seats = chain_seats
        self.room = {s.key: s.free - arrivals.get(s.key, 0) for s in slots}
        self.by_pool: dict[tuple[str, str, date], list[SlotCapacity]] = defaultdict(list)
        self.by_start: dict[tuple[str, str, date, int], SlotCapacity] = {}
        for s in slots:
            self.by_pool[(s.office_id, s.service, s.day)].append(s)
            self.by_start[(s.office_id, s.service, s.day, s.start_minute)] = s

    def pools(self, request: Request, service: str) -> list[tuple[str, str, date]]:
        """The (office, service, day) pools with at least one slot the request may use."""
        found = []
        for office_id in {c.office_id for c in request.offices}:
            day = request.first_day
            while day <= request.last_day:
                if (office_id, service, day) in self.by_pool:
                    found.append((office_id, service, day))
                day += timedelta(days=1)
        return found

    def options(self, request: Request) -> list[list[SlotCapacity]]:
        """Every way the request may be placed, room or not: one slot of its pools, or, for a
        chain, the slots of its services that follow each other at one office on one day."""
        found = []
        for pool in self.pools(request, request.service):
            for first in self.by_pool[pool]:
                visits = [first]
                for service in request.later_services:
                    before = visits[-1]
                    after = self.by_start.get((before.office_id, service, before.day, before.next_start))
                    if after is None:
                        break
                    visits.append(after)
                if len(visits) == len(request.services):
                    found.append(visits)
        return found

    def fits(self, visits: Sequence[SlotCapacity]) -> bool:
        """Whether each visit's slot still has a free place."""
        return all(self.room[s.key] > 0 for s in visits)


def reason_violations(
    requests: Sequence[Request],
    unassigned: Mapping[str, str],
    slots: _SlotsLeft,
    held: Mapping[str, Sequence[str]] | None = None,
) -> list[Violation]:
    """Each reason a request was left out must be true: `not_eligible` only for a request the
    identity rules rejected (and such a request gives no other reason), `no_eligible_slot` only
    when no slot (or, for a chain, no run of slots) of its services exists at its offices in its
    window, `no_capacity` only when such slots exist but none has a free place left (a chain:
    every run has a full slot). `held`: for a rebalance, the slots each displaced booking holds;
    while they are still known (closed or full) they count as a place without room, as the
    rebalance counts them."""
    found = []
    for request in requests:
        reason = unassigned.get(request.id)
        if reason is None or reason not in REASONS:
            continue
        if not request.eligible or reason == NOT_ELIGIBLE:
            if request.eligible:
                found.append(Violation("reason_untrue", f"{request.id} is eligible", request.id))
            elif reason != NOT_ELIGIBLE:
                found.append(
                    Violation("reason_untrue", f"{request.id} is not eligible, not {reason}", request.id)
                )
            continue
        options = slots.options(request)
        if reason == NO_ELIGIBLE_SLOT and options:
            found.append(
                Violation(
                    "reason_untrue",
                    f"{request.id}: no_eligible_slot, but {len(options)} option(s) exist, "
                    f"e.g. {options[0][0].key}",
                    request.id,
                )
            )
        elif reason == NO_CAPACITY:
            own = (held or {}).get(request.id, ())
            if not options and not (own and all(k in slots.room for k in own)):
                found.append(
                    Violation("reason_untrue", f"{request.id}: no_capacity, but no slot exists", request.id)
                )
            else:
                free = next((o for o in options if slots.fits(o)), None)
                if free is not None:
                    found.append(
                        Violation(
                            "reason_untrue",
                            f"{request.id}: no_capacity, but {', '.join(s.key for s in free)} has room",
                            request.id,
                        )
                    )
    return found


def maximum_violations(requests: Sequence[Request], slots: _SlotsLeft, placed: int) -> list[Violation]:
    """The single requests placed are as many as any placement could place, on the room the
    chains leave: a maximum flow (scipy's, sharing nothing with the optimiser) from the eligible
    single requests, by kind (service, offices, window), to the (office, service, day) pools
    they may use, each pool carrying its free places minus the chains' seats there, equals
    `placed`. A request may use every slot of a pool or none (time of day is a preference),
    so pools stand for their slots without changing the maximum."""
    kinds: Counter[tuple[str, frozenset[str], date, date]] = Counter()
    examples: dict[tuple[str, frozenset[str], date, date], Request] = {}
    for r in requests:
        if r.eligible and not r.is_chain:
            kind = (r.service, frozenset(c.office_id for c in r.offices), r.first_day, r.last_day)
            kinds[kind] += 1
            examples.setdefault(kind, r)
    pool_index: dict[tuple[str, str, date], int] = {}
    tails: list[int] = []
    heads: list[int] = []
    capacities: list[int] = []
    source, first_kind = 0, 1
    first_pool = first_kind + len(kinds)
    arcs: list[tuple[int, tuple[str, str, date]]] = []
    for k, (kind, count) in enumerate(kinds.items()):
        tails.append(source)
        heads.append(first_kind + k)
        capacities.append(count)
        for pool in slots.pools(examples[kind], kind[0]):
            pool_index.setdefault(pool, len(pool_index))
            arcs.append((first_kind + k, pool))
    sink = first_pool + len(pool_index)
    for node, pool in arcs:
        tails.append(node)
        heads.append(first_pool + pool_index[pool])
        capacities.append(placed + 1)  # never the limit: the whole flow is below it
    for pool, i in pool_index.items():
        room = 0
        for s in slots.by_pool[pool]:
            # Single requests may use the free places the chains did not take (an over-full
            # slot gives nothing, and is reported as over capacity on its own).
            room += max(0, s.free - slots.chain_seats.get(s.key, 0))
        tails.append(first_pool + i)
        heads.append(sink)
        capacities.append(room)
    if not kinds:
        return []  # nothing to place (anything placed anyway is a violation of its own)
    # scipy here, not at the top: the server imports the verifier, and scipy costs each server
    # and command a second or more of start-up (it is only needed once a plan is checked).
    from scipy.sparse import csr_array
    from scipy.sparse.csgraph import maximum_flow

    graph = csr_array(
        (np.asarray(capacities, dtype=np.int32), (np.asarray(tails), np.asarray(heads))),
        shape=(sink + 1, sink + 1),
    )
    most = int(maximum_flow(graph, source, sink).flow_value)
    if most > placed:
        return [
            Violation(
                "not_maximum",
                f"{placed} single requests placed, but {most} could be (maximum flow)",
                "",
            )
        ]
    return []


def check(problem: Problem, solution: Solution, maximum: bool = True) -> None:
    """Raise `VerificationError` unless `solution` keeps every rule of `problem` (`maximum`:
    and places as many single requests as any placement could, see `verify`)."""
    violations = verify(problem, solution, maximum)
    if violations:
        raise VerificationError(violations)


def verify_rebalance(
    displaced: Sequence[DisplacedBooking], slots: Sequence[SlotCapacity], plan: RebalancePlan
) -> list[Violation]:
    """Every rule a rebalance plan breaks: capacity after the change, the booking's service,
    allowed offices and window, a chain moved whole (every service, one office and day, back to
    back), each displaced booking placed once or listed as unplaced with a true reason, and as
    many single bookings placed as any plan could (`reason_violations`, `maximum_violations`)."""
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
    # The reasons and the maximum, as for the optimiser: a booking may go to any slot of its
    # services at its allowed offices (its own at 0 km) in its window.
    as_requests = [as_request(b) for b in displaced]
    chain_seats = Counter(
        key
        for p in plan.placements
        if p.booking_id in bookings and bookings[p.booking_id].is_chain
        for key in p.to_slot_keys
        if key in slot_by_key
    )
    slots_left = _SlotsLeft(slots, arrivals, chain_seats)
    held = {b.id: b.slot_keys for b in displaced}
    found += reason_violations(as_requests, plan.unplaced, slots_left, held)
    placed_singles = sum(1 for b in placed if b in bookings and not bookings[b].is_chain)
    found += maximum_violations(as_requests, slots_left, placed_singles)
    return found
