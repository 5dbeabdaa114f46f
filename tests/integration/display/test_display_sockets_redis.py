"""The cap on display sockets per client address holds across server processes when they share
Redis: two real processes, one address, one cap. And the places themselves, on real Redis: a
process that dies gives its places back when their leases lapse, a live socket keeps renewing
its own, and without Redis each process counts alone (``api.display_guard.DisplaySockets``)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from websockets.asyncio.client import ClientConnection, connect

from api.display_guard import DisplaySockets
from api.redis_connection import redis_client
from tests.integration.display.conftest import server_env, server_pair
from tests.live_server import LiveServer, free_port
from tests.services import REDIS_URL

CAP = 3
ADDRESS = "203.0.113.9"


@pytest.fixture(scope="module")
def capped_pair(
    sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory, redis_prefix: str
) -> Iterator[tuple[LiveServer, LiveServer]]:
    """Two server processes on one database and one Redis, three display sockets per address."""
    data_dir = tmp_path_factory.mktemp("display-sockets")
    redis = {"MAWID_REDIS_URL": REDIS_URL, "MAWID_REDIS_PREFIX": redis_prefix}
    env = server_env(data_dir, sqlite_template, **redis, MAWID_DISPLAY_SOCKETS_PER_ADDRESS=str(CAP))
    with server_pair(env) as pair:
        yield pair


def _ws(server: LiveServer, office_id: str) -> str:
    return server.url.replace("http://", "ws://") + f"/ws/offices/{office_id}/display"


async def _first(socket: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(await asyncio.wait_for(socket.recv(), timeout=5))
    return message


async def _refused(url: str) -> tuple[int | None, str]:
    async with connect(url, open_timeout=5) as socket:
        message = await _first(socket)
        await asyncio.wait_for(socket.wait_closed(), timeout=5)
        return socket.close_code, message["code"]


async def test_one_address_holds_its_share_of_sockets_across_two_processes(
    capped_pair: tuple[LiveServer, LiveServer], office_id: str
) -> None:
    first, second = capped_pair
    held = [await connect(_ws(server, office_id), open_timeout=5) for server in (first, second, first)]
    try:
        for socket in held:
            assert (await _first(socket))["type"] == "snapshot"
        # Each process holds fewer than three, but together they hold the address's three.
        for server in (second, first):
            assert await _refused(_ws(server, office_id)) == (4429, "too_many_sockets")
        await held.pop(0).close()  # a screen on the first process goes away
        await asyncio.sleep(0.5)  # the first process hears it and gives the place back in Redis
        async with connect(_ws(second, office_id), open_timeout=5) as again:
            assert (await _first(again))["type"] == "snapshot"
    finally:
        for socket in held:
            await socket.close()


async def test_a_dead_processs_places_lapse_and_a_live_socket_keeps_its_own(redis_prefix: str) -> None:
    dead = DisplaySockets(CAP, redis_client(REDIS_URL), redis_prefix + ":lapse", lease_seconds=0.6)
    alive = DisplaySockets(CAP, redis_client(REDIS_URL), redis_prefix + ":lapse", lease_seconds=0.6)
    try:
        # A process takes three places and dies before giving them back (nothing renews them).
        key = dead._key(ADDRESS)
        assert [await dead._take_shared(key, f"gone:{n}") for n in range(CAP)] == [True] * CAP
        async with alive.hold(ADDRESS) as allowed:
            assert not allowed
        await asyncio.sleep(0.8)
        async with alive.hold(ADDRESS) as allowed:
            assert allowed
            # While its socket lives the place is renewed: long past one lease, it still counts.
            async with alive.hold(ADDRESS) as second, alive.hold(ADDRESS) as third:
                assert second and third
                await asyncio.sleep(1.5)
                async with dead.hold(ADDRESS) as fourth:
                    assert not fourth
        async with dead.hold(ADDRESS) as after_closing:
            assert after_closing, "closed sockets gave their places back"
    finally:
        await dead.close()
        await alive.close()


async def test_without_redis_each_process_counts_alone() -> None:
    unreachable = DisplaySockets(1, redis_client(f"redis://127.0.0.1:{free_port()}/0"), "nowhere")
    try:
        async with unreachable.hold(ADDRESS) as allowed:
            assert allowed and unreachable.open_for(ADDRESS) == 1
            async with unreachable.hold(ADDRESS) as second:
                assert not second, "the process's own count still holds the cap"
        assert unreachable.open_for(ADDRESS) == 0
    finally:
        await unreachable.close()
