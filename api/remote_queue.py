"""The remote queue's collaborators, composed once with the app: the live pages' keys, where a
ticket stands now, and the heads-up texts (README, "Wait from home").

One object on ``Services`` (``remote_queue``) so the kiosk, the counters and the ticket's page
reach the same pieces.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from api.settings import Settings
from kernel.database import Database
from queue_display import errors
from queue_display.archive.heads_ups import HeadsUpStore
from queue_display.archive.tickets import TicketArchive
from queue_display.heads_ups import HeadsUps
from queue_display.onsite import OnSite
from queue_display.status_link import StatusLinks
from queue_display.ticket import TicketStatus
from queue_display.ticket_status import TicketStanding, TicketStatuses


@dataclass(frozen=True, slots=True)
class RemoteQueue:
    links: StatusLinks
    statuses: TicketStatuses
    heads_ups: HeadsUps
    uptake: HeadsUpStore
    park_limit: timedelta = timedelta(minutes=30)

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
    statuses = TicketStatuses(onsite.offices, onsite.queue, TicketArchive(database), onsite.clock)
    return RemoteQueue(
        StatusLinks(secret),
        statuses,
        heads_ups,
        HeadsUpStore(database),
        timedelta(minutes=settings.park_limit_minutes),
    )
