"""Rebalance plans: after a closure, a manager previews where the bookings that no longer fit
would go, then applies the plan (each move atomically, with the citizen's message in the outbox).

- ``POST /manage/offices/{id}/rebalance-plans {from, to?}`` → ``201`` the plan (preview);
- ``GET /manage/rebalance-plans/{plan_id}`` → the plan, and its result once applied;
- ``POST /manage/rebalance-plans/{plan_id}/apply`` → what was moved, cancelled and skipped.

A manager's plan moves bookings only into offices they are assigned to; an administrator's into
any office nearby.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import msgspec
from litestar import Request, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from api.audit import AuditTrail
from api.auth import ManagerController, ensure_office_scope
from api.messages import MESSAGES
from api.planning_views import PlanOut, SkippedOut, applied_view, plan_view
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
from api.routes.capacity import office_in_scope
from booking.calendar import local_today
from booking.staff import Role, StaffUser
from booking.store.offices import OfficeDirectory
from kernel.clock import Clock
from kernel.days import TIMEZONE
from kernel.errors import InvalidInput, NotFound
from planning.plans import Applied, StoredPlan
from planning.rebalancing import Rebalancing

MAX_PLAN_DAYS = 14
PLAN_NOT_FOUND = MESSAGES.refusal(NotFound, "plan_not_found")


class PlanAppliedOut(msgspec.Struct):
    """The plan applied (``status: applied``), and what that did (bookings moved and cancelled,
    each citizen told; the moves the world overtook since the preview, skipped, never forced)."""

    plan_id: str
    status: str
    moved: int
    cancelled: int
    skipped: list[SkippedOut]
    notifications: int


PLAN_REFUSALS = {404: "`plan_not_found`"}


class PlanIn(msgspec.Struct):
    first_day: date = msgspec.field(name="from")
    last_day: date | None = msgspec.field(default=None, name="to")


class RebalanceController(ManagerController):
    @post(
        "/offices/{office_id:str}/rebalance-plans",
        status_code=HTTP_201_CREATED,
        summary="Preview where the bookings that no longer fit would go",
        responses=answers(BODY, STAFF, {404: "`office_not_found`", 422: "`invalid_date_range`"}),
    )
    async def preview(
        self,
        request: Request[Any, Any, Any],
        clock: Injected[Clock],
        rebalancing: Injected[Rebalancing],
        directory: Injected[OfficeDirectory],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        data: JSONBody[PlanIn],
    ) -> PlanOut:
        office = await office_in_scope(directory, user, office_id)
        first, last = data.first_day, data.last_day or data.first_day
        today = local_today(clock.now(), TIMEZONE)
        if first < today or last < first or (last - first).days >= MAX_PLAN_DAYS:
            raise MESSAGES.error(InvalidInput, "invalid_date_range.plan", indic=True, max_days=MAX_PLAN_DAYS)
        destinations = None if user.role is Role.ADMIN else frozenset(user.offices)
        stored = await rebalancing.preview(office, first, last, destinations, user.username)
        view = plan_view(stored)
        await audit.by_staff(
            request,
            user,
            "rebalance.previewed",
            office_id=office.id,
            target=stored.id,
            detail={"from": view.first_day, "to": view.last_day, "stats": msgspec.to_builtins(view.stats)},
        )
        return view

    async def _plan(self, rebalancing: Rebalancing, user: StaffUser, plan_id: str) -> StoredPlan:
        stored = await rebalancing.plan(plan_id)
        if stored is None:
            raise PLAN_NOT_FOUND()
        ensure_office_scope(user, stored.office_id)
        return stored

    @get(
        "/rebalance-plans/{plan_id:str}",
        summary="A rebalance plan, and its result once applied",
        responses=answers(PARAMETERS, STAFF, PLAN_REFUSALS),
    )
    async def show(
        self,
        rebalancing: Injected[Rebalancing],
        user: Injected[StaffUser],
        plan_id: FromPath[str],
    ) -> PlanOut:
        return plan_view(await self._plan(rebalancing, user, plan_id))

    @post(
        "/rebalance-plans/{plan_id:str}/apply",
        status_code=HTTP_200_OK,
        summary="Apply a previewed plan",
        responses=answers(
            BODY,
            PARAMETERS,
            STAFF,
            PLAN_REFUSALS,
            {409: "`plan_already_applied`: preview a new plan to move what is left"},
        ),
    )
    async def apply(
        self,
        request: Request[Any, Any, Any],
        rebalancing: Injected[Rebalancing],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        plan_id: FromPath[str],
    ) -> PlanAppliedOut:
        stored = await self._plan(rebalancing, user, plan_id)
        result = await rebalancing.apply(stored)
        await _audit_applied(audit, request, user, stored, result)
        return PlanAppliedOut(
            plan_id=stored.id, status="applied", **msgspec.structs.asdict(applied_view(result))
        )


async def _audit_applied(
    audit: AuditTrail, request: Request[Any, Any, Any], user: StaffUser, stored: StoredPlan, result: Applied
) -> None:
    """The plan applied, then each booking it moved or cancelled: the office moved it, and the
    booking's own history says from where to where."""
    office_id = stored.office_id
    summary = {
        "moved": result.moved,
        "cancelled": result.cancelled,
        "notifications": result.notifications,
        "skipped": len(result.skipped),
    }
    await audit.by_staff(
        request, user, "rebalance.applied", office_id=office_id, target=stored.id, detail=summary
    )
    skipped = {item.booking_code for item in result.skipped}
    for move in stored.plan.moves:
        if move.booking_code not in skipped:
            await audit.by_staff(
                request,
                user,
                "booking.moved_by_office",
                office_id=office_id,
                target=move.booking_code,
                detail={
                    "plan_id": stored.id,
                    "before": msgspec.to_builtins(move.origin),
                    "after": {"office_id": move.to.office_id, "start": move.to.start},
                    "later": [{"service": v.service, "start": v.start} for v in move.later],
                },
            )
    for item in stored.plan.unplaced:
        if item.booking_code not in skipped:
            await audit.by_staff(
                request,
                user,
                "booking.cancelled_by_office",
                office_id=office_id,
                target=item.booking_code,
                detail={
                    "plan_id": stored.id,
                    "before": msgspec.to_builtins(item.origin),
                    "reason": item.reason,
                },
            )
