"""A dependency that is down — the database, or Redis behind the live queue — is an outage, not a
bug: the request is answered ``503`` with ``Retry-After`` and a message in both languages, and
the log gets one line when the outage starts (and one when the next starts), not a traceback
per request.

Which errors mean "down" is decided here, at the edge, by the exception's type: the stores let
their drivers' connection errors through unchanged.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import structlog
from redis import exceptions as redis_errors
from sqlalchemy import exc as sql_errors

from queue_display.store.base import OfficeStateLost

log = structlog.get_logger("mawid.outage")

DATABASE = "database"
QUEUE = "queue"

RETRY_AFTER_SECONDS = {DATABASE: 5, QUEUE: 3}
"""What a client is told to wait: a PostgreSQL restart takes a few seconds, Redis less."""

QUIET_SECONDS = 10.0
"""An outage is over when its dependency has refused nothing for this long."""

_REDIS_DOWN = (
    redis_errors.ConnectionError,
    redis_errors.TimeoutError,
    redis_errors.ClusterDownError,
    redis_errors.TryAgainError,
    redis_errors.MasterDownError,
)
_DATABASE_DOWN = (
    sql_errors.OperationalError,
    sql_errors.InterfaceError,
    sql_errors.DisconnectionError,
    sql_errors.TimeoutError,  # the pool waited in vain for a connection
)


def dependency_down(error: BaseException) -> str | None:
    """``"database"`` or ``"queue"`` when ``error`` (or what caused it) says that dependency is
    unreachable; None for anything else, which stays a bug."""
    seen: BaseException | None = error
    for _ in range(5):  # the chain of causes is short; never loop on a cycle
        if seen is None:
            return None
        if isinstance(seen, (*_REDIS_DOWN, OfficeStateLost)):  # lost: another process restores it
            return QUEUE
        if isinstance(seen, _DATABASE_DOWN):
            return DATABASE
        if isinstance(seen, sql_errors.DBAPIError) and seen.connection_invalidated:
            return DATABASE
        if isinstance(seen, ConnectionError | TimeoutError):  # a driver's raw socket error
            return DATABASE
        # PostgreSQL's own words for "not now": class 08 (connection exception) and 57P01–57P03
        # (shut down, crashed, starting up). A query cancelled or timed out (57014) stays a bug.
        if str(getattr(seen, "sqlstate", "") or "").startswith(("08", "57P")):
            return DATABASE
        seen = seen.__cause__ or seen.__context__
    return None


@dataclass(slots=True)
class _Incident:
    started: float
    last: float
    refused: int = 0


class Outages:
    """Counts the refusals of each dependency's outage and logs its start once."""

    def __init__(self, monotonic: Callable[[], float] = time.monotonic) -> None:
        self._monotonic = monotonic
        self._open: dict[str, _Incident] = {}

    def refused(self, dependency: str, error: BaseException) -> None:
        now = self._monotonic()
        incident = self._open.get(dependency)
        if incident is None or now - incident.last > QUIET_SECONDS:
            if incident is not None:
                log.info(
                    "dependency_outage_ended",
                    dependency=dependency,
                    refused=incident.refused,
                    seconds=round(incident.last - incident.started, 1),
                )
            log.warning(
                "dependency_unavailable",
                dependency=dependency,
                error=type(error).__name__,
                message=str(error).splitlines()[0][:200] if str(error) else "",
            )
            incident = self._open[dependency] = _Incident(now, now)
        incident.refused += 1
        incident.last = now

    def refusals(self, dependency: str) -> int:
        """Refusals in the dependency's current (or last) outage."""
        incident = self._open.get(dependency)
        return incident.refused if incident is not None else 0
