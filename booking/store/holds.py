"""Seats held while a citizen types the code texted to their mobile (``booking.verification``),
in ``booking_holds``. The adapter of ``booking.ports.BookingHolds``.

A hold's seats (every visit's, for a chain) are counted in their slots' ``booked`` from the
transaction that starts the hold to the one whose conditional update moves it out of
``awaiting_verification``: that one releases them (expired, dropped after wrong codes, replaced
by a newer hold of the same person and service), or turns them into the booking's (confirmed). A
status leaves ``awaiting_verification`` once, so a seat is released once, whichever process
sweeps or confirms first.
"""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import date, datetime, timedelta
from functools import partial
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection

from booking.applicant import Applicant
from booking.bookings import Booking, Companion, CompanionSeat, NewBooking, NewVisit
from booking.churn import NO_RULES, ChurnRules
from booking.messages import MESSAGES
from booking.notices import Notice
from booking.store.bookings import (
    NoticesNow,
    _release_slot,
    _take_slot,
    insert_booking,
    write_with_fresh_code,
)
from booking.store.notices import post_notice
from booking.store.tables import BookingHoldRow
from booking.verification import HeldBooking, Hold, HoldStatus
from kernel.database import Database
from kernel.errors import NotFound
from messaging.outbox import OutboxMessage
from messaging.store.outbox import post

_AWAITING = HoldStatus.AWAITING.value
KEEP_FINISHED = timedelta(days=1)
"""How long a hold no longer awaiting is kept (its row names the citizen) before it is deleted."""


def booking_json(new: NewBooking) -> str:
    """``new`` as JSON: the identity's digests and last four digits, never its number."""
    values: dict[str, Any] = {f.name: getattr(new, f.name) for f in fields(new)}
    applicant = {f.name: getattr(new.applicant, f.name) for f in fields(new.applicant)}
    applicant["retired_hashes"] = list(new.applicant.retired_hashes)
    values.update(
        applicant=applicant,
        starts_at=new.starts_at.isoformat(),
        ends_at=new.ends_at.isoformat(),
        day=new.day.isoformat(),
        later_visits=[_visit_json(visit) for visit in new.later_visits],
        companions=[
            {**{f.name: getattr(c, f.name) for f in fields(c)}, "retired_hashes": list(c.retired_hashes)}
            for c in new.companions
        ],
        companion_seats=[[taken.person, *_visit_json(taken.seat)] for taken in new.companion_seats],
    )
    return json.dumps(values, ensure_ascii=False)


def _visit_json(visit: NewVisit) -> list[Any]:
    return [visit.service, visit.starts_at.isoformat(), visit.ends_at.isoformat(), visit.slot_capacity]


def _visit_of(service: str, start: str, end: str, capacity: int) -> NewVisit:
    return NewVisit(service, datetime.fromisoformat(start), datetime.fromisoformat(end), capacity)


def booking_of(text: str) -> NewBooking:
    values = json.loads(text)
    applicant = values.pop("applicant")
    applicant["retired_hashes"] = tuple(applicant["retired_hashes"])
    later = tuple(_visit_of(*visit) for visit in values.pop("later_visits", []))  # none in older holds
    companions = tuple(
        Companion(**{**c, "retired_hashes": tuple(c["retired_hashes"])}) for c in values.pop("companions", [])
    )
    seats = tuple(
        CompanionSeat(person, _visit_of(*visit)) for person, *visit in values.pop("companion_seats", [])
    )
    return NewBooking(
        **{
            **values,
            "applicant": Applicant(**applicant),
            "starts_at": datetime.fromisoformat(values["starts_at"]),
            "ends_at": datetime.fromisoformat(values["ends_at"]),
            "day": date.fromisoformat(values["day"]),
            "later_visits": later,
            "companions": companions,
            "companion_seats": seats,
        }
    )


def _release_seats(conn: Connection, new: NewBooking) -> list[tuple[str, str]]:
    """Give back every seat the hold of ``new`` took: the (office, service) of each."""
    for seat in (*new.seats, *(taken.seat for taken in new.companion_seats)):
        _release_slot(conn, new.office_id, seat.service, seat.starts_at, new.channel)
    return [(new.office_id, service) for service in new.services]


