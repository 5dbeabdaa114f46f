"""A person's rows made under a retired identity key, moved to the current key when the person
comes back with their number.

While a key rotates (README, "Rotating the identity key") one person has a digest under each
configured key. Every rule by identity — one active booking per identity and service, the cap of
active bookings, the reschedule and cancellation counters, the no-show ban, one pending request
per service — is a unique index, a counter row or a query keyed by *one* digest. Searching every
digest in every rule would not be enough: the unique index cannot span two digests, and a
reschedule or a cancel brings the booking's row, whose digest may be the old one, not the number.

So the rows are re-keyed instead, lazily: when a booking or a request is made, the number is at
hand, so its ``Applicant`` knows the person's retired digests, and in the same transaction,
before any rule is checked, ``rekey`` rewrites the person's bookings and requests under those
digests to the current digest and key id, and moves their active-booking count and churn counters
onto the current digest. The rules that follow see one person under one digest.

Under concurrency: the rows are rewritten with ``UPDATE … WHERE identity_hash = <retired>``, which
locks each of them. A second transaction of the same person waits, then finds them re-keyed (the
``WHERE`` is checked again on the committed row) and moves nothing; its booking then meets the
first one's under the current digest in the unique index. A cancel, a move or a status change of a
booking locks the booking's row first and reads the digest back from it (``RETURNING``), so it
counts and frees under whichever digest the row has once the re-key is decided, never under a
stale one. Nothing new is ever written under a retired digest by a server that knows the current
key, so a row re-keyed stays so. Limits: a server still running with the old key as its current
one (a rolling restart) writes under it, and an optimiser job that read a request before its owner
re-keyed it books under the old digest; the person's next booking or request re-keys those too.

A person who already holds active bookings of one service under two keys (made before this
re-keying existed) keeps the older one under its old digest rather than breaking the unique index.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import case, delete, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from booking.applicant import Applicant
from booking.booking_requests import RequestStatus
from booking.rules import ACTIVE_STATUSES
from booking.store.sql import upsert
from booking.store.tables import (
    BookingRequestRow,
    BookingRow,
    BookingVisitRow,
    ChurnCountRow,
    IdentityHoldRow,
)

_ACTIVE = [status.value for status in ACTIVE_STATUSES]
_PENDING = RequestStatus.PENDING.value


@cache
def _add_to_hold(dialect: str) -> Any:
    statement = upsert(dialect, IdentityHoldRow)
    return statement.on_conflict_do_update(
        index_elements=["identity_hash"],
        set_={"active": IdentityHoldRow.active + statement.excluded.active},
    )


@cache
def _add_to_counter(dialect: str) -> Any:
    statement = upsert(dialect, ChurnCountRow)
    return statement.on_conflict_do_update(
        index_elements=["subject", "kind", "period"],
        set_={"count": ChurnCountRow.count + statement.excluded.count},
    )


def _rekey_bookings(conn: Connection, old: str, applicant: Applicant) -> int:
    """Rewrite the person's bookings under ``old``, with their visits; the number of active
    services moved (what the identity's count holds). An active booking of a service the current
    digest already holds actively (in any chain) stays under ``old``."""
    taken = select(BookingVisitRow.service).where(
        BookingVisitRow.identity_hash == applicant.identity_hash, BookingVisitRow.active
    )
    clashing = select(BookingVisitRow.booking_id).where(
        BookingVisitRow.identity_hash == old, BookingVisitRow.active, BookingVisitRow.service.in_(taken)
    )
    moved = conn.execute(
        update(BookingRow)
        .where(BookingRow.identity_hash == old, BookingRow.id.not_in(clashing))
        .values(identity_hash=applicant.identity_hash, identity_key_id=applicant.identity_key_id)
        .returning(BookingRow.id, BookingRow.status)
    ).all()
    ids = [row.id for row in moved]
    if not ids:
        return 0
    visits = conn.execute(
        update(BookingVisitRow)
        .where(BookingVisitRow.booking_id.in_(ids), BookingVisitRow.person == 0)  # not a companion's
        .values(identity_hash=applicant.identity_hash)
        .returning(BookingVisitRow.active)
    ).all()
    if not visits:  # rows written without visits (the demo history's past days)
        return sum(1 for row in moved if row.status in _ACTIVE)
    return sum(1 for row in visits if row.active)


def _rekey_requests(conn: Connection, old: str, applicant: Applicant) -> None:
    current = aliased(BookingRequestRow)
    pending = select(current.service).where(
        current.identity_hash == applicant.identity_hash, current.status == _PENDING
    )
    conn.execute(
        update(BookingRequestRow)
        .where(
            BookingRequestRow.identity_hash == old,
            ~((BookingRequestRow.status == _PENDING) & BookingRequestRow.service.in_(pending)),
        )
        .values(identity_hash=applicant.identity_hash, identity_key_id=applicant.identity_key_id)
    )


def _move_hold(conn: Connection, old: str, applicant: Applicant, active: int) -> None:
    """Move ``active`` bookings from the old digest's count to the current one's. The current
    count may end above the cap (bookings under two keys made before re-keying): the next
    booking's conditional increment then refuses it, as it should."""
    if not active:
        return
    left = case((IdentityHoldRow.active > active, IdentityHoldRow.active - active), else_=0)
    conn.execute(update(IdentityHoldRow).where(IdentityHoldRow.identity_hash == old).values(active=left))
    conn.execute(
        _add_to_hold(conn.dialect.name), {"identity_hash": applicant.identity_hash, "active": active}
    )


def _merge_counters(conn: Connection, old: str, applicant: Applicant) -> None:
    """Add the old digest's reschedule and cancellation counts to the current digest's."""
    rows = conn.execute(
        delete(ChurnCountRow)
        .where(ChurnCountRow.subject == old)
        .returning(ChurnCountRow.kind, ChurnCountRow.period, ChurnCountRow.count, ChurnCountRow.expires_on)
    ).all()
    for row in rows:
        values = dict(row._mapping, subject=applicant.identity_hash)
        conn.execute(_add_to_counter(conn.dialect.name), values)


def rekey(conn: Connection, applicant: Applicant) -> None:
    """Move the person's rows under retired digests to the current one, in the caller's
    transaction; nothing to do for an applicant that knows no retired digests (no rotation under
    way, or an applicant read back from a row). If the rows cannot be moved without breaking a
    unique index (active bookings of one service under two retired keys), they are left as they
    are."""
    if not applicant.retired_hashes:
        return
    try:
        with conn.begin_nested():
            for old in applicant.retired_hashes:
                active = _rekey_bookings(conn, old, applicant)
                _rekey_requests(conn, old, applicant)
                _move_hold(conn, old, applicant, active)
                _merge_counters(conn, old, applicant)
    except IntegrityError:
        return
