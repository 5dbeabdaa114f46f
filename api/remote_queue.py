"""The remote queue's collaborators, composed once with the app: the live pages' keys, where a
ticket stands now, and the heads-up texts (README, "Wait from home").

One object on ``Services`` (``remote_queue``) so the kiosk, the counters and the ticket's page
reach the same pieces.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import timedelta

import structlog

from api.settings import Settings
from kernel.database import Database
from queue_display import errors
from queue_display.archive.heads_ups import HeadsUpStore
from queue_display.archive.tickets import TicketArchive
from queue_display.heads_ups import HeadsUps
from queue_display.onsite import OnSite
from queue_display.parking import Parking
from queue_display.status_link import StatusLinks
from queue_display.ticket import TicketStatus
from queue_display.ticket_status import TicketStanding, TicketStatuses

log = structlog.get_logger("mawid.parking")


@dataclass(frozen=True, slots=True)
class RemoteQueue:
    links: StatusLinks
    statuses: TicketStatuses
    heads_ups: HeadsUps
    uptake: HeadsUpStore
    parking: Parking

    @property
    def park_limit(self) -> timedelta:
        return self.parking.limit

    def parked_until(self, standing: TicketStanding) -> str | None:
        """Until when a parked ticket's holder may check in again (ISO 8601), else None."""
        parked_at = standing.ticket.parked_at
        if standing.ticket.status is not TicketStatus.PARKED or parked_at is None:
            return None
        return (parked_at + self.park_limit).isoformat()

    async def standing(self, ticket_id: str, key: str | None) -> TicketStanding:
        """The ticket as it stands, if ``key`` opens it; else ``ticket_not_found``, exactly as
        for a ticket that does not exist (nothing is read before the key is checked)."""
        if not self.links.opens(ticket_id, key):
            raise errors.ticket_not_found(ticket_id)
        return await self.statuses.standing(ticket_id)


def remote_queue(
    settings: Settings, secret: str, onsite: OnSite, database: Database, heads_ups: HeadsUps
) -> RemoteQueue:
    """The remote queue over the hall's store and the ticket archive (the office of a ticket)."""
    archive = TicketArchive(database)
    statuses = TicketStatuses(onsite.offices, onsite.queue, archive, onsite.clock)
    parking = Parking(onsite, archive, archive, timedelta(minutes=settings.park_limit_minutes))
    return RemoteQueue(StatusLinks(secret), statuses, heads_ups, HeadsUpStore(database), parking)


PARK_SWEEP_SECONDS = 60.0


async def lapse_parked(remote: RemoteQueue) -> None:
    """Every minute, make the tickets parked past the limit no-shows (in every process: each
    lapse is one atomic step, so two processes lapse a ticket once). A failed sweep (the
    database briefly away) is logged and tried again at the next."""
    while True:
        await asyncio.sleep(PARK_SWEEP_SECONDS)
        try:
            await remote.parking.lapse()
        except Exception:  # the loop must outlive an outage
            log.warning("park_sweep_failed", exc_info=True)
