"""Bookings in the database. Every rule that two concurrent requests could break together is
enforced by a single conditional statement or a constraint, never by read-then-write in Python.

``BookingStore`` is the adapter of ``booking.ports.Bookings``. Other contexts that must change a
booking inside a transaction of their own (planning writes a booking with its request's change
and the citizen's message) use the public statements here, never the private helpers:
``insert_booking``, ``reschedule_booking``, ``cancel_for_office``, ``booking_from_row``,
``bookings_from_rows`` and ``is_code_collision``.

A booking may be a chain of visits (``booking.chains``), kept in ``booking_visits``
(``booking.store.visits``): each visit takes its slot's seat in the booking's transaction, all
or none; a cancel frees every seat, a move moves every visit; the identity's count of active
bookings counts services.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import cache, partial
from typing import Any, TypeVar

from sqlalchemy import (
    Date,
    Integer,
    String,
    bindparam,
    case,
    delete,
    func,
    insert,
    literal,
    select,
    true,
    update,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.sql import ColumnElement, Select

from booking.applicant import Applicant
from booking.bookings import Booking, Companion, Move, NewBooking, NewVisit, Visit
from booking.calendar import local_today
from booking.channels import Channel, online_may_take
from booking.churn import (
    NO_RULES,
    ChurnRules,
    booking_reschedule_limit,
    cancellation_limit,
    mobile_booking_limit,
    month_period,
    next_month,
    no_show_ban,
    no_show_ban_end,
    yearly_reschedule_limit,
)
from booking.codes import new_booking_code
from booking.groups import about_person
from booking.messages import MESSAGES
from booking.notices import BookingNotices
from booking.rules import ACTIVE_STATUSES, MAX_ACTIVE_BOOKINGS, MAX_AHEAD, BookingStatus
from booking.store.applicants import flat, take_applicant
from booking.store.freed_seats import seats_freed
from booking.store.identity_keys import rekey
from booking.store.notices import post_notice
from booking.store.people import already_booked, end_people, insert_people, move_seats, people_of, take_off
from booking.store.slot_loads import held_seats
from booking.store.sql import upsert
from booking.store.tables import (
    BookingRow,
    BookingVisitRow,
    ChurnCountRow,
    IdentityHoldRow,
    MobileLockRow,
    SlotHoldRow,
    SlotLoadRow,
)
from booking.store.visits import VisitSeat, end_visits, insert_visits, later_visits, move_visits, seats_of
from booking.waitlist import FreedSeats
from kernel.database import Database
from kernel.days import TIMEZONE
from kernel.errors import Conflict

T = TypeVar("T")

_ACTIVE = [status.value for status in ACTIVE_STATUSES]
_IS_ACTIVE = BookingRow.status.in_([literal(status, literal_execute=True) for status in _ACTIVE])
"""The booking is active, with the statuses written into the statement as ``tables.ACTIVE`` is
into the partial indexes: SQLite uses a partial index (``ix_bookings_active_phone``) only where
the query's condition is the index's, literals and all; with the statuses bound as parameters it
scanned every booking of the archive for each booking's count per mobile (12 ms a booking on the
demo's six weeks of history instead of 3)."""

SLOT_FULL = MESSAGES.refusal(Conflict, "slot_full")
DUPLICATE = MESSAGES.refusal(Conflict, "duplicate_booking")
LIMIT = MESSAGES.refusal(Conflict, "booking_limit")
LIMIT_OF_SERVICES = MESSAGES.refusal(Conflict, "booking_limit.services")
BOOKING_CHANGED = MESSAGES.refusal(Conflict, "booking_changed")
PARTY_MOVES_WHOLE = MESSAGES.refusal(Conflict, "party_moves_whole")
CHAIN_MOVES_WHOLE = MESSAGES.refusal(Conflict, "chain_moves_whole")


def booking_from_row(
    row: Any, later: tuple[Visit, ...] = (), companions: tuple[Companion, ...] = ()
) -> Booking:
    """A ``Booking`` from a row of ``bookings`` (every column selected); ``later``: a chain's
    later visits, ``companions`` a party's people (``bookings_from_rows`` reads them)."""
    values = dict(row._mapping)
    values["status"] = BookingStatus(values["status"])
    return Booking(applicant=take_applicant(values), later_visits=later, companions=companions, **values)


def bookings_from_rows(conn: Connection, rows: Any) -> list[Booking]:
    """``Booking``s from rows of ``bookings``, each chain with its later visits and each party
    with its people (two more queries)."""
    rows = list(rows)
    later = later_visits(conn, (row.id for row in rows))
    people = people_of(conn, (row.id for row in rows))
    return [booking_from_row(row, later.get(row.id, ()), people.get(row.id, ())) for row in rows]


def _booking_of(conn: Connection, row: Any) -> Booking:
    return bookings_from_rows(conn, [row])[0]


@cache
def _slot_upsert(dialect: str, assisted: bool, named: bool = False) -> Any:
    """Count one more seat while the slot has one free. A clerk's booking (``assisted``) may take
    any free seat and counts among ``assisted_booked``; an online one only a seat beyond those the
    slot still keeps for clerks (``reserved - assisted_booked``, ``booking.channels``). ``named``:
    the row's values as ``slot_<column>`` parameters, for a statement that does more than this."""
    held = held_seats(
        bindparam("hold_office"), bindparam("hold_service"), bindparam("hold_start"), bindparam("hold_now")
    )
    if assisted:
        set_ = {"booked": SlotLoadRow.booked + 1, "assisted_booked": SlotLoadRow.assisted_booked + 1}
        free = SlotLoadRow.booked + held < SlotLoadRow.capacity
    else:
        still_kept = case(
            (
                SlotLoadRow.reserved > SlotLoadRow.assisted_booked,
                SlotLoadRow.reserved - SlotLoadRow.assisted_booked,
            ),
            else_=0,
        )
        set_ = {"booked": SlotLoadRow.booked + 1}
        free = SlotLoadRow.booked + held + still_kept < SlotLoadRow.capacity
    statement = upsert(dialect, SlotLoadRow)
    if named:
        statement = statement.values({column: bindparam(f"slot_{column}") for column in _SLOT_COLUMNS})
    return statement.on_conflict_do_update(
        index_elements=["office_id", "service", "starts_at"], set_=set_, where=free
    ).returning(SlotLoadRow.booked)


_SLOT_COLUMNS = (
    "office_id",
    "service",
    "starts_at",
    "day",
    "capacity",
    "booked",
    "reserved",
    "assisted_booked",
)


@cache
def _churn_upsert(dialect: str, cap: int, step: int) -> Any:
    """Add ``step`` to a churn counter while it is below ``cap``; RETURNING says whether it was."""
    statement = upsert(dialect, ChurnCountRow)
    return statement.on_conflict_do_update(
        index_elements=["subject", "kind", "period"],
        set_={"count": ChurnCountRow.count + step, "expires_on": statement.excluded.expires_on},
        where=ChurnCountRow.count < cap,
    ).returning(ChurnCountRow.count)


