"""A visit taken from booking to the counter's ``complete``, and the feedback link it leaves in
the outbox: what every feedback test starts from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import select

from kernel.clock import FixedClock
from kernel.database import Database
from messaging.store.tables import OutboxRow
from tests.integration.hall.conftest import (  # noqa: F401 (helpers for the tests)
    ABBASSIA,
    PASSPORT,
    Client,
    Headers,
    booking_body,
    call_next,
    check_in,
    login,
    national_id,
    open_counter,
    problem,
    slots,
    step,
)


@pytest.fixture
async def kiosk(client: Client) -> Headers:
    return await login(client, "kiosk.abbassia")


@pytest.fixture
async def agent(client: Client) -> Headers:
    return await login(client, "agent.abbassia")


LINK = re.compile(r"/feedback/([A-Za-z0-9_-]{22})")


async def book(
    client: Client, lang: str | None = None, service: str = PASSPORT, day: str = "2026-12-06", slot: int = 0
) -> dict[str, Any]:
    """A booking of the ``slot``-th time at Abbassia on ``day`` (the test clock's today), in
    ``lang`` when given."""
    start = (await slots(client, ABBASSIA, service, day))[slot]["start"]
    extra = {"lang": lang} if lang else {}
    body = booking_body(start, national_id(), service=service, office_id=ABBASSIA, **extra)
    response = await client.post("/api/v1/bookings", json=body)
    assert response.status_code == 201, response.text
    return response.json()  # type: ignore[no-any-return]


async def serve(
    client: Client,
    kiosk: Headers,
    agent: Headers,
    clock: FixedClock,
    booking: dict[str, Any] | None,
    service: str = PASSPORT,
) -> Any:
    """Check ``booking`` in (or a walk-in when None), wait for its time, call, start and complete
    it at a counter; returns the answer to ``complete``."""
    if booking is not None:
        code = booking["code"]
        start = datetime.fromisoformat(booking["start"])
        if start > clock.now():  # an appointment is called from its time on
            clock.advance(start - clock.now())
    if booking is None:
        issued = await client.post(
            f"/api/v1/offices/{ABBASSIA}/tickets", json={"service": service}, headers=kiosk
        )
    else:
        issued = await check_in(client, kiosk, code)
    assert issued.status_code == 201, issued.text
    counter = await open_counter(client, agent, service)
    ticket = await call_next(client, agent, counter)
    assert ticket["ticket_id"] == issued.json()["ticket_id"]
    assert (await step(client, agent, ticket["ticket_id"], "start")).status_code == 200
    return await step(client, agent, ticket["ticket_id"], "complete")


@dataclass(frozen=True)
class Sms:
    """A feedback message as the outbox holds its SMS."""

    phone: str
    lang: str
    booking_code: str | None
    message: str
    payload: dict[str, Any]


async def feedback_messages(database_url: str) -> list[Sms]:
    """The outbox's feedback SMS, oldest first, whatever their delivery state."""
    database = Database(database_url)
    try:
        rows = await database.read(
            lambda conn: conn.execute(
                select(
                    OutboxRow.phone, OutboxRow.lang, OutboxRow.booking_code, OutboxRow.text, OutboxRow.payload
                )
                .where(OutboxRow.kind == "feedback", OutboxRow.channel == "sms")
                .order_by(OutboxRow.id)
            ).all()
        )
        return [Sms(row.phone, row.lang, row.booking_code, row.text, row.payload or {}) for row in rows]
    finally:
        await database.dispose()


def token_of(message: Sms) -> str:
    found = LINK.search(message.message)
    assert found, message.message
    return found.group(1)


async def visit_with_link(
    client: Client,
    kiosk: Headers,
    agent: Headers,
    clock: FixedClock,
    database_url: str,
    lang: str | None = None,
    day: str = "2026-12-06",
) -> tuple[dict[str, Any], str]:
    """A booking served to the end on ``day``, and the token of the link its holder was sent."""
    booking = await book(client, lang, day=day)
    completed = await serve(client, kiosk, agent, clock, booking)
    assert completed.status_code == 200, completed.text
    (message,) = [m for m in await feedback_messages(database_url) if m.booking_code == booking["code"]]
    return booking, token_of(message)
