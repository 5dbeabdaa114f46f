"""Small hand-made tickets for the queue's unit tests."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from kernel.days import TIMEZONE
from queue_display import ticket
from queue_display.ticket import Priority, Ticket, TicketKind

CAIRO = ZoneInfo(TIMEZONE)
OPENING = datetime(2026, 12, 6, 8, 0, tzinfo=CAIRO)


def at(minutes: float) -> datetime:
    """Minutes after the office opened on the test day."""
    return OPENING + timedelta(minutes=minutes)


def walk_in(
    sequence: int,
    arrived: float,
    service: str = "passport-new",
    priority: Priority = Priority.NONE,
) -> Ticket:
    return ticket.new_ticket(
        ticket_id=f"w{sequence}",
        office_id="giza",
        day=date(2026, 12, 6),
        sequence=sequence,
        prefix="P",
        service=service,
        kind=TicketKind.WALK_IN,
        priority=priority,
        now=at(arrived),
    )


def appointment(
    sequence: int,
    arrived: float,
    slot: float,
    service: str = "passport-new",
    priority: Priority = Priority.NONE,
) -> Ticket:
    return ticket.new_ticket(
        ticket_id=f"a{sequence}",
        office_id="giza",
        day=date(2026, 12, 6),
        sequence=sequence,
        prefix="P",
        service=service,
        kind=TicketKind.APPOINTMENT,
        priority=priority,
        now=at(arrived),
        booking_code=f"BK{sequence:06d}",
        slot_start=at(slot),
    )
