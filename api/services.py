"""The app's collaborators, composed once when it starts, and the one way to reach them from code
Litestar does not inject into.

``api.composition.compose`` builds a ``Services`` in the lifespan (nothing in it connects before a
request needs it) and keeps it on the app's state under one key. Route handlers and pages never
read it: they name what they need as parameters and ``api.providers`` hands it to them. Guards,
middleware and exception handlers, which take no dependencies, use ``services_of`` (or, for the
settings, which exist before the app starts, ``settings_of``) — nothing else reads ``app.state``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from litestar import Litestar
from litestar.connection import ASGIConnection
from litestar.datastructures import State

if TYPE_CHECKING:
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
    from api.second_chance import SecondChance
    from api.settings import Settings
    from booking.appointments import Appointments
    from booking.draw_entries import DrawEntries
    from booking.flexible_booking import FlexibleBooking
    from booking.provenance import ProvenanceHasher
    from booking.recovery import CodeRecovery
    from booking.release import ReleasePolicy
    from booking.store.offices import OfficeDirectory
    from booking.store.staff import StaffStore
    from booking.verified_booking import VerifiedBooking
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
    from planning.release_draw import ReleaseDraws
    from planning.scheduled_work import ScheduledWork
    from queue_display.archive.ticket_statistics import TicketStatistics
    from queue_display.onsite import OnSite

SERVICES = "services"
"""The state key of the app's ``Services``."""
SETTINGS = "settings"
"""The state key of the app's ``Settings``: there from construction, for the middleware."""


@dataclass(frozen=True, slots=True)
class Planning:
    """The optimiser's side of the app (``api.planning_wiring``): flexible requests, the opening
    draws, optimiser jobs, capacity changes and rebalancing."""

    flexible: FlexibleBooking
    draw_entries: DrawEntries
    optimiser_jobs: OptimiserJobs
    capacity_changes: CapacityChanges
    rebalancing: Rebalancing
    release_draws: ReleaseDraws


@dataclass(frozen=True, slots=True)
class Services:
    """Every collaborator of the app, built once (``api.composition.compose``)."""

    settings: Settings
    clock: Clock
    database: Database
    directory: OfficeDirectory
    """The offices, cached (``booking.ports.Offices``)."""
    release: ReleasePolicy
    appointments: Appointments
    planning: Planning
    scheduled: ScheduledWork
    """The clock-driven work (``api.scheduled_jobs``): the erasure and the national batches."""
    onsite: OnSite
    statistics: TicketStatistics
    brokered: BrokeredBookings
    provenance: ProvenanceHasher
    staff: StaffStore
    tokens: TokenIssuer
    sessions: SessionVersions
    audit: AuditTrail
    limits: RateLimits
    proof_of_work: ProofOfWork
    availability: AvailabilityAnswers
    """Availability answers as bytes, each day encoded once (``api.availability_answers``)."""
    availability_news: AvailabilityNews
    """Changes of availability, heard by every process (``api.availability_news``)."""
    office_today: OfficeToday
    """An office's queue now and nearest free day, for the office chooser (kept briefly)."""
    display_sockets: DisplaySockets
    display_screens: HallScreens
    """The screens open in this process, by office, behind one subscription each (``api.display_fanout``)."""
    outages: Outages
    outbox: OutboxStore
    """The outbox as managers and the demo inbox read it (``messaging.store.outbox``)."""
    feedback: FeedbackInviter
    code_recovery: CodeRecovery
    verified: VerifiedBooking | None
    """Bookings held until the mobile is verified; None when ``MAWID_PHONE_VERIFICATION`` is off."""
    second_chance: SecondChance
    """The waitlist and the reconfirmation, with their background work (``api.second_chance``)."""
    simulations: SimulationJobs
    """Managers' simulated office days, run in a child process (``foresight.simulation_worker``)."""
    guide: Guide
    """The question box (``guidance``): the knowledge base, loaded once."""
    step_guides: StepGuides
    """The step-by-step guides (``guidance/guides/*.toml``), loaded and checked once."""
    remote_queue: RemoteQueue
    """Tickets followed from home: live pages' keys, standings, heads-up texts, parking."""


def services_in(state: State) -> Services:
    """The app's services from its state (what a provider is given)."""
    services: Services = state[SERVICES]
    return services


def services_of(where: ASGIConnection[Any, Any, Any, Any] | Litestar) -> Services:
    """The app's services, for guards, middleware and exception handlers (which Litestar does not
    inject into); raises ``KeyError`` before the app has started."""
    app = where if isinstance(where, Litestar) else where.app
    return services_in(app.state)


def started_services(app: Litestar) -> Services | None:
    """The app's services, or None before it has started (an exception handler answering then)."""
    services: Services | None = app.state.get(SERVICES)
    return services


def settings_of(app: Litestar) -> Settings | None:
    """The app's settings, for middleware that runs whether or not the app has started (None on an
    app built without them, e.g. in a test)."""
    settings: Settings | None = app.state.get(SETTINGS)
    return settings
