"""Tables of the optimiser's work: flexible booking requests, optimiser jobs, rebalance plans, and
the outbox of notifications to citizens.

Kept apart from ``tables.py`` (the booking core's schema) but on the same ``Base``, so Alembic
sees one schema. The invariants that concurrency could break are constraints here too:

- one *pending* request per identity and service: a partial unique index;
- a request is assigned at most once: it leaves ``pending`` by a conditional update in the same
  transaction that inserts its booking (``booking.store.assignments``);
- a rebalance plan is applied at most once: ``preview → applied`` is a conditional update.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, Integer, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from booking.store.tables import Base, UTCDateTime

PENDING = "status = 'pending'"


class BookingRequestRow(Base):
    """A flexible request: the identity (by digest, as for bookings), the offices accepted with
    their distance, the date window, and what became of it."""

    __tablename__ = "booking_requests"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    identity_hash: Mapped[str] = mapped_column(String(64), index=True)
    identity_type: Mapped[str] = mapped_column(String(16))
    identity_nationality: Mapped[str] = mapped_column(String(3))
    identity_last4: Mapped[str] = mapped_column(String(4))
    # Which identity key made ``identity_hash`` (key rotation), and the one fact the birth date
    # was kept for: no birth date is stored (README, "Keys and personal data").
    identity_key_id: Mapped[str] = mapped_column(String(16))
    senior_on_visit: Mapped[bool] = mapped_column(default=False, server_default=false())
    full_name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(2))
    service: Mapped[str] = mapped_column(String(40))
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


class ReleaseDrawRow(Base):
    """One row per drawn day: who drew it (a claim, so that of several processes one draws),
    the seed of the order, and what came of it. With the seed and the entries' ids anyone can
    replay the order (``planning.lottery.draw_order``)."""

    __tablename__ = "release_draws"
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    seed: Mapped[str] = mapped_column(String(64))
    entries: Mapped[int] = mapped_column(Integer, default=0)
    placed: Mapped[int] = mapped_column(Integer, default=0)


class OptimiserJobRow(Base):
    """One optimiser run, readable by every process: status, progress and, when done, the figures."""

    __tablename__ = "optimiser_jobs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    status: Mapped[str] = mapped_column(String(16))
    requested_by: Mapped[str] = mapped_column(String(80))
    scope: Mapped[dict[str, Any]]
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    phase: Mapped[str] = mapped_column(String(80), default="")
    result: Mapped[dict[str, Any] | None]
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """The last sign of life of the process running the job, on the *database's* clock (never the
    app's, which ``MAWID_CLOCK`` may set differently in each process): every process compares it
    with the same database clock, so all agree when a silent job was interrupted."""
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="job_status_known"),
    )


class RebalancePlanRow(Base):
    """A rebalance plan as the manager previewed it, so that applying it applies exactly that."""

    __tablename__ = "rebalance_plans"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    first_day: Mapped[date] = mapped_column(Date)
    last_day: Mapped[date] = mapped_column(Date)
    created_by: Mapped[str] = mapped_column(String(80))
    status: Mapped[str] = mapped_column(String(16))
    plan: Mapped[dict[str, Any]]
    result: Mapped[dict[str, Any] | None]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    applied_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (CheckConstraint("status IN ('preview', 'applied')", name="plan_status_known"),)


class OutboxRow(Base):
    """A message to a citizen, written in the same transaction as the change it announces; a
    sender (SMS, e-mail: not built yet) delivers unsent rows and stamps ``sent_at``."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(40))
    booking_code: Mapped[str | None] = mapped_column(String(8), index=True)
    request_id: Mapped[str | None] = mapped_column(String(32), index=True)
    phone: Mapped[str] = mapped_column(String(20))
    email: Mapped[str | None] = mapped_column(String(200))
    lang: Mapped[str] = mapped_column(String(2))
    message: Mapped[str] = mapped_column(Text)
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_outbox_unsent", "sent_at"),)