@cache
def _mobile_lock(dialect: str) -> Any:
    return (
        upsert(dialect, MobileLockRow)
        .on_conflict_do_update(index_elements=["stripe"], set_={"taken": MobileLockRow.taken + 1})
        .returning(MobileLockRow.taken)
    )


@cache
def _hold_upsert(dialect: str) -> Any:
    """Add a booking's services (the inserted row's ``active``) while the sum stays in the cap."""
    statement = upsert(dialect, IdentityHoldRow)
    return statement.on_conflict_do_update(
        index_elements=["identity_hash"],
        set_={"active": IdentityHoldRow.active + statement.excluded.active},
        where=IdentityHoldRow.active + statement.excluded.active <= MAX_ACTIVE_BOOKINGS,
    ).returning(IdentityHoldRow.active)


# Statements are built once and executed with parameters, so SQLAlchemy's compiled cache is hit
# without rebuilding the statement and its cache key on every booking.
_INSERT_BOOKING = insert(BookingRow).returning(*BookingRow.__table__.c)


def _take_slot(
    conn: Connection,
    office_id: str,
    service: str,
    starts_at: datetime,
    day: date,
    capacity: int,
    now: datetime,
    *,
    reserved: int = 0,
    channel: str = Channel.ONLINE.value,
) -> None:
    """Count one more appointment in the slot, or raise ``slot_full``; one statement decides.

    The upsert creates the slot's row on its first booking (with the ``capacity`` and ``reserved``
    seats its grid gives now); on a conflict it increments only while ``booked`` plus the seats
    still resting after a release (``slot_holds``) is below ``capacity`` and, for an online
    booking, leaves the seats kept for clerks free (``_slot_upsert``). RETURNING tells whether a
    row was written.
    """
    assisted = Channel(channel).assisted
    if not assisted and not online_may_take(capacity, 0, reserved, 0):
        raise SLOT_FULL()  # every seat of the slot is kept for clerks: not even a first booking
    values = _slot_values(office_id, service, starts_at, day, capacity, now, reserved, assisted)
    if conn.execute(_slot_upsert(conn.dialect.name, assisted), values).first() is None:
        raise SLOT_FULL()


def _slot_values(
    office_id: str,
    service: str,
    starts_at: datetime,
    day: date,
    capacity: int,
    now: datetime,
    reserved: int,
    assisted: bool,
) -> dict[str, Any]:
    """The parameters of ``_slot_upsert``: the slot's row as its first booking writes it."""
    values: dict[str, Any] = {"office_id": office_id, "service": service, "starts_at": starts_at, "day": day}
    values.update(capacity=capacity, booked=1, reserved=reserved, assisted_booked=1 if assisted else 0)
    values.update(hold_office=office_id, hold_service=service, hold_start=starts_at, hold_now=now)
    return values


def _today(now: datetime) -> date:
    """The day in Egypt: months and years of the caps turn at Cairo midnight."""
    return local_today(now, TIMEZONE)


def _count_churn(
    conn: Connection, subject: str, kind: str, period: str, cap: int, expires_on: date, step: int = 1
) -> bool:
    """Add ``step`` to (subject, kind, period) unless it has reached ``cap``; False when it has.
    A cap of 0 means no cap (the count is still kept). One conditional upsert decides, and the row
    stays locked until the transaction ends, so racing requests are counted one after the other."""
    values = {"subject": subject, "kind": kind, "period": period, "count": step, "expires_on": expires_on}
    limit = cap if cap > 0 else 2**31 - 1
    return conn.execute(_churn_upsert(conn.dialect.name, limit, step), values).first() is not None


def _mobile_stripe(phone: str) -> int:
    """16 bits of the number's SHA-256: enough to keep unrelated mobiles from waiting on each other,
    too few to tell which number a stripe was."""
    return int.from_bytes(hashlib.sha256(phone.encode()).digest()[:2], "big")


def _check_mobile(conn: Connection, new: NewBooking, rules: ChurnRules) -> None:
    """At most ``active_bookings_per_mobile`` active bookings for one mobile, whatever identities
    they are for. The mobile's stripe row is locked first (an upsert), then its active bookings
    are counted: a second booking for the mobile waits for the first to commit and counts it.
    SQLite needs no stripe: its write transactions begin ``IMMEDIATE``, one at a time in every
    process (``kernel.database``), so nothing can book between the count and the commit."""
    cap = rules.active_bookings_per_mobile
    if cap <= 0:
        return
    phone = new.applicant.phone
    if conn.dialect.name != "sqlite":
        conn.execute(_mobile_lock(conn.dialect.name), {"stripe": _mobile_stripe(phone), "taken": 1})
    active = conn.scalar(active_on_mobile(phone))
    if int(active or 0) > cap:  # the booking being made is among them
        raise mobile_booking_limit(cap).concerning(new.applicant.identity_hash)


def active_on_mobile(phone: str | ColumnElement[str]) -> Select[int]:
    """The count of active bookings on ``phone`` (through ``ix_bookings_active_phone``)."""
    return select(func.count()).select_from(BookingRow).where(BookingRow.phone == phone, _IS_ACTIVE)


def _check_standing(conn: Connection, identity_hash: str, now: datetime, rules: ChurnRules) -> None:
    """Refuse an identity that has used up its cancellations this month or is banned for missed
    appointments. The month's cancellation row is locked by a no-op upsert, so a cancel racing
    this booking is counted either before it (and refuses it) or after it."""
    today = _today(now)
    cap = rules.cancellations_per_month
    if cap > 0 and not _count_churn(
        conn, identity_hash, "cancel", month_period(today), cap, next_month(today), 0
    ):
        raise cancellation_limit(cap, next_month(today)).concerning(identity_hash)
    if rules.no_show_limit > 0 and rules.no_show_ban_days > 0:
        missed = missed_days(conn, identity_hash, today, rules)
        until = no_show_ban_end(missed, rules)
        if until is not None and today < until:
            raise no_show_ban(rules.no_show_limit, rules.no_show_window_days, until).concerning(identity_hash)


def missed_days(conn: Connection, identity_hash: str, today: date, rules: ChurnRules) -> list[date]:
    """Days of the identity's missed appointments recent enough to matter: marked no-show at the
    counter, or still only confirmed after their day (never checked in)."""
    since = _missed_since(today, rules)
    rows = conn.execute(select(BookingRow.day).where(_missed(identity_hash, since, today)))
    return [row.day for row in rows]


def _missed_since(today: date, rules: ChurnRules) -> date:
    """The first day whose missed appointment can still count towards a ban."""
    return today - timedelta(days=rules.no_show_window_days + rules.no_show_ban_days)


