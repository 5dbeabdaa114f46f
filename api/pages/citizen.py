"""The citizen's pages: ``/`` to book a visit (or ask for one), ``/my-booking`` to see, move (to
another time or office) or cancel a booking, and ``/my-request`` to follow a flexible request.

The server renders what it knows without asking the database twice — the service catalogue,
the governorates that have offices, the nationalities, the days a request may name — and the
page's scripts call the JSON API for what changes by the second (offices for a service,
availability, the booking or request itself).
"""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.params import FromQuery
from litestar.response import Template

from api.pages.i18n import Translator
from api.pages.layout import page_language, render_page
from api.pages.nationalities import common_nationalities, nationalities
from api.pages.request_days import open_weekdays, request_days
from api.providers import Injected
from api.rate_limits import RateLimits, guide_question_allowed
from api.routes.guide import ask
from booking.appointments import Appointments
from booking.chains import MAX_SERVICES, chain_order
from booking.offices import Office
from booking.services import CATALOGUE, SERVICES, Service
from booking.store.offices import OfficeDirectory
from guidance.guide import Guide
from kernel.clock import Clock
from kernel.errors import InvalidInput
from kernel.governorates import GOVERNORATES, Governorate

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
REQUEST_ID_LENGTH = 32


def governorates_with(offices: list[Office]) -> list[Governorate]:
    """The governorates that have an office, in the order of the national-ID codes (how Egyptian
    forms list them): what the office choosers offer to filter by."""
    with_offices = {office.governorate for office in offices}
    return [g for g in GOVERNORATES if g.slug in with_offices]


def service_groups() -> list[tuple[str, list[Service]]]:
    return [(key, [SERVICES[code] for code in codes]) for key, codes in SERVICE_GROUPS]


def names(t: Translator) -> dict[str, dict[str, str]]:
    """Service and governorate names in the page's language, for scripts that describe a request
    (the request's JSON names them by code and slug)."""
    return {
        "services": {service.code: t.pick(service.name_ar, service.name_en) for service in CATALOGUE},
        "governorates": {g.slug: t.pick(g.name_ar, g.name_en) for g in GOVERNORATES},
    }


def chain_ranks() -> dict[str, int]:
    """Each service's place in ``chain_order``: the booking page sorts the services a citizen
    chains by it, so it shows the order the server will book them in without asking."""
    return {code: n for n, code in enumerate(chain_order([service.code for service in CATALOGUE]))}


def chosen_also(service: str, also: str) -> list[str]:
    """``?also=a,b``: the services added to ``service`` for one trip (book again of a chain), the
    known ones, each once, not the first again, as many as a chain holds."""
    if service not in SERVICES:
        return []
    kept: list[str] = []
    for code in (part.strip() for part in also.split(",")):
        if code in SERVICES and code != service and code not in kept:
            kept.append(code)
    return kept[: MAX_SERVICES - 1]


class CitizenPages(Controller):
    include_in_schema = False

    @get("/", summary="Book a visit")
    async def book(
        self,
        request: Request[Any, Any, Any],
        directory: Injected[OfficeDirectory],
        clock: Injected[Clock],
        guide: Injected[Guide],
        limits: Injected[RateLimits],
        appointments: Injected[Appointments],
        service: FromQuery[str] = "",
        also: FromQuery[str] = "",
        q: FromQuery[str | None] = None,
    ) -> Template:
        """``?service=`` opens the page with that service chosen (the way back from a request
        that found no time); ``&also=a,b`` with those services added for one trip (booking a
        chain again); ``?q=`` answers a question in the question box (its form without a
        script)."""
        lang, _ = page_language(request)
        answer, error = None, None
        if q is not None:
            await guide_question_allowed(limits, request)
            try:
                answer = await ask(guide, q, lang)
            except InvalidInput as refused:
                error = refused.detail_ar if lang == "ar" else refused.detail_en
        offices = await directory.offices()
        groups = service_groups()
        return render_page(
            request,
            "citizen/book.html",
            "book.title",
            service_groups=groups,
            services=[service for _, group in groups for service in group],
            chosen_service=service if service in SERVICES and not SERVICES[service].walk_in_only else "",
            chosen_also=chosen_also(service, also),
            chain_ranks=chain_ranks(),
            max_services=MAX_SERVICES,
            party_sizes=list(range(1, 2 + appointments.max_companions)),
            governorates=governorates_with(offices),
            nationalities=nationalities(lang),
            common_nationalities=common_nationalities(lang),
            request_days=request_days(clock.now(), open_weekdays(offices)),
            names=names(Translator(lang)),
            guide_question=(q or "")[:300],
            guide_answer=answer,
            guide_error=error,
        )

    @get("/my-booking", summary="See, move or cancel a booking")
    async def my_booking(
        self, request: Request[Any, Any, Any], directory: Injected[OfficeDirectory], code: FromQuery[str] = ""
    ) -> Template:
        lang, _ = page_language(request)
        return render_page(
            request,
            "citizen/my_booking.html",
            "my.title",
            code=code.strip()[:12],
            nationalities=nationalities(lang),  # the lost-code form's passport holders
            governorates=governorates_with(await directory.offices()),  # moving to another office
            names=names(Translator(lang)),  # a chain's visits, named
        )

    @get("/my-request", summary="Follow a flexible booking request")
    async def my_request(self, request: Request[Any, Any, Any], request_id: FromQuery[str] = "") -> Template:
        """``?request_id=`` pre-fills the request's number (the confirmation's link and QR code)."""
        lang, _ = page_language(request)
        return render_page(
            request,
            "citizen/my_request.html",
            "request.status_title",
            request_id=request_id.strip()[: REQUEST_ID_LENGTH + 16],
            names=names(Translator(lang)),
        )
