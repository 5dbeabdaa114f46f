"""The database schema. Invariants that money depends on live here as constraints.

- ``slot_loads.booked`` never exceeds ``capacity``: every increment is a conditional update.
- one active booking per identity and service: a partial unique index on ``booking_visits``
  (every service of a chain), and on ``bookings`` (a booking's first service).
- at most three actively booked services per identity: ``identity_holds.active`` with a conditional update.
- one *pending* flexible request per identity and service: a partial unique index;
- one closure in force per office, day, counter and hours: a partial unique index;
- a request is assigned at most once: it leaves ``pending`` by a conditional update in the same
  transaction that inserts its booking (``planning.store.assignments``).

Booking's tables join the whole system's ``Base`` (``kernel.database``), as every context's do
(``queue_display/archive/tables.py``, ``planning/store/tables.py``,
``booking/store/audit_events.py``). ``UTCDateTime`` is imported here under its old name too:
the migrations written before it moved to the kernel name it ``booking.store.tables.UTCDateTime``.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from kernel.database import Base, UTCDateTime

ACTIVE = "status IN ('confirmed', 'checked_in')"
PENDING = "status = 'pending'"


class OfficeRow(Base):
    __tablename__ = "offices"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_ar: Mapped[str] = mapped_column(String(200))
    address_en: Mapped[str] = mapped_column(String(300))
    address_ar: Mapped[str] = mapped_column(String(300))
    governorate: Mapped[str] = mapped_column(String(40), index=True)
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    services: Mapped[list[str]]
    hours: Mapped[dict[str, Any]]
    timezone: Mapped[str] = mapped_column(String(64))
    slot_minutes: Mapped[int] = mapped_column(Integer)
    walk_in_share: Mapped[float] = mapped_column(Float)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Channels (booking.channels): the share of appointments kept for a clerk's bookings, and the
    # band of the day kept for seniors ("08:00-09:00", None when the office has none).
    assisted_share: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    seniors_hours: Mapped[str | None] = mapped_column(String(11), nullable=True)


class CounterRow(Base):
    __tablename__ = "counters"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(40))
    services: Mapped[list[str]]
    active: Mapped[bool] = mapped_column(default=True)


IN_FORCE = "reopened_at IS NULL"


class ClosureRow(Base):
    __tablename__ = "closures"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    counter_id: Mapped[int | None] = mapped_column(ForeignKey("counters.id", ondelete="CASCADE"))
    starts: Mapped[time | None] = mapped_column(Time)
    ends: Mapped[time | None] = mapped_column(Time)
    reason_en: Mapped[str] = mapped_column(String(300), default="")
    reason_ar: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Reopening ends a closure rather than deleting it, so its history stays (who closed, who
    # reopened, when); only rows with no ``reopened_at`` take capacity away.
    created_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    reopened_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    reopened_by: Mapped[str | None] = mapped_column(String(100), nullable=True)
    __table_args__ = (
        Index("ix_closures_office_day", "office_id", "day"),
        # One closure in force per office, day, counter and hours: a second click, or a second
        # manager at the same moment, cannot close the same thing twice (the store answers
        # ``closure_exists``). NULL (every counter, the whole day) counts as a value here.
        Index(
            "uq_closures_in_force",
            "office_id",
            "day",
            text("coalesce(counter_id, 0)"),
            text("coalesce(starts, '00:00:00')"),
            text("coalesce(ends, '00:00:00')"),
            unique=True,
            sqlite_where=text(IN_FORCE),
            postgresql_where=text(IN_FORCE),
        ),
    )


class SlotLoadRow(Base):
    """How many appointments a (office, service, slot) holds; created on its first booking."""

    __tablename__ = "slot_loads"
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"), primary_key=True)
    service: Mapped[str] = mapped_column(String(40), primary_key=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(Integer)
    booked: Mapped[int] = mapped_column(Integer, default=0)
    # Seats kept for assisted bookings (booking.channels), stated with ``capacity``, and how many
    # of ``booked`` a clerk made: an online booking leaves ``reserved - assisted_booked`` free.
    reserved: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    assisted_booked: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    __table_args__ = (
        CheckConstraint("booked >= 0", name="booked_not_negative"),
        Index("ix_slot_loads_office_day", "office_id", "service", "day"),
    )


class IdentityHoldRow(Base):
    """Active bookings per identity, so the limit of three is one conditional update."""

    __tablename__ = "identity_holds"
    identity_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    active: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (CheckConstraint("active >= 0", name="active_not_negative"),)


class SlotHoldRow(Base):
    """A freed seat kept off sale until ``until``: a cancelled or moved booking's slot goes back on
    sale only after a random cool-off, so a broker cannot hand it to a buyer at an agreed second.
    A hold counts against the slot's capacity while ``until`` is in the future and stops counting
    by itself; rows long past are deleted (``booking.store.bookings``)."""

    __tablename__ = "slot_holds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    service: Mapped[str] = mapped_column(String(40))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    until: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    offer_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    """Set while the seat is held for a waitlist offer (``booking.waitlist``): the offer's sweep
    or answer passes it on, rests it, or drops it; ``until`` is then a safety net a little past
    the offer's end, should no process be left to sweep."""
    __table_args__ = (Index("ix_slot_holds_slot", "office_id", "service", "starts_at"),)


