"""The kiosk's endpoints: a booking code checks a citizen in, a service gives a walk-in ticket,
and a lost ticket is printed again by its booking code or (for a few minutes) its number."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, post
from litestar.di import Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from api.audit import AuditTrail
from api.auth import STAFF_ONLY, ensure_office_scope, provide_staff, requires
from api.messages import MESSAGES
from api.problems import BODY, STAFF, answers
from api.providers import Injected
from api.rate_limits import RateLimits, kiosk_check_in_allowed
from api.remote_queue import RemoteQueue
from api.routes.ticket_status import HEADS_UP_ANSWERS, HeadsUpIn, HeadsUpOut
from api.ticket_views import IssuedOut, ReprintOut, issued_view, reprint_view
from booking.calendar import local_today
from booking.staff import Role, StaffUser
from kernel.database import Database
from kernel.errors import InvalidInput
from queue_display import errors
from queue_display.archive.tickets import TicketArchive
from queue_display.kiosk import Kiosk
from queue_display.onsite import OnSite
from queue_display.policy import priority_from_national_id
from queue_display.reprint import Reprints
from queue_display.store.base import OFFICE_TIMEZONE, Issued
from queue_display.ticket import Priority


class TicketIn(msgspec.Struct):
    """Either ``booking_code`` (check-in) or ``service`` (walk-in). ``priority`` is the class the
    kiosk asked about (disability, pregnancy, elderly); a walk-in may instead give the
    ``national_id`` it was shown, from which only the age is read (nothing is stored)."""

    booking_code: str | None = None
    service: str | None = None
    priority: str | None = None
    national_id: str | None = None


class ReprintIn(msgspec.Struct):
    """Either ``booking_code`` (the day's ticket of that booking) or ``number`` (as printed,
    ``P-017``; only within ten minutes of taking the ticket)."""

    booking_code: str | None = None
    number: str | None = None


def parse_priority(value: str | None) -> Priority:
    if value is None or not value.strip():
        return Priority.NONE
    try:
        return Priority(value.strip().lower())
    except ValueError:
        raise errors.invalid_priority(value, ", ".join(p.value for p in Priority)) from None


def one_kind_of_ticket(data: TicketIn) -> None:
    if bool(data.booking_code) == bool(data.service):
        raise MESSAGES.error(InvalidInput, "invalid_ticket_request")


def linked_view(remote_queue: RemoteQueue, issued: Issued) -> IssuedOut:
    """What the kiosk prints, with the address of the ticket's live page (its QR code)."""
    return msgspec.structs.replace(issued_view(issued), status_url=remote_queue.links.path(issued.ticket.id))


async def back_if_parked(
    remote_queue: RemoteQueue, refused: Exception, office_id: str, booking_code: str, user: StaffUser
) -> Issued:
    """The booking's ticket back in line if it is parked; else the check-in's own refusal."""
    if getattr(refused, "code", None) != "already_checked_in":
        raise refused
    try:
        return await remote_queue.parking.back_by_booking(office_id, booking_code, user.username)
    except errors.DomainError as why:
        if why.code == "park_expired":
            raise
        raise refused from None  # not parked: the check-in's own refusal stands


class BackIn(msgspec.Struct):
    """Either ``booking_code`` or ``number`` (as printed, ``P-017``) of a parked ticket."""

    booking_code: str | None = None
    number: str | None = None


