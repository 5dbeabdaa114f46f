"""Domain metrics for Prometheus, counted where the app is wired, not inside the routes.

Counted as they happen (per process; summed over the workers in multiprocess mode, see below):

- ``mawid_bookings_created_total{route}``: ``POST /api/v1/bookings`` answered 201;
- ``mawid_booking_requests_created_total{route}``: a flexible request or an entry into a day's
  opening draw accepted (202 from ``/api/v1/booking-requests`` or ``/api/v1/bookings``);
- ``mawid_bookings_refused_total{route, code}``: either route answered 4xx, by the problem's
  ``code`` (``slot_full``, ``duplicate_booking``, ``rate_limited``, ``invalid_request``...);
- ``mawid_tickets_issued_total{office_id}``: a kiosk check-in or walk-in ticket (201);
- ``mawid_availability_cache_lookups_total{result}``: ``hit``, ``miss`` or ``shared`` (waited for
  the days another request was already computing) in ``api/availability_answers.py``;
- ``mawid_office_today_cache_lookups_total{result}``: the same for an office's day as the office
  chooser shows it (``api/office_today.py``);
- ``mawid_display_sockets_open``: hall-screen WebSockets open now;
- ``mawid_display_fanout_seconds``: for each office event, from the moment it reached this process's
  display channel to the moment the last of the office's screens in this process had it written to
  its socket (``api/display_fanout.py``): the server's own part of a call reaching the hall, apart
  from the network and the screens' decoding;
- ``mawid_optimiser_job_seconds{outcome}``: how long each optimiser job ran, ``done`` or ``failed``.

Bookings are counted by ``DomainMetrics`` from the route's template and the answer's status and
problem code, so the booking routes know nothing of metrics. Labels are route templates, problem
codes and office ids: nothing personal, and a bounded set (an office id only on a 201, which only a
real office's kiosk gets; a screen's socket is counted without its office, since anyone may open
one to any made-up office id).

Several workers (``MAWID_WORKERS`` > 1): ``mawid serve`` turns on prometheus-client's
multiprocess mode (``prepare_multiprocess``): each worker writes its samples to memory-mapped
files under ``MAWID_DATA_DIR/prometheus`` (or ``PROMETHEUS_MULTIPROC_DIR`` when set), wiped at each
start, and whichever worker answers a scrape reads them all, so ``/metrics`` shows the whole server:
counters and histograms summed over every worker that ever ran, open sockets summed over live ones.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

from litestar.enums import ScopeType
from litestar.middleware import ASGIMiddleware
from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    multiprocess,
)

MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"

disable_created_metrics()  # a ``_created`` twin of every series doubles the scrape for nothing

BOOKINGS_CREATED = Counter(
    "mawid_bookings_created", "Bookings made (201 from POST /api/v1/bookings)", ["route"]
)
REQUESTS_CREATED = Counter(
    "mawid_booking_requests_created",
    "Flexible requests and opening-draw entries accepted (202)",
    ["route"],
)
BOOKINGS_REFUSED = Counter(
    "mawid_bookings_refused", "Booking attempts refused (4xx), by problem code", ["route", "code"]
)
TICKETS_ISSUED = Counter("mawid_tickets_issued", "Queue tickets issued at kiosks", ["office_id"])
AVAILABILITY_CACHE = Counter(
    "mawid_availability_cache_lookups", "Availability answers: hit, miss or shared", ["result"]
)
OFFICE_TODAY_CACHE = Counter(
    "mawid_office_today_cache_lookups",
    "An office's day as the office chooser shows it (queue, free day): hit, miss or shared",
    ["result"],
)
DISPLAY_SOCKETS = Gauge(
    "mawid_display_sockets_open", "Hall display WebSockets open", multiprocess_mode="livesum"
)
DISPLAY_FANOUT = Histogram(
    "mawid_display_fanout_seconds",
    "Seconds from an office event reaching this process's display channel to its last screen's send",
    buckets=(0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2, 5),
)
OPTIMISER_JOB_SECONDS = Histogram(
    "mawid_optimiser_job_seconds",
    "Wall-clock seconds an optimiser job ran",
    ["outcome"],
    buckets=(0.5, 1, 2, 5, 10, 30, 60, 120, 300, 600, 1800, 3600),
)

BOOKING_ROUTES = frozenset({"/api/v1/bookings", "/api/v1/booking-requests"})
TICKET_ROUTE = "/api/v1/offices/{office_id}/tickets"
DISPLAY_ROUTE = "/ws/offices/{office_id}/display"
_CODE = re.compile(r"[a-z][a-z0-9_]{0,47}")
_MAX_PROBLEM_BYTES = 16 * 1024


def optimiser_job_finished(outcome: str, seconds: float) -> None:
    """What ``planning.jobs.OptimiserJobs`` calls when a job ends (``on_finished``)."""
    OPTIMISER_JOB_SECONDS.labels(outcome).observe(seconds)


class _Answer:
    """What a response said, as far as counting needs: its status and a refusal's body."""

    def __init__(self) -> None:
        self.status = 0
        self.encoding = b""
        self.body = bytearray()

    def see(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            self.encoding = dict(message.get("headers", ())).get(b"content-encoding", b"")
        elif message["type"] == "http.response.body" and self._keeps_body():
            self.body += message.get("body", b"")

    def _keeps_body(self) -> bool:
        """Only a refusal's body is read, and only as much as a problem document takes."""
        return 400 <= self.status < 500 and len(self.body) < _MAX_PROBLEM_BYTES

    def problem_code(self) -> str:
        """The problem+json ``code``, or ``http_<status>`` when the body has none we can read."""
        try:
            raw = gzip.decompress(self.body) if self.encoding == b"gzip" else bytes(self.body)
            code = json.loads(raw).get("code")
        except (OSError, ValueError, AttributeError):
            code = None
        return code if isinstance(code, str) and _CODE.fullmatch(code) else f"http_{self.status}"


def _count(route: str, scope: Scope, answer: _Answer) -> None:
    status = answer.status
    if route == TICKET_ROUTE:
        if status == 201:
            TICKETS_ISSUED.labels(scope["path_params"]["office_id"]).inc()
    elif status == 201:
        BOOKINGS_CREATED.labels(route).inc()
    elif status == 202:
        REQUESTS_CREATED.labels(route).inc()
    elif 400 <= status < 500:
        BOOKINGS_REFUSED.labels(route, answer.problem_code()).inc()


class DomainMetrics(ASGIMiddleware):
    """Counts bookings made and refused, tickets issued and open display sockets from the
    answers the routes give, keyed on the route's template."""

    scopes = (ScopeType.HTTP, ScopeType.WEBSOCKET)

    async def handle(self, scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
        route = scope.get("path_template", "")
        if scope["type"] == ScopeType.WEBSOCKET and route == DISPLAY_ROUTE:
            await _count_socket(scope, receive, send, next_app)
            return
        if scope.get("method") != "POST" or (route not in BOOKING_ROUTES and route != TICKET_ROUTE):
            await next_app(scope, receive, send)
            return
        answer = _Answer()

        async def watched(message: Message) -> None:
            answer.see(message)
            await send(message)

        try:
            await next_app(scope, receive, watched)
        finally:
            _count(route, scope, answer)


async def _count_socket(scope: Scope, receive: Receive, send: Send, next_app: ASGIApp) -> None:
    accepted = False

    async def watched(message: Message) -> None:
        nonlocal accepted
        if message["type"] == "websocket.accept" and not accepted:
            accepted = True
            DISPLAY_SOCKETS.inc()
        await send(message)

    try:
        await next_app(scope, receive, watched)
    finally:
        if accepted:
            DISPLAY_SOCKETS.dec()


def prepare_multiprocess(workers: int, data_dir: Path) -> Path | None:
    """Before ``mawid serve`` starts several workers: an empty directory for their metric files,
    named in the environment the workers inherit (prometheus-client reads it at import). One
    worker needs none: its own registry is the whole server."""
    configured = os.environ.get(MULTIPROCESS_ENV, "")
    if workers <= 1 and not configured:
        return None
    directory = Path(configured) if configured else data_dir / "prometheus"
    if directory.exists():
        shutil.rmtree(directory)  # a previous run's files would add its counts to this one's
    directory.mkdir(parents=True, mode=0o700)
    os.environ[MULTIPROCESS_ENV] = str(directory)
    return directory


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def forget_dead_workers(directory: Path) -> None:
    """Drop the live gauges of workers that died (uvicorn starts new ones), so open sockets and
    requests in progress are not counted for ever."""
    for path in directory.glob("gauge_live*_*.db"):
        pid = path.stem.rsplit("_", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            multiprocess.mark_process_dead(int(pid), str(directory))


def scrape_registry() -> Any:
    """This process's registry, or in multiprocess mode one that reads every worker's files."""
    directory = os.environ.get(MULTIPROCESS_ENV)
    if not directory:
        return REGISTRY
    forget_dead_workers(Path(directory))
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry, directory)
    return registry
