"""Who did what, where and when: ``GET /api/v1/manage/audit?office=&from=&to=&actor=``.

Managers read their own offices' events (events tied to no office, such as logins and refusals
of anonymous clients, are for administrators); administrators read everything. Newest first,
a page at a time: ``before`` is the ``next_before`` of the previous page.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Annotated, Any

import msgspec
from litestar import Controller, get
from litestar.params import FromQuery, QueryParameter

from api.auth import STAFF_ONLY, requires
from api.messages import MESSAGES
from api.providers import Injected
from api.routes.manager_queries import cairo_midnight, manager_dependencies, offices_in_view, report_refusals
from api.views import instant
from booking.staff import Role, StaffUser
from booking.store.audit_events import AuditEvent, AuditEventStore, AuditQuery
from booking.store.offices import OfficeDirectory
from kernel.days import TIMEZONE
from kernel.errors import InvalidInput

DEFAULT_PAGE = 50
MAX_PAGE = 200


REFUSALS = report_refusals("`invalid_audit_query`: a bad date, an empty range or a page size out of bounds")

BAD_QUERY = MESSAGES.refusal(InvalidInput, "invalid_audit_query", indic=True, max_page=MAX_PAGE)


def _moment(value: str | None, end: bool) -> datetime | None:
    """A date is Cairo's whole day (``to`` includes it); an instant needs its UTC offset."""
    if value is None or value == "":
        return None
    try:
        if len(value) == 10:
            return cairo_midnight(date.fromisoformat(value) + timedelta(days=1 if end else 0))
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise BAD_QUERY() from None
    if moment.tzinfo is None:
        raise BAD_QUERY()
    return moment


class EventOut(msgspec.Struct):
    """Who (``actor``: ``staff:NAME``, ``citizen:DIGEST-PREFIX`` or ``anonymous``) did what
    (``action``), where and to what, with what changed (``detail``), from which address."""

    id: int
    at: str
    actor: str
    action: str
    office_id: str | None
    target: str | None
    detail: dict[str, Any] | None
    address: str | None


class EventsOut(msgspec.Struct):
    """A page of events, newest first; ``next_before`` asks for the next page (null: the last)."""

    events: list[EventOut]
    next_before: int | None


def event_view(event: AuditEvent) -> EventOut:
    return EventOut(
        id=event.id,
        at=instant(event.at, TIMEZONE),
        actor=event.actor,
        action=event.action,
        office_id=event.office_id,
        target=event.target,
        detail=event.detail,
        address=event.address,
    )


class AuditController(Controller):
    path = "/api/v1/manage/audit"
    tags = ["managers"]
    guards = [requires(Role.MANAGER)]
    security = STAFF_ONLY
    dependencies = manager_dependencies()

    @get(
        "/",
        summary="The audit log: managers their offices' events, administrators all; newest first",
        responses=REFUSALS,
    )
    async def events(
        self,
        audit_events: Injected[AuditEventStore],
        directory: Injected[OfficeDirectory],
        user: Injected[StaffUser],
        office: FromQuery[str | None] = None,
        from_: Annotated[str | None, QueryParameter(name="from")] = None,
        to: FromQuery[str | None] = None,
        actor: FromQuery[str | None] = None,
        before: FromQuery[int | None] = None,
        limit: FromQuery[int] = DEFAULT_PAGE,
    ) -> EventsOut:
        in_view = await offices_in_view(directory, user, office)
        offices = None if in_view is None else tuple(sorted(in_view))
        since, until = _moment(from_, end=False), _moment(to, end=True)
        if not 1 <= limit <= MAX_PAGE or (since and until and since >= until):
            raise BAD_QUERY()
        events = await audit_events.list(
            AuditQuery(
                offices=offices,
                since=since,
                until=until,
                actor=actor or None,
                before_id=before,
                limit=limit,
            )
        )
        return EventsOut(
            events=[event_view(e) for e in events],
            next_before=events[-1].id if len(events) == limit else None,
        )
