"""``mawid simulate``: an office day before it happens, or a plain M/M/c hall beside Erlang C.

With ``--office ID --day YYYY-MM-DD`` it builds the day (``foresight.day_plan``) from the
office's counters and closures, the day's bookings and the ``--weeks`` weeks of history before
it, and prints the scenarios ``planned``, ``walk_in_fcfs`` and ``walk_in_same_times`` side by
side with ``mean_wait_reduction`` (planned against ``walk_in_fcfs``) and where the inputs came
from (``inputs``). Without history walk-ins are ``--walk-in-load`` of the counter time the office
keeps for them. With ``--arrivals-per-hour L --service-minutes M --counters C --hours H`` it
simulates an M/M/c hall open H hours with an empty start and prints the stationary Erlang C mean
wait beside it. ``--json`` prints one JSON object for machines; otherwise a progress bar and a
table. An office day also gets its staffing advice (``staffing``: counters needed per service group
and hour for the service level of ``MAWID_SERVICE_LEVEL_TARGET`` / ``_MINUTES``, beside those
planned), and ``--plot out.png`` draws the queue through the day per scenario and the counters
needed against those planned (``foresight.plots``; a plain hall's plot has the queue only).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from api.settings import Settings
from booking.calendar import local_today, to_local
from booking.store.bookings import BookingStore
from booking.store.migrate import migrate
from booking.store.offices import OfficeDirectory, OfficeStore
from foresight.day_plan import DEFAULT_WALK_IN_LOAD, DayPlan, UnknownOffice, plan_day
from foresight.erlang import mean_wait
from foresight.estimates import DEFAULT_WEEKS
from foresight.forecast_report import check_json, check_table, staffing_json, staffing_table
from foresight.office_day import OfficeDay, plain_hall
from foresight.offices import OfficeClosed
from foresight.plots import HourStaffing, save_day_plot
from foresight.report import comparison_json, comparison_table
from foresight.scenarios import Comparison, Scenario, compare, planned, walk_in_fcfs, walk_in_same_times
from foresight.staffing import Staffing, advise, check
from foresight.store.history import SqlHistory
from kernel.clock import clock_from_setting
from kernel.database import Database
from kernel.days import TIMEZONE

out = Console()
err = Console(stderr=True)

DEFAULT_REPLICATIONS = 200
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
        help="without history: walk-ins expected, as a share of the counter time kept for them (default 0.8)",
    )
    simulate.add_argument(
        "--weeks",
        type=int,
        default=DEFAULT_WEEKS,
        help=f"weeks of history before the day to estimate from (default {DEFAULT_WEEKS})",
    )
    simulate.add_argument("--arrivals-per-hour", type=float, help="plain hall: Poisson arrivals per hour")
    simulate.add_argument("--service-minutes", type=float, help="plain hall: mean (exponential) service")
    simulate.add_argument("--counters", type=int, help="plain hall: identical counters")
    simulate.add_argument("--hours", type=float, help="plain hall: hours open, from an empty hall")
    simulate.add_argument("--replications", type=int, default=DEFAULT_REPLICATIONS)
    simulate.add_argument("--seed", type=int, default=0)
    simulate.add_argument("--json", action="store_true", help="print one JSON object")
    simulate.add_argument(
        "--check",
        action="store_true",
        help="office day: also simulate the advised counters and print the share called in time per hour",
    )
    simulate.add_argument(
        "--plot", type=Path, help="also draw the day into this image (.png, .svg or .pdf): matplotlib"
    )


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


async def _day_plan(settings: Settings, args: argparse.Namespace) -> DayPlan:
    database = Database(settings.effective_database_url)
    try:
        await migrate(database)
        clock = clock_from_setting(settings.clock)
        return await plan_day(
            args.office,
            args.day,
            OfficeDirectory(OfficeStore(database), clock),
            BookingStore(database),
            SqlHistory(database),
            weeks=args.weeks,
            today=local_today(clock.now(), TIMEZONE),
            walk_in_load=args.walk_in_load,
        )
    except (UnknownOffice, OfficeClosed) as refused:
        raise _refuse(str(refused)) from None
    finally:
        await database.dispose()


def hourly_staffing(staffing: Staffing, opens: datetime) -> list[HourStaffing]:
    """The office's counters needed and planned per hour, summed over its service groups (each
    counter serves one group, so the sums count counters)."""
    hours = sorted({h.hour for h in staffing.hours})
    return [
        HourStaffing(
            (opens + timedelta(hours=hour)).strftime("%H:%M"),
            sum(h.needed for h in staffing.hours if h.hour == hour),
            round(sum(h.planned for h in staffing.hours if h.hour == hour)),
        )
        for hour in hours
    ]


async def _office(settings: Settings, args: argparse.Namespace) -> dict[str, Any]:
    """The office day's scenarios, its staffing advice (checked by the simulation with
    ``--check``) and where its inputs came from; the tables unless ``--json``; the plot."""
    if args.weeks < 1:
        raise _refuse("--weeks must be at least 1")
    plan = await _day_plan(settings, args)
    day = plan.day
    result = _run(day, [planned(day), walk_in_fcfs(day), walk_in_same_times(day)], args)
    target, within = settings.service_level_target, settings.service_level_minutes
    staffing = advise(day, target, within)
    opens = to_local(day.opens, TIMEZONE)
    answer = {
        "office": args.office,
        "day": args.day.isoformat(),
        **comparison_json(result),
        "inputs": plan.inputs.as_json(),
        "staffing": staffing_json(staffing, opens),
    }
    if not args.json:
        expected = plan.inputs.expected_bookings
        title = (
            f"{args.office} on {args.day.isoformat()}: {plan.inputs.bookings} bookings"
            + (f" and {expected} more expected" if expected else "")
            + f", {args.replications} replications, {plan.inputs.basis.describe()}"
        )
        out.print(comparison_table(result, title))
        out.print(staffing_table(answer["staffing"], "staffing advice"))
    if args.check:
        with _bar(args.json) as progress:
            checked = check(day, staffing, args.replications, args.seed, progress)
        answer["staffing_check"] = check_json(checked, opens)
        if not args.json:
            out.print(check_table(answer["staffing_check"], target, within))
    if args.plot is not None:
        save_day_plot(args.plot, answer["scenarios"], opens, hourly_staffing(staffing, opens))
    return answer


async def simulate(settings: Settings, args: argparse.Namespace) -> None:
    """Run the ``simulate`` command as parsed."""
    if args.replications < 1:
        raise _refuse("--replications must be at least 1")
    plain = [getattr(args, name) is not None for name in _PLAIN]
    if args.office is not None or args.day is not None:
        if any(plain) or args.office is None or args.day is None:
            raise _refuse("give --office and --day together, without the plain hall's options")
        answer = await _office(settings, args)
    elif all(plain):
        if args.check:
            raise _refuse("--check needs an office day (--office and --day)")
        answer = _plain(args)
        if args.plot is not None:
            save_day_plot(args.plot, answer["scenarios"], _PLAIN_OPENS)
    else:
        raise _refuse(
            "give --office and --day, or all of --arrivals-per-hour --service-minutes --counters --hours"
        )
    if args.json:
        print(json.dumps(answer, ensure_ascii=False))