def _missed(
    identity: str | ColumnElement[str], since: date | ColumnElement[date], today: date | ColumnElement[date]
) -> ColumnElement[bool]:
    """The identity's missed appointments since ``since``: marked no-show at the counter, or
    still only confirmed after their day (never checked in)."""
    return (
        (BookingRow.identity_hash == identity)
        & (BookingRow.day >= since)
        & (
            (BookingRow.status == BookingStatus.NO_SHOW.value)
            | ((BookingRow.status == BookingStatus.CONFIRMED.value) & (BookingRow.day < today))
        )
    )


def _release_slot(
    conn: Connection, office_id: str, service: str, starts_at: datetime, channel: str = Channel.ONLINE.value
) -> None:
    """One seat less in the slot; a clerk's booking gives back one of ``assisted_booked`` too, so
    the seats kept for clerks are kept again."""
    values: dict[str, Any] = {"booked": SlotLoadRow.booked - 1}
    if Channel(channel).assisted:
        values["assisted_booked"] = case(
            (SlotLoadRow.assisted_booked > 0, SlotLoadRow.assisted_booked - 1), else_=0
        )
    conn.execute(
        update(SlotLoadRow)
        .where(
            SlotLoadRow.office_id == office_id,
            SlotLoadRow.service == service,
            SlotLoadRow.starts_at == starts_at,
            SlotLoadRow.booked > 0,
        )
        .values(values)
    )


def _hold(conn: Connection, identity_hash: str, services: int = 1) -> None:
    """Count a booking's ``services`` among the identity's active ones, or raise
    ``booking_limit`` (worded for services when a chain is part of why)."""
    values = {"identity_hash": identity_hash, "active": services}
    if conn.execute(_hold_upsert(conn.dialect.name), values).first() is None:
        chained = services > 1 or _holds_a_chain(conn, identity_hash)
        raise (LIMIT_OF_SERVICES if chained else LIMIT)().concerning(identity_hash)


def _holds_a_chain(conn: Connection, identity_hash: str) -> bool:
    return bool(
        conn.scalar(
            select(func.count())
            .select_from(BookingVisitRow)
            .where(
                BookingVisitRow.identity_hash == identity_hash,
                BookingVisitRow.active,
                BookingVisitRow.position > 0,
            )
        )
    )


def _release_hold(conn: Connection, identity_hash: str, services: int = 1) -> None:
    left = case((IdentityHoldRow.active > services, IdentityHoldRow.active - services), else_=0)
    conn.execute(
        update(IdentityHoldRow)
        .where(IdentityHoldRow.identity_hash == identity_hash, IdentityHoldRow.active > 0)
        .values(active=left)
    )


def _free_seats(
    conn: Connection, row: Any, now: datetime, rules: ChurnRules, *, rest: bool
) -> list[VisitSeat]:
    """End the visits of the booking whose row (just written, so locked) is ``row``: release
    every seat, offering it to the waitlist first (``booking.store.freed_seats``; with ``rest``,
    a citizen's own cancel or move, a seat nobody waits for rests for the cool-off), and the
    identity's count of its services; the seats freed. A row written without visits (the demo
    history's past bookings) frees its own slot."""
    seats = end_visits(conn, row.id) or [VisitSeat(0, row.service, row.office_id, row.starts_at)]
    end_people(conn, row.id)
    for seat in seats:
        _release_slot(conn, seat.office_id, seat.service, seat.starts_at, row.channel)
        seats_freed(
            conn, FreedSeats(seat.office_id, seat.service, seat.starts_at, row.day), now, rules, rest=rest
        )
    _release_holds(conn, row.identity_hash, seats)
    return seats


def _release_holds(conn: Connection, identity_hash: str, seats: list[VisitSeat]) -> None:
    """Release each identity's count by its seats: the applicant's (under the row's digest, which
    a re-key keeps current) and each companion's."""
    counts: dict[str, int] = {}
    for seat in seats:
        whose = identity_hash if seat.person == 0 else seat.identity_hash
        counts[whose] = counts.get(whose, 0) + 1
    for whose, count in sorted(counts.items()):
        _release_hold(conn, whose, count)


def insert_booking(conn: Connection, new: NewBooking, now: datetime, rules: ChurnRules = NO_RULES) -> Booking:
    """Book inside the caller's transaction, under every rule of ``BookingStore.create``: raises
    ``slot_full``, ``booking_limit`` or a churn cap's refusal (a ``Conflict``), or the
    ``IntegrityError`` of a duplicate or of a code collision (``is_code_collision``). Part of
    booking's public store API: planning writes the optimiser's and the draw's answers with it
    (``planning.store.assignments``), each in a savepoint of its own."""
    # The person's rows under a retired identity key are re-keyed first, so every rule below sees
    # them (booking.store.identity_keys). The booking row goes in next so that its partial unique
    # index reports a duplicate before the identity's limit or the slot's capacity are looked at.
    # A chain's visits go in right after it (their unique index reports a duplicate of any of
    # its services), and its seats are taken in the chain's order, which is the order of time,
    # so two chains wanting the same slots lock them in the same order and never deadlock.
    rekey(conn, new.applicant)
    if _one_visit(conn, new):
        return _insert_one_visit(conn, new, now, rules)
    if conn.dialect.name == "sqlite" and not new.later_visits and not new.companions:
        return _insert_one_visit_sqlite(conn, new, now, rules)
    identity_hash = new.applicant.identity_hash
    values = _booking_values(new, now)
    row = conn.execute(_INSERT_BOOKING, values).one()
    seats = new.seats
    insert_visits(conn, row.id, new.office_id, new.day, identity_hash, seats)
    _check_companions(conn, new, now, rules)
    insert_people(conn, row.id, new)
    _hold(conn, identity_hash, len(seats))
    _check_standing(conn, identity_hash, now, rules)
    for companion in sorted(new.companions, key=lambda c: c.identity_hash):
        try:
            _hold(conn, companion.identity_hash, len(seats))
            _check_standing(conn, companion.identity_hash, now, rules)
        except Conflict as error:
            if error.code == "booking_limit":
                raise _person_error("booking_limit.person", companion) from None
            raise about_person(error, companion.person, companion.full_name) from None
    _check_mobile(conn, new, rules)
    # Every seat in order of time (a party's and a chain's alike), so two bookings wanting the
    # same slots lock them in the same order.
    taken = [(seat.starts_at, seat.service, seat.slot_capacity, seat.slot_reserved) for seat in seats]
    taken += [
        (t.seat.starts_at, t.seat.service, t.seat.slot_capacity, t.seat.slot_reserved)
        for t in new.companion_seats
    ]
    for starts_at, service, capacity, reserved in sorted(taken):
        _take_slot(
            conn,
            new.office_id,
            service,
            starts_at,
            new.day,
            capacity,
            now,
            reserved=reserved,
            channel=new.channel,
        )
    return booking_from_row(row, tuple(seat.visit for seat in new.later_visits), new.companions)


