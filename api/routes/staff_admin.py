"""Administrators manage staff accounts: list them, deactivate and reactivate them, and change a
role or the offices in scope. Every change ends the account's sessions at once (its tokens carry
the old role and offices), and leaves an event in the audit trail.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec
from litestar import Controller, Request, get, patch, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK

from api.auth import provide_staff, requires
from api.messages import MESSAGES
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.routes.staff_auth import audit
from booking.staff import Role, StaffAccount, StaffUser
from booking.store.staff import StaffStore
from kernel.errors import Conflict, InvalidInput, NotFound


class StaffOut(msgspec.Struct):
    username: str
    role: str
    offices: list[str]
    active: bool
    last_login_at: datetime | None


class StaffChangeIn(msgspec.Struct):
    """Either or both: a new role, new offices (a manager, agent or kiosk needs at least one)."""

    role: Role | None = None
    offices: list[str] | None = None


ADMINS_ONLY = {
    401: STAFF[401],
    403: "`forbidden`: only administrators manage staff",
}
ACCOUNT = {
    404: "`staff_not_found`: no account of that name",
    409: "`own_account`: an administrator cannot deactivate or demote their own account",
}
REFUSALS = answers(BODY, PARAMETERS, ADMINS_ONLY, ACCOUNT)


def staff_view(account: StaffAccount) -> StaffOut:
    user = account.user
    return StaffOut(user.username, user.role.value, list(user.offices), account.active, account.last_login_at)


def staff_not_found(username: str) -> NotFound:
    return MESSAGES.error(NotFound, "staff_not_found", username=username)


def own_account() -> Conflict:
    return MESSAGES.error(Conflict, "own_account")


async def validated_change(staff: StaffStore, before: StaffAccount, data: StaffChangeIn) -> StaffChangeIn:
    """The change as it will be stored; refused when the offices are unknown or a non-administrator
    would be left with none."""
    role = data.role or before.user.role
    offices = list(before.user.offices) if data.offices is None else list(dict.fromkeys(data.offices))
    unknown = await staff.unknown_offices(offices)
    if unknown:
        raise MESSAGES.error(InvalidInput, "office_not_found.staff", office_id=unknown[0])
    if role is not Role.ADMIN and not offices:
        raise MESSAGES.error(InvalidInput, "offices_required")
    return StaffChangeIn(role, offices)


class StaffAdminController(Controller):
    path = "/api/v1/manage/staff"
    tags = ["administrators"]
    guards = [requires(Role.ADMIN)]
    dependencies = {"user": Provide(provide_staff)}

    @get("/", summary="Every staff account", responses=answers(ADMINS_ONLY))
    async def accounts(self, state: State) -> list[StaffOut]:
        return [staff_view(account) for account in await state.staff.accounts()]

    @post(
        "/{username:str}/deactivate",
        status_code=HTTP_200_OK,
        summary="Deactivate an account and end its sessions",
        responses=REFUSALS,
    )
    async def deactivate(
        self,
        request: Request[Any, Any, Any],
        state: State,
        user: NamedDependency[StaffUser],
        username: FromPath[str],
    ) -> StaffOut:
        return await self._set_active(request, state, user, username, active=False)

    @post(
        "/{username:str}/activate",
        status_code=HTTP_200_OK,
        summary="Let a deactivated account log in again",
        responses=REFUSALS,
    )
    async def activate(
        self,
        request: Request[Any, Any, Any],
        state: State,
        user: NamedDependency[StaffUser],
        username: FromPath[str],
    ) -> StaffOut:
        return await self._set_active(request, state, user, username, active=True)

    @patch(
        "/{username:str}",
        summary="Give an account another role or offices; its sessions end",
        responses=answers(
            BODY,
            PARAMETERS,
            ADMINS_ONLY,
            ACCOUNT,
            {422: "`office_not_found`, `offices_required`"},
        ),
    )
    async def update(
        self,
        request: Request[Any, Any, Any],
        state: State,
        user: NamedDependency[StaffUser],
        username: FromPath[str],
        data: JSONBody[StaffChangeIn],
    ) -> StaffOut:
        staff: StaffStore = state.staff
        before = await staff.account(username)
        if before is None:
            raise staff_not_found(username)
        if username == user.username and data.role not in (None, Role.ADMIN):
            raise own_account()
        change = await validated_change(staff, before, data)
        return await self._change(
            request, state, user, username, "staff.updated", role=change.role, offices=change.offices
        )

    async def _set_active(
        self,
        request: Request[Any, Any, Any],
        state: State,
        user: StaffUser,
        username: str,
        *,
        active: bool,
    ) -> StaffOut:
        """Deactivate (``active=False``: never one's own account) or reactivate an account."""
        if not active and username == user.username:
            raise own_account()
        action = "staff.activated" if active else "staff.deactivated"
        return await self._change(request, state, user, username, action, active=active)

    async def _change(
        self,
        request: Request[Any, Any, Any],
        state: State,
        user: StaffUser,
        username: str,
        action: str,
        **change: Any,
    ) -> StaffOut:
        staff: StaffStore = state.staff
        before = await staff.account(username)
        after = await staff.change(username, **change)
        if before is None or after is None:
            raise staff_not_found(username)
        state.sessions.forget(after.user.id)
        await audit(
            request,
            actor=f"staff:{user.username}",
            action=action,
            target=username,
            detail={"before": _summary(before), "after": _summary(after)},
        )
        return staff_view(after)


def _summary(account: StaffAccount) -> dict[str, Any]:
    return {"role": account.user.role.value, "offices": list(account.user.offices), "active": account.active}
