"""``mawid forecast --office ID [--days 28] [--json]``: the office's expected bookings and walk-ins
per day and service from tomorrow on, the hour of the day they come at, how well the model did
on the last two weeks of history (beside "same as last week"), and the staffing advice for the
next open day. Learnt from up to 26 weeks of the office's history (``foresight.forecast``).

``--json`` prints one object for machines:

- ``office``, ``today`` (the office's local date; the forecast starts the day after),
  ``history_days`` (working days of history the office was open);
- ``forecast``: one entry per day, ``{date, closed, bookings, walk_ins, services}``: ``closed`` is
  null on an open day, else why it is closed (``weekend``, the public holiday's name, ``closure``);
  ``bookings`` and ``walk_ins`` are the day's expected people (bookings counted before no-shows),
  ``services`` the same per service, ``{service: {bookings, walk_ins}}``;
- ``hourly_profile``: ``{bookings: {"HH:00": share}, walk_ins: {...}}``, the share of a day's
  people coming in each local hour (by the slot for a booking, the arrival for a walk-in);
- ``methods``: ``{bookings: {service: method}, walk_ins: {...}}``, the model each series was
  forecast with: ``ets`` (Holt-Winters), ``seasonal_naive``, ``mean`` or ``none``;
- ``backtest``: one entry per kind and service, and per kind for the office (``service`` ``*``),
  ``{kind, service, method, days, model: {mape, mase}, seasonal_naive: {mape, mase}}``: ``days``
  held-out days the office was open, MAPE as a fraction (0.12 = 12 %), MASE against the seasonal
  naive's own past error (below 1: better than "same as last week" used to be); null where
  undefined; the list is empty with less than three weeks of history;
- ``staffing``: for ``date`` (the first open day forecast), ``{date, target, within_minutes,
  hours: [{group, starts, people, offered_load, needed, planned, status, promised}]}``, the
  counters Erlang C needs per service group and hour (``starts``: local HH:MM) beside those
  planned, ``status`` ``short``/``ok``/``idle``, ``promised`` the share Erlang C says is called in
  time with the planned counters; null when no day forecast is open.

The service level comes from ``MAWID_SERVICE_LEVEL_TARGET`` and ``MAWID_SERVICE_LEVEL_MINUTES``.
"""

from __future__ import annotations

import argparse
import json
from typing import Any

from rich.console import Console

from api.settings import Settings
from booking.calendar import local_today, to_local
from booking.store.migrate import migrate
from booking.store.offices import OfficeDirectory, OfficeStore
from foresight.forecast import DEFAULT_DAYS, forecast_office
from foresight.forecast_day import forecast_staffing
from foresight.forecast_report import (
    backtest_table,
    days_table,
    forecast_json,
    profile_table,
    staffing_json,
    staffing_table,
)
from foresight.store.history import SqlHistory
from kernel.clock import clock_from_setting
from kernel.database import Database

out = Console()
err = Console(stderr=True)

MAX_DAYS = 366


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    forecast = commands.add_parser(
        "forecast", help="an office's expected bookings and walk-ins, backtest and staffing advice"
    )
    forecast.add_argument("--office", required=True, help="the office to forecast")
    forecast.add_argument("--days", type=int, default=DEFAULT_DAYS, help="days ahead (default 28)")
    forecast.add_argument("--json", action="store_true", help="print one JSON object")


def _refuse(message: str) -> SystemExit:
    err.print(f"[red]mawid forecast: {message}[/red]")
    return SystemExit(2)


async def forecast(settings: Settings, args: argparse.Namespace) -> None:
    """Run the ``forecast`` command as parsed."""
    if not 1 <= args.days <= MAX_DAYS:
        raise _refuse(f"--days must be from 1 to {MAX_DAYS}")
    database = Database(settings.effective_database_url)
    clock = clock_from_setting(settings.clock)
    try:
        await migrate(database)
        directory = OfficeDirectory(OfficeStore(database), clock)
        office = await directory.office(args.office)
        if office is None:
            raise _refuse(f"there is no office {args.office}")
        closures = await directory.closures(args.office)
        today = local_today(clock.now(), office.timezone)
        if args.json:
            expected = await forecast_office(SqlHistory(database), office, today, args.days, closures)
        else:
            with err.status(f"learning {office.id}'s history"):
                expected = await forecast_office(SqlHistory(database), office, today, args.days, closures)
    finally:
        await database.dispose()
    answer: dict[str, Any] = {"today": today.isoformat(), **forecast_json(expected)}
    answer["staffing"] = None
    next_open = next((d.day for d in expected.days if d.closed is None), None)
    if next_open is not None:
        target, within = settings.service_level_target, settings.service_level_minutes
        day, staffing = forecast_staffing(office, next_open, expected, closures, target, within)
        answer["staffing"] = {
            "date": next_open.isoformat(),
            **staffing_json(staffing, to_local(day.opens, office.timezone)),
        }
    if args.json:
        print(json.dumps(answer, ensure_ascii=False))
        return
    out.print(days_table(answer))
    out.print(profile_table(answer))
    if answer["backtest"]:
        out.print(backtest_table(answer))
    else:
        out.print("No backtest: less than three weeks of history.")
    if answer["staffing"]:
        out.print(staffing_table(answer["staffing"], f"staffing advice for {answer['staffing']['date']}"))
