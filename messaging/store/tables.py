"""The outbox: one row per delivery (a message on one channel to one address).

``status`` moves ``pending → sent`` or ``pending → dead`` and never back. A sender claims a
pending row whose ``next_attempt_at`` has come by setting ``claimed_until`` (its lease) and
``claim_token`` and counting the attempt; what it records afterwards is conditional on still
holding that token, so a sender that outlived its lease cannot overwrite another's result.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kernel.database import Base, UTCDateTime


class OutboxRow(Base):
    """A message to a citizen on one channel, written in the same transaction as the change it
    announces, and what became of its delivery."""

    __tablename__ = "outbox"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    delivery_id: Mapped[str] = mapped_column(String(32), unique=True, index=True)
    kind: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(8))
    address: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str] = mapped_column(String(20))
    subject: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(2))
    office_id: Mapped[str | None] = mapped_column(String(64))
    booking_code: Mapped[str | None] = mapped_column(String(8), index=True)
    request_id: Mapped[str | None] = mapped_column(String(32), index=True)
    payload: Mapped[dict[str, Any]]
    status: Mapped[str] = mapped_column(String(8))
    attempts: Mapped[int] = mapped_column(Integer)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_token: Mapped[str | None] = mapped_column(String(32))
    last_error: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_via: Mapped[str | None] = mapped_column(String(16))
    __table_args__ = (
        CheckConstraint("channel IN ('sms', 'email')", name="outbox_channel_known"),
        CheckConstraint("status IN ('pending', 'sent', 'dead')", name="outbox_status_known"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
        Index("ix_outbox_office_status", "office_id", "status"),
    )