def _booking_values(new: NewBooking, now: datetime) -> dict[str, Any]:
    """The row of ``bookings`` that ``new`` is, confirmed at ``now``."""
    values = flat(new)
    del values["slot_capacity"], values["later_visits"], values["companions"], values["companion_seats"]
    del values["slot_reserved"]
    values.update(status=BookingStatus.CONFIRMED.value, created_at=now, updated_at=now)
    return values


def _one_visit(conn: Connection, new: NewBooking) -> bool:
    """Whether ``new`` may be written by ``_insert_one_visit``: on PostgreSQL, one person, one
    service, and a slot an online booking may take a seat of at all."""
    return (
        conn.dialect.name == "postgresql"
        and not new.later_visits
        and not new.companions
        and (Channel(new.channel).assisted or online_may_take(new.slot_capacity, 0, new.slot_reserved, 0))
    )


def _insert_one_visit(conn: Connection, new: NewBooking, now: datetime, rules: ChurnRules) -> Booking:
    """``insert_booking`` for one person and one service on PostgreSQL, in two statements instead
    of eight, with the same locks taken in the same order and the same refusals in the same order.

    The first takes every lock but the slot's: the booking row (its unique indexes report a
    duplicate), its visit, the identity's count of active services, the month's cancellation
    counter, the mobile's stripe. Each is a data-modifying CTE reading the one before it, so
    PostgreSQL runs them in that order, as the statements of the general path do; a step that
    refuses (its upsert's condition false) returns no row and the steps after it do nothing.
    The second reads, after those locks are held (a statement's snapshot is taken when it starts),
    the mobile's active bookings and the identity's missed appointments, and takes the slot's
    seat. Any refusal raises, and the caller's transaction rolls everything back."""
    identity_hash = new.applicant.identity_hash
    cancel_cap, mobile_cap = rules.cancellations_per_month, rules.active_bookings_per_mobile
    banning = rules.no_show_limit > 0 and rules.no_show_ban_days > 0
    today = _today(now)
    values = _lock_values(new, now, rules)
    locks = _one_visit_locks(tuple(sorted(values)), cancel_cap if cancel_cap > 0 else None, mobile_cap > 0)
    row = conn.execute(locks, values).one()
    if not row.held:
        chained = _holds_a_chain(conn, identity_hash)
        raise (LIMIT_OF_SERVICES if chained else LIMIT)().concerning(identity_hash)
    if cancel_cap > 0 and not row.standing:
        raise cancellation_limit(cancel_cap, next_month(today)).concerning(identity_hash)
    assisted = Channel(new.channel).assisted
    seat = conn.execute(
        _one_visit_seat(assisted, banning, mobile_cap > 0), _seat_values(new, now, rules)
    ).one()
    _refuse_if_banned_or_mobile_full(
        identity_hash,
        sorted(seat.missed or []) if banning else None,
        seat.on_mobile if mobile_cap > 0 else None,
        today,
        rules,
    )
    if not seat.took:
        raise SLOT_FULL()
    fields = {column.name: getattr(row, column.name) for column in BookingRow.__table__.c}
    return booking_from_row(_Row(fields), (), ())


def _insert_one_visit_sqlite(conn: Connection, new: NewBooking, now: datetime, rules: ChurnRules) -> Booking:
    """``insert_booking`` for one person and one service on SQLite, in five statements instead of
    seven, with the same refusals in the same order: the booking row (its unique index reports a
    duplicate), its visit, the identity's count of active services, then one read of what the
    rules count — the month's cancellations, the missed appointments, the mobile's active bookings
    — and last the slot's seat. The general path locks the cancellation counter by a no-op upsert
    before reading it, so that a cancel racing the booking is counted before or after it; SQLite
    needs no such lock: its write transactions take turns (``BEGIN IMMEDIATE`` in every process,
    ``kernel.database``), so nothing can change between this read and the commit. Every statement
    is built once and executed with parameters."""
    identity_hash = new.applicant.identity_hash
    row = conn.execute(_INSERT_BOOKING, _booking_values(new, now)).one()
    conn.execute(
        _INSERT_VISIT,
        {
            "booking_id": row.id,
            "position": 0,
            "service": new.service,
            "office_id": new.office_id,
            "starts_at": new.starts_at,
            "ends_at": new.ends_at,
            "day": new.day,
            "identity_hash": identity_hash,
            "active": True,
            "person": 0,
        },
    )
    _hold(conn, identity_hash)
    today = _today(now)
    cancel_cap, mobile_cap = rules.cancellations_per_month, rules.active_bookings_per_mobile
    banning = rules.no_show_limit > 0 and rules.no_show_ban_days > 0
    if cancel_cap > 0 or banning or mobile_cap > 0:
        values = _counted_values(new, today, rules)
        if cancel_cap > 0:
            values.update(churn_subject=identity_hash, churn_period=month_period(today))
        counted = conn.execute(_sqlite_counts(cancel_cap > 0, banning, mobile_cap > 0), values).one()
        if cancel_cap > 0 and int(counted.cancels or 0) >= cancel_cap:
            raise cancellation_limit(cancel_cap, next_month(today)).concerning(identity_hash)
        missed = (
            [date.fromisoformat(day) for day in (counted.missed or "").split(",") if day] if banning else None
        )
        _refuse_if_banned_or_mobile_full(
            identity_hash, missed, counted.on_mobile if mobile_cap > 0 else None, today, rules
        )
    _take_slot(
        conn,
        new.office_id,
        new.service,
        new.starts_at,
        new.day,
        new.slot_capacity,
        now,
        reserved=new.slot_reserved,
        channel=new.channel,
    )
    return booking_from_row(row, (), ())


_INSERT_VISIT = insert(BookingVisitRow)


@cache
def _sqlite_counts(cancels: bool, banning: bool, mobile: bool) -> Any:
    """The read of ``_insert_one_visit_sqlite``: ``cancels`` (the identity's cancellations this
    month, NULL for none), ``missed`` (the days of its missed appointments recent enough to
    matter, comma-separated, NULL for none) and ``on_mobile`` (the mobile's active bookings),
    those asked for."""
    outputs = []
    if cancels:
        outputs.append(
            select(ChurnCountRow.count)
            .where(
                ChurnCountRow.subject == bindparam("churn_subject", type_=String()),
                ChurnCountRow.kind == "cancel",
                ChurnCountRow.period == bindparam("churn_period", type_=String()),
            )
            .scalar_subquery()
            .label("cancels")
        )
    if banning:
        outputs.append(_missed_output(lambda day: func.group_concat(day, ",", type_=String())))
    if mobile:
        outputs.append(_on_mobile_output())
    return select(*outputs)


