"""The display feed of one server process (the embedded, in-memory default), read by a real
WebSocket client: snapshot, called events, gap-free seq, replay, fresh snapshots, pings."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from websockets.exceptions import ConnectionClosed

from tests.integration.display.conftest import PING_SECONDS
from tests.integration.display.hall_client import WAIT, Screen, Staff, without_estimates
from tests.live_server import LiveServer

HISTORY = 500  # queue_display.events.HISTORY: the log a screen can be replayed from


@pytest.fixture
async def staff(memory_site: LiveServer, office_id: str) -> AsyncIterator[Staff]:
    staff = await Staff.at(memory_site.url, office_id)
    yield staff
    await staff.close()


async def test_a_screen_first_gets_the_board_as_a_snapshot(memory_site: LiveServer, staff: Staff) -> None:
    service, _ = await staff.first_service_and_counter()
    await staff.walk_in(service)
    screen = await Screen.connect(memory_site.url, staff.office_id)
    snapshot = await screen.receive()
    assert snapshot == await staff.board()
    assert (snapshot["type"], snapshot["office_id"], snapshot["waiting"]) == (
        "snapshot",
        staff.office_id,
        {service: 1},
    )
    assert {"seq", "serving", "recent", "estimates"} <= snapshot.keys()
    # Nobody opened a counter: whoever waits is waiting for a service no open counter serves.
    assert (snapshot["unserved"], snapshot["open_services"]) == ({service: 1}, [])
    await screen.close()


async def test_a_call_next_reaches_the_screen_with_its_announcement(
    memory_site: LiveServer, staff: Staff
) -> None:
    service, counter = await staff.first_service_and_counter()
    await staff.open(counter)
    issued = await staff.walk_in(service)
    screen = await Screen.connect(memory_site.url, staff.office_id)
    snapshot = await screen.receive()
    called = await staff.call_next(counter)
    event = await screen.next_of("called")
    assert event["seq"] == snapshot["seq"] + 1
    assert (event["number"], event["counter"], event["service"]) == (
        issued["number"],
        called["counter"],
        service,
    )
    assert issued["number"] in event["announce"]["ar"] and issued["number"] in event["announce"]["en"]
    await screen.close()


async def test_seq_rises_by_exactly_one_while_many_things_happen_at_once(
    memory_site: LiveServer, staff: Staff
) -> None:
    service, counter = await staff.first_service_and_counter()
    screen = await Screen.connect(memory_site.url, staff.office_id)
    start = (await screen.receive())["seq"]
    await staff.open(counter)
    await asyncio.gather(*(staff.walk_in(service) for _ in range(30)))
    for _ in range(5):
        ticket = await staff.call_next(counter)
        await staff.step(ticket["ticket_id"], "start")  # a no-show must wait (queue_display.no_show)
        await staff.step(ticket["ticket_id"], "complete")
    last = (await staff.board())["seq"]
    seqs = [event["seq"] for event in await screen.events_through(last)]
    assert seqs == list(range(start + 1, last + 1))
    await screen.close()


async def test_a_screen_coming_back_with_after_gets_exactly_what_it_missed(
    memory_site: LiveServer, staff: Staff
) -> None:
    service, counter = await staff.first_service_and_counter()
    await staff.open(counter)
    watching = await Screen.connect(memory_site.url, staff.office_id)
    away = await Screen.connect(memory_site.url, staff.office_id)
    seen = (await away.receive())["seq"]
    await watching.receive()
    await away.close()
    await staff.walk_in(service)
    await staff.call_next(counter)
    last = (await staff.board())["seq"]
    missed = await watching.events_through(last)
    back = await Screen.connect(memory_site.url, staff.office_id, after=seen)
    replayed = [await back.receive() for _ in missed]
    # Live copies of queue events also carry the new estimates; the log's copies do not.
    assert replayed == [without_estimates(e) for e in missed]
    assert [e["type"] for e in replayed][-2:] == ["called", "queue"]
    assert service in missed[-1]["estimates"]
    assert (missed[-1]["unserved"], service in missed[-1]["open_services"]) == ({}, True)
    assert (await back.receive())["type"] == "ping"
    await asyncio.gather(watching.close(), back.close())


async def test_a_screen_away_longer_than_the_history_gets_a_fresh_snapshot(
    memory_site: LiveServer, staff: Staff
) -> None:
    service, _ = await staff.first_service_and_counter()
    away = await Screen.connect(memory_site.url, staff.office_id)
    seen = (await away.receive())["seq"]
    await away.close()
    for _ in range(HISTORY // 25 + 1):
        await asyncio.gather(*(staff.walk_in(service) for _ in range(25)))
    back = await Screen.connect(memory_site.url, staff.office_id, after=seen)
    snapshot = await back.receive()
    assert snapshot["type"] == "snapshot"
    assert snapshot["seq"] == seen + HISTORY + 25 and snapshot["waiting"][service] == HISTORY + 25
    await back.close()


async def test_a_quiet_screen_hears_a_ping_every_interval(memory_site: LiveServer, staff: Staff) -> None:
    screen = await Screen.connect(memory_site.url, staff.office_id)
    snapshot = await screen.receive()
    loop = asyncio.get_running_loop()
    pings = [await screen.next_of("ping") for _ in range(3)]  # one at once, then every interval
    started = loop.time()
    await screen.next_of("ping")
    assert loop.time() - started < PING_SECONDS * 3
    assert all(p["last_seq"] == snapshot["seq"] and "seq" not in p for p in pings)
    await screen.close()


async def test_a_screen_for_an_unknown_office_is_told_why_and_closed(memory_site: LiveServer) -> None:
    screen = await Screen.connect(memory_site.url, "atlantis")
    error = await screen.receive()
    assert (error["type"], error["code"]) == ("error", "office_not_found") and error["detail_ar"]
    with pytest.raises(ConnectionClosed) as closed:
        await asyncio.wait_for(screen.socket.recv(), WAIT)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4404
