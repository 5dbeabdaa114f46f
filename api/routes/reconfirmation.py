"""Reconfirmation (README, "Reconfirmation"): a booking of a service with many no-shows is asked by
SMS, days before the visit, to be reconfirmed here; unconfirmed by the deadline it is released to
the waitlist."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.params import FromPath
from litestar.status_codes import HTTP_200_OK

from api.audit import AuditTrail
from api.auth import ManagerController
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
from api.rate_limits import RateLimits, guarded_lookup
from api.routes.bookings import Code, IdentityNumber, audit_booking
from api.routes.capacity import office_in_scope
from api.views import instant
from booking.reconfirming import NoShowRate, Reconfirming
from booking.staff import StaffUser
from booking.store.offices import OfficeDirectory
from kernel.days import TIMEZONE


class ReconfirmationOut(msgspec.Struct):
    code: str
    status: str
    """``reconfirmed``."""
    reconfirmed_at: str
    deadline: str
    """The end of the window it was asked in."""


class ReconfirmationController(Controller):
    path = "/api/v1/bookings"
    tags = ["citizens"]

    @post(
        "/{code:str}/reconfirm",
        status_code=HTTP_200_OK,
        summary="Reconfirm a booking asked to be reconfirmed (by SMS) before its deadline",
        responses=answers(
            BODY,
            PARAMETERS,
            {
                404: "`booking_not_found`: no booking matches this code and identity number",
                409: "`reconfirm_not_needed`: it was not asked, was released, or the deadline passed",
                429: "`rate_limited`",
            },
        ),
    )
    async def reconfirm(
        self,
        request: Request[Any, Any, Any],
        reconfirming: Injected[Reconfirming],
        audit: Injected[AuditTrail],
        limits: Injected[RateLimits],
        code: Code,
        identity_number: IdentityNumber = None,
    ) -> ReconfirmationOut:
        done = reconfirming.reconfirm(code, identity_number)
        booking, state = await guarded_lookup(limits, request, code, done)
        await audit_booking(audit, request, "booking.reconfirmed", booking)
        assert state.confirmed_at is not None
        return ReconfirmationOut(
            code=booking.code,
            status="reconfirmed",
            reconfirmed_at=instant(state.confirmed_at, TIMEZONE),
            deadline=instant(state.deadline, TIMEZONE),
        )


class NoShowsOut(msgspec.Struct):
    """Missed visits on past days among an office's bookings of one service, asked to reconfirm
    or not asked."""

    service: str
    asked: bool
    visits: int
    """Bookings of past days not cancelled."""
    missed: int
    """Marked no-show at the counter, or never checked in."""
    rate: float | None
    released: int
    """Asked bookings cancelled because they were not reconfirmed in time."""


class NoShowReportOut(msgspec.Struct):
    office_id: str
    services: list[str]
    """The services whose bookings are asked to reconfirm (``MAWID_RECONFIRM_SERVICES``)."""
    ask_days: int
    until_days: int
    rows: list[NoShowsOut]


def _row(rate: NoShowRate) -> NoShowsOut:
    share = None if rate.rate is None else round(rate.rate, 4)
    return NoShowsOut(rate.service, rate.asked, rate.visits, rate.missed, share, rate.released)


class NoShowController(ManagerController):
    path = "/api/v1/manage/offices/{office_id:str}"

    @get(
        "/no-shows",
        summary="No-show rates of the services asked to reconfirm: bookings asked against not asked",
        responses=answers(PARAMETERS, STAFF, {404: "`office_not_found`"}),
    )
    async def no_shows(
        self,
        reconfirming: Injected[Reconfirming],
        directory: Injected[OfficeDirectory],
        user: Injected[StaffUser],
        office_id: FromPath[str],
    ) -> NoShowReportOut:
        office = await office_in_scope(directory, user, office_id)
        policy = reconfirming.policy
        return NoShowReportOut(
            office_id=office.id,
            services=sorted(policy.services),
            ask_days=policy.ask_days,
            until_days=policy.until_days,
            rows=[_row(rate) for rate in await reconfirming.no_show_rates([office.id])],
        )