def _counted_values(new: NewBooking, today: date, rules: ChurnRules) -> dict[str, Any]:
    """The parameters of ``_missed_output`` and ``_on_mobile_output``, those the rules ask for."""
    values: dict[str, Any] = {}
    if rules.no_show_limit > 0 and rules.no_show_ban_days > 0:
        values.update(
            missed_identity=new.applicant.identity_hash,
            missed_since=_missed_since(today, rules),
            missed_today=today,
        )
    if rules.active_bookings_per_mobile > 0:
        values["mobile_phone"] = new.applicant.phone
    return values


def _missed_output(aggregate: Callable[[Any], Any]) -> Any:
    """``missed``: the identity's missed appointments recent enough to matter (``_missed``), their
    days gathered by ``aggregate`` (an array on PostgreSQL, a comma-separated text on SQLite)."""
    identity, since, today = (
        bindparam("missed_identity", type_=String()),
        bindparam("missed_since", type_=Date()),
        bindparam("missed_today", type_=Date()),
    )
    return (
        select(aggregate(BookingRow.day))
        .where(_missed(identity, since, today))
        .scalar_subquery()
        .label("missed")
    )


def _on_mobile_output() -> Any:
    """``on_mobile``: the mobile's active bookings (``active_on_mobile``)."""
    return active_on_mobile(bindparam("mobile_phone", type_=String())).scalar_subquery().label("on_mobile")


def _refuse_if_banned_or_mobile_full(
    identity_hash: str, missed: list[date] | None, on_mobile: int | None, today: date, rules: ChurnRules
) -> None:
    """Raise ``no_show_ban`` when the ``missed`` days ban the identity today, then
    ``mobile_booking_limit`` when the mobile holds more than its cap (the booking being made among
    them); None: not counted, the rule is off."""
    if missed is not None:
        until = no_show_ban_end(missed, rules)
        if until is not None and today < until:
            raise no_show_ban(rules.no_show_limit, rules.no_show_window_days, until).concerning(identity_hash)
    cap = rules.active_bookings_per_mobile
    if on_mobile is not None and int(on_mobile or 0) > cap:
        raise mobile_booking_limit(cap).concerning(identity_hash)


def _lock_values(new: NewBooking, now: datetime, rules: ChurnRules) -> dict[str, Any]:
    """The parameters of ``_one_visit_locks``."""
    identity_hash, today = new.applicant.identity_hash, _today(now)
    values = {f"b_{key}": value for key, value in _booking_values(new, now).items()}
    values.update(hold_identity=identity_hash, hold_active=1)
    if rules.cancellations_per_month > 0:
        values.update(
            churn_subject=identity_hash,
            churn_kind="cancel",
            churn_period=month_period(today),
            churn_count=0,
            churn_expires=next_month(today),
        )
    if rules.active_bookings_per_mobile > 0:
        values.update(mobile_stripe=_mobile_stripe(new.applicant.phone), mobile_taken=1)
    return values


def _seat_values(new: NewBooking, now: datetime, rules: ChurnRules) -> dict[str, Any]:
    """The parameters of ``_one_visit_seat``."""
    assisted = Channel(new.channel).assisted
    slot = _slot_values(
        new.office_id,
        new.service,
        new.starts_at,
        new.day,
        new.slot_capacity,
        now,
        new.slot_reserved,
        assisted,
    )
    values = {key if key.startswith("hold_") else f"slot_{key}": value for key, value in slot.items()}
    return values | _counted_values(new, _today(now), rules)


class _Row:
    """A row's columns by name, as ``booking_from_row`` reads them (``_mapping``)."""

    def __init__(self, mapping: dict[str, Any]) -> None:
        self._mapping = mapping


@cache
def _one_visit_locks(keys: tuple[str, ...], cancel_cap: int | None, mobile: bool) -> Any:
    """The first statement of ``_insert_one_visit`` for parameters named ``keys``: the booking
    row (every column returned) with ``held``, ``standing`` and ``locked`` saying whether the
    identity's count, the cancellation counter and the mobile's stripe were taken."""
    columns = BookingRow.__table__.c
    booking = (
        insert(BookingRow)
        .values(
            {key[2:]: bindparam(key, type_=columns[key[2:]].type) for key in keys if key.startswith("b_")}
        )
        .returning(*columns)
        .cte("booking")
    )
    visit = (
        insert(BookingVisitRow)
        .from_select(
            [
                "booking_id",
                "position",
                "service",
                "office_id",
                "starts_at",
                "ends_at",
                "day",
                "identity_hash",
                "active",
                "person",
            ],
            select(
                booking.c.id,
                literal(0),
                booking.c.service,
                booking.c.office_id,
                booking.c.starts_at,
                booking.c.ends_at,
                booking.c.day,
                booking.c.identity_hash,
                true(),
                literal(0),
            ),
        )
        .returning(BookingVisitRow.booking_id)
        .cte("visit")
    )
    hold_insert = postgresql.insert(IdentityHoldRow)
    hold = (
        hold_insert.from_select(
            ["identity_hash", "active"],
            select(
                bindparam("hold_identity", type_=String()), bindparam("hold_active", type_=Integer())
            ).select_from(visit),
        )
        .on_conflict_do_update(
            index_elements=["identity_hash"],
            set_={"active": IdentityHoldRow.active + hold_insert.excluded.active},
            where=IdentityHoldRow.active + hold_insert.excluded.active <= MAX_ACTIVE_BOOKINGS,
        )
        .returning(IdentityHoldRow.active)
        .cte("hold")
    )
    last = hold
    outputs = [select(func.count()).select_from(hold).scalar_subquery().label("held")]
    if cancel_cap is not None:
        churn_insert = postgresql.insert(ChurnCountRow)
        churn = (
            churn_insert.from_select(
                ["subject", "kind", "period", "count", "expires_on"],
                select(
                    bindparam("churn_subject", type_=String()),
                    bindparam("churn_kind", type_=String()),
                    bindparam("churn_period", type_=String()),
                    bindparam("churn_count", type_=Integer()),
                    bindparam("churn_expires", type_=Date()),
                ).select_from(last),
            )
            .on_conflict_do_update(
                index_elements=["subject", "kind", "period"],
                set_={"count": ChurnCountRow.count + 0, "expires_on": churn_insert.excluded.expires_on},
                where=ChurnCountRow.count < cancel_cap,
            )
            .returning(ChurnCountRow.count)
            .cte("standing")
        )
        last = churn
        outputs.append(select(func.count()).select_from(churn).scalar_subquery().label("standing"))
    if mobile:
        lock = (
            postgresql.insert(MobileLockRow)
            .from_select(
                ["stripe", "taken"],
                select(
                    bindparam("mobile_stripe", type_=Integer()), bindparam("mobile_taken", type_=Integer())
                ).select_from(last),
            )
            .on_conflict_do_update(index_elements=["stripe"], set_={"taken": MobileLockRow.taken + 1})
            .returning(MobileLockRow.taken)
            .cte("mobile")
        )
        outputs.append(select(func.count()).select_from(lock).scalar_subquery().label("locked"))
    # The booking first, then each step in its order (each reads the one before).
    return select(*[booking.c[column.name] for column in columns], *outputs).select_from(booking)


