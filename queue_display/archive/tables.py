"""The ticket archive's tables: the queue's history, which outlives the live queue store.

They join booking's ``Base`` (one schema for Alembic; ``migrations/env.py`` imports this module).
The invariant concurrency could break is guarded here too: a ticket's archived row only moves
forward in its life (``tickets.progress`` guards the upsert, ``queue_display.archive.tickets``).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from kernel.database import Base, UTCDateTime

TICKET_STATUSES = "status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'parked')"


class TicketRow(Base):
    """A queue ticket as it last stood: the history that outlives the live queue store.

    ``wait_seconds`` (arrival → call) and ``service_seconds`` (start → complete) are kept beside
    the instants so statistics are plain aggregates. ``progress`` rises with every step of the
    ticket's life; the upsert only writes a row forward, so two processes archiving the steps of
    one ticket out of order cannot put it back.
    """

    __tablename__ = "tickets"
    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    day: Mapped[date] = mapped_column(Date)
    sequence: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(16))
    service: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    booking_code: Mapped[str | None] = mapped_column(String(8), index=True)
    counter: Mapped[str | None] = mapped_column(String(40))
    recalls: Mapped[int] = mapped_column(Integer, default=0)
    queued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime)
    slot_start: Mapped[datetime | None] = mapped_column(UTCDateTime)
    called_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    wait_seconds: Mapped[float | None] = mapped_column(Float)
    service_seconds: Mapped[float | None] = mapped_column(Float)
    transferred_from: Mapped[str | None] = mapped_column(String(32))
    transferred_to: Mapped[str | None] = mapped_column(String(32))
    next_visits: Mapped[list[list[str]] | None] = mapped_column(JSON)
    """A chain's services still to come, ``[[service, slot start ISO], ...]``: what a live queue
    taken up again from the archive needs to send the ticket on."""
    visits_served: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    headcount: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    """How many people the ticket is for (a booking for several people is one ticket)."""
    parked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    """When a counter parked the ticket (its holder was not there); with ``returned_at``, what a
    live queue taken up again needs to put a returned ticket in its place."""
    returned_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    progress: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (
        Index("ix_tickets_office_day", "office_id", "day"),
        Index("ix_tickets_parked_at", "parked_at"),
        CheckConstraint(TICKET_STATUSES, name="ticket_status_known"),
    )


class TicketNumberRow(Base):
    """The last ticket sequence handed out per office and day: the database, not the live queue
    store, decides each number, so no number is given twice in an office's day whatever happens
    to Redis (a restart that loses its keys, a failover to a replica that lagged)."""

    __tablename__ = "ticket_numbers"
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"), primary_key=True)
    day: Mapped[date] = mapped_column(Date, primary_key=True)
    last: Mapped[int] = mapped_column(Integer)


class TicketStepRow(Base):
    """Every step of every ticket, with the staff member who took it: the hall's audit trail."""

    __tablename__ = "ticket_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(String(32), index=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    day: Mapped[date] = mapped_column(Date)
    action: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16))
    counter: Mapped[str | None] = mapped_column(String(40))
    staff: Mapped[str | None] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (Index("ix_ticket_steps_office_day", "office_id", "day"),)


COUNTER_STATUSES = "status IN ('open', 'paused', 'closed')"


class CounterStepRow(Base):
    """Every open, pause and close of a counter, with who did it and the services it then served:
    the floor's audit trail, and each counter's last state to take up after a restart."""

    __tablename__ = "counter_steps"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    counter: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(16))
    services: Mapped[list[str]]
    staff: Mapped[str | None] = mapped_column(String(80))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    __table_args__ = (
        Index("ix_counter_steps_office_counter", "office_id", "counter"),
        CheckConstraint(COUNTER_STATUSES, name="counter_status_known"),
    )


class HeadsUpRow(Base):
    """Text me when I'm close: a mobile asked to be told when ``ahead`` people or fewer are
    before the ticket, and when it is called. ``near_sent_at`` and ``called_sent_at`` are set by
    conditional updates in the transaction that posts the SMS, so each is sent once whichever
    process sees the queue move. The mobile (E.164, as bookings keep it) is erased once the
    heads-up is closed (both sent, or the ticket finished); the row stays for the uptake figures."""

    __tablename__ = "ticket_heads_ups"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(String(32))
    office_id: Mapped[str] = mapped_column(ForeignKey("offices.id"))
    day: Mapped[date] = mapped_column(Date)
    phone: Mapped[str] = mapped_column(String(20))
    lang: Mapped[str] = mapped_column(String(2))
    ahead: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(16))
    """Where it was asked: ``kiosk`` or ``page`` (the ticket's live page)."""
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime)
    near_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    called_sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    __table_args__ = (
        Index("ix_ticket_heads_ups_office_day", "office_id", "day"),
        UniqueConstraint("ticket_id", name="heads_up_one_per_ticket"),
    )
