"""The application factory: settings are read once, here, and nothing connects at import time."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta

from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.datastructures import State
from litestar.di import Provide
from litestar.openapi import OpenAPIConfig

from api.audit import AuditTrail
from api.auth import SessionVersions, TokenIssuer
from api.availability_cache import AvailabilityCache
from api.delivery import start_sending
from api.display_guard import DisplaySockets
from api.hardening import RequestHardening, harden_headers
from api.identity_rules import churn_rules
from api.live import LiveHall
from api.observability import observability
from api.outages import Outages
from api.pages import page_routes, template_config
from api.planning_wiring import start_planning, stop_planning
from api.problems import EXCEPTION_HANDLERS, audited
from api.proof_of_work import PowPolicy, ProofOfWork, ProofOfWorkRequired, proof_of_work_refusal
from api.rate_limits import RateLimited, RateLimits, rate_limited
from api.routes.altcha import AltchaController
from api.routes.audit import AuditController
from api.routes.booking_requests import BookingRequestController
from api.routes.bookings import BookingController
from api.routes.capacity import CapacityController
from api.routes.catalogue import CatalogueController, HealthController
from api.routes.counters import CounterController
from api.routes.deliveries import DeliveriesController
from api.routes.demo_inbox import DemoInboxController
from api.routes.display import DISPLAY_ROUTES
from api.routes.feedback import FeedbackController, SatisfactionController
from api.routes.kiosk import KioskController
from api.routes.optimiser_jobs import OptimiserController
from api.routes.readiness import ReadinessController
from api.routes.rebalancing import RebalanceController
from api.routes.staff_admin import StaffAdminController
from api.routes.staff_auth import AuthController
from api.routes.statistics import StatisticsController
from api.routes.suspicious import SuspiciousBookingsController, brokered_bookings
from api.scheduled_jobs import start_scheduled_work
from api.schema_docs import LocalSwaggerRenderPlugin
from api.settings import Settings
from booking.appointments import Appointments
from booking.identity import IdentityHasher
from booking.notices import notices_from
from booking.provenance import ProvenanceHasher
from booking.recovery import CodeRecovery
from booking.store.bookings import BookingStore
from booking.store.database import Database
from booking.store.offices import OfficeDirectory, OfficeStore
from booking.store.recovery import RecoveryStore
from booking.store.staff import StaffStore
from kernel.clock import Clock, clock_from_setting
from messaging.store.outbox import OutboxStore

MAX_BODY_BYTES = 64 * 1024  # the largest honest request is a few hundred bytes


def create_app(settings: Settings, clock: Clock | None = None) -> Litestar:
    """Build the app. ``clock`` overrides ``settings.clock`` (tests move time by hand)."""
    secret = settings.resolved_secret()
    identity_keys = settings.resolved_identity_keys()
    availability_cache = AvailabilityCache(ttl_seconds=1.0)
    the_clock = clock or clock_from_setting(settings.clock)
    live = LiveHall(settings)  # the queue store and the display channels; connects on first use
    proof_of_work = ProofOfWork(_pow_policy(settings), secret, settings.redis_url, settings.redis_prefix)

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        database = Database(settings.effective_database_url)
        directory = OfficeDirectory(OfficeStore(database), the_clock)
        app.state.database = database
        app.state.staff = StaffStore(database)
        app.state.audit = AuditTrail.on(database, the_clock)
        app.state.limits = RateLimits.from_settings(settings)  # Redis when set: shared by every process
        # A booking made, cancelled or moved by its citizen posts their message in its transaction.
        bookings = BookingStore(database, churn_rules(settings), notices_from(directory, settings.site_url))
        app.state.appointments = Appointments(
            directory,
            bookings,
            the_clock,
            IdentityHasher.from_secret(*identity_keys),
            on_change=availability_cache.invalidate,
            release=settings.release,
        )
        app.state.code_recovery = CodeRecovery(
            directory, RecoveryStore(database), app.state.appointments.hasher, the_clock, settings.site_url
        )
        app.state.onsite = live.onsite(app.state.appointments, bookings, database)
        app.state.provenance = ProvenanceHasher.from_secret(identity_keys[0])
        app.state.brokered = brokered_bookings(settings, database, directory, the_clock)
        app.state.outbox = OutboxStore(database)  # the demo inbox and the offices' delivery state
        start_planning(app.state, database, app.state.appointments, directory, churn_rules(settings))
        # Nothing here may wait for the database or Redis: a worker restarted during an outage
        # must start, answer 503 while it lasts, and serve as soon as it ends. Each office's
        # queue is taken up from the archive on first use (``queue_display.recovery``).
        healing = await live.start_healing(app.state.onsite, database)
        scheduled = start_scheduled_work(settings, database, the_clock, app.state.optimiser_jobs, directory)
        sending = start_sending(settings, database, the_clock)  # the outbox's SMS and e-mail
        try:
            yield
        finally:
            await sending.stop()
            scheduled.cancel()
            if healing is not None:
                healing.cancel()
            await stop_planning(app.state)
            await live.close()
            await proof_of_work.close()
            await app.state.display_sockets.close()
            await app.state.limits.close()
            await database.dispose()

    def provide_appointments(state: State) -> Appointments:
        return state.appointments

    watch = observability(settings)  # JSON logs with request ids, /metrics (api/observability.py)
    return Litestar(
        route_handlers=[
            CatalogueController,
            BookingController,
            BookingRequestController,
            AltchaController,
            OptimiserController,
            CapacityController,
            RebalanceController,
            StatisticsController,
            SatisfactionController,
            FeedbackController,
            DeliveriesController,
            DemoInboxController,
            AuditController,
            SuspiciousBookingsController,
            AuthController,
            StaffAdminController,
            HealthController,
            ReadinessController,
            KioskController,
            CounterController,
            *DISPLAY_ROUTES,
            *page_routes(),
            *watch.route_handlers,
        ],
        template_config=template_config(),
        dependencies={"appointments": Provide(provide_appointments, sync_to_thread=False)},
        exception_handlers=audited(
            {
                **EXCEPTION_HANDLERS,
                RateLimited: rate_limited,
                ProofOfWorkRequired: proof_of_work_refusal,
            }
        ),
        # Unreadable requests are 4xx before any route parses them; every answer gets its
        # security headers, 404s and framework errors included (api/hardening.py).
        middleware=[*watch.outer_middleware, RequestHardening(MAX_BODY_BYTES), *watch.inner_middleware],
        before_send=[harden_headers, *watch.before_send],
        lifespan=[lifespan],
        plugins=[live.channels, *watch.plugins],
        state=State(
            {
                "settings": settings,
                "availability_cache": availability_cache,
                "outages": Outages(),
                "clock": the_clock,
                "proof_of_work": proof_of_work,
                "display_sockets": DisplaySockets.from_settings(settings),  # in Redis when set
                "tokens": TokenIssuer(secret, timedelta(hours=settings.token_hours)),
                "sessions": SessionVersions(),
            }
        ),
        request_max_body_size=MAX_BODY_BYTES,
        compression_config=CompressionConfig(backend="gzip", minimum_size=2048),
        # /schema only when MAWID_PUBLIC_SCHEMA is on, with Swagger UI from our static files.
        openapi_config=OpenAPIConfig(
            title="Mawid",
            version="1",
            path="/schema",
            description="Appointments and queues for passport, immigration and traffic offices.",
            render_plugins=[LocalSwaggerRenderPlugin()],
        )
        if settings.public_schema
        else None,
    )


def _pow_policy(settings: Settings) -> PowPolicy:
    return PowPolicy(
        mode=settings.pow_mode,  # type: ignore[arg-type]  # checked in Settings.from_env
        window_seconds=settings.pow_window_seconds,
        office_threshold=settings.pow_office_threshold,
        system_threshold=settings.pow_system_threshold,
        difficulty=settings.pow_difficulty,
        max_difficulty=settings.pow_max_difficulty,
    )


def create_app_from_env() -> Litestar:
    """Entry point for ``uvicorn --factory`` in each worker process."""
    return create_app(Settings.from_env())
