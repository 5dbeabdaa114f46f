"""The audit trail every route writes to: ``await audit.by_staff(request, user, ...)``, the
``audit`` a handler is given (``api.providers``).

Who (``actor``): ``staff:<username>``, ``identity:<first 12 hex of the identity digest>`` for a
citizen (never the number), or ``anonymous``. What (``action``): a dotted name such as
``closure.opened``, ``booking.cancelled``, ``staff.login_failed``. Where: ``office_id`` and
``target`` (a booking code, a counter, a plan id). From where: ``address``, the client's IP.
``detail`` is a short before/after with no names, phones or identity numbers.

Events go to the hash-chained ``audit_events`` table (``booking.store.audit_events``). An event is
recorded after the action it describes has been committed; if the database refuses the event
(an outage), the action stands and the loss is logged loudly rather than turned into an error
for a user whose change was made.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any

import structlog
from litestar.connection import ASGIConnection

from api.auth import token_user
from booking.staff import StaffUser
from booking.store.audit_events import AuditEventStore
from kernel.clock import Clock
from kernel.database import Database

ANONYMOUS = "anonymous"
IDENTITY_PREFIX_CHARS = 12
REFUSAL_WINDOW_SECONDS = 60.0
"""One ``access.refused`` event per actor, address and status per window (one ``limit.refused``
per actor, address and code); the rest are counted into the next one, so a client hammering a
route cannot make the log grow without bound."""
ACCESS_REFUSED = "access.refused"
"""A 401 or 403."""
LIMIT_REFUSED = "limit.refused"
"""A refusal by a rate limit, the proof of work or a cap on an identity or a mobile."""
REFUSAL_KEYS_KEPT = 10_000
log = structlog.get_logger("mawid.audit")


def staff_actor(user: StaffUser | str) -> str:
    return "staff:" + (user if isinstance(user, str) else user.username)


def identity_actor(identity_hash: str) -> str:
    """A citizen by the first 12 hex characters of the digest their booking keeps: enough to
    follow one identity through the log, not enough to be the digest itself."""
    return "identity:" + identity_hash[:IDENTITY_PREFIX_CHARS]


def address_of(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    """The client's address as the rest of the server sees it (trusted proxies honoured)."""
    try:
        from api.client_address import client_address  # built beside this module (issue 9)
    except ImportError:  # pragma: no cover - until the shared helper lands
        return connection.client.host if connection.client else None
    return client_address(connection)


def actor_of(connection: ASGIConnection[Any, Any, Any, Any]) -> str:
    """The staff member the request speaks for, else ``anonymous``; never raises.

    A token whose signature holds names its user even when its session has ended or its role
    falls short, which is exactly who a refusal should be written against.
    """
    try:
        return staff_actor(token_user(connection))  # decoded once per request (api/auth.py)
    except Exception:
        return ANONYMOUS


class AuditTrail:
    def __init__(self, store: AuditEventStore, clock: Clock) -> None:
        self.store = store
        self._clock = clock
        # (action, actor, address, status or code) -> (window start on the monotonic clock,
        # refusals not written)
        self._refusals: dict[tuple[str, str, str | None, int | str], tuple[float, int]] = {}

    @classmethod
    def on(cls, database: Database, clock: Clock) -> AuditTrail:
        return cls(AuditEventStore(database), clock)

    async def record(
        self,
        *,
        actor: str,
        action: str,
        office_id: str | None = None,
        target: str | None = None,
        detail: Mapping[str, Any] | None = None,
        address: str | None = None,
    ) -> None:
        try:
            await self.store.append(
                at=self._clock.now(),
                actor=actor[:100],
                action=action[:64],
                office_id=office_id,
                target=target[:200] if target is not None else None,
                detail=detail,
                address=address[:64] if address is not None else None,
            )
        except Exception as error:
            log.error("audit_event_lost", action=action, office_id=office_id, error=type(error).__name__)

    async def record_request(
        self,
        connection: ASGIConnection[Any, Any, Any, Any],
        *,
        actor: str,
        action: str,
        office_id: str | None = None,
        target: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """``record`` with the address taken from the request."""
        await self.record(
            actor=actor,
            action=action,
            office_id=office_id,
            target=target,
            detail=detail,
            address=address_of(connection),
        )

    async def by_staff(
        self,
        connection: ASGIConnection[Any, Any, Any, Any],
        user: StaffUser,
        action: str,
        *,
        office_id: str | None = None,
        target: str | None = None,
        detail: Mapping[str, Any] | None = None,
    ) -> None:
        """A staff member's write, recorded from the route that made it."""
        await self.record_request(
            connection,
            actor=staff_actor(user),
            action=action,
            office_id=office_id,
            target=target,
            detail=detail,
        )

    async def of_booking(
        self,
        connection: ASGIConnection[Any, Any, Any, Any],
        action: str,
        *,
        identity_hash: str,
        code: str,
        office_id: str,
        service: str,
        start: datetime,
        actor: str | None = None,
    ) -> None:
        """A step of a booking's life: by the citizen (the default actor, by digest prefix) or
        by staff. The detail is where and when the booking stands after it, never who the
        citizen is."""
        await self.record_request(
            connection,
            actor=actor or identity_actor(identity_hash),
            action=action,
            office_id=office_id,
            target=code,
            detail={"after": {"office_id": office_id, "service": service, "start": start.isoformat()}},
        )

    async def refused(
        self,
        *,
        actor: str,
        address: str | None,
        status: int,
        code: str,
        method: str,
        path: str,
        office_id: str | None = None,
        action: str = ACCESS_REFUSED,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        """A refusal: who tried what, from where. Within one window only the first refusal of an
        actor and address is written, per status for ``access.refused`` and per code for
        ``limit.refused``; it carries how many were held back before it."""
        key = (action, actor, address, status if action == ACCESS_REFUSED else code)
        now = time.monotonic()
        started, held_back = self._refusals.get(key, (-REFUSAL_WINDOW_SECONDS, 0))
        if now - started < REFUSAL_WINDOW_SECONDS:
            self._refusals[key] = (started, held_back + 1)
            return
        if len(self._refusals) >= REFUSAL_KEYS_KEPT:
            self._refusals.clear()
        self._refusals[key] = (now, 0)
        detail: dict[str, Any] = {"status": status, "code": code, "method": method, "path": path[:200]}
        detail.update(extra or {})
        if held_back:
            detail["held_back"] = held_back
        await self.record(
            actor=actor,
            action=action,
            office_id=office_id,
            target=path[:200],
            detail=detail,
            address=address,
        )
