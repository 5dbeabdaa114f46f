"""A ticket followed from home: ``GET /api/v1/tickets/{ticket_id}/status?k=`` tells its number,
status, place in line, estimated wait and counter, to whoever holds the key printed on the
ticket (its QR code). A wrong or missing key is the same 404 as a ticket that does not exist;
wrong keys count towards the address's look-up limit, right ones never do (a phone following
its ticket asks after every change in the hall).
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from api.audit import AuditTrail
from api.client_address import client_address
from api.problems import BODY, PARAMETERS, answers
from api.providers import Injected
from api.rate_limits import LOOKUPS_PER_ADDRESS, RateLimits
from api.remote_queue import RemoteQueue
from api.ticket_views import WaitOut, wait_view
from booking.services import SERVICES
from kernel.errors import NotFound
from queue_display.ticket_status import TicketStanding


class HeadsUpIn(msgspec.Struct):
    """A mobile (any way an Egyptian mobile is written) and how many people ahead is close enough
    (``MAWID_HEADS_UP_AHEAD`` when left out); ``lang`` of the texts (``ar`` by default)."""

    phone: str
    ahead: int | None = None
    lang: str | None = None


class HeadsUpOut(msgspec.Struct):
    """A heads-up kept: the ticket's number, the mobile's last four digits, the count asked."""

    number: str
    phone_last4: str
    ahead: int


HEADS_UP_ANSWERS = {
    409: "`heads_up_too_late`: the ticket is no longer waiting",
    422: "`invalid_phone`, `invalid_heads_up_ahead`",
}


class TicketStatusOut(msgspec.Struct):
    """Where a ticket stands: the contract's fields first (``status``: ``waiting``, ``called``,
    ``serving``, ``done``, ``no_show``, ``parked``; ``position`` and ``estimated_wait_minutes``
    while waiting, ``counter`` once called), then what the page shows besides. A transferred
    ticket is followed to the one that carries its number on."""

    number: str
    status: str
    position: int | None
    estimated_wait_minutes: int | None
    counter: str | None
    service: str
    service_name_en: str
    service_name_ar: str
    office_id: str
    wait: WaitOut | None
    parked_until: str | None = None
    """A parked ticket: until when its holder may come back to the kiosk."""


def status_view(standing: TicketStanding, parked_until: str | None = None) -> TicketStatusOut:
    ticket = standing.ticket
    service = SERVICES.get(ticket.service)
    return TicketStatusOut(
        number=ticket.number,
        status=ticket.status.value,
        position=standing.position,
        estimated_wait_minutes=standing.estimated_wait_minutes,
        counter=ticket.counter,
        service=ticket.service,
        service_name_en=service.name_en if service else ticket.service,
        service_name_ar=service.name_ar if service else ticket.service,
        office_id=ticket.office_id,
        wait=wait_view(standing.wait) if standing.wait is not None else None,
        parked_until=parked_until,
    )


async def keyed_standing(
    request: Request[Any, Any, Any], remote: RemoteQueue, limits: RateLimits, ticket_id: str, key: str | None
) -> TicketStanding:
    """The ticket's standing for its key; a refusal counts towards the address's look-ups and
    is refused at once while the address has used them up."""
    address = client_address(request)
    await limits.ensure_open(LOOKUPS_PER_ADDRESS, address)
    try:
        return await remote.standing(ticket_id, key)
    except NotFound:
        await limits.hit(LOOKUPS_PER_ADDRESS, address)
        raise


class TicketStatusController(Controller):
    path = "/api/v1/tickets/{ticket_id:str}"
    tags = ["remote queue"]

    @get(
        "/status",
        summary="Where a ticket stands now, for the holder of its key",
        responses=answers(
            PARAMETERS,
            {
                404: "`ticket_not_found`: no such ticket, or the key `k` is not its key",
                429: "`rate_limited`: too many wrong keys from this address (`Retry-After`)",
            },
        ),
    )
    async def status(
        self,
        request: Request[Any, Any, Any],
        remote_queue: Injected[RemoteQueue],
        limits: Injected[RateLimits],
        ticket_id: FromPath[str],
        k: FromQuery[str | None] = None,
    ) -> TicketStatusOut:
        standing = await keyed_standing(request, remote_queue, limits, ticket_id, k)
        return status_view(standing, remote_queue.parked_until(standing))

    @post(
        "/heads-up",
        status_code=HTTP_201_CREATED,
        summary="Text me when I'm close (and when I'm called), for the holder of the ticket's key",
        responses=answers(
            BODY,
            PARAMETERS,
            HEADS_UP_ANSWERS,
            {
                404: "`ticket_not_found`: no such ticket, or the key `k` is not its key",
                429: "`rate_limited`: too many wrong keys or heads-ups from this address (`Retry-After`)",
            },
        ),
    )
    async def heads_up(
        self,
        request: Request[Any, Any, Any],
        remote_queue: Injected[RemoteQueue],
        limits: Injected[RateLimits],
        audit: Injected[AuditTrail],
        ticket_id: FromPath[str],
        data: JSONBody[HeadsUpIn],
        k: FromQuery[str | None] = None,
    ) -> HeadsUpOut:
        standing = await keyed_standing(request, remote_queue, limits, ticket_id, k)
        await limits.check(LOOKUPS_PER_ADDRESS, client_address(request))  # a text costs money
        asked = await remote_queue.heads_ups.ask(
            standing.ticket.office_id, ticket_id, data.phone, data.ahead, data.lang or "ar", "page"
        )
        await audit.record_request(
            request,
            actor="citizen:ticket-page",
            action="ticket.heads_up",
            office_id=standing.ticket.office_id,
            target=ticket_id,
            detail={"number": asked.ticket.number, "ahead": asked.ahead, "channel": "page"},
        )
        return HeadsUpOut(asked.ticket.number, asked.phone_last4, asked.ahead)
