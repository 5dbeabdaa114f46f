"""One queue-store suite, run on every backend: memory always, Redis when reachable (and, under
CI=true, failing when it is not). Each Redis test gets its own key prefix and deletes only its
own keys."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from queue_display.store import MemoryQueueStore, QueueStore, RedisQueueStore
from tests.services import REDIS_URL, require


async def reachable_redis() -> Redis:
    """A client on the test Redis, or a skip (a failure under CI=true) saying why."""
    client = Redis.from_url(REDIS_URL)
    try:
        await client.ping()
    except (RedisConnectionError, OSError):
        await client.aclose()
        require(False, f"Redis at {REDIS_URL}")
    return client


async def delete_prefix(client: Redis, prefix: str) -> None:
    keys = [key async for key in client.scan_iter(match=f"{prefix}:*", count=1000)]
    if keys:
        await client.delete(*keys)


def fresh_prefix() -> str:
    return f"mawid-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def make_store(request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    """A factory of stores on the parametrised backend, all sharing one Redis key space."""
    if request.param == "memory":
        yield lambda **options: MemoryQueueStore(**options)
        return
    client = await reachable_redis()
    prefix = fresh_prefix()
    yield lambda **options: RedisQueueStore(client, key_prefix=prefix, **options)
    await delete_prefix(client, prefix)
    await client.aclose()


@pytest.fixture(params=["memory", pytest.param("redis", marks=pytest.mark.redis)])
async def lose_everything(request: pytest.FixtureRequest) -> AsyncIterator[Any]:
    """``(new_store, lose)``: stores that stand for server processes, and what losing the live
    state is on the backend — Redis restarted empty (every key gone), or for memory a process
    restarted (a new store; ``lose`` then has nothing to wipe)."""
    if request.param == "memory":

        async def nothing() -> None:
            return None

        yield (lambda **options: MemoryQueueStore(**options)), nothing
        return
    client = await reachable_redis()
    prefix = fresh_prefix()

    async def wipe() -> None:
        await delete_prefix(client, prefix)

    yield (lambda **options: RedisQueueStore(client, key_prefix=prefix, **options)), wipe
    await delete_prefix(client, prefix)
    await client.aclose()


@pytest.fixture
def queue_store(make_store: Any) -> QueueStore:
    store: QueueStore = make_store()
    return store
