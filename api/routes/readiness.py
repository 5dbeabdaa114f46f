"""Readiness: may this process take traffic? It answers only if the database and, when one is
configured, Redis answer too. Liveness (``/api/v1/health``) asks nothing of either: a balancer
or supervisor must not restart a process for an outage that a restart cannot cure."""

from __future__ import annotations

import msgspec
from litestar import Controller, Response, get
from sqlalchemy import text
from sqlalchemy.engine import Connection

from api.outages import DATABASE, QUEUE, dependency_down
from api.problems import refusal, unavailable
from api.providers import Injected
from kernel.database import Database
from queue_display.onsite import OnSite


class Ready(msgspec.Struct):
    status: str
    """``ready``: the database and, when one is configured, Redis answer."""


def _select_one(conn: Connection) -> int:
    return int(conn.execute(text("SELECT 1")).scalar_one())


class ReadinessController(Controller):
    path = "/api/v1"
    tags = ["operations"]

    @get(
        "/ready",
        summary="Readiness: 200 when the database and Redis answer, else 503 with Retry-After",
        responses={
            400: refusal("`invalid_characters`: a NUL in the query or a header"),
            503: refusal("`service_unavailable`: the database or Redis does not answer"),
        },
    )
    async def ready(self, database: Injected[Database], onsite: Injected[OnSite]) -> Response[Ready]:
        try:
            await database.read(_select_one)
        except Exception as error:
            if dependency_down(error) is None:
                raise
            return unavailable(DATABASE)
        try:
            await onsite.queue.ping()
        except Exception as error:
            if dependency_down(error) is None:
                raise
            return unavailable(QUEUE)
        return Response(Ready("ready"))
