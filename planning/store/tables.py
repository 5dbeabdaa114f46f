"""Tables of planning's work: the opening draws, optimiser jobs, rebalance plans and scheduled runs
(the outbox of notifications to citizens is messaging's: ``messaging/store/tables.py``).

On booking's ``Base`` (``booking/store/tables.py``), so Alembic sees one schema
(``migrations/env.py`` imports this module). The flexible requests planning assigns are booking's
(``booking_requests`` in ``booking/store/tables.py``): booking takes them in, checks them against
the citizen's bookings and re-keys them with the identity. The invariant concurrency could break
is a constraint here too: a rebalance plan is applied at most once (``preview → applied`` is a
conditional update, ``planning.store.rebalance_plans``), and an optimiser preview at most once (a
unique ``optimiser_jobs.applies``).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kernel.database import Base, UTCDateTime


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
    mode: Mapped[str] = mapped_column(String(16), default="run", server_default="run")
    """``run`` writes bookings as it goes; ``preview`` only works out what a run would do and
    keeps it (``plan``); ``apply`` writes the ``plan`` of the preview it ``applies``."""
    plan: Mapped[dict[str, Any] | None]
    """A preview's decisions, as applying it will write them (``planning.optimiser_preview``)."""
    applies: Mapped[str | None] = mapped_column(String(32))
    """The preview an ``apply`` job writes: unique, so a preview is applied at most once however
    many clicks or managers ask at the same moment."""
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="job_status_known"),
        CheckConstraint("mode IN ('run', 'preview', 'apply')", name="job_mode_known"),
        UniqueConstraint("applies", name="uq_optimiser_jobs_applies"),
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


class ScheduledRunRow(Base):
    """One run of clock-driven work (reminders, the erasure, the national batches) at one due
    instant: the process whose ``INSERT`` makes the row does it, so every due run is done once
    however many processes watch the clock (``planning.scheduled_work``)."""

    __tablename__ = "scheduled_runs"
    job: Mapped[str] = mapped_column(String(40), primary_key=True)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(200), default="")
