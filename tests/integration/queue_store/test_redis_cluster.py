"""The Redis queue store on a real three-master Redis Cluster: each office's keys share a hash
tag, so every script of an office runs on the one node that owns its slot, and two offices can
live on different masters. The same steps as on one Redis: issue, check in, call next, complete,
transfer, the board, the display log's replay, and taking a lost day up again from the archive."""

from __future__ import annotations

import asyncio
import itertools
import json
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
import websockets
from redis.asyncio import Redis
from redis.asyncio.cluster import ClusterNode, RedisCluster
from redis.crc import key_slot

from api.cli import prepare
from api.redis_connection import redis_client
from api.settings import Settings
from queue_display import ticket
from queue_display.counter import CounterState, CounterStatus
from queue_display.restoration import Restoration
from queue_display.store import RedisQueueStore
from tests.integration.helpers import ABBASSIA, login
from tests.integration.queue_store.conftest import fresh_prefix
from tests.integration.queue_store.redis_cluster import RedisClusterNodes, redis_cluster
from tests.live_server import live_server
from tests.unit.queue_display.factories import at, walk_in

pytestmark = [pytest.mark.redis, pytest.mark.slow]

GIZA, ALEX = "giza-passports", "alex-passports"
PASSPORT, VISA = "passport-new", "visa-extension"


@pytest.fixture(scope="module")
def cluster_nodes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RedisClusterNodes]:
    with redis_cluster(tmp_path_factory.mktemp("redis-cluster")) as nodes:
        yield nodes


@pytest.fixture
async def cluster(cluster_nodes: RedisClusterNodes) -> AsyncIterator[RedisCluster]:
    client = RedisCluster(startup_nodes=[ClusterNode(h, p) for h, p in cluster_nodes.startup_nodes])
    yield client
    await client.aclose()


@pytest.fixture
def store(cluster: RedisCluster) -> RedisQueueStore:
    return RedisQueueStore(cluster, key_prefix=fresh_prefix())


async def test_two_offices_issue_call_and_complete_on_the_cluster(store: RedisQueueStore) -> None:
    for office in (GIZA, ALEX):
        await store.set_counter(office, "1", CounterStatus.OPEN, [PASSPORT, VISA])
    giza = [await store.issue_walk_in(GIZA, PASSPORT, "P", at(m)) for m in range(3)]
    alex = await store.issue_walk_in(ALEX, VISA, "V", at(1))
    booked = await store.check_in(GIZA, "BK000001", PASSPORT, "P", at(60), at(4))  # early: not due yet
    assert [i.ticket.number for i in giza] + [booked.ticket.number] == ["P-001", "P-002", "P-003", "P-004"]
    assert alex.ticket.number == "V-001"  # each office numbers its own day
    assert (await store.checked_in_ticket(GIZA, at(60).date(), "BK000001")) == booked.ticket

    called = await store.call_next(GIZA, "1", [PASSPORT, VISA], at(5))
    assert called is not None and called.ticket.number == "P-001"
    assert (await store.counter_ticket(GIZA, "1", at(5))) == called.ticket
    await store.start(GIZA, called.ticket.id, at(6))
    done = await store.complete(GIZA, called.ticket.id, at(11))
    assert done.ticket.status is ticket.TicketStatus.DONE and done.ticket.service_seconds == 300
    other = await store.call_next(ALEX, "1", [PASSPORT, VISA], at(6))
    assert other is not None and other.ticket.number == "V-001"

    assert await store.waiting_counts(GIZA, at(12)) == {PASSPORT: 3}  # two walk-ins, one early booking
    assert await store.counters(ALEX) == [CounterState("1", CounterStatus.OPEN, frozenset({PASSPORT, VISA}))]


