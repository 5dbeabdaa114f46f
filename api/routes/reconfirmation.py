"""Reconfirmation (README, "Reconfirmation"): a booking of a service with many no-shows is asked by
SMS, days before the visit, to be reconfirmed here; unconfirmed by the deadline it is released to
the waitlist."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, post
from litestar.status_codes import HTTP_200_OK

from api.audit import AuditTrail
from api.problems import PARAMETERS, answers
from api.providers import Injected
from api.rate_limits import RateLimits, guarded_lookup
from api.routes.bookings import Code, IdentityNumber, audit_booking
from api.views import instant
from booking.reconfirming import Reconfirming
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