class ChurnCountRow(Base):
    """How often a subject (an identity digest, a booking id) did one kind of thing (reschedule,
    cancel) in one period (a year, a month, the booking's life): each cap is one conditional upsert
    on its row, so two processes racing cannot pass it. Rows whose ``expires_on`` is past are
    deleted."""

    __tablename__ = "churn_counts"
    subject: Mapped[str] = mapped_column(String(64), primary_key=True)
    kind: Mapped[str] = mapped_column(String(24), primary_key=True)
    period: Mapped[str] = mapped_column(String(10), primary_key=True)
    count: Mapped[int] = mapped_column(Integer, default=0)
    expires_on: Mapped[date] = mapped_column(Date, index=True)
    __table_args__ = (CheckConstraint("count >= 0", name="churn_count_not_negative"),)


class MobileLockRow(Base):
    """One row per stripe of mobile numbers (16 bits of a hash, so no number can be read back):
    a booking takes its stripe's row lock before counting the mobile's active bookings, so two
    bookings for one mobile are decided one after the other even on different servers."""

    __tablename__ = "mobile_locks"
    stripe: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    taken: Mapped[int] = mapped_column(Integer, default=0)


class ApplicantColumns:
    """Who a booking or a request is for (``booking.applicant.Applicant``, one column a field,
    mapped by ``booking.store.applicants``) and whether they are 60 on the visit day: the same
    columns in ``bookings`` and ``booking_requests``. ``sort_order`` keeps them where the tables
    always had them, after the row's id (and a booking's code)."""

    identity_hash: Mapped[str] = mapped_column(String(64), index=True, sort_order=-1)
    identity_type: Mapped[str] = mapped_column(String(16), sort_order=-1)
    identity_nationality: Mapped[str] = mapped_column(String(3), sort_order=-1)
    identity_last4: Mapped[str] = mapped_column(String(4), sort_order=-1)
    # Which identity key made ``identity_hash`` (key rotation), and the one fact the birth date
    # was kept for: no birth date is stored (README, "Keys and personal data").
    identity_key_id: Mapped[str] = mapped_column(String(16), sort_order=-1)
    senior_on_visit: Mapped[bool] = mapped_column(default=False, server_default=false(), sort_order=-1)
    full_name: Mapped[str] = mapped_column(String(200), sort_order=-1)
    phone: Mapped[str] = mapped_column(String(20), sort_order=-1)
    email: Mapped[str | None] = mapped_column(String(200), sort_order=-1)
    lang: Mapped[str] = mapped_column(String(2), default="ar", sort_order=-1)


