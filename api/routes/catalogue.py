"""What citizens can browse without logging in: services, offices, availability."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import msgspec
from litestar import Controller, MediaType, Response, get
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, QueryParameter

from api.availability_cache import AvailabilityCache
from api.views import availability_view, office_view, service_view
from booking.appointments import Appointments, office_not_found, unknown_service
from booking.services import CATALOGUE, SERVICES


class CatalogueController(Controller):
    path = "/api/v1"
    tags = ["citizens"]

    @get("/services", summary="Services that can be booked")
    async def services(self) -> list[dict[str, Any]]:
        return [service_view(service) for service in CATALOGUE]

    @get("/offices", summary="Offices, optionally by service and governorate")
    async def offices(
        self,
        appointments: NamedDependency[Appointments],
        service: FromQuery[str | None] = None,
        governorate: FromQuery[str | None] = None,
    ) -> list[dict[str, Any]]:
        if service and service not in SERVICES:
            raise unknown_service(service)
        offices = await appointments.offices.offices()
        return [
            office_view(office)
            for office in offices
            if (not service or office.offers(service))
            and (not governorate or office.governorate == governorate.strip().lower())
        ]

    @get("/offices/{office_id:str}", summary="One office with its hours and counters")
    async def office(
        self, appointments: NamedDependency[Appointments], office_id: FromPath[str]
    ) -> dict[str, Any]:
        office = await appointments.offices.office(office_id)
        if office is None:
            raise office_not_found(office_id)
        return office_view(office, detailed=True)

    @get("/offices/{office_id:str}/availability", summary="Free slots per day for a service")
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


class HealthController(Controller):
    path = "/api/v1"
    tags = ["operations"]

    @get("/health", summary="Liveness; also the bare endpoint the benchmark compares against")
    async def health(self) -> dict[str, str]:
        return {"status": "ok"}
