"""Bookings held for a verified mobile (``MAWID_PHONE_VERIFICATION=on``): ``POST /api/v1/bookings``
answers 202 with a hold; the code texted to the mobile confirms it here, or is sent again.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import JSONBody, PathParameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_202_ACCEPTED

from api.audit import AuditTrail
from api.problems import BODY, answers
from api.providers import Injected
from api.routes.bookings import audit_booking
from api.views import BookingOut, HoldOut, booking_view, hold_view
from booking.messages import MESSAGES
from booking.store.offices import OfficeDirectory
from booking.verified_booking import VerifiedBooking
from kernel.errors import NotFound

HoldId = Annotated[str, PathParameter(description="The hold's id, from the 202 of POST /api/v1/bookings.")]


class CodeIn(msgspec.Struct):
    code: str
    """The six digits texted to the mobile (Arabic-Indic digits and spaces allowed)."""


def verifying(verified: VerifiedBooking | None) -> VerifiedBooking:
    """The held bookings; with ``MAWID_PHONE_VERIFICATION`` off no hold exists (404)."""
    if verified is None:
        raise MESSAGES.error(NotFound, "hold_not_found")
    return verified


GONE = "`hold_not_found`: the hold was confirmed, expired, or dropped after too many wrong codes"


class BookingHoldController(Controller):
    path = "/api/v1/booking-holds"
    tags = ["citizens"]

    @post(
        "/{hold_id:str}/confirm",
        status_code=HTTP_201_CREATED,
        summary="Confirm a held booking with the code texted to the mobile",
        description=(
            "201 with the booking, as `POST /api/v1/bookings` answers when verification is off. "
            "A wrong code is 422 `wrong_verification_code` with `tries_left`; after the last "
            "the hold is dropped and its seat freed."
        ),
        responses={
            HTTP_201_CREATED: ResponseSpec(BookingOut, description="The booking", generate_examples=False),
            **answers(
                BODY,
                {
                    404: GONE,
                    409: "`slot_full`, `duplicate_booking`, `booking_limit`, `mobile_booking_limit`, "
                    "`no_show_ban`, `cancellation_limit`",
                    422: "`invalid_verification_code`, `wrong_verification_code` (with `tries_left`)",
                },
            ),
        },
    )
    async def confirm(
        self,
        request: Request[Any, Any, Any],
        verified: Injected[VerifiedBooking | None],
        directory: Injected[OfficeDirectory],
        audit: Injected[AuditTrail],
        hold_id: HoldId,
        data: JSONBody[CodeIn],
    ) -> BookingOut:
        booking = await verifying(verified).confirm(hold_id, data.code)
        await audit_booking(audit, request, "booking.created", booking)
        return booking_view(booking, await directory.office(booking.office_id))

    @post(
        "/{hold_id:str}/resend",
        status_code=HTTP_202_ACCEPTED,
        summary="Text the code again",
        description="202 with the hold and its new `resend_at`; the earlier code stops working.",
        responses={
            HTTP_202_ACCEPTED: ResponseSpec(HoldOut, description="Sent again", generate_examples=False),
            **answers(BODY, {404: GONE, 409: "`resend_too_soon`, `resend_limit`"}),
        },
    )
    async def resend(self, verified: Injected[VerifiedBooking | None], hold_id: HoldId) -> Response[HoldOut]:
        verifier = verifying(verified)
        held = await verifier.resend(hold_id)
        return Response(hold_view(held, verifier.policy), status_code=HTTP_202_ACCEPTED)