@cache
def _one_visit_seat(assisted: bool, banning: bool, mobile: bool) -> Any:
    """The second statement of ``_insert_one_visit``: ``took`` (the slot's seat taken), and
    ``on_mobile`` (active bookings of the mobile) and ``missed`` (days of missed appointments
    recent enough to matter) when asked."""
    seat = _slot_upsert("postgresql", assisted, named=True).cte("seat")
    outputs = [select(func.count()).select_from(seat).scalar_subquery().label("took")]
    if mobile:
        outputs.append(_on_mobile_output())
    if banning:
        outputs.append(_missed_output(func.array_agg))
    return select(*outputs)


def _as_applicant(new: NewBooking, companion: Companion) -> Applicant:
    """The companion as an applicant of their own, for the re-key of their earlier bookings."""
    return replace(
        new.applicant,
        identity_hash=companion.identity_hash,
        identity_key_id=companion.identity_key_id,
        retired_hashes=companion.retired_hashes,
    )


def _person_error(key: str, companion: Companion) -> Conflict:
    error = MESSAGES.error(Conflict, key, indic=True, person=companion.person + 1, name=companion.full_name)
    return error.concerning(companion.identity_hash).telling(person=companion.person + 1)


def _check_companions(conn: Connection, new: NewBooking, now: datetime, rules: ChurnRules) -> None:
    """Refuse, naming them, a companion who already holds an active booking of one of the
    services (the unique index refuses it anyway; this says who). Their rows under a retired
    key are re-keyed first, as the applicant's are."""
    for companion in new.companions:
        rekey(conn, _as_applicant(new, companion))
        if already_booked(conn, companion, new.services):
            raise _person_error("duplicate_booking.person", companion)


def _cancel(
    conn: Connection, booking: Booking, now: datetime, rules: ChurnRules = NO_RULES
) -> Booking | None:
    row = conn.execute(
        update(BookingRow)
        .where(BookingRow.id == booking.id, BookingRow.status == BookingStatus.CONFIRMED.value)
        .values(status=BookingStatus.CANCELLED.value, updated_at=now)
        .returning(*BookingRow.__table__.c)
    ).one_or_none()
    if row is None:
        return None
    # The row's digest, not ``booking``'s: the owner may have been re-keyed since it was read.
    identity_hash = row.identity_hash
    _free_seats(conn, row, now, rules, rest=True)
    if rules.cancellations_per_month > 0:  # counted always; the next booking is what it refuses
        today = _today(now)
        _count_churn(conn, identity_hash, "cancel", month_period(today), 0, next_month(today))
    return _booking_of(conn, row)


def _count_reschedule(conn: Connection, booking: Booking, now: datetime, rules: ChurnRules) -> None:
    """Count the move against the booking's and the identity's caps, or refuse it. ``booking`` is
    the moved row as written, so its digest is the current one even if its owner was re-keyed
    after the citizen's look-up."""
    today, identity_hash = _today(now), booking.applicant.identity_hash
    if rules.reschedules_per_booking > 0 and not _count_churn(
        conn,
        str(booking.id),
        "reschedule_booking",
        "",
        rules.reschedules_per_booking,
        today + MAX_AHEAD + timedelta(days=1),
    ):
        raise booking_reschedule_limit(rules.reschedules_per_booking).concerning(identity_hash)
    if rules.reschedules_per_year > 0 and not _count_churn(
        conn,
        identity_hash,
        "reschedule",
        f"{today.year:04d}",
        rules.reschedules_per_year,
        date(today.year + 1, 1, 31),
    ):
        raise yearly_reschedule_limit(rules.reschedules_per_year, today.year).concerning(identity_hash)


def reschedule_booking(
    conn: Connection, booking: Booking, move: Move, now: datetime, rules: ChurnRules = NO_RULES
) -> Booking:
    """Move a confirmed booking inside the caller's transaction, under every rule of
    ``BookingStore.reschedule``: raises ``booking_changed`` when it is no longer confirmed where
    ``booking`` says, ``slot_full`` or a cap's refusal (a ``Conflict``; roll back on it). Part of
    booking's public store API: a rebalance moves bookings with it (``planning.store.rebalance_plans``)."""
    # The booking's row is written (and locked) first: a re-key of its owner (identity_keys) then
    # either waits for this move or is done before it, and the caps count under the digest the
    # row has. Any refusal below rolls the whole move back.
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
            **_office_change(move.office_change, now),
        )
        .returning(*BookingRow.__table__.c)
    ).one_or_none()
    if row is None:  # cancelled or moved meanwhile: raising rolls the new slot back too
        raise BOOKING_CHANGED()
    # The visits as stored decide what moves: a chain moves whole, to the same services in order.
    stored = seats_of(conn, row.id) or [VisitSeat(0, row.service, booking.office_id, booking.starts_at)]
    old = [seat for seat in stored if seat.person == 0]
    first = NewVisit(row.service, move.starts_at, move.ends_at, move.capacity, move.reserved)
    seats = (first, *move.later_visits)
    if [seat.service for seat in seats] != [seat.service for seat in old]:
        raise CHAIN_MOVES_WHOLE()
    # A party moves whole: the move names a seat for each service of every companion still on
    # it, or a companion was removed meanwhile and the move, laid out for more, is refused.
    companions = [seat for seat in stored if seat.person > 0 and seat.active]
    if companions and not move.companion_seats:  # a move laid out for one (a rebalance's)
        raise PARTY_MOVES_WHOLE()
    if sorted((s.person, s.service) for s in companions) != sorted(
        (t.person, t.seat.service) for t in move.companion_seats
    ):
        raise BOOKING_CHANGED()
    people = people_of(conn, [row.id]).get(row.id, ())
    moved = booking_from_row(row, tuple(seat.visit for seat in move.later_visits), people)
    _count_reschedule(conn, moved, now, rules)
    taken = [(seat.starts_at, seat.service, seat.slot_capacity, seat.slot_reserved) for seat in seats]
    taken += [
        (t.seat.starts_at, t.seat.service, t.seat.slot_capacity, t.seat.slot_reserved)
        for t in move.companion_seats
    ]
    # A clerk's booking moves as one, onto the seats kept for clerks too.
    for starts_at, service, capacity, reserved in sorted(taken):
        _take_slot(
            conn,
            move.office_id,
            service,
            starts_at,
            move.day,
            capacity,
            now,
            reserved=reserved,
            channel=row.channel,
        )
    for was in (*old, *companions):
        _release_slot(conn, was.office_id, was.service, was.starts_at, row.channel)
        seats_freed(conn, FreedSeats(was.office_id, was.service, was.starts_at, booking.day), now, rules)
    move_visits(conn, row.id, move.office_id, move.day, seats)
    move_seats(conn, row.id, move.office_id, move.day, move.companion_seats)
    return moved


