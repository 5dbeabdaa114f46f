"""Bookings that look brokered, for managers (their offices) and administrators (all).

- ``GET /api/v1/manage/suspicious-bookings?office=&from=&to=``: clusters of bookings made or
  moved in the range (Cairo days, default the last three; bookings cancelled since count as
  evidence), each with its reason (``booking.brokered``) and the caller's active bookings in it.
- ``POST /api/v1/manage/suspicious-bookings/cancel {codes}``: cancel them, with a message to each
  booking's mobile and an audit event each.

Each booking is listed by code, office, service, slot and the last four digits of its identity:
what a clerk already sees at the counter when a citizen checks in. No names or mobiles: the
pattern is the evidence, and a report of many people at once should not become a list of them.
"""

from __future__ import annotations

import secrets
from datetime import date, timedelta
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, post
from litestar import get as get_route
from litestar.datastructures import Cookie
from litestar.params import FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK

from api.audit import AuditTrail, address_of
from api.auth import STAFF_ONLY, requires
from api.availability_news import AvailabilityNews
from api.messages import MESSAGES
from api.problems import BODY, STAFF, answers
from api.providers import Injected
from api.routes.manager_queries import cairo_midnight, manager_dependencies, offices_in_view, report_refusals
from api.settings import Settings
from api.views import instant
from booking.bookings import Booking
from booking.brokered import Thresholds
from booking.calendar import local_today
from booking.provenance import DEVICE_COOKIE, Provenance, ProvenanceHasher
from booking.staff import Role, StaffUser
from booking.store.brokered import BrokeredStore
from booking.store.offices import OfficeDirectory
from kernel.clock import Clock
from kernel.database import Database
from kernel.days import TIMEZONE
from kernel.errors import Forbidden, InvalidInput
from planning.brokered_bookings import BrokeredBookings, Sighting
from planning.store.rebalance_plans import PlanStore

DEFAULT_DAYS = 3
MAX_DAYS = 31
MAX_CODES = 500
DEVICE_COOKIE_SECONDS = 365 * 24 * 3600


def brokered_bookings(
    settings: Settings, database: Database, offices: OfficeDirectory, clock: Clock
) -> BrokeredBookings:
    """The report and purge as the settings tune them (the ``brokered`` a handler is given)."""
    limits = Thresholds(
        window=timedelta(minutes=settings.brokered_window_minutes),
        identities=settings.brokered_identities,
        same_name=settings.brokered_same_name,
        lockstep=timedelta(seconds=settings.brokered_lockstep_seconds),
        lockstep_moves=settings.brokered_lockstep_moves,
    )
    return BrokeredBookings(BrokeredStore(database), PlanStore(database), offices, clock, limits)


def origin_of(
    hasher: ProvenanceHasher, request: Request[Any, Any, Any], device: str | None = None
) -> Provenance:
    """Digests of where a citizen's request comes from: its client address and device cookie
    (``device`` when the answer is about to set a new one)."""
    return hasher.of(address_of(request), device or request.cookies.get(DEVICE_COOKIE))


def new_device(request: Request[Any, Any, Any]) -> Cookie | None:
    """A device cookie for a browser that sends none yet: a random value, sent back only to the
    booking endpoints, that lets the report see one browser behind many identities."""
    if request.cookies.get(DEVICE_COOKIE):
        return None
    return Cookie(
        key=DEVICE_COOKIE,
        value=secrets.token_urlsafe(18),
        max_age=DEVICE_COOKIE_SECONDS,
        path="/api/v1/bookings",
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
    )


REFUSALS = report_refusals("`invalid_report_range`: bad dates, 'from' after 'to' or more than 31 days")
CANCEL_REFUSALS = answers(
    BODY,
    {
        401: STAFF[401],
        403: "`forbidden` (not a manager or administrator), `bookings_not_yours` (a code that is not a "
        "booking in your offices; nothing was cancelled)",
        422: "`invalid_codes`: no codes, or more than 500",
    },
)

BAD_RANGE = MESSAGES.refusal(InvalidInput, "invalid_report_range", indic=True, max_days=MAX_DAYS)
BAD_CODES = MESSAGES.refusal(InvalidInput, "invalid_codes", indic=True, max_codes=MAX_CODES)


class CancelIn(msgspec.Struct):
    codes: list[str]


def _range(first: str | None, last: str | None, today: date) -> tuple[date, date]:
    try:
        to = date.fromisoformat(last) if last else today
        since = date.fromisoformat(first) if first else to - timedelta(days=DEFAULT_DAYS - 1)
    except ValueError:
        raise BAD_RANGE() from None
    if since > to or (to - since).days >= MAX_DAYS:
        raise BAD_RANGE()
    return since, to


class SuspectBookingOut(msgspec.Struct):
    """A booking of a cluster, as a clerk sees it at check-in: no name, no mobile."""

    code: str
    office_id: str
    service: str
    start: str
    date: str
    identity_last4: str
    status: str
    booked_at: str
    moved_at: str | None


