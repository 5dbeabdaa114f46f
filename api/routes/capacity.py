"""Managers change an office's capacity and watch its load.

- ``POST /manage/offices/{id}/closures`` closes a counter for some hours, or the office for a
  day; the slot rows are restated at once and the answer says how many bookings no longer fit
  (preview a rebalance plan next).
- ``GET /manage/offices/{id}/closures?from=&to=`` lists them (default: from today on), so a
  manager sees what to reopen.
- ``POST /manage/offices/{id}/closures/impact`` says what that closure would do, writing nothing:
  how many bookings it would push out of their slot (the dashboard asks the manager with it). A
  closure that pushes bookings out needs a reason (``reason_required``: each citizen is told why),
  and the same closure twice is refused (``closure_exists``, 409; the database holds it too).
- ``DELETE /manage/offices/{id}/closures/{date}`` reopens the office that day.
- ``PATCH /manage/offices/{id}/counters/{counter_id}`` opens or closes a counter for good, or
  changes its services.
- ``GET /manage/offices/{id}/load?from=&to=`` is booked against capacity per hour.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, delete, get, patch, post
from litestar.di import Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from api.audit import AuditTrail
from api.auth import STAFF_ONLY, ensure_office_scope, provide_staff, requires
from api.messages import MESSAGES
from api.planning_views import LoadOut, load_view
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
from api.views import OfficeDetailOut, office_detail_view
from booking.calendar import Closure, local_today
from booking.offer import existing_office
from booking.offices import Office
from booking.rules import MAX_AHEAD
from booking.staff import Role, StaffUser
from booking.store.offices import OfficeDirectory, closure_exists
from booking.store.slot_loads import SlotLoadStore
from kernel.clock import Clock
from kernel.database import Database
from kernel.days import TIMEZONE
from kernel.errors import InvalidInput, NotFound
from planning.capacity_changes import CapacityChanges
from planning.closure_impact import ClosureImpact, impact_of
from planning.office_load import office_load
from planning.store.chain_visits import ChainVisitStore

MAX_LOAD_DAYS = 31


class ClosureIn(msgspec.Struct):
    """``counter_id`` absent: every counter. ``from``/``to`` absent: the whole day. The reasons,
    if given, complete "your booking moved because …" / "… بسبب …" in the citizens' messages."""

    day: date = msgspec.field(name="date")
    counter_id: int | None = None
    starts: str | None = msgspec.field(default=None, name="from")
    ends: str | None = msgspec.field(default=None, name="to")
    reason_en: str = ""
    reason_ar: str = ""


class CounterIn(msgspec.Struct):
    active: bool | None = None
    services: list[str] | None = None


class ClosureOut(msgspec.Struct):
    """A closure: the whole office (``counter_id`` null) or one counter, the whole day (``from``
    and ``to`` null) or some hours."""

    office_id: str
    date: str
    counter_id: int | None
    starts: str | None = msgspec.field(name="from")
    ends: str | None = msgspec.field(name="to")
    reason_en: str
    reason_ar: str


class ClosedOut(ClosureOut):
    """The closure just made, and how many bookings no longer fit (preview a rebalance plan next)."""

    overbooked: int


class ClosureImpactOut(ClosureOut):
    """What the closure would do, before it is made: ``booked`` that day, ``overbooked`` once
    closed (as the closure's answer will count them), of which ``displaced`` by this closure; a
    closure that displaces any needs a reason (``reason_required``)."""

    booked: int
    overbooked: int
    displaced: int
    reason_required: bool


class ClosuresOut(msgspec.Struct):
    office_id: str
    closures: list[ClosureOut]


class ReopenedOut(msgspec.Struct):
    office_id: str
    date: str
    removed: int
    """How many closures of that day ended."""


class CounterEditedOut(msgspec.Struct):
    office: OfficeDetailOut
    overbooked: int
    """Bookings from today on that no longer fit."""


OFFICE = {404: "`office_not_found`"}


async def office_in_scope(directory: OfficeDirectory, user: StaffUser, office_id: str) -> Office:
    """The office, if it exists and the staff member may act in it."""
    office = await existing_office(directory, office_id)
    ensure_office_scope(user, office_id)
    return office


BAD_HOURS = MESSAGES.refusal(InvalidInput, "invalid_hours")


def _hours(data: ClosureIn) -> tuple[time | None, time | None]:
    if data.starts is None and data.ends is None:
        return None, None
    try:
        starts, ends = time.fromisoformat(data.starts or ""), time.fromisoformat(data.ends or "")
    except ValueError:
        raise BAD_HOURS() from None
    if starts >= ends:
        raise BAD_HOURS()
    return starts, ends


