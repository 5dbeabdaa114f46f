"""Invitations in the database: added in the caller's transaction (beside the message that
carries the link), found by the token's digest.

Adding one also deletes the invitations that have expired: past its validity an invitation says
nothing an answer would need, and its ticket and booking references should not outlive it.
"""

from __future__ import annotations

from dataclasses import fields
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Connection

from feedback.invitations import Invitation, looks_like_token, token_digest
from feedback.store.tables import FeedbackInvitationRow
from kernel.database import Database

_COLUMNS = [getattr(FeedbackInvitationRow, f.name) for f in fields(Invitation)]


def add_invitation(conn: Connection, invitation: Invitation) -> bool:
    """Keep ``invitation`` inside the caller's transaction; False (nothing added) when its ticket
    already has one."""
    conn.execute(
        delete(FeedbackInvitationRow).where(FeedbackInvitationRow.expires_at <= invitation.created_at)
    )
    taken = conn.execute(
        select(FeedbackInvitationRow.id).where(FeedbackInvitationRow.ticket_id == invitation.ticket_id)
    ).first()
    if taken is not None:
        return False
    conn.execute(
        insert(FeedbackInvitationRow).values(
            {f.name: getattr(invitation, f.name) for f in fields(Invitation)}
        )
    )
    return True


def find_invitation(conn: Connection, token: str) -> Invitation | None:
    """The invitation of ``token``, answered or not, expired or not; None when there is none."""
    if not looks_like_token(token):
        return None
    row = conn.execute(
        select(*_COLUMNS).where(FeedbackInvitationRow.token_hash == token_digest(token))
    ).first()
    return None if row is None else Invitation(**row._mapping)


class Invitations:
    """Reading invitations (the page and ``GET /api/v1/feedback/{token}``)."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def find(self, token: str) -> Invitation | None:
        if not looks_like_token(token):
            return None  # a malformed token is unknown without a trip to the database
        return await self._db.read(lambda conn: find_invitation(conn, token))

    async def open(self, token: str, now: datetime) -> Invitation | None:
        """The invitation while it is valid (answered or not); None when unknown or expired."""
        invitation = await self.find(token)
        return invitation if invitation is not None and invitation.is_open(now) else None
