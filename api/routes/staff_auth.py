"""Staff log in with a username and password and get a bearer token for a working shift, and log
out, which ends every session of the account (its token version goes up).

Passwords are checked in the hashing threads (``booking.staff``), never on the event loop, and
against a dummy hash for unknown or inactive accounts so the time taken does not tell who exists.
After ``MAWID_LOGIN_LOCKOUT_FAILURES`` wrong passwords in a row an account is locked (``429``,
even for the right password) for a back-off that doubles with each further wrong one.
"""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.di import Provide
from litestar.exceptions import NotAuthorizedException
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT

from api.audit import AuditTrail
from api.auth import STAFF_ONLY, SessionVersions, TokenIssuer, provide_staff
from api.messages import MESSAGES
from api.problems import BODY, STAFF, answers, problem
from api.providers import Injected
from api.rate_limits import RateLimits, login_allowed, login_failed
from api.settings import Settings
from booking.staff import LockoutPolicy, StaffUser, verify_password_off_loop, verify_unknown_user_off_loop
from booking.store.staff import StaffStore
from kernel.clock import Clock


class TokenIn(msgspec.Struct):
    username: str
    password: str


class TokenOut(msgspec.Struct):
    """A bearer token for ``Authorization: Bearer …``, who it is for, and its lifetime in seconds."""

    access_token: str
    token_type: str
    role: str
    offices: list[str]
    expires_in: int


class MeOut(msgspec.Struct):
    username: str
    role: str
    offices: list[str]


def lockout_policy(settings: Settings) -> LockoutPolicy:
    return LockoutPolicy(
        settings.login_lockout_failures, settings.login_lockout_seconds, settings.login_lockout_max_seconds
    )


def locked_out(wait: timedelta) -> Response[Any]:
    """``429 rate_limited`` with ``Retry-After``: the account is locked after wrong passwords."""
    seconds = max(1, math.ceil(wait.total_seconds()))
    response = problem(
        429, "rate_limited", *MESSAGES.texts("rate_limited.locked_out", seconds=seconds), retry_after=seconds
    )
    response.headers["Retry-After"] = str(seconds)
    return response


class AuthController(Controller):
    path = "/api/v1/auth"
    tags = ["staff"]

    @post(
        "/token",
        status_code=HTTP_200_OK,
        summary="Exchange a username and password for a token",
        description="The token lasts `MAWID_TOKEN_HOURS` (default 8) unless the account logs out, "
        "is deactivated or is given another role or offices.",
        responses=answers(
            BODY,
            {
                401: "`not_authenticated`: wrong username or password (the same for both)",
                429: "`rate_limited`: too many wrong passwords for this account (it refuses every password "
                "until `Retry-After` seconds have passed) or from this network",
            },
        ),
    )
    async def token(
        self,
        request: Request[Any, Any, Any],
        staff_accounts: Injected[StaffStore],
        tokens: Injected[TokenIssuer],
        clock: Injected[Clock],
        settings: Injected[Settings],
        limits: Injected[RateLimits],
        audit: Injected[AuditTrail],
        data: JSONBody[TokenIn],
    ) -> Response[TokenOut]:
        username = data.username.strip()
        await login_allowed(limits, request)  # too many wrong passwords from here: refused before any work
        now = clock.now()
        found = await staff_accounts.credentials(username)
        if found is not None and found.locked_until is not None and found.locked_until > now:
            await audit.record_request(
                request,
                actor="anonymous",
                action="staff.login_failed",
                target=username[:80],
                detail={"reason": "locked"},
            )
            return locked_out(found.locked_until - now)
        # Verify even for an unknown user, so the response time does not reveal who exists.
        if found is None:
            right = await verify_unknown_user_off_loop(data.password)
        else:
            right = await verify_password_off_loop(found.password_hash, data.password)
        if found is None or not right:
            locked_until = None
            if found is not None:
                policy = lockout_policy(settings)
                locked_until = await staff_accounts.wrong_password(found.user.id, now, policy)
            await audit.record_request(
                request,
                actor="anonymous",
                action="staff.login_failed",
                target=username[:80],
                detail={"reason": "wrong_password", "locked": locked_until is not None},
            )
            await login_failed(limits, request)
            raise NotAuthorizedException("Wrong username or password.")
        user = found.user
        if not await staff_accounts.right_password(user.id, now):  # another process locked it meanwhile
            return locked_out(timedelta(seconds=settings.login_lockout_seconds))
        await audit.record_request(
            request, actor=f"staff:{user.username}", action="staff.login", target=user.username
        )
        return Response(
            TokenOut(
                access_token=tokens.issue(user, now),
                token_type="bearer",  # noqa: S106 (the kind of token, not a secret)
                role=user.role.value,
                offices=list(user.offices),
                expires_in=int(tokens.lifetime.total_seconds()),
            )
        )

    @post(
        "/logout",
        status_code=HTTP_204_NO_CONTENT,
        summary="End every session of the calling account",
        description="Every token of the account stops working, on every server process within "
        "two seconds and at once on this one; log in again for a new one.",
        dependencies={"user": Provide(provide_staff)},
        security=STAFF_ONLY,
        responses=answers(BODY, {401: STAFF[401]}),
    )
    async def logout(
        self,
        request: Request[Any, Any, Any],
        staff_accounts: Injected[StaffStore],
        sessions: Injected[SessionVersions],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
    ) -> None:
        await staff_accounts.end_sessions(user.id)
        sessions.forget(user.id)
        await audit.record_request(
            request, actor=f"staff:{user.username}", action="staff.logout", target=user.username
        )

    @get(
        "/me",
        summary="Who the token belongs to",
        dependencies={"user": Provide(provide_staff)},
        security=STAFF_ONLY,
        responses=answers({401: STAFF[401]}),
    )
    async def me(self, user: Injected[StaffUser]) -> MeOut:
        return MeOut(username=user.username, role=user.role.value, offices=list(user.offices))
