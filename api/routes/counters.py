"""A counter's endpoints: its status, calling the next ticket, and each step of a called ticket."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from api.audit import audit_staff
from api.auth import ensure_office_scope, provide_staff, requires
from api.live import PROVIDE_ONSITE
from api.ticket_views import counter_view, ticket_view
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


def change_view(change: Change) -> dict[str, Any]:
    view: dict[str, Any] = {"ticket": ticket_view(change.ticket)}
    if change.transferred is not None:
        view["transferred"] = ticket_view(change.transferred)
    return view


async def _audit_change(
    request: Request[Any, Any, Any], user: StaffUser, action: str, office_id: str, change: Change
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
    await audit_staff(request, user, action, office_id=office_id, target=ticket.id, detail=detail)


class CounterController(Controller):
    path = "/api/v1/offices/{office_id:str}"
    tags = ["counters"]
    guards = [requires(Role.AGENT, Role.MANAGER)]
    dependencies = {"user": Provide(provide_staff), **PROVIDE_ONSITE}

    @get("/counters", summary="The office's counters and their state on the floor")
    async def counters(
        self, onsite: NamedDependency[OnSite], user: NamedDependency[StaffUser], office_id: FromPath[str]
    ) -> list[dict[str, Any]]:
        ensure_office_scope(user, office_id)
        return [counter_view(view) for view in await CounterDesk(onsite).counters(office_id)]

    @get("/counters/{counter_id:str}", summary="One counter, with the ticket at it now (or null)")
    async def counter(
        self,
        onsite: NamedDependency[OnSite],
        user: NamedDependency[StaffUser],
        office_id: FromPath[str],
        counter_id: FromPath[str],
    ) -> dict[str, Any]:
        ensure_office_scope(user, office_id)
        view, ticket = await CounterDesk(onsite).counter(office_id, counter_id)
        return counter_view(view) | {"ticket": ticket_view(ticket) if ticket is not None else None}

    @post("/counters/{counter_id:str}/status", status_code=HTTP_200_OK, summary="Open, pause or close")
    async def set_status(
        self,
        request: Request[Any, Any, Any],
        onsite: NamedDependency[OnSite],
        user: NamedDependency[StaffUser],
        office_id: FromPath[str],
        counter_id: FromPath[str],
        data: JSONBody[CounterStatusIn],
    ) -> dict[str, Any]:
        ensure_office_scope(user, office_id)
        status = parse_counter_status(data.status)
        view = await CounterDesk(onsite).set_status(office_id, counter_id, status, user.username)
        shown = counter_view(view)
        await audit_staff(
            request,
            user,
            "counter.status",
            office_id=office_id,
            target=shown["label"],
            detail={"counter_id": counter_id, "after": {"status": shown["status"]}},
        )
        return shown

    @post("/counters/{counter_id:str}/call-next", status_code=HTTP_200_OK, summary="Call the next ticket")
    async def call_next(
        self,
        request: Request[Any, Any, Any],
        onsite: NamedDependency[OnSite],
        user: NamedDependency[StaffUser],
        office_id: FromPath[str],
        counter_id: FromPath[str],
    ) -> Response[Any]:
        """200 with the called ticket, or 204 when nobody this counter serves is due."""
        ensure_office_scope(user, office_id)
        change = await CounterDesk(onsite).call_next(office_id, counter_id, user.username)
        if change is None:
            return Response(None, status_code=HTTP_204_NO_CONTENT)
        await _audit_change(request, user, "ticket.called", office_id, change)
        return Response(change_view(change), status_code=HTTP_200_OK)

    @post("/tickets/{ticket_id:str}/recall", status_code=HTTP_200_OK, summary="Announce again")
    async def recall(
        self,
        request: Request[Any, Any, Any],
        onsite: NamedDependency[OnSite],
        user: NamedDependency[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
    ) -> dict[str, Any]:
        """At most three recalls; asking a fourth time makes the ticket a no-show."""
        return await self._step(request, onsite, user, office_id, ticket_id, "recall")

    @post("/tickets/{ticket_id:str}/start", status_code=HTTP_200_OK, summary="The citizen is here")
    async def start(
        self,
        request: Request[Any, Any, Any],
        onsite: NamedDependency[OnSite],
        user: NamedDependency[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
    ) -> dict[str, Any]:
        return await self._step(request, onsite, user, office_id, ticket_id, "start")

    @post("/tickets/{ticket_id:str}/complete", status_code=HTTP_200_OK, summary="Service done")
    async def complete(
        self,
        request: Request[Any, Any, Any],
        onsite: NamedDependency[OnSite],
        user: NamedDependency[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
    ) -> dict[str, Any]:
        return await self._step(request, onsite, user, office_id, ticket_id, "complete")

    @post("/tickets/{ticket_id:str}/no-show", status_code=HTTP_200_OK, summary="The citizen did not come")
    async def no_show(
        self,
        request: Request[Any, Any, Any],
        onsite: NamedDependency[OnSite],
        user: NamedDependency[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
    ) -> dict[str, Any]:
        return await self._step(request, onsite, user, office_id, ticket_id, "no_show")

    @post("/tickets/{ticket_id:str}/transfer", status_code=HTTP_200_OK, summary="Send on to another service")
    async def transfer(
        self,
        request: Request[Any, Any, Any],
        onsite: NamedDependency[OnSite],
        user: NamedDependency[StaffUser],
        office_id: FromPath[str],
        ticket_id: FromPath[str],
        data: JSONBody[TransferIn],
    ) -> dict[str, Any]:
        """The old ticket is ``transferred``; a new waiting one keeps the number and the place."""
        ensure_office_scope(user, office_id)
        change = await CounterDesk(onsite).transfer(office_id, ticket_id, data.service, user.username)
        await _audit_change(request, user, "ticket.transferred", office_id, change)
        return change_view(change)

    async def _step(
        self,
        request: Request[Any, Any, Any],
        onsite: OnSite,
        user: StaffUser,
        office_id: str,
        ticket_id: str,
        action: str,
    ) -> dict[str, Any]:
        ensure_office_scope(user, office_id)
        change = await CounterDesk(onsite).step(office_id, ticket_id, action, user.username)
        await _audit_change(request, user, f"ticket.{action}", office_id, change)
        return change_view(change)
