"""Office-day simulation benchmark: prints figures, asserts nothing.

    .venv/bin/python -m bench.bench_simulation [--replications 200] [--office ID]

Each demo office's day is built as ``mawid simulate --office`` and the managers' simulations
build it (``foresight.day_plan``): from the six weeks of demo history ``mawid seed-demo`` writes
(``foresight.demo_history``, generated here in memory), with no bookings made yet, so the
forecast's expected bookings fill the day.

1. One demo office-day × ``--replications`` (scenarios ``planned``, ``walk_in_fcfs`` and
   ``walk_in_same_times``): wall and CPU time, peak memory (the process's maximum RSS, and how
   much this run added to it), SimPy events per second, simulated people per second.
2. A manager's what-if: the same day with one counter more for two hours (one scenario).
3. Every demo office's day (``--all-replications`` each): time, and the mean wait as planned
   beside the two walk-in-only halls with the same people (``mean_wait_reduction`` is planned vs
   ``walk_in_fcfs``, where those with a booking arrive as walk-ins do).
4. The Erlang C validation table (the cases of ``tests/unit/foresight/test_erlang_validation``).

Wall time suffers when the machine is shared; CPU time is shown beside it.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import time
from collections.abc import Callable
from datetime import date, datetime
from functools import partial
from typing import Any

from rich.console import Console
from rich.table import Table

from booking.calendar import Closure
from booking.demo import DEMO_OFFICES
from booking.offices import Office
from foresight.day_plan import plan_day
from foresight.demo_history import demo_history, past_bookings, past_tickets
from foresight.history import PastBooking, PastTicket
from foresight.office_day import OfficeDay
from foresight.scenarios import (
    PLANNED,
    WALK_IN_FCFS,
    WALK_IN_SAME_TIMES,
    Comparison,
    Scenario,
    compare,
    counter_added,
    planned,
    walk_in_fcfs,
    walk_in_same_times,
)
from foresight.validation import check_mmc

DAY = date(2026, 12, 8)  # a Tuesday, no holiday
TODAY = date(2026, 12, 6)  # the Sunday before: the history ends on Thursday the 3rd
HISTORY_WEEKS = 6  # as seed-demo writes (MAWID_DEMO_HISTORY_WEEKS)


class _Past:
    """One office's past in memory, as the ``History`` and the day-plan ports read it."""

    def __init__(self, office: Office, number: int) -> None:
        days = demo_history(office, number, TODAY, HISTORY_WEEKS)
        self._office, self._tickets, self._bookings = office, past_tickets(days), past_bookings(days)

    async def office(self, office_id: str) -> Office | None:
        return self._office if office_id == self._office.id else None

    async def closures(self, office_id: str) -> tuple[Closure, ...]:
        return ()

    async def visits_on(self, office_id: str, day: date) -> list[tuple[str, datetime, bool]]:
        return []

    async def tickets(self, office_id: str, first: date, last: date) -> list[PastTicket]:
        return [t for t in self._tickets if first <= t.day <= last]

    async def bookings(self, office_id: str, first: date, last: date) -> list[PastBooking]:
        return [b for b in self._bookings if first <= b.day <= last]


def office_day(office: Office) -> OfficeDay:
    """The office's ``DAY`` as ``foresight.day_plan`` builds it from the demo history."""
    past = _Past(office, DEMO_OFFICES.index(office))
    return asyncio.run(plan_day(office.id, DAY, past, past, past, today=TODAY)).day


def _three(day: OfficeDay) -> list[Scenario]:
    return [planned(day), walk_in_fcfs(day), walk_in_same_times(day)]


VALIDATION = [
    (5.0, 6.0, 1, 2000),
    (16.0, 6.0, 2, 4000),
    (9.0, 6.0, 1, 6000),
    (45.0, 6.0, 5, 6000),
    (90.0, 6.0, 10, 6000),
]


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(work: Callable[[], Comparison]) -> tuple[Comparison, dict[str, float]]:
    rss_before = _rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    return result, {"wall": wall, "cpu": cpu, "rss": _rss_mb(), "rss_added": _rss_mb() - rss_before}


def _people(result: Comparison) -> float:
    return (
        sum(f["served"].mean + f["never_called"].mean for f in result.scenarios.values())
        * result.replications
    )


