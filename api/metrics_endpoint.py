"""``GET /metrics``: the Prometheus text format, for our Prometheus only.

Who may scrape: with ``MAWID_METRICS_TOKEN`` set, whoever sends ``Authorization: Bearer <token>``
(others get 401); without it, only a client on this machine talking to the server directly (a
loopback address and no forwarding header, so a reverse proxy on the same host does not open it to
the world); everyone else gets a 404. ``MAWID_METRICS=off`` removes the endpoint. Nothing in it is
personal, but counts per office and problem code are business data, and the endpoint is not a
public API.

Besides the counters kept as things happen (``api/metrics.py`` and Litestar's
``PrometheusConfig`` request metrics), each scrape reads, from the database every process shares,
so the answer is the same whichever worker gives it:

- ``mawid_queue_waiting{office_id}``: tickets waiting in each office's hall today;
- ``mawid_queue_longest_wait_seconds{office_id}``: how long the first of them has waited;
- ``mawid_outbox_pending`` and ``mawid_outbox_oldest_pending_seconds``: messages to citizens not
  yet sent, and the age of the oldest;
- ``mawid_metrics_source_up{source="database"}``: 0 when these could not be read this time.

The queue figures come from the ticket archive, which every queue step writes before it answers:
the live store (memory or Redis) keeps waiting counts but not when each ticket joined, and reading
it for an office a process never served would take that office's day up from the archive anyway.
"""

from __future__ import annotations

import asyncio
import hmac
from collections.abc import Iterable, Iterator
from datetime import date, datetime
from functools import partial
from ipaddress import ip_address
from typing import Any

from litestar import Controller, Response, get
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException, NotFoundException
from litestar.handlers.base import BaseRouteHandler
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from api.client_address import client_address
from api.metrics import scrape_registry
from api.providers import Injected
from api.services import settings_of
from booking.calendar import local_today
from booking.ports import Offices
from booking.store.offices import OfficeDirectory
from kernel.clock import Clock
from kernel.database import Database
from kernel.days import TIMEZONE
from messaging.outbox import PENDING
from messaging.store.tables import OutboxRow
from queue_display.archive.tables import TicketRow
from queue_display.ticket import TicketStatus

SCRAPE_READ_SECONDS = 3.0
"""At most this long for the database figures: a slow database must not hang the scrape."""

_FORWARDING_HEADERS = ("x-forwarded-for", "forwarded", "x-real-ip")


async def metrics_access(connection: ASGIConnection[Any, Any, Any, Any], __: BaseRouteHandler) -> None:
    """Guard: the token when one is set, else this machine only (see the module docstring)."""
    settings = settings_of(connection.app)  # a guard: no dependency injection here
    token = settings.metrics_token if settings else ""
    if token:
        scheme, _, given = connection.headers.get("authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise NotAuthorizedException(
                "Send the metrics token: 'Authorization: Bearer <MAWID_METRICS_TOKEN>'.",
                headers={"WWW-Authenticate": "Bearer"},
            )
        return
    if any(connection.headers.get(name) for name in _FORWARDING_HEADERS) or not _loopback(
        client_address(connection)
    ):
        raise NotFoundException()


def _loopback(address: str) -> bool:
    try:
        return ip_address(address).is_loopback
    except ValueError:
        return False


class MetricsController(Controller):
    path = "/metrics"
    include_in_schema = False
    guards = [metrics_access]

    @get("", summary="Prometheus metrics")
    async def metrics(
        self,
        clock: Injected[Clock],
        directory: Injected[OfficeDirectory],
        database: Injected[Database],
    ) -> Response[bytes]:
        families = await read_shared_figures(clock, directory, database)
        body = generate_latest(scrape_registry()) + generate_latest(_Figures(families))
        return Response(body, media_type=CONTENT_TYPE_LATEST)


class _Figures:
    """A collector of metrics read for this scrape (``generate_latest`` takes any ``collect``)."""

    def __init__(self, families: Iterable[Metric]) -> None:
        self._families = list(families)

    def collect(self) -> Iterator[Metric]:
        return iter(self._families)


async def read_shared_figures(clock: Clock, offices: Offices, database: Database) -> list[Metric]:
    """The queue and outbox figures, read from the database for this scrape."""
    up = GaugeMetricFamily(
        "mawid_metrics_source_up", "Whether a source of scrape-time figures answered", labels=["source"]
    )
    now = clock.now()
    try:
        async with asyncio.timeout(SCRAPE_READ_SECONDS):
            every_office = await offices.offices()
            waiting = await database.read(partial(_waiting, day=local_today(now, TIMEZONE)))
            pending, oldest = await database.read(_outbox)
    except Exception:  # the database is down or slow: say so, and give the rest
        up.add_metric(["database"], 0)
        return [up]
    up.add_metric(["database"], 1)
    length = GaugeMetricFamily(
        "mawid_queue_waiting", "Tickets waiting in the office's hall today", labels=["office_id"]
    )
    longest = GaugeMetricFamily(
        "mawid_queue_longest_wait_seconds",
        "How long the longest-waiting ticket of the office has waited",
        labels=["office_id"],
    )
    for office in every_office:
        count, first = waiting.get(office.id, (0, None))
        length.add_metric([office.id], count)
        longest.add_metric([office.id], max(0.0, (now - first).total_seconds()) if first else 0.0)
    outbox = GaugeMetricFamily("mawid_outbox_pending", "Messages to citizens not yet sent")
    outbox.add_metric([], pending)
    age = GaugeMetricFamily(
        "mawid_outbox_oldest_pending_seconds", "Age of the oldest message to a citizen not yet sent"
    )
    age.add_metric([], max(0.0, (now - oldest).total_seconds()) if oldest else 0.0)
    return [up, length, longest, outbox, age]


def _waiting(conn: Connection, day: date) -> dict[str, tuple[int, datetime | None]]:
    rows = conn.execute(
        select(TicketRow.office_id, func.count(), func.min(TicketRow.queued_at))
        .where(TicketRow.day == day, TicketRow.status == TicketStatus.WAITING.value)
        .group_by(TicketRow.office_id)
    )
    return {office_id: (count, first) for office_id, count, first in rows}


def _outbox(conn: Connection) -> tuple[int, datetime | None]:
    count, oldest = conn.execute(
        select(func.count(), func.min(OutboxRow.created_at)).where(OutboxRow.status == PENDING)
    ).one()
    return int(count), oldest
