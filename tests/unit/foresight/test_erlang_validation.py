"""The simulated M/M/c hall waits as long as Erlang C says, from light to heavy load (ρ ≥ 0.9).

Each case is a long day (the stationary formula's assumption; its first fifth left out as
warm-up) run ten times. The formula must lie within the 95 % confidence interval of the
simulated mean wait, and that interval must be narrow enough to mean something (under 40 % of
the wait), so a hall that is merely noisy cannot pass. The seed is fixed, so the test is
deterministic; it was chosen once, not tuned. About 240 000 simulated people in all: a few
seconds of CPU.
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

import pytest

from foresight.erlang import mean_wait
from foresight.validation import Check, check_mmc

CASES = [
    # arrivals per hour, service minutes, counters, people per replication   (ρ)
    (5.0, 6.0, 1, 2000),  # 0.50
    (16.0, 6.0, 2, 4000),  # 0.80
    (9.0, 6.0, 1, 6000),  # 0.90
    (45.0, 6.0, 5, 6000),  # 0.90
    (90.0, 6.0, 10, 6000),  # 0.90
]


@cache
def checked(arrivals_per_hour: float, service_minutes: float, counters: int, people: int) -> Check:
    return check_mmc(arrivals_per_hour, service_minutes, counters, people, replications=10, seed=13)


@pytest.mark.parametrize(("arrivals_per_hour", "service_minutes", "counters", "people"), CASES)
def test_simulated_mean_wait_agrees_with_erlang_c(
    arrivals_per_hour: float, service_minutes: float, counters: int, people: int
) -> None:
    check = checked(arrivals_per_hour, service_minutes, counters, people)
    simulated = check.simulated
    assert check.agrees, (
        f"ρ={check.occupancy:.2f}: {simulated.mean:.3f} ± {simulated.ci95:.3f} vs {check.erlang_c:.3f}"
    )
    assert simulated.ci95 < 0.4 * check.erlang_c


def test_the_check_tells_a_hall_apart_from_the_formula_of_another() -> None:
    """It has teeth: two counters' simulated waits disagree with the formula for three, and
    with the formula for a 10 % longer service."""
    check = checked(*CASES[1])
    assert check.agrees
    assert not replace(check, erlang_c=mean_wait(16.0 / 60, 6.0, 3)).agrees
    assert not replace(check, erlang_c=mean_wait(16.0 / 60, 6.6, 2)).agrees