class BookingRow(ApplicantColumns, Base):
    __tablename__ = "bookings"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True, sort_order=-2)
    code: Mapped[str] = mapped_column(String(8), unique=True, sort_order=-2)
    service: Mapped[str] = mapped_column(String(40))
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Where the booking was made and last moved from, as keyed digests (booking.provenance), so
    # the report of brokered bookings can group them without any address kept in clear.
    origin_address: Mapped[str | None] = mapped_column(String(64), nullable=True)
    origin_device: Mapped[str | None] = mapped_column(String(64), nullable=True)
    moved_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    moved_address: Mapped[str | None] = mapped_column(String(64), nullable=True)
    # The office's last change to the booking (moved or cancelled by a rebalance) and why, in
    # both languages, for /my-booking: "moved by the office on … because …".
    office_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    office_change_en: Mapped[str | None] = mapped_column(String(300), nullable=True)
    office_change_ar: Mapped[str | None] = mapped_column(String(300), nullable=True)
    # Online, or made by a clerk for the citizen (booking.channels): at a desk or on the phone.
    channel: Mapped[str] = mapped_column(String(8), default="online", server_default="online")
    __table_args__ = (
        Index(
            "uq_bookings_active_identity_service",
            "identity_hash",
            "service",
            unique=True,
            sqlite_where=text(ACTIVE),
            postgresql_where=text(ACTIVE),
        ),
        Index("ix_bookings_office_day", "office_id", "day"),
        CheckConstraint(
            "status IN ('confirmed', 'checked_in', 'served', 'no_show', 'cancelled')",
            name="booking_status_known",
        ),
    )


# Active bookings of one mobile number are counted on every booking (the per-mobile cap).
Index("ix_bookings_active_phone", BookingRow.phone, sqlite_where=text(ACTIVE), postgresql_where=text(ACTIVE))
# The report of brokered bookings reads the bookings made, or moved, in a range of time.
Index("ix_bookings_created_at", BookingRow.created_at)
Index("ix_bookings_moved_at", BookingRow.moved_at)


