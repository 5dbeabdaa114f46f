"""The application factory: settings are read once, here, and nothing connects at import time.

``create_app`` assembles the app from named parts: the routes, the dependencies every handler may
ask for (``api.providers``), the refusals as problem+json, the middleware, the OpenAPI document,
and a lifespan that composes the services once (``api.composition``) and runs their background
work while the app serves.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

from litestar import Litestar
from litestar.config.compression import CompressionConfig
from litestar.datastructures import State
from litestar.openapi import OpenAPIConfig
from litestar.openapi.spec import Components
from litestar.types import ControllerRouterHandler, ExceptionHandlersMap

from api.auth import security_schemes
from api.availability_fast_path import ROUTE as AVAILABILITY_ROUTE
from api.availability_fast_path import KeptAvailability
from api.composition import compose, running
from api.hardening import RequestHardening, harden_headers
from api.live import LiveHall
from api.observability import observability
from api.pages import page_routes, template_config
from api.problems import EXCEPTION_HANDLERS, audited
from api.proof_of_work import ProofOfWorkRequired, proof_of_work_refusal
from api.providers import PROVIDERS
from api.rate_limits import RateLimited, rate_limited
from api.routes.altcha import AltchaController
from api.routes.assisted import AssistedBookingController
from api.routes.audit import AuditController
from api.routes.booking_holds import BookingHoldController
from api.routes.booking_requests import BookingRequestController
from api.routes.bookings import BookingController
from api.routes.capacity import CapacityController
from api.routes.catalogue import CatalogueController, HealthController
from api.routes.channel_settings import ChannelSettingsController
from api.routes.collection import DocumentReadinessController
from api.routes.counters import CounterController
from api.routes.deliveries import DeliveriesController
from api.routes.demo_inbox import DemoInboxController
from api.routes.display import DISPLAY_ROUTES
from api.routes.feedback import FeedbackController, SatisfactionController
from api.routes.guide import GuideController, GuideReportController
from api.routes.heads_up_uptake import HeadsUpUptakeController
from api.routes.kiosk import KioskController
from api.routes.optimiser_jobs import OptimiserController
from api.routes.readiness import ReadinessController
from api.routes.rebalancing import RebalanceController
from api.routes.reconfirmation import NoShowController, ReconfirmationController
from api.routes.simulations import SimulationController
from api.routes.staff_admin import StaffAdminController
from api.routes.staff_auth import AuthController
from api.routes.statistics import StatisticsController
from api.routes.suspicious import SuspiciousBookingsController
from api.routes.ticket_status import TicketStatusController
from api.routes.waitlist import WaitlistController
from api.schema_docs import LocalSwaggerRenderPlugin
from api.services import SERVICES, SETTINGS, started_services
from api.settings import Settings
from kernel.clock import Clock, clock_from_setting

MAX_BODY_BYTES = 64 * 1024  # the largest honest request is a few hundred bytes

API_ROUTES: list[ControllerRouterHandler] = [
    CatalogueController,
    BookingController,
    BookingHoldController,
    BookingRequestController,
    WaitlistController,
    ReconfirmationController,
    NoShowController,
    AltchaController,
    OptimiserController,
    CapacityController,
    RebalanceController,
    SimulationController,
    StatisticsController,
    SatisfactionController,
    FeedbackController,
    GuideController,
    GuideReportController,
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
    TicketStatusController,
    HeadsUpUptakeController,
    AssistedBookingController,
    DocumentReadinessController,
    ChannelSettingsController,
    *DISPLAY_ROUTES,
]
"""The JSON API and the hall's feed; the pages come from ``api.pages``."""

Lifespan = Callable[[Litestar], AbstractAsyncContextManager[None]]


def create_app(settings: Settings, clock: Clock | None = None) -> Litestar:
    """Build the app. ``clock`` overrides ``settings.clock`` (tests move time by hand)."""
    live = LiveHall(settings)  # the queue store and the display channels; connects on first use
    watch = observability(settings)  # JSON logs with request ids, /metrics (api/observability.py)
    app = MawidApp(
        route_handlers=[*API_ROUTES, *page_routes(), *watch.route_handlers],
        template_config=template_config(),
        dependencies=PROVIDERS,
        exception_handlers=exception_handlers(),
        # Unreadable requests are 4xx before any route parses them; every answer gets its
        # security headers, 404s and framework errors included (api/hardening.py).
        middleware=[*watch.outer_middleware, RequestHardening(MAX_BODY_BYTES), *watch.inner_middleware],
        before_send=[harden_headers, *watch.before_send],
        lifespan=[serving(settings, clock or clock_from_setting(settings.clock), live)],
        plugins=[live.channels, *watch.plugins],
        state=State({SETTINGS: settings}),
        request_max_body_size=MAX_BODY_BYTES,
        compression_config=CompressionConfig(backend="gzip", minimum_size=2048),
        openapi_config=openapi_config(settings),
    )
    app.kept_availability = KeptAvailability(
        lambda: services.availability if (services := started_services(app)) is not None else None,
        watch.route_metrics("GET", AVAILABILITY_ROUTE),
    )
    return app


class MawidApp(Litestar):
    """The app: Litestar, with availability answers already given sent before the framework is
    asked (``api.availability_fast_path``); every other request goes through it as usual."""

    kept_availability: KeptAvailability | None = None

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http" and self.kept_availability is not None:
            scope["app"] = scope["litestar_app"] = self  # as Litestar does: the request id reads settings
            scope.setdefault("state", {})
            if await self.kept_availability.serve(scope, send):
                return
        await super().__call__(scope, receive, send)


def serving(settings: Settings, clock: Clock, live: LiveHall) -> Lifespan:
    """The app's lifespan: its services composed once on ``clock`` and kept on its state (for
    ``api.providers``), their background work run while it serves, everything closed after.
    The keys are resolved at once, so a missing secret stops ``create_app``, not the first start."""
    secret, identity_keys = settings.resolved_secret(), settings.resolved_identity_keys()

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        services = compose(settings, clock, live, secret, identity_keys)
        app.state[SERVICES] = services
        async with running(services, live):
            yield

    return lifespan


def exception_handlers() -> ExceptionHandlersMap:
    """Every refusal as problem+json, and 401, 403 and the limits' refusals in the audit log."""
    return audited(
        {
            **EXCEPTION_HANDLERS,
            RateLimited: rate_limited,
            ProofOfWorkRequired: proof_of_work_refusal,
        }
    )


def openapi_config(settings: Settings) -> OpenAPIConfig | None:
    """``/schema`` only when ``MAWID_PUBLIC_SCHEMA`` is on, with Swagger UI from our static files;
    it declares the staff's bearer token, which the staff operations ask for."""
    if not settings.public_schema:
        return None
    return OpenAPIConfig(
        title="Mawid",
        version="1",
        path="/schema",
        description="Appointments and queues for passport, immigration and traffic offices.",
        components=Components(security_schemes=security_schemes()),
        render_plugins=[LocalSwaggerRenderPlugin()],
    )


def create_app_from_env() -> Litestar:
    """Entry point for ``uvicorn --factory`` in each worker process."""
    return create_app(Settings.from_env())
