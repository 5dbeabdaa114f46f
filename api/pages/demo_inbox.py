"""The demo inbox page, ``/demo/inbox`` (demo mode only): a mobile number in, its messages out, as
the phone would show them, newest first. Server-rendered, with no script: the form asks again.

Outside demo mode the page is a 404 like the API (``api/routes/demo_inbox.py``).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from litestar import Request, get
from litestar.params import FromQuery
from litestar.response import Template

from api.pages.layout import render_page
from api.providers import Injected
from api.routes.demo_inbox import demo_only, inbox_of
from kernel.days import TIMEZONE
from kernel.errors import InvalidInput
from messaging.store.outbox import OutboxStore

PHONE_LENGTH = 20


def _local(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo(TIMEZONE)).strftime("%Y-%m-%d %H:%M")


@get("/demo/inbox", include_in_schema=False, guards=[demo_only], summary="Demo mode: a phone's messages")
async def demo_inbox_page(
    request: Request[Any, Any, Any], outbox: Injected[OutboxStore], phone: FromQuery[str] = ""
) -> Template:
    phone = phone.strip()[:PHONE_LENGTH]
    messages, invalid = [], False
    if phone:
        try:
            messages = [
                {
                    "channel": e.channel,
                    "to": e.to,
                    "subject": e.subject,
                    "text": e.text,
                    "at": _local(e.sent_at),
                }
                for e in await inbox_of(outbox, phone)
            ]
        except InvalidInput:
            invalid = True
    return render_page(
        request, "citizen/demo_inbox.html", "inbox.title", phone=phone, invalid=invalid, messages=messages
    )
