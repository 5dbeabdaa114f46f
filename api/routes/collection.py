"""The pick-up lane's one endpoint: staff mark a finished document ready for collection, and its
holder gets an SMS "ready for collection at <office>, <hours>" (``booking.collection``).

Agents, clerks and managers of the office may; the audit trail says who marked what for whom (by
identity digest prefix, never the number). Marking the same document again sends nothing more.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, Request, Response, post
from litestar.di import Provide
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from api.audit import AuditTrail, identity_actor
from api.auth import STAFF_ONLY, ensure_office_scope, provide_staff, requires
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
from api.routes.bookings import IdentityIn
from api.views import instant, mask_phone
from booking.appointments import Appointments
from booking.calendar import local_today
from booking.collection import ReadyDocument, ready_message
from booking.identity import normalise_phone, parse_identity
from booking.offer import existing_office
from booking.staff import Role, StaffUser
from booking.store.collection import ReadinessStore
from kernel.database import Database
from kernel.days import TIMEZONE


class ReadyIn(msgspec.Struct, kw_only=True):
    identity: IdentityIn
    """The holder's identity, as on the application."""
    phone: str
    """The holder's mobile, to be told."""
    document: str
    """``passport``, ``driving-licence``, ``vehicle-licence`` or ``residence-permit``."""
    lang: str = "ar"


class ReadyOut(msgspec.Struct):
    office_id: str
    document: str
    identity_last4: str
    phone: str
    """Masked."""
    marked_at: str
    notified: bool
    """True when this call sent the SMS; False when the document was already marked ready (and told)."""


class DocumentReadinessController(Controller):
    path = "/api/v1/offices/{office_id:str}/documents"
    tags = ["counters"]
    guards = [requires(Role.AGENT, Role.CLERK, Role.MANAGER)]
    security = STAFF_ONLY
    dependencies = {"user": Provide(provide_staff)}

    @post(
        "/ready",
        status_code=HTTP_201_CREATED,
        summary="Mark a finished document ready for collection; its holder is told by SMS",
        description="201 when marked now (the SMS goes through the outbox in the same "
        "transaction), 200 when it was already marked ready (nothing sent again).",
        responses={
            HTTP_201_CREATED: ResponseSpec(
                ReadyOut, description="Marked; SMS posted", generate_examples=False
            ),
            HTTP_200_OK: ResponseSpec(ReadyOut, description="Already marked", generate_examples=False),
            **answers(
                BODY,
                PARAMETERS,
                STAFF,
                {
                    404: "`office_not_found`",
                    422: "`unknown_document`, `invalid_national_id`, `invalid_passport`, "
                    "`invalid_nationality`, `invalid_identity`, `invalid_phone`",
                },
            ),
        },
    )
    async def ready(
        self,
        request: Request[Any, Any, Any],
        appointments: Injected[Appointments],
        database: Injected[Database],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        data: JSONBody[ReadyIn],
    ) -> Response[ReadyOut]:
        ensure_office_scope(user, office_id)
        office = await existing_office(appointments.offices, office_id)
        now = appointments.clock.now()
        identity = parse_identity(
            data.identity.type, data.identity.number, data.identity.nationality, local_today(now, TIMEZONE)
        )
        ready = ReadyDocument.of(
            office,
            data.document,
            identity,
            appointments.hasher,
            phone=normalise_phone(data.phone),
            lang=data.lang,
            now=now,
            by=user.username,
        )
        notified = await ReadinessStore(database).mark(ready, ready_message(ready, office), now)
        await audit.by_staff(
            request,
            user,
            "document.ready",
            office_id=office.id,
            target=ready.document,
            detail={"for": identity_actor(ready.identity_hash), "notified": notified},
        )
        out = ReadyOut(
            office_id=office.id,
            document=ready.document,
            identity_last4=ready.identity_last4,
            phone=mask_phone(ready.phone),
            marked_at=instant(now, office.timezone),
            notified=notified,
        )
        return Response(out, status_code=HTTP_201_CREATED if notified else HTTP_200_OK)
