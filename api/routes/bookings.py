"""A citizen's own bookings: make one, look it up, cancel, reschedule, add it to a calendar.

Look-ups need the booking code and the identity number (header ``X-Identity-Number``); a wrong
pair is the same 404 as an unknown code, so codes cannot be probed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

import msgspec
import structlog
from litestar import Controller, Request, Response, delete, get, post
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import HeaderParameter, JSONBody, PathParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_202_ACCEPTED

from api.audit import AuditTrail, identity_actor
from api.calendar_file import booking_ics
from api.messages import MESSAGES
from api.planning_views import RequestOut, request_view
from api.problems import BODY, PARAMETERS, answers
from api.providers import BookingDesk, Injected
from api.rate_limits import RateLimits, booking_allowed, guarded_lookup, recovery_allowed
from api.routes.suspicious import new_device, origin_of
from api.views import BookingOut, HoldOut, booking_view, hold_view
from booking.appointments import Appointments, BookCommand
from booking.bookings import Booking
from booking.calendar import local_today, to_local
from booking.chains import checked_chain
from booking.groups import PersonCommand, about_person
from booking.identity import Identity, normalise_phone, parse_identity
from booking.provenance import ProvenanceHasher
from booking.recovery import CodeRecovery
from booking.store.offices import OfficeDirectory
from kernel.clock import Clock
from kernel.days import TIMEZONE
from kernel.errors import DomainError, InvalidInput
from planning.brokered_bookings import BrokeredBookings

log = structlog.get_logger("mawid.bookings")

IdentityNumber = Annotated[
    str | None,
    HeaderParameter(name="X-Identity-Number", description="The identity number the booking was made with."),
]
Code = Annotated[str, PathParameter(description="The booking code, e.g. 7KQ2M9XD.")]


PROOF_OF_WORK = {
    400: "`proof_of_work_required` with `reason`: the puzzle's solution is wrong, expired or used",
    428: "`proof_of_work_required`: solve the `challenge` it carries and send it as `altcha`",
}
RATE_LIMITED = {429: "`rate_limited`: too many attempts from this network or for this mobile (`Retry-After`)"}
CREATE_REFUSALS = answers(
    BODY,
    PROOF_OF_WORK,
    RATE_LIMITED,
    {
        404: "`office_not_found`",
        409: "`slot_full`, `duplicate_booking`, `booking_limit`, `mobile_booking_limit`, `no_show_ban`, "
        "`release_draw_running`, `seniors_hours` (the office keeps this time for applicants 60 or over)",
        422: "`walk_in_only`, `invalid_national_id`, `invalid_passport`, `invalid_nationality`, "
        "`invalid_identity`, "
        "`invalid_phone`, `invalid_name`, `invalid_email`, `invalid_start`, `outside_booking_window`, "
        "`slot_not_offered`, `service_not_offered`, `unknown_service`, `identity_not_eligible`, "
        "`national_id_required`, `no_service`, `too_many_services`, `repeated_service`, "
        "`service_or_services`, `identity_or_people`, `too_many_people`, `repeated_person`. For several "
        "`people`, a refusal of one person names them by place and name (never by identity number) "
        "and carries `person` (1 the applicant)",
    },
)
LOOKUP = {
    404: "`booking_not_found`: no booking matches this code and identity number (the same for both)",
    429: "`rate_limited`: too many look-ups from this network or of this code, or a code locked after "
    "wrong identity numbers (`Retry-After`)",
}
CHANGE = {
    409: "`booking_not_changeable`, `cancellation_limit`, `reschedule_limit`, `reschedule_limit_booking`, "
    "`slot_full`, `release_draw_running`, `chain_moves_whole`",
}


class IdentityIn(msgspec.Struct):
    type: str = msgspec.field(name="type")
    number: str
    nationality: str | None = None


class BookingIn(msgspec.Struct, kw_only=True):
    service: str | None = None
    """One service; or give ``services`` instead."""
    services: list[str] | None = None
    """One trip for up to three distinct services, in place of ``service``: booked back to back
    from ``start`` in the order the office serves them best (``visits`` in the answer); ``start``
    is then the first one's, as availability with ``service`` repeated lists it."""
    office_id: str
    start: datetime
    identity: IdentityIn | None = None
    """The person the booking is for; or give ``people`` instead."""
    full_name: str | None = None
    people: list[PersonIn] | None = None
    """Several people in one appointment, in place of ``identity`` and ``full_name``: the
    applicant first, then up to ``MAWID_GROUP_EXTRA_PEOPLE`` (5) more, each taking the same
    service(s), served one after the other by one counter (README, "Several people, one
    appointment"). ``phone`` and ``email`` are the applicant's, for everyone."""
    phone: str
    email: str | None = None
    lang: str = "ar"
    altcha: str | None = None
    """A solved proof-of-work puzzle (base64 ALTCHA payload), needed only when the server asks."""


