"""Counters calling at the same instant never get the same ticket: coroutines on every
backend, and OS processes with their own Redis clients on the Redis backend."""

from __future__ import annotations

import asyncio
import multiprocessing
from collections import Counter
from typing import Any

import pytest

from queue_display.counter import CounterStatus
from queue_display.store import QueueStore, RedisQueueStore
from tests.integration.queue_store import race_worker
from tests.integration.queue_store.conftest import delete_prefix, fresh_prefix, reachable_redis
from tests.services import REDIS_URL
from tests.unit.queue_display.factories import at

GIZA = "giza-passports"
SERVICES = ["passport-new", "visa-extension"]


async def _hall(store: QueueStore, tickets: int, counters: list[str]) -> list[int]:
    """Open the counters and issue the tickets; the seqs of the events that took."""
    seqs = []
    for counter in counters:
        seqs += [e.seq for e in (await store.set_counter(GIZA, counter, CounterStatus.OPEN, SERVICES)).events]
    for n in range(tickets):
        issued = await store.issue_walk_in(GIZA, SERVICES[n % 2], "P", at(n / 100))
        seqs += [e.seq for e in issued.events]
    return seqs


async def test_many_coroutines_calling_at_once_never_get_the_same_ticket(
    queue_store: QueueStore,
) -> None:
    counters = [str(n) for n in range(40)]
    await _hall(queue_store, 400, counters)

    async def counter_works(counter: str) -> list[str]:
        mine = []
        while (change := await queue_store.call_next(GIZA, counter, SERVICES, at(60))) is not None:
            mine.append(change.ticket.id)
            await queue_store.no_show(GIZA, change.ticket.id, at(60))
        return mine

    called = [t for mine in await asyncio.gather(*map(counter_works, counters)) for t in mine]
    assert len(called) == 400
    assert not [t for t, n in Counter(called).items() if n > 1], "a ticket was called twice"


@pytest.mark.redis
@pytest.mark.slow
def test_two_processes_calling_at_once_never_get_the_same_ticket(
    capsys: pytest.CaptureFixture[str],
) -> None:
    tickets, per_process = 600, 4
    prefix = fresh_prefix()
    processes_counters = [[f"{p}-{c}" for c in range(per_process)] for p in "AB"]
    all_counters = [c for counters in processes_counters for c in counters]
    setup_seqs = asyncio.run(_set_up(prefix, tickets, all_counters))

    spawn = multiprocessing.get_context("spawn")
    ready, go, results = spawn.Semaphore(0), spawn.Event(), spawn.Queue()
    workers = [
        spawn.Process(
            target=race_worker.race,
            args=(REDIS_URL, prefix, GIZA, counters, SERVICES, at(60), ready, go, results),
        )
        for counters in processes_counters
    ]
    try:
        for worker in workers:
            worker.start()
        for _ in workers:
            assert ready.acquire(timeout=60), "a racing process did not start"
        go.set()  # both processes start calling at the same instant
        outcomes: list[dict[str, Any]] = [results.get(timeout=120) for _ in workers]
    finally:
        for worker in workers:
            worker.join(timeout=30)
        asyncio.run(_tear_down(prefix))

    called = [t for outcome in outcomes for t in outcome["called"]]
    duplicates = [t for t, n in Counter(called).items() if n > 1]
    seqs = sorted(setup_seqs + [s for outcome in outcomes for s in outcome["seqs"]])
    assert duplicates == [], f"{len(duplicates)} tickets called twice"
    assert len(called) == tickets, "some tickets were never called"
    assert all(outcome["called"] for outcome in outcomes), "one process got no ticket: no race"
    assert seqs == list(range(1, len(seqs) + 1)), "seq skipped or repeated across processes"
    seconds = max(outcome["seconds"] for outcome in outcomes)
    with capsys.disabled():
        print(
            f"\n[race] {tickets} tickets, 2 processes × {per_process} counters: "
            f"{[len(o['called']) for o in outcomes]} calls, 0 duplicates, "
            f"{len(seqs)} gap-free seqs, {seconds:.2f} s "
            f"({tickets / seconds:.0f} call+start+complete cycles/s)"
        )


async def _set_up(prefix: str, tickets: int, counters: list[str]) -> list[int]:
    client = await reachable_redis()  # skips here, or fails under CI=true
    try:
        return await _hall(RedisQueueStore(client, key_prefix=prefix), tickets, counters)
    finally:
        await client.aclose()


async def _tear_down(prefix: str) -> None:
    client = await reachable_redis()
    await delete_prefix(client, prefix)
    await client.aclose()
