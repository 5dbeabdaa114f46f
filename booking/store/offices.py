"""Offices, counters and closures in the database, and a per-process cache of them.

Offices change a few times a day while availability is read hundreds of times a second, so each
process keeps them in memory for a few seconds; a change made here invalidates the cache at once,
a change made by another process is seen within ``ttl`` seconds.
"""

from __future__ import annotations

import asyncio
import time as monotonic
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from booking.calendar import Closure
from booking.capacity import Slot, day_slots
from booking.channels import band_text, parse_band
from booking.messages import MESSAGES
from booking.offices import Counter, Office, OpeningHours
from booking.store.slot_loads import restate_capacity
from booking.store.tables import ClosureRow, CounterRow, OfficeRow
from kernel.clock import Clock
from kernel.database import Database
from kernel.errors import Conflict

#: Capacity changes restate slot rows this far ahead: the booking window and a margin.
RESTATE_DAYS = 62


def _office(row: Any, counters: list[Any]) -> Office:
    return Office(
        id=row.id,
        name_en=row.name_en,
        name_ar=row.name_ar,
        address_en=row.address_en,
        address_ar=row.address_ar,
        governorate=row.governorate,
        lat=row.lat,
        lon=row.lon,
        services=tuple(row.services),
        hours=OpeningHours.from_json(row.hours),
        counters=tuple(Counter(c.id, c.label, frozenset(c.services), c.active) for c in counters),
        timezone=row.timezone,
        slot_minutes=row.slot_minutes,
        walk_in_share=row.walk_in_share,
        assisted_share=row.assisted_share or 0.0,
        seniors_hours=parse_band(row.seniors_hours),
    )


def _closure(row: Any) -> Closure:
    return Closure(row.office_id, row.day, row.counter_id, row.starts, row.ends, row.reason_en, row.reason_ar)


def closure_exists() -> Conflict:
    """A fresh refusal each time (a shared instance would keep every raise's traceback)."""
    return MESSAGES.error(Conflict, "closure_exists")


def _same_closure(closure: Closure) -> list[ColumnElement[bool]]:
    """The closure in force that closes the same thing: office, day, counter and hours."""

    def same(column: Any, value: Any) -> ColumnElement[bool]:
        return column.is_(None) if value is None else column == value

    return [
        ClosureRow.office_id == closure.office_id,
        ClosureRow.day == closure.day,
        same(ClosureRow.counter_id, closure.counter_id),
        same(ClosureRow.starts, closure.starts),
        same(ClosureRow.ends, closure.ends),
        ClosureRow.reopened_at.is_(None),
    ]


def _in_force(conn: Connection, closure: Closure) -> bool:
    return conn.execute(select(ClosureRow.id).where(*_same_closure(closure))).first() is not None


def _all_offices(conn: Connection) -> list[Office]:
    offices = conn.execute(select(*OfficeRow.__table__.c).order_by(OfficeRow.id)).all()
    counters = conn.execute(select(*CounterRow.__table__.c).order_by(CounterRow.id)).all()
    by_office: dict[str, list[Any]] = {}
    for counter in counters:
        by_office.setdefault(counter.office_id, []).append(counter)
    return [_office(row, by_office.get(row.id, [])) for row in offices]


def _one_office(conn: Connection, office_id: str) -> Office | None:
    row = conn.execute(select(*OfficeRow.__table__.c).where(OfficeRow.id == office_id)).one_or_none()
    if row is None:
        return None
    counters = conn.execute(
        select(*CounterRow.__table__.c).where(CounterRow.office_id == office_id).order_by(CounterRow.id)
    ).all()
    return _office(row, list(counters))


def _restate(conn: Connection, office_id: str, first_day: date, last_day: date) -> int:
    """Bring the office's slot rows in the range in step with its counters and closures."""
    office = _one_office(conn, office_id)
    if office is None:
        return 0
    rows = conn.execute(
        select(*ClosureRow.__table__.c).where(
            ClosureRow.office_id == office_id,
            ClosureRow.day >= first_day,
            ClosureRow.day <= last_day,
            ClosureRow.reopened_at.is_(None),
        )
    )
    return restate_capacity(conn, office, [_closure(row) for row in rows], first_day, last_day)


