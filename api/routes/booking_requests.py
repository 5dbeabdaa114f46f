"""Flexible booking requests: a citizen names a service (or, for one trip, up to three), the
offices they accept and a window of days; the optimiser later chooses the slot. A request is
named by its code (8 characters, like a booking's) or by its 32-hex id, which the first requests
were shown by and old links carry.
Look-ups need the identity number (header ``X-Identity-Number``), and a wrong pair is the same 404
as an unknown code or id.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, delete, get, post
from litestar.params import JSONBody, PathParameter
from litestar.status_codes import HTTP_200_OK, HTTP_202_ACCEPTED

from api.planning_views import RequestOut, next_batch_view, request_view
from api.problems import BODY, PARAMETERS, answers
from api.proof_of_work import ProofOfWork
from api.providers import Injected
from api.rate_limits import RateLimits, booking_allowed, guarded_lookup
from api.routes.bookings import PROOF_OF_WORK, RATE_LIMITED, IdentityIn, IdentityNumber, asked_services
from api.scheduled_jobs import batch_schedule
from api.settings import Settings
from booking.booking_requests import RequestReference
from booking.calendar import local_today
from booking.flexible_booking import FlexibleBooking, RequestCommand
from booking.identity import normalise_phone, parse_identity
from booking.release import ReleasePolicy
from booking.request_offices import Reach
from booking.store.offices import OfficeDirectory
from kernel.clock import Clock
from kernel.days import TIMEZONE

LOOKUP = {
    404: "`request_not_found`: no request matches this code (or id) and identity number (the same for both)",
    429: "`rate_limited`: too many look-ups from this network or of this request (`Retry-After`)",
}


Reference = Annotated[
    str,
    PathParameter(
        description="The request's code (`7KQ2M9XD`; case, spaces and dashes do not matter) or its "
        "32-hex id (what the first requests were shown by, and old links carry).",
    ),
]


def limited_as(reference: str) -> str:
    """The one key a request's look-up limits count under however its code is typed (case,
    dashes, spaces, O for 0), so retyping a code does not buy more guesses of its identity
    number. A request's id and its code are two keys: whoever has the 32-hex id has the code."""
    named = RequestReference.read(reference)
    return (named.code or named.id or reference) if named else reference


class NearIn(msgspec.Struct):
    lat: float
    lon: float
    max_km: float


class BookingRequestIn(msgspec.Struct, kw_only=True):
    """Exactly one of ``offices``, ``governorate`` or ``near`` names the acceptable offices."""

    service: str | None = None
    """One service; or give ``services`` instead."""
    services: list[str] | None = None
    """One trip for up to three distinct services, in place of ``service``: the optimiser books
    them back to back at one office on one day, in the order the office serves them best
    (``services`` in the answer), at an office that offers every one of them."""
    identity: IdentityIn
    full_name: str
    phone: str
    first_day: date = msgspec.field(name="from")
    last_day: date = msgspec.field(name="to")
    offices: list[str] | None = None
    governorate: str | None = None
    near: NearIn | None = None
    time_of_day: str | None = None
    email: str | None = None
    lang: str = "ar"
    altcha: str | None = None
    """A solved proof-of-work puzzle (base64 ALTCHA payload), needed only when the server asks."""


