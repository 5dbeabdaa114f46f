"""Foresight's one table: simulation jobs, so that any server process can answer how a manager's
simulation started in another is doing (``foresight.store.simulation_jobs``).

On booking's ``Base`` (``booking/store/tables.py``), so Alembic sees one schema
(``migrations/env.py`` imports this module).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import CheckConstraint, Date, Float, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kernel.database import Base, UTCDateTime


class SimulationJobRow(Base):
    """One simulated office day asked for by a manager: what was asked (``request``: the changes,
    replications and seed), how far it got and, when done, the figures (``result``)."""

    __tablename__ = "simulation_jobs"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id", ondelete="CASCADE"))
    day: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    requested_by: Mapped[str] = mapped_column(String(80))
    request: Mapped[dict[str, Any]]
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    result: Mapped[dict[str, Any] | None]
    error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """The last sign of life of the process running the job, on the database's clock (as
    ``optimiser_jobs.heartbeat_at``): a live job silent too long is reported failed."""
    __table_args__ = (
        CheckConstraint("status IN ('queued', 'running', 'done', 'failed')", name="simulation_status_known"),
        Index("ix_simulation_jobs_requested_by_status", "requested_by", "status"),
    )