def _add_office(conn: Connection, office: Office) -> None:
    conn.execute(
        insert(OfficeRow).values(
            id=office.id,
            name_en=office.name_en,
            name_ar=office.name_ar,
            address_en=office.address_en,
            address_ar=office.address_ar,
            governorate=office.governorate,
            lat=office.lat,
            lon=office.lon,
            services=list(office.services),
            hours=office.hours.to_json(),
            timezone=office.timezone,
            slot_minutes=office.slot_minutes,
            walk_in_share=office.walk_in_share,
            assisted_share=office.assisted_share,
            seniors_hours=band_text(office.seniors_hours),
            version=1,
        )
    )
    for counter in office.counters:
        conn.execute(
            insert(CounterRow).values(
                office_id=office.id,
                label=counter.label,
                services=sorted(counter.services),
                active=counter.active,
            )
        )


class OfficeStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def all_offices(self) -> list[Office]:
        return await self._db.read(_all_offices)

    async def closures_from(self, first_day: date) -> list[Closure]:
        def work(conn: Connection) -> list[Closure]:
            rows = conn.execute(
                select(*ClosureRow.__table__.c).where(
                    ClosureRow.day >= first_day, ClosureRow.reopened_at.is_(None)
                )
            )
            return [_closure(row) for row in rows]

        return await self._db.read(work)

    async def count(self) -> int:
        return await self._db.read(
            lambda conn: int(conn.scalar(select(func.count()).select_from(OfficeRow)) or 0)
        )

    async def add_office(self, office: Office) -> None:
        """Insert an office with its counters (seeding and tests); counter ids come from the DB."""
        await self._db.write(lambda conn: _add_office(conn, office))

    async def add_closure(self, closure: Closure, now: datetime, by: str | None = None) -> None:
        """Add the closure (``by``: who, as the audit log names them) and, in the same
        transaction, lower the capacity of the slot rows it covers, so no booking can take the
        room it took away. The same closure already in force (office, day, counter and hours) is
        refused, ``closure_exists``: the database's ``uq_closures_in_force`` holds even for two
        requests at the same moment."""

        def work(conn: Connection) -> None:
            if _in_force(conn, closure):
                raise closure_exists()
            conn.execute(
                insert(ClosureRow).values(
                    office_id=closure.office_id,
                    day=closure.day,
                    counter_id=closure.counter_id,
                    starts=closure.starts,
                    ends=closure.ends,
                    reason_en=closure.reason_en,
                    reason_ar=closure.reason_ar,
                    created_at=now,
                    created_by=by,
                )
            )
            _restate(conn, closure.office_id, closure.day, closure.day)

        try:
            await self._db.write(work)
        except IntegrityError as error:
            # Two at the same moment: both looked, found none, and the index let one in.
            if "uq_closures_in_force" in str(error.orig) or await self._db.read(
                lambda conn: _in_force(conn, closure)
            ):
                raise closure_exists() from None
            raise

    async def remove_closures(
        self, office_id: str, day: date, now: datetime | None = None, by: str | None = None
    ) -> int:
        """Reopen the office that day: every closure of it still in force ends (``reopened_at``,
        ``reopened_by``) but stays on record; returns how many ended."""

        def work(conn: Connection) -> int:
            removed = conn.execute(
                update(ClosureRow)
                .where(
                    ClosureRow.office_id == office_id,
                    ClosureRow.day == day,
                    ClosureRow.reopened_at.is_(None),
                )
                .values(reopened_at=now or datetime.now(UTC), reopened_by=by)
            ).rowcount
            _restate(conn, office_id, day, day)
            return int(removed or 0)

        return await self._db.write(work)

    async def update_counter(
        self, office_id: str, counter_id: int, active: bool, services: frozenset[str], from_day: date
    ) -> bool:
        """Open or close a counter for good, or change what it serves; slot rows from ``from_day``
        on are restated in the same transaction. False when the office has no such counter."""

        def work(conn: Connection) -> bool:
            changed = conn.execute(
                update(CounterRow)
                .where(CounterRow.id == counter_id, CounterRow.office_id == office_id)
                .values(active=active, services=sorted(services))
            ).rowcount
            if not changed:
                return False
            conn.execute(
                update(OfficeRow).where(OfficeRow.id == office_id).values(version=OfficeRow.version + 1)
            )
            _restate(conn, office_id, from_day, from_day + timedelta(days=RESTATE_DAYS))
            return True

        return await self._db.write(work)

    async def set_channels(
        self, office_id: str, assisted_share: float, seniors_hours: tuple[time, time] | None, from_day: date
    ) -> bool:
        """Set the office's share of appointments kept for assisted bookings and its seniors'
        hours; slot rows from ``from_day`` on keep their new seats in the same transaction (a seat
        already booked stays booked). False when there is no such office."""

        def work(conn: Connection) -> bool:
            changed = conn.execute(
                update(OfficeRow)
                .where(OfficeRow.id == office_id)
                .values(
                    assisted_share=assisted_share,
                    seniors_hours=band_text(seniors_hours),
                    version=OfficeRow.version + 1,
                )
            ).rowcount
            if changed:
                _restate(conn, office_id, from_day, from_day + timedelta(days=RESTATE_DAYS))
            return bool(changed)

        return await self._db.write(work)


