"""Is "text me when I'm close" used? ``GET /api/v1/manage/offices/{office_id}/heads-ups?from=&to=``
gives an office's managers, per day, the tickets issued, the heads-ups asked for (at the kiosk or
on the ticket's page) and the texts sent (close, called). Munich removed an SMS heads-up nobody
used: this is how we would know. Counts only; no mobile is ever shown."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated

import msgspec
from litestar import get
from litestar.params import FromPath, QueryParameter

from api.auth import ManagerController
from api.problems import PARAMETERS, STAFF, answers
from api.providers import Injected
from api.remote_queue import RemoteQueue
from api.routes.capacity import office_in_scope
from booking.calendar import local_today
from booking.staff import StaffUser
from booking.store.offices import OfficeDirectory
from kernel.clock import Clock
from queue_display import errors

DEFAULT_DAYS = 14
MAX_DAYS = 92


class UptakeDayOut(msgspec.Struct):
    day: str
    tickets: int
    asked: int
    near_sent: int
    called_sent: int


class UptakeOut(msgspec.Struct):
    """The days ``from``..``to`` with any ticket or heads-up, and their totals; ``share`` is the
    heads-ups asked per ticket issued (null without tickets)."""

    office_id: str
    from_: str = msgspec.field(name="from")
    to: str = ""
    days: list[UptakeDayOut] = msgspec.field(default_factory=list)
    tickets: int = 0
    asked: int = 0
    near_sent: int = 0
    called_sent: int = 0
    share: float | None = None


class HeadsUpUptakeController(ManagerController):
    path = "/api/v1/manage/offices/{office_id:str}"

    @get(
        "/heads-ups",
        summary="Heads-up texts: tickets issued vs heads-ups asked vs texts sent, per day",
        responses=answers(PARAMETERS, STAFF, {404: "`office_not_found`", 422: "`invalid_uptake_range`"}),
    )
    async def uptake(
        self,
        clock: Injected[Clock],
        directory: Injected[OfficeDirectory],
        remote_queue: Injected[RemoteQueue],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        from_: Annotated[date | None, QueryParameter(name="from")] = None,
        to: Annotated[date | None, QueryParameter(name="to")] = None,
    ) -> UptakeOut:
        """The last 14 days by default; at most 92."""
        office = await office_in_scope(directory, user, office_id)
        last = to or local_today(clock.now(), office.timezone)
        first = from_ or last - timedelta(days=DEFAULT_DAYS - 1)
        if last < first or (last - first).days >= MAX_DAYS:
            raise errors.invalid_uptake_range(MAX_DAYS)
        days = await remote_queue.uptake.uptake(office.id, first, last)
        tickets = sum(d.tickets for d in days)
        asked = sum(d.asked for d in days)
        return UptakeOut(
            office_id=office.id,
            from_=first.isoformat(),
            to=last.isoformat(),
            days=[
                UptakeDayOut(d.day.isoformat(), d.tickets, d.asked, d.near_sent, d.called_sent) for d in days
            ],
            tickets=tickets,
            asked=asked,
            near_sent=sum(d.near_sent for d in days),
            called_sent=sum(d.called_sent for d in days),
            share=asked / tickets if tickets else None,
        )
