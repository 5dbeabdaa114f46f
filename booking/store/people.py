"""The people booked with an applicant (``booking.groups``) in ``booking_people``, and their seats
in ``booking_visits`` (``person`` ≥ 1, under their own identity digest, so the unique index of
active (identity, service) and each identity's count hold for every person of a party).

The statements run inside the transaction that changes the booking (``booking.store.bookings``).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from booking.bookings import Companion, CompanionSeat, NewBooking
from booking.store.tables import BookingPersonRow, BookingVisitRow

_COLUMNS = (
    "person",
    "full_name",
    "identity_hash",
    "identity_type",
    "identity_nationality",
    "identity_last4",
    "identity_key_id",
    "active",
)


def insert_people(conn: Connection, booking_id: int, new: NewBooking) -> None:
    """The companions of ``new`` and their seats, all active; the seats' positions follow the
    applicant's visits. Raises the ``IntegrityError`` of the unique index when one of them already
    holds an active booking of one of the services (``already_booked`` names them first)."""
    if not new.companions:
        return
    conn.execute(
        insert(BookingPersonRow),
        [{"booking_id": booking_id, **{name: getattr(c, name) for name in _COLUMNS}} for c in new.companions],
    )
    insert_seats(
        conn, booking_id, new.office_id, new.day, new.companions, new.companion_seats, len(new.seats)
    )


def insert_seats(
    conn: Connection,
    booking_id: int,
    office_id: str,
    day: Any,
    companions: Iterable[Companion],
    seats: Iterable[CompanionSeat],
    first_position: int,
) -> None:
    """The companions' seats as visit rows from ``first_position`` on."""
    whose = {companion.person: companion.identity_hash for companion in companions}
    rows = [
        {
            "booking_id": booking_id,
            "position": first_position + n,
            "service": taken.seat.service,
            "office_id": office_id,
            "starts_at": taken.seat.starts_at,
            "ends_at": taken.seat.ends_at,
            "day": day,
            "identity_hash": whose[taken.person],
            "active": True,
            "person": taken.person,
        }
        for n, taken in enumerate(seats)
    ]
    if rows:
        conn.execute(insert(BookingVisitRow), rows)


def already_booked(conn: Connection, companion: Companion, services: Iterable[str]) -> bool:
    """Whether the companion holds an active booking of one of ``services`` (any booking, any
    person's place in it): read first only to name them; the unique index decides."""
    held = conn.scalar(
        select(func.count())
        .select_from(BookingVisitRow)
        .where(
            BookingVisitRow.identity_hash == companion.identity_hash,
            BookingVisitRow.active,
            BookingVisitRow.service.in_(list(services)),
        )
    )
    return bool(held)


def people_of(conn: Connection, booking_ids: Iterable[int]) -> dict[int, tuple[Companion, ...]]:
    """The companions of each of these bookings that has any, in order; one query."""
    ids = list(booking_ids)
    if not ids:
        return {}
    rows = conn.execute(
        select(*BookingPersonRow.__table__.c)
        .where(BookingPersonRow.booking_id.in_(ids))
        .order_by(BookingPersonRow.booking_id, BookingPersonRow.person)
    )
    found: dict[int, list[Companion]] = {}
    for row in rows:
        found.setdefault(row.booking_id, []).append(
            Companion(**{name: getattr(row, name) for name in _COLUMNS})
        )
    return {booking_id: tuple(people) for booking_id, people in found.items()}


def end_people(conn: Connection, booking_id: int) -> None:
    """The booking ended (cancelled, served, missed): none of its companions is on it any more."""
    conn.execute(
        update(BookingPersonRow)
        .where(BookingPersonRow.booking_id == booking_id, BookingPersonRow.active)
        .values(active=False)
    )


def take_off(conn: Connection, booking_id: int, person: int, now: datetime) -> list[Any]:
    """Remove companion ``person`` from the booking: their row inactive (kept, with when), their
    seats' rows deleted; the seats they held as (service, office_id, starts_at, identity_hash)
    rows, none when they were not on it."""
    removed = conn.execute(
        update(BookingPersonRow)
        .where(
            BookingPersonRow.booking_id == booking_id,
            BookingPersonRow.person == person,
            BookingPersonRow.active,
        )
        .values(active=False, removed_at=now)
        .returning(BookingPersonRow.person)
    ).one_or_none()
    if removed is None:
        return []
    return list(
        conn.execute(
            delete(BookingVisitRow)
            .where(
                BookingVisitRow.booking_id == booking_id,
                BookingVisitRow.person == person,
                BookingVisitRow.active,
            )
            .returning(
                BookingVisitRow.service,
                BookingVisitRow.office_id,
                BookingVisitRow.starts_at,
                BookingVisitRow.identity_hash,
            )
        ).all()
    )


def move_seats(
    conn: Connection, booking_id: int, office_id: str, day: Any, seats: Iterable[CompanionSeat]
) -> None:
    """Write each companion seat's new office, day and slot (a person has one seat a service)."""
    for taken in seats:
        conn.execute(
            update(BookingVisitRow)
            .where(
                BookingVisitRow.booking_id == booking_id,
                BookingVisitRow.person == taken.person,
                BookingVisitRow.service == taken.seat.service,
            )
            .values(office_id=office_id, day=day, starts_at=taken.seat.starts_at, ends_at=taken.seat.ends_at)
        )
