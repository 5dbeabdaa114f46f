"""Bookings asked to reconfirm, in ``booking_reconfirmations`` (``booking.reconfirmation``).

A booking is asked once (the row's primary key: the insert and its SMS in one transaction),
reconfirmed once and released once (conditional updates), so however many processes run the
reconfirmation at once, a booking gets one SMS and is cancelled at most once. A release cancels the
booking as the office would (no churn count) and gives its seat to the waitlist first
(``booking.store.freed_seats``), resting it for the cool-off when nobody waits: the deadline is
known to all, so the seat must not be on sale at a second a broker could count on.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from booking.bookings import Booking
from booking.churn import NO_RULES, ChurnRules
from booking.notices import Notice
from booking.reconfirmation import Reconfirmation, ReconfirmPolicy
from booking.rules import BookingStatus
from booking.store.bookings import booking_from_row, cancel_for_office
from booking.store.notices import post_notice
from booking.store.tables import BookingReconfirmationRow, BookingRow
from kernel.database import Database

BATCH = 500

#: The reconfirmation SMS of a booking, with its deadline.
AskNotice = Callable[[Booking, datetime], Notice]
#: The SMS of a booking released for want of reconfirmation.
ReleaseNotice = Callable[[Booking], Notice]


def _state(row: Any) -> Reconfirmation:
    return Reconfirmation(row.booking_id, row.asked_at, row.deadline, row.confirmed_at, row.released_at)


class ReconfirmationStore:
    def __init__(self, database: Database, rules: ChurnRules = NO_RULES) -> None:
        """``rules``: a released seat is offered for their ``offer_minutes`` and rests for their cool-off."""
        self._db = database
        self.rules = rules

    async def ask(self, policy: ReconfirmPolicy, now: datetime, notice: AskNotice) -> int:
        """Ask every confirmed booking in scope whose window is open and that was made before it
        opened, once each, in batches: how many were asked."""
        first, last = policy.days_to_ask(now)
        services = sorted(policy.services)

        def work(conn: Connection) -> int:
            asked = select(BookingReconfirmationRow.booking_id).where(
                BookingReconfirmationRow.booking_id == BookingRow.id
            )
            rows = conn.execute(
                select(*BookingRow.__table__.c)
                .where(
                    BookingRow.service.in_(services),
                    BookingRow.status == BookingStatus.CONFIRMED.value,
                    BookingRow.day >= first,
                    BookingRow.day <= last,
                    ~asked.exists(),
                )
                .order_by(BookingRow.id)
                .limit(BATCH)
            ).all()
            count = 0
            for row in rows:
                booking = booking_from_row(row)
                if not policy.needs_asking(booking.service, booking.day, booking.created_at, now):
                    continue
                deadline = policy.deadline(booking.day)
                savepoint = conn.begin_nested()
                try:
                    conn.execute(
                        insert(BookingReconfirmationRow).values(
                            booking_id=booking.id, service=booking.service, asked_at=now, deadline=deadline
                        )
                    )
                except IntegrityError:  # another process asked it first
                    savepoint.rollback()
                    continue
                savepoint.commit()
                post_notice(conn, notice(booking, deadline), booking, now)
                count += 1
            return count

        return await self._db.write(work)

    async def release(self, now: datetime, why: tuple[str, str], notice: ReleaseNotice) -> list[Booking]:
        """Cancel the bookings asked and not reconfirmed by their deadline (still confirmed), each
        with its SMS, their seats to the waitlist first: the bookings released."""

        def work(conn: Connection) -> list[Booking]:
            due = conn.execute(
                update(BookingReconfirmationRow)
                .where(
                    BookingReconfirmationRow.deadline <= now,
                    BookingReconfirmationRow.confirmed_at.is_(None),
                    BookingReconfirmationRow.released_at.is_(None),
                )
                .values(released_at=now)
                .returning(BookingReconfirmationRow.booking_id)
            ).all()
            released = []
            for (booking_id,) in due:
                row = conn.execute(
                    select(*BookingRow.__table__.c).where(
                        BookingRow.id == booking_id, BookingRow.status == BookingStatus.CONFIRMED.value
                    )
                ).one_or_none()
                if row is None:
                    continue  # cancelled, moved or checked in meanwhile: nothing to release
                booking = booking_from_row(row)
                if cancel_for_office(conn, booking, now, why, self.rules, rest=True):
                    post_notice(conn, notice(booking), booking, now)
                    released.append(booking)
            return released

        return await self._db.write(work)

    async def reconfirm(self, booking_id: int, now: datetime) -> Reconfirmation | None:
        """Record the reconfirmation while the window is open (again is harmless): the state
        after, or None when the booking was never asked or was released."""

        def work(conn: Connection) -> Reconfirmation | None:
            conn.execute(
                update(BookingReconfirmationRow)
                .where(
                    BookingReconfirmationRow.booking_id == booking_id,
                    BookingReconfirmationRow.confirmed_at.is_(None),
                    BookingReconfirmationRow.released_at.is_(None),
                    BookingReconfirmationRow.deadline > now,
                )
                .values(confirmed_at=now)
            )
            row = conn.execute(
                select(*BookingReconfirmationRow.__table__.c).where(
                    BookingReconfirmationRow.booking_id == booking_id
                )
            ).one_or_none()
            if row is None or row.confirmed_at is None:
                return None
            return _state(row)

        return await self._db.write(work)

    async def state(self, booking_id: int) -> Reconfirmation | None:
        def work(conn: Connection) -> Reconfirmation | None:
            row = conn.execute(
                select(*BookingReconfirmationRow.__table__.c).where(
                    BookingReconfirmationRow.booking_id == booking_id
                )
            ).one_or_none()
            return _state(row) if row is not None else None

        return await self._db.read(work)

    async def no_shows(
        self, services: Sequence[str], office_ids: Sequence[str], today: date
    ) -> list[tuple[str, bool, int, int, int]]:
        """Per service and whether the bookings were asked to reconfirm: (service, asked, visits
        due, missed, released) over past days at these offices. Missed: marked no-show, or still
        only confirmed after the day."""

        def work(conn: Connection) -> list[tuple[str, bool, int, int, int]]:
            asked = BookingReconfirmationRow.booking_id.is_not(None)
            missed = (BookingRow.status == BookingStatus.NO_SHOW.value) | (
                BookingRow.status == BookingStatus.CONFIRMED.value
            )
            due = BookingRow.status != BookingStatus.CANCELLED.value
            released = BookingReconfirmationRow.released_at.is_not(None) & (
                BookingRow.status == BookingStatus.CANCELLED.value
            )
            rows = conn.execute(
                select(
                    BookingRow.service,
                    asked.label("asked"),
                    func.sum(case((due, 1), else_=0)),
                    func.sum(case((missed, 1), else_=0)),
                    func.sum(case((released, 1), else_=0)),
                )
                .select_from(BookingRow)
                .outerjoin(BookingReconfirmationRow, BookingReconfirmationRow.booking_id == BookingRow.id)
                .where(
                    BookingRow.service.in_(list(services)),
                    BookingRow.office_id.in_(list(office_ids)),
                    BookingRow.day < today,
                )
                .group_by(BookingRow.service, asked)
            ).all()
            return [(r[0], bool(r[1]), int(r[2] or 0), int(r[3] or 0), int(r[4] or 0)) for r in rows]

        return await self._db.read(work)
