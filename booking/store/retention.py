"""How long we keep citizens' names, mobiles and e-mails (Egypt's Personal Data Protection Law
151/2020: personal data no longer than its purpose needs).

A booking needs them until its visit (to send a change of plan, to greet the citizen at the
counter) and for a while after, for complaints and disputes; then they are erased and the row
stays, anonymous apart from the identity digest and its key id, for statistics and the
per-identity rules. Cancelled bookings and decided or withdrawn flexible requests keep them a
shorter while. These are booking's rows; the outbox's messages are messaging's
(``messaging.store.outbox.erase_messages``), and ``api.retention_schedule.PersonalDataRetention``
erases both in one transaction.

Erasing is idempotent (rows already erased are skipped), so ``mawid purge`` and the server's
daily run may overlap.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import and_, delete, func, or_, select, update
from sqlalchemy.engine import Connection

from booking.calendar import local_today
from booking.rules import ACTIVE_STATUSES, BookingStatus
from booking.store.tables import BookingRequestRow, BookingRow, DocumentReadinessRow, WaitlistEntryRow
from booking.waitlist import LIVE_ENTRY
from kernel.days import TIMEZONE

ERASED = {"full_name": "", "phone": "", "email": None}
"""What is left of a name, mobile and e-mail after erasure."""


@dataclass(frozen=True, slots=True)
class Retention:
    """Days personal data is kept: after the visit day, and after a cancellation or decision."""

    visit_days: int = 90
    cancelled_days: int = 30


def erase_bookings(conn: Connection, retention: Retention, now: datetime) -> int:
    """Erase the names, mobiles and e-mails of bookings past their keeping time; how many."""
    visited_before: date = local_today(now, TIMEZONE) - timedelta(days=retention.visit_days)
    cancelled_before = now - timedelta(days=retention.cancelled_days)
    return conn.execute(
        update(BookingRow)
        .where(
            BookingRow.phone != "",
            or_(
                and_(BookingRow.status != BookingStatus.CANCELLED.value, BookingRow.day <= visited_before),
                and_(
                    BookingRow.status == BookingStatus.CANCELLED.value,
                    BookingRow.updated_at <= cancelled_before,
                ),
            ),
        )
        .values(**ERASED)
    ).rowcount


def erase_requests(conn: Connection, retention: Retention, now: datetime) -> int:
    """Erase the names, mobiles and e-mails of flexible requests past their keeping time: one
    decided (assigned: its booking carries the data on; unassigned) or withdrawn is kept as long
    as a cancellation; one still pending long after its window too."""
    visited_before: date = local_today(now, TIMEZONE) - timedelta(days=retention.visit_days)
    cancelled_before = now - timedelta(days=retention.cancelled_days)
    return conn.execute(
        update(BookingRequestRow)
        .where(
            BookingRequestRow.phone != "",
            or_(
                and_(BookingRequestRow.status != "pending", BookingRequestRow.updated_at <= cancelled_before),
                BookingRequestRow.last_day <= visited_before,
            ),
        )
        .values(**ERASED)
    ).rowcount


def erase_waitlist(conn: Connection, retention: Retention, now: datetime) -> int:
    """Delete the waitlist entries off the list (booked, left, lapsed, ended) for as long as a
    cancellation is kept, with their offers: nothing of them is needed once they are over (an
    accepted offer's booking carries the data on); how many."""
    cancelled_before = now - timedelta(days=retention.cancelled_days)
    return conn.execute(
        delete(WaitlistEntryRow).where(
            WaitlistEntryRow.status.not_in([status.value for status in LIVE_ENTRY]),
            WaitlistEntryRow.updated_at <= cancelled_before,
        )
    ).rowcount


def erase_readiness(conn: Connection, retention: Retention, now: datetime) -> int:
    """Delete the finished documents marked ready longer ago than a visit is kept (their holder
    was told; nothing reads them after): their mobiles go with them. How many."""
    marked_before = now - timedelta(days=retention.visit_days)
    return conn.execute(
        delete(DocumentReadinessRow).where(DocumentReadinessRow.marked_at <= marked_before)
    ).rowcount


def live_rows_by_key(conn: Connection) -> dict[str, int]:
    """Active bookings and pending requests per identity key id: what a retired key still finds."""
    counts: dict[str, int] = {}
    for table, live in (
        (BookingRow, BookingRow.status.in_([s.value for s in ACTIVE_STATUSES])),
        (BookingRequestRow, BookingRequestRow.status == "pending"),
    ):
        query = select(table.identity_key_id, func.count()).where(live).group_by(table.identity_key_id)
        for key_id, count in conn.execute(query):
            counts[key_id] = counts.get(key_id, 0) + int(count)
    return counts
