"""Administrators manage staff accounts: list them, deactivate and reactivate them, and change a
role or the offices in scope. Every change ends the account's sessions at once (its tokens carry
the old role and offices), and leaves an event in the audit trail.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import msgspec
from litestar import Controller, Request, get, patch, post
from litestar.di import Provide
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK

from api.audit import AuditTrail
from api.auth import STAFF_ONLY, SessionVersions, provide_staff, requires
from api.messages import MESSAGES
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
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
    security = STAFF_ONLY
    dependencies = {"user": Provide(provide_staff)}

    @get("/", summary="Every staff account", responses=answers(ADMINS_ONLY))
    async def accounts(self, staff_accounts: Injected[StaffStore]) -> list[StaffOut]:
        return [staff_view(account) for account in await staff_accounts.accounts()]

    @post(
        "/{username:str}/deactivate",
        status_code=HTTP_200_OK,
        summary="Deactivate an account and end its sessions",
        responses=REFUSALS,
    )
    async def deactivate(
        self,
        request: Request[Any, Any, Any],
        staff_accounts: Injected[StaffStore],
        sessions: Injected[SessionVersions],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        username: FromPath[str],
    ) -> StaffOut:
        change = _Change(request, staff_accounts, sessions, audit, user)
        return await change.set_active(username, active=False)

    @post(
        "/{username:str}/activate",
        status_code=HTTP_200_OK,
        summary="Let a deactivated account log in again",
        responses=REFUSALS,
    )
    async def activate(
        self,
        request: Request[Any, Any, Any],
        staff_accounts: Injected[StaffStore],
        sessions: Injected[SessionVersions],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        username: FromPath[str],
    ) -> StaffOut:
        change = _Change(request, staff_accounts, sessions, audit, user)
        return await change.set_active(username, active=True)

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
        staff_accounts: Injected[StaffStore],
        sessions: Injected[SessionVersions],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        username: FromPath[str],
        data: JSONBody[StaffChangeIn],
    ) -> StaffOut:
        before = await staff_accounts.account(username)
        if before is None:
            raise staff_not_found(username)
        if username == user.username and data.role not in (None, Role.ADMIN):
            raise own_account()
        valid = await validated_change(staff_accounts, before, data)
        change = _Change(request, staff_accounts, sessions, audit, user)
        return await change.apply(username, "staff.updated", role=valid.role, offices=valid.offices)


@dataclass(frozen=True, slots=True)
class _Change:
    """An administrator's change to an account: made, its sessions ended, and audited."""

    request: Request[Any, Any, Any]
    staff: StaffStore
    sessions: SessionVersions
    audit: AuditTrail
    user: StaffUser

    async def set_active(self, username: str, *, active: bool) -> StaffOut:
        """Deactivate (``active=False``: never one's own account) or reactivate an account."""
        if not active and username == self.user.username:
            raise own_account()
        action = "staff.activated" if active else "staff.deactivated"
        return await self.apply(username, action, active=active)

    async def apply(self, username: str, action: str, **change: Any) -> StaffOut:
        before = await self.staff.account(username)
        after = await self.staff.change(username, **change)
        if before is None or after is None:
            raise staff_not_found(username)
        self.sessions.forget(after.user.id)
        await self.audit.record_request(
            self.request,
            actor=f"staff:{self.user.username}",
            action=action,
            target=username,
            detail={"before": _summary(before), "after": _summary(after)},
        )
        return staff_view(after)


def _summary(account: StaffAccount) -> dict[str, Any]:
    return {"role": account.user.role.value, "offices": list(account.user.offices), "active": account.active}
