"""An office's day in figures, for the manager's dashboard: served and no-show counts, average
wait and service times, and who has waited longest, read from the ticket archive in one query.

The archive is the one place every process writes each ticket step to, so these figures are
the same whichever process serves the dashboard. A transferred ticket's successor keeps the
citizen's arrival time; counting its wait again would count the same citizen twice, so only a
citizen's first call counts towards the average wait.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from statistics import fmean
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Integer, case, func, select
from sqlalchemy.engine import Connection, Row
from sqlalchemy.sql.elements import Label

from kernel.database import Database, UTCDateTime
from queue_display.archive.tables import TicketRow


@dataclass(frozen=True, slots=True)
class ServiceDay:
    """One service's figures for the day (``service`` None: the whole office)."""

    service: str | None
    served: int = 0
    no_show: int = 0
    waiting: int = 0
    average_wait_seconds: float | None = None
    average_service_seconds: float | None = None
    oldest_waiting_since: datetime | None = None


def _figures() -> list[Label[Any]]:
    status = TicketRow.status
    first_call = TicketRow.transferred_from.is_(None)
    return [
        func.sum(case((status == "done", 1), else_=0), type_=Integer).label("served"),
        func.sum(case((status == "no_show", 1), else_=0), type_=Integer).label("no_show"),
        func.sum(case((status == "waiting", 1), else_=0), type_=Integer).label("waiting"),
        func.avg(case((first_call, TicketRow.wait_seconds))).label("average_wait_seconds"),
        func.avg(case((status == "done", TicketRow.service_seconds))).label("average_service_seconds"),
        func.min(case((status == "waiting", TicketRow.queued_at)), type_=UTCDateTime).label(
            "oldest_waiting_since"
        ),
    ]


def _seconds(value: Any) -> float | None:
    return None if value is None else float(value)  # PostgreSQL's avg() is a Decimal


def _service_day(service: str | None, row: Row[Any]) -> ServiceDay:
    return ServiceDay(
        service=service,
        served=int(row.served or 0),
        no_show=int(row.no_show or 0),
        waiting=int(row.waiting or 0),
        average_wait_seconds=_seconds(row.average_wait_seconds),
        average_service_seconds=_seconds(row.average_service_seconds),
        oldest_waiting_since=row.oldest_waiting_since,
    )


def day_statistics(conn: Connection, office_id: str, day: date) -> tuple[ServiceDay, list[ServiceDay]]:
    """The office's figures for ``day``: the whole office, and each service that had a ticket."""
    of_day = (TicketRow.office_id == office_id, TicketRow.day == day)
    total = conn.execute(select(*_figures()).where(*of_day)).one()
    per_service = conn.execute(
        select(TicketRow.service, *_figures())
        .where(*of_day)
        .group_by(TicketRow.service)
        .order_by(TicketRow.service)
    )
    return _service_day(None, total), [_service_day(row.service, row) for row in per_service]


class TicketStatistics:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def of_day(self, office_id: str, day: date) -> tuple[ServiceDay, list[ServiceDay]]:
        return await self._db.read(partial(day_statistics, office_id=office_id, day=day))

    async def hours(self, office_id: str, day: date, timezone: str) -> list[HourFigures]:
        """The office's ``day`` hour by hour (``hours_of``)."""
        return await self._db.read(partial(day_hours, office_id=office_id, day=day, timezone=timezone))


@dataclass(frozen=True, slots=True)
class HourFigures:
    """One local hour of the office's day, for the dashboard's charts: who arrived in it (a
    citizen once, not again when transferred), the average wait of those arrivals who have been
    called, and who was served or did not come, by the hour it was settled."""

    hour: int
    arrived: int = 0
    served: int = 0
    no_show: int = 0
    average_wait_seconds: float | None = None


def hours_of(tickets: Iterable[Any], timezone: str) -> list[HourFigures]:
    """Per local hour (in order, every hour from the first to the last with anything in it):
    ``tickets`` rows carry ``status``, ``queued_at``, ``finished_at``, ``wait_seconds`` and
    ``transferred_from``."""
    zone = ZoneInfo(timezone)
    arrived: Counter[int] = Counter()
    served: Counter[int] = Counter()
    no_show: Counter[int] = Counter()
    waits: dict[int, list[float]] = {}
    for ticket in tickets:
        if ticket.transferred_from is None:
            hour = ticket.queued_at.astimezone(zone).hour
            arrived[hour] += 1
            if ticket.wait_seconds is not None:
                waits.setdefault(hour, []).append(float(ticket.wait_seconds))
        if ticket.finished_at is not None and ticket.status in ("done", "no_show"):
            settled = ticket.finished_at.astimezone(zone).hour
            (served if ticket.status == "done" else no_show)[settled] += 1
    seen = set(arrived) | set(served) | set(no_show)
    if not seen:
        return []
    return [
        HourFigures(
            hour,
            arrived[hour],
            served[hour],
            no_show[hour],
            fmean(waits[hour]) if waits.get(hour) else None,
        )
        for hour in range(min(seen), max(seen) + 1)
    ]


def day_hours(conn: Connection, office_id: str, day: date, timezone: str) -> list[HourFigures]:
    rows = conn.execute(
        select(
            TicketRow.status,
            TicketRow.queued_at,
            TicketRow.finished_at,
            TicketRow.wait_seconds,
            TicketRow.transferred_from,
        ).where(TicketRow.office_id == office_id, TicketRow.day == day)
    )
    return hours_of(rows, timezone)
