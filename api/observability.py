"""Logs and metrics, as ``create_app`` plugs them in (README, "Observability")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from litestar.enums import ScopeType
from litestar.plugins.prometheus import PrometheusConfig

from api.metrics import DomainMetrics
from api.metrics_endpoint import MetricsController
from api.request_logging import RequestContext, stamp_request_id, structlog_plugin
from api.settings import Settings


@dataclass(frozen=True)
class Observability:
    plugins: list[Any] = field(default_factory=list)
    outer_middleware: list[Any] = field(default_factory=list)
    """Before ``RequestHardening``: the request id is known before anything can refuse."""
    inner_middleware: list[Any] = field(default_factory=list)
    """After it: counted requests are the ones a route got (a refusal raised before the route is
    answered outside these middlewares, which would see no status; it is in the access log)."""
    before_send: list[Any] = field(default_factory=list)
    route_handlers: list[Any] = field(default_factory=list)


def observability(settings: Settings) -> Observability:
    requests = PrometheusConfig(
        app_name="mawid",
        prefix="mawid_http",
        group_path=True,  # the route's template, never a path holding a booking code
        exclude_unhandled_paths=True,  # a scanner's made-up paths would each be a new series
        scopes={ScopeType.HTTP},  # a display socket's hours are not a request's duration
    )
    return Observability(
        plugins=[structlog_plugin()],
        outer_middleware=[RequestContext()],
        inner_middleware=[requests.middleware, DomainMetrics()],
        before_send=[stamp_request_id],
        route_handlers=[MetricsController] if settings.metrics else [],
    )
