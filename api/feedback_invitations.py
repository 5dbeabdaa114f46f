"""After a counter completes a visit that came from a booking, the citizen is invited to say how
it went: an invitation row (``feedback.store``) and the message carrying its link (the outbox,
``messaging.store.outbox``) are written in one transaction, so a link is never sent without its
invitation, nor an invitation kept that no message announced.

The citizen's mobile, e-mail and language come from the booking; the invitation keeps none of
them. Inviting never fails the completion: whatever goes wrong (the database down, the booking
gone) is logged and the clerk's answer is unchanged.
"""

from __future__ import annotations

import structlog
from sqlalchemy.engine import Connection

from api.settings import Settings
from booking.store.bookings import BookingStore
from feedback.invitations import feedback_link, invite
from feedback.notice import invitation_text
from feedback.store.invitations import add_invitation
from kernel.clock import Clock
from kernel.database import Database
from messaging.outbox import OutboxMessage
from messaging.store.outbox import post
from queue_display.ticket import Ticket, TicketStatus

log = structlog.get_logger("mawid.feedback")

KIND = "feedback"
"""The outbox kind of the message inviting feedback."""


class FeedbackInviter:
    def __init__(self, database: Database, bookings: BookingStore, clock: Clock, settings: Settings) -> None:
        self._db = database
        self._bookings = bookings
        self._clock = clock
        self._days = settings.feedback_days
        self._base_url = settings.site_url

    async def visit_done(self, ticket: Ticket) -> bool:
        """Invite the holder of ``ticket``'s booking, once per ticket; True when a message was
        posted. Never raises."""
        if ticket.status is not TicketStatus.DONE or not ticket.booking_code:
            return False  # a walk-in left no number to write to
        if ticket.moved_on:
            return False  # a chain asks once, after its last service
        try:
            return await self._invite(ticket, ticket.booking_code)
        except Exception as error:
            log.warning("feedback_invitation_failed", office_id=ticket.office_id, error=type(error).__name__)
            return False

    async def _invite(self, ticket: Ticket, code: str) -> bool:
        booking = await self._bookings.by_code(code)
        if booking is None or not booking.applicant.phone:
            return False  # erased already, or no mobile to write to
        now = self._clock.now()
        token, invitation = invite(
            office_id=ticket.office_id,
            service=ticket.service,
            day=ticket.day,
            lang=booking.applicant.lang,
            ticket_id=ticket.id,
            booking_code=booking.code,
            now=now,
            valid_days=self._days,
        )
        link = feedback_link(self._base_url, token, invitation.lang)
        message = OutboxMessage(
            kind=KIND,
            phone=booking.applicant.phone,
            email=booking.applicant.email,
            lang=invitation.lang,
            message=invitation_text(link, self._days, invitation.lang),
            booking_code=booking.code,
            payload={"link": link, "office_id": ticket.office_id, "service": ticket.service},
        )

        def work(conn: Connection) -> bool:
            if not add_invitation(conn, invitation):
                return False
            post(conn, message, now)
            return True

        return await self._db.write(work)
