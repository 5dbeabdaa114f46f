"""``mawid simulate``: an office day before it happens, or a plain M/M/c hall beside Erlang C.

With ``--office ID --day YYYY-MM-DD`` it reads the office's counters, closures and the day's
bookings from the database and prints the scenarios ``planned`` and ``walk_in_fcfs`` side by side
with ``mean_wait_reduction``. Walk-ins are a prior until the archive can say: ``--walk-in-load``
of the counter time the office keeps for them. With ``--arrivals-per-hour L --service-minutes M
--counters C --hours H`` it simulates an M/M/c hall open H hours with an empty start and prints
the stationary Erlang C mean wait beside it. ``--json`` prints one JSON object for machines;
otherwise a progress bar and a table.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from api.settings import Settings
from booking.store.bookings import BookingStore
from booking.store.migrate import migrate
from booking.store.offices import OfficeDirectory, OfficeStore
from foresight.erlang import mean_wait
from foresight.office_day import OfficeDay, plain_hall
from foresight.offices import Appointment, OfficeClosed, office_day, walk_in_capacity
from foresight.report import comparison_json, comparison_table
from foresight.scenarios import Comparison, Scenario, compare, planned, walk_in_fcfs
from kernel.clock import clock_from_setting
from kernel.database import Database

out = Console()
err = Console(stderr=True)

DEFAULT_REPLICATIONS = 200
DEFAULT_WALK_IN_LOAD = 0.8
_PLAIN_OPENS = datetime(2025, 1, 5, 6, 0, tzinfo=UTC)  # any aware instant: a plain hall has no calendar


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    simulate = commands.add_parser(
        "simulate", help="simulate an office day (scenarios side by side) or a plain M/M/c hall"
    )
    simulate.add_argument("--office", help="the office to simulate (with --day)")
    simulate.add_argument("--day", type=date.fromisoformat, help="the day to simulate (YYYY-MM-DD)")
    simulate.add_argument(
        "--walk-in-load",
        type=float,
        default=DEFAULT_WALK_IN_LOAD,
        help="walk-ins expected, as a share of the counter time kept for them (default 0.8)",
    )
    simulate.add_argument("--arrivals-per-hour", type=float, help="plain hall: Poisson arrivals per hour")
    simulate.add_argument("--service-minutes", type=float, help="plain hall: mean (exponential) service")
    simulate.add_argument("--counters", type=int, help="plain hall: identical counters")
    simulate.add_argument("--hours", type=float, help="plain hall: hours open, from an empty hall")
    simulate.add_argument("--replications", type=int, default=DEFAULT_REPLICATIONS)
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument("--json", action="store_true", help="print one JSON object")


_PLAIN = ("arrivals_per_hour", "service_minutes", "counters", "hours")


def _refuse(message: str) -> SystemExit:
    err.print(f"[red]mawid simulate: {message}[/red]")
    return SystemExit(2)


@contextmanager
def _bar(quiet: bool) -> Iterator[Callable[[int, int], None] | None]:
    if quiet:
        yield None
        return
    columns = (TextColumn("replications"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        task = progress.add_task("simulate", total=None)
        yield lambda done, total: progress.update(task, completed=done, total=total)


def _run(day: OfficeDay, scenarios: Sequence[Scenario], args: argparse.Namespace) -> Comparison:
    with _bar(args.json) as progress:
        return compare(day, scenarios, args.replications, args.seed, progress=progress)


def _plain(args: argparse.Namespace) -> dict[str, Any]:
    try:
        hall = plain_hall(
            args.arrivals_per_hour, args.service_minutes, args.counters, args.hours, _PLAIN_OPENS
        )
    except ValueError as error:
        raise _refuse(str(error)) from None
    result = _run(hall, [planned(hall)], args)
    theory = mean_wait(args.arrivals_per_hour / 60, args.service_minutes, args.counters)
    answer = comparison_json(result)
    del answer["mean_wait_reduction"]  # one scenario: nothing to compare with
    answer["erlang_c_mean_wait_minutes"] = round(theory, 3) if theory != float("inf") else None
    if not args.json:
        title = (
            f"M/M/{args.counters}: {args.arrivals_per_hour:g}/h, {args.service_minutes:g} min, "
            f"{args.hours:g} h open, {args.replications} replications"
        )
        out.print(comparison_table(result, title))
        out.print(f"Erlang C (stationary) mean wait: {answer['erlang_c_mean_wait_minutes']} min")
    return answer


async def _office_day(settings: Settings, office_id: str, day: date, walk_in_load: float) -> OfficeDay:
    database = Database(settings.effective_database_url)
    try:
        await migrate(database)
        directory = OfficeDirectory(OfficeStore(database), clock_from_setting(settings.clock))
        office = await directory.office(office_id)
        if office is None:
            raise _refuse(f"there is no office {office_id}")
        closures = await directory.closures(office_id)
        visits = await BookingStore(database).visits_on(office_id, day)
    finally:
        await database.dispose()
    try:
        rates = walk_in_capacity(office, day, closures)
    except OfficeClosed as closed:
        raise _refuse(str(closed)) from None
    appointments = [Appointment(service, starts_at, senior) for service, starts_at, senior in visits]
    walk_ins = {service: [r * walk_in_load for r in hourly] for service, hourly in rates.items()}
    return office_day(office, day, appointments, walk_ins, closures)


async def simulate(settings: Settings, args: argparse.Namespace) -> None:
    """Run the ``simulate`` command as parsed."""
    if args.replications < 1:
        raise _refuse("--replications must be at least 1")
    plain = [getattr(args, name) is not None for name in _PLAIN]
    if args.office is not None or args.day is not None:
        if any(plain) or args.office is None or args.day is None:
            raise _refuse("give --office and --day together, without the plain hall's options")
        day = await _office_day(settings, args.office, args.day, args.walk_in_load)
        result = _run(day, [planned(day), walk_in_fcfs(day)], args)
        answer = {"office": args.office, "day": args.day.isoformat(), **comparison_json(result)}
        if not args.json:
            title = (
                f"{args.office} on {args.day.isoformat()}: {len(day.bookings)} bookings, "
                f"{args.replications} replications"
            )
            out.print(comparison_table(result, title))
    elif all(plain):
        answer = _plain(args)
    else:
        raise _refuse(
            "give --office and --day, or all of --arrivals-per-hour --service-minutes --counters --hours"
        )
    if args.json:
        print(json.dumps(answer, ensure_ascii=False))