def _clean(conn: Connection, now: datetime) -> None:
    """Delete holds long past and counters of periods that are over; neither counts any more."""
    conn.execute(delete(SlotHoldRow).where(SlotHoldRow.until < now - timedelta(hours=1)))
    conn.execute(delete(ChurnCountRow).where(ChurnCountRow.expires_on < _today(now)))


def _office_change(why: tuple[str, str] | None, now: datetime) -> dict[str, Any]:
    """The columns that say when and why the office changed a booking (none for a citizen's own
    change)."""
    if why is None:
        return {}
    english, arabic = why
    return {"office_changed_at": now, "office_change_en": english[:300], "office_change_ar": arabic[:300]}


def cancel_for_office(
    conn: Connection,
    booking: Booking,
    now: datetime,
    why: tuple[str, str] | None = None,
    rules: ChurnRules = NO_RULES,
    *,
    rest: bool = False,
) -> bool:
    """Cancel a booking the office can no longer keep (a rebalance found it no other time),
    inside the caller's transaction: only if it is still confirmed where ``booking`` says, and
    without counting it against its holder (no churn count, no resting seat: the citizen did not
    cancel). Frees its slot (offered to the waitlist first, for ``rules.offer_minutes``; with
    ``rest``, resting for the cool-off when nobody waits) and its holder's hold; False when the
    booking changed meanwhile.
    ``why`` (English, Arabic) is kept for /my-booking. Part of booking's public store API
    (``planning.store.rebalance_plans``)."""
    row = conn.execute(
        update(BookingRow)
        .where(
            BookingRow.id == booking.id,
            BookingRow.status == BookingStatus.CONFIRMED.value,
            BookingRow.office_id == booking.office_id,
            BookingRow.starts_at == booking.starts_at,
        )
        .values(status=BookingStatus.CANCELLED.value, updated_at=now, **_office_change(why, now))
        .returning(*BookingRow.__table__.c)
    ).one_or_none()
    if row is None:
        return False
    _free_seats(conn, row, now, rules, rest=rest)  # the row's digest: its owner may have been re-keyed since
    return True


def remove_companion(
    conn: Connection, booking: Booking, person: int, now: datetime, rules: ChurnRules = NO_RULES
) -> Booking | None:
    """Take companion ``person`` off a confirmed booking inside the caller's transaction: their
    seats freed (each resting after its release, as a cancel's), their identity's count released;
    the booking as it then stands, None when it is no longer confirmed or they were not on it."""
    row = conn.execute(
        update(BookingRow)
        .where(BookingRow.id == booking.id, BookingRow.status == BookingStatus.CONFIRMED.value)
        .values(updated_at=now)
        .returning(*BookingRow.__table__.c)
    ).one_or_none()
    if row is None:
        return None
    freed = take_off(conn, row.id, person, now)
    if not freed:
        return None
    for seat in freed:
        _release_slot(conn, seat.office_id, seat.service, seat.starts_at, row.channel)
        seats_freed(conn, FreedSeats(seat.office_id, seat.service, seat.starts_at, row.day), now, rules)
    _release_hold(conn, freed[0].identity_hash, len(freed))
    return _booking_of(conn, row)


def _set_status(
    conn: Connection, booking_id: int, from_: BookingStatus, to: BookingStatus, now: datetime
) -> bool:
    row = conn.execute(
        update(BookingRow)
        .where(BookingRow.id == booking_id, BookingRow.status == from_.value)
        .values(status=to.value, updated_at=now)
        .returning(BookingRow.id, BookingRow.identity_hash)
    ).one_or_none()
    if row is None:
        return False
    if from_ in ACTIVE_STATUSES and to not in ACTIVE_STATUSES:
        # Served or missed: the seats stay counted (the visit happened, or was not cancelled);
        # the identity may book these services again.
        ended = end_visits(conn, row.id)
        end_people(conn, row.id)
        if ended:
            _release_holds(conn, row.identity_hash, ended)
        else:
            _release_hold(conn, row.identity_hash, 1)
    return True


def _loads(
    conn: Connection,
    office_id: str,
    service: str,
    first_day: date,
    last_day: date,
    now: datetime,
    assisted: bool = False,
) -> dict[datetime, tuple[int, int]]:
    """(capacity, taken) per slot, where a seat resting after its release counts as taken, and,
    for an online booking (not ``assisted``), so does each seat the slot still keeps for clerks."""
    values = {"office_id": office_id, "service": service, "first_day": first_day, "last_day": last_day}
    rows = conn.execute(_loads_statement(assisted), {**values, "now": now})
    return {row.starts_at: (row.capacity, row.taken) for row in rows}


@cache
def _loads_statement(assisted: bool) -> Select[Any]:
    """``_loads``' query, built once: building it anew cost more than running it (availability
    reads it for every day block it computes)."""
    held = held_seats(SlotLoadRow.office_id, SlotLoadRow.service, SlotLoadRow.starts_at, bindparam("now"))
    taken = SlotLoadRow.booked + held
    if not assisted:
        taken = taken + case(
            (
                SlotLoadRow.reserved > SlotLoadRow.assisted_booked,
                SlotLoadRow.reserved - SlotLoadRow.assisted_booked,
            ),
            else_=0,
        )
    return select(SlotLoadRow.starts_at, SlotLoadRow.capacity, taken.label("taken")).where(
        SlotLoadRow.office_id == bindparam("office_id"),
        SlotLoadRow.service == bindparam("service"),
        SlotLoadRow.day >= bindparam("first_day"),
        SlotLoadRow.day <= bindparam("last_day"),
    )


#: The notices as the offices stand now (``booking.notices.BookingNotices``), built on demand.
NoticesNow = Callable[[], Awaitable[BookingNotices]]


