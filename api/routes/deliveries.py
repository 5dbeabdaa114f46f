"""How an office's messages to citizens fare: ``GET /api/v1/manage/offices/{id}/deliveries``.

Counts of deliveries pending, sent and dead (given up on: refused, or failing at every attempt),
and the latest dead ones with their last error, so a manager who applied a plan knows whether
"a message reaches every booking holder" came true, and whom to call. Mobiles show only their
last four digits, e-mail addresses their first letter and domain. Managers see their own offices,
administrators any.
"""

from __future__ import annotations

import msgspec
from litestar import Controller, get
from litestar.params import FromPath

from api.auth import STAFF_ONLY, requires
from api.problems import PARAMETERS, STAFF, answers
from api.providers import Injected
from api.routes.capacity import office_in_scope
from api.routes.manager_queries import manager_dependencies
from api.views import instant
from booking.staff import Role, StaffUser
from booking.store.offices import OfficeDirectory
from kernel.days import TIMEZONE
from messaging.outbox import masked
from messaging.store.outbox import OutboxStore

RECENT_DEAD = 20


class DeadDeliveryOut(msgspec.Struct):
    """A message that could not be delivered: to whom (masked), by which channel, after how many
    attempts, and the last error the gateway or mail server gave."""

    delivery_id: str
    kind: str
    channel: str
    to: str
    attempts: int
    last_error: str | None
    created_at: str
    booking_code: str | None


class DeliveriesOut(msgspec.Struct):
    office_id: str
    pending: int
    sent: int
    dead: int
    recent_dead: list[DeadDeliveryOut]
    """The latest dead deliveries, newest first (at most twenty)."""


class DeliveriesController(Controller):
    path = "/api/v1/manage/offices/{office_id:str}"
    tags = ["managers"]
    guards = [requires(Role.MANAGER)]
    security = STAFF_ONLY
    dependencies = manager_dependencies()

    @get(
        "/deliveries",
        summary="An office's messages to citizens: pending, sent, dead, and the latest dead with their error",
        responses=answers(PARAMETERS, STAFF, {404: "`office_not_found`"}),
    )
    async def deliveries(
        self,
        outbox: Injected[OutboxStore],
        directory: Injected[OfficeDirectory],
        user: Injected[StaffUser],
        office_id: FromPath[str],
    ) -> DeliveriesOut:
        office = await office_in_scope(directory, user, office_id)
        figures = await outbox.office_state(office.id, RECENT_DEAD)
        return DeliveriesOut(
            office_id=office.id,
            pending=figures.pending,
            sent=figures.sent,
            dead=figures.dead,
            recent_dead=[
                DeadDeliveryOut(
                    delivery_id=dead.delivery_id,
                    kind=dead.kind,
                    channel=dead.channel,
                    to=masked(dead.address),
                    attempts=dead.attempts,
                    last_error=dead.last_error,
                    created_at=instant(dead.created_at, TIMEZONE),
                    booking_code=dead.booking_code,
                )
                for dead in figures.recent_dead
            ],
        )
