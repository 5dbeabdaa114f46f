"""Staff authentication: short-lived JWTs that carry the role and the offices in scope."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import jwt
from litestar import Request
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, PermissionDeniedException
from litestar.handlers.base import BaseRouteHandler

from booking.errors import Forbidden
from booking.staff import Role, StaffUser

ALGORITHM = "HS256"
AUDIENCE = "mawid-staff"


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
                int(claims["uid"]), str(claims["sub"]), Role(claims["role"]), tuple(claims["offices"])
            )
        except (jwt.InvalidTokenError, KeyError, ValueError):
            raise NotAuthorizedException("The access token is not valid; log in again.") from None


def staff_from(connection: ASGIConnection[Any, Any, Any, Any]) -> StaffUser:
    """The staff member behind the request's bearer token, or a 401."""
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise NotAuthorizedException(
            "Log in first: send 'Authorization: Bearer <token>'.",
            headers={"WWW-Authenticate": "Bearer"},
        )
    state = connection.app.state
    return state.tokens.read(token.strip(), state.clock.now())


def requires(*roles: Role) -> Callable[[ASGIConnection[Any, Any, Any, Any], BaseRouteHandler], None]:
    """A guard letting in staff of these roles (admins always)."""

    def guard(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler) -> None:
        user = staff_from(connection)
        if user.role is not Role.ADMIN and user.role not in roles:
            raise PermissionDeniedException("Your role may not do this.")

    return guard


async def provide_staff(request: Request[Any, Any, Any]) -> StaffUser:
    return staff_from(request)


def ensure_office_scope(user: StaffUser, office_id: str) -> None:
    """Staff act only in their own offices."""
    if not user.may_act_in(office_id):
        raise Forbidden(
            "office_forbidden",
            "You are not assigned to this office.",
            "أنت غير مُكلَّف بالعمل في هذا المكتب.",
        )
