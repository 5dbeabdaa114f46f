"""Erlang C: the stationary M/M/c queue, the theory the simulation is checked against and the
staffing advice is built on.

Arrivals are Poisson at rate λ, service times exponential with mean 1/μ, c identical counters
and one first-come-first-served line. With the offered load a = λ/μ and the occupancy ρ = a/c < 1:

    P(wait) = C(c, a) = B(c, a) / (1 − ρ·(1 − B(c, a)))        (B: Erlang B, by its recursion)
    E[wait] = C(c, a) / (c·μ − λ)
    P(wait ≤ t) = 1 − C(c, a)·exp(−(c·μ − λ)·t)                 (the service level)

Rates and times are in any one unit (the callers use minutes). At ρ ≥ 1 the line grows without
bound: every arrival waits, the mean wait is infinite and no service level is met.
"""

from __future__ import annotations

import math

DEFAULT_TARGET = 0.8
"""The default service level: 80 % of people called ..."""
DEFAULT_WITHIN_MINUTES = 15.0
"""... within 15 minutes."""


def _check(arrival_rate: float, service_time: float, counters: int) -> None:
    if arrival_rate < 0 or service_time <= 0 or counters < 0:
        raise ValueError("arrival rate ≥ 0, service time > 0 and counters ≥ 0 are required")


def erlang_b(counters: int, offered_load: float) -> float:
    """The blocking probability of c servers without a queue, by the stable recursion
    B(k) = a·B(k−1) / (k + a·B(k−1)), B(0) = 1."""
    blocking = 1.0
    for k in range(1, counters + 1):
        blocking = offered_load * blocking / (k + offered_load * blocking)
    return blocking


def erlang_c(counters: int, offered_load: float) -> float:
    """The probability that an arrival waits at all: C(c, a); 1 when ρ = a/c ≥ 1."""
    if offered_load <= 0:
        return 0.0
    if counters <= 0 or offered_load >= counters:
        return 1.0
    blocking = erlang_b(counters, offered_load)
    occupancy = offered_load / counters
    return blocking / (1 - occupancy * (1 - blocking))


def mean_wait(arrival_rate: float, service_time: float, counters: int) -> float:
    """The stationary mean wait before being called, in the unit of ``service_time``."""
    _check(arrival_rate, service_time, counters)
    if arrival_rate == 0:
        return 0.0
    capacity = counters / service_time
    if arrival_rate >= capacity:
        return math.inf
    return erlang_c(counters, arrival_rate * service_time) / (capacity - arrival_rate)


def service_level(arrival_rate: float, service_time: float, counters: int, within: float) -> float:
    """The stationary share of people called within ``within`` of arriving."""
    _check(arrival_rate, service_time, counters)
    if arrival_rate == 0:
        return 1.0
    capacity = counters / service_time
    if arrival_rate >= capacity:
        return 0.0
    waits = erlang_c(counters, arrival_rate * service_time)
    return 1 - waits * math.exp(-(capacity - arrival_rate) * within)


def counters_needed(
    arrival_rate: float,
    service_time: float,
    target: float = DEFAULT_TARGET,
    within: float = DEFAULT_WITHIN_MINUTES,
) -> int:
    """The fewest counters that call ``target`` of the people within ``within`` (default: 80 %
    within 15 minutes, rates per minute); 0 when nobody comes."""
    _check(arrival_rate, service_time, 0)
    if not 0 < target < 1:
        raise ValueError("the target share lies strictly between 0 and 1")
    if arrival_rate == 0:
        return 0
    counters = math.floor(arrival_rate * service_time) + 1  # the fewest that keep ρ < 1
    while service_level(arrival_rate, service_time, counters, within) < target:
        counters += 1
    return counters
