"""The sender on a real outbox (SQLite and PostgreSQL), a real gateway process and a real SMTP
server; time moves on a controllable clock instead of sleeping through backoffs."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select
from structlog.testing import capture_logs

from booking.store.retention import Retention
from kernel.clock import FixedClock
from kernel.database import Database
from messaging.channel import Channel
from messaging.channels import ChannelSettings, open_channels
from messaging.email_smtp import SmtpMailer, SmtpServer
from messaging.retry import Dead, RetryPolicy
from messaging.sender import Sender
from messaging.sms_gateway import SmsGateway
from messaging.store.outbox import OutboxStore, erase_messages
from messaging.store.tables import OutboxRow
from tests.integration.messaging.conftest import MAIL_FROM, Gateway, MailServer, message, post_messages
from tests.live_server import free_port

HOUR = timedelta(hours=1)


async def rows(database: Database) -> list[dict[str, Any]]:
    def work(conn: Any) -> list[dict[str, Any]]:
        return [
            dict(row._mapping) for row in conn.execute(select(OutboxRow.__table__).order_by(OutboxRow.id))
        ]

    return await database.read(work)


@pytest.fixture
async def sms(gateway: Gateway) -> AsyncIterator[SmsGateway]:
    channel = SmsGateway(gateway.send_url, gateway.token)
    yield channel
    await channel.close()


def sender(database: Database, clock: FixedClock, attempts: int = 8, **channels: Channel) -> Sender:
    return Sender(
        OutboxStore(database), channels, clock, RetryPolicy(max_attempts=attempts), jitter=lambda: 0.0
    )


async def test_a_message_goes_out_by_sms_and_by_email_each_once(
    database: Database, clock: FixedClock, gateway: Gateway, mail_server: MailServer, sms: SmsGateway
) -> None:
    await post_messages(database, clock.now(), message(1, email="mona@example.com"))
    mailer = SmtpMailer(SmtpServer.from_url(mail_server.url), MAIL_FROM)
    assert await sender(database, clock, sms=sms, email=mailer).run_once() == 2
    sms_row, email_row = await rows(database)
    assert [r["to"] for r in gateway.taken()] == ["+201000000001"]
    assert gateway.taken()[0]["key"] == sms_row["delivery_id"]
    (mail,) = mail_server.handler.messages
    assert mail["To"] == "mona@example.com" and mail["Message-ID"].startswith(f"<{email_row['delivery_id']}@")
    for row, via in ((sms_row, "gateway"), (email_row, "smtp")):
        assert (row["status"], row["sent_via"], row["attempts"], row["sent_at"]) == (
            "sent",
            via,
            1,
            clock.now(),
        )
        assert row["claimed_until"] is None and row["claim_token"] is None
    assert await OutboxStore(database).unsent() == []


async def test_a_gateway_that_fails_and_recovers_is_tried_again_after_a_growing_wait_and_delivers_once(
    database: Database, clock: FixedClock, gateway: Gateway, sms: SmsGateway
) -> None:
    await post_messages(database, clock.now(), message(2))
    gateway.control(fail=2, status=503)
    drain = sender(database, clock, sms=sms)
    posted = clock.now()

    assert await drain.run_once() == 1
    (row,) = await rows(database)
    assert (row["status"], row["attempts"], row["last_error"]) == ("pending", 1, row["last_error"])
    assert row["last_error"].startswith("HTTP 503") and "+201000000002" not in row["last_error"]
    assert row["next_attempt_at"] == posted + timedelta(seconds=30)

    assert await drain.run_once() == 0, "not due yet"
    clock.advance(timedelta(seconds=30))
    assert await drain.run_once() == 1
    (row,) = await rows(database)
    assert row["attempts"] == 2 and row["next_attempt_at"] == clock.now() + timedelta(seconds=60)

    clock.advance(timedelta(seconds=59))
    assert await drain.run_once() == 0
    clock.advance(timedelta(seconds=1))
    assert await drain.run_once() == 1
    (row,) = await rows(database)
    assert (row["status"], row["attempts"], row["sent_via"]) == ("sent", 3, "gateway")
    statuses = [(r["key"], r["status"]) for r in gateway.received()]
    assert statuses == [(row["delivery_id"], 503), (row["delivery_id"], 503), (row["delivery_id"], 200)]
    assert len(gateway.taken()) == 1


async def test_a_refused_message_is_dead_after_one_attempt_with_the_gateways_error(
    database: Database, clock: FixedClock, gateway: Gateway, sms: SmsGateway
) -> None:
    await post_messages(database, clock.now(), message(3))
    gateway.control(fail=10, status=400)
    drain = sender(database, clock, sms=sms)
    await drain.run_once()
    clock.advance(HOUR)
    assert await drain.run_once() == 0
    (row,) = await rows(database)
    assert (row["status"], row["attempts"]) == ("dead", 1) and row["last_error"].startswith("HTTP 400")
    assert len(gateway.received()) == 1


async def test_a_message_that_keeps_failing_is_dead_after_the_last_attempt(
    database: Database, clock: FixedClock, gateway: Gateway, sms: SmsGateway
) -> None:
    await post_messages(database, clock.now(), message(4))
    gateway.control(fail=100, status=503)
    drain = sender(database, clock, attempts=3, sms=sms)
    for _ in range(5):
        await drain.run_once()
        clock.advance(HOUR)
    (row,) = await rows(database)
    assert (row["status"], row["attempts"]) == ("dead", 3) and row["last_error"].startswith("HTTP 503")
    assert len(gateway.received()) == 3


async def test_without_a_gateway_outside_demo_mode_sms_stay_pending_and_are_never_dropped(
    database: Database, clock: FixedClock, mail_server: MailServer
) -> None:
    assert open_channels(ChannelSettings(demo=False)) == {}
    await post_messages(database, clock.now(), message(5, email="mona@example.com"))
    mailer = SmtpMailer(SmtpServer.from_url(mail_server.url), MAIL_FROM)
    assert await sender(database, clock, email=mailer).run_once() == 1
    clock.advance(24 * HOUR)
    assert await sender(database, clock, email=mailer).run_once() == 0
    by_channel = {r["channel"]: r for r in await rows(database)}
    assert by_channel["email"]["status"] == "sent"
    assert (by_channel["sms"]["status"], by_channel["sms"]["attempts"]) == ("pending", 0)


async def test_in_demo_mode_without_a_gateway_every_message_is_delivered_to_the_demo_inbox(
    database: Database, clock: FixedClock
) -> None:
    await post_messages(database, clock.now(), message(6, email="mona@example.com"))
    channels = open_channels(ChannelSettings(demo=True))
    assert await Sender(OutboxStore(database), channels, clock).run_once() == 2
    assert {(r["status"], r["sent_via"]) for r in await rows(database)} == {("sent", "demo")}
    inbox = await OutboxStore(database).demo_inbox("+201000000006")
    assert [entry.channel for entry in inbox] == ["email", "sms"]  # newest first: posted in that order
    assert {entry.to for entry in inbox} == {"+201000000006", "mona@example.com"}


async def test_a_sender_that_crashed_mid_batch_is_taken_over_after_its_lease_with_the_same_delivery_id(
    database: Database, clock: FixedClock, gateway: Gateway, sms: SmsGateway
) -> None:
    await post_messages(database, clock.now(), message(7))
    store = OutboxStore(database)
    (claimed,) = await store.claim(clock.now(), ["sms"], 10, timedelta(minutes=5), "crashed-sender")
    await sms.send(claimed)  # the gateway took it; then the sender died before recording it
    drain = sender(database, clock, sms=sms)
    clock.advance(timedelta(minutes=4))
    assert await drain.run_once() == 0, "the lease still holds"
    clock.advance(timedelta(minutes=1))
    assert await drain.run_once() == 1
    (row,) = await rows(database)
    assert (row["status"], row["attempts"]) == ("sent", 2)
    first, repeat = gateway.received()
    assert first["key"] == repeat["key"] == claimed.delivery_id and repeat["duplicate"]
    assert len(gateway.taken()) == 1, "the citizen got one SMS"


async def test_a_sender_whose_lease_ran_out_cannot_overwrite_what_the_next_holder_recorded(
    database: Database, clock: FixedClock
) -> None:
    await post_messages(database, clock.now(), message(8))
    store = OutboxStore(database)
    (late,) = await store.claim(clock.now(), ["sms"], 10, timedelta(minutes=5), "late-sender")
    clock.advance(timedelta(minutes=6))
    (taken_over,) = await store.claim(clock.now(), ["sms"], 10, timedelta(minutes=5), "next-sender")
    await store.record([(late, Dead("HTTP 400"))], "late-sender", clock.now())
    (row,) = await rows(database)
    assert (row["status"], row["claim_token"], row["attempts"]) == ("pending", "next-sender", 2)
    assert taken_over.delivery_id == late.delivery_id


async def test_old_messages_lose_their_address_and_text_and_keep_their_state(
    database: Database, clock: FixedClock
) -> None:
    await post_messages(database, clock.now(), message(9, email="mona@example.com"))
    await Sender(OutboxStore(database), open_channels(ChannelSettings(demo=True)), clock).run_once()
    retention = Retention(visit_days=90, cancelled_days=30)
    assert (
        await database.write(lambda conn: erase_messages(conn, retention, clock.now() + timedelta(days=29)))
        == 0
    )
    assert (
        await database.write(lambda conn: erase_messages(conn, retention, clock.now() + timedelta(days=31)))
        == 2
    )
    for row in await rows(database):
        assert (row["address"], row["phone"], row["text"], row["subject"]) == ("", "", "", None)
        assert row["status"] == "sent" and row["delivery_id"]


async def test_a_database_outage_is_one_warning_and_the_sender_goes_on(clock: FixedClock) -> None:
    """Nothing listens where the database should be: every turn fails, one line says so, and the
    loop keeps turning until it is stopped."""
    unreachable = Database(f"postgresql+asyncpg://mawid@127.0.0.1:{free_port()}/mawid")
    drain = Sender(
        OutboxStore(unreachable), open_channels(ChannelSettings(demo=True)), clock, idle_seconds=0.05
    )
    with capture_logs() as logs:
        running = asyncio.create_task(drain.run())
        await asyncio.sleep(1.0)
        drain.stop()
        await asyncio.wait_for(running, 10)
    await unreachable.dispose()
    assert [line["event"] for line in logs] == ["delivery_store_unavailable"]