class OfficeDirectory:
    """Read-mostly cache of every office, its upcoming closures and its slot grids."""

    def __init__(self, store: OfficeStore, clock: Clock, ttl_seconds: float = 5.0) -> None:
        self.store = store
        self._clock = clock
        self._ttl = ttl_seconds
        self._loaded_at = float("-inf")
        self._offices: dict[str, Office] = {}
        self._closures: dict[str, tuple[Closure, ...]] = {}
        # Slot grids only change with the offices or closures they come from.
        self._grids: dict[tuple[str, str, date], list[Slot]] = {}
        # The reload under way, which every request that finds the cache stale waits for: without
        # it, each of a rush's requests arriving while the first reload ran started one of its own
        # (dozens every ``ttl`` under a booking rush). ``_generation`` counts invalidations, so a
        # reload begun before one neither serves nor stores what it read.
        self._loading: asyncio.Task[None] | None = None
        self._generation = 0

    def invalidate(self) -> None:
        self._loaded_at = float("-inf")
        self._generation += 1
        self._loading = None

    async def _fresh(self) -> None:
        if monotonic.monotonic() - self._loaded_at < self._ttl:
            return
        loop = asyncio.get_running_loop()
        while True:
            generation, loading = self._generation, self._loading
            if loading is None or loading.done() or loading.get_loop() is not loop:
                loading = self._loading = loop.create_task(self._load(generation))
            await asyncio.shield(loading)  # a caller that gives up leaves the reload to the others
            if generation == self._generation:
                return

    async def _load(self, generation: int) -> None:
        offices = await self.store.all_offices()
        # Closures from a week back are enough: nothing is booked or rebalanced further back.
        since = self._clock.now().date() - timedelta(days=7)
        closures: dict[str, list[Closure]] = {}
        for closure in await self.store.closures_from(since):
            closures.setdefault(closure.office_id, []).append(closure)
        if generation != self._generation:  # invalidated meanwhile: what was read may be stale
            return
        fresh_offices = {office.id: office for office in offices}
        fresh_closures = {key: tuple(value) for key, value in closures.items()}
        if fresh_offices != self._offices or fresh_closures != self._closures:
            self._offices, self._closures = fresh_offices, fresh_closures
            self._grids.clear()
        self._loaded_at = monotonic.monotonic()

    async def offices(self) -> list[Office]:
        await self._fresh()
        return list(self._offices.values())

    async def office(self, office_id: str) -> Office | None:
        await self._fresh()
        return self._offices.get(office_id)

    async def closures(self, office_id: str) -> tuple[Closure, ...]:
        await self._fresh()
        return self._closures.get(office_id, ())

    async def day_slots(self, office: Office, service: str, day: date) -> list[Slot]:
        """``booking.capacity.day_slots`` for the office as it stands now, computed once."""
        await self._fresh()
        key = (office.id, service, day)
        grid = self._grids.get(key)
        if grid is None:
            if len(self._grids) > 200_000:  # ~300 offices × 12 services × 60 days fits
                self._grids.clear()
            grid = day_slots(office, service, day, self._closures.get(office.id, ()))
            self._grids[key] = grid
        return grid
