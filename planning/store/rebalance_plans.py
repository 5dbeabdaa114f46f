"""Rebalance plans and their application.

A plan is stored as the manager previewed it; applying it claims it first (``preview →
applied``, one conditional update), so two managers pressing "apply" at once apply it once. Each
move is then its own transaction: the booking moves with the conditional statements of a
reschedule (the new slot is taken only while it has room; the booking moves only if it is still
where the plan found it) and the citizen's message goes to the outbox with it. A move the world
overtook since the preview (slot filled, booking changed) is skipped and reported, never forced.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from booking.bookings import Booking, Move
from booking.churn import NO_RULES, ChurnRules
from booking.rules import BookingStatus
from booking.store.bookings import bookings_from_rows, cancel_for_office, reschedule_booking
from booking.store.tables import BookingRow
from kernel.database import Database
from messaging.outbox import OutboxMessage, about
from messaging.store.outbox import post
from planning.store.tables import RebalancePlanRow

PREVIEW, APPLIED = "preview", "applied"
_COLUMNS = list(RebalancePlanRow.__table__.c)


def _move(
    conn: Connection,
    booking: Booking,
    move: Move,
    notice: Callable[[Booking], OutboxMessage],
    now: datetime,
    rules: ChurnRules,
) -> Booking:
    moved = reschedule_booking(conn, booking, move, now, rules)
    post(conn, about(notice(moved), booking.office_id), now)
    return moved


def _cancel_displaced(
    conn: Connection,
    booking: Booking,
    notice: OutboxMessage,
    now: datetime,
    why: tuple[str, str] | None,
    rules: ChurnRules,
) -> bool:
    """Cancel the booking if it is still confirmed where the plan found it, and post its message."""
    if not cancel_for_office(conn, booking, now, why, rules):
        return False
    post(conn, about(notice, booking.office_id), now)
    return True


class PlanStore:
    def __init__(self, database: Database, offer_minutes: float = NO_RULES.offer_minutes) -> None:
        """``offer_minutes``: a seat an office's move or cancel frees is offered to the waitlist
        for this long a person (``booking.store.freed_seats``); none of a citizen's caps apply."""
        self._db = database
        self._rules = replace(NO_RULES, offer_minutes=offer_minutes)

    async def confirmed_between(self, office_id: str, first_day: date, last_day: date) -> list[Booking]:
        """The office's confirmed bookings on these days, each chain with its later visits (on the
        same office-day): the ones a capacity cut may move."""

        def work(conn: Connection) -> list[Booking]:
            rows = conn.execute(
                select(*BookingRow.__table__.c)
                .where(
                    BookingRow.office_id == office_id,
                    BookingRow.day >= first_day,
                    BookingRow.day <= last_day,
                    BookingRow.status == BookingStatus.CONFIRMED.value,
                )
                .order_by(BookingRow.starts_at, BookingRow.id)
            )
            return bookings_from_rows(conn, rows)

        return await self._db.read(work)

    async def save(
        self,
        office_id: str,
        first_day: date,
        last_day: date,
        plan: dict[str, Any],
        created_by: str,
        now: datetime,
    ) -> dict[str, Any]:
        values = {
            "id": uuid.uuid4().hex,
            "office_id": office_id,
            "first_day": first_day,
            "last_day": last_day,
            "created_by": created_by,
            "status": PREVIEW,
            "plan": plan,
            "created_at": now,
        }

        def work(conn: Connection) -> dict[str, Any]:
            return dict(
                conn.execute(insert(RebalancePlanRow).values(**values).returning(*_COLUMNS)).one()._mapping
            )

        return await self._db.write(work)

    async def get(self, plan_id: str) -> dict[str, Any] | None:
        def work(conn: Connection) -> dict[str, Any] | None:
            row = conn.execute(select(*_COLUMNS).where(RebalancePlanRow.id == plan_id)).one_or_none()
            return dict(row._mapping) if row else None

        return await self._db.read(work)

    async def claim(self, plan_id: str, now: datetime) -> bool:
        """Mark the plan applied; False when it was applied already (by anyone)."""

        def work(conn: Connection) -> bool:
            changed = conn.execute(
                update(RebalancePlanRow)
                .where(RebalancePlanRow.id == plan_id, RebalancePlanRow.status == PREVIEW)
                .values(status=APPLIED, applied_at=now)
            ).rowcount
            return bool(changed)

        return await self._db.write(work)

    async def record_result(self, plan_id: str, result: dict[str, Any]) -> None:
        await self._db.write(
            lambda conn: conn.execute(
                update(RebalancePlanRow).where(RebalancePlanRow.id == plan_id).values(result=result)
            )
        )

    async def move(
        self, booking: Booking, move: Move, notice: Callable[[Booking], OutboxMessage], now: datetime
    ) -> Booking:
        """Move one booking (a chain with every seat: ``move.later_visits``) and post its message,
        atomically; raises ``slot_full`` or ``booking_changed`` (a `Conflict`) when the world
        overtook the plan."""
        return await self._db.write(
            partial(_move, booking=booking, move=move, notice=notice, now=now, rules=self._rules)
        )

    async def cancel(
        self, booking: Booking, notice: OutboxMessage, now: datetime, why: tuple[str, str] | None = None
    ) -> bool:
        """Cancel a booking no other time could be found for (a chain frees every seat), and post
        its message, atomically."""
        return await self._db.write(
            partial(_cancel_displaced, booking=booking, notice=notice, now=now, why=why, rules=self._rules)
        )