def one_office_day(console: Console, office_id: str, replications: int) -> None:
    office = next(o for o in DEMO_OFFICES if o.id == office_id)
    day = office_day(office)
    result, cost = _timed(lambda: compare(day, _three(day), replications, seed=0))
    what_if, what_if_cost = _timed(lambda: compare(day, [counter_added(day, 2, 4)], replications, seed=0))
    table = Table(title=f"{office_id} on {DAY}: {len(day.bookings)} bookings, {len(day.counters)} counters")
    table.add_column("run")
    for column in (
        "replications",
        "wall s",
        "CPU s",
        "events",
        "events/s (CPU)",
        "people/s (CPU)",
        "max RSS MB",
        "added MB",
    ):
        table.add_column(column, justify="right")
    for label, run, spent in (
        ("planned + both walk-in halls", result, cost),
        ("what-if: +1 counter 2h–4h", what_if, what_if_cost),
    ):
        table.add_row(
            label,
            str(replications),
            f"{spent['wall']:.2f}",
            f"{spent['cpu']:.2f}",
            f"{run.events:,}",
            f"{run.events / spent['cpu']:,.0f}",
            f"{_people(run) / spent['cpu']:,.0f}",
            f"{spent['rss']:.0f}",
            f"{spent['rss_added']:.0f}",
        )
    console.print(table)
    figures = result.scenarios
    console.print(
        f"mean wait planned {figures[PLANNED]['wait.mean'].mean:.2f} min, walk-in FCFS "
        f"{figures[WALK_IN_FCFS]['wait.mean'].mean:.2f} min (same times "
        f"{figures[WALK_IN_SAME_TIMES]['wait.mean'].mean:.2f}), mean_wait_reduction "
        f"{result.mean_wait_reduction:+.1%}; the what-if's mean wait "
        f"{what_if.scenarios['counter_added_2h_4h']['wait.mean'].mean:.2f} min"
    )


def every_office(console: Console, replications: int) -> None:
    table = Table(title=f"Every demo office on {DAY}, {replications} replications each")
    for column in (
        "office",
        "bookings",
        "CPU s",
        "planned wait",
        "± 95 %",
        "appointment / walk-in",
        "FCFS wait",
        "same times",
        "reduction",
    ):
        table.add_column(column, justify="left" if column == "office" else "right")
    total_wall, total_cpu = time.perf_counter(), time.process_time()
    for office in DEMO_OFFICES:
        day = office_day(office)
        result, cost = _timed(partial(compare, day, _three(day), replications))
        mine: dict[str, Any] = result.scenarios[PLANNED]
        table.add_row(
            office.id,
            str(len(day.bookings)),
            f"{cost['cpu']:.2f}",
            f"{mine['wait.mean'].mean:.2f}",
            f"{mine['wait.mean'].ci95:.2f}",
            f"{mine['kind.appointment.mean'].mean:.2f} / {mine['kind.walk_in.mean'].mean:.2f}",
            f"{result.scenarios[WALK_IN_FCFS]['wait.mean'].mean:.2f}",
            f"{result.scenarios[WALK_IN_SAME_TIMES]['wait.mean'].mean:.2f}",
            f"{result.mean_wait_reduction:+.1%}",
        )
    console.print(table)
    console.print(
        f"all {len(DEMO_OFFICES)} offices: {time.perf_counter() - total_wall:.1f} s wall, "
        f"{time.process_time() - total_cpu:.1f} s CPU"
    )


def validation(console: Console) -> None:
    table = Table(
        title="M/M/c simulated (10 long days, first fifth warm-up) vs Erlang C, mean wait in minutes"
    )
    for column in ("λ/h", "service min", "c", "ρ", "simulated", "± 95 %", "Erlang C", "within CI"):
        table.add_column(column, justify="right")
    for arrivals, service, counters, people in VALIDATION:
        check = check_mmc(arrivals, service, counters, people, replications=10, seed=13)
        table.add_row(
            f"{arrivals:g}",
            f"{service:g}",
            str(counters),
            f"{check.occupancy:.2f}",
            f"{check.simulated.mean:.3f}",
            f"{check.simulated.ci95:.3f}",
            f"{check.erlang_c:.3f}",
            "yes" if check.agrees else "NO",
        )
    console.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--office", default="cairo-abbassia-passports")
    parser.add_argument("--replications", type=int, default=200)
    parser.add_argument("--all-replications", type=int, default=50)
    parser.add_argument("--no-validation", action="store_true")
    args = parser.parse_args()
    console = Console(width=140)
    one_office_day(console, args.office, args.replications)
    every_office(console, args.all_replications)
    if not args.no_validation:
        validation(console)


if __name__ == "__main__":
    main()
