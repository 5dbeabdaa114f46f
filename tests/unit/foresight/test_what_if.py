"""A manager's what-if in clock times becomes one scenario of counters; a change that cannot
apply to the day is refused with the rule it breaks."""

from __future__ import annotations

from datetime import time

import pytest

from foresight.scenarios import PLANNED, WALK_IN_FCFS, WALK_IN_SAME_TIMES
from foresight.what_if import (
    ADD,
    CLOSE,
    REMOVE,
    WHAT_IF,
    Change,
    ChangeRefused,
    opening,
    simulated_day,
    what_if,
)
from tests.unit.foresight.test_scenarios import small_day

CAIRO = "Africa/Cairo"  # OPENS is 08:00 there; small_day closes four hours later


def test_the_days_opening_reads_in_the_offices_clock() -> None:
    hours = opening(small_day(), CAIRO)
    assert (hours.opens, hours.closes) == (time(8, 0), time(12, 0))


def test_a_counter_added_from_nine_to_eleven_is_open_from_the_first_to_the_third_hour() -> None:
    scenario = what_if(small_day(), [Change(ADD, time(9), time(11), services=("b",))], CAIRO)
    extra = scenario.counters[-1]
    assert scenario.name == WHAT_IF
    assert (extra.id, extra.shifts, extra.services) == ("extra-1", ((60.0, 180.0),), frozenset({"b"}))


def test_changes_add_up_and_two_added_counters_keep_apart() -> None:
    changes = [
        Change(ADD, time(8), time(10)),
        Change(ADD, time(10), time(12)),
        Change(REMOVE, time(9), time(10), counter="1"),
        Change(CLOSE, counter="2"),
    ]
    counters = {c.id: c for c in what_if(small_day(), changes, CAIRO).counters}
    assert counters["extra-1"].shifts == ((0.0, 120.0),) and counters["extra-2"].shifts == ((120.0, 240.0),)
    assert counters["1"].shifts == ((0.0, 60.0), (120.0, 240.0))
    assert counters["2"].shifts == ()


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (Change(ADD, time(7), time(9)), "hours_outside_opening"),
        (Change(ADD, time(11), time(13)), "hours_outside_opening"),
        (Change(REMOVE, time(10), time(9)), "hours_outside_opening"),
        (Change(ADD), "invalid_change"),
        (Change(CLOSE, counter="9"), "unknown_counter"),
        (Change(CLOSE), "unknown_counter"),
        (Change(REMOVE, time(9), time(10), counter="9"), "unknown_counter"),
        (Change(ADD, time(9), time(10), services=("nothing-here",)), "invalid_counter_services"),
        (Change(ADD, time(9), time(10), services=()), "invalid_counter_services"),
    ],
)
def test_a_change_that_cannot_apply_says_why(change: Change, reason: str) -> None:
    with pytest.raises(ChangeRefused) as refused:
        what_if(small_day(), [change], CAIRO)
    assert refused.value.reason == reason


def test_a_change_reads_back_as_the_manager_wrote_it() -> None:
    change = Change(ADD, time(9, 30), time(11), services=("a",))
    assert change.to_json() == {"kind": ADD, "from": "09:30", "to": "11:00", "services": ["a"]}
    assert Change(CLOSE, counter="2").to_json() == {"kind": CLOSE, "counter": "2"}


def test_without_changes_the_day_is_the_plan_beside_the_walk_in_hall() -> None:
    answer = simulated_day(small_day(), [], CAIRO, replications=3)
    assert set(answer["scenarios"]) == {PLANNED, WALK_IN_FCFS, WALK_IN_SAME_TIMES}
    assert (answer["opens"], answer["closes"], answer["what_if_mean_wait_change"]) == ("08:00", "12:00", None)
    assert answer["what_if_staffing"] is None
    assert {h["starts"] for h in answer["staffing"]["hours"]} == {"08:00", "09:00", "10:00", "11:00"}


@pytest.mark.parametrize(("seed", "start"), [(0, 8), (1, 9), (2, 10), (3, 11)])
def test_a_counter_more_never_lengthens_the_mean_wait(seed: int, start: int) -> None:
    """Common random numbers: the same people, one counter more for an hour."""
    answer = simulated_day(small_day(), [Change(ADD, time(start), time(start + 1))], CAIRO, 4, seed)
    planned, more = (answer["scenarios"][name]["mean_wait_minutes"] for name in (PLANNED, WHAT_IF))
    assert more <= planned + 1e-9
    assert answer["what_if_mean_wait_change"] is None or answer["what_if_mean_wait_change"] <= 1e-9
