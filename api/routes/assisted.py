"""Assisted booking: a clerk books for a citizen at an office's desk or on its phone line.

The booking is the citizen's as if they had made it online (the same rules, limits and SMS
confirmation to their mobile), with three differences that make the channel worth having:

- the channel (``desk`` or ``phone``) is kept on the booking and in the audit trail, which says
  which clerk booked for which identity (by digest prefix, never the number);
- a clerk may take the seats an office keeps for assisted bookings and book in its seniors' hours
  (``booking.channels``), which online applicants cannot;
- no proof of work, no verification code and no provenance digests: the clerk is the check, and
  a desk making many bookings is its job, not a broker's pattern.

Only ``clerk`` accounts (and administrators) may, and only in their own offices: counter agents
serve tickets and managers plan; keeping the role apart makes "who booked for whom" a short list.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.di import Provide
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_201_CREATED

from api.audit import AuditTrail, identity_actor
from api.auth import STAFF_ONLY, ensure_office_scope, provide_staff, requires
from api.problems import BODY, PARAMETERS, STAFF, answers
from api.providers import Injected
from api.routes.bookings import BookingIn, asked_people, asked_services
from api.views import AvailabilityOut, BookingOut, availability_view, booking_view
from booking.appointments import Appointments, BookCommand
from booking.calendar import local_today
from booking.channels import ASSISTED_CHANNELS, Channel
from booking.identity import normalise_phone
from booking.messages import MESSAGES
from booking.staff import Role, StaffUser
from booking.store.offices import OfficeDirectory
from kernel.clock import Clock
from kernel.days import TIMEZONE
from kernel.errors import InvalidInput


class AssistedBookingIn(BookingIn, kw_only=True):
    """A booking's body as a citizen sends it, and the channel the clerk books through."""

    channel: str = Channel.DESK.value
    """``desk`` (the citizen at the office) or ``phone`` (the phone line)."""


def assisted_channel(value: str) -> Channel:
    """``desk`` or ``phone``; anything else is ``invalid_channel``."""
    for channel in ASSISTED_CHANNELS:
        if value.strip().lower() == channel.value:
            return channel
    raise MESSAGES.error(InvalidInput, "invalid_channel")


REFUSALS = {
    404: "`office_not_found`",
    409: "`slot_full`, `duplicate_booking`, `booking_limit`, `mobile_booking_limit`, `no_show_ban`, "
    "`release_draw_running`",
    422: "`invalid_channel`, `invalid_national_id`, `invalid_passport`, `invalid_nationality`, "
    "`invalid_identity`, `invalid_phone`, `invalid_name`, `invalid_email`, `invalid_start`, "
    "`outside_booking_window`, `slot_not_offered`, `service_not_offered`, `unknown_service`, "
    "`identity_not_eligible`, `national_id_required`, `walk_in_only`, `service_or_services`",
}


class AssistedBookingController(Controller):
    path = "/api/v1/assisted"
    tags = ["staff"]
    guards = [requires(Role.CLERK)]
    security = STAFF_ONLY
    dependencies = {"user": Provide(provide_staff)}

    @post(
        "/bookings",
        status_code=HTTP_201_CREATED,
        summary="Book for a citizen at an office's desk or on its phone line",
        description=(
            "The body of `POST /api/v1/bookings` plus `channel` (`desk` or `phone`). The booking "
            "is made at once (no proof of work, no code to type: the clerk is the check), keeps its "
            "channel, may take the seats the office keeps for assisted bookings and its seniors' "
            "hours, and sends the citizen the same SMS confirmation as an online booking. Clerks "
            "(and administrators) only, in their own offices."
        ),
        responses={
            HTTP_201_CREATED: ResponseSpec(BookingOut, description="The booking", generate_examples=False),
            **answers(BODY, STAFF, REFUSALS),
        },
    )
    async def book(
        self,
        request: Request[Any, Any, Any],
        appointments: Injected[Appointments],
        directory: Injected[OfficeDirectory],
        clock: Injected[Clock],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        data: JSONBody[AssistedBookingIn],
    ) -> Response[BookingOut]:
        ensure_office_scope(user, data.office_id)
        channel = assisted_channel(data.channel)
        first, *also = asked_services(data.service, data.services)
        if data.start.tzinfo is None:
            raise MESSAGES.error(InvalidInput, "invalid_start")
        today = local_today(clock.now(), TIMEZONE)
        identity, full_name, companions = asked_people(data, today)  # a clerk may book a family too
        command = BookCommand(
            service=first,
            also=tuple(also),
            office_id=data.office_id,
            start=data.start,
            identity=identity,
            full_name=full_name,
            companions=companions,
            phone=normalise_phone(data.phone),
            email=(data.email or "").strip() or None,
            lang=data.lang,
            channel=channel,
        )
        booking = await appointments.book(command)
        await audit.by_staff(
            request,
            user,
            "booking.assisted",
            office_id=booking.office_id,
            target=booking.code,
            detail={
                "for": identity_actor(booking.applicant.identity_hash),
                "channel": channel.value,
                "after": {"service": booking.service, "start": booking.starts_at.isoformat()},
            },
        )
        made = booking_view(booking, await directory.office(booking.office_id))
        return Response(made, status_code=HTTP_201_CREATED)

    @get(
        "/offices/{office_id:str}/availability",
        summary="Free slots for a clerk: the seats kept for assisted bookings included",
        description="As the citizens' availability, for one service, but counting every free seat "
        "(an online applicant does not see the seats the office keeps for clerks). Each slot's "
        "`seniors_only` says it lies in the office's seniors' hours.",
        responses=answers(
            PARAMETERS, STAFF, {404: "`office_not_found`", 422: "`unknown_service`, `service_not_offered`"}
        ),
    )
    async def availability(
        self,
        appointments: Injected[Appointments],
        directory: Injected[OfficeDirectory],
        user: Injected[StaffUser],
        office_id: FromPath[str],
        service: FromQuery[str],
        from_: Annotated[date | None, QueryParameter(name="from")] = None,
        to: FromQuery[date | None] = None,
    ) -> AvailabilityOut:
        ensure_office_scope(user, office_id)
        days = await appointments.availability(office_id, service, from_, to, Channel.DESK)
        office = await directory.office(office_id)
        assert office is not None  # availability() already refused an unknown office
        return availability_view(office, service, days)
