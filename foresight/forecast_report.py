"""The forecast and the staffing advice for people and machines: the JSON ``mawid forecast
--json`` prints (an API can answer the same) and the tables it prints otherwise. Only formats.

People and shares are rounded to 3 decimals; a figure that does not exist (a MAPE with nobody
on the held-out days, a MASE on a past that never moved) is ``null``.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta
from typing import Any

from rich.table import Table

from foresight.accuracy import Accuracy
from foresight.demand import BOOKINGS, KINDS, WALK_INS
from foresight.forecast import Forecast
from foresight.report import scenario_json
from foresight.staffing import ADVISED, Check, Staffing


def _number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) or math.isinf(value) else round(value, 3)


def _accuracy(accuracy: Accuracy) -> dict[str, float | None]:
    return {"mape": _number(accuracy.mape), "mase": _number(accuracy.mase)}


def forecast_json(forecast: Forecast) -> dict[str, Any]:
    return {
        "office": forecast.office_id,
        "history_days": forecast.history_days,
        "forecast": [
            {
                "date": day.day.isoformat(),
                "closed": day.closed,
                "bookings": _number(math.fsum(day.bookings.values())),
                "walk_ins": _number(math.fsum(day.walk_ins.values())),
                "services": {
                    service: {
                        "bookings": _number(day.bookings[service]),
                        "walk_ins": _number(day.walk_ins[service]),
                    }
                    for service in sorted(day.bookings)
                },
            }
            for day in forecast.days
        ],
        "hourly_profile": {
            kind: {f"{hour:02d}:00": _number(share) for hour, share in forecast.hourly.get(kind, {}).items()}
            for kind in KINDS
        },
        "methods": {
            kind: {
                service: method
                for (kind_, service), method in sorted(forecast.methods.items())
                if kind_ == kind
            }
            for kind in KINDS
        },
        "backtest": [
            {
                "kind": row.kind,
                "service": row.service,
                "method": row.method or None,
                "days": row.days,
                "model": _accuracy(row.model),
                "seasonal_naive": _accuracy(row.seasonal_naive),
            }
            for row in forecast.backtest
        ],
    }


def staffing_json(staffing: Staffing, opens: datetime) -> dict[str, Any]:
    """The advice per group and hour, the hour as the local time it starts (``opens`` local)."""
    return {
        "target": staffing.target,
        "within_minutes": staffing.within_minutes,
        "hours": [
            {
                "group": list(h.group),
                "starts": (opens + timedelta(hours=h.hour)).strftime("%H:%M"),
                "people": _number(h.people),
                "offered_load": _number(h.offered_load),
                "needed": h.needed,
                "planned": _number(h.planned),
                "status": h.status,
                "promised": _number(h.promised),
            }
            for h in staffing.hours
        ],
    }


def check_json(checked: Check, opens: datetime) -> dict[str, Any]:
    """The simulation's check of the advice: per group and hour, the simulated share called within
    the target as planned and with the advised counters (mean and 95 % half-width), and the whole
    day of the advised hall (``foresight.report.scenario_json``)."""
    return {
        "replications": checked.comparison.replications,
        "advised": scenario_json(checked.comparison.scenarios[ADVISED]),
        "hours": [
            {
                "group": list(h.group),
                "starts": (opens + timedelta(hours=h.hour)).strftime("%H:%M"),
                "planned": _number(h.planned.mean),
                "planned_ci95": _number(h.planned.ci95),
                "advised": _number(h.advised.mean),
                "advised_ci95": _number(h.advised.ci95),
            }
            for h in checked.hours
        ],
    }


def _people(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def days_table(answer: dict[str, Any]) -> Table:
    """One row per day and service (``forecast_json``'s ``forecast``), closed days in one row."""
    table = Table(title=f"{answer['office']}: expected people per day")
    for column in ("date", "service", "bookings", "walk-ins"):
        table.add_column(column, justify="right" if column in ("bookings", "walk-ins") else "left")
    for day in answer["forecast"]:
        if day["closed"]:
            table.add_row(day["date"], f"[dim]closed: {day['closed']}[/dim]", "", "")
            continue
        for service, people in day["services"].items():
            table.add_row(day["date"], service, _people(people["bookings"]), _people(people["walk_ins"]))
        table.add_row(
            "", "[bold]all[/bold]", _people(day["bookings"]), _people(day["walk_ins"]), end_section=True
        )
    return table


def profile_table(answer: dict[str, Any]) -> Table:
    table = Table(title="hourly profile (share of the day's people)")
    profile = answer["hourly_profile"]
    table.add_column("hour")
    for kind in KINDS:
        table.add_column(kind.replace("_", "-"), justify="right")
    for hour in sorted({h for shares in profile.values() for h in shares}):
        table.add_row(hour, *(f"{100 * profile[kind].get(hour, 0.0):.0f}%" for kind in (BOOKINGS, WALK_INS)))
    return table


def _figure(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "–"
    return f"{100 * value:.1f}%" if percent else f"{value:.2f}"


def backtest_table(answer: dict[str, Any]) -> Table:
    """The held-out weeks: the model's MAPE and MASE beside the seasonal naive's."""
    table = Table(title="backtest: the last two weeks held out")
    for column in ("kind", "service", "model", "days", "MAPE", "MASE", "naive MAPE", "naive MASE"):
        table.add_column(column, justify="left" if column in ("kind", "service", "model") else "right")
    for row in answer["backtest"]:
        table.add_row(
            row["kind"].replace("_", "-"),
            "all" if row["service"] == "*" else row["service"],
            row["method"] or "sum",
            str(row["days"]),
            _figure(row["model"]["mape"], percent=True),
            _figure(row["model"]["mase"]),
            _figure(row["seasonal_naive"]["mape"], percent=True),
            _figure(row["seasonal_naive"]["mase"]),
        )
    return table


def staffing_table(answer: dict[str, Any], title: str) -> Table:
    """Needed against planned counters per group and hour (``staffing_json``); a group nobody is
    expected for all day is left out (the JSON keeps it)."""
    table = Table(title=title)
    wanted = {tuple(h["group"]) for h in answer["hours"] if h["people"]}
    for column in ("group", "from", "people", "needed", "planned", "", "Erlang C promise"):
        table.add_column(column, justify="left" if column in ("group", "") else "right")
    colour = {"short": "red", "idle": "yellow", "ok": "green"}
    for hour in (h for h in answer["hours"] if tuple(h["group"]) in wanted):
        table.add_row(
            " + ".join(hour["group"]),
            hour["starts"],
            _people(hour["people"]),
            str(hour["needed"]),
            f"{hour['planned']:g}",
            f"[{colour[hour['status']]}]{hour['status']}[/]",
            _figure(hour["promised"], percent=True),
        )
    table.caption = (
        f"service level: {100 * answer['target']:.0f}% called within {answer['within_minutes']:g} min"
    )
    return table


def check_table(answer: dict[str, Any], target: float, within: float) -> Table:
    """The simulated share called within the target per group and hour (``check_json``), as
    planned and as advised; hours nobody is due in are left out."""
    table = Table(title=f"the advice checked by the simulation ({answer['replications']} replications)")
    for column in ("group", "from", "planned", "advised"):
        table.add_column(column, justify="left" if column == "group" else "right")
    for hour in answer["hours"]:
        if hour["planned"] is None and hour["advised"] is None:
            continue
        table.add_row(
            " + ".join(hour["group"]),
            hour["starts"],
            _figure(hour["planned"], percent=True),
            _figure(hour["advised"], percent=True),
        )
    table.caption = f"share called within {within:g} min (target {100 * target:.0f}%)"
    return table