class PersonIn(msgspec.Struct):
    """One person of a booking for several people."""

    identity: IdentityIn
    full_name: str


class RecoverIn(msgspec.Struct):
    identity: IdentityIn
    phone: str


class RecoveryOut(msgspec.Struct):
    """The one answer to every well-formed ask for a lost code, whatever was found."""

    status: str
    detail: str
    detail_ar: str


RECOVERY_REFUSALS = answers(
    BODY,
    RATE_LIMITED,
    {
        422: "`invalid_national_id`, `invalid_passport`, `invalid_nationality`, `invalid_identity`, "
        "`invalid_phone`",
    },
)


class RescheduleIn(msgspec.Struct):
    start: datetime
    office_id: str | None = None


def asked_services(service: str | None, services: list[str] | None) -> list[str]:
    """The services asked for: ``service`` or ``services``, exactly one of them (a booking's
    body and a flexible request's say it alike)."""
    if (service is None) == (services is None):
        raise MESSAGES.error(InvalidInput, "service_or_services")
    asked = [service] if service is not None else list(services or [])
    checked_chain(asked)  # no_service, too_many_services, repeated_service, unknown_service
    return asked


def asked_people(data: BookingIn, today: date) -> tuple[Identity, str, tuple[PersonCommand, ...]]:
    """The applicant's identity and name, and the people booked with them: from ``identity`` and
    ``full_name``, or from ``people`` (the applicant first), exactly one of the two
    (``identity_or_people``). A person's identity refused says which person."""
    one = data.identity is not None or data.full_name is not None
    if one == (data.people is not None):
        raise MESSAGES.error(InvalidInput, "identity_or_people")
    if data.people is None:
        if data.identity is None or data.full_name is None:
            raise MESSAGES.error(InvalidInput, "identity_or_people")
        return _identity(data.identity, today), data.full_name, ()
    people = []
    for position, person in enumerate(data.people):
        try:
            identity = _identity(person.identity, today)
        except DomainError as error:
            raise about_person(error, position, person.full_name.strip()[:60]) from None
        people.append(PersonCommand(identity, person.full_name))
    if not people:
        raise MESSAGES.error(InvalidInput, "identity_or_people")
    return people[0].identity, people[0].full_name, tuple(people[1:])


def _identity(identity: IdentityIn, today: date) -> Identity:
    return parse_identity(identity.type, identity.number, identity.nationality, today)


def _aware(start: datetime) -> datetime:
    if start.tzinfo is None:
        raise MESSAGES.error(InvalidInput, "invalid_start")
    return start


async def audit_booking(
    audit: AuditTrail, request: Request[Any, Any, Any], action: str, booking: Booking
) -> None:
    """The citizen's step in the audit log, by identity digest prefix (``api.audit``)."""
    await audit.of_booking(
        request,
        action,
        identity_hash=booking.applicant.identity_hash,
        code=booking.code,
        office_id=booking.office_id,
        service=booking.service,
        start=booking.starts_at,
    )


