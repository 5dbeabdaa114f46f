"""Bookings in the database. Every rule that two concurrent requests could break together is
enforced by a single conditional statement or a constraint, never by read-then-write in Python.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from datetime import date, datetime
from functools import cache, partial
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from booking.bookings import Booking, NewBooking
from booking.codes import new_booking_code
from booking.errors import Conflict, Refusal
from booking.rules import ACTIVE_STATUSES, MAX_ACTIVE_BOOKINGS, BookingStatus
from booking.store.database import Database
from booking.store.sql import upsert
from booking.store.tables import BookingRow, IdentityHoldRow, SlotLoadRow

_ACTIVE = [status.value for status in ACTIVE_STATUSES]

SLOT_FULL = Refusal(
    Conflict,
    "slot_full",
    "This time is fully booked. Please choose another time.",
    "هذا الموعد مكتمل. يُرجى اختيار موعد آخر.",
)
DUPLICATE = Refusal(
    Conflict,
    "duplicate_booking",
    "You already have an active booking for this service. Cancel or reschedule it instead.",
    "لديك حجز قائم لهذه الخدمة بالفعل. يمكنك إلغاؤه أو تغيير موعده.",
)
LIMIT = Refusal(
    Conflict,
    "booking_limit",
    f"You can hold at most {MAX_ACTIVE_BOOKINGS} active bookings at a time.",
    "لا يمكن أن يكون لديك أكثر من ثلاثة حجوزات قائمة في وقت واحد.",
)


def _booking(row: Any) -> Booking:
    values = dict(row._mapping)
    values["status"] = BookingStatus(values["status"])
    return Booking(**values)


@cache
def _slot_upsert(dialect: str) -> Any:
    return (
        upsert(dialect, SlotLoadRow)
        .on_conflict_do_update(
            index_elements=["office_id", "service", "starts_at"],
            set_={"booked": SlotLoadRow.booked + 1},
            where=SlotLoadRow.booked < SlotLoadRow.capacity,
        )
        .returning(SlotLoadRow.booked)
    )


@cache
def _hold_upsert(dialect: str) -> Any:
    return (
        upsert(dialect, IdentityHoldRow)
        .on_conflict_do_update(
            index_elements=["identity_hash"],
            set_={"active": IdentityHoldRow.active + 1},
            where=IdentityHoldRow.active < MAX_ACTIVE_BOOKINGS,
        )
        .returning(IdentityHoldRow.active)
    )


# Statements are built once and executed with parameters, so SQLAlchemy's compiled cache is hit
# without rebuilding the statement and its cache key on every booking.
_INSERT_BOOKING = insert(BookingRow).returning(*BookingRow.__table__.c)


def _take_slot(
    conn: Connection, office_id: str, service: str, starts_at: datetime, day: date, capacity: int
) -> None:
    """Count one more appointment in the slot, or raise ``slot_full``; one statement decides.

    The upsert creates the slot's row on its first booking; on a conflict it increments only while
    ``booked < capacity``. RETURNING tells whether a row was written.
    """
    values = {"office_id": office_id, "service": service, "starts_at": starts_at, "day": day}
    values.update(capacity=capacity, booked=1)
    if conn.execute(_slot_upsert(conn.dialect.name), values).first() is None:
        raise SLOT_FULL()


def _release_slot(conn: Connection, office_id: str, service: str, starts_at: datetime) -> None:
    conn.execute(
        update(SlotLoadRow)
        .where(
            SlotLoadRow.office_id == office_id,
            SlotLoadRow.service == service,
            SlotLoadRow.starts_at == starts_at,
            SlotLoadRow.booked > 0,
        )
        .values(booked=SlotLoadRow.booked - 1)
    )


def _hold(conn: Connection, identity_hash: str) -> None:
    """Count one more active booking for the identity, or raise ``booking_limit``."""
    values = {"identity_hash": identity_hash, "active": 1}
    if conn.execute(_hold_upsert(conn.dialect.name), values).first() is None:
        raise LIMIT()


def _release_hold(conn: Connection, identity_hash: str) -> None:
    conn.execute(
        update(IdentityHoldRow)
        .where(IdentityHoldRow.identity_hash == identity_hash, IdentityHoldRow.active > 0)
        .values(active=IdentityHoldRow.active - 1)
    )


def _create(conn: Connection, new: NewBooking, now: datetime) -> Booking:
    # The booking row goes in first so that its partial unique index reports a duplicate
    # before the identity's limit or the slot's capacity are even looked at.
    values = asdict(new)
    del values["slot_capacity"]
    values.update(status=BookingStatus.CONFIRMED.value, created_at=now, updated_at=now)
    row = conn.execute(_INSERT_BOOKING, values).one()
    _hold(conn, new.identity_hash)
    _take_slot(conn, new.office_id, new.service, new.starts_at, new.day, new.slot_capacity)
    return _booking(row)


def _cancel(conn: Connection, booking: Booking, now: datetime) -> Booking | None:
    row = conn.execute(
        update(BookingRow)
        .where(BookingRow.id == booking.id, BookingRow.status == BookingStatus.CONFIRMED.value)
        .values(status=BookingStatus.CANCELLED.value, updated_at=now)
        .returning(*BookingRow.__table__.c)
    ).one_or_none()
    if row is None:
        return None
    _release_slot(conn, booking.office_id, booking.service, booking.starts_at)
    _release_hold(conn, booking.identity_hash)
    return _booking(row)


@dataclass(frozen=True, slots=True)
class Move:
    """Where a booking goes: a slot of the same service, perhaps at another office."""

    office_id: str
    starts_at: datetime
    ends_at: datetime
    day: date
    capacity: int
    senior_on_visit: bool | None = None
    """Elderly priority on the new day, when the citizen's identity number came with the move
    (booking.identity.senior_on_visit); None keeps the booking's flag (an office's move)."""


def _reschedule(conn: Connection, booking: Booking, move: Move, now: datetime) -> Booking:
    _take_slot(conn, move.office_id, booking.service, move.starts_at, move.day, move.capacity)
    row = conn.execute(
        update(BookingRow)
        .where(
            BookingRow.id == booking.id,
            BookingRow.status == BookingStatus.CONFIRMED.value,
            BookingRow.starts_at == booking.starts_at,
            BookingRow.office_id == booking.office_id,
        )
        .values(
            office_id=move.office_id,
            starts_at=move.starts_at,
            ends_at=move.ends_at,
            day=move.day,
            updated_at=now,
            **({} if move.senior_on_visit is None else {"senior_on_visit": move.senior_on_visit}),
        )
        .returning(*BookingRow.__table__.c)
    ).one_or_none()
    if row is None:  # cancelled or moved meanwhile: raising rolls the new slot back too
        raise Conflict(
            "booking_changed",
            "This booking changed meanwhile; look it up again.",
            "تغيَّر هذا الحجز في هذه الأثناء؛ يُرجى عرضه من جديد.",
        )
    _release_slot(conn, booking.office_id, booking.service, booking.starts_at)
    return _booking(row)


def _set_status(
    conn: Connection, booking_id: int, from_: BookingStatus, to: BookingStatus, now: datetime
) -> bool:
    row = conn.execute(
        update(BookingRow)
        .where(BookingRow.id == booking_id, BookingRow.status == from_.value)
        .values(status=to.value, updated_at=now)
        .returning(BookingRow.identity_hash)
    ).one_or_none()
    if row is None:
        return False
    if from_ in ACTIVE_STATUSES and to not in ACTIVE_STATUSES:
        _release_hold(conn, row.identity_hash)
    return True


def _loads(
    conn: Connection, office_id: str, service: str, first_day: date, last_day: date
) -> dict[datetime, tuple[int, int]]:
    rows = conn.execute(
        select(SlotLoadRow.starts_at, SlotLoadRow.capacity, SlotLoadRow.booked).where(
            SlotLoadRow.office_id == office_id,
            SlotLoadRow.service == service,
            SlotLoadRow.day >= first_day,
            SlotLoadRow.day <= last_day,
        )
    )
    return {row.starts_at: (row.capacity, row.booked) for row in rows}


class BookingStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def create(self, new: NewBooking, now: datetime) -> Booking:
        """Book the slot, or raise ``duplicate_booking``, ``booking_limit`` or ``slot_full``.

        One transaction: if any step refuses, nothing of the others remains.
        """
        for _ in range(3):  # a code collision (2⁻⁴⁰ per pair) just draws a new code
            try:
                return await self._db.write(partial(_create, new=new, now=now))
            except IntegrityError as error:
                if not _is_code_collision(error):
                    raise DUPLICATE() from None
                new = replace(new, code=new_booking_code())
        raise RuntimeError("could not draw a free booking code")

    async def by_code(self, code: str) -> Booking | None:
        def work(conn: Connection) -> Booking | None:
            row = conn.execute(select(*BookingRow.__table__.c).where(BookingRow.code == code)).one_or_none()
            return _booking(row) if row else None

        return await self._db.read(work)

    async def by_id(self, booking_id: int) -> Booking | None:
        def work(conn: Connection) -> Booking | None:
            row = conn.execute(
                select(*BookingRow.__table__.c).where(BookingRow.id == booking_id)
            ).one_or_none()
            return _booking(row) if row else None

        return await self._db.read(work)

    async def cancel(self, booking: Booking, now: datetime) -> Booking | None:
        """Cancel a confirmed booking and free its slot at once; None if it was not confirmed."""
        return await self._db.write(partial(_cancel, booking=booking, now=now))

    async def reschedule(self, booking: Booking, move: Move, now: datetime) -> Booking:
        """Move a confirmed booking; when the new slot is full the old one stays untouched."""
        return await self._db.write(partial(_reschedule, booking=booking, move=move, now=now))

    async def set_status(
        self, booking_id: int, from_: BookingStatus, to: BookingStatus, now: datetime
    ) -> bool:
        """Move a booking along its life (check-in, served, no-show); releases the identity's
        hold when it stops being active."""
        return await self._db.write(partial(_set_status, booking_id=booking_id, from_=from_, to=to, now=now))

    async def loads(
        self, office_id: str, service: str, first_day: date, last_day: date
    ) -> dict[datetime, tuple[int, int]]:
        """(capacity, booked) of every slot that has had a booking in the range."""
        return await self._db.read(
            partial(_loads, office_id=office_id, service=service, first_day=first_day, last_day=last_day)
        )

    async def count_active(self, office_id: str | None = None) -> int:
        def work(conn: Connection) -> int:
            query = select(func.count()).select_from(BookingRow).where(BookingRow.status.in_(_ACTIVE))
            if office_id:
                query = query.where(BookingRow.office_id == office_id)
            return int(conn.scalar(query) or 0)

        return await self._db.read(work)


def _is_code_collision(error: IntegrityError) -> bool:
    message = str(error.orig)
    return "bookings.code" in message or "bookings_code_key" in message
