"""The demo history (``foresight.demo_history``) written into the real tables: the ticket archive's
``tickets`` and ``bookings``, so everything that reads the past (statistics, estimates, the
``History`` port) finds it as if the hall had run.

Each office is written in one transaction, its rows in two bulk inserts (``executemany``). An
office that already has archived tickets before today is left alone, so seeding twice, or
restarting a demo server on a later day, never doubles its past; an office not in the database
is left out too (the rows refer to it). Two processes seeding at once (a server and a worker)
write the same rows (ticket ids and codes follow from office, day and number): the second
insert breaks a unique key, and that office is left to the first.

Bookings are written as the booking store writes them, identity as its keyed digest under the
current key with the last four digits beside it, never in clear. They are past and settled
(``served`` or ``no_show``): not active, so no identity, mobile or slot limit counts them, and the
report of brokered bookings (active and cancelled bookings only) never shows them. Their names
and mobiles are erased by the retention purge ``MAWID_RETENTION_VISIT_DAYS`` after their visit
like any booking's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from booking.applicant import Applicant
from booking.identity import Identity, IdentityHasher, IdentityType
from booking.offices import Office
from booking.store.applicants import applicant_columns
from booking.store.tables import BookingRow, OfficeRow
from foresight.demo_history import TRUTH, DemoBooking, DemoDay, Truth, demo_history
from kernel.database import Database
from queue_display.archive.rows import archive_row
from queue_display.archive.tables import TicketRow


@dataclass(frozen=True, slots=True)
class Written:
    offices: int = 0
    days: int = 0
    tickets: int = 0
    bookings: int = 0


def _booking_row(office_id: str, day: date, booking: DemoBooking, hasher: IdentityHasher) -> dict[str, Any]:
    person = booking.applicant
    identity = Identity(IdentityType.NATIONAL_ID, person.identity_number, "EGY")
    applicant = Applicant.of(identity, hasher, full_name=person.full_name, phone=person.phone, email=None,
                             lang=person.lang)  # fmt: skip
    return {
        "code": person.code,
        **applicant_columns(applicant),
        "senior_on_visit": booking.senior,
        "service": booking.service,
        "office_id": office_id,
        "starts_at": booking.starts_at,
        "ends_at": booking.ends_at,
        "day": day,
        "status": booking.status,
        "created_at": booking.created_at,
        "updated_at": booking.updated_at,
    }


def _write(conn: Connection, days: Sequence[DemoDay], hasher: IdentityHasher, now: datetime) -> Written:
    tickets = [archive_row(t, t.finished_at or now) for d in days for t in d.tickets]
    bookings = [_booking_row(d.office_id, d.day, b, hasher) for d in days for b in d.bookings]
    if tickets:
        conn.execute(insert(TicketRow), tickets)
    if bookings:
        conn.execute(insert(BookingRow), bookings)
    return Written(1, len(days), len(tickets), len(bookings))


def _offices_to_seed(conn: Connection, office_ids: Sequence[str], today: date) -> set[str]:
    """The offices in the database with no archived ticket before ``today``."""
    present = set(conn.scalars(select(OfficeRow.id).where(OfficeRow.id.in_(office_ids))))
    with_past = set(
        conn.scalars(
            select(TicketRow.office_id)
            .where(TicketRow.office_id.in_(office_ids), TicketRow.day < today)
            .distinct()
        )
    )
    return present - with_past


async def write_days(
    database: Database, days: Sequence[DemoDay], hasher: IdentityHasher, now: datetime
) -> Written:
    """Write these days' tickets and bookings in one transaction (bulk inserts)."""
    return await database.write(partial(_write, days=days, hasher=hasher, now=now))


async def write_demo_history(
    database: Database,
    offices: Sequence[Office],
    now: datetime,
    today: date,
    weeks: int,
    hasher: IdentityHasher,
    seed: int = 0,
    truth: Truth = TRUTH,
) -> Written:
    """Write ``weeks`` weeks of past before ``today`` for each office that has none; what was
    written. An office's number in ``offices`` keeps its booking codes apart from the others'."""
    if weeks <= 0:
        return Written()
    wanted = await database.read(partial(_offices_to_seed, office_ids=[o.id for o in offices], today=today))
    total = Written()
    for number, office in enumerate(offices):
        if office.id not in wanted:
            continue
        # The simulation is CPU work: off the event loop, one office at a time.
        days = await asyncio.to_thread(demo_history, office, number, today, weeks, seed, truth)
        try:
            done = await write_days(database, days, hasher, now)
        except IntegrityError:
            continue  # another process seeding at the same moment wrote this office's past first
        total = Written(*(a + b for a, b in zip(_fields(total), _fields(done), strict=True)))
    return total


def _fields(written: Written) -> tuple[int, int, int, int]:
    return written.offices, written.days, written.tickets, written.bookings
