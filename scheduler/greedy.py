"""The baselines every result is reported beside: two ways of first come, first served.

`first_come_first_served` is what a plain booking site does: each citizen, in the order they
asked, takes the earliest free slot at the nearest office they accept (trying the next office only
when the nearest has nothing left in their window). It ignores the time of day the citizen asked
for, places people quickly and fills the first hours of the most popular offices to the brim.

`cheapest_first` is the fair one: each citizen, in the order they asked, takes the slot that is
cheapest for them by the objective's own preference cost (`scheduler.costs.preference_cost`:
distance, days later, bands away from the preferred time of day), ties going to the emptiest
hall. It is what a good booking site that shows every option would get from citizens who each
pick what suits them best; the optimiser's lead over it is what planning the batch together adds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date

from kernel.days import days_between
from kernel.time_of_day import TIME_BANDS, time_band
from scheduler.chains import ChainPlanner
from scheduler.costs import Hall, hall_of, hall_totals, preference_cost, price_solution
from scheduler.grouping import normalise
from scheduler.problem import Pool, Problem, Request, SlotCapacity, Weights, pool_of
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT, NOT_ELIGIBLE, Assignment, Solution


class _Pools:
    """Slots per (office, service, day) in time order, with a cursor past the full ones."""

    def __init__(self, slots: list[SlotCapacity] | tuple[SlotCapacity, ...]) -> None:
        self.slots: dict[Pool, list[SlotCapacity]] = defaultdict(list)
        for s in sorted(slots, key=lambda s: s.start_minute):
            self.slots[pool_of(s)].append(s)
        self.room = {s.key: s.free for s in slots}
        self.cursor: dict[Pool, int] = defaultdict(int)

    def take_earliest(self, pool: Pool) -> str | None:
        """Key of the earliest slot of `pool` with room, now one place fuller; None if full."""
        slots = self.slots.get(pool, [])
        i = self.cursor[pool]
        while i < len(slots) and self.room[slots[i].key] == 0:
            i += 1
        self.cursor[pool] = i
        if i == len(slots):
            return None
        self.room[slots[i].key] -= 1
        return slots[i].key


def _single(request: Request, pools: _Pools) -> tuple[str | None, bool]:
    """The slot the request takes (None if none has room), and whether any slot was eligible."""
    any_slot = False
    for cand in sorted(request.offices, key=lambda c: (c.distance_km, c.office_id)):
        for day in days_between(request.first_day, request.last_day):
            pool = (cand.office_id, request.service, day)
            any_slot = any_slot or pool in pools.slots
            slot_key = pools.take_earliest(pool)
            if slot_key is not None:
                return slot_key, True
    return None, any_slot


def first_come_first_served(problem: Problem) -> Solution:
    """Place each request in order at its nearest acceptable office, earliest free slot (a
    chain: the earliest start where all its services follow each other with room)."""
    pools = _Pools(list(problem.slots))
    with_chains = any(r.is_chain for r in problem.requests)
    chains = ChainPlanner(problem.slots, problem.weights) if with_chains else None

    def chain(request: Request) -> Assignment | None:
        assert chains is not None
        placed = chains.earliest(request)
        if placed is not None:
            for key in placed.slot_keys:
                pools.room[key] -= 1
        return placed

    return _in_arrival_order(problem, chains, chain, lambda request: _single(request, pools))


def _in_arrival_order(
    problem: Problem,
    chains: ChainPlanner | None,
    place_chain: Callable[[Request], Assignment | None],
    place_single: Callable[[Request], tuple[str | None, bool]],
) -> Solution:
    """The baselines' one loop: each request in the order it came, placed by the baseline's own
    rule for a chain or a single request (``place_single``: the slot taken, or None and whether
    any slot of the request's exists at all), or unassigned with the reason that holds."""
    assignments: list[Assignment] = []
    unassigned: dict[str, str] = {}
    for request in problem.requests:
        if not request.eligible:
            unassigned[request.id] = NOT_ELIGIBLE
        elif chains is not None and request.is_chain:
            placed = place_chain(request)
            if placed is None:
                unassigned[request.id] = NO_CAPACITY if chains.exists(request) else NO_ELIGIBLE_SLOT
            else:
                assignments.append(placed)
        else:
            slot_key, any_slot = place_single(request)
            if slot_key is None:
                unassigned[request.id] = NO_CAPACITY if any_slot else NO_ELIGIBLE_SLOT
                continue
            assignments.append(Assignment(request.id, slot_key))
            if chains is not None:
                chains.hold([slot_key])
    return price_solution(problem, assignments, unassigned)


#: Preference costs closer than this are a tie (they are sums of the same few weighted terms).
TIE = 1e-9
#: For chains, ties are broken by the crowding their visits add, weighted this little: far below
#: any difference in preference cost, so it only orders options that cost the citizen the same.
CHAIN_TIE_WEIGHT = 1e-6

#: (office, service, day, band index): the slots a request finds equally good at one office-day.
_Band = tuple[str, str, date, int]


def _band_of(slot: SlotCapacity) -> int:
    return TIME_BANDS.index(time_band(slot.start_minute))


class _Bands:
    """Slots per (office, service, day, band) with their room left, and each hall's load."""

    def __init__(self, slots: Sequence[SlotCapacity]) -> None:
        self.slots: dict[_Band, list[SlotCapacity]] = defaultdict(list)
        for s in sorted(slots, key=lambda s: (s.start_minute, s.key)):
            self.slots[(s.office_id, s.service, s.day, _band_of(s))].append(s)
        self.pools = {pool_of(s) for s in slots}
        self.room = {s.key: s.free for s in slots}
        self.band_room: dict[_Band, int] = defaultdict(int)
        for band, members in self.slots.items():
            self.band_room[band] = sum(self.room[s.key] for s in members)
        totals = hall_totals(slots)
        self.load: dict[Hall, int] = {h: booked for h, (booked, _) in totals.items()}
        self.capacity: dict[Hall, int] = {h: capacity for h, (_, capacity) in totals.items()}

    def options(self, request: Request, weights: Weights) -> list[tuple[float, _Band]]:
        """The request's (office, day, band) options, cheapest first. Not kept per kind of
        request: at 100,000 requests most kinds are met once, and keeping their lists cost
        200 MB for a few seconds saved."""
        preferred = None if request.time_of_day is None else TIME_BANDS.index(request.time_of_day)
        found = []
        for cand in normalise(request.offices):
            for day in days_between(request.first_day, request.last_day):
                trip = preference_cost(cand.distance_km, (day - request.first_day).days, 0, weights)
                for band in range(len(TIME_BANDS)):
                    where = (cand.office_id, request.service, day, band)
                    if where in self.slots:
                        steps = 0 if preferred is None else abs(band - preferred)
                        found.append((trip + weights.time_of_day_mismatch * steps, where))
        found.sort(key=lambda option: option[0])
        return found

    def utilisation(self, slot: SlotCapacity) -> float:
        hall = hall_of(slot)
        return self.load[hall] / self.capacity[hall] if self.capacity[hall] else float("inf")

    def take(self, slot: SlotCapacity) -> None:
        self.room[slot.key] -= 1
        self.band_room[(slot.office_id, slot.service, slot.day, _band_of(slot))] -= 1
        self.load[hall_of(slot)] += 1

    def cheapest(self, request: Request, weights: Weights) -> SlotCapacity | None:
        """The slot with room where the request pays least, the emptiest hall among equals."""
        best: SlotCapacity | None = None
        best_cost = float("inf")
        best_use = float("inf")
        for cost, where in self.options(request, weights):
            if cost > best_cost + TIE:
                break
            if self.band_room[where] <= 0:
                continue
            best_cost = min(best_cost, cost)
            for s in self.slots[where]:
                if self.room[s.key] > 0 and self.utilisation(s) < best_use:
                    best, best_use = s, self.utilisation(s)
        return best


def cheapest_first(problem: Problem) -> Solution:
    """Place each request in order at its cheapest slot with room by the objective's preference
    cost, ties to the emptiest hall (the hall's utilisation before it comes); a chain at its
    option of least preference cost (its trip's, paid once, as the objective counts it), ties to
    the option whose visits add the least crowding."""
    weights = problem.weights
    bands = _Bands(problem.slots)
    with_chains = any(r.is_chain for r in problem.requests)
    tie_weights = replace(weights, crowding=CHAIN_TIE_WEIGHT)
    chains = ChainPlanner(problem.slots, tie_weights) if with_chains else None
    by_key = {s.key: s for s in problem.slots}

    def chain(request: Request) -> Assignment | None:
        assert chains is not None
        option = chains.cheapest(request)
        if option is None:
            return None
        placed = chains.place(option, request)
        for key in placed.slot_keys:
            bands.take(by_key[key])
        return placed

    def single(request: Request) -> tuple[str | None, bool]:
        slot = bands.cheapest(request, weights)
        if slot is None:
            exists = any(
                (c.office_id, request.service, day) in bands.pools
                for c in request.offices
                for day in days_between(request.first_day, request.last_day)
            )
            return None, exists
        bands.take(slot)
        return slot.key, True

    return _in_arrival_order(problem, chains, chain, single)