class BookingVisitRow(Base):
    """Each service of a booking at its slot (``booking.bookings.Visit``): one row for a single
    service, one per service of a chain (position 0 is the booking's own service and start).
    ``identity_hash`` and ``active`` are the booking's, kept in step by every statement that
    changes them, so the partial unique index holds "one active booking per identity and
    service" across chains in the database, whichever position a service has."""

    __tablename__ = "booking_visits"
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    service: Mapped[str] = mapped_column(String(40))
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[date] = mapped_column(Date)
    identity_hash: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column()
    person: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    """Whose seat: 0 the applicant (whose rows are the booking's visits, ``ends_at`` the end of
    the party's block), k ≥ 1 the booking's k-th companion (``booking_people``), whose
    ``identity_hash`` the row carries, so the index below holds for every person of a party."""
    __table_args__ = (
        Index(
            "uq_booking_visits_active_identity_service",
            "identity_hash",
            "service",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
        Index("ix_booking_visits_office_day", "office_id", "day"),
        CheckConstraint("position >= 0", name="visit_position_not_negative"),
    )


class BookingPersonRow(Base):
    """Someone booked in the applicant's block (``booking.bookings.Companion``), person 1
    onwards; their seats are rows of ``booking_visits`` with the same ``person``. ``active`` turns
    false when they are removed, or the booking ends."""

    __tablename__ = "booking_people"
    booking_id: Mapped[int] = mapped_column(
        ForeignKey("bookings.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    person: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    full_name: Mapped[str] = mapped_column(String(200))
    identity_hash: Mapped[str] = mapped_column(String(64), index=True)
    identity_type: Mapped[str] = mapped_column(String(16))
    identity_nationality: Mapped[str] = mapped_column(String(3))
    identity_last4: Mapped[str] = mapped_column(String(4))
    identity_key_id: Mapped[str] = mapped_column(String(16))
    active: Mapped[bool] = mapped_column()
    removed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    __table_args__ = (CheckConstraint("person >= 1", name="companion_person_positive"),)


class StaffUserRow(Base):
    __tablename__ = "staff_users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)
    role: Mapped[str] = mapped_column(String(16))
    offices: Mapped[list[str]]
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Sessions and lock-out (booking/store/staff.py): every token carries ``token_version`` and
    # dies when it is bumped; wrong passwords count up to a lock whose end is ``locked_until``.
    token_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    failed_logins: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    __table_args__ = (
        CheckConstraint("role IN ('admin', 'manager', 'agent', 'kiosk', 'clerk')", name="staff_role_known"),
    )


class BookingRequestRow(ApplicantColumns, Base):
    """A flexible request: the identity (by digest, as for bookings), the offices accepted with
    their distance, the date window, and what became of it."""

    __tablename__ = "booking_requests"
    id: Mapped[str] = mapped_column(String(32), primary_key=True, sort_order=-2)
    code: Mapped[str] = mapped_column(String(8), sort_order=-2)
    """What the citizen reads aloud (``booking.codes``); unique, named as PostgreSQL would name
    it so a collision is told apart from a duplicate request (``booking.store.booking_requests``)."""
    service: Mapped[str] = mapped_column(String(40))
    later_services: Mapped[list[str]] = mapped_column(default=list, server_default=text("'[]'"))
    """One trip, several services: the services after ``service``, in the order served
    (``booking.chains``); empty for one service. ``service`` stays the first, so the unique index
    below still holds for it and every reader of one service keeps working."""
    reach: Mapped[dict[str, Any]]
    """How the citizen named the offices (``kind``: offices | governorate | near, and its
    values) and the offices it resolved to, ``offices: [[office_id, km], ...]``."""
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    time_of_day: Mapped[str | None] = mapped_column(String(16))
    preferred_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """Set for an entry into a day's opening draw (``booking.release``): the slot the citizen
    chose; the draw gives it, or the nearest free time that day, in an order drawn by lot."""
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(40))
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("bookings.id"))
    job_id: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (
        UniqueConstraint("code", name="booking_requests_code_key"),
        Index(
            "uq_booking_requests_pending_identity_service",
            "identity_hash",
            "service",
            unique=True,
            sqlite_where=text(PENDING),
            postgresql_where=text(PENDING),
        ),
        Index("ix_booking_requests_status", "status"),
        CheckConstraint(
            "status IN ('pending', 'assigned', 'unassigned', 'cancelled')", name="request_status_known"
        ),
        CheckConstraint("(status = 'assigned') = (booking_id IS NOT NULL)", name="assigned_has_booking"),
    )


class BookingReminderRow(Base):
    """A booking whose holder was reminded the evening before the visit (``booking.reminders``):
    the primary key makes a second reminder of the same booking impossible, whichever process
    or retried run sends it."""

    __tablename__ = "booking_reminders"
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"), primary_key=True)
    sent_at: Mapped[datetime] = mapped_column(UTCDateTime)


class BookingHoldRow(Base):
    """A seat held while the citizen types the code texted to their mobile (``booking.verification``).

    While ``status`` is ``awaiting_verification`` the seat counts in its slot's ``booked``; every
    change of status is one conditional update, and the seat is released by the transaction whose
    update left ``awaiting_verification`` (a confirm takes it again as the booking's). ``booking``
    is the booking to be made, as JSON: the identity's digests and last four digits, never the
    number. ``code_digest`` is an HMAC of the code bound to the hold; the code is never kept."""

    __tablename__ = "booking_holds"
    hold_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    identity_hash: Mapped[str] = mapped_column(String(64))
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    service: Mapped[str] = mapped_column(String(40))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    booking: Mapped[str] = mapped_column(Text)
    code_digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    last_sent_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sends: Mapped[int] = mapped_column(Integer, default=1)
    wrong: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(24))
    __table_args__ = (
        Index("ix_booking_holds_status_expiry", "status", "expires_at"),
        Index("ix_booking_holds_identity", "identity_hash", "service", "status"),
        CheckConstraint(
            "status IN ('awaiting_verification', 'confirmed', 'dropped', 'expired')", name="hold_status_known"
        ),
    )


