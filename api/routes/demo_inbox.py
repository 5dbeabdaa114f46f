"""The demo inbox over HTTP: ``GET /api/v1/demo/inbox?phone=`` lists what a mobile would have
received (SMS, and e-mails to the same citizen), newest first; the page ``/demo/inbox`` shows the
same as a phone would (``api/pages/demo_inbox.py``). Both answer 404 outside demo mode, where
messages really leave and nothing is kept to show.

In demo mode everything is demo data: anyone may read any number's inbox, which is the point (a
newcomer books, then reads the SMS). Outside it the endpoint does not exist, whoever asks.
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Controller, get
from litestar.connection import ASGIConnection
from litestar.handlers.base import BaseRouteHandler
from litestar.params import FromQuery

from api.messages import MESSAGES
from api.problems import PARAMETERS, answers
from api.providers import Injected
from api.services import settings_of
from api.views import instant
from booking.identity import normalise_phone
from kernel.days import TIMEZONE
from kernel.errors import NotFound
from messaging.store.outbox import InboxEntry, OutboxStore

INBOX_SIZE = 50
OUTSIDE_DEMO = MESSAGES.refusal(NotFound, "not_found.demo_inbox")


class InboxMessageOut(msgspec.Struct):
    """A message the demo inbox "delivered": to whom (the mobile, or the e-mail address), by which
    channel (``sms`` or ``email``), what it said, when; an e-mail's ``subject`` too."""

    to: str
    channel: str
    text: str
    sent_at: str
    subject: str | None = None


def demo_only(connection: ASGIConnection[Any, Any, Any, Any], _: BaseRouteHandler | None = None) -> None:
    """A 404, as for a path that does not exist, outside demo mode (a guard: before anything
    else about the request is looked at)."""
    settings = settings_of(connection.app)
    if settings is None or not settings.demo:
        raise OUTSIDE_DEMO()


async def inbox_of(outbox: OutboxStore, phone: str) -> list[InboxEntry]:
    """The demo inbox of ``phone`` (any way a citizen writes a mobile), newest first; a 422
    ``invalid_phone`` for something that is not an Egyptian mobile."""
    return await outbox.demo_inbox(normalise_phone(phone), INBOX_SIZE)


class DemoInboxController(Controller):
    path = "/api/v1/demo/inbox"
    tags = ["demo"]
    guards = [demo_only]

    @get(
        "/",
        summary="Demo mode: the messages a mobile would have received, newest first",
        responses=answers(
            PARAMETERS,
            {
                404: "`not_found`: not in demo mode",
                422: "`invalid_phone`: not an Egyptian mobile number",
            },
        ),
    )
    async def inbox(self, outbox: Injected[OutboxStore], phone: FromQuery[str]) -> list[InboxMessageOut]:
        return [
            InboxMessageOut(
                to=entry.to,
                channel=entry.channel,
                text=entry.text,
                sent_at=instant(entry.sent_at, TIMEZONE),
                subject=entry.subject,
            )
            for entry in await inbox_of(outbox, phone)
        ]
