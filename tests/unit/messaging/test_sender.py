"""The sender on fakes: what becomes of a delivery that is taken, refused, failing, or a bug."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from kernel.clock import FixedClock
from messaging.outbox import Delivery
from messaging.retry import Failure, RetryPolicy
from messaging.sender import Sender
from tests.fakes.messaging import FakeChannel, FakeDeliveries

NOW = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def _delivery(n: int, channel: str = "sms") -> Delivery:
    return Delivery(f"d{n}", channel, "+201012345678", f"message {n}", "ar", "booked", "+201012345678")  # type: ignore[arg-type]


def _world(*deliveries: Delivery, **sender: object) -> tuple[FakeDeliveries, FakeChannel, FixedClock, Sender]:
    store, channel, clock = FakeDeliveries(), FakeChannel(), FixedClock(NOW)
    for delivery in deliveries:
        store.post(delivery, NOW)
    return store, channel, clock, Sender(store, {"sms": channel}, clock, jitter=lambda: 0.0, **sender)  # type: ignore[arg-type]


async def test_a_delivery_the_channel_takes_is_recorded_sent_by_that_channel():
    store, channel, _, sender = _world(_delivery(1))
    assert await sender.run_once() == 1
    assert [d.delivery_id for d in channel.sent] == ["d1"]
    assert (store.status("d1"), store.rows["d1"].via) == ("sent", "demo")
    assert await sender.run_once() == 0, "a sent delivery is not claimed again"


async def test_a_transient_failure_is_tried_again_after_the_backoff_and_not_before():
    policy = RetryPolicy(first_delay=timedelta(seconds=30))
    store, channel, clock, sender = _world(_delivery(1), policy=policy)
    channel.failures.append(Failure("HTTP 503", permanent=False))
    await sender.run_once()
    row = store.rows["d1"]
    assert (row.status, row.due, row.error) == ("pending", NOW + timedelta(seconds=30), "HTTP 503")
    clock.advance(timedelta(seconds=29))
    assert await sender.run_once() == 0
    clock.advance(timedelta(seconds=1))
    assert await sender.run_once() == 1
    assert (store.status("d1"), store.rows["d1"].delivery.attempts) == ("sent", 2)


async def test_a_permanent_refusal_is_dead_at_once():
    store, channel, _, sender = _world(_delivery(1))
    channel.failures.append(Failure("HTTP 400: bad number", permanent=True))
    await sender.run_once()
    assert (store.status("d1"), store.rows["d1"].error) == ("dead", "HTTP 400: bad number")


async def test_the_last_attempt_that_fails_is_dead():
    store, channel, clock, sender = _world(_delivery(1), policy=RetryPolicy(max_attempts=2))
    channel.failures.extend([Failure("timeout", False), Failure("timeout", False)])
    await sender.run_once()
    clock.advance(timedelta(hours=2))
    await sender.run_once()
    assert (store.status("d1"), store.rows["d1"].delivery.attempts) == ("dead", 2)


async def test_a_bug_in_a_channel_is_a_transient_failure_not_a_lost_message():
    store, channel, _, sender = _world(_delivery(1))
    channel.failures.append(KeyError("oops"))
    await sender.run_once()
    assert store.status("d1") == "pending" and "KeyError" in (store.rows["d1"].error or "")


async def test_no_more_than_concurrency_sends_are_in_flight_and_a_full_batch_is_one_turn():
    _, channel, _, sender = _world(*(_delivery(n) for n in range(10)), concurrency=3, batch=10)
    channel.gate = asyncio.Event()
    turn = asyncio.create_task(sender.run_once())
    while channel.in_flight < 3:
        await asyncio.sleep(0)
    for _ in range(20):
        await asyncio.sleep(0)
    assert channel.in_flight == 3
    channel.gate.set()
    assert await turn == 10
    assert channel.most_in_flight == 3 and len(channel.sent) == 10


async def test_a_record_after_the_lease_was_lost_leaves_the_delivery_to_its_new_holder():
    store, channel, clock, sender = _world(_delivery(1), lease=timedelta(seconds=10))
    channel.gate = asyncio.Event()
    slow = asyncio.create_task(sender.run_once())
    while channel.in_flight < 1:
        await asyncio.sleep(0)
    clock.advance(timedelta(seconds=11))
    [again] = await store.claim(clock.now(), ["sms"], 10, timedelta(minutes=5), "other-sender")
    assert again.attempts == 2
    channel.gate.set()
    await slow
    assert store.status("d1") == "pending" and store.rows["d1"].token == "other-sender"


async def test_the_loop_outlives_a_database_outage_and_stops_when_asked():
    store, channel, _, sender = _world(_delivery(1), idle_seconds=0.01)
    store.down = True
    running = asyncio.create_task(sender.run())
    await asyncio.sleep(0.05)
    assert not running.done() and channel.sent == []
    store.down = False
    for _ in range(100):
        if channel.sent:
            break
        await asyncio.sleep(0.01)
    assert [d.delivery_id for d in channel.sent] == ["d1"]
    sender.stop()
    await asyncio.wait_for(running, 1)
    await sender.close()
    assert channel.closed
