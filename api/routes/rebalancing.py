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
from litestar import Controller, Request, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from api.audit import audit_staff
from api.auth import ensure_office_scope, provide_staff, requires
from api.planning_views import plan_view
from api.routes.capacity import office_in_scope, provide_directory
from booking.calendar import local_today
from booking.errors import InvalidInput, NotFound, Refusal
from booking.offices import TIMEZONE
from booking.staff import Role, StaffUser
from booking.store.offices import OfficeDirectory
from planning.rebalancing import Rebalancing

MAX_PLAN_DAYS = 14
PLAN_NOT_FOUND = Refusal(
    NotFound, "plan_not_found", "There is no such rebalance plan.", "لا توجد خطة نقل بهذا المعرّف."
)


class PlanIn(msgspec.Struct):
    first_day: date = msgspec.field(name="from")
    last_day: date | None = msgspec.field(default=None, name="to")


def _provide_rebalancing(state: State) -> Rebalancing:
    return state.rebalancing


class RebalanceController(Controller):
    path = "/api/v1/manage"
    tags = ["managers"]
    guards = [requires(Role.MANAGER)]
    dependencies = {
        "user": Provide(provide_staff),
        "rebalancing": Provide(_provide_rebalancing, sync_to_thread=False),
        "directory": Provide(provide_directory, sync_to_thread=False),
    }

    @post(
        "/offices/{office_id:str}/rebalance-plans",
        status_code=HTTP_201_CREATED,
        summary="Preview where the bookings that no longer fit would go",
    )
    async def preview(
        self,
        request: Request[Any, Any, Any],
        state: State,
        rebalancing: NamedDependency[Rebalancing],
        directory: NamedDependency[OfficeDirectory],
        user: NamedDependency[StaffUser],
        office_id: FromPath[str],
        data: JSONBody[PlanIn],
    ) -> dict[str, Any]:
        office = await office_in_scope(directory, user, office_id)
        first, last = data.first_day, data.last_day or data.first_day
        today = local_today(state.clock.now(), TIMEZONE)
        if first < today or last < first or (last - first).days >= MAX_PLAN_DAYS:
            raise InvalidInput(
                "invalid_date_range",
                f"Plan from today on, 'to' not before 'from', at most {MAX_PLAN_DAYS} days at once.",
                "يجب أن تبدأ الخطة من اليوم فصاعدًا، وألا يسبق تاريخ النهاية تاريخ البداية، "
                "وألا تزيد المدة عن ١٤ يومًا.",
            )
        destinations = None if user.role is Role.ADMIN else frozenset(user.offices)
        row = await rebalancing.preview(office, first, last, destinations, user.username)
        view = plan_view(row)
        await audit_staff(
            request,
            user,
            "rebalance.previewed",
            office_id=office.id,
            target=row["id"],
            detail={"from": view["from"], "to": view["to"], "stats": view["stats"]},
        )
        return view

    async def _plan(self, rebalancing: Rebalancing, user: StaffUser, plan_id: str) -> dict[str, Any]:
        row = await rebalancing.plans.get(plan_id)
        if row is None:
            raise PLAN_NOT_FOUND()
        ensure_office_scope(user, row["office_id"])
        return row

    @get("/rebalance-plans/{plan_id:str}", summary="A rebalance plan, and its result once applied")
    async def show(
        self,
        rebalancing: NamedDependency[Rebalancing],
        user: NamedDependency[StaffUser],
        plan_id: FromPath[str],
    ) -> dict[str, Any]:
        return plan_view(await self._plan(rebalancing, user, plan_id))

    @post("/rebalance-plans/{plan_id:str}/apply", status_code=HTTP_200_OK, summary="Apply a previewed plan")
    async def apply(
        self,
        request: Request[Any, Any, Any],
        rebalancing: NamedDependency[Rebalancing],
        user: NamedDependency[StaffUser],
        plan_id: FromPath[str],
    ) -> dict[str, Any]:
        row = await self._plan(rebalancing, user, plan_id)
        result = await rebalancing.apply(row)
        await _audit_applied(request, user, row, result)
        return {"plan_id": row["id"], "status": "applied", **result}


async def _audit_applied(
    request: Request[Any, Any, Any], user: StaffUser, row: dict[str, Any], result: dict[str, Any]
) -> None:
    """The plan applied, then each booking it moved or cancelled: the office moved it, and the
    booking's own history says from where to where."""
    office_id = row["office_id"]
    summary = {k: result[k] for k in ("moved", "cancelled", "notifications")} | {
        "skipped": len(result["skipped"])
    }
    await audit_staff(
        request, user, "rebalance.applied", office_id=office_id, target=row["id"], detail=summary
    )
    skipped = {item["booking_code"] for item in result["skipped"]}
    for item in row["plan"]["moves"]:
        if item["booking_code"] not in skipped:
            to = item["to"]
            await audit_staff(
                request,
                user,
                "booking.moved_by_office",
                office_id=office_id,
                target=item["booking_code"],
                detail={
                    "plan_id": row["id"],
                    "before": item["from"],
                    "after": {"office_id": to["office_id"], "start": to["start"]},
                },
            )
    for item in row["plan"]["unplaced"]:
        if item["booking_code"] not in skipped:
            await audit_staff(
                request,
                user,
                "booking.cancelled_by_office",
                office_id=office_id,
                target=item["booking_code"],
                detail={"plan_id": row["id"], "before": item["from"], "reason": item.get("reason")},
            )