class ClusterOut(msgspec.Struct):
    """Bookings sharing an origin (``reason``: why they look brokered; ``key``: the digest they
    share), ``identities`` among them, and the caller's active ones listed."""

    reason: str
    key: str
    identities: int
    total: int
    cancelled: int
    bookings: list[SuspectBookingOut]


class ThresholdsOut(msgspec.Struct):
    window_minutes: int
    identities: int
    same_name: int
    lockstep_seconds: float
    lockstep_moves: int


class ReportOut(msgspec.Struct):
    first_day: str = msgspec.field(name="from")
    last_day: str = msgspec.field(name="to")
    thresholds: ThresholdsOut
    clusters: list[ClusterOut]


class SkippedBookingOut(msgspec.Struct):
    code: str
    status: str


class CancelledOut(msgspec.Struct):
    """The codes cancelled, and those skipped because they were no longer confirmed."""

    cancelled: list[str]
    skipped: list[SkippedBookingOut]


def _booking_row(booking: Booking) -> SuspectBookingOut:
    return SuspectBookingOut(
        code=booking.code,
        office_id=booking.office_id,
        service=booking.service,
        start=instant(booking.starts_at, TIMEZONE),
        date=booking.day.isoformat(),
        identity_last4=booking.applicant.identity_last4,
        status=booking.status.value,
        booked_at=instant(booking.created_at, TIMEZONE),
        moved_at=instant(booking.moved_at, TIMEZONE) if booking.moved_at else None,
    )


def sighting_view(sighting: Sighting) -> ClusterOut:
    cluster = sighting.cluster
    return ClusterOut(
        reason=cluster.reason,
        key=cluster.key,
        identities=cluster.identities,
        total=sighting.total,
        cancelled=sighting.cancelled,
        bookings=[_booking_row(b) for b in sighting.bookings],
    )


class SuspiciousBookingsController(Controller):
    path = "/api/v1/manage/suspicious-bookings"
    tags = ["managers"]
    guards = [requires(Role.MANAGER)]
    security = STAFF_ONLY
    dependencies = manager_dependencies()

    @get_route(
        "/",
        summary="Clusters of bookings that look brokered: managers their offices', administrators all",
        responses=REFUSALS,
    )
    async def report(
        self,
        brokered: Injected[BrokeredBookings],
        directory: Injected[OfficeDirectory],
        user: Injected[StaffUser],
        office: FromQuery[str | None] = None,
        from_: Annotated[str | None, QueryParameter(name="from")] = None,
        to: FromQuery[str | None] = None,
    ) -> ReportOut:
        offices = await offices_in_view(directory, user, office)
        first, last = _range(from_, to, local_today(brokered.clock.now(), TIMEZONE))
        since, until = cairo_midnight(first), cairo_midnight(last + timedelta(days=1))
        sightings = await brokered.report(since, until, offices)
        limits = brokered.limits
        return ReportOut(
            first_day=first.isoformat(),
            last_day=last.isoformat(),
            thresholds=ThresholdsOut(
                window_minutes=int(limits.window.total_seconds() // 60),
                identities=limits.identities,
                same_name=limits.same_name,
                lockstep_seconds=limits.lockstep.total_seconds(),
                lockstep_moves=limits.lockstep_moves,
            ),
            clusters=[sighting_view(s) for s in sightings],
        )

    @post(
        "/cancel",
        status_code=HTTP_200_OK,
        summary="Cancel bookings judged brokered",
        responses=CANCEL_REFUSALS,
    )
    async def cancel(
        self,
        request: Request[Any, Any, Any],
        brokered: Injected[BrokeredBookings],
        availability_news: Injected[AvailabilityNews],
        audit: Injected[AuditTrail],
        user: Injected[StaffUser],
        data: JSONBody[CancelIn],
    ) -> CancelledOut:
        codes = sorted({code.strip().upper() for code in data.codes if code.strip()})
        if not 1 <= len(codes) <= MAX_CODES:
            raise BAD_CODES()
        found = {b.code: b for b in await brokered.bookings(codes)}
        # All or nothing: one code that is not a booking of the caller's offices refuses the lot,
        # and unknown codes read the same as other offices' so codes cannot be probed here.
        foreign = [c for c in codes if c not in found or not user.may_act_in(found[c].office_id)]
        if foreign:
            raise MESSAGES.error(
                Forbidden, "bookings_not_yours", codes_en=", ".join(foreign), codes_ar="، ".join(foreign)
            )

        def cancelled(booking: Booking) -> None:
            for visit in booking.visits:  # a chain's every service, on the booking's day
                availability_news.changed(booking.office_id, visit.service, booking.day)

        purge = await brokered.cancel([found[c] for c in codes], on_cancelled=cancelled)
        for booking in purge.cancelled:
            await audit.by_staff(
                request,
                user,
                "booking.cancelled",
                office_id=booking.office_id,
                target=booking.code,
                detail={
                    "why": "brokered",
                    "status": {"before": "confirmed", "after": "cancelled"},
                    "start": booking.starts_at.isoformat(),
                    "message": "booking_cancelled_brokered",
                },
            )
        return CancelledOut(
            cancelled=[b.code for b in purge.cancelled],
            skipped=[SkippedBookingOut(code=b.code, status=b.status.value) for b in purge.skipped],
        )
