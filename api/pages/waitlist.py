"""The waitlist's pages and the reconfirmation's, Arabic first: plain forms posted to the server
(no script needed, so they work on the cheapest phone from an SMS link), each answer rendered as
the next screen. The identity number goes in the form's body, never in an address.

- ``/waitlist``: join (service, an office or a governorate, days, identity, name, mobile), then the
  code texted to the mobile; linked from the booking page when no time fits.
- ``/waitlist/{entry_id}``: the entry's status with the identity number, and leaving it.
- ``/waitlist/offers/{offer_id}``: the SMS link: what is offered and until when; accept or decline.
- ``/reconfirm/{code}``: the reconfirmation SMS link.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from litestar import Controller, Request, get, post
from litestar.enums import RequestEncodingType
from litestar.params import Body, FromPath, FromQuery
from litestar.response import Template

from api.client_address import client_address
from api.pages.i18n import Translator
from api.pages.layout import page_language, render_page
from api.providers import Injected
from api.rate_limits import LOOKUPS_PER_ADDRESS, RateLimits, booking_allowed, guarded_lookup
from booking.calendar import local_today, to_local
from booking.identity import normalise_phone, parse_identity
from booking.messages import MESSAGES
from booking.notices import day_text, time_text
from booking.reconfirming import Reconfirming
from booking.request_offices import Reach
from booking.services import SERVICES
from booking.store.offices import OfficeDirectory
from booking.waitlisting import WaitCommand, Waitlisting
from kernel.clock import Clock
from kernel.days import TIMEZONE
from kernel.errors import DomainError, InvalidInput
from kernel.governorates import GOVERNORATES

Form = Annotated[dict[str, str], Body(media_type=RequestEncodingType.URL_ENCODED)]


def _error(request: Request[Any, Any, Any], error: DomainError) -> str:
    lang, _ = page_language(request)
    return error.detail_en if lang == "en" else error.detail_ar


async def _join_form(
    request: Request[Any, Any, Any],
    directory: OfficeDirectory,
    clock: Clock,
    values: dict[str, str],
    error: str = "",
) -> Template:
    today = local_today(clock.now(), TIMEZONE)
    offices = sorted(await directory.offices(), key=lambda office: office.id)
    return render_page(
        request,
        "citizen/waitlist.html",
        "waitlist.title",
        screen="join",
        services=list(SERVICES.values()),
        offices=offices,
        governorates=GOVERNORATES,
        values={"from": today.isoformat(), "to": (today + timedelta(days=13)).isoformat(), **values},
        error=error,
    )


class WaitlistPages(Controller):
    include_in_schema = False

    @get("/waitlist", summary="Join the waitlist")
    async def join_page(
        self,
        request: Request[Any, Any, Any],
        directory: Injected[OfficeDirectory],
        clock: Injected[Clock],
        service: FromQuery[str] = "",
        office: FromQuery[str] = "",
    ) -> Template:
        return await _join_form(request, directory, clock, {"service": service[:40], "office": office[:64]})

    @post("/waitlist", status_code=200, summary="Join the waitlist (the form)")
    async def join(
        self,
        request: Request[Any, Any, Any],
        waitlist: Injected[Waitlisting],
        directory: Injected[OfficeDirectory],
        clock: Injected[Clock],
        limits: Injected[RateLimits],
        data: Form,
    ) -> Template:
        values = {key: str(value)[:200] for key, value in data.items()}
        try:
            today = local_today(clock.now(), TIMEZONE)
            governorate = values.get("governorate") or None
            command = WaitCommand(
                service=values.get("service", ""),
                identity=parse_identity("national_id", values.get("identity_number", ""), None, today),
                full_name=values.get("full_name", ""),
                phone=normalise_phone(values.get("phone", "")),
                reach=Reach.from_choice(
                    None if governorate else [values.get("office", "")], governorate, None
                ),
                first_day=_day(values.get("from", "")),
                last_day=_day(values.get("to", "")),
                lang=page_language(request)[0],
            )
            await booking_allowed(limits, request, command.phone)
            entry = await waitlist.join(command)
        except DomainError as error:
            values.pop("identity_number", None)
            return await _join_form(request, directory, clock, values, _error(request, error))
        return render_page(request, "citizen/waitlist.html", "waitlist.title", screen="joined", entry=entry)

    @post("/waitlist/{entry_id:str}/confirm", status_code=200, summary="Confirm the mobile (the form)")
    async def confirm(
        self,
        request: Request[Any, Any, Any],
        waitlist: Injected[Waitlisting],
        entry_id: FromPath[str],
        data: Form,
    ) -> Template:
        try:
            entry = await waitlist.confirm(entry_id, data.get("code", ""))
        except DomainError as error:
            found = await waitlist.store.find(entry_id)
            return render_page(
                request,
                "citizen/waitlist.html",
                "waitlist.title",
                screen="joined",
                entry=found,
                error=_error(request, error),
            )
        return render_page(request, "citizen/waitlist.html", "waitlist.title", screen="joined", entry=entry)

    @get("/waitlist/{entry_id:str}", summary="A waitlist entry")
    async def entry_page(self, request: Request[Any, Any, Any], entry_id: FromPath[str]) -> Template:
        return render_page(
            request, "citizen/waitlist.html", "waitlist.status_title", screen="lookup", entry_id=entry_id[:64]
        )

    @post("/waitlist/{entry_id:str}", status_code=200, summary="A waitlist entry (with the identity number)")
    async def entry_status(
        self,
        request: Request[Any, Any, Any],
        waitlist: Injected[Waitlisting],
        limits: Injected[RateLimits],
        entry_id: FromPath[str],
        data: Form,
    ) -> Template:
        number = data.get("identity_number", "")
        try:
            if data.get("action") == "leave":
                await guarded_lookup(
                    limits, request, entry_id, waitlist.leave(entry_id, number), kind="waitlist"
                )
            found = waitlist.find(entry_id, number)
            entry, offers = await guarded_lookup(limits, request, entry_id, found, kind="waitlist")
        except DomainError as error:
            return render_page(
                request,
                "citizen/waitlist.html",
                "waitlist.status_title",
                screen="lookup",
                entry_id=entry_id[:64],
                error=_error(request, error),
            )
        return render_page(
            request,
            "citizen/waitlist.html",
            "waitlist.status_title",
            screen="status",
            entry=entry,
            service=Translator(page_language(request)[0]).pick(
                SERVICES[entry.service].name_ar, SERVICES[entry.service].name_en
            ),
            offers=offers,
            left=data.get("action") == "leave",
        )

    @get("/waitlist/offers/{offer_id:str}", summary="An offer from the waitlist")
    async def offer_page(
        self,
        request: Request[Any, Any, Any],
        waitlist: Injected[Waitlisting],
        directory: Injected[OfficeDirectory],
        clock: Injected[Clock],
        limits: Injected[RateLimits],
        offer_id: FromPath[str],
    ) -> Template:
        await limits.check(LOOKUPS_PER_ADDRESS, client_address(request))
        return await _offer_screen(request, waitlist, directory, clock, offer_id)

    @post("/waitlist/offers/{offer_id:str}", status_code=200, summary="Answer an offer (the form)")
    async def answer(
        self,
        request: Request[Any, Any, Any],
        waitlist: Injected[Waitlisting],
        directory: Injected[OfficeDirectory],
        clock: Injected[Clock],
        limits: Injected[RateLimits],
        offer_id: FromPath[str],
        data: Form,
    ) -> Template:
        number = data.get("identity_number", "")
        try:
            if data.get("action") == "decline":
                await guarded_lookup(
                    limits, request, offer_id, waitlist.decline(offer_id, number), kind="offer"
                )
                return await _offer_screen(request, waitlist, directory, clock, offer_id, declined=True)
            accept = waitlist.accept(offer_id, number)
            booking = await guarded_lookup(limits, request, offer_id, accept, kind="offer")
        except DomainError as error:
            return await _offer_screen(
                request, waitlist, directory, clock, offer_id, error=_error(request, error)
            )
        return render_page(request, "citizen/waitlist.html", "offer.title", screen="booked", booking=booking)

    @get("/reconfirm/{code:str}", summary="Reconfirm a booking")
    async def reconfirm_page(self, request: Request[Any, Any, Any], code: FromPath[str]) -> Template:
        return render_page(request, "citizen/reconfirm.html", "reconfirm.title", code=code[:12], done=False)

    @post("/reconfirm/{code:str}", status_code=200, summary="Reconfirm a booking (the form)")
    async def reconfirm(
        self,
        request: Request[Any, Any, Any],
        reconfirming: Injected[Reconfirming],
        limits: Injected[RateLimits],
        code: FromPath[str],
        data: Form,
    ) -> Template:
        try:
            done = reconfirming.reconfirm(code, data.get("identity_number", ""))
            booking, _ = await guarded_lookup(limits, request, code, done)
        except DomainError as error:
            return render_page(
                request,
                "citizen/reconfirm.html",
                "reconfirm.title",
                code=code[:12],
                done=False,
                error=_error(request, error),
            )
        return render_page(request, "citizen/reconfirm.html", "reconfirm.title", code=booking.code, done=True)


def _day(value: str) -> date:
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise MESSAGES.error(InvalidInput, "invalid_date_range") from None


async def _offer_screen(
    request: Request[Any, Any, Any],
    waitlist: Waitlisting,
    directory: OfficeDirectory,
    clock: Clock,
    offer_id: str,
    *,
    declined: bool = False,
    error: str = "",
) -> Template:
    """The offer as its page shows it: what, where, when, until when (nothing about whom)."""
    try:
        offer, _ = await waitlist.offer(offer_id)
    except DomainError as gone:
        page = render_page(
            request, "citizen/waitlist.html", "offer.title", screen="offer_gone", error=_error(request, gone)
        )
        page.status_code = 404
        return page
    lang, _ = page_language(request)
    t = Translator(lang)
    office = await directory.office(offer.office_id)
    service = SERVICES[offer.service]
    until = to_local(offer.expires_at, TIMEZONE)
    return render_page(
        request,
        "citizen/waitlist.html",
        "offer.title",
        screen="offer",
        offer=offer,
        open=offer.live(clock.now()),
        what=t(
            "offer.what",
            service=t.pick(service.name_ar, service.name_en),
            office=t.pick(office.name_ar, office.name_en) if office else offer.office_id,
        ),
        when=t("offer.when", day=day_text(offer.day, lang), time=time_text(offer.starts_at, lang)),
        until=t(
            "offer.until",
            until=f"{day_text(until.date(), lang, year=False)} {time_text(offer.expires_at, lang)}",
        ),
        declined=declined,
        error=error,
    )
