"""Seeded national-scale instances: offices over Egypt's governorates, requests with realistic skew.

Used by the benchmark, the `mawid optimise --generate N` command and the tests. The
skew is what makes the comparison honest: most citizens want the first day and the morning, and
everyone in a district has the same nearest office, so first-come-first-served piles them into
the early slots of that office while other offices and later hours stay half empty.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kernel.geo import haversine_km
from kernel.time_of_day import TimeOfDay
from scheduler.egypt import KINDS, PLACES
from scheduler.problem import Candidate, Problem, Request, SlotCapacity, Weights

SERVICE_SHARE = {s: share for _, services in KINDS.values() for s, share in services.items()}
TIMES_OF_DAY: tuple[tuple[TimeOfDay | None, float], ...] = (
    (None, 0.40),
    ("morning", 0.35),
    ("midday", 0.15),
    ("afternoon", 0.10),
)
# Most citizens want the first day; a flexible request is flexible (someone who needs one fixed
# day at one office books it directly), but not endlessly: windows of 1–5 days, 1–4 offices.
FIRST_DAY_OFFSETS = ((0, 0.50), (1, 0.25), (2, 0.15), (3, 0.10))
WINDOW_DAYS = ((1, 0.10), (2, 0.20), (3, 0.25), (4, 0.20), (5, 0.25))
OFFICES_ACCEPTED = ((1, 0.10), (2, 0.25), (3, 0.30), (4, 0.35))


def _draw(table: Sequence[tuple[int, float]], n: int, rng: random.Random) -> list[int]:
    return rng.choices([v for v, _ in table], [w for _, w in table], k=n)


@dataclass(frozen=True)
class InstanceSpec:
    """What to generate. Capacity is sized for `design_requests` (a busy national week), so a
    smaller `requests` is a quiet week on the same offices, not a smaller country."""

    requests: int = 100_000
    offices: int = 300
    days: int = 5
    first_day: date = date(2026, 12, 6)  # a Sunday; the working week is Sunday–Thursday
    opening_minute: int = 8 * 60
    closing_minute: int = 15 * 60
    slot_minutes: int = 15
    design_requests: int = 100_000
    target_load: float = 0.40  # share of capacity the design week's requests need
    booked_share: float = 0.25  # share of capacity direct bookings already hold, on average
    max_direct_share: float = 0.6  # direct bookings stop there; the rest is held for the batch
    districts_per_governorate: int = 8
    max_candidates: int = 4
    seed: int = 0
    chain_share: float = 0.0  # requests for two or three services of one office kind (one trip)


@dataclass(frozen=True, slots=True)
class Office:
    id: str
    governorate: str
    lat: float
    lon: float
    services: tuple[str, ...]
    staffing: float  # staff for its catchment, give or take ~25%: some offices run busier


@dataclass(frozen=True)
class Instance:
    problem: Problem
    offices: tuple[Office, ...]
    days: tuple[date, ...]


def working_days(first_day: date, count: int) -> tuple[date, ...]:
    """The next `count` Sunday–Thursday dates from `first_day` (holidays are not modelled)."""
    days: list[date] = []
    day = first_day
    while len(days) < count:
        if day.weekday() not in (4, 5):  # Friday, Saturday
            days.append(day)
        day += timedelta(days=1)
    return tuple(days)


def _offices(spec: InstanceSpec, rng: random.Random) -> list[Office]:
    total_pop = sum(g[3] for g in PLACES)
    per_gov = [max(2, round(spec.offices * g[3] / total_pop)) for g in PLACES]
    while sum(per_gov) > spec.offices:  # trim the biggest until the count is exact
        per_gov[per_gov.index(max(per_gov))] -= 1
    while sum(per_gov) < spec.offices:
        per_gov[per_gov.index(max(per_gov))] += 1
    kinds = list(KINDS)
    offices = []
    for g, ((name, lat, lon, _), count) in enumerate(zip(PLACES, per_gov, strict=True)):
        for n in range(count):
            # The first offices of a governorate rotate through the kinds (so even a small
            # country has every kind somewhere); the rest follow the national mix.
            if n < len(kinds):
                kind = kinds[(g + n) % len(kinds)]
            else:
                kind = rng.choices(kinds, [k[0] for k in KINDS.values()])[0]
            offices.append(
                Office(
                    id=f"{name}-{kind}-{n + 1}",
                    governorate=name,
                    lat=lat + rng.gauss(0, 0.12),
                    lon=lon + rng.gauss(0, 0.12),
                    services=tuple(KINDS[kind][1]),
                    staffing=rng.lognormvariate(0, 0.25),
                )
            )
    return offices


def _catchment(
    districts: Sequence[tuple[float, float, float]],
    nearest: dict[tuple[int, str], tuple[Candidate, ...]],
) -> dict[tuple[str, str], float]:
    """Share of the national demand for each service an office can expect, most of a district
    going to its nearest office: the ministry staffs offices for the demand they see."""
    split = (0.55, 0.25, 0.12, 0.08)
    total = sum(d[2] for d in districts)
    share: dict[tuple[str, str], float] = defaultdict(float)
    for (d, service), candidates in nearest.items():
        weights = split[: len(candidates)]
        for cand, w in zip(candidates, weights, strict=False):
            share[(cand.office_id, service)] += districts[d][2] / total * w / sum(weights)
    return share


def _slots(
    spec: InstanceSpec,
    offices: list[Office],
    days: tuple[date, ...],
    catchment: dict[tuple[str, str], float],
    rng: random.Random,
) -> list[SlotCapacity]:
    """Capacity per slot sized so the design week needs `target_load` of it at each office,
    give or take its staffing; direct bookings lean to the first day and the morning."""
    starts = range(spec.opening_minute, spec.closing_minute, spec.slot_minutes)
    slots_per_office = len(days) * len(starts)
    slots = []
    for o in offices:
        for service in o.services:
            expected = SERVICE_SHARE[service] * spec.design_requests * catchment[(o.id, service)]
            per_slot = expected * o.staffing / spec.target_load / slots_per_office
            per_slot /= 1 - spec.booked_share  # direct bookings come on top
            for d, day in enumerate(days):
                for start in starts:
                    capacity = max(1, int(per_slot + rng.random()))
                    lean = 1.5 - d / max(1, len(days) - 1) + (0.3 if start < 11 * 60 else -0.1)
                    booked = sum(rng.random() < spec.booked_share * lean for _ in range(capacity))
                    booked = min(booked, int(capacity * spec.max_direct_share))
                    key = f"{o.id}/{service}/{day.isoformat()}/{start // 60:02d}:{start % 60:02d}"
                    slots.append(SlotCapacity(key, o.id, service, day, start, capacity, booked))
    return slots


def _districts(spec: InstanceSpec, rng: random.Random) -> list[tuple[float, float, float]]:
    """Where requests come from: a few points around each capital, weighted by population."""
    found = []
    for _, lat, lon, population in PLACES:
        for _ in range(spec.districts_per_governorate):
            weight = population * rng.uniform(0.5, 1.5)
            found.append((lat + rng.gauss(0, 0.15), lon + rng.gauss(0, 0.15), weight))
    return found


def _nearest_offices(
    districts: Sequence[tuple[float, float, float]], offices: Sequence[Office], limit: int
) -> dict[tuple[int, str], tuple[Candidate, ...]]:
    """Per (district, service): up to `limit` nearest offices offering the service that a
    citizen there would consider: within 40 km, or not much farther than the nearest."""
    nearest = {}
    for d, (lat, lon, _) in enumerate(districts):
        distance = {o.id: round(haversine_km(lat, lon, o.lat, o.lon), 1) for o in offices}
        for service in SERVICE_SHARE:
            offering = sorted((distance[o.id], o.id) for o in offices if service in o.services)
            reach = max(40.0, 1.5 * offering[0][0]) if offering else 0.0
            nearest[(d, service)] = tuple(Candidate(oid, km) for km, oid in offering[:limit] if km <= reach)
    return nearest


def _requests(
    spec: InstanceSpec,
    districts: Sequence[tuple[float, float, float]],
    nearest: dict[tuple[int, str], tuple[Candidate, ...]],
    days: tuple[date, ...],
    rng: random.Random,
) -> list[Request]:
    n = spec.requests
    homes = rng.choices(range(len(districts)), [d[2] for d in districts], k=n)
    services = rng.choices(list(SERVICE_SHARE), list(SERVICE_SHARE.values()), k=n)
    how_many = _draw(OFFICES_ACCEPTED, n, rng)
    starts = [min(s, len(days) - 1) for s in _draw(FIRST_DAY_OFFSETS, n, rng)]
    lengths = _draw(WINDOW_DAYS, n, rng)
    times = rng.choices([t for t, _ in TIMES_OF_DAY], [w for _, w in TIMES_OF_DAY], k=n)
    eligible = [rng.random() >= 0.01 for _ in range(n)]
    requests = []
    for i in range(n):
        accepted = nearest[(homes[i], services[i])][: how_many[i]]
        last = min(starts[i] + lengths[i] - 1, len(days) - 1)
        requests.append(
            Request(
                f"req-{i:06d}",
                services[i],
                accepted,
                days[starts[i]],
                days[last],
                times[i],
                eligible[i],
            )
        )
    return _chains(spec, requests) if spec.chain_share > 0 else requests


def _chains(spec: InstanceSpec, requests: list[Request]) -> list[Request]:
    """Turn `chain_share` of the requests into chains: one or two more services of the kind of
    office that serves the first (every office of a kind offers all its services, so the offices
    accepted stay right). A separate random stream keeps the rest of the instance as without."""
    rng = random.Random(f"{spec.seed}-chains")
    kind_of = {s: services for _, services in KINDS.values() for s in services}
    found = []
    for r in requests:
        if rng.random() < spec.chain_share:
            others = [s for s in kind_of[r.service] if s != r.service]
            later = rng.sample(others, k=min(len(others), rng.choice((1, 1, 2))))
            r = replace(r, later_services=tuple(later))
        found.append(r)
    return found


def generate(spec: InstanceSpec | None = None, weights: Weights | None = None) -> Instance:
    """A reproducible instance: the same spec (and seed) always gives the same problem."""
    spec = spec or InstanceSpec()
    rng = random.Random(spec.seed)
    days = working_days(spec.first_day, spec.days)
    offices = _offices(spec, rng)
    districts = _districts(spec, rng)
    nearest = _nearest_offices(districts, offices, spec.max_candidates)
    slots = _slots(spec, offices, days, _catchment(districts, nearest), rng)
    requests = _requests(spec, districts, nearest, days, rng)
    problem = Problem(requests, slots, weights or Weights())
    return Instance(problem, tuple(offices), days)
