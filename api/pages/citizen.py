"""The citizen's pages: ``/`` to book a visit and ``/my-booking`` to see, move or cancel one.

The server renders what it knows without asking the database twice — the service catalogue,
the governorates that have offices, the nationalities — and the page's scripts call the JSON API
for what changes by the second (offices for a service, availability, the booking itself).
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Template

from api.pages.layout import page_language, render_page
from api.pages.nationalities import common_nationalities, nationalities
from booking.appointments import Appointments
from booking.governorates import GOVERNORATES
from booking.services import SERVICES, Service

# How the booking page groups the catalogue; every service belongs to exactly one group
# (tests/integration/test_pages.py holds us to it).
SERVICE_GROUPS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("service.group.passports", ("passport-new", "passport-renewal", "passport-replacement")),
    ("service.group.foreigners", ("residence-new", "residence-renewal", "visa-extension", "work-permit")),
    (
        "service.group.traffic",
        ("driving-licence-renewal", "driving-licence-replacement", "vehicle-licence-renewal"),
    ),
    ("service.group.certificates", ("criminal-record-certificate", "civil-certificate")),
)


def service_groups() -> list[tuple[str, list[Service]]]:
    return [(key, [SERVICES[code] for code in codes]) for key, codes in SERVICE_GROUPS]


class CitizenPages(Controller):
    include_in_schema = False

    @get("/", summary="Book a visit")
    async def book(
        self, request: Request[Any, Any, Any], appointments: NamedDependency[Appointments]
    ) -> Template:
        lang, _ = page_language(request)
        with_offices = {office.governorate for office in await appointments.offices.offices()}
        # In the order of the national-ID codes, which is how Egyptian forms list them.
        governorates = [g for g in GOVERNORATES if g.slug in with_offices]
        groups = service_groups()
        return render_page(
            request,
            "citizen/book.html",
            "book.title",
            service_groups=groups,
            services=[service for _, group in groups for service in group],
            governorates=governorates,
            nationalities=nationalities(lang),
            common_nationalities=common_nationalities(lang),
        )

    @get("/my-booking", summary="See, move or cancel a booking")
    async def my_booking(self, request: Request[Any, Any, Any], code: FromQuery[str] = "") -> Template:
        return render_page(request, "citizen/my_booking.html", "my.title", code=code.strip()[:12])
