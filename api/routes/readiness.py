"""Readiness: may this process take traffic? It answers only if the database and, when one is
configured, Redis answer too. Liveness (``/api/v1/health``) asks nothing of either: a balancer
or supervisor must not restart a process for an outage that a restart cannot cure."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, Response, get
from litestar.openapi.datastructures import ResponseSpec
from sqlalchemy import text
from sqlalchemy.engine import Connection

from api.outages import DATABASE, QUEUE, dependency_down
from api.problems import PROBLEM, unavailable
from api.routes.optimiser_jobs import Problem


def _select_one(conn: Connection) -> int:
    return int(conn.execute(text("SELECT 1")).scalar_one())


class ReadinessController(Controller):
    path = "/api/v1"
    tags = ["operations"]

    @get(
        "/ready",
        summary="Readiness: 200 when the database and Redis answer, else 503 with Retry-After",
        responses={
            503: ResponseSpec(
                Problem,
                description="`service_unavailable`: the database or Redis does not answer",
                media_type=PROBLEM,
                generate_examples=False,
            )
        },
    )
    async def ready(self, request: Request[Any, Any, Any]) -> Response[Any]:
        state = request.app.state
        try:
            await state.database.read(_select_one)
        except Exception as error:
            if dependency_down(error) is None:
                raise
            return unavailable(DATABASE)
        try:
            await state.onsite.queue.ping()
        except Exception as error:
            if dependency_down(error) is None:
                raise
            return unavailable(QUEUE)
        return Response({"status": "ready"})
