"""The waitlist (README, "Waitlist"): a citizen who finds no free time joins it with a verified
mobile; a freed seat is offered to the first matching person by SMS and held for them for a while;
they accept it here (the booking) or decline it (the seat goes on). Look-ups and answers need the
identity number (header ``X-Identity-Number``); a wrong one is the same 404 as an unknown id.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, delete, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody, PathParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_202_ACCEPTED
from msgspec import UNSET, UnsetType

from api.audit import AuditTrail
from api.problems import BODY, PARAMETERS, answers
from api.providers import Injected
from api.rate_limits import RateLimits, booking_allowed, guarded_lookup
from api.routes.booking_holds import CodeIn
from api.routes.booking_requests import NearIn
from api.routes.bookings import RATE_LIMITED, IdentityIn, IdentityNumber, audit_booking
from api.views import BookingOut, booking_view, instant
from booking.calendar import local_today
from booking.identity import normalise_phone, parse_identity
from booking.offices import Office
from booking.request_offices import Reach
from booking.services import SERVICES
from booking.store.offices import OfficeDirectory
from booking.waitlist import Entry, Offer
from booking.waitlisting import WaitCommand, Waitlisting
from kernel.clock import Clock
from kernel.days import TIMEZONE

EntryId = Annotated[str, PathParameter(description="The entry's id, from the 202 of POST /api/v1/waitlist.")]
OfferId = Annotated[str, PathParameter(description="The offer's id, from the link in its SMS.")]
ENTRY_LOOKUP = {
    404: "`waitlist_not_found`: no entry matches this id and identity number (the same for both)",
    429: "`rate_limited`: too many look-ups (`Retry-After`)",
}
OFFER_LOOKUP = {
    404: "`offer_not_found`: no live offer matches this id and identity number (answered, run out, or "
    "another person's: the same answer)",
    429: "`rate_limited`: too many look-ups (`Retry-After`)",
}


class WaitlistIn(msgspec.Struct, kw_only=True):
    """Exactly one of ``offices``, ``governorate`` or ``near`` names the acceptable offices."""

    service: str
    identity: IdentityIn
    full_name: str
    phone: str
    first_day: date = msgspec.field(name="from")
    last_day: date = msgspec.field(name="to")
    offices: list[str] | None = None
    governorate: str | None = None
    near: NearIn | None = None
    email: str | None = None
    lang: str = "ar"


class OfferOut(msgspec.Struct):
    """A freed seat held for one person on the waitlist until ``expires_at``; no personal data."""

    offer_id: str
    status: str
    """``offered`` (open until ``expires_at``), ``accepted``, ``declined`` or ``expired``."""
    service: str
    service_name_en: str
    service_name_ar: str
    office_id: str
    office_name_en: str
    office_name_ar: str
    start: str
    date: str
    expires_at: str


class WaitlistOut(msgspec.Struct):
    entry_id: str
    status: str
    """``awaiting_verification`` (type the code texted), ``waiting``, ``offered`` (an offer is open),
    ``booked``, ``left``, ``lapsed`` (an offer went unanswered) or ``ended`` (the days passed)."""
    service: str
    offices: list[str]
    first_day: str = msgspec.field(name="from")
    last_day: str = msgspec.field(name="to")
    phone_last4: str
    identity_last4: str
    created_at: str
    code_expires_at: str | UnsetType = UNSET
    """While awaiting verification: when the code stops working."""
    offers: list[OfferOut] | UnsetType = UNSET
    """On a look-up with the identity number: the offers made to this entry, oldest first."""


def offer_view(offer: Offer, office: Office | None) -> OfferOut:
    service = SERVICES[offer.service]
    tz = office.timezone if office else TIMEZONE
    return OfferOut(
        offer_id=offer.offer_id,
        status=offer.status.value,
        service=offer.service,
        service_name_en=service.name_en,
        service_name_ar=service.name_ar,
        office_id=offer.office_id,
        office_name_en=office.name_en if office else offer.office_id,
        office_name_ar=office.name_ar if office else offer.office_id,
        start=instant(offer.starts_at, tz),
        date=offer.day.isoformat(),
        expires_at=instant(offer.expires_at, tz),
    )


async def entry_view(
    entry: Entry, directory: OfficeDirectory, offers: list[Offer] | None = None
) -> WaitlistOut:
    awaiting = entry.hold is not None and entry.status.value == "awaiting_verification"
    return WaitlistOut(
        entry_id=entry.entry_id,
        status=entry.status.value,
        service=entry.service,
        offices=list(entry.office_ids),
        first_day=entry.first_day.isoformat(),
        last_day=entry.last_day.isoformat(),
        phone_last4=entry.applicant.phone[-4:],
        identity_last4=entry.applicant.identity_last4,
        created_at=instant(entry.created_at, TIMEZONE),
        code_expires_at=instant(entry.hold.expires_at, TIMEZONE) if awaiting and entry.hold else UNSET,
        offers=(
            [offer_view(offer, await directory.office(offer.office_id)) for offer in offers]
            if offers is not None
            else UNSET
        ),
    )


def _limited(offer_id: str) -> str:
    return offer_id.strip().lower()[:64]


class WaitlistController(Controller):
    path = "/api/v1/waitlist"
    tags = ["citizens"]

    @post(
        "",
        status_code=HTTP_202_ACCEPTED,
        summary="Join the waitlist for a service at some offices on some days",
        description=(
            "For a citizen who found no free time. While `MAWID_PHONE_VERIFICATION` is on, a code is "
            "texted to the mobile and the entry is `awaiting_verification` until it is typed "
            "(`POST /api/v1/waitlist/{entry_id}/confirm`); then it is `waiting`. A seat freed later at "
            "one of the offices on one of the days is offered to the first person waiting, by SMS."
        ),
        responses=answers(
            BODY,
            RATE_LIMITED,
            {
                404: "`office_not_found`",
                409: "`duplicate_waitlist`, `duplicate_booking`, `no_show_ban`, `cancellation_limit`",
                422: "`invalid_national_id`, `invalid_passport`, `invalid_nationality`, `invalid_identity`, "
                "`invalid_phone`, `invalid_name`, `invalid_email`, `invalid_date_range`, "
                "`outside_booking_window`, `invalid_offices_choice`, `too_many_offices`, "
                "`unknown_governorate`, `invalid_location`, `no_office_in_reach`, `unknown_service`, "
                "`service_not_offered`, `identity_not_eligible`, `national_id_required`",
            },
        ),
    )
    async def join(
        self,
        request: Request[Any, Any, Any],
        waitlist: Injected[Waitlisting],
        directory: Injected[OfficeDirectory],
        clock: Injected[Clock],
        limits: Injected[RateLimits],
        data: JSONBody[WaitlistIn],
    ) -> WaitlistOut:
        today = local_today(clock.now(), TIMEZONE)
        near = (data.near.lat, data.near.lon, data.near.max_km) if data.near else None
        command = WaitCommand(
            service=data.service,
            identity=parse_identity(
                data.identity.type, data.identity.number, data.identity.nationality, today
            ),
            full_name=data.full_name,
            phone=normalise_phone(data.phone),
            reach=Reach.from_choice(data.offices, data.governorate, near),
            first_day=data.first_day,
            last_day=data.last_day,
            email=data.email,
            lang=data.lang,
        )
        await booking_allowed(limits, request, command.phone)
        return await entry_view(await waitlist.join(command), directory)

    @post(
        "/{entry_id:str}/confirm",
        status_code=HTTP_200_OK,
        summary="Confirm the mobile of a waitlist entry with the code texted to it",
        responses=answers(
            BODY,
            {
                404: "`waitlist_not_found`: no entry awaits a code under this id",
                422: "`invalid_verification_code`, `wrong_verification_code` (with `tries_left`)",
            },
        ),
    )
    async def confirm(
        self,
        waitlist: Injected[Waitlisting],
        directory: Injected[OfficeDirectory],
        entry_id: EntryId,
        data: JSONBody[CodeIn],
    ) -> WaitlistOut:
        return await entry_view(await waitlist.confirm(entry_id, data.code), directory)

    @get(
        "/{entry_id:str}",
        summary="A waitlist entry and the offers made to it",
        responses=answers(PARAMETERS, ENTRY_LOOKUP),
    )
    async def show(
        self,
        request: Request[Any, Any, Any],
        waitlist: Injected[Waitlisting],
        directory: Injected[OfficeDirectory],
        limits: Injected[RateLimits],
        entry_id: EntryId,
        identity_number: IdentityNumber = None,
    ) -> WaitlistOut:
        find = waitlist.find(entry_id, identity_number)
        entry, offers = await guarded_lookup(limits, request, _limited(entry_id), find, kind="waitlist")
        return await entry_view(entry, directory, offers)

    @delete(
        "/{entry_id:str}",
        status_code=HTTP_200_OK,
        summary="Leave the waitlist (an open offer is declined and passed on)",
        responses=answers(
            PARAMETERS, ENTRY_LOOKUP, {409: "`waitlist_not_changeable`: no longer on the list"}
        ),
    )
    async def leave(
        self,
        request: Request[Any, Any, Any],
        waitlist: Injected[Waitlisting],
        directory: Injected[OfficeDirectory],
        limits: Injected[RateLimits],
        entry_id: EntryId,
        identity_number: IdentityNumber = None,
    ) -> WaitlistOut:
        leave = waitlist.leave(entry_id, identity_number)
        entry = await guarded_lookup(limits, request, _limited(entry_id), leave, kind="waitlist")
        return await entry_view(entry, directory)

    @get(
        "/offers/{offer_id:str}",
        summary="What an offer holds and until when (the page of its SMS link); no personal data",
        responses=answers(PARAMETERS, {404: "`offer_not_found`"}),
    )
    async def offer(
        self, waitlist: Injected[Waitlisting], directory: Injected[OfficeDirectory], offer_id: OfferId
    ) -> OfferOut:
        offer, _ = await waitlist.offer(offer_id)
        return offer_view(offer, await directory.office(offer.office_id))

    @post(
        "/offers/{offer_id:str}/accept",
        status_code=HTTP_201_CREATED,
        summary="Accept an offer: the booking",
        description="201 with the booking, as `POST /api/v1/bookings` answers; the confirmation SMS follows.",
        responses={
            HTTP_201_CREATED: ResponseSpec(BookingOut, description="The booking", generate_examples=False),
            **answers(
                BODY,
                PARAMETERS,
                OFFER_LOOKUP,
                {
                    409: "`duplicate_booking`, `booking_limit`, `mobile_booking_limit`, `no_show_ban`, "
                    "`cancellation_limit` (the offer stays open)",
                    422: "`outside_booking_window`, `slot_not_offered`",
                },
            ),
        },
    )
    async def accept(
        self,
        request: Request[Any, Any, Any],
        waitlist: Injected[Waitlisting],
        directory: Injected[OfficeDirectory],
        audit: Injected[AuditTrail],
        limits: Injected[RateLimits],
        offer_id: OfferId,
        identity_number: IdentityNumber = None,
    ) -> BookingOut:
        accept = waitlist.accept(offer_id, identity_number)
        booking = await guarded_lookup(limits, request, _limited(offer_id), accept, kind="offer")
        await audit_booking(audit, request, "booking.created", booking)
        return booking_view(booking, await directory.office(booking.office_id))

    @post(
        "/offers/{offer_id:str}/decline",
        status_code=HTTP_200_OK,
        summary="Decline an offer: you keep your place in line and the seat goes to the next person",
        responses=answers(BODY, PARAMETERS, OFFER_LOOKUP),
    )
    async def decline(
        self,
        request: Request[Any, Any, Any],
        waitlist: Injected[Waitlisting],
        directory: Injected[OfficeDirectory],
        limits: Injected[RateLimits],
        offer_id: OfferId,
        identity_number: IdentityNumber = None,
    ) -> OfferOut:
        decline = waitlist.decline(offer_id, identity_number)
        offer = await guarded_lookup(limits, request, _limited(offer_id), decline, kind="offer")
        return offer_view(offer, await directory.office(offer.office_id))
