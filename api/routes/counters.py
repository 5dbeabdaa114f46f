"""A counter's endpoints: its status, calling the next ticket, and each step of a called ticket."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import Provide
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from api.audit import AuditTrail
from api.auth import STAFF_ONLY, ensure_office_scope, provide_staff, requires
from api.feedback_invitations import FeedbackInviter
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
from api.remote_queue import RemoteQueue
from api.ticket_views import (
    ChangeOut,
    CounterOut,
    CounterWithTicketOut,
    change_view,
    counter_view,
    counter_with_ticket_view,
)
from api.views import PersonOut, people_view
from booking.staff import Role, StaffUser
from queue_display import errors
from queue_display.counter import CounterStatus
from queue_display.counter_desk import CounterDesk
from queue_display.onsite import OnSite
from queue_display.store.base import Change

_STATUS_WORDS = {
    "open": CounterStatus.OPEN,
    "pause": CounterStatus.PAUSED,
    "paused": CounterStatus.PAUSED,
    "close": CounterStatus.CLOSED,
    "closed": CounterStatus.CLOSED,
}


class CounterStatusIn(msgspec.Struct):
    status: str
    """``open``, ``paused`` (or ``pause``), ``closed`` (or ``close``)."""


class TransferIn(msgspec.Struct):
    service: str


def parse_counter_status(value: str) -> CounterStatus:
    status = _STATUS_WORDS.get(value.strip().lower())
    if status is None:
        raise errors.invalid_counter_status(value, "open, paused, closed")
    return status


OFFICE = {404: "`office_not_found`"}
COUNTER = {404: "`office_not_found`, `counter_not_found`"}
TICKET = {
    404: "`office_not_found`, `ticket_not_found`",
    409: "`illegal_transition`: the ticket is not in a state this step applies to; `ticket_busy`",
}
STEP = answers(BODY, PARAMETERS, STAFF, TICKET)
"""Each step of a called ticket (start, complete)."""
NO_SHOW_STEP = answers(
    BODY,
    PARAMETERS,
    STAFF,
    TICKET,
    {
        409: "`no_show_too_early`: the citizen has not had a fair chance to come yet (called again "
        "fewer times than `MAWID_COUNTER_NO_SHOW_RECALLS`, or less than `MAWID_COUNTER_NO_SHOW_MINUTES` "
        "since the first call)"
    },
)
"""The steps that can make a ticket a no-show (recall, no-show)."""


async def _audit_change(
    audit: AuditTrail,
    request: Request[Any, Any, Any],
    user: StaffUser,
    action: str,
    office_id: str,
    change: Change,
) -> None:
    """A ticket step at a counter: the ticket, its counter and where it stands after the step."""
    ticket = change.transferred or change.ticket
    detail: dict[str, Any] = {
        "number": ticket.number,
        "counter": ticket.counter,
        "after": {"status": change.ticket.status.value, "service": change.ticket.service},
    }
    if ticket.booking_code:
        detail["booking_code"] = ticket.booking_code
    if change.moved_on is not None:  # a chain's step: the same number waits for its next service
        detail["moved_on"] = {"service": change.moved_on.service, "ticket": change.moved_on.id}
    await audit.by_staff(request, user, action, office_id=office_id, target=ticket.id, detail=detail)


class CounterController(Controller):
    path = "/api/v1/offices/{office_id:str}"
    tags = ["counters"]
    guards = [requires(Role.AGENT, Role.MANAGER)]
    security = STAFF_ONLY
    dependencies = {"user": Provide(provide_staff)}

    @get(
        "/counters",
        summary="The office's counters and their state on the floor",
        responses=answers(PARAMETERS, STAFF, OFFICE),
    )
    async def counters(
        self, onsite: Injected[OnSite], user: Injected[StaffUser], office_id: FromPath[str]
    ) -> list[CounterOut]:
        ensure_office_scope(user, office_id)
        return [counter_view(view) for view in await CounterDesk(onsite).counters(office_id)]

    @get(
        "/counters/{counter_id:str}",
        summary="One counter, with the ticket at it now (or null)",
        responses=answers(PARAMETERS, STAFF, COUNTER),
    )
    async def counter(
        self,
        onsite: Injected[OnSite],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        counter_id: FromPath[str],
    ) -> CounterWithTicketOut:
        ensure_office_scope(user, office_id)
        view, ticket = await CounterDesk(onsite).counter(office_id, counter_id)
        return counter_with_ticket_view(view, ticket)

    @post(
        "/counters/{counter_id:str}/status",
        status_code=HTTP_200_OK,
        summary="Open, pause or close",
        responses=answers(
            BODY,
            STAFF,
            COUNTER,
            {409: "`counter_inactive`, `counter_busy`", 422: "`invalid_counter_status`"},
        ),
    )
    async def set_status(
        self,
        request: Request[Any, Any, Any],
        onsite: Injected[OnSite],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        counter_id: FromPath[str],
        data: JSONBody[CounterStatusIn],
    ) -> CounterOut:
        ensure_office_scope(user, office_id)
        status = parse_counter_status(data.status)
        view = await CounterDesk(onsite).set_status(office_id, counter_id, status, user.username)
        shown = counter_view(view)
        await audit.by_staff(
            request,
            user,
            "counter.status",
            office_id=office_id,
            target=shown.label,
            detail={"counter_id": counter_id, "after": {"status": shown.status}},
        )
        return shown

    @post(
        "/counters/{counter_id:str}/call-next",
        status_code=HTTP_200_OK,
        summary="Call the next ticket",
        responses={
            HTTP_200_OK: ResponseSpec(ChangeOut, description="The called ticket", generate_examples=False),
            HTTP_204_NO_CONTENT: ResponseSpec(None, description="Nobody this counter serves is due"),
            **answers(
                BODY,
                PARAMETERS,
                STAFF,
                COUNTER,
                {409: "`counter_not_open`, `counter_busy` (it still holds a called or serving ticket)"},
            ),
        },
    )
    async def call_next(
        self,
        request: Request[Any, Any, Any],
        onsite: Injected[OnSite],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        counter_id: FromPath[str],
    ) -> Response[ChangeOut | None]:
        """200 with the called ticket, or 204 when nobody this counter serves is due."""
        ensure_office_scope(user, office_id)
        change = await CounterDesk(onsite).call_next(office_id, counter_id, user.username)
        if change is None:
            return Response(None, status_code=HTTP_204_NO_CONTENT)
        await _audit_change(audit, request, user, "ticket.called", office_id, change)
        return Response(change_view(change), status_code=HTTP_200_OK)

    @post(
        "/tickets/{ticket_id:str}/recall",
        status_code=HTTP_200_OK,
        summary="Announce again",
        responses=NO_SHOW_STEP,
    )
    async def recall(
        self,
        request: Request[Any, Any, Any],
        onsite: Injected[OnSite],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
    ) -> ChangeOut:
        """At most three recalls; asking a fourth time makes the ticket a no-show, once the
        office's no-show rule allows one (``no_show_too_early`` before)."""
        return change_view(await self._step(request, onsite, audit, user, office_id, ticket_id, "recall"))

    @post(
        "/tickets/{ticket_id:str}/start",
        status_code=HTTP_200_OK,
        summary="The citizen is here",
        responses=STEP,
    )
    async def start(
        self,
        request: Request[Any, Any, Any],
        onsite: Injected[OnSite],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
    ) -> ChangeOut:
        return change_view(await self._step(request, onsite, audit, user, office_id, ticket_id, "start"))

    @post(
        "/tickets/{ticket_id:str}/complete",
        status_code=HTTP_200_OK,
        summary="Service done",
        responses=STEP,
    )
    async def complete(
        self,
        request: Request[Any, Any, Any],
        onsite: Injected[OnSite],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        feedback_inviter: Injected[FeedbackInviter],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
    ) -> ChangeOut:
        """A chain's ticket with services still to come goes on to the next one's line under the
        same number: the answer's ``moved_on``."""
        change = await self._step(request, onsite, audit, user, office_id, ticket_id, "complete")
        # The citizen is asked how it went (after a chain's last service); never fails the step
        # (visit_done never raises).
        await feedback_inviter.visit_done(change.ticket)
        return change_view(change)

    @post(
        "/tickets/{ticket_id:str}/no-show",
        status_code=HTTP_200_OK,
        summary="The citizen did not come",
        responses=NO_SHOW_STEP,
    )
    async def no_show(
        self,
        request: Request[Any, Any, Any],
        onsite: Injected[OnSite],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
    ) -> ChangeOut:
        """Only after the ticket was called again ``MAWID_COUNTER_NO_SHOW_RECALLS`` times (2) and
        ``MAWID_COUNTER_NO_SHOW_MINUTES`` (3) after its first call; before, ``no_show_too_early``."""
        return change_view(await self._step(request, onsite, audit, user, office_id, ticket_id, "no_show"))

    @post(
        "/tickets/{ticket_id:str}/park",
        status_code=HTTP_200_OK,
        summary="The citizen is not here: set the ticket aside until they check in again",
        responses=answers(
            BODY,
            PARAMETERS,
            STAFF,
            TICKET,
            {409: "`park_again`: the ticket was parked once already (a no-show is what is left)"},
        ),
    )
    async def park(
        self,
        request: Request[Any, Any, Any],
        remote_queue: Injected[RemoteQueue],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
    ) -> ChangeOut:
        """Only a called ticket. The counter is free at once; the citizen may check in again at
        the kiosk within ``MAWID_PARK_LIMIT_MINUTES`` (then a no-show) and is called again no
        sooner than ``MAWID_PARK_MIN_WAIT_MINUTES`` after the park."""
        ensure_office_scope(user, office_id)
        change = await remote_queue.parking.park(office_id, ticket_id, user.username)
        await _audit_change(audit, request, user, "ticket.park", office_id, change)
        return change_view(change)

    @post(
        "/tickets/{ticket_id:str}/transfer",
        status_code=HTTP_200_OK,
        summary="Send on to another service",
        responses=answers(
            BODY,
            PARAMETERS,
            STAFF,
            TICKET,
            {422: "`transfer_to_same_service`, `unknown_service`, `service_not_offered`"},
        ),
    )
    async def transfer(
        self,
        request: Request[Any, Any, Any],
        onsite: Injected[OnSite],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
        data: JSONBody[TransferIn],
    ) -> ChangeOut:
        """The old ticket is ``transferred``; a new waiting one keeps the number and the place."""
        ensure_office_scope(user, office_id)
        change = await CounterDesk(onsite).transfer(office_id, ticket_id, data.service, user.username)
        await _audit_change(audit, request, user, "ticket.transferred", office_id, change)
        return change_view(change)

    @get(
        "/tickets/{ticket_id:str}/people",
        summary="Everyone a booking's ticket is for, by name and last four digits",
        description=(
            "For the counter serving an appointment ticket: the booking's people (the applicant "
            "first, `position` 1), so the clerk serves and checks each of them; a walk-in's list is "
            "empty. Each look-up is audited (`ticket.people_viewed`)."
        ),
        responses=answers(PARAMETERS, STAFF, TICKET),
    )
    async def people(
        self,
        request: Request[Any, Any, Any],
        onsite: Injected[OnSite],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
    ) -> list[PersonOut]:
        ensure_office_scope(user, office_id)
        ticket = await onsite.queue.get_ticket(office_id, ticket_id)
        booking = await onsite.bookings.by_code(ticket.booking_code) if ticket.booking_code else None
        if booking is None or booking.office_id != office_id:
            return []
        await audit.by_staff(
            request,
            user,
            "ticket.people_viewed",
            office_id=office_id,
            target=ticket.id,
            detail={"booking_code": booking.code, "headcount": booking.headcount},
        )
        return people_view(booking)

    async def _step(
        self,
        request: Request[Any, Any, Any],
        onsite: OnSite,
        audit: AuditTrail,
        user: StaffUser,
        office_id: str,
        ticket_id: str,
        action: str,
    ) -> Change:
        ensure_office_scope(user, office_id)
        change = await CounterDesk(onsite).step(office_id, ticket_id, action, user.username)
        await _audit_change(audit, request, user, f"ticket.{action}", office_id, change)
        return change
