"""Staff authentication: short-lived JWTs that carry the role, the offices in scope and the
account's session version.

A token is good only while its ``ver`` is the account's ``token_version`` in the database and the
account is active. Logging out, deactivating an account or changing its role or offices bumps the
version, so every earlier token dies: at once in the process that made the change, and within
``SESSION_CHECK_SECONDS`` (each process's cache of versions) everywhere else.
"""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import jwt
from litestar import Controller, Request
from litestar.connection import ASGIConnection
from litestar.di import Provide
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler
from litestar.openapi.spec import Reference, SecurityRequirement, SecurityScheme

from api.messages import MESSAGES
from api.services import services_of
from booking.staff import Role, StaffUser
from booking.store.staff import StaffStore
from kernel.errors import Forbidden

ALGORITHM = "HS256"
AUDIENCE = "mawid-staff"
SESSION_CHECK_SECONDS = 2.0
"""How long a process trusts an account's token version it read, before reading it again."""

STAFF_SCHEME = "staffToken"
"""The OpenAPI name of the staff's bearer token (``security_schemes``)."""
STAFF_ONLY: list[SecurityRequirement] = [{STAFF_SCHEME: []}]
"""``security=`` of every operation behind ``requires``/``provide_staff``: the schema says it
wants ``Authorization: Bearer <token>`` from ``POST /api/v1/auth/token``."""


def security_schemes() -> dict[str, SecurityScheme | Reference]:
    """The schemes the OpenAPI document declares: the staff's bearer token."""
    return {
        STAFF_SCHEME: SecurityScheme(
            type="http",
            scheme="bearer",
            bearer_format="JWT",
            description="A staff token from `POST /api/v1/auth/token`, sent as `Authorization: Bearer "
            "<token>`; it carries the role and the offices in scope, and dies on logout or when the "
            "account is changed.",
        )
    }


class TokenIssuer:
    def __init__(self, secret: str, lifetime: timedelta) -> None:
        self._key = "mawid-jwt-v1:" + secret
        self.lifetime = lifetime

    def issue(self, user: StaffUser, now: datetime) -> str:
        claims = {
            "sub": user.username,
            "uid": user.id,
            "role": user.role.value,
            "offices": list(user.offices),
            "ver": user.token_version,
            "aud": AUDIENCE,
            "iat": int(now.timestamp()),
            "exp": int((now + self.lifetime).timestamp()),
        }
        return jwt.encode(claims, self._key, algorithm=ALGORITHM)

    def read(self, token: str, now: datetime) -> StaffUser:
        try:
            # Expiry is checked against the injected clock, not the host's, so a demo running
            # on MAWID_CLOCK keeps its tokens.
            claims = jwt.decode(
                token,
                self._key,
                algorithms=[ALGORITHM],
                audience=AUDIENCE,
                options={"verify_exp": False, "verify_iat": False},
            )
            if claims["exp"] < now.timestamp():
                raise NotAuthorizedException("Your session has expired; log in again.")
            return StaffUser(
                int(claims["uid"]),
                str(claims["sub"]),
                Role(claims["role"]),
                tuple(claims["offices"]),
                int(claims["ver"]),  # tokens from before versions existed have none: log in again
            )
        except (jwt.InvalidTokenError, KeyError, ValueError):
            raise NotAuthorizedException("The access token is not valid; log in again.") from None


class SessionVersions:
    """Each account's current token version as this process last read it, for a few seconds.

    ``None`` stands for an inactive or deleted account. The process that changes an account calls
    ``forget``, so its own next request reads the database.
    """

    def __init__(self, ttl_seconds: float = SESSION_CHECK_SECONDS) -> None:
        self._ttl = ttl_seconds
        self._read: dict[int, tuple[float, int | None]] = {}

    async def current(self, staff: StaffStore, user_id: int) -> int | None:
        seen = self._read.get(user_id)
        now = time.monotonic()
        if seen is not None and now - seen[0] < self._ttl:
            return seen[1]
        version = await staff.session_version(user_id)
        if len(self._read) > 10_000:  # forged uids cannot get past the signature; this is a bound
            self._read.clear()
        self._read[user_id] = (now, version)
        return version

    def forget(self, user_id: int) -> None:
        self._read.pop(user_id, None)


def bearer_token(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The request's bearer token, or a 401 asking for one."""
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise NotAuthorizedException(
            "Log in first: send 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return token.strip()


_TOKEN_USER = "mawid_token_user"  # noqa: S105 - a state key, not a secret
"""Connection-state key: the bearer token's user as signed, or why it is refused; decoded once."""
_STAFF = "mawid_staff"
"""Connection-state key: the staff member once their session is also known to be current."""


def token_user(connection: ASGIConnection[Any, Any, Any, Any]) -> StaffUser:
    """The staff member the request's bearer token names, its signature and expiry checked (not
    yet its session), or a 401. The token is decoded once per request: the guard, the ``user``
    dependency and the audit of a refusal all read the answer kept in the connection's state."""
    known = connection.state.get(_TOKEN_USER)
    if isinstance(known, StaffUser):
        return known
    if known is not None:  # refused earlier in this request: refuse alike, with a fresh exception
        detail, headers = known
        raise NotAuthorizedException(detail, headers=headers)
    services = services_of(connection)  # a guard: no dependency injection here
    try:
        user: StaffUser = services.tokens.read(bearer_token(connection), services.clock.now())
    except NotAuthorizedException as refusal:
        connection.state[_TOKEN_USER] = (refusal.detail, refusal.headers)
        raise
    connection.state[_TOKEN_USER] = user
    return user


async def staff_from(connection: ASGIConnection[Any, Any, Any, Any]) -> StaffUser:
    """The staff member behind the request's bearer token, or a 401 when the token is missing,
    forged, expired, or of a session that has ended. Checked once per request."""
    known: StaffUser | None = connection.state.get(_STAFF)
    if known is not None:
        return known
    user = token_user(connection)
    services = services_of(connection)
    if await services.sessions.current(services.staff, user.id) != user.token_version:
        raise NotAuthorizedException(
            "This session has ended (logged out, or the account was changed); log in again.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    connection.state[_STAFF] = user
    return user


Guard = Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], Awaitable[None]]


def requires(*roles: Role) -> Guard:
    """A guard letting in staff of these roles (admins always)."""

    async def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        user = await staff_from(connection)
        if user.role is not Role.ADMIN and user.role not in roles:
            raise PermissionDeniedException("Your role may not do this.")

    return guard


async def provide_staff(request: Request[Any, Any, Any]) -> StaffUser:
    return await staff_from(request)


def ensure_office_scope(user: StaffUser, office_id: str) -> None:
    """Staff act only in their own offices."""
    if not user.may_act_in(office_id):
        raise MESSAGES.error(Forbidden, "office_forbidden")


class ManagerController(Controller):
    """Routes under ``/api/v1/manage`` for managers (and administrators): the staff token
    required, the caller as ``user``. Each route still checks the office is within the caller's
    reach (``api.routes.capacity.office_in_scope``)."""

    path = "/api/v1/manage"
    tags = ["managers"]
    guards = [requires(Role.MANAGER)]
    security = STAFF_ONLY
    dependencies = {"user": Provide(provide_staff)}
