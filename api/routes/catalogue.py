"""What citizens can browse without logging in: services, offices, availability."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec
from litestar import Controller, MediaType, Response, get
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, HeaderParameter, QueryParameter
from litestar.status_codes import HTTP_304_NOT_MODIFIED

from api.availability_answers import AvailabilityAnswers
from api.availability_blocks import unchanged
from api.office_today import TTL_SECONDS, OfficeToday, OfficeTodayOut
from api.problems import PARAMETERS, answers, refusal
from api.providers import Injected
from api.views import (
    AvailabilityOut,
    OfficeDetailOut,
    OfficeOut,
    ServiceOut,
    office_detail_view,
    office_view,
    service_view,
)
from booking.offer import office_not_found, unknown_service
from booking.services import CATALOGUE, SERVICES
from booking.store.offices import OfficeDirectory


class CatalogueController(Controller):
    path = "/api/v1"
    tags = ["citizens"]

    @get("/services", summary="Services that can be booked", responses=answers())
    async def services(self) -> list[ServiceOut]:
        return [service_view(service) for service in CATALOGUE]

    @get(
        "/offices",
        summary="Offices, optionally by service and governorate",
        responses=answers(PARAMETERS, {422: "`unknown_service`"}),
    )
    async def offices(
        self,
        directory: Injected[OfficeDirectory],
        service: FromQuery[str | None] = None,
        governorate: FromQuery[str | None] = None,
    ) -> list[OfficeOut]:
        if service and service not in SERVICES:
            raise unknown_service(service)
        offices = await directory.offices()
        return [
            office_view(office)
            for office in offices
            if (not service or office.offers(service))
            and (not governorate or office.governorate == governorate.strip().lower())
        ]

    @get(
        "/offices/{office_id:str}",
        summary="One office with its hours and counters",
        responses=answers(PARAMETERS, {404: "`office_not_found`"}),
    )
    async def office(self, directory: Injected[OfficeDirectory], office_id: FromPath[str]) -> OfficeDetailOut:
        office = await directory.office(office_id)
        if office is None:
            raise office_not_found(office_id)
        return office_detail_view(office)

    @get(
        "/offices/{office_id:str}/availability",
        summary="Free slots per day for a service, or the starts at which several services fit",
        description=(
            "`service` once: that service's slots. `service` repeated (up to three, distinct): one "
            "trip for several services, served back to back in the order the office serves them "
            "best (`services` in the answer); each slot is a start at which the whole chain fits, "
            "each visit at the slot following the previous one's, with its `visits`, its `end` "
            "(the last visit's) and `remaining` (the fewest seats any visit's slot has left). "
            "`people=N` (default 1): only starts at which a party of N fits, served one after the "
            "other (each slot then spans the party's block, `visits` each service's block, and "
            "`remaining` is how many such parties still fit)."
        ),
        responses={
            200: ResponseSpec(AvailabilityOut, description="Free slots per day", generate_examples=False),
            **answers(
                PARAMETERS,
                {
                    404: "`office_not_found`",
                    422: "`unknown_service`, `service_not_offered`, `invalid_date_range`, "
                    "`too_many_services`, `repeated_service`, `too_many_people`",
                },
            ),
        },
    )
    async def availability(
        self,
        availability: Injected[AvailabilityAnswers],
        office_id: FromPath[str],
        service: Annotated[
            list[str], QueryParameter(description="A service code; repeat it for one trip of several.")
        ],
        from_: Annotated[date | None, QueryParameter(name="from")] = None,
        to: FromQuery[date | None] = None,
        people: Annotated[
            int,
            QueryParameter(description="How many people one appointment is for (README, 'Several people')."),
        ] = 1,
        if_none_match: Annotated[
            str | None,
            HeaderParameter(
                name="If-None-Match", description="The `ETag` of an answer already held: `304` if unchanged."
            ),
        ] = None,
    ) -> Response[bytes]:
        answer = await availability.answer(office_id, service, from_, to, people)
        # Nothing personal in it: any cache may keep it, but must ask again each time (a 304 is cheap).
        headers = {"ETag": answer.etag, "Cache-Control": "no-cache"}
        if unchanged(if_none_match, answer.etag):
            return Response(b"", status_code=HTTP_304_NOT_MODIFIED, headers=headers)
        return Response(answer.body, media_type=MediaType.JSON, headers=headers)

    @get(
        "/offices/{office_id:str}/today",
        summary="Today at an office for a service: people waiting, the estimated wait, the nearest free day",
        description="Figures only (what the hall's screen shows anyone in the room), kept for 30 seconds.",
        responses={
            200: ResponseSpec(OfficeTodayOut, description="The office's day", generate_examples=False),
            **answers(
                PARAMETERS, {404: "`office_not_found`", 422: "`unknown_service`, `service_not_offered`"}
            ),
        },
    )
    async def today(
        self, office_today: Injected[OfficeToday], office_id: FromPath[str], service: FromQuery[str]
    ) -> Response[bytes]:
        body = await office_today.answer(office_id, service)
        # Anyone may keep it as long as the server does: it is the same for everyone.
        headers = {"Cache-Control": f"public, max-age={int(TTL_SECONDS)}"}
        return Response(body, media_type=MediaType.JSON, headers=headers)


class Health(msgspec.Struct):
    status: str
    """``ok``: the process answers (it asks nothing of the database or Redis)."""


class HealthController(Controller):
    path = "/api/v1"
    tags = ["operations"]

    @get(
        "/health",
        summary="Liveness; also the bare endpoint the benchmark compares against",
        responses={400: refusal("`invalid_characters`: a NUL in the query or a header")},
    )
    async def health(self) -> Health:
        return Health("ok")
