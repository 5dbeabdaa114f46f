"""What citizens can browse without logging in: services, offices, availability."""

from __future__ import annotations

from datetime import date
from typing import Annotated

import msgspec
from litestar import Controller, MediaType, Response, get
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, QueryParameter

from api.availability_cache import AvailabilityCache
from api.problems import PARAMETERS, answers, refusal
from api.views import (
    AvailabilityOut,
    OfficeDetailOut,
    OfficeOut,
    ServiceOut,
    availability_view,
    office_detail_view,
    office_view,
    service_view,
)
from booking.appointments import Appointments
from booking.offer import office_not_found, unknown_service
from booking.services import CATALOGUE, SERVICES


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
        appointments: NamedDependency[Appointments],
        service: FromQuery[str | None] = None,
        governorate: FromQuery[str | None] = None,
    ) -> list[OfficeOut]:
        if service and service not in SERVICES:
            raise unknown_service(service)
        offices = await appointments.offices.offices()
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
    async def office(
        self, appointments: NamedDependency[Appointments], office_id: FromPath[str]
    ) -> OfficeDetailOut:
        office = await appointments.offices.office(office_id)
        if office is None:
            raise office_not_found(office_id)
        return office_detail_view(office)

    @get(
        "/offices/{office_id:str}/availability",
        summary="Free slots per day for a service",
        responses={
            200: ResponseSpec(AvailabilityOut, description="Free slots per day", generate_examples=False),
            **answers(
                PARAMETERS,
                {
                    404: "`office_not_found`",
                    422: "`unknown_service`, `service_not_offered`, `invalid_date_range`",
                },
            ),
        },
    )
    async def availability(
        self,
        state: State,
        appointments: NamedDependency[Appointments],
        office_id: FromPath[str],
        service: FromQuery[str],
        from_: Annotated[date | None, QueryParameter(name="from")] = None,
        to: FromQuery[date | None] = None,
    ) -> Response[bytes]:
        cache: AvailabilityCache = state.availability_cache

        async def compute() -> bytes:
            days = await appointments.availability(office_id, service, from_, to)
            office = await appointments.offices.office(office_id)
            assert office is not None  # availability() already refused an unknown office
            view = availability_view(office, service, days, appointments.release, appointments.clock.now())
            return msgspec.json.encode(view)

        body = await cache.get_or_compute(office_id, service, (from_, to), compute)
        return Response(body, media_type=MediaType.JSON)


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
