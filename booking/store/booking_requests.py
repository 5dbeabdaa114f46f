"""Flexible booking requests in the database.

One pending request per identity and service is a partial unique index on the request's first
service, so two requests sent at once cannot both pass. A chain (one trip, several services)
keeps its later services in a JSON list, which no index reaches; so a request first checks, under
a lock held per identity until it commits (PostgreSQL's transaction-scoped advisory lock; on
SQLite write transactions already run one at a time), that none of its services is in a pending
request of the same person or in an active booking of theirs. Two chains sharing a service sent
at once therefore take turns, and the second is refused. Leaving ``pending`` is always a
conditional update, so a citizen's cancel and the optimiser's assignment can race without a
request ending both cancelled and booked.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import replace
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import exists, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from booking.booking_requests import BookingRequest, NewBookingRequest, RequestStatus
from booking.codes import new_booking_code
from booking.messages import MESSAGES
from booking.store.applicants import flat, take_applicant
from booking.store.bookings import DUPLICATE, is_code_collision
from booking.store.tables import BookingRequestRow, BookingVisitRow
from kernel.database import Database
from kernel.errors import Conflict

_COLUMNS = list(BookingRequestRow.__table__.c)

DUPLICATE_REQUEST = MESSAGES.refusal(Conflict, "duplicate_request")

REQUESTS_LOCK = 0x6D61_7752  # "mawR": the advisory lock class of a person's request creations


def request_from_row(row: Any) -> BookingRequest:
    values = dict(row._mapping)
    values["status"] = RequestStatus(values["status"])
    values["later_services"] = tuple(values["later_services"] or ())
    return BookingRequest(applicant=take_applicant(values), **values)


def _has_active_booking(conn: Connection, identity_hash: str, services: Sequence[str]) -> bool:
    query = select(
        exists().where(
            BookingVisitRow.identity_hash == identity_hash,
            BookingVisitRow.service.in_(list(services)),
            BookingVisitRow.active,
        )
    )
    return bool(conn.scalar(query))


def _has_pending_request(conn: Connection, identity_hash: str, services: Sequence[str]) -> bool:
    """Whether a pending request of the person asks for any of ``services``, first or later in
    its chain (a person has a handful of requests at most: read them all)."""
    query = select(BookingRequestRow.service, BookingRequestRow.later_services).where(
        BookingRequestRow.identity_hash == identity_hash,
        BookingRequestRow.status == RequestStatus.PENDING.value,
    )
    asked = {service for first, later in conn.execute(query) for service in (first, *(later or ()))}
    return not asked.isdisjoint(services)


def _take_turn(conn: Connection, identity_hash: str) -> None:
    """On PostgreSQL, wait for any other request of the same person being made: held until this
    transaction ends, so the checks that follow see the other one once it is committed."""
    if conn.dialect.name == "postgresql":
        key = int.from_bytes(hashlib.sha256(identity_hash.encode()).digest()[:4], "big", signed=True)
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({REQUESTS_LOCK}, {key})")


def _create(conn: Connection, new: NewBookingRequest, now: datetime) -> BookingRequest:
    # A citizen who already holds a booking for a service asked is told now rather than after the
    # next optimiser run; the booking's own unique index still decides at assignment time.
    digest = new.applicant.identity_hash
    _take_turn(conn, digest)
    if _has_active_booking(conn, digest, new.services):
        raise DUPLICATE()
    if _has_pending_request(conn, digest, new.services):
        raise DUPLICATE_REQUEST()
    values = flat(new)
    values["later_services"] = list(new.later_services)
    values.update(status=RequestStatus.PENDING.value, created_at=now, updated_at=now)
    row = conn.execute(insert(BookingRequestRow).values(**values).returning(*_COLUMNS)).one()
    return request_from_row(row)


def _cancel(conn: Connection, request_id: str, now: datetime) -> BookingRequest | None:
    row = conn.execute(
        update(BookingRequestRow)
        .where(BookingRequestRow.id == request_id, BookingRequestRow.status == RequestStatus.PENDING.value)
        .values(status=RequestStatus.CANCELLED.value, updated_at=now)
        .returning(*_COLUMNS)
    ).one_or_none()
    return request_from_row(row) if row else None


def _pending(conn: Connection, services: Collection[str] | None) -> list[BookingRequest]:
    query = select(*_COLUMNS).where(
        BookingRequestRow.status == RequestStatus.PENDING.value,
        BookingRequestRow.preferred_start.is_(None),  # draw entries wait for their draw
    )
    if services is not None:
        query = query.where(BookingRequestRow.service.in_(list(services)))
    # Arrival order: the greedy baseline serves requests first come, first served.
    rows = conn.execute(query.order_by(BookingRequestRow.created_at, BookingRequestRow.id))
    return [request_from_row(row) for row in rows]


class RequestStore:
    def __init__(self, database: Database) -> None:
        self._db = database

    async def create(self, new: NewBookingRequest, now: datetime) -> BookingRequest:
        """Store a pending request, or raise ``duplicate_request`` / ``duplicate_booking``; when
        its code is taken (2⁻⁴⁰ per pair), again with a fresh one."""
        for _ in range(3):
            try:
                return await self._db.write(partial(_create, new=new, now=now))
            except IntegrityError as error:
                if not is_code_collision(error, "booking_requests"):
                    raise DUPLICATE_REQUEST() from None
                new = replace(new, code=new_booking_code())
        raise RuntimeError("could not draw a free request code")

    async def _one(self, where: Any) -> BookingRequest | None:
        def work(conn: Connection) -> BookingRequest | None:
            row = conn.execute(select(*_COLUMNS).where(where)).one_or_none()
            return request_from_row(row) if row else None

        return await self._db.read(work)

    async def by_id(self, request_id: str) -> BookingRequest | None:
        return await self._one(BookingRequestRow.id == request_id)

    async def by_code(self, code: str) -> BookingRequest | None:
        return await self._one(BookingRequestRow.code == code)

    async def cancel(self, request_id: str, now: datetime) -> BookingRequest | None:
        """Cancel a pending request; None when it is no longer pending."""
        return await self._db.write(partial(_cancel, request_id=request_id, now=now))

    async def pending(self, services: Collection[str] | None = None) -> list[BookingRequest]:
        """Every pending request for the optimiser, oldest first (draw entries are the draw's)."""
        return await self._db.read(partial(_pending, services=services))

    async def draw_days(self) -> list[date]:
        """The days that have draw entries still pending."""

        def work(conn: Connection) -> list[date]:
            query = (
                select(BookingRequestRow.first_day)
                .where(
                    BookingRequestRow.status == RequestStatus.PENDING.value,
                    BookingRequestRow.preferred_start.is_not(None),
                )
                .distinct()
            )
            return sorted(conn.scalars(query))

        return await self._db.read(work)

    async def draw_entries(self, day: date) -> list[BookingRequest]:
        """The pending entries into ``day``'s draw, by id (the order the draw's seed permutes)."""

        def work(conn: Connection) -> list[BookingRequest]:
            query = select(*_COLUMNS).where(
                BookingRequestRow.status == RequestStatus.PENDING.value,
                BookingRequestRow.preferred_start.is_not(None),
                BookingRequestRow.first_day == day,
            )
            return [request_from_row(row) for row in conn.execute(query.order_by(BookingRequestRow.id))]

        return await self._db.read(work)