class BookingRequestController(Controller):
    path = "/api/v1/booking-requests"
    tags = ["citizens"]

    @post(
        "",
        status_code=HTTP_202_ACCEPTED,
        summary="Ask for a visit (or one trip for several services) on any of several offices and days",
        description=(
            "`service`, or `services` (up to three, distinct) for one trip: the optimiser then books "
            "them back to back at one office on one day under one code, or refuses the whole request "
            "(`no_eligible_slot` when the offices never serve them back to back in the window). "
            "Each service is checked as a request for it alone would be: eligibility, no pending "
            "request and no active booking of it; the offices accepted offer every one of them."
        ),
        responses=answers(
            BODY,
            PROOF_OF_WORK,
            RATE_LIMITED,
            {
                404: "`office_not_found`",
                409: "`duplicate_request`, `duplicate_booking`, `booking_limit`, `mobile_booking_limit`, "
                "`no_show_ban`",
                422: "`invalid_national_id`, `invalid_passport`, `invalid_nationality`, `invalid_identity`, "
                "`invalid_phone`, `invalid_name`, `invalid_email`, `invalid_date_range`, "
                "`invalid_time_of_day`, `invalid_offices_choice`, `too_many_offices`, `unknown_governorate`, "
                "`invalid_location`, `no_office_in_reach`, `unknown_service`, `service_not_offered`, "
                "`identity_not_eligible`, `outside_booking_window`, `no_service`, `too_many_services`, "
                "`repeated_service`, `service_or_services`",
            },
        ),
    )
    async def create(
        self,
        request: Request[Any, Any, Any],
        flexible: Injected[FlexibleBooking],
        clock: Injected[Clock],
        settings: Injected[Settings],
        proof_of_work: Injected[ProofOfWork],
        limits: Injected[RateLimits],
        data: JSONBody[BookingRequestIn],
    ) -> RequestOut:
        # A request naming one office adds to that office's pressure; any request, to the system's.
        only_office = data.offices[0] if data.offices and len(data.offices) == 1 else None
        await proof_of_work.demand(only_office, data.altcha)
        today = local_today(clock.now(), TIMEZONE)
        near = (data.near.lat, data.near.lon, data.near.max_km) if data.near else None
        first, *also = asked_services(data.service, data.services)
        command = RequestCommand(
            service=first,
            also=tuple(also),
            identity=parse_identity(
                data.identity.type, data.identity.number, data.identity.nationality, today
            ),
            full_name=data.full_name,
            phone=normalise_phone(data.phone),
            reach=Reach.from_choice(data.offices, data.governorate, near),
            first_day=data.first_day,
            last_day=data.last_day,
            time_of_day=data.time_of_day,
            email=data.email,
            lang=data.lang,
        )
        await booking_allowed(limits, request, command.phone)
        kept = await flexible.submit(command)
        return request_view(kept, next_batch=next_batch_view(batch_schedule(settings), clock.now()))

    @get(
        "/{request_id:str}",
        summary="A request's status (by its code or id), and its booking once assigned",
        responses=answers(PARAMETERS, LOOKUP),
    )
    async def show(
        self,
        request: Request[Any, Any, Any],
        flexible: Injected[FlexibleBooking],
        directory: Injected[OfficeDirectory],
        release: Injected[ReleasePolicy],
        clock: Injected[Clock],
        settings: Injected[Settings],
        limits: Injected[RateLimits],
        request_id: Reference,
        identity_number: IdentityNumber = None,
    ) -> RequestOut:
        find = flexible.find(request_id, identity_number)
        found, booking = await guarded_lookup(limits, request, limited_as(request_id), find, kind="request")
        office = await directory.office(booking.office_id) if booking else None
        batch = next_batch_view(batch_schedule(settings), clock.now())
        return request_view(found, booking, office, release, batch)

    @delete(
        "/{request_id:str}",
        status_code=HTTP_200_OK,
        summary="Withdraw a pending request (by its code or id)",
        responses=answers(PARAMETERS, LOOKUP, {409: "`request_not_changeable`: it is no longer pending"}),
    )
    async def cancel(
        self,
        request: Request[Any, Any, Any],
        flexible: Injected[FlexibleBooking],
        release: Injected[ReleasePolicy],
        limits: Injected[RateLimits],
        request_id: Reference,
        identity_number: IdentityNumber = None,
    ) -> RequestOut:
        cancel = flexible.cancel(request_id, identity_number)
        cancelled = await guarded_lookup(limits, request, limited_as(request_id), cancel, kind="request")
        return request_view(cancelled, release=release)
