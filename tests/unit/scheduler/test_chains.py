"""Chains — one trip, several services: placed as one unit by the optimiser and the greedy
baseline, checked by the verifier (which must catch a chain broken on purpose), priced seat by
seat, and bounded."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from itertools import pairwise

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduler.assign import assign
from scheduler.bounds import lower_bound
from scheduler.costs import evaluate, hall_crowding
from scheduler.greedy import first_come_first_served
from scheduler.metrics import measure
from scheduler.problem import Candidate, Problem, Request, SlotCapacity, Weights
from scheduler.solution import NO_CAPACITY, NO_ELIGIBLE_SLOT, NOT_ELIGIBLE, Assignment, Solution
from scheduler.verify import verify
from tests.unit.scheduler.factories import MONDAY, SUNDAY

PASSPORT, RECORD, CIVIL = "passport-renewal", "criminal-record-certificate", "civil-certificate"
EIGHT = 8 * 60


def grid(
    office: str = "giza",
    services: tuple[str, ...] = (PASSPORT, RECORD),
    starts: tuple[int, ...] = (EIGHT, EIGHT + 15, EIGHT + 30),
    capacity: int = 1,
    booked: dict[str, int] | None = None,
    day: date = SUNDAY,
) -> list[SlotCapacity]:
    """Every service at every start of a 15-minute grid; keys like ``giza/passport-renewal/480``."""
    booked = booked or {}
    slots = []
    for service in services:
        for start in starts:
            key = f"{office}/{service}/{day}/{start}"
            slots.append(SlotCapacity(key, office, service, day, start, capacity, booked.get(key, 0), 15))
    return slots


def chain(
    request_id: str,
    services: tuple[str, ...] = (PASSPORT, RECORD),
    offices: tuple[tuple[str, float], ...] = (("giza", 5.0),),
    last: date = SUNDAY,
    eligible: bool = True,
) -> Request:
    return Request(
        request_id,
        services[0],
        tuple(Candidate(o, km) for o, km in offices),
        SUNDAY,
        last,
        None,
        eligible,
        services[1:],
    )


def answer(*assignments: Assignment, unassigned: dict[str, str] | None = None) -> Solution:
    return Solution(list(assignments), unassigned or {}, 0.0, 0.0, 0.0)


def codes(problem: Problem, solution: Solution) -> list[str]:
    return sorted(v.code for v in verify(problem, solution))


# --- the optimiser places a chain as one unit -------------------------------------------------


def test_a_chain_takes_consecutive_slots_of_its_services_in_order() -> None:
    p = Problem([chain("c", (RECORD, PASSPORT))], grid())

    result = assign(p)

    (placed,) = result.assignments
    assert placed.slot_keys == (f"giza/{RECORD}/{SUNDAY}/{EIGHT}", f"giza/{PASSPORT}/{SUNDAY}/{EIGHT + 15}")
    assert verify(p, result) == []


def test_a_chain_goes_where_its_halls_are_emptiest() -> None:
    # 8:00 and 8:15 are half full of direct bookings; 8:15–8:30 still has one, 8:30 none.
    busy = {f"giza/{CIVIL}/{SUNDAY}/{EIGHT}": 1, f"giza/{CIVIL}/{SUNDAY}/{EIGHT + 15}": 1}
    slots = grid(
        services=(PASSPORT, RECORD, CIVIL), starts=(EIGHT, EIGHT + 15, EIGHT + 30, EIGHT + 45), booked=busy
    )
    p = Problem([chain("c")], slots)

    (placed,) = assign(p).assignments

    assert placed.slot_keys == (
        f"giza/{PASSPORT}/{SUNDAY}/{EIGHT + 30}",
        f"giza/{RECORD}/{SUNDAY}/{EIGHT + 45}",
    )


def test_a_chain_whose_next_service_is_full_is_not_split() -> None:
    full = {f"giza/{RECORD}/{SUNDAY}/{EIGHT + 15}": 1, f"giza/{RECORD}/{SUNDAY}/{EIGHT + 30}": 1}
    p = Problem(
        [chain("c"), Request("single", PASSPORT, (Candidate("giza", 5.0),), SUNDAY, SUNDAY)],
        grid(booked=full),
    )

    result = assign(p)

    assert result.unassigned == {"c": NO_CAPACITY}
    assert [a.request_id for a in result.assignments] == ["single"]
    assert verify(p, result) == []


def test_a_chain_never_back_to_back_anywhere_has_no_eligible_slot() -> None:
    # The second service is only offered at 9:00, after a gap in the office's grid.
    slots = [
        *grid(services=(PASSPORT,), starts=(EIGHT, EIGHT + 15)),
        *grid(services=(RECORD,), starts=(9 * 60,)),
    ]
    p = Problem([chain("c"), chain("stranger", eligible=False)], slots)

    result = assign(p)

    assert result.unassigned == {"c": NO_ELIGIBLE_SLOT, "stranger": NOT_ELIGIBLE}
    assert first_come_first_served(p).unassigned == result.unassigned


def test_single_requests_fill_round_the_chains_seats() -> None:
    singles = [Request(f"s{i}", RECORD, (Candidate("giza", 5.0),), SUNDAY, SUNDAY) for i in range(2)]
    p = Problem([*singles, chain("c")], grid())

    result = assign(p)

    assert result.placed == 3
    assert verify(p, result) == []
    seats = Counter(k for a in result.assignments for k in a.slot_keys)
    assert max(seats.values()) == 1


def test_every_visit_of_a_chain_counts_in_its_hall() -> None:
    slots = grid(capacity=2)
    p = Problem([chain("c")], slots)
    placed = Assignment("c", slots[0].key, (slots[4].key,))  # passport 8:00, record 8:15

    costs = evaluate(
        {"c": p.requests[0]},
        {s.key: s for s in slots},
        [("c", placed.slot_key)],
        p.weights,
        placed.later_slot_keys,
    )
    metrics = measure(p, answer(placed))

    assert costs.crowding == hall_crowding(1, 4) + hall_crowding(1, 4)
    assert costs.preference == p.weights.per_km * 5.0  # one trip, paid once
    assert metrics.peak_utilisation == 0.25


def test_a_chain_goes_further_rather_than_above_the_lowest_peak() -> None:
    # Both near halls are half full of direct bookings (the peak they alone cause); travel is
    # all that costs. The chain would rather go near, but that puts both near halls at 100 %.
    busy = {f"near/{CIVIL}/{SUNDAY}/{EIGHT}": 1, f"near/{CIVIL}/{SUNDAY}/{EIGHT + 15}": 1}
    slots = [
        *grid("near", (PASSPORT, RECORD, CIVIL), (EIGHT, EIGHT + 15), booked=busy),
        *grid("far", (PASSPORT, RECORD, CIVIL), (EIGHT, EIGHT + 15)),
    ]
    p = Problem(
        [chain("c", offices=(("near", 1.0), ("far", 30.0)))], slots, Weights(crowding=0.0, per_km=1.0)
    )

    result = assign(p)

    (placed,) = result.assignments
    assert placed.slot_keys == (f"far/{PASSPORT}/{SUNDAY}/{EIGHT}", f"far/{RECORD}/{SUNDAY}/{EIGHT + 15}")
    assert result.stats.peak_cap == result.stats.demand_cap == 1 / 3
    assert result.stats.chains_above_cap == 0
    assert measure(p, result).peak_utilisation == 1 / 3


def test_a_chain_that_fits_nowhere_under_the_cap_is_placed_and_counted() -> None:
    # As free seats, the chain's two visits could both sit in the big 8:00 hall (2 of 5, the
    # lowest peak), but back to back its record visit must be at 8:15, in a hall of 2. Placing
    # it comes before the peak: it goes there, and the answer says a chain passed the cap.
    def at(service: str, start: int, capacity: int) -> SlotCapacity:
        return SlotCapacity(f"{service}/{start}", "giza", service, SUNDAY, start, capacity, 0, 15)

    slots = [at(PASSPORT, EIGHT, 1), at(RECORD, EIGHT, 1), at(CIVIL, EIGHT, 3), at(PASSPORT, EIGHT + 15, 1)]
    slots.append(at(RECORD, EIGHT + 15, 1))
    p = Problem([chain("c")], slots)

    result = assign(p)

    (placed,) = result.assignments
    assert placed.slot_keys == (f"{PASSPORT}/{EIGHT}", f"{RECORD}/{EIGHT + 15}")
    assert result.stats.peak_cap == result.stats.demand_cap == 2 / 5
    assert result.stats.chains_above_cap == 1
    assert measure(p, result).peak_utilisation == 1 / 2
    assert verify(p, result) == []


def test_the_greedy_baseline_places_a_chain_at_its_nearest_office_earliest_start() -> None:
    slots = [*grid("near"), *grid("far")]
    p = Problem([chain("c", offices=(("far", 30.0), ("near", 2.0)))], slots)

    (placed,) = first_come_first_served(p).assignments

    assert placed.slot_keys == (f"near/{PASSPORT}/{SUNDAY}/{EIGHT}", f"near/{RECORD}/{SUNDAY}/{EIGHT + 15}")


# --- the verifier catches chains broken on purpose --------------------------------------------


def _chain_problem() -> tuple[Problem, dict[tuple[str, str, int], str]]:
    slots = [*grid("giza"), *grid("cairo"), *grid("giza", day=MONDAY)]
    keys = {(s.office_id, s.service, s.start_minute): s.key for s in slots if s.day == SUNDAY}
    offices = (("giza", 5.0), ("cairo", 9.0))
    return Problem([chain("c", offices=offices, last=MONDAY)], slots), keys


def test_a_correct_chain_verifies() -> None:
    p, k = _chain_problem()

    assert (
        codes(p, answer(Assignment("c", k[("giza", PASSPORT, EIGHT)], (k[("giza", RECORD, EIGHT + 15)],))))
        == []
    )


def test_a_split_chain_is_caught() -> None:
    p, k = _chain_problem()

    assert codes(p, answer(Assignment("c", k[("giza", PASSPORT, EIGHT)]))) == ["chain_split"]


def test_a_chain_at_two_offices_is_caught() -> None:
    p, k = _chain_problem()

    broken = Assignment("c", k[("giza", PASSPORT, EIGHT)], (k[("cairo", RECORD, EIGHT + 15)],))
    assert codes(p, answer(broken)) == ["chain_apart"]


def test_a_chain_on_two_days_is_caught() -> None:
    p, k = _chain_problem()
    monday = next(
        s.key for s in p.slots if s.day == MONDAY and s.service == RECORD and s.start_minute == EIGHT + 15
    )

    assert codes(p, answer(Assignment("c", k[("giza", PASSPORT, EIGHT)], (monday,)))) == ["chain_apart"]


def test_a_chain_with_a_gap_is_caught() -> None:
    p, k = _chain_problem()

    broken = Assignment("c", k[("giza", PASSPORT, EIGHT)], (k[("giza", RECORD, EIGHT + 30)],))
    assert codes(p, answer(broken)) == ["chain_not_consecutive"]


def test_a_chain_in_the_wrong_order_is_caught() -> None:
    p, k = _chain_problem()

    broken = Assignment("c", k[("giza", RECORD, EIGHT)], (k[("giza", PASSPORT, EIGHT + 15)],))
    assert codes(p, answer(broken)) == ["wrong_service", "wrong_service"]


def test_a_chain_going_backwards_is_caught() -> None:
    p, k = _chain_problem()

    broken = Assignment("c", k[("giza", PASSPORT, EIGHT + 15)], (k[("giza", RECORD, EIGHT)],))
    assert codes(p, answer(broken)) == ["chain_not_consecutive"]


def test_a_chains_later_seat_counts_against_capacity() -> None:
    p, k = _chain_problem()
    single = Request("s", RECORD, (Candidate("giza", 5.0),), SUNDAY, SUNDAY)
    p = Problem([*p.requests, single], p.slots)
    record = k[("giza", RECORD, EIGHT + 15)]

    broken = answer(Assignment("c", k[("giza", PASSPORT, EIGHT)], (record,)), Assignment("s", record))
    assert codes(p, broken) == ["over_capacity"]


def test_a_single_request_given_later_visits_is_caught() -> None:
    p, k = _chain_problem()
    single = Request("s", PASSPORT, (Candidate("giza", 5.0),), SUNDAY, SUNDAY)
    p = Problem([single], p.slots)

    broken = Assignment("s", k[("giza", PASSPORT, EIGHT)], (k[("giza", RECORD, EIGHT + 15)],))
    assert codes(p, answer(broken)) == ["chain_split"]


def test_a_request_naming_a_service_twice_is_refused() -> None:
    try:
        chain("c", (PASSPORT, PASSPORT))
    except ValueError as e:
        assert "once" in str(e)
    else:  # pragma: no cover - the test fails here
        raise AssertionError("a chain naming a service twice was accepted")


# --- properties on random small instances with chains -----------------------------------------

OFFICES = ("a", "b")
SERVICES = (PASSPORT, RECORD, CIVIL)
STARTS = tuple(EIGHT + 15 * i for i in range(5))
DAYS = (SUNDAY, SUNDAY + timedelta(days=1))


@st.composite
def chain_problems(draw: st.DrawFn) -> Problem:
    """A 15-minute grid with holes (some slots missing), random room, and requests of one to
    three services."""
    slots = [
        SlotCapacity(f"{o}/{s}/{d}/{t}", o, s, d, t, draw(st.integers(0, 2)), draw(st.integers(0, 1)), 15)
        for o in OFFICES
        for s in SERVICES
        for d in DAYS
        for t in STARTS
        if draw(st.integers(0, 5)) > 0
    ]
    requests = []
    for i in range(draw(st.integers(0, 12))):
        services = draw(st.lists(st.sampled_from(SERVICES), min_size=1, max_size=3, unique=True))
        offices = draw(st.lists(st.sampled_from(OFFICES), min_size=1, max_size=2, unique=True))
        first = draw(st.integers(0, 1))
        requests.append(
            Request(
                f"r{i}",
                services[0],
                tuple(Candidate(o, draw(st.integers(0, 40)) / 2) for o in offices),
                DAYS[first],
                DAYS[draw(st.integers(first, 1))],
                draw(st.sampled_from([None, "morning", "midday"])),
                draw(st.booleans() | st.just(True)),
                tuple(services[1:]),
            )
        )
    weights = Weights(
        crowding=draw(st.sampled_from([0.0, 1.0, 20.0])),
        per_km=draw(st.sampled_from([0.0, 0.1])),
        lowest_peak_first=draw(st.booleans()),
    )
    return Problem(requests, slots, weights)


CHAIN_SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _never_split_nor_overbooked(problem: Problem, result: Solution) -> None:
    requests = {r.id: r for r in problem.requests}
    slots = {s.key: s for s in problem.slots}
    seats: Counter[str] = Counter()
    for a in result.assignments:
        visits = [slots[k] for k in a.slot_keys]
        assert [v.service for v in visits] == list(requests[a.request_id].services)
        assert len({(v.office_id, v.day) for v in visits}) == 1
        assert all(b.start_minute == v.start_minute + v.minutes for v, b in pairwise(visits))
        seats.update(a.slot_keys)
    assert all(slots[k].booked + n <= slots[k].capacity for k, n in seats.items())
    assert set(requests) == {a.request_id for a in result.assignments} | set(result.unassigned)


@CHAIN_SETTINGS
@given(chain_problems())
def test_every_answer_with_chains_verifies_and_never_splits_a_chain(problem: Problem) -> None:
    result = assign(problem)

    assert verify(problem, result) == []
    _never_split_nor_overbooked(problem, result)
    assert result.lower_bound is not None and result.lower_bound <= result.objective + 1e-6


@CHAIN_SETTINGS
@given(chain_problems())
def test_every_greedy_answer_with_chains_verifies(problem: Problem) -> None:
    result = first_come_first_served(problem)

    assert verify(problem, result) == []
    _never_split_nor_overbooked(problem, result)


@CHAIN_SETTINGS
@given(chain_problems())
def test_the_bound_holds_for_any_answer_with_chains(problem: Problem) -> None:
    """The bound from an answer holds for every placement with as many seats per component,
    that answer among them: the chains-to-seats relaxation must not cut any of them off."""
    theirs = first_come_first_served(problem)

    assert lower_bound(problem, theirs.assignments).objective <= theirs.objective + 1e-6


def _halls_above(problem: Problem, result: Solution, cap: float) -> set[tuple[str, date, int]]:
    slots = {s.key: s for s in problem.slots}
    load: Counter[tuple[str, date, int]] = Counter()
    room: Counter[tuple[str, date, int]] = Counter()
    for s in problem.slots:
        load[(s.office_id, s.day, s.start_minute)] += s.booked
        room[(s.office_id, s.day, s.start_minute)] += s.capacity
    for a in result.assignments:
        for k in a.slot_keys:
            load[(slots[k].office_id, slots[k].day, slots[k].start_minute)] += 1
    return {h for h, n in load.items() if room[h] and n > (cap + 1e-9) * room[h]}


@CHAIN_SETTINGS
@given(chain_problems())
def test_with_chains_no_hall_passes_the_peak_found_unless_a_chain_fitted_nowhere_under_it(
    problem: Problem,
) -> None:
    """Chains respect the lowest peak as single requests do: a hall above `peak_cap` holds a
    chain that had no option under it, and the answer counts such chains."""
    result = assign(problem)
    stats = result.stats
    if stats.peak_cap is None:  # lowest peak off, or no room at all
        return

    above = _halls_above(problem, result, stats.peak_cap)
    slots = {s.key: s for s in problem.slots}
    in_above = [
        a
        for a in result.assignments
        if a.later_slot_keys
        and any((slots[k].office_id, slots[k].day, slots[k].start_minute) in above for k in a.slot_keys)
    ]
    assert stats.chains_above_cap == len(in_above)
    if not in_above:
        assert not above
        assert measure(problem, result).peak_utilisation <= stats.peak_cap + 1e-9
    assert stats.demand_cap is not None and stats.peak_cap >= stats.demand_cap - 1e-9