def closure_view(closure: Closure) -> ClosureOut:
    return ClosureOut(
        office_id=closure.office_id,
        date=closure.day.isoformat(),
        counter_id=closure.counter_id,
        starts=closure.starts.strftime("%H:%M") if closure.starts else None,
        ends=closure.ends.strftime("%H:%M") if closure.ends else None,
        reason_en=closure.reason_en,
        reason_ar=closure.reason_ar,
    )


def _check_reason(closure: Closure, impact: ClosureImpact) -> None:
    """A closure that moves bookings says why, in at least one language: the citizens are told."""
    if impact.needs_reason and not (closure.reason_ar or closure.reason_en):
        raise MESSAGES.error(InvalidInput, "reason_required.closure", indic=True, n=impact.displaced)


def _check_closure(office: Office, data: ClosureIn, now: datetime) -> Closure:
    """The closure the body asks for, on a day within the booking window, of a counter the
    office has."""
    if not local_today(now, TIMEZONE) <= data.day <= local_today(now + MAX_AHEAD, TIMEZONE):
        raise MESSAGES.error(InvalidInput, "outside_booking_window.closure")
    if data.counter_id is not None and data.counter_id not in {c.id for c in office.counters}:
        raise MESSAGES.error(NotFound, "counter_not_found.capacity")
    starts, ends = _hours(data)
    if len(data.reason_en) > 300 or len(data.reason_ar) > 300:
        raise MESSAGES.error(InvalidInput, "reason_too_long")
    return Closure(
        office.id, data.day, data.counter_id, starts, ends, data.reason_en.strip(), data.reason_ar.strip()
    )