LIVE_ENTRY = "status IN ('awaiting_verification', 'waiting', 'offered')"


class WaitlistEntryRow(ApplicantColumns, Base):
    """A citizen waiting for a freed seat (``booking.waitlist``): one live entry per identity and
    service (a partial unique index). While the mobile is verified the code's hold is kept here as
    in ``booking_holds`` (an HMAC of the code, never the code)."""

    __tablename__ = "waitlist_entries"
    entry_id: Mapped[str] = mapped_column(String(32), primary_key=True, sort_order=-2)
    service: Mapped[str] = mapped_column(String(40))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(24))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    code_digest: Mapped[str | None] = mapped_column(String(64), nullable=True)
    code_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    code_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    code_sends: Mapped[int] = mapped_column(Integer, default=0)
    code_wrong: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (
        Index(
            "uq_waitlist_live_identity_service",
            "identity_hash",
            "service",
            unique=True,
            sqlite_where=text(LIVE_ENTRY),
            postgresql_where=text(LIVE_ENTRY),
        ),
        Index("ix_waitlist_entries_line", "service", "status", "created_at"),
        CheckConstraint(
            "status IN ('awaiting_verification', 'waiting', 'offered', 'booked', 'left', 'lapsed', 'ended')",
            name="waitlist_status_known",
        ),
    )


class WaitlistOfficeRow(Base):
    """An office a waitlist entry accepts (a list, or a governorate's offices when it joined)."""

    __tablename__ = "waitlist_offices"
    entry_id: Mapped[str] = mapped_column(
        ForeignKey("waitlist_entries.entry_id", ondelete="CASCADE"), primary_key=True
    )
    office_id: Mapped[str] = mapped_column(String(64), primary_key=True, index=True)


class WaitlistOfferRow(Base):
    """A freed seat offered to one waitlist entry until ``expires_at``. It leaves ``offered`` by
    one conditional update (accepted, declined, expired), so it is answered once whichever
    process sweeps or accepts first. ``notified_at``: when its SMS was posted."""

    __tablename__ = "waitlist_offers"
    offer_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    entry_id: Mapped[str] = mapped_column(
        ForeignKey("waitlist_entries.entry_id", ondelete="CASCADE"), index=True
    )
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    service: Mapped[str] = mapped_column(String(40))
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime)
    day: Mapped[date] = mapped_column(Date)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    notified_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    __table_args__ = (
        Index("ix_waitlist_offers_status_expiry", "status", "expires_at"),
        Index("ix_waitlist_offers_slot", "office_id", "service", "starts_at"),
        CheckConstraint(
            "status IN ('offered', 'accepted', 'declined', 'expired')", name="waitlist_offer_status_known"
        ),
    )


class BookingReconfirmationRow(Base):
    """A booking asked to be reconfirmed (``booking.reconfirmation``): asked once (the primary
    key), confirmed or released once (conditional updates on ``confirmed_at`` / ``released_at``)."""

    __tablename__ = "booking_reconfirmations"
    booking_id: Mapped[int] = mapped_column(ForeignKey("bookings.id", ondelete="CASCADE"), primary_key=True)
    service: Mapped[str] = mapped_column(String(40))
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deadline: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    released_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
class DocumentReadinessRow(Base):
    """A finished document waiting at an office for its holder (``booking.collection``): whose (by
    identity digest and last four digits), which document, the mobile told, and by whom."""

    __tablename__ = "document_readiness"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    document: Mapped[str] = mapped_column(String(24))
    identity_hash: Mapped[str] = mapped_column(String(64))
    identity_last4: Mapped[str] = mapped_column(String(4))
    identity_key_id: Mapped[str] = mapped_column(String(16))
    phone: Mapped[str] = mapped_column(String(20))
    lang: Mapped[str] = mapped_column(String(2))
    marked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    marked_by: Mapped[str] = mapped_column(String(100))
    __table_args__ = (
        UniqueConstraint("office_id", "identity_hash", "document", name="uq_document_readiness_once"),
        Index("ix_document_readiness_identity", "identity_hash"),
    )
