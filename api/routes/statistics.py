"""An office's day in figures for its manager: ``GET /manage/offices/{id}/statistics?day=``,
and hour by hour (``/statistics/hours?day=``) for the dashboard's charts.

Served and no-show counts, the average wait (arrival to first call) and service time (start to
complete), and the longest wait of anyone still waiting, for the office and per service, read
from the ticket archive (`queue_display.archive.ticket_statistics`). Minutes carry one decimal; a figure
with nothing behind it yet is null, never a misleading 0.
"""

from __future__ import annotations

from datetime import date, datetime

import msgspec
from litestar import Controller, get
from litestar.di import Provide
from litestar.params import FromPath, FromQuery

from api.auth import STAFF_ONLY, provide_staff, requires
from api.problems import PARAMETERS, STAFF, answers
from api.providers import Injected
from api.routes.capacity import office_in_scope
from api.views import instant
from booking.calendar import local_today
from booking.staff import Role, StaffUser
from booking.store.offices import OfficeDirectory
from kernel.clock import Clock
from kernel.days import TIMEZONE
from queue_display.archive.ticket_statistics import ServiceDay, TicketStatistics


def _minutes(seconds: float | None) -> float | None:
    return None if seconds is None else round(seconds / 60, 1)


class Figures(msgspec.Struct):
    """Counts, and minutes with one decimal (null while nothing stands behind a figure)."""

    served: int
    no_show: int
    waiting: int
    average_wait_minutes: float | None
    average_service_minutes: float | None
    longest_wait_minutes: float | None
    oldest_waiting_since: str | None


class ServiceFiguresOut(msgspec.Struct):
    service: str | None
    served: int
    no_show: int
    waiting: int
    average_wait_minutes: float | None
    average_service_minutes: float | None
    longest_wait_minutes: float | None
    oldest_waiting_since: str | None


class DayStatisticsOut(msgspec.Struct):
    """An office's day: its figures as a whole, then per service."""

    office_id: str
    date: str
    as_of: str
    served: int
    no_show: int
    waiting: int
    average_wait_minutes: float | None
    average_service_minutes: float | None
    longest_wait_minutes: float | None
    oldest_waiting_since: str | None
    services: list[ServiceFiguresOut]


class HourOut(msgspec.Struct):
    """One local hour: arrivals, their average wait once called, and who was served or did not
    come in it."""

    hour: str
    arrived: int
    served: int
    no_show: int
    average_wait_minutes: float | None


class DayHoursOut(msgspec.Struct):
    """An office's day hour by hour, for the dashboard's charts (every hour from the first to the
    last with anything in it)."""

    office_id: str
    date: str
    as_of: str
    hours: list[HourOut]


def _figures(figures: ServiceDay, now: datetime, today: bool) -> Figures:
    oldest = figures.oldest_waiting_since
    # A ticket still "waiting" on a past day was never called; its wait did not go on until now.
    longest = (now - oldest).total_seconds() if oldest is not None and today else None
    return Figures(
        served=figures.served,
        no_show=figures.no_show,
        waiting=figures.waiting,
        average_wait_minutes=_minutes(figures.average_wait_seconds),
        average_service_minutes=_minutes(figures.average_service_seconds),
        longest_wait_minutes=_minutes(max(0.0, longest)) if longest is not None else None,
        oldest_waiting_since=instant(oldest, TIMEZONE) if oldest is not None else None,
    )


class StatisticsController(Controller):
    path = "/api/v1/manage/offices/{office_id:str}"
    tags = ["managers"]
    guards = [requires(Role.MANAGER)]
    security = STAFF_ONLY
    dependencies = {"user": Provide(provide_staff)}

    @get(
        "/statistics",
        summary="An office's day in figures: served, no-shows, waits and service times",
        responses=answers(PARAMETERS, STAFF, {404: "`office_not_found`"}),
    )
    async def day(
        self,
        clock: Injected[Clock],
        statistics: Injected[TicketStatistics],
        directory: Injected[OfficeDirectory],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        day: FromQuery[date | None] = None,
    ) -> DayStatisticsOut:
        office = await office_in_scope(directory, user, office_id)
        now = clock.now()
        today = local_today(now, TIMEZONE)
        chosen = day or today
        total, per_service = await statistics.of_day(office.id, chosen)
        is_today = chosen == today
        return DayStatisticsOut(
            office_id=office.id,
            date=chosen.isoformat(),
            as_of=instant(now, TIMEZONE),
            **msgspec.structs.asdict(_figures(total, now, is_today)),
            services=[
                ServiceFiguresOut(
                    service=figures.service, **msgspec.structs.asdict(_figures(figures, now, is_today))
                )
                for figures in per_service
            ],
        )

    @get(
        "/statistics/hours",
        summary="An office's day hour by hour: arrivals, their waits, served and no-shows",
        responses=answers(PARAMETERS, STAFF, {404: "`office_not_found`"}),
    )
    async def hours(
        self,
        clock: Injected[Clock],
        statistics: Injected[TicketStatistics],
        directory: Injected[OfficeDirectory],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        day: FromQuery[date | None] = None,
    ) -> DayHoursOut:
        office = await office_in_scope(directory, user, office_id)
        now = clock.now()
        chosen = day or local_today(now, TIMEZONE)
        return DayHoursOut(
            office_id=office.id,
            date=chosen.isoformat(),
            as_of=instant(now, TIMEZONE),
            hours=[
                HourOut(
                    hour=f"{h.hour:02d}:00",
                    arrived=h.arrived,
                    served=h.served,
                    no_show=h.no_show,
                    average_wait_minutes=_minutes(h.average_wait_seconds),
                )
                for h in await statistics.hours(office.id, chosen, office.timezone)
            ],
        )