class CapacityController(Controller):
    path = "/api/v1/manage/offices/{office_id:str}"
    tags = ["managers"]
    guards = [requires(Role.MANAGER)]
    security = STAFF_ONLY
    dependencies = {"user": Provide(provide_staff)}

    @post(
        "/closures",
        status_code=HTTP_201_CREATED,
        summary="Close a counter for some hours or the office for a day",
        responses=answers(
            BODY,
            STAFF,
            {
                404: "`office_not_found`, `counter_not_found`",
                409: "`closure_exists`: the same closure of that day is in force",
                422: "`outside_booking_window`, `invalid_hours`, `reason_too_long`, `reason_required` "
                "(bookings would no longer fit and no reason is given)",
            },
        ),
    )
    async def close(
        self,
        request: Request[Any, Any, Any],
        clock: Injected[Clock],
        capacity_changes: Injected[CapacityChanges],
        directory: Injected[OfficeDirectory],
        database: Injected[Database],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        data: JSONBody[ClosureIn],
    ) -> ClosedOut:
        office = await office_in_scope(directory, user, office_id)
        closure = _check_closure(office, data, clock.now())
        _check_reason(
            closure,
            await impact_of(directory, SlotLoadStore(database), office, closure, ChainVisitStore(database)),
        )
        await capacity_changes.close(closure, by=f"staff:{user.username}")
        overbooked = await capacity_changes.overbooked(office.id, closure.day, closure.day)
        view = closure_view(closure)
        await audit.by_staff(
            request,
            user,
            "closure.opened",
            office_id=office.id,
            target=view.date,
            detail={
                "after": {
                    "counter_id": view.counter_id,
                    "from": view.starts,
                    "to": view.ends,
                    "reason_en": view.reason_en,
                },
                "overbooked": overbooked,
            },
        )
        return ClosedOut(**msgspec.structs.asdict(view), overbooked=overbooked)

    @post(
        "/closures/impact",
        status_code=HTTP_200_OK,
        summary="What a closure would do, before it is made: the bookings it would push out",
        description="Takes the body `POST /closures` takes and writes nothing. `reason_required` "
        "says whether that closure needs a reason (it displaces bookings).",
        responses=answers(
            BODY,
            STAFF,
            {
                404: "`office_not_found`, `counter_not_found`",
                409: "`closure_exists`: the same closure of that day is in force",
                422: "`outside_booking_window`, `invalid_hours`, `reason_too_long`",
            },
        ),
    )
    async def impact(
        self,
        clock: Injected[Clock],
        directory: Injected[OfficeDirectory],
        database: Injected[Database],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        data: JSONBody[ClosureIn],
    ) -> ClosureImpactOut:
        office = await office_in_scope(directory, user, office_id)
        closure = _check_closure(office, data, clock.now())
        if any(c.extent == closure.extent for c in await directory.closures(office.id)):
            raise closure_exists()
        impact = await impact_of(
            directory, SlotLoadStore(database), office, closure, ChainVisitStore(database)
        )
        return ClosureImpactOut(
            **msgspec.structs.asdict(closure_view(closure)),
            booked=impact.booked,
            overbooked=impact.overbooked,
            displaced=impact.displaced,
            reason_required=impact.needs_reason,
        )

    @get(
        "/closures",
        summary="The office's closures, from today on unless told otherwise",
        responses=answers(PARAMETERS, STAFF, OFFICE),
    )
    async def closures(
        self,
        clock: Injected[Clock],
        directory: Injected[OfficeDirectory],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        from_: Annotated[date | None, QueryParameter(name="from")] = None,
        to: FromQuery[date | None] = None,
    ) -> ClosuresOut:
        office = await office_in_scope(directory, user, office_id)
        first = from_ or local_today(clock.now(), TIMEZONE)
        shown = [
            c for c in await directory.closures(office.id) if c.day >= first and (to is None or c.day <= to)
        ]
        shown.sort(key=lambda c: (c.day, c.counter_id or 0, c.starts or time.min))
        return ClosuresOut(office_id=office.id, closures=[closure_view(c) for c in shown])

    @delete(
        "/closures/{day:date}",
        status_code=HTTP_200_OK,
        summary="Reopen the office on a day",
        responses=answers(PARAMETERS, STAFF, {404: "`office_not_found`, or a `day` that is not a date"}),
    )
    async def reopen(
        self,
        request: Request[Any, Any, Any],
        capacity_changes: Injected[CapacityChanges],
        directory: Injected[OfficeDirectory],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        day: FromPath[date],
    ) -> ReopenedOut:
        office = await office_in_scope(directory, user, office_id)
        removed = await capacity_changes.reopen(office.id, day, by=f"staff:{user.username}")
        await audit.by_staff(
            request,
            user,
            "closure.reopened",
            office_id=office.id,
            target=day.isoformat(),
            detail={"closures_ended": removed},
        )
        return ReopenedOut(office_id=office.id, date=day.isoformat(), removed=removed)

    @patch(
        "/counters/{counter_id:int}",
        summary="Open or close a counter for good, or change its services",
        responses=answers(
            BODY,
            STAFF,
            {
                404: "`office_not_found`, `counter_not_found` (or a `counter_id` that is not a number)",
                422: "`invalid_counter_services`",
            },
        ),
    )
    async def edit_counter(
        self,
        request: Request[Any, Any, Any],
        clock: Injected[Clock],
        capacity_changes: Injected[CapacityChanges],
        directory: Injected[OfficeDirectory],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        counter_id: FromPath[int],
        data: JSONBody[CounterIn],
    ) -> CounterEditedOut:
        office = await office_in_scope(directory, user, office_id)
        counter = next((c for c in office.counters if c.id == counter_id), None)
        if counter is None:
            raise MESSAGES.error(NotFound, "counter_not_found.capacity")
        services = frozenset(data.services) if data.services is not None else counter.services
        if not services or not services <= set(office.services):
            raise MESSAGES.error(InvalidInput, "invalid_counter_services")
        active = counter.active if data.active is None else data.active
        await capacity_changes.edit_counter(office.id, counter_id, active, services)
        await audit.by_staff(
            request,
            user,
            "counter.edited",
            office_id=office.id,
            target=counter.label,
            detail={
                "counter_id": counter_id,
                "before": {"active": counter.active, "services": sorted(counter.services)},
                "after": {"active": active, "services": sorted(services)},
            },
        )
        today = local_today(clock.now(), TIMEZONE)
        edited = await directory.office(office.id)
        assert edited is not None
        return CounterEditedOut(
            office=office_detail_view(edited),
            overbooked=await capacity_changes.overbooked(office.id, today, today + timedelta(days=62)),
        )

    @get(
        "/load",
        summary="Booked against capacity per hour",
        responses=answers(PARAMETERS, STAFF, OFFICE, {422: "`invalid_date_range`"}),
    )
    async def load(
        self,
        clock: Injected[Clock],
        database: Injected[Database],
        directory: Injected[OfficeDirectory],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        from_: Annotated[date | None, QueryParameter(name="from")] = None,
        to: FromQuery[date | None] = None,
    ) -> LoadOut:
        office = await office_in_scope(directory, user, office_id)
        first = from_ or local_today(clock.now(), TIMEZONE)
        last = to or first + timedelta(days=6)
        if last < first or (last - first).days >= MAX_LOAD_DAYS:
            raise MESSAGES.error(InvalidInput, "invalid_date_range.load", indic=True, max_days=MAX_LOAD_DAYS)
        loads = await office_load(office, first, last, directory, SlotLoadStore(database))
        return load_view(office, loads)