class KioskController(Controller):
    path = "/api/v1/offices/{office_id:str}/tickets"
    tags = ["kiosk"]
    guards = [requires(Role.KIOSK)]
    security = STAFF_ONLY
    dependencies = {"user": Provide(provide_staff)}

    @post(
        "",
        status_code=HTTP_201_CREATED,
        summary="Check a booking in, or issue a walk-in ticket",
        responses=answers(
            BODY,
            STAFF,
            {
                404: "`office_not_found`, `booking_not_found`",
                409: "`already_checked_in`, `booking_cancelled`, `wrong_office`, `wrong_day`, "
                "`office_closed`",
                422: "`invalid_ticket_request`, `invalid_priority`, `invalid_national_id`, "
                "`unknown_service`, `service_not_offered`",
                429: "`rate_limited`: this kiosk account made too many check-in attempts (`Retry-After`)",
            },
        ),
    )
    async def issue(
        self,
        request: Request[Any, Any, Any],
        onsite: Injected[OnSite],
        limits: Injected[RateLimits],
        audit: Injected[AuditTrail],
        remote_queue: Injected[RemoteQueue],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        data: JSONBody[TicketIn],
    ) -> IssuedOut:
        ensure_office_scope(user, office_id)
        one_kind_of_ticket(data)
        priority = parse_priority(data.priority)
        kiosk = Kiosk(onsite.offices, onsite.bookings, onsite.queue, onsite, onsite.clock)
        if data.booking_code:
            await kiosk_check_in_allowed(limits, user.username)
            try:
                issued = await kiosk.check_in(office_id, data.booking_code, priority, user.username)
            except errors.Conflict as refused:
                # Checked in already: a parked ticket comes back in line; anything else is refused.
                issued = await back_if_parked(remote_queue, refused, office_id, data.booking_code, user)
        else:
            if data.national_id and priority is Priority.NONE:
                today = local_today(onsite.clock.now(), OFFICE_TIMEZONE.key)
                priority = priority_from_national_id(data.national_id, today)
            issued = await kiosk.walk_in(office_id, data.service or "", priority, user.username)
        view = linked_view(remote_queue, issued)
        # The booking's check-in (or the walk-in's ticket), by the kiosk account that issued it.
        await audit.by_staff(
            request,
            user,
            # A parked ticket's holder checking in again is a return, not a second check-in.
            "ticket.back_in_line"
            if issued.ticket.returned_at is not None
            else "booking.checked_in"
            if data.booking_code
            else "ticket.issued",
            office_id=office_id,
            target=data.booking_code.strip().upper() if data.booking_code else view.ticket_id,
            detail={
                "ticket_id": view.ticket_id,
                "number": view.number,
                "service": view.service,
                "priority": priority.value,
            },
        )
        return view

    @post(
        "/{ticket_id:str}/heads-up",
        status_code=HTTP_201_CREATED,
        summary="Text me when I'm close (and when I'm called), asked at the kiosk",
        responses=answers(
            BODY,
            STAFF,
            HEADS_UP_ANSWERS,
            {404: "`office_not_found`, `ticket_not_found`", 429: "`rate_limited`: the kiosk's budget"},
        ),
    )
    async def heads_up(
        self,
        request: Request[Any, Any, Any],
        remote_queue: Injected[RemoteQueue],
        limits: Injected[RateLimits],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
        data: JSONBody[HeadsUpIn],
    ) -> HeadsUpOut:
        ensure_office_scope(user, office_id)
        await kiosk_check_in_allowed(limits, user.username)  # a text costs money: the kiosk's budget
        asked = await remote_queue.heads_ups.ask(
            office_id, ticket_id, data.phone, data.ahead, data.lang or "ar", "kiosk"
        )
        await audit.by_staff(
            request,
            user,
            "ticket.heads_up",
            office_id=office_id,
            target=ticket_id,
            detail={"number": asked.ticket.number, "ahead": asked.ahead, "channel": "kiosk"},
        )
        return HeadsUpOut(asked.ticket.number, asked.phone_last4, asked.ahead)

    @post(
        "/back",
        status_code=HTTP_200_OK,
        summary="A parked ticket's holder is back: the ticket waits again",
        description="A ticket the counter parked (its holder was not there when called) comes back "
        "into the line when its holder checks in again within `MAWID_PARK_LIMIT_MINUTES`, by the "
        "booking code or the printed number; after the limit it is a no-show. The answer is what the "
        "kiosk prints, as for a new ticket. Attempts count towards the kiosk account's check-in limit.",
        responses=answers(
            BODY,
            STAFF,
            {
                404: "`office_not_found`, `reprint_no_ticket` (no such ticket here today)",
                409: "`ticket_not_parked`, `park_expired` (too late: a new ticket)",
                422: "`invalid_reprint_request`, `invalid_ticket_number`",
                429: "`rate_limited`",
            },
        ),
    )
    async def back(
        self,
        request: Request[Any, Any, Any],
        remote_queue: Injected[RemoteQueue],
        limits: Injected[RateLimits],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        data: JSONBody[BackIn],
    ) -> IssuedOut:
        ensure_office_scope(user, office_id)
        if bool(data.booking_code) == bool(data.number):
            raise MESSAGES.error(InvalidInput, "invalid_reprint_request")
        await kiosk_check_in_allowed(limits, user.username)
        parking = remote_queue.parking
        if data.booking_code:
            issued = await parking.back_by_booking(office_id, data.booking_code, user.username)
        else:
            issued = await parking.back_by_number(office_id, data.number or "", user.username)
        view = linked_view(remote_queue, issued)
        await audit.by_staff(
            request,
            user,
            "ticket.back_in_line",
            office_id=office_id,
            target=view.ticket_id,
            detail={"number": view.number, "by": "booking_code" if data.booking_code else "number"},
        )
        return view

    @post(
        "/reprint",
        status_code=HTTP_200_OK,
        summary="Print a lost ticket again, by its booking code or (for a few minutes) its number",
        description="Only a ticket still waiting, of this office, today; a number alone finds it only "
        "within ten minutes of its issue. The answer holds what the ticket print shows, as it stands "
        "now, and nothing about who holds it. Attempts count towards the kiosk account's check-in limit.",
        responses=answers(
            BODY,
            STAFF,
            {
                404: "`office_not_found`, `reprint_no_ticket` (no ticket of this booking here today), "
                "`reprint_not_found` (no such number in the last ten minutes)",
                409: "`ticket_already_called` (go to the counter), `ticket_finished`",
                422: "`invalid_reprint_request`, `invalid_ticket_number`",
                429: "`rate_limited`: this kiosk account made too many check-in or reprint attempts "
                "(`Retry-After`)",
            },
        ),
    )
    async def reprint(
        self,
        request: Request[Any, Any, Any],
        onsite: Injected[OnSite],
        database: Injected[Database],
        limits: Injected[RateLimits],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        data: JSONBody[ReprintIn],
    ) -> ReprintOut:
        ensure_office_scope(user, office_id)
        if bool(data.booking_code) == bool(data.number):
            raise MESSAGES.error(InvalidInput, "invalid_reprint_request")
        # A stranger could walk through codes or numbers here as at check-in: the same budget.
        await kiosk_check_in_allowed(limits, user.username)
        reprints = Reprints(onsite.offices, onsite.queue, TicketArchive(database), onsite.clock)
        if data.booking_code:
            reprint = await reprints.by_booking(office_id, data.booking_code)
        else:
            reprint = await reprints.by_number(office_id, data.number or "")
        await audit.by_staff(
            request,
            user,
            "ticket.reprinted",
            office_id=office_id,
            target=reprint.ticket.id,
            detail={"number": reprint.ticket.number, "by": "booking_code" if data.booking_code else "number"},
        )
        return reprint_view(reprint)
