"""Staff log in with a username and password and get a bearer token for a working day."""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, get, post
from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.exceptions import NotAuthorizedException
from litestar.params import JSONBody
from litestar.status_codes import HTTP_200_OK

from api.auth import provide_staff
from booking.staff import UNKNOWN_USER_HASH, StaffUser, verify_password
from booking.store.staff import StaffStore


class TokenIn(msgspec.Struct):
    username: str
    password: str


class AuthController(Controller):
    path = "/api/v1/auth"
    tags = ["staff"]

    @post("/token", status_code=HTTP_200_OK, summary="Exchange a username and password for a token")
    async def token(self, state: State, data: JSONBody[TokenIn]) -> dict[str, Any]:
        staff: StaffStore = state.staff
        found = await staff.credentials(data.username.strip())
        # Verify even for an unknown user, so the response time does not reveal who exists.
        password_hash = found[1] if found else UNKNOWN_USER_HASH
        if not verify_password(password_hash, data.password) or found is None:
            raise NotAuthorizedException("Wrong username or password.")
        user = found[0]
        return {
            "access_token": state.tokens.issue(user, state.clock.now()),
            "token_type": "bearer",
            "role": user.role.value,
            "offices": list(user.offices),
            "expires_in": int(state.tokens.lifetime.total_seconds()),
        }

    @get("/me", summary="Who the token belongs to", dependencies={"user": Provide(provide_staff)})
    async def me(self, user: NamedDependency[StaffUser]) -> dict[str, Any]:
        return {"username": user.username, "role": user.role.value, "offices": list(user.offices)}