async def test_a_transfer_keeps_the_number_and_the_board_shows_it(store: RedisQueueStore) -> None:
    await store.set_counter(GIZA, "1", CounterStatus.OPEN, [PASSPORT])
    await store.set_counter(GIZA, "2", CounterStatus.OPEN, [VISA])
    await store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    called = await store.call_next(GIZA, "1", [PASSPORT], at(1))
    assert called is not None
    moved = await store.transfer(GIZA, called.ticket.id, VISA, at(2))
    assert moved.transferred is not None and moved.ticket.number == "P-001" and moved.ticket.service == VISA
    again = await store.call_next(GIZA, "2", [VISA], at(3))
    assert again is not None and again.ticket.id == moved.ticket.id

    board = await store.board(GIZA, at(4))
    assert [(s.number, s.counter) for s in board.serving] == [("P-001", "2")]
    assert board.waiting == {PASSPORT: 0, VISA: 0}
    assert board.seq == await store.last_seq(GIZA)


async def test_a_screen_that_missed_events_gets_them_replayed(store: RedisQueueStore) -> None:
    await store.set_counter(GIZA, "1", CounterStatus.OPEN, [PASSPORT])
    seen = await store.last_seq(GIZA)
    issued = await store.issue_walk_in(GIZA, PASSPORT, "P", at(0))
    called = await store.call_next(GIZA, "1", [PASSPORT], at(1))
    assert called is not None
    missed = await store.events_after(GIZA, seen)
    assert missed == [*issued.events, *called.events]
    assert await store.events_after(ALEX, 0) == []


async def test_a_lost_day_is_taken_up_from_the_archive_on_the_cluster(store: RedisQueueStore) -> None:
    waiting = replace(walk_in(1, 0), office_id=ALEX)
    serving = ticket.start(ticket.call(replace(walk_in(2, 1), office_id=ALEX), "1", at(2)), at(3))
    counters = [CounterState("1", CounterStatus.OPEN, frozenset({PASSPORT}))]
    taken = await store.restore(Restoration(ALEX, [waiting, serving], counters, 100))
    assert taken == 2
    assert await store.restore(Restoration(ALEX, [waiting, serving], counters, 100)) == 0  # kept: no-op
    assert (await store.counter_ticket(ALEX, "1", at(4))) == serving
    fresh = await store.issue_walk_in(ALEX, PASSPORT, "P", at(5))
    assert fresh.ticket.number == "P-003" and fresh.events[0].seq > 100


async def test_an_office_whose_keys_vanished_is_taken_up_again_while_serving(
    store: RedisQueueStore, cluster: RedisCluster
) -> None:
    """What a master restarted empty does to its offices: the next step notices, takes the day up
    from the archive under the office's lock (a key in the same slot) and carries on."""
    archive: list[ticket.Ticket] = []
    numbers = itertools.count(1)
    counters = [CounterState("1", CounterStatus.OPEN, frozenset({PASSPORT}))]

    async def take_up(office_id: str) -> Restoration:
        return Restoration(office_id, [t for t in archive if t.office_id == office_id], counters, 100)

    async def next_number(office_id: str, day: date) -> int:
        return next(numbers)

    store.attach(take_up, next_number)
    await store.set_counter(GIZA, "1", CounterStatus.OPEN, [PASSPORT])
    archive += [(await store.issue_walk_in(GIZA, PASSPORT, "P", at(m))).ticket for m in range(2)]
    base = store.office_key(GIZA)
    keys = [k async for k in cluster.scan_iter(match=f"{base}:*", target_nodes=RedisCluster.ALL_NODES)]
    assert await cluster.delete(*keys) == len(keys)

    third = await store.issue_walk_in(GIZA, PASSPORT, "P", at(2))
    assert third.ticket.number == "P-003"
    assert await store.counters(GIZA) == counters
    called = await store.call_next(GIZA, "1", [PASSPORT], at(3))
    assert called is not None and called.ticket.number == "P-001"