def _take_seats(conn: Connection, new: NewBooking, now: datetime) -> None:
    """Take every seat of ``new`` (a chain's and a party's, in order of time), or raise ``slot_full``."""
    seats = sorted(
        (*new.seats, *(taken.seat for taken in new.companion_seats)), key=lambda s: (s.starts_at, s.service)
    )
    for seat in seats:
        _take_slot(
            conn,
            new.office_id,
            seat.service,
            seat.starts_at,
            new.day,
            seat.slot_capacity,
            now,
            reserved=seat.slot_reserved,
            channel=new.channel,
        )


def _held(row: Any) -> HeldBooking:
    hold = Hold(
        hold_id=row.hold_id,
        code_digest=row.code_digest,
        created_at=row.created_at,
        expires_at=row.expires_at,
        last_sent_at=row.last_sent_at,
        sends=row.sends,
        wrong=row.wrong,
        status=HoldStatus(row.status),
    )
    return HeldBooking(hold, booking_of(row.booking))


def _leave(conn: Connection, condition: Any, status: HoldStatus) -> list[tuple[str, str]]:
    """Move the awaiting holds that match ``condition`` to ``status`` and release their seats;
    the (office, service) of each seat."""
    rows = conn.execute(
        update(BookingHoldRow)
        .where(BookingHoldRow.status == _AWAITING, condition)
        .values(status=status.value)
        .returning(BookingHoldRow.booking)
    ).all()
    return [freed for row in rows for freed in _release_seats(conn, booking_of(row.booking))]


def _verification_message(notice: Notice, new: NewBooking) -> OutboxMessage:
    """The code, by SMS only, to the mobile being verified."""
    return OutboxMessage(
        kind=notice.kind,
        phone=new.applicant.phone,
        lang=notice.lang,
        message=notice.sms,
        office_id=new.office_id,
    )


def _validate(conn: Connection, new: NewBooking, now: datetime, rules: ChurnRules) -> None:
    """Refuse now what the confirm would: the booking is made in a savepoint under every rule
    (duplicate, limits, capacity with the held seats), then rolled back."""
    savepoint = conn.begin_nested()
    try:
        insert_booking(conn, new, now, rules)
    finally:
        savepoint.rollback()


