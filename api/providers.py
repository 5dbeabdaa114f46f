"""Every collaborator a route handler or a page may ask for, by parameter name, and where it comes
from: the app's ``Services`` (``api.services``), composed once when it starts.

``create_app`` registers ``PROVIDERS`` on the app, so any handler declares, say,
``appointments: Injected[Appointments]`` and gets the app's one instance; a handler never reads
``app.state``. The names are the app's: a query or path parameter must not take one, nor a
body's top-level field (Litestar then reports a wrong value of it as a 500, taking it for a
dependency that failed: hence ``capacity_changes``, beside the simulations' ``changes``).
The request's staff member (``user``) is not a collaborator but the caller: each staff controller
asks for it with ``api.auth.provide_staff``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeAlias, TypeVar

from litestar.datastructures import State
from litestar.di import NamedDependency, Provide
from litestar.params import SkipValidation

from api.audit import AuditTrail
from api.auth import SessionVersions, TokenIssuer
from api.availability_answers import AvailabilityAnswers
from api.availability_news import AvailabilityNews
from api.display_fanout import HallScreens
from api.display_guard import DisplaySockets
from api.feedback_invitations import FeedbackInviter
from api.office_today import OfficeToday
from api.outages import Outages
from api.proof_of_work import ProofOfWork
from api.rate_limits import RateLimits
from api.remote_queue import RemoteQueue
from api.services import services_in
from api.settings import Settings
from booking.appointments import Appointments
from booking.draw_entries import DrawEntries
from booking.flexible_booking import FlexibleBooking
from booking.provenance import ProvenanceHasher
from booking.reconfirming import Reconfirming
from booking.recovery import CodeRecovery
from booking.release import ReleasePolicy
from booking.store.audit_events import AuditEventStore
from booking.store.offices import OfficeDirectory
from booking.store.staff import StaffStore
from booking.verified_booking import VerifiedBooking
from booking.waitlisting import Waitlisting
from foresight.simulation_jobs import SimulationJobs
from guidance.guide import Guide
from guidance.step_guide import StepGuides
from kernel.clock import Clock
from kernel.database import Database
from messaging.store.outbox import OutboxStore
from planning.brokered_bookings import BrokeredBookings
from planning.capacity_changes import CapacityChanges
from planning.jobs import OptimiserJobs
from planning.rebalancing import Rebalancing
from queue_display.archive.ticket_statistics import TicketStatistics
from queue_display.onsite import OnSite

T = TypeVar("T")

Injected: TypeAlias = NamedDependency[SkipValidation[T]]
"""A handler's parameter given by a provider: ``appointments: Injected[Appointments]``. What a
provider returns is the app's own object, so it is not validated (Litestar would try to convert a
dataclass such as ``Settings`` field by field on every request)."""

# The configuration and the foundations -------------------------------------------------------


def provide_settings(state: State) -> Settings:
    return services_in(state).settings


def provide_clock(state: State) -> Clock:
    return services_in(state).clock


def provide_database(state: State) -> Database:
    return services_in(state).database


def provide_directory(state: State) -> OfficeDirectory:
    """The offices, cached (``booking.ports.Offices``)."""
    return services_in(state).directory


def provide_release(state: State) -> ReleasePolicy:
    return services_in(state).release


# Booking -------------------------------------------------------------------------------------


def provide_appointments(state: State) -> Appointments:
    return services_in(state).appointments


def provide_flexible(state: State) -> FlexibleBooking:
    return services_in(state).planning.flexible


def provide_draw_entries(state: State) -> DrawEntries:
    return services_in(state).planning.draw_entries


def provide_verified(state: State) -> VerifiedBooking | None:
    """Bookings held for a verified mobile; None when ``MAWID_PHONE_VERIFICATION`` is off."""
    return services_in(state).verified


def provide_waitlist(state: State) -> Waitlisting:
    waitlist = services_in(state).second_chance.waitlist
    assert waitlist is not None  # composed with the app
    return waitlist


def provide_reconfirming(state: State) -> Reconfirming:
    reconfirming = services_in(state).second_chance.reconfirming
    assert reconfirming is not None
    return reconfirming


def provide_availability(state: State) -> AvailabilityAnswers:
    return services_in(state).availability


def provide_availability_news(state: State) -> AvailabilityNews:
    return services_in(state).availability_news


def provide_office_today(state: State) -> OfficeToday:
    return services_in(state).office_today


def provide_provenance(state: State) -> ProvenanceHasher:
    return services_in(state).provenance


def provide_brokered(state: State) -> BrokeredBookings:
    return services_in(state).brokered


@dataclass(frozen=True, slots=True)
class BookingDesk:
    """What making a booking needs (``POST /api/v1/bookings``), as one dependency. Litestar
    resolves a handler's dependencies that do not depend on each other side by side, in an anyio
    task group with a task for each: for the ten a booking named one by one, a task group and ten
    tasks on every booking, the busiest write of a rush. One dependency is resolved in line."""

    appointments: Appointments
    draw_entries: DrawEntries
    directory: OfficeDirectory
    clock: Clock
    release: ReleasePolicy
    proof_of_work: ProofOfWork
    limits: RateLimits
    provenance: ProvenanceHasher
    audit: AuditTrail
    verified: VerifiedBooking | None
    """None when ``MAWID_PHONE_VERIFICATION`` is off."""


def provide_booking_desk(state: State) -> BookingDesk:
    services = services_in(state)
    return BookingDesk(
        appointments=services.appointments,
        draw_entries=services.planning.draw_entries,
        directory=services.directory,
        clock=services.clock,
        release=services.release,
        proof_of_work=services.proof_of_work,
        limits=services.limits,
        provenance=services.provenance,
        audit=services.audit,
        verified=services.verified,
    )


# Planning --------------------------------------------------------------------------------------


def provide_jobs(state: State) -> OptimiserJobs:
    return services_in(state).planning.optimiser_jobs


def provide_changes(state: State) -> CapacityChanges:
    return services_in(state).planning.capacity_changes


def provide_rebalancing(state: State) -> Rebalancing:
    return services_in(state).planning.rebalancing


# The hall ----------------------------------------------------------------------------------------


def provide_onsite(state: State) -> OnSite:
    return services_in(state).onsite


def provide_statistics(state: State) -> TicketStatistics:
    return services_in(state).statistics


def provide_display_sockets(state: State) -> DisplaySockets:
    return services_in(state).display_sockets


def provide_display_screens(state: State) -> HallScreens:
    return services_in(state).display_screens


# Staff, guards and traces --------------------------------------------------------------------


def provide_staff_accounts(state: State) -> StaffStore:
    return services_in(state).staff


def provide_tokens(state: State) -> TokenIssuer:
    return services_in(state).tokens


def provide_sessions(state: State) -> SessionVersions:
    return services_in(state).sessions


def provide_audit(state: State) -> AuditTrail:
    return services_in(state).audit


def provide_audit_events(state: State) -> AuditEventStore:
    return services_in(state).audit.store


def provide_limits(state: State) -> RateLimits:
    return services_in(state).limits


def provide_proof_of_work(state: State) -> ProofOfWork:
    return services_in(state).proof_of_work


def provide_outages(state: State) -> Outages:
    return services_in(state).outages


def provide_outbox(state: State) -> OutboxStore:
    return services_in(state).outbox


def provide_feedback_inviter(state: State) -> FeedbackInviter:
    return services_in(state).feedback


def provide_code_recovery(state: State) -> CodeRecovery:
    return services_in(state).code_recovery


def provide_simulations(state: State) -> SimulationJobs:
    return services_in(state).simulations


def provide_guide(state: State) -> Guide:
    return services_in(state).guide


def provide_step_guides(state: State) -> StepGuides:
    return services_in(state).step_guides


def provide_remote_queue(state: State) -> RemoteQueue:
    return services_in(state).remote_queue


PROVIDERS: dict[str, Provide] = {
    name: Provide(provider, sync_to_thread=False)
    for name, provider in {
        "settings": provide_settings,
        "clock": provide_clock,
        "database": provide_database,
        "directory": provide_directory,
        "release": provide_release,
        "appointments": provide_appointments,
        "flexible": provide_flexible,
        "draw_entries": provide_draw_entries,
        "verified": provide_verified,
        "waitlist": provide_waitlist,
        "reconfirming": provide_reconfirming,
        "availability": provide_availability,
        "availability_news": provide_availability_news,
        "office_today": provide_office_today,
        "provenance": provide_provenance,
        "brokered": provide_brokered,
        "booking_desk": provide_booking_desk,
        "jobs": provide_jobs,
        "capacity_changes": provide_changes,
        "rebalancing": provide_rebalancing,
        "onsite": provide_onsite,
        "statistics": provide_statistics,
        "display_sockets": provide_display_sockets,
        "display_screens": provide_display_screens,
        "staff_accounts": provide_staff_accounts,
        "tokens": provide_tokens,
        "sessions": provide_sessions,
        "audit": provide_audit,
        "audit_events": provide_audit_events,
        "limits": provide_limits,
        "proof_of_work": provide_proof_of_work,
        "outages": provide_outages,
        "outbox": provide_outbox,
        "feedback_inviter": provide_feedback_inviter,
        "code_recovery": provide_code_recovery,
        "simulations": provide_simulations,
        "guide": provide_guide,
        "step_guides": provide_step_guides,
        "remote_queue": provide_remote_queue,
    }.items()
}
"""The app's dependencies, by the parameter name a handler gives them."""