class BookingController(Controller):
    path = "/api/v1/bookings"
    tags = ["citizens"]

    @post(
        "",
        status_code=HTTP_201_CREATED,
        summary="Book a slot, or one trip for several services",
        description=(
            "`service`, or `services` (up to three, distinct) for one trip: each service at the slot "
            "following the previous one's, all booked or none, under one code (`visits` lists them). "
            "201 with the booking; or, when mobiles are verified (`MAWID_PHONE_VERIFICATION=on`), "
            "202 with a hold (`hold_id`, `status: awaiting_verification`, `expires_at`, `resend_at`, "
            "`phone_last4`, `kind: booking`): the seat is held and a six-digit code texted to the "
            "mobile, to be typed at `POST /api/v1/booking-holds/{hold_id}/confirm`; or, while the "
            "chosen day's opening draw collects entries (the "
            "first minutes after a day opens, README 'Fair releases'), 202 with an entry into the "
            "draw: a booking request (`request_id`, `status: pending`, `draw.decided_at`) that the "
            "draw turns into a booking or refuses, followed at `GET /api/v1/booking-requests/{id}`."
        ),
        responses={
            HTTP_201_CREATED: ResponseSpec(BookingOut, description="The booking", generate_examples=False),
            HTTP_202_ACCEPTED: ResponseSpec(
                RequestOut | HoldOut,
                description="Held until the code texted to the mobile is typed, or entered the day's "
                "opening draw",
                generate_examples=False,
            ),
            **CREATE_REFUSALS,
        },
    )
    async def create(
        self, request: Request[Any, Any, Any], booking_desk: Injected[BookingDesk], data: JSONBody[BookingIn]
    ) -> Response[BookingOut | RequestOut | HoldOut]:
        desk = booking_desk  # one dependency, not ten (``api.providers.BookingDesk``)
        appointments, audit, release = desk.appointments, desk.audit, desk.release
        await desk.proof_of_work.demand(data.office_id, data.altcha)
        today = local_today(desk.clock.now(), TIMEZONE)
        device = new_device(request)  # where it comes from, for the report of brokered bookings
        first, *also = asked_services(data.service, data.services)
        identity, full_name, companions = asked_people(data, today)
        command = BookCommand(
            service=first,
            also=tuple(also),
            companions=companions,
            office_id=data.office_id,
            start=_aware(data.start),
            identity=identity,
            full_name=full_name,
            phone=normalise_phone(data.phone),
            email=(data.email or "").strip() or None,
            lang=data.lang,
            origin=origin_of(desk.provenance, request, device.value if device else None),
        )
        await booking_allowed(desk.limits, request, command.phone)
        office, _ = await appointments.office_and_service(command.office_id, command.service)
        if appointments.in_draw(office, command.start):
            if command.also or command.companions:  # a draw entry is for one person and service
                raise release.draw_running(to_local(command.start, office.timezone).date())
            entry = await desk.draw_entries.enter(command)
            await audit.record_request(
                request,
                actor=identity_actor(entry.applicant.identity_hash),
                action="booking.draw_entered",
                office_id=office.id,
                target=entry.id,
                detail={
                    "after": {
                        "office_id": office.id,
                        "service": entry.service,
                        "start": command.start.isoformat(),
                    }
                },
            )
            entered = request_view(entry, release=release)
            return Response(entered, status_code=HTTP_202_ACCEPTED, cookies=[device] if device else None)
        cookies = [device] if device else None
        if desk.verified is not None:  # MAWID_PHONE_VERIFICATION: held until the code is typed
            held = await desk.verified.start(command)
            return Response(
                hold_view(held, desk.verified.policy), status_code=HTTP_202_ACCEPTED, cookies=cookies
            )
        booking = await appointments.book(command)
        await audit_booking(audit, request, "booking.created", booking)
        made = booking_view(booking, await desk.directory.office(booking.office_id))
        return Response(made, status_code=HTTP_201_CREATED, cookies=cookies)

    @post(
        "/recover",
        status_code=HTTP_202_ACCEPTED,
        summary="Text lost booking codes to the mobile they were booked with",
        description=(
            "For an identity and a mobile: the code of every active booking of that identity made "
            "with that mobile is texted to that mobile (in the booking's language). The answer is "
            "the same 202 whether or not any was found, so it tells nobody who has booked."
        ),
        responses={
            HTTP_202_ACCEPTED: ResponseSpec(RecoveryOut, description="Asked", generate_examples=False),
            **RECOVERY_REFUSALS,
        },
    )
    async def recover(
        self,
        request: Request[Any, Any, Any],
        code_recovery: Injected[CodeRecovery],
        clock: Injected[Clock],
        limits: Injected[RateLimits],
        data: JSONBody[RecoverIn],
    ) -> RecoveryOut:
        today = local_today(clock.now(), TIMEZONE)
        identity = parse_identity(data.identity.type, data.identity.number, data.identity.nationality, today)
        phone = normalise_phone(data.phone)
        await recovery_allowed(limits, request, code_recovery.digest(identity), phone)
        sent = await code_recovery.recover(identity, phone)
        log.info("booking_codes_recovered", sent=sent)
        english, arabic = MESSAGES.texts("codes_recovery_asked")
        return RecoveryOut(status="asked", detail=english, detail_ar=arabic)

    @get("/{code:str}", summary="Look up a booking", responses=answers(PARAMETERS, LOOKUP))
    async def show(
        self,
        request: Request[Any, Any, Any],
        appointments: Injected[Appointments],
        directory: Injected[OfficeDirectory],
        limits: Injected[RateLimits],
        code: Code,
        identity_number: IdentityNumber = None,
    ) -> BookingOut:
        booking = await guarded_lookup(limits, request, code, appointments.find(code, identity_number))
        return booking_view(booking, await directory.office(booking.office_id))

    @delete(
        "/{code:str}",
        status_code=HTTP_200_OK,
        summary="Cancel a booking; frees its slot",
        responses=answers(PARAMETERS, LOOKUP, CHANGE),
    )
    async def cancel(
        self,
        request: Request[Any, Any, Any],
        appointments: Injected[Appointments],
        directory: Injected[OfficeDirectory],
        limits: Injected[RateLimits],
        audit: Injected[AuditTrail],
        code: Code,
        identity_number: IdentityNumber = None,
    ) -> BookingOut:
        booking = await guarded_lookup(limits, request, code, appointments.cancel(code, identity_number))
        await audit_booking(audit, request, "booking.cancelled", booking)
        return booking_view(booking, await directory.office(booking.office_id))

    @post(
        "/{code:str}/reschedule",
        status_code=HTTP_200_OK,
        summary="Move a booking (a chain moves whole); when a new slot is full the old ones stay",
        responses=answers(
            BODY,
            LOOKUP,
            CHANGE,
            {
                404: "`office_not_found`",
                422: "`invalid_start`, `outside_booking_window`, `slot_not_offered` (for a chain: a "
                "service does not fit after the one before it), `service_not_offered` (a chain moves to "
                "another office only if it offers every service)",
            },
        ),
    )
    async def reschedule(
        self,
        request: Request[Any, Any, Any],
        appointments: Injected[Appointments],
        directory: Injected[OfficeDirectory],
        limits: Injected[RateLimits],
        brokered: Injected[BrokeredBookings],
        provenance: Injected[ProvenanceHasher],
        audit: Injected[AuditTrail],
        code: Code,
        data: JSONBody[RescheduleIn],
        identity_number: IdentityNumber = None,
    ) -> BookingOut:
        move = appointments.reschedule(code, identity_number, _aware(data.start), data.office_id)
        booking = await guarded_lookup(limits, request, code, move)
        # Remember from where it was moved, for the lock-step pattern of brokered bookings.
        await brokered.note_move(booking, origin_of(provenance, request))
        await audit_booking(audit, request, "booking.rescheduled", booking)
        return booking_view(booking, await directory.office(booking.office_id))

    @delete(
        "/{code:str}/people/{position:int}",
        status_code=HTTP_200_OK,
        summary="Take one person off a booking for several people; frees their seats",
        description=(
            "`position` is the person's place in the booking's `people` (1 the applicant, who cannot "
            "be removed: cancel the booking instead). Their seats are freed (after the cool-off) and "
            "their identity may book these services again. The same proof as a cancellation: the "
            "applicant's identity number in `X-Identity-Number`."
        ),
        responses=answers(
            PARAMETERS,
            LOOKUP,
            CHANGE,
            {404: "`person_not_found`", 409: "`applicant_not_removable`, `booking_changed`"},
        ),
    )
    async def remove_person(
        self,
        request: Request[Any, Any, Any],
        appointments: Injected[Appointments],
        directory: Injected[OfficeDirectory],
        limits: Injected[RateLimits],
        audit: Injected[AuditTrail],
        code: Code,
        position: Annotated[
            int, PathParameter(description="The person's place in `people`, 1 the applicant.")
        ],
        identity_number: IdentityNumber = None,
    ) -> BookingOut:
        removal = appointments.remove_person(code, identity_number, position)
        booking = await guarded_lookup(limits, request, code, removal)
        await audit_booking(audit, request, "booking.person_removed", booking)
        return booking_view(booking, await directory.office(booking.office_id))

    @get(
        "/{code:str}/calendar.ics",
        summary="The booking as an iCalendar event",
        media_type="text/calendar",
        responses=answers(PARAMETERS, LOOKUP),
    )
    async def calendar(
        self,
        request: Request[Any, Any, Any],
        appointments: Injected[Appointments],
        directory: Injected[OfficeDirectory],
        clock: Injected[Clock],
        limits: Injected[RateLimits],
        code: Code,
        identity_number: IdentityNumber = None,
    ) -> Response[bytes]:
        booking = await guarded_lookup(limits, request, code, appointments.find(code, identity_number))
        office = await directory.office(booking.office_id)
        assert office is not None
        return Response(
            booking_ics(booking, office, clock.now()),
            media_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="mawid-{booking.code}.ics"'},
        )