class HoldStore:
    def __init__(
        self, database: Database, rules: ChurnRules = NO_RULES, notices: NoticesNow | None = None
    ) -> None:
        """``rules`` as the bookings' store enforces them; ``notices``: the confirmation of a
        booking made from a hold is posted in its transaction, as ``BookingStore.create`` does."""
        self._db = database
        self.rules = rules
        self._notices = notices

    async def start(
        self, new: NewBooking, hold: Hold, notice: Notice, now: datetime
    ) -> list[tuple[str, str]]:
        """Hold a seat for ``new`` and post the code's ``notice``, or raise the refusal the booking
        itself would meet. An earlier awaiting hold of the same identity whose first service is
        one of ``new``'s is dropped (its seats freed): the (office, service) of each seat freed."""

        def work(conn: Connection, new: NewBooking) -> list[tuple[str, str]]:
            freed = _leave(
                conn,
                (BookingHoldRow.identity_hash == new.applicant.identity_hash)
                & BookingHoldRow.service.in_(new.services),
                HoldStatus.DROPPED,
            )
            _validate(conn, new, now, self.rules)
            _take_seats(conn, new, now)
            conn.execute(
                insert(BookingHoldRow).values(
                    hold_id=hold.hold_id,
                    identity_hash=new.applicant.identity_hash,
                    office_id=new.office_id,
                    service=new.service,
                    starts_at=new.starts_at,
                    booking=booking_json(new),
                    code_digest=hold.code_digest,
                    created_at=hold.created_at,
                    expires_at=hold.expires_at,
                    last_sent_at=hold.last_sent_at,
                    sends=hold.sends,
                    wrong=hold.wrong,
                    status=hold.status.value,
                )
            )
            post(conn, _verification_message(notice, new), now)
            return freed

        return await write_with_fresh_code(self._db, work, new)

    async def find(self, hold_id: str) -> HeldBooking | None:
        def work(conn: Connection) -> HeldBooking | None:
            row = conn.execute(
                select(*BookingHoldRow.__table__.c).where(BookingHoldRow.hold_id == hold_id)
            ).one_or_none()
            return _held(row) if row is not None else None

        return await self._db.read(work)

    async def confirm(self, held: HeldBooking, now: datetime) -> Booking:
        """The booking of a hold whose code was typed right: one transaction marks the hold
        confirmed (only while it awaits and has not expired), gives its seat back and books it
        under every rule, with the confirmation notice. ``hold_not_found`` when it no longer awaits."""
        notices = await self._notices() if self._notices is not None else None

        def work(conn: Connection, new: NewBooking) -> Booking:
            confirmed = conn.execute(
                update(BookingHoldRow)
                .where(
                    BookingHoldRow.hold_id == held.hold.hold_id,
                    BookingHoldRow.status == _AWAITING,
                    BookingHoldRow.expires_at > now,
                )
                .values(status=HoldStatus.CONFIRMED.value)
            ).rowcount
            if confirmed != 1:
                raise MESSAGES.error(NotFound, "hold_not_found")
            _release_seats(conn, new)
            booking = insert_booking(conn, new, now, self.rules)
            if notices is not None:
                post_notice(conn, notices.confirmed(booking), booking, now)
            return booking

        return await write_with_fresh_code(self._db, work, held.booking)

    async def record(self, before: Hold, after: Hold) -> bool:
        """Keep a wrong code's count (and the drop after the last one, its seat freed), only if
        the hold is still as ``before`` was read; False when it changed meanwhile."""

        def work(conn: Connection) -> bool:
            written = conn.execute(
                update(BookingHoldRow)
                .where(
                    BookingHoldRow.hold_id == before.hold_id,
                    BookingHoldRow.status == _AWAITING,
                    BookingHoldRow.wrong == before.wrong,
                )
                .values(wrong=after.wrong, status=after.status.value)
                .returning(BookingHoldRow.booking)
            ).one_or_none()
            if written is not None and after.status is not HoldStatus.AWAITING:
                _release_seats(conn, booking_of(written.booking))
            return written is not None

        return await self._db.write(work)

    async def resent(self, before: Hold, after: Hold, notice: Notice, new: NewBooking, now: datetime) -> bool:
        """Keep the new code's digest and post it, only if the hold is still as ``before`` was
        read; False when it changed meanwhile."""

        def work(conn: Connection) -> bool:
            written = conn.execute(
                update(BookingHoldRow)
                .where(
                    BookingHoldRow.hold_id == before.hold_id,
                    BookingHoldRow.status == _AWAITING,
                    BookingHoldRow.sends == before.sends,
                )
                .values(code_digest=after.code_digest, last_sent_at=after.last_sent_at, sends=after.sends)
            ).rowcount
            if written == 1:
                post(conn, _verification_message(notice, new), now)
            return bool(written == 1)

        return await self._db.write(work)

    async def drop(self, hold_id: str) -> list[tuple[str, str]]:
        """Drop an awaiting hold and free its seat (its booking was refused at confirm): the
        (office, service) freed, none when it no longer awaited."""
        return await self._db.write(
            partial(_leave, condition=BookingHoldRow.hold_id == hold_id, status=HoldStatus.DROPPED)
        )

    async def sweep(self, now: datetime) -> list[tuple[str, str]]:
        """Expire the holds whose time is up (their seats freed) and delete those finished more
        than a day ago: the (office, service) of each seat freed."""

        def work(conn: Connection) -> list[tuple[str, str]]:
            freed = _leave(conn, BookingHoldRow.expires_at <= now, HoldStatus.EXPIRED)
            conn.execute(
                delete(BookingHoldRow).where(
                    BookingHoldRow.status != _AWAITING, BookingHoldRow.expires_at < now - KEEP_FINISHED
                )
            )
            return freed

        return await self._db.write(work)
