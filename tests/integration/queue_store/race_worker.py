"""One OS process of the call-next race: its own event loop, Redis client and store, several
counters calling as fast as they can once the starting gun fires."""

from __future__ import annotations

import asyncio
import time
from datetime import datetime
from typing import Any

from redis.asyncio import Redis

from queue_display.store import RedisQueueStore


def race(
    url: str,
    prefix: str,
    office_id: str,
    counters: list[str],
    services: list[str],
    now: datetime,
    ready: Any,
    go: Any,
    results: Any,
) -> None:
    ready.release()
    go.wait()
    results.put(asyncio.run(_counters_call(url, prefix, office_id, counters, services, now)))


async def _counters_call(
    url: str,
    prefix: str,
    office_id: str,
    counters: list[str],
    services: list[str],
    now: datetime,
) -> dict[str, Any]:
    client = Redis.from_url(url)
    store = RedisQueueStore(client, key_prefix=prefix)
    called: list[str] = []
    seqs: list[int] = []

    async def counter_works(counter: str) -> None:
        while (change := await store.call_next(office_id, counter, services, now)) is not None:
            called.append(change.ticket.id)
            for step in (store.start, store.complete):
                seqs.extend(e.seq for e in (await step(office_id, change.ticket.id, now)).events)
            seqs.extend(e.seq for e in change.events)

    started = time.perf_counter()
    await asyncio.gather(*(counter_works(c) for c in counters))
    elapsed = time.perf_counter() - started
    await client.aclose()
    return {"called": called, "seqs": seqs, "seconds": elapsed}
