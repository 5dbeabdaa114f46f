"""What only the Redis backend promises: cluster-friendly keys, and many processes acting as one."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from redis.asyncio import Redis
from redis.crc import key_slot

from queue_display.counter import CounterStatus
from queue_display.store import RedisQueueStore
from tests.integration.queue_store.conftest import delete_prefix, fresh_prefix, reachable_redis
from tests.unit.queue_display.factories import at

pytestmark = pytest.mark.redis
GIZA = "giza-passports"


@pytest.fixture
async def redis_prefix() -> AsyncIterator[tuple[Redis, str]]:
    client, prefix = await reachable_redis(), fresh_prefix()
    yield client, prefix
    await delete_prefix(client, prefix)
    await client.aclose()


async def test_every_key_of_an_office_shares_one_cluster_slot(
    redis_prefix: tuple[Redis, str],
) -> None:
    client, prefix = redis_prefix
    store = RedisQueueStore(client, key_prefix=prefix)
    await store.set_counter(GIZA, "1", CounterStatus.OPEN, ["passport-new"])
    first = await store.issue_walk_in(GIZA, "passport-new", "P", at(0))
    await store.check_in(GIZA, "EARLY001", "passport-new", "P", at(90), at(1))
    await store.call_next(GIZA, "1", ["passport-new"], at(2))
    await store.start(GIZA, first.ticket.id, at(3))
    await store.complete(GIZA, first.ticket.id, at(9))
    keys = [key.decode() async for key in client.scan_iter(match=f"{prefix}:*")]
    assert len(keys) >= 10
    assert all(key.startswith(f"{prefix}:{{{GIZA}}}:") for key in keys)
    assert {key_slot(key.encode()) for key in keys} == {key_slot(GIZA.encode())}


def test_key_prefix_with_braces_is_refused() -> None:
    with pytest.raises(ValueError, match="brace"):
        RedisQueueStore(Redis(), key_prefix="mawid{x}")


async def test_a_call_through_one_client_shows_on_the_board_of_another(
    redis_prefix: tuple[Redis, str],
) -> None:
    client, prefix = redis_prefix
    other_client = await reachable_redis()
    kiosk = RedisQueueStore(client, key_prefix=prefix)
    screen_side = RedisQueueStore(other_client, key_prefix=prefix)
    try:
        await kiosk.set_counter(GIZA, "4", CounterStatus.OPEN, ["passport-new"])
        await kiosk.issue_walk_in(GIZA, "passport-new", "P", at(0))
        called = await kiosk.call_next(GIZA, "4", ["passport-new"], at(1))
        board = await screen_side.board(GIZA, at(2))
        missed = await screen_side.events_after(GIZA, 1)
    finally:
        await other_client.aclose()
    assert called is not None
    assert [(row.number, row.counter) for row in board.serving] == [("P-001", "4")]
    assert [e.seq for e in missed or []] == [2, 3, 4]
    assert board.seq == 4