async def test_every_key_of_an_office_is_in_its_one_slot(
    store: RedisQueueStore, cluster: RedisCluster
) -> None:
    for office in (GIZA, ALEX):
        await store.set_counter(office, "1", CounterStatus.OPEN, [PASSPORT])
        issued = await store.issue_walk_in(office, PASSPORT, "P", at(0))
        await store.call_next(office, "1", [PASSPORT], at(1))
        await store.start(office, issued.ticket.id, at(2))
        await store.complete(office, issued.ticket.id, at(3))
    for office in (GIZA, ALEX):
        base = store.office_key(office)
        node = cluster.get_node_from_key(base)
        keys = [
            k.decode()
            async for k in cluster.scan_iter(match=f"{base}:*", target_nodes=RedisCluster.ALL_NODES)
        ]
        assert len(keys) >= 5
        assert {key_slot(k.encode()) for k in keys} == {key_slot(office.encode())}
        assert all(cluster.get_node_from_key(k) == node for k in keys)


async def test_the_connection_helper_gives_a_cluster_client_for_a_cluster_url(
    cluster_nodes: RedisClusterNodes,
) -> None:
    client = redis_client(cluster_nodes.url)
    try:
        assert isinstance(client, RedisCluster)
        assert await client.ping()
        assert len(client.get_primaries()) == 3
    finally:
        await client.aclose()
    single = redis_client("redis://127.0.0.1:6379/0")
    assert isinstance(single, Redis) and not isinstance(single, RedisCluster)
    assert single.connection_pool.connection_kwargs["socket_timeout"] == 2
    await single.aclose()


async def test_a_server_on_the_cluster_runs_a_hall_and_its_screen_hears_the_call(
    cluster_nodes: RedisClusterNodes, tmp_path: Path
) -> None:
    """A real ``mawid`` server process with ``MAWID_REDIS_URL=redis+cluster://…``: the kiosk
    issues, a counter calls, and a screen connected over WebSocket receives the call."""
    env = {
        "MAWID_DATABASE_URL": f"sqlite:///{tmp_path / 'mawid.sqlite3'}",
        "MAWID_REDIS_URL": cluster_nodes.url,
        "MAWID_REDIS_PREFIX": fresh_prefix(),
        "MAWID_SECRET_KEY": "cluster-test-secret-0123456789abcdef-0123",
        "MAWID_CLOCK": "2026-12-06T08:30:00+02:00",
    }
    await prepare(
        Settings(database_url=env["MAWID_DATABASE_URL"], demo=True, clock=env["MAWID_CLOCK"]), seed=True
    )
    with live_server(env) as server:
        async with httpx.AsyncClient(base_url=server.url, timeout=10) as client:
            kiosk, agent = await login(client, "kiosk.abbassia"), await login(client, "agent.abbassia")
            office = (await client.get(f"/api/v1/offices/{ABBASSIA}")).json()
            desk = office["counters"][0]
            ws_url = server.url.replace("http", "ws") + f"/ws/offices/{ABBASSIA}/display"
            async with websockets.connect(ws_url) as screen:
                await asyncio.wait_for(screen.recv(), 10)  # the snapshot
                base = f"/api/v1/offices/{ABBASSIA}"
                opened = await client.post(
                    f"{base}/counters/{desk['id']}/status", json={"status": "open"}, headers=agent
                )
                assert opened.status_code == 200, opened.text
                issued = await client.post(
                    f"{base}/tickets", json={"service": desk["services"][0]}, headers=kiosk
                )
                assert issued.status_code == 201, issued.text
                called = await client.post(f"{base}/counters/{desk['id']}/call-next", headers=agent)
                assert called.status_code == 200, called.text
                heard = await asyncio.wait_for(_called(screen), 10)
                assert heard["number"] == issued.json()["number"] == called.json()["ticket"]["number"]


async def _called(screen: Any) -> dict[str, Any]:
    while True:
        message = json.loads(await screen.recv())
        if message.get("type") == "called":
            return message
