"""The seats of the chains (one trip, several services) held at some offices on some days.

A closure's impact counts bookings, not seats (``planning.closure_impact``): the slot rows know
how many seats each slot holds, not that two of them belong to one citizen's trip. This reads
which seats go together, from ``booking_visits`` (booking's table, read here as
``planning.store.rebalance_plans`` reads ``bookings``).
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import select
from sqlalchemy.engine import Connection

from booking.store.tables import BookingVisitRow
from kernel.database import Database
from planning.ports import LoadKey


class ChainVisitStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def between(
        self, office_ids: Collection[str], first_day: date, last_day: date
    ) -> list[tuple[LoadKey, ...]]:
        """Each active chain of these offices on these days as its visits' slots, in order."""

        def work(conn: Connection) -> list[tuple[LoadKey, ...]]:
            rows = conn.execute(
                select(
                    BookingVisitRow.booking_id,
                    BookingVisitRow.office_id,
                    BookingVisitRow.service,
                    BookingVisitRow.starts_at,
                )
                .where(
                    BookingVisitRow.office_id.in_(sorted(office_ids)),
                    BookingVisitRow.day >= first_day,
                    BookingVisitRow.day <= last_day,
                    BookingVisitRow.active,
                )
                .order_by(BookingVisitRow.booking_id, BookingVisitRow.position)
            )
            visits: dict[int, list[LoadKey]] = {}
            for row in rows:
                visits.setdefault(row.booking_id, []).append((row.office_id, row.service, row.starts_at))
            return [tuple(chain) for chain in visits.values() if len(chain) > 1]

        return await self._db.read(work)
