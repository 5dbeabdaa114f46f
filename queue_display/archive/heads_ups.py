"""The heads-ups in the database (``ticket_heads_ups``): who asked to be texted about which ticket,
and which texts went.

A text is marked sent by a conditional update (``... WHERE near_sent_at IS NULL``) in the very
transaction that posts it to the outbox: of two processes that see the queue move at once, one
updates the row and posts, the other updates nothing and posts nothing. A closed heads-up keeps
no mobile; its row stays for the uptake figures (asked, sent, per office and day).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import and_, func, select, update
from sqlalchemy.engine import Connection

from booking.store.sql import upsert
from kernel.database import Database
from messaging.outbox import OutboxMessage
from messaging.store.outbox import post
from queue_display.archive.tables import HeadsUpRow, TicketRow
from queue_display.heads_up import HeadsUp, Text

_SENT_AT = {Text.NEAR: HeadsUpRow.near_sent_at, Text.CALLED: HeadsUpRow.called_sent_at}
_CLOSED = {"phone": "", "closed_at": None}


@dataclass(frozen=True, slots=True)
class DayUptake:
    """One office's day: tickets issued, heads-ups asked, texts sent (near and called)."""

    day: date
    tickets: int
    asked: int
    near_sent: int
    called_sent: int


def _ask(conn: Connection, row: dict[str, Any]) -> None:
    statement = upsert(conn.dialect.name, HeadsUpRow).values(**row)
    # Asked again before anything was sent (a typo in the mobile): the new answer stands.
    conn.execute(
        statement.on_conflict_do_update(
            index_elements=["ticket_id"],
            set_={name: statement.excluded[name] for name in ("phone", "lang", "ahead", "channel")},
            where=and_(HeadsUpRow.near_sent_at.is_(None), HeadsUpRow.closed_at.is_(None)),
        )
    )


def _open(conn: Connection, office_id: str, day: date) -> list[HeadsUp]:
    rows = conn.execute(
        select(*HeadsUpRow.__table__.c).where(
            HeadsUpRow.office_id == office_id, HeadsUpRow.day == day, HeadsUpRow.closed_at.is_(None)
        )
    )
    return [
        HeadsUp(
            id=row.id,
            ticket_id=row.ticket_id,
            office_id=row.office_id,
            day=row.day,
            phone=row.phone,
            lang=row.lang,
            ahead=row.ahead,
            near_sent=row.near_sent_at is not None,
            called_sent=row.called_sent_at is not None,
        )
        for row in rows
    ]


def _send(
    conn: Connection, heads_up_id: int, text: Text, message: OutboxMessage, close: bool, now: datetime
) -> bool:
    sent_at = _SENT_AT[text]
    values: dict[str, Any] = {sent_at.key: now}
    if close:
        values.update(_CLOSED, closed_at=now)
    marked = conn.execute(
        update(HeadsUpRow)
        .where(HeadsUpRow.id == heads_up_id, sent_at.is_(None), HeadsUpRow.closed_at.is_(None))
        .values(**values)
    ).rowcount
    if marked != 1:
        return False  # sent already, by this process or another
    post(conn, message, now)
    return True


def _close(conn: Connection, heads_up_id: int, now: datetime) -> None:
    conn.execute(
        update(HeadsUpRow)
        .where(HeadsUpRow.id == heads_up_id, HeadsUpRow.closed_at.is_(None))
        .values(**_CLOSED | {"closed_at": now})
    )


def _uptake(conn: Connection, office_id: str, first: date, last: date) -> list[DayUptake]:
    tickets = dict(
        conn.execute(
            select(TicketRow.day, func.count())
            .where(
                TicketRow.office_id == office_id,
                TicketRow.day.between(first, last),
                TicketRow.transferred_from.is_(None),  # a ticket printed, not one carried on
            )
            .group_by(TicketRow.day)
        ).all()
    )
    asked = {
        row.day: row
        for row in conn.execute(
            select(
                HeadsUpRow.day,
                func.count().label("asked"),
                func.count(HeadsUpRow.near_sent_at).label("near"),
                func.count(HeadsUpRow.called_sent_at).label("called"),
            )
            .where(HeadsUpRow.office_id == office_id, HeadsUpRow.day.between(first, last))
            .group_by(HeadsUpRow.day)
        )
    }
    days = sorted(set(tickets) | set(asked))
    return [
        DayUptake(
            day=day,
            tickets=tickets.get(day, 0),
            asked=asked[day].asked if day in asked else 0,
            near_sent=asked[day].near if day in asked else 0,
            called_sent=asked[day].called if day in asked else 0,
        )
        for day in days
    ]


class HeadsUpStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def ask(
        self,
        *,
        ticket_id: str,
        office_id: str,
        day: date,
        phone: str,
        lang: str,
        ahead: int,
        channel: str,
        now: datetime,
    ) -> None:
        """Keep the heads-up (one per ticket; asked again before any text went, the new one)."""
        row = {
            "ticket_id": ticket_id,
            "office_id": office_id,
            "day": day,
            "phone": phone,
            "lang": lang,
            "ahead": ahead,
            "channel": channel,
            "asked_at": now,
        }
        await self._db.write(partial(_ask, row=row))

    async def open_of(self, office_id: str, day: date) -> list[HeadsUp]:
        """The office's heads-ups of ``day`` still to be sent."""
        return await self._db.read(partial(_open, office_id=office_id, day=day))

    async def send(
        self, heads_up_id: int, text: Text, message: OutboxMessage, close: bool, now: datetime
    ) -> bool:
        """Mark ``text`` sent and post ``message`` together; False (nothing posted) when it was
        sent already. ``close`` ends the heads-up and erases its mobile."""
        return await self._db.write(
            partial(_send, heads_up_id=heads_up_id, text=text, message=message, close=close, now=now)
        )

    async def close(self, heads_up_id: int, now: datetime) -> None:
        await self._db.write(partial(_close, heads_up_id=heads_up_id, now=now))

    async def uptake(self, office_id: str, first: date, last: date) -> Sequence[DayUptake]:
        """Tickets issued vs heads-ups asked vs texts sent, per day of ``first``..``last``."""
        return await self._db.read(partial(_uptake, office_id=office_id, first=first, last=last))
