"""A booking's visits in ``booking_visits``: one row per service, position 0 being the booking's
own service and start (``bookings``' columns), the later ones a chain's (``booking.chains``).

The statements here run inside the transaction that changes the booking, so the visits never
disagree with it: a booking's rows go in with it (the partial unique index on the active ones
refuses a second active booking of a service under one identity, whatever chain holds it), end
with it (cancel, no-show, served: ``active`` false, their slots released by the caller) and move
with it. ``booking.store.bookings`` is their one caller outside reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from booking.bookings import NewVisit, Visit
from booking.store.tables import BookingVisitRow


@dataclass(frozen=True, slots=True)
class VisitSeat:
    """Where one visit of a stored booking sits: the slot whose seat it holds."""

    position: int
    service: str
    office_id: str
    starts_at: datetime
    person: int = 0
    """0 the applicant's, k a party's k-th companion's (``booking.groups``)."""
    identity_hash: str = ""
    """Whose identity's count of active bookings the seat is in."""
    active: bool = True


def insert_visits(
    conn: Connection,
    booking_id: int,
    office_id: str,
    day: date,
    identity_hash: str,
    seats: Sequence[NewVisit],
) -> None:
    """The booking's visits, all active; raises the ``IntegrityError`` of the unique index when
    the identity already holds an active booking of one of these services."""
    conn.execute(
        insert(BookingVisitRow),
        [
            {
                "booking_id": booking_id,
                "position": position,
                "service": seat.service,
                "office_id": office_id,
                "starts_at": seat.starts_at,
                "ends_at": seat.ends_at,
                "day": day,
                "identity_hash": identity_hash,
                "active": True,
            }
            for position, seat in enumerate(seats)
        ],
    )


def end_visits(conn: Connection, booking_id: int) -> list[VisitSeat]:
    """Mark the booking's active visits inactive; the seats they held, in position order (none
    when they had ended already)."""
    rows = conn.execute(
        update(BookingVisitRow)
        .where(BookingVisitRow.booking_id == booking_id, BookingVisitRow.active)
        .values(active=False)
        .returning(*_SEAT)
    ).all()
    return sorted((_seat(row) for row in rows), key=_order)


def seats_of(conn: Connection, booking_id: int) -> list[VisitSeat]:
    """The booking's visits as they stand, in position order."""
    rows = conn.execute(select(*_SEAT).where(BookingVisitRow.booking_id == booking_id)).all()
    return sorted((_seat(row) for row in rows), key=_order)


def move_visits(
    conn: Connection, booking_id: int, office_id: str, day: date, seats: Sequence[NewVisit]
) -> None:
    """Write each of the applicant's visits' new office, day and slot (position k to ``seats[k]``)."""
    for position, seat in enumerate(seats):
        conn.execute(
            update(BookingVisitRow)
            .where(
                BookingVisitRow.booking_id == booking_id,
                BookingVisitRow.position == position,
                BookingVisitRow.person == 0,
            )
            .values(office_id=office_id, day=day, starts_at=seat.starts_at, ends_at=seat.ends_at)
        )


def later_visits(conn: Connection, booking_ids: Iterable[int]) -> dict[int, tuple[Visit, ...]]:
    """The later visits (position ≥ 1) of each of these bookings that is a chain, in order; one
    query for all of them."""
    ids = list(booking_ids)
    if not ids:
        return {}
    rows = conn.execute(
        select(
            BookingVisitRow.booking_id,
            BookingVisitRow.service,
            BookingVisitRow.starts_at,
            BookingVisitRow.ends_at,
        )
        .where(BookingVisitRow.booking_id.in_(ids), BookingVisitRow.position > 0, BookingVisitRow.person == 0)
        .order_by(BookingVisitRow.booking_id, BookingVisitRow.position)
    )
    found: dict[int, list[Visit]] = {}
    for row in rows:
        found.setdefault(row.booking_id, []).append(Visit(row.service, row.starts_at, row.ends_at))
    return {booking_id: tuple(visits) for booking_id, visits in found.items()}


_SEAT = (
    BookingVisitRow.position,
    BookingVisitRow.service,
    BookingVisitRow.office_id,
    BookingVisitRow.starts_at,
    BookingVisitRow.person,
    BookingVisitRow.identity_hash,
    BookingVisitRow.active,
)


def _seat(row: Any) -> VisitSeat:
    return VisitSeat(
        row.position, row.service, row.office_id, row.starts_at, row.person, row.identity_hash, row.active
    )


def _order(seat: VisitSeat) -> Any:
    return seat.position
