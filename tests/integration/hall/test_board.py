"""The public board data: the same object a screen gets as its first message."""

from __future__ import annotations

from tests.integration.hall.conftest import (
    ABBASSIA,
    PASSPORT,
    Client,
    Headers,
    call_next,
    open_counter,
    problem,
    walk_in,
)


async def test_the_board_shows_who_is_called_to_which_counter_and_who_waits(
    client: Client, kiosk: Headers, agent: Headers
) -> None:
    await walk_in(client, kiosk)
    await walk_in(client, kiosk)
    counter = await open_counter(client, agent)
    called = await call_next(client, agent, counter)
    board = (await client.get(f"/api/v1/offices/{ABBASSIA}/queue")).json()
    assert board["type"] == "snapshot" and board["office_id"] == ABBASSIA
    assert [(s["number"], s["counter"]) for s in board["serving"]] == [(called["number"], called["counter"])]
    assert board["recent"][0]["number"] == called["number"]
    assert board["waiting"] == {PASSPORT: 1}
    assert board["estimates"][PASSPORT] is not None
    assert board["seq"] >= 5


async def test_the_board_of_an_unknown_office_is_not_found(client: Client) -> None:
    problem(await client.get("/api/v1/offices/atlantis/queue"), 404, "office_not_found")
