"""Slot loads across many offices and days, and keeping their capacity in step with the offices.

``slot_loads.capacity`` is what the conditional upsert of a booking compares against, and it is
written when a slot takes its first booking. When a manager closes a counter, shuts an office
for a day or edits a counter, the rows of the days concerned are restated here, in the same
transaction as the change: from then on a direct booking or an optimiser assignment can only
fill the capacity that is really left. A slot that no longer exists gets capacity 0; its
bookings stay (``booked`` may exceed ``capacity``) until a rebalance moves them.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection

from booking.calendar import Closure
from booking.capacity import day_slots
from booking.offices import Office
from booking.store.tables import SlotHoldRow, SlotLoadRow
from kernel.database import Database


def held_seats(office_id: Any, service: Any, starts_at: Any, now: Any) -> Any:
    """How many freed seats of a slot are still resting (``slot_holds`` whose ``until`` is after
    ``now``), as a scalar subquery: an expired hold stops counting by itself."""
    return (
        select(func.count())
        .select_from(SlotHoldRow)
        .where(
            SlotHoldRow.office_id == office_id,
            SlotHoldRow.service == service,
            SlotHoldRow.starts_at == starts_at,
            SlotHoldRow.until > now,
        )
        .scalar_subquery()
    )


#: (office_id, service, starts_at) → (capacity, booked)
Loads = dict[tuple[str, str, datetime], tuple[int, int]]
#: (office_id, service, starts_at) → seats still kept for assisted bookings (none: not listed)
Kept = dict[tuple[str, str, datetime], int]


def loads_between(
    conn: Connection,
    office_ids: Collection[str],
    first_day: date,
    last_day: date,
    now: datetime | None = None,
) -> Loads:
    """(capacity, booked) of every slot of these offices that has had a booking in the range. Given
    ``now``, a seat resting after its release (``slot_holds`` until after ``now``) counts as booked,
    as it does for a direct booking."""
    taken = SlotLoadRow.booked
    if now is not None:
        taken = SlotLoadRow.booked + held_seats(
            SlotLoadRow.office_id, SlotLoadRow.service, SlotLoadRow.starts_at, now
        )
    rows = conn.execute(
        select(
            SlotLoadRow.office_id,
            SlotLoadRow.service,
            SlotLoadRow.starts_at,
            SlotLoadRow.capacity,
            taken.label("booked"),
        ).where(
            SlotLoadRow.office_id.in_(list(office_ids)),
            SlotLoadRow.day >= first_day,
            SlotLoadRow.day <= last_day,
        )
    )
    return {(r.office_id, r.service, r.starts_at): (r.capacity, r.booked) for r in rows}


def kept_between(conn: Connection, office_ids: Collection[str], first_day: date, last_day: date) -> Kept:
    """The seats each row of these offices in the range still keeps for assisted bookings: its
    ``reserved`` less what clerks took (``assisted_booked``), where that is above nothing."""
    rows = conn.execute(
        select(
            SlotLoadRow.office_id,
            SlotLoadRow.service,
            SlotLoadRow.starts_at,
            (SlotLoadRow.reserved - SlotLoadRow.assisted_booked).label("kept"),
        ).where(
            SlotLoadRow.office_id.in_(list(office_ids)),
            SlotLoadRow.day >= first_day,
            SlotLoadRow.day <= last_day,
            SlotLoadRow.reserved > SlotLoadRow.assisted_booked,
        )
    )
    return {(r.office_id, r.service, r.starts_at): r.kept for r in rows}


def restate_capacity(
    conn: Connection, office: Office, closures: Sequence[Closure], first_day: date, last_day: date
) -> int:
    """Set each slot row of ``office`` in the range to the capacity, and the seats kept for clerks,
    its grid now gives (0 when the slot is gone); returns how many rows changed."""
    rows = conn.execute(
        select(
            SlotLoadRow.service,
            SlotLoadRow.starts_at,
            SlotLoadRow.day,
            SlotLoadRow.capacity,
            SlotLoadRow.reserved,
        ).where(
            SlotLoadRow.office_id == office.id,
            SlotLoadRow.day >= first_day,
            SlotLoadRow.day <= last_day,
        )
    ).all()
    grids: dict[tuple[str, date], dict[datetime, tuple[int, int]]] = {}
    changed = 0
    for row in rows:
        key = (row.service, row.day)
        if key not in grids:
            todays = tuple(c for c in closures if c.day == row.day)
            grids[key] = {
                s.start: (s.capacity, s.reserved) for s in day_slots(office, row.service, row.day, todays)
            }
        capacity, reserved = grids[key].get(row.starts_at, (0, 0))
        if (capacity, reserved) != (row.capacity, row.reserved):
            conn.execute(
                update(SlotLoadRow)
                .where(
                    SlotLoadRow.office_id == office.id,
                    SlotLoadRow.service == row.service,
                    SlotLoadRow.starts_at == row.starts_at,
                )
                .values(capacity=capacity, reserved=reserved)
            )
            changed += 1
    return changed


class SlotLoadStore:
    """The slot rows read over many offices and days (``planning.ports.SlotLoads``)."""

    def __init__(self, database: Database) -> None:
        self._db = database

    async def between(
        self, office_ids: Collection[str], first_day: date, last_day: date, now: datetime | None = None
    ) -> Loads:
        """``loads_between`` in a read transaction of its own."""
        return await self._db.read(
            partial(loads_between, office_ids=office_ids, first_day=first_day, last_day=last_day, now=now)
        )

    async def kept_between(self, office_ids: Collection[str], first_day: date, last_day: date) -> Kept:
        """``kept_between`` in a read transaction of its own."""
        return await self._db.read(
            partial(kept_between, office_ids=office_ids, first_day=first_day, last_day=last_day)
        )