class BookingStore:
    def __init__(
        self, database: Database, rules: ChurnRules = NO_RULES, notices: NoticesNow | None = None
    ) -> None:
        """``rules``: the churn caps, no-show ban, per-mobile cap and cool-off this store enforces
        on citizens' own bookings, cancels and moves (none by default: tools and tests).
        ``notices``: when given, a booking made, cancelled or moved posts its holder's message to
        the outbox in the same transaction (``booking.store.notices``)."""
        self._db = database
        self.rules = rules
        self._notices = notices
        self._cleaned: datetime | None = None

    async def _notices_now(self) -> BookingNotices | None:
        return await self._notices() if self._notices is not None else None

    async def _tidy(self, now: datetime) -> None:
        """At most once a minute per process, in a transaction of its own (so it never holds
        locks a booking waits on), delete holds and churn counters that no longer count."""
        if self._cleaned is not None and now - self._cleaned < timedelta(minutes=1):
            return
        self._cleaned = now
        await self._db.write(partial(_clean, now=now))

    async def create(self, new: NewBooking, now: datetime) -> Booking:
        """Book the slot, or raise ``duplicate_booking``, ``booking_limit`` or ``slot_full``.

        One transaction: if any step refuses, nothing of the others remains.
        """
        notices = await self._notices_now()

        def work(conn: Connection, new: NewBooking) -> Booking:
            booking = insert_booking(conn, new, now, self.rules)
            if notices is not None:
                post_notice(conn, notices.confirmed(booking), booking, now)
            return booking

        return await write_with_fresh_code(self._db, work, new)

    async def by_code(self, code: str) -> Booking | None:
        def work(conn: Connection) -> Booking | None:
            row = conn.execute(select(*BookingRow.__table__.c).where(BookingRow.code == code)).one_or_none()
            return _booking_of(conn, row) if row else None

        return await self._db.read(work)

    async def visits_on(self, office_id: str, day: date) -> list[tuple[str, datetime, bool]]:
        """Every visit of the office-day's bookings not cancelled (a chain's each), as (service,
        starts_at, senior_on_visit): what a simulation of the day needs, and nothing about who
        holds it. The first visits are read from ``bookings`` (past days written by the demo
        history have no visit rows), the later ones from ``booking_visits``."""

        def work(conn: Connection) -> list[tuple[str, datetime, bool]]:
            kept = (BookingRow.office_id == office_id, BookingRow.day == day)
            not_cancelled = BookingRow.status != BookingStatus.CANCELLED.value
            firsts = select(
                BookingRow.service, BookingRow.starts_at, BookingRow.senior_on_visit, BookingRow.id
            ).where(*kept, not_cancelled)
            laters = (
                select(
                    BookingVisitRow.service,
                    BookingVisitRow.starts_at,
                    BookingRow.senior_on_visit,
                    BookingRow.id,
                )
                .join(BookingRow, BookingRow.id == BookingVisitRow.booking_id)
                .where(*kept, not_cancelled, BookingVisitRow.position > 0)
            )
            rows = [*conn.execute(firsts), *conn.execute(laters)]
            rows.sort(key=lambda row: (row.starts_at, row.id))
            return [(row.service, row.starts_at, bool(row.senior_on_visit)) for row in rows]

        return await self._db.read(work)

    async def by_id(self, booking_id: int) -> Booking | None:
        def work(conn: Connection) -> Booking | None:
            row = conn.execute(
                select(*BookingRow.__table__.c).where(BookingRow.id == booking_id)
            ).one_or_none()
            return _booking_of(conn, row) if row else None

        return await self._db.read(work)

    async def cancel(self, booking: Booking, now: datetime) -> Booking | None:
        """Cancel a confirmed booking; its seat goes back on sale after the cool-off. None if it
        was not confirmed."""
        notices = await self._notices_now()

        def work(conn: Connection) -> Booking | None:
            cancelled = _cancel(conn, booking, now, self.rules)
            if cancelled is not None and notices is not None:
                post_notice(conn, notices.cancelled(cancelled), cancelled, now)
            return cancelled

        cancelled = await self._db.write(work)
        await self._tidy(now)
        return cancelled

    async def reschedule(self, booking: Booking, move: Move, now: datetime) -> Booking:
        """Move a confirmed booking, or raise a reschedule cap's refusal; when the new slot is full
        the old one stays untouched. The old seat goes back on sale after the cool-off."""
        notices = await self._notices_now()

        def work(conn: Connection) -> Booking:
            moved = reschedule_booking(conn, booking, move, now, self.rules)
            if notices is not None:
                post_notice(conn, notices.rescheduled(moved), moved, now)
            return moved

        moved = await self._db.write(work)
        await self._tidy(now)
        return moved

    async def remove_companion(self, booking: Booking, person: int, now: datetime) -> Booking | None:
        """``remove_companion`` in a transaction of its own; the freed seats rest as a cancel's."""
        changed = await self._db.write(
            partial(remove_companion, booking=booking, person=person, now=now, rules=self.rules)
        )
        await self._tidy(now)
        return changed

    async def check_standing(self, applicant: Applicant, now: datetime) -> None:
        """Raise ``cancellation_limit`` or ``no_show_ban`` when the identity may not book now (a
        flexible request is refused on the same grounds as a booking). The person's rows under a
        retired key are re-keyed first (``identity_keys``), so this check and the request's own
        duplicate check that follows see them."""

        def work(conn: Connection) -> None:
            rekey(conn, applicant)
            _check_standing(conn, applicant.identity_hash, now, self.rules)

        await self._db.write(work)

    async def set_status(
        self, booking_id: int, from_: BookingStatus, to: BookingStatus, now: datetime
    ) -> bool:
        """Move a booking along its life (check-in, served, no-show); releases the identity's
        hold when it stops being active."""
        return await self._db.write(partial(_set_status, booking_id=booking_id, from_=from_, to=to, now=now))

    async def loads(
        self,
        office_id: str,
        service: str,
        first_day: date,
        last_day: date,
        now: datetime,
        *,
        assisted: bool = False,
    ) -> dict[datetime, tuple[int, int]]:
        """(capacity, taken) of every slot that has had a booking in the range; a seat resting
        after its release until after ``now`` is taken, and for an online booking so is a seat
        still kept for clerks (``booking.channels``)."""
        return await self._db.read_one(
            partial(
                _loads,
                office_id=office_id,
                service=service,
                first_day=first_day,
                last_day=last_day,
                now=now,
                assisted=assisted,
            )
        )

    async def count_active(self, office_id: str | None = None) -> int:
        def work(conn: Connection) -> int:
            query = select(func.count()).select_from(BookingRow).where(BookingRow.status.in_(_ACTIVE))
            if office_id:
                query = query.where(BookingRow.office_id == office_id)
            return int(conn.scalar(query) or 0)

        return await self._db.read(work)


async def write_with_fresh_code(
    database: Database, work: Callable[[Connection, NewBooking], T], new: NewBooking
) -> T:
    """``work(conn, new)`` in a write transaction; when ``new``'s code collides with another
    booking's (2⁻⁴⁰ per pair), again with a new code. Any other integrity error is a duplicate
    booking (``duplicate_booking``)."""
    for _ in range(3):

        def attempt(conn: Connection, new: NewBooking = new) -> T:
            return work(conn, new)

        try:
            return await database.write(attempt)
        except IntegrityError as error:
            if not is_code_collision(error):
                raise DUPLICATE() from None
            new = replace(new, code=new_booking_code())
    raise RuntimeError("could not draw a free booking code")


def is_code_collision(error: IntegrityError, table: str = "bookings") -> bool:
    """Whether an insert into ``table`` (bookings, or booking_requests) failed on its code's
    uniqueness (draw a new code and try again) rather than on a rule (a duplicate)."""
    message = str(error.orig)
    return f"{table}.code" in message or f"{table}_code_key" in message
