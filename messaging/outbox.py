"""The outbox's values: what a context posts and what a sender delivers.

An ``OutboxMessage`` is one message to one citizen, already written in their language. Posted, it
becomes one ``Delivery`` per channel the citizen can be reached on: an SMS to the mobile and, when
an e-mail address was given, an e-mail. Each delivery has its own ``delivery_id``, a random
hex uuid that every attempt carries to the gateway (``Idempotency-Key``) or the mail server
(``Message-ID``), so a message sent again after a crash can be recognised there and dropped.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any, Final, Literal

from messaging.messages import MESSAGES

ChannelName = Literal["sms", "email"]
SMS: Final = "sms"
EMAIL: Final = "email"
CHANNELS: tuple[ChannelName, ...] = (SMS, EMAIL)

Status = Literal["pending", "sent", "dead"]
PENDING: Final = "pending"
SENT: Final = "sent"
DEAD: Final = "dead"
STATUSES: tuple[Status, ...] = (PENDING, SENT, DEAD)


@dataclass(frozen=True, slots=True)
class OutboxMessage:
    """One message to one citizen, already written in their language.

    ``message`` is the SMS text (and the e-mail's, unless ``email_text`` says more); ``subject``
    is the e-mail's (a general one when None). ``office_id`` names the office the message is
    about, so its managers see how its messages fare."""

    kind: str
    phone: str
    lang: str
    message: str
    email: str | None = None
    booking_code: str | None = None
    request_id: str | None = None
    payload: dict[str, Any] = field(default_factory=dict)
    office_id: str | None = None
    subject: str | None = None
    email_text: str | None = None


@dataclass(frozen=True, slots=True)
class Delivery:
    """One message on one channel to one address, as a sender claims it."""

    delivery_id: str
    channel: ChannelName
    address: str
    text: str
    lang: str
    kind: str
    phone: str
    """The citizen's mobile, whatever the channel: the demo inbox finds their messages by it."""
    subject: str | None = None
    office_id: str | None = None
    booking_code: str | None = None
    request_id: str | None = None
    attempts: int = 0
    """Attempts made so far, this one included once it is claimed."""


def about(message: OutboxMessage, office_id: str) -> OutboxMessage:
    """``message``, said to concern ``office_id`` unless it names its office already: that office's
    managers see how it fares (``OutboxStore.office_state``)."""
    return message if message.office_id else replace(message, office_id=office_id)


def new_delivery_id() -> str:
    """A fresh delivery id: 32 hex digits (a random uuid), unique in the outbox."""
    return uuid.uuid4().hex


def default_subject(lang: str) -> str:
    """The e-mail's subject when the message names none, in the citizen's language."""
    return MESSAGES.text("email.subject", lang)


def deliveries_of(message: OutboxMessage, new_id: Callable[[], str] = new_delivery_id) -> list[Delivery]:
    """The deliveries a posted message makes: an SMS when it has a mobile, an e-mail when it has
    an address, each with a delivery id of its own."""
    sms = Delivery(
        delivery_id="",
        channel=SMS,
        address=message.phone,
        text=message.message,
        lang=message.lang,
        kind=message.kind,
        phone=message.phone,
        office_id=message.office_id,
        booking_code=message.booking_code,
        request_id=message.request_id,
    )
    deliveries = []
    if message.phone:
        deliveries.append(replace(sms, delivery_id=new_id()))
    if message.email:
        email = replace(
            sms,
            channel=EMAIL,
            address=message.email,
            text=message.email_text or message.message,
            subject=message.subject or default_subject(message.lang),
        )
        deliveries.append(replace(email, delivery_id=new_id()))
    return deliveries


def masked(address: str) -> str:
    """An address as a manager may see it: a mobile's last four digits, an e-mail's first letter
    and domain."""
    if "@" in address:
        local, _, domain = address.rpartition("@")
        return f"{local[:1]}…@{domain}"
    return "•" * max(0, len(address) - 4) + address[-4:]


_NUMBER = re.compile(r"\+?\d[\d ]{5,}\d")


def scrubbed(error: str, limit: int = 300) -> str:
    """An error as it is kept: one line, at most ``limit`` characters, and any number that could
    be a mobile (a gateway may echo it) cut to its last four digits."""
    line = " ".join(error.split())
    return _NUMBER.sub(lambda found: masked(found.group().replace(" ", "")), line)[:limit]
