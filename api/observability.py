"""Logs and metrics, as ``create_app`` plugs them in (README, "Observability")."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, cast

from litestar.enums import ScopeType
from litestar.plugins.prometheus import PrometheusConfig, PrometheusMiddleware
from prometheus_client import Counter, Histogram

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
    requests: PrometheusConfig | None = None
    """How requests are counted in ``mawid_http_*``."""

    def route_metrics(self, method: str, route: str) -> RouteMetrics:
        """The samples of one route in ``mawid_http_*``, for an answer sent outside the middleware."""
        assert self.requests is not None
        return RouteMetrics(self.requests.prefix, self.requests.app_name, method, route)


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
        requests=requests,
    )


class RouteMetrics:
    """One route's samples in the ``mawid_http_*`` metrics Litestar's Prometheus middleware keeps
    (labels: method, path template, status, app name), for answers sent before that middleware
    (``api.availability_fast_path``). The middleware makes its metrics at the first request it
    counts; until then (``ready`` is False) such an answer is left to it."""

    def __init__(self, prefix: str, app_name: str, method: str, route: str) -> None:
        self._count = f"{prefix}_requests_total"
        self._duration = f"{prefix}_request_duration_seconds"
        self._labels = (method, route, app_name)
        self._children: dict[int, tuple[Counter, Histogram]] = {}

    def ready(self) -> bool:
        return self._count in PrometheusMiddleware._metrics

    def observe(self, status: int, seconds: float) -> None:
        """One answer of ``status`` that took ``seconds``."""
        children = self._children.get(status)
        if children is None:
            method, route, app_name = self._labels
            labels = (method, route, status, app_name)
            metrics = PrometheusMiddleware._metrics
            count, duration = cast(Counter, metrics[self._count]), cast(Histogram, metrics[self._duration])
            children = (count.labels(*labels), duration.labels(*labels))
            self._children[status] = children
        children[0].inc()
        children[1].observe(seconds)
