"""A booking's notice, posted to the outbox inside the transaction that makes the change it
announces: a booking made, cancelled or moved, a reminder, a code sent again. Either the change
and its message are both kept, or neither (``messaging.store.outbox.post``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.engine import Connection

from booking.bookings import Booking
from booking.notices import Notice
from messaging.outbox import OutboxMessage
from messaging.store.outbox import post


def outbox_message(notice: Notice, booking: Booking) -> OutboxMessage:
    """``notice`` addressed to the holder of ``booking``: the SMS to the mobile, the e-mail (which
    may say more) to the address when one was given."""
    return OutboxMessage(
        kind=notice.kind,
        phone=booking.applicant.phone,
        lang=notice.lang,
        message=notice.sms,
        email=booking.applicant.email,
        booking_code=booking.code,
        office_id=booking.office_id,
        subject=notice.subject,
        email_text=notice.email,
    )


def post_notice(conn: Connection, notice: Notice, booking: Booking, now: datetime) -> None:
    post(conn, outbox_message(notice, booking), now)
