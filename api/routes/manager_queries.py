"""What the managers' reports share (the audit log, the brokered bookings): who may read them —
managers their offices', administrators every office's —, which offices one query covers, how a
day of the query becomes an instant (Cairo midnight), and how their refusals are documented."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from litestar.di import Provide
from litestar.openapi.datastructures import ResponseSpec

from api.auth import provide_staff
from api.problems import PARAMETERS, STAFF, answers
from api.routes.capacity import office_in_scope
from booking.staff import Role, StaffUser
from booking.store.offices import OfficeDirectory
from kernel.days import TIMEZONE


def manager_dependencies(**more: Provide) -> dict[str, Provide]:
    """The caller (``user``), and ``more``."""
    return {"user": Provide(provide_staff), **more}


def report_refusals(bad_query: str) -> dict[int, ResponseSpec]:
    """The refusals of a report: what every query may get (``api.problems.answers``), no token,
    not a manager or not their office, no such office, and ``bad_query`` (the report's own 422)."""
    return answers(PARAMETERS, STAFF, {404: "`office_not_found`", 422: bad_query})


async def offices_in_view(directory: OfficeDirectory, user: StaffUser, office: str | None) -> set[str] | None:
    """The offices a query covers: ``office`` when it names one (refused unless it is the
    caller's), else every office of the caller's; None for an administrator: all of them."""
    if office:
        return {(await office_in_scope(directory, user, office)).id}
    return None if user.role is Role.ADMIN else set(user.offices)


def cairo_midnight(day: date) -> datetime:
    """The instant ``day`` begins in Cairo: a query's ``from`` day starts there, and its ``to``
    day (included) ends at the next day's."""
    return datetime.combine(day, time.min, ZoneInfo(TIMEZONE))
